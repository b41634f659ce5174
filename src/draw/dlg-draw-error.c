/* dlg-draw-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dlg-draw-error.h"

G_DEFINE_QUARK (dlg-draw-error-quark, dlg_draw_error)
