/* dlg-gdpr-panel.c — personal data in the follow-up view: retention, purge, erasure, access
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Says how long contact data is kept (dlg_gdpr_get_status) and, once the retention has ended,
 * proposes the purge in a row of its own, which an AdwMessageDialog confirms with the counts.
 * "Erase a Person…" and "Export a Person’s Data…" open one person search
 * (dlg-gdpr-person-dialog.ui): matches as the officer types, what goes for the one chosen, then
 * the response. Its buttons stay active when the follow-up stage is closed (dlg-keep-active):
 * that is when the purge falls due, and an erasure is never refused. Names and addresses are
 * shown in plain-text labels only.
 */

#define G_LOG_DOMAIN "dlg-gui"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-gdpr-panel.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"
#define MAX_MATCHES 20

struct _DlgGdprPanel
{
  AdwBin                parent_instance;

  AdwActionRow         *purge_row;
  AdwActionRow         *status_row;
  GtkLabel             *error_label;

  DlgStore             *store;
  gint64                process_id;
  guint                 n_people;
  guint                 n_fields;

  /* The person search, while it is open. */
  AdwMessageDialog     *person_dialog;
  GtkEditable          *search_entry;
  GtkListBox           *results;
  GtkLabel             *hint_label;
  GtkLabel             *what_label;
  GPtrArray            *matches;       /* DlgGdprPerson, in the rows' order */
  gboolean              erasing;

  GtkFileChooserNative *chooser;
  gint64                export_id;
};

G_DEFINE_FINAL_TYPE (DlgGdprPanel, dlg_gdpr_panel, ADW_TYPE_BIN)

static void
show_error (DlgGdprPanel *self,
            const char   *message)
{
  gtk_label_set_text (self->error_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), message != NULL);
}

static char *
format_date (const char *iso)
{
  g_autofree char *date = g_strndup (iso, 10);

  return dlg_format_date (date);
}

static void
reload (DlgGdprPanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgGdprStatus) status = NULL;
  g_autofree char *subtitle = NULL;
  g_autofree char *held = NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->purge_row), FALSE);
  if (self->store == NULL || self->process_id == 0)
    return;
  if (!(status = dlg_gdpr_get_status (self->store, self->process_id, NULL, &error)))
    {
      adw_action_row_set_subtitle (self->status_row, error->message);
      return;
    }
  self->n_people = status->n_people;
  self->n_fields = status->n_fields;

  held = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "held now for %u person",
                                       "held now for %u people", status->n_people),
                          status->n_people);
  if (status->retention_ends_at == NULL)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                             "%u month after the follow-up stage closes; %s",
                                             "%u months after the follow-up stage closes; %s",
                                             status->retention_months),
                                status->retention_months, held);
  else
    {
      g_autofree char *ends = format_date (status->retention_ends_at);

      subtitle = g_strdup_printf (status->retention_ended ? _("Ended on %s; %s")
                                                          : _("Until %s; %s"), ends, held);
    }
  if (status->n_unsent > 0)
    {
      g_autofree char *line = subtitle;

      subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "%s · %u erasure waits for the next sync",
                                               "%s · %u erasures wait for the next sync",
                                               status->n_unsent), line, status->n_unsent);
    }
  adw_action_row_set_subtitle (self->status_row, subtitle);

  if (status->retention_ended && status->n_people > 0)
    {
      g_autofree char *due = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The contact data of %u person (%u fields) can now be purged.",
                     "The contact data of %u people (%u fields) can now be purged.",
                     status->n_people), status->n_people, status->n_fields);

      adw_action_row_set_subtitle (self->purge_row, due);
      gtk_widget_set_visible (GTK_WIDGET (self->purge_row), TRUE);
    }
}

static GtkWindow *
parent_window (DlgGdprPanel *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  return GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL;
}

/* ---------------------------------------------------------------- purge */

static void
purge_response_cb (DlgGdprPanel *self,
                   const char   *response)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "purge") != 0 || self->store == NULL)
    return;
  show_error (self, NULL);
  if (!dlg_gdpr_purge (self->store, self->process_id, NULL, &error))
    show_error (self, error->message);
  reload (self);
}

static void
purge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DlgGdprPanel *self = DLG_GDPR_PANEL (widget);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (self->store == NULL)
    return;
  body = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "The name, e-mail address, phone number, postal address "
                                       "and household key of %u person (%u fields) will be "
                                       "deleted, here and on the public site at the next sync. "
                                       "Their anonymous profile stays for the figures of the "
                                       "report; the journal records only the counts. This "
                                       "cannot be undone.",
                                       "The names, e-mail addresses, phone numbers, postal "
                                       "addresses and household keys of %u people (%u fields) "
                                       "will be deleted, here and on the public site at the "
                                       "next sync. Their anonymous profiles stay for the "
                                       "figures of the report; the journal records only the "
                                       "counts. This cannot be undone.", self->n_people),
                          self->n_people, self->n_fields);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent_window (self),
                                                       _("Purge the Contact Data?"), body));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "purge", _("_Purge"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "purge", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (purge_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------- the person search */

static DlgGdprPerson *
chosen_person (DlgGdprPanel *self)
{
  GtkListBoxRow *row = self->results != NULL ? gtk_list_box_get_selected_row (self->results)
                                             : NULL;
  int index = row != NULL ? gtk_list_box_row_get_index (row) : -1;

  if (index < 0 || self->matches == NULL || (guint) index >= self->matches->len)
    return NULL;
  return self->matches->pdata[index];
}

static void
row_selected_cb (DlgGdprPanel  *self,
                 GtkListBoxRow *row)
{
  DlgGdprPerson *person = chosen_person (self);
  const char *response = self->erasing ? "erase" : "export";

  adw_message_dialog_set_response_enabled (self->person_dialog, response, person != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->what_label), person != NULL);
  if (person != NULL)
    {
      g_auto(GStrv) lines = dlg_gdpr_person_describe (person);
      g_autofree char *list = g_strjoinv ("\n", lines);
      g_autofree char *text = g_strdup_printf ("%s\n%s", self->erasing ? _("What will go:")
                                                                       : _("What is held:"),
                                               list);

      gtk_label_set_text (self->what_label, text);
    }
}

static void
set_hint (DlgGdprPanel *self,
          const char   *text)
{
  gtk_label_set_text (self->hint_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), *text != '\0');
}

static void
search_changed_cb (DlgGdprPanel *self)
{
  g_autoptr(GError) error = NULL;
  const char *query = gtk_editable_get_text (self->search_entry);
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->results))) != NULL)
    gtk_list_box_remove (self->results, child);
  g_clear_pointer (&self->matches, g_ptr_array_unref);
  set_hint (self, "");
  if (*query != '\0')
    {
      self->matches = dlg_gdpr_find_people (self->store, self->process_id, query, &error);
      if (self->matches == NULL)
        set_hint (self, error->message);
    }
  if (self->matches != NULL)
    {
      if (self->matches->len > MAX_MATCHES)
        g_ptr_array_set_size (self->matches, MAX_MATCHES);
      for (guint i = 0; i < self->matches->len; i++)
        {
          DlgGdprPerson *person = self->matches->pdata[i];
          g_autofree char *text = g_strdup_printf ("%s — %s",
                                                   *person->full_name != '\0'
                                                   ? person->full_name : _("(no name)"),
                                                   *person->email != '\0'
                                                   ? person->email : _("(no e-mail)"));
          GtkWidget *label = gtk_label_new (text);

          gtk_label_set_xalign (GTK_LABEL (label), 0);
          gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
          gtk_widget_set_margin_start (label, 12);
          gtk_widget_set_margin_end (label, 12);
          gtk_widget_set_margin_top (label, 8);
          gtk_widget_set_margin_bottom (label, 8);
          gtk_list_box_append (self->results, label);
        }
      set_hint (self, self->matches->len == 0 ? _("Nobody registered in this process matches.")
                      : self->matches->len == 1 ? "" : _("Several people match: choose one."));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->results),
                          self->matches != NULL && self->matches->len > 0);
  if (self->matches != NULL && self->matches->len == 1)
    gtk_list_box_select_row (self->results, gtk_list_box_get_row_at_index (self->results, 0));
  else
    row_selected_cb (self, NULL);
}

static void
chooser_response_cb (DlgGdprPanel         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    dlg_gdpr_panel_export_person_to (self, self->export_id, path);
}

static void
forget_person_dialog (DlgGdprPanel *self)
{
  /* What the dialog's widgets still emit while it goes is no search any more. */
  if (self->person_dialog != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->person_dialog, self);
      g_signal_handlers_disconnect_by_data (self->search_entry, self);
      g_signal_handlers_disconnect_by_data (self->results, self);
    }
  self->person_dialog = NULL;
  self->search_entry = NULL;
  self->results = NULL;
  self->hint_label = NULL;
  self->what_label = NULL;
  g_clear_pointer (&self->matches, g_ptr_array_unref);
}

static void
person_response_cb (DlgGdprPanel *self,
                    const char   *response)
{
  g_autoptr(GError) error = NULL;
  DlgGdprPerson *person = chosen_person (self);

  show_error (self, NULL);
  if (person != NULL && g_strcmp0 (response, "erase") == 0)
    {
      if (!dlg_gdpr_erase_person (self->store, person->participant_id, NULL, &error))
        show_error (self, error->message);
      reload (self);
    }
  else if (person != NULL && g_strcmp0 (response, "export") == 0)
    {
      self->export_id = person->participant_id;
      g_clear_object (&self->chooser);
      self->chooser = gtk_file_chooser_native_new (_("Export a Person’s Data"),
                                                   parent_window (self),
                                                   GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                                   _("_Cancel"));
      gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
      gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser),
                                         _("personal-data.json"));
      g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb),
                               self, G_CONNECT_SWAPPED);
      gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
    }
  /* Every response closes it. */
  forget_person_dialog (self);
}

static void
open_person_dialog (DlgGdprPanel *self,
                    gboolean      erasing)
{
  g_autoptr(GtkBuilder) builder = NULL;
  AdwMessageDialog *dialog;

  if (self->store == NULL)
    return;
  if (self->person_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->person_dialog));
  builder = gtk_builder_new_from_resource (RESOURCE_PATH "dlg-gdpr-person-dialog.ui");
  dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  self->person_dialog = dialog;
  self->erasing = erasing;
  self->search_entry = GTK_EDITABLE (gtk_builder_get_object (builder, "search_entry"));
  self->results = GTK_LIST_BOX (gtk_builder_get_object (builder, "results"));
  self->hint_label = GTK_LABEL (gtk_builder_get_object (builder, "hint_label"));
  self->what_label = GTK_LABEL (gtk_builder_get_object (builder, "what_label"));
  gtk_widget_set_visible (GTK_WIDGET (self->results), FALSE);
  gtk_widget_set_visible (GTK_WIDGET (self->hint_label), FALSE);

  gtk_window_set_transient_for (GTK_WINDOW (dialog), parent_window (self));
  if (erasing)
    {
      adw_message_dialog_set_heading (dialog, _("Erase a Person’s Data"));
      adw_message_dialog_set_body (dialog, _("Find them by e-mail address or name, check what "
                                             "will go, then erase it: here, and on the public "
                                             "site at the next sync. The journal records that "
                                             "a person was erased, not who. This cannot be "
                                             "undone."));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "erase", _("_Erase"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "erase", ADW_RESPONSE_DESTRUCTIVE);
    }
  else
    {
      adw_message_dialog_set_heading (dialog, _("Export a Person’s Data"));
      adw_message_dialog_set_body (dialog, _("Find them by e-mail address or name: everything "
                                             "held about them is written to a JSON file you "
                                             "choose, readable by you only."));
      adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "export",
                                        _("_Export…"), NULL);
      adw_message_dialog_set_response_appearance (dialog, "export", ADW_RESPONSE_SUGGESTED);
    }
  adw_message_dialog_set_response_enabled (dialog, erasing ? "erase" : "export", FALSE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");

  g_signal_connect_object (self->search_entry, "changed", G_CALLBACK (search_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->results, "row-selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "response", G_CALLBACK (person_response_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (forget_person_dialog), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
erase_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  open_person_dialog (DLG_GDPR_PANEL (widget), TRUE);
}

static void
access_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  open_person_dialog (DLG_GDPR_PANEL (widget), FALSE);
}

/* ---------------------------------------------------------------- GObject */

static void
dlg_gdpr_panel_dispose (GObject *object)
{
  DlgGdprPanel *self = DLG_GDPR_PANEL (object);

  if (self->person_dialog != NULL)
    gtk_window_destroy (GTK_WINDOW (self->person_dialog));
  g_clear_object (&self->chooser);
  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_GDPR_PANEL);

  G_OBJECT_CLASS (dlg_gdpr_panel_parent_class)->dispose (object);
}

static void
dlg_gdpr_panel_class_init (DlgGdprPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_gdpr_panel_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "dlg-gdpr-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgGdprPanel, purge_row);
  gtk_widget_class_bind_template_child (widget_class, DlgGdprPanel, status_row);
  gtk_widget_class_bind_template_child (widget_class, DlgGdprPanel, error_label);
  gtk_widget_class_install_action (widget_class, "gdpr.purge", NULL, purge_action);
  gtk_widget_class_install_action (widget_class, "gdpr.erase", NULL, erase_action);
  gtk_widget_class_install_action (widget_class, "gdpr.access", NULL, access_action);
}

static void
dlg_gdpr_panel_init (DlgGdprPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dlg_gdpr_panel_set_process:
 * @store: (nullable): the store, %NULL with 0 to show no process
 *
 * Shows the process's personal data, read again now (the view calls it from its reload).
 */
void
dlg_gdpr_panel_set_process (DlgGdprPanel *self,
                            DlgStore     *store,
                            gint64        process_id)
{
  g_return_if_fail (DLG_IS_GDPR_PANEL (self));

  g_set_object (&self->store, store);
  self->process_id = store != NULL ? process_id : 0;
  reload (self);
}

/**
 * dlg_gdpr_panel_get_person_dialog:
 *
 * Returns: (transfer none) (nullable): the person search, while it is open
 */
AdwMessageDialog *
dlg_gdpr_panel_get_person_dialog (DlgGdprPanel *self)
{
  g_return_val_if_fail (DLG_IS_GDPR_PANEL (self), NULL);

  return self->person_dialog;
}

/**
 * dlg_gdpr_panel_export_person_to:
 *
 * Writes everything held about @participant_id to @path (dlg_gdpr_access_export()); a failure
 * is shown under the panel.
 */
gboolean
dlg_gdpr_panel_export_person_to (DlgGdprPanel *self,
                                 gint64        participant_id,
                                 const char   *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *json = NULL;

  g_return_val_if_fail (DLG_IS_GDPR_PANEL (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (self->store == NULL)
    return FALSE;
  file = g_file_new_for_path (path);
  json = dlg_gdpr_access_export (self->store, participant_id, file, &error);
  show_error (self, json == NULL ? error->message : NULL);
  return json != NULL;
}
