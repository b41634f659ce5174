/* dlg-actor.c — a stakeholder of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgActor is a snapshot of its row: setters change the object only,
 * dlg_actor_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgActor.
 */

#define G_LOG_DOMAIN "dlg-actor"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-actor.h"
#include "dlg-domain-private.h"

struct _DlgActor
{
  DlgRecord parent_instance;

  char *name;
  char *kind;
  char *role;
  gint influence;
  char *notes;
};

G_DEFINE_FINAL_TYPE (DlgActor, dlg_actor, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgActor, member)

/* The notes are the officer's own working notes: not journaled. */
static const DlgField fields[] = {
  { .column = "name", .property = "name", .kind = DLG_FIELD_STRING, .offset = F (name),
    .flags = DLG_FIELD_REQUIRED | DLG_FIELD_JOURNALED, .label = N_("name"), .max_chars = 200,
    .empty = N_("An actor needs a name.") },
  { .column = "kind", .property = "kind", .kind = DLG_FIELD_STRING, .offset = F (kind),
    .flags = DLG_FIELD_JOURNALED, .label = N_("kind"), .max_chars = 200 },
  { .column = "role", .property = "role", .kind = DLG_FIELD_STRING, .offset = F (role),
    .flags = DLG_FIELD_JOURNALED, .label = N_("role"), .max_chars = 500 },
  { .column = "influence", .property = "influence", .kind = DLG_FIELD_INT,
    .offset = F (influence), .flags = DLG_FIELD_JOURNALED, .label = N_("influence"),
    .minimum = 0, .maximum = 5, .invalid = N_("The influence is a number from 0 to 5.") },
  { .column = "notes", .property = "notes", .kind = DLG_FIELD_TEXT, .offset = F (notes),
    .label = N_("notes") },
};

#undef F

static const DlgRecordInfo info = {
  .name = "actor",
  .table = "actor",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.name COLLATE NOCASE, t.id",
  .journal_create = "actor.create",
  .journal_update = "actor.update",
  .journal_delete = "actor.delete",
  .journal_field = "name",
  .not_found = N_("This actor does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_EDITABLE_FIRST,
  .stage = "diagnostic",
};

static char *
dlg_actor_describe (DlgRecord        *record,
                    DlgStore         *store,
                    DlgRecordChange   change)
{
  DlgActor *self = DLG_ACTOR (record);

  switch (change)
    {
    case DLG_RECORD_CREATE:
      return g_strdup_printf (_("Actor added: “%s”."), self->name);
    case DLG_RECORD_UPDATE:
      return g_strdup_printf (_("Actor changed: “%s”."), self->name);
    case DLG_RECORD_DELETE:
      return g_strdup_printf (_("Actor deleted: “%s”."), self->name);
    default:
      g_assert_not_reached ();
    }
}

static void
dlg_actor_class_init (DlgActorClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->describe = dlg_actor_describe;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_actor_init (DlgActor *self)
{
}

/**
 * dlg_actor_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgActor *
dlg_actor_new (gint64 process_id)
{
  return dlg_record_new (DLG_TYPE_ACTOR, process_id);
}

gint64
dlg_actor_get_id (DlgActor *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

const char *
dlg_actor_get_uuid (DlgActor *self)
{
  return dlg_record_get_uuid (DLG_RECORD (self));
}

gint64
dlg_actor_get_process_id (DlgActor *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
}

const char *
dlg_actor_get_name (DlgActor *self)
{
  g_return_val_if_fail (DLG_IS_ACTOR (self), NULL);
  return self->name;
}

const char *
dlg_actor_get_kind (DlgActor *self)
{
  g_return_val_if_fail (DLG_IS_ACTOR (self), NULL);
  return self->kind;
}

const char *
dlg_actor_get_role (DlgActor *self)
{
  g_return_val_if_fail (DLG_IS_ACTOR (self), NULL);
  return self->role;
}

gint
dlg_actor_get_influence (DlgActor *self)
{
  g_return_val_if_fail (DLG_IS_ACTOR (self), 0);
  return self->influence;
}

const char *
dlg_actor_get_notes (DlgActor *self)
{
  g_return_val_if_fail (DLG_IS_ACTOR (self), NULL);
  return self->notes;
}

void
dlg_actor_set_name (DlgActor   *self,
                    const char *name)
{
  dlg_record_set_string (DLG_RECORD (self), "name", name);
}

void
dlg_actor_set_kind (DlgActor   *self,
                    const char *kind)
{
  dlg_record_set_string (DLG_RECORD (self), "kind", kind);
}

void
dlg_actor_set_role (DlgActor   *self,
                    const char *role)
{
  dlg_record_set_string (DLG_RECORD (self), "role", role);
}

void
dlg_actor_set_influence (DlgActor *self,
                         gint      influence)
{
  dlg_record_set_int64 (DLG_RECORD (self), "influence", influence);
}

void
dlg_actor_set_notes (DlgActor   *self,
                     const char *notes)
{
  dlg_record_set_string (DLG_RECORD (self), "notes", notes);
}


/**
 * dlg_actor_save:
 *
 * Validates @actor and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction with its journal: a creation is an entry; a change of
 * name, kind, role or influence is a burst of typing settled into one entry per field
 * (dlg_journal_note_changes()); the notes are the officer's own and are not journaled.
 * On success the object holds the saved row.
 */
gboolean
dlg_actor_save (DlgStore  *store,
                DlgActor  *actor,
                GError   **error)
{
  g_return_val_if_fail (DLG_IS_ACTOR (actor), FALSE);

  return dlg_record_save (DLG_RECORD (actor), store, error);
}

/**
 * dlg_actor_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgActor *
dlg_actor_load (DlgStore  *store,
                gint64     id,
                GError   **error)
{
  return dlg_record_load (store, DLG_TYPE_ACTOR, id, error);
}

/**
 * dlg_actor_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgActor, by name
 */
GListModel *
dlg_actor_list (DlgStore  *store,
                gint64     process_id,
                GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_ACTOR, process_id, NULL, NULL, error);
}

/**
 * dlg_actor_delete:
 *
 * Deletes the object and journals it.
 */
gboolean
dlg_actor_delete (DlgStore  *store,
                  gint64     id,
                  GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_ACTOR, id, error);
}
