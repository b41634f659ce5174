/* dlg-quota.c — a quota of the panel draw
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgQuota is a snapshot of its row: setters change the object only,
 * dlg_quota_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgQuota.
 */

#define G_LOG_DOMAIN "dlg-quota"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-profile.h"
#include "dlg-quota.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgQuota
{
  GObject parent_instance;

  gint64 id;
  gint64 process_id;
  char *category;
  char *value;
  gint min;
  gint max;
  gint min_flex;
  gint max_flex;
  gdouble target_share;
};

G_DEFINE_FINAL_TYPE (DlgQuota, dlg_quota, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_PROCESS_ID,
  PROP_CATEGORY,
  PROP_VALUE,
  PROP_MIN,
  PROP_MAX,
  PROP_MIN_FLEX,
  PROP_MAX_FLEX,
  PROP_TARGET_SHARE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

#define SQL_SELECT \
  "SELECT t.id, t.process_id, t.category, t.value, t.min, t.max, t.min_flex," \
  " t.max_flex, t.target_share FROM quota t"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT
  " LEFT JOIN profile_category pc ON pc.process_id = t.process_id AND pc.category = t.category"
  " LEFT JOIN profile_value pv ON pv.process_id = t.process_id AND pv.category = t.category"
  "   AND pv.value = t.value"
  " WHERE t.process_id = ?1"
  " ORDER BY pc.rank, pv.rank, t.category COLLATE NOCASE, t.value COLLATE NOCASE, t.id";
static const char sql_insert[] =
  "INSERT INTO quota (process_id, category, value, min, max, min_flex, max_flex,"
  " target_share) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
static const char sql_update[] =
  "UPDATE quota SET category = ?2, value = ?3, min = ?4, max = ?5, min_flex = ?6,"
  " max_flex = ?7, target_share = ?8 WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM quota WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_quota_finalize (GObject *object)
{
  DlgQuota *self = (DlgQuota *)object;

  g_free (self->category);
  g_free (self->value);

  G_OBJECT_CLASS (dlg_quota_parent_class)->finalize (object);
}

static void
dlg_quota_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  DlgQuota *self = DLG_QUOTA (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, self->id);
      break;
    case PROP_PROCESS_ID:
      g_value_set_int64 (value, self->process_id);
      break;
    case PROP_CATEGORY:
      g_value_set_string (value, self->category);
      break;
    case PROP_VALUE:
      g_value_set_string (value, self->value);
      break;
    case PROP_MIN:
      g_value_set_int (value, self->min);
      break;
    case PROP_MAX:
      g_value_set_int (value, self->max);
      break;
    case PROP_MIN_FLEX:
      g_value_set_int (value, self->min_flex);
      break;
    case PROP_MAX_FLEX:
      g_value_set_int (value, self->max_flex);
      break;
    case PROP_TARGET_SHARE:
      g_value_set_double (value, self->target_share);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_quota_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  DlgQuota *self = DLG_QUOTA (object);

  switch (prop_id)
    {
    case PROP_CATEGORY:
      dlg_quota_set_category (self, g_value_get_string (value));
      break;
    case PROP_VALUE:
      dlg_quota_set_value (self, g_value_get_string (value));
      break;
    case PROP_MIN:
      dlg_quota_set_min (self, g_value_get_int (value));
      break;
    case PROP_MAX:
      dlg_quota_set_max (self, g_value_get_int (value));
      break;
    case PROP_MIN_FLEX:
      dlg_quota_set_min_flex (self, g_value_get_int (value));
      break;
    case PROP_MAX_FLEX:
      dlg_quota_set_max_flex (self, g_value_get_int (value));
      break;
    case PROP_TARGET_SHARE:
      dlg_quota_set_target_share (self, g_value_get_double (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_quota_class_init (DlgQuotaClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_quota_finalize;
  object_class->get_property = dlg_quota_get_property;
  object_class->set_property = dlg_quota_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_CATEGORY] = g_param_spec_string ("category", NULL, NULL, "", rw);
  properties[PROP_VALUE] = g_param_spec_string ("value", NULL, NULL, "", rw);
  properties[PROP_MIN] = g_param_spec_int ("min", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_MAX] = g_param_spec_int ("max", NULL, NULL, G_MININT, G_MAXINT, 0, rw);
  properties[PROP_MIN_FLEX] = g_param_spec_int ("min-flex", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_MAX_FLEX] = g_param_spec_int ("max-flex", NULL, NULL, -1, G_MAXINT, -1, rw);
  properties[PROP_TARGET_SHARE] =
    g_param_spec_double ("target-share", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_quota_init (DlgQuota *self)
{
  self->category = g_strdup ("");
  self->value = g_strdup ("");
  self->min_flex = -1;
  self->max_flex = -1;
  self->target_share = NAN;
}

/**
 * dlg_quota_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgQuota *
dlg_quota_new (gint64 process_id)
{
  DlgQuota *self = g_object_new (DLG_TYPE_QUOTA, NULL);

  self->process_id = process_id;
  return self;
}

gint64
dlg_quota_get_id (DlgQuota *self)
{
  g_return_val_if_fail (DLG_IS_QUOTA (self), 0);

  return self->id;
}

gint64
dlg_quota_get_process_id (DlgQuota *self)
{
  g_return_val_if_fail (DLG_IS_QUOTA (self), 0);

  return self->process_id;
}

const char *
dlg_quota_get_category (DlgQuota *self)
{
  g_return_val_if_fail (DLG_IS_QUOTA (self), NULL);

  return self->category;
}

const char *
dlg_quota_get_value (DlgQuota *self)
{
  g_return_val_if_fail (DLG_IS_QUOTA (self), NULL);

  return self->value;
}

gint
dlg_quota_get_min (DlgQuota *self)
{
  g_return_val_if_fail (DLG_IS_QUOTA (self), 0);

  return self->min;
}

gint
dlg_quota_get_max (DlgQuota *self)
{
  g_return_val_if_fail (DLG_IS_QUOTA (self), 0);

  return self->max;
}

gint
dlg_quota_get_min_flex (DlgQuota *self)
{
  g_return_val_if_fail (DLG_IS_QUOTA (self), 0);

  return self->min_flex;
}

gint
dlg_quota_get_max_flex (DlgQuota *self)
{
  g_return_val_if_fail (DLG_IS_QUOTA (self), 0);

  return self->max_flex;
}

gdouble
dlg_quota_get_target_share (DlgQuota *self)
{
  g_return_val_if_fail (DLG_IS_QUOTA (self), NAN);

  return self->target_share;
}

void
dlg_quota_set_category (DlgQuota   *self,
                        const char *category)
{
  g_return_if_fail (DLG_IS_QUOTA (self));

  if (category == NULL)
    category = "";
  if (g_strcmp0 (self->category, category) == 0)
    return;
  g_free (self->category);
  self->category = g_strdup (category);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CATEGORY]);
}

void
dlg_quota_set_value (DlgQuota   *self,
                     const char *value)
{
  g_return_if_fail (DLG_IS_QUOTA (self));

  if (value == NULL)
    value = "";
  if (g_strcmp0 (self->value, value) == 0)
    return;
  g_free (self->value);
  self->value = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VALUE]);
}

void
dlg_quota_set_min (DlgQuota *self,
                   gint      min)
{
  g_return_if_fail (DLG_IS_QUOTA (self));

  if (self->min == min)
    return;
  self->min = min;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN]);
}

void
dlg_quota_set_max (DlgQuota *self,
                   gint      max)
{
  g_return_if_fail (DLG_IS_QUOTA (self));

  if (self->max == max)
    return;
  self->max = max;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX]);
}

void
dlg_quota_set_min_flex (DlgQuota *self,
                        gint      min_flex)
{
  g_return_if_fail (DLG_IS_QUOTA (self));

  if (min_flex < 0)
    min_flex = -1;
  if (self->min_flex == min_flex)
    return;
  self->min_flex = min_flex;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MIN_FLEX]);
}

void
dlg_quota_set_max_flex (DlgQuota *self,
                        gint      max_flex)
{
  g_return_if_fail (DLG_IS_QUOTA (self));

  if (max_flex < 0)
    max_flex = -1;
  if (self->max_flex == max_flex)
    return;
  self->max_flex = max_flex;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MAX_FLEX]);
}

void
dlg_quota_set_target_share (DlgQuota *self,
                            gdouble   target_share)
{
  g_return_if_fail (DLG_IS_QUOTA (self));

  if (self->target_share == target_share || (isnan (self->target_share) && isnan (target_share)))
    return;
  self->target_share = target_share;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TARGET_SHARE]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgQuota     *self,
          sqlite3_stmt *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->category);
  self->category = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->value);
  self->value = g_strdup (dlg_stmt_get_text (stmt, col++));
  self->min = sqlite3_column_int (stmt, col++);
  self->max = sqlite3_column_int (stmt, col++);
  self->min_flex = sqlite3_column_type (stmt, col) == SQLITE_NULL
    ? -1 : sqlite3_column_int (stmt, col);
  col++;
  self->max_flex = sqlite3_column_type (stmt, col) == SQLITE_NULL
    ? -1 : sqlite3_column_int (stmt, col);
  col++;
  self->target_share = sqlite3_column_type (stmt, col) == SQLITE_NULL
    ? NAN : sqlite3_column_double (stmt, col);
  col++;
}

static DlgQuota *
from_row (sqlite3_stmt *stmt)
{
  DlgQuota *self = g_object_new (DLG_TYPE_QUOTA, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgQuota *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgQuota *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This quota does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static const char sql_duplicate[] =
  "SELECT count(*) FROM quota WHERE process_id = ?1 AND category = ?2 AND value = ?3"
  " AND id != ?4";

static gboolean
validate_extra (DlgStore  *store,
                DlgQuota  *self,
                gint64     process_id,
                GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgProfile) profile = NULL;
  g_autofree char *what = NULL;
  int rc;

  if (!(profile = dlg_profile_load (store, process_id, error)))
    return FALSE;
  what = dlg_profile_describe (profile, self->category, self->value);
  if (dlg_profile_find_category (profile, self->category) == NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("“%s” is not a category of the profile of this process."), self->category);
      return FALSE;
    }
  if (dlg_profile_get_value_label (profile, self->category, self->value) == NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("The quota “%s” is not one of the values of the profile: choose one of "
                     "them."), what);
      return FALSE;
    }
  if (self->min > self->max)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The minimum of a quota cannot be above its maximum."));
      return FALSE;
    }
  if ((self->min_flex >= 0 && self->min_flex > self->min)
      || (self->max_flex >= 0 && self->max_flex < self->max))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The flexible bounds must widen the quota: a flexible minimum at "
                             "most the minimum, a flexible maximum at least the maximum."));
      return FALSE;
    }
  if (!(stmt = dlg_store_prepare (store, sql_duplicate, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, self->category);
  dlg_stmt_bind_text (stmt, 3, self->value);
  sqlite3_bind_int64 (stmt, 4, self->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);
  if (sqlite3_column_int64 (stmt, 0) > 0)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("There is already a quota for “%s”."), what);
      return FALSE;
    }
  return TRUE;
}

static gboolean
validate (DlgStore  *store,
          DlgQuota  *self,
          gint64     process_id,
          GError   **error)
{
  if (!dlg_check_text (self->category, TRUE, 200, _("category"), _("A quota needs a category."),
                       error))
    return FALSE;
  if (!dlg_check_text (self->value, TRUE, 200, _("value"), _("A quota needs a value."), error))
    return FALSE;
  if (self->min < 0 || self->min > 100000)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The minimum must be a number between 0 and 100000."));
      return FALSE;
    }
  if (self->max < 0 || self->max > 100000)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The maximum must be a number between 0 and 100000."));
      return FALSE;
    }
  if (self->min_flex != -1 && self->min_flex < 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The flexible minimum cannot be negative."));
      return FALSE;
    }
  if (self->max_flex != -1 && self->max_flex < 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The flexible maximum cannot be negative."));
      return FALSE;
    }
  if (!isnan (self->target_share) && !(self->target_share >= 0.0 && self->target_share <= 1.0))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The target share is a fraction between 0 and 1."));
      return FALSE;
    }
  if (!validate_extra (store, self, process_id, error))
    return FALSE;
  return TRUE;
}

/**
 * dlg_quota_save:
 *
 * Validates @quota and writes it: INSERT when its id is 0 (its id are filled in),
 * UPDATE otherwise, in one transaction.
 * On success the object holds the saved row.
 */
gboolean
dlg_quota_save (DlgStore  *store,
                DlgQuota  *quota,
                GError   **error)
{
  DlgQuota *self = quota;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_QUOTA (self), FALSE);

  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RECRUITMENT, error))
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
      dlg_stmt_bind_text (stmt, 2, self->category);
      dlg_stmt_bind_text (stmt, 3, self->value);
      sqlite3_bind_int (stmt, 4, self->min);
      sqlite3_bind_int (stmt, 5, self->max);
      if (self->min_flex >= 0)
        sqlite3_bind_int (stmt, 6, self->min_flex);
      if (self->max_flex >= 0)
        sqlite3_bind_int (stmt, 7, self->max_flex);
      if (!isnan (self->target_share))
        sqlite3_bind_double (stmt, 8, self->target_share);
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->category);
      dlg_stmt_bind_text (stmt, 3, self->value);
      sqlite3_bind_int (stmt, 4, self->min);
      sqlite3_bind_int (stmt, 5, self->max);
      if (self->min_flex >= 0)
        sqlite3_bind_int (stmt, 6, self->min_flex);
      if (self->max_flex >= 0)
        sqlite3_bind_int (stmt, 7, self->max_flex);
      if (!isnan (self->target_share))
        sqlite3_bind_double (stmt, 8, self->target_share);
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
  dlg_store_emit_changed (store, DLG_TYPE_QUOTA, process_id);
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
 * dlg_quota_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgQuota *
dlg_quota_load (DlgStore  *store,
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
 * dlg_quota_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgQuota, in display order
 */
GListModel *
dlg_quota_list (DlgStore  *store,
                gint64     process_id,
                GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_QUOTA, (DlgRowFunc) from_row, error);
}

/**
 * dlg_quota_delete:
 *
 * Deletes the object.
 */
gboolean
dlg_quota_delete (DlgStore  *store,
                  gint64     id,
                  GError   **error)
{
  g_autoptr(DlgQuota) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_quota_load (store, id, error)))
    return FALSE;
  process_id = dlg_lookup_process (store, sql_parent, self->process_id,
                                   _("The process does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RECRUITMENT, error))
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

  dlg_store_emit_changed (store, DLG_TYPE_QUOTA, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
