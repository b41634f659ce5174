/* dlg-sync-client.c — the sync v1 client: push the outbox, then pull the change feed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One SoupSession, used from the thread that owns the client (the main thread in the app).
 * Every attempt gets a fresh SoupMessage with its body from GBytes, and an overall deadline (a
 * GCancellable cancelled by a timeout source: libsoup's own timeouts only bound each I/O).
 * Network errors, timeouts, 408, 429 and 5xx are retried with exponential backoff and full
 * jitter (Retry-After wins) a few times inline; beyond that the outbox row keeps its next
 * attempt time and the sync reports the error. 401 pauses the queue until a new token is set;
 * TLS errors stop at once and are never ignored (nothing connects accept-certificate).
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsoup/soup.h>

#include "dlg-error.h"
#include "dlg-sync-client.h"
#include "dlg-sync-error.h"
#include "dlg-sync-private.h"
#include "dlg-sync-registry.h"

#define READ_CHUNK 65536

struct _DlgSyncClient
{
  GObject       parent_instance;

  DlgStore     *store;
  char         *site_url;
  char         *token;
  SoupSession  *session;

  guint         request_timeout_ms;
  guint         backoff_base_ms;
  guint         backoff_cap_ms;
  guint         max_inline_wait_ms;
  guint         max_attempts;
  guint         page_size;
  gsize         max_response_bytes;
  gboolean      include_demo;

  gboolean      busy;
  const char   *phase;
  double        fraction;
  guint         n_pushed;
  guint         n_pulled;
  guint         n_conflicts;
  guint         n_rejected;
  GPtrArray    *problems;
};

G_DEFINE_FINAL_TYPE (DlgSyncClient, dlg_sync_client, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SITE_URL,
  PROP_BUSY,
  PROP_PHASE,
  PROP_FRACTION,
  PROP_N_PUSHED,
  PROP_N_PULLED,
  PROP_N_CONFLICTS,
  PROP_N_REJECTED,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char sql_state_ensure[] =
  "INSERT INTO sync_state (site_url, used_at) VALUES (?1, ?2)"
  " ON CONFLICT (site_url) DO UPDATE SET used_at = excluded.used_at";
static const char sql_state_read[] =
  "SELECT cursor, full_resync, auth_paused, last_sync_at, last_error FROM sync_state"
  "  WHERE site_url = ?1";
static const char sql_state_pause[] =
  "UPDATE sync_state SET auth_paused = ?2 WHERE site_url = ?1";
static const char sql_state_done[] =
  "UPDATE sync_state SET last_sync_at = ?2, last_error = NULL WHERE site_url = ?1";
static const char sql_state_error[] =
  "UPDATE sync_state SET last_error = ?2 WHERE site_url = ?1";
/* A practice site on this computer is the default only when there is no real one. */
static const char sql_state_default[] =
  "SELECT site_url FROM sync_state ORDER BY"
  "  (site_url LIKE 'http://127.0.0.1%' OR site_url LIKE 'http://localhost%'"
  "   OR site_url LIKE 'http://[::1]%'), used_at DESC LIMIT 1";

/* ------------------------------------------------------------------------------------------ */
/* One HTTP request, with its attempts                                                         */

typedef struct
{
  /* What to send. */
  const char *method;
  char       *path;
  GPtrArray  *headers;        /* name, value, name, value… */
  GBytes     *body;
  gboolean    conflict_is_transient;

  /* What came back. */
  guint       status;
  GBytes     *response;
  char       *etag;
  gint64      retry_after_ms;
  guint       n_attempts;
  guint       next_delay_ms;  /* when it gave up on a transient error */

  /* The attempt in flight. */
  SoupMessage  *msg;
  GCancellable *parent;         /* the sync's, owned by its task */
  GCancellable *attempt_cancellable;
  gulong        parent_handler;
  GSource      *deadline;
  GSource      *wait_source;
  GSource      *cancel_source;
  gboolean      timed_out;
  GInputStream *stream;
  GByteArray   *buffer;
} Request;

static void
request_clear_wait (Request *req)
{
  if (req->wait_source != NULL)
    g_source_destroy (req->wait_source);
  if (req->cancel_source != NULL)
    g_source_destroy (req->cancel_source);
  g_clear_pointer (&req->wait_source, g_source_unref);
  g_clear_pointer (&req->cancel_source, g_source_unref);
}

static void
request_clear_attempt (Request *req)
{
  if (req->deadline != NULL)
    g_source_destroy (req->deadline);
  g_clear_pointer (&req->deadline, g_source_unref);
  if (req->parent != NULL && req->parent_handler != 0)
    g_cancellable_disconnect (req->parent, req->parent_handler);
  req->parent_handler = 0;
  g_clear_object (&req->msg);
  g_clear_object (&req->stream);
  g_clear_pointer (&req->buffer, g_byte_array_unref);
  g_clear_object (&req->attempt_cancellable);
}

static void
request_free (Request *req)
{
  request_clear_attempt (req);
  request_clear_wait (req);
  g_free (req->path);
  g_clear_pointer (&req->headers, g_ptr_array_unref);
  g_clear_pointer (&req->body, g_bytes_unref);
  g_clear_pointer (&req->response, g_bytes_unref);
  g_free (req->etag);
  g_free (req);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, request_free)

static Request *
request_new (const char *method,
             const char *path)
{
  Request *req = g_new0 (Request, 1);

  req->method = method;
  req->path = g_strdup (path);
  req->headers = g_ptr_array_new_with_free_func (g_free);
  req->retry_after_ms = -1;
  return req;
}

static void
request_add_header (Request    *req,
                    const char *name,
                    const char *value)
{
  g_ptr_array_add (req->headers, g_strdup (name));
  g_ptr_array_add (req->headers, g_strdup (value));
}

/**
 * dlg_sync_backoff_delay_ms:
 * @n_failures: failures so far (1 for the first retry)
 * @retry_after_ms: what the site asked, or -1
 *
 * Exponential backoff with full jitter: a uniform delay in [0, min (cap, base × 2^(n-1))];
 * a Retry-After wins (bounded by the cap).
 */
guint
dlg_sync_backoff_delay_ms (guint  base_ms,
                           guint  cap_ms,
                           guint  n_failures,
                           gint64 retry_after_ms)
{
  double ceiling;

  if (retry_after_ms >= 0)
    return (guint) MIN (retry_after_ms, (gint64) cap_ms);
  ceiling = MIN ((double) cap_ms, base_ms * ldexp (1.0, (int) MIN (n_failures, 40) - 1));
  return (guint) (g_random_double () * ceiling);
}

static gint64
parse_retry_after (SoupMessage *msg)
{
  const char *value = soup_message_headers_get_one (soup_message_get_response_headers (msg),
                                                    "Retry-After");
  g_autoptr(GDateTime) date = NULL;
  char *end = NULL;
  guint64 seconds;

  if (value == NULL)
    return -1;
  seconds = g_ascii_strtoull (value, &end, 10);
  if (end != value && *end == '\0')
    return (gint64) MIN (seconds, 86400) * 1000;
  date = soup_date_time_new_from_http_string (value);
  if (date != NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      GTimeSpan span = g_date_time_difference (date, now);

      return MAX (span / 1000, 0);
    }
  return -1;
}

static char *
strip_etag (const char *value)
{
  gsize len;

  if (value == NULL)
    return NULL;
  if (g_str_has_prefix (value, "W/"))
    value += 2;
  len = strlen (value);
  if (len >= 2 && value[0] == '"' && value[len - 1] == '"')
    return g_strndup (value + 1, len - 2);
  return g_strdup (value);
}

static gboolean
status_is_transient (Request *req)
{
  return req->status == SOUP_STATUS_REQUEST_TIMEOUT ||
         req->status == 429 ||
         req->status >= 500 ||
         (req->conflict_is_transient && req->status == SOUP_STATUS_CONFLICT);
}

static void request_send_attempt (GTask *task);

static gboolean
request_wait_over_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  request_clear_wait (req);
  request_send_attempt (task);
  return G_SOURCE_REMOVE;
}

/* Waits @delay_ms before the next attempt, or less if the sync is cancelled meanwhile. */
static void
request_wait (GTask *task,
              guint  delay_ms)
{
  Request *req = g_task_get_task_data (task);
  GMainContext *context = g_task_get_context (task);

  req->wait_source = g_timeout_source_new (delay_ms);
  g_source_set_callback (req->wait_source, request_wait_over_cb, task, NULL);
  g_source_attach (req->wait_source, context);
  if (req->parent != NULL)
    {
      req->cancel_source = g_cancellable_source_new (req->parent);
      g_source_set_callback (req->cancel_source, request_wait_over_cb, task, NULL);
      g_source_attach (req->cancel_source, context);
    }
}

static void
request_attempt_failed (GTask  *task,
                        GError *error)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  gboolean transient = error != NULL ? dlg_sync_error_is_transient (error)
                                     : status_is_transient (req);
  guint delay;

  request_clear_attempt (req);
  if (!transient)
    {
      if (error != NULL)
        g_task_return_error (task, error);
      else
        g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  delay = dlg_sync_backoff_delay_ms (self->backoff_base_ms, self->backoff_cap_ms,
                                     req->n_attempts, req->retry_after_ms);
  req->next_delay_ms = delay;
  if (req->n_attempts < self->max_attempts && delay <= self->max_inline_wait_ms &&
      !g_cancellable_is_cancelled (g_task_get_cancellable (task)))
    {
      g_debug ("%s %s: attempt %u failed (%s), retrying in %u ms", req->method, req->path,
               req->n_attempts, error != NULL ? error->message : "HTTP error", delay);
      g_clear_error (&error);
      g_clear_pointer (&req->response, g_bytes_unref);
      request_wait (task, delay);
      return;
    }

  if (error == NULL)
    {
      if (req->status == 429 || req->status == 503)
        error = g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_UNAVAILABLE,
                             _("The site is busy or under maintenance (HTTP %u). The changes "
                               "are kept and will be sent later."), req->status);
      else
        error = g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_UNAVAILABLE,
                             _("The site has an internal problem (HTTP %u). The changes are "
                               "kept and will be sent later."), req->status);
    }
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
request_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) chunk = g_input_stream_read_bytes_finish (G_INPUT_STREAM (object), result,
                                                             &error);
  GError *mapped = NULL;

  if (chunk == NULL)
    {
      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        mapped = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
      else if (req->timed_out)
        mapped = g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_TIMEOUT,
                              _("The site answered too slowly (more than %.1f s)."),
                              self->request_timeout_ms / 1000.0);
      else
        mapped = g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_NETWORK,
                              _("The connection to the site was cut during the answer (%s)."),
                              error->message);
      if (mapped->domain == G_IO_ERROR)
        {
          request_clear_attempt (req);
          g_task_return_error (task, mapped);
          g_object_unref (task);
          return;
        }
      request_attempt_failed (task, mapped);
      return;
    }

  if (g_bytes_get_size (chunk) == 0)
    {
      SoupMessageHeaders *headers = soup_message_get_response_headers (req->msg);

      /* libsoup ends a body cut short by a closed connection as if it were complete. */
      if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
          soup_message_headers_get_content_length (headers) != (goffset) req->buffer->len)
        {
          request_attempt_failed (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_NETWORK,
                                                     _("The connection to the site was cut "
                                                       "during the answer (%lu of %lu "
                                                       "bytes)."),
                                                     (unsigned long) req->buffer->len,
                                                     (unsigned long)
                                                     soup_message_headers_get_content_length (
                                                       headers)));
          return;
        }
      req->response = g_byte_array_free_to_bytes (g_steal_pointer (&req->buffer));
      if (status_is_transient (req))
        {
          request_attempt_failed (task, NULL);
          return;
        }
      request_clear_attempt (req);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }

  if (req->buffer->len + g_bytes_get_size (chunk) > self->max_response_bytes)
    {
      request_clear_attempt (req);
      g_task_return_new_error (task, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                               _("The site's answer is larger than %lu bytes; it was refused "
                                 "and nothing of it was kept."),
                               (unsigned long) self->max_response_bytes);
      g_object_unref (task);
      return;
    }
  g_byte_array_append (req->buffer, g_bytes_get_data (chunk, NULL), g_bytes_get_size (chunk));
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt_cancellable, request_read_cb, task);
}

static void
request_send_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  SoupMessageHeaders *headers;
  goffset length;

  req->stream = soup_session_send_finish (SOUP_SESSION (object), result, &error);
  if (req->stream == NULL)
    {
      GError *mapped;

      if (g_cancellable_is_cancelled (g_task_get_cancellable (task)))
        mapped = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
      else if (req->timed_out)
        mapped = g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_TIMEOUT,
                              _("The site answered too slowly (more than %.1f s)."),
                              self->request_timeout_ms / 1000.0);
      else if (error->domain == G_TLS_ERROR ||
               soup_message_get_tls_peer_certificate_errors (req->msg) != 0)
        mapped = g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_TLS,
                              _("The identity of the site %s cannot be verified (%s). Nothing "
                                "was sent. Check the address, or ask your IT department to "
                                "install the site's certificate authority."),
                              self->site_url, error->message);
      else
        mapped = g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_NETWORK,
                              _("The site %s cannot be reached (%s). The changes are kept and "
                                "will be sent later."), self->site_url, error->message);

      if (mapped->domain != DLG_SYNC_ERROR || mapped->code == DLG_SYNC_ERROR_TLS)
        {
          request_clear_attempt (req);
          g_task_return_error (task, mapped);
          g_object_unref (task);
          return;
        }
      request_attempt_failed (task, mapped);
      return;
    }

  req->status = soup_message_get_status (req->msg);
  headers = soup_message_get_response_headers (req->msg);
  if (SOUP_STATUS_IS_REDIRECTION (req->status))
    {
      const char *location = soup_message_headers_get_one (headers, "Location");

      request_clear_attempt (req);
      g_task_return_new_error (task, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
                               _("The site %s sends its requests elsewhere (%s). Check its "
                                 "address with the site's administrator; nothing was sent "
                                 "there."), self->site_url, location != NULL ? location : "?");
      g_object_unref (task);
      return;
    }
  g_free (req->etag);
  req->etag = strip_etag (soup_message_headers_get_one (headers, "ETag"));
  req->retry_after_ms = parse_retry_after (req->msg);

  length = soup_message_headers_get_content_length (headers);
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH &&
      length > (goffset) self->max_response_bytes)
    {
      request_clear_attempt (req);
      g_task_return_new_error (task, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                               _("The site's answer is larger than %lu bytes; it was refused "
                                 "and nothing of it was kept."),
                               (unsigned long) self->max_response_bytes);
      g_object_unref (task);
      return;
    }

  req->buffer = g_byte_array_new ();
  g_input_stream_read_bytes_async (req->stream, READ_CHUNK, G_PRIORITY_DEFAULT,
                                   req->attempt_cancellable, request_read_cb, task);
}

static gboolean
request_deadline_cb (gpointer user_data)
{
  GTask *task = user_data;
  Request *req = g_task_get_task_data (task);

  req->timed_out = TRUE;
  g_cancellable_cancel (req->attempt_cancellable);
  return G_SOURCE_REMOVE;
}

static void
parent_cancelled_cb (GCancellable *parent,
                     GCancellable *child)
{
  g_cancellable_cancel (child);
}

static void
request_send_attempt (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  Request *req = g_task_get_task_data (task);
  g_autofree char *uri = g_strconcat (self->site_url, req->path, NULL);
  g_autofree char *auth = NULL;
  GCancellable *parent = g_task_get_cancellable (task);
  SoupMessageHeaders *headers;

  if (g_cancellable_is_cancelled (parent))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED, _("Cancelled."));
      g_object_unref (task);
      return;
    }

  req->n_attempts++;
  req->timed_out = FALSE;
  req->status = 0;
  req->msg = soup_message_new (req->method, uri);
  if (req->msg == NULL)
    {
      g_task_return_new_error (task, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
                               _("“%s” is not a valid site address."), self->site_url);
      g_object_unref (task);
      return;
    }
  /* A redirect could carry the bearer token to another host: none is followed. */
  soup_message_add_flags (req->msg, SOUP_MESSAGE_NO_REDIRECT);
  headers = soup_message_get_request_headers (req->msg);
  soup_message_headers_replace (headers, "Accept", "application/json, application/problem+json");
  auth = g_strconcat ("Bearer ", self->token, NULL);
  soup_message_headers_replace (headers, "Authorization", auth);
  for (guint i = 0; i + 1 < req->headers->len; i += 2)
    soup_message_headers_replace (headers, req->headers->pdata[i], req->headers->pdata[i + 1]);
  if (req->body != NULL)
    soup_message_set_request_body_from_bytes (req->msg, "application/json", req->body);

  req->attempt_cancellable = g_cancellable_new ();
  if (parent != NULL)
    req->parent_handler = g_cancellable_connect (parent, G_CALLBACK (parent_cancelled_cb),
                                                 req->attempt_cancellable, NULL);
  /* The overall deadline of the attempt, on the context the sync runs on. */
  req->deadline = g_timeout_source_new (self->request_timeout_ms);
  g_source_set_callback (req->deadline, request_deadline_cb, task, NULL);
  g_source_attach (req->deadline, g_task_get_context (task));
  soup_session_send_async (self->session, req->msg, G_PRIORITY_DEFAULT,
                           req->attempt_cancellable, request_send_cb, task);
}

/* Sends @req until it gets a non-transient answer or runs out of attempts. HTTP statuses are
 * not errors: the caller reads req->status. */
static void
request_async (DlgSyncClient       *self,
               Request             *req,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, request_async);
  /* The Request belongs to the caller, who reads the answer after request_finish(). */
  g_task_set_task_data (task, req, NULL);
  req->parent = cancellable;
  req->n_attempts = 0;
  req->next_delay_ms = 0;
  request_send_attempt (task);
}

static gboolean
request_finish (DlgSyncClient  *self,
                GAsyncResult   *result,
                GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------ */
/* Messages from problem+json answers                                                          */

static char *
problem_text (Request *req)
{
  g_autoptr(JsonObject) problem = NULL;
  GString *text = g_string_new (NULL);
  JsonNode *node;

  if (req->response != NULL && g_bytes_get_size (req->response) > 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (req->response, &size);

      problem = dlg_sync_parse_object (data, size, NULL);
    }
  if (problem != NULL)
    {
      node = json_object_get_member (problem, "title");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append (text, json_node_get_string (node));
      node = json_object_get_member (problem, "detail");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        g_string_append_printf (text, "%s%s", text->len > 0 ? " — " : "",
                                json_node_get_string (node));
      node = json_object_get_member (problem, "errors");
      if (node != NULL && JSON_NODE_HOLDS_ARRAY (node))
        {
          JsonArray *errors = json_node_get_array (node);

          for (guint i = 0; i < json_array_get_length (errors) && i < 10; i++)
            {
              JsonNode *e = json_array_get_element (errors, i);
              JsonObject *o;
              const char *field = NULL, *message = NULL;

              if (!JSON_NODE_HOLDS_OBJECT (e))
                continue;
              o = json_node_get_object (e);
              if (json_object_has_member (o, "field") &&
                  JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "field")))
                field = json_object_get_string_member_with_default (o, "field", NULL);
              if (json_object_has_member (o, "message") &&
                  JSON_NODE_HOLDS_VALUE (json_object_get_member (o, "message")))
                message = json_object_get_string_member_with_default (o, "message", NULL);
              if (message != NULL)
                g_string_append_printf (text, "%s%s%s%s", text->len > 0 ? "; " : "",
                                        field != NULL ? field : "", field != NULL ? ": " : "",
                                        message);
            }
        }
    }
  if (text->len == 0)
    g_string_append_printf (text, "HTTP %u %s", req->status,
                            soup_status_get_phrase (req->status));
  /* Shown to the officer and stored: keep it reasonable. */
  if (text->len > 1000)
    g_string_truncate (text, 1000);
  return g_string_free (text, FALSE);
}

static const char *
object_label (const char *type)
{
  if (g_strcmp0 (type, "process") == 0)
    return _("the process page");
  if (g_strcmp0 (type, "narrative") == 0)
    return _("a narrative");
  if (g_strcmp0 (type, "response") == 0)
    return _("the argued response");
  if (g_strcmp0 (type, "commitment") == 0)
    return _("a commitment");
  if (g_strcmp0 (type, "moderation") == 0)
    return _("a moderation decision");
  if (g_strcmp0 (type, "follow_up") == 0)
    return _("a follow-up meeting or report");
  if (g_strcmp0 (type, "contribution") == 0)
    return _("a contribution received in person");
  if (g_strcmp0 (type, "highlight") == 0)
    return _("a highlight");
  return type;
}

/* ------------------------------------------------------------------------------------------ */
/* Sync state in the database                                                                  */

static gboolean
state_exec (DlgStore    *store,
            const char  *sql,
            const char  *site_url,
            const char  *text,
            GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, site_url);
  dlg_stmt_bind_text (stmt, 2, text);
  return dlg_store_step_done (store, stmt, error);
}

static gboolean
state_set_paused (DlgStore    *store,
                  const char  *site_url,
                  gboolean     paused,
                  GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_state_pause, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, site_url);
  sqlite3_bind_int (stmt, 2, paused);
  return dlg_store_step_done (store, stmt, error);
}

/**
 * dlg_sync_get_default_site:
 *
 * Returns: (transfer full) (nullable): the site this database synced with last
 */
char *
dlg_sync_get_default_site (DlgStore  *store,
                           GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_state_default, error);

  if (stmt == NULL)
    return NULL;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    return dlg_stmt_dup_text (stmt, 0);
  return NULL;
}

/**
 * dlg_sync_get_state:
 *
 * Reads what the last sync with @site_url left. Returns %FALSE (without an error) when this
 * database never synced with it.
 */
gboolean
dlg_sync_get_state (DlgStore    *store,
                    const char  *site_url,
                    char       **last_sync_at,
                    char       **last_error,
                    gboolean    *auth_paused,
                    GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_state_read, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, site_url);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return FALSE;
  if (auth_paused != NULL)
    *auth_paused = sqlite3_column_int (stmt, 2) != 0;
  if (last_sync_at != NULL)
    *last_sync_at = dlg_stmt_dup_text (stmt, 3);
  if (last_error != NULL)
    *last_error = dlg_stmt_dup_text (stmt, 4);
  return TRUE;
}

/* HTTPS, or plain HTTP to this computer only (the practice site, tests): a bearer token never
 * crosses a network in clear. */
/**
 * dlg_sync_site_url_is_valid:
 *
 * Returns: %TRUE for an https:// address, or an http:// one on this computer
 */
gboolean
dlg_sync_site_url_is_valid (const char *site_url)
{
  g_autoptr(GUri) uri = g_uri_parse (site_url, G_URI_FLAGS_NONE, NULL);
  const char *host;

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return FALSE;
  if (g_strcmp0 (g_uri_get_scheme (uri), "https") == 0)
    return TRUE;
  host = g_uri_get_host (uri);
  return g_strcmp0 (g_uri_get_scheme (uri), "http") == 0 &&
         (g_strcmp0 (host, "127.0.0.1") == 0 || g_strcmp0 (host, "localhost") == 0 ||
          g_strcmp0 (host, "::1") == 0 || g_strcmp0 (host, "[::1]") == 0);
}

/* ------------------------------------------------------------------------------------------ */
/* The sync: discovery, push, pull                                                             */

typedef struct
{
  DlgSyncFlags  flags;
  GArray       *outbox_ids;
  guint         push_index;
  DlgOutboxRow *row;
  Request      *req;
  char         *cursor;
  gboolean      full_resync;
  gboolean      resync_restarted;
  guint         page_limit;
  guint         n_pages;
} SyncOp;

static void
sync_op_free (SyncOp *op)
{
  g_clear_pointer (&op->outbox_ids, g_array_unref);
  g_clear_pointer (&op->row, dlg_outbox_row_free);
  g_clear_pointer (&op->req, request_free);
  g_free (op->cursor);
  g_free (op);
}

static void
set_phase (DlgSyncClient *self,
           const char    *phase,
           double         fraction)
{
  if (g_strcmp0 (self->phase, phase) != 0)
    {
      self->phase = phase;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHASE]);
    }
  if (self->fraction != fraction)
    {
      self->fraction = fraction;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FRACTION]);
    }
}

static void
bump (DlgSyncClient *self,
      guint         *counter,
      guint          by,
      int            prop)
{
  if (by == 0)
    return;
  *counter += by;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

static void
set_busy (DlgSyncClient *self,
          gboolean       busy)
{
  if (self->busy == busy)
    return;
  self->busy = busy;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BUSY]);
}

static void
sync_fail (GTask  *task,
           GError *error)
{
  DlgSyncClient *self = g_task_get_source_object (task);

  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    state_exec (self->store, sql_state_error, self->site_url, error->message, NULL);
  set_phase (self, "idle", 0.0);
  set_busy (self, FALSE);
  g_task_return_error (task, error);
  g_object_unref (task);
}

static void
sync_done (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  g_autofree char *now = dlg_now_iso8601 ();

  state_exec (self->store, sql_state_done, self->site_url, now, NULL);
  set_phase (self, "idle", 1.0);
  set_busy (self, FALSE);
  g_task_return_boolean (task, TRUE);
  g_object_unref (task);
}

static void
auth_refused (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);

  state_set_paused (self->store, self->site_url, TRUE, NULL);
  sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_AUTH,
                                _("The site %s refused the token (it may have expired or "
                                  "been revoked). Sync is paused until you enter a new "
                                  "token; your changes are kept."), self->site_url));
}

static void pull_next (GTask *task);
static void push_next (GTask *task);

/* Pull ------------------------------------------------------------------------------------- */

static void
pull_finish (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  guint applied = 0;

  if (!dlg_sync_apply_orphans (self->store, &applied, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  bump (self, &self->n_pulled, applied, PROP_N_PULLED);
  sync_done (task);
}

static void
pull_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgSyncPage) page = NULL;
  guint applied = 0;
  Request *req = op->req;

  if (!request_finish (self, result, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }

  if (req->status == SOUP_STATUS_GONE)
    {
      if (op->cursor == NULL || op->resync_restarted)
        {
          sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                                        _("The site refuses to list its changes even from the "
                                          "beginning (HTTP 410).")));
          return;
        }
      g_message ("The site's cursor expired: full resync");
      if (!dlg_sync_resync_begin (self->store, self->site_url, &error))
        {
          sync_fail (task, g_steal_pointer (&error));
          return;
        }
      g_clear_pointer (&op->cursor, g_free);
      op->full_resync = TRUE;
      op->resync_restarted = TRUE;
      pull_next (task);
      return;
    }
  if (req->status == SOUP_STATUS_UNAUTHORIZED)
    {
      auth_refused (task);
      return;
    }
  if (req->status != SOUP_STATUS_OK)
    {
      g_autofree char *text = problem_text (req);

      sync_fail (task, g_error_new (DLG_SYNC_ERROR,
                                    req->status == SOUP_STATUS_FORBIDDEN
                                    ? DLG_SYNC_ERROR_FORBIDDEN : DLG_SYNC_ERROR_PROTOCOL,
                                    _("The site refused to list its changes: %s."), text));
      return;
    }

  page = dlg_sync_page_parse (req->response, op->page_limit, &error);
  if (page == NULL)
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  if (dlg_sync_page_get_has_more (page) &&
      (dlg_sync_page_get_n_items (page) == 0 ||
       g_strcmp0 (dlg_sync_page_get_next_cursor (page), op->cursor) == 0))
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                                    _("The site's list of changes does not move forward; the "
                                      "sync stopped to avoid an endless loop.")));
      return;
    }
  if (!dlg_sync_page_apply (self->store, page, self->site_url, op->full_resync, &applied,
                            &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  op->n_pages++;
  bump (self, &self->n_pulled, applied, PROP_N_PULLED);
  set_phase (self, "pull", 0.5 + 0.5 * (1.0 - 1.0 / (1.0 + op->n_pages)));
  g_free (op->cursor);
  op->cursor = g_strdup (dlg_sync_page_get_next_cursor (page));
  if (!dlg_sync_page_get_has_more (page))
    {
      op->full_resync = FALSE;
      pull_finish (task);
      return;
    }
  pull_next (task);
}

static void
pull_next (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autofree char *path = NULL;

  if (op->cursor != NULL)
    {
      g_autofree char *escaped = g_uri_escape_string (op->cursor, NULL, FALSE);

      path = g_strdup_printf (DLG_SYNC_API_PREFIX "changes?limit=%u&cursor=%s",
                              op->page_limit, escaped);
    }
  else
    path = g_strdup_printf (DLG_SYNC_API_PREFIX "changes?limit=%u", op->page_limit);

  g_clear_pointer (&op->req, request_free);
  op->req = request_new ("GET", path);
  request_async (self, op->req, g_task_get_cancellable (task), pull_cb, task);
}

static void
pull_start (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = NULL;

  if (op->flags & DLG_SYNC_FLAGS_PUSH_ONLY)
    {
      sync_done (task);
      return;
    }
  set_phase (self, "pull", 0.5);
  stmt = dlg_store_prepare (self->store, sql_state_read, &error);
  if (stmt == NULL)
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  dlg_stmt_bind_text (stmt, 1, self->site_url);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      op->cursor = dlg_stmt_dup_text (stmt, 0);
      op->full_resync = sqlite3_column_int (stmt, 1) != 0;
    }
  g_clear_pointer (&stmt, dlg_stmt_release);
  pull_next (task);
}

/* Push ------------------------------------------------------------------------------------- */

static gboolean
read_write_answer (Request     *req,
                   char       **etag,
                   gint64      *rev)
{
  g_autoptr(JsonObject) answer = NULL;

  *etag = g_strdup (req->etag);
  *rev = 0;
  if (req->response != NULL && g_bytes_get_size (req->response) > 0)
    {
      gsize size;
      const char *data = g_bytes_get_data (req->response, &size);
      JsonNode *node;

      answer = dlg_sync_parse_object (data, size, NULL);
      if (answer == NULL)
        return *etag != NULL;
      node = json_object_get_member (answer, "rev");
      if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_INT64)
        *rev = json_node_get_int (node);
      node = json_object_get_member (answer, "etag");
      if (*etag == NULL && node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
          json_node_get_value_type (node) == G_TYPE_STRING)
        *etag = strip_etag (json_node_get_string (node));
    }
  return TRUE;
}

static void
push_advance (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);

  op->push_index++;
  set_phase (self, "push", 0.5 * op->push_index / MAX (op->outbox_ids->len, 1));
  push_next (task);
}

static void
conflict_get_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) site = NULL;
  g_autofree char *site_json = NULL;
  Request *req = op->req;

  if (!request_finish (self, result, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  if (req->status == SOUP_STATUS_UNAUTHORIZED)
    {
      auth_refused (task);
      return;
    }
  if (req->status == SOUP_STATUS_OK)
    {
      gsize size;
      const char *data = g_bytes_get_data (req->response, &size);
      JsonNode *inner;

      site = dlg_sync_parse_object (data != NULL ? data : "", size, &error);
      if (site == NULL)
        {
          sync_fail (task, g_steal_pointer (&error));
          return;
        }
      /* Accept the object itself or an envelope holding it in "data". */
      inner = json_object_get_member (site, "data");
      if (inner != NULL && JSON_NODE_HOLDS_OBJECT (inner) &&
          !json_object_has_member (site, "title"))
        {
          JsonObject *o = json_object_ref (json_node_get_object (inner));

          json_object_unref (site);
          site = o;
        }
      {
        g_autoptr(JsonNode) node = json_node_init_object (json_node_alloc (), site);

        site_json = dlg_sync_json_to_string (node);
      }

      /* Our own earlier write (its answer was lost): nothing to ask the officer. */
      if (op->row->body != NULL)
        {
          g_autoptr(JsonObject) mine = dlg_sync_parse_object (op->row->body, -1, NULL);

          if (mine != NULL && dlg_sync_json_same (mine, site) && req->etag != NULL)
            {
              if (!dlg_outbox_sent (self->store, op->row, req->etag, 0, &error))
                {
                  sync_fail (task, g_steal_pointer (&error));
                  return;
                }
              bump (self, &self->n_pushed, 1, PROP_N_PUSHED);
              push_advance (task);
              return;
            }
        }
    }
  else if (req->status != SOUP_STATUS_NOT_FOUND && req->status != SOUP_STATUS_GONE)
    {
      g_autofree char *text = problem_text (req);

      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                                    _("The site's version of %s cannot be read: %s."),
                                    object_label (op->row->object_type), text));
      return;
    }

  if (!dlg_outbox_conflict (self->store, op->row, site_json,
                            req->status == SOUP_STATUS_OK ? req->etag : NULL, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  bump (self, &self->n_conflicts, 1, PROP_N_CONFLICTS);
  push_advance (task);
}

static void
push_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(GError) db_error = NULL;
  Request *req = op->req;
  DlgOutboxRow *row = op->row;
  guint status;

  if (!request_finish (self, result, &error))
    {
      if (dlg_sync_error_is_transient (error))
        {
          gint64 next = g_get_real_time () / G_USEC_PER_SEC +
                        dlg_sync_backoff_delay_ms (self->backoff_base_ms, self->backoff_cap_ms,
                                                   row->attempts + req->n_attempts,
                                                   req->retry_after_ms) / 1000;

          dlg_outbox_retry_later (self->store, row, req->n_attempts, next, error->message,
                                  NULL);
        }
      sync_fail (task, g_steal_pointer (&error));
      return;
    }

  status = req->status;
  if (status == SOUP_STATUS_UNAUTHORIZED)
    {
      dlg_outbox_retry_later (self->store, row, req->n_attempts, 0,
                              _("The token was refused."), NULL);
      auth_refused (task);
      return;
    }

  if (SOUP_STATUS_IS_SUCCESSFUL (status) ||
      (g_strcmp0 (row->method, "DELETE") == 0 &&
       (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)) ||
      (g_strcmp0 (row->method, "POST") == 0 &&
       (status == SOUP_STATUS_NOT_FOUND || status == SOUP_STATUS_GONE)))
    {
      g_autofree char *etag = NULL;
      gint64 rev = 0;

      if (!read_write_answer (req, &etag, &rev) && g_strcmp0 (row->method, "PUT") == 0)
        {
          sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                                        _("The site accepted %s but sent back no version "
                                          "tag."), object_label (row->object_type)));
          return;
        }
      if (!dlg_outbox_sent (self->store, row, etag, rev, &db_error))
        {
          sync_fail (task, g_steal_pointer (&db_error));
          return;
        }
      bump (self, &self->n_pushed, 1, PROP_N_PUSHED);
      push_advance (task);
      return;
    }

  if (status == SOUP_STATUS_PRECONDITION_FAILED && g_strcmp0 (row->method, "POST") != 0)
    {
      const DlgSyncCollection *collection = dlg_sync_registry_lookup (row->object_type);
      g_autofree char *path = g_strconcat (DLG_SYNC_API_PREFIX, collection->collection, "/",
                                           row->object_uuid, NULL);

      g_clear_pointer (&op->req, request_free);
      op->req = request_new ("GET", path);
      request_async (self, op->req, g_task_get_cancellable (task), conflict_get_cb, task);
      return;
    }

  /* 400, 403, 404, 413, 422…: the officer must look at it; other rows go on. */
  {
    g_autofree char *text = problem_text (req);
    g_autofree char *message = NULL;

    if (status == SOUP_STATUS_FORBIDDEN)
      message = g_strdup_printf (_("The token does not allow sending %s: %s. Ask the site's "
                                   "administrator for the missing permission."),
                                 object_label (row->object_type), text);
    else
      message = g_strdup_printf (_("The site refused %s: %s. Correct it and publish it "
                                   "again."), object_label (row->object_type), text);
    g_ptr_array_add (self->problems, g_strdup (message));
    if (!dlg_outbox_failed (self->store, row, req->n_attempts, message, &db_error))
      {
        sync_fail (task, g_steal_pointer (&db_error));
        return;
      }
    bump (self, &self->n_rejected, 1, PROP_N_REJECTED);
    push_advance (task);
  }
}

static void
push_next (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *etag = NULL;

  if (op->push_index >= op->outbox_ids->len)
    {
      pull_start (task);
      return;
    }

  g_clear_pointer (&op->row, dlg_outbox_row_free);
  op->row = dlg_outbox_load (self->store, g_array_index (op->outbox_ids, gint64, op->push_index),
                             &error);
  if (op->row == NULL)
    {
      if (error != NULL)
        {
          sync_fail (task, g_steal_pointer (&error));
          return;
        }
      push_advance (task);    /* resolved or sent meanwhile */
      return;
    }

  g_clear_pointer (&op->req, request_free);
  op->req = request_new (g_intern_string (op->row->method), op->row->path);
  if (op->row->body != NULL)
    op->req->body = g_bytes_new (op->row->body, strlen (op->row->body));

  if (g_strcmp0 (op->row->method, "POST") == 0)
    {
      request_add_header (op->req, "Idempotency-Key", op->row->idempotency_key);
      op->req->conflict_is_transient = TRUE;
    }
  else
    {
      etag = dlg_outbox_get_etag (self->store, op->row);
      if (etag != NULL)
        {
          g_autofree char *quoted = g_strdup_printf ("\"%s\"", etag);

          request_add_header (op->req, "If-Match", quoted);
        }
      else if (g_strcmp0 (op->row->method, "PUT") == 0)
        request_add_header (op->req, "If-None-Match", "*");
    }
  request_async (self, op->req, g_task_get_cancellable (task), push_cb, task);
}

static void
push_start (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;

  if (op->flags & DLG_SYNC_FLAGS_PULL_ONLY)
    {
      op->outbox_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      pull_start (task);
      return;
    }
  /* Edits made through the domain API come into the outbox first. */
  if (!dlg_sync_collect_changes (self->store, self->include_demo, NULL, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  op->outbox_ids = dlg_outbox_list_ids (self->store, (op->flags & DLG_SYNC_FLAGS_DUE_ONLY) != 0,
                                        &error);
  if (op->outbox_ids == NULL)
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  set_phase (self, "push", 0.0);
  push_next (task);
}

/* Discovery -------------------------------------------------------------------------------- */

static void
discovery_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = g_task_get_source_object (task);
  SyncOp *op = g_task_get_task_data (task);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonObject) root = NULL;
  Request *req = op->req;
  JsonNode *node;
  gboolean ok = FALSE;

  if (!request_finish (self, result, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  if (req->status == SOUP_STATUS_UNAUTHORIZED)
    {
      auth_refused (task);
      return;
    }
  if (req->status == SOUP_STATUS_OK)
    {
      gsize size;
      const char *data = g_bytes_get_data (req->response, &size);

      root = dlg_sync_parse_object (data != NULL ? data : "", size, &error);
      if (root == NULL)
        {
          sync_fail (task, g_steal_pointer (&error));
          return;
        }
      node = json_object_get_member (root, "version");
      ok = node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
           json_node_get_value_type (node) == G_TYPE_INT64 && json_node_get_int (node) == 1 &&
           g_strcmp0 (json_object_get_string_member_with_default (root, "protocol", ""),
                      "dialogue-sync") == 0;
    }
  if (!ok)
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                                    _("%s does not look like a Dialogue site (sync protocol "
                                      "version 1). Check the address."), self->site_url));
      return;
    }

  op->page_limit = self->page_size;
  node = json_object_get_member (root, "page_limit");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonNode *max = json_object_get_member (json_node_get_object (node), "max");

      if (max != NULL && JSON_NODE_HOLDS_VALUE (max) &&
          json_node_get_value_type (max) == G_TYPE_INT64 && json_node_get_int (max) > 0)
        op->page_limit = MIN (op->page_limit, (guint) MIN (json_node_get_int (max), 10000));
    }
  push_start (task);
}

/* ------------------------------------------------------------------------------------------ */

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
    {
      g_autofree char *now = dlg_now_iso8601 ();

      state_exec (self->store, sql_state_ensure, self->site_url, now, NULL);
      state_set_paused (self->store, self->site_url, FALSE, NULL);
    }
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
  g_autoptr(GError) error = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  GTask *task;
  SyncOp *op;
  gboolean paused = FALSE;

  g_return_if_fail (DLG_IS_SYNC_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, dlg_sync_client_sync_async);
  op = g_new0 (SyncOp, 1);
  op->flags = flags;
  g_task_set_task_data (task, op, (GDestroyNotify) sync_op_free);

  if (self->busy)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_PENDING,
                               _("A sync is already running."));
      g_object_unref (task);
      return;
    }

  self->n_pushed = self->n_pulled = self->n_conflicts = self->n_rejected = 0;
  g_ptr_array_set_size (self->problems, 0);
  set_busy (self, TRUE);

  if (!dlg_sync_site_url_is_valid (self->site_url))
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
                                    _("“%s” is not a valid site address: it must start with "
                                      "https://."), self->site_url));
      return;
    }
  if (!state_exec (self->store, sql_state_ensure, self->site_url, now, &error))
    {
      sync_fail (task, g_steal_pointer (&error));
      return;
    }
  if (self->token == NULL)
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
                                    _("No token for %s: enter the token the site's "
                                      "administrator gave you."), self->site_url));
      return;
    }
  dlg_sync_get_state (self->store, self->site_url, NULL, NULL, &paused, NULL);
  if (paused)
    {
      sync_fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_AUTH,
                                    _("Sync with %s is paused because the site refused the "
                                      "token. Enter a new token to resume."), self->site_url));
      return;
    }

  set_phase (self, "discovery", 0.0);
  op->req = request_new ("GET", DLG_SYNC_API_PREFIX);
  request_async (self, op->req, cancellable, discovery_cb, task);
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
