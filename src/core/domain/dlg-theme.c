/* dlg-theme.c — a theme of the coding frame (hierarchical)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgTheme is a snapshot of its row: setters change the object only,
 * dlg_theme_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgTheme.
 */

#define G_LOG_DOMAIN "dlg-theme"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-theme.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgTheme
{
  GObject parent_instance;

  gint64 id;
  gint64 process_id;
  gint64 parent_id;
  char *name;
  gint position;
  guint depth;
};

G_DEFINE_FINAL_TYPE (DlgTheme, dlg_theme, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROCESS_ID,
  PROP_PARENT_ID,
  PROP_NAME,
  PROP_POSITION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SQL_SELECT \
  "SELECT t.id, t.process_id, t.parent_id, t.name, t.position FROM theme t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_insert[] =
  "INSERT INTO theme (process_id, parent_id, name, position) VALUES (?1, ?2, ?3, ?4)";
static const char sql_update[] =
  "UPDATE theme SET parent_id = ?2, name = ?3, position = ?4 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM theme WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_theme_finalize (GObject *object)
{
  DlgTheme *self = (DlgTheme *)object;

  g_free (self->name);

  G_OBJECT_CLASS (dlg_theme_parent_class)->finalize (object);
}

static void
dlg_theme_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DlgTheme *self = DLG_THEME (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PROCESS_ID:
      g_value_set_int64 (value, self->process_id);
      break;
    case PROP_PARENT_ID:
      g_value_set_int64 (value, self->parent_id);
      break;
    case PROP_NAME:
      g_value_set_string (value, self->name);
      break;
    case PROP_POSITION:
      g_value_set_int (value, self->position);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_theme_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DlgTheme *self = DLG_THEME (object);

  switch (prop_id)
    {
    case PROP_PARENT_ID:
      dlg_theme_set_parent_id (self, g_value_get_int64 (value));
      break;
    case PROP_NAME:
      dlg_theme_set_name (self, g_value_get_string (value));
      break;
    case PROP_POSITION:
      dlg_theme_set_position (self, g_value_get_int (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_theme_class_init (DlgThemeClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_theme_finalize;
  object_class->get_property = dlg_theme_get_property;
  object_class->set_property = dlg_theme_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_PARENT_ID] = g_param_spec_int64 ("parent-id", NULL, NULL, 0, G_MAXINT64, 0, rw);
  properties[PROP_NAME] = g_param_spec_string ("name", NULL, NULL, "", rw);
  properties[PROP_POSITION] = g_param_spec_int ("position", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_theme_init (DlgTheme *self)
{
  self->name = g_strdup ("");
}

/**
 * dlg_theme_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgTheme *
dlg_theme_new (gint64 process_id)
{
  DlgTheme *self = g_object_new (DLG_TYPE_THEME, NULL);

  self->process_id = process_id;
  return self;
}

gint64
dlg_theme_get_id (DlgTheme *self)
{
  g_return_val_if_fail (DLG_IS_THEME (self), 0);

  return self->id;
}

gint64
dlg_theme_get_process_id (DlgTheme *self)
{
  g_return_val_if_fail (DLG_IS_THEME (self), 0);

  return self->process_id;
}

gint64
dlg_theme_get_parent_id (DlgTheme *self)
{
  g_return_val_if_fail (DLG_IS_THEME (self), 0);

  return self->parent_id;
}

const char *
dlg_theme_get_name (DlgTheme *self)
{
  g_return_val_if_fail (DLG_IS_THEME (self), NULL);

  return self->name;
}

gint
dlg_theme_get_position (DlgTheme *self)
{
  g_return_val_if_fail (DLG_IS_THEME (self), 0);

  return self->position;
}

void
dlg_theme_set_parent_id (DlgTheme *self,
                         gint64    parent_id)
{
  g_return_if_fail (DLG_IS_THEME (self));

  if (parent_id < 0)
    parent_id = 0;
  if (self->parent_id == parent_id)
    return;
  self->parent_id = parent_id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_ID]);
}

void
dlg_theme_set_name (DlgTheme   *self,
                    const char *name)
{
  g_return_if_fail (DLG_IS_THEME (self));

  if (name == NULL)
    name = "";
  if (g_strcmp0 (self->name, name) == 0)
    return;
  g_free (self->name);
  self->name = g_strdup (name);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

void
dlg_theme_set_position (DlgTheme *self,
                        gint      position)
{
  g_return_if_fail (DLG_IS_THEME (self));

  if (self->position == position)
    return;
  self->position = position;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_POSITION]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgTheme     *self,
          sqlite3_stmt *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  self->parent_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->name);
  self->name = g_strdup (dlg_stmt_get_text (stmt, col++));
  self->position = sqlite3_column_int (stmt, col++);
}

static DlgTheme *
from_row (sqlite3_stmt *stmt)
{
  DlgTheme *self = g_object_new (DLG_TYPE_THEME, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgTheme *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgTheme *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This theme does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static const char sql_tree[] =
  "WITH RECURSIVE tree (id, depth, path) AS ("
  "  SELECT id, 0, printf ('%08d.%012d', position, id) FROM theme"
  "  WHERE process_id = ?1 AND parent_id IS NULL"
  "  UNION ALL"
  "  SELECT th.id, tree.depth + 1, tree.path || '/' || printf ('%08d.%012d', th.position, th.id)"
  "  FROM theme th JOIN tree ON th.parent_id = tree.id)"
  " SELECT t.id, t.process_id, t.parent_id, t.name, t.position, tree.depth"
  " FROM tree JOIN theme t ON t.id = tree.id ORDER BY tree.path";
static const char sql_parent_of[] = "SELECT process_id, parent_id FROM theme WHERE id = ?1";

guint
dlg_theme_get_depth (DlgTheme *self)
{
  g_return_val_if_fail (DLG_IS_THEME (self), 0);

  return self->depth;
}

/* The parent must be a theme of the same process, and not the theme itself or one of its
 * descendants. */
static gboolean
validate_extra (DlgStore  *store,
                DlgTheme  *self,
                gint64     process_id,
                GError   **error)
{
  gint64 ancestor = self->parent_id;
  guint guard = 0;

  while (ancestor != 0)
    {
      g_autoptr(DlgStmt) stmt = NULL;
      int rc;

      if (self->id != 0 && ancestor == self->id)
        {
          g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                               _("A theme cannot be placed under itself or one of its "
                                 "sub-themes."));
          return FALSE;
        }
      if (!(stmt = dlg_store_prepare (store, sql_parent_of, error)))
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, ancestor);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_DONE)
        {
          g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                               _("The parent theme does not exist."));
          return FALSE;
        }
      if (rc != SQLITE_ROW)
        return dlg_store_set_error (store, rc, error);
      if (ancestor == self->parent_id && sqlite3_column_int64 (stmt, 0) != process_id)
        {
          g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                               _("The parent theme belongs to another process."));
          return FALSE;
        }
      ancestor = sqlite3_column_int64 (stmt, 1);
      if (++guard > 10000)
        break;
    }
  return TRUE;
}

/**
 * dlg_theme_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgTheme, depth first (each theme followed by
 *   its sub-themes, by position), with dlg_theme_get_depth() set
 */
GListModel *
dlg_theme_list (DlgStore  *store,
                gint64     process_id,
                GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (DLG_TYPE_THEME);
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_tree, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DlgTheme) theme = from_row (stmt);

      theme->depth = sqlite3_column_int (stmt, 5);
      g_list_store_append (list, theme);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

static gboolean
validate (DlgStore  *store,
          DlgTheme  *self,
          gint64     process_id,
          GError   **error)
{
  if (!dlg_check_text (self->name, TRUE, 200, _("name"), _("A theme needs a name."), error))
    return FALSE;
  if (self->position < 0 || self->position > 1000000)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The position cannot be negative."));
      return FALSE;
    }
  if (!validate_extra (store, self, process_id, error))
    return FALSE;
  return TRUE;
}

/**
 * dlg_theme_save:
 *
 * Validates @theme and writes it: INSERT when its id is 0 (its id are filled in),
 * UPDATE otherwise, in one transaction.
 * On success the object holds the saved row.
 */
gboolean
dlg_theme_save (DlgStore  *store,
                DlgTheme  *theme,
                GError   **error)
{
  DlgTheme *self = theme;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_THEME (self), FALSE);

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
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->process_id);
      if (self->parent_id > 0)
        sqlite3_bind_int64 (stmt, 2, self->parent_id);
      dlg_stmt_bind_text (stmt, 3, self->name);
      sqlite3_bind_int (stmt, 4, self->position);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      if (self->parent_id > 0)
        sqlite3_bind_int64 (stmt, 2, self->parent_id);
      dlg_stmt_bind_text (stmt, 3, self->name);
      sqlite3_bind_int (stmt, 4, self->position);
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
  dlg_store_emit_changed (store, DLG_TYPE_THEME, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
fail_committed:
  if (inserting)
    {
      self->id = 0;
    }
  return FALSE;
}

/**
 * dlg_theme_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgTheme *
dlg_theme_load (DlgStore  *store,
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
 * dlg_theme_delete:
 *
 * Deletes the object.
 */
gboolean
dlg_theme_delete (DlgStore  *store,
                  gint64     id,
                  GError   **error)
{
  g_autoptr(DlgTheme) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_theme_load (store, id, error)))
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

  dlg_store_emit_changed (store, DLG_TYPE_THEME, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
