/* recruitment-demo.c — the recruitment view after a draw on the demo process, for screenshots
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   recruitment-demo [--seed N] [--scroll draw|quotas|top|register|invitations|running]
 *                    [--pool N]
 *
 * Opens the window on a temporary copy of the demo database, shows the recruitment stage, runs
 * a leximin draw of 24 with the seed given and scrolls to the draw. Take the screenshot with
 * `import -window root` once "ready" is printed. --pool N adds N registrations whose values
 * are those of the demo's, mixed (many profiles: a long draw); --scroll running prints "ready"
 * while the draw runs, once its progress shows a level and its bounds.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <adwaita.h>

#include "dlg-core.h"
#include "dlg-draw-panel.h"
#include "dlg-stage-page.h"
#include "dlg-window.h"

static int opt_seed = 2026;
static char *opt_scroll = NULL;
static gboolean opt_misfit = FALSE;
static int opt_pool = 0;

static const GOptionEntry entries[] = {
  { "seed", 0, 0, G_OPTION_ARG_INT, &opt_seed, "Seed of the draw", "N" },
  { "misfit", 0, 0, G_OPTION_ARG_NONE, &opt_misfit,
    "Give two registrations values that do not fit the vocabulary", NULL },
  { "pool", 0, 0, G_OPTION_ARG_INT, &opt_pool, "Add N registrations of mixed values", "N" },
  { "scroll", 0, 0, G_OPTION_ARG_STRING, &opt_scroll, "draw (default), quotas, top, register (the registration dialog), or invitations (after saving the draw)", "WHERE" },
  { NULL }
};

static DlgDrawPanel *
find_panel (GtkWidget *widget)
{
  if (DLG_IS_DRAW_PANEL (widget))
    return DLG_DRAW_PANEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      DlgDrawPanel *panel = find_panel (child);

      if (panel != NULL)
        return panel;
    }
  return NULL;
}

/* The button of @widget's tree that activates @action. */
static GtkWidget *
find_action (GtkWidget  *widget,
             const char *action)
{
  if (GTK_IS_ACTIONABLE (widget)
      && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_action (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkProgressBar *
find_progress (GtkWidget *widget)
{
  if (GTK_IS_PROGRESS_BAR (widget))
    return GTK_PROGRESS_BAR (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkProgressBar *found = find_progress (child);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
scroll_cb (gpointer user_data)
{
  DlgDrawPanel *panel = user_data;
  GtkWidget *scrolled = gtk_widget_get_ancestor (GTK_WIDGET (panel), GTK_TYPE_SCROLLED_WINDOW);
  graphene_point_t point;

  if (g_strcmp0 (opt_scroll, "running") == 0)
    {
      GtkProgressBar *progress = find_progress (GTK_WIDGET (panel));
      const char *text = progress != NULL ? gtk_progress_bar_get_text (progress) : NULL;

      /* a level and its bounds, two percentages before the fraction done: "… % … % — 40 %" */
      if (!dlg_draw_panel_is_running (panel) || text == NULL || strchr (text, '%') == NULL
          || strchr (strchr (text, '%') + 1, '%') == NULL
          || strchr (strchr (strchr (text, '%') + 1, '%') + 1, '%') == NULL)
        return G_SOURCE_CONTINUE;
      if (scrolled != NULL
          && gtk_widget_compute_point (GTK_WIDGET (progress), scrolled,
                                       &GRAPHENE_POINT_INIT (0, 0), &point))
        {
          GtkAdjustment *adj =
            gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

          gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + point.y - 300);
        }
      g_print ("ready: %s\n", text);
      return G_SOURCE_REMOVE;
    }
  if (dlg_draw_panel_is_running (panel))
    return G_SOURCE_CONTINUE;
  if (g_strcmp0 (opt_scroll, "invitations") == 0)
    {
      static gboolean saved = FALSE;
      GtkWidget *button;

      /* Save the draw, then show the end of the panel: the invitation list. */
      if (!saved)
        {
          saved = TRUE;
          gtk_widget_activate_action (GTK_WIDGET (panel), "draw.save", NULL);
          return G_SOURCE_CONTINUE;
        }
      button = find_action (GTK_WIDGET (panel), "draw.export-contacts");

      if (scrolled != NULL && button != NULL
          && gtk_widget_compute_point (button, scrolled, &GRAPHENE_POINT_INIT (0, 0), &point))
        {
          GtkAdjustment *adj =
            gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

          gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + point.y - 64);
        }
      g_print ("ready\n");
      return G_SOURCE_REMOVE;
    }
  if (scrolled != NULL && g_strcmp0 (opt_scroll, "top") != 0
      && g_strcmp0 (opt_scroll, "register") != 0 && g_strcmp0 (opt_scroll, "fix") != 0
      && gtk_widget_compute_point (GTK_WIDGET (panel), scrolled, &GRAPHENE_POINT_INIT (0, 0),
                                   &point))
    {
      GtkAdjustment *adj = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled));

      /* "quotas": the quota list just above the draw */
      double above = g_strcmp0 (opt_scroll, "quotas") == 0 ? 560 : 60;

      gtk_adjustment_set_value (adj, gtk_adjustment_get_value (adj) + point.y - above);
    }
  /* "fix": the values to fix, below the registrations */
  if (g_strcmp0 (opt_scroll, "fix") == 0 && scrolled != NULL)
    gtk_adjustment_set_value (gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scrolled)),
                              560);
  /* "register": the registration dialog over the top of the view */
  if (g_strcmp0 (opt_scroll, "register") == 0)
    gtk_widget_activate_action (GTK_WIDGET (panel), "view.add-participant", NULL);
  g_print ("ready\n");
  return G_SOURCE_REMOVE;
}

static gboolean
run_cb (gpointer user_data)
{
  DlgDrawPanel *panel = user_data;

  dlg_draw_panel_set_seed (panel, opt_seed);
  dlg_draw_panel_set_size (panel, 24);
  gtk_widget_activate_action (GTK_WIDGET (panel), "draw.run", NULL);
  g_timeout_add (300, scroll_cb, panel);
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-recruitment-demo-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GSettings) settings = NULL;
  g_autoptr(DlgContext) context = NULL;
  DlgWindow *window;
  DlgDrawPanel *panel;

  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.db", NULL);
  store = dlg_store_open (path, &error);
  g_assert_no_error (error);
  dlg_demo_ensure (store, NULL, &error);
  g_assert_no_error (error);
  /* The demo's recruitment is done, so read-only: reopen it to show a draw being made. */
  dlg_stage_apply (store, dlg_demo_ensure (store, NULL, NULL), DLG_STAGE_RECRUITMENT,
                   DLG_TRANSITION_REOPEN, "Un nouveau tirage", &error);
  g_assert_no_error (error);
  if (opt_misfit)
    {
      /* as an older site or an import would bring them */
      for (gint64 id = 40; id <= 41; id++)
        {
          g_autoptr(DlgParticipant) p = dlg_participant_load (store, id, &error);

          g_assert_no_error (error);
          dlg_participant_set_gender (p, "F");
          dlg_participant_set_age_band (p, id == 40 ? "25-39" : "30-44");
          dlg_participant_save (store, p, &error);
          g_assert_no_error (error);
        }
    }
  if (opt_pool > 0)
    {
      g_autoptr(GListModel) existing = dlg_participant_list (store, dlg_demo_ensure (store, NULL,
                                                                                     NULL),
                                                             &error);
      g_autoptr(GRand) rand = g_rand_new_with_seed (opt_seed);
      guint n = g_list_model_get_n_items (existing);

      g_assert_no_error (error);
      g_assert_cmpuint (n, >, 0);
      dlg_store_begin (store, &error);
      g_assert_no_error (error);
      for (int i = 0; i < opt_pool; i++)
        {
#define PICK() ((DlgParticipant *) g_list_model_get_item (existing, g_rand_int_range (rand, 0, n)))
          g_autoptr(DlgParticipant) a = PICK ();
          g_autoptr(DlgParticipant) b = PICK ();
          g_autoptr(DlgParticipant) c = PICK ();
          g_autoptr(DlgParticipant) d = PICK ();
          g_autoptr(DlgParticipant) e = PICK ();
#undef PICK
          g_autoptr(DlgParticipant) p = dlg_participant_new (dlg_participant_get_process_id (a));

          dlg_participant_set_channel (p, dlg_participant_get_channel (a));
          dlg_participant_set_age_band (p, dlg_participant_get_age_band (a));
          dlg_participant_set_gender (p, dlg_participant_get_gender (b));
          dlg_participant_set_commune (p, dlg_participant_get_commune (c));
          dlg_participant_set_quartier (p, dlg_participant_get_quartier (c));
          dlg_participant_set_occupation (p, dlg_participant_get_occupation (d));
          dlg_participant_set_prior_participation (p,
                                                   dlg_participant_get_prior_participation (e));
          dlg_participant_set_consent (p, TRUE);
          dlg_participant_save (store, p, &error);
          g_assert_no_error (error);
        }
      dlg_store_commit (store, &error);
      g_assert_no_error (error);
    }
  settings = g_settings_new (APP_ID);
  context = dlg_context_new (store, settings);
  window = dlg_window_new (app, context);
  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_present (GTK_WINDOW (window));
  dlg_window_select_stage (window, DLG_STAGE_RECRUITMENT);
  panel = find_panel (GTK_WIDGET (dlg_stage_page_get_view (
                        dlg_window_get_stage_page (window, DLG_STAGE_RECRUITMENT))));
  g_assert_nonnull (panel);
  g_timeout_add (500, run_cb, panel);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  g_option_context_add_main_entries (options, entries, NULL);
  if (!g_option_context_parse (options, &argc, &argv, &error))
    {
      g_printerr ("%s\n", error->message);
      return 2;
    }

  app = adw_application_new ("fr.nantesmetropole.Dialogue.RecruitmentDemo",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
