/* dlg-report-dialog.c — "Export the Bilan…": the process's bilan as a PDF
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The file is chosen with GtkFileChooserNative and written by dlg_report_render_async() in a
 * worker thread on its own store, with a progress bar and Cancel; then "Open" shows it in the
 * desktop's PDF reader (g_app_info_launch_default_for_uri_async: GtkFileLauncher is GTK 4.10).
 * Closing the dialog cancels a report under way (nothing is then left at the chosen path).
 */

#define G_LOG_DOMAIN "dlg-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-core.h"
#include "dlg-report.h"
#include "dlg-report-dialog.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgReportDialog
{
  AdwWindow             parent_instance;

  GtkProgressBar       *progress_bar;
  GtkLabel             *status_label;
  GtkButton            *cancel_button;
  GtkButton            *open_button;
  GtkButton            *export_button;

  DlgContext           *context;
  gint64                process_id;
  GCancellable         *cancellable;
  GtkFileChooserNative *chooser;
  char                 *path;
  char                 *done_path;
};

G_DEFINE_FINAL_TYPE (DlgReportDialog, dlg_report_dialog, ADW_TYPE_WINDOW)

static void
set_status (DlgReportDialog *self,
            const char      *text)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
set_running (DlgReportDialog *self,
             gboolean         running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), running);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_visible (GTK_WIDGET (self->open_button), !running && self->done_path != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.choose", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.cancel", running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "report.open",
                                 !running && self->done_path != NULL);
}

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  DlgReportDialog *self = user_data;
  g_autofree char *text = g_strdup_printf ("%d %%", (int) (fraction * 100));

  gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
render_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DlgReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  int n_pages = 0;

  g_clear_object (&self->cancellable);
  if (!dlg_report_render_finish (DLG_STORE (source), result, &n_pages, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, _("Bilan cancelled: nothing was written."));
      else
        set_status (self, error->message);
      set_running (self, FALSE);
      return;
    }
  g_free (self->done_path);
  self->done_path = g_strdup (self->path);
  name = g_filename_display_name (self->path);
  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d page written to %s.",
                                       "%d pages written to %s.", n_pages), n_pages, name);
  set_status (self, text);
  set_running (self, FALSE);
  gtk_widget_grab_focus (GTK_WIDGET (self->open_button));
}

static void
chooser_response_cb (DlgReportDialog      *self,
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
  dlg_report_dialog_render_to (self, path);
}

/* "bilan-place-du-commerce.pdf": the title, lower case, letters and digits, dashes between */
static char *
default_name (DlgReportDialog *self)
{
  g_autoptr(DlgProcess) process = dlg_process_load (dlg_context_get_store (self->context),
                                                    self->process_id, NULL);
  g_autoptr(GString) name = g_string_new (_("bilan"));
  g_autofree char *ascii = NULL;
  gboolean dash = TRUE;

  if (process == NULL)
    return g_strdup ("bilan.pdf");
  ascii = g_str_to_ascii (dlg_process_get_title (process), NULL);
  g_string_append_c (name, '-');
  for (const char *p = ascii; *p != '\0' && name->len < 60; p++)
    if (g_ascii_isalnum (*p))
      {
        g_string_append_c (name, g_ascii_tolower (*p));
        dash = FALSE;
      }
    else if (!dash)
      {
        g_string_append_c (name, '-');
        dash = TRUE;
      }
  while (name->str[name->len - 1] == '-')
    g_string_truncate (name, name->len - 1);
  g_string_append (name, ".pdf");
  return g_string_free (g_steal_pointer (&name), FALSE);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgReportDialog *self = DLG_REPORT_DIALOG (widget);
  g_autofree char *name = default_name (self);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("PDF documents"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Export the Bilan"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
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
  DlgReportDialog *self = DLG_REPORT_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
launch_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DlgReportDialog) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!g_app_info_launch_default_for_uri_finish (result, &error))
    {
      g_autofree char *text = g_strdup_printf (_("The bilan could not be opened: %s"),
                                               error->message);

      set_status (self, text);
    }
}

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlgReportDialog *self = DLG_REPORT_DIALOG (widget);
  g_autoptr(GFile) file = NULL;
  g_autoptr(GdkAppLaunchContext) launch = NULL;
  g_autofree char *uri = NULL;

  if (self->done_path == NULL)
    return;
  file = g_file_new_for_path (self->done_path);
  uri = g_file_get_uri (file);
  launch = gdk_display_get_app_launch_context (gtk_widget_get_display (widget));
  g_app_info_launch_default_for_uri_async (uri, G_APP_LAUNCH_CONTEXT (launch), NULL,
                                           launch_done_cb, g_object_ref (self));
}

static void
dlg_report_dialog_dispose (GObject *object)
{
  DlgReportDialog *self = DLG_REPORT_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (dlg_report_dialog_parent_class)->dispose (object);
}

static void
dlg_report_dialog_finalize (GObject *object)
{
  DlgReportDialog *self = DLG_REPORT_DIALOG (object);

  g_clear_object (&self->cancellable);
  g_free (self->path);
  g_free (self->done_path);
  G_OBJECT_CLASS (dlg_report_dialog_parent_class)->finalize (object);
}

static gboolean
dlg_report_dialog_close_request (GtkWindow *window)
{
  DlgReportDialog *self = DLG_REPORT_DIALOG (window);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (dlg_report_dialog_parent_class)->close_request (window);
}

static void
dlg_report_dialog_class_init (DlgReportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_report_dialog_dispose;
  object_class->finalize = dlg_report_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = dlg_report_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH
                                               "dlg-report-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgReportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DlgReportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, DlgReportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DlgReportDialog, open_button);
  gtk_widget_class_bind_template_child (widget_class, DlgReportDialog, export_button);
  gtk_widget_class_install_action (widget_class, "report.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "report.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "report.open", NULL, open_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlg_report_dialog_init (DlgReportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  set_running (self, FALSE);
}

/**
 * dlg_report_dialog_new:
 *
 * Returns: (transfer floating): the dialog, transient for @parent, not shown yet
 */
GtkWidget *
dlg_report_dialog_new (GtkWindow  *parent,
                       DlgContext *context,
                       gint64      process_id)
{
  DlgReportDialog *self;

  g_return_val_if_fail (DLG_IS_CONTEXT (context), NULL);

  self = g_object_new (DLG_TYPE_REPORT_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->process_id = process_id;
  return GTK_WIDGET (self);
}

/**
 * dlg_report_dialog_render_to:
 *
 * Starts writing the bilan to @path (what the file chooser gives; tests call it directly).
 * What the officer is typing is journaled first, so that the journal's head hash in the
 * report is the one the window shows.
 */
void
dlg_report_dialog_render_to (DlgReportDialog *self,
                             const char      *path)
{
  g_return_if_fail (DLG_IS_REPORT_DIALOG (self));
  g_return_if_fail (self->cancellable == NULL);

  dlg_context_settle_journal (self->context);
  g_free (self->path);
  self->path = g_strdup (path);
  g_clear_pointer (&self->done_path, g_free);
  self->cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  set_status (self, NULL);
  set_running (self, TRUE);
  dlg_report_render_async (dlg_context_get_store (self->context), self->process_id, path,
                           self->cancellable, progress_cb, self, render_done_cb,
                           g_object_ref (self));
}

gboolean
dlg_report_dialog_is_running (DlgReportDialog *self)
{
  g_return_val_if_fail (DLG_IS_REPORT_DIALOG (self), FALSE);
  return self->cancellable != NULL;
}

/* What the dialog last said: pages written, or why not. */
const char *
dlg_report_dialog_get_status (DlgReportDialog *self)
{
  g_return_val_if_fail (DLG_IS_REPORT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
         ? gtk_label_get_text (self->status_label) : NULL;
}

const char *
dlg_report_dialog_get_path (DlgReportDialog *self)
{
  g_return_val_if_fail (DLG_IS_REPORT_DIALOG (self), NULL);
  return self->done_path;
}
