/* dlg-types.h — forward declarations of every core type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _DlgStore              DlgStore;
typedef struct _DlgProcess            DlgProcess;
typedef struct _DlgJournalEntry       DlgJournalEntry;
typedef struct _DlgActor              DlgActor;
typedef struct _DlgDecision           DlgDecision;
typedef struct _DlgFeature            DlgFeature;
typedef struct _DlgParticipant        DlgParticipant;
typedef struct _DlgParticipantContact DlgParticipantContact;
typedef struct _DlgQuota              DlgQuota;
typedef struct _DlgSession            DlgSession;
typedef struct _DlgContribution       DlgContribution;
typedef struct _DlgContributionList   DlgContributionList;
typedef struct _DlgTheme              DlgTheme;
typedef struct _DlgRecommendation     DlgRecommendation;
typedef struct _DlgReview             DlgReview;
typedef struct _DlgPosition           DlgPosition;
typedef struct _DlgResponse           DlgResponse;
typedef struct _DlgCommitment         DlgCommitment;
typedef struct _DlgCommitmentUpdate   DlgCommitmentUpdate;
typedef struct _DlgFollowUp           DlgFollowUp;
typedef struct _DlgNarrative          DlgNarrative;
typedef struct _DlgCommunicationItem  DlgCommunicationItem;

G_END_DECLS
