/* dlg-csv.h — a small, careful CSV reader (RFC 4180, CRLF, UTF-8 BOM)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

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

GPtrArray *dlg_csv_parse     (const char  *data,
                              gsize        length,
                              const char  *display_name,
                              GError     **error);
GPtrArray *dlg_csv_read_file (const char  *path,
                              GError     **error);
char      *dlg_csv_quote     (const char  *field);

G_END_DECLS
