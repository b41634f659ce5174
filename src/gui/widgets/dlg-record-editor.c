/* dlg-record-editor.c — an edit dialog generated from a record's field table
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A DlgEditDialog with one row per editable field of the record (DlgRecordInfo.fields: not
 * hidden, read-only nor a reference to another record), or per field a view
 * names: strings and dates in entries, texts in text views, vocabularies in drop-downs,
 * numbers in spin buttons (the field's range), booleans in switches. Each row is bound to the
 * record's property: what the officer types is set on the record and saved with
 * dlg_record_save() as they type (DlgAutosave, through the dialog), the record's own checks
 * refusing what is wrong; the dialog follows the record's type in the store and shows what
 * another save changed, leaving alone what the officer is typing.
 */

#define G_LOG_DOMAIN "dlg-record-editor"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-record-editor.h"
#include "dlg-view-util.h"

typedef struct
{
  const DlgField *field;
  GtkWidget      *widget;   /* GtkEditable, GtkTextView, AdwComboRow, GtkSpinButton, GtkSwitch */
} EditorRow;

typedef struct
{
  DlgStore  *store;
  DlgRecord *record;
  GArray    *rows;          /* EditorRow */
} Editor;

static void
editor_free (Editor *editor)
{
  g_clear_object (&editor->store);
  g_clear_object (&editor->record);
  g_clear_pointer (&editor->rows, g_array_unref);
  g_free (editor);
}

static gboolean
is_editable (const DlgField *field)
{
  return (field->flags & (DLG_FIELD_HIDDEN | DLG_FIELD_READ_ONLY)) == 0 &&
         !(field->kind == DLG_FIELD_INT64 && field->reference != NULL);
}

static double
get_number (DlgRecord      *record,
            const DlgField *field)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) number = G_VALUE_INIT;

  g_value_init (&number, G_TYPE_DOUBLE);
  g_object_get_property (G_OBJECT (record), field->property, &value);
  if (!g_value_transform (&value, &number))
    return 0;
  return g_value_get_double (&number);
}

static void
set_number (DlgRecord      *record,
            const DlgField *field,
            double          value)
{
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), field->property);
  g_auto(GValue) number = G_VALUE_INIT;
  g_auto(GValue) typed = G_VALUE_INIT;

  g_value_init (&number, G_TYPE_DOUBLE);
  g_value_set_double (&number, value);
  g_value_init (&typed, pspec->value_type);
  if (g_value_transform (&number, &typed))
    g_object_set_property (G_OBJECT (record), field->property, &typed);
}

static const char *
get_string (DlgRecord      *record,
            const DlgField *field)
{
  const char *value = dlg_record_get_string (record, field->property);

  return value != NULL ? value : "";
}

static guint
vocabulary_index (const DlgField *field,
                  const char     *id)
{
  int index = dlg_vocabulary_index (field->vocabulary, id);

  return index >= 0 ? (guint)index : 0;
}

/* The range of a spin button: the field's, else what the kind holds. */
static void
field_range (const DlgField *field,
             double         *min,
             double         *max)
{
  *min = field->minimum;
  *max = field->maximum;
  if (*min == 0 && *max == 0)
    *max = field->kind == DLG_FIELD_INT ? G_MAXINT : G_MAXINT32;
}

static GtkWidget *
add_row (DlgEditDialog  *dialog,
         DlgRecord      *record,
         const DlgField *field,
         const char     *label,
         gboolean        one_line)
{
  double min, max;

  switch (field->kind)
    {
    case DLG_FIELD_STRING:
    case DLG_FIELD_DATE:
      return GTK_WIDGET (dlg_edit_dialog_add_entry (dialog, label, get_string (record, field)));
    case DLG_FIELD_TEXT:
      if (one_line)
        return GTK_WIDGET (dlg_edit_dialog_add_entry (dialog, label, get_string (record, field)));
      return GTK_WIDGET (dlg_edit_dialog_add_text (dialog, label, get_string (record, field)));
    case DLG_FIELD_ENUM:
      {
        g_auto(GStrv) labels = dlg_vocabulary_dup_labels (field->vocabulary);

        return GTK_WIDGET (dlg_edit_dialog_add_choice (dialog, label, (const char * const *)labels,
                                                       vocabulary_index (field,
                                                                         get_string (record,
                                                                                     field))));
      }
    case DLG_FIELD_INT64:
    case DLG_FIELD_INT:
    case DLG_FIELD_DOUBLE:
      field_range (field, &min, &max);
      return GTK_WIDGET (dlg_edit_dialog_add_spin (dialog, label, min, max,
                                                   get_number (record, field)));
    case DLG_FIELD_BOOLEAN:
      return GTK_WIDGET (dlg_edit_dialog_add_switch (dialog, label, NULL,
                                                     dlg_record_get_boolean (record,
                                                                             field->property)));
    default:
      g_assert_not_reached ();
    }
}

/* Text into a string field; a nullable field left empty stays NULL (showing it is no edit). */
static void
set_text (DlgRecord      *record,
          const DlgField *field,
          const char     *text)
{
  if ((field->flags & DLG_FIELD_NULLABLE) != 0 && *text == '\0' &&
      dlg_record_get_string (record, field->property) == NULL)
    return;
  dlg_record_set_string (record, field->property, text);
}

static gboolean
editor_save (gpointer   user_data,
             GError   **error)
{
  Editor *editor = user_data;

  /* The view's date check first, with its message (the core checks the date too). */
  for (guint i = 0; i < editor->rows->len; i++)
    {
      EditorRow *row = &g_array_index (editor->rows, EditorRow, i);

      if (row->field->kind == DLG_FIELD_DATE &&
          !dlg_view_check_date (gtk_editable_get_text (GTK_EDITABLE (row->widget)), error))
        return FALSE;
    }
  for (guint i = 0; i < editor->rows->len; i++)
    {
      EditorRow *row = &g_array_index (editor->rows, EditorRow, i);
      const DlgField *field = row->field;

      if (GTK_IS_TEXT_VIEW (row->widget))
        {
          g_autofree char *text = dlg_text_view_dup_text (GTK_TEXT_VIEW (row->widget));

          set_text (editor->record, field, text);
        }
      else if (GTK_IS_EDITABLE (row->widget))
        set_text (editor->record, field, gtk_editable_get_text (GTK_EDITABLE (row->widget)));
      else if (ADW_IS_COMBO_ROW (row->widget))
        {
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row->widget));

          if (selected < dlg_vocabulary_get_n_entries (field->vocabulary))
            dlg_record_set_string (editor->record, field->property,
                                   dlg_vocabulary_get_id (field->vocabulary, selected));
        }
      else if (GTK_IS_SPIN_BUTTON (row->widget))
        {
          GtkSpinButton *spin = GTK_SPIN_BUTTON (row->widget);

          /* A value the button only rounds is written when the officer changed it. */
          if (dlg_spin_button_shows (spin, get_number (editor->record, field)))
            continue;
          set_number (editor->record, field, gtk_spin_button_get_value (spin));
        }
      else if (GTK_IS_SWITCH (row->widget))
        dlg_record_set_boolean (editor->record, field->property,
                                gtk_switch_get_active (GTK_SWITCH (row->widget)));
    }
  return dlg_record_save (editor->record, editor->store, error);
}

/* The record changed in the store: show it (what the officer is typing stays). */
static void
editor_reload (DlgEditDialog *dialog,
               gpointer       user_data)
{
  Editor *editor = user_data;
  g_autoptr(DlgRecord) fresh = NULL;

  if (dlg_record_get_id (editor->record) == 0 ||
      !(fresh = dlg_record_load (editor->store, G_OBJECT_TYPE (editor->record),
                                 dlg_record_get_id (editor->record), NULL)))
    return;
  g_set_object (&editor->record, fresh);
  for (guint i = 0; i < editor->rows->len; i++)
    {
      EditorRow *row = &g_array_index (editor->rows, EditorRow, i);
      const DlgField *field = row->field;

      if (GTK_IS_TEXT_VIEW (row->widget))
        dlg_edit_dialog_refresh_text (dialog, GTK_TEXT_VIEW (row->widget),
                                      get_string (fresh, field));
      else if (GTK_IS_EDITABLE (row->widget))
        dlg_edit_dialog_refresh_entry (dialog, GTK_EDITABLE (row->widget),
                                       get_string (fresh, field));
      else if (ADW_IS_COMBO_ROW (row->widget))
        dlg_edit_dialog_refresh_choice (dialog, ADW_COMBO_ROW (row->widget),
                                        vocabulary_index (field, get_string (fresh, field)));
      else if (GTK_IS_SPIN_BUTTON (row->widget))
        dlg_edit_dialog_refresh_spin (dialog, GTK_SPIN_BUTTON (row->widget),
                                      get_number (fresh, field));
      else if (GTK_IS_SWITCH (row->widget))
        dlg_edit_dialog_refresh_switch (dialog, GTK_SWITCH (row->widget),
                                        dlg_record_get_boolean (fresh, field->property));
    }
}

static void
editor_delete (gpointer user_data)
{
  Editor *editor = user_data;
  g_autoptr(GError) error = NULL;
  gint64 id = dlg_record_get_id (editor->record);

  if (id != 0 &&
      !dlg_record_delete (editor->store, G_OBJECT_TYPE (editor->record), id, &error))
    g_message ("Could not delete: %s", error->message);
}

static void
append_row (Editor         *editor,
            DlgEditDialog  *dialog,
            const DlgField *field,
            const char     *label,
            gboolean        one_line)
{
  EditorRow row = { field, NULL };

  row.widget = add_row (dialog, editor->record, field, label, one_line);
  g_array_append_val (editor->rows, row);
}

/**
 * dlg_record_editor_new:
 * @parent: the view the dialog edits for
 * @store: where the record is saved
 * @record: the record, saved or new (id 0: created by its first save the core accepts)
 * @title: the dialog's title
 * @delete_label: (nullable): the delete button's label, shown for a saved record
 * @rows: (nullable) (array zero-terminated=1): the fields to show, in order, ending with a row
 *   whose property is %NULL; %NULL: every editable field in the table's order, with its label
 *
 * Builds the dialog from the record's field table and presents it.
 *
 * Returns: (transfer none): the dialog, owned by GTK until it closes
 */
DlgEditDialog *
dlg_record_editor_new (GtkWidget                *parent,
                       DlgStore                 *store,
                       DlgRecord                *record,
                       const char               *title,
                       const char               *delete_label,
                       const DlgRecordEditorRow *rows)
{
  const DlgRecordInfo *info;
  DlgEditDialog *dialog;
  Editor *editor;

  g_return_val_if_fail (GTK_IS_WIDGET (parent), NULL);
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (DLG_IS_RECORD (record), NULL);

  info = dlg_record_class_get_info (DLG_RECORD_GET_CLASS (record));
  editor = g_new0 (Editor, 1);
  editor->store = g_object_ref (store);
  editor->record = g_object_ref (record);
  editor->rows = g_array_new (FALSE, FALSE, sizeof (EditorRow));
  dialog = dlg_edit_dialog_new (parent, title, editor_save, editor, (GDestroyNotify)editor_free);

  if (rows == NULL)
    {
      for (guint i = 0; i < info->n_fields; i++)
        if (is_editable (&info->fields[i]))
          append_row (editor, dialog, &info->fields[i], _(info->fields[i].label), FALSE);
    }
  else
    {
      for (const DlgRecordEditorRow *row = rows; row->property != NULL; row++)
        {
          const DlgField *field = dlg_record_class_find_field (DLG_RECORD_GET_CLASS (record),
                                                               row->property);

          if (field == NULL)
            {
              g_critical ("%s has no field %s", G_OBJECT_TYPE_NAME (record), row->property);
              continue;
            }
          append_row (editor, dialog, field, _(row->label != NULL ? row->label : field->label),
                      (row->flags & DLG_RECORD_EDITOR_ONE_LINE) != 0);
        }
    }

  dlg_edit_dialog_follow (dialog, store, G_OBJECT_TYPE (record), editor_reload);
  if (delete_label != NULL && dlg_record_get_id (record) != 0)
    dlg_edit_dialog_set_delete (dialog, delete_label, editor_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}
