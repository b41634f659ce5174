/* dlg-window.c — the main window: processes on the left, the stages of one on the right
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Left: the processes (GtkListView over the store's list, filtered by a search and by the
 * current stage, refreshed on DlgStore::changed). Right: the stage navigator and a stack of
 * the twelve DlgStagePage (each around its DlgStageView) and the cross-stage pages. A page is
 * loaded when it is first shown for a process; the page being left is flushed, and so is the
 * whole window when it closes, so that nothing typed is lost.
 *
 * The header bar holds the sync button of the application's DlgSyncManager (win.sync, Ctrl+R
 * or F5); conflicts found by a sync are offered in a toast that opens the conflict dialogs. In
 * training mode a bar under the header bar names the practice site and opens it in a browser.
 */

#define G_LOG_DOMAIN "dlg-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-accessible.h"
#include "dlg-arbitration-view.h"
#include "dlg-advisor-page.h"
#include "dlg-communication-page.h"
#include "dlg-conflict-dialog.h"
#include "dlg-contributions-page.h"
#include "dlg-diagnostic-view.h"
#include "dlg-export-dialog.h"
#include "dlg-report-dialog.h"
#include "dlg-import-dialog.h"
#include "dlg-follow-up-view.h"
#include "dlg-implementation-view.h"
#include "dlg-journal-page.h"
#include "dlg-mandate-view.h"
#include "dlg-narratives-page.h"
#include "dlg-opinion-view.h"
#include "dlg-recruitment-view.h"
#include "dlg-response-view.h"
#include "dlg-review-view.h"
#include "dlg-specification-view.h"
#include "dlg-stage-navigator.h"
#include "dlg-sync-button.h"
#include "dlg-training-reset-dialog.h"
#include "dlg-validation-view.h"
#include "dlg-window.h"
#include "dlg-workshop-view.h"

struct _DlgWindow
{
  AdwApplicationWindow  parent_instance;

  AdwToastOverlay      *toast_overlay;
  AdwLeaflet           *leaflet;
  GtkWidget            *sidebar;
  GtkWidget            *content;
  GtkSearchEntry       *search_entry;
  GtkDropDown          *stage_filter;
  GtkStack             *sidebar_stack;
  GtkListView          *process_list;
  AdwWindowTitle       *window_title;
  GtkWidget            *process_menu_button;
  GtkStack             *main_stack;
  AdwFlap              *flap;
  GtkWidget            *stages_button;
  DlgStageNavigator    *navigator;
  GtkStack             *page_stack;
  DlgSyncButton        *sync_button;
  GtkRevealer          *training_revealer;
  GtkLabel             *training_label;
  GtkRevealer          *notes_revealer;
  GtkStack             *notes_stack;     /* built when a demo process is first shown */

  DlgContext           *context;
  DlgSyncManager       *sync_manager;
  gint64                n_conflicts;
  GListStore           *processes;
  GtkCustomFilter      *filter;
  GtkFilterListModel   *filtered;
  GtkSingleSelection   *selection;

  GtkWidget            *pages[DLG_N_PAGES];
  gint64                loaded[DLG_N_PAGES];
  guint                 current_page;
  gint64                process_id;
  guint                 refresh_id;
  guint                 stages_button_id;
  guint                 refreshing : 1;
  guint                 show_archived : 1;
  guint                 showing_demo : 1;
  guint                 notes_wanted : 1;   /* win.trainer-notes; on in training mode */
};

G_DEFINE_FINAL_TYPE (DlgWindow, dlg_window, ADW_TYPE_APPLICATION_WINDOW)

enum {
  PROP_0,
  PROP_SHOW_ARCHIVED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static GType
stage_view_type (DlgStage stage)
{
  switch (stage)
    {
    case DLG_STAGE_DIAGNOSTIC:     return DLG_TYPE_DIAGNOSTIC_VIEW;
    case DLG_STAGE_ARBITRATION:    return DLG_TYPE_ARBITRATION_VIEW;
    case DLG_STAGE_SPECIFICATION:  return DLG_TYPE_SPECIFICATION_VIEW;
    case DLG_STAGE_MANDATE:        return DLG_TYPE_MANDATE_VIEW;
    case DLG_STAGE_RECRUITMENT:    return DLG_TYPE_RECRUITMENT_VIEW;
    case DLG_STAGE_WORKSHOP:       return DLG_TYPE_WORKSHOP_VIEW;
    case DLG_STAGE_OPINION:        return DLG_TYPE_OPINION_VIEW;
    case DLG_STAGE_REVIEW:         return DLG_TYPE_REVIEW_VIEW;
    case DLG_STAGE_VALIDATION:     return DLG_TYPE_VALIDATION_VIEW;
    case DLG_STAGE_RESPONSE:       return DLG_TYPE_RESPONSE_VIEW;
    case DLG_STAGE_IMPLEMENTATION: return DLG_TYPE_IMPLEMENTATION_VIEW;
    case DLG_STAGE_FOLLOW_UP:      return DLG_TYPE_FOLLOW_UP_VIEW;
    default:
      g_assert_not_reached ();
    }
}

static void reload_processes (DlgWindow *self);

static guint
n_processes (DlgWindow *self)
{
  return g_list_model_get_n_items (G_LIST_MODEL (self->processes));
}

/* ---------------------------------------------------------------- cross-stage pages */

static GtkWidget *
create_cross_page (guint index)
{
  switch (index)
    {
    case DLG_N_STAGES:
      return dlg_contributions_page_new ();
    case DLG_N_STAGES + 1:
      return dlg_narratives_page_new ();
    case DLG_N_STAGES + 2:
      return dlg_journal_page_new ();
    case DLG_N_STAGES + 3:
      return dlg_communication_page_new ();
    case DLG_N_STAGES + 4:
      return dlg_advisor_page_new ();
    default:
      g_assert_not_reached ();
    }
}

static void
load_cross_page (GtkWidget  *page,
                 DlgContext *context,
                 gint64      process_id)
{
  if (DLG_IS_CONTRIBUTIONS_PAGE (page))
    dlg_contributions_page_set_process (DLG_CONTRIBUTIONS_PAGE (page), context, process_id);
  else if (DLG_IS_NARRATIVES_PAGE (page))
    dlg_narratives_page_set_process (DLG_NARRATIVES_PAGE (page), context, process_id);
  else if (DLG_IS_JOURNAL_PAGE (page))
    dlg_journal_page_set_process (DLG_JOURNAL_PAGE (page), context, process_id);
  else if (DLG_IS_COMMUNICATION_PAGE (page))
    dlg_communication_page_set_process (DLG_COMMUNICATION_PAGE (page), context, process_id);
  else if (DLG_IS_ADVISOR_PAGE (page))
    dlg_advisor_page_set_process (DLG_ADVISOR_PAGE (page), context, process_id);
}

static void
flush_cross_page (GtkWidget *page)
{
  if (DLG_IS_CONTRIBUTIONS_PAGE (page))
    dlg_contributions_page_flush (DLG_CONTRIBUTIONS_PAGE (page));
  else if (DLG_IS_NARRATIVES_PAGE (page))
    dlg_narratives_page_flush (DLG_NARRATIVES_PAGE (page));
}

/* ---------------------------------------------------------------- pages */

/* A page is built when it is first shown (or asked for): the window's first frame needs only
 * the page it shows, not the fifteen (thousands of widgets). */
static GtkWidget *
ensure_page (DlgWindow *self,
             guint      index)
{
  if (self->pages[index] != NULL)
    return self->pages[index];
  if (index < DLG_N_STAGES)
    self->pages[index] = GTK_WIDGET (dlg_stage_page_new (g_object_new (stage_view_type (index),
                                                                       NULL)));
  else
    self->pages[index] = create_cross_page (index);
  gtk_stack_add_named (self->page_stack, self->pages[index],
                       dlg_stage_navigator_page_name (index));
  return self->pages[index];
}

static void
flush_page (DlgWindow *self,
            guint      index)
{
  if (self->pages[index] == NULL)
    return;
  if (index < DLG_N_STAGES)
    dlg_stage_page_flush (DLG_STAGE_PAGE (self->pages[index]));
  else
    flush_cross_page (self->pages[index]);
  /* Leaving a view ends the bursts of typing in it: they get their journal entries. */
  if (self->context != NULL)
    dlg_context_settle_journal (self->context);
}

static void
load_page (DlgWindow *self,
           guint      index)
{
  if (self->loaded[index] == self->process_id)
    return;
  self->loaded[index] = self->process_id;
  ensure_page (self, index);
  if (index < DLG_N_STAGES)
    dlg_stage_page_set_process (DLG_STAGE_PAGE (self->pages[index]),
                                self->process_id != 0 ? self->context : NULL, self->process_id);
  else
    load_cross_page (self->pages[index], self->process_id != 0 ? self->context : NULL,
                     self->process_id);
}

static void
update_subtitle (DlgWindow *self)
{
  const char *name = self->current_page < DLG_N_STAGES
                     ? dlg_stage_get_label (self->current_page)
                     : NULL;
  const char *extra[DLG_N_CROSS_PAGES] = {
    _("Contributions"), _("Narratives"), _("Journal"),
    _("Communication"), _("Feature Advisor"),
  };

  if (name == NULL)
    name = extra[self->current_page - DLG_N_STAGES];
  adw_window_title_set_subtitle (self->window_title, self->process_id != 0 ? name : NULL);
}

/* The trainer's notes of the page shown, beside it, for a demo process only (training). */
static void
update_notes (DlgWindow *self)
{
  const char *name = dlg_stage_navigator_page_name (self->current_page);

  if (self->showing_demo && self->notes_wanted && self->notes_stack == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/fr/nantesmetropole/Dialogue/ui/dlg-trainer-notes.ui");

      self->notes_stack = GTK_STACK (gtk_builder_get_object (builder, "notes_stack"));
      gtk_revealer_set_child (self->notes_revealer,
                              GTK_WIDGET (gtk_builder_get_object (builder, "notes_panel")));
    }
  if (self->notes_stack != NULL && gtk_stack_get_child_by_name (self->notes_stack, name) != NULL)
    gtk_stack_set_visible_child_name (self->notes_stack, name);
  gtk_revealer_set_reveal_child (self->notes_revealer, self->showing_demo && self->notes_wanted);
  gtk_widget_set_visible (GTK_WIDGET (self->notes_revealer),
                          self->showing_demo && self->notes_wanted);
}

static void
set_notes_wanted (DlgWindow *self,
                  gboolean   wanted)
{
  self->notes_wanted = wanted;
  update_notes (self);
}

static void
trainer_notes_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);

  set_notes_wanted (self, parameter != NULL ? g_variant_get_boolean (parameter)
                                            : !self->notes_wanted);
}

void
dlg_window_select_page (DlgWindow *self,
                        guint      index)
{
  g_return_if_fail (DLG_IS_WINDOW (self));
  g_return_if_fail (index < DLG_N_PAGES);

  if (index != self->current_page)
    flush_page (self, self->current_page);
  self->current_page = index;
  dlg_stage_navigator_select (self->navigator, index);
  if (self->process_id != 0)
    load_page (self, index);
  gtk_stack_set_visible_child (self->page_stack, ensure_page (self, index));
  update_subtitle (self);
  update_notes (self);
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
  /* Folded, the stage list lies over the page: a page chosen, it goes away. */
  if (adw_flap_get_folded (self->flap))
    adw_flap_set_reveal_flap (self->flap, FALSE);
}

void
dlg_window_select_stage (DlgWindow *self,
                         DlgStage   stage)
{
  g_return_if_fail (DLG_IS_WINDOW (self));
  g_return_if_fail (stage < DLG_N_STAGES);

  dlg_window_select_page (self, stage);
}

static void
page_selected_cb (DlgWindow *self,
                  guint      index)
{
  dlg_window_select_page (self, index);
}

/* The button that shows the stages is there when they are folded away, on a process only. */
static void
update_stages_button (DlgWindow *self)
{
  gtk_widget_set_visible (self->stages_button,
                          self->process_id != 0 && adw_flap_get_folded (self->flap));
}

static gboolean
stages_button_idle_cb (gpointer user_data)
{
  DlgWindow *self = user_data;

  self->stages_button_id = 0;
  update_stages_button (self);
  return G_SOURCE_REMOVE;
}

/* The flap folds while it is given its size: the header bar, given its own already, changes
 * after that (a change now would leave it without a size for the frame being drawn). AdwFlap
 * hides the list as it folds (and shows it as it unfolds) by itself. */
static void
flap_folded_cb (DlgWindow *self)
{
  if (self->stages_button_id == 0)
    self->stages_button_id = g_idle_add (stages_button_idle_cb, self);
}

/* ---------------------------------------------------------------- the process */

static DlgProcess *
find_process (DlgWindow *self,
              gint64     process_id,
              guint     *position)
{
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgProcess) process = g_list_model_get_item (G_LIST_MODEL (self->filtered), i);

      if (dlg_process_get_id (process) == process_id)
        {
          if (position != NULL)
            *position = i;
          return g_steal_pointer (&process);
        }
    }
  return NULL;
}

/* The training reset is offered in training mode, or while a demo is shown. */
static void
update_training_actions (DlgWindow *self)
{
  gboolean training = self->context != NULL && dlg_context_get_training_uri (self->context) != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-training",
                                 training || self->showing_demo);
}

static void
update_process_header (DlgWindow *self)
{
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GListModel) stages = NULL;
  g_autoptr(GError) error = NULL;

  self->showing_demo = FALSE;
  if (self->process_id == 0)
    {
      update_notes (self);
      update_training_actions (self);
      adw_window_title_set_title (self->window_title, _("Dialogue"));
      adw_window_title_set_subtitle (self->window_title, NULL);
      gtk_widget_set_visible (self->process_menu_button, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.archive-process", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-process", FALSE);
      return;
    }

  process = dlg_process_load (dlg_context_get_store (self->context), self->process_id, &error);
  if (process == NULL)
    {
      g_message ("Process %" G_GINT64_FORMAT " is gone: %s", self->process_id, error->message);
      return;
    }
  self->showing_demo = dlg_process_get_is_demo (process);
  update_notes (self);
  update_training_actions (self);
  adw_window_title_set_title (self->window_title, dlg_process_get_title (process));
  gtk_window_set_title (GTK_WINDOW (self), dlg_process_get_title (process));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.archive-process",
                                 !dlg_process_get_archived (process));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-process",
                                 dlg_process_get_archived (process));
  gtk_widget_set_visible (self->process_menu_button, TRUE);
  update_subtitle (self);

  stages = dlg_stage_list (dlg_context_get_store (self->context), self->process_id, &error);
  dlg_stage_navigator_set_states (self->navigator, stages);
}

static void
show_process (DlgWindow *self,
              gint64     process_id)
{
  GSettings *settings = dlg_context_get_settings (self->context);

  if (process_id == self->process_id)
    return;

  flush_page (self, self->current_page);
  self->process_id = process_id;
  if (process_id != 0 && settings != NULL)
    g_settings_set_int64 (settings, "last-process", process_id);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-process", process_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-process", process_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.export-report", process_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.import-contributions",
                                 process_id != 0);
  update_stages_button (self);

  if (process_id == 0)
    {
      for (guint i = 0; i < DLG_N_PAGES; i++)
        if (self->loaded[i] != 0)
          {
            self->loaded[i] = -1;
            load_page (self, i);
          }
      gtk_stack_set_visible_child_name (self->main_stack, n_processes (self) == 0
                                                          ? "welcome" : "choose");
      update_process_header (self);
      return;
    }

  gtk_stack_set_visible_child_name (self->main_stack, "process");
  update_process_header (self);
  load_page (self, self->current_page);
}

static void
selection_changed_cb (DlgWindow *self)
{
  DlgProcess *process;

  if (self->refreshing)
    return;
  process = gtk_single_selection_get_selected_item (self->selection);
  show_process (self, process != NULL ? dlg_process_get_id (process) : 0);
  if (process != NULL)
    adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
}

void
dlg_window_select_process (DlgWindow *self,
                           gint64     process_id)
{
  guint position;
  g_autoptr(DlgProcess) process = NULL;

  g_return_if_fail (DLG_IS_WINDOW (self));

  process = find_process (self, process_id, &position);
  if (process == NULL)
    {
      /* Hidden by the search or the filter: clear them. */
      gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
      gtk_drop_down_set_selected (self->stage_filter, 0);
      gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_LESS_STRICT);
      process = find_process (self, process_id, &position);
    }
  if (process == NULL)
    {
      /* Created a moment ago: the list has not caught up with the store yet. */
      reload_processes (self);
      process = find_process (self, process_id, &position);
    }
  if (process == NULL)
    return;
  self->refreshing = TRUE;
  gtk_single_selection_set_selected (self->selection, position);
  self->refreshing = FALSE;
  show_process (self, process_id);
}

gint64
dlg_window_get_process (DlgWindow *self)
{
  g_return_val_if_fail (DLG_IS_WINDOW (self), 0);
  return self->process_id;
}

/* ---------------------------------------------------------------- the list of processes */

static void
update_sidebar_state (DlgWindow *self)
{
  gboolean empty = g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0;

  gtk_stack_set_visible_child_name (self->sidebar_stack,
                                    empty && n_processes (self) > 0
                                    ? "no-match" : "list");
}

static void
reload_processes (DlgWindow *self)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);
  guint n, position;
  gint64 keep = self->process_id;
  g_autoptr(DlgProcess) still = NULL;

  list = dlg_process_list (dlg_context_get_store (self->context), self->show_archived, &error);
  if (list == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }
  n = g_list_model_get_n_items (list);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (items, g_list_model_get_item (list, i));

  self->refreshing = TRUE;
  g_list_store_splice (self->processes, 0, n_processes (self), items->pdata, items->len);
  still = keep != 0 ? find_process (self, keep, &position) : NULL;
  if (still != NULL)
    gtk_single_selection_set_selected (self->selection, position);
  else
    gtk_single_selection_set_selected (self->selection, GTK_INVALID_LIST_POSITION);
  self->refreshing = FALSE;

  update_sidebar_state (self);
  if (keep != 0 && still == NULL)
    {
      /* Archived, or filtered out: nothing on the right unless it still exists. */
      g_autoptr(DlgProcess) exists = dlg_process_load (dlg_context_get_store (self->context),
                                                       keep, NULL);
      if (exists == NULL || dlg_process_get_archived (exists))
        show_process (self, 0);
    }
  else if (keep == 0)
    gtk_stack_set_visible_child_name (self->main_stack, n_processes (self) == 0
                                                        ? "welcome" : "choose");
  update_process_header (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DlgWindow *self = user_data;

  self->refresh_id = 0;
  reload_processes (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DlgWindow  *self,
                  GType      type,
                  gint64      process_id)
{
  if (type != DLG_TYPE_PROCESS && type != DLG_TYPE_STAGE_INFO)
    return;
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

/* Casefolded, without accents: "velo" finds "Plan vélo". */
static char *
search_key (const char *text)
{
  g_autofree char *folded = g_utf8_casefold (text, -1);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_ALL);
  GString *key = g_string_new (NULL);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (key, c);
    }
  return g_string_free (key, FALSE);
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  DlgWindow *self = user_data;
  DlgProcess *process = item;
  const char *search = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));
  guint stage = gtk_drop_down_get_selected (self->stage_filter);

  if (stage != GTK_INVALID_LIST_POSITION && stage > 0 &&
      dlg_process_get_current_stage (process) != stage - 1)
    return FALSE;
  if (search != NULL && *search != '\0')
    {
      g_autofree char *needle = search_key (search);
      g_autofree char *title = search_key (dlg_process_get_title (process));

      if (strstr (title, needle) == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
filter_changed_cb (DlgWindow *self)
{
  if (self->filter == NULL)
    return;
  self->refreshing = TRUE;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  self->refreshing = FALSE;
  update_sidebar_state (self);
  if (self->process_id != 0)
    {
      guint position;
      g_autoptr(DlgProcess) process = find_process (self, self->process_id, &position);

      self->refreshing = TRUE;
      gtk_single_selection_set_selected (self->selection,
                                         process != NULL ? position : GTK_INVALID_LIST_POSITION);
      self->refreshing = FALSE;
    }
}

static void
stop_search_cb (DlgWindow *self)
{
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), "");
}

static void
back_clicked_cb (DlgWindow *self)
{
  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *title = gtk_label_new (NULL);
  GtkWidget *subtitle = gtk_label_new (NULL);

  /* Titles are user text: never markup. */
  gtk_label_set_use_markup (GTK_LABEL (title), FALSE);
  gtk_label_set_xalign (GTK_LABEL (title), 0);
  gtk_label_set_ellipsize (GTK_LABEL (title), PANGO_ELLIPSIZE_END);
  gtk_label_set_xalign (GTK_LABEL (subtitle), 0);
  gtk_label_set_ellipsize (GTK_LABEL (subtitle), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (subtitle, "caption");
  gtk_widget_add_css_class (subtitle, "dim-label");
  gtk_widget_set_margin_top (box, 6);
  gtk_widget_set_margin_bottom (box, 6);
  gtk_box_append (GTK_BOX (box), title);
  gtk_box_append (GTK_BOX (box), subtitle);
  gtk_list_item_set_child (item, box);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item)
{
  DlgProcess *process = gtk_list_item_get_item (item);
  GtkWidget *box = gtk_list_item_get_child (item);
  GtkWidget *title = gtk_widget_get_first_child (box);
  GtkWidget *subtitle = gtk_widget_get_next_sibling (title);
  g_autofree char *text = NULL;

  gtk_label_set_text (GTK_LABEL (title), dlg_process_get_title (process));
  if (dlg_process_get_archived (process))
    /* Translators: the current stage of an archived process in the sidebar. */
    text = g_strdup_printf (_("%s · archived"),
                            dlg_stage_get_label (dlg_process_get_current_stage (process)));
  else if (dlg_process_get_is_demo (process))
    /* Translators: the current stage of a demo process in the sidebar. */
    text = g_strdup_printf (_("%s · demo"),
                            dlg_stage_get_label (dlg_process_get_current_stage (process)));
  else
    text = g_strdup_printf ("%u. %s", dlg_process_get_current_stage (process) + 1,
                            dlg_stage_get_label (dlg_process_get_current_stage (process)));
  gtk_label_set_text (GTK_LABEL (subtitle), text);
  if (gtk_widget_get_parent (box) != NULL)
    dlg_accessible_name_from_labels (gtk_widget_get_parent (box));
}

/* ---------------------------------------------------------------- actions */

static void
toast (DlgWindow  *self,
       const char *message)
{
  g_autofree char *escaped = g_markup_escape_text (message, -1);

  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (escaped));
}

typedef struct
{
  DlgWindow *window;
  gint64     process_id;   /* 0: create */
} TitleDialog;

static void
title_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   TitleDialog      *data)
{
  DlgWindow *self = data->window;
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_autoptr(GError) error = NULL;
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (g_strcmp0 (response, "ok") == 0)
    {
      if (data->process_id == 0)
        {
          g_autoptr(DlgProcess) process = dlg_process_create (dlg_context_get_store (self->context),
                                                             title, &error);
          if (process != NULL)
            {
              reload_processes (self);
              dlg_window_select_process (self, dlg_process_get_id (process));
              dlg_window_select_stage (self, DLG_STAGE_DIAGNOSTIC);
            }
        }
      else
        dlg_process_rename (dlg_context_get_store (self->context), data->process_id, title,
                            &error);
      if (error != NULL)
        toast (self, error->message);
    }
}

static void
title_changed_cb (GtkEditable      *entry,
                  AdwMessageDialog *dialog)
{
  g_autofree char *title = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  adw_message_dialog_set_response_enabled (dialog, "ok", *title != '\0');
}

static void
ask_title (DlgWindow  *self,
           gint64      process_id,
           const char *initial)
{
  TitleDialog *data = g_new0 (TitleDialog, 1);
  GtkWidget *dialog, *entry;

  data->window = self;
  data->process_id = process_id;
  dialog = adw_message_dialog_new (GTK_WINDOW (self),
                                   process_id == 0 ? _("New Process") : _("Rename the Process"),
                                   process_id == 0
                                   ? _("Give the process a title that the public will understand, "
                                       "for example “Reinventing the Loire riverbanks”.")
                                   : NULL);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Title"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_editable_set_text (GTK_EDITABLE (entry), initial != NULL ? initial : "");
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "ok", process_id == 0 ? _("C_reate") : _("_Rename"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "ok",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "ok");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect (entry, "changed", G_CALLBACK (title_changed_cb), dialog);
  title_changed_cb (GTK_EDITABLE (entry), ADW_MESSAGE_DIALOG (dialog));
  g_signal_connect_data (dialog, "response", G_CALLBACK (title_response_cb), data,
                         (GClosureNotify)(void (*) (void))g_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
new_process_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  ask_title (DLG_WINDOW (widget), 0, NULL);
}

static void
rename_process_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);
  g_autoptr(DlgProcess) process = NULL;

  if (self->process_id == 0)
    return;
  process = dlg_process_load (dlg_context_get_store (self->context), self->process_id, NULL);
  if (process != NULL)
    ask_title (self, self->process_id, dlg_process_get_title (process));
}

/* Exports (or publishes as open data) the shown process: the dialog does the rest. */
static void
export_process_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);

  if (self->process_id == 0)
    return;
  gtk_window_present (GTK_WINDOW (dlg_export_dialog_new (GTK_WINDOW (self), self->context,
                                                         self->process_id)));
}

/* The bilan of the shown process as a PDF: the dialog does the rest. */
static void
export_report_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);

  if (self->process_id == 0)
    return;
  gtk_window_present (GTK_WINDOW (dlg_report_dialog_new (GTK_WINDOW (self), self->context,
                                                         self->process_id)));
}

/* Imports a platform's export or a spreadsheet into the shown process. */
static void
import_contributions_action (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);

  if (self->process_id == 0)
    return;
  gtk_window_present (GTK_WINDOW (dlg_import_dialog_new (GTK_WINDOW (self), self->context,
                                                         self->process_id)));
}

void
dlg_window_archive_process (DlgWindow *self,
                            gint64     process_id)
{
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *escaped = NULL;
  g_autofree char *title = NULL;
  AdwToast *undo;

  g_return_if_fail (DLG_IS_WINDOW (self));

  process = dlg_process_load (dlg_context_get_store (self->context), process_id, &error);
  if (process == NULL ||
      !dlg_process_set_archived (dlg_context_get_store (self->context), process_id, TRUE, &error))
    {
      toast (self, error->message);
      return;
    }
  if (process_id == self->process_id && !self->show_archived)
    show_process (self, 0);
  reload_processes (self);

  /* The toast's title is Pango markup: the process title is escaped. */
  escaped = g_markup_escape_text (dlg_process_get_title (process), -1);
  title = g_strdup_printf (_("“%s” archived"), escaped);
  undo = adw_toast_new (title);
  adw_toast_set_button_label (undo, _("_Undo"));
  adw_toast_set_action_name (undo, "win.unarchive-process");
  adw_toast_set_action_target_value (undo, g_variant_new_int64 (process_id));
  adw_toast_set_priority (undo, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, undo);
}

static void
archive_process_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);

  if (self->process_id != 0)
    dlg_window_archive_process (self, self->process_id);
}

static void
restore_process_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);
  g_autoptr(GError) error = NULL;

  if (self->process_id == 0)
    return;
  if (!dlg_process_set_archived (dlg_context_get_store (self->context), self->process_id, FALSE,
                                 &error))
    toast (self, error->message);
  reload_processes (self);
}

static void
unarchive_process_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);
  gint64 process_id = g_variant_get_int64 (parameter);
  g_autoptr(GError) error = NULL;

  if (!dlg_process_set_archived (dlg_context_get_store (self->context), process_id, FALSE, &error))
    {
      toast (self, error->message);
      return;
    }
  reload_processes (self);
  dlg_window_select_process (self, process_id);
}

static void
open_demo_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);
  g_autoptr(GError) error = NULL;
  gboolean created = FALSE;
  gint64 process_id;

  process_id = dlg_demo_ensure (dlg_context_get_store (self->context), &created, &error);
  if (process_id == 0)
    {
      toast (self, error->message);
      return;
    }
  /* With no site of their own yet, the practice site makes sync work at once. */
  if (dlg_context_get_training_uri (self->context) == NULL &&
      dlg_context_can_train (self->context) &&
      !dlg_context_start_training (self->context, NULL, &error))
    toast (self, error->message);
  reload_processes (self);
  dlg_window_select_process (self, process_id);
}

static void
reset_training_response_cb (AdwMessageDialog *dialog,
                            const char       *response,
                            DlgWindow        *self)
{
  DlgStage stage = dlg_training_reset_dialog_get_stage (dialog);
  g_autoptr(GError) error = NULL;
  g_autofree char *message = NULL;
  gint64 process_id;

  if (g_strcmp0 (response, "reset") != 0)
    return;
  process_id = dlg_context_reset_training (self->context, stage, NULL, &error);
  if (process_id == 0)
    {
      toast (self, error->message);
      return;
    }
  reload_processes (self);
  dlg_window_select_process (self, process_id);
  dlg_window_select_page (self, stage);
  /* TRANSLATORS: %s is a stage, "Instruction par les services" */
  message = g_strdup_printf (_("Training reset: the demo starts again from “%s”"),
                             dlg_stage_get_label (stage));
  toast (self, message);
}

static void
reset_training_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);
  DlgStage stage = DLG_DEMO_DEFAULT_STAGE;
  GtkWidget *dialog;

  /* The stage the demo shown is at is proposed first. */
  if (self->showing_demo)
    {
      g_autoptr(DlgProcess) process = dlg_process_load (dlg_context_get_store (self->context),
                                                        self->process_id, NULL);

      if (process != NULL)
        stage = dlg_process_get_current_stage (process);
    }
  dialog = dlg_training_reset_dialog_new (GTK_WINDOW (self), stage);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_training_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
search_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);

  adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
show_stage_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);
  int index = g_variant_get_int32 (parameter);

  if (self->process_id != 0 && index >= 0 && index < DLG_N_PAGES)
    dlg_window_select_page (self, index);
}

static void
step_stage_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);
  int step = g_str_equal (action_name, "win.next-stage") ? 1 : -1;
  int index = (int)self->current_page + step;

  if (self->process_id != 0 && index >= 0 && index < DLG_N_PAGES)
    dlg_window_select_page (self, index);
}

/* F6 and Shift+F6: the focus from pane to pane — the processes, the stages, the page — in
 * that order and round, folded panes shown on the way. */
enum { PANE_PROCESSES, PANE_STAGES, PANE_PAGE, N_PANES };

static guint
focused_pane (DlgWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && gtk_widget_is_ancestor (focus, self->sidebar))
    return PANE_PROCESSES;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->navigator)))
    return PANE_STAGES;
  return PANE_PAGE;
}

static void
focus_pane (DlgWindow *self,
            guint      pane)
{
  switch (pane)
    {
    case PANE_PROCESSES:
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_BACK);
      if (g_list_model_get_n_items (G_LIST_MODEL (self->filtered)) == 0 ||
          !gtk_widget_child_focus (GTK_WIDGET (self->process_list), GTK_DIR_TAB_FORWARD))
        gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
      break;
    case PANE_STAGES:
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      if (adw_flap_get_folded (self->flap))
        adw_flap_set_reveal_flap (self->flap, TRUE);
      gtk_widget_grab_focus (GTK_WIDGET (self->navigator));
      break;
    case PANE_PAGE:
    default:
      adw_leaflet_navigate (self->leaflet, ADW_NAVIGATION_DIRECTION_FORWARD);
      if (adw_flap_get_folded (self->flap))
        adw_flap_set_reveal_flap (self->flap, FALSE);
      if (self->pages[self->current_page] == NULL ||
          !gtk_widget_child_focus (self->pages[self->current_page], GTK_DIR_TAB_FORWARD))
        gtk_widget_child_focus (GTK_WIDGET (self->main_stack), GTK_DIR_TAB_FORWARD);
      break;
    }
}

static void
focus_pane_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);
  int step = g_variant_get_int32 (parameter);
  guint pane = focused_pane (self);

  do
    pane = (pane + N_PANES + step) % N_PANES;
  /* No process shown: no stages either. */
  while (pane == PANE_STAGES && self->process_id == 0);
  focus_pane (self, pane);
}

/* Ctrl+Tab and Ctrl+Shift+Tab: the next and previous page, round. */
static void
cycle_page_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);
  int step = g_variant_get_int32 (parameter);

  if (self->process_id != 0)
    dlg_window_select_page (self, (self->current_page + DLG_N_PAGES + step) % DLG_N_PAGES);
}

/* ---------------------------------------------------------------- sync */

static void
sync_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);

  if (self->sync_manager == NULL)
    return;
  /* What is being typed goes with this sync. */
  dlg_window_flush (self);
  dlg_sync_manager_sync (self->sync_manager);
}

static void
resolve_conflicts_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);

  if (self->context != NULL)
    dlg_conflict_dialog_present_next (GTK_WINDOW (self), dlg_context_get_store (self->context));
}

static void
open_practice_site_action (GtkWidget  *widget,
                           const char *action_name,
                           GVariant   *parameter)
{
  DlgWindow *self = DLG_WINDOW (widget);
  const char *uri = self->context != NULL ? dlg_context_get_training_uri (self->context) : NULL;
  g_autofree char *page = NULL;

  if (uri == NULL)
    return;
  page = g_strconcat (uri, "/", NULL);
  gtk_show_uri (GTK_WINDOW (self), page, GDK_CURRENT_TIME);
}

/* Conflicts are offered once, when a sync finds new ones; the sync button keeps offering them
 * until they are resolved. */
static void
conflicts_changed_cb (DlgWindow *self)
{
  gint64 n = dlg_sync_manager_get_n_conflicts (self->sync_manager);
  g_autofree char *title = NULL;
  AdwToast *offer;

  if (n > self->n_conflicts)
    {
      title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                            "%lu change was also made on the site: choose the "
                                            "version to keep",
                                            "%lu changes were also made on the site: choose the "
                                            "versions to keep", (unsigned long) n),
                               (unsigned long) n);
      offer = adw_toast_new (title);
      adw_toast_set_button_label (offer, _("_Resolve…"));
      adw_toast_set_action_name (offer, "win.resolve-conflicts");
      adw_toast_set_priority (offer, ADW_TOAST_PRIORITY_HIGH);
      adw_toast_set_timeout (offer, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, offer);
    }
  self->n_conflicts = n;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resolve-conflicts", n > 0);
}

static void
update_sync_action (DlgWindow *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync",
                                 self->sync_manager != NULL &&
                                 dlg_sync_manager_get_site_url (self->sync_manager) != NULL);
}

static void
training_changed_cb (DlgWindow *self)
{
  const char *uri = dlg_context_get_training_uri (self->context);
  g_autofree char *text = NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-practice-site", uri != NULL);
  update_training_actions (self);
  if (uri != NULL)
    {
      /* TRANSLATORS: %s is the address of the practice site, http://127.0.0.1:PORT */
      text = g_strdup_printf (_("Training mode: local practice site — %s"), uri);
      gtk_label_set_text (self->training_label, text);
    }
  gtk_revealer_set_reveal_child (self->training_revealer, uri != NULL);
  /* The trainer's notes come with training mode (win.trainer-notes hides or shows them). */
  set_notes_wanted (self, uri != NULL);
}

static void
sync_manager_changed_cb (DlgWindow *self)
{
  DlgSyncManager *manager = dlg_context_get_sync_manager (self->context);

  if (self->sync_manager == manager)
    return;
  if (self->sync_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_manager, self);
  g_set_object (&self->sync_manager, manager);
  dlg_sync_button_set_manager (self->sync_button, manager);
  gtk_widget_set_visible (GTK_WIDGET (self->sync_button), manager != NULL);
  self->n_conflicts = manager != NULL ? dlg_sync_manager_get_n_conflicts (manager) : 0;
  if (manager != NULL)
    {
      g_signal_connect_object (manager, "notify::n-conflicts", G_CALLBACK (conflicts_changed_cb),
                               self, G_CONNECT_SWAPPED);
      g_signal_connect_object (manager, "notify::site-url", G_CALLBACK (update_sync_action), self,
                               G_CONNECT_SWAPPED);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resolve-conflicts",
                                 self->n_conflicts > 0);
  update_sync_action (self);
}

/* ---------------------------------------------------------------- window */

/**
 * dlg_window_get_context:
 *
 * Returns: (transfer none) (nullable): the context the window shows
 */
DlgContext *
dlg_window_get_context (DlgWindow *self)
{
  g_return_val_if_fail (DLG_IS_WINDOW (self), NULL);

  return self->context;
}

void
dlg_window_flush (DlgWindow *self)
{
  g_return_if_fail (DLG_IS_WINDOW (self));

  for (guint i = 0; i < DLG_N_PAGES; i++)
    flush_page (self, i);
}

static gboolean
dlg_window_close_request (GtkWindow *window)
{
  DlgWindow *self = DLG_WINDOW (window);
  GSettings *settings = self->context != NULL ? dlg_context_get_settings (self->context) : NULL;

  dlg_window_flush (self);
  if (settings != NULL)
    {
      int width, height;

      gtk_window_get_default_size (window, &width, &height);
      g_settings_set_int (settings, "window-width", width);
      g_settings_set_int (settings, "window-height", height);
      g_settings_set_boolean (settings, "window-maximized", gtk_window_is_maximized (window));
    }
  return GTK_WINDOW_CLASS (dlg_window_parent_class)->close_request (window);
}

static void
dlg_window_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DlgWindow *self = DLG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      g_value_set_boolean (value, self->show_archived);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_window_set_property (GObject      *object,
                         guint         prop_id,
                         const GValue *value,
                         GParamSpec   *pspec)
{
  DlgWindow *self = DLG_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SHOW_ARCHIVED:
      dlg_window_set_show_archived (self, g_value_get_boolean (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_window_dispose (GObject *object)
{
  DlgWindow *self = (DlgWindow *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->stages_button_id, g_source_remove);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_WINDOW);
  g_clear_object (&self->selection);
  if (self->sync_manager != NULL)
    g_signal_handlers_disconnect_by_data (self->sync_manager, self);
  g_clear_object (&self->sync_manager);
  if (self->context != NULL)
    g_signal_handlers_disconnect_by_data (self->context, self);
  g_clear_object (&self->context);
  g_clear_object (&self->processes);

  G_OBJECT_CLASS (dlg_window_parent_class)->dispose (object);
}

static void
dlg_window_class_init (DlgWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = dlg_window_dispose;
  object_class->get_property = dlg_window_get_property;
  object_class->set_property = dlg_window_set_property;
  window_class->close_request = dlg_window_close_request;

  /**
   * DlgWindow:show-archived:
   *
   * Whether the sidebar lists the archived processes too (where they can be restored).
   */
  properties[PROP_SHOW_ARCHIVED] =
    g_param_spec_boolean ("show-archived", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Accessible names GTK 4.8 gets wrong or leaves out, for every widget (dlg-accessible.c). */
  dlg_accessible_install_policy ();
  g_type_ensure (DLG_TYPE_STAGE_NAVIGATOR);
  g_type_ensure (DLG_TYPE_SYNC_BUTTON);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/dlg-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, leaflet);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, sidebar);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, content);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, stage_filter);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, sidebar_stack);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, process_list);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, process_menu_button);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, main_stack);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, flap);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, stages_button);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, navigator);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, page_stack);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, sync_button);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, training_revealer);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, training_label);
  gtk_widget_class_bind_template_child (widget_class, DlgWindow, notes_revealer);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_callback (widget_class, back_clicked_cb);
  gtk_widget_class_bind_template_callback (widget_class, page_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, flap_folded_cb);

  gtk_widget_class_install_action (widget_class, "win.new-process", NULL, new_process_action);
  gtk_widget_class_install_action (widget_class, "win.rename-process", NULL,
                                   rename_process_action);
  gtk_widget_class_install_action (widget_class, "win.import-contributions", NULL,
                                   import_contributions_action);
  gtk_widget_class_install_action (widget_class, "win.export-process", NULL,
                                   export_process_action);
  gtk_widget_class_install_action (widget_class, "win.export-report", NULL,
                                   export_report_action);
  gtk_widget_class_install_action (widget_class, "win.archive-process", NULL,
                                   archive_process_action);
  gtk_widget_class_install_action (widget_class, "win.unarchive-process", "x",
                                   unarchive_process_action);
  gtk_widget_class_install_action (widget_class, "win.restore-process", NULL,
                                   restore_process_action);
  gtk_widget_class_install_property_action (widget_class, "win.show-archived", "show-archived");
  gtk_widget_class_install_action (widget_class, "win.open-demo", NULL, open_demo_action);
  gtk_widget_class_install_action (widget_class, "win.reset-training", NULL,
                                   reset_training_action);
  gtk_widget_class_install_action (widget_class, "win.trainer-notes", "b", trainer_notes_action);
  gtk_widget_class_install_action (widget_class, "win.search", NULL, search_action);
  gtk_widget_class_install_action (widget_class, "win.show-stage", "i", show_stage_action);
  gtk_widget_class_install_action (widget_class, "win.next-stage", NULL, step_stage_action);
  gtk_widget_class_install_action (widget_class, "win.previous-stage", NULL, step_stage_action);
  gtk_widget_class_install_action (widget_class, "win.focus-pane", "i", focus_pane_action);
  gtk_widget_class_install_action (widget_class, "win.cycle-page", "i", cycle_page_action);
  gtk_widget_class_install_action (widget_class, "win.sync", NULL, sync_action);
  gtk_widget_class_install_action (widget_class, "win.resolve-conflicts", NULL,
                                   resolve_conflicts_action);
  gtk_widget_class_install_action (widget_class, "win.open-practice-site", NULL,
                                   open_practice_site_action);

  /* Alt+1…9: stages 1 to 9; Alt+0: stage 10; Alt+- and Alt+=: stages 11 and 12 (the keys
   * after 0); Ctrl+1…5: the cross-stage pages (resources/gtk/help-overlay.ui lists them). */
  for (guint i = 0; i < 9; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_ALT_MASK,
                                         "win.show-stage", "i", (int)i);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_ALT_MASK,
                                       "win.show-stage", "i", 9);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_ALT_MASK,
                                       "win.show-stage", "i", 10);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_ALT_MASK,
                                       "win.show-stage", "i", 11);
  for (guint i = 0; i < DLG_N_CROSS_PAGES; i++)
    gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1 + i, GDK_CONTROL_MASK,
                                         "win.show-stage", "i", (int)(DLG_N_STAGES + i));
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab, GDK_CONTROL_MASK,
                                       "win.cycle-page", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_ISO_Left_Tab,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.cycle-page", "i",
                                       -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Tab,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.cycle-page", "i",
                                       -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, 0, "win.focus-pane", "i", 1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F6, GDK_SHIFT_MASK,
                                       "win.focus-pane", "i", -1);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "win.search", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK,
                                       "win.new-process", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, GDK_CONTROL_MASK,
                                       "win.next-stage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, GDK_CONTROL_MASK,
                                       "win.previous-stage", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK,
                                       "win.sync", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "win.sync", NULL);
}

static void
dlg_window_init (DlgWindow *self)
{
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);
  GtkListItemFactory *factory;

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (stages, _("All stages"));
  for (guint i = 0; i < DLG_N_STAGES; i++)
    {
      g_autofree char *label = g_strdup_printf ("%u. %s", i + 1, dlg_stage_get_label (i));
      gtk_string_list_append (stages, label);
    }
  gtk_drop_down_set_model (self->stage_filter, G_LIST_MODEL (stages));

  self->processes = g_list_store_new (DLG_TYPE_PROCESS);
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (G_LIST_MODEL (g_object_ref (self->processes)),
                                              GTK_FILTER (self->filter));
  self->selection = gtk_single_selection_new (G_LIST_MODEL (self->filtered));
  gtk_single_selection_set_autoselect (self->selection, FALSE);
  gtk_single_selection_set_can_unselect (self->selection, TRUE);
  g_signal_connect_object (self->selection, "notify::selected", G_CALLBACK (selection_changed_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_list_view_set_model (self->process_list, GTK_SELECTION_MODEL (self->selection));

  factory = gtk_signal_list_item_factory_new ();
  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  gtk_list_view_set_factory (self->process_list, factory);
  g_object_unref (factory);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename-process", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.archive-process", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.restore-process", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sync", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.resolve-conflicts", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.open-practice-site", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.reset-training", FALSE);
}

DlgWindow *
dlg_window_new (GtkApplication *application,
                DlgContext     *context)
{
  DlgWindow *self;
  GSettings *settings;

  g_return_val_if_fail (application == NULL || GTK_IS_APPLICATION (application), NULL);
  g_return_val_if_fail (DLG_IS_CONTEXT (context), NULL);

  self = g_object_new (DLG_TYPE_WINDOW, "application", application, NULL);
  self->context = g_object_ref (context);
  settings = dlg_context_get_settings (context);
  if (settings != NULL)
    {
      gtk_window_set_default_size (GTK_WINDOW (self),
                                   g_settings_get_int (settings, "window-width"),
                                   g_settings_get_int (settings, "window-height"));
      if (g_settings_get_boolean (settings, "window-maximized"))
        gtk_window_maximize (GTK_WINDOW (self));
    }
  else
    gtk_window_set_default_size (GTK_WINDOW (self), 1280, 800);

  g_signal_connect_object (dlg_context_get_store (context), "changed",
                           G_CALLBACK (store_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::sync-manager", G_CALLBACK (sync_manager_changed_cb),
                           self, G_CONNECT_SWAPPED);
  g_signal_connect_object (context, "notify::training-uri", G_CALLBACK (training_changed_cb),
                           self, G_CONNECT_SWAPPED);
  sync_manager_changed_cb (self);
  training_changed_cb (self);
  reload_processes (self);
  dlg_window_select_page (self, DLG_STAGE_DIAGNOSTIC);

  /* Back where the officer left, or on the first process. */
  if (g_list_model_get_n_items (G_LIST_MODEL (self->processes)) > 0)
    {
      gint64 last = settings != NULL ? g_settings_get_int64 (settings, "last-process") : 0;
      g_autoptr(DlgProcess) found = last != 0 ? find_process (self, last, NULL) : NULL;
      g_autoptr(DlgProcess) first = NULL;

      if (found == NULL)
        first = g_list_model_get_item (G_LIST_MODEL (self->processes), 0);
      dlg_window_select_process (self, found != NULL ? last : dlg_process_get_id (first));
    }
  return self;
}

DlgStagePage *
dlg_window_get_stage_page (DlgWindow *self,
                           DlgStage   stage)
{
  g_return_val_if_fail (DLG_IS_WINDOW (self), NULL);
  g_return_val_if_fail (stage < DLG_N_STAGES, NULL);
  return DLG_STAGE_PAGE (ensure_page (self, stage));
}

GtkWidget *
dlg_window_get_page (DlgWindow *self,
                     guint      index)
{
  g_return_val_if_fail (DLG_IS_WINDOW (self), NULL);
  g_return_val_if_fail (index < DLG_N_PAGES, NULL);
  return ensure_page (self, index);
}

/* A toast over the window, for what a view did and may take back (its Undo button). */
void
dlg_window_add_toast (DlgWindow *self,
                      AdwToast  *toast)
{
  g_return_if_fail (DLG_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const char *
dlg_window_get_visible_page_name (DlgWindow *self)
{
  g_return_val_if_fail (DLG_IS_WINDOW (self), NULL);
  return gtk_stack_get_visible_child_name (self->page_stack);
}

/* The processes as the sidebar shows them (after search and filter). */
GListModel *
dlg_window_get_process_model (DlgWindow *self)
{
  g_return_val_if_fail (DLG_IS_WINDOW (self), NULL);
  return G_LIST_MODEL (self->filtered);
}

void
dlg_window_set_search (DlgWindow  *self,
                       const char *text)
{
  g_return_if_fail (DLG_IS_WINDOW (self));
  gtk_editable_set_text (GTK_EDITABLE (self->search_entry), text);
  filter_changed_cb (self);
}

void
dlg_window_set_show_archived (DlgWindow *self,
                              gboolean   show_archived)
{
  g_return_if_fail (DLG_IS_WINDOW (self));

  show_archived = !!show_archived;
  if (self->show_archived == show_archived)
    return;
  self->show_archived = show_archived;
  if (self->context != NULL)
    reload_processes (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SHOW_ARCHIVED]);
}
