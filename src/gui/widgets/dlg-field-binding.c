/* dlg-field-binding.c — a text widget that edits a free-form field of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Edits are saved as the officer types: each change (re)starts a short timer, and the text is
 * written to the store when it fires, when the widget loses focus, or on flush (before a view
 * is hidden and when the window closes). So a crash loses at most the last fraction of a
 * second of typing. Works with any GtkEditable (GtkEntry, AdwEntryRow…), with GtkTextView, and
 * with GtkSpinButton (a number field, stored as its digits).
 * A failed save is shown on the widget (the .error style class and its tooltip) and retried on
 * the next change; the text stays in the widget. The timer only saves; focus-out and flush
 * also settle the burst of typing into its journal entry.
 *
 * What the widget shows when it is loaded is never written back: only a change the officer
 * makes marks the binding dirty (loading is silent), a spin button is read and written through
 * its value (its text is reformatted from the adjustment when it is realized or loses focus, which
 * is no edit), and a flush writes only a value that differs from what the store holds.
 */

#define G_LOG_DOMAIN "dlg-field-binding"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-field-binding.h"
#include "dlg-read-only.h"

struct _DlgFieldBinding
{
  GObject     parent_instance;

  GtkWidget  *widget;       /* weak */
  char       *key;
  DlgContext *context;
  gint64      process_id;
  guint       timeout_id;
  guint       loading : 1;
  guint       dirty : 1;
};

G_DEFINE_FINAL_TYPE (DlgFieldBinding, dlg_field_binding, G_TYPE_OBJECT)

static char *
widget_get_text (GtkWidget *widget)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    {
      GtkSpinButton *spin = GTK_SPIN_BUTTON (widget);
      g_autofree char *format = g_strdup_printf ("%%.%uf", gtk_spin_button_get_digits (spin));
      char buffer[G_ASCII_DTOSTR_BUF_SIZE];

      /* What is typed counts, even before Enter. */
      gtk_spin_button_update (spin);

      return g_strdup (g_ascii_formatd (buffer, sizeof buffer, format,
                                        gtk_spin_button_get_value (spin)));
    }
  if (GTK_IS_TEXT_VIEW (widget))
    {
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget));
      GtkTextIter start, end;

      gtk_text_buffer_get_bounds (buffer, &start, &end);
      return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    }
  return g_strdup (gtk_editable_get_text (GTK_EDITABLE (widget)));
}

static void
widget_set_text (GtkWidget  *widget,
                 const char *text)
{
  if (GTK_IS_SPIN_BUTTON (widget))
    {
      /* Through the adjustment: text set with gtk_editable_set_text() would be replaced by the
       * adjustment's value (0) as soon as the spin button is realized. */
      GtkAdjustment *adjustment = gtk_spin_button_get_adjustment (GTK_SPIN_BUTTON (widget));
      char *end = NULL;
      double value = g_ascii_strtod (text, &end);

      /* A field never set shows its default when the view gave one. */
      if (*text == '\0' && g_object_get_data (G_OBJECT (widget), DLG_FIELD_BINDING_EMPTY_VALUE))
        {
          text = g_object_get_data (G_OBJECT (widget), DLG_FIELD_BINDING_EMPTY_VALUE);
          value = g_ascii_strtod (text, &end);
        }
      if (end == text)
        value = gtk_adjustment_get_lower (adjustment);
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (widget), value);
    }
  else if (GTK_IS_TEXT_VIEW (widget))
    gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), text, -1);
  else
    gtk_editable_set_text (GTK_EDITABLE (widget), text);
}

static gboolean
save (DlgFieldBinding *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  g_clear_handle_id (&self->timeout_id, g_source_remove);
  if (!self->dirty || self->widget == NULL || self->context == NULL || self->process_id == 0)
    return TRUE;
  /* A read-only widget (its stage is closed) holds nothing the officer typed. */
  if (!dlg_read_only_is_editing (self->widget))
    {
      self->dirty = FALSE;
      return TRUE;
    }

  text = widget_get_text (self->widget);
  /* Typed, then typed back: dlg_process_set_field() writes (and journals) nothing. */
  if (!dlg_process_set_field (dlg_context_get_store (self->context), self->process_id,
                              self->key, text, &error))
    {
      g_warning ("Could not save %s: %s", self->key, error->message);
      gtk_widget_add_css_class (self->widget, "error");
      gtk_widget_set_tooltip_text (self->widget, error->message);
      return FALSE;
    }

  self->dirty = FALSE;
  gtk_widget_remove_css_class (self->widget, "error");
  gtk_widget_set_tooltip_text (self->widget, NULL);
  return TRUE;
}

/**
 * dlg_field_binding_flush:
 *
 * Saves what is pending and ends the burst of typing: the journal gets one entry for it, with
 * the text before the first save and after the last (see dlg_journal_note_edit()).
 *
 * Returns: %FALSE if the save failed (the widget shows why)
 */
gboolean
dlg_field_binding_flush (DlgFieldBinding *self)
{
  gboolean saved;

  g_return_val_if_fail (DLG_IS_FIELD_BINDING (self), FALSE);

  saved = save (self);
  if (self->context != NULL)
    dlg_context_settle_journal (self->context);
  return saved;
}

/* While typing goes on, saves only: the burst goes on too. */
static gboolean
save_timeout_cb (gpointer user_data)
{
  DlgFieldBinding *self = user_data;

  self->timeout_id = 0;
  save (self);
  return G_SOURCE_REMOVE;
}

static void
changed_cb (DlgFieldBinding *self)
{
  if (self->loading)
    return;
  self->dirty = TRUE;
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  self->timeout_id = g_timeout_add (DLG_AUTOSAVE_DELAY_MS, save_timeout_cb, self);
}

static void
focus_leave_cb (DlgFieldBinding *self)
{
  dlg_field_binding_flush (self);
}

static void
dlg_field_binding_dispose (GObject *object)
{
  DlgFieldBinding *self = (DlgFieldBinding *)object;

  dlg_field_binding_flush (self);
  g_clear_handle_id (&self->timeout_id, g_source_remove);
  g_clear_weak_pointer (&self->widget);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dlg_field_binding_parent_class)->dispose (object);
}

static void
dlg_field_binding_finalize (GObject *object)
{
  DlgFieldBinding *self = (DlgFieldBinding *)object;

  g_free (self->key);

  G_OBJECT_CLASS (dlg_field_binding_parent_class)->finalize (object);
}

static void
dlg_field_binding_class_init (DlgFieldBindingClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dlg_field_binding_dispose;
  object_class->finalize = dlg_field_binding_finalize;
}

static void
dlg_field_binding_init (DlgFieldBinding *self)
{
}

/**
 * dlg_field_binding_new:
 * @widget: a #GtkEditable, a #GtkTextView or a #GtkSpinButton (a number field)
 * @key: one of the DLG_FIELD_ keys of dlg-process.h
 *
 * The binding holds a weak reference on @widget; keep the binding in the view that owns the
 * widget and clear it in dispose (which flushes).
 */
DlgFieldBinding *
dlg_field_binding_new (GtkWidget  *widget,
                       const char *key)
{
  DlgFieldBinding *self;
  GtkEventController *focus;

  g_return_val_if_fail (GTK_IS_EDITABLE (widget) || GTK_IS_TEXT_VIEW (widget), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  self = g_object_new (DLG_TYPE_FIELD_BINDING, NULL);
  self->key = g_strdup (key);
  g_set_weak_pointer (&self->widget, widget);

  if (GTK_IS_TEXT_VIEW (widget))
    g_signal_connect_object (gtk_text_view_get_buffer (GTK_TEXT_VIEW (widget)), "changed",
                             G_CALLBACK (changed_cb), self, G_CONNECT_SWAPPED);
  else if (GTK_IS_SPIN_BUTTON (widget))
    {
      /* Typing changes the text before the value; a text the spin button reformats is
       * harmless, since a flush writes only a value that differs from the store. */
      g_signal_connect_object (widget, "value-changed", G_CALLBACK (changed_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (widget, "changed", G_CALLBACK (changed_cb), self,
                               G_CONNECT_SWAPPED);
    }
  else
    g_signal_connect_object (widget, "changed", G_CALLBACK (changed_cb), self,
                             G_CONNECT_SWAPPED);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (widget, focus);

  return self;
}

/**
 * dlg_field_binding_load:
 * @context: (nullable): the context, or %NULL to clear
 * @process_id: the process whose field the widget edits
 *
 * Saves what is pending for the previous process, then shows the field of @process_id.
 */
void
dlg_field_binding_load (DlgFieldBinding *self,
                        DlgContext      *context,
                        gint64           process_id)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *value = NULL;

  g_return_if_fail (DLG_IS_FIELD_BINDING (self));

  dlg_field_binding_flush (self);
  g_set_object (&self->context, context);
  self->process_id = process_id;
  if (self->widget == NULL)
    return;

  if (context != NULL && process_id != 0)
    {
      value = dlg_process_get_field (dlg_context_get_store (context), process_id, self->key,
                                     &error);
      if (value == NULL)
        g_warning ("Could not load %s: %s", self->key, error->message);
    }

  self->loading = TRUE;
  widget_set_text (self->widget, value != NULL ? value : "");
  self->loading = FALSE;
  self->dirty = FALSE;
}
