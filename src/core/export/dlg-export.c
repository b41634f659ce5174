/* dlg-export.c — streaming a process's records into a file, and open data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The rows come from one prepared statement, stepped one at a time, and each goes to its
 * writer at once: memory does not grow with the number of rows. The file is written beside
 * its final place (".NAME.XXXXXX") and renamed at the end, so that a failure (a full disk, a
 * cancel) leaves no half-written file where the officer asked for one; a path that is not a
 * regular file (a pipe, a terminal, /dev/full) is written directly.
 */

#define G_LOG_DOMAIN "dlg-export"

#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dlg-error.h"
#include "dlg-export-private.h"
#include "dlg-journal.h"
#include "dlg-process.h"

#define PROGRESS_EVERY 10000
#define CANCEL_EVERY 1000

static const char *const what_ids[] = {
  "contributions", "recommendations", "responses", "commitments", "participants", "journal",
};
G_STATIC_ASSERT (G_N_ELEMENTS (what_ids) == DLG_EXPORT_N_WHAT);

static const char *const format_ids[] = { "csv", "xlsx", "json", "geojson" };
G_STATIC_ASSERT (G_N_ELEMENTS (format_ids) == DLG_EXPORT_N_FORMATS);

/* Where the file goes. */
typedef struct
{
  char     *path;
  char     *display_name;
  char     *tmp_path;  /* the file being written, renamed to path at the end */
  int       fd;        /* the temporary file, or path itself when direct */
  gboolean  direct;
} Output;

static void
output_clear (Output *out)
{
  if (out->fd >= 0)
    close (out->fd);
  out->fd = -1;
  if (out->tmp_path != NULL)
    g_unlink (out->tmp_path);
  g_clear_pointer (&out->tmp_path, g_free);
  g_clear_pointer (&out->path, g_free);
  g_clear_pointer (&out->display_name, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Output, output_clear)

static gboolean
set_open_error (const char  *display_name,
                int          saved_errno,
                GError     **error)
{
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               _("Could not write “%s”: %s"), display_name, g_strerror (saved_errno));
  return FALSE;
}

/* @tmp_elsewhere: the temporary file is for a library that opens it by name (XLSX), which a
 * direct output copies at the end. */
static gboolean
output_open (Output      *out,
             const char  *path,
             gboolean     private,
             gboolean     tmp_elsewhere,
             GError     **error)
{
  struct stat st;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmpl = NULL;

  out->fd = -1;
  out->path = g_strdup (path);
  out->display_name = g_filename_display_name (path);
  if (stat (path, &st) == 0 && S_ISDIR (st.st_mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   _("“%s” is a folder: give the name of the file to write."),
                   out->display_name);
      return FALSE;
    }
  if (stat (path, &st) == 0 && !S_ISREG (st.st_mode))
    {
      out->direct = TRUE;
      out->fd = open (path, O_WRONLY | O_CLOEXEC);
      if (out->fd < 0)
        return set_open_error (out->display_name, errno, error);
      if (!tmp_elsewhere)
        return TRUE;
      dir = g_strdup (g_get_tmp_dir ());
    }
  else
    dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmpl = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  {
    int fd = g_mkstemp_full (tmpl, O_RDWR | O_CLOEXEC, private ? 0600 : 0666);

    if (fd < 0)
      return set_open_error (out->display_name, errno, error);
    out->tmp_path = g_steal_pointer (&tmpl);
    if (out->direct)
      close (fd);
    else
      out->fd = fd;
  }
  return TRUE;
}

/* Copies the temporary file to a direct output. */
static gboolean
output_copy_tmp (Output  *out,
                 GError **error)
{
  g_autoptr(DlgExportSink) sink = dlg_export_sink_new (out->fd, out->display_name);
  char buf[65536];
  int fd = open (out->tmp_path, O_RDONLY | O_CLOEXEC);
  gssize n;

  if (fd < 0)
    return set_open_error (out->display_name, errno, error);
  while ((n = read (fd, buf, sizeof buf)) != 0)
    {
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0 || !dlg_export_sink_write (sink, buf, n, error))
        {
          if (n < 0)
            set_open_error (out->display_name, errno, error);
          close (fd);
          return FALSE;
        }
    }
  close (fd);
  return TRUE;
}

/* Everything is written: sync, close, rename over the final path. */
static gboolean
output_commit (Output  *out,
               GError **error)
{
  if (out->direct && out->tmp_path != NULL && !output_copy_tmp (out, error))
    return FALSE;
  if (!out->direct && out->fd >= 0 && fsync (out->fd) != 0)
    return set_open_error (out->display_name, errno, error);
  if (out->fd >= 0)
    {
      int fd = out->fd;

      out->fd = -1;
      if (close (fd) != 0)
        return set_open_error (out->display_name, errno, error);
    }
  if (out->direct)
    return TRUE;
  if (g_rename (out->tmp_path, out->path) != 0)
    return set_open_error (out->display_name, errno, error);
  g_clear_pointer (&out->tmp_path, g_free);
  return TRUE;
}

/* Ids */

const char *
dlg_export_what_to_id (DlgExportWhat what)
{
  g_return_val_if_fail (what < DLG_EXPORT_N_WHAT, NULL);
  return what_ids[what];
}

static gboolean
find_id (const char *const *ids,
         guint              n_ids,
         const char        *id,
         guint             *index)
{
  for (guint i = 0; i < n_ids; i++)
    if (id != NULL && g_str_equal (id, ids[i]))
      {
        *index = i;
        return TRUE;
      }
  return FALSE;
}

gboolean
dlg_export_what_from_id (const char    *id,
                         DlgExportWhat *what)
{
  guint i;

  if (!find_id (what_ids, G_N_ELEMENTS (what_ids), id, &i))
    return FALSE;
  *what = i;
  return TRUE;
}

const char *
dlg_export_format_to_id (DlgExportFormat format)
{
  g_return_val_if_fail (format < DLG_EXPORT_N_FORMATS, NULL);
  return format_ids[format];
}

gboolean
dlg_export_format_from_id (const char      *id,
                           DlgExportFormat *format)
{
  guint i;

  if (!find_id (format_ids, G_N_ELEMENTS (format_ids), id, &i))
    return FALSE;
  *format = i;
  return TRUE;
}

void
dlg_export_result_clear (DlgExportResult *result)
{
  g_clear_pointer (&result->dictionary_path, g_free);
  g_clear_pointer (&result->licence_path, g_free);
  result->n_rows = 0;
}

static gboolean
check_options (DlgExportWhat            what,
               const DlgExportOptions  *options,
               GError                 **error)
{
  if (options->format == DLG_EXPORT_GEOJSON && what != DLG_EXPORT_CONTRIBUTIONS)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("Only contributions have a location: GeoJSON exports contributions."));
      return FALSE;
    }
  if (options->round_coordinates < DLG_EXPORT_ROUND_NONE ||
      options->round_coordinates > DLG_EXPORT_ROUND_MAX)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("Coordinates can be rounded to 0 to %d decimal places."),
                   DLG_EXPORT_ROUND_MAX);
      return FALSE;
    }
  if (options->licence != NULL && !dlg_export_licence_is_known (options->licence))
    {
      g_autofree char *known = g_strjoinv (", ", (char **) dlg_export_licence_ids ());

      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("Unknown licence “%s”: choose one of %s."), options->licence, known);
      return FALSE;
    }
  return TRUE;
}

static void
bind_source (sqlite3_stmt            *stmt,
             gint64                   process_id,
             const DlgExportOptions  *options)
{
  sqlite3_bind_int64 (stmt, 1, process_id);
  sqlite3_bind_int (stmt, 2, options->open_data ? 1 : 0);
  sqlite3_bind_int (stmt, 3, options->format == DLG_EXPORT_GEOJSON ? 1 : 0);
}

/**
 * dlg_export_count:
 *
 * Returns: how many rows dlg_export_run() would write (for a progress bar), or 0 with @error
 */
guint64
dlg_export_count (DlgStore                *store,
                  gint64                   process_id,
                  DlgExportWhat            what,
                  const DlgExportOptions  *options,
                  GError                 **error)
{
  const DlgExportSource *source;
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), 0);
  g_return_val_if_fail (what < DLG_EXPORT_N_WHAT, 0);
  source = dlg_export_source_get (what);
  if (!(stmt = dlg_store_prepare (store, source->count_sql, error)))
    return 0;
  bind_source (stmt, process_id, options);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      dlg_store_set_error (store, rc, error);
      return 0;
    }
  return sqlite3_column_int64 (stmt, 0);
}

/* What one row's cells need while it is written. */
typedef struct
{
  const DlgExportColumn **columns;
  guint                  *sql_index;
  guint                   n;
  DlgExportValue         *values;
  GString               **scratch;
  DlgOpenData            *open_data;
  int                     round;
  double                  scale;
} Row;

static void
row_clear (Row *row)
{
  for (guint i = 0; row->scratch != NULL && i < row->n; i++)
    g_string_free (row->scratch[i], TRUE);
  g_clear_pointer (&row->scratch, g_free);
  g_clear_pointer (&row->columns, g_free);
  g_clear_pointer (&row->sql_index, g_free);
  g_clear_pointer (&row->values, g_free);
}

static void
row_init (Row                   *row,
          const DlgExportSource *source,
          DlgOpenData           *open_data,
          int                    round)
{
  DlgExportColumnFlags dropped = open_data != NULL
                                 ? DLG_EXPORT_COL_PERSONAL | DLG_EXPORT_COL_INTERNAL : 0;

  row->columns = g_new0 (const DlgExportColumn *, source->n_columns);
  row->sql_index = g_new0 (guint, source->n_columns);
  row->n = 0;
  for (guint i = 0; i < source->n_columns; i++)
    if ((source->columns[i].flags & dropped) == 0)
      {
        row->columns[row->n] = &source->columns[i];
        row->sql_index[row->n] = i;
        row->n++;
      }
  row->values = g_new0 (DlgExportValue, row->n);
  row->scratch = g_new0 (GString *, row->n);
  for (guint i = 0; i < row->n; i++)
    row->scratch[i] = g_string_new (NULL);
  row->open_data = open_data;
  row->round = round;
  row->scale = round >= 0 ? pow (10, round) : 1;
}

static void
row_read (Row          *row,
          sqlite3_stmt *stmt)
{
  for (guint i = 0; i < row->n; i++)
    {
      const DlgExportColumn *column = row->columns[i];
      DlgExportValue *v = &row->values[i];
      int c = row->sql_index[i];

      v->null = sqlite3_column_type (stmt, c) == SQLITE_NULL;
      if (v->null)
        continue;
      switch (column->type)
        {
        case DLG_EXPORT_TYPE_INTEGER:
        case DLG_EXPORT_TYPE_BOOLEAN:
          v->integer = sqlite3_column_int64 (stmt, c);
          break;
        case DLG_EXPORT_TYPE_NUMBER:
          v->number = sqlite3_column_double (stmt, c);
          if (row->round >= 0 &&
              (column->flags & (DLG_EXPORT_COL_LATITUDE | DLG_EXPORT_COL_LONGITUDE)))
            v->number = round (v->number * row->scale) / row->scale;
          break;
        case DLG_EXPORT_TYPE_TEXT:
        case DLG_EXPORT_TYPE_DATETIME:
        case DLG_EXPORT_TYPE_DATE:
        default:
          v->text = (const char *) sqlite3_column_text (stmt, c);
          v->len = sqlite3_column_bytes (stmt, c);
          if (!g_utf8_validate_len (v->text, v->len, NULL))
            {
              g_autofree char *valid = g_utf8_make_valid (v->text, v->len);

              g_string_assign (row->scratch[i], valid);
              v->text = row->scratch[i]->str;
              v->len = row->scratch[i]->len;
            }
          if (row->open_data == NULL)
            break;
          if ((column->flags & DLG_EXPORT_COL_PSEUDONYM) ||
              ((column->flags & DLG_EXPORT_COL_OBJECT_REF) && i > 0 && !row->values[i - 1].null &&
               g_str_has_prefix (row->values[i - 1].text, column->kind)))
            {
              g_autoptr(GString) pseudonym = g_string_new (NULL);

              dlg_open_data_pseudonym (row->open_data, column->kind, v->text, v->len, pseudonym);
              g_string_assign (row->scratch[i], pseudonym->str);
              v->text = row->scratch[i]->str;
              v->len = row->scratch[i]->len;
            }
          else if (column->flags & DLG_EXPORT_COL_FREE_TEXT)
            {
              g_autoptr(GString) masked = g_string_new (NULL);

              dlg_open_data_mask (row->open_data, v->text, v->len, masked);
              g_string_assign (row->scratch[i], masked->str);
              v->text = row->scratch[i]->str;
              v->len = row->scratch[i]->len;
            }
          break;
        }
    }
}

static gboolean
write_companions (DlgProcess              *process,
                  const DlgExportOptions  *options,
                  Output                  *out,
                  Row                     *row,
                  DlgExportResult         *result,
                  GError                 **error)
{
  g_autofree char *dictionary = g_strconcat (out->path, ".dictionary.csv", NULL);
  g_autofree char *licence = g_strconcat (out->path, ".licence.txt", NULL);
  g_autofree char *file_name = g_path_get_basename (out->path);
  g_autofree char *text = dlg_open_data_licence_text (options->licence,
                                                      dlg_process_get_title (process),
                                                      file_name);

  if (!dlg_open_data_write_dictionary (dictionary, row->columns, row->n,
                                       options->format == DLG_EXPORT_GEOJSON, error))
    return FALSE;
  if (!g_file_set_contents_full (licence, text, -1, G_FILE_SET_CONTENTS_CONSISTENT, 0666,
                                 error))
    {
      g_unlink (dictionary);
      return FALSE;
    }
  result->dictionary_path = g_steal_pointer (&dictionary);
  result->licence_path = g_steal_pointer (&licence);
  return TRUE;
}

/* The export of contact details is journaled, as the panel's (never the data itself). */
static gboolean
journal_contacts (DlgStore    *store,
                  DlgProcess  *process,
                  Output      *out,
                  guint64      n,
                  GError     **error)
{
  g_autofree char *name = g_path_get_basename (out->path);
  g_autofree char *summary = NULL;

  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The contact details of %u registrant were exported "
                                          "to “%s”.",
                                          "The contact details of %u registrants were exported "
                                          "to “%s”.", n),
                             (guint) n, name);
  return dlg_journal_append (store, dlg_process_get_id (process), "panel.contacts_export",
                             "process", dlg_process_get_uuid (process), summary, error);
}

/**
 * dlg_export_run:
 * @path: the file to write; replaced only once it is whole
 * @progress: (nullable): called every 10,000 rows
 * @result: (out caller-allocates): rows written and, for open data, the files beside
 *
 * Writes @what of the process to @path in @options' format, row by row.
 *
 * With @options->open_data, the file holds no personal data: no column of the contact table
 * (nor households, the sources' ids of registrants, raw data received with contributions, the
 * team's notes and internal reviews), only published contributions, every reference to a
 * person replaced by its pseudonym in this process, e-mail addresses, phone numbers, street
 * addresses and the names the contact table knows masked in free text; a data dictionary
 * (@path.dictionary.csv) and the licence (@path.licence.txt) are written beside it.
 *
 * An export with contact details (participants, not open data) is journaled as
 * "panel.contacts_export" and its file is readable by its owner only.
 *
 * Returns: whether the file was written; on failure nothing is left at @path
 */
gboolean
dlg_export_run (DlgStore                *store,
                gint64                   process_id,
                DlgExportWhat            what,
                const DlgExportOptions  *options,
                const char              *path,
                GCancellable            *cancellable,
                DlgExportProgress        progress,
                gpointer                 user_data,
                DlgExportResult         *result,
                GError                 **error)
{
  const DlgExportSource *source;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgOpenData) open_data = NULL;
  g_autoptr(DlgExportSink) sink = NULL;
  g_autoptr(DlgExportWriter) writer = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_auto(Output) out = { .fd = -1 };
  Row row = { 0 };
  gboolean contacts = FALSE;
  gboolean ok = FALSE;
  guint64 n = 0;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (what < DLG_EXPORT_N_WHAT, FALSE);
  g_return_val_if_fail (options != NULL && options->format < DLG_EXPORT_N_FORMATS, FALSE);
  g_return_val_if_fail (path != NULL && result != NULL, FALSE);

  memset (result, 0, sizeof *result);
  source = dlg_export_source_get (what);
  if (!check_options (what, options, error))
    return FALSE;
  if (!(process = dlg_process_load (store, process_id, error)))
    return FALSE;
  if (options->open_data && !(open_data = dlg_open_data_new (store, process_id, error)))
    return FALSE;
  row_init (&row, source, open_data, options->round_coordinates);
  for (guint i = 0; i < row.n; i++)
    contacts |= (row.columns[i]->flags & DLG_EXPORT_COL_CONTACT) != 0;

  if (!output_open (&out, path, contacts, options->format == DLG_EXPORT_XLSX, error))
    goto out;
  switch (options->format)
    {
    case DLG_EXPORT_XLSX:
      {
        g_autofree char *dir = g_path_get_dirname (out.tmp_path);

        writer = dlg_export_xlsx_writer_new (out.tmp_path, dir);
      }
      break;
    case DLG_EXPORT_JSON:
      sink = dlg_export_sink_new (out.fd, out.display_name);
      writer = dlg_export_json_writer_new (sink);
      break;
    case DLG_EXPORT_GEOJSON:
      sink = dlg_export_sink_new (out.fd, out.display_name);
      writer = dlg_export_geojson_writer_new (sink);
      break;
    case DLG_EXPORT_CSV:
    case DLG_EXPORT_N_FORMATS:
    default:
      sink = dlg_export_sink_new (out.fd, out.display_name);
      writer = dlg_export_csv_writer_new (sink, options->bom);
      break;
    }
  if (!writer->begin (writer, source->id, row.columns, row.n, error))
    goto out;
  if (!(stmt = dlg_store_prepare (store, source->sql, error)))
    goto out;
  bind_source (stmt, process_id, options);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      row_read (&row, stmt);
      if (!writer->row (writer, row.values, error))
        goto out;
      n++;
      if (n % CANCEL_EVERY == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        goto out;
      if (progress != NULL && n % PROGRESS_EVERY == 0)
        progress (n, user_data);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      goto out;
    }
  g_clear_pointer (&stmt, dlg_stmt_release);
  if (!writer->finish (writer, error))
    goto out;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (open_data != NULL && !out.direct && !write_companions (process, options, &out, &row,
                                                             result, error))
    goto out;
  if (contacts)
    {
      if (!dlg_store_begin (store, error))
        goto out;
      if (!journal_contacts (store, process, &out, n, error) || !output_commit (&out, error) ||
          !dlg_store_commit (store, error))
        {
          dlg_store_rollback (store);
          goto out;
        }
      dlg_store_emit_changed (store, DLG_TYPE_JOURNAL_ENTRY, process_id);
    }
  else if (!output_commit (&out, error))
    goto out;
  if (progress != NULL)
    progress (n, user_data);
  result->n_rows = n;
  ok = TRUE;

out:
  if (!ok)
    {
      if (result->dictionary_path != NULL)
        g_unlink (result->dictionary_path);
      if (result->licence_path != NULL)
        g_unlink (result->licence_path);
      dlg_export_result_clear (result);
    }
  row_clear (&row);
  return ok;
}

/* In a worker thread */

typedef struct
{
  char                   *db_path;
  char                   *actor;
  gint64                  process_id;
  DlgExportWhat           what;
  DlgExportOptions        options;
  char                   *licence;
  char                   *path;
  DlgExportAsyncProgress  progress;
  gpointer                progress_data;
  GMainContext           *context;
  guint64                 total;
} RunData;

typedef struct
{
  GTask   *task;
  guint64  n_rows;
} ProgressUpdate;

static void
run_data_free (RunData *data)
{
  g_free (data->db_path);
  g_free (data->actor);
  g_free (data->licence);
  g_free (data->path);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_free (data);
}

static void
progress_update_free (gpointer user_data)
{
  ProgressUpdate *update = user_data;

  g_object_unref (update->task);
  g_free (update);
}

static gboolean
progress_update_cb (gpointer user_data)
{
  ProgressUpdate *update = user_data;
  RunData *data = g_task_get_task_data (update->task);

  data->progress (update->n_rows, data->total, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
thread_progress_cb (guint64  n_rows,
                    gpointer user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->task = g_object_ref (task);
  update->n_rows = n_rows;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_update_cb, update,
                              progress_update_free);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(DlgStore) store = NULL;
  DlgExportResult *result = g_new0 (DlgExportResult, 1);
  GError *error = NULL;

  if ((store = dlg_store_open (data->db_path, &error)) != NULL)
    {
      dlg_store_set_actor (store, data->actor);
      data->total = dlg_export_count (store, data->process_id, data->what, &data->options, NULL);
      if (dlg_export_run (store, data->process_id, data->what, &data->options, data->path,
                          cancellable, data->progress != NULL ? thread_progress_cb : NULL, task,
                          result, &error))
        {
          g_task_return_pointer (task, result, g_free);
          return;
        }
    }
  g_free (result);
  g_task_return_error (task, error);
}

/**
 * dlg_export_run_async:
 * @store: a store on a file (the worker opens its own on the same file)
 * @progress: (nullable): called in the caller's thread-default main context; @progress_data
 *   must live until @callback
 *
 * Runs dlg_export_run() in a worker thread.
 */
void
dlg_export_run_async (DlgStore                *store,
                      gint64                   process_id,
                      DlgExportWhat            what,
                      const DlgExportOptions  *options,
                      const char              *path,
                      GCancellable            *cancellable,
                      DlgExportAsyncProgress   progress,
                      gpointer                 progress_data,
                      GAsyncReadyCallback      callback,
                      gpointer                 user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (DLG_IS_STORE (store));
  g_return_if_fail (options != NULL && path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dlg_export_run_async);
  data = g_new0 (RunData, 1);
  data->db_path = g_strdup (dlg_store_get_path (store));
  data->actor = g_strdup (dlg_store_get_actor (store));
  data->process_id = process_id;
  data->what = what;
  data->options = *options;
  data->licence = g_strdup (options->licence);
  data->options.licence = data->licence;
  data->path = g_strdup (path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * dlg_export_run_finish:
 * @export_result: (out caller-allocates): as dlg_export_run()'s
 *
 * Emits @store's DlgStore::changed for the journal when the export was journaled.
 */
gboolean
dlg_export_run_finish (DlgStore         *store,
                       GAsyncResult     *result,
                       DlgExportResult  *export_result,
                       GError          **error)
{
  DlgExportResult *value;
  RunData *data;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dlg_export_run_async, FALSE);

  memset (export_result, 0, sizeof *export_result);
  value = g_task_propagate_pointer (G_TASK (result), error);
  if (value == NULL)
    return FALSE;
  *export_result = *value;
  g_free (value);
  data = g_task_get_task_data (G_TASK (result));
  if (data->what == DLG_EXPORT_PARTICIPANTS && !data->options.open_data)
    dlg_store_emit_changed (store, DLG_TYPE_JOURNAL_ENTRY, data->process_id);
  return TRUE;
}

/* Benchmarks */

static const char sql_bench_fill[] =
  "WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < ?2)"
  " INSERT INTO contribution (uuid, process_id, feature, kind, channel, author_ref, title,"
  "  body, lat, lon, created_at, moderation, supports, source)"
  " SELECT printf ('%08x-0000-4000-8000-%012x', ?1, i), ?1, 'map', 'pin', 'online', 'author-' || (i % 5000),"
  "  'Idée numéro ' || i, 'Un texte de contribution, avec une virgule et des \"guillemets\" '"
  "  || i, 47.2 + (i % 1000) * 0.0001, -1.55 + (i % 777) * 0.0001,"
  "  strftime ('%Y-%m-%dT%H:%M:%SZ', 1700000000 + i, 'unixepoch'), 'published', i % 17,"
  "  'bench' FROM n";

/**
 * dlg_export_fill_for_bench:
 *
 * Adds @n located, published contributions to the process in one statement (the FTS index
 * follows through its triggers). Their uuids follow one another, so that the unique index
 * grows at its end instead of being read at random. For the benchmarks only.
 */
gboolean
dlg_export_fill_for_bench (DlgStore  *store,
                           gint64     process_id,
                           guint      n,
                           GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_bench_fill, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  sqlite3_bind_int64 (stmt, 2, n);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  g_clear_pointer (&stmt, dlg_stmt_release);
  return dlg_store_commit (store, error);

fail:
  dlg_store_rollback (store);
  return FALSE;
}
