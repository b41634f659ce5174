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

gboolean    dlg_date_parse        (const char  *text,
                                   char       **iso,
                                   GError     **error);
gboolean    dlg_date_parse_parts  (const char  *date_text,
                                   const char  *time_text,
                                   char       **iso,
                                   GError     **error);
char       *dlg_date_format       (const char  *iso);
gboolean    dlg_date_format_parts (const char  *iso,
                                   char       **date,
                                   char       **time);
char       *dlg_date_format_time  (int          hour,
                                   int          minute);

G_END_DECLS
