/* contribution-fixture.h — many contributions, fast, for the list test and its benchmark
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-core.h"
#include "dlg-store-private.h"

static const char *fixture_words[] = {
  "vélo", "piste", "arbre", "banc", "place", "marché", "école", "parc", "bus", "tramway",
  "ombre", "fontaine", "jeux", "bruit", "parking", "trottoir", "lumière", "fleurs", "sécurité",
  "propreté",
};
static const char *fixture_channels[] = { "online", "in_person", "mail", "phone" };
static const char *fixture_features[] = { "ideas", "map", "debate", "questionnaire" };
static const char *fixture_moderations[] = { "pending", "published", "trashed" };

/* Inserts @n contributions in @pid in one transaction. Row i (1-based) has channel
 * channels[i % 4], feature features[i % 4] shifted (i / 4 % 4), moderation (i % 3), a created_at
 * that grows with i (so row 1 is the oldest), and the words i % 20 and i % 7 in its body;
 * every 1000th row also says "needle". */
static void
fixture_insert_contributions (DlgStore *store,
                              gint64    pid,
                              guint     n)
{
  static const char sql[] =
    "INSERT INTO contribution (uuid, process_id, feature, channel, title, body, created_at,"
    " moderation) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) start = g_date_time_new_utc (2024, 1, 1, 0, 0, 0);

  g_assert_true (dlg_store_begin (store, &error));
  for (guint i = 1; i <= n; i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);
      g_autofree char *uuid = dlg_uuid_new ();
      g_autofree char *title = g_strdup_printf ("Contribution %u", i);
      g_autofree char *body = g_strdup_printf ("Plus de %s près du %s%s", fixture_words[i % 20],
                                               fixture_words[i % 7],
                                               i % 1000 == 0 ? " needle" : "");
      g_autoptr(GDateTime) at = g_date_time_add_seconds (start, i * 60.0);
      g_autofree char *created = g_date_time_format (at, "%Y-%m-%dT%H:%M:%SZ");

      g_assert_no_error (error);
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, pid);
      dlg_stmt_bind_text (stmt, 3, fixture_features[(i / 4) % 4]);
      dlg_stmt_bind_text (stmt, 4, fixture_channels[i % 4]);
      dlg_stmt_bind_text (stmt, 5, title);
      dlg_stmt_bind_text (stmt, 6, body);
      dlg_stmt_bind_text (stmt, 7, created);
      dlg_stmt_bind_text (stmt, 8, fixture_moderations[i % 3]);
      g_assert_true (dlg_store_step_done (store, stmt, &error));
    }
  g_assert_true (dlg_store_commit (store, &error));
  g_assert_no_error (error);
}

/* Runs @sql with ?1 = @param and returns the integer it selects. */
G_GNUC_UNUSED static gint64
fixture_query_int64 (DlgStore   *store,
                     const char *sql,
                     gint64      param)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (dlg_store_get_db (store), sql, -1, &stmt, NULL), ==,
                   SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, param);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}
