/* dlg-participant-contact.c — the contact data of a participant, kept apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Never journaled (the journal is public) and never put in DlgParticipant: a view that shows
 * quota profiles cannot leak contact data by accident. A keyed record of the base, keyed by its
 * participant (its parent): one row per registrant, upserted; erasing it needs no open stage.
 * Exporting the panel's contacts for a mail merge is journaled as a fact (how many people,
 * which file, by whom), never with them.
 */

#define G_LOG_DOMAIN "dlg-participant-contact"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-csv.h"
#include "dlg-error.h"
#include "dlg-ingest.h"
#include "dlg-json.h"
#include "dlg-journal.h"
#include "dlg-participant.h"
#include "dlg-participant-contact.h"
#include "dlg-store-private.h"

struct _DlgParticipantContact
{
  DlgRecord parent_instance;

  gint64  participant_id;
  char   *full_name;
  char   *email;
  char   *phone;
  char   *address;
};

G_DEFINE_FINAL_TYPE (DlgParticipantContact, dlg_participant_contact, DLG_TYPE_RECORD)

#define F(member) G_STRUCT_OFFSET (DlgParticipantContact, member)

/* No JOURNALED field and no journal action: contact data never enters the journal. */
static const DlgField fields[] = {
  { .column = "participant_id", .property = "participant-id", .kind = DLG_FIELD_INT64,
    .offset = F (participant_id), .flags = DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN,
    .label = N_("participant"), .reference = dlg_participant_get_type },
  { .column = "full_name", .property = "full-name", .kind = DLG_FIELD_STRING,
    .offset = F (full_name), .label = N_("full name"), .max_chars = 200 },
  { .column = "email", .property = "email", .kind = DLG_FIELD_STRING, .offset = F (email),
    .label = N_("email"), .max_chars = 254 },
  { .column = "phone", .property = "phone", .kind = DLG_FIELD_STRING, .offset = F (phone),
    .label = N_("phone"), .max_chars = 50 },
  { .column = "address", .property = "address", .kind = DLG_FIELD_TEXT, .offset = F (address),
    .label = N_("address"), .max_chars = 1000 },
};

#undef F

static const DlgRecordInfo info = {
  .name = "participant_contact",
  .table = "participant_contact",
  .fields = fields,
  .n_fields = G_N_ELEMENTS (fields),
  .order_by = "t.participant_id",
  .process_sql = "SELECT process_id FROM participant WHERE id = ?1",
  .parent_field = "participant-id",
  .parent_missing = N_("The participant does not exist."),
  .join = "JOIN participant p ON p.id = t.participant_id",
  .process_column = "p.process_id",
  .not_found = N_("The participant does not exist."),
  .flags = DLG_RECORD_NO_UUID | DLG_RECORD_EDITABLE_FIRST | DLG_RECORD_ERASABLE,
  .stage = "recruitment",
  .key_field = "participant-id",
};

static const char sql_process_uuid[] = "SELECT uuid FROM process WHERE id = ?1";
/* The drawn panel, as the invitation list shows it. */
static const char sql_panel[] =
  "SELECT coalesce (c.full_name, ''), coalesce (c.email, ''), coalesce (c.phone, ''),"
  " coalesce (c.address, ''), p.status"
  " FROM participant p LEFT JOIN participant_contact c ON c.participant_id = p.id"
  " WHERE p.process_id = ?1"
  " AND p.status IN ('selected', 'invited', 'accepted', 'declined', 'replaced')"
  " ORDER BY p.id";

/* What the table does not say: an email address has one @ between two parts. */
static gboolean
check_email (DlgParticipantContact  *self,
             GError                **error)
{
  const char *at = strchr (self->email, '@');

  if (*self->email != '\0'
      && (at == NULL || at == self->email || at[1] == '\0' || strchr (at + 1, '@') != NULL
          || strpbrk (self->email, " \t\r\n<>,;") != NULL))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("“%s” is not an email address."), self->email);
      return FALSE;
    }
  return TRUE;
}

static gboolean
dlg_participant_contact_validate_record (DlgRecord  *record,
                                         DlgStore   *store,
                                         gint64      process_id,
                                         GError    **error)
{
  return check_email (DLG_PARTICIPANT_CONTACT (record), error);
}

static void
dlg_participant_contact_class_init (DlgParticipantContactClass *klass)
{
  DlgRecordClass *record_class = DLG_RECORD_CLASS (klass);

  record_class->validate = dlg_participant_contact_validate_record;
  dlg_record_class_set_info (record_class, &info);
}

static void
dlg_participant_contact_init (DlgParticipantContact *self)
{
}

/**
 * dlg_participant_contact_new:
 *
 * Returns: (transfer full): an empty contact for @participant_id
 */
DlgParticipantContact *
dlg_participant_contact_new (gint64 participant_id)
{
  return dlg_record_new_for_key (DLG_TYPE_PARTICIPANT_CONTACT, 0,
                                 g_variant_new_int64 (participant_id));
}

gint64
dlg_participant_contact_get_participant_id (DlgParticipantContact *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT_CONTACT (self), 0);
  return self->participant_id;
}

const char *
dlg_participant_contact_get_full_name (DlgParticipantContact *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT_CONTACT (self), NULL);
  return self->full_name;
}

const char *
dlg_participant_contact_get_email (DlgParticipantContact *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT_CONTACT (self), NULL);
  return self->email;
}

const char *
dlg_participant_contact_get_phone (DlgParticipantContact *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT_CONTACT (self), NULL);
  return self->phone;
}

const char *
dlg_participant_contact_get_address (DlgParticipantContact *self)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT_CONTACT (self), NULL);
  return self->address;
}

void
dlg_participant_contact_set_full_name (DlgParticipantContact *self,
                                       const char            *name)
{
  dlg_record_set_string (DLG_RECORD (self), "full-name", name);
}

void
dlg_participant_contact_set_email (DlgParticipantContact *self,
                                   const char            *email)
{
  dlg_record_set_string (DLG_RECORD (self), "email", email);
}

void
dlg_participant_contact_set_phone (DlgParticipantContact *self,
                                   const char            *phone)
{
  dlg_record_set_string (DLG_RECORD (self), "phone", phone);
}

void
dlg_participant_contact_set_address (DlgParticipantContact *self,
                                     const char            *address)
{
  dlg_record_set_string (DLG_RECORD (self), "address", address);
}

/**
 * dlg_participant_contact_save:
 *
 * Inserts or replaces the contact data of its participant (not journaled).
 */
gboolean
dlg_participant_contact_save (DlgStore               *store,
                              DlgParticipantContact  *contact,
                              GError                **error)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT_CONTACT (contact), FALSE);

  return dlg_record_save (DLG_RECORD (contact), store, error);
}

/**
 * dlg_participant_contact_load:
 *
 * Returns: (transfer full): the contact of @participant_id, empty when none was saved; %NULL
 *   with %DLG_ERROR_NOT_FOUND when the participant does not exist
 */
DlgParticipantContact *
dlg_participant_contact_load (DlgStore  *store,
                              gint64     participant_id,
                              GError   **error)
{
  return dlg_record_load_by_key (store, DLG_TYPE_PARTICIPANT_CONTACT, 0,
                                 g_variant_new_int64 (participant_id), error);
}

/**
 * dlg_participant_contact_delete:
 *
 * Erases the contact data of a participant, whatever the stage; its quota profile stays.
 */
gboolean
dlg_participant_contact_delete (DlgStore  *store,
                                gint64     participant_id,
                                GError   **error)
{
  g_autoptr(DlgParticipantContact) self = dlg_participant_contact_load (store, participant_id,
                                                                        error);

  return self != NULL && dlg_record_delete_record (DLG_RECORD (self), store, error);
}

static void
append_csv_row (GString           *csv,
                const char *const *cells,
                guint              n_cells)
{
  for (guint i = 0; i < n_cells; i++)
    {
      g_autofree char *quoted = dlg_csv_quote (cells[i]);

      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, quoted);
    }
  g_string_append (csv, "\r\n");
}

/**
 * dlg_participant_contact_export_panel:
 * @store: a #DlgStore
 * @process_id: a process with a saved draw
 * @file: where to write
 * @n_people: (out) (optional): how many people were written
 * @error: return location for a #GError
 *
 * Writes the names and contact details of the drawn panel (name, email, phone, address,
 * invitation status) to @file for a mail merge: CSV (RFC 4180: CRLF, fields with a comma, a
 * quote or a line break quoted), UTF-8, a header line first. The journal says that contact
 * data left the app (how many people, the file's name, by whom), in the same transaction; the
 * file is written before it commits, so an entry always means a file.
 */
gboolean
dlg_participant_contact_export_panel (DlgStore  *store,
                                      gint64     process_id,
                                      GFile     *file,
                                      guint     *n_people,
                                      GError   **error)
{
  g_autoptr(GString) csv = g_string_new (NULL);
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *name = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *uuid = NULL;
  const char *header[] = { _("Name"), _("Email"), _("Phone"), _("Address"), _("Status") };
  guint n = 0;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (!(stmt = dlg_store_prepare (store, sql_process_uuid, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                             _("The process does not exist."));
      else
        dlg_store_set_error (store, rc, error);
      return FALSE;
    }
  uuid = dlg_stmt_dup_text (stmt, 0);
  g_clear_pointer (&stmt, dlg_stmt_release);
  append_csv_row (csv, header, G_N_ELEMENTS (header));
  if (!(stmt = dlg_store_prepare (store, sql_panel, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *cells[] = {
        dlg_stmt_get_text (stmt, 0), dlg_stmt_get_text (stmt, 1), dlg_stmt_get_text (stmt, 2),
        dlg_stmt_get_text (stmt, 3),
        dlg_vocabulary_get_label (&dlg_vocabulary_invitation_status, dlg_stmt_get_text (stmt, 4)),
      };

      append_csv_row (csv, cells, G_N_ELEMENTS (cells));
      n++;
    }
  if (rc != SQLITE_DONE)
    return dlg_store_set_error (store, rc, error);
  if (n == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("There is no panel to contact yet: save a draw first."));
      return FALSE;
    }

  name = g_file_get_basename (file);
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "The contact details of %u panel member were exported "
                                          "to “%s” for the invitations.",
                                          "The contact details of %u panel members were exported "
                                          "to “%s” for the invitations.", n), n, name);
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!dlg_journal_append (store, process_id, "panel.contacts_export", "process", uuid, summary,
                           error))
    goto fail;
  if (!g_file_replace_contents (file, csv->str, csv->len, NULL, FALSE, G_FILE_CREATE_PRIVATE,
                                NULL, NULL, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;
  if (n_people != NULL)
    *n_people = n;
  dlg_store_emit_changed (store, DLG_TYPE_JOURNAL_ENTRY, process_id);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/* Ingestion (dlg-ingest.c): a registrant's contact from a source's JSON, and its checks. */

/**
 * dlg_participant_contact_new_from_json:
 * @data: sync v1's `contact` (`full_name`, `email`, `phone`, `address`)
 *
 * Returns: (transfer full): contact data for a registrant not stored yet (participant id 0),
 *   for the ingestion path
 */
DlgParticipantContact *
dlg_participant_contact_new_from_json (JsonObject *data)
{
  DlgParticipantContact *self;

  g_return_val_if_fail (data != NULL, NULL);

  self = dlg_participant_contact_new (0);
  dlg_participant_contact_set_full_name (self, dlg_json_member_string (data, "full_name", ""));
  dlg_participant_contact_set_email (self, dlg_json_member_string (data, "email", ""));
  dlg_participant_contact_set_phone (self, dlg_json_member_string (data, "phone", ""));
  dlg_participant_contact_set_address (self, dlg_json_member_string (data, "address", ""));
  return self;
}

/* The checks of a save (the table's, then the address's), for what a source brings. */
gboolean
dlg_participant_contact_validate (DlgParticipantContact  *self,
                                  GError                **error)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT_CONTACT (self), FALSE);

  return dlg_record_check_fields (DLG_RECORD (self), error) && check_email (self, error);
}
