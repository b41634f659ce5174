/* dlg-date-entry.c — a date typed or picked in a calendar, and a time of day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The officer types the date as they would write it (15/01/2027, 15 janvier 2027: see
 * dlg_date_parse()) or picks it in a GtkCalendar in the button's popover; with a time of day,
 * a second entry takes "10 h", "10:30" or "10h30". The widget shows a date of the store in the
 * interface's language ("4 septembre 2026", "10 h") and gives back the store's ISO 8601, with
 * the error the officer can read when what is typed is not a date. "changed" is emitted when
 * either entry changes (DlgAutosave watches it).
 */

#define G_LOG_DOMAIN "dlg-date-entry"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-date.h"
#include "dlg-date-entry.h"

struct _DlgDateEntry
{
  GtkWidget    parent_instance;

  GtkBox      *box;
  GtkEntry    *date_entry;
  GtkEntry    *time_entry;
  GtkCalendar *calendar;
  GtkPopover  *popover;
  GtkMenuButton *calendar_button;

  guint        with_time : 1;
  guint        filling : 1;
};

G_DEFINE_FINAL_TYPE (DlgDateEntry, dlg_date_entry, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_WITH_TIME,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
entry_changed_cb (DlgDateEntry *self)
{
  g_signal_emit (self, signals[CHANGED], 0);
}

/* Enter in an entry activates the dialog's default, as a plain entry would. */
static void
entry_activate_cb (DlgDateEntry *self)
{
  gtk_widget_activate_default (GTK_WIDGET (self));
}

/* The calendar opens on the date typed, or today. */
static void
popover_show_cb (DlgDateEntry *self)
{
  g_autofree char *iso = NULL;
  g_autoptr(GDateTime) dt = NULL;

  if (dlg_date_parse (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)), &iso, NULL) &&
      iso != NULL)
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autofree char *midday = strlen (iso) == 10 ? g_strconcat (iso, "T12:00:00", NULL)
                                                   : NULL;
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (midday != NULL ? midday : iso,
                                                               tz);

      dt = utc != NULL ? g_date_time_to_local (utc) : NULL;
    }
  if (dt == NULL)
    dt = g_date_time_new_now_local ();
  self->filling = TRUE;
  gtk_calendar_select_day (self->calendar, dt);
  self->filling = FALSE;
}

static void
calendar_day_selected_cb (DlgDateEntry *self)
{
  g_autoptr(GDateTime) day = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *text = NULL;

  if (self->filling)
    return;
  day = gtk_calendar_get_date (self->calendar);
  iso = g_date_time_format (day, "%Y-%m-%d");
  dlg_date_format_parts (iso, &text, NULL);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), text);
  gtk_popover_popdown (self->popover);
  gtk_widget_grab_focus (GTK_WIDGET (self->with_time ? self->time_entry : self->date_entry));
}

static void
dlg_date_entry_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlgDateEntry *self = DLG_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_WITH_TIME:
      g_value_set_boolean (value, self->with_time);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_date_entry_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  DlgDateEntry *self = DLG_DATE_ENTRY (object);

  switch (prop_id)
    {
    case PROP_WITH_TIME:
      dlg_date_entry_set_with_time (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_date_entry_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DLG_TYPE_DATE_ENTRY);
  G_OBJECT_CLASS (dlg_date_entry_parent_class)->dispose (object);
}

static gboolean
dlg_date_entry_grab_focus (GtkWidget *widget)
{
  return gtk_widget_grab_focus (GTK_WIDGET (DLG_DATE_ENTRY (widget)->date_entry));
}

static void
dlg_date_entry_class_init (DlgDateEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->get_property = dlg_date_entry_get_property;
  object_class->set_property = dlg_date_entry_set_property;
  object_class->dispose = dlg_date_entry_dispose;
  widget_class->grab_focus = dlg_date_entry_grab_focus;

  properties[PROP_WITH_TIME] =
    g_param_spec_boolean ("with-time", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DlgDateEntry::changed:
   *
   * The date or the time was typed or picked (not when dlg_date_entry_set_value() fills it).
   */
  signals[CHANGED] = g_signal_new ("changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-date-entry.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgDateEntry, box);
  gtk_widget_class_bind_template_child (widget_class, DlgDateEntry, date_entry);
  gtk_widget_class_bind_template_child (widget_class, DlgDateEntry, time_entry);
  gtk_widget_class_bind_template_child (widget_class, DlgDateEntry, calendar);
  gtk_widget_class_bind_template_child (widget_class, DlgDateEntry, calendar_button);
  gtk_widget_class_bind_template_child (widget_class, DlgDateEntry, popover);
  gtk_widget_class_bind_template_callback (widget_class, entry_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, popover_show_cb);
  gtk_widget_class_bind_template_callback (widget_class, calendar_day_selected_cb);
}

static void
dlg_date_entry_init (DlgDateEntry *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dlg_date_entry_new:
 * @with_time: whether a time of day goes with the date
 */
GtkWidget *
dlg_date_entry_new (gboolean with_time)
{
  return g_object_new (DLG_TYPE_DATE_ENTRY, "with-time", with_time, NULL);
}

void
dlg_date_entry_set_with_time (DlgDateEntry *self,
                              gboolean      with_time)
{
  g_return_if_fail (DLG_IS_DATE_ENTRY (self));

  with_time = !!with_time;
  if (self->with_time == with_time)
    return;
  self->with_time = with_time;
  gtk_widget_set_visible (GTK_WIDGET (self->time_entry), with_time);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_WITH_TIME]);
}

gboolean
dlg_date_entry_get_with_time (DlgDateEntry *self)
{
  g_return_val_if_fail (DLG_IS_DATE_ENTRY (self), FALSE);
  return self->with_time;
}

/**
 * dlg_date_entry_set_value:
 * @iso: (nullable): a date of the store ("2026-09-04", "2026-09-04T08:00:00Z")
 *
 * Shows @iso as the officer reads it; a text that is not a date is shown as it is.
 * "changed" is not emitted.
 */
void
dlg_date_entry_set_value (DlgDateEntry *self,
                          const char   *iso)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  g_return_if_fail (DLG_IS_DATE_ENTRY (self));

  if (!dlg_date_format_parts (iso, &date, &time) && iso != NULL)
    {
      g_free (date);
      date = g_strdup (iso);
    }
  /* A time the store holds is never dropped by a save of the date alone. */
  if (*time != '\0')
    dlg_date_entry_set_with_time (self, TRUE);
  g_signal_handlers_block_by_func (self->date_entry, entry_changed_cb, self);
  g_signal_handlers_block_by_func (self->time_entry, entry_changed_cb, self);
  gtk_editable_set_text (GTK_EDITABLE (self->date_entry), date);
  gtk_editable_set_text (GTK_EDITABLE (self->time_entry), time);
  g_signal_handlers_unblock_by_func (self->time_entry, entry_changed_cb, self);
  g_signal_handlers_unblock_by_func (self->date_entry, entry_changed_cb, self);
}

/**
 * dlg_date_entry_dup_value:
 * @iso: (out) (transfer full) (nullable): what the entries say, as the store keeps it;
 *   %NULL when they are empty
 *
 * Returns: %FALSE with a #DLG_ERROR_INVALID in the officer's words when it is not a date
 */
gboolean
dlg_date_entry_dup_value (DlgDateEntry  *self,
                          char         **iso,
                          GError       **error)
{
  g_return_val_if_fail (DLG_IS_DATE_ENTRY (self), FALSE);
  g_return_val_if_fail (iso != NULL, FALSE);

  return dlg_date_parse_parts (gtk_editable_get_text (GTK_EDITABLE (self->date_entry)),
                               self->with_time
                                 ? gtk_editable_get_text (GTK_EDITABLE (self->time_entry))
                                 : NULL,
                               iso, error);
}

/* Whether the entries say @iso (what is typed reads as the same date). */
gboolean
dlg_date_entry_shows (DlgDateEntry *self,
                      const char   *iso)
{
  g_autofree char *shown = NULL;

  g_return_val_if_fail (DLG_IS_DATE_ENTRY (self), FALSE);

  if (!dlg_date_entry_dup_value (self, &shown, NULL))
    return FALSE;
  return g_strcmp0 (shown, iso != NULL && *iso != '\0' ? iso : NULL) == 0;
}

/* For tests and accessible labels: the entries themselves. */
GtkEditable *
dlg_date_entry_get_date_editable (DlgDateEntry *self)
{
  g_return_val_if_fail (DLG_IS_DATE_ENTRY (self), NULL);
  return GTK_EDITABLE (self->date_entry);
}

GtkEditable *
dlg_date_entry_get_time_editable (DlgDateEntry *self)
{
  g_return_val_if_fail (DLG_IS_DATE_ENTRY (self), NULL);
  return GTK_EDITABLE (self->time_entry);
}
