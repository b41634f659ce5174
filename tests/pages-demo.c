/* pages-demo.c — shows one cross-stage page on a demo database, for screenshots and for a look
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 *   pages-demo --page contributions|narratives|journal [--db FILE] [--count N]
 *
 * Without --db, a temporary database is filled with a small process of the Nantes method: a
 * few hundred contributions (N with --count), two narratives and their journal.
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include <adwaita.h>

#include "dlg-contributions-page.h"
#include "dlg-core.h"
#include "dlg-journal-page.h"
#include "dlg-narratives-page.h"
#include "dlg-store-private.h"
#include "gui-fixture.h"

static char *opt_page = NULL;
static char *opt_db = NULL;
static int opt_count = 400;
static gboolean opt_tamper = FALSE;
static char *opt_out = NULL;

static const GOptionEntry entries[] = {
  { "page", 0, 0, G_OPTION_ARG_STRING, &opt_page, "contributions, narratives or journal", "PAGE" },
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &opt_db, "An existing database", "FILE" },
  { "count", 0, 0, G_OPTION_ARG_INT, &opt_count, "Contributions to generate", "N" },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out, "Write the window to this PNG and quit",
    "FILE" },
  { "tamper", 0, 0, G_OPTION_ARG_NONE, &opt_tamper, "Edit journal entry 5 behind the triggers",
    NULL },
  { NULL }
};

static const char * const titles[] = {
  "Plus d'ombre sur la place",
  "Des bancs près de la fontaine",
  "Limiter le stationnement le samedi",
  "Un marché de producteurs le dimanche",
  "Éclairage de la rue piétonne",
  "Des toilettes publiques accessibles",
  "Une aire de jeux pour les petits",
  "Pistes cyclables sécurisées",
  "Garder les platanes",
  "Un abri pour attendre le tram",
};

static const char * const bodies[] = {
  "L'été, la place est une fournaise : plantons des arbres côté sud et ajoutons des "
  "brumisateurs près des terrasses.",
  "Les personnes âgées du quartier n'ont nulle part où s'asseoir entre le marché et l'arrêt "
  "de tram. Trois ou quatre bancs suffiraient.",
  "Le samedi, les voitures tournent pour trouver une place et la rue devient dangereuse "
  "pour les enfants.",
  "Un marché de producteurs locaux ferait vivre la place le dimanche matin.",
  "Le soir, la rue piétonne est sombre et on ne s'y sent pas en sécurité.",
};

static const char * const authors[] = {
  "Habitante, quartier Bouffay", "Fiche atelier n° 12", "Courrier du 3 mars",
  "Conseil de quartier", "Commerçant, rue de la Barillerie", "Appel au 02 40 …",
};

static gint64
fill_demo (DlgStore *store)
{
  static const char * const channels[] = { "online", "online", "in_person", "mail", "phone" };
  static const char * const features[] = { "ideas", "map", "debate", "questionnaire" };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 9, 2, 9, 0, 0);
  g_autoptr(GRand) rand = g_rand_new_with_seed (20241125);
  g_autoptr(DlgNarrative) first = NULL;
  g_autoptr(DlgNarrative) second = NULL;
  gint64 id;

  process = dlg_process_create (store, "Réaménagement de la place du Commerce", &error);
  if (process == NULL)
    g_error ("%s", error->message);
  id = dlg_process_get_id (process);

  if (!dlg_store_begin (store, &error))
    g_error ("%s", error->message);
  for (int i = 0; i < opt_count; i++)
    {
      g_autoptr(DlgContribution) c = dlg_contribution_new (id);
      g_autoptr(GDateTime) at = g_date_time_add_minutes (start, i * 37);
      g_autofree char *created = g_date_time_format_iso8601 (at);
      const char *channel = channels[g_rand_int_range (rand, 0, G_N_ELEMENTS (channels))];

      dlg_contribution_set_channel (c, channel);
      dlg_contribution_set_feature (c, features[g_rand_int_range (rand, 0,
                                                                  G_N_ELEMENTS (features))]);
      dlg_contribution_set_title (c, i == opt_count - 2
                                       ? "Le <b>parking</b> & la <span foreground=\"red\">"
                                         "fontaine</span>"
                                       : titles[g_rand_int_range (rand, 0,
                                                                  G_N_ELEMENTS (titles))]);
      dlg_contribution_set_body (c, bodies[g_rand_int_range (rand, 0, G_N_ELEMENTS (bodies))]);
      dlg_contribution_set_author_ref (c, authors[g_rand_int_range (rand, 0,
                                                                    G_N_ELEMENTS (authors))]);
      dlg_contribution_set_created_at (c, created);
      if (g_rand_int_range (rand, 0, 3) == 0)
        dlg_contribution_set_location (c, 47.2133 + g_rand_double_range (rand, -0.002, 0.002),
                                       -1.5568 + g_rand_double_range (rand, -0.002, 0.002));
      if (!dlg_contribution_save (store, c, &error))
        g_error ("%s", error->message);
      if (i % 7 == 0)
        dlg_contribution_moderate (store, dlg_contribution_get_id (c), "published", "", NULL);
      else if (i % 23 == 0)
        dlg_contribution_moderate (store, dlg_contribution_get_id (c), "trashed",
                                   "Hors sujet : concerne une autre démarche", NULL);
    }
  if (!dlg_store_commit (store, &error))
    g_error ("%s", error->message);

  first = dlg_narrative_new (id);
  dlg_narrative_set_title (first, "Lancement de la concertation");
  dlg_narrative_set_stage (first, "mandate");
  dlg_narrative_set_body_md (first,
                             "# La place du Commerce change\n\n"
                             "Les élus ont confié aux habitants une question : **comment rendre "
                             "la place plus agréable au quotidien ?**\n\n"
                             "Ce qui est ouvert au débat :\n\n"
                             "- les usages de la place (marché, terrasses, jeux) ;\n"
                             "- la végétalisation ;\n"
                             "- l'éclairage.\n\n"
                             "Ce qui ne l'est pas : le tracé du tram.\n\n"
                             "> La Métropole s'engage à répondre à chaque préconisation "
                             "dans un délai de 3 mois.\n");
  if (!dlg_narrative_save (store, first, &error)
      || !dlg_narrative_publish (store, dlg_narrative_get_id (first), &error))
    g_error ("%s", error->message);

  second = dlg_narrative_new (id);
  dlg_narrative_set_title (second, "Ce que nous avons entendu à l'atelier");
  dlg_narrative_set_stage (second, "workshop");
  dlg_narrative_set_body_md (second,
                             "# Premier atelier citoyen\n\n"
                             "Le 14 septembre, *32 habitants* tirés au sort ont travaillé sur "
                             "trois thèmes.\n\n"
                             "1. Ombre et fraîcheur\n"
                             "2. Circulation et stationnement\n"
                             "3. Animation de la place\n\n"
                             "Un participant a écrit <b>ceci</b> dans le formulaire & "
                             "il reste affiché tel quel.\n\n"
                             "Prochaine étape : l'[avis citoyen](https://participation.example/"
                             "commerce).\n");
  if (!dlg_narrative_save (store, second, &error))
    g_error ("%s", error->message);

  dlg_process_rename (store, id, "Réaménagement de la place du Commerce (Nantes centre)", NULL);
  return id;
}

static gboolean
save_and_quit_cb (gpointer data)
{
  GtkWidget *window = data;

  gui_save_png (window, opt_out);
  g_print ("%s\n", opt_out);
  gtk_window_destroy (GTK_WINDOW (window));
  return G_SOURCE_REMOVE;
}

static void
activate_cb (GtkApplication *app)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgContext) context = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  GtkWidget *window, *toolbar, *header, *page;
  gint64 process_id = 0;
  const char *title;

  if (opt_db != NULL)
    path = g_strdup (opt_db);
  else
    {
      dir = g_dir_make_tmp ("dialogue-pages-demo-XXXXXX", &error);
      g_assert_no_error (error);
      path = g_build_filename (dir, "demo.db", NULL);
    }
  store = dlg_store_open (path, &error);
  if (store == NULL)
    g_error ("%s", error->message);
  dlg_store_set_actor (store, "Camille Martin");
  if (opt_db == NULL)
    process_id = fill_demo (store);
  else
    {
      g_autoptr(GListModel) processes = dlg_process_list (store, FALSE, &error);
      g_autoptr(DlgProcess) process = processes != NULL && g_list_model_get_n_items (processes)
                                        ? g_list_model_get_item (processes, 0) : NULL;

      process_id = process != NULL ? dlg_process_get_id (process) : 0;
    }
  if (opt_tamper
      && (!dlg_store_exec (store, "DROP TRIGGER IF EXISTS journal_no_update", &error)
          || !dlg_store_exec (store, "UPDATE journal SET summary = 'Rien à signaler.' "
                                     "WHERE seq = 5", &error)))
    g_error ("%s", error->message);
  context = dlg_context_new (store, NULL);

  if (g_strcmp0 (opt_page, "narratives") == 0)
    {
      page = dlg_narratives_page_new ();
      dlg_narratives_page_set_process (DLG_NARRATIVES_PAGE (page), context, process_id);
      title = "Récits";
    }
  else if (g_strcmp0 (opt_page, "journal") == 0)
    {
      page = dlg_journal_page_new ();
      dlg_journal_page_set_process (DLG_JOURNAL_PAGE (page), context, process_id);
      title = "Journal";
    }
  else
    {
      page = dlg_contributions_page_new ();
      dlg_contributions_page_set_process (DLG_CONTRIBUTIONS_PAGE (page), context, process_id);
      dlg_contributions_page_select (DLG_CONTRIBUTIONS_PAGE (page), 1);
      title = "Contributions";
    }

  window = adw_application_window_new (app);
  gtk_window_set_default_size (GTK_WINDOW (window), 1400, 900);
  toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  header = adw_header_bar_new ();
  adw_header_bar_set_title_widget (ADW_HEADER_BAR (header), adw_window_title_new (title,
                                   "Réaménagement de la place du Commerce"));
  gtk_box_append (GTK_BOX (toolbar), header);
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), page);
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), toolbar);
  gtk_window_maximize (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (window));
  if (opt_out != NULL)
    g_timeout_add_seconds (3, save_and_quit_cb, window);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(AdwApplication) app = NULL;
  g_autoptr(GOptionContext) options = g_option_context_new (NULL);
  g_autoptr(GError) error = NULL;

  /* From the build tree: the catalogues compiled there. */
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

  app = adw_application_new ("fr.nantesmetropole.Dialogue.PagesDemo",
                             G_APPLICATION_NON_UNIQUE);
  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), 1, argv);
}
