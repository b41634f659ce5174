/* dlg-cli-gdpr.c — `dialogue-cli gdpr PROCESS status|purge|erase PERSON|access PERSON`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A thin front over dlg-gdpr.c. What destroys data (purge, erase) shows what would go and
 * changes nothing unless --yes is given. PERSON is an e-mail address or words of a name; when
 * several people match, nothing is done and the e-mail address is asked for.
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-cli-common.h"
#include "dlg-cli-gdpr.h"

static gboolean opt_yes;
static char *opt_out;

static const GOptionEntry gdpr_entries[] = {
  { "yes", 0, 0, G_OPTION_ARG_NONE, &opt_yes,
    N_("purge, erase: do it (without it, only show what would go)"), NULL },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out,
    N_("access: write the person’s data to this file (readable by you only)"), N_("FILE") },
  { NULL }
};

DLG_CLI_SPEC_ONE (gdpr, N_("PROCESS status|purge|erase PERSON|access PERSON"),
                  N_("Personal data of a process (GDPR): “status” says how long contact data "
                     "is kept (months after the follow-up stage closes, set in the mandate) and "
                     "what a purge would remove; “purge” deletes every registrant’s contact "
                     "data once that time has passed; “erase” erases one person at their "
                     "request; “access” exports what is held about them as JSON. PERSON is an "
                     "e-mail address or a name. The journal records counts and dates, never "
                     "the person; the public site is told at the next sync."),
                  gdpr_entries, TRUE);

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_bool (JsonBuilder *builder,
          const char  *name,
          gboolean     value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_boolean_value (builder, value);
}

static char *
date_of (const char *iso)
{
  return iso != NULL ? g_strndup (iso, 10) : NULL;
}

static int
gdpr_status (DlgStore *store,
             gint64    process_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgGdprStatus) status = dlg_gdpr_get_status (store, process_id, NULL, &error);
  g_autofree char *ends = NULL;
  g_autofree char *ended = NULL;

  if (status == NULL)
    return dlg_cli_fail (error);
  if (dlg_cli_opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_int (builder, "retention_months", status->retention_months);
      add_bool (builder, "retention_is_default", status->retention_is_default);
      add_string (builder, "follow_up_ended_at", status->follow_up_ended_at);
      add_string (builder, "retention_ends_at", status->retention_ends_at);
      add_bool (builder, "retention_ended", status->retention_ended);
      add_int (builder, "people", status->n_people);
      add_int (builder, "fields", status->n_fields);
      add_int (builder, "erasures_unsent", status->n_unsent);
      add_string (builder, "last_purge_at", status->last_purge_at);
      json_builder_end_object (builder);
      dlg_cli_print_builder (builder);
      return DLG_CLI_OK;
    }

  g_print (g_dngettext (GETTEXT_PACKAGE,
                        "Contact data is kept %u month after the follow-up stage closes%s.\n",
                        "Contact data is kept %u months after the follow-up stage closes%s.\n",
                        status->retention_months),
           status->retention_months, status->retention_is_default ? _(" (the default)") : "");
  ends = date_of (status->retention_ends_at);
  ended = date_of (status->follow_up_ended_at);
  if (ends == NULL)
    g_print ("%s\n", _("The follow-up stage is not closed yet."));
  else if (status->retention_ended)
    g_print (_("The follow-up stage closed on %s; the retention ended on %s.\n"), ended, ends);
  else
    g_print (_("The follow-up stage closed on %s; the retention ends on %s.\n"), ended, ends);
  g_print (g_dngettext (GETTEXT_PACKAGE, "Held: contact data of %u person (%u fields).\n",
                        "Held: contact data of %u people (%u fields).\n", status->n_people),
           status->n_people, status->n_fields);
  if (status->last_purge_at != NULL)
    {
      g_autofree char *last = date_of (status->last_purge_at);

      g_print (_("Last purge: %s.\n"), last);
    }
  if (status->n_unsent > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE, "%u erasure waits for the next sync.\n",
                          "%u erasures wait for the next sync.\n", status->n_unsent),
             status->n_unsent);
  if (status->retention_ended && status->n_people > 0)
    g_print ("%s\n", _("The retention has ended: purge with “dialogue-cli gdpr PROCESS purge "
                       "--yes”."));
  return DLG_CLI_OK;
}

static void
print_done (const char *what,
            gboolean    done,
            guint       n_people,
            guint       n_fields)
{
  if (dlg_cli_opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_bool (builder, what, done);
      add_int (builder, "people", n_people);
      add_int (builder, "fields", n_fields);
      json_builder_end_object (builder);
      dlg_cli_print_builder (builder);
      return;
    }
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u person, ", "%u people, ", n_people), n_people);
  g_print (g_dngettext (GETTEXT_PACKAGE, "%u field.\n", "%u fields.\n", n_fields), n_fields);
  if (!done)
    g_print ("%s\n", _("Nothing was changed: run it again with --yes to do it."));
}

static int
gdpr_purge (DlgStore *store,
            gint64    process_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgGdprStatus) status = dlg_gdpr_get_status (store, process_id, NULL, &error);
  DlgGdprCounts counts = { 0, 0 };

  if (status == NULL)
    return dlg_cli_fail (error);
  if (!opt_yes)
    {
      /* Say now what the purge would refuse. */
      if (!dlg_gdpr_status_check_due (status, &error))
        return dlg_cli_fail (error);
      if (!dlg_cli_opt_json)
        g_print ("%s ", _("A purge would delete the contact data of"));
      print_done ("purged", FALSE, status->n_people, status->n_fields);
      return DLG_CLI_OK;
    }
  if (!dlg_gdpr_purge (store, process_id, &counts, &error))
    return dlg_cli_fail (error);
  if (!dlg_cli_opt_json)
    g_print ("%s ", _("Purged: the contact data of"));
  print_done ("purged", TRUE, counts.n_people, counts.n_fields);
  return DLG_CLI_OK;
}

static int
gdpr_erase (DlgStore   *store,
            gint64      process_id,
            const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgGdprPerson) person = dlg_gdpr_find_one (store, process_id, query, &error);
  DlgGdprCounts counts = { 0, 0 };

  if (person == NULL)
    return dlg_cli_fail (error);
  if (!opt_yes)
    {
      g_auto(GStrv) lines = dlg_gdpr_person_describe (person);

      if (dlg_cli_opt_json)
        {
          g_autoptr(JsonBuilder) builder = json_builder_new ();

          json_builder_begin_object (builder);
          add_bool (builder, "erased", FALSE);
          add_int (builder, "fields", dlg_gdpr_person_count_fields (person));
          add_bool (builder, "on_public_site", person->from_site);
          json_builder_set_member_name (builder, "what");
          json_builder_begin_array (builder);
          for (guint i = 0; lines[i] != NULL; i++)
            json_builder_add_string_value (builder, lines[i]);
          json_builder_end_array (builder);
          json_builder_end_object (builder);
          dlg_cli_print_builder (builder);
          return DLG_CLI_OK;
        }
      g_print ("%s\n", _("An erasure would remove:"));
      for (guint i = 0; lines[i] != NULL; i++)
        g_print ("  %s\n", lines[i]);
      g_print ("%s\n", _("Nothing was changed: run it again with --yes to do it."));
      return DLG_CLI_OK;
    }
  if (!dlg_gdpr_erase_person (store, person->participant_id, &counts, &error))
    return dlg_cli_fail (error);
  if (!dlg_cli_opt_json)
    g_print ("%s ", _("Erased:"));
  print_done ("erased", TRUE, counts.n_people, counts.n_fields);
  if (!dlg_cli_opt_json && person->from_site)
    g_print ("%s\n", _("The public site will erase its copy at the next sync."));
  return DLG_CLI_OK;
}

static int
gdpr_access (DlgStore   *store,
             gint64      process_id,
             const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgGdprPerson) person = dlg_gdpr_find_one (store, process_id, query, &error);
  g_autoptr(GFile) file = opt_out != NULL ? g_file_new_for_commandline_arg (opt_out) : NULL;
  g_autofree char *json = NULL;

  if (person == NULL)
    return dlg_cli_fail (error);
  if (!(json = dlg_gdpr_access_export (store, person->participant_id, file, &error)))
    return dlg_cli_fail (error);
  if (file == NULL)
    g_print ("%s\n", json);
  else if (!dlg_cli_opt_json)
    g_print (_("Written to %s (readable by you only).\n"), opt_out);
  return DLG_CLI_OK;
}

/**
 * dlg_cli_gdpr:
 * @argv: "gdpr", PROCESS, the verb, its argument
 *
 * Returns: the exit status
 */
int
dlg_cli_gdpr (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *verb;

  opt_yes = FALSE;
  g_clear_pointer (&opt_out, g_free);
  context = dlg_cli_context_new (&dlg_cli_gdpr_spec, &dlg_cli_gdpr_spec.verbs[0]);
  if (!dlg_cli_parse (context, &argc, &argv, "gdpr"))
    return DLG_CLI_USAGE;
  if (argc < 3)
    return dlg_cli_usage ("gdpr", _("Give the process (its number, UUID or title), then "
                                    "status, purge, erase PERSON or access PERSON."));
  verb = argv[2];
  if (!g_str_equal (verb, "status") && !g_str_equal (verb, "purge") &&
      !g_str_equal (verb, "erase") && !g_str_equal (verb, "access"))
    {
      g_autofree char *message = g_strdup_printf (_("Unknown verb “%s”."), verb);

      return dlg_cli_usage ("gdpr", message);
    }
  if (argc != ((g_str_equal (verb, "erase") || g_str_equal (verb, "access")) ? 4 : 3))
    return dlg_cli_usage ("gdpr", _("Wrong number of arguments (see “dialogue-cli gdpr "
                                    "--help”)."));
  if (!(store = dlg_cli_open_store (dlg_cli_opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = dlg_process_find (store, argv[1], &error)))
    return dlg_cli_fail (error);

  if (g_str_equal (verb, "status"))
    return gdpr_status (store, dlg_process_get_id (process));
  if (g_str_equal (verb, "purge"))
    return gdpr_purge (store, dlg_process_get_id (process));
  if (g_str_equal (verb, "erase"))
    return gdpr_erase (store, dlg_process_get_id (process), argv[3]);
  return gdpr_access (store, dlg_process_get_id (process), argv[3]);
}
