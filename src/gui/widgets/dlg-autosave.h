/* dlg-autosave.h — save an editor's content shortly after the officer stops typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DLG_TYPE_AUTOSAVE (dlg_autosave_get_type ())

G_DECLARE_FINAL_TYPE (DlgAutosave, dlg_autosave, DLG, AUTOSAVE, GObject)

/* Saves what the watched widgets show; returns FALSE and sets @error when it cannot. */
typedef gboolean (*DlgAutosaveFunc) (gpointer   user_data,
                                     GError   **error);

DlgAutosave *dlg_autosave_new             (DlgAutosaveFunc  save,
                                           gpointer         user_data);
void         dlg_autosave_watch           (DlgAutosave     *self,
                                           GtkWidget       *widget);
void         dlg_autosave_set_error_label (DlgAutosave     *self,
                                           GtkLabel        *label);
void         dlg_autosave_schedule        (DlgAutosave     *self);
gboolean     dlg_autosave_flush           (DlgAutosave     *self);
gboolean     dlg_autosave_get_dirty       (DlgAutosave     *self);
gboolean     dlg_autosave_is_edited       (DlgAutosave     *self,
                                           GtkWidget       *widget);
void         dlg_autosave_block           (DlgAutosave     *self);
void         dlg_autosave_unblock         (DlgAutosave     *self);

G_END_DECLS
