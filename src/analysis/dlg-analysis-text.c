/* dlg-analysis-text.c — the text pipeline: folding, tokens, stop words, stems, language
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A text is made valid UTF-8, normalised (NFKC) and case folded; its tokens are its runs of
 * letters, digits and marks (apostrophes, hyphens and punctuation separate them: "l'eau" is
 * "l" and "eau"). A token keeps its accents for the Snowball stemmer, which needs them; stop
 * words, stems and the duplicates' keys are compared without them, so that "developpement" and
 * "développement" are one word.
 */

#define G_LOG_DOMAIN "dlg-analysis"

#include "config.h"

#include <string.h>

#include <libstemmer.h>
#include <glib/gi18n-lib.h>

#include "dlg-analysis-error.h"
#include "dlg-analysis-private.h"
#include "dlg-analysis-text.h"

struct _DlgAnalysisStemmer
{
  DlgAnalysisLanguage  language;
  struct sb_stemmer   *stemmer;
  GString             *scratch;
};

static const struct {
  const char *code;
  const char *code3;
  const char *snowball;
} languages[DLG_ANALYSIS_N_LANGUAGES] = {
  { "fr", "fra", "french" },
  { "es", "spa", "spanish" },
  { "en", "eng", "english" },
  { "de", "deu", "german" },
  { "fi", "fin", "finnish" },
};

/* The stop words of each language, without accents, built once. */
static GHashTable *stop_sets[DLG_ANALYSIS_N_LANGUAGES];

static void
add_stop_words (GHashTable        *set,
                const char * const *words,
                DlgAnalysisTokens *tokens)
{
  for (guint i = 0; words[i] != NULL; i++)
    {
      dlg_analysis_tokens_read (tokens, words[i]);
      for (guint t = 0; t < dlg_analysis_tokens_get_n (tokens); t++)
        {
          g_autoptr(GString) stripped = g_string_new (NULL);

          dlg_analysis_strip_marks (dlg_analysis_tokens_get (tokens, t), stripped);
          /* the set lives as long as the program; a word met twice is added once */
          if (!g_hash_table_contains (set, stripped->str))
            g_hash_table_add (set, g_string_free (g_steal_pointer (&stripped), FALSE));
        }
    }
}

static gpointer
build_stop_sets (gpointer data)
{
  DlgAnalysisTokens tokens;

  dlg_analysis_tokens_init (&tokens);
  for (guint l = 0; l < DLG_ANALYSIS_N_LANGUAGES; l++)
    {
      stop_sets[l] = g_hash_table_new (g_str_hash, g_str_equal);
      add_stop_words (stop_sets[l], dlg_analysis_stop_words[l], &tokens);
      add_stop_words (stop_sets[l], dlg_analysis_extra_stop_words[l], &tokens);
    }
  dlg_analysis_tokens_clear (&tokens);
  return NULL;
}

static void
ensure_stop_sets (void)
{
  static GOnce once = G_ONCE_INIT;

  g_once (&once, build_stop_sets, NULL);
}

void
dlg_analysis_tokens_init (DlgAnalysisTokens *tokens)
{
  tokens->buffer = g_string_sized_new (256);
  tokens->starts = g_array_new (FALSE, FALSE, sizeof (guint));
  tokens->scratch = g_string_sized_new (64);
}

void
dlg_analysis_tokens_clear (DlgAnalysisTokens *tokens)
{
  g_string_free (tokens->buffer, TRUE);
  g_array_unref (tokens->starts);
  g_string_free (tokens->scratch, TRUE);
}

static inline gboolean
is_word_char (gunichar c)
{
  return g_unichar_isalnum (c) || g_unichar_ismark (c);
}

void
dlg_analysis_tokens_read (DlgAnalysisTokens *tokens,
                          const char        *text)
{
  g_autofree char *valid = NULL;
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  gboolean in_word = FALSE;

  g_string_truncate (tokens->buffer, 0);
  g_array_set_size (tokens->starts, 0);
  if (text == NULL || *text == '\0')
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  normal = g_utf8_normalize (text, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normal, -1);

  for (const char *p = folded; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gboolean word = c < 0x80 ? g_ascii_isalnum (c) : is_word_char (c);

      /* a mark starts no word */
      if (word && !in_word && c >= 0x80 && g_unichar_ismark (c))
        word = FALSE;
      if (word)
        {
          if (!in_word)
            {
              guint start = tokens->buffer->len;

              g_array_append_val (tokens->starts, start);
              in_word = TRUE;
            }
          g_string_append_len (tokens->buffer, p, g_utf8_next_char (p) - p);
        }
      else if (in_word)
        {
          g_string_append_c (tokens->buffer, '\0');
          in_word = FALSE;
        }
    }
  if (in_word)
    g_string_append_c (tokens->buffer, '\0');
}

/* Appends @word without its accents: "é" → "e", "œ" → "oe". */
void
dlg_analysis_strip_marks (const char *word,
                          GString    *out)
{
  for (const char *p = word; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);
      gunichar decomposed[G_UNICHAR_MAX_DECOMPOSITION_LENGTH];
      gsize n;

      if (c < 0x80)
        {
          g_string_append_c (out, (char) c);
          continue;
        }
      if (c == 0x0153)
        {
          g_string_append (out, "oe");
          continue;
        }
      if (c == 0x00e6)
        {
          g_string_append (out, "ae");
          continue;
        }
      n = g_unichar_fully_decompose (c, FALSE, decomposed, G_N_ELEMENTS (decomposed));
      for (gsize i = 0; i < n; i++)
        if (!g_unichar_ismark (decomposed[i]))
          g_string_append_unichar (out, decomposed[i]);
    }
}

gboolean
dlg_analysis_is_stop_stripped (DlgAnalysisLanguage  language,
                               const char          *stripped)
{
  ensure_stop_sets ();
  return g_hash_table_contains (stop_sets[language], stripped);
}

/* The language of the tokens: the one whose code is given when the analysis knows it, else the
 * one with the most stop words (French when none has any, or on a tie with French). */
DlgAnalysisLanguage
dlg_analysis_tokens_language (DlgAnalysisTokens *tokens,
                              const char        *code)
{
  DlgAnalysisLanguage language;
  guint hits[DLG_ANALYSIS_N_LANGUAGES] = { 0 };
  guint best = DLG_ANALYSIS_LANGUAGE_FRENCH;

  if (dlg_analysis_language_from_code (code, &language))
    return language;
  ensure_stop_sets ();
  for (guint t = 0; t < dlg_analysis_tokens_get_n (tokens); t++)
    {
      g_string_truncate (tokens->scratch, 0);
      dlg_analysis_strip_marks (dlg_analysis_tokens_get (tokens, t), tokens->scratch);
      for (guint l = 0; l < DLG_ANALYSIS_N_LANGUAGES; l++)
        if (g_hash_table_contains (stop_sets[l], tokens->scratch->str))
          hits[l]++;
    }
  for (guint l = 1; l < DLG_ANALYSIS_N_LANGUAGES; l++)
    if (hits[l] > hits[best])
      best = l;
  return best;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b,
             gpointer      data)
{
  const DlgAnalysisText *texts = data;
  const DlgAnalysisText *x = &texts[*(const guint *) a];
  const DlgAnalysisText *y = &texts[*(const guint *) b];
  int order;

  if ((order = g_strcmp0 (x->id, y->id)) != 0)
    return order;
  if ((order = g_strcmp0 (x->text, y->text)) != 0)
    return order;
  return g_strcmp0 (x->language, y->language);
}

/* The texts' indices in the order of their ids (then texts, then languages), so that what
 * the analysis finds does not depend on the order it was given the texts in. */
guint *
dlg_analysis_sort_by_id (const DlgAnalysisText *texts,
                         guint                  n_texts)
{
  guint *order = g_new (guint, MAX (n_texts, 1));

  for (guint i = 0; i < n_texts; i++)
    order[i] = i;
  g_qsort_with_data (order, n_texts, sizeof (guint), compare_ids, (gpointer) texts);
  return order;
}

void
dlg_analysis_stemmer_stem_token (DlgAnalysisStemmer *self,
                                 const char         *token,
                                 GString            *out)
{
  const sb_symbol *stem = sb_stemmer_stem (self->stemmer, (const sb_symbol *) token,
                                           (int) strlen (token));

  g_string_truncate (self->scratch, 0);
  if (stem == NULL)
    g_string_append (self->scratch, token);
  else
    g_string_append_len (self->scratch, (const char *) stem, sb_stemmer_length (self->stemmer));
  dlg_analysis_strip_marks (self->scratch->str, out);
}

/**
 * dlg_analysis_language_from_code:
 * @code: (nullable): an ISO 639-1 or 639-2 code, with or without a region ("fr", "fra",
 *   "fr-FR", "fr_CA"), or a Snowball name ("french"); case does not matter
 * @language: (out): the language
 *
 * Returns: %TRUE when the analysis knows the language
 */
gboolean
dlg_analysis_language_from_code (const char          *code,
                                 DlgAnalysisLanguage *language)
{
  g_autofree char *lower = NULL;
  char *region;

  g_return_val_if_fail (language != NULL, FALSE);

  if (code == NULL || *code == '\0')
    return FALSE;
  lower = g_ascii_strdown (code, -1);
  if ((region = strpbrk (lower, "-_")) != NULL)
    *region = '\0';
  for (guint l = 0; l < DLG_ANALYSIS_N_LANGUAGES; l++)
    if (g_str_equal (lower, languages[l].code) || g_str_equal (lower, languages[l].code3)
        || g_str_equal (lower, languages[l].snowball))
      {
        *language = l;
        return TRUE;
      }
  return FALSE;
}

/**
 * dlg_analysis_language_get_code:
 *
 * Returns: the language's ISO 639-1 code ("fr")
 */
const char *
dlg_analysis_language_get_code (DlgAnalysisLanguage language)
{
  g_return_val_if_fail (language < DLG_ANALYSIS_N_LANGUAGES, NULL);

  return languages[language].code;
}

/**
 * dlg_analysis_detect_language:
 * @text: a text
 *
 * Returns: the language with the most stop words in @text; French when none has any
 */
DlgAnalysisLanguage
dlg_analysis_detect_language (const char *text)
{
  DlgAnalysisTokens tokens;
  DlgAnalysisLanguage language;

  dlg_analysis_tokens_init (&tokens);
  dlg_analysis_tokens_read (&tokens, text);
  language = dlg_analysis_tokens_language (&tokens, NULL);
  dlg_analysis_tokens_clear (&tokens);
  return language;
}

/**
 * dlg_analysis_fold:
 * @text: a text
 *
 * Returns: (transfer full): @text's tokens, case folded and without accents, separated by one
 *   space: "Très BIEN, l'été !" is "tres bien l ete"
 */
char *
dlg_analysis_fold (const char *text)
{
  DlgAnalysisTokens tokens;
  GString *out = g_string_new (NULL);

  dlg_analysis_tokens_init (&tokens);
  dlg_analysis_tokens_read (&tokens, text);
  for (guint t = 0; t < dlg_analysis_tokens_get_n (&tokens); t++)
    {
      if (t > 0)
        g_string_append_c (out, ' ');
      dlg_analysis_strip_marks (dlg_analysis_tokens_get (&tokens, t), out);
    }
  dlg_analysis_tokens_clear (&tokens);
  return g_string_free (out, FALSE);
}

/**
 * dlg_analysis_tokens:
 * @text: a text
 *
 * Returns: (transfer full): @text's tokens, case folded, accents kept
 */
char **
dlg_analysis_tokens (const char *text)
{
  DlgAnalysisTokens tokens;
  GStrvBuilder *builder = g_strv_builder_new ();
  char **result;

  dlg_analysis_tokens_init (&tokens);
  dlg_analysis_tokens_read (&tokens, text);
  for (guint t = 0; t < dlg_analysis_tokens_get_n (&tokens); t++)
    g_strv_builder_add (builder, dlg_analysis_tokens_get (&tokens, t));
  dlg_analysis_tokens_clear (&tokens);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

/**
 * dlg_analysis_is_stop_word:
 * @language: the language
 * @word: a word, in any case, with or without its accents
 *
 * Returns: whether @word is a stop word of @language
 */
gboolean
dlg_analysis_is_stop_word (DlgAnalysisLanguage  language,
                           const char          *word)
{
  g_autofree char *folded = NULL;

  g_return_val_if_fail (language < DLG_ANALYSIS_N_LANGUAGES, FALSE);
  g_return_val_if_fail (word != NULL, FALSE);

  folded = dlg_analysis_fold (word);
  return dlg_analysis_is_stop_stripped (language, folded);
}

/**
 * dlg_analysis_stemmer_new:
 * @language: the language
 * @error: where an error goes
 *
 * Makes the Snowball stemmer of @language (UTF-8). A stemmer is for one thread at a time.
 *
 * Returns: (transfer full): the stemmer, or %NULL with %DLG_ANALYSIS_ERROR_STEMMER
 */
DlgAnalysisStemmer *
dlg_analysis_stemmer_new (DlgAnalysisLanguage   language,
                          GError              **error)
{
  DlgAnalysisStemmer *self;
  struct sb_stemmer *stemmer;

  g_return_val_if_fail (language < DLG_ANALYSIS_N_LANGUAGES, NULL);

  if (!(stemmer = sb_stemmer_new (languages[language].snowball, "UTF_8")))
    {
      g_set_error (error, DLG_ANALYSIS_ERROR, DLG_ANALYSIS_ERROR_STEMMER,
                   _("The stemmer of the language “%s” is not available."),
                   languages[language].code);
      return NULL;
    }
  self = g_new0 (DlgAnalysisStemmer, 1);
  self->language = language;
  self->stemmer = stemmer;
  self->scratch = g_string_new (NULL);
  return self;
}

void
dlg_analysis_stemmer_free (DlgAnalysisStemmer *self)
{
  if (self == NULL)
    return;
  sb_stemmer_delete (self->stemmer);
  g_string_free (self->scratch, TRUE);
  g_free (self);
}

/**
 * dlg_analysis_stemmer_stem:
 * @self: a stemmer
 * @word: a word, in any case
 *
 * Returns: (transfer full): the stem of @word, case folded and without accents ("Pistes" →
 *   "pist" in French)
 */
char *
dlg_analysis_stemmer_stem (DlgAnalysisStemmer *self,
                           const char         *word)
{
  g_autofree char *normal = NULL;
  g_autofree char *folded = NULL;
  GString *out = g_string_new (NULL);

  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (word != NULL && g_utf8_validate (word, -1, NULL), NULL);

  normal = g_utf8_normalize (word, -1, G_NORMALIZE_NFKC);
  folded = g_utf8_casefold (normal, -1);
  dlg_analysis_stemmer_stem_token (self, folded, out);
  return g_string_free (out, FALSE);
}
