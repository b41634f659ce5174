/* dlg-training-site.c — the practice site of training mode, in-process on loopback
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Training mode needs a site that works with no setup: this starts the reference site in the
 * app's process, on 127.0.0.1 with a free port, over its own database (by default in the
 * user's cache folder, never the officer's real site), creates a demo token kept in memory,
 * queues the app's demo processes for publication and points the sync manager at it. It runs
 * on the thread-default main context of the caller (the app's main loop).
 */

#define G_LOG_DOMAIN "dlg-training"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-demo.h"
#include "dlg-site-server.h"
#include "dlg-process.h"
#include "dlg-store.h"
#include "dlg-sync.h"
#include "dlg-training-site.h"

struct _DlgTrainingSite
{
  GObject        parent_instance;

  DlgSiteServer *server;
  char          *uri;
  char          *token;
};

G_DEFINE_FINAL_TYPE (DlgTrainingSite, dlg_training_site, G_TYPE_OBJECT)

static void
dlg_training_site_finalize (GObject *object)
{
  DlgTrainingSite *self = (DlgTrainingSite *)object;

  dlg_training_site_stop (self);
  g_free (self->uri);
  g_free (self->token);

  G_OBJECT_CLASS (dlg_training_site_parent_class)->finalize (object);
}

static void
dlg_training_site_class_init (DlgTrainingSiteClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dlg_training_site_finalize;
}

static void
dlg_training_site_init (DlgTrainingSite *self)
{
}

/**
 * dlg_training_site_default_path:
 * @app_db_path: (nullable): the app's database file
 *
 * The practice site belongs to one app database: a demo database made afresh must not meet
 * the practice site of another (or of the one it replaced), whose records, edited in an earlier
 * session, would all come back as conflicts. The file is named after the app database's
 * absolute path; %NULL (an in-memory store) gets the shared `practice-site.db`.
 *
 * Returns: (transfer full): `$XDG_CACHE_HOME/dialogue/practice-site-<hash>.db`
 */
char *
dlg_training_site_default_path (const char *app_db_path)
{
  g_autofree char *absolute = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  if (app_db_path == NULL || *app_db_path == '\0')
    return g_build_filename (g_get_user_cache_dir (), "dialogue", "practice-site.db", NULL);
  absolute = g_canonicalize_filename (app_db_path, NULL);
  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  name = g_strdup_printf ("practice-site-%.16s.db", digest);
  return g_build_filename (g_get_user_cache_dir (), "dialogue", name, NULL);
}

/**
 * dlg_training_site_start:
 * @db_path: (nullable): the practice site's database; %NULL for
 *   `$XDG_CACHE_HOME/dialogue/practice-site.db` (the app passes its database's own,
 *   dlg_training_site_default_path())
 *
 * Returns: (transfer full): the running practice site, or %NULL with @error set
 */
DlgTrainingSite *
dlg_training_site_start (const char  *db_path,
                         GError     **error)
{
  g_autoptr(DlgTrainingSite) self = g_object_new (DLG_TYPE_TRAINING_SITE, NULL);
  g_autofree char *default_path = NULL;
  g_autofree char *dir = NULL;
  char *uri;

  if (db_path == NULL)
    db_path = default_path = dlg_training_site_default_path (NULL);
  dir = g_path_get_dirname (db_path);
  g_mkdir_with_parents (dir, 0700);

  self->server = dlg_site_server_new (db_path, error);
  if (self->server == NULL ||
      !dlg_site_server_seed_demo (self->server, error) ||
      !dlg_site_server_listen_local (self->server, 0, error))
    return NULL;
  uri = dlg_site_server_get_base_uri (self->server);
  if (g_str_has_suffix (uri, "/"))
    uri[strlen (uri) - 1] = '\0';
  self->uri = uri;
  /* TRANSLATORS: the name of the token of the practice site */
  self->token = dlg_site_server_create_token (self->server, _("training"),
                                              "sync:read,sync:write,sync:personal", error);
  if (self->token == NULL)
    return NULL;
  g_message ("Practice site for training on %s", self->uri);
  return g_steal_pointer (&self);
}

const char *
dlg_training_site_get_uri (DlgTrainingSite *self)
{
  g_return_val_if_fail (DLG_IS_TRAINING_SITE (self), NULL);
  return self->uri;
}

/**
 * dlg_training_site_get_server:
 *
 * Returns: (transfer none): the site itself (tests, and what a trainer seeds)
 */
DlgSiteServer *
dlg_training_site_get_server (DlgTrainingSite *self)
{
  g_return_val_if_fail (DLG_IS_TRAINING_SITE (self), NULL);
  return self->server;
}

const char *
dlg_training_site_get_token (DlgTrainingSite *self)
{
  g_return_val_if_fail (DLG_IS_TRAINING_SITE (self), NULL);
  return self->token;
}

/**
 * dlg_training_site_attach:
 *
 * Queues the app's demo processes for publication on the practice site and points @manager at
 * it with the demo token. The next sync publishes them; trainees can then contribute through
 * the practice site's pages and see their contributions arrive.
 */
gboolean
dlg_training_site_attach (DlgTrainingSite  *self,
                          DlgSyncManager   *manager,
                          GError          **error)
{
  DlgStore *store = dlg_sync_manager_get_store (manager);
  g_autoptr(GArray) ids = NULL;

  g_return_val_if_fail (DLG_IS_TRAINING_SITE (self), FALSE);
  g_return_val_if_fail (self->server != NULL, FALSE);

  if (!dlg_sync_note_practice_site (store, self->uri, error) ||
      !(ids = dlg_process_list_demo_ids (store, error)))
    return FALSE;
  for (guint i = 0; i < ids->len; i++)
    if (!dlg_sync_enqueue_process (store, g_array_index (ids, gint64, i), error))
      return FALSE;
  dlg_sync_manager_start_training (manager, self->uri, self->token);
  return TRUE;
}

void
dlg_training_site_stop (DlgTrainingSite *self)
{
  g_return_if_fail (DLG_IS_TRAINING_SITE (self));

  if (self->server != NULL)
    dlg_site_server_disconnect (self->server);
  g_clear_object (&self->server);
}

/* The practice site's database put back and seeded again; a running site keeps its address
 * and gets a new token. */
static gboolean
reset_site (DlgTrainingSite  *self,
            DlgSiteServer    *server,
            GError          **error)
{
  char *token;

  if (!dlg_site_server_reset (server, error))
    return FALSE;
  if (self == NULL)
    return TRUE;
  /* TRANSLATORS: the name of the token of the practice site */
  token = dlg_site_server_create_token (server, _("training"),
                                        "sync:read,sync:write,sync:personal", error);
  if (token == NULL)
    return FALSE;
  g_free (self->token);
  self->token = token;
  return TRUE;
}

/**
 * dlg_training_reset:
 * @store: the app's store
 * @site: (nullable): the practice site running in this process (training mode), or %NULL
 * @site_db_path: (nullable): without @site, the practice site's database; %NULL for the one
 *   of @store (dlg_training_site_default_path()). Nothing is done to a file that does not exist.
 * @stage: the stage the training starts from
 * @n_deleted: (out) (optional): how many demo processes were deleted
 *
 * The training reset: puts the demo and the practice site back as new. First the app, in one
 * transaction: the sync forgets the demo's objects and the practice sites' cursors, skipped
 * items and waiting items (dlg_sync_forget_demo(), dlg_sync_forget_site()), the demo processes
 * are deleted and built again from their seed at @stage, journaled as one entry
 * (dlg_demo_reset()). Then the practice site: its database emptied and seeded again
 * (dlg_site_server_reset()); a running site keeps its address and gets a new token, so call
 * dlg_training_site_attach() again to queue the new demo and hand the manager that token.
 * Processes that are not demos and the state of other sites are not touched.
 *
 * Returns: the id of the new demo process, or 0 with @error set
 */
gint64
dlg_training_reset (DlgStore         *store,
                    DlgTrainingSite  *site,
                    const char       *site_db_path,
                    DlgStage          stage,
                    guint            *n_deleted,
                    GError          **error)
{
  g_autoptr(DlgSiteServer) closed = NULL;
  g_autofree char *default_path = NULL;
  g_auto(GStrv) site_processes = NULL;
  g_auto(GStrv) urls = NULL;
  DlgSiteServer *server = NULL;
  gint64 id;

  g_return_val_if_fail (DLG_IS_STORE (store), 0);
  g_return_val_if_fail (site == NULL || DLG_IS_TRAINING_SITE (site), 0);
  g_return_val_if_fail (stage < DLG_N_STAGES, 0);

  if (site != NULL)
    {
      g_return_val_if_fail (site->server != NULL, 0);
      server = site->server;
    }
  else
    {
      if (site_db_path == NULL)
        site_db_path = default_path = dlg_training_site_default_path (dlg_store_get_path (store));
      if (g_file_test (site_db_path, G_FILE_TEST_EXISTS) &&
          !(server = closed = dlg_site_server_new (site_db_path, error)))
        return 0;
    }
  if (server != NULL &&
      !(site_processes = dlg_site_db_list_process_ids (dlg_site_server_get_db (server), error)))
    return 0;

  if (!dlg_store_begin (store, error))
    return 0;
  if (!dlg_sync_forget_demo (store, error) ||
      !(urls = dlg_sync_list_practice_sites (store, error)))
    goto fail;
  for (guint i = 0; urls[i] != NULL; i++)
    if (!dlg_sync_forget_site (store, urls[i], (const char * const *) site_processes, error))
      goto fail;
  if (!(id = dlg_demo_reset (store, stage, n_deleted, error)))
    goto fail;
  if (!dlg_store_commit (store, error))
    return 0;
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_OUTBOX, 0);
  dlg_store_emit_changed (store, DLG_TYPE_SYNC_CONFLICT, 0);

  if (server != NULL && !reset_site (site, server, error))
    return 0;
  return id;

fail:
  dlg_store_rollback (store);
  return 0;
}
