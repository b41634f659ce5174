/* dlg-record.c — the base of every domain record: a field table carries the mechanics
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dlg_record_class_set_info() reads a type's DlgRecordInfo once, in its class_init: it installs
 * a property per field and builds the type's SQL (SELECT, INSERT, UPDATE, DELETE), which the
 * store prepares once and caches (the strings live as long as the type). Every get, set, bind
 * and read goes through the field's offset in the instance struct.
 */

#define G_LOG_DOMAIN "dlg-record"

#include "config.h"

#include <math.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-domain-private.h"
#include "dlg-error.h"
#include "dlg-journal.h"
#include "dlg-record-private.h"
#include "dlg-stage-rules.h"
#include "dlg-store-private.h"

typedef struct
{
  gint64  id;
  char   *uuid;
  gint64  process_id;
} DlgRecordPrivate;

G_DEFINE_ABSTRACT_TYPE_WITH_PRIVATE (DlgRecord, dlg_record, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_UUID,
  PROP_PROCESS_ID,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* What dlg_record_class_set_info() derives from a type's table, kept on the GType. */
typedef struct
{
  const DlgRecordInfo  *info;
  const DlgField       *key;        /* keyed types: the key field (info->key_field) */
  GParamSpec          **pspecs;     /* one per field, property id = index + 1 */
  const char          **journaled;  /* the JOURNALED fields' properties, NULL-terminated */
  gboolean              field_actions; /* a field has a journal_action */
  char                 *sql_select;
  char                 *sql_load;     /* keyed types: by the key (bind_key) */
  char                 *sql_find_uuid;
  char                 *sql_insert;   /* keyed types: the upsert */
  char                 *sql_update;
  char                 *sql_delete;   /* keyed types: by the key (bind_key) */
  GMutex                lock;       /* guards the two caches below */
  GHashTable           *lists;      /* where (or the type data itself for none) → SQL */
  GHashTable           *queries;    /* where → SQL */
  char                 *sql_insert_row; /* dlg_record_insert_row(), built on first use */
  GHashTable           *updates;    /* dlg_record_update_fields(): names → UpdateFields */
} RecordType;

/* The first columns of every SELECT; the fields follow. */
enum {
  COL_ID,
  COL_UUID,
  COL_PROCESS_ID,
  N_BASE_COLS
};

static const char sql_process_exists[] = "SELECT id FROM process WHERE id = ?1";

static GQuark
record_type_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("dlg-record-type");
  return quark;
}

static RecordType *
record_type_get (GType type)
{
  RecordType *data = g_type_get_qdata (type, record_type_quark ());

  if (data == NULL)
    {
      /* The class is made on first use; it lives as long as the program. */
      g_type_class_ref (type);
      data = g_type_get_qdata (type, record_type_quark ());
    }
  g_assert (data != NULL);
  return data;
}

#define RECORD_TYPE(self) (record_type_get (G_OBJECT_TYPE (self)))
#define FIELD_PTR(self, field, ctype) ((ctype *) G_STRUCT_MEMBER_P ((self), (field)->offset))

static gboolean
field_is_string (const DlgField *field)
{
  switch (field->kind)
    {
    case DLG_FIELD_STRING:
    case DLG_FIELD_TEXT:
    case DLG_FIELD_DATE:
    case DLG_FIELD_ENUM:
      return TRUE;
    case DLG_FIELD_INT64:
    case DLG_FIELD_INT:
    case DLG_FIELD_DOUBLE:
    case DLG_FIELD_BOOLEAN:
    default:
      return FALSE;
    }
}

/* Written by INSERT: every field but what is only read. */
static gboolean
field_is_inserted (const DlgField *field)
{
  return (field->flags & DLG_FIELD_SELECT_ONLY) == 0;
}

/* Written by UPDATE: the same, but what INSERT alone writes, the parent and the key, which a
 * record never changes. */
static gboolean
field_is_updated (const DlgRecordInfo *info,
                  const DlgField      *field)
{
  return field_is_inserted (field) && (field->flags & DLG_FIELD_INSERT_ONLY) == 0
         && (info->parent_field == NULL || g_strcmp0 (field->property, info->parent_field) != 0)
         && (info->key_field == NULL || g_strcmp0 (field->property, info->key_field) != 0);
}

/* A SELECT_ONLY column that is an SQL expression ("r.number", "1"), not a column of t. */
static gboolean
column_is_expression (const DlgField *field)
{
  const char *c = field->column;

  if (g_ascii_isdigit (*c))
    return TRUE;
  for (; *c != '\0'; c++)
    if (!g_ascii_isalnum (*c) && *c != '_')
      return TRUE;
  return FALSE;
}

static const DlgField *
find_field (const DlgRecordInfo *info,
            const char          *property,
            guint               *index)
{
  for (guint i = 0; i < info->n_fields; i++)
    if (g_strcmp0 (info->fields[i].property, property) == 0)
      {
        if (index != NULL)
          *index = i;
        return &info->fields[i];
      }
  return NULL;
}

static const DlgField *
lookup_field (DlgRecord   *self,
              const char  *property,
              guint       *index)
{
  const DlgField *field = find_field (RECORD_TYPE (self)->info, property, index);

  if (field == NULL)
    g_critical ("%s has no field “%s”", G_OBJECT_TYPE_NAME (self), property);
  return field;
}

static GParamSpec *
field_pspec (const DlgField *field)
{
  GParamFlags flags = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  if ((field->flags & DLG_FIELD_READ_ONLY) == 0)
    flags |= G_PARAM_WRITABLE | G_PARAM_EXPLICIT_NOTIFY;
  if (field_is_string (field))
    return g_param_spec_string (field->property, NULL, NULL,
                                field->default_string != NULL ? field->default_string
                                : (field->flags & DLG_FIELD_NULLABLE) ? NULL : "",
                                flags);
  switch (field->kind)
    {
    case DLG_FIELD_INT64:
      if (field->reference != NULL)
        return g_param_spec_int64 (field->property, NULL, NULL, 0, G_MAXINT64, 0, flags);
      return g_param_spec_int64 (field->property, NULL, NULL, G_MININT64, G_MAXINT64,
                                 (gint64) field->default_number, flags);
    case DLG_FIELD_INT:
      return g_param_spec_int (field->property, NULL, NULL, G_MININT, G_MAXINT,
                               (int) field->default_number, flags);
    case DLG_FIELD_DOUBLE:
      /* A GParamSpec cannot default to NAN (it stands for none, NULL in the row). */
      return g_param_spec_double (field->property, NULL, NULL, -G_MAXDOUBLE, G_MAXDOUBLE,
                                  isnan (field->default_number) ? 0 : field->default_number,
                                  flags);
    case DLG_FIELD_BOOLEAN:
      return g_param_spec_boolean (field->property, NULL, NULL, field->default_number != 0,
                                   flags);
    case DLG_FIELD_STRING:
    case DLG_FIELD_TEXT:
    case DLG_FIELD_DATE:
    case DLG_FIELD_ENUM:
    default:
      g_assert_not_reached ();
    }
}

static void
build_sql (RecordType *data)
{
  const DlgRecordInfo *info = data->info;
  const char *id = info->id_column != NULL ? info->id_column : "id";
  g_autoptr(GString) select = g_string_new (NULL);
  g_autoptr(GString) insert = g_string_new (NULL);
  g_autoptr(GString) values = g_string_new (NULL);
  g_autoptr(GString) update = g_string_new (NULL);
  g_autoptr(GString) changed = g_string_new (NULL);
  int n = 0;

  if (data->key != NULL)
    g_string_append (select, "SELECT 0, ");
  else
    g_string_append_printf (select, "SELECT t.%s, ", id);
  g_string_append (select, (info->flags & DLG_RECORD_NO_UUID) ? "NULL, " : "t.uuid, ");
  g_string_append (select, info->process_column != NULL ? info->process_column : "t.process_id");
  for (guint i = 0; i < info->n_fields; i++)
    if (info->fields[i].flags & DLG_FIELD_SELECT_ONLY && column_is_expression (&info->fields[i]))
      g_string_append_printf (select, ", %s", info->fields[i].column);
    else
      g_string_append_printf (select, ", t.%s", info->fields[i].column);
  g_string_append_printf (select, " FROM %s t", info->table);
  if (info->join != NULL)
    g_string_append_printf (select, " %s", info->join);
  data->sql_select = g_strdup (select->str);
  if (data->key != NULL && info->process_sql == NULL)
    data->sql_load = g_strdup_printf ("%s WHERE t.process_id = ?1 AND t.%s = ?2", select->str,
                                      data->key->column);
  else
    data->sql_load = g_strdup_printf ("%s WHERE t.%s = ?1", select->str,
                                      data->key != NULL ? data->key->column : id);
  data->sql_find_uuid = g_strdup_printf ("%s WHERE t.uuid = ?1", select->str);

  /* INSERT: [uuid,] [process_id,] the written fields, in that order (bind_row follows it). */
  g_string_append_printf (insert, "INSERT INTO %s (", info->table);
  if ((info->flags & DLG_RECORD_NO_UUID) == 0)
    g_string_append_printf (insert, "%suuid", n++ ? ", " : "");
  if (info->process_sql == NULL)
    g_string_append_printf (insert, "%sprocess_id", n++ ? ", " : "");
  g_assert (info->id_column == NULL || g_str_equal (info->id_column, "process_id"));
  for (guint i = 0; i < info->n_fields; i++)
    if (field_is_inserted (&info->fields[i]))
      g_string_append_printf (insert, "%s%s", n++ ? ", " : "", info->fields[i].column);
  for (int i = 1; i <= n; i++)
    g_string_append_printf (values, "%s?%d", i > 1 ? ", " : "", i);
  g_string_append_printf (insert, ") VALUES (%s)", values->str);
  if (data->key != NULL)
    {
      /* The upsert of a keyed type: the row of the key takes the record's updated fields. */
      g_string_append_printf (insert, " ON CONFLICT (%s%s) DO ",
                              info->process_sql == NULL ? "process_id, " : "", data->key->column);
      n = 0;
      for (guint i = 0; i < info->n_fields; i++)
        if (field_is_updated (info, &info->fields[i]))
          g_string_append_printf (insert, "%s%s = excluded.%s", n++ ? ", " : "UPDATE SET ",
                                  info->fields[i].column, info->fields[i].column);
      if (n == 0)
        g_string_append (insert, "NOTHING");
    }
  data->sql_insert = g_strdup (insert->str);

  /* UPDATE: id is ?1, then the updated fields. */
  n = 1;
  g_string_append_printf (update, "UPDATE %s SET ", info->table);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const DlgField *field = &info->fields[i];

      if (!field_is_updated (info, field))
        continue;
      n++;
      g_string_append_printf (update, "%s%s = ?%d", n > 2 ? ", " : "", field->column, n);
      if (field->flags & DLG_FIELD_PUBLISHED)
        g_string_append_printf (changed, "%s%s IS NOT ?%d", changed->len ? " OR " : "",
                                field->column, n);
    }
  if (info->flags & DLG_RECORD_SYNC_EVERY_UPDATE)
    g_string_append (update, ", sync_state = CASE sync_state WHEN 'synced' THEN 'modified'"
                     " ELSE sync_state END");
  else if ((info->flags & DLG_RECORD_SYNC_STATE) && changed->len > 0)
    g_string_append_printf (update, ", sync_state = CASE WHEN sync_state = 'synced' AND (%s)"
                            " THEN 'modified' ELSE sync_state END", changed->str);
  g_string_append_printf (update, " WHERE %s = ?1", id);
  data->sql_update = n > 1 && data->key == NULL ? g_strdup (update->str) : NULL;
  if (data->key != NULL && info->process_sql == NULL)
    data->sql_delete = g_strdup_printf ("DELETE FROM %s WHERE process_id = ?1 AND %s = ?2",
                                        info->table, data->key->column);
  else
    data->sql_delete = g_strdup_printf ("DELETE FROM %s WHERE %s = ?1", info->table,
                                        data->key != NULL ? data->key->column : id);
}

static gboolean
same_double (double a,
             double b)
{
  return a == b || (isnan (a) && isnan (b));
}

static void
set_string_member (DlgRecord      *self,
                   const DlgField *field,
                   guint           index,
                   const char     *value)
{
  char **member = FIELD_PTR (self, field, char *);

  if (value == NULL && (field->flags & DLG_FIELD_NULLABLE) == 0)
    value = "";
  if (g_strcmp0 (*member, value) == 0)
    return;
  g_free (*member);
  *member = g_strdup (value);
  g_object_notify_by_pspec (G_OBJECT (self), RECORD_TYPE (self)->pspecs[index]);
}

/* The default of an integer field (a NAN default is a double's). */
static gint64
default_integer (const DlgField *field)
{
  return isnan (field->default_number) ? 0 : (gint64) field->default_number;
}

/* Stores @number (DOUBLE) or @integer (the other kinds) in @field; returns whether it changed. */
static gboolean
store_number (DlgRecord      *self,
              const DlgField *field,
              double          number,
              gint64          integer)
{
  switch (field->kind)
    {
    case DLG_FIELD_INT64:
      if (*FIELD_PTR (self, field, gint64) == integer)
        return FALSE;
      *FIELD_PTR (self, field, gint64) = integer;
      return TRUE;
    case DLG_FIELD_INT:
      if (*FIELD_PTR (self, field, int) == (int) integer)
        return FALSE;
      *FIELD_PTR (self, field, int) = (int) integer;
      return TRUE;
    case DLG_FIELD_DOUBLE:
      if (same_double (*FIELD_PTR (self, field, double), number))
        return FALSE;
      *FIELD_PTR (self, field, double) = number;
      return TRUE;
    case DLG_FIELD_BOOLEAN:
      if (*FIELD_PTR (self, field, gboolean) == (integer != 0))
        return FALSE;
      *FIELD_PTR (self, field, gboolean) = integer != 0;
      return TRUE;
    case DLG_FIELD_STRING:
    case DLG_FIELD_TEXT:
    case DLG_FIELD_DATE:
    case DLG_FIELD_ENUM:
    default:
      g_assert_not_reached ();
    }
}

static void
set_number_member (DlgRecord      *self,
                   const DlgField *field,
                   guint           index,
                   double          number,
                   gint64          integer)
{
  if (field->reference != NULL && integer < 0)
    integer = 0;
  if (store_number (self, field, number, integer))
    g_object_notify_by_pspec (G_OBJECT (self), RECORD_TYPE (self)->pspecs[index]);
}

/* Reads a row of the type's SELECT into @self (no notification). */
static void
read_row (DlgRecord    *self,
          sqlite3_stmt *stmt)
{
  DlgRecordPrivate *priv = dlg_record_get_instance_private (self);
  const DlgRecordInfo *info = RECORD_TYPE (self)->info;

  priv->id = sqlite3_column_int64 (stmt, COL_ID);
  g_free (priv->uuid);
  priv->uuid = dlg_stmt_dup_text (stmt, COL_UUID);
  priv->process_id = sqlite3_column_int64 (stmt, COL_PROCESS_ID);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const DlgField *field = &info->fields[i];
      int col = N_BASE_COLS + i;

      if (!field_is_string (field))
        {
          if ((field->flags & DLG_FIELD_NULLABLE) && sqlite3_column_type (stmt, col) == SQLITE_NULL)
            store_number (self, field, field->default_number, default_integer (field));
          else
            store_number (self, field, sqlite3_column_double (stmt, col),
                          sqlite3_column_int64 (stmt, col));
          continue;
        }
      g_free (*FIELD_PTR (self, field, char *));
      *FIELD_PTR (self, field, char *) =
        (field->flags & DLG_FIELD_NULLABLE) ? dlg_stmt_dup_text (stmt, col)
                                            : g_strdup (dlg_stmt_get_text (stmt, col));
    }
}

static gpointer
from_row (GType         type,
          sqlite3_stmt *stmt)
{
  DlgRecord *self = g_object_new (type, NULL);

  read_row (self, stmt);
  return self;
}

/* A number stored as NULL has a value that stands for it: 0 for a reference, the default of a
 * NULLABLE number (-1, NAN…). */
static gboolean
number_is_none (const DlgField *field,
                double          value)
{
  if (field->reference != NULL)
    return value == 0;
  return (field->flags & DLG_FIELD_NULLABLE) && same_double (value, field->default_number);
}

/* Binds @field of @self at @index (a number that stands for none as NULL). */
static void
bind_field (DlgRecord      *self,
            const DlgField *field,
            sqlite3_stmt   *stmt,
            int             index)
{
  switch (field->kind)
    {
    case DLG_FIELD_STRING:
    case DLG_FIELD_TEXT:
    case DLG_FIELD_DATE:
    case DLG_FIELD_ENUM:
      dlg_stmt_bind_text (stmt, index, *FIELD_PTR (self, field, char *));
      break;
    case DLG_FIELD_INT64:
      if (!number_is_none (field, *FIELD_PTR (self, field, gint64)))
        sqlite3_bind_int64 (stmt, index, *FIELD_PTR (self, field, gint64));
      break;
    case DLG_FIELD_INT:
      if (!number_is_none (field, *FIELD_PTR (self, field, int)))
        sqlite3_bind_int (stmt, index, *FIELD_PTR (self, field, int));
      break;
    case DLG_FIELD_DOUBLE:
      if (!number_is_none (field, *FIELD_PTR (self, field, double)))
        sqlite3_bind_double (stmt, index, *FIELD_PTR (self, field, double));
      break;
    case DLG_FIELD_BOOLEAN:
      sqlite3_bind_int (stmt, index, *FIELD_PTR (self, field, gboolean) ? 1 : 0);
      break;
    default:
      g_assert_not_reached ();
    }
}

/* Binds the key of @self (a keyed type) from ?1: its process and its key field, or the key
 * alone when it is the parent. */
static void
bind_key (DlgRecord    *self,
          sqlite3_stmt *stmt)
{
  DlgRecordPrivate *priv = dlg_record_get_instance_private (self);
  RecordType *data = RECORD_TYPE (self);
  int index = 1;

  if (data->info->process_sql == NULL)
    sqlite3_bind_int64 (stmt, index++, priv->process_id);
  bind_field (self, data->key, stmt, index);
}

/* A blank record of a keyed type: the table's defaults, the key (@string for a string key,
 * else @integer), then the type's init_blank. */
static gpointer
blank_new (GType       type,
           gint64      process_id,
           const char *string,
           gint64      integer)
{
  RecordType *data = record_type_get (type);
  DlgRecord *self = g_object_new (type, NULL);

  ((DlgRecordPrivate *) dlg_record_get_instance_private (self))->process_id = process_id;
  if (field_is_string (data->key))
    {
      g_free (*FIELD_PTR (self, data->key, char *));
      *FIELD_PTR (self, data->key, char *) = g_strdup (string);
    }
  else
    store_number (self, data->key, 0, integer);
  if (data->info->init_blank != NULL)
    data->info->init_blank (self);
  return self;
}

/* The blank of @self's key. */
static gpointer
blank_of (DlgRecord *self)
{
  const DlgField *key = RECORD_TYPE (self)->key;

  return blank_new (G_OBJECT_TYPE (self), dlg_record_get_process_id (self),
                    field_is_string (key) ? *FIELD_PTR (self, key, char *) : NULL,
                    field_is_string (key) ? 0 : *FIELD_PTR (self, key, gint64));
}

/* The journal's name of @self: its uuid, or the value of its key. */
static char *
dup_object_id (DlgRecord *self)
{
  RecordType *data = RECORD_TYPE (self);

  if (data->key == NULL)
    return g_strdup (dlg_record_get_uuid (self));
  if (field_is_string (data->key))
    return g_strdup (*FIELD_PTR (self, data->key, char *));
  return g_strdup_printf ("%" G_GINT64_FORMAT, *FIELD_PTR (self, data->key, gint64));
}

static double
field_get_number (DlgRecord      *self,
                  const DlgField *field)
{
  switch (field->kind)
    {
    case DLG_FIELD_INT64:
      return (double) *FIELD_PTR (self, field, gint64);
    case DLG_FIELD_INT:
      return *FIELD_PTR (self, field, int);
    case DLG_FIELD_DOUBLE:
      return *FIELD_PTR (self, field, double);
    case DLG_FIELD_BOOLEAN:
      return *FIELD_PTR (self, field, gboolean);
    case DLG_FIELD_STRING:
    case DLG_FIELD_TEXT:
    case DLG_FIELD_DATE:
    case DLG_FIELD_ENUM:
    default:
      g_assert_not_reached ();
    }
}

static gboolean
fail_invalid (const DlgField  *field,
              GError         **error)
{
  if (field->invalid != NULL)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID, _(field->invalid));
  else
    g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                 _("The field “%s” has a value that is not valid."), _(field->label));
  return FALSE;
}

/* The label and blank message of @field, translated: only for the message of a check that
 * failed (checks run with no error first, since a batch checks thousands of records). */
static const char *
field_label (const DlgField *field)
{
  return field->label != NULL ? _(field->label) : field->property;
}

static const char *
field_empty (const DlgField *field)
{
  return field->empty != NULL ? _(field->empty) : NULL;
}

/* The checks the table declares, field by field, in its order. */
static gboolean
validate_fields (DlgRecord  *self,
                 GError    **error)
{
  const DlgRecordInfo *info = RECORD_TYPE (self)->info;

  for (guint i = 0; i < info->n_fields; i++)
    {
      const DlgField *field = &info->fields[i];
      gboolean required = (field->flags & DLG_FIELD_REQUIRED) != 0;
      const char *text;
      double number;

      if (field->flags & (DLG_FIELD_READ_ONLY | DLG_FIELD_SELECT_ONLY))
        continue;
      switch (field->kind)
        {
        case DLG_FIELD_STRING:
        case DLG_FIELD_TEXT:
          text = *FIELD_PTR (self, field, char *);
          if (!dlg_check_text (text, required, field->max_chars, field->property, NULL, NULL))
            return dlg_check_text (text, required, field->max_chars, field_label (field),
                                   field_empty (field), error);
          if (field->check != NULL && !field->check (text, error))
            return FALSE;
          break;
        case DLG_FIELD_DATE:
          text = *FIELD_PTR (self, field, char *);
          if (!dlg_check_date (text, required, field->property, NULL, NULL))
            return dlg_check_date (text, required, field_label (field), field_empty (field),
                                   error);
          break;
        case DLG_FIELD_ENUM:
          text = *FIELD_PTR (self, field, char *);
          if (text == NULL && !required)
            break;
          g_assert (field->vocabulary != NULL);
          if (text == NULL || !dlg_vocabulary_contains (field->vocabulary, text))
            return fail_invalid (field, error);
          break;
        case DLG_FIELD_INT64:
        case DLG_FIELD_INT:
        case DLG_FIELD_DOUBLE:
        case DLG_FIELD_BOOLEAN:
          number = field_get_number (self, field);
          if (field->invalid != NULL && (field->minimum != 0 || field->maximum != 0)
              && (number < field->minimum || number > field->maximum))
            return fail_invalid (field, error);
          break;
        default:
          g_assert_not_reached ();
        }
    }
  return TRUE;
}

/* Binds GVariant tuple @params from ?@first on. */
static void
bind_params (sqlite3_stmt *stmt,
             int           first,
             GVariant     *params)
{
  GVariantIter iter;
  GVariant *child;
  int index = first;

  if (params == NULL)
    return;
  g_variant_iter_init (&iter, params);
  while ((child = g_variant_iter_next_value (&iter)))
    {
      g_autoptr(GVariant) value = child;

      if (g_variant_is_of_type (value, G_VARIANT_TYPE_MAYBE))
        {
          g_autoptr(GVariant) inner = g_variant_get_maybe (value);

          if (inner == NULL)
            {
              sqlite3_bind_null (stmt, index++);
              continue;
            }
          g_clear_pointer (&value, g_variant_unref);
          value = g_steal_pointer (&inner);
        }
      if (g_variant_is_of_type (value, G_VARIANT_TYPE_STRING))
        dlg_stmt_bind_text (stmt, index, g_variant_get_string (value, NULL));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT64))
        sqlite3_bind_int64 (stmt, index, g_variant_get_int64 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_INT32))
        sqlite3_bind_int (stmt, index, g_variant_get_int32 (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_DOUBLE))
        sqlite3_bind_double (stmt, index, g_variant_get_double (value));
      else if (g_variant_is_of_type (value, G_VARIANT_TYPE_BOOLEAN))
        sqlite3_bind_int (stmt, index, g_variant_get_boolean (value) ? 1 : 0);
      else
        g_critical ("dlg_record_list: parameter ?%d has type %s, which cannot be bound", index,
                    g_variant_get_type_string (value));
      index++;
    }
}

static GListModel *
collect (DlgStore      *store,
         GType          type,
         sqlite3_stmt  *stmt,
         GError       **error)
{
  g_autoptr(GListStore) list = g_list_store_new (type);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_autoptr(DlgRecord) item = from_row (type, stmt);

      g_list_store_append (list, item);
    }
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return NULL;
    }
  return G_LIST_MODEL (g_steal_pointer (&list));
}

/* The SQL of a list: built once per type and @where (a constant of the type file). */
static const char *
list_sql (RecordType *data,
          gboolean    by_process,
          const char *where)
{
  const DlgRecordInfo *info = data->info;
  GHashTable *cache = by_process ? data->lists : data->queries;
  gconstpointer key = where != NULL ? (gconstpointer) where : (gconstpointer) data;
  const char *sql;

  g_mutex_lock (&data->lock);
  sql = g_hash_table_lookup (cache, key);
  if (sql == NULL)
    {
      g_autoptr(GString) s = g_string_new (data->sql_select);

      if (info->list_join != NULL)
        g_string_append_printf (s, " %s", info->list_join);
      if (by_process)
        g_string_append_printf (s, " WHERE %s = ?1",
                                info->process_column != NULL ? info->process_column
                                                             : "t.process_id");
      if (where != NULL)
        g_string_append_printf (s, by_process ? " AND (%s)" : " WHERE %s", where);
      if (info->order_by != NULL)
        g_string_append_printf (s, " ORDER BY %s", info->order_by);
      sql = g_string_free (g_steal_pointer (&s), FALSE);
      g_hash_table_insert (cache, (gpointer) key, (gpointer) sql);
    }
  g_mutex_unlock (&data->lock);
  return sql;
}

/* Steps @stmt for one row: the record of @type, or NULL (with @error set only on failure). */
static gpointer
step_row (DlgStore      *store,
          GType          type,
          sqlite3_stmt  *stmt,
          GError       **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_ROW)
    return from_row (type, stmt);
  if (rc != SQLITE_DONE)
    dlg_store_set_error (store, rc, error);
  return NULL;
}

static gpointer
load_with (DlgStore     *store,
           GType         type,
           const char   *sql,
           gint64        id,
           const char   *uuid,
           GError      **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  GError *local = NULL;
  gpointer record;

  if (!(stmt = dlg_store_prepare (store, sql, error)))
    return NULL;
  if (uuid != NULL)
    dlg_stmt_bind_text (stmt, 1, uuid);
  else
    sqlite3_bind_int64 (stmt, 1, id);
  if ((record = step_row (store, type, stmt, &local)) == NULL && local == NULL)
    g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                         _(record_type_get (type)->info->not_found));
  else if (local != NULL)
    g_propagate_error (error, local);
  return record;
}

/* The stored row of @self's key (a keyed type), or its blank with *@stored FALSE; NULL on
 * failure. */
static gpointer
load_key_of (DlgRecord  *self,
             DlgStore   *store,
             gboolean   *stored,
             GError    **error)
{
  RecordType *data = RECORD_TYPE (self);
  g_autoptr(DlgStmt) stmt = NULL;
  GError *local = NULL;
  gpointer record;

  if (!(stmt = dlg_store_prepare (store, data->sql_load, error)))
    return NULL;
  bind_key (self, stmt);
  record = step_row (store, G_OBJECT_TYPE (self), stmt, &local);
  if (local != NULL)
    {
      g_propagate_error (error, local);
      return NULL;
    }
  *stored = record != NULL;
  return record != NULL ? record : blank_of (self);
}

static gboolean
check_editable (DlgRecord  *self,
                DlgStore   *store,
                gint64      process_id,
                GError    **error)
{
  DlgRecordClass *klass = DLG_RECORD_GET_CLASS (self);
  const char *stage_id = RECORD_TYPE (self)->info->stage;
  DlgStage stage;

  if (klass->check_editable != NULL)
    return klass->check_editable (self, store, process_id, error);
  if (stage_id == NULL)
    return dlg_process_check_editable (store, process_id, error);
  if (!dlg_stage_from_id (stage_id, &stage))
    g_assert_not_reached ();
  return dlg_stage_check_editable (store, process_id, stage, error);
}

static gboolean
validate (DlgRecord  *self,
          DlgStore   *store,
          gint64      process_id,
          GError    **error)
{
  DlgRecordClass *klass = DLG_RECORD_GET_CLASS (self);

  if (!validate_fields (self, error))
    return FALSE;
  return klass->validate == NULL || klass->validate (self, store, process_id, error);
}

static char *
describe (DlgRecord       *self,
          DlgStore        *store,
          DlgRecordChange  change)
{
  DlgRecordClass *klass = DLG_RECORD_GET_CLASS (self);

  return klass->describe != NULL ? klass->describe (self, store, change) : NULL;
}

static const char *
journal_stage (DlgRecord *self)
{
  DlgRecordClass *klass = DLG_RECORD_GET_CLASS (self);

  return klass->get_stage != NULL ? klass->get_stage (self) : RECORD_TYPE (self)->info->stage;
}

static const char *
journal_field_value (DlgRecord *self)
{
  const char *property = RECORD_TYPE (self)->info->journal_field;

  return property != NULL ? dlg_record_get_string (self, property) : NULL;
}

static gboolean
same_value (DlgRecord      *a,
            DlgRecord      *b,
            const DlgField *field)
{
  if (field_is_string (field))
    return g_strcmp0 (*FIELD_PTR (a, field, char *), *FIELD_PTR (b, field, char *)) == 0;
  return same_double (field_get_number (a, field), field_get_number (b, field));
}

/* The entries of the fields with an action of their own that differ from @before to @after. */
static gboolean
journal_field_actions (DlgStore   *store,
                       gint64      process_id,
                       DlgRecord  *before,
                       DlgRecord  *after,
                       const char *object_id,
                       GError    **error)
{
  const DlgRecordInfo *info = RECORD_TYPE (after)->info;

  for (guint i = 0; i < info->n_fields; i++)
    {
      const DlgField *field = &info->fields[i];
      const char *action = field->journal_action;
      g_autofree char *summary = NULL;

      if (action == NULL || same_value (before, after, field))
        continue;
      if (field->kind == DLG_FIELD_BOOLEAN && !*FIELD_PTR (after, field, gboolean))
        action = field->journal_action_off;
      if (action == NULL)
        continue;
      summary = DLG_RECORD_GET_CLASS (after)->describe_field (after, store, field);
      if (!dlg_journal_append_full (store, process_id, action, info->name, object_id,
                                    journal_stage (after), NULL, NULL, NULL, summary, error))
        return FALSE;
    }
  return TRUE;
}

/* A keyed record being deleted goes back to its blank: the entries of its field actions. */
static gboolean
journal_erased_fields (DlgRecord   *self,
                       DlgStore    *store,
                       gint64       process_id,
                       const char  *object_id,
                       GError     **error)
{
  g_autoptr(DlgRecord) row = NULL;
  g_autoptr(DlgRecord) blank = blank_of (self);
  gboolean stored;

  if (!(row = load_key_of (self, store, &stored, error)))
    return FALSE;
  return journal_field_actions (store, process_id, row, blank, object_id, error);
}

static gboolean
hook (gboolean       (*func) (DlgRecord *, DlgStore *, gint64, DlgRecordChange, GError **),
      DlgRecord       *self,
      DlgStore        *store,
      gint64           process_id,
      DlgRecordChange  change,
      GError         **error)
{
  return func == NULL || func (self, store, process_id, change, error);
}

/* Announces every property, after a save re-read the row. */
static void
notify_all (DlgRecord *self)
{
  RecordType *data = RECORD_TYPE (self);

  g_object_freeze_notify (G_OBJECT (self));
  for (guint i = 1; i < N_PROPS; i++)
    g_object_notify_by_pspec (G_OBJECT (self), properties[i]);
  for (guint i = 0; i < data->info->n_fields; i++)
    g_object_notify_by_pspec (G_OBJECT (self), data->pspecs[i]);
  g_object_thaw_notify (G_OBJECT (self));
}

static void
field_get_property (GObject    *object,
                    guint       prop_id,
                    GValue     *value,
                    GParamSpec *pspec)
{
  DlgRecord *self = DLG_RECORD (object);
  const DlgRecordInfo *info = RECORD_TYPE (self)->info;
  const DlgField *field;

  if (prop_id == 0 || prop_id > info->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = &info->fields[prop_id - 1];
  switch (field->kind)
    {
    case DLG_FIELD_STRING:
    case DLG_FIELD_TEXT:
    case DLG_FIELD_DATE:
    case DLG_FIELD_ENUM:
      g_value_set_string (value, *FIELD_PTR (self, field, char *));
      break;
    case DLG_FIELD_INT64:
      g_value_set_int64 (value, *FIELD_PTR (self, field, gint64));
      break;
    case DLG_FIELD_INT:
      g_value_set_int (value, *FIELD_PTR (self, field, int));
      break;
    case DLG_FIELD_DOUBLE:
      g_value_set_double (value, *FIELD_PTR (self, field, double));
      break;
    case DLG_FIELD_BOOLEAN:
      g_value_set_boolean (value, *FIELD_PTR (self, field, gboolean));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
field_set_property (GObject      *object,
                    guint         prop_id,
                    const GValue *value,
                    GParamSpec   *pspec)
{
  DlgRecord *self = DLG_RECORD (object);
  const DlgRecordInfo *info = RECORD_TYPE (self)->info;
  const DlgField *field;

  if (prop_id == 0 || prop_id > info->n_fields)
    {
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
      return;
    }
  field = &info->fields[prop_id - 1];
  switch (field->kind)
    {
    case DLG_FIELD_STRING:
    case DLG_FIELD_TEXT:
    case DLG_FIELD_DATE:
    case DLG_FIELD_ENUM:
      set_string_member (self, field, prop_id - 1, g_value_get_string (value));
      break;
    case DLG_FIELD_INT64:
      set_number_member (self, field, prop_id - 1, 0, g_value_get_int64 (value));
      break;
    case DLG_FIELD_INT:
      set_number_member (self, field, prop_id - 1, 0, g_value_get_int (value));
      break;
    case DLG_FIELD_DOUBLE:
      set_number_member (self, field, prop_id - 1, g_value_get_double (value), 0);
      break;
    case DLG_FIELD_BOOLEAN:
      set_number_member (self, field, prop_id - 1, 0, g_value_get_boolean (value));
      break;
    default:
      g_assert_not_reached ();
    }
}

static void
dlg_record_emit_changed_real (DlgRecord       *self,
                              DlgStore        *store,
                              gint64           process_id,
                              DlgRecordChange  change)
{
  dlg_store_emit_changed (store, G_OBJECT_TYPE (self), process_id);
}

static void
dlg_record_constructed (GObject *object)
{
  DlgRecord *self = DLG_RECORD (object);
  const DlgRecordInfo *info = RECORD_TYPE (self)->info;

  G_OBJECT_CLASS (dlg_record_parent_class)->constructed (object);

  for (guint i = 0; i < info->n_fields; i++)
    {
      const DlgField *field = &info->fields[i];

      switch (field->kind)
        {
        case DLG_FIELD_STRING:
        case DLG_FIELD_TEXT:
        case DLG_FIELD_DATE:
        case DLG_FIELD_ENUM:
          if (field->default_string != NULL)
            *FIELD_PTR (self, field, char *) = g_strdup (field->default_string);
          else if ((field->flags & DLG_FIELD_NULLABLE) == 0)
            *FIELD_PTR (self, field, char *) = g_strdup ("");
          break;
        case DLG_FIELD_INT64:
        case DLG_FIELD_INT:
        case DLG_FIELD_DOUBLE:
        case DLG_FIELD_BOOLEAN:
        default:
          store_number (self, field, field->default_number, default_integer (field));
          break;
        }
    }
}

static void
dlg_record_finalize (GObject *object)
{
  DlgRecord *self = DLG_RECORD (object);
  DlgRecordPrivate *priv = dlg_record_get_instance_private (self);
  const DlgRecordInfo *info = RECORD_TYPE (self)->info;

  for (guint i = 0; i < info->n_fields; i++)
    if (field_is_string (&info->fields[i]))
      g_clear_pointer (FIELD_PTR (self, &info->fields[i], char *), g_free);
  g_free (priv->uuid);

  G_OBJECT_CLASS (dlg_record_parent_class)->finalize (object);
}

static void
dlg_record_get_property (GObject    *object,
                         guint       prop_id,
                         GValue     *value,
                         GParamSpec *pspec)
{
  DlgRecordPrivate *priv = dlg_record_get_instance_private (DLG_RECORD (object));

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_int64 (value, priv->id);
      break;
    case PROP_UUID:
      g_value_set_string (value, priv->uuid);
      break;
    case PROP_PROCESS_ID:
      g_value_set_int64 (value, priv->process_id);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_record_class_init (DlgRecordClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags ro = G_PARAM_READABLE | G_PARAM_STATIC_STRINGS;

  object_class->constructed = dlg_record_constructed;
  object_class->finalize = dlg_record_finalize;
  object_class->get_property = dlg_record_get_property;
  klass->emit_changed = dlg_record_emit_changed_real;

  properties[PROP_ID] = g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  properties[PROP_UUID] = g_param_spec_string ("uuid", NULL, NULL, NULL, ro);
  properties[PROP_PROCESS_ID] =
    g_param_spec_int64 ("process-id", NULL, NULL, 0, G_MAXINT64, 0, ro);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_record_init (DlgRecord *self)
{
}

/**
 * dlg_record_class_set_info:
 * @info: the type's table, static
 *
 * Called from a record type's class_init: installs a property per field and builds the type's
 * SQL from @info.
 */
void
dlg_record_class_set_info (DlgRecordClass      *klass,
                           const DlgRecordInfo *info)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  RecordType *data;
  guint n_journaled = 0;

  g_return_if_fail (DLG_IS_RECORD_CLASS (klass));
  g_return_if_fail (info != NULL && info->table != NULL && info->not_found != NULL);
  g_return_if_fail ((info->process_sql == NULL) == (info->parent_field == NULL));

  klass->info = info;
  object_class->get_property = field_get_property;
  object_class->set_property = field_set_property;

  data = g_new0 (RecordType, 1);
  data->info = info;
  data->pspecs = g_new0 (GParamSpec *, info->n_fields);
  data->journaled = g_new0 (const char *, info->n_fields + 1);
  g_mutex_init (&data->lock);
  data->lists = g_hash_table_new (NULL, NULL);
  data->queries = g_hash_table_new (NULL, NULL);
  for (guint i = 0; i < info->n_fields; i++)
    {
      const DlgField *field = &info->fields[i];

      g_assert (field->kind != DLG_FIELD_ENUM || field->vocabulary != NULL);
      data->pspecs[i] = field_pspec (field);
      g_object_class_install_property (object_class, i + 1, data->pspecs[i]);
      if (field->flags & DLG_FIELD_JOURNALED)
        data->journaled[n_journaled++] = field->property;
      if (field->journal_action != NULL)
        data->field_actions = TRUE;
    }
  g_assert (!data->field_actions || klass->describe_field != NULL);
  if (info->key_field != NULL)
    {
      data->key = find_field (info, info->key_field, NULL);
      g_assert (data->key != NULL && (data->key->flags & DLG_FIELD_READ_ONLY));
      g_assert (field_is_string (data->key) || data->key->kind == DLG_FIELD_INT64);
      g_assert ((info->flags & DLG_RECORD_NO_UUID) && info->id_column == NULL);
      g_assert (info->process_sql == NULL || g_str_equal (info->key_field, info->parent_field));
    }
  build_sql (data);
  g_type_set_qdata (G_TYPE_FROM_CLASS (klass), record_type_quark (), data);
}

const DlgRecordInfo *
dlg_record_class_get_info (DlgRecordClass *klass)
{
  g_return_val_if_fail (DLG_IS_RECORD_CLASS (klass), NULL);

  return klass->info;
}

/**
 * dlg_record_class_find_field:
 *
 * Returns: (nullable): the field whose property is @property
 */
const DlgField *
dlg_record_class_find_field (DlgRecordClass *klass,
                             const char     *property)
{
  g_return_val_if_fail (DLG_IS_RECORD_CLASS (klass), NULL);
  g_return_val_if_fail (klass->info != NULL, NULL);

  return find_field (klass->info, property, NULL);
}

/**
 * dlg_record_type_get_info:
 * @type: a subtype of #DlgRecord
 *
 * Returns: the table of @type
 */
const DlgRecordInfo *
dlg_record_type_get_info (GType type)
{
  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), NULL);

  return record_type_get (type)->info;
}

gint64
dlg_record_get_id (DlgRecord *self)
{
  g_return_val_if_fail (DLG_IS_RECORD (self), 0);

  return ((DlgRecordPrivate *) dlg_record_get_instance_private (self))->id;
}

const char *
dlg_record_get_uuid (DlgRecord *self)
{
  g_return_val_if_fail (DLG_IS_RECORD (self), NULL);

  return ((DlgRecordPrivate *) dlg_record_get_instance_private (self))->uuid;
}

gint64
dlg_record_get_process_id (DlgRecord *self)
{
  g_return_val_if_fail (DLG_IS_RECORD (self), 0);

  return ((DlgRecordPrivate *) dlg_record_get_instance_private (self))->process_id;
}

const char *
dlg_record_get_string (DlgRecord  *self,
                       const char *property)
{
  const DlgField *field;

  g_return_val_if_fail (DLG_IS_RECORD (self), NULL);

  if (!(field = lookup_field (self, property, NULL)))
    return NULL;
  g_return_val_if_fail (field_is_string (field), NULL);
  return *FIELD_PTR (self, field, char *);
}

void
dlg_record_set_string (DlgRecord  *self,
                       const char *property,
                       const char *value)
{
  const DlgField *field;
  guint index;

  g_return_if_fail (DLG_IS_RECORD (self));

  if (!(field = lookup_field (self, property, &index)))
    return;
  g_return_if_fail (field_is_string (field));
  set_string_member (self, field, index, value);
}

gint64
dlg_record_get_int64 (DlgRecord  *self,
                      const char *property)
{
  const DlgField *field;

  g_return_val_if_fail (DLG_IS_RECORD (self), 0);

  if (!(field = lookup_field (self, property, NULL)))
    return 0;
  g_return_val_if_fail (field->kind == DLG_FIELD_INT64 || field->kind == DLG_FIELD_INT, 0);
  if (field->kind == DLG_FIELD_INT)
    return *FIELD_PTR (self, field, int);
  return *FIELD_PTR (self, field, gint64);
}

void
dlg_record_set_int64 (DlgRecord  *self,
                      const char *property,
                      gint64      value)
{
  const DlgField *field;
  guint index;

  g_return_if_fail (DLG_IS_RECORD (self));

  if (!(field = lookup_field (self, property, &index)))
    return;
  g_return_if_fail (field->kind == DLG_FIELD_INT64 || field->kind == DLG_FIELD_INT);
  set_number_member (self, field, index, 0, value);
}

double
dlg_record_get_double (DlgRecord  *self,
                       const char *property)
{
  const DlgField *field;

  g_return_val_if_fail (DLG_IS_RECORD (self), 0);

  if (!(field = lookup_field (self, property, NULL)))
    return 0;
  g_return_val_if_fail (field->kind == DLG_FIELD_DOUBLE, 0);
  return *FIELD_PTR (self, field, double);
}

void
dlg_record_set_double (DlgRecord  *self,
                       const char *property,
                       double      value)
{
  const DlgField *field;
  guint index;

  g_return_if_fail (DLG_IS_RECORD (self));

  if (!(field = lookup_field (self, property, &index)))
    return;
  g_return_if_fail (field->kind == DLG_FIELD_DOUBLE);
  set_number_member (self, field, index, value, 0);
}

gboolean
dlg_record_get_boolean (DlgRecord  *self,
                        const char *property)
{
  const DlgField *field;

  g_return_val_if_fail (DLG_IS_RECORD (self), FALSE);

  if (!(field = lookup_field (self, property, NULL)))
    return FALSE;
  g_return_val_if_fail (field->kind == DLG_FIELD_BOOLEAN, FALSE);
  return *FIELD_PTR (self, field, gboolean);
}

void
dlg_record_set_boolean (DlgRecord  *self,
                        const char *property,
                        gboolean    value)
{
  const DlgField *field;
  guint index;

  g_return_if_fail (DLG_IS_RECORD (self));

  if (!(field = lookup_field (self, property, &index)))
    return;
  g_return_if_fail (field->kind == DLG_FIELD_BOOLEAN);
  set_number_member (self, field, index, 0, value);
}

/**
 * dlg_record_new:
 * @type: a subtype of #DlgRecord
 *
 * Returns: (transfer full) (type DlgRecord): a new, unsaved record with the table's defaults
 */
gpointer
dlg_record_new (GType  type,
                gint64 process_id)
{
  DlgRecord *self;

  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), NULL);

  self = g_object_new (type, NULL);
  ((DlgRecordPrivate *) dlg_record_get_instance_private (self))->process_id = process_id;
  return self;
}

/**
 * dlg_record_resolve_process:
 *
 * Returns: the process of @self (through its parent when the table has no process_id), or 0
 *   with %DLG_ERROR_NOT_FOUND
 */
gint64
dlg_record_resolve_process (DlgRecord  *self,
                            DlgStore   *store,
                            GError    **error)
{
  DlgRecordPrivate *priv = dlg_record_get_instance_private (self);
  const DlgRecordInfo *info;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_RECORD (self), 0);
  g_return_val_if_fail (DLG_IS_STORE (store), 0);

  info = RECORD_TYPE (self)->info;
  if (info->process_sql == NULL)
    return dlg_lookup_process (store, sql_process_exists, priv->process_id,
                               _("The process does not exist."), error);
  process_id = dlg_lookup_process (store, info->process_sql,
                                   dlg_record_get_int64 (self, info->parent_field),
                                   _(info->parent_missing), error);
  if (process_id != 0)
    priv->process_id = process_id;
  return process_id;
}

/**
 * dlg_record_save:
 *
 * Validates @self (the table's checks, then the type's), checks the stage rule, and writes it:
 * INSERT when its id is 0 (its id and uuid are filled in), UPDATE otherwise, in one transaction
 * with its journal entry. On success the object holds the saved row and notifies.
 */
gboolean
dlg_record_save (DlgRecord  *self,
                 DlgStore   *store,
                 GError    **error)
{
  DlgRecordPrivate *priv = dlg_record_get_instance_private (self);
  DlgRecordClass *klass;
  RecordType *data;
  const DlgRecordInfo *info;
  g_autoptr(DlgRecord) before = NULL;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autoptr(DlgStmt) reload = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *object_id = NULL;
  DlgRecordChange change;
  gboolean inserting;
  gboolean keyed;
  gint64 process_id;
  int index = 1;

  g_return_val_if_fail (DLG_IS_RECORD (self), FALSE);
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  klass = DLG_RECORD_GET_CLASS (self);
  data = RECORD_TYPE (self);
  info = data->info;

  if (!(process_id = dlg_record_resolve_process (self, store, error)))
    return FALSE;
  if (info->flags & DLG_RECORD_EDITABLE_FIRST)
    {
      if (!check_editable (self, store, process_id, error)
          || !validate (self, store, process_id, error))
        return FALSE;
    }
  else if (!validate (self, store, process_id, error)
           || !check_editable (self, store, process_id, error))
    return FALSE;

  keyed = data->key != NULL;
  inserting = priv->id == 0;
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (keyed)
    {
      /* A keyed record is created when its key has no row yet: then it changes its blank. */
      gboolean stored = FALSE;

      if (!(before = load_key_of (self, store, &stored, error)))
        goto fail_keyed;
      inserting = !stored;
    }
  else if (!inserting
           && ((info->journal_update != NULL && data->journaled[0] != NULL) || data->field_actions))
    before = dlg_record_load (store, G_OBJECT_TYPE (self), priv->id, NULL);
  change = inserting ? DLG_RECORD_CREATE : DLG_RECORD_UPDATE;
  if (inserting && (info->flags & DLG_RECORD_NO_UUID) == 0)
    {
      g_free (priv->uuid);
      priv->uuid = dlg_uuid_new ();
    }
  if (!hook (klass->before_write, self, store, process_id, change, error))
    goto fail;

  if (inserting || keyed)
    {
      if (!(stmt = dlg_store_prepare (store, data->sql_insert, error)))
        goto fail;
      if ((info->flags & DLG_RECORD_NO_UUID) == 0)
        dlg_stmt_bind_text (stmt, index++, priv->uuid);
      if (info->process_sql == NULL)
        sqlite3_bind_int64 (stmt, index++, priv->process_id);
      for (guint i = 0; i < info->n_fields; i++)
        if (field_is_inserted (&info->fields[i]))
          bind_field (self, &info->fields[i], stmt, index++);
    }
  else if (data->sql_update != NULL)
    {
      if (!(stmt = dlg_store_prepare (store, data->sql_update, error)))
        goto fail;
      sqlite3_bind_int64 (stmt, index++, priv->id);
      for (guint i = 0; i < info->n_fields; i++)
        if (field_is_updated (info, &info->fields[i]))
          bind_field (self, &info->fields[i], stmt, index++);
    }
  if (stmt != NULL && !dlg_store_step_done (store, stmt, error))
    goto fail;
  if (inserting && !keyed)
    priv->id = sqlite3_last_insert_rowid (dlg_store_get_db (store));
  else if (!keyed && stmt != NULL && sqlite3_changes (dlg_store_get_db (store)) == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND,
                           _("This item was deleted meanwhile: nothing was saved."));
      goto fail;
    }
  if (!hook (klass->after_write, self, store, process_id, change, error))
    goto fail;

  object_id = dup_object_id (self);
  if (before != NULL && data->field_actions
      && !journal_field_actions (store, process_id, before, self, object_id, error))
    goto fail;
  if (inserting && info->journal_create != NULL)
    {
      summary = describe (self, store, change);
      if (!dlg_journal_append_full (store, process_id, info->journal_create, info->name,
                                    object_id, journal_stage (self), info->journal_field, NULL,
                                    journal_field_value (self), summary, error))
        goto fail;
    }
  else if (before != NULL && info->journal_update != NULL && data->journaled[0] != NULL)
    {
      summary = describe (self, store, change);
      if (!dlg_journal_note_changes (store, process_id, info->journal_update, info->name,
                                     object_id, journal_stage (self), G_OBJECT (before),
                                     G_OBJECT (self), data->journaled, summary, error))
        goto fail;
    }

  if (!(reload = dlg_store_prepare (store, data->sql_load, error)))
    goto fail;
  if (keyed)
    bind_key (self, reload);
  else
    sqlite3_bind_int64 (reload, 1, priv->id);
  if (sqlite3_step (reload) != SQLITE_ROW)
    {
      dlg_store_set_error (store, sqlite3_errcode (dlg_store_get_db (store)), error);
      goto fail;
    }
  read_row (self, reload);
  if (!dlg_store_commit (store, error))
    goto fail_committed;
  notify_all (self);
  klass->emit_changed (self, store, process_id, change);
  return TRUE;

fail:
  dlg_store_rollback (store);
fail_committed:
  if (inserting && !keyed)
    {
      priv->id = 0;
      g_clear_pointer (&priv->uuid, g_free);
    }
  return FALSE;

fail_keyed:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_record_load:
 * @type: a subtype of #DlgRecord
 *
 * Returns: (transfer full) (type DlgRecord): the record, or %NULL with %DLG_ERROR_NOT_FOUND
 */
gpointer
dlg_record_load (DlgStore  *store,
                 GType      type,
                 gint64     id,
                 GError   **error)
{
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), NULL);
  g_return_val_if_fail (record_type_get (type)->key == NULL, NULL);

  return load_with (store, type, record_type_get (type)->sql_load, id, NULL, error);
}

/**
 * dlg_record_find_by_uuid:
 * @type: a subtype of #DlgRecord
 *
 * Returns: (transfer full) (type DlgRecord): the record, or %NULL with %DLG_ERROR_NOT_FOUND
 */
gpointer
dlg_record_find_by_uuid (DlgStore    *store,
                         GType        type,
                         const char  *uuid,
                         GError     **error)
{
  RecordType *data;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  data = record_type_get (type);
  if (data->info->flags & DLG_RECORD_NO_UUID)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, _(data->info->not_found));
      return NULL;
    }
  return load_with (store, type, data->sql_find_uuid, 0, uuid, error);
}

/**
 * dlg_record_list:
 * @type: a subtype of #DlgRecord
 * @where: (nullable): a condition on the columns of t (the type's table), a constant
 * @params: (nullable): a tuple bound from ?2 on; a maybe type binds NULL when empty
 *
 * Returns: (transfer full): a #GListModel of @type, in the type's order
 */
GListModel *
dlg_record_list (DlgStore    *store,
                 GType        type,
                 gint64       process_id,
                 const char  *where,
                 GVariant    *params,
                 GError     **error)
{
  g_autoptr(GVariant) owned = params != NULL ? g_variant_ref_sink (params) : NULL;
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), NULL);

  if (!(stmt = dlg_store_prepare (store, list_sql (record_type_get (type), TRUE, where), error)))
    return NULL;
  sqlite3_bind_int64 (stmt, 1, process_id);
  bind_params (stmt, 2, owned);
  return collect (store, type, stmt, error);
}

/**
 * dlg_record_query:
 * @type: a subtype of #DlgRecord
 * @where: a condition on the columns of t (the type's table), a constant of the type file
 * @params: (nullable): a tuple bound from ?1 on
 *
 * Like dlg_record_list() for records that are not listed by process (the updates of one
 * commitment…).
 *
 * Returns: (transfer full): a #GListModel of @type, in the type's order
 */
GListModel *
dlg_record_query (DlgStore    *store,
                  GType        type,
                  const char  *where,
                  GVariant    *params,
                  GError     **error)
{
  g_autoptr(GVariant) owned = params != NULL ? g_variant_ref_sink (params) : NULL;
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), NULL);
  g_return_val_if_fail (where != NULL, NULL);

  if (!(stmt = dlg_store_prepare (store, list_sql (record_type_get (type), FALSE, where),
                                  error)))
    return NULL;
  bind_params (stmt, 1, owned);
  return collect (store, type, stmt, error);
}

/**
 * dlg_record_query_first:
 *
 * Returns: (transfer full) (nullable) (type DlgRecord): the first record of
 *   dlg_record_query(), or %NULL (with no error when there is none)
 */
gpointer
dlg_record_query_first (DlgStore    *store,
                        GType        type,
                        const char  *where,
                        GVariant    *params,
                        GError     **error)
{
  g_autoptr(GListModel) list = dlg_record_query (store, type, where, params, error);

  if (list == NULL || g_list_model_get_n_items (list) == 0)
    return NULL;
  return g_list_model_get_item (list, 0);
}

/**
 * dlg_record_delete_record:
 *
 * Deletes @self, a loaded record: the stage rule, then one transaction with the journal entry.
 */
gboolean
dlg_record_delete_record (DlgRecord  *self,
                          DlgStore   *store,
                          GError    **error)
{
  DlgRecordPrivate *priv = dlg_record_get_instance_private (self);
  DlgRecordClass *klass;
  const DlgRecordInfo *info;
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *object_id = NULL;
  gint64 process_id;

  g_return_val_if_fail (DLG_IS_RECORD (self), FALSE);
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  klass = DLG_RECORD_GET_CLASS (self);
  info = RECORD_TYPE (self)->info;
  if (!(process_id = dlg_record_resolve_process (self, store, error)))
    return FALSE;
  if ((info->flags & DLG_RECORD_ERASABLE) == 0 && !check_editable (self, store, process_id, error))
    return FALSE;
  object_id = dup_object_id (self);
  if (!dlg_store_begin (store, error))
    return FALSE;
  if (!hook (klass->before_write, self, store, process_id, DLG_RECORD_DELETE, error))
    goto fail;
  if (RECORD_TYPE (self)->key != NULL && RECORD_TYPE (self)->field_actions
      && !journal_erased_fields (self, store, process_id, object_id, error))
    goto fail;
  if (info->journal_delete != NULL)
    {
      summary = describe (self, store, DLG_RECORD_DELETE);
      if (!dlg_journal_append_full (store, process_id, info->journal_delete, info->name,
                                    object_id, journal_stage (self), info->journal_field,
                                    journal_field_value (self), NULL, summary, error))
        goto fail;
    }
  if (!(stmt = dlg_store_prepare (store, RECORD_TYPE (self)->sql_delete, error)))
    goto fail;
  if (RECORD_TYPE (self)->key != NULL)
    bind_key (self, stmt);
  else
    sqlite3_bind_int64 (stmt, 1, priv->id);
  if (!dlg_store_step_done (store, stmt, error))
    goto fail;
  if (!hook (klass->after_write, self, store, process_id, DLG_RECORD_DELETE, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return FALSE;
  klass->emit_changed (self, store, process_id, DLG_RECORD_DELETE);
  return TRUE;

fail:
  dlg_store_rollback (store);
  return FALSE;
}

/**
 * dlg_record_delete:
 * @type: a subtype of #DlgRecord
 *
 * Loads the record @id of @type and deletes it (dlg_record_delete_record()).
 */
gboolean
dlg_record_delete (DlgStore  *store,
                   GType      type,
                   gint64     id,
                   GError   **error)
{
  g_autoptr(DlgRecord) self = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), FALSE);
  g_return_val_if_fail (record_type_get (type)->key == NULL, FALSE);

  if (!(self = dlg_record_load (store, type, id, error)))
    return FALSE;
  return dlg_record_delete_record (self, store, error);
}

/* The key of a keyed type as a GVariant: a string, or an int64. */
static gboolean
key_is_valid (RecordType *data,
              GVariant   *key)
{
  return data->key != NULL
         && g_variant_is_of_type (key, field_is_string (data->key) ? G_VARIANT_TYPE_STRING
                                                                   : G_VARIANT_TYPE_INT64);
}

/**
 * dlg_record_new_for_key:
 * @type: a keyed subtype of #DlgRecord (#DlgRecordInfo.key_field)
 * @process_id: the process (ignored when the key is the parent)
 * @key: the key: a string, or an int64 (a floating reference is sunk)
 *
 * Returns: (transfer full) (type DlgRecord): the blank record of @key, not stored: the table's
 *   defaults, the key, then the type's #DlgRecordInfo.init_blank
 */
gpointer
dlg_record_new_for_key (GType     type,
                        gint64    process_id,
                        GVariant *key)
{
  g_autoptr(GVariant) owned = NULL;
  RecordType *data;

  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), NULL);
  g_return_val_if_fail (key != NULL, NULL);

  owned = g_variant_ref_sink (key);
  data = record_type_get (type);
  g_return_val_if_fail (key_is_valid (data, owned), NULL);
  if (field_is_string (data->key))
    return blank_new (type, process_id, g_variant_get_string (owned, NULL), 0);
  return blank_new (type, process_id, NULL, g_variant_get_int64 (owned));
}

/**
 * dlg_record_load_by_key:
 * @type: a keyed subtype of #DlgRecord (#DlgRecordInfo.key_field)
 * @process_id: the process (ignored when the key is the parent)
 * @key: the key: a string, or an int64 (a floating reference is sunk)
 *
 * Returns: (transfer full) (type DlgRecord): the stored record of @key, or its blank
 *   (dlg_record_new_for_key()) when none is stored; %NULL with %DLG_ERROR_NOT_FOUND when the
 *   process, or the parent the key names, does not exist
 */
gpointer
dlg_record_load_by_key (DlgStore  *store,
                        GType      type,
                        gint64     process_id,
                        GVariant  *key,
                        GError   **error)
{
  g_autoptr(DlgRecord) blank = NULL;
  gboolean stored;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  if (!(blank = dlg_record_new_for_key (type, process_id, key)))
    return NULL;
  if (!dlg_record_resolve_process (blank, store, error))
    return NULL;
  return load_key_of (blank, store, &stored, error);
}

/**
 * dlg_record_type_get_select:
 *
 * Returns: the SELECT of @type, without a WHERE clause
 */
const char *
dlg_record_type_get_select (GType type)
{
  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), NULL);

  return record_type_get (type)->sql_select;
}

/**
 * dlg_record_new_from_stmt:
 * @stmt: a statement on a row whose first columns are those of the type's SELECT
 *
 * Returns: (transfer full) (type DlgRecord): the record of that row
 */
gpointer
dlg_record_new_from_stmt (GType         type,
                          sqlite3_stmt *stmt)
{
  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), NULL);

  return from_row (type, stmt);
}

/**
 * dlg_record_validate:
 *
 * Runs the checks of the field table, then the type's own (#DlgRecordClass.validate).
 */
gboolean
dlg_record_validate (DlgRecord  *self,
                     DlgStore   *store,
                     gint64      process_id,
                     GError    **error)
{
  g_return_val_if_fail (DLG_IS_RECORD (self), FALSE);
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  return validate (self, store, process_id, error);
}

/**
 * dlg_record_check_fields:
 *
 * Runs the checks of the field table alone, which need no store.
 */
gboolean
dlg_record_check_fields (DlgRecord  *self,
                         GError    **error)
{
  g_return_val_if_fail (DLG_IS_RECORD (self), FALSE);

  return validate_fields (self, error);
}

void
dlg_record_set_uuid (DlgRecord  *self,
                     const char *uuid)
{
  DlgRecordPrivate *priv;

  g_return_if_fail (DLG_IS_RECORD (self));

  priv = dlg_record_get_instance_private (self);
  g_free (priv->uuid);
  priv->uuid = g_strdup (uuid);
}

/* The row writes of the batch path (dlg-record-private.h): the row as the object holds it,
 * with no checks, hooks, journal or transaction of their own. A field's column is written
 * unless it is an SQL expression (a joined column), SELECT_ONLY ones included. */

static gboolean
field_is_stored (const DlgField *field)
{
  return (field->flags & DLG_FIELD_SELECT_ONLY) == 0 || !column_is_expression (field);
}

/* The INSERT of every stored field: [uuid,] [process_id,] then those fields in table order. */
static const char *
insert_row_sql (RecordType *data)
{
  const DlgRecordInfo *info = data->info;

  g_mutex_lock (&data->lock);
  if (data->sql_insert_row == NULL)
    {
      g_autoptr(GString) sql = g_string_new (NULL);
      g_autoptr(GString) values = g_string_new (NULL);
      int n = 0;

      g_string_append_printf (sql, "INSERT INTO %s (", info->table);
      if ((info->flags & DLG_RECORD_NO_UUID) == 0)
        g_string_append_printf (sql, "%suuid", n++ ? ", " : "");
      if (info->process_sql == NULL)
        g_string_append_printf (sql, "%sprocess_id", n++ ? ", " : "");
      for (guint i = 0; i < info->n_fields; i++)
        if (field_is_stored (&info->fields[i]))
          g_string_append_printf (sql, "%s%s", n++ ? ", " : "", info->fields[i].column);
      for (int i = 1; i <= n; i++)
        g_string_append_printf (values, "%s?%d", i > 1 ? ", " : "", i);
      g_string_append_printf (sql, ") VALUES (%s)", values->str);
      data->sql_insert_row = g_string_free (g_steal_pointer (&sql), FALSE);
    }
  g_mutex_unlock (&data->lock);
  return data->sql_insert_row;
}

/* A partial UPDATE: its SQL and its fields, resolved once per list of properties. */
typedef struct
{
  char            *sql;
  const DlgField **fields;  /* NULL-terminated */
} UpdateFields;

/* "UPDATE t SET a = ?2, b = ?3 WHERE id = ?1 AND (a IS NOT ?2 OR b IS NOT ?3)", once per
 * (constant) list of properties. */
static const UpdateFields *
update_fields_get (RecordType         *data,
                   const char * const *names)
{
  const DlgRecordInfo *info = data->info;
  UpdateFields *update;

  g_mutex_lock (&data->lock);
  if (data->updates == NULL)
    data->updates = g_hash_table_new (NULL, NULL);
  update = g_hash_table_lookup (data->updates, names);
  if (update == NULL)
    {
      g_autoptr(GString) set = g_string_new (NULL);
      g_autoptr(GString) differs = g_string_new (NULL);
      guint n = g_strv_length ((char **) names);

      update = g_new0 (UpdateFields, 1);
      update->fields = g_new0 (const DlgField *, n + 1);
      for (guint i = 0; i < n; i++)
        {
          const DlgField *field = find_field (info, names[i], NULL);

          g_assert (field != NULL && field_is_stored (field));
          update->fields[i] = field;
          g_string_append_printf (set, "%s%s = ?%u", i ? ", " : "", field->column, i + 2);
          g_string_append_printf (differs, "%s%s IS NOT ?%u", i ? " OR " : "", field->column,
                                  i + 2);
        }
      update->sql = g_strdup_printf ("UPDATE %s SET %s WHERE %s = ?1 AND (%s)", info->table,
                                     set->str, info->id_column != NULL ? info->id_column : "id",
                                     differs->str);
      g_hash_table_insert (data->updates, (gpointer) names, update);
    }
  g_mutex_unlock (&data->lock);
  return update;
}

/**
 * dlg_record_insert_row:
 *
 * Inserts @self as it is (every stored field, SELECT_ONLY ones included) in the caller's
 * transaction, with no checks, hooks or journal; its id is filled in, and its uuid when it
 * had none. Nothing is notified or emitted.
 */
gboolean
dlg_record_insert_row (DlgRecord  *self,
                       DlgStore   *store,
                       GError    **error)
{
  DlgRecordPrivate *priv = dlg_record_get_instance_private (self);
  RecordType *data;
  const DlgRecordInfo *info;
  g_autoptr(DlgStmt) stmt = NULL;
  int index = 1;

  g_return_val_if_fail (DLG_IS_RECORD (self), FALSE);
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  data = RECORD_TYPE (self);
  info = data->info;
  if (!(stmt = dlg_store_prepare (store, insert_row_sql (data), error)))
    return FALSE;
  if ((info->flags & DLG_RECORD_NO_UUID) == 0)
    {
      if (priv->uuid == NULL)
        priv->uuid = dlg_uuid_new ();
      dlg_stmt_bind_text (stmt, index++, priv->uuid);
    }
  if (info->process_sql == NULL)
    sqlite3_bind_int64 (stmt, index++, priv->process_id);
  for (guint i = 0; i < info->n_fields; i++)
    if (field_is_stored (&info->fields[i]))
      bind_field (self, &info->fields[i], stmt, index++);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  priv->id = sqlite3_last_insert_rowid (dlg_store_get_db (store));
  return TRUE;
}

/**
 * dlg_record_update_fields:
 * @self: the values to write
 * @id: the row that takes them (a row of @self's type; @self's own id is not read)
 * @names: the properties of the fields to write, %NULL-terminated; a static constant (the statement is
 *   built once per list)
 * @changed: (out) (optional): whether the row differed and was written
 *
 * Writes the fields @names of @self into the row @id, in the caller's transaction and only when one
 * of them differs, with no checks, hooks or journal. Nothing is notified or emitted.
 */
gboolean
dlg_record_update_fields (DlgRecord           *self,
                          DlgStore            *store,
                          gint64               id,
                          const char * const  *names,
                          gboolean            *changed,
                          GError             **error)
{
  const UpdateFields *update;
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_RECORD (self), FALSE);
  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (names != NULL && names[0] != NULL, FALSE);

  update = update_fields_get (RECORD_TYPE (self), names);
  if (!(stmt = dlg_store_prepare (store, update->sql, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  for (guint i = 0; update->fields[i] != NULL; i++)
    bind_field (self, update->fields[i], stmt, i + 2);
  if (!dlg_store_step_done (store, stmt, error))
    return FALSE;
  if (changed != NULL)
    *changed = sqlite3_changes (dlg_store_get_db (store)) > 0;
  return TRUE;
}

/**
 * dlg_record_delete_row:
 * @type: a subtype of #DlgRecord
 *
 * Deletes the row @id of @type in the caller's transaction, with no stage rule, hooks or
 * journal (what follows through foreign keys and triggers still does).
 */
gboolean
dlg_record_delete_row (DlgStore  *store,
                       GType      type,
                       gint64     id,
                       GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (g_type_is_a (type, DLG_TYPE_RECORD), FALSE);

  if (!(stmt = dlg_store_prepare (store, record_type_get (type)->sql_delete, error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  return dlg_store_step_done (store, stmt, error);
}
