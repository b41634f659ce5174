/* dlg-edit-dialog.c — a small window that edits one record, saved as the officer types
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DlgRecordEditor builds one from a record's field table (actors, decisions, sessions,
 * commitments, registrations…); a view with a record of its own kind adds rows, keeps the
 * returned widgets in its own data, and reads them back in the save function.
 * The save runs through a DlgAutosave (same delay as the free-form fields) and once more when
 * the window closes, so nothing typed is lost. A new record is created by its first save that
 * the core accepts; until then the core's message is shown under the rows.
 *
 * The dialog follows its record (dlg_edit_dialog_follow): when the store says the record's table
 * changed (another dialog, a sync pull, the view itself), the view's reload function reads the
 * record again and shows it with dlg_edit_dialog_refresh_*, which do not count as edits and
 * leave alone a widget the officer changed since the last save. So a save never writes an old
 * value over a newer one that the officer did not touch.
 */

#define G_LOG_DOMAIN "dlg-edit-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-core.h"
#include "dlg-edit-dialog.h"
#include "dlg-window.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgEditDialog
{
  AdwWindow                parent_instance;

  AdwWindowTitle          *window_title;
  GtkLabel                *note_label;
  GtkListBox              *rows;
  GtkBox                  *extra;
  GtkLabel                *error_label;
  GtkButton               *delete_button;

  DlgAutosave             *autosave;
  DlgAutosaveFunc          save;
  gpointer                 user_data;
  GDestroyNotify           destroy;
  DlgEditDialogDeleteFunc  delete_func;
  DlgEditDialogReloadFunc  reload;
  guint                    reload_id;
  guint                    warned : 1;
};

G_DEFINE_FINAL_TYPE (DlgEditDialog, dlg_edit_dialog, ADW_TYPE_WINDOW)

static void
delete_clicked_cb (DlgEditDialog *self)
{
  if (self->delete_func == NULL)
    return;
  /* Nothing more to save about a deleted record. */
  g_clear_object (&self->autosave);
  self->delete_func (self->user_data);
  gtk_window_destroy (GTK_WINDOW (self));
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  DlgEditDialog *self = user_data;

  self->reload_id = 0;
  /* A deleted record has nothing more to show. */
  if (self->autosave != NULL && self->reload != NULL)
    self->reload (self, self->user_data);
  return G_SOURCE_REMOVE;
}

/* Once from an idle however many changes come: the save that emitted it has returned. */
static void
store_changed_cb (DlgEditDialog *self)
{
  if (self->reload != NULL && self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

/* A save that comes before the idle (the autosave's timeout, a close) reads the record first. */
static gboolean
save_cb (gpointer   user_data,
         GError   **error)
{
  DlgEditDialog *self = user_data;

  if (self->reload_id != 0)
    {
      g_clear_handle_id (&self->reload_id, g_source_remove);
      self->reload (self, self->user_data);
    }
  return self->save (self->user_data, error);
}

static gboolean
dlg_edit_dialog_close_request (GtkWindow *window)
{
  DlgEditDialog *self = DLG_EDIT_DIALOG (window);

  /* What the core refuses is not dropped silently: the first close keeps the window open
   * with the message; closing again discards the refused changes. */
  if (self->autosave != NULL && !dlg_autosave_flush (self->autosave) && !self->warned)
    {
      g_autofree char *text = g_strdup_printf ("%s\n%s", gtk_label_get_text (self->error_label),
                                               _("Close again to discard these changes."));

      self->warned = TRUE;
      gtk_label_set_text (self->error_label, text);
      return TRUE;
    }
  if (self->autosave != NULL && dlg_autosave_get_dirty (self->autosave))
    g_clear_object (&self->autosave);
  /* The record's bursts of typing are over: they get their journal entries. */
  if (DLG_IS_WINDOW (gtk_window_get_transient_for (window))
      && dlg_window_get_context (DLG_WINDOW (gtk_window_get_transient_for (window))) != NULL)
    dlg_context_settle_journal (dlg_window_get_context (
                                  DLG_WINDOW (gtk_window_get_transient_for (window))));
  return GTK_WINDOW_CLASS (dlg_edit_dialog_parent_class)->close_request (window);
}

static void
dlg_edit_dialog_dispose (GObject *object)
{
  DlgEditDialog *self = (DlgEditDialog *)object;

  /* The last save reads a pending change of the record first (save_cb). */
  if (self->autosave != NULL)
    dlg_autosave_flush (self->autosave);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  self->reload = NULL;
  g_clear_object (&self->autosave);
  if (self->destroy != NULL && self->user_data != NULL)
    g_clear_pointer (&self->user_data, self->destroy);

  G_OBJECT_CLASS (dlg_edit_dialog_parent_class)->dispose (object);
}

static void
dlg_edit_dialog_class_init (DlgEditDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dlg_edit_dialog_dispose;
  window_class->close_request = dlg_edit_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH "dlg-edit-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgEditDialog, window_title);
  gtk_widget_class_bind_template_child (widget_class, DlgEditDialog, note_label);
  gtk_widget_class_bind_template_child (widget_class, DlgEditDialog, rows);
  gtk_widget_class_bind_template_child (widget_class, DlgEditDialog, extra);
  gtk_widget_class_bind_template_child (widget_class, DlgEditDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlgEditDialog, delete_button);
  gtk_widget_class_bind_template_callback (widget_class, delete_clicked_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlg_edit_dialog_init (DlgEditDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dlg_edit_dialog_new:
 * @parent: a widget of the window the dialog belongs to
 * @title: what is edited ("Actor", "Decision"…)
 * @save: reads the widgets back and saves the record
 * @user_data: the editor's data, freed with @destroy when the dialog goes
 */
DlgEditDialog *
dlg_edit_dialog_new (GtkWidget       *parent,
                     const char      *title,
                     DlgAutosaveFunc  save,
                     gpointer         user_data,
                     GDestroyNotify   destroy)
{
  DlgEditDialog *self;
  GtkRoot *root;

  g_return_val_if_fail (save != NULL, NULL);

  self = g_object_new (DLG_TYPE_EDIT_DIALOG, "title", title, NULL);
  adw_window_title_set_title (self->window_title, title);
  root = parent != NULL ? gtk_widget_get_root (parent) : NULL;
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  self->save = save;
  self->autosave = dlg_autosave_new (save_cb, self);
  dlg_autosave_set_error_label (self->autosave, self->error_label);
  self->user_data = user_data;
  self->destroy = destroy;
  return self;
}

DlgAutosave *
dlg_edit_dialog_get_autosave (DlgEditDialog *self)
{
  g_return_val_if_fail (DLG_IS_EDIT_DIALOG (self), NULL);
  return self->autosave;
}

gboolean
dlg_edit_dialog_flush (DlgEditDialog *self)
{
  g_return_val_if_fail (DLG_IS_EDIT_DIALOG (self), FALSE);
  return self->autosave == NULL || dlg_autosave_flush (self->autosave);
}

static void
watch (DlgEditDialog *self,
       GtkWidget     *widget)
{
  dlg_autosave_watch (self->autosave, widget);
}

GtkEditable *
dlg_edit_dialog_add_entry (DlgEditDialog *self,
                           const char    *title,
                           const char    *text)
{
  GtkWidget *row;

  g_return_val_if_fail (DLG_IS_EDIT_DIALOG (self), NULL);

  row = adw_entry_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  gtk_editable_set_text (GTK_EDITABLE (row), text != NULL ? text : "");
  gtk_list_box_append (self->rows, row);
  watch (self, row);
  return GTK_EDITABLE (row);
}

/**
 * dlg_edit_dialog_add_date:
 * @iso: (nullable): the date of the store it shows
 * @with_time: whether a time of day goes with it (a session's start)
 *
 * A row with a #DlgDateEntry: the date typed as the officer writes it or picked in a calendar.
 */
DlgDateEntry *
dlg_edit_dialog_add_date (DlgEditDialog *self,
                          const char    *title,
                          const char    *iso,
                          gboolean       with_time)
{
  GtkWidget *row, *entry;

  g_return_val_if_fail (DLG_IS_EDIT_DIALOG (self), NULL);

  row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  entry = dlg_date_entry_new (with_time);
  dlg_date_entry_set_value (DLG_DATE_ENTRY (entry), iso);
  adw_action_row_add_suffix (ADW_ACTION_ROW (row), entry);
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (row), entry);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (dlg_date_entry_get_date_editable
                                                    (DLG_DATE_ENTRY (entry))),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, row, NULL, -1);
  gtk_list_box_append (self->rows, row);
  watch (self, entry);
  return DLG_DATE_ENTRY (entry);
}

/* (transfer none): object @id of the dialog's row fragments, built alone into @builder. */
static gpointer
build_row (GtkBuilder *builder,
           const char *id)
{
  const char *ids[] = { id, NULL };
  g_autoptr(GError) error = NULL;

  if (!gtk_builder_add_objects_from_resource (builder, RESOURCE_PATH "dlg-edit-dialog-rows.ui",
                                              ids, &error))
    g_error ("dlg-edit-dialog-rows.ui: %s", error->message);
  return gtk_builder_get_object (builder, id);
}

GtkTextView *
dlg_edit_dialog_add_text (DlgEditDialog *self,
                          const char    *title,
                          const char    *text)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  GtkWidget *box;
  GtkTextView *view;

  g_return_val_if_fail (DLG_IS_EDIT_DIALOG (self), NULL);

  box = build_row (builder, "text_box");
  view = GTK_TEXT_VIEW (gtk_builder_get_object (builder, "text_view"));
  gtk_label_set_text (GTK_LABEL (gtk_builder_get_object (builder, "text_label")), title);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
  gtk_box_append (self->extra, box);
  watch (self, GTK_WIDGET (view));
  return view;
}

GtkSpinButton *
dlg_edit_dialog_add_spin (DlgEditDialog *self,
                          const char    *title,
                          double         min,
                          double         max,
                          double         value)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  GtkWidget *row;
  GtkSpinButton *spin;

  g_return_val_if_fail (DLG_IS_EDIT_DIALOG (self), NULL);

  row = build_row (builder, "spin_row");
  spin = GTK_SPIN_BUTTON (gtk_builder_get_object (builder, "spin"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  /* Configured as gtk_spin_button_new_with_range() does, which sizes its text to the range. */
  gtk_spin_button_configure (spin, gtk_adjustment_new (min, min, max, 1, 10, 0), 1, 0);
  gtk_spin_button_set_value (spin, value);
  gtk_list_box_append (self->rows, row);
  watch (self, GTK_WIDGET (spin));
  return spin;
}

AdwComboRow *
dlg_edit_dialog_add_choice (DlgEditDialog      *self,
                            const char         *title,
                            const char * const *labels,
                            guint               selected)
{
  GtkWidget *row;
  g_autoptr(GtkStringList) model = NULL;

  g_return_val_if_fail (DLG_IS_EDIT_DIALOG (self), NULL);

  model = gtk_string_list_new (labels);
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  adw_combo_row_set_selected (ADW_COMBO_ROW (row), selected);
  gtk_list_box_append (self->rows, row);
  watch (self, row);
  return ADW_COMBO_ROW (row);
}

GtkSwitch *
dlg_edit_dialog_add_switch (DlgEditDialog *self,
                            const char    *title,
                            const char    *subtitle,
                            gboolean       active)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new ();
  GtkWidget *row;
  GtkSwitch *sw;

  g_return_val_if_fail (DLG_IS_EDIT_DIALOG (self), NULL);

  row = build_row (builder, "switch_row");
  sw = GTK_SWITCH (gtk_builder_get_object (builder, "switch"));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  gtk_switch_set_active (sw, active);
  gtk_list_box_append (self->rows, row);
  watch (self, GTK_WIDGET (sw));
  return sw;
}

/* Any other widget, under the rows; the caller watches it if it edits the record. */
void
dlg_edit_dialog_add_widget (DlgEditDialog *self,
                            GtkWidget     *widget)
{
  g_return_if_fail (DLG_IS_EDIT_DIALOG (self));
  gtk_box_append (self->extra, widget);
}

void
dlg_edit_dialog_set_delete (DlgEditDialog           *self,
                            const char              *label,
                            DlgEditDialogDeleteFunc  func)
{
  g_return_if_fail (DLG_IS_EDIT_DIALOG (self));

  self->delete_func = func;
  gtk_button_set_label (self->delete_button, label);
  gtk_widget_set_visible (GTK_WIDGET (self->delete_button), func != NULL);
}

void
dlg_edit_dialog_set_note (DlgEditDialog *self,
                          const char    *note)
{
  g_return_if_fail (DLG_IS_EDIT_DIALOG (self));

  gtk_label_set_text (self->note_label, note);
  gtk_widget_set_visible (GTK_WIDGET (self->note_label), note != NULL && *note != '\0');
}

/**
 * dlg_edit_dialog_follow:
 * @store: the store the record lives in
 * @type: the record type whose changes may concern the record (call again for another)
 * @reload: reads the record again and shows it with the dlg_edit_dialog_refresh_* functions
 *
 * Makes the dialog follow its record: after a change of a @type record in @store (coalesced in
 * an idle), @reload runs with the dialog's user data.
 */
void
dlg_edit_dialog_follow (DlgEditDialog           *self,
                        DlgStore                *store,
                        GType                    type,
                        DlgEditDialogReloadFunc  reload)
{
  g_autofree char *signal = NULL;

  g_return_if_fail (DLG_IS_EDIT_DIALOG (self));
  g_return_if_fail (DLG_IS_STORE (store));
  g_return_if_fail (type != G_TYPE_INVALID && reload != NULL);

  self->reload = reload;
  signal = g_strconcat ("changed::", g_type_name (type), NULL);
  g_signal_connect_object (store, signal, G_CALLBACK (store_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

/* Shows a value of the record in @widget, unless the officer changed it since the last save
 * (what is typed wins); not an edit. */
static gboolean
refresh_begin (DlgEditDialog *self,
               GtkWidget     *widget)
{
  if (self->autosave == NULL || dlg_autosave_is_edited (self->autosave, widget))
    return FALSE;
  dlg_autosave_block (self->autosave);
  return TRUE;
}

void
dlg_edit_dialog_refresh_entry (DlgEditDialog *self,
                               GtkEditable   *entry,
                               const char    *text)
{
  g_return_if_fail (DLG_IS_EDIT_DIALOG (self));
  g_return_if_fail (GTK_IS_EDITABLE (entry));

  if (text == NULL)
    text = "";
  if (g_strcmp0 (gtk_editable_get_text (entry), text) == 0 ||
      !refresh_begin (self, GTK_WIDGET (entry)))
    return;
  gtk_editable_set_text (entry, text);
  dlg_autosave_unblock (self->autosave);
}

void
dlg_edit_dialog_refresh_date (DlgEditDialog *self,
                              DlgDateEntry  *entry,
                              const char    *iso)
{
  g_return_if_fail (DLG_IS_EDIT_DIALOG (self));
  g_return_if_fail (DLG_IS_DATE_ENTRY (entry));

  if (dlg_date_entry_shows (entry, iso) || !refresh_begin (self, GTK_WIDGET (entry)))
    return;
  dlg_date_entry_set_value (entry, iso);
  dlg_autosave_unblock (self->autosave);
}

void
dlg_edit_dialog_refresh_text (DlgEditDialog *self,
                              GtkTextView   *view,
                              const char    *text)
{
  GtkTextBuffer *buffer;
  GtkTextIter start, end;
  g_autofree char *shown = NULL;

  g_return_if_fail (DLG_IS_EDIT_DIALOG (self));
  g_return_if_fail (GTK_IS_TEXT_VIEW (view));

  if (text == NULL)
    text = "";
  buffer = gtk_text_view_get_buffer (view);
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  if (g_str_equal (shown, text) || !refresh_begin (self, GTK_WIDGET (view)))
    return;
  gtk_text_buffer_set_text (buffer, text, -1);
  dlg_autosave_unblock (self->autosave);
}

void
dlg_edit_dialog_refresh_spin (DlgEditDialog *self,
                              GtkSpinButton *spin,
                              double         value)
{
  g_return_if_fail (DLG_IS_EDIT_DIALOG (self));
  g_return_if_fail (GTK_IS_SPIN_BUTTON (spin));

  if (gtk_spin_button_get_value (spin) == value || !refresh_begin (self, GTK_WIDGET (spin)))
    return;
  gtk_spin_button_set_value (spin, value);
  dlg_autosave_unblock (self->autosave);
}

void
dlg_edit_dialog_refresh_choice (DlgEditDialog *self,
                                AdwComboRow   *row,
                                guint          selected)
{
  g_return_if_fail (DLG_IS_EDIT_DIALOG (self));
  g_return_if_fail (ADW_IS_COMBO_ROW (row));

  if (adw_combo_row_get_selected (row) == selected || !refresh_begin (self, GTK_WIDGET (row)))
    return;
  adw_combo_row_set_selected (row, selected);
  dlg_autosave_unblock (self->autosave);
}

void
dlg_edit_dialog_refresh_switch (DlgEditDialog *self,
                                GtkSwitch     *sw,
                                gboolean       active)
{
  g_return_if_fail (DLG_IS_EDIT_DIALOG (self));
  g_return_if_fail (GTK_IS_SWITCH (sw));

  if (gtk_switch_get_active (sw) == !!active || !refresh_begin (self, GTK_WIDGET (sw)))
    return;
  gtk_switch_set_active (sw, active);
  dlg_autosave_unblock (self->autosave);
}
