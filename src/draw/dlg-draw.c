/* dlg-draw.c — a provably fair random draw of a citizen panel (sortition)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Maximin and leximin follow Flanigan, Gölz, Gupta, Hennig and Procaccia, "Fair algorithms for
 * selecting citizens' assemblies" (Nature 596, 2021), as the Sortition Foundation's
 * sortition-algorithms library implements them: a panel ILP (sum x = k, quota bounds, at most
 * one person per household) prices new panels against the duals of an LP over the panels found
 * so far (column generation); leximin fixes the probabilities level by level; a final LP gives
 * the distribution over panels, and one panel is drawn from it with the seed.
 *
 * People with the same value in every category and no shared household are interchangeable:
 * they are grouped into types, the ILP has one integer column per type (how many of that type
 * sit on the panel), and the draw picks uniformly inside each type. Every person of a type
 * gets the same probability, which the leximin optimum (unique in its probabilities) gives
 * them anyway by symmetry.
 *
 * Randomness comes from GRand only, seeded from the input's seed: one stream for the solver's
 * starting weights, one for the draw, one for the legacy estimate. The same input and seed give
 * the same distribution and the same panel.
 */

#define G_LOG_DOMAIN "dlg-draw"

#include "config.h"

#include <math.h>
#include <time.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-draw.h"
#include "dlg-draw-private.h"
#include "dlg-lp.h"

/* Numerical tolerance of the column generation, as in the reference implementation. */
#define EPS 0.00001
/* The LP reaching a level's best bound stops it: within this much only, so that a pool where
 * everyone can get k/n gets it to the printed digit, not to EPS. */
#define BOUND_EPS 1e-7
#define MAX_PROBABILITY_REDUCTIONS 2000
#define LEGACY_MAX_ATTEMPTS 100
/* panels priced from one LP solution at most */
#define MORE_PANELS 10
/* panels out of the master LP's basis for this many solves in a row leave it (not the pool) */
#define PRUNE_AGE 10
#define PRUNE_BATCH 10
/* The first master LP is solved by the interior-point method from this many types (its rows):
 * the simplex from scratch over dense panel columns costs O(rows²) a pivot for ~2 pivots a
 * row, GLPK's interior point a dense Cholesky for each of a dozen iterations (bench-draw's
 * shapes: it pays from ~600 rows, 805 on shape 2; below, the simplex is as fast, and wasted
 * when the first LP does not reach the bound). */
#define INTERIOR_MIN_TYPES 600

enum
{
  STREAM_SOLVER = 1,
  STREAM_DRAW = 2,
  STREAM_LEGACY_ESTIMATE = 3,
};

typedef struct
{
  DlgDrawInput        *input;
  guint                n_people;
  guint                n_cats;
  guint                n_quotas;
  guint                k;
  const DlgDrawQuota **quotas;

  /* households of more than one person */
  int                 *household;       /* person → index, or -1 */
  GPtrArray           *household_members; /* GArray of guint */

  /* types of interchangeable people */
  guint                n_types;
  int                 *type_of;         /* person → type */
  GPtrArray           *type_members;    /* GArray of guint */
  int                 *type_size;
  int                 *type_quotas;     /* n_types × n_cats */

  DlgLp               *ilp;             /* the panel ILP: column t = how many of type t */
  int                 *cols;            /* scratch */
  double              *coefs;

  GPtrArray           *panels;          /* GBytes of int[n_types] */
  GHashTable          *panel_set;
  gboolean            *covered;         /* per type */

  /* local search (no households): scratch */
  gboolean             plain;           /* as before issue 15: ILP panels only, final LP */
  gboolean             interior;        /* the first master LP by the interior-point method */
  gboolean             can_search;
  int                 *order;           /* types by weight, best first */
  int                 *quota_count;     /* per quota */
  int                 *search_counts;
  double              *sort_weights;

  guint                n_ilp;
  gint64               ilp_us;
  guint                n_lp;
  gint64               lp_us;
  gint64               final_us;

  GCancellable        *cancellable;
  DlgDrawProgressFunc  progress;
  gpointer             progress_data;
  /* what a long master LP solve reports (interior_progress_cb) */
  guint                level;
  double               lowest;
  double               bound;
  double               fraction_from;
  double               fraction_to;
} Engine;

/* CPU time of this thread, for the statistics: the build machine is shared, so wall time
 * says little about where the time goes. */
static gint64
cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

void
dlg_draw_relaxation_free (DlgDrawRelaxation *relaxation)
{
  if (relaxation == NULL)
    return;
  g_free (relaxation->category);
  g_free (relaxation->value);
  g_free (relaxation->description);
  g_free (relaxation);
}

static GRand *
rand_for_stream (guint32 seed,
                 guint32 stream)
{
  guint32 key[2] = { seed, stream };

  return g_rand_new_with_seed_array (key, G_N_ELEMENTS (key));
}

static void
report (Engine     *engine,
        double      fraction,
        const char *message)
{
  if (engine->progress != NULL)
    engine->progress (CLAMP (fraction, 0.0, 1.0), message, engine->progress_data);
}

/* Progress with the bounds: @lowest the lowest probability reached so far (of the people not
 * yet fixed, in leximin's @level, from 1; 0 for maximin), @best the best one possible. */
static void
report_bound (Engine *engine,
              double  fraction,
              guint   level,
              double  lowest,
              double  best)
{
  g_autofree char *message = NULL;

  if (engine->progress == NULL)
    return;
  lowest = MAX (lowest, 0.0);
  best = MAX (best, lowest);
  if (level > 0)
    /* Translators: leximin fixes the probabilities level by level (lowest first); the
     * numbers are percentages */
    message = g_strdup_printf (_("Level %u: lowest probability %.3f %% so far, at most "
                                 "%.3f %%"), level, 100.0 * lowest, 100.0 * best);
  else
    /* Translators: the numbers are percentages */
    message = g_strdup_printf (_("Lowest probability %.3f %% so far, at most %.3f %%"),
                               100.0 * lowest, 100.0 * best);
  report (engine, fraction, message);
}

/* During an interior-point solve of the master LP: its residuals fall from ~1 to ~1e-8, an
 * eighth of the way per decade. */
static void
interior_progress_cb (int      iteration,
                      double   gap,
                      gpointer data)
{
  Engine *engine = data;
  double done = CLAMP (-log10 (MAX (gap, 1e-9)) / 8.0, 0.0, 1.0);

  report_bound (engine, engine->fraction_from + (engine->fraction_to - engine->fraction_from)
                * done, engine->level, engine->lowest, engine->bound);
}

static gboolean
check_cancelled (Engine  *engine,
                 GError **error)
{
  return g_cancellable_set_error_if_cancelled (engine->cancellable, error);
}

static gboolean
interrupt_cb (gpointer data)
{
  Engine *engine = data;

  return g_cancellable_is_cancelled (engine->cancellable);
}

static void
engine_clear (Engine *engine)
{
  g_clear_pointer (&engine->quotas, g_free);
  g_clear_pointer (&engine->household, g_free);
  g_clear_pointer (&engine->household_members, g_ptr_array_unref);
  g_clear_pointer (&engine->type_of, g_free);
  g_clear_pointer (&engine->type_members, g_ptr_array_unref);
  g_clear_pointer (&engine->type_size, g_free);
  g_clear_pointer (&engine->type_quotas, g_free);
  g_clear_pointer (&engine->ilp, dlg_lp_free);
  g_clear_pointer (&engine->cols, g_free);
  g_clear_pointer (&engine->coefs, g_free);
  g_clear_pointer (&engine->panels, g_ptr_array_unref);
  g_clear_pointer (&engine->panel_set, g_hash_table_unref);
  g_clear_pointer (&engine->covered, g_free);
  g_clear_pointer (&engine->order, g_free);
  g_clear_pointer (&engine->quota_count, g_free);
  g_clear_pointer (&engine->search_counts, g_free);
}

static gboolean
engine_init (Engine        *engine,
             DlgDrawInput  *input,
             GError       **error)
{
  g_autoptr(GHashTable) households = NULL;
  g_autoptr(GHashTable) household_count = NULL;
  g_autoptr(GHashTable) types = NULL;
  guint n_units;

  memset (engine, 0, sizeof *engine);
  engine->input = input;
  engine->n_people = dlg_draw_input_get_n_people (input);
  engine->n_cats = dlg_draw_input_get_n_categories (input);
  engine->n_quotas = dlg_draw_input_get_n_quotas (input);
  engine->k = dlg_draw_input_get_size (input);

  if (engine->n_people == 0)
    {
      g_set_error_literal (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID,
                           _("There is nobody to draw from."));
      return FALSE;
    }
  if (engine->k == 0)
    {
      g_set_error_literal (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID,
                           _("The panel size must be at least 1."));
      return FALSE;
    }

  engine->quotas = g_new0 (const DlgDrawQuota *, MAX (1, engine->n_quotas));
  for (guint q = 0; q < engine->n_quotas; q++)
    engine->quotas[q] = dlg_draw_input_peek_quota (input, q);

  /* Households that more than one person share */
  household_count = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint p = 0; p < engine->n_people; p++)
    {
      const char *key = dlg_draw_input_get_person_household (input, p);

      if (key != NULL)
        g_hash_table_insert (household_count, (gpointer) key,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (
                               g_hash_table_lookup (household_count, key)) + 1));
    }
  households = g_hash_table_new (g_str_hash, g_str_equal);
  engine->household = g_new (int, engine->n_people);
  engine->household_members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  n_units = 0;
  for (guint p = 0; p < engine->n_people; p++)
    {
      const char *key = dlg_draw_input_get_person_household (input, p);
      gpointer found;

      engine->household[p] = -1;
      if (key == NULL || GPOINTER_TO_UINT (g_hash_table_lookup (household_count, key)) < 2)
        {
          n_units++;
          continue;
        }
      found = g_hash_table_lookup (households, key);
      if (found == NULL)
        {
          g_ptr_array_add (engine->household_members, g_array_new (FALSE, FALSE, sizeof (guint)));
          g_hash_table_insert (households, (gpointer) key,
                               GUINT_TO_POINTER (engine->household_members->len));
          found = GUINT_TO_POINTER (engine->household_members->len);
          n_units++;
        }
      engine->household[p] = GPOINTER_TO_UINT (found) - 1;
      g_array_append_val (g_ptr_array_index (engine->household_members, engine->household[p]), p);
    }
  if (engine->k > engine->n_people)
    {
      g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID,
                   _("The panel (%u people) is larger than the pool (%u people)."),
                   engine->k, engine->n_people);
      return FALSE;
    }
  if (engine->k > n_units)
    {
      g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID,
                   _("The panel (%u people) is larger than the number of households in the "
                     "pool (%u)."), engine->k, n_units);
      return FALSE;
    }

  /* Types: same values, no shared household */
  types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  engine->type_of = g_new (int, engine->n_people);
  engine->type_members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  for (guint p = 0; p < engine->n_people; p++)
    {
      g_autoptr(GString) key = NULL;
      gpointer found = NULL;
      GArray *members;

      if (engine->household[p] < 0)
        {
          key = g_string_new (NULL);
          for (guint c = 0; c < engine->n_cats; c++)
            g_string_append_printf (key, "%d,", dlg_draw_input_get_person_quota (input, p, c));
          found = g_hash_table_lookup (types, key->str);
        }
      if (found == NULL)
        {
          g_ptr_array_add (engine->type_members, g_array_new (FALSE, FALSE, sizeof (guint)));
          found = GUINT_TO_POINTER (engine->type_members->len);
          if (key != NULL)
            g_hash_table_insert (types, g_string_free (g_steal_pointer (&key), FALSE), found);
        }
      engine->type_of[p] = GPOINTER_TO_UINT (found) - 1;
      members = g_ptr_array_index (engine->type_members, engine->type_of[p]);
      g_array_append_val (members, p);
    }
  engine->n_types = engine->type_members->len;
  engine->type_size = g_new (int, engine->n_types);
  engine->type_quotas = g_new (int, MAX (1, engine->n_types * engine->n_cats));
  for (guint t = 0; t < engine->n_types; t++)
    {
      GArray *members = g_ptr_array_index (engine->type_members, t);
      guint first = g_array_index (members, guint, 0);

      engine->type_size[t] = members->len;
      for (guint c = 0; c < engine->n_cats; c++)
        engine->type_quotas[t * engine->n_cats + c] =
          dlg_draw_input_get_person_quota (input, first, c);
    }

  engine->cols = g_new (int, engine->n_types + engine->n_quotas + 2);
  engine->coefs = g_new (double, engine->n_types + engine->n_quotas + 2);
  engine->panels = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
  engine->panel_set = g_hash_table_new (g_bytes_hash, g_bytes_equal);
  engine->covered = g_new0 (gboolean, engine->n_types);
  engine->can_search = engine->household_members->len == 0;
  engine->order = g_new (int, engine->n_types);
  engine->quota_count = g_new (int, MAX (1, engine->n_quotas));
  engine->search_counts = g_new (int, engine->n_types);
  return TRUE;
}

/* The rows every panel obeys: size, quotas (between @min_cols relaxations), households. The
 * type columns must be 0 … n_types − 1. @relax_min/@relax_max give the relaxation columns of
 * each quota, or NULL. */
static void
add_panel_rows (Engine    *engine,
                DlgLp     *lp,
                const int *relax_min,
                const int *relax_max)
{
  int n;

  for (guint t = 0; t < engine->n_types; t++)
    {
      engine->cols[t] = t;
      engine->coefs[t] = 1.0;
    }
  dlg_lp_add_row (lp, engine->n_types, engine->cols, engine->coefs, engine->k, engine->k);

  for (guint q = 0; q < engine->n_quotas; q++)
    {
      const DlgDrawQuota *quota = engine->quotas[q];

      n = 0;
      for (guint t = 0; t < engine->n_types; t++)
        if (engine->type_quotas[t * engine->n_cats + quota->category_index] == (int) q)
          {
            engine->cols[n] = t;
            engine->coefs[n++] = 1.0;
          }
      if (relax_min == NULL)
        {
          dlg_lp_add_row (lp, n, engine->cols, engine->coefs, quota->min, quota->max);
          continue;
        }
      engine->cols[n] = relax_min[q];
      engine->coefs[n] = 1.0;
      dlg_lp_add_row (lp, n + 1, engine->cols, engine->coefs, quota->min, INFINITY);
      engine->cols[n] = relax_max[q];
      engine->coefs[n] = -1.0;
      dlg_lp_add_row (lp, n + 1, engine->cols, engine->coefs, -INFINITY, quota->max);
    }

  for (guint h = 0; h < engine->household_members->len; h++)
    {
      GArray *members = g_ptr_array_index (engine->household_members, h);

      for (guint i = 0; i < members->len; i++)
        {
          engine->cols[i] = engine->type_of[g_array_index (members, guint, i)];
          engine->coefs[i] = 1.0;
        }
      dlg_lp_add_row (lp, members->len, engine->cols, engine->coefs, -INFINITY, 1.0);
    }
}

static void
build_panel_ilp (Engine *engine)
{
  engine->ilp = dlg_lp_new (DLG_LP_MAXIMIZE);
  dlg_lp_set_interrupt (engine->ilp, interrupt_cb, engine);
  for (guint t = 0; t < engine->n_types; t++)
    dlg_lp_add_col (engine->ilp, 0.0, engine->type_size[t], 0.0, TRUE);
  add_panel_rows (engine, engine->ilp, NULL, NULL);
}

static gboolean
solver_failed (GError **error)
{
  g_set_error_literal (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_SOLVER,
                       _("The solver failed to compute the draw."));
  return FALSE;
}

/* The error for a solve that did not end at an optimum: cancelled, or the solver failed. */
static gboolean
solve_error (Engine      *engine,
             DlgLpStatus  status,
             GError     **error)
{
  if (status == DLG_LP_INTERRUPTED && check_cancelled (engine, error))
    return FALSE;
  return solver_failed (error);
}

/* The feasible panel of greatest weight, weights given per person of each type. */
static gboolean
best_panel (Engine        *engine,
            const double  *weights,
            int           *counts,
            double        *value,
            GError       **error)
{
  double total = 0.0;
  gint64 start = cpu_us ();
  DlgLpStatus status;

  for (guint t = 0; t < engine->n_types; t++)
    dlg_lp_set_objective (engine->ilp, t, weights != NULL ? weights[t] : 0.0);
  status = dlg_lp_solve_integer (engine->ilp);
  engine->n_ilp++;
  engine->ilp_us += cpu_us () - start;
  if (status != DLG_LP_OPTIMAL)
    return solve_error (engine, status, error);
  for (guint t = 0; t < engine->n_types; t++)
    {
      counts[t] = (int) lround (dlg_lp_get_col_value (engine->ilp, t));
      if (weights != NULL)
        total += weights[t] * counts[t];
    }
  *value = total;
  return TRUE;
}

/* Adds the panel unless it is known; returns whether it was new. */
static gboolean
add_panel (Engine    *engine,
           const int *counts)
{
  GBytes *bytes = g_bytes_new (counts, sizeof (int) * engine->n_types);

  if (g_hash_table_contains (engine->panel_set, bytes))
    {
      g_bytes_unref (bytes);
      return FALSE;
    }
  g_ptr_array_add (engine->panels, bytes);
  g_hash_table_insert (engine->panel_set, bytes, GUINT_TO_POINTER (engine->panels->len));
  for (guint t = 0; t < engine->n_types; t++)
    if (counts[t] > 0)
      engine->covered[t] = TRUE;
  return TRUE;
}

/* The index of a known panel, or -1. */
static int
find_panel (Engine    *engine,
            const int *counts)
{
  g_autoptr(GBytes) bytes = g_bytes_new_static (counts, sizeof (int) * engine->n_types);

  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (engine->panel_set, bytes)) - 1;
}

static const int *
panel_counts (Engine *engine,
              guint   index)
{
  return g_bytes_get_data (g_ptr_array_index (engine->panels, index), NULL);
}

/* --- Pricing by local search ------------------------------------------------------------ */

static int
compare_by_weight (gconstpointer a,
                   gconstpointer b,
                   gpointer      user_data)
{
  const double *w = user_data;
  double x = w[*(const int *) a], y = w[*(const int *) b];

  if (x != y)
    return x > y ? -1 : 1;
  return *(const int *) a - *(const int *) b;
}

/* Sorts the types by @weights, best first, for local_search(). */
static void
search_prepare (Engine       *engine,
                const double *weights)
{
  for (guint t = 0; t < engine->n_types; t++)
    engine->order[t] = t;
  g_qsort_with_data (engine->order, engine->n_types, sizeof (int), compare_by_weight,
                     (gpointer) weights);
}

static void
count_quotas (Engine    *engine,
              const int *counts)
{
  memset (engine->quota_count, 0, sizeof (int) * engine->n_quotas);
  for (guint t = 0; t < engine->n_types; t++)
    if (counts[t] > 0)
      for (guint c = 0; c < engine->n_cats; c++)
        engine->quota_count[engine->type_quotas[t * engine->n_cats + c]] += counts[t];
}

/* Whether one person of type @out can leave and one of type @in come, the quotas kept. */
static gboolean
can_swap (Engine *engine,
          int     out,
          int     in)
{
  const int *qa = engine->type_quotas + out * engine->n_cats;
  const int *qb = engine->type_quotas + in * engine->n_cats;

  for (guint c = 0; c < engine->n_cats; c++)
    if (qa[c] != qb[c]
        && (engine->quota_count[qa[c]] - 1 < engine->quotas[qa[c]]->min
            || engine->quota_count[qb[c]] + 1 > engine->quotas[qb[c]]->max))
      return FALSE;
  return TRUE;
}

static void
apply_swap (Engine *engine,
            int    *counts,
            int     out,
            int     in)
{
  for (guint c = 0; c < engine->n_cats; c++)
    {
      engine->quota_count[engine->type_quotas[out * engine->n_cats + c]]--;
      engine->quota_count[engine->type_quotas[in * engine->n_cats + c]]++;
    }
  counts[out]--;
  counts[in]++;
}

/* Improves the feasible panel @counts by swapping one person for a heavier one, the quotas
 * kept, as long as a swap gains (types sorted by search_prepare() for @weights). Returns the
 * panel's weight. Only without households (a swap does not check them). It gives the first
 * diverse panels far quicker than the ILP; as a pricing heuristic in the column generation it
 * did not pay (its panels are weak, and each costs LP pivots, the expensive part). */
static double
local_search (Engine       *engine,
              const double *weights,
              int          *counts)
{
  double value = 0.0;
  guint moves = 0;
  gboolean improved = TRUE;

  count_quotas (engine, counts);
  for (guint t = 0; t < engine->n_types; t++)
    value += weights[t] * counts[t];

  while (improved && moves < 4 * engine->k)
    {
      improved = FALSE;
      /* the lightest members first: they gain most from a swap */
      for (int i = engine->n_types - 1; i >= 0 && !improved; i--)
        {
          int out = engine->order[i];

          if (counts[out] == 0)
            continue;
          for (guint j = 0; j < engine->n_types; j++)
            {
              int in = engine->order[j];

              if (weights[in] <= weights[out] + 1e-12)
                break;
              if (counts[in] >= engine->type_size[in] || !can_swap (engine, out, in))
                continue;
              apply_swap (engine, counts, out, in);
              value += weights[in] - weights[out];
              moves++;
              improved = TRUE;
              break;
            }
        }
    }
  return value;
}

/* A known panel with one person swapped for one of type @t, the quotas kept, in @counts;
 * FALSE if no swap does it (the ILP then looks further). */
static gboolean
cover_by_swap (Engine *engine,
               guint   t,
               int    *counts)
{
  for (guint i = 0; i < engine->panels->len && i < 200; i++)
    {
      memcpy (counts, panel_counts (engine, i), sizeof (int) * engine->n_types);
      if (counts[t] >= engine->type_size[t])
        continue;
      count_quotas (engine, counts);
      for (guint out = 0; out < engine->n_types; out++)
        if (out != t && counts[out] > 0 && can_swap (engine, out, t))
          {
            apply_swap (engine, counts, out, t);
            return TRUE;
          }
    }
  return FALSE;
}

/* --- Relaxation of infeasible quotas ---------------------------------------------------- */

static int
effective_min_flex (Engine             *engine,
                    const DlgDrawQuota *quota)
{
  return quota->min_flex == DLG_DRAW_FLEX_UNSET ? 0 : MIN (quota->min_flex, quota->min);
}

static int
effective_max_flex (Engine             *engine,
                    const DlgDrawQuota *quota)
{
  return quota->max_flex == DLG_DRAW_FLEX_UNSET ? MAX ((int) engine->k, quota->max)
                                                : MAX (quota->max_flex, quota->max);
}

/* The smallest relaxation, lowering a low minimum weighing more (1 + 2/min) than raising a
 * maximum (1), as in the reference implementation. */
static GPtrArray *
propose_relaxation (Engine  *engine,
                    GError **error)
{
  g_autoptr(DlgLp) lp = dlg_lp_new (DLG_LP_MINIMIZE);
  g_autofree int *relax_min = g_new (int, MAX (1, engine->n_quotas));
  g_autofree int *relax_max = g_new (int, MAX (1, engine->n_quotas));
  g_autoptr(GPtrArray) relaxations = g_ptr_array_new_with_free_func (
    (GDestroyNotify) dlg_draw_relaxation_free);
  DlgLpStatus status;

  for (guint t = 0; t < engine->n_types; t++)
    dlg_lp_add_col (lp, 0.0, engine->type_size[t], 0.0, TRUE);
  for (guint q = 0; q < engine->n_quotas; q++)
    {
      const DlgDrawQuota *quota = engine->quotas[q];

      relax_min[q] = dlg_lp_add_col (lp, 0.0, quota->min - effective_min_flex (engine, quota),
                                     quota->min > 0 ? 1.0 + 2.0 / quota->min : 0.0, TRUE);
      relax_max[q] = dlg_lp_add_col (lp, 0.0, effective_max_flex (engine, quota) - quota->max,
                                     1.0, TRUE);
    }
  add_panel_rows (engine, lp, relax_min, relax_max);

  status = dlg_lp_solve_integer (lp);
  if (status == DLG_LP_INFEASIBLE)
    {
      g_set_error_literal (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_CANNOT_RELAX,
                           _("No panel meets the quotas, even relaxed as far as their "
                             "flexibility allows. Widen the flexibility of the quotas or "
                             "enlarge the pool."));
      return NULL;
    }
  if (status != DLG_LP_OPTIMAL)
    return solver_failed (error), NULL;

  for (guint q = 0; q < engine->n_quotas; q++)
    {
      const DlgDrawQuota *quota = engine->quotas[q];
      int down = (int) lround (dlg_lp_get_col_value (lp, relax_min[q]));
      int up = (int) lround (dlg_lp_get_col_value (lp, relax_max[q]));
      DlgDrawRelaxation *relaxation;

      if (down == 0 && up == 0)
        continue;
      relaxation = g_new0 (DlgDrawRelaxation, 1);
      relaxation->category = g_strdup (quota->category);
      relaxation->value = g_strdup (quota->value);
      relaxation->old_min = quota->min;
      relaxation->new_min = quota->min - down;
      relaxation->old_max = quota->max;
      relaxation->new_max = quota->max + up;
      if (down > 0 && up > 0)
        /* Translators: a change to the quotas of a panel, e.g. "lower the minimum of
         * Gender=Female from 11 to 10 and raise its maximum from 12 to 13" */
        relaxation->description =
          g_strdup_printf (_("lower the minimum of %s=%s from %d to %d and raise its maximum "
                             "from %d to %d"), quota->category, quota->value,
                           relaxation->old_min, relaxation->new_min,
                           relaxation->old_max, relaxation->new_max);
      else if (down > 0)
        /* Translators: a change to the quotas of a panel */
        relaxation->description =
          g_strdup_printf (_("lower the minimum of %s=%s from %d to %d"),
                           quota->category, quota->value,
                           relaxation->old_min, relaxation->new_min);
      else
        /* Translators: a change to the quotas of a panel */
        relaxation->description =
          g_strdup_printf (_("raise the maximum of %s=%s from %d to %d"),
                           quota->category, quota->value,
                           relaxation->old_max, relaxation->new_max);
      g_ptr_array_add (relaxations, relaxation);
    }
  return g_steal_pointer (&relaxations);
}

/* Whether any panel meets the quotas; when none does, @error says which relaxation would make
 * one possible. The panel found, if any, becomes the first known panel. */
static gboolean
check_feasible (Engine  *engine,
                GError **error)
{
  g_autofree int *counts = g_new (int, engine->n_types);
  g_autoptr(GPtrArray) relaxations = NULL;
  g_autoptr(GString) message = NULL;
  DlgLpStatus status;

  dlg_lp_clear_objective (engine->ilp);
  status = dlg_lp_solve_integer (engine->ilp);
  if (status == DLG_LP_OPTIMAL)
    {
      double value;

      if (!best_panel (engine, NULL, counts, &value, error))
        return FALSE;
      add_panel (engine, counts);
      return TRUE;
    }
  if (status != DLG_LP_INFEASIBLE)
    return solve_error (engine, status, error);

  relaxations = propose_relaxation (engine, error);
  if (relaxations == NULL)
    return FALSE;
  message = g_string_new (_("No panel meets every quota with this pool. The smallest change "
                            "that makes the draw possible:"));
  for (guint i = 0; i < relaxations->len; i++)
    {
      DlgDrawRelaxation *relaxation = g_ptr_array_index (relaxations, i);

      g_string_append (message, i == 0 ? " " : "; ");
      g_string_append (message, relaxation->description);
    }
  g_string_append_c (message, '.');
  g_set_error_literal (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INFEASIBLE, message->str);
  return FALSE;
}

/* --- Column generation ------------------------------------------------------------------ */

/* A diverse first set of panels by multiplicative weights, then one panel for every type not
 * yet covered, if it can be on any panel at all. */
static gboolean
initial_panels (Engine  *engine,
                GRand   *rand,
                guint    rounds,
                double   progress_share,
                GError **error)
{
  g_autofree double *weights = g_new (double, engine->n_types);
  g_autofree int *counts = g_new (int, engine->n_types);
  double value;

  for (guint t = 0; t < engine->n_types; t++)
    weights[t] = g_rand_double_range (rand, 0.99, 1.0);

  for (guint r = 0; r < rounds; r++)
    {
      gboolean is_new;
      double sum = 0.0;

      if (check_cancelled (engine, error))
        return FALSE;
      if (engine->can_search)
        {
          /* Any feasible panels do here: a local search from the last one is enough, and
           * far quicker than the ILP, whose near-equal weights are its hardest case. */
          memcpy (counts, panel_counts (engine, engine->panels->len - 1),
                  sizeof (int) * engine->n_types);
          search_prepare (engine, weights);
          local_search (engine, weights, counts);
        }
      else if (!best_panel (engine, weights, counts, &value, error))
        return FALSE;
      is_new = add_panel (engine, counts);
      for (guint t = 0; t < engine->n_types; t++)
        {
          if (is_new)
            weights[t] *= pow (0.8, (double) counts[t] / engine->type_size[t]);
          else
            weights[t] = 0.9 * weights[t] + 0.1;
          sum += weights[t] * engine->type_size[t];
        }
      for (guint t = 0; t < engine->n_types; t++)
        weights[t] *= engine->n_people / sum;
      report (engine, progress_share * (r + 1) / (rounds + 1), _("Finding diverse panels"));
    }

  for (guint t = 0; t < engine->n_types; t++)
    {
      if (engine->covered[t])
        continue;
      if (check_cancelled (engine, error))
        return FALSE;
      if (engine->can_search && cover_by_swap (engine, t, counts))
        {
          add_panel (engine, counts);
          continue;
        }
      memset (weights, 0, sizeof (double) * engine->n_types);
      weights[t] = 1.0;
      if (!best_panel (engine, weights, counts, &value, error))
        return FALSE;
      if (counts[t] > 0)
        add_panel (engine, counts);
      else
        g_debug ("type %u (%d people) is on no feasible panel", t, engine->type_size[t]);
    }
  return TRUE;
}

/* Whether the quotas admit the pool's own proportions: each value's share of the pool,
 * scaled to the panel, within its quota (the replication's instances, and quotas set from
 * the pool). Only then can everyone get k/n. */
static gboolean
quotas_admit_proportions (Engine *engine)
{
  g_autofree int *people = g_new0 (int, MAX (1, engine->n_quotas));

  for (guint t = 0; t < engine->n_types; t++)
    for (guint c = 0; c < engine->n_cats; c++)
      people[engine->type_quotas[t * engine->n_cats + c]] += engine->type_size[t];
  for (guint q = 0; q < engine->n_quotas; q++)
    {
      double share = (double) engine->k * people[q] / engine->n_people;

      if (share < engine->quotas[q]->min - 1e-9 || share > engine->quotas[q]->max + 1e-9)
        return FALSE;
    }
  return TRUE;
}

/* How many rounds of multiplicative weights give the first panels. With the local search a
 * round costs a millisecond, and when everyone can get k/n about one round per type (plus an
 * eighth) gives panels so diverse that the first master LP over them usually reaches it at
 * once (the replication's shapes: one LP and a handful of ILPs instead of hundreds of each).
 * Otherwise (skewed quotas) the extra columns cost the master LP more pivots than they save:
 * a hundred or so, as with the ILP (households), where a round costs up to seconds. */
static guint
initial_rounds (Engine           *engine,
                DlgDrawAlgorithm  algorithm)
{
  if (engine->can_search && quotas_admit_proportions (engine))
    return engine->n_types + engine->n_types / 8 + 16;
  return MIN (engine->n_types, algorithm == DLG_DRAW_ALGORITHM_LEXIMIN ? 150 : 100);
}

/* The restricted master LP over the panels found so far (x_P = probability of panel P):
 *
 *   maximize z
 *   s.t.     Σ_P (n_t(P)/|t|) x_P − z ≥ 0   for every type t not fixed (its probability ≥ z)
 *            Σ_P (n_t(P)/|t|) x_P ≥ p_t     for every type t fixed at p_t (leximin)
 *            Σ_P x_P ≤ 1
 *            x, z ≥ 0
 *
 * Its row duals are the dual LP of the reference implementation: y_t (the weight of type t,
 * Σ over unfixed types = 1) and ŷ (of the last row), with objective ŷ − Σ_fixed p_t y_t = z. A
 * new panel is a new column, so the last basis stays feasible and the simplex resumes from it. */
typedef struct
{
  DlgLp  *lp;
  int    *row;       /* per type, or -1 for types on no panel */
  int     zcol;
  int     sum_row;
  GArray *col_panel; /* int per column: its panel, or -1 for z */
  GArray *col_age;   /* guint per column: solves in a row out of the basis */
  GArray *in_master; /* gboolean per panel */
  gboolean interior; /* the next solve by the interior-point method (the first one, if large) */
} MasterLp;

static void
master_lp_clear (MasterLp *master)
{
  g_clear_pointer (&master->lp, dlg_lp_free);
  g_clear_pointer (&master->row, g_free);
  g_clear_pointer (&master->col_panel, g_array_unref);
  g_clear_pointer (&master->col_age, g_array_unref);
  g_clear_pointer (&master->in_master, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (MasterLp, master_lp_clear)

static void
master_add_panel (Engine   *engine,
                  MasterLp *master,
                  guint     index)
{
  const int *counts = panel_counts (engine, index);
  int n = 0;

  for (guint t = 0; t < engine->n_types; t++)
    if (counts[t] > 0 && master->row[t] >= 0)
      {
        engine->cols[n] = master->row[t];
        engine->coefs[n++] = (double) counts[t] / engine->type_size[t];
      }
  engine->cols[n] = master->sum_row;
  engine->coefs[n++] = 1.0;
  dlg_lp_add_col_entries (master->lp, 0.0, INFINITY, 0.0, n, engine->cols, engine->coefs);
  g_array_append_val (master->col_panel, index);
  g_array_append_vals (master->col_age, &(guint) { 0 }, 1);
  if (master->in_master->len < engine->panels->len)
    g_array_set_size (master->in_master, engine->panels->len);
  g_array_index (master->in_master, gboolean, index) = TRUE;
}

/* Puts a priced panel into the master LP: a new one, or a known one that had left it.
 * Returns whether the master LP changed. */
static gboolean
master_take_panel (Engine    *engine,
                   MasterLp  *master,
                   const int *counts)
{
  int index;

  if (add_panel (engine, counts))
    index = engine->panels->len - 1;
  else
    {
      index = find_panel (engine, counts);
      g_assert (index >= 0);
      if ((guint) index < master->in_master->len
          && g_array_index (master->in_master, gboolean, index))
        return FALSE;
    }
  master_add_panel (engine, master, index);
  return TRUE;
}

/* Column management: the master LP keeps every panel it was given, most of which never come
 * back into the basis, and each simplex pivot costs in proportion to its columns. A panel
 * out of the basis at 0 for PRUNE_AGE solves in a row leaves the master LP (the current
 * solution does not use it, so it stays optimal and the fixed probabilities stay met); it
 * stays in the pool for the final distribution, and comes back if the pricing finds it
 * again. */
static void
master_prune (Engine   *engine,
              MasterLp *master)
{
  g_autoptr(GArray) old = g_array_new (FALSE, FALSE, sizeof (int));
  guint kept = 0;

  for (guint j = 0; j < master->col_panel->len; j++)
    {
      guint *age = &g_array_index (master->col_age, guint, j);

      if (g_array_index (master->col_panel, int, j) < 0 || dlg_lp_get_col_is_basic (master->lp, j)
          || dlg_lp_get_col_value (master->lp, j) > 0.0)
        *age = 0;
      else if (++*age >= PRUNE_AGE)
        g_array_append_val (old, j);
    }
  if (old->len < PRUNE_BATCH)
    return;
  dlg_lp_delete_cols (master->lp, old->len, (const int *) old->data);
  for (guint j = 0, o = 0; j < master->col_panel->len; j++)
    {
      if (o < old->len && g_array_index (old, int, o) == (int) j)
        {
          g_array_index (master->in_master, gboolean,
                         g_array_index (master->col_panel, int, j)) = FALSE;
          o++;
          continue;
        }
      g_array_index (master->col_panel, int, kept) = g_array_index (master->col_panel, int, j);
      g_array_index (master->col_age, guint, kept) = g_array_index (master->col_age, guint, j);
      kept++;
    }
  g_array_set_size (master->col_panel, kept);
  g_array_set_size (master->col_age, kept);
  g_debug ("master LP: %u panels out, %u columns left", old->len, kept);
}

static void
master_lp_init (Engine       *engine,
                MasterLp     *master,
                const double *fixed)
{
  master->lp = dlg_lp_new (DLG_LP_MAXIMIZE);
  dlg_lp_set_interrupt (master->lp, interrupt_cb, engine);
  dlg_lp_set_progress (master->lp, interior_progress_cb, engine);
  master->interior = engine->interior;
  master->row = g_new (int, engine->n_types);
  master->col_panel = g_array_new (FALSE, FALSE, sizeof (int));
  master->col_age = g_array_new (FALSE, FALSE, sizeof (guint));
  master->in_master = g_array_new (FALSE, TRUE, sizeof (gboolean));
  master->zcol = dlg_lp_add_col (master->lp, 0.0, INFINITY, 1.0, FALSE);
  g_array_append_vals (master->col_panel, &(int) { -1 }, 1);
  g_array_append_vals (master->col_age, &(guint) { 0 }, 1);
  for (guint t = 0; t < engine->n_types; t++)
    {
      double coef = -1.0;

      if (!engine->covered[t])
        {
          master->row[t] = -1;
          continue;
        }
      if (fixed != NULL && fixed[t] >= 0)
        master->row[t] = dlg_lp_add_row (master->lp, 0, NULL, NULL, fixed[t], INFINITY);
      else
        master->row[t] = dlg_lp_add_row (master->lp, 1, &master->zcol, &coef, 0.0, INFINITY);
    }
  master->sum_row = dlg_lp_add_row (master->lp, 0, NULL, NULL, -INFINITY, 1.0);
  for (guint i = 0; i < engine->panels->len; i++)
    master_add_panel (engine, master, i);
}

/* The distribution of the master LP's last solution, over the known panels (normalised), or
 * NULL when it has none. At the end of maximin (or of leximin's last level) the master LP is
 * optimal, so this is the distribution that the final LP would compute again from scratch. */
static double *
master_distribution (Engine   *engine,
                     MasterLp *master)
{
  g_autofree double *x = g_new0 (double, MAX (1, engine->panels->len));
  double sum = 0.0;

  for (guint j = 0; j < master->col_panel->len; j++)
    {
      int index = g_array_index (master->col_panel, int, j);
      double value;

      if (index < 0)
        continue;
      value = CLAMP (dlg_lp_get_col_value (master->lp, j), 0.0, 1.0);
      if (value < 1e-9)
        continue;
      x[index] = value;
      sum += value;
    }
  if (sum <= 0.0)
    return NULL;
  g_debug ("master distribution: sum %.9f, objective %.9f", sum,
           dlg_lp_get_objective_value (master->lp));
  for (guint i = 0; i < engine->panels->len; i++)
    x[i] /= sum;
  return g_steal_pointer (&x);
}

/* Type @t's probability is now fixed at @p (it no longer takes part in z), or lowered to @p. */
static void
master_lp_fix (MasterLp *master,
               guint     t,
               double    p)
{
  dlg_lp_set_coef (master->lp, master->row[t], master->zcol, 0.0);
  dlg_lp_set_row_bounds (master->lp, master->row[t], p, INFINITY);
}

/* y_t and the per-person weights for the pricing ILP, from the row duals; returns ŷ. */
static double
master_duals (Engine   *engine,
              MasterLp *master,
              double   *y,
              double   *weights)
{
  for (guint t = 0; t < engine->n_types; t++)
    {
      y[t] = master->row[t] >= 0
               ? fabs (dlg_lp_get_row_dual (master->lp, master->row[t])) : 0.0;
      if (y[t] < 1e-12)
        y[t] = 0.0;
      weights[t] = y[t] / engine->type_size[t];
    }
  return fabs (dlg_lp_get_row_dual (master->lp, master->sum_row));
}

/* Solves the master LP: from the last basis by the simplex, or (the first time, when large)
 * by the interior-point method. Its solution has no basis, which leaves the basis as it was
 * (all slack, a valid start for the simplex if the search goes on), and the column
 * management waits for a basis. @level, @lowest, @bound and the fraction from @from to @to
 * are what a long solve reports as it goes. */
static DlgLpStatus
solve_master (Engine   *engine,
              MasterLp *master,
              guint     level,
              double    lowest,
              double    bound,
              double    from,
              double    to)
{
  gint64 start = cpu_us ();
  gboolean interior = master->interior;
  DlgLpStatus status;

  engine->level = level;
  engine->lowest = lowest;
  engine->bound = bound;
  engine->fraction_from = from;
  engine->fraction_to = to;
  master->interior = FALSE;
  status = interior ? dlg_lp_solve_interior (master->lp) : dlg_lp_solve (master->lp);
  engine->n_lp++;
  engine->lp_us += cpu_us () - start;
  if (interior)
    g_debug ("master LP by the interior point: status %d, objective %.10f, %" G_GINT64_FORMAT
             " ms", status, status == DLG_LP_OPTIMAL
                              ? dlg_lp_get_objective_value (master->lp) : 0.0,
             (cpu_us () - start) / 1000);
  if (status == DLG_LP_OPTIMAL && !interior)
    master_prune (engine, master);
  return status;
}

/* The end of maximin: the panels that left the master LP come back, and the simplex resumes
 * from the last basis, which is what the final LP over every panel computes from scratch
 * (the search may have stopped within EPS of the bound). Then the distribution, or NULL. */
static double *
master_finish (Engine   *engine,
               MasterLp *master)
{
  guint n = 0;

  for (guint i = 0; i < engine->panels->len; i++)
    if (i >= master->in_master->len || !g_array_index (master->in_master, gboolean, i))
      {
        master_add_panel (engine, master, i);
        n++;
      }
  if (n > 0 && solve_master (engine, master, 0, engine->lowest, engine->bound, 0.95, 0.95)
                 != DLG_LP_OPTIMAL)
    return NULL;
  return master_distribution (engine, master);
}

/* Gets more panels from one LP solution: scales down the weights of the panel just found so
 * that it meets Σ ≤ ŷ, renormalises over the unfixed types, and prices again. A heuristic from
 * the reference implementation: it only adds panels, so it cannot make the result wrong, and
 * it saves LP solves, which cost more than pricing. */
static gboolean
more_panels (Engine        *engine,
             MasterLp      *master,
             const double  *fixed,
             double        *y,
             double        *weights,
             int           *counts,
             double         upper,
             double         value,
             GError       **error)
{
  for (guint extra = 0; extra < MORE_PANELS; extra++)
    {
      double sum = 0.0;

      for (guint t = 0; t < engine->n_types; t++)
        {
          if (counts[t] > 0)
            y[t] *= upper / value;
          if (fixed == NULL || fixed[t] < 0)
            sum += y[t];
        }
      if (sum < EPS)
        break;
      for (guint t = 0; t < engine->n_types; t++)
        {
          y[t] /= sum;
          weights[t] = y[t] / engine->type_size[t];
        }
      upper /= sum;
      if (!best_panel (engine, weights, counts, &value, error))
        return FALSE;
      if (value <= upper + EPS || !master_take_panel (engine, master, counts))
        break;
    }
  return TRUE;
}

/* The best upper bounds of a level, and the weights that gave the best Lagrangian one. */
typedef struct
{
  double   bound;    /* the best upper bound of the level */
  double   share;    /* the bound from the sum of the probabilities, and 1 */
  double   lagrange; /* the best Lagrangian bound, that of y */
  double  *y;        /* per type, Σ over the unfixed types = 1 */
  gboolean has_y;
} Centre;

static void
centre_reset (Centre *centre,
              double  bound)
{
  centre->bound = bound;
  centre->share = bound;
  centre->lagrange = INFINITY;
  centre->has_y = FALSE;
}

/* The Lagrangian bound for weights @y ≥ 0 whose pricing panel has weight @value: the lowest
 * unfixed probability z is at most their y-weighted mean, and for any distribution
 * Σ_unfixed y_t p_t ≤ max_P Σ_t y_t n_t(P)/|t| − Σ_fixed y_t p_t = value − Σ_fixed y_t p_t.
 * Keeps it if it is the best so far. */
static void
centre_update (Engine       *engine,
               Centre       *centre,
               const double *fixed,
               const double *y,
               double        value)
{
  double y_sum = 0.0, fixed_sum = 0.0, bound;

  for (guint t = 0; t < engine->n_types; t++)
    if (engine->covered[t])
      {
        if (fixed == NULL || fixed[t] < 0)
          y_sum += y[t];
        else
          fixed_sum += y[t] * fixed[t];
      }
  if (y_sum <= 0.0)
    return;
  bound = (value - fixed_sum) / y_sum;
  centre->bound = MIN (centre->bound, bound);
  if (bound >= centre->lagrange)
    return;
  centre->lagrange = bound;
  for (guint t = 0; t < engine->n_types; t++)
    centre->y[t] = y[t] / y_sum;
  centre->has_y = TRUE;
}

/* Pricing: the panel of greatest weight under the LP duals @y (its weight in @value), which
 * also updates the bounds of the level. @weights is scratch. */
static gboolean
price (Engine        *engine,
       Centre        *centre,
       const double  *fixed,
       const double  *y,
       double        *weights,
       int           *counts,
       double        *value,
       GError       **error)
{
  for (guint t = 0; t < engine->n_types; t++)
    weights[t] = y[t] / engine->type_size[t];
  if (!best_panel (engine, weights, counts, value, error))
    return FALSE;
  centre_update (engine, centre, fixed, y, *value);
  return TRUE;
}

static gboolean
run_maximin (Engine   *engine,
             double  **x,
             GError  **error)
{
  g_auto(MasterLp) master = { 0, };
  g_autofree double *y = g_new (double, engine->n_types);
  g_autofree double *weights = g_new (double, engine->n_types);
  g_autofree double *centre_y = g_new (double, engine->n_types);
  g_autofree int *counts = g_new (int, engine->n_types);
  Centre centre = { 0.0, INFINITY, INFINITY, centre_y, FALSE };
  double first_gap = -1.0, fraction = 0.3, lowest = 0.0;
  int covered_people = 0;
  DlgLpStatus status;

  /* The probabilities of the covered people sum to k: none can do better than uniform. */
  for (guint t = 0; t < engine->n_types; t++)
    if (engine->covered[t])
      covered_people += engine->type_size[t];
  centre_reset (&centre, (double) engine->k / MAX (1, covered_people));

  master_lp_init (engine, &master, NULL);
  for (guint iteration = 0;; iteration++)
    {
      double upper, value, gap;

      if (check_cancelled (engine, error))
        return FALSE;
      status = solve_master (engine, &master, 0, lowest, centre.bound, fraction,
                             fraction + 0.6 * (1.0 - fraction));
      if (status != DLG_LP_OPTIMAL)
        return solve_error (engine, status, error);
      lowest = dlg_lp_get_objective_value (master.lp);
      upper = master_duals (engine, &master, y, weights);
      report_bound (engine, fraction, 0, dlg_lp_get_objective_value (master.lp), centre.bound);
      if (centre.bound <= dlg_lp_get_objective_value (master.lp) + BOUND_EPS)
        {
          g_debug ("maximin: stopped at the bound %g after %u iterations", centre.bound,
                   iteration);
          *x = master_finish (engine, &master);
          return TRUE;
        }
      if (!price (engine, &centre, NULL, y, weights, counts, &value, error))
        return FALSE;

      gap = MIN (value, centre.bound) - upper;
      if (first_gap < 0)
        first_gap = MAX (gap, EPS);
      fraction = MAX (fraction, 0.3 + 0.7 * CLAMP (1.0 - log (MAX (gap, EPS) / EPS)
                                                   / log (first_gap / EPS + 1.0), 0.0, 1.0));
      if (value <= upper + EPS)
        {
          *x = master_finish (engine, &master);
          return TRUE;
        }
      /* The best bound (k/n or Lagrangian) stops the search as soon as the LP reaches it: the
       * duals oscillate for long after the optimum is found (tailing off), above all when
       * many panels are optimal (quotas proportional to the pool, where it is k/n). */
      if (centre.bound <= dlg_lp_get_objective_value (master.lp) + BOUND_EPS)
        {
          g_debug ("maximin: stopped at the bound %g after %u iterations", centre.bound,
                   iteration);
          *x = master_finish (engine, &master);
          return TRUE;
        }
      if (!master_take_panel (engine, &master, counts))
        {
          g_warning ("maximin: the pricing panel is already known (gap %g)", gap);
          return TRUE;
        }

      if (!more_panels (engine, &master, NULL, y, weights, counts, upper, value, error))
        return FALSE;
    }
}

static gboolean
run_leximin (Engine   *engine,
             double   *fixed,
             double  **x,
             GError  **error)
{
  g_auto(MasterLp) master = { 0, };
  g_autofree double *y = g_new (double, engine->n_types);
  g_autofree double *weights = g_new (double, engine->n_types);
  g_autofree int *counts = g_new (int, engine->n_types);
  g_autofree double *centre_y = g_new (double, engine->n_types);
  Centre centre = { INFINITY, INFINITY, INFINITY, centre_y, FALSE };
  guint n_unfixed = 0, reductions = 0, level = 1;
  int covered_people = 0, fixed_people = 0;
  double lowest = 0.0;

  for (guint t = 0; t < engine->n_types; t++)
    {
      fixed[t] = engine->covered[t] ? -1.0 : 0.0;
      if (engine->covered[t])
        {
          n_unfixed++;
          covered_people += engine->type_size[t];
        }
    }
  master_lp_init (engine, &master, fixed);

  while (n_unfixed > 0)
    {
      DlgLpStatus status;
      double upper, dual_obj, value;
      gboolean converged, priced_out, at_bound, uniform;
      const double *fix_y;

      if (check_cancelled (engine, error))
        return FALSE;
      if (!isfinite (centre.bound))
        {
          /* The probabilities of the covered people sum to k: the unfixed ones cannot all do
           * better than sharing what the fixed ones leave, nor better than 1. */
          double left = engine->k;

          for (guint t = 0; t < engine->n_types; t++)
            if (engine->covered[t] && fixed[t] >= 0)
              left -= fixed[t] * engine->type_size[t];
          centre_reset (&centre, MIN (1.0, left / MAX (1, covered_people - fixed_people)));
        }
      status = solve_master (engine, &master, level, lowest, centre.bound,
                             0.3 + 0.7 * fixed_people / MAX (1, covered_people),
                             0.3 + 0.7 * (fixed_people + 0.6 * (covered_people - fixed_people))
                             / MAX (1, covered_people));
      if (status != DLG_LP_OPTIMAL)
        {
          /* The fixed probabilities cannot all be met by the known panels any more, by
           * rounding: lower them all a little, as the reference implementation does. */
          g_debug ("leximin: master LP status %d, lowering the fixed probabilities", status);
          if (status == DLG_LP_FAILED || status == DLG_LP_INTERRUPTED
              || ++reductions > MAX_PROBABILITY_REDUCTIONS)
            return solve_error (engine, status, error);
          for (guint t = 0; t < engine->n_types; t++)
            if (engine->covered[t] && fixed[t] >= 0)
              {
                fixed[t] = MAX (0.0, fixed[t] - 0.0001);
                master_lp_fix (&master, t, fixed[t]);
              }
          centre.bound = INFINITY; /* the level's bounds depend on the fixed probabilities */
          continue;
        }
      upper = master_duals (engine, &master, y, weights);
      dual_obj = dlg_lp_get_objective_value (master.lp);
      lowest = dual_obj;
      report_bound (engine, 0.3 + 0.7 * fixed_people / MAX (1, covered_people), level,
                    dual_obj, centre.bound);
      at_bound = centre.bound <= dual_obj + BOUND_EPS;
      if (at_bound)
        value = INFINITY; /* at the bound already: no pricing needed */
      else if (!price (engine, &centre, fixed, y, weights, counts, &value, error))
        return FALSE;

      /* The best bound of the level stops it as soon as the LP reaches it (the duals tail
       * off for long before the usual test holds); the weights that gave it are then as good
       * a certificate for fixing as the usual test's: both are duals within EPS of the
       * optimum. */
      priced_out = value <= upper + EPS;
      at_bound = centre.bound <= dual_obj + BOUND_EPS;
      converged = priced_out || at_bound;
      if (!priced_out && at_bound)
        g_debug ("leximin: level stopped at the bound %g", centre.bound);
      if (!converged && !master_take_panel (engine, &master, counts))
        {
          g_warning ("leximin: the pricing panel is already known (gap %g)", value - upper);
          converged = TRUE;
        }
      if (!converged)
        {
          if (!more_panels (engine, &master, fixed, y, weights, counts, upper, value, error))
            return FALSE;
          continue;
        }

      /* A positive y_t means that type t's constraint binds in every optimal solution
       * (complementary slackness): its probability is the optimum. At the sharing bound or 1
       * (no weights), every unfixed type is at the optimum. */
      uniform = centre.share <= dual_obj + EPS;
      fix_y = priced_out ? y : centre.y;
      {
        int best = -1, release = -1;
        guint newly = 0;

        for (guint t = 0; t < engine->n_types; t++)
          {
            if (!engine->covered[t] || fixed[t] >= 0)
              continue;
            if (best < 0 || fix_y[t] > fix_y[best])
              best = t;
            if (uniform || fix_y[t] > EPS)
              {
                if (y[t] > EPS && (release < 0 || y[t] > y[release]))
                  release = t;
                fixed[t] = MAX (0.0, dual_obj);
                master_lp_fix (&master, t, fixed[t]);
                fixed_people += engine->type_size[t];
                n_unfixed--;
                newly++;
              }
          }
        if (newly == 0)
          {
            g_assert (best >= 0);
            fixed[best] = MAX (0.0, dual_obj);
            master_lp_fix (&master, best, fixed[best]);
            fixed_people += engine->type_size[best];
            n_unfixed--;
          }
        /* Fixing takes z out of the fixed rows, which leaves the last basis singular as soon
         * as the unfixed rows left are all slack (as they usually are): the simplex would
         * then start again from scratch, for seconds on a large master LP. Trading z for the
         * slack of the fixed row with the largest LP dual keeps the basis regular: only z
         * is in the objective, so z's row of the inverse basis is the duals, and the entry
         * for that row is not 0. */
        if (release >= 0 && dlg_lp_get_col_is_basic (master.lp, master.zcol)
            && !dlg_lp_get_row_is_basic (master.lp, master.row[release]))
          dlg_lp_swap_basis (master.lp, master.zcol, master.row[release]);
      }
      centre.bound = INFINITY; /* a new level */
      lowest = 0.0;
      g_debug ("leximin: level %g fixed, %u types left, %u panels", dual_obj, n_unfixed,
               engine->panels->len);
      level++;
    }
  *x = master_distribution (engine, &master);
  return TRUE;
}

/* The distribution over the known panels: for maximin, maximise the lowest probability of the
 * types on some panel; for leximin (@fixed given), meet the fixed probabilities with the least
 * shortfall. */
static gboolean
final_distribution (Engine       *engine,
                    const double *fixed,
                    double       *x,
                    GError      **error)
{
  g_autoptr(DlgLp) lp = dlg_lp_new (fixed != NULL ? DLG_LP_MINIMIZE : DLG_LP_MAXIMIZE);
  guint n_panels = engine->panels->len;
  g_autofree int *cols = g_new (int, n_panels + 1);
  g_autofree double *coefs = g_new (double, n_panels + 1);
  int extra;
  double sum = 0.0;
  DlgLpStatus status;

  for (guint i = 0; i < n_panels; i++)
    dlg_lp_add_col (lp, 0.0, fixed != NULL ? INFINITY : 1.0, 0.0, FALSE);
  extra = dlg_lp_add_col (lp, 0.0, fixed != NULL ? INFINITY : 1.0, 1.0, FALSE);
  for (guint i = 0; i < n_panels; i++)
    {
      cols[i] = i;
      coefs[i] = 1.0;
    }
  dlg_lp_add_row (lp, n_panels, cols, coefs, 1.0, 1.0);
  for (guint t = 0; t < engine->n_types; t++)
    {
      int n = 0;

      if (!engine->covered[t])
        continue;
      for (guint i = 0; i < n_panels; i++)
        {
          const int *counts = panel_counts (engine, i);

          if (counts[t] > 0)
            {
              cols[n] = i;
              coefs[n++] = (double) counts[t] / engine->type_size[t];
            }
        }
      cols[n] = extra;
      if (fixed != NULL)
        {
          coefs[n++] = 1.0;   /* Σ + ε ≥ p_t */
          dlg_lp_add_row (lp, n, cols, coefs, fixed[t], INFINITY);
        }
      else
        {
          coefs[n++] = -1.0;  /* Σ − z ≥ 0 */
          dlg_lp_add_row (lp, n, cols, coefs, 0.0, INFINITY);
        }
    }
  dlg_lp_set_interrupt (lp, interrupt_cb, engine);
  status = dlg_lp_solve (lp);
  if (status != DLG_LP_OPTIMAL)
    return solve_error (engine, status, error);
  for (guint i = 0; i < n_panels; i++)
    {
      x[i] = CLAMP (dlg_lp_get_col_value (lp, i), 0.0, 1.0);
      if (x[i] < 1e-9)
        x[i] = 0.0;
      sum += x[i];
    }
  if (sum <= 0.0)
    return solver_failed (error);
  for (guint i = 0; i < n_panels; i++)
    x[i] /= sum;
  return TRUE;
}

/* Whether the distribution @x gives every type on some panel at least its fixed probability
 * (leximin), or the lowest probability of the master LP (maximin, @fixed NULL: always). */
static gboolean
distribution_meets (Engine       *engine,
                    const double *x,
                    const double *fixed)
{
  g_autofree double *p = g_new0 (double, engine->n_types);

  if (fixed == NULL)
    return TRUE;
  for (guint i = 0; i < engine->panels->len; i++)
    {
      const int *counts = panel_counts (engine, i);

      if (x[i] > 0.0)
        for (guint t = 0; t < engine->n_types; t++)
          p[t] += x[i] * counts[t] / engine->type_size[t];
    }
  for (guint t = 0; t < engine->n_types; t++)
    if (engine->covered[t] && p[t] < fixed[t] - 1e-7)
      {
        g_debug ("the master LP misses the probability of type %u by %g", t, fixed[t] - p[t]);
        return FALSE;
      }
  return TRUE;
}

/* --- Drawing ---------------------------------------------------------------------------- */

static int
compare_guint (gconstpointer a,
               gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* @counts of each type, the members picked uniformly inside each type. */
static GArray *
pick_members (Engine    *engine,
              const int *counts,
              GRand     *rand)
{
  GArray *panel = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint t = 0; t < engine->n_types; t++)
    {
      GArray *members = g_ptr_array_index (engine->type_members, t);
      g_autofree guint *pool = NULL;

      if (counts[t] == 0)
        continue;
      pool = g_memdup2 (members->data, sizeof (guint) * members->len);
      for (int i = 0; i < counts[t]; i++)
        {
          int j = rand != NULL ? g_rand_int_range (rand, i, members->len) : i;
          guint swap = pool[i];

          pool[i] = pool[j];
          pool[j] = swap;
          g_array_append_val (panel, pool[i]);
        }
    }
  g_array_sort (panel, compare_guint);
  return panel;
}

/* Whether swapping @member out of the panel for @candidate keeps every quota. */
static gboolean
can_replace (Engine    *engine,
             const int *quota_counts,
             guint      member,
             guint      candidate)
{
  for (guint c = 0; c < engine->n_cats; c++)
    {
      int out = dlg_draw_input_get_person_quota (engine->input, member, c);
      int in = dlg_draw_input_get_person_quota (engine->input, candidate, c);

      if (out == in)
        continue;
      if (quota_counts[out] - 1 < engine->quotas[out]->min
          || quota_counts[in] + 1 > engine->quotas[in]->max)
        return FALSE;
    }
  return TRUE;
}

static guint
profile_distance (Engine *engine,
                  guint   a,
                  guint   b)
{
  guint d = 0;

  for (guint c = 0; c < engine->n_cats; c++)
    d += dlg_draw_input_get_person_quota (engine->input, a, c)
         != dlg_draw_input_get_person_quota (engine->input, b, c);
  return d;
}

/* The reserve list: round after round, for each panel member (in random order), the closest
 * profile among those who could replace them keeping every quota (ties in random order);
 * then, if the list is not full, the others in random order. Housemates of panel members are
 * left out. */
static GArray *
rank_reserve (Engine *engine,
              GArray *panel,
              GRand  *rand)
{
  int wanted = dlg_draw_input_get_reserve_size (engine->input);
  g_autofree gboolean *excluded = g_new0 (gboolean, engine->n_people);
  g_autofree gboolean *blocked_household = g_new0 (gboolean,
                                                    engine->household_members->len + 1);
  g_autofree int *quota_counts = g_new0 (int, MAX (1, engine->n_quotas));
  g_autoptr(GArray) candidates = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree guint *members = g_memdup2 (panel->data, sizeof (guint) * MAX (1, panel->len));
  GArray *reserve = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean added = TRUE;

  if (wanted < 0)
    wanted = engine->k;

  for (guint i = 0; i < panel->len; i++)
    {
      guint p = g_array_index (panel, guint, i);

      excluded[p] = TRUE;
      if (engine->household[p] >= 0)
        blocked_household[engine->household[p]] = TRUE;
      for (guint c = 0; c < engine->n_cats; c++)
        quota_counts[dlg_draw_input_get_person_quota (engine->input, p, c)]++;
    }
  for (guint p = 0; p < engine->n_people; p++)
    if (!excluded[p] && (engine->household[p] < 0 || !blocked_household[engine->household[p]]))
      g_array_append_val (candidates, p);
  /* random order of candidates and members */
  for (guint i = 0; i + 1 < candidates->len; i++)
    {
      guint j = g_rand_int_range (rand, i, candidates->len);
      guint swap = g_array_index (candidates, guint, i);

      g_array_index (candidates, guint, i) = g_array_index (candidates, guint, j);
      g_array_index (candidates, guint, j) = swap;
    }
  for (guint i = 0; i + 1 < panel->len; i++)
    {
      guint j = g_rand_int_range (rand, i, panel->len);
      guint swap = members[i];

      members[i] = members[j];
      members[j] = swap;
    }

  while (added && reserve->len < (guint) wanted)
    {
      added = FALSE;
      for (guint i = 0; i < panel->len && reserve->len < (guint) wanted; i++)
        {
          int best = -1;
          guint best_distance = G_MAXUINT;

          for (guint j = 0; j < candidates->len; j++)
            {
              guint c = g_array_index (candidates, guint, j);
              guint distance;

              if (excluded[c] || !can_replace (engine, quota_counts, members[i], c))
                continue;
              distance = profile_distance (engine, members[i], c);
              if (distance < best_distance)
                {
                  best = c;
                  best_distance = distance;
                  if (distance == 0)
                    break;
                }
            }
          if (best >= 0)
            {
              excluded[best] = TRUE;
              g_array_append_val (reserve, best);
              added = TRUE;
            }
        }
    }
  for (guint j = 0; j < candidates->len && reserve->len < (guint) wanted; j++)
    {
      guint c = g_array_index (candidates, guint, j);

      if (!excluded[c])
        {
          excluded[c] = TRUE;
          g_array_append_val (reserve, c);
        }
    }
  return reserve;
}

static DlgDrawResult *
draw_from_distribution (Engine        *engine,
                        const double  *x,
                        gint64         start,
                        GError       **error)
{
  g_autoptr(DlgDrawResult) result = dlg_draw_result_new (engine->input);
  g_autoptr(GRand) rand = rand_for_stream (dlg_draw_input_get_seed (engine->input),
                                           STREAM_DRAW);
  g_autofree double *type_probability = g_new0 (double, engine->n_types);
  g_autofree double *probabilities = g_new0 (double, engine->n_people);
  double u, cumulative = 0.0;
  int chosen = -1;
  guint n_used = 0;
  GArray *panel;

  for (guint i = 0; i < engine->panels->len; i++)
    {
      const int *counts = panel_counts (engine, i);

      if (x[i] <= 0.0)
        continue;
      n_used++;
      for (guint t = 0; t < engine->n_types; t++)
        type_probability[t] += x[i] * counts[t] / engine->type_size[t];
      dlg_draw_result_add_distribution_panel (result, x[i], pick_members (engine, counts, NULL));
    }
  for (guint p = 0; p < engine->n_people; p++)
    probabilities[p] = MIN (1.0, type_probability[engine->type_of[p]]);
  dlg_draw_result_set_probabilities (result, probabilities);

  u = g_rand_double (rand);
  for (guint i = 0; i < engine->panels->len; i++)
    {
      if (x[i] <= 0.0)
        continue;
      chosen = i;
      cumulative += x[i];
      if (u < cumulative)
        break;
    }
  if (chosen < 0)
    return solver_failed (error), NULL;
  panel = pick_members (engine, panel_counts (engine, chosen), rand);
  dlg_draw_result_set_panel (result, panel, rank_reserve (engine, panel, rand));
  dlg_draw_result_set_stats (result, (g_get_monotonic_time () - start) / 1000, n_used);
  return g_steal_pointer (&result);
}

/* --- Legacy ----------------------------------------------------------------------------- */

typedef struct
{
  gboolean *remaining;
  int      *remaining_count; /* per quota */
  int      *selected_count;
  guint     n_remaining;
} LegacyState;

static void
legacy_remove (Engine      *engine,
               LegacyState *state,
               guint        p)
{
  if (!state->remaining[p])
    return;
  state->remaining[p] = FALSE;
  state->n_remaining--;
  for (guint c = 0; c < engine->n_cats; c++)
    state->remaining_count[dlg_draw_input_get_person_quota (engine->input, p, c)]--;
}

static void
legacy_remove_value (Engine      *engine,
                     LegacyState *state,
                     guint        q)
{
  guint c = engine->quotas[q]->category_index;

  for (guint p = 0; p < engine->n_people; p++)
    if (state->remaining[p] && dlg_draw_input_get_person_quota (engine->input, p, c) == (int) q)
      legacy_remove (engine, state, p);
}

/* One attempt of the greedy draw: the value most in need relative to who remains (ties to the
 * first value), a uniform person with it, their household out, values at their maximum out. */
static gboolean
legacy_attempt (Engine      *engine,
                LegacyState *state,
                GRand       *rand,
                GArray      *panel)
{
  g_array_set_size (panel, 0);
  state->n_remaining = engine->n_people;
  for (guint p = 0; p < engine->n_people; p++)
    state->remaining[p] = TRUE;
  memset (state->remaining_count, 0, sizeof (int) * engine->n_quotas);
  memset (state->selected_count, 0, sizeof (int) * engine->n_quotas);
  for (guint p = 0; p < engine->n_people; p++)
    for (guint c = 0; c < engine->n_cats; c++)
      state->remaining_count[dlg_draw_input_get_person_quota (engine->input, p, c)]++;
  for (guint q = 0; q < engine->n_quotas; q++)
    if (engine->quotas[q]->max == 0)
      legacy_remove_value (engine, state, q);

  for (guint count = 0; count < engine->k; count++)
    {
      double best_ratio = -100.0;
      int best = -1;
      guint pick, seen = 0, person = 0;
      guint c;

      for (guint q = 0; q < engine->n_quotas; q++)
        {
          const DlgDrawQuota *quota = engine->quotas[q];
          int needed = MAX (0, quota->min - state->selected_count[q]);
          double ratio;

          if (state->remaining_count[q] < needed)
            return FALSE;
          if (state->remaining_count[q] == 0 || quota->max == 0)
            continue;
          ratio = (double) needed / state->remaining_count[q];
          if (ratio > best_ratio)
            {
              best_ratio = ratio;
              best = q;
            }
        }
      if (engine->n_quotas == 0)
        {
          if (state->n_remaining == 0)
            return FALSE;
          pick = g_rand_int_range (rand, 0, state->n_remaining);
          for (person = 0; person < engine->n_people; person++)
            if (state->remaining[person] && seen++ == pick)
              break;
        }
      else
        {
          if (best < 0)
            return FALSE;
          c = engine->quotas[best]->category_index;
          pick = g_rand_int_range (rand, 0, state->remaining_count[best]);
          for (person = 0; person < engine->n_people; person++)
            if (state->remaining[person]
                && dlg_draw_input_get_person_quota (engine->input, person, c) == best
                && seen++ == pick)
              break;
        }
      g_assert (person < engine->n_people);

      g_array_append_val (panel, person);
      legacy_remove (engine, state, person);
      for (c = 0; c < engine->n_cats; c++)
        state->selected_count[dlg_draw_input_get_person_quota (engine->input, person, c)]++;
      if (engine->household[person] >= 0)
        {
          GArray *members = g_ptr_array_index (engine->household_members,
                                               engine->household[person]);

          for (guint i = 0; i < members->len; i++)
            legacy_remove (engine, state, g_array_index (members, guint, i));
        }
      for (c = 0; c < engine->n_cats; c++)
        {
          int q = dlg_draw_input_get_person_quota (engine->input, person, c);

          if (state->selected_count[q] == engine->quotas[q]->max)
            legacy_remove_value (engine, state, q);
        }
      if (count + 1 < engine->k && state->n_remaining == 0)
        return FALSE;
    }

  for (guint q = 0; q < engine->n_quotas; q++)
    if (state->selected_count[q] < engine->quotas[q]->min
        || state->selected_count[q] > engine->quotas[q]->max)
      return FALSE;
  return TRUE;
}

static gboolean
legacy_draw (Engine      *engine,
             LegacyState *state,
             GRand       *rand,
             GArray      *panel)
{
  for (guint attempt = 0; attempt < LEGACY_MAX_ATTEMPTS; attempt++)
    if (legacy_attempt (engine, state, rand, panel))
      return TRUE;
  return FALSE;
}

static DlgDrawResult *
run_legacy (Engine  *engine,
            gint64   start,
            GError **error)
{
  g_autoptr(DlgDrawResult) result = dlg_draw_result_new (engine->input);
  guint32 seed = dlg_draw_input_get_seed (engine->input);
  g_autoptr(GRand) rand = rand_for_stream (seed, STREAM_DRAW);
  g_autoptr(GRand) estimate_rand = rand_for_stream (seed, STREAM_LEGACY_ESTIMATE);
  g_autofree gboolean *remaining = g_new (gboolean, engine->n_people);
  g_autofree int *remaining_count = g_new (int, MAX (1, engine->n_quotas));
  g_autofree int *selected_count = g_new (int, MAX (1, engine->n_quotas));
  g_autofree double *probabilities = g_new0 (double, engine->n_people);
  LegacyState state = { remaining, remaining_count, selected_count, 0 };
  guint runs = dlg_draw_input_get_legacy_runs (engine->input);
  guint successes = 0;
  GArray *panel = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) sample = g_array_new (FALSE, FALSE, sizeof (guint));

  if (!legacy_draw (engine, &state, rand, panel))
    {
      g_array_unref (panel);
      g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_LEGACY_FAILED,
                   _("The greedy draw failed %d times in a row. Use the leximin or maximin "
                     "algorithm, or relax the quotas."), LEGACY_MAX_ATTEMPTS);
      return NULL;
    }
  g_array_sort (panel, compare_guint);

  /* The legacy draw has no closed-form probabilities: estimate them from many runs. */
  for (guint r = 0; r < runs; r++)
    {
      if (r % 64 == 0)
        {
          if (check_cancelled (engine, error))
            {
              g_array_unref (panel);
              return NULL;
            }
          report (engine, (double) r / runs, _("Estimating the selection probabilities"));
        }
      if (!legacy_draw (engine, &state, estimate_rand, sample))
        continue;
      successes++;
      for (guint i = 0; i < sample->len; i++)
        probabilities[g_array_index (sample, guint, i)] += 1.0;
    }
  for (guint p = 0; p < engine->n_people; p++)
    probabilities[p] = successes > 0 ? probabilities[p] / successes : 0.0;
  dlg_draw_result_set_probabilities (result, probabilities);
  dlg_draw_result_set_panel (result, panel, rank_reserve (engine, panel, rand));
  dlg_draw_result_set_stats (result, (g_get_monotonic_time () - start) / 1000, successes);
  return g_steal_pointer (&result);
}

/* --- Public API ------------------------------------------------------------------------- */

static DlgDrawResult *draw_run (DlgDrawInput         *input,
                                gboolean              plain,
                                gboolean              interior,
                                GCancellable         *cancellable,
                                DlgDrawProgressFunc   progress,
                                gpointer              progress_data,
                                GError              **error);

/**
 * dlg_draw_run:
 * @input: what to draw from; not to be changed while the draw runs
 * @cancellable: (nullable): checked between the solver's iterations
 * @progress: (nullable) (scope call): called with the fraction done, from this thread
 * @progress_data: data for @progress
 * @error: return location for a #GError
 *
 * Draws a panel. Blocking: use dlg_draw_run_async() from the app.
 *
 * Returns: (transfer full) (nullable): the result, or %NULL with @error set. When the quotas
 *   cannot be met, the error is %DLG_DRAW_ERROR_INFEASIBLE and its message lists the smallest
 *   relaxation.
 */
DlgDrawResult *
dlg_draw_run (DlgDrawInput         *input,
              GCancellable         *cancellable,
              DlgDrawProgressFunc   progress,
              gpointer              progress_data,
              GError              **error)
{
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return draw_run (input, FALSE, FALSE, cancellable, progress, progress_data, error);
}

/* dlg_draw_run() as the engine ran before issue 15, for the tests: every panel from the exact
 * ILP, and the distribution from the final LP over every panel found. */
DlgDrawResult *
dlg_draw_run_reference (DlgDrawInput  *input,
                        GError       **error)
{
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return draw_run (input, TRUE, FALSE, NULL, NULL, NULL, error);
}

/* dlg_draw_run() with the first master LP by the interior-point method whatever its size and
 * quotas (the engine takes it from INTERIOR_MIN_TYPES types with proportional quotas), for
 * the tests to check that path on small instances. */
DlgDrawResult *
dlg_draw_run_interior (DlgDrawInput         *input,
                       GCancellable         *cancellable,
                       DlgDrawProgressFunc   progress,
                       gpointer              progress_data,
                       GError              **error)
{
  g_return_val_if_fail (input != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return draw_run (input, FALSE, TRUE, cancellable, progress, progress_data, error);
}

static DlgDrawResult *
draw_run (DlgDrawInput         *input,
          gboolean              plain,
          gboolean              interior,
          GCancellable         *cancellable,
          DlgDrawProgressFunc   progress,
          gpointer              progress_data,
          GError              **error)
{
  Engine engine;
  DlgDrawResult *result = NULL;
  gint64 start = g_get_monotonic_time (), cpu_start = cpu_us ();
  DlgDrawAlgorithm algorithm;

  algorithm = dlg_draw_input_get_algorithm (input);
  if (!engine_init (&engine, input, error))
    goto out;
  engine.plain = plain;
  engine.can_search = engine.can_search && !plain;
  engine.cancellable = cancellable;
  engine.progress = progress;
  engine.progress_data = progress_data;

  report (&engine, 0.0, _("Checking the quotas"));
  build_panel_ilp (&engine);
  if (!check_feasible (&engine, error))
    goto out;

  if (algorithm == DLG_DRAW_ALGORITHM_LEGACY)
    result = run_legacy (&engine, start, error);
  else
    {
      g_autoptr(GRand) rand = rand_for_stream (dlg_draw_input_get_seed (input), STREAM_SOLVER);
      g_autofree double *fixed = g_new (double, engine.n_types);
      g_autofree double *x = NULL;
      guint rounds = initial_rounds (&engine, algorithm);

      /* Quotas that admit the pool's proportions: the first master LP over the first panels
       * usually reaches k/n at once, and on a large pool that one LP is most of the time. */
      engine.interior = interior || (!plain && engine.can_search
                                     && engine.n_types >= INTERIOR_MIN_TYPES
                                     && quotas_admit_proportions (&engine));

      if (!initial_panels (&engine, rand, rounds, 0.3, error))
        goto out;
      if (algorithm == DLG_DRAW_ALGORITHM_MAXIMIN)
        {
          if (!run_maximin (&engine, &x, error))
            goto out;
        }
      else if (!run_leximin (&engine, fixed, &x, error))
        goto out;
      /* The master LP's last solution is the distribution, unless it misses a fixed
       * probability (by the solver's tolerances): then the final LP over every panel. */
      if (x != NULL && (engine.plain
                        || !distribution_meets (&engine, x,
                                                algorithm == DLG_DRAW_ALGORITHM_LEXIMIN
                                                  ? fixed : NULL)))
        g_clear_pointer (&x, g_free);
      if (x == NULL)
        {
          engine.final_us = cpu_us ();
          x = g_new (double, engine.panels->len);
          if (!final_distribution (&engine,
                                   algorithm == DLG_DRAW_ALGORITHM_LEXIMIN ? fixed : NULL,
                                   x, error))
            goto out;
          engine.final_us = cpu_us () - engine.final_us;
        }
      result = draw_from_distribution (&engine, x, start, error);
    }
  if (result != NULL)
    report (&engine, 1.0, _("Panel drawn"));
  g_debug ("%s: %u people in %u types, %u panels found, %u ILPs in %" G_GINT64_FORMAT " ms, "
           "%u LPs in %" G_GINT64_FORMAT " ms, final LP %" G_GINT64_FORMAT " ms, "
           "%" G_GINT64_FORMAT " ms in all (CPU), %" G_GINT64_FORMAT " ms wall",
           dlg_draw_algorithm_to_string (algorithm), engine.n_people, engine.n_types,
           engine.panels != NULL ? engine.panels->len : 0, engine.n_ilp, engine.ilp_us / 1000,
           engine.n_lp, engine.lp_us / 1000, engine.final_us / 1000,
           (cpu_us () - cpu_start) / 1000, (g_get_monotonic_time () - start) / 1000);

out:
  engine_clear (&engine);
  return result;
}

/**
 * dlg_draw_propose_relaxation:
 * @input: what to draw from
 * @cancellable: (nullable): a #GCancellable
 * @error: return location for a #GError
 *
 * The smallest relaxation of the quotas, within their flexibility, that makes a panel
 * possible; an empty array when the quotas can already be met.
 *
 * Returns: (transfer full) (element-type DlgDrawRelaxation) (nullable): the changes, or %NULL
 *   with @error set (%DLG_DRAW_ERROR_CANNOT_RELAX when no relaxation is enough)
 */
GPtrArray *
dlg_draw_propose_relaxation (DlgDrawInput  *input,
                             GCancellable  *cancellable,
                             GError       **error)
{
  Engine engine;
  GPtrArray *relaxations = NULL;

  g_return_val_if_fail (input != NULL, NULL);

  if (engine_init (&engine, input, error)
      && !g_cancellable_set_error_if_cancelled (cancellable, error))
    relaxations = propose_relaxation (&engine, error);
  engine_clear (&engine);
  return relaxations;
}

/* Progress from the worker thread, shown in the caller's main context. */
typedef struct
{
  GMainContext        *context;
  DlgDrawProgressFunc  func;
  gpointer             data;
  GDestroyNotify       notify;
  GMutex               mutex;
  double               last_fraction;
  gint64               last_time;
  gatomicrefcount      ref;
} ProgressRelay;

typedef struct
{
  ProgressRelay *relay;
  double         fraction;
  char          *message;
} ProgressUpdate;

static ProgressRelay *
progress_relay_ref (ProgressRelay *relay)
{
  g_atomic_ref_count_inc (&relay->ref);
  return relay;
}

static void
progress_relay_unref (ProgressRelay *relay)
{
  if (!g_atomic_ref_count_dec (&relay->ref))
    return;
  if (relay->notify != NULL)
    relay->notify (relay->data);
  g_main_context_unref (relay->context);
  g_mutex_clear (&relay->mutex);
  g_free (relay);
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  progress_relay_unref (update->relay);
  g_free (update->message);
  g_free (update);
}

static gboolean
progress_update_cb (gpointer data)
{
  ProgressUpdate *update = data;

  update->relay->func (update->fraction, update->message, update->relay->data);
  return G_SOURCE_REMOVE;
}

static void
progress_relay_cb (double      fraction,
                   const char *message,
                   gpointer    user_data)
{
  ProgressRelay *relay = user_data;
  gint64 now = g_get_monotonic_time ();
  ProgressUpdate *update;

  g_mutex_lock (&relay->mutex);
  if (fraction < 1.0 && fraction - relay->last_fraction < 0.01
      && now - relay->last_time < 100 * 1000)
    {
      g_mutex_unlock (&relay->mutex);
      return;
    }
  relay->last_fraction = fraction;
  relay->last_time = now;
  g_mutex_unlock (&relay->mutex);

  update = g_new0 (ProgressUpdate, 1);
  update->relay = progress_relay_ref (relay);
  update->fraction = fraction;
  update->message = g_strdup (message);
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, progress_update_cb, update,
                              progress_update_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  DlgDrawInput *input = task_data;
  ProgressRelay *relay = g_object_get_data (G_OBJECT (task), "dlg-draw-progress");
  GError *error = NULL;
  DlgDrawResult *result;

  result = dlg_draw_run (input, cancellable, relay != NULL ? progress_relay_cb : NULL, relay,
                         &error);
  if (result == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, result, g_object_unref);
}

/**
 * dlg_draw_run_async:
 * @input: what to draw from; it is referenced, and must not change until the draw ends
 * @cancellable: (nullable): cancels the draw between two solver iterations
 * @progress: (nullable): called in the thread-default main context of the caller
 * @progress_data: data for @progress
 * @progress_notify: (nullable): frees @progress_data when no more progress can come
 * @callback: called when the draw ends
 * @user_data: data for @callback
 *
 * Runs dlg_draw_run() in a worker thread.
 */
void
dlg_draw_run_async (DlgDrawInput        *input,
                    GCancellable        *cancellable,
                    DlgDrawProgressFunc  progress,
                    gpointer             progress_data,
                    GDestroyNotify       progress_notify,
                    GAsyncReadyCallback  callback,
                    gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (input != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, dlg_draw_run_async);
  g_task_set_task_data (task, dlg_draw_input_ref (input), (GDestroyNotify) dlg_draw_input_unref);
  if (progress != NULL)
    {
      ProgressRelay *relay = g_new0 (ProgressRelay, 1);

      g_atomic_ref_count_init (&relay->ref);
      relay->context = g_main_context_ref_thread_default ();
      relay->func = progress;
      relay->data = progress_data;
      relay->notify = progress_notify;
      relay->last_fraction = -1.0;
      g_mutex_init (&relay->mutex);
      g_object_set_data_full (G_OBJECT (task), "dlg-draw-progress", relay,
                              (GDestroyNotify) progress_relay_unref);
    }
  else if (progress_notify != NULL)
    progress_notify (progress_data);
  g_task_run_in_thread (task, run_thread);
}

/**
 * dlg_draw_run_finish:
 * @result: the #GAsyncResult given to the callback
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the result of the draw, or %NULL with @error set
 *   (%G_IO_ERROR_CANCELLED when cancelled)
 */
DlgDrawResult *
dlg_draw_run_finish (GAsyncResult  *result,
                     GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dlg_draw_run_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
