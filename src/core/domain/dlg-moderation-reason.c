/* dlg-moderation-reason.c — the standard moderation reasons, which the officer can edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The reasons offered when moderating (one contribution or a thousand) are one list for the
 * workstation, table moderation_reason (migration 14). The standard ones are seeded by the
 * migration with a key and no label, so that they read in the officer's language until the
 * officer rewords them; a reworded or added reason is the officer's text, kept as typed. The
 * list is a working setting, not journaled: the reason given with each decision is.
 */

#define G_LOG_DOMAIN "dlg-moderation-reason"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-moderation-reason.h"

#define LABEL_CHARS 200

G_DEFINE_POINTER_TYPE (DlgModerationReason, dlg_moderation_reason)

static const char sql_list[] =
  "SELECT id, builtin, label FROM moderation_reason ORDER BY position, id";
static const char sql_add[] =
  "INSERT INTO moderation_reason (label, position)"
  " VALUES (?1, (SELECT coalesce (max (position), 0) + 1 FROM moderation_reason))";
static const char sql_rename[] = "UPDATE moderation_reason SET label = ?2 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM moderation_reason WHERE id = ?1";

/* The standard reasons: what rules of the game usually name. */
static const struct { const char *key; const char *label; } builtins[] = {
  { "off_topic", NC_("moderation reason", "Off topic: not about the question put to citizens") },
  { "insulting", NC_("moderation reason", "Insulting, defamatory or discriminatory remarks") },
  { "personal_data", NC_("moderation reason", "Personal data about someone (name, address, phone)") },
  { "advertising", NC_("moderation reason", "Advertising or spam") },
  { "duplicate", NC_("moderation reason", "Duplicate of another contribution") },
  { "illegal", NC_("moderation reason", "Unlawful content") },
};

static const char *
builtin_label (const char *key)
{
  for (guint i = 0; key != NULL && i < G_N_ELEMENTS (builtins); i++)
    if (g_str_equal (builtins[i].key, key))
      return g_dpgettext2 (GETTEXT_PACKAGE, "moderation reason", builtins[i].label);
  return NULL;
}

void
dlg_moderation_reason_free (DlgModerationReason *reason)
{
  if (reason == NULL)
    return;
  g_free (reason->label);
  g_free (reason);
}

/* A label as stored: trimmed, one line, not empty, not too long, not already in the list. */
static char *
check_label (DlgStore    *store,
             gint64       id,
             const char  *label,
             GError     **error)
{
  g_autofree char *stripped = NULL;
  g_autoptr(GPtrArray) reasons = NULL;

  if (!dlg_check_text (label, TRUE, LABEL_CHARS, _("reason"),
                       _("A moderation reason cannot be empty."), error))
    return NULL;
  stripped = g_strstrip (g_strdup (label));
  for (char *p = stripped; *p != '\0'; p++)
    if ((guchar) *p < 0x20)
      *p = ' ';
  if (*stripped == '\0')
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A moderation reason cannot be empty."));
      return NULL;
    }
  if (!(reasons = dlg_moderation_reason_list (store, error)))
    return NULL;
  for (guint i = 0; i < reasons->len; i++)
    {
      DlgModerationReason *other = g_ptr_array_index (reasons, i);

      if (other->id != id && g_utf8_collate (other->label, stripped) == 0)
        {
          g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                               _("This moderation reason is already in the list."));
          return NULL;
        }
    }
  return g_steal_pointer (&stripped);
}

static gboolean
write_label (DlgStore    *store,
             const char  *sql,
             gint64       id,
             const char  *label,
             GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  if (id != 0)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      if (label != NULL)
        dlg_stmt_bind_text (stmt, 2, label);
    }
  else
    dlg_stmt_bind_text (stmt, 1, label);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  if (id != 0 && sqlite3_changes (dlg_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("This moderation reason no longer exists."));
      return FALSE;
    }
  dlg_store_emit_changed (store, DLG_TYPE_MODERATION_REASON, 0);
  return TRUE;
}

/**
 * dlg_moderation_reason_list:
 *
 * Returns: (transfer full) (element-type DlgModerationReason): the reasons in their order, or
 *   %NULL with @error set
 */
GPtrArray *
dlg_moderation_reason_list (DlgStore  *store,
                            GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(GPtrArray) reasons = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  reasons = g_ptr_array_new_with_free_func ((GDestroyNotify) dlg_moderation_reason_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlgModerationReason *reason = g_new0 (DlgModerationReason, 1);
      const char *label = (const char *) sqlite3_column_text (stmt, 2);

      reason->id = sqlite3_column_int64 (stmt, 0);
      if (label == NULL)
        label = builtin_label ((const char *) sqlite3_column_text (stmt, 1));
      reason->label = g_strdup (label != NULL ? label : "");
      g_ptr_array_add (reasons, reason);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&reasons);
}

/**
 * dlg_moderation_reason_add:
 * @label: the reason as the officer wrote it (plain text, one line)
 *
 * Returns: the new reason's id, or 0 with @error set (empty, too long, already listed)
 */
gint64
dlg_moderation_reason_add (DlgStore    *store,
                           const char  *label,
                           GError     **error)
{
  g_autofree char *checked = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), 0);

  if (!(checked = check_label (store, 0, label, error))
      || !write_label (store, sql_add, 0, checked, error))
    return 0;
  return sqlite3_last_insert_rowid (dlg_store_get_db (store));
}

/**
 * dlg_moderation_reason_rename:
 *
 * Rewords a reason, a standard one included (it then stays as written, in any language).
 */
gboolean
dlg_moderation_reason_rename (DlgStore    *store,
                              gint64       id,
                              const char  *label,
                              GError     **error)
{
  g_autofree char *checked = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return (checked = check_label (store, id, label, error)) != NULL
         && write_label (store, sql_rename, id, checked, error);
}

/**
 * dlg_moderation_reason_delete:
 *
 * Takes a reason off the list; the decisions that gave it keep their text.
 */
gboolean
dlg_moderation_reason_delete (DlgStore  *store,
                              gint64     id,
                              GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return write_label (store, sql_delete, id, NULL, error);
}
