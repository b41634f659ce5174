/* dlg-lp.h — a small linear and integer programming interface of our own
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The draw needs little from a solver: build a problem row by row, solve it as an LP or as a
 * MILP, read primal values and row duals. Only dlg-lp.c knows which solver does the work (GLPK
 * today), so that another one can replace it. A DlgLp belongs to the thread that created it.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _DlgLp DlgLp;

typedef enum
{
  DLG_LP_MINIMIZE,
  DLG_LP_MAXIMIZE,
} DlgLpSense;

/**
 * DlgLpStatus:
 * @DLG_LP_OPTIMAL: an optimal solution was found
 * @DLG_LP_INFEASIBLE: the problem has no feasible solution
 * @DLG_LP_UNBOUNDED: the objective is unbounded
 * @DLG_LP_FAILED: the solver gave up (numerical trouble, limits)
 * @DLG_LP_INTERRUPTED: the interrupt function stopped the solver
 */
typedef enum
{
  DLG_LP_OPTIMAL,
  DLG_LP_INFEASIBLE,
  DLG_LP_UNBOUNDED,
  DLG_LP_FAILED,
  DLG_LP_INTERRUPTED,
} DlgLpStatus;

/* Returns TRUE to stop a solve (checked between runs of simplex iterations, and at every
 * node of branch and cut). */
typedef gboolean (*DlgLpInterruptFunc) (gpointer data);

/* After each iteration of the interior-point method: @gap its largest relative residual
 * (duality gap, primal or dual infeasibility), which falls to ~1e-8 at the optimum. */
typedef void (*DlgLpProgressFunc) (int      iteration,
                                   double   gap,
                                   gpointer data);

/* Bounds use -INFINITY / INFINITY for "none". */
const char  *dlg_lp_get_solver_name (void);
DlgLp       *dlg_lp_new             (DlgLpSense    sense);
void         dlg_lp_free            (DlgLp        *lp);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgLp, dlg_lp_free)

int          dlg_lp_add_col         (DlgLp        *lp,
                                     double        lb,
                                     double        ub,
                                     double        objective,
                                     gboolean      integer);
int          dlg_lp_add_col_entries (DlgLp        *lp,
                                     double        lb,
                                     double        ub,
                                     double        objective,
                                     int           n,
                                     const int    *rows,
                                     const double *coefs);
void         dlg_lp_set_coef        (DlgLp        *lp,
                                     int           row,
                                     int           col,
                                     double        coef);
int          dlg_lp_add_row         (DlgLp        *lp,
                                     int           n,
                                     const int    *cols,
                                     const double *coefs,
                                     double        lb,
                                     double        ub);
void         dlg_lp_set_row         (DlgLp        *lp,
                                     int           row,
                                     int           n,
                                     const int    *cols,
                                     const double *coefs);
int          dlg_lp_get_n_cols      (DlgLp        *lp);
int          dlg_lp_get_n_rows      (DlgLp        *lp);
void         dlg_lp_set_objective   (DlgLp        *lp,
                                     int           col,
                                     double        coef);
void         dlg_lp_clear_objective (DlgLp        *lp);
void         dlg_lp_set_col_bounds  (DlgLp        *lp,
                                     int           col,
                                     double        lb,
                                     double        ub);
void         dlg_lp_set_row_bounds  (DlgLp        *lp,
                                     int           row,
                                     double        lb,
                                     double        ub);

void         dlg_lp_set_interrupt   (DlgLp        *lp,
                                     DlgLpInterruptFunc func,
                                     gpointer      data);
void         dlg_lp_set_progress    (DlgLp        *lp,
                                     DlgLpProgressFunc func,
                                     gpointer      data);
DlgLpStatus  dlg_lp_solve           (DlgLp        *lp);
DlgLpStatus  dlg_lp_solve_interior  (DlgLp        *lp);
DlgLpStatus  dlg_lp_solve_integer   (DlgLp        *lp);

double       dlg_lp_get_objective_value (DlgLp    *lp);
double       dlg_lp_get_col_value   (DlgLp        *lp,
                                     int           col);
double       dlg_lp_get_row_dual    (DlgLp        *lp,
                                     int           row);
gboolean     dlg_lp_get_col_is_basic (DlgLp       *lp,
                                     int           col);
gboolean     dlg_lp_get_row_is_basic (DlgLp       *lp,
                                     int           row);
void         dlg_lp_swap_basis      (DlgLp        *lp,
                                     int           col,
                                     int           row);
void         dlg_lp_delete_cols     (DlgLp        *lp,
                                     int           n,
                                     const int    *cols);

G_END_DECLS
