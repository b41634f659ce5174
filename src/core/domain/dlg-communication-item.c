/* dlg-communication-item.c — a planned or done communication action
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgCommunicationItem is a snapshot of its row (DlgRecord does the mechanics from the field
 * table): setters change the object only, dlg_communication_item_save() writes it in one
 * transaction, then emits DlgStore::changed::DlgCommunicationItem. The plan is internal
 * planning: not journaled.
 */

#define G_LOG_DOMAIN "dlg-communication-item"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-communication-item.h"
#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-narrative.h"

struct _DlgCommunicationItem
{
  DlgRecord parent_instance;

  char   *stage;
  char   *kind;
  char   *channel;
  char   *audience;
  char   *planned_at;
  char   *owner;
  char   *title;
  char   *status;
  char   *message;
  gint64  narrative_id;
  char   *link;
  char   *notes;
};

G_DEFINE_FINAL_TYPE (DlgCommunicationItem, dlg_communication_item, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgCommunicationItem, member)

static const DlgField fields[] = {
  { .column = "title", .property = "title", .kind = DLG_FIELD_STRING, .offset = F (title),
    .flags = DLG_FIELD_REQUIRED, .label = N_("title"), .max_chars = 500,
    .empty = N_("A communication item needs a title.") },
  { .column = "kind", .property = "kind", .kind = DLG_FIELD_ENUM, .offset = F (kind),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE, .label = N_("kind"),
    .default_string = "site_page", .vocabulary = &dlg_vocabulary_communication_kind,
    .invalid = N_("This kind of communication is unknown.") },
  { .column = "channel", .property = "channel", .kind = DLG_FIELD_ENUM, .offset = F (channel),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE, .label = N_("channel"),
    .default_string = "site", .vocabulary = &dlg_vocabulary_communication_channel,
    .invalid = N_("This communication channel is unknown.") },
  { .column = "stage", .property = "stage", .kind = DLG_FIELD_STRING, .offset = F (stage),
    .flags = DLG_FIELD_NULLABLE, .label = N_("stage"), .check = dlg_check_stage },
  { .column = "audience", .property = "audience", .kind = DLG_FIELD_STRING,
    .offset = F (audience), .label = N_("audience"), .max_chars = 500 },
  { .column = "planned_at", .property = "planned-at", .kind = DLG_FIELD_DATE,
    .offset = F (planned_at), .flags = DLG_FIELD_NULLABLE, .label = N_("planned date") },
  { .column = "owner", .property = "owner", .kind = DLG_FIELD_STRING, .offset = F (owner),
    .label = N_("owner"), .max_chars = 200 },
  { .column = "status", .property = "status", .kind = DLG_FIELD_ENUM, .offset = F (status),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE, .label = N_("status"),
    .default_string = "planned", .vocabulary = &dlg_vocabulary_communication_status,
    .invalid = N_("The status must be idea, planned, done or cancelled.") },
  { .column = "message", .property = "message", .kind = DLG_FIELD_TEXT, .offset = F (message),
    .label = N_("message"), .max_chars = 20000 },
  { .column = "narrative_id", .property = "narrative-id", .kind = DLG_FIELD_INT64,
    .offset = F (narrative_id), .label = N_("narrative"), .reference = dlg_narrative_get_type },
  { .column = "link", .property = "link", .kind = DLG_FIELD_STRING, .offset = F (link),
    .label = N_("link"), .max_chars = 2000 },
  { .column = "notes", .property = "notes", .kind = DLG_FIELD_TEXT, .offset = F (notes),
    .label = N_("notes") },
};

#undef F

static const DlgRecordInfo info = {
  .name = "communication_item",
  .table = "communication_item",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.planned_at IS NULL, t.planned_at, t.id",
  .not_found = N_("This communication item does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST,
};

static const char sql_narrative_process[] =
  "SELECT process_id FROM narrative WHERE id = ?1";

/* The narrative an item points to is one of its own process's. */
static gboolean
dlg_communication_item_validate (DlgRecord  *record,
                                 DlgStore   *store,
                                 gint64      process_id,
                                 GError    **error)
{
  DlgCommunicationItem *self = DLG_COMMUNICATION_ITEM (record);
  gint64 other;

  if (self->narrative_id == 0)
    return TRUE;
  other = dlg_lookup_process (store, sql_narrative_process, self->narrative_id,
                              _("The narrative this item points to does not exist."), error);
  if (other == 0)
    return FALSE;
  if (other != process_id)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This narrative belongs to another process."));
      return FALSE;
    }
  return TRUE;
}

static void
dlg_communication_item_class_init (DlgCommunicationItemClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->validate = dlg_communication_item_validate;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_communication_item_init (DlgCommunicationItem *self)
{
}

/**
 * dlg_communication_item_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgCommunicationItem *
dlg_communication_item_new (gint64 process_id)
{
  return dlg_record_new (DLG_TYPE_COMMUNICATION_ITEM, process_id);
}

gint64
dlg_communication_item_get_id (DlgCommunicationItem *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_communication_item_get_uuid (DlgCommunicationItem *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_communication_item_get_process_id (DlgCommunicationItem *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
}

const char *
dlg_communication_item_get_stage (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->stage;
}

const char *
dlg_communication_item_get_channel (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->channel;
}

const char *
dlg_communication_item_get_planned_at (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->planned_at;
}

const char *
dlg_communication_item_get_title (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->title;
}

const char *
dlg_communication_item_get_status (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->status;
}

const char *
dlg_communication_item_get_notes (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->notes;
}

const char *
dlg_communication_item_get_kind (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->kind;
}

const char *
dlg_communication_item_get_audience (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->audience;
}

const char *
dlg_communication_item_get_owner (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->owner;
}

const char *
dlg_communication_item_get_message (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->message;
}

const char *
dlg_communication_item_get_link (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), NULL);
  return self->link;
}

gint64
dlg_communication_item_get_narrative_id (DlgCommunicationItem *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (self), 0);
  return self->narrative_id;
}

void
dlg_communication_item_set_stage (DlgCommunicationItem *self,
                                  const char           *stage)
{
  dlg_record_set_string (DLG_RECORD (self), "stage", stage);
}

void
dlg_communication_item_set_channel (DlgCommunicationItem *self,
                                    const char           *channel)
{
  dlg_record_set_string (DLG_RECORD (self), "channel", channel);
}

void
dlg_communication_item_set_planned_at (DlgCommunicationItem *self,
                                       const char           *planned_at)
{
  dlg_record_set_string (DLG_RECORD (self), "planned-at", planned_at);
}

void
dlg_communication_item_set_title (DlgCommunicationItem *self,
                                  const char           *title)
{
  dlg_record_set_string (DLG_RECORD (self), "title", title);
}

void
dlg_communication_item_set_status (DlgCommunicationItem *self,
                                   const char           *status)
{
  dlg_record_set_string (DLG_RECORD (self), "status", status);
}

void
dlg_communication_item_set_notes (DlgCommunicationItem *self,
                                  const char           *notes)
{
  dlg_record_set_string (DLG_RECORD (self), "notes", notes);
}


void
dlg_communication_item_set_kind (DlgCommunicationItem *self,
                                 const char           *kind)
{
  dlg_record_set_string (DLG_RECORD (self), "kind", kind);
}

void
dlg_communication_item_set_audience (DlgCommunicationItem *self,
                                     const char           *audience)
{
  dlg_record_set_string (DLG_RECORD (self), "audience", audience);
}

void
dlg_communication_item_set_owner (DlgCommunicationItem *self,
                                  const char           *owner)
{
  dlg_record_set_string (DLG_RECORD (self), "owner", owner);
}

void
dlg_communication_item_set_message (DlgCommunicationItem *self,
                                    const char           *message)
{
  dlg_record_set_string (DLG_RECORD (self), "message", message);
}

void
dlg_communication_item_set_link (DlgCommunicationItem *self,
                                 const char           *link)
{
  dlg_record_set_string (DLG_RECORD (self), "link", link);
}

void
dlg_communication_item_set_narrative_id (DlgCommunicationItem *self,
                                         gint64                narrative_id)
{
  dlg_record_set_int64 (DLG_RECORD (self), "narrative-id", narrative_id);
}

/**
 * dlg_communication_item_save:
 *
 * Validates @item and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction. On success the object holds the saved row.
 */
gboolean
dlg_communication_item_save (DlgStore              *store,
                             DlgCommunicationItem  *item,
                             GError               **error)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_ITEM (item), FALSE);

  return dlg_record_save (DLG_RECORD (item), store, error);
}

/**
 * dlg_communication_item_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgCommunicationItem *
dlg_communication_item_load (DlgStore  *store,
                             gint64     id,
                             GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_COMMUNICATION_ITEM, id, error);
}

/**
 * dlg_communication_item_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgCommunicationItem, by planned date (undated
 *   last)
 */
GListModel *
dlg_communication_item_list (DlgStore  *store,
                             gint64     process_id,
                             GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_COMMUNICATION_ITEM, process_id, NULL, NULL, error);
}

/**
 * dlg_communication_item_delete:
 *
 * Deletes the object.
 */
gboolean
dlg_communication_item_delete (DlgStore  *store,
                               gint64     id,
                               GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_COMMUNICATION_ITEM, id, error);
}
