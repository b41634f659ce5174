/* dlg-cli-draw.c — `dialogue-cli draw`: a fair random draw of a panel from CSV files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Exit status: 0 when a panel was drawn, 1 when the draw failed (the reason on stderr, with the
 * smallest relaxation when the quotas cannot be met), 2 when the command line is wrong.
 */

#define G_LOG_DOMAIN "dlg-cli"

#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n.h>

#include "dlg-cli-draw.h"
#include "dlg-core.h"

static int
usage_error (GOptionContext *context,
             const char     *message)
{
  g_printerr ("dialogue-cli draw: %s\n", message);
  g_printerr (_("Run “dialogue-cli draw --help” to see the options.\n"));
  return 2;
}

static gboolean
parse_unsigned (const char *text,
                guint64     max,
                guint64    *out)
{
  char *end;
  guint64 value;

  if (text == NULL || !g_ascii_isdigit (*text))
    return FALSE;
  errno = 0;
  value = g_ascii_strtoull (text, &end, 10);
  if (errno != 0 || *end != '\0' || value > max)
    return FALSE;
  *out = value;
  return TRUE;
}

static gboolean
write_panel_csv (DlgDrawResult  *result,
                 const char     *path,
                 GError        **error)
{
  DlgDrawInput *input = dlg_draw_result_get_input (result);
  g_autoptr(GString) out = g_string_new ("id,status,reserve_rank,probability");
  const guint *panel, *reserve;
  guint n_panel, n_reserve;
  guint n_categories = dlg_draw_input_get_n_categories (input);

  for (guint c = 0; c < n_categories; c++)
    {
      g_autofree char *quoted = dlg_csv_quote (dlg_draw_input_get_category (input, c));

      g_string_append_printf (out, ",%s", quoted);
    }
  g_string_append (out, "\r\n");
  panel = dlg_draw_result_get_panel (result, &n_panel);
  reserve = dlg_draw_result_get_reserve (result, &n_reserve);
  for (guint i = 0; i < n_panel + n_reserve; i++)
    {
      guint p = i < n_panel ? panel[i] : reserve[i - n_panel];
      g_autofree char *id = dlg_csv_quote (dlg_draw_input_get_person_id (input, p));
      char probability[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (probability, sizeof probability, "%.6f",
                       dlg_draw_result_get_probability (result, p));
      if (i < n_panel)
        g_string_append_printf (out, "%s,selected,,%s", id, probability);
      else
        g_string_append_printf (out, "%s,reserve,%u,%s", id, i - n_panel + 1, probability);
      for (guint c = 0; c < n_categories; c++)
        {
          g_autofree char *quoted = dlg_csv_quote (dlg_draw_input_get_person_value (input, p, c));

          g_string_append_printf (out, ",%s", quoted);
        }
      g_string_append (out, "\r\n");
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

static gboolean
write_probabilities_csv (DlgDrawResult  *result,
                         const char     *path,
                         GError        **error)
{
  DlgDrawInput *input = dlg_draw_result_get_input (result);
  g_autoptr(GString) out = g_string_new ("id,probability\r\n");

  for (guint p = 0; p < dlg_draw_input_get_n_people (input); p++)
    {
      g_autofree char *id = dlg_csv_quote (dlg_draw_input_get_person_id (input, p));
      char probability[G_ASCII_DTOSTR_BUF_SIZE];

      g_ascii_formatd (probability, sizeof probability, "%.6f",
                       dlg_draw_result_get_probability (result, p));
      g_string_append_printf (out, "%s,%s\r\n", id, probability);
    }
  return g_file_set_contents (path, out->str, out->len, error);
}

static void
print_ids (const char  *label,
           char       **ids)
{
  g_autofree char *joined = g_strjoinv (", ", ids);

  g_print ("%s %s\n", label, joined);
}

/* Progress on stderr: on a terminal one line rewritten in place, ten times a second at most;
 * otherwise (--progress into a file or a pipe) a line for each new step (each leximin level)
 * and at most one every half second in between. */
typedef struct
{
  gboolean terminal;
  gint64   last_time;
  char    *last_step;
} Progress;

/* What a message is about: up to its colon ("Level 3"), else the message without its
 * numbers. */
static char *
progress_step (const char *message)
{
  const char *colon = strchr (message, ':');
  GString *step;

  if (colon != NULL)
    return g_strndup (message, colon - message);
  step = g_string_new (NULL);
  for (const char *c = message; *c != '\0'; c++)
    if (!g_ascii_isdigit (*c))
      g_string_append_c (step, *c);
  return g_string_free (step, FALSE);
}

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  Progress *progress = user_data;
  gint64 now = g_get_monotonic_time ();
  g_autofree char *step = progress_step (message);
  gboolean new_step = g_strcmp0 (step, progress->last_step) != 0;

  if (fraction < 1.0 && !(new_step && !progress->terminal)
      && now - progress->last_time < (progress->terminal ? 100 : 500) * 1000)
    return;
  progress->last_time = now;
  g_free (progress->last_step);
  progress->last_step = g_steal_pointer (&step);
  if (progress->terminal)
    fprintf (stderr, "\r\033[K%3.0f %%  %s", 100.0 * fraction, message);
  else
    fprintf (stderr, "%3.0f %%  %s\n", 100.0 * fraction, message);
  fflush (stderr);
}

static char *opt_features;
static char *opt_people;
static char *opt_size;
static char *opt_algorithm;
static char *opt_seed;
static char *opt_households;
static char *opt_id_column;
static char *opt_out;
static char *opt_probabilities;
static char *opt_reserve;
static gboolean opt_json;
static gboolean opt_progress;

static const GOptionEntry draw_entries[] = {
  { "features", 0, 0, G_OPTION_ARG_FILENAME, &opt_features,
    N_("Quotas: CSV with feature,value,min,max[,min_flex,max_flex]"), N_("FILE") },
  { "people", 0, 0, G_OPTION_ARG_FILENAME, &opt_people,
    N_("Pool: CSV with an id column and one column per category"), N_("FILE") },
  { "size", 0, 0, G_OPTION_ARG_STRING, &opt_size, N_("Panel size"), N_("K") },
  { "algorithm", 0, 0, G_OPTION_ARG_STRING, &opt_algorithm,
    N_("leximin (default), maximin or legacy"), N_("NAME") },
  { "seed", 0, 0, G_OPTION_ARG_STRING, &opt_seed,
    N_("Seed of the draw (random when not given; the same seed replays the draw)"), N_("N") },
  { "households", 0, 0, G_OPTION_ARG_STRING, &opt_households,
    N_("Columns that make up a household (at most one person per household)"),
    N_("COL,COL") },
  { "id-column", 0, 0, G_OPTION_ARG_STRING, &opt_id_column,
    N_("Column of ids (default: “id” or a column ending in “_id”)"), N_("COL") },
  { "reserve", 0, 0, G_OPTION_ARG_STRING, &opt_reserve,
    N_("Length of the reserve list (default: the panel size)"), N_("N") },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out,
    N_("Write the panel and the reserve list to this CSV file"), N_("FILE") },
  { "probabilities", 0, 0, G_OPTION_ARG_FILENAME, &opt_probabilities,
    N_("Write every person’s selection probability to this CSV file"), N_("FILE") },
  { "json", 0, 0, G_OPTION_ARG_NONE, &opt_json, N_("Print the result as JSON"), NULL },
  { "progress", 0, 0, G_OPTION_ARG_NONE, &opt_progress,
    N_("Show the progress on stderr even when it is not a terminal"), NULL },
  { NULL }
};

const DlgCliSpec dlg_cli_draw_spec = {
  "draw", (const DlgCliVerb[]) {
    { NULL, "", N_("Draw a panel by lot, fairly, from a pool of volunteers and quotas."),
      draw_entries, NULL, FALSE, NULL, NULL, TRUE },
    { NULL }
  }
};

/**
 * dlg_cli_draw:
 * @argc: number of arguments
 * @argv: the arguments, @argv[0] being "draw"
 *
 * Returns: the exit status
 */
int
dlg_cli_draw (int    argc,
              char **argv)
{
  Progress progress = { isatty (STDERR_FILENO), 0, NULL };
  g_autoptr(GOptionContext) context = g_option_context_new ("draw");
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawInput) input = dlg_draw_input_new ();
  g_autoptr(DlgDrawResult) result = NULL;
  g_auto(GStrv) household_columns = NULL;
  DlgDrawAlgorithm algorithm = DLG_DRAW_ALGORITHM_LEXIMIN;
  guint64 size, seed, reserve;

  g_option_context_set_summary (context, _("Draw a panel by lot, fairly, from a pool of "
                                           "volunteers and quotas."));
  g_option_context_add_main_entries (context, draw_entries, GETTEXT_PACKAGE);
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc > 1)
    return usage_error (context, _("Unexpected argument."));
  if (opt_features == NULL || opt_people == NULL || opt_size == NULL)
    return usage_error (context, _("--features, --people and --size are required."));
  if (!parse_unsigned (opt_size, G_MAXINT, &size) || size == 0)
    return usage_error (context, _("The size must be a whole number of people, at least 1."));
  if (opt_algorithm != NULL && !dlg_draw_algorithm_from_string (opt_algorithm, &algorithm))
    return usage_error (context, _("The algorithm must be leximin, maximin or legacy."));
  if (opt_seed == NULL)
    seed = g_random_int ();
  else if (!parse_unsigned (opt_seed, G_MAXUINT32, &seed))
    return usage_error (context, _("The seed must be a whole number from 0 to 4294967295."));
  if (opt_reserve != NULL && !parse_unsigned (opt_reserve, G_MAXINT, &reserve))
    return usage_error (context, _("The reserve length must be a whole number."));
  if (opt_households != NULL)
    {
      household_columns = g_strsplit (opt_households, ",", -1);
      for (guint i = 0; household_columns[i] != NULL; i++)
        if (*g_strstrip (household_columns[i]) == '\0')
          return usage_error (context, _("A household column name is empty."));
    }

  dlg_draw_input_set_size (input, size);
  dlg_draw_input_set_seed (input, seed);
  dlg_draw_input_set_algorithm (input, algorithm);
  if (opt_reserve != NULL)
    dlg_draw_input_set_reserve_size (input, reserve);
  if (dlg_draw_csv_read_features (input, opt_features, &error)
      && dlg_draw_csv_read_people (input, opt_people, opt_id_column,
                                   (const char *const *) household_columns, &error))
    {
      gboolean report = progress.terminal || opt_progress;

      result = dlg_draw_run (input, NULL, report ? progress_cb : NULL, &progress, &error);
      if (progress.terminal && progress.last_step != NULL)
        fputs ("\r\033[K", stderr);
      g_free (progress.last_step);
    }
  if (result == NULL
      || (opt_out != NULL && !write_panel_csv (result, opt_out, &error))
      || (opt_probabilities != NULL
          && !write_probabilities_csv (result, opt_probabilities, &error)))
    {
      g_printerr ("dialogue-cli draw: %s\n", error->message);
      return 1;
    }

  if (opt_json)
    {
      g_autofree char *text = dlg_draw_result_to_json (result);

      g_print ("%s\n", text);
    }
  else
    {
      g_auto(GStrv) panel = dlg_draw_result_dup_panel_ids (result);
      g_auto(GStrv) reserve_ids = dlg_draw_result_dup_reserve_ids (result);

      g_print (_("Panel of %u drawn from %u people (%s, seed %u).\n"),
               g_strv_length (panel), dlg_draw_input_get_n_people (input),
               dlg_draw_algorithm_to_string (algorithm), (guint32) seed);
      g_print (_("Selection probability: lowest %.2f %%, highest %.2f %%; %u panels; %.3f s.\n"),
               100.0 * dlg_draw_result_get_min_probability (result),
               100.0 * dlg_draw_result_get_max_probability (result),
               dlg_draw_result_get_n_panels (result),
               dlg_draw_result_get_duration_ms (result) / 1000.0);
      print_ids (_("Panel:"), panel);
      print_ids (_("Reserve:"), reserve_ids);
    }
  return 0;
}
