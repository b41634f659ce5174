/* dlg-read-only.c — a widget tree shown read-only: readable, selectable, scrollable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A closed stage (done or skipped) and an archived process are read-only until they are
 * reopened (restored): the core refuses their writes (dlg_stage_check_editable), and their
 * views say so by offering nothing to edit. Making the whole view insensitive would also grey
 * its text and stop selection, so instead each editing control is neutralised on its own:
 * text views and entries stop being editable (their text stays selectable), buttons, switches,
 * check buttons, spin buttons and drop-downs become insensitive, and rows that open an editor
 * stop being activatable. Expander rows still expand, lists still scroll.
 *
 * What was changed is marked on each widget, so that making the tree editable again restores
 * exactly that and nothing the view had disabled for its own reasons. A control that its view
 * (or its action) makes sensitive again while the tree is read-only is put back at once. A
 * widget with the style class "dlg-keep-active" (reading tools: export, replay) is left alone.
 */

#define G_LOG_DOMAIN "dlg-read-only"

#include "config.h"

#include <adwaita.h>

#include "dlg-read-only.h"

#define MARKS_KEY "dlg-read-only-marks"
#define GUARD_KEY "dlg-read-only-guard"

enum
{
  MARK_SENSITIVE   = 1 << 0,
  MARK_EDITABLE    = 1 << 1,
  MARK_ACTIVATABLE = 1 << 2,
};

static guint
get_marks (GtkWidget *widget)
{
  return GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (widget), MARKS_KEY));
}

static void
set_marks (GtkWidget *widget,
           guint      marks)
{
  g_object_set_data (G_OBJECT (widget), MARKS_KEY, GUINT_TO_POINTER (marks));
}

/* A control that changes a value or starts an edit when it is used. */
static gboolean
is_control (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) || GTK_IS_SWITCH (widget) || GTK_IS_CHECK_BUTTON (widget) ||
         GTK_IS_SPIN_BUTTON (widget) || GTK_IS_DROP_DOWN (widget) || GTK_IS_SCALE (widget) ||
         GTK_IS_MENU_BUTTON (widget) || ADW_IS_COMBO_ROW (widget);
}

/* The header of an expander row (and the expander row itself) expands it: reading, not
 * editing. Rows inside its revealer are its content. */
static gboolean
is_expander_header (GtkWidget *row)
{
  GtkWidget *expander = gtk_widget_get_ancestor (row, ADW_TYPE_EXPANDER_ROW);
  GtkWidget *revealer;

  if (ADW_IS_EXPANDER_ROW (row))
    return TRUE;
  if (expander == NULL)
    return FALSE;
  revealer = gtk_widget_get_ancestor (row, GTK_TYPE_REVEALER);
  return revealer == NULL || !gtk_widget_is_ancestor (revealer, expander);
}

static void
sensitive_changed_cb (GtkWidget  *widget,
                      GParamSpec *pspec,
                      gpointer    user_data)
{
  if ((get_marks (widget) & MARK_SENSITIVE) && gtk_widget_get_sensitive (widget))
    gtk_widget_set_sensitive (widget, FALSE);
}

static void
make_read_only (GtkWidget *widget)
{
  guint marks = get_marks (widget);

  if (gtk_widget_has_css_class (widget, "dlg-keep-active"))
    return;

  if (is_control (widget))
    {
      if (!(marks & MARK_SENSITIVE) && gtk_widget_get_sensitive (widget))
        {
          set_marks (widget, marks | MARK_SENSITIVE);
          gtk_widget_set_sensitive (widget, FALSE);
          if (g_object_get_data (G_OBJECT (widget), GUARD_KEY) == NULL)
            g_object_set_data (G_OBJECT (widget), GUARD_KEY,
                               GSIZE_TO_POINTER (g_signal_connect (widget, "notify::sensitive",
                                                                   G_CALLBACK (sensitive_changed_cb),
                                                                   NULL)));
        }
      return;
    }
  if (GTK_IS_TEXT_VIEW (widget))
    {
      if (gtk_text_view_get_editable (GTK_TEXT_VIEW (widget)))
        {
          set_marks (widget, marks | MARK_EDITABLE);
          gtk_text_view_set_editable (GTK_TEXT_VIEW (widget), FALSE);
          gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (widget), FALSE);
        }
      return;
    }
  if (GTK_IS_EDITABLE (widget))
    {
      if (gtk_editable_get_editable (GTK_EDITABLE (widget)))
        {
          set_marks (widget, marks | MARK_EDITABLE);
          gtk_editable_set_editable (GTK_EDITABLE (widget), FALSE);
        }
      return;
    }
  if (GTK_IS_LIST_BOX_ROW (widget) && !is_expander_header (widget) &&
      gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget)))
    {
      marks |= MARK_ACTIVATABLE;
      set_marks (widget, marks);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), FALSE);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    make_read_only (child);
}

static void
make_editable (GtkWidget *widget)
{
  guint marks = get_marks (widget);

  if (marks != 0)
    {
      set_marks (widget, 0);
      if (marks & MARK_SENSITIVE)
        {
          gulong guard = GPOINTER_TO_SIZE (g_object_steal_data (G_OBJECT (widget), GUARD_KEY));
          const char *action = GTK_IS_ACTIONABLE (widget)
                               ? gtk_actionable_get_action_name (GTK_ACTIONABLE (widget))
                               : NULL;

          g_clear_signal_handler (&guard, widget);
          if (action != NULL)
            {
              /* The action decides: binding it again makes the widget follow its state. */
              g_autofree char *name = g_strdup (action);

              gtk_actionable_set_action_name (GTK_ACTIONABLE (widget), NULL);
              gtk_widget_set_sensitive (widget, FALSE);
              gtk_actionable_set_action_name (GTK_ACTIONABLE (widget), name);
            }
          else
            gtk_widget_set_sensitive (widget, TRUE);
        }
      if (marks & MARK_EDITABLE)
        {
          if (GTK_IS_TEXT_VIEW (widget))
            {
              gtk_text_view_set_editable (GTK_TEXT_VIEW (widget), TRUE);
              gtk_text_view_set_cursor_visible (GTK_TEXT_VIEW (widget), TRUE);
            }
          else
            gtk_editable_set_editable (GTK_EDITABLE (widget), TRUE);
        }
      if (marks & MARK_ACTIVATABLE)
        gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), TRUE);
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    make_editable (child);
}

/**
 * dlg_read_only_apply:
 * @root: a widget tree (a stage view)
 * @read_only: whether nothing in it may be edited
 *
 * Neutralises (or gives back) every editing control of @root. Call it again after the tree
 * has grown new rows: it only touches what is not read-only yet.
 */
void
dlg_read_only_apply (GtkWidget *root,
                     gboolean   read_only)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (read_only)
    make_read_only (root);
  else
    make_editable (root);
}

/**
 * dlg_read_only_is_editing:
 *
 * Returns: whether @widget is a control that edits something and can be used now
 */
gboolean
dlg_read_only_is_editing (GtkWidget *widget)
{
  g_return_val_if_fail (GTK_IS_WIDGET (widget), FALSE);

  if (!gtk_widget_is_sensitive (widget) || gtk_widget_has_css_class (widget, "dlg-keep-active"))
    return FALSE;
  if (is_control (widget))
    return TRUE;
  if (GTK_IS_TEXT_VIEW (widget))
    return gtk_text_view_get_editable (GTK_TEXT_VIEW (widget));
  if (GTK_IS_EDITABLE (widget))
    return gtk_editable_get_editable (GTK_EDITABLE (widget));
  if (GTK_IS_LIST_BOX_ROW (widget) && !is_expander_header (widget))
    return gtk_list_box_row_get_activatable (GTK_LIST_BOX_ROW (widget));
  return FALSE;
}

/**
 * dlg_read_only_find_editing:
 * @found: (nullable): where to append a description of each control found
 *
 * Returns: whether some widget of @root can edit something (for tests and checks)
 */
gboolean
dlg_read_only_find_editing (GtkWidget *root,
                            GString   *found)
{
  gboolean any = FALSE;

  g_return_val_if_fail (GTK_IS_WIDGET (root), FALSE);

  if (!gtk_widget_get_visible (root))
    return FALSE;
  if (dlg_read_only_is_editing (root))
    {
      if (found != NULL)
        g_string_append_printf (found, "%s%s", found->len > 0 ? ", " : "",
                                G_OBJECT_TYPE_NAME (root));
      any = TRUE;
      /* A GtkEntry's own GtkText would be counted twice. */
      if (is_control (root) || GTK_IS_EDITABLE (root) || GTK_IS_TEXT_VIEW (root))
        return TRUE;
    }
  for (GtkWidget *child = gtk_widget_get_first_child (root); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    any |= dlg_read_only_find_editing (child, found);
  return any;
}
