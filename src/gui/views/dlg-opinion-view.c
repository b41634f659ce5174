/* dlg-opinion-view.c — stage 7: the citizens’ opinion
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are edited in a DlgEditDialog and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-opinion-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-opinion-view.h"
#include "dlg-edit-dialog.h"
#include "dlg-sources-editor.h"
#include "dlg-record-section-recommendations.h"
#include "dlg-field-binding.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgOpinionView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *recommendation_section;
};

G_DEFINE_FINAL_TYPE (DlgOpinionView, dlg_opinion_view, DLG_TYPE_STAGE_VIEW_BASE)

/* ---------------------------------------------------------------- recommendation */

typedef struct
{
  DlgOpinionView *view;
  DlgRecommendation *item;
  GtkEditable *title;
  GtkTextView *body;
  DlgSourcesEditor *sources;   /* weak: the dialog's */
} RecommendationEditor;

static void
recommendation_editor_free (RecommendationEditor *editor)
{
  g_clear_weak_pointer (&editor->sources);
  g_clear_object (&editor->item);
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
  g_autofree char *body = dlg_text_view_dup_text (editor->body);
  gboolean created = dlg_recommendation_get_id (item) == 0;

  dlg_recommendation_set_title (item, gtk_editable_get_text (editor->title));
  dlg_recommendation_set_body (item, body);
  if (!dlg_recommendation_save (store, item, error))
    return FALSE;
  /* Once saved, contributions can be linked to it. */
  if (created && editor->sources != NULL)
    dlg_sources_editor_reload (editor->sources);
  return TRUE;
}

/* The recommendation changed in the store: show it (what the officer is typing stays). */
static void
recommendation_reload (DlgEditDialog *dialog,
                       gpointer       user_data)
{
  RecommendationEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(DlgRecommendation) fresh = NULL;

  if (dlg_recommendation_get_id (editor->item) == 0 ||
      dlg_stage_view_base_get_context (base) == NULL ||
      !(fresh = dlg_recommendation_load (dlg_stage_view_base_get_store (base),
                                         dlg_recommendation_get_id (editor->item), NULL)))
    return;
  g_set_object (&editor->item, fresh);
  dlg_edit_dialog_refresh_entry (dialog, editor->title, dlg_recommendation_get_title (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->body, dlg_recommendation_get_body (fresh));
}

static void
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

static void
edit_recommendation (DlgStageViewBase  *base,
                     DlgRecommendation *item)
{
  DlgOpinionView *self = DLG_OPINION_VIEW (base);
  RecommendationEditor *editor = g_new0 (RecommendationEditor, 1);
  DlgEditDialog *dialog;

  editor->view = self;
  editor->item = g_object_ref (item);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Recommendation"), recommendation_save, editor,
                                (GDestroyNotify)recommendation_editor_free);
  editor->title = dlg_edit_dialog_add_entry (dialog, _("Title"),
                                             dlg_recommendation_get_title (item));
  editor->body = dlg_edit_dialog_add_text (dialog, _("Text of the recommendation"),
                                           dlg_recommendation_get_body (item));
  dlg_edit_dialog_follow (dialog, dlg_stage_view_base_get_store (base), DLG_TYPE_RECOMMENDATION,
                          recommendation_reload);
  g_set_weak_pointer (&editor->sources,
                      DLG_SOURCES_EDITOR (dlg_sources_editor_new (
                        dlg_stage_view_base_get_store (base),
                        dlg_stage_view_base_get_process_id (base), item)));
  dlg_edit_dialog_add_widget (dialog, GTK_WIDGET (editor->sources));
  if (dlg_recommendation_get_id (item) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete the Recommendation"), recommendation_delete);
  gtk_window_present (GTK_WINDOW (dialog));
}

static char *
recommendation_subtitle (gpointer item,
                         gpointer user_data)
{
  DlgOpinionView *self = user_data;
  guint count =
    GPOINTER_TO_UINT (dlg_record_section_lookup_linked (self->recommendation_section, item));

  return g_strdup_printf (g_dngettext (NULL, "Comes from %u contribution",
                                       "Comes from %u contributions", count), count);
}

static void
reload_recommendation (DlgStageViewBase *base)
{
  dlg_record_section_show_recommendations (DLG_OPINION_VIEW (base)->recommendation_section, base,
                                           dlg_recommendation_count_sources);
}

static void
recommendation_activated_cb (DlgOpinionView *self,
                             GObject         *record)
{
  dlg_record_section_edit_recommendation (DLG_STAGE_VIEW_BASE (self), record, edit_recommendation);
}

static void
add_recommendation_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DlgOpinionView *self = DLG_OPINION_VIEW (widget);
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgRecommendation) item = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    return;
  item = dlg_recommendation_new (dlg_stage_view_base_get_process_id (base));
  edit_recommendation (base, item);
}

static void
dlg_opinion_view_class_init (DlgOpinionViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  view_class->stage = DLG_STAGE_OPINION;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_RECOMMENDATION);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_RECOMMENDATION_SOURCE);
  view_class->reload = reload_recommendation;

  dlg_record_section_recommendations_class_setup (widget_class,
                                                  RESOURCE_PATH "dlg-opinion-view.ui",
                                                  G_STRUCT_OFFSET (DlgOpinionView,
                                                                   recommendation_section),
                                                  G_CALLBACK (recommendation_activated_cb));
  gtk_widget_class_install_action (widget_class, "view.add-recommendation", NULL,
                                   add_recommendation_action);
}

static void
dlg_opinion_view_init (DlgOpinionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dlg_record_section_set_text_funcs (self->recommendation_section, dlg_recommendation_row_title,
                                     recommendation_subtitle, self);
}
