/* bench-analysis.c — theme suggestion and duplicate grouping at volume
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Generates 19,000 and 100,000 contributions (DLG_BENCH_N sets one count instead) in French,
 * Spanish, English, German and Finnish (half of them say their language, half are detected):
 * texts of 8–60 words on eight topics per language, made of stop words, inflected topic
 * words and a long tail of rare words; one in ten is "RAS", "Non." or alike, one in twenty a
 * copy of one of three campaign texts of 40–60 words with small edits. Times theme suggestion (8 themes) and
 * duplicate grouping on them; goals for 100,000 on a 2-core machine: 10 s and 5 s. The
 * machine may be shared, so CPU seconds are printed next to the wall-clock ones, and the peak
 * RSS at the end.
 */

#include "config.h"

#include <sys/resource.h>
#include <time.h>

#include "dlg-analysis.h"

#define N_TOPICS 8
#define TOPIC_ROOTS 40

static const char *const codes[] = { "fr", "es", "en", "de", "fi" };
static const char *const glue[][10] = {
  { "les", "des", "pour", "dans", "avec", "nous", "une", "le", "de", "et" },
  { "los", "las", "para", "en", "con", "nosotros", "una", "el", "de", "y" },
  { "the", "of", "for", "in", "with", "we", "a", "and", "to", "is" },
  { "die", "der", "für", "in", "mit", "wir", "eine", "das", "und", "zu" },
  { "ja", "on", "että", "ei", "se", "me", "ne", "kun", "oli", "mutta" },
};
static const char *const suffixes[][4] = {
  { "", "s", "ment", "tion" },
  { "", "s", "es", "ción" },
  { "", "s", "ing", "ed" },
  { "", "en", "ung", "er" },
  { "", "ssa", "n", "lla" },
};
static const char *const syllables[] = {
  "ka", "lo", "mi", "ra", "te", "vu", "no", "pe", "sa", "di", "ré", "bo", "cu", "fa", "gi", "hu",
  "ja", "ke", "li", "mo", "ni", "po", "qu", "ri", "su", "to", "va", "xe", "yo", "zu", "ché", "tra",
};
static const char *const short_texts[] = { "RAS", "Non.", "ok", "R.A.S.", "rien", "Oui !" };

static double
seconds_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1e6;
}

static double
cpu_seconds (void)
{
  return (double) clock () / CLOCKS_PER_SEC;
}

static double
peak_rss_mib (void)
{
  struct rusage usage;

  getrusage (RUSAGE_SELF, &usage);
  return usage.ru_maxrss / 1024.0;
}

static void
append_word (GString *text,
             guint    seed,
             guint    n_syllables)
{
  for (guint s = 0; s < n_syllables; s++)
    {
      g_string_append (text, syllables[seed % G_N_ELEMENTS (syllables)]);
      seed = seed * 1103515245u + 12345u;
      seed ^= seed >> 16;
    }
}

static char *
make_text (GRand *rand,
           guint  language,
           guint  topic,
           guint  min_words)
{
  GString *text = g_string_new (NULL);
  guint n = g_rand_int_range (rand, min_words, 61);

  for (guint w = 0; w < n; w++)
    {
      int dice = g_rand_int_range (rand, 0, 100);

      if (w > 0)
        g_string_append_c (text, ' ');
      if (dice < 40)
        g_string_append (text, glue[language][g_rand_int_range (rand, 0, 10)]);
      else if (dice < 85)
        {
          guint root = g_rand_int_range (rand, 0, TOPIC_ROOTS);

          append_word (text, (language * 131 + topic) * 1009 + root, 3);
          g_string_append (text, suffixes[language][g_rand_int_range (rand, 0, 4)]);
        }
      else
        /* the long tail: names, typos, rare words */
        append_word (text, g_rand_int (rand), g_rand_int_range (rand, 2, 5));
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

static char *
edit_campaign (GRand      *rand,
               const char *campaign)
{
  g_auto(GStrv) words = g_strsplit (campaign, " ", -1);
  guint n = g_strv_length (words);
  guint changed = g_rand_int_range (rand, 0, n);
  GString *text = g_string_new (g_rand_boolean (rand) ? "Bonjour, " : "");

  for (guint w = 0; w < n; w++)
    g_string_append_printf (text, "%s%s", w == changed ? "vraiment" : words[w],
                            w + 1 < n ? " " : "");
  return g_string_free (text, FALSE);
}

static void
generate (guint       n,
          GArray     *texts,
          GPtrArray  *strings)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (2026);
  char *campaigns[3];

  for (guint c = 0; c < 3; c++)
    campaigns[c] = make_text (rand, 0, c, 40);
  for (guint i = 0; i < n; i++)
    {
      int dice = g_rand_int_range (rand, 0, 100);
      guint language = g_rand_int_range (rand, 0, G_N_ELEMENTS (codes));
      DlgAnalysisText text;
      char *id = g_strdup_printf ("%08x-bench-%07u", g_rand_int (rand), i);
      char *body;

      if (dice < 10)
        body = g_strdup (short_texts[g_rand_int_range (rand, 0, G_N_ELEMENTS (short_texts))]);
      else if (dice < 15)
        body = edit_campaign (rand, campaigns[g_rand_int_range (rand, 0, 3)]);
      else
        body = make_text (rand, language, g_rand_int_range (rand, 0, N_TOPICS), 8);
      g_ptr_array_add (strings, id);
      g_ptr_array_add (strings, body);
      text.id = id;
      text.text = body;
      text.language = i % 2 ? codes[language] : NULL;
      g_array_append_val (texts, text);
    }
  for (guint c = 0; c < 3; c++)
    g_free (campaigns[c]);
}

static void
run (guint n)
{
  g_autoptr(GArray) texts = g_array_new (FALSE, FALSE, sizeof (DlgAnalysisText));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(DlgAnalysisThemes) themes = NULL;
  g_autoptr(DlgAnalysisDuplicates) duplicates = NULL;
  g_autoptr(GError) error = NULL;
  DlgAnalysisThemeOptions options = { DLG_ANALYSIS_DEFAULT_THEMES, 1, 0 };
  gint64 start;
  double cpu, wall;

  generate (n, texts, strings);
  g_print ("%u generated contributions (5 languages, 8 topics each, 10 %% too short, 5 %% "
           "campaign copies):\n", n);

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  themes = dlg_analysis_suggest_themes ((DlgAnalysisText *) texts->data, texts->len, &options,
                                        NULL, &error);
  g_assert_no_error (error);
  wall = seconds_since (start);
  g_print ("  theme suggestion (k = 8)   %6.2f s, %6.2f CPU s  (goal for 100,000: 10 s); "
           "%u themes, %u too short, %u unmatched\n", wall, cpu_seconds () - cpu,
           themes->themes->len, themes->n_too_short, themes->n_unmatched);
  for (guint t = 0; t < themes->themes->len; t++)
    {
      DlgAnalysisTheme *theme = g_ptr_array_index (themes->themes, t);

      g_print ("    %6u  %s\n", theme->size, theme->label);
    }

  start = g_get_monotonic_time ();
  cpu = cpu_seconds ();
  duplicates = dlg_analysis_find_duplicates ((DlgAnalysisText *) texts->data, texts->len, NULL,
                                             NULL, &error);
  g_assert_no_error (error);
  wall = seconds_since (start);
  g_print ("  duplicate grouping         %6.2f s, %6.2f CPU s  (goal for 100,000: 5 s); "
           "%u groups, %u contributions grouped\n", wall, cpu_seconds () - cpu,
           duplicates->groups->len, duplicates->n_grouped);
  for (guint g = 0; g < MIN (duplicates->groups->len, 9u); g++)
    {
      DlgAnalysisDuplicateGroup *group = g_ptr_array_index (duplicates->groups, g);
      g_autofree char *start_of_text = g_utf8_substring (group->text, 0,
                                                         MIN (40, g_utf8_strlen (group->text, -1)));

      g_print ("    %6u  %s  %s\n", group->count, group->near ? "near " : "exact", start_of_text);
    }
  g_print ("  peak RSS so far            %6.1f MiB\n", peak_rss_mib ());
}

int
main (int   argc,
      char *argv[])
{
  const char *env = g_getenv ("DLG_BENCH_N");

  if (env != NULL && *env != '\0')
    run (g_ascii_strtoull (env, NULL, 10));
  else
    {
      run (19000);
      run (100000);
    }
  return 0;
}
