/* dlg-quota.c — a diversity quota of the panel (min/max for a value of a category)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgQuota is a snapshot of its row (DlgRecord does the mechanics from the field table):
 * setters change the object only, dlg_quota_save() writes it in one transaction, then emits
 * DlgStore::changed::DlgQuota. Quotas are working settings: not journaled (the draw that uses
 * them is, with its inputs).
 */

#define G_LOG_DOMAIN "dlg-quota"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-profile.h"
#include "dlg-quota.h"

struct _DlgQuota
{
  DlgRecord parent_instance;

  char *category;
  char *value;
  gint min;
  gint max;
  gint min_flex;
  gint max_flex;
  gdouble target_share;
};

G_DEFINE_FINAL_TYPE (DlgQuota, dlg_quota, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgQuota, member)

/* No flexible bound is -1, no target share NAN: NULL in the row. */
static const DlgField fields[] = {
  { .column = "category", .property = "category", .kind = DLG_FIELD_STRING,
    .offset = F (category), .flags = DLG_FIELD_REQUIRED, .label = N_("category"),
    .max_chars = 200, .empty = N_("A quota needs a category.") },
  { .column = "value", .property = "value", .kind = DLG_FIELD_STRING, .offset = F (value),
    .flags = DLG_FIELD_REQUIRED, .label = N_("value"), .max_chars = 200,
    .empty = N_("A quota needs a value.") },
  { .column = "min", .property = "min", .kind = DLG_FIELD_INT, .offset = F (min),
    .label = N_("minimum"), .minimum = 0, .maximum = 100000,
    .invalid = N_("The minimum must be a number between 0 and 100000.") },
  { .column = "max", .property = "max", .kind = DLG_FIELD_INT, .offset = F (max),
    .label = N_("maximum"), .minimum = 0, .maximum = 100000,
    .invalid = N_("The maximum must be a number between 0 and 100000.") },
  { .column = "min_flex", .property = "min-flex", .kind = DLG_FIELD_INT, .offset = F (min_flex),
    .flags = DLG_FIELD_NULLABLE, .label = N_("flexible minimum"), .default_number = -1,
    .minimum = -1, .maximum = G_MAXINT,
    .invalid = N_("The flexible minimum cannot be negative.") },
  { .column = "max_flex", .property = "max-flex", .kind = DLG_FIELD_INT, .offset = F (max_flex),
    .flags = DLG_FIELD_NULLABLE, .label = N_("flexible maximum"), .default_number = -1,
    .minimum = -1, .maximum = G_MAXINT,
    .invalid = N_("The flexible maximum cannot be negative.") },
  { .column = "target_share", .property = "target-share", .kind = DLG_FIELD_DOUBLE,
    .offset = F (target_share), .flags = DLG_FIELD_NULLABLE, .label = N_("target share"),
    .default_number = NAN, .minimum = 0, .maximum = 1,
    .invalid = N_("The target share is a fraction between 0 and 1.") },
};

#undef F

static const DlgRecordInfo info = {
  .name = "quota",
  .table = "quota",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .list_join =
    "LEFT JOIN profile_category pc ON pc.process_id = t.process_id AND pc.category = t.category"
    " LEFT JOIN profile_value pv ON pv.process_id = t.process_id AND pv.category = t.category"
    "   AND pv.value = t.value",
  .order_by = "pc.rank, pv.rank, t.category COLLATE NOCASE, t.value COLLATE NOCASE, t.id",
  .not_found = N_("This quota does not exist (it may have been deleted)."),
  .flags = DLG_RECORD_NO_UUID | DLG_RECORD_EDITABLE_FIRST,
  .stage = "recruitment",
};

static const char sql_duplicate[] =
  "SELECT count(*) FROM quota WHERE process_id = ?1 AND category = ?2 AND value = ?3"
  " AND id != ?4";

/* The category and value are the profile's, the bounds are in order, and the quota is the
 * only one on its value. */
static gboolean
dlg_quota_validate (DlgRecord  *record,
                    DlgStore   *store,
                    gint64      process_id,
                    GError    **error)
{
  DlgQuota *self = DLG_QUOTA (record);
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
  sqlite3_bind_int64 (stmt, 4, dlg_record_get_id (record));
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

static void
dlg_quota_class_init (DlgQuotaClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->validate = dlg_quota_validate;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_quota_init (DlgQuota *self)
{
}

/**
 * dlg_quota_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgQuota *
dlg_quota_new (gint64 process_id)
{
  return dlg_record_new (DLG_TYPE_QUOTA, process_id);
}

gint64
dlg_quota_get_id (DlgQuota *self)
{
  return dlg_record_get_id (DLG_RECORD (self));
}

gint64
dlg_quota_get_process_id (DlgQuota *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
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
  g_return_val_if_fail (DLG_IS_QUOTA (self), 0);
  return self->target_share;
}

void
dlg_quota_set_category (DlgQuota   *self,
                        const char *category)
{
  dlg_record_set_string (DLG_RECORD (self), "category", category);
}

void
dlg_quota_set_value (DlgQuota   *self,
                     const char *value)
{
  dlg_record_set_string (DLG_RECORD (self), "value", value);
}

void
dlg_quota_set_min (DlgQuota *self,
                   gint      min)
{
  dlg_record_set_int64 (DLG_RECORD (self), "min", min);
}

void
dlg_quota_set_max (DlgQuota *self,
                   gint      max)
{
  dlg_record_set_int64 (DLG_RECORD (self), "max", max);
}

void
dlg_quota_set_target_share (DlgQuota *self,
                            gdouble   target_share)
{
  dlg_record_set_double (DLG_RECORD (self), "target-share", target_share);
}


/* A negative flexible bound is none (-1). */
void
dlg_quota_set_min_flex (DlgQuota *self,
                        gint      min_flex)
{
  dlg_record_set_int64 (DLG_RECORD (self), "min-flex", MAX (min_flex, -1));
}

void
dlg_quota_set_max_flex (DlgQuota *self,
                        gint      max_flex)
{
  dlg_record_set_int64 (DLG_RECORD (self), "max-flex", MAX (max_flex, -1));
}

/**
 * dlg_quota_save:
 *
 * Validates @quota and writes it: INSERT when its id is 0 (its id is filled in), UPDATE
 * otherwise, in one transaction. On success the object holds the saved row.
 */
gboolean
dlg_quota_save (DlgStore  *store,
                DlgQuota  *quota,
                GError   **error)
{
  g_return_val_if_fail (DLG_IS_QUOTA (quota), FALSE);

  return dlg_record_save (DLG_RECORD (quota), store, error);
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
  return dlg_record_load (store, DLG_TYPE_QUOTA, id, error);
}

/**
 * dlg_quota_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgQuota, in the order of the profile
 */
GListModel *
dlg_quota_list (DlgStore  *store,
                gint64     process_id,
                GError   **error)
{
  return dlg_record_list (store, DLG_TYPE_QUOTA, process_id, NULL, NULL, error);
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
  return dlg_record_delete (store, DLG_TYPE_QUOTA, id, error);
}
