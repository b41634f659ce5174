/* dlg-journal.c — the append-only, hash-chained journal of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry carries a sequence number within its process and the SHA-256 of the previous
 * entry; its own hash covers every field and that link. Editing an entry breaks its hash,
 * deleting or reordering one breaks the link or the sequence of the next, and the number of
 * entries and the last hash are kept in `meta` so that cutting the tail is seen too. Triggers
 * refuse UPDATE and DELETE; verify catches what was done around them.
 */

#define G_LOG_DOMAIN "dlg-journal"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-store-private.h"

#define GENESIS_HASH "0000000000000000000000000000000000000000000000000000000000000000"

struct _DlgJournalEntry
{
  GObject parent_instance;

  gint64  seq;
  char   *at;
  char   *actor;
  char   *action;
  char   *object_type;
  char   *object_id;
  char   *summary;
  char   *prev_hash;
  char   *hash;
};

G_DEFINE_FINAL_TYPE (DlgJournalEntry, dlg_journal_entry, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_SEQ,
  PROP_AT,
  PROP_ACTOR,
  PROP_ACTION,
  PROP_OBJECT_TYPE,
  PROP_OBJECT_ID,
  PROP_SUMMARY,
  PROP_HASH,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char sql_last[] =
  "SELECT seq, hash FROM journal WHERE process_id = ?1 ORDER BY seq DESC LIMIT 1";
static const char sql_insert[] =
  "INSERT INTO journal (process_id, seq, at, actor, action, object_type, object_id, summary,"
  " prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";
static const char sql_head[] =
  "INSERT INTO meta (key, value) VALUES (?1, ?2)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char sql_get_head[] = "SELECT value FROM meta WHERE key = ?1";
static const char sql_list[] =
  "SELECT seq, at, actor, action, object_type, object_id, summary, prev_hash, hash"
  " FROM journal WHERE process_id = ?1 ORDER BY id";

/* Fields are length-prefixed so that no choice of text can make two entries hash alike. */
static char *
entry_hash (gint64      process_id,
            gint64      seq,
            const char *at,
            const char *actor,
            const char *action,
            const char *object_type,
            const char *object_id,
            const char *summary,
            const char *prev_hash)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *fields[] = { at, actor, action, object_type, object_id, summary, prev_hash };
  g_autofree char *head = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":",
                                           process_id, seq);

  g_checksum_update (sum, (const guchar *) head, -1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *len = g_strdup_printf ("%zu:", strlen (fields[i]));

      g_checksum_update (sum, (const guchar *) len, -1);
      g_checksum_update (sum, (const guchar *) fields[i], -1);
    }

  return g_strdup (g_checksum_get_string (sum));
}

static char *
head_key (gint64 process_id)
{
  return g_strdup_printf ("journal.head.%" G_GINT64_FORMAT, process_id);
}

static void
dlg_journal_entry_finalize (GObject *object)
{
  DlgJournalEntry *self = (DlgJournalEntry *)object;

  g_free (self->at);
  g_free (self->actor);
  g_free (self->action);
  g_free (self->object_type);
  g_free (self->object_id);
  g_free (self->summary);
  g_free (self->prev_hash);
  g_free (self->hash);

  G_OBJECT_CLASS (dlg_journal_entry_parent_class)->finalize (object);
}

static void
dlg_journal_entry_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  DlgJournalEntry *self = DLG_JOURNAL_ENTRY (object);

  switch (prop_id)
    {
    case PROP_SEQ:
      g_value_set_int64 (value, self->seq);
      break;
    case PROP_AT:
      g_value_set_string (value, self->at);
      break;
    case PROP_ACTOR:
      g_value_set_string (value, self->actor);
      break;
    case PROP_ACTION:
      g_value_set_string (value, self->action);
      break;
    case PROP_OBJECT_TYPE:
      g_value_set_string (value, self->object_type);
      break;
    case PROP_OBJECT_ID:
      g_value_set_string (value, self->object_id);
      break;
    case PROP_SUMMARY:
      g_value_set_string (value, self->summary);
      break;
    case PROP_HASH:
      g_value_set_string (value, self->hash);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_journal_entry_class_init (DlgJournalEntryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_journal_entry_finalize;
  object_class->get_property = dlg_journal_entry_get_property;

  properties[PROP_SEQ] = g_param_spec_int64 ("seq", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_AT] = g_param_spec_string ("at", NULL, NULL, NULL, flags);
  properties[PROP_ACTOR] = g_param_spec_string ("actor", NULL, NULL, NULL, flags);
  properties[PROP_ACTION] = g_param_spec_string ("action", NULL, NULL, NULL, flags);
  properties[PROP_OBJECT_TYPE] = g_param_spec_string ("object-type", NULL, NULL, NULL, flags);
  properties[PROP_OBJECT_ID] = g_param_spec_string ("object-id", NULL, NULL, NULL, flags);
  properties[PROP_SUMMARY] = g_param_spec_string ("summary", NULL, NULL, NULL, flags);
  properties[PROP_HASH] = g_param_spec_string ("hash", NULL, NULL, NULL, flags);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_journal_entry_init (DlgJournalEntry *self)
{
}

gint64      dlg_journal_entry_get_seq (DlgJournalEntry *self) { return self->seq; }
const char *dlg_journal_entry_get_at (DlgJournalEntry *self) { return self->at; }
const char *dlg_journal_entry_get_actor (DlgJournalEntry *self) { return self->actor; }
const char *dlg_journal_entry_get_action (DlgJournalEntry *self) { return self->action; }
const char *dlg_journal_entry_get_object_type (DlgJournalEntry *self) { return self->object_type; }
const char *dlg_journal_entry_get_object_id (DlgJournalEntry *self) { return self->object_id; }
const char *dlg_journal_entry_get_summary (DlgJournalEntry *self) { return self->summary; }
const char *dlg_journal_entry_get_hash (DlgJournalEntry *self) { return self->hash; }

/**
 * dlg_journal_append:
 * @store: a #DlgStore
 * @process_id: the process the entry belongs to
 * @action: what was done, a short id such as "stage.done" or "narrative.publish"
 * @object_type: the kind of object acted on ("stage", "decision", …)
 * @object_id: its id or uuid
 * @summary: one sentence for the public record
 * @error: return location for a #DlgError
 *
 * Appends an entry chained to the previous one of the process. Call it inside the transaction
 * of the change it records, so that the change and its entry land together.
 */
gboolean
dlg_journal_append (DlgStore    *store,
                    gint64       process_id,
                    const char  *action,
                    const char  *object_type,
                    const char  *object_id,
                    const char  *summary,
                    GError     **error)
{
  g_autoptr(DlgStmt) last = NULL;
  g_autoptr(DlgStmt) insert = NULL;
  g_autoptr(DlgStmt) head = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *at = dlg_now_iso8601 ();
  g_autofree char *key = head_key (process_id);
  g_autofree char *head_value = NULL;
  const char *actor = dlg_store_get_actor (store);
  gint64 seq = 1;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL && object_type != NULL && object_id != NULL, FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  if (!dlg_store_begin (store, error))
    return FALSE;

  if (!(last = dlg_store_prepare (store, sql_last, error)))
    goto fail;
  sqlite3_bind_int64 (last, 1, process_id);
  rc = sqlite3_step (last);
  if (rc == SQLITE_ROW)
    {
      seq = sqlite3_column_int64 (last, 0) + 1;
      prev_hash = dlg_stmt_dup_text (last, 1);
    }
  else if (rc == SQLITE_DONE)
    prev_hash = g_strdup (GENESIS_HASH);
  else
    {
      dlg_store_set_error (store, rc, error);
      goto fail;
    }

  actor = actor != NULL ? actor : "";
  hash = entry_hash (process_id, seq, at, actor, action, object_type, object_id, summary,
                     prev_hash);

  if (!(insert = dlg_store_prepare (store, sql_insert, error)))
    goto fail;
  sqlite3_bind_int64 (insert, 1, process_id);
  sqlite3_bind_int64 (insert, 2, seq);
  dlg_stmt_bind_text (insert, 3, at);
  dlg_stmt_bind_text (insert, 4, actor);
  dlg_stmt_bind_text (insert, 5, action);
  dlg_stmt_bind_text (insert, 6, object_type);
  dlg_stmt_bind_text (insert, 7, object_id);
  dlg_stmt_bind_text (insert, 8, summary);
  dlg_stmt_bind_text (insert, 9, prev_hash);
  dlg_stmt_bind_text (insert, 10, hash);
  if (!dlg_store_step_done (store, insert, error))
    goto fail;

  head_value = g_strdup_printf ("%" G_GINT64_FORMAT " %s", seq, hash);
  if (!(head = dlg_store_prepare (store, sql_head, error)))
    goto fail;
  dlg_stmt_bind_text (head, 1, key);
  dlg_stmt_bind_text (head, 2, head_value);
  if (!dlg_store_step_done (store, head, error))
    goto fail;

  return dlg_store_commit (store, error);

fail:
  dlg_store_rollback (store);
  return FALSE;
}

static DlgJournalEntry *
entry_from_row (sqlite3_stmt *stmt)
{
  DlgJournalEntry *entry = g_object_new (DLG_TYPE_JOURNAL_ENTRY, NULL);

  entry->seq = sqlite3_column_int64 (stmt, 0);
  entry->at = dlg_stmt_dup_text (stmt, 1);
  entry->actor = dlg_stmt_dup_text (stmt, 2);
  entry->action = dlg_stmt_dup_text (stmt, 3);
  entry->object_type = dlg_stmt_dup_text (stmt, 4);
  entry->object_id = dlg_stmt_dup_text (stmt, 5);
  entry->summary = dlg_stmt_dup_text (stmt, 6);
  entry->prev_hash = dlg_stmt_dup_text (stmt, 7);
  entry->hash = dlg_stmt_dup_text (stmt, 8);

  return entry;
}

/**
 * dlg_journal_list:
 *
 * Returns: (transfer full): the entries of the process in the order they were written
 */
GListModel *
dlg_journal_list (DlgStore  *store,
                  gint64     process_id,
                  GError   **error)
{
  g_autoptr(GListStore) entries = g_list_store_new (DLG_TYPE_JOURNAL_ENTRY);
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(stmt = dlg_store_prepare (store, sql_list, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DlgJournalEntry) entry = entry_from_row (stmt);

      g_list_store_append (entries, entry);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }

  return G_LIST_MODEL (g_steal_pointer (&entries));
}

/**
 * dlg_journal_verify:
 * @store: a #DlgStore
 * @process_id: the process
 * @n_entries: (out) (optional): the number of entries checked
 * @error: return location: %DLG_ERROR_JOURNAL_BROKEN names the first entry that breaks
 *
 * Walks the chain of the process in the order the entries are stored.
 *
 * Returns: %TRUE if every entry is intact and in its place
 */
gboolean
dlg_journal_verify (DlgStore  *store,
                    gint64     process_id,
                    gint64    *n_entries,
                    GError   **error)
{
  g_autoptr(GListModel) entries = NULL;
  g_autoptr(DlgStmt) head = NULL;
  g_autofree char *key = head_key (process_id);
  g_autofree char *expected_head = NULL;
  g_autofree char *actual_head = NULL;
  const char *prev_hash = GENESIS_HASH;
  guint n;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(entries = dlg_journal_list (store, process_id, error)))
    return FALSE;
  n = g_list_model_get_n_items (entries);
  if (n_entries != NULL)
    *n_entries = n;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgJournalEntry) e = g_list_model_get_item (entries, i);
      g_autofree char *hash = entry_hash (process_id, e->seq, e->at, e->actor, e->action,
                                          e->object_type, e->object_id, e->summary,
                                          e->prev_hash);

      if (e->seq != (gint64) i + 1)
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_JOURNAL_BROKEN,
                       _("Journal entry %lld is out of place: entry %u was "
                         "expected here (an entry was deleted or moved)."), (long long) e->seq, i + 1);
          return FALSE;
        }
      if (g_strcmp0 (e->prev_hash, prev_hash) != 0)
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_JOURNAL_BROKEN,
                       _("Journal entry %lld does not follow the entry before "
                         "it (an entry was deleted, inserted or moved)."), (long long) e->seq);
          return FALSE;
        }
      if (g_strcmp0 (e->hash, hash) != 0)
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_JOURNAL_BROKEN,
                       _("Journal entry %lld was modified after it was "
                         "written."), (long long) e->seq);
          return FALSE;
        }
      prev_hash = e->hash;
      if (i + 1 == n)
        actual_head = g_strdup_printf ("%" G_GINT64_FORMAT " %s", e->seq, e->hash);
    }

  if (!(head = dlg_store_prepare (store, sql_get_head, error)))
    return FALSE;
  dlg_stmt_bind_text (head, 1, key);
  rc = sqlite3_step (head);
  if (rc == SQLITE_ROW)
    expected_head = dlg_stmt_dup_text (head, 0);
  else if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error);

  if (g_strcmp0 (expected_head, actual_head) != 0)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_JOURNAL_BROKEN,
                   _("The journal ends at entry %u but its last recorded entry is “%s”: "
                     "entries were removed from the end."),
                   n, expected_head != NULL ? expected_head : "-");
      return FALSE;
    }

  return TRUE;
}
