/* dlg-store.c — one SQLite database holding every process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The store owns one connection. It is opened in WAL mode with foreign keys on and brought to
 * the schema version of this build by numbered migrations (dlg-schema.c), each in its own
 * transaction. A database written by a newer Dialogue is refused, never altered. Statements are
 * prepared once and cached by their (static) SQL text. A connection is used from one thread at a
 * time: work in another thread opens its own store on the same file, which WAL allows.
 */

#define G_LOG_DOMAIN "dlg-store"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-schema.h"
#include "dlg-store-private.h"

/* 'DLG1': tells our databases from other SQLite files. */
#define DLG_APPLICATION_ID 0x444c4731

struct _DlgStore
{
  GObject     parent_instance;

  sqlite3    *db;
  char       *path;
  char       *actor;
  GHashTable *statements;     /* const char *sql → sqlite3_stmt * */
  guint       tx_depth;
  gboolean    read_only;      /* opened for reading only (dlg_store_open_read_only()) */
};

G_DEFINE_FINAL_TYPE (DlgStore, dlg_store, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PATH,
  PROP_ACTOR,
  N_PROPS
};

enum {
  CHANGED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

static int
error_code_for (int rc)
{
  switch (rc & 0xff)
    {
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      return DLG_ERROR_NOT_A_DATABASE;
    case SQLITE_READONLY:
    case SQLITE_PERM:
      return DLG_ERROR_READ_ONLY;
    case SQLITE_FULL:
      return DLG_ERROR_DISK_FULL;
    case SQLITE_CONSTRAINT:
      return DLG_ERROR_INVALID;
    default:
      return DLG_ERROR_DATABASE;
    }
}

static void
set_sqlite_error (sqlite3     *db,
                  const char  *path,
                  int          rc,
                  GError     **error)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);
  int code = error_code_for (rc);

  switch (code)
    {
    case DLG_ERROR_NOT_A_DATABASE:
      g_set_error (error, DLG_ERROR, code,
                   _("“%s” is not a Dialogue database, or it is damaged (%s)."),
                   path, detail);
      break;
    case DLG_ERROR_READ_ONLY:
      g_set_error (error, DLG_ERROR, code,
                   _("The database “%s” cannot be written: check that the file and its folder "
                     "are writable (%s)."), path, detail);
      break;
    case DLG_ERROR_DISK_FULL:
      g_set_error (error, DLG_ERROR, code,
                   _("The disk holding “%s” is full: the last change was not saved (what was "
                     "saved before it is kept). Free some space and try again."), path);
      break;
    case DLG_ERROR_INVALID:
      g_set_error (error, DLG_ERROR, code, _("The change was refused by the database (%s)."),
                   detail);
      break;
    default:
      g_set_error (error, DLG_ERROR, code, _("Database error on “%s”: %s."), path, detail);
      break;
    }
}

gboolean
dlg_store_set_error (DlgStore  *self,
                     int        rc,
                     GError   **error)
{
  set_sqlite_error (self->db, self->path, rc, error);
  return FALSE;
}

void
dlg_stmt_release (DlgStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
dlg_stmt_bind_text (sqlite3_stmt *stmt,
                    int           index,
                    const char   *text)
{
  if (text == NULL)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

char *
dlg_stmt_dup_text (sqlite3_stmt *stmt,
                   int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

const char *
dlg_stmt_get_text (sqlite3_stmt *stmt,
                   int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? (const char *) text : "";
}

static void
finalize_statement (gpointer data)
{
  sqlite3_finalize (data);
}

static void
dlg_store_finalize (GObject *object)
{
  DlgStore *self = (DlgStore *)object;

  g_clear_pointer (&self->statements, g_hash_table_unref);
  if (self->db != NULL)
    {
      sqlite3_close_v2 (self->db);
      self->db = NULL;
    }
  g_clear_pointer (&self->path, g_free);
  g_clear_pointer (&self->actor, g_free);

  G_OBJECT_CLASS (dlg_store_parent_class)->finalize (object);
}

static void
dlg_store_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DlgStore *self = DLG_STORE (object);

  switch (prop_id)
    {
    case PROP_PATH:
      g_value_set_string (value, self->path);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_store_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DlgStore *self = DLG_STORE (object);

  switch (prop_id)
    {
    case PROP_ACTOR:
      dlg_store_set_actor (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_store_class_init (DlgStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dlg_store_finalize;
  object_class->get_property = dlg_store_get_property;
  object_class->set_property = dlg_store_set_property;

  properties[PROP_PATH] =
    g_param_spec_string ("path", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_ACTOR] =
    g_param_spec_string ("actor", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DlgStore::changed:
   * @type: the type of the record that changed (DLG_TYPE_DECISION…); the detail is its name,
   *   so "changed::DlgDecision" hears only decisions
   * @process_id: the process it belongs to, or 0
   *
   * Emitted on the thread that made the change, after it is committed.
   */
  signals[CHANGED] =
    g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST | G_SIGNAL_DETAILED,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_GTYPE, G_TYPE_INT64);
}

static void
dlg_store_init (DlgStore *self)
{
  self->statements = g_hash_table_new_full (NULL, NULL, NULL, finalize_statement);
}

/* For fixed SQL only (pragmas, transactions, migrations): never pass text built from user
 * input; values go through dlg_store_prepare() and bindings. */
gboolean
dlg_store_exec (DlgStore    *self,
                const char  *sql,
                GError     **error)
{
  char *errmsg = NULL;
  int rc = sqlite3_exec (self->db, sql, NULL, NULL, &errmsg);

  sqlite3_free (errmsg);
  if (rc != SQLITE_OK)
    return dlg_store_set_error (self, rc, error);
  return TRUE;
}

static gint64
pragma_int (sqlite3    *db,
            const char *sql,
            int        *rc_out)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    {
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          value = sqlite3_column_int64 (stmt, 0);
          rc = SQLITE_OK;
        }
    }
  sqlite3_finalize (stmt);
  *rc_out = rc;
  return value;
}

/* What the file is, read before anything is written to it: a new database (no table), a
 * Dialogue database at @version_out, or one Dialogue must leave alone (the error says why).
 * Nothing here writes, so that a refused file keeps every byte. */
static gboolean
check_schema (DlgStore  *self,
              gint64    *version_out,
              GError   **error)
{
  guint n_migrations;
  gint64 version, app_id, n_tables, n_ours;
  int rc;

  dlg_schema_get_migrations (&n_migrations);
  version = pragma_int (self->db, "PRAGMA user_version", &rc);
  if (rc != SQLITE_OK)
    return dlg_store_set_error (self, rc, error);
  app_id = pragma_int (self->db, "PRAGMA application_id", &rc);
  if (rc != SQLITE_OK)
    return dlg_store_set_error (self, rc, error);
  n_tables = pragma_int (self->db, "SELECT count(*) FROM sqlite_schema", &rc);
  if (rc != SQLITE_OK)
    return dlg_store_set_error (self, rc, error);
  /* Two tables no other application is likely to pair. */
  n_ours = pragma_int (self->db, "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND "
                                 "name IN ('process', 'journal')", &rc);
  if (rc != SQLITE_OK)
    return dlg_store_set_error (self, rc, error);

  if (n_tables > 0 && app_id != DLG_APPLICATION_ID)
    {
      if (n_ours == 2)
        g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_A_DATABASE,
                     _("“%s” looks like a Dialogue database, but it lacks the mark every "
                       "Dialogue database carries (it may have been rebuilt by another tool): "
                       "Dialogue cannot tell which version wrote it. It was left untouched; "
                       "open a backup instead."), self->path);
      else
        g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_A_DATABASE,
                     _("“%s” is an SQLite database of another application, not a Dialogue "
                       "database; it was left untouched."), self->path);
      return FALSE;
    }
  if (n_tables > 0 && version == 0)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_A_DATABASE,
                   _("“%s” is a Dialogue database whose schema version was reset to 0 while it "
                     "has tables: Dialogue cannot tell which of its changes it already has. It "
                     "was left untouched; open a backup instead."), self->path);
      return FALSE;
    }
  if (version > n_migrations)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_NEWER_SCHEMA,
                   _("The database “%s” was written by a newer version of Dialogue (schema "
                     "%lld, this version knows up to %u). Update Dialogue; the database was left "
                     "untouched."),
                   self->path, (long long) version, n_migrations);
      return FALSE;
    }
  *version_out = version;
  return TRUE;
}

static gboolean
migrate (DlgStore  *self,
         gint64     version,
         GError   **error)
{
  guint n_migrations;
  const DlgMigration *migrations = dlg_schema_get_migrations (&n_migrations);

  for (guint i = version; i < n_migrations; i++)
    {
      g_autofree char *bump = NULL;

      g_debug ("Migrating %s to version %u: %s", self->path, i + 1, migrations[i].summary);
      if (!dlg_store_exec (self, "BEGIN IMMEDIATE", error))
        return FALSE;
      bump = g_strdup_printf ("PRAGMA user_version = %u; PRAGMA application_id = %d;",
                              i + 1, DLG_APPLICATION_ID);
      if (!dlg_store_exec (self, migrations[i].sql, error) ||
          !dlg_store_exec (self, bump, error) ||
          !dlg_store_exec (self, "COMMIT", error))
        {
          sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
    }

  return TRUE;
}

/* An existing file this process cannot write (or whose folder it cannot write: WAL needs its
 * -shm and -wal beside it). */
static gboolean
cannot_write (const char *path)
{
  g_autofree char *dir = NULL;

  if (strcmp (path, ":memory:") == 0 || !g_file_test (path, G_FILE_TEST_EXISTS))
    return FALSE;
  dir = g_path_get_dirname (path);
  return g_access (path, W_OK) != 0 || g_access (dir, W_OK) != 0;
}

/**
 * dlg_store_open_read_only:
 * @path: an existing database file
 * @error: return location for a #DlgError
 *
 * Opens the database at @path for reading only: nothing is migrated, settled or written, and
 * every write fails with %DLG_ERROR_READ_ONLY. For listing a database on a read-only medium
 * or one another account owns; dlg_store_open() falls back to it for a file it cannot write.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
DlgStore *
dlg_store_open_read_only (const char  *path,
                          GError     **error)
{
  g_autoptr(DlgStore) self = NULL;
  g_autofree char *uri = NULL;
  guint n_migrations;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self = g_object_new (DLG_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->read_only = TRUE;

  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                   _("The database “%s” does not exist."), path);
      return NULL;
    }
  rc = sqlite3_open_v2 (path, &self->db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc == SQLITE_OK)
    pragma_int (self->db, "SELECT count(*) FROM sqlite_schema", &rc);
  /* A WAL database whose folder cannot take its -shm file: read it as it is on disk. */
  if (rc != SQLITE_OK && (rc & 0xff) == SQLITE_CANTOPEN)
    {
      g_autofree char *escaped = g_uri_escape_string (path, "/", FALSE);

      g_clear_pointer (&self->db, sqlite3_close);
      uri = g_strconcat ("file:", escaped, "?immutable=1", NULL);
      rc = sqlite3_open_v2 (uri, &self->db,
                            SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
    }
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self->db, path, rc, error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);
  if (!dlg_store_exec (self, "PRAGMA query_only = ON", error) ||
      !check_schema (self, &version, error))
    return NULL;

  dlg_schema_get_migrations (&n_migrations);
  if (version < n_migrations)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_READ_ONLY,
                   _("The database “%s” was written by an older version of Dialogue and must be "
                     "upgraded before it can be read, which needs write access to the file and "
                     "its folder."), path);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * dlg_store_is_read_only:
 *
 * Returns: whether the store was opened for reading only
 */
gboolean
dlg_store_is_read_only (DlgStore *self)
{
  g_return_val_if_fail (DLG_IS_STORE (self), FALSE);

  return self->read_only;
}

/**
 * dlg_store_open:
 * @path: a file, or ":memory:" for a private in-memory database
 * @error: return location for a #DlgError
 *
 * Opens or creates the database at @path and migrates it to the schema of this build.
 *
 * Returns: (transfer full): the store, or %NULL with @error set
 */
DlgStore *
dlg_store_open (const char  *path,
                GError     **error)
{
  g_autoptr(DlgStore) self = NULL;
  gint64 version = 0;
  int rc;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (cannot_write (path))
    return dlg_store_open_read_only (path, error);

  self = g_object_new (DLG_TYPE_STORE, NULL);
  self->path = g_strdup (path);

  if (strcmp (path, ":memory:") != 0)
    {
      g_autofree char *dir = g_path_get_dirname (path);

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, DLG_ERROR, DLG_ERROR_READ_ONLY,
                       _("The folder “%s” cannot be created: %s."), dir,
                       g_strerror (saved_errno));
          return NULL;
        }
    }

  rc = sqlite3_open_v2 (path, &self->db,
                        SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX,
                        NULL);
  if (rc != SQLITE_OK)
    {
      set_sqlite_error (self->db, path, rc, error);
      return NULL;
    }

  sqlite3_extended_result_codes (self->db, TRUE);
  sqlite3_busy_timeout (self->db, 5000);

  if (!dlg_store_exec (self, "PRAGMA foreign_keys = ON", error))
    return NULL;
  /* What the file is, before anything writes to it (journal_mode rewrites the header): a
   * stranger, or a database Dialogue must not migrate, keeps every byte. */
  if (!check_schema (self, &version, error))
    return NULL;
  if (strcmp (path, ":memory:") != 0 &&
      !dlg_store_exec (self, "PRAGMA journal_mode = WAL", error))
    return NULL;
  if (!dlg_store_exec (self, "PRAGMA synchronous = NORMAL", error))
    return NULL;
  /* A 100,000-contribution process and its FTS5 index are some 50 MB: with SQLite's 2 MB
   * default, every search and import read its pages again through the kernel. Up to 32 MiB,
   * taken only as pages are read. */
  if (!dlg_store_exec (self, "PRAGMA cache_size = -32768", error))
    return NULL;
  if (!migrate (self, version, error))
    return NULL;

  /* Bursts of typing a crash (or another connection) left unsettled become their entries. A
   * store that cannot write still opens, for reading. */
  {
    g_autoptr(GError) settle_error = NULL;

    if (!dlg_journal_settle (self, 0, NULL, &settle_error))
      g_warning ("Could not settle the pending journal entries of %s: %s", path,
                 settle_error->message);
  }

  return g_steal_pointer (&self);
}

/**
 * dlg_store_get_default_path:
 *
 * Returns: (transfer full): `$XDG_DATA_HOME/dialogue/dialogue.db`
 */
char *
dlg_store_get_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "dialogue", "dialogue.db", NULL);
}

const char *
dlg_store_get_path (DlgStore *self)
{
  g_return_val_if_fail (DLG_IS_STORE (self), NULL);

  return self->path;
}

guint
dlg_store_get_schema_version (DlgStore *self)
{
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (self), 0);

  return (guint) pragma_int (self->db, "PRAGMA user_version", &rc);
}

/**
 * dlg_store_get_actor:
 *
 * Returns: (transfer none): who the journal names for the changes made through this store, as
 *   the front end set it (the officer's name, or the system account), "" when it did not
 */
const char *
dlg_store_get_actor (DlgStore *self)
{
  g_return_val_if_fail (DLG_IS_STORE (self), NULL);

  return self->actor != NULL ? self->actor : "";
}

void
dlg_store_set_actor (DlgStore   *self,
                     const char *actor)
{
  g_return_if_fail (DLG_IS_STORE (self));

  if (g_strcmp0 (self->actor, actor) == 0)
    return;
  g_free (self->actor);
  self->actor = g_strdup (actor);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ACTOR]);
}

sqlite3 *
dlg_store_get_db (DlgStore *self)
{
  g_return_val_if_fail (DLG_IS_STORE (self), NULL);

  return self->db;
}

/**
 * dlg_store_prepare:
 * @self: a #DlgStore
 * @sql: a statement with a static lifetime: it is the key of the cache
 * @error: return location for a #DlgError
 *
 * Returns: (transfer none): a clean cached statement; hold it in a g_autoptr(DlgStmt)
 */
DlgStmt *
dlg_store_prepare (DlgStore    *self,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt;

  g_return_val_if_fail (DLG_IS_STORE (self), NULL);

  stmt = g_hash_table_lookup (self->statements, sql);
  if (stmt == NULL)
    {
      int rc = sqlite3_prepare_v3 (self->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

      if (rc != SQLITE_OK)
        {
          dlg_store_set_error (self, rc, error);
          return NULL;
        }
      g_hash_table_insert (self->statements, (gpointer) sql, stmt);
    }
  else
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
    }

  return stmt;
}

gboolean
dlg_store_step_done (DlgStore      *self,
                     sqlite3_stmt  *stmt,
                     GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE && rc != SQLITE_ROW)
    {
      dlg_store_set_error (self, rc, error);
      sqlite3_reset (stmt);
      return FALSE;
    }
  return TRUE;
}

/**
 * dlg_store_begin:
 *
 * Starts a transaction, or a savepoint inside the current one, so that helpers that need a
 * transaction can be called from within a larger one. Pair with dlg_store_commit() or
 * dlg_store_rollback().
 */
gboolean
dlg_store_begin (DlgStore  *self,
                 GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (self), FALSE);

  if (!dlg_store_exec (self, self->tx_depth == 0 ? "BEGIN IMMEDIATE" : "SAVEPOINT nested",
                       error))
    return FALSE;
  self->tx_depth++;
  return TRUE;
}

gboolean
dlg_store_commit (DlgStore  *self,
                  GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (self), FALSE);
  g_return_val_if_fail (self->tx_depth > 0, FALSE);

  if (!dlg_store_exec (self, self->tx_depth == 1 ? "COMMIT" : "RELEASE nested", error))
    {
      dlg_store_rollback (self);
      return FALSE;
    }
  self->tx_depth--;
  return TRUE;
}

void
dlg_store_rollback (DlgStore *self)
{
  g_return_if_fail (DLG_IS_STORE (self));
  g_return_if_fail (self->tx_depth > 0);

  if (self->tx_depth == 1)
    sqlite3_exec (self->db, "ROLLBACK", NULL, NULL, NULL);
  else
    sqlite3_exec (self->db, "ROLLBACK TO nested; RELEASE nested", NULL, NULL, NULL);
  self->tx_depth--;
}

/**
 * dlg_store_emit_changed:
 * @type: the type of the record that changed
 * @process_id: the process, or 0
 *
 * Tells views that the data under them changed. The detail of the signal is the name of
 * @type ("DlgDecision").
 */
void
dlg_store_emit_changed (DlgStore   *self,
                        GType      type,
                        gint64      process_id)
{
  g_return_if_fail (DLG_IS_STORE (self));
  g_return_if_fail (type != G_TYPE_INVALID);

  g_signal_emit (self, signals[CHANGED], g_type_qname (type), type, process_id);
}

char *
dlg_now_iso8601 (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

char *
dlg_uuid_new (void)
{
  return g_uuid_string_random ();
}

/* Whether a transaction is open (code that emits DlgStore::changed after its commit waits for
 * the outermost one). */
gboolean
dlg_store_in_transaction (DlgStore *self)
{
  g_return_val_if_fail (DLG_IS_STORE (self), FALSE);

  return self->tx_depth > 0;
}
