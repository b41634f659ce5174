/* dlg-follow-up-view.c — stage 12: the right to follow-up
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Follow-up entries are edited in the dialog generated from their field table
 * (DlgRecordEditor) and saved as the officer types, like the free-form fields;
 * the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-follow-up-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-follow-up-view.h"
#include "dlg-gdpr-panel.h"
#include "dlg-record-editor.h"
#include "dlg-record-section.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgFollowUpView
{
  DlgStageViewBase parent_instance;

  DlgRecordSection *follow_up_section;
  DlgGdprPanel     *gdpr_panel;

  GHashTable      *where;   /* follow-up id → DlgSyncPublication, read with the list */
};

G_DEFINE_FINAL_TYPE (DlgFollowUpView, dlg_follow_up_view, DLG_TYPE_STAGE_VIEW_BASE)

/* ---------------------------------------------------------------- follow_up */

static const DlgRecordEditorRow follow_up_rows[] = {
  { .property = "kind", .label = N_("Kind") },
  { .property = "dated", .label = N_("Date (year-month-day)") },
  { .property = "title", .label = N_("Title") },
  { .property = "published", .label = N_("Publish on the Site"),
    .subtitle = N_("Shown on the site’s follow-up page after the next sync; switched off, "
                   "removed from it") },
  { .property = "body", .label = N_("Minutes, report or findings") },
  { NULL },
};

static void
edit_follow_up (DlgFollowUpView *self,
                DlgFollowUp     *item)
{
  dlg_record_editor_new (GTK_WIDGET (self),
                         dlg_stage_view_base_get_store (DLG_STAGE_VIEW_BASE (self)),
                         DLG_RECORD (item), _("Follow-up"), _("_Delete"), follow_up_rows);
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
      dlg_gdpr_panel_set_process (self->gdpr_panel, NULL, 0);
      return;
    }
  dlg_gdpr_panel_set_process (self->gdpr_panel, store, dlg_stage_view_base_get_process_id (base));
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
  /* What the personal-data panel counts and when its retention ends. */
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_GDPR_ERASURE);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_PARTICIPANT);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_PROCESS_FIELD);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_STAGE_INFO);
  view_class->reload = reload_follow_up;

  g_type_ensure (DLG_TYPE_RECORD_SECTION);
  g_type_ensure (DLG_TYPE_GDPR_PANEL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-follow-up-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgFollowUpView, follow_up_section);
  gtk_widget_class_bind_template_child (widget_class, DlgFollowUpView, gdpr_panel);
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
