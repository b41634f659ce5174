/* dlg-sync-token.c — the officer's bearer token, kept by libsecret
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The token goes to the Secret Service (schema fr.nantesmetropole.Dialogue.Token, attribute
 * "site"), never to SQLite, a plain file, a log or a command line. Without a Secret Service it
 * is kept in this process's memory for the session only, and the caller is told so that it
 * can say it to the officer.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>
#include <libsecret/secret.h>

#include "dlg-sync-error.h"
#include "dlg-sync-token.h"

static const SecretSchema token_schema = {
  DLG_SYNC_TOKEN_SCHEMA_NAME, SECRET_SCHEMA_NONE,
  {
    { "site", SECRET_SCHEMA_ATTRIBUTE_STRING },
    { NULL, 0 },
  },
  0, NULL, NULL, NULL, NULL, NULL, NULL, NULL
};

G_LOCK_DEFINE_STATIC (memory);
static GHashTable *memory_tokens;   /* site URL → token, for this session only */

static void
memory_set (const char *site_url,
            const char *token)
{
  G_LOCK (memory);
  if (memory_tokens == NULL)
    memory_tokens = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  if (token != NULL)
    g_hash_table_replace (memory_tokens, g_strdup (site_url), g_strdup (token));
  else
    g_hash_table_remove (memory_tokens, site_url);
  G_UNLOCK (memory);
}

static char *
memory_get (const char *site_url)
{
  char *token = NULL;

  G_LOCK (memory);
  if (memory_tokens != NULL)
    token = g_strdup (g_hash_table_lookup (memory_tokens, site_url));
  G_UNLOCK (memory);
  return token;
}

/* No Secret Service to ask (no session bus, or nobody on it): nothing is kept there, which is
 * not an error for lookups and removals. */
static gboolean
no_secret_service (const GError *error)
{
  return (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_SERVICE_UNKNOWN) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NO_SERVER) ||
         g_error_matches (error, G_DBUS_ERROR, G_DBUS_ERROR_NAME_HAS_NO_OWNER);
}

/**
 * dlg_sync_token_store:
 * @site_url: the site the token opens
 * @token: the token
 * @in_memory: (out) (optional): set to %TRUE when no Secret Service answered and the token is
 *   kept in memory for this session only
 *
 * Returns: %TRUE when the token is kept (in the keyring or, failing that, in memory)
 */
gboolean
dlg_sync_token_store (const char    *site_url,
                      const char    *token,
                      gboolean      *in_memory,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  g_autofree char *label = NULL;

  g_return_val_if_fail (site_url != NULL, FALSE);
  g_return_val_if_fail (token != NULL && *token != '\0', FALSE);

  if (in_memory != NULL)
    *in_memory = FALSE;
  /* TRANSLATORS: the label of the token in the keyring (Passwords and Keys) */
  label = g_strdup_printf (_("Dialogue token for %s"), site_url);
  if (secret_password_store_sync (&token_schema, SECRET_COLLECTION_DEFAULT, label, token,
                                  cancellable, &local_error, "site", site_url, NULL))
    {
      memory_set (site_url, NULL);
      return TRUE;
    }
  if (g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  g_message ("No Secret Service (%s): the token is kept in memory for this session only",
             local_error->message);
  memory_set (site_url, token);
  if (in_memory != NULL)
    *in_memory = TRUE;
  return TRUE;
}

/**
 * dlg_sync_token_lookup:
 *
 * Returns: (transfer full) (nullable): the token for @site_url, or %NULL if there is none
 *   (with @error set only if the keyring failed)
 */
char *
dlg_sync_token_lookup (const char    *site_url,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  char *token = memory_get (site_url);
  char *secret;

  g_return_val_if_fail (site_url != NULL, NULL);

  if (token != NULL)
    return token;
  secret = secret_password_lookup_sync (&token_schema, cancellable, &local_error,
                                        "site", site_url, NULL);
  if (secret == NULL && local_error != NULL && !no_secret_service (local_error))
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_TOKEN_STORE,
                   _("The token cannot be read from the keyring (%s)."), local_error->message);
      return NULL;
    }
  token = g_strdup (secret);
  secret_password_free (secret);
  return token;
}

gboolean
dlg_sync_token_clear (const char    *site_url,
                      GCancellable  *cancellable,
                      GError       **error)
{
  g_autoptr(GError) local_error = NULL;

  g_return_val_if_fail (site_url != NULL, FALSE);

  memory_set (site_url, NULL);
  secret_password_clear_sync (&token_schema, cancellable, &local_error, "site", site_url, NULL);
  if (local_error != NULL && !no_secret_service (local_error))
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_TOKEN_STORE,
                   _("The token cannot be removed from the keyring (%s)."),
                   local_error->message);
      return FALSE;
    }
  return TRUE;
}
