/* dlg-record-section-row.c — one record in a DlgRecordSection
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An activatable row (template dlg-record-section-row.ui) that shows its record's title and
 * subtitle as plain text, never markup. The section sets the text when the record changes; the
 * row stays the same widget for as long as the record is listed.
 */

#define G_LOG_DOMAIN "dlg-record-section-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-record-section-row.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgRecordSectionRow
{
  AdwActionRow  parent_instance;

  GObject      *record;
};

G_DEFINE_FINAL_TYPE (DlgRecordSectionRow, dlg_record_section_row, ADW_TYPE_ACTION_ROW)

static void
dlg_record_section_row_dispose (GObject *object)
{
  DlgRecordSectionRow *self = (DlgRecordSectionRow *)object;

  g_clear_object (&self->record);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_RECORD_SECTION_ROW);

  G_OBJECT_CLASS (dlg_record_section_row_parent_class)->dispose (object);
}

static void
dlg_record_section_row_class_init (DlgRecordSectionRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_record_section_row_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-record-section-row.ui");
}

static void
dlg_record_section_row_init (DlgRecordSectionRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dlg_record_section_row_new:
 * @record: the record the row shows and opens; it has an int64 property "id"
 *
 * The row carries the record's id as "dlg-record-id", like the rows of dlg_record_row_new(),
 * so that what finds a record row (the read-only walk, the tests) finds it too.
 */
DlgRecordSectionRow *
dlg_record_section_row_new (GObject *record)
{
  DlgRecordSectionRow *self;
  gint64 id = 0;

  g_return_val_if_fail (G_IS_OBJECT (record), NULL);

  self = g_object_new (DLG_TYPE_RECORD_SECTION_ROW, NULL);
  self->record = g_object_ref (record);
  g_object_get (record, "id", &id, NULL);
  g_object_set_data (G_OBJECT (self), "dlg-record-id", GSIZE_TO_POINTER ((gsize)id));
  return self;
}

/**
 * dlg_record_section_row_get_record:
 *
 * Returns: (transfer none): the record the row shows
 */
GObject *
dlg_record_section_row_get_record (DlgRecordSectionRow *self)
{
  g_return_val_if_fail (DLG_IS_RECORD_SECTION_ROW (self), NULL);

  return self->record;
}

/**
 * dlg_record_section_row_set_text:
 * @title: (nullable): user text, shown as it is; "(untitled)" when empty
 * @subtitle: (nullable): user text too
 */
void
dlg_record_section_row_set_text (DlgRecordSectionRow *self,
                                 const char          *title,
                                 const char          *subtitle)
{
  g_return_if_fail (DLG_IS_RECORD_SECTION_ROW (self));

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self),
                                 title != NULL && *title != '\0' ? title : _("(untitled)"));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (self), subtitle != NULL ? subtitle : "");
}
