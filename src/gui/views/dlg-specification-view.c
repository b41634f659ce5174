/* dlg-specification-view.c — stage 3: the specification of the process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Free-form fields of the process, saved as the officer types (DlgFieldBinding).
 */

#define G_LOG_DOMAIN "dlg-specification-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-specification-view.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgSpecificationView
{
  DlgStageViewBase parent_instance;

  GtkTextView     *objectives_text;
  GtkTextView     *publics_text;
  GtkTextView     *budget_text;
  GtkTextView     *calendar_text;
};

G_DEFINE_FINAL_TYPE (DlgSpecificationView, dlg_specification_view, DLG_TYPE_STAGE_VIEW_BASE)

static void
dlg_specification_view_class_init (DlgSpecificationViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  view_class->stage = DLG_STAGE_SPECIFICATION;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-specification-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgSpecificationView, objectives_text);
  gtk_widget_class_bind_template_child (widget_class, DlgSpecificationView, publics_text);
  gtk_widget_class_bind_template_child (widget_class, DlgSpecificationView, budget_text);
  gtk_widget_class_bind_template_child (widget_class, DlgSpecificationView, calendar_text);
}

static void
dlg_specification_view_init (DlgSpecificationView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);

  gtk_widget_init_template (GTK_WIDGET (self));

  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->objectives_text),
                                  DLG_FIELD_SPEC_OBJECTIVES);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->publics_text), DLG_FIELD_SPEC_PUBLICS);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->budget_text), DLG_FIELD_SPEC_BUDGET);
  dlg_stage_view_base_bind_field (base, GTK_WIDGET (self->calendar_text),
                                  DLG_FIELD_SPEC_CALENDAR);
}
