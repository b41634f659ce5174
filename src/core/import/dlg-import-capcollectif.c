/* dlg-import-capcollectif.c — Cap Collectif's open-data exports (the Grand Débat files)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As its exporter (cap-collectif/granddebat.fr-opendata) writes them: JSON rows {id, reference,
 * title, createdAt, publishedAt, updatedAt, trashed, trashedStatus, authorId, authorType,
 * authorZipCode, responses: [{questionId, questionTitle, value, formattedValue}]}, or the CSV
 * that flattens the responses to one column per question, headed `Q<id> - <title>` or by the
 * title alone. Each answer to an open question is a contribution (the question its title); a
 * multiple-choice value {"labels": […], "other": …} is not one, it goes with the row's other
 * closed answers to the extra data of each. `trashed` sets the moderation. The JSON file is
 * read whole (json-glib has no streaming reader); the CSV is streamed.
 */

#define G_LOG_DOMAIN "dlg-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-error.h"
#include "dlg-import-private.h"
#include "dlg-json.h"

static const char *row_columns[] = {
  "id", "reference", "title", "createdAt", "publishedAt", "updatedAt", "trashed",
  "trashedStatus", "authorId", "authorType", "authorZipCode", NULL
};

gboolean
dlg_import_capcollectif_matches (const DlgCsvRow *header)
{
  return dlg_import_column (header, "reference") >= 0 &&
         (dlg_import_column (header, "authorId") >= 0 ||
          dlg_import_column (header, "trashedStatus") >= 0);
}

/* A multiple-choice answer: {"labels": […], "other": …}; NULL for an open one. */
static JsonNode *
closed_answer (const char *value)
{
  g_autoptr(JsonNode) node = NULL;
  JsonObject *object;

  if (value == NULL || *value != '{' || !(node = dlg_json_parse (value, -1, NULL)) ||
      !JSON_NODE_HOLDS_OBJECT (node))
    return NULL;
  object = json_node_get_object (node);
  if (!json_object_has_member (object, "labels"))
    return NULL;
  return g_steal_pointer (&node);
}

/* What a row gives, read from JSON or from the CSV. */
typedef struct
{
  const char *id;
  const char *created_at;
  const char *author;
  const char *zip;
  gboolean    trashed;
  const char *trashed_status;
} Row;

typedef struct
{
  const char *question_id;
  const char *question;
  const char *value;
} Answer;

static gboolean
add_row (DlgImporter   *self,
         guint          line,
         const Row     *row,
         const Answer  *answers,
         guint          n_answers,
         GError       **error)
{
  g_autoptr(JsonArray) closed = json_array_new ();

  for (guint i = 0; i < n_answers; i++)
    {
      JsonNode *node = closed_answer (answers[i].value);

      if (node != NULL)
        {
          JsonObject *answer = json_object_new ();

          json_object_set_string_member (answer, "question_id", answers[i].question_id);
          json_object_set_string_member (answer, "question", answers[i].question);
          json_object_set_member (answer, "value", node);
          json_array_add_object_element (closed, answer);
        }
    }

  for (guint i = 0; i < n_answers; i++)
    {
      g_autoptr(JsonObject) item = NULL;
      g_autoptr(JsonObject) extra = NULL;
      g_autofree char *source_id = NULL;
      g_autofree char *value = NULL;

      if (answers[i].value == NULL || *answers[i].value == '{')
        continue;
      value = g_strstrip (g_strdup (answers[i].value));
      if (*value == '\0')
        continue;
      item = dlg_importer_new_item (self, "questionnaire", "answer",
                                    row->trashed ? "trashed" : "published", row->created_at,
                                    row->author);
      extra = json_object_new ();
      source_id = g_strdup_printf ("%s/%s", row->id, answers[i].question_id);
      if (row->trashed && row->trashed_status != NULL && *row->trashed_status != '\0')
        json_object_set_string_member (item, "moderation_reason", row->trashed_status);
      json_object_set_string_member (item, "title", answers[i].question);
      json_object_set_string_member (item, "body", value);
      json_object_set_string_member (extra, "question_id", answers[i].question_id);
      json_object_set_string_member (extra, "contribution", row->id);
      if (row->zip != NULL && *row->zip != '\0')
        json_object_set_string_member (extra, "zip_code", row->zip);
      if (json_array_get_length (closed) > 0)
        json_object_set_array_member (extra, "closed_answers", json_array_ref (closed));
      json_object_set_object_member (item, "answers", g_steal_pointer (&extra));
      if (!dlg_importer_add (self, line, source_id, item, error))
        return FALSE;
    }
  return TRUE;
}

static const char *
member_text (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  if (node == NULL || JSON_NODE_TYPE (node) != JSON_NODE_VALUE ||
      json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static gboolean
member_true (JsonObject *object,
             const char *name)
{
  JsonNode *node = json_object_get_member (object, name);

  return node != NULL && JSON_NODE_TYPE (node) == JSON_NODE_VALUE &&
         json_node_get_value_type (node) == G_TYPE_BOOLEAN && json_node_get_boolean (node);
}

static gboolean
read_json (DlgImporter  *self,
           GError      **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local_error = NULL;
  g_autoptr(JsonNode) root = NULL;
  JsonArray *rows;
  gsize length;
  guint n;

  if (!g_file_get_contents (dlg_importer_get_path (self), &data, &length, &local_error))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_NOT_FOUND, _("%s cannot be read: %s"),
                   dlg_importer_get_display_name (self), local_error->message);
      return FALSE;
    }
  if (!(root = dlg_json_parse (data, length, &local_error)))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID, _("%s: %s"),
                   dlg_importer_get_display_name (self), local_error->message);
      return FALSE;
    }
  if (!JSON_NODE_HOLDS_ARRAY (root))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("%s is not a list of Cap Collectif contributions."),
                   dlg_importer_get_display_name (self));
      return FALSE;
    }
  rows = json_node_get_array (root);
  n = json_array_get_length (rows);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (rows, i);
      g_autoptr(GArray) answers = g_array_new (FALSE, TRUE, sizeof (Answer));
      JsonObject *object;
      JsonArray *responses = NULL;
      JsonNode *responses_node;
      Row row = { 0 };

      if (!JSON_NODE_HOLDS_OBJECT (node) ||
          !(row.id = member_text (object = json_node_get_object (node), "id")))
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                       _("%s, row %u: a contribution needs an “id”."),
                       dlg_importer_get_display_name (self), i + 1);
          return FALSE;
        }
      row.created_at = member_text (object, "publishedAt");
      if (row.created_at == NULL)
        row.created_at = member_text (object, "createdAt");
      row.author = member_text (object, "authorId");
      row.zip = member_text (object, "authorZipCode");
      row.trashed = member_true (object, "trashed");
      row.trashed_status = member_text (object, "trashedStatus");
      responses_node = json_object_get_member (object, "responses");
      if (responses_node != NULL && JSON_NODE_HOLDS_ARRAY (responses_node))
        responses = json_node_get_array (responses_node);
      for (guint j = 0; responses != NULL && j < json_array_get_length (responses); j++)
        {
          JsonNode *r = json_array_get_element (responses, j);
          JsonObject *response;
          Answer answer = { 0 };

          if (!JSON_NODE_HOLDS_OBJECT (r))
            continue;
          response = json_node_get_object (r);
          answer.question_id = member_text (response, "questionId");
          answer.question = member_text (response, "questionTitle");
          answer.value = member_text (response, "value");
          if (answer.value == NULL)
            answer.value = member_text (response, "formattedValue");
          if (answer.question_id == NULL || answer.question == NULL)
            continue;
          g_array_append_val (answers, answer);
        }
      if (!add_row (self, 0, &row, (Answer *) answers->data, answers->len, error))
        return FALSE;
      if ((i + 1) % 1000 == 0)
        dlg_importer_set_progress (self, (guint64) (i + 1) * 1024, (guint64) n * 1024);
    }
  dlg_importer_set_progress (self, (guint64) n * 1024, (guint64) n * 1024);
  return TRUE;
}

/* An id between @p and @end: a number or base64 ("UXVlc3Rpb246MTYw"), not words. */
static gboolean
is_id (const char *p,
       const char *end)
{
  for (; p < end; p++)
    if (!g_ascii_isalnum (*p) && *p != '=' && *p != '+' && *p != '/')
      return FALSE;
  return TRUE;
}

/* A question of the CSV: a column that is not one of a row's. */
typedef struct
{
  char *id;
  char *title;
  int   column;
} Question;

static void
question_clear (Question *question)
{
  g_free (question->id);
  g_free (question->title);
}

static gboolean
read_csv_row (DlgImporter      *self,
              const DlgCsvRow  *header,
              const DlgCsvRow  *csv,
              gpointer          data,
              GError          **error)
{
  GArray *questions = data;
  g_autoptr(GArray) answers = g_array_new (FALSE, TRUE, sizeof (Answer));
  const char *trashed = dlg_import_get (header, csv, "trashed");
  Row row = { 0 };

  row.id = dlg_import_get (header, csv, "id");
  row.created_at = dlg_import_get (header, csv, "publishedAt");
  if (*row.created_at == '\0')
    row.created_at = dlg_import_get (header, csv, "createdAt");
  row.author = dlg_import_get (header, csv, "authorId");
  row.zip = dlg_import_get (header, csv, "authorZipCode");
  row.trashed = g_ascii_strcasecmp (trashed, "true") == 0 || g_str_equal (trashed, "1");
  row.trashed_status = dlg_import_get (header, csv, "trashedStatus");
  for (guint i = 0; i < questions->len; i++)
    {
      const Question *question = &g_array_index (questions, Question, i);
      Answer answer = { question->id, question->title,
                        dlg_import_field (csv, question->column) };

      g_array_append_val (answers, answer);
    }
  return add_row (self, csv->line, &row, (Answer *) answers->data, answers->len, error);
}

gboolean
dlg_import_read_capcollectif (DlgImporter   *self,
                              DlgCsvReader  *reader,
                              GError       **error)
{
  static const char *required[] = { "id", NULL };
  g_autoptr(GArray) questions = g_array_new (FALSE, TRUE, sizeof (Question));
  g_autoptr(DlgCsvReader) peek = NULL;
  g_autoptr(DlgCsvRow) header = NULL;

  if (reader == NULL)
    return read_json (self, error);

  /* The questions, from the header: `Q<id> - <title>`, or the title alone as its id. */
  g_array_set_clear_func (questions, (GDestroyNotify) question_clear);
  if (!(peek = dlg_csv_reader_open (dlg_importer_get_path (self), 0, error)) ||
      !dlg_csv_reader_next (peek, &header, error))
    return FALSE;
  for (guint i = 0; header != NULL && i < header->n_fields; i++)
    {
      const char *name = header->fields[i];
      const char *dash = strstr (name, " - ");
      Question question = { NULL, NULL, (int) i };

      if (g_strv_contains (row_columns, name) || *name == '\0')
        continue;
      if (name[0] == 'Q' && dash != NULL && dash > name + 1 && is_id (name + 1, dash))
        {
          question.id = g_strndup (name + 1, dash - name - 1);
          question.title = g_strdup (dash + 3);
        }
      else
        {
          question.id = g_strdup (name);
          question.title = g_strdup (name);
        }
      g_array_append_val (questions, question);
    }
  return dlg_import_read_csv_rows (self, reader, required, read_csv_row, questions, error);
}
