/* dlg-vocabularies.h — every closed list of values the domain stores, with its labels
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Validation (src/core/domain), the GUI's drop-downs and cells, the CLI, the journal, the sync
 * and the site's API read these tables (dlg-vocabulary.h says how); nothing else spells the
 * lists. A table's order is its display order. To add a value: add its entry here with an
 * NC_() label in the table's context, translate it in po/fr.po, and check the SQL CHECK
 * constraint of its column, if any (src/core/store/dlg-schema.c).
 */

#pragma once

#include "dlg-vocabulary.h"

G_BEGIN_DECLS

/* Where a contribution or a registration came from: online, in_person, mail, phone. */
extern const DlgVocabulary dlg_vocabulary_channel;
/* The channels other than the site's own: in_person, mail, phone (the contributions an officer
 * enters). */
extern const DlgVocabulary dlg_vocabulary_offline_channel;
/* The channels of a registration, in the order of the officer's form: in_person, online, mail,
 * phone (the same words as dlg_vocabulary_channel). */
extern const DlgVocabulary dlg_vocabulary_registration_channel;
/* The kinds of contribution: registration, idea, comment, answer, pin, project, argument. */
extern const DlgVocabulary dlg_vocabulary_contribution_kind;
/* The kinds the site publishes and sends (every kind but registration). */
extern const DlgVocabulary dlg_vocabulary_site_contribution_kind;
/* The participation features of the catalogue (dlg-feature.h has their descriptions). */
extern const DlgVocabulary dlg_vocabulary_feature;
/* diagnostic, design, implementation, evaluation, prospective */
extern const DlgVocabulary dlg_vocabulary_policy_cycle;
/* The moderation states of a contribution: pending, published, trashed. */
extern const DlgVocabulary dlg_vocabulary_moderation;
/* The institution's position on a recommendation (a position, a decision's outcome). */
extern const DlgVocabulary dlg_vocabulary_position;
/* The position a department proposes in its review: the same values and labels. */
extern const DlgVocabulary dlg_vocabulary_proposed_position;
/* The twelve stages, in the order of DlgStage. */
extern const DlgVocabulary dlg_vocabulary_stage;
/* The states of a stage, in the order of DlgStageState. */
extern const DlgVocabulary dlg_vocabulary_stage_state;
/* The stages a decision is taken at: arbitration, validation. */
extern const DlgVocabulary dlg_vocabulary_decision_stage;
/* The status of a commitment: planned, in_progress, done, abandoned. */
extern const DlgVocabulary dlg_vocabulary_commitment_status;
/* The status a progress report gives its commitment: the same values and labels. */
extern const DlgVocabulary dlg_vocabulary_commitment_update_status;
/* Where a registration stands, from registered to erased. */
extern const DlgVocabulary dlg_vocabulary_participant_status;
/* The invitation of a drawn panel member: replaced (set by a replacement draw), selected,
 * invited, accepted, declined. */
extern const DlgVocabulary dlg_vocabulary_invitation_status;
/* The invitation statuses the officer chooses from: all but replaced. */
extern const DlgVocabulary dlg_vocabulary_invitation_choice;
/* The kinds, channels and statuses of the communication plan. */
extern const DlgVocabulary dlg_vocabulary_communication_kind;
extern const DlgVocabulary dlg_vocabulary_communication_channel;
extern const DlgVocabulary dlg_vocabulary_communication_status;
/* The kinds of follow-up item: meeting, report, evaluation. */
extern const DlgVocabulary dlg_vocabulary_follow_up_kind;
/* The states of a narrative: draft, published. */
extern const DlgVocabulary dlg_vocabulary_narrative_state;

/* The journal's action codes ("stage.done"…) and the record types it names ("decision"…). */
extern const DlgVocabulary dlg_vocabulary_journal_action;
extern const DlgVocabulary dlg_vocabulary_record_type;
/* The fields the journal names ("process.mandate.question"…) and a panel member's invitation
 * as its entries tell it. */
extern const DlgVocabulary dlg_vocabulary_journal_field;
extern const DlgVocabulary dlg_vocabulary_journal_invitation;

/* Every vocabulary above, NULL-terminated (for tests and tools). */
const DlgVocabulary * const *dlg_vocabularies_get_all (void);

G_END_DECLS
