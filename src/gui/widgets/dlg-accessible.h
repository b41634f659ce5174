/* dlg-accessible.h — accessible names the widgets of GTK 4.8 do not give themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void dlg_accessible_install_policy  (void);
void dlg_accessible_set_name        (GtkWidget  *widget,
                                     const char *name);
void dlg_accessible_name_from_labels (GtkWidget *row);
void dlg_accessible_name_cell_row   (GtkWidget *cell_child);

G_END_DECLS
