/* dlg-sync-button.c — the header bar's sync button, with progress and status in its popover
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A view over a DlgSyncManager: every label follows the manager's properties. The popover says
 * when the last sync ran, what waits to be sent, the last error in the officer's words, asks
 * for the token when the site refused it (or none is known), and opens the conflict dialogs.
 * Texts from the site (errors) are shown as plain text, never as markup.
 */

#define G_LOG_DOMAIN "dlg-sync-button"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "dlg-conflict-dialog.h"
#include "dlg-refused-dialog.h"
#include "dlg-sync-button.h"
#include "dlg-token-dialog.h"

struct _DlgSyncButton
{
  GtkWidget        parent_instance;

  GtkMenuButton   *menu_button;
  GtkImage        *icon;
  GtkSpinner      *spinner;       /* in place of the icon while a sync runs */
  GtkLabel        *count_label;
  GtkPopover      *popover;
  GtkLabel        *status_label;
  GtkProgressBar  *progress_bar;
  GtkLabel        *details_label;
  GtkLabel        *error_label;
  GtkBox          *token_box;
  GtkBox          *refused_box;
  GtkLabel        *refused_label;
  GtkButton       *setup_button;
  GtkButton       *conflicts_button;
  GtkButton       *sync_button;

  DlgSyncManager  *manager;
};

G_DEFINE_FINAL_TYPE (DlgSyncButton, dlg_sync_button, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MANAGER,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
format_last_sync (const char *iso)
{
  g_autoptr(GDateTime) utc = NULL;
  g_autoptr(GDateTime) local = NULL;
  g_autofree char *when = NULL;

  if (iso == NULL)
    return g_strdup (_("Never synced"));
  utc = g_date_time_new_from_iso8601 (iso, NULL);
  if (utc == NULL)
    return g_strdup (_("Never synced"));
  local = g_date_time_to_local (utc);
  /* TRANSLATORS: a date and time, strftime format */
  when = g_date_time_format (local, _("%d/%m/%Y at %H:%M"));
  /* TRANSLATORS: %s is a date and time */
  return g_strdup_printf (_("Last sync: %s"), when);
}

static void
update (DlgSyncButton *self)
{
  DlgSyncManager *m = self->manager;
  g_autofree char *last = NULL;
  g_autofree char *details = NULL;
  g_autofree char *pending = NULL;
  g_autofree char *conflicts = NULL;
  const char *error;
  const char *status;
  gboolean busy;
  gint64 n_pending, n_conflicts, n_refused;

  if (m == NULL)
    {
      gtk_widget_set_sensitive (GTK_WIDGET (self->menu_button), FALSE);
      return;
    }
  gtk_widget_set_sensitive (GTK_WIDGET (self->menu_button), TRUE);

  busy = dlg_sync_manager_get_busy (m);
  n_pending = dlg_sync_manager_get_pending_count (m);
  n_conflicts = dlg_sync_manager_get_n_conflicts (m);
  n_refused = dlg_sync_manager_get_n_refused (m);
  error = dlg_sync_manager_get_last_error (m);

  if (busy)
    status = _("Syncing…");
  else if (dlg_sync_manager_get_site_url (m) == NULL)
    status = _("No site set up");
  else if (dlg_sync_manager_get_needs_token (m))
    status = _("Token needed");
  else if (n_conflicts > 0)
    status = _("Conflicts to resolve");
  else if (n_refused > 0)
    status = _("Changes refused by the site");
  else if (error != NULL)
    status = _("Sync failed");
  else if (n_pending > 0)
    status = _("Changes waiting to be sent");
  else
    status = _("Up to date");
  gtk_label_set_text (self->status_label, status);

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), busy);
  gtk_progress_bar_set_fraction (self->progress_bar, dlg_sync_manager_get_progress (m));

  last = format_last_sync (dlg_sync_manager_get_last_sync (m));
  if (n_pending == 0)
    pending = g_strdup (_("Nothing waiting to be sent"));
  else
    pending = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu change waiting to be sent",
                                            "%lu changes waiting to be sent",
                                            (unsigned long) n_pending),
                               (unsigned long) n_pending);
  conflicts = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%lu conflict", "%lu conflicts",
                                            (unsigned long) n_conflicts),
                               (unsigned long) n_conflicts);
  details = g_strjoin ("\n", last, pending, n_conflicts > 0 ? conflicts : NULL, NULL);
  if (dlg_sync_manager_get_training (m))
    {
      char *more = g_strconcat (details, "\n", _("Training mode: practice site on this "
                                                 "computer"), NULL);

      g_free (details);
      details = more;
    }
  else if (dlg_sync_manager_get_site_url (m) != NULL)
    {
      /* TRANSLATORS: %s is the address of the participation site */
      g_autofree char *site = g_strdup_printf (_("Site: %s"), dlg_sync_manager_get_site_url (m));
      char *more = g_strconcat (site, "\n", details, NULL);

      g_free (details);
      details = more;
    }
  if (!dlg_sync_manager_get_training (m) && dlg_sync_manager_get_token_in_memory (m))
    {
      char *more = g_strconcat (details, "\n", _("No keyring: the token is kept for this "
                                                 "session only"), NULL);

      g_free (details);
      details = more;
    }
  gtk_label_set_text (self->details_label, details);

  gtk_label_set_text (self->error_label, error != NULL ? error : "");
  gtk_widget_set_visible (GTK_WIDGET (self->error_label), error != NULL && !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->token_box), dlg_sync_manager_get_needs_token (m) &&
                          dlg_sync_manager_get_site_url (m) != NULL);
  /* What the site refused waits for the officer: never dropped, never silent. */
  gtk_widget_set_visible (GTK_WIDGET (self->refused_box), n_refused > 0 && !busy);
  if (n_refused > 0)
    {
      g_autofree char *refused = g_strdup_printf (
        g_dngettext (GETTEXT_PACKAGE,
                     "The site refused %lu change: it waits here, it is not lost. Correct "
                     "what the site says, or send it again once the site is fixed.",
                     "The site refused %lu changes: they wait here, they are not lost. "
                     "Correct what the site says, or send them again once the site is fixed.",
                     (unsigned long) n_refused), (unsigned long) n_refused);

      gtk_label_set_text (self->refused_label, refused);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->setup_button),
                          dlg_sync_manager_get_site_url (m) == NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->conflicts_button), n_conflicts > 0 && !busy);
  gtk_widget_set_sensitive (GTK_WIDGET (self->sync_button), !busy &&
                            dlg_sync_manager_get_site_url (m) != NULL);

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
  gtk_widget_set_visible (GTK_WIDGET (self->icon), !busy);
  gtk_image_set_from_icon_name (self->icon,
                                error != NULL || n_conflicts > 0 || n_refused > 0
                                ? "dialog-warning-symbolic" : "emblem-synchronizing-symbolic");
  gtk_widget_set_visible (GTK_WIDGET (self->count_label), n_refused > 0 && !busy);
  if (n_refused > 0)
    {
      g_autofree char *count = g_strdup_printf ("%" G_GINT64_FORMAT, n_refused);

      gtk_label_set_text (self->count_label, count);
    }
  /* The count on the button itself: "Changes refused by the site (2)". */
  {
    g_autofree char *label = n_refused > 0 && !busy
                             ? g_strdup_printf ("%s (%" G_GINT64_FORMAT ")", status, n_refused)
                             : g_strdup (status);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->menu_button), label);
    gtk_accessible_update_property (GTK_ACCESSIBLE (self->menu_button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, label, -1);
  }
}

static void
manager_notify_cb (DlgSyncButton *self)
{
  update (self);
}

static void
sync_now_cb (DlgSyncButton *self)
{
  if (self->manager != NULL)
    dlg_sync_manager_sync (self->manager);
}

static void
retry_refused_cb (DlgSyncButton *self)
{
  g_autoptr(GError) error = NULL;

  if (self->manager == NULL)
    return;
  if (!dlg_sync_manager_retry_refused (self->manager, 0, &error))
    {
      gtk_label_set_text (self->error_label, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->error_label), TRUE);
    }
}

static void
site_missing_response_cb (AdwMessageDialog *dialog,
                          const char       *response,
                          DlgSyncManager   *manager)
{
  if (g_strcmp0 (response, "go-on") == 0)
    dlg_sync_manager_confirm_missing (manager);
}

/* A full resync found many items gone from the site: ask before marking them (they are kept
 * either way; nothing is deleted on absence alone). */
static void
site_missing_cb (DlgSyncButton *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *body = NULL;
  GtkWidget *dialog;

  if (self->manager == NULL || !dlg_sync_manager_get_site_missing (self->manager))
    return;
  body = g_strconcat (dlg_sync_manager_get_last_error (self->manager), "\n\n",
                      _("Check with the site’s administrator first. If you go on, these "
                        "contributions stay in the app, marked “no longer on the site” (the "
                        "contributions page can show them alone); nothing is deleted."), NULL);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                   _("The Site May Have Been Restored"), body);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "later", _("_Later"),
                                    "go-on", _("_Go On and Mark Them"),
                                    NULL);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "later");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");
  g_signal_connect_object (dialog, "response", G_CALLBACK (site_missing_response_cb),
                           self->manager, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
review_refused_cb (DlgSyncButton *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->manager == NULL)
    return;
  gtk_popover_popdown (self->popover);
  gtk_window_present (GTK_WINDOW (dlg_refused_dialog_new (GTK_IS_WINDOW (root)
                                                          ? GTK_WINDOW (root) : NULL,
                                                          self->manager)));
}

static void
enter_token_cb (DlgSyncButton *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->manager == NULL)
    return;
  gtk_popover_popdown (self->popover);
  gtk_window_present (GTK_WINDOW (dlg_token_dialog_new (GTK_IS_WINDOW (root)
                                                        ? GTK_WINDOW (root) : NULL,
                                                        self->manager)));
}

static void
resolve_conflicts_cb (DlgSyncButton *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));

  if (self->manager == NULL)
    return;
  gtk_popover_popdown (self->popover);
  dlg_conflict_dialog_present_next (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                    dlg_sync_manager_get_store (self->manager));
}

static void
enter_token_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  enter_token_cb (DLG_SYNC_BUTTON (widget));
}

static void
dlg_sync_button_dispose (GObject *object)
{
  DlgSyncButton *self = (DlgSyncButton *)object;

  dlg_sync_button_set_manager (self, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_SYNC_BUTTON);

  G_OBJECT_CLASS (dlg_sync_button_parent_class)->dispose (object);
}

static void
dlg_sync_button_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DlgSyncButton *self = DLG_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      g_value_set_object (value, self->manager);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_sync_button_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DlgSyncButton *self = DLG_SYNC_BUTTON (object);

  switch (prop_id)
    {
    case PROP_MANAGER:
      dlg_sync_button_set_manager (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_sync_button_class_init (DlgSyncButtonClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_sync_button_dispose;
  object_class->get_property = dlg_sync_button_get_property;
  object_class->set_property = dlg_sync_button_set_property;

  properties[PROP_MANAGER] =
    g_param_spec_object ("manager", NULL, NULL, DLG_TYPE_SYNC_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-sync-button.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, menu_button);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, icon);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, spinner);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, count_label);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, popover);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, status_label);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, details_label);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, error_label);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, token_box);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, refused_box);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, refused_label);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, setup_button);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, conflicts_button);
  gtk_widget_class_bind_template_child (widget_class, DlgSyncButton, sync_button);
  gtk_widget_class_bind_template_callback (widget_class, sync_now_cb);
  gtk_widget_class_bind_template_callback (widget_class, enter_token_cb);
  gtk_widget_class_bind_template_callback (widget_class, resolve_conflicts_cb);
  gtk_widget_class_bind_template_callback (widget_class, retry_refused_cb);
  gtk_widget_class_bind_template_callback (widget_class, review_refused_cb);
  gtk_widget_class_install_action (widget_class, "sync.enter-token", NULL, enter_token_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "dlg-sync-button");
}

static void
dlg_sync_button_init (DlgSyncButton *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  update (self);
}

GtkWidget *
dlg_sync_button_new (DlgSyncManager *manager)
{
  return g_object_new (DLG_TYPE_SYNC_BUTTON, "manager", manager, NULL);
}

DlgSyncManager *
dlg_sync_button_get_manager (DlgSyncButton *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_BUTTON (self), NULL);
  return self->manager;
}

void
dlg_sync_button_set_manager (DlgSyncButton  *self,
                             DlgSyncManager *manager)
{
  g_return_if_fail (DLG_IS_SYNC_BUTTON (self));
  g_return_if_fail (manager == NULL || DLG_IS_SYNC_MANAGER (manager));

  if (self->manager == manager)
    return;
  if (self->manager != NULL)
    g_signal_handlers_disconnect_by_data (self->manager, self);
  g_set_object (&self->manager, manager);
  if (manager != NULL)
    {
      g_signal_connect_object (manager, "notify", G_CALLBACK (manager_notify_cb), self,
                               G_CONNECT_SWAPPED);
      g_signal_connect_object (manager, "notify::site-missing", G_CALLBACK (site_missing_cb),
                               self, G_CONNECT_SWAPPED);
    }
  update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MANAGER]);
}
