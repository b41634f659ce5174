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
#include "dlg-record-section.h"
#include "dlg-field-binding.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgOpinionView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *recommendation_section;

  GHashTable      *sources;   /* recommendation id → how many contributions, read with the list */
};

G_DEFINE_FINAL_TYPE (DlgOpinionView, dlg_opinion_view, DLG_TYPE_STAGE_VIEW_BASE)

/* ---------------------------------------------------------------- sources */

typedef struct
{
  DlgOpinionView      *view;
  DlgRecommendation   *recommendation;
  GtkListBox          *sources;
  DlgContributionList *results;
} SourcesEditor;

static void
sources_editor_free (SourcesEditor *editor)
{
  g_clear_object (&editor->recommendation);
  g_clear_object (&editor->results);
  g_free (editor);
}

static void reload_sources (SourcesEditor *editor);

static void
unlink_clicked_cb (GtkButton     *button,
                   SourcesEditor *editor)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  gint64 contribution_id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button),
                                                                         "dlg-contribution"));
  g_autoptr(GError) error = NULL;

  if (!dlg_recommendation_unlink_contribution (dlg_stage_view_base_get_store (base),
                                               dlg_recommendation_get_id (editor->recommendation),
                                               contribution_id, &error))
    g_message ("Could not unlink: %s", error->message);
  reload_sources (editor);
}

static void
reload_sources (SourcesEditor *editor)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  dlg_list_box_remove_all (editor->sources);
  if (dlg_recommendation_get_id (editor->recommendation) == 0)
    {
      gtk_list_box_append (editor->sources,
                           dlg_placeholder_row_new (_("Give the recommendation a title first.")));
      return;
    }
  sources = dlg_recommendation_list_sources (dlg_stage_view_base_get_store (base),
                                             dlg_recommendation_get_id (editor->recommendation),
                                             &error);
  if (sources == NULL)
    {
      gtk_list_box_append (editor->sources, dlg_placeholder_row_new (error->message));
      return;
    }
  n = g_list_model_get_n_items (sources);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgContribution) c = g_list_model_get_item (sources, i);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *button = gtk_button_new_from_icon_name ("edit-delete-symbolic");
      const char *channel;

      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), dlg_contribution_get_title (c));
      channel = dlg_contribution_channel_get_label (dlg_contribution_get_channel (c));
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), channel);
      gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, _("Unlink this contribution"));
      g_object_set_data (G_OBJECT (button), "dlg-contribution",
                         GSIZE_TO_POINTER ((gsize)dlg_contribution_get_id (c)));
      g_signal_connect (button, "clicked", G_CALLBACK (unlink_clicked_cb), editor);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (editor->sources, row);
    }
  if (n == 0)
    gtk_list_box_append (editor->sources,
                         dlg_placeholder_row_new (_("No contribution linked yet: search below.")));
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   SourcesEditor  *editor)
{
  dlg_contribution_list_set_search (editor->results, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
result_activated_cb (GtkListView   *list,
                     guint          position,
                     SourcesEditor *editor)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(DlgContribution) c = g_list_model_get_item (G_LIST_MODEL (editor->results), position);
  g_autoptr(GError) error = NULL;

  if (c == NULL || dlg_recommendation_get_id (editor->recommendation) == 0)
    return;
  if (!dlg_recommendation_link_contribution (dlg_stage_view_base_get_store (base),
                                             dlg_recommendation_get_id (editor->recommendation),
                                             dlg_contribution_get_id (c), &error))
    g_message ("Could not link: %s", error->message);
  reload_sources (editor);
}

static void
result_setup_cb (GtkSignalListItemFactory *factory,
                 GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_margin_top (label, 6);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_list_item_set_child (item, label);
}

static void
result_bind_cb (GtkSignalListItemFactory *factory,
                GtkListItem              *item)
{
  DlgContribution *c = gtk_list_item_get_item (item);

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), dlg_contribution_get_title (c));
}

/* The linked contributions, and a search over every contribution of the process (a lazy
 * model: fine with 100,000 of them) to link more. */
static void
add_sources (DlgOpinionView    *self,
             DlgEditDialog     *dialog,
             DlgRecommendation *recommendation)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  SourcesEditor *editor = g_new0 (SourcesEditor, 1);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *heading = gtk_label_new (_("Contributions it comes from"));
  GtkWidget *sources = gtk_list_box_new ();
  GtkWidget *search = gtk_search_entry_new ();
  GtkWidget *scroller = gtk_scrolled_window_new ();
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkNoSelection *selection;
  GtkWidget *results;

  editor->view = self;
  editor->recommendation = g_object_ref (recommendation);
  editor->sources = GTK_LIST_BOX (sources);
  editor->results = dlg_contribution_list_new (dlg_stage_view_base_get_store (base),
                                               dlg_stage_view_base_get_process_id (base));
  g_object_set_data_full (G_OBJECT (dialog), "dlg-sources-editor", editor,
                          (GDestroyNotify)sources_editor_free);

  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (sources), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (sources, "boxed-list");
  g_object_set (search, "placeholder-text", _("Search the contributions to link"), NULL);
  g_signal_connect (search, "search-changed", G_CALLBACK (search_changed_cb), editor);

  g_signal_connect (factory, "setup", G_CALLBACK (result_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (result_bind_cb), NULL);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (editor->results)));
  results = gtk_list_view_new (GTK_SELECTION_MODEL (selection), factory);
  gtk_list_view_set_single_click_activate (GTK_LIST_VIEW (results), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (results), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Contributions to link"), -1);
  g_signal_connect (results, "activate", G_CALLBACK (result_activated_cb), editor);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), results);
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 180);
  gtk_widget_add_css_class (scroller, "card");

  gtk_box_append (GTK_BOX (box), heading);
  gtk_box_append (GTK_BOX (box), sources);
  gtk_box_append (GTK_BOX (box), search);
  gtk_box_append (GTK_BOX (box), scroller);
  dlg_edit_dialog_add_widget (dialog, box);
  reload_sources (editor);
}

/* ---------------------------------------------------------------- recommendation */

typedef struct
{
  DlgOpinionView *view;
  DlgRecommendation *item;
  GtkEditable *title;
  GtkTextView *body;
} RecommendationEditor;

static void
recommendation_editor_free (RecommendationEditor *editor)
{
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
  SourcesEditor *sources;

  dlg_recommendation_set_title (item, gtk_editable_get_text (editor->title));
  dlg_recommendation_set_body (item, body);
  if (!dlg_recommendation_save (store, item, error))
    return FALSE;
  /* Once saved, contributions can be linked to it. */
  if (created)
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (editor->title));

      sources = root != NULL ? g_object_get_data (G_OBJECT (root), "dlg-sources-editor") : NULL;
      if (sources != NULL)
        reload_sources (sources);
    }
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

static DlgEditDialog *
edit_recommendation (DlgOpinionView    *self,
                    DlgRecommendation *item)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
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
  add_sources (self, dialog, item);
  if (dlg_recommendation_get_id (item) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete the Recommendation"), recommendation_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static char *
recommendation_title (gpointer item,
                      gpointer user_data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ". %s", dlg_recommendation_get_number (item),
                          dlg_recommendation_get_title (item));
}

static char *
recommendation_subtitle (gpointer item,
                         gpointer user_data)
{
  DlgOpinionView *self = user_data;
  gint64 id = dlg_recommendation_get_id (item);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->sources, &id));

  return g_strdup_printf (g_dngettext (NULL, "Comes from %u contribution",
                                       "Comes from %u contributions", count), count);
}

static void
reload_recommendation (DlgStageViewBase *base)
{
  DlgOpinionView *self = DLG_OPINION_VIEW (base);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;
  DlgStore *store = dlg_stage_view_base_get_store (base);

  g_hash_table_remove_all (self->sources);
  if (!dlg_stage_view_base_is_loaded (base))
    {
      dlg_record_section_set_records (self->recommendation_section, NULL);
      return;
    }
  items = dlg_recommendation_list (store, dlg_stage_view_base_get_process_id (base), &error);
  if (items == NULL)
    {
      dlg_record_section_show_error (self->recommendation_section, error->message);
      return;
    }
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(DlgRecommendation) item = g_list_model_get_item (items, i);
      gint64 id = dlg_recommendation_get_id (item);
      g_autoptr(GListModel) sources = dlg_recommendation_list_sources (store, id, NULL);
      guint count = sources != NULL ? g_list_model_get_n_items (sources) : 0;

      g_hash_table_insert (self->sources, g_memdup2 (&id, sizeof id), GUINT_TO_POINTER (count));
    }
  dlg_record_section_set_records (self->recommendation_section, items);
}

static void
recommendation_activated_cb (DlgOpinionView *self,
                             GObject        *record)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgRecommendation) item = NULL;

  item = dlg_record_load_again (dlg_stage_view_base_get_context (base), record,
                                (DlgRecordLoadFunc) dlg_recommendation_load);
  if (item != NULL)
    edit_recommendation (self, item);
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
  edit_recommendation (self, item);
}

static void
dlg_opinion_view_finalize (GObject *object)
{
  DlgOpinionView *self = (DlgOpinionView *)object;

  g_clear_pointer (&self->sources, g_hash_table_unref);

  G_OBJECT_CLASS (dlg_opinion_view_parent_class)->finalize (object);
}

static void
dlg_opinion_view_class_init (DlgOpinionViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  object_class->finalize = dlg_opinion_view_finalize;

  view_class->stage = DLG_STAGE_OPINION;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_RECOMMENDATION);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_RECOMMENDATION_SOURCE);
  view_class->reload = reload_recommendation;

  g_type_ensure (DLG_TYPE_RECORD_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-opinion-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgOpinionView, recommendation_section);
  gtk_widget_class_bind_template_callback (widget_class, recommendation_activated_cb);
  gtk_widget_class_install_action (widget_class, "view.add-recommendation", NULL,
                                   add_recommendation_action);
}

static void
dlg_opinion_view_init (DlgOpinionView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->sources = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  dlg_record_section_set_text_funcs (self->recommendation_section, recommendation_title,
                                     recommendation_subtitle, self);

}
