/* test-demo-stages.c — the demo at any stage, for training: consistent with the stage rules
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <string.h>

#include "dlg-core.h"

static DlgStore *
open_store (void)
{
  g_autoptr(GError) error = NULL;
  DlgStore *store = dlg_store_open (":memory:", &error);

  g_assert_no_error (error);
  return store;
}

/* At each stage: the stages before done, the stage in progress with what closing it needs,
 * the later ones not started; asking again gives the same process. */
static void
test_each_stage (gconstpointer data)
{
  DlgStage target = GPOINTER_TO_UINT (data);
  g_autoptr(DlgStore) store = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) stages = NULL;
  gboolean created = FALSE;
  gint64 id, again;

  id = dlg_demo_ensure_at (store, target, &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  g_assert_true (created);
  again = dlg_demo_ensure_at (store, target, &created, &error);
  g_assert_no_error (error);
  g_assert_cmpint (again, ==, id);
  g_assert_false (created);

  stages = dlg_stage_list (store, id, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < g_list_model_get_n_items (stages); i++)
    {
      g_autoptr(DlgStageInfo) info = g_list_model_get_item (stages, i);
      DlgStage stage = dlg_stage_info_get_stage (info);
      DlgStageState expected = stage < target ? DLG_STAGE_STATE_DONE
                               : stage == target ? DLG_STAGE_STATE_IN_PROGRESS
                               : DLG_STAGE_STATE_NOT_STARTED;

      g_assert_cmpint (dlg_stage_info_get_state (info), ==, expected);
    }

  /* The journal's chain holds. */
  g_assert_true (dlg_journal_verify (store, id, NULL, &error));
  g_assert_no_error (error);

  /* What the stage holds is enough to close it, as the rules say; but at the implementation,
   * whose commitments are under way, and the rule says so. */
  if (target == DLG_STAGE_IMPLEMENTATION)
    {
      g_auto(GStrv) blockers = dlg_stage_blockers (store, id, target, DLG_TRANSITION_DONE,
                                                   &error);

      g_assert_no_error (error);
      g_assert_nonnull (blockers);
      g_assert_nonnull (strstr (blockers[0], "commitments are not done"));
    }
  else
  {
    g_auto(GStrv) blockers = dlg_stage_blockers (store, id, target, DLG_TRANSITION_DONE, &error);

    g_assert_no_error (error);
    if (blockers != NULL && blockers[0] != NULL)
      g_error ("%s: %s", dlg_stage_to_id (target), blockers[0]);
  }
  if (target != DLG_STAGE_IMPLEMENTATION)
    {
      g_assert_true (dlg_stage_apply (store, id, target, DLG_TRANSITION_DONE, NULL, &error));
      g_assert_no_error (error);
    }

  /* Nothing is told of a stage not reached: no published narrative, no item done, ahead. */
  {
    g_autoptr(GListModel) items = dlg_communication_item_list (store, id, &error);

    for (guint i = 0; i < g_list_model_get_n_items (items); i++)
      {
        g_autoptr(DlgCommunicationItem) item = g_list_model_get_item (items, i);
        DlgStage stage;

        g_assert_true (dlg_stage_from_id (dlg_communication_item_get_stage (item), &stage));
        if (stage > target)
          g_assert_cmpstr (dlg_communication_item_get_status (item), !=, "done");
      }
  }
}

/* From its seed: two stores, the same records (the first recommendation's uuid), and the demo
 * of the first run is the one at the workshop. */
static void
test_seeded (void)
{
  g_autoptr(DlgStore) a = open_store ();
  g_autoptr(DlgStore) b = open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) ra = NULL;
  g_autoptr(GListModel) rb = NULL;
  g_autoptr(DlgRecommendation) first_a = NULL;
  g_autoptr(DlgRecommendation) first_b = NULL;
  g_autoptr(GListModel) rw = NULL;
  g_autoptr(DlgRecommendation) first_w = NULL;
  gint64 workshop;
  gint64 id_a = dlg_demo_ensure_at (a, DLG_STAGE_REVIEW, NULL, &error);
  gint64 id_b = dlg_demo_ensure_at (b, DLG_STAGE_REVIEW, NULL, &error);

  g_assert_no_error (error);
  ra = dlg_recommendation_list (a, id_a, &error);
  rb = dlg_recommendation_list (b, id_b, &error);
  g_assert_cmpuint (g_list_model_get_n_items (ra), ==, 4);
  first_a = g_list_model_get_item (ra, 0);
  first_b = g_list_model_get_item (rb, 0);
  g_assert_cmpstr (dlg_recommendation_get_uuid (first_a), ==, dlg_recommendation_get_uuid (first_b));

  /* A second demo, at another stage, in the same database: its uuids are its own (they are
   * unique), its content the same. */
  workshop = dlg_demo_ensure_at (a, DLG_STAGE_WORKSHOP, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (workshop, >, id_a);
  rw = dlg_recommendation_list (a, workshop, &error);
  g_assert_no_error (error);
  first_w = g_list_model_get_item (rw, 0);
  g_assert_cmpstr (dlg_recommendation_get_uuid (first_w), !=, dlg_recommendation_get_uuid (first_a));
  g_assert_cmpstr (dlg_recommendation_get_title (first_w), ==, dlg_recommendation_get_title (first_a));
  g_assert_cmpint (dlg_demo_ensure (b, NULL, &error), ==, id_b);   /* any demo will do */
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      g_autofree char *path = g_strdup_printf ("/core/demo/stage/%s", dlg_stage_to_id (i));

      g_test_add_data_func (path, GUINT_TO_POINTER (i), test_each_stage);
    }
  g_test_add_func ("/core/demo/seeded", test_seeded);
  return g_test_run ();
}
