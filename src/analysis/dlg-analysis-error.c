/* dlg-analysis-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include "dlg-analysis-error.h"

G_DEFINE_QUARK (dlg-analysis-error-quark, dlg_analysis_error)
