#include "config.h"
#include "dlg-core.h"
static void
test_open (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStore) store = dlg_store_open (":memory:", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (dlg_store_get_schema_version (store), ==, 1);
}
int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/core/store/open", test_open);
  return g_test_run ();
}
