/* test-workbench-tools-gui.c — the workbench's windows on the demo: suggested themes accepted
 * (renamed, merged, Undo), a duplicate group tagged, moderated and shown in the list, the
 * synthesis' charts and quotes, a theme and a selection linked to a recommendation, and the
 * move of a theme undone
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Run by meson under xvfb-run and dbus-run-session. With WORKBENCH_SCREENSHOTS=DIR, the
 * windows are saved as PNG files there (in the language of the environment).
 */

#include "config.h"

#include <locale.h>
#include <string.h>

#include <glib/gi18n.h>

#include "dlg-contributions-page.h"
#include "dlg-store-private.h"
#include "dlg-synthesis-dialog.h"
#include "dlg-theme-panel.h"
#include "dlg-workbench-dialog.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

/* A name that is markup and an entity: it must show as typed. */
#define HOSTILE "<b>&amp; Vélo</b>"

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-workbench-tools");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* The workbench's windows go with the test's window. */
  for (guint i = g_list_model_get_n_items (toplevels); i-- > 0;)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (DLG_IS_WORKBENCH_DIALOG (window) || DLG_IS_SYNTHESIS_DIALOG (window))
        gtk_window_destroy (window);
    }
  gui_fixture_teardown (f);
}

static void
screenshot (GtkWidget  *widget,
            const char *name)
{
  const char *dir = g_getenv ("WORKBENCH_SCREENSHOTS");
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  spin (400);
  path = g_build_filename (dir, name, NULL);
  gui_save_png (widget, path);
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
  page = DLG_CONTRIBUTIONS_PAGE (dlg_window_get_page (f->window, DLG_N_STAGES));
  g_assert_nonnull (dlg_contributions_page_get_model (page));
  return page;
}

static DlgThemePanel *
panel_of (DlgContributionsPage *page)
{
  return find_nth (GTK_WIDGET (page), DLG_TYPE_THEME_PANEL, 0);
}

static gint64
query_int (Fixture    *f,
           const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
journal_count (Fixture    *f,
               const char *action)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
                                               "SELECT count(*) FROM journal WHERE action = ?1",
                                               &error);

  g_assert_no_error (error);
  dlg_stmt_bind_text (stmt, 1, action);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static gint64
last_operation (Fixture *f)
{
  gint64 id = 0;

  g_assert_true (dlg_coding_get_last_operation (f->store, f->demo_id, &id, NULL, NULL));
  return id;
}

static gint64
theme_id_named (Fixture    *f,
                const char *name)
{
  g_autoptr(GListModel) themes = dlg_theme_list (f->store, f->demo_id, NULL);

  for (guint i = 0; i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (themes, i);

      if (g_strcmp0 (dlg_theme_get_name (theme), name) == 0)
        return dlg_theme_get_id (theme);
    }
  return 0;
}

/* Opens the window from the frame's menu, runs it, waits for the result. */
static DlgWorkbenchDialog *
run_dialog (DlgThemePanel *panel,
            const char    *action)
{
  DlgWorkbenchDialog *dialog;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  gtk_widget_activate_action (GTK_WIDGET (panel), action, NULL);
  spin (100);
  dialog = find_toplevel (DLG_TYPE_WORKBENCH_DIALOG);
  g_assert_nonnull (dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.run", NULL);
  g_assert_true (dlg_workbench_dialog_is_running (dialog));
  while (dlg_workbench_dialog_is_running (dialog) && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_false (dlg_workbench_dialog_is_running (dialog));
  g_assert_nonnull (dlg_workbench_dialog_get_result (dialog));
  return dialog;
}

static DlgWorkbenchItem *
item_of (DlgWorkbenchDialog *dialog,
         guint               i)
{
  DlgWorkbenchResult *result = dlg_workbench_dialog_get_result (dialog);

  g_assert_cmpuint (result->items->len, >, i);
  return g_ptr_array_index (result->items, i);
}

/* How many of @ids have the theme. */
static guint
n_tagged (Fixture      *f,
          const GArray *ids,
          gint64        theme_id)
{
  guint n = 0;

  for (guint i = 0; i < ids->len; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
        "SELECT count(*) FROM contribution_theme WHERE contribution_id = ?1 AND theme_id = ?2",
        &error);

      sqlite3_bind_int64 (stmt, 1, g_array_index (ids, gint64, i));
      sqlite3_bind_int64 (stmt, 2, theme_id);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      n += sqlite3_column_int (stmt, 0);
    }
  return n;
}

/* Suggest themes in a worker, rename the first suggestion as markup and accept it (shown as
 * typed in the frame), Undo; merge the second into an existing theme; nothing before. */
static void
test_suggest_accept (Fixture       *f,
                     gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  DlgThemePanel *panel = panel_of (page);
  gint64 operations = query_int (f, "SELECT count(*) FROM coding_operation");
  gint64 links = query_int (f, "SELECT count(*) FROM contribution_theme");
  DlgWorkbenchDialog *dialog = run_dialog (panel, "themes.suggest");
  DlgWorkbenchItem *first = item_of (dialog, 0);
  DlgWorkbenchItem *second = item_of (dialog, 1);
  GtkEntry *name;
  GtkDropDown *into;
  gint64 accepted, existing;

  /* Suggesting wrote nothing. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM coding_operation"), ==, operations);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme"), ==, links);
  g_assert_cmpuint (first->size, ==, first->ids->len);
  g_assert_nonnull (first->terms);
  g_assert_nonnull (first->excerpts[0]);
  {
    /* Shown as written, in the interface's quotes. */
    g_autofree char *quoted = g_strdup_printf (_("“%s”"), first->excerpts[0]);

    g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog), quoted));
  }

  name = find_nth (GTK_WIDGET (dialog), GTK_TYPE_ENTRY, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, first->label);
  gtk_editable_set_text (GTK_EDITABLE (name), HOSTILE);
  screenshot (GTK_WIDGET (dialog), "workbench-suggest.png");
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.accept", "u", 0);
  spin (100);
  accepted = theme_id_named (f, HOSTILE);
  g_assert_cmpint (accepted, >, 0);
  g_assert_cmpuint (n_tagged (f, first->ids, accepted), ==, first->ids->len);
  g_assert_cmpint (journal_count (f, "theme.accept"), ==, 1);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (panel), HOSTILE));
  g_assert_false (gtk_widget_get_sensitive (GTK_WIDGET (name)));

  /* Undo from the window's toast action: the theme and its links go. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.undo", "x", last_operation (f));
  spin (100);
  g_assert_cmpint (theme_id_named (f, HOSTILE), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme"), ==, links);
  g_assert_null (find_label_with_text (GTK_WIDGET (panel), HOSTILE));
  g_assert_true (gtk_widget_get_sensitive (GTK_WIDGET (name)));

  /* The second merged into the first theme of the frame. */
  into = find_nth (GTK_WIDGET (dialog), GTK_TYPE_DROP_DOWN, 1);
  gtk_drop_down_set_selected (into, 1);
  {
    g_autoptr(GListModel) themes = dlg_theme_list (f->store, f->demo_id, NULL);
    g_autoptr(DlgTheme) theme = g_list_model_get_item (themes, 0);

    existing = dlg_theme_get_id (theme);
  }
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.accept", "u", 1);
  spin (100);
  g_assert_cmpuint (n_tagged (f, second->ids, existing), ==, second->ids->len);
  g_assert_cmpint (journal_count (f, "theme.accept"), ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM theme"), ==, 5);
}

/* Cancelling leaves the database as it was and says so. */
static void
test_suggest_cancel (Fixture       *f,
                     gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  gint64 operations = query_int (f, "SELECT count(*) FROM coding_operation");
  DlgWorkbenchDialog *dialog;
  gint64 deadline = g_get_monotonic_time () + 60 * G_USEC_PER_SEC;

  gtk_widget_activate_action (GTK_WIDGET (panel_of (page)), "themes.suggest", NULL);
  spin (50);
  dialog = find_toplevel (DLG_TYPE_WORKBENCH_DIALOG);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.run", NULL);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.cancel", NULL);
  while (dlg_workbench_dialog_is_running (dialog) && g_get_monotonic_time () < deadline)
    spin (20);
  g_assert_false (dlg_workbench_dialog_is_running (dialog));
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM coding_operation"), ==, operations);
  /* Closed while running: no crash, nothing written. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.run", NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (300);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM coding_operation"), ==, operations);
}

/* Five "RAS" and a campaign copied three times: groups, largest first; tag the largest with
 * Undo, set it aside with a standard reason, show it alone in the list. */
static void
test_duplicates (Fixture       *f,
                 gconstpointer  data)
{
  static const char *const texts[] = {
    "RAS", "R.A.S.", "ras", "RAS !", "Ras",
    "Nous demandons la piétonnisation complète de la place Zola le dimanche matin",
    "Nous demandons la piétonnisation complète de la place Zola le dimanche matin !",
    "nous demandons la piétonnisation complète de la place Zola le dimanche matin",
  };
  g_autoptr(GError) error = NULL;
  DlgContributionsPage *page;
  DlgWorkbenchDialog *dialog;
  DlgWorkbenchItem *group;
  GtkButton *group_button;
  gint64 theme;
  guint size;

  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
        "INSERT INTO contribution (uuid, process_id, feature, channel, title, body, created_at)"
        " VALUES (?1, ?2, 'ideas', 'online', '', ?3, '2026-10-01T10:00:00Z')", &error);
      g_autofree char *uuid = dlg_uuid_new ();

      g_assert_no_error (error);
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, f->demo_id);
      dlg_stmt_bind_text (stmt, 3, texts[i]);
      g_assert_true (dlg_store_step_done (f->store, stmt, &error));
    }
  page = show_page (f);
  dialog = run_dialog (panel_of (page), "themes.duplicates");
  group = item_of (dialog, 0);
  g_assert_cmpuint (group->size, >=, 5);
  for (guint i = 1; i < dlg_workbench_dialog_get_result (dialog)->items->len; i++)
    g_assert_cmpuint (item_of (dialog, i)->size, <=, item_of (dialog, i - 1)->size);
  {
    gboolean campaign = FALSE;

    for (guint i = 0; i < dlg_workbench_dialog_get_result (dialog)->items->len; i++)
      if (strstr (item_of (dialog, i)->label, "piétonnisation") != NULL
          && item_of (dialog, i)->size >= 3)
        campaign = TRUE;
    g_assert_true (campaign);
  }
  screenshot (GTK_WIDGET (dialog), "workbench-duplicates.png");

  /* Tag the whole group, one operation, then Undo. */
  {
    g_autoptr(GListModel) themes = dlg_theme_list (f->store, f->demo_id, NULL);
    g_autoptr(DlgTheme) first = g_list_model_get_item (themes, 0);

    theme = dlg_theme_get_id (first);
  }
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.tag", "(ux)", 0, theme);
  spin (50);
  g_assert_cmpuint (n_tagged (f, group->ids, theme), ==, group->size);
  g_assert_cmpint (journal_count (f, "theme.tag"), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.undo", "x", last_operation (f));
  spin (50);
  g_assert_cmpuint (n_tagged (f, group->ids, theme), ==, 0);

  /* Set aside with a reason: every one, one journal entry. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.moderate", "(uss)", 0, "trashed",
                              "Hors sujet");
  spin (50);
  g_assert_cmpint (journal_count (f, "contribution.moderate"), >=, 1);
  for (guint i = 0; i < group->ids->len; i++)
    {
      g_autoptr(DlgContribution) c = dlg_contribution_load (f->store,
                                                            g_array_index (group->ids, gint64, i),
                                                            &error);

      g_assert_no_error (error);
      g_assert_cmpstr (dlg_contribution_get_moderation (c), ==, "trashed");
    }

  /* Shown alone in the list; the button beside the filters shows them all again. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "workbench.show", "u", 0);
  spin (100);
  g_assert_cmpuint (g_list_model_get_n_items (dlg_contributions_page_get_model (page)), ==,
                    group->size);
  group_button = NULL;
  {
    g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (page), GTK_TYPE_BUTTON);

    for (guint i = 0; i < buttons->len; i++)
      {
        const char *label = gtk_button_get_label (g_ptr_array_index (buttons, i));

        if (label != NULL && g_str_has_suffix (label, "✕")
            && gtk_widget_get_visible (g_ptr_array_index (buttons, i)))
          group_button = g_ptr_array_index (buttons, i);
      }
  }
  g_assert_nonnull (group_button);
  size = group->size;
  gtk_window_close (GTK_WINDOW (dialog));   /* the result goes with the window */
  screenshot (GTK_WIDGET (f->window), "workbench-group-in-list.png");
  g_signal_emit_by_name (group_button, "clicked");
  spin (100);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (group_button)));
  g_assert_cmpuint (g_list_model_get_n_items (dlg_contributions_page_get_model (page)), >, size);
}

static guint
core_total (Fixture          *f,
            gint64            theme,
            DlgSynthesisAxis  axis,
            guint            *n_bars)
{
  g_autoptr(GError) error = NULL;
  guint total = 0;
  g_autoptr(GPtrArray) bars = dlg_synthesis_count (f->store, f->demo_id, theme, axis, &total,
                                                   &error);

  g_assert_no_error (error);
  *n_bars = bars->len;
  return total;
}

/* The charts are the core's figures, for the process and for a theme (with a markup name),
 * and follow the store; quotes are the highlighted contributions. */
static void
test_synthesis (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  DlgContributionsPage *page;
  DlgSynthesisDialog *dialog;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DlgTheme) theme = dlg_theme_new (f->demo_id);
  g_autofree char *summary = NULL;
  guint n_bars;

  /* Areas for the chart: as a form's answers would carry them. */
  g_assert_true (dlg_store_exec (f->store,
    "UPDATE contribution SET data_json = json_object ('quartier', CASE id % 4"
    " WHEN 0 THEN 'Zola' WHEN 1 THEN 'Procé' WHEN 2 THEN 'Mellinet' ELSE '<i>Canclaux</i>' END)"
    " WHERE process_id = 1 AND id % 5 <> 0", &error));
  dlg_theme_set_name (theme, HOSTILE);
  dlg_theme_set_colour (theme, "#e66100");
  g_assert_true (dlg_theme_save (f->store, theme, &error));
  for (gint64 id = 1; id <= 40; id++)
    g_array_append_val (ids, id);
  g_assert_true (dlg_coding_tag (f->store, dlg_theme_get_id (theme), ids, NULL, &error));
  g_array_set_size (ids, 3);
  g_assert_true (dlg_coding_highlight (f->store, f->demo_id, ids, TRUE, NULL, &error));
  g_assert_no_error (error);

  page = show_page (f);
  gtk_widget_activate_action (GTK_WIDGET (panel_of (page)), "themes.synthesis", "x", (gint64) 0);
  spin (100);
  dialog = find_toplevel (DLG_TYPE_SYNTHESIS_DIALOG);
  g_assert_nonnull (dialog);
  for (guint axis = 0; axis < DLG_SYNTHESIS_N_AXES; axis++)
    {
      core_total (f, 0, axis, &n_bars);
      g_assert_cmpuint (dlg_synthesis_chart_get_n_bars (dlg_synthesis_dialog_get_chart (dialog,
                                                                                      axis)),
                        ==, n_bars);
    }
  summary = dlg_synthesis_chart_dup_summary (dlg_synthesis_dialog_get_chart (dialog,
                                                                             DLG_SYNTHESIS_AREA));
  g_assert_nonnull (strstr (summary, "<i>Canclaux</i>"));
  g_assert_cmpuint (dlg_synthesis_dialog_get_n_quotes (dialog), ==, 3 - (guint) query_int (f,
    "SELECT count(*) FROM contribution WHERE id <= 3 AND moderation = 'trashed'"));
  screenshot (GTK_WIDGET (dialog), "workbench-synthesis.png");

  /* The theme: its 40 contributions. */
  dlg_synthesis_dialog_set_theme (dialog, dlg_theme_get_id (theme));
  spin (50);
  g_assert_cmpuint (core_total (f, dlg_theme_get_id (theme), DLG_SYNTHESIS_CHANNEL, &n_bars), ==,
                    40);
  g_assert_cmpuint (dlg_synthesis_chart_get_n_bars (dlg_synthesis_dialog_get_chart (
                      dialog, DLG_SYNTHESIS_CHANNEL)), ==, n_bars);
  {
    g_autofree char *total = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                           "Theme “%s”: %u contribution",
                                                           "Theme “%s”: %u contributions", 40),
                                              HOSTILE, 40);

    g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog), total));
  }
  screenshot (GTK_WIDGET (dialog), "workbench-synthesis-theme.png");

  /* A highlight made elsewhere: the quotes follow. */
  {
    g_autoptr(GArray) more = g_array_new (FALSE, FALSE, sizeof (gint64));
    guint before = dlg_synthesis_dialog_get_n_quotes (dialog);
    gint64 id = 10;

    if (query_int (f, "SELECT count(*) FROM contribution WHERE id = 10 AND moderation = 'trashed'"))
      id = 11;
    g_array_append_val (more, id);
    g_assert_true (dlg_coding_highlight (f->store, f->demo_id, more, TRUE, NULL, &error));
    spin (200);
    g_assert_cmpuint (dlg_synthesis_dialog_get_n_quotes (dialog), ==, before + 1);
  }
}

/* A theme's contributions, then a selection, linked to a recommendation in one step; Undo. */
static void
test_link (Fixture       *f,
           gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  GtkColumnView *view = find_nth (GTK_WIDGET (page), GTK_TYPE_COLUMN_VIEW, 0);
  gint64 sources = query_int (f, "SELECT count(*) FROM recommendation_source");
  gint64 first_recommendation = query_int (f, "SELECT min (id) FROM recommendation"
                                              " WHERE process_id = 1");
  g_autoptr(GArray) theme_ids = NULL;
  g_autoptr(GListModel) themes = dlg_theme_list (f->store, f->demo_id, NULL);
  g_autoptr(DlgTheme) theme = g_list_model_get_item (themes, 0);
  gint64 expected;
  AdwMessageDialog *message;

  theme_ids = dlg_coding_list_theme_contributions (f->store, dlg_theme_get_id (theme), NULL);
  g_assert_cmpuint (theme_ids->len, >, 0);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store,
      "SELECT count(*) FROM contribution_theme ct WHERE ct.theme_id IN (WITH RECURSIVE sub (id)"
      " AS (SELECT ?1 UNION ALL SELECT t.id FROM theme t JOIN sub ON t.parent_id = sub.id)"
      " SELECT id FROM sub) AND NOT EXISTS (SELECT 1 FROM recommendation_source s"
      " WHERE s.recommendation_id = ?2 AND s.contribution_id = ct.contribution_id)", &error);

    sqlite3_bind_int64 (stmt, 1, dlg_theme_get_id (theme));
    sqlite3_bind_int64 (stmt, 2, first_recommendation);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    expected = sqlite3_column_int64 (stmt, 0);
  }
  g_assert_cmpint (expected, >, 0);

  gtk_widget_activate_action (GTK_WIDGET (panel_of (page)), "themes.link", "x",
                              dlg_theme_get_id (theme));
  spin (100);
  message = find_message_dialog ();
  g_assert_nonnull (message);
  g_assert_cmpuint (gtk_drop_down_get_selected (find_nth (GTK_WIDGET (message),
                                                          GTK_TYPE_DROP_DOWN, 0)), ==, 0);
  screenshot (GTK_WIDGET (message), "workbench-link.png");
  adw_message_dialog_response (message, "link");
  gtk_window_close (GTK_WINDOW (message));   /* as its button does */
  spin (100);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM recommendation_source"), ==,
                   sources + expected);
  g_assert_cmpint (journal_count (f, "recommendation.link"), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.undo", "x", last_operation (f));
  spin (100);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM recommendation_source"), ==, sources);
  g_assert_cmpint (journal_count (f, "recommendation.link"), ==, 2);

  /* Three selected rows, from the action bar. */
  gtk_selection_model_select_range (gtk_column_view_get_model (view), 0, 3, TRUE);
  spin (50);
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.link", NULL);
  spin (100);
  message = find_message_dialog ();
  g_assert_nonnull (message);
  {
    g_autofree char *what = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                          "the %u selected contribution",
                                                          "the %u selected contributions", 3), 3);

    g_assert_nonnull (strstr (adw_message_dialog_get_body (message), what));
  }
  adw_message_dialog_response (message, "link");
  gtk_window_close (GTK_WINDOW (message));   /* as its button does */
  spin (100);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM recommendation_source"), <=,
                   sources + 3);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM recommendation_source"), >, sources);
  g_assert_cmpint (journal_count (f, "recommendation.link"), ==, 3);
}

/* Moving a theme under another in its dialog is an operation with Undo. */
static void
test_move_undo (Fixture       *f,
                gconstpointer  data)
{
  DlgContributionsPage *page = show_page (f);
  DlgThemePanel *panel = panel_of (page);
  g_autoptr(GListModel) themes = dlg_theme_list (f->store, f->demo_id, NULL);
  g_autoptr(DlgTheme) moved = g_list_model_get_item (themes, g_list_model_get_n_items (themes) - 1);
  gint64 id = dlg_theme_get_id (moved);
  gint64 parent = dlg_theme_get_parent_id (moved);
  DlgEditDialog *dialog;
  AdwComboRow *under;

  gtk_widget_activate_action (GTK_WIDGET (panel), "themes.edit", "x", id);
  spin (100);
  dialog = find_edit_dialog (NULL);
  g_assert_nonnull (dialog);
  under = find_nth (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 0);
  adw_combo_row_set_selected (under, 1);
  g_assert_true (dlg_edit_dialog_flush (dialog));
  gtk_window_close (GTK_WINDOW (dialog));
  spin (100);
  {
    g_autoptr(DlgTheme) now = dlg_theme_load (f->store, id, NULL);

    g_assert_cmpint (dlg_theme_get_parent_id (now), !=, parent);
  }
  g_assert_cmpint (journal_count (f, "theme.move"), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "contributions.undo", "x", last_operation (f));
  spin (100);
  {
    g_autoptr(DlgTheme) now = dlg_theme_load (f->store, id, NULL);

    g_assert_cmpint (dlg_theme_get_parent_id (now), ==, parent);
  }
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);
  if (g_getenv ("WORKBENCH_SCREENSHOTS") != NULL)
    {
      g_autoptr(GtkCssProvider) css = gtk_css_provider_new ();

      setlocale (LC_ALL, "");
      bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
      bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
      textdomain (GETTEXT_PACKAGE);
      gtk_css_provider_load_from_resource (css, "/fr/nantesmetropole/Dialogue/style.css");
      gtk_style_context_add_provider_for_display (gdk_display_get_default (),
                                                  GTK_STYLE_PROVIDER (css),
                                                  GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
    }
#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui/workbench-tools/suggest-accept", test_suggest_accept);
  ADD ("/gui/workbench-tools/suggest-cancel", test_suggest_cancel);
  ADD ("/gui/workbench-tools/duplicates", test_duplicates);
  ADD ("/gui/workbench-tools/synthesis", test_synthesis);
  ADD ("/gui/workbench-tools/link", test_link);
  ADD ("/gui/workbench-tools/move-undo", test_move_undo);
#undef ADD
  {
    gboolean created = FALSE;

    template_db = gui_demo_db_new ("dialogue-workbench-tools", &created);
    g_assert_true (created);
  }
  status = g_test_run ();
  gui_db_remove (template_db);
  g_clear_pointer (&template_db, g_free);
  return status;
}
