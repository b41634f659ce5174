/* test-advisor.c — the feature advisor (policy-cycle position, figures from several processes
 * checked by hand, the team's choice, the comparison CSV) and answers at volume (templates,
 * bulk apply and undo, the check before publication)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "advisor-fixture.h"

typedef struct
{
  DlgStore *store;
  gint64    parc;      /* design: ideas, map, recruitment */
  gint64    quartier;  /* evaluation: ideas, questionnaire */
  gint64    advised;   /* diagnostic: nothing yet, the one being advised */
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->store = dlg_store_open (":memory:", &error);
  g_assert_no_error (error);
  advisor_fixture_fill (f->store, &f->parc, &f->quartier, &f->advised);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
}

static const DlgAdvisorFigures *
find_row (GArray     *rows,
          gint64      process_id,
          const char *feature)
{
  for (guint i = 0; i < rows->len; i++)
    {
      const DlgAdvisorFigures *row = &g_array_index (rows, DlgAdvisorFigures, i);

      if (row->process_id == process_id && g_str_equal (row->feature, feature))
        return row;
    }
  return NULL;
}

static void
assert_figures (const DlgAdvisorFigures *row,
                guint n_processes, guint contributions, guint contributors, guint offline,
                guint linked, guint recommendations, guint retained)
{
  g_assert_nonnull (row);
  g_assert_cmpuint (row->n_processes, ==, n_processes);
  g_assert_cmpuint (row->contributions, ==, contributions);
  g_assert_cmpuint (row->contributors, ==, contributors);
  g_assert_cmpuint (row->offline, ==, offline);
  g_assert_cmpuint (row->linked, ==, linked);
  g_assert_cmpuint (row->recommendations, ==, recommendations);
  g_assert_cmpuint (row->retained, ==, retained);
}

static void
test_figures_by_process (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) rows = dlg_advisor_figures_by_process (f->store, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 5);
  assert_figures (find_row (rows, f->parc, "ideas"), 1, 12, 6, 3, 4, 3, 2);
  assert_figures (find_row (rows, f->parc, "map"), 1, 5, 2, 0, 1, 1, 0);
  assert_figures (find_row (rows, f->parc, "recruitment"), 1, 5, 5, 2, 0, 0, 0);
  assert_figures (find_row (rows, f->quartier, "ideas"), 1, 4, 1, 4, 0, 0, 0);
  assert_figures (find_row (rows, f->quartier, "questionnaire"), 1, 8, 8, 0, 2, 1, 0);
  /* By process, then in catalogue order: recruitment, ideas, map for the Parc. */
  g_assert_cmpstr (g_array_index (rows, DlgAdvisorFigures, 0).feature, ==, "recruitment");
  g_assert_cmpstr (g_array_index (rows, DlgAdvisorFigures, 1).feature, ==, "ideas");
  g_assert_cmpstr (g_array_index (rows, DlgAdvisorFigures, 2).feature, ==, "map");
  g_assert_null (find_row (rows, f->advised, "ideas"));
}

static void
test_figures_totals (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) all = dlg_advisor_figures_totals (f->store, f->advised, &error);
  g_autoptr(GArray) without_parc = NULL;
  const DlgAdvisorFigures *ideas;

  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, DLG_N_FEATURES);
  /* ideas: 12 + 4 contributions, 6 + 1 contributors, 3 + 4 offline, 4 linked, 3 recs. */
  ideas = &g_array_index (all, DlgAdvisorFigures, 1);
  g_assert_cmpstr (ideas->feature, ==, "ideas");
  assert_figures (ideas, 2, 16, 7, 7, 4, 3, 2);
  g_assert_cmpfloat_with_epsilon (dlg_advisor_share (ideas->offline, ideas->contributions),
                                  7.0 / 16, 1e-9);
  g_assert_cmpfloat_with_epsilon (dlg_advisor_share (ideas->linked, ideas->contributions),
                                  0.25, 1e-9);
  g_assert_cmpfloat_with_epsilon (dlg_advisor_share (ideas->retained, ideas->recommendations),
                                  2.0 / 3, 1e-9);
  assert_figures (&g_array_index (all, DlgAdvisorFigures, 0), 1, 5, 5, 2, 0, 0, 0);
  assert_figures (&g_array_index (all, DlgAdvisorFigures, 3), 1, 8, 8, 0, 2, 1, 0);
  assert_figures (&g_array_index (all, DlgAdvisorFigures, 4), 1, 5, 2, 0, 1, 1, 0);
  /* Nobody used a call for projects, a debate or an event: zeros, and no share. */
  assert_figures (&g_array_index (all, DlgAdvisorFigures, 2), 0, 0, 0, 0, 0, 0, 0);
  assert_figures (&g_array_index (all, DlgAdvisorFigures, 5), 0, 0, 0, 0, 0, 0, 0);
  assert_figures (&g_array_index (all, DlgAdvisorFigures, 6), 0, 0, 0, 0, 0, 0, 0);
  g_assert_cmpfloat (dlg_advisor_share (0, 0), <, 0);

  /* Left out, the Parc counts for nothing. */
  without_parc = dlg_advisor_figures_totals (f->store, f->parc, &error);
  g_assert_no_error (error);
  assert_figures (&g_array_index (without_parc, DlgAdvisorFigures, 1), 1, 4, 1, 4, 0, 0, 0);
  assert_figures (&g_array_index (without_parc, DlgAdvisorFigures, 0), 0, 0, 0, 0, 0, 0, 0);
}

static void
test_guidance (void)
{
  guint n;
  const DlgFeatureInfo *catalogue = dlg_feature_catalogue (&n);

  for (guint i = 0; i < n; i++)
    {
      const DlgAdvisorGuidance *g = dlg_advisor_guidance (catalogue[i].id);

      g_assert_nonnull (g);
      g_assert_cmpstr (g->feature, ==, catalogue[i].id);
      g_assert_cmpuint (strlen (g->purpose), >, 20);
      g_assert_cmpuint (strlen (g->moderation_text), >, 20);
      g_assert_cmpuint (strlen (g->analysis_text), >, 20);
      g_assert_nonnull (dlg_advisor_load_get_label (g->moderation));
    }
  g_assert_null (dlg_advisor_guidance ("petition"));
  for (guint i = 0; i < dlg_vocabulary_get_n_entries (&dlg_vocabulary_policy_cycle); i++)
    g_assert_nonnull (dlg_policy_cycle_get_meaning (
                        dlg_vocabulary_get_id (&dlg_vocabulary_policy_cycle, i)));
  g_assert_null (dlg_policy_cycle_get_meaning ("later"));
}

static void
test_policy_cycle (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GListModel) journal = NULL;
  g_autoptr(DlgJournalEntry) last = NULL;
  guint n_before;

  journal = dlg_journal_list (f->store, f->advised, &error);
  n_before = g_list_model_get_n_items (journal);
  g_clear_object (&journal);

  g_assert_true (dlg_process_set_policy_cycle (f->store, f->advised, "evaluation", &error));
  g_assert_no_error (error);
  process = dlg_process_load (f->store, f->advised, &error);
  g_assert_cmpstr (dlg_process_get_policy_cycle (process), ==, "evaluation");
  journal = dlg_journal_list (f->store, f->advised, &error);
  g_assert_cmpuint (g_list_model_get_n_items (journal), ==, n_before + 1);
  last = g_list_model_get_item (journal, g_list_model_get_n_items (journal) - 1);
  if (!g_str_equal (dlg_journal_entry_get_action (last), "process.policy_cycle"))
    {
      g_clear_object (&last);
      last = g_list_model_get_item (journal, 0);
    }
  g_assert_cmpstr (dlg_journal_entry_get_action (last), ==, "process.policy_cycle");
  g_assert_cmpstr (dlg_journal_entry_get_old_value (last), ==, "diagnostic");
  g_assert_cmpstr (dlg_journal_entry_get_new_value (last), ==, "evaluation");

  /* The same position again journals nothing. */
  g_assert_true (dlg_process_set_policy_cycle (f->store, f->advised, "evaluation", &error));
  g_clear_object (&journal);
  journal = dlg_journal_list (f->store, f->advised, &error);
  g_assert_cmpuint (g_list_model_get_n_items (journal), ==, n_before + 1);

  g_assert_false (dlg_process_set_policy_cycle (f->store, f->advised, "later", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_object (&process);
  process = dlg_process_load (f->store, f->advised, &error);
  g_assert_cmpstr (dlg_process_get_policy_cycle (process), ==, "evaluation");
}

static guint
count_actions (DlgStore   *store,
               gint64      process_id,
               const char *action)
{
  g_autoptr(GListModel) journal = dlg_journal_list (store, process_id, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (journal); i++)
    {
      g_autoptr(DlgJournalEntry) entry = g_list_model_get_item (journal, i);

      n += g_str_equal (dlg_journal_entry_get_action (entry), action);
    }
  return n;
}

static gboolean
feature_enabled (DlgStore   *store,
                 gint64      process_id,
                 const char *id)
{
  g_autoptr(DlgFeature) feature = dlg_feature_load (store, process_id, id, NULL);

  return dlg_feature_get_enabled (feature);
}

static void
test_choose (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgAdvisorBrief) none = dlg_advisor_brief_load (f->store, f->advised, &error);
  g_autoptr(DlgAdvisorBrief) brief = NULL;
  g_autoptr(DlgAdvisorBrief) again = NULL;
  const char *first[] = { "map", "ideas", "map", NULL };
  const char *second[] = { "debate", NULL };
  const char *unknown[] = { "ideas", "petition", NULL };

  g_assert_no_error (error);
  g_assert_null (none->chosen_at);
  g_assert_cmpuint (g_strv_length (none->features), ==, 0);

  g_assert_true (dlg_advisor_choose (f->store, f->advised, first,
                                     "  Le quartier veut situer ses idées.  ", 400, &error));
  g_assert_no_error (error);
  brief = dlg_advisor_brief_load (f->store, f->advised, &error);
  /* In catalogue order, each once; the why stripped. */
  g_assert_cmpuint (g_strv_length (brief->features), ==, 2);
  g_assert_cmpstr (brief->features[0], ==, "ideas");
  g_assert_cmpstr (brief->features[1], ==, "map");
  g_assert_cmpstr (brief->why, ==, "Le quartier veut situer ses idées.");
  g_assert_cmpint (brief->expected_volume, ==, 400);
  g_assert_nonnull (brief->chosen_at);
  /* The mandate starts from the choice. */
  g_assert_true (feature_enabled (f->store, f->advised, "ideas"));
  g_assert_true (feature_enabled (f->store, f->advised, "map"));
  g_assert_false (feature_enabled (f->store, f->advised, "debate"));
  g_assert_cmpuint (count_actions (f->store, f->advised, "feature.enable"), ==, 2);
  g_assert_cmpuint (count_actions (f->store, f->advised, "process.advisor"), ==, 1);

  /* A second choice switches the others off. */
  g_assert_true (dlg_advisor_choose (f->store, f->advised, second, "Un débat suffit.", -1,
                                     &error));
  g_assert_false (feature_enabled (f->store, f->advised, "ideas"));
  g_assert_false (feature_enabled (f->store, f->advised, "map"));
  g_assert_true (feature_enabled (f->store, f->advised, "debate"));
  g_assert_cmpuint (count_actions (f->store, f->advised, "feature.disable"), ==, 2);
  again = dlg_advisor_brief_load (f->store, f->advised, &error);
  g_assert_cmpint (again->expected_volume, ==, -1);

  /* Refused, and nothing changes: an unknown feature, no why, an archived process. */
  g_assert_false (dlg_advisor_choose (f->store, f->advised, unknown, "Pourquoi pas.", -1,
                                      &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "petition"));
  g_clear_error (&error);
  g_assert_false (dlg_advisor_choose (f->store, f->advised, first, "   ", -1, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dlg_process_set_archived (f->store, f->advised, TRUE, &error));
  g_assert_false (dlg_advisor_choose (f->store, f->advised, first, "Archivé.", -1, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (feature_enabled (f->store, f->advised, "debate"));
  g_assert_false (feature_enabled (f->store, f->advised, "ideas"));
}

static void
test_compare_csv (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-advisor-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "compare.csv", NULL);
  g_autoptr(GPtrArray) rows = NULL;
  gboolean found = FALSE;

  g_assert_true (dlg_process_rename (f->store, f->quartier, "=HYPERLINK(\"x\"), quartier",
                                     &error));
  g_assert_true (dlg_advisor_compare_export (f->store, path, &error));
  g_assert_no_error (error);
  rows = dlg_csv_read_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1 + 5);
  g_assert_cmpstr (((DlgCsvRow *) rows->pdata[0])->fields[0], ==, "process_id");
  for (guint i = 1; i < rows->len; i++)
    {
      DlgCsvRow *row = rows->pdata[i];

      g_assert_cmpuint (row->n_fields, ==, 14);
      if (g_str_equal (row->fields[3], "ideas") && g_ascii_strtoll (row->fields[0], NULL, 10)
                                                     == f->parc)
        {
          found = TRUE;
          g_assert_cmpstr (row->fields[1], ==, "Parc de la Gaudinière");
          g_assert_cmpstr (row->fields[2], ==, "diagnostic");
          g_assert_cmpstr (row->fields[5], ==, "12");
          g_assert_cmpstr (row->fields[6], ==, "6");
          g_assert_cmpstr (row->fields[7], ==, "3");
          g_assert_cmpstr (row->fields[8], ==, "4");
          g_assert_cmpstr (row->fields[9], ==, "3");
          g_assert_cmpstr (row->fields[10], ==, "2");
          g_assert_cmpstr (row->fields[11], ==, "0.250");
          g_assert_cmpstr (row->fields[12], ==, "0.333");
          g_assert_cmpstr (row->fields[13], ==, "0.667");
        }
      if (g_ascii_strtoll (row->fields[0], NULL, 10) == f->quartier)
        /* A title a spreadsheet would run is kept as text. */
        g_assert_cmpstr (row->fields[1], ==, "'=HYPERLINK(\"x\"), quartier");
      if (g_str_equal (row->fields[3], "recruitment"))
        g_assert_cmpstr (row->fields[13], ==, "");
    }
  g_assert_true (found);

  g_unlink (path);
  g_rmdir (dir);
  g_assert_false (dlg_advisor_compare_export (f->store, "/nonexistent/dir/x.csv", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_FAILED);
}

/* ---------------------------------------------------------------- answers at volume */

static GArray *
recommendation_ids (DlgStore *store,
                    gint64    process_id)
{
  g_autoptr(GListModel) list = dlg_recommendation_list (store, process_id, NULL);
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (list, i);
      gint64 id = dlg_recommendation_get_id (r);

      g_array_append_val (ids, id);
    }
  return ids;
}

static void
test_template_expand (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *anonymous = NULL;

  text = dlg_response_template_expand ("La préconisation {number} « {recommendation} » est "
                                       "retenue par {department} le {date}. {unknown} {date",
                                       "Plus d’arbres", 4, "Direction des espaces verts",
                                       "3 mars 2025");
  g_assert_cmpstr (text, ==, "La préconisation 4 « Plus d’arbres » est retenue par Direction "
                   "des espaces verts le 3 mars 2025. {unknown} {date");
  anonymous = dlg_response_template_expand ("{department}", "x", 1, "", "d");
  g_assert_cmpstr (anonymous, !=, "");
  g_assert_cmpstr (anonymous, !=, "{department}");

  g_assert_true (dlg_response_template_check ("{recommendation} {number} {department} {date}",
                                              &error));
  g_assert_false (dlg_response_template_check ("Par {service}.", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "{service}"));
}

static void
test_templates (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) list = NULL;
  gint64 id;

  id = dlg_response_template_add (f->store, f->parc, "Retenue", "retained",
                                  "Retenue : {recommendation}.", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (dlg_response_template_add (f->store, f->parc, " Retenue ", "retained", "",
                                              &error), ==, 0);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dlg_response_template_add (f->store, f->parc, "", "retained", "", &error),
                   ==, 0);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dlg_response_template_add (f->store, f->parc, "X", "maybe", "", &error),
                   ==, 0);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dlg_response_template_add (f->store, f->parc, "Y", "retained", "{service}",
                                              &error), ==, 0);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dlg_response_template_add (f->store, f->parc, "Déjà", "already_done",
                                              "Déjà fait.", &error), >, id);

  list = dlg_response_template_list (f->store, f->parc, &error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((DlgResponseTemplate *) list->pdata[0])->name, ==, "Déjà");
  g_assert_cmpstr (((DlgResponseTemplate *) list->pdata[1])->body, ==,
                   "Retenue : {recommendation}.");
  g_clear_pointer (&list, g_ptr_array_unref);
  list = dlg_response_template_list (f->store, f->quartier, &error);
  g_assert_cmpuint (list->len, ==, 0);

  g_assert_true (dlg_response_template_delete (f->store, id, &error));
  g_assert_false (dlg_response_template_delete (f->store, id, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
}

static const DlgResponseProblem *
problem_for (GPtrArray *problems,
             gint64     number)
{
  for (guint i = 0; i < problems->len; i++)
    if (((DlgResponseProblem *) problems->pdata[i])->number == number)
      return problems->pdata[i];
  return NULL;
}

static void
test_bulk_apply_undo_check (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(DlgPosition) p4 = NULL;
  g_autoptr(DlgPosition) p1 = NULL;
  g_autoptr(GDateTime) date = g_date_time_new_local (2025, 3, 3, 10, 0, 0);
  g_autofree char *summary = NULL;
  const gint64 no_sources[] = { 0 };
  gint64 template_id, operation_id, last_id, foreign[1];
  guint n_changed, n_restored, n_kept, n_bulk;

  /* The Parc has R1 (retained), R2 (not retained), R3 (partly); add R4 and R5 with none,
   * R6 with a position and an empty justification, and a department for R4. */
  add_recommendation (f->store, f->parc, 4, no_sources, NULL);
  add_recommendation (f->store, f->parc, 5, no_sources, NULL);
  add_recommendation (f->store, f->parc, 6, no_sources, NULL);
  exec (f->store, "INSERT INTO position (uuid, recommendation_id, value, justification,"
                  " updated_at) SELECT 'p6', id, 'under_study', '  ', '2025-03-01'"
                  " FROM recommendation WHERE uuid LIKE 'r-%-6'");
  exec (f->store, "INSERT INTO review (recommendation_id, department, updated_at)"
                  " SELECT id, 'Direction des espaces verts', '2025-03-01'"
                  " FROM recommendation WHERE uuid LIKE 'r-%-4'");
  ids = recommendation_ids (f->store, f->parc);
  g_assert_cmpuint (ids->len, ==, 6);

  problems = dlg_response_check (f->store, f->parc, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_cmpint (problem_for (problems, 4)->kind, ==, DLG_RESPONSE_PROBLEM_NO_POSITION);
  g_assert_cmpint (problem_for (problems, 5)->kind, ==, DLG_RESPONSE_PROBLEM_NO_POSITION);
  g_assert_cmpint (problem_for (problems, 6)->kind, ==,
                   DLG_RESPONSE_PROBLEM_EMPTY_JUSTIFICATION);
  g_clear_pointer (&problems, g_ptr_array_unref);

  template_id = dlg_response_template_add (f->store, f->parc, "À l’étude", "under_study",
                                           "La préconisation {number} « {recommendation} » "
                                           "est à l’étude par {department} ({date}).", &error);
  g_assert_no_error (error);

  /* A recommendation of another process refuses the whole operation. */
  foreign[0] = g_array_index (recommendation_ids (f->store, f->quartier), gint64, 0);
  {
    gint64 mixed[2] = { g_array_index (ids, gint64, 3), foreign[0] };

    g_assert_false (dlg_response_apply_template (f->store, f->parc, template_id, mixed, 2,
                                                 date, &n_changed, &operation_id, &error));
    g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
    g_clear_error (&error);
    p4 = dlg_position_load_for (f->store, mixed[0], &error);
    g_assert_cmpint (dlg_position_get_id (p4), ==, 0);
    g_clear_object (&p4);
  }
  g_assert_false (dlg_response_apply_template (f->store, f->parc, template_id, NULL, 0, date,
                                               NULL, NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  /* R1, R4, R5, R6 in one go. */
  {
    gint64 chosen[4] = { g_array_index (ids, gint64, 0), g_array_index (ids, gint64, 3),
                         g_array_index (ids, gint64, 4), g_array_index (ids, gint64, 5) };

    n_bulk = count_actions (f->store, f->parc, "response.bulk");
    g_assert_true (dlg_response_apply_template (f->store, f->parc, template_id, chosen, 4,
                                                date, &n_changed, &operation_id, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (n_changed, ==, 4);
    g_assert_cmpint (operation_id, >, 0);
    g_assert_cmpuint (count_actions (f->store, f->parc, "response.bulk"), ==, n_bulk + 1);
    g_assert_cmpuint (count_actions (f->store, f->parc, "position.create"), ==, 2);
  }
  p4 = dlg_position_load_for (f->store, g_array_index (ids, gint64, 3), &error);
  g_assert_cmpstr (dlg_position_get_value (p4), ==, "under_study");
  g_assert_cmpstr (dlg_position_get_justification (p4), ==,
                   "La préconisation 4 « Recommendation 4 » est à l’étude par Direction des "
                   "espaces verts (March 3, 2025).");
  g_clear_object (&p4);

  /* Every one is still as the template wrote it; R2 and R3 are fine. */
  problems = dlg_response_check (f->store, f->parc, &error);
  g_assert_cmpuint (problems->len, ==, 4);
  for (guint i = 0; i < problems->len; i++)
    g_assert_cmpint (((DlgResponseProblem *) problems->pdata[i])->kind, ==,
                     DLG_RESPONSE_PROBLEM_UNEDITED_TEMPLATE);
  g_clear_pointer (&problems, g_ptr_array_unref);

  /* The officer edits R4: it is no longer a problem, and Undo keeps it. */
  p4 = dlg_position_load_for (f->store, g_array_index (ids, gint64, 3), &error);
  dlg_position_set_justification (p4, "À l’étude avec le budget 2026.");
  g_assert_true (dlg_position_save (f->store, p4, &error));
  problems = dlg_response_check (f->store, f->parc, &error);
  g_assert_cmpuint (problems->len, ==, 3);
  g_assert_null (problem_for (problems, 4));
  g_clear_pointer (&problems, g_ptr_array_unref);

  g_assert_true (dlg_response_get_last_operation (f->store, f->parc, &last_id, &summary,
                                                  &error));
  g_assert_cmpint (last_id, ==, operation_id);
  g_assert_nonnull (strstr (summary, "À l’étude"));
  g_assert_true (dlg_response_undo_operation (f->store, operation_id, &n_restored, &n_kept,
                                              &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_restored, ==, 3);
  g_assert_cmpuint (n_kept, ==, 1);
  g_assert_cmpuint (count_actions (f->store, f->parc, "response.bulk_undo"), ==, 1);
  /* R1 is retained again, R5 has no position again, R6 is back to its empty one. */
  p1 = dlg_position_load_for (f->store, g_array_index (ids, gint64, 0), &error);
  g_assert_cmpstr (dlg_position_get_value (p1), ==, "retained");
  g_assert_cmpstr (dlg_position_get_justification (p1), ==, "Because.");
  problems = dlg_response_check (f->store, f->parc, &error);
  g_assert_cmpuint (problems->len, ==, 2);
  g_assert_cmpint (problem_for (problems, 5)->kind, ==, DLG_RESPONSE_PROBLEM_NO_POSITION);
  g_assert_cmpint (problem_for (problems, 6)->kind, ==,
                   DLG_RESPONSE_PROBLEM_EMPTY_JUSTIFICATION);
  g_clear_object (&p4);
  p4 = dlg_position_load_for (f->store, g_array_index (ids, gint64, 3), &error);
  g_assert_cmpstr (dlg_position_get_justification (p4), ==, "À l’étude avec le budget 2026.");

  /* Undone once only; nothing left to undo. */
  g_assert_false (dlg_response_undo_operation (f->store, operation_id, NULL, NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dlg_response_get_last_operation (f->store, f->parc, &last_id, NULL, &error));
  g_assert_cmpint (last_id, ==, 0);
  g_assert_true (dlg_journal_verify (f->store, f->parc, NULL, &error));
  g_assert_no_error (error);
}

/* A closed response stage refuses a bulk apply, and nothing is written. */
static void
test_bulk_closed_stage (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = recommendation_ids (f->store, f->parc);
  gint64 template_id = dlg_response_template_add (f->store, f->parc, "Non", "not_retained",
                                                  "Non.", &error);
  guint n_changed = 99;

  g_assert_no_error (error);
  exec (f->store, "UPDATE stage_state SET state = 'done' WHERE stage = 'response'");
  g_assert_false (dlg_response_apply_template (f->store, f->parc, template_id,
                                               (gint64 *) ids->data, ids->len, NULL, &n_changed,
                                               NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_CLOSED);
  g_assert_cmpuint (n_changed, ==, 0);
  g_assert_cmpuint (count_actions (f->store, f->parc, "response.bulk"), ==, 0);
  {
    g_autoptr(DlgPosition) p1 = dlg_position_load_for (f->store, g_array_index (ids, gint64, 0),
                                                       NULL);

    g_assert_cmpstr (dlg_position_get_value (p1), ==, "retained");
  }
}

int
main (int   argc,
      char *argv[])
{
  g_setenv ("LANGUAGE", "C", TRUE);
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/advisor/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("figures/by-process", test_figures_by_process);
  ADD ("figures/totals", test_figures_totals);
  ADD ("policy-cycle", test_policy_cycle);
  ADD ("choose", test_choose);
  ADD ("compare-csv", test_compare_csv);
  g_test_add_func ("/core/advisor/guidance", test_guidance);
  g_test_add_func ("/core/response/template-expand", test_template_expand);
  g_test_add ("/core/response/templates", Fixture, NULL, fixture_setup, test_templates,
              fixture_teardown);
  g_test_add ("/core/response/bulk", Fixture, NULL, fixture_setup, test_bulk_apply_undo_check,
              fixture_teardown);
  g_test_add ("/core/response/bulk-closed-stage", Fixture, NULL, fixture_setup,
              test_bulk_closed_stage, fixture_teardown);
#undef ADD
  return g_test_run ();
}
