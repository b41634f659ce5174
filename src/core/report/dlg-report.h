/* dlg-report.h — the bilan of a process: a PDF the council can be handed as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/* Called from the rendering thread with the share done (0 to 1). */
typedef void (*DlgReportProgress) (double   fraction,
                                   gpointer user_data);

gboolean dlg_report_render        (DlgStore            *store,
                                   gint64               process_id,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   DlgReportProgress    progress,
                                   gpointer             user_data,
                                   int                 *n_pages,
                                   GError             **error);

/* @progress is called in the caller's thread-default main context. */
void     dlg_report_render_async  (DlgStore            *store,
                                   gint64               process_id,
                                   const char          *path,
                                   GCancellable        *cancellable,
                                   DlgReportProgress    progress,
                                   gpointer             progress_data,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data);
gboolean dlg_report_render_finish (DlgStore            *store,
                                   GAsyncResult        *result,
                                   int                 *n_pages,
                                   GError             **error);

G_END_DECLS
