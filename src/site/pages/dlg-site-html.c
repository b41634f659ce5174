/* dlg-site-html.c — HTML output for the public pages: escaping, layout, Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The pages are built as strings. The rule that keeps them safe is simple: literal markup comes
 * from this source tree, and everything else (what citizens and officers typed, identifiers,
 * values from the database) goes through dlg_html_escape_append(), which escapes the five
 * characters that matter in text and in quoted attribute values. Narratives are Markdown by
 * design: cmark renders them in safe mode, which drops raw HTML and javascript: links.
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include <cmark.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"

static const char stylesheet[] =
  ":root{--ink:#1b1b1f;--muted:#4a4a55;--brand:#0b4f9c;--brand-dark:#08386e;"
  "--bg:#ffffff;--soft:#f2f5f9;--line:#c9d1dc;--ok:#136c2e;--warn:#8a4b00;--err:#b00020;"
  "--focus:#ffbf47}\n"
  "*{box-sizing:border-box}\n"
  "html{font-size:100%;-webkit-text-size-adjust:100%}\n"
  "body{margin:0;font-family:system-ui,-apple-system,'Segoe UI',Roboto,'Noto Sans',"
  "'DejaVu Sans',sans-serif;line-height:1.55;color:var(--ink);background:var(--bg)}\n"
  "a{color:var(--brand);text-underline-offset:.15em}\n"
  "a:hover{color:var(--brand-dark)}\n"
  ":focus-visible{outline:3px solid var(--focus);outline-offset:2px;"
  "box-shadow:0 0 0 5px var(--ink)}\n"
  ".skip{position:absolute;left:-999px;top:0;background:var(--ink);color:#fff;padding:.6rem 1rem;"
  "z-index:10}\n"
  ".skip:focus{left:0}\n"
  "header.site{background:var(--brand-dark);color:#fff;padding:.8rem 1rem}\n"
  "header.site .inner{max-width:46rem;margin:0 auto}\n"
  "header.site a{color:#fff;text-decoration:none;font-weight:700;font-size:1.1rem}\n"
  "header.site p{margin:.1rem 0 0;font-size:.9rem;opacity:.95}\n"
  "nav.crumbs{font-size:.95rem;margin:1rem 0 0}\n"
  "main{max-width:48rem;margin:0 auto;padding:0 1rem 3rem}\n"
  "h1{font-size:1.6rem;line-height:1.25;margin:1rem 0 .6rem}\n"
  "h2{font-size:1.25rem;margin:2rem 0 .6rem;border-bottom:2px solid var(--soft);"
  "padding-bottom:.2rem}\n"
  "h3{font-size:1.05rem;margin:1.2rem 0 .3rem}\n"
  ".lead{font-size:1.1rem;color:var(--muted)}\n"
  ".question{background:var(--soft);border-left:5px solid var(--brand);padding:.8rem 1rem;"
  "font-size:1.15rem;margin:1rem 0}\n"
  ".cards{list-style:none;padding:0;margin:0;display:grid;gap:1rem}\n"
  ".card{border:1px solid var(--line);border-radius:.5rem;padding:1rem;background:#fff}\n"
  ".card h2,.card h3{margin-top:0;border:0}\n"
  ".card>:first-child{margin-top:0}\n.card>:last-child{margin-bottom:0}\n"
  ".meta{color:var(--muted);font-size:.9rem}\n"
  ".badge{display:inline-block;font-size:.8rem;padding:.1rem .5rem;border-radius:1rem;"
  "background:var(--soft);border:1px solid var(--line);color:var(--ink)}\n"
  ".badge.pending{background:#fff4e0;border-color:#e0b36b;color:var(--warn)}\n"
  ".badge.for{background:#e3f4e8;border-color:#7fbf91;color:var(--ok)}\n"
  ".badge.against{background:#fde7ea;border-color:#e59aa6;color:var(--err)}\n"
  ".badge.highlight{background:#fff7d6;border-color:#c9a227;color:#5c4700;font-weight:600}\n"
  ".badge.channel{background:#e8eefb;border-color:#8fa8d8;color:var(--brand-dark)}\n"
  ".button{display:inline-block;background:var(--brand);color:#fff;border:2px solid transparent;"
  "border-radius:.4rem;padding:.65rem 1.1rem;font:inherit;font-weight:600;"
  "text-decoration:none;cursor:pointer;min-height:44px}\n"
  ".button:hover{background:var(--brand-dark);color:#fff}\n"
  ".timeline{list-style:none;padding:0;margin:0;counter-reset:stage}\n"
  ".timeline li{position:relative;padding:.35rem 0 .35rem 2.4rem;counter-increment:stage}\n"
  ".timeline li::before{content:counter(stage);position:absolute;left:0;top:.3rem;width:1.8rem;"
  "height:1.8rem;border-radius:50%;text-align:center;line-height:1.8rem;font-size:.85rem;"
  "border:2px solid var(--line);background:#fff;color:var(--muted)}\n"
  ".timeline li.done::before{background:var(--ok);border-color:var(--ok);color:#fff}\n"
  ".timeline li.in_progress::before{background:var(--brand);border-color:var(--brand);"
  "color:#fff}\n"
  ".timeline li.skipped{color:var(--muted)}\n"
  ".timeline li[aria-current]{font-weight:600}\n"
  ".timeline .state{font-size:.85rem;color:var(--muted);margin-left:.3rem}\n"
  "form .field{margin:1rem 0}\n"
  "label,legend{display:block;font-weight:600;margin-bottom:.25rem}\n"
  ".hint{display:block;font-weight:400;color:var(--muted);font-size:.9rem}\n"
  "input[type=text],input[type=email],input[type=tel],input[type=number],select,textarea{"
  "width:100%;font:inherit;padding:.55rem;border:2px solid #6b7380;border-radius:.3rem;"
  "background:#fff;color:var(--ink);min-height:44px}\n"
  "textarea{min-height:9rem}\n"
  "fieldset{border:1px solid var(--line);border-radius:.4rem;padding:.6rem 1rem;margin:1rem 0}\n"
  ".choice{display:flex;gap:.5rem;align-items:flex-start;font-weight:400;margin:.3rem 0}\n"
  ".choice input{width:1.3rem;height:1.3rem;margin-top:.15rem;flex:none}\n"
  ".field.invalid input,.field.invalid textarea,.field.invalid select{border-color:var(--err)}\n"
  ".error{color:var(--err);font-weight:600;display:block;margin:.2rem 0}\n"
  ".errors{border:3px solid var(--err);padding:.8rem 1rem;border-radius:.4rem;margin:1rem 0}\n"
  ".errors h2{margin-top:0;border:0;color:var(--err)}\n"
  ".notice{border-left:5px solid var(--ok);background:#e9f6ed;padding:.8rem 1rem}\n"
  ".rules{background:var(--soft);padding:.6rem .9rem;border-radius:.3rem}\n"
  ".progress{height:.8rem;background:var(--soft);border:1px solid var(--line);"
  "border-radius:.4rem;overflow:hidden;margin:.3rem 0}\n"
  ".progress span{display:block;height:100%;background:var(--ok)}\n"
  "article.narrative img{max-width:100%}\n"
  "blockquote{border-left:4px solid var(--brand);margin:1rem 0;padding:.2rem 1rem;"
  "background:var(--soft)}\n"
  "footer.site{border-top:1px solid var(--line);color:var(--muted);font-size:.9rem;"
  "padding:1rem;text-align:center}\n"
  "@media (min-width:48rem){h1{font-size:2rem}.cards.two{grid-template-columns:1fr 1fr}"
  "header.site{padding:1rem 2rem}}\n"
  ".rules p,.question p{margin:.35rem 0}\n"
  ".rules p:first-of-type{display:inline}\n"
  ".filters{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}\n"
  ".filters a{display:inline-block;padding:.35rem .8rem;border:1px solid var(--line);"
  "border-radius:1rem;text-decoration:none;min-height:44px;line-height:1.9}\n"
  ".filters a[aria-current]{background:var(--brand);border-color:var(--brand);color:#fff}\n"
  ".timeline li:not(:last-child)::after{content:'';position:absolute;left:.9rem;top:2.1rem;"
  "bottom:-.3rem;border-left:2px solid var(--line)}\n"
  ".footer-links{list-style:none;padding:0;margin:.4rem 0 0;display:flex;flex-wrap:wrap;"
  "justify-content:center;gap:.3rem 1.2rem}\n"
  ".footer-links a{display:inline-block;min-height:44px;line-height:44px}\n"
  "footer.site p{margin:0}\n"
  /* Windows' contrast themes and other forced colours drop backgrounds: borders keep the
   * buttons, the chosen filter and the current step visible. */
  "@media (forced-colors:active){.button{border:2px solid ButtonText}"
  ".filters a[aria-current]{border:3px solid Highlight}"
  ".timeline li[aria-current]::before{border:3px solid Highlight}"
  ":focus-visible{outline:3px solid Highlight}}\n";

const char *
dlg_html_stylesheet (void)
{
  return stylesheet;
}

void
dlg_html_escape_append (GString    *out,
                        const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    return;
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  for (const char *p = text; *p != '\0'; p++)
    {
      switch (*p)
        {
        case '&': g_string_append (out, "&amp;"); break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        default: g_string_append_c (out, *p); break;
        }
    }
}

char *
dlg_html_escape (const char *text)
{
  GString *out = g_string_new (NULL);

  dlg_html_escape_append (out, text);
  return g_string_free (out, FALSE);
}

char *
dlg_html_markdown (const char *markdown)
{
  g_autofree char *valid = NULL;
  char *html;
  char *result;

  if (markdown == NULL)
    return g_strdup ("");
  /* cmark copies bytes that are not UTF-8 to its output as they are (fuzz-markdown). */
  if (!g_utf8_validate (markdown, -1, NULL))
    markdown = valid = g_utf8_make_valid (markdown, -1);
  html = cmark_markdown_to_html (markdown, strlen (markdown), CMARK_OPT_SAFE | CMARK_OPT_SMART);
  result = g_strdup (html);
  free (html);
  return result;
}

void
dlg_html_paragraphs (GString    *out,
                     const char *text)
{
  g_auto(GStrv) lines = NULL;
  gboolean open = FALSE;

  if (text == NULL || *text == '\0')
    return;
  /* Blank lines separate paragraphs; other line breaks are kept as <br>. */
  lines = g_strsplit (text, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      char *line = g_strchomp (lines[i]);
      gboolean blank = TRUE;

      for (const char *p = line; *p != '\0' && blank; p++)
        blank = g_ascii_isspace (*p);
      if (blank)
        {
          if (open)
            g_string_append (out, "</p>\n");
          open = FALSE;
          continue;
        }
      g_string_append (out, open ? "<br>" : "<p>");
      open = TRUE;
      dlg_html_escape_append (out, line);
    }
  if (open)
    g_string_append (out, "</p>\n");
}

/* The site's name: the configured one, else ours. */
static const char *
site_name (void)
{
  return dlg_site_name () != NULL ? dlg_site_name () : _("Take Part in Nantes");
}

void
dlg_html_page_begin (GString    *out,
                     const char *title,
                     const char *crumb_href,
                     const char *crumb_label)
{
  g_string_append (out, "<!DOCTYPE html>\n<html lang=\"");
  dlg_html_escape_append (out, dlg_site_lang ());
  g_string_append (out, "\">\n<head>\n<meta charset=\"utf-8\">\n"
                        "<meta name=\"viewport\" content=\"width=device-width, "
                        "initial-scale=1\">\n<title>");
  if (title != NULL && *title != '\0')
    {
      dlg_html_escape_append (out, title);
      g_string_append (out, " — ");
    }
  dlg_html_escape_append (out, site_name ());
  g_string_append (out, "</title>\n<link rel=\"stylesheet\" href=\"/static/site.css\">\n"
                        "</head>\n<body>\n<a class=\"skip\" href=\"#contenu\">");
  dlg_html_escape_append (out, _("Skip to content"));
  g_string_append (out, "</a>\n<header class=\"site\"><div class=\"inner\"><a href=\"/\">");
  dlg_html_escape_append (out, site_name ());
  g_string_append (out, "</a><p>");
  dlg_html_escape_append (out, _("The citizen dialogue of the metropolis"));
  g_string_append (out, "</p></div></header>\n<main id=\"contenu\" tabindex=\"-1\">\n");
  if (crumb_href != NULL)
    {
      g_string_append (out, "<nav class=\"crumbs\" aria-label=\"");
      dlg_html_escape_append (out, _("Breadcrumb"));
      g_string_append (out, "\"><a href=\"");
      dlg_html_escape_append (out, crumb_href);
      g_string_append (out, "\">← ");
      dlg_html_escape_append (out, crumb_label);
      g_string_append (out, "</a></nav>\n");
    }
}

/* Every page ends with the links to the statements the law asks for. */
void
dlg_html_page_end (GString *out)
{
  static const struct { const char *href; const char *label; } links[] = {
    { "/", N_("All processes") },
    { "/accessibilite", N_("Accessibility: not compliant") },
    { "/mentions-legales", N_("Legal notice") },
    { "/confidentialite", N_("Personal data") },
  };

  g_string_append (out, "</main>\n<footer class=\"site\"><p>");
  dlg_html_escape_append (out, _("Demonstration site of Dialogue · no data is passed on to "
                                 "third parties"));
  g_string_append (out, "</p>\n<nav aria-label=\"");
  dlg_html_escape_append (out, _("About this site"));
  g_string_append (out, "\"><ul class=\"footer-links\">\n");
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      g_string_append (out, "<li><a href=\"");
      dlg_html_escape_append (out, links[i].href);
      g_string_append (out, "\">");
      dlg_html_escape_append (out, _(links[i].label));
      g_string_append (out, "</a></li>\n");
    }
  g_string_append (out, "</ul></nav></footer>\n</body>\n</html>\n");
}

char *
dlg_html_format_date (const char *iso)
{
  static const char *const months[] = {
    NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
    NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
    NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
    NC_("month", "November"), NC_("month", "December")
  };
  g_autofree char *day = NULL;
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3 || m < 1 || m > 12 || d < 1
      || d > 31)
    return NULL;
  /* Translators: the first day of a month in a date ("1er novembre 2026"). */
  day = d == 1 ? g_strdup (C_("day of the month", "1")) : g_strdup_printf ("%d", d);
  /* Translators: a date: the day, the month's name, the year. */
  return g_strdup_printf (C_("date", "%1$s %2$s %3$d"), day, C_("month", months[m - 1]), y);
}
