/* dlg-date-entry.h — a date typed or picked in a calendar, and a time of day
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define DLG_TYPE_DATE_ENTRY (dlg_date_entry_get_type ())

G_DECLARE_FINAL_TYPE (DlgDateEntry, dlg_date_entry, DLG, DATE_ENTRY, GtkWidget)

GtkWidget  *dlg_date_entry_new            (gboolean       with_time);
void        dlg_date_entry_set_with_time  (DlgDateEntry  *self,
                                           gboolean       with_time);
gboolean    dlg_date_entry_get_with_time  (DlgDateEntry  *self);
void        dlg_date_entry_set_value      (DlgDateEntry  *self,
                                           const char    *iso);
gboolean    dlg_date_entry_dup_value      (DlgDateEntry  *self,
                                           char         **iso,
                                           GError       **error);
gboolean    dlg_date_entry_shows          (DlgDateEntry  *self,
                                           const char    *iso);
GtkEditable *dlg_date_entry_get_date_editable (DlgDateEntry *self);
GtkEditable *dlg_date_entry_get_time_editable (DlgDateEntry *self);

G_END_DECLS
