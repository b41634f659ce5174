/* dlg-feature.c — the contributory features of a process, switched on or off
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Seven features exist (the catalogue below); a process has a row in feature_activation for
 * those it has configured, keyed by (process_id, feature): a keyed record of the base, whose
 * blank (a feature never saved) is off with the catalogue's rules. Switching a feature on or
 * off is part of the public record and is journaled (feature.enable, feature.disable), and so
 * are changes of its rules of the game and dates (feature.update, old → new).
 */

#define G_LOG_DOMAIN "dlg-feature"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-feature.h"
#include "dlg-process.h"

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
  DlgRecord parent_instance;

  char     *feature;
  gboolean  enabled;
  char     *rules;
  char     *opens_at;
  char     *closes_at;
  gboolean  saved;
};

G_DEFINE_FINAL_TYPE (DlgFeature, dlg_feature, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgFeature, member)
#define J DLG_FIELD_JOURNALED

/* Switching on and off is an entry of its own (a deleted feature is off), the rules and dates
 * are noted as changes; "saved" says whether the row exists. */
static const DlgField fields[] = {
  { .column = "feature", .property = "feature", .kind = DLG_FIELD_ENUM, .offset = F (feature),
    .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN, .label = N_("feature"),
    .vocabulary = &dlg_vocabulary_feature },
  { .column = "enabled", .property = "enabled", .kind = DLG_FIELD_BOOLEAN,
    .offset = F (enabled), .label = N_("switched on"), .journal_action = "feature.enable",
    .journal_action_off = "feature.disable" },
  { .column = "rules", .property = "rules", .kind = DLG_FIELD_TEXT, .offset = F (rules),
    .flags = J, .label = N_("rules"), .max_chars = 20000 },
  { .column = "opens_at", .property = "opens-at", .kind = DLG_FIELD_DATE,
    .offset = F (opens_at), .flags = DLG_FIELD_NULLABLE | J, .label = N_("opens at") },
  { .column = "closes_at", .property = "closes-at", .kind = DLG_FIELD_DATE,
    .offset = F (closes_at), .flags = DLG_FIELD_NULLABLE | J, .label = N_("closes at") },
  { .column = "1", .property = "saved", .kind = DLG_FIELD_BOOLEAN, .offset = F (saved),
    .flags = DLG_FIELD_SELECT_ONLY | DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN,
    .label = N_("saved") },
};

#undef F
#undef J

static void dlg_feature_init_blank (DlgRecord *record);

static const DlgRecordInfo info = {
  .name = "feature",
  .table = "feature_activation",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .journal_update = "feature.update",
  .not_found = N_("This feature is unknown."),
  .flags = DLG_RECORD_NO_UUID | DLG_RECORD_EDITABLE_FIRST,
  .stage = "mandate",
  .key_field = "feature",
  .init_blank = dlg_feature_init_blank,
};

static const char sql_process[] = "SELECT id FROM process WHERE id = ?1";

/* A feature never saved is off, with the catalogue's rules of the game. */
static void
dlg_feature_init_blank (DlgRecord *record)
{
  DlgFeature *self = DLG_FEATURE (record);

  dlg_record_set_string (record, "rules", dlg_feature_info_lookup (self->feature)->default_rules);
}

static gboolean
dlg_feature_validate (DlgRecord  *record,
                      DlgStore   *store,
                      gint64      process_id,
                      GError    **error)
{
  DlgFeature *self = DLG_FEATURE (record);

  if (self->opens_at != NULL && self->closes_at != NULL
      && strcmp (self->closes_at, self->opens_at) < 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A feature cannot close before it opens."));
      return FALSE;
    }
  return TRUE;
}

static char *
dlg_feature_describe (DlgRecord       *record,
                      DlgStore        *store,
                      DlgRecordChange  change)
{
  return g_strdup_printf (_("Rules of the game changed: %s."),
                          dlg_feature_get_label (DLG_FEATURE (record)));
}

static char *
dlg_feature_describe_field (DlgRecord       *record,
                            DlgStore        *store,
                            const DlgField  *field)
{
  DlgFeature *self = DLG_FEATURE (record);

  return g_strdup_printf (self->enabled ? _("Feature switched on: %s.")
                                        : _("Feature switched off: %s."),
                          dlg_feature_get_label (self));
}

/* The features and their rules of the game are part of the public process page. */
static gboolean
dlg_feature_after_write (DlgRecord        *record,
                         DlgStore         *store,
                         gint64            process_id,
                         DlgRecordChange   change,
                         GError          **error)
{
  return change == DLG_RECORD_DELETE || dlg_process_touch (store, process_id, error);
}

static void
dlg_feature_class_init (DlgFeatureClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->validate = dlg_feature_validate;
  record_class->describe = dlg_feature_describe;
  record_class->describe_field = dlg_feature_describe_field;
  record_class->after_write = dlg_feature_after_write;
  dlg_record_class_set_info (record_class, &info);
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
  g_return_val_if_fail (dlg_feature_info_lookup (feature) != NULL, NULL);

  return dlg_record_new_for_key (DLG_TYPE_FEATURE, process_id, g_variant_new_string (feature));
}

gint64
dlg_feature_get_process_id (DlgFeature *self)
{
  return dlg_record_get_process_id (DLG_RECORD (self));
}

/* The catalogue's id, which lives as long as the program (views keep it on their rows). */
const char *
dlg_feature_get_feature (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), NULL);
  return dlg_feature_info_lookup (self->feature)->id;
}

const char *
dlg_feature_get_label (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), NULL);
  return dlg_feature_info_lookup (self->feature)->label;
}

const char *
dlg_feature_get_description (DlgFeature *self)
{
  g_return_val_if_fail (DLG_IS_FEATURE (self), NULL);
  return dlg_feature_info_lookup (self->feature)->description;
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
  dlg_record_set_boolean (DLG_RECORD (self), "enabled", enabled);
}

void
dlg_feature_set_rules (DlgFeature *self,
                       const char *rules)
{
  dlg_record_set_string (DLG_RECORD (self), "rules", rules);
}

void
dlg_feature_set_opens_at (DlgFeature *self,
                          const char *opens_at)
{
  dlg_record_set_string (DLG_RECORD (self), "opens-at",
                         opens_at != NULL && *opens_at == '\0' ? NULL : opens_at);
}

void
dlg_feature_set_closes_at (DlgFeature *self,
                           const char *closes_at)
{
  dlg_record_set_string (DLG_RECORD (self), "closes-at",
                         closes_at != NULL && *closes_at == '\0' ? NULL : closes_at);
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
  g_return_val_if_fail (DLG_IS_FEATURE (feature), FALSE);

  return dlg_record_save (DLG_RECORD (feature), store, error);
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
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (dlg_feature_info_lookup (feature) == NULL)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, _(info.not_found));
      return NULL;
    }
  return dlg_record_load_by_key (store, DLG_TYPE_FEATURE, process_id,
                                 g_variant_new_string (feature), error);
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
  g_autoptr(GListModel) rows = NULL;
  DlgFeature *features[DLG_N_FEATURES] = { NULL };
  guint n_features;
  const DlgFeatureInfo *catalogue = dlg_feature_catalogue (&n_features);

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (dlg_lookup_process (store, sql_process, process_id, _("The process does not exist."),
                          error) == 0
      || !(rows = dlg_record_list (store, DLG_TYPE_FEATURE, process_id, NULL, NULL, error)))
    return NULL;
  /* The catalogue, each feature as its stored row or else its blank. */
  for (guint i = 0; i < g_list_model_get_n_items (rows); i++)
    {
      DlgFeature *row = g_list_model_get_item (rows, i);
      const DlgFeatureInfo *row_info = dlg_feature_info_lookup (row->feature);

      if (row_info != NULL)
        features[row_info - catalogue] = row;
      else
        g_object_unref (row);
    }
  for (guint i = 0; i < n_features; i++)
    {
      g_autoptr(DlgFeature) feature = features[i] != NULL ? features[i]
                                      : dlg_feature_new (process_id, catalogue[i].id);

      g_list_store_append (list, feature);
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
  g_autoptr(DlgFeature) self = dlg_feature_load (store, process_id, feature, error);

  return self != NULL && dlg_record_delete_record (DLG_RECORD (self), store, error);
}
