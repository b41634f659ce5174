/* dlg-narrative.h — a public narrative of a stage, written in Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_NARRATIVE (dlg_narrative_get_type ())

G_DECLARE_FINAL_TYPE (DlgNarrative, dlg_narrative, DLG, NARRATIVE, DlgRecord)

DlgNarrative *dlg_narrative_new              (gint64 process_id);

gint64        dlg_narrative_get_id           (DlgNarrative *self);
const char   *dlg_narrative_get_uuid         (DlgNarrative *self);
gint64        dlg_narrative_get_process_id   (DlgNarrative *self);
const char   *dlg_narrative_get_stage        (DlgNarrative *self);
const char   *dlg_narrative_get_title        (DlgNarrative *self);
const char   *dlg_narrative_get_body_md      (DlgNarrative *self);
const char   *dlg_narrative_get_state        (DlgNarrative *self);
const char   *dlg_narrative_get_published_at (DlgNarrative *self);
const char   *dlg_narrative_get_updated_at   (DlgNarrative *self);
const char   *dlg_narrative_get_sync_state   (DlgNarrative *self);
const char   *dlg_narrative_get_etag         (DlgNarrative *self);
gint64        dlg_narrative_get_rev          (DlgNarrative *self);

void          dlg_narrative_set_stage        (DlgNarrative *self,
                                              const char   *stage);
void          dlg_narrative_set_title        (DlgNarrative *self,
                                              const char   *title);
void          dlg_narrative_set_body_md      (DlgNarrative *self,
                                              const char   *body_md);

gboolean      dlg_narrative_save             (DlgStore      *store,
                                              DlgNarrative  *narrative,
                                              GError       **error);
DlgNarrative *dlg_narrative_load             (DlgStore  *store,
                                              gint64     id,
                                              GError   **error);
GListModel   *dlg_narrative_list             (DlgStore  *store,
                                              gint64     process_id,
                                              GError   **error);
gboolean      dlg_narrative_delete           (DlgStore  *store,
                                              gint64     id,
                                              GError   **error);

/* Publishes the narrative: state 'published', published_at now, journaled
 * ("narrative.publish"); marked for the next push. */
gboolean    dlg_narrative_publish   (DlgStore    *store,
                                     gint64       narrative_id,
                                     GError     **error);
/* Back to draft; journaled ("narrative.unpublish"). */
gboolean    dlg_narrative_unpublish (DlgStore    *store,
                                     gint64       narrative_id,
                                     GError     **error);

G_END_DECLS
