/* dlg-sync-client.c — the sync v1 client: push the outbox, then pull the change feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession, used from the thread that owns the client (the main thread in the app).
 * The client holds the settings, the token and the progress of the last sync; one request with
 * its retries is dlg-sync-request.c, one sync (discovery, push, pull) is dlg-sync-run.c.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-sync-client-private.h"

G_DEFINE_FINAL_TYPE (DlgSyncClient, dlg_sync_client, G_TYPE_OBJECT)

static GParamSpec *properties[N_PROPS];

/* ------------------------------------------------------------------------------------------ */

void
dlg_sync_client_notify (DlgSyncClient     *self,
                        DlgSyncClientProp  prop)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
dlg_sync_client_finalize (GObject *object)
{
  DlgSyncClient *self = (DlgSyncClient *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->session);
  g_clear_pointer (&self->site_url, g_free);
  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
  g_clear_pointer (&self->problems, g_ptr_array_unref);

  G_OBJECT_CLASS (dlg_sync_client_parent_class)->finalize (object);
}

static void
dlg_sync_client_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DlgSyncClient *self = DLG_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SITE_URL:
      g_value_set_string (value, self->site_url);
      break;
    case PROP_BUSY:
      g_value_set_boolean (value, self->busy);
      break;
    case PROP_PHASE:
      g_value_set_string (value, self->phase);
      break;
    case PROP_FRACTION:
      g_value_set_double (value, self->fraction);
      break;
    case PROP_N_PUSHED:
      g_value_set_uint (value, self->n_pushed);
      break;
    case PROP_N_PULLED:
      g_value_set_uint (value, self->n_pulled);
      break;
    case PROP_N_CONFLICTS:
      g_value_set_uint (value, self->n_conflicts);
      break;
    case PROP_N_REJECTED:
      g_value_set_uint (value, self->n_rejected);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_sync_client_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  DlgSyncClient *self = DLG_SYNC_CLIENT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SITE_URL:
      {
        const char *url = g_value_get_string (value);
        gsize len = url != NULL ? strlen (url) : 0;

        while (len > 0 && url[len - 1] == '/')
          len--;
        self->site_url = g_strndup (url != NULL ? url : "", len);
      }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
logger_printer (SoupLogger         *logger,
                SoupLoggerLogLevel  level,
                char                direction,
                const char         *data,
                gpointer            user_data)
{
  /* Never print the bearer token. */
  if (g_ascii_strncasecmp (data, "Authorization:", 14) == 0)
    data = "Authorization: [hidden]";
  g_printerr ("%c %s\n", direction, data);
}

static void
dlg_sync_client_constructed (GObject *object)
{
  DlgSyncClient *self = DLG_SYNC_CLIENT (object);

  G_OBJECT_CLASS (dlg_sync_client_parent_class)->constructed (object);

  self->session = soup_session_new_with_options ("user-agent", "Dialogue/" PACKAGE_VERSION " ",
                                                 "timeout", 60,
                                                 "idle-timeout", 60,
                                                 NULL);
  if (g_getenv ("DIALOGUE_SYNC_DEBUG") != NULL)
    {
      g_autoptr(SoupLogger) logger = soup_logger_new (SOUP_LOGGER_LOG_HEADERS);

      soup_logger_set_printer (logger, logger_printer, NULL, NULL);
      soup_session_add_feature (self->session, SOUP_SESSION_FEATURE (logger));
    }
}

static void
dlg_sync_client_class_init (DlgSyncClientClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = dlg_sync_client_constructed;
  object_class->finalize = dlg_sync_client_finalize;
  object_class->get_property = dlg_sync_client_get_property;
  object_class->set_property = dlg_sync_client_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DLG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SITE_URL] =
    g_param_spec_string ("site-url", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_BUSY] =
    g_param_spec_boolean ("busy", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_PHASE] =
    g_param_spec_string ("phase", NULL, NULL, "idle",
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_FRACTION] =
    g_param_spec_double ("fraction", NULL, NULL, 0.0, 1.0, 0.0,
                         G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PUSHED] =
    g_param_spec_uint ("n-pushed", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_PULLED] =
    g_param_spec_uint ("n-pulled", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_CONFLICTS] =
    g_param_spec_uint ("n-conflicts", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_REJECTED] =
    g_param_spec_uint ("n-rejected", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_sync_client_init (DlgSyncClient *self)
{
  self->request_timeout_ms = 60 * 1000;
  self->backoff_base_ms = 2 * 1000;
  self->backoff_cap_ms = 15 * 60 * 1000;
  self->max_inline_wait_ms = 30 * 1000;
  self->max_attempts = 4;
  self->page_size = 500;
  self->max_pull_pages = 5000;
  self->max_pull_seconds = 15 * 60;
  self->max_response_bytes = 16 * 1024 * 1024;
  self->phase = "idle";
  self->problems = g_ptr_array_new_with_free_func (g_free);
}

/**
 * dlg_sync_client_new:
 * @store: the database to sync
 * @site_url: the site's base address, e.g. `https://participer.example.fr`
 *
 * Returns: (transfer full): a client; give it a token with dlg_sync_client_set_token()
 */
DlgSyncClient *
dlg_sync_client_new (DlgStore   *store,
                     const char *site_url)
{
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (site_url != NULL, NULL);

  return g_object_new (DLG_TYPE_SYNC_CLIENT, "store", store, "site-url", site_url, NULL);
}

DlgStore *
dlg_sync_client_get_store (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), NULL);
  return self->store;
}

const char *
dlg_sync_client_get_site_url (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), NULL);
  return self->site_url;
}

/**
 * dlg_sync_client_set_token:
 * @token: (nullable): the officer's bearer token
 *
 * Keeps the token in memory for the requests (never in the database or the logs). A new token
 * lifts the pause that a 401 put on the queue.
 */
void
dlg_sync_client_set_token (DlgSyncClient *self,
                           const char    *token)
{
  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));

  if (self->token != NULL)
    memset (self->token, 0, strlen (self->token));
  g_free (self->token);
  self->token = token != NULL && *token != '\0' ? g_strstrip (g_strdup (token)) : NULL;
  if (self->token != NULL)
    dlg_sync_state_touch (self->store, self->site_url, NULL);
}

gboolean
dlg_sync_client_has_token (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), FALSE);
  return self->token != NULL;
}

/**
 * dlg_sync_client_set_tls_database:
 *
 * Trusts the certificate authorities of @database (e.g. a city's own CA loaded with
 * g_tls_file_database_new()) instead of the system's.
 */
void
dlg_sync_client_set_tls_database (DlgSyncClient *self,
                                  GTlsDatabase  *database)
{
  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));
  soup_session_set_tls_database (self->session, database);
}

void
dlg_sync_client_set_request_timeout (DlgSyncClient *self,
                                     guint          timeout_ms)
{
  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));
  self->request_timeout_ms = MAX (timeout_ms, 100);
}

/**
 * dlg_sync_client_set_backoff:
 * @base_ms: first delay bound (2 s by default)
 * @cap_ms: largest delay (15 min by default)
 * @max_inline_wait_ms: a longer wait ends the sync and leaves the retry to the next one
 * @max_attempts: attempts per request within one sync
 */
void
dlg_sync_client_set_backoff (DlgSyncClient *self,
                             guint          base_ms,
                             guint          cap_ms,
                             guint          max_inline_wait_ms,
                             guint          max_attempts)
{
  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));
  self->backoff_base_ms = base_ms;
  self->backoff_cap_ms = cap_ms;
  self->max_inline_wait_ms = max_inline_wait_ms;
  self->max_attempts = MAX (max_attempts, 1);
}

void
dlg_sync_client_set_page_size (DlgSyncClient *self,
                               guint          page_size)
{
  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));
  self->page_size = CLAMP (page_size, 1, 10000);
}

/**
 * dlg_sync_client_set_pull_bounds:
 * @max_pages: the most pages one pull reads
 * @max_seconds: the longest one pull lasts
 *
 * A site whose change feed never ends (a broken or hostile one) stops the pull with
 * %DLG_SYNC_ERROR_FEED_ENDLESS at either bound; what was applied stays, and the next sync
 * goes on from there.
 */
void
dlg_sync_client_set_pull_bounds (DlgSyncClient *self,
                                 guint          max_pages,
                                 guint          max_seconds)
{
  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));
  self->max_pull_pages = MAX (max_pages, 1);
  self->max_pull_seconds = MAX (max_seconds, 1);
}

/**
 * dlg_sync_client_set_include_demo:
 *
 * Lets the changes of the demo processes go to the site (training mode, practice site only).
 */
void
dlg_sync_client_set_include_demo (DlgSyncClient *self,
                                  gboolean       include_demo)
{
  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));
  self->include_demo = !!include_demo;
}

void
dlg_sync_client_set_max_response_bytes (DlgSyncClient *self,
                                        gsize          max_bytes)
{
  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));
  self->max_response_bytes = MAX (max_bytes, 1024);
}

/**
 * dlg_sync_client_sync_async:
 * @flags: what to do
 * @cancellable: (nullable): cancels the sync between two writes; nothing is half-applied
 *
 * Pushes the outbox, then pulls the change feed. Progress is in the properties "phase",
 * "fraction", "n-pushed", "n-pulled", "n-conflicts" and "n-rejected"; changes the site refused
 * (400, 403, 422…) do not stop the sync: their messages are in
 * dlg_sync_client_get_problems().
 */
void
dlg_sync_client_sync_async (DlgSyncClient       *self,
                            DlgSyncFlags         flags,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dlg_sync_client_sync_async);
  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A sync is already running."));
      g_object_unref (task);
      return;
    }

  self->n_pushed = self->n_pulled = self->n_conflicts = self->n_rejected = 0;
  self->n_skipped = 0;
  g_ptr_array_set_size (self->problems, 0);
  dlg_sync_run (task, flags);
}

/**
 * dlg_sync_client_set_kind:
 * @kind: what the site is: the reference site (the default), or a Decidim or Cap Collectif
 *   platform read through its GraphQL API (dlg-sync-graphql.c), whose spaces are mapped to
 *   processes with dlg_sync_set_mapping()
 */
void
dlg_sync_client_set_kind (DlgSyncClient   *self,
                          DlgSyncSiteKind  kind)
{
  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));
  g_return_if_fail (!self->busy);

  self->kind = kind;
}

DlgSyncSiteKind
dlg_sync_client_get_kind (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), DLG_SYNC_SITE_DIALOGUE);

  return self->kind;
}

/**
 * dlg_sync_client_get_site_abilities:
 *
 * Returns: (nullable): for a platform, what its API allows Dialogue to do, in the officer's
 *   words, as the last sync found it (Decidim: by introspection); %NULL before
 */
const char *
dlg_sync_client_get_site_abilities (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), NULL);

  return self->site_abilities;
}

gboolean
dlg_sync_client_sync_finish (DlgSyncClient  *self,
                             GAsyncResult   *result,
                             GError        **error)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

typedef struct
{
  GMainLoop    *loop;
  GAsyncResult *result;
} SyncWait;

static void
sync_wait_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  SyncWait *wait = user_data;

  wait->result = g_object_ref (result);
  g_main_loop_quit (wait->loop);
}

/**
 * dlg_sync_client_sync:
 *
 * Runs dlg_sync_client_sync_async() to completion in a main loop of the thread-default main
 * context: for the command line and tests.
 */
gboolean
dlg_sync_client_sync (DlgSyncClient  *self,
                      DlgSyncFlags    flags,
                      GCancellable   *cancellable,
                      GError        **error)
{
  SyncWait wait = { g_main_loop_new (g_main_context_get_thread_default (), FALSE), NULL };
  gboolean ok;

  dlg_sync_client_sync_async (self, flags, cancellable, sync_wait_cb, &wait);
  if (wait.result == NULL)
    g_main_loop_run (wait.loop);
  ok = dlg_sync_client_sync_finish (self, wait.result, error);
  g_object_unref (wait.result);
  g_main_loop_unref (wait.loop);
  return ok;
}

gboolean
dlg_sync_client_get_busy (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), FALSE);
  return self->busy;
}

const char *
dlg_sync_client_get_phase (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), NULL);
  return self->phase;
}

double
dlg_sync_client_get_fraction (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), 0.0);
  return self->fraction;
}

guint
dlg_sync_client_get_n_pushed (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), 0);
  return self->n_pushed;
}

guint
dlg_sync_client_get_n_pulled (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), 0);
  return self->n_pulled;
}

guint
dlg_sync_client_get_n_conflicts (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), 0);
  return self->n_conflicts;
}

guint
dlg_sync_client_get_n_rejected (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), 0);
  return self->n_rejected;
}

/**
 * dlg_sync_client_get_n_skipped:
 *
 * Returns: the items of the change feed the last sync could not read: skipped (the rest of
 *   their page applied) and recorded in the table sync_skipped
 */
guint
dlg_sync_client_get_n_skipped (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), 0);
  return self->n_skipped;
}

/**
 * dlg_sync_client_get_problems:
 *
 * Returns: (transfer none) (element-type utf8): the messages of the changes the site refused
 *   during the last sync, for the officer
 */
GPtrArray *
dlg_sync_client_get_problems (DlgSyncClient *self)
{
  g_return_val_if_fail (DLG_IS_SYNC_CLIENT (self), NULL);
  return self->problems;
}
