/* dlg-accessible.c — accessible names the widgets of GTK 4.8 do not give themselves
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What a screen reader hears of a control is its accessible name. GTK 4.8 leaves some empty or
 * wrong, and the rules below, applied to every widget as it is mapped (an emission hook on
 * GtkWidget::map, installed once by the window's class, and to what the mapped widget holds
 * unmapped: a hidden page is in the accessibility tree too), put them right everywhere,
 * dialogs and rows built at run time included (issue 13; tests/a11y-walk.py checks it):
 *
 * - a button with a mnemonic ("_Reopen…") gets its label, underscore included, as accessible
 *   label, and its name reads "_Reopen… Reopen…": the label is taken off, the name comes
 *   from the text shown;
 * - a button or menu button that shows an icon only is named by its tooltip (always set: it
 *   is what a sighted user reads);
 * - a drop-down, switch, spin button or entry with no name is named by the title of the
 *   preferences row it sits in, else by its tooltip, else (an entry) by its placeholder;
 * - the toggle button inside a GtkDropDown or GtkMenuButton, which is what takes the focus,
 *   is labelled by its parent (so "Channel", not an unnamed button);
 * - a list box row that names itself from nothing is named from the labels it shows.
 *
 * Rows of list and column views are recycled without being mapped again: their factories
 * call dlg_accessible_name_from_labels after each bind (dlg-text-column.c does it for every
 * column view).
 */

#define G_LOG_DOMAIN "dlg-accessible"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dlg-accessible.h"

/* Rows named here (not by their code), named again as they change. */
static GQuark
auto_name_quark (void)
{
  return g_quark_from_static_string ("dlg-accessible-auto-name");
}

static void
collect_labels (GtkWidget *widget,
                GString   *out)
{
  if (!gtk_widget_get_visible (widget))
    return;
  if (GTK_IS_LABEL (widget))
    {
      const char *text = gtk_label_get_text (GTK_LABEL (widget));

      if (text != NULL && *text != '\0')
        {
          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append (out, text);
        }
      return;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_labels (child, out);
}

/**
 * dlg_accessible_name_from_labels:
 * @row: a row (a list box row, the row widget of a list or column view)
 *
 * Names @row from the text of the labels it shows, in order, joined by commas.
 */
void
dlg_accessible_name_from_labels (GtkWidget *row)
{
  g_autoptr(GString) name = g_string_new (NULL);

  g_return_if_fail (GTK_IS_WIDGET (row));

  collect_labels (row, name);
  if (name->len > 0)
    gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name->str, -1);
  g_object_set_qdata (G_OBJECT (row), auto_name_quark (), GINT_TO_POINTER (TRUE));
}

/**
 * dlg_accessible_name_cell_row:
 * @cell_child: the child of a column view's cell, bound
 *
 * Names the row @cell_child's cell is in from every cell's labels (call it after each bind).
 */
void
dlg_accessible_name_cell_row (GtkWidget *cell_child)
{
  GtkWidget *cell;

  g_return_if_fail (GTK_IS_WIDGET (cell_child));

  cell = gtk_widget_get_parent (cell_child);
  if (cell != NULL && gtk_widget_get_parent (cell) != NULL)
    dlg_accessible_name_from_labels (gtk_widget_get_parent (cell));
}

static GtkWidget *
inner_toggle (GtkWidget *widget)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (GTK_IS_TOGGLE_BUTTON (child))
      return child;
  return NULL;
}

/**
 * dlg_accessible_set_name:
 *
 * Names @widget (and the button inside it, for a drop-down or a menu button).
 */
void
dlg_accessible_set_name (GtkWidget  *widget,
                         const char *name)
{
  GtkWidget *toggle;

  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (name != NULL);

  gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  -1);
  if ((GTK_IS_DROP_DOWN (widget) || GTK_IS_MENU_BUTTON (widget)) &&
      (toggle = inner_toggle (widget)) != NULL)
    gtk_accessible_update_property (GTK_ACCESSIBLE (toggle), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    name, -1);
}

static gboolean
has_label (GtkWidget *widget)
{
  return gtk_test_accessible_has_property (GTK_ACCESSIBLE (widget),
                                           GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* "_Export the Plan…" as it reads: "Export the Plan…" ("__" is an underscore). */
static char *
strip_mnemonic (const char *label)
{
  GString *out = g_string_new (NULL);

  for (const char *p = label; *p != '\0'; p++)
    {
      if (*p == '_')
        {
          if (p[1] != '_')
            continue;
          p++;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

/* The label a mnemonic button gives itself, underscore and all, goes. */
static void
unset_mnemonic_label (GtkWidget  *widget,
                      const char *label)
{
  g_autofree char *differs = NULL;

  if (label == NULL || strchr (label, '_') == NULL || !has_label (widget))
    return;
  differs = gtk_test_accessible_check_property (GTK_ACCESSIBLE (widget),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL, label);
  if (differs == NULL)
    gtk_accessible_reset_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL);
}

/* The title of the preferences row @widget sits in, if any. */
static const char *
row_title (GtkWidget *widget)
{
  GtkWidget *row = gtk_widget_get_ancestor (widget, ADW_TYPE_PREFERENCES_ROW);
  const char *title = row != NULL ? adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row))
                                  : NULL;

  return title != NULL && *title != '\0' ? title : NULL;
}

static void
apply_policy (GtkWidget *widget)
{
  const char *tooltip = gtk_widget_get_tooltip_text (widget);

  if (GTK_IS_BUTTON (widget))
    {
      const char *label = gtk_button_get_label (GTK_BUTTON (widget));
      GtkWidget *parent = gtk_widget_get_parent (widget);

      if (gtk_button_get_use_underline (GTK_BUTTON (widget)))
        unset_mnemonic_label (widget, label);
      if (GTK_IS_TOGGLE_BUTTON (widget) && parent != NULL &&
          (GTK_IS_DROP_DOWN (parent) || GTK_IS_MENU_BUTTON (parent)))
        {
          if (!has_label (widget))
            gtk_accessible_update_relation (GTK_ACCESSIBLE (widget),
                                            GTK_ACCESSIBLE_RELATION_LABELLED_BY, parent, NULL,
                                            -1);
        }
      else if (label == NULL && tooltip != NULL && !has_label (widget) &&
               !GTK_IS_LABEL (gtk_button_get_child (GTK_BUTTON (widget))))
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        tooltip, -1);
    }
  else if (GTK_IS_CHECK_BUTTON (widget))
    {
      const char *label = gtk_check_button_get_label (GTK_CHECK_BUTTON (widget));

      /* A check button does not name itself from the text it shows: it is named by it. */
      if (label != NULL && gtk_check_button_get_use_underline (GTK_CHECK_BUTTON (widget)))
        {
          g_autofree char *name = strip_mnemonic (label);

          gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          name, -1);
        }
    }
  else if (GTK_IS_MENU_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SWITCH (widget) ||
           GTK_IS_SPIN_BUTTON (widget) || GTK_IS_ENTRY (widget) || GTK_IS_SEARCH_ENTRY (widget))
    {
      const char *name = NULL;

      if (has_label (widget))
        return;
      if (GTK_IS_MENU_BUTTON (widget) && gtk_menu_button_get_label (GTK_MENU_BUTTON (widget)))
        {
          g_autofree char *label = strip_mnemonic (gtk_menu_button_get_label (
                                                     GTK_MENU_BUTTON (widget)));

          dlg_accessible_set_name (widget, label);
          return;
        }
      /* In a row, the row's title says what the control is; else its tooltip, its hint. */
      name = row_title (widget);
      if (name == NULL)
        name = tooltip;
      if (name == NULL && GTK_IS_ENTRY (widget))
        name = gtk_entry_get_placeholder_text (GTK_ENTRY (widget));
      if (name == NULL && GTK_IS_SEARCH_ENTRY (widget))
        {
          g_autofree char *placeholder = NULL;

          g_object_get (widget, "placeholder-text", &placeholder, NULL);
          if (placeholder != NULL)
            dlg_accessible_set_name (widget, placeholder);
          return;
        }
      if (name != NULL)
        dlg_accessible_set_name (widget, name);
    }
  else if (gtk_widget_get_parent (widget) != NULL &&
           GTK_IS_COLUMN_VIEW (gtk_widget_get_parent (widget)) &&
           gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (widget)) == GTK_ACCESSIBLE_ROLE_ROW)
    {
      /* The row of column titles above the rows. */
      if (!has_label (widget))
        gtk_accessible_update_property (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                        _("Column titles"), -1);
    }
  else if (GTK_IS_LIST_BOX_ROW (widget))
    {
      if (!has_label (widget) ||
          g_object_get_qdata (G_OBJECT (widget), auto_name_quark ()) != NULL)
        dlg_accessible_name_from_labels (widget);
    }
}

/* @widget, and what under it will not be mapped with it (hidden pages of a stack, collapsed
 * rows): a screen reader lists those too. What is mapped gets its own call. */
static void
apply_policy_hidden_too (GtkWidget *widget,
                         gboolean   mapping)
{
  apply_policy (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      gboolean will_map = mapping && gtk_widget_get_visible (child) &&
                          gtk_widget_get_child_visible (child);

      if (!will_map)
        apply_policy_hidden_too (child, FALSE);
    }
}

static gboolean
map_hook_cb (GSignalInvocationHint *hint,
             guint                  n_params,
             const GValue          *params,
             gpointer               user_data)
{
  GObject *object = g_value_get_object (&params[0]);

  if (GTK_IS_WIDGET (object))
    apply_policy_hidden_too (GTK_WIDGET (object), TRUE);
  return TRUE;
}

/**
 * dlg_accessible_install_policy:
 *
 * Applies the rules above to every widget mapped from now on (once per process).
 */
void
dlg_accessible_install_policy (void)
{
  static gsize installed = 0;

  if (g_once_init_enter (&installed))
    {
      g_signal_add_emission_hook (g_signal_lookup ("map", GTK_TYPE_WIDGET), 0, map_hook_cb,
                                  NULL, NULL);
      g_once_init_leave (&installed, 1);
    }
}
