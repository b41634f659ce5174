/* fuzz-csv.c — the CSV readers: the whole-text parser, the streaming reader (separator guessed)
 * and the draw's quota and pool files
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What must hold: a reader either refuses the text with an error, or every field it gives is
 * valid UTF-8 (the readers promise it) and the rows' lines grow.
 */

#include "config.h"

#include <gio/gio.h>

#include "dlg-csv.h"
#include "dlg-draw-csv.h"
#include "fuzz-common.h"

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

static void
check_row (DlgCsvRow *row,
           guint     *last_line)
{
  g_assert (row->line >= *last_line);
  *last_line = row->line;
  for (guint i = 0; i < row->n_fields; i++)
    g_assert (g_utf8_validate (row->fields[i], -1, NULL));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(GError) error = NULL;

  {
    g_autoptr(GPtrArray) rows = dlg_csv_parse ((const char *) data, size, "fuzz.csv", &error);
    guint last_line = 0;

    if (rows == NULL)
      g_assert (error != NULL);
    else
      for (guint i = 0; i < rows->len; i++)
        check_row (g_ptr_array_index (rows, i), &last_line);
    g_clear_error (&error);
  }
  {
    g_autoptr(GInputStream) stream = g_memory_input_stream_new_from_data (data, size, NULL);
    g_autoptr(DlgCsvReader) reader = dlg_csv_reader_new (stream, "fuzz.csv", 0);
    guint last_line = 0;

    for (guint n = 0; n < 100000; n++)
      {
        g_autoptr(DlgCsvRow) row = NULL;

        if (!dlg_csv_reader_next (reader, &row, &error))
          {
            g_assert (error != NULL);
            g_clear_error (&error);
            break;
          }
        if (row == NULL)
          break;
        check_row (row, &last_line);
      }
  }
  {
    g_autofree char *path = fuzz_write_file ("draw.csv", data, size);
    g_autoptr(DlgDrawInput) features = dlg_draw_input_new ();
    g_autoptr(DlgDrawInput) people = dlg_draw_input_new ();
    static const char *const households[] = { "primary_address1", NULL };

    if (!dlg_draw_csv_read_features (features, path, &error))
      g_assert (error != NULL);
    g_clear_error (&error);
    if (!dlg_draw_csv_read_people (people, path, "nationbuilder_id", households, &error))
      g_assert (error != NULL);
    g_clear_error (&error);
  }
  return 0;
}
