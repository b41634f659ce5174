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
#include "dlg-record-section.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgDiagnosticView
{
  DlgStageViewBase parent_instance;

  GtkTextView     *steering_text;
  GtkTextView     *object_text;
  GtkTextView     *questions_text;
  GtkTextView     *constraints_text;
  GtkTextView     *methods_text;
  DlgRecordSection *actors_section;
};

G_DEFINE_FINAL_TYPE (DlgDiagnosticView, dlg_diagnostic_view, DLG_TYPE_STAGE_VIEW_BASE)

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
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autofree char *notes = dlg_text_view_dup_text (editor->notes);

  dlg_actor_set_name (editor->actor, gtk_editable_get_text (editor->name));
  dlg_actor_set_kind (editor->actor, gtk_editable_get_text (editor->kind));
  dlg_actor_set_role (editor->actor, gtk_editable_get_text (editor->role));
  dlg_actor_set_influence (editor->actor, gtk_spin_button_get_value_as_int (editor->influence));
  dlg_actor_set_notes (editor->actor, notes);
  return dlg_actor_save (dlg_stage_view_base_get_store (base), editor->actor, error);
}

/* The actor changed in the store: show it (what the officer is typing stays). */
static void
actor_reload (DlgEditDialog *dialog,
              gpointer       user_data)
{
  ActorEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(DlgActor) fresh = NULL;

  if (dlg_actor_get_id (editor->actor) == 0 || dlg_stage_view_base_get_context (base) == NULL ||
      !(fresh = dlg_actor_load (dlg_stage_view_base_get_store (base),
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
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(GError) error = NULL;

  if (dlg_actor_get_id (editor->actor) != 0 &&
      !dlg_actor_delete (dlg_stage_view_base_get_store (base),
                         dlg_actor_get_id (editor->actor), &error))
    g_message ("Could not delete the actor: %s", error->message);
}

static DlgEditDialog *
edit_actor (DlgDiagnosticView *self,
            DlgActor          *actor)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
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
  dlg_edit_dialog_follow (dialog, dlg_stage_view_base_get_store (base), DLG_TYPE_ACTOR,
                          actor_reload);
  if (dlg_actor_get_id (actor) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete the Actor"), actor_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static char *
actor_subtitle (gpointer item,
                gpointer user_data)
{
  DlgActor *actor = item;
  GString *subtitle = g_string_new (NULL);

  if (*dlg_actor_get_kind (actor) != '\0')
    g_string_append_printf (subtitle, "%s · ", dlg_actor_get_kind (actor));
  if (*dlg_actor_get_role (actor) != '\0')
    g_string_append_printf (subtitle, "%s · ", dlg_actor_get_role (actor));
  g_string_append_printf (subtitle, _("influence %d/5"), dlg_actor_get_influence (actor));
  return g_string_free (subtitle, FALSE);
}

static void
reload_actors (DlgStageViewBase *base)
{
  DlgDiagnosticView *self = DLG_DIAGNOSTIC_VIEW (base);
  g_autoptr(GListModel) actors = NULL;
  g_autoptr(GError) error = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    {
      dlg_record_section_set_records (self->actors_section, NULL);
      return;
    }
  actors = dlg_actor_list (dlg_stage_view_base_get_store (base),
                           dlg_stage_view_base_get_process_id (base), &error);
  if (actors == NULL)
    dlg_record_section_show_error (self->actors_section, error->message);
  else
    dlg_record_section_set_records (self->actors_section, actors);
}

static void
actor_activated_cb (DlgDiagnosticView *self,
                    GObject           *record)
{
  g_autoptr(DlgActor) actor = NULL;

  actor = dlg_record_load_again (dlg_stage_view_base_get_context (DLG_STAGE_VIEW_BASE (self)),
                                 record, (DlgRecordLoadFunc) dlg_actor_load);
  if (actor != NULL)
    edit_actor (self, actor);
}

static void
add_actor_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlgDiagnosticView *self = DLG_DIAGNOSTIC_VIEW (widget);
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgActor) actor = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    return;
  actor = dlg_actor_new (dlg_stage_view_base_get_process_id (base));
  dlg_actor_set_influence (actor, 3);
  edit_actor (self, actor);
}

static void
dlg_diagnostic_view_class_init (DlgDiagnosticViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  view_class->stage = DLG_STAGE_DIAGNOSTIC;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_ACTOR);
  view_class->reload = reload_actors;

  g_type_ensure (DLG_TYPE_RECORD_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-diagnostic-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, steering_text);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, object_text);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, questions_text);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, constraints_text);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, methods_text);
  gtk_widget_class_bind_template_child (widget_class, DlgDiagnosticView, actors_section);
  gtk_widget_class_bind_template_callback (widget_class, actor_activated_cb);
  gtk_widget_class_install_action (widget_class, "view.add-actor", NULL, add_actor_action);
}

static void
dlg_diagnostic_view_init (DlgDiagnosticView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);

  gtk_widget_init_template (GTK_WIDGET (self));
  dlg_record_section_set_text_funcs (self->actors_section, NULL, actor_subtitle, NULL);

  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->steering_text),
                                  DLG_FIELD_DIAGNOSTIC_STEERING);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->object_text),
                                  DLG_FIELD_DIAGNOSTIC_OBJECT);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->questions_text),
                                  DLG_FIELD_DIAGNOSTIC_QUESTIONS);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->constraints_text),
                                  DLG_FIELD_DIAGNOSTIC_CONSTRAINTS);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->methods_text),
                                  DLG_FIELD_DIAGNOSTIC_METHODS);
}
