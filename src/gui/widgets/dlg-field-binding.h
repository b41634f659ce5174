/* dlg-field-binding.h — a text widget that edits a free-form field of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

#include "dlg-context.h"

G_BEGIN_DECLS

/* Data of a spin button (a static string, "6"): what it shows while its field was never set,
 * the default the core applies then. Loading it is no edit: nothing is written. */
#define DLG_FIELD_BINDING_EMPTY_VALUE "dlg-field-binding-empty-value"

#define DLG_AUTOSAVE_DELAY_MS 400

#define DLG_TYPE_FIELD_BINDING (dlg_field_binding_get_type ())

G_DECLARE_FINAL_TYPE (DlgFieldBinding, dlg_field_binding, DLG, FIELD_BINDING, GObject)

DlgFieldBinding *dlg_field_binding_new   (GtkWidget       *widget,
                                          const char      *key);
void             dlg_field_binding_load  (DlgFieldBinding *self,
                                          DlgContext      *context,
                                          gint64           process_id);
gboolean         dlg_field_binding_flush (DlgFieldBinding *self);

G_END_DECLS
