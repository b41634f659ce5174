/* dlg-probability-chart.c — every volunteer's selection probability, sorted, at a glance
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One bar per volunteer, from the lowest probability to the highest, with the uniform share
 * k/n (what every volunteer would get if there were no quota) as a dashed line, and the lowest
 * and highest probabilities written out. A fair draw shows a flat chart close to the line; a
 * draw that leaves some volunteers almost no chance shows bars near zero on the left. The same
 * figures are the accessible label.
 */

#define G_LOG_DOMAIN "dlg-probability-chart"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dlg-probability-chart.h"

#define MARGIN_LEFT   52.0
#define MARGIN_RIGHT  12.0
#define MARGIN_TOP    24.0
#define MARGIN_BOTTOM 22.0
#define N_TICKS       4

struct _DlgProbabilityChart
{
  GtkWidget  parent_instance;

  GArray    *values;   /* double, sorted ascending */
  guint      panel_size;
};

G_DEFINE_FINAL_TYPE (DlgProbabilityChart, dlg_probability_chart, GTK_TYPE_WIDGET)

static int
compare_double (gconstpointer a,
                gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
uniform_share (DlgProbabilityChart *self)
{
  return self->values->len > 0 ? (double) self->panel_size / self->values->len : 0.0;
}

/**
 * dlg_probability_chart_dup_summary:
 * @self: a #DlgProbabilityChart
 *
 * Returns: (transfer full): the figures of the chart in a sentence (its accessible label)
 */
char *
dlg_probability_chart_dup_summary (DlgProbabilityChart *self)
{
  guint n;

  g_return_val_if_fail (DLG_IS_PROBABILITY_CHART (self), NULL);

  n = self->values->len;
  if (n == 0)
    return g_strdup (_("Selection probabilities: no draw yet."));
  return g_strdup_printf (_("Selection probabilities of the %u volunteers, sorted: lowest "
                            "%.1f %%, highest %.1f %%; a uniform draw would give everyone "
                            "%u in %u, %.1f %%."),
                          n, 100.0 * g_array_index (self->values, double, 0),
                          100.0 * g_array_index (self->values, double, n - 1),
                          self->panel_size, n, 100.0 * uniform_share (self));
}

/**
 * dlg_probability_chart_set_probabilities:
 * @self: a #DlgProbabilityChart
 * @probabilities: (array length=n_people) (nullable): every volunteer's probability, any order
 * @n_people: the number of volunteers
 * @panel_size: the number drawn (for the uniform line k/n)
 */
void
dlg_probability_chart_set_probabilities (DlgProbabilityChart *self,
                                         const double        *probabilities,
                                         guint                n_people,
                                         guint                panel_size)
{
  g_autofree char *summary = NULL;

  g_return_if_fail (DLG_IS_PROBABILITY_CHART (self));

  g_array_set_size (self->values, 0);
  if (probabilities != NULL)
    g_array_append_vals (self->values, probabilities, n_people);
  g_array_sort (self->values, compare_double);
  self->panel_size = panel_size;
  summary = dlg_probability_chart_dup_summary (self);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), summary);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/**
 * dlg_probability_chart_get_values:
 * @self: a #DlgProbabilityChart
 * @n_values: (out): the number of values
 *
 * Returns: (array length=n_values) (transfer none): the probabilities shown, sorted ascending
 */
const double *
dlg_probability_chart_get_values (DlgProbabilityChart *self,
                                  guint               *n_values)
{
  g_return_val_if_fail (DLG_IS_PROBABILITY_CHART (self), NULL);

  *n_values = self->values->len;
  return (const double *) (gpointer) self->values->data;
}

static void
show_text_full (DlgProbabilityChart *self,
                cairo_t             *cr,
                const char          *text,
                double               x,
                double               y,
                double               xalign,
                gboolean             bold,
                const GdkRGBA       *background)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), NULL);
  PangoAttrList *attrs = pango_attr_list_new ();
  int width, height;

  /* Plain text, never markup. */
  pango_layout_set_text (layout, text, -1);
  pango_attr_list_insert (attrs, pango_attr_scale_new (PANGO_SCALE_SMALL));
  if (bold)
    pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  pango_layout_get_pixel_size (layout, &width, &height);
  if (background != NULL)
    {
      /* A plate under the text, so that it reads over the bars. */
      cairo_save (cr);
      cairo_set_source_rgba (cr, background->red, background->green, background->blue, 0.85);
      cairo_rectangle (cr, x - xalign * width - 3, y - height / 2.0 - 1, width + 6, height + 2);
      cairo_fill (cr);
      cairo_restore (cr);
    }
  cairo_move_to (cr, x - xalign * width, y - height / 2.0);
  pango_cairo_show_layout (cr, layout);
}

static void
show_text (DlgProbabilityChart *self,
           cairo_t             *cr,
           const char          *text,
           double               x,
           double               y,
           double               xalign,
           gboolean             bold)
{
  show_text_full (self, cr, text, x, y, xalign, bold, NULL);
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

/**
 * dlg_probability_chart_scale:
 * @highest: the highest value to show, 0 to 1
 * @step: (out) (optional): the value between two grid lines
 *
 * The chart's scale: four steps of a round size (0.5, 1, 2, 5, 10, 20 or 25 %) that reach above @highest with room for its label, so that the axis reads 0, 5, 10,
 * 15, 20 % or 0, 25, 50, 75, 100 %, never 7.5 or 13 %.
 *
 * Returns: the top of the scale, at most 1
 */
double
dlg_probability_chart_scale (double  highest,
                             double *step)
{
  static const double steps[] = { 0.005, 0.01, 0.02, 0.05, 0.1, 0.2, 0.25 };
  double need = MIN (MAX (highest, 0.01) * 1.1, 1.0);
  double chosen = steps[G_N_ELEMENTS (steps) - 1];

  for (guint i = 0; i < G_N_ELEMENTS (steps); i++)
    if (steps[i] * N_TICKS >= need - 1e-9)
      {
        chosen = steps[i];
        break;
      }
  if (step != NULL)
    *step = chosen;
  return MIN (chosen * N_TICKS, 1.0);
}

static void
dlg_probability_chart_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  DlgProbabilityChart *self = DLG_PROBABILITY_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  GtkStyleContext *style = gtk_widget_get_style_context (widget);
  G_GNUC_END_IGNORE_DEPRECATIONS
  GdkRGBA fg, accent, warning, background;
  cairo_t *cr;
  double plot_w = width - MARGIN_LEFT - MARGIN_RIGHT;
  double plot_h = height - MARGIN_TOP - MARGIN_BOTTOM;
  double top, step, uniform, bar_w, min, max;
  guint n = self->values->len;

  if (plot_w <= 10 || plot_h <= 10)
    return;
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (style, &fg);
  if (!gtk_style_context_lookup_color (style, "accent_color", &accent))
    gdk_rgba_parse (&accent, "#1c71d8");
  if (!gtk_style_context_lookup_color (style, "warning_color", &warning))
    gdk_rgba_parse (&warning, "#c64600");
  if (!gtk_style_context_lookup_color (style, "card_bg_color", &background))
    gdk_rgba_parse (&background, "#ffffff");
  background.alpha = 1.0;
  G_GNUC_END_IGNORE_DEPRECATIONS

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1.0);

  if (n == 0)
    {
      set_color (cr, &fg, 0.55);
      show_text (self, cr, _("The chart of the selection probabilities appears after a draw."),
                 width / 2.0, height / 2.0, 0.5, FALSE);
      cairo_destroy (cr);
      return;
    }

  min = g_array_index (self->values, double, 0);
  max = g_array_index (self->values, double, n - 1);
  uniform = uniform_share (self);
  top = dlg_probability_chart_scale (MAX (max, uniform), &step);

#define Y(p) (MARGIN_TOP + plot_h * (1.0 - (p) / top))

  /* Grid and axis labels. */
  for (int i = 0; i <= N_TICKS; i++)
    {
      double p = top * i / N_TICKS;
      g_autofree char *label = g_strdup_printf (_("%.*f %%"), step < 0.01 ? 1 : 0, 100.0 * p);

      set_color (cr, &fg, i == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, MARGIN_LEFT, round (Y (p)) + 0.5);
      cairo_line_to (cr, MARGIN_LEFT + plot_w, round (Y (p)) + 0.5);
      cairo_stroke (cr);
      set_color (cr, &fg, 0.6);
      show_text (self, cr, label, MARGIN_LEFT - 6, Y (p), 1.0, FALSE);
    }

  /* The bars, lowest first; those below half the uniform share in the warning colour. */
  bar_w = plot_w / n;
  for (guint i = 0; i < n; i++)
    {
      double p = g_array_index (self->values, double, i);
      double x = MARGIN_LEFT + i * bar_w;
      double gap = bar_w > 4 ? 1.0 : 0.0;

      set_color (cr, p < uniform / 2 ? &warning : &accent, 0.85);
      cairo_rectangle (cr, x + gap / 2, Y (p), MAX (bar_w - gap, 0.5), Y (0) - Y (p));
      cairo_fill (cr);
    }

  /* The uniform share k/n, dashed. */
  {
    static const double dashes[] = { 5.0, 4.0 };
    g_autofree char *label = g_strdup_printf (_("uniform %u/%u = %.1f %%"), self->panel_size, n,
                                              100.0 * uniform);

    set_color (cr, &fg, 0.8);
    cairo_set_line_width (cr, 1.5);
    cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
    cairo_move_to (cr, MARGIN_LEFT, Y (uniform));
    cairo_line_to (cr, MARGIN_LEFT + plot_w, Y (uniform));
    cairo_stroke (cr);
    cairo_set_dash (cr, NULL, 0, 0);
    show_text_full (self, cr, label, MARGIN_LEFT + plot_w / 2, Y (uniform) - 9, 0.5, FALSE,
                    &background);
  }

  /* The lowest and highest probabilities, written above their bars. */
  {
    g_autofree char *low = g_strdup_printf (_("lowest %.1f %%"), 100.0 * min);
    g_autofree char *high = g_strdup_printf (_("highest %.1f %%"), 100.0 * max);

    set_color (cr, &fg, 1.0);
    show_text_full (self, cr, low, MARGIN_LEFT + 4, MIN (Y (min) - 10, Y (0) - 10), 0.0, TRUE,
                    &background);
    show_text_full (self, cr, high, MARGIN_LEFT + plot_w - 4,
                    MAX (Y (max) - 10, MARGIN_TOP - 12), 1.0, TRUE, &background);
  }

  /* The axis: volunteers, sorted. */
  {
    g_autofree char *label = g_strdup_printf (_("%u volunteers, from the lowest probability to "
                                                "the highest"), n);

    set_color (cr, &fg, 0.6);
    show_text (self, cr, label, MARGIN_LEFT + plot_w / 2, height - MARGIN_BOTTOM / 2.0, 0.5,
               FALSE);
  }
#undef Y
  cairo_destroy (cr);
}

static void
dlg_probability_chart_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 600;
    }
  else
    {
      *minimum = 160;
      *natural = 200;
    }
}

static void
dlg_probability_chart_finalize (GObject *object)
{
  DlgProbabilityChart *self = (DlgProbabilityChart *)object;

  g_clear_pointer (&self->values, g_array_unref);
  G_OBJECT_CLASS (dlg_probability_chart_parent_class)->finalize (object);
}

static void
dlg_probability_chart_class_init (DlgProbabilityChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = dlg_probability_chart_finalize;
  widget_class->snapshot = dlg_probability_chart_snapshot;
  widget_class->measure = dlg_probability_chart_measure;
  gtk_widget_class_set_css_name (widget_class, "probability-chart");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dlg_probability_chart_init (DlgProbabilityChart *self)
{
  self->values = g_array_new (FALSE, FALSE, sizeof (double));
  dlg_probability_chart_set_probabilities (self, NULL, 0, 0);
}

GtkWidget *
dlg_probability_chart_new (void)
{
  return g_object_new (DLG_TYPE_PROBABILITY_CHART, NULL);
}
