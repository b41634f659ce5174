/* dlg-record-editor.h — an edit dialog generated from a record's field table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-edit-dialog.h"
#include "dlg-record.h"

G_BEGIN_DECLS

typedef enum
{
  DLG_RECORD_EDITOR_ONE_LINE = 1 << 0,  /* a TEXT field in an entry, not a text view */
} DlgRecordEditorFlags;

/* One row of a generated editor: a field of the record's table, in the order of the rows.
 * @label (nullable) is an N_() label in place of the table's (which also names the field in
 * the core's messages); the kind, the range, the vocabulary and the checks are the table's. */
typedef struct
{
  const char           *property;
  const char           *label;
  DlgRecordEditorFlags  flags;
} DlgRecordEditorRow;

DlgEditDialog *dlg_record_editor_new (GtkWidget                *parent,
                                      DlgStore                 *store,
                                      DlgRecord                *record,
                                      const char               *title,
                                      const char               *delete_label,
                                      const DlgRecordEditorRow *rows);

G_END_DECLS
