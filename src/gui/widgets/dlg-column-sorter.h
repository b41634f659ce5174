/* dlg-column-sorter.h — a column's sort key, for a list that sorts itself (in SQL)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DLG_TYPE_COLUMN_SORTER (dlg_column_sorter_get_type ())

G_DECLARE_FINAL_TYPE (DlgColumnSorter, dlg_column_sorter, DLG, COLUMN_SORTER, GtkSorter)

GtkSorter *dlg_column_sorter_new        (int        key);
int        dlg_column_sorter_get_key    (DlgColumnSorter *self);
gboolean   dlg_column_sorter_read       (GtkSorter *column_view_sorter,
                                         int       *key,
                                         gboolean  *descending);

G_END_DECLS
