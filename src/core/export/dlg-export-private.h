/* dlg-export-private.h — the parts of an export: sources, values, writers, the open-data filter
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-export.h"
#include "dlg-store-private.h"

G_BEGIN_DECLS

typedef enum
{
  DLG_EXPORT_TYPE_TEXT,
  DLG_EXPORT_TYPE_INTEGER,
  DLG_EXPORT_TYPE_NUMBER,
  DLG_EXPORT_TYPE_BOOLEAN,
  DLG_EXPORT_TYPE_DATETIME,
  DLG_EXPORT_TYPE_DATE,
} DlgExportType;

/**
 * DlgExportColumnFlags:
 * @DLG_EXPORT_COL_PERSONAL: personal data (the contact table, households): never in open data
 * @DLG_EXPORT_COL_INTERNAL: the officers' own (notes, internal advice): not in open data
 * @DLG_EXPORT_COL_PSEUDONYM: a reference to a person: replaced by its pseudonym in open data
 * @DLG_EXPORT_COL_FREE_TEXT: text people typed: e-mails, phones, addresses and known names
 *   masked in open data
 * @DLG_EXPORT_COL_LATITUDE, @DLG_EXPORT_COL_LONGITUDE: rounded on request; GeoJSON's point
 * @DLG_EXPORT_COL_OBJECT_REF: the journal's object id: a pseudonym in open data when the
 *   previous column names a participant
 * @DLG_EXPORT_COL_CONTACT: a column of the contact table (its export is journaled)
 */
typedef enum
{
  DLG_EXPORT_COL_PERSONAL   = 1 << 0,
  DLG_EXPORT_COL_INTERNAL   = 1 << 1,
  DLG_EXPORT_COL_PSEUDONYM  = 1 << 2,
  DLG_EXPORT_COL_FREE_TEXT  = 1 << 3,
  DLG_EXPORT_COL_LATITUDE   = 1 << 4,
  DLG_EXPORT_COL_LONGITUDE  = 1 << 5,
  DLG_EXPORT_COL_OBJECT_REF = 1 << 6,
  DLG_EXPORT_COL_CONTACT    = 1 << 7,
} DlgExportColumnFlags;

typedef struct
{
  const char           *name;
  DlgExportType         type;
  DlgExportColumnFlags  flags;
  /* For PSEUDONYM and OBJECT_REF: what the reference names ("author", "participant"…), so
   * that two kinds of reference with the same text get different pseudonyms. */
  const char           *kind;
  const char           *description;
} DlgExportColumn;

typedef struct
{
  const char            *id;
  /* ?1 the process, ?2 1 for open data, ?3 1 for located rows only; its columns in the order
   * of columns[]. */
  const char            *sql;
  const char            *count_sql;
  const DlgExportColumn *columns;
  guint                  n_columns;
} DlgExportSource;

const DlgExportSource *dlg_export_source_get (DlgExportWhat what);

/* One cell: text (and dates, as ISO 8601) in text/len, numbers in integer/number. */
typedef struct
{
  gboolean    null;
  const char *text;
  gsize       len;
  gint64      integer;
  double      number;
} DlgExportValue;

/* Where the text formats go: a file descriptor behind a 64 KiB buffer. */
typedef struct _DlgExportSink DlgExportSink;

DlgExportSink *dlg_export_sink_new    (int            fd,
                                       const char    *display_name);
void           dlg_export_sink_free   (DlgExportSink *sink);
GString       *dlg_export_sink_buffer (DlgExportSink *sink);
gboolean       dlg_export_sink_maybe_flush (DlgExportSink *sink,
                                            GError       **error);
gboolean       dlg_export_sink_flush  (DlgExportSink *sink,
                                       GError       **error);
gboolean       dlg_export_sink_write  (DlgExportSink *sink,
                                       const void    *data,
                                       gsize          len,
                                       GError       **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgExportSink, dlg_export_sink_free)

typedef struct _DlgExportWriter DlgExportWriter;

struct _DlgExportWriter
{
  gboolean (*begin)  (DlgExportWriter        *self,
                      const char             *sheet_name,
                      const DlgExportColumn **columns,
                      guint                   n_columns,
                      GError                **error);
  gboolean (*row)    (DlgExportWriter        *self,
                      const DlgExportValue   *values,
                      GError                **error);
  gboolean (*finish) (DlgExportWriter        *self,
                      GError                **error);
  void     (*free)   (DlgExportWriter        *self);
};

DlgExportWriter *dlg_export_csv_writer_new     (DlgExportSink *sink,
                                                gboolean       bom);
DlgExportWriter *dlg_export_json_writer_new    (DlgExportSink *sink);
DlgExportWriter *dlg_export_geojson_writer_new (DlgExportSink *sink);
DlgExportWriter *dlg_export_xlsx_writer_new    (const char    *path,
                                                const char    *tmpdir);

void             dlg_export_writer_free        (DlgExportWriter *writer);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgExportWriter, dlg_export_writer_free)

/* Shared by the writers. */
gboolean dlg_export_needs_formula_guard (const char *text,
                                         gsize       len);
void     dlg_export_append_json_string  (GString    *out,
                                         const char *text,
                                         gsize       len);
void     dlg_export_append_number       (GString    *out,
                                         double      number);
void     dlg_export_append_csv_cell     (GString    *out,
                                         const char *text,
                                         gboolean    first);

/* Open data (dlg-open-data.c). */
typedef struct _DlgOpenData DlgOpenData;

DlgOpenData *dlg_open_data_new        (DlgStore     *store,
                                       gint64        process_id,
                                       GError      **error);
void         dlg_open_data_free       (DlgOpenData  *self);
void         dlg_open_data_pseudonym  (DlgOpenData  *self,
                                       const char   *kind,
                                       const char   *reference,
                                       gsize         len,
                                       GString      *out);
gboolean     dlg_open_data_mask       (DlgOpenData  *self,
                                       const char   *text,
                                       gsize         len,
                                       GString      *out);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgOpenData, dlg_open_data_free)

char        *dlg_open_data_licence_text (const char *licence,
                                         const char *process_title,
                                         const char *file_name);
gboolean     dlg_open_data_write_dictionary (const char             *path,
                                             const DlgExportColumn **columns,
                                             guint                   n_columns,
                                             gboolean                geojson,
                                             GError                **error);

/* For benchmarks: @n located contributions in @process_id, in one transaction. */
gboolean     dlg_export_fill_for_bench (DlgStore  *store,
                                        gint64     process_id,
                                        guint      n,
                                        GError   **error);

G_END_DECLS
