/* dlg-decision.c — an arbitration or validation decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgDecision is a snapshot of its row (DlgRecord does the mechanics from the field table):
 * setters change the object only, dlg_decision_save() writes it in one transaction with its
 * journal entry, then emits DlgStore::changed::DlgDecision.
 */

#define G_LOG_DOMAIN "dlg-decision"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-decision.h"
#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-recommendation.h"
#include "dlg-stage-rules.h"

struct _DlgDecision
{
  DlgRecord parent_instance;

  char *stage;
  gint64 recommendation_id;
  char *decided_at;
  char *who;
  char *what;
  char *why;
  char *outcome;
};

G_DEFINE_FINAL_TYPE (DlgDecision, dlg_decision, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgDecision, member)
#define J DLG_FIELD_JOURNALED

static const DlgField fields[] = {
  { .column = "stage", .property = "stage", .kind = DLG_FIELD_ENUM, .offset = F (stage),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | J | DLG_FIELD_HIDDEN,
    .label = N_("stage"), .default_string = "arbitration",
    .vocabulary = &dlg_vocabulary_decision_stage,
    .invalid = N_("A decision belongs to the arbitration or the validation stage.") },
  { .column = "recommendation_id", .property = "recommendation-id", .kind = DLG_FIELD_INT64,
    .offset = F (recommendation_id), .flags = J, .label = N_("recommendation"),
    .reference = dlg_recommendation_get_type },
  { .column = "decided_at", .property = "decided-at", .kind = DLG_FIELD_DATE,
    .offset = F (decided_at), .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | J,
    .label = N_("date"), .empty = N_("A decision needs a date.") },
  { .column = "who", .property = "who", .kind = DLG_FIELD_STRING, .offset = F (who),
    .flags = DLG_FIELD_REQUIRED | J, .label = N_("who"), .max_chars = 500,
    .empty = N_("Say who took the decision.") },
  { .column = "what", .property = "what", .kind = DLG_FIELD_TEXT, .offset = F (what),
    .flags = DLG_FIELD_REQUIRED | J, .label = N_("what"), .max_chars = 5000,
    .empty = N_("Say what was decided.") },
  { .column = "why", .property = "why", .kind = DLG_FIELD_TEXT, .offset = F (why),
    .flags = J, .label = N_("why") },
  { .column = "outcome", .property = "outcome", .kind = DLG_FIELD_TEXT, .offset = F (outcome),
    .flags = DLG_FIELD_NULLABLE | J, .label = N_("outcome") },
};

#undef F
#undef J

static const DlgRecordInfo info = {
  .name = "decision",
  .table = "decision",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "decided_at, id",
  .journal_create = "decision.create",
  .journal_update = "decision.update",
  .journal_delete = "decision.delete",
  .not_found = N_("This decision does not exist (it may have been deleted)."),
};

static const char sql_recommendation_process[] =
  "SELECT process_id FROM recommendation WHERE id = ?1";

static gboolean
dlg_decision_validate (DlgRecord  *record,
                       DlgStore   *store,
                       gint64      process_id,
                       GError    **error)
{
  DlgDecision *self = DLG_DECISION (record);
  gint64 other;

  if (self->recommendation_id == 0)
    return TRUE;
  other = dlg_lookup_process (store, sql_recommendation_process, self->recommendation_id,
                              _("The recommendation does not exist."), error);
  if (other == 0)
    return FALSE;
  if (other != process_id)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This recommendation belongs to another process."));
      return FALSE;
    }
  return TRUE;
}

/* A decision belongs to its stage (arbitration or validation): the stage it is saved in, and
 * the stage it was stored in, must both be open. */
static gboolean
dlg_decision_check_editable (DlgRecord  *record,
                             DlgStore   *store,
                             gint64      process_id,
                             GError    **error)
{
  DlgDecision *self = DLG_DECISION (record);
  g_autoptr(DlgDecision) stored = NULL;
  DlgStage stage;

  if (dlg_stage_from_id (self->stage, &stage) &&
      !dlg_stage_check_editable (store, process_id, stage, error))
    return FALSE;
  if (dlg_record_get_id (record) == 0)
    return TRUE;
  if (!(stored = dlg_decision_load (store, dlg_record_get_id (record), error)))
    return FALSE;
  if (g_strcmp0 (stored->stage, self->stage) != 0 &&
      dlg_stage_from_id (stored->stage, &stage) &&
      !dlg_stage_check_editable (store, process_id, stage, error))
    return FALSE;
  return TRUE;
}

static char *
dlg_decision_describe (DlgRecord       *record,
                       DlgStore        *store,
                       DlgRecordChange  change)
{
  DlgDecision *self = DLG_DECISION (record);

  switch (change)
    {
    case DLG_RECORD_CREATE:
      return g_strdup_printf (_("Decision recorded: “%s”."), self->what);
    case DLG_RECORD_UPDATE:
      return g_strdup_printf (_("Decision changed: “%s”."), self->what);
    case DLG_RECORD_DELETE:
      return g_strdup_printf (_("Decision deleted: “%s”."), self->what);
    default:
      g_assert_not_reached ();
    }
}

static const char *
dlg_decision_get_journal_stage (DlgRecord *record)
{
  return DLG_DECISION (record)->stage;
}

static void
dlg_decision_class_init (DlgDecisionClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->validate = dlg_decision_validate;
  record_class->check_editable = dlg_decision_check_editable;
  record_class->describe = dlg_decision_describe;
  record_class->get_stage = dlg_decision_get_journal_stage;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_decision_init (DlgDecision *self)
{
}

/**
 * dlg_decision_new:
 *
 * Returns: (transfer full): a new, unsaved object dated now: set its fields, then save it
 */
DlgDecision *
dlg_decision_new (gint64 process_id)
{
  DlgDecision *self = dlg_record_new (DLG_TYPE_DECISION, process_id);

  self->decided_at = dlg_now_iso8601 ();
  return self;
}

gint64
dlg_decision_get_id (DlgDecision *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_decision_get_uuid (DlgDecision *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_decision_get_process_id (DlgDecision *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
}

const char *
dlg_decision_get_stage (DlgDecision *self)
{
  g_return_val_if_fail (DLG_IS_DECISION (self), NULL);
  return self->stage;
}

gint64
dlg_decision_get_recommendation_id (DlgDecision *self)
{
  g_return_val_if_fail (DLG_IS_DECISION (self), 0);
  return self->recommendation_id;
}

const char *
dlg_decision_get_decided_at (DlgDecision *self)
{
  g_return_val_if_fail (DLG_IS_DECISION (self), NULL);
  return self->decided_at;
}

const char *
dlg_decision_get_who (DlgDecision *self)
{
  g_return_val_if_fail (DLG_IS_DECISION (self), NULL);
  return self->who;
}

const char *
dlg_decision_get_what (DlgDecision *self)
{
  g_return_val_if_fail (DLG_IS_DECISION (self), NULL);
  return self->what;
}

const char *
dlg_decision_get_why (DlgDecision *self)
{
  g_return_val_if_fail (DLG_IS_DECISION (self), NULL);
  return self->why;
}

const char *
dlg_decision_get_outcome (DlgDecision *self)
{
  g_return_val_if_fail (DLG_IS_DECISION (self), NULL);
  return self->outcome;
}

void
dlg_decision_set_stage (DlgDecision *self,
                       const char   *stage)
{
  dlg_record_set_string (DLG_RECORD (self), "stage", stage);
}

void
dlg_decision_set_recommendation_id (DlgDecision *self,
                                   gint64       recommendation_id)
{
  dlg_record_set_int64 (DLG_RECORD (self), "recommendation-id", recommendation_id);
}

void
dlg_decision_set_decided_at (DlgDecision *self,
                            const char   *decided_at)
{
  dlg_record_set_string (DLG_RECORD (self), "decided-at", decided_at);
}

void
dlg_decision_set_who (DlgDecision *self,
                     const char   *who)
{
  dlg_record_set_string (DLG_RECORD (self), "who", who);
}

void
dlg_decision_set_what (DlgDecision *self,
                      const char   *what)
{
  dlg_record_set_string (DLG_RECORD (self), "what", what);
}

void
dlg_decision_set_why (DlgDecision *self,
                     const char   *why)
{
  dlg_record_set_string (DLG_RECORD (self), "why", why);
}

void
dlg_decision_set_outcome (DlgDecision *self,
                         const char   *outcome)
{
  dlg_record_set_string (DLG_RECORD (self), "outcome", outcome);
}

/**
 * dlg_decision_save:
 *
 * Validates @decision and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction with its journal entry.
 * On success the object holds the saved row.
 */
gboolean
dlg_decision_save (DlgStore     *store,
                   DlgDecision  *decision,
                   GError      **error)
{
  g_return_val_if_fail (DLG_IS_DECISION (decision), FALSE);

  return dlg_record_save (DLG_RECORD (decision), store, error);
}

/**
 * dlg_decision_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgDecision *
dlg_decision_load (DlgStore  *store,
                   gint64     id,
                   GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_DECISION, id, error);
}

/**
 * dlg_decision_list:
 * @stage: (nullable): only this stage, or %NULL for all
 *
 * Returns: (transfer full): a #GListModel of #DlgDecision, in display order
 */
GListModel *
dlg_decision_list (DlgStore    *store,
                   gint64       process_id,
                   const char  *stage,
                   GError     **error)
{
  return dlg_record_list (store, DLG_TYPE_DECISION, process_id, "?2 IS NULL OR t.stage = ?2",
                          g_variant_new ("(ms)", stage), error);
}

/**
 * dlg_decision_delete:
 *
 * Deletes the object and journals it.
 */
gboolean
dlg_decision_delete (DlgStore  *store,
                     gint64     id,
                     GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_DECISION, id, error);
}
