/* fuzz-common.h — what every libFuzzer target of fuzz/ shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);
int LLVMFuzzerInitialize   (int           *argc,
                            char        ***argv);

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

/* Quiet, fatal criticals, the C locale's messages: called once from LLVMFuzzerInitialize. */
static inline void
fuzz_init (void)
{
  g_setenv ("LANGUAGE", "en", TRUE);
  g_log_set_writer_func (fuzz_log_writer, NULL, NULL);
}

/* A NUL-terminated copy of the input: most readers take C strings. */
static inline char *
fuzz_strndup (const uint8_t *data,
              size_t         size)
{
  char *copy = g_malloc (size + 1);

  memcpy (copy, data, size);
  copy[size] = '\0';
  return copy;
}

/* Writes the input to a file of its own for the readers that take a path (the directory is
 * removed at exit); returns the path. */
static inline char *
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
