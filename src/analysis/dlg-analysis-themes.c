/* dlg-analysis-themes.c — theme suggestion: TF-IDF and a seeded spherical k-means
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each text becomes the stems of its words that are not stop words (in its language, given or
 * detected), weighted by TF-IDF (sublinear term frequency 1 + ln tf, smoothed idf
 * 1 + ln ((1 + n) / (1 + df)), where n and df count copies of a text once, so that a campaign
 * copied a thousand times does not make its words look common) and normalised to length 1.
 * Stems used by one text only, or by more than half of the distinct texts (when there are 50
 * or more), weigh nothing and are left out. Texts
 * with fewer than two distinct stems ("RAS", "Non.") are too short to say what they are about
 * and are left out, counted, rather than made into a theme of their own.
 *
 * The vectors are grouped by a spherical k-means (cosine similarity, centres normalised to
 * length 1) started by a greedy k-means++ (2 + ln k candidates per centre, the one that lowers
 * the sum of distances most is kept) drawn from a GRand seeded by the caller, with a fixed
 * cap on iterations; of three such runs (one GRand, drawn on in turn), the one whose documents
 * are closest to their centres (the highest sum of similarities) is kept. The texts are sorted by id first and every tie is broken by a total
 * order, so that the same texts and seed give the same themes, byte for byte, in whatever
 * order the texts come.
 *
 * A theme's terms are the stems that weigh most in its centre and least in the others
 * (c² / Σ c over the centres), each shown as the word it comes from most often; its label is
 * the first two, and the third when it tells at least half as much as the first.
 */

#define G_LOG_DOMAIN "dlg-analysis"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-analysis-error.h"
#include "dlg-analysis-private.h"
#include "dlg-analysis-themes.h"

#define N_TERMS             10
#define DEFAULT_ITERATIONS  50
#define MIN_DISTINCT_STEMS  2
#define MAX_DF_MIN_TEXTS    50
#define MAX_DF_FRACTION     0.5
#define N_STARTS            3

/* What a word (a token, accents kept) of one language becomes: a stem's index, or -1. */
typedef struct
{
  gint  term;
  guint count;
} Word;

typedef struct
{
  GHashTable         *words[DLG_ANALYSIS_N_LANGUAGES];
  DlgAnalysisStemmer *stemmers[DLG_ANALYSIS_N_LANGUAGES];
  GHashTable         *vocabulary;   /* stem → index + 1 */
  GPtrArray          *stems;        /* index → stem */
  GString            *stripped;
  GString            *stem;
} Corpus;

/* The texts that are grouped, as sparse vectors: text d has the terms
 * terms[starts[d]…starts[d + 1]) with their weights. */
typedef struct
{
  guint   n_docs;
  guint   n_terms;
  guint  *text;      /* d → index in the caller's array */
  guint  *starts;
  guint  *terms;
  double *weights;
} Vectors;

typedef struct
{
  guint  term;
  double score;
} Scored;

static void
corpus_init (Corpus *corpus)
{
  memset (corpus, 0, sizeof *corpus);
  for (guint l = 0; l < DLG_ANALYSIS_N_LANGUAGES; l++)
    corpus->words[l] = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  corpus->vocabulary = g_hash_table_new (g_str_hash, g_str_equal);
  corpus->stems = g_ptr_array_new_with_free_func (g_free);
  corpus->stripped = g_string_new (NULL);
  corpus->stem = g_string_new (NULL);
}

static void
corpus_clear (Corpus *corpus)
{
  for (guint l = 0; l < DLG_ANALYSIS_N_LANGUAGES; l++)
    {
      g_hash_table_unref (corpus->words[l]);
      dlg_analysis_stemmer_free (corpus->stemmers[l]);
    }
  g_hash_table_unref (corpus->vocabulary);
  g_ptr_array_unref (corpus->stems);
  g_string_free (corpus->stripped, TRUE);
  g_string_free (corpus->stem, TRUE);
}

static void
vectors_clear (Vectors *v)
{
  g_free (v->text);
  g_free (v->starts);
  g_free (v->terms);
  g_free (v->weights);
}

static void
theme_free (gpointer data)
{
  DlgAnalysisTheme *theme = data;

  g_free (theme->label);
  g_strfreev (theme->terms);
  g_strfreev (theme->contributions);
  g_free (theme);
}

static gboolean
is_number (const char *token)
{
  for (const char *p = token; *p != '\0'; p++)
    if (!g_ascii_isdigit (*p))
      return FALSE;
  return TRUE;
}

/* The word's stem index, or -1 for a stop word, a number or a single letter. */
static Word *
corpus_word (Corpus               *corpus,
             DlgAnalysisLanguage   language,
             const char           *token,
             GError              **error)
{
  Word *word = g_hash_table_lookup (corpus->words[language], token);
  gpointer index;

  if (word != NULL)
    return word;
  word = g_new0 (Word, 1);
  word->term = -1;
  g_string_truncate (corpus->stripped, 0);
  dlg_analysis_strip_marks (token, corpus->stripped);
  if (g_utf8_strlen (corpus->stripped->str, -1) >= 2 && !is_number (corpus->stripped->str)
      && !dlg_analysis_is_stop_stripped (language, corpus->stripped->str))
    {
      if (corpus->stemmers[language] == NULL
          && !(corpus->stemmers[language] = dlg_analysis_stemmer_new (language, error)))
        {
          g_free (word);
          return NULL;
        }
      g_string_truncate (corpus->stem, 0);
      dlg_analysis_stemmer_stem_token (corpus->stemmers[language], token, corpus->stem);
      if (g_utf8_strlen (corpus->stem->str, -1) >= 2)
        {
          if ((index = g_hash_table_lookup (corpus->vocabulary, corpus->stem->str)) == NULL)
            {
              char *stem = g_strdup (corpus->stem->str);

              g_ptr_array_add (corpus->stems, stem);
              index = GUINT_TO_POINTER (corpus->stems->len);
              g_hash_table_insert (corpus->vocabulary, stem, index);
            }
          word->term = GPOINTER_TO_UINT (index) - 1;
        }
    }
  g_hash_table_insert (corpus->words[language], g_strdup (token), word);
  return word;
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

/* Reads the texts in the order of their ids into term counts; fills @vectors with the texts
 * that have enough stems (weights: the counts, for now). */
static gboolean
read_texts (Corpus                 *corpus,
            const DlgAnalysisText  *texts,
            const guint            *order,
            guint                   n_texts,
            Vectors                *vectors,
            guint                  *n_too_short,
            GCancellable           *cancellable,
            GError                **error)
{
  DlgAnalysisTokens tokens;
  g_autoptr(GArray) doc_terms = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) all_terms = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) all_counts = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GArray) kept = g_array_new (FALSE, FALSE, sizeof (guint));
  gboolean ok = TRUE;

  dlg_analysis_tokens_init (&tokens);
  for (guint i = 0; i < n_texts && ok; i++)
    {
      const DlgAnalysisText *text = &texts[order[i]];
      DlgAnalysisLanguage language;
      guint distinct = 0, start = all_terms->len;

      if (i % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          ok = FALSE;
          break;
        }
      dlg_analysis_tokens_read (&tokens, text->text);
      language = dlg_analysis_tokens_language (&tokens, text->language);
      g_array_set_size (doc_terms, 0);
      for (guint t = 0; t < dlg_analysis_tokens_get_n (&tokens); t++)
        {
          Word *word = corpus_word (corpus, language, dlg_analysis_tokens_get (&tokens, t),
                                    error);

          if (word == NULL)
            {
              ok = FALSE;
              break;
            }
          if (word->term >= 0)
            {
              guint term = word->term;

              word->count++;
              g_array_append_val (doc_terms, term);
            }
        }
      if (!ok)
        break;
      g_array_sort (doc_terms, compare_uint);
      for (guint t = 0; t < doc_terms->len; distinct++)
        {
          guint term = g_array_index (doc_terms, guint, t), end = t;
          double count;

          while (end < doc_terms->len && g_array_index (doc_terms, guint, end) == term)
            end++;
          count = end - t;
          g_array_append_val (all_terms, term);
          g_array_append_val (all_counts, count);
          t = end;
        }
      if (distinct < MIN_DISTINCT_STEMS)
        {
          g_array_set_size (all_terms, start);
          g_array_set_size (all_counts, start);
          (*n_too_short)++;
          continue;
        }
      g_array_append_val (starts, start);
      g_array_append_val (kept, order[i]);
    }
  dlg_analysis_tokens_clear (&tokens);
  if (!ok)
    return FALSE;

  g_array_append_val (starts, all_terms->len);
  vectors->n_docs = kept->len;
  vectors->text = (guint *) g_array_free (g_steal_pointer (&kept), FALSE);
  vectors->starts = (guint *) g_array_free (g_steal_pointer (&starts), FALSE);
  vectors->terms = (guint *) g_array_free (g_steal_pointer (&all_terms), FALSE);
  vectors->weights = (double *) g_array_free (g_steal_pointer (&all_counts), FALSE);
  return TRUE;
}

static guint64
doc_hash (const Vectors *v,
          guint          d)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (guint p = v->starts[d]; p < v->starts[d + 1]; p++)
    {
      h = (h ^ v->terms[p]) * G_GUINT64_CONSTANT (0x100000001b3);
      h = (h ^ (guint64) v->weights[p]) * G_GUINT64_CONSTANT (0x100000001b3);
    }
  return h;
}

static gboolean
doc_equal (const Vectors *v,
           guint          a,
           guint          b)
{
  guint n = v->starts[a + 1] - v->starts[a];

  return n == v->starts[b + 1] - v->starts[b]
         && memcmp (v->terms + v->starts[a], v->terms + v->starts[b], n * sizeof (guint)) == 0
         && memcmp (v->weights + v->starts[a], v->weights + v->starts[b],
                    n * sizeof (double)) == 0;
}

typedef struct
{
  guint64 hash;
  guint   doc;
} DocHash;

static int
compare_doc_hashes (gconstpointer a,
                    gconstpointer b)
{
  const DocHash *x = a, *y = b;

  if (x->hash != y->hash)
    return x->hash < y->hash ? -1 : 1;
  return x->doc < y->doc ? -1 : x->doc > y->doc;
}

/* For each stem, in how many texts it is (@df_all) and in how many distinct texts (@df, copies
 * counted once: a campaign copied by half of the texts keeps its words). Returns the number
 * of distinct texts. */
static guint
count_df (const Vectors *v,
          guint          n_stems,
          guint         *df_all,
          guint         *df)
{
  g_autofree DocHash *hashes = g_new (DocHash, MAX (v->n_docs, 1));
  guint n_distinct = 0;

  for (guint d = 0; d < v->n_docs; d++)
    {
      hashes[d].hash = doc_hash (v, d);
      hashes[d].doc = d;
      for (guint p = v->starts[d]; p < v->starts[d + 1]; p++)
        df_all[v->terms[p]]++;
    }
  qsort (hashes, v->n_docs, sizeof (DocHash), compare_doc_hashes);
  for (guint i = 0; i < v->n_docs; i++)
    {
      guint d = hashes[i].doc;
      gboolean copy = FALSE;

      for (guint j = i; j-- > 0 && hashes[j].hash == hashes[i].hash && !copy;)
        copy = doc_equal (v, hashes[j].doc, d);
      if (copy)
        continue;
      n_distinct++;
      for (guint p = v->starts[d]; p < v->starts[d + 1]; p++)
        df[v->terms[p]]++;
    }
  return n_distinct;
}

/* Leaves out the stems that tell nothing (in one text only, or in most), renumbers the others
 * in their order, weighs the counts and normalises each vector; drops the texts left with no
 * stem. @kept_stems gets, for each new index, the stem's index in @corpus. */
static void
weigh (Corpus  *corpus,
       Vectors *v,
       GArray  *kept_stems,
       guint   *n_unmatched)
{
  guint n_stems = corpus->stems->len;
  g_autofree gint *renumber = g_new (gint, MAX (n_stems, 1));
  g_autofree guint *df_all = g_new0 (guint, MAX (n_stems, 1));
  g_autofree guint *df = g_new0 (guint, MAX (n_stems, 1));
  g_autofree double *idf = NULL;
  guint n_distinct = count_df (v, n_stems, df_all, df);
  guint min_df = v->n_docs >= 10 ? 2 : 1;
  double max_df = n_distinct >= MAX_DF_MIN_TEXTS ? MAX_DF_FRACTION * n_distinct : n_distinct;
  guint out = 0, out_doc = 0;

  for (guint s = 0; s < n_stems; s++)
    {
      renumber[s] = -1;
      if (df_all[s] >= min_df && df[s] <= max_df)
        {
          renumber[s] = kept_stems->len;
          g_array_append_val (kept_stems, s);
        }
    }
  v->n_terms = kept_stems->len;
  idf = g_new (double, MAX (v->n_terms, 1));
  for (guint t = 0; t < v->n_terms; t++)
    {
      guint stem = g_array_index (kept_stems, guint, t);

      idf[t] = 1.0 + log ((1.0 + n_distinct) / (1.0 + df[stem]));
    }

  for (guint d = 0; d < v->n_docs; d++)
    {
      guint start = out;
      double norm = 0.0;

      for (guint p = v->starts[d]; p < v->starts[d + 1]; p++)
        {
          gint t = renumber[v->terms[p]];

          if (t < 0)
            continue;
          v->terms[out] = t;
          v->weights[out] = (1.0 + log (v->weights[p])) * idf[t];
          norm += v->weights[out] * v->weights[out];
          out++;
        }
      if (out == start)
        {
          (*n_unmatched)++;
          continue;
        }
      norm = sqrt (norm);
      for (guint p = start; p < out; p++)
        v->weights[p] /= norm;
      v->text[out_doc] = v->text[d];
      v->starts[out_doc] = start;
      out_doc++;
    }
  v->starts[out_doc] = out;
  v->n_docs = out_doc;
}

/* dense[t] = the weights of document d */
static void
scatter (const Vectors *v,
         guint          d,
         double        *dense,
         double         value_factor)
{
  for (guint p = v->starts[d]; p < v->starts[d + 1]; p++)
    dense[v->terms[p]] = value_factor * v->weights[p];
}

static double
dot_dense (const Vectors *v,
           guint          d,
           const double  *dense)
{
  double sum = 0.0;

  for (guint p = v->starts[d]; p < v->starts[d + 1]; p++)
    sum += v->weights[p] * dense[v->terms[p]];
  return sum;
}

/* Greedy k-means++: the centres are documents, the first drawn at random, each next one the
 * best of a few drawn in proportion to their distance (2 − 2 cos) to the nearest centre.
 * Returns how many centres were found (fewer than k when the rest are copies). */
static guint
choose_centres (const Vectors *v,
                guint          k,
                GRand         *rand,
                guint         *centres)
{
  guint n = v->n_docs;
  guint trials = 2 + (guint) log (k);
  g_autofree double *closest = g_new (double, n);
  g_autofree double *candidate = g_new (double, n);
  g_autofree double *best = g_new (double, n);
  g_autofree double *dense = g_new0 (double, MAX (v->n_terms, 1));
  guint found = 0;

  centres[found++] = g_rand_int_range (rand, 0, n);
  scatter (v, centres[0], dense, 1.0);
  for (guint i = 0; i < n; i++)
    closest[i] = MAX (0.0, 2.0 - 2.0 * dot_dense (v, i, dense));
  scatter (v, centres[0], dense, 0.0);

  while (found < k)
    {
      double total = 0.0, best_potential = G_MAXDOUBLE;
      guint best_doc = 0;
      gboolean any = FALSE;

      for (guint i = 0; i < n; i++)
        total += closest[i];
      if (total <= 1e-12)
        break;
      for (guint r = 0; r < trials; r++)
        {
          double target = g_rand_double (rand) * total, sum = 0.0, potential = 0.0;
          guint pick = n - 1;

          for (guint i = 0; i < n; i++)
            {
              sum += closest[i];
              if (sum > target && closest[i] > 0.0)
                {
                  pick = i;
                  break;
                }
            }
          while (closest[pick] <= 0.0 && pick > 0)
            pick--;
          scatter (v, pick, dense, 1.0);
          for (guint i = 0; i < n; i++)
            {
              candidate[i] = MIN (closest[i], MAX (0.0, 2.0 - 2.0 * dot_dense (v, i, dense)));
              potential += candidate[i];
            }
          scatter (v, pick, dense, 0.0);
          if (!any || potential < best_potential)
            {
              any = TRUE;
              best_potential = potential;
              best_doc = pick;
              memcpy (best, candidate, n * sizeof (double));
            }
        }
      if (closest[best_doc] <= 0.0)
        break;
      centres[found++] = best_doc;
      memcpy (closest, best, n * sizeof (double));
    }
  return found;
}

/* Assigns each document to the centre most similar to it (the lowest index on a tie).
 * @centroids is term-major: centroids[t * k + j]. Returns how many changed. */
static guint
assign (const Vectors *v,
        guint          k,
        const double  *centroids,
        guint         *assignment,
        double        *similarity)
{
  g_autofree double *sims = g_new (double, k);
  guint changed = 0;

  for (guint d = 0; d < v->n_docs; d++)
    {
      guint best = 0;

      memset (sims, 0, k * sizeof (double));
      for (guint p = v->starts[d]; p < v->starts[d + 1]; p++)
        {
          const double *row = &centroids[(gsize) v->terms[p] * k];
          double w = v->weights[p];

          for (guint j = 0; j < k; j++)
            sims[j] += w * row[j];
        }
      for (guint j = 1; j < k; j++)
        if (sims[j] > sims[best])
          best = j;
      if (assignment[d] != best)
        changed++;
      assignment[d] = best;
      similarity[d] = sims[best];
    }
  return changed;
}

/* Each centre becomes the normalised sum of its documents; an empty one takes the document
 * least similar to its own centre (the first such), so that k stays k. */
static void
update (const Vectors *v,
        guint          k,
        double        *centroids,
        guint         *assignment,
        double        *similarity)
{
  g_autofree double *norms = g_new0 (double, k);
  g_autofree guint *sizes = g_new0 (guint, k);
  gsize n_cells = (gsize) v->n_terms * k;

  memset (centroids, 0, n_cells * sizeof (double));
  for (guint d = 0; d < v->n_docs; d++)
    sizes[assignment[d]]++;
  for (guint j = 0; j < k; j++)
    {
      guint worst = G_MAXUINT;

      if (sizes[j] > 0)
        continue;
      for (guint d = 0; d < v->n_docs; d++)
        if (sizes[assignment[d]] > 1 && (worst == G_MAXUINT || similarity[d] < similarity[worst]))
          worst = d;
      if (worst == G_MAXUINT)
        continue;
      sizes[assignment[worst]]--;
      sizes[j]++;
      assignment[worst] = j;
      similarity[worst] = 1.0;
    }
  for (guint d = 0; d < v->n_docs; d++)
    {
      guint j = assignment[d];

      for (guint p = v->starts[d]; p < v->starts[d + 1]; p++)
        centroids[(gsize) v->terms[p] * k + j] += v->weights[p];
    }
  for (gsize c = 0; c < n_cells; c++)
    norms[c % k] += centroids[c] * centroids[c];
  for (guint j = 0; j < k; j++)
    norms[j] = norms[j] > 0.0 ? 1.0 / sqrt (norms[j]) : 0.0;
  for (gsize c = 0; c < n_cells; c++)
    centroids[c] *= norms[c % k];
}

/* One k-means from one k-means++ start. */
typedef struct
{
  guint   k;
  double *centroids;    /* term-major */
  guint  *assignment;
  double *similarity;   /* to the document's final centre */
  double  objective;    /* the sum of the similarities */
} Clustering;

static void
clustering_free (Clustering *clustering)
{
  if (clustering == NULL)
    return;
  g_free (clustering->centroids);
  g_free (clustering->assignment);
  g_free (clustering->similarity);
  g_free (clustering);
}

static Clustering *
cluster (const Vectors  *v,
         guint           k,
         GRand          *rand,
         guint           max_iterations,
         GCancellable   *cancellable,
         GError        **error)
{
  Clustering *self = g_new0 (Clustering, 1);
  g_autofree guint *centres = g_new (guint, k);

  self->k = k = choose_centres (v, k, rand, centres);
  self->centroids = g_new0 (double, (gsize) MAX (v->n_terms, 1) * k);
  for (guint j = 0; j < k; j++)
    for (guint p = v->starts[centres[j]]; p < v->starts[centres[j] + 1]; p++)
      self->centroids[(gsize) v->terms[p] * k + j] = v->weights[p];
  self->assignment = g_new (guint, v->n_docs);
  self->similarity = g_new (double, v->n_docs);
  for (guint d = 0; d < v->n_docs; d++)
    self->assignment[d] = G_MAXUINT;

  for (guint iteration = 0;; iteration++)
    {
      guint changed;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          clustering_free (self);
          return NULL;
        }
      changed = assign (v, k, self->centroids, self->assignment, self->similarity);
      update (v, k, self->centroids, self->assignment, self->similarity);
      if (changed == 0 || iteration + 1 >= max_iterations)
        break;
    }
  /* the similarities to the centres the themes end with */
  assign (v, k, self->centroids, self->assignment, self->similarity);
  update (v, k, self->centroids, self->assignment, self->similarity);
  for (guint d = 0; d < v->n_docs; d++)
    {
      const double *c = self->centroids + self->assignment[d];
      double sum = 0.0;

      for (guint p = v->starts[d]; p < v->starts[d + 1]; p++)
        sum += v->weights[p] * c[(gsize) v->terms[p] * k];
      self->similarity[d] = sum;
      self->objective += sum;
    }
  return self;
}

/* The surface word of each kept stem: the word it comes from most often (then the first in
 * byte order). */
static char **
surface_words (Corpus *corpus,
               GArray *kept_stems)
{
  guint n_stems = corpus->stems->len;
  g_autofree const char **words = g_new0 (const char *, MAX (n_stems, 1));
  g_autofree guint *counts = g_new0 (guint, MAX (n_stems, 1));
  char **surfaces = g_new0 (char *, kept_stems->len + 1);

  for (guint l = 0; l < DLG_ANALYSIS_N_LANGUAGES; l++)
    {
      GHashTableIter iter;
      gpointer key, value;

      g_hash_table_iter_init (&iter, corpus->words[l]);
      while (g_hash_table_iter_next (&iter, &key, &value))
        {
          Word *word = value;

          if (word->term < 0)
            continue;
          if (words[word->term] == NULL || word->count > counts[word->term]
              || (word->count == counts[word->term] && strcmp (key, words[word->term]) < 0))
            {
              words[word->term] = key;
              counts[word->term] = word->count;
            }
        }
    }
  for (guint t = 0; t < kept_stems->len; t++)
    surfaces[t] = g_strdup (words[g_array_index (kept_stems, guint, t)]);
  return surfaces;
}

static int
compare_scored (gconstpointer a,
                gconstpointer b,
                gpointer      data)
{
  const Scored *x = a, *y = b;
  char **surfaces = data;

  if (x->score != y->score)
    return x->score > y->score ? -1 : 1;
  return strcmp (surfaces[x->term], surfaces[y->term]);
}

typedef struct
{
  guint  doc;
  double similarity;
} Member;

static int
compare_members (gconstpointer a,
                 gconstpointer b,
                 gpointer      data)
{
  const Member *x = a, *y = b;
  const DlgAnalysisText *texts = ((gpointer *) data)[0];
  const Vectors *v = ((gpointer *) data)[1];

  if (x->similarity != y->similarity)
    return x->similarity > y->similarity ? -1 : 1;
  return strcmp (texts[v->text[x->doc]].id, texts[v->text[y->doc]].id);
}

static int
compare_themes (gconstpointer a,
                gconstpointer b)
{
  const DlgAnalysisTheme *x = *(DlgAnalysisTheme * const *) a;
  const DlgAnalysisTheme *y = *(DlgAnalysisTheme * const *) b;
  int order;

  if (x->size != y->size)
    return x->size > y->size ? -1 : 1;
  if ((order = strcmp (x->label, y->label)) != 0)
    return order;
  return strcmp (x->contributions[0], y->contributions[0]);
}

static DlgAnalysisTheme *
make_theme (const DlgAnalysisText *texts,
            const Vectors         *v,
            guint                  k,
            guint                  j,
            const double          *centroids,
            const guint           *assignment,
            const double          *similarity,
            char                 **surfaces)
{
  DlgAnalysisTheme *theme = g_new0 (DlgAnalysisTheme, 1);
  g_autoptr(GArray) scored = g_array_new (FALSE, FALSE, sizeof (Scored));
  g_autoptr(GArray) members = g_array_new (FALSE, FALSE, sizeof (Member));
  g_autoptr(GStrvBuilder) terms = g_strv_builder_new ();
  g_autoptr(GStrvBuilder) ids = g_strv_builder_new ();
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GString) label = g_string_new (NULL);
  gpointer sort_data[2] = { (gpointer) texts, (gpointer) v };
  double first_score = 0.0;
  guint n_terms = 0;

  for (guint t = 0; t < v->n_terms; t++)
    {
      const double *row = &centroids[(gsize) t * k];
      double sum = 0.0;
      Scored s = { t, 0.0 };

      if (row[j] <= 0.0)
        continue;
      for (guint l = 0; l < k; l++)
        sum += row[l];
      s.score = row[j] * row[j] / sum;
      g_array_append_val (scored, s);
    }
  g_array_sort_with_data (scored, compare_scored, surfaces);
  for (guint i = 0; i < scored->len && n_terms < N_TERMS; i++)
    {
      const Scored *s = &g_array_index (scored, Scored, i);
      const char *word = surfaces[s->term];

      if (!g_hash_table_add (seen, (gpointer) word))
        continue;
      g_strv_builder_add (terms, word);
      if (n_terms == 0)
        first_score = s->score;
      if (n_terms < 2 || (n_terms == 2 && s->score >= 0.5 * first_score))
        g_string_append_printf (label, "%s%s", n_terms > 0 ? ", " : "", word);
      n_terms++;
    }
  theme->terms = g_strv_builder_end (terms);
  theme->label = g_strdup (label->str);

  for (guint d = 0; d < v->n_docs; d++)
    if (assignment[d] == j)
      {
        Member m = { d, similarity[d] };

        g_array_append_val (members, m);
      }
  g_array_sort_with_data (members, compare_members, sort_data);
  for (guint i = 0; i < members->len; i++)
    g_strv_builder_add (ids, texts[v->text[g_array_index (members, Member, i).doc]].id);
  theme->contributions = g_strv_builder_end (ids);
  theme->size = members->len;
  return theme;
}

/**
 * dlg_analysis_suggest_themes:
 * @texts: (array length=n_texts): the contributions
 * @n_texts: how many
 * @options: (nullable): the number of themes and the seed; %NULL for
 *   %DLG_ANALYSIS_DEFAULT_THEMES themes and %DLG_ANALYSIS_DEFAULT_SEED
 * @cancellable: (nullable): a #GCancellable
 * @error: where an error goes
 *
 * Suggests themes: groups of contributions that use the same words, each with a label, its
 * top terms and its contributions, closest to its centre first. Nothing is stored: what to do
 * with a suggestion is the officer's decision. The same texts and options give the same
 * result, in whatever order the texts come.
 *
 * Returns: (transfer full): the themes, or %NULL with @error set
 */
DlgAnalysisThemes *
dlg_analysis_suggest_themes (const DlgAnalysisText          *texts,
                             guint                           n_texts,
                             const DlgAnalysisThemeOptions  *options,
                             GCancellable                   *cancellable,
                             GError                        **error)
{
  static const DlgAnalysisThemeOptions defaults = {
    DLG_ANALYSIS_DEFAULT_THEMES, DLG_ANALYSIS_DEFAULT_SEED, DEFAULT_ITERATIONS
  };
  g_autoptr(DlgAnalysisThemes) self = NULL;
  g_autofree guint *order = NULL;
  Clustering *best = NULL;
  guint *assignment;
  double *similarity;
  double *centroids;
  g_autoptr(GArray) kept_stems = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autoptr(GRand) rand = NULL;
  g_auto(GStrv) surfaces = NULL;
  Corpus corpus;
  Vectors v = { 0 };
  guint k, max_iterations;
  gboolean ok;

  g_return_val_if_fail (texts != NULL || n_texts == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options == NULL)
    options = &defaults;
  if (options->n_themes < 1 || options->n_themes > DLG_ANALYSIS_MAX_THEMES)
    {
      g_set_error (error, DLG_ANALYSIS_ERROR, DLG_ANALYSIS_ERROR_INVALID,
                   _("The number of themes must be between 1 and %u."), DLG_ANALYSIS_MAX_THEMES);
      return NULL;
    }
  for (guint i = 0; i < n_texts; i++)
    g_return_val_if_fail (texts[i].id != NULL && texts[i].text != NULL, NULL);
  max_iterations = options->max_iterations > 0 ? options->max_iterations : DEFAULT_ITERATIONS;

  self = g_new0 (DlgAnalysisThemes, 1);
  self->themes = g_ptr_array_new_with_free_func (theme_free);
  self->n_texts = n_texts;

  order = dlg_analysis_sort_by_id (texts, n_texts);
  corpus_init (&corpus);
  ok = read_texts (&corpus, texts, order, n_texts, &v, &self->n_too_short, cancellable, error);
  if (ok)
    {
      weigh (&corpus, &v, kept_stems, &self->n_unmatched);
      surfaces = surface_words (&corpus, kept_stems);
    }
  corpus_clear (&corpus);
  if (!ok)
    {
      vectors_clear (&v);
      return NULL;
    }
  if (v.n_docs == 0)
    {
      vectors_clear (&v);
      return g_steal_pointer (&self);
    }

  rand = g_rand_new_with_seed (options->seed);
  for (guint run = 0; run < N_STARTS; run++)
    {
      Clustering *clustering = cluster (&v, MIN (options->n_themes, v.n_docs), rand,
                                        max_iterations, cancellable, error);

      if (clustering == NULL)
        {
          clustering_free (best);
          vectors_clear (&v);
          return NULL;
        }
      if (best == NULL || clustering->objective > best->objective + 1e-9)
        {
          clustering_free (best);
          best = clustering;
        }
      else
        clustering_free (clustering);
    }
  k = best->k;
  centroids = best->centroids;
  assignment = best->assignment;
  similarity = best->similarity;

  for (guint j = 0; j < k; j++)
    {
      DlgAnalysisTheme *theme = make_theme (texts, &v, k, j, centroids, assignment, similarity,
                                            surfaces);

      if (theme->size == 0)
        theme_free (theme);
      else
        g_ptr_array_add (self->themes, theme);
    }
  g_ptr_array_sort (self->themes, compare_themes);
  clustering_free (best);
  vectors_clear (&v);
  return g_steal_pointer (&self);
}

/**
 * dlg_analysis_themes_free:
 *
 * Frees what dlg_analysis_suggest_themes() returned.
 */
void
dlg_analysis_themes_free (DlgAnalysisThemes *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->themes);
  g_free (self);
}
