/* test-openapi.c — data/sync-v1.openapi.yaml stays well-formed and complete
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * No YAML parser is a build dependency, so this checks what matters by hand: UTF-8, no tabs,
 * the required paths, statuses and headers, and that every $ref points at a defined component.
 */

#include "config.h"

#include <string.h>

#include <glib.h>

static char *
load_spec (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data",
                                                 "sync-v1.openapi.yaml", NULL);
  g_autoptr(GError) error = NULL;
  char *text = NULL;

  g_file_get_contents (path, &text, NULL, &error);
  g_assert_no_error (error);
  return text;
}

static void
test_well_formed (void)
{
  g_autofree char *text = load_spec ();

  g_assert_true (g_utf8_validate (text, -1, NULL));
  g_assert_null (strchr (text, '\t'));
  g_assert_nonnull (strstr (text, "\nopenapi: 3.0."));
  g_assert_nonnull (strstr (text, "\npaths:\n"));
  g_assert_nonnull (strstr (text, "\ncomponents:\n"));
}

static void
test_complete (void)
{
  static const char *const needles[] = {
    "\n  /:\n", "\n  /changes:\n", "\n  /processes/{id}:\n", "\n  /narratives/{id}:\n",
    "\n  /responses/{id}:\n", "\n  /commitments/{id}:\n", "\n  /moderation:\n",
    "\n  /contributions/{id}:\n", "\n  /follow_ups/{id}:\n", "\n  /highlights/{id}:\n",
    "\n    FollowUpItem:\n", "\n    Highlight:\n", "\n    OfflineContribution:\n",
    "\n        sources:\n",
    "\n  /test/faults:\n", "If-None-Match", "If-Match", "Idempotency-Key", "Retry-After",
    "ETag", "application/problem+json", "cursor-expired", "erasure", "sync:personal",
    "\"400\":", "\"401\":", "\"403\":", "\"409\":", "\"410\":", "\"412\":", "\"413\":",
    "\"422\":", "\"428\":", "\"429\":", "\"503\":", "example", "close_mid_body",
  };
  g_autofree char *text = load_spec ();

  for (guint i = 0; i < G_N_ELEMENTS (needles); i++)
    {
      g_test_message ("looking for %s", needles[i]);
      g_assert_nonnull (strstr (text, needles[i]));
    }
}

static void
test_refs (void)
{
  g_autofree char *text = load_spec ();
  g_autoptr(GRegex) regex = g_regex_new ("#/components/(\\w+)/(\\w+)", 0, 0, NULL);
  g_autoptr(GMatchInfo) match = NULL;
  const char *components = strstr (text, "\ncomponents:\n");
  guint n = 0;

  g_assert_nonnull (components);
  g_regex_match (regex, text, 0, &match);
  while (g_match_info_matches (match))
    {
      g_autofree char *kind = g_match_info_fetch (match, 1);
      g_autofree char *name = g_match_info_fetch (match, 2);
      g_autofree char *section = g_strdup_printf ("\n  %s:\n", kind);
      g_autofree char *entry = g_strdup_printf ("\n    %s:\n", name);
      const char *start = strstr (components, section);

      g_test_message ("$ref %s/%s", kind, name);
      g_assert_nonnull (start);
      g_assert_nonnull (strstr (start, entry));
      n++;
      g_match_info_next (match, NULL);
    }
  g_assert_cmpuint (n, >, 30);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/site/openapi/well-formed", test_well_formed);
  g_test_add_func ("/site/openapi/complete", test_complete);
  g_test_add_func ("/site/openapi/refs", test_refs);
  return g_test_run ();
}
