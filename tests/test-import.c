/* test-import.c — file imports: the streaming CSV reader, each format's reader on files
 * written here (dirty ones too), and the platforms' real exports imported twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dlg-core.h"
#include "dlg-store-private.h"
#include "process-fixture.h"

static char *
write_file (Fixture    *f,
            const char *name,
            const char *contents,
            gssize      length)
{
  char *path = g_build_filename (f->dir, name, NULL);
  g_autoptr(GError) error = NULL;

  g_file_set_contents (path, contents, length, &error);
  g_assert_no_error (error);
  return path;
}

/* The first row of @sql, with @arg as ?1 (when not NULL). */
static DlgStmt *
query (DlgStore   *store,
       const char *sql,
       const char *arg)
{
  g_autoptr(GError) error = NULL;
  DlgStmt *stmt = dlg_store_prepare (store, sql, &error);

  g_assert_no_error (error);
  if (arg != NULL)
    dlg_stmt_bind_text (stmt, 1, arg);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return stmt;
}

static gint64
count (DlgStore   *store,
       const char *sql,
       const char *arg)
{
  g_autoptr(DlgStmt) stmt = query (store, sql, arg);

  return sqlite3_column_int64 (stmt, 0);
}

static char *
text_of (DlgStore   *store,
         const char *sql,
         const char *arg)
{
  g_autoptr(DlgStmt) stmt = query (store, sql, arg);

  return dlg_stmt_dup_text (stmt, 0);
}

static DlgImportReport *
import (Fixture         *f,
        const char      *path,
        DlgImportFormat  format,
        const char      *map)
{
  g_autoptr(GError) error = NULL;
  DlgImportOptions options = { 0 };
  DlgImportReport *report = NULL;

  options.format = format;
  options.map = map;
  g_assert_true (dlg_import_file (f->store, f->process_id, path, &options, &report, &error));
  g_assert_no_error (error);
  return report;
}

static void
assert_import_fails (Fixture         *f,
                     const char      *path,
                     DlgImportFormat  format,
                     const char      *map,
                     const char      *message)
{
  g_autoptr(GError) error = NULL;
  DlgImportOptions options = { 0 };

  options.format = format;
  options.map = map;
  g_assert_false (dlg_import_file (f->store, f->process_id, path, &options, NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);
}

static void
test_csv_reader (void)
{
  static const char data[] =
    "\xEF\xBB\xBFid;body;n\r\n"
    "1;\"two\r\nlines; and \"\"quotes\"\"\";3\r\n"
    "\r\n"
    "2;plain;\r\n"
    "3;\"\";x";
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, -1, NULL);
  g_autoptr(DlgCsvReader) reader = dlg_csv_reader_new (stream, "t.csv", 0);
  g_autoptr(GError) error = NULL;
  guint lines[] = { 1, 2, 5, 6 };
  guint n = 0;

  for (;;)
    {
      g_autoptr(DlgCsvRow) row = NULL;

      g_assert_true (dlg_csv_reader_next (reader, &row, &error));
      g_assert_no_error (error);
      if (row == NULL)
        break;
      g_assert_cmpuint (row->n_fields, ==, 3);
      g_assert_cmpuint (row->line, ==, lines[n]);
      if (n == 0)
        g_assert_cmpstr (row->fields[0], ==, "id");
      if (n == 1)
        g_assert_cmpstr (row->fields[1], ==, "two\nlines; and \"quotes\"");
      if (n == 3)
        g_assert_cmpstr (row->fields[1], ==, "");
      n++;
    }
  g_assert_cmpuint (n, ==, 4);
  g_assert_cmpint (dlg_csv_reader_get_separator (reader), ==, ';');
}

static void
assert_reader_fails (const char *data,
                     const char *message)
{
  g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, -1, NULL);
  g_autoptr(DlgCsvReader) reader = dlg_csv_reader_new (stream, "dirty.csv", ',');
  g_autoptr(GError) error = NULL;

  for (;;)
    {
      g_autoptr(DlgCsvRow) row = NULL;

      if (!dlg_csv_reader_next (reader, &row, &error))
        break;
      g_assert_nonnull (row);
    }
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, message);
}

static void
test_csv_reader_errors (void)
{
  assert_reader_fails ("a,b\n1,caf\xE9\n", "dirty.csv, line 2, column 2: the text is not valid "
                       "UTF-8.");
  assert_reader_fails ("a,b\n1,\"open\n\nnever closed\n",
                       "dirty.csv, line 2, column 2: a quoted field is not closed.");
  assert_reader_fails ("a,b\n\"x\"y,1\n", "dirty.csv, line 2, column 1: unexpected text after a "
                       "closing quote.");
  assert_reader_fails ("a,b\nx,y\"z\n", "dirty.csv, line 2, column 2: a quote inside a field "
                       "that does not start with one.");
}

static void
test_html_and_dates (void)
{
  struct { const char *html; const char *text; } cases[] = {
    { "<p>Plus d&#39;arbres&nbsp;!</p><p>Et &lt;b&gt; reste du texte</p>",
      "Plus d'arbres\xC2\xA0!\n\nEt <b> reste du texte" },
    { "<ul><li>un</li><li>deux</li></ul>", "- un\n- deux" },
    { "a <<centro integral>> b", "a <<centro integral>> b" },
    { "<script>alert(1)</script>x", "<script>alert(1)</script>x" },
    { "<!--#EXEC cmd=\"ls /\"-->", "" },
    { "un<br>deux<br/><br/><br/>trois", "un\ndeux\n\ntrois" },
  };
  struct { const char *in; const char *out; } dates[] = {
    { "2017-10-16 07:18:14 UTC", "2017-10-16T07:18:14Z" },
    { "2015-09-15", "2015-09-15" },
    { "1472552518501", "2016-08-30T10:21:58Z" },
    { "2019-01-22T10:00:00+01:00", "2019-01-22T09:00:00Z" },
    { "hier", "hier" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *text = dlg_import_html_to_text (cases[i].html);

      g_assert_cmpstr (text, ==, cases[i].text);
    }
  for (guint i = 0; i < G_N_ELEMENTS (dates); i++)
    {
      g_autofree char *date = dlg_import_parse_date (dates[i].in);

      g_assert_cmpstr (date, ==, dates[i].out);
    }
}

static const char decidim_proposals[] =
  "id;category/id;title/ca;title/es;body/ca;body/es;supports;published_at;author/name;"
  "latitude;longitude;url\r\n"
  "12;3;Més arbres;Más árboles;\"<p>Plantem arbres</p>\r\n<p>a la plaça &amp; al carrer</p>\";"
  "\"<p>Plantemos</p>\";41;2021-03-01 10:00:00 UTC;Maria Puig;41.39;2.17;"
  "https://decidim.example/proposals/12\r\n"
  "13;3;Bancs;;<p>Bancs</p>;;2;2021-03-02 10:00:00 UTC;Joan;;;\r\n";
static const char decidim_comments[] =
  "id;created_at;body;locale;author/id;author/name;alignment;depth;commentable_id;"
  "commentable_type;root_commentable_url\r\n"
  "100;2021-03-03 09:00:00 UTC;\"D'acord,\r\nmolt bé\";ca;7;Maria Puig;1;0;12;"
  "Decidim::Proposals::Proposal;https://decidim.example/proposals/12\r\n"
  "101;2021-03-03 10:00:00 UTC;No;es;8;Pere;-1;1;100;Decidim::Comments::Comment;"
  "https://decidim.example/proposals/12\r\n";

static void
test_decidim (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *proposals = write_file (f, "x-open-data-proposals.csv", decidim_proposals, -1);
  g_autofree char *comments = write_file (f, "x-open-data-proposal_comments.csv",
                                          decidim_comments, -1);
  g_autoptr(DlgImportReport) first = NULL;
  g_autoptr(DlgImportReport) replies = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  g_autofree char *title = NULL;
  DlgImportOptions options = { 0 };

  g_assert_cmpint (dlg_import_detect (proposals, &error), ==, DLG_IMPORT_FORMAT_DECIDIM);
  g_assert_cmpint (dlg_import_detect (comments, &error), ==, DLG_IMPORT_FORMAT_DECIDIM);
  g_assert_no_error (error);

  options.locale = "es";
  g_assert_true (dlg_import_file (f->store, f->process_id, proposals, &options, &first, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (first->n_added, ==, 2);
  title = text_of (f->store, "SELECT title FROM contribution WHERE source_id = 'proposal/12'",
                   NULL);
  g_assert_cmpstr (title, ==, "Más árboles");
  /* no Spanish title: the first filled locale */
  g_clear_pointer (&title, g_free);
  title = text_of (f->store, "SELECT title FROM contribution WHERE source_id = 'proposal/13'",
                   NULL);
  g_assert_cmpstr (title, ==, "Bancs");
  g_clear_pointer (&first, dlg_import_report_free);

  /* without --locale, the first filled one: Catalan; proposal 13 had no Spanish anyway */
  first = import (f, proposals, DLG_IMPORT_FORMAT_AUTO, NULL);
  g_assert_cmpuint (first->n_updated, ==, 1);
  g_assert_cmpuint (first->n_unchanged, ==, 1);
  body = text_of (f->store, "SELECT body FROM contribution WHERE source_id = 'proposal/12'", NULL);
  g_assert_cmpstr (body, ==, "Plantem arbres\n\na la plaça & al carrer");
  g_assert_cmpint (count (f->store, "SELECT supports FROM contribution WHERE source_id = ?1",
                          "proposal/12"), ==, 41);
  g_assert_cmpint (count (f->store, "SELECT lat > 41 AND lon > 2 FROM contribution"
                                    " WHERE source_id = ?1", "proposal/12"), ==, 1);
  /* the author's name is in no column of the contribution */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE title || body ||"
                                    " author_ref || coalesce (data_json, '') LIKE ?1",
                          "%Maria%"), ==, 0);

  replies = import (f, comments, DLG_IMPORT_FORMAT_AUTO, NULL);
  g_assert_cmpuint (replies->n_added, ==, 2);
  /* threaded: 100 answers proposal 12, 101 answers comment 100 */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution c JOIN contribution p"
                                    " ON p.uuid = c.parent_uuid WHERE c.kind = ?1", "comment"),
                   ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution c JOIN contribution p"
                                    " ON p.uuid = c.parent_uuid WHERE c.source_id = ?1"
                                    " AND p.source_id = 'comment/100'", "comment/101"), ==, 1);
  g_clear_pointer (&body, g_free);
  body = text_of (f->store, "SELECT body FROM contribution WHERE source_id = ?1", "comment/100");
  g_assert_cmpstr (body, ==, "D'acord,\nmolt bé");
  g_assert_cmpint (count (f->store, "SELECT json_extract (data_json, '$.alignment')"
                                    " FROM contribution WHERE source_id = ?1", "comment/101"),
                   ==, -1);
}

static void
test_consul (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *proposals = write_file (f, "proposals.csv",
    ",id,url,code,title,userId,date,summary,text,numComments,status,numSupports,isAssociation\n"
    "0,7,/proposals/7,MAD-2015-09-7,Limpiar las calles,9884,2015-09-15,Algo tan básico,,2,"
    "archived,6560,0\n", -1);
  g_autofree char *comments = write_file (f, "comments.csv",
    ",id,parentId,proposalId,page,userId,userType,date,time,text,numVotes,numPositiveVotes,"
    "numNegativeVotes\n"
    "0,17092,-1,7,3,2780,,2015-09-15,0 days 10:50:19,\"Pero, si esto\",3,2,1\n"
    "1,17107,17092,7,3,10016,,2015-09-15,0 days 11:07:10,Pues no,1,1,0\n", -1);
  g_autoptr(DlgImportReport) a = NULL;
  g_autoptr(DlgImportReport) b = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;

  g_assert_cmpint (dlg_import_detect (proposals, &error), ==, DLG_IMPORT_FORMAT_CONSUL);
  g_assert_cmpint (dlg_import_detect (comments, &error), ==, DLG_IMPORT_FORMAT_CONSUL);
  a = import (f, proposals, DLG_IMPORT_FORMAT_AUTO, NULL);
  b = import (f, comments, DLG_IMPORT_FORMAT_AUTO, NULL);
  g_assert_cmpuint (a->n_added + b->n_added, ==, 3);
  g_assert_cmpint (count (f->store, "SELECT supports FROM contribution WHERE source_id = ?1",
                          "proposal/7"), ==, 6560);
  g_assert_cmpint (count (f->store, "SELECT supports FROM contribution WHERE source_id = ?1",
                          "comment/17092"), ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution c JOIN contribution p"
                                    " ON p.uuid = c.parent_uuid WHERE p.source_id = ?1",
                          "proposal/7"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution c JOIN contribution p"
                                    " ON p.uuid = c.parent_uuid WHERE p.source_id = ?1",
                          "comment/17092"), ==, 1);
  date = text_of (f->store, "SELECT created_at FROM contribution WHERE source_id = ?1",
                  "comment/17107");
  g_assert_cmpstr (date, ==, "2015-09-15T11:07:10Z");
}

static void
test_polis (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = write_file (f, "comments.csv",
    "timestamp,datetime,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    "1472552518501,Tue Aug 30 17:21:58 WIB 2016,194,4413,5,2,1,Uber 的服務\n"
    "1472403087787,Sun Aug 28 23:51:27 WIB 2016,187,4378,1,0,0,pending one\n"
    "1438228490557,Thu Jul 30 10:54:50 WIB 2015,138,1476,1,9,-1,rejected one\n", -1);
  g_autoptr(DlgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dlg_import_detect (path, &error), ==, DLG_IMPORT_FORMAT_POLIS);
  report = import (f, path, DLG_IMPORT_FORMAT_AUTO, NULL);
  g_assert_cmpuint (report->n_added, ==, 3);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE moderation = ?1",
                          "published"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE moderation = ?1",
                          "pending"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE moderation = ?1",
                          "trashed"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT supports FROM contribution WHERE source_id = ?1",
                          "comment/194"), ==, 5);
  g_assert_cmpint (count (f->store, "SELECT json_extract (data_json, '$.disagrees')"
                                    " FROM contribution WHERE source_id = ?1", "comment/138"),
                   ==, 9);
}

static void
test_capcollectif (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *json = write_file (f, "export.json",
    "[{\"id\":\"UHJvcG9zYWw6MQ==\",\"reference\":\"1-1\",\"title\":\"t\","
    "\"createdAt\":\"2019-01-22 10:00:00\",\"publishedAt\":\"2019-01-22 10:05:00\","
    "\"updatedAt\":null,\"trashed\":false,\"trashedStatus\":null,\"authorId\":\"VXNlcjox\","
    "\"authorType\":\"Citoyen / Citoyenne\",\"authorZipCode\":\"44000\",\"responses\":["
    "{\"questionId\":\"160\",\"questionTitle\":\"Quelles sont les priorités ?\","
    "\"value\":\"Les transports\",\"formattedValue\":\"Les transports\"},"
    "{\"questionId\":\"161\",\"questionTitle\":\"Êtes-vous d'accord ?\","
    "\"value\":\"{\\\"labels\\\":[\\\"Oui\\\"],\\\"other\\\":null}\",\"formattedValue\":\"Oui\"},"
    "{\"questionId\":\"162\",\"questionTitle\":\"Autre chose ?\",\"value\":null}]},"
    "{\"id\":\"UHJvcG9zYWw6Mg==\",\"reference\":\"1-2\",\"createdAt\":\"2019-01-23 10:00:00\","
    "\"publishedAt\":null,\"trashed\":true,\"trashedStatus\":\"INVISIBLE\","
    "\"authorId\":\"VXNlcjoy\","
    "\"responses\":[{\"questionId\":\"160\",\"questionTitle\":\"Quelles sont les priorités ?\","
    "\"value\":\"Hors sujet\"}]}]", -1);
  g_autofree char *csv = write_file (f, "export.csv",
    "id,reference,title,createdAt,publishedAt,updatedAt,trashed,trashedStatus,authorId,"
    "authorType,authorZipCode,Q160 - Quelles sont les priorités ?,Autre chose ?,"
    "Quoi d'autre - en un mot ?\n"
    "UHJvcG9zYWw6Mw==,1-3,,2019-01-24 10:00:00,2019-01-24 10:00:00,,false,,VXNlcjoz,,44100,"
    "\"Le vélo,\nla marche\",,Tram\n", -1);
  g_autoptr(DlgImportReport) a = NULL;
  g_autoptr(DlgImportReport) b = NULL;
  g_autoptr(DlgImportReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *title = NULL;

  g_assert_cmpint (dlg_import_detect (json, &error), ==, DLG_IMPORT_FORMAT_CAPCOLLECTIF);
  g_assert_cmpint (dlg_import_detect (csv, &error), ==, DLG_IMPORT_FORMAT_CAPCOLLECTIF);
  a = import (f, json, DLG_IMPORT_FORMAT_AUTO, NULL);
  /* one per open answer: the multiple-choice one and the empty one are none */
  g_assert_cmpuint (a->n_added, ==, 2);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE moderation = ?1",
                          "trashed"), ==, 1);
  title = text_of (f->store, "SELECT title FROM contribution WHERE source_id = ?1",
                   "UHJvcG9zYWw6MQ==/160");
  g_assert_cmpstr (title, ==, "Quelles sont les priorités ?");
  g_assert_cmpint (count (f->store, "SELECT json_array_length (data_json, '$.closed_answers')"
                                    " FROM contribution WHERE source_id = ?1",
                          "UHJvcG9zYWw6MQ==/160"), ==, 1);
  b = import (f, csv, DLG_IMPORT_FORMAT_AUTO, NULL);
  g_assert_cmpuint (b->n_added, ==, 2);
  /* a title alone is its own id, even with a dash */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE source_id = ?1",
                          "UHJvcG9zYWw6Mw==/Quoi d'autre - en un mot ?"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE source_id = ?1",
                          "UHJvcG9zYWw6Mw==/160"), ==, 1);
  again = import (f, json, DLG_IMPORT_FORMAT_CAPCOLLECTIF, NULL);
  g_assert_cmpuint (again->n_unchanged, ==, 2);
  g_assert_cmpuint (again->n_added, ==, 0);
}

static void
test_csv_mapping (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *path = write_file (f, "forms.csv",
    "Nom;Courriel;Quartier;Idée;Détail;Date;Lat;Lon\n"
    "Jeanne Martin;jeanne@example.org;Bottière;Un marché;le samedi;2026-11-02;47,22;-1,52\n"
    "Paul;paul@example.org;Nord;Des bancs;;;;\n"
    "Zoé;;Sud;Des arbres;;;nord;-1.5\n", -1);
  static const char map[] = "Nom=name,Courriel=email,Quartier=area,Idée=title,Détail=body,"
                            "Date=date,Lat=latitude,Lon=longitude";
  g_autoptr(DlgImportReport) report = NULL;
  g_autoptr(DlgImportReport) again = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (dlg_import_detect (path, &error), ==, DLG_IMPORT_FORMAT_CSV);
  assert_import_fails (f, path, DLG_IMPORT_FORMAT_AUTO, NULL, "--map");
  assert_import_fails (f, path, DLG_IMPORT_FORMAT_CSV, "Titre=title", "no “Titre” column");
  assert_import_fails (f, path, DLG_IMPORT_FORMAT_CSV, "Nom=colour", "“colour”");

  report = import (f, path, DLG_IMPORT_FORMAT_CSV, map);
  g_assert_cmpuint (report->n_added, ==, 2);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpuint (((DlgImportSkip *) g_ptr_array_index (report->skipped, 0))->line, ==, 4);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE title || body ||"
                                    " author_ref || coalesce (data_json, '') LIKE ?1",
                          "%example.org%"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE title || body ||"
                                    " author_ref LIKE ?1", "%Jeanne%"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution"
                                    " WHERE json_extract (data_json, '$.area') = ?1",
                          "Bottière"), ==, 1);
  g_assert_cmpint (count (f->store, "SELECT round (lat * 100) FROM contribution"
                                    " WHERE title = ?1", "Un marché"), ==, 4722);
  again = import (f, path, DLG_IMPORT_FORMAT_CSV, map);
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpuint (again->n_unchanged, ==, 2);
}

/* A missing column fails the whole file, even after a first batch was applied. */
static void
test_missing_column (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("timestamp,comment-id,author-id,agrees,disagrees,"
                                          "moderated,comment-body\n");
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  DlgImportOptions options = { 0 };

  for (guint i = 1; i <= 30; i++)
    g_string_append_printf (text, "1472552518501,%u,1,0,0,1,comment %u\n", i, i);
  g_string_append (text, "1472552518501,31,1,0,0\n");
  path = write_file (f, "comments.csv", text->str, text->len);
  options.batch_size = 10;
  g_assert_false (dlg_import_file (f->store, f->process_id, path, &options, NULL, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "comments.csv, line 32, column 6 (“moderated”)"));
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution", NULL), ==, 0);

  /* a header without a required column */
  g_clear_error (&error);
  g_clear_pointer (&path, g_free);
  path = write_file (f, "partial.csv", "comment-id,comment-body,moderated\n1,x,1\n", -1);
  assert_import_fails (f, path, DLG_IMPORT_FORMAT_POLIS, NULL,
                       "partial.csv, line 1: there is no “timestamp” column.");
}

static void
test_dry_run (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = write_file (f, "comments.csv",
    "timestamp,comment-id,author-id,agrees,disagrees,moderated,comment-body\n"
    "1472552518501,1,1,0,0,1,one\n1472552518501,2,1,0,0,1,\n", -1);
  g_autoptr(DlgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  DlgImportOptions options = { 0 };

  options.dry_run = TRUE;
  g_assert_true (dlg_import_file (f->store, f->process_id, path, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_read, ==, 2);
  g_assert_cmpuint (report->n_added, ==, 1);
  g_assert_cmpuint (report->skipped->len, ==, 1);
  g_assert_cmpuint (((DlgImportSkip *) g_ptr_array_index (report->skipped, 0))->line, ==, 3);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution", NULL), ==, 0);
}

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  guint *calls = user_data;

  g_assert_cmpuint (done, <=, total);
  (*calls)++;
}

/* Progress comes while reading; a cancel rolls the whole file back. */
static void
test_progress_and_cancel (Fixture       *f,
                          gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("timestamp,comment-id,author-id,agrees,disagrees,"
                                          "moderated,comment-body\n");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  DlgImportOptions options = { 0 };
  guint calls = 0;

  for (guint i = 1; i <= 2500; i++)
    g_string_append_printf (text, "1472552518501,%u,1,0,0,1,comment number %u\n", i, i);
  path = write_file (f, "comments.csv", text->str, text->len);
  options.progress = progress_cb;
  options.progress_data = &calls;
  options.batch_size = 100;
  g_assert_true (dlg_import_file (f->store, f->process_id, path, &options, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (calls, ==, 3);

  g_string_replace (text, "comment number", "changed", 0);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  g_cancellable_cancel (cancellable);
  options.cancellable = cancellable;
  g_assert_false (dlg_import_file (f->store, f->process_id, path, &options, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution WHERE body LIKE ?1",
                          "changed%"), ==, 0);
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution", NULL), ==, 2500);
}

/* A file without dates: a row is dated by its first import and keeps that date, so that the
 * next import of the file finds it unchanged (it used to "update" every row to the new day). */
static void
test_undated_kept (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_file (f, "papier.csv", "Idée;Texte\nDes bancs;place Graslin\n",
                                      -1);
  g_autoptr(DlgImportReport) first = NULL;
  g_autoptr(DlgImportReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;

  first = import (f, path, DLG_IMPORT_FORMAT_CSV, "Idée=title,Texte=body");
  g_assert_cmpuint (first->n_added, ==, 1);
  date = text_of (f->store, "SELECT created_at FROM contribution WHERE title = ?1", "Des bancs");
  g_assert_true (g_str_has_prefix (date, "20"));
  /* as if the first import had been on another day */
  g_assert_true (dlg_store_exec (f->store, "UPDATE contribution SET created_at ="
                                           " '2026-01-05T09:00:00Z'", &error));
  g_assert_no_error (error);
  again = import (f, path, DLG_IMPORT_FORMAT_CSV, "Idée=title,Texte=body");
  g_assert_cmpuint (again->n_unchanged, ==, 1);
  g_assert_cmpuint (again->n_updated, ==, 0);
  g_clear_pointer (&date, g_free);
  date = text_of (f->store, "SELECT created_at FROM contribution WHERE title = ?1", "Des bancs");
  g_assert_cmpstr (date, ==, "2026-01-05T09:00:00Z");
}

/* What the import dialog starts from: the columns, a guess of each, the last choices. */
static void
test_mapping (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *path = write_file (f, "forms.csv",
    "N°;Nom;Courriel;Quartier;Idée;Détail;Commentaire;Déposé le;Lat;Lon;Couleur, préférée\n"
    "1;Jeanne;j@example.org;Nord;Un marché;le samedi;;2026-11-02;47,2;-1,5;bleu\n", -1);
  g_auto(GStrv) columns = NULL;
  g_autofree char *map = NULL;
  g_autofree char *saved_map = NULL;
  g_autofree char *saved_locale = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgImportReport) report = NULL;
  DlgImportFormat format;
  DlgImportOptions options = { 0 };

  columns = dlg_import_read_columns (path, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (columns), ==, 11);
  g_assert_cmpstr (columns[4], ==, "Idée");
  map = dlg_import_guess_map ((const char * const *) columns);
  g_assert_cmpstr (map, ==, "Nom=name,Courriel=email,Quartier=area,Idée=title,Détail=body,"
                            "Commentaire=body,Déposé le=date,Lat=latitude,Lon=longitude");
  g_assert_true (g_strv_contains (dlg_import_fields (), "phone"));

  /* the guess imports, and the report previews what was read */
  options.map = map;
  options.preview_rows = 5;
  options.dry_run = TRUE;
  g_assert_true (dlg_import_file (f->store, f->process_id, path, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->preview->len, ==, 1);
  g_assert_cmpstr (dlg_contribution_get_title (g_ptr_array_index (report->preview, 0)), ==,
                   "Un marché");

  g_assert_true (dlg_import_load_settings (f->store, f->process_id, &format, &saved_map,
                                           &saved_locale, &error));
  g_assert_cmpint (format, ==, DLG_IMPORT_FORMAT_AUTO);
  g_assert_null (saved_map);
  g_assert_true (dlg_import_save_settings (f->store, f->process_id, DLG_IMPORT_FORMAT_CSV, map,
                                           "fr", &error));
  g_assert_no_error (error);
  /* a later import in another format keeps the mapping */
  g_assert_true (dlg_import_save_settings (f->store, f->process_id, DLG_IMPORT_FORMAT_DECIDIM,
                                           NULL, "ca", &error));
  g_assert_true (dlg_import_load_settings (f->store, f->process_id, &format, &saved_map,
                                           &saved_locale, &error));
  g_assert_no_error (error);
  g_assert_cmpint (format, ==, DLG_IMPORT_FORMAT_DECIDIM);
  g_assert_cmpstr (saved_map, ==, map);
  g_assert_cmpstr (saved_locale, ==, "ca");

  /* a JSON file has no columns */
  g_clear_pointer (&path, g_free);
  path = write_file (f, "rows.json", "[]", -1);
  g_assert_null (dlg_import_read_columns (path, &error));
  g_assert_nonnull (error);
}

typedef struct
{
  GMainLoop       *loop;
  DlgImportReport *report;
  GError          *error;
  guint            n_progress;
} AsyncResult;

static void
async_progress_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  AsyncResult *result = user_data;

  g_assert_cmpuint (done, <=, total);
  result->n_progress++;
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *res,
               gpointer      user_data)
{
  AsyncResult *result = user_data;

  result->report = dlg_import_file_finish (DLG_STORE (source), res, &result->error);
  g_main_loop_quit (result->loop);
}

static void
changed_cb (DlgStore *store,
            GType     type,
            gint64    process_id,
            gpointer  user_data)
{
  if (type == DLG_TYPE_CONTRIBUTION)
    (*(guint *) user_data)++;
}

/* In a worker thread, on the store's file: progress in the caller's context, the store's
 * ::changed once done, and a cancel that keeps nothing. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autoptr(GString) text = g_string_new ("timestamp,comment-id,author-id,agrees,disagrees,"
                                          "moderated,comment-body\n");
  g_autofree char *db = g_build_filename (f->dir, "dialogue.db", NULL);
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  AsyncResult result = { loop, NULL, NULL, 0 };
  DlgImportOptions options = { 0 };
  guint n_changed = 0;

  for (guint i = 1; i <= 3000; i++)
    g_string_append_printf (text, "1472552518501,%u,1,0,0,1,comment number %u\n", i, i);
  path = write_file (f, "comments.csv", text->str, text->len);
  store = dlg_store_open (db, &error);
  g_assert_no_error (error);
  process = dlg_process_create (store, "Île de Nantes", &error);
  g_assert_no_error (error);
  g_signal_connect (store, "changed", G_CALLBACK (changed_cb), &n_changed);

  options.progress = async_progress_cb;
  options.progress_data = &result;
  options.preview_rows = 3;
  dlg_import_file_async (store, dlg_process_get_id (process), path, &options, async_done_cb,
                         &result);
  g_main_loop_run (loop);
  g_assert_no_error (result.error);
  g_assert_cmpuint (result.report->n_added, ==, 3000);
  g_assert_cmpuint (result.report->preview->len, ==, 3);
  g_assert_cmpuint (result.n_progress, >=, 3);
  g_assert_cmpuint (n_changed, ==, 1);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution", NULL), ==, 3000);
  g_clear_pointer (&result.report, dlg_import_report_free);

  g_string_replace (text, "comment number", "changed", 0);
  g_assert_true (g_file_set_contents (path, text->str, text->len, NULL));
  options.cancellable = cancellable;
  g_cancellable_cancel (cancellable);
  dlg_import_file_async (store, dlg_process_get_id (process), path, &options, async_done_cb,
                         &result);
  g_main_loop_run (loop);
  g_assert_null (result.report);
  g_assert_error (result.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&result.error);
  g_assert_cmpint (count (store, "SELECT count(*) FROM contribution WHERE body LIKE ?1",
                          "changed%"), ==, 0);
  g_assert_cmpuint (n_changed, ==, 1);
  g_clear_object (&store);
  for (const char *suffix = ""; suffix != NULL; suffix = *suffix == '\0' ? "-wal"
                                                : g_str_equal (suffix, "-wal") ? "-shm" : NULL)
    {
      g_autofree char *file = g_strconcat (db, suffix, NULL);

      g_unlink (file);
    }
}

/* The real exports: ../shared/platform-samples next to the repository. */
static char *
sample (const char *relative)
{
  const char *env = g_getenv ("DLG_PLATFORM_SAMPLES");
  g_autofree char *dir = g_strdup (g_getenv ("G_TEST_SRCDIR"));

  if (env != NULL)
    return g_build_filename (env, relative, NULL);
  for (guint i = 0; dir != NULL && i < 4; i++)
    {
      g_autofree char *path = g_build_filename (dir, "shared", "platform-samples", relative,
                                                NULL);
      char *parent;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
  return NULL;
}

/* Records in a CSV file, header excluded, counted here on their own: line breaks outside
 * quotes that end a line that is not blank. */
static guint
count_records (const char *path)
{
  g_autofree char *data = NULL;
  gsize length;
  gboolean quoted = FALSE, filled = FALSE;
  guint n = 0;

  g_assert_true (g_file_get_contents (path, &data, &length, NULL));
  for (gsize i = 0; i < length; i++)
    {
      if (data[i] == '"')
        quoted = !quoted;
      if (!quoted && data[i] == '\n')
        {
          n += filled;
          filled = FALSE;
        }
      else if (data[i] != '\r')
        filled = TRUE;
    }
  n += filled;
  return n - 1;
}

static void
test_samples (Fixture       *f,
              gconstpointer  data)
{
  static const char *files[] = {
    "consul-decide-madrid/decide_madrid_proposals.csv",
    "consul-decide-madrid/decide_madrid_comments.csv",
    "decidim-barcelona/www.decidim.barcelona-open-data-meeting_comments.pseudonymised.csv",
    "decidim-barcelona/www.decidim.barcelona-open-data-result_comments.pseudonymised.csv",
    "polis-vtaiwan/comments.csv",
  };
  static const DlgImportFormat formats[] = {
    DLG_IMPORT_FORMAT_CONSUL, DLG_IMPORT_FORMAT_CONSUL, DLG_IMPORT_FORMAT_DECIDIM,
    DLG_IMPORT_FORMAT_DECIDIM, DLG_IMPORT_FORMAT_POLIS,
  };
  gint64 total = 0;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = sample (files[i]);
      g_autoptr(DlgImportReport) first = NULL;
      g_autoptr(DlgImportReport) second = NULL;
      g_autoptr(GError) error = NULL;
      guint records;

      if (path == NULL)
        {
          g_test_skip ("the platform samples are not next to the repository");
          return;
        }
      records = count_records (path);
      g_assert_cmpint (dlg_import_detect (path, &error), ==, formats[i]);
      g_assert_no_error (error);
      first = import (f, path, DLG_IMPORT_FORMAT_AUTO, NULL);
      g_test_message ("%s: %u records; first import %u added, %u skipped", files[i], records,
                      first->n_added, first->skipped->len);
      g_assert_cmpuint (first->n_read, ==, records);
      g_assert_cmpuint (first->n_added + first->skipped->len, ==, records);
      /* what is skipped is only what has no text once its HTML is gone */
      for (guint j = 0; j < first->skipped->len; j++)
        g_assert_cmpstr (((DlgImportSkip *) g_ptr_array_index (first->skipped, j))->reason, ==,
                         "A contribution needs a title or a text.");
      g_assert_cmpuint (first->skipped->len, <, records / 20 + 1);
      total += first->n_added;
      g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution", NULL), ==, total);

      second = import (f, path, DLG_IMPORT_FORMAT_AUTO, NULL);
      g_test_message ("%s: second import %u added, %u updated, %u unchanged", files[i],
                      second->n_added, second->n_updated, second->n_unchanged);
      g_assert_cmpuint (second->n_added, ==, 0);
      g_assert_cmpuint (second->n_updated, ==, 0);
      g_assert_cmpuint (second->n_unchanged, ==, first->n_added);
      g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution", NULL), ==, total);
    }
  /* CONSUL's comments answer its proposals and one another */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution c JOIN contribution p"
                                    " ON p.uuid = c.parent_uuid WHERE c.source = ?1", "consul"),
                   >, 5000);
  /* Pol.is keeps its moderation */
  g_assert_cmpint (count (f->store, "SELECT count(DISTINCT moderation) FROM contribution"
                                    " WHERE source = ?1", "polis"), ==, 3);
  /* the FTS index follows */
  g_assert_cmpint (count (f->store, "SELECT count(*) FROM contribution_fts"
                                    " WHERE contribution_fts MATCH ?1", "Barcelona"), >, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/import/csv-reader", test_csv_reader);
  g_test_add_func ("/core/import/csv-reader-errors", test_csv_reader_errors);
  g_test_add_func ("/core/import/html-and-dates", test_html_and_dates);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/import/decidim", test_decidim);
  ADD ("/core/import/consul", test_consul);
  ADD ("/core/import/polis", test_polis);
  ADD ("/core/import/capcollectif", test_capcollectif);
  ADD ("/core/import/csv-mapping", test_csv_mapping);
  ADD ("/core/import/missing-column", test_missing_column);
  ADD ("/core/import/dry-run", test_dry_run);
  ADD ("/core/import/progress-and-cancel", test_progress_and_cancel);
  ADD ("/core/import/mapping", test_mapping);
  ADD ("/core/import/undated-kept", test_undated_kept);
  ADD ("/core/import/async", test_async);
  ADD ("/core/import/samples", test_samples);
#undef ADD

  return g_test_run ();
}
