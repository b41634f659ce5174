/* dlg-text-column.h — a GtkColumnView column of plain-text cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Returns the text of the cell for @item, newly allocated, or NULL for an empty cell. */
typedef char *(*DlgTextColumnFunc) (gpointer item);

GtkColumnViewColumn *dlg_text_column_new            (const char        *title,
                                                     DlgTextColumnFunc  get_text,
                                                     gboolean           expand,
                                                     int                fixed_width);
guint                dlg_text_column_get_n_created  (void);
guint                dlg_text_column_get_n_alive    (void);
char                *dlg_format_datetime            (const char        *iso8601);

G_END_DECLS
