/* fuzz-common.h — what every libFuzzer target of fuzz/ shares (fuzz-common.c)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

int   LLVMFuzzerTestOneInput (const uint8_t *data,
                              size_t         size);
/* Quiet logs, fatal criticals (one abort, as a crash), English messages. */
int   LLVMFuzzerInitialize   (int           *argc,
                              char        ***argv);

/* A NUL-terminated copy of the input: most readers take C strings. */
char *fuzz_strndup           (const uint8_t *data,
                              size_t         size);
/* Writes the input to a file of its own for the readers that take a path (in a directory of
 * its own); returns the path. */
char *fuzz_write_file        (const char    *name,
                              const void    *data,
                              size_t         size);
