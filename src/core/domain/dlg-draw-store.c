/* dlg-draw-store.c — draws kept in the store, and their public record
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pool of a process is its consenting registrations that are not yet invited; the
 * categories are the quota profile columns of `participant`. Saving a draw records its inputs
 * (with the seed, so that it can be replayed), its result and every probability, marks the
 * panel and the reserve list, and appends to the journal, in one transaction.
 */

#define G_LOG_DOMAIN "dlg-draw"

#include "config.h"

#include <stdlib.h>

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dlg-draw-private.h"
#include "dlg-lp.h"
#include "dlg-draw-store.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-participant.h"
#include "dlg-profile.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

static const char sql_select_quotas[] =
  "SELECT category, value, min, max, min_flex, max_flex FROM quota"
  " WHERE process_id = ? ORDER BY id";

static const char sql_select_pool[] =
  "SELECT id, age_band, gender, commune, quartier, occupation, prior_participation, household"
  " FROM participant WHERE process_id = ? AND consent = 1"
  " AND status IN ('registered', 'selected', 'reserve') ORDER BY id";

static const char sql_insert_draw[] =
  "INSERT INTO draw (uuid, process_id, algorithm, seed, panel_size, inputs_json, result_json,"
  " min_probability, max_probability, duration_ms, created_at)"
  " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

static const char sql_insert_probability[] =
  "INSERT INTO draw_probability (draw_id, participant_id, probability, selected, reserve_rank)"
  " VALUES (?, ?, ?, ?, ?)";

static const char sql_reset_participants[] =
  "UPDATE participant SET status = 'registered', reserve_rank = NULL"
  " WHERE process_id = ? AND status IN ('selected', 'reserve')";

static const char sql_mark_participant[] =
  "UPDATE participant SET status = ?, reserve_rank = ? WHERE id = ? AND process_id = ?";

/* The quota categories a draw can use: the profile columns of `participant`, in the order of
 * sql_select_pool (column 1 onwards). */
static const char *const profile_columns[] = {
  "age_band", "gender", "commune", "quartier", "occupation", "prior_participation",
};

static int
profile_column (const char *category)
{
  for (guint i = 0; i < G_N_ELEMENTS (profile_columns); i++)
    if (g_str_equal (category, profile_columns[i]))
      return i + 1;
  return -1;
}

/* The value of a pool row for a profile column, as the quotas hold it. */
static const char *
pool_value (DlgStmt *stmt,
            int      column)
{
  if (column == 6)
    return sqlite3_column_int (stmt, column) != 0 ? "yes" : "no";
  return dlg_stmt_get_text (stmt, column);
}

typedef struct
{
  char  *id;
  char **values;     /* one per category of the input */
  char  *household;
} PoolRow;

static void
pool_row_free (PoolRow *row)
{
  g_free (row->id);
  g_strfreev (row->values);
  g_free (row->household);
  g_free (row);
}

/* Refuses a draw while a registration of the pool holds a value that does not fit the
 * process's vocabulary, naming them and the value. */
static gboolean
check_misfits (DlgStore    *store,
               gint64       process_id,
               DlgProfile  *profile,
               GError     **error)
{
  g_autoptr(GPtrArray) misfits = dlg_profile_list_misfits (store, process_id, error);
  g_autofree char *who = NULL;

  if (misfits == NULL)
    return FALSE;
  for (guint i = misfits->len; i > 0; i--)
    if (!((DlgProfileMisfit *) g_ptr_array_index (misfits, i - 1))->in_pool)
      g_ptr_array_remove_index (misfits, i - 1);
  if (misfits->len == 0)
    return TRUE;
  who = dlg_profile_describe_misfits (profile, misfits);
  g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
               _("The draw cannot start while values do not fit the profile of the process "
                 "(fix them under “Values to fix”): %s."), who);
  return FALSE;
}

/**
 * dlg_draw_input_new_for_process:
 * @store: a #DlgStore
 * @process_id: a process
 * @size: the panel size
 * @seed: the seed of the draw
 * @algorithm: the algorithm
 * @error: return location for a #GError
 *
 * The input of a draw for @process_id: its quotas, and its pool (registrations with consent,
 * not yet invited, including those of an earlier draw's panel and reserve list). Ids are the
 * participants' row ids. Quotas and registrations are matched exactly on the ids of the
 * process's profile vocabulary; the draw is refused, naming the people, while a registration
 * of the pool holds a value that does not fit it. A value of the vocabulary that someone holds
 * and no quota mentions gets an open quota (0 to the panel size) in a category with quotas.
 *
 * Returns: (transfer full) (nullable): the input, or %NULL with @error set: %DLG_ERROR_INVALID
 *   for what the profile of the process refuses, the engine's %DLG_DRAW_ERROR_INVALID_QUOTA or
 *   %DLG_DRAW_ERROR_INVALID_PERSON for what the draw cannot take
 */
DlgDrawInput *
dlg_draw_input_new_for_process (DlgStore          *store,
                                gint64             process_id,
                                guint              size,
                                guint32            seed,
                                DlgDrawAlgorithm   algorithm,
                                GError           **error)
{
  g_autoptr(DlgDrawInput) input = dlg_draw_input_new ();
  g_autoptr(DlgProfile) profile = NULL;
  g_autoptr(GPtrArray) pool = g_ptr_array_new_with_free_func ((GDestroyNotify) pool_row_free);
  g_autoptr(GHashTable) quota_keys = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                            NULL);
  g_autofree int *columns = NULL;
  g_autofree const char **values = NULL;
  guint n_categories;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  dlg_draw_input_set_size (input, size);
  dlg_draw_input_set_seed (input, seed);
  dlg_draw_input_set_algorithm (input, algorithm);

  if (!(profile = dlg_profile_load (store, process_id, error)))
    return NULL;
  if (!check_misfits (store, process_id, profile, error))
    return NULL;

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_select_quotas, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, process_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        const char *category = dlg_stmt_get_text (stmt, 0);
        const char *value = dlg_stmt_get_text (stmt, 1);

        if (profile_column (category) < 0
            || dlg_profile_find_category (profile, category) == NULL)
          {
            g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                         _("The quota category “%s” is not part of the registration profile "
                           "of the process."), category);
            return NULL;
          }
        if (dlg_profile_get_value_label (profile, category, value) == NULL)
          {
            g_autofree char *what = dlg_profile_describe (profile, category, value);

            g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                         _("The quota “%s” is not one of the values of the profile: change "
                           "it or delete it."), what);
            return NULL;
          }
        if (!dlg_draw_input_add_quota (
              input, category, value, sqlite3_column_int (stmt, 2),
              sqlite3_column_int (stmt, 3),
              sqlite3_column_type (stmt, 4) == SQLITE_NULL ? DLG_DRAW_FLEX_UNSET
                                                           : sqlite3_column_int (stmt, 4),
              sqlite3_column_type (stmt, 5) == SQLITE_NULL ? DLG_DRAW_FLEX_UNSET
                                                           : sqlite3_column_int (stmt, 5),
              error))
          return NULL;
        g_hash_table_add (quota_keys, g_strconcat (category, "\x1f", value, NULL));
      }
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), NULL;
  }

  n_categories = dlg_draw_input_get_n_categories (input);
  columns = g_new (int, MAX (1, n_categories));
  values = g_new0 (const char *, n_categories + 1);
  for (guint c = 0; c < n_categories; c++)
    columns[c] = profile_column (dlg_draw_input_get_category (input, c));

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_select_pool, error);

    if (stmt == NULL)
      return NULL;
    sqlite3_bind_int64 (stmt, 1, process_id);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        PoolRow *row = g_new0 (PoolRow, 1);

        row->id = g_strdup_printf ("%" G_GINT64_FORMAT, (gint64) sqlite3_column_int64 (stmt, 0));
        row->values = g_new0 (char *, n_categories + 1);
        for (guint c = 0; c < n_categories; c++)
          row->values[c] = g_strdup (pool_value (stmt, columns[c]));
        row->household = sqlite3_column_type (stmt, 7) == SQLITE_NULL
                           ? NULL : g_strdup (dlg_stmt_get_text (stmt, 7));
        g_ptr_array_add (pool, row);
      }
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error), NULL;
  }

  /* Values of the vocabulary that someone holds and no quota mentions are open. */
  for (guint p = 0; p < pool->len; p++)
    {
      PoolRow *row = g_ptr_array_index (pool, p);

      for (guint c = 0; c < n_categories; c++)
        {
          const char *category = dlg_draw_input_get_category (input, c);
          g_autofree char *key = g_strconcat (category, "\x1f", row->values[c], NULL);

          if (g_hash_table_contains (quota_keys, key))
            continue;
          if (!dlg_draw_input_add_quota (input, category, row->values[c], 0, size,
                                         DLG_DRAW_FLEX_UNSET, DLG_DRAW_FLEX_UNSET, error))
            return NULL;
          g_hash_table_add (quota_keys, g_steal_pointer (&key));
        }
    }

  for (guint p = 0; p < pool->len; p++)
    {
      PoolRow *row = g_ptr_array_index (pool, p);

      for (guint c = 0; c < n_categories; c++)
        values[c] = row->values[c];
      if (!dlg_draw_input_add_person (input, row->id, values, row->household, error))
        return NULL;
    }
  return g_steal_pointer (&input);
}

static gboolean
participant_id (DlgDrawInput  *input,
                guint          person,
                gint64        *id,
                GError       **error)
{
  const char *text = dlg_draw_input_get_person_id (input, person);
  char *end;

  *id = g_ascii_strtoll (text, &end, 10);
  if (*text != '\0' && *end == '\0' && *id > 0)
    return TRUE;
  g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                       _("Someone in this draw is not a registration of this process: draw "
                         "again."));
  return FALSE;
}

static gboolean
mark (DlgStore    *store,
      gint64       process_id,
      gint64       id,
      const char  *status,
      int          rank,
      GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_mark_participant, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, status);
  if (rank > 0)
    sqlite3_bind_int (stmt, 2, rank);
  else
    sqlite3_bind_null (stmt, 2);
  sqlite3_bind_int64 (stmt, 3, id);
  sqlite3_bind_int64 (stmt, 4, process_id);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  if (sqlite3_changes (dlg_store_get_db (store)) != 1)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("A registration of this draw was deleted or belongs to another "
                             "process: draw again."));
      return FALSE;
    }
  return TRUE;
}

/**
 * dlg_draw_save:
 * @store: a #DlgStore
 * @process_id: the process drawn for
 * @result: a result of dlg_draw_run() on dlg_draw_input_new_for_process()
 * @draw_id: (out) (optional): the id of the new `draw` row
 * @error: return location for a #GError
 *
 * Records the draw (inputs with seed and quotas, result, every probability), marks the panel
 * "selected" and the reserve list "reserve" with its rank (the panel and reserve of an earlier
 * draw go back to "registered"), and appends a journal entry, in one transaction.
 */
gboolean
dlg_draw_save (DlgStore       *store,
               gint64          process_id,
               DlgDrawResult  *result,
               gint64         *draw_id,
               GError        **error)
{
  DlgDrawInput *input;
  g_autofree char *uuid = dlg_uuid_new ();
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *inputs_json = NULL;
  g_autofree char *result_json = NULL;
  g_autofree char *summary = NULL;
  g_autofree gboolean *selected = NULL;
  g_autofree int *rank = NULL;
  const guint *panel, *reserve;
  guint n_panel, n_reserve, n_people;
  gint64 id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (result), FALSE);

  /* A second panel is never saved over the first once recruitment is done. */
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RECRUITMENT, error))
    return FALSE;
  input = dlg_draw_result_get_input (result);
  n_people = dlg_draw_input_get_n_people (input);
  panel = dlg_draw_result_get_panel (result, &n_panel);
  reserve = dlg_draw_result_get_reserve (result, &n_reserve);
  selected = g_new0 (gboolean, MAX (1, n_people));
  rank = g_new0 (int, MAX (1, n_people));
  for (guint i = 0; i < n_panel; i++)
    selected[panel[i]] = TRUE;
  for (guint i = 0; i < n_reserve; i++)
    rank[reserve[i]] = i + 1;
  inputs_json = dlg_draw_input_to_json (input);
  result_json = dlg_draw_result_to_json (result);

  if (!dlg_store_begin (store, error))
    return FALSE;
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_insert_draw, error);

    if (stmt == NULL)
      goto fail;
    dlg_stmt_bind_text (stmt, 1, uuid);
    sqlite3_bind_int64 (stmt, 2, process_id);
    dlg_stmt_bind_text (stmt, 3,
                        dlg_draw_algorithm_to_string (dlg_draw_result_get_algorithm (result)));
    sqlite3_bind_int64 (stmt, 4, dlg_draw_result_get_seed (result));
    sqlite3_bind_int (stmt, 5, n_panel);
    dlg_stmt_bind_text (stmt, 6, inputs_json);
    dlg_stmt_bind_text (stmt, 7, result_json);
    sqlite3_bind_double (stmt, 8, dlg_draw_result_get_min_probability (result));
    sqlite3_bind_double (stmt, 9, dlg_draw_result_get_max_probability (result));
    sqlite3_bind_int64 (stmt, 10, dlg_draw_result_get_duration_ms (result));
    dlg_stmt_bind_text (stmt, 11, now);
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
    id = sqlite3_last_insert_rowid (dlg_store_get_db (store));
  }
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_reset_participants, error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, process_id);
    if (!dlg_store_step_done (store, stmt, error))
      goto fail;
  }
  for (guint p = 0; p < n_people; p++)
    {
      g_autoptr(DlgStmt) stmt = NULL;
      gint64 pid;

      if (!participant_id (input, p, &pid, error))
        goto fail;
      if (!(stmt = dlg_store_prepare (store, sql_insert_probability, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, pid);
      sqlite3_bind_double (stmt, 3, dlg_draw_result_get_probability (result, p));
      sqlite3_bind_int (stmt, 4, selected[p]);
      if (rank[p] > 0)
        sqlite3_bind_int (stmt, 5, rank[p]);
      else
        sqlite3_bind_null (stmt, 5);
      if (!dlg_store_step_done (store, stmt, error))
        goto fail;
      if ((selected[p] || rank[p] > 0)
          && !mark (store, process_id, pid, selected[p] ? "selected" : "reserve", rank[p], error))
        goto fail;
    }

  summary = g_strdup_printf (_("Panel of %u drawn by lot among %u volunteers (%s, seed %u, "
                               "lowest selection probability %.1f %%)."),
                             n_panel, n_people,
                             dlg_draw_algorithm_to_string (dlg_draw_result_get_algorithm (result)),
                             dlg_draw_result_get_seed (result),
                             100.0 * dlg_draw_result_get_min_probability (result));
  if (!dlg_journal_append (store, process_id, "draw.save", "draw", uuid, summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_DRAW_RESULT, process_id);
  dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT, process_id);
  if (draw_id != NULL)
    *draw_id = id;
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

/**
 * dlg_draw_export_public_json:
 * @result: a result
 *
 * What the public may see to check that the draw was fair: algorithm, seed, sizes, quotas,
 * the SHA-256 of the recorded inputs, and every selection probability, sorted, with no id.
 *
 * Returns: (transfer full): JSON text
 */
char *
dlg_draw_export_public_json (DlgDrawResult *result)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *inputs_json = NULL;
  g_autofree char *inputs_sha256 = NULL;
  g_autoptr(GArray) probabilities = NULL;
  DlgDrawInput *input;
  guint n_people, n_panel;

  g_return_val_if_fail (DLG_IS_DRAW_RESULT (result), NULL);

  input = dlg_draw_result_get_input (result);
  n_people = dlg_draw_input_get_n_people (input);
  dlg_draw_result_get_panel (result, &n_panel);
  inputs_json = dlg_draw_input_to_json (input);
  inputs_sha256 = g_compute_checksum_for_string (G_CHECKSUM_SHA256, inputs_json, -1);
  probabilities = g_array_sized_new (FALSE, FALSE, sizeof (double), n_people);
  for (guint p = 0; p < n_people; p++)
    {
      double probability = dlg_draw_result_get_probability (result, p);

      g_array_append_val (probabilities, probability);
    }
  g_array_sort (probabilities, compare_double);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "algorithm");
  json_builder_add_string_value (
    builder, dlg_draw_algorithm_to_string (dlg_draw_result_get_algorithm (result)));
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, dlg_draw_result_get_seed (result));
  json_builder_set_member_name (builder, "solver");
  json_builder_add_string_value (builder, dlg_lp_get_solver_name ());
  json_builder_set_member_name (builder, "panel_size");
  json_builder_add_int_value (builder, n_panel);
  json_builder_set_member_name (builder, "pool_size");
  json_builder_add_int_value (builder, n_people);
  json_builder_set_member_name (builder, "inputs_sha256");
  json_builder_add_string_value (builder, inputs_sha256);
  json_builder_set_member_name (builder, "n_panels");
  json_builder_add_int_value (builder, dlg_draw_result_get_n_panels (result));
  json_builder_set_member_name (builder, "min_probability");
  json_builder_add_double_value (builder, dlg_draw_result_get_min_probability (result));
  json_builder_set_member_name (builder, "max_probability");
  json_builder_add_double_value (builder, dlg_draw_result_get_max_probability (result));
  json_builder_set_member_name (builder, "quotas");
  json_builder_begin_array (builder);
  for (guint q = 0; q < dlg_draw_input_get_n_quotas (input); q++)
    {
      const DlgDrawQuota *quota = dlg_draw_input_peek_quota (input, q);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, quota->category);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, quota->value);
      json_builder_set_member_name (builder, "min");
      json_builder_add_int_value (builder, quota->min);
      json_builder_set_member_name (builder, "max");
      json_builder_add_int_value (builder, quota->max);
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "probabilities");
  json_builder_begin_array (builder);
  for (guint p = 0; p < probabilities->len; p++)
    json_builder_add_double_value (builder, g_array_index (probabilities, double, p));
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
