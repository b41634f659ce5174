/* dlg-diagnostic-view.c — stage 1: the upstream diagnosis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Steering, object, open questions, constraints and methods are free-form fields saved as the
 * officer types (DlgFieldBinding); the actors are records edited in a DlgEditDialog.
 */

#define G_LOG_DOMAIN "dlg-diagnostic-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-diagnostic-view.h"
#include "dlg-edit-dialog.h"
#include "dlg-field-binding.h"
#include "dlg-reload-helper.h"
#include "dlg-view-util.h"

#define N_FIELDS 5

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgDiagnosticView
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkTextView     *steering_text;
  GtkTextView     *object_text;
  GtkTextView     *questions_text;
  GtkTextView     *constraints_text;
  GtkTextView     *methods_text;
  GtkListBox      *actors_list;

  DlgFieldBinding *fields[N_FIELDS];
  DlgContext      *context;
  gint64           process_id;
  DlgReloadHelper  reload;
};

static void stage_view_iface_init (DlgStageViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlgDiagnosticView, dlg_diagnostic_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DLG_TYPE_STAGE_VIEW, stage_view_iface_init))

typedef struct
{
  DlgDiagnosticView *view;
  DlgActor          *actor;
  GtkEditable       *name;
  GtkEditable       *kind;
  GtkEditable       *role;
  GtkSpinButton     *influence;
  GtkTextView       *notes;
} ActorEditor;

static void
actor_editor_free (ActorEditor *editor)
{
  g_clear_object (&editor->actor);
  g_free (editor);
}

static gboolean
actor_save (gpointer   user_data,
            GError   **error)
{
  ActorEditor *editor = user_data;
  g_autofree char *notes = dlg_text_view_dup_text (editor->notes);

  dlg_actor_set_name (editor->actor, gtk_editable_get_text (editor->name));
  dlg_actor_set_kind (editor->actor, gtk_editable_get_text (editor->kind));
  dlg_actor_set_role (editor->actor, gtk_editable_get_text (editor->role));
  dlg_actor_set_influence (editor->actor, gtk_spin_button_get_value_as_int (editor->influence));
  dlg_actor_set_notes (editor->actor, notes);
  return dlg_actor_save (dlg_context_get_store (editor->view->context), editor->actor, error);
}

/* The actor changed in the store: show it (what the officer is typing stays). */
static void
actor_reload (DlgEditDialog *dialog,
              gpointer       user_data)
{
  ActorEditor *editor = user_data;
  g_autoptr(DlgActor) fresh = NULL;

  if (dlg_actor_get_id (editor->actor) == 0 || editor->view->context == NULL ||
      !(fresh = dlg_actor_load (dlg_context_get_store (editor->view->context),
                                dlg_actor_get_id (editor->actor), NULL)))
    return;
  g_set_object (&editor->actor, fresh);
  dlg_edit_dialog_refresh_entry (dialog, editor->name, dlg_actor_get_name (fresh));
  dlg_edit_dialog_refresh_entry (dialog, editor->kind, dlg_actor_get_kind (fresh));
  dlg_edit_dialog_refresh_entry (dialog, editor->role, dlg_actor_get_role (fresh));
  dlg_edit_dialog_refresh_spin (dialog, editor->influence, dlg_actor_get_influence (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->notes, dlg_actor_get_notes (fresh));
}

static void
actor_delete (gpointer user_data)
{
  ActorEditor *editor = user_data;
  g_autoptr(GError) error = NULL;

  if (dlg_actor_get_id (editor->actor) != 0 &&
      !dlg_actor_delete (dlg_context_get_store (editor->view->context),
                         dlg_actor_get_id (editor->actor), &error))
    g_message ("Could not delete the actor: %s", error->message);
}

static DlgEditDialog *
edit_actor (DlgDiagnosticView *self,
            DlgActor          *actor)
{
  ActorEditor *editor = g_new0 (ActorEditor, 1);
  DlgEditDialog *dialog;

  editor->view = self;
  editor->actor = g_object_ref (actor);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Actor"), actor_save, editor,
                                (GDestroyNotify)actor_editor_free);
  editor->name = dlg_edit_dialog_add_entry (dialog, _("Name"), dlg_actor_get_name (actor));
  editor->kind = dlg_edit_dialog_add_entry (dialog, _("Kind (association, department, company…)"),
                                            dlg_actor_get_kind (actor));
  editor->role = dlg_edit_dialog_add_entry (dialog, _("Role in the process"),
                                            dlg_actor_get_role (actor));
  editor->influence = dlg_edit_dialog_add_spin (dialog, _("Influence (0 to 5)"), 0, 5,
                                                dlg_actor_get_influence (actor));
  editor->notes = dlg_edit_dialog_add_text (dialog, _("Notes"), dlg_actor_get_notes (actor));
  dlg_edit_dialog_follow (dialog, dlg_context_get_store (self->context), DLG_TYPE_ACTOR,
                          actor_reload);
  if (dlg_actor_get_id (actor) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete the Actor"), actor_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
reload_actors (DlgDiagnosticView *self)
{
  g_autoptr(GListModel) actors = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  dlg_reload_helper_cancel (&self->reload);
  dlg_list_box_remove_all (self->actors_list);
  if (self->context == NULL || self->process_id == 0)
    return;

  actors = dlg_actor_list (dlg_context_get_store (self->context), self->process_id, &error);
  if (actors == NULL)
    {
      gtk_list_box_append (self->actors_list, dlg_placeholder_row_new (error->message));
      return;
    }
  n = g_list_model_get_n_items (actors);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgActor) actor = g_list_model_get_item (actors, i);
      g_autoptr(GString) subtitle = g_string_new (NULL);

      if (*dlg_actor_get_kind (actor) != '\0')
        g_string_append_printf (subtitle, "%s · ", dlg_actor_get_kind (actor));
      if (*dlg_actor_get_role (actor) != '\0')
        g_string_append_printf (subtitle, "%s · ", dlg_actor_get_role (actor));
      g_string_append_printf (subtitle, _("influence %d/5"), dlg_actor_get_influence (actor));
      gtk_list_box_append (self->actors_list,
                           dlg_record_row_new (dlg_actor_get_name (actor), subtitle->str,
                                               dlg_actor_get_id (actor)));
    }
}

static void
store_changed_cb (DlgDiagnosticView *self,
                  GType             type,
                  gint64             process_id)
{
  if (process_id == self->process_id && type == DLG_TYPE_ACTOR)
    dlg_reload_helper_queue (&self->reload, (DlgReloadFunc) reload_actors, self);
}

static void
actor_activated_cb (DlgDiagnosticView *self,
                    GtkListBoxRow     *row)
{
  g_autoptr(DlgActor) actor = NULL;
  g_autoptr(GError) error = NULL;

  actor = dlg_actor_load (dlg_context_get_store (self->context), dlg_record_row_get_id (row),
                          &error);
  if (actor != NULL)
    edit_actor (self, actor);
}

static void
add_actor_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlgDiagnosticView *self = DLG_DIAGNOSTIC_VIEW (widget);
  g_autoptr(DlgActor) actor = NULL;

  if (self->context == NULL || self->process_id == 0)
    return;
  actor = dlg_actor_new (self->process_id);
  dlg_actor_set_influence (actor, 3);
  edit_actor (self, actor);
}

static DlgStage
get_stage (DlgStageView *view)
{
  return DLG_STAGE_DIAGNOSTIC;
}

static void
load (DlgStageView *view,
      DlgContext   *context,
      gint64        process_id)
{
  DlgDiagnosticView *self = DLG_DIAGNOSTIC_VIEW (view);

  g_set_object (&self->context, context);
  self->process_id = process_id;
  for (guint i = 0; i < N_FIELDS; i++)
    dlg_field_binding_load (self->fields[i], context, process_id);
  dlg_reload_helper_watch (&self->reload,
                           context != NULL ? dlg_context_get_store (context) : NULL,
                           G_CALLBACK (store_changed_cb), self);
  reload_actors (self);
}

static void
flush (DlgStageView *view)
{
  DlgDiagnosticView *self = DLG_DIAGNOSTIC_VIEW (view);

  for (guint i = 0; i < N_FIELDS; i++)
    dlg_field_binding_flush (self->fields[i]);
}

static void
stage_view_iface_init (DlgStageViewInterface *iface)
{
  iface->get_stage = get_stage;
  iface->load = load;
  iface->flush = flush;
}

static void
dlg_diagnostic_view_dispose (GObject *object)
{
  DlgDiagnosticView *self = (DlgDiagnosticView *)object;

  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_object (&self->fields[i]);
  dlg_reload_helper_cancel (&self->reload);
  dlg_reload_helper_unwatch (&self->reload);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_DIAGNOSTIC_VIEW);

  G_OBJECT_CLASS (dlg_diagnostic_view_parent_class)->dispose (object);
}

static void
dlg_diagnostic_view_class_init (DlgDiagnosticViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_diagnostic_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-diagnostic-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, box);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, steering_text);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, object_text);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, questions_text);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, constraints_text);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, methods_text);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, actors_list);
  gtk_widget_class_install_action (widget_class, "view.add-actor", NULL, add_actor_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dlg_diagnostic_view_init (DlgDiagnosticView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields[0] = dlg_field_binding_new (GTK_WIDGET (self->steering_text),
                                           DLG_FIELD_DIAGNOSTIC_STEERING);
  self->fields[1] = dlg_field_binding_new (GTK_WIDGET (self->object_text),
                                           DLG_FIELD_DIAGNOSTIC_OBJECT);
  self->fields[2] = dlg_field_binding_new (GTK_WIDGET (self->questions_text),
                                           DLG_FIELD_DIAGNOSTIC_QUESTIONS);
  self->fields[3] = dlg_field_binding_new (GTK_WIDGET (self->constraints_text),
                                           DLG_FIELD_DIAGNOSTIC_CONSTRAINTS);
  self->fields[4] = dlg_field_binding_new (GTK_WIDGET (self->methods_text),
                                           DLG_FIELD_DIAGNOSTIC_METHODS);
  gtk_list_box_set_placeholder (self->actors_list,
                                dlg_placeholder_row_new (_("No actor yet. Who has a stake in "
                                                           "this process?")));
  g_signal_connect_object (self->actors_list, "row-activated", G_CALLBACK (actor_activated_cb),
                           self, G_CONNECT_SWAPPED);
}
