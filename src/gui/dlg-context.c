/* dlg-context.c — what the application hands to every window and view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As in GNOME Calendar: the application creates one context (the store, the settings, the
 * sync manager and, in training mode, the practice site) and hands it to windows, which hand
 * it to views. Views never open a database themselves.
 *
 * The context applies the settings "site-url" and "sync-interval" to the sync manager as they
 * change. Training mode (dlg_context_start_training) starts the practice site in-process on
 * loopback and points the manager at it; the officer's real site setting is then left alone
 * until the application quits.
 */

#define G_LOG_DOMAIN "dlg-context"

#include "config.h"

#include "dlg-context.h"
#include "dlg-journal.h"
#include "dlg-sync.h"
#include "dlg-training-site.h"

struct _DlgContext
{
  GObject    parent_instance;

  DlgStore        *store;
  GSettings       *settings;
  DlgSyncManager  *sync_manager;
  DlgTrainingSite *training_site;
  guint            settle_id;
};

/* Bursts of typing idle this long become their journal entry even if no view flushes. */
#define SETTLE_IDLE_SECONDS 180

G_DEFINE_FINAL_TYPE (DlgContext, dlg_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  PROP_SYNC_MANAGER,
  PROP_TRAINING_URI,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* The site of the settings, unless training mode holds the manager. */
static void
apply_site_url (DlgContext *self)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (self->settings == NULL || self->sync_manager == NULL || self->training_site != NULL)
    return;
  url = g_strstrip (g_settings_get_string (self->settings, "site-url"));
  if (*url == '\0' || g_strcmp0 (url, dlg_sync_manager_get_site_url (self->sync_manager)) == 0)
    return;
  if (!dlg_sync_manager_set_site (self->sync_manager, url, &error))
    g_message ("The site address of the settings is not used: %s", error->message);
}

static void
apply_interval (DlgContext *self)
{
  if (self->settings == NULL || self->sync_manager == NULL)
    return;
  /* The setting is in minutes. */
  dlg_sync_manager_set_interval (self->sync_manager,
                                 g_settings_get_uint (self->settings, "sync-interval") * 60);
}

/* The journal names the officer of the settings; the system account until one is given. */
static void
apply_officer_name (DlgContext *self)
{
  g_autofree char *name = NULL;

  if (self->store == NULL)
    return;
  if (self->settings != NULL)
    name = g_strstrip (g_settings_get_string (self->settings, "officer-name"));
  dlg_store_set_actor (self->store, name != NULL && *name != '\0' ? name : g_get_user_name ());
}

static void
settings_changed_cb (DlgContext *self,
                     const char *key)
{
  if (g_strcmp0 (key, "site-url") == 0)
    apply_site_url (self);
  else if (g_strcmp0 (key, "sync-interval") == 0)
    apply_interval (self);
  else if (g_strcmp0 (key, "officer-name") == 0)
    {
      /* What was typed under the previous name is journaled under it. */
      dlg_context_settle_journal (self);
      apply_officer_name (self);
    }
}

static gboolean
settle_idle_cb (gpointer user_data)
{
  DlgContext *self = user_data;
  g_autoptr(GError) error = NULL;

  if (!dlg_journal_settle (self->store, SETTLE_IDLE_SECONDS, NULL, &error))
    g_warning ("Could not write the journal entries of idle edits: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static void
dlg_context_dispose (GObject *object)
{
  DlgContext *self = (DlgContext *)object;

  dlg_context_stop_training (self);
  if (self->settings != NULL)
    g_signal_handlers_disconnect_by_data (self->settings, self);
  if (self->sync_manager != NULL)
    dlg_sync_manager_cancel (self->sync_manager);
  g_clear_object (&self->sync_manager);
  g_clear_handle_id (&self->settle_id, g_source_remove);
  if (self->store != NULL)
    dlg_context_settle_journal (self);
  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dlg_context_parent_class)->dispose (object);
}

static void
dlg_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DlgContext *self = DLG_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    case PROP_SYNC_MANAGER:
      g_value_set_object (value, self->sync_manager);
      break;
    case PROP_TRAINING_URI:
      g_value_set_string (value, dlg_context_get_training_uri (self));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_context_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DlgContext *self = DLG_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      if (self->settings != NULL)
        g_signal_connect_object (self->settings, "changed", G_CALLBACK (settings_changed_cb),
                                 self, G_CONNECT_SWAPPED);
      break;
    case PROP_SYNC_MANAGER:
      dlg_context_set_sync_manager (self, g_value_get_object (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_context_constructed (GObject *object)
{
  DlgContext *self = (DlgContext *)object;

  G_OBJECT_CLASS (dlg_context_parent_class)->constructed (object);

  if (self->store != NULL)
    {
      apply_officer_name (self);
      self->settle_id = g_timeout_add_seconds (60, settle_idle_cb, self);
    }
}

static void
dlg_context_class_init (DlgContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dlg_context_constructed;
  object_class->dispose = dlg_context_dispose;
  object_class->get_property = dlg_context_get_property;
  object_class->set_property = dlg_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DLG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  /**
   * DlgContext:sync-manager:
   *
   * The application's one sync manager, or %NULL (tests of views that need no sync).
   */
  properties[PROP_SYNC_MANAGER] =
    g_param_spec_object ("sync-manager", NULL, NULL, DLG_TYPE_SYNC_MANAGER,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  /**
   * DlgContext:training-uri:
   *
   * The address of the practice site while training mode runs, else %NULL.
   */
  properties[PROP_TRAINING_URI] =
    g_param_spec_string ("training-uri", NULL, NULL, NULL,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_context_init (DlgContext *self)
{
}

/**
 * dlg_context_new:
 * @store: the store of every process
 * @settings: (nullable): the application's settings, or %NULL in tests
 */
DlgContext *
dlg_context_new (DlgStore  *store,
                 GSettings *settings)
{
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (DLG_TYPE_CONTEXT, "store", store, "settings", settings, NULL);
}

DlgStore *
dlg_context_get_store (DlgContext *self)
{
  g_return_val_if_fail (DLG_IS_CONTEXT (self), NULL);

  return self->store;
}

GSettings *
dlg_context_get_settings (DlgContext *self)
{
  g_return_val_if_fail (DLG_IS_CONTEXT (self), NULL);

  return self->settings;
}

/**
 * dlg_context_settle_journal:
 *
 * Turns the bursts of typing still pending into their journal entries (dlg_journal_settle());
 * fields call it when they lose focus, the window when a view changes or it closes.
 */
void
dlg_context_settle_journal (DlgContext *self)
{
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DLG_IS_CONTEXT (self));

  if (!dlg_journal_settle (self->store, 0, NULL, &error))
    g_warning ("Could not write the journal entries of the last edits: %s", error->message);
}

/**
 * dlg_context_set_sync_manager:
 * @manager: (nullable): the application's sync manager
 *
 * From now on the settings "site-url" and "sync-interval" apply to @manager as they change.
 */
void
dlg_context_set_sync_manager (DlgContext     *self,
                              DlgSyncManager *manager)
{
  g_return_if_fail (DLG_IS_CONTEXT (self));
  g_return_if_fail (manager == NULL || DLG_IS_SYNC_MANAGER (manager));

  if (self->sync_manager == manager)
    return;
  g_set_object (&self->sync_manager, manager);
  apply_site_url (self);
  apply_interval (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SYNC_MANAGER]);
}

DlgSyncManager *
dlg_context_get_sync_manager (DlgContext *self)
{
  g_return_val_if_fail (DLG_IS_CONTEXT (self), NULL);

  return self->sync_manager;
}

/**
 * dlg_context_can_train:
 *
 * Training mode takes the place of the officer's site for the session: it is only offered when
 * no site is set (in the settings, or as the site this database last synced with), so that
 * real processes never meet the practice site.
 */
gboolean
dlg_context_can_train (DlgContext *self)
{
  g_autofree char *url = NULL;

  g_return_val_if_fail (DLG_IS_CONTEXT (self), FALSE);

  if (self->training_site != NULL)
    return TRUE;
  if (self->settings != NULL)
    {
      url = g_strstrip (g_settings_get_string (self->settings, "site-url"));
      if (*url != '\0')
        return FALSE;
    }
  return self->sync_manager == NULL || dlg_sync_manager_get_site_url (self->sync_manager) == NULL;
}

/**
 * dlg_context_start_training:
 * @site_db_path: (nullable): the practice site's database; %NULL for the one of this
 *   app database (dlg_training_site_default_path())
 *
 * Training mode: starts the practice site in this process on loopback (seeded with its demo
 * processes), queues the app's demo processes for it and points the sync manager at it with a
 * token held in memory, so that sync works with no setup, and syncs once. Nothing is written
 * to the officer's keyring or real site. Does nothing when training mode already runs.
 */
gboolean
dlg_context_start_training (DlgContext  *self,
                            const char  *site_db_path,
                            GError     **error)
{
  g_autoptr(DlgTrainingSite) site = NULL;

  g_return_val_if_fail (DLG_IS_CONTEXT (self), FALSE);

  if (self->training_site != NULL)
    return TRUE;
  if (self->sync_manager == NULL)
    {
      g_autoptr(DlgSyncManager) manager = dlg_sync_manager_new (self->store);

      dlg_context_set_sync_manager (self, manager);
    }
  if (site_db_path == NULL)
    {
      g_autofree char *path =
        dlg_training_site_default_path (dlg_store_get_path (self->store));

      site = dlg_training_site_start (path, error);
    }
  else
    site = dlg_training_site_start (site_db_path, error);
  if (site == NULL)
    return FALSE;
  if (!dlg_training_site_attach (site, self->sync_manager, error))
    {
      dlg_training_site_stop (site);
      return FALSE;
    }
  self->training_site = g_steal_pointer (&site);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING_URI]);
  /* The demo's pages go up at once: the practice site's forms open for it. */
  dlg_sync_manager_sync (self->sync_manager);
  return TRUE;
}

const char *
dlg_context_get_training_uri (DlgContext *self)
{
  g_return_val_if_fail (DLG_IS_CONTEXT (self), NULL);

  return self->training_site != NULL ? dlg_training_site_get_uri (self->training_site) : NULL;
}

/**
 * dlg_context_stop_training:
 *
 * Stops a sync in progress and the practice site (the application quits).
 */
void
dlg_context_stop_training (DlgContext *self)
{
  g_return_if_fail (DLG_IS_CONTEXT (self));

  if (self->training_site == NULL)
    return;
  if (self->sync_manager != NULL)
    dlg_sync_manager_cancel (self->sync_manager);
  dlg_training_site_stop (self->training_site);
  g_clear_object (&self->training_site);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_TRAINING_URI]);
}

/**
 * dlg_context_reset_training:
 * @stage: the stage the training starts from
 * @n_deleted: (out) (optional): how many demo processes were deleted
 *
 * The training reset (dlg_training_reset()): the demo processes deleted and built again from
 * their seed at @stage, the sync state of the practice site cleared and, when training mode
 * runs, the practice site emptied and seeded again at the same address, the new demo queued for
 * it with the site's new token, and one sync. Without training mode, the practice site's file
 * of this database is reset. Processes that are not demos are not touched.
 *
 * Returns: the id of the new demo process, or 0 with @error set
 */
gint64
dlg_context_reset_training (DlgContext  *self,
                            DlgStage     stage,
                            guint       *n_deleted,
                            GError     **error)
{
  gint64 id;

  g_return_val_if_fail (DLG_IS_CONTEXT (self), 0);

  /* A sync under way would push or pull the demo being deleted. */
  if (self->sync_manager != NULL)
    dlg_sync_manager_cancel (self->sync_manager);
  dlg_context_settle_journal (self);
  id = dlg_training_reset (self->store, self->training_site, NULL, stage, n_deleted, error);
  if (id == 0)
    return 0;
  if (self->training_site != NULL)
    {
      if (!dlg_training_site_attach (self->training_site, self->sync_manager, error))
        return 0;
      dlg_sync_manager_sync (self->sync_manager);
    }
  return id;
}
