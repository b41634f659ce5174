/* dlg-analysis-duplicates.c — exact and near duplicates: normalised text, shingles, MinHash
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A text's key is its tokens, case folded and without accents, one space apart, single letters
 * in a row joined ("R.A.S." is "ras", like "RAS" and "ras !"). Texts with the same key are
 * exact duplicates. Near duplicates (a campaign's text copied with small edits) are found
 * among the distinct keys of six words or more: each key's word 3-shingles are hashed, a
 * MinHash signature of 64 seeded hash functions is cut into 16 bands of 4, and keys that share
 * a band are candidates; a candidate is kept only when the Jaccard similarity of the two sets
 * of shingles reaches the threshold. Within a band's bucket each key is compared with the
 * bucket's first keys (at most eight that matched nothing), never with every other, so that a
 * campaign of thousands costs thousands of comparisons. Groups are closed transitively (a
 * union-find) and listed largest first. The texts are read in the order of their ids and the
 * hashes are seeded, so that the same texts give the same groups, byte for byte.
 */

#define G_LOG_DOMAIN "dlg-analysis"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-analysis-duplicates.h"
#include "dlg-analysis-error.h"
#include "dlg-analysis-private.h"

#define SHINGLE         3
#define MIN_WORDS       6
#define N_HASHES        64
#define N_BANDS         16
#define ROWS            (N_HASHES / N_BANDS)
#define MAX_LEADERS     8
#define DEFAULT_SEED    1

typedef struct
{
  guint64 key;
  guint   band;
  guint   rep;
} BandEntry;

/* Texts of one key. */
typedef struct
{
  char    *key;
  guint    first;      /* the first text with the key, in id order */
  guint    count;
  guint    n_shingles;
  guint64 *shingles;   /* sorted, unique */
} Key;

static void
group_free (gpointer data)
{
  DlgAnalysisDuplicateGroup *group = data;

  g_free (group->text);
  g_strfreev (group->contributions);
  g_free (group);
}

/* splitmix64's finaliser */
static inline guint64
mix64 (guint64 x)
{
  x ^= x >> 30;
  x *= G_GUINT64_CONSTANT (0xbf58476d1ce4e5b9);
  x ^= x >> 27;
  x *= G_GUINT64_CONSTANT (0x94d049bb133111eb);
  x ^= x >> 31;
  return x;
}

static inline guint64
hash_bytes (const char *bytes,
            gsize       len)
{
  guint64 h = G_GUINT64_CONSTANT (0xcbf29ce484222325);

  for (gsize i = 0; i < len; i++)
    {
      h ^= (guchar) bytes[i];
      h *= G_GUINT64_CONSTANT (0x100000001b3);
    }
  return mix64 (h);
}

static guint
find (guint *parent,
      guint  x)
{
  while (parent[x] != x)
    {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
  return x;
}

/* The smaller root becomes the root, so that the result does not depend on the order of
 * the unions. */
static void
unite (guint *parent,
       guint  a,
       guint  b)
{
  a = find (parent, a);
  b = find (parent, b);
  if (a < b)
    parent[b] = a;
  else if (b < a)
    parent[a] = b;
}

/* The key of a text: stripped tokens, single letters in a row joined. */
static void
make_key (DlgAnalysisTokens *tokens,
          GString           *key)
{
  gboolean last_single = FALSE;

  g_string_truncate (key, 0);
  for (guint t = 0; t < dlg_analysis_tokens_get_n (tokens); t++)
    {
      const char *token = dlg_analysis_tokens_get (tokens, t);
      gboolean single = g_ascii_isalpha (token[0]) && token[1] == '\0';

      if (key->len > 0 && !(single && last_single))
        g_string_append_c (key, ' ');
      dlg_analysis_strip_marks (token, key);
      last_single = single;
    }
}

static int
compare_guint64 (gconstpointer a,
                 gconstpointer b)
{
  guint64 x = *(const guint64 *) a, y = *(const guint64 *) b;

  return x < y ? -1 : x > y;
}

/* The sorted, unique hashes of the key's word 3-shingles; 0 of them under MIN_WORDS words. */
static void
make_shingles (Key *key)
{
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  guint len = strlen (key->key), n, out = 0;

  for (guint i = 0; i < len; i++)
    if (i == 0 || key->key[i - 1] == ' ')
      g_array_append_val (starts, i);
  if (starts->len < MIN_WORDS)
    return;
  n = starts->len - SHINGLE + 1;
  key->shingles = g_new (guint64, n);
  for (guint s = 0; s < n; s++)
    {
      guint from = g_array_index (starts, guint, s);
      guint to = s + SHINGLE < starts->len ? g_array_index (starts, guint, s + SHINGLE) - 1
                                           : len;

      key->shingles[s] = hash_bytes (key->key + from, to - from);
    }
  qsort (key->shingles, n, sizeof (guint64), compare_guint64);
  for (guint s = 0; s < n; s++)
    if (out == 0 || key->shingles[s] != key->shingles[out - 1])
      key->shingles[out++] = key->shingles[s];
  key->n_shingles = out;
}

static double
jaccard (const Key *a,
         const Key *b)
{
  guint i = 0, j = 0, common = 0;

  while (i < a->n_shingles && j < b->n_shingles)
    {
      if (a->shingles[i] == b->shingles[j])
        common++, i++, j++;
      else if (a->shingles[i] < b->shingles[j])
        i++;
      else
        j++;
    }
  return (double) common / (a->n_shingles + b->n_shingles - common);
}

static int
compare_bands (gconstpointer a,
               gconstpointer b)
{
  const BandEntry *x = a, *y = b;

  if (x->band != y->band)
    return x->band < y->band ? -1 : 1;
  if (x->key != y->key)
    return x->key < y->key ? -1 : 1;
  return x->rep < y->rep ? -1 : x->rep > y->rep;
}

/* Joins the keys that share a band and whose shingles are similar enough. */
static gboolean
join_near (GPtrArray     *keys,
           guint         *key_parent,
           double         threshold,
           guint32        seed,
           GCancellable  *cancellable,
           GError       **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (BandEntry));
  guint64 seeds[N_HASHES];
  guint64 signature[N_HASHES];
  guint leaders[MAX_LEADERS];

  for (guint h = 0; h < N_HASHES; h++)
    seeds[h] = ((guint64) g_rand_int (rand) << 32) | g_rand_int (rand);

  for (guint k = 0; k < keys->len; k++)
    {
      Key *key = g_ptr_array_index (keys, k);

      if (key->n_shingles == 0)
        continue;
      if (k % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        return FALSE;
      for (guint h = 0; h < N_HASHES; h++)
        signature[h] = G_MAXUINT64;
      for (guint s = 0; s < key->n_shingles; s++)
        for (guint h = 0; h < N_HASHES; h++)
          {
            guint64 value = mix64 (key->shingles[s] ^ seeds[h]);

            if (value < signature[h])
              signature[h] = value;
          }
      for (guint b = 0; b < N_BANDS; b++)
        {
          BandEntry entry = { mix64 (b + 1), b, k };

          for (guint r = 0; r < ROWS; r++)
            entry.key = mix64 (entry.key ^ signature[b * ROWS + r]);
          g_array_append_val (entries, entry);
        }
    }
  g_array_sort (entries, compare_bands);

  for (guint i = 0; i < entries->len;)
    {
      const BandEntry *first = &g_array_index (entries, BandEntry, i);
      guint end = i, n_leaders = 0;

      while (end < entries->len && g_array_index (entries, BandEntry, end).band == first->band
             && g_array_index (entries, BandEntry, end).key == first->key)
        end++;
      for (guint e = i; e < end && end - i > 1; e++)
        {
          guint rep = g_array_index (entries, BandEntry, e).rep;
          gboolean matched = FALSE;

          for (guint l = 0; l < n_leaders && !matched; l++)
            if (find (key_parent, rep) == find (key_parent, leaders[l])
                || jaccard (g_ptr_array_index (keys, rep),
                            g_ptr_array_index (keys, leaders[l])) >= threshold)
              {
                unite (key_parent, rep, leaders[l]);
                matched = TRUE;
              }
          if (!matched && n_leaders < MAX_LEADERS)
            leaders[n_leaders++] = rep;
        }
      i = end;
    }
  return TRUE;
}

static int
compare_groups (gconstpointer a,
                gconstpointer b)
{
  const DlgAnalysisDuplicateGroup *x = *(DlgAnalysisDuplicateGroup * const *) a;
  const DlgAnalysisDuplicateGroup *y = *(DlgAnalysisDuplicateGroup * const *) b;
  int order;

  if (x->count != y->count)
    return x->count > y->count ? -1 : 1;
  if ((order = strcmp (x->text, y->text)) != 0)
    return order;
  return strcmp (x->contributions[0], y->contributions[0]);
}

static void
key_free (gpointer data)
{
  Key *key = data;

  g_free (key->key);
  g_free (key->shingles);
  g_free (key);
}

/**
 * dlg_analysis_find_duplicates:
 * @texts: (array length=n_texts): the contributions
 * @n_texts: how many
 * @options: (nullable): the similarity threshold and the seed; %NULL for the defaults
 * @cancellable: (nullable): a #GCancellable
 * @error: where an error goes
 *
 * Groups the contributions whose texts are the same once normalised (500 "RAS") or nearly the
 * same (a campaign's text copied with small edits). Nothing is stored. The same texts and
 * options give the same groups, in whatever order the texts come.
 *
 * Returns: (transfer full): the groups of two or more, largest first, or %NULL with @error set
 */
DlgAnalysisDuplicates *
dlg_analysis_find_duplicates (const DlgAnalysisText              *texts,
                              guint                               n_texts,
                              const DlgAnalysisDuplicateOptions  *options,
                              GCancellable                       *cancellable,
                              GError                            **error)
{
  g_autoptr(DlgAnalysisDuplicates) self = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) keys = g_ptr_array_new_with_free_func (key_free);
  g_autoptr(GString) key_text = g_string_new (NULL);
  g_autoptr(GHashTable) groups = g_hash_table_new (NULL, NULL);
  g_autofree guint *order = NULL;
  g_autofree guint *text_key = g_new (guint, MAX (n_texts, 1));
  g_autofree guint *key_parent = NULL;
  g_autofree guint *group_of = NULL;
  double threshold = DLG_ANALYSIS_DEFAULT_SIMILARITY;
  guint32 seed = DEFAULT_SEED;
  DlgAnalysisTokens tokens;

  g_return_val_if_fail (texts != NULL || n_texts == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (options != NULL)
    {
      if (options->similarity < 0.0 || options->similarity > 1.0)
        {
          g_set_error (error, DLG_ANALYSIS_ERROR, DLG_ANALYSIS_ERROR_INVALID,
                       _("The similarity of near duplicates must be between 0 and 1."));
          return NULL;
        }
      if (options->similarity > 0.0)
        threshold = options->similarity;
      seed = options->seed;
    }
  for (guint i = 0; i < n_texts; i++)
    g_return_val_if_fail (texts[i].id != NULL && texts[i].text != NULL, NULL);

  self = g_new0 (DlgAnalysisDuplicates, 1);
  self->groups = g_ptr_array_new_with_free_func (group_free);
  self->n_texts = n_texts;

  order = dlg_analysis_sort_by_id (texts, n_texts);
  dlg_analysis_tokens_init (&tokens);
  for (guint i = 0; i < n_texts; i++)
    {
      gpointer index;

      if (i % 1024 == 0 && g_cancellable_set_error_if_cancelled (cancellable, error))
        {
          dlg_analysis_tokens_clear (&tokens);
          return NULL;
        }
      dlg_analysis_tokens_read (&tokens, texts[order[i]].text);
      make_key (&tokens, key_text);
      if ((index = g_hash_table_lookup (by_key, key_text->str)) == NULL)
        {
          Key *key = g_new0 (Key, 1);

          key->key = g_strdup (key_text->str);
          key->first = i;
          g_ptr_array_add (keys, key);
          index = GUINT_TO_POINTER (keys->len);
          g_hash_table_insert (by_key, key->key, index);
        }
      text_key[i] = GPOINTER_TO_UINT (index) - 1;
      ((Key *) g_ptr_array_index (keys, text_key[i]))->count++;
    }
  dlg_analysis_tokens_clear (&tokens);

  for (guint k = 0; k < keys->len; k++)
    make_shingles (g_ptr_array_index (keys, k));
  key_parent = g_new (guint, MAX (keys->len, 1));
  for (guint k = 0; k < keys->len; k++)
    key_parent[k] = k;
  if (!join_near (keys, key_parent, threshold, seed, cancellable, error))
    return NULL;

  /* one group per root key, in the order of their first texts */
  group_of = g_new (guint, MAX (keys->len, 1));
  {
    g_autoptr(GPtrArray) members = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);
    g_autofree guint *best_key = NULL;
    g_autofree guint *n_keys = NULL;

    for (guint k = 0; k < keys->len; k++)
      {
        guint root = find (key_parent, k);
        gpointer index = g_hash_table_lookup (groups, GUINT_TO_POINTER (root + 1));

        if (index == NULL)
          {
            g_ptr_array_add (members, g_ptr_array_new ());
            index = GUINT_TO_POINTER (members->len);
            g_hash_table_insert (groups, GUINT_TO_POINTER (root + 1), index);
          }
        group_of[k] = GPOINTER_TO_UINT (index) - 1;
      }
    best_key = g_new (guint, MAX (members->len, 1));
    n_keys = g_new0 (guint, MAX (members->len, 1));
    for (guint g = 0; g < members->len; g++)
      best_key[g] = G_MAXUINT;
    for (guint k = 0; k < keys->len; k++)
      {
        guint g = group_of[k];
        Key *key = g_ptr_array_index (keys, k);
        Key *best = best_key[g] == G_MAXUINT ? NULL : g_ptr_array_index (keys, best_key[g]);

        n_keys[g]++;
        if (best == NULL || key->count > best->count
            || (key->count == best->count && strcmp (key->key, best->key) < 0))
          best_key[g] = k;
      }
    for (guint i = 0; i < n_texts; i++)
      g_ptr_array_add (g_ptr_array_index (members, group_of[text_key[i]]),
                       (gpointer) texts[order[i]].id);
    for (guint g = 0; g < members->len; g++)
      {
        GPtrArray *ids = g_ptr_array_index (members, g);
        DlgAnalysisDuplicateGroup *group;
        Key *best;

        if (ids->len < 2)
          continue;
        best = g_ptr_array_index (keys, best_key[g]);
        group = g_new0 (DlgAnalysisDuplicateGroup, 1);
        group->count = ids->len;
        group->text = g_strstrip (g_utf8_make_valid (texts[order[best->first]].text, -1));
        group->near = n_keys[g] > 1;
        group->contributions = g_new0 (char *, ids->len + 1);
        for (guint m = 0; m < ids->len; m++)
          group->contributions[m] = g_strdup (g_ptr_array_index (ids, m));
        g_ptr_array_add (self->groups, group);
        self->n_grouped += ids->len;
      }
  }
  g_ptr_array_sort (self->groups, compare_groups);
  return g_steal_pointer (&self);
}

/**
 * dlg_analysis_duplicates_free:
 *
 * Frees what dlg_analysis_find_duplicates() returned.
 */
void
dlg_analysis_duplicates_free (DlgAnalysisDuplicates *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->groups);
  g_free (self);
}
