/* response-confirm-demo.c — the confirmation before the argued response goes public, for
 * screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   response-confirm-demo
 *
 * Opens the window on a temporary copy of the demo database whose validation is done and whose
 * recommendations all have a position, shows the response stage and presses "Mark as Done".
 * Take the screenshot with `import -window root` once "ready" is printed.
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include <adwaita.h>

#include "dlg-core.h"
#include "dlg-stage-page.h"
#include "dlg-store-private.h"
#include "dlg-window.h"

static const char *const values[] = { "retained", "partly_retained", "not_retained",
                                      "retained", "under_study", "already_done" };
static const char *const justifications[] = {
  "Vingt arbres seront plantés à l’automne 2027 ; les bancs suivront.",
  "Le samedi matin seulement, à l’essai pendant six mois.",
  "Le plateau surélevé gênerait les bus de la ligne 11 ; un passage protégé est prévu.",
  "L’espace sera conçu avec les jeunes du quartier lors d’un chantier participatif.",
  "Une étude du service de l’eau est en cours.",
  "Les toilettes publiques de la place ont rouvert en septembre.",
};

static gboolean
done_cb (gpointer user_data)
{
  gtk_widget_activate_action (GTK_WIDGET (user_data), "stage.done", NULL);
  g_print ("ready\n");
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-response-demo-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(DlgContext) context = NULL;
  g_autoptr(GListModel) recommendations = NULL;
  g_autoptr(DlgResponse) response = NULL;
  DlgWindow *window;
  gint64 process_id;

  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.db", NULL);
  store = dlg_store_open (path, &error);
  g_assert_no_error (error);
  process_id = dlg_demo_ensure (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (dlg_store_exec (store,
                                 "UPDATE stage_state SET state = 'done' WHERE stage IN"
                                 " ('diagnostic', 'arbitration', 'specification', 'mandate',"
                                 "  'recruitment', 'workshop', 'opinion', 'review', 'validation');"
                                 "UPDATE stage_state SET state = 'in_progress'"
                                 " WHERE stage = 'response';"
                                 /* as a real process: the response goes to the site */
                                 "UPDATE process SET is_demo = 0;", &error));
  response = dlg_response_load_for (store, process_id, &error);
  g_assert_no_error (error);
  dlg_response_set_intro (response, "La métropole remercie les vingt-quatre membres de "
                                    "l’atelier citoyen. Voici, pour chacune de leurs "
                                    "préconisations, ce qu’elle décide et pourquoi.");
  g_assert_true (dlg_response_save (store, response, &error));
  recommendations = dlg_recommendation_list (store, process_id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (recommendations); i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
      g_autoptr(DlgPosition) position = dlg_position_load_for (store,
                                                               dlg_recommendation_get_id (r),
                                                               NULL);

      if (position == NULL)
        position = dlg_position_new (dlg_recommendation_get_id (r));
      dlg_position_set_value (position, values[i % G_N_ELEMENTS (values)]);
      dlg_position_set_justification (position,
                                      justifications[i % G_N_ELEMENTS (justifications)]);
      g_assert_true (dlg_position_save (store, position, &error));
      g_assert_no_error (error);
    }

  settings = g_settings_new (APP_ID);
  context = dlg_context_new (store, settings);
  window = dlg_window_new (app, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  dlg_window_select_stage (window, DLG_STAGE_RESPONSE);
  g_timeout_add (800, done_cb, dlg_window_get_stage_page (window, DLG_STAGE_RESPONSE));
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  app = adw_application_new ("fr.nantesmetropole.Dialogue.ResponseDemo",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
