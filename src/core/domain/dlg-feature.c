/* dlg-feature.c — the contributory features of a process, switched on or off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seven features exist (the catalogue below); a process has a row in feature_activation for
 * those it has configured. Switching a feature on or off is part of the public record and is
 * journaled.
 */

#define G_LOG_DOMAIN "dlg-feature"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-feature.h"
#include "dlg-process.h"
#include "dlg-journal.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

static const char * const cycles_recruitment[] =
  { "diagnostic", "design", "evaluation", "prospective", NULL };
static const char * const cycles_ideas[] = { "diagnostic", "design", "prospective", NULL };
static const char * const cycles_call_for_projects[] = { "design", "implementation", NULL };
static const char * const cycles_questionnaire[] = { "diagnostic", "evaluation", NULL };
static const char * const cycles_map[] = { "diagnostic", "design", "implementation", NULL };
static const char * const cycles_debate[] = { "design", "evaluation", "prospective", NULL };
static const char * const cycles_event[] =
  { "diagnostic", "design", "implementation", "evaluation", NULL };

/* Untranslated, without ids and labels (those of dlg_vocabulary_feature, in its order);
 * dlg_feature_catalogue() returns a translated copy with them. */
static const DlgFeatureInfo catalogue_source[DLG_N_FEATURES] = {
  { /* recruitment */ NULL, NULL,
    N_("Residents register as volunteers and a citizens’ panel is drawn by lot, by quotas."),
    N_("Anyone aged 16 or over who lives in the area may register. The panel is drawn by lot "
       "among the registrants, respecting the quotas published with the call."),
    cycles_recruitment },
  { /* ideas */ NULL, NULL,
    N_("Residents propose ideas, comment on them and support them."),
    N_("Ideas are published after moderation, according to the participation charter. Each "
       "person may support an idea once."),
    cycles_ideas },
  { /* call_for_projects */ NULL, NULL,
    N_("Residents or associations submit projects for a budget or a site."),
    N_("Projects must fall within the perimeter of the call and be submitted before it "
       "closes. The departments study every eligible project."),
    cycles_call_for_projects },
  { /* questionnaire */ NULL, NULL,
    N_("An online survey with closed and open questions."),
    N_("Answers are anonymous. The results are published in aggregate form."),
    cycles_questionnaire },
  { /* map */ NULL, NULL,
    N_("Contributions pinned on a map of the area."),
    N_("Place your contribution where it applies. Contributions are published after "
       "moderation."),
    cycles_map },
  { /* debate */ NULL, NULL,
    N_("Arguments for and against, on a question put to debate."),
    N_("Arguments are published after moderation. Please stay courteous and on topic."),
    cycles_debate },
  { /* event */ NULL, NULL,
    N_("A public meeting, walk or workshop, with registration."),
    N_("Registration is free and open to all, within the capacity of the venue."),
    cycles_event },
};

/**
 * dlg_feature_catalogue:
 * @n_features: (out) (optional): %DLG_N_FEATURES
 *
 * Returns: (array length=n_features): the seven features, translated
 */
const DlgFeatureInfo *
dlg_feature_catalogue (guint *n_features)
{
  static DlgFeatureInfo *catalogue = NULL;

  if (g_once_init_enter (&catalogue))
    {
      DlgFeatureInfo *translated = g_new (DlgFeatureInfo, DLG_N_FEATURES);

      for (guint i = 0; i < DLG_N_FEATURES; i++)
        {
          translated[i] = catalogue_source[i];
          translated[i].id = dlg_vocabulary_get_id (&dlg_vocabulary_feature, i);
          translated[i].label = dlg_vocabulary_get_label (&dlg_vocabulary_feature,
                                                          translated[i].id);
          translated[i].description = _(catalogue_source[i].description);
          translated[i].default_rules = _(catalogue_source[i].default_rules);
        }
      g_once_init_leave (&catalogue, translated);
    }
  if (n_features != NULL)
    *n_features = DLG_N_FEATURES;
  return catalogue;
}

const DlgFeatureInfo *
dlg_feature_info_lookup (const char *id)
{
  const DlgFeatureInfo *catalogue = dlg_feature_catalogue (NULL);

  for (guint i = 0; id != NULL && i < DLG_N_FEATURES; i++)
    if (g_str_equal (catalogue[i].id, id))
      return &catalogue[i];
  return NULL;
}

/**
 * dlg_feature_info_suits:
 * @policy_cycle: "diagnostic", "design", "implementation", "evaluation" or "prospective"
 *
 * Returns: whether the feature is usually fit for a process at this point of the policy cycle
 */
gboolean
dlg_feature_info_suits (const DlgFeatureInfo *info,
                        const char           *policy_cycle)
{
  g_return_val_if_fail (info != NULL, FALSE);

  return policy_cycle != NULL && g_strv_contains (info->policy_cycles, policy_cycle);
}

struct _DlgFeature
{
  GObject               parent_instance;

  gint64                process_id;
  const DlgFeatureInfo *info;
  gboolean              enabled;
  char                 *rules;
  char                 *opens_at;
  char                 *closes_at;
  gboolean              saved;
};

G_DEFINE_FINAL_TYPE (DlgFeature, dlg_feature, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PROCESS_ID,
  PROP_FEATURE,
  PROP_LABEL,
  PROP_DESCRIPTION,
  PROP_ENABLED,
  PROP_RULES,
  PROP_OPENS_AT,
  PROP_CLOSES_AT,
  PROP_SAVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char sql_load[] =
  "SELECT feature, enabled, rules, opens_at, closes_at FROM feature_activation"
  " WHERE process_id = ?1 AND feature = ?2";
static const char sql_list[] =
  "SELECT feature, enabled, rules, opens_at, closes_at FROM feature_activation"
  " WHERE process_id = ?1";
static const char sql_enabled[] =
  "SELECT enabled FROM feature_activation WHERE process_id = ?1 AND feature = ?2";
static const char sql_save[] =
  "INSERT INTO feature_activation (process_id, feature, enabled, rules, opens_at, closes_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6) ON CONFLICT (process_id, feature) DO UPDATE SET"
  " enabled = excluded.enabled, rules = excluded.rules, opens_at = excluded.opens_at,"
  " closes_at = excluded.closes_at";
static const char sql_delete[] =
  "DELETE FROM feature_activation WHERE process_id = ?1 AND feature = ?2";
static const char sql_process[] = "SELECT id FROM process WHERE id = ?1";

static void
dlg_feature_finalize (GObject *object)
{
  DlgFeature *self = (DlgFeature *)object;

  g_free (self->rules);
  g_free (self->opens_at);
  g_free (self->closes_at);

  G_OBJECT_CLASS (dlg_feature_parent_class)->finalize (object);
}

static void
dlg_feature_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DlgFeature *self = DLG_FEATURE (object);

  switch (prop_id)
    {
    case PROP_PROCESS_ID:
      g_value_set_int64 (value, self->process_id);
      break;
    case PROP_FEATURE:
      g_value_set_string (value, self->info->id);
      break;
    case PROP_LABEL:
      g_value_set_string (value, self->info->label);
      break;
    case PROP_DESCRIPTION:
      g_value_set_string (value, self->info->description);
      break;
    case PROP_ENABLED:
      g_value_set_boolean (value, self->enabled);
      break;
    case PROP_RULES:
      g_value_set_string (value, self->rules);
      break;
    case PROP_OPENS_AT:
      g_value_set_string (value, self->opens_at);
      break;
    case PROP_CLOSES_AT:
      g_value_set_string (value, self->closes_at);
      break;
    case PROP_SAVED:
      g_value_set_boolean (value, self->saved);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_feature_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DlgFeature *self = DLG_FEATURE (object);

  switch (prop_id)
    {
    case PROP_ENABLED:
      dlg_feature_set_enabled (self, g_value_get_boolean (value));
      break;
    case PROP_RULES:
      dlg_feature_set_rules (self, g_value_get_string (value));
      break;
    case PROP_OPENS_AT:
      dlg_feature_set_opens_at (self, g_value_get_string (value));
      break;
    case PROP_CLOSES_AT:
      dlg_feature_set_closes_at (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_feature_class_init (DlgFeatureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_feature_finalize;
  object_class->get_property = dlg_feature_get_property;
  object_class->set_property = dlg_feature_set_property;

  properties[PROP_PROCESS_ID] =
    g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_FEATURE] = g_param_spec_string ("feature", NULL, NULL, NULL, ro);
  properties[PROP_LABEL] = g_param_spec_string ("label", NULL, NULL, NULL, ro);
  properties[PROP_DESCRIPTION] = g_param_spec_string ("description", NULL, NULL, NULL, ro);
  properties[PROP_ENABLED] = g_param_spec_boolean ("enabled", NULL, NULL, FALSE, rw);
  properties[PROP_RULES] = g_param_spec_string ("rules", NULL, NULL, "", rw);
  properties[PROP_OPENS_AT] = g_param_spec_string ("opens-at", NULL, NULL, NULL, rw);
  properties[PROP_CLOSES_AT] = g_param_spec_string ("closes-at", NULL, NULL, NULL, rw);
  properties[PROP_SAVED] = g_param_spec_boolean ("saved", NULL, NULL, FALSE, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_feature_init (DlgFeature *self)
{
}

/**
 * dlg_feature_new:
 * @feature: a feature id of the catalogue
 *
 * Returns: (transfer full) (nullable): an unsaved, disabled feature with the default rules;
 *   %NULL for an unknown @feature
 */
DlgFeature *
dlg_feature_new (gint64      process_id,
                 const char *feature)
{
  const DlgFeatureInfo *info = dlg_feature_info_lookup (feature);
  DlgFeature *self;

  g_return_val_if_fail (info != NULL, NULL);

  self = g_object_new (DLG_TYPE_FEATURE, NULL);
  self->process_id = process_id;
  self->info = info;
  self->rules = g_strdup (info->default_rules);
  return self;
}

gint64
dlg_feature_get_process_id (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), 0);

  return self->process_id;
}

const char *
dlg_feature_get_feature (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), NULL);

  return self->info->id;
}

const char *
dlg_feature_get_label (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), NULL);

  return self->info->label;
}

const char *
dlg_feature_get_description (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), NULL);

  return self->info->description;
}

gboolean
dlg_feature_get_enabled (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), FALSE);

  return self->enabled;
}

const char *
dlg_feature_get_rules (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), NULL);

  return self->rules;
}

const char *
dlg_feature_get_opens_at (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), NULL);

  return self->opens_at;
}

const char *
dlg_feature_get_closes_at (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), NULL);

  return self->closes_at;
}

gboolean
dlg_feature_get_saved (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), FALSE);

  return self->saved;
}

void
dlg_feature_set_enabled (DlgFeature *self,
                         gboolean    enabled)
{
  g_return_if_fail (DLG_IS_FEATURE (self));

  enabled = !!enabled;
  if (self->enabled == enabled)
    return;
  self->enabled = enabled;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ENABLED]);
}

static void
set_string (DlgFeature  *self,
            char       **field,
            const char  *value,
            gboolean     nullable,
            guint        prop)
{
  if (value == NULL && !nullable)
    value = "";
  if (value != NULL && *value == '\0' && nullable)
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
dlg_feature_set_rules (DlgFeature *self,
                       const char *rules)
{
  g_return_if_fail (DLG_IS_FEATURE (self));

  set_string (self, &self->rules, rules, FALSE, PROP_RULES);
}

void
dlg_feature_set_opens_at (DlgFeature *self,
                          const char *opens_at)
{
  g_return_if_fail (DLG_IS_FEATURE (self));

  set_string (self, &self->opens_at, opens_at, TRUE, PROP_OPENS_AT);
}

void
dlg_feature_set_closes_at (DlgFeature *self,
                           const char *closes_at)
{
  g_return_if_fail (DLG_IS_FEATURE (self));

  set_string (self, &self->closes_at, closes_at, TRUE, PROP_CLOSES_AT);
}

/* Columns: feature, enabled, rules, opens_at, closes_at. */
static void
read_row (DlgFeature   *self,
          sqlite3_stmt *stmt)
{
  self->enabled = sqlite3_column_int (stmt, 1) != 0;
  g_free (self->rules);
  self->rules = g_strdup (dlg_stmt_get_text (stmt, 2));
  g_free (self->opens_at);
  self->opens_at = dlg_stmt_dup_text (stmt, 3);
  g_free (self->closes_at);
  self->closes_at = dlg_stmt_dup_text (stmt, 4);
  self->saved = TRUE;
}

static gboolean
check_process (DlgStore  *store,
               gint64     process_id,
               GError   **error)
{
  return dlg_lookup_process (store, sql_process, process_id, _("The process does not exist."),
                             error) != 0;
}

static gboolean
validate (DlgFeature  *self,
          GError     **error)
{
  if (!dlg_check_text (self->rules, FALSE, 20000, _("rules"), NULL, error)
      || !dlg_check_date (self->opens_at, FALSE, _("opens at"), NULL, error)
      || !dlg_check_date (self->closes_at, FALSE, _("closes at"), NULL, error))
    return FALSE;
  if (self->opens_at != NULL && self->closes_at != NULL
      && strcmp (self->closes_at, self->opens_at) < 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A feature cannot close before it opens."));
      return FALSE;
    }
  return TRUE;
}

/* Whether the stored row says enabled (FALSE when there is none); -1 on error. */
static int
stored_enabled (DlgStore    *store,
                gint64       process_id,
                const char  *feature,
                GError     **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  if (!(stmt = dlg_store_prepare (store, sql_enabled, error)))
    return -1;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, feature);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int (stmt, 0) != 0;
  if (rc == SQLITE_DONE)
    return 0;
  dlg_store_set_error (store, rc, error);
  return -1;
}

static gboolean
journal_switch (DlgStore              *store,
                gint64                 process_id,
                const DlgFeatureInfo  *info,
                gboolean               enabled,
                GError               **error)
{
  g_autofree char *summary = NULL;

  summary = g_strdup_printf (enabled ? _("Feature switched on: %s.")
                                     : _("Feature switched off: %s."), info->label);
  return dlg_journal_append (store, process_id, enabled ? "feature.enable" : "feature.disable",
                             "feature", info->id, summary, error);
}

/**
 * dlg_feature_save:
 *
 * Writes the settings of the feature; switching it on or off is journaled, and so are changes
 * of its rules of the game and dates (one entry per burst of typing, with old and new value).
 */
gboolean
dlg_feature_save (DlgStore    *store,
                  DlgFeature  *feature,
                  GError     **error)
{
  static const char * const journaled_properties[] = { "rules", "opens-at", "closes-at", NULL };
  DlgFeature *self = feature;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgFeature) before = NULL;
  g_autofree char *summary = NULL;
  int was_enabled;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_FEATURE (self), FALSE);

  if (!check_process (store, self->process_id, error) ||
      !dlg_stage_check_editable (store, self->process_id, DLG_STAGE_MANDATE, error) ||
      !validate (self, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  was_enabled = stored_enabled (store, self->process_id, self->info->id, error);
  if (was_enabled < 0)
    goto fail;
  before = dlg_feature_load (store, self->process_id, self->info->id, NULL);
  if (!(stmt = dlg_store_prepare (store, sql_save, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, self->process_id);
  dlg_stmt_bind_text (stmt, 2, self->info->id);
  sqlite3_bind_int (stmt, 3, self->enabled);
  dlg_stmt_bind_text (stmt, 4, self->rules);
  dlg_stmt_bind_text (stmt, 5, self->opens_at);
  dlg_stmt_bind_text (stmt, 6, self->closes_at);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (was_enabled != self->enabled
      && !journal_switch (store, self->process_id, self->info, self->enabled, error))
    goto fail;
  summary = g_strdup_printf (_("Rules of the game changed: %s."), self->info->label);
  if (before != NULL
      && !dlg_journal_note_changes (store, self->process_id, "feature.update", "feature",
                                    self->info->id, "mandate", G_OBJECT (before), G_OBJECT (self),
                                    journaled_properties, summary, error))
    goto fail;
  /* The features and their rules of the game are part of the public process page. */
  if (!dlg_process_touch (store, self->process_id, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  if (!self->saved)
    {
      self->saved = TRUE;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SAVED]);
    }
  dlg_store_emit_changed (store, DLG_TYPE_FEATURE, self->process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_feature_load:
 *
 * Returns: (transfer full): the feature of the process, saved or not; %NULL with
 *   %DLG_ERROR_NOT_FOUND for an unknown process or feature
 */
DlgFeature *
dlg_feature_load (DlgStore    *store,
                  gint64       process_id,
                  const char  *feature,
                  GError     **error)
{
  g_autoptr(DlgFeature) self = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (dlg_feature_info_lookup (feature) == NULL)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, _("This feature is unknown."));
      return NULL;
    }
  if (!check_process (store, process_id, error))
    return NULL;
  self = dlg_feature_new (process_id, feature);
  if (!(stmt = dlg_store_prepare (store, sql_load, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, feature);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    read_row (self, stmt);
  else if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&self);
}

/**
 * dlg_feature_list:
 *
 * Returns: (transfer full): a #GListModel of the seven #DlgFeature of the process, in
 *   catalogue order, enabled or not
 */
GListModel *
dlg_feature_list (DlgStore  *store,
                  gint64     process_id,
                  GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (DLG_TYPE_FEATURE);
  g_autoptr(DlgStmt) stmt = NULL;
  const DlgFeatureInfo *catalogue = dlg_feature_catalogue (NULL);
  DlgFeature *features[DLG_N_FEATURES];
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!check_process (store, process_id, error))
    return NULL;
  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  for (guint i = 0; i < DLG_N_FEATURES; i++)
    {
      features[i] = dlg_feature_new (process_id, catalogue[i].id);
      g_list_store_append (list, features[i]);
      g_object_unref (features[i]);
    }
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const DlgFeatureInfo *info = dlg_feature_info_lookup (dlg_stmt_get_text (stmt, 0));

      if (info != NULL)
        read_row (features[info - catalogue], stmt);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/**
 * dlg_feature_delete:
 *
 * Forgets the settings of a feature of the process, which is then disabled; journaled when
 * it was enabled. Deleting a feature that was never saved does nothing.
 */
gboolean
dlg_feature_delete (DlgStore    *store,
                    gint64       process_id,
                    const char  *feature,
                    GError     **error)
{
  const DlgFeatureInfo *info = dlg_feature_info_lookup (feature);
  g_autoptr(DlgStmt) stmt = NULL;
  int was_enabled;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (info == NULL)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, _("This feature is unknown."));
      return FALSE;
    }
  if (!check_process (store, process_id, error) ||
      !dlg_stage_check_editable (store, process_id, DLG_STAGE_MANDATE, error))
    return FALSE;
  if (!dlg_store_begin (store, error))
    return FALSE;
  was_enabled = stored_enabled (store, process_id, info->id, error);
  if (was_enabled < 0)
    goto fail;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, info->id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (was_enabled && !journal_switch (store, process_id, info, FALSE, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_FEATURE, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
