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
#include "dlg-record-section.h"
#include "dlg-field-binding.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgFollowUpView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *follow_up_section;

  GHashTable      *where;   /* follow-up id → DlgSyncPublication, read with the list */
};

G_DEFINE_FINAL_TYPE (DlgFollowUpView, dlg_follow_up_view, DLG_TYPE_STAGE_VIEW_BASE)

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
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(DlgFollowUp) fresh = NULL;

  if (dlg_follow_up_get_id (editor->item) == 0 || dlg_stage_view_base_get_context (base) == NULL ||
      !(fresh = dlg_follow_up_load (dlg_stage_view_base_get_store (base),
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
  dlg_edit_dialog_follow (dialog, dlg_stage_view_base_get_store (base), DLG_TYPE_FOLLOW_UP,
                          follow_up_reload);
  if (dlg_follow_up_get_id (item) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete"), follow_up_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static char *
follow_up_subtitle (gpointer item,
                    gpointer user_data)
{
  DlgFollowUpView *self = user_data;
  g_autofree char *date = dlg_format_date (dlg_follow_up_get_dated (item));
  gint64 id = dlg_follow_up_get_id (item);
  const char *where = dlg_publication_text (GPOINTER_TO_INT (g_hash_table_lookup (self->where,
                                                                                  &id)));

  return g_strdup_printf ("%s · %s%s%s",
                          dlg_vocabulary_get_label (&dlg_vocabulary_follow_up_kind,
                                                    dlg_follow_up_get_kind (item)),
                          date != NULL ? date : "", where != NULL ? " · " : "",
                          where != NULL ? where : "");
}

static void
reload_follow_up (DlgStageViewBase *base)
{
  DlgFollowUpView *self = DLG_FOLLOW_UP_VIEW (base);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GHashTable) publications = NULL;
  g_autoptr(GError) error = NULL;
  DlgStore *store = dlg_stage_view_base_get_store (base);

  g_hash_table_remove_all (self->where);
  if (!dlg_stage_view_base_is_loaded (base))
    {
      dlg_record_section_set_records (self->follow_up_section, NULL);
      return;
    }
  items = dlg_follow_up_list (store, dlg_stage_view_base_get_process_id (base), &error);
  if (items == NULL)
    {
      dlg_record_section_show_error (self->follow_up_section, error->message);
      return;
    }
  /* Where each item stands, read for the whole list at once, not one query per row. */
  publications = dlg_sync_list_publications (store, "follow_up",
                                             dlg_stage_view_base_get_process_id (base), NULL);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(DlgFollowUp) item = g_list_model_get_item (items, i);
      gint64 id = dlg_follow_up_get_id (item);
      DlgSyncPublication where = publications == NULL ? DLG_SYNC_PUBLICATION_LOCAL
        : GPOINTER_TO_INT (g_hash_table_lookup (publications, dlg_follow_up_get_uuid (item)));

      g_hash_table_insert (self->where, g_memdup2 (&id, sizeof id), GINT_TO_POINTER (where));
    }
  dlg_record_section_set_records (self->follow_up_section, items);
}

static void
follow_up_activated_cb (DlgFollowUpView *self,
                        GObject         *record)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgFollowUp) item = NULL;

  item = dlg_record_load_again (dlg_stage_view_base_get_context (base), record,
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
dlg_follow_up_view_finalize (GObject *object)
{
  DlgFollowUpView *self = (DlgFollowUpView *)object;

  g_clear_pointer (&self->where, g_hash_table_unref);

  G_OBJECT_CLASS (dlg_follow_up_view_parent_class)->finalize (object);
}

static void
dlg_follow_up_view_class_init (DlgFollowUpViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  object_class->finalize = dlg_follow_up_view_finalize;

  view_class->stage = DLG_STAGE_FOLLOW_UP;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_FOLLOW_UP);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_SYNC_OUTBOX);
  view_class->reload = reload_follow_up;

  g_type_ensure (DLG_TYPE_RECORD_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-follow-up-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgFollowUpView, follow_up_section);
  gtk_widget_class_bind_template_callback (widget_class, follow_up_activated_cb);
  gtk_widget_class_install_action (widget_class, "view.add-follow-up", NULL,
                                   add_follow_up_action);
}

static void
dlg_follow_up_view_init (DlgFollowUpView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->where = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  dlg_record_section_set_text_funcs (self->follow_up_section, NULL, follow_up_subtitle, self);

}
