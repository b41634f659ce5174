/* dlg-follow-up-view.c — stage 12: the right to follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are edited in a DlgEditDialog and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-follow-up-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-follow-up-view.h"
#include "dlg-edit-dialog.h"
#include "dlg-field-binding.h"
#include "dlg-reload-helper.h"
#include "dlg-view-util.h"

#define N_FIELDS 0
#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgFollowUpView
{
  GtkWidget        parent_instance;

  GtkWidget       *box;
  GtkListBox      *follow_up_list;

  DlgContext      *context;
  gint64           process_id;
  DlgReloadHelper  reload;
};

static void stage_view_iface_init (DlgStageViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlgFollowUpView, dlg_follow_up_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DLG_TYPE_STAGE_VIEW, stage_view_iface_init))

/* ---------------------------------------------------------------- follow_up */

typedef struct
{
  DlgFollowUpView *view;
  DlgFollowUp *item;
  AdwComboRow *kind;
  GtkEditable *dated;
  GtkEditable *title;
  GtkTextView *body;
  GtkSwitch   *published;
} FollowUpEditor;

static void
follow_up_editor_free (FollowUpEditor *editor)
{
  g_clear_object (&editor->item);
  g_free (editor);
}

static gboolean
follow_up_save (gpointer   user_data,
                GError   **error)
{
  FollowUpEditor *editor = user_data;
  DlgStore *store = dlg_context_get_store (editor->view->context);
  DlgFollowUp *item = editor->item;
  g_autofree char *body = dlg_text_view_dup_text (editor->body);

  if (!dlg_view_check_date (gtk_editable_get_text (editor->dated), error))
    return FALSE;
  dlg_follow_up_set_kind (item, dlg_vocabulary_get_id (&dlg_vocabulary_follow_up_kind,
                                                       adw_combo_row_get_selected (editor->kind)));
  dlg_follow_up_set_dated (item, gtk_editable_get_text (editor->dated));
  dlg_follow_up_set_title (item, gtk_editable_get_text (editor->title));
  dlg_follow_up_set_body (item, body);
  dlg_follow_up_set_published (item, gtk_switch_get_active (editor->published));
  return dlg_follow_up_save (store, item, error);
}

/* The entry changed in the store: show it (what the officer is typing stays). */
static void
follow_up_reload (DlgEditDialog *dialog,
                  gpointer       user_data)
{
  FollowUpEditor *editor = user_data;
  g_autoptr(DlgFollowUp) fresh = NULL;

  if (dlg_follow_up_get_id (editor->item) == 0 || editor->view->context == NULL ||
      !(fresh = dlg_follow_up_load (dlg_context_get_store (editor->view->context),
                                    dlg_follow_up_get_id (editor->item), NULL)))
    return;
  g_set_object (&editor->item, fresh);
  dlg_edit_dialog_refresh_choice (dialog, editor->kind,
                                  dlg_choice_index (&dlg_vocabulary_follow_up_kind,
                                                    dlg_follow_up_get_kind (fresh)));
  dlg_edit_dialog_refresh_entry (dialog, editor->dated, dlg_follow_up_get_dated (fresh));
  dlg_edit_dialog_refresh_entry (dialog, editor->title, dlg_follow_up_get_title (fresh));
  dlg_edit_dialog_refresh_switch (dialog, editor->published, dlg_follow_up_get_published (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->body, dlg_follow_up_get_body (fresh));
}

static void
follow_up_delete (gpointer user_data)
{
  FollowUpEditor *editor = user_data;
  g_autoptr(GError) error = NULL;

  DlgStore *store = dlg_context_get_store (editor->view->context);
  gint64 id = dlg_follow_up_get_id (editor->item);

  if (id != 0 && !dlg_follow_up_delete (store, id, &error))
    g_message ("Could not delete: %s", error->message);
}

static DlgEditDialog *
edit_follow_up (DlgFollowUpView *self,
               DlgFollowUp     *item)
{
  FollowUpEditor *editor = g_new0 (FollowUpEditor, 1);
  DlgEditDialog *dialog;

  editor->view = self;
  editor->item = g_object_ref (item);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Follow-up"), follow_up_save, editor,
                                (GDestroyNotify)follow_up_editor_free);
  {
    g_auto(GStrv) labels = dlg_vocabulary_dup_labels (&dlg_vocabulary_follow_up_kind);
    guint kind = dlg_choice_index (&dlg_vocabulary_follow_up_kind, dlg_follow_up_get_kind (item));

    editor->kind = dlg_edit_dialog_add_choice (dialog, _("Kind"), (const char * const *) labels,
                                               kind);
    editor->dated = dlg_edit_dialog_add_entry (dialog, _("Date (year-month-day)"),
                                               dlg_follow_up_get_dated (item));
    editor->title = dlg_edit_dialog_add_entry (dialog, _("Title"), dlg_follow_up_get_title (item));
    editor->published = dlg_edit_dialog_add_switch (dialog, _("Publish on the Site"),
                                                    _("Shown on the site’s follow-up page "
                                                      "after the next sync; switched off, "
                                                      "removed from it"),
                                                    dlg_follow_up_get_published (item));
    editor->body = dlg_edit_dialog_add_text (dialog, _("Minutes, report or findings"),
                                             dlg_follow_up_get_body (item));
  }
  dlg_edit_dialog_follow (dialog, dlg_context_get_store (self->context), DLG_TYPE_FOLLOW_UP,
                          follow_up_reload);
  if (dlg_follow_up_get_id (item) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete"), follow_up_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
reload_follow_up (DlgFollowUpView *self)
{
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;
  DlgStore *store;
  guint n;

  dlg_list_box_remove_all (self->follow_up_list);
  if (self->context == NULL || self->process_id == 0)
    return;
  store = dlg_context_get_store (self->context);

  items = dlg_follow_up_list (store, self->process_id, &error);
  if (items == NULL)
    {
      gtk_list_box_append (self->follow_up_list, dlg_placeholder_row_new (error->message));
      return;
    }
  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgFollowUp) item = g_list_model_get_item (items, i);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;

      {
        g_autofree char *date = dlg_format_date (dlg_follow_up_get_dated (item));

        const char *where = dlg_publication_text (
          dlg_sync_get_publication (store, "follow_up", dlg_follow_up_get_uuid (item)));

        title = g_strdup (dlg_follow_up_get_title (item));
        subtitle = g_strdup_printf ("%s · %s%s%s",
                                    dlg_vocabulary_get_label (&dlg_vocabulary_follow_up_kind,
                                                              dlg_follow_up_get_kind (item)),
                                    date != NULL ? date : "", where != NULL ? " · " : "",
                                    where != NULL ? where : "");
      }
      gtk_list_box_append (self->follow_up_list,
                           dlg_record_row_new (title, subtitle, dlg_follow_up_get_id (item)));
    }
}

static void
follow_up_activated_cb (DlgFollowUpView *self,
                       GtkListBoxRow   *row)
{
  g_autoptr(DlgFollowUp) item = NULL;

  item = dlg_record_row_load (row, self->context, (DlgRecordLoadFunc) dlg_follow_up_load);
  if (item != NULL)
    edit_follow_up (self, item);
}

static void
add_follow_up_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DlgFollowUpView *self = DLG_FOLLOW_UP_VIEW (widget);
  g_autoptr(DlgFollowUp) item = NULL;

  if (self->context == NULL || self->process_id == 0)
    return;
  {
    g_autofree char *today = dlg_today ();

    item = dlg_follow_up_new (self->process_id);
    dlg_follow_up_set_kind (item, "meeting");
    dlg_follow_up_set_dated (item, today);
  }
  edit_follow_up (self, item);
}

/* ---------------------------------------------------------------- DlgStageView */

static void
reload_all (DlgFollowUpView *self)
{
  dlg_reload_helper_cancel (&self->reload);
  reload_follow_up (self);
}

static void
store_changed_cb (DlgFollowUpView *self,
                  GType           type,
                  gint64          process_id)
{
  if (process_id != self->process_id && process_id != 0)
    return;
  /* The outbox too: a sync changes what the rows say about the site. */
  if (type == DLG_TYPE_FOLLOW_UP || type == DLG_TYPE_SYNC_OUTBOX)
    dlg_reload_helper_queue (&self->reload, (DlgReloadFunc) reload_all, self);
}

static DlgStage
get_stage (DlgStageView *view)
{
  return DLG_STAGE_FOLLOW_UP;
}

static void
load (DlgStageView *view,
      DlgContext   *context,
      gint64        process_id)
{
  DlgFollowUpView *self = DLG_FOLLOW_UP_VIEW (view);

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
  DlgFollowUpView *self = DLG_FOLLOW_UP_VIEW (view);

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
dlg_follow_up_view_dispose (GObject *object)
{
  DlgFollowUpView *self = (DlgFollowUpView *)object;

  dlg_reload_helper_cancel (&self->reload);
  dlg_reload_helper_unwatch (&self->reload);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_FOLLOW_UP_VIEW);

  G_OBJECT_CLASS (dlg_follow_up_view_parent_class)->dispose (object);
}

static void
dlg_follow_up_view_class_init (DlgFollowUpViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_follow_up_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-follow-up-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgFollowUpView, box);
  gtk_widget_class_bind_template_child (widget_class, DlgFollowUpView, follow_up_list);
  gtk_widget_class_install_action (widget_class, "view.add-follow-up", NULL,
                                   add_follow_up_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dlg_follow_up_view_init (DlgFollowUpView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->follow_up_list,
                                dlg_placeholder_row_new (_("No meeting, report or evaluation "
                                                           "yet.")));
  g_signal_connect_object (self->follow_up_list, "row-activated",
                           G_CALLBACK (follow_up_activated_cb), self, G_CONNECT_SWAPPED);
}
