/* dlg-cli-sync.c — dialogue-cli sync, contributions and narrative
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The token never travels on the command line: it comes from DIALOGUE_TOKEN, from the file
 * named by --token-file, or from the keyring.
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dlg-cli-common.h"
#include "dlg-cli-sync.h"
#include "dlg-sync.h"

#define opt_db dlg_cli_opt_db
#define opt_json dlg_cli_opt_json

static char *opt_site;
static char *opt_token_file;
static char *opt_title;
static char *opt_uuid;
static int opt_page_size;
static gint64 opt_resolve;
static char *opt_keep;
static gboolean opt_confirm_missing;
static gboolean opt_retry_refused;
static char *opt_abandon;
static char *opt_kind;
static char **opt_map;

static const GOptionEntry sync_entries[] = {
  { "site", 0, 0, G_OPTION_ARG_STRING, &opt_site,
    N_("The site's address (default: the last one used)"), N_("URL") },
  { "token-file", 0, 0, G_OPTION_ARG_FILENAME, &opt_token_file,
    N_("Read the token from FILE (default: $DIALOGUE_TOKEN, then the keyring)"),
    N_("FILE") },
  { "confirm-missing", 0, 0, G_OPTION_ARG_NONE, &opt_confirm_missing,
    N_("Go on when the site no longer lists many items (they are kept, marked “no longer "
       "on the site”)"), NULL },
  /* The same, in the words of issue 16. */
  { "confirm-removals", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &opt_confirm_missing, NULL,
    NULL },
  { "retry-refused", 0, 0, G_OPTION_ARG_NONE, &opt_retry_refused,
    N_("Send again what the site refused at an earlier sync, as it is now"), NULL },
  { "abandon", 0, 0, G_OPTION_ARG_STRING, &opt_abandon,
    N_("Abandon the refused change number ID (as listed by --json), or all of them: it will "
       "not be sent, and the journal says so"), N_("ID|all") },
  { "kind", 0, 0, G_OPTION_ARG_STRING, &opt_kind,
    N_("What the site is, recorded for the next syncs: dialogue (the reference site), decidim "
       "or capcollectif"), N_("KIND") },
  { "map", 0, 0, G_OPTION_ARG_STRING_ARRAY, &opt_map,
    N_("Link a process to the platform's participatory process (Decidim: its id or slug) or "
       "project (Cap Collectif: its id), recorded; repeat for several, empty ID to unlink"),
    N_("PROCESS=ID") },
  { "page-size", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_INT, &opt_page_size, NULL, NULL },
  { NULL }
};

static const GOptionEntry narrative_entries[] = {
  { "title", 0, 0, G_OPTION_ARG_STRING, &opt_title, N_("The narrative's title"), N_("T") },
  { "uuid", 0, 0, G_OPTION_ARG_STRING, &opt_uuid,
    N_("Update this narrative (default: the one with the same title)"), N_("UUID") },
  { NULL }
};

static const GOptionEntry conflicts_entries[] = {
  { "resolve", 0, 0, G_OPTION_ARG_INT64, &opt_resolve, N_("Resolve the conflict number ID"),
    N_("ID") },
  { "keep", 0, 0, G_OPTION_ARG_STRING, &opt_keep,
    N_("What to keep: mine, theirs (the site’s) or copy (mine as a copy)"), N_("WHAT") },
  { NULL }
};

DLG_CLI_SPEC_ONE (sync, "", N_("Push the changes waiting to be published, then pull what "
                                "citizens contributed on the site."), sync_entries, TRUE);
DLG_CLI_SPEC_ONE (contributions, N_("PROCESS"), N_("List the contributions of a process (online "
                                                   "ones come with sync)."), NULL, TRUE);
DLG_CLI_SPEC_ONE (narrative, N_("PROCESS publish FILE.md"),
                  N_("Publish a narrative written in Markdown; the next sync sends it to the "
                     "site."), narrative_entries, TRUE);
DLG_CLI_SPEC_ONE (conflicts, "", N_("List the conflicts between your changes and the site's, or "
                                    "resolve one."), conflicts_entries, TRUE);

static GOptionContext *
new_context (const DlgCliSpec *spec)
{
  return dlg_cli_context_new (spec, &spec->verbs[0]);
}

static char *
read_token (GError **error)
{
  const char *env = g_getenv ("DIALOGUE_TOKEN");

  if (opt_token_file != NULL)
    {
      g_autofree char *contents = NULL;

      if (!g_file_get_contents (opt_token_file, &contents, NULL, error))
        return NULL;
      return g_strdup (g_strstrip (contents));
    }
  if (env != NULL && *env != '\0')
    return g_strdup (env);
  return dlg_sync_token_lookup (opt_site, NULL, error);
}

static void
add_refusal (JsonBuilder          *builder,
             const DlgSyncRefusal *r)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, r->id);
  json_builder_set_member_name (builder, "type");
  json_builder_add_string_value (builder, r->object_type);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, r->object_uuid);
  json_builder_set_member_name (builder, "title");
  if (r->title != NULL)
    json_builder_add_string_value (builder, r->title);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "status");
  json_builder_add_int_value (builder, r->status);
  json_builder_set_member_name (builder, "gone");
  json_builder_add_boolean_value (builder, dlg_sync_refusal_is_gone (r));
  json_builder_set_member_name (builder, "state");
  json_builder_add_string_value (builder, dlg_sync_refusal_get_state_label (r));
  json_builder_set_member_name (builder, "problem");
  json_builder_add_string_value (builder, r->problem);
  json_builder_set_member_name (builder, "refused_at");
  json_builder_add_string_value (builder, r->refused_at);
  json_builder_end_object (builder);
}

static gboolean
refusal_listed (GPtrArray  *refused,
                const char *problem)
{
  for (guint i = 0; refused != NULL && i < refused->len; i++)
    if (g_strcmp0 (((DlgSyncRefusal *) refused->pdata[i])->problem, problem) == 0)
      return TRUE;
  return FALSE;
}

/* --abandon ID|all: the officer's explicit decision, journaled; no sync follows. */
static int
abandon_refused (DlgStore *store)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  guint n = 0;

  if (g_strcmp0 (opt_abandon, "all") != 0 &&
      (!g_ascii_string_to_signed (opt_abandon, 10, 1, G_MAXINT64, &id, NULL)))
    return dlg_cli_usage ("sync", _("--abandon takes the number of a refused change (see "
                                    "“dialogue-cli sync --json”) or “all”."));
  if (!dlg_sync_abandon_refused (store, id, &n, &error))
    return dlg_cli_fail (error);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "abandoned");
      json_builder_add_int_value (builder, n);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      dlg_cli_print_json (root);
    }
  else
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u refused change abandoned: it will not be sent (see the journal)\n",
                          "%u refused changes abandoned: they will not be sent (see the "
                          "journal)\n", n), n);
  return DLG_CLI_OK;
}

static void
print_counts (DlgStore      *store,
              DlgSyncClient *client,
              GPtrArray     *refused,
              gboolean       ok,
              const GError  *error)
{
  guint n_contributions = 0, n_registrations = 0;
  g_autoptr(GPtrArray) waiting = dlg_sync_list_orphan_processes (store, NULL);

  /* What was pulled but waits for its process is not "pulled 0": say how much, and for which
   * processes (an officer asks for them, or imports them). */
  if (!dlg_sync_count_orphans (store, &n_contributions, &n_registrations, NULL))
    n_contributions = n_registrations = 0;
  if (waiting == NULL)
    waiting = g_ptr_array_new ();
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      GPtrArray *problems = dlg_sync_client_get_problems (client);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "ok");
      json_builder_add_boolean_value (builder, ok);
      json_builder_set_member_name (builder, "pushed");
      json_builder_add_int_value (builder, dlg_sync_client_get_n_pushed (client));
      json_builder_set_member_name (builder, "pulled");
      json_builder_add_int_value (builder, dlg_sync_client_get_n_pulled (client));
      json_builder_set_member_name (builder, "waiting_contributions");
      json_builder_add_int_value (builder, n_contributions);
      json_builder_set_member_name (builder, "waiting_registrations");
      json_builder_add_int_value (builder, n_registrations);
      json_builder_set_member_name (builder, "waiting_for");
      json_builder_begin_array (builder);
      for (guint i = 0; i < waiting->len; i++)
        {
          DlgSyncOrphanProcess *process = waiting->pdata[i];

          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "process_id");
          json_builder_add_string_value (builder, process->process_uuid);
          json_builder_set_member_name (builder, "contributions");
          json_builder_add_int_value (builder, process->n_contributions);
          json_builder_set_member_name (builder, "registrations");
          json_builder_add_int_value (builder, process->n_registrations);
          json_builder_end_object (builder);
        }
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "conflicts");
      json_builder_add_int_value (builder, dlg_sync_client_get_n_conflicts (client));
      json_builder_set_member_name (builder, "rejected");
      json_builder_add_int_value (builder, dlg_sync_client_get_n_rejected (client));
      /* Items of the site's feed that could not be read: skipped, recorded, the rest applied. */
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_int_value (builder, dlg_sync_client_get_n_skipped (client));
      json_builder_set_member_name (builder, "problems");
      json_builder_begin_array (builder);
      for (guint i = 0; i < problems->len; i++)
        json_builder_add_string_value (builder, problems->pdata[i]);
      json_builder_end_array (builder);
      /* What the site refused, this sync or before, while it waits for the officer. */
      json_builder_set_member_name (builder, "refused");
      json_builder_begin_array (builder);
      for (guint i = 0; refused != NULL && i < refused->len; i++)
        add_refusal (builder, refused->pdata[i]);
      json_builder_end_array (builder);
      json_builder_set_member_name (builder, "site_abilities");
      if (dlg_sync_client_get_site_abilities (client) != NULL)
        json_builder_add_string_value (builder, dlg_sync_client_get_site_abilities (client));
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "error");
      if (error != NULL)
        json_builder_add_string_value (builder, error->message);
      else
        json_builder_add_null_value (builder);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      dlg_cli_print_json (root);
      return;
    }
  /* TRANSLATORS: what a sync moved */
  g_print (_("pushed %u, pulled %u, conflicts %u, refused %u, skipped %u\n"),
           dlg_sync_client_get_n_pushed (client), dlg_sync_client_get_n_pulled (client),
           dlg_sync_client_get_n_conflicts (client), dlg_sync_client_get_n_rejected (client),
           dlg_sync_client_get_n_skipped (client));
  if (n_contributions > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u contribution waits for a process this database does not have\n",
                          "%u contributions wait for a process this database does not have\n",
                          n_contributions), n_contributions);
  if (n_registrations > 0)
    g_print (g_dngettext (GETTEXT_PACKAGE,
                          "%u registration waits for a process this database does not have\n",
                          "%u registrations wait for a process this database does not have\n",
                          n_registrations), n_registrations);
  for (guint i = 0; i < waiting->len; i++)
    {
      DlgSyncOrphanProcess *process = waiting->pdata[i];

      /* TRANSLATORS: a process the waiting items belong to, and how many there are */
      g_print (_("  process %s — contributions: %u, registrations: %u\n"), process->process_uuid,
               process->n_contributions, process->n_registrations);
    }
}

/* --kind and --map: recorded for @site before the sync. */
static gboolean
configure_site (DlgStore        *store,
                const char      *site,
                DlgSyncSiteKind *kind,
                GError         **error)
{
  if (opt_kind != NULL)
    {
      if (!dlg_sync_site_kind_from_string (opt_kind, kind))
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--kind takes dialogue, decidim or capcollectif, not “%s”."), opt_kind);
          return FALSE;
        }
      if (!dlg_sync_set_site_kind (store, site, *kind, error))
        return FALSE;
    }
  else if (!dlg_sync_get_site_kind (store, site, kind, error))
    return FALSE;
  for (guint i = 0; opt_map != NULL && opt_map[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (opt_map[i], "=", 2);
      g_autoptr(DlgProcess) process = NULL;

      if (parts[0] == NULL || parts[1] == NULL)
        {
          g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                       _("--map takes PROCESS=ID, not “%s”."), opt_map[i]);
          return FALSE;
        }
      if (!(process = dlg_process_find (store, parts[0], error)) ||
          !dlg_sync_set_mapping (store, site, dlg_process_get_id (process),
                                 g_strstrip (parts[1]), error))
        return FALSE;
    }
  return TRUE;
}

int
dlg_cli_sync (int    argc,
              char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context (&dlg_cli_sync_spec);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgSyncClient) client = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  GPtrArray *problems;
  DlgSyncSiteKind kind = DLG_SYNC_SITE_DIALOGUE;
  gboolean ok;

  if (!dlg_cli_parse (context, &argc, &argv, "sync"))
    return DLG_CLI_USAGE;
  if (argc != 1)
    return dlg_cli_usage ("sync", _("This command takes no argument."));
  if (opt_abandon != NULL && opt_retry_refused)
    return dlg_cli_usage ("sync", _("--abandon and --retry-refused do not go together."));
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (opt_abandon != NULL)
    return abandon_refused (store);
  if (opt_site == NULL)
    {
      opt_site = dlg_sync_get_default_site (store, &error);
      if (opt_site == NULL)
        {
          if (error != NULL)
            return dlg_cli_fail (error);
          return dlg_cli_usage ("sync", _("No site yet: give its address with --site URL."));
        }
    }

  if (!configure_site (store, opt_site, &kind, &error))
    return dlg_cli_fail (error);
  token = read_token (&error);
  /* A Decidim site is read without credentials. */
  if (token == NULL && kind == DLG_SYNC_SITE_DECIDIM && error == NULL)
    token = g_strdup ("");
  if (token == NULL)
    {
      if (error != NULL)
        return dlg_cli_fail (error);
      g_printerr (_("dialogue-cli: no token for %s: set DIALOGUE_TOKEN or use --token-file "
                    "FILE.\n"), opt_site);
      return DLG_CLI_ERROR;
    }

  client = dlg_sync_client_new (store, opt_site);
  dlg_sync_client_set_kind (client, kind);
  if (*token != '\0')
    dlg_sync_client_set_token (client, token);
  memset (token, 0, strlen (token));
  if (opt_page_size > 0)
    dlg_sync_client_set_page_size (client, opt_page_size);

  if (opt_retry_refused)
    {
      guint n = 0;

      if (!dlg_sync_retry_refused (store, 0, &n, &error))
        return dlg_cli_fail (error);
      if (!opt_json)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u refused change sent again\n",
                              "%u refused changes sent again\n", n), n);
    }
  ok = dlg_sync_client_sync (client, opt_confirm_missing ? DLG_SYNC_FLAGS_CONFIRM_MISSING
                                                        : DLG_SYNC_FLAGS_NONE, NULL, &error);
  refused = dlg_sync_list_refused (store, ok ? &error : NULL);
  if (ok && refused == NULL)
    return dlg_cli_fail (error);
  print_counts (store, client, refused, ok, error);
  if (!opt_json && dlg_sync_client_get_site_abilities (client) != NULL)
    g_print ("%s\n", dlg_sync_client_get_site_abilities (client));
  problems = dlg_sync_client_get_problems (client);
  for (guint i = 0; i < problems->len; i++)
    if (!refusal_listed (refused, problems->pdata[i]))
      g_printerr ("dialogue-cli: %s\n", (const char *) problems->pdata[i]);
  /* Refused, at this sync or an earlier one, and still waiting: said again, with its number,
   * until sent or abandoned. */
  for (guint i = 0; refused != NULL && i < refused->len; i++)
    {
      DlgSyncRefusal *r = refused->pdata[i];

      /* TRANSLATORS: the number of a refused change, its state ("Gone from the site"…), the
       * message */
      g_printerr (_("dialogue-cli: [%ld] %s: %s\n"), (long) r->id,
                  dlg_sync_refusal_get_state_label (r), r->problem);
    }
  if (!opt_json && refused != NULL && refused->len > 0)
    g_printerr (g_dngettext (GETTEXT_PACKAGE,
                             "dialogue-cli: %u change refused by the site waits: correct it and "
                             "run “dialogue-cli sync --retry-refused”, or abandon it with "
                             "“--abandon ID” (the numbers are in “--json”).\n",
                             "dialogue-cli: %u changes refused by the site wait: correct them "
                             "and run “dialogue-cli sync --retry-refused”, or abandon them with "
                             "“--abandon ID|all” (the numbers are in “--json”).\n",
                             refused->len), refused->len);
  if (!ok)
    {
      dlg_cli_fail (error);
      if (g_error_matches (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_SITE_MISSING))
        g_printerr (_("dialogue-cli: check the site first; to go on and mark them “no longer "
                      "on the site” (they stay in the app), run “dialogue-cli sync "
                      "--confirm-missing”.\n"));
      return DLG_CLI_ERROR;
    }
  return problems->len > 0 || (refused != NULL && refused->len > 0) ? DLG_CLI_ERROR
                                                                     : DLG_CLI_OK;
}

int
dlg_cli_contributions (int    argc,
                       char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context (&dlg_cli_contributions_spec);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(GListModel) contributions = NULL;
  guint n;

  if (!dlg_cli_parse (context, &argc, &argv, "contributions"))
    return DLG_CLI_USAGE;
  if (argc != 2)
    return dlg_cli_usage ("contributions", _("Give the process (its number, UUID or title)."));
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = dlg_process_find (store, argv[1], &error)))
    return dlg_cli_fail (error);
  if (!(contributions = dlg_contribution_list (store, dlg_process_get_id (process), &error)))
    return dlg_cli_fail (error);

  /* The list is newest first (date, then id): read backwards, oldest first. */
  n = g_list_model_get_n_items (contributions);
  json_builder_begin_array (builder);
  for (guint i = n; i-- > 0;)
    {
      g_autoptr(DlgContribution) c = g_list_model_get_item (contributions, i);

      if (opt_json)
        dlg_cli_add_contribution (builder, c);
      else
        dlg_cli_print_contribution_line (c);
    }
  json_builder_end_array (builder);
  if (opt_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      dlg_cli_print_json (root);
    }
  return DLG_CLI_OK;
}

int
dlg_cli_narrative (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context (&dlg_cli_narrative_spec);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *uuid = NULL;
  gsize length;

  if (!dlg_cli_parse (context, &argc, &argv, "narrative"))
    return DLG_CLI_USAGE;
  if (argc != 4 || g_strcmp0 (argv[2], "publish") != 0)
    return dlg_cli_usage ("narrative", _("Usage: narrative PROCESS publish FILE.md --title T"));
  if (opt_title == NULL)
    return dlg_cli_usage ("narrative", _("A narrative needs a title: --title T."));
  if (!g_file_get_contents (argv[3], &body, &length, &error))
    return dlg_cli_fail (error);
  if (!g_utf8_validate (body, length, NULL) || strlen (body) != length)
    {
      g_printerr (_("dialogue-cli: “%s” is not UTF-8 text.\n"), argv[3]);
      return DLG_CLI_ERROR;
    }
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;
  if (!(process = dlg_process_find (store, argv[1], &error)))
    return dlg_cli_fail (error);
  uuid = dlg_sync_narrative_publish (store, dlg_process_get_id (process), opt_uuid, opt_title,
                                     body, &error);
  if (uuid == NULL)
    return dlg_cli_fail (error);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, uuid);
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      dlg_cli_print_json (root);
    }
  else
    g_print (_("Narrative %s published; it will be sent to the site at the next sync.\n"),
             uuid);
  return DLG_CLI_OK;
}

int
dlg_cli_conflicts (int    argc,
                   char **argv)
{
  g_autoptr(GOptionContext) context =
    new_context (&dlg_cli_conflicts_spec);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (!dlg_cli_parse (context, &argc, &argv, "conflicts"))
    return DLG_CLI_USAGE;
  if (argc != 1)
    return dlg_cli_usage ("conflicts", _("This command takes no argument."));
  if ((opt_resolve != 0) != (opt_keep != NULL))
    return dlg_cli_usage ("conflicts", _("--resolve ID and --keep WHAT go together."));
  if (!(store = dlg_cli_open_store (opt_db)))
    return DLG_CLI_ERROR;

  if (opt_resolve != 0)
    {
      DlgSyncResolution resolution;

      if (g_strcmp0 (opt_keep, "mine") == 0)
        resolution = DLG_SYNC_KEEP_MINE;
      else if (g_strcmp0 (opt_keep, "theirs") == 0)
        resolution = DLG_SYNC_KEEP_THEIRS;
      else if (g_strcmp0 (opt_keep, "copy") == 0)
        resolution = DLG_SYNC_KEEP_MINE_AS_COPY;
      else
        return dlg_cli_usage ("conflicts", _("--keep takes mine, theirs or copy."));
      if (!dlg_sync_resolve_conflict (store, opt_resolve, resolution, &error))
        return dlg_cli_fail (error);
      if (!opt_json)
        g_print (_("Conflict %ld resolved; the next sync applies it.\n"), (long) opt_resolve);
      return DLG_CLI_OK;
    }

  if (!(conflicts = dlg_sync_list_conflicts (store, &error)))
    return dlg_cli_fail (error);
  json_builder_begin_array (builder);
  for (guint i = 0; i < conflicts->len; i++)
    {
      DlgSyncConflict *c = conflicts->pdata[i];

      if (opt_json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, c->id);
          json_builder_set_member_name (builder, "type");
          json_builder_add_string_value (builder, c->object_type);
          json_builder_set_member_name (builder, "uuid");
          json_builder_add_string_value (builder, c->object_uuid);
          json_builder_set_member_name (builder, "title");
          json_builder_add_string_value (builder, c->title);
          json_builder_set_member_name (builder, "detected_at");
          json_builder_add_string_value (builder, c->detected_at);
          json_builder_set_member_name (builder, "mine");
          json_builder_add_string_value (builder, c->local_json);
          json_builder_set_member_name (builder, "theirs");
          if (c->site_json != NULL)
            json_builder_add_string_value (builder, c->site_json);
          else
            json_builder_add_null_value (builder);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *title = dlg_cli_one_line (c->title);

          g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", c->id, c->detected_at, c->object_type,
                   title);
        }
    }
  json_builder_end_array (builder);
  if (opt_json)
    {
      g_autoptr(JsonNode) root = json_builder_get_root (builder);

      dlg_cli_print_json (root);
    }
  return DLG_CLI_OK;
}
