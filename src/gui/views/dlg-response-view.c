/* dlg-response-view.c — stage 10: the argued response
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The positions are edited in place, one block per recommendation, each saved as the officer
 * types through its own DlgAutosave. The justification is marked required when the position
 * is "not retained"; the core's rule says so too when the stage is closed.
 * Records are edited in a DlgEditDialog and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-response-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-response-view.h"
#include "dlg-edit-dialog.h"
#include "dlg-field-binding.h"
#include "dlg-reload-helper.h"
#include "dlg-view-util.h"

#define N_FIELDS 0
#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgResponseView
{
  GtkWidget        parent_instance;

  GtkWidget       *box;

  DlgContext      *context;
  gint64           process_id;
  DlgReloadHelper  reload;
  GtkTextView     *intro_text;
  GtkLabel        *published_label;
  GtkBox          *positions_box;
  DlgResponse     *response;
  DlgAutosave     *intro_autosave;
  GPtrArray       *editors;
};

static void stage_view_iface_init (DlgStageViewInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlgResponseView, dlg_response_view, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (DLG_TYPE_STAGE_VIEW, stage_view_iface_init))

/* ---------------------------------------------------------------- introduction */

static gboolean
intro_save (gpointer   user_data,
            GError   **error)
{
  DlgResponseView *self = user_data;
  g_autofree char *intro = dlg_text_view_dup_text (self->intro_text);
  g_autoptr(DlgResponse) fresh = NULL;

  if (self->response == NULL)
    return TRUE;
  /* Read again: closing the stage publishes the response (published_at) behind this view. */
  fresh = dlg_response_load_for (dlg_context_get_store (self->context), self->process_id, error);
  if (fresh == NULL)
    return FALSE;
  dlg_response_set_intro (fresh, intro);
  if (!dlg_response_save (dlg_context_get_store (self->context), fresh, error))
    return FALSE;
  g_set_object (&self->response, fresh);
  return TRUE;
}

static void
update_published (DlgResponseView *self)
{
  g_autoptr(DlgResponse) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *date = NULL;
  g_autofree char *text = NULL;

  if (self->context != NULL && self->process_id != 0)
    fresh = dlg_response_load_for (dlg_context_get_store (self->context), self->process_id,
                                   &error);
  if (fresh != NULL && dlg_response_is_published (fresh))
    date = dlg_format_date (dlg_response_get_published_at (fresh));
  if (date != NULL &&
      dlg_sync_get_publication (dlg_context_get_store (self->context), "response",
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
  g_autoptr(GError) error = NULL;

  dlg_autosave_flush (self->intro_autosave);
  g_clear_object (&self->response);
  if (self->context != NULL && self->process_id != 0)
    self->response = dlg_response_load_for (dlg_context_get_store (self->context),
                                            self->process_id, &error);
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

typedef struct
{
  DlgResponseView   *view;
  DlgPosition       *position;
  AdwComboRow       *value;
  GtkTextView       *justification;
  GtkWidget         *required;
  DlgAutosave       *autosave;
} PositionEditor;

static void
position_editor_free (PositionEditor *editor)
{
  g_clear_object (&editor->autosave);
  g_clear_object (&editor->position);
  g_free (editor);
}

static const char *
selected_value (PositionEditor *editor)
{
  guint selected = adw_combo_row_get_selected (editor->value);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return NULL;
  return dlg_position_values ()[selected - 1];
}

static void
update_required (PositionEditor *editor)
{
  gtk_widget_set_visible (editor->required,
                          g_strcmp0 (selected_value (editor), "not_retained") == 0);
}

static gboolean
position_save (gpointer   user_data,
               GError   **error)
{
  PositionEditor *editor = user_data;
  g_autofree char *justification = dlg_text_view_dup_text (editor->justification);

  dlg_position_set_value (editor->position, selected_value (editor));
  dlg_position_set_justification (editor->position, justification);
  return dlg_position_save (dlg_context_get_store (editor->view->context), editor->position,
                            error);
}

static void
value_changed_cb (PositionEditor *editor)
{
  update_required (editor);
}

static GtkWidget *
position_editor_new (DlgResponseView   *self,
                     DlgRecommendation *recommendation)
{
  DlgStore *store = dlg_context_get_store (self->context);
  PositionEditor *editor = g_new0 (PositionEditor, 1);
  gint64 recommendation_id = dlg_recommendation_get_id (recommendation);
  const char *value;
  const char * const *values = dlg_position_values ();
  guint n = g_strv_length ((char **)values);
  g_autofree const char **labels = g_new0 (const char *, n + 2);
  g_autoptr(GtkStringList) model = NULL;
  g_autofree char *title = NULL;
  GtkWidget *box, *heading, *body, *list, *row, *label_box, *label, *required, *text, *error_label;

  editor->view = self;
  editor->position = dlg_position_load_for (store, recommendation_id, NULL);
  if (editor->position == NULL)
    editor->position = dlg_position_new (dlg_recommendation_get_id (recommendation));
  editor->autosave = dlg_autosave_new (position_save, editor);

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  g_object_set_data_full (G_OBJECT (box), "dlg-position-editor", editor,
                          (GDestroyNotify)position_editor_free);

  title = g_strdup_printf ("%" G_GINT64_FORMAT ". %s",
                           dlg_recommendation_get_number (recommendation),
                           dlg_recommendation_get_title (recommendation));
  heading = gtk_label_new (title);
  gtk_label_set_use_markup (GTK_LABEL (heading), FALSE);
  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_box_append (GTK_BOX (box), heading);
  if (*dlg_recommendation_get_body (recommendation) != '\0')
    {
      body = gtk_label_new (dlg_recommendation_get_body (recommendation));
      gtk_label_set_wrap (GTK_LABEL (body), TRUE);
      gtk_label_set_xalign (GTK_LABEL (body), 0);
      gtk_label_set_lines (GTK_LABEL (body), 3);
      gtk_label_set_ellipsize (GTK_LABEL (body), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (body, "dim-label");
      gtk_box_append (GTK_BOX (box), body);
    }

  labels[0] = _("No position yet");
  for (guint i = 0; i < n; i++)
    labels[i + 1] = dlg_position_value_get_label (values[i]);
  model = gtk_string_list_new (labels);
  list = gtk_list_box_new ();
  gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
  gtk_widget_add_css_class (list, "boxed-list");
  row = adw_combo_row_new ();
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), _("Position"));
  adw_combo_row_set_model (ADW_COMBO_ROW (row), G_LIST_MODEL (model));
  value = dlg_position_get_value (editor->position);
  adw_combo_row_set_selected (ADW_COMBO_ROW (row),
                              value != NULL
                              ? dlg_choice_index (&dlg_vocabulary_position, value) + 1 : 0);
  editor->value = ADW_COMBO_ROW (row);
  gtk_list_box_append (GTK_LIST_BOX (list), row);
  gtk_box_append (GTK_BOX (box), list);

  label_box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  label = gtk_label_new (_("Justification"));
  gtk_widget_add_css_class (label, "caption-heading");
  required = gtk_label_new (_("required when not retained"));
  gtk_widget_add_css_class (required, "caption");
  gtk_widget_add_css_class (required, "dlg-required");
  editor->required = required;
  gtk_box_append (GTK_BOX (label_box), label);
  gtk_box_append (GTK_BOX (label_box), required);
  gtk_widget_set_margin_top (label_box, 4);
  gtk_box_append (GTK_BOX (box), label_box);

  text = gtk_text_view_new ();
  gtk_text_view_set_wrap_mode (GTK_TEXT_VIEW (text), GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (GTK_TEXT_VIEW (text), 8);
  gtk_text_view_set_bottom_margin (GTK_TEXT_VIEW (text), 8);
  gtk_text_view_set_left_margin (GTK_TEXT_VIEW (text), 10);
  gtk_text_view_set_right_margin (GTK_TEXT_VIEW (text), 10);
  gtk_widget_add_css_class (text, "card");
  gtk_widget_add_css_class (text, "dlg-text");
  dlg_text_view_set_text (GTK_TEXT_VIEW (text), dlg_position_get_justification (editor->position));
  gtk_accessible_update_relation (GTK_ACCESSIBLE (text), GTK_ACCESSIBLE_RELATION_LABELLED_BY,
                                  label, NULL, -1);
  editor->justification = GTK_TEXT_VIEW (text);
  gtk_box_append (GTK_BOX (box), text);

  error_label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (error_label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (error_label), 0);
  gtk_widget_add_css_class (error_label, "error");
  gtk_widget_set_visible (error_label, FALSE);
  gtk_box_append (GTK_BOX (box), error_label);
  dlg_autosave_set_error_label (editor->autosave, GTK_LABEL (error_label));

  dlg_autosave_watch (editor->autosave, row);
  dlg_autosave_watch (editor->autosave, text);
  g_signal_connect_swapped (row, "notify::selected", G_CALLBACK (value_changed_cb), editor);
  update_required (editor);
  g_ptr_array_add (self->editors, editor);
  return box;
}

static void
flush_positions (DlgResponseView *self)
{
  for (guint i = 0; i < self->editors->len; i++)
    dlg_autosave_flush (((PositionEditor *)g_ptr_array_index (self->editors, i))->autosave);
}

static void
reload_positions (DlgResponseView *self)
{
  g_autoptr(GListModel) recommendations = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *child;
  guint n;

  flush_positions (self);
  g_ptr_array_set_size (self->editors, 0);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->positions_box))) != NULL)
    gtk_box_remove (self->positions_box, child);
  if (self->context == NULL || self->process_id == 0)
    return;

  recommendations = dlg_recommendation_list (dlg_context_get_store (self->context),
                                             self->process_id, &error);
  if (recommendations == NULL)
    {
      gtk_box_append (self->positions_box, dlg_placeholder_row_new (error->message));
      return;
    }
  n = g_list_model_get_n_items (recommendations);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);

      gtk_box_append (self->positions_box, position_editor_new (self, r));
    }
  if (n == 0)
    gtk_box_append (self->positions_box,
                    dlg_placeholder_row_new (_("No recommendation yet: they are written at the "
                                               "citizen opinion stage.")));
}

/* ---------------------------------------------------------------- DlgStageView */

static void
reload_all (DlgResponseView *self)
{
  dlg_reload_helper_cancel (&self->reload);
  reload_positions (self);
}

static void
store_changed_cb (DlgResponseView *self,
                  GType           type,
                  gint64          process_id)
{
  if (process_id != self->process_id && process_id != 0)
    return;
  if (type == DLG_TYPE_STAGE_INFO || type == DLG_TYPE_RESPONSE ||
      type == DLG_TYPE_SYNC_OUTBOX)
    update_published (self);
  if (type == DLG_TYPE_RECOMMENDATION)
    dlg_reload_helper_queue (&self->reload, (DlgReloadFunc) reload_all, self);
}

static DlgStage
get_stage (DlgStageView *view)
{
  return DLG_STAGE_RESPONSE;
}

static void
load (DlgStageView *view,
      DlgContext   *context,
      gint64        process_id)
{
  DlgResponseView *self = DLG_RESPONSE_VIEW (view);

  dlg_autosave_flush (self->intro_autosave);
  flush_positions (self);
  g_set_object (&self->context, context);
  self->process_id = process_id;
  dlg_reload_helper_watch (&self->reload,
                           context != NULL ? dlg_context_get_store (context) : NULL,
                           G_CALLBACK (store_changed_cb), self);
  load_intro (self);
  reload_all (self);
}

static void
flush (DlgStageView *view)
{
  DlgResponseView *self = DLG_RESPONSE_VIEW (view);

  dlg_autosave_flush (self->intro_autosave);
  flush_positions (self);
}

static void
stage_view_iface_init (DlgStageViewInterface *iface)
{
  iface->get_stage = get_stage;
  iface->load = load;
  iface->flush = flush;
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
  dlg_reload_helper_cancel (&self->reload);
  dlg_reload_helper_unwatch (&self->reload);
  g_clear_object (&self->context);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_RESPONSE_VIEW);

  G_OBJECT_CLASS (dlg_response_view_parent_class)->dispose (object);
}

static void
dlg_response_view_class_init (DlgResponseViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_response_view_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-response-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, box);
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, intro_text);
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, published_label);
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, positions_box);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dlg_response_view_init (DlgResponseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editors = g_ptr_array_new ();
  self->intro_autosave = dlg_autosave_new (intro_save, self);
  dlg_autosave_watch (self->intro_autosave, GTK_WIDGET (self->intro_text));
}
