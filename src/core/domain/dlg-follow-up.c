/* dlg-follow-up.c — a follow-up committee meeting, status report or participatory evaluation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgFollowUp is a snapshot of its row (DlgRecord does the mechanics from the field table):
 * setters change the object only, dlg_follow_up_save() writes it in one transaction with its
 * journal entry, then emits DlgStore::changed::DlgFollowUp.
 */

#define G_LOG_DOMAIN "dlg-follow-up"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-follow-up.h"

struct _DlgFollowUp
{
  DlgRecord parent_instance;

  char *kind;
  char *dated;
  char *title;
  char *body;
  gboolean published;
};

G_DEFINE_FINAL_TYPE (DlgFollowUp, dlg_follow_up, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgFollowUp, member)
#define J (DLG_FIELD_JOURNALED | DLG_FIELD_PUBLISHED)

static const DlgField fields[] = {
  { .column = "kind", .property = "kind", .kind = DLG_FIELD_ENUM, .offset = F (kind),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | J, .label = N_("kind"),
    .default_string = "meeting", .vocabulary = &dlg_vocabulary_follow_up_kind,
    .invalid = N_("A follow-up is a meeting, a report or an evaluation."), .json_name = "kind" },
  { .column = "dated", .property = "dated", .kind = DLG_FIELD_DATE, .offset = F (dated),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_NULLABLE | J, .label = N_("date"),
    .empty = N_("A follow-up needs a date."), .json_name = "dated" },
  { .column = "title", .property = "title", .kind = DLG_FIELD_STRING, .offset = F (title),
    .flags = DLG_FIELD_REQUIRED | J, .label = N_("title"), .max_chars = 500,
    .empty = N_("A follow-up needs a title."), .json_name = "title" },
  { .column = "body", .property = "body", .kind = DLG_FIELD_TEXT, .offset = F (body),
    .flags = J, .label = N_("text"), .json_name = "body" },
  { .column = "published", .property = "published", .kind = DLG_FIELD_BOOLEAN,
    .offset = F (published), .flags = J, .label = N_("published") },
};

#undef F
#undef J

static const DlgRecordInfo info = {
  .name = "follow_up",
  .table = "follow_up",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.dated DESC, t.id DESC",
  .journal_create = "follow_up.create",
  .journal_update = "follow_up.update",
  .journal_delete = "follow_up.delete",
  .not_found = N_("This follow-up does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST,
  .stage = "follow_up",
};

static char *
dlg_follow_up_describe (DlgRecord        *record,
                        DlgStore         *store,
                        DlgRecordChange   change)
{
  DlgFollowUp *self = DLG_FOLLOW_UP (record);

  switch (change)
    {
    case DLG_RECORD_CREATE:
      return g_strdup_printf (_("Follow-up recorded: “%s”."), self->title);
    case DLG_RECORD_UPDATE:
      return g_strdup_printf (_("Follow-up changed: “%s”."), self->title);
    case DLG_RECORD_DELETE:
      return g_strdup_printf (_("Follow-up deleted: “%s”."), self->title);
    default:
      g_assert_not_reached ();
    }
}

static void
dlg_follow_up_class_init (DlgFollowUpClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->describe = dlg_follow_up_describe;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_follow_up_init (DlgFollowUp *self)
{
}

/**
 * dlg_follow_up_new:
 *
 * Returns: (transfer full): a new, unsaved object dated now: set its fields, then save it
 */
DlgFollowUp *
dlg_follow_up_new (gint64 process_id)
{
  DlgFollowUp *self = dlg_record_new (DLG_TYPE_FOLLOW_UP, process_id);

  self->dated = dlg_now_iso8601 ();
  return self;
}

gint64
dlg_follow_up_get_id (DlgFollowUp *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_follow_up_get_uuid (DlgFollowUp *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_follow_up_get_process_id (DlgFollowUp *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
}

const char *
dlg_follow_up_get_kind (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), NULL);
  return self->kind;
}

const char *
dlg_follow_up_get_dated (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), NULL);
  return self->dated;
}

const char *
dlg_follow_up_get_title (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), NULL);
  return self->title;
}

const char *
dlg_follow_up_get_body (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), NULL);
  return self->body;
}

gboolean
dlg_follow_up_get_published (DlgFollowUp *self)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (self), FALSE);
  return self->published;
}

void
dlg_follow_up_set_kind (DlgFollowUp *self,
                        const char  *kind)
{
  dlg_record_set_string (DLG_RECORD (self), "kind", kind);
}

void
dlg_follow_up_set_dated (DlgFollowUp *self,
                         const char  *dated)
{
  dlg_record_set_string (DLG_RECORD (self), "dated", dated);
}

void
dlg_follow_up_set_title (DlgFollowUp *self,
                         const char  *title)
{
  dlg_record_set_string (DLG_RECORD (self), "title", title);
}

void
dlg_follow_up_set_body (DlgFollowUp *self,
                        const char  *body)
{
  dlg_record_set_string (DLG_RECORD (self), "body", body);
}

void
dlg_follow_up_set_published (DlgFollowUp *self,
                             gboolean     published)
{
  dlg_record_set_boolean (DLG_RECORD (self), "published", published);
}


/**
 * dlg_follow_up_save:
 *
 * Validates @follow_up and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction with its journal entry.
 * On success the object holds the saved row.
 */
gboolean
dlg_follow_up_save (DlgStore     *store,
                    DlgFollowUp  *follow_up,
                    GError      **error)
{
  g_return_val_if_fail (DLG_IS_FOLLOW_UP (follow_up), FALSE);

  return dlg_record_save (DLG_RECORD (follow_up), store, error);
}

/**
 * dlg_follow_up_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgFollowUp *
dlg_follow_up_load (DlgStore  *store,
                    gint64     id,
                    GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_FOLLOW_UP, id, error);
}

/**
 * dlg_follow_up_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgFollowUp, newest first
 */
GListModel *
dlg_follow_up_list (DlgStore  *store,
                    gint64     process_id,
                    GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_FOLLOW_UP, process_id, NULL, NULL, error);
}

/**
 * dlg_follow_up_delete:
 *
 * Deletes the object and journals it.
 */
gboolean
dlg_follow_up_delete (DlgStore  *store,
                      gint64     id,
                      GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_FOLLOW_UP, id, error);
}
