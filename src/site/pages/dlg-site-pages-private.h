/* dlg-site-pages-private.h — what the public pages share: one file per page under src/site/pages/
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dlg-site-pages.c routes a request to the page of its path; the pages write HTML through
 * dlg-site-html.h, and share the features and stages they name, the lookups of the site's
 * objects and the replies below.
 */

#pragma once

#include "dlg-site-private.h"

G_BEGIN_DECLS

/* A feature of the mandate as the site names it; @verb labels its form's button (NULL: no
 * form). dlg_page_features ends with an entry whose @id is NULL. Labels are msgids: show them
 * through _(). */
typedef struct
{
  const char *id;
  const char *label;
  const char *verb;
} DlgPageFeature;

extern const DlgPageFeature dlg_page_features[];
/* The stages, in order, as the app names them: dlg_vocabulary_stage (labels through
 * C_("stage", …)). */

/* Rows (id, parsed data) of a query taking the process id and optionally a type. */
typedef struct
{
  char     *id;
  JsonNode *data;
} DlgPageRow;

/* JSON members, NULL (or @fallback) when missing or of another type. */
static inline const char *
jstr (JsonObject *object,
      const char *member)
{
  JsonNode *node;

  if (object == NULL)
    return NULL;
  node = json_object_get_member (object, member);
  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node)
      || json_node_get_value_type (node) != G_TYPE_STRING)
    return NULL;
  return json_node_get_string (node);
}

static inline gint64
jint (JsonObject *object,
      const char *member,
      gint64      fallback)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;

  if (node == NULL || !JSON_NODE_HOLDS_VALUE (node))
    return fallback;
  if (json_node_get_value_type (node) == G_TYPE_INT64)
    return json_node_get_int (node);
  if (json_node_get_value_type (node) == G_TYPE_DOUBLE)
    return (gint64) json_node_get_double (node);
  return fallback;
}

static inline JsonArray *
jarray (JsonObject *object,
        const char *member)
{
  JsonNode *node = object != NULL ? json_object_get_member (object, member) : NULL;
  return node != NULL && JSON_NODE_HOLDS_ARRAY (node) ? json_node_get_array (node) : NULL;
}

/* Shared by the pages (dlg-site-page-common.c). */
const DlgPageFeature  *dlg_page_feature_info          (const char *id);
JsonNode              *dlg_page_load_object           (DlgSiteDb  *db,
                                                       const char *type,
                                                       const char *id);
void                   dlg_page_row_free              (DlgPageRow *row);
void                   dlg_page_read_rows             (DlgSiteStmt *stmt,
                                                       GPtrArray   *rows);
GPtrArray             *dlg_page_load_rows             (DlgSiteDb  *db,
                                                       const char *sql,
                                                       const char *process_id,
                                                       const char *type);
GPtrArray             *dlg_page_load_children         (DlgSiteDb  *db,
                                                       const char *process_id,
                                                       const char *type);
JsonObject            *dlg_page_find_feature          (JsonObject *process,
                                                       const char *feature);
gboolean               dlg_page_feature_enabled       (JsonObject *process,
                                                       const char *feature);
gboolean               dlg_page_feature_open          (JsonObject *feature);
const char            *dlg_page_feature_closed_reason (JsonObject *process,
                                                       const char *feature_id);
void                   dlg_page_reply_html            (SoupServerMessage *msg,
                                                       guint              status,
                                                       GString           *page);
void                   dlg_page_reply_message         (SoupServerMessage *msg,
                                                       guint              status,
                                                       const char        *title,
                                                       const char        *text);
void                   dlg_page_reply_not_found       (SoupServerMessage *msg);
void                   dlg_page_append_link           (GString    *out,
                                                       const char *href_a,
                                                       const char *href_b,
                                                       const char *href_c,
                                                       const char *label,
                                                       const char *klass);
void                   dlg_page_append_date           (GString    *out,
                                                       const char *prefix,
                                                       const char *iso);

/* The site's settings (dlg-site-page-about.c): the configured value of @key, else its default;
 * and what the registration form and the privacy notice say of contact details (@process may
 * carry its own rule; NULL: the site's). */
char                  *dlg_page_setting               (DlgSiteServer *self,
                                                       const char    *key);
guint                  dlg_page_contact_retention_months (DlgSiteServer *self,
                                                          JsonObject    *process);
char                  *dlg_page_privacy_contact       (DlgSiteServer *self,
                                                       JsonObject    *process);

/* /accessibilite, /mentions-legales, /confidentialite (dlg-site-page-about.c); FALSE when @path
 * is none of them. */
gboolean dlg_page_about (DlgSiteServer     *self,
                         SoupServerMessage *msg,
                         const char        *path);

/* / (dlg-site-page-index.c) */
void dlg_page_index (DlgSiteServer     *self,
                     SoupServerMessage *msg);

/* /p/<uuid> (dlg-site-page-process.c) */
void dlg_page_process (DlgSiteServer     *self,
                       SoupServerMessage *msg,
                       const char        *process_id,
                       JsonObject        *process);

/* /p/<uuid>/contributions[/<uuid>] (dlg-site-page-contributions.c); the labels and the lookup
 * serve the response page too. */
const char  *dlg_page_kind_label              (const char *kind);
const char  *dlg_page_channel_label           (const char *channel);
void         dlg_page_contributions           (DlgSiteServer     *self,
                                               SoupServerMessage *msg,
                                               const char        *process_id,
                                               JsonObject        *process);
JsonNode    *dlg_page_load_shown_contribution (DlgSiteDb  *db,
                                               const char *process_id,
                                               const char *id);
void         dlg_page_contribution            (DlgSiteServer     *self,
                                               SoupServerMessage *msg,
                                               const char        *process_id,
                                               JsonObject        *process,
                                               const char        *contribution_id);

/* /p/<uuid>/narratives/<uuid> (dlg-site-page-narrative.c) */
void dlg_page_narrative (DlgSiteServer     *self,
                         SoupServerMessage *msg,
                         const char        *process_id,
                         JsonObject        *process,
                         const char        *narrative_id);

/* /p/<uuid>/response (dlg-site-page-response.c) */
void dlg_page_response (DlgSiteServer     *self,
                        SoupServerMessage *msg,
                        const char        *process_id,
                        JsonObject        *process);

/* /p/<uuid>/follow-up (dlg-site-page-follow-up.c) */
void dlg_page_follow_up (DlgSiteServer     *self,
                         SoupServerMessage *msg,
                         const char        *process_id,
                         JsonObject        *process);

/* /p/<uuid>/register, /p/<uuid>/contribute/<feature>, /p/<uuid>/merci (dlg-site-page-form.c) */
void dlg_page_form   (DlgSiteServer     *self,
                      SoupServerMessage *msg,
                      const char        *process_id,
                      JsonObject        *process,
                      const char        *feature_id,
                      const char        *form_path);
void dlg_page_thanks (SoupServerMessage *msg,
                      const char        *process_id,
                      JsonObject        *process);

G_END_DECLS
