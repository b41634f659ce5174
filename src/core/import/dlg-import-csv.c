/* dlg-import-csv.c — any CSV (paper forms typed in, a partner's spreadsheet), with a mapping
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The mapping, "COL=FIELD,…", names a column of the header and what it is: title, body (several
 * columns are joined), author (the author reference), date, channel, feature, latitude,
 * longitude, area, id (the spreadsheet's own id of the row). Columns not mapped are dropped,
 * and so are those mapped to name, email, phone or ignore: personal fields never reach a
 * contribution's text. Without an id column, a row's id is a hash of what it says, so that
 * importing the file again (or a longer version of it) adds nothing twice. The separator
 * (`,`, `;` or a tab) is guessed from the header.
 */

#define G_LOG_DOMAIN "dlg-import"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-import-private.h"
#include "dlg-store.h"

typedef enum
{
  FIELD_TITLE,
  FIELD_BODY,
  FIELD_AUTHOR,
  FIELD_DATE,
  FIELD_CHANNEL,
  FIELD_FEATURE,
  FIELD_LATITUDE,
  FIELD_LONGITUDE,
  FIELD_AREA,
  FIELD_ID,
  FIELD_DROPPED,
} Field;

static const char * const field_names[] = {
  "title", "body", "author", "date", "channel", "feature", "latitude", "longitude", "area", "id",
};
static const char * const dropped_names[] = { "name", "email", "phone", "ignore", NULL };

typedef struct
{
  int   column;
  Field field;
} Mapping;

static gboolean
parse_map (DlgImporter      *self,
           const DlgCsvRow  *header,
           GArray           *mappings,
           GError          **error)
{
  const char *map = dlg_importer_get_map (self);
  g_auto(GStrv) pairs = NULL;

  if (map == NULL || *map == '\0')
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("%s: say which column is what with --map COL=FIELD,… (fields: title, "
                     "body, author, date, channel, feature, latitude, longitude, area, id)."),
                   dlg_importer_get_display_name (self));
      return FALSE;
    }
  pairs = g_strsplit (map, ",", -1);
  for (guint i = 0; pairs[i] != NULL; i++)
    {
      const char *eq = strrchr (pairs[i], '=');
      g_autofree char *column_name = NULL;
      g_autofree char *field_name = NULL;
      Mapping mapping = { -1, FIELD_DROPPED };

      if (eq == NULL)
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                       _("The mapping “%s” is not COL=FIELD."), pairs[i]);
          return FALSE;
        }
      column_name = g_strstrip (g_strndup (pairs[i], eq - pairs[i]));
      field_name = g_strstrip (g_ascii_strdown (eq + 1, -1));
      if ((mapping.column = dlg_import_column (header, column_name)) < 0)
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                       _("%s, line %u: there is no “%s” column."),
                       dlg_importer_get_display_name (self), header->line, column_name);
          return FALSE;
        }
      if (!g_strv_contains (dropped_names, field_name))
        {
          guint f;

          for (f = 0; f < G_N_ELEMENTS (field_names); f++)
            if (g_str_equal (field_names[f], field_name))
              break;
          if (f == G_N_ELEMENTS (field_names))
            {
              g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("“%s” is not a field a column can be mapped to."), field_name);
              return FALSE;
            }
          mapping.field = f;
        }
      g_array_append_val (mappings, mapping);
    }
  return TRUE;
}

/* "48.2" or "48,2" */
static gboolean
parse_coordinate (const char *text,
                  double     *value)
{
  g_autofree char *s = g_strstrip (g_strdelimit (g_strdup (text), ",", '.'));
  char *end;

  *value = g_ascii_strtod (s, &end);
  return *s != '\0' && *end == '\0' && isfinite (*value);
}

static gboolean
read_row (DlgImporter      *self,
          const DlgCsvRow  *header,
          const DlgCsvRow  *row,
          gpointer          data,
          GError          **error)
{
  GArray *mappings = data;
  g_autoptr(JsonObject) item = json_object_new ();
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autoptr(GString) body = g_string_new (NULL);
  g_autofree char *created_at = NULL;
  g_autofree char *source_id = NULL;
  g_autofree char *hash = NULL;
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  const char *id = NULL;
  double lat = NAN, lon = NAN;

  json_object_set_string_member (item, "feature", "ideas");
  json_object_set_string_member (item, "kind", "idea");
  json_object_set_string_member (item, "channel", "in_person");
  json_object_set_string_member (item, "moderation", "pending");
  for (guint i = 0; i < mappings->len; i++)
    {
      const Mapping *m = &g_array_index (mappings, Mapping, i);
      const char *text = dlg_import_field (row, m->column);
      g_autofree char *value = NULL;

      if (m->field == FIELD_DROPPED || text == NULL)
        continue;
      value = g_strstrip (g_strdup (text));
      if (m->field != FIELD_ID)
        {
          g_checksum_update (sum, (const guchar *) value, -1);
          g_checksum_update (sum, (const guchar *) "\x1f", 1);
        }
      switch (m->field)
        {
        case FIELD_TITLE:
          json_object_set_string_member (item, "title", value);
          break;
        case FIELD_BODY:
          if (*value != '\0')
            g_string_append_printf (body, "%s%s", body->len > 0 ? "\n\n" : "", value);
          break;
        case FIELD_AUTHOR:
          json_object_set_string_member (item, "author_ref", value);
          break;
        case FIELD_DATE:
          created_at = dlg_import_parse_date (value);
          break;
        case FIELD_CHANNEL:
          if (*value != '\0')
            json_object_set_string_member (item, "channel", value);
          break;
        case FIELD_FEATURE:
          if (*value != '\0')
            json_object_set_string_member (item, "feature", value);
          break;
        case FIELD_LATITUDE:
        case FIELD_LONGITUDE:
          if (*value != '\0' &&
              !parse_coordinate (value, m->field == FIELD_LATITUDE ? &lat : &lon))
            {
              g_autofree char *reason =
                g_strdup_printf (_("Column %d (“%s”): “%s” is not a number."), m->column + 1,
                                 header->fields[m->column], value);
              g_autofree char *line_id = g_strdup_printf ("line/%u", row->line);

              dlg_importer_skip (self, row->line, line_id, reason);
              return TRUE;
            }
          break;
        case FIELD_AREA:
          json_object_set_string_member (extra, "area", value);
          break;
        case FIELD_ID:
          id = text;
          break;
        case FIELD_DROPPED:
        default:
          break;
        }
    }
  json_object_set_string_member (item, "body", body->str);
  if (!isnan (lat))
    json_object_set_double_member (item, "lat", lat);
  if (!isnan (lon))
    json_object_set_double_member (item, "lon", lon);
  /* No date: the importer dates the row by its first import (DLG_INGEST_KEEP_DATE). */
  json_object_set_string_member (item, "created_at", created_at != NULL ? created_at : "");
  if (json_object_get_size (extra) > 0)
    json_object_set_object_member (item, "answers", g_steal_pointer (&extra));

  if (id != NULL && *id != '\0')
    source_id = g_strdup_printf ("row/%s", id);
  else
    source_id = g_strdup_printf ("sha1/%s", g_checksum_get_string (sum));
  return dlg_importer_add (self, row->line, source_id, item, error);
}

gboolean
dlg_import_read_csv (DlgImporter   *self,
                     DlgCsvReader  *reader,
                     GError       **error)
{
  g_autoptr(GArray) mappings = g_array_new (FALSE, FALSE, sizeof (Mapping));
  g_autoptr(DlgCsvReader) peek = NULL;
  g_autoptr(DlgCsvRow) header = NULL;

  if (!(peek = dlg_csv_reader_open (dlg_importer_get_path (self), 0, error)) ||
      !dlg_csv_reader_next (peek, &header, error))
    return FALSE;
  if (header == NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, _("%s is empty."),
                   dlg_importer_get_display_name (self));
      return FALSE;
    }
  if (!parse_map (self, header, mappings, error))
    return FALSE;
  return dlg_import_read_csv_rows (self, reader, NULL, read_row, mappings, error);
}
