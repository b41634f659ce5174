/* dlg-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dlg-error.h"

G_DEFINE_QUARK (dlg-error-quark, dlg_error)
