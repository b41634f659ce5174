/* dlg-lp.c — the solver interface, over GLPK
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * GLPK keeps its environment (memory, terminal hooks) per thread. Every DlgLp counts itself in
 * a thread-local counter; when the last one of a thread is freed, the environment is freed too,
 * so that a worker thread running one draw leaves nothing behind. GLPK's cut generators are all
 * switched on: without them a symmetric panel ILP takes minutes instead of milliseconds.
 */

#define G_LOG_DOMAIN "dlg-lp"

#include "config.h"

#include <math.h>
#include <setjmp.h>
#include <stdio.h>
#include <time.h>
#include <stdlib.h>

#include <glpk.h>

#include "dlg-lp.h"

struct _DlgLp
{
  glp_prob *prob;
  gboolean  is_mip;      /* what the last solve was, to read the right values */
  gboolean  is_interior;
  gboolean  has_integer;
  int      *ind;         /* scratch, 1-based for GLPK */
  double   *val;
  int       scratch_len;
  DlgLpInterruptFunc interrupt;
  gpointer  interrupt_data;
  DlgLpProgressFunc progress;
  gpointer  progress_data;
  guint     generation;  /* env_generation when created */
  /* statistics, printed when the problem is freed (G_MESSAGES_DEBUG=dlg-lp) */
  guint     n_simplex;
  guint     n_restarts;
  gint64    simplex_iterations;
  gint64    simplex_us;
  guint     n_integer;
  gint64    integer_us;
  guint     n_interior;
  gint64    interior_us;
};

static _Thread_local int live_problems = 0;
/* Bumped when an interrupted interior-point solve frees GLPK's environment of the thread (the
 * only way out of glp_interior(), which has no callback): the problems of older generations
 * are gone with it, and dlg_lp_free() only frees their own memory. */
static _Thread_local guint env_generation = 0;

/* updates of the basis factorisation between two refactorisations (GLPK's default: 100).
 * The master LP's first solve over one panel per type takes thousands of pivots on a dense
 * basis of 800+ rows, where each refactorisation costs half a second: 1000 saves a quarter
 * of it (shape 2 of bench-draw: 22.5 -> 16.0 CPU s; shape 4: 0.83 -> 0.61). */
#define NFS_MAX 1000

/* CPU time of this thread, for the statistics: the build machine is shared, so wall time
 * says little about where the time goes. */
static gint64
cpu_us (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

static void
ensure_scratch (DlgLp *lp,
                int    n)
{
  if (n + 1 <= lp->scratch_len)
    return;
  lp->scratch_len = MAX (n + 1, lp->scratch_len * 2);
  lp->ind = g_renew (int, lp->ind, lp->scratch_len);
  lp->val = g_renew (double, lp->val, lp->scratch_len);
}

static int
bound_type (double lb,
            double ub)
{
  gboolean has_lb = isfinite (lb);
  gboolean has_ub = isfinite (ub);

  if (has_lb && has_ub)
    return lb == ub ? GLP_FX : GLP_DB;
  if (has_lb)
    return GLP_LO;
  if (has_ub)
    return GLP_UP;
  return GLP_FR;
}

static double
finite_or_zero (double x)
{
  return isfinite (x) ? x : 0.0;
}

/**
 * dlg_lp_get_solver_name:
 *
 * The solver and its version ("GLPK 5.0"): a replay gives the same panel with the same
 * solver, which is why a draw records it.
 *
 * Returns: (transfer none): a static string
 */
const char *
dlg_lp_get_solver_name (void)
{
  static char *name = NULL;

  if (g_once_init_enter (&name))
    g_once_init_leave (&name, g_strdup_printf ("GLPK %s", glp_version ()));
  return name;
}

/**
 * dlg_lp_new:
 * @sense: whether the objective is minimised or maximised
 *
 * Returns: (transfer full): an empty problem, owned by the calling thread
 */
DlgLp *
dlg_lp_new (DlgLpSense sense)
{
  DlgLp *lp = g_new0 (DlgLp, 1);

  live_problems++;
  glp_term_out (GLP_OFF); /* also for a new environment after an interrupted interior point */
  lp->generation = env_generation;
  lp->prob = glp_create_prob ();
  glp_set_obj_dir (lp->prob, sense == DLG_LP_MAXIMIZE ? GLP_MAX : GLP_MIN);
  return lp;
}

void
dlg_lp_free (DlgLp *lp)
{
  if (lp == NULL)
    return;
  if (lp->generation != env_generation)
    lp->prob = NULL; /* freed with its environment */
  if (lp->prob != NULL && (lp->n_simplex > 0 || lp->n_integer > 0 || lp->n_interior > 0))
    g_debug ("%d rows, %d columns: %u simplex solves (%u restarted), %" G_GINT64_FORMAT
             " iterations, %" G_GINT64_FORMAT " ms; %u interior point, %" G_GINT64_FORMAT
             " ms; %u branch and cut, %" G_GINT64_FORMAT " ms",
             glp_get_num_rows (lp->prob), glp_get_num_cols (lp->prob), lp->n_simplex,
             lp->n_restarts, lp->simplex_iterations, lp->simplex_us / 1000, lp->n_interior,
             lp->interior_us / 1000, lp->n_integer, lp->integer_us / 1000);
  if (lp->prob != NULL)
    glp_delete_prob (lp->prob);
  g_free (lp->ind);
  g_free (lp->val);
  g_free (lp);
  g_assert (live_problems > 0);
  if (--live_problems == 0)
    glp_free_env ();
}

/**
 * dlg_lp_add_col:
 * @lp: a problem
 * @lb: lower bound, or -INFINITY
 * @ub: upper bound, or INFINITY
 * @objective: the coefficient in the objective
 * @integer: whether the column must take integer values in dlg_lp_solve_integer()
 *
 * Returns: the index of the new column, from 0
 */
int
dlg_lp_add_col (DlgLp   *lp,
                double   lb,
                double   ub,
                double   objective,
                gboolean integer)
{
  int j = glp_add_cols (lp->prob, 1);

  glp_set_col_bnds (lp->prob, j, bound_type (lb, ub), finite_or_zero (lb), finite_or_zero (ub));
  /* non-basic at its lower bound: the last basis stays feasible for the simplex to resume */
  if (isfinite (lb))
    glp_set_col_stat (lp->prob, j, GLP_NL);
  glp_set_obj_coef (lp->prob, j, objective);
  if (integer)
    {
      glp_set_col_kind (lp->prob, j, GLP_IV);
      lp->has_integer = TRUE;
    }
  return j - 1;
}

/**
 * dlg_lp_add_col_entries:
 * @lp: a problem
 * @lb: lower bound, or -INFINITY
 * @ub: upper bound, or INFINITY
 * @objective: the coefficient in the objective
 * @n: number of non-zero coefficients
 * @rows: their rows (from 0, no repeats)
 * @coefs: their values
 *
 * Adds a continuous column with its coefficients, as column generation does.
 *
 * Returns: the index of the new column, from 0
 */
int
dlg_lp_add_col_entries (DlgLp        *lp,
                        double        lb,
                        double        ub,
                        double        objective,
                        int           n,
                        const int    *rows,
                        const double *coefs)
{
  int j = dlg_lp_add_col (lp, lb, ub, objective, FALSE);

  ensure_scratch (lp, n);
  for (int k = 0; k < n; k++)
    {
      lp->ind[k + 1] = rows[k] + 1;
      lp->val[k + 1] = coefs[k];
    }
  glp_set_mat_col (lp->prob, j + 1, n, lp->ind, lp->val);
  return j;
}

/* Sets one coefficient (0 removes it). */
void
dlg_lp_set_coef (DlgLp  *lp,
                 int     row,
                 int     col,
                 double  coef)
{
  int n, k;
  gboolean found = FALSE;

  ensure_scratch (lp, glp_get_num_cols (lp->prob) + 1);
  n = glp_get_mat_row (lp->prob, row + 1, lp->ind, lp->val);
  for (k = 1; k <= n; k++)
    if (lp->ind[k] == col + 1)
      {
        lp->val[k] = coef;
        found = TRUE;
      }
  if (!found && coef != 0.0)
    {
      n++;
      lp->ind[n] = col + 1;
      lp->val[n] = coef;
    }
  /* drop explicit zeros: GLPK refuses none, but keeps the matrix small */
  for (k = 1; k <= n; k++)
    if (lp->val[k] == 0.0)
      {
        lp->ind[k] = lp->ind[n];
        lp->val[k] = lp->val[n];
        n--;
        k--;
      }
  glp_set_mat_row (lp->prob, row + 1, n, lp->ind, lp->val);
}

/**
 * dlg_lp_add_row:
 * @lp: a problem
 * @n: number of non-zero coefficients
 * @cols: their columns (from 0, no repeats)
 * @coefs: their values
 * @lb: lower bound of the row, or -INFINITY
 * @ub: upper bound of the row, or INFINITY
 *
 * Returns: the index of the new row, from 0
 */
int
dlg_lp_add_row (DlgLp        *lp,
                int           n,
                const int    *cols,
                const double *coefs,
                double        lb,
                double        ub)
{
  int i = glp_add_rows (lp->prob, 1);

  glp_set_row_bnds (lp->prob, i, bound_type (lb, ub), finite_or_zero (lb), finite_or_zero (ub));
  dlg_lp_set_row (lp, i - 1, n, cols, coefs);
  return i - 1;
}

/* Replaces the coefficients of @row. */
void
dlg_lp_set_row (DlgLp        *lp,
                int           row,
                int           n,
                const int    *cols,
                const double *coefs)
{
  ensure_scratch (lp, n);
  for (int k = 0; k < n; k++)
    {
      lp->ind[k + 1] = cols[k] + 1;
      lp->val[k + 1] = coefs[k];
    }
  glp_set_mat_row (lp->prob, row + 1, n, lp->ind, lp->val);
}

int
dlg_lp_get_n_cols (DlgLp *lp)
{
  return glp_get_num_cols (lp->prob);
}

int
dlg_lp_get_n_rows (DlgLp *lp)
{
  return glp_get_num_rows (lp->prob);
}

void
dlg_lp_set_objective (DlgLp  *lp,
                      int     col,
                      double  coef)
{
  glp_set_obj_coef (lp->prob, col + 1, coef);
}

void
dlg_lp_clear_objective (DlgLp *lp)
{
  int n = glp_get_num_cols (lp->prob);

  for (int j = 0; j <= n; j++)
    glp_set_obj_coef (lp->prob, j, 0.0);
}

void
dlg_lp_set_col_bounds (DlgLp  *lp,
                       int     col,
                       double  lb,
                       double  ub)
{
  glp_set_col_bnds (lp->prob, col + 1, bound_type (lb, ub), finite_or_zero (lb),
                    finite_or_zero (ub));
}

void
dlg_lp_set_row_bounds (DlgLp  *lp,
                       int     row,
                       double  lb,
                       double  ub)
{
  glp_set_row_bnds (lp->prob, row + 1, bound_type (lb, ub), finite_or_zero (lb),
                    finite_or_zero (ub));
}

static DlgLpStatus
simplex_status (DlgLp *lp,
                int    rc)
{
  if (rc != 0)
    return DLG_LP_FAILED;
  switch (glp_get_status (lp->prob))
    {
    case GLP_OPT:
      return DLG_LP_OPTIMAL;
    case GLP_NOFEAS:
      return DLG_LP_INFEASIBLE;
    case GLP_UNBND:
      return DLG_LP_UNBOUNDED;
    default:
      break;
    }
  if (glp_get_prim_stat (lp->prob) == GLP_NOFEAS)
    return DLG_LP_INFEASIBLE;
  if (glp_get_dual_stat (lp->prob) == GLP_NOFEAS)
    return DLG_LP_UNBOUNDED;
  return DLG_LP_FAILED;
}

/* glp_simplex() in runs of SIMPLEX_RUN iterations, checking the interrupt function between
 * them, up to @limit iterations in all: GLPK has no callback in the simplex, and a large
 * master LP can take seconds. A run resumes from the basis where the last one stopped, so
 * the result stays the same whatever the machine's speed. */
#define SIMPLEX_RUN 300

static int
simplex_runs (DlgLp     *lp,
              glp_smcp  *parm,
              int        limit,
              gboolean  *interrupted)
{
  int done = 0, rc;

  for (;;)
    {
      int before = glp_get_it_cnt (lp->prob);

      parm->it_lim = MIN (SIMPLEX_RUN, limit - done);
      rc = glp_simplex (lp->prob, parm);
      done += glp_get_it_cnt (lp->prob) - before;
      if (rc != GLP_EITLIM || done >= limit)
        return rc;
      if (lp->interrupt != NULL && lp->interrupt (lp->interrupt_data))
        {
          *interrupted = TRUE;
          return rc;
        }
    }
}

static DlgLpStatus
simplex (DlgLp *lp)
{
  glp_smcp parm;
  glp_bfcp bfcp;
  DlgLpStatus status;
  gboolean interrupted = FALSE;
  gint64 start = cpu_us ();
  int iterations = glp_get_it_cnt (lp->prob);
  int rc;

  /* The master LP's basis is dense (panels of a hundred people over a few hundred types):
   * each refactorisation costs, and fewer of them (more updates in between) save a
   * quarter of the time. */
  glp_get_bfcp (lp->prob, &bfcp);
  if (bfcp.nfs_max != NFS_MAX)
    {
      bfcp.nfs_max = NFS_MAX;
      glp_set_bfcp (lp->prob, &bfcp);
    }
  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_OFF; /* keep the basis between solves: column generation re-solves */
  parm.meth = GLP_PRIMAL;  /* new columns keep the last basis primal feasible */
  /* A stalled (degenerate) warm start is restarted below after 2000 iterations, or 4 a row:
   * a first solve over one panel per type needs 3 a row (shape 2 of bench-draw: 2,406 pivots
   * on 806 rows, 6.7 CPU s, where going on with the dual simplex at 2000 took 4,452 and 16 s). */
  rc = simplex_runs (lp, &parm, MAX (2000, 4 * glp_get_num_rows (lp->prob)), &interrupted);
  status = interrupted ? DLG_LP_INTERRUPTED : simplex_status (lp, rc);
  lp->n_simplex++;
  lp->simplex_iterations += glp_get_it_cnt (lp->prob) - iterations;
  lp->simplex_us += cpu_us () - start;
  if (status == DLG_LP_OPTIMAL || status == DLG_LP_INTERRUPTED)
    return status;
  lp->n_restarts++;
  g_debug ("primal simplex from the last basis ended with status %d (%d); trying the dual "
           "simplex", status, rc);
  /* Stalling (many degenerate pivots, every type's row binding at 0 in a first solve) is the
   * usual reason: the dual simplex from the same basis does not stall there. */
  iterations = glp_get_it_cnt (lp->prob);
  start = cpu_us ();
  parm.meth = GLP_DUALP;
  rc = simplex_runs (lp, &parm, G_MAXINT, &interrupted);
  lp->simplex_iterations += glp_get_it_cnt (lp->prob) - iterations;
  lp->simplex_us += cpu_us () - start;
  if (interrupted)
    return DLG_LP_INTERRUPTED;
  status = simplex_status (lp, rc);
  if (status == DLG_LP_OPTIMAL)
    return status;
  g_debug ("dual simplex ended with status %d (%d); solving again from scratch", status, rc);
  /* A warm start can end in a wrong verdict after many small changes: check it from a fresh
   * basis, with the more careful two-phase primal method and exact bound checks. */
  glp_adv_basis (lp->prob, 0);
  parm.meth = GLP_PRIMAL;
  parm.tol_bnd = 1e-9;
  parm.tol_dj = 1e-9;
  rc = simplex_runs (lp, &parm, G_MAXINT, &interrupted);
  if (interrupted)
    return DLG_LP_INTERRUPTED;
  status = simplex_status (lp, rc);
  if (status == DLG_LP_OPTIMAL || status == DLG_LP_FAILED)
    return status;
  /* Last word: exact arithmetic. */
  if (glp_exact (lp->prob, &parm) == 0)
    return simplex_status (lp, 0);
  return status;
}

/**
 * dlg_lp_set_interrupt:
 * @lp: a problem
 * @func: (nullable): returns %TRUE to stop the solver
 * @data: data for @func
 *
 * Lets a long solve stop early: the simplex checks @func every few hundred iterations, branch
 * and cut at every node; the solve then returns %DLG_LP_INTERRUPTED.
 */
void
dlg_lp_set_interrupt (DlgLp              *lp,
                      DlgLpInterruptFunc  func,
                      gpointer            data)
{
  lp->interrupt = func;
  lp->interrupt_data = data;
}

/**
 * dlg_lp_solve:
 * @lp: a problem
 *
 * Solves the LP relaxation by the simplex method, reusing the previous basis.
 */
DlgLpStatus
dlg_lp_solve (DlgLp *lp)
{
  lp->is_mip = FALSE;
  lp->is_interior = FALSE;
  return simplex (lp);
}

/**
 * dlg_lp_set_progress:
 * @lp: a problem
 * @func: (nullable): called after each iteration of the interior-point method
 * @data: data for @func
 */
void
dlg_lp_set_progress (DlgLp             *lp,
                     DlgLpProgressFunc  func,
                     gpointer           data)
{
  lp->progress = func;
  lp->progress_data = data;
}

typedef struct
{
  DlgLp  *lp;
  jmp_buf jump;
} InteriorRun;

/* GLPK prints a line per iteration of its interior-point method ("  3: obj = … gap = 1.0e-04"),
 * and that is the only hook it has there: the progress and the interrupt check run from it.
 * Returns 1: the line is not printed. */
static int
interior_hook (void       *info,
               const char *line)
{
  InteriorRun *run = info;
  int iteration;
  double objective, rpi, rdi, gap;

  if (sscanf (line, "%d: obj = %lf; rpi = %lf; rdi = %lf; gap = %lf", &iteration, &objective,
              &rpi, &rdi, &gap) != 5)
    return 1;
  if (run->lp->progress != NULL)
    run->lp->progress (iteration, MAX (gap, MAX (rpi, rdi)), run->lp->progress_data);
  if (run->lp->interrupt != NULL && run->lp->interrupt (run->lp->interrupt_data))
    longjmp (run->jump, 1);
  return 1;
}

/**
 * dlg_lp_solve_interior:
 * @lp: a problem
 *
 * Solves the LP relaxation by GLPK's interior-point method (primal-dual, Cholesky of A D Aᵀ).
 * On a master LP of dense columns over a thousand rows it is several times faster than the
 * simplex from scratch, whose every pivot goes through a dense LU. Its solution lies inside
 * the optimal face (every panel of some optimal distribution has weight, the duals are
 * strictly complementary); it gives no basis: a later dlg_lp_solve() starts from the basis
 * before this call. Falls back to the simplex when it fails.
 *
 * The interrupt function is checked after each iteration; an interrupted solve frees the
 * solver's memory of the thread, so that after %DLG_LP_INTERRUPTED every problem of this
 * thread may only be freed.
 */
DlgLpStatus
dlg_lp_solve_interior (DlgLp *lp)
{
  glp_iptcp parm;
  InteriorRun *run = g_new0 (InteriorRun, 1);
  gint64 start = cpu_us ();
  int rc;

  lp->is_mip = FALSE;
  lp->is_interior = TRUE;
  glp_init_iptcp (&parm);
  parm.msg_lev = GLP_MSG_ALL; /* the iteration lines, to interior_hook() only */
  run->lp = lp;
  if (setjmp (run->jump) != 0)
    {
      /* interrupted from interior_hook(): glp_interior() cannot go on, nor free its
       * memory; the environment goes, and every problem of the thread with it */
      g_free (run);
      glp_free_env ();
      env_generation++;
      lp->prob = NULL;
      return DLG_LP_INTERRUPTED;
    }
  glp_term_hook (interior_hook, run);
  glp_term_out (GLP_ON);
  rc = glp_interior (lp->prob, &parm);
  glp_term_out (GLP_OFF);
  glp_term_hook (NULL, NULL);
  g_free (run);
  lp->n_interior++;
  lp->interior_us += cpu_us () - start;
  if (rc == 0)
    switch (glp_ipt_status (lp->prob))
      {
      case GLP_OPT:
        return DLG_LP_OPTIMAL;
      case GLP_NOFEAS:
        return DLG_LP_INFEASIBLE;
      default:
        break;
      }
  g_debug ("interior point ended with %d; solving by the simplex", rc);
  lp->is_interior = FALSE;
  return simplex (lp);
}

static void
intopt_callback (glp_tree *tree,
                 void     *info)
{
  DlgLp *lp = info;

  if (lp->interrupt (lp->interrupt_data))
    glp_ios_terminate (tree);
}

/* The LP relaxation by the primal simplex from the last basis. Column generation solves the
 * same panel ILP again and again with new weights: the last basis stays feasible and a few
 * pivots reach the new optimum, where GLPK's presolve would rebuild the problem and solve
 * the relaxation from scratch every time (a quarter to a third of the pricing time). Returns whether the
 * relaxation is optimal: branch and cut then starts from it, without presolve; otherwise
 * (infeasible, a first solve that fails) presolve decides, and reports the status. */
static gboolean
relaxation_from_last_basis (DlgLp *lp)
{
  glp_smcp parm;

  glp_init_smcp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.meth = GLP_PRIMAL;
  if (glp_get_status (lp->prob) == GLP_UNDEF)
    glp_adv_basis (lp->prob, 0);
  return glp_simplex (lp->prob, &parm) == 0 && glp_get_status (lp->prob) == GLP_OPT;
}

/**
 * dlg_lp_solve_integer:
 * @lp: a problem
 *
 * Solves the problem with its integer columns, by branch and cut (Gomory, MIR, cover and
 * clique cuts on) from the LP relaxation solved from the last basis (presolve only when that
 * fails).
 */
DlgLpStatus
dlg_lp_solve_integer (DlgLp *lp)
{
  glp_iocp parm;
  gint64 start;
  int rc;

  lp->is_mip = TRUE;
  lp->is_interior = FALSE;
  glp_init_iocp (&parm);
  parm.msg_lev = GLP_MSG_OFF;
  parm.presolve = GLP_ON;
  parm.gmi_cuts = GLP_ON;
  parm.mir_cuts = GLP_ON;
  parm.cov_cuts = GLP_ON;
  parm.clq_cuts = GLP_ON;
  parm.br_tech = GLP_BR_DTH;
  parm.bt_tech = GLP_BT_BLB;
  if (lp->interrupt != NULL)
    {
      parm.cb_func = intopt_callback;
      parm.cb_info = lp;
    }
  start = cpu_us ();
  if (relaxation_from_last_basis (lp))
    parm.presolve = GLP_OFF;
  rc = glp_intopt (lp->prob, &parm);
  lp->n_integer++;
  lp->integer_us += cpu_us () - start;
  switch (rc)
    {
    case 0:
      break;
    case GLP_ENOPFS:
    case GLP_ENOFEAS:
      return DLG_LP_INFEASIBLE;
    case GLP_ENODFS:
      return DLG_LP_UNBOUNDED;
    case GLP_ESTOP:
      return DLG_LP_INTERRUPTED;
    default:
      return DLG_LP_FAILED;
    }
  switch (glp_mip_status (lp->prob))
    {
    case GLP_OPT:
      return DLG_LP_OPTIMAL;
    case GLP_NOFEAS:
      return DLG_LP_INFEASIBLE;
    default:
      return DLG_LP_FAILED;
    }
}

double
dlg_lp_get_objective_value (DlgLp *lp)
{
  if (lp->is_interior)
    return glp_ipt_obj_val (lp->prob);
  return lp->is_mip ? glp_mip_obj_val (lp->prob) : glp_get_obj_val (lp->prob);
}

double
dlg_lp_get_col_value (DlgLp *lp,
                      int    col)
{
  if (lp->is_interior)
    return glp_ipt_col_prim (lp->prob, col + 1);
  return lp->is_mip ? glp_mip_col_val (lp->prob, col + 1) : glp_get_col_prim (lp->prob, col + 1);
}

/* The dual value of @row after dlg_lp_solve(); 0 after an integer solve. */
double
dlg_lp_get_row_dual (DlgLp *lp,
                     int    row)
{
  if (lp->is_interior)
    return glp_ipt_row_dual (lp->prob, row + 1);
  return lp->is_mip ? 0.0 : glp_get_row_dual (lp->prob, row + 1);
}

/* Whether @col is in the basis of the last simplex solution. */
gboolean
dlg_lp_get_col_is_basic (DlgLp *lp,
                         int    col)
{
  return glp_get_col_stat (lp->prob, col + 1) == GLP_BS;
}

/* Whether the auxiliary variable of @row is in the basis of the last simplex solution. */
gboolean
dlg_lp_get_row_is_basic (DlgLp *lp,
                         int    row)
{
  return glp_get_row_stat (lp->prob, row + 1) == GLP_BS;
}

/**
 * dlg_lp_swap_basis:
 * @lp: a problem
 * @col: a basic column with a finite lower bound
 * @row: a row whose auxiliary variable is not basic
 *
 * Takes @col out of the basis (at its lower bound) and puts @row's auxiliary variable in,
 * for the next simplex to start from: a basis repair when a change to the matrix would make
 * the last basis singular. The caller knows the new basis is not.
 */
void
dlg_lp_swap_basis (DlgLp *lp,
                   int    col,
                   int    row)
{
  glp_set_col_stat (lp->prob, col + 1, GLP_NL);
  glp_set_row_stat (lp->prob, row + 1, GLP_BS);
}

/**
 * dlg_lp_delete_cols:
 * @lp: a problem
 * @n: how many columns
 * @cols: their indices (from 0, no repeats)
 *
 * Deletes columns; those after them move down. Deleting non-basic columns keeps the basis.
 */
void
dlg_lp_delete_cols (DlgLp     *lp,
                    int        n,
                    const int *cols)
{
  if (n <= 0)
    return;
  ensure_scratch (lp, n);
  for (int k = 0; k < n; k++)
    lp->ind[k + 1] = cols[k] + 1;
  glp_del_cols (lp->prob, n, lp->ind);
}
