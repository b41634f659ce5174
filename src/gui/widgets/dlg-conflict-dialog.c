/* dlg-conflict-dialog.c — the officer chooses between their version and the site's
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwMessageDialog over one open conflict: both versions are shown as plain text (the site's
 * text is never interpreted as markup), and the choice goes to dlg_sync_resolve_conflict().
 * "Later" leaves the conflict open; nothing is lost either way, since the conflict row keeps
 * both versions. dlg_conflict_dialog_present_next() walks through the open conflicts.
 */

#define G_LOG_DOMAIN "dlg-conflict-dialog"

#include "config.h"

#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "dlg-conflict-dialog.h"
#include "dlg-json.h"

#define EXCERPT_CHARS 400

typedef struct
{
  DlgStore  *store;
  GtkWindow *parent;
  gint64     conflict_id;
} ConflictData;

static void
conflict_data_free (ConflictData *data)
{
  g_clear_object (&data->store);
  g_clear_weak_pointer (&data->parent);
  g_free (data);
}

static char *
excerpt (const char *json)
{
  g_autoptr(JsonNode) root = NULL;
  GString *text = g_string_new (NULL);
  static const char * const members[] = { "title", "body_md", "intro", "status", NULL };

  if (json == NULL)
    return g_strdup (_("(deleted on the site)"));
  root = dlg_json_parse (json, -1, NULL);
  if (root != NULL && JSON_NODE_HOLDS_OBJECT (root))
    {
      JsonObject *object = json_node_get_object (root);

      for (guint i = 0; members[i] != NULL; i++)
        {
          JsonNode *node = json_object_get_member (object, members[i]);

          if (node != NULL && JSON_NODE_HOLDS_VALUE (node) &&
              json_node_get_value_type (node) == G_TYPE_STRING)
            g_string_append_printf (text, "%s%s", text->len > 0 ? "\n" : "",
                                    json_node_get_string (node));
        }
    }
  if (text->len == 0)
    g_string_append (text, json);
  if (g_utf8_strlen (text->str, -1) > EXCERPT_CHARS)
    {
      char *end = g_utf8_offset_to_pointer (text->str, EXCERPT_CHARS);

      g_string_truncate (text, end - text->str);
      g_string_append (text, "…");
    }
  return g_string_free (text, FALSE);
}

static void
response_cb (AdwMessageDialog *dialog,
             const char       *response,
             ConflictData     *data)
{
  g_autoptr(GError) error = NULL;
  DlgSyncResolution resolution;

  if (g_strcmp0 (response, "mine") == 0)
    resolution = DLG_SYNC_KEEP_MINE;
  else if (g_strcmp0 (response, "theirs") == 0)
    resolution = DLG_SYNC_KEEP_THEIRS;
  else if (g_strcmp0 (response, "copy") == 0)
    resolution = DLG_SYNC_KEEP_MINE_AS_COPY;
  else
    return;

  if (!dlg_sync_resolve_conflict (data->store, data->conflict_id, resolution, &error))
    {
      GtkWidget *message = adw_message_dialog_new (data->parent,
                                                   _("The conflict could not be resolved"),
                                                   error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (message), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (message));
      return;
    }
  /* On to the next one, if any. */
  dlg_conflict_dialog_present_next (data->parent, data->store);
}

/**
 * dlg_conflict_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @store: the database holding @conflict
 * @conflict: an open conflict from dlg_sync_list_conflicts()
 *
 * Returns: (transfer floating): the dialog; present it
 */
GtkWidget *
dlg_conflict_dialog_new (GtkWindow             *parent,
                         DlgStore              *store,
                         const DlgSyncConflict *conflict)
{
  g_autofree char *heading = NULL;
  g_autofree char *mine = excerpt (conflict->local_json);
  g_autofree char *theirs = excerpt (conflict->site_json);
  g_autofree char *body = NULL;
  ConflictData *data;
  GtkWidget *dialog;
  gboolean can_copy;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (conflict != NULL, NULL);

  /* TRANSLATORS: %s is the title of a narrative, commitment… */
  heading = g_strdup_printf (_("“%s” was changed on the site too"), conflict->title);
  body = g_strdup_printf (_("Someone changed it on the site since your last sync. Both versions "
                            "are kept until you choose.\n\nYour version:\n%s\n\nThe site’s "
                            "version:\n%s"), mine, theirs);
  dialog = adw_message_dialog_new (parent, heading, body);
  adw_message_dialog_set_body_use_markup (ADW_MESSAGE_DIALOG (dialog), FALSE);

  can_copy = g_strcmp0 (conflict->object_type, "narrative") == 0 ||
             g_strcmp0 (conflict->object_type, "commitment") == 0;
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "later", _("_Later"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "theirs",
                                   _("Keep the _Site’s"));
  if (can_copy)
    adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "copy",
                                     _("Keep Mine as a _Copy"));
  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "mine", _("Keep _Mine"));
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "mine",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "theirs",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "mine");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "later");

  data = g_new0 (ConflictData, 1);
  data->store = g_object_ref (store);
  g_set_weak_pointer (&data->parent, parent);
  data->conflict_id = conflict->id;
  g_signal_connect_data (dialog, "response", G_CALLBACK (response_cb), data,
                         (GClosureNotify) conflict_data_free, 0);
  return dialog;
}

/**
 * dlg_conflict_dialog_present_next:
 *
 * Presents the oldest open conflict, if any; after a choice, the next one follows.
 */
void
dlg_conflict_dialog_present_next (GtkWindow *parent,
                                  DlgStore  *store)
{
  g_autoptr(GPtrArray) conflicts = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (DLG_IS_STORE (store));

  conflicts = dlg_sync_list_conflicts (store, &error);
  if (conflicts == NULL)
    {
      g_warning ("Cannot list the conflicts: %s", error->message);
      return;
    }
  if (conflicts->len == 0)
    return;
  gtk_window_present (GTK_WINDOW (dlg_conflict_dialog_new (parent, store,
                                                           conflicts->pdata[0])));
}
