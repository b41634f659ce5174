/* dlg-theme.c — a theme of the coding frame (hierarchical)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgTheme is a snapshot of its row (DlgRecord does the mechanics from the field table):
 * setters change the object only, dlg_theme_save() writes it in one transaction, then emits
 * DlgStore::changed::DlgTheme. Themes are the officer's analysis: not journaled.
 */

#define G_LOG_DOMAIN "dlg-theme"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-record-private.h"
#include "dlg-theme.h"

struct _DlgTheme
{
  DlgRecord parent_instance;

  gint64 parent_id;
  char *name;
  gint position;
  char *colour;
  char *description;
  guint depth;
};

G_DEFINE_FINAL_TYPE (DlgTheme, dlg_theme, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgTheme, member)

static const DlgField fields[] = {
  { .column = "parent_id", .property = "parent-id", .kind = DLG_FIELD_INT64,
    .offset = F (parent_id), .label = N_("parent theme"), .reference = dlg_theme_get_type },
  { .column = "name", .property = "name", .kind = DLG_FIELD_STRING, .offset = F (name),
    .flags = DLG_FIELD_REQUIRED, .label = N_("name"), .max_chars = 200,
    .empty = N_("A theme needs a name.") },
  { .column = "position", .property = "position", .kind = DLG_FIELD_INT, .offset = F (position),
    .label = N_("position"), .minimum = 0, .maximum = 1000000,
    .invalid = N_("The position cannot be negative.") },
  { .column = "colour", .property = "colour", .kind = DLG_FIELD_STRING, .offset = F (colour),
    .label = N_("colour"), .max_chars = 7 },
  { .column = "description", .property = "description", .kind = DLG_FIELD_TEXT,
    .offset = F (description), .label = N_("description"), .max_chars = 2000 },
};

#undef F

static const DlgRecordInfo info = {
  .name = "theme",
  .table = "theme",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.position, t.id",
  .not_found = N_("This theme does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_NO_UUID | DLG_RECORD_EDITABLE_FIRST,
};

/* The columns of the type's SELECT (dlg_record_new_from_stmt), then the depth. */
static const char sql_tree[] =
  "WITH RECURSIVE tree (id, depth, path) AS ("
  "  SELECT id, 0, printf ('%08d.%012d', position, id) FROM theme"
  "  WHERE process_id = ?1 AND parent_id IS NULL"
  "  UNION ALL"
  "  SELECT th.id, tree.depth + 1, tree.path || '/' || printf ('%08d.%012d', th.position, th.id)"
  "  FROM theme th JOIN tree ON th.parent_id = tree.id)"
  " SELECT t.id, NULL, t.process_id, t.parent_id, t.name, t.position, t.colour,"
  "  t.description, tree.depth"
  " FROM tree JOIN theme t ON t.id = tree.id ORDER BY tree.path";
static const char sql_parent_of[] = "SELECT process_id, parent_id FROM theme WHERE id = ?1";

/* The parent belongs to the same process, and is not the theme or one of its sub-themes. */
static gboolean
dlg_theme_validate (DlgRecord  *record,
                    DlgStore   *store,
                    gint64      process_id,
                    GError    **error)
{
  DlgTheme *self = DLG_THEME (record);
  gint64 id = dlg_record_get_id (record);
  gint64 ancestor = self->parent_id;
  guint guard = 0;

  if (!dlg_theme_colour_is_valid (self->colour))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A theme’s colour is written #rrggbb (for example #3584e4)."));
      return FALSE;
    }

  while (ancestor != 0)
    {
      g_autoptr(DlgStmt) stmt = NULL;
      int rc;

      if (id != 0 && ancestor == id)
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

static void
dlg_theme_class_init (DlgThemeClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->validate = dlg_theme_validate;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_theme_init (DlgTheme *self)
{
}

/**
 * dlg_theme_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgTheme *
dlg_theme_new (gint64 process_id)
{
  return dlg_record_new (DLG_TYPE_THEME, process_id);
}

gint64
dlg_theme_get_id (DlgTheme *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

gint64
dlg_theme_get_process_id (DlgTheme *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
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
  dlg_record_set_int64 (DLG_RECORD (self), "parent-id", parent_id);
}

void
dlg_theme_set_name (DlgTheme   *self,
                    const char *name)
{
  dlg_record_set_string (DLG_RECORD (self), "name", name);
}

void
dlg_theme_set_position (DlgTheme *self,
                        gint      position)
{
  dlg_record_set_int64 (DLG_RECORD (self), "position", position);
}

const char *
dlg_theme_get_colour (DlgTheme *self)
{
  g_return_val_if_fail (DLG_IS_THEME (self), NULL);
  return self->colour != NULL ? self->colour : "";
}

const char *
dlg_theme_get_description (DlgTheme *self)
{
  g_return_val_if_fail (DLG_IS_THEME (self), NULL);
  return self->description != NULL ? self->description : "";
}

void
dlg_theme_set_colour (DlgTheme   *self,
                      const char *colour)
{
  dlg_record_set_string (DLG_RECORD (self), "colour", colour);
}

void
dlg_theme_set_description (DlgTheme   *self,
                           const char *description)
{
  dlg_record_set_string (DLG_RECORD (self), "description", description);
}

/**
 * dlg_theme_colour_is_valid:
 * @colour: (nullable): what the officer gave
 *
 * Whether @colour is empty (no colour) or `#rrggbb`.
 */
gboolean
dlg_theme_colour_is_valid (const char *colour)
{
  if (colour == NULL || *colour == '\0')
    return TRUE;
  if (strlen (colour) != 7 || colour[0] != '#')
    return FALSE;
  for (guint i = 1; i < 7; i++)
    if (!g_ascii_isxdigit (colour[i]))
      return FALSE;
  return TRUE;
}

guint
dlg_theme_get_depth (DlgTheme *self)
{
  g_return_val_if_fail (DLG_IS_THEME (self), 0);
  return self->depth;
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
      g_autoptr(DlgTheme) theme = dlg_record_new_from_stmt (DLG_TYPE_THEME, stmt);

      theme->depth = sqlite3_column_int (stmt, 3 + info.n_fields);
      g_list_store_append (list, theme);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * dlg_theme_save:
 *
 * Validates @theme and writes it: INSERT when its id is 0 (its id is filled in), UPDATE
 * otherwise, in one transaction. On success the object holds the saved row.
 */
gboolean
dlg_theme_save (DlgStore  *store,
                DlgTheme  *theme,
                GError   **error)
{
  g_return_val_if_fail (DLG_IS_THEME (theme), FALSE);

  return dlg_record_save (DLG_RECORD (theme), store, error);
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
  return dlg_record_load (store, DLG_TYPE_THEME, id, error);
}

/**
 * dlg_theme_delete:
 *
 * Deletes the object (and its sub-themes) at once, with no Undo: the window and the command
 * line delete through dlg_coding_delete_theme(), which can be undone.
 */
gboolean
dlg_theme_delete (DlgStore  *store,
                  gint64     id,
                  GError   **error)
{
  return dlg_record_delete (store, DLG_TYPE_THEME, id, error);
}

/**
 * dlg_theme_list_find:
 * @themes: (nullable) (element-type DlgTheme): a frame (dlg_theme_list())
 *
 * Returns: (transfer none) (nullable): the theme of @themes with this id (@themes keeps it)
 */
DlgTheme *
dlg_theme_list_find (GListModel *themes,
                     gint64      id)
{
  for (guint i = 0; themes != NULL && i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (themes, i);

      if (dlg_theme_get_id (theme) == id)
        return theme;   /* the model keeps its reference */
    }
  return NULL;
}
