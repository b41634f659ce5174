/* dlg-domain-private.c — validation and SQL helpers shared by the domain objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-domain"

#include "config.h"

#include <stdio.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-stage.h"

static const char sql_response_touch[] =
  "UPDATE response SET sync_state = 'modified' WHERE process_id = ?1 AND sync_state = 'synced'";

gboolean
dlg_check_text (const char  *value,
                gboolean     required,
                int          max,
                const char  *label,
                const char  *empty,
                GError     **error)
{
  g_autofree char *stripped = NULL;

  if (value == NULL)
    {
      if (!required)
        return TRUE;
    }
  else if (!g_utf8_validate (value, -1, NULL))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("The field “%s” contains text that is not valid."), label);
      return FALSE;
    }
  if (required)
    {
      stripped = g_strstrip (g_strdup (value != NULL ? value : ""));
      if (*stripped == '\0')
        {
          if (empty != NULL)
            g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID, empty);
          else
            g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                         _("The field “%s” must be filled in."), label);
          return FALSE;
        }
    }
  if (max > 0 && g_utf8_strlen (value, -1) > max)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("The field “%s” is too long (%d characters at most)."), label, max);
      return FALSE;
    }
  return TRUE;
}

gboolean
dlg_check_enum (const char          *value,
                const DlgVocabulary *vocabulary,
                gboolean             nullable,
                const char          *message,
                GError             **error)
{
  if (value == NULL && nullable)
    return TRUE;
  if (dlg_vocabulary_contains (vocabulary, value))
    return TRUE;
  g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID, message);
  return FALSE;
}

gboolean
dlg_check_date (const char  *value,
                gboolean     required,
                const char  *label,
                const char  *empty,
                GError     **error)
{
  g_autoptr(GTimeZone) utc = NULL;
  g_autoptr(GDateTime) dt = NULL;
  guint y, m, d;
  char tail;

  if (value == NULL || *value == '\0')
    {
      if (!required)
        return TRUE;
      if (empty != NULL)
        g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID, empty);
      else
        g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, _("The field “%s” must be filled in."),
                     label);
      return FALSE;
    }
  if (g_utf8_validate (value, -1, NULL))
    {
      if (strlen (value) == 10 && sscanf (value, "%4u-%2u-%2u%c", &y, &m, &d, &tail) == 3
          && g_date_valid_dmy (d, m, y))
        return TRUE;
      utc = g_time_zone_new_utc ();
      dt = g_date_time_new_from_iso8601 (value, utc);
      if (dt != NULL)
        return TRUE;
    }
  g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
               _("The field “%s” must be a date, such as 2025-03-31."), label);
  return FALSE;
}

gboolean
dlg_check_stage (const char  *value,
                 GError     **error)
{
  DlgStage stage;

  if (value == NULL || dlg_stage_from_id (value, &stage))
    return TRUE;
  g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID, _("This stage is unknown."));
  return FALSE;
}

gint64
dlg_lookup_process (DlgStore    *store,
                    const char  *sql,
                    gint64       id,
                    const char  *missing,
                    GError     **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  if (!(stmt = dlg_store_prepare (store, sql, error)))
    return 0;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, missing);
  else
    dlg_store_set_error (store, rc, error);
  return 0;
}

gboolean
dlg_lookup_last_operation (DlgStore    *store,
                           const char  *sql,
                           gint64       process_id,
                           gint64      *operation_id,
                           char       **summary,
                           GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);
  int rc;

  *operation_id = 0;
  if (summary != NULL)
    *summary = NULL;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);
  *operation_id = sqlite3_column_int64 (stmt, 0);
  if (summary != NULL)
    *summary = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  return TRUE;
}

GListModel *
dlg_collect_rows (DlgStore      *store,
                  sqlite3_stmt  *stmt,
                  GType          item_type,
                  DlgRowFunc     func,
                  GError       **error)
{
  g_autoptr(GListStore) list = g_list_store_new (item_type);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(GObject) item = func (stmt);

      g_list_store_append (list, item);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

GHashTable *
dlg_collect_counts (DlgStore    *store,
                    const char  *sql,
                    gint64       process_id,
                    GError     **error)
{
  g_autoptr(GHashTable) counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_hash_table_insert (counts, g_memdup2 (&id, sizeof id),
                           GUINT_TO_POINTER ((guint) sqlite3_column_int64 (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  return g_steal_pointer (&counts);
}

gboolean
dlg_response_touch (DlgStore  *store,
                    gint64     process_id,
                    GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  if (!(stmt = dlg_store_prepare (store, sql_response_touch, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_store_step_done (store, stmt, error);
}
