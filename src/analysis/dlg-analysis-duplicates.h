/* dlg-analysis-duplicates.h — exact and near duplicates: normalised text, shingles, MinHash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-analysis-text.h"

G_BEGIN_DECLS

#define DLG_ANALYSIS_DEFAULT_SIMILARITY 0.6

/**
 * DlgAnalysisDuplicateOptions:
 * @similarity: the least Jaccard similarity of two texts' word 3-shingles for them to be near
 *   duplicates (0–1; 0: the default, %DLG_ANALYSIS_DEFAULT_SIMILARITY)
 * @seed: the seed of the MinHash functions
 */
typedef struct
{
  double  similarity;
  guint32 seed;
} DlgAnalysisDuplicateOptions;

/**
 * DlgAnalysisDuplicateGroup:
 * @count: how many contributions it has (two or more)
 * @text: its most frequent text, as a contribution wrote it (trimmed)
 * @contributions: (array zero-terminated=1): their ids, in byte order
 * @near: whether its texts differ (near duplicates) rather than being all the same once
 *   normalised
 */
typedef struct
{
  guint     count;
  char     *text;
  char    **contributions;
  gboolean  near;
} DlgAnalysisDuplicateGroup;

/**
 * DlgAnalysisDuplicates:
 * @groups: (element-type DlgAnalysisDuplicateGroup): largest first
 * @n_texts: how many texts were given
 * @n_grouped: how many are in a group
 */
typedef struct
{
  GPtrArray *groups;
  guint      n_texts;
  guint      n_grouped;
} DlgAnalysisDuplicates;

DlgAnalysisDuplicates *dlg_analysis_find_duplicates (const DlgAnalysisText              *texts,
                                                     guint                               n_texts,
                                                     const DlgAnalysisDuplicateOptions  *options,
                                                     GCancellable                       *cancellable,
                                                     GError                            **error);
void                   dlg_analysis_duplicates_free (DlgAnalysisDuplicates              *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgAnalysisDuplicates, dlg_analysis_duplicates_free)

G_END_DECLS
