/* dlg-contribution.c — what a participant said, with the officer’s annotations
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgContribution is a snapshot of its row: setters change the object only,
 * dlg_contribution_save() writes it (INSERT when its id is 0, UPDATE otherwise) in one
 * transaction, then emits DlgStore::changed::DlgContribution.
 */

#define G_LOG_DOMAIN "dlg-contribution"

#include "config.h"

#include <math.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-ingest.h"
#include "dlg-json.h"
#include "dlg-journal.h"
#include "dlg-contribution.h"
#include "dlg-theme.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgContribution
{
  GObject parent_instance;

  gint64 id;
  char *uuid;
  gint64 process_id;
  char *feature;
  char *kind;
  char *channel;
  char *parent_uuid;
  char *author_ref;
  char *title;
  char *body;
  gdouble lat;
  gdouble lon;
  char *data_json;
  char *created_at;
  char *moderation;
  char *moderation_reason;
  gint64 supports;
  gint64 remote_rev;
  char *sync_state;
  gboolean highlighted;
  char *note;
  char *site_missing_at;
};

G_DEFINE_FINAL_TYPE (DlgContribution, dlg_contribution, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  PROP_FEATURE,
  PROP_KIND,
  PROP_CHANNEL,
  PROP_PARENT_UUID,
  PROP_AUTHOR_REF,
  PROP_TITLE,
  PROP_BODY,
  PROP_LAT,
  PROP_LON,
  PROP_DATA_JSON,
  PROP_CREATED_AT,
  PROP_MODERATION,
  PROP_MODERATION_REASON,
  PROP_SUPPORTS,
  PROP_REMOTE_REV,
  PROP_SYNC_STATE,
  PROP_HIGHLIGHTED,
  PROP_NOTE,
  PROP_SITE_MISSING_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];


#define SQL_SELECT \
  "SELECT t.id, t.uuid, t.process_id, t.feature, t.kind, t.channel, t.parent_uuid," \
  " t.author_ref, t.title, t.body, t.lat, t.lon, t.data_json, t.created_at," \
  " t.moderation, t.moderation_reason, t.supports, t.remote_rev, t.sync_state, coalesce" \
  " (a.highlighted, 0), coalesce (a.note, ''), t.site_missing_at FROM contribution t" \
  " LEFT JOIN contribution_annotation a ON a.contribution_id = t.id"

static const char sql_load[] = SQL_SELECT " WHERE t.id = ?1";
static const char sql_list[] =
  SQL_SELECT " WHERE t.process_id = ?1"
  " ORDER BY created_at DESC, id DESC";
static const char sql_insert[] =
  "INSERT INTO contribution (uuid, process_id, feature, kind, channel, parent_uuid,"
  " author_ref, title, body, lat, lon, data_json, created_at, sync_state) VALUES (?1,"
  " ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char sql_update[] =
  "UPDATE contribution SET feature = ?2, kind = ?3, channel = ?4, parent_uuid = ?5,"
  " author_ref = ?6, title = ?7, body = ?8, lat = ?9, lon = ?10, data_json = ?11,"
  " created_at = ?12, sync_state = CASE WHEN sync_state = 'synced' AND (feature IS NOT"
  " ?2 OR kind IS NOT ?3 OR channel IS NOT ?4 OR parent_uuid IS NOT ?5 OR author_ref IS"
  " NOT ?6 OR title IS NOT ?7 OR body IS NOT ?8 OR lat IS NOT ?9 OR lon IS NOT ?10 OR"
  " data_json IS NOT ?11 OR created_at IS NOT ?12) THEN 'modified' ELSE sync_state END"
  " WHERE id = ?1";
static const char sql_delete[] = "DELETE FROM contribution WHERE id = ?1";
static const char sql_parent[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_contribution_finalize (GObject *object)
{
  DlgContribution *self = (DlgContribution *)object;

  g_free (self->uuid);
  g_free (self->feature);
  g_free (self->kind);
  g_free (self->channel);
  g_free (self->parent_uuid);
  g_free (self->author_ref);
  g_free (self->title);
  g_free (self->body);
  g_free (self->data_json);
  g_free (self->created_at);
  g_free (self->moderation);
  g_free (self->moderation_reason);
  g_free (self->sync_state);
  g_free (self->note);
  g_free (self->site_missing_at);

  G_OBJECT_CLASS (dlg_contribution_parent_class)->finalize (object);
}

static void
dlg_contribution_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlgContribution *self = DLG_CONTRIBUTION (object);

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
    case PROP_FEATURE:
      g_value_set_string (value, self->feature);
      break;
    case PROP_KIND:
      g_value_set_string (value, self->kind);
      break;
    case PROP_CHANNEL:
      g_value_set_string (value, self->channel);
      break;
    case PROP_PARENT_UUID:
      g_value_set_string (value, self->parent_uuid);
      break;
    case PROP_AUTHOR_REF:
      g_value_set_string (value, self->author_ref);
      break;
    case PROP_TITLE:
      g_value_set_string (value, self->title);
      break;
    case PROP_BODY:
      g_value_set_string (value, self->body);
      break;
    case PROP_LAT:
      g_value_set_double (value, self->lat);
      break;
    case PROP_LON:
      g_value_set_double (value, self->lon);
      break;
    case PROP_DATA_JSON:
      g_value_set_string (value, self->data_json);
      break;
    case PROP_CREATED_AT:
      g_value_set_string (value, self->created_at);
      break;
    case PROP_MODERATION:
      g_value_set_string (value, self->moderation);
      break;
    case PROP_MODERATION_REASON:
      g_value_set_string (value, self->moderation_reason);
      break;
    case PROP_SUPPORTS:
      g_value_set_int64 (value, self->supports);
      break;
    case PROP_REMOTE_REV:
      g_value_set_int64 (value, self->remote_rev);
      break;
    case PROP_SYNC_STATE:
      g_value_set_string (value, self->sync_state);
      break;
    case PROP_HIGHLIGHTED:
      g_value_set_boolean (value, self->highlighted);
      break;
    case PROP_NOTE:
      g_value_set_string (value, self->note);
      break;
    case PROP_SITE_MISSING_AT:
      g_value_set_string (value, self->site_missing_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_contribution_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DlgContribution *self = DLG_CONTRIBUTION (object);

  switch (prop_id)
    {
    case PROP_FEATURE:
      dlg_contribution_set_feature (self, g_value_get_string (value));
      break;
    case PROP_KIND:
      dlg_contribution_set_kind (self, g_value_get_string (value));
      break;
    case PROP_CHANNEL:
      dlg_contribution_set_channel (self, g_value_get_string (value));
      break;
    case PROP_PARENT_UUID:
      dlg_contribution_set_parent_uuid (self, g_value_get_string (value));
      break;
    case PROP_AUTHOR_REF:
      dlg_contribution_set_author_ref (self, g_value_get_string (value));
      break;
    case PROP_TITLE:
      dlg_contribution_set_title (self, g_value_get_string (value));
      break;
    case PROP_BODY:
      dlg_contribution_set_body (self, g_value_get_string (value));
      break;
    case PROP_LAT:
      dlg_contribution_set_lat (self, g_value_get_double (value));
      break;
    case PROP_LON:
      dlg_contribution_set_lon (self, g_value_get_double (value));
      break;
    case PROP_DATA_JSON:
      dlg_contribution_set_data_json (self, g_value_get_string (value));
      break;
    case PROP_CREATED_AT:
      dlg_contribution_set_created_at (self, g_value_get_string (value));
      break;
    case PROP_HIGHLIGHTED:
      dlg_contribution_set_highlighted (self, g_value_get_boolean (value));
      break;
    case PROP_NOTE:
      dlg_contribution_set_note (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_contribution_class_init (DlgContributionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_contribution_finalize;
  object_class->get_property = dlg_contribution_get_property;
  object_class->set_property = dlg_contribution_set_property;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] = g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_FEATURE] = g_param_spec_string ("feature", NULL, NULL, "ideas", rw);
  properties[PROP_KIND] = g_param_spec_string ("kind", NULL, NULL, "idea", rw);
  properties[PROP_CHANNEL] = g_param_spec_string ("channel", NULL, NULL, "online", rw);
  properties[PROP_PARENT_UUID] = g_param_spec_string ("parent-uuid", NULL, NULL, NULL, rw);
  properties[PROP_AUTHOR_REF] = g_param_spec_string ("author-ref", NULL, NULL, "", rw);
  properties[PROP_TITLE] = g_param_spec_string ("title", NULL, NULL, "", rw);
  properties[PROP_BODY] = g_param_spec_string ("body", NULL, NULL, "", rw);
  properties[PROP_LAT] =
    g_param_spec_double ("lat", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, rw);
  properties[PROP_LON] =
    g_param_spec_double ("lon", NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE, 0.0, rw);
  properties[PROP_DATA_JSON] = g_param_spec_string ("data-json", NULL, NULL, NULL, rw);
  properties[PROP_CREATED_AT] = g_param_spec_string ("created-at", NULL, NULL, NULL, rw);
  properties[PROP_MODERATION] = g_param_spec_string ("moderation", NULL, NULL, NULL, ro);
  properties[PROP_MODERATION_REASON] =
    g_param_spec_string ("moderation-reason", NULL, NULL, NULL, ro);
  properties[PROP_SUPPORTS] =
    g_param_spec_int64 ("supports", NULL, NULL, G_MININT64, G_MAXINT64, 0, ro);
  properties[PROP_REMOTE_REV] =
    g_param_spec_int64 ("remote-rev", NULL, NULL, -1, G_MAXINT64, -1, ro);
  properties[PROP_SYNC_STATE] = g_param_spec_string ("sync-state", NULL, NULL, NULL, ro);
  properties[PROP_HIGHLIGHTED] = g_param_spec_boolean ("highlighted", NULL, NULL, FALSE, rw);
  properties[PROP_NOTE] = g_param_spec_string ("note", NULL, NULL, "", rw);
  properties[PROP_SITE_MISSING_AT] =
    g_param_spec_string ("site-missing-at", NULL, NULL, NULL, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_contribution_init (DlgContribution *self)
{
  self->feature = g_strdup ("ideas");
  self->kind = g_strdup ("idea");
  self->channel = g_strdup ("online");
  self->author_ref = g_strdup ("");
  self->title = g_strdup ("");
  self->body = g_strdup ("");
  self->lat = NAN;
  self->lon = NAN;
  self->moderation = g_strdup ("pending");
  self->remote_rev = -1;
  self->note = g_strdup ("");
}

/**
 * dlg_contribution_new:
 *
 * Returns: (transfer full): a new, unsaved object: set its fields, then save it
 */
DlgContribution *
dlg_contribution_new (gint64 process_id)
{
  DlgContribution *self = g_object_new (DLG_TYPE_CONTRIBUTION, NULL);

  self->process_id = process_id;
  self->created_at = dlg_now_iso8601 ();
  return self;
}

gint64
dlg_contribution_get_id (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), 0);

  return self->id;
}

const char *
dlg_contribution_get_uuid (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->uuid;
}

gint64
dlg_contribution_get_process_id (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), 0);

  return self->process_id;
}

const char *
dlg_contribution_get_feature (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->feature;
}

const char *
dlg_contribution_get_kind (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->kind;
}

const char *
dlg_contribution_get_channel (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->channel;
}

const char *
dlg_contribution_get_parent_uuid (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->parent_uuid;
}

const char *
dlg_contribution_get_author_ref (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->author_ref;
}

const char *
dlg_contribution_get_title (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->title;
}

const char *
dlg_contribution_get_body (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->body;
}

gdouble
dlg_contribution_get_lat (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NAN);

  return self->lat;
}

gdouble
dlg_contribution_get_lon (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NAN);

  return self->lon;
}

const char *
dlg_contribution_get_data_json (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->data_json;
}

const char *
dlg_contribution_get_created_at (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->created_at;
}

const char *
dlg_contribution_get_moderation (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->moderation;
}

const char *
dlg_contribution_get_moderation_reason (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->moderation_reason;
}

/**
 * dlg_contribution_get_site_missing_at:
 *
 * Returns: (nullable): when a full resync found that the site no longer lists this online
 *   contribution (it is kept: only the feed's deletion removes it), or %NULL
 */
const char *
dlg_contribution_get_site_missing_at (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->site_missing_at;
}

gint64
dlg_contribution_get_supports (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), 0);

  return self->supports;
}

gint64
dlg_contribution_get_remote_rev (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), 0);

  return self->remote_rev;
}

const char *
dlg_contribution_get_sync_state (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->sync_state;
}

gboolean
dlg_contribution_get_highlighted (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), FALSE);

  return self->highlighted;
}

const char *
dlg_contribution_get_note (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), NULL);

  return self->note;
}

void
dlg_contribution_set_feature (DlgContribution *self,
                              const char      *feature)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (g_strcmp0 (self->feature, feature) == 0)
    return;
  g_free (self->feature);
  self->feature = g_strdup (feature);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FEATURE]);
}

void
dlg_contribution_set_kind (DlgContribution *self,
                           const char      *kind)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (g_strcmp0 (self->kind, kind) == 0)
    return;
  g_free (self->kind);
  self->kind = g_strdup (kind);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_KIND]);
}

void
dlg_contribution_set_channel (DlgContribution *self,
                              const char      *channel)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (g_strcmp0 (self->channel, channel) == 0)
    return;
  g_free (self->channel);
  self->channel = g_strdup (channel);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CHANNEL]);
}

void
dlg_contribution_set_parent_uuid (DlgContribution *self,
                                  const char      *parent_uuid)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (g_strcmp0 (self->parent_uuid, parent_uuid) == 0)
    return;
  g_free (self->parent_uuid);
  self->parent_uuid = g_strdup (parent_uuid);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PARENT_UUID]);
}

void
dlg_contribution_set_author_ref (DlgContribution *self,
                                 const char      *author_ref)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (author_ref == NULL)
    author_ref = "";
  if (g_strcmp0 (self->author_ref, author_ref) == 0)
    return;
  g_free (self->author_ref);
  self->author_ref = g_strdup (author_ref);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AUTHOR_REF]);
}

void
dlg_contribution_set_title (DlgContribution *self,
                            const char      *title)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (title == NULL)
    title = "";
  if (g_strcmp0 (self->title, title) == 0)
    return;
  g_free (self->title);
  self->title = g_strdup (title);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TITLE]);
}

void
dlg_contribution_set_body (DlgContribution *self,
                           const char      *body)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (body == NULL)
    body = "";
  if (g_strcmp0 (self->body, body) == 0)
    return;
  g_free (self->body);
  self->body = g_strdup (body);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BODY]);
}

void
dlg_contribution_set_lat (DlgContribution *self,
                          gdouble          lat)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (self->lat == lat || (isnan (self->lat) && isnan (lat)))
    return;
  self->lat = lat;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAT]);
}

void
dlg_contribution_set_lon (DlgContribution *self,
                          gdouble          lon)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (self->lon == lon || (isnan (self->lon) && isnan (lon)))
    return;
  self->lon = lon;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LON]);
}

void
dlg_contribution_set_data_json (DlgContribution *self,
                                const char      *data_json)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (g_strcmp0 (self->data_json, data_json) == 0)
    return;
  g_free (self->data_json);
  self->data_json = g_strdup (data_json);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_DATA_JSON]);
}

void
dlg_contribution_set_created_at (DlgContribution *self,
                                 const char      *created_at)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (g_strcmp0 (self->created_at, created_at) == 0)
    return;
  g_free (self->created_at);
  self->created_at = g_strdup (created_at);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

void
dlg_contribution_set_highlighted (DlgContribution *self,
                                  gboolean         highlighted)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  highlighted = !!highlighted;
  if (self->highlighted == highlighted)
    return;
  self->highlighted = highlighted;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HIGHLIGHTED]);
}

void
dlg_contribution_set_note (DlgContribution *self,
                           const char      *note)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  if (note == NULL)
    note = "";
  if (g_strcmp0 (self->note, note) == 0)
    return;
  g_free (self->note);
  self->note = g_strdup (note);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NOTE]);
}

/* Reads a row of SQL_SELECT into @self. */
static void
read_row (DlgContribution *self,
          sqlite3_stmt    *stmt)
{
  int col = 0;

  self->id = sqlite3_column_int64 (stmt, col++);
  g_free (self->uuid);
  self->uuid = dlg_stmt_dup_text (stmt, col++);
  self->process_id = sqlite3_column_int64 (stmt, col++);
  g_free (self->feature);
  self->feature = dlg_stmt_dup_text (stmt, col++);
  g_free (self->kind);
  self->kind = dlg_stmt_dup_text (stmt, col++);
  g_free (self->channel);
  self->channel = dlg_stmt_dup_text (stmt, col++);
  g_free (self->parent_uuid);
  self->parent_uuid = dlg_stmt_dup_text (stmt, col++);
  g_free (self->author_ref);
  self->author_ref = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->title);
  self->title = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->body);
  self->body = g_strdup (dlg_stmt_get_text (stmt, col++));
  self->lat = sqlite3_column_type (stmt, col) == SQLITE_NULL
    ? NAN : sqlite3_column_double (stmt, col);
  col++;
  self->lon = sqlite3_column_type (stmt, col) == SQLITE_NULL
    ? NAN : sqlite3_column_double (stmt, col);
  col++;
  g_free (self->data_json);
  self->data_json = dlg_stmt_dup_text (stmt, col++);
  g_free (self->created_at);
  self->created_at = dlg_stmt_dup_text (stmt, col++);
  g_free (self->moderation);
  self->moderation = dlg_stmt_dup_text (stmt, col++);
  g_free (self->moderation_reason);
  self->moderation_reason = dlg_stmt_dup_text (stmt, col++);
  self->supports = sqlite3_column_int64 (stmt, col++);
  self->remote_rev = sqlite3_column_type (stmt, col) == SQLITE_NULL
    ? -1 : sqlite3_column_int64 (stmt, col);
  col++;
  g_free (self->sync_state);
  self->sync_state = dlg_stmt_dup_text (stmt, col++);
  self->highlighted = sqlite3_column_int (stmt, col++) != 0;
  g_free (self->note);
  self->note = g_strdup (dlg_stmt_get_text (stmt, col++));
  g_free (self->site_missing_at);
  self->site_missing_at = dlg_stmt_dup_text (stmt, col++);
}

static DlgContribution *
from_row (sqlite3_stmt *stmt)
{
  DlgContribution *self = g_object_new (DLG_TYPE_CONTRIBUTION, NULL);

  read_row (self, stmt);
  return self;
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgContribution *self)
{
  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

/* Runs @stmt (already bound) and returns its first row, or NULL with NOT_FOUND. */
static DlgContribution *
load_one (DlgStore  *store,
          DlgStmt   *stmt,
          GError   **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _("This contribution does not exist (it may have been deleted)."));
  else
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static const char sql_annotate[] =
  "INSERT INTO contribution_annotation (contribution_id, highlighted, note) VALUES (?1, ?2, ?3)"
  " ON CONFLICT (contribution_id) DO UPDATE SET highlighted = excluded.highlighted,"
  " note = excluded.note";
static const char sql_moderate[] =
  "UPDATE contribution SET moderation = ?2, moderation_reason = ?3 WHERE id = ?1";
static const char sql_moderation_event[] =
  "INSERT INTO moderation_event (uuid, contribution_id, state, reason, decided_at, actor)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_theme_process[] = "SELECT process_id FROM theme WHERE id = ?1";
static const char sql_add_theme[] =
  "INSERT OR IGNORE INTO contribution_theme (contribution_id, theme_id) VALUES (?1, ?2)";
static const char sql_remove_theme[] =
  "DELETE FROM contribution_theme WHERE contribution_id = ?1 AND theme_id = ?2";
static const char sql_list_themes[] =
  "SELECT ct.theme_id FROM contribution_theme ct JOIN theme th ON th.id = ct.theme_id"
  " WHERE ct.contribution_id = ?1 ORDER BY th.position, th.name COLLATE NOCASE, th.id";

static gboolean
validate_extra (DlgStore         *store,
                DlgContribution  *self,
                gint64            process_id,
                GError          **error)
{
  if (*self->title == '\0' && *self->body == '\0')
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A contribution needs a title or a text."));
      return FALSE;
    }
  if (isnan (self->lat) != isnan (self->lon))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A location needs both a latitude and a longitude."));
      return FALSE;
    }
  return TRUE;
}

/* Officer annotations live in their own table, which a pull never touches. */
static gboolean
after_write (DlgStore         *store,
             DlgContribution  *self,
             gint64            process_id,
             gboolean          inserted,
             GError          **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  if (inserted && !self->highlighted && *self->note == '\0')
    return TRUE;
  if (!(stmt = dlg_store_prepare (store, sql_annotate, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, self->id);
  sqlite3_bind_int (stmt, 2, self->highlighted);
  dlg_stmt_bind_text (stmt, 3, self->note);
  return dlg_store_step_done (store, stmt, error);
}

gboolean
dlg_contribution_has_location (DlgContribution *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), FALSE);

  return !isnan (self->lat) && !isnan (self->lon);
}

void
dlg_contribution_set_location (DlgContribution *self,
                               gdouble          lat,
                               gdouble          lon)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  dlg_contribution_set_lat (self, lat);
  dlg_contribution_set_lon (self, lon);
}

void
dlg_contribution_clear_location (DlgContribution *self)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION (self));

  dlg_contribution_set_lat (self, NAN);
  dlg_contribution_set_lon (self, NAN);
}

/**
 * dlg_contribution_moderation_get_label:
 * @state: "pending", "published" or "trashed"
 *
 * Returns: the translated label, or %NULL for an unknown state
 */
const char *
dlg_contribution_moderation_get_label (const char *state)
{
  return dlg_vocabulary_find_label (&dlg_vocabulary_moderation, state);
}

/**
 * dlg_contribution_channel_get_label:
 * @channel: "online", "in_person", "mail" or "phone"
 *
 * Returns: the translated label, or %NULL for an unknown channel
 */
const char *
dlg_contribution_channel_get_label (const char *channel)
{
  return dlg_vocabulary_find_label (&dlg_vocabulary_channel, channel);
}

/**
 * dlg_contribution_moderate:
 * @state: "pending", "published" or "trashed"
 * @reason: (nullable): why; required to set a contribution aside
 *
 * Sets the moderation state of a contribution, records a moderation event with its own uuid
 * (pushed to the site at the next sync) and journals the decision, in one transaction.
 */
gboolean
dlg_contribution_moderate (DlgStore    *store,
                           gint64       contribution_id,
                           const char  *state,
                           const char  *reason,
                           GError     **error)
{
  g_autoptr(DlgContribution) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) event = NULL;
  g_autofree char *uuid = dlg_uuid_new ();
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *label = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *stripped = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!dlg_check_enum (state, &dlg_vocabulary_moderation, FALSE,
                       _("The moderation state must be pending, published or set aside."),
                       error))
    return FALSE;
  if (!dlg_check_text (reason, FALSE, 1000, _("reason"), NULL, error))
    return FALSE;
  stripped = g_strstrip (g_strdup (reason != NULL ? reason : ""));
  if (g_str_equal (state, "trashed") && *stripped == '\0')
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Say why the contribution is set aside: its author will see the "
                             "reason."));
      return FALSE;
    }
  if (!(self = dlg_contribution_load (store, contribution_id, error)))
    return FALSE;
  if (!dlg_process_check_editable (store, self->process_id, error))
    return FALSE;

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_moderate, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, contribution_id);
  dlg_stmt_bind_text (stmt, 2, state);
  dlg_stmt_bind_text (stmt, 3, *stripped != '\0' ? stripped : NULL);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!(event = dlg_store_prepare (store, sql_moderation_event, error)))
    goto fail;
  dlg_stmt_bind_text (event, 1, uuid);
  sqlite3_bind_int64 (event, 2, contribution_id);
  dlg_stmt_bind_text (event, 3, state);
  dlg_stmt_bind_text (event, 4, stripped);
  dlg_stmt_bind_text (event, 5, now);
  dlg_stmt_bind_text (event, 6, dlg_store_get_actor (store));
  if (!dlg_store_step_done (store, event, error))
    goto fail;
  /* The journal is public and cannot be purged: it names the contribution by its reference,
   * never by its text, which may be what moderation removes. */
  label = g_strndup (self->uuid, 8);
  if (*stripped != '\0')
    summary = g_strdup_printf (_("Contribution %s: %s (%s)."), label,
                               dlg_contribution_moderation_get_label (state), stripped);
  else
    summary = g_strdup_printf (_("Contribution %s: %s."), label,
                               dlg_contribution_moderation_get_label (state));
  if (!dlg_journal_append (store, self->process_id, "contribution.moderate", "contribution",
                           self->uuid, summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, self->process_id);
  dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, self->process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

static gboolean
change_theme (DlgStore    *store,
              const char  *sql,
              gint64       contribution_id,
              gint64       theme_id,
              GError     **error)
{
  g_autoptr(DlgContribution) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 theme_process;

  if (!(self = dlg_contribution_load (store, contribution_id, error)))
    return FALSE;
  if (!dlg_process_check_editable (store, self->process_id, error))
    return FALSE;
  theme_process = dlg_lookup_process (store, sql_theme_process, theme_id,
                                      _("The theme does not exist."), error);
  if (theme_process == 0)
    return FALSE;
  if (theme_process != self->process_id)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This theme belongs to another process."));
      return FALSE;
    }
  if (!(stmt = dlg_store_prepare (store, sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contribution_id);
  sqlite3_bind_int64 (stmt, 2, theme_id);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_THEME, self->process_id);
  return TRUE;
}

gboolean
dlg_contribution_add_theme (DlgStore  *store,
                            gint64     contribution_id,
                            gint64     theme_id,
                            GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return change_theme (store, sql_add_theme, contribution_id, theme_id, error);
}

gboolean
dlg_contribution_remove_theme (DlgStore  *store,
                               gint64     contribution_id,
                               gint64     theme_id,
                               GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return change_theme (store, sql_remove_theme, contribution_id, theme_id, error);
}

/**
 * dlg_contribution_list_themes:
 *
 * Returns: (transfer full): a #GListModel of #DlgTheme
 */
GListModel *
dlg_contribution_list_themes (DlgStore  *store,
                              gint64     contribution_id,
                              GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (DLG_TYPE_THEME);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_list_themes, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, contribution_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        gint64 id = sqlite3_column_int64 (stmt, 0);

        g_array_append_val (ids, id);
      }
    if (rc != SQLITE_DONE)
      {
        dlg_store_set_error (store, rc, error);
        return NULL;
      }
  }
  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(DlgTheme) theme = dlg_theme_load (store, g_array_index (ids, gint64, i), error);

      if (theme == NULL)
        return NULL;
      g_list_store_append (list, theme);
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* For DlgContributionList, which reads pages of rows itself. */
const char *
dlg_contribution_get_select_sql (void)
{
  return SQL_SELECT;
}

DlgContribution *
dlg_contribution_new_from_row (sqlite3_stmt *stmt)
{
  return from_row (stmt);
}

static gboolean
validate (DlgStore         *store,
          DlgContribution  *self,
          gint64            process_id,
          GError          **error)
{
  if (!dlg_check_enum (self->feature, &dlg_vocabulary_feature, FALSE, _("This feature is unknown."),
                       error))
    return FALSE;
  if (!dlg_check_enum (self->kind, &dlg_vocabulary_contribution_kind, FALSE,
                       _("This kind of contribution is unknown."), error))
    return FALSE;
  if (!dlg_check_enum (self->channel, &dlg_vocabulary_channel, FALSE,
                       _("The channel must be online, in person, mail or phone."), error))
    return FALSE;
  if (!dlg_check_text (self->parent_uuid, FALSE, 64, _("parent contribution"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->author_ref, FALSE, 200, _("author"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->title, FALSE, 500, _("title"), NULL, error))
    return FALSE;
  if (!dlg_check_text (self->body, FALSE, 100000, _("text"), NULL, error))
    return FALSE;
  if (!isnan (self->lat) && !(self->lat >= -90.0 && self->lat <= 90.0))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The latitude must be between -90 and 90."));
      return FALSE;
    }
  if (!isnan (self->lon) && !(self->lon >= -180.0 && self->lon <= 180.0))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("The longitude must be between -180 and 180."));
      return FALSE;
    }
  if (!dlg_check_text (self->data_json, FALSE, 0, _("extra data"), NULL, error))
    return FALSE;
  if (!dlg_check_date (self->created_at, TRUE, _("date"), _("A contribution needs a date."), error))
    return FALSE;
  if (!dlg_check_text (self->note, FALSE, 0, _("note"), NULL, error))
    return FALSE;
  if (!validate_extra (store, self, process_id, error))
    return FALSE;
  return TRUE;
}

/**
 * dlg_contribution_save:
 *
 * Validates @contribution and writes it: INSERT when its id is 0 (its id and uuid are filled in),
 * UPDATE otherwise, in one transaction.
 * On success the object holds the saved row.
 */
gboolean
dlg_contribution_save (DlgStore         *store,
                       DlgContribution  *contribution,
                       GError          **error)
{
  DlgContribution *self = contribution;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  gboolean inserting;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), FALSE);

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
      g_free (self->uuid);
      self->uuid = dlg_uuid_new ();
      if (!(stmt = dlg_store_prepare (store, sql_insert, error)))
        goto fail;
      dlg_stmt_bind_text (stmt, 1, self->uuid);
      sqlite3_bind_int64 (stmt, 2, self->process_id);
      dlg_stmt_bind_text (stmt, 3, self->feature);
      dlg_stmt_bind_text (stmt, 4, self->kind);
      dlg_stmt_bind_text (stmt, 5, self->channel);
      dlg_stmt_bind_text (stmt, 6, self->parent_uuid);
      dlg_stmt_bind_text (stmt, 7, self->author_ref);
      dlg_stmt_bind_text (stmt, 8, self->title);
      dlg_stmt_bind_text (stmt, 9, self->body);
      if (!isnan (self->lat))
        sqlite3_bind_double (stmt, 10, self->lat);
      if (!isnan (self->lon))
        sqlite3_bind_double (stmt, 11, self->lon);
      dlg_stmt_bind_text (stmt, 12, self->data_json);
      dlg_stmt_bind_text (stmt, 13, self->created_at);
      dlg_stmt_bind_text (stmt, 14, "created");
    }
  else
    {
      if (!(stmt = dlg_store_prepare (store, sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, self->id);
      dlg_stmt_bind_text (stmt, 2, self->feature);
      dlg_stmt_bind_text (stmt, 3, self->kind);
      dlg_stmt_bind_text (stmt, 4, self->channel);
      dlg_stmt_bind_text (stmt, 5, self->parent_uuid);
      dlg_stmt_bind_text (stmt, 6, self->author_ref);
      dlg_stmt_bind_text (stmt, 7, self->title);
      dlg_stmt_bind_text (stmt, 8, self->body);
      if (!isnan (self->lat))
        sqlite3_bind_double (stmt, 9, self->lat);
      if (!isnan (self->lon))
        sqlite3_bind_double (stmt, 10, self->lon);
      dlg_stmt_bind_text (stmt, 11, self->data_json);
      dlg_stmt_bind_text (stmt, 12, self->created_at);
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
  if (!after_write (store, self, process_id, inserting, error))
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
  dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, process_id);
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
 * dlg_contribution_load:
 *
 * Returns: (transfer full): the object, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgContribution *
dlg_contribution_load (DlgStore  *store,
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
 * dlg_contribution_list:
 *
 * Returns: (transfer full): a #GListModel of #DlgContribution, in display order
 */
GListModel *
dlg_contribution_list (DlgStore  *store,
                       gint64     process_id,
                       GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  return dlg_collect_rows (store, stmt, DLG_TYPE_CONTRIBUTION, (DlgRowFunc) from_row, error);
}

/**
 * dlg_contribution_delete:
 *
 * Deletes the object.
 */
gboolean
dlg_contribution_delete (DlgStore  *store,
                         gint64     id,
                         GError   **error)
{
  g_autoptr(DlgContribution) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(self = dlg_contribution_load (store, id, error)))
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

  dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/* Ingestion (dlg-ingest.c): a contribution from a source's JSON, the type's own checks, and
 * finding one by uuid. */

/**
 * dlg_contribution_new_from_json:
 * @process_id: where it goes
 * @uuid: (nullable): its uuid when the source shares the app's (the reference site), else
 *   %NULL: one is given when it is first stored
 * @data: the members of sync v1's contribution (`feature`, `kind`, `parent_id`, `author_ref`,
 *   `title`, `body`, `lat`, `lon`, `answers`, `created_at`, `moderation`,
 *   `moderation_reason`, `supports`, `channel`); a member of the wrong type reads as absent
 *
 * Returns: (transfer full): an unsaved contribution, to be checked and stored by the ingestion
 *   path (dlg_ingest_batch_add_contribution)
 */
DlgContribution *
dlg_contribution_new_from_json (gint64       process_id,
                                const char  *uuid,
                                JsonObject  *data)
{
  DlgContribution *self;
  JsonNode *answers;

  g_return_val_if_fail (data != NULL, NULL);

  self = dlg_contribution_new (process_id);
  self->uuid = g_strdup (uuid);
  g_free (self->feature);
  self->feature = g_strdup (dlg_json_member_string (data, "feature", "ideas"));
  g_free (self->kind);
  self->kind = g_strdup (dlg_json_member_string (data, "kind", "idea"));
  g_free (self->channel);
  self->channel = g_strdup (dlg_json_member_string (data, "channel", "online"));
  self->parent_uuid = g_strdup (dlg_json_member_string (data, "parent_id", NULL));
  g_free (self->author_ref);
  self->author_ref = g_strdup (dlg_json_member_string (data, "author_ref", ""));
  g_free (self->title);
  self->title = g_strdup (dlg_json_member_string (data, "title", ""));
  g_free (self->body);
  self->body = g_strdup (dlg_json_member_string (data, "body", ""));
  self->lat = dlg_json_member_double (data, "lat", NAN);
  self->lon = dlg_json_member_double (data, "lon", NAN);
  answers = json_object_get_member (data, "answers");
  if (answers != NULL && !JSON_NODE_HOLDS_NULL (answers))
    self->data_json = dlg_json_node_to_string (answers);
  g_free (self->created_at);
  self->created_at = g_strdup (dlg_json_member_string (data, "created_at", ""));
  g_free (self->moderation);
  self->moderation = g_strdup (dlg_json_member_string (data, "moderation", "pending"));
  self->moderation_reason = g_strdup (dlg_json_member_string (data, "moderation_reason", NULL));
  self->supports = dlg_json_member_int (data, "supports", 0);
  return self;
}

/* The checks of a save, and the moderation state's, for what a source brings. */
gboolean
dlg_contribution_validate (DlgStore         *store,
                           DlgContribution  *self,
                           GError          **error)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION (self), FALSE);

  if (!validate (store, self, self->process_id, error))
    return FALSE;
  if (!dlg_check_enum (self->moderation, &dlg_vocabulary_moderation, FALSE,
                       _("The moderation state must be pending, published or set aside."),
                       error))
    return FALSE;
  return dlg_check_text (self->moderation_reason, FALSE, 1000, _("reason"), NULL, error);
}

/**
 * dlg_contribution_find_by_uuid:
 *
 * Returns: (transfer full): the contribution, or %NULL with %DLG_ERROR_NOT_FOUND
 */
DlgContribution *
dlg_contribution_find_by_uuid (DlgStore    *store,
                               const char  *uuid,
                               GError     **error)
{
  static const char sql_find_uuid[] = SQL_SELECT " WHERE t.uuid = ?1";
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  if (!(stmt = dlg_store_prepare (store, sql_find_uuid, error)))
    return NULL;
  dlg_stmt_bind_text (stmt, 1, uuid);
  return load_one (store, stmt, error);
}
