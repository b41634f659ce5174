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
#include "dlg-field-binding.h"
#include "dlg-reload-helper.h"
#include "dlg-view-util.h"

#define N_FIELDS 0
#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgArbitrationView
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkListBox      *decision_list;

  DlgContext      *context;
  gint64           process_id;
  DlgReloadHelper  reload;
};

static void stage_view_iface_init (DlgStageViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlgArbitrationView, dlg_arbitration_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DLG_TYPE_STAGE_VIEW, stage_view_iface_init))

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
  DlgStore *store = dlg_context_get_store (editor->view->context);
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
  g_autoptr(DlgDecision) fresh = NULL;

  if (dlg_decision_get_id (editor->item) == 0 || editor->view->context == NULL ||
      !(fresh = dlg_decision_load (dlg_context_get_store (editor->view->context),
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
  g_autoptr(GError) error = NULL;

  DlgStore *store = dlg_context_get_store (editor->view->context);
  gint64 id = dlg_decision_get_id (editor->item);

  if (id != 0 && !dlg_decision_delete (store, id, &error))
    g_message ("Could not delete: %s", error->message);
}

static DlgEditDialog *
edit_decision (DlgArbitrationView *self,
              DlgDecision        *item)
{
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
  dlg_edit_dialog_follow (dialog, dlg_context_get_store (self->context), DLG_TYPE_DECISION,
                          decision_reload);
  if (dlg_decision_get_id (item) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete the Decision"), decision_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
reload_decision (DlgArbitrationView *self)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;
  DlgStore *store;
  guint n;

  dlg_list_box_remove_all (self->decision_list);
  if (self->context == NULL || self->process_id == 0)
    return;
  store = dlg_context_get_store (self->context);

  items = dlg_decision_list (store, self->process_id, "arbitration", &error);
  if (items == NULL)
    {
      gtk_list_box_append (self->decision_list, dlg_placeholder_row_new (error->message));
      return;
    }
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgDecision) item = g_list_model_get_item (items, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      {
        g_autofree char *date = dlg_format_date (dlg_decision_get_decided_at (item));

        title = g_strdup (dlg_decision_get_what (item));
        subtitle = g_strdup_printf ("%s · %s", dlg_decision_get_who (item),
                                    date != NULL ? date : "");
      }
      gtk_list_box_append (self->decision_list,
                           dlg_record_row_new (title, subtitle, dlg_decision_get_id (item)));
    }
}

static void
decision_activated_cb (DlgArbitrationView *self,
                      GtkListBoxRow      *row)
{
  g_autoptr(DlgDecision) item = NULL;

  item = dlg_record_row_load (row, self->context, (DlgRecordLoadFunc) dlg_decision_load);
  if (item != NULL)
    edit_decision (self, item);
}

static void
add_decision_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlgArbitrationView *self = DLG_ARBITRATION_VIEW (widget);
  g_autoptr(DlgDecision) item = NULL;

  if (self->context == NULL || self->process_id == 0)
    return;
  {
    g_autofree char *today = dlg_today ();

    item = dlg_decision_new (self->process_id);
    dlg_decision_set_stage (item, "arbitration");
    dlg_decision_set_decided_at (item, today);
  }
  edit_decision (self, item);
}

/* ---------------------------------------------------------------- DlgStageView */

static void
reload_all (DlgArbitrationView *self)
{
  dlg_reload_helper_cancel (&self->reload);
  reload_decision (self);
}

static void
store_changed_cb (DlgArbitrationView *self,
                  GType              type,
                  gint64             process_id)
{
  if (process_id != self->process_id && process_id != 0)
    return;
  if (type == DLG_TYPE_DECISION)
    dlg_reload_helper_queue (&self->reload, (DlgReloadFunc) reload_all, self);
}

static DlgStage
get_stage (DlgStageView *view)
{
  return DLG_STAGE_ARBITRATION;
}

static void
load (DlgStageView *view,
      DlgContext   *context,
      gint64        process_id)
{
  DlgArbitrationView *self = DLG_ARBITRATION_VIEW (view);

  g_set_object (&self->context, context);
  self->process_id = process_id;
  dlg_reload_helper_watch (&self->reload,
                           context != NULL ? dlg_context_get_store (context) : NULL,
                           G_CALLBACK (store_changed_cb), self);
  reload_all (self);
}

static void
flush (DlgStageView *view)
{
  DlgArbitrationView *self = DLG_ARBITRATION_VIEW (view);

  (void)self;
}

static void
stage_view_iface_init (DlgStageViewInterface *iface)
{
  iface->get_stage = get_stage;
  iface->load = load;
  iface->flush = flush;
}

static void
dlg_arbitration_view_dispose (GObject *object)
{
  DlgArbitrationView *self = (DlgArbitrationView *)object;

  dlg_reload_helper_cancel (&self->reload);
  dlg_reload_helper_unwatch (&self->reload);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_ARBITRATION_VIEW);

  G_OBJECT_CLASS (dlg_arbitration_view_parent_class)->dispose (object);
}

static void
dlg_arbitration_view_class_init (DlgArbitrationViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_arbitration_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-arbitration-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgArbitrationView, box);
  gtk_widget_class_bind_template_child (widget_class, DlgArbitrationView, decision_list);
  gtk_widget_class_install_action (widget_class, "view.add-decision", NULL,
                                   add_decision_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dlg_arbitration_view_init (DlgArbitrationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->decision_list,
                                dlg_placeholder_row_new (_("No decision recorded yet.")));
  g_signal_connect_object (self->decision_list, "row-activated",
                           G_CALLBACK (decision_activated_cb), self, G_CONNECT_SWAPPED);
}
