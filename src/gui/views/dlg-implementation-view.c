/* dlg-implementation-view.c — stage 11: implementation of the commitments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Records are edited in a DlgEditDialog and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-implementation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-implementation-view.h"
#include "dlg-edit-dialog.h"
#include "dlg-record-section.h"
#include "dlg-field-binding.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgImplementationView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *commitment_section;
};

G_DEFINE_FINAL_TYPE (DlgImplementationView, dlg_implementation_view, DLG_TYPE_STAGE_VIEW_BASE)

/* ---------------------------------------------------------------- updates */

typedef struct
{
  DlgStore            *store;
  DlgCommitmentUpdate *update;
  GtkEditable         *dated;
  AdwComboRow         *status;
  GtkSpinButton       *progress;
  GtkTextView         *text;
} UpdateEditor;

static void
update_editor_free (UpdateEditor *editor)
{
  g_clear_object (&editor->update);
  g_free (editor);
}

static gboolean
update_save (gpointer   user_data,
             GError   **error)
{
  UpdateEditor *editor = user_data;
  g_autofree char *text = dlg_text_view_dup_text (editor->text);

  if (!dlg_view_check_date (gtk_editable_get_text (editor->dated), error))
    return FALSE;
  dlg_commitment_update_set_dated (editor->update, gtk_editable_get_text (editor->dated));
  dlg_commitment_update_set_status (editor->update,
                                    dlg_vocabulary_get_id (&dlg_vocabulary_commitment_update_status,
                                                           adw_combo_row_get_selected (
                                                             editor->status)));
  dlg_commitment_update_set_progress (editor->update,
                                      gtk_spin_button_get_value_as_int (editor->progress));
  dlg_commitment_update_set_text (editor->update, text);
  return dlg_commitment_update_save (editor->store, editor->update, error);
}

static void reload_updates (GtkListBox *list);

/* The report changed in the store: show it (what the officer is typing stays). */
static void
update_reload (DlgEditDialog *dialog,
               gpointer       user_data)
{
  UpdateEditor *editor = user_data;
  g_autoptr(DlgCommitmentUpdate) fresh = NULL;

  if (dlg_commitment_update_get_id (editor->update) == 0 ||
      !(fresh = dlg_commitment_update_load (editor->store,
                                            dlg_commitment_update_get_id (editor->update), NULL)))
    return;
  g_set_object (&editor->update, fresh);
  dlg_edit_dialog_refresh_entry (dialog, editor->dated, dlg_commitment_update_get_dated (fresh));
  dlg_edit_dialog_refresh_choice (dialog, editor->status,
                                  dlg_choice_index (&dlg_vocabulary_commitment_update_status,
                                                    dlg_commitment_update_get_status (fresh)));
  dlg_edit_dialog_refresh_spin (dialog, editor->progress,
                                dlg_commitment_update_get_progress (fresh));
  dlg_edit_dialog_refresh_text (dialog, editor->text, dlg_commitment_update_get_text (fresh));
}

static void
edit_update (GtkListBox          *list,
             DlgCommitmentUpdate *update)
{
  UpdateEditor *editor = g_new0 (UpdateEditor, 1);
  g_auto(GStrv) labels = dlg_vocabulary_dup_labels (&dlg_vocabulary_commitment_update_status);
  DlgEditDialog *dialog;

  editor->store = g_object_get_data (G_OBJECT (list), "dlg-store");
  editor->update = g_object_ref (update);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (list), _("Update of the Commitment"), update_save,
                                editor, (GDestroyNotify)update_editor_free);
  editor->dated = dlg_edit_dialog_add_entry (dialog, _("Date (year-month-day)"),
                                             dlg_commitment_update_get_dated (update));
  editor->status = dlg_edit_dialog_add_choice (dialog, _("Status"),
                                               (const char * const *) labels,
                                               dlg_choice_index (
                                                 &dlg_vocabulary_commitment_update_status,
                                                 dlg_commitment_update_get_status (update)));
  editor->progress = dlg_edit_dialog_add_spin (dialog, _("Progress (%)"), 0, 100,
                                               dlg_commitment_update_get_progress (update));
  editor->text = dlg_edit_dialog_add_text (dialog, _("What happened"),
                                           dlg_commitment_update_get_text (update));
  dlg_edit_dialog_follow (dialog, editor->store, DLG_TYPE_COMMITMENT_UPDATE, update_reload);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (reload_updates), list,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
update_activated_cb (GtkListBox    *list,
                     GtkListBoxRow *row)
{
  DlgStore *store = g_object_get_data (G_OBJECT (list), "dlg-store");
  g_autoptr(DlgCommitmentUpdate) update = NULL;

  if (dlg_record_row_get_id (row) == 0)
    return;
  update = dlg_commitment_update_load (store, dlg_record_row_get_id (row), NULL);
  if (update != NULL)
    edit_update (list, update);
}

static void
reload_updates (GtkListBox *list)
{
  DlgStore *store = g_object_get_data (G_OBJECT (list), "dlg-store");
  gint64 commitment_id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list),
                                                                       "dlg-commitment"));
  g_autoptr(GListModel) updates = NULL;
  guint n;

  dlg_list_box_remove_all (list);
  if (commitment_id == 0)
    {
      gtk_list_box_append (list, dlg_placeholder_row_new (_("Give the commitment a title and a "
                                                            "position first.")));
      return;
    }
  updates = dlg_commitment_update_list (store, commitment_id, NULL);
  n = updates != NULL ? g_list_model_get_n_items (updates) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgCommitmentUpdate) u = g_list_model_get_item (updates, i);
      g_autofree char *date = dlg_format_date (dlg_commitment_update_get_dated (u));
      const char *status = dlg_commitment_update_get_status (u);
      g_autofree char *title = g_strdup_printf ("%s · %s · %d %%", date != NULL ? date : "",
                                                dlg_commitment_status_get_label (status),
                                                dlg_commitment_update_get_progress (u));

      gtk_list_box_append (list, dlg_record_row_new (title, dlg_commitment_update_get_text (u),
                                                     dlg_commitment_update_get_id (u)));
    }
  if (n == 0)
    gtk_list_box_append (list, dlg_placeholder_row_new (_("No update yet.")));
}

static void
add_update_clicked_cb (GtkListBox *list)
{
  gint64 commitment_id = (gint64)GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (list),
                                                                       "dlg-commitment"));
  g_autoptr(DlgCommitmentUpdate) update = NULL;
  g_autofree char *today = dlg_today ();

  if (commitment_id == 0)
    return;
  update = dlg_commitment_update_new (commitment_id);
  dlg_commitment_update_set_dated (update, today);
  edit_update (list, update);
}

/* (transfer full): the commitment's dated updates and their add button, for its dialog. */
static GtkWidget *
updates_section (DlgStore      *store,
                 DlgCommitment *commitment,
                 GtkListBox   **list_out)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH
                                                                  "dlg-commitment-updates.ui");
  GtkWidget *box = GTK_WIDGET (gtk_builder_get_object (builder, "updates"));
  GtkWidget *button = GTK_WIDGET (gtk_builder_get_object (builder, "add_update"));
  GtkWidget *list = GTK_WIDGET (gtk_builder_get_object (builder, "update_list"));

  g_object_set_data (G_OBJECT (list), "dlg-store", store);
  g_object_set_data (G_OBJECT (list), "dlg-commitment",
                     GSIZE_TO_POINTER ((gsize)dlg_commitment_get_id (commitment)));
  g_signal_connect_swapped (button, "clicked", G_CALLBACK (add_update_clicked_cb), list);
  g_signal_connect (list, "row-activated", G_CALLBACK (update_activated_cb), NULL);
  reload_updates (GTK_LIST_BOX (list));
  *list_out = GTK_LIST_BOX (list);
  return g_object_ref (box);   /* the builder's reference goes with the builder */
}

/* ---------------------------------------------------------------- positions to choose from */

/* Labels "3. Title — Retained" of the positions of the process; @ids gets their ids. */
static const char **
position_labels (DlgStore  *store,
                 gint64     process_id,
                 GArray    *ids,
                 GPtrArray *strings)
{
  g_autoptr(GListModel) positions = dlg_position_list (store, process_id, NULL);
  guint n = positions != NULL ? g_list_model_get_n_items (positions) : 0;
  const char **labels = g_new0 (const char *, n + 2);
  gint64 none = 0;

  labels[0] = _("Choose the position it comes from");
  g_array_append_val (ids, none);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgPosition) p = g_list_model_get_item (positions, i);
      gint64 recommendation_id = dlg_position_get_recommendation_id (p);
      g_autoptr(DlgRecommendation) r = dlg_recommendation_load (store, recommendation_id, NULL);
      const char *value = dlg_position_get_value (p);
      gint64 id = dlg_position_get_id (p);
      char *label = g_strdup_printf ("%" G_GINT64_FORMAT ". %s — %s",
                                     r != NULL ? dlg_recommendation_get_number (r) : 0,
                                     r != NULL ? dlg_recommendation_get_title (r) : "",
                                     value != NULL && dlg_position_value_get_label (value) != NULL
                                     ? dlg_position_value_get_label (value) : _("no position"));

      g_ptr_array_add (strings, label);
      labels[i + 1] = label;
      g_array_append_val (ids, id);
    }
  return labels;
}

/* ---------------------------------------------------------------- commitment */

typedef struct
{
  DlgImplementationView *view;
  DlgCommitment *item;
  GtkEditable   *title;
  GtkEditable   *department;
  GtkEditable   *due_date;
  AdwComboRow   *status;
  GtkSpinButton *progress;
  AdwComboRow   *position;
  GArray        *position_ids;
  GPtrArray     *position_strings;
  GtkListBox    *updates;
} CommitmentEditor;

static void
commitment_editor_free (CommitmentEditor *editor)
{
  g_clear_object (&editor->item);
  g_clear_pointer (&editor->position_ids, g_array_unref);
  g_clear_pointer (&editor->position_strings, g_ptr_array_unref);
  g_free (editor);
}

static gboolean
commitment_save (gpointer   user_data,
                 GError   **error)
{
  CommitmentEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgCommitment *item = editor->item;
  const char *due = gtk_editable_get_text (editor->due_date);
  guint position = adw_combo_row_get_selected (editor->position);
  gboolean created = dlg_commitment_get_id (item) == 0;

  if (*due != '\0' && !dlg_view_check_date (due, error))
    return FALSE;
  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("Choose the position of the argued response that this commitment comes "
                     "from."));
      return FALSE;
    }
  dlg_commitment_set_title (item, gtk_editable_get_text (editor->title));
  dlg_commitment_set_position_id (item, g_array_index (editor->position_ids, gint64, position));
  dlg_commitment_set_department (item, gtk_editable_get_text (editor->department));
  dlg_commitment_set_due_date (item, *due != '\0' ? due : NULL);
  dlg_commitment_set_status (item, dlg_vocabulary_get_id (&dlg_vocabulary_commitment_status,
                                                         adw_combo_row_get_selected (
                                                           editor->status)));
  dlg_commitment_set_progress (item, gtk_spin_button_get_value_as_int (editor->progress));
  if (!dlg_commitment_save (store, item, error))
    return FALSE;
  if (created)
    {
      g_object_set_data (G_OBJECT (editor->updates), "dlg-commitment",
                         GSIZE_TO_POINTER ((gsize)dlg_commitment_get_id (item)));
      reload_updates (editor->updates);
    }
  return TRUE;
}

/* The commitment changed in the store (a dated update sets its progress and status): show it. */
static void
commitment_reload (DlgEditDialog *dialog,
                   gpointer       user_data)
{
  CommitmentEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(DlgCommitment) fresh = NULL;
  guint position = 0;

  if (dlg_commitment_get_id (editor->item) == 0 || dlg_stage_view_base_get_context (base) == NULL)
    return;
  fresh = dlg_commitment_load (dlg_stage_view_base_get_store (base),
                               dlg_commitment_get_id (editor->item), NULL);
  if (fresh == NULL)
    return;   /* deleted meanwhile: the next save says so */
  g_set_object (&editor->item, fresh);
  for (guint i = 0; i < editor->position_ids->len; i++)
    if (g_array_index (editor->position_ids, gint64, i) == dlg_commitment_get_position_id (fresh))
      position = i;
  dlg_edit_dialog_refresh_entry (dialog, editor->title, dlg_commitment_get_title (fresh));
  dlg_edit_dialog_refresh_choice (dialog, editor->position, position);
  dlg_edit_dialog_refresh_entry (dialog, editor->department, dlg_commitment_get_department (fresh));
  dlg_edit_dialog_refresh_entry (dialog, editor->due_date, dlg_commitment_get_due_date (fresh));
  dlg_edit_dialog_refresh_choice (dialog, editor->status,
                                  dlg_choice_index (&dlg_vocabulary_commitment_status,
                                                    dlg_commitment_get_status (fresh)));
  dlg_edit_dialog_refresh_spin (dialog, editor->progress, dlg_commitment_get_progress (fresh));
}

static void
commitment_delete (gpointer user_data)
{
  CommitmentEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(GError) error = NULL;

  DlgStore *store = dlg_stage_view_base_get_store (base);
  gint64 id = dlg_commitment_get_id (editor->item);

  if (id != 0 && !dlg_commitment_delete (store, id, &error))
    g_message ("Could not delete: %s", error->message);
}

static DlgEditDialog *
edit_commitment (DlgImplementationView *self,
                DlgCommitment         *item)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  CommitmentEditor *editor = g_new0 (CommitmentEditor, 1);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgEditDialog *dialog;

  editor->view = self;
  editor->item = g_object_ref (item);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Commitment"), commitment_save, editor,
                                (GDestroyNotify)commitment_editor_free);
  {
    g_auto(GStrv) labels = dlg_vocabulary_dup_labels (&dlg_vocabulary_commitment_status);
    g_autofree const char **positions = NULL;
    guint selected = 0;

    editor->position_ids = g_array_new (FALSE, TRUE, sizeof (gint64));
    editor->position_strings = g_ptr_array_new_with_free_func (g_free);
    positions = position_labels (store, dlg_stage_view_base_get_process_id (base),
                                 editor->position_ids,
                                 editor->position_strings);
    for (guint i = 0; i < editor->position_ids->len; i++)
      if (g_array_index (editor->position_ids, gint64, i) == dlg_commitment_get_position_id (item))
        selected = i;

    editor->title = dlg_edit_dialog_add_entry (dialog, _("Title"), dlg_commitment_get_title (item));
    editor->position = dlg_edit_dialog_add_choice (dialog, _("Comes from"), positions, selected);
    editor->department = dlg_edit_dialog_add_entry (dialog, _("Department in charge"),
                                                    dlg_commitment_get_department (item));
    editor->due_date = dlg_edit_dialog_add_entry (dialog, _("Due date (year-month-day)"),
                                                  dlg_commitment_get_due_date (item));
    editor->status = dlg_edit_dialog_add_choice (dialog, _("Status"),
                                                 (const char * const *) labels,
                                                 dlg_choice_index (
                                                   &dlg_vocabulary_commitment_status,
                                                   dlg_commitment_get_status (item)));
    editor->progress = dlg_edit_dialog_add_spin (dialog, _("Progress (%)"), 0, 100,
                                                 dlg_commitment_get_progress (item));
    {
      g_autoptr(GtkWidget) updates = updates_section (store, item, &editor->updates);

      dlg_edit_dialog_add_widget (dialog, updates);
    }
  }
  dlg_edit_dialog_follow (dialog, store, DLG_TYPE_COMMITMENT, commitment_reload);
  if (dlg_commitment_get_id (item) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete the Commitment"), commitment_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static char *
commitment_subtitle (gpointer item,
                     gpointer user_data)
{
  g_autofree char *due = dlg_format_date (dlg_commitment_get_due_date (item));
  const char *status = dlg_commitment_status_get_label (dlg_commitment_get_status (item));

  return g_strdup_printf (_("%s · due %s · %s · %d %%"),
                          *dlg_commitment_get_department (item) != '\0'
                          ? dlg_commitment_get_department (item) : _("no department"),
                          due != NULL ? due : _("no date"), status,
                          dlg_commitment_get_progress (item));
}

static void
reload_commitment (DlgStageViewBase *base)
{
  DlgImplementationView *self = DLG_IMPLEMENTATION_VIEW (base);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    {
      dlg_record_section_set_records (self->commitment_section, NULL);
      return;
    }
  items = dlg_commitment_list (dlg_stage_view_base_get_store (base),
                               dlg_stage_view_base_get_process_id (base), &error);
  if (items == NULL)
    dlg_record_section_show_error (self->commitment_section, error->message);
  else
    dlg_record_section_set_records (self->commitment_section, items);
}

static void
commitment_activated_cb (DlgImplementationView *self,
                         GObject               *record)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgCommitment) item = NULL;

  item = dlg_record_load_again (dlg_stage_view_base_get_context (base), record,
                                (DlgRecordLoadFunc) dlg_commitment_load);
  if (item != NULL)
    edit_commitment (self, item);
}

static void
add_commitment_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DlgImplementationView *self = DLG_IMPLEMENTATION_VIEW (widget);
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgCommitment) item = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    return;
  item = dlg_commitment_new (dlg_stage_view_base_get_process_id (base));
  edit_commitment (self, item);
}

static void
dlg_implementation_view_class_init (DlgImplementationViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  view_class->stage = DLG_STAGE_IMPLEMENTATION;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_COMMITMENT);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_COMMITMENT_UPDATE);
  view_class->reload = reload_commitment;

  g_type_ensure (DLG_TYPE_RECORD_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-implementation-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgImplementationView, commitment_section);
  gtk_widget_class_bind_template_callback (widget_class, commitment_activated_cb);
  gtk_widget_class_install_action (widget_class, "view.add-commitment", NULL,
                                   add_commitment_action);
}

static void
dlg_implementation_view_init (DlgImplementationView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dlg_record_section_set_text_funcs (self->commitment_section, NULL, commitment_subtitle, self);

}
