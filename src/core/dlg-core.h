/* dlg-core.h — everything the core offers, for the app, the CLI, sync and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-csv.h"
#include "dlg-demo.h"
#include "dlg-draw.h"
#include "dlg-draw-csv.h"
#include "dlg-draw-input.h"
#include "dlg-draw-result.h"
#include "dlg-draw-store.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-process.h"
#include "dlg-stage.h"
#include "dlg-stage-rules.h"
#include "dlg-store.h"
#include "dlg-types.h"
