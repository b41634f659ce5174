/* dlg-analysis-themes.h — theme suggestion: TF-IDF and a seeded spherical k-means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-analysis-text.h"

G_BEGIN_DECLS

#define DLG_ANALYSIS_DEFAULT_THEMES 8
#define DLG_ANALYSIS_MAX_THEMES     100
#define DLG_ANALYSIS_DEFAULT_SEED   1

/**
 * DlgAnalysisThemeOptions:
 * @n_themes: how many themes to suggest (1–%DLG_ANALYSIS_MAX_THEMES; fewer come out when
 *   fewer contributions can be grouped)
 * @seed: the seed of the k-means++ start: same texts and seed, same themes
 * @max_iterations: the k-means' cap (0: the default, 50)
 */
typedef struct
{
  guint   n_themes;
  guint32 seed;
  guint   max_iterations;
} DlgAnalysisThemeOptions;

/**
 * DlgAnalysisTheme:
 * @label: its two or three most telling words, ", "-separated
 * @terms: (array zero-terminated=1): its top terms (each stem as its most frequent word),
 *   most telling first
 * @size: how many contributions it has
 * @contributions: (array zero-terminated=1): their ids, closest to the theme's centre first
 *   (the first three are its representative contributions)
 */
typedef struct
{
  char   *label;
  char  **terms;
  guint   size;
  char  **contributions;
} DlgAnalysisTheme;

/**
 * DlgAnalysisThemes:
 * @themes: (element-type DlgAnalysisTheme): largest first
 * @n_texts: how many texts were given
 * @n_too_short: texts left out for having fewer than two words that are not stop words
 *   ("RAS", "Non.", "Pas d'accord")
 * @n_unmatched: texts left out for sharing none of their words with another text
 */
typedef struct
{
  GPtrArray *themes;
  guint      n_texts;
  guint      n_too_short;
  guint      n_unmatched;
} DlgAnalysisThemes;

DlgAnalysisThemes *dlg_analysis_suggest_themes (const DlgAnalysisText          *texts,
                                                guint                           n_texts,
                                                const DlgAnalysisThemeOptions  *options,
                                                GCancellable                   *cancellable,
                                                GError                        **error);
void               dlg_analysis_themes_free    (DlgAnalysisThemes              *self);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgAnalysisThemes, dlg_analysis_themes_free)

G_END_DECLS
