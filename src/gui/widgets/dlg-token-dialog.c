/* dlg-token-dialog.c — the officer enters the site's token
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small AdwMessageDialog around a GtkPasswordEntry. The token goes straight to
 * dlg_sync_manager_set_token(), which keeps it in the keyring through dlg-sync-token.c (or in
 * memory for the session when there is no Secret Service): never in SQLite, never in a log.
 * The entry is emptied as soon as it has been read.
 */

#define G_LOG_DOMAIN "dlg-token-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-token-dialog.h"

static void
token_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  const char *text = gtk_editable_get_text (entry);

  adw_message_dialog_set_response_enabled (dialog, "save", text != NULL && *text != '\0');
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             DlgSyncManager   *manager)
{
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *token = NULL;

  token = g_strstrip (g_strdup (gtk_editable_get_text (entry)));
  gtk_editable_set_text (entry, "");
  /* GTK 4.8's password entry warns if it still has the focus when its window goes. */
  gtk_window_set_focus (GTK_WINDOW (dialog), NULL);
  if (g_strcmp0 (response, "save") != 0 || *token == '\0')
    return;
  if (!dlg_sync_manager_set_token (manager, token, &error))
    {
      GtkWidget *message;

      message = adw_message_dialog_new (gtk_window_get_transient_for (GTK_WINDOW (dialog)),
                                        _("The token could not be kept"), error->message);
      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }
  dlg_sync_manager_sync (manager);
}

/**
 * dlg_token_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @manager: the sync manager that receives the token
 *
 * Returns: (transfer floating): the dialog; present it
 */
GtkWidget *
dlg_token_dialog_new (GtkWindow      *parent,
                      DlgSyncManager *manager)
{
  g_autofree char *body = NULL;
  const char *site;
  GtkWidget *dialog, *entry;

  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (manager), NULL);

  site = dlg_sync_manager_get_site_url (manager);
  /* TRANSLATORS: %s is the address of the participation site */
  body = g_strdup_printf (_("Enter the token that the administrator of %s gave you. It is kept "
                            "in the keyring of your session, never in the database."),
                          site != NULL ? site : "");
  dialog = adw_message_dialog_new (parent, _("Token for the Site"), body);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  entry = gtk_password_entry_new ();
  gtk_password_entry_set_show_peek_icon (GTK_PASSWORD_ENTRY (entry), TRUE);
  g_object_set (entry, "activates-default", TRUE, NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Token"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "save", _("_Save and Sync"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "save",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "save");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (token_changed_cb), dialog);
  token_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb),
                         g_object_ref (manager), (GClosureNotify)(void (*) (void))g_object_unref,
                         0);
  return dialog;
}
