/* dlg-stage-rules.c — stage states and the rules that allow or refuse a transition
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every rule of the method lives in the `rules` table below: a stage (or every stage), a
 * transition, and a function that adds to `why` one sentence per thing that is missing, in
 * words an officer understands. A transition is allowed when no rule says anything. To add a
 * rule, write its function and add a line to the table.
 */

#define G_LOG_DOMAIN "dlg-stage-rules"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-process.h"
#include "dlg-publication.h"
#include "dlg-response.h"
#include "dlg-stage-rules.h"
#include "dlg-store-private.h"

/* How many missing items a rule names before it says "and N more". */
#define MAX_NAMED 5

struct _DlgStageInfo
{
  GObject        parent_instance;

  DlgStage       stage;
  DlgStageState  state;
  char          *reason;
  char          *started_at;
  char          *ended_at;
};

G_DEFINE_FINAL_TYPE (DlgStageInfo, dlg_stage_info, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STAGE,
  PROP_STATE,
  PROP_REASON,
  PROP_STARTED_AT,
  PROP_ENDED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  DlgStore      *store;
  gint64         process_id;
  DlgStage       stage;
  DlgTransition  transition;
  const char    *reason;
  DlgStageState  states[DLG_N_STAGES];
} RuleContext;

/* Adds sentences to @why; returns FALSE only when the database fails. */
typedef gboolean (*RuleFunc) (RuleContext  *ctx,
                              GPtrArray    *why,
                              GError      **error);

static const char sql_stages[] =
  "SELECT stage, state, reason, started_at, ended_at FROM stage_state"
  " WHERE process_id = ?1 ORDER BY rank";
static const char sql_editable[] =
  "SELECT p.title, p.archived, s.state FROM process p"
  " LEFT JOIN stage_state s ON s.process_id = p.id AND s.stage = ?2 WHERE p.id = ?1";
static const char sql_archived[] = "SELECT archived FROM process WHERE id = ?1";
static const char sql_update_stage[] =
  "UPDATE stage_state SET state = ?3, reason = ?4,"
  " started_at = CASE WHEN ?3 = 'in_progress' AND (NOT ?6 OR started_at IS NULL) THEN ?5"
  "   ELSE started_at END,"
  " ended_at = CASE WHEN ?3 IN ('done','skipped') THEN ?5 ELSE NULL END"
  " WHERE process_id = ?1 AND stage = ?2";

/* ---------------------------------------------------------------- DlgStageInfo */

static void
dlg_stage_info_finalize (GObject *object)
{
  DlgStageInfo *self = (DlgStageInfo *)object;

  g_free (self->reason);
  g_free (self->started_at);
  g_free (self->ended_at);

  G_OBJECT_CLASS (dlg_stage_info_parent_class)->finalize (object);
}

static void
dlg_stage_info_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  DlgStageInfo *self = DLG_STAGE_INFO (object);

  switch (prop_id)
    {
    case PROP_STAGE:
      g_value_set_uint (value, self->stage);
      break;
    case PROP_STATE:
      g_value_set_uint (value, self->state);
      break;
    case PROP_REASON:
      g_value_set_string (value, self->reason);
      break;
    case PROP_STARTED_AT:
      g_value_set_string (value, self->started_at);
      break;
    case PROP_ENDED_AT:
      g_value_set_string (value, self->ended_at);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_stage_info_class_init (DlgStageInfoClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_stage_info_finalize;
  object_class->get_property = dlg_stage_info_get_property;

  properties[PROP_STAGE] = g_param_spec_uint ("stage", NULL, NULL, 0, DLG_N_STAGES - 1, 0, flags);
  properties[PROP_STATE] = g_param_spec_uint ("state", NULL, NULL, 0, DLG_STAGE_STATE_SKIPPED, 0,
                                              flags);
  properties[PROP_REASON] = g_param_spec_string ("reason", NULL, NULL, NULL, flags);
  properties[PROP_STARTED_AT] = g_param_spec_string ("started-at", NULL, NULL, NULL, flags);
  properties[PROP_ENDED_AT] = g_param_spec_string ("ended-at", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_stage_info_init (DlgStageInfo *self)
{
}

DlgStage      dlg_stage_info_get_stage (DlgStageInfo *self) { return self->stage; }
DlgStageState dlg_stage_info_get_state (DlgStageInfo *self) { return self->state; }
const char   *dlg_stage_info_get_reason (DlgStageInfo *self) { return self->reason; }
const char   *dlg_stage_info_get_started_at (DlgStageInfo *self) { return self->started_at; }
const char   *dlg_stage_info_get_ended_at (DlgStageInfo *self) { return self->ended_at; }

/* ---------------------------------------------------------------- helpers for rules */

static gboolean
count_rows (RuleContext  *ctx,
            const char   *sql,
            gint64       *count,
            GError      **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (ctx->store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->process_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (ctx->store, rc, error);
  *count = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

static gboolean
field_is_empty (RuleContext  *ctx,
                const char   *key,
                gboolean     *empty,
                GError      **error)
{
  g_autofree char *value = dlg_process_get_field (ctx->store, ctx->process_id, key, error);

  if (value == NULL)
    return FALSE;
  g_strstrip (value);
  *empty = *value == '\0';
  return TRUE;
}

/* Adds @message when @key is empty. */
static gboolean
require_field (RuleContext  *ctx,
               GPtrArray    *why,
               const char   *key,
               const char   *message,
               GError      **error)
{
  gboolean empty;

  if (!field_is_empty (ctx, key, &empty, error))
    return FALSE;
  if (empty)
    g_ptr_array_add (why, g_strdup (message));
  return TRUE;
}

/* Adds @message when the count query returns 0. */
static gboolean
require_some (RuleContext  *ctx,
              GPtrArray    *why,
              const char   *sql,
              const char   *message,
              GError      **error)
{
  gint64 count;

  if (!count_rows (ctx, sql, &count, error))
    return FALSE;
  if (count == 0)
    g_ptr_array_add (why, g_strdup (message));
  return TRUE;
}

typedef char *(*DescribeFunc) (int         number,
                               const char *title);

/* Runs @sql (?1 = process) whose rows are (number, title) of recommendations that miss
 * something, and adds the sentence @describe makes of each row. */
static gboolean
name_recommendations (RuleContext   *ctx,
                      GPtrArray     *why,
                      const char    *sql,
                      DescribeFunc   describe,
                      GError       **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (ctx->store, sql, error);
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (n++ < MAX_NAMED)
        g_ptr_array_add (why, describe (sqlite3_column_int (stmt, 0),
                                        dlg_stmt_get_text (stmt, 1)));
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (ctx->store, rc, error);
  if (n > MAX_NAMED)
    g_ptr_array_add (why, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "…and %u more recommendation.",
                                                        "…and %u more recommendations.",
                                                        n - MAX_NAMED),
                                           n - MAX_NAMED));
  return TRUE;
}

/* ---------------------------------------------------------------- rules for every stage */

static gboolean
rule_start_state (RuleContext  *ctx,
                  GPtrArray    *why,
                  GError      **error)
{
  DlgStageState state = ctx->states[ctx->stage];

  if (state == DLG_STAGE_STATE_IN_PROGRESS)
    g_ptr_array_add (why, g_strdup_printf (_("The stage “%s” is already in progress."),
                                           dlg_stage_get_label (ctx->stage)));
  else if (state == DLG_STAGE_STATE_DONE)
    g_ptr_array_add (why, g_strdup_printf (_("The stage “%s” is already done."),
                                           dlg_stage_get_label (ctx->stage)));
  return TRUE;
}

/* An archived process is read-only, its stages too, until it is restored. */
static gboolean
rule_not_archived (RuleContext  *ctx,
                   GPtrArray    *why,
                   GError      **error)
{
  gint64 archived;

  if (!count_rows (ctx, sql_archived, &archived, error))
    return FALSE;
  if (archived)
    g_ptr_array_add (why, g_strdup (_("The process is archived: restore it before changing its "
                                      "stages.")));
  return TRUE;
}

/* A stage starts once the one before it has started, was skipped or is done. */
static gboolean
rule_start_order (RuleContext  *ctx,
                  GPtrArray    *why,
                  GError      **error)
{
  if (ctx->stage > 0 && ctx->states[ctx->stage - 1] == DLG_STAGE_STATE_NOT_STARTED)
    g_ptr_array_add (why, g_strdup_printf (_("Start the stage “%s” first."),
                                           dlg_stage_get_label (ctx->stage - 1)));
  return TRUE;
}

static gboolean
rule_done_state (RuleContext  *ctx,
                 GPtrArray    *why,
                 GError      **error)
{
  DlgStageState state = ctx->states[ctx->stage];

  if (state == DLG_STAGE_STATE_NOT_STARTED)
    g_ptr_array_add (why, g_strdup_printf (_("The stage “%s” has not started yet."),
                                           dlg_stage_get_label (ctx->stage)));
  else if (state == DLG_STAGE_STATE_DONE)
    g_ptr_array_add (why, g_strdup_printf (_("The stage “%s” is already done."),
                                           dlg_stage_get_label (ctx->stage)));
  else if (state == DLG_STAGE_STATE_SKIPPED)
    g_ptr_array_add (why, g_strdup_printf (_("The stage “%s” was skipped."),
                                           dlg_stage_get_label (ctx->stage)));
  return TRUE;
}

/* A stage is closed only when every stage before it is closed: the cycle is told in order. */
static gboolean
rule_done_order (RuleContext  *ctx,
                 GPtrArray    *why,
                 GError      **error)
{
  for (guint i = 0; i < ctx->stage; i++)
    {
      if (ctx->states[i] != DLG_STAGE_STATE_DONE && ctx->states[i] != DLG_STAGE_STATE_SKIPPED)
        {
          g_ptr_array_add (why, g_strdup_printf (_("Close the stage “%s” first (done or "
                                                   "skipped)."),
                                                 dlg_stage_get_label (i)));
          break;
        }
    }
  return TRUE;
}

static gboolean
rule_skip (RuleContext  *ctx,
           GPtrArray    *why,
           GError      **error)
{
  g_autofree char *reason = g_strstrip (g_strdup (ctx->reason != NULL ? ctx->reason : ""));

  if (ctx->states[ctx->stage] == DLG_STAGE_STATE_DONE)
    g_ptr_array_add (why, g_strdup_printf (_("The stage “%s” is already done."),
                                           dlg_stage_get_label (ctx->stage)));
  else if (ctx->states[ctx->stage] == DLG_STAGE_STATE_SKIPPED)
    g_ptr_array_add (why, g_strdup_printf (_("The stage “%s” was already skipped."),
                                           dlg_stage_get_label (ctx->stage)));
  if (*reason == '\0')
    g_ptr_array_add (why, g_strdup (_("Say why the stage is skipped: the reason is shown to "
                                      "the public.")));
  return TRUE;
}

/* Only a closed stage is reopened, with a reason told to the public. */
static gboolean
rule_reopen_state (RuleContext  *ctx,
                   GPtrArray    *why,
                   GError      **error)
{
  g_autofree char *reason = g_strstrip (g_strdup (ctx->reason != NULL ? ctx->reason : ""));
  DlgStageState state = ctx->states[ctx->stage];

  if (state == DLG_STAGE_STATE_NOT_STARTED)
    g_ptr_array_add (why, g_strdup_printf (_("The stage “%s” has not started yet: there is "
                                             "nothing to reopen."),
                                           dlg_stage_get_label (ctx->stage)));
  else if (state == DLG_STAGE_STATE_IN_PROGRESS)
    g_ptr_array_add (why, g_strdup_printf (_("The stage “%s” is already in progress."),
                                           dlg_stage_get_label (ctx->stage)));
  if (*reason == '\0')
    g_ptr_array_add (why, g_strdup (_("Say why the stage is reopened: the reason is shown to "
                                      "the public.")));
  return TRUE;
}

/* The cycle is told in order: a stage is reopened only when no later stage is done. The
 * sentence names the last done stage, the one to reopen first. */
static gboolean
rule_reopen_order (RuleContext  *ctx,
                   GPtrArray    *why,
                   GError      **error)
{
  for (guint i = DLG_N_STAGES - 1; i > ctx->stage; i--)
    {
      if (ctx->states[i] == DLG_STAGE_STATE_DONE)
        {
          g_ptr_array_add (why, g_strdup_printf (_("A later stage, “%s”, is already done: "
                                                   "reopen it first."),
                                                 dlg_stage_get_label (i)));
          break;
        }
    }
  return TRUE;
}

/* ---------------------------------------------------------------- rules of each stage */

static gboolean
rule_diagnostic_done (RuleContext  *ctx,
                      GPtrArray    *why,
                      GError      **error)
{
  return require_field (ctx, why, DLG_FIELD_DIAGNOSTIC_OBJECT,
                        _("Describe the object of the process."), error) &&
         require_some (ctx, why, "SELECT count(*) FROM actor WHERE process_id = ?1",
                       _("List at least one actor of the process (stakeholder, role, "
                         "influence)."), error);
}

static gboolean
rule_arbitration_done (RuleContext  *ctx,
                       GPtrArray    *why,
                       GError      **error)
{
  return require_some (ctx, why,
                       "SELECT count(*) FROM decision WHERE process_id = ?1"
                       " AND stage = 'arbitration'",
                       _("Record at least one decision of the elected officials or senior "
                         "management."), error);
}

static gboolean
rule_specification_done (RuleContext  *ctx,
                         GPtrArray    *why,
                         GError      **error)
{
  return require_field (ctx, why, DLG_FIELD_SPEC_OBJECTIVES,
                        _("Write the objectives of the process."), error) &&
         require_field (ctx, why, DLG_FIELD_SPEC_PUBLICS,
                        _("Say which publics the process targets."), error);
}

static gboolean
rule_mandate_done (RuleContext  *ctx,
                   GPtrArray    *why,
                   GError      **error)
{
  static const char sql_no_rules[] =
    "SELECT feature FROM feature_activation WHERE process_id = ?1 AND enabled"
    " AND trim (rules) = '' ORDER BY feature";
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  if (!require_field (ctx, why, DLG_FIELD_MANDATE_QUESTION,
                      _("Write the question put to the citizens."), error) ||
      !require_field (ctx, why, DLG_FIELD_MANDATE_PERIMETER,
                      _("Say what is open to debate (the perimeter)."), error) ||
      !require_some (ctx, why,
                     "SELECT count(*) FROM feature_activation WHERE process_id = ?1 AND enabled",
                     _("Switch on at least one contributory feature."), error))
    return FALSE;

  if (!(stmt = dlg_store_prepare (ctx->store, sql_no_rules, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, ctx->process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (why, g_strdup_printf (_("Write the rules of the game of the feature “%s”: "
                                             "citizens must know how their contributions "
                                             "will be used."),
                                           dlg_stmt_get_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (ctx->store, rc, error);
  return TRUE;
}

static gboolean
rule_recruitment_done (RuleContext  *ctx,
                       GPtrArray    *why,
                       GError      **error)
{
  return require_some (ctx, why,
                       "SELECT count(*) FROM participant WHERE process_id = ?1"
                       " AND status IN ('selected','invited','accepted')",
                       _("Draw the panel: no participant is selected yet."), error);
}

static gboolean
rule_workshop_done (RuleContext  *ctx,
                    GPtrArray    *why,
                    GError      **error)
{
  return require_some (ctx, why, "SELECT count(*) FROM session WHERE process_id = ?1",
                       _("Record at least one workshop session."), error);
}

static gboolean
rule_opinion_done (RuleContext  *ctx,
                   GPtrArray    *why,
                   GError      **error)
{
  return require_some (ctx, why, "SELECT count(*) FROM recommendation WHERE process_id = ?1",
                       _("The citizen opinion has no recommendation yet."), error);
}

static char *
describe_not_reviewed (int         number,
                       const char *title)
{
  return g_strdup_printf (_("Recommendation %d “%s” has not been reviewed by a department "
                            "(department and proposed position)."), number, title);
}

static char *
describe_not_validated (int         number,
                        const char *title)
{
  return g_strdup_printf (_("Recommendation %d “%s” has no decision of the elected officials."),
                          number, title);
}

static char *
describe_no_position (int         number,
                      const char *title)
{
  return g_strdup_printf (_("Recommendation %d “%s” has no position in the response."), number,
                          title);
}

static char *
describe_no_justification (int         number,
                           const char *title)
{
  return g_strdup_printf (_("Recommendation %d “%s” is not (fully) retained: say why."), number,
                          title);
}

static gboolean
rule_review_done (RuleContext  *ctx,
                  GPtrArray    *why,
                  GError      **error)
{
  return name_recommendations (ctx, why,
                               "SELECT r.number, r.title FROM recommendation r"
                               " LEFT JOIN review v ON v.recommendation_id = r.id"
                               " WHERE r.process_id = ?1 AND (v.id IS NULL"
                               "  OR trim (v.department) = '' OR v.proposed_position IS NULL)"
                               " ORDER BY r.number",
                               describe_not_reviewed,
                               error);
}

static gboolean
rule_validation_done (RuleContext  *ctx,
                      GPtrArray    *why,
                      GError      **error)
{
  return name_recommendations (ctx, why,
                               "SELECT r.number, r.title FROM recommendation r"
                               " WHERE r.process_id = ?1 AND NOT EXISTS (SELECT 1 FROM decision d"
                               "  WHERE d.recommendation_id = r.id AND d.stage = 'validation')"
                               " ORDER BY r.number",
                               describe_not_validated,
                               error);
}

static gboolean
rule_response_done (RuleContext  *ctx,
                    GPtrArray    *why,
                    GError      **error)
{
  if (ctx->states[DLG_STAGE_VALIDATION] != DLG_STAGE_STATE_DONE &&
      ctx->states[DLG_STAGE_VALIDATION] != DLG_STAGE_STATE_SKIPPED)
    g_ptr_array_add (why, g_strdup (_("The response cannot be published before the elected "
                                      "officials’ validation is done.")));

  return name_recommendations (ctx, why,
                               "SELECT r.number, r.title FROM recommendation r"
                               " LEFT JOIN position p ON p.recommendation_id = r.id"
                               " WHERE r.process_id = ?1 AND p.value IS NULL ORDER BY r.number",
                               describe_no_position,
                               error) &&
         name_recommendations (ctx, why,
                               "SELECT r.number, r.title FROM recommendation r"
                               " JOIN position p ON p.recommendation_id = r.id"
                               " WHERE r.process_id = ?1"
                               "  AND p.value IN ('not_retained','partly_retained')"
                               "  AND trim (p.justification) = '' ORDER BY r.number",
                               describe_no_justification,
                               error);
}

static gboolean
rule_response_skip (RuleContext  *ctx,
                    GPtrArray    *why,
                    GError      **error)
{
  gint64 count;

  if (!count_rows (ctx, "SELECT count(*) FROM recommendation WHERE process_id = ?1", &count,
                   error))
    return FALSE;
  if (count > 0)
    g_ptr_array_add (why, g_strdup (_("The argued response cannot be skipped: the citizens "
                                      "made recommendations and are owed an answer.")));
  return TRUE;
}

/* Closing the response stage published the response (see publish_response): what the public
 * has read stays published. */
static gboolean
rule_response_reopen (RuleContext  *ctx,
                      GPtrArray    *why,
                      GError      **error)
{
  g_autoptr(DlgResponse) response = dlg_response_load_for (ctx->store, ctx->process_id, error);

  if (response == NULL)
    return FALSE;
  if (dlg_response_is_published (response))
    g_ptr_array_add (why, g_strdup (_("The argued response has been published and a published "
                                      "response cannot be withdrawn: its stage cannot be "
                                      "reopened. Answer new facts in the implementation and "
                                      "follow-up stages.")));
  return TRUE;
}

static gboolean
rule_implementation_start (RuleContext  *ctx,
                           GPtrArray    *why,
                           GError      **error)
{
  if (ctx->states[DLG_STAGE_RESPONSE] != DLG_STAGE_STATE_DONE)
    g_ptr_array_add (why, g_strdup (_("Publish the argued response first: commitments come "
                                      "from it.")));
  return TRUE;
}

static gboolean
rule_implementation_done (RuleContext  *ctx,
                          GPtrArray    *why,
                          GError      **error)
{
  gint64 open;

  if (!require_some (ctx, why, "SELECT count(*) FROM commitment WHERE process_id = ?1",
                     _("Record at least one commitment."), error) ||
      !count_rows (ctx,
                   "SELECT count(*) FROM commitment WHERE process_id = ?1"
                   " AND status NOT IN ('done','abandoned')", &open, error))
    return FALSE;
  if (open > 0)
    g_ptr_array_add (why, g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                        "%d commitment is not done or "
                                                        "abandoned yet.",
                                                        "%d commitments are not done or "
                                                        "abandoned yet.",
                                                        open),
                                           (int) open));
  return TRUE;
}

static gboolean
rule_follow_up_start (RuleContext  *ctx,
                      GPtrArray    *why,
                      GError      **error)
{
  return require_some (ctx, why, "SELECT count(*) FROM commitment WHERE process_id = ?1",
                       _("The follow-up needs at least one commitment to follow."), error);
}

static gboolean
rule_follow_up_done (RuleContext  *ctx,
                     GPtrArray    *why,
                     GError      **error)
{
  return require_some (ctx, why, "SELECT count(*) FROM follow_up WHERE process_id = ?1",
                       _("Record at least one follow-up committee meeting or status report."),
                       error);
}

#define ANY_STAGE ((int) -1)

static const struct {
  int            stage;
  DlgTransition  transition;
  RuleFunc       func;
} rules[] = {
  { ANY_STAGE, DLG_TRANSITION_START, rule_not_archived },
  { ANY_STAGE, DLG_TRANSITION_DONE, rule_not_archived },
  { ANY_STAGE, DLG_TRANSITION_SKIP, rule_not_archived },
  { ANY_STAGE, DLG_TRANSITION_REOPEN, rule_not_archived },
  { ANY_STAGE, DLG_TRANSITION_START, rule_start_state },
  { ANY_STAGE, DLG_TRANSITION_START, rule_start_order },
  { ANY_STAGE, DLG_TRANSITION_DONE, rule_done_state },
  { ANY_STAGE, DLG_TRANSITION_DONE, rule_done_order },
  { ANY_STAGE, DLG_TRANSITION_SKIP, rule_skip },
  { ANY_STAGE, DLG_TRANSITION_REOPEN, rule_reopen_state },
  { ANY_STAGE, DLG_TRANSITION_REOPEN, rule_reopen_order },
  { DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_DONE, rule_diagnostic_done },
  { DLG_STAGE_ARBITRATION, DLG_TRANSITION_DONE, rule_arbitration_done },
  { DLG_STAGE_SPECIFICATION, DLG_TRANSITION_DONE, rule_specification_done },
  { DLG_STAGE_MANDATE, DLG_TRANSITION_DONE, rule_mandate_done },
  { DLG_STAGE_RECRUITMENT, DLG_TRANSITION_DONE, rule_recruitment_done },
  { DLG_STAGE_WORKSHOP, DLG_TRANSITION_DONE, rule_workshop_done },
  { DLG_STAGE_OPINION, DLG_TRANSITION_DONE, rule_opinion_done },
  { DLG_STAGE_REVIEW, DLG_TRANSITION_DONE, rule_review_done },
  { DLG_STAGE_VALIDATION, DLG_TRANSITION_DONE, rule_validation_done },
  { DLG_STAGE_RESPONSE, DLG_TRANSITION_DONE, rule_response_done },
  { DLG_STAGE_RESPONSE, DLG_TRANSITION_SKIP, rule_response_skip },
  { DLG_STAGE_RESPONSE, DLG_TRANSITION_REOPEN, rule_response_reopen },
  { DLG_STAGE_IMPLEMENTATION, DLG_TRANSITION_START, rule_implementation_start },
  { DLG_STAGE_IMPLEMENTATION, DLG_TRANSITION_DONE, rule_implementation_done },
  { DLG_STAGE_FOLLOW_UP, DLG_TRANSITION_START, rule_follow_up_start },
  { DLG_STAGE_FOLLOW_UP, DLG_TRANSITION_DONE, rule_follow_up_done },
};

/* ---------------------------------------------------------------- public API */

static DlgStageInfo *
info_from_row (sqlite3_stmt *stmt)
{
  DlgStageInfo *info = g_object_new (DLG_TYPE_STAGE_INFO, NULL);
  DlgStage stage = DLG_STAGE_DIAGNOSTIC;
  DlgStageState state = DLG_STAGE_STATE_NOT_STARTED;

  dlg_stage_from_id (dlg_stmt_get_text (stmt, 0), &stage);
  dlg_stage_state_from_id (dlg_stmt_get_text (stmt, 1), &state);
  info->stage = stage;
  info->state = state;
  info->reason = dlg_stmt_dup_text (stmt, 2);
  info->started_at = dlg_stmt_dup_text (stmt, 3);
  info->ended_at = dlg_stmt_dup_text (stmt, 4);

  return info;
}

/**
 * dlg_stage_list:
 *
 * Returns: (transfer full): the twelve #DlgStageInfo of the process, in order
 */
GListModel *
dlg_stage_list (DlgStore  *store,
                gint64     process_id,
                GError   **error)
{
  g_autoptr(GListStore) list = g_list_store_new (DLG_TYPE_STAGE_INFO);
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_stages, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DlgStageInfo) info = info_from_row (stmt);

      g_list_store_append (list, info);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  if (g_list_model_get_n_items (G_LIST_MODEL (list)) != DLG_N_STAGES)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                   _("There is no process “%lld”."), (long long) process_id);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&list));
}

DlgStageInfo *
dlg_stage_get (DlgStore  *store,
               gint64     process_id,
               DlgStage   stage,
               GError   **error)
{
  g_autoptr(GListModel) list = dlg_stage_list (store, process_id, error);

  if (list == NULL)
    return NULL;
  return g_list_model_get_item (list, stage);
}

static gboolean
load_context (RuleContext    *ctx,
              DlgStore       *store,
              gint64          process_id,
              DlgStage        stage,
              DlgTransition   transition,
              const char     *reason,
              GError        **error)
{
  g_autoptr(GListModel) list = dlg_stage_list (store, process_id, error);

  if (list == NULL)
    return FALSE;
  ctx->store = store;
  ctx->process_id = process_id;
  ctx->stage = stage;
  ctx->transition = transition;
  ctx->reason = reason;
  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      g_autoptr(DlgStageInfo) info = g_list_model_get_item (list, i);

      ctx->states[i] = info->state;
    }
  return TRUE;
}

static GPtrArray *
collect_blockers (DlgStore       *store,
                  gint64          process_id,
                  DlgStage        stage,
                  DlgTransition   transition,
                  const char     *reason,
                  GError        **error)
{
  g_autoptr(GPtrArray) why = g_ptr_array_new_with_free_func (g_free);
  RuleContext ctx;

  if (!load_context (&ctx, store, process_id, stage, transition, reason, error))
    return NULL;
  for (guint i = 0; i < G_N_ELEMENTS (rules); i++)
    {
      if ((rules[i].stage == ANY_STAGE || rules[i].stage == (int) stage) &&
          rules[i].transition == transition &&
          !rules[i].func (&ctx, why, error))
        return NULL;
    }
  return g_steal_pointer (&why);
}

/**
 * dlg_stage_blockers:
 * @store: a #DlgStore
 * @process_id: the process
 * @stage: the stage
 * @transition: the transition an officer would like to make
 * @error: return location for a database error
 *
 * Lists everything that stands in the way of @transition, one sentence each, so that a view
 * can show why a stage cannot be closed yet. The reason of a skip or a reopening is not
 * checked here.
 *
 * Returns: (transfer full): a %NULL-terminated array, empty when the transition is allowed;
 *   %NULL with @error set when the database fails or the process does not exist
 */
GStrv
dlg_stage_blockers (DlgStore       *store,
                    gint64          process_id,
                    DlgStage        stage,
                    DlgTransition   transition,
                    GError        **error)
{
  g_autoptr(GPtrArray) why = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (stage < DLG_N_STAGES, NULL);

  why = collect_blockers (store, process_id, stage, transition,
                          transition == DLG_TRANSITION_SKIP ||
                          transition == DLG_TRANSITION_REOPEN ? "-" : NULL, error);
  if (why == NULL)
    return NULL;
  g_ptr_array_add (why, NULL);
  return (GStrv) g_ptr_array_steal (why, NULL);
}

/**
 * dlg_stage_check:
 *
 * Returns: %TRUE if @transition is allowed; otherwise %FALSE with a %DLG_ERROR_RULE whose
 *   message lists everything that is missing, one line each
 */
gboolean
dlg_stage_check (DlgStore       *store,
                 gint64          process_id,
                 DlgStage        stage,
                 DlgTransition   transition,
                 const char     *reason,
                 GError        **error)
{
  g_autoptr(GPtrArray) why = NULL;
  g_autofree char *message = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (stage < DLG_N_STAGES, FALSE);

  why = collect_blockers (store, process_id, stage, transition, reason, error);
  if (why == NULL)
    return FALSE;
  if (why->len == 0)
    return TRUE;

  g_ptr_array_add (why, NULL);
  message = g_strjoinv ("\n", (char **) why->pdata);
  g_set_error_literal (error, DLG_ERROR, DLG_ERROR_RULE, message);
  return FALSE;
}

/* Checks that a change may be written: the process is not archived and, when @stage is not -1,
 * that stage is not closed (done or skipped). One rule for every save path of the core. */
static gboolean
check_editable (DlgStore  *store,
                gint64     process_id,
                int        stage,
                GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_editable, error);
  DlgStageState state = DLG_STAGE_STATE_NOT_STARTED;
  const char *label;
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, stage >= 0 ? dlg_stage_to_id (stage) : NULL);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("The process does not exist."));
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);

  if (sqlite3_column_int (stmt, 1))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_CLOSED,
                   _("The process “%s” is archived: restore it to change it."),
                   dlg_stmt_get_text (stmt, 0));
      return FALSE;
    }
  if (stage < 0)
    return TRUE;
  dlg_stage_state_from_id (dlg_stmt_get_text (stmt, 2), &state);
  label = dlg_stage_get_label (stage);
  if (state == DLG_STAGE_STATE_DONE)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_CLOSED,
                   _("The stage “%s” is done: reopen it to change it."), label);
      return FALSE;
    }
  if (state == DLG_STAGE_STATE_SKIPPED)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_CLOSED,
                   _("The stage “%s” was skipped: reopen it to change it."), label);
      return FALSE;
    }
  return TRUE;
}

/**
 * dlg_stage_check_editable:
 * @store: a #DlgStore
 * @process_id: the process
 * @stage: the stage the change belongs to
 * @error: return location for a #DlgError
 *
 * The rule of every write that belongs to a stage (its text fields and its records): a closed
 * stage (done or skipped) is read-only until it is reopened, and an archived process until it
 * is restored. Every save and delete of the core calls this (or
 * dlg_process_check_editable() for what belongs to no stage) before it writes.
 *
 * Returns: %TRUE when the change may be written; otherwise %FALSE with %DLG_ERROR_CLOSED, whose
 *   message says what to do (“reopen it”, “restore it”), or another error
 */
gboolean
dlg_stage_check_editable (DlgStore  *store,
                          gint64     process_id,
                          DlgStage   stage,
                          GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (stage < DLG_N_STAGES, FALSE);

  return check_editable (store, process_id, stage, error);
}

/**
 * dlg_process_check_editable:
 *
 * The same rule for what belongs to the whole process rather than to one stage (its title and
 * summary, narratives, contributions and their moderation, themes, the communication plan):
 * only an archived process refuses them.
 *
 * Returns: %TRUE when the change may be written; otherwise %FALSE with %DLG_ERROR_CLOSED
 */
gboolean
dlg_process_check_editable (DlgStore  *store,
                            gint64     process_id,
                            GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return check_editable (store, process_id, -1, error);
}

/* Closing the response stage publishes the response: the rules of that transition (validation
 * done, every position and justification given) are what "publishable" means. The sync queues
 * a published response before its next push. */
static gboolean
publish_response (DlgStore    *store,
                  gint64       process_id,
                  const char  *now,
                  GError     **error)
{
  g_autoptr(DlgResponse) response = dlg_response_load_for (store, process_id, error);

  if (response == NULL)
    return FALSE;
  if (dlg_response_get_published_at (response) != NULL)
    return TRUE;
  dlg_response_set_published_at (response, now);
  return dlg_response_save (store, response, error) &&
         dlg_journal_append (store, process_id, "response.publish", "response",
                             dlg_response_get_uuid (response),
                             _("Argued response published."), error);
}

/**
 * dlg_stage_apply:
 * @reason: (nullable): why a stage is skipped or reopened (required for %DLG_TRANSITION_SKIP
 *   and %DLG_TRANSITION_REOPEN)
 *
 * Checks the rules, then changes the state of the stage and journals it, in one transaction.
 * Closing the argued response stage (done) also publishes the response (its published_at).
 * Reopening a done or skipped stage puts it back in progress: its end date is cleared, its
 * start date kept, and the reason of the reopening is stored as the stage's reason.
 */
gboolean
dlg_stage_apply (DlgStore       *store,
                 gint64          process_id,
                 DlgStage        stage,
                 DlgTransition   transition,
                 const char     *reason,
                 GError        **error)
{
  static const DlgStageState target[] = {
    [DLG_TRANSITION_START] = DLG_STAGE_STATE_IN_PROGRESS,
    [DLG_TRANSITION_DONE] = DLG_STAGE_STATE_DONE,
    [DLG_TRANSITION_SKIP] = DLG_STAGE_STATE_SKIPPED,
    [DLG_TRANSITION_REOPEN] = DLG_STAGE_STATE_IN_PROGRESS,
  };
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  g_autofree char *summary = NULL;
  g_autofree char *stripped = NULL;
  g_autofree char *action = NULL;
  const char *label = dlg_stage_get_label (stage);

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (stage < DLG_N_STAGES, FALSE);

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!dlg_stage_check (store, process_id, stage, transition, reason, error))
    goto fail;

  if (transition == DLG_TRANSITION_SKIP || transition == DLG_TRANSITION_REOPEN)
    stripped = g_strstrip (g_strdup (reason));

  /* The response is published while its stage is still open: a done stage is read-only. */
  if (stage == DLG_STAGE_RESPONSE && transition == DLG_TRANSITION_DONE &&
      !publish_response (store, process_id, now, error))
    goto fail;

  if (!(stmt = dlg_store_prepare (store, sql_update_stage, error)))
    goto fail;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, dlg_stage_to_id (stage));
  dlg_stmt_bind_text (stmt, 3, dlg_stage_state_to_id (target[transition]));
  dlg_stmt_bind_text (stmt, 4, stripped);
  dlg_stmt_bind_text (stmt, 5, now);
  sqlite3_bind_int (stmt, 6, transition == DLG_TRANSITION_REOPEN);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;

  switch (transition)
    {
    case DLG_TRANSITION_START:
      summary = g_strdup_printf (_("Stage “%s” started."), label);
      break;
    case DLG_TRANSITION_DONE:
      summary = g_strdup_printf (_("Stage “%s” done."), label);
      break;
    case DLG_TRANSITION_SKIP:
      summary = g_strdup_printf (_("Stage “%s” skipped: %s"), label, stripped);
      break;
    case DLG_TRANSITION_REOPEN:
      summary = g_strdup_printf (_("Stage “%s” reopened: %s"), label, stripped);
      break;
    default:
      g_assert_not_reached ();
    }

  action = g_strconcat ("stage.", dlg_transition_to_id (transition), NULL);
  /* The stage timeline is part of the public process page. */
  if (!dlg_process_touch (store, process_id, error))
    goto fail;
  if (!dlg_journal_append (store, process_id, action, "stage",
                           dlg_stage_to_id (stage), summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  dlg_store_emit_changed (store, DLG_TYPE_STAGE_INFO, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}
