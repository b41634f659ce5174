/* dlg-ingest.c — the one path by which contributions and registrations from a source come in
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A source (the reference site's change feed, later a platform's export or API, a spreadsheet)
 * gives items, each with the source's own id and, when it has one, its revision. A batch is
 * applied in one transaction (a savepoint inside the caller's): an item the source already
 * gave updates the row it made (never a second row), an item not newer than the copy held is
 * left as it is, an item the domain's checks refuse is skipped with the reason and the rest is
 * applied. Rows are written through the record base (dlg-record-private.h: the row as the item's
 * record holds it, or the fields a source owns of a row it gave before); the statements here
 * are look-ups by source and revision, and the contact row. The FTS index follows through the
 * contribution table's triggers.
 *
 * What the officer owns is never written here: themes (contribution_theme), notes and
 * highlights (contribution_annotation), a registrant's status and reserve rank, and, with
 * DLG_INGEST_KEEP_MODERATION, a moderation decision the source has not seen yet. What a
 * source brings is the citizens' own and is applied whatever the stage (no stage check, no
 * journal entry).
 */

#define G_LOG_DOMAIN "dlg-ingest"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-contribution.h"
#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-ingest.h"
#include "dlg-participant.h"
#include "dlg-participant-contact.h"
#include "dlg-record-private.h"
#include "dlg-store-private.h"

#define PROGRESS_EVERY 100

typedef struct
{
  DlgIngestKind          kind;
  gboolean               removal;
  gboolean               erasure;
  DlgIngestFlags         flags;
  char                  *source_id;
  gint64                 rev;
  GObject               *record;   /* DlgContribution or DlgParticipant; NULL for a removal */
  DlgParticipantContact *contact;
} Item;

struct _DlgIngestBatch
{
  char     *source;
  gboolean  by_uuid;  /* the site: its ids are our uuids */
  GArray   *items;
};

/* A row found for an item: its id and the revision held. */
typedef struct
{
  gint64   id;
  gboolean has_rev;
  gint64   rev;          /* the batch's: remote_rev for the site, else source_rev */
  gint64   remote_rev;   /* -1: none */
  gint64   source_rev;   /* -1: none */
  gboolean erased;
} Held;

static const char sql_process_exists[] = "SELECT id FROM process WHERE id = ?1";

static const char sql_contribution_by_uuid[] =
  "SELECT id, remote_rev, source_rev, 0 FROM contribution WHERE uuid = ?1";
static const char sql_contribution_by_source[] =
  "SELECT id, remote_rev, source_rev, 0 FROM contribution"
  " WHERE process_id = ?1 AND source = ?2 AND source_id = ?3";
static const char sql_contribution_removal_by_source[] =
  "SELECT id FROM contribution WHERE source = ?1 AND source_id = ?2";

/* A contribution's rows are written through the record base (dlg-record-private.h): what a
 * source owns of one it gave before. Not the channel (the site's copy of an in-person
 * contribution is the app's), the sync state, the source or the officer's annotations; the
 * moderation only when the officer has no decision on its way. Nothing is written when
 * nothing differs, so that the report tells updated from unchanged. */
static const char * const contribution_source_fields[] = {
  "feature", "kind", "parent-uuid", "author-ref", "title", "body", "lat", "lon", "data-json",
  "created-at", "moderation", "moderation-reason", "supports", "remote-rev", "source-rev",
  "site-missing-at", NULL
};
static const char * const contribution_source_fields_keep_moderation[] = {
  "feature", "kind", "parent-uuid", "author-ref", "title", "body", "lat", "lon", "data-json",
  "created-at", "supports", "remote-rev", "source-rev", "site-missing-at", NULL
};
/* A GDPR erasure keeps the row (its moderation, its place in the recommendations' sources)
 * without a word of its author's. */
static const char * const contribution_erased_fields[] = {
  "title", "body", "author-ref", "lat", "lon", "data-json", "remote-rev", "source-rev", NULL
};
static const char * const contribution_missing_fields[] = { "site-missing-at", NULL };
static const char sql_participant_by_uuid[] =
  "SELECT id, remote_rev, source_rev, status = 'erased' FROM participant WHERE uuid = ?1";
static const char sql_participant_by_source[] =
  "SELECT id, remote_rev, source_rev, status = 'erased' FROM participant"
  " WHERE process_id = ?1 AND source = ?2 AND source_id = ?3";
static const char sql_participant_removal_by_source[] =
  "SELECT id FROM participant WHERE source = ?1 AND source_id = ?2";
/* What a source owns of a registration it gave before: not the status nor the reserve rank
 * (the draw's and the officer's). */
static const char * const participant_source_fields[] = {
  "channel", "age-band", "gender", "commune", "quartier", "occupation", "prior-participation",
  "household", "consent", "consent-at", "registered-at", "remote-rev", "source-rev", NULL
};
/* A withdrawal deletes the registrant unless a draw refers to them; then, and for a GDPR
 * erasure, the contact row goes and the profile is blanked (dlg_participant_erase_personal). */
static const char sql_participant_in_draw[] =
  "SELECT count(*) FROM draw_probability WHERE participant_id = ?1";
/* Contact data is not on the record base: the ingestion path writes its row. */
static const char sql_contact_upsert[] =
  "INSERT INTO participant_contact (participant_id, full_name, email, phone, address)"
  "  VALUES (?1, ?2, ?3, ?4, ?5)"
  " ON CONFLICT (participant_id) DO UPDATE SET full_name = excluded.full_name,"
  "  email = excluded.email, phone = excluded.phone, address = excluded.address";
/* What a source gave before and no longer has (dlg_ingest_remove_missing). The site's rows
 * are those with its revision; contributions received in person are the app's own, whatever
 * the site lost; a registrant a draw refers to, or whom the draw moved on, stays. */
static const char sql_missing_contributions_site[] =
  "SELECT id, uuid, site_missing_at IS NOT NULL FROM contribution"
  " WHERE remote_rev IS NOT NULL AND channel = 'online'";
static const char sql_missing_contributions[] =
  "SELECT id, source_id, site_missing_at IS NOT NULL FROM contribution WHERE source = ?1";
static const char sql_missing_participants_site[] =
  "SELECT id, uuid, 0 FROM participant WHERE remote_rev IS NOT NULL AND status = 'registered'"
  "  AND id NOT IN (SELECT participant_id FROM draw_probability)";
static const char sql_missing_participants[] =
  "SELECT id, source_id, 0 FROM participant WHERE source = ?1 AND status = 'registered'"
  "  AND id NOT IN (SELECT participant_id FROM draw_probability)";

static void
item_clear (Item *item)
{
  g_free (item->source_id);
  g_clear_object (&item->record);
  g_clear_object (&item->contact);
}

static void
skip_free (DlgIngestSkip *skip)
{
  g_free (skip->source_id);
  g_free (skip->reason);
  g_free (skip);
}

static void
report_skip (DlgIngestReport *report,
             guint            index,
             const Item      *item,
             const char      *reason)
{
  DlgIngestSkip *skip = g_new0 (DlgIngestSkip, 1);

  skip->index = index;
  skip->source_id = g_strdup (item->source_id);
  skip->reason = g_strdup (reason);
  g_ptr_array_add (report->skipped, skip);
  g_debug ("Item %u (%s) skipped: %s", index + 1, item->source_id, reason);
}

/* The revisions @record is written with: the site's is remote_rev, another source's
 * source_rev; an item without one keeps the revision held. */
static void
take_revisions (DlgRecord      *record,
                DlgIngestBatch *batch,
                const Item     *item,
                const Held     *held)
{
  gboolean has_rev = item->rev > 0;

  dlg_record_set_int64 (record, "remote-rev", has_rev && batch->by_uuid ? item->rev
                                               : held->id != 0 ? held->remote_rev : -1);
  dlg_record_set_int64 (record, "source-rev", has_rev && !batch->by_uuid ? item->rev
                                               : held->id != 0 ? held->source_rev : -1);
}

/* The revision an erasure leaves: the newer of the one held and the erasure's. */
static void
take_erasure_revision (DlgRecord      *record,
                       DlgIngestBatch *batch,
                       const Item     *item)
{
  const char *field = batch->by_uuid ? "remote-rev" : "source-rev";
  gint64 rev = dlg_record_get_int64 (record, field);

  dlg_record_set_int64 (record, field, MAX (MAX (rev, 0), item->rev));
}

/* Finds the row of @item: by uuid for the site, else by the source's id in its process.
 * Returns FALSE on an SQL error; @held->id is 0 when there is none. */
static gboolean
find_held (DlgStore        *store,
           DlgIngestBatch  *batch,
           const Item      *item,
           const char      *uuid,
           gint64           process_id,
           Held            *held,
           GError         **error)
{
  gboolean contribution = item->kind == DLG_INGEST_CONTRIBUTION;
  g_autoptr(DlgStmt) stmt = NULL;
  int rev_column;
  int rc;

  *held = (Held) { 0 };
  if (batch->by_uuid || uuid != NULL)
    {
      stmt = dlg_store_prepare (store, contribution ? sql_contribution_by_uuid
                                                    : sql_participant_by_uuid, error);
      if (stmt == NULL)
        return FALSE;
      dlg_stmt_bind_text (stmt, 1, uuid != NULL ? uuid : item->source_id);
    }
  else
    {
      stmt = dlg_store_prepare (store, contribution ? sql_contribution_by_source
                                                    : sql_participant_by_source, error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, process_id);
      dlg_stmt_bind_text (stmt, 2, batch->source);
      dlg_stmt_bind_text (stmt, 3, item->source_id);
    }
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc, error);
  held->id = sqlite3_column_int64 (stmt, 0);
  /* The site's revision is remote_rev (also the ETag of what the app pushed); another
   * source's is source_rev. */
  rev_column = batch->by_uuid ? 1 : 2;
  held->has_rev = sqlite3_column_type (stmt, rev_column) != SQLITE_NULL;
  held->rev = sqlite3_column_int64 (stmt, rev_column);
  held->remote_rev = sqlite3_column_type (stmt, 1) != SQLITE_NULL
    ? sqlite3_column_int64 (stmt, 1) : -1;
  held->source_rev = sqlite3_column_type (stmt, 2) != SQLITE_NULL
    ? sqlite3_column_int64 (stmt, 2) : -1;
  held->erased = sqlite3_column_int (stmt, 3) != 0;
  return TRUE;
}

/* Whether the copy held is as new as @item (an item without revision is never older). */
static gboolean
held_is_current (const Held *held,
                 const Item *item)
{
  return item->rev > 0 && held->has_rev && held->rev >= item->rev;
}

/* Inserts the row a source's item makes: its uuid is its own when it has one (the site's
 * are ours), with the source and the source's id. */
static gboolean
insert_new (DlgStore        *store,
            DlgIngestBatch  *batch,
            const Item      *item,
            DlgRecord       *record,
            GError         **error)
{
  if (dlg_record_get_uuid (record) == NULL)
    {
      g_autofree char *uuid = batch->by_uuid ? g_strdup (item->source_id) : dlg_uuid_new ();

      dlg_record_set_uuid (record, uuid);
    }
  dlg_record_set_string (record, "source", batch->source);
  dlg_record_set_string (record, "source-id", item->source_id);
  return dlg_record_insert_row (record, store, error);
}

/* Returns FALSE on an SQL error; counts the item in @report. The item's record becomes the
 * row as written: its revisions, and for a new row its uuid, source and sync state. */
static gboolean
apply_contribution (DlgStore        *store,
                    DlgIngestBatch  *batch,
                    const Item      *item,
                    DlgIngestReport *report,
                    GError         **error)
{
  DlgRecord *c = DLG_RECORD (item->record);
  const char *uuid = dlg_record_get_uuid (c);
  gint64 process_id = dlg_record_get_process_id (c);
  gboolean changed;
  Held held;

  if (!find_held (store, batch, item, uuid, process_id, &held, error))
    return FALSE;
  if (held.id != 0 && held_is_current (&held, item))
    {
      report->n_unchanged++;
      return TRUE;
    }

  /* An item the source lists is not missing from it. */
  take_revisions (c, batch, item, &held);
  dlg_record_set_string (c, "site-missing-at", NULL);
  if (held.id == 0)
    {
      dlg_record_set_string (c, "sync-state", "synced");
      if (!insert_new (store, batch, item, c, error))
        return FALSE;
      report->n_added++;
      return TRUE;
    }

  {
    const char * const *fields = (item->flags & DLG_INGEST_KEEP_MODERATION)
                                 ? contribution_source_fields_keep_moderation
                                 : contribution_source_fields;
    const char *dated[G_N_ELEMENTS (contribution_source_fields)];
    guint n = 0;

    /* A source that gives no date keeps the one the first import took (its day). */
    if (item->flags & DLG_INGEST_KEEP_DATE)
      {
        for (guint i = 0; fields[i] != NULL; i++)
          if (!g_str_equal (fields[i], "created-at"))
            dated[n++] = fields[i];
        dated[n] = NULL;
        fields = dated;
      }
    if (!dlg_record_update_fields (c, store, held.id, fields, &changed, error))
      return FALSE;
  }
  if (changed)
    report->n_updated++;
  else
    report->n_unchanged++;
  return TRUE;
}

/* Blanks what the author wrote of the contribution @id, and takes the erasure's revision. */
static gboolean
erase_contribution (DlgStore        *store,
                    DlgIngestBatch  *batch,
                    const Item      *item,
                    gint64           id,
                    GError         **error)
{
  g_autoptr(DlgContribution) c = dlg_contribution_load (store, id, error);

  if (c == NULL)
    return FALSE;
  dlg_contribution_set_title (c, "");
  dlg_contribution_set_body (c, "");
  dlg_contribution_set_author_ref (c, "");
  dlg_contribution_clear_location (c);
  dlg_contribution_set_data_json (c, NULL);
  take_erasure_revision (DLG_RECORD (c), batch, item);
  return dlg_record_update_fields (DLG_RECORD (c), store, id, contribution_erased_fields, NULL,
                                   error);
}

static gboolean
write_contact (DlgStore               *store,
               gint64                  participant_id,
               DlgParticipantContact  *contact,
               GError                **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_contact_upsert, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  dlg_stmt_bind_text (stmt, 2, dlg_participant_contact_get_full_name (contact));
  dlg_stmt_bind_text (stmt, 3, dlg_participant_contact_get_email (contact));
  dlg_stmt_bind_text (stmt, 4, dlg_participant_contact_get_phone (contact));
  dlg_stmt_bind_text (stmt, 5, dlg_participant_contact_get_address (contact));
  return dlg_store_step_done (store, stmt, error);
}

static gboolean
apply_registration (DlgStore        *store,
                    DlgIngestBatch  *batch,
                    const Item      *item,
                    DlgIngestReport *report,
                    GError         **error)
{
  DlgRecord *p = DLG_RECORD (item->record);
  gint64 participant_id;
  gboolean changed;
  Held held;

  if (!find_held (store, batch, item, dlg_record_get_uuid (p), dlg_record_get_process_id (p),
                  &held, error))
    return FALSE;
  /* A registrant erased at their request stays erased. */
  if (held.id != 0 && (held.erased || held_is_current (&held, item)))
    {
      report->n_unchanged++;
      return TRUE;
    }

  take_revisions (p, batch, item, &held);
  if (held.id == 0)
    {
      /* The status and the reserve rank are the draw's: a new registrant has none yet. */
      dlg_record_set_string (p, "status", "registered");
      dlg_record_set_int64 (p, "reserve-rank", -1);
      if (!insert_new (store, batch, item, p, error))
        return FALSE;
      participant_id = dlg_record_get_id (p);
      report->n_added++;
    }
  else
    {
      if (!dlg_record_update_fields (p, store, held.id, participant_source_fields, &changed,
                                     error))
        return FALSE;
      if (!changed)
        {
          report->n_unchanged++;
          return TRUE;
        }
      participant_id = held.id;
      report->n_updated++;
    }

  /* Contact data goes with the registration that brings it, to its own table only. */
  if (item->contact != NULL && !write_contact (store, participant_id, item->contact, error))
    return FALSE;
  return TRUE;
}

/* Withdraws (deletes, unless a draw refers to them) or erases the registrant @id: their
 * contact row goes and their profile is blanked. */
static gboolean
remove_registration (DlgStore        *store,
                     DlgIngestBatch  *batch,
                     const Item      *item,
                     gint64           id,
                     GError         **error)
{
  g_autoptr(DlgParticipant) p = NULL;

  if (!item->erasure)
    {
      g_autoptr(DlgStmt) in_draw = dlg_store_prepare (store, sql_participant_in_draw, error);
      int rc;

      if (in_draw == NULL)
        return FALSE;
      sqlite3_bind_int64 (in_draw, 1, id);
      if ((rc = sqlite3_step (in_draw)) != SQLITE_ROW)
        return dlg_store_set_error (store, rc, error);
      if (sqlite3_column_int64 (in_draw, 0) == 0)
        return dlg_record_delete_row (store, DLG_TYPE_PARTICIPANT, id, error);
    }
  if (!(p = dlg_participant_load (store, id, error)))
    return FALSE;
  if (!dlg_participant_erase_personal (store, p, error))
    return FALSE;
  take_erasure_revision (DLG_RECORD (p), batch, item);
  return dlg_record_update_fields (DLG_RECORD (p), store, id, dlg_participant_erased_fields,
                                   NULL, error);
}

static gboolean
remove_one (DlgStore        *store,
            DlgIngestBatch  *batch,
            const Item      *item,
            gint64           id,
            GError         **error)
{
  if (item->kind == DLG_INGEST_CONTRIBUTION)
    return item->erasure ? erase_contribution (store, batch, item, id, error)
                         : dlg_record_delete_row (store, DLG_TYPE_CONTRIBUTION, id, error);
  return remove_registration (store, batch, item, id, error);
}

static gboolean
apply_removal (DlgStore        *store,
               DlgIngestBatch  *batch,
               const Item      *item,
               DlgIngestReport *report,
               GError         **error)
{
  gboolean contribution = item->kind == DLG_INGEST_CONTRIBUTION;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  if (batch->by_uuid)
    {
      Held held;

      if (!find_held (store, batch, item, item->source_id, 0, &held, error))
        return FALSE;
      if (held.id != 0)
        g_array_append_val (ids, held.id);
    }
  else
    {
      g_autoptr(DlgStmt) stmt = NULL;
      int rc;

      stmt = dlg_store_prepare (store, contribution ? sql_contribution_removal_by_source
                                                    : sql_participant_removal_by_source, error);
      if (stmt == NULL)
        return FALSE;
      dlg_stmt_bind_text (stmt, 1, batch->source);
      dlg_stmt_bind_text (stmt, 2, item->source_id);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);

          g_array_append_val (ids, id);
        }
      if (rc != SQLITE_DONE)
        return dlg_store_set_error (store, rc, error);
    }

  for (guint i = 0; i < ids->len; i++)
    if (!remove_one (store, batch, item, g_array_index (ids, gint64, i), error))
      return FALSE;
  report->n_removed++;
  return TRUE;
}

/* The domain's checks of @item; FALSE with the reason in @error. */
static gboolean
validate_item (DlgStore    *store,
               const Item  *item,
               GHashTable  *processes,
               GError     **error)
{
  gint64 process_id;

  if (item->removal)
    return TRUE;
  process_id = item->kind == DLG_INGEST_CONTRIBUTION
    ? dlg_contribution_get_process_id (DLG_CONTRIBUTION (item->record))
    : dlg_participant_get_process_id (DLG_PARTICIPANT (item->record));
  if (!g_hash_table_contains (processes, &process_id))
    {
      if (dlg_lookup_process (store, sql_process_exists, process_id,
                              _("The process does not exist."), error) == 0)
        return FALSE;
      g_hash_table_add (processes, g_memdup2 (&process_id, sizeof process_id));
    }

  if (item->kind == DLG_INGEST_CONTRIBUTION)
    return dlg_contribution_validate (store, DLG_CONTRIBUTION (item->record), error);
  if (!dlg_participant_validate (store, DLG_PARTICIPANT (item->record), error))
    return FALSE;
  return item->contact == NULL || dlg_participant_contact_validate (item->contact, error);
}

static Item *
add_item (DlgIngestBatch *self,
          DlgIngestKind   kind,
          const char     *source_id,
          gint64          rev)
{
  Item item = { 0 };

  item.kind = kind;
  item.source_id = g_strdup (source_id);
  item.rev = rev;
  g_array_append_val (self->items, item);
  return &g_array_index (self->items, Item, self->items->len - 1);
}

void
dlg_ingest_report_free (DlgIngestReport *report)
{
  if (report == NULL)
    return;
  g_clear_pointer (&report->skipped, g_ptr_array_unref);
  g_free (report);
}

/**
 * dlg_ingest_batch_new:
 * @source: the source's name: %DLG_INGEST_SOURCE_SITE, "decidim", "csv"…
 *
 * Returns: (transfer full): an empty batch
 */
DlgIngestBatch *
dlg_ingest_batch_new (const char *source)
{
  DlgIngestBatch *self;

  g_return_val_if_fail (source != NULL && *source != '\0', NULL);

  self = g_new0 (DlgIngestBatch, 1);
  self->source = g_strdup (source);
  self->by_uuid = g_str_equal (source, DLG_INGEST_SOURCE_SITE);
  self->items = g_array_new (FALSE, TRUE, sizeof (Item));
  g_array_set_clear_func (self->items, (GDestroyNotify) item_clear);
  return self;
}

void
dlg_ingest_batch_free (DlgIngestBatch *self)
{
  if (self == NULL)
    return;
  g_array_unref (self->items);
  g_free (self->source);
  g_free (self);
}

const char *
dlg_ingest_batch_get_source (DlgIngestBatch *self)
{
  g_return_val_if_fail (self != NULL, NULL);

  return self->source;
}

guint
dlg_ingest_batch_get_n_items (DlgIngestBatch *self)
{
  g_return_val_if_fail (self != NULL, 0);

  return self->items->len;
}

/**
 * dlg_ingest_batch_add_contribution:
 * @source_id: the source's own id of it (for the site: its uuid)
 * @rev: the source's revision of it, 0 when it has none (the item then replaces the copy held)
 * @contribution: (transfer none): what it says (dlg_contribution_new_from_json() or built by
 *   the caller), with its process; its uuid when the source shares the app's, else none
 *
 * Queues a contribution for dlg_ingest_batch_apply(), which writes the row through it: once
 * applied, it holds the revisions written and, when it made a new row, its id, uuid and source.
 */
void
dlg_ingest_batch_add_contribution (DlgIngestBatch   *self,
                                   const char       *source_id,
                                   gint64            rev,
                                   DlgContribution  *contribution,
                                   DlgIngestFlags    flags)
{
  Item *item;

  g_return_if_fail (self != NULL);
  g_return_if_fail (source_id != NULL);
  g_return_if_fail (DLG_IS_CONTRIBUTION (contribution));

  item = add_item (self, DLG_INGEST_CONTRIBUTION, source_id, rev);
  item->record = g_object_ref (G_OBJECT (contribution));
  item->flags = flags;
}

/**
 * dlg_ingest_batch_add_registration:
 * @participant: (transfer none): the registrant's profile, with its process
 * @contact: (transfer none) (nullable): their contact data, written only to the contact table
 *
 * Queues a registration for dlg_ingest_batch_apply(), which writes the row through
 * @participant (as for dlg_ingest_batch_add_contribution()).
 */
void
dlg_ingest_batch_add_registration (DlgIngestBatch        *self,
                                   const char            *source_id,
                                   gint64                 rev,
                                   DlgParticipant        *participant,
                                   DlgParticipantContact *contact)
{
  Item *item;

  g_return_if_fail (self != NULL);
  g_return_if_fail (source_id != NULL);
  g_return_if_fail (DLG_IS_PARTICIPANT (participant));
  g_return_if_fail (contact == NULL || DLG_IS_PARTICIPANT_CONTACT (contact));

  item = add_item (self, DLG_INGEST_REGISTRATION, source_id, rev);
  item->record = g_object_ref (G_OBJECT (participant));
  if (contact != NULL)
    item->contact = g_object_ref (contact);
}

/**
 * dlg_ingest_batch_add_removal:
 * @erasure: a GDPR erasure: the row stays, without its author's words or profile, and a
 *   registrant's contact data goes; else a contribution is deleted, and a registrant too
 *   unless a draw refers to them (then they are erased)
 *
 * Queues the removal of what the source gave as @source_id.
 */
void
dlg_ingest_batch_add_removal (DlgIngestBatch *self,
                              DlgIngestKind   kind,
                              const char     *source_id,
                              gint64          rev,
                              gboolean        erasure)
{
  Item *item;

  g_return_if_fail (self != NULL);
  g_return_if_fail (source_id != NULL);

  item = add_item (self, kind, source_id, rev);
  item->removal = TRUE;
  item->erasure = erasure;
}

/**
 * dlg_ingest_batch_apply:
 * @progress: (nullable) (scope call): called every 100 items and at the end
 * @cancellable: (nullable): cancelling rolls the whole batch back
 * @report: (out) (optional) (transfer full): added, updated, unchanged, removed, and the items
 *   skipped with their reasons
 *
 * Applies the batch's items in order, in one transaction (a savepoint when one is open). An
 * item refused by the domain's checks (those of a save) is skipped and the rest applied.
 * Emits DlgStore::changed after the commit when the transaction was its own.
 *
 * Returns: %FALSE with @error set on a storage error or when cancelled (%G_IO_ERROR_CANCELLED);
 *   nothing of the batch is then kept
 */
gboolean
dlg_ingest_batch_apply (DlgStore              *store,
                        DlgIngestBatch        *batch,
                        DlgIngestProgressFunc  progress,
                        gpointer               user_data,
                        GCancellable          *cancellable,
                        DlgIngestReport      **report,
                        GError               **error)
{
  g_autoptr(DlgIngestReport) result = g_new0 (DlgIngestReport, 1);
  g_autoptr(GHashTable) processes = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                           g_free, NULL);
  gboolean outermost;
  gint64 changed_process = -1;
  gboolean contributions = FALSE, registrations = FALSE;
  guint n;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (batch != NULL, FALSE);

  result->skipped = g_ptr_array_new_with_free_func ((GDestroyNotify) skip_free);
  n = batch->items->len;
  outermost = !dlg_store_in_transaction (store);
  if (!dlg_store_begin (store, error))
    return FALSE;

  for (guint i = 0; i < n; i++)
    {
      const Item *item = &g_array_index (batch->items, Item, i);
      g_autoptr(GError) invalid = NULL;
      guint before = result->n_added + result->n_updated + result->n_removed;
      gboolean ok;

      if (g_cancellable_set_error_if_cancelled (cancellable, error))
        goto fail;
      if (!validate_item (store, item, processes, &invalid))
        {
          if (!g_error_matches (invalid, DLG_ERROR, DLG_ERROR_INVALID) &&
              !g_error_matches (invalid, DLG_ERROR, DLG_ERROR_NOT_FOUND))
            {
              g_propagate_error (error, g_steal_pointer (&invalid));
              goto fail;
            }
          report_skip (result, i, item, invalid->message);
          continue;
        }

      if (item->removal)
        ok = apply_removal (store, batch, item, result, error);
      else if (item->kind == DLG_INGEST_CONTRIBUTION)
        ok = apply_contribution (store, batch, item, result, error);
      else
        ok = apply_registration (store, batch, item, result, error);
      if (!ok)
        goto fail;

      if (result->n_added + result->n_updated + result->n_removed > before)
        {
          gint64 process_id = 0;

          if (item->kind == DLG_INGEST_CONTRIBUTION)
            contributions = TRUE;
          else
            registrations = TRUE;
          if (item->record != NULL)
            process_id = item->kind == DLG_INGEST_CONTRIBUTION
              ? dlg_contribution_get_process_id (DLG_CONTRIBUTION (item->record))
              : dlg_participant_get_process_id (DLG_PARTICIPANT (item->record));
          changed_process = changed_process == -1 || changed_process == process_id
            ? process_id : 0;
        }

      if (progress != NULL && ((i + 1) % PROGRESS_EVERY == 0 || i + 1 == n))
        progress (i + 1, n, user_data);
    }

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;

  if (outermost && contributions)
    dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, MAX (changed_process, 0));
  if (outermost && registrations)
    dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT, MAX (changed_process, 0));
  if (report != NULL)
    *report = g_steal_pointer (&result);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/* What a full scan of @source did not find (@missing), and the site's contributions marked
 * missing before that it lists again (@back); @n_held counts the rows looked at. */
static gboolean
find_missing (DlgStore       *store,
              const char     *source,
              DlgIngestKind   kind,
              GHashTable     *keep,
              GArray         *missing,
              GArray         *back,
              guint          *n_held,
              GError        **error)
{
  gboolean site = g_str_equal (source, DLG_INGEST_SOURCE_SITE);
  const char *sql;
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  if (kind == DLG_INGEST_CONTRIBUTION)
    sql = site ? sql_missing_contributions_site : sql_missing_contributions;
  else
    sql = site ? sql_missing_participants_site : sql_missing_participants;
  stmt = dlg_store_prepare (store, sql, error);
  if (stmt == NULL)
    return FALSE;
  if (!site)
    dlg_stmt_bind_text (stmt, 1, source);
  *n_held = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);
      gboolean kept = g_hash_table_contains (keep, dlg_stmt_get_text (stmt, 1));
      gboolean marked = sqlite3_column_int (stmt, 2) != 0;

      (*n_held)++;
      if (!kept && !marked)
        g_array_append_val (missing, id);
      else if (kept && marked)
        g_array_append_val (back, id);
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error);
  return TRUE;
}

/**
 * dlg_ingest_count_missing:
 * @keep: (element-type utf8 utf8): as for dlg_ingest_remove_missing()
 * @n_missing: (out): how many rows dlg_ingest_remove_missing() would remove or mark now
 * @n_held: (out) (optional): how many rows of @source it looks at
 *
 * Changes nothing: lets the caller stop a sweep that would touch too much (a site restored
 * from an older backup or emptied lists far fewer items than the app holds).
 */
gboolean
dlg_ingest_count_missing (DlgStore       *store,
                          const char     *source,
                          DlgIngestKind   kind,
                          GHashTable     *keep,
                          guint          *n_missing,
                          guint          *n_held,
                          GError        **error)
{
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) back = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint held;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (keep != NULL, FALSE);
  g_return_val_if_fail (n_missing != NULL, FALSE);

  if (!find_missing (store, source, kind, keep, missing, back, &held, error))
    return FALSE;
  *n_missing = missing->len;
  if (n_held != NULL)
    *n_held = held;
  return TRUE;
}

/**
 * dlg_ingest_remove_missing:
 * @source: the source whose rows are looked at
 * @keep: (element-type utf8 utf8): the source ids to keep (a set: keys are looked up), what a
 *   full scan of the source found
 * @n_removed: (out) (optional): how many rows went, or for the site's contributions were
 *   marked
 *
 * After a full scan of @source: removes what it gave before and no longer has. The site's
 * contributions are never removed on absence alone: they are marked "no longer on the site"
 * (#DlgContribution:site-missing-at) and kept, and the mark goes when the site lists them
 * again; only the feed's deletion removes them. So are a live platform's contributions
 * (%DLG_INGEST_SOURCE_LIVE_PREFIX). Contributions received in person stay (they
 * are the app's own), and so do registrants a draw refers to or whom it moved on. Call it
 * inside the transaction of the scan's last batch.
 */
gboolean
dlg_ingest_remove_missing (DlgStore       *store,
                           const char     *source,
                           DlgIngestKind   kind,
                           GHashTable     *keep,
                           guint          *n_removed,
                           GError        **error)
{
  gboolean mark;
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) back = g_array_new (FALSE, FALSE, sizeof (gint64));
  guint held;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (source != NULL, FALSE);
  g_return_val_if_fail (keep != NULL, FALSE);

  mark = kind == DLG_INGEST_CONTRIBUTION &&
         (g_str_equal (source, DLG_INGEST_SOURCE_SITE) ||
          g_str_has_prefix (source, DLG_INGEST_SOURCE_LIVE_PREFIX));
  if (!find_missing (store, source, kind, keep, missing, back, &held, error))
    return FALSE;

  if (missing->len > 0 || back->len > 0)
    {
      g_autofree char *now = dlg_now_iso8601 ();
      /* The mark, then its absence, written through the record base. */
      g_autoptr(DlgRecord) mark_row = dlg_record_new (DLG_TYPE_CONTRIBUTION, 0);

      dlg_record_set_string (mark_row, "site-missing-at", now);
      if (!dlg_store_begin (store, error))
        return FALSE;
      for (guint i = 0; i < missing->len; i++)
        {
          gint64 id = g_array_index (missing, gint64, i);
          gboolean ok;

          if (mark)
            ok = dlg_record_update_fields (mark_row, store, id, contribution_missing_fields, NULL,
                                           error);
          else
            ok = dlg_record_delete_row (store, kind == DLG_INGEST_CONTRIBUTION
                                               ? DLG_TYPE_CONTRIBUTION : DLG_TYPE_PARTICIPANT,
                                        id, error);
          if (!ok)
            {
              dlg_store_rollback (store);
              return FALSE;
            }
        }
      dlg_record_set_string (mark_row, "site-missing-at", NULL);
      for (guint i = 0; i < back->len; i++)
        if (!dlg_record_update_fields (mark_row, store, g_array_index (back, gint64, i),
                                       contribution_missing_fields, NULL, error))
          {
            dlg_store_rollback (store);
            return FALSE;
          }
      if (!dlg_store_commit (store, error))
        return FALSE;
    }
  if (n_removed != NULL)
    *n_removed = missing->len;
  return TRUE;
}

/* Off the main thread: the batch is applied by a store of the worker's own on the same file,
 * progress is relayed to the caller's main context. */
typedef struct
{
  gatomicrefcount        ref;
  GMainContext          *context;
  DlgIngestProgressFunc  func;
  gpointer               data;
  GDestroyNotify         notify;
} ProgressRelay;

typedef struct
{
  ProgressRelay *relay;
  guint          done;
  guint          total;
} ProgressUpdate;

typedef struct
{
  char           *path;
  DlgIngestBatch *batch;
  char           *actor;
} ApplyData;

static ProgressRelay *
progress_relay_ref (ProgressRelay *relay)
{
  g_atomic_ref_count_inc (&relay->ref);
  return relay;
}

static void
progress_relay_unref (ProgressRelay *relay)
{
  if (!g_atomic_ref_count_dec (&relay->ref))
    return;
  if (relay->notify != NULL)
    relay->notify (relay->data);
  g_main_context_unref (relay->context);
  g_free (relay);
}

static void
progress_update_free (gpointer data)
{
  ProgressUpdate *update = data;

  progress_relay_unref (update->relay);
  g_free (update);
}

static gboolean
progress_update_cb (gpointer data)
{
  ProgressUpdate *update = data;

  update->relay->func (update->done, update->total, update->relay->data);
  return G_SOURCE_REMOVE;
}

static void
progress_relay_cb (guint    done,
                   guint    total,
                   gpointer user_data)
{
  ProgressRelay *relay = user_data;
  ProgressUpdate *update = g_new0 (ProgressUpdate, 1);

  update->relay = progress_relay_ref (relay);
  update->done = done;
  update->total = total;
  g_main_context_invoke_full (relay->context, G_PRIORITY_DEFAULT, progress_update_cb, update,
                              progress_update_free);
}

static void
apply_data_free (ApplyData *data)
{
  g_free (data->path);
  g_free (data->actor);
  dlg_ingest_batch_free (data->batch);
  g_free (data);
}

static void
apply_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  ApplyData *data = task_data;
  ProgressRelay *relay = g_object_get_data (G_OBJECT (task), "dlg-ingest-progress");
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgIngestReport) report = NULL;
  GError *error = NULL;

  if (!(store = dlg_store_open (data->path, &error)))
    {
      g_task_return_error (task, error);
      return;
    }
  dlg_store_set_actor (store, data->actor);
  if (!dlg_ingest_batch_apply (store, data->batch, relay != NULL ? progress_relay_cb : NULL,
                               relay, cancellable, &report, &error))
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, g_steal_pointer (&report),
                           (GDestroyNotify) dlg_ingest_report_free);
}

/**
 * dlg_ingest_batch_apply_async:
 * @store: the store whose file the batch goes to (not an in-memory one)
 * @batch: (transfer full): the batch, which the worker owns from now on
 * @progress: (nullable): called in the thread-default main context of the caller
 * @progress_data: data for @progress
 * @progress_notify: (nullable): frees @progress_data when no more progress can come
 * @cancellable: (nullable): cancelling rolls the batch back
 *
 * Runs dlg_ingest_batch_apply() in a worker thread, on a store of its own opened on the same
 * file; dlg_ingest_batch_apply_finish() then emits @store's DlgStore::changed.
 */
void
dlg_ingest_batch_apply_async (DlgStore              *store,
                              DlgIngestBatch        *batch,
                              DlgIngestProgressFunc  progress,
                              gpointer               progress_data,
                              GDestroyNotify         progress_notify,
                              GCancellable          *cancellable,
                              GAsyncReadyCallback    callback,
                              gpointer               user_data)
{
  g_autoptr(GTask) task = NULL;
  ApplyData *data;

  g_return_if_fail (DLG_IS_STORE (store));
  g_return_if_fail (batch != NULL);

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dlg_ingest_batch_apply_async);
  data = g_new0 (ApplyData, 1);
  data->path = g_strdup (dlg_store_get_path (store));
  data->batch = batch;
  data->actor = g_strdup (dlg_store_get_actor (store));
  g_task_set_task_data (task, data, (GDestroyNotify) apply_data_free);
  if (progress != NULL)
    {
      ProgressRelay *relay = g_new0 (ProgressRelay, 1);

      g_atomic_ref_count_init (&relay->ref);
      relay->context = g_main_context_ref_thread_default ();
      relay->func = progress;
      relay->data = progress_data;
      relay->notify = progress_notify;
      g_object_set_data_full (G_OBJECT (task), "dlg-ingest-progress", relay,
                              (GDestroyNotify) progress_relay_unref);
    }
  else if (progress_notify != NULL)
    progress_notify (progress_data);
  g_task_run_in_thread (task, apply_thread);
}

/**
 * dlg_ingest_batch_apply_finish:
 *
 * Returns: (transfer full): the report, or %NULL with @error set (%G_IO_ERROR_CANCELLED when
 *   cancelled: nothing of the batch was kept)
 */
DlgIngestReport *
dlg_ingest_batch_apply_finish (DlgStore      *store,
                               GAsyncResult  *result,
                               GError       **error)
{
  DlgIngestReport *report;

  g_return_val_if_fail (g_task_is_valid (result, store), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == dlg_ingest_batch_apply_async,
                        NULL);

  report = g_task_propagate_pointer (G_TASK (result), error);
  if (report != NULL && report->n_added + report->n_updated + report->n_removed > 0)
    {
      dlg_store_emit_changed (store, DLG_TYPE_CONTRIBUTION, 0);
      dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT, 0);
    }
  return report;
}
