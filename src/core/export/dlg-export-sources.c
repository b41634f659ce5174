/* dlg-export-sources.c — what each export holds: its columns, their meaning, its query
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One statement per kind of export, streamed row by row (never loaded whole). Each column
 * says what it is for open data: dropped (personal or internal), replaced by a pseudonym, or
 * free text to mask. The descriptions are the data dictionary written beside open data.
 */

#define G_LOG_DOMAIN "dlg-export"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-export-private.h"

#define T DLG_EXPORT_TYPE_TEXT
#define I DLG_EXPORT_TYPE_INTEGER
#define N DLG_EXPORT_TYPE_NUMBER
#define B DLG_EXPORT_TYPE_BOOLEAN
#define DT DLG_EXPORT_TYPE_DATETIME
#define D DLG_EXPORT_TYPE_DATE

static const DlgExportColumn contribution_columns[] = {
  { "id", I, 0, NULL, N_("Number of the contribution in this database") },
  { "uuid", T, 0, NULL, N_("Universal identifier of the contribution (the same on the site)") },
  { "feature", T, 0, NULL, N_("Contributory feature: ideas, map, debate, questionnaire, "
                               "call_for_projects, event or recruitment") },
  { "kind", T, 0, NULL, N_("Kind: idea, comment, answer, pin, project, argument or registration") },
  { "channel", T, 0, NULL, N_("Channel: online, in_person, mail or phone") },
  { "parent_uuid", T, 0, NULL, N_("Identifier of the contribution this one replies to") },
  { "author", T, DLG_EXPORT_COL_PSEUDONYM, "author",
    N_("Author (in open data: a pseudonym, the same for one author within this process only)") },
  { "title", T, DLG_EXPORT_COL_FREE_TEXT, NULL,
    N_("Title (in open data: e-mail addresses, phone numbers, addresses and known names masked)") },
  { "body", T, DLG_EXPORT_COL_FREE_TEXT, NULL,
    N_("Text (in open data: e-mail addresses, phone numbers, addresses and known names masked)") },
  { "latitude", N, DLG_EXPORT_COL_LATITUDE, NULL, N_("Latitude (WGS 84, decimal degrees)") },
  { "longitude", N, DLG_EXPORT_COL_LONGITUDE, NULL, N_("Longitude (WGS 84, decimal degrees)") },
  { "created_at", DT, 0, NULL, N_("When it was contributed (UTC)") },
  { "moderation", T, 0, NULL,
    N_("Moderation: pending, published or trashed (open data holds published ones only)") },
  { "moderation_reason", T, DLG_EXPORT_COL_FREE_TEXT, NULL, N_("Reason of the moderation") },
  { "supports", I, 0, NULL, N_("Number of supports") },
  { "themes", T, DLG_EXPORT_COL_FREE_TEXT, NULL, N_("Themes, separated by “; ”") },
  { "highlighted", B, 0, NULL, N_("Highlighted by the team") },
  { "note", T, DLG_EXPORT_COL_INTERNAL, NULL, N_("The team’s note") },
  { "source", T, 0, NULL, N_("Where it comes from: site, or the platform it was imported from") },
  { "source_id", T, DLG_EXPORT_COL_INTERNAL, NULL, N_("Its identifier on that platform") },
  { "data", T, DLG_EXPORT_COL_PERSONAL, NULL, N_("Other data received with it (JSON)") },
};

static const char sql_contributions[] =
  "SELECT c.id, c.uuid, c.feature, c.kind, c.channel, c.parent_uuid, c.author_ref, c.title,"
  "  c.body, c.lat, c.lon, c.created_at, c.moderation, c.moderation_reason, c.supports,"
  "  (SELECT group_concat (t.name, '; ') FROM contribution_theme ct"
  "    JOIN theme t ON t.id = ct.theme_id WHERE ct.contribution_id = c.id),"
  "  coalesce (a.highlighted, 0), a.note, c.source, c.source_id, c.data_json"
  " FROM contribution c LEFT JOIN contribution_annotation a ON a.contribution_id = c.id"
  " WHERE c.process_id = ?1 AND (?2 = 0 OR c.moderation = 'published')"
  "  AND (?3 = 0 OR (c.lat IS NOT NULL AND c.lon IS NOT NULL))"
  " ORDER BY c.created_at, c.id";
static const char sql_count_contributions[] =
  "SELECT count (*) FROM contribution c"
  " WHERE c.process_id = ?1 AND (?2 = 0 OR c.moderation = 'published')"
  "  AND (?3 = 0 OR (c.lat IS NOT NULL AND c.lon IS NOT NULL))";

static const DlgExportColumn recommendation_columns[] = {
  { "id", I, 0, NULL, N_("Number of the recommendation in this database") },
  { "uuid", T, 0, NULL, N_("Universal identifier of the recommendation") },
  { "number", I, 0, NULL, N_("Number of the recommendation in the citizens’ opinion") },
  { "title", T, DLG_EXPORT_COL_FREE_TEXT, NULL, N_("Title of the recommendation") },
  { "body", T, DLG_EXPORT_COL_FREE_TEXT, NULL, N_("Text of the recommendation") },
  { "created_at", DT, 0, NULL, N_("When it was written (UTC)") },
  { "source_count", I, 0, NULL, N_("Number of contributions it comes from") },
  { "source_uuids", T, 0, NULL,
    N_("Identifiers of the contributions it comes from, separated by spaces") },
  { "review_department", T, 0, NULL, N_("Department that reviewed it") },
  { "review_feasibility", T, DLG_EXPORT_COL_INTERNAL, NULL, N_("Feasibility, as reviewed") },
  { "review_cost", T, DLG_EXPORT_COL_INTERNAL, NULL, N_("Cost, as reviewed") },
  { "review_legal", T, DLG_EXPORT_COL_INTERNAL, NULL, N_("Legal constraints, as reviewed") },
  { "review_proposed_position", T, DLG_EXPORT_COL_INTERNAL, NULL,
    N_("Position the department proposed") },
  { "review_notes", T, DLG_EXPORT_COL_INTERNAL, NULL, N_("The review’s notes") },
};

static const char sql_recommendations[] =
  "SELECT r.id, r.uuid, r.number, r.title, r.body, r.created_at,"
  "  (SELECT count (*) FROM recommendation_source s JOIN contribution c"
  "    ON c.id = s.contribution_id WHERE s.recommendation_id = r.id"
  "    AND (?2 = 0 OR c.moderation = 'published')),"
  "  (SELECT group_concat (c.uuid, ' ') FROM recommendation_source s JOIN contribution c"
  "    ON c.id = s.contribution_id WHERE s.recommendation_id = r.id"
  "    AND (?2 = 0 OR c.moderation = 'published')),"
  "  v.department, v.feasibility, v.cost, v.legal, v.proposed_position, v.notes"
  " FROM recommendation r LEFT JOIN review v ON v.recommendation_id = r.id"
  " WHERE r.process_id = ?1 AND ?3 IN (0, 1) ORDER BY r.number, r.id";
static const char sql_count_recommendations[] =
  "SELECT count (*) FROM recommendation r WHERE r.process_id = ?1 AND ?2 IN (0, 1)"
  "  AND ?3 IN (0, 1)";

static const DlgExportColumn response_columns[] = {
  { "id", I, 0, NULL, N_("Number of the position in this database") },
  { "uuid", T, 0, NULL, N_("Universal identifier of the position") },
  { "recommendation_number", I, 0, NULL, N_("Number of the recommendation answered") },
  { "recommendation_uuid", T, 0, NULL, N_("Identifier of the recommendation answered") },
  { "recommendation_title", T, DLG_EXPORT_COL_FREE_TEXT, NULL,
    N_("Title of the recommendation answered") },
  { "position", T, 0, NULL, N_("Position: retained, partly_retained, not_retained, "
                                "already_done or under_study") },
  { "justification", T, DLG_EXPORT_COL_FREE_TEXT, NULL, N_("The argued justification") },
  { "updated_at", DT, 0, NULL, N_("When the position was last changed (UTC)") },
  { "response_published_at", DT, 0, NULL, N_("When the argued response was published (UTC)") },
};

static const char sql_responses[] =
  "SELECT p.id, p.uuid, r.number, r.uuid, r.title, p.value, p.justification, p.updated_at,"
  "  o.published_at"
  " FROM position p JOIN recommendation r ON r.id = p.recommendation_id"
  " LEFT JOIN response o ON o.process_id = r.process_id"
  " WHERE r.process_id = ?1 AND ?2 IN (0, 1) AND ?3 IN (0, 1) ORDER BY r.number, p.id";
static const char sql_count_responses[] =
  "SELECT count (*) FROM position p JOIN recommendation r ON r.id = p.recommendation_id"
  " WHERE r.process_id = ?1 AND ?2 IN (0, 1) AND ?3 IN (0, 1)";

static const DlgExportColumn commitment_columns[] = {
  { "id", I, 0, NULL, N_("Number of the commitment in this database") },
  { "uuid", T, 0, NULL, N_("Universal identifier of the commitment") },
  { "recommendation_number", I, 0, NULL, N_("Number of the recommendation it answers") },
  { "title", T, DLG_EXPORT_COL_FREE_TEXT, NULL, N_("What the institution commits to") },
  { "department", T, 0, NULL, N_("Department in charge") },
  { "due_date", D, 0, NULL, N_("Due date") },
  { "status", T, 0, NULL, N_("Status: planned, in_progress, done or abandoned") },
  { "progress", I, 0, NULL, N_("Progress, in percent") },
  { "created_at", DT, 0, NULL, N_("When it was recorded (UTC)") },
  { "update_count", I, 0, NULL, N_("Number of dated updates") },
  { "last_update_at", D, 0, NULL, N_("Date of the last update") },
  { "last_update_text", T, DLG_EXPORT_COL_FREE_TEXT, NULL, N_("Text of the last update") },
};

static const char sql_commitments[] =
  "SELECT m.id, m.uuid, r.number, m.title, m.department, m.due_date, m.status, m.progress,"
  "  m.created_at, (SELECT count (*) FROM commitment_update x WHERE x.commitment_id = m.id),"
  "  u.dated, u.text"
  " FROM commitment m JOIN position p ON p.id = m.position_id"
  " JOIN recommendation r ON r.id = p.recommendation_id"
  " LEFT JOIN commitment_update u ON u.id = (SELECT x.id FROM commitment_update x"
  "   WHERE x.commitment_id = m.id ORDER BY x.dated DESC, x.id DESC LIMIT 1)"
  " WHERE m.process_id = ?1 AND ?2 IN (0, 1) AND ?3 IN (0, 1) ORDER BY r.number, m.id";
static const char sql_count_commitments[] =
  "SELECT count (*) FROM commitment m WHERE m.process_id = ?1 AND ?2 IN (0, 1)"
  "  AND ?3 IN (0, 1)";

static const DlgExportColumn participant_columns[] = {
  { "id", I, DLG_EXPORT_COL_INTERNAL, NULL, N_("Number of the registrant in this database") },
  { "uuid", T, DLG_EXPORT_COL_PSEUDONYM, "participant",
    N_("Identifier of the registrant (in open data: a pseudonym, valid within this process "
       "only)") },
  { "channel", T, 0, NULL, N_("How they registered: online, in_person, mail or phone") },
  { "age_band", T, 0, NULL, N_("Age band (an id of the process’s profile)") },
  { "gender", T, 0, NULL, N_("Gender (an id of the process’s profile)") },
  { "commune", T, 0, NULL, N_("Commune (an id of the process’s profile)") },
  { "quartier", T, 0, NULL, N_("Neighbourhood (an id of the process’s profile)") },
  { "occupation", T, 0, NULL, N_("Socio-professional category (an id of the process’s profile)") },
  { "prior_participation", B, 0, NULL, N_("Took part in a process before") },
  { "household", T, DLG_EXPORT_COL_PERSONAL, NULL, N_("Household (people who live together)") },
  { "consent", B, 0, NULL, N_("Consented to the processing of their data") },
  { "consent_at", DT, 0, NULL, N_("When they consented (UTC)") },
  { "status", T, 0, NULL, N_("Status: registered, selected, reserve, invited, accepted, "
                              "declined, replaced or erased") },
  { "reserve_rank", I, 0, NULL, N_("Rank on the reserve list") },
  { "registered_at", DT, 0, NULL, N_("When they registered (UTC)") },
  { "source", T, 0, NULL, N_("Where the registration comes from") },
  { "source_id", T, DLG_EXPORT_COL_PERSONAL, NULL, N_("Its identifier there") },
  { "full_name", T, DLG_EXPORT_COL_PERSONAL | DLG_EXPORT_COL_CONTACT, NULL, N_("Full name") },
  { "email", T, DLG_EXPORT_COL_PERSONAL | DLG_EXPORT_COL_CONTACT, NULL, N_("E-mail address") },
  { "phone", T, DLG_EXPORT_COL_PERSONAL | DLG_EXPORT_COL_CONTACT, NULL, N_("Phone number") },
  { "address", T, DLG_EXPORT_COL_PERSONAL | DLG_EXPORT_COL_CONTACT, NULL, N_("Postal address") },
};

static const char sql_participants[] =
  "SELECT p.id, p.uuid, p.channel, p.age_band, p.gender, p.commune, p.quartier, p.occupation,"
  "  p.prior_participation, p.household, p.consent, p.consent_at, p.status, p.reserve_rank,"
  "  p.registered_at, p.source, p.source_id,"
  "  CASE WHEN ?2 = 0 THEN k.full_name END, CASE WHEN ?2 = 0 THEN k.email END,"
  "  CASE WHEN ?2 = 0 THEN k.phone END, CASE WHEN ?2 = 0 THEN k.address END"
  " FROM participant p LEFT JOIN participant_contact k ON k.participant_id = p.id"
  " WHERE p.process_id = ?1 AND ?3 IN (0, 1) ORDER BY p.registered_at, p.id";
static const char sql_count_participants[] =
  "SELECT count (*) FROM participant p WHERE p.process_id = ?1 AND ?2 IN (0, 1)"
  "  AND ?3 IN (0, 1)";

static const DlgExportColumn journal_columns[] = {
  { "seq", I, 0, NULL, N_("Number of the entry in the process’s journal") },
  { "at", DT, 0, NULL, N_("When (UTC)") },
  { "actor", T, DLG_EXPORT_COL_PSEUDONYM, "officer",
    N_("Who (in open data: a pseudonym of the officer, valid within this process only)") },
  { "action", T, 0, NULL, N_("What was done (an action id)") },
  { "stage", T, 0, NULL, N_("Stage it belongs to") },
  { "object_type", T, 0, NULL, N_("Kind of object") },
  { "object_id", T, DLG_EXPORT_COL_OBJECT_REF, "participant",
    N_("Identifier of the object (a registrant’s is a pseudonym in open data)") },
  { "field", T, 0, NULL, N_("Field changed") },
  { "old_value", T, DLG_EXPORT_COL_FREE_TEXT, NULL, N_("Value before") },
  { "new_value", T, DLG_EXPORT_COL_FREE_TEXT, NULL, N_("Value after") },
  { "summary", T, DLG_EXPORT_COL_FREE_TEXT, NULL, N_("Summary") },
  { "prev_hash", T, 0, NULL, N_("SHA-256 of the previous entry") },
  { "hash", T, 0, NULL,
    N_("SHA-256 of this entry (in open data, masked text no longer matches it)") },
};

static const char sql_journal[] =
  "SELECT j.seq, j.at, j.actor, j.action, j.stage, j.object_type, j.object_id, j.field,"
  "  j.old_value, j.new_value, j.summary, j.prev_hash, j.hash"
  " FROM journal j WHERE j.process_id = ?1 AND ?2 IN (0, 1) AND ?3 IN (0, 1) ORDER BY j.seq";
static const char sql_count_journal[] =
  "SELECT count (*) FROM journal j WHERE j.process_id = ?1 AND ?2 IN (0, 1) AND ?3 IN (0, 1)";

/* In the order of DlgExportWhat. */
static const DlgExportSource sources[] = {
  { "contributions", sql_contributions, sql_count_contributions, contribution_columns,
    G_N_ELEMENTS (contribution_columns) },
  { "recommendations", sql_recommendations, sql_count_recommendations, recommendation_columns,
    G_N_ELEMENTS (recommendation_columns) },
  { "responses", sql_responses, sql_count_responses, response_columns,
    G_N_ELEMENTS (response_columns) },
  { "commitments", sql_commitments, sql_count_commitments, commitment_columns,
    G_N_ELEMENTS (commitment_columns) },
  { "participants", sql_participants, sql_count_participants, participant_columns,
    G_N_ELEMENTS (participant_columns) },
  { "journal", sql_journal, sql_count_journal, journal_columns,
    G_N_ELEMENTS (journal_columns) },
};
G_STATIC_ASSERT (G_N_ELEMENTS (sources) == DLG_EXPORT_N_WHAT);

const DlgExportSource *
dlg_export_source_get (DlgExportWhat what)
{
  g_return_val_if_fail (what < DLG_EXPORT_N_WHAT, NULL);
  return &sources[what];
}
