/* dlg-journal.c — the append-only, hash-chained journal of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Each entry carries a sequence number within its process and the SHA-256 of the previous
 * entry; its own hash covers every field and that link. Editing an entry breaks its hash,
 * deleting or reordering one breaks the link or the sequence of the next, and the number of
 * entries and the last hash are kept in `meta` so that cutting the tail is seen too. Triggers
 * refuse UPDATE and DELETE; verify catches what was done around them.
 *
 * Since schema 3 an entry may also carry its stage, the field it changed and the old and new
 * values. The hash covers them whenever one is set (a second, marked part after the fields of
 * the first format), so that entries written before the migration, which have none, verify
 * with the first format and setting or clearing a value on any entry breaks its hash.
 *
 * Text typed as the officer types is saved every few hundred milliseconds; each save notes
 * the edit in journal_pending (in its own transaction) and the burst is settled into one entry
 * — the value before the first save and after the last — when it is over: when another record
 * or field starts a burst, when any other entry is appended, when the view flushes
 * (dlg_journal_settle), after some idle minutes, and at store open for what a crash left.
 */

#define G_LOG_DOMAIN "dlg-journal"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-commitment.h"
#include "dlg-csv.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-position.h"
#include "dlg-stage.h"
#include "dlg-store-private.h"
#include "dlg-vocabularies.h"

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
  char   *stage;
  char   *field;
  char   *old_value;
  char   *new_value;
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
  PROP_STAGE,
  PROP_FIELD,
  PROP_OLD_VALUE,
  PROP_NEW_VALUE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static const char sql_last[] =
  "SELECT seq, hash FROM journal WHERE process_id = ?1 ORDER BY seq DESC LIMIT 1";
static const char sql_insert[] =
  "INSERT INTO journal (process_id, seq, at, actor, action, object_type, object_id, summary,"
  " prev_hash, hash, stage, field, old_value, new_value)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)";
static const char sql_head[] =
  "INSERT INTO meta (key, value) VALUES (?1, ?2)"
  " ON CONFLICT (key) DO UPDATE SET value = excluded.value";
static const char sql_get_head[] = "SELECT value FROM meta WHERE key = ?1";
static const char sql_list[] =
  "SELECT seq, at, actor, action, object_type, object_id, summary, prev_hash, hash,"
  " stage, field, old_value, new_value FROM journal WHERE process_id = ?1 ORDER BY id";
static const char sql_pending_get[] =
  "SELECT old_value FROM journal_pending"
  " WHERE process_id = ?1 AND object_type = ?2 AND object_id = ?3 AND field = ?4";
static const char sql_pending_update[] =
  "UPDATE journal_pending SET new_value = ?5, summary = ?6, actor = ?7, last_at = ?8"
  " WHERE process_id = ?1 AND object_type = ?2 AND object_id = ?3 AND field = ?4";
static const char sql_pending_insert[] =
  "INSERT INTO journal_pending (process_id, object_type, object_id, field, action, stage,"
  " summary, actor, old_value, new_value, first_at, last_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?11)";
/* ?1: settle only bursts idle since before this time (NULL: all). */
static const char sql_pending_due[] =
  "SELECT process_id, object_type, object_id, field, action, stage, summary, actor,"
  " old_value, new_value, last_at FROM journal_pending"
  " WHERE ?1 IS NULL OR last_at < ?1 ORDER BY first_at, process_id";
static const char sql_pending_delete[] =
  "DELETE FROM journal_pending"
  " WHERE process_id = ?1 AND object_type = ?2 AND object_id = ?3 AND field = ?4";
static const char sql_pending_count[] = "SELECT count(*) FROM journal_pending";

/* The journal policy, one line per record type of the schema. Keep HACKING.md's table in
 * step. Entries never quote personal data: participants appear by their registration uuid. */
static const DlgJournalPolicy policies[] = {
  { "process", NULL, TRUE,
    N_("Creation, title, summary, archiving, the policy-cycle position, the features the "
       "project team chose and why, and every text field of the diagnostic, the "
       "specification and the mandate (including the response delay), old and new value; "
       "for the demo, the training reset that rebuilt it"),
    N_("The process page and the mandate are what the institution commits to in public.") },
  { "stage", NULL, TRUE, N_("Every transition: start, done, skipped, reopened, with its reason"),
    N_("The timeline of the process is public and its rules depend on it.") },
  { "actor", "diagnostic", TRUE,
    N_("Creation, deletion, and changes of name, kind, role and influence (not the notes)"),
    N_("The actor system is part of the diagnostic the process accounts for; the notes are the "
       "officer’s own working notes.") },
  { "decision", NULL, TRUE, N_("Creation, change and deletion"),
    N_("Decisions of elected officials are the core of what must be traceable.") },
  { "feature", "mandate", TRUE,
    N_("Switching a feature on or off, and changes of its rules of the game and dates"),
    N_("Which contributions the public may make is part of the mandate.") },
  { "participant", "recruitment", TRUE,
    N_("Invitation status of panel members and replacements, by registration number only"),
    N_("Who sits on the panel must be fair and checkable; registrations themselves are "
       "personal data and are not journaled.") },
  { "participant_contact", "recruitment", FALSE, N_("Nothing"),
    N_("Contact details are personal data: they never enter the journal, which may be shown "
       "to the public.") },
  { "quota", "recruitment", FALSE, N_("Nothing"),
    N_("Quotas are working settings: the draw that used them is journaled with its inputs.") },
  { "draw", "recruitment", TRUE, N_("Every draw saved, with its seed and algorithm"),
    N_("The draw of the panel must be replayable and checkable.") },
  { "session", "workshop", FALSE, N_("Nothing"),
    N_("Meeting logistics and attendance (personal data); what the sessions produce is "
       "journaled.") },
  { "contribution", "workshop", TRUE, N_("Moderation decisions, never the text removed"),
    N_("Citizens must be able to see that moderation follows the rules of the game.") },
  { "contribution_annotation", "workshop", FALSE, N_("Nothing"),
    N_("Themes, notes and highlights are the officer’s private analysis.") },
  { "theme", "workshop", TRUE,
    N_("Work at volume on the coding frame, one entry per operation: themes given or taken "
       "off, highlights, merges, deletions and their Undo (never a contribution’s text)"),
    N_("Which contributions fed which theme shapes the opinion; a merge or a bulk change must "
       "be traceable. Creating or renaming a theme is the officer’s working draft.") },
  { "recommendation", "opinion", TRUE, N_("Creation, change and deletion"),
    N_("The citizens’ opinion must be kept as they gave it.") },
  { "review", "review", FALSE, N_("Nothing"),
    N_("Internal advice of departments; the validation decision and the position that follow "
       "are journaled.") },
  { "position", "response", TRUE,
    N_("Creation, change and deletion; a template applied to many at once, and its Undo, "
       "also as one entry"),
    N_("The argued response is the institution’s public answer.") },
  { "response", "response", TRUE, N_("Drafting, change, publication and deletion"),
    N_("The argued response is the institution’s public answer.") },
  { "commitment", "implementation", TRUE, N_("Creation, change and deletion"),
    N_("Commitments are followed by the public.") },
  { "commitment_update", "implementation", TRUE, N_("Every progress report"),
    N_("Commitments are followed by the public.") },
  { "follow_up", "follow_up", TRUE, N_("Creation, change and deletion"),
    N_("The citizens’ right to follow-up.") },
  { "narrative", NULL, TRUE, N_("Publication and withdrawal"),
    N_("What the institution tells the public; drafts are the officer’s own.") },
  { "communication_item", NULL, FALSE, N_("Nothing"),
    N_("The communication plan is internal planning; what is published is journaled.") },
};


/* Fields are length-prefixed so that no choice of text can make two entries hash alike. The
 * fields added in schema 3 follow a marker when any of them is set; an unset one is "~", which
 * no length prefix can be. */
static char *
entry_hash (gint64      process_id,
            gint64      seq,
            const char *at,
            const char *actor,
            const char *action,
            const char *object_type,
            const char *object_id,
            const char *summary,
            const char *prev_hash,
            const char *stage,
            const char *field,
            const char *old_value,
            const char *new_value)
{
  g_autoptr(GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const char *fields[] = { at, actor, action, object_type, object_id, summary, prev_hash };
  const char *extra[] = { stage, field, old_value, new_value };
  g_autofree char *head = g_strdup_printf ("%" G_GINT64_FORMAT ":%" G_GINT64_FORMAT ":",
                                           process_id, seq);

  g_checksum_update (sum, (const guchar *) head, -1);
  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    {
      g_autofree char *len = g_strdup_printf ("%zu:", strlen (fields[i]));

      g_checksum_update (sum, (const guchar *) len, -1);
      g_checksum_update (sum, (const guchar *) fields[i], -1);
    }

  if (stage != NULL || field != NULL || old_value != NULL || new_value != NULL)
    {
      g_checksum_update (sum, (const guchar *) "|v3|", -1);
      for (guint i = 0; i < G_N_ELEMENTS (extra); i++)
        {
          g_autofree char *len = NULL;

          if (extra[i] == NULL)
            {
              g_checksum_update (sum, (const guchar *) "~", -1);
              continue;
            }
          len = g_strdup_printf ("%zu:", strlen (extra[i]));
          g_checksum_update (sum, (const guchar *) len, -1);
          g_checksum_update (sum, (const guchar *) extra[i], -1);
        }
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
  g_free (self->stage);
  g_free (self->field);
  g_free (self->old_value);
  g_free (self->new_value);

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
    case PROP_STAGE:
      g_value_set_string (value, self->stage);
      break;
    case PROP_FIELD:
      g_value_set_string (value, self->field);
      break;
    case PROP_OLD_VALUE:
      g_value_set_string (value, self->old_value);
      break;
    case PROP_NEW_VALUE:
      g_value_set_string (value, self->new_value);
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
  properties[PROP_STAGE] = g_param_spec_string ("stage", NULL, NULL, NULL, flags);
  properties[PROP_FIELD] = g_param_spec_string ("field", NULL, NULL, NULL, flags);
  properties[PROP_OLD_VALUE] = g_param_spec_string ("old-value", NULL, NULL, NULL, flags);
  properties[PROP_NEW_VALUE] = g_param_spec_string ("new-value", NULL, NULL, NULL, flags);
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
const char *dlg_journal_entry_get_field (DlgJournalEntry *self) { return self->field; }
const char *dlg_journal_entry_get_old_value (DlgJournalEntry *self) { return self->old_value; }
const char *dlg_journal_entry_get_new_value (DlgJournalEntry *self) { return self->new_value; }

/* The stage an entry belongs to: the one it was written with, or, for entries written before
 * schema 3, what its record type and field say. */
static const char *
derive_stage (const char *object_type,
              const char *object_id,
              const char *field)
{
  const DlgJournalPolicy *policy = dlg_journal_policy_lookup (object_type);
  DlgStage stage;

  if (g_strcmp0 (object_type, "stage") == 0 && dlg_stage_from_id (object_id, &stage))
    return dlg_stage_to_id (stage);
  if (g_strcmp0 (object_type, "process") == 0 && field != NULL)
    {
      g_autofree char *prefix = g_strndup (field, strcspn (field, "."));

      if (dlg_stage_from_id (prefix, &stage))
        return dlg_stage_to_id (stage);
    }
  return policy != NULL ? policy->stage : NULL;
}

/**
 * dlg_journal_entry_get_stage:
 *
 * Returns: (nullable): the stage id the entry belongs to, %NULL for the whole process
 */
const char *
dlg_journal_entry_get_stage (DlgJournalEntry *self)
{
  g_return_val_if_fail (DLG_IS_JOURNAL_ENTRY (self), NULL);

  if (self->stage != NULL)
    return self->stage;
  return derive_stage (self->object_type, self->object_id, self->field);
}

/**
 * dlg_journal_entry_has_change:
 *
 * Returns: whether the entry records an old and a new value
 */
gboolean
dlg_journal_entry_has_change (DlgJournalEntry *self)
{
  g_return_val_if_fail (DLG_IS_JOURNAL_ENTRY (self), FALSE);

  return self->old_value != NULL || self->new_value != NULL;
}

/**
 * dlg_journal_entry_matches:
 * @stage: (nullable): a stage id, or %NULL for any
 * @object_type: (nullable): a record type, or %NULL for any
 * @actor: (nullable): who wrote it, or %NULL for anyone
 *
 * Returns: whether the entry passes the filters of the journal page and the CSV export
 */
gboolean
dlg_journal_entry_matches (DlgJournalEntry *self,
                           const char      *stage,
                           const char      *object_type,
                           const char      *actor)
{
  g_return_val_if_fail (DLG_IS_JOURNAL_ENTRY (self), FALSE);

  if (stage != NULL && g_strcmp0 (dlg_journal_entry_get_stage (self), stage) != 0)
    return FALSE;
  if (object_type != NULL && g_strcmp0 (self->object_type, object_type) != 0)
    return FALSE;
  if (actor != NULL && g_strcmp0 (self->actor, actor) != 0)
    return FALSE;
  return TRUE;
}

/**
 * dlg_journal_get_policies:
 * @n_policies: (out): the number of lines
 *
 * The journal policy: for each record type of the schema, whether and which of its changes
 * are journaled, and why.
 *
 * Returns: (array length=n_policies) (transfer none): the table
 */
const DlgJournalPolicy *
dlg_journal_get_policies (guint *n_policies)
{
  *n_policies = G_N_ELEMENTS (policies);
  return policies;
}

/**
 * dlg_journal_policy_lookup:
 *
 * Returns: (nullable) (transfer none): the policy of @object_type
 */
const DlgJournalPolicy *
dlg_journal_policy_lookup (const char *object_type)
{
  for (guint i = 0; i < G_N_ELEMENTS (policies); i++)
    if (g_strcmp0 (policies[i].object_type, object_type) == 0)
      return &policies[i];
  return NULL;
}

/**
 * dlg_journal_action_get_label:
 * @action: an action code such as "stage.done"
 *
 * Returns: (transfer none): its label in the officer's language; the code itself when unknown
 */
const char *
dlg_journal_action_get_label (const char *action)
{
  return dlg_vocabulary_get_label (&dlg_vocabulary_journal_action, action);
}

/**
 * dlg_journal_object_type_get_label:
 *
 * Returns: (transfer none): the label of a record type; the type itself when unknown
 */
const char *
dlg_journal_object_type_get_label (const char *object_type)
{
  return dlg_vocabulary_get_label (&dlg_vocabulary_record_type, object_type);
}

/**
 * dlg_journal_field_get_label:
 *
 * Returns: (transfer none) (nullable): the label of a field of a record type; the field itself
 *   when unknown
 */
const char *
dlg_journal_field_get_label (const char *object_type,
                             const char *field)
{
  g_autofree char *id = NULL;
  const char *label;

  if (object_type == NULL || field == NULL)
    return field;
  id = g_strconcat (object_type, ".", field, NULL);
  label = dlg_vocabulary_find_label (&dlg_vocabulary_journal_field, id);
  return label != NULL ? label : field;
}

/**
 * dlg_journal_value_get_label:
 * @object_type: a record type
 * @field: (nullable): one of its fields
 * @value: (nullable): a value of that field as the journal keeps it
 *
 * The words for a coded value (a position, a status, a kind, a stage, yes or no); text and
 * numbers are returned as they are.
 *
 * Returns: (transfer none) (nullable): the label, or @value
 */
const char *
dlg_journal_value_get_label (const char *object_type,
                             const char *field,
                             const char *value)
{
  /* The coded fields, each with its vocabulary. */
  static const struct {
    const char *object_type, *field;
    const DlgVocabulary *vocabulary;
  } coded[] = {
    { "participant", "status", &dlg_vocabulary_journal_invitation },
    { "follow_up", "kind", &dlg_vocabulary_follow_up_kind },
    { "position", "value", &dlg_vocabulary_position },
    { "commitment", "status", &dlg_vocabulary_commitment_status },
    { "commitment_update", "status", &dlg_vocabulary_commitment_status },
    { "decision", "stage", &dlg_vocabulary_stage },
    { "process", "policy_cycle", &dlg_vocabulary_policy_cycle },
  };

  if (value == NULL || field == NULL)
    return value;
  for (guint i = 0; i < G_N_ELEMENTS (coded); i++)
    if (g_str_equal (coded[i].object_type, object_type) && g_str_equal (coded[i].field, field))
      return dlg_vocabulary_get_label (coded[i].vocabulary, value);
  if (g_str_equal (field, "published") || g_str_equal (field, "enabled"))
    return g_str_equal (value, "TRUE") ? _("yes") : g_str_equal (value, "FALSE") ? _("no")
                                                                                  : value;
  return value;
}

/* Writes one entry; the caller holds a transaction. */
static gboolean
append_entry (DlgStore    *store,
              gint64       process_id,
              const char  *at,
              const char  *actor,
              const char  *action,
              const char  *object_type,
              const char  *object_id,
              const char  *stage,
              const char  *field,
              const char  *old_value,
              const char  *new_value,
              const char  *summary,
              GError     **error)
{
  g_autoptr(DlgStmt) last = NULL;
  g_autoptr(DlgStmt) insert = NULL;
  g_autoptr(DlgStmt) head = NULL;
  g_autofree char *prev_hash = NULL;
  g_autofree char *hash = NULL;
  g_autofree char *key = head_key (process_id);
  g_autofree char *head_value = NULL;
  gint64 seq = 1;
  int rc;

  if (!(last = dlg_store_prepare (store, sql_last, error)))
    return FALSE;
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
    return dlg_store_set_error (store, rc, error);

  actor = actor != NULL ? actor : "";
  hash = entry_hash (process_id, seq, at, actor, action, object_type, object_id, summary,
                     prev_hash, stage, field, old_value, new_value);

  if (!(insert = dlg_store_prepare (store, sql_insert, error)))
    return FALSE;
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
  dlg_stmt_bind_text (insert, 11, stage);
  dlg_stmt_bind_text (insert, 12, field);
  dlg_stmt_bind_text (insert, 13, old_value);
  dlg_stmt_bind_text (insert, 14, new_value);
  if (!dlg_store_step_done (store, insert, error))
    return FALSE;

  head_value = g_strdup_printf ("%" G_GINT64_FORMAT " %s", seq, hash);
  if (!(head = dlg_store_prepare (store, sql_head, error)))
    return FALSE;
  dlg_stmt_bind_text (head, 1, key);
  dlg_stmt_bind_text (head, 2, head_value);
  return dlg_store_step_done (store, head, error);
}

typedef struct
{
  gint64  process_id;
  char   *object_type;
  char   *object_id;
  char   *field;
  char   *action;
  char   *stage;
  char   *summary;
  char   *actor;
  char   *old_value;
  char   *new_value;
  char   *last_at;
} Pending;

static void
pending_free (Pending *p)
{
  g_free (p->object_type);
  g_free (p->object_id);
  g_free (p->field);
  g_free (p->action);
  g_free (p->stage);
  g_free (p->summary);
  g_free (p->actor);
  g_free (p->old_value);
  g_free (p->new_value);
  g_free (p->last_at);
  g_free (p);
}

/* Turns the bursts idle since before @cutoff (all when NULL) into entries, except the one of
 * @keep_*; the caller holds a transaction. The ids of the processes written to go to
 * @processes when it is not NULL. */
static gboolean
settle_due (DlgStore    *store,
            const char  *cutoff,
            gint64       keep_process,
            const char  *keep_type,
            const char  *keep_id,
            const char  *keep_field,
            guint       *n_written,
            GArray      *processes,
            GError     **error)
{
  g_autoptr(GPtrArray) due = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);
  int rc;

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_pending_due, error);

    if (stmt == NULL)
      return FALSE;
    dlg_stmt_bind_text (stmt, 1, cutoff);
    while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
      {
        Pending *p = g_new0 (Pending, 1);

        p->process_id = sqlite3_column_int64 (stmt, 0);
        p->object_type = dlg_stmt_dup_text (stmt, 1);
        p->object_id = dlg_stmt_dup_text (stmt, 2);
        p->field = dlg_stmt_dup_text (stmt, 3);
        p->action = dlg_stmt_dup_text (stmt, 4);
        p->stage = dlg_stmt_dup_text (stmt, 5);
        p->summary = dlg_stmt_dup_text (stmt, 6);
        p->actor = dlg_stmt_dup_text (stmt, 7);
        p->old_value = dlg_stmt_dup_text (stmt, 8);
        p->new_value = dlg_stmt_dup_text (stmt, 9);
        p->last_at = dlg_stmt_dup_text (stmt, 10);
        if (p->process_id == keep_process && g_strcmp0 (p->object_type, keep_type) == 0
            && g_strcmp0 (p->object_id, keep_id) == 0 && g_strcmp0 (p->field, keep_field) == 0)
          pending_free (p);
        else
          g_ptr_array_add (due, p);
      }
    if (rc != SQLITE_DONE)
      return dlg_store_set_error (store, rc, error);
  }

  for (guint i = 0; i < due->len; i++)
    {
      Pending *p = g_ptr_array_index (due, i);
      g_autoptr(DlgStmt) del = NULL;

      /* Typed and typed back: nothing changed, nothing to say. */
      if (g_strcmp0 (p->old_value, p->new_value) != 0)
        {
          if (!append_entry (store, p->process_id, p->last_at, p->actor, p->action,
                             p->object_type, p->object_id, p->stage,
                             p->field[0] != '\0' ? p->field : NULL, p->old_value, p->new_value,
                             p->summary, error))
            return FALSE;
          if (n_written != NULL)
            (*n_written)++;
          if (processes != NULL)
            g_array_append_val (processes, p->process_id);
        }
      if (!(del = dlg_store_prepare (store, sql_pending_delete, error)))
        return FALSE;
      sqlite3_bind_int64 (del, 1, p->process_id);
      dlg_stmt_bind_text (del, 2, p->object_type);
      dlg_stmt_bind_text (del, 3, p->object_id);
      dlg_stmt_bind_text (del, 4, p->field);
      if (!dlg_store_step_done (store, del, error))
        return FALSE;
    }

  return TRUE;
}

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
 * Appends an entry chained to the previous one of the process, with the stage its record type
 * belongs to (dlg_journal_policy_lookup()). Call it inside the transaction of the change it
 * records, so that the change and its entry land together. Bursts of typing still pending are
 * settled first, so that the journal keeps the order in which things were done.
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
  g_return_val_if_fail (object_type != NULL && object_id != NULL, FALSE);

  return dlg_journal_append_full (store, process_id, action, object_type, object_id,
                                  derive_stage (object_type, object_id, NULL), NULL, NULL, NULL,
                                  summary, error);
}

/**
 * dlg_journal_append_full:
 * @stage: (nullable): the stage id of the entry, %NULL for the whole process
 * @field: (nullable): the field that changed
 * @old_value: (nullable): its value before
 * @new_value: (nullable): its value after
 *
 * Like dlg_journal_append(), with the stage and the change spelled out; the hash covers them.
 */
gboolean
dlg_journal_append_full (DlgStore    *store,
                         gint64       process_id,
                         const char  *action,
                         const char  *object_type,
                         const char  *object_id,
                         const char  *stage,
                         const char  *field,
                         const char  *old_value,
                         const char  *new_value,
                         const char  *summary,
                         GError     **error)
{
  g_autofree char *at = dlg_now_iso8601 ();

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL && object_type != NULL && object_id != NULL, FALSE);
  g_return_val_if_fail (summary != NULL, FALSE);

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!settle_due (store, NULL, 0, NULL, NULL, NULL, NULL, NULL, error)
      || !append_entry (store, process_id, at, dlg_store_get_actor (store), action, object_type,
                        object_id, stage, field, old_value, new_value, summary, error))
    {
      dlg_store_rollback (store);
      return FALSE;
    }
  return dlg_store_commit (store, error);
}

/**
 * dlg_journal_note_edit:
 * @store: a #DlgStore
 * @process_id: the process
 * @action: the action of the entry the burst will become ("process.field", "actor.update"…)
 * @object_type: the record type
 * @object_id: its id or uuid
 * @stage: (nullable): the stage id of the entry
 * @field: the field edited
 * @old_value: (nullable): the value before this save
 * @new_value: (nullable): the value this save writes
 * @summary: the sentence of the entry (the last one noted wins)
 * @error: return location for a #DlgError
 *
 * Notes a save of a field edited as the officer types, in the transaction of the save. The
 * first save of a burst keeps @old_value; the next ones only move the new value. Starting a
 * burst on another field settles every other one first. A save that changes nothing and
 * starts no burst writes nothing. See dlg_journal_settle().
 */
gboolean
dlg_journal_note_edit (DlgStore    *store,
                       gint64       process_id,
                       const char  *action,
                       const char  *object_type,
                       const char  *object_id,
                       const char  *stage,
                       const char  *field,
                       const char  *old_value,
                       const char  *new_value,
                       const char  *summary,
                       GError     **error)
{
  g_autoptr(DlgStmt) get = NULL;
  g_autoptr(DlgStmt) write = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  const char *actor = dlg_store_get_actor (store);
  gboolean exists;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (action != NULL && object_type != NULL && object_id != NULL, FALSE);
  g_return_val_if_fail (field != NULL && summary != NULL, FALSE);

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!(get = dlg_store_prepare (store, sql_pending_get, error)))
    goto fail;
  sqlite3_bind_int64 (get, 1, process_id);
  dlg_stmt_bind_text (get, 2, object_type);
  dlg_stmt_bind_text (get, 3, object_id);
  dlg_stmt_bind_text (get, 4, field);
  rc = sqlite3_step (get);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      goto fail;
    }
  exists = rc == SQLITE_ROW;
  g_clear_pointer (&get, dlg_stmt_release);

  if (!exists && g_strcmp0 (old_value, new_value) == 0)
    return dlg_store_commit (store, error);
  if (!exists && !settle_due (store, NULL, process_id, object_type, object_id, field, NULL, NULL,
                              error))
    goto fail;

  if (!(write = dlg_store_prepare (store, exists ? sql_pending_update : sql_pending_insert,
                                   error)))
    goto fail;
  sqlite3_bind_int64 (write, 1, process_id);
  dlg_stmt_bind_text (write, 2, object_type);
  dlg_stmt_bind_text (write, 3, object_id);
  dlg_stmt_bind_text (write, 4, field);
  if (exists)
    {
      dlg_stmt_bind_text (write, 5, new_value);
      dlg_stmt_bind_text (write, 6, summary);
      dlg_stmt_bind_text (write, 7, actor != NULL ? actor : "");
      dlg_stmt_bind_text (write, 8, now);
    }
  else
    {
      dlg_stmt_bind_text (write, 5, action);
      dlg_stmt_bind_text (write, 6, stage);
      dlg_stmt_bind_text (write, 7, summary);
      dlg_stmt_bind_text (write, 8, actor != NULL ? actor : "");
      dlg_stmt_bind_text (write, 9, old_value);
      dlg_stmt_bind_text (write, 10, new_value);
      dlg_stmt_bind_text (write, 11, now);
    }
  if (!dlg_store_step_done (store, write, error))
    goto fail;
  return dlg_store_commit (store, error);

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/* A property's value as the journal keeps it: text as it is, numbers in digits, NULL unset. */
static char *
property_to_string (GObject    *object,
                    const char *property)
{
  g_auto(GValue) value = G_VALUE_INIT;
  g_auto(GValue) text = G_VALUE_INIT;
  GParamSpec *pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (object), property);

  g_return_val_if_fail (pspec != NULL, NULL);

  g_value_init (&value, pspec->value_type);
  g_object_get_property (object, property, &value);
  if (G_VALUE_HOLDS_STRING (&value))
    return g_value_dup_string (&value);
  g_value_init (&text, G_TYPE_STRING);
  if (!g_value_transform (&value, &text))
    return NULL;
  return g_value_dup_string (&text);
}

/**
 * dlg_journal_note_changes:
 * @store: a #DlgStore
 * @process_id: the process
 * @action: the action of the entries ("decision.update"…)
 * @object_type: the record type
 * @object_id: its uuid
 * @stage: (nullable): the stage id of the entries
 * @before: the record as stored before the save
 * @after: the record as the save writes it (same type)
 * @followed: (array zero-terminated=1): the properties the journal follows
 * @summary: the sentence of the entries
 * @error: return location for a #DlgError
 *
 * Notes every followed property that differs between @before and @after as a burst of its own
 * (dlg_journal_note_edit()), so that a record edited in a dialog that saves as the officer
 * types gets one entry per field edited, with the value before and after, rather than one
 * entry per save. A save that changes none of them writes nothing to the journal.
 */
gboolean
dlg_journal_note_changes (DlgStore           *store,
                          gint64              process_id,
                          const char         *action,
                          const char         *object_type,
                          const char         *object_id,
                          const char         *stage,
                          GObject            *before,
                          GObject            *after,
                          const char * const *followed,
                          const char         *summary,
                          GError            **error)
{
  g_return_val_if_fail (G_IS_OBJECT (before) && G_IS_OBJECT (after), FALSE);
  g_return_val_if_fail (G_OBJECT_TYPE (before) == G_OBJECT_TYPE (after), FALSE);

  for (guint i = 0; followed[i] != NULL; i++)
    {
      g_autofree char *old_value = property_to_string (before, followed[i]);
      g_autofree char *new_value = property_to_string (after, followed[i]);

      if (g_strcmp0 (old_value, new_value) != 0
          && !dlg_journal_note_edit (store, process_id, action, object_type, object_id, stage,
                                     followed[i], old_value, new_value, summary, error))
        return FALSE;
    }
  return TRUE;
}

/**
 * dlg_journal_settle:
 * @store: a #DlgStore
 * @idle_seconds: settle only bursts idle for at least this long; 0 settles every one
 * @n_written: (out) (optional): the number of entries written
 * @error: return location for a #DlgError
 *
 * Ends the bursts of typing noted by dlg_journal_note_edit(): each becomes one entry with the
 * value before its first save and after its last, or nothing when they are equal. Views call
 * it when a field loses focus, on flush and when a dialog closes; the application every minute
 * for idle bursts; the store at open for what a crash left. Writes nothing when nothing is
 * pending. Emits DlgStore::changed ("journal") for each process written to.
 */
gboolean
dlg_journal_settle (DlgStore    *store,
                    gint64       idle_seconds,
                    guint       *n_written,
                    GError     **error)
{
  g_autoptr(GArray) processes = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autofree char *cutoff = NULL;
  guint written = 0;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (n_written != NULL)
    *n_written = 0;
  if (dlg_journal_count_pending (store) == 0)
    return TRUE;
  if (idle_seconds > 0)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
      g_autoptr(GDateTime) then = g_date_time_add_seconds (now, -(gdouble) idle_seconds);

      cutoff = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
    }

  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!settle_due (store, cutoff, 0, NULL, NULL, NULL, &written, processes, error))
    {
      dlg_store_rollback (store);
      return FALSE;
    }
  if (!dlg_store_commit (store, error))
    return FALSE;

  if (n_written != NULL)
    *n_written = written;
  for (guint i = 0; i < processes->len; i++)
    if (i == 0 || g_array_index (processes, gint64, i) != g_array_index (processes, gint64, i - 1))
      dlg_store_emit_changed (store, DLG_TYPE_JOURNAL_ENTRY, g_array_index (processes, gint64, i));
  return TRUE;
}

/**
 * dlg_journal_count_pending:
 *
 * Returns: the number of bursts of typing not yet settled into entries
 */
guint
dlg_journal_count_pending (DlgStore *store)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), 0);

  if (!(stmt = dlg_store_prepare (store, sql_pending_count, NULL)))
    return 0;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return 0;
  return (guint) sqlite3_column_int64 (stmt, 0);
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
  entry->stage = dlg_stmt_dup_text (stmt, 9);
  entry->field = dlg_stmt_dup_text (stmt, 10);
  entry->old_value = dlg_stmt_dup_text (stmt, 11);
  entry->new_value = dlg_stmt_dup_text (stmt, 12);

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
                                          e->prev_hash, e->stage, e->field, e->old_value,
                                          e->new_value);

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

/* A cell of user text: quoted as RFC 4180 says, and kept text in a spreadsheet, which would
 * take a leading = + - @ (or a tab or CR before one) for the start of a formula. */
static void
append_cell (GString    *csv,
             const char *text,
             gboolean    user_text)
{
  g_autofree char *guarded = NULL;
  g_autofree char *quoted = NULL;

  if (text == NULL)
    text = "";
  if (user_text && text[0] != '\0' && strchr ("=+-@\t\r", text[0]) != NULL)
    text = guarded = g_strconcat ("'", text, NULL);
  quoted = dlg_csv_quote (text);
  g_string_append (csv, quoted);
}

/**
 * dlg_journal_to_csv:
 * @entries: a #GListModel of #DlgJournalEntry (a journal, or a filtered part of it)
 *
 * The entries as CSV (RFC 4180: comma-separated, CRLF line ends, fields with commas, quotes
 * or line breaks quoted, UTF-8), with a header line, action and record type labels in the
 * officer's language next to their codes, and the hash of each entry so that a copy can be
 * checked against the journal.
 *
 * Returns: (transfer full): the text
 */
char *
dlg_journal_to_csv (GListModel *entries)
{
  GString *csv = g_string_new (NULL);
  const char *header[] = {
    N_("No."), N_("Time"), N_("Officer"), N_("Stage"), N_("Record type"), N_("Action"),
    N_("Action code"), N_("Record"), N_("Field"), N_("Old value"), N_("New value"),
    N_("Summary"), N_("Hash"),
  };
  guint n;

  g_return_val_if_fail (G_IS_LIST_MODEL (entries), NULL);

  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    {
      if (i > 0)
        g_string_append_c (csv, ',');
      append_cell (csv, _(header[i]), FALSE);
    }
  g_string_append (csv, "\r\n");

  n = g_list_model_get_n_items (entries);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgJournalEntry) e = g_list_model_get_item (entries, i);
      g_autofree char *seq = g_strdup_printf ("%" G_GINT64_FORMAT, e->seq);
      const char *stage_id = dlg_journal_entry_get_stage (e);
      const char *stage_label = NULL;
      DlgStage stage;

      if (stage_id != NULL && dlg_stage_from_id (stage_id, &stage))
        stage_label = dlg_stage_get_label (stage);

      append_cell (csv, seq, FALSE);
      g_string_append_c (csv, ',');
      append_cell (csv, e->at, FALSE);
      g_string_append_c (csv, ',');
      append_cell (csv, e->actor, TRUE);
      g_string_append_c (csv, ',');
      append_cell (csv, stage_label, FALSE);
      g_string_append_c (csv, ',');
      append_cell (csv, dlg_journal_object_type_get_label (e->object_type), FALSE);
      g_string_append_c (csv, ',');
      append_cell (csv, dlg_journal_action_get_label (e->action), FALSE);
      g_string_append_c (csv, ',');
      append_cell (csv, e->action, FALSE);
      g_string_append_c (csv, ',');
      append_cell (csv, e->object_id, TRUE);
      g_string_append_c (csv, ',');
      append_cell (csv, e->field != NULL ? dlg_journal_field_get_label (e->object_type, e->field)
                                         : NULL, FALSE);
      g_string_append_c (csv, ',');
      append_cell (csv, e->old_value, TRUE);
      g_string_append_c (csv, ',');
      append_cell (csv, e->new_value, TRUE);
      g_string_append_c (csv, ',');
      append_cell (csv, e->summary, TRUE);
      g_string_append_c (csv, ',');
      append_cell (csv, e->hash, FALSE);
      g_string_append (csv, "\r\n");
    }

  return g_string_free (csv, FALSE);
}

/**
 * dlg_journal_export_csv:
 * @entries: a #GListModel of #DlgJournalEntry
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes dlg_journal_to_csv() to @file, replacing it in one step.
 */
gboolean
dlg_journal_export_csv (GListModel  *entries,
                        GFile       *file,
                        GError     **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (G_IS_LIST_MODEL (entries), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  csv = dlg_journal_to_csv (entries);
  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE,
                                  NULL, NULL, error);
}
