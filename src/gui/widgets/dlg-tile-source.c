/* dlg-tile-source.c — map tiles over HTTP from a URL template, that says when they fail
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A ShumateDataSource of our own rather than libshumate's ShumateTileDownloader: that one
 * keeps failures to itself and waits as long as the system lets a connection hang, so a map
 * offline could neither say that its tiles are missing nor be sure to stop trying. Here every
 * request has a timeout (connection included, SoupSession:timeout), and the source counts
 * what came and what failed: "available" turns FALSE at a failure with no tile since, which
 * the map shows. The tile's bytes go to ShumateRasterRenderer through the "received-data"
 * signal (libshumate 1.0 draws what that signal brings; the async result only says done).
 */

#define G_LOG_DOMAIN "dlg-tile-source"

#include "config.h"

#include <glib/gi18n.h>
#include <libsoup/soup.h>

#include "dlg-error.h"
#include "dlg-tile-source.h"

#define DEFAULT_TIMEOUT 10

struct _DlgTileSource
{
  ShumateDataSource  parent_instance;

  char              *url_template;
  gboolean           valid;
  SoupSession       *session;
  guint              n_loaded;
  guint              n_failed;
  gboolean           available;
  char              *last_error;
};

G_DEFINE_FINAL_TYPE (DlgTileSource, dlg_tile_source, SHUMATE_TYPE_DATA_SOURCE)

enum {
  PROP_0,
  PROP_AVAILABLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

typedef struct
{
  SoupMessage *message;
  int          x;
  int          y;
  int          zoom;
} Request;

static void
request_free (gpointer data)
{
  Request *request = data;

  g_clear_object (&request->message);
  g_free (request);
}

static void
set_available (DlgTileSource *self,
               gboolean       available)
{
  if (self->available == available)
    return;
  self->available = available;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_AVAILABLE]);
}

static void
tile_read_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  DlgTileSource *self = g_task_get_source_object (task);
  Request *request = g_task_get_task_data (task);
  SoupMessage *message = request->message;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = soup_session_send_and_read_finish (SOUP_SESSION (source), result,
                                                               &error);
  guint status = soup_message_get_status (message);

  if (bytes != NULL && status != SOUP_STATUS_OK)
    {
      g_set_error (&error, DLG_ERROR, DLG_ERROR_FAILED,
                   _("The tile server answered %u %s."), status,
                   soup_message_get_reason_phrase (message));
      g_clear_pointer (&bytes, g_bytes_unref);
    }
  if (bytes != NULL)
    {
      self->n_loaded++;
      set_available (self, TRUE);
      g_signal_emit_by_name (self, "received-data", request->x, request->y, request->zoom, bytes);
      g_task_return_pointer (task, g_steal_pointer (&bytes), (GDestroyNotify) g_bytes_unref);
      return;
    }
  /* A tile the map no longer needs (it moved on) says nothing about the network. */
  if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      self->n_failed++;
      g_free (self->last_error);
      self->last_error = g_strdup (error->message);
      g_debug ("tile failed: %s", error->message);
      set_available (self, FALSE);
    }
  g_task_return_error (task, g_steal_pointer (&error));
}

static void
dlg_tile_source_get_tile_data_async (ShumateDataSource   *source,
                                     int                  x,
                                     int                  y,
                                     int                  zoom,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  DlgTileSource *self = DLG_TILE_SOURCE (source);
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  g_autofree char *url = NULL;
  SoupMessage *message;
  Request *request;

  g_task_set_source_tag (task, dlg_tile_source_get_tile_data_async);
  if (!self->valid)
    {
      self->n_failed++;
      set_available (self, FALSE);
      g_task_return_new_error (task, DLG_ERROR, DLG_ERROR_INVALID,
                               _("No valid tile address is set."));
      return;
    }
  url = dlg_tile_source_expand (self->url_template, x, y, zoom);
  message = soup_message_new (SOUP_METHOD_GET, url);
  if (message == NULL)
    {
      self->n_failed++;
      set_available (self, FALSE);
      g_task_return_new_error (task, DLG_ERROR, DLG_ERROR_INVALID,
                               _("The tile address is not valid."));
      return;
    }
  request = g_new0 (Request, 1);
  request->message = message;
  request->x = x;
  request->y = y;
  request->zoom = zoom;
  g_task_set_task_data (task, request, request_free);
  soup_session_send_and_read_async (self->session, message, G_PRIORITY_DEFAULT, cancellable,
                                    tile_read_cb, g_steal_pointer (&task));
}

static GBytes *
dlg_tile_source_get_tile_data_finish (ShumateDataSource  *source,
                                      GAsyncResult       *result,
                                      GError            **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
dlg_tile_source_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  DlgTileSource *self = DLG_TILE_SOURCE (object);

  switch (prop_id)
    {
    case PROP_AVAILABLE:
      g_value_set_boolean (value, self->available);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_tile_source_dispose (GObject *object)
{
  DlgTileSource *self = DLG_TILE_SOURCE (object);

  if (self->session != NULL)
    soup_session_abort (self->session);
  g_clear_object (&self->session);

  G_OBJECT_CLASS (dlg_tile_source_parent_class)->dispose (object);
}

static void
dlg_tile_source_finalize (GObject *object)
{
  DlgTileSource *self = DLG_TILE_SOURCE (object);

  g_free (self->url_template);
  g_free (self->last_error);

  G_OBJECT_CLASS (dlg_tile_source_parent_class)->finalize (object);
}

static void
dlg_tile_source_class_init (DlgTileSourceClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  ShumateDataSourceClass *source_class = SHUMATE_DATA_SOURCE_CLASS (klass);

  object_class->get_property = dlg_tile_source_get_property;
  object_class->dispose = dlg_tile_source_dispose;
  object_class->finalize = dlg_tile_source_finalize;
  source_class->get_tile_data_async = dlg_tile_source_get_tile_data_async;
  source_class->get_tile_data_finish = dlg_tile_source_get_tile_data_finish;

  properties[PROP_AVAILABLE] =
    g_param_spec_boolean ("available", NULL, NULL, TRUE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_tile_source_init (DlgTileSource *self)
{
  self->available = TRUE;
  /* OpenStreetMap's tile policy: a user agent that names the application, two connections. */
  self->session = soup_session_new_with_options ("user-agent", "Dialogue/" PACKAGE_VERSION " ",
                                                 "timeout", DEFAULT_TIMEOUT,
                                                 "idle-timeout", 30,
                                                 "max-conns-per-host", 2,
                                                 NULL);
}

/**
 * dlg_tile_source_new:
 * @url_template: (nullable): "https://host/{z}/{x}/{y}.png"
 *
 * A source that fetches each tile from @url_template. An invalid or empty template gives a
 * source whose every tile fails at once (the map then says that tiles are unavailable).
 */
DlgTileSource *
dlg_tile_source_new (const char *url_template)
{
  DlgTileSource *self = g_object_new (DLG_TYPE_TILE_SOURCE, NULL);

  self->url_template = g_strdup (url_template != NULL ? url_template : "");
  self->valid = dlg_tile_source_check_template (self->url_template, NULL);
  return self;
}

gboolean
dlg_tile_source_check_template (const char  *url_template,
                                GError     **error)
{
  g_autofree char *sample = NULL;
  g_autoptr(GUri) uri = NULL;
  const char *scheme;

  g_return_val_if_fail (url_template != NULL, FALSE);

  if (strstr (url_template, "{x}") == NULL || strstr (url_template, "{y}") == NULL ||
      strstr (url_template, "{z}") == NULL)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("The tile address needs {z}, {x} and {y} where the zoom level and the "
                     "tile’s column and row go, for example %s."), DLG_TILE_SOURCE_DEFAULT_URL);
      return FALSE;
    }
  sample = dlg_tile_source_expand (url_template, 0, 0, 0);
  uri = g_uri_parse (sample, G_URI_FLAGS_NONE, NULL);
  scheme = uri != NULL ? g_uri_get_scheme (uri) : NULL;
  if (scheme == NULL || (g_ascii_strcasecmp (scheme, "https") != 0 &&
                         g_ascii_strcasecmp (scheme, "http") != 0) ||
      g_uri_get_host (uri) == NULL || *g_uri_get_host (uri) == '\0')
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("The tile address must start with https:// or http:// and a server name, "
                     "for example %s."), DLG_TILE_SOURCE_DEFAULT_URL);
      return FALSE;
    }
  return TRUE;
}

/* The template with its {x}, {y} and {z} replaced. */
char *
dlg_tile_source_expand (const char *url_template,
                        int         x,
                        int         y,
                        int         zoom)
{
  GString *url = g_string_new (NULL);

  g_return_val_if_fail (url_template != NULL, NULL);

  for (const char *p = url_template; *p != '\0'; p++)
    {
      if (g_str_has_prefix (p, "{x}"))
        g_string_append_printf (url, "%d", x), p += 2;
      else if (g_str_has_prefix (p, "{y}"))
        g_string_append_printf (url, "%d", y), p += 2;
      else if (g_str_has_prefix (p, "{z}"))
        g_string_append_printf (url, "%d", zoom), p += 2;
      else
        g_string_append_c (url, *p);
    }
  return g_string_free (url, FALSE);
}

void
dlg_tile_source_set_timeout (DlgTileSource *self,
                             guint          seconds)
{
  g_return_if_fail (DLG_IS_TILE_SOURCE (self));

  g_object_set (self->session, "timeout", seconds, NULL);
}

gboolean
dlg_tile_source_get_available (DlgTileSource *self)
{
  g_return_val_if_fail (DLG_IS_TILE_SOURCE (self), FALSE);

  return self->available;
}

guint
dlg_tile_source_get_n_loaded (DlgTileSource *self)
{
  g_return_val_if_fail (DLG_IS_TILE_SOURCE (self), 0);

  return self->n_loaded;
}

guint
dlg_tile_source_get_n_failed (DlgTileSource *self)
{
  g_return_val_if_fail (DLG_IS_TILE_SOURCE (self), 0);

  return self->n_failed;
}

const char *
dlg_tile_source_get_last_error (DlgTileSource *self)
{
  g_return_val_if_fail (DLG_IS_TILE_SOURCE (self), NULL);

  return self->last_error;
}
