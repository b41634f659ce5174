/* dlg-site-db.h — the reference site's own SQLite database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define DLG_SITE_DB_SCHEMA_VERSION 3

#define DLG_SITE_SCOPE_READ     "sync:read"
#define DLG_SITE_SCOPE_WRITE    "sync:write"
#define DLG_SITE_SCOPE_PERSONAL "sync:personal"
#define DLG_SITE_DEFAULT_SCOPES "sync:read,sync:write,sync:personal"

/* A statement from the database's cache: g_autoptr only resets it. */
typedef sqlite3_stmt DlgSiteStmt;
void dlg_site_stmt_release (DlgSiteStmt *stmt);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgSiteStmt, dlg_site_stmt_release)

/* One row of the `objects` table: every synced object, live or tombstone. */
typedef struct
{
  char    *type;
  char    *id;
  gint64   rev;
  char    *process_id;
  gboolean deleted;
  gboolean erasure;
  char    *data;                /* JSON text */
  char    *updated_at;
} DlgSiteObject;

void dlg_site_object_free (DlgSiteObject *object);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgSiteObject, dlg_site_object_free)

#define DLG_SITE_TYPE_DB (dlg_site_db_get_type ())
G_DECLARE_FINAL_TYPE (DlgSiteDb, dlg_site_db, DLG_SITE, DB, GObject)

DlgSiteDb     *dlg_site_db_open             (const char   *path,
                                             GError      **error);
sqlite3       *dlg_site_db_get_handle       (DlgSiteDb    *self);
DlgSiteStmt   *dlg_site_db_prepare          (DlgSiteDb    *self,
                                             const char   *sql,
                                             GError      **error);
gboolean       dlg_site_db_exec             (DlgSiteDb    *self,
                                             const char   *sql,
                                             GError      **error);
gboolean       dlg_site_db_step_done        (DlgSiteDb    *self,
                                             sqlite3_stmt *stmt,
                                             GError      **error);
gboolean       dlg_site_db_set_error        (DlgSiteDb    *self,
                                             int           rc,
                                             GError      **error);
gboolean       dlg_site_db_begin            (DlgSiteDb    *self,
                                             GError      **error);
gboolean       dlg_site_db_commit           (DlgSiteDb    *self,
                                             GError      **error);
void           dlg_site_db_rollback         (DlgSiteDb    *self);

char          *dlg_site_db_get_meta         (DlgSiteDb    *self,
                                             const char   *key);
gboolean       dlg_site_db_set_meta         (DlgSiteDb    *self,
                                             const char   *key,
                                             const char   *value,
                                             GError      **error);

/* The global revision sequence: every change takes the next value. */
gint64         dlg_site_db_next_rev         (DlgSiteDb    *self,
                                             GError      **error);
gint64         dlg_site_db_get_current_rev  (DlgSiteDb    *self);
gint64         dlg_site_db_get_cursor_epoch (DlgSiteDb    *self);
gint64         dlg_site_db_get_purge_horizon (DlgSiteDb   *self);
/* Empties the site (training's reset); the cursors handed out before answer 410. */
gboolean       dlg_site_db_reset            (DlgSiteDb    *self,
                                             GError      **error);
GStrv          dlg_site_db_list_process_ids (DlgSiteDb    *self,
                                             GError      **error);
/* Every cursor handed out so far answers 410 afterwards. */
gboolean       dlg_site_db_expire_cursors   (DlgSiteDb    *self,
                                             GError      **error);
/* Removes tombstones older than @days and moves the purge horizon past them. */
gboolean       dlg_site_db_purge_tombstones (DlgSiteDb    *self,
                                             guint         days,
                                             GError      **error);

/* Tokens, stored as SHA-256 hex. Returns the clear token (shown once). */
char          *dlg_site_db_create_token     (DlgSiteDb    *self,
                                             const char   *name,
                                             const char   *scopes,
                                             GError      **error);
/* Returns the token's scopes (comma-separated) or NULL when unknown. */
char          *dlg_site_db_check_token      (DlgSiteDb    *self,
                                             const char   *token,
                                             gint64       *token_id);

/* Revokes every token called @name; returns how many through @n_revoked. */
gboolean       dlg_site_db_revoke_token     (DlgSiteDb    *self,
                                             const char   *name,
                                             guint        *n_revoked,
                                             GError      **error);
/* "name\tscopes\tcreated_at\t[revoked]" lines, for the admin command. */
char          *dlg_site_db_list_tokens      (DlgSiteDb    *self);

DlgSiteObject *dlg_site_db_get_object       (DlgSiteDb    *self,
                                             const char   *type,
                                             const char   *id);
/* Inserts or replaces a live object with the next rev. */
gboolean       dlg_site_db_put_object       (DlgSiteDb    *self,
                                             const char   *type,
                                             const char   *id,
                                             const char   *process_id,
                                             const char   *data,
                                             gint64       *rev_out,
                                             GError      **error);
/* Turns an object into a tombstone with the next rev. */
gboolean       dlg_site_db_delete_object    (DlgSiteDb    *self,
                                             const char   *type,
                                             const char   *id,
                                             gboolean      erasure,
                                             gint64       *rev_out,
                                             GError      **error);
/* GDPR erasure of a registration (contact row deleted, profile blanked) or a contribution
 * (text blanked): leaves an erasure tombstone in the feed. */
gboolean       dlg_site_db_erase            (DlgSiteDb    *self,
                                             const char   *id,
                                             gint64       *rev_out,
                                             GError      **error);
/* The erasures the app sends (POST /api/sync/v1/erasures), in the caller's transaction: one
 * registration of a process (as dlg_site_db_erase), or the contact rows of all of them. */
gboolean       dlg_site_db_erase_registration (DlgSiteDb  *self,
                                               const char *process_id,
                                               const char *id,
                                               gboolean   *erased,
                                               GError    **error);
gboolean       dlg_site_db_purge_contacts   (DlgSiteDb    *self,
                                             const char   *process_id,
                                             gint64       *n_deleted,
                                             GError      **error);

/* Random bytes from the kernel, hex-encoded. */
char          *dlg_site_random_hex          (gsize         n_bytes);
char          *dlg_site_now_iso             (void);

G_END_DECLS
