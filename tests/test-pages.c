/* test-pages.c — the cross-stage pages: contributions, narratives, journal
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run under a virtual display (see tests/meson.build). Each test shows its page in a window,
 * lets GTK lay it out and draw it, then checks what an officer would see.
 */

#include "config.h"

#include <string.h>

#include <adwaita.h>
#include <glib/gstdio.h>

#include "dlg-contribution-dialog.h"
#include "dlg-contributions-page.h"
#include "dlg-core.h"
#include "dlg-field-binding.h"
#include "dlg-journal-page.h"
#include "dlg-markdown.h"
#include "dlg-narratives-page.h"
#include "dlg-store-private.h"
#include "dlg-text-column.h"

#define N_BIG 100000
#define MARKUP_TITLE "<b>bold</b> & <span foreground=\"red\">red</span>"
#define MARKUP_BODY "Body with <i>tags</i> & <span foreground=\"red\">spans</span> &amp; entities"
#define MARKUP_AUTHOR "<b>Card 12</b> & co"

typedef struct
{
  char      *dir;
  char      *path;
  DlgStore  *store;
  DlgContext *context;
  gint64     process_id;
  GtkWidget *window;
} Fixture;

/* Runs the main loop for @ms milliseconds: long enough for layout, drawing and timers. */
static gboolean
pump_done_cb (gpointer data)
{
  *(gboolean *) data = TRUE;
  return G_SOURCE_REMOVE;
}

static void
pump (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add (ms, pump_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* Runs the main loop until @cond holds, for at most 10 s (idle callbacks can wait behind
 * redraws on a loaded machine). */
static gboolean
pump_until (gboolean (*cond) (gpointer data),
            gpointer   data)
{
  gint64 deadline = g_get_monotonic_time () + 10 * G_USEC_PER_SEC;

  while (!cond (data) && g_get_monotonic_time () < deadline)
    pump (10);
  return cond (data);
}

static void
after_paint_cb (GdkFrameClock *clock,
                gboolean      *painted)
{
  *painted = TRUE;
}

/* Waits until @widget's window has laid out and painted a new frame. */
static void
wait_for_frame (GtkWidget *widget)
{
  GdkFrameClock *clock = gtk_widget_get_frame_clock (widget);
  gboolean painted = FALSE;
  gulong id;

  g_assert_nonnull (clock);
  id = g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), &painted);
  gtk_widget_queue_draw (widget);
  while (!painted)
    g_main_context_iteration (NULL, TRUE);
  g_signal_handler_disconnect (clock, id);
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;

  f->dir = g_dir_make_tmp ("dialogue-pages-XXXXXX", &error);
  g_assert_no_error (error);
  f->path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dlg_store_open (f->path, &error);
  g_assert_no_error (error);
  dlg_store_set_actor (f->store, "test officer");
  f->context = dlg_context_new (f->store, NULL);
  process = dlg_process_create (f->store, "Place du Commerce", &error);
  g_assert_no_error (error);
  f->process_id = dlg_process_get_id (process);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  const char *suffixes[] = { "", "-wal", "-shm" };

  if (f->window != NULL)
    gtk_window_destroy (GTK_WINDOW (f->window));
  pump (10);
  g_clear_object (&f->context);
  g_assert_finalize_object (f->store);
  for (guint i = 0; i < G_N_ELEMENTS (suffixes); i++)
    {
      g_autofree char *file = g_strconcat (f->path, suffixes[i], NULL);

      g_remove (file);
    }
  g_rmdir (f->dir);
  g_free (f->path);
  g_free (f->dir);
}

static void
show (Fixture   *f,
      GtkWidget *page)
{
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (f->window), page);
  gtk_window_present (GTK_WINDOW (f->window));
  pump (200);
}

static GtkWidget *
child (gpointer    page,
       GType       type,
       const char *name)
{
  GObject *object = gtk_widget_get_template_child (GTK_WIDGET (page), type, name);

  g_assert_nonnull (object);
  return GTK_WIDGET (object);
}

/* What a label shows once laid out: if markup had been interpreted, the tags would be gone. */
static const char *
shown_text (GtkWidget *label)
{
  return pango_layout_get_text (gtk_label_get_layout (GTK_LABEL (label)));
}

static void
find_labels (GtkWidget  *widget,
             const char *text,
             GPtrArray  *found)
{
  if (GTK_IS_LABEL (widget) && g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    g_ptr_array_add (found, widget);
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c; c = gtk_widget_get_next_sibling (c))
    find_labels (c, text, found);
}

static gpointer
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* Inserts @n contributions in one transaction, straight into the table (as sync would).
 * Row i: channel i % 4, "parking" in the title when i % 5 == 0; row n-1 is the newest. */
static void
insert_contributions (Fixture *f,
                      guint    n,
                      gboolean markup_row)
{
  static const char sql[] =
    "INSERT INTO contribution (uuid, process_id, feature, channel, author_ref, title, body,"
    " created_at, moderation, supports) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
  static const char * const channels[] = { "online", "in_person", "mail", "phone" };
  static const char * const features[] = { "ideas", "map", "debate" };
  static const char * const moderations[] = { "pending", "published", "trashed" };
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 3, 1, 8, 0, 0);

  g_assert_true (dlg_store_begin (f->store, &error));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, sql, &error);
      g_autoptr(GDateTime) at = g_date_time_add_seconds (start, i * 60.0);
      g_autofree char *uuid = g_strdup_printf ("00000000-0000-4000-8000-%012u", i);
      g_autofree char *created = g_date_time_format_iso8601 (at);
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      g_autofree char *author = g_strdup_printf ("participant %u", i % 997);
      gboolean special = markup_row && i == n - 1;

      g_assert_no_error (error);
      if (special)
        title = g_strdup (MARKUP_TITLE);
      else
        title = g_strdup_printf ("Contribution %u %s", i,
                                 i % 5 == 0 ? "about parking on the square"
                                            : "about trees and benches");
      body = special ? g_strdup (MARKUP_BODY)
                     : g_strdup_printf ("Text of contribution %u: more shade, fewer cars.", i);
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, f->process_id);
      dlg_stmt_bind_text (stmt, 3, features[i % 3]);
      dlg_stmt_bind_text (stmt, 4, channels[i % 4]);
      dlg_stmt_bind_text (stmt, 5, special ? MARKUP_AUTHOR : author);
      dlg_stmt_bind_text (stmt, 6, title);
      dlg_stmt_bind_text (stmt, 7, body);
      dlg_stmt_bind_text (stmt, 8, created);
      dlg_stmt_bind_text (stmt, 9, moderations[i % 3]);
      sqlite3_bind_int64 (stmt, 10, i % 17);
      g_assert_true (dlg_store_step_done (f->store, stmt, &error));
    }
  g_assert_true (dlg_store_commit (f->store, &error));
  g_assert_no_error (error);
}

static void
test_contributions_100k (Fixture       *f,
                         gconstpointer  data)
{
  GtkWidget *page;
  GtkAdjustment *vadj;
  GtkWidget *search;
  GListModel *model;
  guint created_before;
  guint created_open, created_scroll, created;
  guint alive_open, alive_end;
  gint64 t0, t_open, t_search, t_channel, t_scroll, t_model_search, t_model_channel;

  insert_contributions (f, N_BIG, FALSE);
  created_before = dlg_text_column_get_n_created ();

  t0 = g_get_monotonic_time ();
  page = dlg_contributions_page_new ();
  dlg_contributions_page_set_process (DLG_CONTRIBUTIONS_PAGE (page), f->context, f->process_id);
  f->window = gtk_window_new ();
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (f->window), page);
  gtk_window_present (GTK_WINDOW (f->window));
  wait_for_frame (page);
  t_open = g_get_monotonic_time () - t0;
  pump (100);

  model = dlg_contributions_page_get_model (DLG_CONTRIBUTIONS_PAGE (page));
  g_assert_nonnull (model);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_BIG);
  created_open = dlg_text_column_get_n_created () - created_before;
  alive_open = dlg_text_column_get_n_alive ();
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE,
                                                          "count_label"))),
                   ==, "100000 contributions");

  /* Scroll to the middle, the end and back. */
  t0 = g_get_monotonic_time ();
  vadj = gtk_scrolled_window_get_vadjustment (
    GTK_SCROLLED_WINDOW (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "scrolled_window")));
  g_assert_cmpfloat (gtk_adjustment_get_upper (vadj), >, gtk_adjustment_get_page_size (vadj));
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj) / 2);
  pump (100);
  gtk_adjustment_set_value (vadj, gtk_adjustment_get_upper (vadj)
                                  - gtk_adjustment_get_page_size (vadj));
  pump (100);
  for (guint i = 0; i < 20; i++)
    {
      gtk_adjustment_set_value (vadj, gtk_adjustment_get_value (vadj) - 700);
      pump (10);
    }
  gtk_adjustment_set_value (vadj, 0);
  pump (100);
  t_scroll = g_get_monotonic_time () - t0;
  created_scroll = dlg_text_column_get_n_created () - created_before - created_open;

  /* Search goes through FTS5 in the model. Timed from the entry's search-changed (which
   * GtkSearchEntry emits 150 ms after the last key) to the next painted frame. */
  search = child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "search_entry");
  gtk_editable_set_text (GTK_EDITABLE (search), "parking");
  t0 = g_get_monotonic_time ();
  g_signal_emit_by_name (search, "search-changed");
  wait_for_frame (page);
  t_search = g_get_monotonic_time () - t0;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_BIG / 5);

  /* Channel: mail is channels[2]; i % 5 == 0 and i % 4 == 2 is one row in 20. */
  t0 = g_get_monotonic_time ();
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE,
                                                    "channel_dropdown")), 3);
  wait_for_frame (page);
  t_channel = g_get_monotonic_time () - t0;
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_BIG / 20);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "list_stack"))), ==,
                   "list");
  {
    g_autoptr(DlgContribution) first = g_list_model_get_item (model, 0);

    g_assert_cmpstr (dlg_contribution_get_channel (first), ==, "mail");
    g_assert_nonnull (strstr (dlg_contribution_get_title (first), "parking"));
  }

  /* Nothing matches: the list says so. */
  gtk_editable_set_text (GTK_EDITABLE (search), "zzzzqqq");
  g_signal_emit_by_name (search, "search-changed");
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (
                     GTK_STACK (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "list_stack"))), ==,
                   "empty");

  /* Back to everything. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE,
                                                    "channel_dropdown")), 0);
  gtk_editable_set_text (GTK_EDITABLE (search), "");
  pump (400);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, N_BIG);

  created = dlg_text_column_get_n_created () - created_before;
  alive_end = dlg_text_column_get_n_alive ();

  /* The model alone (no widgets), for the figures. */
  {
    g_autoptr(DlgContributionList) list = dlg_contribution_list_new (f->store, f->process_id);

    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_BIG);
    t0 = g_get_monotonic_time ();
    dlg_contribution_list_set_search (list, "parking");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_BIG / 5);
    t_model_search = g_get_monotonic_time () - t0;
    t0 = g_get_monotonic_time ();
    dlg_contribution_list_set_channel (list, "mail");
    g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, N_BIG / 20);
    t_model_channel = g_get_monotonic_time () - t0;
  }

  g_test_message ("100k contributions, to the next painted frame: open %.0f ms; scroll top, "
                  "middle, end and up %.0f ms (incl. 600 ms of pumping); search %.0f ms (model "
                  "alone %.0f ms); channel filter %.0f ms (model alone %.0f ms)",
                  t_open / 1000.0, t_scroll / 1000.0, t_search / 1000.0,
                  t_model_search / 1000.0, t_channel / 1000.0, t_model_channel / 1000.0);
  g_test_message ("cell widgets (7 columns): %u alive after open (%u rows), %u alive at the end; "
                  "created: %u to open, %u more while scrolling the whole list, %u in total "
                  "(open, scroll, 2 searches, 2 filter changes)",
                  alive_open, alive_open / 7, alive_end, created_open, created_scroll, created);

  /* GTK 4.8 keeps up to 200 rows realized around the visible ones, whatever the size of the
   * model: never one per row. Scrolling rebinds them instead of building more; a new search
   * or filter replaces the rows of the old result with the (at most 200) of the new one. */
  g_assert_cmpuint (alive_open, >, 0);
  g_assert_cmpuint (alive_open / 7, <=, 250);
  g_assert_cmpuint (alive_end / 7, <=, 250);
  g_assert_cmpuint (created_scroll, <, 500);
  g_assert_cmpuint (created, <, 6 * 250 * 7);
}

/* Counts the items a view reads from the model under it, forwarding everything else. */
#define TEST_TYPE_COUNTING_MODEL (test_counting_model_get_type ())
G_DECLARE_FINAL_TYPE (TestCountingModel, test_counting_model, TEST, COUNTING_MODEL, GObject)

struct _TestCountingModel
{
  GObject     parent_instance;
  GListModel *inner;
  guint       n_reads;
};

static GType
counting_get_item_type (GListModel *model)
{
  return g_list_model_get_item_type (TEST_COUNTING_MODEL (model)->inner);
}

static guint
counting_get_n_items (GListModel *model)
{
  return g_list_model_get_n_items (TEST_COUNTING_MODEL (model)->inner);
}

static gpointer
counting_get_item (GListModel *model,
                   guint       position)
{
  TestCountingModel *self = TEST_COUNTING_MODEL (model);

  self->n_reads++;
  return g_list_model_get_item (self->inner, position);
}

static void
counting_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = counting_get_item_type;
  iface->get_n_items = counting_get_n_items;
  iface->get_item = counting_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (TestCountingModel, test_counting_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      counting_model_iface_init))

static void
test_counting_model_dispose (GObject *object)
{
  g_clear_object (&TEST_COUNTING_MODEL (object)->inner);
  G_OBJECT_CLASS (test_counting_model_parent_class)->dispose (object);
}

static void
test_counting_model_class_init (TestCountingModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = test_counting_model_dispose;
}

static void
test_counting_model_init (TestCountingModel *self)
{
}

static TestCountingModel *
counting_model_new (GListModel *inner)
{
  TestCountingModel *self = g_object_new (TEST_TYPE_COUNTING_MODEL, NULL);

  self->inner = g_object_ref (inner);
  g_signal_connect_object (inner, "items-changed", G_CALLBACK (g_list_model_items_changed),
                           self, G_CONNECT_SWAPPED);
  return self;
}

static char *
contribution_title (gpointer item)
{
  return g_strdup (dlg_contribution_get_title (item));
}

/* GTK 4.8's list item manager, given one items-changed (0, old, new), looks for the items under
 * its tracked rows (anchor, focus, selection) among all the new ones, reading every item of the
 * new result. DlgContributionList removes its rows, then adds the new ones: a view attached
 * over it while a filter changes reads only about a screenful. */
static void
test_filter_change_reads (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(DlgContributionList) list = NULL;
  g_autoptr(TestCountingModel) model = NULL;
  g_autoptr(GtkColumnViewColumn) column = dlg_text_column_new ("Title", contribution_title,
                                                               TRUE, -1);
  GtkMultiSelection *selection;
  GtkWidget *scrolled = gtk_scrolled_window_new ();
  GtkWidget *view;

  insert_contributions (f, N_BIG, FALSE);
  list = dlg_contribution_list_new (f->store, f->process_id);
  model = counting_model_new (G_LIST_MODEL (list));
  /* The page's selection: several rows, as the officer selects them. */
  selection = gtk_multi_selection_new (g_object_ref (G_LIST_MODEL (model)));
  view = gtk_column_view_new (GTK_SELECTION_MODEL (selection));
  gtk_column_view_append_column (GTK_COLUMN_VIEW (view), column);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), view);
  show (f, scrolled);
  gtk_selection_model_select_range (GTK_SELECTION_MODEL (selection), 3, 5, TRUE);
  wait_for_frame (view);

  model->n_reads = 0;
  dlg_contribution_list_set_channel (list, "mail");
  wait_for_frame (view);
  g_test_message ("items read by the view on a filter change over %u rows: %u", N_BIG,
                  model->n_reads);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_BIG / 4);
  g_assert_cmpuint (model->n_reads, <, 1000);

  gtk_selection_model_select_item (GTK_SELECTION_MODEL (selection), 2, TRUE);
  wait_for_frame (view);
  model->n_reads = 0;
  dlg_contribution_list_set_channel (list, NULL);
  wait_for_frame (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_BIG);
  g_assert_cmpuint (model->n_reads, <, 1000);

  model->n_reads = 0;
  dlg_contribution_list_set_search (list, "parking");
  wait_for_frame (view);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (model)), ==, N_BIG / 5);
  g_assert_cmpuint (model->n_reads, <, 1000);
}

static void
test_contributions_literal (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  GtkWidget *page = dlg_contributions_page_new ();
  DlgContribution *selected;

  insert_contributions (f, 30, TRUE);
  dlg_contributions_page_set_process (DLG_CONTRIBUTIONS_PAGE (page), f->context, f->process_id);
  show (f, page);

  /* The newest row (first) is the one with markup in its title and author. */
  find_labels (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "column_view"), MARKUP_TITLE, labels);
  g_assert_cmpuint (labels->len, ==, 1);
  g_assert_false (gtk_label_get_use_markup (g_ptr_array_index (labels, 0)));
  g_assert_cmpstr (shown_text (g_ptr_array_index (labels, 0)), ==, MARKUP_TITLE);
  g_ptr_array_set_size (labels, 0);
  find_labels (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "column_view"), MARKUP_AUTHOR, labels);
  g_assert_cmpuint (labels->len, ==, 1);
  g_assert_cmpstr (shown_text (g_ptr_array_index (labels, 0)), ==, MARKUP_AUTHOR);

  /* The detail pane. */
  dlg_contributions_page_select (DLG_CONTRIBUTIONS_PAGE (page), 0);
  pump (50);
  selected = dlg_contributions_page_get_selected (DLG_CONTRIBUTIONS_PAGE (page));
  g_assert_nonnull (selected);
  g_assert_cmpstr (shown_text (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "title_label")), ==,
                   MARKUP_TITLE);
  g_assert_cmpstr (shown_text (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "body_label")), ==,
                   MARKUP_BODY);
  g_assert_nonnull (strstr (shown_text (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "meta_label")),
                            MARKUP_AUTHOR));
}

static void
test_contributions_moderate_annotate (Fixture       *f,
                                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContribution) stored = NULL;
  GtkWidget *page = dlg_contributions_page_new ();
  GtkTextBuffer *note;
  gint64 id;

  insert_contributions (f, 30, TRUE);
  dlg_contributions_page_set_process (DLG_CONTRIBUTIONS_PAGE (page), f->context, f->process_id);
  show (f, page);
  dlg_contributions_page_select (DLG_CONTRIBUTIONS_PAGE (page), 1);
  id = dlg_contribution_get_id (
    dlg_contributions_page_get_selected (DLG_CONTRIBUTIONS_PAGE (page)));
  g_assert_cmpstr (dlg_contribution_get_moderation (
                     dlg_contributions_page_get_selected (DLG_CONTRIBUTIONS_PAGE (page))),
                   ==, "published");

  /* Trash it with a reason (which is user text too). */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE,
                                                    "moderate_dropdown")), 2);
  gtk_editable_set_text (GTK_EDITABLE (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "reason_entry")),
                         "Insult <b>removed</b>");
  g_signal_emit_by_name (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "moderate_button"), "clicked");
  pump (50);
  stored = dlg_contribution_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_contribution_get_moderation (stored), ==, "trashed");
  g_assert_cmpstr (dlg_contribution_get_moderation_reason (stored), ==, "Insult <b>removed</b>");
  /* Still selected after the refresh, showing the new state and the reason literally. */
  g_assert_nonnull (dlg_contributions_page_get_selected (DLG_CONTRIBUTIONS_PAGE (page)));
  g_assert_cmpint (dlg_contribution_get_id (dlg_contributions_page_get_selected (
                     DLG_CONTRIBUTIONS_PAGE (page))), ==, id);
  g_assert_nonnull (strstr (shown_text (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE,
                                               "moderation_label")), "Insult <b>removed</b>"));
  g_clear_object (&stored);

  /* The note is saved as typed: by the timer… */
  note = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE,
                                                         "note_view")));
  gtk_text_buffer_set_text (note, "To quote in the opinion", -1);
  pump (DLG_AUTOSAVE_DELAY_MS + 200);
  stored = dlg_contribution_load (f->store, id, &error);
  g_assert_cmpstr (dlg_contribution_get_note (stored), ==, "To quote in the opinion");
  g_clear_object (&stored);
  /* …and by a flush, before the timer. */
  gtk_text_buffer_set_text (note, "To quote first", -1);
  g_assert_true (dlg_contributions_page_flush (DLG_CONTRIBUTIONS_PAGE (page)));
  stored = dlg_contribution_load (f->store, id, &error);
  g_assert_cmpstr (dlg_contribution_get_note (stored), ==, "To quote first");
  g_clear_object (&stored);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE,
                                                        "highlight_check")), TRUE);
  stored = dlg_contribution_load (f->store, id, &error);
  g_assert_true (dlg_contribution_get_highlighted (stored));
  g_assert_cmpstr (dlg_contribution_get_note (stored), ==, "To quote first");

  /* The list row shows the star, and the row is still the selected one. */
  pump (50);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    g_autofree char *starred = g_strconcat ("★ ", dlg_contribution_get_title (stored), NULL);

    find_labels (child (page, DLG_TYPE_CONTRIBUTIONS_PAGE, "column_view"), starred, labels);
    g_assert_cmpuint (labels->len, ==, 1);
  }
  g_assert_cmpint (dlg_contribution_get_id (dlg_contributions_page_get_selected (
                     DLG_CONTRIBUTIONS_PAGE (page))), ==, id);
}

static void
test_contributions_add (Fixture       *f,
                        gconstpointer  data)
{
  GtkWidget *page = dlg_contributions_page_new ();
  DlgContributionDialog *dialog;
  GListModel *model;
  g_autoptr(DlgContribution) first = NULL;

  insert_contributions (f, 10, FALSE);
  dlg_contributions_page_set_process (DLG_CONTRIBUTIONS_PAGE (page), f->context, f->process_id);
  show (f, page);
  model = dlg_contributions_page_get_model (DLG_CONTRIBUTIONS_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 10);

  g_assert_true (gtk_widget_activate_action (page, "contributions.add", NULL));
  pump (50);
  dialog = find_toplevel (DLG_TYPE_CONTRIBUTION_DIALOG);
  g_assert_nonnull (dialog);

  /* Empty: refused, with a message. */
  g_signal_emit_by_name (child (dialog, DLG_TYPE_CONTRIBUTION_DIALOG, "add_button"), "clicked");
  g_assert_true (gtk_widget_get_visible (child (dialog, DLG_TYPE_CONTRIBUTION_DIALOG,
                                                "error_label")));

  adw_combo_row_set_selected (ADW_COMBO_ROW (child (dialog, DLG_TYPE_CONTRIBUTION_DIALOG,
                                                    "channel_row")), 1);
  gtk_editable_set_text (GTK_EDITABLE (child (dialog, DLG_TYPE_CONTRIBUTION_DIALOG, "title_row")),
                         "Letter from the residents' association");
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (
                              GTK_TEXT_VIEW (child (dialog, DLG_TYPE_CONTRIBUTION_DIALOG,
                                                    "body_view"))),
                            "We ask for a pedestrian street on Saturdays.", -1);
  g_signal_emit_by_name (child (dialog, DLG_TYPE_CONTRIBUTION_DIALOG, "add_button"), "clicked");
  pump (50);

  g_assert_null (find_toplevel (DLG_TYPE_CONTRIBUTION_DIALOG));
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 11);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (dlg_contribution_get_title (first), ==,
                   "Letter from the residents' association");
  g_assert_cmpstr (dlg_contribution_get_channel (first), ==, "mail");
  g_assert_cmpstr (dlg_contribution_get_feature (first), ==, "ideas");
}

static gboolean
range_has_foreground (GtkTextBuffer *buffer,
                      const char    *text)
{
  GtkTextIter start, match_start, match_end;
  g_autoptr(GSList) tags = NULL;
  gboolean found = FALSE;

  gtk_text_buffer_get_start_iter (buffer, &start);
  g_assert_true (gtk_text_iter_forward_search (&start, text, 0, &match_start, &match_end, NULL));
  tags = gtk_text_iter_get_tags (&match_start);
  for (GSList *l = tags; l != NULL; l = l->next)
    {
      gboolean set = FALSE;

      g_object_get (l->data, "foreground-set", &set, NULL);
      found |= set;
    }
  return found;
}

static char *
buffer_text (GtkTextBuffer *buffer)
{
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
test_markdown_literal (void)
{
  g_autoptr(GtkTextBuffer) buffer = gtk_text_buffer_new (NULL);
  g_autofree char *text = NULL;

  dlg_markdown_render (buffer,
                       "# Title & <b>more</b>\n\n"
                       "Some **strong** and *emphasis* with <span foreground=\"red\">red</span>"
                       " &amp; `code <b>`.\n\n"
                       "<div onclick=\"x\">raw <b>block</b></div>\n\n"
                       "- one\n- two [link](https://example.org/?a=1&b=2)\n\n"
                       "1. first\n2. second\n\n"
                       "> quoted\n\n"
                       "```\n<script>alert(1)</script>\n```\n");
  text = buffer_text (buffer);

  g_assert_nonnull (strstr (text, "Title & <b>more</b>\n"));
  g_assert_nonnull (strstr (text, "Some strong and emphasis with "
                                  "<span foreground=\"red\">red</span> & code <b>."));
  g_assert_nonnull (strstr (text, "<div onclick=\"x\">raw <b>block</b></div>\n"));
  g_assert_nonnull (strstr (text, "•\u00a0one\n"
                                  "•\u00a0two link ⟨https://example.org/?a=1&b=2⟩\n"));
  g_assert_nonnull (strstr (text, "1.\u00a0first\n2.\u00a0second\n"));
  g_assert_nonnull (strstr (text, "quoted\n"));
  g_assert_nonnull (strstr (text, "<script>alert(1)</script>\n"));
  g_assert_null (strstr (text, "**"));
  g_assert_false (range_has_foreground (buffer, "red</span>"));
}

static void
test_narratives (Fixture       *f,
                 gconstpointer  data)
{
  static const char markdown[] =
    "# Ce que nous avons entendu\n\n"
    "Texte **gras** <span foreground=\"red\">rouge</span> & co\n\n"
    "<b>bloc</b>\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgNarrative) stored = NULL;
  g_autoptr(GListModel) journal = NULL;
  g_autoptr(DlgJournalEntry) last = NULL;
  g_autofree char *preview = NULL;
  GtkWidget *page = dlg_narratives_page_new ();
  GtkTextBuffer *source;
  GtkTextBuffer *preview_buffer;
  AdwMessageDialog *dialog;
  DlgNarrative *current;
  gint64 id;

  dlg_narratives_page_set_process (DLG_NARRATIVES_PAGE (page), f->context, f->process_id);
  show (f, page);
  g_assert_null (dlg_narratives_page_get_current (DLG_NARRATIVES_PAGE (page)));

  g_assert_true (gtk_widget_activate_action (page, "narratives.new", NULL));
  current = dlg_narratives_page_get_current (DLG_NARRATIVES_PAGE (page));
  g_assert_nonnull (current);
  id = dlg_narrative_get_id (current);
  g_assert_cmpint (id, >, 0);

  /* Typing: saved when the timer fires. */
  gtk_editable_set_text (GTK_EDITABLE (child (page, DLG_TYPE_NARRATIVES_PAGE, "title_entry")),
                         "Récit <b>1</b>");
  source = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (page, DLG_TYPE_NARRATIVES_PAGE,
                                                           "source_view")));
  gtk_text_buffer_set_text (source, markdown, -1);
  stored = dlg_narrative_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_narrative_get_body_md (stored), ==, "");
  g_clear_object (&stored);
  pump (DLG_AUTOSAVE_DELAY_MS + 200);
  stored = dlg_narrative_load (f->store, id, &error);
  g_assert_cmpstr (dlg_narrative_get_title (stored), ==, "Récit <b>1</b>");
  g_assert_cmpstr (dlg_narrative_get_body_md (stored), ==, markdown);
  g_clear_object (&stored);

  /* And on flush, before the timer. */
  gtk_text_buffer_insert_at_cursor (source, "\nUne phrase de plus.\n", -1);
  g_assert_true (dlg_narratives_page_flush (DLG_NARRATIVES_PAGE (page)));
  stored = dlg_narrative_load (f->store, id, &error);
  g_assert_nonnull (strstr (dlg_narrative_get_body_md (stored), "Une phrase de plus."));
  g_assert_cmpstr (dlg_narrative_get_state (stored), ==, "draft");
  g_clear_object (&stored);

  /* The preview shows HTML and Pango markup as typed. */
  preview_buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (child (page, DLG_TYPE_NARRATIVES_PAGE,
                                                                   "preview_view")));
  preview = buffer_text (preview_buffer);
  g_assert_nonnull (strstr (preview, "Ce que nous avons entendu\n"));
  g_assert_nonnull (strstr (preview, "Texte gras <span foreground=\"red\">rouge</span> & co"));
  g_assert_nonnull (strstr (preview, "<b>bloc</b>"));
  g_assert_false (range_has_foreground (preview_buffer, "rouge"));

  /* The list row shows the title literally. */
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    pump (50);
    find_labels (child (page, DLG_TYPE_NARRATIVES_PAGE, "list_view"), "Récit <b>1</b>", labels);
    g_assert_cmpuint (labels->len, ==, 1);
    g_assert_cmpstr (shown_text (g_ptr_array_index (labels, 0)), ==, "Récit <b>1</b>");
  }

  /* Publishing asks first; cancelling changes nothing. */
  g_assert_true (gtk_widget_activate_action (page, "narratives.publish", NULL));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "cancel");
  gtk_window_close (GTK_WINDOW (dialog));
  pump (50);
  stored = dlg_narrative_load (f->store, id, &error);
  g_assert_cmpstr (dlg_narrative_get_state (stored), ==, "draft");
  g_clear_object (&stored);

  g_assert_true (gtk_widget_activate_action (page, "narratives.publish", NULL));
  dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
  g_assert_nonnull (dialog);
  adw_message_dialog_response (dialog, "publish");
  gtk_window_close (GTK_WINDOW (dialog));
  pump (50);
  stored = dlg_narrative_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_narrative_get_state (stored), ==, "published");
  g_assert_nonnull (dlg_narrative_get_published_at (stored));
  current = dlg_narratives_page_get_current (DLG_NARRATIVES_PAGE (page));
  g_assert_cmpstr (dlg_narrative_get_state (current), ==, "published");
  g_assert_true (gtk_widget_get_visible (child (page, DLG_TYPE_NARRATIVES_PAGE,
                                                "unpublish_button")));
  g_assert_false (gtk_widget_get_visible (child (page, DLG_TYPE_NARRATIVES_PAGE,
                                                 "publish_button")));

  journal = dlg_journal_list (f->store, f->process_id, &error);
  last = g_list_model_get_item (journal, g_list_model_get_n_items (journal) - 1);
  g_assert_cmpstr (dlg_journal_entry_get_action (last), ==, "narrative.publish");

  /* A draft can be deleted (after confirmation); a published narrative cannot. */
  g_assert_false (gtk_widget_get_visible (child (page, DLG_TYPE_NARRATIVES_PAGE, "delete_button")));
  gtk_widget_activate_action (page, "narratives.delete", NULL);
  g_assert_null (find_toplevel (ADW_TYPE_MESSAGE_DIALOG));
  g_assert_true (gtk_widget_activate_action (page, "narratives.new", NULL));
  {
    gint64 draft = dlg_narrative_get_id (dlg_narratives_page_get_current (
                                           DLG_NARRATIVES_PAGE (page)));
    g_autoptr(DlgNarrative) gone = NULL;

    g_assert_cmpint (draft, !=, id);
    g_assert_true (gtk_widget_activate_action (page, "narratives.delete", NULL));
    dialog = find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
    g_assert_nonnull (dialog);
    adw_message_dialog_response (dialog, "delete");
    gtk_window_close (GTK_WINDOW (dialog));
    pump (50);
    gone = dlg_narrative_load (f->store, draft, &error);
    g_assert_null (gone);
    g_clear_error (&error);
    g_assert_cmpint (dlg_narrative_get_id (dlg_narratives_page_get_current (
                       DLG_NARRATIVES_PAGE (page))), ==, id);
  }

  /* Changing the process saves what was typed a moment before, then empties the page. */
  gtk_text_buffer_insert_at_cursor (source, "Dernier mot.", -1);
  dlg_narratives_page_set_process (DLG_NARRATIVES_PAGE (page), NULL, 0);
  g_assert_null (dlg_narratives_page_get_current (DLG_NARRATIVES_PAGE (page)));
  g_clear_object (&stored);
  stored = dlg_narrative_load (f->store, id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (dlg_narrative_get_body_md (stored), "Dernier mot."));
}

static gboolean
journal_broken (gpointer page)
{
  return !dlg_journal_page_get_intact (page);
}

static gboolean
journal_grew (gpointer data)
{
  GListModel *entries = G_LIST_MODEL (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (child (data, DLG_TYPE_JOURNAL_PAGE, "column_view"))));

  return g_list_model_get_n_items (entries) > GPOINTER_TO_UINT (g_object_get_data (data, "n"));
}

static void
test_journal (Fixture       *f,
              gconstpointer  data)
{
  static const char sql_tamper[] =
    "UPDATE journal SET summary = 'Nothing happened' WHERE process_id = ?1 AND seq = 2";
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  GtkWidget *page = dlg_journal_page_new ();
  GtkWidget *title;
  GtkWidget *detail;
  GListModel *entries;
  guint n;

  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *summary = g_strdup_printf ("Decision <b>%u</b> & more", i);

      g_assert_true (dlg_journal_append (f->store, f->process_id, "decision.add", "decision",
                                         "1", summary, &error));
    }

  dlg_journal_page_set_process (DLG_JOURNAL_PAGE (page), f->context, f->process_id);
  show (f, page);
  title = child (page, DLG_TYPE_JOURNAL_PAGE, "verify_title");
  detail = child (page, DLG_TYPE_JOURNAL_PAGE, "verify_detail");
  g_assert_true (dlg_journal_page_get_intact (DLG_JOURNAL_PAGE (page)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (title)), "intact"));
  entries = G_LIST_MODEL (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (child (page, DLG_TYPE_JOURNAL_PAGE, "column_view"))));
  n = g_list_model_get_n_items (entries);
  g_assert_cmpuint (n, >=, 3);

  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();

    find_labels (child (page, DLG_TYPE_JOURNAL_PAGE, "column_view"), "Decision <b>1</b> & more",
                 labels);
    g_assert_cmpuint (labels->len, ==, 1);
    g_assert_cmpstr (shown_text (g_ptr_array_index (labels, 0)), ==, "Decision <b>1</b> & more");
  }

  /* A change of the process through the core: the page follows. */
  g_assert_true (dlg_process_rename (f->store, f->process_id, "Place du Commerce, phase 2",
                                     &error));
  g_assert_no_error (error);
  g_object_set_data (G_OBJECT (page), "n", GUINT_TO_POINTER (n));
  g_assert_true (pump_until (journal_grew, page));
  g_assert_true (dlg_journal_page_get_intact (DLG_JOURNAL_PAGE (page)));

  /* Tamper with entry 2 behind the triggers' back. */
  g_assert_true (dlg_store_exec (f->store, "DROP TRIGGER journal_no_update", &error));
  stmt = dlg_store_prepare (f->store, sql_tamper, &error);
  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, f->process_id);
  g_assert_true (dlg_store_step_done (f->store, stmt, &error));
  dlg_store_emit_changed (f->store, DLG_TYPE_JOURNAL_ENTRY, f->process_id);
  g_assert_true (pump_until (journal_broken, page));

  g_assert_false (dlg_journal_page_get_intact (DLG_JOURNAL_PAGE (page)));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (title)), "broken"));

  /* Hidden, the page waits to be shown again before it verifies. */
  gtk_widget_set_visible (page, FALSE);
  dlg_journal_page_refresh (DLG_JOURNAL_PAGE (page));
  g_assert_false (dlg_journal_page_get_intact (DLG_JOURNAL_PAGE (page)));
  g_assert_true (dlg_store_exec (f->store, "UPDATE journal SET summary = 'Decision <b>0</b> & more'"
                                           " WHERE seq = 2", &error));
  dlg_store_emit_changed (f->store, DLG_TYPE_JOURNAL_ENTRY, f->process_id);
  pump (50);
  g_assert_false (dlg_journal_page_get_intact (DLG_JOURNAL_PAGE (page)));
  gtk_widget_set_visible (page, TRUE);
  g_assert_true (dlg_journal_page_get_intact (DLG_JOURNAL_PAGE (page)));
  g_assert_true (dlg_store_exec (f->store, "UPDATE journal SET summary = 'Nothing happened'"
                                           " WHERE seq = 2", &error));
  dlg_store_emit_changed (f->store, DLG_TYPE_JOURNAL_ENTRY, f->process_id);
  g_assert_true (pump_until (journal_broken, page));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (detail)), "entry 2"));
  g_assert_true (gtk_widget_has_css_class (child (page, DLG_TYPE_JOURNAL_PAGE, "verify_banner"),
                                           "error"));
}

/* The page shows labels and old → new values; a field's burst reaches it when the field is
 * flushed; the filters narrow it; the export writes what is shown. */
static void
test_journal_labels_filters_export (Fixture       *f,
                                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgFieldBinding) binding = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-journal-csv-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "journal.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *csv = NULL;
  GtkWidget *page = dlg_journal_page_new ();
  GtkWidget *entry = gtk_entry_new ();
  GListModel *shown;
  guint all;

  dlg_store_set_actor (f->store, "Camille Martin");
  binding = dlg_field_binding_new (entry, DLG_FIELD_MANDATE_QUESTION);
  dlg_field_binding_load (binding, f->context, f->process_id);
  dlg_journal_page_set_process (DLG_JOURNAL_PAGE (page), f->context, f->process_id);
  show (f, page);
  all = g_list_model_get_n_items (dlg_journal_page_get_shown (DLG_JOURNAL_PAGE (page)));

  /* Typing saves (no entry yet); the flush settles the burst into one entry. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "Quelle place");
  g_assert_true (dlg_field_binding_flush (binding));
  gtk_editable_set_text (GTK_EDITABLE (entry), "Quelle place pour le vélo ?");
  g_assert_true (dlg_field_binding_flush (binding));
  dlg_journal_page_refresh (DLG_JOURNAL_PAGE (page));
  shown = dlg_journal_page_get_shown (DLG_JOURNAL_PAGE (page));
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all + 2);

  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new ();
    g_autoptr(GPtrArray) codes = g_ptr_array_new ();

    find_labels (child (page, DLG_TYPE_JOURNAL_PAGE, "column_view"), "Text changed", labels);
    g_assert_cmpuint (labels->len, >=, 1);
    find_labels (child (page, DLG_TYPE_JOURNAL_PAGE, "column_view"), "process.field", codes);
    g_assert_cmpuint (codes->len, ==, 0);
  }
  {
    g_autoptr(DlgJournalEntry) last = g_list_model_get_item (shown, all + 1);
    g_autofree char *change = dlg_journal_page_format_change (last);

    g_assert_cmpstr (change, ==, "Question put to citizens: « Quelle place » → "
                                 "« Quelle place pour le vélo ? »");
    g_assert_cmpstr (dlg_journal_entry_get_actor (last), ==, "Camille Martin");
  }

  dlg_journal_page_refresh (DLG_JOURNAL_PAGE (page));
  dlg_journal_page_set_filters (DLG_JOURNAL_PAGE (page), "mandate", "process", "Camille Martin");
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, 2);
  g_assert_true (dlg_journal_page_export (DLG_JOURNAL_PAGE (page), file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (path, &csv, NULL, NULL));
  g_assert_nonnull (strstr (csv, "Quelle place pour le vélo ?"));
  g_assert_null (strstr (csv, "stage.start"));
  dlg_journal_page_set_filters (DLG_JOURNAL_PAGE (page), NULL, NULL, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (shown), ==, all + 2);

  g_remove (path);
  g_rmdir (dir);
  g_clear_object (&binding);
  g_object_unref (g_object_ref_sink (entry));
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  adw_init ();

  g_test_add ("/gui/pages/contributions/100k", Fixture, NULL, fixture_set_up,
              test_contributions_100k, fixture_tear_down);
  g_test_add ("/gui/pages/contributions/filter-change-reads", Fixture, NULL, fixture_set_up,
              test_filter_change_reads, fixture_tear_down);
  g_test_add ("/gui/pages/contributions/literal", Fixture, NULL, fixture_set_up,
              test_contributions_literal, fixture_tear_down);
  g_test_add ("/gui/pages/contributions/moderate-annotate", Fixture, NULL, fixture_set_up,
              test_contributions_moderate_annotate, fixture_tear_down);
  g_test_add ("/gui/pages/contributions/add", Fixture, NULL, fixture_set_up,
              test_contributions_add, fixture_tear_down);
  g_test_add_func ("/gui/pages/markdown/literal", test_markdown_literal);
  g_test_add ("/gui/pages/narratives/edit-preview-publish", Fixture, NULL, fixture_set_up,
              test_narratives, fixture_tear_down);
  g_test_add ("/gui/pages/journal/labels-filters-export", Fixture, NULL, fixture_set_up,
              test_journal_labels_filters_export, fixture_tear_down);
  g_test_add ("/gui/pages/journal/verify", Fixture, NULL, fixture_set_up, test_journal,
              fixture_tear_down);

  return g_test_run ();
}
