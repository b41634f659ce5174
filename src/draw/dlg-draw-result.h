/* dlg-draw-result.h — the outcome of a random draw of a panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

#include "dlg-draw-input.h"

G_BEGIN_DECLS

#define DLG_TYPE_DRAW_RESULT (dlg_draw_result_get_type ())

G_DECLARE_FINAL_TYPE (DlgDrawResult, dlg_draw_result, DLG, DRAW_RESULT, GObject)

DlgDrawInput     *dlg_draw_result_get_input           (DlgDrawResult *self);
DlgDrawAlgorithm  dlg_draw_result_get_algorithm       (DlgDrawResult *self);
guint32           dlg_draw_result_get_seed            (DlgDrawResult *self);
guint             dlg_draw_result_get_n_people        (DlgDrawResult *self);

const guint      *dlg_draw_result_get_panel           (DlgDrawResult *self,
                                                       guint         *n_members);
const guint      *dlg_draw_result_get_reserve         (DlgDrawResult *self,
                                                       guint         *n_reserve);
char            **dlg_draw_result_dup_panel_ids       (DlgDrawResult *self);
char            **dlg_draw_result_dup_reserve_ids     (DlgDrawResult *self);
double            dlg_draw_result_get_probability     (DlgDrawResult *self,
                                                       guint          person);
double            dlg_draw_result_get_min_probability (DlgDrawResult *self);
double            dlg_draw_result_get_max_probability (DlgDrawResult *self);
gint64            dlg_draw_result_get_duration_ms     (DlgDrawResult *self);
guint             dlg_draw_result_get_n_panels        (DlgDrawResult *self);

guint             dlg_draw_result_get_n_distribution_panels (DlgDrawResult *self);
double            dlg_draw_result_get_distribution_weight   (DlgDrawResult *self,
                                                             guint          index);
const guint      *dlg_draw_result_get_distribution_panel    (DlgDrawResult *self,
                                                             guint          index,
                                                             guint         *n_members);

char             *dlg_draw_result_to_json             (DlgDrawResult *self);

G_END_DECLS
