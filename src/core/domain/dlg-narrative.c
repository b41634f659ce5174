/* dlg-narrative.c — a public narrative of a stage, written in Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgNarrative is a snapshot of its row: setters change the object only,
 * dlg_narrative_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgNarrative.
 */

#define G_LOG_DOMAIN "dlg-narrative"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-narrative.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgNarrative
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 process_id;
  char *stage;
  char *title;
  char *body_md;
  char *state;
  char *published_at;
  char *updated_at;
  char *sync_state;
  char *etag;
  gint64 rev;
};

G_DEFINE_FINAL_TYPE (DlgNarrative, dlg_narrative, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_STAGE,
  PROP_TITLE,
  PROP_BODY_MD,
  PROP_STATE,
  PROP_PUBLISHED_AT,
  PROP_UPDATED_AT,
  PROP_SYNC_STATE,
  PROP_ETAG,
  PROP_REV,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.process_id, t.stage, t.title, t.body_md, t.state," \
  " t.published_at, t.updated_at, t.sync_state, t.etag, t.rev FROM narrative t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.process_id = ?1"
  " ORDER BY updated_at DESC, id DESC";
static const char sql_insert[] =
  "INSERT INTO narrative (uuid, process_id, stage, title, body_md, updated_at) VALUES"
  " (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_update[] =
  "UPDATE narrative SET stage = ?2, title = ?3, body_md = ?4, updated_at = ?5,"
  " sync_state = CASE WHEN sync_state = 'synced' AND (stage IS NOT ?2 OR title IS NOT"
  " ?3 OR body_md IS NOT ?4) THEN 'modified' ELSE sync_state END WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM narrative WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_narrative_finalize (GObject *object)
{
  DlgNarrative *self = (DlgNarrative *)object;

  g_free (self->uuid);
  g_free (self->stage);
  g_free (self->title);
  g_free (self->body_md);
  g_free (self->state);
  g_free (self->published_at);
  g_free (self->updated_at);
  g_free (self->sync_state);
  g_free (self->etag);

  G_OBJECT_CLASS (dlg_narrative_parent_class)->finalize (object);
}

static void
dlg_narrative_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  DlgNarrative *self = DLG_NARRATIVE (object);

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
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY_MD:
      g_value_set_string (value, self->body_md);
      break;
    case PROP_STATE:
      g_value_set_string (value, self->state);
      break;
    case PROP_PUBLISHED_AT:
      g_value_set_string (value, self->published_at);
      break;
    case PROP_UPDATED_AT:
      g_value_set_string (value, self->updated_at);
      break;
    case PROP_SYNC_STATE:
      g_value_set_string (value, self->sync_state);
      break;
    case PROP_ETAG:
      g_value_set_string (value, self->etag);
      break;
    case PROP_REV:
      g_value_set_int64 (value, self->rev);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_narrative_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  DlgNarrative *self = DLG_NARRATIVE (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      dlg_narrative_set_stage (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      dlg_narrative_set_title (self, g_value_get_string (value));
      break;
    case PROP_BODY_MD:
      dlg_narrative_set_body_md (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_narrative_class_init (DlgNarrativeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_narrative_finalize;
  object_class->get_property = dlg_narrative_get_property;
  object_class->set_property = dlg_narrative_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_STAGE] = g_param_spec_string ("stage", NULL, NULL, NULL, rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_BODY_MD] = g_param_spec_string ("body-md", NULL, NULL, "", rw);
  properties[PROP_STATE] = g_param_spec_string ("state", NULL, NULL, NULL, ro);
  properties[PROP_PUBLISHED_AT] = g_param_spec_string ("published-at", NULL, NULL, NULL, ro);
  properties[PROP_UPDATED_AT] = g_param_spec_string ("updated-at", NULL, NULL, NULL, ro);
  properties[PROP_SYNC_STATE] = g_param_spec_string ("sync-state", NULL, NULL, NULL, ro);
  properties[PROP_ETAG] = g_param_spec_string ("etag", NULL, NULL, NULL, ro);
  properties[PROP_REV] = g_param_spec_int64 ("rev", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_narrative_init (DlgNarrative *self)
{
  self->title = g_strdup ("");
  self->body_md = g_strdup ("");
  self->state = g_strdup ("draft");
}

/**
 * dlg_narrative_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgNarrative *
dlg_narrative_new (gint64 process_id)
{
  DlgNarrative *self = g_object_new (DLG_TYPE_NARRATIVE, NULL);

  self->process_id = process_id;
  return self;
}

gint64
dlg_narrative_get_id (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), 0);

  return self->id;
}

const char *
dlg_narrative_get_uuid (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), NULL);

  return self->uuid;
}

gint64
dlg_narrative_get_process_id (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), 0);

  return self->process_id;
}

const char *
dlg_narrative_get_stage (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), NULL);

  return self->stage;
}

const char *
dlg_narrative_get_title (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), NULL);

  return self->title;
}

const char *
dlg_narrative_get_body_md (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), NULL);

  return self->body_md;
}

const char *
dlg_narrative_get_state (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), NULL);

  return self->state;
}

const char *
dlg_narrative_get_published_at (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), NULL);

  return self->published_at;
}

const char *
dlg_narrative_get_updated_at (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), NULL);

  return self->updated_at;
}

const char *
dlg_narrative_get_sync_state (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), NULL);

  return self->sync_state;
}

const char *
dlg_narrative_get_etag (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), NULL);

  return self->etag;
}

gint64
dlg_narrative_get_rev (DlgNarrative *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), 0);

  return self->rev;
}

void
dlg_narrative_set_stage (DlgNarrative *self,
                         const char   *stage)
{
  g_return_if_fail (DLG_IS_NARRATIVE (self));

  if (g_strcmp0 (self->stage, stage) == 0)
    return;
  g_free (self->stage);
  self->stage = g_strdup (stage);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STAGE]);
}

void
dlg_narrative_set_title (DlgNarrative *self,
                         const char   *title)
{
  g_return_if_fail (DLG_IS_NARRATIVE (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
dlg_narrative_set_body_md (DlgNarrative *self,
                           const char   *body_md)
{
  g_return_if_fail (DLG_IS_NARRATIVE (self));

  if (body_md == NULL)
    body_md = "";
  if (g_strcmp0 (self->body_md, body_md) == 0)
    return;
  g_free (self->body_md);
  self->body_md = g_strdup (body_md);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY_MD]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgNarrative *self,
          sqlite3_stmt *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->stage);
  self->stage = dlg_stmt_dup_text (stmt, col++);
  g_free (self->title);
  self->title = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->body_md);
  self->body_md = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->state);
  self->state = dlg_stmt_dup_text (stmt, col++);
  g_free (self->published_at);
  self->published_at = dlg_stmt_dup_text (stmt, col++);
  g_free (self->updated_at);
  self->updated_at = dlg_stmt_dup_text (stmt, col++);
  g_free (self->sync_state);
  self->sync_state = dlg_stmt_dup_text (stmt, col++);
  g_free (self->etag);
  self->etag = dlg_stmt_dup_text (stmt, col++);
  self->rev = sqlite3_column_int64 (stmt, col++);
}

static DlgNarrative *
from_row (sqlite3_stmt *stmt)
{
  DlgNarrative *self = g_object_new (DLG_TYPE_NARRATIVE, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgNarrative *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgNarrative *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This narrative does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static const char sql_publish[] =
  "UPDATE narrative SET state = ?2, published_at = ?3, updated_at = ?4,"
  " sync_state = CASE sync_state WHEN 'synced' THEN 'modified' ELSE sync_state END"
  " WHERE id = ?1";

static gboolean
set_published (DlgStore    *store,
               gint64       narrative_id,
               gboolean     published,
               GError     **error)
{
  g_autoptr(DlgNarrative) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *summary = NULL;

  if (!(self = dlg_narrative_load (store, narrative_id, error)))
    return FALSE;
  if (!dlg_process_check_editable (store, self->process_id, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_publish, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, narrative_id);
  dlg_stmt_bind_text (stmt, 2, published ? "published" : "draft");
  dlg_stmt_bind_text (stmt, 3, published ? now : NULL);
  dlg_stmt_bind_text (stmt, 4, now);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  summary = g_strdup_printf (published ? _("Narrative published: “%s”.")
                                       : _("Narrative withdrawn: “%s”."), self->title);
  if (!dlg_journal_append_full (store, self->process_id,
                                published ? "narrative.publish" : "narrative.unpublish",
                                "narrative", self->uuid, self->stage, NULL, NULL, NULL, summary,
                                error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_NARRATIVE, self->process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_narrative_publish:
 *
 * Publishes the narrative (state "published", published_at now), journaled as
 * "narrative.publish"; the next push sends it to the site.
 */
gboolean
dlg_narrative_publish (DlgStore  *store,
                       gint64     narrative_id,
                       GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return set_published (store, narrative_id, TRUE, error);
}

/**
 * dlg_narrative_unpublish:
 *
 * Takes the narrative back to draft, journaled as "narrative.unpublish".
 */
gboolean
dlg_narrative_unpublish (DlgStore  *store,
                         gint64     narrative_id,
                         GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return set_published (store, narrative_id, FALSE, error);
}

static gboolean
validate (DlgStore      *store,
          DlgNarrative  *self,
          gint64         process_id,
          GError       **error)
{
  if (!dlg_check_stage (self->stage, error))
    return FALSE;
  if (!dlg_check_text (self->title, TRUE, 500, _("title"), _("A narrative needs a title."), error))
    return FALSE;
  if (!dlg_check_text (self->body_md, FALSE, 1000000, _("text"), NULL, error))
    return FALSE;
  return TRUE;
}

/**
 * dlg_narrative_save:
 *
 * Validates @narrative and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction.
 * On success the object holds the saved row.
 */
gboolean
dlg_narrative_save (DlgStore      *store,
                    DlgNarrative  *narrative,
                    GError       **error)
{
  DlgNarrative *self = narrative;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_NARRATIVE (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_process_check_editable (store, process_id, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->process_id);
      dlg_stmt_bind_text (stmt, 3, self->stage);
      dlg_stmt_bind_text (stmt, 4, self->title);
      dlg_stmt_bind_text (stmt, 5, self->body_md);
      dlg_stmt_bind_text (stmt, 6, now);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->stage);
      dlg_stmt_bind_text (stmt, 3, self->title);
      dlg_stmt_bind_text (stmt, 4, self->body_md);
      dlg_stmt_bind_text (stmt, 5, now);
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
  dlg_store_emit_changed (store, DLG_TYPE_NARRATIVE, process_id);
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
 * dlg_narrative_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgNarrative *
dlg_narrative_load (DlgStore  *store,
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
 * dlg_narrative_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgNarrative, in display order
 */
GListModel *
dlg_narrative_list (DlgStore  *store,
                    gint64     process_id,
                    GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_NARRATIVE, (DlgRowFunc) from_row, error);
}

/**
 * dlg_narrative_delete:
 *
 * Deletes the object.
 */
gboolean
dlg_narrative_delete (DlgStore  *store,
                      gint64     id,
                      GError   **error)
{
  g_autoptr(DlgNarrative) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_narrative_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_process_check_editable (store, process_id, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_NARRATIVE, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
