/* dlg-draw.h — a provably fair random draw of a citizen panel (sortition)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-draw-error.h"
#include "dlg-draw-input.h"
#include "dlg-draw-result.h"

G_BEGIN_DECLS

/**
 * DlgDrawRelaxation:
 * @category: the category of the quota
 * @value: its value
 * @old_min: the minimum as given
 * @new_min: the proposed minimum
 * @old_max: the maximum as given
 * @new_max: the proposed maximum
 * @description: what to do, in a sentence an officer reads
 *   ("lower the minimum of Gender=Female from 11 to 10")
 */
typedef struct
{
  char *category;
  char *value;
  int   old_min;
  int   new_min;
  int   old_max;
  int   new_max;
  char *description;
} DlgDrawRelaxation;

void dlg_draw_relaxation_free (DlgDrawRelaxation *relaxation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgDrawRelaxation, dlg_draw_relaxation_free)

/**
 * DlgDrawProgressFunc:
 * @fraction: how much is done, from 0 to 1
 * @message: what is being done
 * @user_data: the data given with the function
 */
typedef void (*DlgDrawProgressFunc) (double      fraction,
                                     const char *message,
                                     gpointer    user_data);

DlgDrawResult *dlg_draw_run                (DlgDrawInput        *input,
                                            GCancellable        *cancellable,
                                            DlgDrawProgressFunc  progress,
                                            gpointer             progress_data,
                                            GError             **error);
void           dlg_draw_run_async          (DlgDrawInput        *input,
                                            GCancellable        *cancellable,
                                            DlgDrawProgressFunc  progress,
                                            gpointer             progress_data,
                                            GDestroyNotify       progress_notify,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data);
DlgDrawResult *dlg_draw_run_finish         (GAsyncResult        *result,
                                            GError             **error);

GPtrArray     *dlg_draw_propose_relaxation (DlgDrawInput        *input,
                                            GCancellable        *cancellable,
                                            GError             **error);

G_END_DECLS
