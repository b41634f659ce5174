/* dlg-export-writers.c — the text formats: CSV (RFC 4180), JSON, GeoJSON (RFC 7946)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each writer appends a row to the sink's buffer, which goes to the file 64 KiB at a time:
 * memory stays flat whatever the number of rows.
 */

#define G_LOG_DOMAIN "dlg-export"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>

#include "dlg-export-private.h"

#define SINK_CHUNK 65536

struct _DlgExportSink
{
  int      fd;
  char    *display_name;
  GString *buffer;
};

typedef struct
{
  DlgExportWriter         parent;
  DlgExportSink          *sink;
  const DlgExportColumn **columns;
  guint                   n_columns;
  gboolean                bom;
  guint64                 n_rows;
  int                     lat;
  int                     lon;
  int                     id;
  const char             *closing;  /* JSON and GeoJSON: what ends the file */
} TextWriter;

/* The sink */

DlgExportSink *
dlg_export_sink_new (int         fd,
                     const char *display_name)
{
  DlgExportSink *sink = g_new0 (DlgExportSink, 1);

  sink->fd = fd;
  sink->display_name = g_strdup (display_name);
  sink->buffer = g_string_sized_new (SINK_CHUNK + 4096);
  return sink;
}

void
dlg_export_sink_free (DlgExportSink *sink)
{
  if (sink == NULL)
    return;
  g_string_free (sink->buffer, TRUE);
  g_free (sink->display_name);
  g_free (sink);
}

GString *
dlg_export_sink_buffer (DlgExportSink *sink)
{
  return sink->buffer;
}

static gboolean
set_write_error (const char  *display_name,
                 int          saved_errno,
                 GError     **error)
{
  if (saved_errno == ENOSPC || saved_errno == EDQUOT)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE,
                 _("The disk is full: “%s” could not be written."), display_name);
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 _("Could not write “%s”: %s"), display_name, g_strerror (saved_errno));
  return FALSE;
}

gboolean
dlg_export_sink_write (DlgExportSink  *sink,
                       const void     *data,
                       gsize           len,
                       GError        **error)
{
  const char *p = data;

  while (len > 0)
    {
      gssize n = write (sink->fd, p, len);

      if (n < 0)
        {
          if (errno == EINTR)
            continue;
          return set_write_error (sink->display_name, errno, error);
        }
      p += n;
      len -= n;
    }
  return TRUE;
}

gboolean
dlg_export_sink_flush (DlgExportSink  *sink,
                       GError        **error)
{
  if (sink->buffer->len > 0 &&
      !dlg_export_sink_write (sink, sink->buffer->str, sink->buffer->len, error))
    return FALSE;
  g_string_truncate (sink->buffer, 0);
  return TRUE;
}

gboolean
dlg_export_sink_maybe_flush (DlgExportSink  *sink,
                             GError        **error)
{
  return sink->buffer->len < SINK_CHUNK || dlg_export_sink_flush (sink, error);
}

/* Shared helpers */

/* Spreadsheets run a cell that starts with one of these as a formula ("=cmd|' /C calc'!A0"):
 * OWASP's "CSV injection" advice is to prefix such text with an apostrophe. */
gboolean
dlg_export_needs_formula_guard (const char *text,
                                gsize       len)
{
  return len > 0 && strchr ("=+-@\t\r", text[0]) != NULL;
}

void
dlg_export_append_json_string (GString    *out,
                               const char *text,
                               gsize       len)
{
  const char *end = text + len;
  const char *run = text;

  g_string_append_c (out, '"');
  for (const char *p = text; p < end; p++)
    {
      guchar c = *p;
      const char *escape = NULL;
      char hex[8];

      if (c >= 0x20 && c != '"' && c != '\\')
        {
          /* U+2028 and U+2029 end lines in JavaScript: escape them too. */
          if (c == 0xe2 && p + 2 < end && (guchar) p[1] == 0x80 &&
              ((guchar) p[2] == 0xa8 || (guchar) p[2] == 0xa9))
            {
              g_string_append_len (out, run, p - run);
              g_string_append (out, (guchar) p[2] == 0xa8 ? "\\u2028" : "\\u2029");
              p += 2;
              run = p + 1;
            }
          continue;
        }
      switch (c)
        {
        case '"': escape = "\\\""; break;
        case '\\': escape = "\\\\"; break;
        case '\n': escape = "\\n"; break;
        case '\r': escape = "\\r"; break;
        case '\t': escape = "\\t"; break;
        case '\b': escape = "\\b"; break;
        case '\f': escape = "\\f"; break;
        default:
          g_snprintf (hex, sizeof hex, "\\u%04x", c);
          escape = hex;
        }
      g_string_append_len (out, run, p - run);
      g_string_append (out, escape);
      run = p + 1;
    }
  g_string_append_len (out, run, end - run);
  g_string_append_c (out, '"');
}

/* The shortest of %.15g and %.17g that reads back as the same double. */
void
dlg_export_append_number (GString *out,
                          double   number)
{
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  g_ascii_formatd (buf, sizeof buf, "%.15g", number);
  if (g_ascii_strtod (buf, NULL) != number)
    g_ascii_formatd (buf, sizeof buf, "%.17g", number);
  g_string_append (out, buf);
}

static void
append_integer (GString *out,
                gint64   value)
{
  char buf[24];
  char *p = buf + sizeof buf;
  guint64 u = value < 0 ? -(guint64) value : (guint64) value;

  do
    {
      *--p = '0' + u % 10;
      u /= 10;
    }
  while (u > 0);
  if (value < 0)
    *--p = '-';
  g_string_append_len (out, p, buf + sizeof buf - p);
}

static void
text_writer_free (DlgExportWriter *writer)
{
  TextWriter *self = (TextWriter *) writer;

  g_free (self->columns);
  g_free (self);
}

/* JSON and GeoJSON: the closing of the array (on a line of its own after rows). */
static gboolean
text_writer_finish (DlgExportWriter  *writer,
                    GError          **error)
{
  TextWriter *self = (TextWriter *) writer;
  GString *out = dlg_export_sink_buffer (self->sink);

  if (self->n_rows > 0)
    g_string_append_c (out, '\n');
  g_string_append (out, self->closing);
  return dlg_export_sink_flush (self->sink, error);
}

static TextWriter *
text_writer_new (DlgExportSink  *sink,
                 gboolean      (*begin)  (DlgExportWriter *, const char *,
                                          const DlgExportColumn **, guint, GError **),
                 gboolean      (*row)    (DlgExportWriter *, const DlgExportValue *, GError **),
                 gboolean      (*finish) (DlgExportWriter *, GError **),
                 const char     *closing)
{
  TextWriter *self = g_new0 (TextWriter, 1);

  self->parent.begin = begin;
  self->parent.row = row;
  self->parent.finish = finish;
  self->parent.free = text_writer_free;
  self->sink = sink;
  self->closing = closing;
  return self;
}

static gboolean
text_writer_begin (DlgExportWriter        *writer,
                   const char             *sheet_name,
                   const DlgExportColumn **columns,
                   guint                   n_columns,
                   GError                **error)
{
  TextWriter *self = (TextWriter *) writer;

  self->columns = g_memdup2 (columns, n_columns * sizeof *columns);
  self->n_columns = n_columns;
  self->lat = self->lon = self->id = -1;
  for (guint i = 0; i < n_columns; i++)
    {
      if (columns[i]->flags & DLG_EXPORT_COL_LATITUDE)
        self->lat = i;
      else if (columns[i]->flags & DLG_EXPORT_COL_LONGITUDE)
        self->lon = i;
      else if (g_str_equal (columns[i]->name, "uuid"))
        self->id = i;
    }
  return TRUE;
}

/* CSV */

static void
append_csv_field (GString    *out,
                  const char *text,
                  gsize       len,
                  gboolean    guard)
{
  gboolean quote = FALSE;

  for (gsize i = 0; i < len && !quote; i++)
    quote = text[i] == ',' || text[i] == '"' || text[i] == '\r' || text[i] == '\n';
  guard = guard && dlg_export_needs_formula_guard (text, len);
  if (!quote && !guard)
    {
      g_string_append_len (out, text, len);
      return;
    }
  if (!quote)
    {
      g_string_append_c (out, '\'');
      g_string_append_len (out, text, len);
      return;
    }
  g_string_append_c (out, '"');
  if (guard)
    g_string_append_c (out, '\'');
  for (gsize i = 0; i < len; i++)
    {
      if (text[i] == '"')
        g_string_append_c (out, '"');
      g_string_append_c (out, text[i]);
    }
  g_string_append_c (out, '"');
}

/* One cell of a CSV line built in memory (@first: no comma before it); user text that a
 * spreadsheet would take for a formula gets a leading apostrophe. */
void
dlg_export_append_csv_cell (GString    *out,
                            const char *text,
                            gboolean    first)
{
  if (text == NULL)
    text = "";
  if (!first)
    g_string_append_c (out, ',');
  append_csv_field (out, text, strlen (text), TRUE);
}

static gboolean
csv_begin (DlgExportWriter        *writer,
           const char             *sheet_name,
           const DlgExportColumn **columns,
           guint                   n_columns,
           GError                **error)
{
  TextWriter *self = (TextWriter *) writer;
  GString *out = dlg_export_sink_buffer (self->sink);

  text_writer_begin (writer, sheet_name, columns, n_columns, error);
  if (self->bom)
    g_string_append (out, "\xef\xbb\xbf");
  for (guint i = 0; i < n_columns; i++)
    {
      if (i > 0)
        g_string_append_c (out, ',');
      append_csv_field (out, columns[i]->name, strlen (columns[i]->name), FALSE);
    }
  g_string_append (out, "\r\n");
  return dlg_export_sink_maybe_flush (self->sink, error);
}

static gboolean
csv_row (DlgExportWriter      *writer,
         const DlgExportValue *values,
         GError              **error)
{
  TextWriter *self = (TextWriter *) writer;
  GString *out = dlg_export_sink_buffer (self->sink);

  for (guint i = 0; i < self->n_columns; i++)
    {
      const DlgExportValue *v = &values[i];

      if (i > 0)
        g_string_append_c (out, ',');
      if (v->null)
        continue;
      switch (self->columns[i]->type)
        {
        case DLG_EXPORT_TYPE_INTEGER:
          append_integer (out, v->integer);
          break;
        case DLG_EXPORT_TYPE_BOOLEAN:
          g_string_append_c (out, v->integer ? '1' : '0');
          break;
        case DLG_EXPORT_TYPE_NUMBER:
          if (isfinite (v->number))
            dlg_export_append_number (out, v->number);
          break;
        case DLG_EXPORT_TYPE_TEXT:
          append_csv_field (out, v->text, v->len, TRUE);
          break;
        case DLG_EXPORT_TYPE_DATETIME:
        case DLG_EXPORT_TYPE_DATE:
        default:
          append_csv_field (out, v->text, v->len, TRUE);
          break;
        }
    }
  g_string_append (out, "\r\n");
  self->n_rows++;
  return dlg_export_sink_maybe_flush (self->sink, error);
}

static gboolean
csv_finish (DlgExportWriter  *writer,
            GError          **error)
{
  return dlg_export_sink_flush (((TextWriter *) writer)->sink, error);
}

DlgExportWriter *
dlg_export_csv_writer_new (DlgExportSink *sink,
                           gboolean       bom)
{
  TextWriter *self = text_writer_new (sink, csv_begin, csv_row, csv_finish, NULL);

  self->bom = bom;
  return &self->parent;
}

/* JSON: an array of objects, one row at a time */

static void
append_json_value (GString               *out,
                   const DlgExportColumn *column,
                   const DlgExportValue  *v)
{
  if (v->null)
    {
      g_string_append (out, "null");
      return;
    }
  switch (column->type)
    {
    case DLG_EXPORT_TYPE_INTEGER:
      append_integer (out, v->integer);
      break;
    case DLG_EXPORT_TYPE_BOOLEAN:
      g_string_append (out, v->integer ? "true" : "false");
      break;
    case DLG_EXPORT_TYPE_NUMBER:
      if (isfinite (v->number))
        dlg_export_append_number (out, v->number);
      else
        g_string_append (out, "null");
      break;
    case DLG_EXPORT_TYPE_TEXT:
    case DLG_EXPORT_TYPE_DATETIME:
    case DLG_EXPORT_TYPE_DATE:
    default:
      dlg_export_append_json_string (out, v->text, v->len);
      break;
    }
}

static void
append_json_members (TextWriter           *self,
                     GString              *out,
                     const DlgExportValue *values,
                     gboolean              skip_point)
{
  gboolean first = TRUE;

  g_string_append_c (out, '{');
  for (guint i = 0; i < self->n_columns; i++)
    {
      if (skip_point && ((int) i == self->lat || (int) i == self->lon))
        continue;
      if (!first)
        g_string_append_c (out, ',');
      first = FALSE;
      dlg_export_append_json_string (out, self->columns[i]->name,
                                     strlen (self->columns[i]->name));
      g_string_append_c (out, ':');
      append_json_value (out, self->columns[i], &values[i]);
    }
  g_string_append_c (out, '}');
}

static gboolean
json_begin (DlgExportWriter        *writer,
            const char             *sheet_name,
            const DlgExportColumn **columns,
            guint                   n_columns,
            GError                **error)
{
  TextWriter *self = (TextWriter *) writer;

  text_writer_begin (writer, sheet_name, columns, n_columns, error);
  g_string_append_c (dlg_export_sink_buffer (self->sink), '[');
  return TRUE;
}

static gboolean
json_row (DlgExportWriter      *writer,
          const DlgExportValue *values,
          GError              **error)
{
  TextWriter *self = (TextWriter *) writer;
  GString *out = dlg_export_sink_buffer (self->sink);

  g_string_append (out, self->n_rows > 0 ? ",\n" : "\n");
  append_json_members (self, out, values, FALSE);
  self->n_rows++;
  return dlg_export_sink_maybe_flush (self->sink, error);
}

DlgExportWriter *
dlg_export_json_writer_new (DlgExportSink *sink)
{
  return &text_writer_new (sink, json_begin, json_row, text_writer_finish, "]\n")->parent;
}

/* GeoJSON (RFC 7946): a FeatureCollection of Points, [longitude, latitude] in WGS 84; the
 * other columns are the feature's properties. */

static gboolean
geojson_begin (DlgExportWriter        *writer,
               const char             *sheet_name,
               const DlgExportColumn **columns,
               guint                   n_columns,
               GError                **error)
{
  TextWriter *self = (TextWriter *) writer;

  text_writer_begin (writer, sheet_name, columns, n_columns, error);
  g_assert (self->lat >= 0 && self->lon >= 0);
  g_string_append (dlg_export_sink_buffer (self->sink),
                   "{\"type\":\"FeatureCollection\",\"features\":[");
  return TRUE;
}

static gboolean
geojson_row (DlgExportWriter      *writer,
             const DlgExportValue *values,
             GError              **error)
{
  TextWriter *self = (TextWriter *) writer;
  GString *out = dlg_export_sink_buffer (self->sink);
  const DlgExportValue *lat = &values[self->lat], *lon = &values[self->lon];

  if (lat->null || lon->null || !isfinite (lat->number) || !isfinite (lon->number))
    return TRUE;
  g_string_append (out, self->n_rows > 0 ? ",\n" : "\n");
  g_string_append (out, "{\"type\":\"Feature\",");
  if (self->id >= 0 && !values[self->id].null)
    {
      g_string_append (out, "\"id\":");
      dlg_export_append_json_string (out, values[self->id].text, values[self->id].len);
      g_string_append_c (out, ',');
    }
  g_string_append (out, "\"geometry\":{\"type\":\"Point\",\"coordinates\":[");
  dlg_export_append_number (out, lon->number);
  g_string_append_c (out, ',');
  dlg_export_append_number (out, lat->number);
  g_string_append (out, "]},\"properties\":");
  append_json_members (self, out, values, TRUE);
  g_string_append_c (out, '}');
  self->n_rows++;
  return dlg_export_sink_maybe_flush (self->sink, error);
}

DlgExportWriter *
dlg_export_geojson_writer_new (DlgExportSink *sink)
{
  return &text_writer_new (sink, geojson_begin, geojson_row, text_writer_finish, "]}\n")->parent;
}

void
dlg_export_writer_free (DlgExportWriter *writer)
{
  if (writer != NULL)
    writer->free (writer);
}
