/* dlg-record-section-recommendations.c — a process's recommendations in a record section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The opinion, review and validation views list the same recommendations, each row with what
 * the view reads with them (how many contributions, the review, the decision). A reload is two
 * statements however many recommendations there are: the list, and what @read gives for all of
 * them; the rows' text functions read the latter. The position drop-downs of the review and the
 * validation ("not yet" first, then the positions) are here too.
 */

#define G_LOG_DOMAIN "dlg-record-section"

#include "config.h"

#include "dlg-record-section-recommendations.h"

/**
 * dlg_record_section_show_recommendations:
 * @store: (nullable): the view's store; %NULL when no process is loaded (no row)
 * @read: what the rows show of each recommendation, read in one go
 * @linked: (inout) (not optional): replaced by what @read gave (an empty table when there is
 *   nothing, never %NULL), for the section's text functions
 *
 * Lists the recommendations of @process_id in @section, or says why they cannot be.
 */
void
dlg_record_section_show_recommendations (DlgRecordSection           *section,
                                         DlgStore                   *store,
                                         gint64                      process_id,
                                         DlgRecommendationsReadFunc  read,
                                         GHashTable                **linked)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DLG_IS_RECORD_SECTION (section));
  g_return_if_fail (read != NULL && linked != NULL);

  g_clear_pointer (linked, g_hash_table_unref);
  *linked = g_hash_table_new (g_int64_hash, g_int64_equal);
  if (store == NULL)
    {
      dlg_record_section_set_records (section, NULL);
      return;
    }
  if (!(items = dlg_recommendation_list (store, process_id, &error)))
    {
      dlg_record_section_show_error (section, error->message);
      return;
    }
  g_clear_pointer (linked, g_hash_table_unref);
  if (!(*linked = read (store, process_id, &error)))
    {
      *linked = g_hash_table_new (g_int64_hash, g_int64_equal);
      dlg_record_section_show_error (section, error->message);
      return;
    }
  dlg_record_section_set_records (section, items);
}

/**
 * dlg_records_by_recommendation:
 * @records: records with an int64 property "recommendation-id", as one list query gave them
 *
 * Returns: (transfer full): recommendation id (gint64 *) → its first record in @records
 */
GHashTable *
dlg_records_by_recommendation (GListModel *records)
{
  GHashTable *by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                             g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      GObject *record = g_list_model_get_item (records, i);
      gint64 id = 0;

      g_object_get (record, "recommendation-id", &id, NULL);
      if (g_hash_table_contains (by_id, &id))
        g_object_unref (record);
      else
        g_hash_table_insert (by_id, g_memdup2 (&id, sizeof id), record);
    }
  return by_id;
}

/**
 * dlg_position_choices:
 * @none: the first choice, "not … yet"
 *
 * Returns: (transfer container): @none then the label of every position, for a drop-down; free
 *   with g_free (not the strings)
 */
const char **
dlg_position_choices (const char *none)
{
  const char * const *values = dlg_position_values ();
  guint n = g_strv_length ((char **)values);
  const char **labels = g_new0 (const char *, n + 2);

  labels[0] = none;
  for (guint i = 0; i < n; i++)
    labels[i + 1] = dlg_position_value_get_label (values[i]);
  return labels;
}

/* Returns: the choice of dlg_position_choices() that shows @value (0: none) */
guint
dlg_position_choice_index (const char *value)
{
  const char * const *values = dlg_position_values ();

  for (guint i = 0; value != NULL && values[i] != NULL; i++)
    if (g_str_equal (values[i], value))
      return i + 1;
  return 0;
}

/* Returns: (nullable): the position id a choice of dlg_position_choices() stands for */
const char *
dlg_position_choice_value (guint index)
{
  return index == 0 || index == GTK_INVALID_LIST_POSITION ? NULL
                                                          : dlg_position_values ()[index - 1];
}
