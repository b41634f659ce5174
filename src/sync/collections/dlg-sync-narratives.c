/* dlg-sync-narratives.c — the "narratives" collection: what the public is told at each stage
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-narrative.h"
#include "dlg-sync-collection.h"

typedef struct
{
  const char *title, *body_md, *state, *stage, *published_at;
} Narrative;

static gboolean
read_narrative (JsonObject  *object,
                Narrative   *n,
                GError     **error)
{
  return dlg_sync_site_get_string (object, "title", FALSE, &n->title, error) &&
         dlg_sync_site_get_string (object, "body_md", FALSE, &n->body_md, error) &&
         dlg_sync_site_get_string (object, "state", FALSE, &n->state, error) &&
         dlg_sync_site_get_string (object, "stage", TRUE, &n->stage, error) &&
         dlg_sync_site_get_string (object, "published_at", TRUE, &n->published_at, error);
}

static gboolean
narratives_apply_remote (DlgStore    *store,
                         const char  *uuid,
                         JsonObject  *site,
                         GError     **error)
{
  Narrative n;

  if (!read_narrative (site, &n, error))
    return FALSE;
  if (!dlg_vocabulary_contains (&dlg_vocabulary_narrative_state, n.state) || *n.title == '\0')
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site's version of the narrative is not valid; nothing of it was "
                     "kept."));
      return FALSE;
    }
  return dlg_publication_apply_narrative (store, uuid, n.title, n.body_md, n.state, n.stage,
                                          n.published_at, error);
}

static char *
narratives_copy_local (DlgStore    *store,
                       const char  *uuid,
                       JsonObject  *mine,
                       GError     **error)
{
  g_autofree char *new_uuid = NULL;
  g_autofree char *new_title = NULL;
  Narrative n;

  if (!read_narrative (mine, &n, error))
    return NULL;
  /* TRANSLATORS: the title of the copy made of a narrative in conflict */
  new_title = g_strdup_printf (_("%s (my version)"), n.title);
  new_uuid = dlg_publication_copy_narrative (store, uuid, new_title, n.body_md, n.state, n.stage,
                                             n.published_at, error);
  if (new_uuid == NULL || !dlg_sync_enqueue_narrative (store, new_uuid, error))
    return NULL;
  return g_steal_pointer (&new_uuid);
}

const DlgSyncCollection dlg_sync_narratives = {
  .type = "narrative", .collection = "narratives",
  .pending_count = DLG_SYNC_COUNT_UNLESS_CONFLICT, .get_record_type = dlg_narrative_get_type,
  .to_json = dlg_publication_narrative_to_json, .apply_remote = narratives_apply_remote,
  .copy_local = narratives_copy_local,
};

/**
 * dlg_sync_enqueue_narrative:
 * @store: a #DlgStore
 * @narrative_uuid: the narrative, as it is now in the database
 * @error: return location for an error
 *
 * Queues the narrative for the next push: a create (`If-None-Match: *`) if the site has never
 * seen it, an update (`If-Match`) otherwise. Call it in the transaction of the edit.
 */
gboolean
dlg_sync_enqueue_narrative (DlgStore    *store,
                            const char  *narrative_uuid,
                            GError     **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (narrative_uuid != NULL, FALSE);

  return dlg_sync_collection_enqueue_now (store, &dlg_sync_narratives, narrative_uuid, 0, error);
}

/**
 * dlg_sync_narrative_publish:
 * @process_id: the process
 * @narrative_uuid: (nullable): the narrative to update; %NULL to update the narrative of
 *   the process with the same title, or create one
 * @title: its title
 * @body_md: its Markdown text
 *
 * Creates or updates a published narrative, writes it in the journal and queues it for the
 * next push, in one transaction.
 *
 * Returns: (transfer full): the narrative's UUID, or %NULL with @error set
 */
char *
dlg_sync_narrative_publish (DlgStore    *store,
                            gint64       process_id,
                            const char  *narrative_uuid,
                            const char  *title,
                            const char  *body_md,
                            GError     **error)
{
  g_autofree char *uuid = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (body_md != NULL, NULL);

  if (title == NULL || *title == '\0' || g_ascii_isspace (*title) ||
      g_utf8_strlen (title, -1) > 500 || !g_utf8_validate (body_md, -1, NULL))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("A narrative needs a title of 1 to 500 characters and a text in UTF-8."));
      return NULL;
    }

  if (!dlg_store_begin (store, error))
    return NULL;
  uuid = dlg_publication_save_narrative (store, process_id, narrative_uuid, title, body_md,
                                         error);
  if (uuid == NULL || !dlg_sync_enqueue_narrative (store, uuid, error))
    {
      dlg_store_rollback (store);
      return NULL;
    }
  if (!dlg_store_commit (store, error))
    return NULL;
  dlg_store_emit_changed (store, DLG_TYPE_NARRATIVE, process_id);
  return g_steal_pointer (&uuid);
}
