/* dlg-record-section-row.h — one record in a DlgRecordSection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DLG_TYPE_RECORD_SECTION_ROW (dlg_record_section_row_get_type ())

G_DECLARE_FINAL_TYPE (DlgRecordSectionRow, dlg_record_section_row, DLG, RECORD_SECTION_ROW,
                      AdwActionRow)

DlgRecordSectionRow *dlg_record_section_row_new       (GObject             *record);
GObject             *dlg_record_section_row_get_record (DlgRecordSectionRow *self);
void                 dlg_record_section_row_set_text  (DlgRecordSectionRow *self,
                                                       const char          *title,
                                                       const char          *subtitle);

G_END_DECLS
