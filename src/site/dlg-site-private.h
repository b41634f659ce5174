/* dlg-site-private.h — what the site's handlers share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <json-glib/json-glib.h>

#include "dlg-error.h"
#include "dlg-json.h"
#include "dlg-site-server.h"
#include "dlg-vocabularies.h"

G_BEGIN_DECLS

/* Flags of a JSON member in a validation table. */
enum {
  DLG_JF_REQUIRED = 1 << 0,
  DLG_JF_NULLABLE = 1 << 1,
  DLG_JF_DATETIME = 1 << 2,     /* RFC 3339 */
  DLG_JF_DATE     = 1 << 3,     /* YYYY-MM-DD */
  DLG_JF_UUID     = 1 << 4,
};

typedef enum {
  DLG_JT_STRING,
  DLG_JT_INT,
  DLG_JT_NUMBER,
  DLG_JT_BOOL,
  DLG_JT_ARRAY,                 /* of objects described by `items`, or of anything */
  DLG_JT_OBJECT,
} DlgJsonType;

typedef struct _DlgJsonField DlgJsonField;
struct _DlgJsonField
{
  const char         *name;     /* NULL ends a table */
  DlgJsonType         type;
  guint               flags;
  const char *const  *choices;  /* allowed strings, NULL-terminated */
  double              min;      /* numbers; ignored when min == max */
  double              max;
  const DlgJsonField *items;    /* for arrays of objects */
  const DlgVocabulary *vocabulary; /* allowed strings: the ids of a vocabulary of the core */
};

/* Adds {"field", "message"} objects to @errors for every member of @object that breaks
 * @fields. Returns TRUE when nothing was added. */
gboolean   dlg_site_json_validate      (JsonObject         *object,
                                        const DlgJsonField *fields,
                                        const char         *prefix,
                                        JsonArray          *errors);
void       dlg_site_json_add_error     (JsonArray          *errors,
                                        const char         *field,
                                        const char         *message);
/* Why a request body was refused: the problem to answer. */
typedef struct
{
  guint       status;
  const char *slug;
  const char *title;
  char       *detail;
  char       *field;            /* where in the body, when known */
  JsonArray  *errors;
} DlgSiteRefusal;

void       dlg_site_refusal_clear      (DlgSiteRefusal     *refusal);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (DlgSiteRefusal, dlg_site_refusal_clear)
JsonNode  *dlg_site_json_parse_request (const char         *data,
                                        gsize               len,
                                        DlgSiteRefusal     *refusal);
/* Parses a request body: checks size, UTF-8, depth, that it is a JSON object and that every
 * string is text. On failure the problem answer (400/413/422) is already set and NULL is
 * returned. */
JsonNode  *dlg_site_parse_json_body    (SoupServerMessage  *msg);
/* The validation table of a collection of the API ("narratives"…, or "moderation"), or NULL. */
const DlgJsonField *dlg_site_api_fields (const char        *collection);
char      *dlg_site_json_to_string     (JsonNode           *node);

void       dlg_site_reply_json         (SoupServerMessage  *msg,
                                        guint               status,
                                        JsonNode           *node);
char      *dlg_site_problem_to_string  (guint               status,
                                        const char         *slug,
                                        const char         *title,
                                        const char         *detail,
                                        JsonArray          *errors);
void       dlg_site_reply_problem      (SoupServerMessage  *msg,
                                        guint               status,
                                        const char         *slug,
                                        const char         *title,
                                        const char         *detail,
                                        JsonArray          *errors);
void       dlg_site_set_security_headers (SoupServerMessage *msg);

/* Sync API (dlg-site-api.c). @delay_ms > 0 delays side effects (slow fault). */
gboolean   dlg_site_api_authenticate_early (DlgSiteServer  *self,
                                            SoupServerMessage *msg);
void       dlg_site_api_handle         (DlgSiteServer      *self,
                                        SoupServerMessage  *msg,
                                        const char         *path,
                                        guint               delay_ms);
/* Public pages (dlg-site-pages.c). */
void       dlg_site_pages_handle       (DlgSiteServer      *self,
                                        SoupServerMessage  *msg,
                                        const char         *path);
/* Demo data (dlg-site-demo.c). */
gboolean   dlg_site_demo_seed          (DlgSiteDb          *db,
                                        GError            **error);
gboolean   dlg_site_demo_seed_contributions (DlgSiteDb   *db,
                                             const char  *process_id,
                                             guint        n,
                                             GError     **error);
/* Keeps @msg paused for @delay_ms, then unpauses it (slow fault). */
GSource   *dlg_site_timeout_source_new (guint               delay_ms,
                                        GSourceFunc         func,
                                        gpointer            data,
                                        GDestroyNotify      notify);
void       dlg_site_server_delay_reply (DlgSiteServer      *self,
                                        SoupServerMessage  *msg,
                                        guint               delay_ms);

G_END_DECLS
