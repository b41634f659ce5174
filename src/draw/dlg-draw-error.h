/* dlg-draw-error.h — the error domain of the draw engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DLG_DRAW_ERROR (dlg_draw_error_quark ())

/**
 * DlgDrawError:
 * @DLG_DRAW_ERROR_INVALID: the input cannot be drawn from (no people, panel size 0 or larger
 *   than the pool or than the number of households)
 * @DLG_DRAW_ERROR_INFEASIBLE: no panel meets every quota; the message says which quotas to
 *   relax, and dlg_draw_propose_relaxation() lists the changes
 * @DLG_DRAW_ERROR_CANNOT_RELAX: no panel meets the quotas, even relaxed as far as their
 *   flexibility allows
 * @DLG_DRAW_ERROR_SOLVER: the solver failed
 * @DLG_DRAW_ERROR_LEGACY_FAILED: the greedy draw failed every attempt
 * @DLG_DRAW_ERROR_INVALID_QUOTA: a quota cannot be used: no category or value, a negative
 *   bound, a minimum above its maximum, the same quota twice, a bound that is not a whole
 *   number of people (in a CSV file)
 * @DLG_DRAW_ERROR_INVALID_PERSON: a person cannot be added: no id, an id used twice, a value
 *   that no quota of its category has
 * @DLG_DRAW_ERROR_CSV_FORMAT: a CSV file of quotas or people does not have the columns the
 *   draw needs: empty, a header without them, a row with another number of fields
 * @DLG_DRAW_ERROR_BAD_RECORD: the recorded inputs of a draw (dlg_draw_input_to_json()) cannot
 *   be read back
 *
 * The errors of the draw engine (`src/draw`). Messages name what is wrong in a sentence an
 * officer reads; the CSV reader's name the file and the line. A cancelled draw fails with
 * %G_IO_ERROR_CANCELLED, as GIO does. What dlg_csv_read_file() refuses (an unreadable file,
 * broken CSV) comes through as it is, in %DLG_ERROR.
 */
typedef enum
{
  DLG_DRAW_ERROR_INVALID,
  DLG_DRAW_ERROR_INFEASIBLE,
  DLG_DRAW_ERROR_CANNOT_RELAX,
  DLG_DRAW_ERROR_SOLVER,
  DLG_DRAW_ERROR_LEGACY_FAILED,
  DLG_DRAW_ERROR_INVALID_QUOTA,
  DLG_DRAW_ERROR_INVALID_PERSON,
  DLG_DRAW_ERROR_CSV_FORMAT,
  DLG_DRAW_ERROR_BAD_RECORD,
} DlgDrawError;

GQuark dlg_draw_error_quark (void);

G_END_DECLS
