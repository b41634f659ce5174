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
#include "dlg-record-section-recommendations.h"
#include "dlg-field-binding.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgValidationView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *recommendation_section;
};

G_DEFINE_FINAL_TYPE (DlgValidationView, dlg_validation_view, DLG_TYPE_STAGE_VIEW_BASE)

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
  DlgDateEntry *date;
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
  g_autofree char *why = dlg_text_view_dup_text (editor->why);
  guint outcome = adw_combo_row_get_selected (editor->outcome);
  g_autofree char *date = NULL;

  if (!dlg_date_entry_dup_value (editor->date, &date, error))
    return FALSE;
  dlg_decision_set_who (editor->decision, gtk_editable_get_text (editor->who));
  dlg_decision_set_decided_at (editor->decision, date != NULL ? date : "");
  dlg_decision_set_what (editor->decision, gtk_editable_get_text (editor->what));
  dlg_decision_set_why (editor->decision, why);
  dlg_decision_set_outcome (editor->decision, dlg_position_choice_value (outcome));
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
                                  dlg_position_choice_index (dlg_decision_get_outcome (fresh)));
  dlg_edit_dialog_refresh_entry (dialog, editor->who, dlg_decision_get_who (fresh));
  dlg_edit_dialog_refresh_date (dialog, editor->date, dlg_decision_get_decided_at (fresh));
  dlg_edit_dialog_refresh_entry (dialog, editor->what, dlg_decision_get_what (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->why, dlg_decision_get_why (fresh));
}

static void
edit_recommendation (DlgStageViewBase  *base,
                     DlgRecommendation *item)
{
  DlgValidationView *self = DLG_VALIDATION_VIEW (base);
  RecommendationEditor *editor = g_new0 (RecommendationEditor, 1);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgEditDialog *dialog;

  editor->view = self;
  editor->item = g_object_ref (item);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Decision"), recommendation_save, editor,
                                (GDestroyNotify)recommendation_editor_free);
  {
    g_autofree const char **choices = dlg_position_choices (_("Not decided yet"));
    const char *outcome;

    editor->decision = decision_for (store, dlg_stage_view_base_get_process_id (base),
                                     dlg_recommendation_get_id (item));
    dlg_edit_dialog_set_note (dialog, dlg_recommendation_get_title (item));
    outcome = dlg_decision_get_outcome (editor->decision);
    editor->outcome = dlg_edit_dialog_add_choice (dialog, _("Decision"), choices,
                                                  dlg_position_choice_index (outcome));
    editor->who = dlg_edit_dialog_add_entry (dialog, _("Who decided"),
                                             dlg_decision_get_who (editor->decision));
    editor->date = dlg_edit_dialog_add_date (dialog, _("When"),
                                             dlg_decision_get_decided_at (editor->decision),
                                             FALSE);
    editor->what = dlg_edit_dialog_add_entry (dialog, _("What was decided"),
                                              dlg_decision_get_what (editor->decision));
    editor->why = dlg_edit_dialog_add_text (dialog, _("Why"),
                                            dlg_decision_get_why (editor->decision));
  }
  dlg_edit_dialog_follow (dialog, store, DLG_TYPE_DECISION, decision_reload);

  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
recommendation_subtitle (gpointer item,
                         gpointer user_data)
{
  DlgValidationView *self = user_data;
  DlgDecision *decision =
    dlg_record_section_lookup_linked (self->recommendation_section, item);
  const char *outcome = decision != NULL ? dlg_decision_get_outcome (decision) : NULL;
  const char *label = outcome != NULL ? dlg_position_value_get_label (outcome) : NULL;
  g_autofree char *date = NULL;

  if (decision == NULL)
    return g_strdup (_("No decision yet"));
  date = dlg_format_date (dlg_decision_get_decided_at (decision));
  return g_strdup_printf ("%s · %s · %s", label != NULL ? label : _("not decided"),
                          dlg_decision_get_who (decision), date != NULL ? date : "");
}

/* The decisions of every recommendation, read with the list in one query. */
static GHashTable *
read_decisions (DlgStore  *store,
                 gint64     process_id,
                 GError   **error)
{
  g_autoptr(GListModel) decisions = dlg_decision_list (store, process_id, "validation", error);

  return decisions != NULL ? dlg_records_by_recommendation (decisions) : NULL;
}

static void
reload_recommendation (DlgStageViewBase *base)
{
  dlg_record_section_show_recommendations (DLG_VALIDATION_VIEW (base)->recommendation_section, base,
                                           read_decisions);
}

static void
recommendation_activated_cb (DlgValidationView *self,
                             GObject            *record)
{
  dlg_record_section_edit_recommendation (DLG_STAGE_VIEW_BASE (self), record, edit_recommendation);
}

static void
dlg_validation_view_class_init (DlgValidationViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  view_class->stage = DLG_STAGE_VALIDATION;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_DECISION);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_RECOMMENDATION);
  view_class->reload = reload_recommendation;

  dlg_record_section_recommendations_class_setup (widget_class,
                                                  RESOURCE_PATH "dlg-validation-view.ui",
                                                  G_STRUCT_OFFSET (DlgValidationView,
                                                                   recommendation_section),
                                                  G_CALLBACK (recommendation_activated_cb));
}

static void
dlg_validation_view_init (DlgValidationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dlg_record_section_set_text_funcs (self->recommendation_section, dlg_recommendation_row_title,
                                     recommendation_subtitle, self);
}
