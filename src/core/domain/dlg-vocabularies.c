/* dlg-vocabularies.c — the {id, label} tables of the domain, spelled once
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each table's labels carry the table's context (msgctxt), so that a word translates by what
 * it names ("Done" is "Terminée" for a stage, "Réalisé" for a commitment).
 */

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-vocabularies.h"

#define END { NULL, NULL }

/* "online" first: the offline channels are the rest. */
static const DlgVocabularyEntry channel_entries[] = {
  { "online", NC_("channel", "Online") },
  { "in_person", NC_("channel", "In person") },
  { "mail", NC_("channel", "Mail") },
  { "phone", NC_("channel", "Phone") },
  END
};
const DlgVocabulary dlg_vocabulary_channel = { "channel", "channel", channel_entries };
const DlgVocabulary dlg_vocabulary_offline_channel = {
  "offline channel", "channel", channel_entries + 1
};

/* The same channels and words, in the order of the officer's registration form. */
static const DlgVocabularyEntry registration_channel_entries[] = {
  { "in_person", NC_("channel", "In person") },
  { "online", NC_("channel", "Online") },
  { "mail", NC_("channel", "Mail") },
  { "phone", NC_("channel", "Phone") },
  END
};
const DlgVocabulary dlg_vocabulary_registration_channel = {
  "registration channel", "channel", registration_channel_entries
};

/* "registration" first: the kinds of the site are the rest. */
static const DlgVocabularyEntry contribution_kind_entries[] = {
  { "registration", NC_("contribution kind", "Registration") },
  { "idea", NC_("contribution kind", "Idea") },
  { "comment", NC_("contribution kind", "Comment") },
  { "answer", NC_("contribution kind", "Answer to the questionnaire") },
  { "pin", NC_("contribution kind", "On the map") },
  { "project", NC_("contribution kind", "Project") },
  { "argument", NC_("contribution kind", "Argument") },
  END
};
const DlgVocabulary dlg_vocabulary_contribution_kind = {
  "contribution kind", "contribution kind", contribution_kind_entries
};
const DlgVocabulary dlg_vocabulary_site_contribution_kind = {
  "site contribution kind", "contribution kind", contribution_kind_entries + 1
};

static const DlgVocabularyEntry feature_entries[] = {
  { "recruitment", NC_("feature", "Panel recruitment") },
  { "ideas", NC_("feature", "Idea box") },
  { "call_for_projects", NC_("feature", "Call for projects") },
  { "questionnaire", NC_("feature", "Questionnaire") },
  { "map", NC_("feature", "Participatory map") },
  { "debate", NC_("feature", "Online debate") },
  { "event", NC_("feature", "Event") },
  END
};
const DlgVocabulary dlg_vocabulary_feature = { "feature", "feature", feature_entries };

/* Where the process sits in the public policy's cycle (process.policy_cycle). */
static const DlgVocabularyEntry policy_cycle_entries[] = {
  { "diagnostic", NC_("policy cycle", "Diagnostic") },
  { "design", NC_("policy cycle", "Design of actions") },
  { "implementation", NC_("policy cycle", "Implementation") },
  { "evaluation", NC_("policy cycle", "Democratic evaluation") },
  { "prospective", NC_("policy cycle", "Prospective (workshop of the future)") },
  END
};
const DlgVocabulary dlg_vocabulary_policy_cycle = {
  "policy cycle", "policy cycle", policy_cycle_entries
};

static const DlgVocabularyEntry moderation_entries[] = {
  { "pending", NC_("moderation", "Awaiting moderation") },
  { "published", NC_("moderation", "Published") },
  { "trashed", NC_("moderation", "Set aside") },
  END
};
const DlgVocabulary dlg_vocabulary_moderation = { "moderation", "moderation", moderation_entries };

static const DlgVocabularyEntry position_entries[] = {
  { "retained", NC_("position", "Retained") },
  { "partly_retained", NC_("position", "Partly retained") },
  { "not_retained", NC_("position", "Not retained") },
  { "already_done", NC_("position", "Already done") },
  { "under_study", NC_("position", "Under study") },
  END
};
const DlgVocabulary dlg_vocabulary_position = { "position", "position", position_entries };
const DlgVocabulary dlg_vocabulary_proposed_position = {
  "proposed position", "position", position_entries
};

static const DlgVocabularyEntry stage_entries[] = {
  { "diagnostic", NC_("stage", "Upstream diagnosis") },
  { "arbitration", NC_("stage", "Arbitration by elected officials") },
  { "specification", NC_("stage", "Specification") },
  { "mandate", NC_("stage", "Participation mandate") },
  { "recruitment", NC_("stage", "Recruitment") },
  { "workshop", NC_("stage", "Citizen workshop") },
  { "opinion", NC_("stage", "Citizen opinion") },
  { "review", NC_("stage", "Review by departments") },
  { "validation", NC_("stage", "Validation by elected officials") },
  { "response", NC_("stage", "Argued response") },
  { "implementation", NC_("stage", "Implementation") },
  { "follow_up", NC_("stage", "Right to follow-up") },
  END
};
const DlgVocabulary dlg_vocabulary_stage = { "stage", "stage", stage_entries };

static const DlgVocabularyEntry stage_state_entries[] = {
  { "not_started", NC_("stage state", "Not started") },
  { "in_progress", NC_("stage state", "In progress") },
  { "done", NC_("stage state", "Done") },
  { "skipped", NC_("stage state", "Skipped") },
  END
};
const DlgVocabulary dlg_vocabulary_stage_state = {
  "stage state", "stage state", stage_state_entries
};

/* The labels are the stages' (same context, same words). */
static const DlgVocabularyEntry decision_stage_entries[] = {
  { "arbitration", NC_("stage", "Arbitration by elected officials") },
  { "validation", NC_("stage", "Validation by elected officials") },
  END
};
const DlgVocabulary dlg_vocabulary_decision_stage = {
  "decision stage", "stage", decision_stage_entries
};

static const DlgVocabularyEntry commitment_status_entries[] = {
  { "planned", NC_("commitment status", "Planned") },
  { "in_progress", NC_("commitment status", "In progress") },
  { "done", NC_("commitment status", "Done") },
  { "abandoned", NC_("commitment status", "Abandoned") },
  END
};
const DlgVocabulary dlg_vocabulary_commitment_status = {
  "commitment status", "commitment status", commitment_status_entries
};
const DlgVocabulary dlg_vocabulary_commitment_update_status = {
  "commitment update status", "commitment status", commitment_status_entries
};

static const DlgVocabularyEntry participant_status_entries[] = {
  { "registered", NC_("participant status", "Registered") },
  { "selected", NC_("participant status", "Selected") },
  { "reserve", NC_("participant status", "Reserve") },
  { "invited", NC_("participant status", "Invited") },
  { "accepted", NC_("participant status", "Accepted") },
  { "declined", NC_("participant status", "Declined") },
  { "replaced", NC_("participant status", "Replaced") },
  { "erased", NC_("participant status", "Erased") },
  END
};
const DlgVocabulary dlg_vocabulary_participant_status = {
  "participant status", "participant status", participant_status_entries
};

/* "replaced" first: what the officer chooses from is the rest. */
static const DlgVocabularyEntry invitation_status_entries[] = {
  { "replaced", NC_("invitation status", "Declined, replaced") },
  { "selected", NC_("invitation status", "Not invited yet") },
  { "invited", NC_("invitation status", "Invitation sent") },
  { "accepted", NC_("invitation status", "Accepted") },
  { "declined", NC_("invitation status", "Declined") },
  END
};
const DlgVocabulary dlg_vocabulary_invitation_status = {
  "invitation status", "invitation status", invitation_status_entries
};
const DlgVocabulary dlg_vocabulary_invitation_choice = {
  "invitation choice", "invitation status", invitation_status_entries + 1
};

static const DlgVocabularyEntry communication_channel_entries[] = {
  { "site", NC_("communication channel", "Participation site") },
  { "social", NC_("communication channel", "Social networks") },
  { "newsletter", NC_("communication channel", "Newsletter") },
  { "press", NC_("communication channel", "Press") },
  { "display", NC_("communication channel", "Posters and displays") },
  { "mail", NC_("communication channel", "Post (letter boxes)") },
  { "in_person", NC_("communication channel", "In person") },
  { "other", NC_("communication channel", "Other") },
  END
};
const DlgVocabulary dlg_vocabulary_communication_channel = {
  "communication channel", "communication channel", communication_channel_entries
};

static const DlgVocabularyEntry communication_kind_entries[] = {
  { "site_page", NC_("communication kind", "Site page") },
  { "social_post", NC_("communication kind", "Social-network post") },
  { "newsletter", NC_("communication kind", "Newsletter") },
  { "press_release", NC_("communication kind", "Press release") },
  { "poster", NC_("communication kind", "Poster") },
  { "letter", NC_("communication kind", "Letter to residents") },
  { "event", NC_("communication kind", "Event") },
  END
};
const DlgVocabulary dlg_vocabulary_communication_kind = {
  "communication kind", "communication kind", communication_kind_entries
};

static const DlgVocabularyEntry communication_status_entries[] = {
  { "idea", NC_("communication status", "Idea") },
  { "planned", NC_("communication status", "Planned") },
  { "done", NC_("communication status", "Done") },
  { "cancelled", NC_("communication status", "Cancelled") },
  END
};
const DlgVocabulary dlg_vocabulary_communication_status = {
  "communication status", "communication status", communication_status_entries
};

static const DlgVocabularyEntry follow_up_kind_entries[] = {
  { "meeting", NC_("follow-up kind", "Follow-up committee meeting") },
  { "report", NC_("follow-up kind", "Status report") },
  { "evaluation", NC_("follow-up kind", "Participatory evaluation") },
  END
};
const DlgVocabulary dlg_vocabulary_follow_up_kind = {
  "follow-up kind", "follow-up kind", follow_up_kind_entries
};

static const DlgVocabularyEntry narrative_state_entries[] = {
  { "draft", NC_("narrative state", "Draft") },
  { "published", NC_("narrative state", "Published") },
  END
};
const DlgVocabulary dlg_vocabulary_narrative_state = {
  "narrative state", "narrative state", narrative_state_entries
};

/* The journal's actions and the record types it names (dlg_journal_*_get_label). */
static const DlgVocabularyEntry journal_action_entries[] = {
  { "process.create", NC_("journal action", "Process created") },
  { "process.rename", NC_("journal action", "Process renamed") },
  { "process.summary", NC_("journal action", "Summary changed") },
  { "process.archive", NC_("journal action", "Process archived") },
  { "process.unarchive", NC_("journal action", "Process restored") },
  { "process.field", NC_("journal action", "Text changed") },
  { "stage.start", NC_("journal action", "Stage started") },
  { "stage.done", NC_("journal action", "Stage closed") },
  { "stage.skip", NC_("journal action", "Stage skipped") },
  { "stage.reopen", NC_("journal action", "Stage reopened") },
  { "actor.create", NC_("journal action", "Actor added") },
  { "actor.update", NC_("journal action", "Actor changed") },
  { "actor.delete", NC_("journal action", "Actor deleted") },
  { "decision.create", NC_("journal action", "Decision recorded") },
  { "decision.update", NC_("journal action", "Decision changed") },
  { "decision.delete", NC_("journal action", "Decision deleted") },
  { "feature.enable", NC_("journal action", "Feature switched on") },
  { "feature.disable", NC_("journal action", "Feature switched off") },
  { "feature.update", NC_("journal action", "Rules of the game changed") },
  { "participant.invitation", NC_("journal action", "Invitation status changed") },
  { "panel.contacts_export", NC_("journal action", "Contact details exported") },
  { "gdpr.purge", NC_("journal action", "Contact data purged") },
  { "gdpr.erase", NC_("journal action", "Personal data erased on request") },
  { "gdpr.access", NC_("journal action", "Personal data exported on request") },
  { "draw.save", NC_("journal action", "Draw saved") },
  { "draw.replace", NC_("journal action", "Panel member replaced") },
  { "contribution.moderate", NC_("journal action", "Contribution moderated") },
  { "moderate", NC_("journal action", "Contribution moderated") },
  { "recommendation.create", NC_("journal action", "Recommendation added") },
  { "recommendation.update", NC_("journal action", "Recommendation changed") },
  { "recommendation.delete", NC_("journal action", "Recommendation deleted") },
  { "position.create", NC_("journal action", "Position recorded") },
  { "position.update", NC_("journal action", "Position changed") },
  { "position.delete", NC_("journal action", "Position deleted") },
  { "response.create", NC_("journal action", "Response drafted") },
  { "response.update", NC_("journal action", "Response changed") },
  { "response.publish", NC_("journal action", "Response published") },
  { "response.delete", NC_("journal action", "Response deleted") },
  { "commitment.create", NC_("journal action", "Commitment added") },
  { "commitment.update", NC_("journal action", "Commitment changed") },
  { "commitment.delete", NC_("journal action", "Commitment deleted") },
  { "commitment_update.create", NC_("journal action", "Progress reported") },
  { "commitment_update.update", NC_("journal action", "Progress report changed") },
  { "commitment_update.delete", NC_("journal action", "Progress report deleted") },
  { "follow_up.create", NC_("journal action", "Follow-up recorded") },
  { "follow_up.update", NC_("journal action", "Follow-up changed") },
  { "follow_up.delete", NC_("journal action", "Follow-up deleted") },
  { "narrative.publish", NC_("journal action", "Narrative published") },
  { "narrative.unpublish", NC_("journal action", "Narrative withdrawn") },
  { "publish", NC_("journal action", "Narrative published") },
  { "theme.tag", NC_("journal action", "Theme given") },
  { "theme.untag", NC_("journal action", "Theme taken off") },
  { "theme.highlight", NC_("journal action", "Contributions highlighted") },
  { "theme.unhighlight", NC_("journal action", "Highlight taken off") },
  { "theme.merge", NC_("journal action", "Themes merged") },
  { "theme.delete", NC_("journal action", "Theme deleted") },
  { "theme.undo", NC_("journal action", "Theme change undone") },
  { "sync.abandon", NC_("journal action", "Change for the site abandoned") },
  { "process.policy_cycle", NC_("journal action", "Policy-cycle position changed") },
  { "process.advisor", NC_("journal action", "Features chosen by the project team") },
  { "response.bulk", NC_("journal action", "Positions applied from a template") },
  { "response.bulk_undo", NC_("journal action", "Positions from a template undone") },
  { "demo.reset", NC_("journal action", "Training reset") },
  END
};
const DlgVocabulary dlg_vocabulary_journal_action = {
  "journal action", "journal action", journal_action_entries
};

static const DlgVocabularyEntry record_type_entries[] = {
  { "process", NC_("record type", "Process") },
  { "stage", NC_("record type", "Stage") },
  { "actor", NC_("record type", "Actor") },
  { "decision", NC_("record type", "Decision") },
  { "feature", NC_("record type", "Feature") },
  { "participant", NC_("record type", "Panel member") },
  { "participant_contact", NC_("record type", "Contact details") },
  { "quota", NC_("record type", "Quota") },
  { "draw", NC_("record type", "Draw") },
  { "session", NC_("record type", "Session") },
  { "contribution", NC_("record type", "Contribution") },
  { "contribution_annotation", NC_("record type", "Annotation") },
  { "theme", NC_("record type", "Theme") },
  { "recommendation", NC_("record type", "Recommendation") },
  { "review", NC_("record type", "Review") },
  { "position", NC_("record type", "Position") },
  { "response", NC_("record type", "Argued response") },
  { "commitment", NC_("record type", "Commitment") },
  { "commitment_update", NC_("record type", "Progress report") },
  { "follow_up", NC_("record type", "Follow-up") },
  { "narrative", NC_("record type", "Narrative") },
  { "communication_item", NC_("record type", "Communication") },
  END
};
const DlgVocabulary dlg_vocabulary_record_type = {
  "record type", "record type", record_type_entries
};

/* The fields the journal names ("Question put to citizens: « a » → « b »"), as "record
 * type.field" (the field's property, or a process field's key): dlg_journal_field_get_label. */
static const DlgVocabularyEntry journal_field_entries[] = {
  { "process.diagnostic.steering", NC_("journal field", "Steering") },
  { "process.diagnostic.object", NC_("journal field", "Object") },
  { "process.diagnostic.questions", NC_("journal field", "Open questions") },
  { "process.diagnostic.constraints", NC_("journal field", "Constraints") },
  { "process.diagnostic.methods", NC_("journal field", "Methods") },
  { "process.specification.objectives", NC_("journal field", "Objectives") },
  { "process.specification.publics", NC_("journal field", "Target publics") },
  { "process.specification.budget", NC_("journal field", "Budget") },
  { "process.specification.calendar", NC_("journal field", "Calendar") },
  { "process.mandate.question", NC_("journal field", "Question put to citizens") },
  { "process.mandate.perimeter", NC_("journal field", "Open to debate") },
  { "process.mandate.out_of_scope", NC_("journal field", "Not open to debate") },
  { "process.mandate.commitments", NC_("journal field", "Commitments of the institution") },
  { "process.policy_cycle", NC_("journal field", "Policy-cycle position") },
  { "process.advisor_why", NC_("journal field", "Why these features") },
  { "process.mandate.response_weeks",
    NC_("journal field", "Delay of the argued response (weeks)") },
  { "process.mandate.retention_months",
    NC_("journal field", "Retention of contact data (months after the follow-up)") },
  { "actor.name", NC_("journal field", "Name") },
  { "actor.kind", NC_("journal field", "Kind") },
  { "actor.role", NC_("journal field", "Role") },
  { "actor.influence", NC_("journal field", "Influence") },
  { "participant.status", NC_("journal field", "Invitation") },
  { "feature.rules", NC_("journal field", "Rules of the game") },
  { "feature.opens-at", NC_("journal field", "Opens") },
  { "feature.closes-at", NC_("journal field", "Closes") },
  { "decision.stage", NC_("journal field", "Stage") },
  { "decision.recommendation-id", NC_("journal field", "Recommendation") },
  { "decision.decided-at", NC_("journal field", "Date") },
  { "decision.who", NC_("journal field", "Who") },
  { "decision.what", NC_("journal field", "What") },
  { "decision.why", NC_("journal field", "Why") },
  { "decision.outcome", NC_("journal field", "Outcome") },
  { "recommendation.title", NC_("journal field", "Title") },
  { "recommendation.body", NC_("journal field", "Text") },
  { "position.value", NC_("journal field", "Position") },
  { "position.justification", NC_("journal field", "Justification") },
  { "response.intro", NC_("journal field", "Introduction") },
  { "commitment.position-id", NC_("journal field", "Position") },
  { "commitment.title", NC_("journal field", "Title") },
  { "commitment.department", NC_("journal field", "Department") },
  { "commitment.due-date", NC_("journal field", "Due date") },
  { "commitment.status", NC_("journal field", "Status") },
  { "commitment.progress", NC_("journal field", "Progress (%)") },
  { "commitment_update.dated", NC_("journal field", "Date") },
  { "commitment_update.progress", NC_("journal field", "Progress (%)") },
  { "commitment_update.status", NC_("journal field", "Status") },
  { "commitment_update.text", NC_("journal field", "Text") },
  { "follow_up.kind", NC_("journal field", "Kind") },
  { "follow_up.dated", NC_("journal field", "Date") },
  { "follow_up.title", NC_("journal field", "Title") },
  { "follow_up.body", NC_("journal field", "Text") },
  { "follow_up.published", NC_("journal field", "Published") },
  END
};
const DlgVocabulary dlg_vocabulary_journal_field = {
  "journal field", "journal field", journal_field_entries
};

/* A panel member's invitation as the journal's entries tell it ("invited → accepted"). */
static const DlgVocabularyEntry journal_invitation_entries[] = {
  { "selected", NC_("journal invitation", "drawn, not yet invited") },
  { "invited", NC_("journal invitation", "invited") },
  { "accepted", NC_("journal invitation", "accepted") },
  { "declined", NC_("journal invitation", "declined") },
  END
};
const DlgVocabulary dlg_vocabulary_journal_invitation = {
  "journal invitation", "journal invitation", journal_invitation_entries
};

const DlgVocabulary * const *
dlg_vocabularies_get_all (void)
{
  static const DlgVocabulary * const all[] = {
    &dlg_vocabulary_channel,
    &dlg_vocabulary_offline_channel,
    &dlg_vocabulary_registration_channel,
    &dlg_vocabulary_contribution_kind,
    &dlg_vocabulary_site_contribution_kind,
    &dlg_vocabulary_feature,
    &dlg_vocabulary_policy_cycle,
    &dlg_vocabulary_moderation,
    &dlg_vocabulary_position,
    &dlg_vocabulary_proposed_position,
    &dlg_vocabulary_stage,
    &dlg_vocabulary_stage_state,
    &dlg_vocabulary_decision_stage,
    &dlg_vocabulary_commitment_status,
    &dlg_vocabulary_commitment_update_status,
    &dlg_vocabulary_participant_status,
    &dlg_vocabulary_invitation_status,
    &dlg_vocabulary_invitation_choice,
    &dlg_vocabulary_communication_kind,
    &dlg_vocabulary_communication_channel,
    &dlg_vocabulary_communication_status,
    &dlg_vocabulary_follow_up_kind,
    &dlg_vocabulary_narrative_state,
    &dlg_vocabulary_journal_action,
    &dlg_vocabulary_record_type,
    &dlg_vocabulary_journal_field,
    &dlg_vocabulary_journal_invitation,
    NULL,
  };

  return all;
}
