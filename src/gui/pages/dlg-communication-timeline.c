/* dlg-communication-timeline.c — the communication plan against the stage dates, drawn
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One lane per stage that has dates or items: the stage's period as a band (from its start to
 * its end, or to today while it is in progress), each dated item as a marker on its date
 * (filled when done or planned, hollow for an idea, crossed when cancelled), a line for today
 * and the first day of each month along the top. Items of no stage have a lane of their own,
 * last. Undated items are not drawn (the summary counts them). Drawn with cairo in a
 * GtkDrawingArea; the accessible label and tooltip are dlg_communication_timeline_dup_summary.
 */

#define G_LOG_DOMAIN "dlg-communication-timeline"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "dlg-communication-timeline.h"

#define LANE_HEIGHT   26
#define TOP_MARGIN    22
#define LABEL_WIDTH   170
#define RIGHT_MARGIN  16
#define DAY_SECONDS   86400.0

typedef struct
{
  double  start;        /* days since the epoch; NAN when none */
  double  end;
  int     lane;         /* -1: not shown */
  char   *label;
} Lane;

typedef struct
{
  double  day;
  int     lane;
  char   *status;
  char   *title;
} Marker;

struct _DlgCommunicationTimeline
{
  GtkDrawingArea  parent_instance;

  Lane            lanes[DLG_N_STAGES + 1];   /* the last: items of no stage */
  GArray         *markers;
  guint           n_lanes;
  guint           n_undated;
  double          first;
  double          last;
  double          today;
};

G_DEFINE_FINAL_TYPE (DlgCommunicationTimeline, dlg_communication_timeline,
                     GTK_TYPE_DRAWING_AREA)

/* Days since the epoch of an ISO 8601 date or date-time (local midnight for a date); NAN. */
static double
parse_day (const char *text)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) local = NULL;
  g_autofree char *with_time = NULL;

  if (text == NULL || *text == '\0')
    return NAN;
  local = g_time_zone_new_local ();
  if (strlen (text) == 10)
    text = with_time = g_strconcat (text, "T00:00:00", NULL);
  when = g_date_time_new_from_iso8601 (text, local);
  if (when == NULL)
    return NAN;
  return (double) g_date_time_to_unix (when) / DAY_SECONDS;
}

static void
marker_clear (gpointer data)
{
  Marker *marker = data;

  g_free (marker->status);
  g_free (marker->title);
}

static double
x_of (DlgCommunicationTimeline *self,
      double                    day,
      int                       width)
{
  double span = MAX (self->last - self->first, 1.0);

  return LABEL_WIDTH + (day - self->first) / span * (width - LABEL_WIDTH - RIGHT_MARGIN);
}

static void
set_color (cairo_t       *cr,
           const GdkRGBA *color,
           double         alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
draw_text (cairo_t     *cr,
           GtkWidget   *widget,
           const char  *text,
           double       x,
           double       y,
           int          max_width,
           gboolean     small)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text);

  if (small)
    {
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_scale_new (0.8));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
    }
  pango_layout_set_width (layout, max_width * PANGO_SCALE);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  cairo_move_to (cr, x, y);
  pango_cairo_show_layout (cr, layout);
  g_object_unref (layout);
}

static void
draw_months (DlgCommunicationTimeline *self,
             cairo_t                  *cr,
             GtkWidget                *widget,
             int                       width,
             int                       height,
             const GdkRGBA            *fg)
{
  g_autoptr(GDateTime) start = g_date_time_new_from_unix_local ((gint64) (self->first
                                                                          * DAY_SECONDS));
  g_autoptr(GDateTime) month = g_date_time_new_local (g_date_time_get_year (start),
                                                      g_date_time_get_month (start), 1, 0, 0, 0);
  double previous_x = -1000;

  for (int i = 0; i < 240; i++)
    {
      g_autoptr(GDateTime) next = g_date_time_add_months (month, 1);
      double day = (double) g_date_time_to_unix (month) / DAY_SECONDS;
      double x;

      if (day > self->last)
        break;
      if (day >= self->first)
        {
          x = x_of (self, day, width);
          set_color (cr, fg, 0.15);
          cairo_rectangle (cr, floor (x), TOP_MARGIN - 4, 1, height - TOP_MARGIN + 4);
          cairo_fill (cr);
          if (x - previous_x > 48)
            {
              g_autofree char *label = g_date_time_format (month, "%b %Y");

              set_color (cr, fg, 0.6);
              draw_text (cr, widget, label, x + 3, 2, 80, TRUE);
              previous_x = x;
            }
        }
      g_clear_pointer (&month, g_date_time_unref);
      month = g_steal_pointer (&next);
    }
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  DlgCommunicationTimeline *self = DLG_COMMUNICATION_TIMELINE (area);
  GtkWidget *widget = GTK_WIDGET (area);
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1 }, done = { 0.15, 0.64, 0.41, 1 };
  GdkRGBA today_color = { 0.88, 0.11, 0.14, 1 };

  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  if (self->n_lanes == 0)
    {
      set_color (cr, &fg, 0.6);
      draw_text (cr, widget, _("No stage has dates and no item is dated yet."), 8, 8,
                 MAX (width - 16, 1), FALSE);
      return;
    }
  draw_months (self, cr, widget, width, height, &fg);

  for (guint i = 0; i < G_N_ELEMENTS (self->lanes); i++)
    {
      Lane *lane = &self->lanes[i];
      double y;

      if (lane->lane < 0)
        continue;
      y = TOP_MARGIN + lane->lane * LANE_HEIGHT;
      set_color (cr, &fg, lane->lane % 2 == 0 ? 0.04 : 0.0);
      cairo_rectangle (cr, 0, y, width, LANE_HEIGHT);
      cairo_fill (cr);
      set_color (cr, &fg, 0.85);
      draw_text (cr, widget, lane->label, 6, y + 4, LABEL_WIDTH - 12, FALSE);
      if (!isnan (lane->start))
        {
          double x0 = x_of (self, lane->start, width);
          double x1 = x_of (self, isnan (lane->end) ? self->today : lane->end, width);

          set_color (cr, &accent, 0.25);
          cairo_rectangle (cr, x0, y + 6, MAX (x1 - x0, 3), LANE_HEIGHT - 12);
          cairo_fill (cr);
        }
    }

  for (guint i = 0; i < self->markers->len; i++)
    {
      Marker *marker = &g_array_index (self->markers, Marker, i);
      double x = x_of (self, marker->day, width);
      double y = TOP_MARGIN + marker->lane * LANE_HEIGHT + LANE_HEIGHT / 2.0;

      cairo_new_path (cr);
      cairo_arc (cr, x, y, 5.5, 0, 2 * G_PI);
      if (g_strcmp0 (marker->status, "done") == 0)
        {
          set_color (cr, &done, 1);
          cairo_fill (cr);
        }
      else if (g_strcmp0 (marker->status, "planned") == 0)
        {
          set_color (cr, &accent, 1);
          cairo_fill (cr);
        }
      else
        {
          set_color (cr, &fg, g_strcmp0 (marker->status, "cancelled") == 0 ? 0.4 : 0.8);
          cairo_set_line_width (cr, 1.5);
          cairo_stroke (cr);
          if (g_strcmp0 (marker->status, "cancelled") == 0)
            {
              cairo_move_to (cr, x - 4, y - 4);
              cairo_line_to (cr, x + 4, y + 4);
              cairo_move_to (cr, x + 4, y - 4);
              cairo_line_to (cr, x - 4, y + 4);
              cairo_stroke (cr);
            }
        }
    }

  if (self->today >= self->first && self->today <= self->last)
    {
      double x = x_of (self, self->today, width);

      set_color (cr, &today_color, 0.8);
      cairo_rectangle (cr, floor (x), TOP_MARGIN - 4, 2, height - TOP_MARGIN + 4);
      cairo_fill (cr);
    }
}

static void
update_size (DlgCommunicationTimeline *self)
{
  g_autofree char *summary = dlg_communication_timeline_dup_summary (self);

  gtk_drawing_area_set_content_height (GTK_DRAWING_AREA (self),
                                       self->n_lanes == 0 ? 40
                                       : TOP_MARGIN + self->n_lanes * LANE_HEIGHT + 4);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), summary);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
dlg_communication_timeline_finalize (GObject *object)
{
  DlgCommunicationTimeline *self = DLG_COMMUNICATION_TIMELINE (object);

  for (guint i = 0; i < G_N_ELEMENTS (self->lanes); i++)
    g_clear_pointer (&self->lanes[i].label, g_free);
  g_clear_pointer (&self->markers, g_array_unref);

  G_OBJECT_CLASS (dlg_communication_timeline_parent_class)->finalize (object);
}

static void
dlg_communication_timeline_class_init (DlgCommunicationTimelineClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dlg_communication_timeline_finalize;
  gtk_widget_class_set_accessible_role (GTK_WIDGET_CLASS (klass), GTK_ACCESSIBLE_ROLE_IMG);
}

static void
dlg_communication_timeline_init (DlgCommunicationTimeline *self)
{
  self->markers = g_array_new (FALSE, TRUE, sizeof (Marker));
  g_array_set_clear_func (self->markers, marker_clear);
  for (guint i = 0; i < G_N_ELEMENTS (self->lanes); i++)
    self->lanes[i].lane = -1;
  gtk_drawing_area_set_draw_func (GTK_DRAWING_AREA (self), draw_cb, NULL, NULL);
  gtk_widget_set_hexpand (GTK_WIDGET (self), TRUE);
  update_size (self);
}

GtkWidget *
dlg_communication_timeline_new (void)
{
  return g_object_new (DLG_TYPE_COMMUNICATION_TIMELINE, NULL);
}

/**
 * dlg_communication_timeline_set_plan:
 * @stage_infos: (nullable): the stages, as dlg_stage_list() gives them
 * @items: (nullable): the process's #DlgCommunicationItem
 * @today: (nullable): the day to mark (%NULL: now)
 */
void
dlg_communication_timeline_set_plan (DlgCommunicationTimeline *self,
                                     GListModel               *stage_infos,
                                     GListModel               *items,
                                     GDateTime                *today)
{
  g_autoptr(GDateTime) now = today != NULL ? g_date_time_ref (today) : g_date_time_new_now_local ();
  gboolean used[DLG_N_STAGES + 1] = { FALSE, };
  guint n_stages = stage_infos != NULL ? g_list_model_get_n_items (stage_infos) : 0;
  guint n_items = items != NULL ? g_list_model_get_n_items (items) : 0;

  g_return_if_fail (DLG_IS_COMMUNICATION_TIMELINE (self));

  self->today = (double) g_date_time_to_unix (now) / DAY_SECONDS;
  self->first = INFINITY;
  self->last = -INFINITY;
  self->n_lanes = 0;
  self->n_undated = 0;
  g_array_set_size (self->markers, 0);
  for (guint i = 0; i < G_N_ELEMENTS (self->lanes); i++)
    {
      self->lanes[i].start = self->lanes[i].end = NAN;
      self->lanes[i].lane = -1;
      g_free (self->lanes[i].label);
      self->lanes[i].label = g_strdup (i < DLG_N_STAGES ? dlg_stage_get_label (i)
                                                        : _("Across stages"));
    }

  for (guint i = 0; i < n_stages; i++)
    {
      g_autoptr(DlgStageInfo) info = g_list_model_get_item (stage_infos, i);
      Lane *lane = &self->lanes[dlg_stage_info_get_stage (info)];

      lane->start = parse_day (dlg_stage_info_get_started_at (info));
      lane->end = parse_day (dlg_stage_info_get_ended_at (info));
      if (isnan (lane->start))
        continue;
      used[dlg_stage_info_get_stage (info)] = TRUE;
      self->first = MIN (self->first, lane->start);
      self->last = MAX (self->last, isnan (lane->end) ? self->today : lane->end);
    }

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(DlgCommunicationItem) item = g_list_model_get_item (items, i);
      double day = parse_day (dlg_communication_item_get_planned_at (item));
      DlgStage stage;
      Marker marker = { 0, };

      if (isnan (day))
        {
          self->n_undated++;
          continue;
        }
      if (!dlg_stage_from_id (dlg_communication_item_get_stage (item), &stage))
        stage = DLG_N_STAGES;
      used[stage] = TRUE;
      marker.day = day;
      marker.lane = stage;   /* a stage for now; its lane below */
      marker.status = g_strdup (dlg_communication_item_get_status (item));
      marker.title = g_strdup (dlg_communication_item_get_title (item));
      g_array_append_val (self->markers, marker);
      self->first = MIN (self->first, day);
      self->last = MAX (self->last, day);
    }

  for (guint i = 0; i < G_N_ELEMENTS (self->lanes); i++)
    if (used[i])
      self->lanes[i].lane = self->n_lanes++;
  for (guint i = 0; i < self->markers->len; i++)
    {
      Marker *marker = &g_array_index (self->markers, Marker, i);

      marker->lane = self->lanes[marker->lane].lane;
    }
  if (self->n_lanes > 0)
    {
      /* A few days either side, so that the first and last markers are not on the edge. */
      double pad = MAX ((self->last - self->first) * 0.03, 2.0);

      self->first -= pad;
      self->last += pad;
    }
  update_size (self);
}

guint
dlg_communication_timeline_get_n_lanes (DlgCommunicationTimeline *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_TIMELINE (self), 0);
  return self->n_lanes;
}

/* How many items are drawn (the dated ones). */
guint
dlg_communication_timeline_get_n_shown (DlgCommunicationTimeline *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_TIMELINE (self), 0);
  return self->markers->len;
}

/**
 * dlg_communication_timeline_dup_summary:
 *
 * Returns: (transfer full): what the drawing shows, in one sentence (its accessible label)
 */
char *
dlg_communication_timeline_dup_summary (DlgCommunicationTimeline *self)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_TIMELINE (self), NULL);

  if (self->n_undated == 0)
    return g_strdup_printf (ngettext ("Calendar of the plan: %u dated item over %u "
                                         "lanes.",
                                         "Calendar of the plan: %u dated items over %u lanes.",
                                         self->markers->len),
                            self->markers->len, self->n_lanes);
  return g_strdup_printf (ngettext ("Calendar of the plan: %u dated item over %u lanes; "
                                       "%u without a date, not shown.",
                                       "Calendar of the plan: %u dated items over %u lanes; "
                                       "%u without a date, not shown.", self->markers->len),
                          self->markers->len, self->n_lanes, self->n_undated);
}
