/* test-coding.c — the coding frame at volume: tag, untag, highlight, merge, delete, undo,
 * counts and the list's theme filters
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include "dlg-core.h"
#include "dlg-store-private.h"
#include "contribution-fixture.h"
#include "process-fixture.h"

/* Every row of the frame and of the links, in order: equal dumps, equal state. */
static char *
dump_frame (Fixture *f)
{
  static const char *const queries[] = {
    "SELECT id, coalesce (parent_id, 0), name, position, colour, description FROM theme"
    " ORDER BY id",
    "SELECT contribution_id, theme_id, 0, '', '', '' FROM contribution_theme"
    " ORDER BY contribution_id, theme_id",
    "SELECT contribution_id, highlighted, 0, note, '', '' FROM contribution_annotation"
    " WHERE highlighted OR note <> '' ORDER BY contribution_id",
  };
  GString *dump = g_string_new (NULL);

  for (guint q = 0; q < G_N_ELEMENTS (queries); q++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, queries[q], &error);

      g_assert_no_error (error);
      g_string_append_printf (dump, "-- %u\n", q);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        g_string_append_printf (dump, "%lld|%lld|%s|%lld|%s|%s\n",
                                (long long) sqlite3_column_int64 (stmt, 0),
                                (long long) sqlite3_column_int64 (stmt, 1),
                                sqlite3_column_text (stmt, 2),
                                (long long) sqlite3_column_int64 (stmt, 3),
                                sqlite3_column_text (stmt, 4), sqlite3_column_text (stmt, 5));
    }
  return g_string_free (dump, FALSE);
}

/* The frame is as @expected (a dump_frame() taken before). */
static void
assert_frame (Fixture    *f,
              const char *expected)
{
  g_autofree char *now = dump_frame (f);

  g_assert_cmpstr (now, ==, expected);
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
journal_count (Fixture *f)
{
  return query_int (f, "SELECT count(*) FROM journal WHERE action LIKE 'theme.%'");
}

static gint64
make_theme (Fixture    *f,
            const char *name,
            gint64      parent_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgTheme) theme = dlg_theme_new (f->process_id);

  dlg_theme_set_name (theme, name);
  dlg_theme_set_parent_id (theme, parent_id);
  g_assert_true (dlg_theme_save (f->store, theme, &error));
  g_assert_no_error (error);
  return dlg_theme_get_id (theme);
}

/* Ids of contributions first..last of the fixture (1-based rows are ids here). */
static GArray *
ids_range (gint64 first,
           gint64 last)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (gint64 id = first; id <= last; id++)
    g_array_append_val (ids, id);
  return ids;
}

static guint
themes_of (Fixture *f,
           gint64   contribution_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) themes = dlg_contribution_list_themes (f->store, contribution_id, &error);

  g_assert_no_error (error);
  return g_list_model_get_n_items (themes);
}

static void
test_frame_fields (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgTheme) theme = dlg_theme_new (f->process_id);
  g_autoptr(DlgTheme) loaded = NULL;
  const char *hostile = "<b>Mobilité</b> & \"vélo\" '); DROP TABLE theme; -- %s %n";

  dlg_theme_set_name (theme, hostile);
  dlg_theme_set_colour (theme, "#3584e4");
  dlg_theme_set_description (theme, "Pistes, bus, <i>trottoirs</i>");
  g_assert_true (dlg_theme_save (f->store, theme, &error));
  g_assert_no_error (error);
  loaded = dlg_theme_load (f->store, dlg_theme_get_id (theme), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_theme_get_name (loaded), ==, hostile);
  g_assert_cmpstr (dlg_theme_get_colour (loaded), ==, "#3584e4");
  g_assert_cmpstr (dlg_theme_get_description (loaded), ==, "Pistes, bus, <i>trottoirs</i>");

  for (guint i = 0; i < 4; i++)
    {
      static const char *const bad[] = { "blue", "#12345", "#12345g", "#1234567" };
      g_autoptr(GError) refused = NULL;

      dlg_theme_set_colour (loaded, bad[i]);
      g_assert_false (dlg_theme_save (f->store, loaded, &refused));
      g_assert_error (refused, DLG_ERROR, DLG_ERROR_INVALID);
    }
  g_assert_true (dlg_theme_colour_is_valid (""));
  g_assert_true (dlg_theme_colour_is_valid (NULL));
  g_assert_true (dlg_theme_colour_is_valid ("#A0b1C2"));
}

/* A selection, then every match of a search: one transaction and one journal entry each,
 * the count given back, and Undo. */
static void
test_tag_selection_and_search (Fixture       *f,
                               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) selection = ids_range (1, 10);
  g_autoptr(DlgContributionList) list = NULL;
  g_autoptr(GArray) matching = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_selection = NULL;
  g_autofree char *summary = NULL;
  DlgCodingOutcome outcome;
  gint64 mobility, last;
  gint64 journal_before;

  fixture_insert_contributions (f->store, f->process_id, 2000);
  mobility = make_theme (f, "Mobilité", 0);
  before = dump_frame (f);
  journal_before = journal_count (f);

  g_assert_true (dlg_coding_tag (f->store, mobility, selection, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outcome.n_changed, ==, 10);
  g_assert_cmpuint (outcome.n_skipped, ==, 0);
  g_assert_cmpint (outcome.operation_id, >, 0);
  g_assert_cmpint (journal_count (f), ==, journal_before + 1);
  g_assert_cmpuint (themes_of (f, 1), ==, 1);
  after_selection = dump_frame (f);

  /* Tagging them again changes nothing and records nothing. */
  g_assert_true (dlg_coding_tag (f->store, mobility, selection, &outcome, &error));
  g_assert_cmpuint (outcome.n_changed, ==, 0);
  g_assert_cmpint (outcome.operation_id, ==, 0);
  g_assert_cmpint (journal_count (f), ==, journal_before + 1);

  /* Every contribution matching "vélo" (word 0 of the fixture: i % 20 == 0 or i % 7 == 0). */
  list = dlg_contribution_list_new (f->store, f->process_id);
  dlg_contribution_list_set_search (list, "vélo");
  matching = dlg_contribution_list_get_ids (list, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (matching->len, ==, g_list_model_get_n_items (G_LIST_MODEL (list)));
  g_assert_cmpuint (matching->len, ==, 100 + 285 - 14);
  g_assert_true (dlg_coding_tag (f->store, mobility, matching, &outcome, &error));
  g_assert_no_error (error);
  /* Row 7 of the selection matches too: it had the theme already. */
  g_assert_cmpuint (outcome.n_changed, ==, matching->len - 1);
  g_assert_cmpint (journal_count (f), ==, journal_before + 2);
  g_assert_true (dlg_coding_get_last_operation (f->store, f->process_id, &last, &summary,
                                                &error));
  g_assert_cmpint (last, ==, outcome.operation_id);
  g_assert_nonnull (strstr (summary, "Mobilité"));
  g_assert_nonnull (strstr (summary, "370"));

  /* The list filtered on the theme shows exactly the tagged ones. */
  dlg_contribution_list_set_search (list, NULL);
  dlg_contribution_list_set_theme (list, mobility);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, matching->len + 9);
  dlg_contribution_list_set_theme (list, DLG_CONTRIBUTION_LIST_NO_THEME);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==,
                    2000 - matching->len - 9);

  /* Undo: the search's tagging first; the selection's after. */
  g_assert_true (dlg_coding_undo (f->store, last, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outcome.n_changed, ==, matching->len - 1);
  assert_frame (f, after_selection);
  g_assert_true (dlg_coding_get_last_operation (f->store, f->process_id, &last, NULL, &error));
  g_assert_true (dlg_coding_undo (f->store, last, &outcome, &error));
  g_assert_no_error (error);
  assert_frame (f, before);
  g_assert_cmpint (journal_count (f), ==, journal_before + 4);
  g_assert_true (dlg_coding_get_last_operation (f->store, f->process_id, &last, NULL, &error));
  g_assert_cmpint (last, ==, 0);
}

static void
test_untag_and_skipped (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ids_range (1, 20);
  g_autoptr(GArray) some = ids_range (5, 9);
  g_autoptr(DlgProcess) other = NULL;
  DlgCodingOutcome outcome;
  gint64 theme, foreign;

  fixture_insert_contributions (f->store, f->process_id, 20);
  other = dlg_process_create (f->store, "Autre démarche", &error);
  g_assert_no_error (error);
  fixture_insert_contributions (f->store, dlg_process_get_id (other), 5);
  theme = make_theme (f, "Nature", 0);

  /* Ids 21…25 are the other process's, 999 is nobody's: skipped, counted. */
  for (gint64 id = 21; id <= 25; id++)
    g_array_append_val (ids, id);
  foreign = 999;
  g_array_append_val (ids, foreign);
  g_assert_true (dlg_coding_tag (f->store, theme, ids, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outcome.n_changed, ==, 20);
  g_assert_cmpuint (outcome.n_skipped, ==, 6);
  g_assert_cmpuint (themes_of (f, 21), ==, 0);

  g_assert_true (dlg_coding_untag (f->store, theme, some, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outcome.n_changed, ==, 5);
  g_assert_cmpuint (themes_of (f, 5), ==, 0);
  g_assert_cmpuint (themes_of (f, 4), ==, 1);
  g_assert_true (dlg_coding_undo (f->store, outcome.operation_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (themes_of (f, 5), ==, 1);
}

static void
test_highlight (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ids_range (1, 6);
  g_autoptr(DlgContribution) c = NULL;
  g_autoptr(DlgContributionList) list = NULL;
  g_autofree char *before = NULL;
  DlgCodingOutcome outcome;

  fixture_insert_contributions (f->store, f->process_id, 10);
  c = dlg_contribution_load (f->store, 2, &error);
  dlg_contribution_set_highlighted (c, TRUE);
  dlg_contribution_set_note (c, "Citation possible");
  g_assert_true (dlg_contribution_save (f->store, c, &error));
  g_assert_no_error (error);
  before = dump_frame (f);

  g_assert_true (dlg_coding_highlight (f->store, f->process_id, ids, TRUE, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outcome.n_changed, ==, 5);
  list = dlg_contribution_list_new (f->store, f->process_id);
  dlg_contribution_list_set_highlighted_only (list, TRUE);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  g_assert_true (dlg_coding_undo (f->store, outcome.operation_id, NULL, &error));
  g_assert_no_error (error);
  dlg_contribution_list_refresh (list);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 1);
  /* The note of row 2 is kept, and rows whose annotation Undo created are not highlighted. */
  assert_frame (f, before);
}

/* Merge: the merged theme's contributions and sub-themes follow; Undo puts all back. */
static void
test_merge (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) a_ids = ids_range (1, 6);
  g_autoptr(GArray) b_ids = ids_range (5, 10);
  g_autoptr(GArray) child_ids = ids_range (11, 12);
  g_autoptr(GListModel) themes = NULL;
  g_autofree char *before = NULL;
  DlgCodingOutcome outcome;
  gint64 a, b, child, grandchild;

  fixture_insert_contributions (f->store, f->process_id, 12);
  a = make_theme (f, "Vélo", 0);
  b = make_theme (f, "Mobilités douces", 0);
  child = make_theme (f, "Stationnement vélo", a);
  grandchild = make_theme (f, "Arceaux", child);
  g_assert_true (dlg_coding_tag (f->store, a, a_ids, NULL, &error));
  g_assert_true (dlg_coding_tag (f->store, b, b_ids, NULL, &error));
  g_assert_true (dlg_coding_tag (f->store, child, child_ids, NULL, &error));
  g_assert_no_error (error);
  before = dump_frame (f);

  {
    g_autoptr(GError) refused = NULL;

    g_assert_false (dlg_coding_merge_themes (f->store, a, grandchild, NULL, &refused));
    g_assert_error (refused, DLG_ERROR, DLG_ERROR_INVALID);
  }
  {
    g_autoptr(GError) refused = NULL;

    g_assert_false (dlg_coding_merge_themes (f->store, a, a, NULL, &refused));
    g_assert_error (refused, DLG_ERROR, DLG_ERROR_INVALID);
  }

  g_assert_true (dlg_coding_merge_themes (f->store, a, b, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM theme WHERE name = 'Vélo'"), ==, 0);
  /* 1…4 come to b (5 and 6 had both). */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme WHERE theme_id = 2"), ==,
                   10);
  themes = dlg_theme_list (f->store, f->process_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (themes), ==, 3);
  {
    g_autoptr(DlgTheme) moved = dlg_theme_load (f->store, child, &error);

    g_assert_no_error (error);
    g_assert_cmpint (dlg_theme_get_parent_id (moved), ==, b);
  }
  g_assert_cmpuint (themes_of (f, 11), ==, 1);

  g_assert_true (dlg_coding_undo (f->store, outcome.operation_id, &outcome, &error));
  g_assert_no_error (error);
  assert_frame (f, before);
}

/* Delete with Undo, including when a new theme took the deleted one's id meanwhile: the theme
 * comes back under a new id and older operations still undo. */
static void
test_delete_undo (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ids_range (1, 4);
  g_autoptr(GArray) sub_ids = ids_range (3, 8);
  g_autofree char *before = NULL;
  DlgCodingOutcome tagged, deleted;
  gint64 root, sub, last;

  fixture_insert_contributions (f->store, f->process_id, 8);
  make_theme (f, "Propreté", 0);
  root = make_theme (f, "Espaces verts", 0);
  sub = make_theme (f, "Arbres", root);
  g_assert_true (dlg_coding_tag (f->store, root, ids, NULL, &error));
  g_assert_true (dlg_coding_tag (f->store, sub, sub_ids, &tagged, &error));
  g_assert_no_error (error);
  before = dump_frame (f);

  /* Only the latest operation undoes. */
  {
    g_autoptr(GError) refused = NULL;
    gint64 first = tagged.operation_id - 1;

    g_assert_false (dlg_coding_undo (f->store, first, NULL, &refused));
    g_assert_error (refused, DLG_ERROR, DLG_ERROR_INVALID);
  }

  g_assert_true (dlg_coding_delete_theme (f->store, root, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (deleted.n_changed, ==, 2);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM theme"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution"), ==, 8);

  g_assert_true (dlg_coding_undo (f->store, deleted.operation_id, NULL, &error));
  g_assert_no_error (error);
  assert_frame (f, before);

  /* Deleted again; a new theme takes the deleted root's id. */
  g_assert_true (dlg_coding_delete_theme (f->store, root, &deleted, &error));
  g_assert_no_error (error);
  g_assert_cmpint (make_theme (f, "Nouveau", 0), ==, root);
  g_assert_true (dlg_coding_undo (f->store, deleted.operation_id, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM theme"), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM theme WHERE name = 'Arbres'"
                                 " AND parent_id = (SELECT id FROM theme WHERE name = "
                                 "'Espaces verts')"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme ct JOIN theme t"
                                 " ON t.id = ct.theme_id WHERE t.name = 'Arbres'"), ==, 6);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme ct JOIN theme t"
                                 " ON t.id = ct.theme_id WHERE t.name = 'Espaces verts'"), ==, 4);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme ct JOIN theme t"
                                 " ON t.id = ct.theme_id WHERE t.name = 'Nouveau'"), ==, 0);
  /* The tagging before follows the sub-theme to its new id. */
  g_assert_true (dlg_coding_get_last_operation (f->store, f->process_id, &last, NULL, &error));
  g_assert_cmpint (last, ==, tagged.operation_id);
  g_assert_true (dlg_coding_undo (f->store, last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme ct JOIN theme t"
                                 " ON t.id = ct.theme_id WHERE t.name = 'Arbres'"), ==, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme"), ==, 4);
  /* And the first tagging, recorded with the root's old id, takes from the root, not from
   * the theme that has that id now. */
  {
    g_autoptr(GArray) nouveau = ids_range (1, 2);

    g_assert_true (dlg_coding_tag (f->store, root, nouveau, &tagged, &error));
    g_assert_true (dlg_coding_undo (f->store, tagged.operation_id, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_true (dlg_coding_get_last_operation (f->store, f->process_id, &last, NULL, &error));
  g_assert_cmpint (last, ==, tagged.operation_id - 4);
  g_assert_true (dlg_coding_undo (f->store, last, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme"), ==, 0);
  (void) sub;
}

static void
test_counts (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) parent_ids = ids_range (1, 5);
  g_autoptr(GArray) child_ids = ids_range (4, 9);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(DlgContributionList) list = NULL;
  guint without = 0;
  gint64 parent, child, empty;

  fixture_insert_contributions (f->store, f->process_id, 12);
  parent = make_theme (f, "Mobilité", 0);
  child = make_theme (f, "Bus", parent);
  empty = make_theme (f, "Vide", 0);
  g_assert_true (dlg_coding_tag (f->store, parent, parent_ids, NULL, &error));
  g_assert_true (dlg_coding_tag (f->store, child, child_ids, NULL, &error));
  g_assert_no_error (error);

  counts = dlg_coding_count_by_theme (f->store, f->process_id, &without, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 2);
  g_assert_cmpuint (without, ==, 3);
  for (guint i = 0; i < counts->len; i++)
    {
      DlgThemeCount *count = &g_array_index (counts, DlgThemeCount, i);

      g_assert_true (count->theme_id != empty);
      if (count->theme_id == parent)
        {
          g_assert_cmpuint (count->n_direct, ==, 5);
          g_assert_cmpuint (count->n_total, ==, 9);  /* 4 and 5 once */
        }
      else
        {
          g_assert_cmpint (count->theme_id, ==, child);
          g_assert_cmpuint (count->n_direct, ==, 6);
          g_assert_cmpuint (count->n_total, ==, 6);
        }
    }

  /* The list's theme filter takes the sub-themes' contributions too. */
  list = dlg_contribution_list_new (f->store, f->process_id);
  dlg_contribution_list_set_theme (list, parent);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 9);
  dlg_contribution_list_set_theme (list, child);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 6);
  dlg_contribution_list_set_theme (list, empty);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 0);
  dlg_contribution_list_set_theme (list, DLG_CONTRIBUTION_LIST_NO_THEME);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 3);
  dlg_contribution_list_set_theme (list, 0);
  g_assert_cmpuint (g_list_model_get_n_items (G_LIST_MODEL (list)), ==, 12);
}

/* The counts against plain SQL (a count of distinct contributions over each subtree), on a
 * frame three levels deep whose themes share contributions, with another process's themes
 * and contributions in the same file. */
static void
test_counts_like_sql (Fixture       *f,
                      gconstpointer  data)
{
  static const char sql_subtree[] =
    "WITH RECURSIVE sub (id) AS (SELECT ?1 UNION ALL"
    "  SELECT t.id FROM theme t JOIN sub ON t.parent_id = sub.id)"
    " SELECT count(DISTINCT ct.contribution_id) FROM contribution_theme ct"
    " WHERE ct.theme_id IN sub";
  static const char sql_direct[] =
    "SELECT count(*) FROM contribution_theme WHERE theme_id = ?1";
  static const char sql_without[] =
    "SELECT count(*) FROM contribution c WHERE c.process_id = ?1 AND NOT EXISTS"
    " (SELECT 1 FROM contribution_theme ct WHERE ct.contribution_id = c.id)";
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = NULL;
  g_autoptr(DlgProcess) other = NULL;
  gint64 themes[7];
  guint without = 0, listed = 0;

  fixture_insert_contributions (f->store, f->process_id, 300);
  other = dlg_process_create (f->store, "Autre", &error);
  g_assert_no_error (error);
  fixture_insert_contributions (f->store, dlg_process_get_id (other), 50);
  themes[0] = make_theme (f, "Cadre de vie", 0);
  themes[1] = make_theme (f, "Mobilité", themes[0]);
  themes[2] = make_theme (f, "Vélo", themes[1]);
  themes[3] = make_theme (f, "Bus", themes[1]);
  themes[4] = make_theme (f, "Arbres", themes[0]);
  themes[5] = make_theme (f, "Sans lien", 0);
  themes[6] = make_theme (f, "Jamais utilisé", themes[5]);
  for (guint t = 0; t < 6; t++)
    {
      g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

      /* Theme t takes the multiples of t + 2 up to 40 (t + 1) (overlapping sets). */
      for (gint64 id = t + 2; id <= 40 * (t + 1); id += t + 2)
        g_array_append_val (ids, id);
      g_assert_true (dlg_coding_tag (f->store, themes[t], ids, NULL, &error));
      g_assert_no_error (error);
    }
  {
    /* Another process's theme on its own contributions */
    g_autoptr(DlgTheme) theme = dlg_theme_new (dlg_process_get_id (other));
    g_autoptr(GArray) ids = ids_range (301, 320);

    dlg_theme_set_name (theme, "Ailleurs");
    g_assert_true (dlg_theme_save (f->store, theme, &error));
    g_assert_true (dlg_coding_tag (f->store, dlg_theme_get_id (theme), ids, NULL, &error));
    g_assert_no_error (error);
  }

  counts = dlg_coding_count_by_theme (f->store, f->process_id, &without, &error);
  g_assert_no_error (error);
  for (guint t = 0; t < G_N_ELEMENTS (themes); t++)
    {
      gint64 total = fixture_query_int64 (f->store, sql_subtree, themes[t]);
      gboolean found = FALSE;

      for (guint i = 0; i < counts->len; i++)
        {
          DlgThemeCount *count = &g_array_index (counts, DlgThemeCount, i);

          if (count->theme_id != themes[t])
            continue;
          found = TRUE;
          g_assert_cmpuint (count->n_direct, ==, fixture_query_int64 (f->store, sql_direct, themes[t]));
          g_assert_cmpuint (count->n_total, ==, total);
        }
      /* A theme is listed when its subtree has contributions. */
      g_assert_true (found == (total > 0));
      listed += found;
    }
  g_assert_cmpuint (counts->len, ==, listed);
  g_assert_cmpuint (counts->len, ==, 6);
  g_assert_cmpuint (without, ==, fixture_query_int64 (f->store, sql_without, f->process_id));
  g_assert_cmpuint (without, >, 0);
}

/* A re-import (the ingestion path every pull takes) of tagged contributions keeps the tags. */
static void
test_pull_keeps_tags (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgContributionList) list = NULL;
  g_autoptr(GArray) all = NULL;
  DlgCodingOutcome outcome;
  gint64 theme;

  for (guint round = 0; round < 2; round++)
    {
      g_autoptr(DlgIngestBatch) batch = dlg_ingest_batch_new ("csv");
      g_autoptr(DlgIngestReport) report = NULL;

      for (guint i = 0; i < 30; i++)
        {
          g_autofree char *id = g_strdup_printf ("row-%u", i);
          g_autofree char *body = g_strdup_printf ("Des arbres rue %u%s", i,
                                                   round == 1 ? " (corrigé)" : "");
          g_autoptr(DlgContribution) c = dlg_contribution_new (f->process_id);

          dlg_contribution_set_title (c, "Idée");
          dlg_contribution_set_body (c, body);
          dlg_contribution_set_created_at (c, "2026-11-20T10:00:00Z");
          dlg_ingest_batch_add_contribution (batch, id, 0, c, DLG_INGEST_FLAGS_NONE);
        }
      g_assert_true (dlg_ingest_batch_apply (f->store, batch, NULL, NULL, NULL, &report,
                                             &error));
      g_assert_no_error (error);
      if (round == 0)
        {
          theme = make_theme (f, "Arbres", 0);
          list = dlg_contribution_list_new (f->store, f->process_id);
          all = dlg_contribution_list_get_ids (list, &error);
          g_assert_no_error (error);
          g_assert_true (dlg_coding_tag (f->store, theme, all, &outcome, &error));
          g_assert_true (dlg_coding_highlight (f->store, f->process_id, all, TRUE, NULL,
                                               &error));
          g_assert_no_error (error);
          g_assert_cmpuint (outcome.n_changed, ==, 30);
        }
      else
        g_assert_cmpuint (report->n_updated, ==, 30);
    }
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_theme"), ==, 30);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution_annotation"
                                 " WHERE highlighted"), ==, 30);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution WHERE body LIKE '%corrigé%'"),
                   ==, 30);
}

static void
test_archived_refused (Fixture       *f,
                       gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ids_range (1, 3);
  gint64 theme;

  fixture_insert_contributions (f->store, f->process_id, 3);
  theme = make_theme (f, "Mobilité", 0);
  g_assert_true (dlg_process_set_archived (f->store, f->process_id, TRUE, &error));
  g_assert_no_error (error);
  g_assert_false (dlg_coding_tag (f->store, theme, ids, NULL, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (dlg_coding_delete_theme (f->store, theme, NULL, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM coding_operation"), ==, 0);
}

/* Bulk moderation: one transaction, one journal entry, one event per contribution changed,
 * Undo through the coding stack puts each state and reason back (as new events). */
static void
test_moderate_bulk (Fixture       *f,
                    gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) ids = ids_range (1, 9);
  g_autofree char *summary = NULL;
  const char *before_sql = "SELECT group_concat (moderation || ':' || coalesce (moderation_reason,"
                           " '-'), ',') FROM (SELECT * FROM contribution WHERE id <= 12 ORDER BY id)";
  g_autofree char *before = NULL;
  DlgCodingOutcome outcome;
  gint64 journal_before, last = 0;

  fixture_insert_contributions (f->store, f->process_id, 12);
  /* Row 3 is already set aside for the same reason: nothing changes for it. */
  g_assert_true (dlg_contribution_moderate (f->store, 3, "trashed", "Hors sujet", &error));
  g_assert_no_error (error);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, before_sql, &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    before = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  }
  journal_before = query_int (f, "SELECT count(*) FROM journal");

  /* Set aside needs a reason; a bad state is refused; neither writes anything. */
  g_assert_false (dlg_coding_moderate (f->store, f->process_id, ids, "trashed", "  ", NULL,
                                       &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (dlg_coding_moderate (f->store, f->process_id, ids, "'; DROP TABLE x", NULL,
                                       NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM journal"), ==, journal_before);

  /* Another process's contribution is skipped. */
  {
    g_autoptr(DlgProcess) other = dlg_process_create (f->store, "Autre", &error);

    g_assert_no_error (error);
    fixture_insert_contributions (f->store, dlg_process_get_id (other), 1);
  }
  journal_before = query_int (f, "SELECT count(*) FROM journal");
  g_array_append_val (ids, (gint64) { 13 });
  g_assert_true (dlg_coding_moderate (f->store, f->process_id, ids, "trashed", " Hors sujet ",
                                      &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outcome.n_changed, ==, 8);
  g_assert_cmpuint (outcome.n_skipped, ==, 1);
  g_assert_cmpint (outcome.operation_id, >, 0);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM journal"), ==, journal_before + 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM journal WHERE action ="
                                 " 'contribution.moderate' AND summary LIKE '8 %'"), ==, 1);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM contribution WHERE id <= 9 AND"
                                 " moderation = 'trashed' AND moderation_reason = 'Hors sujet'"),
                   ==, 9);
  g_assert_cmpint (query_int (f, "SELECT moderation = 'trashed' FROM contribution WHERE id = 13"),
                   ==, 0);
  /* One event for each decision: row 3's first, then the eight. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM moderation_event"), ==, 9);
  g_assert_cmpint (query_int (f, "SELECT count(DISTINCT uuid) FROM moderation_event"), ==, 9);

  /* The same again changes nothing and records nothing. */
  {
    DlgCodingOutcome again;

    g_assert_true (dlg_coding_moderate (f->store, f->process_id, ids, "trashed", "Hors sujet",
                                        &again, &error));
    g_assert_no_error (error);
    g_assert_cmpuint (again.n_changed, ==, 0);
    g_assert_cmpint (again.operation_id, ==, 0);
  }

  g_assert_true (dlg_coding_get_last_operation (f->store, f->process_id, &last, &summary,
                                                &error));
  g_assert_cmpint (last, ==, outcome.operation_id);
  g_assert_true (dlg_coding_undo (f->store, last, &outcome, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (outcome.n_changed, ==, 8);
  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, before_sql, &error);

    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, before);
  }
  /* The site hears of the way back too, and the journal says it. */
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM moderation_event"), ==, 17);
  g_assert_cmpint (query_int (f, "SELECT count(*) FROM journal WHERE action ="
                                 " 'contribution.moderate' AND summary LIKE 'Undone: %'"), ==, 1);
  g_assert_false (dlg_coding_undo (f->store, last, NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

/* The standard reasons read in the officer's language; an edited one stays as typed. */
static void
test_moderation_reasons (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) reasons = dlg_moderation_reason_list (f->store, &error);
  g_autoptr(GPtrArray) after = NULL;
  DlgModerationReason *first;
  gint64 id;
  guint n;

  g_assert_no_error (error);
  n = reasons->len;
  g_assert_cmpuint (n, ==, 6);
  first = g_ptr_array_index (reasons, 0);
  g_assert_cmpstr (first->label, ==, "Off topic: not about the question put to citizens");

  id = dlg_moderation_reason_add (f->store, "<b>Hors cadre</b> & \"mandat\"", &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_cmpint (dlg_moderation_reason_add (f->store, "   ", &error), ==, 0);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (dlg_moderation_reason_add (f->store, "<b>Hors cadre</b> & \"mandat\"",
                                              &error), ==, 0);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (dlg_moderation_reason_rename (f->store, first->id, "Hors sujet", &error));
  g_assert_no_error (error);
  g_assert_true (dlg_moderation_reason_delete (
    f->store, ((DlgModerationReason *) g_ptr_array_index (reasons, 1))->id, &error));
  g_assert_no_error (error);
  g_assert_false (dlg_moderation_reason_delete (f->store, 9999, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  after = dlg_moderation_reason_list (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, n);
  g_assert_cmpstr (((DlgModerationReason *) g_ptr_array_index (after, 0))->label, ==,
                   "Hors sujet");
  g_assert_cmpstr (((DlgModerationReason *) g_ptr_array_index (after, n - 1))->label, ==,
                   "<b>Hors cadre</b> & \"mandat\"");
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/coding/frame-fields", test_frame_fields);
  ADD ("/core/coding/tag-selection-and-search", test_tag_selection_and_search);
  ADD ("/core/coding/untag-and-skipped", test_untag_and_skipped);
  ADD ("/core/coding/highlight", test_highlight);
  ADD ("/core/coding/merge", test_merge);
  ADD ("/core/coding/delete-undo", test_delete_undo);
  ADD ("/core/coding/counts", test_counts);
  ADD ("/core/coding/counts-like-sql", test_counts_like_sql);
  ADD ("/core/coding/pull-keeps-tags", test_pull_keeps_tags);
  ADD ("/core/coding/archived-refused", test_archived_refused);
  ADD ("/core/coding/moderate-bulk", test_moderate_bulk);
  ADD ("/core/coding/moderation-reasons", test_moderation_reasons);
#undef ADD

  return g_test_run ();
}
