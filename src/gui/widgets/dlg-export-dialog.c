/* dlg-export-dialog.c — export a process's records, or publish them as open data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What, in which format, open data or not; the file is chosen with GtkFileChooserNative and
 * written by dlg_export_run_async() in a worker thread, with a progress bar and Cancel. Closing
 * the dialog cancels an export under way (nothing is then left at the chosen path).
 */

#define G_LOG_DOMAIN "dlg-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-core.h"
#include "dlg-export-dialog.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgExportDialog
{
  AdwWindow             parent_instance;

  AdwComboRow          *what_row;
  AdwComboRow          *format_row;
  GtkSwitch            *open_data_switch;
  GtkSwitch            *round_switch;
  GtkProgressBar       *progress_bar;
  GtkLabel             *status_label;
  GtkButton            *cancel_button;
  GtkButton            *export_button;
  AdwPreferencesGroup  *settings_group;

  DlgContext           *context;
  gint64                process_id;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *path;
};

G_DEFINE_FINAL_TYPE (DlgExportDialog, dlg_export_dialog, ADW_TYPE_WINDOW)

static void
set_status (DlgExportDialog *self,
            const char      *text)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
set_running (DlgExportDialog *self,
             gboolean         running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->settings_group), !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.choose", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "export.cancel", running);
}

static void
read_options (DlgExportDialog  *self,
              DlgExportWhat    *what,
              DlgExportOptions *options)
{
  *what = adw_combo_row_get_selected (self->what_row);
  options->format = adw_combo_row_get_selected (self->format_row);
  options->open_data = gtk_switch_get_active (self->open_data_switch);
  options->round_coordinates = gtk_switch_get_active (self->round_switch)
                               ? 3 : DLG_EXPORT_ROUND_NONE;
  options->bom = FALSE;
  options->licence = NULL;
}

static void
progress_cb (guint64  n_rows,
             guint64  total,
             gpointer user_data)
{
  DlgExportDialog *self = user_data;
  g_autofree char *text = NULL;

  /* Translators: rows written so far, then how many in all */
  text = g_strdup_printf (_("%lu of %lu rows"), (gulong) n_rows, (gulong) total);
  gtk_progress_bar_set_text (self->progress_bar, text);
  gtk_progress_bar_set_fraction (self->progress_bar,
                                 total > 0 ? MIN (1.0, (double) n_rows / total) : 1.0);
}

static void
export_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DlgExportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  DlgExportResult export_result;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;

  g_clear_object (&self->cancellable);
  if (!dlg_export_run_finish (DLG_STORE (source), result, &export_result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, _("Export cancelled: nothing was written."));
      else
        set_status (self, error->message);
      set_running (self, FALSE);
      return;
    }
  name = g_filename_display_name (self->path);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu row written to %s.",
                                       "%lu rows written to %s.", export_result.n_rows),
                          (gulong) export_result.n_rows, name);
  if (export_result.dictionary_path != NULL)
    {
      g_autofree char *with = g_strdup_printf (_("%s The data dictionary and the licence are "
                                                 "beside it."), text);

      g_free (text);
      text = g_steal_pointer (&with);
    }
  set_status (self, text);
  set_running (self, FALSE);
  dlg_export_result_clear (&export_result);
}

static void
chooser_response_cb (DlgExportDialog      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  dlg_export_dialog_export_to (self, path);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgExportDialog *self = DLG_EXPORT_DIALOG (widget);
  DlgExportOptions options;
  DlgExportWhat what;
  g_autofree char *name = NULL;

  read_options (self, &what, &options);
  name = g_strdup_printf ("%s.%s", dlg_export_what_to_id (what),
                          dlg_export_format_to_id (options.format));
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgExportDialog *self = DLG_EXPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
dlg_export_dialog_dispose (GObject *object)
{
  DlgExportDialog *self = DLG_EXPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (dlg_export_dialog_parent_class)->dispose (object);
}

static void
dlg_export_dialog_finalize (GObject *object)
{
  DlgExportDialog *self = DLG_EXPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);
  G_OBJECT_CLASS (dlg_export_dialog_parent_class)->finalize (object);
}

static gboolean
dlg_export_dialog_close_request (GtkWindow *window)
{
  DlgExportDialog *self = DLG_EXPORT_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (dlg_export_dialog_parent_class)->close_request (window);
}

static void
dlg_export_dialog_class_init (DlgExportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_export_dialog_dispose;
  object_class->finalize = dlg_export_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = dlg_export_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH
                                               "dlg-export-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgExportDialog, what_row);
  gtk_widget_class_bind_template_child (widget_class, DlgExportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DlgExportDialog, open_data_switch);
  gtk_widget_class_bind_template_child (widget_class, DlgExportDialog, round_switch);
  gtk_widget_class_bind_template_child (widget_class, DlgExportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DlgExportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, DlgExportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DlgExportDialog, export_button);
  gtk_widget_class_bind_template_child (widget_class, DlgExportDialog, settings_group);
  gtk_widget_class_install_action (widget_class, "export.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "export.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlg_export_dialog_init (DlgExportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_running (self, FALSE);
}

/**
 * dlg_export_dialog_new:
 *
 * Returns: (transfer floating): the dialog, transient for @parent, not shown yet
 */
GtkWidget *
dlg_export_dialog_new (GtkWindow  *parent,
                       DlgContext *context,
                       gint64      process_id)
{
  DlgExportDialog *self;

  g_return_val_if_fail (DLG_IS_CONTEXT (context), NULL);

  self = g_object_new (DLG_TYPE_EXPORT_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->process_id = process_id;
  return GTK_WIDGET (self);
}

/**
 * dlg_export_dialog_export_to:
 *
 * Starts the export of what the dialog says to @path (what the file chooser gives; tests call
 * it directly).
 */
void
dlg_export_dialog_export_to (DlgExportDialog *self,
                             const char      *path)
{
  DlgExportOptions options;
  DlgExportWhat what;

  g_return_if_fail (DLG_IS_EXPORT_DIALOG (self));
  g_return_if_fail (self->cancellable == NULL);

  read_options (self, &what, &options);
  g_free (self->path);
  self->path = g_strdup (path);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  set_status (self, NULL);
  set_running (self, TRUE);
  dlg_export_run_async (dlg_context_get_store (self->context), self->process_id, what, &options,
                        path, self->cancellable, progress_cb, self, export_done_cb,
                        g_object_ref (self));
}

gboolean
dlg_export_dialog_is_running (DlgExportDialog *self)
{
  g_return_val_if_fail (DLG_IS_EXPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

/* What the dialog last said: rows written, or why not. */
const char *
dlg_export_dialog_get_status (DlgExportDialog *self)
{
  g_return_val_if_fail (DLG_IS_EXPORT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
         ? gtk_label_get_text (self->status_label) : NULL;
}
