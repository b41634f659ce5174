/* dlg-site-db.c — the reference site's own SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site keeps its own tables, independent of the app's DlgStore schema: every synced object
 * (pushed by the institution or contributed by citizens) is one row of `objects`, keyed by type
 * and UUID, carrying its JSON body and the revision of its last change. Revisions come from one
 * global sequence kept in `meta`, so that the change feed is simply "rev > cursor ORDER BY rev".
 * Contact details of volunteers live apart, in `registration_contacts`. WAL, migrations on
 * user_version, statements prepared once and cached by their static SQL text.
 */

#define G_LOG_DOMAIN "dlg-site-db"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include "dlg-site-db.h"

/* 'DLGS': tells the site's database from the app's. */
#define DLG_SITE_APPLICATION_ID 0x444c4753

struct _DlgSiteDb
{
  GObject     parent_instance;

  sqlite3    *db;
  GHashTable *statements;       /* const char *sql → sqlite3_stmt * */
};

G_DEFINE_FINAL_TYPE (DlgSiteDb, dlg_site_db, G_TYPE_OBJECT)

/* A row @r of objects the public sees: the same rule as the pages' SQL_SHOWN. */
#define SHOWN_IN(r) \
  " " r ".type = 'contribution' AND " r ".deleted = 0" \
  " AND (json_extract (" r ".data, '$.moderation') = 'published'" \
  " OR (json_extract (" r ".data, '$.moderation') = 'pending'" \
  " AND coalesce (json_extract (" r ".data, '$.channel'), 'online') = 'online'))"
#define COUNT_KEY(r) \
  "coalesce (" r ".process_id, ''), coalesce (json_extract (" r ".data, '$.feature'), '')"
#define COUNT_UP_WHERE(r) \
  " INSERT INTO public_counts (process_id, feature, n) SELECT " COUNT_KEY (r) ", 1" \
  " WHERE" SHOWN_IN (r) " ON CONFLICT (process_id, feature) DO UPDATE SET n = n + 1;"
#define COUNT_DOWN_WHERE(r) \
  " UPDATE public_counts SET n = n - 1 WHERE (process_id, feature) = (SELECT " COUNT_KEY (r) \
  ") AND" SHOWN_IN (r) ";"
#define COUNT_UP " INSERT INTO public_counts (process_id, feature, n) VALUES (" \
  COUNT_KEY ("NEW") ", 1) ON CONFLICT (process_id, feature) DO UPDATE SET n = n + 1;"
#define COUNT_DOWN " UPDATE public_counts SET n = n - 1" \
  " WHERE (process_id, feature) = (SELECT " COUNT_KEY ("OLD") ");"

static const char *const migrations[] = {
  /* 1 */
  "CREATE TABLE meta ("
  "  key   TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ");"
  "INSERT INTO meta (key, value) VALUES ('rev', '0'), ('cursor_epoch', '1'),"
  "  ('purge_horizon', '0');"
  "CREATE TABLE tokens ("
  "  id         INTEGER PRIMARY KEY,"
  "  name       TEXT NOT NULL,"
  "  hash       TEXT NOT NULL UNIQUE,"
  "  scopes     TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  revoked    INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE objects ("
  "  type       TEXT NOT NULL,"
  "  id         TEXT NOT NULL,"
  "  rev        INTEGER NOT NULL UNIQUE,"
  "  process_id TEXT,"
  "  deleted    INTEGER NOT NULL DEFAULT 0,"
  "  erasure    INTEGER NOT NULL DEFAULT 0,"
  "  data       TEXT NOT NULL,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  PRIMARY KEY (type, id)"
  ");"
  "CREATE INDEX objects_process ON objects (process_id, type, deleted);"
  "CREATE TABLE registration_contacts ("
  "  id        TEXT PRIMARY KEY,"
  "  full_name TEXT NOT NULL,"
  "  email     TEXT NOT NULL,"
  "  phone     TEXT"
  ");"
  "CREATE TABLE idempotency ("
  "  key          TEXT PRIMARY KEY,"
  "  token_id     INTEGER,"
  "  request_hash TEXT NOT NULL,"
  "  state        TEXT NOT NULL CHECK (state IN ('running', 'done')),"
  "  status       INTEGER,"
  "  response     TEXT,"
  "  created_at   TEXT NOT NULL"
  ");",
  /* 2: what the public contribution list filters and sorts on, indexed. */
  "ALTER TABLE objects ADD COLUMN moderation TEXT"
  "  GENERATED ALWAYS AS (json_extract (data, '$.moderation')) VIRTUAL;"
  "ALTER TABLE objects ADD COLUMN feature TEXT"
  "  GENERATED ALWAYS AS (json_extract (data, '$.feature')) VIRTUAL;"
  "ALTER TABLE objects ADD COLUMN sort_time TEXT"
  "  GENERATED ALWAYS AS (json_extract (data, '$.created_at')) VIRTUAL;"
  "CREATE INDEX objects_public_count ON objects (process_id, type, deleted, moderation,"
  "  feature);"
  "CREATE INDEX objects_public_order ON objects (process_id, type, deleted, sort_time, rev,"
  "  moderation, feature);",
  /* 3: how many contributions the public sees, per process and feature, kept by triggers so
   * that the list page does not count the whole process on every request. The rule of what
   * is shown is the pages' SQL_SHOWN (dlg-site-page-contributions.c); the triggers read the
   * JSON itself rather than the generated columns. Idempotent: the table is recounted. */
  "CREATE TABLE IF NOT EXISTS public_counts ("
  "  process_id TEXT NOT NULL,"
  "  feature    TEXT NOT NULL,"      /* '' for none */
  "  n          INTEGER NOT NULL,"
  "  PRIMARY KEY (process_id, feature)"
  ") WITHOUT ROWID;"
  "DELETE FROM public_counts;"
  "INSERT INTO public_counts (process_id, feature, n)"
  "  SELECT coalesce (process_id, ''), coalesce (json_extract (data, '$.feature'), ''), count(*)"
  "  FROM objects WHERE" SHOWN_IN ("objects") " GROUP BY 1, 2;"
  "CREATE TRIGGER IF NOT EXISTS public_counts_insert AFTER INSERT ON objects"
  "  WHEN" SHOWN_IN ("NEW") " BEGIN" COUNT_UP "END;"
  "CREATE TRIGGER IF NOT EXISTS public_counts_delete AFTER DELETE ON objects"
  "  WHEN" SHOWN_IN ("OLD") " BEGIN" COUNT_DOWN "END;"
  "CREATE TRIGGER IF NOT EXISTS public_counts_update AFTER UPDATE ON objects BEGIN"
  COUNT_DOWN_WHERE ("OLD") COUNT_UP_WHERE ("NEW") "END;",
};

static const char sql_get_meta[] = "SELECT value FROM meta WHERE key = ?1";
static const char sql_set_meta[] =
  "INSERT INTO meta (key, value) VALUES (?1, ?2)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char sql_next_rev[] =
  "UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE key = 'rev' RETURNING value";
static const char sql_insert_token[] =
  "INSERT INTO tokens (name, hash, scopes, created_at) VALUES (?1, ?2, ?3, ?4)";
static const char sql_check_token[] =
  "SELECT id, scopes FROM tokens WHERE hash = ?1 AND revoked = 0";
static const char sql_revoke_token[] =
  "UPDATE tokens SET revoked = 1 WHERE name = ?1 AND revoked = 0";
static const char sql_list_tokens[] =
  "SELECT name, scopes, created_at, revoked FROM tokens ORDER BY id";
static const char sql_get_object[] =
  "SELECT type, id, rev, process_id, deleted, erasure, data, updated_at FROM objects"
  " WHERE type = ?1 AND id = ?2";
static const char sql_put_object[] =
  "INSERT INTO objects (type, id, rev, process_id, deleted, erasure, data, created_at,"
  "                     updated_at)"
  " VALUES (?1, ?2, ?3, ?4, 0, 0, ?5, ?6, ?6)"
  " ON CONFLICT (type, id) DO UPDATE SET rev = excluded.rev, process_id = excluded.process_id,"
  "   deleted = 0, erasure = 0, data = excluded.data, updated_at = excluded.updated_at";
static const char sql_delete_object[] =
  "UPDATE objects SET rev = ?3, deleted = 1, erasure = ?4, data = ?5, updated_at = ?6"
  " WHERE type = ?1 AND id = ?2";
static const char sql_find_erasable[] =
  "SELECT type FROM objects WHERE id = ?1 AND type IN ('registration', 'contribution')";
static const char sql_delete_contact[] = "DELETE FROM registration_contacts WHERE id = ?1";
static const char sql_find_registration[] =
  "SELECT 1 FROM objects WHERE type = 'registration' AND id = ?1 AND process_id = ?2"
  "  AND deleted = 0";
static const char sql_purge_contacts[] =
  "DELETE FROM registration_contacts WHERE id IN (SELECT id FROM objects"
  "  WHERE type = 'registration' AND process_id = ?1)";
static const char sql_purge_tombstones[] =
  "DELETE FROM objects WHERE deleted = 1 AND updated_at < ?1 RETURNING rev";

void
dlg_site_stmt_release (DlgSiteStmt *stmt)
{
  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }
}

void
dlg_site_object_free (DlgSiteObject *object)
{
  if (object == NULL)
    return;
  g_free (object->type);
  g_free (object->id);
  g_free (object->process_id);
  g_free (object->data);
  g_free (object->updated_at);
  g_free (object);
}

char *
dlg_site_random_hex (gsize n_bytes)
{
  g_autofree guint8 *bytes = g_malloc (n_bytes);
  GString *hex = g_string_sized_new (n_bytes * 2);
  gsize got = 0;

  while (got < n_bytes)
    {
      ssize_t r = getrandom (bytes + got, n_bytes - got, 0);
      if (r < 0)
        {
          if (errno == EINTR)
            continue;
          g_error ("getrandom failed: %s", g_strerror (errno));
        }
      got += r;
    }
  for (gsize i = 0; i < n_bytes; i++)
    g_string_append_printf (hex, "%02x", bytes[i]);
  return g_string_free (hex, FALSE);
}

char *
dlg_site_now_iso (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
dlg_site_db_finalize (GObject *object)
{
  DlgSiteDb *self = DLG_SITE_DB (object);

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    sqlite3_close_v2 (self->db);

  G_OBJECT_CLASS (dlg_site_db_parent_class)->finalize (object);
}

static void
dlg_site_db_class_init (DlgSiteDbClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dlg_site_db_finalize;
}

static void
dlg_site_db_init (DlgSiteDb *self)
{
  self->statements = g_hash_table_new_full (g_direct_hash, g_direct_equal, NULL,
                                            (GDestroyNotify) sqlite3_finalize);
}

gboolean
dlg_site_db_set_error (DlgSiteDb *self,
                       int        rc,
                       GError   **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Site database error: %s (%d)",
               self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc), rc);
  return FALSE;
}

gboolean
dlg_site_db_exec (DlgSiteDb  *self,
                  const char *sql,
                  GError    **error)
{
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return dlg_site_db_set_error (self, rc, error);
  return TRUE;
}

DlgSiteStmt *
dlg_site_db_prepare (DlgSiteDb  *self,
                     const char *sql,
                     GError    **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (self->statements, sql);
  int rc;

  if (stmt != NULL)
    return stmt;
  rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      dlg_site_db_set_error (self, rc, error);
      return NULL;
    }
  g_hash_table_insert (self->statements, (gpointer) sql, stmt);
  return stmt;
}

gboolean
dlg_site_db_step_done (DlgSiteDb    *self,
                       sqlite3_stmt *stmt,
                       GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    return dlg_site_db_set_error (self, rc, error);
  return TRUE;
}

gboolean
dlg_site_db_begin (DlgSiteDb *self,
                   GError   **error)
{
  return dlg_site_db_exec (self, "BEGIN IMMEDIATE", error);
}

gboolean
dlg_site_db_commit (DlgSiteDb *self,
                    GError   **error)
{
  return dlg_site_db_exec (self, "COMMIT", error);
}

void
dlg_site_db_rollback (DlgSiteDb *self)
{
  if (!sqlite3_get_autocommit (self->db))
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
migrate (DlgSiteDb *self,
         GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int version = 0;
  int app_id = 0;

  if (sqlite3_prepare_v2 (self->db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  if (sqlite3_prepare_v2 (self->db, "PRAGMA application_id", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    app_id = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);

  if (version > 0 && app_id != DLG_SITE_APPLICATION_ID)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA,
                   "This file is not a Dialogue site database");
      return FALSE;
    }
  if (version > (int) G_N_ELEMENTS (migrations))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                   "The site database was written by a newer version (schema %d)", version);
      return FALSE;
    }

  for (int v = version; v < (int) G_N_ELEMENTS (migrations); v++)
    {
      g_autofree char *pragma = g_strdup_printf ("PRAGMA user_version = %d;"
                                                 "PRAGMA application_id = %d;",
                                                 v + 1, DLG_SITE_APPLICATION_ID);
      if (!dlg_site_db_begin (self, error))
        return FALSE;
      if (!dlg_site_db_exec (self, migrations[v], error)
          || !dlg_site_db_exec (self, pragma, error))
        {
          dlg_site_db_rollback (self);
          return FALSE;
        }
      if (!dlg_site_db_commit (self, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * dlg_site_db_open:
 * @path: a file name, or ":memory:"
 *
 * Opens (creating it if needed) the site's database and migrates it.
 */
DlgSiteDb *
dlg_site_db_open (const char *path,
                  GError    **error)
{
  g_autoptr(DlgSiteDb) self = g_object_new (DLG_SITE_TYPE_DB, NULL);
  int rc;

  g_return_val_if_fail (path != NULL, NULL);

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "Cannot open the site database %s: %s",
                   path, self->db != NULL ? sqlite3_errmsg (self->db) : sqlite3_errstr (rc));
      return NULL;
    }
  sqlite3_busy_timeout (self->db, 5000);
  if (!dlg_site_db_exec (self, "PRAGMA journal_mode = WAL; PRAGMA foreign_keys = ON;"
                               "PRAGMA synchronous = NORMAL;", error)
      || !migrate (self, error))
    return NULL;

  {
    g_autofree char *secret = dlg_site_db_get_meta (self, "csrf_secret");
    if (secret == NULL)
      {
        g_autofree char *fresh = dlg_site_random_hex (32);
        if (!dlg_site_db_set_meta (self, "csrf_secret", fresh, error))
          return NULL;
      }
  }
  return g_steal_pointer (&self);
}

sqlite3 *
dlg_site_db_get_handle (DlgSiteDb *self)
{
  g_return_val_if_fail (DLG_SITE_IS_DB (self), NULL);
  return self->db;
}

char *
dlg_site_db_get_meta (DlgSiteDb  *self,
                      const char *key)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (self, sql_get_meta, NULL);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  return NULL;
}

gboolean
dlg_site_db_set_meta (DlgSiteDb  *self,
                      const char *key,
                      const char *value,
                      GError    **error)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (self, sql_set_meta, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, value, -1, SQLITE_STATIC);
  return dlg_site_db_step_done (self, stmt, error);
}

static gint64
meta_int (DlgSiteDb  *self,
          const char *key)
{
  g_autofree char *value = dlg_site_db_get_meta (self, key);
  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

gint64
dlg_site_db_next_rev (DlgSiteDb *self,
                      GError   **error)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (self, sql_next_rev, error);
  gint64 rev;
  int rc;

  if (stmt == NULL)
    return 0;
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      dlg_site_db_set_error (self, rc, error);
      return 0;
    }
  rev = sqlite3_column_int64 (stmt, 0);
  /* Run to completion so that the UPDATE … RETURNING is finished. */
  while (sqlite3_step (stmt) == SQLITE_ROW)
    ;
  return rev;
}

gint64
dlg_site_db_get_current_rev (DlgSiteDb *self)
{
  return meta_int (self, "rev");
}

gint64
dlg_site_db_get_cursor_epoch (DlgSiteDb *self)
{
  return meta_int (self, "cursor_epoch");
}

gint64
dlg_site_db_get_purge_horizon (DlgSiteDb *self)
{
  return meta_int (self, "purge_horizon");
}

gboolean
dlg_site_db_expire_cursors (DlgSiteDb *self,
                            GError   **error)
{
  g_autofree char *epoch = g_strdup_printf ("%" G_GINT64_FORMAT,
                                            dlg_site_db_get_cursor_epoch (self) + 1);

  /* The epoch is part of every cursor: bumping it expires them all at once, while a cursor
   * issued from now on (even at the same rev) stays valid. */
  return dlg_site_db_set_meta (self, "cursor_epoch", epoch, error);
}

/**
 * dlg_site_db_reset:
 *
 * Puts the site back to empty (training's reset of the practice site), in one transaction:
 * every object, tombstone, contact, idempotency key and token goes; the revision sequence goes
 * on from where it was and every cursor handed out before answers 410, so that a client that
 * still holds one reads the feed again from the start. The settings and the CSRF secret stay.
 */
gboolean
dlg_site_db_reset (DlgSiteDb  *self,
                   GError    **error)
{
  static const char *const sql_reset[] = {
    "DELETE FROM objects",
    "DELETE FROM registration_contacts",
    "DELETE FROM idempotency",
    "DELETE FROM tokens",
    "DELETE FROM public_counts",
  };
  g_autofree char *horizon = NULL;

  g_return_val_if_fail (DLG_SITE_IS_DB (self), FALSE);

  if (!dlg_site_db_begin (self, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (sql_reset); i++)
    if (!dlg_site_db_exec (self, sql_reset[i], error))
      goto fail;
  horizon = g_strdup_printf ("%" G_GINT64_FORMAT, dlg_site_db_get_current_rev (self));
  if (!dlg_site_db_set_meta (self, "purge_horizon", horizon, error) ||
      !dlg_site_db_expire_cursors (self, error))
    goto fail;
  return dlg_site_db_commit (self, error);

fail:
  dlg_site_db_rollback (self);
  return FALSE;
}

/**
 * dlg_site_db_list_process_ids:
 *
 * Returns: (transfer full): the uuids of the processes the site holds objects of, or %NULL
 *   with @error set
 */
GStrv
dlg_site_db_list_process_ids (DlgSiteDb  *self,
                              GError    **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr(DlgSiteStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_SITE_IS_DB (self), NULL);

  stmt = dlg_site_db_prepare (self, "SELECT DISTINCT coalesce (process_id, id) FROM objects"
                                    " WHERE type = 'process' OR process_id IS NOT NULL"
                                    " ORDER BY 1", error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (rc != SQLITE_DONE)
    {
      dlg_site_db_set_error (self, rc, error);
      return NULL;
    }
  return g_strv_builder_end (builder);
}

gboolean
dlg_site_db_purge_tombstones (DlgSiteDb *self,
                              guint      days,
                              GError   **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr(GDateTime) limit = g_date_time_add_days (now, -(int) days);
  g_autofree char *limit_iso = g_date_time_format (limit, "%Y-%m-%dT%H:%M:%SZ");
  g_autoptr(DlgSiteStmt) stmt = NULL;
  gint64 horizon = dlg_site_db_get_purge_horizon (self);
  guint purged = 0;
  int rc;

  if (!dlg_site_db_begin (self, error))
    return FALSE;
  stmt = dlg_site_db_prepare (self, sql_purge_tombstones, error);
  if (stmt == NULL)
    goto fail;
  sqlite3_bind_text (stmt, 1, limit_iso, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      horizon = MAX (horizon, sqlite3_column_int64 (stmt, 0));
      purged++;
    }
  if (rc != SQLITE_DONE)
    {
      dlg_site_db_set_error (self, rc, error);
      goto fail;
    }
  if (purged > 0)
    {
      /* A client that had not seen a purged tombstone would miss a deletion: every cursor
       * handed out before the purge answers 410, and clients resync from scratch. */
      g_autofree char *value = g_strdup_printf ("%" G_GINT64_FORMAT, horizon);
      g_autofree char *epoch = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                dlg_site_db_get_cursor_epoch (self) + 1);
      if (!dlg_site_db_set_meta (self, "purge_horizon", value, error)
          || !dlg_site_db_set_meta (self, "cursor_epoch", epoch, error))
        goto fail;
    }
  return dlg_site_db_commit (self, error);

fail:
  dlg_site_db_rollback (self);
  return FALSE;
}

char *
dlg_site_db_create_token (DlgSiteDb  *self,
                          const char *name,
                          const char *scopes,
                          GError    **error)
{
  g_autofree char *secret = dlg_site_random_hex (32);
  g_autofree char *token = g_strconcat ("dlgs_", secret, NULL);
  g_autofree char *hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  g_autofree char *now = dlg_site_now_iso ();
  g_autoptr(DlgSiteStmt) stmt = NULL;
  g_auto(GStrv) parts = NULL;

  g_return_val_if_fail (name != NULL && *name != '\0', NULL);

  if (scopes == NULL)
    scopes = DLG_SITE_DEFAULT_SCOPES;
  parts = g_strsplit (scopes, ",", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (g_strcmp0 (parts[i], DLG_SITE_SCOPE_READ) != 0
          && g_strcmp0 (parts[i], DLG_SITE_SCOPE_WRITE) != 0
          && g_strcmp0 (parts[i], DLG_SITE_SCOPE_PERSONAL) != 0)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                       "Unknown scope “%s” (known: %s)", parts[i], DLG_SITE_DEFAULT_SCOPES);
          return NULL;
        }
    }

  stmt = dlg_site_db_prepare (self, sql_insert_token, error);
  if (stmt == NULL)
    return NULL;
  {
    g_autofree char *joined = g_strjoinv (",", parts);
    sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 2, hash, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 3, joined, -1, SQLITE_TRANSIENT);
    sqlite3_bind_text (stmt, 4, now, -1, SQLITE_STATIC);
    if (!dlg_site_db_step_done (self, stmt, error))
      return NULL;
  }
  return g_steal_pointer (&token);
}

char *
dlg_site_db_check_token (DlgSiteDb  *self,
                         const char *token,
                         gint64     *token_id)
{
  g_autofree char *hash = NULL;
  g_autoptr(DlgSiteStmt) stmt = NULL;

  if (token == NULL || *token == '\0')
    return NULL;
  hash = g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
  stmt = dlg_site_db_prepare (self, sql_check_token, NULL);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, hash, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  if (token_id != NULL)
    *token_id = sqlite3_column_int64 (stmt, 0);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 1));
}

gboolean
dlg_site_db_revoke_token (DlgSiteDb  *self,
                          const char *name,
                          guint      *n_revoked,
                          GError    **error)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (self, sql_revoke_token, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (!dlg_site_db_step_done (self, stmt, error))
    return FALSE;
  if (n_revoked != NULL)
    *n_revoked = sqlite3_changes (self->db);
  return TRUE;
}

char *
dlg_site_db_list_tokens (DlgSiteDb *self)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (self, sql_list_tokens, NULL);
  GString *out = g_string_new (NULL);

  while (stmt != NULL && sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\t%s\t%s%s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1), sqlite3_column_text (stmt, 2),
                            sqlite3_column_int (stmt, 3) ? "\trevoked" : "");
  return g_string_free (out, FALSE);
}

static char *
dup_col (sqlite3_stmt *stmt,
         int           col)
{
  const char *text = (const char *) sqlite3_column_text (stmt, col);
  return text != NULL ? g_strdup (text) : NULL;
}

DlgSiteObject *
dlg_site_db_get_object (DlgSiteDb  *self,
                        const char *type,
                        const char *id)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (self, sql_get_object, NULL);
  DlgSiteObject *object;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return NULL;
  object = g_new0 (DlgSiteObject, 1);
  object->type = dup_col (stmt, 0);
  object->id = dup_col (stmt, 1);
  object->rev = sqlite3_column_int64 (stmt, 2);
  object->process_id = dup_col (stmt, 3);
  object->deleted = sqlite3_column_int (stmt, 4);
  object->erasure = sqlite3_column_int (stmt, 5);
  object->data = dup_col (stmt, 6);
  object->updated_at = dup_col (stmt, 7);
  return object;
}

gboolean
dlg_site_db_put_object (DlgSiteDb  *self,
                        const char *type,
                        const char *id,
                        const char *process_id,
                        const char *data,
                        gint64     *rev_out,
                        GError    **error)
{
  g_autofree char *now = dlg_site_now_iso ();
  g_autoptr(DlgSiteStmt) stmt = NULL;
  gint64 rev = dlg_site_db_next_rev (self, error);

  if (rev == 0)
    return FALSE;
  stmt = dlg_site_db_prepare (self, sql_put_object, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, rev);
  if (process_id != NULL)
    sqlite3_bind_text (stmt, 4, process_id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, data, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (!dlg_site_db_step_done (self, stmt, error))
    return FALSE;
  if (rev_out != NULL)
    *rev_out = rev;
  return TRUE;
}

gboolean
dlg_site_db_delete_object (DlgSiteDb  *self,
                           const char *type,
                           const char *id,
                           gboolean    erasure,
                           gint64     *rev_out,
                           GError    **error)
{
  g_autofree char *now = dlg_site_now_iso ();
  g_autoptr(DlgSiteStmt) stmt = NULL;
  gint64 rev = dlg_site_db_next_rev (self, error);

  if (rev == 0)
    return FALSE;
  stmt = dlg_site_db_prepare (self, sql_delete_object, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, id, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, rev);
  sqlite3_bind_int (stmt, 4, erasure ? 1 : 0);
  sqlite3_bind_text (stmt, 5, erasure ? "{\"erasure\":true}" : "{\"erasure\":false}", -1,
                     SQLITE_STATIC);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_STATIC);
  if (!dlg_site_db_step_done (self, stmt, error))
    return FALSE;
  if (rev_out != NULL)
    *rev_out = rev;
  return TRUE;
}

/* The erasure of @id (of @type) in the caller's transaction: its contact row goes and a
 * tombstone replaces the whole body (profile and text are gone with it). */
static gboolean
erase_object (DlgSiteDb  *self,
              const char *type,
              const char *id,
              gint64     *rev_out,
              GError    **error)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (self, sql_delete_contact, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  if (!dlg_site_db_step_done (self, stmt, error))
    return FALSE;
  return dlg_site_db_delete_object (self, type, id, TRUE, rev_out, error);
}

gboolean
dlg_site_db_erase (DlgSiteDb  *self,
                   const char *id,
                   gint64     *rev_out,
                   GError    **error)
{
  g_autofree char *type = NULL;

  if (!dlg_site_db_begin (self, error))
    return FALSE;
  {
    g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (self, sql_find_erasable, error);
    if (stmt == NULL)
      goto fail;
    sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
    if (sqlite3_step (stmt) == SQLITE_ROW)
      type = dup_col (stmt, 0);
  }
  if (type == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "No registration or contribution with id %s", id);
      goto fail;
    }
  if (!erase_object (self, type, id, rev_out, error))
    goto fail;
  return dlg_site_db_commit (self, error);

fail:
  dlg_site_db_rollback (self);
  return FALSE;
}

/* In the caller's transaction: erases the live registration @id of @process_id, if there is
 * one (@erased says whether there was). */
gboolean
dlg_site_db_erase_registration (DlgSiteDb  *self,
                                const char *process_id,
                                const char *id,
                                gboolean   *erased,
                                GError    **error)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (self, sql_find_registration, error);

  *erased = FALSE;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, id, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, process_id, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return TRUE;
  *erased = TRUE;
  return erase_object (self, "registration", id, NULL, error);
}

/* In the caller's transaction: deletes the contact rows of every registration of
 * @process_id; @n_deleted says how many went. */
gboolean
dlg_site_db_purge_contacts (DlgSiteDb  *self,
                            const char *process_id,
                            gint64     *n_deleted,
                            GError    **error)
{
  g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (self, sql_purge_contacts, error);

  *n_deleted = 0;
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, process_id, -1, SQLITE_STATIC);
  if (!dlg_site_db_step_done (self, stmt, error))
    return FALSE;
  *n_deleted = sqlite3_changes (self->db);
  return TRUE;
}
