/* dlg-column-sorter.c — a column's sort key, for a list that sorts itself (in SQL)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GtkColumnView over 100,000 lazy rows must not sort them through a GtkSortListModel (it
 * would read every row); the list orders itself in SQL instead. Each column gets a
 * DlgColumnSorter naming its key, so that its header is clickable and shows the arrow, and the
 * page follows the column view's sorter ("changed") to reorder the list.
 *
 * GTK 4.8 does not say which column the column view sorts by, nor which way
 * (gtk_column_view_sorter_get_primary_sort_column() is 4.10). Its sorter compares two items
 * through the sorter of the primary column first, inverted when descending, and goes to the
 * next column only on a tie: a DlgColumnSorter never ties (it answers "larger" and notes that
 * it was asked), so one comparison says the column and the way.
 */

#define G_LOG_DOMAIN "dlg-column-sorter"

#include "config.h"

#include "dlg-column-sorter.h"

struct _DlgColumnSorter
{
  GtkSorter parent_instance;

  int       key;
};

G_DEFINE_FINAL_TYPE (DlgColumnSorter, dlg_column_sorter, GTK_TYPE_SORTER)

/* The column sorter the probe comparison went through (main thread only). */
static DlgColumnSorter *asked;

static GtkOrdering
dlg_column_sorter_compare (GtkSorter *sorter,
                           gpointer   item1,
                           gpointer   item2)
{
  asked = DLG_COLUMN_SORTER (sorter);
  return GTK_ORDERING_LARGER;
}

static GtkSorterOrder
dlg_column_sorter_get_order (GtkSorter *sorter)
{
  return GTK_SORTER_ORDER_PARTIAL;
}

static void
dlg_column_sorter_class_init (DlgColumnSorterClass *klass)
{
  GtkSorterClass *sorter_class = GTK_SORTER_CLASS (klass);

  sorter_class->compare = dlg_column_sorter_compare;
  sorter_class->get_order = dlg_column_sorter_get_order;
}

static void
dlg_column_sorter_init (DlgColumnSorter *self)
{
}

/**
 * dlg_column_sorter_new:
 * @key: what the column sorts by, for the list (a DlgContributionSort…)
 */
GtkSorter *
dlg_column_sorter_new (int key)
{
  DlgColumnSorter *self = g_object_new (DLG_TYPE_COLUMN_SORTER, NULL);

  self->key = key;
  return GTK_SORTER (self);
}

int
dlg_column_sorter_get_key (DlgColumnSorter *self)
{
  g_return_val_if_fail (DLG_IS_COLUMN_SORTER (self), 0);
  return self->key;
}

/**
 * dlg_column_sorter_read:
 * @column_view_sorter: gtk_column_view_get_sorter() of a view whose columns have
 *   DlgColumnSorters
 * @key: (out): the key of the column it sorts by
 * @descending: (out): whether the largest come first
 *
 * Returns: %FALSE when the view sorts by no column
 */
gboolean
dlg_column_sorter_read (GtkSorter *column_view_sorter,
                        int       *key,
                        gboolean  *descending)
{
  g_autoptr(GObject) a = NULL;
  g_autoptr(GObject) b = NULL;
  GtkOrdering order;

  g_return_val_if_fail (GTK_IS_SORTER (column_view_sorter), FALSE);

  a = g_object_new (G_TYPE_OBJECT, NULL);
  b = g_object_new (G_TYPE_OBJECT, NULL);
  asked = NULL;
  order = gtk_sorter_compare (column_view_sorter, a, b);
  if (asked == NULL || order == GTK_ORDERING_EQUAL)
    return FALSE;
  *key = asked->key;
  *descending = order == GTK_ORDERING_SMALLER;
  asked = NULL;
  return TRUE;
}
