/* dlg-refused-dialog.c — the changes the site refused: send again or abandon, one by one
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Lists dlg_sync_list_refused() (a handful of rows: a GtkListBox), follows the manager's count,
 * and offers per change "Send Again" (or "Publish Again" for what the site no longer has) and
 * "Abandon…", which asks first: abandoning is the only way a change leaves the queue unsent,
 * and the journal records it (dlg_sync_abandon_refused()).
 */

#define G_LOG_DOMAIN "dlg-refused-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-refused-dialog.h"
#include "dlg-refused-row.h"

struct _DlgRefusedDialog
{
  AdwWindow        parent_instance;

  GtkListBox      *list;
  GtkLabel        *error_label;
  GtkButton       *retry_all_button;

  DlgSyncManager  *manager;
  guint            n_rows;
};

G_DEFINE_FINAL_TYPE (DlgRefusedDialog, dlg_refused_dialog, ADW_TYPE_WINDOW)

static void
show_error (DlgRefusedDialog *self,
            const GError     *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
reload (DlgRefusedDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) refused = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list))) != NULL &&
         GTK_IS_LIST_BOX_ROW (child))
    gtk_list_box_remove (self->list, child);
  self->n_rows = 0;
  refused = dlg_sync_list_refused (dlg_sync_manager_get_store (self->manager), &error);
  show_error (self, error);
  for (guint i = 0; refused != NULL && i < refused->len; i++)
    {
      gtk_list_box_append (self->list, dlg_refused_row_new (refused->pdata[i]));
      self->n_rows++;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->retry_all_button), self->n_rows > 0);
}

static void
n_refused_changed_cb (DlgRefusedDialog *self)
{
  reload (self);
}

static void
retry_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DlgRefusedDialog *self = DLG_REFUSED_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  gint64 id = parameter != NULL ? g_variant_get_int64 (parameter) : 0;

  if (!dlg_sync_manager_retry_refused (self->manager, id, &error))
    show_error (self, error);
  reload (self);
}

static DlgRefusedRow *
find_row (DlgRefusedDialog *self,
          gint64            id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (DLG_IS_REFUSED_ROW (child) && dlg_refused_row_get_id (DLG_REFUSED_ROW (child)) == id)
      return DLG_REFUSED_ROW (child);
  return NULL;
}

static void
abandon_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     DlgRefusedDialog *self)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "refusal-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "abandon") != 0)
    return;
  if (!dlg_sync_manager_abandon_refused (self->manager, id, &error))
    show_error (self, error);
  reload (self);
}

static void
abandon_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dlg_refused_dialog_abandon (DLG_REFUSED_DIALOG (widget), g_variant_get_int64 (parameter));
}

static void
dlg_refused_dialog_dispose (GObject *object)
{
  DlgRefusedDialog *self = DLG_REFUSED_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_REFUSED_DIALOG);
  g_clear_object (&self->manager);
  G_OBJECT_CLASS (dlg_refused_dialog_parent_class)->dispose (object);
}

static void
dlg_refused_dialog_class_init (DlgRefusedDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_refused_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-refused-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgRefusedDialog, list);
  gtk_widget_class_bind_template_child (widget_class, DlgRefusedDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlgRefusedDialog, retry_all_button);
  gtk_widget_class_install_action (widget_class, "refused.retry", "x", retry_action);
  gtk_widget_class_install_action (widget_class, "refused.retry-all", NULL, retry_action);
  gtk_widget_class_install_action (widget_class, "refused.abandon", "x", abandon_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlg_refused_dialog_init (DlgRefusedDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dlg_refused_dialog_new:
 *
 * Returns: (transfer floating): the list of what @manager's site refused, over @parent
 */
GtkWidget *
dlg_refused_dialog_new (GtkWindow      *parent,
                        DlgSyncManager *manager)
{
  DlgRefusedDialog *self;

  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (manager), NULL);

  self = g_object_new (DLG_TYPE_REFUSED_DIALOG, "transient-for", parent, NULL);
  self->manager = g_object_ref (manager);
  g_signal_connect_object (manager, "notify::n-refused", G_CALLBACK (n_refused_changed_cb),
                           self, G_CONNECT_SWAPPED);
  reload (self);
  return GTK_WIDGET (self);
}

guint
dlg_refused_dialog_get_n_rows (DlgRefusedDialog *self)
{
  g_return_val_if_fail (DLG_IS_REFUSED_DIALOG (self), 0);
  return self->n_rows;
}

/**
 * dlg_refused_dialog_abandon:
 *
 * Asks whether to abandon the refused change @refusal_id, and abandons it on "Abandon".
 */
void
dlg_refused_dialog_abandon (DlgRefusedDialog *self,
                            gint64            refusal_id)
{
  DlgRefusedRow *row;
  GtkWidget *dialog;
  g_autofree char *heading = NULL;
  const char *title;

  g_return_if_fail (DLG_IS_REFUSED_DIALOG (self));

  if ((row = find_row (self, refusal_id)) == NULL)
    return;
  title = dlg_refused_row_get_title (row);
  heading = title != NULL && *title != '\0'
            /* TRANSLATORS: %s is the title of a narrative, a commitment… */
            ? g_strdup_printf (_("Abandon the Change to “%s”?"), title)
            : g_strdup (_("Abandon This Change?"));
  dialog = adw_message_dialog_new (GTK_WINDOW (self), heading,
                                   _("It will not be sent to the site: the site keeps what it "
                                     "has. The change stays in the app as it is, and the "
                                     "journal records that you abandoned it. A later edit is "
                                     "sent again."));
  adw_message_dialog_set_heading_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "abandon", _("_Abandon"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "abandon",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "refusal-id", GSIZE_TO_POINTER ((gsize) refusal_id));
  g_signal_connect_object (dialog, "response", G_CALLBACK (abandon_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}
