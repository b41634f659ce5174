/* dlg-markdown.h — Markdown shown safely in a GtkTextBuffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

void dlg_markdown_render (GtkTextBuffer *buffer,
                          const char    *markdown);

G_END_DECLS
