/* dlg-stage-navigator.c — the twelve stages of a process at a glance, and the cross-stage pages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One row per stage: a number, the stage's label and an icon with the state's name beside it
 * (not started / in progress / done / skipped), so that the state reads without colour. Then
 * the pages that belong to no single stage: contributions, narratives and the journal.
 * Emits ::page-selected with the index of the page (0–11 the stages, then 12, 13, 14).
 */

#define G_LOG_DOMAIN "dlg-stage-navigator"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-stage-navigator.h"

struct _DlgStageNavigator
{
  GtkWidget      parent_instance;

  GtkWidget     *scroller;
  GtkListBox    *list;
  GtkWidget     *rows[DLG_N_PAGES];
  GtkImage      *icons[DLG_N_STAGES];
  GtkLabel      *state_labels[DLG_N_STAGES];
  DlgStageState  states[DLG_N_STAGES];
  guint          selecting : 1;
};

G_DEFINE_FINAL_TYPE (DlgStageNavigator, dlg_stage_navigator, GTK_TYPE_WIDGET)

enum {
  PAGE_SELECTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
state_icon (DlgStageState state)
{
  switch (state)
    {
    case DLG_STAGE_STATE_IN_PROGRESS:
      return "media-playback-start-symbolic";
    case DLG_STAGE_STATE_DONE:
      return "emblem-ok-symbolic";
    case DLG_STAGE_STATE_SKIPPED:
      return "media-skip-forward-symbolic";
    case DLG_STAGE_STATE_NOT_STARTED:
    default:
      return "radio-symbolic";
    }
}

static const char *
state_class (DlgStageState state)
{
  switch (state)
    {
    case DLG_STAGE_STATE_IN_PROGRESS:
      return "accent";
    case DLG_STAGE_STATE_DONE:
      return "success";
    case DLG_STAGE_STATE_SKIPPED:
    case DLG_STAGE_STATE_NOT_STARTED:
    default:
      return "dim-label";
    }
}

const char *
dlg_stage_navigator_page_name (guint index)
{
  static const char *extra[DLG_N_CROSS_PAGES] = {
    DLG_PAGE_CONTRIBUTIONS, DLG_PAGE_NARRATIVES, DLG_PAGE_JOURNAL,
    DLG_PAGE_COMMUNICATION, DLG_PAGE_ADVISOR,
  };

  g_return_val_if_fail (index < DLG_N_PAGES, NULL);

  if (index < DLG_N_STAGES)
    return dlg_stage_to_id (index);
  return extra[index - DLG_N_STAGES];
}

static void
row_selected_cb (DlgStageNavigator *self,
                 GtkListBoxRow     *row)
{
  if (row == NULL || self->selecting)
    return;
  for (guint i = 0; i < DLG_N_PAGES; i++)
    if (self->rows[i] == GTK_WIDGET (row))
      g_signal_emit (self, signals[PAGE_SELECTED], 0, i);
}

static void
update_state (DlgStageNavigator *self,
              DlgStage           stage,
              DlgStageState      state)
{
  g_autofree char *tooltip = NULL;

  for (guint s = 0; s <= DLG_STAGE_STATE_SKIPPED; s++)
    {
      gtk_widget_remove_css_class (GTK_WIDGET (self->icons[stage]), state_class (s));
      gtk_widget_remove_css_class (GTK_WIDGET (self->state_labels[stage]), state_class (s));
    }
  self->states[stage] = state;
  gtk_image_set_from_icon_name (self->icons[stage], state_icon (state));
  gtk_widget_add_css_class (GTK_WIDGET (self->icons[stage]), state_class (state));
  gtk_label_set_text (self->state_labels[stage], dlg_stage_state_get_label (state));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_labels[stage]), state_class (state));
  tooltip = g_strdup_printf ("%s — %s", dlg_stage_get_label (stage),
                             dlg_stage_state_get_label (state));
  gtk_widget_set_tooltip_text (self->rows[stage], tooltip);
}

static GtkWidget *
make_row (const char  *number,
          const char  *icon_name,
          const char  *title,
          GtkImage   **icon_out,
          GtkLabel   **state_out)
{
  GtkWidget *row, *box, *texts, *num, *label, *icon;

  row = gtk_list_box_row_new ();
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 10);
  gtk_widget_set_margin_top (box, 4);
  gtk_widget_set_margin_bottom (box, 4);

  icon = gtk_image_new_from_icon_name (icon_name);
  gtk_box_append (GTK_BOX (box), icon);

  texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  gtk_widget_set_hexpand (texts, TRUE);
  label = gtk_label_new (title);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (texts), label);
  if (state_out != NULL)
    {
      GtkWidget *state = gtk_label_new (NULL);

      gtk_label_set_xalign (GTK_LABEL (state), 0);
      gtk_widget_add_css_class (state, "caption");
      gtk_box_append (GTK_BOX (texts), state);
      *state_out = GTK_LABEL (state);
    }
  gtk_box_append (GTK_BOX (box), texts);

  if (number != NULL)
    {
      num = gtk_label_new (number);
      gtk_widget_add_css_class (num, "dim-label");
      gtk_widget_add_css_class (num, "numeric");
      gtk_box_append (GTK_BOX (box), num);
    }

  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL, title, -1);
  if (icon_out != NULL)
    *icon_out = GTK_IMAGE (icon);
  return row;
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  DlgStageNavigator *self = user_data;

  if (GTK_WIDGET (row) == self->rows[DLG_N_STAGES])
    {
      GtkWidget *label = gtk_label_new (_("Across stages"));

      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_widget_add_css_class (label, "heading");
      gtk_widget_add_css_class (label, "dim-label");
      gtk_widget_set_margin_top (label, 18);
      gtk_widget_set_margin_start (label, 12);
      gtk_widget_set_margin_bottom (label, 6);
      gtk_list_box_row_set_header (row, label);
    }
  else
    gtk_list_box_row_set_header (row, NULL);
}

static void
dlg_stage_navigator_dispose (GObject *object)
{
  DlgStageNavigator *self = (DlgStageNavigator *)object;

  g_clear_pointer (&self->scroller, gtk_widget_unparent);

  G_OBJECT_CLASS (dlg_stage_navigator_parent_class)->dispose (object);
}

static void
dlg_stage_navigator_class_init (DlgStageNavigatorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_stage_navigator_dispose;

  signals[PAGE_SELECTED] =
    g_signal_new ("page-selected", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL,
                  NULL, G_TYPE_NONE, 1, G_TYPE_UINT);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dlgstagenavigator");
}

static void
dlg_stage_navigator_init (DlgStageNavigator *self)
{
  static const char *extra_icons[DLG_N_CROSS_PAGES] = {
    "chat-message-new-symbolic", "text-editor-symbolic", "document-open-recent-symbolic",
    "mail-send-symbolic", "emblem-system-symbolic",
  };
  const char *extra_titles[DLG_N_CROSS_PAGES] = {
    _("Contributions"), _("Narratives"), _("Journal"),
    _("Communication"), _("Feature Advisor"),
  };

  self->scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_widget_set_parent (self->scroller, GTK_WIDGET (self));

  self->list = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_widget_add_css_class (GTK_WIDGET (self->list), "navigation-sidebar");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Stages"), -1);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scroller), GTK_WIDGET (self->list));

  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      g_autofree char *number = g_strdup_printf ("%u", i + 1);

      self->rows[i] = make_row (number, state_icon (DLG_STAGE_STATE_NOT_STARTED),
                                dlg_stage_get_label (i), &self->icons[i], &self->state_labels[i]);
      gtk_list_box_append (self->list, self->rows[i]);
      update_state (self, i, DLG_STAGE_STATE_NOT_STARTED);
    }
  for (guint i = 0; i < DLG_N_CROSS_PAGES; i++)
    {
      self->rows[DLG_N_STAGES + i] = make_row (NULL, extra_icons[i], extra_titles[i], NULL, NULL);
      gtk_list_box_append (self->list, self->rows[DLG_N_STAGES + i]);
    }
  gtk_list_box_set_header_func (self->list, header_func, self, NULL);
  g_signal_connect_object (self->list, "row-selected", G_CALLBACK (row_selected_cb), self,
                           G_CONNECT_SWAPPED);
}

/**
 * dlg_stage_navigator_set_states:
 * @stage_infos: (nullable): a model of #DlgStageInfo, as dlg_stage_list() returns
 */
void
dlg_stage_navigator_set_states (DlgStageNavigator *self,
                                GListModel        *stage_infos)
{
  guint n;

  g_return_if_fail (DLG_IS_STAGE_NAVIGATOR (self));

  for (guint i = 0; i < DLG_N_STAGES; i++)
    update_state (self, i, DLG_STAGE_STATE_NOT_STARTED);
  if (stage_infos == NULL)
    return;
  n = g_list_model_get_n_items (stage_infos);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgStageInfo) info = g_list_model_get_item (stage_infos, i);

      update_state (self, dlg_stage_info_get_stage (info), dlg_stage_info_get_state (info));
    }
}

DlgStageState
dlg_stage_navigator_get_state (DlgStageNavigator *self,
                               DlgStage           stage)
{
  g_return_val_if_fail (DLG_IS_STAGE_NAVIGATOR (self), DLG_STAGE_STATE_NOT_STARTED);
  g_return_val_if_fail (stage < DLG_N_STAGES, DLG_STAGE_STATE_NOT_STARTED);
  return self->states[stage];
}

/* Selects the row without emitting ::page-selected. */
void
dlg_stage_navigator_select (DlgStageNavigator *self,
                            guint              index)
{
  g_return_if_fail (DLG_IS_STAGE_NAVIGATOR (self));
  g_return_if_fail (index < DLG_N_PAGES);

  self->selecting = TRUE;
  gtk_list_box_select_row (self->list, GTK_LIST_BOX_ROW (self->rows[index]));
  self->selecting = FALSE;
}

guint
dlg_stage_navigator_get_selected (DlgStageNavigator *self)
{
  GtkListBoxRow *row;

  g_return_val_if_fail (DLG_IS_STAGE_NAVIGATOR (self), 0);

  row = gtk_list_box_get_selected_row (self->list);
  for (guint i = 0; i < DLG_N_PAGES; i++)
    if (self->rows[i] == GTK_WIDGET (row))
      return i;
  return 0;
}
