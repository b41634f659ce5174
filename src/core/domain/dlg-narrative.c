/* dlg-narrative.c — a public narrative of a stage, written in Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgNarrative is a snapshot of its row (DlgRecord does the mechanics from the field table):
 * setters change the object only, dlg_narrative_save() writes it in one transaction, then
 * emits DlgStore::changed::DlgNarrative.
 */

#define G_LOG_DOMAIN "dlg-narrative"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-journal.h"
#include "dlg-narrative.h"
#include "dlg-stage-rules.h"

struct _DlgNarrative
{
  DlgRecord parent_instance;

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

G_DEFINE_FINAL_TYPE (DlgNarrative, dlg_narrative, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgNarrative, member)

/* Drafts are the officer's own: a save journals nothing, publishing and withdrawing do
 * (set_published), and set the state. */
static const DlgField fields[] = {
  { .column = "stage", .property = "stage", .kind = DLG_FIELD_STRING, .offset = F (stage),
    .flags = DLG_FIELD_NULLABLE | DLG_FIELD_PUBLISHED, .label = N_("stage"),
    .check = dlg_check_stage, .json_name = "stage" },
  { .column = "title", .property = "title", .kind = DLG_FIELD_STRING, .offset = F (title),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_PUBLISHED, .label = N_("title"), .max_chars = 500,
    .empty = N_("A narrative needs a title."), .json_name = "title" },
  { .column = "body_md", .property = "body-md", .kind = DLG_FIELD_TEXT, .offset = F (body_md),
    .flags = DLG_FIELD_PUBLISHED, .label = N_("text"), .max_chars = 1000000,
    .json_name = "body_md" },
  { .column = "state", .property = "state", .kind = DLG_FIELD_STRING, .offset = F (state),
    .flags = DLG_RECORD_SYNC_FIELD | DLG_FIELD_NULLABLE, .label = N_("state"),
    .default_string = "draft", .json_name = "state" },
  { .column = "published_at", .property = "published-at", .kind = DLG_FIELD_DATE,
    .offset = F (published_at), .flags = DLG_RECORD_SYNC_FIELD | DLG_FIELD_NULLABLE,
    .label = N_("published at"), .json_name = "published_at" },
  { .column = "updated_at", .property = "updated-at", .kind = DLG_FIELD_DATE,
    .offset = F (updated_at), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_NULLABLE,
    .label = N_("updated") },
  DLG_RECORD_SYNC_FIELDS (DlgNarrative, NULL),
};

#undef F

static const DlgRecordInfo info = {
  .name = "narrative",
  .table = "narrative",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.updated_at DESC, t.id DESC",
  .not_found = N_("This narrative does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST | DLG_RECORD_SYNC_STATE,
};

/* A narrative is dated by its last save. */
static gboolean
dlg_narrative_before_write (DlgRecord        *record,
                            DlgStore         *store,
                            gint64            process_id,
                            DlgRecordChange   change,
                            GError          **error)
{
  DlgNarrative *self = DLG_NARRATIVE (record);

  if (change != DLG_RECORD_DELETE)
    {
      g_free (self->updated_at);
      self->updated_at = dlg_now_iso8601 ();
    }
  return TRUE;
}

static void
dlg_narrative_class_init (DlgNarrativeClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->before_write = dlg_narrative_before_write;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_narrative_init (DlgNarrative *self)
{
}

/**
 * dlg_narrative_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgNarrative *
dlg_narrative_new (gint64 process_id)
{
  return dlg_record_new (DLG_TYPE_NARRATIVE, process_id);
}

gint64
dlg_narrative_get_id (DlgNarrative *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_narrative_get_uuid (DlgNarrative *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_narrative_get_process_id (DlgNarrative *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
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
  dlg_record_set_string (DLG_RECORD (self), "stage", stage);
}

void
dlg_narrative_set_title (DlgNarrative *self,
                         const char   *title)
{
  dlg_record_set_string (DLG_RECORD (self), "title", title);
}

void
dlg_narrative_set_body_md (DlgNarrative *self,
                           const char   *body_md)
{
  dlg_record_set_string (DLG_RECORD (self), "body-md", body_md);
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
  if (!dlg_process_check_editable (store, dlg_narrative_get_process_id (self), error))
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
  if (!dlg_journal_append_full (store, dlg_narrative_get_process_id (self),
                                published ? "narrative.publish" : "narrative.unpublish",
                                "narrative", dlg_narrative_get_uuid (self), self->stage, NULL,
                                NULL, NULL, summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_NARRATIVE, dlg_narrative_get_process_id (self));
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
  g_return_val_if_fail (DLG_IS_NARRATIVE (narrative), FALSE);

  return dlg_record_save (DLG_RECORD (narrative), store, error);
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
  return dlg_record_load (store, DLG_TYPE_NARRATIVE, id, error);
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
  return dlg_record_list (store, DLG_TYPE_NARRATIVE, process_id, NULL, NULL, error);
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
  return dlg_record_delete (store, DLG_TYPE_NARRATIVE, id, error);
}
