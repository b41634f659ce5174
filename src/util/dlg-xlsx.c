/* dlg-xlsx.c — the rows of a spreadsheet's first sheet (Office Open XML, .xlsx), streamed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An .xlsx is a ZIP of XML parts (ECMA-376): xl/workbook.xml names the sheets, its relations
 * (xl/_rels/workbook.xml.rels) say which part holds each, the shared strings part holds the
 * text of cells of type "s", and the styles part says which cells hold a date (a number shown
 * with a date format). The sheet is read through libzip in chunks and parsed by a
 * GMarkupParseContext as it comes, so that memory stays flat whatever the number of rows; only
 * the shared strings are held (bounded). Rows come out as DlgCsvRow, with the sheet's own row
 * number as their line, so that the CSV importers read a spreadsheet as they read a CSV.
 *
 * The file may be hostile: entries are read with a bound, a cell's text is bounded, columns
 * stop at XFD (16,384) and any XML or ZIP error is reported with the file's name.
 */

#define G_LOG_DOMAIN "dlg-util"

#include "config.h"

#include <math.h>
#include <string.h>
#include <zip.h>

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-xlsx.h"

#define READ_CHUNK        65536
#define MAX_PART_BYTES    (64 * 1024 * 1024)   /* workbook, relations, styles */
#define MAX_STRINGS_BYTES (512 * 1024 * 1024)  /* the shared strings, all together */
#define MAX_CELL_BYTES    (16 * 1024 * 1024)
#define MAX_COLUMNS       16384

struct _DlgXlsxReader
{
  char                *display_name;
  zip_t               *zip;
  zip_file_t          *sheet;
  char                *sheet_name;
  guint64              size;
  guint64              offset;
  gboolean             eof;
  GMarkupParseContext *context;

  GPtrArray           *strings;      /* char *: the shared strings */
  GArray              *date_styles;  /* gboolean per cell style (xf) */
  gboolean             date1904;

  /* While parsing the sheet */
  GQueue               rows;         /* DlgCsvRow *, complete */
  GPtrArray           *row;          /* char *: the row being read, NULL outside one */
  guint                row_number;
  guint                column;       /* of the cell being read */
  char                 type[16];
  int                  style;
  gboolean             in_value;     /* <v>, or <t> inside <is> */
  gboolean             in_inline;
  gboolean             in_phonetic;
  GString             *text;
  gsize                strings_bytes;
};

/* "x:row" → "row": some writers prefix the main namespace. */
static const char *
local_name (const char *name)
{
  const char *colon = strrchr (name, ':');

  return colon != NULL ? colon + 1 : name;
}

static const char *
attribute (const char **names,
           const char **values,
           const char  *wanted)
{
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (local_name (names[i]), wanted))
      return values[i];
  return NULL;
}

static void
set_broken (DlgXlsxReader  *self,
            GError        **error,
            const char     *why)
{
  /* Translators: a spreadsheet's name, then what is wrong with it */
  g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, _("%s is not a readable spreadsheet: %s"),
               self->display_name, why);
}

/* The whole of a small part, NUL-terminated; %NULL (no error) when the archive lacks it. */
static char *
read_part (DlgXlsxReader  *self,
           const char     *name,
           gsize          *length,
           GError        **error)
{
  zip_stat_t stat;
  zip_file_t *file;
  g_autoptr(GString) data = g_string_new (NULL);
  char buf[READ_CHUNK];
  zip_int64_t n;

  zip_stat_init (&stat);
  if (zip_stat (self->zip, name, 0, &stat) != 0)
    return NULL;
  if (!(file = zip_fopen_index (self->zip, stat.index, 0)))
    {
      set_broken (self, error, zip_strerror (self->zip));
      return NULL;
    }
  while ((n = zip_fread (file, buf, sizeof buf)) > 0)
    {
      if (data->len + n > MAX_PART_BYTES)
        {
          zip_fclose (file);
          set_broken (self, error, _("one of its parts is too large."));
          return NULL;
        }
      g_string_append_len (data, buf, n);
    }
  if (n < 0)
    {
      set_broken (self, error, zip_file_strerror (file));
      zip_fclose (file);
      return NULL;
    }
  zip_fclose (file);
  if (length != NULL)
    *length = data->len;
  return g_string_free (g_steal_pointer (&data), FALSE);
}

static gboolean
parse_part (DlgXlsxReader        *self,
            const char           *name,
            const GMarkupParser  *parser,
            gpointer              data,
            gboolean              required,
            GError              **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) local_error = NULL;
  GError *part_error = NULL;
  gsize length = 0;

  if (!(text = read_part (self, name, &length, &part_error)))
    {
      if (part_error != NULL)
        {
          g_propagate_error (error, part_error);
          return FALSE;
        }
      if (required)
        {
          set_broken (self, error, _("it has no workbook (is it an .xlsx file?)."));
          return FALSE;
        }
      return TRUE;
    }
  context = g_markup_parse_context_new (parser, 0, data, NULL);
  if (!g_markup_parse_context_parse (context, text, length, &local_error) ||
      !g_markup_parse_context_end_parse (context, &local_error))
    {
      set_broken (self, error, local_error->message);
      return FALSE;
    }
  return TRUE;
}

/* The workbook: the first sheet's relation id, and the date system. */

typedef struct
{
  DlgXlsxReader *self;
  char          *sheet_rid;
} WorkbookData;

static void
workbook_start (GMarkupParseContext  *context,
                const char           *element,
                const char          **names,
                const char          **values,
                gpointer              user_data,
                GError              **error)
{
  WorkbookData *data = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "workbookPr"))
    {
      const char *date1904 = attribute (names, values, "date1904");

      data->self->date1904 = date1904 != NULL &&
                             (g_str_equal (date1904, "1") || g_str_equal (date1904, "true"));
    }
  else if (g_str_equal (name, "sheet") && data->sheet_rid == NULL)
    {
      const char *rid = attribute (names, values, "id");

      data->sheet_rid = g_strdup (rid);
      data->self->sheet_name = g_strdup (attribute (names, values, "name"));
    }
}

/* The workbook's relations: the part of each id, and the shared strings and styles parts. */

typedef struct
{
  const char *sheet_rid;
  char       *sheet;
  char       *strings;
  char       *styles;
} RelsData;

/* A relation's target, relative to xl/ unless it starts with "/". */
static char *
part_name (const char *target)
{
  if (target[0] == '/')
    return g_strdup (target + 1);
  return g_strconcat ("xl/", target, NULL);
}

static void
rels_start (GMarkupParseContext  *context,
            const char           *element,
            const char          **names,
            const char          **values,
            gpointer              user_data,
            GError              **error)
{
  RelsData *data = user_data;
  const char *id, *type, *target;

  if (!g_str_equal (local_name (element), "Relationship"))
    return;
  id = attribute (names, values, "Id");
  type = attribute (names, values, "Type");
  target = attribute (names, values, "Target");
  if (target == NULL)
    return;
  if (id != NULL && data->sheet_rid != NULL && g_str_equal (id, data->sheet_rid))
    {
      g_free (data->sheet);
      data->sheet = part_name (target);
    }
  else if (type != NULL && g_str_has_suffix (type, "/sharedStrings") && data->strings == NULL)
    data->strings = part_name (target);
  else if (type != NULL && g_str_has_suffix (type, "/styles") && data->styles == NULL)
    data->styles = part_name (target);
}

/* The shared strings: the text of each <si>, its runs joined, phonetic guides left out. */

typedef struct
{
  DlgXlsxReader *self;
  GString       *text;
  gboolean       in_item;
  gboolean       in_text;
  gboolean       in_phonetic;
} StringsData;

static void
strings_start (GMarkupParseContext  *context,
               const char           *element,
               const char          **names,
               const char          **values,
               gpointer              user_data,
               GError              **error)
{
  StringsData *data = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "si"))
    {
      data->in_item = TRUE;
      g_string_truncate (data->text, 0);
    }
  else if (g_str_equal (name, "rPh"))
    data->in_phonetic = TRUE;
  else if (g_str_equal (name, "t") && data->in_item && !data->in_phonetic)
    data->in_text = TRUE;
}

static void
strings_end (GMarkupParseContext  *context,
             const char           *element,
             gpointer              user_data,
             GError              **error)
{
  StringsData *data = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "t"))
    data->in_text = FALSE;
  else if (g_str_equal (name, "rPh"))
    data->in_phonetic = FALSE;
  else if (g_str_equal (name, "si") && data->in_item)
    {
      data->in_item = FALSE;
      data->self->strings_bytes += data->text->len;
      if (data->self->strings_bytes > MAX_STRINGS_BYTES)
        {
          g_set_error_literal (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                               _("its text is too large."));
          return;
        }
      g_ptr_array_add (data->self->strings, g_strndup (data->text->str, data->text->len));
    }
}

static void
strings_text (GMarkupParseContext  *context,
              const char           *text,
              gsize                 length,
              gpointer              user_data,
              GError              **error)
{
  StringsData *data = user_data;

  if (data->in_text)
    g_string_append_len (data->text, text, length);
}

/* The styles: which cell formats (xf of cellXfs) show a number as a date or a time. */

typedef struct
{
  DlgXlsxReader *self;
  GHashTable    *date_formats;  /* custom numFmtId → itself, those that are dates */
  gboolean       in_cell_xfs;
} StylesData;

static gboolean
builtin_date_format (guint id)
{
  return (id >= 14 && id <= 22) || (id >= 27 && id <= 36) || (id >= 45 && id <= 47) ||
         (id >= 50 && id <= 58);
}

/* A format code shows a date when, outside quoted text, escapes and [colour] sections, it
 * has a day, month, year, hour or second part ("dd/mm/yyyy", "[$-40C]d mmmm yyyy"). */
static gboolean
custom_date_format (const char *code)
{
  gboolean quoted = FALSE;
  int brackets = 0;

  for (const char *p = code; *p != '\0'; p++)
    {
      if (*p == '"')
        quoted = !quoted;
      else if (quoted)
        continue;
      else if (*p == '\\' && p[1] != '\0')
        p++;
      else if (*p == '[')
        brackets++;
      else if (*p == ']' && brackets > 0)
        brackets--;
      else if (brackets == 0 && strchr ("dDmMyYhHsS", *p) != NULL)
        return TRUE;
    }
  return FALSE;
}

static void
styles_start (GMarkupParseContext  *context,
              const char           *element,
              const char          **names,
              const char          **values,
              gpointer              user_data,
              GError              **error)
{
  StylesData *data = user_data;
  const char *name = local_name (element);
  const char *id;

  if (g_str_equal (name, "numFmt"))
    {
      const char *code = attribute (names, values, "formatCode");

      id = attribute (names, values, "numFmtId");
      if (id != NULL && code != NULL && custom_date_format (code))
        g_hash_table_add (data->date_formats, GUINT_TO_POINTER (atoi (id)));
    }
  else if (g_str_equal (name, "cellXfs"))
    data->in_cell_xfs = TRUE;
  else if (g_str_equal (name, "xf") && data->in_cell_xfs)
    {
      guint format;
      gboolean is_date;

      id = attribute (names, values, "numFmtId");
      format = id != NULL ? (guint) atoi (id) : 0;
      is_date = builtin_date_format (format) ||
                g_hash_table_contains (data->date_formats, GUINT_TO_POINTER (format));
      g_array_append_val (data->self->date_styles, is_date);
    }
}

static void
styles_end (GMarkupParseContext  *context,
            const char           *element,
            gpointer              user_data,
            GError              **error)
{
  StylesData *data = user_data;

  if (g_str_equal (local_name (element), "cellXfs"))
    data->in_cell_xfs = FALSE;
}

/* The sheet */

/* "BC12" → 54 (from 0), or -1 */
static int
column_of (const char *reference)
{
  int column = 0;
  const char *p;

  for (p = reference; g_ascii_isalpha (*p); p++)
    {
      column = column * 26 + (g_ascii_toupper (*p) - 'A' + 1);
      if (column > MAX_COLUMNS)
        return -1;
    }
  return p == reference ? -1 : column - 1;
}

/* A serial day number of the workbook's date system, as ISO 8601 (a date alone, or with the
 * time of day when it has one). */
static char *
serial_to_iso (double   serial,
               gboolean date1904)
{
  g_autoptr(GDateTime) epoch = NULL;
  g_autoptr(GDateTime) when = NULL;
  gint64 seconds;

  if (!isfinite (serial) || serial < 0 || serial > 2958465) /* 9999-12-31 */
    return NULL;
  /* 1899-12-30 makes up for the 1900 system's 29 February 1900, which never was. */
  epoch = date1904 ? g_date_time_new_utc (1904, 1, 1, 0, 0, 0)
                   : g_date_time_new_utc (1899, 12, 30, 0, 0, 0);
  seconds = (gint64) llround (serial * 86400.0);
  when = g_date_time_add_seconds (epoch, (double) seconds);
  if (when == NULL)
    return NULL;
  if (seconds % 86400 == 0)
    return g_date_time_format (when, "%Y-%m-%d");
  return g_date_time_format (when, "%Y-%m-%dT%H:%M:%S");
}

/* A number as a person would write it: 0.1 rather than 0.10000000000000001. */
static char *
number_text (const char *raw)
{
  char *end;
  double value = g_ascii_strtod (raw, &end);
  char buf[G_ASCII_DTOSTR_BUF_SIZE];

  if (end == raw || *end != '\0' || !isfinite (value))
    return g_strdup (raw);
  if (value == floor (value) && fabs (value) < 1e15)
    return g_strdup_printf ("%.0f", value);
  g_ascii_formatd (buf, sizeof buf, "%.15g", value);
  return g_strdup (buf);
}

static char *
cell_value (DlgXlsxReader *self)
{
  const char *raw = self->text->str;

  if (g_str_equal (self->type, "s"))
    {
      char *end;
      guint64 index = g_ascii_strtoull (raw, &end, 10);

      if (end == raw || index >= self->strings->len)
        return g_strdup ("");
      return g_strdup (g_ptr_array_index (self->strings, index));
    }
  if (g_str_equal (self->type, "b"))
    return g_strdup (g_str_equal (raw, "1") ? "TRUE" : "FALSE");
  if (g_str_equal (self->type, "inlineStr") || g_str_equal (self->type, "str") ||
      g_str_equal (self->type, "e"))
    return g_strdup (raw);
  if (*raw == '\0')
    return g_strdup ("");
  if (self->style >= 0 && (guint) self->style < self->date_styles->len &&
      g_array_index (self->date_styles, gboolean, self->style))
    {
      char *iso = serial_to_iso (g_ascii_strtod (raw, NULL), self->date1904);

      if (iso != NULL)
        return iso;
    }
  return number_text (raw);
}

static void
end_row (DlgXlsxReader *self)
{
  DlgCsvRow *row;
  guint n = self->row->len;

  while (n > 0 && *(char *) g_ptr_array_index (self->row, n - 1) == '\0')
    n--;
  if (n == 0)
    {
      g_clear_pointer (&self->row, g_ptr_array_unref);
      return;
    }
  g_ptr_array_set_size (self->row, n);
  row = g_new0 (DlgCsvRow, 1);
  row->line = self->row_number;
  row->n_fields = n;
  g_ptr_array_add (self->row, NULL);
  row->fields = (char **) g_ptr_array_free (g_steal_pointer (&self->row), FALSE);
  g_queue_push_tail (&self->rows, row);
}

static void
sheet_start (GMarkupParseContext  *context,
             const char           *element,
             const char          **names,
             const char          **values,
             gpointer              user_data,
             GError              **error)
{
  DlgXlsxReader *self = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "row"))
    {
      const char *r = attribute (names, values, "r");
      guint64 number = r != NULL ? g_ascii_strtoull (r, NULL, 10) : 0;

      if (self->row != NULL)
        end_row (self);
      self->row_number = number > 0 && number <= G_MAXUINT ? (guint) number
                                                           : self->row_number + 1;
      self->row = g_ptr_array_new_with_free_func (g_free);
    }
  else if (g_str_equal (name, "c") && self->row != NULL)
    {
      const char *r = attribute (names, values, "r");
      const char *t = attribute (names, values, "t");
      const char *s = attribute (names, values, "s");
      int column = r != NULL ? column_of (r) : (int) self->row->len;

      if (column < 0 || column >= MAX_COLUMNS)
        {
          g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                       _("row %u has a cell beyond the last column."), self->row_number);
          return;
        }
      self->column = column;
      g_strlcpy (self->type, t != NULL ? t : "n", sizeof self->type);
      self->style = s != NULL ? atoi (s) : -1;
      g_string_truncate (self->text, 0);
    }
  else if (g_str_equal (name, "v"))
    self->in_value = TRUE;
  else if (g_str_equal (name, "is"))
    self->in_inline = TRUE;
  else if (g_str_equal (name, "rPh"))
    self->in_phonetic = TRUE;
  else if (g_str_equal (name, "t") && self->in_inline && !self->in_phonetic)
    self->in_value = TRUE;
}

static void
sheet_end (GMarkupParseContext  *context,
           const char           *element,
           gpointer              user_data,
           GError              **error)
{
  DlgXlsxReader *self = user_data;
  const char *name = local_name (element);

  if (g_str_equal (name, "v") || g_str_equal (name, "t"))
    self->in_value = FALSE;
  else if (g_str_equal (name, "is"))
    self->in_inline = FALSE;
  else if (g_str_equal (name, "rPh"))
    self->in_phonetic = FALSE;
  else if (g_str_equal (name, "c") && self->row != NULL)
    {
      while (self->row->len <= self->column)
        g_ptr_array_add (self->row, g_strdup (""));
      g_free (g_ptr_array_index (self->row, self->column));
      g_ptr_array_index (self->row, self->column) = cell_value (self);
    }
  else if (g_str_equal (name, "row") && self->row != NULL)
    end_row (self);
}

static void
sheet_text (GMarkupParseContext  *context,
            const char           *text,
            gsize                 length,
            gpointer              user_data,
            GError              **error)
{
  DlgXlsxReader *self = user_data;

  if (!self->in_value)
    return;
  if (self->text->len + length > MAX_CELL_BYTES)
    {
      g_set_error (error, G_MARKUP_ERROR, G_MARKUP_ERROR_INVALID_CONTENT,
                   _("a cell of row %u is too large."), self->row_number);
      return;
    }
  g_string_append_len (self->text, text, length);
}

static const GMarkupParser sheet_parser = { sheet_start, sheet_end, sheet_text, NULL, NULL };

gboolean
dlg_xlsx_is_zip (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char magic[4];

  return stream != NULL &&
         g_input_stream_read (G_INPUT_STREAM (stream), magic, 4, NULL, NULL) == 4 &&
         memcmp (magic, "PK\x03\x04", 4) == 0;
}

static gboolean
open_parts (DlgXlsxReader  *self,
            GError        **error)
{
  static const GMarkupParser workbook_parser = { workbook_start, NULL, NULL, NULL, NULL };
  static const GMarkupParser rels_parser = { rels_start, NULL, NULL, NULL, NULL };
  static const GMarkupParser strings_parser = { strings_start, strings_end, strings_text,
                                                NULL, NULL };
  static const GMarkupParser styles_parser = { styles_start, styles_end, NULL, NULL, NULL };
  WorkbookData workbook = { self, NULL };
  RelsData rels = { 0 };
  StringsData strings = { self, NULL, FALSE, FALSE, FALSE };
  StylesData styles = { self, NULL, FALSE };
  zip_stat_t stat;
  gboolean ok = FALSE;

  if (!parse_part (self, "xl/workbook.xml", &workbook_parser, &workbook, TRUE, error))
    goto out;
  rels.sheet_rid = workbook.sheet_rid;
  if (!parse_part (self, "xl/_rels/workbook.xml.rels", &rels_parser, &rels, FALSE, error))
    goto out;
  if (rels.sheet == NULL)
    rels.sheet = g_strdup ("xl/worksheets/sheet1.xml");
  strings.text = g_string_new (NULL);
  if (!parse_part (self, rels.strings != NULL ? rels.strings : "xl/sharedStrings.xml",
                   &strings_parser, &strings, FALSE, error))
    goto out;
  styles.date_formats = g_hash_table_new (NULL, NULL);
  if (!parse_part (self, rels.styles != NULL ? rels.styles : "xl/styles.xml", &styles_parser,
                   &styles, FALSE, error))
    goto out;

  zip_stat_init (&stat);
  if (zip_stat (self->zip, rels.sheet, 0, &stat) != 0 ||
      !(self->sheet = zip_fopen_index (self->zip, stat.index, 0)))
    {
      set_broken (self, error, _("its first sheet is missing."));
      goto out;
    }
  self->size = (stat.valid & ZIP_STAT_SIZE) ? stat.size : 0;
  self->context = g_markup_parse_context_new (&sheet_parser, 0, self,
                                              NULL);
  ok = TRUE;

out:
  g_free (workbook.sheet_rid);
  g_free (rels.sheet);
  g_free (rels.strings);
  g_free (rels.styles);
  if (strings.text != NULL)
    g_string_free (strings.text, TRUE);
  g_clear_pointer (&styles.date_formats, g_hash_table_unref);
  return ok;
}

/**
 * dlg_xlsx_reader_open:
 * @path: an .xlsx file
 *
 * Opens the workbook and reads its shared strings and styles; the rows of its first sheet
 * then come from dlg_xlsx_reader_next().
 *
 * Returns: (transfer full) (nullable): a reader, or %NULL with @error set
 */
DlgXlsxReader *
dlg_xlsx_reader_open (const char  *path,
                      GError     **error)
{
  g_autoptr(DlgXlsxReader) self = g_new0 (DlgXlsxReader, 1);
  int zip_error = 0;

  g_return_val_if_fail (path != NULL, NULL);

  self->display_name = g_filename_display_name (path);
  self->strings = g_ptr_array_new_with_free_func (g_free);
  self->date_styles = g_array_new (FALSE, FALSE, sizeof (gboolean));
  self->text = g_string_new (NULL);
  g_queue_init (&self->rows);
  if (!(self->zip = zip_open (path, ZIP_RDONLY, &zip_error)))
    {
      zip_error_t why;

      zip_error_init_with_code (&why, zip_error);
      set_broken (self, error, zip_error_strerror (&why));
      zip_error_fini (&why);
      return NULL;
    }
  if (!open_parts (self, error))
    return NULL;
  return g_steal_pointer (&self);
}

void
dlg_xlsx_reader_free (DlgXlsxReader *self)
{
  if (self == NULL)
    return;
  g_queue_clear_full (&self->rows, (GDestroyNotify) dlg_csv_row_free);
  g_clear_pointer (&self->row, g_ptr_array_unref);
  g_clear_pointer (&self->context, g_markup_parse_context_free);
  if (self->sheet != NULL)
    zip_fclose (self->sheet);
  if (self->zip != NULL)
    zip_discard (self->zip);
  g_ptr_array_unref (self->strings);
  g_array_unref (self->date_styles);
  g_string_free (self->text, TRUE);
  g_free (self->sheet_name);
  g_free (self->display_name);
  g_free (self);
}

/**
 * dlg_xlsx_reader_next:
 * @row: (out) (transfer full) (nullable): the next row that has a cell with something in it,
 *   %NULL after the last
 *
 * Returns: %FALSE with @error set when the sheet cannot be read
 */
gboolean
dlg_xlsx_reader_next (DlgXlsxReader  *self,
                      DlgCsvRow     **row,
                      GError        **error)
{
  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (row != NULL, FALSE);

  while (g_queue_is_empty (&self->rows) && !self->eof)
    {
      g_autoptr(GError) local_error = NULL;
      char buf[READ_CHUNK];
      zip_int64_t n = zip_fread (self->sheet, buf, sizeof buf);

      if (n < 0)
        {
          set_broken (self, error, zip_file_strerror (self->sheet));
          return FALSE;
        }
      self->offset += n;
      if (n == 0)
        {
          self->eof = TRUE;
          if (!g_markup_parse_context_end_parse (self->context, &local_error))
            {
              set_broken (self, error, local_error->message);
              return FALSE;
            }
          if (self->row != NULL)
            end_row (self);
        }
      else if (!g_markup_parse_context_parse (self->context, buf, n, &local_error))
        {
          set_broken (self, error, local_error->message);
          return FALSE;
        }
    }
  *row = g_queue_pop_head (&self->rows);
  return TRUE;
}

const char *
dlg_xlsx_reader_get_sheet_name (DlgXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return self->sheet_name;
}

guint64
dlg_xlsx_reader_get_offset (DlgXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->offset;
}

guint64
dlg_xlsx_reader_get_size (DlgXlsxReader *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}
