/* gui-fixture.c — the demo window fixture and widget helpers shared by the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <glib/gstdio.h>

#include "gui-fixture.h"

/* ---------------------------------------------------------------- main */

/* The settings live in memory (meson sets it too, this covers a test run by hand). */
void
gui_test_init (int    *argc,
               char ***argv)
{
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  gtk_test_init (argc, argv, NULL);
  adw_init ();
}

/* ---------------------------------------------------------------- the database */

/* A fresh database with the demo process, in a temporary folder named after @prefix. Closing
 * the store checkpoints the WAL into the file, so that a plain copy of it is whole. */
char *
gui_demo_db_new (const char *prefix,
                 gboolean   *created)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-demo-XXXXXX", NULL);
  g_autofree char *dir = g_dir_make_tmp (template, &error);
  char *path;
  g_autoptr(DlgStore) store = NULL;

  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.db", NULL);
  store = dlg_store_open (path, &error);
  g_assert_no_error (error);
  dlg_demo_ensure (store, created, &error);
  g_assert_no_error (error);
  return path;
}

/* Removes the database at @path, its WAL files and its folder. */
void
gui_db_remove (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_unlink (wal);
  g_unlink (shm);
  g_rmdir (dir);
}

/* ---------------------------------------------------------------- the fixture */

/* Copies @template_path to test.db in a new temporary folder. */
void
gui_fixture_copy (GuiFixture *f,
                  const char *template_path,
                  const char *prefix)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *template = g_strconcat (prefix, "-XXXXXX", NULL);
  g_autoptr(GFile) from = g_file_new_for_path (template_path);
  g_autoptr(GFile) to = NULL;

  f->dir = g_dir_make_tmp (template, &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  to = g_file_new_for_path (f->path);
  g_file_copy (from, to, G_FILE_COPY_NONE, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
}

/* Opens the copy; its demo process is there already. */
void
gui_fixture_open_store (GuiFixture *f)
{
  g_autoptr(GError) error = NULL;
  gboolean created;

  f->store = dlg_store_open (f->path, &error);
  g_assert_no_error (error);
  f->demo_id = dlg_demo_ensure (f->store, &created, &error);
  g_assert_no_error (error);
  g_assert_false (created);
  g_assert_cmpint (f->demo_id, >, 0);
}

/* The settings, the context and the window on the store, presented. */
void
gui_fixture_open_window (GuiFixture *f)
{
  f->settings = g_settings_new (APP_ID);
  f->context = dlg_context_new (f->store, f->settings);
  f->window = dlg_window_new (NULL, f->context);
  g_object_ref_sink (f->window);
  gtk_window_present (GTK_WINDOW (f->window));
  spin (50);
}

void
gui_fixture_setup (GuiFixture *f,
                   const char *template_path,
                   const char *prefix)
{
  gui_fixture_copy (f, template_path, prefix);
  gui_fixture_open_store (f);
  gui_fixture_open_window (f);
}

/* Destroys the window (if still open) and closes the context, the settings and the store. */
void
gui_fixture_close (GuiFixture *f)
{
  if (f->window != NULL)
    {
      gtk_window_destroy (GTK_WINDOW (f->window));
      g_clear_object (&f->window);
      spin (50);
    }
  g_clear_object (&f->context);
  g_clear_object (&f->settings);
  g_clear_object (&f->store);
}

void
gui_fixture_teardown (GuiFixture *f)
{
  gui_fixture_close (f);
  gui_db_remove (f->path);
  g_clear_pointer (&f->path, g_free);
  g_clear_pointer (&f->dir, g_free);
}

/* ---------------------------------------------------------------- the main loop */

/* Runs the main loop for @ms milliseconds: layout, timers, idle callbacks. */
void
spin (guint ms)
{
  gint64 end = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < end)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_usleep (2000);
    }
}

/* ---------------------------------------------------------------- widgets */

static void
collect (GtkWidget *widget,
         GType      type,
         GPtrArray *out)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    g_ptr_array_add (out, widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect (child, type, out);
}

/* The widgets of @type under @root (itself included), in tree order. */
GPtrArray *
find_all (GtkWidget *root,
          GType      type)
{
  GPtrArray *out = g_ptr_array_new ();

  collect (root, type, out);
  return out;
}

/* The @n-th widget of @type under @root; there must be one. */
gpointer
find_nth (GtkWidget *root,
          GType      type,
          guint      n)
{
  g_autoptr(GPtrArray) all = find_all (root, type);

  g_assert_cmpuint (all->len, >, n);
  return g_ptr_array_index (all, n);
}

/* A label showing exactly @text, as plain text (not parsed as markup), or NULL. */
GtkLabel *
find_label_with_text (GtkWidget  *root,
                      const char *text)
{
  g_autoptr(GPtrArray) labels = find_all (root, GTK_TYPE_LABEL);

  for (guint i = 0; i < labels->len; i++)
    {
      GtkLabel *label = g_ptr_array_index (labels, i);

      if (g_strcmp0 (gtk_label_get_text (label), text) == 0)
        return label;
    }
  return NULL;
}

/* Renders @widget (a shown toplevel) alone into the PNG at @path, for screenshots. */
void
gui_save_png (GtkWidget  *widget,
              const char *path)
{
  GskRenderer *renderer = gtk_native_get_renderer (GTK_NATIVE (widget));
  g_autoptr(GdkPaintable) paintable = gtk_widget_paintable_new (widget);
  g_autoptr(GtkSnapshot) snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);

  gdk_paintable_snapshot (paintable, snapshot, width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  texture = gsk_renderer_render_texture (renderer, node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (!gdk_texture_save_to_png (texture, path))
    g_error ("Could not write %s", path);
}

/* The first visible toplevel of @type, or NULL. */
gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }
  return NULL;
}

AdwMessageDialog *
find_message_dialog (void)
{
  return find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

/* The visible edit dialog titled @title (any title if NULL), or NULL. */
DlgEditDialog *
find_edit_dialog (const char *title)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) window = g_list_model_get_item (toplevels, i);

      if (DLG_IS_EDIT_DIALOG (window) && gtk_widget_get_visible (GTK_WIDGET (window)) &&
          (title == NULL || g_strcmp0 (gtk_window_get_title (GTK_WINDOW (window)), title) == 0))
        return DLG_EDIT_DIALOG (window);
    }
  return NULL;
}

/* The demo's first five stages are done, so read-only: reopen each done stage from the last one
 * down to @stage (the cycle reopens in that order), as an officer would before editing. */
gboolean
reopen_down_to (GuiFixture *f,
                DlgStage    stage)
{
  for (int s = DLG_N_STAGES - 1; s >= (int) stage; s--)
    {
      g_autoptr(DlgStageInfo) info = dlg_stage_get (f->store, f->demo_id, s, NULL);
      g_autoptr(GError) error = NULL;

      if (dlg_stage_info_get_state (info) != DLG_STAGE_STATE_DONE &&
          dlg_stage_info_get_state (info) != DLG_STAGE_STATE_SKIPPED)
        continue;
      dlg_stage_apply (f->store, f->demo_id, s, DLG_TRANSITION_REOPEN, "Tests", &error);
      g_assert_no_error (error);
    }
  spin (30);
  return TRUE;
}
