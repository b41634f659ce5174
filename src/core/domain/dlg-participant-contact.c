/* dlg-participant-contact.c — the contact data of a participant, kept apart
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Never journaled (the journal is public) and never put in DlgParticipant: a view that shows
 * quota profiles cannot leak contact data by accident. Exporting the panel's contacts for a
 * mail merge is journaled as a fact (how many people, which file, by whom), never with them.
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
#include "dlg-participant-contact.h"
#include "dlg-store-private.h"
#include "dlg-stage-rules.h"

struct _DlgParticipantContact
{
  GObject  parent_instance;

  gint64   participant_id;
  char    *full_name;
  char    *email;
  char    *phone;
  char    *address;
};

G_DEFINE_FINAL_TYPE (DlgParticipantContact, dlg_participant_contact, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_PARTICIPANT_ID,
  PROP_FULL_NAME,
  PROP_EMAIL,
  PROP_PHONE,
  PROP_ADDRESS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char sql_load[] =
  "SELECT participant_id, full_name, email, phone, address FROM participant_contact"
  " WHERE participant_id = ?1";
static const char sql_save[] =
  "INSERT INTO participant_contact (participant_id, full_name, email, phone, address)"
  " VALUES (?1, ?2, ?3, ?4, ?5) ON CONFLICT (participant_id) DO UPDATE SET"
  " full_name = excluded.full_name, email = excluded.email, phone = excluded.phone,"
  " address = excluded.address";
static const char sql_delete[] = "DELETE FROM participant_contact WHERE participant_id = ?1";
static const char sql_participant[] = "SELECT process_id FROM participant WHERE id = ?1";
static const char sql_process_uuid[] = "SELECT uuid FROM process WHERE id = ?1";
/* The drawn panel, as the invitation list shows it. */
static const char sql_panel[] =
  "SELECT coalesce (c.full_name, ''), coalesce (c.email, ''), coalesce (c.phone, ''),"
  " coalesce (c.address, ''), p.status"
  " FROM participant p LEFT JOIN participant_contact c ON c.participant_id = p.id"
  " WHERE p.process_id = ?1"
  " AND p.status IN ('selected', 'invited', 'accepted', 'declined', 'replaced')"
  " ORDER BY p.id";

static void
dlg_participant_contact_finalize (GObject *object)
{
  DlgParticipantContact *self = (DlgParticipantContact *)object;

  g_free (self->full_name);
  g_free (self->email);
  g_free (self->phone);
  g_free (self->address);

  G_OBJECT_CLASS (dlg_participant_contact_parent_class)->finalize (object);
}

static void
dlg_participant_contact_get_property (GObject    *object,
                                      guint       prop_id,
                                      GValue     *value,
                                      GParamSpec *pspec)
{
  DlgParticipantContact *self = DLG_PARTICIPANT_CONTACT (object);

  switch (prop_id)
    {
    case PROP_PARTICIPANT_ID:
      g_value_set_int64 (value, self->participant_id);
      break;
    case PROP_FULL_NAME:
      g_value_set_string (value, self->full_name);
      break;
    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;
    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;
    case PROP_ADDRESS:
      g_value_set_string (value, self->address);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_participant_contact_set_property (GObject      *object,
                                      guint         prop_id,
                                      const GValue *value,
                                      GParamSpec   *pspec)
{
  DlgParticipantContact *self = DLG_PARTICIPANT_CONTACT (object);

  switch (prop_id)
    {
    case PROP_FULL_NAME:
      dlg_participant_contact_set_full_name (self, g_value_get_string (value));
      break;
    case PROP_EMAIL:
      dlg_participant_contact_set_email (self, g_value_get_string (value));
      break;
    case PROP_PHONE:
      dlg_participant_contact_set_phone (self, g_value_get_string (value));
      break;
    case PROP_ADDRESS:
      dlg_participant_contact_set_address (self, g_value_get_string (value));
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_participant_contact_class_init (DlgParticipantContactClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;
  const GParamFlags rw = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = dlg_participant_contact_finalize;
  object_class->get_property = dlg_participant_contact_get_property;
  object_class->set_property = dlg_participant_contact_set_property;

  properties[PROP_PARTICIPANT_ID] =
    g_param_spec_int64 ("participant-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_FULL_NAME] = g_param_spec_string ("full-name", NULL, NULL, "", rw);
  properties[PROP_EMAIL] = g_param_spec_string ("email", NULL, NULL, "", rw);
  properties[PROP_PHONE] = g_param_spec_string ("phone", NULL, NULL, "", rw);
  properties[PROP_ADDRESS] = g_param_spec_string ("address", NULL, NULL, "", rw);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_participant_contact_init (DlgParticipantContact *self)
{
  self->full_name = g_strdup ("");
  self->email = g_strdup ("");
  self->phone = g_strdup ("");
  self->address = g_strdup ("");
}

/**
 * dlg_participant_contact_new:
 *
 * Returns: (transfer full): an empty contact for @participant_id
 */
DlgParticipantContact *
dlg_participant_contact_new (gint64 participant_id)
{
  DlgParticipantContact *self = g_object_new (DLG_TYPE_PARTICIPANT_CONTACT, NULL);

  self->participant_id = participant_id;
  return self;
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

static void
set_string (DlgParticipantContact  *self,
            char                  **field,
            const char             *value,
            guint                   prop)
{
  if (value == NULL)
    value = "";
  if (g_strcmp0 (*field, value) == 0)
    return;
  g_free (*field);
  *field = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

void
dlg_participant_contact_set_full_name (DlgParticipantContact *self,
                                       const char            *name)
{
  g_return_if_fail (DLG_IS_PARTICIPANT_CONTACT (self));

  set_string (self, &self->full_name, name, PROP_FULL_NAME);
}

void
dlg_participant_contact_set_email (DlgParticipantContact *self,
                                   const char            *email)
{
  g_return_if_fail (DLG_IS_PARTICIPANT_CONTACT (self));

  set_string (self, &self->email, email, PROP_EMAIL);
}

void
dlg_participant_contact_set_phone (DlgParticipantContact *self,
                                   const char            *phone)
{
  g_return_if_fail (DLG_IS_PARTICIPANT_CONTACT (self));

  set_string (self, &self->phone, phone, PROP_PHONE);
}

void
dlg_participant_contact_set_address (DlgParticipantContact *self,
                                     const char            *address)
{
  g_return_if_fail (DLG_IS_PARTICIPANT_CONTACT (self));

  set_string (self, &self->address, address, PROP_ADDRESS);
}

static gboolean
validate (DlgParticipantContact  *self,
          GError                **error)
{
  const char *at;

  if (!dlg_check_text (self->full_name, FALSE, 200, _("full name"), NULL, error)
      || !dlg_check_text (self->email, FALSE, 254, _("email"), NULL, error)
      || !dlg_check_text (self->phone, FALSE, 50, _("phone"), NULL, error)
      || !dlg_check_text (self->address, FALSE, 1000, _("address"), NULL, error))
    return FALSE;
  at = strchr (self->email, '@');
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
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (DLG_IS_PARTICIPANT_CONTACT (contact), FALSE);

  process_id = dlg_lookup_process (store, sql_participant, contact->participant_id,
                                   _("The participant does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!dlg_stage_check_editable (store, process_id, DLG_STAGE_RECRUITMENT, error))
    return FALSE;
  if (!validate (contact, error))
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_save, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, contact->participant_id);
  dlg_stmt_bind_text (stmt, 2, contact->full_name);
  dlg_stmt_bind_text (stmt, 3, contact->email);
  dlg_stmt_bind_text (stmt, 4, contact->phone);
  dlg_stmt_bind_text (stmt, 5, contact->address);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT_CONTACT, process_id);
  return TRUE;
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
  g_autoptr(DlgStmt) stmt = NULL;
  DlgParticipantContact *self;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (dlg_lookup_process (store, sql_participant, participant_id,
                          _("The participant does not exist."), error) == 0)
    return NULL;
  if (!(stmt = dlg_store_prepare (store, sql_load, error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  self = dlg_participant_contact_new (participant_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      g_free (self->full_name);
      self->full_name = g_strdup (dlg_stmt_get_text (stmt, 1));
      g_free (self->email);
      self->email = g_strdup (dlg_stmt_get_text (stmt, 2));
      g_free (self->phone);
      self->phone = g_strdup (dlg_stmt_get_text (stmt, 3));
      g_free (self->address);
      self->address = g_strdup (dlg_stmt_get_text (stmt, 4));
    }
  else if (rc != SQLITE_DONE)
    {
      g_object_unref (self);
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return self;
}

/**
 * dlg_participant_contact_delete:
 *
 * Erases the contact data of a participant; its quota profile stays.
 */
gboolean
dlg_participant_contact_delete (DlgStore  *store,
                                gint64     participant_id,
                                GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  process_id = dlg_lookup_process (store, sql_participant, participant_id,
                                   _("The participant does not exist."), error);
  if (process_id == 0)
    return FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_delete, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, participant_id);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  dlg_store_emit_changed (store, DLG_TYPE_PARTICIPANT_CONTACT, process_id);
  return TRUE;
}

static void
append_csv_row (GString           *csv,
                const char *const *fields,
                guint              n_fields)
{
  for (guint i = 0; i < n_fields; i++)
    {
      g_autofree char *quoted = dlg_csv_quote (fields[i]);

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
      const char *fields[] = {
        dlg_stmt_get_text (stmt, 0), dlg_stmt_get_text (stmt, 1), dlg_stmt_get_text (stmt, 2),
        dlg_stmt_get_text (stmt, 3),
        dlg_vocabulary_get_label (&dlg_vocabulary_invitation_status, dlg_stmt_get_text (stmt, 4)),
      };

      append_csv_row (csv, fields, G_N_ELEMENTS (fields));
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
  set_string (self, &self->full_name, dlg_json_member_string (data, "full_name", ""),
              PROP_FULL_NAME);
  set_string (self, &self->email, dlg_json_member_string (data, "email", ""), PROP_EMAIL);
  set_string (self, &self->phone, dlg_json_member_string (data, "phone", ""), PROP_PHONE);
  set_string (self, &self->address, dlg_json_member_string (data, "address", ""),
              PROP_ADDRESS);
  return self;
}

/* The checks of a save, for what a source brings. */
gboolean
dlg_participant_contact_validate (DlgParticipantContact  *self,
                                  GError                **error)
{
  g_return_val_if_fail (DLG_IS_PARTICIPANT_CONTACT (self), FALSE);

  return validate (self, error);
}
