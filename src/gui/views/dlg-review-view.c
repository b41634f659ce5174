/* dlg-review-view.c — stage 8: review by the departments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are edited in a DlgEditDialog and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-review-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-review-view.h"
#include "dlg-edit-dialog.h"
#include "dlg-record-section-recommendations.h"
#include "dlg-field-binding.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgReviewView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *recommendation_section;
};

G_DEFINE_FINAL_TYPE (DlgReviewView, dlg_review_view, DLG_TYPE_STAGE_VIEW_BASE)

static DlgReview *
review_for (DlgStore *store,
            gint64    recommendation_id)
{
  g_autoptr(GError) error = NULL;
  DlgReview *review = dlg_review_load_for (store, recommendation_id, &error);

  return review != NULL ? review : dlg_review_new (recommendation_id);
}

/* ---------------------------------------------------------------- recommendation */

typedef struct
{
  DlgReviewView *view;
  DlgRecommendation *item;
  DlgReview   *review;
  GtkEditable *department;
  GtkTextView *feasibility;
  GtkTextView *cost;
  GtkTextView *legal;
  AdwComboRow *position;
  GtkTextView *notes;
} RecommendationEditor;

static void
recommendation_editor_free (RecommendationEditor *editor)
{
  g_clear_object (&editor->item);
  g_clear_object (&editor->review);
  g_free (editor);
}

static gboolean
recommendation_save (gpointer   user_data,
                     GError   **error)
{
  RecommendationEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  g_autofree char *feasibility = dlg_text_view_dup_text (editor->feasibility);
  g_autofree char *cost = dlg_text_view_dup_text (editor->cost);
  g_autofree char *legal = dlg_text_view_dup_text (editor->legal);
  g_autofree char *notes = dlg_text_view_dup_text (editor->notes);
  guint position = adw_combo_row_get_selected (editor->position);

  dlg_review_set_department (editor->review, gtk_editable_get_text (editor->department));
  dlg_review_set_feasibility (editor->review, feasibility);
  dlg_review_set_cost (editor->review, cost);
  dlg_review_set_legal (editor->review, legal);
  dlg_review_set_notes (editor->review, notes);
  dlg_review_set_proposed_position (editor->review, dlg_position_choice_value (position));
  return dlg_review_save (store, editor->review, error);
}

/* The review changed in the store: show it (what the officer is typing stays). */
static void
review_reload (DlgEditDialog *dialog,
               gpointer       user_data)
{
  RecommendationEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(DlgReview) fresh = NULL;

  if (dlg_review_get_id (editor->review) == 0 || dlg_stage_view_base_get_context (base) == NULL ||
      !(fresh = dlg_review_load_for (dlg_stage_view_base_get_store (base),
                                     dlg_review_get_recommendation_id (editor->review), NULL)))
    return;
  g_set_object (&editor->review, fresh);
  dlg_edit_dialog_refresh_entry (dialog, editor->department, dlg_review_get_department (fresh));
  dlg_edit_dialog_refresh_choice (
    dialog, editor->position, dlg_position_choice_index (dlg_review_get_proposed_position (fresh)));
  dlg_edit_dialog_refresh_text (dialog, editor->feasibility, dlg_review_get_feasibility (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->cost, dlg_review_get_cost (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->legal, dlg_review_get_legal (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->notes, dlg_review_get_notes (fresh));
}

static void
edit_recommendation (DlgStageViewBase  *base,
                     DlgRecommendation *item)
{
  DlgReviewView *self = DLG_REVIEW_VIEW (base);
  RecommendationEditor *editor = g_new0 (RecommendationEditor, 1);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgEditDialog *dialog;

  editor->view = self;
  editor->item = g_object_ref (item);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Review"), recommendation_save, editor,
                                (GDestroyNotify)recommendation_editor_free);
  {
    g_autofree const char **choices = dlg_position_choices (_("Not proposed yet"));
    const char *proposed;

    editor->review = review_for (store, dlg_recommendation_get_id (item));
    dlg_edit_dialog_set_note (dialog, dlg_recommendation_get_title (item));
    editor->department = dlg_edit_dialog_add_entry (dialog, _("Department in charge"),
                                                    dlg_review_get_department (editor->review));
    proposed = dlg_review_get_proposed_position (editor->review);
    editor->position = dlg_edit_dialog_add_choice (dialog, _("Proposed position"), choices,
                                                   dlg_position_choice_index (proposed));
    editor->feasibility = dlg_edit_dialog_add_text (dialog, _("Feasibility"),
                                                    dlg_review_get_feasibility (editor->review));
    editor->cost = dlg_edit_dialog_add_text (dialog, _("Cost"),
                                             dlg_review_get_cost (editor->review));
    editor->legal = dlg_edit_dialog_add_text (dialog, _("Legal constraints"),
                                              dlg_review_get_legal (editor->review));
    editor->notes = dlg_edit_dialog_add_text (dialog, _("Notes"),
                                              dlg_review_get_notes (editor->review));
  }
  dlg_edit_dialog_follow (dialog, store, DLG_TYPE_REVIEW, review_reload);

  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
recommendation_subtitle (gpointer item,
                         gpointer user_data)
{
  DlgReviewView *self = user_data;
  DlgReview *review =
    dlg_record_section_lookup_linked (self->recommendation_section, item);
  const char *position = review != NULL ? dlg_review_get_proposed_position (review) : NULL;
  const char *label = position != NULL ? dlg_position_value_get_label (position) : NULL;

  if (review == NULL)
    return g_strdup (_("Not reviewed yet"));
  return g_strdup_printf ("%s · %s",
                          *dlg_review_get_department (review) != '\0'
                          ? dlg_review_get_department (review) : _("no department"),
                          label != NULL ? label : _("no position proposed"));
}

/* The reviews of every recommendation, read with the list in one query. */
static GHashTable *
read_reviews (DlgStore  *store,
              gint64     process_id,
              GError   **error)
{
  g_autoptr(GListModel) reviews = dlg_review_list (store, process_id, error);

  return reviews != NULL ? dlg_records_by_recommendation (reviews) : NULL;
}

static void
reload_recommendation (DlgStageViewBase *base)
{
  dlg_record_section_show_recommendations (DLG_REVIEW_VIEW (base)->recommendation_section, base,
                                           read_reviews);
}

static void
recommendation_activated_cb (DlgReviewView *self,
                             GObject        *record)
{
  dlg_record_section_edit_recommendation (DLG_STAGE_VIEW_BASE (self), record, edit_recommendation);
}

static void
dlg_review_view_class_init (DlgReviewViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  view_class->stage = DLG_STAGE_REVIEW;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_RECOMMENDATION);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_REVIEW);
  view_class->reload = reload_recommendation;

  dlg_record_section_recommendations_class_setup (widget_class,
                                                  RESOURCE_PATH "dlg-review-view.ui",
                                                  G_STRUCT_OFFSET (DlgReviewView,
                                                                   recommendation_section),
                                                  G_CALLBACK (recommendation_activated_cb));
}

static void
dlg_review_view_init (DlgReviewView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dlg_record_section_set_text_funcs (self->recommendation_section, dlg_recommendation_row_title,
                                     recommendation_subtitle, self);
}
