/* dlg-link-dialog.c — link a theme's or a selection's contributions to a recommendation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The one-step link of the workbench: the officer picks a recommendation of the citizen
 * opinion and the contributions (a theme's, with its sub-themes, or the selection) become its
 * sources at once, through dlg_coding_link_recommendation (one transaction, journaled, undone
 * by the toast's Undo). The recommendations' titles and the theme's name are user text: the
 * body is not markup, the drop-down shows them as they are.
 */

#define G_LOG_DOMAIN "dlg-link-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-link-dialog.h"

typedef struct
{
  DlgStore       *store;
  GArray         *ids;
  GArray         *recommendation_ids;
  GtkDropDown    *dropdown;
  DlgLinkDone     done;
  gpointer        user_data;
  GDestroyNotify  destroy;
} LinkChoice;

static void
link_choice_free (LinkChoice *choice)
{
  if (choice->destroy != NULL)
    choice->destroy (choice->user_data);
  g_object_unref (choice->store);
  g_array_unref (choice->ids);
  g_array_unref (choice->recommendation_ids);
  g_free (choice);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             LinkChoice       *choice)
{
  g_autoptr(GError) error = NULL;
  DlgCodingOutcome outcome = { 0 };
  guint selected = gtk_drop_down_get_selected (choice->dropdown);
  gboolean ok;

  if (g_strcmp0 (response, "link") != 0 || selected >= choice->recommendation_ids->len)
    return;
  ok = dlg_coding_link_recommendation (choice->store,
                                       g_array_index (choice->recommendation_ids, gint64,
                                                      selected),
                                       choice->ids, &outcome, &error);
  choice->done (ok, &outcome, error, choice->user_data);
}

/**
 * dlg_link_dialog_present:
 * @contribution_ids: (element-type gint64): what to link (copied)
 * @what: how the body names them ("the 12 selected contributions", "the 40 contributions of
 *   the theme “Vélo”"): plain text
 * @done: told the outcome, to show the operation's summary and Undo
 *
 * Asks which recommendation of the process the contributions feed, then links them.
 */
void
dlg_link_dialog_present (GtkWidget      *parent,
                         DlgStore       *store,
                         gint64          process_id,
                         const GArray   *contribution_ids,
                         const char     *what,
                         DlgLinkDone     done,
                         gpointer        user_data,
                         GDestroyNotify  destroy)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) recommendations = dlg_recommendation_list (store, process_id, &error);
  g_autoptr(GtkStringList) titles = gtk_string_list_new (NULL);
  GtkRoot *root = gtk_widget_get_root (parent);
  LinkChoice *choice = g_new0 (LinkChoice, 1);
  GtkWidget *dialog;
  guint n;

  choice->store = g_object_ref (store);
  choice->ids = g_array_copy ((GArray *) contribution_ids);
  choice->recommendation_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  choice->done = done;
  choice->user_data = user_data;
  choice->destroy = destroy;
  for (guint i = 0; recommendations != NULL && i < g_list_model_get_n_items (recommendations);
       i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
      gint64 id = dlg_recommendation_get_id (r);
      g_autofree char *label = g_strdup_printf ("%" G_GINT64_FORMAT ". %s",
                                                dlg_recommendation_get_number (r),
                                                dlg_recommendation_get_title (r));

      gtk_string_list_append (titles, label);
      g_array_append_val (choice->recommendation_ids, id);
    }
  n = choice->recommendation_ids->len;

  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Link to a Recommendation?"), NULL);
  if (n == 0)
    adw_message_dialog_set_body (ADW_MESSAGE_DIALOG (dialog),
                                 _("This process has no recommendation yet: write them in the "
                                   "citizen opinion stage first."));
  else
    adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                    _("The recommendation chosen below will list %s among the "
                                      "contributions it comes from (the argued response shows "
                                      "them). Undo takes the links back."), what);
  choice->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (titles)),
                                                       NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice->dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Recommendation"), -1);
  gtk_widget_set_visible (GTK_WIDGET (choice->dropdown), n > 0);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      GTK_WIDGET (choice->dropdown));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "link", _("_Link"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "link",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "link",
                                           n > 0 && contribution_ids->len > 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "link");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), choice,
                         (GClosureNotify) link_choice_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
