/* dlg-view-util.c — small helpers shared by the stage views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-view-util"

#include "config.h"

#include <math.h>

#include <glib/gi18n.h>

#include "dlg-core.h"
#include "dlg-context.h"
#include "dlg-date.h"
#include "dlg-record-section-row.h"
#include "dlg-view-util.h"

/**
 * dlg_record_row_new:
 * @title: user text, shown as it is (never markup)
 * @subtitle: (nullable): user text too
 * @id: the record the row opens
 *
 * An activatable row of a boxed list that opens a record: the row of a DlgRecordSection
 * (template dlg-record-section-row.ui) for a list the view fills itself.
 */
GtkWidget *
dlg_record_row_new (const char *title,
                    const char *subtitle,
                    gint64      id)
{
  DlgRecordSectionRow *row = g_object_new (DLG_TYPE_RECORD_SECTION_ROW, NULL);

  dlg_record_section_row_set_text (row, title, subtitle);
  g_object_set_data (G_OBJECT (row), "dlg-record-id", GSIZE_TO_POINTER ((gsize)id));
  return GTK_WIDGET (row);
}

gint64
dlg_record_row_get_id (GtkListBoxRow *row)
{
  return (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (row), "dlg-record-id"));
}

/**
 * dlg_record_row_load:
 * @row: a row of dlg_record_row_new(), or a placeholder row (id 0)
 * @context: (nullable): the view's context
 * @load: the record type's loader, such as dlg_decision_load()
 *
 * Loads the record a row opens, for its "row-activated" handler. A placeholder row opens
 * nothing; a record that cannot be read is logged (it was deleted meanwhile, most likely: the
 * list reloads on the store's change).
 *
 * Returns: (transfer full) (nullable): the record, or %NULL
 */
gpointer
dlg_record_row_load (GtkListBoxRow     *row,
                     DlgContext        *context,
                     DlgRecordLoadFunc  load)
{
  g_autoptr(GError) error = NULL;
  gint64 id = dlg_record_row_get_id (row);
  gpointer item;

  if (id == 0 || context == NULL)
    return NULL;
  item = load (dlg_context_get_store (context), id, &error);
  if (item == NULL)
    g_message ("Could not open: %s", error != NULL ? error->message : "?");
  return item;
}

/**
 * dlg_record_load_again:
 * @context: (nullable): the view's context
 * @record: a record a DlgRecordSection shows (an int64 property "id")
 * @load: the record type's loader, such as dlg_decision_load()
 *
 * Reads the record of an activated row again, for its editor: the one on show may be older
 * than the store by an idle. A record that cannot be read is logged (it was deleted meanwhile,
 * most likely: the list reloads on the store's change).
 *
 * Returns: (transfer full) (nullable): the record, or %NULL
 */
gpointer
dlg_record_load_again (DlgContext        *context,
                       gpointer           record,
                       DlgRecordLoadFunc  load)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;
  gpointer item;

  g_return_val_if_fail (G_IS_OBJECT (record), NULL);

  g_object_get (record, "id", &id, NULL);
  if (id == 0 || context == NULL)
    return NULL;
  item = load (dlg_context_get_store (context), id, &error);
  if (item == NULL)
    g_message ("Could not open: %s", error != NULL ? error->message : "?");
  return item;
}

/* A DlgRecordSectionTextFunc: "3. The title" (the opinion, review and validation lists). */
char *
dlg_recommendation_row_title (gpointer recommendation,
                              gpointer user_data)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT ". %s",
                          dlg_recommendation_get_number (recommendation),
                          dlg_recommendation_get_title (recommendation));
}

GtkWidget *
dlg_placeholder_row_new (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_widget_add_css_class (label, "dim-label");
  gtk_widget_set_margin_top (label, 18);
  gtk_widget_set_margin_bottom (label, 18);
  gtk_widget_set_margin_start (label, 12);
  gtk_widget_set_margin_end (label, 12);
  return label;
}

void
dlg_list_box_remove_all (GtkListBox *list)
{
  GtkListBoxRow *row;

  while ((row = gtk_list_box_get_row_at_index (list, 0)) != NULL)
    gtk_list_box_remove (list, GTK_WIDGET (row));
}

void
dlg_status_label_set (GtkLabel   *label,
                      const char *text,
                      gboolean    is_error)
{
  gtk_label_set_text (label, text != NULL ? text : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (label), "error");
}

GtkFileChooserNative *
dlg_save_chooser_new (GtkWidget  *widget,
                      const char *title,
                      const char *name,
                      GCallback   response_cb,
                      gpointer    owner)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new (title, GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"),
                                         _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect_object (chooser, "response", response_cb, owner, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
  return chooser;
}

/* A date or date-time of the store, as the officer reads it; NULL for none. */
char *
dlg_format_date (const char *iso)
{
  g_autoptr(GDateTime) dt = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GTimeZone) tz = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;
  if (strlen (iso) == 10)
    {
      g_autofree char *midday = g_strconcat (iso, "T12:00:00", NULL);

      tz = g_time_zone_new_local ();
      if (!(dt = g_date_time_new_from_iso8601 (midday, tz)))
        return g_strdup (iso);
      /* Translators: a date, as in strftime(). */
      return dlg_date_time_format (dt, _("%-d %B %Y"));
    }
  if (!(dt = g_date_time_new_from_iso8601 (iso, NULL)))
    return g_strdup (iso);
  local = g_date_time_to_local (dt);
  /* Translators: a date and time, as in strftime(). */
  return dlg_date_time_format (local, _("%-d %B %Y, %H:%M"));
}

char *
dlg_text_view_dup_text (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
dlg_text_view_set_text (GtkTextView *view,
                        const char  *text)
{
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view), text != NULL ? text : "", -1);
}

/* The index of @id in @vocabulary for a drop-down of its labels: 0 (the first) when @id is
 * not one of its ids. */
guint
dlg_choice_index (const DlgVocabulary *vocabulary,
                  const char          *id)
{
  int i = dlg_vocabulary_index (vocabulary, id);

  return i >= 0 ? (guint) i : 0;
}

/**
 * dlg_spin_button_shows:
 * @value: a stored value (NaN for none, which a spin button shows as its lower bound)
 *
 * Whether @spin shows @value, to the digits it displays. A spin button rounds what it shows,
 * and takes the rounded text as its value once it loses focus: 12.5 shown as "12" reads back as
 * 12. Compare with this before writing a spin button's value over a stored one, so that
 * tabbing through a field is no edit.
 */
gboolean
dlg_spin_button_shows (GtkSpinButton *spin,
                       double         value)
{
  guint digits = gtk_spin_button_get_digits (spin);
  g_autofree char *shown = NULL;
  g_autofree char *stored = NULL;

  if (isnan (value))
    value = gtk_adjustment_get_lower (gtk_spin_button_get_adjustment (spin));
  /* As GtkSpinButton formats its text. */
  shown = g_strdup_printf ("%0.*f", digits, gtk_spin_button_get_value (spin));
  stored = g_strdup_printf ("%0.*f", digits, value);
  return g_str_equal (shown, stored);
}

char *
dlg_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y-%m-%d");
}

/* Dates are typed as YYYY-MM-DD (what the site and the exports use). */
gboolean
dlg_view_check_date (const char  *text,
                GError     **error)
{
  int y, m, d;

  if (text != NULL && strlen (text) == 10 && sscanf (text, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
      g_date_valid_dmy (d, m, y))
    return TRUE;
  g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
               _("Write the date as year-month-day, for example 2025-03-14."));
  return FALSE;
}

/**
 * dlg_publication_text:
 *
 * Returns: where a published item stands with the site, in one sentence; %NULL when it is
 *   not on the site and nothing will put it there
 */
const char *
dlg_publication_text (DlgSyncPublication state)
{
  switch (state)
    {
    case DLG_SYNC_PUBLICATION_PENDING:
      return _("Will be shown on the site after the next sync.");
    case DLG_SYNC_PUBLICATION_ON_SITE:
      return _("Shown on the site.");
    case DLG_SYNC_PUBLICATION_CHANGED:
      return _("Shown on the site; the change goes there at the next sync.");
    case DLG_SYNC_PUBLICATION_LEAVING:
      return _("Will be removed from the site at the next sync.");
    case DLG_SYNC_PUBLICATION_REFUSED:
      return _("The site refused it: the sync status says why.");
    case DLG_SYNC_PUBLICATION_LOCAL:
    default:
      return NULL;
    }
}
