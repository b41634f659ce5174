/* dlg-analysis-text.h — the text pipeline: folding, tokens, stop words, stems, language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/**
 * DlgAnalysisLanguage:
 *
 * The languages the analysis has stop words and a Snowball stemmer for.
 */
typedef enum
{
  DLG_ANALYSIS_LANGUAGE_FRENCH,
  DLG_ANALYSIS_LANGUAGE_SPANISH,
  DLG_ANALYSIS_LANGUAGE_ENGLISH,
  DLG_ANALYSIS_LANGUAGE_GERMAN,
  DLG_ANALYSIS_LANGUAGE_FINNISH,
} DlgAnalysisLanguage;

#define DLG_ANALYSIS_N_LANGUAGES 5

/**
 * DlgAnalysisText:
 * @id: the contribution's id (its uuid): the results name contributions by it
 * @text: its text, UTF-8 (invalid bytes are replaced)
 * @language: (nullable): its language when known, as an ISO 639 code ("fr", "fra", "fr-FR")
 *   or a Snowball name ("french"); %NULL, or a language the analysis does not know, and it is
 *   detected from the text's stop words
 *
 * One contribution as the analysis reads it. The engine knows nothing of the store.
 */
typedef struct
{
  const char *id;
  const char *text;
  const char *language;
} DlgAnalysisText;

typedef struct _DlgAnalysisStemmer DlgAnalysisStemmer;

gboolean             dlg_analysis_language_from_code (const char           *code,
                                                      DlgAnalysisLanguage  *language);
const char          *dlg_analysis_language_get_code  (DlgAnalysisLanguage   language);
DlgAnalysisLanguage  dlg_analysis_detect_language    (const char           *text);

char                *dlg_analysis_fold               (const char           *text);
char               **dlg_analysis_tokens             (const char           *text);
gboolean             dlg_analysis_is_stop_word       (DlgAnalysisLanguage   language,
                                                      const char           *word);

DlgAnalysisStemmer  *dlg_analysis_stemmer_new        (DlgAnalysisLanguage   language,
                                                      GError              **error);
void                 dlg_analysis_stemmer_free       (DlgAnalysisStemmer   *self);
char                *dlg_analysis_stemmer_stem       (DlgAnalysisStemmer   *self,
                                                      const char           *word);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgAnalysisStemmer, dlg_analysis_stemmer_free)

G_END_DECLS
