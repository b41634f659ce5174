/* dlg-training-site.h — the practice site of training mode, in-process on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-stage.h"
#include "dlg-site-server.h"
#include "dlg-sync-manager.h"

G_BEGIN_DECLS

#define DLG_TYPE_TRAINING_SITE (dlg_training_site_get_type ())

G_DECLARE_FINAL_TYPE (DlgTrainingSite, dlg_training_site, DLG, TRAINING_SITE, GObject)

char            *dlg_training_site_default_path (const char     *app_db_path);
DlgTrainingSite *dlg_training_site_start     (const char       *db_path,
                                              GError          **error);
const char      *dlg_training_site_get_uri   (DlgTrainingSite  *self);
const char      *dlg_training_site_get_token (DlgTrainingSite  *self);
DlgSiteServer   *dlg_training_site_get_server (DlgTrainingSite *self);
gboolean         dlg_training_site_attach    (DlgTrainingSite  *self,
                                              DlgSyncManager   *manager,
                                              GError          **error);
void             dlg_training_site_stop      (DlgTrainingSite  *self);

gint64           dlg_training_reset          (DlgStore         *store,
                                              DlgTrainingSite  *site,
                                              const char       *site_db_path,
                                              DlgStage          stage,
                                              guint            *n_deleted,
                                              GError          **error);

G_END_DECLS
