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
  DLG_RECORD_EDITOR_ONE_LINE  = 1 << 0,  /* a TEXT field in an entry, not a text view */
  DLG_RECORD_EDITOR_DATE_TIME = 1 << 1,  /* a DATE field with a time of day: its
                                          * DlgDateEntry has a time entry */
} DlgRecordEditorFlags;

/* What a row's setup function may say about the row, once, as the dialog is built. */
typedef struct _DlgRecordEditorSetup DlgRecordEditorSetup;

/* A row whose label or choices come from what the view knows (the positions of the response,
 * the process's vocabulary). @user_data is the one given to dlg_record_editor_new_full(). */
typedef void (*DlgRecordEditorSetupFunc) (DlgRecordEditorSetup *setup,
                                          DlgRecord            *record,
                                          gpointer              user_data);

/* One row of a generated editor: a field of the record's table, in the order of the rows.
 * @label (nullable) is an N_() label in place of the table's (which also names the field in
 * the core's messages); the kind, the range, the vocabulary and the checks are the table's,
 * unless the row says otherwise:
 * @subtitle: (nullable): N_() text under a switch's title
 * @message: (nullable): N_() the view's refusal, checked before the core's, when the row is
 *   left unset: a switch off (consent), a choice on its "nothing chosen" entry
 * @minimum, @maximum: a spin button's range of the view's (both 0: the table's)
 * @setup: (nullable): called as the dialog is built, to give the row a label of the view's
 *   (plain text), choices of the view's (a drop-down), or to leave it out */
typedef struct
{
  const char               *property;
  const char               *label;
  DlgRecordEditorFlags      flags;
  const char               *subtitle;
  const char               *message;
  double                    minimum;
  double                    maximum;
  DlgRecordEditorSetupFunc  setup;
} DlgRecordEditorRow;

const char    *dlg_record_editor_setup_get_property (DlgRecordEditorSetup *setup);
void           dlg_record_editor_setup_set_label    (DlgRecordEditorSetup *setup,
                                                     const char           *label);
void           dlg_record_editor_setup_add_choice   (DlgRecordEditorSetup *setup,
                                                     const char           *label,
                                                     GVariant             *values);
void           dlg_record_editor_setup_skip         (DlgRecordEditorSetup *setup);

/* What a view does besides the record's own fields (all may be NULL). */
typedef struct
{
  /* After each save of the record that the core accepted, in the same save: what goes with
   * it (a registration's contact details, kept apart). FALSE with @error refuses the save as
   * the core would (the message shows, the autosave tries again). */
  gboolean (*saved)  (DlgEditDialog  *dialog,
                      DlgRecord      *record,
                      gpointer        user_data,
                      GError        **error);
  /* After the record was read again and shown (the dialog follows it): show the rest. */
  void     (*reload) (DlgEditDialog  *dialog,
                      DlgRecord      *record,
                      gpointer        user_data);
} DlgRecordEditorHooks;

DlgEditDialog *dlg_record_editor_new        (GtkWidget                  *parent,
                                             DlgStore                   *store,
                                             DlgRecord                  *record,
                                             const char                 *title,
                                             const char                 *delete_label,
                                             const DlgRecordEditorRow   *rows);
DlgEditDialog *dlg_record_editor_new_full   (GtkWidget                  *parent,
                                             DlgStore                   *store,
                                             DlgRecord                  *record,
                                             const char                 *title,
                                             const char                 *delete_label,
                                             const DlgRecordEditorRow   *rows,
                                             const DlgRecordEditorHooks *hooks,
                                             gpointer                    user_data,
                                             GDestroyNotify              destroy);
DlgRecord     *dlg_record_editor_get_record (DlgEditDialog              *dialog);
void           dlg_record_editor_follow     (DlgEditDialog              *dialog,
                                             GType                       type);

G_END_DECLS
