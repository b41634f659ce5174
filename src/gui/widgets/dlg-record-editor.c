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
 *
 * What the table cannot say, a view's row says (DlgRecordEditorRow): its label, a switch's
 * subtitle, a spin button's range, a date that may hold a time, a refusal of its own when the
 * row is left unset (checked before the core's, after the dates), and through its setup
 * function a label or choices known at run time: each choice sets one or more properties
 * (a reference such as a commitment's position, a profile value, a quota's category and value
 * at once), "nothing chosen" sets none. What is not a field of the record (the attendance of
 * a session, a commitment's updates, a registrant's contact details kept apart) the view adds
 * under the rows, and saves and shows through the hooks (dlg_record_editor_new_full()).
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
  guint           flags;    /* DlgRecordEditorFlags */
  const char     *message;  /* the view's refusal when left unset (translated) */
  GPtrArray      *choices;  /* (nullable) GVariant a{sv} per entry of the drop-down, or NULL
                             * for "nothing chosen": the view's own choices (setup) */
} EditorRow;

typedef struct
{
  DlgStore                   *store;
  DlgRecord                  *record;
  GArray                     *rows;      /* EditorRow */
  DlgEditDialog              *dialog;    /* (unowned) */
  const DlgRecordEditorHooks *hooks;
  gpointer                    user_data;
  GDestroyNotify              destroy;
} Editor;

struct _DlgRecordEditorSetup
{
  const DlgField *field;
  char           *label;
  GPtrArray      *labels;   /* char * */
  GPtrArray      *choices;  /* GVariant * or NULL */
  gboolean        skip;
};

static void
editor_row_clear (EditorRow *row)
{
  g_clear_pointer (&row->choices, g_ptr_array_unref);
}

static void
editor_free (Editor *editor)
{
  if (editor->destroy != NULL && editor->user_data != NULL)
    g_clear_pointer (&editor->user_data, editor->destroy);
  g_clear_object (&editor->store);
  g_clear_object (&editor->record);
  g_clear_pointer (&editor->rows, g_array_unref);
  g_free (editor);
}

static void
variant_unref0 (gpointer variant)
{
  if (variant != NULL)
    g_variant_unref (variant);
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

/* The range of a spin button: the row's, else the field's, else what the kind holds. */
static void
field_range (const DlgField           *field,
             const DlgRecordEditorRow *spec,
             double                   *min,
             double                   *max)
{
  if (spec != NULL && (spec->minimum != 0 || spec->maximum != 0))
    {
      *min = spec->minimum;
      *max = spec->maximum;
      return;
    }
  *min = field->minimum;
  *max = field->maximum;
  if (*min == 0 && *max == 0)
    *max = field->kind == DLG_FIELD_INT ? G_MAXINT : G_MAXINT32;
}

/* One value of a choice (@variant) as the property's type. */
static gboolean
choice_value (GParamSpec *pspec,
              GVariant   *variant,
              GValue     *value)
{
  g_auto(GValue) plain = G_VALUE_INIT;

  g_dbus_gvariant_to_gvalue (variant, &plain);
  g_value_init (value, pspec->value_type);
  return g_value_transform (&plain, value);
}

/* Sets the values of @choice on @record (@apply), or says whether it holds them all. */
static gboolean
choice_visit (DlgRecord *record,
              GVariant  *choice,
              gboolean   apply)
{
  GVariantIter iter;
  const char *property;
  GVariant *variant;
  gboolean holds = TRUE;

  g_variant_iter_init (&iter, choice);
  while (holds && g_variant_iter_next (&iter, "{&sv}", &property, &variant))
    {
      GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (record), property);
      g_auto(GValue) held = G_VALUE_INIT;
      g_auto(GValue) wanted = G_VALUE_INIT;

      if (pspec == NULL || !choice_value (pspec, variant, &wanted))
        {
          g_critical ("%s cannot take %s from a choice", G_OBJECT_TYPE_NAME (record), property);
          holds = FALSE;
        }
      else if (apply)
        g_object_set_property (G_OBJECT (record), property, &wanted);
      else
        {
          g_value_init (&held, pspec->value_type);
          g_object_get_property (G_OBJECT (record), property, &held);
          holds = g_param_values_cmp (pspec, &held, &wanted) == 0;
        }
      g_variant_unref (variant);
    }
  return holds;
}

/* The entry of the view's choices that @record holds; else the "nothing chosen" one (NULL);
 * else G_MAXUINT. */
static guint
choice_index (GPtrArray *choices,
              DlgRecord *record)
{
  guint none = G_MAXUINT;

  for (guint i = 0; i < choices->len; i++)
    {
      GVariant *choice = g_ptr_array_index (choices, i);

      if (choice == NULL)
        none = MIN (none, i);
      else if (choice_visit (record, choice, FALSE))
        return i;
    }
  return none;
}

static GtkWidget *
add_widget (DlgEditDialog            *dialog,
            DlgRecord                *record,
            const DlgField           *field,
            const DlgRecordEditorRow *spec,
            const char               *label,
            DlgRecordEditorSetup     *setup)
{
  const char *subtitle = spec != NULL && spec->subtitle != NULL ? _(spec->subtitle) : NULL;
  double min, max;

  if (setup->labels->len > 0)
    {
      guint selected = choice_index (setup->choices, record);

      g_ptr_array_add (setup->labels, NULL);
      return GTK_WIDGET (dlg_edit_dialog_add_choice (dialog, label,
                                                     (const char * const *)setup->labels->pdata,
                                                     selected != G_MAXUINT ? selected : 0));
    }
  switch (field->kind)
    {
    case DLG_FIELD_STRING:
      return GTK_WIDGET (dlg_edit_dialog_add_entry (dialog, label, get_string (record, field)));
    case DLG_FIELD_DATE:
      return GTK_WIDGET (dlg_edit_dialog_add_date (dialog, label, get_string (record, field),
                                                   spec != NULL &&
                                                   (spec->flags & DLG_RECORD_EDITOR_DATE_TIME)));
    case DLG_FIELD_TEXT:
      if (spec != NULL && (spec->flags & DLG_RECORD_EDITOR_ONE_LINE) != 0)
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
      field_range (field, spec, &min, &max);
      return GTK_WIDGET (dlg_edit_dialog_add_spin (dialog, label, min, max,
                                                   get_number (record, field)));
    case DLG_FIELD_BOOLEAN:
      return GTK_WIDGET (dlg_edit_dialog_add_switch (dialog, label, subtitle,
                                                     dlg_record_get_boolean (record,
                                                                             field->property)));
    default:
      g_assert_not_reached ();
    }
}

/* Text into a string field; a nullable field left empty is NULL. */
static void
set_text (DlgRecord      *record,
          const DlgField *field,
          const char     *text)
{
  if ((field->flags & DLG_FIELD_NULLABLE) != 0 && *text == '\0')
    text = NULL;
  dlg_record_set_string (record, field->property, text);
}

/* The view's own checks, before the core's: dates as the officer types them (a field that is
 * not required may be left empty), then the rows left unset that say why they may not be. */
static gboolean
editor_check (Editor  *editor,
              GError **error)
{
  for (guint i = 0; i < editor->rows->len; i++)
    {
      EditorRow *row = &g_array_index (editor->rows, EditorRow, i);
      g_autofree char *iso = NULL;

      if (DLG_IS_DATE_ENTRY (row->widget) &&
          !dlg_date_entry_dup_value (DLG_DATE_ENTRY (row->widget), &iso, error))
        return FALSE;
    }
  for (guint i = 0; i < editor->rows->len; i++)
    {
      EditorRow *row = &g_array_index (editor->rows, EditorRow, i);
      gboolean unset = FALSE;

      if (row->message == NULL)
        continue;
      if (row->choices != NULL)
        {
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row->widget));

          unset = selected >= row->choices->len || g_ptr_array_index (row->choices,
                                                                      selected) == NULL;
        }
      else if (GTK_IS_SWITCH (row->widget))
        unset = !gtk_switch_get_active (GTK_SWITCH (row->widget));
      if (unset)
        {
          g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID, row->message);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
editor_save (gpointer   user_data,
             GError   **error)
{
  Editor *editor = user_data;

  if (!editor_check (editor, error))
    return FALSE;
  for (guint i = 0; i < editor->rows->len; i++)
    {
      EditorRow *row = &g_array_index (editor->rows, EditorRow, i);
      const DlgField *field = row->field;

      if (row->choices != NULL)
        {
          guint selected = adw_combo_row_get_selected (ADW_COMBO_ROW (row->widget));

          if (selected < row->choices->len && g_ptr_array_index (row->choices, selected) != NULL)
            choice_visit (editor->record, g_ptr_array_index (row->choices, selected), TRUE);
        }
      /* A spin button is editable too: it comes first. */
      else if (GTK_IS_SPIN_BUTTON (row->widget))
        {
          GtkSpinButton *spin = GTK_SPIN_BUTTON (row->widget);

          /* A value the button only rounds is written when the officer changed it. */
          if (dlg_spin_button_shows (spin, get_number (editor->record, field)))
            continue;
          set_number (editor->record, field, gtk_spin_button_get_value (spin));
        }
      else if (GTK_IS_TEXT_VIEW (row->widget))
        {
          g_autofree char *text = dlg_text_view_dup_text (GTK_TEXT_VIEW (row->widget));

          set_text (editor->record, field, text);
        }
      else if (DLG_IS_DATE_ENTRY (row->widget))
        {
          g_autofree char *iso = NULL;

          dlg_date_entry_dup_value (DLG_DATE_ENTRY (row->widget), &iso, NULL);
          set_text (editor->record, field, iso != NULL ? iso : "");
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
      else if (GTK_IS_SWITCH (row->widget))
        dlg_record_set_boolean (editor->record, field->property,
                                gtk_switch_get_active (GTK_SWITCH (row->widget)));
    }
  if (!dlg_record_save (editor->record, editor->store, error))
    return FALSE;
  return editor->hooks == NULL || editor->hooks->saved == NULL ||
         editor->hooks->saved (editor->dialog, editor->record, editor->user_data, error);
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

      if (row->choices != NULL)
        {
          /* A value the view does not offer stays as shown. */
          guint index = choice_index (row->choices, fresh);

          if (index != G_MAXUINT)
            dlg_edit_dialog_refresh_choice (dialog, ADW_COMBO_ROW (row->widget), index);
        }
      else if (GTK_IS_SPIN_BUTTON (row->widget))
        dlg_edit_dialog_refresh_spin (dialog, GTK_SPIN_BUTTON (row->widget),
                                      get_number (fresh, field));
      else if (GTK_IS_TEXT_VIEW (row->widget))
        dlg_edit_dialog_refresh_text (dialog, GTK_TEXT_VIEW (row->widget),
                                      get_string (fresh, field));
      else if (DLG_IS_DATE_ENTRY (row->widget))
        dlg_edit_dialog_refresh_date (dialog, DLG_DATE_ENTRY (row->widget),
                                      get_string (fresh, field));
      else if (GTK_IS_EDITABLE (row->widget))
        dlg_edit_dialog_refresh_entry (dialog, GTK_EDITABLE (row->widget),
                                       get_string (fresh, field));
      else if (ADW_IS_COMBO_ROW (row->widget))
        dlg_edit_dialog_refresh_choice (dialog, ADW_COMBO_ROW (row->widget),
                                        vocabulary_index (field, get_string (fresh, field)));
      else if (GTK_IS_SWITCH (row->widget))
        dlg_edit_dialog_refresh_switch (dialog, GTK_SWITCH (row->widget),
                                        dlg_record_get_boolean (fresh, field->property));
    }
  if (editor->hooks != NULL && editor->hooks->reload != NULL)
    editor->hooks->reload (dialog, fresh, editor->user_data);
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
append_row (Editor                   *editor,
            const DlgField           *field,
            const DlgRecordEditorRow *spec)
{
  DlgRecordEditorSetup setup = { field, NULL, NULL, NULL, FALSE };
  EditorRow row = { field, NULL, 0, NULL, NULL };
  const char *label;

  setup.labels = g_ptr_array_new_with_free_func (g_free);
  setup.choices = g_ptr_array_new_with_free_func (variant_unref0);
  if (spec != NULL && spec->setup != NULL)
    spec->setup (&setup, editor->record, editor->user_data);
  if (!setup.skip)
    {
      if (setup.label != NULL)
        label = setup.label;
      else
        label = _(spec != NULL && spec->label != NULL ? spec->label : field->label);
      row.widget = add_widget (editor->dialog, editor->record, field, spec, label, &setup);
      row.flags = spec != NULL ? spec->flags : 0;
      row.message = spec != NULL && spec->message != NULL ? _(spec->message) : NULL;
      if (setup.labels->len > 0)
        row.choices = g_ptr_array_ref (setup.choices);
      g_array_append_val (editor->rows, row);
    }
  g_free (setup.label);
  g_ptr_array_unref (setup.labels);
  g_ptr_array_unref (setup.choices);
}

/**
 * dlg_record_editor_setup_get_property:
 *
 * Returns: the property of the row being set up (one setup function may serve several rows)
 */
const char *
dlg_record_editor_setup_get_property (DlgRecordEditorSetup *setup)
{
  g_return_val_if_fail (setup != NULL, NULL);
  return setup->field->property;
}

/**
 * dlg_record_editor_setup_set_label:
 * @label: the row's title, plain text shown as it is (already translated, or data: the name of
 *   a profile category)
 */
void
dlg_record_editor_setup_set_label (DlgRecordEditorSetup *setup,
                                   const char           *label)
{
  g_return_if_fail (setup != NULL);
  g_free (setup->label);
  setup->label = g_strdup (label);
}

/**
 * dlg_record_editor_setup_add_choice:
 * @label: what the drop-down shows, plain text
 * @values: (nullable) (transfer floating): an `a{sv}` of the properties the choice sets
 *   ({"position-id": <int64 12>}, {"category": <"gender">, "value": <"f">}); %NULL for
 *   "nothing chosen", which sets nothing (and is refused with the row's message, if it has one)
 *
 * Makes the row a drop-down of the view's choices, in the order added. The dialog shows the
 * choice whose values the record holds (else the "nothing chosen" one, else the first); when
 * the record changes in the store and holds none of them, what is shown stays.
 */
void
dlg_record_editor_setup_add_choice (DlgRecordEditorSetup *setup,
                                    const char           *label,
                                    GVariant             *values)
{
  g_return_if_fail (setup != NULL && label != NULL);
  g_return_if_fail (values == NULL || g_variant_is_of_type (values, G_VARIANT_TYPE_VARDICT));

  g_ptr_array_add (setup->labels, g_strdup (label));
  g_ptr_array_add (setup->choices, values != NULL ? g_variant_ref_sink (values) : NULL);
}

/* Leaves the row out of the dialog (a profile category with no values to choose from). */
void
dlg_record_editor_setup_skip (DlgRecordEditorSetup *setup)
{
  g_return_if_fail (setup != NULL);
  setup->skip = TRUE;
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
  return dlg_record_editor_new_full (parent, store, record, title, delete_label, rows, NULL, NULL,
                                     NULL);
}

/**
 * dlg_record_editor_new_full:
 * @hooks: (nullable): what the view does after a save and a reload; static
 * @user_data: the view's data, for @hooks and the rows' setup functions
 * @destroy: (nullable): frees @user_data when the dialog goes
 *
 * Like dlg_record_editor_new(), for a dialog that needs more than the field table says. What
 * the view adds below the rows once the dialog is presented (dlg_edit_dialog_add_widget(),
 * dlg_edit_dialog_set_note()) shows in the same window before its first frame.
 */
DlgEditDialog *
dlg_record_editor_new_full (GtkWidget                  *parent,
                            DlgStore                   *store,
                            DlgRecord                  *record,
                            const char                 *title,
                            const char                 *delete_label,
                            const DlgRecordEditorRow   *rows,
                            const DlgRecordEditorHooks *hooks,
                            gpointer                    user_data,
                            GDestroyNotify              destroy)
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
  g_array_set_clear_func (editor->rows, (GDestroyNotify)editor_row_clear);
  editor->hooks = hooks;
  editor->user_data = user_data;
  editor->destroy = destroy;
  dialog = dlg_edit_dialog_new (parent, title, editor_save, editor, (GDestroyNotify)editor_free);
  editor->dialog = dialog;
  g_object_set_data (G_OBJECT (dialog), "dlg-record-editor", editor);

  if (rows == NULL)
    {
      for (guint i = 0; i < info->n_fields; i++)
        if (is_editable (&info->fields[i]))
          append_row (editor, &info->fields[i], NULL);
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
          append_row (editor, field, row);
        }
    }

  dlg_edit_dialog_follow (dialog, store, G_OBJECT_TYPE (record), editor_reload);
  if (delete_label != NULL && dlg_record_get_id (record) != 0)
    dlg_edit_dialog_set_delete (dialog, delete_label, editor_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/**
 * dlg_record_editor_get_record:
 * @dialog: a dialog made by dlg_record_editor_new()
 *
 * Returns: (transfer none): the record as the dialog holds it now (read again when the store
 *   changed, saved: its id is set once the core accepted its first save)
 */
DlgRecord *
dlg_record_editor_get_record (DlgEditDialog *dialog)
{
  Editor *editor;

  g_return_val_if_fail (DLG_IS_EDIT_DIALOG (dialog), NULL);
  editor = g_object_get_data (G_OBJECT (dialog), "dlg-record-editor");
  g_return_val_if_fail (editor != NULL, NULL);
  return editor->record;
}

/**
 * dlg_record_editor_follow:
 * @type: another type whose changes concern what the dialog shows (a registration's contact)
 *
 * Reloads the record (and calls the hooks' reload) after a change of @type records too.
 */
void
dlg_record_editor_follow (DlgEditDialog *dialog,
                          GType          type)
{
  Editor *editor;

  g_return_if_fail (DLG_IS_EDIT_DIALOG (dialog));
  editor = g_object_get_data (G_OBJECT (dialog), "dlg-record-editor");
  g_return_if_fail (editor != NULL);
  dlg_edit_dialog_follow (dialog, editor->store, type, editor_reload);
}
