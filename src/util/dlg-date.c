/* dlg-date.c — dates as the officer reads them, in the language of the interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_date_time_format() names the month in the language of LC_TIME, which is not always the
 * language of the interface (LC_MESSAGES, LANGUAGE): a French interface under a C or English
 * LC_TIME would read "4 September 2026". Month names come from our own catalogue instead.
 */

#define G_LOG_DOMAIN "dlg-date"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-date.h"

static const char * const month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
  NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
  NC_("month", "November"), NC_("month", "December"),
};

/**
 * dlg_date_month_name:
 * @month: 1 to 12
 *
 * Returns: the month's full name in the language of the interface ("septembre")
 */
const char *
dlg_date_month_name (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[month - 1]);
}

/**
 * dlg_date_time_format:
 * @datetime: a date and time
 * @format: a g_date_time_format() format; its `%B` is the month of the interface's language
 *
 * Returns: (transfer full): the formatted date, or %NULL if @format is not valid
 */
char *
dlg_date_time_format (GDateTime  *datetime,
                      const char *format)
{
  g_autoptr(GString) expanded = NULL;
  const char *month;

  g_return_val_if_fail (datetime != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  /* The month's name is put in the format itself, its % doubled (no name has one). */
  month = dlg_date_month_name (g_date_time_get_month (datetime));
  expanded = g_string_sized_new (strlen (format) + 16);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == '%')
        {
          g_string_append (expanded, "%%");
          p++;
        }
      else if (p[0] == '%' && p[1] == 'B')
        {
          for (const char *m = month; *m != '\0'; m++)
            {
              if (*m == '%')
                g_string_append_c (expanded, '%');
              g_string_append_c (expanded, *m);
            }
          p++;
        }
      else
        g_string_append_c (expanded, *p);
    }
  return g_date_time_format (datetime, expanded->str);
}
