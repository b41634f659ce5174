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
#include "dlg-edit-dialog.h"
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

typedef struct
{
  DlgArbitrationView *view;
  DlgDecision *item;
  GtkEditable *who;
  GtkEditable *date;
  GtkEditable *what;
  GtkTextView *why;
} DecisionEditor;

static void
decision_editor_free (DecisionEditor *editor)
{
  g_clear_object (&editor->item);
  g_free (editor);
}

static gboolean
decision_save (gpointer   user_data,
               GError   **error)
{
  DecisionEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgDecision *item = editor->item;
  g_autofree char *why = dlg_text_view_dup_text (editor->why);

  if (!dlg_view_check_date (gtk_editable_get_text (editor->date), error))
    return FALSE;
  dlg_decision_set_who (item, gtk_editable_get_text (editor->who));
  dlg_decision_set_decided_at (item, gtk_editable_get_text (editor->date));
  dlg_decision_set_what (item, gtk_editable_get_text (editor->what));
  dlg_decision_set_why (item, why);
  return dlg_decision_save (store, item, error);
}

/* The decision changed in the store: show it (what the officer is typing stays). */
static void
decision_reload (DlgEditDialog *dialog,
                 gpointer       user_data)
{
  DecisionEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(DlgDecision) fresh = NULL;

  if (dlg_decision_get_id (editor->item) == 0 || dlg_stage_view_base_get_context (base) == NULL ||
      !(fresh = dlg_decision_load (dlg_stage_view_base_get_store (base),
                                   dlg_decision_get_id (editor->item), NULL)))
    return;
  g_set_object (&editor->item, fresh);
  dlg_edit_dialog_refresh_entry (dialog, editor->who, dlg_decision_get_who (fresh));
  dlg_edit_dialog_refresh_entry (dialog, editor->date, dlg_decision_get_decided_at (fresh));
  dlg_edit_dialog_refresh_entry (dialog, editor->what, dlg_decision_get_what (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->why, dlg_decision_get_why (fresh));
}

static void
decision_delete (gpointer user_data)
{
  DecisionEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(GError) error = NULL;

  DlgStore *store = dlg_stage_view_base_get_store (base);
  gint64 id = dlg_decision_get_id (editor->item);

  if (id != 0 && !dlg_decision_delete (store, id, &error))
    g_message ("Could not delete: %s", error->message);
}

static DlgEditDialog *
edit_decision (DlgArbitrationView *self,
              DlgDecision        *item)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  DecisionEditor *editor = g_new0 (DecisionEditor, 1);
  DlgEditDialog *dialog;

  editor->view = self;
  editor->item = g_object_ref (item);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Decision"), decision_save, editor,
                                (GDestroyNotify)decision_editor_free);
  editor->who = dlg_edit_dialog_add_entry (dialog,
                                           _("Who decided (elected official, senior "
                                             "management…)"),
                                           dlg_decision_get_who (item));
  editor->date = dlg_edit_dialog_add_entry (dialog, _("When (year-month-day)"),
                                            dlg_decision_get_decided_at (item));
  editor->what = dlg_edit_dialog_add_entry (dialog, _("What was decided"),
                                            dlg_decision_get_what (item));
  editor->why = dlg_edit_dialog_add_text (dialog, _("Why"), dlg_decision_get_why (item));
  dlg_edit_dialog_follow (dialog, dlg_stage_view_base_get_store (base), DLG_TYPE_DECISION,
                          decision_reload);
  if (dlg_decision_get_id (item) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete the Decision"), decision_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
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

/* The record on show may be older than the store by an idle: the editor reads it again. */
static void
decision_activated_cb (DlgArbitrationView *self,
                       DlgDecision        *item)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgDecision) fresh = NULL;
  g_autoptr(GError) error = NULL;

  fresh = dlg_decision_load (dlg_stage_view_base_get_store (base), dlg_decision_get_id (item),
                             &error);
  if (fresh == NULL)
    g_message ("Could not open: %s", error->message);
  else
    edit_decision (self, fresh);
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
