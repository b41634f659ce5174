/* bench-draw.c — how long a fair draw takes, and how fair it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Prints wall and CPU time and lowest selection probability for the Sortition Foundation's
 * fixture (150 candidates, panel of 22, leximin), for synthetic pools of 750 to 2,000 people
 * with 4 to 6 categories and panels of 112 to 200, and for the shapes of the replication's
 * instances (issue 15: 1,727/110 with 7 categories, 825/75, 2,000/200, 404/40 and 750/112,
 * categories of 2 to 8 values with uneven shares, quotas within ±1 of the pool's shares).
 * Usage: bench-draw [FIXTURE-DIR] [--quick | --shapes]; BENCH_DRAW_ONLY=N, BENCH_DRAW_SHAPE=N,
 * BENCH_DRAW_ALGORITHM=leximin|maximin, BENCH_DRAW_REFERENCE=1 (the engine before issue 15).
 *
 * Figures of issue 5 (wall seconds, GLPK 5.0, the shared 2-core machine under a load of about
 * 3, so ±30 %; before = the engine as merged with issue 5, after = with the bounds, the column
 * management and the basis repair of the master LP):
 *
 *   case                                    before    after
 *   750/112, 6 cat., proportional, maximin   66–92      3.5   (stops at k/n)
 *   750/112, 6 cat., skewed, leximin         86–105    58–70  (LP time 65–80 → 37–43)
 *   2000/200, 6 cat., skewed, leximin        288–383   241
 *   every other case                         ≤ 2.4     ≤ 2.9  (unchanged, noise)
 *
 * Figures of issue 15 (seconds, wall = CPU on a quiet moment of the machine, except shape 2:
 * CPU seconds, the machine under load; min = lowest probability; before = main at 0db489d,
 * after = this engine):
 *
 *   instance                      maximin before   after          leximin before   after
 *   shape 3: 404/40, 5 cat.       1.10 .099001     0.65 .099010   0.70 .099001     0.57 .099010
 *   shape 1: 825/75, 6 cat.       4.25 .090903     4.13 .090909   3.60 .090902     2.89 .090909
 *   shape 4: 750/112, 6 cat.      15.1 .149326     14.4 .149333   13.1 .149324     12.9 .149333
 *   750/112 skewed (case 5)       –                –              40.3 .091384     41.7 .091384
 *   shape 2: 2000/200, 6 cat.     241 CPU .099991  214 .100000    111 CPU .099990  178 .100000
 *   shape 0: 1727/110, 7 cat.     > 900 wall       > 900 wall     (not reached)
 *
 * The minimum is now k/n to the digit where everyone can have it (before: 1e-5 short), which
 * costs leximin on shape 2 more rounds. The time is the master LP (GLPK's dense LU of a basis
 * of ~450+ panel columns, 85–90 % of it on shapes 2 and 4): not yet the seconds that issue 15
 * asks for on the large shapes.
 *
 * Issue 15 continued (CPU seconds, thread CPU time from G_MESSAGES_DEBUG=dlg-draw; the machine
 * under a load of 12–15, so wall time is 3–15 times that; before = 296478d as measured then,
 * or the figures above where marked *; after = one round of multiplicative weights per type
 * when the quotas admit the pool's proportions, the warm-started pricing ILP, NFS_MAX 1000,
 * the primal simplex up to 4 pivots a row):
 *
 *   instance                      maximin before   after          leximin before   after
 *   shape 3: 404/40, 5 cat.       0.83             0.12 .099010   0.73             0.12 .099010
 *   shape 1: 825/75, 6 cat.       5.19             0.55 .090909   3.66             0.56 .090909
 *   shape 4: 750/112, 6 cat.      19.6 (perf)      1.23 .149333   12.9*            1.05 .149333
 *   shape 2: 2000/200, 6 cat.     214*             10.7 .100000   178*             10.7 .100000
 *   shape 0: 1727/110, 7 cat.     > 900 wall*      53.2 .063694   (not reached)    53.3 .063694
 *   750/112 skewed (case 5)       –                –              41.7*            45.2 .091384
 *
 * Profile before: master LP 35–65 %, pricing ILPs the rest (25–85 rounds of ~10 panels). After,
 * on shapes 1–4 the first master LP over the first panels reaches k/n: one or two LPs, 1–11
 * ILPs; what is left is that one LP from scratch (806 rows on shape 2: 2,406 pivots, 7.3 s;
 * 1,518 types on shape 0: 2,921 pivots, 47 s) and the first panels (~4 ms a round). Skewed
 * quotas (case 5: min < k/n) keep the old first panels and column generation (146 LPs, 1,427
 * ILPs): unchanged within the noise.
 */

#include "config.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dlg-draw.h"
#include "dlg-draw-csv.h"
#include "dlg-draw-private.h"

static void
print_result (const char       *name,
              DlgDrawInput     *input,
              guint             n_categories,
              gint64            wall_us,
              double            cpu_s,
              DlgDrawResult    *result,
              const GError     *error)
{
  if (result == NULL)
    {
      g_print ("%-34s %-8s %5u %4u %2u  FAILED: %s\n", name,
               dlg_draw_algorithm_to_string (dlg_draw_input_get_algorithm (input)),
               dlg_draw_input_get_n_people (input), dlg_draw_input_get_size (input),
               n_categories, error->message);
      return;
    }
  g_print ("%-34s %-8s %5u %4u %2u %9.3f s %8.3f s  min %.6f  max %.4f  %5u panels\n", name,
           dlg_draw_algorithm_to_string (dlg_draw_input_get_algorithm (input)),
           dlg_draw_input_get_n_people (input), dlg_draw_input_get_size (input), n_categories,
           wall_us / 1e6, cpu_s, dlg_draw_result_get_min_probability (result),
           dlg_draw_result_get_max_probability (result), dlg_draw_result_get_n_panels (result));
}

static gboolean
run (const char   *name,
     DlgDrawInput *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawResult) result = NULL;
  gint64 start = g_get_monotonic_time ();
  clock_t cpu_start = clock ();

  /* BENCH_DRAW_REFERENCE=1: the engine as before issue 15 */
  if (g_getenv ("BENCH_DRAW_REFERENCE") != NULL)
    result = dlg_draw_run_reference (input, &error);
  else
    result = dlg_draw_run (input, NULL, NULL, NULL, &error);
  print_result (name, input, dlg_draw_input_get_n_categories (input),
                g_get_monotonic_time () - start,
                (double) (clock () - cpu_start) / CLOCKS_PER_SEC, result, error);
  return result != NULL;
}

/* A pool whose shares differ from the population's (volunteers self-select), and quotas of
 * ±10 % around the population's shares, as a city sets them; or, with @proportional, quotas of
 * ±25 % around the pool's own shares (everyone can get k/n: many optimal panels). */
static DlgDrawInput *
synthetic (guint            n_people,
           guint            size,
           guint            n_categories,
           gboolean         proportional,
           DlgDrawAlgorithm algorithm,
           guint32          seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  DlgDrawInput *input = dlg_draw_input_new ();
  guint n_values[8];
  g_autofree guint *values = g_new (guint, n_people * n_categories);
  g_autofree const char **strings = g_new0 (const char *, n_categories + 1);
  char *names[8][6];

  g_assert (n_categories <= 8);
  for (guint c = 0; c < n_categories; c++)
    {
      double weights[6], population[6], total = 0.0, population_total = 0.0;
      guint counts[6] = { 0, };

      n_values[c] = 2 + c % 4; /* 2, 3, 4, 5, 2, 3 values */
      for (guint v = 0; v < n_values[c]; v++)
        {
          weights[v] = 1.0 + 2.0 * g_rand_double (rand);
          total += weights[v];
          population[v] = 1.0 + 2.0 * g_rand_double (rand);
          population_total += population[v];
          names[c][v] = g_strdup_printf ("c%uv%u", c, v);
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
      for (guint v = 0; v < n_values[c]; v++)
        {
          g_autofree char *category = g_strdup_printf ("cat%u", c);
          double target = proportional ? (double) size * counts[v] / n_people
                                       : size * population[v] / population_total;
          double spread = proportional ? 0.25 : 0.1;
          int min = MIN ((int) floor ((1 - spread) * target), (int) counts[v]);

          dlg_draw_input_add_quota (input, category, names[c][v], min,
                                    MAX (min, MIN ((int) ceil ((1 + spread) * target),
                                                   (int) counts[v])),
                                    -1, -1, &error);
          g_assert_no_error (error);
        }
    }
  for (guint p = 0; p < n_people; p++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", p);

      for (guint c = 0; c < n_categories; c++)
        strings[c] = names[c][values[p * n_categories + c]];
      dlg_draw_input_add_person (input, id, strings, NULL, &error);
      g_assert_no_error (error);
    }
  for (guint c = 0; c < n_categories; c++)
    for (guint v = 0; v < n_values[c]; v++)
      g_free (names[c][v]);
  dlg_draw_input_set_size (input, size);
  dlg_draw_input_set_seed (input, seed);
  dlg_draw_input_set_algorithm (input, algorithm);
  return input;
}

/* A pool shaped like the replication's instances (Flanigan et al. 2021): @n_categories
 * categories of 2 to 8 values with uneven shares, and quotas within ±1 of the pool's
 * proportions scaled to the panel. Everything comes from @seed. */
static DlgDrawInput *
replication_shape (guint            n_people,
                   guint            size,
                   guint            n_categories,
                   DlgDrawAlgorithm algorithm,
                   guint32          seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GError) error = NULL;
  DlgDrawInput *input = dlg_draw_input_new ();
  guint n_values[8];
  g_autofree guint *values = g_new (guint, n_people * n_categories);
  g_autofree const char **strings = g_new0 (const char *, n_categories + 1);
  char *names[8][8];

  g_assert (n_categories <= 8);
  for (guint c = 0; c < n_categories; c++)
    {
      double weights[8], total = 0.0;
      guint counts[8] = { 0, };

      n_values[c] = g_rand_int_range (rand, 2, 9);
      for (guint v = 0; v < n_values[c]; v++)
        {
          /* uneven: a few large values, a long tail of small ones */
          weights[v] = pow (g_rand_double_range (rand, 0.05, 1.0), 2.0);
          total += weights[v];
          names[c][v] = g_strdup_printf ("c%uv%u", c, v);
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
      for (guint v = 0; v < n_values[c]; v++)
        {
          g_autofree char *category = g_strdup_printf ("cat%u", c);
          double target = (double) size * counts[v] / n_people;
          int below = g_rand_int_range (rand, 0, 2), above = g_rand_int_range (rand, 0, 2);
          int min = MAX (0, (int) floor (target) - below);
          int max = MIN ((int) counts[v], (int) ceil (target) + above);

          dlg_draw_input_add_quota (input, category, names[c][v], MIN (min, max), max,
                                    -1, -1, &error);
          g_assert_no_error (error);
        }
    }
  for (guint p = 0; p < n_people; p++)
    {
      g_autofree char *id = g_strdup_printf ("s%u", p);

      for (guint c = 0; c < n_categories; c++)
        strings[c] = names[c][values[p * n_categories + c]];
      dlg_draw_input_add_person (input, id, strings, NULL, &error);
      g_assert_no_error (error);
    }
  for (guint c = 0; c < n_categories; c++)
    for (guint v = 0; v < n_values[c]; v++)
      g_free (names[c][v]);
  dlg_draw_input_set_size (input, size);
  dlg_draw_input_set_seed (input, seed);
  dlg_draw_input_set_algorithm (input, algorithm);
  return input;
}

int
main (int   argc,
      char *argv[])
{
  static const char *const households[] = { "primary_address1", "primary_zip", NULL };
  const char *dir = argc > 1 && argv[1][0] != '-' ? argv[1] : "tests/fixtures/sortition";
  gboolean quick = argc > 1 && g_str_equal (argv[argc - 1], "--quick");
  const char *only = g_getenv ("BENCH_DRAW_ONLY"); /* run one synthetic case, by index */
  const char *shape = g_getenv ("BENCH_DRAW_SHAPE"); /* run one replication shape, by index */
  const char *algo = g_getenv ("BENCH_DRAW_ALGORITHM"); /* leximin or maximin only */
  gboolean shapes_only = argc > 1 && g_str_equal (argv[argc - 1], "--shapes");
  g_autofree char *features = g_build_filename (dir, "features.csv", NULL);
  g_autofree char *candidates = g_build_filename (dir, "candidates.csv", NULL);
  g_autoptr(GError) error = NULL;
  gboolean ok = TRUE;
  struct {
    guint            n_people;
    guint            size;
    guint            n_categories;
    gboolean         proportional;
    DlgDrawAlgorithm algorithm;
  } cases[] = {
    { 750, 112, 4, FALSE, DLG_DRAW_ALGORITHM_MAXIMIN },
    { 750, 112, 5, FALSE, DLG_DRAW_ALGORITHM_MAXIMIN },
    { 750, 112, 6, FALSE, DLG_DRAW_ALGORITHM_MAXIMIN },
    { 750, 112, 6, TRUE, DLG_DRAW_ALGORITHM_MAXIMIN },
    { 750, 112, 4, FALSE, DLG_DRAW_ALGORITHM_LEXIMIN },
    { 750, 112, 6, FALSE, DLG_DRAW_ALGORITHM_LEXIMIN },
    { 750, 112, 4, FALSE, DLG_DRAW_ALGORITHM_LEGACY },
    { 2000, 200, 4, FALSE, DLG_DRAW_ALGORITHM_MAXIMIN },
    { 2000, 200, 6, FALSE, DLG_DRAW_ALGORITHM_MAXIMIN },
    { 2000, 200, 4, FALSE, DLG_DRAW_ALGORITHM_LEXIMIN },
    { 2000, 200, 6, FALSE, DLG_DRAW_ALGORITHM_LEXIMIN },
  };
  /* The shapes of the replication's instances (issue 15) */
  struct {
    guint n_people;
    guint size;
    guint n_categories;
  } shapes[] = {
    { 1727, 110, 7 },
    { 825, 75, 6 },
    { 2000, 200, 6 },
    { 404, 40, 5 },
    { 750, 112, 6 },
  };

  g_print ("%-34s %-8s %5s %4s %2s %11s %10s\n", "instance", "algo", "pool", "k", "c", "wall",
           "cpu");
  for (DlgDrawAlgorithm a = DLG_DRAW_ALGORITHM_LEGACY;
       only == NULL && shape == NULL && !shapes_only && a <= DLG_DRAW_ALGORITHM_LEXIMIN; a++)
    {
      g_autoptr(DlgDrawInput) input = dlg_draw_input_new ();

      if (!dlg_draw_csv_read_features (input, features, &error)
          || !dlg_draw_csv_read_people (input, candidates, NULL, households, &error))
        {
          g_printerr ("%s\n", error->message);
          return 1;
        }
      dlg_draw_input_set_size (input, 22);
      dlg_draw_input_set_seed (input, 1);
      dlg_draw_input_set_algorithm (input, a);
      ok &= run ("fixture (households)", input);
    }
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(DlgDrawInput) input = NULL;
      g_autofree char *name = NULL;

      if ((quick && cases[i].n_people > 750) || shape != NULL || shapes_only
          || (only != NULL && (guint) atoi (only) != i))
        continue;
      input = synthetic (cases[i].n_people, cases[i].size, cases[i].n_categories,
                         cases[i].proportional, cases[i].algorithm, 1000 + i);
      name = g_strdup_printf ("synthetic %u/%u, %s quotas", cases[i].n_people, cases[i].size,
                              cases[i].proportional ? "proportional" : "skewed");
      ok &= run (name, input);
    }
  for (guint i = 0; i < G_N_ELEMENTS (shapes); i++)
    for (DlgDrawAlgorithm a = DLG_DRAW_ALGORITHM_MAXIMIN; a <= DLG_DRAW_ALGORITHM_LEXIMIN; a++)
      {
        g_autoptr(DlgDrawInput) input = NULL;
        g_autofree char *name = NULL;

        if ((quick && shapes[i].n_people > 825) || only != NULL
            || (shape != NULL && (guint) atoi (shape) != i)
            || (algo != NULL && !g_str_equal (algo, dlg_draw_algorithm_to_string (a))))
          continue;
        input = replication_shape (shapes[i].n_people, shapes[i].size, shapes[i].n_categories,
                                   a, 2000 + i);
        name = g_strdup_printf ("shape %u: %u/%u, %u categories", i, shapes[i].n_people,
                                shapes[i].size, shapes[i].n_categories);
        ok &= run (name, input);
      }
  return ok ? 0 : 1;
}
