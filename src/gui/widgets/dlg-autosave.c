/* dlg-autosave.c — save an editor's content shortly after the officer stops typing
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The same policy as DlgFieldBinding, for editors of domain objects (an actor, a decision, a
 * position…): every change (re)starts a DLG_AUTOSAVE_DELAY_MS timer; the save runs when it
 * fires, when a watched widget loses focus, and on flush (view switch, dialog or window
 * close). A failed save leaves the text in the widgets and shows the message in the error
 * label, if any; the next change tries again.
 *
 * Only the officer's changes count: while the editor fills its widgets it blocks the autosave
 * (or it fills them before watching them), so that a loaded value is never saved back. The
 * autosave also knows which watched widgets the officer changed since the last save
 * (dlg_autosave_is_edited), so that an editor that follows its record (DlgEditDialog) shows
 * a newer value in the others and keeps what is being typed.
 */

#define G_LOG_DOMAIN "dlg-autosave"

#include "config.h"

#include "dlg-autosave.h"
#include "dlg-date-entry.h"
#include "dlg-field-binding.h"

struct _DlgAutosave
{
  GObject          parent_instance;

  DlgAutosaveFunc  save;
  gpointer         user_data;
  GtkLabel        *error_label;   /* weak */
  guint            timeout_id;
  guint            blocked;
  GHashTable      *edited;        /* widgets changed since the last save; never dereferenced */
  GPtrArray       *spins;         /* GWeakRef of the watched spin buttons */
  guint            dirty : 1;
};

typedef struct
{
  DlgAutosave *self;
  GtkWidget   *widget;
} Watch;

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
changed_cb (Watch *watch)
{
  DlgAutosave *self = watch->self;

  if (self->blocked > 0)
    return;
  g_hash_table_add (self->edited, watch->widget);
  dlg_autosave_schedule (self);
}

static void
watch_free (gpointer  data,
            GClosure *closure)
{
  g_free (data);
}

/* Like g_signal_connect_object (…, G_CONNECT_SWAPPED), with the widget known to the handler. */
static void
connect_watch (DlgAutosave *self,
               GObject     *instance,
               const char  *signal,
               GtkWidget   *widget)
{
  Watch *watch = g_new0 (Watch, 1);
  GClosure *closure;

  watch->self = self;
  watch->widget = widget;
  closure = g_cclosure_new_swap (G_CALLBACK (changed_cb), watch, watch_free);
  g_object_watch_closure (G_OBJECT (self), closure);
  g_signal_connect_closure (instance, signal, closure, FALSE);
}

static void
focus_leave_cb (DlgAutosave *self)
{
  dlg_autosave_flush (self);
}

static void
weak_ref_free (gpointer data)
{
  g_weak_ref_clear (data);
  g_free (data);
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
dlg_autosave_finalize (GObject *object)
{
  DlgAutosave *self = (DlgAutosave *)object;

  g_hash_table_unref (self->edited);
  g_ptr_array_unref (self->spins);

  G_OBJECT_CLASS (dlg_autosave_parent_class)->finalize (object);
}

static void
dlg_autosave_class_init (DlgAutosaveClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = dlg_autosave_dispose;
  G_OBJECT_CLASS (klass)->finalize = dlg_autosave_finalize;
}

static void
dlg_autosave_init (DlgAutosave *self)
{
  self->edited = g_hash_table_new (NULL, NULL);
  self->spins = g_ptr_array_new_with_free_func (weak_ref_free);
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
    connect_watch (self, G_OBJECT (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget))), "changed",
                   widget);
  else if (GTK_IS_SPIN_BUTTON (widget))
    {
      GWeakRef *ref = g_new0 (GWeakRef, 1);

      /* Its value; and its text, which typing changes before the value (a flush parses it).
       * Fill it with gtk_spin_button_set_value(): text set otherwise is replaced by the
       * adjustment's value when the spin button is realized. */
      connect_watch (self, G_OBJECT (widget), "value-changed", widget);
      connect_watch (self, G_OBJECT (widget), "changed", widget);
      g_weak_ref_init (ref, widget);
      g_ptr_array_add (self->spins, ref);
    }
  else if (GTK_IS_EDITABLE (widget) || DLG_IS_DATE_ENTRY (widget))
    connect_watch (self, G_OBJECT (widget), "changed", widget);
  else if (GTK_IS_SWITCH (widget))
    connect_watch (self, G_OBJECT (widget), "notify::active", widget);
  else if (GTK_IS_CHECK_BUTTON (widget) || GTK_IS_TOGGLE_BUTTON (widget))
    connect_watch (self, G_OBJECT (widget), "toggled", widget);
  else
    connect_watch (self, G_OBJECT (widget), "notify::selected", widget);

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

/**
 * dlg_autosave_is_edited:
 * @widget: a watched widget
 *
 * Returns: %TRUE when the officer changed @widget since the last successful save
 */
gboolean
dlg_autosave_is_edited (DlgAutosave *self,
                        GtkWidget   *widget)
{
  g_return_val_if_fail (DLG_IS_AUTOSAVE (self), FALSE);
  return g_hash_table_contains (self->edited, widget);
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

  /* What is typed in a spin button counts, even before Enter. */
  for (guint i = 0; i < self->spins->len; i++)
    {
      g_autoptr(GtkSpinButton) spin = g_weak_ref_get (g_ptr_array_index (self->spins, i));

      if (spin != NULL)
        gtk_spin_button_update (spin);
    }
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

  /* Unless the officer changed something while it saved. */
  if (!self->dirty)
    g_hash_table_remove_all (self->edited);
  if (self->error_label != NULL)
    gtk_widget_set_visible (GTK_WIDGET (self->error_label), FALSE);
  return TRUE;
}
