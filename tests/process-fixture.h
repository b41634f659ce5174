/* process-fixture.h — a store in memory with one process, and a folder for files, for the
 * core's tests (test-ingest, test-import)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib/gstdio.h>

#include "dlg-core.h"

typedef struct
{
  DlgStore *store;
  gint64    process_id;
  char     *dir;
} Fixture;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;

  f->dir = g_dir_make_tmp ("dialogue-test-XXXXXX", &error);
  g_assert_no_error (error);
  f->store = dlg_store_open (":memory:", &error);
  g_assert_no_error (error);
  process = dlg_process_create (f->store, "Place du Commerce", &error);
  g_assert_no_error (error);
  f->process_id = dlg_process_get_id (process);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  g_clear_object (&f->store);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
}
