/* dlg-import.c — contributions from the files platforms and spreadsheets write: detection, the
 * common driver, the report
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reader (one file per format, dlg-import-<format>.c) streams its file and gives each
 * contribution with the platform's own id; the driver queues them in ingestion batches of
 * 1,000 and applies each as it fills, all inside one transaction for the whole file, so that
 * memory stays bounded and nothing is half-imported: an error or a cancel rolls the file back,
 * and a second run (the ids are the platform's) updates instead of duplicating.
 *
 * A row's uuid is derived from the process, the source and the source's id, so that a reply
 * knows the uuid of the contribution it answers without a look-up, across files and runs.
 */

#define G_LOG_DOMAIN "dlg-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-contribution.h"
#include "dlg-error.h"
#include "dlg-import-private.h"
#include "dlg-json.h"
#include "dlg-process.h"
#include "dlg-store.h"

#define DEFAULT_BATCH 1000

struct _DlgImporter
{
  DlgStore               *store;
  gint64                  process_id;
  const char             *process_uuid;
  const char             *source;
  const char             *path;
  char                   *display_name;
  const DlgImportOptions *options;
  DlgIngestBatch         *batch;
  GArray                 *lines;     /* guint per item of the batch */
  DlgImportReport        *report;
};

static const struct
{
  DlgImportFormat  format;
  const char      *id;
} formats[] = {
  { DLG_IMPORT_FORMAT_DECIDIM, "decidim" },
  { DLG_IMPORT_FORMAT_CONSUL, "consul" },
  { DLG_IMPORT_FORMAT_CAPCOLLECTIF, "capcollectif" },
  { DLG_IMPORT_FORMAT_POLIS, "polis" },
  { DLG_IMPORT_FORMAT_CSV, "csv" },
};

static void
skip_free (DlgImportSkip *skip)
{
  g_free (skip->source_id);
  g_free (skip->reason);
  g_free (skip);
}

const char *
dlg_import_format_to_id (DlgImportFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i].format == format)
      return formats[i].id;
  return "auto";
}

gboolean
dlg_import_format_from_id (const char      *id,
                           DlgImportFormat *format)
{
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (g_str_equal (formats[i].id, id))
      {
        *format = formats[i].format;
        return TRUE;
      }
  return FALSE;
}

void
dlg_import_report_free (DlgImportReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_clear_pointer (&report->preview, g_ptr_array_unref);
  g_free (report);
}

const char *
dlg_importer_get_display_name (DlgImporter *self)
{
  return self->display_name;
}

const char *
dlg_importer_get_locale (DlgImporter *self)
{
  return self->options->locale;
}

const char *
dlg_importer_get_map (DlgImporter *self)
{
  return self->options->map;
}

const char *
dlg_importer_get_path (DlgImporter *self)
{
  return self->path;
}

/* A name-based (version 5 layout) uuid of the process, the source and the source's id. */
char *
dlg_import_source_uuid (const char *process_uuid,
                        const char *source,
                        const char *source_id)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize len = sizeof digest;

  g_checksum_update (sum, (const guchar *) process_uuid, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) source, -1);
  g_checksum_update (sum, (const guchar *) "\n", 1);
  g_checksum_update (sum, (const guchar *) source_id, -1);
  g_checksum_get_digest (sum, digest, &len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-"
                          "%02x%02x%02x%02x%02x%02x",
                          digest[0], digest[1], digest[2], digest[3], digest[4], digest[5],
                          digest[6], digest[7], digest[8], digest[9], digest[10], digest[11],
                          digest[12], digest[13], digest[14], digest[15]);
}

char *
dlg_importer_uuid (DlgImporter *self,
                   const char  *source_id)
{
  return dlg_import_source_uuid (self->process_uuid, self->source, source_id);
}

JsonObject *
dlg_import_new_item (const char *author_prefix,
                     const char *feature,
                     const char *kind,
                     const char *moderation,
                     const char *date,
                     const char *author)
{
  JsonObject *item = json_object_new ();
  g_autofree char *created_at = dlg_import_parse_date (date != NULL ? date : "");

  json_object_set_string_member (item, "feature", feature);
  json_object_set_string_member (item, "kind", kind);
  json_object_set_string_member (item, "channel", "online");
  json_object_set_string_member (item, "moderation", moderation);
  json_object_set_string_member (item, "created_at", created_at);
  if (author != NULL && *author != '\0')
    {
      g_autofree char *ref = g_strdup_printf ("%s:%s", author_prefix, author);

      json_object_set_string_member (item, "author_ref", ref);
    }
  return item;
}

JsonObject *
dlg_importer_new_item (DlgImporter *self,
                       const char  *feature,
                       const char  *kind,
                       const char  *moderation,
                       const char  *date,
                       const char  *author)
{
  return dlg_import_new_item (self->source, feature, kind, moderation, date, author);
}

void
dlg_importer_skip (DlgImporter *self,
                   guint        line,
                   const char  *source_id,
                   const char  *reason)
{
  DlgImportSkip *skip = g_new0 (DlgImportSkip, 1);

  skip->line = line;
  skip->source_id = g_strdup (source_id);
  skip->reason = g_strdup (reason);
  g_ptr_array_add (self->report->skipped, skip);
  self->report->n_read++;
}

void
dlg_importer_set_progress (DlgImporter *self,
                           guint64      done,
                           guint64      total)
{
  if (self->options->progress != NULL)
    self->options->progress ((guint) (done / 1024), (guint) (total / 1024),
                             self->options->progress_data);
}

/* Applies the batch (a savepoint in the file's transaction) and starts another. */
static gboolean
flush (DlgImporter  *self,
       GError      **error)
{
  g_autoptr(DlgIngestReport) report = NULL;

  if (dlg_ingest_batch_get_n_items (self->batch) == 0)
    return TRUE;
  if (!dlg_ingest_batch_apply (self->store, self->batch, NULL, NULL, self->options->cancellable,
                               &report, error))
    return FALSE;
  self->report->n_added += report->n_added;
  self->report->n_updated += report->n_updated;
  self->report->n_unchanged += report->n_unchanged;
  for (guint i = 0; i < report->skipped->len; i++)
    {
      DlgIngestSkip *skip = g_ptr_array_index (report->skipped, i);
      DlgImportSkip *ours = g_new0 (DlgImportSkip, 1);

      ours->line = g_array_index (self->lines, guint, skip->index);
      ours->source_id = g_strdup (skip->source_id);
      ours->reason = g_strdup (skip->reason);
      g_ptr_array_add (self->report->skipped, ours);
    }
  dlg_ingest_batch_free (self->batch);
  self->batch = dlg_ingest_batch_new (self->source);
  g_array_set_size (self->lines, 0);
  return TRUE;
}

gboolean
dlg_importer_add (DlgImporter  *self,
                  guint         line,
                  const char   *source_id,
                  JsonObject   *data,
                  GError      **error)
{
  g_autofree char *uuid = dlg_importer_uuid (self, source_id);
  g_autoptr(DlgContribution) c = NULL;
  guint size = self->options->batch_size > 0 ? self->options->batch_size : DEFAULT_BATCH;
  const char *date = json_object_get_string_member_with_default (data, "created_at", "");
  DlgIngestFlags flags = DLG_INGEST_KEEP_MODERATION;

  /* The officer's moderation of an imported contribution stays what they decided; a row
   * without a date is dated by its first import, and keeps that date. */
  if (*date == '\0')
    {
      g_autofree char *now = dlg_now_iso8601 ();

      json_object_set_string_member (data, "created_at", now);
      flags |= DLG_INGEST_KEEP_DATE;
    }
  c = dlg_contribution_new_from_json (self->process_id, uuid, data);
  dlg_ingest_batch_add_contribution (self->batch, source_id, 0, c, flags);
  g_array_append_val (self->lines, line);
  if (self->report->preview->len < self->options->preview_rows)
    g_ptr_array_add (self->report->preview, g_object_ref (c));
  self->report->n_read++;
  if (dlg_ingest_batch_get_n_items (self->batch) >= size)
    return flush (self, error);
  return TRUE;
}

int
dlg_import_column (const DlgCsvRow *header,
                   const char      *name)
{
  for (guint i = 0; i < header->n_fields; i++)
    if (g_str_equal (header->fields[i], name))
      return (int) i;
  return -1;
}

gboolean
dlg_import_check_columns (DlgImporter      *self,
                          const DlgCsvRow  *header,
                          const char      **required,
                          GError          **error)
{
  for (guint i = 0; required[i] != NULL; i++)
    if (dlg_import_column (header, required[i]) < 0)
      {
        g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                     _("%s, line %u: there is no “%s” column."), self->display_name,
                     header->line, required[i]);
        return FALSE;
      }
  return TRUE;
}

/* A row with fewer fields than the header is an error, named by its first missing column; a
 * row with more is one only when the extra fields hold something. */
gboolean
dlg_import_check_row (DlgImporter      *self,
                      const DlgCsvRow  *header,
                      const DlgCsvRow  *row,
                      GError          **error)
{
  if (row->n_fields < header->n_fields)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("%s, line %u, column %u (“%s”): the row ends before this column."),
                   self->display_name, row->line, row->n_fields + 1,
                   header->fields[row->n_fields]);
      return FALSE;
    }
  for (guint i = header->n_fields; i < row->n_fields; i++)
    if (*row->fields[i] != '\0')
      {
        g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                     _("%s, line %u, column %u: the row has more columns than the header."),
                     self->display_name, row->line, i + 1);
        return FALSE;
      }
  return TRUE;
}

const char *
dlg_import_field (const DlgCsvRow *row,
                  int              column)
{
  if (column < 0 || (guint) column >= row->n_fields)
    return NULL;
  return row->fields[column];
}

const char *
dlg_import_get (const DlgCsvRow *header,
                const DlgCsvRow *row,
                const char      *name)
{
  const char *text = dlg_import_field (row, dlg_import_column (header, name));

  return text != NULL ? text : "";
}

gint64
dlg_import_get_int (const DlgCsvRow *header,
                    const DlgCsvRow *row,
                    const char      *name)
{
  return g_ascii_strtoll (dlg_import_get (header, row, name), NULL, 10);
}

const char *
dlg_import_localized (const DlgCsvRow *header,
                      const DlgCsvRow *row,
                      const char      *field,
                      const char      *locale)
{
  gsize len = strlen (field);
  const char *text;
  int column;

  if (locale != NULL)
    {
      g_autofree char *name = g_strdup_printf ("%s/%s", field, locale);

      if ((column = dlg_import_column (header, name)) >= 0 &&
          (text = dlg_import_field (row, column)) != NULL && *text != '\0')
        return text;
    }
  if ((column = dlg_import_column (header, field)) >= 0)
    return dlg_import_field (row, column);
  for (guint i = 0; i < header->n_fields && i < row->n_fields; i++)
    {
      const char *name = header->fields[i];

      /* `title/ca`, not `title/machine_translations/ca` */
      if (strncmp (name, field, len) == 0 && name[len] == '/' &&
          strchr (name + len + 1, '/') == NULL && *row->fields[i] != '\0')
        return row->fields[i];
    }
  return NULL;
}

/* Reads the header, then gives each row, checked against it, to @row_func. */
gboolean
dlg_import_read_csv_rows (DlgImporter      *self,
                          DlgCsvReader     *reader,
                          const char      **required,
                          gboolean        (*row_func) (DlgImporter     *self,
                                                       const DlgCsvRow *header,
                                                       const DlgCsvRow *row,
                                                       gpointer         data,
                                                       GError         **error),
                          gpointer          data,
                          GError          **error)
{
  g_autoptr(DlgCsvRow) header = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (self->path);
  g_autoptr(GFileInfo) info = NULL;
  guint64 total = 0;
  guint n = 0;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info != NULL)
    total = g_file_info_get_size (info);
  if (dlg_csv_reader_get_size (reader) > 0)
    total = dlg_csv_reader_get_size (reader);
  if (!dlg_csv_reader_next (reader, &header, error))
    return FALSE;
  if (header == NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, _("%s is empty."), self->display_name);
      return FALSE;
    }
  if (required != NULL && !dlg_import_check_columns (self, header, required, error))
    return FALSE;
  for (;;)
    {
      g_autoptr(DlgCsvRow) row = NULL;

      if (!dlg_csv_reader_next (reader, &row, error))
        return FALSE;
      if (row == NULL)
        break;
      if (!dlg_import_check_row (self, header, row, error) ||
          !row_func (self, header, row, data, error))
        return FALSE;
      if (++n % DEFAULT_BATCH == 0)
        {
          if (g_cancellable_set_error_if_cancelled (self->options->cancellable, error))
            return FALSE;
          dlg_importer_set_progress (self, dlg_csv_reader_get_offset (reader), total);
        }
    }
  dlg_importer_set_progress (self, total, total);
  return TRUE;
}

static void
append_entity (GString    *out,
               const char *entity,
               gsize       len)
{
  static const struct { const char *name; const char *text; } named[] = {
    { "amp", "&" }, { "lt", "<" }, { "gt", ">" }, { "quot", "\"" }, { "apos", "'" },
    { "nbsp", "\xC2\xA0" },
  };
  g_autofree char *name = g_strndup (entity, len);

  if (name[0] == '#')
    {
      gunichar ch = name[1] == 'x' || name[1] == 'X'
        ? (gunichar) g_ascii_strtoull (name + 2, NULL, 16)
        : (gunichar) g_ascii_strtoull (name + 1, NULL, 10);

      if (ch != 0 && g_unichar_validate (ch))
        g_string_append_unichar (out, ch);
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (named); i++)
    if (g_str_equal (named[i].name, name))
      {
        g_string_append (out, named[i].text);
        return;
      }
  g_string_append_c (out, '&');
  g_string_append (out, name);
  g_string_append_c (out, ';');
}

/* Whether @p starts an HTML tag or comment that the platforms' editors write ("<p>", "</li>",
 * "<br/>", "<!-- -->"), closed on the same line; any other "<" is the citizen's text. */
static gboolean
is_tag (const char *p)
{
  static const char * const names[] = {
    "p", "br", "div", "span", "strong", "em", "b", "i", "u", "s", "a", "ul", "ol", "li", "h1",
    "h2", "h3", "h4", "h5", "h6", "blockquote", "img", "iframe", "sup", "sub", "hr", "table",
    "tr", "td", "th", "tbody", "thead", "code", "pre", "figure", "figcaption", NULL
  };
  const char *end = strchr (p, '>');
  const char *name = p + 1;
  gsize len = 0;

  if (end == NULL || memchr (p, '\n', end - p) != NULL)
    return FALSE;
  if (g_str_has_prefix (p, "<!--"))
    return TRUE;
  if (*name == '/')
    name++;
  while (g_ascii_isalnum (name[len]))
    len++;
  if (len == 0 || (name[len] != '>' && name[len] != ' ' && name[len] != '/'))
    return FALSE;
  for (guint i = 0; names[i] != NULL; i++)
    if (strlen (names[i]) == len && g_ascii_strncasecmp (names[i], name, len) == 0)
      return TRUE;
  return FALSE;
}

/**
 * dlg_import_html_to_text:
 * @html: a platform's HTML body
 *
 * Turns it into plain text, never interpreting it: the tags of the platforms' editors go
 * (paragraphs end with a blank line, line breaks and list items with a line break), character
 * references are decoded, runs of blank lines shrink to one. Any other "<" is text.
 *
 * Returns: (transfer full): the text
 */
char *
dlg_import_html_to_text (const char *html)
{
  GString *out = g_string_new (NULL);
  const char *p = html;

  g_return_val_if_fail (html != NULL, NULL);

  while (*p != '\0')
    {
      if (*p == '<' && is_tag (p))
        {
          const char *end = strchr (p, '>');
          g_autofree char *tag = g_ascii_strdown (p + 1, end - p - 1);

          if (g_str_has_prefix (tag, "/p") || g_str_has_prefix (tag, "/h") ||
              g_str_has_prefix (tag, "/blockquote"))
            g_string_append (out, "\n\n");
          else if (g_str_has_prefix (tag, "br") || g_str_has_prefix (tag, "/li") ||
                   g_str_has_prefix (tag, "/div"))
            g_string_append_c (out, '\n');
          else if (g_str_has_prefix (tag, "li"))
            g_string_append (out, "- ");
          p = end + 1;
          continue;
        }
      if (*p == '&')
        {
          const char *end = p + 1;

          while (g_ascii_isalnum (*end) || *end == '#')
            end++;
          if (*end == ';' && end - p > 1 && end - p < 12)
            {
              append_entity (out, p + 1, end - p - 1);
              p = end + 1;
              continue;
            }
        }
      g_string_append_c (out, *p++);
    }

  /* no more than one blank line in a row, none at the ends */
  {
    g_auto(GStrv) lines = g_strsplit (out->str, "\n", -1);
    GString *text = g_string_new (NULL);
    guint blank = 0;

    for (guint i = 0; lines[i] != NULL; i++)
      {
        g_strstrip (lines[i]);
        if (*lines[i] == '\0')
          {
            blank++;
            continue;
          }
        if (text->len > 0)
          g_string_append (text, blank > 0 ? "\n\n" : "\n");
        g_string_append (text, lines[i]);
        blank = 0;
      }
    g_string_free (out, TRUE);
    return g_string_free (text, FALSE);
  }
}

/**
 * dlg_import_parse_date:
 * @text: a date as platforms write it: ISO 8601, "2017-10-16 07:18:14 UTC", a date alone, or
 *   milliseconds since 1970
 *
 * Returns: (transfer full): the date in ISO 8601 (UTC), or a copy of @text when it is none of
 *   these (the contribution's checks then refuse it, with the reason)
 */
char *
dlg_import_parse_date (const char *text)
{
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  g_autoptr(GDateTime) dt = NULL;
  g_autofree char *iso = NULL;
  g_autofree char *s = NULL;
  guint64 ms;
  char *end;

  g_return_val_if_fail (text != NULL, NULL);

  s = g_strstrip (g_strdup (text));
  if (*s == '\0')
    return g_strdup ("");
  ms = g_ascii_strtoull (s, &end, 10);
  if (*end == '\0' && strlen (s) >= 11)
    {
      dt = g_date_time_new_from_unix_utc (ms / 1000);
      return dt != NULL ? g_date_time_format_iso8601 (dt) : g_strdup (text);
    }
  if (strlen (s) == 10 && s[4] == '-' && s[7] == '-')
    return g_steal_pointer (&s);
  if (g_str_has_suffix (s, " UTC"))
    s[strlen (s) - 4] = '\0';
  iso = g_strdup (s);
  if (strlen (iso) > 10 && iso[10] == ' ')
    iso[10] = 'T';
  if ((dt = g_date_time_new_from_iso8601 (iso, utc)) != NULL)
    {
      g_autoptr(GDateTime) in_utc = g_date_time_to_utc (dt);

      return g_date_time_format (in_utc, "%Y-%m-%dT%H:%M:%SZ");
    }
  return g_strdup (text);
}

/* Whether @path starts as a JSON document does (Cap Collectif's rows). */
gboolean
dlg_import_is_json (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFileInputStream) stream = g_file_read (file, NULL, NULL);
  char buf[64];
  gssize n;

  if (stream == NULL ||
      (n = g_input_stream_read (G_INPUT_STREAM (stream), buf, sizeof buf, NULL, NULL)) <= 0)
    return FALSE;
  for (gssize i = 0; i < n; i++)
    {
      if (i + 2 < n && memcmp (buf + i, "\xEF\xBB\xBF", 3) == 0)
        {
          i += 2;
          continue;
        }
      if (!g_ascii_isspace (buf[i]))
        return buf[i] == '[' || buf[i] == '{';
    }
  return FALSE;
}

/**
 * dlg_import_detect:
 * @path: a file
 *
 * Returns: the format the file's header (or its JSON) says, %DLG_IMPORT_FORMAT_CSV for any
 *   other CSV, %DLG_IMPORT_FORMAT_AUTO with @error set when it cannot be read
 */
DlgImportFormat
dlg_import_detect (const char  *path,
                   GError     **error)
{
  g_autoptr(DlgCsvReader) reader = NULL;
  g_autoptr(DlgCsvRow) header = NULL;
  char separator;

  g_return_val_if_fail (path != NULL, DLG_IMPORT_FORMAT_AUTO);

  if (dlg_import_is_json (path))
    return DLG_IMPORT_FORMAT_CAPCOLLECTIF;
  if (!(reader = dlg_csv_reader_open (path, 0, error)) ||
      !dlg_csv_reader_next (reader, &header, error))
    return DLG_IMPORT_FORMAT_AUTO;
  if (header == NULL)
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, _("%s is empty."), name);
      return DLG_IMPORT_FORMAT_AUTO;
    }
  /* A spreadsheet has no separator: its columns are Decidim's whatever its CSV would use. */
  separator = dlg_csv_reader_is_spreadsheet (reader) ? ';'
                                                     : dlg_csv_reader_get_separator (reader);
  if (dlg_import_polis_matches (header))
    return DLG_IMPORT_FORMAT_POLIS;
  if (dlg_import_consul_matches (header))
    return DLG_IMPORT_FORMAT_CONSUL;
  if (dlg_import_capcollectif_matches (header))
    return DLG_IMPORT_FORMAT_CAPCOLLECTIF;
  if (dlg_import_decidim_matches (header, separator))
    return DLG_IMPORT_FORMAT_DECIDIM;
  return DLG_IMPORT_FORMAT_CSV;
}

/**
 * dlg_import_file:
 * @process_id: the process the contributions go to
 * @path: the file
 * @options: (nullable): the format (detected when AUTO), the locale, the csv format's column
 *   mapping, a dry run, progress and a cancellable
 * @report: (out) (optional) (transfer full): what the file held, and what was added, updated,
 *   left as it was and skipped (with the line and the reason)
 *
 * Imports a platform's export or a spreadsheet into @process_id through the ingestion path, in
 * one transaction: on an error (which names the file, the line and the column) or a cancel,
 * nothing of the file is kept. A dry run counts, then rolls back.
 */
gboolean
dlg_import_file (DlgStore                *store,
                 gint64                   process_id,
                 const char              *path,
                 const DlgImportOptions  *options,
                 DlgImportReport        **report,
                 GError                 **error)
{
  static const DlgImportOptions defaults = { 0 };
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgCsvReader) reader = NULL;
  g_autoptr(DlgImportReport) result = g_new0 (DlgImportReport, 1);
  g_autoptr(GArray) lines = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *display_name = NULL;
  DlgImporter importer = { 0 };
  DlgImportFormat format;
  gboolean ok;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (options == NULL)
    options = &defaults;
  if (!(process = dlg_process_load (store, process_id, error)))
    return FALSE;
  format = options->format;
  if (format == DLG_IMPORT_FORMAT_AUTO &&
      (format = dlg_import_detect (path, error)) == DLG_IMPORT_FORMAT_AUTO)
    return FALSE;
  display_name = g_filename_display_name (path);
  if (!(format == DLG_IMPORT_FORMAT_CAPCOLLECTIF && dlg_import_is_json (path)) &&
      !(reader = dlg_csv_reader_open (path, 0, error)))
    return FALSE;

  result->format = format;
  result->source = dlg_import_format_to_id (format);
  result->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_free);
  result->preview = g_ptr_array_new_with_free_func (g_object_unref);
  importer.store = store;
  importer.process_id = process_id;
  importer.process_uuid = dlg_process_get_uuid (process);
  importer.source = result->source;
  importer.path = path;
  importer.display_name = display_name;
  importer.options = options;
  importer.batch = dlg_ingest_batch_new (importer.source);
  importer.lines = lines;
  importer.report = result;

  if (!dlg_store_begin (store, error))
    {
      dlg_ingest_batch_free (importer.batch);
      return FALSE;
    }
  switch (format)
    {
    case DLG_IMPORT_FORMAT_DECIDIM:
      ok = dlg_import_read_decidim (&importer, reader, error);
      break;
    case DLG_IMPORT_FORMAT_CONSUL:
      ok = dlg_import_read_consul (&importer, reader, error);
      break;
    case DLG_IMPORT_FORMAT_CAPCOLLECTIF:
      ok = dlg_import_read_capcollectif (&importer, reader, error);
      break;
    case DLG_IMPORT_FORMAT_POLIS:
      ok = dlg_import_read_polis (&importer, reader, error);
      break;
    case DLG_IMPORT_FORMAT_CSV:
    case DLG_IMPORT_FORMAT_AUTO:
    default:
      ok = dlg_import_read_csv (&importer, reader, error);
      break;
    }
  ok = ok && flush (&importer, error);
  dlg_ingest_batch_free (importer.batch);
  if (!ok)
    {
      dlg_store_rollback (store);
      return FALSE;
    }
  if (options->dry_run)
    dlg_store_rollback (store);
  else if (!dlg_store_commit (store, error))
    return FALSE;
  else if (result->n_added + result->n_updated > 0)
    dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, process_id);

  if (report != NULL)
    *report = g_steal_pointer (&result);
  return TRUE;
}

/* In a worker thread, on a store of its own */

typedef struct
{
  char             *db_path;
  char             *actor;
  gint64            process_id;
  char             *path;
  DlgImportOptions  options;
  char             *locale;
  char             *map;
  DlgIngestProgressFunc progress;
  gpointer          progress_data;
  GMainContext     *context;
} ImportData;

typedef struct
{
  GTask *task;
  guint  done;
  guint  total;
} ImportProgress;

static void
import_data_free (ImportData *data)
{
  g_free (data->db_path);
  g_free (data->actor);
  g_free (data->path);
  g_free (data->locale);
  g_free (data->map);
  g_clear_object (&data->options.cancellable);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static gboolean
import_progress_cb (gpointer user_data)
{
  ImportProgress *update = user_data;
  ImportData *data = g_task_get_task_data (update->task);

  data->progress (update->done, update->total, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
import_progress_free (gpointer user_data)
{
  ImportProgress *update = user_data;

  g_object_unref (update->task);
  g_free (update);
}

static void
import_thread_progress (guint    done,
                        guint    total,
                        gpointer user_data)
{
  GTask *task = user_data;
  ImportData *data = g_task_get_task_data (task);
  ImportProgress *update = g_new0 (ImportProgress, 1);

  update->task = g_object_ref (task);
  update->done = done;
  update->total = total;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, import_progress_cb, update,
                              import_progress_free);
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(DlgStore) store = NULL;
  DlgImportReport *report = NULL;
  GError *error = NULL;

  if ((store = dlg_store_open (data->db_path, &error)) != NULL)
    {
      dlg_store_set_actor (store, data->actor);
      if (data->progress != NULL)
        {
          data->options.progress = import_thread_progress;
          data->options.progress_data = task;
        }
      if (dlg_import_file (store, data->process_id, data->path, &data->options, &report,
                           &error))
        {
          g_task_return_pointer (task, report, (GDestroyNotify) dlg_import_report_free);
          return;
        }
    }
  g_task_return_error (task, error);
}

/**
 * dlg_import_file_async:
 * @store: a store on a file (the worker opens its own on the same file)
 * @options: (nullable): as dlg_import_file()'s; its progress is called in the caller's
 *   thread-default main context, its progress_data must live until @callback, its
 *   cancellable cancels the import (nothing of the file is then kept)
 *
 * Runs dlg_import_file() in a worker thread.
 */
void
dlg_import_file_async (DlgStore               *store,
                       gint64                  process_id,
                       const char             *path,
                       const DlgImportOptions *options,
                       GAsyncReadyCallback     callback,
                       gpointer                user_data)
{
  static const DlgImportOptions defaults = { 0 };
  g_autoptr(GTask) task = NULL;
  ImportData *data;

  g_return_if_fail (DLG_IS_STORE (store));
  g_return_if_fail (path != NULL);

  if (options == NULL)
    options = &defaults;
  task = g_task_new (store, options->cancellable, callback, user_data);
  g_task_set_source_tag (task, dlg_import_file_async);
  data = g_new0 (ImportData, 1);
  data->db_path = g_strdup (dlg_store_get_path (store));
  data->actor = g_strdup (dlg_store_get_actor (store));
  data->process_id = process_id;
  data->path = g_strdup (path);
  data->options = *options;
  data->locale = g_strdup (options->locale);
  data->map = g_strdup (options->map);
  data->options.locale = data->locale;
  data->options.map = data->map;
  data->options.progress = NULL;
  data->options.progress_data = NULL;
  if (options->cancellable != NULL)
    g_object_ref (options->cancellable);
  data->progress = options->progress;
  data->progress_data = options->progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) import_data_free);
  g_task_run_in_thread (task, import_thread);
}

/**
 * dlg_import_file_finish:
 *
 * Emits @store's DlgStore::changed for the contributions when the import changed some.
 *
 * Returns: (transfer full) (nullable): the report, or %NULL with @error set
 */
DlgImportReport *
dlg_import_file_finish (DlgStore      *store,
                        GAsyncResult  *result,
                        GError       **error)
{
  DlgImportReport *report;
  ImportData *data;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dlg_import_file_async, NULL);

  if (!(report = g_task_propagate_pointer (G_TASK (result), error)))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  if (!data->options.dry_run && report->n_added + report->n_updated > 0)
    dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, data->process_id);
  return report;
}
