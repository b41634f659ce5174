/* dlg-communication-page.h — the communication plan of a process, across its stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"
#include "dlg-edit-dialog.h"

G_BEGIN_DECLS

#define DLG_TYPE_COMMUNICATION_PAGE (dlg_communication_page_get_type ())

G_DECLARE_FINAL_TYPE (DlgCommunicationPage, dlg_communication_page, DLG, COMMUNICATION_PAGE,
                      AdwBin)

GtkWidget     *dlg_communication_page_new          (void);
void           dlg_communication_page_set_process  (DlgCommunicationPage  *self,
                                                    DlgContext            *context,
                                                    gint64                 process_id);
void           dlg_communication_page_reload       (DlgCommunicationPage  *self);
DlgEditDialog *dlg_communication_page_edit         (DlgCommunicationPage  *self,
                                                    gint64                 item_id);
gboolean       dlg_communication_page_export_to    (DlgCommunicationPage  *self,
                                                    const char            *format,
                                                    const char            *path,
                                                    GError               **error);
gboolean       dlg_communication_page_delete_item  (DlgCommunicationPage  *self,
                                                    gint64                 item_id,
                                                    GError               **error);
gboolean       dlg_communication_page_publish_item (DlgCommunicationPage  *self,
                                                    gint64                 item_id,
                                                    GError               **error);

G_END_DECLS
