/* tile-server.h — map tiles on loopback for the map's test and benchmark: a SoupServer on
 * 127.0.0.1 that answers GET /z/x/y.png with a 256 px PNG drawn with cairo in one flat colour
 * (TILE_R, TILE_G, TILE_B) and its coordinates, and counts the requests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include <cairo.h>
#include <libsoup/soup.h>

#define TILE_R 0x6a
#define TILE_G 0xb0
#define TILE_B 0xd8

typedef struct
{
  SoupServer *server;
  guint       port;
  guint       n_requests;
  guint       n_bad;
} TileServer;

static cairo_status_t
tile_server_append_png (void                *closure,
            const unsigned char *data,
            unsigned int         length)
{
  g_byte_array_append (closure, data, length);
  return CAIRO_STATUS_SUCCESS;
}

/* GET /z/x/y.png: a flat tile with its coordinates written on it. */
static void
tile_server_handler (SoupServer        *server,
              SoupServerMessage *msg,
              const char        *path,
              GHashTable        *query,
              gpointer           user_data)
{
  TileServer *tiles = user_data;
  g_auto(GStrv) parts = g_strsplit (path, "/", -1);
  cairo_surface_t *surface;
  cairo_t *cr;
  GByteArray *png;
  guint64 z, x, y;

  tiles->n_requests++;
  if (g_strv_length (parts) != 4 || !g_str_has_suffix (parts[3], ".png") ||
      !g_ascii_string_to_unsigned (parts[1], 10, 0, 19, &z, NULL) ||
      !g_ascii_string_to_unsigned (parts[2], 10, 0, (1u << z) - 1, &x, NULL) ||
      (parts[3][strlen (parts[3]) - 4] = '\0',
       !g_ascii_string_to_unsigned (parts[3], 10, 0, (1u << z) - 1, &y, NULL)))
    {
      tiles->n_bad++;
      soup_server_message_set_status (msg, SOUP_STATUS_NOT_FOUND, NULL);
      return;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 256, 256);
  cr = cairo_create (surface);
  cairo_set_source_rgb (cr, TILE_R / 255.0, TILE_G / 255.0, TILE_B / 255.0);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0.25, 0.45, 0.6);
  cairo_rectangle (cr, 0.5, 0.5, 255, 255);
  cairo_set_line_width (cr, 1);
  cairo_stroke (cr);
  {
    g_autofree char *label = g_strdup_printf ("%u/%u/%u", (guint) z, (guint) x, (guint) y);

    cairo_move_to (cr, 8, 20);
    cairo_set_font_size (cr, 12);
    cairo_show_text (cr, label);
  }
  cairo_destroy (cr);
  png = g_byte_array_new ();
  cairo_surface_write_to_png_stream (surface, tile_server_append_png, png);
  cairo_surface_destroy (surface);
  soup_server_message_set_status (msg, SOUP_STATUS_OK, NULL);
  soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY, (const char *) png->data,
                                     png->len);
  g_byte_array_unref (png);
}

G_GNUC_UNUSED static void
tile_server_start (TileServer *tiles)
{
  g_autoptr(GError) error = NULL;
  GSList *uris;

  tiles->server = soup_server_new (NULL, NULL);
  soup_server_add_handler (tiles->server, "/", tile_server_handler, tiles, NULL);
  g_assert_true (soup_server_listen_local (tiles->server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY,
                                           &error));
  g_assert_no_error (error);
  uris = soup_server_get_uris (tiles->server);
  tiles->port = g_uri_get_port (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
}

G_GNUC_UNUSED static void
tile_server_stop (TileServer *tiles)
{
  soup_server_disconnect (tiles->server);
  g_clear_object (&tiles->server);
}
