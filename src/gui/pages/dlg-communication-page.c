/* dlg-communication-page.c — the communication plan of a process, across its stages
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the public is told at each stage ("communiquer" in the method): the stages with nothing
 * planned (dlg_communication_plan_gaps, a warning: nothing is refused), a calendar of the items
 * against the stage dates (DlgCommunicationTimeline), and the items grouped by stage in a list
 * (a plan has dozens of items, not thousands). An item is added and edited in the dialog
 * generated from its field table (dlg_record_editor_new_full), deleted after a confirmation;
 * one that points to a narrative still in draft can publish it, as the narratives page does
 * (dlg_narrative_publish: journaled, pushed at the next sync). "Export the Plan…" writes CSV or
 * an iCalendar file (dlg_communication_plan_export). The page follows DlgStore::changed for
 * items, narratives and stage transitions.
 */

#define G_LOG_DOMAIN "dlg-communication-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-communication-page.h"
#include "dlg-communication-timeline.h"
#include "dlg-record-editor.h"
#include "dlg-reload-helper.h"
#include "dlg-view-util.h"

struct _DlgCommunicationPage
{
  AdwBin                    parent_instance;

  DlgContext               *context;
  gint64                    process_id;
  DlgReloadHelper           reload;
  GHashTable               *narratives;   /* id → DlgNarrative */
  GtkFileChooserNative     *chooser;

  GtkStack                 *stack;
  GtkWidget                *gaps_box;
  GtkLabel                 *gaps_label;
  DlgCommunicationTimeline *timeline;
  GtkStack                 *list_stack;
  GtkListBox               *items_list;
  GtkLabel                 *status_label;
};

G_DEFINE_FINAL_TYPE (DlgCommunicationPage, dlg_communication_page, ADW_TYPE_BIN)

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

static DlgStore *
get_store (DlgCommunicationPage *self)
{
  return self->context != NULL ? dlg_context_get_store (self->context) : NULL;
}

#define show_status(self, text, is_error) \
  dlg_status_label_set ((self)->status_label, (text), (is_error))

/* ---------------------------------------------------------------- rows */

static const char *
item_stage_label (DlgCommunicationItem *item)
{
  DlgStage stage;

  if (!dlg_stage_from_id (dlg_communication_item_get_stage (item), &stage))
    return _("Across stages");
  return dlg_stage_get_label (stage);
}

static char *
item_subtitle (DlgCommunicationPage *self,
               DlgCommunicationItem *item)
{
  g_autoptr(GString) text = g_string_new (NULL);
  g_autofree char *date = dlg_format_date (dlg_communication_item_get_planned_at (item));
  gint64 narrative_id = dlg_communication_item_get_narrative_id (item);
  DlgNarrative *narrative = narrative_id != 0 ? g_hash_table_lookup (self->narratives,
                                                                     &narrative_id)
                                              : NULL;
  const char *audience = dlg_communication_item_get_audience (item);
  const char *owner = dlg_communication_item_get_owner (item);

  g_string_append (text, date != NULL ? date : _("no date yet"));
  g_string_append_printf (text, " · %s · %s · %s",
                          dlg_vocabulary_get_label (&dlg_vocabulary_communication_kind,
                                                    dlg_communication_item_get_kind (item)),
                          dlg_vocabulary_get_label (&dlg_vocabulary_communication_channel,
                                                    dlg_communication_item_get_channel (item)),
                          dlg_vocabulary_get_label (&dlg_vocabulary_communication_status,
                                                    dlg_communication_item_get_status (item)));
  if (audience != NULL && *audience != '\0')
    /* Translators: who a communication item is for. */
    g_string_append_printf (text, " · %s %s", _("for"), audience);
  if (owner != NULL && *owner != '\0')
    /* Translators: who does a communication item. */
    g_string_append_printf (text, " · %s %s", _("by"), owner);
  if (narrative != NULL)
    g_string_append_printf (text, "\n%s “%s” (%s)", _("Narrative:"),
                            dlg_narrative_get_title (narrative),
                            dlg_vocabulary_get_label (&dlg_vocabulary_narrative_state,
                                                      dlg_narrative_get_state (narrative)));
  return g_string_free (g_steal_pointer (&text), FALSE);
}

static void edit_item (DlgCommunicationPage *self,
                       DlgCommunicationItem *item);

static void
publish_clicked_cb (GtkButton            *button,
                    DlgCommunicationPage *self);
static void
delete_clicked_cb (GtkButton            *button,
                   DlgCommunicationPage *self);

static GtkWidget *
make_row (DlgCommunicationPage *self,
          DlgCommunicationItem *item)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH
                                                                 "dlg-communication-row.ui");
  GtkWidget *row = GTK_WIDGET (gtk_builder_get_object (builder, "row"));
  GtkWidget *publish = GTK_WIDGET (gtk_builder_get_object (builder, "publish_button"));
  GtkWidget *delete = GTK_WIDGET (gtk_builder_get_object (builder, "delete_button"));
  g_autofree char *subtitle = item_subtitle (self, item);
  gint64 narrative_id = dlg_communication_item_get_narrative_id (item);
  DlgNarrative *narrative = narrative_id != 0 ? g_hash_table_lookup (self->narratives,
                                                                     &narrative_id)
                                              : NULL;

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                 dlg_communication_item_get_title (item));
  adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  g_object_set_data_full (G_OBJECT (row), "dlg-item", g_object_ref (item), g_object_unref);
  g_object_set_data (G_OBJECT (publish), "dlg-row", row);
  g_object_set_data (G_OBJECT (delete), "dlg-row", row);
  gtk_widget_set_visible (publish, narrative != NULL &&
                          g_strcmp0 (dlg_narrative_get_state (narrative), "published") != 0);
  g_signal_connect_object (publish, "clicked", G_CALLBACK (publish_clicked_cb), self, 0);
  g_signal_connect_object (delete, "clicked", G_CALLBACK (delete_clicked_cb), self, 0);
  return g_object_ref (row);   /* the builder's reference goes with the builder */
}

static DlgCommunicationItem *
row_item (GtkWidget *row)
{
  return g_object_get_data (G_OBJECT (row), "dlg-item");
}

static void
header_func (GtkListBoxRow *row,
             GtkListBoxRow *before,
             gpointer       user_data)
{
  const char *stage = dlg_communication_item_get_stage (row_item (GTK_WIDGET (row)));
  GtkWidget *label;

  if (before != NULL &&
      g_strcmp0 (stage, dlg_communication_item_get_stage (row_item (GTK_WIDGET (before)))) == 0)
    {
      gtk_list_box_row_set_header (row, NULL);
      return;
    }
  label = gtk_label_new (item_stage_label (row_item (GTK_WIDGET (row))));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  gtk_widget_set_margin_bottom (label, 6);
  gtk_widget_set_margin_start (label, 12);
  gtk_list_box_row_set_header (row, label);
}

/* Items by stage in the order of the method (across stages last), then by date as listed. */
static int
compare_items (gconstpointer a,
               gconstpointer b)
{
  DlgCommunicationItem *x = *(DlgCommunicationItem **) a;
  DlgCommunicationItem *y = *(DlgCommunicationItem **) b;
  DlgStage sx, sy;

  if (!dlg_stage_from_id (dlg_communication_item_get_stage (x), &sx))
    sx = DLG_N_STAGES;
  if (!dlg_stage_from_id (dlg_communication_item_get_stage (y), &sy))
    sy = DLG_N_STAGES;
  return (int) sx - (int) sy;
}

/* ---------------------------------------------------------------- reload */

static void
reload (DlgCommunicationPage *self)
{
  DlgStore *store = get_store (self);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) stages = NULL;
  g_autoptr(GListModel) narratives = NULL;
  g_autoptr(GPtrArray) gaps = NULL;
  g_autoptr(GPtrArray) sorted = NULL;
  g_autoptr(GError) error = NULL;
  GtkListBoxRow *child;
  guint n;

  /* Rows only: a row's header is a child of the list too, and goes with its row. */
  while ((child = gtk_list_box_get_row_at_index (self->items_list, 0)) != NULL)
    gtk_list_box_remove (self->items_list, GTK_WIDGET (child));
  g_hash_table_remove_all (self->narratives);
  if (store == NULL || self->process_id == 0)
    {
      dlg_communication_timeline_set_plan (self->timeline, NULL, NULL, NULL);
      gtk_widget_set_visible (self->gaps_box, FALSE);
      return;
    }

  if (!(items = dlg_communication_item_list (store, self->process_id, &error)) ||
      !(stages = dlg_stage_list (store, self->process_id, &error)) ||
      !(narratives = dlg_narrative_list (store, self->process_id, &error)) ||
      !(gaps = dlg_communication_plan_gaps (store, self->process_id, &error)))
    {
      g_message ("Cannot read the communication plan: %s", error->message);
      show_status (self, error->message, TRUE);
      return;
    }

  n = g_list_model_get_n_items (narratives);
  for (guint i = 0; i < n; i++)
    {
      DlgNarrative *narrative = g_list_model_get_item (narratives, i);

      g_hash_table_insert (self->narratives,
                           g_memdup2 (&(gint64) { dlg_narrative_get_id (narrative) },
                                      sizeof (gint64)),
                           narrative);
    }

  if (gaps->len > 0)
    {
      g_autoptr(GString) text = g_string_new (NULL);

      for (guint i = 0; i < gaps->len; i++)
        {
          DlgCommunicationGap *gap = g_ptr_array_index (gaps, i);

          g_string_append_printf (text, "%s%s", i > 0 ? "\n" : "", gap->message);
        }
      gtk_label_set_text (self->gaps_label, text->str);
    }
  gtk_widget_set_visible (self->gaps_box, gaps->len > 0);

  dlg_communication_timeline_set_plan (self->timeline, stages, items, NULL);

  n = g_list_model_get_n_items (items);
  sorted = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (sorted, g_list_model_get_item (items, i));
  g_ptr_array_sort (sorted, compare_items);   /* stable: the dates' order stays */
  for (guint i = 0; i < sorted->len; i++)
    {
      g_autoptr(GtkWidget) row = make_row (self, g_ptr_array_index (sorted, i));

      gtk_list_box_append (self->items_list, row);
    }
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
}

static void
reload_cb (gpointer owner)
{
  reload (DLG_COMMUNICATION_PAGE (owner));
}

static void
store_changed_cb (DlgCommunicationPage *self,
                  GType                 type,
                  gint64                process_id,
                  DlgStore             *store)
{
  if (process_id != 0 && process_id != self->process_id)
    return;
  if (type == DLG_TYPE_COMMUNICATION_ITEM || type == DLG_TYPE_NARRATIVE ||
      type == DLG_TYPE_STAGE_INFO || type == DLG_TYPE_PROCESS)
    dlg_reload_helper_queue (&self->reload, reload_cb, self);
}

/* ---------------------------------------------------------------- the editor */

static void
stage_choices (DlgRecordEditorSetup *setup,
               DlgRecord            *record,
               gpointer              user_data)
{
  dlg_record_editor_setup_add_choice (setup, _("Across stages"), NULL);
  for (guint i = 0; i < DLG_N_STAGES; i++)
    dlg_record_editor_setup_add_choice (setup, dlg_stage_get_label (i),
                                        g_variant_new_parsed ("{'stage': <%s>}",
                                                              dlg_stage_to_id (i)));
}

static void
narrative_choices (DlgRecordEditorSetup *setup,
                   DlgRecord            *record,
                   gpointer              user_data)
{
  DlgCommunicationPage *self = user_data;
  g_autoptr(GListModel) narratives = dlg_narrative_list (get_store (self), self->process_id,
                                                         NULL);
  guint n = narratives != NULL ? g_list_model_get_n_items (narratives) : 0;

  dlg_record_editor_setup_add_choice (setup, _("None"),
                                      g_variant_new_parsed ("{'narrative-id': <int64 0>}"));
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgNarrative) narrative = g_list_model_get_item (narratives, i);
      g_autofree char *label = g_strdup_printf ("%s (%s)", dlg_narrative_get_title (narrative),
                                                dlg_vocabulary_get_label (
                                                  &dlg_vocabulary_narrative_state,
                                                  dlg_narrative_get_state (narrative)));

      dlg_record_editor_setup_add_choice (setup, label,
                                          g_variant_new_parsed ("{'narrative-id': <%x>}",
                                                                dlg_narrative_get_id (narrative)));
    }
}

static const DlgRecordEditorRow item_rows[] = {
  { .property = "title", .label = N_("Title") },
  { .property = "kind", .label = N_("Kind") },
  { .property = "channel", .label = N_("Channel") },
  { .property = "stage", .label = N_("Stage"), .setup = stage_choices },
  { .property = "planned-at", .label = N_("Planned date (year-month-day)"),
    .flags = DLG_RECORD_EDITOR_DATE_TIME },
  { .property = "status", .label = N_("Status") },
  { .property = "audience", .label = N_("Audience") },
  { .property = "owner", .label = N_("Owner") },
  { .property = "message", .label = N_("Message") },
  { .property = "narrative-id", .label = N_("Narrative it points to"),
    .setup = narrative_choices },
  { .property = "link", .label = N_("Page it points to (address)") },
  { .property = "notes", .label = N_("Notes (internal)") },
  { NULL },
};

static DlgEditDialog *
open_editor (DlgCommunicationPage *self,
             DlgCommunicationItem *item)
{
  DlgEditDialog *dialog;

  dialog = dlg_record_editor_new_full (GTK_WIDGET (self), get_store (self), DLG_RECORD (item),
                                       _("Communication Item"), _("_Delete"), item_rows, NULL,
                                       g_object_ref (self), g_object_unref);
  dlg_record_editor_follow (dialog, DLG_TYPE_NARRATIVE);
  return dialog;
}

static void
edit_item (DlgCommunicationPage *self,
           DlgCommunicationItem *item)
{
  open_editor (self, item);
}

static void
row_activated_cb (DlgCommunicationPage *self,
                  GtkListBoxRow        *row)
{
  DlgCommunicationItem *item = row_item (GTK_WIDGET (row));

  if (item != NULL)
    edit_item (self, item);
}

/* A new item belongs to the stage in progress (the last one started), planned. */
static const char *
current_stage (DlgCommunicationPage *self)
{
  g_autoptr(GListModel) stages = dlg_stage_list (get_store (self), self->process_id, NULL);
  guint n = stages != NULL ? g_list_model_get_n_items (stages) : 0;
  const char *id = NULL;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgStageInfo) info = g_list_model_get_item (stages, i);

      if (dlg_stage_info_get_state (info) == DLG_STAGE_STATE_IN_PROGRESS)
        id = dlg_stage_to_id (dlg_stage_info_get_stage (info));
    }
  return id;
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DlgCommunicationPage *self = DLG_COMMUNICATION_PAGE (widget);
  g_autoptr(DlgCommunicationItem) item = NULL;

  if (get_store (self) == NULL || self->process_id == 0)
    return;
  item = dlg_communication_item_new (self->process_id);
  dlg_communication_item_set_stage (item, current_stage (self));
  open_editor (self, item);
}

/* ---------------------------------------------------------------- delete, publish */

static void
delete_response_cb (DlgCommunicationPage *self,
                    const char           *response,
                    AdwMessageDialog     *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "dlg-item-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "delete") != 0)
    return;
  if (!dlg_communication_page_delete_item (self, id, &error))
    show_status (self, error->message, TRUE);
}

static AdwMessageDialog *
confirm (DlgCommunicationPage *self,
         const char           *heading,
         const char           *body,
         const char           *response,
         const char           *label,
         AdwResponseAppearance appearance,
         gint64                item_id,
         GCallback             callback)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       heading, NULL));
  /* The body names user text: body-use-markup stays off. */
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), response, label, NULL);
  adw_message_dialog_set_response_appearance (dialog, response, appearance);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "dlg-item-id", GSIZE_TO_POINTER ((gsize) item_id));
  g_signal_connect_object (dialog, "response", callback, self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

static void
delete_clicked_cb (GtkButton            *button,
                   DlgCommunicationPage *self)
{
  DlgCommunicationItem *item = row_item (g_object_get_data (G_OBJECT (button), "dlg-row"));
  g_autofree char *body = NULL;

  body = g_strdup_printf (_("“%s” will be removed from the plan. This cannot be undone."),
                          dlg_communication_item_get_title (item));
  confirm (self, _("Delete This Item?"), body, "delete", _("_Delete"),
           ADW_RESPONSE_DESTRUCTIVE, dlg_communication_item_get_id (item),
           G_CALLBACK (delete_response_cb));
}

static void
publish_response_cb (DlgCommunicationPage *self,
                     const char           *response,
                     AdwMessageDialog     *dialog)
{
  gint64 id = GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "dlg-item-id"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "publish") != 0)
    return;
  if (!dlg_communication_page_publish_item (self, id, &error))
    show_status (self, error->message, TRUE);
  else
    show_status (self, _("Published: the narrative goes to the site at the next "
                         "synchronisation."), FALSE);
}

static void
publish_clicked_cb (GtkButton            *button,
                    DlgCommunicationPage *self)
{
  DlgCommunicationItem *item = row_item (g_object_get_data (G_OBJECT (button), "dlg-row"));
  gint64 narrative_id = dlg_communication_item_get_narrative_id (item);
  DlgNarrative *narrative = g_hash_table_lookup (self->narratives, &narrative_id);
  g_autofree char *body = NULL;

  if (narrative == NULL)
    return;
  body = g_strdup_printf (_("The narrative “%s” will be shown on the public site after the next "
                            "synchronisation, and its publication will be recorded in the "
                            "journal of the process."), dlg_narrative_get_title (narrative));
  confirm (self, _("Publish the Narrative?"), body, "publish", _("_Publish"),
           ADW_RESPONSE_SUGGESTED, dlg_communication_item_get_id (item),
           G_CALLBACK (publish_response_cb));
}

/* ---------------------------------------------------------------- export */

static void
chooser_response_cb (DlgCommunicationPage *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  const char *format = g_object_get_data (G_OBJECT (chooser), "dlg-format");

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    {
      if (dlg_communication_page_export_to (self, format, path, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("The plan was exported to “%s”."), name);

          show_status (self, text, FALSE);
        }
      else
        show_status (self, error->message, TRUE);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgCommunicationPage *self = DLG_COMMUNICATION_PAGE (widget);
  const char *format = g_variant_get_string (parameter, NULL);
  g_autofree char *name = NULL;

  if (self->process_id == 0)
    return;
  /* Translators: the file name an exported communication plan gets; keep it short. */
  name = g_strdup_printf ("%s.%s", _("communication-plan"), format);
  g_clear_object (&self->chooser);
  self->chooser = dlg_save_chooser_new (widget, _("Export the Plan"), name,
                                        G_CALLBACK (chooser_response_cb), self);
  g_object_set_data_full (G_OBJECT (self->chooser), "dlg-format", g_strdup (format), g_free);
}

/* ---------------------------------------------------------------- GObject */

static void
dlg_communication_page_dispose (GObject *object)
{
  DlgCommunicationPage *self = DLG_COMMUNICATION_PAGE (object);

  dlg_reload_helper_unwatch (&self->reload);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  g_clear_pointer (&self->narratives, g_hash_table_unref);

  G_OBJECT_CLASS (dlg_communication_page_parent_class)->dispose (object);
}

static void
dlg_communication_page_class_init (DlgCommunicationPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_communication_page_dispose;

  g_type_ensure (DLG_TYPE_COMMUNICATION_TIMELINE);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-communication-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgCommunicationPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DlgCommunicationPage, gaps_box);
  gtk_widget_class_bind_template_child (widget_class, DlgCommunicationPage, gaps_label);
  gtk_widget_class_bind_template_child (widget_class, DlgCommunicationPage, timeline);
  gtk_widget_class_bind_template_child (widget_class, DlgCommunicationPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DlgCommunicationPage, items_list);
  gtk_widget_class_bind_template_child (widget_class, DlgCommunicationPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, row_activated_cb);

  gtk_widget_class_install_action (widget_class, "communication.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "communication.export", "s", export_action);
}

static void
dlg_communication_page_init (DlgCommunicationPage *self)
{
  self->narratives = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                            g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_list_box_set_header_func (self->items_list, header_func, NULL, NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "communication.add", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "communication.export", FALSE);
}

/* ---------------------------------------------------------------- public API */

GtkWidget *
dlg_communication_page_new (void)
{
  return g_object_new (DLG_TYPE_COMMUNICATION_PAGE, NULL);
}

/**
 * dlg_communication_page_set_process:
 * @context: (nullable): the application's context
 * @process_id: the process whose plan to show, or 0 to clear the page
 */
void
dlg_communication_page_set_process (DlgCommunicationPage *self,
                                    DlgContext           *context,
                                    gint64                process_id)
{
  g_return_if_fail (DLG_IS_COMMUNICATION_PAGE (self));
  g_return_if_fail (context == NULL || DLG_IS_CONTEXT (context));

  dlg_reload_helper_follow (&self->reload, (gpointer *) &self->context, context,
                            G_CALLBACK (store_changed_cb), self);
  self->process_id = context != NULL ? process_id : 0;
  gtk_stack_set_visible_child_name (self->stack,
                                    self->process_id != 0 ? "process" : "no-process");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "communication.add", self->process_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "communication.export",
                                 self->process_id != 0);
  show_status (self, NULL, FALSE);
  reload (self);
}

/* Reads the plan again now (the page does it from an idle after a change). */
void
dlg_communication_page_reload (DlgCommunicationPage *self)
{
  g_return_if_fail (DLG_IS_COMMUNICATION_PAGE (self));

  dlg_reload_helper_cancel (&self->reload);
  reload (self);
}

/**
 * dlg_communication_page_edit:
 * @item_id: an item of the process, or 0 for a new one
 *
 * Returns: (transfer none) (nullable): the edit dialog, presented
 */
DlgEditDialog *
dlg_communication_page_edit (DlgCommunicationPage *self,
                             gint64                item_id)
{
  g_autoptr(DlgCommunicationItem) item = NULL;
  g_autoptr(GError) error = NULL;

  g_return_val_if_fail (DLG_IS_COMMUNICATION_PAGE (self), NULL);
  g_return_val_if_fail (get_store (self) != NULL, NULL);

  if (item_id == 0)
    {
      item = dlg_communication_item_new (self->process_id);
      dlg_communication_item_set_stage (item, current_stage (self));
    }
  else if (!(item = dlg_communication_item_load (get_store (self), item_id, &error)))
    {
      show_status (self, error->message, TRUE);
      return NULL;
    }
  return open_editor (self, item);
}

/**
 * dlg_communication_page_export_to:
 * @format: "csv" or "ics"
 */
gboolean
dlg_communication_page_export_to (DlgCommunicationPage  *self,
                                  const char            *format,
                                  const char            *path,
                                  GError               **error)
{
  DlgCommunicationExportFormat f;

  g_return_val_if_fail (DLG_IS_COMMUNICATION_PAGE (self), FALSE);
  g_return_val_if_fail (get_store (self) != NULL, FALSE);

  if (!dlg_communication_export_format_from_id (format, &f))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, _("Unknown format “%s”."), format);
      return FALSE;
    }
  return dlg_communication_plan_export (get_store (self), self->process_id, f, path, error);
}

/* What the row's delete button does once confirmed. */
gboolean
dlg_communication_page_delete_item (DlgCommunicationPage  *self,
                                    gint64                 item_id,
                                    GError               **error)
{
  g_return_val_if_fail (DLG_IS_COMMUNICATION_PAGE (self), FALSE);
  g_return_val_if_fail (get_store (self) != NULL, FALSE);

  return dlg_communication_item_delete (get_store (self), item_id, error);
}

/* What the row's publish button does once confirmed: the narrative the item points to is
 * published as from the narratives page. */
gboolean
dlg_communication_page_publish_item (DlgCommunicationPage  *self,
                                     gint64                 item_id,
                                     GError               **error)
{
  g_autoptr(DlgCommunicationItem) item = NULL;

  g_return_val_if_fail (DLG_IS_COMMUNICATION_PAGE (self), FALSE);
  g_return_val_if_fail (get_store (self) != NULL, FALSE);

  if (!(item = dlg_communication_item_load (get_store (self), item_id, error)))
    return FALSE;
  if (dlg_communication_item_get_narrative_id (item) == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("This item points to no narrative."));
      return FALSE;
    }
  return dlg_narrative_publish (get_store (self), dlg_communication_item_get_narrative_id (item),
                                error);
}
