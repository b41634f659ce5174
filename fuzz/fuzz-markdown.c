/* fuzz-markdown.c — what the public pages make of text a client sent: Markdown (narratives,
 * through cmark in safe mode), escaped text and paragraphs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What must hold: the HTML is valid UTF-8, holds only the tags cmark writes for Markdown, no
 * attribute but href, src, alt, title and start, and no link to a script; escaped text holds
 * no markup character at all.
 */

#include "config.h"

#include <string.h>

#include "dlg-site-html.h"
#include "fuzz-common.h"

static const char *const allowed_tags[] = {
  "p", "em", "strong", "a", "img", "code", "pre", "blockquote", "ul", "ol", "li", "h1", "h2",
  "h3", "h4", "h5", "h6", "hr", "br", "del", NULL,
};

int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  fuzz_init ();
  return 0;
}

/* One tag at @p (just after '<'): its name is allowed, and its attributes. */
static void
check_tag (const char *p)
{
  g_autofree char *name = NULL;
  const char *end;

  if (g_str_has_prefix (p, "!-- raw HTML omitted -->"))
    return;
  if (*p == '/')
    p++;
  end = p;
  while (g_ascii_isalnum (*end))
    end++;
  name = g_ascii_strdown (p, end - p);
  if (!g_strv_contains (allowed_tags, name))
    g_error ("tag <%s> in the HTML", name);
  /* Attributes: name="value", the value with no quote (cmark escapes them). */
  for (p = end; *p != '>' && *p != '\0';)
    {
      const char *attr;
      g_autofree char *attr_name = NULL;

      while (*p == ' ' || *p == '/')
        p++;
      if (*p == '>' || *p == '\0')
        break;
      attr = p;
      while (g_ascii_isalpha (*p))
        p++;
      attr_name = g_strndup (attr, p - attr);
      if (!g_strv_contains ((const char *const[]) { "href", "src", "alt", "title", "start",
                                                    "class", NULL }, attr_name))
        g_error ("attribute %s in <%s>", attr_name, name);
      g_assert (*p == '=' && p[1] == '"');
      p += 2;
      {
        const char *value = p;
        g_autofree char *lower = NULL;

        while (*p != '"' && *p != '\0')
          p++;
        g_assert (*p == '"');
        lower = g_ascii_strdown (value, p - value);
        if (g_str_equal (attr_name, "href") || g_str_equal (attr_name, "src"))
          g_assert (!g_str_has_prefix (g_strstrip (lower), "javascript:")
                    && !g_str_has_prefix (lower, "vbscript:")
                    && !g_str_has_prefix (lower, "file:"));
        p++;
      }
    }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autofree char *text = fuzz_strndup (data, size);
  g_autofree char *html = dlg_html_markdown (text);
  g_autofree char *escaped = dlg_html_escape (text);
  g_autoptr(GString) paragraphs = g_string_new (NULL);

  g_assert (g_utf8_validate (html, -1, NULL));
  for (const char *p = strchr (html, '<'); p != NULL; p = strchr (p + 1, '<'))
    check_tag (p + 1);
  g_assert (g_utf8_validate (escaped, -1, NULL));
  g_assert (strpbrk (escaped, "<>\"'") == NULL);
  dlg_html_paragraphs (paragraphs, text);
  g_assert (g_utf8_validate (paragraphs->str, -1, NULL));
  for (const char *p = strchr (paragraphs->str, '<'); p != NULL; p = strchr (p + 1, '<'))
    check_tag (p + 1);
  return 0;
}
