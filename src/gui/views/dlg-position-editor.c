/* dlg-position-editor.c — the institution's position on one recommendation (response view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The recommendation's number, title and body, the position (a drop-down) and its
 * justification, saved as the officer types (DlgAutosave); "required when not retained" shows
 * when it is. The layout is the template dlg-position-editor.ui.
 */

#define G_LOG_DOMAIN "dlg-position-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-autosave.h"
#include "dlg-position-editor.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgPositionEditor
{
  GtkBox        parent_instance;

  GtkCheckButton *select_check;
  GtkLabel     *heading;
  GtkLabel     *body;
  AdwComboRow  *value;
  GtkWidget    *required;
  GtkTextView  *justification;
  GtkLabel     *error_label;

  DlgStore     *store;
  DlgPosition  *position;
  DlgAutosave  *autosave;
};

G_DEFINE_FINAL_TYPE (DlgPositionEditor, dlg_position_editor, GTK_TYPE_BOX)

static const char *
selected_value (DlgPositionEditor *self)
{
  guint selected = adw_combo_row_get_selected (self->value);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return dlg_position_values ()[selected - 1];
}

static void
update_required (DlgPositionEditor *self)
{
  gtk_widget_set_visible (self->required, g_strcmp0 (selected_value (self), "not_retained") == 0);
}

static gboolean
position_save (gpointer   user_data,
               GError   **error)
{
  DlgPositionEditor *self = user_data;
  g_autofree char *justification = dlg_text_view_dup_text (self->justification);

  dlg_position_set_value (self->position, selected_value (self));
  dlg_position_set_justification (self->position, justification);
  return dlg_position_save (self->store, self->position, error);
}

static void
value_changed_cb (DlgPositionEditor *self)
{
  update_required (self);
}

static void
dlg_position_editor_dispose (GObject *object)
{
  DlgPositionEditor *self = (DlgPositionEditor *)object;

  g_clear_object (&self->autosave);
  g_clear_object (&self->position);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_POSITION_EDITOR);

  G_OBJECT_CLASS (dlg_position_editor_parent_class)->dispose (object);
}

static void
dlg_position_editor_class_init (DlgPositionEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_position_editor_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-position-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgPositionEditor, select_check);
  gtk_widget_class_bind_template_child (widget_class, DlgPositionEditor, heading);
  gtk_widget_class_bind_template_child (widget_class, DlgPositionEditor, body);
  gtk_widget_class_bind_template_child (widget_class, DlgPositionEditor, value);
  gtk_widget_class_bind_template_child (widget_class, DlgPositionEditor, required);
  gtk_widget_class_bind_template_child (widget_class, DlgPositionEditor, justification);
  gtk_widget_class_bind_template_child (widget_class, DlgPositionEditor, error_label);
}

static void
dlg_position_editor_init (DlgPositionEditor *self)
{
  const char * const *values = dlg_position_values ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (model, _("No position yet"));
  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (model, dlg_position_value_get_label (values[i]));
  adw_combo_row_set_model (self->value, G_LIST_MODEL (model));
}

/**
 * dlg_position_editor_new:
 * @store: where the position is saved
 * @recommendation: the recommendation it answers
 * @position: (nullable): the position stored for @recommendation, as the view listed them
 *   with one query; %NULL when there is none yet
 *
 * Shows @position (or none yet); the first change the core accepts creates it.
 */
GtkWidget *
dlg_position_editor_new (DlgStore          *store,
                         DlgRecommendation *recommendation,
                         DlgPosition       *position)
{
  DlgPositionEditor *self;
  g_autofree char *title = NULL;
  const char *value;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (recommendation), NULL);
  g_return_val_if_fail (position == NULL || DLG_IS_POSITION (position), NULL);

  self = g_object_new (DLG_TYPE_POSITION_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->position = position != NULL ? g_object_ref (position)
                                    : dlg_position_new (dlg_recommendation_get_id (recommendation));

  title = g_strdup_printf ("%" G_GINT64_FORMAT ". %s",
                           dlg_recommendation_get_number (recommendation),
                           dlg_recommendation_get_title (recommendation));
  gtk_label_set_text (self->heading, title);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->select_check),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  gtk_label_set_text (self->body, dlg_recommendation_get_body (recommendation));
  gtk_widget_set_visible (GTK_WIDGET (self->body),
                          *dlg_recommendation_get_body (recommendation) != '\0');
  value = dlg_position_get_value (self->position);
  adw_combo_row_set_selected (self->value,
                              value != NULL
                              ? dlg_choice_index (&dlg_vocabulary_position, value) + 1 : 0);
  dlg_text_view_set_text (self->justification, dlg_position_get_justification (self->position));

  /* Filled before it is watched: what is shown is no edit. */
  self->autosave = dlg_autosave_new (position_save, self);
  dlg_autosave_set_error_label (self->autosave, self->error_label);
  dlg_autosave_watch (self->autosave, GTK_WIDGET (self->value));
  dlg_autosave_watch (self->autosave, GTK_WIDGET (self->justification));
  g_signal_connect_object (self->value, "notify::selected", G_CALLBACK (value_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_required (self);
  return GTK_WIDGET (self);
}

/* Saves what is typed and not yet saved. */
void
dlg_position_editor_flush (DlgPositionEditor *self)
{
  g_return_if_fail (DLG_IS_POSITION_EDITOR (self));

  dlg_autosave_flush (self->autosave);
}

/* Whether the officer ticked it, for a template applied to the selection. */
gboolean
dlg_position_editor_get_selected (DlgPositionEditor *self)
{
  g_return_val_if_fail (DLG_IS_POSITION_EDITOR (self), FALSE);

  return gtk_check_button_get_active (self->select_check);
}

void
dlg_position_editor_set_selected (DlgPositionEditor *self,
                                  gboolean           selected)
{
  g_return_if_fail (DLG_IS_POSITION_EDITOR (self));

  gtk_check_button_set_active (self->select_check, selected);
}

gint64
dlg_position_editor_get_recommendation_id (DlgPositionEditor *self)
{
  g_return_val_if_fail (DLG_IS_POSITION_EDITOR (self), 0);

  return dlg_position_get_recommendation_id (self->position);
}

/* Whether the position shown has a value (a position taken). */
gboolean
dlg_position_editor_has_value (DlgPositionEditor *self)
{
  g_return_val_if_fail (DLG_IS_POSITION_EDITOR (self), FALSE);

  return adw_combo_row_get_selected (self->value) != 0;
}
