/* dlg-cli-training.c — `dialogue-cli training reset [--stage STAGE] [--yes]`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin front over dlg_training_reset(): the demo processes deleted and built again from
 * their seed at a stage, the practice site's database of this database emptied and seeded
 * again, the sync state for it cleared. Like the GDPR purge, it says what would go and changes
 * nothing unless --yes is given. Processes that are not demos are never touched.
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-cli-training.h"
#include "dlg-training-site.h"

static char *opt_stage;
static char *opt_site_db;
static gboolean opt_yes;

static const GOptionEntry reset_entries[] = {
  { "stage", 0, 0, G_OPTION_ARG_STRING, &opt_stage,
    N_("the stage the training starts from (diagnostic, mandate, review…; default workshop)"),
    N_("STAGE") },
  { "site-db", 0, 0, G_OPTION_ARG_FILENAME, &opt_site_db,
    N_("the practice site’s database (default: the one of this database, in the user’s "
       "cache folder)"), N_("FILE") },
  { "yes", 0, 0, G_OPTION_ARG_NONE, &opt_yes,
    N_("do it (without it, only show what would go)"), NULL },
  { NULL }
};

static const DlgCliVerb training_verbs[] = {
  { "reset", "",
    N_("Put the training back as new: delete the demo processes (the journal is kept), build "
       "the demo again from its seed at the chosen stage, empty and seed again the practice "
       "site and forget its sync state; processes that are not demos are not touched"),
    reset_entries, NULL, TRUE },
  { NULL }
};

const DlgCliSpec dlg_cli_training_spec = { "training", training_verbs };

static void
reset_options (void)
{
  g_clear_pointer (&opt_stage, g_free);
  g_clear_pointer (&opt_site_db, g_free);
  opt_yes = FALSE;
}

static int
training_reset (const DlgCliSpec *spec,
                const DlgCliVerb *verb,
                int               argc,
                char            **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GArray) demos = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *site_db = NULL;
  DlgStage stage = DLG_DEMO_DEFAULT_STAGE;
  gboolean site_exists;
  guint n_deleted = 0;
  gint64 id;

  reset_options ();
  context = dlg_cli_context_new (spec, verb);
  if (!dlg_cli_parse (context, &argc, &argv, "training reset"))
    return DLG_CLI_USAGE;
  if (argc != 1)
    return dlg_cli_usage ("training reset", _("This command takes no argument."));
  if (opt_stage != NULL && !dlg_stage_from_id (opt_stage, &stage))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown stage “%s”."), opt_stage);

      return dlg_cli_usage ("training reset", message);
    }
  if (!(store = dlg_cli_open_store (dlg_cli_opt_db)))
    return DLG_CLI_ERROR;
  site_db = opt_site_db != NULL ? g_strdup (opt_site_db)
                                : dlg_training_site_default_path (dlg_store_get_path (store));
  site_exists = g_file_test (site_db, G_FILE_TEST_EXISTS);
  if (!(demos = dlg_process_list_demo_ids (store, &error)))
    return dlg_cli_fail (error);

  if (!opt_yes)
    {
      g_print (g_dngettext (GETTEXT_PACKAGE,
                            "A reset would delete %u demo process (its journal is kept) and "
                            "build the demo again at the stage “%s”.\n",
                            "A reset would delete %u demo processes (their journals are kept) "
                            "and build the demo again at the stage “%s”.\n", demos->len),
               demos->len, dlg_stage_get_label (stage));
      if (site_exists)
        g_print (_("The practice site’s database %s would be emptied and seeded again.\n"),
                 site_db);
      g_print ("%s\n", _("Nothing was changed: add --yes to reset."));
      return DLG_CLI_OK;
    }

  id = dlg_training_reset (store, NULL, site_db, stage, &n_deleted, &error);
  if (id == 0)
    return dlg_cli_fail (error);
  if (dlg_cli_opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "process_id");
      json_builder_add_int_value (builder, id);
      json_builder_set_member_name (builder, "stage");
      json_builder_add_string_value (builder, dlg_stage_to_id (stage));
      json_builder_set_member_name (builder, "deleted");
      json_builder_add_int_value (builder, n_deleted);
      json_builder_set_member_name (builder, "site_reset");
      json_builder_add_boolean_value (builder, site_exists);
      json_builder_end_object (builder);
      dlg_cli_print_builder (builder);
      return DLG_CLI_OK;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Training reset: %u demo process deleted; the demo (%lld) starts from "
                        "the stage “%s”.\n",
                        "Training reset: %u demo processes deleted; the demo (%lld) starts "
                        "from the stage “%s”.\n", n_deleted),
           n_deleted, (long long) id, dlg_stage_get_label (stage));
  if (site_exists)
    g_print (_("The practice site was emptied and seeded again.\n"));
  return DLG_CLI_OK;
}

/* dialogue-cli training reset … */
int
dlg_cli_training (int    argc,
                  char **argv)
{
  return dlg_cli_run_verbs (&dlg_cli_training_spec, argc, argv, training_reset);
}
