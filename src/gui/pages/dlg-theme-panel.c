/* dlg-theme-panel.c — the coding frame beside the contributions: themes, counts, management
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of the process's themes, depth first, each with its colour, the number key that gives
 * it (the first nine) and its count with its sub-themes (dlg_coding_count_by_theme, one call
 * per reload), after "All contributions" and "No theme yet". Selecting a row is the list's theme
 * filter ("filter-changed"). The frame is short (tens of themes), so a GtkListBox is right here.
 * The counts follow the store: every change of themes or contributions reloads the panel once,
 * from an idle (DlgReloadHelper).
 *
 * Managing the frame: "New theme" and "Edit…" open an edit dialog (name, parent, colour,
 * description) saved as the officer types through dlg_theme_save, which refuses a theme under
 * itself; "Merge into…" and "Delete" go through dlg-coding and emit "operation" with the
 * operation's summary and id, so that the page offers Undo in a toast. Moving a theme under
 * another in the edit dialog goes through dlg_coding_move_theme, so that it has its Undo too.
 *
 * The header's menu opens the workbench's windows: "Suggest Themes…" and "Duplicates…"
 * (DlgWorkbenchDialog; a group shown in the list is "show-contributions") and "Synthesis…"
 * (DlgSynthesisDialog); a theme's menu links its contributions to a recommendation
 * (dlg_link_dialog_present) or opens its synthesis.
 */

#define G_LOG_DOMAIN "dlg-theme-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-core.h"
#include "dlg-edit-dialog.h"
#include "dlg-link-dialog.h"
#include "dlg-reload-helper.h"
#include "dlg-synthesis-dialog.h"
#include "dlg-theme-panel.h"
#include "dlg-workbench-dialog.h"

struct _DlgThemePanel
{
  GtkBox           parent_instance;

  DlgContext      *context;
  gint64           process_id;
  GListModel      *themes;
  GHashTable      *counts;      /* theme id → total count */
  guint            n_without;
  guint            n_all;
  gint64           filter;
  DlgReloadHelper  reload;
  gboolean         filling;

  GtkListBox      *list_box;
};

G_DEFINE_FINAL_TYPE (DlgThemePanel, dlg_theme_panel, GTK_TYPE_BOX)

enum { FILTER_CHANGED, OPERATION, RELOADED, SHOW_CONTRIBUTIONS, N_SIGNALS };
static guint signals[N_SIGNALS];

typedef struct
{
  DlgThemePanel *panel;
  DlgTheme      *theme;
  GtkEditable   *name;
  AdwComboRow   *parent;
  GArray        *parent_ids;    /* index of the parent row → theme id (0: top level) */
  GtkColorButton *colour;
  GtkTextView   *description;
} ThemeEditor;

static DlgStore *
get_store (DlgThemePanel *self)
{
  return self->context != NULL ? dlg_context_get_store (self->context) : NULL;
}

static DlgTheme *
find_theme (DlgThemePanel *self,
            gint64        id)
{
  return dlg_theme_list_find (self->themes, id);
}

/* Is @id @root or below it? */
static gboolean
is_in_subtree (DlgThemePanel *self,
               gint64         id,
               gint64         root)
{
  while (id != 0)
    {
      DlgTheme *theme;

      if (id == root)
        return TRUE;
      if (!(theme = find_theme (self, id)))
        return FALSE;
      id = dlg_theme_get_parent_id (theme);
    }
  return FALSE;
}

static void
draw_swatch (GtkDrawingArea *area,
             cairo_t        *cr,
             int             width,
             int             height,
             gpointer        user_data)
{
  const char *colour = user_data;
  GdkRGBA rgba;

  if (colour == NULL || !gdk_rgba_parse (&rgba, colour))
    gdk_rgba_parse (&rgba, "#9a9996");
  gdk_cairo_set_source_rgba (cr, &rgba);
  cairo_arc (cr, width / 2.0, height / 2.0, MIN (width, height) / 2.0 - 1, 0, 2 * G_PI);
  cairo_fill (cr);
}

static GtkWidget *
new_row (DlgThemePanel *self,
         gint64         filter,
         const char    *name,
         const char    *colour,
         guint          depth,
         guint          count,
         guint          key)
{
  GtkWidget *row = gtk_list_box_row_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *label = gtk_label_new (name);   /* plain text: a theme's name is user text */
  g_autofree char *count_text = g_strdup_printf ("%u", count);
  GtkWidget *count_label = gtk_label_new (count_text);
  g_autofree char *accessible = NULL;

  g_object_set_data_full (G_OBJECT (row), "filter", g_memdup2 (&filter, sizeof filter), g_free);
  gtk_widget_set_margin_start (box, 12 * depth);
  if (filter > 0)
    {
      GtkWidget *swatch = gtk_drawing_area_new ();

      gtk_drawing_area_set_content_width (GTK_DRAWING_AREA (swatch), 12);
      gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (swatch), 12);
      gtk_widget_set_valign (swatch, GTK_ALIGN_CENTER);
      gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (swatch), draw_swatch,
                                      g_strdup (colour), g_free);
      gtk_box_append (GTK_BOX (box), swatch);
    }
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_set_hexpand (label, TRUE);
  gtk_box_append (GTK_BOX (box), label);
  if (key > 0)
    {
      g_autofree char *key_text = g_strdup_printf ("%u", key);
      GtkWidget *key_label = gtk_label_new (key_text);

      /* Drawn as a key, as in the shortcuts window, so that it does not read as a count. */
      gtk_widget_add_css_class (key_label, "dlg-theme-key");
      gtk_widget_set_valign (key_label, GTK_ALIGN_CENTER);
      gtk_widget_set_tooltip_text (key_label, _("Number key that gives this theme"));
      gtk_box_append (GTK_BOX (box), key_label);
    }
  gtk_widget_add_css_class (count_label, "dim-label");
  gtk_widget_add_css_class (count_label, "numeric");
  gtk_box_append (GTK_BOX (box), count_label);
  g_object_set_data (G_OBJECT (row), "count-label", count_label);

  if (filter > 0)
    {
      g_autoptr(GMenu) menu = g_menu_new ();
      g_autoptr(GMenuItem) edit = g_menu_item_new (_("_Edit…"), NULL);
      g_autoptr(GMenuItem) sub = g_menu_item_new (_("New _Sub-theme…"), NULL);
      g_autoptr(GMenuItem) merge = g_menu_item_new (_("_Merge Into…"), NULL);
      g_autoptr(GMenuItem) remove = g_menu_item_new (_("_Delete"), NULL);
      g_autoptr(GMenuItem) link = g_menu_item_new (_("_Link to a Recommendation…"), NULL);
      g_autoptr(GMenuItem) synthesis = g_menu_item_new (_("S_ynthesis…"), NULL);
      GtkWidget *button = gtk_menu_button_new ();
      g_autofree char *tooltip = g_strdup_printf (_("Theme “%s”"), name);

      g_menu_item_set_action_and_target_value (edit, "themes.edit", g_variant_new_int64 (filter));
      g_menu_item_set_action_and_target_value (sub, "themes.add-child",
                                               g_variant_new_int64 (filter));
      g_menu_item_set_action_and_target_value (merge, "themes.merge",
                                               g_variant_new_int64 (filter));
      g_menu_item_set_action_and_target_value (remove, "themes.delete",
                                               g_variant_new_int64 (filter));
      g_menu_item_set_action_and_target_value (link, "themes.link", g_variant_new_int64 (filter));
      g_menu_item_set_action_and_target_value (synthesis, "themes.synthesis",
                                               g_variant_new_int64 (filter));
      g_menu_append_item (menu, edit);
      g_menu_append_item (menu, sub);
      g_menu_append_item (menu, merge);
      g_menu_append_item (menu, remove);
      g_menu_append_item (menu, link);
      g_menu_append_item (menu, synthesis);
      gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (button), G_MENU_MODEL (menu));
      gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (button), "view-more-symbolic");
      gtk_widget_add_css_class (button, "flat");
      gtk_widget_set_tooltip_text (button, tooltip);
      gtk_box_append (GTK_BOX (box), button);
    }
  /* TRANSLATORS: a theme (or "No theme yet") and its number of contributions */
  accessible = g_strdup_printf (_("%s: %u"), name, count);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), box);
  return row;
}

static gint64
row_filter (GtkListBoxRow *row)
{
  gint64 *filter = row != NULL ? g_object_get_data (G_OBJECT (row), "filter") : NULL;

  return filter != NULL ? *filter : DLG_THEME_PANEL_ALL;
}

static void
select_filter_row (DlgThemePanel *self)
{
  GtkListBoxRow *row;

  for (int i = 0; (row = gtk_list_box_get_row_at_index (self->list_box, i)) != NULL; i++)
    if (row_filter (row) == self->filter)
      {
        gtk_list_box_select_row (self->list_box, row);
        return;
      }
  /* The theme filtered on is gone (merged, deleted): back to every contribution. */
  gtk_list_box_select_row (self->list_box, gtk_list_box_get_row_at_index (self->list_box, 0));
}

static void
fill (DlgThemePanel *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = NULL;
  GtkWidget *child;
  DlgStore *store = get_store (self);

  self->filling = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->list_box))) != NULL)
    gtk_list_box_remove (self->list_box, child);
  g_clear_object (&self->themes);
  g_hash_table_remove_all (self->counts);
  self->n_without = self->n_all = 0;

  if (store != NULL && self->process_id != 0)
    {
      self->themes = dlg_theme_list (store, self->process_id, &error);
      if (self->themes != NULL)
        counts = dlg_coding_count_by_theme (store, self->process_id, &self->n_without, &error);
      if (error != NULL)
        g_warning ("Could not read the coding frame: %s", error->message);
    }
  for (guint i = 0; counts != NULL && i < counts->len; i++)
    {
      DlgThemeCount *count = &g_array_index (counts, DlgThemeCount, i);

      g_hash_table_insert (self->counts, g_memdup2 (&count->theme_id, sizeof (gint64)),
                           GUINT_TO_POINTER (count->n_total));
    }
  if (self->themes != NULL)
    {
      /* What the list shows with no filter: one COUNT. */
      {
        g_autoptr(DlgContributionList) all = dlg_contribution_list_new (store, self->process_id);

        self->n_all = g_list_model_get_n_items (G_LIST_MODEL (all));
      }
      gtk_list_box_append (self->list_box, new_row (self, DLG_THEME_PANEL_ALL,
                                                    _("All contributions"), NULL, 0, self->n_all,
                                                    0));
      gtk_list_box_append (self->list_box, new_row (self, DLG_CONTRIBUTION_LIST_NO_THEME,
                                                    _("No theme yet"), NULL, 0, self->n_without,
                                                    0));
      for (guint i = 0; i < g_list_model_get_n_items (self->themes); i++)
        {
          g_autoptr(DlgTheme) theme = g_list_model_get_item (self->themes, i);
          gint64 id = dlg_theme_get_id (theme);

          gtk_list_box_append (self->list_box,
                               new_row (self, id, dlg_theme_get_name (theme),
                                        dlg_theme_get_colour (theme), dlg_theme_get_depth (theme),
                                        GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, &id)),
                                        i < 9 ? i + 1 : 0));
        }
    }
  select_filter_row (self);
  self->filling = FALSE;
  g_signal_emit (self, signals[RELOADED], 0);
}

static void
reload_cb (gpointer owner)
{
  DlgThemePanel *self = owner;
  gint64 before = self->filter;

  fill (self);
  if (row_filter (gtk_list_box_get_selected_row (self->list_box)) != before)
    {
      self->filter = row_filter (gtk_list_box_get_selected_row (self->list_box));
      g_signal_emit (self, signals[FILTER_CHANGED], 0);
    }
}

static void
store_changed_cb (DlgThemePanel *self,
                  GType          type,
                  gint64         process_id,
                  DlgStore      *store)
{
  if ((type != DLG_TYPE_THEME && type != DLG_TYPE_CONTRIBUTION)
      || (process_id != 0 && process_id != self->process_id))
    return;
  dlg_reload_helper_queue (&self->reload, reload_cb, self);
}

static void
row_selected_cb (DlgThemePanel *self,
                 GtkListBoxRow *row)
{
  gint64 filter;

  if (self->filling || row == NULL)
    return;
  filter = row_filter (row);
  if (filter == self->filter)
    return;
  self->filter = filter;
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

static void report (DlgThemePanel          *self,
                    gboolean                ok,
                    const DlgCodingOutcome *outcome,
                    GError                 *error);

/* Editing a theme ----------------------------------------------------------------------- */

static void
theme_editor_free (ThemeEditor *editor)
{
  g_clear_object (&editor->theme);
  g_clear_pointer (&editor->parent_ids, g_array_unref);
  g_free (editor);
}

static gboolean
theme_save (gpointer   user_data,
            GError   **error)
{
  ThemeEditor *editor = user_data;
  DlgThemePanel *self = editor->panel;
  g_autofree char *description = NULL;
  g_autofree char *colour = NULL;
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (editor->description);
  GtkTextIter start, end;
  GdkRGBA rgba;
  guint parent = adw_combo_row_get_selected (editor->parent);

  if (get_store (self) == NULL)
    return TRUE;
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  description = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  gtk_color_chooser_get_rgba (GTK_COLOR_CHOOSER (editor->colour), &rgba);
  colour = g_strdup_printf ("#%02x%02x%02x", (guint) (rgba.red * 255 + 0.5),
                            (guint) (rgba.green * 255 + 0.5), (guint) (rgba.blue * 255 + 0.5));
  dlg_theme_set_name (editor->theme, gtk_editable_get_text (editor->name));
  dlg_theme_set_description (editor->theme, description);
  dlg_theme_set_colour (editor->theme, colour);
  if (parent < editor->parent_ids->len)
    {
      gint64 parent_id = g_array_index (editor->parent_ids, gint64, parent);

      /* A move of a saved theme is an operation of the frame's stack, with its Undo. */
      if (dlg_theme_get_id (editor->theme) != 0
          && parent_id != dlg_theme_get_parent_id (editor->theme))
        {
          DlgCodingOutcome outcome = { 0 };

          if (!dlg_coding_move_theme (get_store (self), dlg_theme_get_id (editor->theme),
                                      parent_id, &outcome, error))
            return FALSE;
          report (self, TRUE, &outcome, NULL);
        }
      dlg_theme_set_parent_id (editor->theme, parent_id);
    }
  return dlg_theme_save (get_store (self), editor->theme, error);
}

/* A default colour per theme, from a palette of GNOME's, so that a new frame is readable. */
static const char *
default_colour (guint n)
{
  static const char *const palette[] = {
    "#3584e4", "#33d17a", "#f6d32d", "#ff7800", "#e01b24", "#9141ac", "#986a44", "#26a269",
    "#1c71d8", "#c64600",
  };

  return palette[n % G_N_ELEMENTS (palette)];
}

static void
edit_theme (DlgThemePanel *self,
            DlgTheme      *theme)
{
  ThemeEditor *editor = g_new0 (ThemeEditor, 1);
  DlgEditDialog *dialog;
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;
  GdkRGBA rgba;
  GtkWidget *colour_row;
  const char *colour = dlg_theme_get_colour (theme);
  gboolean created = dlg_theme_get_id (theme) == 0;

  editor->panel = self;
  editor->theme = g_object_ref (theme);
  editor->parent_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), created ? _("New Theme") : _("Theme"),
                                theme_save, editor, (GDestroyNotify) theme_editor_free);
  editor->name = dlg_edit_dialog_add_entry (dialog, _("Name"), dlg_theme_get_name (theme));

  /* The parent: the top of the frame or any theme but this one and its sub-themes. */
  g_ptr_array_add (labels, g_strdup (_("Top of the frame")));
  g_array_append_val (editor->parent_ids, (gint64) { 0 });
  for (guint i = 0; self->themes != NULL && i < g_list_model_get_n_items (self->themes); i++)
    {
      g_autoptr(DlgTheme) other = g_list_model_get_item (self->themes, i);
      gint64 id = dlg_theme_get_id (other);
      g_autofree char *indent = g_strnfill (2 * dlg_theme_get_depth (other), ' ');

      if (!created && is_in_subtree (self, id, dlg_theme_get_id (theme)))
        continue;
      if (id == dlg_theme_get_parent_id (theme))
        selected = editor->parent_ids->len;
      g_ptr_array_add (labels, g_strconcat (indent, dlg_theme_get_name (other), NULL));
      g_array_append_val (editor->parent_ids, id);
    }
  g_ptr_array_add (labels, NULL);
  editor->parent = dlg_edit_dialog_add_choice (dialog, _("Under"),
                                               (const char * const *) labels->pdata, selected);

  if (colour == NULL || !gdk_rgba_parse (&rgba, colour))
    gdk_rgba_parse (&rgba, default_colour (self->themes != NULL
                                           ? g_list_model_get_n_items (self->themes) : 0));
  editor->colour = GTK_COLOR_BUTTON (gtk_color_button_new_with_rgba (&rgba));
  gtk_color_button_set_title (editor->colour, _("Colour of the theme"));
  gtk_widget_set_valign (GTK_WIDGET (editor->colour), GTK_ALIGN_CENTER);
  colour_row = adw_action_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (colour_row), _("Colour"));
  adw_action_row_add_suffix (ADW_ACTION_ROW (colour_row), GTK_WIDGET (editor->colour));
  adw_action_row_set_activatable_widget (ADW_ACTION_ROW (colour_row), GTK_WIDGET (editor->colour));
  {
    GtkWidget *box = gtk_list_box_new ();

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (box), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (box, "boxed-list");
    gtk_list_box_append (GTK_LIST_BOX (box), colour_row);
    dlg_edit_dialog_add_widget (dialog, box);
  }
  g_signal_connect_object (editor->colour, "color-set",
                           G_CALLBACK (dlg_autosave_schedule), dlg_edit_dialog_get_autosave (dialog),
                           G_CONNECT_SWAPPED);
  editor->description = dlg_edit_dialog_add_text (dialog, _("Short description"),
                                                  dlg_theme_get_description (theme));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DlgThemePanel *self = DLG_THEME_PANEL (widget);
  g_autoptr(DlgTheme) theme = NULL;

  if (self->process_id == 0)
    return;
  theme = dlg_theme_new (self->process_id);
  if (parameter != NULL)
    dlg_theme_set_parent_id (theme, g_variant_get_int64 (parameter));
  edit_theme (self, theme);
}

static void
edit_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlgThemePanel *self = DLG_THEME_PANEL (widget);
  DlgTheme *theme = find_theme (self, g_variant_get_int64 (parameter));

  if (theme != NULL)
    edit_theme (self, theme);
}

static void
report (DlgThemePanel          *self,
        gboolean                ok,
        const DlgCodingOutcome *outcome,
        GError                 *error)
{
  g_autofree char *summary = NULL;
  gint64 last = 0;

  if (!ok)
    {
      g_signal_emit (self, signals[OPERATION], 0, error->message, (gint64) 0);
      return;
    }
  if (outcome->operation_id != 0
      && dlg_coding_get_last_operation (get_store (self), self->process_id, &last, &summary, NULL)
      && last == outcome->operation_id)
    g_signal_emit (self, signals[OPERATION], 0, summary, outcome->operation_id);
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgThemePanel *self = DLG_THEME_PANEL (widget);
  g_autoptr(GError) error = NULL;
  DlgCodingOutcome outcome = { 0 };
  gboolean ok;

  if (get_store (self) == NULL)
    return;
  /* No confirmation: the toast offers Undo, which brings back the themes and their links. */
  ok = dlg_coding_delete_theme (get_store (self), g_variant_get_int64 (parameter), &outcome,
                                &error);
  report (self, ok, &outcome, error);
}

typedef struct
{
  DlgThemePanel *panel;
  gint64         from_id;
  GArray        *into_ids;
  GtkDropDown   *dropdown;
} MergeChoice;

static void
merge_choice_free (MergeChoice *choice)
{
  g_array_unref (choice->into_ids);
  g_free (choice);
}

static void
merge_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   MergeChoice      *choice)
{
  DlgThemePanel *self = choice->panel;
  g_autoptr(GError) error = NULL;
  DlgCodingOutcome outcome = { 0 };
  guint selected = gtk_drop_down_get_selected (choice->dropdown);
  gboolean ok;

  if (g_strcmp0 (response, "merge") != 0 || selected >= choice->into_ids->len
      || get_store (self) == NULL)
    return;
  ok = dlg_coding_merge_themes (get_store (self), choice->from_id,
                                g_array_index (choice->into_ids, gint64, selected), &outcome,
                                &error);
  report (self, ok, &outcome, error);
}

static void
merge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DlgThemePanel *self = DLG_THEME_PANEL (widget);
  gint64 from_id = g_variant_get_int64 (parameter);
  DlgTheme *from = find_theme (self, from_id);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  MergeChoice *choice;
  GtkWidget *dialog;
  GtkRoot *root = gtk_widget_get_root (widget);

  if (from == NULL)
    return;
  choice = g_new0 (MergeChoice, 1);
  choice->panel = self;
  choice->from_id = from_id;
  choice->into_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < g_list_model_get_n_items (self->themes); i++)
    {
      g_autoptr(DlgTheme) other = g_list_model_get_item (self->themes, i);
      gint64 id = dlg_theme_get_id (other);
      g_autofree char *indent = g_strnfill (2 * dlg_theme_get_depth (other), ' ');
      g_autofree char *label = g_strconcat (indent, dlg_theme_get_name (other), NULL);

      if (is_in_subtree (self, id, from_id))
        continue;
      gtk_string_list_append (names, label);
      g_array_append_val (choice->into_ids, id);
    }
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("Merge the Theme?"), NULL);
  /* The name is user text: the body is not markup. */
  adw_message_dialog_format_body (ADW_MESSAGE_DIALOG (dialog),
                                  _("The contributions and sub-themes of “%s” go to the theme "
                                    "chosen below, then “%s” is deleted. Undo puts it back."),
                                  dlg_theme_get_name (from), dlg_theme_get_name (from));
  choice->dropdown = GTK_DROP_DOWN (gtk_drop_down_new (G_LIST_MODEL (g_object_ref (names)),
                                                       NULL));
  gtk_accessible_update_property (GTK_ACCESSIBLE (choice->dropdown),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, _("Theme to merge into"), -1);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog),
                                      GTK_WIDGET (choice->dropdown));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "merge", _("_Merge"), NULL);
  adw_message_dialog_set_response_enabled (ADW_MESSAGE_DIALOG (dialog), "merge",
                                           choice->into_ids->len > 0);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "merge");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (merge_response_cb), choice,
                         (GClosureNotify) merge_choice_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* The workbench's windows ------------------------------------------------------------------ */

static void
workbench_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlgThemePanel *self = DLG_THEME_PANEL (widget);
  DlgWorkbenchDialog *dialog;

  if (get_store (self) == NULL || self->process_id == 0)
    return;
  dialog = dlg_workbench_dialog_new (self, self->context, self->process_id,
                                     g_str_equal (action_name, "themes.suggest")
                                     ? DLG_WORKBENCH_SUGGEST : DLG_WORKBENCH_DUPLICATES);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
synthesis_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlgThemePanel *self = DLG_THEME_PANEL (widget);
  DlgSynthesisDialog *dialog;

  if (get_store (self) == NULL || self->process_id == 0)
    return;
  dialog = dlg_synthesis_dialog_new (widget, self->context, self->process_id,
                                     g_variant_get_int64 (parameter));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
link_done_cb (gboolean                ok,
              const DlgCodingOutcome *outcome,
              const GError           *error,
              gpointer                user_data)
{
  DlgThemePanel *self = user_data;

  if (!ok)
    g_signal_emit (self, signals[OPERATION], 0, error->message, (gint64) 0);
  else if (outcome->operation_id == 0)
    g_signal_emit (self, signals[OPERATION], 0,
                   _("Nothing to change: the contributions were already linked."), (gint64) 0);
  else
    report (self, TRUE, outcome, NULL);
}

static void
link_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlgThemePanel *self = DLG_THEME_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = NULL;
  g_autofree char *what = NULL;
  DlgTheme *theme = find_theme (self, g_variant_get_int64 (parameter));

  if (theme == NULL || get_store (self) == NULL)
    return;
  if (!(ids = dlg_coding_list_theme_contributions (get_store (self), dlg_theme_get_id (theme),
                                                   &error)))
    {
      g_signal_emit (self, signals[OPERATION], 0, error->message, (gint64) 0);
      return;
    }
  what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                       "the %u contribution of the theme “%s”",
                                       "the %u contributions of the theme “%s” (with its "
                                       "sub-themes)", ids->len),
                          ids->len, dlg_theme_get_name (theme));
  dlg_link_dialog_present (widget, get_store (self), self->process_id, ids, what, link_done_cb,
                           g_object_ref (self), g_object_unref);
}

static void
dlg_theme_panel_dispose (GObject *object)
{
  DlgThemePanel *self = DLG_THEME_PANEL (object);

  dlg_reload_helper_cancel (&self->reload);
  dlg_reload_helper_unwatch (&self->reload);
  g_clear_object (&self->themes);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dlg_theme_panel_parent_class)->dispose (object);
}

static void
dlg_theme_panel_finalize (GObject *object)
{
  DlgThemePanel *self = DLG_THEME_PANEL (object);

  g_hash_table_unref (self->counts);

  G_OBJECT_CLASS (dlg_theme_panel_parent_class)->finalize (object);
}

static void
dlg_theme_panel_class_init (DlgThemePanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_theme_panel_dispose;
  object_class->finalize = dlg_theme_panel_finalize;

  /**
   * DlgThemePanel::filter-changed:
   *
   * The officer chose another row: dlg_theme_panel_get_filter() says which.
   */
  signals[FILTER_CHANGED] = g_signal_new ("filter-changed", G_TYPE_FROM_CLASS (klass),
                                          G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  /**
   * DlgThemePanel::operation:
   * @summary: what was done, or the error
   * @operation_id: the operation to undo, 0 for an error
   */
  signals[OPERATION] = g_signal_new ("operation", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                                     0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING,
                                     G_TYPE_INT64);

  /**
   * DlgThemePanel::reloaded:
   *
   * The frame and its counts were read again (dlg_theme_panel_get_themes() may be new).
   */
  signals[RELOADED] = g_signal_new ("reloaded", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                    NULL, NULL, NULL, G_TYPE_NONE, 0);

  /**
   * DlgThemePanel::show-contributions:
   * @ids: (element-type gint64): the contributions to show in the list (a duplicate group)
   * @label: what they are (the group's text), plain text
   */
  signals[SHOW_CONTRIBUTIONS] = g_signal_new ("show-contributions", G_TYPE_FROM_CLASS (klass),
                                              G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                              G_TYPE_NONE, 2, G_TYPE_ARRAY, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-theme-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgThemePanel, list_box);
  gtk_widget_class_bind_template_callback (widget_class, row_selected_cb);

  gtk_widget_class_install_action (widget_class, "themes.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "themes.add-child", "x", add_action);
  gtk_widget_class_install_action (widget_class, "themes.edit", "x", edit_action);
  gtk_widget_class_install_action (widget_class, "themes.merge", "x", merge_action);
  gtk_widget_class_install_action (widget_class, "themes.delete", "x", delete_action);
  gtk_widget_class_install_action (widget_class, "themes.suggest", NULL, workbench_action);
  gtk_widget_class_install_action (widget_class, "themes.duplicates", NULL, workbench_action);
  gtk_widget_class_install_action (widget_class, "themes.synthesis", "x", synthesis_action);
  gtk_widget_class_install_action (widget_class, "themes.link", "x", link_action);
}

static void
dlg_theme_panel_init (DlgThemePanel *self)
{
  self->counts = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
dlg_theme_panel_new (void)
{
  return g_object_new (DLG_TYPE_THEME_PANEL, NULL);
}

/**
 * dlg_theme_panel_set_process:
 * @process_id: the process whose frame to show, or 0
 *
 * Shows the frame and follows the store; the filter goes back to every contribution.
 */
void
dlg_theme_panel_set_process (DlgThemePanel *self,
                             DlgContext    *context,
                             gint64         process_id)
{
  g_return_if_fail (DLG_IS_THEME_PANEL (self));

  dlg_reload_helper_unwatch (&self->reload);
  g_set_object (&self->context, context);
  self->process_id = context != NULL ? process_id : 0;
  self->filter = DLG_THEME_PANEL_ALL;
  if (context != NULL)
    dlg_reload_helper_watch (&self->reload, dlg_context_get_store (context),
                             G_CALLBACK (store_changed_cb), self);
  fill (self);
}

/**
 * dlg_theme_panel_reload:
 *
 * Reads the frame and the counts again now (the store's changes do it from an idle).
 */
void
dlg_theme_panel_reload (DlgThemePanel *self)
{
  g_return_if_fail (DLG_IS_THEME_PANEL (self));

  dlg_reload_helper_cancel (&self->reload);
  reload_cb (self);
}

GListModel *
dlg_theme_panel_get_themes (DlgThemePanel *self)
{
  g_return_val_if_fail (DLG_IS_THEME_PANEL (self), NULL);

  return self->themes;
}

void
dlg_theme_panel_set_filter (DlgThemePanel *self,
                            gint64         filter)
{
  g_return_if_fail (DLG_IS_THEME_PANEL (self));

  if (filter == self->filter)
    return;
  self->filter = filter;
  self->filling = TRUE;
  select_filter_row (self);
  self->filling = FALSE;
  self->filter = row_filter (gtk_list_box_get_selected_row (self->list_box));
  g_signal_emit (self, signals[FILTER_CHANGED], 0);
}

gint64
dlg_theme_panel_get_filter (DlgThemePanel *self)
{
  g_return_val_if_fail (DLG_IS_THEME_PANEL (self), DLG_THEME_PANEL_ALL);

  return self->filter;
}

guint
dlg_theme_panel_get_count (DlgThemePanel *self,
                           gint64         filter)
{
  g_return_val_if_fail (DLG_IS_THEME_PANEL (self), 0);

  if (filter == DLG_THEME_PANEL_ALL)
    return self->n_all;
  if (filter == DLG_CONTRIBUTION_LIST_NO_THEME)
    return self->n_without;
  return GPOINTER_TO_UINT (g_hash_table_lookup (self->counts, &filter));
}

/**
 * dlg_theme_panel_show_contributions:
 * @ids: (element-type gint64): contributions of the process
 * @label: what they are, plain text
 *
 * Asks the contributions page to show these contributions only ("show-contributions").
 */
void
dlg_theme_panel_show_contributions (DlgThemePanel *self,
                                    GArray        *ids,
                                    const char    *label)
{
  g_return_if_fail (DLG_IS_THEME_PANEL (self));

  g_signal_emit (self, signals[SHOW_CONTRIBUTIONS], 0, ids, label);
}
