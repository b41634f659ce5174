/* dlg-response-bulk.c — answers at volume: templates of positions and justifications, applied
 * to many recommendations at once, undoable, and the check before publication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A template is a position and a justification with placeholders; applying it to a
 * selection writes each position through dlg_position_save (so each is journaled as the
 * window's edits are, and refused when the response stage is closed), all in one
 * transaction with a response_operation row that keeps every position as it was and as the
 * template wrote it. Undo puts back what was, except where the officer has edited the
 * position since (kept: nothing typed is lost). The check before publication reads the same
 * rows to find a justification still as the template wrote it.
 */

#define G_LOG_DOMAIN "dlg-response-bulk"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-position.h"
#include "dlg-process.h"
#include "dlg-response-bulk.h"
#include "dlg-stage-rules.h"

typedef struct { int unused; } DlgResponseTemplateType;
G_DEFINE_POINTER_TYPE (DlgResponseTemplateType, dlg_response_template)
typedef struct { int unused; } DlgResponseOperationType;
G_DEFINE_POINTER_TYPE (DlgResponseOperationType, dlg_response_operation)

static const char *const placeholders[] = {
  "recommendation", "number", "department", "date", NULL
};

static const char sql_templates[] =
  "SELECT id, process_id, name, position, body FROM response_template"
  " WHERE process_id = ?1 ORDER BY name COLLATE NOCASE, id";
static const char sql_template[] =
  "SELECT id, process_id, name, position, body FROM response_template WHERE id = ?1";
static const char sql_template_exists[] =
  "SELECT 1 FROM response_template WHERE process_id = ?1 AND name = ?2";
static const char sql_add_template[] =
  "INSERT INTO response_template (process_id, name, position, body, created_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_delete_template[] = "DELETE FROM response_template WHERE id = ?1";
static const char sql_recommendation[] =
  "SELECT r.process_id, r.number, r.title, coalesce (v.department, '')"
  " FROM recommendation r LEFT JOIN review v ON v.recommendation_id = r.id WHERE r.id = ?1";
static const char sql_add_operation[] =
  "INSERT INTO response_operation (process_id, template_id, summary, created_at)"
  " VALUES (?1, ?2, ?3, ?4)";
static const char sql_operation_count[] =
  "UPDATE response_operation SET n_changed = ?2, summary = ?3 WHERE id = ?1";
static const char sql_add_operation_position[] =
  "INSERT INTO response_operation_position (operation_id, recommendation_id, had_position,"
  " old_value, old_justification, new_value, new_justification)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_last_operation[] =
  "SELECT id, summary FROM response_operation WHERE process_id = ?1 AND undone_at IS NULL"
  " AND n_changed > 0 ORDER BY id DESC LIMIT 1";
static const char sql_operation[] =
  "SELECT process_id, undone_at FROM response_operation WHERE id = ?1";
static const char sql_operation_positions[] =
  "SELECT recommendation_id, had_position, old_value, old_justification, new_value,"
  " new_justification FROM response_operation_position WHERE operation_id = ?1"
  " ORDER BY rowid DESC";
static const char sql_mark_undone[] =
  "UPDATE response_operation SET undone_at = ?2 WHERE id = ?1";
/* Every recommendation of the process, its position, and the justification the latest bulk
 * operation still in force wrote for it. */
static const char sql_check[] =
  "SELECT r.id, r.number, r.title, p.id, p.value, coalesce (p.justification, ''),"
  "  (SELECT op.new_justification FROM response_operation_position op"
  "     JOIN response_operation o ON o.id = op.operation_id AND o.undone_at IS NULL"
  "    WHERE op.recommendation_id = r.id ORDER BY op.operation_id DESC LIMIT 1)"
  " FROM recommendation r LEFT JOIN position p ON p.recommendation_id = r.id"
  " WHERE r.process_id = ?1 ORDER BY r.number, r.id";

/* ---------------------------------------------------------------- templates */

void
dlg_response_template_free (DlgResponseTemplate *self)
{
  if (self == NULL)
    return;
  g_free (self->name);
  g_free (self->position);
  g_free (self->body);
  g_free (self);
}

static DlgResponseTemplate *
template_from_row (sqlite3_stmt *stmt)
{
  DlgResponseTemplate *self = g_new0 (DlgResponseTemplate, 1);

  self->id = sqlite3_column_int64 (stmt, 0);
  self->process_id = sqlite3_column_int64 (stmt, 1);
  self->name = dlg_stmt_dup_text (stmt, 2);
  self->position = dlg_stmt_dup_text (stmt, 3);
  self->body = dlg_stmt_dup_text (stmt, 4);
  return self;
}

/**
 * dlg_response_template_list:
 *
 * Returns: (transfer full) (element-type DlgResponseTemplate): the templates of the process,
 *   by name; %NULL on error
 */
GPtrArray *
dlg_response_template_list (DlgStore  *store,
                            gint64     process_id,
                            GError   **error)
{
  g_autoptr(GPtrArray) templates = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgProcess) process = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(process = dlg_process_load (store, process_id, error))
      || !(stmt = dlg_store_prepare (store, sql_templates, error)))
    return NULL;
  templates = g_ptr_array_new_with_free_func ((GDestroyNotify) dlg_response_template_free);
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (templates, template_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&templates);
}

DlgResponseTemplate *
dlg_response_template_load (DlgStore  *store,
                            gint64     template_id,
                            GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_template, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, template_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return template_from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This template does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

/**
 * dlg_response_template_check:
 *
 * Returns: whether every `{word}` of @body is a placeholder the templates know
 *   ({recommendation}, {number}, {department}, {date}); else %FALSE with an error naming it
 */
gboolean
dlg_response_template_check (const char  *body,
                             GError     **error)
{
  const char *open;

  g_return_val_if_fail (body != NULL, FALSE);

  for (const char *p = body; (open = strchr (p, '{')) != NULL; p = open + 1)
    {
      const char *close = strchr (open + 1, '}');
      g_autofree char *word = NULL;

      if (close == NULL)
        break;
      word = g_strndup (open + 1, close - open - 1);
      if (!g_strv_contains (placeholders, word))
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                       _("Unknown placeholder “{%s}”: a template may use {recommendation}, "
                         "{number}, {department} and {date}."), word);
          return FALSE;
        }
    }
  return TRUE;
}

/**
 * dlg_response_template_expand:
 * @recommendation: the recommendation's title
 * @department: (nullable): the department that reviewed it (empty or %NULL: none named)
 * @date: the date as the text shows it
 *
 * Returns: (transfer full): @body with its placeholders replaced; an unknown `{word}` stays
 *   as typed
 */
char *
dlg_response_template_expand (const char *body,
                              const char *recommendation,
                              gint64      number,
                              const char *department,
                              const char *date)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *number_text = g_strdup_printf ("%" G_GINT64_FORMAT, number);
  const char *values[G_N_ELEMENTS (placeholders) - 1];

  values[0] = recommendation;
  values[1] = number_text;
  values[2] = department != NULL && *department != '\0' ? department
                                                        : _("the department concerned");
  values[3] = date;
  for (const char *p = body; *p != '\0';)
    {
      gboolean replaced = FALSE;

      if (*p == '{')
        for (guint i = 0; placeholders[i] != NULL && !replaced; i++)
          {
            gsize len = strlen (placeholders[i]);

            if (strncmp (p + 1, placeholders[i], len) == 0 && p[len + 1] == '}')
              {
                g_string_append (out, values[i]);
                p += len + 2;
                replaced = TRUE;
              }
          }
      if (!replaced)
        g_string_append_c (out, *p++);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * dlg_response_template_add:
 * @position: the position the template gives
 * @body: the justification, with placeholders
 *
 * Templates are the officer's working tools: not journaled (what they write is, position by
 * position).
 *
 * Returns: the new template's id, 0 with an error
 */
gint64
dlg_response_template_add (DlgStore    *store,
                           gint64       process_id,
                           const char  *name,
                           const char  *position,
                           const char  *body,
                           GError     **error)
{
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgStmt) exists = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *stripped = g_strstrip (g_strdup (name != NULL ? name : ""));
  g_autofree char *now = dlg_now_iso8601 ();
  gint64 id;

  g_return_val_if_fail (DLG_IS_STORE (store), 0);

  if (!dlg_check_text (stripped, TRUE, 200, _("name"), _("Give the template a name."), error)
      || !dlg_check_enum (position, &dlg_vocabulary_position, FALSE,
                          _("This position is unknown (retained, partly_retained, "
                            "not_retained, already_done or under_study)."), error)
      || !dlg_check_text (body, FALSE, 20000, _("justification"), NULL, error)
      || !dlg_response_template_check (body != NULL ? body : "", error)
      || !(process = dlg_process_load (store, process_id, error))
      || !dlg_process_check_editable (store, process_id, error)
      || !(exists = dlg_store_prepare (store, sql_template_exists, error)))
    return 0;
  sqlite3_bind_int64 (exists, 1, process_id);
  dlg_stmt_bind_text (exists, 2, stripped);
  if (sqlite3_step (exists) == SQLITE_ROW)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("A template is already named “%s” in this process."), stripped);
      return 0;
    }
  if (!(stmt = dlg_store_prepare (store, sql_add_template, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, stripped);
  dlg_stmt_bind_text (stmt, 3, position);
  dlg_stmt_bind_text (stmt, 4, body != NULL ? body : "");
  dlg_stmt_bind_text (stmt, 5, now);
  if (!dlg_store_step_done (store, stmt, error))
    return 0;
  id = sqlite3_last_insert_rowid (dlg_store_get_db (store));
  dlg_store_emit_changed (store, DLG_TYPE_RESPONSE_TEMPLATE, process_id);
  return id;
}

gboolean
dlg_response_template_delete (DlgStore  *store,
                              gint64     template_id,
                              GError   **error)
{
  g_autoptr(DlgResponseTemplate) template = dlg_response_template_load (store, template_id,
                                                                         error);
  g_autoptr(DlgStmt) stmt = NULL;

  if (template == NULL
      || !dlg_process_check_editable (store, template->process_id, error)
      || !(stmt = dlg_store_prepare (store, sql_delete_template, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, template_id);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_RESPONSE_TEMPLATE, template->process_id);
  return TRUE;
}

/* ---------------------------------------------------------------- bulk apply and undo */

static gboolean
fail (DlgStore *store)
{
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_response_apply_template:
 * @recommendation_ids: (array length=n_ids): recommendations of @process_id
 * @date: (nullable): the date {date} stands for; %NULL for today
 * @n_changed: (out) (optional): how many positions changed (one already as the template says
 *   is left alone)
 * @operation_id: (out) (optional): the operation, for dlg_response_undo_operation(); 0 when
 *   nothing changed
 *
 * Gives the template's position and justification (placeholders filled for each) to every
 * recommendation of the selection, in one transaction: each position is saved as the
 * window saves it (journaled, refused when the response stage is closed), then one
 * `response.bulk` entry says what was done. A recommendation of another process refuses the
 * whole operation.
 */
gboolean
dlg_response_apply_template (DlgStore      *store,
                             gint64         process_id,
                             gint64         template_id,
                             const gint64  *recommendation_ids,
                             guint          n_ids,
                             GDateTime     *date,
                             guint         *n_changed,
                             gint64        *operation_id,
                             GError       **error)
{
  g_autoptr(DlgResponseTemplate) template = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(DlgStmt) add = NULL;
  g_autoptr(DlgStmt) count = NULL;
  g_autofree char *date_text = NULL;
  g_autofree char *created = dlg_now_iso8601 ();
  g_autofree char *summary = NULL;
  gint64 operation;
  guint changed = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (n_ids == 0 || recommendation_ids != NULL, FALSE);

  if (n_changed != NULL)
    *n_changed = 0;
  if (operation_id != NULL)
    *operation_id = 0;
  if (!(process = dlg_process_load (store, process_id, error))
      || !(template = dlg_response_template_load (store, template_id, error)))
    return FALSE;
  if (template->process_id != process_id)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This template belongs to another process."));
      return FALSE;
    }
  if (n_ids == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Select the recommendations to answer first."));
      return FALSE;
    }
  /* TRANSLATORS: the date a template's {date} stands for, as g_date_time_format() writes it. */
  date_text = g_date_time_format (date != NULL ? date : now, _("%B %-d, %Y"));

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(add = dlg_store_prepare (store, sql_add_operation, error)))
    return fail (store);
  sqlite3_bind_int64 (add, 1, process_id);
  sqlite3_bind_int64 (add, 2, template_id);
  dlg_stmt_bind_text (add, 3, template->name);
  dlg_stmt_bind_text (add, 4, created);
  if (!dlg_store_step_done (store, add, error))
    return fail (store);
  operation = sqlite3_last_insert_rowid (dlg_store_get_db (store));

  for (guint i = 0; i < n_ids; i++)
    {
      g_autoptr(DlgStmt) rec = dlg_store_prepare (store, sql_recommendation, error);
      g_autoptr(DlgStmt) row = NULL;
      g_autoptr(DlgPosition) position = NULL;
      g_autofree char *text = NULL;
      g_autofree char *old_value = NULL;
      g_autofree char *old_justification = NULL;
      gboolean had_position;

      if (rec == NULL)
        return fail (store);
      sqlite3_bind_int64 (rec, 1, recommendation_ids[i]);
      if (sqlite3_step (rec) != SQLITE_ROW || sqlite3_column_int64 (rec, 0) != process_id)
        {
          g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, recommendation_ids[i]);

          g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                       _("Recommendation %s is not in this process: nothing was changed."),
                       id);
          return fail (store);
        }
      text = dlg_response_template_expand (template->body, dlg_stmt_get_text (rec, 2),
                                           sqlite3_column_int64 (rec, 1),
                                           dlg_stmt_get_text (rec, 3), date_text);
      if (!(position = dlg_position_load_for (store, recommendation_ids[i], error)))
        return fail (store);
      had_position = dlg_position_get_id (position) != 0;
      old_value = g_strdup (dlg_position_get_value (position));
      old_justification = g_strdup (dlg_position_get_justification (position));
      if (had_position && g_strcmp0 (old_value, template->position) == 0
          && g_strcmp0 (old_justification, text) == 0)
        continue;
      dlg_position_set_value (position, template->position);
      dlg_position_set_justification (position, text);
      if (!dlg_position_save (store, position, error)
          || !(row = dlg_store_prepare (store, sql_add_operation_position, error)))
        return fail (store);
      sqlite3_bind_int64 (row, 1, operation);
      sqlite3_bind_int64 (row, 2, recommendation_ids[i]);
      sqlite3_bind_int (row, 3, had_position);
      dlg_stmt_bind_text (row, 4, old_value);
      dlg_stmt_bind_text (row, 5, old_justification != NULL ? old_justification : "");
      dlg_stmt_bind_text (row, 6, template->position);
      dlg_stmt_bind_text (row, 7, text);
      if (!dlg_store_step_done (store, row, error))
        return fail (store);
      changed++;
    }
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Template “%s” applied to %u recommendation (%s).",
                                          "Template “%s” applied to %u recommendations (%s).",
                                          changed),
                             template->name, changed,
                             dlg_position_value_get_label (template->position));
  if (!(count = dlg_store_prepare (store, sql_operation_count, error)))
    return fail (store);
  sqlite3_bind_int64 (count, 1, operation);
  sqlite3_bind_int (count, 2, changed);
  dlg_stmt_bind_text (count, 3, summary);
  if (!dlg_store_step_done (store, count, error))
    return fail (store);
  if (changed > 0)
    {
      g_autofree char *object = g_strdup_printf ("%" G_GINT64_FORMAT, operation);

      if (!dlg_journal_append_full (store, process_id, "response.bulk", "position", object,
                                    "response", NULL, NULL, NULL, summary, error))
        return fail (store);
    }
  if (!dlg_store_commit (store, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = changed;
  if (operation_id != NULL)
    *operation_id = changed > 0 ? operation : 0;
  dlg_store_emit_changed (store, DLG_TYPE_RESPONSE_OPERATION, process_id);
  return TRUE;
}

/**
 * dlg_response_get_last_operation:
 * @operation_id: (out): the latest bulk operation not undone that changed something; 0 when
 *   there is none
 * @summary: (out) (optional) (transfer full): what it did
 */
gboolean
dlg_response_get_last_operation (DlgStore  *store,
                                 gint64     process_id,
                                 gint64    *operation_id,
                                 char     **summary,
                                 GError   **error)
{
  return dlg_lookup_last_operation (store, sql_last_operation, process_id, operation_id, summary, error);
}

/* Puts one position back as it was before the operation, unless it changed since. */
static gboolean
restore_position (DlgStore      *store,
                  sqlite3_stmt  *row,
                  guint         *n_restored,
                  guint         *n_kept,
                  GError       **error)
{
  gint64 recommendation_id = sqlite3_column_int64 (row, 0);
  gboolean had_position = sqlite3_column_int (row, 1);
  g_autoptr(DlgPosition) position = NULL;
  g_autoptr(GError) local = NULL;

  position = dlg_position_load_for (store, recommendation_id, &local);
  if (position == NULL)
    {
      /* The recommendation is gone: nothing to put back. */
      if (g_error_matches (local, DLG_ERROR, DLG_ERROR_NOT_FOUND))
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local));
      return FALSE;
    }
  if (g_strcmp0 (dlg_position_get_value (position), dlg_stmt_get_text (row, 4)) != 0
      || g_strcmp0 (dlg_position_get_justification (position), dlg_stmt_get_text (row, 5)) != 0)
    {
      (*n_kept)++;
      return TRUE;
    }
  if (!had_position)
    {
      if (!dlg_position_delete (store, dlg_position_get_id (position), error))
        return FALSE;
    }
  else
    {
      dlg_position_set_value (position, sqlite3_column_type (row, 2) == SQLITE_NULL
                                        ? NULL : dlg_stmt_get_text (row, 2));
      dlg_position_set_justification (position, dlg_stmt_get_text (row, 3));
      if (!dlg_position_save (store, position, error))
        return FALSE;
    }
  (*n_restored)++;
  return TRUE;
}

/**
 * dlg_response_undo_operation:
 * @n_restored: (out) (optional): positions put back as they were
 * @n_kept: (out) (optional): positions left alone because they were edited since
 *
 * Undoes a bulk operation in one transaction: each position goes back to what it was (a
 * position the operation created is deleted), journaled position by position and as one
 * `response.bulk_undo` entry. A position edited since the operation is kept as edited.
 */
gboolean
dlg_response_undo_operation (DlgStore  *store,
                             gint64     operation_id,
                             guint     *n_restored,
                             guint     *n_kept,
                             GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_operation, error);
  g_autoptr(DlgStmt) rows = NULL;
  g_autoptr(DlgStmt) mark = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *summary = NULL;
  g_autofree char *object = g_strdup_printf ("%" G_GINT64_FORMAT, operation_id);
  gint64 process_id;
  guint restored = 0, kept = 0;
  int rc;

  if (n_restored != NULL)
    *n_restored = 0;
  if (n_kept != NULL)
    *n_kept = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, operation_id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("This change from a template does not exist."));
      return FALSE;
    }
  if (sqlite3_column_type (stmt, 1) != SQLITE_NULL)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This change from a template was already undone."));
      return FALSE;
    }
  process_id = sqlite3_column_int64 (stmt, 0);
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RESPONSE, error))
    return FALSE;

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(rows = dlg_store_prepare (store, sql_operation_positions, error)))
    return fail (store);
  sqlite3_bind_int64 (rows, 1, operation_id);
  while ((rc = sqlite3_step (rows)) == SQLITE_ROW)
    if (!restore_position (store, rows, &restored, &kept, error))
      return fail (store);
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return fail (store);
    }
  if (!(mark = dlg_store_prepare (store, sql_mark_undone, error)))
    return fail (store);
  sqlite3_bind_int64 (mark, 1, operation_id);
  dlg_stmt_bind_text (mark, 2, now);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Change from a template undone: %u position put back.",
                                          "Change from a template undone: %u positions put back.",
                                          restored), restored);
  if (!dlg_store_step_done (store, mark, error)
      || !dlg_journal_append_full (store, process_id, "response.bulk_undo", "position", object,
                                   "response", NULL, NULL, NULL, summary, error))
    return fail (store);
  if (!dlg_store_commit (store, error))
    return FALSE;
  if (n_restored != NULL)
    *n_restored = restored;
  if (n_kept != NULL)
    *n_kept = kept;
  dlg_store_emit_changed (store, DLG_TYPE_RESPONSE_OPERATION, process_id);
  return TRUE;
}

/* ---------------------------------------------------------------- the check */

void
dlg_response_problem_free (DlgResponseProblem *self)
{
  if (self == NULL)
    return;
  g_free (self->title);
  g_free (self->message);
  g_free (self);
}

const char *
dlg_response_problem_kind_to_id (DlgResponseProblemKind kind)
{
  switch (kind)
    {
    case DLG_RESPONSE_PROBLEM_NO_POSITION:
      return "no_position";
    case DLG_RESPONSE_PROBLEM_EMPTY_JUSTIFICATION:
      return "empty_justification";
    case DLG_RESPONSE_PROBLEM_UNEDITED_TEMPLATE:
      return "unedited_template";
    default:
      g_return_val_if_reached (NULL);
    }
}

static void
add_problem (GPtrArray              *problems,
             sqlite3_stmt           *stmt,
             DlgResponseProblemKind  kind)
{
  DlgResponseProblem *problem = g_new0 (DlgResponseProblem, 1);
  gint64 number = sqlite3_column_int64 (stmt, 1);
  g_autofree char *n = g_strdup_printf ("%" G_GINT64_FORMAT, number);

  problem->recommendation_id = sqlite3_column_int64 (stmt, 0);
  problem->number = number;
  problem->title = dlg_stmt_dup_text (stmt, 2);
  problem->kind = kind;
  switch (kind)
    {
    case DLG_RESPONSE_PROBLEM_NO_POSITION:
      problem->message = g_strdup_printf (_("Recommendation %s has no position yet."), n);
      break;
    case DLG_RESPONSE_PROBLEM_EMPTY_JUSTIFICATION:
      problem->message = g_strdup_printf (_("Recommendation %s has no justification."), n);
      break;
    case DLG_RESPONSE_PROBLEM_UNEDITED_TEMPLATE:
      problem->message = g_strdup_printf (_("Recommendation %s: the justification is the "
                                            "template’s, word for word — nobody has edited "
                                            "it."), n);
      break;
    default:
      g_assert_not_reached ();
    }
  g_ptr_array_add (problems, problem);
}

/**
 * dlg_response_check:
 *
 * The check before the response is published: every recommendation without a position, with
 * an empty justification, or with a justification still word for word as a template wrote
 * it (the latest bulk operation in force on it). At most one problem per recommendation, in
 * that order of gravity; by number.
 *
 * Returns: (transfer full) (element-type DlgResponseProblem): the problems (empty when
 *   all is ready); %NULL on error
 */
GPtrArray *
dlg_response_check (DlgStore  *store,
                    gint64     process_id,
                    GError   **error)
{
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(process = dlg_process_load (store, process_id, error))
      || !(stmt = dlg_store_prepare (store, sql_check, error)))
    return NULL;
  problems = g_ptr_array_new_with_free_func ((GDestroyNotify) dlg_response_problem_free);
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autofree char *justification = g_strstrip (dlg_stmt_dup_text (stmt, 5));

      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL
          || sqlite3_column_type (stmt, 4) == SQLITE_NULL)
        add_problem (problems, stmt, DLG_RESPONSE_PROBLEM_NO_POSITION);
      else if (*justification == '\0')
        add_problem (problems, stmt, DLG_RESPONSE_PROBLEM_EMPTY_JUSTIFICATION);
      else if (sqlite3_column_type (stmt, 6) != SQLITE_NULL
               && g_strcmp0 (dlg_stmt_get_text (stmt, 5), dlg_stmt_get_text (stmt, 6)) == 0)
        add_problem (problems, stmt, DLG_RESPONSE_PROBLEM_UNEDITED_TEMPLATE);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&problems);
}
