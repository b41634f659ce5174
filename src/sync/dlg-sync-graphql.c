/* dlg-sync-graphql.c — the live adapters: a Decidim or Cap Collectif site read through its
 * GraphQL API, behind the sync client's interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A sync with such a site is a full scan of each mapped space (dlg-sync-platform.h): a
 * Decidim participatory process (its proposals components, their proposals 50 at a time —
 * the API's limit — with their comments), a Cap Collectif project (its collect steps'
 * proposals, trashed ones too, its questionnaires' replies and its consultation
 * contributions, Relay pages of `first`/`after`). Neither platform has a change feed: each
 * item's `updatedAt` is its revision, so an item not newer than the copy held is left as it
 * is; after a complete scan, what the space no longer lists (hidden, deleted, trashed away)
 * is marked "no longer on the site" and kept. Everything goes through the core's ingestion
 * path with the platform's own ids (source "live:<kind>:<site>#<space>"): a second pull
 * updates, never duplicates, and never writes the officer's themes, notes or highlights; the
 * officer's moderation stays theirs once the item is held (DLG_INGEST_KEEP_MODERATION). Each
 * request goes through dlg-sync-request.c (deadline, retries, 429 with Retry-After, bounded
 * answers); a GraphQL `errors` answer stops the sync with its message and writes nothing of
 * that page.
 *
 * Nothing is pushed: Cap Collectif's API keys cannot write; Decidim's write API (0.31+) is
 * looked for by introspection and reported (dlg_sync_client_get_site_abilities), not used.
 */

#define G_LOG_DOMAIN "dlg-sync"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-contribution.h"
#include "dlg-error.h"
#include "dlg-import.h"
#include "dlg-ingest.h"
#include "dlg-json.h"
#include "dlg-process.h"
#include "dlg-sync-client-private.h"
#include "dlg-sync-platform.h"

#define DECIDIM_MAX_PAGE 50
#define CAP_COLLECTIF_MAX_PAGE 100
#define CAP_COLLECTIF_ACCEPT "application/vnd.cap-collectif.preview+json"
/* As the reference site's full resync: more than this many gone, or more than 5 % from 3
 * on, and the scan asks first (DLG_SYNC_FLAGS_CONFIRM_MISSING). */
#define MISSING_MAX 20

/* ------------------------------------------------------------------------------------------ */
/* The queries, validated against each platform's schema by tests/test-graphql-sync.c       */

static const char decidim_write_api_query[] =
  "query DialogueWriteApi {"
  " __schema { mutationType { name } }"
  " proposalMutation: __type(name: \"ProposalMutation\") { fields { name } }"
  " componentMutation: __type(name: \"ComponentMutation\") { possibleTypes { name } }"
  "}";

static const char decidim_space_query[] =
  "query DialogueSpace($id: ID, $slug: String) {"
  " participatoryProcess(id: $id, slug: $slug) {"
  "  id slug"
  "  components { __typename id ... on Proposals { id } }"
  " }"
  "}";

static const char decidim_proposals_query[] =
  "query DialogueProposals($id: ID, $first: Int, $after: String) {"
  " component(id: $id) {"
  "  __typename"
  "  ... on Proposals {"
  "   proposals(first: $first, after: $after) {"
  "    pageInfo { hasNextPage endCursor }"
  "    edges { node {"
  "     id reference state withdrawn address publishedAt createdAt updatedAt voteCount"
  "     title { translations { locale text } }"
  "     body { translations { locale text } }"
  "     coordinates { latitude longitude }"
  "     comments { ...C comments { ...C comments { ...C comments { ...C } } } }"
  "    } }"
  "   }"
  "  }"
  " }"
  "}"
  " fragment C on Comment { id body createdAt alignment upVotes author { id } }";

static const char cap_project_query[] =
  "query DialogueProject($id: ID!) {"
  " node(id: $id) {"
  "  __typename"
  "  ... on Project {"
  "   id title"
  "   steps {"
  "    __typename id"
  "    ... on QuestionnaireStep { questionnaire { id } }"
  "   }"
  "  }"
  " }"
  "}";

static const char cap_proposals_query[] =
  "query DialogueProposals($id: ID!, $first: Int, $after: String,"
  "                        $trashed: ProposalTrashedStatus) {"
  " node(id: $id) {"
  "  ... on CollectStep {"
  "   proposals(first: $first, after: $after, trashedStatus: $trashed) {"
  "    pageInfo { hasNextPage endCursor }"
  "    edges { node {"
  "     id reference title body publishedAt createdAt updatedAt"
  "     trashed trashedStatus trashedReason"
  "     author { id }"
  "     address { lat lng formatted }"
  "    } }"
  "   }"
  "  }"
  " }"
  "}";

static const char cap_replies_query[] =
  "query DialogueReplies($id: ID!, $first: Int, $after: String) {"
  " node(id: $id) {"
  "  ... on Questionnaire {"
  "   replies(first: $first, after: $after) {"
  "    pageInfo { hasNextPage endCursor }"
  "    edges { node {"
  "     id createdAt publishedAt updatedAt"
  "     author { id }"
  "     responses {"
  "      question { id title }"
  "      ... on ValueResponse { value }"
  "     }"
  "    } }"
  "   }"
  "  }"
  " }"
  "}";

static const char cap_contributions_query[] =
  "query DialogueContributions($id: ID!, $first: Int, $after: String) {"
  " node(id: $id) {"
  "  ... on Project {"
  "   contributions(first: $first, after: $after) {"
  "    pageInfo { hasNextPage endCursor }"
  "    edges { node {"
  "     __typename id"
  "     ... on Opinion { title bodyText createdAt publishedAt updatedAt }"
  "     ... on Argument { argumentBody: body createdAt publishedAt updatedAt"
  "                       trashed trashedReason }"
  "    } }"
  "   }"
  "  }"
  " }"
  "}";

/* ------------------------------------------------------------------------------------------ */

typedef enum
{
  JOB_DECIDIM_WRITE_API,
  JOB_DECIDIM_SPACE,
  JOB_DECIDIM_PROPOSALS,
  JOB_CAP_PROJECT,
  JOB_CAP_PROPOSALS,
  JOB_CAP_REPLIES,
  JOB_CAP_CONTRIBUTIONS,
} JobKind;

typedef struct
{
  JobKind   kind;
  char     *id;
  gboolean  trashed;
  char     *after;
  guint     n_pages;
} Job;

typedef struct
{
  DlgSyncFlags  flags;
  GArray       *process_ids;
  GPtrArray    *remote_ids;
  guint         mapping;        /* the one being scanned */
  gint64        process_id;
  char         *process_uuid;
  char         *source;
  GHashTable   *seen;           /* source ids the scan found */
  GQueue        jobs;
  Request      *req;
  gint64        started;        /* monotonic, µs */
} Scan;

static void
job_free (Job *job)
{
  g_free (job->id);
  g_free (job->after);
  g_free (job);
}

static void
scan_free (Scan *scan)
{
  g_clear_pointer (&scan->process_ids, g_array_unref);
  g_clear_pointer (&scan->remote_ids, g_ptr_array_unref);
  g_free (scan->process_uuid);
  g_free (scan->source);
  g_clear_pointer (&scan->seen, g_hash_table_unref);
  g_queue_clear_full (&scan->jobs, (GDestroyNotify) job_free);
  g_clear_pointer (&scan->req, dlg_sync_request_free);
  g_free (scan);
}

static void
push_job (Scan       *scan,
          JobKind     kind,
          const char *id,
          gboolean    trashed)
{
  Job *job = g_new0 (Job, 1);

  job->kind = kind;
  job->id = g_strdup (id);
  job->trashed = trashed;
  g_queue_push_tail (&scan->jobs, job);
}

/* ------------------------------------------------------------------------------------------ */
/* Reading answers: members of the wrong type read as absent                                  */

static JsonObject *
member_object (JsonObject *object,
               const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static JsonArray *
member_array (JsonObject *object,
              const char *name)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, name) : NULL;

  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

static const char *
member_string (JsonObject *object,
               const char *name)
{
  return object != NULL ? dlg_json_member_string (object, name, NULL) : NULL;
}

/* The @i-th element of @array when it is an object, else NULL. */
static JsonObject *
element_object (JsonArray *array,
                guint      i)
{
  JsonNode *node = json_array_get_element (array, i);

  return JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

/* The revision of an item: its updatedAt (else its createdAt) in seconds; 0 when it has none
 * (then the ingestion path compares the fields). */
static gint64
revision_of (const char *updated,
             const char *created)
{
  const char *text = updated != NULL ? updated : created;
  g_autoptr(GDateTime) date = NULL;

  if (text == NULL)
    return 0;
  date = g_date_time_new_from_iso8601 (text, NULL);
  return date != NULL ? MAX (g_date_time_to_unix (date), 0) : 0;
}

/* A Decidim TranslatedField: the text in @locale, else in French, else the first filled. */
static const char *
translated (JsonObject *field,
            const char *locale)
{
  JsonArray *list = member_array (field, "translations");
  const char *first = NULL, *french = NULL;

  for (guint i = 0; list != NULL && i < json_array_get_length (list); i++)
    {
      JsonObject *entry = element_object (list, i);
      const char *l, *text;

      if (entry == NULL)
        continue;
      l = member_string (entry, "locale");
      text = member_string (entry, "text");
      if (text == NULL || *text == '\0')
        continue;
      if (locale != NULL && g_strcmp0 (l, locale) == 0)
        return text;
      if (g_strcmp0 (l, "fr") == 0)
        french = text;
      if (first == NULL)
        first = text;
    }
  return french != NULL ? french : first;
}

/* The JSON members of one contribution (sync v1's, dlg_contribution_new_from_json). */
static JsonObject *
new_item (DlgSyncSiteKind  kind,
          const char      *feature,
          const char      *contribution_kind,
          const char      *moderation,
          const char      *date,
          const char      *author)
{
  return dlg_import_new_item (dlg_sync_site_kind_to_string (kind), feature, contribution_kind,
                              moderation, date, author);
}

static char *
item_uuid (Scan       *scan,
           const char *source_id)
{
  return dlg_import_source_uuid (scan->process_uuid, scan->source, source_id);
}

static void
add_item (Scan           *scan,
          DlgIngestBatch *batch,
          const char     *source_id,
          gint64          rev,
          JsonObject     *data)
{
  g_autofree char *uuid = item_uuid (scan, source_id);
  g_autoptr(DlgContribution) c = dlg_contribution_new_from_json (scan->process_id, uuid, data);

  /* Platform moderation comes with a new item; once held, the officer's is kept. */
  dlg_ingest_batch_add_contribution (batch, source_id, rev, c, DLG_INGEST_KEEP_MODERATION);
  g_hash_table_add (scan->seen, g_strdup (source_id));
}

/* ------------------------------------------------------------------------------------------ */
/* Decidim                                                                                   */

static void
decidim_read_write_api (DlgSyncClient *self,
                        JsonObject    *data)
{
  JsonObject *schema = member_object (data, "__schema");
  JsonObject *mutation = member_object (schema, "mutationType");
  JsonArray *fields = member_array (member_object (data, "proposalMutation"), "fields");
  JsonArray *types = member_array (member_object (data, "componentMutation"), "possibleTypes");
  gboolean answers = FALSE, results = FALSE;

  for (guint i = 0; fields != NULL && i < json_array_get_length (fields); i++)
    {
      if (g_strcmp0 (member_string (element_object (fields, i), "name"), "answer") == 0)
        answers = TRUE;
    }
  for (guint i = 0; types != NULL && i < json_array_get_length (types); i++)
    {
      if (g_strcmp0 (member_string (element_object (types, i), "name"),
                     "AccountabilityMutation") == 0)
        results = TRUE;
    }
  g_free (self->site_abilities);
  if (mutation == NULL)
    self->site_abilities = g_strdup (_("This Decidim site’s API is read only (its schema has "
                                       "no mutations): responses and commitments stay in "
                                       "Dialogue."));
  else if (answers && results)
    self->site_abilities = g_strdup (_("This Decidim site’s API can take proposal answers and "
                                       "accountability results, with an API account (scope "
                                       "api:write). Dialogue does not send them yet: it only "
                                       "reads."));
  else if (answers)
    self->site_abilities = g_strdup (_("This Decidim site’s API can take proposal answers with "
                                       "an API account (scope api:write), but has no mutation "
                                       "for accountability results: commitments cannot be "
                                       "published there. Dialogue does not send answers yet: "
                                       "it only reads."));
  else
    self->site_abilities = g_strdup (_("This Decidim site’s API has no mutation for proposal "
                                       "answers nor accountability results: responses and "
                                       "commitments stay in Dialogue."));
}

static gboolean
decidim_read_space (Scan        *scan,
                    JsonObject  *data,
                    const char  *remote_id,
                    GError     **error)
{
  JsonObject *space = member_object (data, "participatoryProcess");
  JsonArray *components = member_array (space, "components");
  guint n = 0;

  if (space == NULL)
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
                   _("The site has no participatory process “%s” (or does not show it): "
                     "check the process’s mapping in the preferences."), remote_id);
      return FALSE;
    }
  for (guint i = 0; components != NULL && i < json_array_get_length (components); i++)
    {
      JsonObject *component = element_object (components, i);

      if (g_strcmp0 (member_string (component, "__typename"), "Proposals") == 0 &&
          member_string (component, "id") != NULL)
        {
          push_job (scan, JOB_DECIDIM_PROPOSALS, member_string (component, "id"), FALSE);
          n++;
        }
    }
  g_debug ("Decidim process %s: %u proposals components", remote_id, n);
  return TRUE;
}

static void
decidim_add_comments (Scan           *scan,
                      DlgIngestBatch *batch,
                      JsonArray      *comments,
                      const char     *parent_source_id,
                      guint           depth)
{
  for (guint i = 0; comments != NULL && i < json_array_get_length (comments); i++)
    {
      JsonObject *comment = element_object (comments, i);
      JsonObject *extra;
      const char *id;
      g_autofree char *source_id = NULL;
      g_autofree char *parent_uuid = NULL;
      g_autoptr(JsonObject) item = NULL;

      if ((id = member_string (comment, "id")) == NULL)
        continue;
      source_id = g_strdup_printf ("comment/%s", id);
      parent_uuid = item_uuid (scan, parent_source_id);
      item = new_item (DLG_SYNC_SITE_DECIDIM, "ideas", "comment", "published",
                       member_string (comment, "createdAt"),
                       member_string (member_object (comment, "author"), "id"));
      json_object_set_string_member (item, "body",
                                     member_string (comment, "body") != NULL
                                     ? member_string (comment, "body") : "");
      json_object_set_string_member (item, "parent_id", parent_uuid);
      json_object_set_int_member (item, "supports",
                                  dlg_json_member_int (comment, "upVotes", 0));
      extra = json_object_new ();
      json_object_set_int_member (extra, "alignment",
                                  dlg_json_member_int (comment, "alignment", 0));
      json_object_set_int_member (extra, "depth", depth);
      json_object_set_object_member (item, "answers", extra);
      /* A comment has no updatedAt: its fields are compared. */
      add_item (scan, batch, source_id, 0, item);
      decidim_add_comments (scan, batch, member_array (comment, "comments"), source_id,
                            depth + 1);
    }
}

static gboolean
decidim_read_proposals (Scan            *scan,
                        DlgIngestBatch  *batch,
                        JsonObject      *data,
                        JsonObject     **connection)
{
  JsonObject *component = member_object (data, "component");
  JsonObject *proposals = member_object (component, "proposals");
  JsonArray *edges = member_array (proposals, "edges");

  *connection = proposals;
  for (guint i = 0; edges != NULL && i < json_array_get_length (edges); i++)
    {
      JsonObject *p = member_object (element_object (edges, i), "node");
      JsonObject *coordinates, *extra;
      const char *id, *title, *body, *text;
      g_autofree char *source_id = NULL;
      g_autofree char *plain = NULL;
      g_autoptr(JsonObject) item = NULL;

      if ((id = member_string (p, "id")) == NULL)
        continue;
      source_id = g_strdup_printf ("proposal/%s", id);
      title = translated (member_object (p, "title"), NULL);
      body = translated (member_object (p, "body"), NULL);
      plain = dlg_import_html_to_text (body != NULL ? body : "");
      item = new_item (DLG_SYNC_SITE_DECIDIM, "ideas", "idea", "published",
                       member_string (p, "publishedAt") != NULL
                       ? member_string (p, "publishedAt") : member_string (p, "createdAt"),
                       NULL);
      json_object_set_string_member (item, "title", title != NULL ? title : "");
      json_object_set_string_member (item, "body", plain);
      json_object_set_int_member (item, "supports", dlg_json_member_int (p, "voteCount", 0));
      coordinates = member_object (p, "coordinates");
      if (coordinates != NULL && json_object_has_member (coordinates, "latitude") &&
          json_object_has_member (coordinates, "longitude"))
        {
          json_object_set_double_member (item, "lat",
                                         dlg_json_member_double (coordinates, "latitude", 0));
          json_object_set_double_member (item, "lon",
                                         dlg_json_member_double (coordinates, "longitude", 0));
        }
      extra = json_object_new ();
      if ((text = member_string (p, "reference")) != NULL)
        json_object_set_string_member (extra, "reference", text);
      if ((text = member_string (p, "state")) != NULL)
        json_object_set_string_member (extra, "state", text);
      if ((text = member_string (p, "address")) != NULL && *text != '\0')
        json_object_set_string_member (extra, "address", text);
      if (dlg_json_member_boolean (p, "withdrawn", FALSE))
        json_object_set_boolean_member (extra, "withdrawn", TRUE);
      json_object_set_object_member (item, "answers", extra);
      add_item (scan, batch, source_id,
                revision_of (member_string (p, "updatedAt"), member_string (p, "createdAt")),
                item);
      decidim_add_comments (scan, batch, member_array (p, "comments"), source_id, 0);
    }
  return TRUE;
}

/* ------------------------------------------------------------------------------------------ */
/* Cap Collectif                                                                             */

static gboolean
cap_read_project (Scan        *scan,
                  JsonObject  *data,
                  const char  *remote_id,
                  GError     **error)
{
  JsonObject *project = member_object (data, "node");
  JsonArray *steps = member_array (project, "steps");
  gboolean consultation = FALSE;

  if (project == NULL || g_strcmp0 (member_string (project, "__typename"), "Project") != 0)
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
                   _("The site has no project “%s” (or the API key cannot see it): check the "
                     "process’s mapping in the preferences."), remote_id);
      return FALSE;
    }
  for (guint i = 0; steps != NULL && i < json_array_get_length (steps); i++)
    {
      JsonObject *step = element_object (steps, i);
      const char *type, *id;

      if (step == NULL)
        continue;
      type = member_string (step, "__typename");
      id = member_string (step, "id");
      if (id == NULL)
        continue;
      if (g_strcmp0 (type, "CollectStep") == 0)
        {
          push_job (scan, JOB_CAP_PROPOSALS, id, FALSE);
          /* Trashed proposals are listed apart: they are kept, set aside. */
          push_job (scan, JOB_CAP_PROPOSALS, id, TRUE);
        }
      else if (g_strcmp0 (type, "QuestionnaireStep") == 0)
        {
          const char *questionnaire = member_string (member_object (step, "questionnaire"),
                                                     "id");

          if (questionnaire != NULL)
            push_job (scan, JOB_CAP_REPLIES, questionnaire, FALSE);
        }
      else if (g_strcmp0 (type, "ConsultationStep") == 0)
        consultation = TRUE;
    }
  /* The preview schema reaches consultation contributions through the project only. */
  if (consultation)
    push_job (scan, JOB_CAP_CONTRIBUTIONS, remote_id, FALSE);
  return TRUE;
}

static void
cap_read_proposals (Scan           *scan,
                    DlgIngestBatch *batch,
                    JsonArray      *edges)
{
  for (guint i = 0; edges != NULL && i < json_array_get_length (edges); i++)
    {
      JsonObject *p = member_object (element_object (edges, i), "node");
      JsonObject *address, *extra;
      const char *id, *text;
      gboolean trashed;
      g_autofree char *source_id = NULL;
      g_autofree char *plain = NULL;
      g_autoptr(JsonObject) item = NULL;

      if (p == NULL || (id = member_string (p, "id")) == NULL)
        continue;
      source_id = g_strdup_printf ("proposal/%s", id);
      trashed = dlg_json_member_boolean (p, "trashed", FALSE);
      plain = dlg_import_html_to_text (member_string (p, "body") != NULL
                                       ? member_string (p, "body") : "");
      item = new_item (DLG_SYNC_SITE_CAP_COLLECTIF, "call_for_projects", "project",
                       trashed ? "trashed" : "published",
                       member_string (p, "publishedAt") != NULL
                       ? member_string (p, "publishedAt") : member_string (p, "createdAt"),
                       member_string (member_object (p, "author"), "id"));
      json_object_set_string_member (item, "title", member_string (p, "title") != NULL
                                                    ? member_string (p, "title") : "");
      json_object_set_string_member (item, "body", plain);
      if (trashed && (text = member_string (p, "trashedReason")) != NULL)
        json_object_set_string_member (item, "moderation_reason", text);
      address = member_object (p, "address");
      if (address != NULL && json_object_has_member (address, "lat") &&
          json_object_has_member (address, "lng"))
        {
          json_object_set_double_member (item, "lat", dlg_json_member_double (address, "lat", 0));
          json_object_set_double_member (item, "lon", dlg_json_member_double (address, "lng", 0));
        }
      extra = json_object_new ();
      if ((text = member_string (p, "reference")) != NULL)
        json_object_set_string_member (extra, "reference", text);
      if ((text = member_string (p, "trashedStatus")) != NULL)
        json_object_set_string_member (extra, "trashed_status", text);
      if ((text = member_string (address, "formatted")) != NULL)
        json_object_set_string_member (extra, "address", text);
      json_object_set_object_member (item, "answers", extra);
      add_item (scan, batch, source_id,
                revision_of (member_string (p, "updatedAt"), member_string (p, "createdAt")),
                item);
    }
}

/* One contribution per answer to an open question, as the file import does. */
static void
cap_read_replies (Scan           *scan,
                  DlgIngestBatch *batch,
                  JsonArray      *edges)
{
  for (guint i = 0; edges != NULL && i < json_array_get_length (edges); i++)
    {
      JsonObject *reply = member_object (element_object (edges, i), "node");
      JsonArray *responses = member_array (reply, "responses");
      const char *id;
      gint64 rev;

      if (reply == NULL || (id = member_string (reply, "id")) == NULL)
        continue;
      rev = revision_of (member_string (reply, "updatedAt"), member_string (reply, "createdAt"));
      for (guint j = 0; responses != NULL && j < json_array_get_length (responses); j++)
        {
          JsonObject *response = element_object (responses, j);
          JsonObject *question, *extra;
          const char *value, *question_id;
          g_autofree char *source_id = NULL;
          g_autofree char *text = NULL;
          g_autoptr(JsonObject) item = NULL;

          question = member_object (response, "question");
          value = member_string (response, "value");
          question_id = member_string (question, "id");
          if (value == NULL || question_id == NULL)
            continue;
          text = g_strstrip (g_strdup (value));
          if (*text == '\0')
            continue;
          source_id = g_strdup_printf ("reply/%s/%s", id, question_id);
          item = new_item (DLG_SYNC_SITE_CAP_COLLECTIF, "questionnaire", "answer", "published",
                           member_string (reply, "publishedAt") != NULL
                           ? member_string (reply, "publishedAt")
                           : member_string (reply, "createdAt"),
                           member_string (member_object (reply, "author"), "id"));
          json_object_set_string_member (item, "title", member_string (question, "title") != NULL
                                                        ? member_string (question, "title") : "");
          json_object_set_string_member (item, "body", text);
          extra = json_object_new ();
          json_object_set_string_member (extra, "question_id", question_id);
          json_object_set_string_member (extra, "contribution", id);
          json_object_set_object_member (item, "answers", extra);
          add_item (scan, batch, source_id, rev, item);
        }
    }
}

static void
cap_read_contributions (Scan           *scan,
                        DlgIngestBatch *batch,
                        JsonArray      *edges)
{
  for (guint i = 0; edges != NULL && i < json_array_get_length (edges); i++)
    {
      JsonObject *c = member_object (element_object (edges, i), "node");
      const char *id, *type, *title, *body, *reason;
      gboolean argument, trashed;
      g_autofree char *source_id = NULL;
      g_autoptr(JsonObject) item = NULL;

      if (c == NULL || (id = member_string (c, "id")) == NULL)
        continue;
      type = member_string (c, "__typename");
      argument = g_strcmp0 (type, "Argument") == 0;
      if (!argument && g_strcmp0 (type, "Opinion") != 0)
        continue;
      source_id = g_strdup_printf ("%s/%s", argument ? "argument" : "opinion", id);
      trashed = dlg_json_member_boolean (c, "trashed", FALSE);
      title = argument ? "" : member_string (c, "title");
      body = member_string (c, argument ? "argumentBody" : "bodyText");
      item = new_item (DLG_SYNC_SITE_CAP_COLLECTIF, "debate", argument ? "argument" : "idea",
                       trashed ? "trashed" : "published",
                       member_string (c, "publishedAt") != NULL
                       ? member_string (c, "publishedAt") : member_string (c, "createdAt"),
                       NULL);
      json_object_set_string_member (item, "title", title != NULL ? title : "");
      json_object_set_string_member (item, "body", body != NULL ? body : "");
      if (trashed && (reason = member_string (c, "trashedReason")) != NULL)
        json_object_set_string_member (item, "moderation_reason", reason);
      add_item (scan, batch, source_id,
                revision_of (member_string (c, "updatedAt"), member_string (c, "createdAt")),
                item);
    }
}

/* ------------------------------------------------------------------------------------------ */
/* The run                                                                                   */

static void next_job (GTask *task);
static void start_mapping (GTask *task);

static guint
page_size (DlgSyncClient *self)
{
  guint max = self->kind == DLG_SYNC_SITE_DECIDIM ? DECIDIM_MAX_PAGE : CAP_COLLECTIF_MAX_PAGE;

  return CLAMP (self->page_size, 1, max);
}

static GBytes *
request_body (DlgSyncClient *self,
              Scan          *scan,
              Job           *job)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  const char *query = NULL;
  char *text;
  gboolean paged = job->kind != JOB_DECIDIM_WRITE_API && job->kind != JOB_DECIDIM_SPACE &&
                   job->kind != JOB_CAP_PROJECT;

  switch (job->kind)
    {
    case JOB_DECIDIM_WRITE_API: query = decidim_write_api_query; break;
    case JOB_DECIDIM_SPACE: query = decidim_space_query; break;
    case JOB_DECIDIM_PROPOSALS: query = decidim_proposals_query; break;
    case JOB_CAP_PROJECT: query = cap_project_query; break;
    case JOB_CAP_PROPOSALS: query = cap_proposals_query; break;
    case JOB_CAP_REPLIES: query = cap_replies_query; break;
    case JOB_CAP_CONTRIBUTIONS: query = cap_contributions_query; break;
    default: g_assert_not_reached ();
    }
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "query");
  json_builder_add_string_value (builder, query);
  json_builder_set_member_name (builder, "variables");
  json_builder_begin_object (builder);
  if (job->kind == JOB_DECIDIM_SPACE)
    {
      /* A participatory process is mapped by its id or by its slug. */
      gboolean numeric = job->id[0] != '\0' && strspn (job->id, "0123456789") == strlen (job->id);

      json_builder_set_member_name (builder, numeric ? "id" : "slug");
      json_builder_add_string_value (builder, job->id);
    }
  else if (job->kind != JOB_DECIDIM_WRITE_API)
    {
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, job->id);
    }
  if (paged)
    {
      json_builder_set_member_name (builder, "first");
      json_builder_add_int_value (builder, page_size (self));
      json_builder_set_member_name (builder, "after");
      if (job->after != NULL)
        json_builder_add_string_value (builder, job->after);
      else
        json_builder_add_null_value (builder);
    }
  if (job->kind == JOB_CAP_PROPOSALS)
    {
      json_builder_set_member_name (builder, "trashed");
      json_builder_add_string_value (builder, job->trashed ? "TRASHED" : "NOT_TRASHED");
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);
  root = json_builder_get_root (builder);
  text = dlg_json_node_to_string (root);
  (void) scan;
  return g_bytes_new_take (text, strlen (text));
}

/* The answer's `data`, or an error: HTTP statuses, GraphQL `errors`, text that is not JSON or
 * not UTF-8. */
static JsonNode *
read_answer (DlgSyncClient  *self,
             Request        *req,
             JsonObject    **data,
             GError        **error)
{
  g_autoptr(JsonNode) root = NULL;
  JsonArray *errors;
  const char *text;
  gsize size;

  if (req->status == SOUP_STATUS_UNAUTHORIZED || req->status == SOUP_STATUS_FORBIDDEN)
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_AUTH,
                   _("The site %s refused the API key (HTTP %u): enter a valid key in the "
                     "preferences."), self->site_url, req->status);
      return NULL;
    }
  if (req->status != SOUP_STATUS_OK)
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site’s GraphQL API answered HTTP %u: nothing of this answer was "
                     "applied."), req->status);
      return NULL;
    }
  text = req->response != NULL ? g_bytes_get_data (req->response, &size) : NULL;
  if (text == NULL || size == 0 || (root = dlg_json_parse (text, size, NULL)) == NULL ||
      !JSON_NODE_HOLDS_OBJECT (root) || !dlg_json_check_text (root, NULL, NULL))
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site’s GraphQL API sent an answer that is not readable JSON text: "
                     "nothing of it was applied."));
      return NULL;
    }
  errors = member_array (json_node_get_object (root), "errors");
  if (errors != NULL && json_array_get_length (errors) > 0)
    {
      const char *message = member_string (element_object (errors, 0), "message");

      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site refused Dialogue’s query: %s. Nothing of it was applied; the "
                     "site may run a version Dialogue does not know."),
                   message != NULL ? message : "?");
      return NULL;
    }
  *data = member_object (json_node_get_object (root), "data");
  if (*data == NULL)
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL,
                   _("The site’s GraphQL API sent an answer without data: nothing of it was "
                     "applied."));
      return NULL;
    }
  return g_steal_pointer (&root);
}

static void
fail (GTask  *task,
      GError *error)
{
  dlg_sync_run_end (task, error);
}

/* Applies @batch (one transaction); counts what it added and updated. */
static gboolean
apply_batch (DlgSyncClient   *self,
             DlgIngestBatch  *batch,
             GError         **error)
{
  g_autoptr(DlgIngestReport) report = NULL;

  if (dlg_ingest_batch_get_n_items (batch) == 0)
    return TRUE;
  if (!dlg_ingest_batch_apply (self->store, batch, NULL, NULL, NULL, &report, error))
    return FALSE;
  if (report->n_added + report->n_updated > 0)
    {
      self->n_pulled += report->n_added + report->n_updated;
      dlg_sync_client_notify (self, PROP_N_PULLED);
    }
  for (guint i = 0; i < report->skipped->len; i++)
    {
      DlgIngestSkip *skip = g_ptr_array_index (report->skipped, i);

      self->n_skipped++;
      g_ptr_array_add (self->problems,
                       g_strdup_printf (_("Item %s of the site was not taken: %s"),
                                        skip->source_id, skip->reason));
    }
  return TRUE;
}

static void
answer_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  GTask *task = user_data;
  DlgSyncClient *self = DLG_SYNC_CLIENT (object);
  Scan *scan = g_task_get_task_data (task);
  Job *job = g_queue_peek_head (&scan->jobs);
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(DlgIngestBatch) batch = NULL;
  JsonObject *data = NULL;
  JsonObject *connection = NULL;
  JsonObject *page_info;
  const char *remote_id = g_ptr_array_index (scan->remote_ids, scan->mapping);

  if (!dlg_sync_request_finish (self, result, &error))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  root = read_answer (self, scan->req, &data, &error);
  if (root == NULL)
    {
      /* An instance without introspection is read anyway: it just says nothing of writing. */
      if (job->kind == JOB_DECIDIM_WRITE_API &&
          g_error_matches (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_PROTOCOL))
        {
          g_free (self->site_abilities);
          self->site_abilities = g_strdup (_("This Decidim site does not say what its API "
                                             "allows (introspection is off): Dialogue only "
                                             "reads it."));
          job_free (g_queue_pop_head (&scan->jobs));
          next_job (task);
          return;
        }
      fail (task, g_steal_pointer (&error));
      return;
    }

  batch = dlg_ingest_batch_new (scan->source);
  switch (job->kind)
    {
    case JOB_DECIDIM_WRITE_API:
      decidim_read_write_api (self, data);
      break;
    case JOB_DECIDIM_SPACE:
      if (!decidim_read_space (scan, data, remote_id, &error))
        {
          fail (task, g_steal_pointer (&error));
          return;
        }
      break;
    case JOB_DECIDIM_PROPOSALS:
      decidim_read_proposals (scan, batch, data, &connection);
      break;
    case JOB_CAP_PROJECT:
      if (!cap_read_project (scan, data, remote_id, &error))
        {
          fail (task, g_steal_pointer (&error));
          return;
        }
      break;
    case JOB_CAP_PROPOSALS:
      connection = member_object (member_object (data, "node"), "proposals");
      cap_read_proposals (scan, batch, member_array (connection, "edges"));
      break;
    case JOB_CAP_REPLIES:
      connection = member_object (member_object (data, "node"), "replies");
      cap_read_replies (scan, batch, member_array (connection, "edges"));
      break;
    case JOB_CAP_CONTRIBUTIONS:
      connection = member_object (member_object (data, "node"), "contributions");
      cap_read_contributions (scan, batch, member_array (connection, "edges"));
      break;
    default:
      g_assert_not_reached ();
    }
  if (!apply_batch (self, batch, &error))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }

  /* The next page of the same connection, or the next job. */
  page_info = member_object (connection, "pageInfo");
  if (page_info != NULL && dlg_json_member_boolean (page_info, "hasNextPage", FALSE))
    {
      const char *cursor = member_string (page_info, "endCursor");

      if (cursor == NULL || g_strcmp0 (cursor, job->after) == 0 ||
          ++job->n_pages >= self->max_pull_pages ||
          (g_get_monotonic_time () - scan->started) / G_USEC_PER_SEC >
          (gint64) self->max_pull_seconds)
        {
          fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_FEED_ENDLESS,
                                   _("The site’s list did not end within the bounds of one "
                                     "sync (its pages repeat or never stop). What was read "
                                     "is kept.")));
          return;
        }
      g_free (job->after);
      job->after = g_strdup (cursor);
    }
  else
    job_free (g_queue_pop_head (&scan->jobs));
  next_job (task);
}

/* After the complete scan of one space: what it no longer lists is marked. */
static gboolean
finish_mapping (DlgSyncClient  *self,
                Scan           *scan,
                GError        **error)
{
  guint n_missing = 0, n_held = 0, n_marked = 0;

  if (!dlg_ingest_count_missing (self->store, scan->source, DLG_INGEST_CONTRIBUTION,
                                 scan->seen, &n_missing, &n_held, error))
    return FALSE;
  if (!(scan->flags & DLG_SYNC_FLAGS_CONFIRM_MISSING) &&
      (n_missing > MISSING_MAX || (n_missing >= 3 && n_missing * 20 > n_held)))
    {
      g_set_error (error, DLG_SYNC_ERROR, DLG_SYNC_ERROR_SITE_MISSING,
                   g_dngettext (GETTEXT_PACKAGE,
                                "The site no longer lists %u contribution of the %u Dialogue "
                                "holds from it (it may have been restored from an older "
                                "backup). Nothing was marked; sync again and confirm to mark "
                                "it “no longer on the site”.",
                                "The site no longer lists %u contributions of the %u Dialogue "
                                "holds from it (it may have been restored from an older "
                                "backup). Nothing was marked; sync again and confirm to mark "
                                "them “no longer on the site”.", n_missing),
                   n_missing, n_held);
      return FALSE;
    }
  if (!dlg_ingest_remove_missing (self->store, scan->source, DLG_INGEST_CONTRIBUTION,
                                  scan->seen, &n_marked, error))
    return FALSE;
  g_debug ("%s: %u items seen, %u marked no longer on the site", scan->source,
           g_hash_table_size (scan->seen), n_marked);
  return TRUE;
}

static void
next_job (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  Scan *scan = g_task_get_task_data (task);
  Job *job = g_queue_peek_head (&scan->jobs);
  g_autoptr(GError) error = NULL;
  const char *path = self->kind == DLG_SYNC_SITE_DECIDIM ? "/api" : "/graphql";

  if (job == NULL)
    {
      if (!finish_mapping (self, scan, &error))
        {
          fail (task, g_steal_pointer (&error));
          return;
        }
      scan->mapping++;
      if (scan->mapping >= scan->process_ids->len)
        {
          dlg_sync_run_end (task, NULL);
          return;
        }
      start_mapping (task);
      return;
    }

  g_clear_pointer (&scan->req, dlg_sync_request_free);
  scan->req = dlg_sync_request_new ("POST", path);
  scan->req->body = request_body (self, scan, job);
  dlg_sync_request_add_header (scan->req, "Accept",
                               self->kind == DLG_SYNC_SITE_CAP_COLLECTIF
                               ? CAP_COLLECTIF_ACCEPT : "application/json");
  dlg_sync_request_async (self, scan->req, g_task_get_cancellable (task), answer_cb, task);
}

static void
start_mapping (GTask *task)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  Scan *scan = g_task_get_task_data (task);
  const char *remote_id = g_ptr_array_index (scan->remote_ids, scan->mapping);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;

  scan->process_id = g_array_index (scan->process_ids, gint64, scan->mapping);
  process = dlg_process_load (self->store, scan->process_id, &error);
  if (process == NULL)
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  g_free (scan->process_uuid);
  scan->process_uuid = g_strdup (dlg_process_get_uuid (process));
  g_free (scan->source);
  scan->source = dlg_sync_platform_source (self->kind, self->site_url, remote_id);
  g_clear_pointer (&scan->seen, g_hash_table_unref);
  scan->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  push_job (scan, self->kind == DLG_SYNC_SITE_DECIDIM ? JOB_DECIDIM_SPACE : JOB_CAP_PROJECT,
            remote_id, FALSE);
  next_job (task);
}

/* Runs one sync of @task with a platform (self->kind is not the reference site). */
void
dlg_sync_graphql_run (GTask        *task,
                      DlgSyncFlags  flags)
{
  DlgSyncClient *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  Scan *scan = g_new0 (Scan, 1);

  scan->flags = flags;
  scan->started = g_get_monotonic_time ();
  g_queue_init (&scan->jobs);
  g_task_set_task_data (task, scan, (GDestroyNotify) scan_free);

  if (flags & DLG_SYNC_FLAGS_PUSH_ONLY)
    {
      dlg_sync_run_end (task, NULL);
      return;
    }
  if (self->kind == DLG_SYNC_SITE_CAP_COLLECTIF && self->token == NULL)
    {
      fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
                               _("No API key for %s: enter the key the platform’s "
                                 "administrator gave you."), self->site_url));
      return;
    }
  if (!dlg_sync_list_mappings (self->store, self->site_url, &scan->process_ids,
                               &scan->remote_ids, &error))
    {
      fail (task, g_steal_pointer (&error));
      return;
    }
  if (scan->process_ids->len == 0)
    {
      fail (task, g_error_new (DLG_SYNC_ERROR, DLG_SYNC_ERROR_NOT_CONFIGURED,
                               _("No process is linked to a space of %s yet: choose, in the "
                                 "preferences, which participatory process or project each "
                                 "process reads."), self->site_url));
      return;
    }
  if (self->kind == DLG_SYNC_SITE_DECIDIM)
    push_job (scan, JOB_DECIDIM_WRITE_API, "", FALSE);
  else
    {
      g_free (self->site_abilities);
      self->site_abilities = g_strdup (_("Cap Collectif’s API is read only for an API key: "
                                         "Dialogue reads proposals, replies and "
                                         "contributions; responses, commitments and "
                                         "moderation stay in Dialogue."));
    }
  /* The introspection job first (queued above), then the first space's. */
  scan->mapping = 0;
  start_mapping (task);
}
