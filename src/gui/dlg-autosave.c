/* dlg-autosave.c — save an editor's content shortly after the officer stops typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same policy as DlgFieldBinding, for editors of domain objects (an actor, a decision, a
 * position…): every change (re)starts a DLG_AUTOSAVE_DELAY_MS timer; the save runs when it
 * fires, when a watched widget loses focus, and on flush (view switch, dialog or window
 * close). A failed save leaves the text in the widgets and shows the message in the error
 * label, if any; the next change tries again.
 */

#define G_LOG_DOMAIN "dlg-autosave"

#include "config.h"

#include "dlg-autosave.h"
#include "dlg-field-binding.h"

struct _DlgAutosave
{
  GObject          parent_instance;

  DlgAutosaveFunc  save;
  gpointer         user_data;
  GtkLabel        *error_label;   /* weak */
  guint            timeout_id;
  guint            blocked;
  guint            dirty : 1;
};

G_DEFINE_FINAL_TYPE (DlgAutosave, dlg_autosave, G_TYPE_OBJECT)

static gboolean
timeout_cb (gpointer user_data)
{
  DlgAutosave *self = user_data;

  self->timeout_id = 0;
  dlg_autosave_flush (self);
  return G_SOURCE_REMOVE;
}

static void
changed_cb (DlgAutosave *self)
{
  dlg_autosave_schedule (self);
}

static void
focus_leave_cb (DlgAutosave *self)
{
  dlg_autosave_flush (self);
}

static void
dlg_autosave_dispose (GObject *object)
{
  DlgAutosave *self = (DlgAutosave *)object;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_weak_pointer (&self->error_label);

  G_OBJECT_CLASS (dlg_autosave_parent_class)->dispose (object);
}

static void
dlg_autosave_class_init (DlgAutosaveClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dlg_autosave_dispose;
}

static void
dlg_autosave_init (DlgAutosave *self)
{
}

/**
 * dlg_autosave_new:
 * @save: what saves the editor; called on the main thread
 * @user_data: for @save; must outlive the autosave (the editor owns it and flushes it in
 *   dispose)
 */
DlgAutosave *
dlg_autosave_new (DlgAutosaveFunc save,
                  gpointer        user_data)
{
  DlgAutosave *self;

  g_return_val_if_fail (save != NULL, NULL);

  self = g_object_new (DLG_TYPE_AUTOSAVE, NULL);
  self->save = save;
  self->user_data = user_data;
  return self;
}

/**
 * dlg_autosave_watch:
 * @widget: a #GtkEditable, #GtkTextView, #GtkSpinButton, #GtkSwitch, #GtkCheckButton,
 *   #GtkDropDown, #AdwComboRow or #GtkToggleButton
 *
 * Schedules a save whenever @widget changes, and saves when it loses focus.
 */
void
dlg_autosave_watch (DlgAutosave *self,
                    GtkWidget   *widget)
{
  GtkEventController *focus;

  g_return_if_fail (DLG_IS_AUTOSAVE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));

  if (GTK_IS_TEXT_VIEW (widget))
    g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                             G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  else if (GTK_IS_SPIN_BUTTON (widget))
    g_signal_connect_object (widget, "value-changed", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_EDITABLE (widget))
    g_signal_connect_object (widget, "changed", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_SWITCH (widget))
    g_signal_connect_object (widget, "notify::active", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
  else if (GTK_IS_CHECK_BUTTON (widget) || GTK_IS_TOGGLE_BUTTON (widget))
    g_signal_connect_object (widget, "toggled", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);
  else
    g_signal_connect_object (widget, "notify::selected", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, focus);
}

void
dlg_autosave_set_error_label (DlgAutosave *self,
                              GtkLabel    *label)
{
  g_return_if_fail (DLG_IS_AUTOSAVE (self));

  g_set_weak_pointer (&self->error_label, label);
  if (label != NULL)
    gtk_label_set_use_markup (label, FALSE);
}

/* While blocked (the editor fills its widgets), changes are not edits. */
void
dlg_autosave_block (DlgAutosave *self)
{
  g_return_if_fail (DLG_IS_AUTOSAVE (self));
  self->blocked++;
}

void
dlg_autosave_unblock (DlgAutosave *self)
{
  g_return_if_fail (DLG_IS_AUTOSAVE (self));
  g_return_if_fail (self->blocked > 0);
  self->blocked--;
}

void
dlg_autosave_schedule (DlgAutosave *self)
{
  g_return_if_fail (DLG_IS_AUTOSAVE (self));

  if (self->blocked > 0)
    return;
  self->dirty = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (DLG_AUTOSAVE_DELAY_MS, timeout_cb, self);
}

gboolean
dlg_autosave_get_dirty (DlgAutosave *self)
{
  g_return_val_if_fail (DLG_IS_AUTOSAVE (self), FALSE);
  return self->dirty;
}

/**
 * dlg_autosave_flush:
 *
 * Saves now if anything changed since the last save.
 *
 * Returns: %FALSE when the save failed (the message is in the error label)
 */
gboolean
dlg_autosave_flush (DlgAutosave *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgAutosave) hold = NULL;

  g_return_val_if_fail (DLG_IS_AUTOSAVE (self), FALSE);

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->dirty)
    return TRUE;

  hold = g_object_ref (self);
  self->dirty = FALSE;
  if (!self->save (self->user_data, &error))
    {
      self->dirty = TRUE;
      if (self->error_label != NULL)
        {
          gtk_label_set_text (self->error_label, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
        }
      else
        g_message ("Could not save: %s", error->message);
      return FALSE;
    }

  if (self->error_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  return TRUE;
}
