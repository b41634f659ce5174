/* dlg-sync-pull.c — the change feed: strict validation, then one transaction per page
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A page is validated entirely before anything is written: a malformed, truncated, oversized
 * or wrongly-typed answer is refused as a whole. Its items and the new cursor are then written
 * in one transaction, so that the cursor never runs ahead of what is applied. An item whose
 * rev is not above the one already held is ignored. Items of a process this database does not
 * have yet wait in sync_orphan and are applied when the process arrives.
 *
 * What the items say is written by the core's ingestion path (dlg-ingest.c, source "site"):
 * this file keeps to the sync's own tables (orphans, what a full resync has seen, cursors) and
 * reads the outbox for the moderation decisions the site has not seen yet.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-core.h"
#include "dlg-error.h"
#include "dlg-sync-client.h"
#include "dlg-sync-error.h"
#include "dlg-sync-private.h"
#include "dlg-vocabularies.h"

#define MAX_SHORT_TEXT 1000
#define MAX_LONG_TEXT  200000

typedef enum
{
  F_STRING,
  F_STRING_NULL,
  F_UUID,
  F_UUID_NULL,
  F_TIME,
  F_TIME_NULL,
  F_NUMBER_NULL,
  F_INT,
  F_BOOL,
  F_OBJECT_NULL,
} FieldKind;

typedef struct
{
  const char         *name;
  FieldKind           kind;
  gboolean            required;
  const DlgVocabulary *allowed;
  gsize               max_len;
  double              min;
  double              max;
} FieldSpec;

static const FieldSpec contribution_fields[] = {
  { "process_id", F_UUID, TRUE },
  { "feature", F_STRING, TRUE, &dlg_vocabulary_feature },
  { "kind", F_STRING, TRUE, &dlg_vocabulary_site_contribution_kind },
  { "parent_id", F_UUID_NULL, FALSE },
  { "author_ref", F_STRING, FALSE, NULL, MAX_SHORT_TEXT },
  { "title", F_STRING, FALSE, NULL, MAX_SHORT_TEXT },
  { "body", F_STRING, FALSE, NULL, MAX_LONG_TEXT },
  { "lat", F_NUMBER_NULL, FALSE, NULL, 0, -90, 90 },
  { "lon", F_NUMBER_NULL, FALSE, NULL, 0, -180, 180 },
  { "answers", F_OBJECT_NULL, FALSE },
  { "created_at", F_TIME, TRUE },
  { "moderation", F_STRING, TRUE, &dlg_vocabulary_moderation },
  { "moderation_reason", F_STRING_NULL, FALSE, NULL, MAX_SHORT_TEXT },
  { "supports", F_INT, FALSE, NULL, 0, 0, G_MAXINT32 },
  /* Absent for those made online; the app's own contributions received in person come back
   * with theirs. */
  { "channel", F_STRING, FALSE, &dlg_vocabulary_channel },
};

static const FieldSpec registration_fields[] = {
  { "process_id", F_UUID, TRUE },
  { "channel", F_STRING, FALSE, &dlg_vocabulary_registration_channel },
  { "age_band", F_STRING, FALSE, NULL, 100 },
  { "gender", F_STRING, FALSE, NULL, 100 },
  { "commune", F_STRING, FALSE, NULL, 200 },
  { "quartier", F_STRING, FALSE, NULL, 200 },
  { "occupation", F_STRING, FALSE, NULL, 200 },
  { "prior_participation", F_BOOL, FALSE },
  { "household", F_STRING_NULL, FALSE, NULL, 200 },
  { "consent", F_BOOL, TRUE },
  { "consent_at", F_TIME_NULL, FALSE },
  { "registered_at", F_TIME, TRUE },
  { "contact", F_OBJECT_NULL, FALSE },
};

static const FieldSpec contact_fields[] = {
  { "full_name", F_STRING_NULL, FALSE, NULL, 500 },
  { "email", F_STRING_NULL, FALSE, NULL, 500 },
  { "phone", F_STRING_NULL, FALSE, NULL, 100 },
  { "address", F_STRING_NULL, FALSE, NULL, MAX_SHORT_TEXT },
};

typedef enum
{
  ITEM_OTHER,
  ITEM_CONTRIBUTION,
  ITEM_REGISTRATION,
} ItemType;

typedef struct
{
  ItemType    type;
  const char *type_name;
  const char *id;
  gint64      rev;
  gboolean    deleted;
  gboolean    erasure;
  JsonObject *data;       /* owned by the page's root */
} Item;

/* An item of the page that cannot be read: skipped, recorded in sync_skipped, reported. */
typedef struct
{
  char   *type;       /* (nullable) */
  char   *id;         /* (nullable): only a valid uuid */
  gint64  rev;
  char   *reason;
} Skip;

struct _DlgSyncPage
{
  JsonObject *root;
  GArray     *items;
  GArray     *skipped;
  const char *next_cursor;
  gboolean    has_more;
};

static const char sql_skipped_insert[] =
  "INSERT INTO sync_skipped (site_url, item_type, item_id, rev, reason, skipped_at)"
  "  SELECT ?1, ?2, ?3, ?4, ?5, ?6 WHERE NOT EXISTS (SELECT 1 FROM sync_skipped"
  "  WHERE site_url = ?1 AND item_type IS ?2 AND item_id IS ?3 AND rev IS ?4)";

/* What stands for text that is not UTF-8 once the page is made readable: a noncharacter
 * (U+FDD0), which no site has a reason to send. */
#define NOT_TEXT "\xef\xb7\x90"

/* Only the sync's own tables: what the items say goes through the core's ingestion path
 * (dlg-ingest.c). */
static const char sql_orphan_upsert[] =
  "INSERT INTO sync_orphan (type, uuid, process_uuid, rev, data_json) VALUES (?1, ?2, ?3, ?4, ?5)"
  " ON CONFLICT (type, uuid) DO UPDATE SET process_uuid = excluded.process_uuid,"
  "  rev = excluded.rev, data_json = excluded.data_json WHERE excluded.rev > sync_orphan.rev";
static const char sql_orphan_delete[] = "DELETE FROM sync_orphan WHERE uuid = ?1";
static const char sql_orphan_list[] =
  "SELECT type, uuid, rev, data_json, process_uuid FROM sync_orphan ORDER BY rev";
static const char sql_orphan_count[] =
  "SELECT count(*) FILTER (WHERE type = 'contribution'),"
  " count(*) FILTER (WHERE type = 'registration') FROM sync_orphan";
static const char sql_orphan_processes[] =
  "SELECT process_uuid, count(*) FILTER (WHERE type = 'contribution'),"
  " count(*) FILTER (WHERE type = 'registration') FROM sync_orphan"
  " GROUP BY process_uuid ORDER BY count(*) DESC, process_uuid";
static const char sql_orphan_delete_typed[] =
  "DELETE FROM sync_orphan WHERE type = ?1 AND uuid = ?2";
static const char sql_seen_insert[] =
  "INSERT OR IGNORE INTO sync_resync_seen (type, uuid) VALUES (?1, ?2)";
static const char sql_seen_list[] = "SELECT uuid FROM sync_resync_seen WHERE type = ?1";
/* A moderation decision not yet pushed is the officer's latest word: the pull keeps it. */
static const char sql_moderation_pending[] =
  "SELECT 1 FROM outbox WHERE object_type = 'moderation' AND object_uuid = ?1"
  "  AND state <> 'failed'";
/* …and a full resync never removes a contribution with one queued. */
static const char sql_moderation_queued[] =
  "SELECT object_uuid FROM outbox WHERE object_type = 'moderation'";
static const char sql_cursor_save[] =
  "UPDATE sync_state SET cursor = ?2 WHERE site_url = ?1";
static const char sql_resync_begin[] =
  "UPDATE sync_state SET cursor = NULL, full_resync = 1 WHERE site_url = ?1";
static const char sql_seen_clear[] = "DELETE FROM sync_resync_seen";
static const char sql_resync_done[] =
  "UPDATE sync_state SET full_resync = 0 WHERE site_url = ?1";

/* An item that cannot be read: @error says why, and the item is skipped (skip_item). */
static gboolean
invalid (GError     **error,
         guint        index,
         const char  *what)
{
  (void) index;
  g_set_error_literal (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL, what);
  return FALSE;
}

static gboolean
is_time (const char *text)
{
  g_autoptr(GDateTime) dt = NULL;

  if (strlen (text) > 64)
    return FALSE;
  dt = g_date_time_new_from_iso8601 (text, NULL);
  return dt != NULL;
}

static gboolean
node_is_string (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING;
}

static gboolean
node_is_int (JsonNode *node)
{
  return JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_INT64;
}

static gboolean
validate_fields (JsonObject       *object,
                 const FieldSpec  *specs,
                 guint             n_specs,
                 guint             index,
                 GError          **error)
{
  for (guint i = 0; i < n_specs; i++)
    {
      const FieldSpec *spec = &specs[i];
      JsonNode *node = json_object_get_member (object, spec->name);
      g_autofree char *what = NULL;
      gboolean is_null = node == NULL || JSON_NODE_HOLDS_NULL (node);
      gboolean ok = TRUE;

      if (node == NULL)
        {
          if (spec->required)
            {
              what = g_strdup_printf (_("“%s” is missing"), spec->name);
              return invalid (error, index, what);
            }
          continue;
        }

      switch (spec->kind)
        {
        case F_STRING:
        case F_UUID:
        case F_TIME:
          ok = node_is_string (node);
          break;
        case F_STRING_NULL:
        case F_UUID_NULL:
        case F_TIME_NULL:
          ok = is_null || node_is_string (node);
          break;
        case F_NUMBER_NULL:
          ok = is_null || (JSON_NODE_HOLDS_VALUE (node) &&
                           (json_node_get_value_type (node) == G_TYPE_DOUBLE ||
                            json_node_get_value_type (node) == G_TYPE_INT64));
          if (ok && !is_null)
            {
              double v = json_node_get_double (node);

              ok = v >= spec->min && v <= spec->max;
            }
          break;
        case F_INT:
          ok = node_is_int (node) && json_node_get_int (node) >= spec->min &&
               json_node_get_int (node) <= spec->max;
          break;
        case F_BOOL:
          ok = JSON_NODE_HOLDS_VALUE (node) &&
               json_node_get_value_type (node) == G_TYPE_BOOLEAN;
          break;
        case F_OBJECT_NULL:
          ok = is_null || JSON_NODE_HOLDS_OBJECT (node);
          break;
        default:
          g_assert_not_reached ();
        }

      if (ok && !is_null && node_is_string (node))
        {
          const char *text = json_node_get_string (node);
          gsize max_len = spec->max_len != 0 ? spec->max_len : MAX_SHORT_TEXT;

          if (strlen (text) > max_len)
            ok = FALSE;
          else if ((spec->kind == F_UUID || spec->kind == F_UUID_NULL) &&
                   !g_uuid_string_is_valid (text))
            ok = FALSE;
          else if ((spec->kind == F_TIME || spec->kind == F_TIME_NULL) && !is_time (text))
            ok = FALSE;
          else if (spec->allowed != NULL && !dlg_vocabulary_contains (spec->allowed, text))
            ok = FALSE;
        }

      if (!ok)
        {
          what = g_strdup_printf (_("“%s” has a wrong type or value"), spec->name);
          return invalid (error, index, what);
        }
    }
  return TRUE;
}

static gboolean
validate_data (ItemType     type,
               JsonObject  *data,
               guint        index,
               GError     **error)
{
  switch (type)
    {
    case ITEM_CONTRIBUTION:
      return validate_fields (data, contribution_fields, G_N_ELEMENTS (contribution_fields),
                              index, error);
    case ITEM_REGISTRATION:
      if (!validate_fields (data, registration_fields, G_N_ELEMENTS (registration_fields),
                            index, error))
        return FALSE;
      if (json_object_has_member (data, "contact") &&
          !json_object_get_null_member (data, "contact"))
        return validate_fields (json_object_get_object_member (data, "contact"),
                                contact_fields, G_N_ELEMENTS (contact_fields), index, error);
      return TRUE;
    case ITEM_OTHER:
    default:
      return TRUE;
    }
}

static ItemType
item_type_from_name (const char *name)
{
  if (g_strcmp0 (name, "contribution") == 0)
    return ITEM_CONTRIBUTION;
  if (g_strcmp0 (name, "registration") == 0)
    return ITEM_REGISTRATION;
  return ITEM_OTHER;
}

static void
skip_clear (gpointer data)
{
  Skip *skip = data;

  g_free (skip->type);
  g_free (skip->id);
  g_free (skip->reason);
}

/* Whether @text is text: UTF-8 without the mark of a byte that was not. */
static gboolean
is_text (const char *text)
{
  return g_utf8_validate (text, -1, NULL) && strstr (text, NOT_TEXT) == NULL;
}

/* Every string and member name under @node is text. */
static gboolean
node_is_text (JsonNode *node)
{
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      const char *name;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, &name, &member))
        if (!is_text (name) || !node_is_text (member))
          return FALSE;
      return TRUE;
    }
  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        if (!node_is_text (json_array_get_element (array, i)))
          return FALSE;
      return TRUE;
    }
  return !node_is_string (node) || is_text (json_node_get_string (node));
}

/* The code unit of the escape "\\uXXXX" at @p, or 0. */
static guint64
escape_unit (const char *p,
             const char *end)
{
  g_autofree char *hex = NULL;
  guint64 unit = 0;

  if (end - p < 6 || p[0] != '\\' || p[1] != 'u')
    return 0;
  hex = g_strndup (p + 2, 4);
  if (!g_ascii_string_to_unsigned (hex, 16, 0, 0xFFFF, &unit, NULL))
    return 0;
  return unit;
}

/* A copy of @data where each byte that is not UTF-8, and each lone surrogate escape (which
 * json-glib turns into bytes that are not UTF-8), reads NOT_TEXT: the page parses, and the
 * items holding one are skipped. */
static GString *
readable_text (const char *data,
               gsize       size)
{
  GString *out = g_string_sized_new (size + 16);
  const char *p = data, *end = data + size;
  gboolean surrogates = FALSE;

  /* Most pages: text, and no surrogate escape (\\uD800…\\uDFFF). */
  for (const char *q = memchr (data, '\\', size); q != NULL && q + 3 < end && !surrogates;
       q = memchr (q + 2, '\\', end - (q + 2) > 0 ? (gsize) (end - (q + 2)) : 0))
    surrogates = q[1] == 'u' && (q[2] == 'd' || q[2] == 'D') &&
                 g_ascii_isxdigit (q[3]) && g_ascii_xdigit_value (q[3]) >= 8;
  if (!surrogates && g_utf8_validate_len (data, size, NULL))
    return g_string_append_len (out, data, size);

  while (p < end)
    {
      gunichar c = g_utf8_get_char_validated (p, end - p);

      if (c == (gunichar) -1 || c == (gunichar) -2 || c == 0)
        {
          g_string_append (out, NOT_TEXT);
          p++;
          continue;
        }
      if (c == '\\' && p + 1 < end)
        {
          guint64 unit = 0;

          if (p[1] != 'u')
            {
              g_string_append_len (out, p, 2);
              p += 2;
              continue;
            }
          unit = escape_unit (p, end);
          if (unit >= 0xD800 && unit <= 0xDBFF)
            {
              guint64 low = p + 6 < end ? escape_unit (p + 6, end) : 0;

              if (low >= 0xDC00 && low <= 0xDFFF)
                {
                  g_string_append_len (out, p, 12);
                  p += 12;
                }
              else
                {
                  g_string_append (out, "\\ufdd0");
                  p += 6;
                }
              continue;
            }
          if (unit >= 0xDC00 && unit <= 0xDFFF)
            {
              g_string_append (out, "\\ufdd0");
              p += 6;
              continue;
            }
          g_string_append_len (out, p, MIN (6, end - p));
          p += MIN (6, end - p);
          continue;
        }
      g_string_append_unichar (out, c);
      p = g_utf8_next_char (p);
    }
  return out;
}

void
dlg_sync_page_free (DlgSyncPage *page)
{
  if (page == NULL)
    return;
  g_clear_pointer (&page->items, g_array_unref);
  g_clear_pointer (&page->skipped, g_array_unref);
  g_clear_pointer (&page->root, json_object_unref);
  g_free (page);
}

/* Reads one item of the page; %FALSE with @error saying why it cannot be read. */
static gboolean
parse_item (JsonNode  *item_node,
            guint      i,
            Item      *out,
            GError   **error)
{
  JsonObject *object;
  JsonNode *node;
  Item item = { 0 };

  if (!JSON_NODE_HOLDS_OBJECT (item_node))
    return invalid (error, i, _("not an object"));
  object = json_node_get_object (item_node);

  node = json_object_get_member (object, "type");
  if (node == NULL || !node_is_string (node) || !is_text (json_node_get_string (node)))
    return invalid (error, i, _("no “type”"));
  item.type_name = json_node_get_string (node);
  item.type = item_type_from_name (item.type_name);

  node = json_object_get_member (object, "id");
  if (node == NULL || !node_is_string (node) ||
      !g_uuid_string_is_valid (json_node_get_string (node)))
    return invalid (error, i, _("no valid “id”"));
  item.id = json_node_get_string (node);

  node = json_object_get_member (object, "rev");
  if (node == NULL || !node_is_int (node) || json_node_get_int (node) <= 0)
    return invalid (error, i, _("no valid “rev”"));
  item.rev = json_node_get_int (node);

  node = json_object_get_member (object, "deleted");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    return invalid (error, i, _("no valid “deleted”"));
  item.deleted = json_node_get_boolean (node);

  node = json_object_get_member (object, "data");
  if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
    item.data = json_node_get_object (node);
  else if (!item.deleted || (node != NULL && !JSON_NODE_HOLDS_NULL (node)))
    return invalid (error, i, _("no valid “data”"));
  if (node != NULL && !node_is_text (node))
    return invalid (error, i, _("text that is not valid UTF-8"));

  if (item.deleted)
    {
      if (item.data != NULL && json_object_has_member (item.data, "erasure"))
        {
          node = json_object_get_member (item.data, "erasure");
          if (!JSON_NODE_HOLDS_VALUE (node) ||
              json_node_get_value_type (node) != G_TYPE_BOOLEAN)
            return invalid (error, i, _("“erasure” has a wrong type"));
          item.erasure = json_node_get_boolean (node);
        }
    }
  else if (!validate_data (item.type, item.data, i, error))
    return FALSE;

  *out = item;
  return TRUE;
}

/* Keeps what can be told of an item that cannot be read: its type, id and rev when they are
 * readable. */
static void
skip_item (DlgSyncPage *page,
           JsonNode    *item_node,
           const char  *reason)
{
  Skip skip = { 0 };

  if (JSON_NODE_HOLDS_OBJECT (item_node))
    {
      JsonObject *object = json_node_get_object (item_node);
      JsonNode *node = json_object_get_member (object, "type");

      if (node != NULL && node_is_string (node) && is_text (json_node_get_string (node)))
        {
          const char *type = json_node_get_string (node);

          /* g_utf8_substring() reads past the end of a shorter string. */
          skip.type = g_utf8_strlen (type, -1) > 50 ? g_utf8_substring (type, 0, 50)
                                                    : g_strdup (type);
        }
      node = json_object_get_member (object, "id");
      if (node != NULL && node_is_string (node) &&
          g_uuid_string_is_valid (json_node_get_string (node)))
        skip.id = g_strdup (json_node_get_string (node));
      node = json_object_get_member (object, "rev");
      if (node != NULL && node_is_int (node))
        skip.rev = json_node_get_int (node);
    }
  skip.reason = g_strdup (reason);
  g_debug ("Skipping item %u of the page: %s", page->items->len + page->skipped->len + 1,
           reason);
  g_array_append_val (page->skipped, skip);
}

/**
 * dlg_sync_page_parse:
 * @bytes: the body of a `GET …/changes` answer
 * @max_items: the most items a page may hold (the limit asked)
 *
 * Validates the whole page. Unknown members are ignored; unknown item types are kept aside
 * and skipped when applied. An item that cannot be read (a field of the wrong type or value,
 * text that is not UTF-8) is skipped and kept in the page's skipped list; the page itself is
 * refused only when its envelope is wrong.
 *
 * Returns: (transfer full): the page, or %NULL with a %DLG_SYNC_ERROR_PROTOCOL error
 */
DlgSyncPage *
dlg_sync_page_parse (GBytes   *bytes,
                     guint     max_items,
                     GError  **error)
{
  g_autoptr(DlgSyncPage) page = g_new0 (DlgSyncPage, 1);
  gsize size;
  const char *data = g_bytes_get_data (bytes, &size);
  g_autoptr(GString) readable = NULL;
  JsonNode *node;
  JsonArray *items;
  guint n;

  /* Text that is not UTF-8 costs the items that hold it, not the page (a site that stored
   * one would otherwise stop every client's pull for good). */
  readable = readable_text (data != NULL ? data : "", size);
  page->root = dlg_sync_parse_object (readable->str, readable->len, error);
  if (page->root == NULL)
    return NULL;
  page->items = g_array_new (FALSE, TRUE, sizeof (Item));
  page->skipped = g_array_new (FALSE, TRUE, sizeof (Skip));
  g_array_set_clear_func (page->skipped, skip_clear);

  node = json_object_get_member (page->root, "items");
  if (node == NULL || !JSON_NODE_HOLDS_ARRAY (node))
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site's list of changes has no “items”; nothing of it was kept."));
      return NULL;
    }
  items = json_node_get_array (node);
  n = json_array_get_length (items);
  if (n > max_items)
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site sent %u changes where at most %u were asked; nothing of them "
                     "was kept."), n, max_items);
      return NULL;
    }

  node = json_object_get_member (page->root, "has_more");
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node) ||
      json_node_get_value_type (node) != G_TYPE_BOOLEAN)
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site's list of changes has no valid “has_more”; nothing of it was "
                     "kept."));
      return NULL;
    }
  page->has_more = json_node_get_boolean (node);

  node = json_object_get_member (page->root, "next_cursor");
  if (node == NULL || !node_is_string (node) || *json_node_get_string (node) == '\0' ||
      strlen (json_node_get_string (node)) > 1024 || !is_text (json_node_get_string (node)))
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site's list of changes has no valid “next_cursor”; nothing of it "
                     "was kept."));
      return NULL;
    }
  page->next_cursor = json_node_get_string (node);

  for (guint i = 0; i < n; i++)
    {
      JsonNode *item_node = json_array_get_element (items, i);
      g_autoptr(GError) why = NULL;
      Item item = { 0 };

      if (parse_item (item_node, i, &item, &why))
        g_array_append_val (page->items, item);
      else
        skip_item (page, item_node, why->message);
    }

  return g_steal_pointer (&page);
}

const char *
dlg_sync_page_get_next_cursor (DlgSyncPage *page)
{
  return page->next_cursor;
}

gboolean
dlg_sync_page_get_has_more (DlgSyncPage *page)
{
  return page->has_more;
}

/* Every item of the page, read or skipped. */
guint
dlg_sync_page_get_n_items (DlgSyncPage *page)
{
  return page->items->len + page->skipped->len;
}

guint
dlg_sync_page_get_n_skipped (DlgSyncPage *page)
{
  return page->skipped->len;
}

/* The reason the first skipped item of the page was skipped, or %NULL. */
const char *
dlg_sync_page_get_skip_reason (DlgSyncPage *page)
{
  return page->skipped->len > 0 ? g_array_index (page->skipped, Skip, 0).reason : NULL;
}

static gboolean exec_text (DlgStore    *store,
                           const char  *sql,
                           const char  *a,
                           const char  *b,
                           GError     **error);

/* Records the page's skipped items, and counts them as seen by a full resync (an item the site
 * still has is not "no longer on the site" because it could not be read). */
static gboolean
record_skipped (DlgStore    *store,
                DlgSyncPage *page,
                const char  *site_url,
                gboolean     full_resync,
                GError     **error)
{
  g_autofree char *now = dlg_now_iso8601 ();

  for (guint i = 0; i < page->skipped->len; i++)
    {
      const Skip *skip = &g_array_index (page->skipped, Skip, i);
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_skipped_insert, error);

      if (stmt == NULL)
        return FALSE;
      dlg_stmt_bind_text (stmt, 1, site_url);
      dlg_stmt_bind_text (stmt, 2, skip->type);
      dlg_stmt_bind_text (stmt, 3, skip->id);
      if (skip->rev > 0)
        sqlite3_bind_int64 (stmt, 4, skip->rev);
      dlg_stmt_bind_text (stmt, 5, skip->reason);
      dlg_stmt_bind_text (stmt, 6, now);
      if (!dlg_store_step_done (store, stmt, error))
        return FALSE;
      if (full_resync && skip->type != NULL && skip->id != NULL &&
          !exec_text (store, sql_seen_insert, skip->type, skip->id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
exec_text (DlgStore    *store,
           const char  *sql,
           const char  *a,
           const char  *b,
           GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, a);
  if (b != NULL)
    dlg_stmt_bind_text (stmt, 2, b);
  return dlg_store_step_done (store, stmt, error);
}

static gboolean
moderation_pending (DlgStore    *store,
                    const char  *uuid,
                    gboolean    *pending,
                    GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_moderation_pending, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  dlg_stmt_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error);
  *pending = rc == SQLITE_ROW;
  return TRUE;
}

/* Queues a live item of @process_id in @batch, through the core's reading of its JSON. */
static gboolean
batch_add_live (DlgStore        *store,
                DlgIngestBatch  *batch,
                ItemType         type,
                const char      *uuid,
                gint64           rev,
                gint64           process_id,
                JsonObject      *data,
                GError         **error)
{
  if (type == ITEM_CONTRIBUTION)
    {
      g_autoptr(DlgContribution) contribution =
        dlg_contribution_new_from_json (process_id, uuid, data);
      gboolean keep = FALSE;

      if (!moderation_pending (store, uuid, &keep, error))
        return FALSE;
      dlg_ingest_batch_add_contribution (batch, uuid, rev, contribution,
                                         keep ? DLG_INGEST_KEEP_MODERATION
                                              : DLG_INGEST_FLAGS_NONE);
    }
  else
    {
      g_autoptr(DlgParticipant) participant =
        dlg_participant_new_from_json (process_id, uuid, data);
      g_autoptr(DlgParticipantContact) contact = NULL;
      JsonNode *node = json_object_get_member (data, "contact");

      if (node != NULL && JSON_NODE_HOLDS_OBJECT (node))
        contact = dlg_participant_contact_new_from_json (json_node_get_object (node));
      dlg_ingest_batch_add_registration (batch, uuid, rev, participant, contact);
    }
  return TRUE;
}

/* A live item: into the batch when its process is here, else into sync_orphan to wait. */
static gboolean
take_live (DlgStore        *store,
           DlgIngestBatch  *batch,
           const Item      *item,
           GError         **error)
{
  const char *process_uuid = dlg_json_member_string (item->data, "process_id", "");
  gint64 process_id = dlg_process_lookup_uuid (store, process_uuid, error);
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(JsonNode) node = NULL;
  g_autofree char *json = NULL;

  if (process_id < 0)
    return FALSE;
  if (process_id > 0)
    return batch_add_live (store, batch, item->type, item->id, item->rev, process_id,
                           item->data, error);

  if (!(stmt = dlg_store_prepare (store, sql_orphan_upsert, error)))
    return FALSE;
  node = json_node_init_object (json_node_alloc (), item->data);
  json = dlg_sync_json_to_string (node);
  dlg_stmt_bind_text (stmt, 1, item->type_name);
  dlg_stmt_bind_text (stmt, 2, item->id);
  dlg_stmt_bind_text (stmt, 3, process_uuid);
  sqlite3_bind_int64 (stmt, 4, item->rev);
  dlg_stmt_bind_text (stmt, 5, json);
  return dlg_store_step_done (store, stmt, error);
}

/* Adds the first column of @sql's rows (?1 bound to @param when given) to @set. */
static gboolean
collect_uuids (DlgStore    *store,
               const char  *sql,
               const char  *param,
               GHashTable  *set,
               GError     **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (param != NULL)
    dlg_stmt_bind_text (stmt, 1, param);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_hash_table_add (set, dlg_stmt_dup_text (stmt, 0));
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error);
  return TRUE;
}

/* A full resync that finds more than this many items gone stops before changing anything:
 * more than 20, or more than 5 % of what the app holds from the site (from 3 items on). */
#define MISSING_MAX 20
#define MISSING_MAX_PERCENT 5
#define MISSING_FEW 3

static gboolean
too_many_missing (guint n_missing,
                  guint n_held)
{
  return n_missing > MISSING_MAX ||
         (n_missing >= MISSING_FEW && (guint64) n_missing * 100 > (guint64) n_held *
                                                                  MISSING_MAX_PERCENT);
}

/* The end of a full resync: the site's contributions it no longer lists are marked (kept),
 * except those with unsent changes (a moderation decision queued), which are left as they
 * are; registrants it no longer lists go. When that would touch too many, nothing changes
 * unless @confirmed: the site may have been restored from an older backup. */
static gboolean
resync_sweep (DlgStore    *store,
              const char  *site_url,
              gboolean     confirmed,
              guint       *n_removed,
              GError     **error)
{
  g_autoptr(GHashTable) contributions = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, NULL);
  g_autoptr(GHashTable) registrations = g_hash_table_new_full (g_str_hash, g_str_equal,
                                                               g_free, NULL);
  guint removed_contributions = 0, removed_registrations = 0;

  if (!collect_uuids (store, sql_seen_list, "contribution", contributions, error) ||
      !collect_uuids (store, sql_moderation_queued, NULL, contributions, error) ||
      !collect_uuids (store, sql_seen_list, "registration", registrations, error))
    return FALSE;
  if (!confirmed)
    {
      guint missing_c, held_c, missing_r, held_r;

      if (!dlg_ingest_count_missing (store, DLG_INGEST_SOURCE_SITE, DLG_INGEST_CONTRIBUTION,
                                     contributions, &missing_c, &held_c, error) ||
          !dlg_ingest_count_missing (store, DLG_INGEST_SOURCE_SITE, DLG_INGEST_REGISTRATION,
                                     registrations, &missing_r, &held_r, error))
        return FALSE;
      if (too_many_missing (missing_c + missing_r, held_c + held_r))
        {
          g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_SITE_MISSING,
                       _("The site no longer lists %u of the %u items this computer holds "
                         "from it: it may have been restored from an older backup, or "
                         "emptied. The sync stopped before changing anything."),
                       missing_c + missing_r, held_c + held_r);
          return FALSE;
        }
    }
  if (!dlg_ingest_remove_missing (store, DLG_INGEST_SOURCE_SITE, DLG_INGEST_CONTRIBUTION,
                                  contributions, &removed_contributions, error) ||
      !dlg_ingest_remove_missing (store, DLG_INGEST_SOURCE_SITE, DLG_INGEST_REGISTRATION,
                                  registrations, &removed_registrations, error))
    return FALSE;
  if (!dlg_store_exec (store, sql_seen_clear, error) ||
      !exec_text (store, sql_resync_done, site_url, NULL, error))
    return FALSE;
  if (n_removed != NULL)
    *n_removed = removed_contributions + removed_registrations;
  return TRUE;
}

/**
 * dlg_sync_page_apply:
 * @resync: whether the page belongs to a full resync: then remember what it holds, and when it
 *   is the last one, mark the pulled contributions the site no longer lists (never those with
 *   unsent changes); %DLG_SYNC_RESYNC_FULL stops with %DLG_SYNC_ERROR_SITE_MISSING, changing
 *   nothing of the page, when that would touch too many, %DLG_SYNC_RESYNC_CONFIRMED goes on
 *
 * Writes the page's items and the new cursor of @site_url in one transaction: the sync's own
 * tables here, what the items say through the core's ingestion path, in the page's order.
 */
gboolean
dlg_sync_page_apply (DlgStore     *store,
                     DlgSyncPage  *page,
                     const char   *site_url,
                     DlgSyncResync resync,
                     guint        *n_applied,
                     GError      **error)
{
  g_autoptr(DlgIngestBatch) batch = dlg_ingest_batch_new (DLG_INGEST_SOURCE_SITE);
  g_autoptr(DlgIngestReport) report = NULL;
  gboolean full_resync = resync != DLG_SYNC_RESYNC_NONE;
  guint applied;

  if (!dlg_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < page->items->len; i++)
    {
      const Item *item = &g_array_index (page->items, Item, i);
      DlgIngestKind kind = item->type == ITEM_CONTRIBUTION ? DLG_INGEST_CONTRIBUTION
                                                           : DLG_INGEST_REGISTRATION;

      if (item->type == ITEM_OTHER)
        {
          g_debug ("Skipping a change of unknown type “%s”", item->type_name);
          continue;
        }
      if (full_resync && !exec_text (store, sql_seen_insert, item->type_name, item->id, error))
        goto fail;
      if (item->deleted)
        {
          /* Personal data waiting for its process goes too. */
          if (!exec_text (store, sql_orphan_delete, item->id, NULL, error))
            goto fail;
          dlg_ingest_batch_add_removal (batch, kind, item->id, item->rev, item->erasure);
        }
      else if (!take_live (store, batch, item, error))
        goto fail;
    }

  if (!record_skipped (store, page, site_url, full_resync, error))
    goto fail;
  if (!dlg_ingest_batch_apply (store, batch, NULL, NULL, NULL, &report, error))
    goto fail;
  applied = report->n_added + report->n_updated + report->n_removed;
  if (!exec_text (store, sql_cursor_save, site_url, page->next_cursor, error))
    goto fail;
  if (full_resync && !page->has_more &&
      !resync_sweep (store, site_url, resync == DLG_SYNC_RESYNC_CONFIRMED, NULL, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  if (n_applied != NULL)
    *n_applied += applied;
  if (applied > 0)
    {
      dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, 0);
      dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT, 0);
    }
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_sync_resync_begin:
 *
 * After a 410: forget the cursor and start remembering what the full resync brings.
 */
gboolean
dlg_sync_resync_begin (DlgStore    *store,
                       const char  *site_url,
                       GError     **error)
{
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!exec_text (store, sql_resync_begin, site_url, NULL, error) ||
      !dlg_store_exec (store, sql_seen_clear, error))
    {
      dlg_store_rollback (store);
      return FALSE;
    }
  return dlg_store_commit (store, error);
}

/* For a resync whose feed turns out to be empty. */
gboolean
dlg_sync_resync_finish (DlgStore    *store,
                        const char  *site_url,
                        gboolean     confirmed,
                        guint       *n_removed,
                        GError     **error)
{
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!resync_sweep (store, site_url, confirmed, n_removed, error))
    {
      dlg_store_rollback (store);
      return FALSE;
    }
  return dlg_store_commit (store, error);
}

/**
 * dlg_sync_count_orphans:
 * @n_contributions: (out): contributions waiting for their process
 * @n_registrations: (out): registrations waiting for their process
 *
 * Counts the pulled items that wait for a process this database does not have yet.
 */
gboolean
dlg_sync_count_orphans (DlgStore  *store,
                        guint     *n_contributions,
                        guint     *n_registrations,
                        GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_orphan_count, error);
  int rc;

  *n_contributions = *n_registrations = 0;
  if (stmt == NULL)
    return FALSE;
  if ((rc = sqlite3_step (stmt)) != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);
  *n_contributions = sqlite3_column_int (stmt, 0);
  *n_registrations = sqlite3_column_int (stmt, 1);
  return TRUE;
}

void
dlg_sync_orphan_process_free (DlgSyncOrphanProcess *process)
{
  g_free (process->process_uuid);
  g_free (process);
}

/**
 * dlg_sync_list_orphan_processes:
 *
 * The processes this database does not have that pulled items wait for, the most waited for
 * first, with how many of each kind.
 *
 * Returns: (transfer full) (element-type DlgSyncOrphanProcess): or NULL on error
 */
GPtrArray *
dlg_sync_list_orphan_processes (DlgStore  *store,
                                GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_orphan_processes, error);
  g_autoptr(GPtrArray) processes = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  processes = g_ptr_array_new_with_free_func ((GDestroyNotify) dlg_sync_orphan_process_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      DlgSyncOrphanProcess *process = g_new0 (DlgSyncOrphanProcess, 1);

      process->process_uuid = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      process->n_contributions = sqlite3_column_int (stmt, 1);
      process->n_registrations = sqlite3_column_int (stmt, 2);
      g_ptr_array_add (processes, process);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&processes);
}

/**
 * dlg_sync_apply_orphans:
 *
 * Applies the pulled items that were waiting for their process, now that it exists.
 */
gboolean
dlg_sync_apply_orphans (DlgStore  *store,
                        guint     *n_applied,
                        GError   **error)
{
  typedef struct { char *type; char *uuid; gint64 rev; char *json; char *process; } Orphan;
  g_autoptr(GArray) orphans = g_array_new (FALSE, TRUE, sizeof (Orphan));
  g_autoptr(DlgIngestBatch) batch = dlg_ingest_batch_new (DLG_INGEST_SOURCE_SITE);
  g_autoptr(DlgIngestReport) report = NULL;
  gboolean ok = FALSE;
  guint n_ready = 0;
  int rc;

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_orphan_list, error);

    if (stmt == NULL)
      return FALSE;
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        Orphan o = { dlg_stmt_dup_text (stmt, 0), dlg_stmt_dup_text (stmt, 1),
                     sqlite3_column_int64 (stmt, 2), dlg_stmt_dup_text (stmt, 3),
                     dlg_stmt_dup_text (stmt, 4) };

        g_array_append_val (orphans, o);
      }
    if (rc != SQLITE_DONE)
      {
        dlg_store_set_error (store, rc, error);
        goto out;
      }
  }

  if (!dlg_store_begin (store, error))
    goto out;
  for (guint i = 0; i < orphans->len; i++)
    {
      Orphan *o = &g_array_index (orphans, Orphan, i);
      g_autoptr(JsonObject) data = NULL;
      ItemType type = item_type_from_name (o->type);
      gint64 process_id = dlg_process_lookup_uuid (store, o->process, error);

      if (process_id < 0)
        goto fail;
      if (process_id == 0)
        continue;  /* still waiting */
      n_ready++;
      if (!(data = dlg_sync_parse_object (o->json, -1, error)))
        goto fail;
      if ((type == ITEM_CONTRIBUTION || type == ITEM_REGISTRATION) &&
          !batch_add_live (store, batch, type, o->uuid, o->rev, process_id, data, error))
        goto fail;
      if (!exec_text (store, sql_orphan_delete_typed, o->type, o->uuid, error))
        goto fail;
    }
  if (n_ready == 0)
    {
      dlg_store_rollback (store);
      ok = TRUE;
      goto out;
    }
  if (!dlg_ingest_batch_apply (store, batch, NULL, NULL, NULL, &report, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    goto out;
  if (n_applied != NULL)
    *n_applied += report->n_added + report->n_updated;
  dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, 0);
  ok = TRUE;
  goto out;

fail:
  dlg_store_rollback (store);
out:
  for (guint i = 0; i < orphans->len; i++)
    {
      Orphan *o = &g_array_index (orphans, Orphan, i);

      g_free (o->type);
      g_free (o->uuid);
      g_free (o->json);
      g_free (o->process);
    }
  return ok;
}
