/* dlg-synthesis-chart.h — a bar chart of the synthesis: counts by channel, feature, week, area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DLG_TYPE_SYNTHESIS_CHART (dlg_synthesis_chart_get_type ())

G_DECLARE_FINAL_TYPE (DlgSynthesisChart, dlg_synthesis_chart, DLG, SYNTHESIS_CHART, GtkWidget)

GtkWidget *dlg_synthesis_chart_new         (void);
/* @bars: (element-type DlgSynthesisBar): copied; @vertical: columns in time order (weeks). */
void       dlg_synthesis_chart_set_bars    (DlgSynthesisChart *self,
                                            const char        *title,
                                            GPtrArray         *bars,
                                            gboolean           vertical);
void       dlg_synthesis_chart_set_colour  (DlgSynthesisChart *self,
                                            const char        *colour);
char      *dlg_synthesis_chart_dup_summary (DlgSynthesisChart *self);
guint      dlg_synthesis_chart_get_n_bars  (DlgSynthesisChart *self);

G_END_DECLS
