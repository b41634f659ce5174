/* dlg-record.h — the base of every domain record: a field table carries the mechanics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A record type (DlgDecision, DlgActor…) is a thin subclass of DlgRecord: its instance struct
 * holds its fields, and one static DlgRecordInfo says, field by field, which column and
 * property it is, its kind, whether it is required, journaled and published, and its label.
 * From that table the base installs the properties, implements get/set with notify, binds and
 * reads the SQL row, lists, loads, finds by uuid, saves (validation, the stage rule, one
 * transaction with the journal entry) and deletes. The type file keeps its struct, its table,
 * typed getters and setters (one line each over dlg_record_get_* / dlg_record_set_*), and its
 * own checks through the class vfuncs.
 *
 * The fields id, uuid and process_id are the base's own: a record table has them, or derives
 * process_id from a parent (DlgRecordInfo.process_sql), has no uuid (DLG_RECORD_NO_UUID) or
 * another key (DlgRecordInfo.id_column). HACKING.md ("Records") says how to add a field and a
 * record type; tests/test-record.c checks the base.
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"
#include "dlg-vocabulary.h"

G_BEGIN_DECLS

typedef enum
{
  DLG_FIELD_STRING,   /* char *: one line */
  DLG_FIELD_TEXT,     /* char *: several lines (an editor shows a text view) */
  DLG_FIELD_DATE,     /* char *: 2025-03-31 or an ISO 8601 date and time */
  DLG_FIELD_ENUM,     /* char *: one of DlgField.vocabulary */
  DLG_FIELD_INT64,    /* gint64; a reference to another record when DlgField.reference is set */
  DLG_FIELD_INT,      /* int */
  DLG_FIELD_DOUBLE,   /* double */
  DLG_FIELD_BOOLEAN,  /* gboolean */
} DlgFieldKind;

typedef enum
{
  DLG_FIELD_REQUIRED  = 1 << 0,  /* not NULL, not blank */
  DLG_FIELD_NULLABLE  = 1 << 1,  /* strings: NULL is stored as NULL (else as ""); numbers:
                                  * default_number (-1, NAN…) is stored as NULL */
  DLG_FIELD_JOURNALED = 1 << 2,  /* a change is journaled, old → new */
  DLG_FIELD_PUBLISHED = 1 << 3,  /* part of what the sync pushes (the record goes to the outbox) */
  DLG_FIELD_READ_ONLY = 1 << 4,  /* set by the store or the sync, never by an editor: the
                                  * property is read-only, the type file sets the member */
  DLG_FIELD_HIDDEN    = 1 << 5,  /* not shown in a generated editor */
  DLG_FIELD_INSERT_ONLY = 1 << 6, /* written by INSERT, never by UPDATE (created_at) */
  DLG_FIELD_SELECT_ONLY = 1 << 7, /* read, never written (sync_state, a joined column: then
                                   * column is the SQL expression, "r.number", "1") */
} DlgFieldFlags;

typedef struct
{
  const char          *column;      /* SQL column */
  const char          *property;    /* GObject property, "decided-at" */
  DlgFieldKind         kind;
  gsize                offset;      /* G_STRUCT_OFFSET of the member in the instance struct */
  DlgFieldFlags        flags;
  const char          *label;       /* N_() label for editors and error messages */
  const char          *empty;       /* N_() message when REQUIRED and blank (NULL: a default) */
  int                  max_chars;   /* strings: 0 for no limit */
  double               minimum;     /* numbers */
  double               maximum;     /* numbers: 0 with minimum 0 for no limit */
  const char          *default_string; /* strings: the value of a new record */
  double               default_number; /* numbers and booleans */
  const DlgVocabulary *vocabulary;  /* ENUM */
  GType              (*reference) (void); /* INT64 referring to another record: its type
                                           * (0 is stored as NULL, never negative) */
  const char          *json_name;   /* the member in the sync JSON, NULL: not on the wire */
  const char          *invalid;     /* N_() message when an ENUM is not in its vocabulary, or a
                                     * number is outside minimum…maximum (NULL: not checked) */
  /* Strings: a check of the value of the field's own, after the table's (dlg_check_stage). */
  gboolean           (*check) (const char *value, GError **error);
  /* A change of the field is a journal entry of its own rather than a JOURNALED note: its
   * action ("feature.enable"; a BOOLEAN's when it turns TRUE) and a BOOLEAN's when it turns
   * FALSE ("feature.disable"), with the type's describe_field as summary. Written when a save
   * changes the field from the stored row (a keyed record: from its blank when none is
   * stored) and when a keyed record is deleted (back to its blank), before the notes. */
  const char          *journal_action;
  const char          *journal_action_off;
} DlgField;

typedef enum
{
  DLG_RECORD_NO_UUID         = 1 << 0,  /* the table has no uuid column */
  DLG_RECORD_EDITABLE_FIRST  = 1 << 1,  /* check the stage rule before the fields */
  DLG_RECORD_SYNC_STATE      = 1 << 2,  /* an UPDATE that changes a PUBLISHED field turns
                                         * sync_state 'synced' into 'modified' */
  DLG_RECORD_SYNC_EVERY_UPDATE = 1 << 3, /* every UPDATE does (the response) */
  DLG_RECORD_ERASABLE        = 1 << 4,  /* a delete needs no stage rule: personal data can be
                                         * erased at any time (the contact of a registrant) */
} DlgRecordFlags;

struct _DlgRecord;

typedef struct
{
  const char     *name;          /* the journal's object type and the sync collection: "decision" */
  const char     *table;         /* SQL table */
  const char     *id_column;     /* the row's key, NULL: "id" (the response: "process_id") */
  const DlgField *fields;        /* the type's own fields (not id, uuid, process_id) */
  guint           n_fields;
  const char     *order_by;      /* ORDER BY of lists, "decided_at, id" */
  /* When the table has no process_id column: SQL selecting the process of the parent (one
   * int64 parameter: the parent's id), the field that holds the parent's id, and the message
   * when the parent does not exist. */
  const char     *process_sql;
  const char     *parent_field;
  /* Journal actions ("decision.create", "decision.update", "decision.delete"); NULL: the type
   * does not journal (HACKING.md says which types journal and why). */
  const char     *journal_create;
  const char     *journal_update;
  const char     *journal_delete;
  /* A string field the create and delete entries name, with its new or old value (NULL: the
   * entries name no field). */
  const char     *journal_field;
  const char     *not_found;     /* N_() "This decision does not exist…" */
  const char     *parent_missing; /* N_() "The recommendation does not exist." (process_sql) */
  /* With process_sql: the JOIN that reaches the process in every SELECT ("JOIN recommendation
   * r ON r.id = t.recommendation_id") and the process column it gives ("r.process_id"). */
  const char     *join;
  const char     *process_column;
  const char     *list_join;     /* lists only: joins their ORDER BY needs (NULL: none) */
  DlgRecordFlags  flags;
  /* The stage the records belong to ("opinion"): the default check_editable and the journal
   * entries' stage. NULL: cross-stage (the process must be editable), entries without one. */
  const char     *stage;
  /* A table with no id of its own, keyed by its process and one field (feature_activation:
   * PRIMARY KEY (process_id, feature)) or, with process_sql, by its parent alone
   * (participant_contact: participant_id, the parent_field): the property of that field
   * (a string or an INT64; READ_ONLY), with DLG_RECORD_NO_UUID. A record then exists for
   * every key, stored or blank: dlg_record_new_for_key() makes the blank (the table's
   * defaults, the key, then init_blank), dlg_record_load_by_key() gives the stored row or the
   * blank, dlg_record_save() upserts (INSERT … ON CONFLICT (<key>) DO UPDATE: CREATE when no
   * row was there, and then the JOURNALED fields are noted against the blank; UPDATE
   * otherwise), dlg_record_delete_record() deletes by the key; the journal names the record
   * by its key; the record's id is 0. */
  const char     *key_field;
  /* Keyed types: what a blank record holds beyond the table's defaults, once its key is set
   * (the feature: the catalogue's rules of the game); may be NULL. */
  void          (*init_blank)    (struct _DlgRecord *self);
} DlgRecordInfo;

typedef enum
{
  DLG_RECORD_CREATE,
  DLG_RECORD_UPDATE,
  DLG_RECORD_DELETE,
} DlgRecordChange;

#define DLG_TYPE_RECORD (dlg_record_get_type ())

G_DECLARE_DERIVABLE_TYPE (DlgRecord, dlg_record, DLG, RECORD, GObject)

struct _DlgRecordClass
{
  GObjectClass parent_class;

  const DlgRecordInfo *info;

  /* Checks beyond the field table (references, cross-field rules); may be NULL. */
  gboolean (*validate)       (DlgRecord  *self,
                              DlgStore   *store,
                              gint64      process_id,
                              GError    **error);
  /* The stage rule: may the record be written now; NULL means the process must be editable. */
  gboolean (*check_editable) (DlgRecord  *self,
                              DlgStore   *store,
                              gint64      process_id,
                              GError    **error);
  /* The journal summary of a change, translated ("Decision recorded: “…”."); @store for
   * what the summary names of another record. */
  char    *(*describe)       (DlgRecord       *self,
                              DlgStore        *store,
                              DlgRecordChange  change);
  /* The journal entry's stage (the default: DlgRecordInfo.stage). */
  const char *(*get_stage)   (DlgRecord  *self);
  /* In the save's or the delete's transaction, before the row is written (DELETE: before it
   * goes): set what the store fills in (updated_at…); may be NULL. */
  gboolean (*before_write)   (DlgRecord       *self,
                              DlgStore        *store,
                              gint64           process_id,
                              DlgRecordChange  change,
                              GError         **error);
  /* In the same transaction, once the row is written (or gone), before the journal entry:
   * what follows from the change (the response marked for the next push…); may be NULL. */
  gboolean (*after_write)    (DlgRecord       *self,
                              DlgStore        *store,
                              gint64           process_id,
                              DlgRecordChange  change,
                              GError         **error);
  /* After the commit: emits DlgStore::changed (the default: the record's GType). */
  void     (*emit_changed)   (DlgRecord       *self,
                              DlgStore        *store,
                              gint64           process_id,
                              DlgRecordChange  change);
  /* The summary of the entry of a field with a journal_action, translated; @self is the record
   * as the change leaves it ("Feature switched off: Map."). */
  char    *(*describe_field) (DlgRecord       *self,
                              DlgStore        *store,
                              const DlgField  *field);

  gpointer padding[4];
};

/* In class_init: installs a property per field (and id, uuid, process-id). */
void            dlg_record_class_set_info   (DlgRecordClass   *klass,
                                             const DlgRecordInfo *info);
const DlgRecordInfo *dlg_record_class_get_info (DlgRecordClass *klass);
const DlgField *dlg_record_class_find_field (DlgRecordClass   *klass,
                                             const char       *property);
/* Type-level access, for code that holds a GType (the GUI's record section, the sync). */
const DlgRecordInfo *dlg_record_type_get_info (GType           type);

gint64          dlg_record_get_id           (DlgRecord        *self);
const char     *dlg_record_get_uuid         (DlgRecord        *self);
gint64          dlg_record_get_process_id   (DlgRecord        *self);
/* The process resolved through the parent (process_sql) or checked to exist; 0 with
 * DLG_ERROR_NOT_FOUND. */
gint64          dlg_record_resolve_process  (DlgRecord        *self,
                                             DlgStore         *store,
                                             GError          **error);

/* Typed access to a field by property name, for the one-line getters and setters and for
 * generic code. Setters notify when the value changes; nothing is written until save. */
const char     *dlg_record_get_string       (DlgRecord        *self,
                                             const char       *property);
void            dlg_record_set_string       (DlgRecord        *self,
                                             const char       *property,
                                             const char       *value);
gint64          dlg_record_get_int64        (DlgRecord        *self,
                                             const char       *property);
void            dlg_record_set_int64        (DlgRecord        *self,
                                             const char       *property,
                                             gint64            value);
double          dlg_record_get_double       (DlgRecord        *self,
                                             const char       *property);
void            dlg_record_set_double       (DlgRecord        *self,
                                             const char       *property,
                                             double            value);
gboolean        dlg_record_get_boolean      (DlgRecord        *self,
                                             const char       *property);
void            dlg_record_set_boolean      (DlgRecord        *self,
                                             const char       *property,
                                             gboolean          value);

/* (transfer full): a new, unsaved record of @type for @process_id, with the defaults. */
gpointer        dlg_record_new              (GType             type,
                                             gint64            process_id);
/* The table's checks alone (no store): for what a source brings before it is matched. */
gboolean        dlg_record_check_fields     (DlgRecord        *self,
                                             GError          **error);
/* The table's checks, then the type's validate (what a save checks before the stage rule). */
gboolean        dlg_record_validate         (DlgRecord        *self,
                                             DlgStore         *store,
                                             gint64            process_id,
                                             GError          **error);
/* Validates, checks the stage rule, then INSERT (id 0: id and uuid are filled in) or UPDATE in
 * one transaction with the journal entry; re-reads the row, notifies, emits DlgStore::changed. */
gboolean        dlg_record_save             (DlgRecord        *self,
                                             DlgStore         *store,
                                             GError          **error);
/* (transfer full): the record, or NULL with DLG_ERROR_NOT_FOUND. */
gpointer        dlg_record_load             (DlgStore         *store,
                                             GType             type,
                                             gint64            id,
                                             GError          **error);
/* (transfer full): the record whose uuid is @uuid, or NULL with DLG_ERROR_NOT_FOUND. */
gpointer        dlg_record_find_by_uuid     (DlgStore         *store,
                                             GType             type,
                                             const char       *uuid,
                                             GError          **error);
/* (transfer full): the records of @process_id, in the type's order. @where (nullable) is an SQL
 * condition on the table's columns, with ?2… bound from @params (GVariant tuple, nullable);
 * it is the type file's own constant, never user text. */
GListModel     *dlg_record_list             (DlgStore         *store,
                                             GType             type,
                                             gint64            process_id,
                                             const char       *where,
                                             GVariant         *params,
                                             GError          **error);
/* (transfer full): like dlg_record_list() for records not listed by process: @where (a
 * constant) is the whole condition, with ?1… bound from @params. */
GListModel     *dlg_record_query            (DlgStore         *store,
                                             GType             type,
                                             const char       *where,
                                             GVariant         *params,
                                             GError          **error);
/* (transfer full) (nullable): the first record dlg_record_query() would give; NULL with no
 * error when there is none. */
gpointer        dlg_record_query_first      (DlgStore         *store,
                                             GType             type,
                                             const char       *where,
                                             GVariant         *params,
                                             GError          **error);
gboolean        dlg_record_delete           (DlgStore         *store,
                                             GType             type,
                                             gint64            id,
                                             GError          **error);
/* Deletes @self (loaded): the stage rule, then one transaction with the journal entry. */
gboolean        dlg_record_delete_record    (DlgRecord        *self,
                                             DlgStore         *store,
                                             GError          **error);

/* Keyed types (DlgRecordInfo.key_field); @key is a string or an int64 GVariant (a floating
 * one is sunk), @process_id is ignored when the key is the parent. */
/* (transfer full): a blank record of the key, not stored. */
gpointer        dlg_record_new_for_key      (GType             type,
                                             gint64            process_id,
                                             GVariant         *key);
/* (transfer full): the stored record of the key, or its blank when none is stored; NULL with
 * DLG_ERROR_NOT_FOUND when the process (or the parent) does not exist. */
gpointer        dlg_record_load_by_key      (DlgStore         *store,
                                             GType             type,
                                             gint64            process_id,
                                             GVariant         *key,
                                             GError          **error);

G_END_DECLS
