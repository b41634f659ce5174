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

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-actor.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgActor
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 process_id;
  char *name;
  char *kind;
  char *role;
  gint influence;
  char *notes;
};

G_DEFINE_FINAL_TYPE (DlgActor, dlg_actor, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_NAME,
  PROP_KIND,
  PROP_ROLE,
  PROP_INFLUENCE,
  PROP_NOTES,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.process_id, t.name, t.kind, t.role, t.influence, t.notes FROM" \
  " actor t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.process_id = ?1"
  " ORDER BY name COLLATE NOCASE, id";
static const char sql_insert[] =
  "INSERT INTO actor (uuid, process_id, name, kind, role, influence, notes) VALUES (?1,"
  " ?2, ?3, ?4, ?5, ?6, ?7)";
static const char sql_update[] =
  "UPDATE actor SET name = ?2, kind = ?3, role = ?4, influence = ?5, notes = ?6 WHERE"
  " id = ?1";
static const char sql_delete[] = "DELETE FROM actor WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_actor_finalize (GObject *object)
{
  DlgActor *self = (DlgActor *)object;

  g_free (self->uuid);
  g_free (self->name);
  g_free (self->kind);
  g_free (self->role);
  g_free (self->notes);

  G_OBJECT_CLASS (dlg_actor_parent_class)->finalize (object);
}

static void
dlg_actor_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DlgActor *self = DLG_ACTOR (object);

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
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_ROLE:
      g_value_set_string (value, self->role);
      break;
    case PROP_INFLUENCE:
      g_value_set_int (value, self->influence);
      break;
    case PROP_NOTES:
      g_value_set_string (value, self->notes);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_actor_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DlgActor *self = DLG_ACTOR (object);

  switch (prop_id)
    {
    case PROP_NAME:
      dlg_actor_set_name (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      dlg_actor_set_kind (self, g_value_get_string (value));
      break;
    case PROP_ROLE:
      dlg_actor_set_role (self, g_value_get_string (value));
      break;
    case PROP_INFLUENCE:
      dlg_actor_set_influence (self, g_value_get_int (value));
      break;
    case PROP_NOTES:
      dlg_actor_set_notes (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_actor_class_init (DlgActorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_actor_finalize;
  object_class->get_property = dlg_actor_get_property;
  object_class->set_property = dlg_actor_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "", rw);
  properties[PROP_ROLE] = g_param_spec_string ("role", NULL, NULL, "", rw);
  properties[PROP_INFLUENCE] =
    g_param_spec_int ("influence", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_NOTES] = g_param_spec_string ("notes", NULL, NULL, "", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_actor_init (DlgActor *self)
{
  self->name = g_strdup ("");
  self->kind = g_strdup ("");
  self->role = g_strdup ("");
  self->notes = g_strdup ("");
}

/**
 * dlg_actor_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgActor *
dlg_actor_new (gint64 process_id)
{
  DlgActor *self = g_object_new (DLG_TYPE_ACTOR, NULL);

  self->process_id = process_id;
  return self;
}

gint64
dlg_actor_get_id (DlgActor *self)
{
  g_return_val_if_fail (DLG_IS_ACTOR (self), 0);

  return self->id;
}

const char *
dlg_actor_get_uuid (DlgActor *self)
{
  g_return_val_if_fail (DLG_IS_ACTOR (self), NULL);

  return self->uuid;
}

gint64
dlg_actor_get_process_id (DlgActor *self)
{
  g_return_val_if_fail (DLG_IS_ACTOR (self), 0);

  return self->process_id;
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
  g_return_if_fail (DLG_IS_ACTOR (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
dlg_actor_set_kind (DlgActor   *self,
                    const char *kind)
{
  g_return_if_fail (DLG_IS_ACTOR (self));

  if (kind == NULL)
    kind = "";
  if (g_strcmp0 (self->kind, kind) == 0)
    return;
  g_free (self->kind);
  self->kind = g_strdup (kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
dlg_actor_set_role (DlgActor   *self,
                    const char *role)
{
  g_return_if_fail (DLG_IS_ACTOR (self));

  if (role == NULL)
    role = "";
  if (g_strcmp0 (self->role, role) == 0)
    return;
  g_free (self->role);
  self->role = g_strdup (role);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ROLE]);
}

void
dlg_actor_set_influence (DlgActor *self,
                         gint      influence)
{
  g_return_if_fail (DLG_IS_ACTOR (self));

  if (self->influence == influence)
    return;
  self->influence = influence;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INFLUENCE]);
}

void
dlg_actor_set_notes (DlgActor   *self,
                     const char *notes)
{
  g_return_if_fail (DLG_IS_ACTOR (self));

  if (notes == NULL)
    notes = "";
  if (g_strcmp0 (self->notes, notes) == 0)
    return;
  g_free (self->notes);
  self->notes = g_strdup (notes);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTES]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgActor     *self,
          sqlite3_stmt *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->name);
  self->name = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->kind);
  self->kind = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->role);
  self->role = g_strdup (dlg_stmt_get_text (stmt, col++));
  self->influence = sqlite3_column_int (stmt, col++);
  g_free (self->notes);
  self->notes = g_strdup (dlg_stmt_get_text (stmt, col++));
}

static DlgActor *
from_row (sqlite3_stmt *stmt)
{
  DlgActor *self = g_object_new (DLG_TYPE_ACTOR, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgActor *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgActor *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This actor does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static gboolean
validate (DlgStore  *store,
          DlgActor  *self,
          gint64     process_id,
          GError   **error)
{
  if (!dlg_check_text (self->name, TRUE, 200, _("name"), _("An actor needs a name."), error))
    return FALSE;
  if (!dlg_check_text (self->kind, FALSE, 200, _("kind"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->role, FALSE, 500, _("role"), NULL, error))
    return FALSE;
  if (self->influence < 0 || self->influence > 5)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The influence is a number from 0 to 5."));
      return FALSE;
    }
  if (!dlg_check_text (self->notes, FALSE, 0, _("notes"), NULL, error))
    return FALSE;
  return TRUE;
}

/* The journal of a save: @before is the stored row, NULL for a creation. */
static gboolean
journal_save (DlgStore  *store,
              gint64     process_id,
              DlgActor  *before,
              DlgActor  *after,
              GError   **error)
{
  g_autofree char *summary = NULL;
  g_autofree char *old_influence = NULL;
  g_autofree char *new_influence = NULL;
  struct { const char *field; const char *old_value; const char *new_value; } changes[4];

  if (before == NULL)
    {
      summary = g_strdup_printf (_("Actor added: “%s”."), after->name);
      return dlg_journal_append_full (store, process_id, "actor.create", "actor", after->uuid,
                                      "diagnostic", "name", NULL, after->name, summary, error);
    }

  old_influence = g_strdup_printf ("%d", before->influence);
  new_influence = g_strdup_printf ("%d", after->influence);
  changes[0].field = "name", changes[0].old_value = before->name;
  changes[0].new_value = after->name;
  changes[1].field = "kind", changes[1].old_value = before->kind;
  changes[1].new_value = after->kind;
  changes[2].field = "role", changes[2].old_value = before->role;
  changes[2].new_value = after->role;
  changes[3].field = "influence", changes[3].old_value = old_influence;
  changes[3].new_value = new_influence;
  summary = g_strdup_printf (_("Actor changed: “%s”."), after->name);
  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    if (g_strcmp0 (changes[i].old_value, changes[i].new_value) != 0
        && !dlg_journal_note_edit (store, process_id, "actor.update", "actor", after->uuid,
                                   "diagnostic", changes[i].field, changes[i].old_value,
                                   changes[i].new_value, summary, error))
      return FALSE;
  return TRUE;
}

/**
 * dlg_actor_save:
 *
 * Validates @actor and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction with its journal: a creation is an entry; a change of
 * name, kind, role or influence is a burst of typing settled into one entry per field
 * (dlg_journal_note_edit()); the notes are the officer's own and are not journaled.
 * On success the object holds the saved row.
 */
gboolean
dlg_actor_save (DlgStore  *store,
                DlgActor  *actor,
                GError   **error)
{
  DlgActor *self = actor;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autoptr(DlgActor) before = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_ACTOR (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_DIAGNOSTIC, error))
    return FALSE;
  if (!validate (store, self, process_id, error))
    return FALSE;

  inserting = self->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!inserting && !(before = dlg_actor_load (store, self->id, error)))
    goto fail;
  if (inserting)
    {
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->process_id);
      dlg_stmt_bind_text (stmt, 3, self->name);
      dlg_stmt_bind_text (stmt, 4, self->kind);
      dlg_stmt_bind_text (stmt, 5, self->role);
      sqlite3_bind_int (stmt, 6, self->influence);
      dlg_stmt_bind_text (stmt, 7, self->notes);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->name);
      dlg_stmt_bind_text (stmt, 3, self->kind);
      dlg_stmt_bind_text (stmt, 4, self->role);
      sqlite3_bind_int (stmt, 5, self->influence);
      dlg_stmt_bind_text (stmt, 6, self->notes);
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
  if (!journal_save (store, process_id, before, self, error))
    goto fail;
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
  dlg_store_emit_changed (store, DLG_TYPE_ACTOR, process_id);
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
 * dlg_actor_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgActor *
dlg_actor_load (DlgStore  *store,
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
 * dlg_actor_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgActor, in display order
 */
GListModel *
dlg_actor_list (DlgStore  *store,
                gint64     process_id,
                GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_ACTOR, (DlgRowFunc) from_row, error);
}

/**
 * dlg_actor_delete:
 *
 * Deletes the object.
 */
gboolean
dlg_actor_delete (DlgStore  *store,
                  gint64     id,
                  GError   **error)
{
  g_autoptr(DlgActor) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *summary = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_actor_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_DIAGNOSTIC, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  summary = g_strdup_printf (_("Actor deleted: “%s”."), self->name);
  if (!dlg_journal_append_full (store, process_id, "actor.delete", "actor", self->uuid,
                                "diagnostic", "name", self->name, NULL, summary, error))
    goto fail;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_ACTOR, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
