/* fuzz-import.c — the import readers (Decidim, Consul, Cap Collectif, Polis, mapped CSV)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The first byte chooses the format (detection included) and the file's name, which the
 * detection reads; the rest is the file. Every import is a dry run (counted, then rolled
 * back), so that one in-memory store serves every input. What must hold: the import succeeds
 * with a report whose counts add up, or fails with an error, and the store is left as it was.
 */

#include "config.h"

#include "dlg-core.h"
#include "dlg-store-private.h"
#include "fuzz-common.h"

static const DlgImportFormat formats[] = {
  DLG_IMPORT_FORMAT_AUTO, DLG_IMPORT_FORMAT_DECIDIM, DLG_IMPORT_FORMAT_CONSUL,
  DLG_IMPORT_FORMAT_CAPCOLLECTIF, DLG_IMPORT_FORMAT_POLIS, DLG_IMPORT_FORMAT_CSV,
};
static const char *const names[] = {
  "proposals.csv", "comments.csv", "export.json", "export.csv", "forms.csv",
  "x-open-data-proposals.csv", "x-open-data-proposal_comments.csv", "debates.csv",
};

static DlgStore *store;
static gint64 process_id;

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;

  fuzz_init ();
  store = dlg_store_open (":memory:", &error);
  g_assert_no_error (error);
  process = dlg_process_create (store, "Démarche", &error);
  g_assert_no_error (error);
  process_id = dlg_process_get_id (process);
  return 0;
}

static gint64
n_contributions (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, "SELECT count(*) FROM contribution",
                                               &error);

  g_assert_no_error (error);
  g_assert (sqlite3_step (stmt) == SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(DlgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  DlgImportOptions options = { 0 };

  if (size < 1)
    return 0;
  options.format = formats[data[0] % G_N_ELEMENTS (formats)];
  options.map = "Nom=name,Idée=title,Détail=body,Date=date,Lat=latitude,Lon=longitude";
  options.dry_run = TRUE;
  options.batch_size = 50;
  path = fuzz_write_file (names[(data[0] / G_N_ELEMENTS (formats)) % G_N_ELEMENTS (names)],
                          data + 1, size - 1);
  if (dlg_import_file (store, process_id, path, &options, &report, &error))
    {
      g_assert_no_error (error);
      g_assert (report != NULL);
      g_assert (report->n_added + report->n_updated + report->n_unchanged <= report->n_read);
      for (guint i = 0; i < report->skipped->len; i++)
        {
          DlgImportSkip *skip = g_ptr_array_index (report->skipped, i);

          g_assert (skip->reason != NULL && g_utf8_validate (skip->reason, -1, NULL));
        }
    }
  else if (error == NULL)
    g_error ("the import failed without saying why");
  else if (!g_utf8_validate (error->message, -1, NULL))
    {
      g_autofree char *shown = g_strescape (error->message, NULL);
      g_error ("the import's message is not UTF-8: %s", shown);
    }
  g_assert (n_contributions () == 0);
  return 0;
}
