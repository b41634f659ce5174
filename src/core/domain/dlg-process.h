/* dlg-process.h — a participatory process ("démarche") and its stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-stage.h"
#include "dlg-types.h"

G_BEGIN_DECLS

/* Keys of the free-form fields of a process (table process_field). */
#define DLG_FIELD_DIAGNOSTIC_STEERING    "diagnostic.steering"
#define DLG_FIELD_DIAGNOSTIC_OBJECT      "diagnostic.object"
#define DLG_FIELD_DIAGNOSTIC_QUESTIONS   "diagnostic.questions"
#define DLG_FIELD_DIAGNOSTIC_CONSTRAINTS "diagnostic.constraints"
#define DLG_FIELD_DIAGNOSTIC_METHODS     "diagnostic.methods"
#define DLG_FIELD_SPEC_OBJECTIVES        "specification.objectives"
#define DLG_FIELD_SPEC_PUBLICS           "specification.publics"
#define DLG_FIELD_SPEC_BUDGET            "specification.budget"
#define DLG_FIELD_SPEC_CALENDAR          "specification.calendar"
#define DLG_FIELD_MANDATE_QUESTION       "mandate.question"
#define DLG_FIELD_MANDATE_PERIMETER      "mandate.perimeter"
#define DLG_FIELD_MANDATE_OUT_OF_SCOPE   "mandate.out_of_scope"
#define DLG_FIELD_MANDATE_COMMITMENTS    "mandate.commitments"
#define DLG_FIELD_MANDATE_RESPONSE_WEEKS "mandate.response_weeks"
/* How many months contact data is kept after the follow-up stage closes (dlg-gdpr.h). */
#define DLG_FIELD_MANDATE_RETENTION_MONTHS "mandate.retention_months"

/* The keys above, in stage order, NULL-terminated. */
const char *const *dlg_process_field_keys (void);

#define DLG_TYPE_PROCESS (dlg_process_get_type ())

G_DECLARE_FINAL_TYPE (DlgProcess, dlg_process, DLG, PROCESS, DlgRecord)

gint64      dlg_process_get_id            (DlgProcess  *self);
const char *dlg_process_get_uuid          (DlgProcess  *self);
const char *dlg_process_get_title         (DlgProcess  *self);
const char *dlg_process_get_summary       (DlgProcess  *self);
const char *dlg_process_get_policy_cycle  (DlgProcess  *self);
gboolean    dlg_process_get_archived      (DlgProcess  *self);
gboolean    dlg_process_get_is_demo       (DlgProcess  *self);
DlgStage    dlg_process_get_current_stage (DlgProcess  *self);
const char *dlg_process_get_created_at    (DlgProcess  *self);

DlgProcess *dlg_process_create        (DlgStore    *store,
                                       const char  *title,
                                       GError     **error);
DlgProcess *dlg_process_load          (DlgStore    *store,
                                       gint64       process_id,
                                       GError     **error);
DlgProcess *dlg_process_find          (DlgStore    *store,
                                       const char  *reference,
                                       GError     **error);
GListModel *dlg_process_list          (DlgStore    *store,
                                       gboolean     include_archived,
                                       GError     **error);
gint64      dlg_process_lookup_uuid   (DlgStore    *store,
                                       const char  *uuid,
                                       GError     **error);
GArray     *dlg_process_list_demo_ids (DlgStore    *store,
                                       GError     **error);
gboolean    dlg_process_rename        (DlgStore    *store,
                                       gint64       process_id,
                                       const char  *title,
                                       GError     **error);
gboolean    dlg_process_set_summary   (DlgStore    *store,
                                       gint64       process_id,
                                       const char  *summary,
                                       GError     **error);
gboolean    dlg_process_set_policy_cycle (DlgStore  *store,
                                          gint64     process_id,
                                          const char *policy_cycle,
                                          GError   **error);
gboolean    dlg_process_set_archived  (DlgStore    *store,
                                       gint64       process_id,
                                       gboolean     archived,
                                       GError     **error);
char       *dlg_process_get_field     (DlgStore    *store,
                                       gint64       process_id,
                                       const char  *key,
                                       GError     **error);
gboolean    dlg_process_touch         (DlgStore    *store,
                                       gint64       process_id,
                                       GError     **error);
/* The type DlgStore::changed carries when a field of a stage (dlg_process_set_field) changes. */
#define DLG_TYPE_PROCESS_FIELD (dlg_process_field_get_type ())
GType       dlg_process_field_get_type (void) G_GNUC_CONST;
gboolean    dlg_process_set_field     (DlgStore    *store,
                                       gint64       process_id,
                                       const char  *key,
                                       const char  *value,
                                       GError     **error);

G_END_DECLS
