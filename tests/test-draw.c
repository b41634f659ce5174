/* test-draw.c — the fair random draw of a panel: solver, engine, CSV, storage, CLI
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The small instances and their maximin figures are those of the Sortition Foundation's
 * sortition-algorithms library (tests/test_committee_generation.py, "example 1" to "example 6").
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "dlg-core.h"
#include "dlg-draw-private.h"
#include "dlg-lp.h"
#include "dlg-store-private.h"

#define PRECISION 1e-5

typedef struct
{
  const char *category;
  const char *value;
  int         min;
  int         max;
  int         min_flex;
  int         max_flex;
} Quota;

typedef struct
{
  const char *id;
  const char *values[3];
  const char *home;
} Person;

static DlgDrawInput *
make_input (const Quota      *quotas,
            guint             n_quotas,
            const Person     *people,
            guint             n_people,
            gboolean          households,
            guint             size,
            DlgDrawAlgorithm  algorithm)
{
  g_autoptr(GError) error = NULL;
  DlgDrawInput *input = dlg_draw_input_new ();

  for (guint q = 0; q < n_quotas; q++)
    {
      dlg_draw_input_add_quota (input, quotas[q].category, quotas[q].value, quotas[q].min,
                                quotas[q].max, quotas[q].min_flex, quotas[q].max_flex, &error);
      g_assert_no_error (error);
    }
  for (guint p = 0; p < n_people; p++)
    {
      dlg_draw_input_add_person (input, people[p].id, people[p].values,
                                 households ? people[p].home : NULL, &error);
      g_assert_no_error (error);
    }
  dlg_draw_input_set_size (input, size);
  dlg_draw_input_set_seed (input, 7);
  dlg_draw_input_set_algorithm (input, algorithm);
  return input;
}

static double
probability_of (DlgDrawResult *result,
                const char    *id)
{
  int person = dlg_draw_input_find_person (dlg_draw_result_get_input (result), id);

  g_assert_cmpint (person, >=, 0);
  return dlg_draw_result_get_probability (result, person);
}

/* Every panel meets the quotas and the households; probabilities sum to the panel size. */
static void
assert_panel_ok (DlgDrawInput *input,
                 const guint  *members,
                 guint         n)
{
  guint n_quotas = dlg_draw_input_get_n_quotas (input);
  g_autofree int *counts = g_new0 (int, n_quotas + 1);
  g_autoptr(GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  g_autoptr(GHashTable) homes = g_hash_table_new (g_str_hash, g_str_equal);

  g_assert_cmpuint (n, ==, dlg_draw_input_get_size (input));
  for (guint i = 0; i < n; i++)
    {
      const char *home = dlg_draw_input_get_person_household (input, members[i]);

      g_assert_false (g_hash_table_contains (seen, GUINT_TO_POINTER (members[i] + 1)));
      g_hash_table_add (seen, GUINT_TO_POINTER (members[i] + 1));
      if (home != NULL)
        {
          g_assert_false (g_hash_table_contains (homes, home));
          g_hash_table_add (homes, (gpointer) home);
        }
      for (guint c = 0; c < dlg_draw_input_get_n_categories (input); c++)
        {
          const char *value = dlg_draw_input_get_person_value (input, members[i], c);

          for (guint q = 0; q < n_quotas; q++)
            {
              const char *category, *quota_value;

              dlg_draw_input_get_quota (input, q, &category, &quota_value, NULL, NULL, NULL,
                                        NULL);
              if (g_str_equal (category, dlg_draw_input_get_category (input, c))
                  && g_str_equal (quota_value, value))
                counts[q]++;
            }
        }
    }
  for (guint q = 0; q < n_quotas; q++)
    {
      int min, max;

      dlg_draw_input_get_quota (input, q, NULL, NULL, &min, &max, NULL, NULL);
      g_assert_cmpint (counts[q], >=, min);
      g_assert_cmpint (counts[q], <=, max);
    }
}

static void
assert_result_ok (DlgDrawResult *result)
{
  DlgDrawInput *input = dlg_draw_result_get_input (result);
  double weights = 0.0, sum = 0.0;
  const guint *members;
  guint n;

  members = dlg_draw_result_get_panel (result, &n);
  assert_panel_ok (input, members, n);
  for (guint i = 0; i < dlg_draw_result_get_n_distribution_panels (result); i++)
    {
      double weight = dlg_draw_result_get_distribution_weight (result, i);

      g_assert_cmpfloat (weight, >, 0.0);
      g_assert_cmpfloat (weight, <=, 1.0);
      weights += weight;
      members = dlg_draw_result_get_distribution_panel (result, i, &n);
      assert_panel_ok (input, members, n);
    }
  if (dlg_draw_result_get_algorithm (result) != DLG_DRAW_ALGORITHM_LEGACY)
    {
      g_assert_cmpuint (dlg_draw_result_get_n_distribution_panels (result), >=, 1);
      g_assert_cmpfloat_with_epsilon (weights, 1.0, 1e-9);
      g_assert_cmpuint (dlg_draw_result_get_n_panels (result), ==,
                        dlg_draw_result_get_n_distribution_panels (result));
    }
  for (guint p = 0; p < dlg_draw_input_get_n_people (input); p++)
    {
      double probability = dlg_draw_result_get_probability (result, p);

      g_assert_cmpfloat (probability, >=, 0.0);
      g_assert_cmpfloat (probability, <=, 1.0);
      sum += probability;
    }
  g_assert_cmpfloat_with_epsilon (sum, dlg_draw_input_get_size (input), 1e-6);
}

static DlgDrawResult *
run_ok (DlgDrawInput *input)
{
  g_autoptr(GError) error = NULL;
  DlgDrawResult *result = dlg_draw_run (input, NULL, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  assert_result_ok (result);
  return result;
}

/* --- Solver ------------------------------------------------------------------------------ */

static void
test_lp (void)
{
  g_autoptr(DlgLp) lp = dlg_lp_new (DLG_LP_MAXIMIZE);
  int x, y, row;
  int cols[2];
  double coefs[2];

  /* max 3x + 2y s.t. x + y ≤ 4, x + 3y ≤ 7, x ≤ 3 */
  x = dlg_lp_add_col (lp, 0, 3, 3, FALSE);
  y = dlg_lp_add_col (lp, 0, INFINITY, 2, FALSE);
  cols[0] = x, cols[1] = y, coefs[0] = 1, coefs[1] = 1;
  row = dlg_lp_add_row (lp, 2, cols, coefs, -INFINITY, 4);
  coefs[1] = 3;
  dlg_lp_add_row (lp, 2, cols, coefs, -INFINITY, 7);
  g_assert_cmpint (dlg_lp_solve (lp), ==, DLG_LP_OPTIMAL);
  g_assert_cmpfloat_with_epsilon (dlg_lp_get_objective_value (lp), 11.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dlg_lp_get_col_value (lp, x), 3.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dlg_lp_get_col_value (lp, y), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (dlg_lp_get_row_dual (lp, row), 2.0, 1e-9);
  g_assert_cmpint (dlg_lp_solve_interior (lp), ==, DLG_LP_OPTIMAL);
  g_assert_cmpfloat_with_epsilon (dlg_lp_get_objective_value (lp), 11.0, 1e-6);
  g_assert_cmpfloat_with_epsilon (dlg_lp_get_row_dual (lp, row), 2.0, 1e-6);

  /* a column added with its coefficients, then one coefficient changed */
  cols[0] = row;
  coefs[0] = 1.0;
  x = dlg_lp_add_col_entries (lp, 0, 1, 10, 1, cols, coefs); /* z ≤ 1, uses row 0 */
  g_assert_cmpint (dlg_lp_solve (lp), ==, DLG_LP_OPTIMAL);
  g_assert_cmpfloat_with_epsilon (dlg_lp_get_col_value (lp, x), 1.0, 1e-9);
  dlg_lp_set_coef (lp, row, x, 0.0);
  g_assert_cmpint (dlg_lp_solve (lp), ==, DLG_LP_OPTIMAL);
  g_assert_cmpfloat_with_epsilon (dlg_lp_get_objective_value (lp), 21.0, 1e-9);

  /* integer: max x + y with 2x + 2y ≤ 5 → 2 */
  {
    g_autoptr(DlgLp) ilp = dlg_lp_new (DLG_LP_MAXIMIZE);

    cols[0] = dlg_lp_add_col (ilp, 0, 10, 1, TRUE);
    cols[1] = dlg_lp_add_col (ilp, 0, 10, 1, TRUE);
    coefs[0] = 2, coefs[1] = 2;
    dlg_lp_add_row (ilp, 2, cols, coefs, -INFINITY, 5);
    g_assert_cmpint (dlg_lp_solve_integer (ilp), ==, DLG_LP_OPTIMAL);
    g_assert_cmpfloat_with_epsilon (dlg_lp_get_objective_value (ilp), 2.0, 1e-9);
    dlg_lp_set_row_bounds (ilp, 0, 3, 3);
    g_assert_cmpint (dlg_lp_solve_integer (ilp), ==, DLG_LP_INFEASIBLE);
  }
}

/* --- The faster engine against the reference (issue 15) ------------------------------- */

/* A pool of @n_people with @n_categories categories of 2 to 5 values of uneven shares, from
 * @seed; quotas within ±1 of the pool's shares scaled to the panel, or (@skewed) ±15 % around
 * other shares, as a city sets them for a self-selected pool. */
static DlgDrawInput *
make_shaped (guint            n_people,
             guint            size,
             guint            n_categories,
             gboolean         skewed,
             DlgDrawAlgorithm algorithm,
             guint32          seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  DlgDrawInput *input = dlg_draw_input_new ();
  g_autofree guint *values = g_new (guint, n_people * n_categories);
  guint n_values[6];
  char names[6][5][8];

  g_assert (n_categories <= G_N_ELEMENTS (n_values));
  for (guint c = 0; c < n_categories; c++)
    {
      double weights[5], target_weights[5], total = 0.0, target_total = 0.0;
      guint counts[5] = { 0, };
      char category[8];

      n_values[c] = g_rand_int_range (rand, 2, 6);
      for (guint v = 0; v < n_values[c]; v++)
        {
          weights[v] = pow (g_rand_double_range (rand, 0.2, 1.0), 2.0);
          total += weights[v];
          target_weights[v] = g_rand_double_range (rand, 0.5, 1.0);
          target_total += target_weights[v];
          g_snprintf (names[c][v], sizeof names[c][v], "v%u", v);
        }
      for (guint p = 0; p < n_people; p++)
        {
          double u = g_rand_double (rand) * total;
          guint v = 0;

          while (v + 1 < n_values[c] && u >= weights[v])
            u -= weights[v++];
          values[p * n_categories + c] = v;
          counts[v]++;
        }
      g_snprintf (category, sizeof category, "c%u", c);
      for (guint v = 0; v < n_values[c]; v++)
        {
          double target = skewed ? size * target_weights[v] / target_total
                                 : (double) size * counts[v] / n_people;
          int min = skewed ? (int) floor (0.85 * target) : (int) floor (target) - 1;
          int max = skewed ? (int) ceil (1.15 * target) : (int) ceil (target) + 1;

          min = CLAMP (min, 0, (int) counts[v]);
          max = CLAMP (max, min, (int) counts[v]);
          dlg_draw_input_add_quota (input, category, names[c][v], min, max, -1, -1, &error);
          g_assert_no_error (error);
        }
    }
  for (guint p = 0; p < n_people; p++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", p);
      const char *strings[G_N_ELEMENTS (n_values) + 1] = { NULL, };

      for (guint c = 0; c < n_categories; c++)
        strings[c] = names[c][values[p * n_categories + c]];
      dlg_draw_input_add_person (input, id, strings, NULL, &error);
      g_assert_no_error (error);
    }
  dlg_draw_input_set_size (input, size);
  dlg_draw_input_set_seed (input, seed);
  dlg_draw_input_set_algorithm (input, algorithm);
  return input;
}

/* The engine (first panels by local search, the master LP's own distribution) finds the same
 * lowest probability as the reference engine (every panel from the ILP, final LP), and every
 * panel of its distribution meets the quotas. */
static void
test_against_reference (void)
{
  static const struct {
    guint    n_people;
    guint    size;
    guint    n_categories;
    gboolean skewed;
  } cases[] = {
    { 60, 10, 3, FALSE }, { 120, 15, 4, FALSE }, { 150, 20, 4, TRUE }, { 200, 24, 5, FALSE },
    { 240, 30, 5, TRUE }, { 300, 40, 4, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (DlgDrawAlgorithm a = DLG_DRAW_ALGORITHM_MAXIMIN; a <= DLG_DRAW_ALGORITHM_LEXIMIN; a++)
      {
        g_autoptr(DlgDrawInput) input = make_shaped (cases[i].n_people, cases[i].size,
                                                     cases[i].n_categories, cases[i].skewed,
                                                     a, 100 + i);
        g_autoptr(DlgDrawResult) fast = NULL;
        g_autoptr(DlgDrawResult) reference = NULL;
        g_autoptr(GError) error = NULL;

        fast = run_ok (input);
        reference = dlg_draw_run_reference (input, &error);
        g_assert_no_error (error);
        assert_result_ok (reference);
        g_test_message ("%u/%u, %u categories, %s: min %.7f (reference %.7f), %u panels "
                        "(reference %u)", cases[i].n_people, cases[i].size,
                        cases[i].n_categories, dlg_draw_algorithm_to_string (a),
                        dlg_draw_result_get_min_probability (fast),
                        dlg_draw_result_get_min_probability (reference),
                        dlg_draw_result_get_n_panels (fast),
                        dlg_draw_result_get_n_panels (reference));
        g_assert_cmpfloat_with_epsilon (dlg_draw_result_get_min_probability (fast),
                                        dlg_draw_result_get_min_probability (reference), 1e-6);
      }
}

/* The first master LP by the interior-point method (what the engine does on large pools with
 * proportional quotas) finds the same lowest probability as the reference engine on small
 * instances, both where it reaches k/n at once and where the column generation goes on from
 * it (skewed quotas), and every panel of its distribution meets the quotas. */
static void
test_interior_against_reference (void)
{
  static const struct {
    guint    n_people;
    guint    size;
    guint    n_categories;
    gboolean skewed;
  } cases[] = {
    { 60, 10, 3, FALSE }, { 120, 15, 4, FALSE }, { 150, 20, 4, TRUE }, { 200, 24, 5, FALSE },
    { 240, 30, 5, TRUE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    for (DlgDrawAlgorithm a = DLG_DRAW_ALGORITHM_MAXIMIN; a <= DLG_DRAW_ALGORITHM_LEXIMIN; a++)
      {
        g_autoptr(DlgDrawInput) input = make_shaped (cases[i].n_people, cases[i].size,
                                                     cases[i].n_categories, cases[i].skewed,
                                                     a, 500 + i);
        g_autoptr(DlgDrawResult) interior = NULL;
        g_autoptr(DlgDrawResult) reference = NULL;
        g_autoptr(GError) error = NULL;

        interior = dlg_draw_run_interior (input, NULL, NULL, NULL, &error);
        g_assert_no_error (error);
        assert_result_ok (interior);
        reference = dlg_draw_run_reference (input, &error);
        g_assert_no_error (error);
        assert_result_ok (reference);
        g_test_message ("%u/%u, %u categories, %s: min %.7f (reference %.7f), %u panels "
                        "(reference %u)", cases[i].n_people, cases[i].size,
                        cases[i].n_categories, dlg_draw_algorithm_to_string (a),
                        dlg_draw_result_get_min_probability (interior),
                        dlg_draw_result_get_min_probability (reference),
                        dlg_draw_result_get_n_panels (interior),
                        dlg_draw_result_get_n_panels (reference));
        g_assert_cmpfloat_with_epsilon (dlg_draw_result_get_min_probability (interior),
                                        dlg_draw_result_get_min_probability (reference), 1e-6);
        if (!cases[i].skewed)
          g_assert_cmpfloat_with_epsilon (dlg_draw_result_get_min_probability (interior),
                                          (double) cases[i].size / cases[i].n_people, 1e-7);
      }
}

typedef struct
{
  GCancellable *cancellable;
  guint         n_after_cancel;
  char         *cancelled_at;
} CancelLog;

static void
cancel_on_bound_cb (double      fraction,
                    const char *message,
                    gpointer    user_data)
{
  CancelLog *log = user_data;

  if (g_cancellable_is_cancelled (log->cancellable))
    {
      log->n_after_cancel++;
      return;
    }
  /* the first bound reported comes from inside the first master LP's interior point */
  if (g_str_has_prefix (message, "Level 1:") || g_str_has_prefix (message, "Lowest probability"))
    {
      log->cancelled_at = g_strdup (message);
      g_cancellable_cancel (log->cancellable);
    }
}

/* Cancel inside the interior-point solve stops it at its next iteration (the solver's memory
 * of the thread goes with it), and the thread draws again afterwards. */
static void
test_interior_cancel (void)
{
  for (DlgDrawAlgorithm a = DLG_DRAW_ALGORITHM_MAXIMIN; a <= DLG_DRAW_ALGORITHM_LEXIMIN; a++)
    {
      g_autoptr(DlgDrawInput) input = make_shaped (240, 30, 5, FALSE, a, 600);
      g_autoptr(GCancellable) cancellable = g_cancellable_new ();
      g_autoptr(DlgDrawResult) result = NULL;
      g_autoptr(DlgDrawResult) again = NULL;
      g_autoptr(GError) error = NULL;
      CancelLog log = { cancellable, 0, NULL };

      result = dlg_draw_run_interior (input, cancellable, cancel_on_bound_cb, &log, &error);
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
      g_assert_null (result);
      g_assert_nonnull (log.cancelled_at);
      g_assert_true (g_str_has_suffix (log.cancelled_at, "so far, at most 12.500 %"));
      g_assert_cmpuint (log.n_after_cancel, ==, 0);
      g_free (log.cancelled_at);
      g_clear_error (&error);

      again = dlg_draw_run_interior (input, NULL, NULL, NULL, &error);
      g_assert_no_error (error);
      assert_result_ok (again);
      g_assert_cmpfloat_with_epsilon (dlg_draw_result_get_min_probability (again), 30.0 / 240,
                                      1e-7);
    }
}

/* Quotas around the pool's own proportions admit k/n for everyone: the first panels (about
 * one round of multiplicative weights per type) give it, to the printed digit, and every
 * panel of the distribution meets the quotas. */
static void
test_proportional_quotas (void)
{
  static const guint shapes[][3] = { { 120, 15, 4 }, { 200, 24, 5 }, { 404, 40, 5 } };

  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    for (DlgDrawAlgorithm a = DLG_DRAW_ALGORITHM_MAXIMIN; a <= DLG_DRAW_ALGORITHM_LEXIMIN; a++)
      {
        g_autoptr(DlgDrawInput) input = make_shaped (shapes[i][0], shapes[i][1], shapes[i][2],
                                                     FALSE, a, 300 + i);
        g_autoptr(DlgDrawResult) result = run_ok (input);

        g_assert_cmpfloat_with_epsilon (dlg_draw_result_get_min_probability (result),
                                        (double) shapes[i][1] / shapes[i][0], 1e-7);
        g_assert_cmpfloat_with_epsilon (dlg_draw_result_get_max_probability (result),
                                        (double) shapes[i][1] / shapes[i][0], 1e-7);
      }
}

typedef struct
{
  GPtrArray *messages;
  double     last_fraction;
  guint      last_level;
  guint      n_bounds;
} ProgressLog;

static void
progress_log_cb (double      fraction,
                 const char *message,
                 gpointer    user_data)
{
  ProgressLog *log = user_data;
  guint level;
  double lowest, best;

  g_assert_cmpfloat (fraction, >=, log->last_fraction);
  g_assert_cmpfloat (fraction, <=, 1.0);
  log->last_fraction = fraction;
  g_ptr_array_add (log->messages, g_strdup (message));
  if (sscanf (message, "Level %u: lowest probability %lf %% so far, at most %lf %%", &level,
              &lowest, &best) == 3)
    {
      g_assert_cmpuint (level, >=, MAX (1, log->last_level));
      g_assert_cmpfloat (lowest, >=, 0.0);
      g_assert_cmpfloat (lowest, <=, best);
      g_assert_cmpfloat (best, <=, 100.0);
      log->last_level = level;
      log->n_bounds++;
    }
}

/* A leximin draw reports the level being fixed and its bounds (lowest probability so far,
 * best possible), levels in order; the last bound reported is the lowest probability. */
static void
test_progress_bounds (void)
{
  g_autoptr(DlgDrawInput) input = make_shaped (240, 30, 5, TRUE, DLG_DRAW_ALGORITHM_LEXIMIN,
                                               104);
  g_autoptr(GPtrArray) messages = g_ptr_array_new_with_free_func (g_free);
  ProgressLog log = { messages, 0.0, 0, 0 };
  g_autoptr(DlgDrawResult) result = NULL;
  g_autoptr(GError) error = NULL;
  double lowest = -1.0;
  guint level;

  result = dlg_draw_run (input, NULL, progress_log_cb, &log, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (log.n_bounds, >, 0);
  g_assert_cmpuint (log.last_level, >, 1);
  g_assert_cmpfloat (log.last_fraction, ==, 1.0);
  /* level 1's last report is the LP at the level's optimum: the lowest probability of all */
  for (guint i = 0; i < messages->len; i++)
    {
      double a, b;

      if (sscanf (g_ptr_array_index (messages, i),
                  "Level %u: lowest probability %lf %% so far, at most %lf %%", &level, &a,
                  &b) == 3 && level == 1)
        lowest = a;
    }
  g_assert_cmpfloat_with_epsilon (lowest, 100.0 * dlg_draw_result_get_min_probability (result),
                                  2e-3);
}

/* A long solve stops when the interrupt function says so: the simplex between runs of
 * iterations, branch and cut at its nodes. */
static gboolean
interrupt_after_cb (gpointer data)
{
  guint *calls = data;

  ++*calls;
  return TRUE;
}

static void
test_lp_interrupt (void)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (3);
  g_autoptr(DlgLp) lp = dlg_lp_new (DLG_LP_MAXIMIZE);
  g_autoptr(DlgLp) ilp = dlg_lp_new (DLG_LP_MAXIMIZE);
  guint n = 400, calls = 0;
  g_autofree int *cols = g_new (int, n);
  g_autofree double *coefs = g_new (double, n);

  /* equality rows from the slack basis: every row needs a pivot, far more than one run */
  for (guint j = 0; j < n; j++)
    {
      cols[j] = dlg_lp_add_col (lp, 0.0, INFINITY, g_rand_double_range (rand, 1.0, 2.0), FALSE);
      dlg_lp_add_col (ilp, 0.0, 1.0, g_rand_double_range (rand, 1.0, 2.0), TRUE);
    }
  for (guint i = 0; i < n; i++)
    {
      g_autofree int *row_cols = g_new (int, 20);
      double b = 0.0;

      for (guint e = 0; e < 20; e++)
        {
          row_cols[e] = (i + e * 37 + g_rand_int_range (rand, 0, 30)) % n;
          for (guint f = 0; f < e; f++)
            if (row_cols[f] == row_cols[e])
              row_cols[e] = (row_cols[e] + 1) % n, f = (guint) -1;
          coefs[e] = g_rand_double_range (rand, 0.5, 1.0);
          b += coefs[e];
        }
      dlg_lp_add_row (lp, 20, row_cols, coefs, b, b);
      if (i < 20)
        {
          for (guint j = 0; j < n; j++)
            coefs[j] = g_rand_int_range (rand, 1, 100);
          dlg_lp_add_row (ilp, n, cols, coefs, -INFINITY, 1000.0);
        }
    }
  dlg_lp_set_interrupt (lp, interrupt_after_cb, &calls);
  g_assert_cmpint (dlg_lp_solve (lp), ==, DLG_LP_INTERRUPTED);
  g_assert_cmpuint (calls, ==, 1);
  /* without the interrupt it ends */
  dlg_lp_set_interrupt (lp, NULL, NULL);
  g_assert_cmpint (dlg_lp_solve (lp), ==, DLG_LP_OPTIMAL);

  calls = 0;
  dlg_lp_set_interrupt (ilp, interrupt_after_cb, &calls);
  g_assert_cmpint (dlg_lp_solve_integer (ilp), ==, DLG_LP_INTERRUPTED);
}

/* --- The library's small instances ------------------------------------------------------ */

static const Quota example1_quotas[] = {
  { "age", "child", 1, 2, -1, -1 }, { "age", "adult", 1, 2, -1, -1 },
  { "franchise", "simpsons", 1, 2, -1, -1 }, { "franchise", "ducktales", 1, 2, -1, -1 },
};
static const Person example1_people[] = {
  { "lisa", { "child", "simpsons" }, "1 A" },
  { "marge", { "adult", "simpsons" }, "3 A" },
  { "louie", { "child", "ducktales" }, "2 A" },
  { "dewey", { "child", "ducktales" }, "2 A" },
  { "scrooge", { "adult", "ducktales" }, "1 A" },
};
static const Person example2_people[] = {
  { "lisa", { "child", "simpsons" }, "1 A" },
  { "marge", { "adult", "simpsons" }, "3 A" },
  { "louie", { "child", "ducktales" }, "1 A" },
  { "dewey", { "child", "ducktales" }, "2 A" },
  { "scrooge", { "adult", "ducktales" }, "1 A" },
};

static void
test_example1 (void)
{
  g_autoptr(DlgDrawInput) input = make_input (example1_quotas, G_N_ELEMENTS (example1_quotas),
                                              example1_people, G_N_ELEMENTS (example1_people),
                                              FALSE, 2, DLG_DRAW_ALGORITHM_MAXIMIN);
  g_autoptr(DlgDrawResult) result = run_ok (input);

  /* maximin 1/3, uniquely: {louie, marge}, {dewey, marge}, {scrooge, lisa} */
  g_assert_cmpfloat_with_epsilon (probability_of (result, "lisa"), 1.0 / 3, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "scrooge"), 1.0 / 3, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "louie"), 1.0 / 3, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "dewey"), 1.0 / 3, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "marge"), 2.0 / 3, PRECISION);
}

static void
test_example1_households (void)
{
  g_autoptr(DlgDrawInput) input = make_input (example1_quotas, G_N_ELEMENTS (example1_quotas),
                                              example1_people, G_N_ELEMENTS (example1_people),
                                              TRUE, 2, DLG_DRAW_ALGORITHM_MAXIMIN);
  g_autoptr(DlgDrawResult) result = run_ok (input);

  /* Scrooge and Lisa share a home and each needs the other: {louie, marge}, {dewey, marge} */
  g_assert_cmpfloat_with_epsilon (probability_of (result, "lisa"), 0.0, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "scrooge"), 0.0, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "louie"), 0.5, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "dewey"), 0.5, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "marge"), 1.0, PRECISION);
}

static void
test_example2_households (void)
{
  for (DlgDrawAlgorithm a = DLG_DRAW_ALGORITHM_LEGACY; a <= DLG_DRAW_ALGORITHM_LEXIMIN; a++)
    {
      g_autoptr(DlgDrawInput) input = make_input (example1_quotas,
                                                  G_N_ELEMENTS (example1_quotas),
                                                  example2_people,
                                                  G_N_ELEMENTS (example2_people), TRUE, 2, a);
      g_autoptr(DlgDrawResult) result = run_ok (input);

      /* lisa, louie and scrooge share a home: every panel has marge */
      g_assert_cmpfloat_with_epsilon (probability_of (result, "marge"), 1.0, PRECISION);
    }
}

static const Quota example3_quotas[] = {
  { "f1", "v1", 1, 2, -1, -1 }, { "f1", "v2", 0, 2, -1, -1 },
  { "f2", "v1", 1, 2, -1, -1 }, { "f2", "v2", 0, 2, -1, -1 },
  { "f3", "v1", 1, 2, -1, -1 }, { "f3", "v2", 0, 2, -1, -1 },
};
static const Quota example4_quotas[] = {
  { "f1", "v1", 1, 1, 0, 0 }, { "f1", "v2", 0, 2, 0, 0 },
  { "f2", "v1", 1, 1, 0, 0 }, { "f2", "v2", 0, 2, 0, 0 },
  { "f3", "v1", 1, 1, 0, 0 }, { "f3", "v2", 0, 2, 0, 0 },
};
static const Person example3_people[] = {
  { "a", { "v1", "v1", "v1" }, "1" },
  { "b", { "v1", "v2", "v2" }, "2" },
  { "c", { "v2", "v1", "v2" }, "3" },
  { "d", { "v2", "v2", "v1" }, "3" },
};

static void
test_example3 (void)
{
  g_autoptr(DlgDrawInput) input = make_input (example3_quotas, G_N_ELEMENTS (example3_quotas),
                                              example3_people, G_N_ELEMENTS (example3_people),
                                              FALSE, 2, DLG_DRAW_ALGORITHM_MAXIMIN);
  g_autoptr(DlgDrawResult) result = run_ok (input);

  /* maximin 1/3, uniquely: {a, b}, {a, c}, {a, d} */
  g_assert_cmpfloat_with_epsilon (probability_of (result, "a"), 1.0, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "b"), 1.0 / 3, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "c"), 1.0 / 3, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "d"), 1.0 / 3, PRECISION);
}

static void
test_example4_infeasible (void)
{
  g_autoptr(DlgDrawInput) input = make_input (example4_quotas, G_N_ELEMENTS (example4_quotas),
                                              example3_people, G_N_ELEMENTS (example3_people),
                                              FALSE, 2, DLG_DRAW_ALGORITHM_MAXIMIN);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawResult) result = dlg_draw_run (input, NULL, NULL, NULL, &error);
  g_autoptr(GPtrArray) relaxations = NULL;

  /* There is no feasible panel at all; a minimum can go down to its flexibility (0). */
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INFEASIBLE);
  g_assert_null (result);
  g_assert_nonnull (strstr (error->message, "lower the minimum of f"));
  g_clear_error (&error);

  relaxations = dlg_draw_propose_relaxation (input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relaxations->len, ==, 1);
  {
    DlgDrawRelaxation *relaxation = g_ptr_array_index (relaxations, 0);

    g_assert_cmpstr (relaxation->value, ==, "v1");
    g_assert_cmpint (relaxation->old_min, ==, 1);
    g_assert_cmpint (relaxation->new_min, ==, 0);
    g_assert_cmpint (relaxation->new_max, ==, relaxation->old_max);
  }
}

static const Quota example5_quotas[] = {
  { "gender", "female", 1, 1, -1, -1 }, { "gender", "male", 4, 4, -1, -1 },
  { "political", "liberal", 4, 4, -1, -1 }, { "political", "conservative", 1, 1, -1, -1 },
};
static const Person example5_people[] = {
  { "adam", { "male", "liberal" }, "1" },
  { "brian", { "male", "liberal" }, "2" },
  { "cameron", { "male", "liberal" }, "3" },
  { "dave", { "male", "liberal" }, "4" },
  { "elinor", { "female", "liberal" }, "5" },
  { "frank", { "male", "conservative" }, "6" },
  { "grace", { "female", "conservative" }, "7" },
};

static void
test_example5 (void)
{
  static const char *const others[] = { "adam", "brian", "cameron", "dave", "frank" };
  g_autoptr(DlgDrawInput) input = make_input (example5_quotas, G_N_ELEMENTS (example5_quotas),
                                              example5_people, G_N_ELEMENTS (example5_people),
                                              FALSE, 5, DLG_DRAW_ALGORITHM_MAXIMIN);
  g_autoptr(DlgDrawResult) result = run_ok (input);
  g_autoptr(DlgDrawInput) leximin_input = NULL;
  g_autoptr(DlgDrawResult) leximin = NULL;

  /* maximin is 1/2 */
  for (guint i = 0; i < G_N_ELEMENTS (others); i++)
    g_assert_cmpfloat (probability_of (result, others[i]), >=, 0.5 - PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "elinor"), 0.5, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (result, "grace"), 0.5, PRECISION);

  /* leximin is unique here: grace's panel with probability 1/2, so adam … dave get 7/8 */
  leximin_input = make_input (example5_quotas, G_N_ELEMENTS (example5_quotas), example5_people,
                              G_N_ELEMENTS (example5_people), FALSE, 5,
                              DLG_DRAW_ALGORITHM_LEXIMIN);
  leximin = run_ok (leximin_input);
  g_assert_cmpfloat_with_epsilon (probability_of (leximin, "elinor"), 0.5, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (leximin, "grace"), 0.5, PRECISION);
  g_assert_cmpfloat_with_epsilon (probability_of (leximin, "frank"), 0.5, PRECISION);
  for (guint i = 0; i < 4; i++)
    g_assert_cmpfloat_with_epsilon (probability_of (leximin, others[i]), 7.0 / 8, PRECISION);
}

static DlgDrawInput *
make_example6 (DlgDrawAlgorithm algorithm)
{
  static const char *const kinds[6][3] = {
    { "v1", "v1", "v3" }, { "v1", "v3", "v1" }, { "v3", "v1", "v1" },
    { "v2", "v2", "v3" }, { "v2", "v3", "v2" }, { "v3", "v2", "v2" },
  };
  static const char *const extra[3] = { "v3", "v3", "v3" };
  g_autoptr(GError) error = NULL;
  DlgDrawInput *input = dlg_draw_input_new ();

  for (guint f = 1; f <= 3; f++)
    for (guint v = 1; v <= 3; v++)
      {
        g_autofree char *category = g_strdup_printf ("f%u", f);
        g_autofree char *value = g_strdup_printf ("v%u", v);

        dlg_draw_input_add_quota (input, category, value, v == 3 ? 0 : 15, 46, -1, -1, &error);
        g_assert_no_error (error);
      }
  for (guint i = 1; i <= 10; i++)
    for (guint kind = 0; kind < 6; kind++)
      {
        g_autofree char *id = g_strdup_printf ("p%u", i + 10 * kind);

        dlg_draw_input_add_person (input, id, kinds[kind], NULL, &error);
        g_assert_no_error (error);
      }
  dlg_draw_input_add_person (input, "p61", extra, NULL, &error);
  g_assert_no_error (error);
  dlg_draw_input_set_size (input, 46);
  dlg_draw_input_set_seed (input, 3);
  dlg_draw_input_set_algorithm (input, algorithm);
  return input;
}

static void
test_example6 (void)
{
  for (DlgDrawAlgorithm a = DLG_DRAW_ALGORITHM_MAXIMIN; a <= DLG_DRAW_ALGORITHM_LEXIMIN; a++)
    {
      g_autoptr(DlgDrawInput) input = make_example6 (a);
      g_autoptr(DlgDrawResult) result = run_ok (input);

      /* p61 is on no panel; the maximin among the others is 46/60 for everyone */
      g_assert_cmpfloat (probability_of (result, "p61"), ==, 0.0);
      for (guint i = 1; i <= 60; i++)
        {
          g_autofree char *id = g_strdup_printf ("p%u", i);

          g_assert_cmpfloat_with_epsilon (probability_of (result, id), 46.0 / 60, PRECISION);
        }
    }
}

/* --- The Sortition Foundation's fixture (150 candidates, panel of 22) ----------------- */

static DlgDrawInput *
load_fixture (DlgDrawAlgorithm  algorithm,
              guint32           seed)
{
  static const char *const households[] = { "primary_address1", "primary_zip", NULL };
  g_autofree char *features = g_test_build_filename (G_TEST_DIST, "fixtures", "sortition",
                                                     "features.csv", NULL);
  g_autofree char *candidates = g_test_build_filename (G_TEST_DIST, "fixtures", "sortition",
                                                       "candidates.csv", NULL);
  g_autoptr(GError) error = NULL;
  DlgDrawInput *input = dlg_draw_input_new ();

  dlg_draw_csv_read_features (input, features, &error);
  g_assert_no_error (error);
  dlg_draw_csv_read_people (input, candidates, NULL, households, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_draw_input_get_n_people (input), ==, 150);
  g_assert_cmpuint (dlg_draw_input_get_n_quotas (input), ==, 20);
  g_assert_cmpstr (dlg_draw_input_get_person_id (input, 0), ==, "p0");
  dlg_draw_input_set_size (input, 22);
  dlg_draw_input_set_seed (input, seed);
  dlg_draw_input_set_algorithm (input, algorithm);
  return input;
}

static int
compare_double (const void *a,
                const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/* A pool with quotas of ±25 % around its own shares: uniform k/n for everyone is possible, so
 * it is the maximin and the leximin, which the column generation stops at by its bound. */
static DlgDrawInput *
make_proportional (guint            n_people,
                   guint            size,
                   DlgDrawAlgorithm algorithm)
{
  static const guint n_values[] = { 2, 3, 4, 5 };
  g_autoptr(GRand) rand = g_rand_new_with_seed (5);
  g_autoptr(GError) error = NULL;
  DlgDrawInput *input = dlg_draw_input_new ();
  g_autofree guint *values = g_new (guint, n_people * G_N_ELEMENTS (n_values));
  char names[G_N_ELEMENTS (n_values)][5][8];

  for (guint c = 0; c < G_N_ELEMENTS (n_values); c++)
    {
      guint counts[5] = { 0, };

      for (guint p = 0; p < n_people; p++)
        {
          /* skewed: value v with weight v + 1 */
          guint u = g_rand_int_range (rand, 0, n_values[c] * (n_values[c] + 1) / 2), v = 0;

          while (u >= v + 1)
            u -= ++v;
          values[p * G_N_ELEMENTS (n_values) + c] = v;
          counts[v]++;
        }
      for (guint v = 0; v < n_values[c]; v++)
        {
          double target = (double) size * counts[v] / n_people;
          char category[8];

          g_snprintf (category, sizeof category, "c%u", c);
          g_snprintf (names[c][v], sizeof names[c][v], "v%u", v);
          dlg_draw_input_add_quota (input, category, names[c][v], (int) floor (0.75 * target),
                                    (int) MIN (ceil (1.25 * target), counts[v]), -1, -1,
                                    &error);
          g_assert_no_error (error);
        }
    }
  for (guint p = 0; p < n_people; p++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", p);
      const char *strings[G_N_ELEMENTS (n_values) + 1] = { NULL, };

      for (guint c = 0; c < G_N_ELEMENTS (n_values); c++)
        strings[c] = names[c][values[p * G_N_ELEMENTS (n_values) + c]];
      dlg_draw_input_add_person (input, id, strings, NULL, &error);
      g_assert_no_error (error);
    }
  dlg_draw_input_set_size (input, size);
  dlg_draw_input_set_seed (input, 7);
  dlg_draw_input_set_algorithm (input, algorithm);
  return input;
}

static void
test_proportional (void)
{
  for (DlgDrawAlgorithm a = DLG_DRAW_ALGORITHM_MAXIMIN; a <= DLG_DRAW_ALGORITHM_LEXIMIN; a++)
    {
      g_autoptr(DlgDrawInput) input = make_proportional (240, 36, a);
      g_autoptr(DlgDrawResult) result = run_ok (input);

      g_test_message ("%s: min %.7f, max %.7f, %u panels", dlg_draw_algorithm_to_string (a),
                      dlg_draw_result_get_min_probability (result),
                      dlg_draw_result_get_max_probability (result),
                      dlg_draw_result_get_n_panels (result));
      g_assert_cmpfloat_with_epsilon (dlg_draw_result_get_min_probability (result), 36.0 / 240,
                                      1e-6);
      /* the probabilities sum to k, so nobody is above k/n either */
      g_assert_cmpfloat_with_epsilon (dlg_draw_result_get_max_probability (result), 36.0 / 240,
                                      1e-4);
    }
}

/* Everyone of a value sits on every panel: they are fixed at 1 together (the bound of a level
 * at probability 1), and the others share the rest evenly. */
static void
test_certain (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawInput) input = dlg_draw_input_new ();
  g_autoptr(DlgDrawResult) result = NULL;
  static const char *const sizes[] = { "s", "m", "l" };

  dlg_draw_input_add_quota (input, "colour", "red", 4, 4, -1, -1, &error);
  g_assert_no_error (error);
  dlg_draw_input_add_quota (input, "colour", "blue", 6, 6, -1, -1, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      dlg_draw_input_add_quota (input, "size", sizes[i], 0, 10, -1, -1, &error);
      g_assert_no_error (error);
    }
  for (guint p = 0; p < 20; p++)
    {
      g_autofree char *id = g_strdup_printf ("p%u", p);
      const char *values[] = { p < 4 ? "red" : "blue", sizes[p % 3], NULL };

      dlg_draw_input_add_person (input, id, values, NULL, &error);
      g_assert_no_error (error);
    }
  dlg_draw_input_set_size (input, 10);
  dlg_draw_input_set_seed (input, 3);
  dlg_draw_input_set_algorithm (input, DLG_DRAW_ALGORITHM_LEXIMIN);
  result = run_ok (input);
  for (guint p = 0; p < 20; p++)
    g_assert_cmpfloat_with_epsilon (dlg_draw_result_get_probability (result, p),
                                    p < 4 ? 1.0 : 6.0 / 16, PRECISION);
}

static void
test_fixture_fairness (void)
{
  g_autoptr(DlgDrawInput) leximin_input = load_fixture (DLG_DRAW_ALGORITHM_LEXIMIN, 1);
  g_autoptr(DlgDrawInput) maximin_input = load_fixture (DLG_DRAW_ALGORITHM_MAXIMIN, 1);
  g_autoptr(DlgDrawInput) legacy_input = load_fixture (DLG_DRAW_ALGORITHM_LEGACY, 1);
  g_autoptr(DlgDrawResult) leximin = run_ok (leximin_input);
  g_autoptr(DlgDrawResult) maximin = run_ok (maximin_input);
  g_autoptr(DlgDrawResult) legacy = run_ok (legacy_input);
  double leximin_min = dlg_draw_result_get_min_probability (leximin);
  g_autofree double *sorted_leximin = g_new (double, 150);
  g_autofree double *sorted_maximin = g_new (double, 150);

  g_test_message ("min probability: leximin %.5f, maximin %.5f, legacy %.5f", leximin_min,
                  dlg_draw_result_get_min_probability (maximin),
                  dlg_draw_result_get_min_probability (legacy));
  /* leximin's first level is the maximin */
  g_assert_cmpfloat_with_epsilon (leximin_min, dlg_draw_result_get_min_probability (maximin),
                                  1e-4);
  g_assert_cmpfloat (leximin_min, >=, dlg_draw_result_get_min_probability (maximin) - 1e-6);
  g_assert_cmpfloat (leximin_min, >, dlg_draw_result_get_min_probability (legacy));
  g_assert_cmpfloat (leximin_min, >, 0.05);

  /* leximin dominates maximin in the sorted order: compare the lowest five levels */
  for (guint p = 0; p < 150; p++)
    {
      sorted_leximin[p] = dlg_draw_result_get_probability (leximin, p);
      sorted_maximin[p] = dlg_draw_result_get_probability (maximin, p);
    }
  qsort (sorted_leximin, 150, sizeof (double), compare_double);
  qsort (sorted_maximin, 150, sizeof (double), compare_double);
  for (guint p = 0; p < 150; p++)
    if (fabs (sorted_leximin[p] - sorted_maximin[p]) > 1e-4)
      {
        /* the first level where they differ is higher for leximin */
        g_assert_cmpfloat (sorted_leximin[p], >, sorted_maximin[p]);
        break;
      }
}

static void
test_fixture_replay (void)
{
  for (DlgDrawAlgorithm a = DLG_DRAW_ALGORITHM_LEGACY; a <= DLG_DRAW_ALGORITHM_LEXIMIN; a++)
    {
      g_autoptr(DlgDrawInput) input = load_fixture (a, 20261125);
      g_autoptr(DlgDrawInput) again = load_fixture (a, 20261125);
      g_autoptr(DlgDrawInput) other_seed = load_fixture (a, 20261126);
      g_autoptr(DlgDrawResult) first = run_ok (input);
      g_autoptr(DlgDrawResult) second = run_ok (again);
      g_autoptr(DlgDrawResult) third = run_ok (other_seed);
      g_auto(GStrv) panel1 = dlg_draw_result_dup_panel_ids (first);
      g_auto(GStrv) panel2 = dlg_draw_result_dup_panel_ids (second);
      g_auto(GStrv) panel3 = dlg_draw_result_dup_panel_ids (third);
      g_auto(GStrv) reserve1 = dlg_draw_result_dup_reserve_ids (first);
      g_auto(GStrv) reserve2 = dlg_draw_result_dup_reserve_ids (second);
      g_autofree char *json = dlg_draw_input_to_json (input);
      g_autoptr(GError) error = NULL;
      g_autoptr(DlgDrawInput) replayed_input = dlg_draw_input_new_from_json (json, &error);
      g_autoptr(DlgDrawResult) replayed = NULL;
      g_auto(GStrv) panel4 = NULL;

      g_assert_no_error (error);
      replayed = run_ok (replayed_input);
      panel4 = dlg_draw_result_dup_panel_ids (replayed);
      g_assert_true (g_strv_equal ((const char *const *) panel1, (const char *const *) panel2));
      g_assert_true (g_strv_equal ((const char *const *) panel1, (const char *const *) panel4));
      g_assert_true (g_strv_equal ((const char *const *) reserve1,
                                   (const char *const *) reserve2));
      g_assert_cmpuint (g_strv_length (reserve1), ==, 22);
      /* another seed draws another panel (the chance of the same one is negligible) */
      g_assert_false (g_strv_equal ((const char *const *) panel1, (const char *const *) panel3));
      for (guint p = 0; p < 150; p++)
        g_assert_cmpfloat (dlg_draw_result_get_probability (first, p), ==,
                           dlg_draw_result_get_probability (second, p));
    }
}

static void
test_fixture_infeasible (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "sortition",
                                                 "candidates.csv", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawInput) input = dlg_draw_input_new ();
  g_autoptr(DlgDrawResult) result = NULL;
  g_autoptr(GPtrArray) relaxations = NULL;
  g_autoptr(DlgDrawInput) relaxed = dlg_draw_input_new ();

  /* at least 14 women and 10 men in a panel of 22 */
  dlg_draw_input_add_quota (input, "Gender", "Female", 14, 16, 0, 22, &error);
  dlg_draw_input_add_quota (input, "Gender", "Male", 10, 12, 0, 22, &error);
  dlg_draw_input_add_quota (input, "Gender", "Non-binary or other", 0, 1, 0, 1, &error);
  g_assert_no_error (error);
  dlg_draw_csv_read_people (input, path, NULL, NULL, &error);
  g_assert_no_error (error);
  dlg_draw_input_set_size (input, 22);

  result = dlg_draw_run (input, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INFEASIBLE);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "lower the minimum of Gender="));
  g_clear_error (&error);

  /* the smallest change: two fewer people at a minimum, lowering the larger one (14 → 12 weighs
   * less than 10 → 8) */
  relaxations = dlg_draw_propose_relaxation (input, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (relaxations->len, ==, 1);
  {
    DlgDrawRelaxation *relaxation = g_ptr_array_index (relaxations, 0);

    g_assert_cmpstr (relaxation->category, ==, "Gender");
    g_assert_cmpstr (relaxation->value, ==, "Female");
    g_assert_cmpint (relaxation->new_min, ==, 12);
    g_assert_cmpstr (relaxation->description, ==,
                     "lower the minimum of Gender=Female from 14 to 12");
  }

  /* applying it makes the draw possible */
  dlg_draw_input_add_quota (relaxed, "Gender", "Female", 12, 16, -1, -1, &error);
  dlg_draw_input_add_quota (relaxed, "Gender", "Male", 10, 12, -1, -1, &error);
  dlg_draw_input_add_quota (relaxed, "Gender", "Non-binary or other", 0, 1, -1, -1, &error);
  dlg_draw_csv_read_people (relaxed, path, NULL, NULL, &error);
  g_assert_no_error (error);
  dlg_draw_input_set_size (relaxed, 22);
  g_clear_object (&result);
  result = run_ok (relaxed);

  /* no flexibility at all: cannot relax */
  {
    g_autoptr(DlgDrawInput) rigid = dlg_draw_input_new ();
    g_autoptr(GPtrArray) none = NULL;

    dlg_draw_input_add_quota (rigid, "Gender", "Female", 14, 16, 14, 16, &error);
    dlg_draw_input_add_quota (rigid, "Gender", "Male", 10, 12, 10, 12, &error);
    dlg_draw_input_add_quota (rigid, "Gender", "Non-binary or other", 0, 1, 0, 1, &error);
    dlg_draw_csv_read_people (rigid, path, NULL, NULL, &error);
    g_assert_no_error (error);
    dlg_draw_input_set_size (rigid, 22);
    none = dlg_draw_propose_relaxation (rigid, NULL, &error);
    g_assert_null (none);
    g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_CANNOT_RELAX);
  }
}

/* --- CSV --------------------------------------------------------------------------------- */

static void
test_csv_parse (void)
{
  static const char data[] =
    "\xEF\xBB\xBFid,name,\"note\"\r\n"
    "1,\"Dupont, Marie\",\"she said \"\"yes\"\"\"\r\n"
    "\r\n"
    "2,\"two\nlines\",\r\n"
    "3,é,last";
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) rows = dlg_csv_parse (data, sizeof data - 1, "t.csv", &error);
  DlgCsvRow *row;

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 4);
  row = g_ptr_array_index (rows, 0);
  g_assert_cmpuint (row->n_fields, ==, 3);
  g_assert_cmpstr (row->fields[0], ==, "id");
  g_assert_cmpstr (row->fields[2], ==, "note");
  row = g_ptr_array_index (rows, 1);
  g_assert_cmpstr (row->fields[1], ==, "Dupont, Marie");
  g_assert_cmpstr (row->fields[2], ==, "she said \"yes\"");
  row = g_ptr_array_index (rows, 2);
  g_assert_cmpuint (row->line, ==, 4);
  g_assert_cmpstr (row->fields[1], ==, "two\nlines");
  g_assert_cmpstr (row->fields[2], ==, "");
  row = g_ptr_array_index (rows, 3);
  g_assert_cmpuint (row->line, ==, 6);
  g_assert_cmpstr (row->fields[1], ==, "é");

  g_clear_pointer (&rows, g_ptr_array_unref);
  rows = dlg_csv_parse ("a,b\n1,\"open\n", 12, "t.csv", &error);
  g_assert_null (rows);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "t.csv, line 2: a quoted field is not closed.");
  g_clear_error (&error);
  rows = dlg_csv_parse ("a,b\n1,x\"y\n", 10, "t.csv", &error);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "line 2"));
  g_clear_error (&error);
  rows = dlg_csv_parse ("a,\xff\n", 4, "t.csv", &error);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);

  {
    g_autofree char *quoted = dlg_csv_quote ("a \"b\", c");

    g_assert_cmpstr (quoted, ==, "\"a \"\"b\"\", c\"");
  }
}

typedef struct
{
  const char *features;
  const char *people;
  const char *expected; /* part of the message */
  DlgDrawError code;
} CsvCase;

static void
test_csv_errors (void)
{
  static const char good_features[] = "category,name,min,max\r\nGender,F,1,2\r\nGender,M,1,2\r\n";
  static const char good_people[] = "id,Gender,extra\n1,F,x\n2,M,y\n";
  static const CsvCase cases[] = {
    { "feature,value,min\nGender,F,1\n", good_people,
      "features.csv, line 1: the header needs",
      DLG_DRAW_ERROR_CSV_FORMAT },
    { "feature,value,min,max\nGender,F,3,2\n", good_people,
      "features.csv, line 2: The minimum of Gender=F (3) is greater than its maximum (2).",
      DLG_DRAW_ERROR_INVALID_QUOTA },
    { "feature,value,min,max\nGender,F,1,2\nGender,M,x,2\n", good_people,
      "features.csv, line 3: “x” is not a whole number of people.",
      DLG_DRAW_ERROR_INVALID_QUOTA },
    { "feature,value,min,max\nGender,F,1,2\nGender,M,-1,2\n", good_people,
      "features.csv, line 3: “-1” is not a whole number",
      DLG_DRAW_ERROR_INVALID_QUOTA },
    { "feature,value,min,max\nGender,F,1,2,5\n", good_people,
      "features.csv, line 2: 5 fields where the header has 4.",
      DLG_DRAW_ERROR_CSV_FORMAT },
    { "feature,value,min,max\nGender,F,1,2\nGender,F,1,2\n", good_people,
      "features.csv, line 3: The quota of Gender=F is given twice.",
      DLG_DRAW_ERROR_INVALID_QUOTA },
    { good_features, "id,Gender\n1,F\n2,X\n",
      "people.csv, line 3: “X” is not a value of Gender in the quotas.",
      DLG_DRAW_ERROR_INVALID_PERSON },
    { good_features, "id,Sex\n1,F\n",
      "people.csv, line 1: there is no column for the category “Gender”.",
      DLG_DRAW_ERROR_CSV_FORMAT },
    { good_features, "id,Gender\n1,F\n2,M\n1,M\n",
      "people.csv, line 4: the id “1” is already used on line 2.",
      DLG_DRAW_ERROR_INVALID_PERSON },
    { good_features, "id,Gender\n1,F\n2\n",
      "people.csv, line 3: 1 fields where the header has 2.",
      DLG_DRAW_ERROR_CSV_FORMAT },
    { good_features, "", "people.csv is empty.",
      DLG_DRAW_ERROR_CSV_FORMAT },
  };
  g_autofree char *dir = g_dir_make_tmp ("test-draw-XXXXXX", NULL);
  g_autofree char *features = g_build_filename (dir, "features.csv", NULL);
  g_autofree char *people = g_build_filename (dir, "people.csv", NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlgDrawInput) input = dlg_draw_input_new ();

      g_file_set_contents (features, cases[i].features, -1, &error);
      g_file_set_contents (people, cases[i].people, -1, &error);
      g_assert_no_error (error);
      if (dlg_draw_csv_read_features (input, features, &error))
        dlg_draw_csv_read_people (input, people, NULL, NULL, &error);
      g_assert_error (error, DLG_DRAW_ERROR, cases[i].code);
      if (strstr (error->message, cases[i].expected) == NULL)
        g_error ("case %u: “%s” lacks “%s”", i, error->message, cases[i].expected);
    }

  /* good files; values match ignoring case; extra columns ignored; ids from row numbers */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DlgDrawInput) input = dlg_draw_input_new ();

    g_file_set_contents (features, good_features, -1, &error);
    g_file_set_contents (people, "Gender,extra\nf,1\nM,2\n", -1, &error);
    dlg_draw_csv_read_features (input, features, &error);
    g_assert_no_error (error);
    dlg_draw_csv_read_people (input, people, NULL, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (dlg_draw_input_get_n_people (input), ==, 2);
    g_assert_cmpstr (dlg_draw_input_get_person_id (input, 1), ==, "2");
    g_assert_cmpstr (dlg_draw_input_get_person_value (input, 0, 0), ==, "F");
  }
  g_unlink (features);
  g_unlink (people);
  g_rmdir (dir);
}

/* --- Async --------------------------------------------------------------------------------- */

typedef struct
{
  GMainLoop     *loop;
  DlgDrawResult *result;
  GError        *error;
  guint          n_progress;
  double         last_fraction;
  GCancellable  *cancel_on_progress;
} AsyncData;

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  AsyncData *data = user_data;

  g_assert_nonnull (message);
  g_assert_cmpfloat (fraction, >=, 0.0);
  g_assert_cmpfloat (fraction, <=, 1.0);
  data->n_progress++;
  data->last_fraction = fraction;
  if (data->cancel_on_progress != NULL && fraction > 0.0)
    g_cancellable_cancel (data->cancel_on_progress);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncData *data = user_data;

  data->result = dlg_draw_run_finish (result, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async (void)
{
  g_autoptr(DlgDrawInput) input = load_fixture (DLG_DRAW_ALGORITHM_LEXIMIN, 5);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) midway = g_cancellable_new ();
  AsyncData data = { g_main_loop_new (NULL, FALSE), NULL, NULL, 0, 0.0, NULL };
  g_autoptr(DlgDrawResult) sync = run_ok (input);
  g_auto(GStrv) sync_panel = dlg_draw_result_dup_panel_ids (sync);
  g_auto(GStrv) async_panel = NULL;

  dlg_draw_run_async (input, NULL, progress_cb, &data, NULL, run_done_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_no_error (data.error);
  g_assert_nonnull (data.result);
  /* pending progress updates arrive before or right after the end */
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_assert_cmpuint (data.n_progress, >, 1);
  g_assert_cmpfloat (data.last_fraction, ==, 1.0);
  async_panel = dlg_draw_result_dup_panel_ids (data.result);
  g_assert_true (g_strv_equal ((const char *const *) sync_panel,
                               (const char *const *) async_panel));
  g_clear_object (&data.result);

  /* cancelled */
  g_cancellable_cancel (cancellable);
  dlg_draw_run_async (input, cancellable, NULL, NULL, NULL, run_done_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (data.result);
  g_clear_error (&data.error);

  /* cancelled while it runs, from the first progress report */
  data.cancel_on_progress = midway;
  data.n_progress = 0;
  dlg_draw_run_async (input, midway, progress_cb, &data, NULL, run_done_cb, &data);
  g_main_loop_run (data.loop);
  g_assert_error (data.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (data.result);
  g_assert_cmpuint (data.n_progress, >=, 1);
  g_clear_error (&data.error);
  while (g_main_context_iteration (NULL, FALSE))
    ;
  g_main_loop_unref (data.loop);
}

static gpointer
draw_thread (gpointer data)
{
  return dlg_draw_run (data, NULL, NULL, NULL, NULL);
}

/* GLPK keeps its state per thread: two draws at once give what each gives alone. */
static void
test_threads (void)
{
  g_autoptr(DlgDrawInput) a = load_fixture (DLG_DRAW_ALGORITHM_LEXIMIN, 11);
  g_autoptr(DlgDrawInput) b = load_fixture (DLG_DRAW_ALGORITHM_MAXIMIN, 12);
  GThread *ta = g_thread_new ("draw-a", draw_thread, a);
  GThread *tb = g_thread_new ("draw-b", draw_thread, b);
  g_autoptr(DlgDrawResult) ra = g_thread_join (ta);
  g_autoptr(DlgDrawResult) rb = g_thread_join (tb);
  g_autoptr(DlgDrawResult) sa = run_ok (a);
  g_autoptr(DlgDrawResult) sb = run_ok (b);
  g_auto(GStrv) pa = NULL, pb = NULL, qa = NULL, qb = NULL;

  g_assert_nonnull (ra);
  g_assert_nonnull (rb);
  pa = dlg_draw_result_dup_panel_ids (ra);
  qa = dlg_draw_result_dup_panel_ids (sa);
  pb = dlg_draw_result_dup_panel_ids (rb);
  qb = dlg_draw_result_dup_panel_ids (sb);
  g_assert_true (g_strv_equal ((const char *const *) pa, (const char *const *) qa));
  g_assert_true (g_strv_equal ((const char *const *) pb, (const char *const *) qb));
}

/* --- Storage ------------------------------------------------------------------------------ */

static void
exec_sql (DlgStore   *store,
          const char *sql)
{
  g_autoptr(GError) error = NULL;

  dlg_store_exec (store, sql, &error);
  g_assert_no_error (error);
}

static gint64
query_int (DlgStore   *store,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

static void
test_store (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgDrawInput) input = NULL;
  g_autoptr(DlgDrawResult) result = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *sql = NULL;
  g_autofree char *public_json = NULL;
  gint64 process_id, draw_id = 0, n_entries = 0;
  JsonObject *root;

  g_assert_no_error (error);
  process = dlg_process_create (store, "Budget participatif", &error);
  g_assert_no_error (error);
  process_id = dlg_process_get_id (process);

  sql = g_strdup_printf (
    "INSERT INTO quota (process_id, category, value, min, max, min_flex, max_flex) VALUES"
    " (%1$" G_GINT64_FORMAT ", 'gender', 'woman', 2, 3, NULL, NULL),"
    " (%1$" G_GINT64_FORMAT ", 'gender', 'man', 2, 3, NULL, NULL),"
    " (%1$" G_GINT64_FORMAT ", 'age_band', '18-29', 1, 3, NULL, NULL),"
    " (%1$" G_GINT64_FORMAT ", 'age_band', '60-74', 1, 4, NULL, NULL);"
    "INSERT INTO participant (uuid, process_id, age_band, gender, household, consent, status,"
    " registered_at) VALUES"
    " ('u1', %1$" G_GINT64_FORMAT ", '18-29', 'woman', 'h1', 1, 'registered', 'now'),"
    " ('u2', %1$" G_GINT64_FORMAT ", '18-29', 'man', 'h1', 1, 'registered', 'now'),"
    " ('u3', %1$" G_GINT64_FORMAT ", '60-74', 'woman', NULL, 1, 'registered', 'now'),"
    " ('u4', %1$" G_GINT64_FORMAT ", '60-74', 'man', NULL, 1, 'registered', 'now'),"
    " ('u5', %1$" G_GINT64_FORMAT ", '60-74', 'woman', NULL, 1, 'registered', 'now'),"
    " ('u6', %1$" G_GINT64_FORMAT ", '18-29', 'man', NULL, 1, 'registered', 'now'),"
    " ('u7', %1$" G_GINT64_FORMAT ", '60-74', 'man', NULL, 1, 'registered', 'now'),"
    " ('u8', %1$" G_GINT64_FORMAT ", '18-29', 'woman', NULL, 0, 'registered', 'now'),"
    " ('u9', %1$" G_GINT64_FORMAT ", '60-74', 'woman', NULL, 1, 'declined', 'now');",
    process_id);
  exec_sql (store, sql);

  input = dlg_draw_input_new_for_process (store, process_id, 4, 99, DLG_DRAW_ALGORITHM_LEXIMIN,
                                          &error);
  g_assert_no_error (error);
  /* no consent (u8) and declined (u9) are not in the pool */
  g_assert_cmpuint (dlg_draw_input_get_n_people (input), ==, 7);
  g_assert_cmpuint (dlg_draw_input_get_n_categories (input), ==, 2);
  dlg_draw_input_set_reserve_size (input, 2);
  result = run_ok (input);

  dlg_draw_save (store, process_id, result, &draw_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (draw_id, >, 0);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM participant WHERE status = 'selected'"),
                   ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM participant WHERE status = 'reserve'"),
                   ==, 2);
  g_assert_cmpint (query_int (store, "SELECT min(reserve_rank) FROM participant"), ==, 1);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM draw_probability"), ==, 7);
  g_assert_cmpint (query_int (store, "SELECT sum(selected) FROM draw_probability"), ==, 4);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM participant WHERE status = 'selected'"
                                     " AND household = 'h1'"), <=, 1);
  g_assert_cmpint (query_int (store, "SELECT seed FROM draw"), ==, 99);
  g_assert_cmpint (query_int (store, "SELECT count(*) FROM journal WHERE action = 'draw.save'"),
                   ==, 1);
  dlg_journal_verify (store, process_id, &n_entries, &error);
  g_assert_no_error (error);

  /* a second draw puts the first panel back in the pool */
  {
    g_autoptr(DlgDrawInput) again = dlg_draw_input_new_for_process (store, process_id, 4, 100,
                                                                    DLG_DRAW_ALGORITHM_MAXIMIN,
                                                                    &error);
    g_autoptr(DlgDrawResult) second = NULL;

    g_assert_no_error (error);
    g_assert_cmpuint (dlg_draw_input_get_n_people (again), ==, 7);
    second = run_ok (again);
    dlg_draw_save (store, process_id, second, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (query_int (store,
                                "SELECT count(*) FROM participant WHERE status = 'selected'"),
                     ==, 4);
    g_assert_cmpint (query_int (store, "SELECT count(*) FROM draw"), ==, 2);
  }

  /* the public record: seed, quotas, sorted probabilities, no ids */
  public_json = dlg_draw_export_public_json (result);
  json_parser_load_from_data (parser, public_json, -1, &error);
  g_assert_no_error (error);
  root = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpint (json_object_get_int_member (root, "seed"), ==, 99);
  g_assert_true (g_str_has_prefix (json_object_get_string_member (root, "solver"), "GLPK "));
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "quotas")), ==, 4);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "probabilities")),
                    ==, 7);
  g_assert_null (strstr (public_json, "\"id\""));
  g_assert_null (strstr (public_json, "h1"));

  /* a quota on something that is not in the registration profile */
  exec_sql (store, "INSERT INTO quota (process_id, category, value, min, max)"
                   " SELECT id, 'income', 'low', 0, 1 FROM process");
  g_clear_pointer (&input, dlg_draw_input_unref);
  input = dlg_draw_input_new_for_process (store, process_id, 4, 1, DLG_DRAW_ALGORITHM_LEXIMIN,
                                          &error);
  g_assert_null (input);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

/* The demo process's quotas and registrations can be drawn from. */
static void
test_store_demo (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgDrawInput) input = NULL;
  g_autoptr(DlgDrawResult) result = NULL;
  gint64 process_id;

  g_assert_no_error (error);
  process_id = dlg_demo_ensure (store, NULL, &error);
  g_assert_no_error (error);
  input = dlg_draw_input_new_for_process (store, process_id, 24, 2026, DLG_DRAW_ALGORITHM_LEXIMIN,
                                          &error);
  g_assert_no_error (error);
  g_test_message ("demo pool: %u people, %u quotas", dlg_draw_input_get_n_people (input),
                  dlg_draw_input_get_n_quotas (input));
  g_assert_cmpuint (dlg_draw_input_get_n_quotas (input), >, 0);
  if (dlg_draw_input_get_n_people (input) < 24)
    return;
  result = dlg_draw_run (input, NULL, NULL, NULL, &error);
  /* a pool smaller than the demo's quotas assume can be infeasible: then a relaxation */
  if (result == NULL)
    g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INFEASIBLE);
  else
    {
      assert_result_ok (result);
      /* the demo's recruitment is done: a second panel is refused until it is reopened */
      g_assert_false (dlg_draw_save (store, process_id, result, NULL, &error));
      g_assert_error (error, DLG_ERROR, DLG_ERROR_CLOSED);
      g_clear_error (&error);
      dlg_stage_apply (store, process_id, DLG_STAGE_RECRUITMENT, DLG_TRANSITION_REOPEN,
                       "Un nouveau tirage", &error);
      g_assert_no_error (error);
      dlg_draw_save (store, process_id, result, NULL, &error);
      g_assert_no_error (error);
    }
}

/* --- CLI ---------------------------------------------------------------------------------- */

static int
run_cli (const char *const  *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GSubprocess) subprocess = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("DIALOGUE_CLI");

  if (cli == NULL)
    {
      g_test_skip ("DIALOGUE_CLI is not set");
      return -1;
    }
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "draw");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  subprocess = g_subprocess_newv ((const char *const *) argv->pdata,
                                  G_SUBPROCESS_FLAGS_STDOUT_PIPE
                                  | G_SUBPROCESS_FLAGS_STDERR_PIPE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (subprocess, NULL, NULL, out, err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (subprocess));
  return g_subprocess_get_exit_status (subprocess);
}

static void
test_cli (void)
{
  g_autofree char *features = g_test_build_filename (G_TEST_DIST, "fixtures", "sortition",
                                                     "features.csv", NULL);
  g_autofree char *candidates = g_test_build_filename (G_TEST_DIST, "fixtures", "sortition",
                                                       "candidates.csv", NULL);
  g_autofree char *dir = g_dir_make_tmp ("test-draw-cli-XXXXXX", NULL);
  g_autofree char *panel_csv = g_build_filename (dir, "panel.csv", NULL);
  g_autofree char *probs_csv = g_build_filename (dir, "probs.csv", NULL);
  g_autofree char *bad_features = g_build_filename (dir, "bad.csv", NULL);
  g_autoptr(GError) error = NULL;
  char *out = NULL, *err = NULL;
  int status;

  if (g_getenv ("DIALOGUE_CLI") == NULL)
    {
      g_test_skip ("DIALOGUE_CLI is not set");
      return;
    }

  /* usage */
  {
    const char *args[] = { NULL };

    status = run_cli (args, &out, &err);
    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "required"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* --progress: the level being fixed and its bounds on stderr, not a terminal here */
  {
    const char *args[] = { "--features", features, "--people", candidates, "--size", "22",
                           "--seed", "1", "--progress", NULL };

    status = run_cli (args, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (err, "Level 1: lowest probability "));
    g_assert_nonnull (strstr (err, "% so far, at most "));
    g_assert_nonnull (strstr (err, "100 %  Panel drawn\n"));
    g_assert_null (strchr (err, '\r'));
    g_assert_nonnull (strstr (out, "Panel of 22"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--features", features, "--people", candidates, "--size", "22",
                           "--algorithm", "nash", NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *args[] = { "--features", features, "--people", candidates, "--size", "22",
                           "--seed", "-3", NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* a draw, as JSON, with the panel and the probabilities written */
  {
    const char *args[] = { "--features", features, "--people", candidates, "--size", "22",
                           "--seed", "42", "--households", "primary_address1,primary_zip",
                           "--algorithm", "maximin", "--out", panel_csv,
                           "--probabilities", probs_csv, "--json", NULL };
    g_autoptr(JsonParser) parser = json_parser_new ();
    g_autoptr(GPtrArray) rows = NULL;
    JsonObject *root;

    status = run_cli (args, &out, &err);
    g_assert_cmpint (status, ==, 0);
    json_parser_load_from_data (parser, out, -1, &error);
    g_assert_no_error (error);
    root = json_node_get_object (json_parser_get_root (parser));
    g_assert_cmpstr (json_object_get_string_member (root, "algorithm"), ==, "maximin");
    g_assert_cmpint (json_object_get_int_member (root, "seed"), ==, 42);
    g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "panel")), ==,
                      22);
    g_assert_cmpuint (json_object_get_size (json_object_get_object_member (root,
                                                                          "probabilities")),
                      ==, 150);
    rows = dlg_csv_read_file (panel_csv, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 1 + 22 + 22);
    g_clear_pointer (&rows, g_ptr_array_unref);
    rows = dlg_csv_read_file (probs_csv, &error);
    g_assert_no_error (error);
    g_assert_cmpuint (rows->len, ==, 151);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  /* infeasible quotas: status 1 and the relaxation on stderr */
  g_file_set_contents (bad_features,
                       "feature,value,min,max,min_flex,max_flex\n"
                       "Gender,Female,14,16,0,22\nGender,Male,10,12,0,22\n"
                       "Gender,Non-binary or other,0,1,0,1\n", -1, &error);
  g_assert_no_error (error);
  {
    const char *args[] = { "--features", bad_features, "--people", candidates, "--size", "22",
                           NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "lower the minimum of Gender=Female from 14 to 12"));
    g_assert_cmpstr (out, ==, "");
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  /* bad CSV: status 1, the file and line named */
  {
    const char *args[] = { "--features", candidates, "--people", candidates, "--size", "22",
                           NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 1);
    g_assert_nonnull (strstr (err, "candidates.csv, line 1"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  g_unlink (panel_csv);
  g_unlink (probs_csv);
  g_unlink (bad_features);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/lp/solve", test_lp);
  g_test_add_func ("/core/lp/interrupt", test_lp_interrupt);
  g_test_add_func ("/core/draw/against-reference", test_against_reference);
  g_test_add_func ("/core/draw/interior-against-reference", test_interior_against_reference);
  g_test_add_func ("/core/draw/interior-cancel", test_interior_cancel);
  g_test_add_func ("/core/draw/progress-bounds", test_progress_bounds);
  g_test_add_func ("/core/draw/csv/parse", test_csv_parse);
  g_test_add_func ("/core/draw/csv/errors", test_csv_errors);
  g_test_add_func ("/core/draw/maximin/example1", test_example1);
  g_test_add_func ("/core/draw/proportional-quotas", test_proportional_quotas);
  g_test_add_func ("/core/draw/maximin/example1-households", test_example1_households);
  g_test_add_func ("/core/draw/example2-households", test_example2_households);
  g_test_add_func ("/core/draw/maximin/example3", test_example3);
  g_test_add_func ("/core/draw/maximin/example4-infeasible", test_example4_infeasible);
  g_test_add_func ("/core/draw/maximin/example5", test_example5);
  g_test_add_func ("/core/draw/example6", test_example6);
  g_test_add_func ("/core/draw/proportional", test_proportional);
  g_test_add_func ("/core/draw/certain", test_certain);
  g_test_add_func ("/core/draw/fixture/fairness", test_fixture_fairness);
  g_test_add_func ("/core/draw/fixture/replay", test_fixture_replay);
  g_test_add_func ("/core/draw/fixture/infeasible", test_fixture_infeasible);
  g_test_add_func ("/core/draw/async", test_async);
  g_test_add_func ("/core/draw/threads", test_threads);
  g_test_add_func ("/core/draw/store", test_store);
  g_test_add_func ("/core/draw/store-demo", test_store_demo);
  g_test_add_func ("/cli/draw", test_cli);

  return g_test_run ();
}
