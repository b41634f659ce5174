#define G_LOG_DOMAIN "dlg-site"
#include "config.h"
#include "dlg-site-private.h"
