/* dlg-mandate-view.c — stage 4: the participation mandate
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The features are switched on and off with the switch of their row (saved at once); their
 * rules of the game are saved as the officer types.
 * Records are edited in a DlgEditDialog and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-mandate-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-mandate-view.h"
#include "dlg-edit-dialog.h"
#include "dlg-field-binding.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgMandateView
{
  DlgStageViewBase parent_instance;

  GtkTextView     *question_text;
  GtkTextView     *perimeter_text;
  GtkTextView     *out_of_scope_text;
  GtkTextView     *commitments_text;
  GtkSpinButton   *weeks_spin;
  GtkSpinButton   *retention_spin;
  GtkListBox      *features_list;

  GPtrArray       *features;   /* FeatureRow */
};

G_DEFINE_FINAL_TYPE (DlgMandateView, dlg_mandate_view, DLG_TYPE_STAGE_VIEW_BASE)

/* ---------------------------------------------------------------- features */

typedef struct
{
  DlgMandateView *view;
  DlgFeature     *feature;
  AdwExpanderRow *row;
  GtkTextView    *rules;
  DlgAutosave    *autosave;
} FeatureRow;

static void
feature_row_free (FeatureRow *data)
{
  dlg_autosave_flush (data->autosave);
  g_clear_object (&data->autosave);
  g_clear_object (&data->feature);
  g_free (data);
}

static gboolean
feature_save (gpointer   user_data,
              GError   **error)
{
  FeatureRow *data = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (data->view);
  g_autofree char *rules = dlg_text_view_dup_text (data->rules);
  g_autoptr(DlgFeature) fresh = NULL;

  if (dlg_stage_view_base_get_context (base) == NULL)
    return TRUE;
  /* Onto the stored feature (its dates may have changed before the rows are refreshed). */
  fresh = dlg_feature_load (dlg_stage_view_base_get_store (base),
                            dlg_feature_get_process_id (data->feature),
                            dlg_feature_get_feature (data->feature), NULL);
  if (fresh != NULL)
    g_set_object (&data->feature, fresh);
  dlg_feature_set_enabled (data->feature, adw_expander_row_get_enable_expansion (data->row));
  dlg_feature_set_rules (data->feature, rules);
  return dlg_feature_save (dlg_stage_view_base_get_store (base), data->feature, error);
}

/* A switch is a complete edit: saved at once. */
static void
feature_switched_cb (FeatureRow *data)
{
  dlg_autosave_schedule (data->autosave);
  dlg_autosave_flush (data->autosave);
}

static void
reload_features (DlgMandateView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(GListModel) features = NULL;
  g_autoptr(GError) error = NULL;
  guint n;

  g_ptr_array_set_size (self->features, 0);
  dlg_list_box_remove_all (self->features_list);
  if (!dlg_stage_view_base_is_loaded (base))
    return;

  features = dlg_feature_list (dlg_stage_view_base_get_store (base),
                               dlg_stage_view_base_get_process_id (base), &error);
  if (features == NULL)
    {
      gtk_list_box_append (self->features_list, dlg_placeholder_row_new (error->message));
      return;
    }
  n = g_list_model_get_n_items (features);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH
                                                                      "dlg-feature-row.ui");
      FeatureRow *data = g_new0 (FeatureRow, 1);
      GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));
      GtkWidget *rules = GTK_WIDGET (gtk_builder_get_object (builder, "rules"));

      data->view = self;
      data->feature = g_list_model_get_item (features, i);
      data->row = ADW_EXPANDER_ROW (row);
      data->rules = GTK_TEXT_VIEW (rules);
      data->autosave = dlg_autosave_new (feature_save, data);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     dlg_feature_get_label (data->feature));
      adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row),
                                     dlg_feature_get_description (data->feature));
      adw_expander_row_set_enable_expansion (ADW_EXPANDER_ROW (row),
                                             dlg_feature_get_enabled (data->feature));
      dlg_text_view_set_text (GTK_TEXT_VIEW (rules), dlg_feature_get_rules (data->feature));

      dlg_autosave_watch (data->autosave, rules);
      g_signal_connect_swapped (row, "notify::enable-expansion", G_CALLBACK (feature_switched_cb),
                                data);
      g_object_set_data (G_OBJECT (row), "dlg-feature",
                         (gpointer)dlg_feature_get_feature (data->feature));
      g_ptr_array_add (self->features, data);
      gtk_list_box_append (self->features_list, row);
    }
}

/* A feature changed in the store (its dates, another window): each row takes the stored
 * feature, so that its next save does not write old values back, and shows it, except the
 * rules the officer is typing. The rows are not rebuilt: the officer may be typing in one. */
static void
refresh_features (DlgMandateView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  DlgStore *store;

  if (!dlg_stage_view_base_is_loaded (base))
    return;
  store = dlg_stage_view_base_get_store (base);
  for (guint i = 0; i < self->features->len; i++)
    {
      FeatureRow *data = g_ptr_array_index (self->features, i);
      g_autoptr(DlgFeature) fresh = dlg_feature_load (store,
                                                      dlg_stage_view_base_get_process_id (base),
                                                      dlg_feature_get_feature (data->feature),
                                                      NULL);
      g_autofree char *rules = NULL;

      if (fresh == NULL)
        continue;
      g_set_object (&data->feature, fresh);
      if (adw_expander_row_get_enable_expansion (data->row) != dlg_feature_get_enabled (fresh))
        {
          g_signal_handlers_block_by_func (data->row, feature_switched_cb, data);
          adw_expander_row_set_enable_expansion (data->row, dlg_feature_get_enabled (fresh));
          g_signal_handlers_unblock_by_func (data->row, feature_switched_cb, data);
        }
      rules = dlg_text_view_dup_text (data->rules);
      if (!dlg_autosave_is_edited (data->autosave, GTK_WIDGET (data->rules)) &&
          g_strcmp0 (rules, dlg_feature_get_rules (fresh)) != 0)
        {
          dlg_autosave_block (data->autosave);
          dlg_text_view_set_text (data->rules, dlg_feature_get_rules (fresh));
          dlg_autosave_unblock (data->autosave);
        }
    }
}

/* ---------------------------------------------------------------- DlgStageViewBase */

static void
load (DlgStageViewBase *base)
{
  DlgMandateView *self = DLG_MANDATE_VIEW (base);

  reload_features (self);
  refresh_features (self);
}

static void
reload (DlgStageViewBase *base)
{
  refresh_features (DLG_MANDATE_VIEW (base));
}

static void
flush (DlgStageViewBase *base)
{
  DlgMandateView *self = DLG_MANDATE_VIEW (base);

  for (guint i = 0; i < self->features->len; i++)
    dlg_autosave_flush (((FeatureRow *)g_ptr_array_index (self->features, i))->autosave);
}

static void
dlg_mandate_view_dispose (GObject *object)
{
  DlgMandateView *self = (DlgMandateView *)object;

  g_clear_pointer (&self->features, g_ptr_array_unref);

  G_OBJECT_CLASS (dlg_mandate_view_parent_class)->dispose (object);
}

static void
dlg_mandate_view_class_init (DlgMandateViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  object_class->dispose = dlg_mandate_view_dispose;

  view_class->stage = DLG_STAGE_MANDATE;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_FEATURE);
  view_class->load = load;
  view_class->reload = reload;
  view_class->flush = flush;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-mandate-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgMandateView, question_text);
  gtk_widget_class_bind_template_child (widget_class, DlgMandateView, perimeter_text);
  gtk_widget_class_bind_template_child (widget_class, DlgMandateView, out_of_scope_text);
  gtk_widget_class_bind_template_child (widget_class, DlgMandateView, commitments_text);
  gtk_widget_class_bind_template_child (widget_class, DlgMandateView, weeks_spin);
  gtk_widget_class_bind_template_child (widget_class, DlgMandateView, retention_spin);
  gtk_widget_class_bind_template_child (widget_class, DlgMandateView, features_list);
}

static void
dlg_mandate_view_init (DlgMandateView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->question_text),
                                  DLG_FIELD_MANDATE_QUESTION);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->perimeter_text),
                                  DLG_FIELD_MANDATE_PERIMETER);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->out_of_scope_text),
                                  DLG_FIELD_MANDATE_OUT_OF_SCOPE);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->commitments_text),
                                  DLG_FIELD_MANDATE_COMMITMENTS);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->weeks_spin),
                                  DLG_FIELD_MANDATE_RESPONSE_WEEKS);
  g_object_set_data (G_OBJECT (self->retention_spin), DLG_FIELD_BINDING_EMPTY_VALUE,
                     (gpointer) G_STRINGIFY (DLG_GDPR_DEFAULT_RETENTION_MONTHS));
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->retention_spin),
                                  DLG_FIELD_MANDATE_RETENTION_MONTHS);
  self->features = g_ptr_array_new_with_free_func ((GDestroyNotify)feature_row_free);
}
