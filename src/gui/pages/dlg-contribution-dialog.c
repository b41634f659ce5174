/* dlg-contribution-dialog.c — records a contribution received in person, by mail or by phone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The online channel is the site's: contributions made there arrive through sync. This dialog
 * is for the others, typed in by the team. The features offered are those switched on for the
 * process (all of them when none is yet). On success the dialog emits ::added and closes.
 */

#define G_LOG_DOMAIN "dlg-contribution-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-contribution-dialog.h"

struct _DlgContributionDialog
{
  AdwWindow    parent_instance;

  DlgContext  *context;
  gint64       process_id;
  GPtrArray   *feature_ids;   /* const char *, from the static catalogue */

  AdwComboRow *channel_row;
  AdwComboRow *feature_row;
  AdwEntryRow *title_row;
  AdwEntryRow *author_row;
  GtkTextView *body_view;
  GtkLabel    *error_label;
  GtkWidget   *add_button;
};

G_DEFINE_FINAL_TYPE (DlgContributionDialog, dlg_contribution_dialog, ADW_TYPE_WINDOW)

enum {
  ADDED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
show_error (DlgContributionDialog *self,
            const char            *message)
{
  gtk_label_set_text (self->error_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
}

static void
add_clicked_cb (DlgContributionDialog *self)
{
  g_autoptr(DlgContribution) contribution = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *title = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->body_view);
  GtkTextIter start, end;
  guint channel = adw_combo_row_get_selected (self->channel_row);
  guint feature = adw_combo_row_get_selected (self->feature_row);

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  body = g_strstrip (gtk_text_buffer_get_text (buffer, &start, &end, FALSE));
  title = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->title_row))));

  if (*body == '\0' && *title == '\0')
    {
      show_error (self, _("Write the title or the text of the contribution."));
      return;
    }
  if (channel >= dlg_vocabulary_get_n_entries (&dlg_vocabulary_offline_channel) ||
      feature >= self->feature_ids->len)
    {
      show_error (self, _("Choose the channel and the feature of the contribution."));
      return;
    }

  contribution = dlg_contribution_new (self->process_id);
  dlg_contribution_set_channel (contribution,
                                dlg_vocabulary_get_id (&dlg_vocabulary_offline_channel, channel));
  dlg_contribution_set_feature (contribution, g_ptr_array_index (self->feature_ids, feature));
  dlg_contribution_set_title (contribution, title);
  dlg_contribution_set_body (contribution, body);
  dlg_contribution_set_author_ref (contribution,
                                   gtk_editable_get_text (GTK_EDITABLE (self->author_row)));
  dlg_contribution_set_created_at (contribution, now);

  if (!dlg_contribution_save (dlg_context_get_store (self->context), contribution, &error))
    {
      show_error (self, error->message);
      return;
    }

  g_signal_emit (self, signals[ADDED], 0, dlg_contribution_get_id (contribution));
  gtk_window_close (GTK_WINDOW (self));
}

static void
fill_features (DlgContributionDialog *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GListModel) features = NULL;
  const DlgFeatureInfo *catalogue;
  guint n_catalogue = 0;

  features = dlg_feature_list (dlg_context_get_store (self->context), self->process_id, NULL);
  for (guint i = 0; features != NULL && i < g_list_model_get_n_items (features); i++)
    {
      g_autoptr(DlgFeature) feature = g_list_model_get_item (features, i);
      const DlgFeatureInfo *info = dlg_feature_info_lookup (dlg_feature_get_feature (feature));

      if (info != NULL && dlg_feature_get_enabled (feature))
        {
          g_ptr_array_add (self->feature_ids, (gpointer) info->id);
          gtk_string_list_append (labels, info->label);
        }
    }

  if (self->feature_ids->len == 0)
    {
      catalogue = dlg_feature_catalogue (&n_catalogue);
      for (guint i = 0; i < n_catalogue; i++)
        {
          g_ptr_array_add (self->feature_ids, (gpointer) catalogue[i].id);
          gtk_string_list_append (labels, catalogue[i].label);
        }
    }

  adw_combo_row_set_model (self->feature_row, G_LIST_MODEL (labels));
  /* Ideas are what most workshops collect. */
  for (guint i = 0; i < self->feature_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->feature_ids, i), "ideas") == 0)
      adw_combo_row_set_selected (self->feature_row, i);
}

static void
dlg_contribution_dialog_dispose (GObject *object)
{
  DlgContributionDialog *self = (DlgContributionDialog *)object;

  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_CONTRIBUTION_DIALOG);

  G_OBJECT_CLASS (dlg_contribution_dialog_parent_class)->dispose (object);
}

static void
dlg_contribution_dialog_finalize (GObject *object)
{
  DlgContributionDialog *self = (DlgContributionDialog *)object;

  g_ptr_array_unref (self->feature_ids);

  G_OBJECT_CLASS (dlg_contribution_dialog_parent_class)->finalize (object);
}

static void
dlg_contribution_dialog_class_init (DlgContributionDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_contribution_dialog_dispose;
  object_class->finalize = dlg_contribution_dialog_finalize;

  /**
   * DlgContributionDialog::added:
   * @contribution_id: the id of the new contribution
   */
  signals[ADDED] = g_signal_new ("added", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                 NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-contribution-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgContributionDialog, channel_row);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionDialog, feature_row);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionDialog, title_row);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionDialog, author_row);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionDialog, body_view);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionDialog, add_button);
  gtk_widget_class_bind_template_callback (widget_class, add_clicked_cb);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlg_contribution_dialog_init (DlgContributionDialog *self)
{
  g_auto(GStrv) channels = dlg_vocabulary_dup_labels (&dlg_vocabulary_offline_channel);
  g_autoptr(GtkStringList) labels = gtk_string_list_new ((const char * const *) channels);

  self->feature_ids = g_ptr_array_new ();

  gtk_widget_init_template (GTK_WIDGET (self));

  adw_combo_row_set_model (self->channel_row, G_LIST_MODEL (labels));
}

/**
 * dlg_contribution_dialog_new:
 * @context: the application's context
 * @process_id: the process the contribution belongs to
 *
 * Returns: (transfer none): a new dialog, owned by GTK's list of toplevels
 */
DlgContributionDialog *
dlg_contribution_dialog_new (DlgContext *context,
                             gint64      process_id)
{
  DlgContributionDialog *self;

  g_return_val_if_fail (DLG_IS_CONTEXT (context), NULL);
  g_return_val_if_fail (process_id > 0, NULL);

  self = g_object_new (DLG_TYPE_CONTRIBUTION_DIALOG, NULL);
  self->context = g_object_ref (context);
  self->process_id = process_id;
  fill_features (self);
  return self;
}
