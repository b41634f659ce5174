/* dlg-analysis.h — the analysis engine: theme suggestion and duplicates over plain texts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine knows nothing of the store: it reads an array of DlgAnalysisText (id, text,
 * language) and returns results that name the texts by their ids.
 */

#pragma once

#include "dlg-analysis-duplicates.h"
#include "dlg-analysis-error.h"
#include "dlg-analysis-text.h"
#include "dlg-analysis-themes.h"
