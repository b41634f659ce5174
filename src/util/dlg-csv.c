/* dlg-csv.c — a small, careful CSV reader (RFC 4180, CRLF, UTF-8 BOM)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Fields are separated by commas; a field in double quotes may hold commas, line breaks and
 * doubled quotes. Lines end with LF, CRLF or CR. A UTF-8 byte order mark is skipped; any other
 * invalid UTF-8 is refused. Blank lines are skipped. Errors name the file and the line.
 */

#define G_LOG_DOMAIN "dlg-csv"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-csv.h"
#include "dlg-error.h"

void
dlg_csv_row_free (DlgCsvRow *row)
{
  if (row == NULL)
    return;
  g_strfreev (row->fields);
  g_free (row);
}

static void
finish_row (GPtrArray *rows,
            GPtrArray *fields,
            guint      line)
{
  DlgCsvRow *row;

  /* a blank line is one empty, unquoted field */
  if (fields->len == 1 && *(char *) g_ptr_array_index (fields, 0) == '\0')
    {
      g_ptr_array_set_size (fields, 0);
      return;
    }
  row = g_new0 (DlgCsvRow, 1);
  row->line = line;
  row->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  row->fields = (char **) g_ptr_array_steal (fields, NULL);
  g_ptr_array_add (rows, row);
}

/**
 * dlg_csv_parse:
 * @data: the bytes of the file
 * @length: their number
 * @display_name: the file's name, for errors
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type DlgCsvRow) (nullable): the rows, or %NULL with
 *   @error set
 */
GPtrArray *
dlg_csv_parse (const char  *data,
               gsize        length,
               const char  *display_name,
               GError     **error)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) dlg_csv_row_free);
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) field = g_string_new (NULL);
  const char *end;
  const char *p = data;
  guint line = 1, row_line = 1;
  gboolean field_started = FALSE; /* something (even "") was read on this row */

  g_return_val_if_fail (data != NULL || length == 0, NULL);

  if (length >= 3 && memcmp (data, "\xEF\xBB\xBF", 3) == 0)
    p += 3;
  end = data + length;
  if (!g_utf8_validate_len (p, end - p, NULL) || memchr (p, '\0', end - p) != NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("%s is not a UTF-8 text file."), display_name);
      return NULL;
    }

  while (p < end)
    {
      if (*p == '"' && field->len == 0)
        {
          guint quote_line = line;

          p++;
          for (;;)
            {
              if (p >= end)
                {
                  g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                               _("%s, line %u: a quoted field is not closed."),
                               display_name, quote_line);
                  return NULL;
                }
              if (*p == '"')
                {
                  if (p + 1 < end && p[1] == '"')
                    {
                      g_string_append_c (field, '"');
                      p += 2;
                      continue;
                    }
                  p++;
                  break;
                }
              if (*p == '\r' || *p == '\n')
                {
                  if (*p == '\r' && p + 1 < end && p[1] == '\n')
                    {
                      g_string_append_c (field, '\r');
                      p++;
                    }
                  line++;
                }
              g_string_append_c (field, *p++);
            }
          field_started = TRUE;
          if (p < end && *p != ',' && *p != '\r' && *p != '\n')
            {
              g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("%s, line %u: unexpected text after a closing quote."),
                           display_name, line);
              return NULL;
            }
          continue;
        }
      if (*p == '"')
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                       _("%s, line %u: a quote inside a field that does not start with one."),
                       display_name, line);
          return NULL;
        }
      if (*p == ',')
        {
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          field_started = TRUE;
          p++;
          continue;
        }
      if (*p == '\r' || *p == '\n')
        {
          if (*p == '\r' && p + 1 < end && p[1] == '\n')
            p++;
          p++;
          g_ptr_array_add (fields, g_strndup (field->str, field->len));
          g_string_truncate (field, 0);
          finish_row (rows, fields, row_line);
          field_started = FALSE;
          row_line = ++line;
          continue;
        }
      g_string_append_c (field, *p++);
      field_started = TRUE;
    }
  if (field_started || field->len > 0 || fields->len > 0)
    {
      g_ptr_array_add (fields, g_strndup (field->str, field->len));
      finish_row (rows, fields, row_line);
    }
  return g_steal_pointer (&rows);
}

/**
 * dlg_csv_read_file:
 * @path: a file
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (element-type DlgCsvRow) (nullable): the rows of the file
 */
GPtrArray *
dlg_csv_read_file (const char  *path,
                   GError     **error)
{
  g_autofree char *data = NULL;
  g_autofree char *display_name = NULL;
  g_autoptr(GError) local_error = NULL;
  gsize length;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_filename_display_name (path);
  if (!g_file_get_contents (path, &data, &length, &local_error))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, _("%s cannot be read: %s"),
                   display_name, local_error->message);
      return NULL;
    }
  return dlg_csv_parse (data, length, display_name, error);
}

/* A field ready to write: quoted when it holds a comma, a quote or a line break. */
char *
dlg_csv_quote (const char *field)
{
  GString *quoted;

  if (strpbrk (field, ",\"\r\n") == NULL)
    return g_strdup (field);
  quoted = g_string_new ("\"");
  for (const char *p = field; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (quoted, '"');
      g_string_append_c (quoted, *p);
    }
  g_string_append_c (quoted, '"');
  return g_string_free (quoted, FALSE);
}
