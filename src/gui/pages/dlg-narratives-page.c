/* dlg-narratives-page.c — the narratives ("récits") of a process, written in Markdown
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A list of the narratives of the process beside an editor: the title, the Markdown source in
 * a monospace text view and its preview. As everywhere in Dialogue, what the officer types is
 * saved as typed: each change restarts a DLG_AUTOSAVE_DELAY_MS timer, and pending text is
 * written when it fires, when the title or the text loses focus, when another narrative is
 * selected, when the page is hidden, when the process changes and when the page goes away.
 * The preview is rendered by dlg_markdown_render, which never interprets markup.
 * Publishing asks for confirmation, then calls dlg_narrative_publish (journaled; the sync
 * pushes the narrative to the site).
 */

#define G_LOG_DOMAIN "dlg-narratives-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-accessible.h"
#include "dlg-field-binding.h"
#include "dlg-markdown.h"
#include "dlg-narratives-page.h"
#include "dlg-text-column.h"

struct _DlgNarrativesPage
{
  AdwBin              parent_instance;

  DlgContext         *context;
  gint64              process_id;
  GListStore         *narratives;
  DlgNarrative       *current;
  gulong              changed_id;
  guint               save_id;
  guint               preview_id;
  guint               reload_id;
  guint               dirty : 1;
  guint               loading : 1;
  guint               saving : 1;
  guint               reloading : 1;

  GtkStack           *stack;
  GtkStack           *editor_stack;
  GtkListView        *list_view;
  GtkSingleSelection *selection;
  GtkEntry           *title_entry;
  GtkLabel           *state_label;
  GtkWidget          *publish_button;
  GtkWidget          *unpublish_button;
  GtkWidget          *delete_button;
  GtkPaned           *editor_paned;
  GtkTextView        *source_view;
  GtkTextView        *preview_view;
  GtkLabel           *status_label;
};

G_DEFINE_FINAL_TYPE (DlgNarrativesPage, dlg_narratives_page, ADW_TYPE_BIN)

#define PREVIEW_DELAY_MS 150

static void reload (DlgNarrativesPage *self,
                    gint64             select_id);

static DlgStore *
get_store (DlgNarrativesPage *self)
{
  return self->context != NULL ? dlg_context_get_store (self->context) : NULL;
}

static gboolean
is_published (DlgNarrative *narrative)
{
  return g_strcmp0 (dlg_narrative_get_state (narrative), "published") == 0;
}

static char *
state_text (DlgNarrative *narrative)
{
  const char *state = dlg_vocabulary_get_label (&dlg_vocabulary_narrative_state,
                                                dlg_narrative_get_state (narrative));
  g_autofree char *when = NULL;

  if (!is_published (narrative))
    return g_strdup (state);
  when = dlg_format_datetime (dlg_narrative_get_published_at (narrative));
  if (when == NULL)
    return g_strdup (state);
  /* Translators: %s is a date and time. */
  return g_strdup_printf (_("Published on %s"), when);
}

static char *
get_source_text (DlgNarrativesPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->source_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
update_state (DlgNarrativesPage *self)
{
  gboolean has_current = self->current != NULL;
  gboolean published = has_current && is_published (self->current);
  g_autofree char *text = has_current ? state_text (self->current) : NULL;

  gtk_label_set_text (self->state_label, text != NULL ? text : "");
  gtk_widget_set_visible (self->publish_button, has_current && !published);
  gtk_widget_set_visible (self->unpublish_button, published);
  gtk_widget_set_visible (self->delete_button, has_current && !published);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "narratives.delete",
                                 has_current && !published);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "narratives.publish",
                                 has_current && !published);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "narratives.unpublish", published);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "narratives.new",
                                 self->context != NULL && self->process_id != 0);
}

static void
render_preview (DlgNarrativesPage *self)
{
  g_autofree char *text = get_source_text (self);

  g_clear_handle_id (&self->preview_id, g_source_remove);
  dlg_markdown_render (gtk_text_view_get_buffer (self->preview_view), text);
}

static gboolean
preview_timeout_cb (gpointer user_data)
{
  DlgNarrativesPage *self = user_data;

  self->preview_id = 0;
  render_preview (self);
  return G_SOURCE_REMOVE;
}

static void
show_save_error (DlgNarrativesPage *self,
                 const GError      *error)
{
  g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

  gtk_widget_add_css_class (GTK_WIDGET (self->title_entry), "error");
  gtk_widget_add_css_class (GTK_WIDGET (self->source_view), "error");
  gtk_label_set_text (self->status_label, message);
  gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
}

static void
clear_save_error (DlgNarrativesPage *self)
{
  gtk_widget_remove_css_class (GTK_WIDGET (self->title_entry), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->source_view), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* Tells the list that the row of the current narrative changed (its title or state). */
static void
current_row_changed (DlgNarrativesPage *self)
{
  guint position;

  if (self->current != NULL && g_list_store_find (self->narratives, self->current, &position))
    {
      self->reloading = TRUE;
      g_list_model_items_changed (G_LIST_MODEL (self->narratives), position, 1, 1);
      self->reloading = FALSE;
    }
}

/**
 * dlg_narratives_page_flush:
 *
 * Saves what was typed and not yet saved.
 *
 * Returns: %FALSE if the save failed (the text stays in the editor and the error is shown)
 */
gboolean
dlg_narratives_page_flush (DlgNarrativesPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *body = NULL;
  gboolean ok;

  g_return_val_if_fail (DLG_IS_NARRATIVES_PAGE (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->preview_id != 0)
    render_preview (self);
  if (!self->dirty || self->current == NULL || get_store (self) == NULL)
    return TRUE;

  body = get_source_text (self);
  dlg_narrative_set_title (self->current, gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  dlg_narrative_set_body_md (self->current, body);

  self->saving = TRUE;
  ok = dlg_narrative_save (get_store (self), self->current, &error);
  self->saving = FALSE;
  if (!ok)
    {
      g_warning ("Could not save the narrative: %s", error->message);
      show_save_error (self, error);
      return FALSE;
    }

  self->dirty = FALSE;
  clear_save_error (self);
  gtk_label_set_text (self->status_label, _("Saved"));
  current_row_changed (self);
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  DlgNarrativesPage *self = user_data;

  self->save_id = 0;
  dlg_narratives_page_flush (self);
  return G_SOURCE_REMOVE;
}

static void
edited_cb (DlgNarrativesPage *self)
{
  if (self->loading || self->current == NULL)
    return;
  self->dirty = TRUE;
  gtk_label_set_text (self->status_label, "");
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (DLG_AUTOSAVE_DELAY_MS, save_timeout_cb, self);
}

/* The preview follows the text a moment after the last keystroke, so that typing in a long
 * narrative never waits for it. */
static void
source_changed_cb (DlgNarrativesPage *self)
{
  g_clear_handle_id (&self->preview_id, g_source_remove);
  self->preview_id = g_timeout_add (PREVIEW_DELAY_MS, preview_timeout_cb, self);
  edited_cb (self);
}

static void
focus_leave_cb (DlgNarrativesPage *self)
{
  dlg_narratives_page_flush (self);
}

static void
load_editor (DlgNarrativesPage *self)
{
  self->loading = TRUE;
  if (self->current != NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_entry),
                             dlg_narrative_get_title (self->current));
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->source_view),
                                dlg_narrative_get_body_md (self->current), -1);
      gtk_stack_set_visible_child_name (self->editor_stack, "editor");
    }
  else
    {
      gtk_editable_set_text (GTK_EDITABLE (self->title_entry), "");
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->source_view), "", 0);
      gtk_stack_set_visible_child_name (self->editor_stack, "empty");
    }
  self->loading = FALSE;
  self->dirty = FALSE;
  clear_save_error (self);
  gtk_label_set_text (self->status_label, "");
  render_preview (self);
  update_state (self);
}

/* Makes @narrative the one in the editor; keeps the editor (and its cursor) as it is when the
 * stored text is what it already shows. */
static void
set_current (DlgNarrativesPage *self,
             DlgNarrative      *narrative)
{
  gboolean same_text = FALSE;

  if (narrative == self->current)
    return;

  if (narrative != NULL && self->current != NULL
      && dlg_narrative_get_id (narrative) == dlg_narrative_get_id (self->current))
    {
      g_autofree char *body = get_source_text (self);

      same_text = g_strcmp0 (dlg_narrative_get_title (narrative),
                             gtk_editable_get_text (GTK_EDITABLE (self->title_entry))) == 0
                  && g_strcmp0 (dlg_narrative_get_body_md (narrative), body) == 0;
    }

  g_set_object (&self->current, narrative);
  if (same_text)
    update_state (self);
  else
    load_editor (self);
}

static void
selection_changed_cb (DlgNarrativesPage *self)
{
  if (self->reloading)
    return;
  dlg_narratives_page_flush (self);
  set_current (self, gtk_single_selection_get_selected_item (self->selection));
}

static gboolean
select_id (DlgNarrativesPage *self,
           gint64             narrative_id)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->narratives));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgNarrative) narrative = g_list_model_get_item (G_LIST_MODEL (self->narratives),
                                                                 i);

      if (dlg_narrative_get_id (narrative) == narrative_id)
        {
          gtk_single_selection_set_selected (self->selection, i);
          return TRUE;
        }
    }
  return FALSE;
}

/* Reads the narratives of the process again and selects @select_id (or the current one, or
 * the first). Pending edits are saved first. */
static void
reload (DlgNarrativesPage *self,
        gint64             select)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) list = NULL;
  guint n;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  dlg_narratives_page_flush (self);

  if (select == 0 && self->current != NULL)
    select = dlg_narrative_get_id (self->current);

  self->reloading = TRUE;
  if (get_store (self) != NULL && self->process_id != 0)
    {
      list = dlg_narrative_list (get_store (self), self->process_id, &error);
      if (list == NULL)
        g_warning ("Could not list the narratives: %s", error->message);
    }
  g_list_store_remove_all (self->narratives);
  n = list != NULL ? g_list_model_get_n_items (list) : 0;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (list, i);

      g_list_store_append (self->narratives, item);
    }
  if (select == 0 || !select_id (self, select))
    gtk_single_selection_set_selected (self->selection, n > 0 ? 0 : GTK_INVALID_LIST_POSITION);
  self->reloading = FALSE;

  set_current (self, gtk_single_selection_get_selected_item (self->selection));
  update_state (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  DlgNarrativesPage *self = user_data;

  self->reload_id = 0;
  reload (self, 0);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DlgNarrativesPage *self,
                  GType             type,
                  gint64             process_id,
                  DlgStore          *store)
{
  /* Our own saves need no reload; changes from elsewhere (sync, another window) do. */
  if (self->saving || (process_id != 0 && process_id != self->process_id))
    return;
  if (self->reload_id == 0)
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

static void
new_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DlgNarrativesPage *self = DLG_NARRATIVES_PAGE (widget);
  g_autoptr(DlgNarrative) narrative = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (get_store (self) == NULL || self->process_id == 0)
    return;
  dlg_narratives_page_flush (self);

  narrative = dlg_narrative_new (self->process_id);
  dlg_narrative_set_title (narrative, _("New narrative"));
  process = dlg_process_load (get_store (self), self->process_id, NULL);
  if (process != NULL)
    dlg_narrative_set_stage (narrative,
                             dlg_stage_to_id (dlg_process_get_current_stage (process)));

  self->saving = TRUE;
  ok = dlg_narrative_save (get_store (self), narrative, &error);
  self->saving = FALSE;
  if (!ok)
    {
      g_warning ("Could not create a narrative: %s", error->message);
      gtk_label_set_text (self->status_label, error->message);
      return;
    }

  reload (self, dlg_narrative_get_id (narrative));
  gtk_widget_grab_focus (GTK_WIDGET (self->title_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->title_entry), 0, -1);
}

static void
publish (DlgNarrativesPage *self,
         gint64             narrative_id,
         gboolean           publish)
{
  g_autoptr(GError) error = NULL;
  gboolean ok;

  if (get_store (self) == NULL || !dlg_narratives_page_flush (self))
    return;

  if (publish)
    ok = dlg_narrative_publish (get_store (self), narrative_id, &error);
  else
    ok = dlg_narrative_unpublish (get_store (self), narrative_id, &error);
  if (!ok)
    {
      g_warning ("Could not change the state of the narrative: %s", error->message);
      gtk_label_set_text (self->status_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      return;
    }

  /* The objects in the list are snapshots: read them again to show the new state. */
  g_clear_object (&self->current);
  reload (self, narrative_id);
  gtk_label_set_text (self->status_label,
                      publish ? _("Published: the narrative goes to the site at the next "
                                  "synchronisation.")
                              : _("Back to draft: the narrative leaves the site at the next "
                                  "synchronisation."));
}

static void
publish_response_cb (DlgNarrativesPage *self,
                     const char        *response,
                     AdwMessageDialog  *dialog)
{
  gint64 narrative_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "narrative-id"));

  if (g_strcmp0 (response, "publish") == 0)
    publish (self, narrative_id, TRUE);
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlgNarrativesPage *self = DLG_NARRATIVES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (self->current == NULL || !dlg_narratives_page_flush (self))
    return;

  body = g_strdup_printf (_("“%s” will be shown on the public site after the next "
                            "synchronisation, and its publication will be recorded in the "
                            "journal of the process."),
                          dlg_narrative_get_title (self->current));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Publish this narrative?"), NULL));
  /* The title is user text: body-use-markup stays off. */
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "publish", _("_Publish"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "publish", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "publish");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "narrative-id",
                     GSIZE_TO_POINTER ((gsize) dlg_narrative_get_id (self->current)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (publish_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
unpublish_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlgNarrativesPage *self = DLG_NARRATIVES_PAGE (widget);

  if (self->current != NULL)
    publish (self, dlg_narrative_get_id (self->current), FALSE);
}

static void
delete_response_cb (DlgNarrativesPage *self,
                    const char        *response,
                    AdwMessageDialog  *dialog)
{
  gint64 narrative_id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "narrative-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0 || get_store (self) == NULL)
    return;

  /* What is pending is about to go anyway; only the other narratives matter now. */
  if (self->current != NULL && dlg_narrative_get_id (self->current) == narrative_id)
    {
      g_clear_handle_id (&self->save_id, g_source_remove);
      self->dirty = FALSE;
    }
  dlg_narratives_page_flush (self);
  if (!dlg_narrative_delete (get_store (self), narrative_id, &error))
    {
      g_warning ("Could not delete the narrative: %s", error->message);
      gtk_label_set_text (self->status_label, error->message);
      gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
      return;
    }
  g_clear_object (&self->current);
  reload (self, 0);
}

/* Only drafts can be deleted: a published narrative goes back to draft first, so that the site
 * takes it down at the next synchronisation. */
static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgNarrativesPage *self = DLG_NARRATIVES_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  if (self->current == NULL || is_published (self->current))
    return;

  body = g_strdup_printf (_("The draft “%s” will be deleted. It was never shown on the site."),
                          gtk_editable_get_text (GTK_EDITABLE (self->title_entry)));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Delete this draft?"), NULL));
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "delete", _("_Delete"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "delete", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "narrative-id",
                     GSIZE_TO_POINTER ((gsize) dlg_narrative_get_id (self->current)));
  g_signal_connect_object (dialog, "response", G_CALLBACK (delete_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
row_setup_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *list_item,
              gpointer                  user_data)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *state = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (title), 0.0f);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (state), 0.0f);
  gtk_widget_add_css_class (state, "caption");
  gtk_widget_add_css_class (state, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), state);
  gtk_list_item_set_child (list_item, box);
}

static void
row_bind_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *list_item,
             gpointer                  user_data)
{
  DlgNarrative *narrative = gtk_list_item_get_item (list_item);
  GtkWidget *box = gtk_list_item_get_child (list_item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *state = gtk_widget_get_next_sibling (title);
  g_autofree char *state_str = state_text (narrative);
  const char *title_str = dlg_narrative_get_title (narrative);

  if (title_str == NULL || *title_str == '\0')
    title_str = _("Untitled");

  gtk_label_set_text (GTK_LABEL (title), title_str);
  gtk_label_set_text (GTK_LABEL (state), state_str);
  if (gtk_widget_get_parent (box) != NULL)
    dlg_accessible_name_from_labels (gtk_widget_get_parent (box));
}

static void
dlg_narratives_page_unmap (GtkWidget *widget)
{
  dlg_narratives_page_flush (DLG_NARRATIVES_PAGE (widget));

  GTK_WIDGET_CLASS (dlg_narratives_page_parent_class)->unmap (widget);
}

static void
disconnect_store (DlgNarrativesPage *self)
{
  if (self->context != NULL && self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, dlg_context_get_store (self->context));
  self->changed_id = 0;
}

static void
dlg_narratives_page_dispose (GObject *object)
{
  DlgNarrativesPage *self = (DlgNarrativesPage *)object;

  if (self->title_entry != NULL)
    dlg_narratives_page_flush (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->preview_id, g_source_remove);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  disconnect_store (self);
  g_clear_object (&self->current);
  g_clear_object (&self->context);
  g_clear_object (&self->narratives);

  G_OBJECT_CLASS (dlg_narratives_page_parent_class)->dispose (object);
}

static void
dlg_narratives_page_class_init (DlgNarrativesPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_narratives_page_dispose;
  widget_class->unmap = dlg_narratives_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-narratives-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, editor_stack);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, selection);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, title_entry);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, state_label);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, publish_button);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, unpublish_button);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, delete_button);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, editor_paned);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, source_view);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, preview_view);
  gtk_widget_class_bind_template_child (widget_class, DlgNarrativesPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);

  gtk_widget_class_install_action (widget_class, "narratives.new", NULL, new_action);
  gtk_widget_class_install_action (widget_class, "narratives.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "narratives.unpublish", NULL,
                                   unpublish_action);
  gtk_widget_class_install_action (widget_class, "narratives.delete", NULL, delete_action);
}

static void
dlg_narratives_page_init (DlgNarrativesPage *self)
{
  GtkListItemFactory *factory;
  GtkEventController *focus;

  self->narratives = g_list_store_new (DLG_TYPE_NARRATIVE);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_single_selection_set_model (self->selection, G_LIST_MODEL (self->narratives));
  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (row_setup_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (row_bind_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);

  g_signal_connect_object (self->title_entry, "changed", G_CALLBACK (edited_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (gtk_text_view_get_buffer (self->source_view), "changed",
                           G_CALLBACK (source_changed_cb), self, G_CONNECT_SWAPPED);

  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->title_entry), focus);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->source_view), focus);

  gtk_paned_set_position (self->editor_paned, 480);
  update_state (self);
}

GtkWidget *
dlg_narratives_page_new (void)
{
  return g_object_new (DLG_TYPE_NARRATIVES_PAGE, NULL);
}

/**
 * dlg_narratives_page_set_process:
 * @context: (nullable): the application's context
 * @process_id: the process whose narratives to show, or 0 to clear the page
 *
 * Saves what is pending for the previous process first.
 */
void
dlg_narratives_page_set_process (DlgNarrativesPage *self,
                                 DlgContext        *context,
                                 gint64             process_id)
{
  g_return_if_fail (DLG_IS_NARRATIVES_PAGE (self));
  g_return_if_fail (context == NULL || DLG_IS_CONTEXT (context));

  dlg_narratives_page_flush (self);
  g_clear_object (&self->current);
  if (context != self->context)
    {
      disconnect_store (self);
      g_set_object (&self->context, context);
      if (context != NULL)
        self->changed_id = g_signal_connect_object (dlg_context_get_store (context),
                                                    "changed::DlgNarrative",
                                                    G_CALLBACK (store_changed_cb), self,
                                                    G_CONNECT_SWAPPED);
    }
  self->process_id = context != NULL ? process_id : 0;
  gtk_stack_set_visible_child_name (self->stack,
                                    self->process_id != 0 ? "process" : "no-process");
  reload (self, 0);
  if (self->current == NULL)
    load_editor (self);
}

/**
 * dlg_narratives_page_get_current:
 *
 * Returns: (transfer none) (nullable): the narrative in the editor
 */
DlgNarrative *
dlg_narratives_page_get_current (DlgNarrativesPage *self)
{
  g_return_val_if_fail (DLG_IS_NARRATIVES_PAGE (self), NULL);

  return self->current;
}

/**
 * dlg_narratives_page_select:
 * @narrative_id: a narrative of the process
 *
 * Returns: %TRUE if the narrative is in the list and now in the editor
 */
gboolean
dlg_narratives_page_select (DlgNarrativesPage *self,
                            gint64             narrative_id)
{
  g_return_val_if_fail (DLG_IS_NARRATIVES_PAGE (self), FALSE);

  return select_id (self, narrative_id);
}
