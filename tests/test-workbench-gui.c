/* test-workbench-gui.c — work at volume in the contributions page: selection, bulk actions,
 * Undo, number keys, the theme filter and the coding frame's panel, in the window on the demo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson under xvfb-run and dbus-run-session. With WORKBENCH_SCREENSHOTS=DIR, the
 * window (1400×900) is saved as PNG files there at the steps worth looking at.
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dlg-contributions-page.h"
#include "dlg-moderation-reasons-dialog.h"
#include "dlg-theme-panel.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

#define MARKUP_NAME "<b>Gras</b> & <i>co</i>"

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-workbench");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
}

static void
save_png (GtkWidget  *widget,
          const char *name)
{
  const char *dir = g_getenv ("WORKBENCH_SCREENSHOTS");
  GskRenderer *renderer;
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  spin (300);
  renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  path = g_build_filename (dir, name, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
  g_test_message ("screenshot: %s", path);
}

static DlgContributionsPage *
show_page (Fixture *f)
{
  DlgContributionsPage *page;

  if (g_getenv ("WORKBENCH_SCREENSHOTS") != NULL)
    gtk_window_set_default_size (GTK_WINDOW (f->window), 1400, 900);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-stage", "i", DLG_N_STAGES);
  spin (100);
  g_assert_cmpstr (dlg_window_get_visible_page_name (f->window), ==, "contributions");
  page = DLG_CONTRIBUTIONS_PAGE (dlg_window_get_page (f->window, DLG_N_STAGES));
  g_assert_nonnull (dlg_contributions_page_get_model (page));
  return page;
}

static GtkSelectionModel *
selection_of (DlgContributionsPage *page)
{
  GtkColumnView *view = find_nth (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, 0);

  return gtk_column_view_get_model (view);
}

static DlgThemePanel *
panel_of (DlgContributionsPage *page)
{
  return find_nth (GTK_WIDGET (page), DLG_TYPE_THEME_PANEL, 0);
}

static GtkCheckButton *
matching_check (DlgContributionsPage *page)
{
  GtkWidget *bar = find_nth (GTK_WIDGET (page), GTK_TYPE_FLOW_BOX, 1);

  return find_nth (bar, GTK_TYPE_CHECK_BUTTON, 0);
}

static gint64
nth_theme (DlgContributionsPage *page,
           guint                 n)
{
  GListModel *themes = dlg_theme_panel_get_themes (panel_of (page));
  g_autoptr(DlgTheme) theme = NULL;

  g_assert_nonnull (themes);
  g_assert_cmpuint (g_list_model_get_n_items (themes), >, n);
  theme = g_list_model_get_item (themes, n);
  return dlg_theme_get_id (theme);
}

/* The core's count for a theme (with its sub-themes), or of those with no theme. */
static guint
core_count (Fixture *f,
            gint64   filter)
{
  g_autoptr(GError) error = NULL;
  guint n_without = 0;
  g_autoptr(GArray) counts = dlg_coding_count_by_theme (f->store, f->demo_id, &n_without, &error);

  g_assert_no_error (error);
  if (filter == DLG_CONTRIBUTION_LIST_NO_THEME)
    return n_without;
  for (guint i = 0; i < counts->len; i++)
    if (g_array_index (counts, DlgThemeCount, i).theme_id == filter)
      return g_array_index (counts, DlgThemeCount, i).n_total;
  return 0;
}

static gboolean
has_theme (Fixture *f,
           gint64   contribution_id,
           gint64   theme_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) themes = dlg_contribution_list_themes (f->store, contribution_id, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (themes, i);

      if (dlg_theme_get_id (theme) == theme_id)
        return TRUE;
    }
  return FALSE;
}

static gint64
row_id (DlgContributionsPage *page,
        guint                 position)
{
  g_autoptr(DlgContribution) item = g_list_model_get_item (dlg_contributions_page_get_model (page),
                                                           position);

  return dlg_contribution_get_id (item);
}

static gint64
last_operation (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  gint64 id = 0;

  g_assert_true (dlg_coding_get_last_operation (f->store, f->demo_id, &id, NULL, &error));
  g_assert_no_error (error);
  return id;
}

/* The panel's counts are the core's, after the store's changes have been heard. */
static void
assert_counts_live (Fixture              *f,
                    DlgContributionsPage *page,
                    gint64                theme)
{
  spin (100);
  g_assert_cmpuint (dlg_theme_panel_get_count (panel_of (page), theme), ==, core_count (f, theme));
  g_assert_cmpuint (dlg_theme_panel_get_count (panel_of (page), DLG_CONTRIBUTION_LIST_NO_THEME),
                    ==, core_count (f, DLG_CONTRIBUTION_LIST_NO_THEME));
}

/* Select three rows (as Shift-click does), tag them from the action bar, Undo from the toast's
 * action; then Ctrl+A and "All N matching". */
static void
test_select_and_bulk_tag (Fixture       *f,
                          gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  GtkSelectionModel *selection = selection_of (page);
  gint64 theme = nth_theme (page, 1);
  guint before = core_count (f, theme);
  guint n_rows = g_list_model_get_n_items (dlg_contributions_page_get_model (page));
  guint untagged = 0;
  gint64 ids[3];

  g_assert_true (GTK_IS_MULTI_SELECTION (selection));
  g_assert_cmpuint (dlg_theme_panel_get_count (panel_of (page), theme), ==, before);
  gtk_selection_model_select_range (selection, 2, 3, TRUE);
  spin (30);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (page), "3 selected"));
  /* Several selected: no single contribution in the detail pane. */
  g_assert_null (dlg_contributions_page_get_selected (page));
  for (guint i = 0; i < 3; i++)
    {
      ids[i] = row_id (page, 2 + i);
      untagged += !has_theme (f, ids[i], theme);
    }

  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.tag", "x", theme);
  for (guint i = 0; i < 3; i++)
    g_assert_true (has_theme (f, ids[i], theme));
  g_assert_cmpuint (core_count (f, theme), ==, before + untagged);
  assert_counts_live (f, page, theme);
  /* The selection stays, for the next action. */
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (page), "3 selected"));
  save_png (GTK_WIDGET (f->window), "workbench-tagged.png");

  /* The toast's Undo button activates contributions.undo with the operation. */
  g_assert_cmpint (last_operation (f), >, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.undo", "x", last_operation (f));
  g_assert_cmpuint (core_count (f, theme), ==, before);
  assert_counts_live (f, page, theme);

  /* Ctrl+A, then every match: more than the threshold asks first. */
  gtk_widget_activate_action (find_nth (find_nth (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, 0),
                                        GTK_TYPE_LIST_VIEW, 0),
                              "list.select-all", NULL);
  spin (30);
  {
    g_autoptr(GtkBitset) all = gtk_selection_model_get_selection (selection);

    g_assert_cmpuint (gtk_bitset_get_size (all), ==, n_rows);
  }
  gtk_check_button_set_active (matching_check (page), TRUE);
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.highlight", NULL);
  spin (50);
  {
    AdwMessageDialog *dialog = find_message_dialog ();
    g_autoptr(DlgContributionList) highlighted = dlg_contribution_list_new (f->store, f->demo_id);

    g_assert_nonnull (dialog);
    save_png (GTK_WIDGET (dialog), "workbench-confirm.png");
    adw_message_dialog_response (dialog, "apply");
    spin (50);
    dlg_contribution_list_set_highlighted_only (highlighted, TRUE);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (highlighted)), ==, n_rows);
    gtk_widget_activate_action (GTK_WIDGET (page), "contributions.undo", "x", last_operation (f));
    dlg_contribution_list_refresh (highlighted);
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (highlighted)), <, n_rows);
  }
}

/* The key controller the page puts on its list, before the search entry's key capture. */
static void
press_key (DlgContributionsPage *page,
           guint                 keyval)
{
  GtkWidget *view = find_nth (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, 0);
  g_autoptr(GListModel) controllers = gtk_widget_observe_controllers (view);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
    {
      g_autoptr(GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller)
          && gtk_event_controller_get_propagation_phase (controller) == GTK_PHASE_CAPTURE)
        {
          g_signal_emit_by_name (controller, "key-pressed", keyval, 0, (GdkModifierType) 0,
                                 &handled);
          break;
        }
    }
  g_assert_true (handled);
  spin (50);
}

/* Key 2 gives the second theme to the focused (selected) row, again takes it off; the search
 * entry does not get the digit. */
static void
test_number_key (Fixture       *f,
                 gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  gint64 theme = nth_theme (page, 1);
  GtkSearchEntry *search = find_nth (GTK_WIDGET (page), GTK_TYPE_SEARCH_ENTRY, 0);
  gint64 id;
  gboolean had;

  dlg_contributions_page_select (page, 5);
  spin (30);
  id = row_id (page, 5);
  g_assert_cmpint (dlg_contribution_get_id (dlg_contributions_page_get_selected (page)), ==, id);
  had = has_theme (f, id, theme);

  press_key (page, GDK_KEY_2);
  g_assert_true (has_theme (f, id, theme) != had);
  assert_counts_live (f, page, theme);
  /* The detail pane names the contribution's themes. */
  {
    g_autoptr(DlgTheme) loaded = dlg_theme_load (f->store, theme, NULL);
    g_autoptr(GPtrArray) labels = find_all (GTK_WIDGET (page), GTK_TYPE_LABEL);
    gboolean named = FALSE;

    for (guint i = 0; i < labels->len; i++)
      {
        const char *text = gtk_label_get_text (g_ptr_array_index (labels, i));

        named |= g_str_has_prefix (text, "Themes: ")
                 && strstr (text, dlg_theme_get_name (loaded)) != NULL;
      }
    g_assert_true (named != had);
  }
  press_key (page, GDK_KEY_KP_2);
  g_assert_true (has_theme (f, id, theme) == had);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (search)), ==, "");
  /* Each key is an operation with its own Undo. */
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.undo", "x", last_operation (f));
  g_assert_true (has_theme (f, id, theme) != had);
}

/* The theme filter of the filters and the panel are one; "No theme yet" lists those the panel
 * counts, and the counts move with a bulk tag. */
static void
test_filter_counts (Fixture       *f,
                    gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  DlgThemePanel *panel = panel_of (page);
  GListModel *model = dlg_contributions_page_get_model (page);
  GtkDropDown *themes_dropdown = find_nth (GTK_WIDGET (page), GTK_TYPE_DROP_DOWN, 3);
  gint64 theme = nth_theme (page, 0);
  g_autoptr(GArray) ten = g_array_new (FALSE, FALSE, sizeof (gint64));
  GListModel *frame = dlg_theme_panel_get_themes (panel);
  guint without;
  guint n;

  /* The demo codes every contribution: take the themes off ten of them. */
  for (guint i = 0; i < 10; i++)
    {
      gint64 id = row_id (page, i);

      g_array_append_val (ten, id);
    }
  for (guint i = 0; i < g_list_model_get_n_items (frame); i++)
    {
      g_autoptr(DlgTheme) each = g_list_model_get_item (frame, i);

      g_assert_true (dlg_coding_untag (f->store, dlg_theme_get_id (each), ten, NULL, NULL));
    }
  spin (100);
  without = core_count (f, DLG_CONTRIBUTION_LIST_NO_THEME);
  g_assert_cmpuint (without, ==, 10);
  /* Index 1 of the drop-down is "No theme yet". */
  gtk_drop_down_set_selected (themes_dropdown, 1);
  spin (30);
  g_assert_cmpint (dlg_theme_panel_get_filter (panel), ==, DLG_CONTRIBUTION_LIST_NO_THEME);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, without);
  g_assert_cmpuint (dlg_theme_panel_get_count (panel, DLG_CONTRIBUTION_LIST_NO_THEME), ==,
                    without);

  /* Tag every match: they leave "No theme yet", the counts follow, Undo brings them back. */
  gtk_check_button_set_active (matching_check (page), TRUE);
  n = g_list_model_get_n_items (model);
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.tag", "x", theme);
  spin (50);
  if (n > 100)
    adw_message_dialog_response (find_message_dialog (), "apply");
  spin (100);
  g_assert_cmpuint (core_count (f, DLG_CONTRIBUTION_LIST_NO_THEME), ==, 0);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  assert_counts_live (f, page, theme);
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.undo", "x", last_operation (f));
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, without);
  assert_counts_live (f, page, theme);

  /* The panel's row of a theme is the drop-down's theme. */
  dlg_theme_panel_set_filter (panel, theme);
  spin (30);
  g_assert_cmpuint (gtk_drop_down_get_selected (themes_dropdown), ==, 2);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, core_count (f, theme));
  save_png (GTK_WIDGET (f->window), "workbench-filter.png");
}

static guint
count_of (GtkWidget *root,
          GType      type)
{
  g_autoptr(GPtrArray) all = find_all (root, type);

  return all->len;
}

/* Moderate two contributions with a standard reason; Undo puts their states back. */
static void
test_bulk_moderate (Fixture       *f,
                    gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  GtkWidget *bar = find_nth (GTK_WIDGET (page), GTK_TYPE_FLOW_BOX, 1);
  GtkSelectionModel *selection = selection_of (page);
  g_autoptr(GPtrArray) popovers = NULL;
  GtkDropDown *state = NULL, *reason = NULL;
  GtkEntry *entry = NULL;
  g_autoptr(DlgContribution) a = NULL;
  g_autoptr(DlgContribution) b = NULL;
  g_autoptr(DlgContribution) a_after = NULL;
  g_autofree char *a_state = NULL;
  g_autofree char *a_reason = NULL;
  gint64 ida, idb;

  gtk_selection_model_select_item (selection, 0, TRUE);
  gtk_selection_model_select_item (selection, 3, FALSE);    /* Ctrl-click */
  spin (30);
  ida = row_id (page, 0);
  idb = row_id (page, 3);
  a = dlg_contribution_load (f->store, ida, NULL);
  a_state = g_strdup (dlg_contribution_get_moderation (a));
  a_reason = g_strdup (dlg_contribution_get_moderation_reason (a));

  popovers = find_all (bar, GTK_TYPE_POPOVER);
  /* The moderation popover is the one with an entry (the reason). */
  for (guint i = 0; i < popovers->len && state == NULL; i++)
    if (count_of (g_ptr_array_index (popovers, i), GTK_TYPE_ENTRY) > 0)
      {
        state = find_nth (g_ptr_array_index (popovers, i), GTK_TYPE_DROP_DOWN, 0);
        reason = find_nth (g_ptr_array_index (popovers, i), GTK_TYPE_DROP_DOWN, 1);
        entry = find_nth (g_ptr_array_index (popovers, i), GTK_TYPE_ENTRY, 0);
      }
  g_assert_nonnull (state);
  /* Set aside, with the second standard reason. */
  gtk_drop_down_set_selected (state, dlg_vocabulary_index (&dlg_vocabulary_moderation,
                                                           "trashed"));
  gtk_drop_down_set_selected (reason, 2);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (entry)), ==,
                   "Insulting, defamatory or discriminatory remarks");
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.moderate", NULL);

  a_after = dlg_contribution_load (f->store, ida, NULL);
  b = dlg_contribution_load (f->store, idb, NULL);
  g_assert_cmpstr (dlg_contribution_get_moderation (a_after), ==, "trashed");
  g_assert_cmpstr (dlg_contribution_get_moderation (b), ==, "trashed");
  g_assert_cmpstr (dlg_contribution_get_moderation_reason (b), ==,
                   "Insulting, defamatory or discriminatory remarks");

  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.undo", "x", last_operation (f));
  g_clear_object (&a_after);
  a_after = dlg_contribution_load (f->store, ida, NULL);
  g_assert_cmpstr (dlg_contribution_get_moderation (a_after), ==, a_state);
  g_assert_cmpstr (dlg_contribution_get_moderation_reason (a_after), ==, a_reason);

  /* Set aside with no reason is refused, and nothing changes. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.moderate", NULL);
  g_clear_object (&a_after);
  a_after = dlg_contribution_load (f->store, ida, NULL);
  g_assert_cmpstr (dlg_contribution_get_moderation (a_after), ==, a_state);
}

static AdwEntryRow *
entry_row_with_text (GtkWidget  *root,
                     const char *text)
{
  g_autoptr(GPtrArray) rows = find_all (root, ADW_TYPE_ENTRY_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (gtk_editable_get_text (g_ptr_array_index (rows, i)), text) == 0)
      return g_ptr_array_index (rows, i);
  return NULL;
}

/* "Edit the Reasons…": add one (markup stays text), refuse a copy with a message, reword a
 * standard one; the moderation popover offers the new list. */
static void
test_edit_reasons (Fixture       *f,
                   gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  GtkWidget *dialog;
  AdwEntryRow *row;
  GtkDropDown *reasons = NULL;
  g_autoptr(GPtrArray) stored = NULL;
  g_autoptr(GPtrArray) dropdowns = find_all (find_nth (GTK_WIDGET (page), GTK_TYPE_FLOW_BOX, 1),
                                             GTK_TYPE_DROP_DOWN);
  const char *added = "Hors <b>cadre</b> & mandat";

  reasons = g_ptr_array_index (dropdowns, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.edit-reasons", NULL);
  spin (50);
  dialog = find_toplevel (DLG_TYPE_MODERATION_REASONS_DIALOG);
  g_assert_nonnull (dialog);
  save_png (dialog, "workbench-reasons.png");

  row = entry_row_with_text (dialog, "");
  g_assert_nonnull (row);
  gtk_editable_set_text (GTK_EDITABLE (row), added);
  g_signal_emit_by_name (row, "apply");
  spin (50);
  g_assert_nonnull (entry_row_with_text (dialog, added));
  row = entry_row_with_text (dialog, "");
  gtk_editable_set_text (GTK_EDITABLE (row), added);
  g_signal_emit_by_name (row, "apply");
  spin (50);
  g_assert_nonnull (find_label_with_text (dialog, "This moderation reason is already in the list."));
  /* The refused text is kept in its row. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (row)), ==, added);

  row = entry_row_with_text (dialog, "Advertising or spam");
  gtk_editable_set_text (GTK_EDITABLE (row), "Publicité, spam, démarchage");
  g_signal_emit_by_name (row, "apply");
  spin (50);

  stored = dlg_moderation_reason_list (f->store, NULL);
  g_assert_cmpuint (stored->len, ==, 7);
  g_assert_cmpstr (((DlgModerationReason *) g_ptr_array_index (stored, 3))->label, ==,
                   "Publicité, spam, démarchage");
  g_assert_cmpstr (((DlgModerationReason *) g_ptr_array_index (stored, 6))->label, ==, added);
  /* The popover's list follows: "Choose a standard reason" and the seven. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (reasons)), ==, 8);
  gtk_window_destroy (GTK_WINDOW (dialog));
}

static DlgTheme *
theme_named (Fixture    *f,
             const char *name)
{
  g_autoptr(GListModel) themes = dlg_theme_list (f->store, f->demo_id, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (themes, i);

      if (g_strcmp0 (dlg_theme_get_name (theme), name) == 0)
        return g_steal_pointer (&theme);
    }
  return NULL;
}

static void
close_dialog (DlgEditDialog *dialog)
{
  g_assert_true (dlg_edit_dialog_flush (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  spin (50);
}

/* The frame from the panel: create (name as markup, shown literally), sub-theme, merge with
 * Undo, delete with Undo. */
static void
test_frame (Fixture       *f,
            gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  DlgThemePanel *panel = panel_of (page);
  DlgEditDialog *dialog;
  g_autoptr(DlgTheme) created = NULL;
  g_autoptr(DlgTheme) child = NULL;
  g_autoptr(DlgTheme) back = NULL;
  gint64 first = nth_theme (page, 0);
  guint first_count = core_count (f, first);
  guint n_themes;

  gtk_widget_activate_action (GTK_WIDGET (panel), "themes.add", NULL);
  dialog = find_edit_dialog (NULL);
  g_assert_nonnull (dialog);
  gtk_editable_set_text (find_nth (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0), MARKUP_NAME);
  save_png (GTK_WIDGET (dialog), "workbench-theme-dialog.png");
  close_dialog (dialog);
  created = theme_named (f, MARKUP_NAME);
  g_assert_nonnull (created);
  g_assert_cmpuint (strlen (dlg_theme_get_colour (created)), ==, 7);
  spin (100);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (panel), MARKUP_NAME));

  gtk_widget_activate_action (GTK_WIDGET (panel), "themes.add-child", "x",
                              dlg_theme_get_id (created));
  dialog = find_edit_dialog (NULL);
  gtk_editable_set_text (find_nth (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0), "Sous-thème");
  close_dialog (dialog);
  child = theme_named (f, "Sous-thème");
  g_assert_nonnull (child);
  g_assert_cmpint (dlg_theme_get_parent_id (child), ==, dlg_theme_get_id (created));

  /* Merge the first theme into the new one: its contributions follow; Undo. */
  spin (100);
  n_themes = g_list_model_get_n_items (dlg_theme_panel_get_themes (panel));
  gtk_widget_activate_action (GTK_WIDGET (panel), "themes.merge", "x", first);
  spin (50);
  {
    AdwMessageDialog *merge = find_message_dialog ();
    GtkDropDown *into = find_nth (GTK_WIDGET (merge), GTK_TYPE_DROP_DOWN, 0);
    GListModel *names = gtk_drop_down_get_model (into);

    for (guint i = 0; i < g_list_model_get_n_items (names); i++)
      if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (names), i), MARKUP_NAME) == 0)
        gtk_drop_down_set_selected (into, i);
    adw_message_dialog_response (merge, "merge");
  }
  spin (100);
  g_assert_null (dlg_theme_load (f->store, first, NULL));
  g_assert_cmpuint (core_count (f, dlg_theme_get_id (created)), >=, first_count);
  g_assert_cmpuint (g_list_model_get_n_items (dlg_theme_panel_get_themes (panel)), ==,
                    n_themes - 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.undo", "x", last_operation (f));
  spin (100);
  back = dlg_theme_load (f->store, first, NULL);
  g_assert_nonnull (back);
  g_assert_cmpuint (core_count (f, first), ==, first_count);

  /* Delete the new theme and its sub-theme; Undo brings both back. */
  gtk_widget_activate_action (GTK_WIDGET (panel), "themes.delete", "x",
                              dlg_theme_get_id (created));
  spin (100);
  g_assert_null (theme_named (f, "Sous-thème"));
  g_assert_null (find_label_with_text (GTK_WIDGET (panel), MARKUP_NAME));
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.undo", "x", last_operation (f));
  spin (100);
  g_clear_object (&child);
  child = theme_named (f, "Sous-thème");
  g_assert_nonnull (child);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (panel), MARKUP_NAME));
}

/* For the README (WORKBENCH_SCREENSHOTS only, in the language of the environment): a theme
 * filter, three rows selected and tagged, every match offered. */
static void
test_screenshot (Fixture       *f,
                 gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  GtkSelectionModel *selection = selection_of (page);

  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.tag", "x", nth_theme (page, 0));
  dlg_theme_panel_set_filter (panel_of (page), nth_theme (page, 1));
  spin (100);
  gtk_selection_model_select_range (selection, 1, 4, TRUE);
  spin (50);
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.tag", "x", nth_theme (page, 2));
  save_png (GTK_WIDGET (f->window), "contributions-workbench.png");
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);
  /* The application's style sheet, as AdwApplication loads it, for screenshots that look like
   * the app (the tests check no style). */
  if (g_getenv ("WORKBENCH_SCREENSHOTS") != NULL)
    {
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      /* gtk_test_init () set the C locale: the environment's, for the screenshot. */
      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      g_test_add ("/gui/workbench/screenshot", Fixture, NULL, fixture_setup, test_screenshot,
                  fixture_teardown);

      gtk_css_provider_load_from_resource (css, "/fr/nantesmetropole/Dialogue/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui/workbench/select-and-bulk-tag", test_select_and_bulk_tag);
  ADD ("/gui/workbench/number-key", test_number_key);
  ADD ("/gui/workbench/filter-counts", test_filter_counts);
  ADD ("/gui/workbench/bulk-moderate", test_bulk_moderate);
  ADD ("/gui/workbench/frame", test_frame);
  ADD ("/gui/workbench/edit-reasons", test_edit_reasons);
#undef ADD
  {
    gboolean created = FALSE;

    template_db = gui_demo_db_new ("dialogue-workbench", &created);
    g_assert_true (created);
  }
  status = g_test_run ();
  gui_db_remove (template_db);
  g_clear_pointer (&template_db, g_free);
  return status;
}
