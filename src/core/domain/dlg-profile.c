/* dlg-profile.c — the vocabulary of quota profiles of a process, and values that do not fit it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A process defines its profile categories (the profile columns of `participant`: age band,
 * gender, commune, quartier, socio-professional category, prior participation) and their values
 * once, each an id and a French label (tables profile_category and profile_value, seeded with
 * the defaults for every new process). Registrations and quotas hold ids and are matched
 * exactly on them; the officer reads labels. A registration whose value is not one of its
 * category's values (pulled from an older site, imported, typed before the vocabulary existed)
 * "does not fit": it is listed with the person's name, mapped to a value by the officer, and a
 * draw refuses to start while one in its pool does not fit.
 */

#define G_LOG_DOMAIN "dlg-profile"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-participant.h"
#include "dlg-process.h"
#include "dlg-profile.h"
#include "dlg-quota.h"
#include "dlg-stage-rules.h"
#include "dlg-store-private.h"

struct _DlgProfile
{
  GPtrArray *categories;   /* DlgProfileCategory */
};

static const char sql_categories[] =
  "SELECT category, label, required FROM profile_category WHERE process_id = ?1"
  " ORDER BY rank, category";
static const char sql_values[] =
  "SELECT category, value, label FROM profile_value WHERE process_id = ?1"
  " ORDER BY rank, label COLLATE NOCASE, value";
static const char sql_set_value[] =
  "INSERT INTO profile_value (process_id, category, value, label, rank)"
  " VALUES (?1, ?2, ?3, ?4, (SELECT coalesce (max (rank), 0) + 1 FROM profile_value"
  "   WHERE process_id = ?1 AND category = ?2))"
  " ON CONFLICT (process_id, category, value) DO UPDATE SET label = excluded.label";
static const char sql_category_exists[] =
  "SELECT 1 FROM profile_category WHERE process_id = ?1 AND category = ?2";
static const char sql_quota_categories[] =
  "SELECT DISTINCT category FROM quota WHERE process_id = ?1";
static const char sql_registrations[] =
  "SELECT p.id, p.age_band, p.gender, p.commune, p.quartier, p.occupation,"
  " coalesce (c.full_name, ''),"
  " p.consent = 1 AND p.status IN ('registered', 'selected', 'reserve')"
  " FROM participant p LEFT JOIN participant_contact c ON c.participant_id = p.id"
  " WHERE p.process_id = ?1 AND p.status <> 'erased'"
  " ORDER BY c.full_name COLLATE NOCASE, p.id";

/* The text categories, in the order of the columns of sql_registrations (from column 1). */
static const char *const text_categories[] = {
  "age_band", "gender", "commune", "quartier", "occupation",
};

/* One statement per profile column: column names cannot be bound. */
static const char *const sql_map[] = {
  "UPDATE participant SET age_band = ?3 WHERE process_id = ?1 AND age_band = ?2",
  "UPDATE participant SET gender = ?3 WHERE process_id = ?1 AND gender = ?2",
  "UPDATE participant SET commune = ?3 WHERE process_id = ?1 AND commune = ?2",
  "UPDATE participant SET quartier = ?3 WHERE process_id = ?1 AND quartier = ?2",
  "UPDATE participant SET occupation = ?3 WHERE process_id = ?1 AND occupation = ?2",
};
static const char sql_map_quota[] =
  "UPDATE OR IGNORE quota SET value = ?3 WHERE process_id = ?1 AND category = ?4"
  " AND value = ?2";

static void
value_free (DlgProfileValue *value)
{
  g_free (value->value);
  g_free (value->label);
  g_free (value);
}

static void
category_free (DlgProfileCategory *category)
{
  g_free (category->category);
  g_free (category->label);
  g_ptr_array_unref (category->values);
  g_free (category);
}

static gboolean
is_blank (const char *text)
{
  for (const char *p = text; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    if (!g_unichar_isspace (g_utf8_get_char (p)))
      return FALSE;
  return TRUE;
}

static int
text_category_index (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (text_categories); i++)
    if (g_strcmp0 (text_categories[i], category) == 0)
      return i;
  return -1;
}

void
dlg_profile_free (DlgProfile *profile)
{
  if (profile == NULL)
    return;
  g_ptr_array_unref (profile->categories);
  g_free (profile);
}

void
dlg_profile_misfit_free (DlgProfileMisfit *misfit)
{
  if (misfit == NULL)
    return;
  g_free (misfit->full_name);
  g_free (misfit->category);
  g_free (misfit->value);
  g_free (misfit);
}

/**
 * dlg_profile_load:
 * @store: a #DlgStore
 * @process_id: a process
 * @error: return location for a #GError
 *
 * Returns: (transfer full) (nullable): the categories of @process_id and their values
 */
DlgProfile *
dlg_profile_load (DlgStore  *store,
                  gint64     process_id,
                  GError   **error)
{
  g_autoptr(DlgProfile) profile = g_new0 (DlgProfile, 1);
  g_autoptr(DlgStmt) categories = NULL;
  g_autoptr(DlgStmt) values = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  profile->categories = g_ptr_array_new_with_free_func ((GDestroyNotify) category_free);
  if (!(categories = dlg_store_prepare (store, sql_categories, error)))
    return NULL;
  sqlite3_bind_int64 (categories, 1, process_id);
  while ((rc = sqlite3_step (categories)) == SQLITE_ROW)
    {
      DlgProfileCategory *category = g_new0 (DlgProfileCategory, 1);

      category->category = dlg_stmt_dup_text (categories, 0);
      category->label = dlg_stmt_dup_text (categories, 1);
      category->required = sqlite3_column_int (categories, 2) != 0;
      category->values = g_ptr_array_new_with_free_func ((GDestroyNotify) value_free);
      g_ptr_array_add (profile->categories, category);
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;

  if (!(values = dlg_store_prepare (store, sql_values, error)))
    return NULL;
  sqlite3_bind_int64 (values, 1, process_id);
  while ((rc = sqlite3_step (values)) == SQLITE_ROW)
    {
      DlgProfileCategory *category =
        (DlgProfileCategory *) dlg_profile_find_category (profile, dlg_stmt_get_text (values, 0));
      DlgProfileValue *value;

      if (category == NULL)
        continue;
      value = g_new0 (DlgProfileValue, 1);
      value->value = dlg_stmt_dup_text (values, 1);
      value->label = dlg_stmt_dup_text (values, 2);
      g_ptr_array_add (category->values, value);
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  return g_steal_pointer (&profile);
}

guint
dlg_profile_get_n_categories (DlgProfile *profile)
{
  g_return_val_if_fail (profile != NULL, 0);
  return profile->categories->len;
}

const DlgProfileCategory *
dlg_profile_get_category (DlgProfile *profile,
                          guint       index)
{
  g_return_val_if_fail (profile != NULL, NULL);
  g_return_val_if_fail (index < profile->categories->len, NULL);
  return g_ptr_array_index (profile->categories, index);
}

/* Returns: (nullable): the category, or %NULL (also for a %NULL @profile) */
const DlgProfileCategory *
dlg_profile_find_category (DlgProfile *profile,
                           const char *category)
{
  if (profile == NULL)
    return NULL;

  for (guint i = 0; i < profile->categories->len; i++)
    {
      DlgProfileCategory *c = g_ptr_array_index (profile->categories, i);

      if (g_strcmp0 (c->category, category) == 0)
        return c;
    }
  return NULL;
}

/* The label of @category, or %NULL when the process has no such category. */
const char *
dlg_profile_get_category_label (DlgProfile *profile,
                                const char *category)
{
  const DlgProfileCategory *c = dlg_profile_find_category (profile, category);

  return c != NULL ? c->label : NULL;
}

/**
 * dlg_profile_get_value_label:
 *
 * Matching is exact on ids.
 *
 * Returns: (nullable): the label of @value in @category, or %NULL when it does not fit
 */
const char *
dlg_profile_get_value_label (DlgProfile *profile,
                             const char *category,
                             const char *value)
{
  const DlgProfileCategory *c = dlg_profile_find_category (profile, category);

  for (guint i = 0; c != NULL && value != NULL && i < c->values->len; i++)
    {
      DlgProfileValue *v = g_ptr_array_index (c->values, i);

      if (g_str_equal (v->value, value))
        return v->label;
    }
  return NULL;
}

/**
 * dlg_profile_describe:
 *
 * A category and a value in the officer's words: "Tranche d’âge — 30 à 44 ans". A value that
 * does not fit is shown as typed, in quotes.
 *
 * Returns: (transfer full): plain text
 */
char *
dlg_profile_describe (DlgProfile *profile,
                      const char *category,
                      const char *value)
{
  const char *category_label = dlg_profile_get_category_label (profile, category);
  const char *value_label = dlg_profile_get_value_label (profile, category, value);

  if (category_label == NULL)
    category_label = category;
  if (value_label != NULL)
    /* Translators: a profile category and one of its values, e.g. "Age band — 30 to 44". */
    return g_strdup_printf (_("%s — %s"), category_label, value_label);
  if (value == NULL || *value == '\0')
    /* Translators: a profile category with no answer, e.g. "Gender — no answer". */
    return g_strdup_printf (_("%s — no answer"), category_label);
  /* Translators: a category and a value that is not one of its values, e.g. Gender — “F”. */
  return g_strdup_printf (_("%s — “%s”"), category_label, value);
}

/**
 * dlg_profile_participant_value:
 *
 * Returns: (nullable): the id @participant holds for @category ("yes" or "no" for prior
 *   participation), or %NULL for an unknown category
 */
const char *
dlg_profile_participant_value (DlgParticipant *participant,
                               const char     *category)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (participant), NULL);

  if (g_strcmp0 (category, "age_band") == 0)
    return dlg_participant_get_age_band (participant);
  if (g_strcmp0 (category, "gender") == 0)
    return dlg_participant_get_gender (participant);
  if (g_strcmp0 (category, "commune") == 0)
    return dlg_participant_get_commune (participant);
  if (g_strcmp0 (category, "quartier") == 0)
    return dlg_participant_get_quartier (participant);
  if (g_strcmp0 (category, "occupation") == 0)
    return dlg_participant_get_occupation (participant);
  if (g_strcmp0 (category, "prior_participation") == 0)
    return dlg_participant_get_prior_participation (participant) ? "yes" : "no";
  return NULL;
}

/* Sets what @participant holds for @category (not saved). FALSE for an unknown category. */
gboolean
dlg_profile_set_participant_value (DlgParticipant *participant,
                                   const char     *category,
                                   const char     *value)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT (participant), FALSE);

  if (g_strcmp0 (category, "age_band") == 0)
    dlg_participant_set_age_band (participant, value);
  else if (g_strcmp0 (category, "gender") == 0)
    dlg_participant_set_gender (participant, value);
  else if (g_strcmp0 (category, "commune") == 0)
    dlg_participant_set_commune (participant, value);
  else if (g_strcmp0 (category, "quartier") == 0)
    dlg_participant_set_quartier (participant, value);
  else if (g_strcmp0 (category, "occupation") == 0)
    dlg_participant_set_occupation (participant, value);
  else if (g_strcmp0 (category, "prior_participation") == 0)
    dlg_participant_set_prior_participation (participant, g_strcmp0 (value, "yes") == 0);
  else
    return FALSE;
  return TRUE;
}

G_DEFINE_POINTER_TYPE (DlgProfile, dlg_profile)

/**
 * dlg_profile_set_value:
 * @store: a #DlgStore
 * @process_id: a process
 * @category: one of its categories
 * @value: an id (new, or one whose label changes)
 * @label: what the officer and the public read
 * @error: return location for a #GError
 *
 * Adds a value to a category of the process, or relabels it; the public page of the process
 * (which carries the registration form's choices) is pushed again.
 */
gboolean
dlg_profile_set_value (DlgStore    *store,
                       gint64       process_id,
                       const char  *category,
                       const char  *value,
                       const char  *label,
                       GError     **error)
{
  g_autoptr(DlgStmt) exists = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (is_blank (value) || is_blank (label))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A value of the profile needs an id and a label."));
      return FALSE;
    }
  /* The bounds of the site's `profile` (sync v1). */
  if (g_utf8_strlen (value, -1) > 100 || g_utf8_strlen (label, -1) > 200)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A value of the profile has at most 100 characters, and its label "
                             "200."));
      return FALSE;
    }
  /* The vocabulary is recruitment's: read-only once the stage is closed. */
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RECRUITMENT, error))
    return FALSE;
  if (!(exists = dlg_store_prepare (store, sql_category_exists, error)))
    return FALSE;
  sqlite3_bind_int64 (exists, 1, process_id);
  dlg_stmt_bind_text (exists, 2, category);
  rc = sqlite3_step (exists);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This process has no such profile category."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_set_value, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, category);
  dlg_stmt_bind_text (stmt, 3, value);
  dlg_stmt_bind_text (stmt, 4, label);
  if (!dlg_store_step_done (store, stmt, error) || !dlg_process_touch (store, process_id, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_PROFILE, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_profile_list_misfits:
 * @store: a #DlgStore
 * @process_id: a process
 * @error: return location for a #GError
 *
 * The registrations (not erased) holding a value that is not one of its category's values, or
 * no value for a category that a quota uses (the draw could not place them), by name.
 *
 * Returns: (transfer full) (element-type DlgProfileMisfit) (nullable): the list, or %NULL with
 *   @error set
 */
GPtrArray *
dlg_profile_list_misfits (DlgStore  *store,
                          gint64     process_id,
                          GError   **error)
{
  g_autoptr(DlgProfile) profile = NULL;
  g_autoptr(GPtrArray) misfits = NULL;
  g_autoptr(GHashTable) quota_categories = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                  g_free, NULL);
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(profile = dlg_profile_load (store, process_id, error)))
    return NULL;
  if (!(stmt = dlg_store_prepare (store, sql_quota_categories, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (quota_categories, dlg_stmt_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  g_clear_pointer (&stmt, dlg_stmt_release);

  misfits = g_ptr_array_new_with_free_func ((GDestroyNotify) dlg_profile_misfit_free);
  if (!(stmt = dlg_store_prepare (store, sql_registrations, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    for (guint c = 0; c < G_N_ELEMENTS (text_categories); c++)
      {
        const char *category = text_categories[c];
        const char *value = dlg_stmt_get_text (stmt, c + 1);
        DlgProfileMisfit *misfit;

        if (*value == '\0' ? !g_hash_table_contains (quota_categories, category)
                           : dlg_profile_get_value_label (profile, category, value) != NULL)
          continue;
        misfit = g_new0 (DlgProfileMisfit, 1);
        misfit->participant_id = sqlite3_column_int64 (stmt, 0);
        misfit->full_name = g_strdup (dlg_stmt_get_text (stmt, 6));
        misfit->category = g_strdup (category);
        misfit->value = g_strdup (value);
        misfit->in_pool = sqlite3_column_int (stmt, 7) != 0;
        g_ptr_array_add (misfits, misfit);
      }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error), NULL;
  return g_steal_pointer (&misfits);
}

/**
 * dlg_profile_describe_misfits:
 *
 * Who and what, in one sentence for an error message: "Camille Martin (Genre — “F”), …",
 * one entry per person. People are named, never numbered; at most eight are listed.
 *
 * Returns: (transfer full): plain text
 */
char *
dlg_profile_describe_misfits (DlgProfile *profile,
                              GPtrArray  *misfits)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autoptr(GPtrArray) people = g_ptr_array_new_with_free_func (g_free);
  guint shown;

  /* One entry per person, with all their values to fix (the list comes by person). */
  for (guint i = 0; i < misfits->len; )
    {
      DlgProfileMisfit *m = g_ptr_array_index (misfits, i);
      g_autoptr(GString) what = g_string_new (NULL);
      const char *name = *m->full_name != '\0' ? m->full_name : _("a registration with no name");
      guint j = i;

      for (; j < misfits->len; j++)
        {
          DlgProfileMisfit *n = g_ptr_array_index (misfits, j);
          g_autofree char *one = NULL;

          if (n->participant_id != m->participant_id)
            break;
          one = dlg_profile_describe (profile, n->category, n->value);
          if (j > i)
            g_string_append (what, ", ");
          g_string_append (what, one);
        }
      /* Translators: a person and the values to fix, e.g. "Camille Martin (Gender — “F”)". */
      g_ptr_array_add (people, g_strdup_printf (_("%s (%s)"), name, what->str));
      i = j;
    }

  shown = MIN (people->len, 8);
  for (guint i = 0; i < shown; i++)
    {
      if (i > 0)
        g_string_append (text, i + 1 == shown && shown == people->len ? _(" and ") : ", ");
      g_string_append (text, g_ptr_array_index (people, i));
    }
  if (people->len > shown)
    g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, ", and %u other",
                                               ", and %u others", people->len - shown),
                            people->len - shown);
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/**
 * dlg_profile_map_value:
 * @store: a #DlgStore
 * @process_id: a process
 * @category: a text category of the profile
 * @from: a value that does not fit ("" for no answer)
 * @to: one of the category's values, or "" (no answer) for a category that is not required
 * @n_changed: (out) (optional): how many registrations changed
 * @error: return location for a #GError
 *
 * Replaces @from by @to for every registration of the process, and in its quotas, in one
 * transaction.
 */
gboolean
dlg_profile_map_value (DlgStore    *store,
                       gint64       process_id,
                       const char  *category,
                       const char  *from,
                       const char  *to,
                       guint       *n_changed,
                       GError     **error)
{
  g_autoptr(DlgProfile) profile = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) quota = NULL;
  int index = text_category_index (category);
  guint changed;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (from != NULL, FALSE);

  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RECRUITMENT, error))
    return FALSE;
  if (!(profile = dlg_profile_load (store, process_id, error)))
    return FALSE;
  /* "No answer" is a choice for a category that is not required. */
  if (index >= 0 && to != NULL && *to == '\0' && dlg_profile_find_category (profile, category)
      && !dlg_profile_find_category (profile, category)->required)
    ;
  else if (index < 0 || dlg_profile_get_value_label (profile, category, to) == NULL)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Choose one of the values of the category."));
      return FALSE;
    }
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_map[index], error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, from);
  dlg_stmt_bind_text (stmt, 3, to);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  changed = sqlite3_changes (dlg_store_get_db (store));
  if (!(quota = dlg_store_prepare (store, sql_map_quota, error)))
    goto fail;
  sqlite3_bind_int64 (quota, 1, process_id);
  dlg_stmt_bind_text (quota, 2, from);
  dlg_stmt_bind_text (quota, 3, to);
  dlg_stmt_bind_text (quota, 4, category);
  if (!dlg_store_step_done (store, quota, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;
  if (n_changed != NULL)
    *n_changed = changed;
  dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT, process_id);
  dlg_store_emit_changed (store, DLG_TYPE_QUOTA, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
