/* dlg-import.h — contributions from the files platforms and spreadsheets write
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-ingest.h"
#include "dlg-types.h"

G_BEGIN_DECLS

typedef enum
{
  DLG_IMPORT_FORMAT_AUTO,
  DLG_IMPORT_FORMAT_DECIDIM,
  DLG_IMPORT_FORMAT_CONSUL,
  DLG_IMPORT_FORMAT_CAPCOLLECTIF,
  DLG_IMPORT_FORMAT_POLIS,
  DLG_IMPORT_FORMAT_CSV,
} DlgImportFormat;

const char *dlg_import_format_to_id   (DlgImportFormat  format);
gboolean    dlg_import_format_from_id (const char      *id,
                                       DlgImportFormat *format);

typedef struct
{
  DlgImportFormat        format;         /* AUTO: detected from the file */
  const char            *locale;         /* nullable: the language of `field/locale` columns */
  const char            *map;            /* "COL=FIELD,…": required by the csv format */
  gboolean               dry_run;        /* count, then roll everything back */
  guint                  batch_size;     /* items per ingestion batch; 0 for 1,000 */
  guint                  preview_rows;   /* the report keeps the first ones read */
  DlgIngestProgressFunc  progress;       /* nullable: KiB read of the file's KiB */
  gpointer               progress_data;
  GCancellable          *cancellable;
} DlgImportOptions;

typedef struct
{
  guint  line;        /* where the item starts in the file, from 1 (0 for a JSON row) */
  char  *source_id;
  char  *reason;      /* translated */
} DlgImportSkip;

typedef struct
{
  DlgImportFormat  format;
  const char      *source;     /* the ingestion source: "decidim", "consul"… */
  guint            n_read;     /* contributions the file holds */
  guint            n_added;
  guint            n_updated;
  guint            n_unchanged;
  GPtrArray       *skipped;    /* DlgImportSkip */
  GPtrArray       *preview;    /* DlgContribution: the first options->preview_rows read */
} DlgImportReport;

void             dlg_import_report_free (DlgImportReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgImportReport, dlg_import_report_free)

DlgImportFormat  dlg_import_detect      (const char              *path,
                                         GError                 **error);
gboolean         dlg_import_file        (DlgStore                *store,
                                         gint64                   process_id,
                                         const char              *path,
                                         const DlgImportOptions  *options,
                                         DlgImportReport        **report,
                                         GError                 **error);

void             dlg_import_file_async  (DlgStore                *store,
                                         gint64                   process_id,
                                         const char              *path,
                                         const DlgImportOptions  *options,
                                         GAsyncReadyCallback      callback,
                                         gpointer                 user_data);
DlgImportReport *dlg_import_file_finish (DlgStore                *store,
                                         GAsyncResult            *result,
                                         GError                 **error);

/* The csv format's column mapping (dlg-import-mapping.c). */
const char * const *dlg_import_fields    (void);
char           **dlg_import_read_columns (const char              *path,
                                          GError                 **error);
char            *dlg_import_guess_map    (const char * const      *columns);
gboolean         dlg_import_load_settings (DlgStore               *store,
                                           gint64                  process_id,
                                           DlgImportFormat        *format,
                                           char                  **map,
                                           char                  **locale,
                                           GError                **error);
gboolean         dlg_import_save_settings (DlgStore               *store,
                                           gint64                  process_id,
                                           DlgImportFormat         format,
                                           const char             *map,
                                           const char             *locale,
                                           GError                **error);

/* Used by the readers and their tests. */
char            *dlg_import_html_to_text (const char *html);
/* The uuid a source's item gets in a process: the same at every import or pull, so that a
 * comment names its parent's before the parent is stored (the live adapters use it too). */
char            *dlg_import_source_uuid  (const char *process_uuid,
                                          const char *source,
                                          const char *source_id);
/* (transfer full): the members every source sets on a contribution (sync v1's JSON): online,
 * @date read by dlg_import_parse_date(), the author reference "<@author_prefix>:<@author>"
 * when there is one. */
JsonObject      *dlg_import_new_item     (const char *author_prefix,
                                          const char *feature,
                                          const char *kind,
                                          const char *moderation,
                                          const char *date,
                                          const char *author);
char            *dlg_import_parse_date   (const char *text);

G_END_DECLS
