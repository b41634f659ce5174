/* dlg-process.c — a participatory process ("démarche") and its stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgProcess is a snapshot read from the store; changes go through the functions below,
 * which write the row and its journal entry in one transaction and then emit
 * DlgStore::changed so that views reload.
 */

#define G_LOG_DOMAIN "dlg-process"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-process.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

#define MAX_TITLE_LENGTH 500

struct _DlgProcess
{
  DlgRecord parent_instance;

  char     *title;
  char     *summary;
  char     *policy_cycle;
  char     *created_at;
  char     *current_stage;  /* the stage's id, as SQL_CURRENT_STAGE gives it */
  gboolean  archived;
  gboolean  is_demo;
};

G_DEFINE_FINAL_TYPE (DlgProcess, dlg_process, DLG_TYPE_RECORD)

/* The current stage is the last one in progress; failing that, the first one neither done nor
 * skipped; failing that (everything closed), the last stage. */
#define SQL_CURRENT_STAGE \
  "(SELECT coalesce ("                                                                   \
  "   (SELECT stage FROM stage_state s WHERE s.process_id = t.id AND state = 'in_progress'" \
  "    ORDER BY rank DESC LIMIT 1),"                                                      \
  "   (SELECT stage FROM stage_state s WHERE s.process_id = t.id"                          \
  "    AND state IN ('not_started') ORDER BY rank LIMIT 1),"                               \
  "   'follow_up'))"

#define F(member) G_STRUCT_OFFSET (DlgProcess, member)
#define RO (DLG_FIELD_READ_ONLY | DLG_FIELD_NULLABLE)

/* Read through the base; written by the functions below (a process is created with its twelve
 * stages, and each change has its own journal action). */
static const DlgField fields[] = {
  { .column = "title", .property = "title", .kind = DLG_FIELD_STRING, .offset = F (title),
    .flags = RO | DLG_FIELD_REQUIRED, .label = N_("title"), .max_chars = MAX_TITLE_LENGTH,
    .empty = N_("A process needs a title."), .json_name = "title" },
  { .column = "summary", .property = "summary", .kind = DLG_FIELD_TEXT, .offset = F (summary),
    .flags = RO, .label = N_("summary"), .json_name = "summary" },
  { .column = "policy_cycle", .property = "policy-cycle", .kind = DLG_FIELD_STRING,
    .offset = F (policy_cycle), .flags = RO | DLG_FIELD_HIDDEN, .label = N_("policy cycle"),
    .json_name = "policy_cycle" },
  { .column = "archived", .property = "archived", .kind = DLG_FIELD_BOOLEAN,
    .offset = F (archived), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN,
    .label = N_("archived"), .json_name = "archived" },
  { .column = "is_demo", .property = "is-demo", .kind = DLG_FIELD_BOOLEAN,
    .offset = F (is_demo), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN,
    .label = N_("demo") },
  { .column = "created_at", .property = "created-at", .kind = DLG_FIELD_DATE,
    .offset = F (created_at), .flags = RO | DLG_FIELD_INSERT_ONLY | DLG_FIELD_HIDDEN,
    .label = N_("created") },
  { .column = SQL_CURRENT_STAGE, .property = "current-stage-id", .kind = DLG_FIELD_STRING,
    .offset = F (current_stage), .flags = RO | DLG_FIELD_SELECT_ONLY | DLG_FIELD_HIDDEN,
    .label = N_("current stage") },
};

#undef F
#undef RO

static const DlgRecordInfo info = {
  .name = "process",
  .table = "process",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.archived, t.title COLLATE NOCASE, t.id",
  /* The process is its own: its process-id is its id. */
  .process_column = "t.id",
  .not_found = N_("This process does not exist (it may have been deleted)."),
};

/* A process id is never given again, even after the process was deleted (the demo's by a
 * training reset): the journal, which stays, keys its chains by process id, and a new process
 * must not continue the chain of a deleted one. */
static const char sql_insert[] =
  "INSERT INTO process (id, uuid, title, created_at, updated_at)"
  " VALUES (1 + max (coalesce ((SELECT max (id) FROM process), 0),"
  "                  coalesce ((SELECT max (process_id) FROM journal), 0)), ?1, ?2, ?3, ?3)";
static const char sql_insert_stage[] =
  "INSERT INTO stage_state (process_id, stage, rank) VALUES (?1, ?2, ?3)";
static const char sql_rename[] =
  "UPDATE process SET title = ?2, updated_at = ?3,"
  " sync_state = CASE sync_state WHEN 'synced' THEN 'modified' ELSE sync_state END"
  " WHERE id = ?1";
static const char sql_summary[] =
  "UPDATE process SET summary = ?2, updated_at = ?3,"
  " sync_state = CASE sync_state WHEN 'synced' THEN 'modified' ELSE sync_state END"
  " WHERE id = ?1";
static const char sql_policy_cycle[] =
  "UPDATE process SET policy_cycle = ?2, updated_at = ?3,"
  " sync_state = CASE sync_state WHEN 'synced' THEN 'modified' ELSE sync_state END"
  " WHERE id = ?1";
static const char sql_archive[] =
  "UPDATE process SET archived = ?2, updated_at = ?3,"
  " sync_state = CASE sync_state WHEN 'synced' THEN 'modified' ELSE sync_state END"
  " WHERE id = ?1";
static const char sql_get_field[] =
  "SELECT value FROM process_field WHERE process_id = ?1 AND key = ?2";
static const char sql_set_field[] =
  "INSERT INTO process_field (process_id, key, value, updated_at) VALUES (?1, ?2, ?3, ?4)"
  " ON CONFLICT (process_id, key) DO UPDATE SET value = excluded.value,"
  " updated_at = excluded.updated_at";
static const char sql_touch[] =
  "UPDATE process SET updated_at = ?2,"
  " sync_state = CASE sync_state WHEN 'synced' THEN 'modified' ELSE sync_state END"
  " WHERE id = ?1";

/* "current-stage" (a DlgStage) is the process's own property, over the field's stage id. */
enum { PROP_CURRENT_STAGE = G_N_ELEMENTS (fields) + 1 };

static void (*record_get_property) (GObject *, guint, GValue *, GParamSpec *);

static void
dlg_process_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  if (prop_id == PROP_CURRENT_STAGE)
    g_value_set_uint (value, dlg_process_get_current_stage (DLG_PROCESS (object)));
  else
    record_get_property (object, prop_id, value, pspec);
}

static void
dlg_process_class_init (DlgProcessClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  dlg_record_class_set_info (DLG_RECORD_CLASS (klass), &info);
  record_get_property = object_class->get_property;
  object_class->get_property = dlg_process_get_property;
  g_object_class_install_property (object_class, PROP_CURRENT_STAGE,
                                   g_param_spec_uint ("current-stage", NULL, NULL, 0,
                                                      DLG_N_STAGES - 1, 0,
                                                      G_PARAM_READABLE |
                                                      G_PARAM_STATIC_STRINGS));
}

static void
dlg_process_init (DlgProcess *self)
{
}

gint64      dlg_process_get_id (DlgProcess *self) { return dlg_record_get_id (DLG_RECORD (self)); }
const char *dlg_process_get_uuid (DlgProcess *self) { return dlg_record_get_uuid (DLG_RECORD (self)); }
const char *dlg_process_get_title (DlgProcess *self) { return self->title; }
const char *dlg_process_get_summary (DlgProcess *self) { return self->summary; }
const char *dlg_process_get_policy_cycle (DlgProcess *self) { return self->policy_cycle; }
gboolean    dlg_process_get_archived (DlgProcess *self) { return self->archived; }
gboolean    dlg_process_get_is_demo (DlgProcess *self) { return self->is_demo; }
const char *dlg_process_get_created_at (DlgProcess *self) { return self->created_at; }

DlgStage
dlg_process_get_current_stage (DlgProcess *self)
{
  DlgStage stage = DLG_STAGE_DIAGNOSTIC;

  dlg_stage_from_id (self->current_stage, &stage);
  return stage;
}

/* The process @where gives, or NULL with “There is no process “@reference”.” */
static DlgProcess *
load_one (DlgStore    *store,
          const char  *where,
          GVariant    *params,
          const char  *reference,
          GError     **error)
{
  GError *local = NULL;
  DlgProcess *process = dlg_record_query_first (store, DLG_TYPE_PROCESS, where, params, &local);

  if (process == NULL && local == NULL)
    g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, _("There is no process “%s”."),
                 reference);
  else if (local != NULL)
    g_propagate_error (error, local);
  return process;
}

static gboolean
check_title (const char  *title,
             GError     **error)
{
  g_autofree char *stripped = NULL;

  if (title == NULL || !g_utf8_validate (title, -1, NULL))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The title is not valid text."));
      return FALSE;
    }
  stripped = g_strstrip (g_strdup (title));
  if (*stripped == '\0')
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A process needs a title."));
      return FALSE;
    }
  if (g_utf8_strlen (title, -1) > MAX_TITLE_LENGTH)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("The title is too long (%d characters at most)."), MAX_TITLE_LENGTH);
      return FALSE;
    }
  return TRUE;
}

/**
 * dlg_process_create:
 * @store: a #DlgStore
 * @title: the title of the new process
 * @error: return location for a #DlgError
 *
 * Creates a process with its twelve stages not started, and journals it.
 *
 * Returns: (transfer full): the new process, or %NULL
 */
DlgProcess *
dlg_process_create (DlgStore    *store,
                    const char  *title,
                    GError     **error)
{
  g_autoptr(DlgStmt) insert = NULL;
  g_autofree char *uuid = dlg_uuid_new ();
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *stripped = NULL;
  g_autofree char *summary = NULL;
  gint64 id;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!check_title (title, error))
    return NULL;
  stripped = g_strstrip (g_strdup (title));

  if (!dlg_store_begin (store, error))
    return NULL;
  if (!(insert = dlg_store_prepare (store, sql_insert, error)))
    goto fail;
  dlg_stmt_bind_text (insert, 1, uuid);
  dlg_stmt_bind_text (insert, 2, stripped);
  dlg_stmt_bind_text (insert, 3, now);
  if (!dlg_store_step_done (store, insert, error))
    goto fail;
  id = sqlite3_last_insert_rowid (dlg_store_get_db (store));

  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      g_autoptr(DlgStmt) stage = dlg_store_prepare (store, sql_insert_stage, error);

      if (stage == NULL)
        goto fail;
      sqlite3_bind_int64 (stage, 1, id);
      dlg_stmt_bind_text (stage, 2, dlg_stage_to_id (i));
      sqlite3_bind_int (stage, 3, i);
      if (!dlg_store_step_done (store, stage, error))
        goto fail;
    }

  summary = g_strdup_printf (_("Process “%s” created."), stripped);
  if (!dlg_journal_append (store, id, "process.create", "process", uuid, summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return NULL;

  dlg_store_emit_changed (store, DLG_TYPE_PROCESS, id);
  return dlg_process_load (store, id, error);

fail:
  dlg_store_rollback (store);
  return NULL;
}

/**
 * dlg_process_load:
 *
 * Returns: (transfer full): a snapshot of the process, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgProcess *
dlg_process_load (DlgStore    *store,
                  gint64       process_id,
                  GError     **error)
{
  g_autofree char *reference = g_strdup_printf ("%" G_GINT64_FORMAT, process_id);

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  return load_one (store, "t.id = ?1", g_variant_new ("(x)", process_id), reference, error);
}

/**
 * dlg_process_find:
 * @reference: a process id (a number) or uuid, as an officer types it
 *
 * Returns: (transfer full): the process, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgProcess *
dlg_process_find (DlgStore    *store,
                  const char  *reference,
                  GError     **error)
{
  gint64 id;
  char *end = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (reference != NULL, NULL);

  id = g_ascii_strtoll (reference, &end, 10);
  if (end != reference && *end == '\0' && id > 0)
    return dlg_process_load (store, id, error);

  return load_one (store, "t.uuid = ?1", g_variant_new ("(s)", reference), reference, error);
}

/**
 * dlg_process_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgProcess, by title
 */
GListModel *
dlg_process_list (DlgStore  *store,
                  gboolean   include_archived,
                  GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  return dlg_record_query (store, DLG_TYPE_PROCESS, "?1 OR t.archived = 0",
                           g_variant_new ("(x)", (gint64) (include_archived != FALSE)), error);
}

/* Runs @sql (?1 id, ?2 value, ?3 now) and journals it, in one transaction; with @field, the
 * entry has its old and new value. */
static gboolean
update_and_journal_field (DlgStore    *store,
                          DlgProcess  *process,
                          const char  *sql,
                          const char  *text_value,
                          int          int_value,
                          const char  *action,
                          const char  *field,
                          const char  *old_value,
                          const char  *summary,
                          GError     **error)
{
  gint64 process_id = dlg_process_get_id (process);
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *now = dlg_now_iso8601 ();

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  if (text_value != NULL)
    dlg_stmt_bind_text (stmt, 2, text_value);
  else
    sqlite3_bind_int (stmt, 2, int_value);
  dlg_stmt_bind_text (stmt, 3, now);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (field == NULL
      ? !dlg_journal_append (store, process_id, action, "process",
                             dlg_process_get_uuid (process), summary, error)
      : !dlg_journal_append_full (store, process_id, action, "process",
                                  dlg_process_get_uuid (process), NULL, field, old_value,
                                  text_value, summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_PROCESS, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

static gboolean
update_and_journal (DlgStore    *store,
                    gint64       process_id,
                    const char  *sql,
                    const char  *text_value,
                    int          int_value,
                    const char  *action,
                    const char  *summary,
                    GError     **error)
{
  g_autoptr(DlgProcess) process = dlg_process_load (store, process_id, error);

  return process != NULL
         && update_and_journal_field (store, process, sql, text_value, int_value, action, NULL,
                                      NULL, summary, error);
}

gboolean
dlg_process_rename (DlgStore    *store,
                    gint64       process_id,
                    const char  *title,
                    GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!check_title (title, error))
    return FALSE;
  if (!dlg_process_check_editable (store, process_id, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (title));
  summary = g_strdup_printf (_("Process renamed “%s”."), stripped);
  return update_and_journal (store, process_id, sql_rename, stripped, 0, "process.rename",
                             summary, error);
}

gboolean
dlg_process_set_summary (DlgStore    *store,
                         gint64       process_id,
                         const char  *summary,
                         GError     **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  if (!g_utf8_validate (summary, -1, NULL))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The summary is not valid text."));
      return FALSE;
    }
  if (!dlg_process_check_editable (store, process_id, error))
    return FALSE;
  return update_and_journal (store, process_id, sql_summary, summary, 0, "process.summary",
                             _("Summary of the process changed."), error);
}

/**
 * dlg_process_set_policy_cycle:
 * @policy_cycle: an id of dlg_vocabulary_policy_cycle ("diagnostic", "design"…)
 *
 * Moves the process in the policy cycle; journaled with the old and new position when it
 * changes (nothing is written when it is already there).
 */
gboolean
dlg_process_set_policy_cycle (DlgStore    *store,
                              gint64       process_id,
                              const char  *policy_cycle,
                              GError     **error)
{
  g_autoptr(DlgProcess) process = NULL;
  g_autofree char *summary = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!dlg_check_enum (policy_cycle, &dlg_vocabulary_policy_cycle, FALSE,
                       _("This position in the policy cycle is unknown (diagnostic, design, "
                         "implementation, evaluation or prospective)."), error)
      || !(process = dlg_process_load (store, process_id, error))
      || !dlg_process_check_editable (store, process_id, error))
    return FALSE;
  if (g_strcmp0 (process->policy_cycle, policy_cycle) == 0)
    return TRUE;
  summary = g_strdup_printf (_("Policy-cycle position: %s."),
                             dlg_vocabulary_get_label (&dlg_vocabulary_policy_cycle,
                                                       policy_cycle));
  return update_and_journal_field (store, process, sql_policy_cycle, policy_cycle, 0,
                                   "process.policy_cycle", "policy_cycle", process->policy_cycle,
                                   summary, error);
}

gboolean
dlg_process_set_archived (DlgStore    *store,
                          gint64       process_id,
                          gboolean     archived,
                          GError     **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return update_and_journal (store, process_id, sql_archive, NULL, archived ? 1 : 0,
                             archived ? "process.archive" : "process.unarchive",
                             archived ? _("Process archived.") : _("Process restored."),
                             error);
}

/**
 * dlg_process_touch:
 *
 * Marks the public process page as changed (its fields, features or stage timeline), so that
 * the next sync pushes it again once it has been published. Call it inside the transaction of
 * the change.
 */
gboolean
dlg_process_touch (DlgStore    *store,
                   gint64       process_id,
                   GError     **error)
{
  g_autoptr(DlgStmt) touch = NULL;
  g_autofree char *now = dlg_now_iso8601 ();

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(touch = dlg_store_prepare (store, sql_touch, error)))
    return FALSE;
  sqlite3_bind_int64 (touch, 1, process_id);
  dlg_stmt_bind_text (touch, 2, now);
  return dlg_store_step_done (store, touch, error);
}

/**
 * dlg_process_field_keys:
 *
 * Returns: (transfer none): the DLG_FIELD_ keys of the stages' texts, in stage order, for code
 *   that lists them (the command line)
 */
const char *const *
dlg_process_field_keys (void)
{
  static const char *const keys[] = {
    DLG_FIELD_DIAGNOSTIC_STEERING, DLG_FIELD_DIAGNOSTIC_OBJECT, DLG_FIELD_DIAGNOSTIC_QUESTIONS,
    DLG_FIELD_DIAGNOSTIC_CONSTRAINTS, DLG_FIELD_DIAGNOSTIC_METHODS, DLG_FIELD_SPEC_OBJECTIVES,
    DLG_FIELD_SPEC_PUBLICS, DLG_FIELD_SPEC_BUDGET, DLG_FIELD_SPEC_CALENDAR,
    DLG_FIELD_MANDATE_QUESTION, DLG_FIELD_MANDATE_PERIMETER, DLG_FIELD_MANDATE_OUT_OF_SCOPE,
    DLG_FIELD_MANDATE_COMMITMENTS, DLG_FIELD_MANDATE_RESPONSE_WEEKS,
    DLG_FIELD_MANDATE_RETENTION_MONTHS, NULL
  };

  return keys;
}

/* A field belongs to the stage its key starts with ("mandate.question": the mandate). */
static gboolean
check_field_editable (DlgStore    *store,
                      gint64       process_id,
                      const char  *key,
                      GError     **error)
{
  const char *dot = strchr (key, '.');
  g_autofree char *prefix = dot != NULL ? g_strndup (key, dot - key) : NULL;
  DlgStage stage;

  if (prefix != NULL && dlg_stage_from_id (prefix, &stage))
    return dlg_stage_check_editable (store, process_id, stage, error);
  return dlg_process_check_editable (store, process_id, error);
}

/**
 * dlg_process_get_field:
 * @key: one of the DLG_FIELD_ keys
 *
 * Returns: (transfer full): the value, "" when it was never set, %NULL on error
 */
char *
dlg_process_get_field (DlgStore    *store,
                       gint64       process_id,
                       const char  *key,
                       GError     **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  if (!(stmt = dlg_store_prepare (store, sql_get_field, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, key);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return dlg_stmt_dup_text (stmt, 0);
  if (rc == SQLITE_DONE)
    return g_strdup ("");
  dlg_store_set_error (store, rc, error);
  return NULL;
}

G_DEFINE_POINTER_TYPE (DlgProcessField, dlg_process_field)

/**
 * dlg_process_set_field:
 * @key: one of the DLG_FIELD_ keys
 * @value: the new text
 *
 * Saves a free-form field of a stage. Fields are edited as the officer types, so each save is
 * noted as part of a burst (dlg_journal_note_edit()) that becomes one journal entry with the
 * value before and after once it is settled. Saving the value the field already has writes
 * nothing.
 */
gboolean
dlg_process_set_field (DlgStore    *store,
                       gint64       process_id,
                       const char  *key,
                       const char  *value,
                       GError     **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *old_value = NULL;
  g_autofree char *stage_id = NULL;
  g_autofree char *summary = NULL;
  const char *stage_label = NULL;
  DlgStage stage;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (key != NULL && value != NULL, FALSE);

  if (!(process = dlg_process_load (store, process_id, error)))
    return FALSE;
  if (!(old_value = dlg_process_get_field (store, process_id, key, error)))
    return FALSE;
  /* Saving what is stored already is no write: nothing to refuse, touch or journal. */
  if (g_str_equal (old_value, value))
    return TRUE;
  if (!check_field_editable (store, process_id, key, error))
    return FALSE;
  stage_id = g_strndup (key, strcspn (key, "."));
  if (dlg_stage_from_id (stage_id, &stage))
    stage_label = dlg_stage_get_label (stage);
  else
    g_clear_pointer (&stage_id, g_free);
  summary = stage_label != NULL
            ? g_strdup_printf (_("%s: “%s” changed."), stage_label,
                               dlg_journal_field_get_label ("process", key))
            : g_strdup_printf (_("“%s” changed."),
                               dlg_journal_field_get_label ("process", key));

  if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID, _("The text is not valid."));
      return FALSE;
    }
  /* The window's spin button gives 0…104; a script must not store anything else. */
  if (g_str_equal (key, DLG_FIELD_MANDATE_RESPONSE_WEEKS) && *value != '\0' &&
      !g_ascii_string_to_unsigned (value, 10, 0, 104, NULL, NULL))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The delay of the argued response is a number of weeks, from 0 "
                             "to 104."));
      return FALSE;
    }
  if (g_str_equal (key, DLG_FIELD_MANDATE_RETENTION_MONTHS) && *value != '\0' &&
      !g_ascii_string_to_unsigned (value, 10, 0, 120, NULL, NULL))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The retention of contact data is a number of months, from 0 "
                             "to 120."));
      return FALSE;
    }

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_set_field, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, key);
  dlg_stmt_bind_text (stmt, 3, value);
  dlg_stmt_bind_text (stmt, 4, now);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_process_touch (store, process_id, error))
    goto fail;
  if (!dlg_journal_note_edit (store, process_id, "process.field", "process", dlg_process_get_uuid (process),
                              stage_id, key, old_value, value, summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_PROCESS_FIELD, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_process_lookup_uuid:
 *
 * The id of the process whose uuid is @uuid, without loading it (the ingestion path asks it
 * for every item a source brings).
 *
 * Returns: the id, 0 when no process has this uuid, or -1 with @error set
 */
gint64
dlg_process_lookup_uuid (DlgStore    *store,
                         const char  *uuid,
                         GError     **error)
{
  static const char sql_lookup_uuid[] = "SELECT id FROM process WHERE uuid = ?1";
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), -1);
  g_return_val_if_fail (uuid != NULL, -1);

  if (!(stmt = dlg_store_prepare (store, sql_lookup_uuid, error)))
    return -1;
  dlg_stmt_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    return 0;
  dlg_store_set_error (store, rc, error);
  return -1;
}

/**
 * dlg_process_list_demo_ids:
 *
 * Returns: (transfer full) (element-type gint64): the ids of the demo processes, in order
 */
GArray *
dlg_process_list_demo_ids (DlgStore  *store,
                           GError   **error)
{
  static const char sql_demo_ids[] = "SELECT id FROM process WHERE is_demo = 1 ORDER BY id";
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_demo_ids, error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}
