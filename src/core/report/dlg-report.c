/* dlg-report.c — the bilan of a process: a PDF the council can be handed as it is
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * It follows the statutory "bilan de la concertation" and the co-construction cycle: the
 * process and its mandate; actors and arbitrations; the stage timeline; participation in
 * figures; themes; each recommendation from its sources to the argued response; commitments;
 * follow-up; and the journal's head hash with how to verify it. Two passes: the first lays the
 * body out without drawing to learn on which page each heading falls, the second draws the
 * cover, the table of contents (linked) and the body. The figures that read every contribution
 * are computed once. The file is written beside its destination and renamed at the end.
 * Contact data and authors never appear; moderated contributions are not quoted.
 */

#define G_LOG_DOMAIN "dlg-report"

#include "config.h"

#include <errno.h>
#include <math.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>

#include "dlg-date.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-process.h"
#include "dlg-profile.h"
#include "dlg-report.h"
#include "dlg-report-layout.h"
#include "dlg-stage.h"
#include "dlg-store.h"
#include "dlg-store-private.h"
#include "dlg-vocabularies.h"

#define GRID 12
#define MAX_WEEKS 520

static const char sql_fields[] =
  "SELECT key, value FROM process_field WHERE process_id = ?1";
static const char sql_features[] =
  "SELECT feature, rules, opens_at, closes_at FROM feature_activation"
  " WHERE process_id = ?1 AND enabled = 1";
static const char sql_actors[] =
  "SELECT name, kind, role, influence FROM actor WHERE process_id = ?1"
  " ORDER BY influence DESC, name, id";
static const char sql_arbitrations[] =
  "SELECT decided_at, who, what, why, coalesce (outcome, '') FROM decision"
  " WHERE process_id = ?1 AND stage = 'arbitration' ORDER BY decided_at, id";
static const char sql_stages[] =
  "SELECT stage, state, coalesce (reason, ''), started_at, ended_at FROM stage_state"
  " WHERE process_id = ?1 ORDER BY rank";
static const char sql_transitions[] =
  "SELECT at, action, object_id, summary FROM journal"
  " WHERE process_id = ?1 AND object_type = 'stage' ORDER BY seq";
static const char sql_registrations[] =
  "SELECT channel, count (*) FROM participant WHERE process_id = ?1 AND status <> 'erased'"
  " GROUP BY channel";
static const char sql_statuses[] =
  "SELECT status, count (*) FROM participant WHERE process_id = ?1 GROUP BY status";
static const char sql_quotas[] =
  "SELECT q.category, q.value, q.min, q.max,"
  "  (SELECT count (*) FROM participant p WHERE p.process_id = q.process_id"
  "    AND p.status IN ('selected', 'invited', 'accepted')"
  "    AND CASE q.category WHEN 'age_band' THEN p.age_band WHEN 'gender' THEN p.gender"
  "      WHEN 'commune' THEN p.commune WHEN 'quartier' THEN p.quartier"
  "      WHEN 'occupation' THEN p.occupation"
  "      WHEN 'prior_participation' THEN"
  "        CASE p.prior_participation WHEN 0 THEN 'no' ELSE 'yes' END END = q.value)"
  " FROM quota q WHERE q.process_id = ?1 ORDER BY q.category, q.id";
static const char sql_panel[] =
  "SELECT count (*) FROM participant WHERE process_id = ?1"
  " AND status IN ('selected', 'invited', 'accepted')";
static const char sql_draw[] =
  "SELECT id, algorithm, seed, panel_size, min_probability, max_probability, duration_ms,"
  "  created_at, published, (SELECT count (*) FROM draw d2 WHERE d2.process_id = d.process_id)"
  " FROM draw d WHERE process_id = ?1 ORDER BY created_at DESC, id DESC LIMIT 1";
static const char sql_probabilities[] =
  "SELECT probability FROM draw_probability WHERE draw_id = ?1 ORDER BY probability";
static const char sql_sessions[] =
  "SELECT title, starts_at, place,"
  "  (SELECT count (*) FROM attendance a WHERE a.session_id = s.id AND a.present = 1)"
  " FROM session s WHERE process_id = ?1 ORDER BY starts_at, id";
static const char sql_totals[] =
  "SELECT count (*), coalesce (sum (moderation = 'published'), 0),"
  "  coalesce (sum (moderation = 'trashed'), 0), count (DISTINCT author_ref),"
  "  coalesce (sum (lat IS NOT NULL AND lon IS NOT NULL), 0), min (created_at), max (created_at)"
  " FROM contribution WHERE process_id = ?1";
static const char sql_by_channel[] =
  "SELECT channel, count (*) FROM contribution WHERE process_id = ?1 GROUP BY channel";
static const char sql_by_feature[] =
  "SELECT feature, count (*) FROM contribution WHERE process_id = ?1 GROUP BY feature";
static const char sql_by_week[] =
  "SELECT date (created_at, '-6 days', 'weekday 1') AS week, count (*) FROM contribution"
  " WHERE process_id = ?1 GROUP BY week ORDER BY week";
static const char sql_bounds[] =
  "SELECT min (lat), max (lat), min (lon), max (lon) FROM contribution"
  " WHERE process_id = ?1 AND lat IS NOT NULL AND lon IS NOT NULL";
static const char sql_grid[] =
  "SELECT min (?6 - 1, CAST ((?3 - lat) / ?2 AS INTEGER)),"
  "  min (?6 - 1, CAST ((lon - ?4) / ?5 AS INTEGER)), count (*) FROM contribution"
  " WHERE process_id = ?1 AND lat IS NOT NULL AND lon IS NOT NULL GROUP BY 1, 2";
static const char sql_themes[] =
  "SELECT t.id, t.parent_id, t.name, t.description,"
  "  (SELECT count (*) FROM contribution_theme ct WHERE ct.theme_id = t.id)"
  " FROM theme t WHERE t.process_id = ?1 ORDER BY t.position, t.id";
static const char sql_quotes[] =
  "SELECT c.title, c.body, c.channel, c.created_at FROM contribution_theme ct"
  " JOIN contribution c ON c.id = ct.contribution_id"
  " LEFT JOIN contribution_annotation a ON a.contribution_id = c.id"
  " WHERE ct.theme_id = ?1 AND c.moderation = 'published'"
  " ORDER BY coalesce (a.highlighted, 0) DESC, c.supports DESC, c.id LIMIT 3";
static const char sql_response[] =
  "SELECT intro, published_at FROM response WHERE process_id = ?1";
static const char sql_recommendations[] =
  "SELECT r.id, r.number, r.title, r.body, rv.department, rv.feasibility, rv.cost, rv.legal,"
  "  rv.proposed_position, p.value, p.justification, rv.id IS NOT NULL"
  " FROM recommendation r LEFT JOIN review rv ON rv.recommendation_id = r.id"
  " LEFT JOIN position p ON p.recommendation_id = r.id"
  " WHERE r.process_id = ?1 ORDER BY r.number";
static const char sql_sources[] =
  "SELECT c.id, c.title, c.body, c.channel, c.feature, c.created_at, c.moderation"
  " FROM recommendation_source s JOIN contribution c ON c.id = s.contribution_id"
  " WHERE s.recommendation_id = ?1 ORDER BY c.created_at, c.id";
static const char sql_validations[] =
  "SELECT decided_at, who, what, why, coalesce (outcome, '') FROM decision"
  " WHERE recommendation_id = ?1 ORDER BY decided_at, id";
static const char sql_commitments[] =
  "SELECT c.id, c.title, c.department, c.due_date, c.status, c.progress, r.number, r.title"
  " FROM commitment c JOIN position p ON p.id = c.position_id"
  " JOIN recommendation r ON r.id = p.recommendation_id"
  " WHERE c.process_id = ?1 ORDER BY r.number, c.id";
static const char sql_updates[] =
  "SELECT dated, progress, status, text FROM commitment_update WHERE commitment_id = ?1"
  " ORDER BY dated, id";
static const char sql_follow_ups[] =
  "SELECT kind, dated, title, body, published FROM follow_up WHERE process_id = ?1"
  " ORDER BY dated, id";
static const char sql_journal[] =
  "SELECT count (*), min (at), max (at),"
  "  (SELECT hash FROM journal j2 WHERE j2.process_id = ?1 ORDER BY seq DESC LIMIT 1)"
  " FROM journal WHERE process_id = ?1";

/* What reads every contribution, computed once for both passes. */
typedef struct
{
  gint64     total, published, trashed, authors, located;
  char      *first, *last;
  GPtrArray *channel_labels;  /* char* */
  GArray    *channel_counts;  /* gint64 */
  GPtrArray *feature_labels;
  GArray    *feature_counts;
  GPtrArray *week_labels;
  GArray    *week_counts;
  double     lat_min, lat_max, lon_min, lon_max;
  gint64     grid[GRID * GRID];
} Figures;

typedef struct
{
  DlgStore          *store;
  gint64             process_id;
  DlgProcess        *process;
  GHashTable        *fields;  /* key → value */
  Figures            figures;
  DlgReportDoc      *doc;
  GCancellable      *cancellable;
  DlgReportProgress  progress;
  gpointer           progress_data;
  double             progress_base, progress_span;
} Report;

static void
figures_clear (Figures *f)
{
  g_free (f->first);
  g_free (f->last);
  g_clear_pointer (&f->channel_labels, g_ptr_array_unref);
  g_clear_pointer (&f->channel_counts, g_array_unref);
  g_clear_pointer (&f->feature_labels, g_ptr_array_unref);
  g_clear_pointer (&f->feature_counts, g_array_unref);
  g_clear_pointer (&f->week_labels, g_ptr_array_unref);
  g_clear_pointer (&f->week_counts, g_array_unref);
}

static DlgStmt *
prepare (Report      *r,
         const char  *sql,
         GError     **error)
{
  DlgStmt *stmt = dlg_store_prepare (r->store, sql, error);

  if (stmt != NULL)
    sqlite3_bind_int64 (stmt, 1, r->process_id);
  return stmt;
}

/* Steps @stmt; FALSE at the end or on an error (then set). */
static gboolean
step (Report   *r,
      DlgStmt  *stmt,
      GError  **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc != SQLITE_DONE)
    dlg_store_set_error (r->store, rc, error);
  return FALSE;
}

static const char *
text_at (DlgStmt *stmt,
         int      column)
{
  return dlg_stmt_get_text (stmt, column);
}

/* The day of an ISO 8601 date (or date and time), written with @format (g_date_time_format()'s,
 * with month names in the interface's language); "" for none, @iso itself when it is no date. */
static char *
format_day (const char *iso,
            const char *format)
{
  g_autoptr(GDateTime) dt = NULL;
  int y, m, d;

  if (iso == NULL || sscanf (iso, "%4d-%2d-%2d", &y, &m, &d) != 3)
    return g_strdup (iso != NULL ? iso : "");
  if (!(dt = g_date_time_new_utc (y, m, d, 0, 0, 0)))
    return g_strdup (iso);
  return dlg_date_time_format (dt, format);
}

/* "14 March 2026" */
static char *
format_date (const char *iso)
{
  /* Translators: a date, as g_date_time_format() writes it; %B is the month's name */
  return format_day (iso, C_("report date", "%-d %B %Y"));
}

/* A date in a table's cell: "2026-03-14" (in French "14/03/2026"). */
static char *
format_short_date (const char *iso)
{
  /* Translators: a date in a table, as g_date_time_format() writes it */
  return format_day (iso, C_("report short date", "%Y-%m-%d"));
}

/* @value with @digits decimals, with the language's decimal separator */
static char *
decimal_text (double value,
              int    digits)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  /* Translators: the decimal separator of numbers in the report */
  const char *separator = C_("decimal separator", ".");
  g_autofree char *text = g_strdup (g_ascii_formatd (buffer, sizeof buffer,
                                                     digits == 3 ? "%.3f" : "%.4f", value));
  g_auto(GStrv) parts = g_strsplit (text, ".", 2);

  return g_strjoinv (separator, parts);
}

static char *
count_text (gint64 n)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, n);
}

static gboolean
cancelled (Report  *r,
           GError **error)
{
  return g_cancellable_set_error_if_cancelled (r->cancellable, error);
}

static void
report_progress (Report *r,
                 double  fraction)
{
  if (r->progress != NULL)
    r->progress (r->progress_base + r->progress_span * fraction, r->progress_data);
}

static const char *
field (Report     *r,
       const char *key)
{
  const char *value = g_hash_table_lookup (r->fields, key);

  return value != NULL ? value : "";
}

/* Loading */

static gboolean
load_fields (Report  *r,
             GError **error)
{
  g_autoptr(DlgStmt) stmt = prepare (r, sql_fields, error);

  if (stmt == NULL)
    return FALSE;
  while (step (r, stmt, error))
    g_hash_table_insert (r->fields, g_strdup (text_at (stmt, 0)), g_strdup (text_at (stmt, 1)));
  return error == NULL || *error == NULL;
}

static gboolean
load_counts (Report              *r,
             const char          *sql,
             const DlgVocabulary *vocabulary,
             GPtrArray          **labels,
             GArray             **counts,
             GError             **error)
{
  g_autoptr(DlgStmt) stmt = prepare (r, sql, error);

  *labels = g_ptr_array_new_with_free_func (g_free);
  *counts = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (stmt == NULL)
    return FALSE;
  while (step (r, stmt, error))
    {
      gint64 n = sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (*labels, g_strdup (vocabulary != NULL
                                          ? dlg_vocabulary_get_label (vocabulary,
                                                                      text_at (stmt, 0))
                                          : text_at (stmt, 0)));
      g_array_append_val (*counts, n);
    }
  if (*error != NULL)
    return FALSE;
  return TRUE;
}

static gboolean
load_figures (Report  *r,
              GError **error)
{
  Figures *f = &r->figures;

  {
    g_autoptr(DlgStmt) stmt = prepare (r, sql_totals, error);

    if (stmt == NULL)
      return FALSE;
    if (step (r, stmt, error))
      {
        f->total = sqlite3_column_int64 (stmt, 0);
        f->published = sqlite3_column_int64 (stmt, 1);
        f->trashed = sqlite3_column_int64 (stmt, 2);
        f->authors = sqlite3_column_int64 (stmt, 3);
        f->located = sqlite3_column_int64 (stmt, 4);
        f->first = dlg_stmt_dup_text (stmt, 5);
        f->last = dlg_stmt_dup_text (stmt, 6);
      }
    if (*error != NULL)
      return FALSE;
  }
  if (cancelled (r, error))
    return FALSE;
  if (!load_counts (r, sql_by_channel, &dlg_vocabulary_channel, &f->channel_labels,
                    &f->channel_counts, error) ||
      !load_counts (r, sql_by_feature, &dlg_vocabulary_feature, &f->feature_labels,
                    &f->feature_counts, error) ||
      cancelled (r, error) ||
      !load_counts (r, sql_by_week, NULL, &f->week_labels, &f->week_counts, error) ||
      cancelled (r, error))
    return FALSE;
  for (guint i = 0; i < f->week_labels->len; i++)
    {
      char *label = format_short_date (f->week_labels->pdata[i]);

      g_free (f->week_labels->pdata[i]);
      f->week_labels->pdata[i] = label;
    }
  if (f->week_labels->len > MAX_WEEKS)
    {
      /* Contributions over more than ten years: the chart keeps the last ten. */
      g_ptr_array_remove_range (f->week_labels, 0, f->week_labels->len - MAX_WEEKS);
      g_array_remove_range (f->week_counts, 0, f->week_counts->len - MAX_WEEKS);
    }

  if (f->located > 0)
    {
      g_autoptr(DlgStmt) bounds = prepare (r, sql_bounds, error);
      g_autoptr(DlgStmt) grid = NULL;
      double lat_step, lon_step;

      if (bounds == NULL)
        return FALSE;
      /* An aggregate always has its row: FALSE is an error */
      if (!step (r, bounds, error))
        return FALSE;
      f->lat_min = sqlite3_column_double (bounds, 0);
      f->lat_max = sqlite3_column_double (bounds, 1);
      f->lon_min = sqlite3_column_double (bounds, 2);
      f->lon_max = sqlite3_column_double (bounds, 3);
      lat_step = MAX (f->lat_max - f->lat_min, 1e-6) / GRID;
      lon_step = MAX (f->lon_max - f->lon_min, 1e-6) / GRID;
      if (!(grid = prepare (r, sql_grid, error)))
        return FALSE;
      sqlite3_bind_double (grid, 2, lat_step);
      sqlite3_bind_double (grid, 3, f->lat_max);
      sqlite3_bind_double (grid, 4, f->lon_min);
      sqlite3_bind_double (grid, 5, lon_step);
      sqlite3_bind_int (grid, 6, GRID);
      while (step (r, grid, error))
        {
          int row = CLAMP (sqlite3_column_int (grid, 0), 0, GRID - 1);
          int col = CLAMP (sqlite3_column_int (grid, 1), 0, GRID - 1);

          f->grid[row * GRID + col] += sqlite3_column_int64 (grid, 2);
        }
      if (*error != NULL)
        return FALSE;
    }
  return TRUE;
}

/* Sections */

static void
text_field (Report     *r,
            const char *label,
            const char *key)
{
  const char *value = field (r, key);

  if (*value == '\0')
    return;
  dlg_report_doc_text (r->doc, DLG_REPORT_TEXT_LABEL, label);
  dlg_report_doc_text (r->doc, DLG_REPORT_TEXT_BODY, value);
}

static gboolean
section_process (Report  *r,
                 GError **error)
{
  DlgReportDoc *doc = r->doc;
  g_autoptr(DlgStmt) stmt = NULL;
  const char *weeks = field (r, DLG_FIELD_MANDATE_RESPONSE_WEEKS);
  guint n_features = 0;

  dlg_report_doc_heading (doc, 1, _("1. The process"));
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, dlg_process_get_summary (r->process));
  {
    g_autofree char *created = format_date (dlg_process_get_created_at (r->process));

    dlg_report_doc_field (doc, _("Created"), created);
  }
  dlg_report_doc_space (doc, 4);
  text_field (r, _("Object"), DLG_FIELD_DIAGNOSTIC_OBJECT);
  text_field (r, _("Political and technical steering"), DLG_FIELD_DIAGNOSTIC_STEERING);
  text_field (r, _("Open questions"), DLG_FIELD_DIAGNOSTIC_QUESTIONS);
  text_field (r, _("Constraints"), DLG_FIELD_DIAGNOSTIC_CONSTRAINTS);
  text_field (r, _("Methods"), DLG_FIELD_DIAGNOSTIC_METHODS);
  text_field (r, _("Objectives"), DLG_FIELD_SPEC_OBJECTIVES);
  text_field (r, _("Target publics"), DLG_FIELD_SPEC_PUBLICS);
  text_field (r, _("Budget"), DLG_FIELD_SPEC_BUDGET);
  text_field (r, _("Calendar"), DLG_FIELD_SPEC_CALENDAR);

  dlg_report_doc_heading (doc, 2, _("The question put to citizens"));
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY,
                       *field (r, DLG_FIELD_MANDATE_QUESTION) != '\0'
                       ? field (r, DLG_FIELD_MANDATE_QUESTION)
                       : _("The mandate gives no question."));

  dlg_report_doc_heading (doc, 2, _("Perimeter"));
  text_field (r, _("Open to debate"), DLG_FIELD_MANDATE_PERIMETER);
  text_field (r, _("Not open to debate"), DLG_FIELD_MANDATE_OUT_OF_SCOPE);
  text_field (r, _("The institution’s commitments"), DLG_FIELD_MANDATE_COMMITMENTS);
  if (*weeks != '\0')
    {
      /* Translators: the number of weeks within which the argued response is due */
      g_autofree char *text = g_strdup_printf (_("An argued response within %s weeks."), weeks);

      dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, text);
    }

  dlg_report_doc_heading (doc, 2, _("Rules of the game"));
  if (!(stmt = prepare (r, sql_features, error)))
    return FALSE;
  while (step (r, stmt, error))
    {
      g_autofree char *opens = format_date (dlg_stmt_get_text (stmt, 2));
      g_autofree char *closes = format_date (dlg_stmt_get_text (stmt, 3));

      n_features++;
      dlg_report_doc_text (doc, DLG_REPORT_TEXT_LABEL,
                           dlg_vocabulary_get_label (&dlg_vocabulary_feature,
                                                     text_at (stmt, 0)));
      dlg_report_doc_field (doc, _("Opens"), opens);
      dlg_report_doc_field (doc, _("Closes"), closes);
      dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY,
                           *text_at (stmt, 1) != '\0' ? text_at (stmt, 1)
                           : _("No rules of the game were written for this feature."));
    }
  if (*error != NULL)
    return FALSE;
  if (n_features == 0)
    dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, _("No contributory feature was switched on."));
  return TRUE;
}

static gboolean
decision_rows (Report     *r,
               const char *sql,
               gint64      id,
               gboolean    by_process,
               GError    **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (r->store, sql, error);
  guint n = 0;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, by_process ? r->process_id : id);
  while (step (r, stmt, error))
    {
      g_autofree char *date = format_date (text_at (stmt, 0));

      n++;
      dlg_report_doc_field (r->doc, _("Date"), date);
      dlg_report_doc_field (r->doc, _("Who"), text_at (stmt, 1));
      dlg_report_doc_field (r->doc, _("Decision"), text_at (stmt, 2));
      dlg_report_doc_field (r->doc, _("Why"), text_at (stmt, 3));
      /* A validation's outcome is a position; an arbitration's, free text */
      dlg_report_doc_field (r->doc, _("Outcome"),
                            dlg_vocabulary_find_label (&dlg_vocabulary_position,
                                                       text_at (stmt, 4))
                            ?: text_at (stmt, 4));
      dlg_report_doc_space (r->doc, 6);
    }
  if (*error != NULL)
    return FALSE;
  if (n == 0)
    dlg_report_doc_text (r->doc, DLG_REPORT_TEXT_BODY, _("No decision was recorded."));
  return TRUE;
}

static gboolean
section_actors (Report  *r,
                GError **error)
{
  DlgReportDoc *doc = r->doc;
  g_autoptr(DlgStmt) stmt = NULL;
  const double widths[] = { 0.32, 0.2, 0.36, 0.12 };
  const char *header[] = { _("Actor"), _("Kind"), _("Role"), _("Influence") };

  dlg_report_doc_heading (doc, 1, _("2. Actors and arbitrations"));
  dlg_report_doc_heading (doc, 2, _("The actors"));
  if (!(stmt = prepare (r, sql_actors, error)))
    return FALSE;
  dlg_report_doc_table_begin (doc, 4, widths, header);
  while (step (r, stmt, error))
    {
      g_autofree char *influence = g_strdup_printf ("%d / 5", sqlite3_column_int (stmt, 3));
      const char *cells[] = { text_at (stmt, 0), text_at (stmt, 1), text_at (stmt, 2),
                              influence };

      dlg_report_doc_table_row (doc, cells);
    }
  dlg_report_doc_table_end (doc, _("No actor was recorded."));
  if (*error != NULL)
    return FALSE;
  dlg_report_doc_heading (doc, 2, _("Arbitrations of elected officials and senior management"));
  return decision_rows (r, sql_arbitrations, 0, TRUE, error);
}

/* The reason in the summary of a skip or a reopening ("Stage “X” skipped: REASON", in the
 * language it was written in); the whole summary when it has no such shape. */
static const char *
summary_reason (const char *summary)
{
  const char *quote = strstr (summary, "”");
  const char *colon;

  if (quote == NULL)
    quote = strstr (summary, "»");
  if (quote == NULL || (colon = strchr (quote, ':')) == NULL)
    return summary;
  colon++;
  while (g_unichar_isspace (g_utf8_get_char (colon)))
    colon = g_utf8_next_char (colon);
  return colon;
}

static gboolean
section_timeline (Report  *r,
                  GError **error)
{
  DlgReportDoc *doc = r->doc;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) transitions = NULL;
  const double widths[] = { 0.22, 0.14, 0.15, 0.15, 0.34 };
  const char *header[] = { _("Stage"), _("State"), _("Started"), _("Ended"), _("Reason") };
  const double t_widths[] = { 0.18, 0.27, 0.2, 0.35 };
  const char *t_header[] = { _("Date"), _("Stage"), _("Change"), _("Reason") };

  dlg_report_doc_heading (doc, 1, _("3. The stages"));
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY,
                       _("Each stage of the co-construction cycle, its dates and, when it was "
                         "skipped or reopened, the reason given to the public."));
  if (!(stmt = prepare (r, sql_stages, error)))
    return FALSE;
  dlg_report_doc_table_begin (doc, 5, widths, header);
  while (step (r, stmt, error))
    {
      g_autofree char *started = format_short_date (dlg_stmt_get_text (stmt, 3));
      g_autofree char *ended = format_short_date (dlg_stmt_get_text (stmt, 4));
      const char *cells[] = {
        dlg_vocabulary_get_label (&dlg_vocabulary_stage, text_at (stmt, 0)),
        dlg_vocabulary_get_label (&dlg_vocabulary_stage_state, text_at (stmt, 1)),
        started, ended, text_at (stmt, 2),
      };

      dlg_report_doc_table_row (doc, cells);
    }
  dlg_report_doc_table_end (doc, NULL);
  if (*error != NULL)
    return FALSE;

  dlg_report_doc_heading (doc, 2, _("Every change of stage, reopenings included"));
  if (!(transitions = prepare (r, sql_transitions, error)))
    return FALSE;
  dlg_report_doc_table_begin (doc, 4, t_widths, t_header);
  while (step (r, transitions, error))
    {
      g_autofree char *date = format_short_date (text_at (transitions, 0));
      const char *action = text_at (transitions, 1);
      const char *cells[] = {
        date, dlg_vocabulary_get_label (&dlg_vocabulary_stage, text_at (transitions, 2)),
        dlg_journal_action_get_label (action),
        g_str_equal (action, "stage.skip") || g_str_equal (action, "stage.reopen")
        ? summary_reason (text_at (transitions, 3)) : "",
      };

      dlg_report_doc_table_row (doc, cells);
    }
  dlg_report_doc_table_end (doc, _("No stage has changed yet."));
  if (*error != NULL)
    return FALSE;
  return TRUE;
}

static void
chart_from (Report     *r,
            const char *title,
            GPtrArray  *labels,
            GArray     *counts,
            gboolean    columns)
{
  if (labels->len == 0)
    return;
  if (columns)
    dlg_report_doc_column_chart (r->doc, title, labels->len, (const char **) labels->pdata,
                                 (const gint64 *) (gpointer) counts->data);
  else
    dlg_report_doc_bar_chart (r->doc, title, labels->len, (const char **) labels->pdata,
                              (const gint64 *) (gpointer) counts->data);
}

static double
gini (GArray *values)
{
  double sum = 0, weighted = 0;
  guint n = values->len;

  for (guint i = 0; i < n; i++)
    {
      double x = g_array_index (values, double, i);

      sum += x;
      weighted += (2.0 * (i + 1) - n - 1) * x;
    }
  return n > 0 && sum > 0 ? weighted / (n * sum) : 0;
}

static gboolean
draw_figures (Report  *r,
              GError **error)
{
  DlgReportDoc *doc = r->doc;
  g_autoptr(DlgStmt) stmt = prepare (r, sql_draw, error);
  g_autoptr(DlgStmt) probabilities = NULL;
  g_autoptr(GArray) values = g_array_new (FALSE, FALSE, sizeof (double));
  double mean = 0;

  if (stmt == NULL)
    return FALSE;
  dlg_report_doc_heading (doc, 2, _("The draw"));
  if (!step (r, stmt, error))
    {
      if (*error != NULL)
        return FALSE;
      dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, _("No panel was drawn."));
      return TRUE;
    }
  {
    g_autofree char *date = format_date (text_at (stmt, 7));
    g_autofree char *seed = count_text (sqlite3_column_int64 (stmt, 2));
    g_autofree char *size = count_text (sqlite3_column_int64 (stmt, 3));
    g_autofree char *n_draws = count_text (sqlite3_column_int64 (stmt, 9));
    const char *algorithm = text_at (stmt, 1);
    const char *algorithm_text =
      g_str_equal (algorithm, "leximin")
      ? _("Leximin: the selection probabilities are as equal as the quotas allow, the "
          "lowest raised first (Flanigan et al., 2021)")
      : g_str_equal (algorithm, "maximin")
      ? _("Maximin: the lowest selection probability is made as high as the quotas allow")
      : _("Legacy: people drawn one by one, each draw among those who keep the quotas "
          "reachable");

    dlg_report_doc_field (doc, _("Algorithm"), algorithm_text);
    dlg_report_doc_field (doc, _("Seed"), seed);
    dlg_report_doc_field (doc, _("Panel size"), size);
    dlg_report_doc_field (doc, _("Drawn on"), date);
    dlg_report_doc_field (doc, _("Draws saved"), n_draws);
    dlg_report_doc_field (doc, _("Published"), sqlite3_column_int (stmt, 8) ? _("Yes") : _("No"));
  }
  if (!(probabilities = dlg_store_prepare (r->store, sql_probabilities, error)))
    return FALSE;
  sqlite3_bind_int64 (probabilities, 1, sqlite3_column_int64 (stmt, 0));
  while (step (r, probabilities, error))
    {
      double p = sqlite3_column_double (probabilities, 0);

      g_array_append_val (values, p);
      mean += p;
    }
  if (*error != NULL)
    return FALSE;
  if (values->len > 0)
    {
      double min = g_array_index (values, double, 0);
      double max = g_array_index (values, double, values->len - 1);
      g_autofree char *pool = count_text (values->len);
      g_autofree char *min_text = NULL, *max_text = NULL, *mean_text = NULL, *ratio = NULL;
      g_autofree char *gini_text = NULL;

      mean /= values->len;
      min_text = decimal_text (min, 4);
      max_text = decimal_text (max, 4);
      mean_text = decimal_text (mean, 4);
      ratio = decimal_text (mean > 0 ? min / mean : 0, 3);
      gini_text = decimal_text (gini (values), 3);
      dlg_report_doc_space (doc, 6);
      dlg_report_doc_text (doc, DLG_REPORT_TEXT_LABEL, _("Fairness"));
      dlg_report_doc_field (doc, _("People in the pool"), pool);
      dlg_report_doc_field (doc, _("Lowest selection probability"), min_text);
      dlg_report_doc_field (doc, _("Highest selection probability"), max_text);
      dlg_report_doc_field (doc, _("Mean selection probability"), mean_text);
      dlg_report_doc_field (doc, _("Lowest over mean (1 is perfectly equal)"), ratio);
      dlg_report_doc_field (doc, _("Gini coefficient of the probabilities (0 is equal)"),
                            gini_text);
      dlg_report_doc_text (doc, DLG_REPORT_TEXT_SMALL,
                           _("Anyone can replay the draw: the same pool, quotas, algorithm and "
                             "seed give the same panel (dialogue-cli draw)."));
    }
  return TRUE;
}

static gboolean
section_participation (Report  *r,
                       GError **error)
{
  DlgReportDoc *doc = r->doc;
  Figures *f = &r->figures;
  g_autoptr(GPtrArray) labels = NULL;
  g_autoptr(GArray) counts = NULL;
  gint64 registrations = 0, panel = 0;

  dlg_report_doc_heading (doc, 1, _("4. Participation in figures"));
  dlg_report_doc_heading (doc, 2, _("Registrations and the panel"));
  if (!load_counts (r, sql_registrations, &dlg_vocabulary_channel, &labels, &counts, error))
    return FALSE;
  for (guint i = 0; i < counts->len; i++)
    registrations += g_array_index (counts, gint64, i);
  {
    g_autoptr(DlgStmt) stmt = prepare (r, sql_panel, error);
    g_autofree char *text = NULL;

    if (stmt == NULL)
      return FALSE;
    if (step (r, stmt, error))
      panel = sqlite3_column_int64 (stmt, 0);
    if (*error != NULL)
      return FALSE;
    /* Translators: registrations, then the people of the panel */
    text = g_strdup_printf (_("%lld registrations; %lld people on the panel."),
                            (long long) registrations, (long long) panel);
    dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, text);
  }
  chart_from (r, _("Registrations by channel"), labels, counts, FALSE);
  g_clear_pointer (&labels, g_ptr_array_unref);
  g_clear_pointer (&counts, g_array_unref);
  if (!load_counts (r, sql_statuses, &dlg_vocabulary_participant_status, &labels, &counts,
                    error))
    return FALSE;
  chart_from (r, _("Registrants by status"), labels, counts, FALSE);

  {
    g_autoptr(DlgStmt) stmt = prepare (r, sql_quotas, error);
    g_autoptr(DlgProfile) profile = dlg_profile_load (r->store, r->process_id, NULL);
    const double widths[] = { 0.24, 0.28, 0.16, 0.16, 0.16 };
    const char *header[] = { _("Criterion"), _("Value"), _("Minimum"), _("Maximum"),
                             _("On the panel") };

    if (stmt == NULL)
      return FALSE;
    dlg_report_doc_heading (doc, 2, _("The panel against its quotas"));
    dlg_report_doc_table_begin (doc, 5, widths, header);
    while (step (r, stmt, error))
      {
        g_autofree char *min = count_text (sqlite3_column_int64 (stmt, 2));
        g_autofree char *max = count_text (sqlite3_column_int64 (stmt, 3));
        gint64 in = sqlite3_column_int64 (stmt, 4);
        g_autofree char *actual = g_strdup_printf ("%" G_GINT64_FORMAT "%s", in,
                                                   in < sqlite3_column_int64 (stmt, 2) ||
                                                   in > sqlite3_column_int64 (stmt, 3)
                                                   ? " ⚠" : " ✓");
        const char *category = text_at (stmt, 0), *value = text_at (stmt, 1);
        const char *cells[] = {
          profile != NULL ? dlg_profile_get_category_label (profile, category) : category,
          profile != NULL ? dlg_profile_get_value_label (profile, category, value) : value,
          min, max, actual,
        };

        dlg_report_doc_table_row (doc, cells);
      }
    dlg_report_doc_table_end (doc, _("No quota was set."));
    if (*error != NULL)
      return FALSE;
  }
  if (!draw_figures (r, error))
    return FALSE;

  {
    g_autoptr(DlgStmt) stmt = prepare (r, sql_sessions, error);
    const double widths[] = { 0.36, 0.2, 0.3, 0.14 };
    const char *header[] = { _("Session"), _("Date"), _("Place"), _("Present") };

    if (stmt == NULL)
      return FALSE;
    dlg_report_doc_heading (doc, 2, _("Workshop sessions"));
    dlg_report_doc_table_begin (doc, 4, widths, header);
    while (step (r, stmt, error))
      {
        g_autofree char *date = format_short_date (text_at (stmt, 1));
        g_autofree char *present = count_text (sqlite3_column_int64 (stmt, 3));
        const char *cells[] = { text_at (stmt, 0), date, text_at (stmt, 2), present };

        dlg_report_doc_table_row (doc, cells);
      }
    dlg_report_doc_table_end (doc, _("No session was held."));
    if (*error != NULL)
      return FALSE;
  }

  dlg_report_doc_heading (doc, 2, _("Contributions"));
  {
    g_autofree char *first = format_date (f->first);
    g_autofree char *last = format_date (f->last);
    g_autofree char *text = NULL;

    /* Translators: contributions in all, published, moderated, distinct authors, located */
    text = g_strdup_printf (_("%lld contributions: %lld published, %lld moderated (kept in "
                              "the bin, not quoted here), from %lld distinct authors; %lld "
                              "placed on the map."),
                            (long long) f->total, (long long) f->published,
                            (long long) f->trashed, (long long) f->authors,
                            (long long) f->located);
    dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, text);
    dlg_report_doc_field (doc, _("First contribution"), first);
    dlg_report_doc_field (doc, _("Last contribution"), last);
  }
  chart_from (r, _("Contributions by channel"), f->channel_labels, f->channel_counts, FALSE);
  chart_from (r, _("Contributions by feature"), f->feature_labels, f->feature_counts, FALSE);
  chart_from (r, _("Contributions by week (weeks start on Monday)"), f->week_labels,
              f->week_counts, TRUE);
  if (f->located > 0)
    {
      /* Translators: the bounds of the map (south, north, west, east), in degrees */
      g_autofree char *caption = g_strdup_printf (_("The area the contributions cover, cut "
                                                    "into 12 × 12 "
                                                    "cells, north at the top: latitudes %.4f "
                                                    "to %.4f, longitudes %.4f to %.4f."),
                                                  f->lat_min, f->lat_max, f->lon_min,
                                                  f->lon_max);

      dlg_report_doc_grid_chart (doc, _("Contributions by area"), GRID, GRID, f->grid, caption);
    }
  return TRUE;
}

typedef struct
{
  gint64  id, parent, count;
  char   *name, *description;
} Theme;

static void
theme_clear (gpointer data)
{
  Theme *t = data;

  g_free (t->name);
  g_free (t->description);
}

static gboolean
theme_quotes (Report  *r,
              gint64   theme_id,
              GError **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (r->store, sql_quotes, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, theme_id);
  while (step (r, stmt, error))
    {
      const char *title = text_at (stmt, 0), *body = text_at (stmt, 1);
      g_autofree char *date = format_date (text_at (stmt, 3));
      g_autofree char *text = g_strdup_printf ("%s%s%s", title, *title && *body ? " — " : "",
                                               body);
      /* Translators: a contribution quoted as it was written */
      g_autofree char *quote = g_strdup_printf (_("“%s”"), text);
      g_autofree char *source = g_strdup_printf ("%s, %s",
                                                 dlg_vocabulary_get_label (&dlg_vocabulary_channel,
                                                                           text_at (stmt, 2)),
                                                 date);

      dlg_report_doc_text (r->doc, DLG_REPORT_TEXT_QUOTE, quote);
      dlg_report_doc_text (r->doc, DLG_REPORT_TEXT_SMALL, source);
      dlg_report_doc_space (r->doc, 4);
    }
  if (*error != NULL)
    return FALSE;
  return TRUE;
}

static gboolean
section_themes (Report  *r,
                GError **error)
{
  DlgReportDoc *doc = r->doc;
  g_autoptr(DlgStmt) stmt = prepare (r, sql_themes, error);
  g_autoptr(GArray) themes = g_array_new (FALSE, TRUE, sizeof (Theme));
  g_autoptr(GPtrArray) order = g_ptr_array_new ();
  g_autoptr(GPtrArray) labels = g_ptr_array_new ();
  g_autoptr(GArray) counts = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_set_clear_func (themes, theme_clear);
  if (stmt == NULL)
    return FALSE;
  dlg_report_doc_heading (doc, 1, _("5. Themes"));
  while (step (r, stmt, error))
    {
      Theme t = {
        sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1),
        sqlite3_column_int64 (stmt, 4), dlg_stmt_dup_text (stmt, 2), dlg_stmt_dup_text (stmt, 3)
      };

      g_array_append_val (themes, t);
    }
  if (*error != NULL)
    return FALSE;
  if (themes->len == 0)
    {
      dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, _("The contributions were not coded."));
      return TRUE;
    }
  /* Top themes, each followed by its sub-themes */
  for (guint i = 0; i < themes->len; i++)
    {
      Theme *t = &g_array_index (themes, Theme, i);

      if (t->parent != 0)
        continue;
      g_ptr_array_add (order, t);
      for (guint j = 0; j < themes->len; j++)
        if (g_array_index (themes, Theme, j).parent == t->id)
          g_ptr_array_add (order, &g_array_index (themes, Theme, j));
    }
  for (guint i = 0; i < order->len; i++)
    {
      Theme *t = order->pdata[i];

      if (t->parent == 0)
        {
          g_ptr_array_add (labels, t->name);
          g_array_append_val (counts, t->count);
        }
    }
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY,
                       _("The coding frame the team applied to the contributions: each theme "
                         "with the number of contributions it was given to, and up to three "
                         "published contributions quoted as they were written (highlighted "
                         "ones first)."));
  dlg_report_doc_bar_chart (doc, _("Contributions by theme"), labels->len,
                            (const char **) labels->pdata,
                            (const gint64 *) (gpointer) counts->data);
  for (guint i = 0; i < order->len; i++)
    {
      Theme *t = order->pdata[i];
      /* Translators: a theme's name, then how many contributions it was given to */
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%s (%ld contribution)",
                                                             "%s (%ld contributions)", t->count),
                                                t->name, (long) t->count);

      if (cancelled (r, error))
        return FALSE;
      if (t->parent == 0)
        dlg_report_doc_heading (doc, 2, title);
      else
        dlg_report_doc_text (doc, DLG_REPORT_TEXT_LABEL, title);
      dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, t->description);
      if (!theme_quotes (r, t->id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
recommendation_sources (Report  *r,
                        gint64   id,
                        GError **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (r->store, sql_sources, error);
  const double widths[] = { 0.1, 0.56, 0.16, 0.18 };
  const char *header[] = { _("No."), _("Contribution"), _("Channel"), _("Date") };

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  dlg_report_doc_text (r->doc, DLG_REPORT_TEXT_LABEL, _("The contributions it comes from"));
  dlg_report_doc_table_begin (r->doc, 4, widths, header);
  while (step (r, stmt, error))
    {
      g_autofree char *number = count_text (sqlite3_column_int64 (stmt, 0));
      g_autofree char *date = format_short_date (text_at (stmt, 5));
      gboolean trashed = g_str_equal (text_at (stmt, 6), "trashed");
      const char *title = text_at (stmt, 1);
      const char *cells[] = {
        number,
        trashed ? _("(moderated: not quoted)") : *title != '\0' ? title : text_at (stmt, 2),
        dlg_vocabulary_get_label (&dlg_vocabulary_channel, text_at (stmt, 3)), date,
      };

      dlg_report_doc_table_row (r->doc, cells);
    }
  dlg_report_doc_table_end (r->doc, _("It was not linked to any contribution."));
  if (*error != NULL)
    return FALSE;
  return TRUE;
}

static gboolean
section_recommendations (Report  *r,
                         GError **error)
{
  DlgReportDoc *doc = r->doc;
  g_autoptr(DlgStmt) stmt = NULL;
  guint n = 0;

  dlg_report_doc_heading (doc, 1, _("6. Recommendations and the argued response"));
  {
    g_autoptr(DlgStmt) response = prepare (r, sql_response, error);

    if (response == NULL)
      return FALSE;
    if (step (r, response, error))
      {
        g_autofree char *published = format_date (dlg_stmt_get_text (response, 1));

        dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, text_at (response, 0));
        dlg_report_doc_field (doc, _("Response published"),
                              *published != '\0' ? published : _("Not yet"));
      }
    if (*error != NULL)
      return FALSE;
  }
  if (!(stmt = prepare (r, sql_recommendations, error)))
    return FALSE;
  while (step (r, stmt, error))
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      /* Translators: a recommendation's number, then its title */
      g_autofree char *title = g_strdup_printf (_("Recommendation %d: %s"),
                                                sqlite3_column_int (stmt, 1), text_at (stmt, 2));
      const char *position = dlg_stmt_get_text (stmt, 9);

      n++;
      if (cancelled (r, error))
        return FALSE;
      dlg_report_doc_heading (doc, 2, title);
      dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, text_at (stmt, 3));
      if (!recommendation_sources (r, id, error))
        return FALSE;

      dlg_report_doc_text (doc, DLG_REPORT_TEXT_LABEL, _("Review by the departments"));
      if (sqlite3_column_int (stmt, 11))
        {
          dlg_report_doc_field (doc, _("Department"), text_at (stmt, 4));
          dlg_report_doc_field (doc, _("Feasibility"), text_at (stmt, 5));
          dlg_report_doc_field (doc, _("Cost"), text_at (stmt, 6));
          dlg_report_doc_field (doc, _("Legal constraints"), text_at (stmt, 7));
          if (*text_at (stmt, 8) != '\0')
            dlg_report_doc_field (doc, _("Proposed position"),
                                  dlg_vocabulary_get_label (&dlg_vocabulary_proposed_position,
                                                            text_at (stmt, 8)));
        }
      else
        dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, _("Not reviewed."));

      dlg_report_doc_text (doc, DLG_REPORT_TEXT_LABEL,
                           _("Decision of elected officials and senior management"));
      if (!decision_rows (r, sql_validations, id, FALSE, error))
        return FALSE;

      dlg_report_doc_text (doc, DLG_REPORT_TEXT_LABEL, _("Argued response"));
      dlg_report_doc_field (doc, _("Position"),
                            *position != '\0'
                            ? dlg_vocabulary_get_label (&dlg_vocabulary_position, position)
                            : _("No position yet"));
      dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, text_at (stmt, 10));
    }
  if (*error != NULL)
    return FALSE;
  if (n == 0)
    dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY,
                         _("The citizens’ opinion has no recommendation yet."));
  return TRUE;
}

static gboolean
section_commitments (Report  *r,
                     GError **error)
{
  DlgReportDoc *doc = r->doc;
  g_autoptr(DlgStmt) stmt = prepare (r, sql_commitments, error);
  guint n = 0;

  if (stmt == NULL)
    return FALSE;
  dlg_report_doc_heading (doc, 1, _("7. Commitments"));
  while (step (r, stmt, error))
    {
      g_autoptr(DlgStmt) updates = dlg_store_prepare (r->store, sql_updates, error);
      g_autofree char *due = format_date (dlg_stmt_get_text (stmt, 3));
      /* Translators: a recommendation's number, then its title */
      g_autofree char *from = g_strdup_printf (_("Recommendation %d: %s"),
                                               sqlite3_column_int (stmt, 6), text_at (stmt, 7));
      const double widths[] = { 0.17, 0.17, 0.18, 0.48 };
      const char *header[] = { _("Date"), _("Status"), _("Progress"), _("Update") };

      n++;
      if (updates == NULL)
        return FALSE;
      dlg_report_doc_heading (doc, 2, text_at (stmt, 1));
      dlg_report_doc_field (doc, _("From"), from);
      dlg_report_doc_field (doc, _("Owner"), text_at (stmt, 2));
      dlg_report_doc_field (doc, _("Due"), *due != '\0' ? due : _("No date"));
      dlg_report_doc_field (doc, _("Status"),
                            dlg_vocabulary_get_label (&dlg_vocabulary_commitment_status,
                                                      text_at (stmt, 4)));
      dlg_report_doc_progress (doc, sqlite3_column_int (stmt, 5));
      dlg_report_doc_space (doc, 4);
      sqlite3_bind_int64 (updates, 1, sqlite3_column_int64 (stmt, 0));
      dlg_report_doc_table_begin (doc, 4, widths, header);
      while (step (r, updates, error))
        {
          g_autofree char *date = format_short_date (text_at (updates, 0));
          g_autofree char *progress = g_strdup_printf ("%d %%", sqlite3_column_int (updates, 1));
          const char *cells[] = {
            date,
            dlg_vocabulary_get_label (&dlg_vocabulary_commitment_update_status,
                                      text_at (updates, 2)),
            progress, text_at (updates, 3),
          };

          dlg_report_doc_table_row (doc, cells);
        }
      dlg_report_doc_table_end (doc, _("No update yet."));
      if (*error != NULL)
        return FALSE;
    }
  if (*error != NULL)
    return FALSE;
  if (n == 0)
    dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, _("No commitment was made yet."));
  return TRUE;
}

static gboolean
section_follow_up (Report  *r,
                   GError **error)
{
  DlgReportDoc *doc = r->doc;
  g_autoptr(DlgStmt) stmt = prepare (r, sql_follow_ups, error);
  guint n = 0;

  if (stmt == NULL)
    return FALSE;
  dlg_report_doc_heading (doc, 1, _("8. Follow-up"));
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY,
                       _("The citizens’ right to follow-up: meetings of the follow-up "
                         "committee, published status reports and participatory evaluations."));
  while (step (r, stmt, error))
    {
      g_autofree char *date = format_date (text_at (stmt, 1));
      g_autofree char *title = g_strdup_printf ("%s — %s", date, text_at (stmt, 2));

      n++;
      dlg_report_doc_heading (doc, 2, title);
      dlg_report_doc_field (doc, _("Kind"),
                            dlg_vocabulary_get_label (&dlg_vocabulary_follow_up_kind,
                                                      text_at (stmt, 0)));
      dlg_report_doc_field (doc, _("Published"),
                            sqlite3_column_int (stmt, 4) ? _("Yes") : _("No"));
      dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, text_at (stmt, 3));
    }
  if (*error != NULL)
    return FALSE;
  if (n == 0)
    dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, _("No follow-up meeting was held yet."));
  return TRUE;
}

static gboolean
section_journal (Report  *r,
                 GError **error)
{
  DlgReportDoc *doc = r->doc;
  g_autoptr(DlgStmt) stmt = prepare (r, sql_journal, error);
  g_autoptr(GError) broken = NULL;
  gint64 n_checked = 0;

  if (stmt == NULL)
    return FALSE;
  dlg_report_doc_heading (doc, 1, _("9. The journal and how to verify it"));
  /* An aggregate always has its row: FALSE is an error */
  if (!step (r, stmt, error))
    return FALSE;
  {
    g_autofree char *n = count_text (sqlite3_column_int64 (stmt, 0));
    g_autofree char *first = format_date (text_at (stmt, 1));
    g_autofree char *last = format_date (text_at (stmt, 2));
    g_autofree char *number = count_text (r->process_id);

    dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY,
                         _("Every decision and publication of the process is an entry of an "
                           "append-only journal. Each entry carries the SHA-256 hash of the "
                           "entry before it, and its own hash covers all its fields and that "
                           "link: changing, removing or reordering any entry changes every hash "
                           "after it, down to the last one printed here."));
    dlg_report_doc_field (doc, _("Process number (in the hashes)"), number);
    dlg_report_doc_field (doc, _("Entries"), n);
    dlg_report_doc_field (doc, _("First entry"), first);
    dlg_report_doc_field (doc, _("Last entry"), last);
  }
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_LABEL, _("Head hash (SHA-256 of the last entry)"));
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_MONO,
                       *text_at (stmt, 3) != '\0' ? text_at (stmt, 3) : _("(no entry)"));
  if (dlg_journal_verify (r->store, r->process_id, &n_checked, &broken))
    {
      /* Translators: the number of entries checked */
      g_autofree char *text = g_strdup_printf (_("When this report was made, the chain of its "
                                                 "%lld entries was checked intact."),
                                               (long long) n_checked);

      dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("When this report was made, the chain was "
                                                 "found broken: %s"), broken->message);

      dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY, text);
    }
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_LABEL, _("How anyone can verify it"));
  dlg_report_doc_text (doc, DLG_REPORT_TEXT_BODY,
                       _("1. Get the journal: from the public site, or as a file from the "
                         "team (dialogue-cli journal PROCESS --csv journal.csv).\n"
                         "2. For each entry in order, compute SHA-256 over “process:seq:” "
                         "followed, for each of at, actor, action, object type, object id, "
                         "summary and previous hash, by its length in bytes, “:” and the "
                         "text; entries with a stage, field, old or new value add “|v3|” "
                         "and these four the same way (“~” for one that is empty).\n"
                         "The first entry’s previous hash is 64 zeros.\n"
                         "3. Each result must equal the entry’s hash and the next entry’s "
                         "previous hash; the last must equal the head hash above.\n"
                         "With Dialogue: dialogue-cli journal PROCESS --verify."));
  return TRUE;
}

typedef gboolean (*SectionFunc) (Report  *r,
                                 GError **error);

static const SectionFunc sections[] = {
  section_process, section_actors, section_timeline, section_participation, section_themes,
  section_recommendations, section_commitments, section_follow_up, section_journal,
};

static gboolean
render_body (Report  *r,
             GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (sections); i++)
    {
      if (cancelled (r, error) || !sections[i] (r, error))
        return FALSE;
      report_progress (r, (double) (i + 1) / G_N_ELEMENTS (sections));
    }
  return TRUE;
}

static cairo_status_t
discard_cb (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  return CAIRO_STATUS_SUCCESS;
}

static void
set_metadata (cairo_surface_t *surface,
              Report          *r)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  /* Translators: the PDF's title; %s is the process's title */
  g_autofree char *title = g_strdup_printf (_("Bilan: %s"), dlg_process_get_title (r->process));

  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATOR, "Dialogue " PACKAGE_VERSION);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_CREATE_DATE, date);
  cairo_pdf_surface_set_metadata (surface, CAIRO_PDF_METADATA_SUBJECT,
                                  _("Report on a participatory process (bilan de la "
                                    "concertation)"));
}

static gboolean
surface_ok (cairo_surface_t *surface,
            const char      *path,
            GError         **error)
{
  cairo_status_t status = cairo_surface_status (surface);
  g_autofree char *name = NULL;

  if (status == CAIRO_STATUS_SUCCESS)
    return TRUE;
  name = g_filename_display_name (path);
  g_set_error (error, DLG_ERROR, DLG_ERROR_FAILED, _("Could not write the report to %s: %s"),
               name, cairo_status_to_string (status));
  return FALSE;
}

static gboolean
render (Report     *r,
        const char *tmp_path,
        int        *n_pages,
        GError    **error)
{
  cairo_surface_t *surface;
  g_autoptr(GArray) headings = NULL;
  g_autofree char *footer = NULL;
  g_autofree char *meta = NULL;
  int body_pages, toc_pages, total;
  gboolean ok;

  /* Translators: the footer of each page; %s is the process's title */
  footer = g_strdup_printf (_("Bilan — %s"), dlg_process_get_title (r->process));

  /* First pass: where the headings fall */
  surface = cairo_pdf_surface_create_for_stream (discard_cb, NULL, 595.276, 841.890);
  r->doc = dlg_report_doc_new (surface, TRUE, 1, 0, footer);
  r->progress_base = 0;
  r->progress_span = 0.45;
  ok = render_body (r, error);
  headings = g_array_ref (dlg_report_doc_get_headings (r->doc));
  body_pages = dlg_report_doc_get_n_pages (r->doc);
  g_clear_pointer (&r->doc, dlg_report_doc_free);
  cairo_surface_finish (surface);
  cairo_surface_destroy (surface);
  if (!ok)
    return FALSE;

  /* Second pass: cover, contents, body */
  toc_pages = dlg_report_toc_n_pages (headings->len);
  total = 1 + toc_pages + body_pages;
  surface = cairo_pdf_surface_create (tmp_path, 595.276, 841.890);
  if (!surface_ok (surface, tmp_path, error))
    {
      cairo_surface_destroy (surface);
      return FALSE;
    }
  set_metadata (surface, r);
  r->doc = dlg_report_doc_new (surface, FALSE, 1, total, footer);
  {
    g_autoptr(GDateTime) now = g_date_time_new_now_local ();
    g_autofree char *today = dlg_date_time_format (now, C_("report date", "%-d %B %Y"));
    DlgStage current = dlg_process_get_current_stage (r->process);
    const char *stage = dlg_vocabulary_get_label (&dlg_vocabulary_stage,
                                                  dlg_stage_to_id (current));

    /* Translators: the date the report was made, then the stage the process is at */
    meta = g_strdup_printf (_("Report made on %s by Dialogue. The process is at the stage "
                              "“%s”."), today, stage);
  }
  dlg_report_doc_cover (r->doc, _("Bilan of the participatory process"),
                        dlg_process_get_title (r->process), dlg_process_get_summary (r->process),
                        meta);
  dlg_report_doc_new_page (r->doc);
  dlg_report_doc_toc (r->doc, _("Contents"), headings, 2 + toc_pages);
  dlg_report_doc_new_page (r->doc);
  r->progress_base = 0.45;
  r->progress_span = 0.5;
  ok = render_body (r, error);
  if (ok && dlg_report_doc_get_status (r->doc) != CAIRO_STATUS_SUCCESS)
    {
      g_autofree char *name = g_filename_display_name (tmp_path);

      g_set_error (error, DLG_ERROR, DLG_ERROR_FAILED, _("Could not write the report to %s: %s"),
                   name, cairo_status_to_string (dlg_report_doc_get_status (r->doc)));
      ok = FALSE;
    }
  if (ok && dlg_report_doc_get_n_pages (r->doc) != total)
    g_warning ("The report's two passes disagree: %d pages, then %d", total,
               dlg_report_doc_get_n_pages (r->doc));
  *n_pages = dlg_report_doc_get_n_pages (r->doc);
  g_clear_pointer (&r->doc, dlg_report_doc_free);
  cairo_surface_finish (surface);
  ok = ok && surface_ok (surface, tmp_path, error);
  cairo_surface_destroy (surface);
  return ok;
}

/**
 * dlg_report_render:
 * @path: the PDF to write (replaced only once it is complete)
 * @progress: (nullable): called from this thread with the share done
 * @n_pages: (out) (optional): the pages of the report
 *
 * Writes the bilan of @process_id as a PDF (A4, fonts embedded, a linked table of contents
 * and outline, page numbers). Text typed by anyone is laid out as text.
 */
gboolean
dlg_report_render (DlgStore           *store,
                   gint64              process_id,
                   const char         *path,
                   GCancellable       *cancellable,
                   DlgReportProgress   progress,
                   gpointer            user_data,
                   int                *n_pages,
                   GError            **error)
{
  Report r = { 0 };
  GError *local = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *base = NULL;
  g_autofree char *tmp_path = NULL;
  int pages = 0, fd;
  gboolean ok = FALSE;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  if (!(r.process = dlg_process_load (store, process_id, error)))
    return FALSE;
  dir = g_path_get_dirname (path);
  base = g_path_get_basename (path);
  tmp_path = g_strdup_printf ("%s/.%s.XXXXXX", dir, base);
  if ((fd = g_mkstemp (tmp_path)) < 0)
    {
      int saved = errno;
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved),
                   _("Could not write the report to %s: %s"), name, g_strerror (saved));
      g_object_unref (r.process);
      return FALSE;
    }
  close (fd);

  r.store = store;
  r.process_id = process_id;
  r.fields = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  r.cancellable = cancellable;
  r.progress = progress;
  r.progress_data = user_data;
  /* The sections test *error after their loops: give them one that is never NULL. */
  if (load_fields (&r, &local) && load_figures (&r, &local) &&
      render (&r, tmp_path, &pages, &local))
    {
      if (g_rename (tmp_path, path) == 0)
        ok = TRUE;
      else
        {
          int saved = errno;
          g_autofree char *name = g_filename_display_name (path);

          g_set_error (&local, G_IO_ERROR, g_io_error_from_errno (saved),
                       _("Could not write the report to %s: %s"), name, g_strerror (saved));
        }
    }
  if (!ok)
    {
      g_unlink (tmp_path);
      if (local != NULL)
        g_propagate_error (error, g_steal_pointer (&local));
    }
  else if (progress != NULL)
    progress (1.0, user_data);
  if (n_pages != NULL)
    *n_pages = ok ? pages : 0;
  figures_clear (&r.figures);
  g_hash_table_unref (r.fields);
  g_object_unref (r.process);
  return ok;
}

/* In a worker thread */

typedef struct
{
  char              *db_path;
  gint64             process_id;
  char              *path;
  DlgReportProgress  progress;
  gpointer           progress_data;
  GMainContext      *context;
  gint               pending;   /* a progress update is queued */
  double             fraction;
  GMutex             lock;
} RunData;

static void
run_data_free (RunData *data)
{
  g_free (data->db_path);
  g_free (data->path);
  g_clear_pointer (&data->context, g_main_context_unref);
  g_mutex_clear (&data->lock);
  g_free (data);
}

static gboolean
progress_idle_cb (gpointer user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);
  double fraction;

  g_mutex_lock (&data->lock);
  fraction = data->fraction;
  data->pending = FALSE;
  g_mutex_unlock (&data->lock);
  data->progress (fraction, data->progress_data);
  return G_SOURCE_REMOVE;
}

static void
thread_progress_cb (double   fraction,
                    gpointer user_data)
{
  GTask *task = user_data;
  RunData *data = g_task_get_task_data (task);
  gboolean queue;

  g_mutex_lock (&data->lock);
  data->fraction = fraction;
  queue = !data->pending;
  data->pending = TRUE;
  g_mutex_unlock (&data->lock);
  if (queue)
    g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_idle_cb,
                                g_object_ref (task), g_object_unref);
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(DlgStore) store = NULL;
  GError *error = NULL;
  int n_pages = 0;

  if ((store = dlg_store_open (data->db_path, &error)) != NULL &&
      dlg_report_render (store, data->process_id, data->path, cancellable,
                         data->progress != NULL ? thread_progress_cb : NULL, task, &n_pages,
                         &error))
    {
      g_task_return_int (task, n_pages);
      return;
    }
  g_task_return_error (task, error);
}

/**
 * dlg_report_render_async:
 * @store: a store on a file (the worker opens its own on the same file)
 *
 * Runs dlg_report_render() in a worker thread.
 */
void
dlg_report_render_async (DlgStore            *store,
                         gint64               process_id,
                         const char          *path,
                         GCancellable        *cancellable,
                         DlgReportProgress    progress,
                         gpointer             progress_data,
                         GAsyncReadyCallback  callback,
                         gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (DLG_IS_STORE (store));
  g_return_if_fail (path != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dlg_report_render_async);
  data = g_new0 (RunData, 1);
  data->db_path = g_strdup (dlg_store_get_path (store));
  data->process_id = process_id;
  data->path = g_strdup (path);
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_mutex_init (&data->lock);
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

gboolean
dlg_report_render_finish (DlgStore      *store,
                          GAsyncResult  *result,
                          int           *n_pages,
                          GError       **error)
{
  gssize pages;

  g_return_val_if_fail (g_task_is_valid (result, store), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dlg_report_render_async,
                        FALSE);

  pages = g_task_propagate_int (G_TASK (result), error);
  if (n_pages != NULL)
    *n_pages = pages < 0 ? 0 : (int) pages;
  return pages >= 0;
}
