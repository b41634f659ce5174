/* dlg-contribution-list.h — a lazy GListModel over the contributions of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Made for 100,000 contributions: the number of items comes from one COUNT query per filter
 * change, rows are read in pages of 200 (newest first) kept in a small cache.
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_CONTRIBUTION_LIST (dlg_contribution_list_get_type ())

G_DECLARE_FINAL_TYPE (DlgContributionList, dlg_contribution_list, DLG, CONTRIBUTION_LIST,
                      GObject)

/* What the list is ordered by (then by id, the same way); the vocabularies' columns in their
 * display order. */
typedef enum
{
  DLG_CONTRIBUTION_SORT_DATE,
  DLG_CONTRIBUTION_SORT_TITLE,
  DLG_CONTRIBUTION_SORT_CHANNEL,
  DLG_CONTRIBUTION_SORT_FEATURE,
  DLG_CONTRIBUTION_SORT_AUTHOR,
  DLG_CONTRIBUTION_SORT_MODERATION,
  DLG_CONTRIBUTION_SORT_THEMES,
  DLG_CONTRIBUTION_SORT_SUPPORTS,
} DlgContributionSort;

/* Item type DlgContribution; ordered by created_at DESC, id DESC until set_sort says. */
DlgContributionList *dlg_contribution_list_new            (DlgStore            *store,
                                                           gint64               process_id);

/* Full-text search; @text is what the officer typed (never an FTS expression); NULL or ""
 * for no search. */
void                 dlg_contribution_list_set_search     (DlgContributionList *self,
                                                           const char          *text);
/* NULL for every channel / feature / moderation state. */
void                 dlg_contribution_list_set_channel    (DlgContributionList *self,
                                                           const char          *channel);
void                 dlg_contribution_list_set_feature    (DlgContributionList *self,
                                                           const char          *feature);
void                 dlg_contribution_list_set_moderation (DlgContributionList *self,
                                                           const char          *moderation);
/* The theme filter's value for "no theme yet". */
#define DLG_CONTRIBUTION_LIST_NO_THEME ((gint64) -1)

void                 dlg_contribution_list_set_theme      (DlgContributionList *self,
                                                           gint64               theme_id);
gint64               dlg_contribution_list_get_theme      (DlgContributionList *self);
void                 dlg_contribution_list_set_sort       (DlgContributionList *self,
                                                           DlgContributionSort  sort,
                                                           gboolean             descending);
DlgContributionSort  dlg_contribution_list_get_sort       (DlgContributionList *self,
                                                           gboolean            *descending);
void                 dlg_contribution_list_set_highlighted_only (DlgContributionList *self,
                                                                 gboolean highlighted_only);
gboolean             dlg_contribution_list_get_highlighted_only (DlgContributionList *self);
void                 dlg_contribution_list_set_site_missing_only (DlgContributionList *self,
                                                                  gboolean site_missing_only);
gboolean             dlg_contribution_list_get_site_missing_only (DlgContributionList *self);
/* Every id the search and filters match, for an action on all of them. */
GArray              *dlg_contribution_list_get_ids        (DlgContributionList  *self,
                                                           GError              **error);
/* The position of contribution @id in the list now, or -1 when the filters leave it out. */
gint64               dlg_contribution_list_find           (DlgContributionList *self,
                                                           gint64               id);
const char          *dlg_contribution_list_get_search     (DlgContributionList *self);
const char          *dlg_contribution_list_get_channel    (DlgContributionList *self);
const char          *dlg_contribution_list_get_feature    (DlgContributionList *self);
const char          *dlg_contribution_list_get_moderation (DlgContributionList *self);
gint64               dlg_contribution_list_get_process_id (DlgContributionList *self);

/* Re-reads the count and drops the cache (after a store change); emits items-changed. */
void                 dlg_contribution_list_refresh        (DlgContributionList *self);

/* Turns user text into a safe FTS5 query: each term quoted, the last one prefix-matched.
 * Returns NULL when there is no term. Exposed for tests. */
char                *dlg_contribution_list_make_fts_query (const char          *text);

G_END_DECLS
