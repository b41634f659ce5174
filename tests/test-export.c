/* test-export.c — exports read back by real readers, hostile text, failures, and the canary
 * test of open data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each format is read back by a reader that is not ours: Python's csv and json modules and
 * openpyxl (Debian's python3-openpyxl), run with g_spawn; GeoJSON is checked against
 * RFC 7946's structure there too.
 */

#include "config.h"

#include <signal.h>
#include <string.h>
#include <sys/resource.h>

#include <glib/gstdio.h>

#include "dlg-core.h"
#include "dlg-export-private.h"

/* reader.py FORMAT FILE: prints what a real reader sees, as JSON. "text" prints every string
 * in the file (for XLSX, every cell through openpyxl, since the file is zipped). */
static const char reader_py[] =
  "import csv, datetime, json, sys\n"
  "fmt, path = sys.argv[1], sys.argv[2]\n"
  "def cell(v):\n"
  "    if v is None: return {'t': 'none'}\n"
  "    if isinstance(v, bool): return {'t': 'bool', 'v': v}\n"
  "    if isinstance(v, int): return {'t': 'int', 'v': v}\n"
  "    if isinstance(v, float): return {'t': 'float', 'v': v}\n"
  "    if isinstance(v, datetime.datetime): return {'t': 'datetime', 'v': v.isoformat()}\n"
  "    return {'t': 'str', 'v': str(v)}\n"
  "def xlsx(path):\n"
  "    import openpyxl\n"
  "    wb = openpyxl.load_workbook(path)\n"
  "    return [{'name': ws.title, 'freeze': ws.freeze_panes, 'filter': ws.auto_filter.ref,\n"
  "             'rows': [[cell(v) for v in r] for r in ws.iter_rows(values_only=True)]}\n"
  "            for ws in wb.worksheets]\n"
  "def geojson(path):\n"
  "    errors = []\n"
  "    doc = json.load(open(path, encoding='utf-8'))\n"
  "    if doc.get('type') != 'FeatureCollection': errors.append('not a FeatureCollection')\n"
  "    if 'crs' in doc: errors.append('crs is not RFC 7946')\n"
  "    feats = doc.get('features')\n"
  "    if not isinstance(feats, list): errors.append('no features array'); feats = []\n"
  "    for f in feats:\n"
  "        if f.get('type') != 'Feature': errors.append('not a Feature')\n"
  "        g = f.get('geometry') or {}\n"
  "        if g.get('type') != 'Point': errors.append('not a Point')\n"
  "        c = g.get('coordinates')\n"
  "        if not (isinstance(c, list) and len(c) == 2 and all(isinstance(x, (int, float))\n"
  "                and not isinstance(x, bool) for x in c)):\n"
  "            errors.append('bad coordinates'); continue\n"
  "        if not (-180 <= c[0] <= 180 and -90 <= c[1] <= 90): errors.append('out of range')\n"
  "        if not isinstance(f.get('properties'), dict): errors.append('no properties')\n"
  "        if 'id' in f and not isinstance(f['id'], (str, int)): errors.append('bad id')\n"
  "    return {'errors': errors, 'features': feats}\n"
  "if fmt == 'csv':\n"
  "    raw = open(path, 'rb').read()\n"
  "    text = raw.decode('utf-8-sig')\n"
  "    rows = list(csv.reader(open(path, newline='', encoding='utf-8-sig'), strict=True))\n"
  "    out = {'bom': raw.startswith(b'\\xef\\xbb\\xbf'), 'rows': rows,\n"
  "           'crlf': raw.count(b'\\r\\n'), 'lf': raw.count(b'\\n')}\n"
  "elif fmt == 'json': out = json.load(open(path, encoding='utf-8'))\n"
  "elif fmt == 'xlsx': out = xlsx(path)\n"
  "elif fmt == 'geojson': out = geojson(path)\n"
  "elif path.endswith('.xlsx'):\n"
  "    out = '\\n'.join(str(c['v']) for s in xlsx(path) for r in s['rows'] for c in r if 'v' in c)\n"
  "    out += '\\n' + '\\n'.join(s['name'] for s in xlsx(path))\n"
  "else: out = open(path, encoding='utf-8').read()\n"
  "json.dump(out, sys.stdout)\n";

typedef struct
{
  DlgStore *store;
  char     *dir;
  char     *db_path;
  char     *reader;
  gint64    demo_id;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;

  f->dir = g_dir_make_tmp ("dialogue-export-XXXXXX", &error);
  g_assert_no_error (error);
  f->db_path = g_build_filename (f->dir, "dialogue.db", NULL);
  f->reader = g_build_filename (f->dir, "reader.py", NULL);
  g_file_set_contents (f->reader, reader_py, -1, &error);
  g_assert_no_error (error);
  f->store = dlg_store_open (f->db_path, &error);
  g_assert_no_error (error);
  f->demo_id = dlg_demo_ensure (f->store, NULL, &error);
  g_assert_no_error (error);
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
  remove_tree (f->dir);
  g_free (f->dir);
  g_free (f->db_path);
  g_free (f->reader);
}

/* Runs the reader; returns what it printed, parsed. */
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

static char *
export_file (Fixture          *f,
             gint64            process_id,
             DlgExportWhat     what,
             DlgExportOptions *options,
             const char       *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (f->dir, name, NULL);
  DlgExportResult result;

  dlg_export_run (f->store, process_id, what, options, path, NULL, NULL, NULL, &result, &error);
  g_assert_no_error (error);
  dlg_export_result_clear (&result);
  return path;
}

static const char hostile_title[] = "=cmd|' /C calc'!A0";
static const char hostile_body[] =
  "Il a dit : \"non, merci\", puis\r\nune ligne\nencore, une tabulation\tet \\ un "
  "antislash \xe2\x80\xa8 un séparateur, un 😀 et <b>pas de balise</b>";

static gint64
add_contribution (DlgStore   *store,
                  gint64      process_id,
                  const char *author,
                  const char *title,
                  const char *body,
                  double      lat,
                  double      lon)
{
  g_autoptr(DlgContribution) c = dlg_contribution_new (process_id);
  g_autoptr(GError) error = NULL;

  dlg_contribution_set_feature (c, "map");
  dlg_contribution_set_kind (c, "pin");
  dlg_contribution_set_author_ref (c, author);
  dlg_contribution_set_title (c, title);
  dlg_contribution_set_body (c, body);
  if (lat != 0)
    dlg_contribution_set_location (c, lat, lon);
  dlg_contribution_set_created_at (c, "2026-03-04T05:06:07Z");
  dlg_contribution_save (store, c, &error);
  g_assert_no_error (error);
  dlg_contribution_moderate (store, dlg_contribution_get_id (c), "published", NULL, &error);
  g_assert_no_error (error);
  return dlg_contribution_get_id (c);
}

static gint64
new_process (Fixture    *f,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = dlg_process_create (f->store, title, &error);

  g_assert_no_error (error);
  return dlg_process_get_id (process);
}

/* The row of @rows (an array of arrays) whose column @col is @value. */
static JsonArray *
find_row (JsonArray  *rows,
          guint       col,
          const char *value)
{
  for (guint i = 0; i < json_array_get_length (rows); i++)
    {
      JsonArray *row = json_array_get_array_element (rows, i);

      if (json_array_get_length (row) > col &&
          g_strcmp0 (json_array_get_string_element (row, col), value) == 0)
        return row;
    }
  return NULL;
}

static guint
column_index (JsonArray  *header,
              const char *name)
{
  for (guint i = 0; i < json_array_get_length (header); i++)
    {
      JsonNode *node = json_array_get_element (header, i);

      if (JSON_NODE_HOLDS_OBJECT (node))
        {
          if (g_strcmp0 (json_object_get_string_member (json_node_get_object (node), "v"),
                         name) == 0)
            return i;
        }
      else if (g_strcmp0 (json_node_get_string (node), name) == 0)
        return i;
    }
  g_error ("no column %s", name);
  return 0;
}

static void
test_csv (Fixture       *f,
          gconstpointer  data)
{
  DlgExportOptions options = { .format = DLG_EXPORT_CSV, .round_coordinates = -1 };
  gint64 process_id = new_process (f, "Hostile");
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonObject *out;
  JsonArray *rows, *header, *row;
  g_autofree char *guarded = g_strconcat ("'", hostile_title, NULL);
  g_autofree char *uuid = NULL;
  gint64 id = add_contribution (f->store, process_id, "a-1", hostile_title, hostile_body, 47.21,
                                -1.55);
  g_autofree char *id_text = g_strdup_printf ("%" G_GINT64_FORMAT, id);

  add_contribution (f->store, process_id, "a-2", "-moins", "+plus", 0, 0);
  add_contribution (f->store, process_id, "a-3", "@arobase", "\tonglet", 0, 0);

  path = export_file (f, process_id, DLG_EXPORT_CONTRIBUTIONS, &options, "c.csv");
  node = read_back (f, "csv", path);
  out = json_node_get_object (node);
  g_assert_false (json_object_get_boolean_member (out, "bom"));
  /* Every line ends in CRLF; the body's lone LF is inside quotes. */
  g_assert_cmpint (json_object_get_int_member (out, "crlf") + 1, ==,
                   json_object_get_int_member (out, "lf"));
  rows = json_object_get_array_member (out, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 4);
  header = json_array_get_array_element (rows, 0);
  g_assert_cmpstr (json_array_get_string_element (header, 0), ==, "id");
  row = find_row (rows, 0, id_text);
  g_assert_nonnull (row);
  g_assert_cmpstr (json_array_get_string_element (row, column_index (header, "title")), ==,
                   guarded);
  g_assert_cmpstr (json_array_get_string_element (row, column_index (header, "body")), ==,
                   hostile_body);
  g_assert_cmpstr (json_array_get_string_element (row, column_index (header, "latitude")), ==,
                   "47.21");
  g_assert_cmpstr (json_array_get_string_element (row, column_index (header, "author")), ==,
                   "a-1");
  g_assert_nonnull (find_row (rows, column_index (header, "title"), "'-moins"));
  g_assert_nonnull (find_row (rows, column_index (header, "body"), "'+plus"));
  g_assert_nonnull (find_row (rows, column_index (header, "title"), "'@arobase"));
  g_assert_nonnull (find_row (rows, column_index (header, "body"), "'\tonglet"));

  /* --bom */
  options.bom = TRUE;
  g_free (path);
  path = export_file (f, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options, "demo.csv");
  g_clear_pointer (&node, json_node_unref);
  node = read_back (f, "csv", path);
  out = json_node_get_object (node);
  g_assert_true (json_object_get_boolean_member (out, "bom"));
  rows = json_object_get_array_member (out, "rows");
  g_assert_cmpuint (json_array_get_length (rows), >, 100);
  g_assert_cmpuint (json_array_get_length (rows) - 1, ==,
                    dlg_export_count (f->store, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options,
                                      NULL));
  (void) uuid;
}

static void
test_json (Fixture       *f,
           gconstpointer  data)
{
  DlgExportOptions options = { .format = DLG_EXPORT_JSON, .round_coordinates = -1 };
  gint64 process_id = new_process (f, "Hostile");
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  JsonArray *rows;
  JsonObject *row;

  add_contribution (f->store, process_id, "a-1", hostile_title, hostile_body, 47.21, -1.55);
  path = export_file (f, process_id, DLG_EXPORT_CONTRIBUTIONS, &options, "c.json");
  node = read_back (f, "json", path);
  rows = json_node_get_array (node);
  g_assert_cmpuint (json_array_get_length (rows), ==, 1);
  row = json_array_get_object_element (rows, 0);
  /* JSON is not a spreadsheet: no apostrophe, the text as it was. */
  g_assert_cmpstr (json_object_get_string_member (row, "title"), ==, hostile_title);
  g_assert_cmpstr (json_object_get_string_member (row, "body"), ==, hostile_body);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (row, "supports")), ==,
                   G_TYPE_INT64);
  g_assert_cmpfloat (json_object_get_double_member (row, "latitude"), ==, 47.21);
  g_assert_cmpint (json_node_get_value_type (json_object_get_member (row, "highlighted")), ==,
                   G_TYPE_BOOLEAN);
  g_assert_true (json_object_get_null_member (row, "parent_uuid"));
  g_assert_cmpstr (json_object_get_string_member (row, "created_at"), ==,
                   "2026-03-04T05:06:07Z");

  /* Every kind of export of the demo reads back, with as many rows as it counts. */
  for (DlgExportWhat what = 0; what < DLG_EXPORT_N_WHAT; what++)
    {
      g_autofree char *name = g_strdup_printf ("%s.json", dlg_export_what_to_id (what));
      g_autofree char *p = export_file (f, f->demo_id, what, &options, name);
      g_autoptr(JsonNode) back = read_back (f, "json", p);

      g_assert_true (JSON_NODE_HOLDS_ARRAY (back));
      g_assert_cmpuint (json_array_get_length (json_node_get_array (back)), ==,
                        dlg_export_count (f->store, f->demo_id, what, &options, NULL));
    }
}

static void
test_xlsx (Fixture       *f,
           gconstpointer  data)
{
  DlgExportOptions options = { .format = DLG_EXPORT_XLSX, .round_coordinates = -1 };
  gint64 process_id = new_process (f, "Hostile");
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *guarded = g_strconcat ("'", hostile_title, NULL);
  g_autoptr(GString) body = g_string_new (hostile_body);
  JsonObject *sheet;
  JsonArray *rows, *header, *row;

  add_contribution (f->store, process_id, "a-1", hostile_title, hostile_body, 47.21, -1.55);
  path = export_file (f, process_id, DLG_EXPORT_CONTRIBUTIONS, &options, "c.xlsx");
  node = read_back (f, "xlsx", path);
  sheet = json_array_get_object_element (json_node_get_array (node), 0);
  g_assert_cmpstr (json_object_get_string_member (sheet, "name"), ==, "contributions");
  g_assert_cmpstr (json_object_get_string_member (sheet, "freeze"), ==, "A2");
  g_assert_true (g_str_has_prefix (json_object_get_string_member (sheet, "filter"), "A1:"));
  rows = json_object_get_array_member (sheet, "rows");
  g_assert_cmpuint (json_array_get_length (rows), ==, 2);
  header = json_array_get_array_element (rows, 0);
  row = json_array_get_array_element (rows, 1);
#define CELL(name) json_array_get_object_element (row, column_index (header, name))
  g_assert_cmpstr (json_object_get_string_member (CELL ("title"), "v"), ==, guarded);
  /* A cell's line ends are LF. */
  g_string_replace (body, "\r\n", "\n", 0);
  g_assert_cmpstr (json_object_get_string_member (CELL ("body"), "v"), ==, body->str);
  g_assert_cmpstr (json_object_get_string_member (CELL ("id"), "t"), ==, "int");
  g_assert_cmpstr (json_object_get_string_member (CELL ("supports"), "t"), ==, "int");
  g_assert_cmpstr (json_object_get_string_member (CELL ("latitude"), "t"), ==, "float");
  g_assert_cmpstr (json_object_get_string_member (CELL ("highlighted"), "t"), ==, "bool");
  g_assert_cmpstr (json_object_get_string_member (CELL ("created_at"), "t"), ==, "datetime");
  g_assert_cmpstr (json_object_get_string_member (CELL ("created_at"), "v"), ==,
                   "2026-03-04T05:06:07");
  g_assert_cmpstr (json_object_get_string_member (CELL ("parent_uuid"), "t"), ==, "none");
#undef CELL

  for (DlgExportWhat what = 0; what < DLG_EXPORT_N_WHAT; what++)
    {
      g_autofree char *name = g_strdup_printf ("%s.xlsx", dlg_export_what_to_id (what));
      g_autofree char *p = export_file (f, f->demo_id, what, &options, name);
      g_autoptr(JsonNode) back = read_back (f, "xlsx", p);
      JsonObject *s = json_array_get_object_element (json_node_get_array (back), 0);

      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (s, "rows")) - 1,
                        ==, dlg_export_count (f->store, f->demo_id, what, &options, NULL));
    }
}

static void
test_geojson (Fixture       *f,
              gconstpointer  data)
{
  DlgExportOptions options = { .format = DLG_EXPORT_GEOJSON, .round_coordinates = -1 };
  gint64 process_id = new_process (f, "Carte");
  g_autofree char *path = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(GError) error = NULL;
  DlgExportResult result;
  JsonObject *out, *feature, *properties;
  JsonArray *features, *coordinates;

  add_contribution (f->store, process_id, "a-1", hostile_title, hostile_body, 47.2184321,
                    -1.5536789);
  add_contribution (f->store, process_id, "a-2", "sans lieu", "", 0, 0);
  path = export_file (f, process_id, DLG_EXPORT_CONTRIBUTIONS, &options, "c.geojson");
  node = read_back (f, "geojson", path);
  out = json_node_get_object (node);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (out, "errors")), ==, 0);
  features = json_object_get_array_member (out, "features");
  /* Only located contributions. */
  g_assert_cmpuint (json_array_get_length (features), ==, 1);
  feature = json_array_get_object_element (features, 0);
  coordinates = json_object_get_array_member (json_object_get_object_member (feature, "geometry"),
                                              "coordinates");
  /* RFC 7946: longitude first. */
  g_assert_cmpfloat (json_array_get_double_element (coordinates, 0), ==, -1.5536789);
  g_assert_cmpfloat (json_array_get_double_element (coordinates, 1), ==, 47.2184321);
  properties = json_object_get_object_member (feature, "properties");
  g_assert_false (json_object_has_member (properties, "latitude"));
  g_assert_cmpstr (json_object_get_string_member (properties, "body"), ==, hostile_body);
  g_assert_cmpstr (json_object_get_string_member (feature, "id"), ==,
                   json_object_get_string_member (properties, "uuid"));

  /* Rounded on request. */
  options.round_coordinates = 3;
  g_free (path);
  path = export_file (f, process_id, DLG_EXPORT_CONTRIBUTIONS, &options, "r.geojson");
  g_clear_pointer (&node, json_node_unref);
  node = read_back (f, "geojson", path);
  feature = json_array_get_object_element (
    json_object_get_array_member (json_node_get_object (node), "features"), 0);
  coordinates = json_object_get_array_member (json_object_get_object_member (feature, "geometry"),
                                              "coordinates");
  g_assert_cmpfloat (json_array_get_double_element (coordinates, 0), ==, -1.554);
  g_assert_cmpfloat (json_array_get_double_element (coordinates, 1), ==, 47.218);

  /* The demo's map validates as a whole. */
  g_free (path);
  options.round_coordinates = -1;
  path = export_file (f, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options, "demo.geojson");
  g_clear_pointer (&node, json_node_unref);
  node = read_back (f, "geojson", path);
  out = json_node_get_object (node);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (out, "errors")), ==, 0);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (out, "features")), >,
                    0);

  /* Only contributions have a location. */
  g_free (path);
  path = g_build_filename (f->dir, "j.geojson", NULL);
  g_assert_false (dlg_export_run (f->store, f->demo_id, DLG_EXPORT_JOURNAL, &options, path, NULL,
                                  NULL, NULL, &result, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

static guint
count_files (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (g_dir_read_name (d) != NULL)
    n++;
  return n;
}

static void
cancel_cb (guint64  n_rows,
           gpointer user_data)
{
  g_cancellable_cancel (user_data);
}

static void
test_failures (Fixture       *f,
               gconstpointer  data)
{
  DlgExportOptions options = { .format = DLG_EXPORT_CSV, .round_coordinates = -1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "out.csv", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "no-such-folder", "out.csv", NULL);
  g_autofree char *contents = NULL;
  struct rlimit old_limit, limit;
  guint n_files;
  DlgExportResult result;

  /* A full disk: /dev/full, written directly (it is not a regular file), in each format. */
  for (DlgExportFormat format = 0; format < DLG_EXPORT_N_FORMATS; format++)
    {
      options.format = format;
      g_assert_false (dlg_export_run (f->store, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options,
                                      "/dev/full", NULL, NULL, NULL, &result, &error));
      g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE);
      g_assert_nonnull (strstr (error->message, "disk is full"));
      g_clear_error (&error);
    }
  options.format = DLG_EXPORT_CSV;

  /* A folder that does not exist. */
  g_assert_false (dlg_export_run (f->store, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options,
                                  missing, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (dlg_export_run (f->store, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options,
                                  f->dir, NULL, NULL, NULL, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY);
  g_clear_error (&error);

  /* A regular file on a disk that fills up mid-way (a file size limit): the old file stays
   * as it was and no temporary file is left. */
  g_file_set_contents (path, "old", -1, &error);
  g_assert_no_error (error);
  n_files = count_files (f->dir);
  g_assert_no_errno (getrlimit (RLIMIT_FSIZE, &old_limit));
  limit = old_limit;
  limit.rlim_cur = 20000;
  signal (SIGXFSZ, SIG_IGN);
  for (DlgExportFormat format = 0; format < DLG_EXPORT_N_FORMATS; format++)
    {
      /* Not XLSX: libxlsxwriter 1.1.4 ignores the failed writes of its temporary files, and
       * under a size limit (unlike a full disk) the small zip itself is then written whole
       * (see dlg-export-xlsx.c). */
      if (format == DLG_EXPORT_XLSX)
        continue;
      options.format = format;
      g_assert_no_errno (setrlimit (RLIMIT_FSIZE, &limit));
      g_assert_false (dlg_export_run (f->store, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options,
                                      path, NULL, NULL, NULL, &result, &error));
      g_assert_no_errno (setrlimit (RLIMIT_FSIZE, &old_limit));
      g_assert_nonnull (error);
      g_test_message ("%s: %s", dlg_export_format_to_id (format), error->message);
      g_clear_error (&error);
      g_file_get_contents (path, &contents, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (contents, ==, "old");
      g_clear_pointer (&contents, g_free);
      g_assert_cmpuint (count_files (f->dir), ==, n_files);
    }
  signal (SIGXFSZ, SIG_DFL);

  /* Cancelled after 10,000 rows: nothing written either. */
  g_assert_true (dlg_export_fill_for_bench (f->store, f->demo_id, 25000, &error));
  g_assert_no_error (error);
  options.format = DLG_EXPORT_CSV;
  g_assert_false (dlg_export_run (f->store, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options, path,
                                  cancellable, cancel_cb, cancellable, &result, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (contents, ==, "old");
  g_assert_cmpuint (count_files (f->dir), ==, n_files);

  /* Done: replaced at once. */
  g_assert_true (dlg_export_run (f->store, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options, path,
                                 NULL, NULL, NULL, &result, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (result.n_rows, >, 25000);
  g_assert_cmpuint (count_files (f->dir), ==, n_files);
}

/* The canary test */

static const char *const canaries[] = {
  "Zéphyrine Canarinou", "Canarinou", "zephyrine.canarinou@example.org",
  "z.canarinou@courriel.fr", "06 47 11 22 33", "0647112233", "+33 6 47 11 22 33",
  "+44 20 7946 0958", "17 rue des Canaris Jaunes", "Canaris Jaunes", "foyer-canarinou",
  "Officier Pinsonneau", "pinsonneau", "47.2184321", "-1.5536789", "canari-author-77",
  "note-canari", "data-canari", "review-canari",
};

static void
plant_canaries (Fixture *f,
                gint64   process_id)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgParticipant) p = dlg_participant_new (process_id);
  g_autoptr(DlgParticipantContact) contact = NULL;
  g_autoptr(DlgRecommendation) r = dlg_recommendation_new (process_id);
  g_autoptr(DlgPosition) position = NULL;
  g_autoptr(DlgCommitment) commitment = dlg_commitment_new (process_id);
  g_autoptr(DlgCommitmentUpdate) update = NULL;
  g_autoptr(DlgContribution) c = dlg_contribution_new (process_id);
  g_autoptr(DlgContribution) pending = dlg_contribution_new (process_id);
  const char *text = "Voyez Zéphyrine Canarinou (zephyrine.canarinou@example.org, "
                     "z.canarinou [at] courriel.fr, 06 47 11 22 33, 06.47.11.22.33, 0647112233, "
                     "+33 6 47 11 22 33, 0033 6 47 11 22 33, +44 20 7946 0958), qui habite au "
                     "17 rue des Canaris Jaunes, 44000 Nantes ; Canarinou en parle souvent.";

  dlg_store_set_actor (f->store, "Officier Pinsonneau");
  dlg_participant_set_household (p, "foyer-canarinou");
  dlg_participant_set_consent (p, TRUE);
  dlg_participant_save (f->store, p, &error);
  g_assert_no_error (error);
  contact = dlg_participant_contact_new (dlg_participant_get_id (p));
  dlg_participant_contact_set_full_name (contact, "Zéphyrine Canarinou");
  dlg_participant_contact_set_email (contact, "zephyrine.canarinou@example.org");
  dlg_participant_contact_set_phone (contact, "06 47 11 22 33");
  dlg_participant_contact_set_address (contact, "17 rue des Canaris Jaunes, 44000 Nantes");
  dlg_participant_contact_save (f->store, contact, &error);
  g_assert_no_error (error);

  dlg_contribution_set_feature (c, "map");
  dlg_contribution_set_kind (c, "pin");
  dlg_contribution_set_author_ref (c, "canari-author-77");
  dlg_contribution_set_title (c, "Zéphyrine Canarinou propose, appelez le 06 47 11 22 33");
  dlg_contribution_set_body (c, text);
  dlg_contribution_set_location (c, 47.2184321, -1.5536789);
  dlg_contribution_set_data_json (c, "{\"name\": \"data-canari\"}");
  dlg_contribution_set_note (c, "note-canari");
  dlg_contribution_save (f->store, c, &error);
  g_assert_no_error (error);
  dlg_contribution_moderate (f->store, dlg_contribution_get_id (c), "published",
                             "Publiée malgré le 06 47 11 22 33", &error);
  g_assert_no_error (error);
  dlg_contribution_set_feature (pending, "ideas");
  dlg_contribution_set_author_ref (pending, "zephyrine.canarinou@example.org");
  dlg_contribution_set_title (pending, "Zéphyrine Canarinou");
  dlg_contribution_set_body (pending, text);
  dlg_contribution_save (f->store, pending, &error);
  g_assert_no_error (error);

  dlg_recommendation_set_title (r, "Comme le dit Zéphyrine Canarinou");
  dlg_recommendation_set_body (r, text);
  dlg_recommendation_save (f->store, r, &error);
  g_assert_no_error (error);
  dlg_recommendation_link_contribution (f->store, dlg_recommendation_get_id (r),
                                        dlg_contribution_get_id (c), &error);
  g_assert_no_error (error);
  position = dlg_position_new (dlg_recommendation_get_id (r));
  dlg_position_set_value (position, "retained");
  dlg_position_set_justification (position, text);
  dlg_position_save (f->store, position, &error);
  g_assert_no_error (error);
  dlg_commitment_set_position_id (commitment, dlg_position_get_id (position));
  dlg_commitment_set_title (commitment, "Écrire à zephyrine.canarinou@example.org");
  dlg_commitment_save (f->store, commitment, &error);
  g_assert_no_error (error);
  update = dlg_commitment_update_new (dlg_commitment_get_id (commitment));
  dlg_commitment_update_set_text (update, text);
  dlg_commitment_update_save (f->store, update, &error);
  g_assert_no_error (error);
  /* A change of a recommendation, journaled old → new. */
  dlg_recommendation_set_body (r, "Zéphyrine Canarinou, 17 rue des Canaris Jaunes");
  dlg_recommendation_save (f->store, r, &error);
  g_assert_no_error (error);
}

static char *
strip_separators (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text; *p != '\0'; p++)
    if (*p != ' ' && *p != '.' && *p != '-')
      g_string_append_c (out, *p);
  return g_string_free (out, FALSE);
}

static void
assert_no_canary (const char *file,
                  const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *compact = strip_separators (text);

  for (guint i = 0; i < G_N_ELEMENTS (canaries); i++)
    {
      g_autofree char *canary = g_utf8_casefold (canaries[i], -1);

      if (strstr (folded, canary) != NULL)
        g_error ("%s holds the canary “%s”", file, canaries[i]);
    }
  /* The phone's digits, however they are written. */
  if (strstr (compact, "647112233") != NULL || strstr (compact, "2079460958") != NULL)
    g_error ("%s holds the canary phone number", file);
}

static void
run_cli (Fixture     *f,
         const char **args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  int status;

  g_ptr_array_add (argv, (char *) g_getenv ("DIALOGUE_CLI"));
  g_ptr_array_add (argv, (char *) "--db");
  g_ptr_array_add (argv, f->db_path);
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL,
                &err, &status, &error);
  g_assert_no_error (error);
  if (!g_spawn_check_wait_status (status, NULL))
    g_error ("dialogue-cli %s: %s", args[0], err);
}

static void
test_canaries (Fixture       *f,
               gconstpointer  data)
{
  gint64 process_id = new_process (f, "Canaris");
  g_autofree char *process = g_strdup_printf ("%" G_GINT64_FORMAT, process_id);
  g_autofree char *out_dir = g_build_filename (f->dir, "open-data", NULL);
  g_autofree char *plain = g_build_filename (f->dir, "plain.json", NULL);
  g_autoptr(GDir) dir = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *all = NULL;
  const char *name;
  guint n_files = 0;

  plant_canaries (f, process_id);
  g_assert_no_errno (g_mkdir (out_dir, 0755));

  /* Without --open-data the canaries are there: the test can see them. */
  {
    const char *args[] = { "export", process, "participants", "--format", "json", "--out", plain,
                           NULL };

    run_cli (f, args);
    node = read_back (f, "text", plain);
    g_assert_nonnull (strstr (json_node_get_string (node), "zephyrine.canarinou@example.org"));
    g_clear_pointer (&node, json_node_unref);
  }

  for (DlgExportWhat what = 0; what < DLG_EXPORT_N_WHAT; what++)
    for (DlgExportFormat format = 0; format < DLG_EXPORT_N_FORMATS; format++)
      {
        g_autofree char *file = NULL;
        g_autofree char *path = NULL;
        const char *args[] = { "export", process, dlg_export_what_to_id (what), "--format",
                               dlg_export_format_to_id (format), "--out", NULL, "--open-data",
                               "--round-coordinates", "3", NULL };

        if (format == DLG_EXPORT_GEOJSON && what != DLG_EXPORT_CONTRIBUTIONS)
          continue;
        file = g_strdup_printf ("%s.%s", dlg_export_what_to_id (what),
                                dlg_export_format_to_id (format));
        path = g_build_filename (out_dir, file, NULL);
        args[6] = path;
        run_cli (f, args);
      }

  dir = g_dir_open (out_dir, 0, NULL);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (out_dir, name, NULL);
      g_autoptr(JsonNode) text = read_back (f, "text", path);

      assert_no_canary (name, json_node_get_string (text));
      n_files++;
      if (g_str_has_suffix (name, "contributions.csv"))
        all = g_strdup (json_node_get_string (text));
    }
  /* 6 × 3 formats + GeoJSON, each with its dictionary and licence. */
  g_assert_cmpuint (n_files, ==, (6 * 3 + 1) * 3);
  /* What open data keeps: the published contribution, masked, its rounded place. */
  g_assert_nonnull (all);
  g_assert_nonnull (strstr (all, "[e-mail removed]"));
  g_assert_nonnull (strstr (all, "[phone removed]"));
  g_assert_nonnull (strstr (all, "[address removed]"));
  g_assert_nonnull (strstr (all, "[name removed]"));
  g_assert_nonnull (strstr (all, "47.218"));
  g_assert_null (strstr (all, "Zéphyrine Canarinou propose"));
}

static void
test_pseudonyms (Fixture       *f,
                 gconstpointer  data)
{
  DlgExportOptions options = { .format = DLG_EXPORT_JSON, .open_data = TRUE,
                               .round_coordinates = -1 };
  gint64 a = new_process (f, "A"), b = new_process (f, "B");
  g_autofree char *path_a = NULL;
  g_autofree char *path_a2 = NULL;
  g_autofree char *path_b = NULL;
  g_autoptr(JsonNode) node_a = NULL;
  g_autoptr(JsonNode) node_a2 = NULL;
  g_autoptr(JsonNode) node_b = NULL;
  JsonArray *rows_a, *rows_b;
  const char *p1, *p2, *p3, *q1;

  add_contribution (f->store, a, "same-author", "un", "", 0, 0);
  add_contribution (f->store, a, "same-author", "deux", "", 0, 0);
  add_contribution (f->store, a, "other-author", "trois", "", 0, 0);
  add_contribution (f->store, b, "same-author", "un", "", 0, 0);
  path_a = export_file (f, a, DLG_EXPORT_CONTRIBUTIONS, &options, "a.json");
  path_a2 = export_file (f, a, DLG_EXPORT_CONTRIBUTIONS, &options, "a2.json");
  path_b = export_file (f, b, DLG_EXPORT_CONTRIBUTIONS, &options, "b.json");
  node_a = read_back (f, "json", path_a);
  node_a2 = read_back (f, "json", path_a2);
  node_b = read_back (f, "json", path_b);
  rows_a = json_node_get_array (node_a);
  rows_b = json_node_get_array (node_b);
  p1 = json_object_get_string_member (json_array_get_object_element (rows_a, 0), "author");
  p2 = json_object_get_string_member (json_array_get_object_element (rows_a, 1), "author");
  p3 = json_object_get_string_member (json_array_get_object_element (rows_a, 2), "author");
  q1 = json_object_get_string_member (json_array_get_object_element (rows_b, 0), "author");
  g_assert_cmpuint (strlen (p1), ==, 20);
  g_assert_cmpstr (p1, ==, p2);
  g_assert_cmpstr (p1, !=, p3);
  g_assert_cmpstr (p1, !=, "same-author");
  /* Another process: another secret, another pseudonym. */
  g_assert_cmpstr (p1, !=, q1);
  /* The secret is kept: the next export gives the same pseudonyms. */
  g_assert_cmpstr (json_object_get_string_member (
                     json_array_get_object_element (json_node_get_array (node_a2), 0), "author"),
                   ==, p1);
}

static void
test_masks (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_autoptr(DlgProcess) process = dlg_process_create (store, "Masques", &error);
  g_autoptr(DlgOpenData) open_data = NULL;
  g_autoptr(GString) out = g_string_new (NULL);
  static const struct { const char *in, *out; } cases[] = {
    { "écrivez à jean.dupont+test@mairie-nantes.fr demain", "écrivez à [e-mail removed] demain" },
    { "jean (at) exemple.org", "[e-mail removed]" },
    { "appelez le 02 40 41 90 00.", "appelez le [phone removed]." },
    { "ou 02.40.41.90.00 ou 0240419000", "ou [phone removed] ou [phone removed]" },
    { "+33 (0)6 12 34 56 78 !", "[phone removed] !" },
    { "tel 0033 6 12 34 56 78", "tel [phone removed]" },
    { "NY: +1 212 555 0199", "NY: [phone removed]" },
    { "au 3 bis rue Kervégan, 44000 Nantes", "au [address removed]" },
    { "le 12 septembre 2026 à 18 h, 300 personnes", "le 12 septembre 2026 à 18 h, 300 personnes" },
    { "l’année 2024, le code 44000", "l’année 2024, le code 44000" },
  };

  g_assert_no_error (error);
  open_data = dlg_open_data_new (store, dlg_process_get_id (process), &error);
  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      dlg_open_data_mask (open_data, cases[i].in, strlen (cases[i].in), out);
      g_assert_cmpstr (out->str, ==, cases[i].out);
    }
}

typedef struct
{
  guint64       last;
  guint64       total;
  guint         calls;
  GCancellable *cancel_at_first;
  gboolean      done;
  gboolean      ok;
  GError       *error;
  DlgExportResult result;
  DlgStore     *store;
} AsyncRun;

static void
async_progress_cb (guint64  n_rows,
                   guint64  total,
                   gpointer user_data)
{
  AsyncRun *run = user_data;

  g_assert_cmpuint (n_rows, >=, run->last);
  run->last = n_rows;
  run->total = total;
  run->calls++;
  if (run->cancel_at_first != NULL)
    g_cancellable_cancel (run->cancel_at_first);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  AsyncRun *run = user_data;

  run->ok = dlg_export_run_finish (DLG_STORE (source), result, &run->result, &run->error);
  run->done = TRUE;
}

static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  DlgExportOptions options = { .format = DLG_EXPORT_CSV, .round_coordinates = -1 };
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autofree char *path = g_build_filename (f->dir, "async.csv", NULL);
  AsyncRun run = { 0 };

  g_assert_true (dlg_export_fill_for_bench (f->store, f->demo_id, 30000, &error));
  g_assert_no_error (error);
  dlg_export_run_async (f->store, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options, path, NULL,
                        async_progress_cb, &run, async_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (run.error);
  g_assert_true (run.ok);
  g_assert_cmpuint (run.result.n_rows, >, 30000);
  g_assert_cmpuint (run.total, ==, run.result.n_rows);
  g_assert_cmpuint (run.last, ==, run.result.n_rows);
  g_assert_cmpuint (run.calls, >=, 3);
  g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
  dlg_export_result_clear (&run.result);
  g_unlink (path);

  /* Cancelled from the first progress: nothing is left. */
  memset (&run, 0, sizeof run);
  run.cancel_at_first = cancellable;
  dlg_export_run_async (f->store, f->demo_id, DLG_EXPORT_CONTRIBUTIONS, &options, path,
                        cancellable, async_progress_cb, &run, async_done_cb, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_false (run.ok);
  g_assert_error (run.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&run.error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, func) \
  g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/core/export/csv", test_csv);
  ADD ("/core/export/json", test_json);
  ADD ("/core/export/xlsx", test_xlsx);
  ADD ("/core/export/geojson", test_geojson);
  ADD ("/core/export/failures", test_failures);
  ADD ("/core/export/async", test_async);
  ADD ("/core/export/open-data/canaries", test_canaries);
  ADD ("/core/export/open-data/pseudonyms", test_pseudonyms);
#undef ADD
  g_test_add_func ("/core/export/open-data/masks", test_masks);
  return g_test_run ();
}
