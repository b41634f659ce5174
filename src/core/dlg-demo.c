/* dlg-demo.c — placeholder, replaced below */
#include "config.h"
#include "dlg-demo.h"
#include "dlg-process.h"
gint64
dlg_demo_ensure (DlgStore *store, gboolean *created, GError **error)
{
  g_autoptr(DlgProcess) p = dlg_process_create (store, "Démo", error);
  *created = TRUE;
  return p ? dlg_process_get_id (p) : 0;
}
