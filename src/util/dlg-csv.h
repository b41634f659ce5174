/* dlg-csv.h — a small, careful CSV reader (RFC 4180, CRLF, UTF-8 BOM)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/**
 * DlgCsvRow:
 * @line: the line of the file the row starts on, from 1
 * @n_fields: how many fields the row has
 * @fields: (array length=n_fields): the fields, unquoted
 */
typedef struct
{
  guint   line;
  guint   n_fields;
  char  **fields;
} DlgCsvRow;

void       dlg_csv_row_free  (DlgCsvRow   *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgCsvRow, dlg_csv_row_free)

GPtrArray *dlg_csv_parse     (const char  *data,
                              gsize        length,
                              const char  *display_name,
                              GError     **error);
GPtrArray *dlg_csv_read_file (const char  *path,
                              GError     **error);
char      *dlg_csv_quote     (const char  *field);

/* A reader that streams a file row by row, in constant memory, with a separator of its choice
 * (`,` by default; 0 guesses `,`, `;` or a tab from the first line). dlg_csv_reader_open()
 * reads a spreadsheet (.xlsx, dlg-xlsx.h) the same way: the rows of its first sheet. */
typedef struct _DlgCsvReader DlgCsvReader;

DlgCsvReader *dlg_csv_reader_new           (GInputStream  *stream,
                                            const char    *display_name,
                                            char           separator);
DlgCsvReader *dlg_csv_reader_open          (const char    *path,
                                            char           separator,
                                            GError       **error);
void          dlg_csv_reader_free          (DlgCsvReader  *self);
gboolean      dlg_csv_reader_next          (DlgCsvReader  *self,
                                            DlgCsvRow    **row,
                                            GError       **error);
char          dlg_csv_reader_get_separator (DlgCsvReader  *self);
const char   *dlg_csv_reader_get_display_name (DlgCsvReader *self);
guint64       dlg_csv_reader_get_offset    (DlgCsvReader  *self);
guint64       dlg_csv_reader_get_size      (DlgCsvReader  *self);
gboolean      dlg_csv_reader_is_spreadsheet (DlgCsvReader *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgCsvReader, dlg_csv_reader_free)

G_END_DECLS
