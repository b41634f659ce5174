/* test-analysis.c — the analysis engine (text pipeline, themes, duplicates) and its commands
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The engine's tests build their corpora here (topics of known words, "RAS", a campaign copied
 * with edits); the command line's run dialogue-cli on a database where the real CONSUL and
 * Decidim exports of ../shared/platform-samples (or $DLG_PLATFORM_SAMPLES) are imported, and
 * are skipped when the samples are missing.
 */

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <sqlite3.h>

#include "dlg-analysis.h"
#include "dlg-core.h"

/* A corpus the tests own. */
typedef struct
{
  GArray    *texts;    /* DlgAnalysisText */
  GPtrArray *strings;
  GArray    *labels;   /* int: the topic a text was made from, -1 for none */
} Corpus;

static Corpus *
corpus_new (void)
{
  Corpus *corpus = g_new0 (Corpus, 1);

  corpus->texts = g_array_new (FALSE, FALSE, sizeof (DlgAnalysisText));
  corpus->strings = g_ptr_array_new_with_free_func (g_free);
  corpus->labels = g_array_new (FALSE, FALSE, sizeof (int));
  return corpus;
}

static void
corpus_free (Corpus *corpus)
{
  g_array_unref (corpus->texts);
  g_ptr_array_unref (corpus->strings);
  g_array_unref (corpus->labels);
  g_free (corpus);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (Corpus, corpus_free)

static void
corpus_add (Corpus     *corpus,
            const char *text,
            const char *language,
            int         label)
{
  DlgAnalysisText item;
  char *id = g_strdup_printf ("c%06u", corpus->texts->len);
  char *copy = g_strdup (text);

  g_ptr_array_add (corpus->strings, id);
  g_ptr_array_add (corpus->strings, copy);
  item.id = id;
  item.text = copy;
  item.language = language;
  g_array_append_val (corpus->texts, item);
  g_array_append_val (corpus->labels, label);
}

static DlgAnalysisText *
corpus_texts (Corpus *corpus)
{
  return (DlgAnalysisText *) corpus->texts->data;
}

/* The same texts in another order. */
static GArray *
shuffled (Corpus  *corpus,
          guint32  seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  GArray *copy = g_array_copy (corpus->texts);

  for (guint i = copy->len; i > 1; i--)
    {
      guint j = g_rand_int_range (rand, 0, i);
      DlgAnalysisText tmp = g_array_index (copy, DlgAnalysisText, i - 1);

      g_array_index (copy, DlgAnalysisText, i - 1) = g_array_index (copy, DlgAnalysisText, j);
      g_array_index (copy, DlgAnalysisText, j) = tmp;
    }
  return copy;
}

static int
label_of (Corpus     *corpus,
          const char *id)
{
  guint index = g_ascii_strtoull (id + 1, NULL, 10);

  return g_array_index (corpus->labels, int, index);
}

/* Four topics in French, with words they share ("ville", "projet"…) so that the grouping has
 * something to get wrong. */
static const char *const topic_words[][12] = {
  { "vélo", "pistes", "cyclables", "cyclistes", "bicyclette", "stationnement", "trottinettes",
    "casque", "pédaler", "itinéraire", "sécurisées", "arceaux" },
  { "arbres", "parc", "jardins", "pelouses", "fleurs", "ombre", "plantations", "verdure",
    "potager", "squares", "feuillage", "arrosage" },
  { "loyers", "logements", "appartements", "propriétaires", "locataires", "expulsions",
    "social", "immeubles", "hlm", "colocation", "bailleurs", "charges" },
  { "déchets", "poubelles", "tri", "recyclage", "composteur", "encombrants", "collecte",
    "propreté", "dépôts", "sauvages", "conteneurs", "verre" },
};
static const char *const shared_words[] = {
  "ville", "projet", "quartier", "habitants", "mairie", "rue", "centre", "nouveau",
};
static const char *const glue_words[] = {
  "les", "des", "pour", "dans", "avec", "nous", "une", "le", "de", "et", "sur", "est",
};

static char *
make_topic_text (GRand *rand,
                 guint  topic)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, 8, 16);

  for (guint w = 0; w < n; w++)
    {
      int dice = g_rand_int_range (rand, 0, 10);
      const char *word;

      if (dice < 5)
        word = topic_words[topic][g_rand_int_range (rand, 0, 12)];
      else if (dice < 7)
        word = shared_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (shared_words))];
      else
        word = glue_words[g_rand_int_range (rand, 0, G_N_ELEMENTS (glue_words))];
      g_string_append_printf (text, "%s%s", w == 0 ? "" : " ", word);
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

static Corpus *
make_topic_corpus (guint   per_topic,
                   guint32 seed)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (seed);
  Corpus *corpus = corpus_new ();

  for (guint i = 0; i < per_topic * G_N_ELEMENTS (topic_words); i++)
    {
      guint topic = g_rand_int_range (rand, 0, G_N_ELEMENTS (topic_words));
      g_autofree char *text = make_topic_text (rand, topic);

      /* half say their language, half are detected */
      corpus_add (corpus, text, i % 2 ? "fr" : NULL, topic);
    }
  return corpus;
}

static char *
themes_to_string (DlgAnalysisThemes *themes)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, "%u %u %u\n", themes->n_texts, themes->n_too_short,
                          themes->n_unmatched);
  for (guint i = 0; i < themes->themes->len; i++)
    {
      DlgAnalysisTheme *theme = g_ptr_array_index (themes->themes, i);
      g_autofree char *terms = g_strjoinv (",", theme->terms);
      g_autofree char *ids = g_strjoinv (",", theme->contributions);

      g_string_append_printf (out, "%s|%s|%u|%s\n", theme->label, terms, theme->size, ids);
    }
  return g_string_free (out, FALSE);
}

static char *
duplicates_to_string (DlgAnalysisDuplicates *duplicates)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < duplicates->groups->len; i++)
    {
      DlgAnalysisDuplicateGroup *group = g_ptr_array_index (duplicates->groups, i);
      g_autofree char *ids = g_strjoinv (",", group->contributions);

      g_string_append_printf (out, "%u|%d|%s|%s\n", group->count, group->near, group->text, ids);
    }
  return g_string_free (out, FALSE);
}

/* Normalised mutual information (arithmetic mean of the entropies) of two labellings. */
static double
nmi (const int *a,
     const int *b,
     guint      n,
     guint      n_a,
     guint      n_b)
{
  g_autofree double *joint = g_new0 (double, n_a * n_b);
  g_autofree double *pa = g_new0 (double, n_a);
  g_autofree double *pb = g_new0 (double, n_b);
  double mi = 0.0, ha = 0.0, hb = 0.0;

  for (guint i = 0; i < n; i++)
    {
      joint[a[i] * n_b + b[i]] += 1.0 / n;
      pa[a[i]] += 1.0 / n;
      pb[b[i]] += 1.0 / n;
    }
  for (guint x = 0; x < n_a; x++)
    for (guint y = 0; y < n_b; y++)
      if (joint[x * n_b + y] > 0.0)
        mi += joint[x * n_b + y] * log (joint[x * n_b + y] / (pa[x] * pb[y]));
  for (guint x = 0; x < n_a; x++)
    if (pa[x] > 0.0)
      ha -= pa[x] * log (pa[x]);
  for (guint y = 0; y < n_b; y++)
    if (pb[y] > 0.0)
      hb -= pb[y] * log (pb[y]);
  return ha + hb > 0.0 ? 2.0 * mi / (ha + hb) : 1.0;
}

static void
test_fold (void)
{
  g_autofree char *composed = dlg_analysis_fold ("Très BIEN, l'été ! Œuvre");
  /* the same in decomposed form (e + combining acute) */
  g_autofree char *decomposed = dlg_analysis_fold ("Tre\xcc\x80s BIEN, l’e\xcc\x81te\xcc\x81 ! Œuvre");
  g_autofree char *german = dlg_analysis_fold ("Straße GRÜN");
  g_autofree char *invalid = dlg_analysis_fold ("caf\xe9 ok");
  g_auto(GStrv) tokens = dlg_analysis_tokens ("Développement-durable, c'est 2024 !");

  g_assert_cmpstr (composed, ==, "tres bien l ete oeuvre");
  g_assert_cmpstr (decomposed, ==, composed);
  g_assert_cmpstr (german, ==, "strasse grun");
  g_assert_cmpstr (invalid, ==, "caf ok");
  g_assert_cmpuint (g_strv_length (tokens), ==, 5);
  g_assert_cmpstr (tokens[0], ==, "développement");
  g_assert_cmpstr (tokens[2], ==, "c");
  g_assert_cmpstr (tokens[4], ==, "2024");
}

static void
assert_same_stem (DlgAnalysisLanguage  language,
                  const char          *a,
                  const char          *b,
                  const char          *expected)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgAnalysisStemmer) stemmer = dlg_analysis_stemmer_new (language, &error);
  g_autofree char *stem_a = NULL;
  g_autofree char *stem_b = NULL;

  g_assert_no_error (error);
  stem_a = dlg_analysis_stemmer_stem (stemmer, a);
  stem_b = dlg_analysis_stemmer_stem (stemmer, b);
  g_assert_cmpstr (stem_a, ==, expected);
  g_assert_cmpstr (stem_b, ==, expected);
}

static void
test_stem (void)
{
  g_autoptr(DlgAnalysisStemmer) english = dlg_analysis_stemmer_new (DLG_ANALYSIS_LANGUAGE_ENGLISH,
                                                                    NULL);
  g_autofree char *english_stem = dlg_analysis_stemmer_stem (english, "Generously");
  g_autoptr(DlgAnalysisStemmer) french = dlg_analysis_stemmer_new (DLG_ANALYSIS_LANGUAGE_FRENCH,
                                                                   NULL);
  g_autofree char *french_stem = dlg_analysis_stemmer_stem (french, "continuellement");

  /* plural and singular, and the accents do not matter */
  assert_same_stem (DLG_ANALYSIS_LANGUAGE_FRENCH, "Pistes", "piste", "pist");
  assert_same_stem (DLG_ANALYSIS_LANGUAGE_FRENCH, "développement", "DEVELOPPEMENTS", "developp");
  assert_same_stem (DLG_ANALYSIS_LANGUAGE_SPANISH, "bicicletas", "bicicleta", "biciclet");
  assert_same_stem (DLG_ANALYSIS_LANGUAGE_SPANISH, "árboles", "arboles", "arbol");
  assert_same_stem (DLG_ANALYSIS_LANGUAGE_ENGLISH, "running", "runs", "run");
  assert_same_stem (DLG_ANALYSIS_LANGUAGE_ENGLISH, "cities", "City", "citi");
  assert_same_stem (DLG_ANALYSIS_LANGUAGE_GERMAN, "Häuser", "Hauses", "haus");
  assert_same_stem (DLG_ANALYSIS_LANGUAGE_GERMAN, "Fahrräder", "Fahrrad", "fahrrad");
  assert_same_stem (DLG_ANALYSIS_LANGUAGE_FINNISH, "kaupungissa", "kaupungin", "kaupung");
  assert_same_stem (DLG_ANALYSIS_LANGUAGE_FINNISH, "pyörätiet", "pyörätie", "pyoratie");
  /* a real stemmer, not a plural stripper */
  g_assert_cmpstr (english_stem, ==, "generous");
  g_assert_cmpstr (french_stem, ==, "continuel");
}

static void
test_stop_words (void)
{
  g_assert_true (dlg_analysis_is_stop_word (DLG_ANALYSIS_LANGUAGE_FRENCH, "Les"));
  g_assert_true (dlg_analysis_is_stop_word (DLG_ANALYSIS_LANGUAGE_FRENCH, "été"));
  g_assert_true (dlg_analysis_is_stop_word (DLG_ANALYSIS_LANGUAGE_FRENCH, "ete"));
  g_assert_true (dlg_analysis_is_stop_word (DLG_ANALYSIS_LANGUAGE_SPANISH, "también"));
  g_assert_true (dlg_analysis_is_stop_word (DLG_ANALYSIS_LANGUAGE_ENGLISH, "the"));
  g_assert_true (dlg_analysis_is_stop_word (DLG_ANALYSIS_LANGUAGE_GERMAN, "und"));
  g_assert_true (dlg_analysis_is_stop_word (DLG_ANALYSIS_LANGUAGE_GERMAN, "daß"));
  g_assert_true (dlg_analysis_is_stop_word (DLG_ANALYSIS_LANGUAGE_FINNISH, "että"));
  g_assert_false (dlg_analysis_is_stop_word (DLG_ANALYSIS_LANGUAGE_FRENCH, "vélo"));
  g_assert_false (dlg_analysis_is_stop_word (DLG_ANALYSIS_LANGUAGE_ENGLISH, "les"));
}

static void
test_language (void)
{
  static const struct {
    const char          *text;
    DlgAnalysisLanguage  language;
  } cases[] = {
    { "Il faut plus de pistes cyclables dans le centre et sur les quais.",
      DLG_ANALYSIS_LANGUAGE_FRENCH },
    { "Hay que plantar más árboles en los parques y en las calles del barrio.",
      DLG_ANALYSIS_LANGUAGE_SPANISH },
    { "We need more trees in the parks and along the streets of the city.",
      DLG_ANALYSIS_LANGUAGE_ENGLISH },
    { "Wir brauchen mehr Bäume in den Parks und auf den Straßen der Stadt.",
      DLG_ANALYSIS_LANGUAGE_GERMAN },
    { "Tarvitsemme enemmän puita puistoihin ja kaupungin kaduille, koska ne ovat tärkeitä.",
      DLG_ANALYSIS_LANGUAGE_FINNISH },
    { "RAS", DLG_ANALYSIS_LANGUAGE_FRENCH },
  };
  DlgAnalysisLanguage language;

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    g_assert_cmpint (dlg_analysis_detect_language (cases[i].text), ==, cases[i].language);
  g_assert_true (dlg_analysis_language_from_code ("fr-FR", &language));
  g_assert_cmpint (language, ==, DLG_ANALYSIS_LANGUAGE_FRENCH);
  g_assert_true (dlg_analysis_language_from_code ("DEU", &language));
  g_assert_cmpint (language, ==, DLG_ANALYSIS_LANGUAGE_GERMAN);
  g_assert_true (dlg_analysis_language_from_code ("finnish", &language));
  g_assert_cmpint (language, ==, DLG_ANALYSIS_LANGUAGE_FINNISH);
  g_assert_false (dlg_analysis_language_from_code ("ca", &language));
  g_assert_false (dlg_analysis_language_from_code (NULL, &language));
  g_assert_cmpstr (dlg_analysis_language_get_code (DLG_ANALYSIS_LANGUAGE_SPANISH), ==, "es");
}

/* Known topics come out as themes: each theme is mostly one topic, the grouping's NMI with
 * the topics is high, far above a baseline that groups by the text's first word. */
static void
test_themes_separate (void)
{
  g_autoptr(Corpus) corpus = make_topic_corpus (150, 11);
  g_autoptr(GError) error = NULL;
  DlgAnalysisThemeOptions options = { 4, 3, 0 };
  g_autoptr(DlgAnalysisThemes) themes = NULL;
  guint n = corpus->texts->len, assigned = 0;
  g_autofree int *truth = g_new (int, n);
  g_autofree int *found = g_new (int, n);
  g_autofree int *baseline = g_new (int, n);
  g_autoptr(GHashTable) first_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                             NULL);
  double score, baseline_score;

  themes = dlg_analysis_suggest_themes (corpus_texts (corpus), n, &options, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (themes->themes->len, ==, 4);
  /* a text drawn from glue words only may be too short */
  g_assert_cmpuint (themes->n_too_short + themes->n_unmatched, <, n / 100);
  for (guint i = 0; i < n; i++)
    found[i] = -1;
  for (guint t = 0; t < themes->themes->len; t++)
    {
      DlgAnalysisTheme *theme = g_ptr_array_index (themes->themes, t);
      guint counts[G_N_ELEMENTS (topic_words)] = { 0 }, best = 0;
      gboolean label_from_topic = FALSE;

      g_assert_cmpuint (theme->size, ==, g_strv_length (theme->contributions));
      g_assert_cmpuint (g_strv_length (theme->terms), ==, 10);
      if (t > 0)
        g_assert_cmpuint (theme->size, <=,
                          ((DlgAnalysisTheme *) g_ptr_array_index (themes->themes, t - 1))->size);
      for (guint c = 0; theme->contributions[c] != NULL; c++)
        {
          int label = label_of (corpus, theme->contributions[c]);
          guint index = g_ascii_strtoull (theme->contributions[c] + 1, NULL, 10);

          counts[label]++;
          found[index] = t;
          assigned++;
        }
      for (guint l = 1; l < G_N_ELEMENTS (topic_words); l++)
        if (counts[l] > counts[best])
          best = l;
      g_test_message ("theme %u “%s”: %u texts, %u of topic %u", t, theme->label, theme->size,
                      counts[best], best);
      g_assert_cmpuint (counts[best], >=, theme->size * 95 / 100);
      /* its label is made of its topic's words, as written */
      for (guint w = 0; w < 12; w++)
        if (g_str_has_prefix (theme->label, topic_words[best][w]))
          label_from_topic = TRUE;
      g_assert_true (label_from_topic);
    }
  g_assert_cmpuint (assigned, ==, n - themes->n_too_short - themes->n_unmatched);

  for (guint i = 0, kept = 0; i < n; i++)
    {
      g_auto(GStrv) words = g_strsplit (g_array_index (corpus->texts, DlgAnalysisText, i).text,
                                        " ", 2);
      gpointer value;

      if (found[i] < 0)
        continue;
      if (!g_hash_table_lookup_extended (first_words, words[0], NULL, &value))
        {
          value = GUINT_TO_POINTER (g_hash_table_size (first_words));
          g_hash_table_insert (first_words, g_strdup (words[0]), value);
        }
      truth[kept] = g_array_index (corpus->labels, int, i);
      found[kept] = found[i];
      baseline[kept] = GPOINTER_TO_UINT (value);
      kept++;
    }
  score = nmi (truth, found, assigned, G_N_ELEMENTS (topic_words), 4);
  baseline_score = nmi (truth, baseline, assigned, G_N_ELEMENTS (topic_words),
                        g_hash_table_size (first_words));
  g_test_message ("NMI %.3f; first-word baseline %.3f", score, baseline_score);
  g_assert_cmpfloat (score, >=, 0.85);
  g_assert_cmpfloat (score, >, baseline_score + 0.3);
}

/* Same texts and seed: the same bytes, whatever the order of the texts. */
static void
test_themes_deterministic (void)
{
  g_autoptr(Corpus) corpus = make_topic_corpus (120, 5);
  DlgAnalysisThemeOptions options = { 6, 42, 0 };
  g_autoptr(DlgAnalysisThemes) first = NULL;
  g_autoptr(DlgAnalysisThemes) second = NULL;
  g_autoptr(DlgAnalysisThemes) reordered = NULL;
  g_autoptr(GArray) shuffled_texts = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;
  g_autofree char *c = NULL;

  /* with "RAS" and copies among them */
  for (guint i = 0; i < 50; i++)
    corpus_add (corpus, "RAS", NULL, -1);
  for (guint i = 0; i < 30; i++)
    corpus_add (corpus, "Il faut sauver les arbres du parc de la ville.", NULL, 1);
  shuffled_texts = shuffled (corpus, 99);

  first = dlg_analysis_suggest_themes (corpus_texts (corpus), corpus->texts->len, &options,
                                       NULL, NULL);
  second = dlg_analysis_suggest_themes (corpus_texts (corpus), corpus->texts->len, &options,
                                        NULL, NULL);
  reordered = dlg_analysis_suggest_themes ((DlgAnalysisText *) shuffled_texts->data,
                                           shuffled_texts->len, &options, NULL, NULL);
  a = themes_to_string (first);
  b = themes_to_string (second);
  c = themes_to_string (reordered);
  g_assert_cmpuint (first->themes->len, ==, 6);
  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (a, ==, c);
}

/* "RAS" and "Non." are counted as too short and make no theme. */
static void
test_themes_too_short (void)
{
  g_autoptr(Corpus) corpus = make_topic_corpus (50, 8);
  g_autoptr(DlgAnalysisThemes) themes = NULL;
  g_autoptr(GError) error = NULL;
  guint n_topics = corpus->texts->len;

  for (guint i = 0; i < 500; i++)
    corpus_add (corpus, i % 3 ? "RAS" : "R.A.S.", NULL, -1);
  for (guint i = 0; i < 200; i++)
    corpus_add (corpus, i % 2 ? "Non." : "", NULL, -1);
  for (guint i = 0; i < 40; i++)
    corpus_add (corpus, "Pas d'accord !", NULL, -1);

  themes = dlg_analysis_suggest_themes (corpus_texts (corpus), corpus->texts->len, NULL, NULL,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (themes->n_texts, ==, corpus->texts->len);
  g_assert_cmpuint (themes->n_too_short, ==, 740);
  for (guint t = 0; t < themes->themes->len; t++)
    {
      DlgAnalysisTheme *theme = g_ptr_array_index (themes->themes, t);

      for (guint c = 0; theme->contributions[c] != NULL; c++)
        g_assert_cmpint (label_of (corpus, theme->contributions[c]), >=, 0);
    }
  g_assert_cmpuint (n_topics, ==, corpus->texts->len - 740);
}

static void
test_themes_options (void)
{
  g_autoptr(Corpus) corpus = make_topic_corpus (5, 2);
  DlgAnalysisThemeOptions options = { 0, 1, 0 };
  g_autoptr(GError) error = NULL;
  DlgAnalysisThemes *themes;

  themes = dlg_analysis_suggest_themes (corpus_texts (corpus), corpus->texts->len, &options,
                                        NULL, &error);
  g_assert_null (themes);
  g_assert_error (error, DLG_ANALYSIS_ERROR, DLG_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);

  options.n_themes = DLG_ANALYSIS_MAX_THEMES + 1;
  g_assert_null (dlg_analysis_suggest_themes (corpus_texts (corpus), corpus->texts->len,
                                              &options, NULL, &error));
  g_assert_error (error, DLG_ANALYSIS_ERROR, DLG_ANALYSIS_ERROR_INVALID);
  g_clear_error (&error);

  /* nothing to group */
  themes = dlg_analysis_suggest_themes (NULL, 0, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (themes->themes->len, ==, 0);
  dlg_analysis_themes_free (themes);

  /* more themes asked than texts: one per distinct text at most */
  options.n_themes = 50;
  themes = dlg_analysis_suggest_themes (corpus_texts (corpus), corpus->texts->len, &options,
                                        NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (themes->themes->len, <=, corpus->texts->len);
  g_assert_cmpuint (themes->themes->len, >=, 2);
  dlg_analysis_themes_free (themes);

  /* cancelled */
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_cancellable_cancel (cancellable);
    g_assert_null (dlg_analysis_suggest_themes (corpus_texts (corpus), corpus->texts->len,
                                                NULL, cancellable, &error));
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  }
}

/* Copies of one text are one theme, however many are asked; bytes that are not UTF-8 and
 * markup are only text. */
static void
test_themes_copies (void)
{
  g_autoptr(Corpus) corpus = corpus_new ();
  g_autoptr(DlgAnalysisThemes) themes = NULL;
  g_autoptr(DlgAnalysisDuplicates) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  DlgAnalysisTheme *theme;

  for (guint i = 0; i < 300; i++)
    corpus_add (corpus, i % 2 ? "<b>Sauvons</b> le marché\xff du samedi !"
                              : "<b>Sauvons</b> le marché\xfe du samedi !", NULL, 0);
  themes = dlg_analysis_suggest_themes (corpus_texts (corpus), corpus->texts->len, NULL, NULL,
                                        &error);
  g_assert_no_error (error);
  g_assert_cmpuint (themes->themes->len, ==, 1);
  theme = g_ptr_array_index (themes->themes, 0);
  g_assert_cmpuint (theme->size, ==, 300);
  g_assert_true (g_utf8_validate (theme->label, -1, NULL));
  g_assert_null (strchr (theme->label, '<'));

  duplicates = dlg_analysis_find_duplicates (corpus_texts (corpus), corpus->texts->len, NULL,
                                             NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (duplicates->groups->len, ==, 1);
  g_assert_cmpuint (((DlgAnalysisDuplicateGroup *)
                     g_ptr_array_index (duplicates->groups, 0))->count, ==, 300);
  g_assert_true (g_utf8_validate (((DlgAnalysisDuplicateGroup *)
                                   g_ptr_array_index (duplicates->groups, 0))->text, -1, NULL));
}

/* A campaign copied by most of the texts keeps its words and is one theme. */
static void
test_themes_campaign (void)
{
  g_autoptr(Corpus) corpus = make_topic_corpus (50, 6);
  g_autoptr(DlgAnalysisThemes) themes = NULL;
  DlgAnalysisThemeOptions options = { 5, 1, 0 };
  gboolean found = FALSE;

  for (guint i = 0; i < 400; i++)
    corpus_add (corpus, "Non à la rocade nord, oui au tramway et aux bus !", NULL, 9);
  themes = dlg_analysis_suggest_themes (corpus_texts (corpus), corpus->texts->len, &options,
                                        NULL, NULL);
  g_assert_cmpuint (themes->n_unmatched, <, 5);
  for (guint t = 0; t < themes->themes->len; t++)
    {
      DlgAnalysisTheme *theme = g_ptr_array_index (themes->themes, t);
      guint n = 0;

      for (guint c = 0; theme->contributions[c] != NULL; c++)
        n += label_of (corpus, theme->contributions[c]) == 9;
      if (n == 0)
        continue;
      g_assert_false (found);
      found = TRUE;
      g_assert_cmpuint (n, ==, 400);
      g_assert_true (strstr (theme->label, "rocade") || strstr (theme->label, "tramway")
                     || strstr (theme->label, "nord") || strstr (theme->label, "bus"));
    }
  g_assert_true (found);
}

/* Multilingual topics: the same topic in two languages may be one theme or two, but two
 * topics never share one. */
static void
test_themes_multilingual (void)
{
  static const char *const sentences[][2] = {
    { "Plus de pistes cyclables sécurisées pour aller à vélo à l'école",
      "Más carriles bici seguros para ir en bicicleta al colegio" },
    { "Planter des arbres dans le parc et créer des jardins partagés",
      "Plantar árboles en el parque y crear huertos urbanos compartidos" },
    { "More protected cycle lanes so that children can cycle to school",
      "Mehr geschützte Radwege, damit Kinder mit dem Fahrrad zur Schule fahren" },
    { "Plant trees in the park and create shared community gardens",
      "Istuttakaa puita puistoon ja perustakaa yhteisiä puutarhoja kaupunkiin" },
  };
  g_autoptr(Corpus) corpus = corpus_new ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (4);
  DlgAnalysisThemeOptions options = { 8, 1, 0 };
  g_autoptr(DlgAnalysisThemes) themes = NULL;
  static const char *const endings[] = { "", " !", ", merci.", " svp", " please", " bitte" };

  for (guint i = 0; i < 400; i++)
    {
      guint s = g_rand_int_range (rand, 0, 4), l = g_rand_int_range (rand, 0, 2);
      g_autofree char *text = g_strconcat (sentences[s][l],
                                           endings[g_rand_int_range (rand, 0, 6)], NULL);

      /* topic 0: cycling (rows 0 and 2), topic 1: trees (rows 1 and 3) */
      corpus_add (corpus, text, NULL, s % 2);
    }
  themes = dlg_analysis_suggest_themes (corpus_texts (corpus), corpus->texts->len, &options,
                                        NULL, NULL);
  g_assert_cmpuint (themes->themes->len, >=, 2);
  for (guint t = 0; t < themes->themes->len; t++)
    {
      DlgAnalysisTheme *theme = g_ptr_array_index (themes->themes, t);
      int topic = label_of (corpus, theme->contributions[0]);

      for (guint c = 0; theme->contributions[c] != NULL; c++)
        g_assert_cmpint (label_of (corpus, theme->contributions[c]), ==, topic);
    }
}

static const char campaign[] =
  "Nous demandons à la métropole de renoncer au projet de rocade nord qui détruirait les "
  "terres agricoles de la vallée, augmenterait le trafic et la pollution, et coûterait plus "
  "de deux cents millions d'euros alors que les transports en commun du quartier manquent de "
  "moyens depuis des années. Investissez plutôt dans le tramway, les bus et les pistes "
  "cyclables.";

/* The campaign's text with small edits: a word changed, one dropped, one added, punctuation
 * and case changed, a greeting. */
static char *
edit_campaign (GRand *rand)
{
  static const char *const replacements[] = { "vraiment", "aussi", "toute", "notre", "Nantes" };
  static const char *const greetings[] = { "", "Bonjour, ", "Madame, Monsieur, " };
  g_auto(GStrv) words = g_strsplit (campaign, " ", -1);
  guint n = g_strv_length (words);
  GString *text = g_string_new (greetings[g_rand_int_range (rand, 0, 3)]);
  guint changed = g_rand_int_range (rand, 0, n);
  guint dropped = g_rand_int_range (rand, 0, n);
  guint added = g_rand_int_range (rand, 0, n);

  for (guint w = 0; w < n; w++)
    {
      if (w == dropped)
        continue;
      if (w == added)
        g_string_append_printf (text, "%s ", replacements[g_rand_int_range (rand, 0, 5)]);
      if (w == changed)
        g_string_append_printf (text, "%s ", replacements[g_rand_int_range (rand, 0, 5)]);
      else if (g_rand_boolean (rand))
        g_string_append_printf (text, "%s ", words[w]);
      else
        {
          g_autofree char *upper = g_utf8_strup (words[w], -1);

          g_string_append_printf (text, "%s ", w % 7 == 0 ? upper : words[w]);
        }
    }
  g_string_append (text, g_rand_boolean (rand) ? "Merci." : "!!");
  return g_string_free (text, FALSE);
}

static Corpus *
make_duplicates_corpus (void)
{
  static const char *const ras[] = { "RAS", "ras", "R.A.S.", "Ras !", "  RAS  ", "r.a.s" };
  g_autoptr(GRand) rand = g_rand_new_with_seed (21);
  Corpus *corpus = corpus_new ();

  for (guint i = 0; i < 2000; i++)
    {
      guint kind = g_rand_int_range (rand, 0, 4);

      if (kind == 0 && i < 2000)
        {
          g_autofree char *text = edit_campaign (rand);

          corpus_add (corpus, text, NULL, 1);
        }
      else if (kind == 1)
        corpus_add (corpus, ras[g_rand_int_range (rand, 0, G_N_ELEMENTS (ras))], NULL, 0);
      else
        {
          g_autofree char *text = make_topic_text (rand, g_rand_int_range (rand, 0, 4));

          corpus_add (corpus, text, NULL, -1);
        }
    }
  return corpus;
}

static guint
count_label (Corpus *corpus,
             int     label)
{
  guint n = 0;

  for (guint i = 0; i < corpus->labels->len; i++)
    n += g_array_index (corpus->labels, int, i) == label;
  return n;
}

/* Every "RAS" is one group, every copy of the campaign another, each with its count. */
static void
test_duplicates_groups (void)
{
  g_autoptr(Corpus) corpus = make_duplicates_corpus ();
  g_autoptr(DlgAnalysisDuplicates) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  guint n_ras = count_label (corpus, 0), n_campaign = count_label (corpus, 1);
  gboolean seen_ras = FALSE, seen_campaign = FALSE;

  duplicates = dlg_analysis_find_duplicates (corpus_texts (corpus), corpus->texts->len, NULL,
                                             NULL, &error);
  g_assert_no_error (error);
  g_test_message ("%u RAS, %u campaign copies, %u groups", n_ras, n_campaign,
                  duplicates->groups->len);
  g_assert_cmpuint (n_ras, >, 400);
  g_assert_cmpuint (n_campaign, >, 400);
  for (guint g = 0; g < duplicates->groups->len; g++)
    {
      DlgAnalysisDuplicateGroup *group = g_ptr_array_index (duplicates->groups, g);
      int label = label_of (corpus, group->contributions[0]);

      if (g > 0)
        g_assert_cmpuint (group->count, <=,
                          ((DlgAnalysisDuplicateGroup *)
                           g_ptr_array_index (duplicates->groups, g - 1))->count);
      g_assert_cmpuint (group->count, ==, g_strv_length (group->contributions));
      for (guint c = 0; group->contributions[c] != NULL; c++)
        {
          g_assert_cmpint (label_of (corpus, group->contributions[c]), ==, label);
          if (c > 0)
            g_assert_cmpstr (group->contributions[c - 1], <, group->contributions[c]);
        }
      if (label == 0)
        {
          g_assert_false (seen_ras);
          seen_ras = TRUE;
          g_assert_cmpuint (group->count, ==, n_ras);
          g_assert_false (group->near);
          g_assert_true (g_str_equal (group->text, "RAS") || g_str_equal (group->text, "ras")
                         || g_str_equal (group->text, "R.A.S.") || g_str_equal (group->text, "r.a.s")
                         || g_str_equal (group->text, "Ras !"));
        }
      else if (label == 1)
        {
          g_assert_false (seen_campaign);
          seen_campaign = TRUE;
          g_assert_cmpuint (group->count, ==, n_campaign);
          g_assert_true (group->near);
          g_assert_nonnull (strstr (group->text, "rocade nord"));
        }
      else
        /* generated texts repeat by chance only when short */
        g_assert_cmpuint (group->count, <, 10);
    }
  g_assert_true (seen_ras);
  g_assert_true (seen_campaign);
}

/* Texts on the same subject that are not copies stay apart; the threshold decides. */
static void
test_duplicates_threshold (void)
{
  DlgAnalysisText texts[] = {
    { "a", "Il faudrait plus de pistes cyclables entre le centre et la gare, surtout le soir.", NULL },
    { "b", "Il faudrait plus de bus entre le centre et la gare, surtout le soir et le dimanche.", NULL },
    { "c", "Il faudrait plus de pistes cyclables entre le centre et la gare, surtout le soir !", NULL },
    { "d", "Les arbres de la place doivent rester, ils donnent de l'ombre aux enfants l'été.", NULL },
  };
  DlgAnalysisDuplicateOptions strict = { 0.95, 1 };
  DlgAnalysisDuplicateOptions wrong = { 1.5, 1 };
  g_autoptr(DlgAnalysisDuplicates) duplicates = NULL;
  g_autoptr(DlgAnalysisDuplicates) exact = NULL;
  g_autoptr(GError) error = NULL;
  DlgAnalysisDuplicateGroup *group;

  duplicates = dlg_analysis_find_duplicates (texts, G_N_ELEMENTS (texts), NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (duplicates->groups->len, ==, 1);
  group = g_ptr_array_index (duplicates->groups, 0);
  g_assert_cmpuint (group->count, ==, 2);
  g_assert_cmpstr (group->contributions[0], ==, "a");
  g_assert_cmpstr (group->contributions[1], ==, "c");
  /* "!" and "." are the same key: exact */
  g_assert_false (group->near);

  texts[2].text = "Il faudrait davantage de pistes cyclables entre le centre et la gare, surtout le soir.";
  exact = dlg_analysis_find_duplicates (texts, G_N_ELEMENTS (texts), &strict, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (exact->groups->len, ==, 0);
  g_clear_pointer (&duplicates, dlg_analysis_duplicates_free);
  duplicates = dlg_analysis_find_duplicates (texts, G_N_ELEMENTS (texts), NULL, NULL, &error);
  g_assert_cmpuint (duplicates->groups->len, ==, 1);
  g_assert_true (((DlgAnalysisDuplicateGroup *) g_ptr_array_index (duplicates->groups, 0))->near);

  g_assert_null (dlg_analysis_find_duplicates (texts, G_N_ELEMENTS (texts), &wrong, NULL,
                                               &error));
  g_assert_error (error, DLG_ANALYSIS_ERROR, DLG_ANALYSIS_ERROR_INVALID);
}

static void
test_duplicates_deterministic (void)
{
  g_autoptr(Corpus) corpus = make_duplicates_corpus ();
  g_autoptr(GArray) shuffled_texts = shuffled (corpus, 3);
  g_autoptr(DlgAnalysisDuplicates) first = NULL;
  g_autoptr(DlgAnalysisDuplicates) second = NULL;
  g_autofree char *a = NULL;
  g_autofree char *b = NULL;

  first = dlg_analysis_find_duplicates (corpus_texts (corpus), corpus->texts->len, NULL, NULL,
                                        NULL);
  second = dlg_analysis_find_duplicates ((DlgAnalysisText *) shuffled_texts->data,
                                         shuffled_texts->len, NULL, NULL, NULL);
  a = duplicates_to_string (first);
  b = duplicates_to_string (second);
  g_assert_cmpstr (a, ==, b);
}

/* ---- the store and the command line, on the real samples ---- */

static char *
sample (const char *relative)
{
  const char *env = g_getenv ("DLG_PLATFORM_SAMPLES");
  g_autofree char *dir = g_strdup (g_getenv ("G_TEST_SRCDIR"));

  if (env != NULL)
    {
      char *path = g_build_filename (env, relative, NULL);

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return path;
      g_free (path);
      return NULL;
    }
  for (guint i = 0; dir != NULL && i < 4; i++)
    {
      g_autofree char *path = g_build_filename (dir, "shared", "platform-samples", relative,
                                                NULL);
      char *parent;

      if (g_file_test (path, G_FILE_TEST_EXISTS))
        return g_steal_pointer (&path);
      parent = g_path_get_dirname (dir);
      g_free (dir);
      dir = parent;
    }
  return NULL;
}

static char *
cli (int         expected_status,
     const char *first,
     ...)
{
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GError) error = NULL;
  const char *exe = g_getenv ("DIALOGUE_CLI");
  char *out = NULL;
  g_autofree char *err = NULL;
  va_list ap;

  g_assert_nonnull (exe);
  g_ptr_array_add (args, (gpointer) exe);
  va_start (ap, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (ap, const char *))
    g_ptr_array_add (args, (gpointer) arg);
  va_end (ap);
  g_ptr_array_add (args, NULL);
  process = g_subprocess_newv ((const char * const *) args->pdata,
                               G_SUBPROCESS_FLAGS_STDOUT_PIPE | G_SUBPROCESS_FLAGS_STDERR_PIPE,
                               &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, NULL, NULL, &out, &err, &error);
  g_assert_no_error (error);
  if (g_subprocess_get_exit_status (process) != expected_status)
    g_error ("dialogue-cli %s: status %d: %s", first, g_subprocess_get_exit_status (process),
             err);
  return out;
}

static JsonObject *
parse_object (const char *text)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) node = dlg_json_parse (text, -1, &error);

  g_assert_no_error (error);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (node));
  return json_object_ref (json_node_get_object (node));
}

typedef struct
{
  guint       n;
  guint       n_language;
  GHashTable *uuids;
} Seen;

static void
seen_cb (const char *uuid,
         const char *title,
         const char *body,
         const char *language,
         gpointer    user_data)
{
  Seen *seen = user_data;

  g_assert_true (*title != '\0' || *body != '\0');
  seen->n++;
  if (language != NULL)
    seen->n_language++;
  g_hash_table_add (seen->uuids, g_strdup (uuid));
}

/* Every table's name and number of rows, and the sum of the journal's ids: what a command that
 * applies nothing leaves as it was. */
static char *
dump_counts (const char *db)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  sqlite3 *handle = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (db, &handle, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (handle, "SELECT name FROM sqlite_master WHERE type = "
                                       "'table' ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM \"%s\"",
                                              (char *) g_ptr_array_index (tables, i));

      g_assert_cmpint (sqlite3_prepare_v2 (handle, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_string_append_printf (out, "%s=%lld\n", (char *) g_ptr_array_index (tables, i),
                              (long long) sqlite3_column_int64 (stmt, 0));
      sqlite3_finalize (stmt);
    }
  sqlite3_close (handle);
  return g_string_free (out, FALSE);
}

static void
test_cli_samples (void)
{
  static const char *const files[] = {
    "consul-decide-madrid/decide_madrid_proposals.csv",
    "consul-decide-madrid/decide_madrid_comments.csv",
    "decidim-barcelona/www.decidim.barcelona-open-data-meeting_comments.pseudonymised.csv",
  };
  g_autofree char *dir = g_dir_make_tmp ("dialogue-analysis-XXXXXX", NULL);
  g_autofree char *db = g_build_filename (dir, "samples.db", NULL);
  g_autofree char *first_run = NULL;
  g_autofree char *second_run = NULL;
  g_autofree char *duplicates_text = NULL;
  g_autofree char *plain = NULL;
  g_autofree char *trashed_uuid = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after_commands = NULL;
  g_autoptr(JsonObject) themes = NULL;
  g_autoptr(JsonObject) duplicates = NULL;
  g_autoptr(JsonObject) after = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GError) error = NULL;
  Seen seen = { 0, 0, g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  JsonArray *list;
  guint previous = G_MAXUINT, n_read;
  gboolean found_campaign = FALSE;

  for (guint i = 0; i < G_N_ELEMENTS (files); i++)
    {
      g_autofree char *path = sample (files[i]);

      if (path == NULL)
        {
          g_test_skip ("the platform samples are not next to the repository");
          g_hash_table_unref (seen.uuids);
          g_rmdir (dir);
          return;
        }
      if (i == 0)
        g_free (cli (0, "process", "create", "--db", db, "--title", "Decide Madrid", NULL));
      if (i == 2)
        g_free (cli (0, "process", "create", "--db", db, "--title", "Decidim Barcelona", NULL));
      g_free (cli (0, "import", "--db", db, i < 2 ? "1" : "2", path, NULL));
    }

  /* the core streams the visible contributions, with the language their source gave */
  store = dlg_store_open (db, &error);
  g_assert_no_error (error);
  g_assert_true (dlg_contribution_texts_foreach (store, 2, seen_cb, &seen, &n_read, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (seen.n, ==, n_read);
  g_assert_cmpuint (seen.n, >, 2000);
  g_assert_cmpuint (seen.n_language, ==, seen.n);     /* Decidim gives each its locale */
  g_hash_table_remove_all (seen.uuids);
  seen.n = seen.n_language = 0;
  g_assert_true (dlg_contribution_texts_foreach (store, 1, seen_cb, &seen, NULL, &error));
  g_assert_cmpuint (seen.n, >, 5000);

  before = dump_counts (db);
  first_run = cli (0, "themes", "--db", db, "1", "suggest", "--count", "6", "--seed", "7",
                   "--json", NULL);
  second_run = cli (0, "themes", "1", "suggest", "--json", "--seed", "7", "--count", "6",
                    "--db", db, NULL);
  g_assert_cmpstr (first_run, ==, second_run);
  themes = parse_object (first_run);
  list = json_object_get_array_member (themes, "themes");
  g_assert_cmpuint (json_array_get_length (list), ==, 6);
  g_assert_cmpuint (json_object_get_int_member (themes, "contributions_read"), ==, seen.n);
  for (guint t = 0; t < json_array_get_length (list); t++)
    {
      JsonObject *theme = json_array_get_object_element (list, t);
      JsonArray *ids = json_object_get_array_member (theme, "contributions");
      guint size = json_object_get_int_member (theme, "size");

      g_test_message ("theme “%s”, %u", json_object_get_string_member (theme, "label"), size);
      g_assert_cmpstr (json_object_get_string_member (theme, "label"), !=, "");
      g_assert_cmpuint (json_array_get_length (json_object_get_array_member (theme, "terms")),
                        >=, 2);
      g_assert_cmpuint (json_array_get_length (ids), ==, size);
      g_assert_cmpuint (size, <=, previous);
      previous = size;
      for (guint c = 0; c < json_array_get_length (ids); c++)
        g_assert_true (g_hash_table_contains (seen.uuids, json_array_get_string_element (ids, c)));
    }

  duplicates_text = cli (0, "duplicates", "--db", db, "1", "--json", NULL);
  duplicates = parse_object (duplicates_text);
  list = json_object_get_array_member (duplicates, "groups");
  g_assert_cmpuint (json_array_get_length (list), >, 10);
  previous = G_MAXUINT;
  for (guint g = 0; g < json_array_get_length (list); g++)
    {
      JsonObject *group = json_array_get_object_element (list, g);
      JsonArray *ids = json_object_get_array_member (group, "contributions");
      guint count = json_object_get_int_member (group, "count");

      g_assert_cmpuint (count, >=, 2);
      g_assert_cmpuint (count, <=, previous);
      g_assert_cmpuint (json_array_get_length (ids), ==, count);
      previous = count;
      /* the comment copied under every proposal by the supporters of one of them */
      if (strstr (json_object_get_string_member (group, "text"),
                  "Hay una propuesta muy buena para acabar con las cacas") != NULL)
        {
          g_assert_false (found_campaign);
          found_campaign = TRUE;
          g_assert_cmpuint (count, >=, 50);
          trashed_uuid = g_strdup (json_array_get_string_element (ids, 0));
        }
    }
  g_assert_true (found_campaign);
  /* suggestions only: nothing was written */
  after_commands = dump_counts (db);
  g_assert_cmpstr (after_commands, ==, before);

  /* what moderation trashed is not read */
  {
    g_autoptr(DlgContribution) contribution =
      dlg_contribution_find_by_uuid (store, trashed_uuid, &error);

    g_assert_no_error (error);
    g_assert_true (dlg_contribution_moderate (store, dlg_contribution_get_id (contribution),
                                              "trashed", "copy", &error));
    g_assert_no_error (error);
  }
  g_clear_object (&store);
  g_free (duplicates_text);
  duplicates_text = cli (0, "duplicates", "--db", db, "1", "--json", NULL);
  after = parse_object (duplicates_text);
  g_assert_cmpuint (json_object_get_int_member (after, "contributions_read"), ==, seen.n - 1);
  g_assert_null (strstr (duplicates_text, trashed_uuid));

  /* plain text; wrong usage */
  plain = cli (0, "themes", "--db", db, "2", "suggest", "--count", "3", NULL);
  g_assert_nonnull (strstr (plain, "Theme 1: "));
  g_assert_nonnull (strstr (plain, "Suggestions only: nothing was changed."));
  g_free (cli (2, "themes", "--db", db, "1", "suggest", "--count", "0", NULL));
  g_free (cli (2, "themes", "--db", db, "1", "suggest", "--seed", "-3", NULL));
  g_free (cli (2, "themes", "--db", db, "1", "apply", NULL));
  g_free (cli (1, "duplicates", "--db", db, "no such process", NULL));

  g_hash_table_unref (seen.uuids);
  {
    g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
    const char *name;

    while (d != NULL && (name = g_dir_read_name (d)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, name, NULL);

        g_remove (path);
      }
    g_rmdir (dir);
  }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/analysis/text/fold", test_fold);
  g_test_add_func ("/analysis/text/stem", test_stem);
  g_test_add_func ("/analysis/text/stop-words", test_stop_words);
  g_test_add_func ("/analysis/text/language", test_language);
  g_test_add_func ("/analysis/themes/separate", test_themes_separate);
  g_test_add_func ("/analysis/themes/deterministic", test_themes_deterministic);
  g_test_add_func ("/analysis/themes/too-short", test_themes_too_short);
  g_test_add_func ("/analysis/themes/options", test_themes_options);
  g_test_add_func ("/analysis/themes/copies", test_themes_copies);
  g_test_add_func ("/analysis/themes/campaign", test_themes_campaign);
  g_test_add_func ("/analysis/themes/multilingual", test_themes_multilingual);
  g_test_add_func ("/analysis/duplicates/groups", test_duplicates_groups);
  g_test_add_func ("/analysis/duplicates/threshold", test_duplicates_threshold);
  g_test_add_func ("/analysis/duplicates/deterministic", test_duplicates_deterministic);
  g_test_add_func ("/analysis/cli/samples", test_cli_samples);

  return g_test_run ();
}
