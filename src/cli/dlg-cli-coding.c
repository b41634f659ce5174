/* dlg-cli-coding.c — the coding frame from the command line
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `dialogue-cli themes PROCESS list|add NAME|rename THEME NAME|move THEME PARENT|merge THEME
 * INTO|delete THEME|undo` (the `suggest` verb is dlg-cli-analysis.c's), `dialogue-cli tag
 * PROCESS THEME (--search QUERY | --ids ID,… | --all) [--untag]` and `dialogue-cli search
 * PROCESS QUERY`. The same core as the window: dlg-coding.c for every change (one transaction,
 * one journal entry, undoable), DlgContributionList for what a search and its filters match.
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "dlg-cli-coding.h"

#define opt_db dlg_cli_opt_db
#define opt_json dlg_cli_opt_json

static char *opt_search;
static char *opt_ids;
static gboolean opt_all;
static gboolean opt_untag;
static char *opt_channel;
static char *opt_feature;
static char *opt_moderation;
static char *opt_theme;
static int opt_limit = 50;

static const GOptionEntry tag_entries[] = {
  { "search", 0, 0, G_OPTION_ARG_STRING, &opt_search,
    N_("Every contribution this search matches (words, as typed in the window)"), N_("QUERY") },
  { "ids", 0, 0, G_OPTION_ARG_STRING, &opt_ids,
    N_("These contributions: numbers or UUIDs, comma-separated"), N_("ID,…") },
  { "all", 0, 0, G_OPTION_ARG_NONE, &opt_all,
    N_("Every contribution the filters match (all of the process without filters)"), NULL },
  { "channel", 0, 0, G_OPTION_ARG_STRING, &opt_channel,
    N_("Only those of this channel (online, in_person, mail, phone)"), N_("CHANNEL") },
  { "feature", 0, 0, G_OPTION_ARG_STRING, &opt_feature,
    N_("Only those of this feature (ideas, map, debate…)"), N_("FEATURE") },
  { "moderation", 0, 0, G_OPTION_ARG_STRING, &opt_moderation,
    N_("Only those in this moderation state (pending, published, trashed)"), N_("STATE") },
  { "untag", 0, 0, G_OPTION_ARG_NONE, &opt_untag,
    N_("Take the theme off instead of giving it"), NULL },
  { NULL }
};

static const GOptionEntry search_entries[] = {
  { "theme", 0, 0, G_OPTION_ARG_STRING, &opt_theme,
    N_("Only the contributions of this theme (and its sub-themes); “none” for those with no "
       "theme yet"), N_("THEME") },
  { "channel", 0, 0, G_OPTION_ARG_STRING, &opt_channel,
    N_("Only those of this channel (online, in_person, mail, phone)"), N_("CHANNEL") },
  { "feature", 0, 0, G_OPTION_ARG_STRING, &opt_feature,
    N_("Only those of this feature (ideas, map, debate…)"), N_("FEATURE") },
  { "moderation", 0, 0, G_OPTION_ARG_STRING, &opt_moderation,
    N_("Only those in this moderation state (pending, published, trashed)"), N_("STATE") },
  { "limit", 0, 0, G_OPTION_ARG_INT, &opt_limit,
    N_("Print at most N of them, newest first (default 50; 0 for all)"), N_("N") },
  { NULL }
};

DLG_CLI_SPEC_ONE (tag, N_("PROCESS THEME"),
                  N_("Give a theme to contributions — a list of them, or every one a search and "
                     "filters match — or take it off (--untag): one change, journaled once, "
                     "that “themes PROCESS undo” takes back."), tag_entries, TRUE);
DLG_CLI_SPEC_ONE (search, N_("PROCESS QUERY"),
                  N_("Search the contributions of a process (full text, accents ignored, the "
                     "last word as a prefix): how many match, and the newest."),
                  search_entries, TRUE);

/* Opens the store and finds the process; prints the error and returns FALSE. */
static gboolean
open_process (const char  *name,
              DlgStore   **store,
              DlgProcess **process)
{
  g_autoptr(GError) error = NULL;

  if (!(*store = dlg_cli_open_store (opt_db)))
    return FALSE;
  if (!(*process = dlg_process_find (*store, name, &error)))
    {
      dlg_cli_fail (error);
      return FALSE;
    }
  return TRUE;
}

/* A theme of @process by its number or its name (accents and case count, spaces around do
 * not); NULL with an error naming what was looked for. */
static DlgTheme *
find_theme (DlgStore    *store,
            DlgProcess  *process,
            const char  *wanted,
            GError     **error)
{
  g_autoptr(GListModel) themes = dlg_theme_list (store, dlg_process_get_id (process), error);
  g_autofree char *name = g_strstrip (g_strdup (wanted));
  DlgTheme *found = NULL;
  char *end = NULL;
  gint64 id;
  guint n_found = 0;

  if (themes == NULL)
    return NULL;
  errno = 0;
  id = g_ascii_strtoll (name, &end, 10);
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (themes, i);

      if ((*name != '\0' && *end == '\0' && errno == 0 && dlg_theme_get_id (theme) == id)
          || g_strcmp0 (dlg_theme_get_name (theme), name) == 0)
        {
          if (found == NULL || dlg_theme_get_id (theme) == id)
            g_set_object (&found, theme);
          n_found++;
        }
    }
  if (found == NULL)
    g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                 _("No theme “%s” in this process (“themes PROCESS list” lists them)."), name);
  else if (n_found > 1 && dlg_theme_get_id (found) != id)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("Several themes are named “%s”: give its number."), name);
      g_clear_object (&found);
    }
  return found;
}

static void
print_outcome (const DlgCodingOutcome *outcome,
               const char             *what)
{
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "changed");
      json_builder_add_int_value (builder, outcome->n_changed);
      json_builder_set_member_name (builder, "skipped");
      json_builder_add_int_value (builder, outcome->n_skipped);
      json_builder_set_member_name (builder, "operation");
      json_builder_add_int_value (builder, outcome->operation_id);
      json_builder_end_object (builder);
      dlg_cli_print_builder (builder);
      return;
    }
  g_print ("%s\n", what);
  if (outcome->n_skipped > 0)
    g_print (g_dngettext (NULL, "%u contribution given is not in this process: left alone.\n",
                          "%u contributions given are not in this process: left alone.\n",
                          outcome->n_skipped), outcome->n_skipped);
}

/* themes PROCESS list */
static int
themes_list (DlgStore   *store,
             DlgProcess *process)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) themes = dlg_theme_list (store, dlg_process_get_id (process), &error);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GHashTable) by_theme = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint without = 0;

  if (themes == NULL
      || !(counts = dlg_coding_count_by_theme (store, dlg_process_get_id (process), &without,
                                               &error)))
    return dlg_cli_fail (error);
  for (guint i = 0; i < counts->len; i++)
    {
      DlgThemeCount *count = &g_array_index (counts, DlgThemeCount, i);

      g_hash_table_insert (by_theme, &count->theme_id, count);
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "themes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (themes, i);
      gint64 id = dlg_theme_get_id (theme);
      DlgThemeCount *count = g_hash_table_lookup (by_theme, &id);
      guint direct = count != NULL ? count->n_direct : 0;
      guint total = count != NULL ? count->n_total : 0;

      if (opt_json)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "id");
          json_builder_add_int_value (builder, id);
          json_builder_set_member_name (builder, "name");
          json_builder_add_string_value (builder, dlg_theme_get_name (theme));
          json_builder_set_member_name (builder, "parent_id");
          if (dlg_theme_get_parent_id (theme) != 0)
            json_builder_add_int_value (builder, dlg_theme_get_parent_id (theme));
          else
            json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "depth");
          json_builder_add_int_value (builder, dlg_theme_get_depth (theme));
          json_builder_set_member_name (builder, "colour");
          json_builder_add_string_value (builder, dlg_theme_get_colour (theme));
          json_builder_set_member_name (builder, "description");
          json_builder_add_string_value (builder, dlg_theme_get_description (theme));
          json_builder_set_member_name (builder, "count");
          json_builder_add_int_value (builder, direct);
          json_builder_set_member_name (builder, "count_with_sub_themes");
          json_builder_add_int_value (builder, total);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *name = dlg_cli_one_line (dlg_theme_get_name (theme));
          g_autofree char *indent = g_strnfill (2 * dlg_theme_get_depth (theme), ' ');

          if (total != direct)
            g_print ("%5" G_GINT64_FORMAT "  %s%s\t%u (%u)\n", id, indent, name, direct, total);
          else
            g_print ("%5" G_GINT64_FORMAT "  %s%s\t%u\n", id, indent, name, direct);
        }
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "without_theme");
  json_builder_add_int_value (builder, without);
  json_builder_end_object (builder);
  if (opt_json)
    dlg_cli_print_builder (builder);
  else
    g_print (_("%u with no theme yet\n"), without);
  return DLG_CLI_OK;
}

/* @verb: "added", "renamed" or "moved" */
static int
themes_save (DlgStore   *store,
             DlgTheme   *theme,
             const char *verb)
{
  g_autoptr(GError) error = NULL;

  if (!dlg_theme_save (store, theme, &error))
    return dlg_cli_fail (error);
  if (opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_int_value (builder, dlg_theme_get_id (theme));
      json_builder_set_member_name (builder, "name");
      json_builder_add_string_value (builder, dlg_theme_get_name (theme));
      json_builder_end_object (builder);
      dlg_cli_print_builder (builder);
    }
  else
    {
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, dlg_theme_get_id (theme));

      if (g_str_equal (verb, "added"))
        g_print (_("Theme %s added.\n"), id);
      else if (g_str_equal (verb, "renamed"))
        g_print (_("Theme %s renamed.\n"), id);
      else
        g_print (_("Theme %s moved.\n"), id);
    }
  return DLG_CLI_OK;
}

/**
 * dlg_cli_themes_frame:
 * @argv: "themes", PROCESS, the verb, its arguments
 *
 * Every `themes` verb but `suggest`.
 *
 * Returns: the exit status
 */
int
dlg_cli_themes_frame (int                        argc,
                      char                     **argv,
                      const DlgCliThemeOptions  *options)
{
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *verb = argv[2];
  DlgCodingOutcome outcome = { 0 };
  static const struct { const char *verb; int n_args; } verbs[] = {
    { "list", 0 }, { "add", 1 }, { "rename", 2 }, { "move", 2 }, { "merge", 2 },
    { "delete", 1 }, { "undo", 0 },
  };
  gboolean known = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (verbs); i++)
    if (g_str_equal (verb, verbs[i].verb))
      {
        if (argc != 3 + verbs[i].n_args)
          return dlg_cli_usage ("themes", _("Wrong number of arguments (see “dialogue-cli "
                                            "themes --help”)."));
        known = TRUE;
      }
  if (!known)
    {
      g_autofree char *message = g_strdup_printf (_("Unknown verb “%s”."), verb);

      return dlg_cli_usage ("themes", message);
    }
  if (!open_process (argv[1], &store, &process))
    return DLG_CLI_ERROR;

  if (g_str_equal (verb, "list"))
    return themes_list (store, process);
  if (g_str_equal (verb, "add"))
    {
      g_autoptr(DlgTheme) theme = dlg_theme_new (dlg_process_get_id (process));

      if (options->parent != NULL)
        {
          g_autoptr(DlgTheme) parent = find_theme (store, process, options->parent, &error);

          if (parent == NULL)
            return dlg_cli_fail (error);
          dlg_theme_set_parent_id (theme, dlg_theme_get_id (parent));
        }
      dlg_theme_set_name (theme, argv[3]);
      if (options->colour != NULL)
        dlg_theme_set_colour (theme, options->colour);
      if (options->description != NULL)
        dlg_theme_set_description (theme, options->description);
      return themes_save (store, theme, "added");
    }
  if (g_str_equal (verb, "rename") || g_str_equal (verb, "move"))
    {
      g_autoptr(DlgTheme) theme = find_theme (store, process, argv[3], &error);
      gint64 parent_id = 0;

      if (theme == NULL)
        return dlg_cli_fail (error);
      if (g_str_equal (verb, "rename"))
        {
          dlg_theme_set_name (theme, argv[4]);
          return themes_save (store, theme, "renamed");
        }
      /* A move is an operation of the frame's stack: "undo" puts the theme back. */
      if (!g_str_equal (argv[4], "-"))
        {
          g_autoptr(DlgTheme) parent = find_theme (store, process, argv[4], &error);

          if (parent == NULL)
            return dlg_cli_fail (error);
          parent_id = dlg_theme_get_id (parent);
        }
      if (!dlg_coding_move_theme (store, dlg_theme_get_id (theme), parent_id, NULL, &error))
        return dlg_cli_fail (error);
      dlg_theme_set_parent_id (theme, parent_id);
      return themes_save (store, theme, "moved");
    }
  if (g_str_equal (verb, "merge"))
    {
      g_autoptr(DlgTheme) from = find_theme (store, process, argv[3], &error);
      g_autoptr(DlgTheme) into = from != NULL ? find_theme (store, process, argv[4], &error)
                                              : NULL;
      g_autofree char *summary = NULL;
      gint64 id;

      if (into == NULL
          || !dlg_coding_merge_themes (store, dlg_theme_get_id (from), dlg_theme_get_id (into),
                                       &outcome, &error)
          || !dlg_coding_get_last_operation (store, dlg_process_get_id (process), &id, &summary,
                                             &error))
        return dlg_cli_fail (error);
      print_outcome (&outcome, summary);
      return DLG_CLI_OK;
    }
  if (g_str_equal (verb, "delete"))
    {
      g_autoptr(DlgTheme) theme = find_theme (store, process, argv[3], &error);
      g_autofree char *summary = NULL;
      gint64 id;

      if (theme == NULL
          || !dlg_coding_delete_theme (store, dlg_theme_get_id (theme), &outcome, &error)
          || !dlg_coding_get_last_operation (store, dlg_process_get_id (process), &id, &summary,
                                             &error))
        return dlg_cli_fail (error);
      print_outcome (&outcome, summary);
      return DLG_CLI_OK;
    }

  /* undo */
  {
    g_autofree char *summary = NULL;
    g_autofree char *message = NULL;
    gint64 id;

    if (!dlg_coding_get_last_operation (store, dlg_process_get_id (process), &id, &summary,
                                        &error))
      return dlg_cli_fail (error);
    if (id == 0)
      {
        g_printerr (_("dialogue-cli themes: nothing to undo.\n"));
        return DLG_CLI_ERROR;
      }
    if (!dlg_coding_undo (store, id, &outcome, &error))
      return dlg_cli_fail (error);
    message = g_strdup_printf (_("Undone: %s"), summary);
    print_outcome (&outcome, message);
    return DLG_CLI_OK;
  }
}

/* Sets the list's filters from the options; FALSE with a usage message when one is unknown. */
static gboolean
apply_filters (DlgContributionList *list,
               const char          *command)
{
  g_autofree char *message = NULL;

  if (opt_channel != NULL && dlg_vocabulary_find_label (&dlg_vocabulary_channel,
                                                        opt_channel) == NULL)
    message = g_strdup_printf (_("Unknown channel “%s”."), opt_channel);
  else if (opt_moderation != NULL && dlg_vocabulary_find_label (&dlg_vocabulary_moderation,
                                                                opt_moderation) == NULL)
    message = g_strdup_printf (_("Unknown moderation state “%s”."), opt_moderation);
  if (message != NULL)
    {
      dlg_cli_usage (command, message);
      return FALSE;
    }
  dlg_contribution_list_set_channel (list, opt_channel);
  dlg_contribution_list_set_feature (list, opt_feature);
  dlg_contribution_list_set_moderation (list, opt_moderation);
  return TRUE;
}

/* The ids of --ids: numbers, or UUIDs looked up. */
static GArray *
parse_ids (DlgStore    *store,
           const char  *text,
           GError     **error)
{
  g_auto(GStrv) parts = g_strsplit (text, ",", -1);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_autofree char *part = g_strstrip (g_strdup (parts[i]));
      char *end = NULL;
      gint64 id;

      if (*part == '\0')
        continue;
      errno = 0;
      id = g_ascii_strtoll (part, &end, 10);
      if (*end != '\0' || errno != 0 || id <= 0)
        {
          g_autoptr(DlgContribution) c = NULL;
          g_autoptr(GError) local = NULL;

          if (!(c = dlg_contribution_find_by_uuid (store, part, &local)))
            {
              g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("“%s” is neither a contribution’s number nor its UUID."), part);
              return NULL;
            }
          id = dlg_contribution_get_id (c);
        }
      g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

/**
 * dlg_cli_tag:
 *
 * `dialogue-cli tag PROCESS THEME (--search QUERY | --ids ID,… | --all) [--untag]`
 *
 * Returns: the exit status
 */
int
dlg_cli_tag (int    argc,
             char **argv)
{
  g_autoptr(GOptionContext) context = dlg_cli_context_new (&dlg_cli_tag_spec,
                                                           &dlg_cli_tag_spec.verbs[0]);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgTheme) theme = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  DlgCodingOutcome outcome = { 0 };
  gint64 last;

  if (!dlg_cli_parse (context, &argc, &argv, "tag"))
    return DLG_CLI_USAGE;
  if (argc != 3)
    return dlg_cli_usage ("tag", _("Give the process, then the theme (its number or name)."));
  if ((opt_ids != NULL) + (opt_search != NULL || opt_all) != 1)
    return dlg_cli_usage ("tag", _("Say which contributions: --ids, or --search (or --all) with "
                                   "filters if needed."));
  if (opt_ids != NULL && (opt_channel != NULL || opt_feature != NULL || opt_moderation != NULL))
    return dlg_cli_usage ("tag", _("The filters go with --search or --all, not --ids."));
  if (!open_process (argv[1], &store, &process))
    return DLG_CLI_ERROR;
  if (!(theme = find_theme (store, process, argv[2], &error)))
    return dlg_cli_fail (error);
  if (opt_ids != NULL)
    ids = parse_ids (store, opt_ids, &error);
  else
    {
      g_autoptr(DlgContributionList) list =
        dlg_contribution_list_new (store, dlg_process_get_id (process));

      if (!apply_filters (list, "tag"))
        return DLG_CLI_USAGE;
      dlg_contribution_list_set_search (list, opt_search);
      ids = dlg_contribution_list_get_ids (list, &error);
    }
  if (ids == NULL)
    return dlg_cli_fail (error);
  if (!(opt_untag ? dlg_coding_untag : dlg_coding_tag) (store, dlg_theme_get_id (theme), ids,
                                                        &outcome, &error))
    return dlg_cli_fail (error);
  if (outcome.operation_id == 0)
    summary = g_strdup (opt_untag ? _("None of them had this theme: nothing changed.")
                                  : _("All of them had this theme already: nothing changed."));
  else if (!dlg_coding_get_last_operation (store, dlg_process_get_id (process), &last, &summary,
                                           &error))
    return dlg_cli_fail (error);
  print_outcome (&outcome, summary);
  return DLG_CLI_OK;
}

/**
 * dlg_cli_search:
 *
 * `dialogue-cli search PROCESS QUERY [--theme T] [--limit N] [--json]`: prints
 * `{"count": N, "contributions": [...]}` (the rows of `contributions --json`), newest first.
 *
 * Returns: the exit status
 */
int
dlg_cli_search (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context = dlg_cli_context_new (&dlg_cli_search_spec,
                                                           &dlg_cli_search_spec.verbs[0]);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgContributionList) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autofree char *fts = NULL;
  guint n, shown;

  if (!dlg_cli_parse (context, &argc, &argv, "search"))
    return DLG_CLI_USAGE;
  if (argc != 3)
    return dlg_cli_usage ("search", _("Give the process, then what to search for."));
  if (opt_limit < 0)
    return dlg_cli_usage ("search", _("The limit cannot be negative."));
  if (!(fts = dlg_contribution_list_make_fts_query (argv[2])))
    return dlg_cli_usage ("search", _("The search has no word to look for."));
  if (!open_process (argv[1], &store, &process))
    return DLG_CLI_ERROR;
  list = dlg_contribution_list_new (store, dlg_process_get_id (process));
  if (!apply_filters (list, "search"))
    return DLG_CLI_USAGE;
  if (opt_theme != NULL)
    {
      if (g_str_equal (opt_theme, "none"))
        dlg_contribution_list_set_theme (list, DLG_CONTRIBUTION_LIST_NO_THEME);
      else
        {
          g_autoptr(DlgTheme) theme = find_theme (store, process, opt_theme, &error);

          if (theme == NULL)
            return dlg_cli_fail (error);
          dlg_contribution_list_set_theme (list, dlg_theme_get_id (theme));
        }
    }
  dlg_contribution_list_set_search (list, argv[2]);
  n = g_list_model_get_n_items (G_LIST_MODEL (list));
  shown = opt_limit == 0 ? n : MIN (n, (guint) opt_limit);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "count");
  json_builder_add_int_value (builder, n);
  json_builder_set_member_name (builder, "contributions");
  json_builder_begin_array (builder);
  if (!opt_json)
    g_print (g_dngettext (NULL, "%u contribution matches.\n", "%u contributions match.\n", n),
             n);
  for (guint i = 0; i < shown; i++)
    {
      g_autoptr(DlgContribution) c = g_list_model_get_item (G_LIST_MODEL (list), i);

      if (c == NULL)
        break;
      if (opt_json)
        dlg_cli_add_contribution (builder, c);
      else
        dlg_cli_print_contribution_line (c);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (opt_json)
    dlg_cli_print_builder (builder);
  return DLG_CLI_OK;
}
