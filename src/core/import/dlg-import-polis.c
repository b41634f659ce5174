/* dlg-import-polis.c — Pol.is comments.csv
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `timestamp` (milliseconds), `comment-id`, `author-id`, `agrees`, `disagrees`, `moderated`
 * (−1 rejected, 0 not yet moderated, 1 accepted: trashed, pending, published) and
 * `comment-body`. Agreements are the supports; disagreements go to the extra data.
 */

#define G_LOG_DOMAIN "dlg-import"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-import-private.h"

gboolean
dlg_import_polis_matches (const DlgCsvRow *header)
{
  return dlg_import_column (header, "comment-id") >= 0 &&
         dlg_import_column (header, "comment-body") >= 0 &&
         dlg_import_column (header, "moderated") >= 0;
}

static gboolean
read_row (DlgImporter      *self,
          const DlgCsvRow  *header,
          const DlgCsvRow  *row,
          gpointer          data,
          GError          **error)
{
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *source_id = g_strdup_printf ("comment/%s",
                                                dlg_import_get (header, row, "comment-id"));
  gint64 moderated = g_ascii_strtoll (dlg_import_get (header, row, "moderated"), NULL, 10);
  const char *moderation = moderated < 0 ? "trashed" : moderated > 0 ? "published" : "pending";

  item = dlg_importer_new_item (self, "debate", "comment", moderation,
                                dlg_import_get (header, row, "timestamp"),
                                dlg_import_get (header, row, "author-id"));
  json_object_set_string_member (item, "body", dlg_import_get (header, row, "comment-body"));
  json_object_set_int_member (item, "supports", dlg_import_get_int (header, row, "agrees"));
  json_object_set_int_member (extra, "disagrees", dlg_import_get_int (header, row, "disagrees"));
  json_object_set_object_member (item, "answers", g_steal_pointer (&extra));
  return dlg_importer_add (self, row->line, source_id, item, error);
}

gboolean
dlg_import_read_polis (DlgImporter   *self,
                       DlgCsvReader  *reader,
                       GError       **error)
{
  static const char *required[] = { "comment-id", "comment-body", "moderated", "timestamp",
                                    NULL };

  return dlg_import_read_csv_rows (self, reader, required, read_row, NULL, error);
}
