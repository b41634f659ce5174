/* dlg-sources-editor.c — the contributions a recommendation comes from (opinion view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The linked contributions (each with an unlink button), and a search over every contribution
 * of the process (a lazy model: fine with 100,000 of them) whose activated result is linked.
 * The layout and the result rows are the template dlg-sources-editor.ui.
 */

#define G_LOG_DOMAIN "dlg-sources-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-sources-editor.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgSourcesEditor
{
  GtkBox               parent_instance;

  GtkListBox          *sources;
  GtkNoSelection      *selection;

  DlgStore            *store;
  DlgRecommendation   *recommendation;
  DlgContributionList *results;
};

G_DEFINE_FINAL_TYPE (DlgSourcesEditor, dlg_sources_editor, GTK_TYPE_BOX)


static void
unlink_clicked_cb (GtkButton        *button,
                   DlgSourcesEditor *self)
{
  gint64 contribution_id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button),
                                                                         "dlg-contribution"));
  g_autoptr(GError) error = NULL;

  if (!dlg_recommendation_unlink_contribution (self->store,
                                               dlg_recommendation_get_id (self->recommendation),
                                               contribution_id, &error))
    g_message ("Could not unlink: %s", error->message);
  dlg_sources_editor_reload (self);
}

/**
 * dlg_sources_editor_reload:
 *
 * Shows the linked contributions again (once the recommendation's first save gave it an id).
 */
void
dlg_sources_editor_reload (DlgSourcesEditor *self)
{
  g_autoptr(GListModel) sources = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  dlg_list_box_remove_all (self->sources);
  if (dlg_recommendation_get_id (self->recommendation) == 0)
    {
      gtk_list_box_append (self->sources,
                           dlg_placeholder_row_new (_("Give the recommendation a title first.")));
      return;
    }
  sources = dlg_recommendation_list_sources (self->store,
                                             dlg_recommendation_get_id (self->recommendation),
                                             &error);
  if (sources == NULL)
    {
      gtk_list_box_append (self->sources, dlg_placeholder_row_new (error->message));
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
      g_signal_connect_object (button, "clicked", G_CALLBACK (unlink_clicked_cb), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
      gtk_list_box_append (self->sources, row);
    }
  if (n == 0)
    gtk_list_box_append (self->sources,
                         dlg_placeholder_row_new (_("No contribution linked yet: search below.")));
}

static void
search_changed_cb (DlgSourcesEditor *self,
                   GtkSearchEntry   *entry)
{
  dlg_contribution_list_set_search (self->results, gtk_editable_get_text (GTK_EDITABLE (entry)));
}

static void
result_activated_cb (DlgSourcesEditor *self,
                     guint             position)
{
  g_autoptr(DlgContribution) c = g_list_model_get_item (G_LIST_MODEL (self->results), position);
  g_autoptr(GError) error = NULL;

  if (c == NULL || dlg_recommendation_get_id (self->recommendation) == 0)
    return;
  if (!dlg_recommendation_link_contribution (self->store,
                                             dlg_recommendation_get_id (self->recommendation),
                                             dlg_contribution_get_id (c), &error))
    g_message ("Could not link: %s", error->message);
  dlg_sources_editor_reload (self);
}

static void
dlg_sources_editor_dispose (GObject *object)
{
  DlgSourcesEditor *self = (DlgSourcesEditor *)object;

  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_SOURCES_EDITOR);
  g_clear_object (&self->results);
  g_clear_object (&self->recommendation);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dlg_sources_editor_parent_class)->dispose (object);
}

static void
dlg_sources_editor_class_init (DlgSourcesEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_sources_editor_dispose;

  g_type_ensure (DLG_TYPE_CONTRIBUTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-sources-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgSourcesEditor, sources);
  gtk_widget_class_bind_template_child (widget_class, DlgSourcesEditor, selection);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, result_activated_cb);
}

static void
dlg_sources_editor_init (DlgSourcesEditor *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dlg_sources_editor_new:
 * @recommendation: the recommendation of the dialog (shared with it: once its first save
 *   gives it an id, contributions can be linked)
 */
GtkWidget *
dlg_sources_editor_new (DlgStore          *store,
                        gint64             process_id,
                        DlgRecommendation *recommendation)
{
  DlgSourcesEditor *self;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (DLG_IS_RECOMMENDATION (recommendation), NULL);

  self = g_object_new (DLG_TYPE_SOURCES_EDITOR, NULL);
  self->store = g_object_ref (store);
  self->recommendation = g_object_ref (recommendation);
  self->results = dlg_contribution_list_new (store, process_id);
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (self->results));
  dlg_sources_editor_reload (self);
  return GTK_WIDGET (self);
}
