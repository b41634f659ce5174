/* dlg-date.h — dates as the officer reads them, in the language of the interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

const char *dlg_date_month_name  (int          month);
char       *dlg_date_time_format (GDateTime   *datetime,
                                  const char  *format);

G_END_DECLS
