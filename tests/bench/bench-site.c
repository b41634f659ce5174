/* bench-site.c — the public site against a minimal libsoup server, side by side
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Starts dialogue-site on loopback on a generated database (the demo process with 100,000
 * published contributions) and, in the same run, a baseline: a bare SoupServer answering a fixed
 * body of the same size as the site's answer. Both are driven by N concurrent requests of one
 * libsoup session, for each endpoint: the change feed (pages of 500 items; N = 1, 8, 32), the
 * published contributions page (its first page, and the page 200 "Older" links further; N = 1,
 * 32) and contribution POSTs through the public form (CSRF and all; N = 1, 8, 32). Prints req/s,
 * p50 and p99 for the site and the baseline, the CPU time of the server's thread per request
 * (what the machine's load does not change much: the machine may be shared), and checks after
 * the run that every POST the site accepted is in its database.
 *
 * BENCH_SECONDS (default 2) is the time of each measurement; BENCH_CONTRIBUTIONS (default
 * 100000) the size of the process; BENCH_ONLY (a part of an endpoint's name) measures only
 * that one, for a profile.
 */

#include "config.h"

#include <pthread.h>
#include <string.h>
#include <time.h>

#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <sqlite3.h>

#include "dlg-site-server.h"

/* A server of its own in its own thread and main context. */
typedef struct
{
  GThread       *thread;
  GMainContext  *context;
  GMainLoop     *loop;
  GMutex         lock;
  GCond          cond;
  gboolean       ready;
  char          *base_uri;
  clockid_t      cpu_clock;     /* the server thread's CPU time */
  /* the site */
  char          *db_path;
  DlgSiteServer *site;
  char          *token;
  /* the baseline */
  SoupServer    *soup;
} Server;

static gpointer
server_thread (gpointer data)
{
  Server *s = data;
  g_autoptr(GError) error = NULL;

  g_main_context_push_thread_default (s->context);
  if (s->db_path != NULL)
    {
      s->site = dlg_site_server_new (s->db_path, &error);
      g_assert_no_error (error);
      /* All the bench's connections come from 127.0.0.1, as a crowd behind one proxy would:
       * at 32 at once, a connection closing while its successor opens is the 33rd request
       * "being received" from the address, which the default bound drops. */
      dlg_site_server_set_limits (s->site, 0, 0, 2 * DLG_SITE_MAX_OPEN_PER_ADDRESS);
      g_assert_true (dlg_site_server_listen_local (s->site, 0, &error));
      g_assert_no_error (error);
      s->base_uri = dlg_site_server_get_base_uri (s->site);
    }
  else
    {
      g_autoptr(GSList) uris = NULL;

      g_assert_true (soup_server_listen_local (s->soup, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                               &error));
      g_assert_no_error (error);
      uris = soup_server_get_uris (s->soup);
      s->base_uri = g_uri_to_string (uris->data);
      g_slist_free_full (g_steal_pointer (&uris), (GDestroyNotify) g_uri_unref);
    }
  if (g_str_has_suffix (s->base_uri, "/"))
    s->base_uri[strlen (s->base_uri) - 1] = '\0';

  g_assert_cmpint (pthread_getcpuclockid (pthread_self (), &s->cpu_clock), ==, 0);
  g_mutex_lock (&s->lock);
  s->ready = TRUE;
  g_cond_signal (&s->cond);
  g_mutex_unlock (&s->lock);

  g_main_loop_run (s->loop);
  if (s->site != NULL)
    dlg_site_server_disconnect (s->site);
  g_clear_object (&s->site);
  if (s->soup != NULL)
    soup_server_disconnect (s->soup);
  g_main_context_pop_thread_default (s->context);
  return NULL;
}

static void
server_start (Server *s)
{
  s->context = g_main_context_new ();
  s->loop = g_main_loop_new (s->context, FALSE);
  g_mutex_init (&s->lock);
  g_cond_init (&s->cond);
  s->thread = g_thread_new ("bench-server", server_thread, s);
  g_mutex_lock (&s->lock);
  while (!s->ready)
    g_cond_wait (&s->cond, &s->lock);
  g_mutex_unlock (&s->lock);
}

static void
server_stop (Server *s)
{
  g_main_loop_quit (s->loop);
  g_thread_join (s->thread);
  g_main_loop_unref (s->loop);
  g_main_context_unref (s->context);
  g_clear_object (&s->soup);
  g_free (s->base_uri);
  g_free (s->db_path);
  g_free (s->token);
}

/* The baseline: /<n> answers n bytes, whatever the method, with the status the site gave. */
static void
baseline_handler (SoupServer        *server,
                  SoupServerMessage *msg,
                  const char        *path,
                  GHashTable        *query,
                  gpointer           user_data)
{
  static char *filler;
  guint64 n = g_ascii_strtoull (path + 1, NULL, 10);

  if (filler == NULL)
    filler = g_strnfill (4 * 1024 * 1024, 'x');
  n = MIN (n, 4 * 1024 * 1024);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "text/plain", SOUP_MEMORY_STATIC, filler, n);
}

/* One endpoint as the bench drives it. */
typedef struct
{
  const char *name;
  const char *method;
  char       *path;
  char       *content_type;
  GBytes     *body;
  gboolean    auth;
  guint       expected;         /* the site's status */
  gboolean    posts;            /* each answered request adds a contribution */
  guint       concurrency[4];   /* 0-terminated */
  gsize       size;             /* the site's answer, for the baseline */
} Endpoint;

typedef struct
{
  SoupSession *session;
  const char  *base_uri;
  Endpoint    *endpoint;
  gboolean     baseline;
  const char  *token;
  gint64       until;
  guint        in_flight;
  guint        n_ok;
  guint        n_failed;
  GArray      *latencies;       /* gint64 us */
  GMainLoop   *loop;
} Run;

typedef struct
{
  Run    *run;
  gint64  start;
} Request;

static void send_one (Run *run);

static void
sent_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      data)
{
  Request *req = data;
  Run *run = req->run;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  SoupMessage *msg = soup_session_get_async_result_message (SOUP_SESSION (source), result);
  gint64 latency;

  bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result, &error);
  latency = g_get_monotonic_time () - req->start;
  if (bytes != NULL
      && soup_message_get_status (msg) == (run->baseline ? SOUP_STATUS_OK
                                                        : run->endpoint->expected))
    {
      run->n_ok++;
      g_array_append_val (run->latencies, latency);
    }
  else
    {
      if (run->n_failed++ == 0)
        g_printerr ("bench-site: %s %s: %u %s\n", run->endpoint->name,
                    run->baseline ? "baseline" : "site", soup_message_get_status (msg),
                    error != NULL ? error->message : "");
    }
  g_object_unref (msg);
  g_free (req);
  run->in_flight--;
  if (g_get_monotonic_time () < run->until)
    send_one (run);
  else if (run->in_flight == 0)
    g_main_loop_quit (run->loop);
}

static void
send_one (Run *run)
{
  Endpoint *e = run->endpoint;
  g_autofree char *uri = NULL;
  SoupMessage *msg;
  Request *req = g_new0 (Request, 1);

  if (run->baseline)
    uri = g_strdup_printf ("%s/%" G_GSIZE_FORMAT, run->base_uri, e->size);
  else
    uri = g_strconcat (run->base_uri, e->path, NULL);
  msg = soup_message_new (run->baseline ? "GET" : e->method, uri);
  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (!run->baseline && e->auth)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", run->token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    bearer);
    }
  if (!run->baseline && e->body != NULL)
    soup_message_set_request_body_from_bytes (msg, e->content_type, e->body);
  req->run = run;
  req->start = g_get_monotonic_time ();
  run->in_flight++;
  soup_session_send_and_read_async (run->session, msg, G_PRIORITY_DEFAULT, NULL, sent_cb, req);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static double
thread_cpu_seconds (Server *s)
{
  struct timespec ts;

  g_assert_cmpint (clock_gettime (s->cpu_clock, &ts), ==, 0);
  return ts.tv_sec + ts.tv_nsec / 1e9;
}

typedef struct
{
  double rate;
  double p50_ms;
  double p99_ms;
  double cpu_us;                /* the server thread's CPU us per answered request */
  guint  n_ok;
  guint  n_failed;
} Figures;

static Figures
measure (SoupSession *session,
         Server      *server,
         Endpoint    *endpoint,
         gboolean     baseline,
         guint        concurrency,
         double       seconds)
{
  Run run = { session, server->base_uri, endpoint, baseline, server->token };
  Figures f = { 0 };
  double cpu = thread_cpu_seconds (server);
  gint64 start;

  run.latencies = g_array_new (FALSE, FALSE, sizeof (gint64));
  run.loop = g_main_loop_new (NULL, FALSE);
  start = g_get_monotonic_time ();
  run.until = start + (gint64) (seconds * G_USEC_PER_SEC);
  for (guint i = 0; i < concurrency; i++)
    send_one (&run);
  g_main_loop_run (run.loop);
  cpu = thread_cpu_seconds (server) - cpu;
  f.cpu_us = run.n_ok > 0 ? cpu * 1e6 / run.n_ok : 0;
  f.rate = run.n_ok / ((g_get_monotonic_time () - start) / (double) G_USEC_PER_SEC);
  g_array_sort (run.latencies, compare_gint64);
  if (run.latencies->len > 0)
    {
      f.p50_ms = g_array_index (run.latencies, gint64, run.latencies->len / 2) / 1000.0;
      f.p99_ms = g_array_index (run.latencies, gint64,
                                MIN (run.latencies->len - 1,
                                     run.latencies->len * 99 / 100)) / 1000.0;
    }
  f.n_ok = run.n_ok;
  f.n_failed = run.n_failed;
  g_array_unref (run.latencies);
  g_main_loop_unref (run.loop);
  return f;
}

/* One request to the site, to know the size of its answer (and, for a form, its token). */
static GBytes *
fetch (SoupSession *session,
       const char  *base_uri,
       const char  *token,
       Endpoint    *e,
       const char  *method,
       guint       *status)
{
  g_autofree char *uri = g_strconcat (base_uri, e->path, NULL);
  g_autoptr(SoupMessage) msg = soup_message_new (method, uri);
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  soup_message_add_flags (msg, SOUP_MESSAGE_NO_REDIRECT);
  if (e->auth)
    {
      g_autofree char *bearer = g_strconcat ("Bearer ", token, NULL);

      soup_message_headers_replace (soup_message_get_request_headers (msg), "Authorization",
                                    bearer);
    }
  if (e->body != NULL && g_strcmp0 (method, "POST") == 0)
    soup_message_set_request_body_from_bytes (msg, e->content_type, e->body);
  bytes = soup_session_send_and_read (session, msg, NULL, &error);
  g_assert_no_error (error);
  *status = soup_message_get_status (msg);
  return bytes;
}

/* The path of a page's rel="next" link, against the page's own @path, or NULL. */
static char *
next_link (const char *path,
           GBytes     *page)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
  const char *rel = strstr (text, "\" rel=\"next\"");
  const char *href;
  g_autofree char *query = NULL;
  GString *unescaped;

  if (rel == NULL)
    return NULL;
  for (href = rel; href > text && !g_str_has_prefix (href, "href=\""); href--)
    ;
  g_assert_true (g_str_has_prefix (href, "href=\"?"));
  query = g_strndup (href + strlen ("href=\""), rel - href - strlen ("href=\""));
  unescaped = g_string_new (NULL);
  g_string_append_len (unescaped, path, strcspn (path, "?"));
  for (const char *p = query; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "&amp;"))
        {
          g_string_append_c (unescaped, '&');
          p += strlen ("&amp;") - 1;
        }
      else
        g_string_append_c (unescaped, *p);
    }
  return g_string_free (unescaped, FALSE);
}

static char *
loadavg (void)
{
  g_autofree char *text = NULL;

  if (!g_file_get_contents ("/proc/loadavg", &text, NULL, NULL))
    return g_strdup ("?");
  text[strcspn (text, " ")] = '\0';
  return g_strdup (text);
}

static gint64
count_contributions (const char *db_path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 n = -1;

  g_assert_cmpint (sqlite3_open_v2 (db_path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT count(*) FROM objects"
                                           " WHERE type = 'contribution'", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

int
main (int   argc,
      char *argv[])
{
  const char *env_seconds = g_getenv ("BENCH_SECONDS");
  const char *env_n = g_getenv ("BENCH_CONTRIBUTIONS");
  const char *only = g_getenv ("BENCH_ONLY");
  double seconds = env_seconds != NULL ? g_ascii_strtod (env_seconds, NULL) : 2.0;
  guint n_contributions = env_n != NULL ? (guint) g_ascii_strtoull (env_n, NULL, 10) : 100000;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("bench-site-XXXXXX", &error);
  g_autoptr(SoupCookieJar) jar = soup_cookie_jar_new ();
  g_autoptr(SoupSession) session = NULL;
  g_autofree char *load_before = NULL, *load_after = NULL;
  Server site = { 0 }, baseline = { 0 };
  Endpoint endpoints[4] = { 0 };
  Endpoint *form = &endpoints[3];
  const char *process_id = NULL;
  guint posted = 0;
  gint64 before, after, t0;

  g_assert_no_error (error);
  site.db_path = g_build_filename (dir, "site.db", NULL);

  /* The database, built before the server runs. */
  t0 = g_get_monotonic_time ();
  {
    g_autoptr(DlgSiteServer) server = dlg_site_server_new (site.db_path, &error);

    g_assert_no_error (error);
    g_assert_true (dlg_site_server_seed_demo (server, &error));
    process_id = DLG_SITE_DEMO_PROCESS_ID;
    g_assert_true (dlg_site_server_seed_contributions (server, process_id, n_contributions,
                                                       &error));
    g_assert_no_error (error);
    site.token = dlg_site_server_create_token (server, "bench", DLG_SITE_DEFAULT_SCOPES, &error);
    g_assert_no_error (error);
  }
  g_print ("# database: %u contributions in %.1f s\n", n_contributions,
           (g_get_monotonic_time () - t0) / (double) G_USEC_PER_SEC);

  server_start (&site);
  baseline.soup = soup_server_new ("server-header", "bench", NULL);
  soup_server_add_handler (baseline.soup, NULL, baseline_handler, NULL, NULL);
  server_start (&baseline);

  session = soup_session_new_with_options ("max-conns", 64, "max-conns-per-host", 32, NULL);
  soup_session_add_feature (session, SOUP_SESSION_FEATURE (jar));

  endpoints[0] = (Endpoint) { "changes?limit=500", "GET",
                              g_strdup ("/api/sync/v1/changes?limit=500"), NULL, NULL, TRUE,
                              SOUP_STATUS_OK, FALSE, { 1, 8, 32 } };
  endpoints[1] = (Endpoint) { "contributions page", "GET",
                              g_strconcat ("/p/", process_id, "/contributions", NULL), NULL,
                              NULL, FALSE, SOUP_STATUS_OK, FALSE, { 1, 32 } };
  endpoints[2] = (Endpoint) { "contributions deep", "GET", NULL, NULL, NULL, FALSE,
                              SOUP_STATUS_OK, FALSE, { 1, 32 } };
  endpoints[3] = (Endpoint) { "form POST", "POST",
                              g_strconcat ("/p/", process_id, "/contribute/ideas", NULL),
                              g_strdup ("application/x-www-form-urlencoded"), NULL, FALSE,
                              SOUP_STATUS_SEE_OTHER, TRUE, { 1, 8, 32 } };

  /* A page deep in the list, as a reader gets there: 200 "Older" links from the first (or
   * the last page, in a smaller process). */
  {
    Endpoint walk = endpoints[1];
    guint depth = 0;

    walk.path = g_strdup (endpoints[1].path);
    for (; depth < 200; depth++)
      {
        guint status;
        g_autoptr(GBytes) page = fetch (session, site.base_uri, NULL, &walk, "GET", &status);
        char *next;

        g_assert_cmpuint (status, ==, SOUP_STATUS_OK);
        next = next_link (walk.path, page);
        if (next == NULL)
          break;
        g_free (walk.path);
        walk.path = next;
      }
    endpoints[2].path = walk.path;
    g_print ("# page %u: %s\n", depth + 1, endpoints[2].path);
  }

  /* The form's CSRF token comes with its page and the cookie the jar keeps. */
  {
    guint status;
    g_autoptr(GBytes) page = fetch (session, site.base_uri, site.token, form, "GET", &status);
    g_autofree char *text = g_strndup (g_bytes_get_data (page, NULL), g_bytes_get_size (page));
    const char *start = strstr (text, "name=\"csrf_token\" value=\"");
    g_autoptr(GHashTable) fields = g_hash_table_new (g_str_hash, g_str_equal);
    g_autofree char *token = NULL;
    char *encoded;

    g_assert_nonnull (start);
    start += strlen ("name=\"csrf_token\" value=\"");
    token = g_strndup (start, strchr (start, '"') - start);
    g_hash_table_insert (fields, (gpointer) "csrf_token", token);
    g_hash_table_insert (fields, (gpointer) "title", (gpointer) "Une idée du banc d’essai");
    g_hash_table_insert (fields, (gpointer) "body",
                         (gpointer) "Des bancs à l’ombre le long du quai, et de l’eau.");
    g_hash_table_insert (fields, (gpointer) "author_ref", (gpointer) "Camille");
    encoded = soup_form_encode_hash (fields);
    form->body = g_bytes_new_take (encoded, strlen (encoded));
  }
  before = count_contributions (site.db_path);
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      guint status;
      g_autoptr(GBytes) answer = fetch (session, site.base_uri, site.token, &endpoints[i],
                                        endpoints[i].method, &status);

      if (status != endpoints[i].expected)
        g_error ("%s answered %u", endpoints[i].path, status);
      endpoints[i].size = g_bytes_get_size (answer);
      if (endpoints[i].posts)
        posted++;
    }

  load_before = loadavg ();
  g_print ("# %.1f s per measurement; the baseline answers a fixed body of the site's size;"
           " load average %s at the start\n", seconds, load_before);
  g_print ("# CPU us = the server thread's CPU time per request; CPU ratio = baseline's us /"
           " site's us (throughput if CPU-bound)\n");
  g_print ("%-20s %3s %10s %8s %8s %8s %10s %8s %8s %8s %6s %6s\n", "endpoint", "N",
           "site req/s", "p50 ms", "p99 ms", "CPU us", "base req/s", "p50 ms", "p99 ms",
           "CPU us", "ratio", "CPU ratio");
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    for (guint c = 0; endpoints[i].concurrency[c] != 0; c++)
      {
        guint n = endpoints[i].concurrency[c];
        Figures s, b, warm;

        if (only != NULL && strstr (endpoints[i].name, only) == NULL)
          continue;
        /* A short warm-up opens the connections first: the listen backlog is small. */
        warm = measure (session, &site, &endpoints[i], FALSE, n, seconds / 10);
        s = measure (session, &site, &endpoints[i], FALSE, n, seconds);
        measure (session, &baseline, &endpoints[i], TRUE, n, seconds / 10);
        b = measure (session, &baseline, &endpoints[i], TRUE, n, seconds);
        if (endpoints[i].posts)
          posted += warm.n_ok + s.n_ok;
        g_print ("%-20s %3u %10.0f %8.2f %8.2f %8.0f %10.0f %8.2f %8.2f %8.0f %5.2fx %5.2fx%s\n",
                 endpoints[i].name, n, s.rate, s.p50_ms, s.p99_ms, s.cpu_us, b.rate, b.p50_ms,
                 b.p99_ms, b.cpu_us, b.rate > 0 ? s.rate / b.rate : 0,
                 s.cpu_us > 0 ? b.cpu_us / s.cpu_us : 0,
                 s.n_failed + b.n_failed > 0 ? " (failures)" : "");
        if (s.n_failed + b.n_failed > 0)
          g_print ("# %s N=%u: %u of the site's requests failed, %u of the baseline's\n",
                   endpoints[i].name, n, s.n_failed, b.n_failed);
      }
  after = count_contributions (site.db_path);
  load_after = loadavg ();
  g_print ("# form: %u POSTs answered 303 (the first before the runs), %" G_GINT64_FORMAT
           " new contributions stored%s; load average %s at the end\n", posted, after - before,
           after - before == posted ? "" : " — MISSING", load_after);

  g_clear_object (&session);
  server_stop (&site);
  server_stop (&baseline);
  for (guint i = 0; i < G_N_ELEMENTS (endpoints); i++)
    {
      g_free (endpoints[i].path);
      g_free (endpoints[i].content_type);
      g_clear_pointer (&endpoints[i].body, g_bytes_unref);
    }
  {
    g_autofree char *wal = g_strconcat (site.db_path, "-wal", NULL);
    g_autofree char *shm = g_strconcat (site.db_path, "-shm", NULL);
    g_autofree char *path = g_build_filename (dir, "site.db", NULL);

    g_remove (wal);
    g_remove (shm);
    g_remove (path);
    g_rmdir (dir);
  }
  return after - before == posted ? 0 : 1;
}
