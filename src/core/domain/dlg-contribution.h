/* dlg-contribution.h — what a participant said, with the officer’s annotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_CONTRIBUTION (dlg_contribution_get_type ())

G_DECLARE_FINAL_TYPE (DlgContribution, dlg_contribution, DLG, CONTRIBUTION, DlgRecord)

DlgContribution *dlg_contribution_new                   (gint64 process_id);

gint64           dlg_contribution_get_id                (DlgContribution *self);
const char      *dlg_contribution_get_uuid              (DlgContribution *self);
gint64           dlg_contribution_get_process_id        (DlgContribution *self);
const char      *dlg_contribution_get_feature           (DlgContribution *self);
const char      *dlg_contribution_get_kind              (DlgContribution *self);
const char      *dlg_contribution_get_channel           (DlgContribution *self);
const char      *dlg_contribution_get_parent_uuid       (DlgContribution *self);
const char      *dlg_contribution_get_author_ref        (DlgContribution *self);
const char      *dlg_contribution_get_title             (DlgContribution *self);
const char      *dlg_contribution_get_body              (DlgContribution *self);
gdouble          dlg_contribution_get_lat               (DlgContribution *self);
gdouble          dlg_contribution_get_lon               (DlgContribution *self);
const char      *dlg_contribution_get_data_json         (DlgContribution *self);
const char      *dlg_contribution_get_created_at        (DlgContribution *self);
const char      *dlg_contribution_get_moderation        (DlgContribution *self);
const char      *dlg_contribution_get_moderation_reason (DlgContribution *self);
gint64           dlg_contribution_get_supports          (DlgContribution *self);
const char      *dlg_contribution_get_site_missing_at   (DlgContribution *self);
gint64           dlg_contribution_get_remote_rev        (DlgContribution *self);
const char      *dlg_contribution_get_sync_state        (DlgContribution *self);
gboolean         dlg_contribution_get_highlighted       (DlgContribution *self);
const char      *dlg_contribution_get_note              (DlgContribution *self);

void             dlg_contribution_set_feature           (DlgContribution *self,
                                                         const char      *feature);
void             dlg_contribution_set_kind              (DlgContribution *self,
                                                         const char      *kind);
void             dlg_contribution_set_channel           (DlgContribution *self,
                                                         const char      *channel);
void             dlg_contribution_set_parent_uuid       (DlgContribution *self,
                                                         const char      *parent_uuid);
void             dlg_contribution_set_author_ref        (DlgContribution *self,
                                                         const char      *author_ref);
void             dlg_contribution_set_title             (DlgContribution *self,
                                                         const char      *title);
void             dlg_contribution_set_body              (DlgContribution *self,
                                                         const char      *body);
void             dlg_contribution_set_lat               (DlgContribution *self,
                                                         gdouble          lat);
void             dlg_contribution_set_lon               (DlgContribution *self,
                                                         gdouble          lon);
void             dlg_contribution_set_data_json         (DlgContribution *self,
                                                         const char      *data_json);
void             dlg_contribution_set_created_at        (DlgContribution *self,
                                                         const char      *created_at);
void             dlg_contribution_set_highlighted       (DlgContribution *self,
                                                         gboolean         highlighted);
void             dlg_contribution_set_note              (DlgContribution *self,
                                                         const char      *note);

gboolean         dlg_contribution_save                  (DlgStore         *store,
                                                         DlgContribution  *contribution,
                                                         GError          **error);
DlgContribution *dlg_contribution_load                  (DlgStore  *store,
                                                         gint64     id,
                                                         GError   **error);
GListModel      *dlg_contribution_list                  (DlgStore  *store,
                                                         gint64     process_id,
                                                         GError   **error);
gboolean         dlg_contribution_delete                (DlgStore  *store,
                                                         gint64     id,
                                                         GError   **error);

gboolean    dlg_contribution_has_location   (DlgContribution *self);
void        dlg_contribution_set_location   (DlgContribution *self,
                                             gdouble          lat,
                                             gdouble          lon);
void        dlg_contribution_clear_location (DlgContribution *self);

/* Moderation: updates the contribution, records a moderation event (with its own uuid, to be
 * pushed to the site) and journals it, in one transaction. */
gboolean    dlg_contribution_moderate     (DlgStore    *store,
                                           gint64       contribution_id,
                                           const char  *state,
                                           const char  *reason,
                                           GError     **error);
const char *dlg_contribution_moderation_get_label (const char *state);
const char *dlg_contribution_channel_get_label    (const char *channel);

/* The themes of the coding frame a contribution has, a GListModel of DlgTheme. Tags are given
 * and taken through dlg-coding (dlg_coding_tag), one contribution or a thousand. */
GListModel *dlg_contribution_list_themes  (DlgStore    *store,
                                           gint64       contribution_id,
                                           GError     **error);

DlgContribution *dlg_contribution_find_by_uuid (DlgStore    *store,
                                                const char  *uuid,
                                                GError     **error);

G_END_DECLS
