/* dlg-workshop-view.c — stage 6: the citizen workshop
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Sessions are edited in the dialog generated from their field table (DlgRecordEditor), with
 * their attendance under it, and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-workshop-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-workshop-view.h"
#include "dlg-attendance-row.h"
#include "dlg-record-editor.h"
#include "dlg-record-section.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgWorkshopView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *session_section;

  GHashTable      *present;   /* session id → how many attended, read with the list */
};

G_DEFINE_FINAL_TYPE (DlgWorkshopView, dlg_workshop_view, DLG_TYPE_STAGE_VIEW_BASE)

/* Panel members first; everyone registered when no panel was drawn yet. */
#define MAX_ATTENDANCE_ROWS 300

static gboolean
is_panel_member (DlgParticipant *p)
{
  const char *status = dlg_participant_get_status (p);

  return g_strcmp0 (status, "selected") == 0 || g_strcmp0 (status, "invited") == 0 ||
         g_strcmp0 (status, "accepted") == 0;
}

/* (transfer full): the attendance at @session_id, for the session's dialog. */
static GtkWidget *
attendance_list (DlgWorkshopView *self,
                 gint64           session_id)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  g_autoptr(GListModel) participants =
    dlg_participant_list (store, dlg_stage_view_base_get_process_id (base), NULL);
  g_autoptr(GArray) present = dlg_session_list_attendance (store, session_id, NULL);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH
                                                                  "dlg-attendance.ui");
  GtkWidget *box = GTK_WIDGET (gtk_builder_get_object (builder, "attendance"));
  GtkListBox *list = GTK_LIST_BOX (gtk_builder_get_object (builder, "attendance_list"));
  gboolean panel = FALSE;
  guint n = participants != NULL ? g_list_model_get_n_items (participants) : 0;
  guint shown = 0;

  for (guint i = 0; i < n && !panel; i++)
    {
      g_autoptr(DlgParticipant) p = g_list_model_get_item (participants, i);
      panel = is_panel_member (p);
    }

  for (guint i = 0; i < n && shown < MAX_ATTENDANCE_ROWS; i++)
    {
      g_autoptr(DlgParticipant) p = g_list_model_get_item (participants, i);
      gboolean is_present = FALSE;

      if (panel && !is_panel_member (p))
        continue;
      for (guint j = 0; present != NULL && j < present->len; j++)
        if (g_array_index (present, DlgAttendance, j).participant_id == dlg_participant_get_id (p))
          is_present = g_array_index (present, DlgAttendance, j).present;
      gtk_list_box_append (list, dlg_attendance_row_new (store, session_id, p, is_present));
      shown++;
    }
  if (shown == 0)
    gtk_list_box_append (list,
                         dlg_placeholder_row_new (_("No registration yet: register the panel at "
                                                    "the recruitment stage.")));
  return g_object_ref (box);   /* the builder's reference goes with the builder */
}

/* ---------------------------------------------------------------- session */

/* A session's date may hold its time of day (a sync, an import): the view checks a date alone. */
static const DlgRecordEditorRow session_rows[] = {
  { .property = "title", .label = N_("Title") },
  { .property = "starts-at", .label = N_("Date and time"),
    .flags = DLG_RECORD_EDITOR_DATE_TIME },
  { .property = "place", .label = N_("Place") },
  { .property = "notes", .label = N_("Notes") },
  { NULL },
};

/* The session's dialog, with its attendance under the fields once it is saved. */
static void
edit_session (DlgWorkshopView *self,
              DlgSession      *item)
{
  DlgEditDialog *dialog;

  dialog = dlg_record_editor_new (GTK_WIDGET (self),
                                  dlg_stage_view_base_get_store (DLG_STAGE_VIEW_BASE (self)),
                                  DLG_RECORD (item), _("Session"), _("_Delete the Session"),
                                  session_rows);
  if (dlg_session_get_id (item) != 0)
    {
      g_autoptr(GtkWidget) attendance = attendance_list (self, dlg_session_get_id (item));

      dlg_edit_dialog_add_widget (dialog, attendance);
    }
  else
    dlg_edit_dialog_set_note (dialog, _("Attendance can be taken once the session is saved: "
                                        "give it a title and a date, then open it again."));
}

static char *
session_subtitle (gpointer item,
                  gpointer user_data)
{
  DlgWorkshopView *self = user_data;
  g_autofree char *date = dlg_format_date (dlg_session_get_starts_at (item));
  gint64 id = dlg_session_get_id (item);
  guint count = GPOINTER_TO_UINT (g_hash_table_lookup (self->present, &id));

  return g_strdup_printf (g_dngettext (NULL, "%s · %s · %u present", "%s · %s · %u present",
                                       count),
                          date != NULL ? date : "", dlg_session_get_place (item), count);
}

static void
reload_session (DlgStageViewBase *base)
{
  DlgWorkshopView *self = DLG_WORKSHOP_VIEW (base);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GError) error = NULL;
  DlgStore *store = dlg_stage_view_base_get_store (base);

  g_hash_table_remove_all (self->present);
  if (!dlg_stage_view_base_is_loaded (base))
    {
      dlg_record_section_set_records (self->session_section, NULL);
      return;
    }
  items = dlg_session_list (store, dlg_stage_view_base_get_process_id (base), &error);
  if (items == NULL)
    {
      dlg_record_section_show_error (self->session_section, error->message);
      return;
    }
  /* One statement for every session's attendance, not one per row. */
  g_clear_pointer (&self->present, g_hash_table_unref);
  self->present = dlg_session_count_present (store, dlg_stage_view_base_get_process_id (base),
                                             NULL);
  if (self->present == NULL)
    self->present = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  dlg_record_section_set_records (self->session_section, items);
}

static void
session_activated_cb (DlgWorkshopView *self,
                      GObject         *record)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgSession) item = NULL;

  item = dlg_record_load_again (dlg_stage_view_base_get_context (base), record,
                                (DlgRecordLoadFunc) dlg_session_load);
  if (item != NULL)
    edit_session (self, item);
}

static void
add_session_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  DlgWorkshopView *self = DLG_WORKSHOP_VIEW (widget);
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgSession) item = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    return;
  {
    g_autofree char *today = dlg_today ();

    item = dlg_session_new (dlg_stage_view_base_get_process_id (base));
    dlg_session_set_starts_at (item, today);
  }
  edit_session (self, item);
}

static void
dlg_workshop_view_finalize (GObject *object)
{
  DlgWorkshopView *self = (DlgWorkshopView *)object;

  g_clear_pointer (&self->present, g_hash_table_unref);

  G_OBJECT_CLASS (dlg_workshop_view_parent_class)->finalize (object);
}

static void
dlg_workshop_view_class_init (DlgWorkshopViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  object_class->finalize = dlg_workshop_view_finalize;

  view_class->stage = DLG_STAGE_WORKSHOP;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_ATTENDANCE);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_SESSION);
  view_class->reload = reload_session;

  g_type_ensure (DLG_TYPE_RECORD_SECTION);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-workshop-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgWorkshopView, session_section);
  gtk_widget_class_bind_template_callback (widget_class, session_activated_cb);
  gtk_widget_class_install_action (widget_class, "view.add-session", NULL,
                                   add_session_action);
}

static void
dlg_workshop_view_init (DlgWorkshopView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->present = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  dlg_record_section_set_text_funcs (self->session_section, NULL, session_subtitle, self);

}
