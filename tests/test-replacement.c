/* test-replacement.c — invitations of a drawn panel and replacements from the reserve list
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include <glib/gstdio.h>

#include "dlg-core.h"

typedef struct
{
  DlgStore *store;
  gint64    process_id;
} Fixture;

/* Six volunteers, three women and three men; quotas of exactly two of each on a panel of 4. */
static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  static const char *const genders[] = { "woman", "man", "man", "woman", "man", "woman" };
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;

  f->store = dlg_store_open (":memory:", &error);
  g_assert_no_error (error);
  process = dlg_process_create (f->store, "Tirage", &error);
  g_assert_no_error (error);
  f->process_id = dlg_process_get_id (process);
  for (guint i = 0; i < G_N_ELEMENTS (genders); i++)
    {
      g_autoptr(DlgParticipant) p = dlg_participant_new (f->process_id);

      dlg_participant_set_gender (p, genders[i]);
      dlg_participant_set_age_band (p, "30-44");
      dlg_participant_set_consent (p, TRUE);
      dlg_participant_save (f->store, p, &error);
      g_assert_no_error (error);
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autoptr(DlgQuota) q = dlg_quota_new (f->process_id);

      dlg_quota_set_category (q, "gender");
      dlg_quota_set_value (q, i == 0 ? "woman" : "man");
      dlg_quota_set_min (q, 2);
      dlg_quota_set_max (q, 2);
      dlg_quota_save (f->store, q, &error);
      g_assert_no_error (error);
    }
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  g_clear_object (&f->store);
}

static DlgParticipant *
load (Fixture *f,
      gint64   id)
{
  g_autoptr(GError) error = NULL;
  DlgParticipant *p = dlg_participant_load (f->store, id, &error);

  g_assert_no_error (error);
  return p;
}

/* Draws and saves; returns the ids of the panel. */
static GArray *
draw (Fixture *f,
      guint32  seed)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawInput) input = NULL;
  g_autoptr(DlgDrawResult) result = NULL;
  g_auto(GStrv) ids = NULL;
  GArray *panel = g_array_new (FALSE, FALSE, sizeof (gint64));

  input = dlg_draw_input_new_for_process (f->store, f->process_id, 4, seed,
                                          DLG_DRAW_ALGORITHM_LEXIMIN, &error);
  g_assert_no_error (error);
  result = dlg_draw_run (input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_draw_count_saved (f->store, f->process_id, NULL), ==, 0);
  dlg_draw_save (f->store, f->process_id, result, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_draw_count_saved (f->store, f->process_id, NULL), ==, 1);
  ids = dlg_draw_result_dup_panel_ids (result);
  for (guint i = 0; ids[i] != NULL; i++)
    {
      gint64 id = g_ascii_strtoll (ids[i], NULL, 10);

      g_array_append_val (panel, id);
    }
  g_assert_cmpuint (panel->len, ==, 4);
  return panel;
}

/* How many of the panel (selected, invited, accepted) have @gender. */
static guint
count_gender (Fixture    *f,
              const char *gender)
{
  g_autoptr(GListModel) all = dlg_participant_list (f->store, f->process_id, NULL);
  guint n = 0;

  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DlgParticipant) p = g_list_model_get_item (all, i);
      const char *status = dlg_participant_get_status (p);

      if (g_strv_contains ((const char *const[]) { "selected", "invited", "accepted", NULL },
                           status)
          && g_str_equal (dlg_participant_get_gender (p), gender))
        n++;
    }
  return n;
}

static void
test_keeps_quotas (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) panel = NULL;
  g_autoptr(GListModel) journal = NULL;
  g_autoptr(DlgJournalEntry) last = NULL;
  guint n_entries;

  /* Every seed: whatever the reserve order, a woman who declines is replaced by a woman. */
  for (guint32 seed = 1; seed <= 6; seed++)
    {
      gint64 woman = 0, replacement;
      gint first_rank = G_MAXINT;

      g_clear_object (&f->store);
      fixture_setup (f, NULL);
      g_clear_pointer (&panel, g_array_unref);
      panel = draw (f, seed);
      for (guint i = 0; i < panel->len; i++)
        {
          g_autoptr(DlgParticipant) p = load (f, g_array_index (panel, gint64, i));

          g_assert_cmpstr (dlg_participant_get_status (p), ==, "selected");
          dlg_draw_set_invitation (f->store, f->process_id, dlg_participant_get_id (p),
                                   "invited", &error);
          g_assert_no_error (error);
          if (g_str_equal (dlg_participant_get_gender (p), "woman"))
            woman = dlg_participant_get_id (p);
        }
      g_assert_cmpint (woman, !=, 0);

      /* not declined yet: no replacement */
      g_assert_cmpint (dlg_draw_pick_replacement (f->store, f->process_id, woman, &error), ==, 0);
      g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
      g_clear_error (&error);

      dlg_draw_set_invitation (f->store, f->process_id, woman, "declined", &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count_gender (f, "woman"), ==, 1);

      replacement = dlg_draw_pick_replacement (f->store, f->process_id, woman, &error);
      g_assert_no_error (error);
      {
        g_autoptr(DlgParticipant) r = load (f, replacement);
        g_autoptr(GListModel) all = dlg_participant_list (f->store, f->process_id, NULL);

        g_assert_cmpstr (dlg_participant_get_status (r), ==, "reserve");
        g_assert_cmpstr (dlg_participant_get_gender (r), ==, "woman");
        /* the first woman of the reserve list */
        for (guint i = 0; i < g_list_model_get_n_items (all); i++)
          {
            g_autoptr(DlgParticipant) p = g_list_model_get_item (all, i);

            if (g_str_equal (dlg_participant_get_status (p), "reserve")
                && g_str_equal (dlg_participant_get_gender (p), "woman"))
              first_rank = MIN (first_rank, dlg_participant_get_reserve_rank (p));
          }
        g_assert_cmpint (dlg_participant_get_reserve_rank (r), ==, first_rank);
      }

      dlg_draw_replace (f->store, f->process_id, woman, replacement, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (count_gender (f, "woman"), ==, 2);
      g_assert_cmpuint (count_gender (f, "man"), ==, 2);
      {
        g_autoptr(DlgParticipant) w = load (f, woman);
        g_autoptr(DlgParticipant) r = load (f, replacement);

        g_assert_cmpstr (dlg_participant_get_status (w), ==, "replaced");
        g_assert_cmpstr (dlg_participant_get_status (r), ==, "invited");
      }
      /* replaced once: not twice */
      g_assert_false (dlg_draw_replace (f->store, f->process_id, woman, replacement, &error));
      g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
      g_clear_error (&error);
    }

  journal = dlg_journal_list (f->store, f->process_id, &error);
  g_assert_no_error (error);
  n_entries = g_list_model_get_n_items (journal);
  g_assert_cmpuint (n_entries, >, 0);
  last = g_list_model_get_item (journal, 0);
  {
    gboolean found = FALSE;

    for (guint i = 0; i < n_entries; i++)
      {
        g_autoptr(DlgJournalEntry) e = g_list_model_get_item (journal, i);

        found |= g_str_equal (dlg_journal_entry_get_action (e), "draw.replace");
      }
    g_assert_true (found);
  }
  g_assert_true (dlg_journal_verify (f->store, f->process_id, NULL, &error));
  g_assert_no_error (error);
}

/* When no reserve fits, say so and change nothing. */
static void
test_none_fits (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) panel = draw (f, 7);
  g_autoptr(GListModel) all = NULL;
  gint64 woman = 0;

  for (guint i = 0; i < panel->len; i++)
    {
      g_autoptr(DlgParticipant) p = load (f, g_array_index (panel, gint64, i));

      if (g_str_equal (dlg_participant_get_gender (p), "woman"))
        woman = dlg_participant_get_id (p);
    }
  /* the women of the reserve list withdraw */
  all = dlg_participant_list (f->store, f->process_id, NULL);
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      g_autoptr(DlgParticipant) p = g_list_model_get_item (all, i);

      if (g_str_equal (dlg_participant_get_status (p), "reserve")
          && g_str_equal (dlg_participant_get_gender (p), "woman"))
        {
          dlg_participant_set_status (p, "erased");
          dlg_participant_save (f->store, p, &error);
          g_assert_no_error (error);
        }
    }
  dlg_draw_set_invitation (f->store, f->process_id, woman, "declined", &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_draw_pick_replacement (f->store, f->process_id, woman, &error), ==, 0);
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* an invitation status is one of four */
  g_assert_false (dlg_draw_set_invitation (f->store, f->process_id, woman, "erased", &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
}

/* The panel's contacts for a mail merge: RFC 4180 (quotes doubled, fields with a comma, a quote
 * or a line break quoted, CRLF), UTF-8 as typed; the journal says how many and which file,
 * without the contacts; with no panel, nothing is written and nothing journaled. */
static void
test_contacts_csv (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) panel = NULL;
  g_autofree char *dir = g_dir_make_tmp ("dialogue-contacts-XXXXXX", &error);
  g_autofree char *path = g_build_filename (dir, "invitations.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autofree char *csv = NULL;
  g_autofree char *expected = NULL;
  g_autoptr(GListModel) journal = NULL;
  g_autoptr(DlgJournalEntry) last = NULL;
  g_autoptr(GString) rows = g_string_new ("Name,Email,Phone,Address,Status\r\n");
  const char *names[] = { "Éloïse Le Bihan", "Dupont, Jean", "Ana \"Nana\" Ferreira",
                          "Loïc Nguyễn" };
  const char *quoted[] = { "Éloïse Le Bihan", "\"Dupont, Jean\"", "\"Ana \"\"Nana\"\" Ferreira\"",
                           "Loïc Nguyễn" };
  guint n = 0;

  g_assert_no_error (error);
  /* no panel yet */
  g_assert_false (dlg_participant_contact_export_panel (f->store, f->process_id, file, &n,
                                                        &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  panel = draw (f, 42);
  for (guint i = 0; i < panel->len; i++)
    {
      g_autoptr(DlgParticipantContact) c =
        dlg_participant_contact_new (g_array_index (panel, gint64, i));

      dlg_participant_contact_set_full_name (c, names[i]);
      dlg_participant_contact_set_email (c, i == 1 ? "jean.dupont@example.org" : "");
      dlg_participant_contact_set_phone (c, i == 2 ? "+33 6 00 00 00 00" : "");
      dlg_participant_contact_set_address (c, i == 3 ? "2 rue de l’Île\n44000 Nantes" : "");
      dlg_participant_contact_save (f->store, c, &error);
      g_assert_no_error (error);
    }
  g_assert_true (dlg_participant_contact_export_panel (f->store, f->process_id, file, &n,
                                                       &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 4);
  g_file_get_contents (path, &csv, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (g_utf8_validate (csv, -1, NULL));

  /* rows in the order of the registrations */
  {
    g_autoptr(GListModel) all = dlg_participant_list (f->store, f->process_id, NULL);

    for (guint i = 0; i < g_list_model_get_n_items (all); i++)
      {
        g_autoptr(DlgParticipant) p = g_list_model_get_item (all, i);

        for (guint j = 0; j < panel->len; j++)
          if (g_array_index (panel, gint64, j) == dlg_participant_get_id (p))
            g_string_append_printf (rows, "%s,%s,%s,%s,Not invited yet\r\n", quoted[j],
                                    j == 1 ? "jean.dupont@example.org" : "",
                                    j == 2 ? "+33 6 00 00 00 00" : "",
                                    j == 3 ? "\"2 rue de l’Île\n44000 Nantes\"" : "");
      }
  }
  g_assert_cmpstr (csv, ==, rows->str);
  /* and it reads back */
  {
    g_autoptr(GPtrArray) parsed = dlg_csv_parse (csv, strlen (csv), "invitations.csv", &error);

    g_assert_no_error (error);
    g_assert_cmpuint (parsed->len, ==, 5);
  }

  journal = dlg_journal_list (f->store, f->process_id, &error);
  g_assert_no_error (error);
  last = g_list_model_get_item (journal, g_list_model_get_n_items (journal) - 1);
  g_assert_cmpstr (dlg_journal_entry_get_action (last), ==, "panel.contacts_export");
  g_assert_nonnull (strstr (dlg_journal_entry_get_summary (last), "4 panel members"));
  g_assert_nonnull (strstr (dlg_journal_entry_get_summary (last), "“invitations.csv”"));
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    g_assert_null (strstr (dlg_journal_entry_get_summary (last), names[i]));
  dlg_journal_verify (f->store, f->process_id, NULL, &error);
  g_assert_no_error (error);
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/core/draw/contacts-csv", Fixture, NULL, fixture_setup, test_contacts_csv,
              fixture_teardown);
  g_test_add ("/core/draw/replacement-keeps-quotas", Fixture, NULL, fixture_setup,
              test_keeps_quotas, fixture_teardown);
  g_test_add ("/core/draw/replacement-none-fits", Fixture, NULL, fixture_setup,
              test_none_fits, fixture_teardown);
  return g_test_run ();
}
