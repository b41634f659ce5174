/* dlg-communication-export.h — the communication plan as CSV and as an iCalendar file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

typedef enum
{
  DLG_COMMUNICATION_EXPORT_CSV,
  DLG_COMMUNICATION_EXPORT_ICS,
} DlgCommunicationExportFormat;

gboolean dlg_communication_export_format_from_id (const char                    *id,
                                                  DlgCommunicationExportFormat  *format);

char    *dlg_communication_plan_to_csv (DlgStore   *store,
                                        gint64      process_id,
                                        GError    **error);
char    *dlg_communication_plan_to_ics (DlgStore   *store,
                                        gint64      process_id,
                                        GDateTime  *now,
                                        guint      *n_undated,
                                        GError    **error);
gboolean dlg_communication_plan_export (DlgStore                      *store,
                                        gint64                         process_id,
                                        DlgCommunicationExportFormat   format,
                                        const char                    *path,
                                        GError                       **error);

/* For tests and the iCalendar writer: RFC 5545 TEXT escaping and line folding. */
char    *dlg_ics_escape_text (const char *text);
void     dlg_ics_append_line (GString    *out,
                              const char *line);

G_END_DECLS
