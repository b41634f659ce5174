/* dlg-synthesis-chart.c — a bar chart of the synthesis: counts by channel, feature, week, area
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Categories (channels, features, areas) are horizontal bars, one a line, the label on the left
 * (cut with an ellipsis when long: an area is user text, laid out as plain text, never markup)
 * and the count at the end of the bar. Weeks are columns in time order, empty weeks included,
 * with a date under every few columns so that they never overlap. The figures are also the
 * accessible label and the tooltip (dlg_synthesis_chart_dup_summary).
 */

#define G_LOG_DOMAIN "dlg-synthesis-chart"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-synthesis.h"
#include "dlg-synthesis-chart.h"

#define ROW_HEIGHT     22.0
#define LABEL_SHARE    0.38
#define PAD            6.0
#define COLUMN_HEIGHT  150.0
#define AXIS_HEIGHT    20.0

typedef struct
{
  char  *label;
  guint  count;
} Bar;

struct _DlgSynthesisChart
{
  GtkWidget  parent_instance;

  char      *title;
  GArray    *bars;      /* Bar */
  gboolean   vertical;
  GdkRGBA    colour;
  gboolean   has_colour;
};

G_DEFINE_FINAL_TYPE (DlgSynthesisChart, dlg_synthesis_chart, GTK_TYPE_WIDGET)

static void
clear_bar (gpointer data)
{
  g_free (((Bar *) data)->label);
}

static guint
highest (DlgSynthesisChart *self)
{
  guint max = 0;

  for (guint i = 0; i < self->bars->len; i++)
    max = MAX (max, g_array_index (self->bars, Bar, i).count);
  return max;
}

/* Plain text (never markup) at (x, y) aligned by @xalign, cut to @max_width when > 0. */
static void
show_text (DlgSynthesisChart *self,
           cairo_t           *cr,
           const char        *text,
           double             x,
           double             y,
           double             xalign,
           double             max_width,
           gboolean           small)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  int width, height;

  pango_layout_set_text (layout, text, -1);
  pango_layout_set_single_paragraph_mode (layout, TRUE);
  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  if (max_width > 0)
    {
      pango_layout_set_width (layout, (int) (max_width * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
    }
  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - xalign * width, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
draw_rows (DlgSynthesisChart *self,
           cairo_t           *cr,
           int                width,
           const GdkRGBA     *fg)
{
  double label_w = MAX (60.0, width * LABEL_SHARE);
  double count_w = 48.0;
  double bar_x = label_w + PAD;
  double bar_max = MAX (10.0, width - bar_x - count_w);
  guint max = MAX (highest (self), 1);

  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      double y = i * ROW_HEIGHT;
      double w = bar_max * bar->count / max;
      g_autofree char *count = g_strdup_printf ("%u", bar->count);

      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 1.0);
      show_text (self, cr, bar->label, 0, y + ROW_HEIGHT / 2, 0, label_w, FALSE);
      gdk_cairo_set_source_rgba (cr, &self->colour);
      cairo_rectangle (cr, bar_x, y + 4, MAX (w, bar->count > 0 ? 2.0 : 0.0), ROW_HEIGHT - 8);
      cairo_fill (cr);
      cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8);
      show_text (self, cr, count, bar_x + w + 4, y + ROW_HEIGHT / 2, 0, 0, TRUE);
    }
}

static void
draw_columns (DlgSynthesisChart *self,
              cairo_t           *cr,
              int                width,
              const GdkRGBA     *fg)
{
  guint n = self->bars->len;
  double plot_top = 14.0;
  double plot_h = COLUMN_HEIGHT - plot_top;
  double col_w = (double) width / MAX (n, 1);
  guint max = MAX (highest (self), 1);
  /* A date every few columns, about 48 px apart. */
  guint every = MAX (1, (guint) (48.0 / MAX (col_w, 1.0) + 0.999));

  cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.25);
  cairo_rectangle (cr, 0, COLUMN_HEIGHT, width, 1);
  cairo_fill (cr);
  for (guint i = 0; i < n; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);
      double h = plot_h * bar->count / max;
      double x = i * col_w;

      gdk_cairo_set_source_rgba (cr, &self->colour);
      cairo_rectangle (cr, x + MIN (2.0, col_w * 0.15), COLUMN_HEIGHT - h,
                       MAX (1.0, col_w - 2 * MIN (2.0, col_w * 0.15)), h);
      cairo_fill (cr);
      if (bar->count == max)
        {
          g_autofree char *count = g_strdup_printf ("%u", bar->count);

          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.8);
          show_text (self, cr, count, CLAMP (x + col_w / 2, 10, width - 10),
                     COLUMN_HEIGHT - h - 8, 0.5, 0, TRUE);
        }
      if (i % every == 0)
        {
          cairo_set_source_rgba (cr, fg->red, fg->green, fg->blue, 0.7);
          show_text (self, cr, bar->label, MIN (x, width - 40.0), COLUMN_HEIGHT + AXIS_HEIGHT / 2,
                     0, 0, TRUE);
        }
    }
}

static void
dlg_synthesis_chart_snapshot (GtkWidget   *widget,
                              GtkSnapshot *snapshot)
{
  DlgSynthesisChart *self = DLG_SYNTHESIS_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  if (width < 20 || height < 10)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (!self->has_colour
      && !gtk_style_context_lookup_color (gtk_widget_get_style_context (widget), "accent_color",
                                          &self->colour))
    gdk_rgba_parse (&self->colour, "#1c71d8");
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  if (self->bars->len == 0)
    {
      cairo_set_source_rgba (cr, fg.red, fg.green, fg.blue, 0.55);
      show_text (self, cr, _("No contribution"), width / 2.0, height / 2.0, 0.5, 0, FALSE);
    }
  else if (self->vertical)
    draw_columns (self, cr, width, &fg);
  else
    draw_rows (self, cr, width, &fg);
  cairo_destroy (cr);
}

static void
dlg_synthesis_chart_measure (GtkWidget      *widget,
                             GtkOrientation  orientation,
                             int             for_size,
                             int            *minimum,
                             int            *natural,
                             int            *minimum_baseline,
                             int            *natural_baseline)
{
  DlgSynthesisChart *self = DLG_SYNTHESIS_CHART (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 200;
      *natural = 320;
    }
  else
    {
      *minimum = *natural = self->vertical || self->bars->len == 0
        ? (int) (COLUMN_HEIGHT + AXIS_HEIGHT + 4)
        : (int) (self->bars->len * ROW_HEIGHT + 2);
    }
}

static void
dlg_synthesis_chart_finalize (GObject *object)
{
  DlgSynthesisChart *self = DLG_SYNTHESIS_CHART (object);

  g_array_unref (self->bars);
  g_free (self->title);

  G_OBJECT_CLASS (dlg_synthesis_chart_parent_class)->finalize (object);
}

static void
dlg_synthesis_chart_class_init (DlgSynthesisChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dlg_synthesis_chart_finalize;
  widget_class->snapshot = dlg_synthesis_chart_snapshot;
  widget_class->measure = dlg_synthesis_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dlg_synthesis_chart_init (DlgSynthesisChart *self)
{
  self->bars = g_array_new (FALSE, TRUE, sizeof (Bar));
  g_array_set_clear_func (self->bars, clear_bar);
}

GtkWidget *
dlg_synthesis_chart_new (void)
{
  return g_object_new (DLG_TYPE_SYNTHESIS_CHART, NULL);
}

/**
 * dlg_synthesis_chart_set_bars:
 * @title: what the chart counts ("By channel"), the start of its accessible label
 * @bars: (element-type DlgSynthesisBar): the counts, in the order to draw them
 * @vertical: columns (weeks, in time order) rather than one bar a line
 */
void
dlg_synthesis_chart_set_bars (DlgSynthesisChart *self,
                              const char        *title,
                              GPtrArray         *bars,
                              gboolean           vertical)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (DLG_IS_SYNTHESIS_CHART (self));

  g_free (self->title);
  self->title = g_strdup (title);
  g_array_set_size (self->bars, 0);
  for (guint i = 0; bars != NULL && i < bars->len; i++)
    {
      DlgSynthesisBar *source = g_ptr_array_index (bars, i);
      Bar bar = { g_strdup (source->label), source->count };

      g_array_append_val (self->bars, bar);
    }
  self->vertical = vertical;
  summary = dlg_synthesis_chart_dup_summary (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), summary);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

/**
 * dlg_synthesis_chart_set_colour:
 * @colour: (nullable): #rrggbb (a theme's), or %NULL for the accent colour
 */
void
dlg_synthesis_chart_set_colour (DlgSynthesisChart *self,
                                const char        *colour)
{
  g_return_if_fail (DLG_IS_SYNTHESIS_CHART (self));

  self->has_colour = colour != NULL && *colour != '\0' && gdk_rgba_parse (&self->colour, colour);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * dlg_synthesis_chart_dup_summary:
 *
 * Returns: (transfer full): the chart in words: "By channel: Online 4, In person 1."
 */
char *
dlg_synthesis_chart_dup_summary (DlgSynthesisChart *self)
{
  GString *text;

  g_return_val_if_fail (DLG_IS_SYNTHESIS_CHART (self), NULL);

  text = g_string_new (self->title != NULL ? self->title : "");
  g_string_append (text, ": ");
  if (self->bars->len == 0)
    g_string_append (text, _("no contribution"));
  for (guint i = 0; i < self->bars->len; i++)
    {
      Bar *bar = &g_array_index (self->bars, Bar, i);

      /* TRANSLATORS: one bar of a chart in its accessible label: "Online 4" */
      g_string_append_printf (text, i > 0 ? _(", %s %u") : _("%s %u"), bar->label, bar->count);
    }
  g_string_append_c (text, '.');
  return g_string_free (text, FALSE);
}

guint
dlg_synthesis_chart_get_n_bars (DlgSynthesisChart *self)
{
  g_return_val_if_fail (DLG_IS_SYNTHESIS_CHART (self), 0);

  return self->bars->len;
}
