/* dlg-stage-page.c — the chrome around a stage view: state, blockers, transitions
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every stage view sits in one of these. The page shows the stage's title and description, its
 * state and dates, the reason it was skipped or reopened, and — in the core's own words — why the next
 * transition is not possible yet (dlg_stage_blockers). Its buttons call dlg_stage_apply; a
 * refused transition's message stays on the page, in full, until the next attempt. The page
 * follows DlgStore::changed, so the blockers shrink as the officer fills the view in.
 *
 * A closed stage (done or skipped) and an archived process are read-only until they are
 * reopened (restored): the core says so (dlg_stage_check_editable), the page shows a banner
 * with "Reopen…" (or "Restore") and the view shows nothing it could edit
 * (dlg_stage_view_set_editable). Rows a view rebuilds while it is read-only are made read-only
 * too, from a low-priority idle that runs after the view's own reload.
 */

#define G_LOG_DOMAIN "dlg-stage-page"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dlg-date.h"
#include "dlg-stage-page.h"
#include "dlg-sync.h"

struct _DlgStagePage
{
  GtkWidget     parent_instance;

  GtkWidget    *scroller;
  GtkLabel     *title_label;
  GtkLabel     *description_label;
  GtkLabel     *state_label;
  GtkLabel     *dates_label;
  GtkLabel     *reason_label;
  GtkWidget    *blockers_box;
  GtkLabel     *blockers_title;
  GtkListBox   *blockers_list;
  GtkWidget    *start_button;
  GtkWidget    *done_button;
  GtkWidget    *skip_button;
  GtkWidget    *reopen_button;
  GtkLabel     *message_label;
  GtkBox       *view_box;
  GtkWidget    *closed_banner;
  GtkLabel     *closed_label;
  GtkWidget    *restore_button;

  DlgStageView *view;
  DlgContext   *context;
  gint64        process_id;
  DlgStageState state;
  GStrv         blockers;
  gulong        changed_id;
  guint         refresh_id;
  guint         read_only_id;
  guint         stale : 1;
  guint         read_only : 1;
  guint         archived : 1;
};

G_DEFINE_FINAL_TYPE (DlgStagePage, dlg_stage_page, GTK_TYPE_WIDGET)

static char *
format_date (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;
  if (!(utc = g_date_time_new_from_iso8601 (iso, NULL)))
    return g_strdup (iso);
  local = g_date_time_to_local (utc);
  /* Translators: a date, as in strftime(); "%-d %B %Y" gives "25 November 2024". */
  return dlg_date_time_format (local, _("%-d %B %Y"));
}

static DlgStore *
get_store (DlgStagePage *self)
{
  return self->context != NULL ? dlg_context_get_store (self->context) : NULL;
}

static void
show_message (DlgStagePage *self,
              const char   *message)
{
  gtk_label_set_text (self->message_label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), message != NULL);
}

static void
set_blockers (DlgStagePage *self,
              const char   *title,
              GStrv         blockers)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->blockers_list))) != NULL)
    gtk_list_box_remove (self->blockers_list, child);

  g_clear_pointer (&self->blockers, g_strfreev);
  self->blockers = blockers;
  gtk_widget_set_visible (self->blockers_box, title != NULL);
  if (title == NULL)
    return;
  gtk_label_set_text (self->blockers_title, title);
  /* No blocker: the title alone says that the stage can be closed. */
  gtk_widget_set_visible (GTK_WIDGET (self->blockers_list),
                          blockers != NULL && blockers[0] != NULL);
  if (blockers != NULL && blockers[0] != NULL)
    gtk_widget_remove_css_class (GTK_WIDGET (self->blockers_title), "success");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->blockers_title), "success");

  for (guint i = 0; blockers != NULL && blockers[i] != NULL; i++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
      GtkWidget *icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      GtkWidget *label = gtk_label_new (blockers[i]);

      gtk_widget_add_css_class (icon, "warning");
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_selectable (GTK_LABEL (label), TRUE);
      gtk_widget_set_hexpand (label, TRUE);
      gtk_box_append (GTK_BOX (box), icon);
      gtk_box_append (GTK_BOX (box), label);
      gtk_widget_set_margin_top (box, 10);
      gtk_widget_set_margin_bottom (box, 10);
      gtk_widget_set_margin_start (box, 12);
      gtk_widget_set_margin_end (box, 12);
      gtk_list_box_append (self->blockers_list, box);
    }
}

/* Shows the banner of a closed stage or an archived process and makes the view follow. */
static void
set_read_only (DlgStagePage *self,
               gboolean      read_only,
               gboolean      archived)
{
  gboolean was_read_only = self->read_only;

  self->read_only = read_only;
  self->archived = archived;
  gtk_widget_set_visible (self->closed_banner, read_only);
  gtk_widget_set_visible (self->restore_button, archived);
  /* Reopening is offered on the banner of a closed stage (and nowhere else). */
  gtk_widget_set_visible (self->reopen_button, read_only && !archived);
  if (archived)
    {
      gtk_widget_add_css_class (self->closed_banner, "archived");
      gtk_label_set_text (self->closed_label,
                          _("This process is archived: it is read-only until it is restored."));
    }
  else if (read_only)
    {
      const char *text = self->state == DLG_STAGE_STATE_SKIPPED
                         ? _("This stage was skipped: it is read-only until it is reopened.")
                         : _("This stage is done: it is read-only until it is reopened.");
      gint64 late = 0;

      gtk_widget_remove_css_class (self->closed_banner, "archived");
      /* Registrations the site took before it learnt of the closing are kept: say so. */
      if (dlg_stage_view_get_stage (self->view) == DLG_STAGE_RECRUITMENT)
        late = dlg_participant_count_late (get_store (self), self->process_id, NULL);
      if (late > 0)
        {
          g_autofree char *more = g_strdup_printf (
            g_dngettext (GETTEXT_PACKAGE,
                         "%s %d registration came from the site after the stage was closed: it "
                         "is kept, and takes part in a draw only if the stage is reopened.",
                         "%s %d registrations came from the site after the stage was closed: "
                         "they are kept, and take part in a draw only if the stage is reopened.",
                         late),
            text, (int) late);

          gtk_label_set_text (self->closed_label, more);
        }
      else
        gtk_label_set_text (self->closed_label, text);
    }
  /* Views start editable: walk the view only when it is, or was, read-only. */
  if (self->view != NULL && (read_only || was_read_only))
    dlg_stage_view_set_editable (self->view, !read_only);
}

static gboolean
read_only_idle_cb (gpointer user_data)
{
  DlgStagePage *self = user_data;

  self->read_only_id = 0;
  if (self->read_only && self->view != NULL)
    dlg_stage_view_set_editable (self->view, FALSE);
  return G_SOURCE_REMOVE;
}

void
dlg_stage_page_refresh (DlgStagePage *self)
{
  DlgStore *store = get_store (self);
  DlgStage stage = dlg_stage_view_get_stage (self->view);
  g_autoptr(DlgStageInfo) info = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *started = NULL;
  g_autofree char *ended = NULL;
  g_autofree char *dates = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GError) closed = NULL;
  GStrv blockers = NULL;
  const char *title = NULL;
  const char *reason;
  gboolean archived;
  gboolean read_only;

  g_return_if_fail (DLG_IS_STAGE_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->stale = FALSE;
  if (store == NULL || self->process_id == 0)
    {
      set_blockers (self, NULL, NULL);
      set_read_only (self, FALSE, FALSE);
      return;
    }

  if (!(info = dlg_stage_get (store, self->process_id, stage, &error)))
    {
      /* The process went away (deleted under us): nothing to show. */
      set_blockers (self, NULL, NULL);
      gtk_label_set_text (self->dates_label, error->message);
      return;
    }

  for (guint s = 0; s <= DLG_STAGE_STATE_SKIPPED; s++)
    gtk_widget_remove_css_class (GTK_WIDGET (self->state_label), dlg_stage_state_to_id (s));
  self->state = dlg_stage_info_get_state (info);
  gtk_label_set_text (self->state_label, dlg_stage_state_get_label (self->state));
  gtk_widget_add_css_class (GTK_WIDGET (self->state_label), dlg_stage_state_to_id (self->state));

  process = dlg_process_load (store, self->process_id, NULL);
  archived = process != NULL && dlg_process_get_archived (process);
  read_only = !dlg_stage_check_editable (store, self->process_id, stage, &closed) &&
              g_error_matches (closed, DLG_ERROR, DLG_ERROR_CLOSED);
  set_read_only (self, read_only, archived);

  started = format_date (dlg_stage_info_get_started_at (info));
  ended = format_date (dlg_stage_info_get_ended_at (info));
  if (self->state == DLG_STAGE_STATE_DONE && started != NULL && ended != NULL)
    dates = g_strdup_printf (_("Started on %s, done on %s"), started, ended);
  else if (self->state == DLG_STAGE_STATE_SKIPPED && ended != NULL)
    dates = g_strdup_printf (_("Skipped on %s"), ended);
  else if (started != NULL)
    dates = g_strdup_printf (_("Started on %s"), started);
  gtk_label_set_text (self->dates_label, dates != NULL ? dates : "");

  reason = dlg_stage_info_get_reason (info);
  if (self->state == DLG_STAGE_STATE_SKIPPED && reason != NULL && *reason != '\0')
    {
      g_autofree char *text = g_strdup_printf (_("Reason for skipping: %s"), reason);

      gtk_label_set_text (self->reason_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->reason_label), TRUE);
    }
  else if (self->state == DLG_STAGE_STATE_IN_PROGRESS && reason != NULL && *reason != '\0')
    {
      /* Only a reopened stage in progress keeps a reason. */
      g_autofree char *text = g_strdup_printf (_("Reason for reopening: %s"), reason);

      gtk_label_set_text (self->reason_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->reason_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->reason_label), FALSE);

  switch (self->state)
    {
    case DLG_STAGE_STATE_NOT_STARTED:
      blockers = dlg_stage_blockers (store, self->process_id, stage, DLG_TRANSITION_START, &error);
      title = blockers != NULL && blockers[0] != NULL ? _("Why the stage cannot start yet") : NULL;
      break;
    case DLG_STAGE_STATE_IN_PROGRESS:
      blockers = dlg_stage_blockers (store, self->process_id, stage, DLG_TRANSITION_DONE, &error);
      title = blockers != NULL && blockers[0] != NULL
              ? _("Why the stage cannot be closed yet")
              : _("Everything the method asks for is here: the stage can be closed.");
      break;
    case DLG_STAGE_STATE_DONE:
    case DLG_STAGE_STATE_SKIPPED:
    default:
      break;
    }
  /* An archived process changes nothing until it is restored: the banner says so. */
  if (archived)
    {
      g_clear_pointer (&blockers, g_strfreev);
      title = NULL;
    }
  if (error != NULL)
    show_message (self, error->message);
  set_blockers (self, title, blockers);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stage.start",
                                 self->state == DLG_STAGE_STATE_NOT_STARTED ||
                                 self->state == DLG_STAGE_STATE_SKIPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stage.done",
                                 self->state == DLG_STAGE_STATE_IN_PROGRESS ||
                                 self->state == DLG_STAGE_STATE_NOT_STARTED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stage.skip",
                                 self->state == DLG_STAGE_STATE_NOT_STARTED ||
                                 self->state == DLG_STAGE_STATE_IN_PROGRESS);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "stage.reopen",
                                 self->state == DLG_STAGE_STATE_DONE ||
                                 self->state == DLG_STAGE_STATE_SKIPPED);
  gtk_widget_set_visible (self->start_button, !archived &&
                                              self->state != DLG_STAGE_STATE_IN_PROGRESS &&
                                              self->state != DLG_STAGE_STATE_DONE);
  gtk_widget_set_visible (self->done_button, !archived &&
                                             self->state == DLG_STAGE_STATE_IN_PROGRESS);
  gtk_widget_set_visible (self->skip_button, !archived &&
                                             (self->state == DLG_STAGE_STATE_NOT_STARTED ||
                                              self->state == DLG_STAGE_STATE_IN_PROGRESS));
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DlgStagePage *self = user_data;

  self->refresh_id = 0;
  dlg_stage_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DlgStagePage *self,
                  GType        type,
                  gint64        process_id)
{
  if (process_id != 0 && process_id != self->process_id)
    return;
  /* Rows the view rebuilds from this change follow its read-only state. */
  if (self->read_only && self->read_only_id == 0)
    self->read_only_id = g_idle_add_full (G_PRIORITY_LOW, read_only_idle_cb, self, NULL);
  /* A hidden page catches up when it is shown again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    {
      self->stale = TRUE;
      return;
    }
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

/* Whether what the process publishes is queued for the site: a demo process goes only to the
 * practice site of training mode. */
static gboolean
goes_to_site (DlgStagePage *self)
{
  DlgSyncManager *manager = dlg_context_get_sync_manager (self->context);
  g_autoptr(DlgProcess) process = dlg_process_load (get_store (self), self->process_id, NULL);

  return process != NULL &&
         (!dlg_process_get_is_demo (process) ||
          (manager != NULL && dlg_sync_manager_get_training (manager)));
}

/* Closing the response stage publishes the response (the core sets its date): it is queued for
 * the site at once, in the same transaction, so that the sync button counts it. A demo process
 * goes only to the practice site of training mode. */
static gboolean
queue_publication (DlgStagePage   *self,
                   DlgTransition   transition,
                   GError        **error)
{
  DlgSyncManager *manager = dlg_context_get_sync_manager (self->context);
  DlgStore *store = get_store (self);
  g_autoptr(DlgProcess) process = NULL;

  if (dlg_stage_view_get_stage (self->view) != DLG_STAGE_RESPONSE ||
      transition != DLG_TRANSITION_DONE)
    return TRUE;
  if (!(process = dlg_process_load (store, self->process_id, error)))
    return FALSE;
  if (dlg_process_get_is_demo (process) &&
      (manager == NULL || !dlg_sync_manager_get_training (manager)))
    return TRUE;
  return dlg_sync_enqueue_response (store, self->process_id, error);
}

/**
 * dlg_stage_page_apply:
 * @reason: (nullable): why the stage is skipped or reopened
 *
 * Saves what is being typed, then asks the core for @transition. A refusal is shown on the
 * page, in full.
 *
 * Returns: whether the transition was applied
 */
gboolean
dlg_stage_page_apply (DlgStagePage  *self,
                      DlgTransition  transition,
                      const char    *reason)
{
  g_autoptr(GError) error = NULL;
  DlgStore *store = get_store (self);

  g_return_val_if_fail (DLG_IS_STAGE_PAGE (self), FALSE);

  if (store == NULL || self->process_id == 0)
    return FALSE;

  dlg_stage_view_flush (self->view);
  if (!dlg_store_begin (store, &error))
    {
      show_message (self, error->message);
      return FALSE;
    }
  if (!dlg_stage_apply (store, self->process_id, dlg_stage_view_get_stage (self->view),
                        transition, reason, &error) ||
      !queue_publication (self, transition, &error) ||
      !dlg_store_commit (store, &error))
    {
      dlg_store_rollback (store);
      show_message (self, error->message);
      dlg_stage_page_refresh (self);
      return FALSE;
    }
  show_message (self, NULL);
  dlg_stage_page_refresh (self);
  return TRUE;
}

static void
start_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  dlg_stage_page_apply (DLG_STAGE_PAGE (widget), DLG_TRANSITION_START, NULL);
}

static GtkWidget *
plain_label (const char *text,
             const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* The officer's text: plain-text setter, never markup. */
  gtk_label_set_text (GTK_LABEL (label), text);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  return label;
}

/* What goes public when the response stage closes: the introduction and, per recommendation,
 * its position and justification, as the site will show them. */
static GtkWidget *
response_preview_new (DlgStagePage  *self,
                      GError       **error)
{
  DlgStore *store = get_store (self);
  g_autoptr(DlgResponse) response = NULL;
  g_autoptr(GListModel) recommendations = NULL;
  g_autoptr(GPtrArray) problems = NULL;
  GtkWidget *scroller, *box;
  const char *intro;

  if (!(response = dlg_response_load_for (store, self->process_id, error)) ||
      !(recommendations = dlg_recommendation_list (store, self->process_id, error)))
    return NULL;

  box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  /* The check before publication first: what the rules let through but nobody finished. */
  if ((problems = dlg_response_check (store, self->process_id, NULL)) != NULL
      && problems->len > 0)
    {
      gtk_box_append (GTK_BOX (box), plain_label (_("Still to check before publishing"),
                                                  "heading"));
      for (guint i = 0; i < problems->len; i++)
        gtk_box_append (GTK_BOX (box),
                        plain_label (((DlgResponseProblem *) problems->pdata[i])->message,
                                     "warning"));
    }
  gtk_box_append (GTK_BOX (box), plain_label (_("Introduction"), "heading"));
  intro = dlg_response_get_intro (response);
  gtk_box_append (GTK_BOX (box), plain_label (intro != NULL && *intro != '\0'
                                              ? intro : _("(No introduction)"),
                                              intro != NULL && *intro != '\0'
                                              ? NULL : "dim-label"));
  for (guint i = 0; i < g_list_model_get_n_items (recommendations); i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
      g_autoptr(DlgPosition) position = dlg_position_load_for (store,
                                                               dlg_recommendation_get_id (r),
                                                               NULL);
      g_autofree char *heading = NULL;
      const char *value, *justification;
      GtkWidget *label;

      if (position == NULL || dlg_position_get_value (position) == NULL)
        continue;
      /* TRANSLATORS: a recommendation's number and title */
      heading = g_strdup_printf (_("Recommendation %d: %s"),
                                 (int) dlg_recommendation_get_number (r),
                                 dlg_recommendation_get_title (r));
      label = plain_label (heading, "heading");
      gtk_widget_set_margin_top (label, 6);
      gtk_box_append (GTK_BOX (box), label);
      value = dlg_position_value_get_label (dlg_position_get_value (position));
      gtk_box_append (GTK_BOX (box), plain_label (value != NULL ? value : "", "accent"));
      justification = dlg_position_get_justification (position);
      if (justification != NULL && *justification != '\0')
        gtk_box_append (GTK_BOX (box), plain_label (justification, NULL));
    }

  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER,
                                  GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 320);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), box);
  gtk_widget_add_css_class (scroller, "card");
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  return scroller;
}

static void
publish_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     DlgStagePage     *self)
{
  if (g_strcmp0 (response, "publish") == 0)
    dlg_stage_page_apply (self, DLG_TRANSITION_DONE, NULL);
}

/* Closing the response stage publishes the argued response, which cannot be withdrawn: show
 * what goes public and ask first. When the rules refuse, the refusal shows as for any stage. */
static void
done_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlgStagePage *self = DLG_STAGE_PAGE (widget);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) blockers = NULL;
  GtkWidget *dialog, *preview;

  if (dlg_stage_view_get_stage (self->view) != DLG_STAGE_RESPONSE || get_store (self) == NULL)
    {
      dlg_stage_page_apply (self, DLG_TRANSITION_DONE, NULL);
      return;
    }
  dlg_stage_view_flush (self->view);
  blockers = dlg_stage_blockers (get_store (self), self->process_id, DLG_STAGE_RESPONSE,
                                 DLG_TRANSITION_DONE, &error);
  if (error != NULL || (blockers != NULL && blockers[0] != NULL) ||
      !(preview = response_preview_new (self, &error)))
    {
      if (error != NULL)
        show_message (self, error->message);
      else
        dlg_stage_page_apply (self, DLG_TRANSITION_DONE, NULL);
      return;
    }

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (widget)),
                                   _("Publish the Argued Response?"),
                                   goes_to_site (self)
                                   ? _("Closing this stage publishes the response below: it "
                                       "goes to the public site at the next sync, and a "
                                       "published response cannot be withdrawn.")
                                   : _("Closing this stage publishes the response below, and "
                                       "a published response cannot be withdrawn. This is a "
                                       "demo process: only the practice site of training mode "
                                       "shows it."));
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), preview);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "publish", _("_Publish the Response"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "publish",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (publish_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Skipping and reopening both ask for a reason, which the public sees next to the stage; the
 * dialog's @response id ("skip", "reopen") applies @transition with it. */
typedef struct
{
  DlgTransition  transition;
  const char    *response;
} ReasonRequest;

static const ReasonRequest skip_request = { DLG_TRANSITION_SKIP, "skip" };
static const ReasonRequest reopen_request = { DLG_TRANSITION_REOPEN, "reopen" };

static void
reason_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    DlgStagePage     *self)
{
  const ReasonRequest *request = g_object_get_data (G_OBJECT (dialog), "dlg-reason-request");
  GtkEditable *entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));

  if (g_strcmp0 (response, request->response) == 0)
    dlg_stage_page_apply (self, request->transition, gtk_editable_get_text (entry));
}

static void
ask_reason (DlgStagePage           *self,
            const ReasonRequest    *request,
            const char             *heading,
            const char             *body,
            const char             *label,
            AdwResponseAppearance   appearance)
{
  GtkWidget *dialog, *entry;

  dialog = adw_message_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                   heading, body);
  entry = gtk_entry_new ();
  gtk_entry_set_placeholder_text (GTK_ENTRY (entry), _("Reason"));
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), entry);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    request->response, label,
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), request->response,
                                              appearance);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), request->response);
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_object_set_data (G_OBJECT (dialog), "dlg-reason-request", (gpointer) request);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reason_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
skip_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlgStagePage *self = DLG_STAGE_PAGE (widget);
  g_autofree char *heading =
    g_strdup_printf (_("Skip the stage “%s”?"),
                     dlg_stage_get_label (dlg_stage_view_get_stage (self->view)));

  ask_reason (self, &skip_request, heading,
              _("Say why the stage is skipped. The reason is shown to the public next to the "
                "stage."),
              _("_Skip the Stage"), ADW_RESPONSE_DESTRUCTIVE);
}

/* Reopening undoes a mistaken "Mark as Done": the core says whether it may (no later stage
 * done, no published response), and the refusal shows on the page like any other. */
static void
reopen_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgStagePage *self = DLG_STAGE_PAGE (widget);
  g_autofree char *heading =
    g_strdup_printf (_("Reopen the stage “%s”?"),
                     dlg_stage_get_label (dlg_stage_view_get_stage (self->view)));

  ask_reason (self, &reopen_request, heading,
              _("The stage goes back in progress. Say why it is reopened: the reason is shown "
                "to the public next to the stage."),
              _("_Reopen the Stage"), ADW_RESPONSE_SUGGESTED);
}

static void
dlg_stage_page_map (GtkWidget *widget)
{
  DlgStagePage *self = DLG_STAGE_PAGE (widget);

  GTK_WIDGET_CLASS (dlg_stage_page_parent_class)->map (widget);
  if (self->stale)
    dlg_stage_page_refresh (self);
}

static void
dlg_stage_page_dispose (GObject *object)
{
  DlgStagePage *self = (DlgStagePage *)object;

  if (self->view != NULL)
    dlg_stage_view_flush (self->view);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  g_clear_handle_id (&self->read_only_id, g_source_remove);
  if (self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, get_store (self));
  g_clear_object (&self->context);
  g_clear_pointer (&self->blockers, g_strfreev);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_STAGE_PAGE);
  self->view = NULL;

  G_OBJECT_CLASS (dlg_stage_page_parent_class)->dispose (object);
}

static void
dlg_stage_page_class_init (DlgStagePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_stage_page_dispose;
  widget_class->map = dlg_stage_page_map;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-stage-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, scroller);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, description_label);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, state_label);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, dates_label);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, reason_label);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, blockers_box);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, blockers_title);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, blockers_list);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, start_button);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, done_button);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, skip_button);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, reopen_button);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, message_label);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, view_box);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, closed_banner);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, closed_label);
  gtk_widget_class_bind_template_child (widget_class, DlgStagePage, restore_button);

  gtk_widget_class_install_action (widget_class, "stage.start", NULL, start_action);
  gtk_widget_class_install_action (widget_class, "stage.done", NULL, done_action);
  gtk_widget_class_install_action (widget_class, "stage.skip", NULL, skip_action);
  gtk_widget_class_install_action (widget_class, "stage.reopen", NULL, reopen_action);

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dlg_stage_page_init (DlgStagePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DlgStagePage *
dlg_stage_page_new (DlgStageView *view)
{
  DlgStagePage *self;
  DlgStage stage;

  g_return_val_if_fail (DLG_IS_STAGE_VIEW (view), NULL);

  self = g_object_new (DLG_TYPE_STAGE_PAGE, NULL);
  self->view = view;
  gtk_box_append (self->view_box, GTK_WIDGET (view));
  stage = dlg_stage_view_get_stage (view);
  gtk_label_set_text (self->title_label, dlg_stage_get_label (stage));
  gtk_label_set_text (self->description_label, dlg_stage_get_description (stage));
  return self;
}

DlgStageView *
dlg_stage_page_get_view (DlgStagePage *self)
{
  g_return_val_if_fail (DLG_IS_STAGE_PAGE (self), NULL);
  return self->view;
}

/**
 * dlg_stage_page_set_process:
 * @context: (nullable): the context, or %NULL to clear
 *
 * Loads the stage of @process_id into the view and the chrome.
 */
void
dlg_stage_page_set_process (DlgStagePage *self,
                            DlgContext   *context,
                            gint64        process_id)
{
  GtkAdjustment *vadjustment;

  g_return_if_fail (DLG_IS_STAGE_PAGE (self));

  if (self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, get_store (self));
  g_set_object (&self->context, context);
  self->process_id = context != NULL ? process_id : 0;
  if (context != NULL)
    self->changed_id = g_signal_connect_object (dlg_context_get_store (context), "changed",
                                                G_CALLBACK (store_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  show_message (self, NULL);
  dlg_stage_view_load (self->view, context, self->process_id);
  dlg_stage_page_refresh (self);
  vadjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (self->scroller));
  gtk_adjustment_set_value (vadjustment, 0);
}

gint64
dlg_stage_page_get_process (DlgStagePage *self)
{
  g_return_val_if_fail (DLG_IS_STAGE_PAGE (self), 0);
  return self->process_id;
}

void
dlg_stage_page_flush (DlgStagePage *self)
{
  g_return_if_fail (DLG_IS_STAGE_PAGE (self));
  dlg_stage_view_flush (self->view);
}

/* The refused transition's message on show, or NULL. */
const char *
dlg_stage_page_get_message (DlgStagePage *self)
{
  g_return_val_if_fail (DLG_IS_STAGE_PAGE (self), NULL);

  if (!gtk_widget_get_visible (GTK_WIDGET (self->message_label)))
    return NULL;
  return gtk_label_get_text (self->message_label);
}

/* The read-only banner's text when the stage is closed or the process archived, or NULL. */
const char *
dlg_stage_page_get_read_only_notice (DlgStagePage *self)
{
  g_return_val_if_fail (DLG_IS_STAGE_PAGE (self), NULL);

  return self->read_only ? gtk_label_get_text (self->closed_label) : NULL;
}

GStrv
dlg_stage_page_dup_blockers (DlgStagePage *self)
{
  g_return_val_if_fail (DLG_IS_STAGE_PAGE (self), NULL);
  return g_strdupv (self->blockers);
}
