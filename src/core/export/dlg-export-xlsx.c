/* dlg-export-xlsx.c — the XLSX format, through libxlsxwriter in constant-memory mode
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each row goes to libxlsxwriter's temporary file as it comes: memory stays flat. Cells are
 * typed: numbers as numbers, dates as dates (UTC), booleans as booleans; the header row is
 * frozen and carries an autofilter. A sheet holds at most 1,048,575 rows under its header:
 * the rows go on in "name (2)", and so on. Text that a spreadsheet would run as a formula is
 * prefixed with an apostrophe, as in CSV (OWASP). Line ends in a cell are LF.
 */

#define G_LOG_DOMAIN "dlg-export"

#include "config.h"

#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <xlsxwriter.h>

#include "dlg-export-private.h"

/* Excel's limit on a cell's text, in characters. */
#define CELL_TEXT_MAX 32767

typedef struct
{
  DlgExportWriter         parent;
  char                   *path;
  char                   *tmpdir;
  lxw_workbook           *workbook;
  lxw_worksheet          *sheet;
  lxw_format             *header_format;
  lxw_format             *datetime_format;
  lxw_format             *date_format;
  const DlgExportColumn **columns;
  guint                   n_columns;
  char                   *sheet_name;
  guint                   n_sheets;
  lxw_row_t               row;
  GString                *scratch;
} XlsxWriter;

static gboolean
set_xlsx_error (XlsxWriter  *self,
                lxw_error    rc,
                GError     **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, _("Could not write “%s”: %s"), name,
               lxw_strerror (rc));
  return FALSE;
}

static gboolean
add_sheet (XlsxWriter  *self,
           GError     **error)
{
  g_autofree char *name = NULL;

  self->n_sheets++;
  name = self->n_sheets == 1 ? g_strdup (self->sheet_name)
                             : g_strdup_printf ("%s (%u)", self->sheet_name, self->n_sheets);
  self->sheet = workbook_add_worksheet (self->workbook, name);
  if (self->sheet == NULL)
    return set_xlsx_error (self, LXW_ERROR_MEMORY_MALLOC_FAILED, error);
  worksheet_freeze_panes (self->sheet, 1, 0);
  for (guint i = 0; i < self->n_columns; i++)
    {
      const DlgExportColumn *column = self->columns[i];
      double width = column->type == DLG_EXPORT_TYPE_DATETIME ? 20
                     : column->type == DLG_EXPORT_TYPE_TEXT ? 24 : 12;
      lxw_error rc;

      worksheet_set_column (self->sheet, i, i, MAX (width, strlen (column->name) + 4), NULL);
      rc = worksheet_write_string (self->sheet, 0, i, column->name, self->header_format);
      if (rc != LXW_NO_ERROR)
        return set_xlsx_error (self, rc, error);
    }
  self->row = 0;
  return TRUE;
}

static gboolean
xlsx_begin (DlgExportWriter        *writer,
            const char             *sheet_name,
            const DlgExportColumn **columns,
            guint                   n_columns,
            GError                **error)
{
  XlsxWriter *self = (XlsxWriter *) writer;
  lxw_workbook_options options = {
    .constant_memory = LXW_TRUE,
    .tmpdir = self->tmpdir,
  };

  self->columns = g_memdup2 (columns, n_columns * sizeof *columns);
  self->n_columns = n_columns;
  self->sheet_name = g_strdup (sheet_name);
  self->workbook = workbook_new_opt (self->path, &options);
  if (self->workbook == NULL)
    return set_xlsx_error (self, LXW_ERROR_CREATING_XLSX_FILE, error);
  self->header_format = workbook_add_format (self->workbook);
  format_set_bold (self->header_format);
  self->datetime_format = workbook_add_format (self->workbook);
  format_set_num_format (self->datetime_format, "yyyy-mm-dd hh:mm:ss");
  self->date_format = workbook_add_format (self->workbook);
  format_set_num_format (self->date_format, "yyyy-mm-dd");
  return add_sheet (self, error);
}

static gboolean
parse_digits (const char *p,
              int         n,
              int        *value)
{
  *value = 0;
  for (int i = 0; i < n; i++)
    {
      if (!g_ascii_isdigit (p[i]))
        return FALSE;
      *value = *value * 10 + (p[i] - '0');
    }
  return TRUE;
}

/* 2025-03-31, 2025-03-31T10:00:00Z, with fractions of seconds or an offset (then in UTC). */
static gboolean
parse_datetime (const char   *text,
                gsize         len,
                lxw_datetime *dt,
                gboolean     *has_time)
{
  memset (dt, 0, sizeof *dt);
  if (len < 10 || !parse_digits (text, 4, &dt->year) || text[4] != '-' ||
      !parse_digits (text + 5, 2, &dt->month) || text[7] != '-' ||
      !parse_digits (text + 8, 2, &dt->day))
    return FALSE;
  *has_time = len > 10;
  if (len == 10)
    return dt->year >= 1900 && dt->month >= 1 && dt->month <= 12 && dt->day >= 1 &&
           dt->day <= 31;
  if (len == 20 && (text[10] == 'T' || text[10] == ' ') && text[19] == 'Z' &&
      parse_digits (text + 11, 2, &dt->hour) && text[13] == ':' &&
      parse_digits (text + 14, 2, &dt->min) && text[16] == ':')
    {
      int sec;

      if (!parse_digits (text + 17, 2, &sec))
        return FALSE;
      dt->sec = sec;
    }
  else
    {
      g_autofree char *copy = g_strndup (text, len);
      g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
      g_autoptr(GDateTime) parsed = g_date_time_new_from_iso8601 (copy, utc);
      g_autoptr(GDateTime) in_utc = NULL;

      if (parsed == NULL)
        return FALSE;
      in_utc = g_date_time_to_utc (parsed);
      dt->year = g_date_time_get_year (in_utc);
      dt->month = g_date_time_get_month (in_utc);
      dt->day = g_date_time_get_day_of_month (in_utc);
      dt->hour = g_date_time_get_hour (in_utc);
      dt->min = g_date_time_get_minute (in_utc);
      dt->sec = g_date_time_get_seconds (in_utc);
    }
  return dt->year >= 1900 && dt->year <= 9999 && dt->month >= 1 && dt->month <= 12 &&
         dt->day >= 1 && dt->day <= 31 && dt->hour < 24 && dt->min < 60 && dt->sec < 61;
}

static lxw_error
write_text (XlsxWriter           *self,
            lxw_col_t             col,
            const DlgExportValue *v)
{
  const char *text = v->text;
  gboolean guard = dlg_export_needs_formula_guard (v->text, v->len);
  gboolean cr = memchr (v->text, '\r', v->len) != NULL;

  if (guard || cr || v->len > CELL_TEXT_MAX)
    {
      g_string_truncate (self->scratch, 0);
      if (guard)
        g_string_append_c (self->scratch, '\'');
      g_string_append_len (self->scratch, v->text, v->len);
      /* A cell's line break is LF: CR LF and a lone CR become LF (libxlsxwriter would write
       * a CR as _x000D_, which not every reader decodes). */
      if (cr)
        {
          g_string_replace (self->scratch, "\r\n", "\n", 0);
          g_string_replace (self->scratch, "\r", "\n", 0);
        }
      if (g_utf8_strlen (self->scratch->str, -1) > CELL_TEXT_MAX)
        {
          const char *cut = g_utf8_offset_to_pointer (self->scratch->str, CELL_TEXT_MAX - 1);

          g_string_truncate (self->scratch, cut - self->scratch->str);
          g_string_append (self->scratch, "…");
        }
      text = self->scratch->str;
    }
  return worksheet_write_string (self->sheet, self->row, col, text, NULL);
}

static gboolean
xlsx_row (DlgExportWriter      *writer,
          const DlgExportValue *values,
          GError              **error)
{
  XlsxWriter *self = (XlsxWriter *) writer;

  if (self->row + 1 >= LXW_ROW_MAX && !add_sheet (self, error))
    return FALSE;
  self->row++;
  for (guint i = 0; i < self->n_columns; i++)
    {
      const DlgExportValue *v = &values[i];
      lxw_error rc = LXW_NO_ERROR;

      if (v->null)
        continue;
      switch (self->columns[i]->type)
        {
        case DLG_EXPORT_TYPE_INTEGER:
          rc = worksheet_write_number (self->sheet, self->row, i, (double) v->integer, NULL);
          break;
        case DLG_EXPORT_TYPE_BOOLEAN:
          rc = worksheet_write_boolean (self->sheet, self->row, i, v->integer != 0, NULL);
          break;
        case DLG_EXPORT_TYPE_NUMBER:
          if (isfinite (v->number))
            rc = worksheet_write_number (self->sheet, self->row, i, v->number, NULL);
          break;
        case DLG_EXPORT_TYPE_DATETIME:
        case DLG_EXPORT_TYPE_DATE:
          {
            lxw_datetime dt;
            gboolean has_time;

            if (parse_datetime (v->text, v->len, &dt, &has_time))
              rc = worksheet_write_datetime (self->sheet, self->row, i, &dt,
                                             has_time ? self->datetime_format
                                                      : self->date_format);
            else
              rc = write_text (self, i, v);
          }
          break;
        case DLG_EXPORT_TYPE_TEXT:
        default:
          rc = write_text (self, i, v);
          break;
        }
      if (rc != LXW_NO_ERROR)
        return set_xlsx_error (self, rc, error);
    }
  return TRUE;
}

/* libxlsxwriter 1.1.4 does not report every failed write (a full disk): the file is whole
 * when it ends with the zip's end of central directory (no comment: the last 22 bytes).
 * Known gap: the failed writes of its temporary files (the rows of constant-memory mode) are
 * not reported at all; on a full disk the zip written after them fails too and is caught
 * here, but a limit on the size of one file (RLIMIT_FSIZE) lets a short sheet through.
 * Synced before the caller renames it. */
static gboolean
check_complete (XlsxWriter  *self,
                GError     **error)
{
  g_autofree char *name = g_filename_display_basename (self->path);
  guint8 tail[22];
  int fd = open (self->path, O_RDONLY | O_CLOEXEC);
  gboolean ok;

  ok = fd >= 0 && lseek (fd, -(off_t) sizeof tail, SEEK_END) >= 0 &&
       read (fd, tail, sizeof tail) == sizeof tail &&
       memcmp (tail, "PK\x05\x06", 4) == 0 && fsync (fd) == 0;
  if (fd >= 0)
    close (fd);
  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 _("Could not write “%s”: the file is incomplete (is the disk full?)"), name);
  return ok;
}

static gboolean
xlsx_finish (DlgExportWriter  *writer,
             GError          **error)
{
  XlsxWriter *self = (XlsxWriter *) writer;
  lxw_workbook *workbook = g_steal_pointer (&self->workbook);
  lxw_error rc;

  /* The filter covers the last sheet's rows; the earlier sheets are full. */
  worksheet_autofilter (self->sheet, 0, 0, MAX (self->row, 1), self->n_columns - 1);
  rc = workbook_close (workbook);
  if (rc != LXW_NO_ERROR)
    return set_xlsx_error (self, rc, error);
  return check_complete (self, error);
}

static void
xlsx_free (DlgExportWriter *writer)
{
  XlsxWriter *self = (XlsxWriter *) writer;

  /* Not finished (an error, a cancel): close it all the same, to free it; the caller removes
   * the file. */
  if (self->workbook != NULL)
    workbook_close (self->workbook);
  g_free (self->columns);
  g_free (self->sheet_name);
  g_free (self->path);
  g_free (self->tmpdir);
  g_string_free (self->scratch, TRUE);
  g_free (self);
}

/**
 * dlg_export_xlsx_writer_new:
 * @path: the file to write (replaced)
 * @tmpdir: where libxlsxwriter keeps the sheets' rows until the end
 */
DlgExportWriter *
dlg_export_xlsx_writer_new (const char *path,
                            const char *tmpdir)
{
  XlsxWriter *self = g_new0 (XlsxWriter, 1);

  self->parent.begin = xlsx_begin;
  self->parent.row = xlsx_row;
  self->parent.finish = xlsx_finish;
  self->parent.free = xlsx_free;
  self->path = g_strdup (path);
  self->tmpdir = g_strdup (tmpdir);
  self->scratch = g_string_new (NULL);
  return &self->parent;
}
