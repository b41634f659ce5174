/* test-draw-engine.c — the draw engine alone: its error domain, linked without the store
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * This program links draw_dep only (libdialogue-draw over libdialogue-util): it stops building
 * the day the engine's headers or code need something of libdialogue-core.
 */

#include "config.h"

#include <glib/gstdio.h>

#include "dlg-draw.h"
#include "dlg-draw-csv.h"
#include "dlg-error.h"

static DlgDrawInput *
gender_input (guint size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawInput) input = dlg_draw_input_new ();

  dlg_draw_input_set_size (input, size);
  dlg_draw_input_set_seed (input, 7);
  dlg_draw_input_add_category (input, "Gender");
  dlg_draw_input_add_quota (input, "Gender", "F", 1, 2, -1, -1, &error);
  g_assert_no_error (error);
  dlg_draw_input_add_quota (input, "Gender", "M", 1, 2, -1, -1, &error);
  g_assert_no_error (error);
  return g_steal_pointer (&input);
}

static void
add_people (DlgDrawInput *input,
            const char   *genders)
{
  for (guint i = 0; genders[i] != '\0'; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("p%u", i);
      const char value[2] = { genders[i], '\0' };
      const char *values[] = { value, NULL };

      dlg_draw_input_add_person (input, id, values, NULL, &error);
      g_assert_no_error (error);
    }
}

static void
test_quota_errors (void)
{
  g_autoptr(DlgDrawInput) input = gender_input (2);
  g_autoptr(GError) error = NULL;

  g_assert_false (dlg_draw_input_add_quota (input, "", "F", 0, 1, -1, -1, &error));
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_QUOTA);
  g_assert_cmpstr (error->message, ==, "A quota needs a category and a value.");
  g_clear_error (&error);
  g_assert_false (dlg_draw_input_add_quota (input, "Age", "old", -1, 1, -1, -1, &error));
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_QUOTA);
  g_clear_error (&error);
  g_assert_false (dlg_draw_input_add_quota (input, "Age", "old", 3, 1, -1, -1, &error));
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_QUOTA);
  g_assert_cmpstr (error->message, ==,
                   "The minimum of Age=old (3) is greater than its maximum (1).");
  g_clear_error (&error);
  g_assert_false (dlg_draw_input_add_quota (input, "Gender", "F", 0, 1, -1, -1, &error));
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_QUOTA);
  g_assert_cmpstr (error->message, ==, "The quota of Gender=F is given twice.");
}

static void
test_person_errors (void)
{
  g_autoptr(DlgDrawInput) input = gender_input (2);
  g_autoptr(GError) error = NULL;
  const char *female[] = { "F", NULL };
  const char *other[] = { "X", NULL };

  g_assert_false (dlg_draw_input_add_person (input, "", female, NULL, &error));
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_PERSON);
  g_assert_cmpstr (error->message, ==, "A person has no id.");
  g_clear_error (&error);
  g_assert_true (dlg_draw_input_add_person (input, "a", female, NULL, &error));
  g_assert_false (dlg_draw_input_add_person (input, "a", female, NULL, &error));
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_PERSON);
  g_assert_cmpstr (error->message, ==, "The id “a” is used by two people.");
  g_clear_error (&error);
  g_assert_false (dlg_draw_input_add_person (input, "b", other, NULL, &error));
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_PERSON);
  g_assert_cmpstr (error->message, ==,
                   "“b” has the value “X” for Gender, which has no quota.");
}

static void
test_run_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawResult) result = NULL;
  g_autoptr(DlgDrawInput) nobody = gender_input (2);
  g_autoptr(DlgDrawInput) too_many = gender_input (5);
  g_autoptr(DlgDrawInput) infeasible = gender_input (2);

  result = dlg_draw_run (nobody, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==, "There is nobody to draw from.");
  g_clear_error (&error);

  add_people (too_many, "FFMM");
  result = dlg_draw_run (too_many, NULL, NULL, NULL, &error);
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID);
  g_assert_cmpstr (error->message, ==,
                   "The panel (5 people) is larger than the pool (4 people).");
  g_clear_error (&error);

  /* three women and no man: a panel of two needs one of each */
  add_people (infeasible, "FFF");
  result = dlg_draw_run (infeasible, NULL, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INFEASIBLE);
}

static void
test_cancelled (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(DlgDrawInput) input = gender_input (2);
  g_autoptr(DlgDrawResult) result = NULL;

  add_people (input, "FFMM");
  g_cancellable_cancel (cancellable);
  result = dlg_draw_run (input, cancellable, NULL, NULL, &error);
  g_assert_null (result);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
test_bad_record (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawInput) input = dlg_draw_input_new_from_json ("[1, 2]", &error);

  g_assert_null (input);
  g_assert_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_BAD_RECORD);
  g_assert_cmpstr (error->message, ==, "The recorded inputs of the draw are not readable.");
}

/* What the CSV reader of util refuses comes through in its own domain. */
static void
test_csv_passes_util_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawInput) input = dlg_draw_input_new ();
  g_autofree char *dir = g_dir_make_tmp ("test-draw-engine-XXXXXX", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.csv", NULL);
  g_autofree char *broken = g_build_filename (dir, "broken.csv", NULL);

  g_assert_false (dlg_draw_csv_read_features (input, missing, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_file_set_contents (broken, "feature,value,min,max\nGender,\"F,1,2\n", -1, &error);
  g_assert_no_error (error);
  g_assert_false (dlg_draw_csv_read_features (input, broken, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_unlink (broken);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/draw/engine/errors/quota", test_quota_errors);
  g_test_add_func ("/draw/engine/errors/person", test_person_errors);
  g_test_add_func ("/draw/engine/errors/run", test_run_errors);
  g_test_add_func ("/draw/engine/errors/cancelled", test_cancelled);
  g_test_add_func ("/draw/engine/errors/bad-record", test_bad_record);
  g_test_add_func ("/draw/engine/errors/csv-util", test_csv_passes_util_errors);
  return g_test_run ();
}
