/* dlg-workbench-dialog.c — "Suggest Themes…" and "Duplicates…": the analysis engine's results,
 * applied only at the officer's word
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One window for both, from the coding frame's menu. "Suggest" (or "Find") runs the engine in
 * a worker (dlg_workbench_analysis_run_async) with a spinner, the step it is at and Cancel;
 * closing the window cancels too. Nothing is written until the officer acts on a row:
 *
 * - a suggested theme shows its label (an entry: the officer renames it there), its top terms,
 *   its size and its three representative contributions; "Accept" creates the theme with its
 *   contributions, or merges them into the theme chosen beside it (dlg_coding_accept_theme);
 * - a duplicate group shows its count and text; "Show in the List" opens its contributions in
 *   the contributions list, "Tag" and "Moderate" apply to the whole group (dlg_coding_tag,
 *   dlg_coding_moderate: the bulk actions' path).
 *
 * Each is one operation of the coding frame's stack: the window's toast offers Undo, as the
 * page's does. Every text shown is user text, set as plain text.
 */

#define G_LOG_DOMAIN "dlg-workbench-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-workbench-dialog.h"

#define UNDO_ACTION "workbench.undo"

struct _DlgWorkbenchDialog
{
  AdwWindow           parent_instance;

  DlgThemePanel      *panel;      /* weak: the panel opens the window, and may go first */
  DlgContext         *context;
  gint64              process_id;
  DlgWorkbenchKind    kind;
  GCancellable       *cancellable;
  DlgWorkbenchResult *result;
  GListModel         *themes;     /* DlgTheme, depth first, for "merge into" and "tag" */
  GPtrArray          *rows;       /* the suggestion rows' widgets, by index */

  AdwToastOverlay    *toast_overlay;
  GtkWidget          *count_box;
  GtkSpinButton      *count_spin;
  GtkSpinButton      *seed_spin;
  GtkButton          *run_button;
  GtkButton          *cancel_button;
  GtkSpinner         *spinner;
  GtkLabel           *status_label;
  GtkListBox         *list_box;
};

G_DEFINE_FINAL_TYPE (DlgWorkbenchDialog, dlg_workbench_dialog, ADW_TYPE_WINDOW)

/* What a suggestion's row holds, to accept it. */
typedef struct
{
  GtkEditable  *name;
  GtkDropDown  *into;
  GtkButton    *accept;
  GtkLabel     *state;
  gint64        operation_id;   /* its acceptance, while it can be undone */
} SuggestionRow;

static DlgStore *
get_store (DlgWorkbenchDialog *self)
{
  return self->context != NULL ? dlg_context_get_store (self->context) : NULL;
}

static void
set_running (DlgWorkbenchDialog *self,
             gboolean            running)
{
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->run_button), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->count_spin), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->seed_spin), !running);
  gtk_spinner_set_spinning (self->spinner, running);
}

static GtkWidget *
plain_label (const char *text,
             gboolean    dim)
{
  GtkWidget *label = gtk_label_new (text);   /* plain text: user text is never markup */

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (label), FALSE);
  if (dim)
    gtk_widget_add_css_class (label, "dim-label");
  return label;
}

static GtkWidget *
excerpt_label (const char *text)
{
  g_autofree char *quoted = g_strdup_printf (_("“%s”"), text);
  GtkWidget *label = plain_label (quoted, TRUE);

  gtk_label_set_lines (GTK_LABEL (label), 2);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  return label;
}

/* "As a new theme", then every theme of the frame, indented. */
static GtkStringList *
theme_choices (DlgWorkbenchDialog *self)
{
  GtkStringList *names = gtk_string_list_new (NULL);

  gtk_string_list_append (names, _("As a new theme"));
  for (guint i = 0; self->themes != NULL && i < g_list_model_get_n_items (self->themes); i++)
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (self->themes, i);
      g_autofree char *indent = g_strnfill (2 * dlg_theme_get_depth (theme), ' ');
      g_autofree char *label = g_strdup_printf (_("Merge into “%s%s”"), indent,
                                                dlg_theme_get_name (theme));

      gtk_string_list_append (names, label);
    }
  return names;
}

static void
read_themes (DlgWorkbenchDialog *self)
{
  g_autoptr(GError) error = NULL;

  g_clear_object (&self->themes);
  if (get_store (self) != NULL)
    self->themes = dlg_theme_list (get_store (self), self->process_id, &error);
  if (error != NULL)
    g_warning ("Could not read the coding frame: %s", error->message);
}

/* After a theme was created (or taken back): every row's "merge into" lists the frame now. */
static void
refresh_theme_choices (DlgWorkbenchDialog *self)
{
  read_themes (self);
  for (guint i = 0; self->rows != NULL && i < self->rows->len; i++)
    {
      SuggestionRow *row = g_ptr_array_index (self->rows, i);
      g_autoptr(GtkStringList) names = theme_choices (self);

      gtk_drop_down_set_model (row->into, G_LIST_MODEL (names));
      gtk_drop_down_set_selected (row->into, 0);
    }
}

static GtkWidget *
suggestion_row (DlgWorkbenchDialog *self,
                guint               index,
                DlgWorkbenchItem   *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *entry = gtk_entry_new ();
  g_autofree char *size = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contribution",
                                                        "%u contributions", item->size),
                                           item->size);
  g_autofree char *terms = g_strdup_printf (_("Terms: %s"), item->terms != NULL ? item->terms
                                                                               : "");
  g_autoptr(GtkStringList) names = theme_choices (self);
  g_autofree char *accessible = g_strdup_printf (_("Name of suggested theme %u"), index + 1);
  SuggestionRow *row = g_new0 (SuggestionRow, 1);
  GtkWidget *size_label = plain_label (size, TRUE);
  GtkWidget *state;
  GtkWidget *accept;
  GtkWidget *into;

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_editable_set_text (GTK_EDITABLE (entry), item->label);
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_widget_set_tooltip_text (entry, _("Rename the theme here before accepting it"));
  gtk_label_set_wrap (GTK_LABEL (size_label), FALSE);
  gtk_widget_add_css_class (size_label, "numeric");
  gtk_box_append (GTK_BOX (top), entry);
  gtk_box_append (GTK_BOX (top), size_label);
  gtk_box_append (GTK_BOX (box), top);
  gtk_box_append (GTK_BOX (box), plain_label (terms, FALSE));
  for (guint i = 0; i < 3 && item->excerpts[i] != NULL; i++)
    gtk_box_append (GTK_BOX (box), excerpt_label (item->excerpts[i]));

  into = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (into), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  _("Accept as"), -1);
  gtk_widget_set_hexpand (into, TRUE);
  gtk_widget_set_halign (into, GTK_ALIGN_START);
  state = plain_label ("", TRUE);
  accept = gtk_button_new_with_mnemonic (_("_Accept"));
  gtk_widget_add_css_class (accept, "suggested-action");
  gtk_actionable_set_action_name (GTK_ACTIONABLE (accept), "workbench.accept");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (accept), g_variant_new_uint32 (index));
  gtk_box_append (GTK_BOX (actions), into);
  gtk_box_append (GTK_BOX (actions), state);
  gtk_box_append (GTK_BOX (actions), accept);
  gtk_box_append (GTK_BOX (box), actions);

  row->name = GTK_EDITABLE (entry);
  row->into = GTK_DROP_DOWN (into);
  row->accept = GTK_BUTTON (accept);
  row->state = GTK_LABEL (state);
  g_ptr_array_add (self->rows, row);
  return box;
}

static GMenu *
tag_menu (DlgWorkbenchDialog *self,
          guint               index)
{
  GMenu *menu = g_menu_new ();

  for (guint i = 0; self->themes != NULL && i < g_list_model_get_n_items (self->themes); i++)
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (self->themes, i);
      g_autofree char *indent = g_strnfill (2 * dlg_theme_get_depth (theme), ' ');
      g_autofree char *name = g_strconcat (indent, dlg_theme_get_name (theme), NULL);
      g_autofree char *label = dlg_workbench_menu_label (name);
      g_autoptr(GMenuItem) entry = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (entry, "workbench.tag",
                                               g_variant_new ("(ux)", index,
                                                              dlg_theme_get_id (theme)));
      g_menu_append_item (menu, entry);
    }
  return menu;
}

static GMenu *
moderate_menu (DlgWorkbenchDialog *self,
               guint               index)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = dlg_moderation_reason_list (get_store (self), &error);
  g_autoptr(GMenu) aside = g_menu_new ();
  GMenu *menu = g_menu_new ();
  g_autoptr(GMenuItem) publish = g_menu_item_new (_("_Publish"), NULL);
  g_autoptr(GMenuItem) pending = g_menu_item_new (_("Back to _Awaiting Moderation"), NULL);

  g_menu_item_set_action_and_target_value (publish, "workbench.moderate",
                                           g_variant_new ("(uss)", index, "published", ""));
  g_menu_item_set_action_and_target_value (pending, "workbench.moderate",
                                           g_variant_new ("(uss)", index, "pending", ""));
  g_menu_append_item (menu, publish);
  g_menu_append_item (menu, pending);
  for (guint i = 0; reasons != NULL && i < reasons->len; i++)
    {
      DlgModerationReason *reason = g_ptr_array_index (reasons, i);
      g_autofree char *label = dlg_workbench_menu_label (reason->label);
      g_autoptr(GMenuItem) entry = g_menu_item_new (label, NULL);

      g_menu_item_set_action_and_target_value (entry, "workbench.moderate",
                                               g_variant_new ("(uss)", index, "trashed",
                                                              reason->label));
      g_menu_append_item (aside, entry);
    }
  g_menu_append_submenu (menu, _("Set _Aside"), G_MENU_MODEL (aside));
  return menu;
}

static GtkWidget *
group_row (DlgWorkbenchDialog *self,
           guint               index,
           DlgWorkbenchItem   *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *top = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *actions = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  g_autofree char *count = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contribution",
                                                         "%u contributions", item->size),
                                            item->size);
  GtkWidget *count_label = plain_label (count, FALSE);
  GtkWidget *text = plain_label (item->label, FALSE);
  GtkWidget *show = gtk_button_new_with_mnemonic (_("_Show in the List"));
  GtkWidget *tag = gtk_menu_button_new ();
  GtkWidget *moderate = gtk_menu_button_new ();
  g_autoptr(GMenu) tags = tag_menu (self, index);
  g_autoptr(GMenu) moderations = moderate_menu (self, index);

  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_add_css_class (count_label, "heading");
  gtk_label_set_wrap (GTK_LABEL (count_label), FALSE);
  gtk_box_append (GTK_BOX (top), count_label);
  gtk_box_append (GTK_BOX (top), plain_label (item->near ? _("Near duplicates")
                                                         : _("Identical once normalised"),
                                              TRUE));
  gtk_box_append (GTK_BOX (box), top);
  gtk_label_set_lines (GTK_LABEL (text), 3);
  gtk_label_set_ellipsize (GTK_LABEL (text), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (box), text);

  gtk_actionable_set_action_name (GTK_ACTIONABLE (show), "workbench.show");
  gtk_actionable_set_action_target_value (GTK_ACTIONABLE (show), g_variant_new_uint32 (index));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (tag), _("Tag"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (tag), G_MENU_MODEL (tags));
  gtk_widget_set_sensitive (tag, self->themes != NULL
                                 && g_list_model_get_n_items (self->themes) > 0);
  gtk_widget_set_tooltip_text (tag, _("Give a theme to every contribution of the group"));
  gtk_menu_button_set_label (GTK_MENU_BUTTON (moderate), _("Moderate"));
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (moderate), G_MENU_MODEL (moderations));
  gtk_widget_set_tooltip_text (moderate, _("Moderate every contribution of the group"));
  gtk_box_append (GTK_BOX (actions), show);
  gtk_box_append (GTK_BOX (actions), tag);
  gtk_box_append (GTK_BOX (actions), moderate);
  gtk_box_append (GTK_BOX (box), actions);
  return box;
}

static void
fill (DlgWorkbenchDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_ptr_array_set_size (self->rows, 0);
  read_themes (self);
  for (guint i = 0; self->result != NULL && i < self->result->items->len; i++)
    {
      DlgWorkbenchItem *item = g_ptr_array_index (self->result->items, i);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row),
                                  self->kind == DLG_WORKBENCH_SUGGEST
                                  ? suggestion_row (self, i, item) : group_row (self, i, item));
      gtk_list_box_append (self->list_box, row);
    }
}

static void
progress_cb (const char *message,
             gpointer    user_data)
{
  DlgWorkbenchDialog *self = user_data;

  /* A step told after the run ended (or the window went) is old news. */
  if (self->cancellable != NULL && self->rows != NULL)
    gtk_label_set_text (self->status_label, message);
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(DlgWorkbenchDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  DlgWorkbenchResult *result = dlg_workbench_analysis_run_finish (DLG_STORE (source), res,
                                                                  &error);
  g_autofree char *status = NULL;

  if (self->rows == NULL)
    {
      /* The window went meanwhile. */
      dlg_workbench_result_free (result);
      return;
    }
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      if (self->cancellable != NULL)
        {
          set_running (self, FALSE);
          gtk_label_set_text (self->status_label, _("Cancelled: nothing was changed."));
        }
      g_clear_object (&self->cancellable);
      return;
    }
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  if (result == NULL)
    {
      gtk_label_set_text (self->status_label, error->message);
      return;
    }
  dlg_workbench_result_free (self->result);
  self->result = result;
  if (self->kind == DLG_WORKBENCH_SUGGEST)
    status = result->items->len == 0
      ? g_strdup_printf (_("No theme to suggest from %u contributions."), result->n_texts)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u theme suggested from %u contributions (%u too short or "
                                      "sharing no word). Nothing is applied until you accept.",
                                      "%u themes suggested from %u contributions (%u too short "
                                      "or sharing no word). Nothing is applied until you accept.",
                                      result->items->len),
                         result->items->len, result->n_texts, result->n_left_out);
  else
    status = result->items->len == 0
      ? g_strdup_printf (_("No duplicates among %u contributions."), result->n_texts)
      : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                      "%u group of duplicates among %u contributions, largest "
                                      "first.",
                                      "%u groups of duplicates among %u contributions, largest "
                                      "first.", result->items->len),
                         result->items->len, result->n_texts);
  gtk_label_set_text (self->status_label, status);
  fill (self);
}

/* Actions ---------------------------------------------------------------------------------- */

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DlgWorkbenchDialog *self = DLG_WORKBENCH_DIALOG (widget);

  if (get_store (self) == NULL || self->cancellable != NULL)
    return;
  self->cancellable = g_cancellable_new ();
  set_running (self, TRUE);
  dlg_workbench_analysis_run_async (get_store (self), self->process_id, self->kind,
                                    (guint) gtk_spin_button_get_value_as_int (self->count_spin),
                                    (guint32) gtk_spin_button_get_value (self->seed_spin),
                                    self->cancellable, progress_cb, self, run_done_cb,
                                    g_object_ref (self));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgWorkbenchDialog *self = DLG_WORKBENCH_DIALOG (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static DlgWorkbenchItem *
item_at (DlgWorkbenchDialog *self,
         guint               index)
{
  if (self->result == NULL || index >= self->result->items->len)
    return NULL;
  return g_ptr_array_index (self->result->items, index);
}

static void
report (DlgWorkbenchDialog     *self,
        gboolean                ok,
        const DlgCodingOutcome *outcome,
        const GError           *error)
{
  dlg_workbench_report (self->toast_overlay, get_store (self), self->process_id, UNDO_ACTION, ok,
                        outcome, error);
}

static void
set_accepted (SuggestionRow *row,
              gint64         operation_id,
              const char    *state)
{
  row->operation_id = operation_id;
  gtk_widget_set_sensitive (GTK_WIDGET (row->name), operation_id == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (row->into), operation_id == 0);
  gtk_widget_set_sensitive (GTK_WIDGET (row->accept), operation_id == 0);
  gtk_label_set_text (row->state, state);
}

static void
accept_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgWorkbenchDialog *self = DLG_WORKBENCH_DIALOG (widget);
  guint index = g_variant_get_uint32 (parameter);
  DlgWorkbenchItem *item = item_at (self, index);
  g_autoptr(GError) error = NULL;
  DlgCodingOutcome outcome = { 0 };
  SuggestionRow *row;
  guint choice;
  gint64 into = 0;
  gboolean ok;

  if (item == NULL || index >= self->rows->len || get_store (self) == NULL)
    return;
  row = g_ptr_array_index (self->rows, index);
  choice = gtk_drop_down_get_selected (row->into);
  if (choice > 0 && self->themes != NULL && choice <= g_list_model_get_n_items (self->themes))
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (self->themes, choice - 1);

      into = dlg_theme_get_id (theme);
    }
  ok = dlg_coding_accept_theme (get_store (self), self->process_id,
                                gtk_editable_get_text (row->name), NULL, into, item->ids,
                                &outcome, &error);
  report (self, ok, &outcome, error);
  if (ok && outcome.operation_id != 0)
    {
      set_accepted (row, outcome.operation_id, into == 0 ? _("Accepted") : _("Merged"));
      if (into == 0)
        refresh_theme_choices (self);
    }
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlgWorkbenchDialog *self = DLG_WORKBENCH_DIALOG (widget);
  gint64 operation_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;
  DlgCodingOutcome outcome = { 0 };

  if (get_store (self) == NULL)
    return;
  if (!dlg_coding_undo (get_store (self), operation_id, &outcome, &error))
    {
      dlg_workbench_show_toast (self->toast_overlay, error->message, UNDO_ACTION, 0);
      return;
    }
  for (guint i = 0; i < self->rows->len; i++)
    {
      SuggestionRow *row = g_ptr_array_index (self->rows, i);

      if (row->operation_id == operation_id)
        {
          set_accepted (row, 0, "");
          refresh_theme_choices (self);
        }
    }
  dlg_workbench_show_toast (self->toast_overlay, _("Undone."), UNDO_ACTION, 0);
}

static void
show_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlgWorkbenchDialog *self = DLG_WORKBENCH_DIALOG (widget);
  DlgWorkbenchItem *item = item_at (self, g_variant_get_uint32 (parameter));

  if (item == NULL || self->panel == NULL)
    return;
  dlg_theme_panel_show_contributions (self->panel, item->ids, item->label);
  dlg_workbench_show_toast (self->toast_overlay,
                            _("The group is shown in the contributions list."), UNDO_ACTION, 0);
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DlgWorkbenchDialog *self = DLG_WORKBENCH_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  DlgCodingOutcome outcome = { 0 };
  DlgWorkbenchItem *item;
  guint index;
  gint64 theme_id;
  gboolean ok;

  g_variant_get (parameter, "(ux)", &index, &theme_id);
  if (!(item = item_at (self, index)) || get_store (self) == NULL)
    return;
  ok = dlg_coding_tag (get_store (self), theme_id, item->ids, &outcome, &error);
  report (self, ok, &outcome, error);
}

static void
moderate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DlgWorkbenchDialog *self = DLG_WORKBENCH_DIALOG (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *state = NULL;
  g_autofree char *reason = NULL;
  DlgCodingOutcome outcome = { 0 };
  DlgWorkbenchItem *item;
  guint index;
  gboolean ok;

  g_variant_get (parameter, "(uss)", &index, &state, &reason);
  if (!(item = item_at (self, index)) || get_store (self) == NULL)
    return;
  ok = dlg_coding_moderate (get_store (self), self->process_id, item->ids, state, reason,
                            &outcome, &error);
  report (self, ok, &outcome, error);
}

/* GObject ---------------------------------------------------------------------------------- */

static void
dlg_workbench_dialog_dispose (GObject *object)
{
  DlgWorkbenchDialog *self = DLG_WORKBENCH_DIALOG (object);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_weak_pointer (&self->panel);
  g_clear_object (&self->context);
  g_clear_object (&self->themes);
  g_clear_pointer (&self->result, dlg_workbench_result_free);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_WORKBENCH_DIALOG);

  G_OBJECT_CLASS (dlg_workbench_dialog_parent_class)->dispose (object);
}

static void
dlg_workbench_dialog_class_init (DlgWorkbenchDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_workbench_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-workbench-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgWorkbenchDialog, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlgWorkbenchDialog, count_box);
  gtk_widget_class_bind_template_child (widget_class, DlgWorkbenchDialog, count_spin);
  gtk_widget_class_bind_template_child (widget_class, DlgWorkbenchDialog, seed_spin);
  gtk_widget_class_bind_template_child (widget_class, DlgWorkbenchDialog, run_button);
  gtk_widget_class_bind_template_child (widget_class, DlgWorkbenchDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DlgWorkbenchDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DlgWorkbenchDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, DlgWorkbenchDialog, list_box);

  gtk_widget_class_install_action (widget_class, "workbench.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "workbench.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "workbench.accept", "u", accept_action);
  gtk_widget_class_install_action (widget_class, UNDO_ACTION, "x", undo_action);
  gtk_widget_class_install_action (widget_class, "workbench.show", "u", show_action);
  gtk_widget_class_install_action (widget_class, "workbench.tag", "(ux)", tag_action);
  gtk_widget_class_install_action (widget_class, "workbench.moderate", "(uss)",
                                   moderate_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlg_workbench_dialog_init (DlgWorkbenchDialog *self)
{
  self->rows = g_ptr_array_new_with_free_func (g_free);
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dlg_workbench_dialog_new:
 * @panel: the coding frame that opens it ("Show in the List" goes through it)
 * @kind: suggest themes, or find duplicates
 *
 * Returns: (transfer none): the window, transient for @panel's, not shown yet
 */
DlgWorkbenchDialog *
dlg_workbench_dialog_new (DlgThemePanel    *panel,
                          DlgContext       *context,
                          gint64            process_id,
                          DlgWorkbenchKind  kind)
{
  DlgWorkbenchDialog *self = g_object_new (DLG_TYPE_WORKBENCH_DIALOG, NULL);
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (panel));

  g_set_weak_pointer (&self->panel, panel);
  self->context = g_object_ref (context);
  self->process_id = process_id;
  self->kind = kind;
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  gtk_widget_set_visible (self->count_box, kind == DLG_WORKBENCH_SUGGEST);
  gtk_window_set_title (GTK_WINDOW (self), kind == DLG_WORKBENCH_SUGGEST ? _("Suggest Themes")
                                                                         : _("Duplicates"));
  gtk_button_set_label (self->run_button, kind == DLG_WORKBENCH_SUGGEST ? _("_Suggest")
                                                                       : _("_Find"));
  gtk_button_set_use_underline (self->run_button, TRUE);
  gtk_label_set_text (self->status_label,
                      kind == DLG_WORKBENCH_SUGGEST
                      ? _("Themes are suggested from the words the contributions share, on this "
                          "computer; nothing is applied until you accept a suggestion.")
                      : _("Groups of contributions that say the same thing word for word or "
                          "nearly (“RAS”, a campaign’s text copied with small edits); nothing is "
                          "applied until you act on a group."));
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list_box), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  kind == DLG_WORKBENCH_SUGGEST ? _("Suggested themes")
                                                                : _("Groups of duplicates"), -1);
  return self;
}

gboolean
dlg_workbench_dialog_is_running (DlgWorkbenchDialog *self)
{
  g_return_val_if_fail (DLG_IS_WORKBENCH_DIALOG (self), FALSE);

  return self->cancellable != NULL;
}

DlgWorkbenchResult *
dlg_workbench_dialog_get_result (DlgWorkbenchDialog *self)
{
  g_return_val_if_fail (DLG_IS_WORKBENCH_DIALOG (self), NULL);

  return self->result;
}
