/* dlg-record-section-recommendations.c — a process's recommendations in a record section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The opinion, review and validation views list the same recommendations, each row with what
 * the view reads with them (how many contributions, the review, the decision). A reload is two
 * statements however many recommendations there are: the list, and what the view's read
 * function gives for all of them, kept on the section for the rows' text functions
 * (dlg_record_section_lookup_linked). Their templates, their rows' activation and the position
 * drop-downs of the review and the validation ("not yet" first, then the positions) are here
 * too.
 */

#define G_LOG_DOMAIN "dlg-record-section"

#include "config.h"

#include "dlg-record-section-recommendations.h"
#include "dlg-view-util.h"

static const char linked_key[] = "dlg-recommendations-linked";

/**
 * dlg_record_section_recommendations_class_setup:
 * @resource: the view's template, whose DlgRecordSection is "recommendation_section" and calls
 *   "recommendation_activated_cb" on ::record-activated
 * @section_offset: G_STRUCT_OFFSET of the view's recommendation_section
 * @activated: the view's recommendation_activated_cb
 *
 * The template of a view that lists the recommendations.
 */
void
dlg_record_section_recommendations_class_setup (GtkWidgetClass *widget_class,
                                                const char     *resource,
                                                glong           section_offset,
                                                GCallback       activated)
{
  g_type_ensure (DLG_TYPE_RECORD_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class, resource);
  gtk_widget_class_bind_template_child_full (widget_class, "recommendation_section", FALSE,
                                             section_offset);
  gtk_widget_class_bind_template_callback_full (widget_class, "recommendation_activated_cb",
                                                activated);
}

/**
 * dlg_record_section_show_recommendations:
 * @view: the stage view the section belongs to (nothing is shown until it is loaded)
 * @read: what the rows show of each recommendation, read in one go
 *
 * Lists the recommendations of the view's process in @section, or says why they cannot be;
 * what @read gave is what dlg_record_section_lookup_linked() returns from then on.
 */
void
dlg_record_section_show_recommendations (DlgRecordSection           *section,
                                         DlgStageViewBase           *view,
                                         DlgRecommendationsReadFunc  read)
{
  DlgStore *store = dlg_stage_view_base_get_store (view);
  gint64 process_id = dlg_stage_view_base_get_process_id (view);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;
  GHashTable *linked = NULL;

  g_return_if_fail (DLG_IS_RECORD_SECTION (section));
  g_return_if_fail (read != NULL);

  g_object_set_data (G_OBJECT (section), linked_key, NULL);
  if (!dlg_stage_view_base_is_loaded (view))
    dlg_record_section_set_records (section, NULL);
  else if (!(items = dlg_recommendation_list (store, process_id, &error)) ||
           !(linked = read (store, process_id, &error)))
    dlg_record_section_show_error (section, error->message);
  else
    {
      g_object_set_data_full (G_OBJECT (section), linked_key, linked,
                              (GDestroyNotify) g_hash_table_unref);
      dlg_record_section_set_records (section, items);
    }
}

/**
 * dlg_record_section_lookup_linked:
 * @recommendation: a #DlgRecommendation on show
 *
 * Returns: (transfer none) (nullable): what the view read for @recommendation with the list
 */
gpointer
dlg_record_section_lookup_linked (DlgRecordSection *section,
                                  gpointer          recommendation)
{
  GHashTable *linked = g_object_get_data (G_OBJECT (section), linked_key);
  gint64 id = dlg_recommendation_get_id (recommendation);

  return linked != NULL ? g_hash_table_lookup (linked, &id) : NULL;
}

/**
 * dlg_record_section_edit_recommendation:
 * @record: the recommendation of an activated row
 * @edit: opens the view's dialog on it, read again from the store
 */
void
dlg_record_section_edit_recommendation (DlgStageViewBase          *view,
                                        GObject                   *record,
                                        DlgRecommendationEditFunc  edit)
{
  g_autoptr(DlgRecommendation) item = NULL;

  item = dlg_record_load_again (dlg_stage_view_base_get_context (view), record,
                                (DlgRecordLoadFunc) dlg_recommendation_load);
  if (item != NULL)
    edit (view, item);
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
