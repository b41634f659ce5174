/* dlg-sync-manager.c — the app's side of sync, without GTK: status, periodic sync, training
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One manager per window's context. It owns the DlgSyncClient of the current site, keeps the
 * figures a sync button shows (busy, progress, last sync, pending changes, conflicts, last
 * error) as properties, syncs every "interval" seconds (only the changes whose backoff is over)
 * and on demand (everything). Training mode points it at a practice site on loopback with a
 * demo token held in memory; nothing of the officer's real site or keyring is touched.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-store.h"
#include "dlg-sync-error.h"
#include "dlg-sync-manager.h"
#include "dlg-sync-outbox.h"
#include "dlg-sync-token.h"

struct _DlgSyncManager
{
  GObject        parent_instance;

  DlgStore      *store;
  DlgSyncClient *client;
  GCancellable  *cancellable;
  gulong         changed_handler;
  GSource       *timer;
  guint          interval;
  GSource       *refresh;

  gboolean       busy;
  gboolean       training;
  gboolean       token_in_memory;
  gboolean       needs_token;
  gboolean       site_missing;
  gboolean       pending_again;
  gboolean       defer_counts;   /* construct-only: nothing counted before the first refresh */
  char          *last_sync;
  char          *last_error;
  gint64         pending_count;
  gint64         n_conflicts;
  gint64         n_refused;
};

G_DEFINE_FINAL_TYPE (DlgSyncManager, dlg_sync_manager, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SITE_URL,
  PROP_BUSY,
  PROP_PROGRESS,
  PROP_PHASE,
  PROP_LAST_SYNC,
  PROP_LAST_ERROR,
  PROP_PENDING_COUNT,
  PROP_N_CONFLICTS,
  PROP_N_REFUSED,
  PROP_INTERVAL,
  PROP_TRAINING,
  PROP_NEEDS_TOKEN,
  PROP_TOKEN_IN_MEMORY,
  PROP_SITE_MISSING,
  PROP_DEFER_COUNTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
set_string (DlgSyncManager  *self,
            char           **field,
            const char      *value,
            int              prop)
{
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_boolean (DlgSyncManager *self,
             gboolean       *field,
             gboolean        value,
             int             prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_int64 (DlgSyncManager *self,
           gint64         *field,
           gint64          value,
           int             prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

/**
 * dlg_sync_manager_refresh:
 *
 * Reads the pending changes, the conflicts and the last sync again from the database.
 */
void
dlg_sync_manager_refresh (DlgSyncManager *self)
{
  g_autofree char *last_sync = NULL;
  g_autofree char *last_error = NULL;
  gboolean paused = FALSE;

  g_return_if_fail (DLG_IS_SYNC_MANAGER (self));

  set_int64 (self, &self->pending_count,
             MAX (dlg_sync_count_pending_for (self->store, self->training, NULL), 0),
             PROP_PENDING_COUNT);
  set_int64 (self, &self->n_conflicts, MAX (dlg_sync_count_conflicts (self->store, NULL), 0),
             PROP_N_CONFLICTS);
  set_int64 (self, &self->n_refused, MAX (dlg_sync_count_refused (self->store, NULL), 0),
             PROP_N_REFUSED);
  if (self->client != NULL &&
      dlg_sync_get_state (self->store, dlg_sync_client_get_site_url (self->client), &last_sync,
                          &last_error, &paused, NULL))
    {
      set_string (self, &self->last_sync, last_sync, PROP_LAST_SYNC);
      if (!self->busy)
        set_string (self, &self->last_error, last_error, PROP_LAST_ERROR);
      set_boolean (self, &self->needs_token,
                   paused || !dlg_sync_client_has_token (self->client), PROP_NEEDS_TOKEN);
    }
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DlgSyncManager *self = user_data;

  g_clear_pointer (&self->refresh, g_source_unref);
  dlg_sync_manager_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DlgSyncManager *self,
                  GType          type,
                  gint64          process_id,
                  DlgStore       *store)
{
  if (type == DLG_TYPE_SYNC_OUTBOX || type == DLG_TYPE_SYNC_CONFLICT)
    dlg_sync_manager_refresh (self);
  else if (self->refresh == NULL)
    {
      /* A published narrative, a moderation… counts as pending before it is queued. Once per
       * burst of changes, on the context the manager works on (like the timer). */
      self->refresh = g_idle_source_new ();
      g_source_set_callback (self->refresh, refresh_idle_cb, self, NULL);
      g_source_set_static_name (self->refresh, "[dlg] sync status");
      g_source_attach (self->refresh, g_main_context_get_thread_default ());
    }
}

static void
client_notify_cb (DlgSyncManager *self,
                  GParamSpec     *pspec,
                  DlgSyncClient  *client)
{
  if (g_strcmp0 (pspec->name, "fraction") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROGRESS]);
  else if (g_strcmp0 (pspec->name, "phase") == 0)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
}

static void
sync_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(DlgSyncManager) self = user_data;
  g_autoptr(GError) error = NULL;
  DlgSyncClient *client = DLG_SYNC_CLIENT (object);
  GPtrArray *problems;

  dlg_sync_client_sync_finish (client, result, &error);
  g_clear_object (&self->cancellable);
  set_boolean (self, &self->busy, FALSE, PROP_BUSY);

  problems = dlg_sync_client_get_problems (client);
  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_string (self, &self->last_error, error->message, PROP_LAST_ERROR);
  else if (problems->len > 0)
    set_string (self, &self->last_error, problems->pdata[problems->len - 1], PROP_LAST_ERROR);
  else if (error == NULL)
    set_string (self, &self->last_error, NULL, PROP_LAST_ERROR);
  if (g_error_matches (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_AUTH) ||
      g_error_matches (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED))
    set_boolean (self, &self->needs_token, TRUE, PROP_NEEDS_TOKEN);
  /* A full resync that found many items gone waits for the officer (the site may have been
   * restored from an older backup); any other outcome ends that question. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    set_boolean (self, &self->site_missing,
                 g_error_matches (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_SITE_MISSING),
                 PROP_SITE_MISSING);
  dlg_sync_manager_refresh (self);

  if (self->pending_again)
    {
      self->pending_again = FALSE;
      dlg_sync_manager_sync (self);
    }
}

static void
start_sync (DlgSyncManager *self,
            DlgSyncFlags    flags)
{
  if (self->client == NULL)
    {
      set_string (self, &self->last_error, _("No site is set for sync."), PROP_LAST_ERROR);
      return;
    }
  if (self->busy)
    {
      /* The officer asked while a periodic sync runs: do one more right after. */
      if (flags == DLG_SYNC_FLAGS_NONE)
        self->pending_again = TRUE;
      return;
    }
  self->cancellable = g_cancellable_new ();
  /* Asked again at the end of this sync if the site still lacks them. */
  set_boolean (self, &self->site_missing, FALSE, PROP_SITE_MISSING);
  set_boolean (self, &self->busy, TRUE, PROP_BUSY);
  dlg_sync_client_sync_async (self->client, flags, self->cancellable, sync_done_cb,
                              g_object_ref (self));
}

static gboolean
timer_cb (gpointer user_data)
{
  DlgSyncManager *self = user_data;

  if (self->client != NULL && dlg_sync_client_has_token (self->client) && !self->needs_token)
    start_sync (self, DLG_SYNC_FLAGS_DUE_ONLY);
  return G_SOURCE_CONTINUE;
}

static void
set_client (DlgSyncManager *self,
            DlgSyncClient  *client)
{
  dlg_sync_manager_cancel (self);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_set_object (&self->client, client);
  if (client != NULL)
    g_signal_connect_object (client, "notify", G_CALLBACK (client_notify_cb), self,
                             G_CONNECT_SWAPPED);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE_URL]);
  dlg_sync_manager_refresh (self);
}

static void
dlg_sync_manager_dispose (GObject *object)
{
  DlgSyncManager *self = (DlgSyncManager *)object;

  dlg_sync_manager_cancel (self);
  dlg_sync_manager_set_interval (self, 0);
  if (self->refresh != NULL)
    g_source_destroy (self->refresh);
  g_clear_pointer (&self->refresh, g_source_unref);
  if (self->store != NULL && self->changed_handler != 0)
    g_clear_signal_handler (&self->changed_handler, self->store);
  if (self->client != NULL)
    g_signal_handlers_disconnect_by_data (self->client, self);
  g_clear_object (&self->client);
  g_clear_object (&self->store);

  G_OBJECT_CLASS (dlg_sync_manager_parent_class)->dispose (object);
}

static void
dlg_sync_manager_finalize (GObject *object)
{
  DlgSyncManager *self = (DlgSyncManager *)object;

  g_free (self->last_sync);
  g_free (self->last_error);

  G_OBJECT_CLASS (dlg_sync_manager_parent_class)->finalize (object);
}

static void
dlg_sync_manager_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlgSyncManager *self = DLG_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_DEFER_COUNTS:
      g_value_set_boolean (value, self->defer_counts);
      break;
    case PROP_SITE_URL:
      g_value_set_string (value, dlg_sync_manager_get_site_url (self));
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PROGRESS:
      g_value_set_double (value, dlg_sync_manager_get_progress (self));
      break;
    case PROP_PHASE:
      g_value_set_string (value, dlg_sync_manager_get_phase (self));
      break;
    case PROP_LAST_SYNC:
      g_value_set_string (value, self->last_sync);
      break;
    case PROP_LAST_ERROR:
      g_value_set_string (value, self->last_error);
      break;
    case PROP_PENDING_COUNT:
      g_value_set_int64 (value, self->pending_count);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_int64 (value, self->n_conflicts);
      break;
    case PROP_N_REFUSED:
      g_value_set_int64 (value, self->n_refused);
      break;
    case PROP_INTERVAL:
      g_value_set_uint (value, self->interval);
      break;
    case PROP_TRAINING:
      g_value_set_boolean (value, self->training);
      break;
    case PROP_NEEDS_TOKEN:
      g_value_set_boolean (value, self->needs_token);
      break;
    case PROP_SITE_MISSING:
      g_value_set_boolean (value, self->site_missing);
      break;
    case PROP_TOKEN_IN_MEMORY:
      g_value_set_boolean (value, self->token_in_memory);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_sync_manager_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  DlgSyncManager *self = DLG_SYNC_MANAGER (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_DEFER_COUNTS:
      self->defer_counts = g_value_get_boolean (value);
      break;
    case PROP_INTERVAL:
      dlg_sync_manager_set_interval (self, g_value_get_uint (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static gboolean
is_loopback (const char *site_url)
{
  g_autoptr(GUri) uri = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);
  const char *host = uri != NULL ? g_uri_get_host (uri) : NULL;

  return host != NULL && (g_str_equal (host, "127.0.0.1") || g_str_equal (host, "localhost") ||
                          g_str_equal (host, "::1") || g_str_equal (host, "[::1]"));
}

static void
dlg_sync_manager_constructed (GObject *object)
{
  DlgSyncManager *self = DLG_SYNC_MANAGER (object);
  g_autofree char *site = NULL;

  G_OBJECT_CLASS (dlg_sync_manager_parent_class)->constructed (object);

  self->changed_handler = g_signal_connect_object (self->store, "changed",
                                                   G_CALLBACK (store_changed_cb), self,
                                                   G_CONNECT_SWAPPED);
  site = dlg_sync_get_default_site (self->store, NULL);
  /* A site on loopback is a practice (or test) site of an earlier session, gone with it. */
  if (site != NULL && !is_loopback (site))
    dlg_sync_manager_set_site (self, site, NULL);
  if (!self->defer_counts)
    dlg_sync_manager_refresh (self);
}

static void
dlg_sync_manager_class_init (DlgSyncManagerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GParamFlags ro = G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->constructed = dlg_sync_manager_constructed;
  object_class->dispose = dlg_sync_manager_dispose;
  object_class->finalize = dlg_sync_manager_finalize;
  object_class->get_property = dlg_sync_manager_get_property;
  object_class->set_property = dlg_sync_manager_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DLG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SITE_URL] = g_param_spec_string ("site-url", NULL, NULL, NULL, ro);
  properties[PROP_BUSY] = g_param_spec_boolean ("busy", NULL, NULL, FALSE, ro);
  properties[PROP_PROGRESS] = g_param_spec_double ("progress", NULL, NULL, 0.0, 1.0, 0.0, ro);
  properties[PROP_PHASE] = g_param_spec_string ("phase", NULL, NULL, "idle", ro);
  properties[PROP_LAST_SYNC] = g_param_spec_string ("last-sync", NULL, NULL, NULL, ro);
  properties[PROP_LAST_ERROR] = g_param_spec_string ("last-error", NULL, NULL, NULL, ro);
  properties[PROP_PENDING_COUNT] =
    g_param_spec_int64 ("pending-count", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_N_CONFLICTS] =
    g_param_spec_int64 ("n-conflicts", NULL, NULL, 0, G_MAXINT64, 0, ro);
  /* Changes the site refused (400, 403, 413, 422…) that wait for the officer. */
  properties[PROP_N_REFUSED] =
    g_param_spec_int64 ("n-refused", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_INTERVAL] =
    g_param_spec_uint ("interval", NULL, NULL, 0, 24 * 3600, 0,
                       G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TRAINING] = g_param_spec_boolean ("training", NULL, NULL, FALSE, ro);
  properties[PROP_NEEDS_TOKEN] = g_param_spec_boolean ("needs-token", NULL, NULL, FALSE, ro);
  properties[PROP_TOKEN_IN_MEMORY] =
    g_param_spec_boolean ("token-in-memory", NULL, NULL, FALSE, ro);
  /* The last sync stopped: a full resync found many items gone from the site (the last error
   * says how many). dlg_sync_manager_confirm_missing() goes on. */
  properties[PROP_SITE_MISSING] = g_param_spec_boolean ("site-missing", NULL, NULL, FALSE, ro);
  /* What waits for the site is counted at the first dlg_sync_manager_refresh() (or change of
   * the store), not as the manager is made: the window counts after its first frame (counting
   * reads every published object; issue 17). */
  properties[PROP_DEFER_COUNTS] =
    g_param_spec_boolean ("defer-counts", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_sync_manager_init (DlgSyncManager *self)
{
}

/**
 * dlg_sync_manager_new:
 * @store: the app's database
 *
 * Returns: (transfer full): a manager pointed at the site this database synced with last, if
 *   any, with its token from the keyring
 */
DlgSyncManager *
dlg_sync_manager_new (DlgStore *store)
{
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  return g_object_new (DLG_TYPE_SYNC_MANAGER, "store", store, NULL);
}

DlgStore *
dlg_sync_manager_get_store (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), NULL);
  return self->store;
}

DlgSyncClient *
dlg_sync_manager_get_client (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), NULL);
  return self->client;
}

/**
 * dlg_sync_manager_set_site:
 * @site_url: the site's address (https://…)
 *
 * Points the manager at @site_url and reads its token from the keyring (a synchronous call to
 * the Secret Service). Leaves training mode.
 */
gboolean
dlg_sync_manager_set_site (DlgSyncManager  *self,
                           const char      *site_url,
                           GError         **error)
{
  g_autoptr(DlgSyncClient) client = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autofree char *token = NULL;

  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), FALSE);
  g_return_val_if_fail (site_url != NULL, FALSE);

  if (!dlg_sync_site_url_check (site_url, error))
    return FALSE;
  client = dlg_sync_client_new (self->store, site_url);
  token = dlg_sync_token_lookup (dlg_sync_client_get_site_url (client), NULL, &local_error);
  /* No keyring (no Secret Service) is not an error: the officer enters the token, which is
   * then kept in memory for the session. */
  if (local_error != NULL)
    g_debug ("%s", local_error->message);
  if (token != NULL)
    dlg_sync_client_set_token (client, token);
  set_boolean (self, &self->training, FALSE, PROP_TRAINING);
  set_client (self, client);
  set_boolean (self, &self->needs_token, token == NULL, PROP_NEEDS_TOKEN);
  return TRUE;
}

const char *
dlg_sync_manager_get_site_url (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), NULL);
  return self->client != NULL ? dlg_sync_client_get_site_url (self->client) : NULL;
}

/**
 * dlg_sync_manager_set_token:
 * @token: the token the site's administrator gave the officer
 *
 * Keeps the token in the keyring (or, without a Secret Service, in memory for this session:
 * "token-in-memory" then says so) and lifts the pause of a refused token.
 */
gboolean
dlg_sync_manager_set_token (DlgSyncManager  *self,
                            const char      *token,
                            GError         **error)
{
  gboolean in_memory = FALSE;

  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), FALSE);

  if (self->client == NULL)
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
                   _("Set the site's address before its token."));
      return FALSE;
    }
  if (token == NULL || *token == '\0')
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, _("The token is empty."));
      return FALSE;
    }
  if (!self->training &&
      !dlg_sync_token_store (dlg_sync_client_get_site_url (self->client), token, &in_memory,
                             NULL, error))
    return FALSE;
  dlg_sync_client_set_token (self->client, token);
  set_boolean (self, &self->token_in_memory, in_memory || self->training,
               PROP_TOKEN_IN_MEMORY);
  set_boolean (self, &self->needs_token, FALSE, PROP_NEEDS_TOKEN);
  dlg_sync_manager_refresh (self);
  return TRUE;
}

gboolean
dlg_sync_manager_get_has_token (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), FALSE);
  return self->client != NULL && dlg_sync_client_has_token (self->client);
}

gboolean
dlg_sync_manager_get_token_in_memory (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), FALSE);
  return self->token_in_memory;
}

/**
 * dlg_sync_manager_start_training:
 * @site_url: the practice site on loopback
 * @token: its demo token, kept in memory only
 *
 * Points the manager at a practice site (see dlg_training_site_start() in the app) so that
 * sync works with no setup during training. The keyring is not touched.
 */
void
dlg_sync_manager_start_training (DlgSyncManager *self,
                                 const char     *site_url,
                                 const char     *token)
{
  g_autoptr(DlgSyncClient) client = NULL;

  g_return_if_fail (DLG_IS_SYNC_MANAGER (self));
  g_return_if_fail (site_url != NULL && token != NULL);

  client = dlg_sync_client_new (self->store, site_url);
  dlg_sync_client_set_token (client, token);
  /* The practice site is where the demo process belongs. */
  dlg_sync_client_set_include_demo (client, TRUE);
  set_boolean (self, &self->training, TRUE, PROP_TRAINING);
  set_client (self, client);
  set_boolean (self, &self->token_in_memory, TRUE, PROP_TOKEN_IN_MEMORY);
  set_boolean (self, &self->needs_token, FALSE, PROP_NEEDS_TOKEN);
}

gboolean
dlg_sync_manager_get_training (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), FALSE);
  return self->training;
}

/**
 * dlg_sync_manager_sync:
 *
 * Syncs now, everything pending (the officer's "Sync" button). While a sync runs, one more
 * follows it.
 */
void
dlg_sync_manager_sync (DlgSyncManager *self)
{
  g_return_if_fail (DLG_IS_SYNC_MANAGER (self));
  start_sync (self, DLG_SYNC_FLAGS_NONE);
}

/**
 * dlg_sync_manager_confirm_missing:
 *
 * The officer checked the site and goes on: the sync marks what the site no longer lists "no
 * longer on the site" (kept in the app, never deleted).
 */
void
dlg_sync_manager_confirm_missing (DlgSyncManager *self)
{
  g_return_if_fail (DLG_IS_SYNC_MANAGER (self));
  start_sync (self, DLG_SYNC_FLAGS_CONFIRM_MISSING);
}

gboolean
dlg_sync_manager_get_site_missing (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), FALSE);
  return self->site_missing;
}

void
dlg_sync_manager_cancel (DlgSyncManager *self)
{
  g_return_if_fail (DLG_IS_SYNC_MANAGER (self));

  self->pending_again = FALSE;
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

/**
 * dlg_sync_manager_set_interval:
 * @seconds: the period of the background sync; 0 turns it off
 */
void
dlg_sync_manager_set_interval (DlgSyncManager *self,
                               guint           seconds)
{
  g_return_if_fail (DLG_IS_SYNC_MANAGER (self));

  if (self->interval == seconds)
    return;
  self->interval = seconds;
  if (self->timer != NULL)
    g_source_destroy (self->timer);
  g_clear_pointer (&self->timer, g_source_unref);
  if (seconds > 0)
    {
      /* On the context the manager works on (the app's main loop, or a test's). */
      self->timer = g_timeout_source_new_seconds (seconds);
      g_source_set_callback (self->timer, timer_cb, self, NULL);
      g_source_set_static_name (self->timer, "[dlg] periodic sync");
      g_source_attach (self->timer, g_main_context_get_thread_default ());
    }
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTERVAL]);
}

guint
dlg_sync_manager_get_interval (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), 0);
  return self->interval;
}

gboolean
dlg_sync_manager_get_busy (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), FALSE);
  return self->busy;
}

double
dlg_sync_manager_get_progress (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), 0.0);
  return self->client != NULL ? dlg_sync_client_get_fraction (self->client) : 0.0;
}

const char *
dlg_sync_manager_get_phase (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), NULL);
  return self->client != NULL ? dlg_sync_client_get_phase (self->client) : "idle";
}

const char *
dlg_sync_manager_get_last_sync (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), NULL);
  return self->last_sync;
}

const char *
dlg_sync_manager_get_last_error (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), NULL);
  return self->last_error;
}

gint64
dlg_sync_manager_get_pending_count (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), 0);
  return self->pending_count;
}

gint64
dlg_sync_manager_get_n_conflicts (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), 0);
  return self->n_conflicts;
}

gint64
dlg_sync_manager_get_n_refused (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), 0);

  return self->n_refused;
}

/**
 * dlg_sync_manager_retry_refused:
 * @refusal_id: a #DlgSyncRefusal's id, or 0 for every refused change
 *
 * "Send again": puts what the site refused back in the queue and syncs now.
 */
gboolean
dlg_sync_manager_retry_refused (DlgSyncManager  *self,
                                gint64           refusal_id,
                                GError         **error)
{
  guint n = 0;

  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), FALSE);

  if (!dlg_sync_retry_refused (self->store, refusal_id, &n, error))
    return FALSE;
  dlg_sync_manager_refresh (self);
  if (n > 0)
    dlg_sync_manager_sync (self);
  return TRUE;
}

/**
 * dlg_sync_manager_abandon_refused:
 * @refusal_id: a #DlgSyncRefusal's id
 *
 * The officer's decision not to send a refused change (dlg_sync_abandon_refused(): kept aside
 * and journaled); the counts follow.
 */
gboolean
dlg_sync_manager_abandon_refused (DlgSyncManager  *self,
                                  gint64           refusal_id,
                                  GError         **error)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), FALSE);
  g_return_val_if_fail (refusal_id > 0, FALSE);

  if (!dlg_sync_abandon_refused (self->store, refusal_id, NULL, error))
    return FALSE;
  dlg_sync_manager_refresh (self);
  return TRUE;
}

gboolean
dlg_sync_manager_get_needs_token (DlgSyncManager *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_MANAGER (self), FALSE);
  return self->needs_token;
}
