/* dlg-site-html.h — HTML output for the public pages: escaping, layout, Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Appends @text with & < > " ' escaped; invalid UTF-8 is replaced, NULL appends nothing.
 * Every piece of text that did not come from this source file goes through here. */
void         dlg_html_escape_append  (GString    *out,
                                      const char *text);
char        *dlg_html_escape         (const char *text);
/* Renders Markdown with cmark in safe mode (raw HTML and unsafe links dropped). */
char        *dlg_html_markdown       (const char *markdown);
/* Plain text with paragraphs: escaped, blank lines → <p>, single newlines → <br>. */
void         dlg_html_paragraphs     (GString    *out,
                                      const char *text);
void         dlg_html_page_begin     (GString    *out,
                                      const char *title,
                                      const char *crumb_href,
                                      const char *crumb_label);
void         dlg_html_page_end       (GString    *out);
const char  *dlg_html_stylesheet     (void);
/* "25 novembre 2026" from an RFC 3339 time or a date; NULL when unparsable. */
char        *dlg_html_format_date    (const char *iso);

G_END_DECLS
