/* dlg-sync-request.c — one HTTP request of the sync client, with its attempts
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every attempt gets a fresh SoupMessage with its body from GBytes, and an overall deadline (a
 * GCancellable cancelled by a timeout source: libsoup's own timeouts only bound each I/O).
 * Network errors, timeouts, 408, 429 and 5xx are retried with exponential backoff and full
 * jitter (Retry-After wins) a few times inline; TLS errors stop at once and are never ignored
 * (nothing connects accept-certificate).
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-sync-client-private.h"

#define READ_CHUNK 65536

/* ------------------------------------------------------------------------------------------ */
/* One HTTP request, with its attempts                                                         */


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

void
dlg_sync_request_free (Request *req)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Request, dlg_sync_request_free)

Request *
dlg_sync_request_new (const char *method,
             const char *path)
{
  Request *req = g_new0 (Request, 1);

  req->method = method;
  req->path = g_strdup (path);
  req->headers = g_ptr_array_new_with_free_func (g_free);
  req->retry_after_ms = -1;
  return req;
}

void
dlg_sync_request_add_header (Request    *req,
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

char *
dlg_sync_strip_etag (const char *value)
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
      if (req->status == SOUP_STATUS_CONFLICT)
        error = g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_UNAVAILABLE,
                             _("The site is still applying an earlier sending of this change "
                               "(HTTP 409). It is kept and will be sent again later."));
      else if (req->status == 429 || req->status == 503)
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
  req->etag = dlg_sync_strip_etag (soup_message_headers_get_one (headers, "ETag"));
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
  /* A Decidim site is read without one. */
  if (self->token != NULL)
    {
      auth = g_strconcat ("Bearer ", self->token, NULL);
      soup_message_headers_replace (headers, "Authorization", auth);
    }
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
void
dlg_sync_request_async (DlgSyncClient       *self,
               Request             *req,
               GCancellable        *cancellable,
               GAsyncReadyCallback  callback,
               gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);

  g_task_set_source_tag (task, dlg_sync_request_async);
  /* The Request belongs to the caller, who reads the answer after dlg_sync_request_finish(). */
  g_task_set_task_data (task, req, NULL);
  req->parent = cancellable;
  req->n_attempts = 0;
  req->next_delay_ms = 0;
  request_send_attempt (task);
}

gboolean
dlg_sync_request_finish (DlgSyncClient  *self,
                GAsyncResult   *result,
                GError        **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------------------------ */
/* Messages from problem+json answers                                                          */

char *
dlg_sync_request_problem_text (Request *req)
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
    {
      const char *end = text->str + 1000;

      /* Never in the middle of a character. */
      while (end > text->str && (*end & 0xC0) == 0x80)
        end--;
      g_string_truncate (text, end - text->str);
    }
  /* json-glib turns a lone surrogate escape ("\ud800") into bytes that are not UTF-8. */
  if (!g_utf8_validate_len (text->str, text->len, NULL))
    {
      g_autofree char *raw = g_string_free (text, FALSE);

      return g_utf8_make_valid (raw, -1);
    }
  return g_string_free (text, FALSE);
}

const char *
dlg_sync_object_label (const char *type)
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
  if (g_strcmp0 (type, "erasure") == 0)
    return _("an erasure of personal data");
  return type;
}
