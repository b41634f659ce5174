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
#include "dlg-position-editor.h"
#include "dlg-record-section-recommendations.h"
#include "dlg-view-util.h"

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

/* ---------------------------------------------------------------- DlgStageViewBase */

static void
changed (DlgStageViewBase *base,
         GType             type,
         gint64            process_id)
{
  if (type == DLG_TYPE_STAGE_INFO || type == DLG_TYPE_RESPONSE || type == DLG_TYPE_SYNC_OUTBOX)
    update_published (DLG_RESPONSE_VIEW (base));
  DLG_STAGE_VIEW_BASE_CLASS (dlg_response_view_parent_class)->changed (base, type, process_id);
}

static void
load (DlgStageViewBase *base)
{
  DlgResponseView *self = DLG_RESPONSE_VIEW (base);

  load_intro (self);
  reload_positions (self);
}

static void
reload (DlgStageViewBase *base)
{
  reload_positions (DLG_RESPONSE_VIEW (base));
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
  view_class->changed = changed;
  view_class->load = load;
  view_class->reload = reload;
  view_class->flush = flush;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-response-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, intro_text);
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, published_label);
  gtk_widget_class_bind_template_child (widget_class, DlgResponseView, positions_box);
}

static void
dlg_response_view_init (DlgResponseView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  self->editors = g_ptr_array_new ();
  self->intro_autosave = dlg_autosave_new (intro_save, self);
  dlg_autosave_watch (self->intro_autosave, GTK_WIDGET (self->intro_text));
}
