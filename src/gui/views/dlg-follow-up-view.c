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
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgFollowUpView
{
  DlgStageViewBase parent_instance;

  GtkListBox      *follow_up_list;
};

G_DEFINE_FINAL_TYPE (DlgFollowUpView, dlg_follow_up_view, DLG_TYPE_STAGE_VIEW_BASE)

static const char * const kinds[] = { "meeting", "report", "evaluation", NULL };

static const char *
kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "meeting") == 0)
    return _("Follow-up committee meeting");
  if (g_strcmp0 (kind, "report") == 0)
    return _("Status report");
  if (g_strcmp0 (kind, "evaluation") == 0)
    return _("Participatory evaluation");
  return kind;
}

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
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgFollowUp *item = editor->item;
  g_autofree char *body = dlg_text_view_dup_text (editor->body);

  if (!dlg_view_check_date (gtk_editable_get_text (editor->dated), error))
    return FALSE;
  dlg_follow_up_set_kind (item, kinds[adw_combo_row_get_selected (editor->kind)]);
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
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(DlgFollowUp) fresh = NULL;

  if (dlg_follow_up_get_id (editor->item) == 0 || dlg_stage_view_base_get_context (base) == NULL ||
      !(fresh = dlg_follow_up_load (dlg_stage_view_base_get_store (base),
                                    dlg_follow_up_get_id (editor->item), NULL)))
    return;
  g_set_object (&editor->item, fresh);
  dlg_edit_dialog_refresh_choice (dialog, editor->kind,
                                  dlg_strv_find (kinds, dlg_follow_up_get_kind (fresh)));
  dlg_edit_dialog_refresh_entry (dialog, editor->dated, dlg_follow_up_get_dated (fresh));
  dlg_edit_dialog_refresh_entry (dialog, editor->title, dlg_follow_up_get_title (fresh));
  dlg_edit_dialog_refresh_switch (dialog, editor->published, dlg_follow_up_get_published (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->body, dlg_follow_up_get_body (fresh));
}

static void
follow_up_delete (gpointer user_data)
{
  FollowUpEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(GError) error = NULL;

  DlgStore *store = dlg_stage_view_base_get_store (base);
  gint64 id = dlg_follow_up_get_id (editor->item);

  if (id != 0 && !dlg_follow_up_delete (store, id, &error))
    g_message ("Could not delete: %s", error->message);
}

static DlgEditDialog *
edit_follow_up (DlgFollowUpView *self,
               DlgFollowUp     *item)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  FollowUpEditor *editor = g_new0 (FollowUpEditor, 1);
  DlgEditDialog *dialog;

  editor->view = self;
  editor->item = g_object_ref (item);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Follow-up"), follow_up_save, editor,
                                (GDestroyNotify)follow_up_editor_free);
  {
    const char *labels[] = { kind_label ("meeting"), kind_label ("report"),
                             kind_label ("evaluation"), NULL };

    guint kind = dlg_strv_find (kinds, dlg_follow_up_get_kind (item));

    editor->kind = dlg_edit_dialog_add_choice (dialog, _("Kind"), labels, kind);
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
  dlg_edit_dialog_follow (dialog, dlg_stage_view_base_get_store (base), DLG_TYPE_FOLLOW_UP,
                          follow_up_reload);
  if (dlg_follow_up_get_id (item) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete"), follow_up_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
reload_follow_up (DlgStageViewBase *base)
{
  DlgFollowUpView *self = DLG_FOLLOW_UP_VIEW (base);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;
  DlgStore *store;
  guint n;

  dlg_list_box_remove_all (self->follow_up_list);
  if (!dlg_stage_view_base_is_loaded (base))
    return;
  store = dlg_stage_view_base_get_store (base);

  items = dlg_follow_up_list (store, dlg_stage_view_base_get_process_id (base), &error);
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
        subtitle = g_strdup_printf ("%s · %s%s%s", kind_label (dlg_follow_up_get_kind (item)),
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
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgFollowUp) item = NULL;

  item = dlg_record_row_load (row, dlg_stage_view_base_get_context (base),
                              (DlgRecordLoadFunc) dlg_follow_up_load);
  if (item != NULL)
    edit_follow_up (self, item);
}

static void
add_follow_up_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DlgFollowUpView *self = DLG_FOLLOW_UP_VIEW (widget);
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgFollowUp) item = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    return;
  {
    g_autofree char *today = dlg_today ();

    item = dlg_follow_up_new (dlg_stage_view_base_get_process_id (base));
    dlg_follow_up_set_kind (item, "meeting");
    dlg_follow_up_set_dated (item, today);
  }
  edit_follow_up (self, item);
}

static void
dlg_follow_up_view_class_init (DlgFollowUpViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  view_class->stage = DLG_STAGE_FOLLOW_UP;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_FOLLOW_UP);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_SYNC_OUTBOX);
  view_class->reload = reload_follow_up;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-follow-up-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgFollowUpView, follow_up_list);
  gtk_widget_class_install_action (widget_class, "view.add-follow-up", NULL,
                                   add_follow_up_action);
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
