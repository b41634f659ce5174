/* dlg-import-decidim.c — the CSVs of a Decidim open-data export
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * `;`-separated, bodies quoted over several lines, translated fields as `field/locale` columns
 * (`title/ca`, `body/es`; `--locale` picks one), HTML in bodies (turned into plain text, never
 * interpreted). Comments (a `commentable_type` column) are kept as replies of what they answer:
 * another comment, or the proposal, meeting or result, whose uuid the file of those makes. The
 * other resources with a title and a text (proposals, budget projects, results, meetings;
 * `description/<locale>` as the body) are contributions of their own. Authors' names are
 * dropped; their id is the author reference.
 */

#define G_LOG_DOMAIN "dlg-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-import-private.h"

typedef struct
{
  const char *kind;      /* the source id's prefix: "comment", "proposal"… */
  const char *feature;
  const char *contribution_kind;
  gboolean    comments;
} Resource;

/* The resource a `commentable_type` names, as the prefix of its source id. */
static char *
commentable_prefix (const char *type)
{
  static const struct { const char *type; const char *prefix; } known[] = {
    { "Decidim::Comments::Comment", "comment" },
    { "Decidim::Proposals::Proposal", "proposal" },
    { "Decidim::Meetings::Meeting", "meeting" },
    { "Decidim::Accountability::Result", "result" },
    { "Decidim::Budgets::Project", "project" },
    { "Decidim::Debates::Debate", "debate" },
  };
  const char *last;

  for (guint i = 0; i < G_N_ELEMENTS (known); i++)
    if (g_str_equal (known[i].type, type))
      return g_strdup (known[i].prefix);
  last = strrchr (type, ':');
  return g_ascii_strdown (last != NULL ? last + 1 : type, -1);
}

/* What a resource file holds, from its name as the export writes it
 * (…-open-data-proposals.csv, …-meeting_comments.csv). */
static Resource
resource_of (const char *path)
{
  g_autofree char *base = g_path_get_basename (path);

  if (strstr (base, "comment") != NULL)
    return (Resource) { "comment", "debate", "comment", TRUE };
  if (strstr (base, "project") != NULL)
    return (Resource) { "project", "call_for_projects", "project", FALSE };
  if (strstr (base, "meeting") != NULL)
    return (Resource) { "meeting", "event", "idea", FALSE };
  if (strstr (base, "result") != NULL)
    return (Resource) { "result", "ideas", "idea", FALSE };
  if (strstr (base, "debate") != NULL)
    return (Resource) { "debate", "debate", "argument", FALSE };
  return (Resource) { "proposal", "ideas", "idea", FALSE };
}

gboolean
dlg_import_decidim_matches (const DlgCsvRow *header,
                            char             separator)
{
  gboolean localized = FALSE;

  if (separator != ';' || dlg_import_column (header, "id") < 0)
    return FALSE;
  for (guint i = 0; i < header->n_fields; i++)
    if (g_str_has_prefix (header->fields[i], "title/") ||
        g_str_has_prefix (header->fields[i], "body/") ||
        g_str_has_prefix (header->fields[i], "description/"))
      localized = TRUE;
  return localized || dlg_import_column (header, "commentable_type") >= 0;
}

static void
set_int_from (JsonObject      *object,
              const char      *member,
              const DlgCsvRow *header,
              const DlgCsvRow *row,
              const char      *column)
{
  const char *text = dlg_import_field (row, dlg_import_column (header, column));

  if (text != NULL && *text != '\0')
    json_object_set_int_member (object, member, g_ascii_strtoll (text, NULL, 10));
}

static gboolean
read_row (DlgImporter      *self,
          const DlgCsvRow  *header,
          const DlgCsvRow  *row,
          gpointer          data,
          GError          **error)
{
  const Resource *resource = data;
  const char *locale = dlg_importer_get_locale (self);
  const char *id = dlg_import_field (row, dlg_import_column (header, "id"));
  const char *title = dlg_import_localized (header, row, "title", locale);
  const char *body = dlg_import_localized (header, row, "body", locale);
  const char *author = dlg_import_field (row, dlg_import_column (header, "author/id"));
  const char *date = dlg_import_field (row, dlg_import_column (header, "published_at"));
  const char *text;
  g_autoptr(JsonObject) item = NULL;
  g_autoptr(JsonObject) extra = json_object_new ();
  g_autofree char *source_id = g_strdup_printf ("%s/%s", resource->kind, id);
  g_autofree char *plain = NULL;

  if (body == NULL || *body == '\0')
    body = dlg_import_localized (header, row, "description", locale);
  if (date == NULL || *date == '\0')
    date = dlg_import_field (row, dlg_import_column (header, "created_at"));
  plain = dlg_import_html_to_text (body != NULL ? body : "");

  item = dlg_importer_new_item (self, resource->feature, resource->contribution_kind,
                                "published", date, author);
  json_object_set_string_member (item, "title", title != NULL ? title : "");
  json_object_set_string_member (item, "body", plain);

  if (resource->comments)
    {
      const char *type = dlg_import_field (row, dlg_import_column (header, "commentable_type"));
      const char *parent = dlg_import_field (row, dlg_import_column (header, "commentable_id"));

      if (type != NULL && *type != '\0' && parent != NULL && *parent != '\0')
        {
          g_autofree char *prefix = commentable_prefix (type);
          g_autofree char *parent_id = g_strdup_printf ("%s/%s", prefix, parent);
          g_autofree char *parent_uuid = dlg_importer_uuid (self, parent_id);

          json_object_set_string_member (item, "parent_id", parent_uuid);
        }
      set_int_from (extra, "alignment", header, row, "alignment");
      set_int_from (extra, "depth", header, row, "depth");
    }
  else
    {
      const char *lat = dlg_import_field (row, dlg_import_column (header, "latitude"));
      const char *lon = dlg_import_field (row, dlg_import_column (header, "longitude"));

      if (lat != NULL && *lat != '\0' && lon != NULL && *lon != '\0')
        {
          json_object_set_double_member (item, "lat", g_ascii_strtod (lat, NULL));
          json_object_set_double_member (item, "lon", g_ascii_strtod (lon, NULL));
        }
      set_int_from (item, "supports", header, row, "supports");
      set_int_from (item, "supports", header, row, "votes");
      set_int_from (item, "supports", header, row, "endorsements/total_count");
    }
  if ((text = dlg_import_field (row, dlg_import_column (header, "locale"))) != NULL && *text)
    json_object_set_string_member (extra, "locale", text);
  if ((text = dlg_import_field (row, dlg_import_column (header, "root_commentable_url"))) != NULL
      && *text != '\0')
    json_object_set_string_member (extra, "url", text);
  if ((text = dlg_import_field (row, dlg_import_column (header, "url"))) != NULL && *text)
    json_object_set_string_member (extra, "url", text);
  if ((text = dlg_import_field (row, dlg_import_column (header, "reference"))) != NULL && *text)
    json_object_set_string_member (extra, "reference", text);
  if (json_object_get_size (extra) > 0)
    json_object_set_object_member (item, "answers", g_steal_pointer (&extra));

  return dlg_importer_add (self, row->line, source_id, item, error);
}

gboolean
dlg_import_read_decidim (DlgImporter   *self,
                         DlgCsvReader  *reader,
                         GError       **error)
{
  static const char *required[] = { "id", NULL };
  Resource resource = resource_of (dlg_importer_get_path (self));

  return dlg_import_read_csv_rows (self, reader, required, read_row, &resource, error);
}
