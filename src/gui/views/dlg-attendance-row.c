/* dlg-attendance-row.c — one participant's attendance at a session (workshop view)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A participant named by number and profile, never by contact data, with a check button
 * (template dlg-attendance-row.ui) that records the attendance at once.
 */

#define G_LOG_DOMAIN "dlg-attendance-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-attendance-row.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgAttendanceRow
{
  AdwActionRow    parent_instance;

  GtkCheckButton *check;

  DlgStore       *store;
  gint64          session_id;
  gint64          participant_id;
};

G_DEFINE_FINAL_TYPE (DlgAttendanceRow, dlg_attendance_row, ADW_TYPE_ACTION_ROW)

static void
toggled_cb (DlgAttendanceRow *self,
            GtkCheckButton   *check)
{
  g_autoptr(GError) error = NULL;

  if (self->store == NULL)
    return;
  if (!dlg_session_set_attendance (self->store, self->session_id, self->participant_id,
                                   gtk_check_button_get_active (check), &error))
    {
      gtk_widget_add_css_class (GTK_WIDGET (check), "error");
      gtk_widget_set_tooltip_text (GTK_WIDGET (check), error->message);
    }
}

static void
dlg_attendance_row_dispose (GObject *object)
{
  DlgAttendanceRow *self = (DlgAttendanceRow *)object;

  g_clear_object (&self->store);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_ATTENDANCE_ROW);

  G_OBJECT_CLASS (dlg_attendance_row_parent_class)->dispose (object);
}

static void
dlg_attendance_row_class_init (DlgAttendanceRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_attendance_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-attendance-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgAttendanceRow, check);
  gtk_widget_class_bind_template_callback (widget_class, toggled_cb);
}

static void
dlg_attendance_row_init (DlgAttendanceRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dlg_attendance_row_new:
 * @present: what the store holds: shown, not written
 */
GtkWidget *
dlg_attendance_row_new (DlgStore       *store,
                        gint64          session_id,
                        DlgParticipant *participant,
                        gboolean        present)
{
  DlgAttendanceRow *self;
  g_autofree char *number = NULL;
  g_autofree char *title = NULL;
  g_autofree char *subtitle = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (DLG_IS_PARTICIPANT (participant), NULL);

  self = g_object_new (DLG_TYPE_ATTENDANCE_ROW, NULL);
  number = g_strdup_printf ("%" G_GINT64_FORMAT, dlg_participant_get_id (participant));
  title = g_strdup_printf (_("Participant no. %s"), number);
  subtitle = g_strdup_printf ("%s · %s · %s", dlg_participant_get_age_band (participant),
                              dlg_participant_get_gender (participant),
                              dlg_participant_get_commune (participant));
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle);
  gtk_check_button_set_active (self->check, present);
  /* Set after the check shows the store: what is loaded is no edit. */
  self->store = g_object_ref (store);
  self->session_id = session_id;
  self->participant_id = dlg_participant_get_id (participant);
  return GTK_WIDGET (self);
}
