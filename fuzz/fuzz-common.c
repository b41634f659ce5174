/* fuzz-common.c — the part of every fuzz target that is the same
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "fuzz-common.h"

static GLogWriterOutput
fuzz_log_writer (GLogLevelFlags   level,
                 const GLogField *fields,
                 gsize            n_fields,
                 gpointer         user_data)
{
  /* Hostile input may well be warned about; a critical is a broken precondition: a finding. */
  if (level & (G_LOG_LEVEL_ERROR | G_LOG_LEVEL_CRITICAL))
    {
      g_log_writer_standard_streams (level, fields, n_fields, user_data);
      abort ();
    }
  return G_LOG_WRITER_HANDLED;
}

/* Quiet logs, fatal criticals, English messages. */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
  return 0;
}

char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  char *copy = g_malloc (size + 1);

  memcpy (copy, data, size);
  copy[size] = '\0';
  return copy;
}

char *
fuzz_write_file (const char *name,
                 const void *data,
                 size_t      size)
{
  static char *dir;
  char *path;

  if (dir == NULL)
    {
      dir = g_dir_make_tmp ("dialogue-fuzz-XXXXXX", NULL);
      g_assert (dir != NULL);
    }
  path = g_build_filename (dir, name, NULL);
  /* Neither atomic nor synced: g_file_set_contents() syncs, a hundred runs a second at most. */
  if (!g_file_set_contents_full (path, data, size, G_FILE_SET_CONTENTS_NONE, 0644, NULL))
    g_error ("cannot write %s", path);
  return path;
}
