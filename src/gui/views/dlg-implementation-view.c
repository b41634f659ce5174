/* dlg-implementation-view.c — stage 11: implementation of the commitments
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Commitments and their dated updates are edited in the dialogs generated from their field
 * tables (DlgRecordEditor) and saved as the officer types, like the free-form fields;
 * the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-implementation-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-implementation-view.h"
#include "dlg-record-editor.h"
#include "dlg-record-section.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgImplementationView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *commitment_section;
};

G_DEFINE_FINAL_TYPE (DlgImplementationView, dlg_implementation_view, DLG_TYPE_STAGE_VIEW_BASE)

/* ---------------------------------------------------------------- updates */

static const DlgRecordEditorRow update_rows[] = {
  { .property = "dated", .label = N_("Date") },
  { .property = "status", .label = N_("Status") },
  { .property = "progress", .label = N_("Progress (%)") },
  { .property = "text", .label = N_("What happened") },
  { NULL },
};

static void reload_updates (GtkListBox *list);

/* A dated update, in a dialog over the commitment's: the list follows once it closes. */
static void
edit_update (GtkListBox          *list,
             DlgCommitmentUpdate *update)
{
  DlgEditDialog *dialog;

  dialog = dlg_record_editor_new (GTK_WIDGET (list), g_object_get_data (G_OBJECT (list),
                                                                        "dlg-store"),
                                  DLG_RECORD (update), _("Update of the Commitment"), NULL,
                                  update_rows);
  g_signal_connect_object (dialog, "destroy", G_CALLBACK (reload_updates), list,
                           G_CONNECT_SWAPPED);
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

/* ---------------------------------------------------------------- commitment */

/* The positions of the process to choose from, "3. Title — Retained", after "nothing chosen". */
static void
position_choices (DlgRecordEditorSetup *setup,
                  DlgRecord            *record,
                  gpointer              user_data)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (user_data);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  g_autoptr(GListModel) positions = dlg_position_list (store,
                                                       dlg_stage_view_base_get_process_id (base),
                                                       NULL);
  guint n = positions != NULL ? g_list_model_get_n_items (positions) : 0;

  dlg_record_editor_setup_add_choice (setup, _("Choose the position it comes from"), NULL);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgPosition) p = g_list_model_get_item (positions, i);
      g_autoptr(DlgRecommendation) r = dlg_recommendation_load (store,
                                                                dlg_position_get_recommendation_id (p),
                                                                NULL);
      const char *value = dlg_position_get_value (p);
      g_autofree char *label = NULL;

      label = g_strdup_printf ("%" G_GINT64_FORMAT ". %s — %s",
                               r != NULL ? dlg_recommendation_get_number (r) : 0,
                               r != NULL ? dlg_recommendation_get_title (r) : "",
                               value != NULL && dlg_position_value_get_label (value) != NULL
                               ? dlg_position_value_get_label (value) : _("no position"));
      dlg_record_editor_setup_add_choice (setup, label,
                                          g_variant_new_parsed ("{'position-id': <%x>}",
                                                                dlg_position_get_id (p)));
    }
}

static const DlgRecordEditorRow commitment_rows[] = {
  { .property = "title", .label = N_("Title") },
  { .property = "position-id", .label = N_("Comes from"), .setup = position_choices,
    .message = N_("Choose the position of the argued response that this commitment comes "
                  "from.") },
  { .property = "department", .label = N_("Department in charge") },
  { .property = "due-date", .label = N_("Due date") },
  { .property = "status", .label = N_("Status") },
  { .property = "progress", .label = N_("Progress (%)") },
  { NULL },
};

/* A new commitment's first save: its updates can be added now. */
static gboolean
commitment_saved (DlgEditDialog  *dialog,
                  DlgRecord      *record,
                  gpointer        user_data,
                  GError        **error)
{
  GtkListBox *updates = g_object_get_data (G_OBJECT (dialog), "dlg-updates");

  if (g_object_get_data (G_OBJECT (updates), "dlg-commitment") == NULL)
    {
      g_object_set_data (G_OBJECT (updates), "dlg-commitment",
                         GSIZE_TO_POINTER ((gsize)dlg_record_get_id (record)));
      reload_updates (updates);
    }
  return TRUE;
}

static const DlgRecordEditorHooks commitment_hooks = { .saved = commitment_saved };

/* The commitment's dialog, with its dated updates under the fields; it follows the
 * commitment, whose progress and status a dated update sets. */
static void
edit_commitment (DlgImplementationView *self,
                 DlgCommitment         *item)
{
  DlgStore *store = dlg_stage_view_base_get_store (DLG_STAGE_VIEW_BASE (self));
  DlgEditDialog *dialog;
  GtkListBox *list;
  g_autoptr(GtkWidget) updates = NULL;

  dialog = dlg_record_editor_new_full (GTK_WIDGET (self), store, DLG_RECORD (item),
                                       _("Commitment"), _("_Delete the Commitment"),
                                       commitment_rows, &commitment_hooks, self, NULL);
  updates = updates_section (store, item, &list);
  g_object_set_data (G_OBJECT (dialog), "dlg-updates", list);
  dlg_edit_dialog_add_widget (dialog, updates);
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
