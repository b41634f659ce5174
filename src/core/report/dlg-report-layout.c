/* dlg-report-layout.c — the pages of a report: flowing text, tables and charts on A4
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every piece of text goes through pango_layout_set_text (never markup) and is drawn line by
 * line, so that a paragraph of any length breaks across pages. Long paragraphs are cut into
 * pieces at a space (or, with no space, at a character) so that Pango never lays out a megabyte
 * at once. The first pass (measure) draws nothing and records on which page each heading falls;
 * the second draws, with the pages of the cover and the table of contents in front.
 */

#define G_LOG_DOMAIN "dlg-report"

#include "config.h"

#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <pango/pangocairo.h>

#include "dlg-report-layout.h"

#define PAGE_WIDTH   595.276  /* A4 in points */
#define PAGE_HEIGHT  841.890
#define MARGIN_X     62.0
#define MARGIN_TOP   62.0
#define MARGIN_BOTTOM 72.0
#define TEXT_WIDTH   (PAGE_WIDTH - 2 * MARGIN_X)
#define BOTTOM       (PAGE_HEIGHT - MARGIN_BOTTOM)
#define CHUNK_BYTES  8192
#define CELL_PAD     3.0
#define TOC_LINE     17.0
#define TOC_TITLE    60.0

#define FONT_FAMILY  "DejaVu Sans, Sans"

struct _DlgReportDoc
{
  cairo_surface_t *surface;
  cairo_t         *cr;
  gboolean         measure;
  int              first_page;
  int              n_pages_total;
  char            *footer;
  int              page;       /* pages begun by this doc */
  double           y;
  GArray          *headings;
  guint            n_dests;
  int              outline[3]; /* the outline item of the last heading of each level */

  /* The table being drawn */
  guint            n_columns;
  guint            n_rows;
  double          *widths;
  char           **header;
};

static const struct
{
  const char *font;
  double      space_after;
  double      indent;
  double      r, g, b;
} styles[] = {
  [DLG_REPORT_TEXT_BODY] = { FONT_FAMILY " 10", 5, 0, 0.1, 0.1, 0.1 },
  [DLG_REPORT_TEXT_SMALL] = { FONT_FAMILY " 8.5", 3, 0, 0.3, 0.3, 0.3 },
  [DLG_REPORT_TEXT_QUOTE] = { FONT_FAMILY " Oblique 9.5", 5, 18, 0.2, 0.2, 0.3 },
  [DLG_REPORT_TEXT_LABEL] = { FONT_FAMILY " Bold 10", 2, 0, 0.1, 0.1, 0.1 },
  [DLG_REPORT_TEXT_MONO] = { "DejaVu Sans Mono, Monospace 8.5", 4, 0, 0.1, 0.1, 0.1 },
  [DLG_REPORT_TEXT_TITLE] = { FONT_FAMILY " Bold 24", 12, 0, 0.05, 0.2, 0.4 },
  [DLG_REPORT_TEXT_SUBTITLE] = { FONT_FAMILY " 13", 8, 0, 0.2, 0.2, 0.2 },
};

/* The colours of the charts (a blue scale) */
static const double bar_rgb[3] = { 0.16, 0.38, 0.66 };

static void
heading_clear (gpointer data)
{
  DlgReportHeading *heading = data;

  g_free (heading->title);
}

static PangoLayout *
new_layout (DlgReportDoc *doc,
            const char   *font,
            double        width)
{
  PangoLayout *layout = pango_cairo_create_layout (doc->cr);
  g_autoptr(PangoFontDescription) desc = pango_font_description_from_string (font);

  pango_layout_set_font_description (layout, desc);
  pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_auto_dir (layout, TRUE);
  return layout;
}

/* One line of text, cut with an ellipsis when it is wider than @width. */
static PangoLayout *
new_line_layout (DlgReportDoc *doc,
                 const char   *font,
                 double        width,
                 const char   *text)
{
  PangoLayout *layout = new_layout (doc, font, width);

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_height (layout, -1);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

static double
layout_height (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) h / PANGO_SCALE;
}

static double
layout_width (PangoLayout *layout)
{
  int w, h;

  pango_layout_get_size (layout, &w, &h);
  return (double) w / PANGO_SCALE;
}

static void
show_layout (DlgReportDoc *doc,
             PangoLayout  *layout,
             double        x,
             double        y)
{
  if (doc->measure)
    return;
  cairo_move_to (doc->cr, x, y);
  pango_cairo_show_layout (doc->cr, layout);
}

static void
set_rgb (DlgReportDoc *doc,
         double        r,
         double        g,
         double        b)
{
  cairo_set_source_rgb (doc->cr, r, g, b);
}

static void
draw_footer (DlgReportDoc *doc)
{
  g_autoptr(PangoLayout) left = NULL;
  g_autoptr(PangoLayout) right = NULL;
  g_autofree char *number = NULL;
  int page = doc->first_page + doc->page - 1;

  if (doc->measure)
    return;
  number = doc->n_pages_total > 0
           /* Translators: the page's number, then how many pages in all */
           ? g_strdup_printf (_("Page %d of %d"), page, doc->n_pages_total)
           : g_strdup_printf ("%d", page);
  set_rgb (doc, 0.4, 0.4, 0.4);
  right = new_line_layout (doc, FONT_FAMILY " 8", 120, number);
  pango_layout_set_alignment (right, PANGO_ALIGN_RIGHT);
  show_layout (doc, right, PAGE_WIDTH - MARGIN_X - 120, PAGE_HEIGHT - 42);
  if (doc->footer != NULL)
    {
      left = new_line_layout (doc, FONT_FAMILY " 8", TEXT_WIDTH - 130, doc->footer);
      show_layout (doc, left, MARGIN_X, PAGE_HEIGHT - 42);
    }
  cairo_set_line_width (doc->cr, 0.5);
  cairo_move_to (doc->cr, MARGIN_X, PAGE_HEIGHT - 48);
  cairo_line_to (doc->cr, PAGE_WIDTH - MARGIN_X, PAGE_HEIGHT - 48);
  cairo_stroke (doc->cr);

  {
    g_autofree char *label = g_strdup_printf ("%d", page);

    cairo_pdf_surface_set_page_label (doc->surface, label);
  }
}

static void
begin_page (DlgReportDoc *doc)
{
  doc->page++;
  doc->y = MARGIN_TOP;
  draw_footer (doc);
}

static void
ensure (DlgReportDoc *doc,
        double        height)
{
  if (doc->y + height > BOTTOM && doc->y > MARGIN_TOP + 1)
    dlg_report_doc_new_page (doc);
}

/* Draws @layout at @x line by line from doc->y, turning pages as needed. */
static void
flow_layout (DlgReportDoc *doc,
             PangoLayout  *layout,
             double        x)
{
  PangoLayoutIter *iter = pango_layout_get_iter (layout);

  do
    {
      PangoRectangle logical;
      double height, baseline;

      pango_layout_iter_get_line_extents (iter, NULL, &logical);
      height = (double) logical.height / PANGO_SCALE;
      baseline = (double) (pango_layout_iter_get_baseline (iter) - logical.y) / PANGO_SCALE;
      ensure (doc, height);
      if (!doc->measure)
        {
          cairo_move_to (doc->cr, x + (double) logical.x / PANGO_SCALE, doc->y + baseline);
          pango_cairo_show_layout_line (doc->cr, pango_layout_iter_get_line_readonly (iter));
        }
      doc->y += height;
    }
  while (pango_layout_iter_next_line (iter));
  pango_layout_iter_free (iter);
}

/* The end of the next piece of @text (at most CHUNK_BYTES), after a space when there is one. */
static const char *
chunk_end (const char *text,
           const char *end)
{
  const char *limit, *space = NULL;

  if (end - text <= CHUNK_BYTES)
    return end;
  limit = g_utf8_find_prev_char (text, text + CHUNK_BYTES);
  for (const char *p = limit; p > text + CHUNK_BYTES / 2; p--)
    if (*p == ' ')
      {
        space = p + 1;
        break;
      }
  return space != NULL ? space : limit;
}

static void
flow_text (DlgReportDoc  *doc,
           DlgReportText  style,
           const char    *text,
           double         x,
           double         width)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  const char *p = valid;

  set_rgb (doc, styles[style].r, styles[style].g, styles[style].b);
  while (*p != '\0')
    {
      const char *nl = strchr (p, '\n');
      const char *para_end = nl != NULL ? nl : p + strlen (p);

      for (const char *q = p; q < para_end || q == p;)
        {
          const char *end = chunk_end (q, para_end);
          g_autoptr(PangoLayout) layout = new_layout (doc, styles[style].font, width);

          pango_layout_set_text (layout, q, (int) (end - q));
          flow_layout (doc, layout, x);
          if (end == q)
            break;
          q = end;
        }
      if (nl == NULL)
        break;
      p = nl + 1;
    }
}

/* Public API */

DlgReportDoc *
dlg_report_doc_new (cairo_surface_t *surface,
                    gboolean         measure,
                    int              first_page,
                    int              n_pages_total,
                    const char      *footer)
{
  DlgReportDoc *doc = g_new0 (DlgReportDoc, 1);

  doc->surface = cairo_surface_reference (surface);
  doc->cr = cairo_create (surface);
  doc->measure = measure;
  doc->first_page = first_page;
  doc->n_pages_total = n_pages_total;
  doc->footer = g_strdup (footer);
  doc->headings = g_array_new (FALSE, TRUE, sizeof (DlgReportHeading));
  g_array_set_clear_func (doc->headings, heading_clear);
  begin_page (doc);
  return doc;
}

void
dlg_report_doc_free (DlgReportDoc *doc)
{
  if (doc == NULL)
    return;
  cairo_show_page (doc->cr);
  cairo_destroy (doc->cr);
  cairo_surface_destroy (doc->surface);
  g_array_unref (doc->headings);
  g_free (doc->footer);
  g_free (doc->widths);
  g_strfreev (doc->header);
  g_free (doc);
}

GArray *
dlg_report_doc_get_headings (DlgReportDoc *doc)
{
  return doc->headings;
}

int
dlg_report_doc_get_n_pages (DlgReportDoc *doc)
{
  return doc->page;
}

cairo_status_t
dlg_report_doc_get_status (DlgReportDoc *doc)
{
  return cairo_status (doc->cr);
}

void
dlg_report_doc_new_page (DlgReportDoc *doc)
{
  cairo_show_page (doc->cr);
  begin_page (doc);
}

void
dlg_report_doc_space (DlgReportDoc *doc,
                      double        points)
{
  doc->y += points;
}

void
dlg_report_doc_heading (DlgReportDoc *doc,
                        int           level,
                        const char   *title)
{
  g_autoptr(PangoLayout) layout = NULL;
  DlgReportHeading heading = { 0 };
  g_autofree char *dest = g_strdup_printf ("h%u", ++doc->n_dests);
  g_autofree char *dest_attr = g_strdup_printf ("name='%s'", dest);
  double height;

  g_return_if_fail (level == 1 || level == 2);

  if (level == 1 && doc->y > MARGIN_TOP + 1)
    dlg_report_doc_new_page (doc);
  layout = new_layout (doc, level == 1 ? FONT_FAMILY " Bold 17" : FONT_FAMILY " Bold 12.5",
                       TEXT_WIDTH);
  pango_layout_set_height (layout, -3);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, title, -1);
  height = layout_height (layout);
  /* A heading keeps a few lines of what follows with it. */
  if (level == 2)
    doc->y += 8;
  ensure (doc, height + 60);

  heading.level = level;
  heading.title = g_strdup (title);
  heading.page = doc->page;
  g_array_append_val (doc->headings, heading);

  if (!doc->measure)
    {
      g_autofree char *link = g_strdup_printf ("dest='%s'", dest);
      int parent = level == 1 ? CAIRO_PDF_OUTLINE_ROOT : doc->outline[1];

      doc->outline[level] = cairo_pdf_surface_add_outline (doc->surface, parent, title, link,
                                                           level == 1
                                                           ? CAIRO_PDF_OUTLINE_FLAG_OPEN : 0);
      cairo_tag_begin (doc->cr, level == 1 ? "H1" : "H2", NULL);
      cairo_tag_begin (doc->cr, CAIRO_TAG_DEST, dest_attr);
      set_rgb (doc, 0.05, 0.2, 0.4);
      show_layout (doc, layout, MARGIN_X, doc->y);
      cairo_tag_end (doc->cr, CAIRO_TAG_DEST);
      cairo_tag_end (doc->cr, level == 1 ? "H1" : "H2");
    }
  doc->y += height + (level == 1 ? 12 : 6);
  if (level == 1 && !doc->measure)
    {
      cairo_set_line_width (doc->cr, 1);
      cairo_move_to (doc->cr, MARGIN_X, doc->y - 7);
      cairo_line_to (doc->cr, PAGE_WIDTH - MARGIN_X, doc->y - 7);
      cairo_stroke (doc->cr);
    }
}

void
dlg_report_doc_text (DlgReportDoc  *doc,
                     DlgReportText  style,
                     const char    *text)
{
  if (text == NULL || *text == '\0')
    return;
  /* A label keeps a few lines of what it introduces with it. */
  if (style == DLG_REPORT_TEXT_LABEL)
    {
      doc->y += 4;
      ensure (doc, 48);
    }
  if (!doc->measure)
    cairo_tag_begin (doc->cr, "P", NULL);
  flow_text (doc, style, text, MARGIN_X + styles[style].indent,
             TEXT_WIDTH - 2 * styles[style].indent);
  if (!doc->measure)
    cairo_tag_end (doc->cr, "P");
  doc->y += styles[style].space_after;
}

void
dlg_report_doc_field (DlgReportDoc *doc,
                      const char   *label,
                      const char   *value)
{
  g_autoptr(PangoLayout) label_layout = NULL;
  double label_width = TEXT_WIDTH * 0.36;

  if (value == NULL || *value == '\0')
    return;
  label_layout = new_layout (doc, styles[DLG_REPORT_TEXT_LABEL].font, label_width - 8);
  pango_layout_set_text (label_layout, label, -1);
  ensure (doc, MAX (layout_height (label_layout), 14));
  set_rgb (doc, 0.25, 0.25, 0.25);
  show_layout (doc, label_layout, MARGIN_X, doc->y);
  if (strlen (value) < 2000 && strchr (value, '\n') == NULL)
    {
      g_autoptr(PangoLayout) value_layout = new_layout (doc, styles[DLG_REPORT_TEXT_BODY].font,
                                                        TEXT_WIDTH - label_width);
      double top = doc->y;

      pango_layout_set_text (value_layout, value, -1);
      set_rgb (doc, 0.1, 0.1, 0.1);
      flow_layout (doc, value_layout, MARGIN_X + label_width);
      doc->y = MAX (doc->y, top + layout_height (label_layout)) + 3;
      return;
    }
  doc->y += layout_height (label_layout) + 2;
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, value);
}

/* Tables */

static PangoLayout *
cell_layout (DlgReportDoc *doc,
             const char   *font,
             double        width,
             const char   *text)
{
  const char *start = text != NULL ? text : "";
  gsize len = strlen (start);
  g_autofree char *valid = NULL;
  PangoLayout *layout;

  /* Four lines of a cell never need more than a few thousand bytes: cut at a character. */
  if (len > 4000)
    len = g_utf8_find_prev_char (start, start + 4000) - start;
  valid = g_utf8_make_valid (start, len);
  layout = new_layout (doc, font, width - 2 * CELL_PAD);

  pango_layout_set_height (layout, -4);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_text (layout, valid, -1);
  return layout;
}

static void
draw_row (DlgReportDoc  *doc,
          const char   **cells,
          gboolean       header)
{
  const char *font = header ? FONT_FAMILY " Bold 8.5" : FONT_FAMILY " 8.5";
  g_autoptr(GPtrArray) layouts = g_ptr_array_new_with_free_func (g_object_unref);
  double height = 0, x = MARGIN_X;

  for (guint i = 0; i < doc->n_columns; i++)
    {
      PangoLayout *layout = cell_layout (doc, font, doc->widths[i] * TEXT_WIDTH, cells[i]);

      g_ptr_array_add (layouts, layout);
      height = MAX (height, layout_height (layout));
    }
  height += 2 * CELL_PAD;
  if (doc->y + height > BOTTOM)
    {
      dlg_report_doc_new_page (doc);
      if (!header)
        draw_row (doc, (const char **) doc->header, TRUE);
    }
  if (!doc->measure)
    {
      if (header)
        {
          cairo_rectangle (doc->cr, MARGIN_X, doc->y, TEXT_WIDTH, height);
          set_rgb (doc, 0.88, 0.91, 0.95);
          cairo_fill (doc->cr);
        }
      set_rgb (doc, 0.75, 0.75, 0.75);
      cairo_set_line_width (doc->cr, 0.4);
      cairo_move_to (doc->cr, MARGIN_X, doc->y + height);
      cairo_line_to (doc->cr, MARGIN_X + TEXT_WIDTH, doc->y + height);
      cairo_stroke (doc->cr);
      set_rgb (doc, 0.1, 0.1, 0.1);
      for (guint i = 0; i < doc->n_columns; i++)
        {
          show_layout (doc, g_ptr_array_index (layouts, i), x + CELL_PAD, doc->y + CELL_PAD);
          x += doc->widths[i] * TEXT_WIDTH;
        }
    }
  doc->y += height;
}

void
dlg_report_doc_table_begin (DlgReportDoc  *doc,
                            guint          n_columns,
                            const double  *widths,
                            const char   **header)
{
  g_return_if_fail (doc->n_columns == 0);

  doc->n_columns = n_columns;
  doc->n_rows = 0;
  doc->widths = g_memdup2 (widths, n_columns * sizeof (double));
  doc->header = g_new0 (char *, n_columns + 1);
  for (guint i = 0; i < n_columns; i++)
    doc->header[i] = g_strdup (header[i]);
}

void
dlg_report_doc_table_row (DlgReportDoc  *doc,
                          const char   **cells)
{
  g_return_if_fail (doc->n_columns > 0);

  /* The header comes with the first row, and with a few rows after it. */
  if (doc->n_rows++ == 0)
    {
      ensure (doc, 60);
      draw_row (doc, (const char **) doc->header, TRUE);
    }
  draw_row (doc, cells, FALSE);
}

void
dlg_report_doc_table_end (DlgReportDoc *doc,
                          const char   *empty)
{
  gboolean had_rows = doc->n_rows > 0;

  doc->n_columns = 0;
  g_clear_pointer (&doc->widths, g_free);
  g_clear_pointer (&doc->header, g_strfreev);
  if (had_rows)
    doc->y += 10;
  else
    dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, empty);
}

/* Charts */

static void
chart_title (DlgReportDoc *doc,
             const char   *title,
             double        height)
{
  g_autoptr(PangoLayout) layout = new_line_layout (doc, FONT_FAMILY " Bold 9.5", TEXT_WIDTH,
                                                   title);

  doc->y += 6;
  ensure (doc, layout_height (layout) + height + 6);
  set_rgb (doc, 0.15, 0.15, 0.15);
  show_layout (doc, layout, MARGIN_X, doc->y);
  doc->y += layout_height (layout) + 4;
}

static char *
format_count (gint64 value)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, value);
}

void
dlg_report_doc_bar_chart (DlgReportDoc  *doc,
                          const char    *title,
                          guint          n,
                          const char   **labels,
                          const gint64  *values)
{
  const double row = 15, label_width = TEXT_WIDTH * 0.34, value_width = 60;
  const double bar_width = TEXT_WIDTH - label_width - value_width - 8;
  gint64 max = 1;

  for (guint i = 0; i < n; i++)
    max = MAX (max, values[i]);
  chart_title (doc, title, MIN (n, 6) * row);
  if (!doc->measure)
    cairo_tag_begin (doc->cr, "Figure", NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(PangoLayout) label = NULL;
      g_autoptr(PangoLayout) value = NULL;
      g_autofree char *count = format_count (values[i]);
      double w = bar_width * (double) values[i] / (double) max;

      ensure (doc, row);
      label = new_line_layout (doc, FONT_FAMILY " 8.5", label_width - 6, labels[i]);
      value = new_line_layout (doc, FONT_FAMILY " 8.5", value_width, count);
      set_rgb (doc, 0.2, 0.2, 0.2);
      show_layout (doc, label, MARGIN_X, doc->y + 1);
      if (!doc->measure)
        {
          cairo_rectangle (doc->cr, MARGIN_X + label_width, doc->y + 2, MAX (w, 0.5), row - 4);
          set_rgb (doc, bar_rgb[0], bar_rgb[1], bar_rgb[2]);
          cairo_fill (doc->cr);
        }
      set_rgb (doc, 0.2, 0.2, 0.2);
      show_layout (doc, value, MARGIN_X + label_width + w + 4, doc->y + 1);
      doc->y += row;
    }
  if (!doc->measure)
    cairo_tag_end (doc->cr, "Figure");
  doc->y += 10;
}

void
dlg_report_doc_column_chart (DlgReportDoc  *doc,
                             const char    *title,
                             guint          n,
                             const char   **labels,
                             const gint64  *values)
{
  const double height = 150, axis = 58, top = 14;
  double column, x0 = MARGIN_X + 40;
  guint every;
  gint64 max = 1;

  if (n == 0)
    return;
  for (guint i = 0; i < n; i++)
    max = MAX (max, values[i]);
  chart_title (doc, title, height + axis);
  column = (TEXT_WIDTH - 40) / n;
  every = (guint) ceil (40.0 / column);
  if (!doc->measure)
    {
      g_autofree char *max_text = format_count (max);
      g_autoptr(PangoLayout) max_layout = new_line_layout (doc, FONT_FAMILY " 7.5", 36,
                                                           max_text);

      cairo_tag_begin (doc->cr, "Figure", NULL);
      pango_layout_set_alignment (max_layout, PANGO_ALIGN_RIGHT);
      set_rgb (doc, 0.3, 0.3, 0.3);
      show_layout (doc, max_layout, MARGIN_X, doc->y + top - 5);
      cairo_set_line_width (doc->cr, 0.4);
      cairo_move_to (doc->cr, x0, doc->y + top);
      cairo_line_to (doc->cr, MARGIN_X + TEXT_WIDTH, doc->y + top);
      cairo_move_to (doc->cr, x0, doc->y + top + height);
      cairo_line_to (doc->cr, MARGIN_X + TEXT_WIDTH, doc->y + top + height);
      set_rgb (doc, 0.7, 0.7, 0.7);
      cairo_stroke (doc->cr);
      for (guint i = 0; i < n; i++)
        {
          double h = height * (double) values[i] / (double) max;

          cairo_rectangle (doc->cr, x0 + i * column + column * 0.1, doc->y + top + height - h,
                           column * 0.8, h);
          set_rgb (doc, bar_rgb[0], bar_rgb[1], bar_rgb[2]);
          cairo_fill (doc->cr);
          if (i % every == 0)
            {
              g_autoptr(PangoLayout) label = new_line_layout (doc, FONT_FAMILY " 7", axis - 4,
                                                              labels[i]);

              set_rgb (doc, 0.3, 0.3, 0.3);
              cairo_save (doc->cr);
              cairo_move_to (doc->cr, x0 + i * column + column * 0.5 - 5,
                             doc->y + top + height + 4 + layout_width (label));
              cairo_rotate (doc->cr, -G_PI / 2);
              pango_cairo_show_layout (doc->cr, label);
              cairo_restore (doc->cr);
            }
        }
      cairo_tag_end (doc->cr, "Figure");
    }
  doc->y += top + height + axis + 8;
}

void
dlg_report_doc_grid_chart (DlgReportDoc  *doc,
                           const char    *title,
                           guint          n_rows,
                           guint          n_cols,
                           const gint64  *counts,
                           const char    *caption)
{
  double cell = MIN (TEXT_WIDTH / n_cols, 300.0 / n_rows);
  double x0 = MARGIN_X + (TEXT_WIDTH - cell * n_cols) / 2;
  gint64 max = 1;

  for (guint i = 0; i < n_rows * n_cols; i++)
    max = MAX (max, counts[i]);
  chart_title (doc, title, cell * n_rows + 20);
  if (!doc->measure)
    {
      cairo_tag_begin (doc->cr, "Figure", NULL);
      for (guint r = 0; r < n_rows; r++)
        for (guint c = 0; c < n_cols; c++)
          {
            gint64 count = counts[r * n_cols + c];
            double share = count > 0 ? 0.15 + 0.85 * sqrt ((double) count / (double) max) : 0;
            double x = x0 + c * cell, y = doc->y + r * cell;

            cairo_rectangle (doc->cr, x, y, cell, cell);
            cairo_set_source_rgb (doc->cr, 1 - share * (1 - bar_rgb[0]),
                                  1 - share * (1 - bar_rgb[1]), 1 - share * (1 - bar_rgb[2]));
            cairo_fill_preserve (doc->cr);
            set_rgb (doc, 0.85, 0.85, 0.85);
            cairo_set_line_width (doc->cr, 0.3);
            cairo_stroke (doc->cr);
            if (count > 0 && cell >= 22)
              {
                g_autofree char *text = format_count (count);
                g_autoptr(PangoLayout) layout = new_line_layout (doc, FONT_FAMILY " 6.5", cell,
                                                                 text);

                pango_layout_set_alignment (layout, PANGO_ALIGN_CENTER);
                if (share > 0.55)
                  set_rgb (doc, 1, 1, 1);
                else
                  set_rgb (doc, 0.1, 0.1, 0.1);
                show_layout (doc, layout, x, y + cell / 2 - 5);
              }
          }
      cairo_tag_end (doc->cr, "Figure");
    }
  doc->y += cell * n_rows + 4;
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_SMALL, caption);
  doc->y += 6;
}

void
dlg_report_doc_progress (DlgReportDoc *doc,
                         int           percent)
{
  g_autofree char *text = g_strdup_printf ("%d %%", CLAMP (percent, 0, 100));
  g_autoptr(PangoLayout) layout = new_line_layout (doc, FONT_FAMILY " 8.5", 60, text);
  const double width = 200;

  ensure (doc, 14);
  if (!doc->measure)
    {
      cairo_rectangle (doc->cr, MARGIN_X, doc->y + 3, width, 8);
      set_rgb (doc, 0.88, 0.9, 0.93);
      cairo_fill (doc->cr);
      cairo_rectangle (doc->cr, MARGIN_X, doc->y + 3, width * CLAMP (percent, 0, 100) / 100.0, 8);
      set_rgb (doc, 0.2, 0.55, 0.3);
      cairo_fill (doc->cr);
    }
  set_rgb (doc, 0.2, 0.2, 0.2);
  show_layout (doc, layout, MARGIN_X + width + 8, doc->y);
  doc->y += 16;
}

void
dlg_report_doc_cover (DlgReportDoc *doc,
                      const char   *kicker,
                      const char   *title,
                      const char   *summary,
                      const char   *meta)
{
  if (!doc->measure)
    {
      cairo_rectangle (doc->cr, 0, 0, PAGE_WIDTH, 14);
      set_rgb (doc, bar_rgb[0], bar_rgb[1], bar_rgb[2]);
      cairo_fill (doc->cr);
    }
  doc->y = 200;
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_SUBTITLE, kicker);
  if (!doc->measure)
    cairo_tag_begin (doc->cr, "H", NULL);
  {
    g_autoptr(PangoLayout) layout = new_layout (doc, styles[DLG_REPORT_TEXT_TITLE].font,
                                                TEXT_WIDTH);

    /* A title of any length stays on the cover. */
    pango_layout_set_height (layout, -6);
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    pango_layout_set_text (layout, title, -1);
    set_rgb (doc, 0.05, 0.2, 0.4);
    show_layout (doc, layout, MARGIN_X, doc->y);
    doc->y += layout_height (layout) + 16;
  }
  if (!doc->measure)
    cairo_tag_end (doc->cr, "H");
  {
    g_autoptr(PangoLayout) layout = new_layout (doc, styles[DLG_REPORT_TEXT_BODY].font,
                                                TEXT_WIDTH);

    pango_layout_set_height (layout, -12);
    pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    pango_layout_set_text (layout, summary != NULL ? summary : "", -1);
    set_rgb (doc, 0.2, 0.2, 0.2);
    show_layout (doc, layout, MARGIN_X, doc->y);
    doc->y += layout_height (layout) + 30;
  }
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_SMALL, meta);
}

int
dlg_report_toc_n_pages (guint n_headings)
{
  int first = (int) ((BOTTOM - MARGIN_TOP - TOC_TITLE) / TOC_LINE);
  int next = (int) ((BOTTOM - MARGIN_TOP) / TOC_LINE);

  if ((int) n_headings <= first)
    return 1;
  return 1 + ((int) n_headings - first + next - 1) / next;
}

void
dlg_report_doc_toc (DlgReportDoc *doc,
                    const char   *title,
                    GArray       *headings,
                    int           body_first)
{
  g_autoptr(PangoLayout) title_layout = new_line_layout (doc, FONT_FAMILY " Bold 17",
                                                         TEXT_WIDTH, title);

  set_rgb (doc, 0.05, 0.2, 0.4);
  show_layout (doc, title_layout, MARGIN_X, doc->y);
  doc->y = MARGIN_TOP + TOC_TITLE;
  for (guint i = 0; i < headings->len; i++)
    {
      const DlgReportHeading *heading = &g_array_index (headings, DlgReportHeading, i);
      double indent = heading->level == 1 ? 0 : 18;
      g_autofree char *page = g_strdup_printf ("%d", heading->page + body_first - 1);
      g_autofree char *link = g_strdup_printf ("dest='h%u'", i + 1);
      g_autoptr(PangoLayout) text = NULL;
      g_autoptr(PangoLayout) number = NULL;

      if (doc->y + TOC_LINE > BOTTOM)
        {
          dlg_report_doc_new_page (doc);
        }
      text = new_line_layout (doc, heading->level == 1 ? FONT_FAMILY " Bold 10"
                                                       : FONT_FAMILY " 9.5",
                              TEXT_WIDTH - indent - 50, heading->title);
      number = new_line_layout (doc, FONT_FAMILY " 9.5", 40, page);
      pango_layout_set_alignment (number, PANGO_ALIGN_RIGHT);
      if (!doc->measure)
        cairo_tag_begin (doc->cr, CAIRO_TAG_LINK, link);
      set_rgb (doc, 0.1, 0.1, 0.1);
      show_layout (doc, text, MARGIN_X + indent, doc->y);
      show_layout (doc, number, MARGIN_X + TEXT_WIDTH - 40, doc->y);
      if (!doc->measure)
        {
          double end = MARGIN_X + indent + layout_width (text) + 4;

          cairo_tag_end (doc->cr, CAIRO_TAG_LINK);
          /* dot leaders */
          set_rgb (doc, 0.6, 0.6, 0.6);
          for (double x = end; x < MARGIN_X + TEXT_WIDTH - 44; x += 4)
            {
              cairo_rectangle (doc->cr, x, doc->y + 10, 0.8, 0.8);
            }
          cairo_fill (doc->cr);
        }
      doc->y += TOC_LINE;
    }
}
