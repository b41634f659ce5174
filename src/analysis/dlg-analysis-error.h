/* dlg-analysis-error.h — the error domain of the analysis engine
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

#define DLG_ANALYSIS_ERROR (dlg_analysis_error_quark ())

/**
 * DlgAnalysisError:
 * @DLG_ANALYSIS_ERROR_INVALID: the options cannot be used (a number of themes of 0 or above
 *   %DLG_ANALYSIS_MAX_THEMES, a similarity threshold outside 0–1)
 * @DLG_ANALYSIS_ERROR_STEMMER: the Snowball stemmer of a language could not be made
 *
 * The errors of the analysis engine (`src/analysis`). A cancelled analysis fails with
 * %G_IO_ERROR_CANCELLED, as GIO does.
 */
typedef enum
{
  DLG_ANALYSIS_ERROR_INVALID,
  DLG_ANALYSIS_ERROR_STEMMER,
} DlgAnalysisError;

GQuark dlg_analysis_error_quark (void);

G_END_DECLS
