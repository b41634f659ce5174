/* dlg-site-server.c — the reference public site: one SoupServer, one database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One handler receives every request: it sets the security headers, applies the injected faults
 * (only with --test-faults), then hands the request to the sync API (/api/sync/v1/…) or to the
 * public pages. Everything runs on the thread of the main context that the server is attached to,
 * so requests are handled one at a time against one SQLite connection.
 *
 * The site is on the internet: before a request reaches a handler, a watch bounds the time to
 * receive its headers and its body (slowloris), the requests one address may have open at once,
 * and the size of a body whatever its encoding; a request with a body and no valid token, or
 * HTTP/1.1 with no Host, is answered before its body is read.
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include <string.h>

#include "dlg-site-private.h"

typedef enum {
  FAULT_STATUS,
  FAULT_CLOSE_MID_BODY,
  FAULT_SLOW,
} FaultMode;

typedef struct
{
  char     *path_prefix;
  FaultMode mode;
  guint     count;
  guint     status;
  guint     retry_after;
  guint     delay_ms;
} Fault;

struct _DlgSiteServer
{
  GObject     parent_instance;

  SoupServer *server;
  DlgSiteDb  *db;
  gboolean    test_faults;
  GPtrArray  *faults;           /* Fault * */
  GPtrArray  *delayed;          /* DelayedReply * */
  GHashTable *open_per_address; /* remote host → requests being received (GUINT_TO_POINTER) */
  guint       header_timeout_s;
  guint       body_timeout_s;
  guint       max_per_address;
  gint64      clock_offset_s;   /* tests: how far the site's clock is moved */
};

/* A request being received: its deadline, and its place in the count of its address. */
typedef struct
{
  DlgSiteServer     *self;      /* (unowned): the server outlives its messages' watches */
  SoupServerMessage *msg;       /* (unowned) */
  GSource           *timeout;
  char              *address;
} Watch;

typedef struct
{
  DlgSiteServer     *self;
  SoupServerMessage *msg;
  GSource           *source;
  gulong             finished_id;
  gboolean           finished;
} DelayedReply;

G_DEFINE_FINAL_TYPE (DlgSiteServer, dlg_site_server, G_TYPE_OBJECT)

#define WATCH_KEY "dlg-site-watch"

static void
fault_free (Fault *fault)
{
  g_free (fault->path_prefix);
  g_free (fault);
}

static void
delayed_reply_free (DelayedReply *delayed)
{
  if (delayed->source != NULL)
    {
      g_source_destroy (delayed->source);
      g_source_unref (delayed->source);
    }
  if (delayed->finished_id != 0)
    g_signal_handler_disconnect (delayed->msg, delayed->finished_id);
  g_object_unref (delayed->msg);
  g_free (delayed);
}

static gboolean
is_loopback (SoupServerMessage *msg)
{
  GSocketAddress *address = soup_server_message_get_remote_address (msg);

  if (G_IS_INET_SOCKET_ADDRESS (address))
    return g_inet_address_get_is_loopback (
      g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address)));
  return FALSE;
}

static void
handle_faults_endpoint (DlgSiteServer     *self,
                        SoupServerMessage *msg)
{
  const char *method = soup_server_message_get_method (msg);
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(JsonArray) errors = json_array_new ();
  static const char *const modes[] = { "status", "close_mid_body", "slow", NULL };
  static const DlgJsonField fields[] = {
    { "path_prefix", DLG_JT_STRING, 0, NULL, 0, 0, NULL },
    { "count", DLG_JT_INT, 0, NULL, 1, 1000000, NULL },
    { "status", DLG_JT_INT, 0, NULL, 400, 599, NULL },
    { "retry_after", DLG_JT_INT, 0, NULL, 0, 86400, NULL },
    { "mode", DLG_JT_STRING, 0, modes, 0, 0, NULL },
    { "delay_ms", DLG_JT_INT, 0, NULL, 0, 600000, NULL },
    { NULL, 0, 0, NULL, 0, 0, NULL }
  };
  JsonObject *object;
  Fault *fault;
  const char *mode;

  if (!is_loopback (msg))
    {
      dlg_site_reply_problem (msg, SOUP_STATUS_FORBIDDEN, "forbidden", "Forbidden",
                              "Fault injection is only accepted from loopback.", NULL);
      return;
    }
  if (g_strcmp0 (method, "DELETE") == 0)
    {
      g_ptr_array_set_size (self->faults, 0);
      soup_server_message_set_status (msg, SOUP_STATUS_NO_CONTENT, NULL);
      return;
    }
  if (g_strcmp0 (method, "POST") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "POST, DELETE");
      dlg_site_reply_problem (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, "method-not-allowed",
                              "Method not allowed", NULL, NULL);
      return;
    }
  root = dlg_site_parse_json_body (msg);
  if (root == NULL)
    return;
  object = json_node_get_object (root);
  if (!dlg_site_json_validate (object, fields, NULL, errors))
    {
      dlg_site_reply_problem (msg, 422, "validation", "Invalid fault", NULL,
                              g_steal_pointer (&errors));
      return;
    }
  fault = g_new0 (Fault, 1);
  fault->path_prefix = g_strdup (json_object_get_string_member_with_default (object,
                                                                             "path_prefix",
                                                                             "/api/sync/v1/"));
  fault->count = json_object_get_int_member_with_default (object, "count", 1);
  fault->status = json_object_get_int_member_with_default (object, "status", 503);
  fault->retry_after = json_object_get_int_member_with_default (object, "retry_after", 1);
  fault->delay_ms = json_object_get_int_member_with_default (object, "delay_ms", 5000);
  mode = json_object_get_string_member_with_default (object, "mode", "status");
  if (g_strcmp0 (mode, "close_mid_body") == 0)
    fault->mode = FAULT_CLOSE_MID_BODY;
  else if (g_strcmp0 (mode, "slow") == 0)
    fault->mode = FAULT_SLOW;
  else
    fault->mode = FAULT_STATUS;
  g_ptr_array_add (self->faults, fault);
  soup_server_message_set_status (msg, SOUP_STATUS_CREATED, NULL);
  soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_STATIC, "{}", 2);
}

static Fault *
take_fault (DlgSiteServer *self,
            const char    *path)
{
  for (guint i = 0; i < self->faults->len; i++)
    {
      Fault *fault = g_ptr_array_index (self->faults, i);
      if (g_str_has_prefix (path, fault->path_prefix) && fault->count > 0)
        {
          fault->count--;
          return fault;
        }
    }
  return NULL;
}

static void
close_mid_body (SoupServerMessage *msg)
{
  static const char partial[] =
    "HTTP/1.1 200 OK\r\n"
    "Content-Type: application/json\r\n"
    "Content-Length: 4096\r\n"
    "Connection: close\r\n"
    "\r\n"
    "{\"items\": [{\"type\": \"contribution\", \"id\": \"";
  g_autoptr(GIOStream) stream = soup_server_message_steal_connection (msg);

  if (stream == NULL)
    return;
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), partial,
                             sizeof partial - 1, NULL, NULL, NULL);
  g_output_stream_flush (g_io_stream_get_output_stream (stream), NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

static void
delayed_finished_cb (SoupServerMessage *msg,
                     DelayedReply      *delayed)
{
  delayed->finished = TRUE;
}

static gboolean
delayed_reply_cb (gpointer user_data)
{
  DelayedReply *delayed = user_data;

  g_clear_pointer (&delayed->source, g_source_unref);
  if (!delayed->finished)
    soup_server_message_unpause (delayed->msg);
  g_ptr_array_remove (delayed->self->delayed, delayed);
  return G_SOURCE_REMOVE;
}

/**
 * dlg_site_timeout_source_new:
 *
 * A timeout on the thread-default main context — the one the server runs on, which is not
 * the global default when a test or the app's training mode runs the site in its own thread.
 *
 * Returns: (transfer full): the attached source; destroy it to cancel
 */
GSource *
dlg_site_timeout_source_new (guint          delay_ms,
                             GSourceFunc    func,
                             gpointer       data,
                             GDestroyNotify notify)
{
  GSource *source = g_timeout_source_new (delay_ms);

  g_source_set_callback (source, func, data, notify);
  g_source_attach (source, g_main_context_get_thread_default ());
  return source;
}

void
dlg_site_server_delay_reply (DlgSiteServer     *self,
                             SoupServerMessage *msg,
                             guint              delay_ms)
{
  DelayedReply *delayed = g_new0 (DelayedReply, 1);

  delayed->self = self;
  delayed->msg = g_object_ref (msg);
  delayed->finished_id = g_signal_connect (msg, "finished", G_CALLBACK (delayed_finished_cb),
                                           delayed);
  delayed->source = dlg_site_timeout_source_new (delay_ms, delayed_reply_cb, delayed, NULL);
  g_ptr_array_add (self->delayed, delayed);
  soup_server_message_pause (msg);
}

static void
handle_cb (SoupServer        *server,
           SoupServerMessage *msg,
           const char        *path,
           GHashTable        *query,
           gpointer           user_data)
{
  DlgSiteServer *self = user_data;
  guint delay_ms = 0;

  dlg_site_set_security_headers (msg);

  if (g_str_has_prefix (path, "/api/test/faults"))
    {
      if (self->test_faults)
        handle_faults_endpoint (self, msg);
      else
        dlg_site_reply_problem (msg, SOUP_STATUS_NOT_FOUND, "not-found", "Not found", NULL,
                                NULL);
      return;
    }

  if (self->test_faults && self->faults->len > 0)
    {
      Fault *fault = take_fault (self, path);
      if (fault != NULL)
        {
          switch (fault->mode)
            {
            case FAULT_STATUS:
              {
                g_autofree char *retry = g_strdup_printf ("%u", fault->retry_after);
                if (fault->status == 429 || fault->status == 503 || fault->retry_after > 0)
                  soup_message_headers_replace (soup_server_message_get_response_headers (msg),
                                                "Retry-After", retry);
                dlg_site_reply_problem (msg, fault->status, "injected-fault", "Injected fault",
                                        "This failure was injected for a test.", NULL);
              }
              return;
            case FAULT_CLOSE_MID_BODY:
              close_mid_body (msg);
              return;
            case FAULT_SLOW:
              delay_ms = MAX (fault->delay_ms, 1);
              break;
            default:
              g_assert_not_reached ();
            }
        }
    }

  if (g_str_has_prefix (path, "/api/"))
    dlg_site_api_handle (self, msg, path, delay_ms);
  else
    {
      dlg_site_pages_handle (self, msg, path);
      if (delay_ms > 0)
        dlg_site_server_delay_reply (self, msg, delay_ms);
    }
}

/* Receiving ------------------------------------------------------------------------------ */

static void
watch_stop_timeout (Watch *watch)
{
  if (watch->timeout != NULL)
    {
      g_source_destroy (watch->timeout);
      g_clear_pointer (&watch->timeout, g_source_unref);
    }
}

/* The request is no longer being received: out of its address's count. */
static void
watch_release (Watch *watch)
{
  guint n;

  watch_stop_timeout (watch);
  if (watch->address == NULL)
    return;
  n = GPOINTER_TO_UINT (g_hash_table_lookup (watch->self->open_per_address, watch->address));
  if (n <= 1)
    g_hash_table_remove (watch->self->open_per_address, watch->address);
  else
    g_hash_table_insert (watch->self->open_per_address, g_strdup (watch->address),
                         GUINT_TO_POINTER (n - 1));
  g_clear_pointer (&watch->address, g_free);
}

static void
watch_free (Watch *watch)
{
  watch_release (watch);
  g_free (watch);
}

/* Drops the connection of a request that takes too long or comes once too often: the socket is
 * shut down, libsoup sees the end of the stream and forgets the request. */
static void
drop_connection (SoupServerMessage *msg)
{
  GSocket *socket = soup_server_message_get_socket (msg);

  if (socket != NULL)
    g_socket_shutdown (socket, TRUE, TRUE, NULL);
}

static gboolean
watch_timeout_cb (gpointer user_data)
{
  Watch *watch = user_data;

  g_clear_pointer (&watch->timeout, g_source_unref);
  g_debug ("Dropping a request from %s that was not received in time",
           watch->address != NULL ? watch->address : "?");
  drop_connection (watch->msg);
  watch_release (watch);
  return G_SOURCE_REMOVE;
}

static void
watch_set_timeout (Watch *watch,
                   guint  seconds)
{
  watch_stop_timeout (watch);
  watch->timeout = dlg_site_timeout_source_new (seconds * 1000, watch_timeout_cb, watch, NULL);
}

static void
got_headers_cb (SoupServerMessage *msg,
                Watch             *watch)
{
  if (watch->timeout != NULL)
    watch_set_timeout (watch, watch->self->body_timeout_s);
}

static void
received_cb (SoupServerMessage *msg,
             Watch             *watch)
{
  watch_release (watch);
}

/* A new request on a connection (before its first byte): its headers must come in time, and
 * its address may not have too many requests being received at once. */
static void
request_started_cb (SoupServer        *server,
                    SoupServerMessage *msg,
                    gpointer           user_data)
{
  DlgSiteServer *self = user_data;
  Watch *watch = g_new0 (Watch, 1);
  const char *address = soup_server_message_get_remote_host (msg);
  guint n;

  watch->self = self;
  watch->msg = msg;
  g_object_set_data_full (G_OBJECT (msg), WATCH_KEY, watch, (GDestroyNotify) watch_free);
  g_signal_connect (msg, "got-headers", G_CALLBACK (got_headers_cb), watch);
  g_signal_connect (msg, "got-body", G_CALLBACK (received_cb), watch);
  g_signal_connect (msg, "finished", G_CALLBACK (received_cb), watch);
  g_signal_connect (msg, "disconnected", G_CALLBACK (received_cb), watch);
  watch_set_timeout (watch, self->header_timeout_s);

  if (address == NULL)
    return;
  n = GPOINTER_TO_UINT (g_hash_table_lookup (self->open_per_address, address)) + 1;
  watch->address = g_strdup (address);
  g_hash_table_insert (self->open_per_address, g_strdup (address), GUINT_TO_POINTER (n));
  if (n > self->max_per_address)
    {
      g_debug ("Dropping a request from %s: %u being received", address, n);
      watch_stop_timeout (watch);
      watch->timeout = dlg_site_timeout_source_new (0, watch_timeout_cb, watch, NULL);
    }
}

static void
append_header_cb (const char *name,
                  const char *value,
                  gpointer    user_data)
{
  /* Header values come from the site itself, never from the request. */
  if (g_ascii_strcasecmp (name, "Content-Length") != 0 &&
      g_ascii_strcasecmp (name, "Connection") != 0)
    g_string_append_printf (user_data, "%s: %s\r\n", name, value);
}

/* Sends the answer already set on @msg (status, headers, body) while its body is still coming,
 * then closes the connection: libsoup answers a chunked request only once it has read its whole
 * body, which is what the refusal is meant to spare. */
static void
answer_now_and_close (SoupServerMessage *msg)
{
  g_autoptr(GIOStream) stream = NULL;
  g_autoptr(GBytes) body = soup_message_body_flatten (soup_server_message_get_response_body (msg));
  g_autoptr(GString) head = g_string_new (NULL);
  guint status = soup_server_message_get_status (msg);
  Watch *watch = g_object_get_data (G_OBJECT (msg), WATCH_KEY);

  if (watch != NULL)
    watch_release (watch);
  g_string_append_printf (head, "HTTP/1.1 %u %s\r\n", status, soup_status_get_phrase (status));
  soup_message_headers_foreach (soup_server_message_get_response_headers (msg), append_header_cb,
                                head);
  g_string_append_printf (head, "Content-Length: %zu\r\nConnection: close\r\n\r\n",
                          g_bytes_get_size (body));
  stream = soup_server_message_steal_connection (msg);
  if (stream == NULL)
    return;
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), head->str, head->len, NULL,
                             NULL, NULL);
  g_output_stream_write_all (g_io_stream_get_output_stream (stream), g_bytes_get_data (body, NULL),
                             g_bytes_get_size (body), NULL, NULL, NULL);
  g_output_stream_flush (g_io_stream_get_output_stream (stream), NULL, NULL);
  g_io_stream_close (stream, NULL, NULL);
}

/* A body whose size was not announced (chunked): stopped at the limit, not read to the end. */
static void
got_chunk_cb (SoupServerMessage *msg,
              GBytes            *chunk,
              gpointer           user_data)
{
  SoupMessageBody *body = soup_server_message_get_request_body (msg);

  if (body->length <= DLG_SITE_MAX_BODY_BYTES)
    return;
  g_signal_handlers_disconnect_by_func (msg, got_chunk_cb, user_data);
  dlg_site_reply_problem (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large",
                          "Request body too large", "The body exceeds max_body_bytes (1048576).",
                          NULL);
  answer_now_and_close (msg);
}

static gboolean
has_body (SoupServerMessage *msg)
{
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);

  switch (soup_message_headers_get_encoding (headers))
    {
    case SOUP_ENCODING_CONTENT_LENGTH:
      return soup_message_headers_get_content_length (headers) > 0;
    case SOUP_ENCODING_NONE:
      return FALSE;
    case SOUP_ENCODING_EOF:
    case SOUP_ENCODING_CHUNKED:
    case SOUP_ENCODING_BYTERANGES:
    case SOUP_ENCODING_UNRECOGNIZED:
    default:
      return TRUE;
    }
}

/* Once the headers are in, before the body is read: what can be refused is refused here. */
static void
early_cb (SoupServer        *server,
          SoupServerMessage *msg,
          const char        *path,
          GHashTable        *query,
          gpointer           user_data)
{
  DlgSiteServer *self = user_data;
  SoupMessageHeaders *headers = soup_server_message_get_request_headers (msg);
  SoupMessageHeaders *response_headers = soup_server_message_get_response_headers (msg);

  dlg_site_set_security_headers (msg);
  /* RFC 9112 §3.2: a request without Host is a bad request. */
  if (soup_server_message_get_http_version (msg) == SOUP_HTTP_1_1 &&
      soup_message_headers_get_one (headers, "Host") == NULL)
    {
      soup_message_headers_replace (response_headers, "Connection", "close");
      dlg_site_reply_problem (msg, SOUP_STATUS_BAD_REQUEST, "bad-request", "Bad request",
                              "An HTTP/1.1 request must carry a Host header.", NULL);
      return;
    }
  if (soup_message_headers_get_encoding (headers) == SOUP_ENCODING_CONTENT_LENGTH
      && soup_message_headers_get_content_length (headers) > DLG_SITE_MAX_BODY_BYTES)
    {
      soup_message_headers_replace (response_headers, "Connection", "close");
      dlg_site_reply_problem (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, "too-large",
                              "Request body too large",
                              "The body exceeds max_body_bytes (1048576).", NULL);
      /* libsoup reads an announced body to its end whatever the status (400 MB announced were
       * 400 MB kept in memory): it is read and dropped, within the body's time, and the 413
       * goes out after it, so that a client still sending gets the answer, not a reset. */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      return;
    }
  if (has_body (msg) && g_str_has_prefix (path, "/api/sync/") &&
      !dlg_site_api_authenticate_early (self, msg))
    {
      soup_message_headers_replace (response_headers, "Connection", "close");
      /* An announced body within the limit is read and dropped before the 401 goes out: a
       * client that is still sending it would otherwise get a reset instead of the answer. */
      soup_message_body_set_accumulate (soup_server_message_get_request_body (msg), FALSE);
      if (soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
        answer_now_and_close (msg);
      return;
    }
  if (has_body (msg) &&
      soup_message_headers_get_encoding (headers) != SOUP_ENCODING_CONTENT_LENGTH)
    g_signal_connect (msg, "got-chunk", G_CALLBACK (got_chunk_cb), self);
}

static void
request_finished_cb (SoupServer        *server,
                     SoupServerMessage *msg,
                     gpointer           user_data)
{
  GUri *uri = soup_server_message_get_uri (msg);

  /* No URI: a request libsoup could not make sense of (HTTP/1.1 without Host…). */
  g_debug ("%s %s → %u", soup_server_message_get_method (msg),
           uri != NULL ? g_uri_get_path (uri) : "(no URI)", soup_server_message_get_status (msg));
}

static void
dlg_site_server_dispose (GObject *object)
{
  DlgSiteServer *self = DLG_SITE_SERVER (object);

  if (self->server != NULL)
    soup_server_disconnect (self->server);
  g_clear_pointer (&self->delayed, g_ptr_array_unref);
  g_clear_object (&self->server);

  G_OBJECT_CLASS (dlg_site_server_parent_class)->dispose (object);
}

static void
dlg_site_server_finalize (GObject *object)
{
  DlgSiteServer *self = DLG_SITE_SERVER (object);

  g_clear_object (&self->db);
  g_clear_pointer (&self->faults, g_ptr_array_unref);
  g_clear_pointer (&self->open_per_address, g_hash_table_unref);

  G_OBJECT_CLASS (dlg_site_server_parent_class)->finalize (object);
}

static void
dlg_site_server_class_init (DlgSiteServerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dlg_site_server_dispose;
  object_class->finalize = dlg_site_server_finalize;
}

static void
dlg_site_server_init (DlgSiteServer *self)
{
  self->faults = g_ptr_array_new_with_free_func ((GDestroyNotify) fault_free);
  self->delayed = g_ptr_array_new_with_free_func ((GDestroyNotify) delayed_reply_free);
  self->open_per_address = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->header_timeout_s = DLG_SITE_HEADER_TIMEOUT_S;
  self->body_timeout_s = DLG_SITE_BODY_TIMEOUT_S;
  self->max_per_address = DLG_SITE_MAX_OPEN_PER_ADDRESS;
}

/**
 * dlg_site_server_new:
 * @db_path: the site's database file (created if needed), or ":memory:"
 *
 * Creates a site over its database, not listening yet.
 */
DlgSiteServer *
dlg_site_server_new (const char *db_path,
                     GError    **error)
{
  g_autoptr(DlgSiteServer) self = g_object_new (DLG_SITE_TYPE_SERVER, NULL);
  g_autofree char *header = g_strdup_printf ("dialogue-site/%s", PACKAGE_VERSION);

  g_return_val_if_fail (db_path != NULL, NULL);

  self->db = dlg_site_db_open (db_path, error);
  if (self->db == NULL)
    return NULL;
  if (!dlg_site_db_purge_tombstones (self->db, DLG_SITE_TOMBSTONE_RETENTION, error))
    return NULL;
  /* A request that was running when the site stopped never finished: forget its key so that
   * the client's retry is executed instead of answered 409 forever. */
  if (!dlg_site_db_exec (self->db, "DELETE FROM idempotency WHERE state = 'running'", error))
    return NULL;
  self->server = soup_server_new ("server-header", header, NULL);
  soup_server_add_early_handler (self->server, NULL, early_cb, self, NULL);
  soup_server_add_handler (self->server, NULL, handle_cb, self, NULL);
  g_signal_connect (self->server, "request-started", G_CALLBACK (request_started_cb), self);
  g_signal_connect (self->server, "request-finished", G_CALLBACK (request_finished_cb), NULL);
  return g_steal_pointer (&self);
}

DlgSiteDb *
dlg_site_server_get_db (DlgSiteServer *self)
{
  g_return_val_if_fail (DLG_SITE_IS_SERVER (self), NULL);
  return self->db;
}

SoupServer *
dlg_site_server_get_soup_server (DlgSiteServer *self)
{
  g_return_val_if_fail (DLG_SITE_IS_SERVER (self), NULL);
  return self->server;
}

void
dlg_site_server_set_test_faults (DlgSiteServer *self,
                                 gboolean       enabled)
{
  g_return_if_fail (DLG_SITE_IS_SERVER (self));
  self->test_faults = !!enabled;
  if (!self->test_faults)
    g_ptr_array_set_size (self->faults, 0);
}

/* Listens on @address with a backlog of DLG_SITE_LISTEN_BACKLOG: libsoup's own is GSocket's
 * default of 10, and 32 clients connecting at once overflowed it (a SYN dropped is a second
 * lost; a handshake dropped is a POST reset). */
static gboolean
listen_on (DlgSiteServer  *self,
           GSocketAddress *address,
           GError        **error)
{
  g_autoptr(GSocket) socket = g_socket_new (g_socket_address_get_family (address),
                                            G_SOCKET_TYPE_STREAM, G_SOCKET_PROTOCOL_TCP, error);

  if (socket == NULL)
    return FALSE;
  g_socket_set_listen_backlog (socket, DLG_SITE_LISTEN_BACKLOG);
  if (!g_socket_bind (socket, address, TRUE, error) || !g_socket_listen (socket, error))
    return FALSE;
  return soup_server_listen_socket (self->server, socket, 0, error);
}

gboolean
dlg_site_server_listen_local (DlgSiteServer *self,
                              guint          port,
                              GError       **error)
{
  g_autoptr(GInetAddress) loopback = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  g_autoptr(GSocketAddress) address = g_inet_socket_address_new (loopback, port);

  g_return_val_if_fail (DLG_SITE_IS_SERVER (self), FALSE);
  return listen_on (self, address, error);
}

gboolean
dlg_site_server_listen_address (DlgSiteServer *self,
                                const char    *address,
                                guint          port,
                                GError       **error)
{
  g_autoptr(GInetAddress) inet = NULL;
  g_autoptr(GSocketAddress) socket_address = NULL;

  g_return_val_if_fail (DLG_SITE_IS_SERVER (self), FALSE);
  inet = g_inet_address_new_from_string (address);
  if (inet == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not an IP address", address);
      return FALSE;
    }
  socket_address = g_inet_socket_address_new (inet, port);
  return listen_on (self, socket_address, error);
}

void
dlg_site_server_disconnect (DlgSiteServer *self)
{
  g_return_if_fail (DLG_SITE_IS_SERVER (self));
  soup_server_disconnect (self->server);
}

char *
dlg_site_server_get_base_uri (DlgSiteServer *self)
{
  GSList *uris;
  char *result = NULL;

  g_return_val_if_fail (DLG_SITE_IS_SERVER (self), NULL);
  uris = soup_server_get_uris (self->server);
  if (uris != NULL)
    result = g_uri_to_string (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  return result;
}

gboolean
dlg_site_server_seed_demo (DlgSiteServer *self,
                           GError       **error)
{
  g_return_val_if_fail (DLG_SITE_IS_SERVER (self), FALSE);
  return dlg_site_demo_seed (self->db, error);
}

/**
 * dlg_site_server_reset:
 *
 * Empties the site's database (dlg_site_db_reset(): its tokens too) and seeds its demo again,
 * while it keeps listening at the same address.
 */
gboolean
dlg_site_server_reset (DlgSiteServer *self,
                       GError       **error)
{
  g_return_val_if_fail (DLG_SITE_IS_SERVER (self), FALSE);
  return dlg_site_db_reset (self->db, error) && dlg_site_demo_seed (self->db, error);
}

char *
dlg_site_server_create_token (DlgSiteServer *self,
                              const char    *name,
                              const char    *scopes,
                              GError       **error)
{
  g_return_val_if_fail (DLG_SITE_IS_SERVER (self), NULL);
  return dlg_site_db_create_token (self->db, name, scopes, error);
}

gboolean
dlg_site_server_seed_contributions (DlgSiteServer *self,
                                    const char    *process_id,
                                    guint          n,
                                    GError       **error)
{
  g_return_val_if_fail (DLG_SITE_IS_SERVER (self), FALSE);
  g_return_val_if_fail (process_id != NULL, FALSE);
  return dlg_site_demo_seed_contributions (self->db, process_id, n, error);
}

/**
 * dlg_site_server_set_limits:
 * @header_timeout_s: seconds to receive a request's headers (0: keep)
 * @body_timeout_s: seconds to receive its body once the headers are in (0: keep)
 * @max_per_address: requests one address may have being received at once (0: keep)
 *
 * The bounds against slow or numerous clients; the defaults are DLG_SITE_HEADER_TIMEOUT_S,
 * DLG_SITE_BODY_TIMEOUT_S and DLG_SITE_MAX_OPEN_PER_ADDRESS. Tests shorten them.
 */
void
dlg_site_server_set_limits (DlgSiteServer *self,
                            guint          header_timeout_s,
                            guint          body_timeout_s,
                            guint          max_per_address)
{
  g_return_if_fail (DLG_SITE_IS_SERVER (self));

  if (header_timeout_s > 0)
    self->header_timeout_s = header_timeout_s;
  if (body_timeout_s > 0)
    self->body_timeout_s = body_timeout_s;
  if (max_per_address > 0)
    self->max_per_address = max_per_address;
}

/**
 * dlg_site_server_now:
 *
 * Returns: the site's time in seconds since 1970 (the real time, moved by
 *   dlg_site_server_set_clock_offset() in tests)
 */
gint64
dlg_site_server_now (DlgSiteServer *self)
{
  g_return_val_if_fail (DLG_SITE_IS_SERVER (self), 0);

  return g_get_real_time () / G_USEC_PER_SEC + self->clock_offset_s;
}

/* Tests: moves the site's clock by @seconds (what expires expires sooner). */
void
dlg_site_server_set_clock_offset (DlgSiteServer *self,
                                  gint64         seconds)
{
  g_return_if_fail (DLG_SITE_IS_SERVER (self));

  self->clock_offset_s = seconds;
}
