/* dlg-advisor.h — the feature advisor for project teams: guidance, figures from past
 * processes, the team's choice
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/* What a feature demands from the team, in three steps. */
typedef enum
{
  DLG_ADVISOR_LOAD_LIGHT,
  DLG_ADVISOR_LOAD_MEDIUM,
  DLG_ADVISOR_LOAD_HEAVY,
} DlgAdvisorLoad;

/**
 * DlgAdvisorGuidance:
 * @feature: the catalogue's id ("ideas"…)
 * @purpose: translated: what the feature is for
 * @moderation: the moderation load
 * @moderation_text: translated: what moderating it means
 * @analysis: the analysis load
 * @analysis_text: translated: what analysing it takes
 *
 * The static guidance the advisor shows for a feature; its rules of the game are the
 * catalogue's (DlgFeatureInfo.default_rules).
 */
typedef struct
{
  const char     *feature;
  const char     *purpose;
  DlgAdvisorLoad  moderation;
  const char     *moderation_text;
  DlgAdvisorLoad  analysis;
  const char     *analysis_text;
} DlgAdvisorGuidance;

const DlgAdvisorGuidance *dlg_advisor_guidance          (const char     *feature);
const char               *dlg_advisor_load_get_label    (DlgAdvisorLoad  load);
/* The translated meaning of a policy-cycle position ("diagnostic"…), NULL when unknown. */
const char               *dlg_policy_cycle_get_meaning  (const char     *policy_cycle);

/**
 * DlgAdvisorFigures:
 * @process_id: the process, or 0 for several processes added up
 * @feature: the catalogue's id
 * @n_processes: how many processes the figures come from (those with contributions)
 * @contributions: contributions of the feature, moderated out ones excepted (for the
 *   recruitment: registrations, erased ones excepted)
 * @contributors: distinct author references per process (a contribution without one counts
 *   as one contributor), added up over processes
 * @offline: contributions not made online (in person, mail, phone)
 * @linked: contributions that a recommendation comes from
 * @recommendations: recommendations that come from at least one contribution of the feature
 * @retained: of those, the ones retained or partly retained in the argued response
 */
typedef struct
{
  gint64      process_id;
  const char *feature;
  guint       n_processes;
  guint       contributions;
  guint       contributors;
  guint       offline;
  guint       linked;
  guint       recommendations;
  guint       retained;
} DlgAdvisorFigures;

/* @part / @whole, or -1 when @whole is 0 (nothing to compute a share of). */
double  dlg_advisor_share               (guint      part,
                                         guint      whole);
char   *dlg_advisor_format_share        (guint      part,
                                         guint      whole);
GArray *dlg_advisor_figures_by_process  (DlgStore  *store,
                                         GError   **error);
GArray *dlg_advisor_figures_totals      (DlgStore  *store,
                                         gint64     exclude_process_id,
                                         GError   **error);

/**
 * DlgAdvisorBrief:
 * @features: (array zero-terminated=1): the features the team chose, in catalogue order
 * @why: why
 * @expected_volume: the number of contributions expected, or -1 when not said
 * @chosen_at: (nullable): when; %NULL when the team has not chosen yet
 */
typedef struct
{
  char   **features;
  char    *why;
  gint64   expected_volume;
  char    *chosen_at;
} DlgAdvisorBrief;

void             dlg_advisor_brief_free (DlgAdvisorBrief *brief);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgAdvisorBrief, dlg_advisor_brief_free)

/* The type DlgStore::changed carries when a brief is recorded. */
#define DLG_TYPE_ADVISOR_BRIEF (dlg_advisor_brief_get_type ())
GType            dlg_advisor_brief_get_type (void) G_GNUC_CONST;

DlgAdvisorBrief *dlg_advisor_brief_load (DlgStore            *store,
                                         gint64               process_id,
                                         GError             **error);
gboolean         dlg_advisor_choose     (DlgStore            *store,
                                         gint64               process_id,
                                         const char * const  *features,
                                         const char          *why,
                                         gint64               expected_volume,
                                         GError             **error);

char            *dlg_advisor_compare_to_csv (DlgStore    *store,
                                             GError     **error);
gboolean         dlg_advisor_compare_export (DlgStore    *store,
                                             const char  *path,
                                             GError     **error);

G_END_DECLS
