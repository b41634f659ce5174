/* test-adaptive.c — the window at 1600, 1280, 1024 and 800 px wide, and by keyboard (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The process list folds away below 1024 px (AdwLeaflet) and the stage list below 800 px
 * (AdwFlap, with a button that shows it); every page keeps its minimum width, and no pane of a
 * page is squeezed to nothing. Each width is rendered to PNG (the build folder, or
 * $DLG_SCREENSHOT_DIR) so that someone looks at it: docs/screenshots holds the last ones.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dlg-stage-navigator.h"
#include "dlg-stage-page.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

static char *template_db;

/* The pages' minimum width, as the window's template sets it on its page stack. */
#define PAGE_MIN_WIDTH 740

static void
open_at_width (Fixture *f,
               int      width)
{
  gui_fixture_copy (f, template_db, "dialogue-adaptive");
  gui_fixture_open_store (f);
  f->settings = g_settings_new (APP_ID);
  g_settings_set_int (f->settings, "window-width", width);
  g_settings_set_int (f->settings, "window-height", 800);
  g_settings_set_boolean (f->settings, "window-maximized", FALSE);
  f->context = dlg_context_new (f->store, f->settings);
  f->window = dlg_window_new (NULL, f->context);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  spin (400);
  /* The window's frame (client-side decorations) takes its share of the default size. */
  if (gtk_widget_get_width (GTK_WIDGET (f->window)) != width)
    {
      gtk_window_set_default_size (GTK_WINDOW (f->window),
                                   2 * width - gtk_widget_get_width (GTK_WIDGET (f->window)),
                                   800);
      spin (400);
    }
  g_assert_cmpint (gtk_widget_get_width (GTK_WIDGET (f->window)), ==, width);
}

/* Every mapped pane of @root (both children of each GtkPaned) is at least @min px wide. */
static void
assert_panes_wide (GtkWidget  *root,
                   int         min,
                   const char *page)
{
  g_autoptr(GPtrArray) paneds = find_all (root, GTK_TYPE_PANED);

  for (guint i = 0; i < paneds->len; i++)
    {
      GtkPaned *paned = g_ptr_array_index (paneds, i);
      GtkWidget *children[2] = { gtk_paned_get_start_child (paned),
                                 gtk_paned_get_end_child (paned) };

      if (!gtk_widget_get_mapped (GTK_WIDGET (paned)))
        continue;
      for (guint c = 0; c < 2; c++)
        if (children[c] != NULL && gtk_widget_get_visible (children[c]) &&
            gtk_widget_get_width (children[c]) < min)
          g_error ("%s at %d px: a pane of %s is %d px wide", page,
                   gtk_widget_get_width (GTK_WIDGET (gtk_widget_get_root (root))),
                   G_OBJECT_TYPE_NAME (children[c]), gtk_widget_get_width (children[c]));
    }
}

static void
shoot (Fixture    *f,
       int         width,
       const char *page)
{
  const char *dir = g_getenv ("DLG_SCREENSHOT_DIR");
  g_autofree char *name = g_strdup_printf ("window-%d-%s.png", width, page);
  g_autofree char *path = g_build_filename (dir != NULL ? dir : f->dir, name, NULL);
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  gui_save_png (GTK_WIDGET (f->window), path);
  texture = gdk_texture_new_from_filename (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (texture), ==, width);
  if (dir == NULL)
    g_unlink (path);
  else
    g_test_message ("wrote %s", path);
}

/* The widget named @name (gtk_widget_set_name, or "name" in a template) under @root. */
static GtkWidget *
find_named (GtkWidget  *root,
            const char *name)
{
  g_autoptr(GPtrArray) all = find_all (root, GTK_TYPE_WIDGET);

  for (guint i = 0; i < all->len; i++)
    if (g_str_equal (gtk_widget_get_name (g_ptr_array_index (all, i)), name))
      return g_ptr_array_index (all, i);
  g_error ("No widget named %s", name);
}

typedef struct
{
  int      width;
  gboolean processes_folded;
  gboolean stages_folded;
} Width;

static void
test_width (gconstpointer data)
{
  const Width *w = data;
  Fixture f = { 0 };
  AdwLeaflet *leaflet;
  AdwFlap *flap;
  GtkWidget *stages_button;

  open_at_width (&f, w->width);
  leaflet = find_nth (GTK_WIDGET (f.window), ADW_TYPE_LEAFLET, 0);
  flap = find_nth (GTK_WIDGET (f.window), ADW_TYPE_FLAP, 0);
  g_assert_cmpint (adw_leaflet_get_folded (leaflet), ==, w->processes_folded);
  g_assert_cmpint (adw_flap_get_folded (flap), ==, w->stages_folded);
  /* Folded, the content is shown (a process is open) and the stages are a button away. */
  if (w->processes_folded)
    g_assert_true (gtk_widget_get_mapped (gtk_widget_get_parent (GTK_WIDGET (flap))));
  stages_button = find_named (GTK_WIDGET (f.window), "stages-button");
  g_assert_cmpint (gtk_widget_get_visible (stages_button), ==, w->stages_folded);
  g_assert_cmpint (adw_flap_get_reveal_flap (flap), ==, !w->stages_folded);

  for (guint i = 0; i < DLG_N_PAGES; i++)
    {
      GtkWidget *page;
      const char *name = dlg_stage_navigator_page_name (i);

      dlg_window_select_page (f.window, i);
      spin (i >= DLG_N_STAGES ? 300 : 120);
      page = dlg_window_get_page (f.window, i);
      g_assert_true (gtk_widget_get_mapped (page));
      if (gtk_widget_get_width (page) < PAGE_MIN_WIDTH)
        g_error ("%s is %d px wide at %d px", name, gtk_widget_get_width (page), w->width);
      /* The page asks for no more than the window gives it: nothing is cut off. */
      {
        int min;

        gtk_widget_measure (page, GTK_ORIENTATION_HORIZONTAL, -1, &min, NULL, NULL, NULL);
        if (min > PAGE_MIN_WIDTH)
          g_error ("%s needs %d px, more than the %d px of the narrowest window", name, min,
                   PAGE_MIN_WIDTH);
      }
      assert_panes_wide (page, 200, name);
      if (i == DLG_STAGE_MANDATE || g_str_equal (name, DLG_PAGE_CONTRIBUTIONS) ||
          g_str_equal (name, DLG_PAGE_NARRATIVES))
        shoot (&f, w->width, name);
      /* The stage list comes back over the page with its button, and goes when a page is
       * chosen. */
      if (w->stages_folded && i == DLG_STAGE_MANDATE)
        {
          gtk_widget_activate (stages_button);
          spin (400);
          g_assert_true (adw_flap_get_reveal_flap (flap));
          shoot (&f, w->width, "stages");
          dlg_window_select_page (f.window, DLG_STAGE_MANDATE);
          spin (400);
          g_assert_false (adw_flap_get_reveal_flap (flap));
        }
    }
  gui_fixture_teardown (&f);
}

/* ---------------------------------------------------------------- keyboard */

static GtkWidget *
focus_widget (Fixture *f)
{
  return gtk_root_get_focus (GTK_ROOT (f->window));
}

static gboolean
focus_is_in (Fixture   *f,
             GtkWidget *pane)
{
  GtkWidget *focus = focus_widget (f);

  return focus != NULL && (focus == pane || gtk_widget_is_ancestor (focus, pane));
}

/* The arrows move the focus in the stage list, not the page; Enter opens; Tab leaves. */
static void
test_navigator_keys (void)
{
  Fixture f = { 0 };
  DlgStageNavigator *navigator;
  GtkWidget *list;

  open_at_width (&f, 1280);
  navigator = find_nth (GTK_WIDGET (f.window), DLG_TYPE_STAGE_NAVIGATOR, 0);
  list = find_nth (GTK_WIDGET (navigator), GTK_TYPE_LIST_BOX, 0);
  dlg_window_select_page (f.window, DLG_STAGE_MANDATE);
  spin (100);

  gtk_widget_grab_focus (GTK_WIDGET (navigator));
  g_assert_true (focus_is_in (&f, GTK_WIDGET (navigator)));
  /* On the current page's row. */
  g_assert_true (gtk_widget_has_css_class (focus_widget (&f), "dlg-current"));
  g_signal_emit_by_name (list, "move-cursor", GTK_MOVEMENT_DISPLAY_LINES, 2, FALSE, FALSE);
  spin (100);
  g_assert_cmpstr (dlg_window_get_visible_page_name (f.window), ==, "mandate");
  g_assert_cmpuint (dlg_stage_navigator_get_selected (navigator), ==, DLG_STAGE_MANDATE);
  g_assert_false (gtk_widget_has_css_class (focus_widget (&f), "dlg-current"));
  g_signal_emit_by_name (list, "activate-cursor-row");
  spin (200);
  g_assert_cmpstr (dlg_window_get_visible_page_name (f.window), ==, "workshop");
  g_assert_cmpuint (dlg_stage_navigator_get_selected (navigator), ==, DLG_STAGE_WORKSHOP);

  /* Tab leaves the list at once, forwards and backwards. */
  gtk_widget_grab_focus (GTK_WIDGET (navigator));
  g_assert_true (gtk_widget_child_focus (GTK_WIDGET (f.window), GTK_DIR_TAB_FORWARD));
  g_assert_false (focus_is_in (&f, GTK_WIDGET (navigator)));
  gtk_widget_grab_focus (GTK_WIDGET (navigator));
  gtk_widget_child_focus (GTK_WIDGET (f.window), GTK_DIR_TAB_BACKWARD);
  g_assert_false (focus_is_in (&f, GTK_WIDGET (navigator)));
  gui_fixture_teardown (&f);
}

/* F6 goes round the panes; at 800 px it shows the folded ones on the way. */
static void
test_panes (gconstpointer data)
{
  int width = GPOINTER_TO_INT (data);
  Fixture f = { 0 };
  GtkWidget *navigator, *sidebar, *page;
  AdwFlap *flap;

  open_at_width (&f, width);
  navigator = find_nth (GTK_WIDGET (f.window), DLG_TYPE_STAGE_NAVIGATOR, 0);
  /* The leaflet's child that holds the process search. */
  sidebar = find_nth (GTK_WIDGET (f.window), GTK_TYPE_SEARCH_ENTRY, 0);
  while (!ADW_IS_LEAFLET (gtk_widget_get_parent (sidebar)))
    sidebar = gtk_widget_get_parent (sidebar);
  flap = find_nth (GTK_WIDGET (f.window), ADW_TYPE_FLAP, 0);
  dlg_window_select_page (f.window, DLG_STAGE_MANDATE);
  spin (100);
  page = dlg_window_get_page (f.window, DLG_STAGE_MANDATE);

  /* From the processes: the stages (shown over the page when folded), the page, round. */
  gtk_widget_grab_focus (find_nth (GTK_WIDGET (f.window), GTK_TYPE_SEARCH_ENTRY, 0));
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.focus-pane", "i", 1);
  spin (300);
  g_assert_true (focus_is_in (&f, navigator));
  g_assert_true (adw_flap_get_reveal_flap (flap));
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.focus-pane", "i", 1);
  spin (300);
  g_assert_true (focus_is_in (&f, page));
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.focus-pane", "i", 1);
  spin (300);
  g_assert_true (focus_is_in (&f, sidebar));
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.focus-pane", "i", -1);
  spin (300);
  g_assert_true (focus_is_in (&f, page));
  g_assert_cmpint (adw_flap_get_reveal_flap (flap), ==, !adw_flap_get_folded (flap));
  gui_fixture_teardown (&f);
}

/* The shortcuts window transient for @window, if one was built (the only one: a second
 * would be counted too). */
static GtkWidget *
find_shortcuts_window (DlgWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  GtkWidget *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) w = g_list_model_get_item (toplevels, i);

      if (GTK_IS_SHORTCUTS_WINDOW (w) &&
          gtk_window_get_transient_for (w) == GTK_WINDOW (window))
        {
          g_assert_null (found);
          found = GTK_WIDGET (w);
        }
    }
  return found;
}

static gboolean
has_class_action (DlgWindow  *window,
                  const char *name)
{
  const char *action, *property;
  const GVariantType *type;
  GType owner;

  /* GTK 4.8 writes every out argument. */
  for (guint i = 0; gtk_widget_class_query_action (GTK_WIDGET_GET_CLASS (window), i, &owner,
                                                   &action, &type, &property); i++)
    if (g_str_equal (action, name))
      return TRUE;
  return FALSE;
}

/* Every page by its shortcut's action, Ctrl+Tab round; the shortcuts window lists them. */
static void
test_page_shortcuts (void)
{
  Fixture f = { 0 };
  g_autoptr(GPtrArray) shortcuts = NULL;
  GtkWidget *overlay;
  g_autoptr(GString) accels = g_string_new (NULL);
  const char *wanted[] = {
    "<Alt>1...<Alt>9", "<Alt>0", "<Alt>minus", "<Alt>equal", "<Control>1...<Control>5",
    "<Control>Tab", "F6", "<Shift>F6", "<Control><Shift>p", "<Control><Shift>d",
    "<Control><Shift>w",
  };

  open_at_width (&f, 1280);
  for (int i = 0; i < DLG_N_PAGES; i++)
    {
      gtk_widget_activate_action (GTK_WIDGET (f.window), "win.show-stage", "i", i);
      spin (i >= DLG_N_STAGES ? 200 : 60);
      g_assert_cmpstr (dlg_window_get_visible_page_name (f.window), ==,
                       dlg_stage_navigator_page_name (i));
    }
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.cycle-page", "i", 1);
  spin (100);
  g_assert_cmpstr (dlg_window_get_visible_page_name (f.window), ==, "diagnostic");
  gtk_widget_activate_action (GTK_WIDGET (f.window), "win.cycle-page", "i", -1);
  spin (200);
  g_assert_cmpstr (dlg_window_get_visible_page_name (f.window), ==,
                   dlg_stage_navigator_page_name (DLG_N_PAGES - 1));

  /* The shortcuts window is built when first asked for, once, not with the window (it is
   * not shown here: GTK 4.8's GtkShortcutsWindow warns of a label's negative width as it
   * measures itself, fatal here). */
  g_assert_true (has_class_action (f.window, "win.show-help-overlay"));
  g_assert_null (find_shortcuts_window (f.window));
  overlay = GTK_WIDGET (dlg_window_get_help_overlay (f.window));
  g_assert_true (GTK_IS_SHORTCUTS_WINDOW (overlay));
  g_assert_true (find_shortcuts_window (f.window) == overlay);
  g_assert_true (GTK_WIDGET (dlg_window_get_help_overlay (f.window)) == overlay);
  g_assert_true (find_shortcuts_window (f.window) == overlay);
  shortcuts = find_all (overlay, GTK_TYPE_SHORTCUTS_SHORTCUT);
  for (guint i = 0; i < shortcuts->len; i++)
    {
      g_autofree char *accel = NULL;

      g_object_get (g_ptr_array_index (shortcuts, i), "accelerator", &accel, NULL);
      g_string_append_printf (accels, "|%s|", accel);
    }
  for (guint i = 0; i < G_N_ELEMENTS (wanted); i++)
    if (strstr (accels->str, wanted[i]) == NULL)
      g_error ("The shortcuts window does not list %s: %s", wanted[i], accels->str);
  gui_fixture_teardown (&f);
}

/* After a transition the focus is on the stage's next button; a refusal takes the focus and
 * is an alert. */
static void
test_transition_focus (void)
{
  Fixture f = { 0 };
  DlgStagePage *page;
  GtkWidget *message;

  open_at_width (&f, 1280);
  reopen_down_to (&f, DLG_STAGE_RECRUITMENT);
  dlg_window_select_page (f.window, DLG_STAGE_RECRUITMENT);
  spin (300);
  page = dlg_window_get_stage_page (f.window, DLG_STAGE_RECRUITMENT);
  if (!dlg_stage_page_apply (page, DLG_TRANSITION_DONE, NULL))
    g_error ("refused: %s", dlg_stage_page_get_message (page));
  spin (100);
  g_assert_nonnull (focus_widget (&f));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus_widget (&f))), ==, "_Reopen…");

  g_assert_true (dlg_stage_page_apply (page, DLG_TRANSITION_REOPEN, "Tests"));
  spin (100);
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (focus_widget (&f))), ==, "_Mark as Done");

  /* The follow-up cannot start without commitments: refused, said. */
  dlg_window_select_page (f.window, DLG_STAGE_FOLLOW_UP);
  spin (300);
  page = dlg_window_get_stage_page (f.window, DLG_STAGE_FOLLOW_UP);
  g_assert_false (dlg_stage_page_apply (page, DLG_TRANSITION_DONE, NULL));
  spin (100);
  message = focus_widget (&f);
  g_assert_true (GTK_IS_LABEL (message));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (message)), ==,
                   dlg_stage_page_get_message (page));
  g_assert_cmpint (gtk_accessible_get_accessible_role (GTK_ACCESSIBLE (message)), ==,
                   GTK_ACCESSIBLE_ROLE_ALERT);
  gui_fixture_teardown (&f);
}

int
main (int   argc,
      char *argv[])
{
  static const Width widths[] = {
    { 1600, FALSE, FALSE },
    { 1280, FALSE, FALSE },
    { 1024, TRUE, FALSE },
    { 800, TRUE, TRUE },
  };
  gboolean created;
  int ret;

  gui_test_init (&argc, &argv);
  /* libadwaita 1.2's AdwLeaflet draws the list it folds away once more while it animates the
   * fold, before giving it a size (a GTK warning, fatal here); the layout is what is tested. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
  template_db = gui_demo_db_new ("dialogue-adaptive", &created);

  for (guint i = 0; i < G_N_ELEMENTS (widths); i++)
    {
      g_autofree char *path = g_strdup_printf ("/gui/adaptive/width/%d", widths[i].width);

      g_test_add_data_func (path, &widths[i], test_width);
    }
  g_test_add_func ("/gui/adaptive/keyboard/stage-list", test_navigator_keys);
  g_test_add_data_func ("/gui/adaptive/keyboard/panes/1280", GINT_TO_POINTER (1280), test_panes);
  g_test_add_data_func ("/gui/adaptive/keyboard/panes/800", GINT_TO_POINTER (800), test_panes);
  g_test_add_func ("/gui/adaptive/keyboard/pages", test_page_shortcuts);
  g_test_add_func ("/gui/adaptive/keyboard/transition-focus", test_transition_focus);
  ret = g_test_run ();
  gui_db_remove (template_db);
  g_free (template_db);
  return ret;
}
