/* dlg-feature.h — the contributory features of a process, switched on or off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

/**
 * DlgFeatureInfo:
 * @id: "recruitment", "ideas", "call_for_projects", "questionnaire", "map", "debate", "event"
 * @label: translated name ("Idea box"…)
 * @description: translated one-sentence description
 * @default_rules: translated participation rules proposed when the feature is switched on
 * @policy_cycles: NULL-terminated ids of the policy-cycle stages the feature suits
 *   ("diagnostic", "design", "implementation", "evaluation", "prospective")
 *
 * One entry of the static catalogue of features.
 */
typedef struct
{
  const char         *id;
  const char         *label;
  const char         *description;
  const char         *default_rules;
  const char * const *policy_cycles;
} DlgFeatureInfo;

#define DLG_N_FEATURES 7

/* The seven features, in a fixed order; labels are translated. */
const DlgFeatureInfo *dlg_feature_catalogue       (guint       *n_features);
/* The entry for @id, or NULL. */
const DlgFeatureInfo *dlg_feature_info_lookup     (const char  *id);
gboolean              dlg_feature_info_suits      (const DlgFeatureInfo *info,
                                                   const char           *policy_cycle);

#define DLG_TYPE_FEATURE (dlg_feature_get_type ())

G_DECLARE_FINAL_TYPE (DlgFeature, dlg_feature, DLG, FEATURE, DlgRecord)

/* A feature of a process, not yet saved: disabled, with the catalogue's default rules. */
DlgFeature *dlg_feature_new             (gint64       process_id,
                                         const char  *feature);

gint64      dlg_feature_get_process_id  (DlgFeature  *self);
const char *dlg_feature_get_feature     (DlgFeature  *self);
const char *dlg_feature_get_label       (DlgFeature  *self);
const char *dlg_feature_get_description (DlgFeature  *self);
gboolean    dlg_feature_get_enabled     (DlgFeature  *self);
const char *dlg_feature_get_rules       (DlgFeature  *self);
const char *dlg_feature_get_opens_at    (DlgFeature  *self);
const char *dlg_feature_get_closes_at   (DlgFeature  *self);
/* Whether a row exists in the database for it. */
gboolean    dlg_feature_get_saved       (DlgFeature  *self);

void        dlg_feature_set_enabled     (DlgFeature  *self,
                                         gboolean     enabled);
void        dlg_feature_set_rules       (DlgFeature  *self,
                                         const char  *rules);
void        dlg_feature_set_opens_at    (DlgFeature  *self,
                                         const char  *opens_at);
void        dlg_feature_set_closes_at   (DlgFeature  *self,
                                         const char  *closes_at);

/* Saves (insert or update); switching a feature on or off is journaled
 * ("feature.enable" / "feature.disable"). */
gboolean    dlg_feature_save            (DlgStore    *store,
                                         DlgFeature  *feature,
                                         GError     **error);
/* The feature of a process, saved or not (never NOT_FOUND for a known feature id). */
DlgFeature *dlg_feature_load            (DlgStore    *store,
                                         gint64       process_id,
                                         const char  *feature,
                                         GError     **error);
/* All seven features of a process, in catalogue order, enabled or not. */
GListModel *dlg_feature_list            (DlgStore    *store,
                                         gint64       process_id,
                                         GError     **error);
/* Forgets the settings of a feature (it is then disabled); journaled if it was enabled. */
gboolean    dlg_feature_delete          (DlgStore    *store,
                                         gint64       process_id,
                                         const char  *feature,
                                         GError     **error);

G_END_DECLS
