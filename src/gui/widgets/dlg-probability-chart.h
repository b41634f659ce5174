/* dlg-probability-chart.h — every volunteer's selection probability, sorted, at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DLG_TYPE_PROBABILITY_CHART (dlg_probability_chart_get_type ())

G_DECLARE_FINAL_TYPE (DlgProbabilityChart, dlg_probability_chart, DLG, PROBABILITY_CHART,
                      GtkWidget)

GtkWidget    *dlg_probability_chart_new              (void);
void          dlg_probability_chart_set_probabilities (DlgProbabilityChart *self,
                                                       const double        *probabilities,
                                                       guint                n_people,
                                                       guint                panel_size);
const double *dlg_probability_chart_get_values       (DlgProbabilityChart *self,
                                                      guint               *n_values);
char         *dlg_probability_chart_dup_summary      (DlgProbabilityChart *self);
double        dlg_probability_chart_scale            (double               highest,
                                                      double              *step);

G_END_DECLS
