/* dlg-workbench-analysis.h — theme suggestion and duplicates for the window, off the main
 * thread, and the workbench dialogs' toasts with Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-core.h"

G_BEGIN_DECLS

typedef enum
{
  DLG_WORKBENCH_SUGGEST,
  DLG_WORKBENCH_DUPLICATES,
} DlgWorkbenchKind;

/**
 * DlgWorkbenchItem:
 * @label: a suggested theme's label, or a duplicate group's text
 * @terms: (nullable): a theme's top terms, ", "-separated
 * @size: how many contributions
 * @near: a group of near (not exact) duplicates
 * @ids: (element-type gint64): its contributions, as the engine ordered them
 * @excerpts: (array zero-terminated=1): the texts of up to three representative contributions,
 *   on one line each
 */
typedef struct
{
  char     *label;
  char     *terms;
  guint     size;
  gboolean  near;
  GArray   *ids;
  char     *excerpts[4];
} DlgWorkbenchItem;

typedef struct
{
  GPtrArray *items;       /* DlgWorkbenchItem, as the engine ordered them (largest first) */
  guint      n_texts;
  guint      n_left_out;  /* themes: too short or sharing no word; duplicates: not grouped */
} DlgWorkbenchResult;

typedef void (*DlgWorkbenchProgress) (const char *message,
                                      gpointer    user_data);

void                dlg_workbench_analysis_run_async  (DlgStore             *store,
                                                       gint64                process_id,
                                                       DlgWorkbenchKind      kind,
                                                       guint                 n_themes,
                                                       guint32               seed,
                                                       GCancellable         *cancellable,
                                                       DlgWorkbenchProgress  progress,
                                                       gpointer              progress_data,
                                                       GAsyncReadyCallback   callback,
                                                       gpointer              user_data);
DlgWorkbenchResult *dlg_workbench_analysis_run_finish (DlgStore             *store,
                                                       GAsyncResult         *result,
                                                       GError              **error);
void                dlg_workbench_result_free         (DlgWorkbenchResult   *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgWorkbenchResult, dlg_workbench_result_free)

void                dlg_workbench_show_toast          (AdwToastOverlay        *overlay,
                                                       const char             *text,
                                                       const char             *undo_action,
                                                       gint64                  operation_id);
void                dlg_workbench_report              (AdwToastOverlay        *overlay,
                                                       DlgStore               *store,
                                                       gint64                  process_id,
                                                       const char             *undo_action,
                                                       gboolean                ok,
                                                       const DlgCodingOutcome *outcome,
                                                       const GError           *error);
char               *dlg_workbench_menu_label          (const char             *text);

G_END_DECLS
