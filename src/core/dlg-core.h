/* dlg-core.h — everything the core offers, for the app, the CLI, sync and tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-actor.h"
#include "dlg-commitment.h"
#include "dlg-commitment-update.h"
#include "dlg-communication-item.h"
#include "dlg-contribution.h"
#include "dlg-contribution-list.h"
#include "dlg-decision.h"
#include "dlg-demo.h"
#include "dlg-error.h"
#include "dlg-feature.h"
#include "dlg-follow-up.h"
#include "dlg-journal.h"
#include "dlg-narrative.h"
#include "dlg-participant.h"
#include "dlg-participant-contact.h"
#include "dlg-position.h"
#include "dlg-process.h"
#include "dlg-quota.h"
#include "dlg-recommendation.h"
#include "dlg-response.h"
#include "dlg-review.h"
#include "dlg-session.h"
#include "dlg-stage.h"
#include "dlg-stage-rules.h"
#include "dlg-store.h"
#include "dlg-theme.h"
#include "dlg-types.h"
