/* dlg-record-section.c — a titled list of records, updated in place
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A preferences group (title, description, an add button bound to a view action) over a boxed
 * list bound to the section's own GListStore (gtk_list_box_bind_model), one
 * DlgRecordSectionRow per record. A view lists its records with one query and hands them to
 * dlg_record_section_set_records(), which keeps the rows it has: a record still listed keeps
 * its object and its row (its changed properties are copied onto it, the row's text follows),
 * a record gone loses its row, a new one gets a row where the list puts it. Records have an
 * int64 property "id"; activating a row emits ::record-activated with its record.
 */

#define G_LOG_DOMAIN "dlg-record-section"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-record-section.h"
#include "dlg-record-section-row.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgRecordSection
{
  AdwPreferencesGroup       parent_instance;

  GtkListBox               *list;
  GtkLabel                 *placeholder;
  GtkButton                *add_button;
  AdwButtonContent         *add_content;

  GListStore               *records;
  char                     *placeholder_text;
  char                     *title_property;
  char                     *subtitle_property;
  DlgRecordSectionTextFunc  title_func;
  DlgRecordSectionTextFunc  subtitle_func;
  gpointer                  text_data;
};

G_DEFINE_FINAL_TYPE (DlgRecordSection, dlg_record_section, ADW_TYPE_PREFERENCES_GROUP)

enum {
  PROP_0,
  PROP_PLACEHOLDER_TEXT,
  PROP_ADD_LABEL,
  PROP_ADD_ACTION_NAME,
  PROP_TITLE_PROPERTY,
  PROP_SUBTITLE_PROPERTY,
  PROP_MODEL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

enum {
  RECORD_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static gint64
record_id (gpointer record)
{
  gint64 id = 0;

  g_object_get (record, "id", &id, NULL);
  return id;
}

static char *
dup_text (DlgRecordSection         *self,
          gpointer                  record,
          DlgRecordSectionTextFunc  func,
          const char               *property)
{
  char *text = NULL;

  if (func != NULL)
    return func (record, self->text_data);
  if (property != NULL)
    g_object_get (record, property, &text, NULL);
  return text;
}

static void
update_row (DlgRecordSection    *self,
            DlgRecordSectionRow *row)
{
  GObject *record = dlg_record_section_row_get_record (row);
  g_autofree char *title = dup_text (self, record, self->title_func, self->title_property);
  g_autofree char *subtitle = dup_text (self, record, self->subtitle_func,
                                        self->subtitle_property);

  dlg_record_section_row_set_text (row, title, subtitle);
}

static void
update_rows (DlgRecordSection *self)
{
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->list)); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (DLG_IS_RECORD_SECTION_ROW (child))
      update_row (self, DLG_RECORD_SECTION_ROW (child));
}

static gboolean
property_differs (GObject    *kept,
                  GObject    *fresh,
                  GParamSpec *pspec,
                  GValue     *new_value)
{
  g_auto(GValue) old_value = G_VALUE_INIT;

  g_value_init (&old_value, pspec->value_type);
  g_value_init (new_value, pspec->value_type);
  g_object_get_property (kept, pspec->name, &old_value);
  g_object_get_property (fresh, pspec->name, new_value);
  return g_param_values_cmp (pspec, &old_value, new_value) != 0;
}

static gboolean
is_writable (GParamSpec *pspec)
{
  return (pspec->flags & G_PARAM_WRITABLE) != 0 && (pspec->flags & G_PARAM_CONSTRUCT_ONLY) == 0;
}

/* Whether @kept can take what differs in @fresh (same type, same id) through its writable
 * properties: FALSE when a read-only one differs too (a number the store gives). */
static gboolean
can_update (GObject *kept,
            GObject *fresh)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  if (G_OBJECT_TYPE (kept) != G_OBJECT_TYPE (fresh))
    return FALSE;
  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (kept), &n);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READABLE) != 0 && !is_writable (pspecs[i]) &&
          property_differs (kept, fresh, pspecs[i], &value))
        return FALSE;
    }
  return TRUE;
}

/* Copies onto @kept what differs in @fresh: one notify per change, none when nothing did. */
static void
update_record (GObject *kept,
               GObject *fresh)
{
  g_autofree GParamSpec **pspecs = NULL;
  guint n;

  pspecs = g_object_class_list_properties (G_OBJECT_GET_CLASS (kept), &n);
  g_object_freeze_notify (kept);
  for (guint i = 0; i < n; i++)
    {
      g_auto(GValue) value = G_VALUE_INIT;

      if ((pspecs[i]->flags & G_PARAM_READABLE) != 0 && is_writable (pspecs[i]) &&
          property_differs (kept, fresh, pspecs[i], &value))
        g_object_set_property (kept, pspecs[i]->name, &value);
    }
  g_object_thaw_notify (kept);
}

static void
record_notify_cb (DlgRecordSectionRow *row,
                  GParamSpec          *pspec,
                  GObject             *record)
{
  DlgRecordSection *self;

  self = (DlgRecordSection *)gtk_widget_get_ancestor (GTK_WIDGET (row), DLG_TYPE_RECORD_SECTION);
  if (self != NULL)
    update_row (self, row);
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  DlgRecordSection *self = user_data;
  DlgRecordSectionRow *row = dlg_record_section_row_new (item);

  update_row (self, row);
  g_signal_connect_object (item, "notify", G_CALLBACK (record_notify_cb), row,
                           G_CONNECT_SWAPPED);
  return GTK_WIDGET (row);
}

static void
row_activated_cb (DlgRecordSection *self,
                  GtkListBoxRow    *row)
{
  if (DLG_IS_RECORD_SECTION_ROW (row))
    g_signal_emit (self, signals[RECORD_ACTIVATED], 0,
                   dlg_record_section_row_get_record (DLG_RECORD_SECTION_ROW (row)));
}

static void
title_changed_cb (DlgRecordSection *self)
{
  const char *title = adw_preferences_group_get_title (ADW_PREFERENCES_GROUP (self));

  gtk_accessible_update_property (GTK_ACCESSIBLE (self->list), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  title, -1);
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = value != NULL && *value != '\0' ? g_strdup (value) : NULL;
}

static void
dlg_record_section_dispose (GObject *object)
{
  DlgRecordSection *self = (DlgRecordSection *)object;

  if (self->list != NULL)
    gtk_list_box_bind_model (self->list, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_RECORD_SECTION);

  G_OBJECT_CLASS (dlg_record_section_parent_class)->dispose (object);
}

static void
dlg_record_section_finalize (GObject *object)
{
  DlgRecordSection *self = (DlgRecordSection *)object;

  g_clear_object (&self->records);
  g_clear_pointer (&self->placeholder_text, g_free);
  g_clear_pointer (&self->title_property, g_free);
  g_clear_pointer (&self->subtitle_property, g_free);

  G_OBJECT_CLASS (dlg_record_section_parent_class)->finalize (object);
}

static void
dlg_record_section_get_property (GObject    *object,
                                 guint       prop_id,
                                 GValue     *value,
                                 GParamSpec *pspec)
{
  DlgRecordSection *self = DLG_RECORD_SECTION (object);

  switch (prop_id)
    {
    case PROP_PLACEHOLDER_TEXT:
      g_value_set_string (value, self->placeholder_text);
      break;
    case PROP_ADD_LABEL:
      g_value_set_string (value, adw_button_content_get_label (self->add_content));
      break;
    case PROP_ADD_ACTION_NAME:
      g_value_set_string (value,
                          gtk_actionable_get_action_name (GTK_ACTIONABLE (self->add_button)));
      break;
    case PROP_TITLE_PROPERTY:
      g_value_set_string (value, self->title_property);
      break;
    case PROP_SUBTITLE_PROPERTY:
      g_value_set_string (value, self->subtitle_property);
      break;
    case PROP_MODEL:
      g_value_set_object (value, self->records);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_record_section_set_property (GObject      *object,
                                 guint         prop_id,
                                 const GValue *value,
                                 GParamSpec   *pspec)
{
  DlgRecordSection *self = DLG_RECORD_SECTION (object);
  const char *text = G_VALUE_HOLDS_STRING (value) ? g_value_get_string (value) : NULL;

  switch (prop_id)
    {
    case PROP_PLACEHOLDER_TEXT:
      if (g_strcmp0 (text, self->placeholder_text) == 0)
        return;
      set_string (&self->placeholder_text, text);
      gtk_label_set_text (self->placeholder, text != NULL ? text : "");
      break;
    case PROP_ADD_LABEL:
      adw_button_content_set_label (self->add_content, text != NULL ? text : "");
      break;
    case PROP_ADD_ACTION_NAME:
      gtk_actionable_set_action_name (GTK_ACTIONABLE (self->add_button), text);
      gtk_widget_set_visible (GTK_WIDGET (self->add_button), text != NULL && *text != '\0');
      break;
    case PROP_TITLE_PROPERTY:
      set_string (&self->title_property, text);
      update_rows (self);
      break;
    case PROP_SUBTITLE_PROPERTY:
      set_string (&self->subtitle_property, text);
      update_rows (self);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  g_object_notify_by_pspec (object, pspec);
}

static void
dlg_record_section_class_init (DlgRecordSectionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_record_section_dispose;
  object_class->finalize = dlg_record_section_finalize;
  object_class->get_property = dlg_record_section_get_property;
  object_class->set_property = dlg_record_section_set_property;

  properties[PROP_PLACEHOLDER_TEXT] =
    g_param_spec_string ("placeholder-text", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADD_LABEL] =
    g_param_spec_string ("add-label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_ADD_ACTION_NAME] =
    g_param_spec_string ("add-action-name", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TITLE_PROPERTY] =
    g_param_spec_string ("title-property", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SUBTITLE_PROPERTY] =
    g_param_spec_string ("subtitle-property", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * DlgRecordSection::record-activated:
   * @record: the record of the activated row
   */
  signals[RECORD_ACTIVATED] =
    g_signal_new ("record-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                  NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_OBJECT);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-record-section.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgRecordSection, list);
  gtk_widget_class_bind_template_child (widget_class, DlgRecordSection, placeholder);
  gtk_widget_class_bind_template_child (widget_class, DlgRecordSection, add_button);
  gtk_widget_class_bind_template_child (widget_class, DlgRecordSection, add_content);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, title_changed_cb);
}

static void
dlg_record_section_init (DlgRecordSection *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->records = g_list_store_new (G_TYPE_OBJECT);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->records), create_row, self, NULL);
}

/* ---------------------------------------------------------------- public API */

GtkWidget *
dlg_record_section_new (void)
{
  return g_object_new (DLG_TYPE_RECORD_SECTION, NULL);
}

/**
 * dlg_record_section_get_model:
 *
 * Returns: (transfer none): the records on show, in order (the section's own list)
 */
GListModel *
dlg_record_section_get_model (DlgRecordSection *self)
{
  g_return_val_if_fail (DLG_IS_RECORD_SECTION (self), NULL);

  return G_LIST_MODEL (self->records);
}

/**
 * dlg_record_section_set_records:
 * @records: (nullable): the records to show, in order, as one list query returned them;
 *   %NULL shows none
 *
 * Shows @records, keeping the rows of the records already on show: a record with the same id
 * keeps its object (what differs is copied onto it) and its row; only the rows of records
 * that come or go are added or removed. Every row's text is computed again, since the view's
 * text functions may read what it loaded with the list (a count, a linked record).
 */
void
dlg_record_section_set_records (DlgRecordSection *self,
                                GListModel       *records)
{
  g_autoptr(GHashTable) fresh_ids = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr(GArray) ids = NULL;
  guint n_fresh;

  g_return_if_fail (DLG_IS_RECORD_SECTION (self));
  g_return_if_fail (records == NULL || G_IS_LIST_MODEL (records));

  gtk_label_set_text (self->placeholder, self->placeholder_text != NULL
                                         ? self->placeholder_text : "");
  n_fresh = records != NULL ? g_list_model_get_n_items (records) : 0;
  ids = g_array_sized_new (FALSE, FALSE, sizeof (gint64), n_fresh);
  for (guint i = 0; i < n_fresh; i++)
    {
      g_autoptr(GObject) record = g_list_model_get_item (records, i);
      gint64 id = record_id (record);

      g_array_append_val (ids, id);
    }
  for (guint i = 0; i < n_fresh; i++)
    g_hash_table_add (fresh_ids, &g_array_index (ids, gint64, i));

  /* Records gone first, so that the walk below only meets moves and arrivals. */
  for (guint i = g_list_model_get_n_items (G_LIST_MODEL (self->records)); i > 0; i--)
    {
      g_autoptr(GObject) kept = g_list_model_get_item (G_LIST_MODEL (self->records), i - 1);
      gint64 id = record_id (kept);

      if (!g_hash_table_contains (fresh_ids, &id))
        g_list_store_remove (self->records, i - 1);
    }

  for (guint i = 0; i < n_fresh; i++)
    {
      g_autoptr(GObject) fresh = g_list_model_get_item (records, i);
      g_autoptr(GObject) kept = g_list_model_get_item (G_LIST_MODEL (self->records), i);
      gint64 id = g_array_index (ids, gint64, i);
      guint n_kept = g_list_model_get_n_items (G_LIST_MODEL (self->records));
      guint found = G_MAXUINT;

      if (kept != NULL && record_id (kept) == id)
        {
          if (can_update (kept, fresh))
            update_record (kept, fresh);
          else
            g_list_store_splice (self->records, i, 1, (gpointer *)&fresh, 1);
          continue;
        }
      for (guint j = i + 1; j < n_kept && found == G_MAXUINT; j++)
        {
          g_autoptr(GObject) later = g_list_model_get_item (G_LIST_MODEL (self->records), j);

          if (record_id (later) == id)
            found = j;
        }
      if (found != G_MAXUINT)
        {
          /* Moved: its new place gets a row of its own. */
          g_autoptr(GObject) moved = g_list_model_get_item (G_LIST_MODEL (self->records), found);

          gboolean keep = can_update (moved, fresh);

          g_list_store_remove (self->records, found);
          g_list_store_insert (self->records, i, keep ? moved : fresh);
          if (keep)
            update_record (moved, fresh);
        }
      else
        g_list_store_insert (self->records, i, fresh);
    }
  /* What the rows say may come from other records too (the view's text functions). */
  update_rows (self);
}

/**
 * dlg_record_section_show_error:
 * @message: why the records cannot be listed, in the officer's words
 *
 * Shows no record and @message in place of the placeholder, until the next
 * dlg_record_section_set_records().
 */
void
dlg_record_section_show_error (DlgRecordSection *self,
                               const char       *message)
{
  g_return_if_fail (DLG_IS_RECORD_SECTION (self));

  g_list_store_remove_all (self->records);
  gtk_label_set_text (self->placeholder, message != NULL ? message : "");
}

/**
 * dlg_record_section_set_text_funcs:
 * @title: (nullable): a row's title; %NULL: the string property #DlgRecordSection:title-property
 * @subtitle: (nullable): a row's subtitle; %NULL: #DlgRecordSection:subtitle-property
 * @user_data: for both, owned by the caller, which outlives the section (the view)
 *
 * What the rows say, for text composed from several properties.
 */
void
dlg_record_section_set_text_funcs (DlgRecordSection         *self,
                                   DlgRecordSectionTextFunc  title,
                                   DlgRecordSectionTextFunc  subtitle,
                                   gpointer                  user_data)
{
  g_return_if_fail (DLG_IS_RECORD_SECTION (self));

  self->title_func = title;
  self->subtitle_func = subtitle;
  self->text_data = user_data;
  update_rows (self);
}

/**
 * dlg_record_section_get_row:
 *
 * Returns: (transfer none) (nullable): the row of the record at @position
 */
GtkWidget *
dlg_record_section_get_row (DlgRecordSection *self,
                            guint             position)
{
  g_return_val_if_fail (DLG_IS_RECORD_SECTION (self), NULL);

  return GTK_WIDGET (gtk_list_box_get_row_at_index (self->list, (int)position));
}
