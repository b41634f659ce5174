/* dlg-moderation-reasons-dialog.c — the officer edits the list of standard moderation reasons
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One entry row per reason: edit it and press Enter (or the row's apply button) to reword it,
 * the bin button takes it off the list (the decisions that gave it keep their text); the last
 * row adds one. Refusals (empty, already listed) show under the list; nothing is lost.
 */

#define G_LOG_DOMAIN "dlg-moderation-reasons"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-core.h"
#include "dlg-moderation-reasons-dialog.h"

struct _DlgModerationReasonsDialog
{
  AdwWindow            parent_instance;

  DlgStore            *store;
  AdwPreferencesGroup *group;
  GPtrArray           *rows;
  AdwEntryRow         *new_row;
  GtkLabel            *error_label;
};

G_DEFINE_FINAL_TYPE (DlgModerationReasonsDialog, dlg_moderation_reasons_dialog, ADW_TYPE_WINDOW)

static void fill (DlgModerationReasonsDialog *self);

static void
show_error (DlgModerationReasonsDialog *self,
            const GError               *error)
{
  gtk_label_set_text (self->error_label, error != NULL ? error->message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL);
}

static void
rename_cb (AdwEntryRow                *row,
           DlgModerationReasonsDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (row), "reason-id");

  if (dlg_moderation_reason_rename (self->store, id, gtk_editable_get_text (GTK_EDITABLE (row)),
                                    &error))
    fill (self);
  show_error (self, error);
}

static void
delete_cb (GtkButton                  *button,
           DlgModerationReasonsDialog *self)
{
  g_autoptr(GError) error = NULL;
  gint64 id = *(gint64 *) g_object_get_data (G_OBJECT (button), "reason-id");

  if (dlg_moderation_reason_delete (self->store, id, &error))
    fill (self);
  show_error (self, error);
}

static void
add_cb (AdwEntryRow                *row,
        DlgModerationReasonsDialog *self)
{
  g_autoptr(GError) error = NULL;

  if (dlg_moderation_reason_add (self->store, gtk_editable_get_text (GTK_EDITABLE (row)),
                                 &error) != 0)
    {
      gtk_editable_set_text (GTK_EDITABLE (row), "");
      fill (self);
    }
  show_error (self, error);
}

static void
fill (DlgModerationReasonsDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = dlg_moderation_reason_list (self->store, &error);

  for (guint i = 0; i < self->rows->len; i++)
    adw_preferences_group_remove (self->group, g_ptr_array_index (self->rows, i));
  g_ptr_array_set_size (self->rows, 0);
  if (reasons == NULL)
    {
      show_error (self, error);
      return;
    }
  for (guint i = 0; i < reasons->len; i++)
    {
      DlgModerationReason *reason = g_ptr_array_index (reasons, i);
      GtkWidget *row = adw_entry_row_new ();
      GtkWidget *remove = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *title = g_strdup_printf (_("Reason %u"), i + 1);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      gtk_editable_set_text (GTK_EDITABLE (row), reason->label);
      adw_entry_row_set_show_apply_button (ADW_ENTRY_ROW (row), TRUE);
      g_object_set_data_full (G_OBJECT (row), "reason-id",
                              g_memdup2 (&reason->id, sizeof reason->id), g_free);
      g_signal_connect_object (row, "apply", G_CALLBACK (rename_cb), self, 0);
      g_object_set_data_full (G_OBJECT (remove), "reason-id",
                              g_memdup2 (&reason->id, sizeof reason->id), g_free);
      gtk_widget_set_valign (remove, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (remove, "flat");
      gtk_widget_set_tooltip_text (remove, _("Take this reason off the list"));
      g_signal_connect_object (remove, "clicked", G_CALLBACK (delete_cb), self, 0);
      adw_entry_row_add_suffix (ADW_ENTRY_ROW (row), remove);
      adw_preferences_group_add (self->group, row);
      g_ptr_array_add (self->rows, row);
    }
  /* The row that adds one stays last. */
  g_object_ref (self->new_row);
  adw_preferences_group_remove (self->group, GTK_WIDGET (self->new_row));
  adw_preferences_group_add (self->group, GTK_WIDGET (self->new_row));
  g_object_unref (self->new_row);
}

static void
dlg_moderation_reasons_dialog_dispose (GObject *object)
{
  DlgModerationReasonsDialog *self = DLG_MODERATION_REASONS_DIALOG (object);

  g_clear_object (&self->store);
  g_clear_pointer (&self->rows, g_ptr_array_unref);

  G_OBJECT_CLASS (dlg_moderation_reasons_dialog_parent_class)->dispose (object);
}

static void
dlg_moderation_reasons_dialog_class_init (DlgModerationReasonsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_moderation_reasons_dialog_dispose;
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlg_moderation_reasons_dialog_init (DlgModerationReasonsDialog *self)
{
  GtkWidget *toolbar = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *page = adw_preferences_page_new ();
  AdwPreferencesGroup *errors = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());

  self->rows = g_ptr_array_new ();
  gtk_window_set_title (GTK_WINDOW (self), _("Moderation Reasons"));
  gtk_window_set_default_size (GTK_WINDOW (self), 560, 520);
  gtk_window_set_modal (GTK_WINDOW (self), TRUE);
  gtk_box_append (GTK_BOX (toolbar), adw_header_bar_new ());
  gtk_widget_set_vexpand (page, TRUE);
  gtk_box_append (GTK_BOX (toolbar), page);

  self->group = ADW_PREFERENCES_GROUP (adw_preferences_group_new ());
  adw_preferences_group_set_title (self->group, _("Standard Reasons"));
  adw_preferences_group_set_description (self->group,
                                         _("Offered when moderating. The author of a contribution "
                                           "set aside sees the reason: write it for them."));
  self->new_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->new_row), _("New reason"));
  adw_entry_row_set_show_apply_button (self->new_row, TRUE);
  g_signal_connect_object (self->new_row, "apply", G_CALLBACK (add_cb), self, 0);
  adw_preferences_group_add (self->group, GTK_WIDGET (self->new_row));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), self->group);

  self->error_label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->error_label, TRUE);
  gtk_label_set_xalign (self->error_label, 0);
  gtk_widget_add_css_class (GTK_WIDGET (self->error_label), "error");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  adw_preferences_group_add (errors, GTK_WIDGET (self->error_label));
  adw_preferences_page_add (ADW_PREFERENCES_PAGE (page), errors);
  adw_window_set_content (ADW_WINDOW (self), toolbar);
}

GtkWidget *
dlg_moderation_reasons_dialog_new (GtkWindow *parent,
                                   DlgStore  *store)
{
  DlgModerationReasonsDialog *self;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  self = g_object_new (DLG_TYPE_MODERATION_REASONS_DIALOG, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  fill (self);
  return GTK_WIDGET (self);
}
