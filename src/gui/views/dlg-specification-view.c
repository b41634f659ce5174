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
#include "dlg-field-binding.h"

#define N_FIELDS 4

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgSpecificationView
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkTextView     *objectives_text;
  GtkTextView     *publics_text;
  GtkTextView     *budget_text;
  GtkTextView     *calendar_text;

  DlgFieldBinding *fields[N_FIELDS];
};

static void stage_view_iface_init (DlgStageViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlgSpecificationView, dlg_specification_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DLG_TYPE_STAGE_VIEW, stage_view_iface_init))

static DlgStage
get_stage (DlgStageView *view)
{
  return DLG_STAGE_SPECIFICATION;
}

static void
load (DlgStageView *view,
      DlgContext   *context,
      gint64        process_id)
{
  DlgSpecificationView *self = DLG_SPECIFICATION_VIEW (view);

  for (guint i = 0; i < N_FIELDS; i++)
    dlg_field_binding_load (self->fields[i], context, process_id);
}

static void
flush (DlgStageView *view)
{
  DlgSpecificationView *self = DLG_SPECIFICATION_VIEW (view);

  for (guint i = 0; i < N_FIELDS; i++)
    dlg_field_binding_flush (self->fields[i]);
}

static void
stage_view_iface_init (DlgStageViewInterface *iface)
{
  iface->get_stage = get_stage;
  iface->load = load;
  iface->flush = flush;
}

static void
dlg_specification_view_dispose (GObject *object)
{
  DlgSpecificationView *self = (DlgSpecificationView *)object;

  for (guint i = 0; i < N_FIELDS; i++)
    g_clear_object (&self->fields[i]);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_SPECIFICATION_VIEW);

  G_OBJECT_CLASS (dlg_specification_view_parent_class)->dispose (object);
}

static void
dlg_specification_view_class_init (DlgSpecificationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_specification_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-specification-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgSpecificationView, box);
  gtk_widget_class_bind_template_child (widget_class, DlgSpecificationView, objectives_text);
  gtk_widget_class_bind_template_child (widget_class, DlgSpecificationView, publics_text);
  gtk_widget_class_bind_template_child (widget_class, DlgSpecificationView, budget_text);
  gtk_widget_class_bind_template_child (widget_class, DlgSpecificationView, calendar_text);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dlg_specification_view_init (DlgSpecificationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->fields[0] = dlg_field_binding_new (GTK_WIDGET (self->objectives_text),
                                           DLG_FIELD_SPEC_OBJECTIVES);
  self->fields[1] = dlg_field_binding_new (GTK_WIDGET (self->publics_text), DLG_FIELD_SPEC_PUBLICS);
  self->fields[2] = dlg_field_binding_new (GTK_WIDGET (self->budget_text), DLG_FIELD_SPEC_BUDGET);
  self->fields[3] = dlg_field_binding_new (GTK_WIDGET (self->calendar_text),
                                           DLG_FIELD_SPEC_CALENDAR);
}
