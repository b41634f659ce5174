/* placeholder, replaced below */
#define G_LOG_DOMAIN "dlg-site"
#include "config.h"
#include "dlg-site-private.h"
void
dlg_site_pages_handle (DlgSiteServer     *self,
                       SoupServerMessage *msg,
                       const char        *path)
{
  soup_server_message_set_status (msg, 404, NULL);
}
