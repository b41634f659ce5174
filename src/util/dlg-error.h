/* dlg-error.h — the error domain officers see
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DLG_ERROR (dlg_error_quark ())

/**
 * DlgError:
 * @DLG_ERROR_FAILED: anything else
 * @DLG_ERROR_NOT_FOUND: the process, stage or object does not exist
 * @DLG_ERROR_INVALID: the input is not acceptable (empty title, bad value…)
 * @DLG_ERROR_RULE: a stage rule refuses the transition; the message says why
 * @DLG_ERROR_DATABASE: the database cannot be opened, read or written
 * @DLG_ERROR_NEWER_SCHEMA: the database was written by a newer version of Dialogue
 * @DLG_ERROR_NOT_A_DATABASE: the file is not a Dialogue database
 * @DLG_ERROR_READ_ONLY: the database cannot be written
 * @DLG_ERROR_DISK_FULL: no space left to write the database
 * @DLG_ERROR_JOURNAL_BROKEN: the journal's chain of hashes is broken
 * @DLG_ERROR_CLOSED: the stage the change belongs to is closed (done or skipped), or the process
 *   is archived: it is read-only until it is reopened (restored); the message says how
 * @DLG_ERROR_TOO_DEEP: a JSON text nests deeper than %DLG_JSON_MAX_DEPTH (dlg-json.h)
 */
typedef enum
{
  DLG_ERROR_FAILED,
  DLG_ERROR_NOT_FOUND,
  DLG_ERROR_INVALID,
  DLG_ERROR_RULE,
  DLG_ERROR_DATABASE,
  DLG_ERROR_NEWER_SCHEMA,
  DLG_ERROR_NOT_A_DATABASE,
  DLG_ERROR_READ_ONLY,
  DLG_ERROR_DISK_FULL,
  DLG_ERROR_JOURNAL_BROKEN,
  DLG_ERROR_CLOSED,
  DLG_ERROR_TOO_DEEP,
} DlgError;

GQuark dlg_error_quark (void);

G_END_DECLS
