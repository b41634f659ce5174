/* test-report.c — the bilan of a process as a PDF, read back by poppler's pdftotext
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The demo at its last stage is rendered and read back with pdftotext (poppler-utils): every
 * section, the key figures (counted here from the database, not written in the test) and the
 * journal's head hash must be in the text; pdfinfo says A4 and the page count, pdffonts that
 * every font is embedded. Hostile text (markup, a megabyte, right-to-left, emoji) comes out as
 * text. With DLG_REPORT_KEEP=DIR, the demo's PDF is copied there to look at.
 */

#define _GNU_SOURCE
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gstdio.h>

#include "dlg-core.h"
#include "dlg-report.h"
#include "dlg-store-private.h"

typedef struct
{
  char     *dir;
  char     *db_path;
  DlgStore *store;
  gint64    process_id;
} Fixture;

static void
exec_sql (DlgStore   *store,
          const char *sql,
          const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  if (text != NULL)
    sqlite3_bind_text (stmt, 1, text, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
}

/* The demo's panel was not drawn by the engine: record a saved draw with its probabilities;
 * and reopen the implementation (a reopening the timeline must show). */
static void
add_draw (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;

  dlg_stage_apply (f->store, f->process_id, DLG_STAGE_IMPLEMENTATION, DLG_TRANSITION_REOPEN,
                   "Un engagement à compléter", &error);
  g_assert_no_error (error);
  sql = g_strdup_printf ("INSERT INTO draw (uuid, process_id, algorithm, seed, panel_size,"
                         " inputs_json, result_json, min_probability, max_probability,"
                         " duration_ms, created_at)"
                         " VALUES ('d0000000-0000-4000-8000-000000000001', %" G_GINT64_FORMAT
                         ", 'leximin', 424242, 24, '{}', '{}', 0.3125, 0.5, 12,"
                         " '2026-09-20T10:00:00Z')", f->process_id);
  exec_sql (f->store, sql, NULL);
  g_free (sql);
  sql = g_strdup_printf ("INSERT INTO draw_probability (draw_id, participant_id, probability,"
                         " selected) SELECT (SELECT max (id) FROM draw), id,"
                         " CASE WHEN id %% 4 = 0 THEN 0.5 ELSE 0.3125 END, 0 FROM participant"
                         " WHERE process_id = %" G_GINT64_FORMAT, f->process_id);
  exec_sql (f->store, sql, NULL);
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dialogue-report-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "dialogue.db", NULL);
  f->store = dlg_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->process_id = dlg_demo_ensure_at (f->store, DLG_STAGE_FOLLOW_UP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (f->process_id, >, 0);
  add_draw (f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = NULL;
  const char *name;

  g_clear_object (&f->store);
  dir = g_dir_open (f->dir, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
}

/* The standard output of a poppler tool on @path. */
static char *
run_tool (const char *tool,
          const char *path)
{
  gboolean text = g_str_equal (tool, "pdftotext");
  /* -raw: in the order things are drawn (a label, then its value; a row cell by cell) */
  const char *argv[] = { tool, text ? "-raw" : path, text ? path : NULL, "-", NULL };
  g_autoptr(GError) error = NULL;
  char *out = NULL;
  g_autofree char *err = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, &error))
    g_error ("%s: %s\n%s", tool, error->message, err);
  return out;
}

static char *
query_text (DlgStore   *store,
            const char *sql,
            gint64      process_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, process_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return dlg_stmt_dup_text (stmt, 0);
}

static gint64
query_int (DlgStore   *store,
           const char *sql,
           gint64      process_id)
{
  g_autofree char *text = query_text (store, sql, process_id);

  return g_ascii_strtoll (text, NULL, 10);
}

/* With DLG_REPORT_KEEP=DIR, a copy of @path there as @name, to look at */
static void
keep_copy (const char *path,
           const char *name)
{
  g_autofree char *copy = NULL;
  g_autofree char *contents = NULL;
  gsize len;

  if (g_getenv ("DLG_REPORT_KEEP") == NULL)
    return;
  copy = g_build_filename (g_getenv ("DLG_REPORT_KEEP"), name, NULL);
  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));
}

/* pdftotext breaks lines where the layout does: compare with all white space folded. */
static char *
fold (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = text; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        space = TRUE;
      else
        {
          if (space && out->len > 0)
            g_string_append_c (out, ' ');
          space = FALSE;
          g_string_append_c (out, *p);
        }
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* @text without spaces and bidirectional marks */
static char *
strip_marks (const char *text)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c != ' ' && !(c >= 0x202a && c <= 0x202e) && c != 0x200e && c != 0x200f)
        g_string_append_unichar (out, c);
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static void
assert_contains (const char *text,
                 const char *needle)
{
  g_autofree char *folded = fold (needle);

  if (strstr (text, folded) == NULL)
    g_error ("“%s” is not in the report", folded);
}

/* The chain recomputed from the journal's rows as section 9 of the report tells anyone to:
 * SHA-256 over "process:seq:" then each field as "length:text", the schema-3 fields after
 * "|v3|" ("~" for one that is unset); the first previous hash is 64 zeros. */
static char *
recompute_head (DlgStore *store,
                gint64    process_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store,
                                               "SELECT seq, at, actor, action, object_type,"
                                               " object_id, summary, prev_hash, stage, field,"
                                               " old_value, new_value, hash FROM journal"
                                               " WHERE process_id = ?1 ORDER BY seq", &error);
  g_autofree char *prev = g_strnfill (64, '0');

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, process_id);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
      g_autofree char *head = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":",
                                               process_id, (gint64) sqlite3_column_int64 (stmt, 0));
      gboolean extra = FALSE;

      g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 7), ==, prev);
      g_checksum_update (sum, (const guchar *) head, -1);
      for (int i = 1; i <= 11; i++)
        {
          const char *value = (const char *) sqlite3_column_text (stmt, i);
          g_autofree char *part = NULL;

          if (i == 8)
            {
              for (int j = 8; j <= 11; j++)
                extra |= sqlite3_column_type (stmt, j) != SQLITE_NULL;
              if (!extra)
                break;
              g_checksum_update (sum, (const guchar *) "|v3|", -1);
            }
          part = value != NULL ? g_strdup_printf ("%zu:%s", strlen (value), value)
                               : g_strdup ("~");
          g_checksum_update (sum, (const guchar *) part, -1);
        }
      g_assert_cmpstr (g_checksum_get_string (sum), ==,
                       (const char *) sqlite3_column_text (stmt, 12));
      g_free (prev);
      prev = g_strdup (g_checksum_get_string (sum));
    }
  return g_steal_pointer (&prev);
}

static void
test_demo (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "bilan.pdf", NULL);
  g_autofree char *raw = NULL, *text = NULL, *info = NULL, *fonts = NULL;
  g_autofree char *hash = NULL, *seed = NULL, *rec = NULL, *commitment = NULL, *total = NULL;
  g_autofree char *pages_line = NULL, *theme = NULL, *follow_up = NULL, *pool = NULL;
  const char *sections[] = {
    "Contents", "1. The process", "The question put to citizens", "Perimeter",
    "Rules of the game", "2. Actors and arbitrations", "3. The stages",
    "Every change of stage, reopenings included", "4. Participation in figures",
    "The panel against its quotas", "The draw", "Contributions by channel",
    "Contributions by feature", "Contributions by week", "5. Themes",
    "6. Recommendations and the argued response", "Review by the departments",
    "Argued response", "7. Commitments", "8. Follow-up", "9. The journal and how to verify it",
    "Head hash",
  };
  int n_pages = 0;

  g_assert_true (dlg_report_render (f->store, f->process_id, pdf, NULL, NULL, NULL, &n_pages,
                                    &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_pages, >=, 8);
  keep_copy (pdf, "bilan-demo.pdf");

  raw = run_tool ("pdftotext", pdf);
  text = fold (raw);
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    assert_contains (text, sections[i]);

  /* Figures from the database */
  hash = recompute_head (f->store, f->process_id);
  assert_contains (text, hash);
  g_clear_pointer (&hash, g_free);
  hash = g_strdup_printf ("Process number (in the hashes) %" G_GINT64_FORMAT, f->process_id);
  assert_contains (text, hash);
  seed = g_strdup_printf ("Seed %" G_GINT64_FORMAT,
                          query_int (f->store, "SELECT seed FROM draw WHERE process_id = ?1"
                                               " ORDER BY id DESC LIMIT 1", f->process_id));
  assert_contains (text, seed);
  assert_contains (text, "Leximin");
  assert_contains (text, "0.3125");
  pool = g_strdup_printf ("People in the pool %" G_GINT64_FORMAT,
                          query_int (f->store, "SELECT count (*) FROM participant"
                                               " WHERE process_id = ?1", f->process_id));
  assert_contains (text, pool);
  /* The reopening and its reason */
  assert_contains (text, "Implementation Stage reopened Un engagement à compléter");
  assert_contains (text, "Un engagement à compléter");
  total = g_strdup_printf ("%" G_GINT64_FORMAT " contributions:",
                           query_int (f->store, "SELECT count (*) FROM contribution"
                                                " WHERE process_id = ?1", f->process_id));
  assert_contains (text, total);
  rec = query_text (f->store, "SELECT title FROM recommendation WHERE process_id = ?1"
                              " ORDER BY number LIMIT 1", f->process_id);
  assert_contains (text, rec);
  commitment = query_text (f->store, "SELECT title FROM commitment WHERE process_id = ?1"
                                     " ORDER BY id LIMIT 1", f->process_id);
  assert_contains (text, commitment);
  theme = query_text (f->store, "SELECT name FROM theme WHERE process_id = ?1"
                                " ORDER BY id LIMIT 1", f->process_id);
  assert_contains (text, theme);
  follow_up = query_text (f->store, "SELECT title FROM follow_up WHERE process_id = ?1"
                                    " ORDER BY id LIMIT 1", f->process_id);
  assert_contains (text, follow_up);
  assert_contains (text, "was checked intact");
  /* Page numbers in the footers */
  pages_line = g_strdup_printf ("Page 2 of %d", n_pages);
  assert_contains (text, pages_line);

  info = run_tool ("pdfinfo", pdf);
  g_assert_nonnull (strstr (info, "(A4)"));
  g_clear_pointer (&pages_line, g_free);
  {
    const char *line = strstr (info, "Pages:");

    g_assert_nonnull (line);
    g_assert_cmpint (atoi (line + strlen ("Pages:")), ==, n_pages);
  }
  /* Headings: a linked table of contents, an outline and structure tags (cairo 1.16 writes
   * the structure tree but not MarkInfo, so pdfinfo does not say "Tagged"). */
  {
    g_autofree char *bytes = NULL;
    gsize len;

    g_assert_true (g_file_get_contents (pdf, &bytes, &len, NULL));
    g_assert_nonnull (memmem (bytes, len, "/StructTreeRoot", strlen ("/StructTreeRoot")));
    g_assert_nonnull (memmem (bytes, len, "/Outlines", strlen ("/Outlines")));
    g_assert_nonnull (memmem (bytes, len, "/Subtype /Link", strlen ("/Subtype /Link")));
  }

  /* Every font is embedded: the "emb" column of pdffonts says "yes" on each line. */
  fonts = run_tool ("pdffonts", pdf);
  {
    g_auto(GStrv) lines = g_strsplit (fonts, "\n", -1);
    guint n_fonts = 0;

    for (guint i = 2; lines[i] != NULL; i++)
      {
        g_auto(GStrv) cols = NULL;

        if (*lines[i] == '\0')
          continue;
        cols = g_strsplit_set (lines[i], " ", -1);
        n_fonts++;
        g_assert_nonnull (strstr (lines[i], " yes "));
      }
    g_assert_cmpuint (n_fonts, >, 0);
  }
}

/* Through the command line, in French */
static void
test_cli_french (Fixture       *f,
                 gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "bilan-fr.pdf", NULL);
  g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, f->process_id);
  const char *argv[] = { g_getenv ("DIALOGUE_CLI"), "report", id, "--out", pdf, "--lang", "fr",
                         "--db", f->db_path, NULL };
  const char *bad[] = { g_getenv ("DIALOGUE_CLI"), "report", id, "--lang", "fr",
                        "--db", f->db_path, NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL, *err = NULL, *raw = NULL, *text = NULL;
  int status;

  g_clear_object (&f->store);
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("dialogue-cli report: %s", err);
  g_assert_nonnull (strstr (err, "pages"));
  keep_copy (pdf, "bilan-demo-fr.pdf");
  raw = run_tool ("pdftotext", pdf);
  text = fold (raw);
  assert_contains (text, "Sommaire");
  assert_contains (text, "4. La participation en chiffres");
  assert_contains (text, "9. Le journal et comment le vérifier");
  assert_contains (text, "Réponse argumentée");
  assert_contains (text, "0,3125");
  g_assert_null (strstr (text, "Rules of the game"));

  g_clear_pointer (&err, g_free);
  g_spawn_sync (NULL, (char **) bad, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err,
                &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  g_assert_nonnull (strstr (err, "--out"));
}

/* Markup, a megabyte without a line break, right-to-left scripts and emoji are laid out as
 * text: pdftotext finds them as typed. */
static void
test_hostile (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *pdf = g_build_filename (f->dir, "hostile.pdf", NULL);
  g_autoptr(GString) big = g_string_new ("DEBUT-DU-MEGA ");
  g_autofree char *raw = NULL, *text = NULL, *bare = NULL, *info = NULL;
  const char *markup = "<b>gras</b> <span foreground=\"red\">rouge</span> &amp; %s %n";
  const char *rtl = "مرحبا بالعالم שלום עולם";
  const char *emoji = "Vélo ☀ ✔ ☺ 🚲 fin";
  int n_pages = 0, n_pages_plain = 0;

  g_assert_true (dlg_report_render (f->store, f->process_id, pdf, NULL, NULL, NULL,
                                    &n_pages_plain, &error));
  g_assert_no_error (error);

  while (big->len < 1024 * 1024)
    g_string_append (big, "mot motlongsansespace ");
  g_string_append (big, "FIN-DU-MEGA");
  g_assert_true (dlg_process_set_summary (f->store, f->process_id, markup, &error));
  g_assert_no_error (error);
  /* The title goes into the PDF's metadata and outline too: PDF strings escape ( ) \ */
  g_assert_true (dlg_process_rename (f->store, f->process_id, "Titre (ouvert \\ <i>x</i>",
                                     &error));
  g_assert_no_error (error);
  exec_sql (f->store, "UPDATE recommendation SET body = ?1 WHERE number = 1", big->str);
  exec_sql (f->store, "UPDATE recommendation SET title = ?1 WHERE number = 2", rtl);
  exec_sql (f->store, "UPDATE theme SET name = ?1 WHERE id = (SELECT min (id) FROM theme)",
            emoji);
  exec_sql (f->store, "UPDATE actor SET name = ?1 WHERE id = (SELECT min (id) FROM actor)",
            "</span><i>Acteur</i>");

  g_assert_true (dlg_report_render (f->store, f->process_id, pdf, NULL, NULL, NULL, &n_pages,
                                    &error));
  g_assert_no_error (error);
  /* A megabyte of text at some 4,000 characters a page */
  g_assert_cmpint (n_pages, >, n_pages_plain + 150);
  raw = run_tool ("pdftotext", pdf);
  text = fold (raw);
  if (g_getenv ("DLG_REPORT_KEEP") != NULL)
    {
      g_autofree char *copy = g_build_filename (g_getenv ("DLG_REPORT_KEEP"), "hostile.txt", NULL);

      g_assert_true (g_file_set_contents (copy, text, -1, NULL));
    }
  bare = strip_marks (text);
  assert_contains (text, "<b>gras</b> <span foreground=\"red\">rouge</span> &amp; %s %n");
  assert_contains (text, "DEBUT-DU-MEGA mot motlongsansespace");
  assert_contains (text, "FIN-DU-MEGA");
  assert_contains (text, "</span><i>Acteur</i>");
  assert_contains (text, "Titre (ouvert \\ <i>x</i>");
  info = run_tool ("pdfinfo", pdf);
  g_assert_nonnull (strstr (info, "Title:           Bilan: Titre (ouvert \\ <i>x</i>\n"));
  /* 🚲 needs a font that has it: Debian's fonts-symbola (.ci/packages) */
  assert_contains (text, "Vélo ☀ ✔ ☺ 🚲 fin");
  /* pdftotext -raw writes right-to-left text glyph by glyph, in logical order, each in
   * embedding marks: the letters are there, in order. */
  g_assert_nonnull (strstr (bare, "שלוםעולם"));
  g_assert_nonnull (strstr (bare, "مرحبابالعالم"));
}

static void
test_cancel_and_errors (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *pdf = g_build_filename (f->dir, "cancelled.pdf", NULL);
  g_autofree char *nowhere = g_build_filename (f->dir, "no-such-folder", "bilan.pdf", NULL);
  g_autoptr(GDir) dir = NULL;
  const char *name;
  guint n_files = 0;

  g_cancellable_cancel (cancellable);
  g_assert_false (dlg_report_render (f->store, f->process_id, pdf, cancellable, NULL, NULL,
                                     NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_false (g_file_test (pdf, G_FILE_TEST_EXISTS));

  g_assert_false (dlg_report_render (f->store, f->process_id, nowhere, NULL, NULL, NULL, NULL,
                                     &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "no-such-folder"));
  g_clear_error (&error);

  g_assert_false (dlg_report_render (f->store, 999999, pdf, NULL, NULL, NULL, NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);

  /* Nothing is left behind: only the database's files are in the folder. */
  dir = g_dir_open (f->dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_assert_true (g_str_has_prefix (name, "dialogue.db"));
      n_files++;
    }
  g_assert_cmpuint (n_files, >, 0);
}

/* A process just created: every section says what it does not have yet. */
static void
test_empty (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = dlg_process_create (f->store, "Nouvelle démarche", &error);
  g_autofree char *pdf = g_build_filename (f->dir, "empty.pdf", NULL);
  g_autofree char *raw = NULL, *text = NULL;
  const char *empty[] = {
    "The mandate gives no question.", "No contributory feature was switched on.",
    "No actor was recorded.", "No decision was recorded.", "No panel was drawn.",
    "No quota was set.", "No session was held.", "0 contributions:",
    "The contributions were not coded.", "The citizens’ opinion has no recommendation yet.",
    "No commitment was made yet.", "No follow-up meeting was held yet.",
    "was checked intact",
  };
  int n_pages = 0;

  g_assert_no_error (error);
  g_assert_true (dlg_report_render (f->store, dlg_process_get_id (process), pdf, NULL, NULL,
                                    NULL, &n_pages, &error));
  g_assert_no_error (error);
  g_assert_cmpint (n_pages, >=, 10);
  raw = run_tool ("pdftotext", pdf);
  text = fold (raw);
  for (guint i = 0; i < G_N_ELEMENTS (empty); i++)
    assert_contains (text, empty[i]);
  g_assert_null (strstr (text, "Contributions by week"));
  g_assert_null (strstr (text, "Contributions by area"));
}

typedef struct
{
  GMainLoop *loop;
  gboolean   ok;
  int        n_pages;
  guint      n_progress;
  double     last;
  GError    *error;
} AsyncData;

static void
progress_cb (double   fraction,
             gpointer user_data)
{
  AsyncData *data = user_data;

  g_assert_cmpfloat (fraction, >=, data->last);
  data->last = fraction;
  data->n_progress++;
}

static void
done_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  AsyncData *data = user_data;

  data->ok = dlg_report_render_finish (DLG_STORE (source), result, &data->n_pages, &data->error);
  g_main_loop_quit (data->loop);
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "async.pdf", NULL);
  AsyncData async = { g_main_loop_new (NULL, FALSE) };

  dlg_report_render_async (f->store, f->process_id, pdf, NULL, progress_cb, &async, done_cb,
                           &async);
  g_main_loop_run (async.loop);
  g_assert_no_error (async.error);
  g_assert_true (async.ok);
  g_assert_cmpint (async.n_pages, >=, 8);
  g_assert_cmpuint (async.n_progress, >, 0);
  g_assert_cmpfloat (async.last, ==, 1.0);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
  g_main_loop_unref (async.loop);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add ("/core/report/demo", Fixture, NULL, fixture_setup, test_demo, fixture_teardown);
  g_test_add ("/core/report/cli-french", Fixture, NULL, fixture_setup, test_cli_french,
              fixture_teardown);
  g_test_add ("/core/report/hostile", Fixture, NULL, fixture_setup, test_hostile,
              fixture_teardown);
  g_test_add ("/core/report/empty", Fixture, NULL, fixture_setup, test_empty, fixture_teardown);
  g_test_add ("/core/report/cancel-and-errors", Fixture, NULL, fixture_setup,
              test_cancel_and_errors, fixture_teardown);
  g_test_add ("/core/report/async", Fixture, NULL, fixture_setup, test_async, fixture_teardown);
  return g_test_run ();
}
