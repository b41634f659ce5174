/* dlg-import-consul.c — CONSUL Democracy's proposals and comments CSVs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As Madrid's open-data portal publishes them (Decide Madrid): `,`-separated, a first unnamed
 * index column. Proposals carry `title`, `summary`, `text` and `numSupports`; comments carry
 * `proposalId` and `parentId` (−1 for a comment on the proposal itself), kept as replies, and
 * their votes (`numPositiveVotes` as supports, the rest in the extra data).
 */

#define G_LOG_DOMAIN "dlg-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-import-private.h"

gboolean
dlg_import_consul_matches (const DlgCsvRow *header)
{
  if (dlg_import_column (header, "id") < 0)
    return FALSE;
  return (dlg_import_column (header, "parentId") >= 0 &&
          dlg_import_column (header, "proposalId") >= 0) ||
         (dlg_import_column (header, "numSupports") >= 0 &&
          dlg_import_column (header, "summary") >= 0);
}

static gboolean
read_proposal (DlgImporter      *self,
               const DlgCsvRow  *header,
               const DlgCsvRow  *row,
               gpointer          data,
               GError          **error)
{
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *source_id = g_strdup_printf ("proposal/%s",
                                                dlg_import_get (header, row, "id"));
  g_autofree char *summary = g_strstrip (g_strdup (dlg_import_get (header, row, "summary")));
  g_autofree char *text = g_strstrip (g_strdup (dlg_import_get (header, row, "text")));
  g_autofree char *body = *text == '\0' ? g_strdup (summary)
                        : *summary == '\0' ? g_strdup (text)
                        : g_strconcat (summary, "\n\n", text, NULL);

  item = dlg_importer_new_item (self, "ideas", "idea", "published",
                                dlg_import_get (header, row, "date"),
                                dlg_import_get (header, row, "userId"));
  json_object_set_string_member (item, "title", dlg_import_get (header, row, "title"));
  json_object_set_string_member (item, "body", body);
  json_object_set_int_member (item, "supports", dlg_import_get_int (header, row, "numSupports"));
  json_object_set_string_member (extra, "code", dlg_import_get (header, row, "code"));
  json_object_set_string_member (extra, "url", dlg_import_get (header, row, "url"));
  json_object_set_string_member (extra, "status", dlg_import_get (header, row, "status"));
  json_object_set_int_member (extra, "comments", dlg_import_get_int (header, row, "numComments"));
  json_object_set_object_member (item, "answers", g_steal_pointer (&extra));
  return dlg_importer_add (self, row->line, source_id, item, error);
}

static gboolean
read_comment (DlgImporter      *self,
              const DlgCsvRow  *header,
              const DlgCsvRow  *row,
              gpointer          data,
              GError          **error)
{
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *source_id = g_strdup_printf ("comment/%s",
                                                dlg_import_get (header, row, "id"));
  const char *parent = dlg_import_get (header, row, "parentId");
  const char *time = dlg_import_get (header, row, "time");
  const char *clock;
  g_autofree char *parent_id = NULL;
  g_autofree char *parent_uuid = NULL;
  g_autofree char *date = NULL;

  /* "0 days 10:50:19": the time of day after the days */
  clock = strrchr (time, ' ');
  clock = clock != NULL ? clock + 1 : time;
  date = *clock != '\0' ? g_strdup_printf ("%sT%sZ", dlg_import_get (header, row, "date"), clock)
                        : g_strdup (dlg_import_get (header, row, "date"));
  if (*parent == '\0' || g_str_equal (parent, "-1"))
    parent_id = g_strdup_printf ("proposal/%s", dlg_import_get (header, row, "proposalId"));
  else
    parent_id = g_strdup_printf ("comment/%s", parent);
  parent_uuid = dlg_importer_uuid (self, parent_id);

  item = dlg_importer_new_item (self, "ideas", "comment", "published", date,
                                dlg_import_get (header, row, "userId"));
  json_object_set_string_member (item, "parent_id", parent_uuid);
  json_object_set_string_member (item, "body", dlg_import_get (header, row, "text"));
  json_object_set_int_member (item, "supports",
                              dlg_import_get_int (header, row, "numPositiveVotes"));
  json_object_set_int_member (extra, "votes", dlg_import_get_int (header, row, "numVotes"));
  json_object_set_int_member (extra, "negative_votes",
                              dlg_import_get_int (header, row, "numNegativeVotes"));
  if (*dlg_import_get (header, row, "userType") != '\0')
    json_object_set_string_member (extra, "author_type", dlg_import_get (header, row, "userType"));
  json_object_set_object_member (item, "answers", g_steal_pointer (&extra));
  return dlg_importer_add (self, row->line, source_id, item, error);
}

static gboolean
read_row (DlgImporter      *self,
          const DlgCsvRow  *header,
          const DlgCsvRow  *row,
          gpointer          data,
          GError          **error)
{
  if (dlg_import_column (header, "parentId") >= 0)
    return read_comment (self, header, row, data, error);
  return read_proposal (self, header, row, data, error);
}

gboolean
dlg_import_read_consul (DlgImporter   *self,
                        DlgCsvReader  *reader,
                        GError       **error)
{
  static const char *required[] = { "id", "date", NULL };

  return dlg_import_read_csv_rows (self, reader, required, read_row, NULL, error);
}
