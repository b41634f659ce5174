/* dlg-domain-private.h — validation and SQL helpers shared by the domain objects
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <string.h>

#include "dlg-store-private.h"
#include "dlg-vocabularies.h"

G_BEGIN_DECLS

/* A contribution's themes, by name and comma-separated, as an expression over its row t: the
 * list's themes column and its order by themes (dlg-contribution.c, dlg-contribution-list.c). */
#define DLG_CONTRIBUTION_THEME_NAMES_SQL \
  "(SELECT group_concat (name, ', ') FROM (SELECT th.name AS name" \
  " FROM contribution_theme ct JOIN theme th ON th.id = ct.theme_id" \
  " WHERE ct.contribution_id = t.id ORDER BY th.name COLLATE NOCASE))"

typedef gpointer (*DlgRowFunc) (sqlite3_stmt *stmt);

/* A set of row ids, one bit each (the contribution list's search, the counts per theme). */
typedef struct
{
  guint8 *bits;
  gsize   n_bytes;
} DlgIdSet;

static inline void
dlg_id_set_clear (DlgIdSet *set)
{
  if (set->bits != NULL)
    memset (set->bits, 0, set->n_bytes);
}

/* TRUE if @id was not in the set yet. */
static inline gboolean
dlg_id_set_add (DlgIdSet *set,
                gint64    id)
{
  gsize byte = (gsize) id / 8;
  guint8 bit = 1 << (id % 8);

  if (id < 0)
    return FALSE;
  if (byte >= set->n_bytes)
    {
      gsize n = MAX (MAX (set->n_bytes * 2, byte + 1), 4096);

      set->bits = g_realloc (set->bits, n);
      memset (set->bits + set->n_bytes, 0, n - set->n_bytes);
      set->n_bytes = n;
    }
  if (set->bits[byte] & bit)
    return FALSE;
  set->bits[byte] |= bit;
  return TRUE;
}

static inline gboolean
dlg_id_set_has (const DlgIdSet *set,
                gint64          id)
{
  gsize byte = (gsize) id / 8;

  return id >= 0 && byte < set->n_bytes && (set->bits[byte] & (1 << (id % 8))) != 0;
}

/* Checks that @value is valid UTF-8 (NULL is accepted unless @required), at most @max
 * characters (0: no limit), and not blank when @required (the error is then @empty). @label
 * is the translated name of the field, for the messages. */
gboolean    dlg_check_text      (const char          *value,
                                 gboolean             required,
                                 int                  max,
                                 const char          *label,
                                 const char          *empty,
                                 GError             **error);
/* Checks that @value is an id of @vocabulary (NULL accepted when @nullable); @message
 * otherwise. */
gboolean    dlg_check_enum      (const char          *value,
                                 const DlgVocabulary *vocabulary,
                                 gboolean             nullable,
                                 const char          *message,
                                 GError             **error);
/* A date (2025-03-31) or an ISO 8601 date and time; NULL or "" refused when @required (the
 * error is then @empty), else accepted as "no date". */
gboolean    dlg_check_date      (const char          *value,
                                 gboolean             required,
                                 const char          *label,
                                 const char          *empty,
                                 GError             **error);
/* NULL or the id of a stage ("diagnostic"…). */
gboolean    dlg_check_stage     (const char          *value,
                                 GError             **error);
/* Runs @sql (one int64 parameter, selecting one int64) for @id: returns the value, or 0 with
 * NOT_FOUND and @missing as message. */
gint64      dlg_lookup_process  (DlgStore            *store,
                                 const char          *sql,
                                 gint64               id,
                                 const char          *missing,
                                 GError             **error);
/* Runs @sql (?1 the process; selecting an operation's id and summary, the latest first) for
 * the undo of work at volume: 0 and NULL when there is none. */
gboolean    dlg_lookup_last_operation (DlgStore      *store,
                                       const char    *sql,
                                       gint64         process_id,
                                       gint64        *operation_id,
                                       char         **summary,
                                       GError       **error);
/* Steps @stmt and collects the objects @func makes of each row into a GListStore. */
GListModel *dlg_collect_rows    (DlgStore            *store,
                                 sqlite3_stmt        *stmt,
                                 GType                item_type,
                                 DlgRowFunc           func,
                                 GError             **error);
/* Runs @sql (one int64 parameter, the process; rows of an int64 id and a count) and collects
 * them: a GHashTable from the id (gint64 *) to the count (GUINT_TO_POINTER), %NULL on error.
 * One statement for a whole list, where a view would otherwise count row by row. */
GHashTable *dlg_collect_counts  (DlgStore            *store,
                                 const char          *sql,
                                 gint64               process_id,
                                 GError             **error);
/* A GDPR erasure of a registrant (dlg-participant.c): deletes their contact row and blanks the
 * profile of @participant (status "erased"), which the caller then writes with
 * dlg_record_update_fields (…, dlg_participant_erased_fields, …) in its transaction. */
extern const char * const dlg_participant_erased_fields[];
gboolean    dlg_participant_erase_personal (DlgStore       *store,
                                            DlgParticipant *participant,
                                            GError        **error);

/* In a DlgRecordInfo: the record hangs off a recommendation (its position, its review). */
#define DLG_RECORD_UNDER_RECOMMENDATION \
  .process_sql = "SELECT process_id FROM recommendation WHERE id = ?1", \
  .parent_field = "recommendation-id", \
  .parent_missing = N_("The recommendation does not exist."), \
  .join = "JOIN recommendation r ON r.id = t.recommendation_id", \
  .process_column = "r.process_id", \
  .order_by = "r.number, t.id"

/* In a field table: the sync's columns of a published record (members sync_state, etag and
 * rev of @Type), read and never written by a save; @initial is sync_state before the first. */
#define DLG_RECORD_SYNC_FIELDS(Type, initial) \
  { .column = "sync_state", .property = "sync-state", .kind = DLG_FIELD_STRING, \
    .offset = G_STRUCT_OFFSET (Type, sync_state), .flags = DLG_RECORD_SYNC_FIELD \
    | DLG_FIELD_NULLABLE, .label = N_("sync state"), .default_string = (initial) }, \
  { .column = "etag", .property = "etag", .kind = DLG_FIELD_STRING, \
    .offset = G_STRUCT_OFFSET (Type, etag), .flags = DLG_RECORD_SYNC_FIELD | DLG_FIELD_NULLABLE, \
    .label = N_("ETag") }, \
  { .column = "rev", .property = "rev", .kind = DLG_FIELD_INT64, \
    .offset = G_STRUCT_OFFSET (Type, rev), .flags = DLG_RECORD_SYNC_FIELD, .label = N_("revision") }
#define DLG_RECORD_SYNC_FIELD (DLG_FIELD_SELECT_ONLY | DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN)

/* Marks the response of @process_id for the next push when it was synced. */
gboolean    dlg_response_touch  (DlgStore            *store,
                                 gint64               process_id,
                                 GError             **error);

G_END_DECLS
