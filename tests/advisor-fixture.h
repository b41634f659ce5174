/* advisor-fixture.h — several processes of different yields, for the advisor's tests (core
 * and command line)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-core.h"
#include "dlg-store-private.h"

static gint64
new_process (DlgStore   *store,
             const char *title)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = dlg_process_create (store, title, &error);

  g_assert_no_error (error);
  return dlg_process_get_id (process);
}

static gint64
add_contribution (DlgStore   *store,
                  gint64      process_id,
                  const char *feature,
                  const char *channel,
                  const char *author,
                  const char *moderation)
{
  static const char sql[] =
    "INSERT INTO contribution (uuid, process_id, feature, channel, author_ref, title, body,"
    " created_at, moderation) VALUES (?1, ?2, ?3, ?4, ?5, 'T', 'B', '2025-01-01T00:00:00Z', ?6)";
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);
  g_autofree char *uuid = dlg_uuid_new ();

  g_assert_no_error (error);
  dlg_stmt_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, process_id);
  dlg_stmt_bind_text (stmt, 3, feature);
  dlg_stmt_bind_text (stmt, 4, channel);
  dlg_stmt_bind_text (stmt, 5, author);
  dlg_stmt_bind_text (stmt, 6, moderation);
  g_assert_true (dlg_store_step_done (store, stmt, &error));
  return sqlite3_last_insert_rowid (dlg_store_get_db (store));
}

static void
add_participant (DlgStore   *store,
                 gint64      process_id,
                 const char *channel,
                 const char *status)
{
  static const char sql[] =
    "INSERT INTO participant (uuid, process_id, channel, status, registered_at)"
    " VALUES (?1, ?2, ?3, ?4, '2025-01-01T00:00:00Z')";
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, &error);
  g_autofree char *uuid = dlg_uuid_new ();

  g_assert_no_error (error);
  dlg_stmt_bind_text (stmt, 1, uuid);
  sqlite3_bind_int64 (stmt, 2, process_id);
  dlg_stmt_bind_text (stmt, 3, channel);
  dlg_stmt_bind_text (stmt, 4, status);
  g_assert_true (dlg_store_step_done (store, stmt, &error));
}

static void
exec (DlgStore   *store,
      const char *sql)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (dlg_store_exec (store, sql, &error));
  g_assert_no_error (error);
}

/* A recommendation numbered @number, from @sources (0-terminated), with @value (or none). */
static gint64
add_recommendation (DlgStore     *store,
                    gint64        process_id,
                    int           number,
                    const gint64 *sources,
                    const char   *value)
{
  g_autofree char *sql = NULL;
  gint64 id;

  sql = g_strdup_printf ("INSERT INTO recommendation (uuid, process_id, number, title,"
                         " created_at) VALUES ('r-%" G_GINT64_FORMAT "-%d', %" G_GINT64_FORMAT
                         ", %d, 'Recommendation %d', '2025-02-01T00:00:00Z')",
                         process_id, number, process_id, number, number);
  exec (store, sql);
  id = sqlite3_last_insert_rowid (dlg_store_get_db (store));
  for (guint i = 0; sources[i] != 0; i++)
    {
      g_autofree char *link = g_strdup_printf ("INSERT INTO recommendation_source VALUES"
                                               " (%" G_GINT64_FORMAT ", %" G_GINT64_FORMAT ")",
                                               id, sources[i]);
      exec (store, link);
    }
  if (value != NULL)
    {
      g_autofree char *position = g_strdup_printf ("INSERT INTO position (uuid,"
                                                   " recommendation_id, value, justification,"
                                                   " updated_at) VALUES ('p-%" G_GINT64_FORMAT
                                                   "', %" G_GINT64_FORMAT ", '%s', 'Because.',"
                                                   " '2025-03-01')", id, id, value);
      exec (store, position);
    }
  return id;
}

/* The yields, by hand:
 *
 * Parc (design)
 *   ideas: 12 counted (a trashed 13th is not): authors u1 ×4, u2 ×3, u3 ×2, u4 ×1 and two
 *     without a reference → 4 + 2 = 6 contributors; 3 in person; 4 of them (c[0..3]) are the
 *     sources of R1 (c0, c1: retained), R2 (c2 and the map's m0: not retained), R3 (c3:
 *     partly retained) → 3 recommendations, 2 retained.
 *   map: 5, authors a1 ×2, a2 ×3 → 2 contributors; all online; m0 linked → 1 recommendation
 *     (R2), 0 retained.
 *   recruitment: 6 registrations, one erased → 5; 2 of them in person (the erased one was by
 *     phone).
 * Quartier (evaluation)
 *   ideas: 4, all by x, by mail → 1 contributor, 4 offline, none linked.
 *   questionnaire: 8 anonymous, online → 8 contributors; q0 and q1 are the sources of R1
 *     (already done: not counted as retained) → 2 linked, 1 recommendation, 0 retained.
 */
/* The yields, by hand:
 *
 * Parc (design)
 *   ideas: 12 counted (a trashed 13th is not): authors u1 ×4, u2 ×3, u3 ×2, u4 ×1 and two
 *     without a reference → 4 + 2 = 6 contributors; 3 in person; 4 of them (c[0..3]) are the
 *     sources of R1 (c0, c1: retained), R2 (c2 and the map's m0: not retained), R3 (c3:
 *     partly retained) → 3 recommendations, 2 retained.
 *   map: 5, authors a1 ×2, a2 ×3 → 2 contributors; all online; m0 linked → 1 recommendation
 *     (R2), 0 retained.
 *   recruitment: 6 registrations, one erased → 5; 2 of them in person (the erased one was by
 *     phone).
 * Quartier (evaluation)
 *   ideas: 4, all by x, by mail → 1 contributor, 4 offline, none linked.
 *   questionnaire: 8 anonymous, online → 8 contributors; q0 and q1 are the sources of R1
 *     (already done: not counted as retained) → 2 linked, 1 recommendation, 0 retained.
 */
static void
advisor_fixture_fill (DlgStore *store,
                      gint64   *parc,
                      gint64   *quartier,
                      gint64   *advised)
{
  const char *idea_authors[] = { "u1", "u1", "u1", "u1", "u2", "u2", "u2", "u3", "u3", "u4",
                                 "", "" };
  const char *idea_channels[] = { "online", "in_person", "online", "online", "in_person",
                                  "online", "online", "online", "in_person", "online",
                                  "online", "online" };
  gint64 c[12], m[5], q[8];

  *parc = new_process (store, "Parc de la Gaudinière");
  *quartier = new_process (store, "Quartier Bottière");
  *advised = new_process (store, "Place Graslin");

  for (guint i = 0; i < G_N_ELEMENTS (c); i++)
    c[i] = add_contribution (store, *parc, "ideas", idea_channels[i], idea_authors[i],
                             "published");
  add_contribution (store, *parc, "ideas", "in_person", "u9", "trashed");
  for (guint i = 0; i < G_N_ELEMENTS (m); i++)
    m[i] = add_contribution (store, *parc, "map", "online", i < 2 ? "a1" : "a2",
                             "published");
  for (guint i = 0; i < 5; i++)
    add_participant (store, *parc, i < 2 ? "in_person" : "online", "registered");
  add_participant (store, *parc, "phone", "erased");
  add_recommendation (store, *parc, 1, (gint64[]) { c[0], c[1], 0 }, "retained");
  add_recommendation (store, *parc, 2, (gint64[]) { c[2], m[0], 0 }, "not_retained");
  add_recommendation (store, *parc, 3, (gint64[]) { c[3], 0 }, "partly_retained");

  for (guint i = 0; i < 4; i++)
    add_contribution (store, *quartier, "ideas", "mail", "x", "pending");
  for (guint i = 0; i < G_N_ELEMENTS (q); i++)
    q[i] = add_contribution (store, *quartier, "questionnaire", "online", "",
                             "published");
  add_recommendation (store, *quartier, 1, (gint64[]) { q[0], q[1], 0 }, "already_done");
}

