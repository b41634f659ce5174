/* dlg-draw-csv.c — quotas and pools of a draw from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Features (quotas): a header `feature,value,min,max[,min_flex,max_flex]`, or the older
 * `category,name,min,max` (also `category,feature,…`). People: a header with one column per
 * category, an optional id column, optional household columns; other columns are ignored.
 * Every error names the file and the line: %DLG_DRAW_ERROR_CSV_FORMAT for the shape of the file,
 * %DLG_DRAW_ERROR_INVALID_QUOTA and %DLG_DRAW_ERROR_INVALID_PERSON for what a row says; what
 * dlg_csv_read_file() refuses comes through as it is.
 */

#define G_LOG_DOMAIN "dlg-draw"

#include "config.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-csv.h"
#include "dlg-draw-csv.h"
#include "dlg-draw-error.h"
#include "dlg-draw-private.h"

static int
find_column (DlgCsvRow  *header,
             const char *name)
{
  for (guint i = 0; i < header->n_fields; i++)
    if (g_ascii_strcasecmp (g_strstrip (header->fields[i]), name) == 0)
      return i;
  return -1;
}

static gboolean
parse_count (const char  *text,
             int         *out)
{
  g_autofree char *copy = g_strstrip (g_strdup (text));
  gint64 value;
  char *end;

  if (*copy == '\0' || !(g_ascii_isdigit (*copy) || *copy == '+'))
    return FALSE;
  errno = 0;
  value = g_ascii_strtoll (copy, &end, 10);
  if (errno != 0 || *end != '\0' || value < 0 || value > G_MAXINT)
    return FALSE;
  *out = (int) value;
  return TRUE;
}

static gboolean
prefix_error (GError     **error,
              GError      *local_error,
              const char  *display_name,
              guint        line)
{
  g_set_error (error, local_error->domain, local_error->code, _("%s, line %u: %s"), display_name,
               line, local_error->message);
  g_error_free (local_error);
  return FALSE;
}

static gboolean
check_field_count (DlgCsvRow   *row,
                   guint        expected,
                   const char  *display_name,
                   GError     **error)
{
  if (row->n_fields == expected)
    return TRUE;
  g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_CSV_FORMAT,
               _("%s, line %u: %u fields where the header has %u."), display_name, row->line,
               row->n_fields, expected);
  return FALSE;
}

/**
 * dlg_draw_csv_read_features:
 * @input: an input without people yet
 * @path: a CSV file of quotas
 * @error: return location for a #GError
 *
 * Adds the quotas of @path to @input.
 */
gboolean
dlg_draw_csv_read_features (DlgDrawInput  *input,
                            const char    *path,
                            GError       **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *display_name = NULL;
  DlgCsvRow *header;
  int category_col, value_col, min_col, max_col, min_flex_col, max_flex_col;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rows = dlg_csv_read_file (path, error);
  if (rows == NULL)
    return FALSE;
  display_name = g_filename_display_name (path);
  if (rows->len == 0)
    {
      g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_CSV_FORMAT, _("%s is empty."),
                   display_name);
      return FALSE;
    }
  header = g_ptr_array_index (rows, 0);
  category_col = find_column (header, "feature");
  value_col = find_column (header, "value");
  if (category_col < 0 || value_col < 0)
    {
      category_col = find_column (header, "category");
      value_col = find_column (header, "name");
      if (value_col < 0)
        value_col = find_column (header, "feature");
      if (value_col < 0)
        value_col = find_column (header, "value");
    }
  min_col = find_column (header, "min");
  max_col = find_column (header, "max");
  min_flex_col = find_column (header, "min_flex");
  max_flex_col = find_column (header, "max_flex");
  if (category_col < 0 || value_col < 0 || min_col < 0 || max_col < 0)
    {
      g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_CSV_FORMAT,
                   _("%s, line %u: the header needs the columns feature, value, min and max "
                     "(or category, name, min and max)."), display_name, header->line);
      return FALSE;
    }

  for (guint r = 1; r < rows->len; r++)
    {
      DlgCsvRow *row = g_ptr_array_index (rows, r);
      int min, max, min_flex = DLG_DRAW_FLEX_UNSET, max_flex = DLG_DRAW_FLEX_UNSET;
      GError *local_error = NULL;
      const char *bad = NULL;

      if (!check_field_count (row, header->n_fields, display_name, error))
        return FALSE;
      if (!parse_count (row->fields[min_col], &min))
        bad = row->fields[min_col];
      else if (!parse_count (row->fields[max_col], &max))
        bad = row->fields[max_col];
      else if (min_flex_col >= 0 && *g_strstrip (row->fields[min_flex_col]) != '\0'
               && !parse_count (row->fields[min_flex_col], &min_flex))
        bad = row->fields[min_flex_col];
      else if (max_flex_col >= 0 && *g_strstrip (row->fields[max_flex_col]) != '\0'
               && !parse_count (row->fields[max_flex_col], &max_flex))
        bad = row->fields[max_flex_col];
      if (bad != NULL)
        {
          g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_QUOTA,
                       _("%s, line %u: “%s” is not a whole number of people."), display_name,
                       row->line, bad);
          return FALSE;
        }
      if (!dlg_draw_input_add_quota (input, g_strstrip (row->fields[category_col]),
                                     g_strstrip (row->fields[value_col]), min, max, min_flex,
                                     max_flex, &local_error))
        return prefix_error (error, local_error, display_name, row->line);
    }
  return TRUE;
}

/* The quota value of @category matching @text: exactly, else ignoring case. */
static const char *
match_value (DlgDrawInput *input,
             guint         category,
             const char   *text)
{
  const char *loose = NULL;

  for (guint q = 0; q < dlg_draw_input_get_n_quotas (input); q++)
    {
      const DlgDrawQuota *quota = dlg_draw_input_peek_quota (input, q);

      if (quota->category_index != (int) category)
        continue;
      if (g_str_equal (quota->value, text))
        return quota->value;
      if (loose == NULL)
        {
          g_autofree char *a = g_utf8_casefold (quota->value, -1);
          g_autofree char *b = g_utf8_casefold (text, -1);

          if (g_str_equal (a, b))
            loose = quota->value;
        }
    }
  return loose;
}

static int
find_category_column (DlgCsvRow  *header,
                      const char *category)
{
  for (guint i = 0; i < header->n_fields; i++)
    if (g_str_equal (g_strstrip (header->fields[i]), category))
      return i;
  return find_column (header, category);
}

/**
 * dlg_draw_csv_read_people:
 * @input: an input with its quotas
 * @path: a CSV file of people
 * @id_column: (nullable): the column of ids; by default a column named "id" or ending in
 *   "_id", else the row numbers
 * @household_columns: (nullable) (array zero-terminated=1): columns that together make a
 *   household (an address), or %NULL
 * @error: return location for a #GError
 *
 * Adds the people of @path to @input.
 */
gboolean
dlg_draw_csv_read_people (DlgDrawInput       *input,
                          const char         *path,
                          const char         *id_column,
                          const char *const  *household_columns,
                          GError            **error)
{
  g_autoptr(GPtrArray) rows = NULL;
  g_autofree char *display_name = NULL;
  g_autofree int *category_cols = NULL;
  g_autofree int *household_cols = NULL;
  g_autofree const char **values = NULL;
  g_autoptr(GHashTable) id_lines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint n_categories, n_household = 0;
  DlgCsvRow *header;
  int id_col = -1;

  g_return_val_if_fail (input != NULL, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  rows = dlg_csv_read_file (path, error);
  if (rows == NULL)
    return FALSE;
  display_name = g_filename_display_name (path);
  if (rows->len == 0)
    {
      g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_CSV_FORMAT, _("%s is empty."),
                   display_name);
      return FALSE;
    }
  header = g_ptr_array_index (rows, 0);

  if (id_column != NULL)
    {
      id_col = find_column (header, id_column);
      if (id_col < 0)
        {
          g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_CSV_FORMAT,
                       _("%s, line %u: there is no id column “%s”."), display_name,
                       header->line, id_column);
          return FALSE;
        }
    }
  else
    {
      id_col = find_column (header, "id");
      for (guint i = 0; id_col < 0 && i < header->n_fields; i++)
        {
          g_autofree char *lower = g_ascii_strdown (g_strstrip (header->fields[i]), -1);

          if (g_str_has_suffix (lower, "_id"))
            id_col = i;
        }
    }

  n_categories = dlg_draw_input_get_n_categories (input);
  category_cols = g_new (int, MAX (1, n_categories));
  values = g_new0 (const char *, n_categories + 1);
  for (guint c = 0; c < n_categories; c++)
    {
      const char *category = dlg_draw_input_get_category (input, c);

      category_cols[c] = find_category_column (header, category);
      if (category_cols[c] < 0)
        {
          g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_CSV_FORMAT,
                       _("%s, line %u: there is no column for the category “%s”."),
                       display_name, header->line, category);
          return FALSE;
        }
    }
  if (household_columns != NULL)
    n_household = g_strv_length ((char **) household_columns);
  household_cols = g_new (int, MAX (1, n_household));
  for (guint h = 0; h < n_household; h++)
    {
      household_cols[h] = find_column (header, household_columns[h]);
      if (household_cols[h] < 0)
        {
          g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_CSV_FORMAT,
                       _("%s, line %u: there is no household column “%s”."), display_name,
                       header->line, household_columns[h]);
          return FALSE;
        }
    }

  for (guint r = 1; r < rows->len; r++)
    {
      DlgCsvRow *row = g_ptr_array_index (rows, r);
      g_autofree char *row_id = NULL;
      g_autoptr(GString) household = NULL;
      gboolean has_household = FALSE;
      GError *local_error = NULL;
      const char *id;

      if (!check_field_count (row, header->n_fields, display_name, error))
        return FALSE;
      if (id_col >= 0)
        id = g_strstrip (row->fields[id_col]);
      else
        id = row_id = g_strdup_printf ("%u", r);
      if (*id == '\0')
        {
          g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_PERSON,
                       _("%s, line %u: the id is empty."), display_name, row->line);
          return FALSE;
        }
      if (g_hash_table_contains (id_lines, id))
        {
          g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_PERSON,
                       _("%s, line %u: the id “%s” is already used on line %u."),
                       display_name, row->line, id,
                       GPOINTER_TO_UINT (g_hash_table_lookup (id_lines, id)));
          return FALSE;
        }
      g_hash_table_insert (id_lines, g_strdup (id), GUINT_TO_POINTER (row->line));

      for (guint c = 0; c < n_categories; c++)
        {
          const char *text = g_strstrip (row->fields[category_cols[c]]);

          values[c] = match_value (input, c, text);
          if (values[c] == NULL)
            {
              g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_PERSON,
                           _("%s, line %u: “%s” is not a value of %s in the quotas."),
                           display_name, row->line, text, dlg_draw_input_get_category (input, c));
              return FALSE;
            }
        }
      if (n_household > 0)
        {
          household = g_string_new (NULL);
          for (guint h = 0; h < n_household; h++)
            {
              const char *part = g_strstrip (row->fields[household_cols[h]]);
              g_autofree char *folded = g_utf8_casefold (part, -1);

              has_household |= *part != '\0';
              g_string_append (household, folded);
              g_string_append_c (household, '\x1f');
            }
        }
      if (!dlg_draw_input_add_person (input, id, values,
                                      has_household ? household->str : NULL, &local_error))
        return prefix_error (error, local_error, display_name, row->line);
    }
  return TRUE;
}
