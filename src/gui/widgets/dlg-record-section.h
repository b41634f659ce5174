/* dlg-record-section.h — a titled list of records, updated in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DLG_TYPE_RECORD_SECTION (dlg_record_section_get_type ())

G_DECLARE_FINAL_TYPE (DlgRecordSection, dlg_record_section, DLG, RECORD_SECTION,
                      AdwPreferencesGroup)

/* (transfer full): the text a row shows for @record: user text, never markup. */
typedef char *(*DlgRecordSectionTextFunc) (gpointer record,
                                           gpointer user_data);

GtkWidget  *dlg_record_section_new            (void);
GListModel *dlg_record_section_get_model      (DlgRecordSection         *self);
void        dlg_record_section_set_records    (DlgRecordSection         *self,
                                               GListModel               *records);
void        dlg_record_section_show_error     (DlgRecordSection         *self,
                                               const char               *message);
void        dlg_record_section_set_text_funcs (DlgRecordSection         *self,
                                               DlgRecordSectionTextFunc  title,
                                               DlgRecordSectionTextFunc  subtitle,
                                               gpointer                  user_data);
GtkWidget  *dlg_record_section_get_row        (DlgRecordSection         *self,
                                               guint                     position);

G_END_DECLS
