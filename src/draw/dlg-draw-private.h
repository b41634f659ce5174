/* dlg-draw-private.h — what the draw engine, its result and its storage share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-draw-input.h"
#include "dlg-draw-result.h"
#include "dlg-draw.h"

G_BEGIN_DECLS

typedef struct
{
  char *category;
  char *value;
  int   category_index;
  int   min;
  int   max;
  int   min_flex; /* as given, or DLG_DRAW_FLEX_UNSET */
  int   max_flex;
} DlgDrawQuota;

const DlgDrawQuota *dlg_draw_input_peek_quota        (DlgDrawInput *self,
                                                      guint         index);
/* The quota (value) index of @person in @category. */
int                 dlg_draw_input_get_person_quota  (DlgDrawInput *self,
                                                      guint         person,
                                                      guint         category);

DlgDrawResult      *dlg_draw_result_new              (DlgDrawInput *input);
void                dlg_draw_result_set_panel        (DlgDrawResult *self,
                                                      GArray       *panel,
                                                      GArray       *reserve);
void                dlg_draw_result_set_probabilities (DlgDrawResult *self,
                                                      double       *probabilities);
void                dlg_draw_result_add_distribution_panel (DlgDrawResult *self,
                                                      double        weight,
                                                      GArray       *members);
void                dlg_draw_result_set_stats        (DlgDrawResult *self,
                                                      gint64        duration_ms,
                                                      guint         n_panels);

/* The engine as before issue 15 (every panel from the ILP, final LP), to check the faster one. */
DlgDrawResult      *dlg_draw_run_reference           (DlgDrawInput *input,
                                                      GError      **error);
/* The engine with its first master LP by the interior point whatever the instance. */
DlgDrawResult      *dlg_draw_run_interior            (DlgDrawInput         *input,
                                                      GCancellable         *cancellable,
                                                      DlgDrawProgressFunc   progress,
                                                      gpointer              progress_data,
                                                      GError              **error);

G_END_DECLS
