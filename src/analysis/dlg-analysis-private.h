/* dlg-analysis-private.h — what the analysis engine's files share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dlg-analysis-text.h"

G_BEGIN_DECLS

/* NULL-terminated lists, indexed by DlgAnalysisLanguage (dlg-analysis-stopwords.c). */
extern const char * const *const dlg_analysis_stop_words[DLG_ANALYSIS_N_LANGUAGES];
extern const char * const *const dlg_analysis_extra_stop_words[DLG_ANALYSIS_N_LANGUAGES];

/* The tokens of one text: casefolded, NFKC, accents kept, each NUL-terminated in @buffer at
 * the offsets of @starts. Reused from text to text. */
typedef struct
{
  GString *buffer;
  GArray  *starts;
  GString *scratch;
} DlgAnalysisTokens;

void                dlg_analysis_tokens_init        (DlgAnalysisTokens   *tokens);
void                dlg_analysis_tokens_clear       (DlgAnalysisTokens   *tokens);
void                dlg_analysis_tokens_read        (DlgAnalysisTokens   *tokens,
                                                     const char          *text);
static inline guint
dlg_analysis_tokens_get_n (DlgAnalysisTokens *tokens)
{
  return tokens->starts->len;
}
static inline const char *
dlg_analysis_tokens_get (DlgAnalysisTokens *tokens,
                         guint              i)
{
  return tokens->buffer->str + g_array_index (tokens->starts, guint, i);
}
DlgAnalysisLanguage dlg_analysis_tokens_language    (DlgAnalysisTokens   *tokens,
                                                     const char          *code);

void                dlg_analysis_strip_marks        (const char          *word,
                                                     GString             *out);
gboolean            dlg_analysis_is_stop_stripped   (DlgAnalysisLanguage  language,
                                                     const char          *stripped);
void                dlg_analysis_stemmer_stem_token (DlgAnalysisStemmer  *self,
                                                     const char          *token,
                                                     GString             *out);

guint              *dlg_analysis_sort_by_id         (const DlgAnalysisText *texts,
                                                     guint                  n_texts);

G_END_DECLS
