/* dlg-validation-view.c — stage 9: validation by elected officials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are edited in a DlgEditDialog and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-validation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-validation-view.h"
#include "dlg-edit-dialog.h"
#include "dlg-record-section.h"
#include "dlg-field-binding.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgValidationView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *recommendation_section;

  GHashTable      *decisions;   /* recommendation id → its validation, read with the list */
};

G_DEFINE_FINAL_TYPE (DlgValidationView, dlg_validation_view, DLG_TYPE_STAGE_VIEW_BASE)

static const char **
outcome_choices (void)
{
  const char * const *values = dlg_position_values ();
  guint n = g_strv_length ((char **)values);
  const char **labels = g_new0 (const char *, n + 2);

  labels[0] = _("Not decided yet");
  for (guint i = 0; i < n; i++)
    labels[i + 1] = dlg_position_value_get_label (values[i]);
  return labels;
}

static guint
outcome_index (const char *value)
{
  const char * const *values = dlg_position_values ();

  for (guint i = 0; value != NULL && values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      return i + 1;
  return 0;
}

/* The validation decision about @recommendation_id, or a new one. */
static DlgDecision *
decision_for (DlgStore *store,
              gint64    process_id,
              gint64    recommendation_id)
{
  g_autoptr(GListModel) decisions = dlg_decision_list (store, process_id, "validation", NULL);
  guint n = decisions != NULL ? g_list_model_get_n_items (decisions) : 0;
  DlgDecision *decision;
  g_autofree char *today = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgDecision) d = g_list_model_get_item (decisions, i);

      if (dlg_decision_get_recommendation_id (d) == recommendation_id)
        return g_steal_pointer (&d);
    }
  today = dlg_today ();
  decision = dlg_decision_new (process_id);
  dlg_decision_set_stage (decision, "validation");
  dlg_decision_set_recommendation_id (decision, recommendation_id);
  dlg_decision_set_decided_at (decision, today);
  return decision;
}

/* ---------------------------------------------------------------- recommendation */

typedef struct
{
  DlgValidationView *view;
  DlgRecommendation *item;
  DlgDecision *decision;
  GtkEditable *who;
  GtkEditable *date;
  AdwComboRow *outcome;
  GtkEditable *what;
  GtkTextView *why;
} RecommendationEditor;

static void
recommendation_editor_free (RecommendationEditor *editor)
{
  g_clear_object (&editor->item);
  g_clear_object (&editor->decision);
  g_free (editor);
}

static gboolean
recommendation_save (gpointer   user_data,
                     GError   **error)
{
  RecommendationEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgRecommendation *item = editor->item;
  g_autofree char *why = dlg_text_view_dup_text (editor->why);
  guint outcome = adw_combo_row_get_selected (editor->outcome);

  (void)item;
  if (!dlg_view_check_date (gtk_editable_get_text (editor->date), error))
    return FALSE;
  dlg_decision_set_who (editor->decision, gtk_editable_get_text (editor->who));
  dlg_decision_set_decided_at (editor->decision, gtk_editable_get_text (editor->date));
  dlg_decision_set_what (editor->decision, gtk_editable_get_text (editor->what));
  dlg_decision_set_why (editor->decision, why);
  dlg_decision_set_outcome (editor->decision,
                            outcome == 0 || outcome == GTK_INVALID_LIST_POSITION
                            ? NULL : dlg_position_values ()[outcome - 1]);
  return dlg_decision_save (store, editor->decision, error);
}

/* The decision changed in the store: show it (what the officer is typing stays). */
static void
decision_reload (DlgEditDialog *dialog,
                 gpointer       user_data)
{
  RecommendationEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(DlgDecision) fresh = NULL;

  if (dlg_decision_get_id (editor->decision) == 0 ||
      dlg_stage_view_base_get_context (base) == NULL ||
      !(fresh = dlg_decision_load (dlg_stage_view_base_get_store (base),
                                   dlg_decision_get_id (editor->decision), NULL)))
    return;
  g_set_object (&editor->decision, fresh);
  dlg_edit_dialog_refresh_choice (dialog, editor->outcome,
                                  outcome_index (dlg_decision_get_outcome (fresh)));
  dlg_edit_dialog_refresh_entry (dialog, editor->who, dlg_decision_get_who (fresh));
  dlg_edit_dialog_refresh_entry (dialog, editor->date, dlg_decision_get_decided_at (fresh));
  dlg_edit_dialog_refresh_entry (dialog, editor->what, dlg_decision_get_what (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->why, dlg_decision_get_why (fresh));
}

G_GNUC_UNUSED static void
recommendation_delete (gpointer user_data)
{
  RecommendationEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(GError) error = NULL;

  DlgStore *store = dlg_stage_view_base_get_store (base);
  gint64 id = dlg_recommendation_get_id (editor->item);

  if (id != 0 && !dlg_recommendation_delete (store, id, &error))
    g_message ("Could not delete: %s", error->message);
}

static DlgEditDialog *
edit_recommendation (DlgValidationView *self,
                    DlgRecommendation *item)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  RecommendationEditor *editor = g_new0 (RecommendationEditor, 1);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgEditDialog *dialog;

  editor->view = self;
  editor->item = g_object_ref (item);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Decision"), recommendation_save, editor,
                                (GDestroyNotify)recommendation_editor_free);
  {
    g_autofree const char **choices = outcome_choices ();
    const char *outcome;

    editor->decision = decision_for (store, dlg_stage_view_base_get_process_id (base),
                                     dlg_recommendation_get_id (item));
    dlg_edit_dialog_set_note (dialog, dlg_recommendation_get_title (item));
    outcome = dlg_decision_get_outcome (editor->decision);
    editor->outcome = dlg_edit_dialog_add_choice (dialog, _("Decision"), choices,
                                                  outcome_index (outcome));
    editor->who = dlg_edit_dialog_add_entry (dialog, _("Who decided"),
                                             dlg_decision_get_who (editor->decision));
    editor->date = dlg_edit_dialog_add_entry (dialog, _("When (year-month-day)"),
                                              dlg_decision_get_decided_at (editor->decision));
    editor->what = dlg_edit_dialog_add_entry (dialog, _("What was decided"),
                                              dlg_decision_get_what (editor->decision));
    editor->why = dlg_edit_dialog_add_text (dialog, _("Why"),
                                            dlg_decision_get_why (editor->decision));
  }
  dlg_edit_dialog_follow (dialog, store, DLG_TYPE_DECISION, decision_reload);

  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static char *
recommendation_subtitle (gpointer item,
                         gpointer user_data)
{
  DlgValidationView *self = user_data;
  gint64 id = dlg_recommendation_get_id (item);
  DlgDecision *decision = g_hash_table_lookup (self->decisions, &id);
  const char *outcome = decision != NULL ? dlg_decision_get_outcome (decision) : NULL;
  const char *label = outcome != NULL ? dlg_position_value_get_label (outcome) : NULL;
  g_autofree char *date = NULL;

  if (decision == NULL)
    return g_strdup (_("No decision yet"));
  date = dlg_format_date (dlg_decision_get_decided_at (decision));
  return g_strdup_printf ("%s · %s · %s", label != NULL ? label : _("not decided"),
                          dlg_decision_get_who (decision), date != NULL ? date : "");
}

static void
reload_recommendation (DlgStageViewBase *base)
{
  DlgValidationView *self = DLG_VALIDATION_VIEW (base);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) decisions = NULL;
  g_autoptr(GError) error = NULL;
  DlgStore *store = dlg_stage_view_base_get_store (base);
  gint64 process_id = dlg_stage_view_base_get_process_id (base);

  g_hash_table_remove_all (self->decisions);
  if (!dlg_stage_view_base_is_loaded (base))
    {
      dlg_record_section_set_records (self->recommendation_section, NULL);
      return;
    }
  if (!(items = dlg_recommendation_list (store, process_id, &error)) ||
      !(decisions = dlg_decision_list (store, process_id, "validation", &error)))
    {
      dlg_record_section_show_error (self->recommendation_section, error->message);
      return;
    }
  /* The first decision about a recommendation is the one its editor opens (decision_for). */
  for (guint i = 0; i < g_list_model_get_n_items (decisions); i++)
    {
      DlgDecision *decision = g_list_model_get_item (decisions, i);
      gint64 id = dlg_decision_get_recommendation_id (decision);

      if (g_hash_table_contains (self->decisions, &id))
        g_object_unref (decision);
      else
        g_hash_table_insert (self->decisions, g_memdup2 (&id, sizeof id), decision);
    }
  dlg_record_section_set_records (self->recommendation_section, items);
}

static void
recommendation_activated_cb (DlgValidationView *self,
                             GObject           *record)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgRecommendation) item = NULL;

  item = dlg_record_load_again (dlg_stage_view_base_get_context (base), record,
                                (DlgRecordLoadFunc) dlg_recommendation_load);
  if (item != NULL)
    edit_recommendation (self, item);
}

static void
dlg_validation_view_finalize (GObject *object)
{
  DlgValidationView *self = (DlgValidationView *)object;

  g_clear_pointer (&self->decisions, g_hash_table_unref);

  G_OBJECT_CLASS (dlg_validation_view_parent_class)->finalize (object);
}

static void
dlg_validation_view_class_init (DlgValidationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  object_class->finalize = dlg_validation_view_finalize;

  view_class->stage = DLG_STAGE_VALIDATION;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_DECISION);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_RECOMMENDATION);
  view_class->reload = reload_recommendation;

  g_type_ensure (DLG_TYPE_RECORD_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-validation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgValidationView, recommendation_section);
  gtk_widget_class_bind_template_callback (widget_class, recommendation_activated_cb);
}

static void
dlg_validation_view_init (DlgValidationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->decisions = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_object_unref);
  dlg_record_section_set_text_funcs (self->recommendation_section, dlg_recommendation_row_title,
                                     recommendation_subtitle, self);

}
