/* dlg-edit-dialog.h — a small window that edits one record, saved as the officer types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-autosave.h"
#include "dlg-date-entry.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_EDIT_DIALOG (dlg_edit_dialog_get_type ())

G_DECLARE_FINAL_TYPE (DlgEditDialog, dlg_edit_dialog, DLG, EDIT_DIALOG, AdwWindow)

typedef void (*DlgEditDialogDeleteFunc) (gpointer user_data);
typedef void (*DlgEditDialogReloadFunc) (DlgEditDialog *dialog,
                                         gpointer       user_data);

DlgEditDialog *dlg_edit_dialog_new         (GtkWidget               *parent,
                                            const char              *title,
                                            DlgAutosaveFunc          save,
                                            gpointer                 user_data,
                                            GDestroyNotify           destroy);
GtkEditable   *dlg_edit_dialog_add_entry   (DlgEditDialog           *self,
                                            const char              *title,
                                            const char              *text);
DlgDateEntry  *dlg_edit_dialog_add_date    (DlgEditDialog           *self,
                                            const char              *title,
                                            const char              *iso,
                                            gboolean                 with_time);
GtkTextView   *dlg_edit_dialog_add_text    (DlgEditDialog           *self,
                                            const char              *title,
                                            const char              *text);
GtkSpinButton *dlg_edit_dialog_add_spin    (DlgEditDialog           *self,
                                            const char              *title,
                                            double                   min,
                                            double                   max,
                                            double                   value);
AdwComboRow   *dlg_edit_dialog_add_choice  (DlgEditDialog           *self,
                                            const char              *title,
                                            const char * const      *labels,
                                            guint                    selected);
GtkSwitch     *dlg_edit_dialog_add_switch  (DlgEditDialog           *self,
                                            const char              *title,
                                            const char              *subtitle,
                                            gboolean                 active);
void           dlg_edit_dialog_add_widget  (DlgEditDialog           *self,
                                            GtkWidget               *widget);
void           dlg_edit_dialog_set_delete  (DlgEditDialog           *self,
                                            const char              *label,
                                            DlgEditDialogDeleteFunc  func);
void           dlg_edit_dialog_set_note    (DlgEditDialog           *self,
                                            const char              *note);
DlgAutosave   *dlg_edit_dialog_get_autosave (DlgEditDialog          *self);
gboolean       dlg_edit_dialog_flush       (DlgEditDialog           *self);

void           dlg_edit_dialog_follow         (DlgEditDialog           *self,
                                               DlgStore                *store,
                                               GType                    type,
                                               DlgEditDialogReloadFunc  reload);
void           dlg_edit_dialog_refresh_entry  (DlgEditDialog           *self,
                                               GtkEditable             *entry,
                                               const char              *text);
void           dlg_edit_dialog_refresh_date   (DlgEditDialog           *self,
                                               DlgDateEntry            *entry,
                                               const char              *iso);
void           dlg_edit_dialog_refresh_text   (DlgEditDialog           *self,
                                               GtkTextView             *view,
                                               const char              *text);
void           dlg_edit_dialog_refresh_spin   (DlgEditDialog           *self,
                                               GtkSpinButton           *spin,
                                               double                   value);
void           dlg_edit_dialog_refresh_choice (DlgEditDialog           *self,
                                               AdwComboRow             *row,
                                               guint                    selected);
void           dlg_edit_dialog_refresh_switch (DlgEditDialog           *self,
                                               GtkSwitch               *sw,
                                               gboolean                 active);

G_END_DECLS
