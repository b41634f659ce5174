#define G_LOG_DOMAIN "dlg-site"
#include "config.h"
#include "dlg-site-private.h"
gboolean
dlg_site_demo_seed (DlgSiteDb *db, GError **error)
{
  return TRUE;
}
