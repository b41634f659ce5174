/* dlg-csv.c — a small, careful CSV reader (RFC 4180, CRLF, UTF-8 BOM), whole or streamed
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
#include "dlg-xlsx.h"
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

/* The streaming reader: the same grammar as dlg_csv_parse(), with a chosen separator, read
 * 64 KiB at a time. Each field is checked for UTF-8 as it ends, so that an error names the
 * line and the column (the field's number, from 1). A line break inside quotes is kept as
 * "\n" whatever the file's line ends. */
#define READ_CHUNK 65536

struct _DlgCsvReader
{
  GInputStream *stream;
  char         *display_name;
  char          separator;
  char         *buf;
  gsize         len;
  gsize         pos;
  gboolean      eof;
  gboolean      started;
  guint         line;
  guint64       offset;   /* bytes consumed */
  GString      *field;
  DlgXlsxReader *xlsx;    /* a spreadsheet's rows instead of the stream's */
};

static gboolean
reader_fill (DlgCsvReader  *self,
             GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize n;

  if (self->eof)
    return TRUE;
  if (self->pos < self->len)
    memmove (self->buf, self->buf + self->pos, self->len - self->pos);
  self->len -= self->pos;
  self->pos = 0;
  n = g_input_stream_read (self->stream, self->buf + self->len, READ_CHUNK - self->len, NULL,
                           &local_error);
  if (n < 0)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_FAILED, _("%s cannot be read: %s"),
                   self->display_name, local_error->message);
      return FALSE;
    }
  if (n == 0)
    self->eof = TRUE;
  self->len += n;
  return TRUE;
}

/* The next byte, -1 at the end of the file, -2 on a read error. */
static inline int
reader_peek (DlgCsvReader  *self,
             GError       **error)
{
  if (self->pos >= self->len)
    {
      if (!reader_fill (self, error))
        return -2;
      if (self->pos >= self->len)
        return -1;
    }
  return (guchar) self->buf[self->pos];
}

static inline void
reader_skip (DlgCsvReader *self)
{
  self->pos++;
  self->offset++;
}

/* The separator the first line uses most, outside quotes: `,`, `;` or a tab. */
static char
guess_separator (const char *p,
                 gsize       len)
{
  guint commas = 0, semicolons = 0, tabs = 0;
  gboolean quoted = FALSE;

  for (gsize i = 0; i < len && (quoted || (p[i] != '\n' && p[i] != '\r')); i++)
    {
      if (p[i] == '"')
        quoted = !quoted;
      else if (!quoted && p[i] == ',')
        commas++;
      else if (!quoted && p[i] == ';')
        semicolons++;
      else if (!quoted && p[i] == '\t')
        tabs++;
    }
  if (semicolons > commas && semicolons >= tabs)
    return ';';
  if (tabs > commas)
    return '\t';
  return ',';
}

/**
 * dlg_csv_reader_new:
 * @stream: (transfer none): the file's bytes
 * @display_name: the file's name, for errors
 * @separator: the field separator, or 0 to guess it from the first line
 *
 * Returns: (transfer full): a reader; rows come from dlg_csv_reader_next()
 */
DlgCsvReader *
dlg_csv_reader_new (GInputStream *stream,
                    const char   *display_name,
                    char          separator)
{
  DlgCsvReader *self;

  g_return_val_if_fail (G_IS_INPUT_STREAM (stream), NULL);

  self = g_new0 (DlgCsvReader, 1);
  self->stream = g_object_ref (stream);
  self->display_name = g_strdup (display_name);
  self->separator = separator;
  self->buf = g_malloc (READ_CHUNK);
  self->line = 1;
  self->field = g_string_new (NULL);
  return self;
}

/**
 * dlg_csv_reader_open:
 * @path: a file
 * @separator: as for dlg_csv_reader_new()
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error set
 */
DlgCsvReader *
dlg_csv_reader_open (const char  *path,
                     char         separator,
                     GError     **error)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *display_name = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  display_name = g_filename_display_name (path);
  if (dlg_xlsx_is_zip (path))
    {
      DlgXlsxReader *xlsx = dlg_xlsx_reader_open (path, error);
      DlgCsvReader *self;

      if (xlsx == NULL)
        return NULL;
      self = g_new0 (DlgCsvReader, 1);
      self->display_name = g_steal_pointer (&display_name);
      self->separator = ',';
      self->xlsx = xlsx;
      self->field = g_string_new (NULL);
      return self;
    }
  file = g_file_new_for_path (path);
  if (!(stream = g_file_read (file, NULL, &local_error)))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, _("%s cannot be read: %s"),
                   display_name, local_error->message);
      return NULL;
    }
  return dlg_csv_reader_new (G_INPUT_STREAM (stream), display_name, separator);
}

void
dlg_csv_reader_free (DlgCsvReader *self)
{
  if (self == NULL)
    return;
  g_clear_object (&self->stream);
  g_clear_pointer (&self->xlsx, dlg_xlsx_reader_free);
  g_free (self->display_name);
  g_free (self->buf);
  g_string_free (self->field, TRUE);
  g_free (self);
}

static gboolean
start (DlgCsvReader  *self,
       GError       **error)
{
  self->started = TRUE;
  if (!reader_fill (self, error))
    return FALSE;
  if (self->len >= 3 && memcmp (self->buf, "\xEF\xBB\xBF", 3) == 0)
    {
      self->pos = 3;
      self->offset = 3;
    }
  if (self->separator == 0)
    self->separator = guess_separator (self->buf + self->pos, self->len - self->pos);
  return TRUE;
}

static gboolean
end_field (DlgCsvReader  *self,
           GPtrArray     *fields,
           guint          field_line,
           GError       **error)
{
  if (!g_utf8_validate_len (self->field->str, self->field->len, NULL) ||
      memchr (self->field->str, '\0', self->field->len) != NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("%s, line %u, column %u: the text is not valid UTF-8."),
                   self->display_name, field_line, fields->len + 1);
      return FALSE;
    }
  g_ptr_array_add (fields, g_strndup (self->field->str, self->field->len));
  g_string_truncate (self->field, 0);
  return TRUE;
}

/* After @c, a CR or LF just read: a CRLF is one line end. */
static gboolean
end_line (DlgCsvReader  *self,
          int            c,
          GError       **error)
{
  if (c == '\r')
    {
      int next = reader_peek (self, error);

      if (next == -2)
        return FALSE;
      if (next == '\n')
        reader_skip (self);
    }
  self->line++;
  return TRUE;
}

/**
 * dlg_csv_reader_next:
 * @row: (out) (transfer full) (nullable): the next row, %NULL at the end of the file
 *
 * Reads the next row; blank lines are skipped.
 *
 * Returns: %FALSE with @error set when the file cannot be read or is not well-formed
 */
gboolean
dlg_csv_reader_next (DlgCsvReader  *self,
                     DlgCsvRow    **row,
                     GError       **error)
{
  g_autoptr(GPtrArray) fields = g_ptr_array_new_with_free_func (g_free);
  guint row_line, field_line;
  gboolean field_started = FALSE;
  int c;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  *row = NULL;
  if (self->xlsx != NULL)
    return dlg_xlsx_reader_next (self->xlsx, row, error);
  if (!self->started && !start (self, error))
    return FALSE;

again:
  row_line = field_line = self->line;
  for (;;)
    {
      if ((c = reader_peek (self, error)) == -2)
        return FALSE;
      if (c == -1)
        break;
      if (c == '"' && self->field->len == 0)
        {
          guint quote_line = self->line;

          reader_skip (self);
          for (;;)
            {
              if ((c = reader_peek (self, error)) == -2)
                return FALSE;
              if (c == -1)
                {
                  g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                               _("%s, line %u, column %u: a quoted field is not closed."),
                               self->display_name, quote_line, fields->len + 1);
                  return FALSE;
                }
              reader_skip (self);
              if (c == '"')
                {
                  if ((c = reader_peek (self, error)) == -2)
                    return FALSE;
                  if (c != '"')
                    break;
                  reader_skip (self);
                  g_string_append_c (self->field, '"');
                  continue;
                }
              if (c == '\r' || c == '\n')
                {
                  if (!end_line (self, c, error))
                    return FALSE;
                  c = '\n';
                }
              g_string_append_c (self->field, c);
            }
          field_started = TRUE;
          if ((c = reader_peek (self, error)) == -2)
            return FALSE;
          if (c != -1 && c != self->separator && c != '\r' && c != '\n')
            {
              g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("%s, line %u, column %u: unexpected text after a closing quote."),
                           self->display_name, self->line, fields->len + 1);
              return FALSE;
            }
          continue;
        }
      if (c == '"')
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                       _("%s, line %u, column %u: a quote inside a field that does not start "
                         "with one."), self->display_name, self->line, fields->len + 1);
          return FALSE;
        }
      reader_skip (self);
      if (c == self->separator)
        {
          if (!end_field (self, fields, field_line, error))
            return FALSE;
          field_line = self->line;
          field_started = TRUE;
          continue;
        }
      if (c == '\r' || c == '\n')
        {
          if (!end_line (self, c, error))
            return FALSE;
          if (!end_field (self, fields, field_line, error))
            return FALSE;
          /* a blank line is one empty, unquoted field */
          if (fields->len == 1 && !field_started)
            {
              g_ptr_array_set_size (fields, 0);
              goto again;
            }
          break;
        }
      g_string_append_c (self->field, c);
      field_started = TRUE;
    }
  if (c == -1)
    {
      if (!field_started && self->field->len == 0 && fields->len == 0)
        return TRUE;
      if (!end_field (self, fields, field_line, error))
        return FALSE;
    }

  *row = g_new0 (DlgCsvRow, 1);
  (*row)->line = row_line;
  (*row)->n_fields = fields->len;
  g_ptr_array_add (fields, NULL);
  (*row)->fields = (char **) g_ptr_array_steal (fields, NULL);
  return TRUE;
}

char
dlg_csv_reader_get_separator (DlgCsvReader *self)
{
  g_return_val_if_fail (self != NULL, ',');

  return self->separator != 0 ? self->separator : ',';
}

const char *
dlg_csv_reader_get_display_name (DlgCsvReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->display_name;
}

/* Bytes read so far, for progress. */
guint64
dlg_csv_reader_get_offset (DlgCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->xlsx != NULL ? dlg_xlsx_reader_get_offset (self->xlsx) : self->offset;
}

/* What dlg_csv_reader_get_offset() goes up to: for a spreadsheet, the size of its sheet; 0
 * for a stream, whose size the caller knows better. */
guint64
dlg_csv_reader_get_size (DlgCsvReader *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->xlsx != NULL ? dlg_xlsx_reader_get_size (self->xlsx) : 0;
}

/* Whether the rows come from a spreadsheet (.xlsx) rather than a CSV. */
gboolean
dlg_csv_reader_is_spreadsheet (DlgCsvReader *self)
{
  g_return_val_if_fail (self != NULL, FALSE);

  return self->xlsx != NULL;
}
