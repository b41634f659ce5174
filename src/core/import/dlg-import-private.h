/* dlg-import-private.h — what the format readers share (dlg-import-*.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "dlg-csv.h"
#include "dlg-import.h"

G_BEGIN_DECLS

typedef struct _DlgImporter DlgImporter;

const char      *dlg_importer_get_display_name (DlgImporter  *self);
const char      *dlg_importer_get_locale       (DlgImporter  *self);
const char      *dlg_importer_get_map          (DlgImporter  *self);
const char      *dlg_importer_get_path         (DlgImporter  *self);
char            *dlg_importer_uuid             (DlgImporter  *self,
                                                const char   *source_id);
/* Queues one contribution (sync v1's members, dlg_contribution_new_from_json()); applies the
 * batch when it is full. */
gboolean         dlg_importer_add              (DlgImporter  *self,
                                                guint         line,
                                                const char   *source_id,
                                                JsonObject   *data,
                                                GError      **error);
/* A contribution's members that every reader sets: online, @date read by
 * dlg_import_parse_date(), the author reference "<source>:<@author>" when there is one. */
JsonObject      *dlg_importer_new_item         (DlgImporter  *self,
                                                const char   *feature,
                                                const char   *kind,
                                                const char   *moderation,
                                                const char   *date,
                                                const char   *author);
void             dlg_importer_skip             (DlgImporter  *self,
                                                guint         line,
                                                const char   *source_id,
                                                const char   *reason);
void             dlg_importer_set_progress     (DlgImporter  *self,
                                                guint64       done,
                                                guint64       total);

gboolean         dlg_import_is_json            (const char   *path);

/* CSV files: the header, and fields by column name. */
int              dlg_import_column             (const DlgCsvRow *header,
                                                const char      *name);
gboolean         dlg_import_check_columns      (DlgImporter     *self,
                                                const DlgCsvRow *header,
                                                const char     **required,
                                                GError         **error);
gboolean         dlg_import_check_row          (DlgImporter     *self,
                                                const DlgCsvRow *header,
                                                const DlgCsvRow *row,
                                                GError         **error);
const char      *dlg_import_field              (const DlgCsvRow *row,
                                                int              column);
/* The field of the column @name, "" when there is none. */
const char      *dlg_import_get                (const DlgCsvRow *header,
                                                const DlgCsvRow *row,
                                                const char      *name);
gint64           dlg_import_get_int            (const DlgCsvRow *header,
                                                const DlgCsvRow *row,
                                                const char      *name);
/* `field/locale` columns: the one of @locale, else @field itself, else the first filled. */
const char      *dlg_import_localized          (const DlgCsvRow *header,
                                                const DlgCsvRow *row,
                                                const char      *field,
                                                const char      *locale);
gboolean         dlg_import_read_csv_rows      (DlgImporter     *self,
                                                DlgCsvReader    *reader,
                                                const char     **required,
                                                gboolean       (*row_func) (DlgImporter     *self,
                                                                            const DlgCsvRow *header,
                                                                            const DlgCsvRow *row,
                                                                            gpointer         data,
                                                                            GError         **error),
                                                gpointer         data,
                                                GError         **error);

/* The readers, one file each. */
gboolean dlg_import_read_decidim      (DlgImporter *self, DlgCsvReader *reader, GError **error);
gboolean dlg_import_read_consul       (DlgImporter *self, DlgCsvReader *reader, GError **error);
gboolean dlg_import_read_capcollectif (DlgImporter *self, DlgCsvReader *reader, GError **error);
gboolean dlg_import_read_polis        (DlgImporter *self, DlgCsvReader *reader, GError **error);
gboolean dlg_import_read_csv          (DlgImporter *self, DlgCsvReader *reader, GError **error);

/* Format detection from the header. */
gboolean dlg_import_decidim_matches      (const DlgCsvRow *header, char separator);
gboolean dlg_import_consul_matches       (const DlgCsvRow *header);
gboolean dlg_import_capcollectif_matches (const DlgCsvRow *header);
gboolean dlg_import_polis_matches        (const DlgCsvRow *header);

G_END_DECLS
