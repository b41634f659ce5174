/* dlg-advisor.c — the feature advisor for project teams: guidance, figures from past
 * processes, the team's choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Upstream of a process, a project team decides which contributory features to switch on.
 * The advisor gives, per feature, what it is for, its rules of the game (the catalogue's),
 * what it demands from the team (static guidance below), and what it produced in the
 * processes of this database (dlg_advisor_figures_*: three grouped statements over the
 * contributions, registrations, recommendation sources and positions). The team's choice and
 * why is the process's brief (advisor_brief); recording it switches the mandate's features
 * to match, through the features' own saves (journaled as feature.enable / .disable).
 */

#define G_LOG_DOMAIN "dlg-advisor"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-advisor.h"
#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-export-private.h"
#include "dlg-feature.h"
#include "dlg-journal.h"
#include "dlg-process.h"
#include "dlg-stage-rules.h"

typedef struct { int unused; } DlgAdvisorBriefType;
G_DEFINE_POINTER_TYPE (DlgAdvisorBriefType, dlg_advisor_brief)

static const DlgAdvisorGuidance guidance_source[DLG_N_FEATURES] = {
  { "recruitment",
    N_("To form a small panel that reflects the population and deliberates over several "
       "sessions, rather than hearing those who always come."),
    DLG_ADVISOR_LOAD_MEDIUM,
    N_("Registrations to check (age, place of residence, consent), replacements to handle "
       "after the draw, personal data to protect and purge."),
    DLG_ADVISOR_LOAD_HEAVY,
    N_("A fair draw by quotas, invitations and reminders, then several workshop sessions to "
       "prepare, run and write up.") },
  { "ideas",
    N_("To collect proposals widely, early on, when the questions are still open."),
    DLG_ADVISOR_LOAD_HEAVY,
    N_("Every idea and comment is read before it is published; expect a daily check while "
       "the feature is open."),
    DLG_ADVISOR_LOAD_HEAVY,
    N_("Free text to read, code into themes and merge (duplicates are frequent): count about "
       "one day of analysis per 300 ideas.") },
  { "call_for_projects",
    N_("To let residents and associations carry projects of their own within a budget or on "
       "a site."),
    DLG_ADVISOR_LOAD_MEDIUM,
    N_("Projects to check against the perimeter of the call; exchanges with their authors."),
    DLG_ADVISOR_LOAD_HEAVY,
    N_("Each eligible project is studied by the departments (feasibility, cost), which "
       "takes weeks.") },
  { "questionnaire",
    N_("To measure opinions or evaluate an action with many people and comparable answers."),
    DLG_ADVISOR_LOAD_LIGHT,
    N_("Closed answers need no moderation; open answers are read before publication."),
    DLG_ADVISOR_LOAD_MEDIUM,
    N_("Closed questions are counted at once; open questions are coded like ideas. Design "
       "the questions with the departments beforehand.") },
  { "map",
    N_("To locate problems and proposals on the ground: places, routes, facilities."),
    DLG_ADVISOR_LOAD_MEDIUM,
    N_("Pins are read before publication; misplaced ones are moved or refused."),
    DLG_ADVISOR_LOAD_MEDIUM,
    N_("Contributions are grouped by place as much as by theme; a map export helps the "
       "departments.") },
  { "debate",
    N_("To weigh arguments for and against on a question that has options already."),
    DLG_ADVISOR_LOAD_HEAVY,
    N_("Exchanges can become heated: moderation must be quick and follow the charter "
       "visibly."),
    DLG_ADVISOR_LOAD_MEDIUM,
    N_("Arguments are sorted by side and by theme, then summed up for the opinion.") },
  { "event",
    N_("To meet residents in person: public meetings, walks, workshops, with registration."),
    DLG_ADVISOR_LOAD_LIGHT,
    N_("Registrations only; no text is published."),
    DLG_ADVISOR_LOAD_MEDIUM,
    N_("What is said in the room is entered as in-person contributions after each "
       "event.") },
};

/* The meanings, in dlg_vocabulary_policy_cycle's order. */
static const char *const policy_cycle_meanings[] = {
  N_("The public policy is being defined: the problem, the needs and the resources are "
     "still to be understood. Residents help describe the situation."),
  N_("Actions are being designed: options exist or must be found. Residents propose, "
     "compare and prioritise."),
  N_("Actions are being carried out: residents help adjust how they are delivered and "
     "follow what is done."),
  N_("An action or a policy is evaluated with the residents it concerns: what worked, what "
     "did not, what to change."),
  N_("A longer-term future is imagined together (workshop of the future): scenarios, "
     "wishes, priorities for the next years."),
};

/* Contributions per process and feature (recruitment aside), moderated out ones excepted. */
static const char sql_contributions[] =
  "SELECT c.process_id, c.feature, count(*),"
  "  count (DISTINCT NULLIF (c.author_ref, '')) + sum (c.author_ref = ''),"
  "  sum (c.channel <> 'online'),"
  "  sum (EXISTS (SELECT 1 FROM recommendation_source s WHERE s.contribution_id = c.id))"
  " FROM contribution c"
  " WHERE c.moderation <> 'trashed' AND c.feature <> 'recruitment'"
  " GROUP BY c.process_id, c.feature";
/* Registrations are what the recruitment produces (each is one person). */
static const char sql_registrations[] =
  "SELECT process_id, 'recruitment', count(*), count(*), sum (channel <> 'online'), 0"
  " FROM participant WHERE status <> 'erased' GROUP BY process_id";
/* Recommendations per process and feature of the contributions they come from. */
static const char sql_recommendations[] =
  "SELECT r.process_id, c.feature, count (DISTINCT r.id),"
  "  count (DISTINCT CASE WHEN p.value IN ('retained', 'partly_retained') THEN r.id END)"
  " FROM recommendation r"
  " JOIN recommendation_source s ON s.recommendation_id = r.id"
  " JOIN contribution c ON c.id = s.contribution_id AND c.moderation <> 'trashed'"
  " LEFT JOIN position p ON p.recommendation_id = r.id"
  " GROUP BY r.process_id, c.feature";
static const char sql_load_brief[] =
  "SELECT features, why, expected_volume, chosen_at FROM advisor_brief WHERE process_id = ?1";
static const char sql_save_brief[] =
  "INSERT INTO advisor_brief (process_id, features, why, expected_volume, chosen_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5)"
  " ON CONFLICT (process_id) DO UPDATE SET features = excluded.features, why = excluded.why,"
  " expected_volume = excluded.expected_volume, chosen_at = excluded.chosen_at";

/* ---------------------------------------------------------------- guidance */

/**
 * dlg_advisor_guidance:
 * @feature: a feature of the catalogue
 *
 * Returns: (nullable): the guidance for @feature, translated; %NULL for an unknown feature
 */
const DlgAdvisorGuidance *
dlg_advisor_guidance (const char *feature)
{
  static DlgAdvisorGuidance *translated = NULL;

  if (g_once_init_enter (&translated))
    {
      DlgAdvisorGuidance *table = g_new (DlgAdvisorGuidance, DLG_N_FEATURES);

      for (guint i = 0; i < DLG_N_FEATURES; i++)
        {
          table[i] = guidance_source[i];
          table[i].purpose = _(guidance_source[i].purpose);
          table[i].moderation_text = _(guidance_source[i].moderation_text);
          table[i].analysis_text = _(guidance_source[i].analysis_text);
        }
      g_once_init_leave (&translated, table);
    }
  for (guint i = 0; feature != NULL && i < DLG_N_FEATURES; i++)
    if (g_str_equal (translated[i].feature, feature))
      return &translated[i];
  return NULL;
}

const char *
dlg_advisor_load_get_label (DlgAdvisorLoad load)
{
  switch (load)
    {
    case DLG_ADVISOR_LOAD_LIGHT:
      return C_("team load", "Light");
    case DLG_ADVISOR_LOAD_MEDIUM:
      return C_("team load", "Medium");
    case DLG_ADVISOR_LOAD_HEAVY:
      return C_("team load", "Heavy");
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
dlg_policy_cycle_get_meaning (const char *policy_cycle)
{
  int index = policy_cycle != NULL
              ? dlg_vocabulary_index (&dlg_vocabulary_policy_cycle, policy_cycle) : -1;

  G_STATIC_ASSERT (G_N_ELEMENTS (policy_cycle_meanings) == 5);
  if (index < 0 || index >= (int) G_N_ELEMENTS (policy_cycle_meanings))
    return NULL;
  return _(policy_cycle_meanings[index]);
}

/* ---------------------------------------------------------------- figures */

double
dlg_advisor_share (guint part,
                   guint whole)
{
  return whole == 0 ? -1.0 : (double) part / whole;
}

/**
 * dlg_advisor_format_share:
 *
 * Returns: (transfer full): @part / @whole as a translated percentage ("44 %"), or a dash
 *   when there is nothing to divide
 */
char *
dlg_advisor_format_share (guint part,
                          guint whole)
{
  double share = dlg_advisor_share (part, whole);

  if (share < 0)
    return g_strdup (_("—"));
  /* TRANSLATORS: a share in percent; French puts a narrow no-break space before %. */
  return g_strdup_printf (_("%.0f %%"), share * 100);
}

static gint
compare_figures (gconstpointer a,
                 gconstpointer b)
{
  const DlgAdvisorFigures *fa = a, *fb = b;
  int ia = dlg_vocabulary_index (&dlg_vocabulary_feature, fa->feature);
  int ib = dlg_vocabulary_index (&dlg_vocabulary_feature, fb->feature);

  if (fa->process_id != fb->process_id)
    return fa->process_id < fb->process_id ? -1 : 1;
  return ia - ib;
}

/* The row of (@process_id, @feature) in @rows, added when missing; NULL for a feature that
 * is not in the catalogue. */
static DlgAdvisorFigures *
figures_row (GArray     *rows,
             GHashTable *index,
             gint64      process_id,
             const char *feature)
{
  const DlgFeatureInfo *info = dlg_feature_info_lookup (feature);
  g_autofree char *key = NULL;
  gpointer position;

  if (info == NULL)
    return NULL;
  key = g_strdup_printf ("%" G_GINT64_FORMAT " %s", process_id, info->id);
  if (!g_hash_table_lookup_extended (index, key, NULL, &position))
    {
      DlgAdvisorFigures row = { .process_id = process_id, .feature = info->id,
                                .n_processes = 1 };

      g_array_append_val (rows, row);
      position = GUINT_TO_POINTER (rows->len - 1);
      g_hash_table_insert (index, g_steal_pointer (&key), position);
    }
  return &g_array_index (rows, DlgAdvisorFigures, GPOINTER_TO_UINT (position));
}

/**
 * dlg_advisor_figures_by_process:
 *
 * What each feature produced in each process of the database: one #DlgAdvisorFigures per
 * process and feature that has contributions (or registrations), by process then in
 * catalogue order.
 *
 * Returns: (transfer full) (element-type DlgAdvisorFigures): the rows, %NULL on error
 */
GArray *
dlg_advisor_figures_by_process (DlgStore  *store,
                                GError   **error)
{
  g_autoptr(GArray) rows = g_array_new (FALSE, TRUE, sizeof (DlgAdvisorFigures));
  g_autoptr(GHashTable) index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *counts[] = { sql_contributions, sql_registrations };
  g_autoptr(DlgStmt) recommendations = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (counts); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, counts[i], error);

      if (stmt == NULL)
        return NULL;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          DlgAdvisorFigures *row = figures_row (rows, index, sqlite3_column_int64 (stmt, 0),
                                                dlg_stmt_get_text (stmt, 1));

          if (row == NULL)
            continue;
          row->contributions = sqlite3_column_int (stmt, 2);
          row->contributors = sqlite3_column_int (stmt, 3);
          row->offline = sqlite3_column_int (stmt, 4);
          row->linked = sqlite3_column_int (stmt, 5);
        }
      if (rc != SQLITE_DONE)
        {
          dlg_store_set_error (store, rc, error);
          return NULL;
        }
    }
  /* Recommendations only count where the feature has contributions: a source is one. */
  if (!(recommendations = dlg_store_prepare (store, sql_recommendations, error)))
    return NULL;
  while ((rc = sqlite3_step (recommendations)) == SQLITE_ROW)
    {
      DlgAdvisorFigures *row = figures_row (rows, index,
                                            sqlite3_column_int64 (recommendations, 0),
                                            dlg_stmt_get_text (recommendations, 1));

      if (row == NULL)
        continue;
      row->recommendations = sqlite3_column_int (recommendations, 2);
      row->retained = sqlite3_column_int (recommendations, 3);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  g_array_sort (rows, compare_figures);
  return g_steal_pointer (&rows);
}

/**
 * dlg_advisor_figures_totals:
 * @exclude_process_id: a process left out (the one being advised), or 0
 *
 * What each feature produced in the processes of the database, added up: one row per
 * feature of the catalogue, in its order (zeros for a feature no process used).
 *
 * Returns: (transfer full) (element-type DlgAdvisorFigures): %DLG_N_FEATURES rows, %NULL on
 *   error
 */
GArray *
dlg_advisor_figures_totals (DlgStore  *store,
                            gint64     exclude_process_id,
                            GError   **error)
{
  g_autoptr(GArray) by_process = dlg_advisor_figures_by_process (store, error);
  g_autoptr(GArray) totals = NULL;
  const DlgFeatureInfo *catalogue = dlg_feature_catalogue (NULL);

  if (by_process == NULL)
    return NULL;
  totals = g_array_sized_new (FALSE, TRUE, sizeof (DlgAdvisorFigures), DLG_N_FEATURES);
  for (guint i = 0; i < DLG_N_FEATURES; i++)
    {
      DlgAdvisorFigures total = { .feature = catalogue[i].id };

      g_array_append_val (totals, total);
    }
  for (guint i = 0; i < by_process->len; i++)
    {
      const DlgAdvisorFigures *row = &g_array_index (by_process, DlgAdvisorFigures, i);
      DlgAdvisorFigures *total;

      if (row->process_id == exclude_process_id)
        continue;
      total = &g_array_index (totals, DlgAdvisorFigures,
                              dlg_vocabulary_index (&dlg_vocabulary_feature, row->feature));
      total->n_processes += row->contributions > 0 ? 1 : 0;
      total->contributions += row->contributions;
      total->contributors += row->contributors;
      total->offline += row->offline;
      total->linked += row->linked;
      total->recommendations += row->recommendations;
      total->retained += row->retained;
    }
  return g_steal_pointer (&totals);
}

/* ---------------------------------------------------------------- the brief */

void
dlg_advisor_brief_free (DlgAdvisorBrief *brief)
{
  if (brief == NULL)
    return;
  g_strfreev (brief->features);
  g_free (brief->why);
  g_free (brief->chosen_at);
  g_free (brief);
}

/**
 * dlg_advisor_brief_load:
 *
 * Returns: (transfer full): the team's choice for the process; one with no features and
 *   @chosen_at %NULL when it has not chosen yet; %NULL with NOT_FOUND for an unknown process
 */
DlgAdvisorBrief *
dlg_advisor_brief_load (DlgStore  *store,
                        gint64     process_id,
                        GError   **error)
{
  g_autoptr(DlgProcess) process = dlg_process_load (store, process_id, error);
  g_autoptr(DlgAdvisorBrief) brief = g_new0 (DlgAdvisorBrief, 1);
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  if (process == NULL || !(stmt = dlg_store_prepare (store, sql_load_brief, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  brief->expected_volume = -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      const char *features = dlg_stmt_get_text (stmt, 0);

      brief->features = *features != '\0' ? g_strsplit (features, ",", -1) : g_new0 (char *, 1);
      brief->why = dlg_stmt_dup_text (stmt, 1);
      if (sqlite3_column_type (stmt, 2) != SQLITE_NULL)
        brief->expected_volume = sqlite3_column_int64 (stmt, 2);
      brief->chosen_at = dlg_stmt_dup_text (stmt, 3);
    }
  else if (rc == SQLITE_DONE)
    {
      brief->features = g_new0 (char *, 1);
      brief->why = g_strdup ("");
    }
  else
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&brief);
}

/* The labels of @features, for the journal ("Idea box, Participatory map"). */
static char *
feature_labels (const char * const *features)
{
  g_autoptr(GString) labels = g_string_new (NULL);

  for (guint i = 0; features[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (labels, _(", "));
      g_string_append (labels, dlg_feature_info_lookup (features[i])->label);
    }
  if (labels->len == 0)
    g_string_append (labels, _("none"));
  return g_string_free (g_steal_pointer (&labels), FALSE);
}

/**
 * dlg_advisor_choose:
 * @features: (array zero-terminated=1): the features the team chose (catalogue ids, any
 *   order, none for no feature)
 * @why: why, in the team's words (required)
 * @expected_volume: the number of contributions the team expects, or -1
 *
 * Records the team's choice and why, and makes the mandate start from it: the chosen
 * features are switched on and the others off, each through its own save (so journaled as
 * the mandate's changes, and refused when the mandate is closed), all in one transaction
 * with the brief and a `process.advisor` entry.
 */
gboolean
dlg_advisor_choose (DlgStore            *store,
                    gint64               process_id,
                    const char * const  *features,
                    const char          *why,
                    gint64               expected_volume,
                    GError             **error)
{
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GStrvBuilder) chosen_builder = g_strv_builder_new ();
  g_auto(GStrv) chosen = NULL;
  g_autoptr(GListModel) current = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *joined = NULL;
  g_autofree char *labels = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *stripped = NULL;
  const DlgFeatureInfo *catalogue = dlg_feature_catalogue (NULL);

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (features != NULL, FALSE);

  for (guint i = 0; features[i] != NULL; i++)
    if (dlg_feature_info_lookup (features[i]) == NULL)
      {
        g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                     _("“%s” is not a feature: choose among recruitment, ideas, "
                       "call_for_projects, questionnaire, map, debate and event."), features[i]);
        return FALSE;
      }
  stripped = g_strstrip (g_strdup (why != NULL ? why : ""));
  if (!dlg_check_text (stripped, TRUE, 5000, _("why"),
                       _("Say why the team chose these features: the mandate will refer to "
                         "it."), error))
    return FALSE;
  if (expected_volume < -1)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The expected number of contributions cannot be negative."));
      return FALSE;
    }
  /* In catalogue order, each once. */
  for (guint i = 0; i < DLG_N_FEATURES; i++)
    if (g_strv_contains (features, catalogue[i].id))
      g_strv_builder_add (chosen_builder, catalogue[i].id);
  chosen = g_strv_builder_end (chosen_builder);
  joined = g_strjoinv (",", chosen);
  labels = feature_labels ((const char * const *) chosen);
  summary = g_strdup_printf (_("Features chosen by the project team: %s."), labels);

  if (!(process = dlg_process_load (store, process_id, error))
      || !dlg_process_check_editable (store, process_id, error)
      || !(current = dlg_feature_list (store, process_id, error)))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (current); i++)
    {
      g_autoptr(DlgFeature) feature = g_list_model_get_item (current, i);
      gboolean on = g_strv_contains ((const char * const *) chosen,
                                     dlg_feature_get_feature (feature));

      if (on == dlg_feature_get_enabled (feature))
        continue;
      dlg_feature_set_enabled (feature, on);
      if (!dlg_feature_save (store, feature, error))
        goto fail;
    }
  if (!(stmt = dlg_store_prepare (store, sql_save_brief, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, joined);
  dlg_stmt_bind_text (stmt, 3, stripped);
  if (expected_volume >= 0)
    sqlite3_bind_int64 (stmt, 4, expected_volume);
  else
    sqlite3_bind_null (stmt, 4);
  dlg_stmt_bind_text (stmt, 5, now);
  if (!dlg_store_step_done (store, stmt, error)
      || !dlg_journal_append_full (store, process_id, "process.advisor", "process",
                                   dlg_process_get_uuid (process), NULL, "advisor_why", NULL,
                                   stripped, summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_ADVISOR_BRIEF, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/* ---------------------------------------------------------------- comparison */

static void
append_share (GString *csv,
              guint    part,
              guint    whole)
{
  double share = dlg_advisor_share (part, whole);
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  g_string_append_c (csv, ',');
  if (share >= 0)
    g_string_append (csv, g_ascii_formatd (buffer, sizeof buffer, "%.3f", share));
}

static void
append_count (GString *csv,
              guint    count)
{
  g_string_append_printf (csv, ",%u", count);
}

/**
 * dlg_advisor_compare_to_csv:
 *
 * The comparison across processes: one line per process and feature that produced
 * something (dlg_advisor_figures_by_process), with the counts and the shares (0 to 1, three
 * decimals, empty when there is nothing to divide). RFC 4180, CRLF, UTF-8; titles that a
 * spreadsheet would take for a formula are kept as text.
 *
 * Returns: (transfer full): the CSV text, %NULL on error
 */
char *
dlg_advisor_compare_to_csv (DlgStore  *store,
                            GError   **error)
{
  /* Column ids, not words: scripts read them. */
  static const char *header[] = {
    "process_id", "process", "policy_cycle", "feature_id", "feature", "contributions",
    "contributors", "offline", "linked_to_recommendation", "recommendations", "retained",
    "share_offline", "share_linked", "share_retained",
  };
  g_autoptr(GArray) rows = dlg_advisor_figures_by_process (store, error);
  g_autoptr(GHashTable) processes = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                           g_object_unref);
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GString) csv = g_string_new (NULL);

  if (rows == NULL || !(list = dlg_process_list (store, TRUE, error)))
    return NULL;
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      DlgProcess *process = g_list_model_get_item (list, i);
      gint64 *id = g_new (gint64, 1);

      *id = dlg_process_get_id (process);
      g_hash_table_insert (processes, id, process);
    }
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    dlg_export_append_csv_cell (csv, _(header[i]), i == 0);
  g_string_append (csv, "\r\n");
  for (guint i = 0; i < rows->len; i++)
    {
      const DlgAdvisorFigures *row = &g_array_index (rows, DlgAdvisorFigures, i);
      g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, row->process_id);
      DlgProcess *process = g_hash_table_lookup (processes, &row->process_id);

      dlg_export_append_csv_cell (csv, id, TRUE);
      dlg_export_append_csv_cell (csv, process != NULL ? dlg_process_get_title (process) : "",
                                  FALSE);
      dlg_export_append_csv_cell (csv, process != NULL ? dlg_process_get_policy_cycle (process)
                                                       : "", FALSE);
      dlg_export_append_csv_cell (csv, row->feature, FALSE);
      dlg_export_append_csv_cell (csv, dlg_feature_info_lookup (row->feature)->label, FALSE);
      append_count (csv, row->contributions);
      append_count (csv, row->contributors);
      append_count (csv, row->offline);
      append_count (csv, row->linked);
      append_count (csv, row->recommendations);
      append_count (csv, row->retained);
      append_share (csv, row->offline, row->contributions);
      append_share (csv, row->linked, row->contributions);
      append_share (csv, row->retained, row->recommendations);
      g_string_append (csv, "\r\n");
    }
  return g_string_free (g_steal_pointer (&csv), FALSE);
}

/**
 * dlg_advisor_compare_export:
 *
 * Writes dlg_advisor_compare_to_csv() to @path (replaced whole, never half-written).
 */
gboolean
dlg_advisor_compare_export (DlgStore    *store,
                            const char  *path,
                            GError     **error)
{
  g_autofree char *csv = dlg_advisor_compare_to_csv (store, error);
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (path != NULL, FALSE);

  if (csv == NULL)
    return FALSE;
  if (!g_file_set_contents (path, csv, -1, &local))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_FAILED, _("Cannot write the comparison: %s"),
                   local->message);
      return FALSE;
    }
  return TRUE;
}
