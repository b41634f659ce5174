/* dlg-report-layout.h — the pages of a report: flowing text, tables and charts on A4 with cairo
 * and Pango (private to src/core/report)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

typedef enum
{
  DLG_REPORT_TEXT_BODY,
  DLG_REPORT_TEXT_SMALL,
  DLG_REPORT_TEXT_QUOTE,
  DLG_REPORT_TEXT_LABEL,
  DLG_REPORT_TEXT_MONO,
  DLG_REPORT_TEXT_TITLE,
  DLG_REPORT_TEXT_SUBTITLE,
} DlgReportText;

/* A heading as the table of contents lists it. */
typedef struct
{
  int   level;  /* 1 or 2 */
  char *title;
  int   page;   /* 1-based, counted from the first page of the body */
} DlgReportHeading;

typedef struct _DlgReportDoc DlgReportDoc;

/* @surface: a PDF surface; with @measure, nothing is drawn (the first pass only counts pages
 * and records where the headings fall). @first_page is the number of the doc's first page. */
DlgReportDoc *dlg_report_doc_new          (cairo_surface_t *surface,
                                           gboolean         measure,
                                           int              first_page,
                                           int              n_pages_total,
                                           const char      *footer);
void          dlg_report_doc_free         (DlgReportDoc    *doc);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgReportDoc, dlg_report_doc_free)

/* The headings met so far, DlgReportHeading. */
GArray       *dlg_report_doc_get_headings (DlgReportDoc    *doc);
int           dlg_report_doc_get_n_pages  (DlgReportDoc    *doc);
/* The drawing's status (an error stops every later drawing). */
cairo_status_t dlg_report_doc_get_status  (DlgReportDoc    *doc);

void          dlg_report_doc_new_page     (DlgReportDoc    *doc);
void          dlg_report_doc_space        (DlgReportDoc    *doc,
                                           double           points);
void          dlg_report_doc_heading      (DlgReportDoc    *doc,
                                           int              level,
                                           const char      *title);
/* Plain text (never markup), wrapped, broken across pages; NULL or "" draws nothing. */
void          dlg_report_doc_text         (DlgReportDoc    *doc,
                                           DlgReportText    style,
                                           const char      *text);
/* "Label" then its value, as one line when it fits, else the value below; nothing when the
 * value is empty. */
void          dlg_report_doc_field        (DlgReportDoc    *doc,
                                           const char      *label,
                                           const char      *value);
/* A table: @widths are fractions of the text width; cells hold at most four lines
 * (ellipsized); the header comes with the first row and is repeated on each page the table
 * runs on. A table with no row draws @empty instead (nothing when NULL). */
void          dlg_report_doc_table_begin  (DlgReportDoc    *doc,
                                           guint            n_columns,
                                           const double    *widths,
                                           const char     **header);
void          dlg_report_doc_table_row    (DlgReportDoc    *doc,
                                           const char     **cells);
void          dlg_report_doc_table_end    (DlgReportDoc    *doc,
                                           const char      *empty);

/* Horizontal bars, one per label. */
void          dlg_report_doc_bar_chart    (DlgReportDoc    *doc,
                                           const char      *title,
                                           guint            n,
                                           const char     **labels,
                                           const gint64    *values);
/* Columns over time (weeks): a label under every few columns. */
void          dlg_report_doc_column_chart (DlgReportDoc    *doc,
                                           const char      *title,
                                           guint            n,
                                           const char     **labels,
                                           const gint64    *values);
/* A grid of @n_rows × @n_cols cells (north at the top), shaded by count. */
void          dlg_report_doc_grid_chart   (DlgReportDoc    *doc,
                                           const char      *title,
                                           guint            n_rows,
                                           guint            n_cols,
                                           const gint64    *counts,
                                           const char      *caption);
/* A progress bar with its percentage. */
void          dlg_report_doc_progress     (DlgReportDoc    *doc,
                                           int              percent);

/* The cover: title, subtitle and lines under them. */
void          dlg_report_doc_cover        (DlgReportDoc    *doc,
                                           const char      *kicker,
                                           const char      *title,
                                           const char      *summary,
                                           const char      *meta);
/* The table of contents, linked to the headings (whose pages are counted from @body_first). */
void          dlg_report_doc_toc          (DlgReportDoc    *doc,
                                           const char      *title,
                                           GArray          *headings,
                                           int              body_first);
/* How many pages the table of contents of @n_headings takes. */
int           dlg_report_toc_n_pages      (guint            n_headings);

G_END_DECLS
