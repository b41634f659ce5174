/* dlg-response.h — the institution's argued response, one per process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The response is the introduction plus the positions taken on each recommendation
 * (DlgPosition); it is keyed by its process.
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_RESPONSE (dlg_response_get_type ())

G_DECLARE_FINAL_TYPE (DlgResponse, dlg_response, DLG, RESPONSE, DlgRecord)

DlgResponse *dlg_response_new              (gint64        process_id);

gint64       dlg_response_get_process_id   (DlgResponse  *self);
const char  *dlg_response_get_uuid         (DlgResponse  *self);
const char  *dlg_response_get_intro        (DlgResponse  *self);
const char  *dlg_response_get_published_at (DlgResponse  *self);
const char  *dlg_response_get_sync_state   (DlgResponse  *self);
const char  *dlg_response_get_etag         (DlgResponse  *self);
gint64       dlg_response_get_rev          (DlgResponse  *self);
/* Whether the response exists in the database. */
gboolean     dlg_response_get_saved        (DlgResponse  *self);

void         dlg_response_set_intro        (DlgResponse  *self,
                                            const char   *intro);
/* An ISO 8601 date, or NULL while not published. */
void         dlg_response_set_published_at (DlgResponse  *self,
                                            const char   *published_at);

/* Inserts or updates; journaled ("response.create" / "response.update"). */
gboolean     dlg_response_save             (DlgStore     *store,
                                            DlgResponse  *response,
                                            GError      **error);
/* NOT_FOUND when the process has no response yet. */
DlgResponse *dlg_response_load             (DlgStore     *store,
                                            gint64        process_id,
                                            GError      **error);
/* The response of the process, or a new unsaved one. */
DlgResponse *dlg_response_load_for         (DlgStore     *store,
                                            gint64        process_id,
                                            GError      **error);
/* Zero or one DlgResponse. */
GListModel  *dlg_response_list             (DlgStore     *store,
                                            gint64        process_id,
                                            GError      **error);
gboolean     dlg_response_delete           (DlgStore     *store,
                                            gint64        process_id,
                                            GError      **error);

G_END_DECLS
