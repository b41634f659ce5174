/* dlg-cli-advisor.c — dialogue-cli advisor and response: the feature advisor for project
 * teams, answers at volume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `advisor PROCESS [--json]` shows the process's policy-cycle position and, per feature, its
 * guidance and what it produced in the other processes of the database; `advisor PROCESS
 * choose FEATURE… --why TEXT` records the team's choice (the mandate's features follow);
 * `advisor PROCESS cycle POSITION` moves the process in the policy cycle; `advisor compare
 * --out FILE.csv` writes the comparison across processes. `response PROCESS templates
 * list|add`, `apply --template ID --ids N,…`, `undo` and `check` are answers at volume
 * (dlg-response-bulk.c); `check` exits with 1 when something is not ready to publish.
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <errno.h>

#include <glib/gi18n.h>

#include "dlg-cli-advisor.h"

static char *opt_why;
static int opt_volume = -1;
static char *opt_out;
static char *opt_position;
static char *opt_text;
static gint64 opt_template;
static char *opt_ids;
static gboolean opt_all;
static char *opt_date;

static const GOptionEntry advisor_entries[] = {
  { "why", 0, 0, G_OPTION_ARG_STRING, &opt_why,
    N_("choose: why the team chose these features (required)"), N_("TEXT") },
  { "volume", 0, 0, G_OPTION_ARG_INT, &opt_volume,
    N_("choose: how many contributions the team expects"), N_("N") },
  { "out", 0, 0, G_OPTION_ARG_FILENAME, &opt_out,
    N_("compare: write the comparison across processes to this CSV file"), N_("FILE") },
  { NULL }
};

static const GOptionEntry response_entries[] = {
  { "position", 0, 0, G_OPTION_ARG_STRING, &opt_position,
    N_("templates add: the position the template gives (retained, partly_retained, "
       "not_retained, already_done, under_study)"), N_("POSITION") },
  { "text", 0, 0, G_OPTION_ARG_STRING, &opt_text,
    N_("templates add: the justification, with {recommendation}, {number}, {department} and "
       "{date}"), N_("TEXT") },
  { "template", 0, 0, G_OPTION_ARG_INT64, &opt_template,
    N_("apply: the template (its number in “templates list”)"), N_("ID") },
  { "ids", 0, 0, G_OPTION_ARG_STRING, &opt_ids,
    N_("apply: the recommendations, by number, comma-separated"), N_("N,…") },
  { "all", 0, 0, G_OPTION_ARG_NONE, &opt_all,
    N_("apply: every recommendation that has no position yet"), NULL },
  { "date", 0, 0, G_OPTION_ARG_STRING, &opt_date,
    N_("apply: the date {date} stands for (YYYY-MM-DD; default today)"), N_("DATE") },
  { NULL }
};

DLG_CLI_SPEC_ONE (advisor, N_("PROCESS [choose FEATURE… --why TEXT | cycle POSITION] | compare "
                              "--out FILE"),
                  N_("The feature advisor for project teams: the process’s position in the "
                     "policy cycle and, for each contributory feature, what it is for, its "
                     "rules of the game, what it demands from the team and what it produced "
                     "in the other processes of this database. “choose” records the team’s "
                     "choice and why, and switches the mandate’s features to match; “cycle” "
                     "moves the process in the policy cycle (diagnostic, design, "
                     "implementation, evaluation, prospective); “compare” writes the figures "
                     "of every process as CSV."), advisor_entries, TRUE);
DLG_CLI_SPEC_ONE (response, N_("PROCESS templates list|add NAME | apply | undo | check"),
                  N_("Answers at volume: templates of positions and justifications, applied to "
                     "many recommendations in one change (journaled, and “undo” takes it "
                     "back), and the check before publication, which lists the "
                     "recommendations without a position, with an empty justification or with "
                     "a template’s text nobody edited (exit status 1 when there are any)."),
                  response_entries, TRUE);

/* ---------------------------------------------------------------- helpers */

static void
reset_options (void)
{
  g_clear_pointer (&opt_why, g_free);
  g_clear_pointer (&opt_out, g_free);
  g_clear_pointer (&opt_position, g_free);
  g_clear_pointer (&opt_text, g_free);
  g_clear_pointer (&opt_ids, g_free);
  g_clear_pointer (&opt_date, g_free);
  opt_volume = -1;
  opt_template = 0;
  opt_all = FALSE;
}

static gboolean
open_process (const char  *name,
              DlgStore   **store,
              DlgProcess **process)
{
  g_autoptr(GError) error = NULL;

  if (!(*store = dlg_cli_open_store (dlg_cli_opt_db)))
    return FALSE;
  if (!(*process = dlg_process_find (*store, name, &error)))
    {
      dlg_cli_fail (error);
      return FALSE;
    }
  return TRUE;
}

#define add_string dlg_cli_add_string_or_null

static void
add_int (JsonBuilder *builder,
         const char  *name,
         gint64       value)
{
  json_builder_set_member_name (builder, name);
  json_builder_add_int_value (builder, value);
}

static void
add_share (JsonBuilder *builder,
           const char  *name,
           guint        part,
           guint        whole)
{
  double share = dlg_advisor_share (part, whole);

  json_builder_set_member_name (builder, name);
  if (share < 0)
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, share);
}

/* ---------------------------------------------------------------- advisor */

static void
print_feature_text (const DlgFeatureInfo     *info,
                    const DlgAdvisorGuidance *guidance,
                    const DlgAdvisorFigures  *figures,
                    gboolean                  suits,
                    gboolean                  enabled)
{
  g_autofree char *offline = dlg_advisor_format_share (figures->offline, figures->contributions);
  g_autofree char *linked = dlg_advisor_format_share (figures->linked, figures->contributions);
  g_autofree char *retained = dlg_advisor_format_share (figures->retained, figures->recommendations);

  g_print ("\n%s%s%s\n", info->label, suits ? _(" — suits this position") : "",
           enabled ? _(" — switched on") : "");
  g_print (_("  What it is for: %s\n"), guidance->purpose);
  g_print (_("  Rules of the game: %s\n"), info->default_rules);
  g_print (_("  Moderation (%s): %s\n"), dlg_advisor_load_get_label (guidance->moderation),
           guidance->moderation_text);
  g_print (_("  Analysis (%s): %s\n"), dlg_advisor_load_get_label (guidance->analysis),
           guidance->analysis_text);
  if (figures->n_processes == 0)
    {
      g_print ("%s\n", _("  In the other processes: not used yet."));
      return;
    }
  g_print (g_dngettext (NULL, "  In %u other process: ", "  In %u other processes: ",
                        figures->n_processes), figures->n_processes);
  g_print (_("%u contributions, %u contributors, %s not online, %s linked to a "
             "recommendation, %s of %u recommendations retained.\n"),
           figures->contributions, figures->contributors, offline, linked, retained,
           figures->recommendations);
}

static void
add_feature_json (JsonBuilder              *builder,
                  const DlgFeatureInfo     *info,
                  const DlgAdvisorGuidance *guidance,
                  const DlgAdvisorFigures  *figures,
                  gboolean                  suits,
                  gboolean                  enabled)
{
  static const char *loads[] = { "light", "medium", "heavy" };

  json_builder_begin_object (builder);
  add_string (builder, "id", info->id);
  add_string (builder, "label", info->label);
  json_builder_set_member_name (builder, "suits_policy_cycle");
  json_builder_add_boolean_value (builder, suits);
  json_builder_set_member_name (builder, "enabled");
  json_builder_add_boolean_value (builder, enabled);
  add_string (builder, "purpose", guidance->purpose);
  add_string (builder, "rules", info->default_rules);
  add_string (builder, "moderation_load", loads[guidance->moderation]);
  add_string (builder, "moderation", guidance->moderation_text);
  add_string (builder, "analysis_load", loads[guidance->analysis]);
  add_string (builder, "analysis", guidance->analysis_text);
  json_builder_set_member_name (builder, "figures");
  json_builder_begin_object (builder);
  add_int (builder, "processes", figures->n_processes);
  add_int (builder, "contributions", figures->contributions);
  add_int (builder, "contributors", figures->contributors);
  add_int (builder, "offline", figures->offline);
  add_int (builder, "linked", figures->linked);
  add_int (builder, "recommendations", figures->recommendations);
  add_int (builder, "retained", figures->retained);
  add_share (builder, "share_offline", figures->offline, figures->contributions);
  add_share (builder, "share_linked", figures->linked, figures->contributions);
  add_share (builder, "share_retained", figures->retained, figures->recommendations);
  json_builder_end_object (builder);
  json_builder_end_object (builder);
}

/* advisor PROCESS */
static int
advisor_show (DlgStore   *store,
              DlgProcess *process)
{
  g_autoptr(GError) error = NULL;
  gint64 id = dlg_process_get_id (process);
  const char *cycle = dlg_process_get_policy_cycle (process);
  g_autoptr(GArray) totals = dlg_advisor_figures_totals (store, id, &error);
  g_autoptr(GListModel) features = NULL;
  g_autoptr(DlgAdvisorBrief) brief = NULL;
  g_autofree char *publics = NULL;
  g_autofree char *calendar = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  const DlgFeatureInfo *catalogue = dlg_feature_catalogue (NULL);

  if (totals == NULL
      || !(features = dlg_feature_list (store, id, &error))
      || !(brief = dlg_advisor_brief_load (store, id, &error))
      || !(publics = dlg_process_get_field (store, id, DLG_FIELD_SPEC_PUBLICS, &error))
      || !(calendar = dlg_process_get_field (store, id, DLG_FIELD_SPEC_CALENDAR, &error)))
    return dlg_cli_fail (error);

  if (!dlg_cli_opt_json)
    {
      g_print ("%s\n", dlg_process_get_title (process));
      g_print (_("Policy cycle: %s — %s\n"),
               dlg_vocabulary_get_label (&dlg_vocabulary_policy_cycle, cycle),
               dlg_policy_cycle_get_meaning (cycle));
      if (*publics != '\0')
        g_print (_("Target publics: %s\n"), publics);
      if (*calendar != '\0')
        g_print (_("Calendar: %s\n"), calendar);
      if (brief->chosen_at != NULL)
        {
          g_autofree char *chosen = g_strjoinv (", ", brief->features);

          g_print (_("Chosen by the team (%s): %s — %s\n"), brief->chosen_at,
                   *chosen != '\0' ? chosen : _("none"), brief->why);
          if (brief->expected_volume >= 0)
            {
              g_autofree char *volume = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                         brief->expected_volume);

              g_print (_("Expected contributions: %s\n"), volume);
            }
        }
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "process");
  json_builder_begin_object (builder);
  add_int (builder, "id", id);
  add_string (builder, "title", dlg_process_get_title (process));
  add_string (builder, "policy_cycle", cycle);
  add_string (builder, "policy_cycle_label",
              dlg_vocabulary_get_label (&dlg_vocabulary_policy_cycle, cycle));
  add_string (builder, "policy_cycle_meaning", dlg_policy_cycle_get_meaning (cycle));
  add_string (builder, "target_publics", publics);
  add_string (builder, "calendar", calendar);
  json_builder_end_object (builder);
  json_builder_set_member_name (builder, "brief");
  if (brief->chosen_at == NULL)
    json_builder_add_null_value (builder);
  else
    {
      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "features");
      json_builder_begin_array (builder);
      for (guint i = 0; brief->features[i] != NULL; i++)
        json_builder_add_string_value (builder, brief->features[i]);
      json_builder_end_array (builder);
      add_string (builder, "why", brief->why);
      json_builder_set_member_name (builder, "expected_volume");
      if (brief->expected_volume >= 0)
        json_builder_add_int_value (builder, brief->expected_volume);
      else
        json_builder_add_null_value (builder);
      add_string (builder, "chosen_at", brief->chosen_at);
      json_builder_end_object (builder);
    }
  json_builder_set_member_name (builder, "features");
  json_builder_begin_array (builder);
  for (guint i = 0; i < DLG_N_FEATURES; i++)
    {
      g_autoptr(DlgFeature) feature = g_list_model_get_item (features, i);
      const DlgAdvisorGuidance *guidance = dlg_advisor_guidance (catalogue[i].id);
      const DlgAdvisorFigures *figures = &g_array_index (totals, DlgAdvisorFigures, i);
      gboolean suits = dlg_feature_info_suits (&catalogue[i], cycle);
      gboolean enabled = dlg_feature_get_enabled (feature);

      if (dlg_cli_opt_json)
        add_feature_json (builder, &catalogue[i], guidance, figures, suits, enabled);
      else
        print_feature_text (&catalogue[i], guidance, figures, suits, enabled);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);
  if (dlg_cli_opt_json)
    dlg_cli_print_builder (builder);
  return DLG_CLI_OK;
}

int
dlg_cli_advisor (int    argc,
                 char **argv)
{
  g_autoptr(GOptionContext) context =
    dlg_cli_context_new (&dlg_cli_advisor_spec, &dlg_cli_advisor_spec.verbs[0]);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;

  reset_options ();
  if (!dlg_cli_parse (context, &argc, &argv, "advisor"))
    return DLG_CLI_USAGE;
  if (argc < 2)
    return dlg_cli_usage ("advisor", _("Give the process (its number, UUID or title), or "
                                       "“compare --out FILE”."));
  if (g_str_equal (argv[1], "compare") && argc == 2)
    {
      if (opt_out == NULL)
        return dlg_cli_usage ("advisor", _("Say where to write with --out FILE."));
      if (!(store = dlg_cli_open_store (dlg_cli_opt_db)))
        return DLG_CLI_ERROR;
      if (!dlg_advisor_compare_export (store, opt_out, &error))
        return dlg_cli_fail (error);
      return DLG_CLI_OK;
    }
  if (argc == 2)
    return open_process (argv[1], &store, &process) ? advisor_show (store, process)
                                                    : DLG_CLI_ERROR;
  if (g_str_equal (argv[2], "choose"))
    {
      if (opt_why == NULL)
        return dlg_cli_usage ("advisor", _("Say why the team chose these features with --why "
                                           "TEXT."));
      if (!open_process (argv[1], &store, &process))
        return DLG_CLI_ERROR;
      /* argv[3…] are the features; argv is NULL-terminated. */
      if (!dlg_advisor_choose (store, dlg_process_get_id (process),
                               (const char * const *) argv + 3, opt_why, opt_volume, &error))
        return dlg_cli_fail (error);
      if (!dlg_cli_opt_json)
        g_print ("%s\n", _("Choice recorded; the mandate’s features follow it."));
      return DLG_CLI_OK;
    }
  if (g_str_equal (argv[2], "cycle") && argc == 4)
    {
      if (!open_process (argv[1], &store, &process))
        return DLG_CLI_ERROR;
      if (!dlg_process_set_policy_cycle (store, dlg_process_get_id (process), argv[3], &error))
        return dlg_cli_fail (error);
      g_print ("%s — %s\n", dlg_vocabulary_get_label (&dlg_vocabulary_policy_cycle, argv[3]),
               dlg_policy_cycle_get_meaning (argv[3]));
      return DLG_CLI_OK;
    }
  return dlg_cli_usage ("advisor", _("Wrong arguments (see “dialogue-cli advisor --help”)."));
}

/* ---------------------------------------------------------------- response */

static int
templates_list (DlgStore   *store,
                DlgProcess *process)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) templates = dlg_response_template_list (store,
                                                               dlg_process_get_id (process),
                                                               &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (templates == NULL)
    return dlg_cli_fail (error);
  json_builder_begin_array (builder);
  for (guint i = 0; i < templates->len; i++)
    {
      DlgResponseTemplate *template = templates->pdata[i];

      if (!dlg_cli_opt_json)
        {
          g_autofree char *line = dlg_cli_one_line (template->body);

          g_print ("%" G_GINT64_FORMAT "\t%s\t%s\t%s\n", template->id, template->name,
                   dlg_position_value_get_label (template->position), line);
          continue;
        }
      json_builder_begin_object (builder);
      add_int (builder, "id", template->id);
      add_string (builder, "name", template->name);
      add_string (builder, "position", template->position);
      add_string (builder, "text", template->body);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (dlg_cli_opt_json)
    dlg_cli_print_builder (builder);
  return DLG_CLI_OK;
}

/* The ids of the recommendations numbered in @numbers ("1,3,4"), or every one without a
 * position when @all. */
static GArray *
selection (DlgStore    *store,
           gint64       process_id,
           const char  *numbers,
           gboolean     all,
           GError     **error)
{
  g_autoptr(GListModel) recommendations = dlg_recommendation_list (store, process_id, error);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto(GStrv) wanted = numbers != NULL ? g_strsplit (numbers, ",", -1) : NULL;

  if (recommendations == NULL)
    return NULL;
  for (guint w = 0; wanted != NULL && wanted[w] != NULL; w++)
    {
      g_autofree char *item = g_strstrip (g_strdup (wanted[w]));
      char *end = NULL;
      gint64 number;
      gboolean found = FALSE;

      errno = 0;
      number = g_ascii_strtoll (item, &end, 10);
      if (*item == '\0' || *end != '\0' || errno != 0)
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                       _("“%s” is not a recommendation number."), item);
          return NULL;
        }
      for (guint i = 0; i < g_list_model_get_n_items (recommendations) && !found; i++)
        {
          g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);

          if (dlg_recommendation_get_number (r) == number)
            {
              gint64 id = dlg_recommendation_get_id (r);

              g_array_append_val (ids, id);
              found = TRUE;
            }
        }
      if (!found)
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                       _("No recommendation %s in this process: nothing was changed."), item);
          return NULL;
        }
    }
  for (guint i = 0; all && i < g_list_model_get_n_items (recommendations); i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
      gint64 id = dlg_recommendation_get_id (r);
      g_autoptr(DlgPosition) position = dlg_position_load_for (store, id, error);

      if (position == NULL)
        return NULL;
      if (dlg_position_get_value (position) == NULL)
        g_array_append_val (ids, id);
    }
  return g_steal_pointer (&ids);
}

static int
response_apply (DlgStore   *store,
                DlgProcess *process)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GDateTime) date = NULL;
  guint n_changed = 0;
  gint64 operation_id = 0;

  if (opt_template <= 0)
    return dlg_cli_usage ("response", _("Say which template with --template ID (“response "
                                        "PROCESS templates list” lists them)."));
  if ((opt_ids == NULL) == !opt_all)
    return dlg_cli_usage ("response", _("Say which recommendations: --ids N,… or --all."));
  if (opt_date != NULL)
    {
      g_autofree char *iso = g_strconcat (opt_date, "T12:00:00", NULL);
      g_autoptr(GTimeZone) local = g_time_zone_new_local ();

      if (!(date = g_date_time_new_from_iso8601 (iso, local)))
        return dlg_cli_usage ("response", _("The date is written YYYY-MM-DD."));
    }
  if (!(ids = selection (store, dlg_process_get_id (process), opt_ids, opt_all, &error)))
    return dlg_cli_fail (error);
  if (ids->len == 0)
    {
      g_print ("%s\n", _("Every recommendation already has a position: nothing to do."));
      return DLG_CLI_OK;
    }
  if (!dlg_response_apply_template (store, dlg_process_get_id (process), opt_template,
                                    (const gint64 *) ids->data, ids->len, date, &n_changed,
                                    &operation_id, &error))
    return dlg_cli_fail (error);
  if (dlg_cli_opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      add_int (builder, "changed", n_changed);
      add_int (builder, "operation", operation_id);
      json_builder_end_object (builder);
      dlg_cli_print_builder (builder);
    }
  else
    g_print (g_dngettext (NULL, "%u position written (“response PROCESS undo” takes it back).\n",
                          "%u positions written (“response PROCESS undo” takes them back).\n",
                          n_changed), n_changed);
  return DLG_CLI_OK;
}

static int
response_undo (DlgStore   *store,
               DlgProcess *process)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *summary = NULL;
  gint64 operation_id;
  guint n_restored, n_kept;

  if (!dlg_response_get_last_operation (store, dlg_process_get_id (process), &operation_id,
                                        &summary, &error))
    return dlg_cli_fail (error);
  if (operation_id == 0)
    {
      g_printerr ("%s\n", _("dialogue-cli response: nothing to undo."));
      return DLG_CLI_ERROR;
    }
  if (!dlg_response_undo_operation (store, operation_id, &n_restored, &n_kept, &error))
    return dlg_cli_fail (error);
  g_print (_("Undone: %s\n"), summary);
  if (n_kept > 0)
    g_print (g_dngettext (NULL, "%u position edited since was kept as it is.\n",
                          "%u positions edited since were kept as they are.\n", n_kept),
             n_kept);
  return DLG_CLI_OK;
}

static int
response_check (DlgStore   *store,
                DlgProcess *process)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) problems = dlg_response_check (store, dlg_process_get_id (process),
                                                      &error);
  g_autoptr(JsonBuilder) builder = json_builder_new ();

  if (problems == NULL)
    return dlg_cli_fail (error);
  json_builder_begin_array (builder);
  for (guint i = 0; i < problems->len; i++)
    {
      DlgResponseProblem *problem = problems->pdata[i];

      if (!dlg_cli_opt_json)
        {
          g_print ("%s\n", problem->message);
          continue;
        }
      json_builder_begin_object (builder);
      add_int (builder, "recommendation", problem->number);
      add_string (builder, "title", problem->title);
      add_string (builder, "problem", dlg_response_problem_kind_to_id (problem->kind));
      add_string (builder, "message", problem->message);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  if (dlg_cli_opt_json)
    dlg_cli_print_builder (builder);
  else if (problems->len == 0)
    g_print ("%s\n", _("Every recommendation has a position and its own justification."));
  return problems->len == 0 ? DLG_CLI_OK : DLG_CLI_ERROR;
}

int
dlg_cli_response (int    argc,
                  char **argv)
{
  g_autoptr(GOptionContext) context =
    dlg_cli_context_new (&dlg_cli_response_spec, &dlg_cli_response_spec.verbs[0]);
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *verb;

  reset_options ();
  if (!dlg_cli_parse (context, &argc, &argv, "response"))
    return DLG_CLI_USAGE;
  if (argc < 3)
    return dlg_cli_usage ("response", _("Give the process, then templates, apply, undo or "
                                        "check."));
  verb = argv[2];
  if (!(g_str_equal (verb, "templates") && argc >= 4)
      && !(g_str_equal (verb, "apply") && argc == 3)
      && !(g_str_equal (verb, "undo") && argc == 3)
      && !(g_str_equal (verb, "check") && argc == 3))
    return dlg_cli_usage ("response", _("Wrong arguments (see “dialogue-cli response "
                                        "--help”)."));
  if (!open_process (argv[1], &store, &process))
    return DLG_CLI_ERROR;
  if (g_str_equal (verb, "apply"))
    return response_apply (store, process);
  if (g_str_equal (verb, "undo"))
    return response_undo (store, process);
  if (g_str_equal (verb, "check"))
    return response_check (store, process);
  if (g_str_equal (argv[3], "list") && argc == 4)
    return templates_list (store, process);
  if (g_str_equal (argv[3], "add") && argc == 5)
    {
      gint64 id = dlg_response_template_add (store, dlg_process_get_id (process), argv[4],
                                             opt_position, opt_text != NULL ? opt_text : "",
                                             &error);

      if (id == 0)
        return dlg_cli_fail (error);
      g_print ("%" G_GINT64_FORMAT "\n", id);
      return DLG_CLI_OK;
    }
  return dlg_cli_usage ("response", _("Use “response PROCESS templates list” or “response "
                                      "PROCESS templates add NAME --position POSITION --text "
                                      "TEXT”."));
}
