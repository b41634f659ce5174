/* dlg-quota.h — a quota of the panel draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_QUOTA (dlg_quota_get_type ())

G_DECLARE_FINAL_TYPE (DlgQuota, dlg_quota, DLG, QUOTA, DlgRecord)

DlgQuota   *dlg_quota_new              (gint64 process_id);

gint64      dlg_quota_get_id           (DlgQuota *self);
gint64      dlg_quota_get_process_id   (DlgQuota *self);
const char *dlg_quota_get_category     (DlgQuota *self);
const char *dlg_quota_get_value        (DlgQuota *self);
gint        dlg_quota_get_min          (DlgQuota *self);
gint        dlg_quota_get_max          (DlgQuota *self);
gint        dlg_quota_get_min_flex     (DlgQuota *self);
gint        dlg_quota_get_max_flex     (DlgQuota *self);
gdouble     dlg_quota_get_target_share (DlgQuota *self);

void        dlg_quota_set_category     (DlgQuota   *self,
                                        const char *category);
void        dlg_quota_set_value        (DlgQuota   *self,
                                        const char *value);
void        dlg_quota_set_min          (DlgQuota *self,
                                        gint      min);
void        dlg_quota_set_max          (DlgQuota *self,
                                        gint      max);
void        dlg_quota_set_min_flex     (DlgQuota *self,
                                        gint      min_flex);
void        dlg_quota_set_max_flex     (DlgQuota *self,
                                        gint      max_flex);
void        dlg_quota_set_target_share (DlgQuota *self,
                                        gdouble   target_share);

gboolean    dlg_quota_save             (DlgStore  *store,
                                        DlgQuota  *quota,
                                        GError   **error);
DlgQuota   *dlg_quota_load             (DlgStore  *store,
                                        gint64     id,
                                        GError   **error);
GListModel *dlg_quota_list             (DlgStore  *store,
                                        gint64     process_id,
                                        GError   **error);
gboolean    dlg_quota_delete           (DlgStore  *store,
                                        gint64     id,
                                        GError   **error);

G_END_DECLS
