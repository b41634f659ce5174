/* dlg-response-view.c — stage 10: the argued response
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The positions are edited in place, one block per recommendation, each saved as the officer
 * types through its own DlgAutosave. The justification is marked required when the position
 * is "not retained"; the core's rule says so too when the stage is closed.
 * Records are edited in a DlgEditDialog and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 *
 * Answers at volume (issue 14): a template (dlg-response-bulk.c) is applied to the
 * recommendations ticked in their editors, in one change; a toast over the window offers its
 * Undo. "Before Publishing" lists what dlg_response_check() finds, updated as positions are
 * saved (a position saved as typed updates the list, never rebuilds the editors).
 */

#define G_LOG_DOMAIN "dlg-response-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-response-view.h"
#include "dlg-edit-dialog.h"
#include "dlg-position-editor.h"
#include "dlg-record-section-recommendations.h"
#include "dlg-view-util.h"
#include "dlg-window.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgResponseView
{
  DlgStageViewBase parent_instance;

  GtkTextView     *intro_text;
  GtkLabel        *published_label;
  GtkBox          *positions_box;
  DlgResponse     *response;
  DlgAutosave     *intro_autosave;
  GPtrArray       *editors;
  AdwComboRow     *template_row;
  GtkLabel        *bulk_status;
  GtkBox          *check_box;
  GPtrArray       *templates;      /* DlgResponseTemplate, as the combo row lists them */
  AdwToast        *undo_toast;     /* weak: the toast of the last apply, while shown */
};

G_DEFINE_FINAL_TYPE (DlgResponseView, dlg_response_view, DLG_TYPE_STAGE_VIEW_BASE)

/* ---------------------------------------------------------------- introduction */

static gboolean
intro_save (gpointer   user_data,
            GError   **error)
{
  DlgResponseView *self = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autofree char *intro = dlg_text_view_dup_text (self->intro_text);
  g_autoptr(DlgResponse) fresh = NULL;

  if (self->response == NULL)
    return TRUE;
  /* Read again: closing the stage publishes the response (published_at) behind this view. */
  fresh = dlg_response_load_for (dlg_stage_view_base_get_store (base),
                                 dlg_stage_view_base_get_process_id (base), error);
  if (fresh == NULL)
    return FALSE;
  dlg_response_set_intro (fresh, intro);
  if (!dlg_response_save (dlg_stage_view_base_get_store (base), fresh, error))
    return FALSE;
  g_set_object (&self->response, fresh);
  return TRUE;
}

static void
update_published (DlgResponseView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgResponse) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (dlg_stage_view_base_is_loaded (base))
    fresh = dlg_response_load_for (dlg_stage_view_base_get_store (base),
                                   dlg_stage_view_base_get_process_id (base),
                                   &error);
  if (fresh != NULL && dlg_response_is_published (fresh))
    date = dlg_format_date (dlg_response_get_published_at (fresh));
  if (date != NULL &&
      dlg_sync_get_publication (dlg_stage_view_base_get_store (base), "response",
                                dlg_response_get_uuid (fresh)) == DLG_SYNC_PUBLICATION_ON_SITE)
    text = g_strdup_printf (_("Published on %s: shown on the public site."), date);
  else if (date != NULL)
    text = g_strdup_printf (_("Published on %s: the public site shows it after the next "
                              "synchronisation."), date);
  else
    text = g_strdup (_("Not published yet: the response is published when the stage is marked "
                       "done, which the rules allow once the elected officials’ validation is "
                       "done."));
  gtk_label_set_text (self->published_label, error != NULL ? error->message : text);
}

static void
load_intro (DlgResponseView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(GError) error = NULL;

  dlg_autosave_flush (self->intro_autosave);
  g_clear_object (&self->response);
  if (dlg_stage_view_base_is_loaded (base))
    self->response = dlg_response_load_for (dlg_stage_view_base_get_store (base),
                                            dlg_stage_view_base_get_process_id (base), &error);
  dlg_autosave_block (self->intro_autosave);
  dlg_text_view_set_text (self->intro_text,
                          self->response != NULL ? dlg_response_get_intro (self->response) : "");
  dlg_autosave_unblock (self->intro_autosave);
  if (error != NULL)
    gtk_label_set_text (self->published_label, error->message);
  else
    update_published (self);
}

/* ---------------------------------------------------------------- positions */

static void
flush_positions (DlgResponseView *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    dlg_position_editor_flush (g_ptr_array_index (self->editors, i));
}

static void
reload_positions (DlgResponseView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  gint64 process_id = dlg_stage_view_base_get_process_id (base);
  g_autoptr(GListModel) recommendations = NULL;
  g_autoptr(GListModel) positions = NULL;
  g_autoptr(GHashTable) by_recommendation = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n;

  flush_positions (self);
  g_ptr_array_set_size (self->editors, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->positions_box))) != NULL)
    gtk_box_remove (self->positions_box, child);
  if (!dlg_stage_view_base_is_loaded (base))
    return;

  if (!(recommendations = dlg_recommendation_list (store, process_id, &error)) ||
      !(positions = dlg_position_list (store, process_id, &error)))
    {
      gtk_box_append (self->positions_box, dlg_placeholder_row_new (error->message));
      return;
    }
  /* The positions are read with the list, not one query per recommendation. */
  by_recommendation = dlg_records_by_recommendation (positions);
  n = g_list_model_get_n_items (recommendations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
      gint64 id = dlg_recommendation_get_id (r);
      GtkWidget *editor = dlg_position_editor_new (store, r,
                                                   g_hash_table_lookup (by_recommendation, &id));

      g_ptr_array_add (self->editors, editor);
      gtk_box_append (self->positions_box, editor);
    }
  if (n == 0)
    gtk_box_append (self->positions_box,
                    dlg_placeholder_row_new (_("No recommendation yet: they are written at the "
                                               "citizen opinion stage.")));
}

/* ---------------------------------------------------------------- answers at volume */

#define show_bulk_status(self, text, is_error) \
  dlg_status_label_set ((self)->bulk_status, (text), (is_error))

static void
reload_templates (DlgResponseView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (self->template_row);

  g_clear_pointer (&self->templates, g_ptr_array_unref);
  if (dlg_stage_view_base_is_loaded (base))
    self->templates = dlg_response_template_list (dlg_stage_view_base_get_store (base),
                                                  dlg_stage_view_base_get_process_id (base),
                                                  &error);
  if (self->templates == NULL)
    self->templates = g_ptr_array_new ();
  for (guint i = 0; i < self->templates->len; i++)
    {
      DlgResponseTemplate *template = self->templates->pdata[i];
      g_autofree char *label = g_strdup_printf ("%s — %s", template->name,
                                                dlg_position_value_get_label (template->position));

      gtk_string_list_append (names, label);
    }
  if (self->templates->len == 0)
    gtk_string_list_append (names, _("No template yet"));
  adw_combo_row_set_model (self->template_row, G_LIST_MODEL (names));
  if (selected != GTK_INVALID_LIST_POSITION && selected < self->templates->len)
    adw_combo_row_set_selected (self->template_row, selected);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "response.apply-template",
                                 self->templates->len > 0);
  if (error != NULL)
    show_bulk_status (self, error->message, TRUE);
}

static void
reload_check (DlgResponseView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(GPtrArray) problems = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->check_box))) != NULL)
    gtk_box_remove (self->check_box, child);
  if (!dlg_stage_view_base_is_loaded (base))
    return;
  if (!(problems = dlg_response_check (dlg_stage_view_base_get_store (base),
                                       dlg_stage_view_base_get_process_id (base), &error)))
    {
      gtk_box_append (self->check_box, dlg_placeholder_row_new (error->message));
      return;
    }
  for (guint i = 0; i < problems->len; i++)
    {
      DlgResponseProblem *problem = problems->pdata[i];
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (problem->message);

      gtk_widget_add_css_class (icon, "warning");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), label);
      gtk_box_append (self->check_box, line);
    }
  if (problems->len == 0)
    {
      GtkWidget *line = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
      GtkWidget *icon = gtk_image_new_from_icon_name ("emblem-ok-symbolic");
      GtkWidget *label = gtk_label_new (_("Every recommendation has a position and its own "
                                          "justification: the response is ready to publish."));

      gtk_widget_add_css_class (icon, "success");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_box_append (GTK_BOX (line), icon);
      gtk_box_append (GTK_BOX (line), label);
      gtk_box_append (self->check_box, line);
    }
}

static void
undo_clicked_cb (DlgResponseView *self)
{
  g_autoptr(GError) error = NULL;

  if (!dlg_response_view_undo_last (self, &error))
    show_bulk_status (self, error->message, TRUE);
}

static void
apply_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  DlgResponseView *self = DLG_RESPONSE_VIEW (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  guint n;

  if (!dlg_response_view_apply_template (self, adw_combo_row_get_selected (self->template_row),
                                         &n, &error))
    {
      show_bulk_status (self, error->message, TRUE);
      return;
    }
  text = g_strdup_printf (g_dngettext (NULL, "Template applied to %u recommendation.",
                                       "Template applied to %u recommendations.", n), n);
  show_bulk_status (self, text, FALSE);
  if (n > 0 && DLG_IS_WINDOW (root))
    {
      g_autofree char *escaped = g_markup_escape_text (text, -1);
      AdwToast *toast = adw_toast_new (escaped);

      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (undo_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      if (self->undo_toast != NULL)
        g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
      self->undo_toast = toast;
      g_object_add_weak_pointer (G_OBJECT (toast), (gpointer *) &self->undo_toast);
      dlg_window_add_toast (DLG_WINDOW (root), toast);
    }
}

static void
select_unanswered_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DlgResponseView *self = DLG_RESPONSE_VIEW (widget);

  for (guint i = 0; i < self->editors->len; i++)
    {
      DlgPositionEditor *editor = g_ptr_array_index (self->editors, i);

      dlg_position_editor_set_selected (editor, !dlg_position_editor_has_value (editor));
    }
}

static void new_template_dialog (DlgResponseView *self,
                                 const char      *name,
                                 guint            position,
                                 const char      *body);

static void
new_template_response_cb (DlgResponseView  *self,
                          const char       *response,
                          AdwMessageDialog *dialog)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  AdwEntryRow *name = g_object_get_data (G_OBJECT (dialog), "dlg-name");
  AdwComboRow *position = g_object_get_data (G_OBJECT (dialog), "dlg-position");
  GtkTextView *body = g_object_get_data (G_OBJECT (dialog), "dlg-body");
  g_autofree char *text = dlg_text_view_dup_text (body);
  g_autoptr(GError) error = NULL;
  guint selected = adw_combo_row_get_selected (position);

  if (g_strcmp0 (response, "add") != 0 || !dlg_stage_view_base_is_loaded (base))
    return;
  if (dlg_response_template_add (dlg_stage_view_base_get_store (base),
                                 dlg_stage_view_base_get_process_id (base),
                                 gtk_editable_get_text (GTK_EDITABLE (name)),
                                 dlg_position_values ()[selected], text, &error) == 0)
    {
      /* Nothing typed is lost: the dialog comes back with the text and the reason. */
      show_bulk_status (self, error->message, TRUE);
      new_template_dialog (self, gtk_editable_get_text (GTK_EDITABLE (name)), selected, text);
      return;
    }
  show_bulk_status (self, NULL, FALSE);
}

static void
new_template_dialog (DlgResponseView *self,
                     const char      *name,
                     guint            position,
                     const char      *body)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH
                                                                 "dlg-response-template.ui");
  AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (gtk_builder_get_object (builder, "dialog"));
  AdwEntryRow *name_row = ADW_ENTRY_ROW (gtk_builder_get_object (builder, "name_row"));
  AdwComboRow *position_row = ADW_COMBO_ROW (gtk_builder_get_object (builder, "position_row"));
  GtkTextView *body_text = GTK_TEXT_VIEW (gtk_builder_get_object (builder, "body_text"));
  const char * const *values = dlg_position_values ();
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);

  for (guint i = 0; values[i] != NULL; i++)
    gtk_string_list_append (labels, dlg_position_value_get_label (values[i]));
  adw_combo_row_set_model (position_row, G_LIST_MODEL (labels));
  adw_combo_row_set_selected (position_row, position);
  gtk_editable_set_text (GTK_EDITABLE (name_row), name != NULL ? name : "");
  dlg_text_view_set_text (body_text, body != NULL ? body : "");
  g_object_set_data (G_OBJECT (dialog), "dlg-name", name_row);
  g_object_set_data (G_OBJECT (dialog), "dlg-position", position_row);
  g_object_set_data (G_OBJECT (dialog), "dlg-body", body_text);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "response", G_CALLBACK (new_template_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_template_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  new_template_dialog (DLG_RESPONSE_VIEW (widget), NULL, 0, NULL);
}

/* ---------------------------------------------------------------- DlgStageViewBase */

static void
changed (DlgStageViewBase *base,
         GType             type,
         gint64            process_id)
{
  if (type == DLG_TYPE_STAGE_INFO || type == DLG_TYPE_RESPONSE || type == DLG_TYPE_SYNC_OUTBOX)
    update_published (DLG_RESPONSE_VIEW (base));
  if (type == DLG_TYPE_RESPONSE_TEMPLATE)
    reload_templates (DLG_RESPONSE_VIEW (base));
  /* A position saved as typed: the check follows, the editors stay. */
  if (type == DLG_TYPE_POSITION)
    reload_check (DLG_RESPONSE_VIEW (base));
  DLG_STAGE_VIEW_BASE_CLASS (dlg_response_view_parent_class)->changed (base, type, process_id);
}

static void
load (DlgStageViewBase *base)
{
  DlgResponseView *self = DLG_RESPONSE_VIEW (base);

  load_intro (self);
  reload_positions (self);
  reload_templates (self);
  reload_check (self);
}

static void
reload (DlgStageViewBase *base)
{
  reload_positions (DLG_RESPONSE_VIEW (base));
  reload_check (DLG_RESPONSE_VIEW (base));
}

static void
flush (DlgStageViewBase *base)
{
  DlgResponseView *self = DLG_RESPONSE_VIEW (base);

  dlg_autosave_flush (self->intro_autosave);
  flush_positions (self);
}

static void
dlg_response_view_dispose (GObject *object)
{
  DlgResponseView *self = (DlgResponseView *)object;

  if (self->editors != NULL)
    {
      flush_positions (self);
      g_ptr_array_set_size (self->editors, 0);
      g_clear_pointer (&self->editors, g_ptr_array_unref);
    }
  if (self->intro_autosave != NULL)
    dlg_autosave_flush (self->intro_autosave);
  g_clear_object (&self->intro_autosave);
  g_clear_object (&self->response);
  g_clear_pointer (&self->templates, g_ptr_array_unref);
  if (self->undo_toast != NULL)
    g_object_remove_weak_pointer (G_OBJECT (self->undo_toast), (gpointer *) &self->undo_toast);
  self->undo_toast = NULL;

  G_OBJECT_CLASS (dlg_response_view_parent_class)->dispose (object);
}

static void
dlg_response_view_class_init (DlgResponseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  object_class->dispose = dlg_response_view_dispose;

  view_class->stage = DLG_STAGE_RESPONSE;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_RECOMMENDATION);
  /* A template applied or undone writes many positions: the editors show them. */
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_RESPONSE_OPERATION);
  view_class->changed = changed;
  view_class->load = load;
  view_class->reload = reload;
  view_class->flush = flush;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-response-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, intro_text);
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, published_label);
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, positions_box);
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, template_row);
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, bulk_status);
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, check_box);

  gtk_widget_class_install_action (widget_class, "response.new-template", NULL,
                                   new_template_action);
  gtk_widget_class_install_action (widget_class, "response.select-unanswered", NULL,
                                   select_unanswered_action);
  gtk_widget_class_install_action (widget_class, "response.apply-template", NULL,
                                   apply_action);
}

static void
dlg_response_view_init (DlgResponseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editors = g_ptr_array_new ();
  self->intro_autosave = dlg_autosave_new (intro_save, self);
  dlg_autosave_watch (self->intro_autosave, GTK_WIDGET (self->intro_text));
}

/* ---------------------------------------------------------------- public API */

/**
 * dlg_response_view_apply_template:
 * @index: the template's row in the view's list
 * @n_changed: (out) (optional): how many positions changed
 *
 * What "Apply to the Ticked" does: the template to the recommendations ticked in their
 * editors (what is typed in them is saved first), in one change.
 */
gboolean
dlg_response_view_apply_template (DlgResponseView  *self,
                                  guint             index,
                                  guint            *n_changed,
                                  GError          **error)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  DlgResponseTemplate *template;

  g_return_val_if_fail (DLG_IS_RESPONSE_VIEW (self), FALSE);
  g_return_val_if_fail (dlg_stage_view_base_is_loaded (base), FALSE);

  if (self->templates == NULL || index >= self->templates->len)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Create a template first (New Template…)."));
      return FALSE;
    }
  template = self->templates->pdata[index];
  flush_positions (self);
  for (guint i = 0; i < self->editors->len; i++)
    {
      DlgPositionEditor *editor = g_ptr_array_index (self->editors, i);
      gint64 id = dlg_position_editor_get_recommendation_id (editor);

      if (dlg_position_editor_get_selected (editor))
        g_array_append_val (ids, id);
    }
  return dlg_response_apply_template (dlg_stage_view_base_get_store (base),
                                      dlg_stage_view_base_get_process_id (base), template->id,
                                      (const gint64 *) ids->data, ids->len, NULL, n_changed,
                                      NULL, error);
}

/* What the toast's Undo does: the last template applied in the process is taken back. */
gboolean
dlg_response_view_undo_last (DlgResponseView  *self,
                             GError          **error)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  gint64 operation_id;
  guint n_restored, n_kept;
  g_autofree char *text = NULL;

  g_return_val_if_fail (DLG_IS_RESPONSE_VIEW (self), FALSE);
  g_return_val_if_fail (dlg_stage_view_base_is_loaded (base), FALSE);

  if (!dlg_response_get_last_operation (store, dlg_stage_view_base_get_process_id (base),
                                        &operation_id, NULL, error))
    return FALSE;
  if (operation_id == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID, _("Nothing to undo."));
      return FALSE;
    }
  flush_positions (self);
  if (!dlg_response_undo_operation (store, operation_id, &n_restored, &n_kept, error))
    return FALSE;
  if (self->undo_toast != NULL)
    adw_toast_dismiss (self->undo_toast);
  text = n_kept > 0
    ? g_strdup_printf (g_dngettext (NULL, "Undone; %u position edited since was kept.",
                                    "Undone; %u positions edited since were kept.", n_kept),
                       n_kept)
    : g_strdup (_("Undone: the positions are back as they were."));
  show_bulk_status (self, text, FALSE);
  return TRUE;
}

GPtrArray *
dlg_response_view_get_editors (DlgResponseView *self)
{
  g_return_val_if_fail (DLG_IS_RESPONSE_VIEW (self), NULL);

  return self->editors;
}
