/* dlg-read-only.h — a widget tree shown read-only: readable, selectable, scrollable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void     dlg_read_only_apply        (GtkWidget *root,
                                     gboolean   read_only);
gboolean dlg_read_only_is_editing   (GtkWidget *widget);
gboolean dlg_read_only_find_editing (GtkWidget *root,
                                     GString   *found);

G_END_DECLS
