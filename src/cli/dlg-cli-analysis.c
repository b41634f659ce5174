/* dlg-cli-analysis.c — `dialogue-cli themes PROCESS suggest` and `dialogue-cli duplicates`
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Both read the process's visible contributions (dlg_contribution_texts_foreach) into the
 * analysis engine and print what it suggests. Nothing is written to the database.
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "dlg-analysis.h"
#include "dlg-cli-analysis.h"
#include "dlg-cli-coding.h"
#include "dlg-cli-common.h"

#define EXCERPT_CHARS  100
#define SHOWN_IDS      5

#define opt_db dlg_cli_opt_db
#define opt_json dlg_cli_opt_json

static int opt_count = DLG_ANALYSIS_DEFAULT_THEMES;
static char *opt_seed;
static DlgCliThemeOptions frame_options;

/* The texts of a process, owned. */
typedef struct
{
  GArray    *texts;    /* DlgAnalysisText */
  GPtrArray *strings;
} Texts;

static void
texts_clear (Texts *texts)
{
  g_clear_pointer (&texts->texts, g_array_unref);
  g_clear_pointer (&texts->strings, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Texts, texts_clear)

static const GOptionEntry themes_entries[] = {
  { "count", 0, 0, G_OPTION_ARG_INT, &opt_count, N_("How many themes to suggest (default 8)"),
    N_("N") },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &opt_seed,
    N_("The seed: the same contributions and seed give the same themes (default 1)"),
    N_("S") },
  { "parent", 0, 0, G_OPTION_ARG_STRING, &frame_options.parent,
    N_("add: the theme it goes under (its number or name)"), N_("THEME") },
  { "colour", 0, 0, G_OPTION_ARG_STRING, &frame_options.colour,
    N_("add: its colour, #rrggbb"), N_("COLOUR") },
  { "description", 0, 0, G_OPTION_ARG_STRING, &frame_options.description,
    N_("add: a short description"), N_("TEXT") },
  { NULL }
};

DLG_CLI_SPEC_ONE (themes, N_("PROCESS list|add NAME|rename THEME NAME|move THEME PARENT|merge "
                             "THEME INTO|delete THEME|undo|suggest"),
                  N_("The coding frame of a process: list its themes with their counts, add, "
                     "rename, move (under PARENT, or “-” for the top), merge a theme into "
                     "another (its contributions and sub-themes follow), delete, or undo the "
                     "last change. “suggest” proposes themes from the contributions (words "
                     "they share, computed here, nothing sent): each with a label, its top "
                     "terms, its size and its contributions; nothing is applied."),
                  themes_entries, TRUE);

DLG_CLI_SPEC_ONE (duplicates, N_("PROCESS"),
                  N_("Group the contributions of a process that say the same thing word for "
                     "word or nearly (“RAS”, a campaign’s text copied with small edits), "
                     "largest group first. Nothing is applied."), NULL, TRUE);

static void
add_text_cb (const char *uuid,
             const char *title,
             const char *body,
             const char *language,
             gpointer    user_data)
{
  Texts *texts = user_data;
  DlgAnalysisText text;
  char *id = g_strdup (uuid);
  char *joined = dlg_contribution_text_join (title, body);
  char *code = g_strdup (language);

  g_ptr_array_add (texts->strings, id);
  g_ptr_array_add (texts->strings, joined);
  g_ptr_array_add (texts->strings, code);
  text.id = id;
  text.text = joined;
  text.language = code;
  g_array_append_val (texts->texts, text);
}

/* Opens the store and reads the process's texts; prints the error and returns FALSE. */
static gboolean
read_texts (const char *process_name,
            Texts      *texts,
            int        *status)
{
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;

  *status = DLG_CLI_ERROR;
  if (!(store = dlg_cli_open_store (opt_db)))
    return FALSE;
  if (!(process = dlg_process_find (store, process_name, &error)))
    {
      dlg_cli_fail (error);
      return FALSE;
    }
  texts->texts = g_array_new (FALSE, FALSE, sizeof (DlgAnalysisText));
  texts->strings = g_ptr_array_new_with_free_func (g_free);
  if (!dlg_contribution_texts_foreach (store, dlg_process_get_id (process), add_text_cb, texts,
                                       NULL, &error))
    {
      dlg_cli_fail (error);
      return FALSE;
    }
  *status = DLG_CLI_OK;
  return TRUE;
}

/* One line of at most EXCERPT_CHARS characters, control characters as spaces: the text is
 * printed as it is, never interpreted by the terminal. */
static char *
excerpt (const char *text)
{
  return dlg_contribution_text_excerpt (text, EXCERPT_CHARS);
}

static void
add_uint (JsonBuilder *builder,
          const char  *name,
          guint        value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_string (JsonBuilder *builder,
            const char  *name,
            const char  *value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_string_value (builder, value);
}

/* Ends the list of the result's items, adds the counts and prints the object. */
static void
print_json_end (JsonBuilder *builder,
                const char  *count_name,
                guint        count,
                const char  *other_name,
                guint        other)
{
  g_autoptr(JsonNode) root = NULL;

  json_builder_end_array (builder);
  add_uint (builder, count_name, count);
  add_uint (builder, other_name, other);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  dlg_cli_print_json (root);
}

static void
add_ids (JsonBuilder *builder,
         const char  *name,
         char       **ids,
         guint        max)
{
  json_builder_set_member_name (builder, name);
  json_builder_begin_array (builder);
  for (guint i = 0; ids[i] != NULL && i < max; i++)
    json_builder_add_string_value (builder, ids[i]);
  json_builder_end_array (builder);
}

static void
print_themes_json (DlgAnalysisThemes *themes)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  add_uint (builder, "contributions_read", themes->n_texts);
  json_builder_set_member_name (builder, "themes");
  json_builder_begin_array (builder);
  for (guint i = 0; i < themes->themes->len; i++)
    {
      DlgAnalysisTheme *theme = g_ptr_array_index (themes->themes, i);

      json_builder_begin_object (builder);
      add_string (builder, "label", theme->label);
      add_ids (builder, "terms", theme->terms, G_MAXUINT);
      add_uint (builder, "size", theme->size);
      add_ids (builder, "contributions", theme->contributions, G_MAXUINT);
      add_ids (builder, "representatives", theme->contributions, 3);
      json_builder_end_object (builder);
    }
  print_json_end (builder, "too_short", themes->n_too_short, "unmatched", themes->n_unmatched);
}

static void
print_themes_text (DlgAnalysisThemes *themes,
                   GHashTable        *by_id)
{
  g_print (_("%u contributions read; %u too short to be grouped, %u sharing no word with "
             "another.\n"), themes->n_texts, themes->n_too_short, themes->n_unmatched);
  if (themes->themes->len == 0)
    g_print ("%s\n", _("No theme to suggest."));
  for (guint i = 0; i < themes->themes->len; i++)
    {
      DlgAnalysisTheme *theme = g_ptr_array_index (themes->themes, i);
      g_autofree char *terms = g_strjoinv (", ", theme->terms);
      g_autofree char *label = excerpt (theme->label);

      g_print ("\n");
      g_print (g_dngettext (GETTEXT_PACKAGE, "Theme %u: %s (%u contribution)\n",
                            "Theme %u: %s (%u contributions)\n", theme->size),
               i + 1, label, theme->size);
      g_print (_("  Terms: %s\n"), terms);
      g_print ("%s\n", _("  Representative contributions:"));
      for (guint c = 0; c < 3 && theme->contributions[c] != NULL; c++)
        {
          g_autofree char *text = excerpt (g_hash_table_lookup (by_id, theme->contributions[c]));

          g_print ("    %s  %s\n", theme->contributions[c], text);
        }
    }
  g_print ("\n%s\n", _("Suggestions only: nothing was changed."));
}

static int
themes_suggest (const char *process_name)
{
  g_auto(Texts) texts = { NULL, NULL };
  g_autoptr(DlgAnalysisThemes) themes = NULL;
  g_autoptr(GError) error = NULL;
  DlgAnalysisThemeOptions options = { 0 };
  guint64 seed = DLG_ANALYSIS_DEFAULT_SEED;
  int status;

  if (opt_seed != NULL)
    {
      char *end;

      errno = 0;
      seed = g_ascii_strtoull (opt_seed, &end, 10);
      if (!g_ascii_isdigit (*opt_seed) || *end != '\0' || errno != 0 || seed > G_MAXUINT32)
        return dlg_cli_usage ("themes", _("The seed must be a whole number from 0 to "
                                          "4294967295."));
    }
  if (opt_count < 1 || opt_count > DLG_ANALYSIS_MAX_THEMES)
    {
      g_autofree char *message =
        g_strdup_printf (_("The number of themes must be between 1 and %u."),
                         DLG_ANALYSIS_MAX_THEMES);

      return dlg_cli_usage ("themes", message);
    }
  options.n_themes = opt_count;
  options.seed = seed;
  if (!read_texts (process_name, &texts, &status))
    return status;
  if (!(themes = dlg_analysis_suggest_themes ((DlgAnalysisText *) texts.texts->data,
                                              texts.texts->len, &options, NULL, &error)))
    return dlg_cli_fail (error);
  if (opt_json)
    print_themes_json (themes);
  else
    {
      g_autoptr(GHashTable) by_id = g_hash_table_new (g_str_hash, g_str_equal);

      for (guint i = 0; i < texts.texts->len; i++)
        {
          DlgAnalysisText *text = &g_array_index (texts.texts, DlgAnalysisText, i);

          g_hash_table_insert (by_id, (gpointer) text->id, (gpointer) text->text);
        }
      print_themes_text (themes, by_id);
    }
  return DLG_CLI_OK;
}

/**
 * dlg_cli_themes:
 * @argc: number of arguments
 * @argv: the arguments, @argv[0] being "themes"
 *
 * `dialogue-cli themes PROCESS list|add|rename|move|merge|delete|undo|suggest`
 *
 * Returns: the exit status
 */
int
dlg_cli_themes (int    argc,
                char **argv)
{
  g_autoptr(GOptionContext) context =
    dlg_cli_context_new (&dlg_cli_themes_spec, &dlg_cli_themes_spec.verbs[0]);

  if (!dlg_cli_parse (context, &argc, &argv, "themes"))
    return DLG_CLI_USAGE;
  if (argc < 3)
    return dlg_cli_usage ("themes", _("Give the process (its number, UUID or title), then "
                                      "list, add, rename, move, merge, delete, undo or "
                                      "suggest."));
  if (g_str_equal (argv[2], "suggest"))
    {
      if (argc != 3)
        return dlg_cli_usage ("themes", _("“suggest” takes no other argument."));
      return themes_suggest (argv[1]);
    }
  return dlg_cli_themes_frame (argc, argv, &frame_options);
}

static void
print_duplicates_json (DlgAnalysisDuplicates *duplicates)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "groups");
  json_builder_begin_array (builder);
  for (guint i = 0; i < duplicates->groups->len; i++)
    {
      DlgAnalysisDuplicateGroup *group = g_ptr_array_index (duplicates->groups, i);

      json_builder_begin_object (builder);
      add_uint (builder, "count", group->count);
      add_string (builder, "text", group->text);
      json_builder_set_member_name (builder, "near");
      json_builder_add_boolean_value (builder, group->near);
      add_ids (builder, "contributions", group->contributions, G_MAXUINT);
      json_builder_end_object (builder);
    }
  print_json_end (builder, "contributions_read", duplicates->n_texts, "grouped",
                  duplicates->n_grouped);
}

static void
print_duplicates_text (DlgAnalysisDuplicates *duplicates)
{
  g_print (_("%u contributions read; %u in %u groups of duplicates.\n"), duplicates->n_texts,
           duplicates->n_grouped, duplicates->groups->len);
  for (guint i = 0; i < duplicates->groups->len; i++)
    {
      DlgAnalysisDuplicateGroup *group = g_ptr_array_index (duplicates->groups, i);
      g_autofree char *text = excerpt (group->text);
      guint n;

      g_print ("\n");
      if (group->near)
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u nearly identical contribution: «%s»\n",
                              "%u nearly identical contributions: «%s»\n", group->count),
                 group->count, text);
      else
        g_print (g_dngettext (GETTEXT_PACKAGE, "%u identical contribution: «%s»\n",
                              "%u identical contributions: «%s»\n", group->count),
                 group->count, text);
      for (n = 0; n < SHOWN_IDS && group->contributions[n] != NULL; n++)
        g_print ("  %s\n", group->contributions[n]);
      if (group->count > n)
        g_print (g_dngettext (GETTEXT_PACKAGE, "  … and %u more\n", "  … and %u more\n",
                              group->count - n), group->count - n);
    }
  g_print ("\n%s\n", _("Suggestions only: nothing was changed."));
}

/**
 * dlg_cli_duplicates:
 * @argc: number of arguments
 * @argv: the arguments, @argv[0] being "duplicates"
 *
 * `dialogue-cli duplicates PROCESS [--json]`
 *
 * Returns: the exit status
 */
int
dlg_cli_duplicates (int    argc,
                    char **argv)
{
  g_autoptr(GOptionContext) context =
    dlg_cli_context_new (&dlg_cli_duplicates_spec, &dlg_cli_duplicates_spec.verbs[0]);
  g_auto(Texts) texts = { NULL, NULL };
  g_autoptr(DlgAnalysisDuplicates) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  if (!dlg_cli_parse (context, &argc, &argv, "duplicates"))
    return DLG_CLI_USAGE;
  if (argc != 2)
    return dlg_cli_usage ("duplicates", _("Give the process (its number, UUID or title)."));
  if (!read_texts (argv[1], &texts, &status))
    return status;
  if (!(duplicates = dlg_analysis_find_duplicates ((DlgAnalysisText *) texts.texts->data,
                                                   texts.texts->len, NULL, NULL, &error)))
    return dlg_cli_fail (error);
  if (opt_json)
    print_duplicates_json (duplicates);
  else
    print_duplicates_text (duplicates);
  return DLG_CLI_OK;
}
