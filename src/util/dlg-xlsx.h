/* dlg-xlsx.h — the rows of a spreadsheet's first sheet (Office Open XML, .xlsx), streamed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-csv.h"

G_BEGIN_DECLS

typedef struct _DlgXlsxReader DlgXlsxReader;

/* Whether @path starts as a ZIP archive does (an .xlsx is one). */
gboolean       dlg_xlsx_is_zip            (const char     *path);

DlgXlsxReader *dlg_xlsx_reader_open       (const char     *path,
                                           GError        **error);
void           dlg_xlsx_reader_free       (DlgXlsxReader  *self);
gboolean       dlg_xlsx_reader_next       (DlgXlsxReader  *self,
                                           DlgCsvRow     **row,
                                           GError        **error);
const char    *dlg_xlsx_reader_get_sheet_name (DlgXlsxReader *self);
/* Bytes of the sheet's XML read, of how many (uncompressed). */
guint64        dlg_xlsx_reader_get_offset (DlgXlsxReader  *self);
guint64        dlg_xlsx_reader_get_size   (DlgXlsxReader  *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgXlsxReader, dlg_xlsx_reader_free)

G_END_DECLS
