/* dlg-export.h — a process's records as CSV, XLSX, JSON or GeoJSON files, and open data
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/**
 * DlgExportWhat:
 * @DLG_EXPORT_CONTRIBUTIONS: the contributions (with their themes)
 * @DLG_EXPORT_RECOMMENDATIONS: the recommendations, their sources and their review
 * @DLG_EXPORT_RESPONSES: the argued response: one position per recommendation
 * @DLG_EXPORT_COMMITMENTS: the commitments and their last update
 * @DLG_EXPORT_PARTICIPANTS: the registrants (profile; contact details unless open data)
 * @DLG_EXPORT_JOURNAL: the journal's entries
 */
typedef enum
{
  DLG_EXPORT_CONTRIBUTIONS,
  DLG_EXPORT_RECOMMENDATIONS,
  DLG_EXPORT_RESPONSES,
  DLG_EXPORT_COMMITMENTS,
  DLG_EXPORT_PARTICIPANTS,
  DLG_EXPORT_JOURNAL,
  DLG_EXPORT_N_WHAT,
} DlgExportWhat;

typedef enum
{
  DLG_EXPORT_CSV,
  DLG_EXPORT_XLSX,
  DLG_EXPORT_JSON,
  DLG_EXPORT_GEOJSON,
  DLG_EXPORT_N_FORMATS,
} DlgExportFormat;

/**
 * DlgExportOptions:
 * @format: the file's format
 * @bom: (CSV) start with a UTF-8 byte order mark, for spreadsheets that need one
 * @open_data: no personal data: see dlg_export_run()
 * @round_coordinates: decimal places kept in latitudes and longitudes, or -1 for all
 * @licence: (nullable): the licence's id for open data (dlg_export_licence_is_known()),
 *   %NULL for "etalab-2.0" (Licence Ouverte 2.0)
 */
typedef struct
{
  DlgExportFormat  format;
  gboolean         bom;
  gboolean         open_data;
  int              round_coordinates;
  const char      *licence;
} DlgExportOptions;

/**
 * DlgExportResult:
 * @n_rows: the rows written
 * @dictionary_path: (nullable): the data dictionary written beside an open-data file
 * @licence_path: (nullable): the licence written beside an open-data file
 */
typedef struct
{
  guint64  n_rows;
  char    *dictionary_path;
  char    *licence_path;
} DlgExportResult;

void dlg_export_result_clear (DlgExportResult *result);

/* Called from the exporting thread every 10,000 rows and at the end. */
typedef void (*DlgExportProgress) (guint64  n_rows,
                                   gpointer user_data);

#define DLG_EXPORT_ROUND_NONE (-1)
#define DLG_EXPORT_ROUND_MAX  8

const char *dlg_export_what_to_id          (DlgExportWhat    what);
gboolean    dlg_export_what_from_id        (const char      *id,
                                            DlgExportWhat   *what);
const char *dlg_export_format_to_id        (DlgExportFormat  format);
gboolean    dlg_export_format_from_id      (const char      *id,
                                            DlgExportFormat *format);
gboolean    dlg_export_licence_is_known    (const char      *id);
const char *const *dlg_export_licence_ids  (void);

guint64     dlg_export_count               (DlgStore               *store,
                                            gint64                  process_id,
                                            DlgExportWhat           what,
                                            const DlgExportOptions *options,
                                            GError                **error);
gboolean    dlg_export_run                 (DlgStore               *store,
                                            gint64                  process_id,
                                            DlgExportWhat           what,
                                            const DlgExportOptions *options,
                                            const char             *path,
                                            GCancellable           *cancellable,
                                            DlgExportProgress       progress,
                                            gpointer                user_data,
                                            DlgExportResult        *result,
                                            GError                **error);

/* Called in the caller's main context; @total is dlg_export_count() at the start. */
typedef void (*DlgExportAsyncProgress) (guint64  n_rows,
                                        guint64  total,
                                        gpointer user_data);

void        dlg_export_run_async           (DlgStore               *store,
                                            gint64                  process_id,
                                            DlgExportWhat           what,
                                            const DlgExportOptions *options,
                                            const char             *path,
                                            GCancellable           *cancellable,
                                            DlgExportAsyncProgress  progress,
                                            gpointer                progress_data,
                                            GAsyncReadyCallback     callback,
                                            gpointer                user_data);
gboolean    dlg_export_run_finish          (DlgStore               *store,
                                            GAsyncResult           *result,
                                            DlgExportResult        *export_result,
                                            GError                **error);

G_END_DECLS
