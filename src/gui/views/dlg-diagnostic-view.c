/* dlg-diagnostic-view.c — stage 1: the upstream diagnosis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Steering, object, open questions, constraints and methods are free-form fields saved as the
 * officer types (DlgFieldBinding); the actors are records edited in the dialog generated from their field table
 * (DlgRecordEditor).
 */

#define G_LOG_DOMAIN "dlg-diagnostic-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-diagnostic-view.h"
#include "dlg-record-editor.h"
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

/* The actor's fields in the order an officer fills them in, with this view's labels. */
static const DlgRecordEditorRow actor_rows[] = {
  { .property = "name", .label = N_("Name") },
  { .property = "kind", .label = N_("Kind (association, department, company…)") },
  { .property = "role", .label = N_("Role in the process") },
  { .property = "influence", .label = N_("Influence (0 to 5)") },
  { .property = "notes", .label = N_("Notes") },
  { NULL },
};

static void
edit_actor (DlgDiagnosticView *self,
            DlgActor          *actor)
{
  dlg_record_editor_new (GTK_WIDGET (self),
                         dlg_stage_view_base_get_store (DLG_STAGE_VIEW_BASE (self)),
                         DLG_RECORD (actor), _("Actor"), _("_Delete the Actor"), actor_rows);
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
