/* dlg-decision.c — an arbitration or validation decision
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgDecision is a snapshot of its row: setters change the object only,
 * dlg_decision_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgDecision.
 */

#define G_LOG_DOMAIN "dlg-decision"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-decision.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgDecision
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 process_id;
  char *stage;
  gint64 recommendation_id;
  char *decided_at;
  char *who;
  char *what;
  char *why;
  char *outcome;
};

G_DEFINE_FINAL_TYPE (DlgDecision, dlg_decision, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_STAGE,
  PROP_RECOMMENDATION_ID,
  PROP_DECIDED_AT,
  PROP_WHO,
  PROP_WHAT,
  PROP_WHY,
  PROP_OUTCOME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char * const stage_values[] = {
  "arbitration", "validation", NULL
};

#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.process_id, t.stage, t.recommendation_id, t.decided_at," \
  " t.who, t.what, t.why, t.outcome FROM decision t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.process_id = ?1 AND (?2 IS NULL OR t.stage = ?2)"
  " ORDER BY decided_at, id";
static const char sql_insert[] =
  "INSERT INTO decision (uuid, process_id, stage, recommendation_id, decided_at, who,"
  " what, why, outcome) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char sql_update[] =
  "UPDATE decision SET stage = ?2, recommendation_id = ?3, decided_at = ?4, who = ?5,"
  " what = ?6, why = ?7, outcome = ?8 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM decision WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_decision_finalize (GObject *object)
{
  DlgDecision *self = (DlgDecision *)object;

  g_free (self->uuid);
  g_free (self->stage);
  g_free (self->decided_at);
  g_free (self->who);
  g_free (self->what);
  g_free (self->why);
  g_free (self->outcome);

  G_OBJECT_CLASS (dlg_decision_parent_class)->finalize (object);
}

static void
dlg_decision_get_property (GObject    *object,
                           guint       prop_id,
                           GValue     *value,
                           GParamSpec *pspec)
{
  DlgDecision *self = DLG_DECISION (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, self->uuid);
      break;
    case PROP_PROCESS_ID:
      g_value_set_int64 (value, self->process_id);
      break;
    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;
    case PROP_RECOMMENDATION_ID:
      g_value_set_int64 (value, self->recommendation_id);
      break;
    case PROP_DECIDED_AT:
      g_value_set_string (value, self->decided_at);
      break;
    case PROP_WHO:
      g_value_set_string (value, self->who);
      break;
    case PROP_WHAT:
      g_value_set_string (value, self->what);
      break;
    case PROP_WHY:
      g_value_set_string (value, self->why);
      break;
    case PROP_OUTCOME:
      g_value_set_string (value, self->outcome);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_decision_set_property (GObject      *object,
                           guint         prop_id,
                           const GValue *value,
                           GParamSpec   *pspec)
{
  DlgDecision *self = DLG_DECISION (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      dlg_decision_set_stage (self, g_value_get_string (value));
      break;
    case PROP_RECOMMENDATION_ID:
      dlg_decision_set_recommendation_id (self, g_value_get_int64 (value));
      break;
    case PROP_DECIDED_AT:
      dlg_decision_set_decided_at (self, g_value_get_string (value));
      break;
    case PROP_WHO:
      dlg_decision_set_who (self, g_value_get_string (value));
      break;
    case PROP_WHAT:
      dlg_decision_set_what (self, g_value_get_string (value));
      break;
    case PROP_WHY:
      dlg_decision_set_why (self, g_value_get_string (value));
      break;
    case PROP_OUTCOME:
      dlg_decision_set_outcome (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_decision_class_init (DlgDecisionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_decision_finalize;
  object_class->get_property = dlg_decision_get_property;
  object_class->set_property = dlg_decision_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_STAGE] = g_param_spec_string ("stage", NULL, NULL, "arbitration", rw);
  properties[PROP_RECOMMENDATION_ID] =
    g_param_spec_int64 ("recommendation-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_DECIDED_AT] = g_param_spec_string ("decided-at", NULL, NULL, NULL, rw);
  properties[PROP_WHO] = g_param_spec_string ("who", NULL, NULL, "", rw);
  properties[PROP_WHAT] = g_param_spec_string ("what", NULL, NULL, "", rw);
  properties[PROP_WHY] = g_param_spec_string ("why", NULL, NULL, "", rw);
  properties[PROP_OUTCOME] = g_param_spec_string ("outcome", NULL, NULL, NULL, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_decision_init (DlgDecision *self)
{
  self->stage = g_strdup ("arbitration");
  self->who = g_strdup ("");
  self->what = g_strdup ("");
  self->why = g_strdup ("");
}

/**
 * dlg_decision_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgDecision *
dlg_decision_new (gint64 process_id)
{
  DlgDecision *self = g_object_new (DLG_TYPE_DECISION, NULL);

  self->process_id = process_id;
  self->decided_at = dlg_now_iso8601 ();
  return self;
}

gint64
dlg_decision_get_id (DlgDecision *self)
{
  g_return_val_if_fail (DLG_IS_DECISION (self), 0);

  return self->id;
}

const char *
dlg_decision_get_uuid (DlgDecision *self)
{
  g_return_val_if_fail (DLG_IS_DECISION (self), NULL);

  return self->uuid;
}

gint64
dlg_decision_get_process_id (DlgDecision *self)
{
  g_return_val_if_fail (DLG_IS_DECISION (self), 0);

  return self->process_id;
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
                        const char  *stage)
{
  g_return_if_fail (DLG_IS_DECISION (self));

  if (g_strcmp0 (self->stage, stage) == 0)
    return;
  g_free (self->stage);
  self->stage = g_strdup (stage);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

void
dlg_decision_set_recommendation_id (DlgDecision *self,
                                    gint64       recommendation_id)
{
  g_return_if_fail (DLG_IS_DECISION (self));

  if (recommendation_id < 0)
    recommendation_id = 0;
  if (self->recommendation_id == recommendation_id)
    return;
  self->recommendation_id = recommendation_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RECOMMENDATION_ID]);
}

void
dlg_decision_set_decided_at (DlgDecision *self,
                             const char  *decided_at)
{
  g_return_if_fail (DLG_IS_DECISION (self));

  if (g_strcmp0 (self->decided_at, decided_at) == 0)
    return;
  g_free (self->decided_at);
  self->decided_at = g_strdup (decided_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DECIDED_AT]);
}

void
dlg_decision_set_who (DlgDecision *self,
                      const char  *who)
{
  g_return_if_fail (DLG_IS_DECISION (self));

  if (who == NULL)
    who = "";
  if (g_strcmp0 (self->who, who) == 0)
    return;
  g_free (self->who);
  self->who = g_strdup (who);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHO]);
}

void
dlg_decision_set_what (DlgDecision *self,
                       const char  *what)
{
  g_return_if_fail (DLG_IS_DECISION (self));

  if (what == NULL)
    what = "";
  if (g_strcmp0 (self->what, what) == 0)
    return;
  g_free (self->what);
  self->what = g_strdup (what);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHAT]);
}

void
dlg_decision_set_why (DlgDecision *self,
                      const char  *why)
{
  g_return_if_fail (DLG_IS_DECISION (self));

  if (why == NULL)
    why = "";
  if (g_strcmp0 (self->why, why) == 0)
    return;
  g_free (self->why);
  self->why = g_strdup (why);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WHY]);
}

void
dlg_decision_set_outcome (DlgDecision *self,
                          const char  *outcome)
{
  g_return_if_fail (DLG_IS_DECISION (self));

  if (g_strcmp0 (self->outcome, outcome) == 0)
    return;
  g_free (self->outcome);
  self->outcome = g_strdup (outcome);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OUTCOME]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgDecision  *self,
          sqlite3_stmt *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->stage);
  self->stage = dlg_stmt_dup_text (stmt, col++);
  self->recommendation_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->decided_at);
  self->decided_at = dlg_stmt_dup_text (stmt, col++);
  g_free (self->who);
  self->who = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->what);
  self->what = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->why);
  self->why = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->outcome);
  self->outcome = dlg_stmt_dup_text (stmt, col++);
}

static DlgDecision *
from_row (sqlite3_stmt *stmt)
{
  DlgDecision *self = g_object_new (DLG_TYPE_DECISION, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgDecision *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgDecision *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This decision does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static const char sql_recommendation_process[] =
  "SELECT process_id FROM recommendation WHERE id = ?1";

static gboolean
validate_extra (DlgStore     *store,
                DlgDecision  *self,
                gint64        process_id,
                GError      **error)
{
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

static gboolean
validate (DlgStore     *store,
          DlgDecision  *self,
          gint64        process_id,
          GError      **error)
{
  if (!dlg_check_enum (self->stage, stage_values, FALSE,
                       _("A decision belongs to the arbitration or the validation stage."), error))
    return FALSE;
  if (!dlg_check_date (self->decided_at, TRUE, _("date"), _("A decision needs a date."), error))
    return FALSE;
  if (!dlg_check_text (self->who, TRUE, 500, _("who"), _("Say who took the decision."), error))
    return FALSE;
  if (!dlg_check_text (self->what, TRUE, 5000, _("what"), _("Say what was decided."), error))
    return FALSE;
  if (!dlg_check_text (self->why, FALSE, 0, _("why"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->outcome, FALSE, 0, _("outcome"), NULL, error))
    return FALSE;
  if (!validate_extra (store, self, process_id, error))
    return FALSE;
  return TRUE;
}

/* What the journal follows of a decision (dlg_journal_note_changes). */
static const char * const journaled_properties[] = {
  "stage", "recommendation-id", "decided-at", "who", "what", "why", "outcome", NULL
};

/* A decision belongs to its stage (arbitration or validation): the stage it is saved in, and
 * the stage it was stored in, must both be open. */
static gboolean
check_editable (DlgStore     *store,
                DlgDecision  *self,
                gint64        process_id,
                GError      **error)
{
  g_autoptr(DlgDecision) stored = NULL;
  DlgStage stage;

  if (dlg_stage_from_id (self->stage, &stage) &&
      !dlg_stage_check_editable (store, process_id, stage, error))
    return FALSE;
  if (self->id == 0)
    return TRUE;
  if (!(stored = dlg_decision_load (store, self->id, error)))
    return FALSE;
  if (g_strcmp0 (stored->stage, self->stage) != 0 &&
      dlg_stage_from_id (stored->stage, &stage) &&
      !dlg_stage_check_editable (store, process_id, stage, error))
    return FALSE;
  return TRUE;
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
  g_autoptr(DlgDecision) before = NULL;
  DlgDecision *self = decision;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *summary = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_DECISION (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;
  if (!check_editable (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  before = inserting ? NULL : dlg_decision_load (store, self->id, NULL);
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->process_id);
      dlg_stmt_bind_text (stmt, 3, self->stage);
      if (self->recommendation_id > 0)
        sqlite3_bind_int64 (stmt, 4, self->recommendation_id);
      dlg_stmt_bind_text (stmt, 5, self->decided_at);
      dlg_stmt_bind_text (stmt, 6, self->who);
      dlg_stmt_bind_text (stmt, 7, self->what);
      dlg_stmt_bind_text (stmt, 8, self->why);
      dlg_stmt_bind_text (stmt, 9, self->outcome);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->stage);
      if (self->recommendation_id > 0)
        sqlite3_bind_int64 (stmt, 3, self->recommendation_id);
      dlg_stmt_bind_text (stmt, 4, self->decided_at);
      dlg_stmt_bind_text (stmt, 5, self->who);
      dlg_stmt_bind_text (stmt, 6, self->what);
      dlg_stmt_bind_text (stmt, 7, self->why);
      dlg_stmt_bind_text (stmt, 8, self->outcome);
    }
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (inserting)
    self->id = sqlite3_last_insert_rowid (dlg_store_get_db (store));
  else if (sqlite3_changes (dlg_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("This item was deleted meanwhile: nothing was saved."));
      goto fail;
    }
  summary = g_strdup_printf (inserting ? _("Decision recorded: “%s”.")
                             : _("Decision changed: “%s”."), self->what);
  if (inserting
      ? !dlg_journal_append_full (store, process_id, "decision.create", "decision", self->uuid,
                                  self->stage, NULL, NULL, NULL, summary, error)
      : before != NULL
        && !dlg_journal_note_changes (store, process_id, "decision.update", "decision",
                                      self->uuid, self->stage, G_OBJECT (before),
                                      G_OBJECT (self), journaled_properties, summary,
                                      error))
    goto fail;
  if (!(reload = dlg_store_prepare (store, sql_load, error)))
    goto fail;
  sqlite3_bind_int64 (reload, 1, self->id);
  if (sqlite3_step (reload) != SQLITE_ROW)
    {
      dlg_store_set_error (store, sqlite3_errcode (dlg_store_get_db (store)), error);
      goto fail;
    }
  read_row (self, reload);
  if (!dlg_store_commit (store, error))
    goto fail_committed;
  notify_all (self);
  dlg_store_emit_changed (store, DLG_TYPE_DECISION, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
fail_committed:
  if (inserting)
    {
      self->id = 0;
      g_clear_pointer (&self->uuid, g_free);
    }
  return FALSE;
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
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_load, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  return load_one (store, stmt, error);
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
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, stage);
  return dlg_collect_rows (store, stmt, DLG_TYPE_DECISION, (DlgRowFunc) from_row, error);
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
  g_autoptr(DlgDecision) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *summary = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_decision_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!check_editable (store, self, process_id, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  summary = g_strdup_printf (_("Decision deleted: “%s”."), self->what);
  if (!dlg_journal_append_full (store, process_id, "decision.delete", "decision", self->uuid,
                                self->stage, NULL, NULL, NULL, summary, error))
    goto fail;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_DECISION, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
