/* dlg-arbitration-view.c — stage 2: arbitration by elected officials
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are edited in a DlgEditDialog and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-arbitration-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-arbitration-view.h"
#include "dlg-record-editor.h"
#include "dlg-record-section.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgArbitrationView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *decision_section;
};

G_DEFINE_FINAL_TYPE (DlgArbitrationView, dlg_arbitration_view, DLG_TYPE_STAGE_VIEW_BASE)

/* ---------------------------------------------------------------- decision */

/* The decision's own fields, in the order an officer fills them in, with the questions this
 * view asks (the field table's labels name them in the core's messages). */
static const DlgRecordEditorRow decision_rows[] = {
  { "who", N_("Who decided (elected official, senior management…)"), 0 },
  { "decided-at", N_("When"), 0 },
  { "what", N_("What was decided"), DLG_RECORD_EDITOR_ONE_LINE },
  { "why", N_("Why"), 0 },
  { NULL, NULL, 0 },
};

static void
edit_decision (DlgArbitrationView *self,
               DlgDecision        *item)
{
  dlg_record_editor_new (GTK_WIDGET (self),
                         dlg_stage_view_base_get_store (DLG_STAGE_VIEW_BASE (self)),
                         DLG_RECORD (item), _("Decision"), _("_Delete the Decision"),
                         decision_rows);
}

static char *
decision_subtitle (gpointer item,
                   gpointer user_data)
{
  g_autofree char *date = dlg_format_date (dlg_decision_get_decided_at (item));

  return g_strdup_printf ("%s · %s", dlg_decision_get_who (item), date != NULL ? date : "");
}

static void
reload_decision (DlgStageViewBase *base)
{
  DlgArbitrationView *self = DLG_ARBITRATION_VIEW (base);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    {
      dlg_record_section_set_records (self->decision_section, NULL);
      return;
    }
  items = dlg_decision_list (dlg_stage_view_base_get_store (base),
                             dlg_stage_view_base_get_process_id (base), "arbitration", &error);
  if (items == NULL)
    dlg_record_section_show_error (self->decision_section, error->message);
  else
    dlg_record_section_set_records (self->decision_section, items);
}

static void
decision_activated_cb (DlgArbitrationView *self,
                       GObject            *record)
{
  g_autoptr(DlgDecision) item = NULL;

  item = dlg_record_load_again (dlg_stage_view_base_get_context (DLG_STAGE_VIEW_BASE (self)),
                                record, (DlgRecordLoadFunc) dlg_decision_load);
  if (item != NULL)
    edit_decision (self, item);
}

static void
add_decision_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlgArbitrationView *self = DLG_ARBITRATION_VIEW (widget);
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgDecision) item = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    return;
  {
    g_autofree char *today = dlg_today ();

    item = dlg_decision_new (dlg_stage_view_base_get_process_id (base));
    dlg_decision_set_stage (item, "arbitration");
    dlg_decision_set_decided_at (item, today);
  }
  edit_decision (self, item);
}

static void
dlg_arbitration_view_class_init (DlgArbitrationViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  view_class->stage = DLG_STAGE_ARBITRATION;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_DECISION);
  view_class->reload = reload_decision;

  g_type_ensure (DLG_TYPE_RECORD_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-arbitration-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgArbitrationView, decision_section);
  gtk_widget_class_bind_template_callback (widget_class, decision_activated_cb);
  gtk_widget_class_install_action (widget_class, "view.add-decision", NULL,
                                   add_decision_action);
}

static void
dlg_arbitration_view_init (DlgArbitrationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  dlg_record_section_set_text_funcs (self->decision_section, NULL, decision_subtitle, NULL);
}
