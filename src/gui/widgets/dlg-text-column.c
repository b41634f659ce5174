/* dlg-text-column.c — a GtkColumnView column of plain-text cells
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every list of the pages shows user text (titles, author references, journal summaries), so
 * every cell is a GtkLabel filled with gtk_label_set_text and use-markup off: a title such as
 * "<b>" is shown as typed, never interpreted. The column view recycles its cells; the number
 * of cells ever created is counted so that tests can check that a list of 100,000 rows builds
 * a screenful of widgets, not one per row.
 */

#define G_LOG_DOMAIN "dlg-text-column"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-accessible.h"
#include "dlg-text-column.h"

static guint n_created;
static guint n_alive;

static void
cell_finalized_cb (gpointer  data,
                   GObject  *where_the_object_was)
{
  n_alive--;
}

static void
setup_cb (GtkSignalListItemFactory *factory,
          GtkListItem              *list_item,
          gpointer                  user_data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_use_underline (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_label_set_single_line_mode (GTK_LABEL (label), TRUE);
  gtk_list_item_set_child (list_item, label);
  g_object_weak_ref (G_OBJECT (label), cell_finalized_cb, NULL);
  n_created++;
  n_alive++;
}

static void
bind_cb (GtkSignalListItemFactory *factory,
         GtkListItem              *list_item,
         gpointer                  user_data)
{
  DlgTextColumnFunc get_text = (DlgTextColumnFunc) user_data;
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (list_item));
  gpointer item = gtk_list_item_get_item (list_item);
  g_autofree char *text = item != NULL ? get_text (item) : NULL;

  gtk_label_set_text (label, text != NULL ? text : "");
  /* The whole text of a cell cut short, on hover (plain text, like the label). */
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text != NULL && *text != '\0' ? text : NULL);
  /* The row (the cell's parent) reads as what its cells show, for a screen reader. */
  dlg_accessible_name_cell_row (GTK_WIDGET (label));
}

static void
unbind_cb (GtkSignalListItemFactory *factory,
           GtkListItem              *list_item,
           gpointer                  user_data)
{
  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (list_item)), "");
  gtk_widget_set_tooltip_text (gtk_list_item_get_child (list_item), NULL);
}

/**
 * dlg_text_column_new:
 * @title: the column header
 * @get_text: gives the text of a row's cell
 * @expand: whether the column takes the spare width
 * @fixed_width: the width in pixels, or -1 to measure the cells
 *
 * Returns: (transfer full): a column whose cells show plain text
 */
GtkColumnViewColumn *
dlg_text_column_new (const char        *title,
                     DlgTextColumnFunc  get_text,
                     gboolean           expand,
                     int                fixed_width)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
  GtkColumnViewColumn *column;

  g_return_val_if_fail (get_text != NULL, NULL);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_cb), (gpointer) get_text);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_cb), NULL);

  column = gtk_column_view_column_new (title, factory);
  gtk_column_view_column_set_expand (column, expand);
  gtk_column_view_column_set_resizable (column, TRUE);
  /* A fixed width spares the column view from measuring every realized cell (up to 200 rows
   * in GTK 4.8) each time the model changes. */
  gtk_column_view_column_set_fixed_width (column, fixed_width);
  return column;
}

/* How many cell widgets the text columns have built since the program started. */
guint
dlg_text_column_get_n_created (void)
{
  return n_created;
}

/* How many of those cell widgets exist now. */
guint
dlg_text_column_get_n_alive (void)
{
  return n_alive;
}

/**
 * dlg_format_datetime:
 * @iso8601: (nullable): a time as the store writes it
 *
 * Returns: (transfer full): the local date and time for a list, or a copy of @iso8601 if it
 *   cannot be read
 */
char *
dlg_format_datetime (const char *iso8601)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso8601 == NULL || *iso8601 == '\0')
    return NULL;
  utc = g_date_time_new_from_iso8601 (iso8601, NULL);
  if (utc == NULL)
    return g_strdup (iso8601);
  local = g_date_time_to_local (utc);
  /* Translators: date and time in lists (strftime format). */
  return g_date_time_format (local, _("%Y-%m-%d %H:%M"));
}
