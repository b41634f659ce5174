/* dlg-markdown.c — Markdown shown safely in a GtkTextBuffer
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The narrative preview walks the cmark syntax tree and inserts every node's text into a
 * GtkTextBuffer as plain text, styled with text tags. Nothing is ever parsed as Pango markup or
 * HTML: raw HTML blocks and inline HTML are shown as the literal text the officer typed (the
 * site does not render them either), links are shown with their address, never activated.
 */

#define G_LOG_DOMAIN "dlg-markdown"

#include "config.h"

#include <string.h>

#include <cmark.h>

#include "dlg-markdown.h"

#define LIST_INDENT 24

typedef struct
{
  GtkTextBuffer *buffer;
  GPtrArray     *tags;       /* active GtkTextTag, borrowed from the tag table */
  guint          list_depth;
} Renderer;

static GtkTextTag *
ensure_tag (GtkTextBuffer *buffer,
            const char    *name)
{
  GtkTextTagTable *table = gtk_text_buffer_get_tag_table (buffer);
  GtkTextTag *tag = gtk_text_tag_table_lookup (table, name);

  if (tag != NULL)
    return tag;

  if (g_str_has_prefix (name, "dlg-md-h"))
    {
      static const double scales[] = { 1.8, 1.5, 1.3, 1.15, 1.0, 1.0 };
      guint level = CLAMP (name[8] - '0', 1, 6);

      return gtk_text_buffer_create_tag (buffer, name, "weight", PANGO_WEIGHT_BOLD,
                                         "scale", scales[level - 1],
                                         "pixels-above-lines", 6,
                                         "pixels-below-lines", 6, NULL);
    }
  if (g_str_has_prefix (name, "dlg-md-list-"))
    {
      guint depth = (guint) g_ascii_strtoull (name + strlen ("dlg-md-list-"), NULL, 10);

      return gtk_text_buffer_create_tag (buffer, name, "left-margin", LIST_INDENT * depth,
                                         "indent", -LIST_INDENT / 2 - 4, NULL);
    }
  if (strcmp (name, "dlg-md-emph") == 0)
    return gtk_text_buffer_create_tag (buffer, name, "style", PANGO_STYLE_ITALIC, NULL);
  if (strcmp (name, "dlg-md-strong") == 0)
    return gtk_text_buffer_create_tag (buffer, name, "weight", PANGO_WEIGHT_BOLD, NULL);
  if (strcmp (name, "dlg-md-code") == 0)
    return gtk_text_buffer_create_tag (buffer, name, "family", "monospace", NULL);
  if (strcmp (name, "dlg-md-code-block") == 0)
    return gtk_text_buffer_create_tag (buffer, name, "family", "monospace",
                                       "left-margin", LIST_INDENT, "wrap-mode", GTK_WRAP_NONE,
                                       NULL);
  if (strcmp (name, "dlg-md-quote") == 0)
    return gtk_text_buffer_create_tag (buffer, name, "left-margin", LIST_INDENT,
                                       "style", PANGO_STYLE_ITALIC, NULL);
  if (strcmp (name, "dlg-md-link") == 0)
    return gtk_text_buffer_create_tag (buffer, name, "underline", PANGO_UNDERLINE_SINGLE, NULL);
  if (strcmp (name, "dlg-md-url") == 0)
    return gtk_text_buffer_create_tag (buffer, name, "scale", 0.85, NULL);
  if (strcmp (name, "dlg-md-rule") == 0)
    return gtk_text_buffer_create_tag (buffer, name, "justification", GTK_JUSTIFY_CENTER,
                                       NULL);
  if (strcmp (name, "dlg-md-block") == 0)
    return gtk_text_buffer_create_tag (buffer, name, "pixels-below-lines", 8, NULL);

  g_assert_not_reached ();
}

static void
push_tag (Renderer   *r,
          const char *name)
{
  g_ptr_array_add (r->tags, ensure_tag (r->buffer, name));
}

static void
pop_tag (Renderer *r)
{
  if (r->tags->len > 0)
    g_ptr_array_remove_index (r->tags, r->tags->len - 1);
}

/* The only way text enters the buffer: inserted as plain text, then tagged. */
static void
insert_text (Renderer   *r,
             const char *text)
{
  GtkTextIter start, end;
  int offset;

  if (text == NULL || *text == '\0')
    return;

  gtk_text_buffer_get_end_iter (r->buffer, &end);
  offset = gtk_text_iter_get_offset (&end);
  gtk_text_buffer_insert (r->buffer, &end, text, -1);
  gtk_text_buffer_get_iter_at_offset (r->buffer, &start, offset);
  gtk_text_buffer_get_end_iter (r->buffer, &end);
  for (guint i = 0; i < r->tags->len; i++)
    gtk_text_buffer_apply_tag (r->buffer, g_ptr_array_index (r->tags, i), &start, &end);
}

static gboolean
at_line_start (Renderer *r)
{
  GtkTextIter end;

  gtk_text_buffer_get_end_iter (r->buffer, &end);
  return gtk_text_iter_starts_line (&end);
}

static void
start_block (Renderer *r)
{
  if (!at_line_start (r))
    insert_text (r, "\n");
}

/* A paragraph that opens a list item goes on the line of its bullet. */
static gboolean
is_first_in_item (cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);

  return parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM
         && cmark_node_first_child (parent) == node;
}

static gboolean
in_tight_list (cmark_node *node)
{
  cmark_node *parent = cmark_node_parent (node);

  return parent != NULL && cmark_node_get_type (parent) == CMARK_NODE_ITEM
         && cmark_node_get_list_tight (cmark_node_parent (parent));
}

static void
insert_literal_block (Renderer   *r,
                      const char *literal,
                      const char *tag)
{
  g_autofree char *text = g_strdup (literal != NULL ? literal : "");
  gsize len = strlen (text);

  /* The block ends the line itself. */
  while (len > 0 && text[len - 1] == '\n')
    text[--len] = '\0';
  start_block (r);
  push_tag (r, "dlg-md-block");
  if (tag != NULL)
    push_tag (r, tag);
  insert_text (r, text);
  insert_text (r, "\n");
  if (tag != NULL)
    pop_tag (r);
  pop_tag (r);
}

static void
item_bullet (Renderer   *r,
             cmark_node *item)
{
  cmark_node *list = cmark_node_parent (item);
  g_autofree char *bullet = NULL;

  if (list != NULL && cmark_node_get_list_type (list) == CMARK_ORDERED_LIST)
    {
      int n = cmark_node_get_list_start (list);

      for (cmark_node *sibling = cmark_node_first_child (list);
           sibling != NULL && sibling != item; sibling = cmark_node_next (sibling))
        n++;
      bullet = g_strdup_printf ("%d.\u00a0", n);
    }
  else
    bullet = g_strdup ("•\u00a0");

  insert_text (r, bullet);
}

static void
render_node (Renderer       *r,
             cmark_event_type ev,
             cmark_node     *node)
{
  gboolean enter = ev == CMARK_EVENT_ENTER;

  switch (cmark_node_get_type (node))
    {
    case CMARK_NODE_DOCUMENT:
      break;

    case CMARK_NODE_PARAGRAPH:
      /* Paragraphs of a tight list get no spacing below them. */
      if (enter)
        {
          if (!is_first_in_item (node))
            start_block (r);
          if (!in_tight_list (node))
            push_tag (r, "dlg-md-block");
        }
      else
        {
          insert_text (r, "\n");
          if (!in_tight_list (node))
            pop_tag (r);
        }
      break;

    case CMARK_NODE_HEADING:
      if (enter)
        {
          char name[] = "dlg-md-h1";

          name[8] = (char) ('0' + CLAMP (cmark_node_get_heading_level (node), 1, 6));
          start_block (r);
          push_tag (r, name);
        }
      else
        {
          insert_text (r, "\n");
          pop_tag (r);
        }
      break;

    case CMARK_NODE_BLOCK_QUOTE:
      if (enter)
        push_tag (r, "dlg-md-quote");
      else
        pop_tag (r);
      break;

    case CMARK_NODE_LIST:
      if (enter)
        {
          g_autofree char *name = NULL;

          r->list_depth++;
          name = g_strdup_printf ("dlg-md-list-%u", r->list_depth);
          start_block (r);
          push_tag (r, name);
        }
      else
        {
          pop_tag (r);
          r->list_depth--;
          /* Space after a tight list, as after a paragraph. */
          if (r->list_depth == 0)
            {
              GtkTextIter start, end;

              gtk_text_buffer_get_end_iter (r->buffer, &end);
              start = end;
              gtk_text_iter_backward_line (&start);
              gtk_text_buffer_apply_tag (r->buffer, ensure_tag (r->buffer, "dlg-md-block"),
                                         &start, &end);
            }
        }
      break;

    case CMARK_NODE_ITEM:
      if (enter)
        {
          start_block (r);
          item_bullet (r, node);
        }
      break;

    case CMARK_NODE_CODE_BLOCK:
      insert_literal_block (r, cmark_node_get_literal (node), "dlg-md-code-block");
      break;

    case CMARK_NODE_HTML_BLOCK:
      /* Shown as typed, never interpreted. */
      insert_literal_block (r, cmark_node_get_literal (node), "dlg-md-code");
      break;

    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_CUSTOM_INLINE:
      if (enter)
        insert_text (r, cmark_node_get_on_enter (node));
      else
        insert_text (r, cmark_node_get_on_exit (node));
      break;

    case CMARK_NODE_THEMATIC_BREAK:
      start_block (r);
      push_tag (r, "dlg-md-rule");
      insert_text (r, "⁂\n");
      pop_tag (r);
      break;

    case CMARK_NODE_TEXT:
      insert_text (r, cmark_node_get_literal (node));
      break;

    case CMARK_NODE_SOFTBREAK:
      insert_text (r, " ");
      break;

    case CMARK_NODE_LINEBREAK:
      insert_text (r, "\u2028");
      break;

    case CMARK_NODE_CODE:
      push_tag (r, "dlg-md-code");
      insert_text (r, cmark_node_get_literal (node));
      pop_tag (r);
      break;

    case CMARK_NODE_HTML_INLINE:
      push_tag (r, "dlg-md-code");
      insert_text (r, cmark_node_get_literal (node));
      pop_tag (r);
      break;

    case CMARK_NODE_EMPH:
      if (enter)
        push_tag (r, "dlg-md-emph");
      else
        pop_tag (r);
      break;

    case CMARK_NODE_STRONG:
      if (enter)
        push_tag (r, "dlg-md-strong");
      else
        pop_tag (r);
      break;

    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
      if (enter)
        push_tag (r, "dlg-md-link");
      else
        {
          const char *url = cmark_node_get_url (node);

          pop_tag (r);
          if (url != NULL && *url != '\0')
            {
              g_autofree char *shown = g_strdup_printf (" ⟨%s⟩", url);

              push_tag (r, "dlg-md-url");
              insert_text (r, shown);
              pop_tag (r);
            }
        }
      break;

    case CMARK_NODE_NONE:
    default:
      break;
    }
}

/**
 * dlg_markdown_render:
 * @buffer: the buffer to fill (its previous text is replaced)
 * @markdown: (nullable): CommonMark text
 *
 * Renders @markdown as styled plain text. Every piece of text, HTML included, is inserted
 * literally: the buffer never interprets markup.
 */
void
dlg_markdown_render (GtkTextBuffer *buffer,
                     const char    *markdown)
{
  g_autoptr(GPtrArray) tags = g_ptr_array_new ();
  Renderer r = { buffer, tags, 0 };
  cmark_node *document;
  cmark_iter *iter;
  cmark_event_type ev;

  g_return_if_fail (GTK_IS_TEXT_BUFFER (buffer));

  gtk_text_buffer_set_text (buffer, "", 0);
  if (markdown == NULL)
    return;

  document = cmark_parse_document (markdown, strlen (markdown), CMARK_OPT_DEFAULT);
  iter = cmark_iter_new (document);
  while ((ev = cmark_iter_next (iter)) != CMARK_EVENT_DONE)
    render_node (&r, ev, cmark_iter_get_node (iter));
  cmark_iter_free (iter);
  cmark_node_free (document);
}
