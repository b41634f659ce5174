/* dlg-synthesis.c — the synthesis of a process or of a theme
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the workbench's synthesis shows, for the whole process or for one theme (with its
 * sub-themes, each contribution once): how many contributions came by each channel, for each
 * feature, each week (Monday to Sunday, every week between the first and the last, empty ones
 * included, so that a chart's gaps are real) and from each area, and the contributions the
 * officer highlighted as quotes. Like the bilan, moderated contributions are counted and never
 * quoted. The area is the "quartier" a contribution's answers carry (a form's field, or an
 * import's column mapped to it); the others are counted as "Not given".
 */

#define G_LOG_DOMAIN "dlg-synthesis"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-contribution.h"
#include "dlg-domain-private.h"
#include "dlg-record.h"
#include "dlg-synthesis.h"
#include "dlg-vocabularies.h"

#define MAX_WEEKS 520

/* ?1 the process, ?2 the theme (0: all). */
#define IN_SCOPE \
  " FROM contribution c WHERE c.process_id = ?1 AND (?2 = 0 OR c.id IN (" \
  "  WITH RECURSIVE sub (id) AS (SELECT ?2 UNION ALL" \
  "   SELECT th.id FROM theme th JOIN sub ON th.parent_id = sub.id)" \
  "  SELECT ct.contribution_id FROM contribution_theme ct WHERE ct.theme_id IN sub))"

static const char sql_channel[] =
  "SELECT coalesce (c.channel, ''), count (*)" IN_SCOPE " GROUP BY 1";
static const char sql_feature[] =
  "SELECT coalesce (c.feature, ''), count (*)" IN_SCOPE " GROUP BY 1";
static const char sql_week[] =
  "SELECT date (c.created_at, '-6 days', 'weekday 1') AS week, count (*)" IN_SCOPE
  " AND week IS NOT NULL GROUP BY week ORDER BY week";
static const char sql_area[] =
  "SELECT coalesce (trim (CASE WHEN json_valid (c.data_json)"
  "  THEN json_extract (c.data_json, '$.quartier') END), '') AS area, count (*)" IN_SCOPE
  " GROUP BY area ORDER BY area = '', count (*) DESC, area";

static const char quotes_where[] =
  "t.process_id = ?1 AND t.moderation <> 'trashed'"
  " AND EXISTS (SELECT 1 FROM contribution_annotation an"
  "  WHERE an.contribution_id = t.id AND an.highlighted)"
  " AND (?2 = 0 OR t.id IN (WITH RECURSIVE sub (id) AS (SELECT ?2 UNION ALL"
  "   SELECT th.id FROM theme th JOIN sub ON th.parent_id = sub.id)"
  "  SELECT ct.contribution_id FROM contribution_theme ct WHERE ct.theme_id IN sub))";

static void
bar_free (DlgSynthesisBar *bar)
{
  g_free (bar->key);
  g_free (bar->label);
  g_free (bar);
}

static DlgSynthesisBar *
bar_new (const char *key,
         const char *label,
         guint       count)
{
  DlgSynthesisBar *bar = g_new0 (DlgSynthesisBar, 1);

  bar->key = g_strdup (key);
  bar->label = g_strdup (label);
  bar->count = count;
  return bar;
}

static char *
week_label (GDate *date)
{
  return g_strdup_printf ("%02u/%02u", g_date_get_day (date), (guint) g_date_get_month (date));
}

/* Every week from the first to the last, those with none counted 0. */
static void
fill_weeks (GPtrArray  *bars,
            GPtrArray  *rows)
{
  GDate first, last, day;

  if (rows->len == 0)
    return;
  g_date_clear (&first, 1);
  g_date_clear (&last, 1);
  g_date_set_parse (&first, ((DlgSynthesisBar *) g_ptr_array_index (rows, 0))->key);
  g_date_set_parse (&last, ((DlgSynthesisBar *) g_ptr_array_index (rows, rows->len - 1))->key);
  if (!g_date_valid (&first) || !g_date_valid (&last)
      || g_date_days_between (&first, &last) > 7 * MAX_WEEKS)
    {
      /* Dates too far apart for a chart of weeks: the weeks that have some, as they are. */
      for (guint i = 0; i < rows->len; i++)
        {
          DlgSynthesisBar *row = g_ptr_array_index (rows, i);

          g_ptr_array_add (bars, bar_new (row->key, row->key, row->count));
        }
      return;
    }
  day = first;
  for (guint i = 0; g_date_compare (&day, &last) <= 0; g_date_add_days (&day, 7))
    {
      char key[16];
      g_autofree char *label = week_label (&day);
      guint count = 0;

      g_snprintf (key, sizeof key, "%04u-%02u-%02u", (guint) g_date_get_year (&day),
                  (guint) g_date_get_month (&day), (guint) g_date_get_day (&day));
      if (i < rows->len
          && g_str_equal (((DlgSynthesisBar *) g_ptr_array_index (rows, i))->key, key))
        count = ((DlgSynthesisBar *) g_ptr_array_index (rows, i++))->count;
      g_ptr_array_add (bars, bar_new (key, label, count));
    }
}

/**
 * dlg_synthesis_count:
 * @theme_id: a theme (its sub-themes' contributions count too, each once), or 0 for the whole
 *   process
 * @n_total: (out) (optional): how many contributions were counted
 *
 * Counts the contributions of a process (or of one of its themes) along @axis: channels and
 * features in their vocabulary's order (those with none left out), every week from the first
 * to the last (a week is named by its Monday; empty ones count 0), areas largest first with
 * "Not given" last.
 *
 * Returns: (transfer full) (element-type DlgSynthesisBar): the bars, or %NULL on error
 */
GPtrArray *
dlg_synthesis_count (DlgStore          *store,
                     gint64             process_id,
                     gint64             theme_id,
                     DlgSynthesisAxis   axis,
                     guint             *n_total,
                     GError           **error)
{
  static const char *const sql[] = {
    [DLG_SYNTHESIS_CHANNEL] = sql_channel, [DLG_SYNTHESIS_FEATURE] = sql_feature,
    [DLG_SYNTHESIS_WEEK] = sql_week, [DLG_SYNTHESIS_AREA] = sql_area,
  };
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) bar_free);
  g_autoptr(GPtrArray) bars = g_ptr_array_new_with_free_func ((GDestroyNotify) bar_free);
  g_autoptr(DlgStmt) stmt = NULL;
  guint total = 0;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (axis < DLG_SYNTHESIS_N_AXES, NULL);

  if (!(stmt = dlg_store_prepare (store, sql[axis], error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  sqlite3_bind_int64 (stmt, 2, theme_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *key = (const char *) sqlite3_column_text (stmt, 0);
      guint count = (guint) sqlite3_column_int64 (stmt, 1);

      g_ptr_array_add (rows, bar_new (key != NULL ? key : "", NULL, count));
      total += count;
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }

  switch (axis)
    {
    case DLG_SYNTHESIS_CHANNEL:
    case DLG_SYNTHESIS_FEATURE:
      {
        const DlgVocabulary *vocabulary = axis == DLG_SYNTHESIS_CHANNEL
          ? &dlg_vocabulary_channel : &dlg_vocabulary_feature;

        for (guint v = 0; v <= dlg_vocabulary_get_n_entries (vocabulary); v++)
          {
            const char *id = dlg_vocabulary_get_id (vocabulary, v);

            for (guint i = 0; i < rows->len; i++)
              {
                DlgSynthesisBar *row = g_ptr_array_index (rows, i);

                /* The vocabulary's values in order, then what it does not know as it is. */
                if (id != NULL ? g_str_equal (row->key, id)
                               : dlg_vocabulary_index (vocabulary, row->key) < 0)
                  g_ptr_array_add (bars, bar_new (row->key, *row->key != '\0'
                                                  ? dlg_vocabulary_get_label (vocabulary,
                                                                              row->key)
                                                  : _("Not given"), row->count));
              }
          }
      }
      break;
    case DLG_SYNTHESIS_WEEK:
      fill_weeks (bars, rows);
      break;
    case DLG_SYNTHESIS_AREA:
      for (guint i = 0; i < rows->len; i++)
        {
          DlgSynthesisBar *row = g_ptr_array_index (rows, i);

          g_ptr_array_add (bars, bar_new (row->key, *row->key != '\0' ? row->key
                                                                      : _("Not given"),
                                          row->count));
        }
      break;
    case DLG_SYNTHESIS_N_AXES:
    default:
      g_assert_not_reached ();
    }
  if (n_total != NULL)
    *n_total = total;
  return g_steal_pointer (&bars);
}

/**
 * dlg_synthesis_list_quotes:
 * @theme_id: a theme (with its sub-themes), or 0 for the whole process
 *
 * Returns: (transfer full): a #GListModel of the #DlgContribution the officer highlighted as
 *   quotes, moderated ones left out, newest first
 */
GListModel *
dlg_synthesis_list_quotes (DlgStore  *store,
                           gint64     process_id,
                           gint64     theme_id,
                           GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  return dlg_record_query (store, DLG_TYPE_CONTRIBUTION, quotes_where,
                           g_variant_new ("(xx)", process_id, theme_id), error);
}

/**
 * dlg_synthesis_axis_get_title:
 *
 * Returns: the translated title of a chart along @axis ("By channel")
 */
const char *
dlg_synthesis_axis_get_title (DlgSynthesisAxis axis)
{
  switch (axis)
    {
    case DLG_SYNTHESIS_CHANNEL:
      return _("By channel");
    case DLG_SYNTHESIS_FEATURE:
      return _("By feature");
    case DLG_SYNTHESIS_WEEK:
      return _("By week");
    case DLG_SYNTHESIS_AREA:
      return _("By area");
    case DLG_SYNTHESIS_N_AXES:
    default:
      g_return_val_if_reached (NULL);
    }
}
