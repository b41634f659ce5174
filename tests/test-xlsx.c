/* test-xlsx.c — spreadsheets (.xlsx) read as CSV rows: workbooks written by libxlsxwriter
 * (shared and inline strings), by openpyxl, and by hand (prefixed XML, rich text, the 1904
 * date system), broken ones, and a paper-forms workbook imported twice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>
#include <xlsxwriter.h>
#include <zip.h>

#include "dlg-core.h"
#include "dlg-csv.h"
#include "dlg-xlsx.h"
#include "process-fixture.h"

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* All the rows of @path, each as its fields joined by "|", prefixed by its line: "3:a|b". */
static char *
read_rows (const char  *path,
           GError     **error)
{
  g_autoptr(DlgCsvReader) reader = dlg_csv_reader_open (path, 0, error);
  g_autoptr(GString) out = g_string_new (NULL);

  if (reader == NULL)
    return NULL;
  g_assert_true (dlg_csv_reader_is_spreadsheet (reader));
  for (;;)
    {
      g_autoptr(DlgCsvRow) row = NULL;

      if (!dlg_csv_reader_next (reader, &row, error))
        return NULL;
      if (row == NULL)
        break;
      g_string_append_printf (out, "%u:", row->line);
      for (guint i = 0; i < row->n_fields; i++)
        g_string_append_printf (out, "%s%s", i > 0 ? "|" : "", row->fields[i]);
      g_string_append_c (out, '\n');
    }
  g_assert_cmpuint (dlg_csv_reader_get_offset (reader), ==, dlg_csv_reader_get_size (reader));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static const char expected_rows[] =
  "1:Idée|Détail|Date|Lat|Quartier\n"
  "2:Un marché|le samedi\nmatin 🌳|2026-11-02|47.22|Bottière\n"
  "3:Des bancs||2026-11-03T09:30:00|-1.5\n"
  "5:Zoé « ici »|||12|Nord\n";

/* The same rows, through libxlsxwriter: shared strings, or inline ones in constant memory. */
static void
write_workbook (const char *path,
                gboolean    constant_memory)
{
  lxw_workbook_options options = { .constant_memory = constant_memory };
  lxw_workbook *workbook = workbook_new_opt (path, &options);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, "Formulaires");
  lxw_format *date = workbook_add_format (workbook);
  lxw_format *when = workbook_add_format (workbook);
  lxw_datetime day = { 2026, 11, 2, 0, 0, 0 };
  lxw_datetime morning = { 2026, 11, 3, 9, 30, 0 };
  const char *header[] = { "Idée", "Détail", "Date", "Lat", "Quartier" };

  format_set_num_format (date, "dd/mm/yyyy");
  format_set_num_format (when, "[$-40C]d mmmm yyyy \"à\" hh:mm");
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    worksheet_write_string (sheet, 0, i, header[i], NULL);
  worksheet_write_string (sheet, 1, 0, "Un marché", NULL);
  worksheet_write_string (sheet, 1, 1, "le samedi\nmatin 🌳", NULL);
  worksheet_write_datetime (sheet, 1, 2, &day, date);
  worksheet_write_number (sheet, 1, 3, 47.22, NULL);
  worksheet_write_string (sheet, 1, 4, "Bottière", NULL);
  worksheet_write_string (sheet, 2, 0, "Des bancs", NULL);
  worksheet_write_datetime (sheet, 2, 2, &morning, when);
  worksheet_write_number (sheet, 2, 3, -1.5, NULL);
  worksheet_write_string (sheet, 2, 5, "", NULL);
  /* row 4 left blank */
  worksheet_write_string (sheet, 4, 0, "Zoé « ici »", NULL);
  worksheet_write_number (sheet, 4, 3, 12, NULL);
  worksheet_write_string (sheet, 4, 4, "Nord", NULL);
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);
}

static void
test_libxlsxwriter (Fixture       *f,
                    gconstpointer  data)
{
  gboolean constant_memory = GPOINTER_TO_INT (data);
  g_autofree char *path = path_in (f, "forms.xlsx");
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;

  write_workbook (path, constant_memory);
  g_assert_true (dlg_xlsx_is_zip (path));
  rows = read_rows (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, expected_rows);
}

/* openpyxl, a writer of its own (shared strings, its own styles), when Debian's is there. */
static void
test_openpyxl (Fixture       *f,
               gconstpointer  data)
{
  static const char script[] =
    "import datetime, sys\n"
    "from openpyxl import Workbook\n"
    "wb = Workbook(); ws = wb.active; ws.title = 'Réponses'\n"
    "ws.append(['Titre', 'Texte', 'Déposé le', 'Votes'])\n"
    "ws.append(['Pistes cyclables', 'Rue de Strasbourg « vite »', "
    "datetime.datetime(2027, 1, 15, 14, 5), 3])\n"
    "ws.append(['RAS', None, datetime.date(2027, 1, 16), 0.1])\n"
    "wb.save(sys.argv[1])\n";
  g_autofree char *path = path_in (f, "openpyxl.xlsx");
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = NULL;
  g_autofree char *err = NULL;
  const char *python = "/usr/bin/python3";
  const char *argv[] = { python, "-c", script, path, NULL };
  int status = 0;

  if (!g_file_test (python, G_FILE_TEST_IS_EXECUTABLE) ||
      !g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, NULL, &err,
                     &status, NULL) ||
      !g_spawn_check_wait_status (status, NULL))
    {
      g_test_skip ("openpyxl (python3-openpyxl) cannot write a workbook here");
      return;
    }
  rows = read_rows (path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==,
                   "1:Titre|Texte|Déposé le|Votes\n"
                   "2:Pistes cyclables|Rue de Strasbourg « vite »|2027-01-15T14:05:00|3\n"
                   "3:RAS||2027-01-16|0.1\n");
}

static void
add_entry (zip_t      *zip,
           const char *name,
           const char *text)
{
  zip_source_t *source = zip_source_buffer (zip, g_strdup (text), strlen (text), 1);

  g_assert_nonnull (source);
  g_assert_cmpint (zip_file_add (zip, name, source, ZIP_FL_ENC_UTF_8), >=, 0);
}

/* A workbook of entries given as name, text, …, NULL. */
static char *
write_zip (Fixture    *f,
           const char *name,
           ...)
{
  char *path = path_in (f, name);
  int zip_error = 0;
  zip_t *zip = zip_open (path, ZIP_CREATE | ZIP_TRUNCATE, &zip_error);
  const char *entry;
  va_list args;

  g_assert_nonnull (zip);
  va_start (args, name);
  while ((entry = va_arg (args, const char *)) != NULL)
    add_entry (zip, entry, va_arg (args, const char *));
  va_end (args);
  g_assert_cmpint (zip_close (zip), ==, 0);
  return path;
}

#define WORKBOOK \
  "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n" \
  "<x:workbook xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\"" \
  " xmlns:r=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships\">" \
  "<x:workbookPr date1904=\"1\"/><x:sheets><x:sheet name=\"Données\" sheetId=\"1\"" \
  " r:id=\"rId7\"/></x:sheets></x:workbook>"
#define RELS \
  "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">" \
  "<Relationship Id=\"rId7\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/" \
  "relationships/worksheet\" Target=\"/xl/worksheets/data.xml\"/>" \
  "<Relationship Id=\"rId8\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/" \
  "relationships/sharedStrings\" Target=\"strings.xml\"/></Relationships>"
#define STRINGS \
  "<x:sst xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">" \
  "<x:si><x:t>Titre</x:t></x:si>" \
  "<x:si><x:r><x:rPr><x:b/></x:rPr><x:t>Très </x:t></x:r><x:r><x:t xml:space=\"preserve\">" \
  "bien &amp; &lt;b&gt;</x:t></x:r><x:rPh><x:t>phonetic</x:t></x:rPh></x:si></x:sst>"

/* Written by hand: prefixed elements, rich text with a phonetic guide, cells without a
 * reference, booleans, formula strings, the 1904 date system and a date style. */
static void
test_hand_made (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = write_zip (f, "hand.xlsx",
    "xl/workbook.xml", WORKBOOK,
    "xl/_rels/workbook.xml.rels", RELS,
    "xl/strings.xml", STRINGS,
    "xl/styles.xml",
    "<styleSheet><numFmts count=\"1\"><numFmt numFmtId=\"170\" formatCode=\"&quot;le &quot;"
    "d/m/yy\"/><numFmt numFmtId=\"171\" formatCode=\"0.00&quot; day&quot;\"/></numFmts>"
    "<cellStyleXfs><xf numFmtId=\"14\"/></cellStyleXfs>"
    "<cellXfs><xf numFmtId=\"0\"/><xf numFmtId=\"170\"/><xf numFmtId=\"171\"/></cellXfs>"
    "</styleSheet>",
    "xl/worksheets/data.xml",
    "<x:worksheet xmlns:x=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\">"
    "<x:sheetData>"
    "<x:row><x:c t=\"s\"><x:v>0</x:v></x:c><x:c t=\"inlineStr\"><x:is><x:t>Oui</x:t></x:is>"
    "</x:c></x:row>"
    "<x:row><x:c t=\"s\"><x:v>1</x:v></x:c><x:c t=\"b\"><x:v>1</x:v></x:c>"
    "<x:c t=\"str\"><x:f>A1</x:f><x:v>Titre</x:v></x:c><x:c s=\"1\"><x:v>0</x:v></x:c>"
    "<x:c s=\"2\"><x:v>2.5</x:v></x:c><x:c t=\"s\"><x:v>99</x:v></x:c></x:row>"
    "</x:sheetData></x:worksheet>",
    NULL);
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = read_rows (path, &error);
  g_autoptr(DlgXlsxReader) reader = dlg_xlsx_reader_open (path, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (rows, ==, "1:Titre|Oui\n2:Très bien & <b>|TRUE|Titre|1904-01-01|2.5\n");
  g_assert_cmpstr (dlg_xlsx_reader_get_sheet_name (reader), ==, "Données");
}

static void
assert_unreadable (const char *path,
                   const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *rows = read_rows (path, &error);

  g_assert_null (rows);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  if (strstr (error->message, message) == NULL)
    g_error ("“%s” does not say “%s”", error->message, message);
}

static void
test_broken (Fixture       *f,
             gconstpointer  data)
{
  g_autofree char *good = path_in (f, "good.xlsx");
  g_autofree char *truncated = path_in (f, "truncated.xlsx");
  g_autofree char *contents = NULL;
  g_autofree char *no_workbook = NULL;
  g_autofree char *bad_xml = NULL;
  g_autofree char *wide = NULL;
  g_autofree char *no_sheet = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;

  /* a workbook cut in the middle, as a failed download leaves it */
  write_workbook (good, FALSE);
  g_file_get_contents (good, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (truncated, contents, length / 2, &error);
  g_assert_no_error (error);
  assert_unreadable (truncated, "truncated.xlsx is not a readable spreadsheet");

  no_workbook = write_zip (f, "photos.xlsx", "photo.txt", "not a workbook", NULL);
  assert_unreadable (no_workbook, "photos.xlsx is not a readable spreadsheet: it has no "
                                  "workbook");
  bad_xml = write_zip (f, "bad.xlsx", "xl/workbook.xml", WORKBOOK,
                       "xl/_rels/workbook.xml.rels", RELS,
                       "xl/worksheets/data.xml", "<worksheet><sheetData><row><c><v>1</c>",
                       NULL);
  assert_unreadable (bad_xml, "bad.xlsx is not a readable spreadsheet");
  wide = write_zip (f, "wide.xlsx", "xl/workbook.xml", WORKBOOK,
                    "xl/_rels/workbook.xml.rels", RELS,
                    "xl/worksheets/data.xml",
                    "<worksheet><sheetData><row r=\"3\"><c r=\"XFE3\"><v>1</v></c></row>"
                    "</sheetData></worksheet>", NULL);
  assert_unreadable (wide, "row 3 has a cell beyond the last column");
  no_sheet = write_zip (f, "nosheet.xlsx", "xl/workbook.xml", WORKBOOK,
                        "xl/_rels/workbook.xml.rels", RELS, NULL);
  assert_unreadable (no_sheet, "its first sheet is missing");
}

/* Paper forms typed into a spreadsheet: the mapping as for a CSV, personal columns dropped,
 * dates read, and a second import adds nothing. */
static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  static const char map[] = "Nom=name,Courriel=email,Idée=title,Détail=body,Déposée=date,"
                            "Quartier=area";
  g_autofree char *path = path_in (f, "papier.xlsx");
  lxw_workbook *workbook = workbook_new (path);
  lxw_worksheet *sheet = workbook_add_worksheet (workbook, NULL);
  lxw_format *date = workbook_add_format (workbook);
  lxw_datetime day = { 2026, 10, 14, 0, 0, 0 };
  const char *header[] = { "Nom", "Courriel", "Idée", "Détail", "Déposée", "Quartier" };
  g_autoptr(DlgImportReport) report = NULL;
  g_autoptr(DlgImportReport) again = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  DlgImportOptions options = { 0 };

  format_set_num_format (date, "dd/mm/yyyy");
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    worksheet_write_string (sheet, 0, i, header[i], NULL);
  for (guint r = 1; r <= 40; r++)
    {
      g_autofree char *idea = g_strdup_printf ("Idée n° %u", r);

      worksheet_write_string (sheet, r, 0, "Jeanne Martin", NULL);
      worksheet_write_string (sheet, r, 1, "jeanne@example.org", NULL);
      worksheet_write_string (sheet, r, 2, idea, NULL);
      worksheet_write_string (sheet, r, 3, "Plus d’arbres, rue de la Bottière", NULL);
      worksheet_write_datetime (sheet, r, 4, &day, date);
      worksheet_write_string (sheet, r, 5, "Bottière", NULL);
    }
  g_assert_cmpint (workbook_close (workbook), ==, LXW_NO_ERROR);

  g_assert_cmpint (dlg_import_detect (path, &error), ==, DLG_IMPORT_FORMAT_CSV);
  g_assert_no_error (error);
  options.map = map;
  options.batch_size = 16;
  g_assert_true (dlg_import_file (f->store, f->process_id, path, &options, &report, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (report->n_read, ==, 40);
  g_assert_cmpuint (report->n_added, ==, 40);
  g_assert_true (dlg_import_file (f->store, f->process_id, path, &options, &again, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (again->n_added, ==, 0);
  g_assert_cmpuint (again->n_unchanged, ==, 40);

  list = dlg_contribution_list (f->store, f->process_id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (list), ==, 40);
  for (guint i = 0; i < g_list_model_get_n_items (list); i++)
    {
      g_autoptr(DlgContribution) c = g_list_model_get_item (list, i);
      g_autofree char *all = g_strconcat (dlg_contribution_get_title (c), " ",
                                          dlg_contribution_get_body (c), " ",
                                          dlg_contribution_get_author_ref (c) != NULL
                                          ? dlg_contribution_get_author_ref (c) : "", NULL);

      g_assert_null (strstr (all, "Jeanne"));
      g_assert_null (strstr (all, "example.org"));
      g_assert_true (g_str_has_prefix (dlg_contribution_get_created_at (c), "2026-10-14"));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func, data) \
  g_test_add (path, Fixture, data, fixture_setup, func, fixture_teardown)
  ADD ("/util/xlsx/shared-strings", test_libxlsxwriter, GINT_TO_POINTER (FALSE));
  ADD ("/util/xlsx/inline-strings", test_libxlsxwriter, GINT_TO_POINTER (TRUE));
  ADD ("/util/xlsx/openpyxl", test_openpyxl, NULL);
  ADD ("/util/xlsx/hand-made", test_hand_made, NULL);
  ADD ("/util/xlsx/broken", test_broken, NULL);
  ADD ("/core/import/xlsx", test_import, NULL);
#undef ADD
  return g_test_run ();
}
