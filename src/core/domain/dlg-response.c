/* dlg-response.c — the institution's argued response, one per process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgResponse is a snapshot of its row (keyed by its process): setters change the object
 * only, dlg_response_save() writes it with its journal entry in one transaction, then emits
 * DlgStore::changed::DlgResponse.
 */

#define G_LOG_DOMAIN "dlg-response"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-response.h"

#define MAX_INTRO_LENGTH 100000

struct _DlgResponse
{
  DlgRecord parent_instance;

  char    *intro;
  char    *published_at;
  char    *sync_state;
  char    *etag;
  gint64   rev;
  gboolean saved;
};

G_DEFINE_FINAL_TYPE (DlgResponse, dlg_response, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgResponse, member)

/* One response per process: its row is keyed by the process (id_column). Only the
 * introduction is journaled here; publication is the stage transition's (response.publish). */
static const DlgField fields[] = {
  { .column = "intro", .property = "intro", .kind = DLG_FIELD_TEXT, .offset = F (intro),
    .flags = DLG_FIELD_JOURNALED | DLG_FIELD_PUBLISHED, .label = N_("introduction"),
    .max_chars = MAX_INTRO_LENGTH, .json_name = "intro" },
  { .column = "published_at", .property = "published-at", .kind = DLG_FIELD_DATE,
    .offset = F (published_at), .flags = DLG_FIELD_NULLABLE | DLG_FIELD_PUBLISHED,
    .label = N_("published at"), .json_name = "published_at" },
  DLG_RECORD_SYNC_FIELDS (DlgResponse, "created"),
  { .column = "1", .property = "saved", .kind = DLG_FIELD_BOOLEAN, .offset = F (saved),
    .flags = DLG_RECORD_SYNC_FIELD, .label = N_("saved") },
};

#undef F

static const DlgRecordInfo info = {
  .name = "response",
  .table = "response",
  .id_column = "process_id",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .journal_create = "response.create",
  .journal_update = "response.update",
  .journal_delete = "response.delete",
  .not_found = N_("This process has no response yet."),
  .flags = DLG_RECORD_EDITABLE_FIRST | DLG_RECORD_SYNC_EVERY_UPDATE,
  .stage = "response",
};

static char *
dlg_response_describe (DlgRecord        *record,
                       DlgStore         *store,
                       DlgRecordChange   change)
{
  switch (change)
    {
    case DLG_RECORD_CREATE:
      return g_strdup (_("Response drafted."));
    case DLG_RECORD_UPDATE:
      return g_strdup (_("Response changed."));
    case DLG_RECORD_DELETE:
      return g_strdup (_("Response deleted."));
    default:
      g_assert_not_reached ();
    }
}

static void
dlg_response_class_init (DlgResponseClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->describe = dlg_response_describe;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_response_init (DlgResponse *self)
{
}

/**
 * dlg_response_new:
 *
 * Returns: (transfer full): a new, unsaved response of @process_id
 */
DlgResponse *
dlg_response_new (gint64 process_id)
{
  return dlg_record_new (DLG_TYPE_RESPONSE, process_id);
}

gint64
dlg_response_get_process_id (DlgResponse *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
}

const char *
dlg_response_get_uuid (DlgResponse *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

const char *
dlg_response_get_intro (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), NULL);
  return self->intro;
}

const char *
dlg_response_get_published_at (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), NULL);
  return self->published_at;
}

const char *
dlg_response_get_sync_state (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), NULL);
  return self->sync_state;
}

const char *
dlg_response_get_etag (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), NULL);
  return self->etag;
}

gint64
dlg_response_get_rev (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), 0);
  return self->rev;
}

gboolean
dlg_response_get_saved (DlgResponse *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (self), FALSE);
  return self->saved;
}

void
dlg_response_set_intro (DlgResponse *self,
                        const char  *intro)
{
  dlg_record_set_string (DLG_RECORD (self), "intro", intro);
}


/* "" is no date: not published. */
void
dlg_response_set_published_at (DlgResponse *self,
                               const char  *published_at)
{
  dlg_record_set_string (DLG_RECORD (self), "published-at",
                         published_at != NULL && *published_at == '\0' ? NULL : published_at);
}

/**
 * dlg_response_save:
 *
 * Validates and writes the response (INSERT the first time, with a new uuid; UPDATE then),
 * journaled as "response.create" or "response.update"; a synced response is marked modified.
 */
gboolean
dlg_response_save (DlgStore     *store,
                   DlgResponse  *response,
                   GError      **error)
{
  g_return_val_if_fail (DLG_IS_RESPONSE (response), FALSE);

  return dlg_record_save (DLG_RECORD (response), store, error);
}

/**
 * dlg_response_load:
 *
 * Returns: (transfer full): the response of @process_id, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgResponse *
dlg_response_load (DlgStore  *store,
                   gint64     process_id,
                   GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_RESPONSE, process_id, error);
}

/**
 * dlg_response_load_for:
 *
 * Returns: (transfer full): the response of @process_id, or a new unsaved one; %NULL with
 *   %DLG_ERROR_NOT_FOUND when the process does not exist
 */
DlgResponse *
dlg_response_load_for (DlgStore  *store,
                       gint64     process_id,
                       GError   **error)
{
  GError *local_error = NULL;
  DlgResponse *self;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (dlg_lookup_process (store, "SELECT id FROM process WHERE id = ?1", process_id,
                          _("The process does not exist."), error) == 0)
    return NULL;
  self = dlg_record_load (store, DLG_TYPE_RESPONSE, process_id, &local_error);
  if (g_error_matches (local_error, DLG_ERROR, DLG_ERROR_NOT_FOUND))
    {
      g_clear_error (&local_error);
      return dlg_response_new (process_id);
    }
  if (local_error != NULL)
    g_propagate_error (error, local_error);
  return self;
}

/**
 * dlg_response_list:
 *
 * Returns: (transfer full): a #GListModel holding the response of @process_id, if any
 */
GListModel *
dlg_response_list (DlgStore  *store,
                   gint64     process_id,
                   GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_RESPONSE, process_id, NULL, NULL, error);
}

/**
 * dlg_response_delete:
 *
 * Deletes the response of @process_id (the positions stay), journaled as "response.delete".
 */
gboolean
dlg_response_delete (DlgStore  *store,
                     gint64     process_id,
                     GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_RESPONSE, process_id, error);
}
