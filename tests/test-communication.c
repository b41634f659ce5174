/* test-communication.c — the communication plan: its fields, the gaps rule, CSV and iCalendar
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The exports are read back by readers that are not ours: Python's csv module and the
 * icalendar package (Debian's python3-icalendar), after a strict structural check of RFC 5545
 * in C (CRLF everywhere, no line over 75 octets, folds that unfold to the escaped text).
 */

#include "config.h"

#include <glib/gstdio.h>
#include <string.h>
#include <sys/wait.h>

#include "dlg-core.h"

static const char reader_py[] =
  "import csv, json, sys\n"
  "fmt, path = sys.argv[1], sys.argv[2]\n"
  "if fmt == 'csv':\n"
  "    rows = list(csv.reader(open(path, newline='', encoding='utf-8'), strict=True))\n"
  "    print(json.dumps(rows))\n"
  "else:\n"
  "    import icalendar\n"
  "    cal = icalendar.Calendar.from_ical(open(path, 'rb').read())\n"
  "    out = []\n"
  "    for ev in cal.walk('VEVENT'):\n"
  "        start = ev.decoded('DTSTART')\n"
  "        out.append({'uid': str(ev['UID']), 'summary': str(ev['SUMMARY']),\n"
  "                    'description': str(ev['DESCRIPTION']), 'start': start.isoformat(),\n"
  "                    'has_stamp': 'DTSTAMP' in ev, 'status': str(ev['STATUS'])})\n"
  "    print(json.dumps({'name': str(cal['X-WR-CALNAME']), 'events': out}))\n";

typedef struct
{
  char     *dir;
  char     *reader;
  DlgStore *store;
  gint64    pid;
} Fixture;

static const char hostile_title[] = "=cmd|' /C calc'!A0, ; \\ «  »";
static const char hostile_message[] =
  "Il a dit : \"non, merci\"; puis\r\nune ligne\nencore, une tabulation\tet \\ un antislash,"
  " un 😀 et <b>pas de balise</b> — une phrase assez longue pour que la ligne soit pliée "
  "plusieurs fois à 75 octets, au milieu des accents éèàùç€.";

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autoptr(DlgProcess) process = NULL;

  f->dir = g_dir_make_tmp ("dialogue-communication-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (f->dir, "test.db", NULL);
  f->store = dlg_store_open (path, &error);
  g_assert_no_error (error);
  process = dlg_process_create (f->store, "Plan de communication", &error);
  g_assert_no_error (error);
  f->pid = dlg_process_get_id (process);
  f->reader = g_build_filename (f->dir, "reader.py", NULL);
  g_file_set_contents (f->reader, reader_py, -1, &error);
  g_assert_no_error (error);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GFile) dir = NULL;
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;

  g_clear_object (&f->store);
  dir = g_file_new_for_path (f->dir);
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, 0, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)))
    {
      g_autofree char *child = g_build_filename (f->dir, g_file_info_get_name (info), NULL);

      g_remove (child);
      g_object_unref (info);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->reader);
}

static JsonNode *
read_back (Fixture    *f,
           const char *format,
           const char *path)
{
  const char *python = g_getenv ("DIALOGUE_PYTHON3");
  const char *argv[] = { python != NULL ? python : "/usr/bin/python3", f->reader, format, path,
                         NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;
  JsonNode *node;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status,
                &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("the reader refused %s (%s): %s", path, format, err);
  node = dlg_json_parse (out, -1, &error);
  g_assert_no_error (error);
  return node;
}

static DlgCommunicationItem *
add_item (Fixture    *f,
          const char *stage,
          const char *status,
          const char *planned_at,
          const char *title)
{
  g_autoptr(GError) error = NULL;
  DlgCommunicationItem *item = dlg_communication_item_new (f->pid);

  dlg_communication_item_set_stage (item, stage);
  dlg_communication_item_set_status (item, status);
  dlg_communication_item_set_planned_at (item, planned_at);
  dlg_communication_item_set_title (item, title);
  g_assert_true (dlg_communication_item_save (f->store, item, &error));
  g_assert_no_error (error);
  return item;
}

/* ---------------------------------------------------------------- fields */

static void
test_fields (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgCommunicationItem) item = dlg_communication_item_new (f->pid);
  g_autoptr(DlgCommunicationItem) loaded = NULL;
  g_autoptr(DlgNarrative) narrative = dlg_narrative_new (f->pid);
  g_autoptr(DlgNarrative) foreign = NULL;
  g_autoptr(DlgProcess) other = dlg_process_create (f->store, "Autre", &error);

  g_assert_no_error (error);
  dlg_narrative_set_title (narrative, "Le tirage au sort");
  g_assert_true (dlg_narrative_save (f->store, narrative, &error));
  g_assert_no_error (error);

  /* A new item: a site page, planned. */
  g_assert_cmpstr (dlg_communication_item_get_kind (item), ==, "site_page");
  g_assert_cmpstr (dlg_communication_item_get_status (item), ==, "planned");

  dlg_communication_item_set_title (item, "Lettre aux riverains");
  dlg_communication_item_set_kind (item, "letter");
  dlg_communication_item_set_channel (item, "mail");
  dlg_communication_item_set_audience (item, "Riverains de la place");
  dlg_communication_item_set_owner (item, "Pôle de proximité");
  dlg_communication_item_set_status (item, "idea");
  dlg_communication_item_set_message (item, "Une lettre dans chaque boîte.");
  dlg_communication_item_set_narrative_id (item, dlg_narrative_get_id (narrative));
  dlg_communication_item_set_link (item, "https://example.org/zola");
  g_assert_true (dlg_communication_item_save (f->store, item, &error));
  g_assert_no_error (error);

  loaded = dlg_communication_item_load (f->store, dlg_communication_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_communication_item_get_kind (loaded), ==, "letter");
  g_assert_cmpstr (dlg_communication_item_get_channel (loaded), ==, "mail");
  g_assert_cmpstr (dlg_communication_item_get_audience (loaded), ==, "Riverains de la place");
  g_assert_cmpstr (dlg_communication_item_get_owner (loaded), ==, "Pôle de proximité");
  g_assert_cmpstr (dlg_communication_item_get_status (loaded), ==, "idea");
  g_assert_cmpstr (dlg_communication_item_get_message (loaded), ==,
                   "Une lettre dans chaque boîte.");
  g_assert_cmpint (dlg_communication_item_get_narrative_id (loaded), ==,
                   dlg_narrative_get_id (narrative));
  g_assert_cmpstr (dlg_communication_item_get_link (loaded), ==, "https://example.org/zola");

  /* Values outside the vocabularies are refused with the table's message. */
  dlg_communication_item_set_kind (loaded, "billboard");
  g_assert_false (dlg_communication_item_save (f->store, loaded, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  dlg_communication_item_set_kind (loaded, "event");

  /* A narrative of another process is refused. */
  foreign = dlg_narrative_new (dlg_process_get_id (other));
  dlg_narrative_set_title (foreign, "Ailleurs");
  g_assert_true (dlg_narrative_save (f->store, foreign, &error));
  g_assert_no_error (error);
  dlg_communication_item_set_narrative_id (loaded, dlg_narrative_get_id (foreign));
  g_assert_false (dlg_communication_item_save (f->store, loaded, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);

  /* Deleting the narrative leaves the item, pointing nowhere. */
  dlg_communication_item_set_narrative_id (loaded, dlg_narrative_get_id (narrative));
  g_assert_true (dlg_communication_item_save (f->store, loaded, &error));
  g_assert_true (dlg_narrative_delete (f->store, dlg_narrative_get_id (narrative), &error));
  g_assert_no_error (error);
  g_clear_object (&loaded);
  loaded = dlg_communication_item_load (f->store, dlg_communication_item_get_id (item), &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_communication_item_get_narrative_id (loaded), ==, 0);
}

/* ---------------------------------------------------------------- gaps */

static GPtrArray *
gaps (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  GPtrArray *result = dlg_communication_plan_gaps (f->store, f->pid, &error);

  g_assert_no_error (error);
  g_assert_nonnull (result);
  return result;
}

static DlgCommunicationGap *
gap (GPtrArray *array,
     guint      i)
{
  return g_ptr_array_index (array, i);
}

static void
test_gaps (Fixture       *f,
           gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) g = NULL;
  g_autoptr(DlgCommunicationItem) idea = NULL;
  g_autoptr(DlgCommunicationItem) planned = NULL;
  g_autoptr(DlgCommunicationItem) next = NULL;

  /* Nothing started: the first stage comes next, with nothing planned. */
  g = gaps (f);
  g_assert_cmpuint (g->len, ==, 1);
  g_assert_cmpint (gap (g, 0)->stage, ==, DLG_STAGE_DIAGNOSTIC);
  g_assert_false (gap (g, 0)->started);
  g_clear_pointer (&g, g_ptr_array_unref);

  /* Started: the stage itself, and the next one. */
  g_assert_true (dlg_stage_apply (f->store, f->pid, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_START,
                                  NULL, &error));
  g_assert_no_error (error);
  g = gaps (f);
  g_assert_cmpuint (g->len, ==, 2);
  g_assert_cmpint (gap (g, 0)->stage, ==, DLG_STAGE_DIAGNOSTIC);
  g_assert_true (gap (g, 0)->started);
  g_assert_nonnull (strstr (gap (g, 0)->message, "has started"));
  g_assert_cmpint (gap (g, 1)->stage, ==, DLG_STAGE_ARBITRATION);
  g_assert_false (gap (g, 1)->started);
  g_clear_pointer (&g, g_ptr_array_unref);

  /* An idea does not count; a cancelled item neither. */
  idea = add_item (f, "diagnostic", "idea", NULL, "Une idée");
  g_clear_object (&idea);
  idea = add_item (f, "diagnostic", "cancelled", NULL, "Annulé");
  g = gaps (f);
  g_assert_cmpuint (g->len, ==, 2);
  g_clear_pointer (&g, g_ptr_array_unref);

  /* A planned item fills its stage; an item of another stage does not. */
  planned = add_item (f, "diagnostic", "planned", "2026-10-01", "Page du site");
  g = gaps (f);
  g_assert_cmpuint (g->len, ==, 1);
  g_assert_cmpint (gap (g, 0)->stage, ==, DLG_STAGE_ARBITRATION);
  g_clear_pointer (&g, g_ptr_array_unref);

  next = add_item (f, "arbitration", "done", "2026-10-20", "Communiqué");
  g = gaps (f);
  g_assert_cmpuint (g->len, ==, 0);
  g_clear_pointer (&g, g_ptr_array_unref);

  /* An archived process is told nothing. */
  g_assert_true (dlg_communication_item_delete (f->store, dlg_communication_item_get_id (next),
                                                &error));
  g = gaps (f);
  g_assert_cmpuint (g->len, ==, 1);
  g_clear_pointer (&g, g_ptr_array_unref);
  g_assert_true (dlg_process_set_archived (f->store, f->pid, TRUE, &error));
  g_assert_no_error (error);
  g = gaps (f);
  g_assert_cmpuint (g->len, ==, 0);
}

/* ---------------------------------------------------------------- exports */

/* RFC 5545 §3.1: every line ends in CRLF, none is over 75 octets, a continuation starts with
 * one space; returns the unfolded lines. */
static GPtrArray *
check_structure (const char *ics)
{
  GPtrArray *lines = g_ptr_array_new_with_free_func (g_free);
  const char *p = ics;

  g_assert_true (g_utf8_validate (ics, -1, NULL));
  while (*p != '\0')
    {
      const char *end = strstr (p, "\r\n");
      gsize len;

      g_assert_nonnull (end);
      len = end - p;
      g_assert_cmpuint (len, <=, 75);
      g_assert_null (memchr (p, '\n', len));
      g_assert_null (memchr (p, '\r', len));
      if (*p == ' ')
        {
          g_autofree char *rest = g_strndup (p + 1, len - 1);
          char *last;

          g_assert_cmpuint (lines->len, >, 0);
          last = g_ptr_array_index (lines, lines->len - 1);
          g_ptr_array_index (lines, lines->len - 1) = g_strconcat (last, rest, NULL);
          g_free (last);
        }
      else
        g_ptr_array_add (lines, g_strndup (p, len));
      p = end + 2;
    }
  return lines;
}

static gboolean
has_line (GPtrArray  *lines,
          const char *line)
{
  for (guint i = 0; i < lines->len; i++)
    if (g_str_equal (g_ptr_array_index (lines, i), line))
      return TRUE;
  return FALSE;
}

static void
test_ics (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgCommunicationItem) day = add_item (f, "recruitment", "planned", "2026-10-05",
                                                  hostile_title);
  g_autoptr(DlgCommunicationItem) timed = add_item (f, NULL, "idea", "2026-11-03T17:30:00Z",
                                                    "Réunion publique");
  g_autoptr(DlgCommunicationItem) undated = add_item (f, "workshop", "planned", NULL,
                                                      "Sans date");
  g_autoptr(GDateTime) now = g_date_time_new_utc (2026, 9, 1, 8, 0, 0);
  g_autoptr(GPtrArray) lines = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *ics = NULL;
  g_autofree char *path = g_build_filename (f->dir, "plan.ics", NULL);
  g_autofree char *uid = NULL;
  g_autofree char *escaped = NULL;
  JsonObject *root;
  JsonArray *events;
  guint n_undated = 0;

  dlg_communication_item_set_message (day, hostile_message);
  g_assert_true (dlg_communication_item_save (f->store, day, &error));
  g_assert_no_error (error);

  ics = dlg_communication_plan_to_ics (f->store, f->pid, now, &n_undated, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n_undated, ==, 1);
  lines = check_structure (ics);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, "BEGIN:VCALENDAR");
  g_assert_cmpstr (g_ptr_array_index (lines, lines->len - 1), ==, "END:VCALENDAR");
  g_assert_true (has_line (lines, "VERSION:2.0"));
  g_assert_true (has_line (lines, "DTSTAMP:20260901T080000Z"));
  g_assert_true (has_line (lines, "DTSTART;VALUE=DATE:20261005"));
  g_assert_true (has_line (lines, "DTEND;VALUE=DATE:20261006"));
  g_assert_true (has_line (lines, "DTSTART:20261103T173000Z"));
  g_assert_true (has_line (lines, "STATUS:TENTATIVE"));
  uid = g_strconcat ("UID:", dlg_communication_item_get_uuid (day), "@dialogue", NULL);
  g_assert_true (has_line (lines, uid));
  escaped = dlg_ics_escape_text (hostile_title);
  g_assert_cmpstr (escaped, ==, "=cmd|' /C calc'!A0\\, \\; \\\\ «  »");
  {
    g_autofree char *summary = g_strconcat ("SUMMARY:", escaped, NULL);

    g_assert_true (has_line (lines, summary));
  }
  /* Line breaks in TEXT are \n, never raw; CRLF is one break. */
  g_clear_pointer (&escaped, g_free);
  escaped = dlg_ics_escape_text ("a\r\nb\nc\rd\x01" "e");
  g_assert_cmpstr (escaped, ==, "a\\nb\\nc\\nde");

  g_assert_true (g_file_set_contents (path, ics, -1, &error));
  node = read_back (f, "ics", path);
  root = json_node_get_object (node);
  g_assert_cmpstr (json_object_get_string_member (root, "name"), ==,
                   "Communication plan — Plan de communication");
  events = json_object_get_array_member (root, "events");
  g_assert_cmpuint (json_array_get_length (events), ==, 2);
  for (guint i = 0; i < 2; i++)
    {
      JsonObject *event = json_array_get_object_element (events, i);

      g_assert_true (json_object_get_boolean_member (event, "has_stamp"));
      if (g_str_equal (json_object_get_string_member (event, "summary"), hostile_title))
        {
          g_autofree char *expected = NULL;
          g_auto(GStrv) parts = g_strsplit (hostile_message, "\r\n", -1);
          g_autofree char *joined = g_strjoinv ("\n", parts);

          g_assert_cmpstr (json_object_get_string_member (event, "start"), ==, "2026-10-05");
          g_assert_cmpstr (json_object_get_string_member (event, "status"), ==, "CONFIRMED");
          expected = g_strconcat ("\n\n", joined, NULL);
          g_assert_true (g_str_has_suffix (json_object_get_string_member (event, "description"),
                                           expected));
          g_assert_true (g_str_has_prefix (json_object_get_string_member (event, "uid"),
                                           dlg_communication_item_get_uuid (day)));
        }
      else
        {
          g_assert_cmpstr (json_object_get_string_member (event, "summary"), ==,
                           "Réunion publique");
          g_assert_cmpstr (json_object_get_string_member (event, "start"), ==,
                           "2026-11-03T17:30:00+00:00");
        }
    }
}

static void
test_folding (void)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) line = g_string_new ("DESCRIPTION:");
  g_autoptr(GPtrArray) lines = NULL;

  /* Two-, three- and four-byte characters across every fold position. */
  for (guint i = 0; i < 60; i++)
    g_string_append (line, i % 3 == 0 ? "é" : i % 3 == 1 ? "€" : "😀");
  dlg_ics_append_line (out, line->str);
  lines = check_structure (out->str);
  g_assert_cmpuint (lines->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (lines, 0), ==, line->str);
  g_assert_nonnull (strstr (out->str, "\r\n "));
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgCommunicationItem) a = add_item (f, "recruitment", "done", "2026-10-05",
                                                hostile_title);
  g_autoptr(DlgCommunicationItem) b = add_item (f, NULL, "idea", NULL, "Sans date");
  g_autofree char *path = g_build_filename (f->dir, "plan.csv", NULL);
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *guarded = g_strconcat ("'", hostile_title, NULL);
  JsonArray *rows, *header, *first, *second;

  dlg_communication_item_set_message (a, hostile_message);
  dlg_communication_item_set_kind (a, "press_release");
  g_assert_true (dlg_communication_item_save (f->store, a, &error));
  g_assert_no_error (error);
  g_assert_true (dlg_communication_plan_export (f->store, f->pid, DLG_COMMUNICATION_EXPORT_CSV,
                                                path, &error));
  g_assert_no_error (error);

  node = read_back (f, "csv", path);
  rows = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (rows), ==, 3);
  header = json_array_get_array_element (rows, 0);
  first = json_array_get_array_element (rows, 1);
  second = json_array_get_array_element (rows, 2);
  g_assert_cmpuint (json_array_get_length (header), ==, json_array_get_length (first));
  g_assert_cmpstr (json_array_get_string_element (header, 10), ==, "title");
  /* Dated first, the formula guarded, the message whole. */
  g_assert_cmpstr (json_array_get_string_element (first, 0), ==,
                   dlg_communication_item_get_uuid (a));
  g_assert_cmpstr (json_array_get_string_element (first, 4), ==, "press_release");
  g_assert_cmpstr (json_array_get_string_element (first, 5), ==, "Press release");
  g_assert_cmpstr (json_array_get_string_element (first, 10), ==, guarded);
  g_assert_cmpstr (json_array_get_string_element (first, 13), ==, hostile_message);
  g_assert_cmpstr (json_array_get_string_element (second, 10), ==, "Sans date");
  g_assert_cmpstr (json_array_get_string_element (second, 3), ==, "");
}

/* dialogue-cli communication export writes what the core writes. */
static void
test_cli (Fixture       *f,
          gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgCommunicationItem) a = add_item (f, "recruitment", "planned", "2026-10-05",
                                                "Affiche");
  g_autofree char *db = g_strdup (dlg_store_get_path (f->store));
  g_autofree char *out = g_build_filename (f->dir, "cli.ics", NULL);
  g_autofree char *pid = g_strdup_printf ("%" G_GINT64_FORMAT, f->pid);
  const char *cli = g_getenv ("DIALOGUE_CLI");
  g_autofree char *contents = NULL;
  g_autofree char *stdout_text = NULL;
  int status;

  if (cli == NULL)
    {
      g_test_skip ("DIALOGUE_CLI is not set");
      return;
    }
  {
    const char *argv[] = { cli, "communication", "export", pid, "--db", db, "--format", "ics",
                           "--out", out, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
  }
  g_assert_true (g_file_get_contents (out, &contents, NULL, &error));
  g_assert_nonnull (strstr (contents, "SUMMARY:Affiche\r\n"));
  {
    const char *argv[] = { cli, "communication", "export", pid, "--db", db, "--format", "pdf",
                           "--out", out, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, NULL,
                  NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_cmpint (WEXITSTATUS (status), ==, 2);
  }
  {
    const char *argv[] = { cli, "communication", "check", pid, "--db", db, "--json", NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL,
                  &stdout_text, NULL, &status, &error);
    g_assert_no_error (error);
    g_assert_true (g_spawn_check_wait_status (status, NULL));
    g_assert_nonnull (strstr (stdout_text, "\"stage\" : \"diagnostic\""));
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add ("/core/communication/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("fields", test_fields);
  ADD ("gaps", test_gaps);
  ADD ("ics", test_ics);
  ADD ("csv", test_csv);
  ADD ("cli", test_cli);
#undef ADD
  g_test_add_func ("/core/communication/ics-folding", test_folding);

  return g_test_run ();
}
