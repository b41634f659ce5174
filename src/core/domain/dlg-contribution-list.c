/* dlg-contribution-list.c — a lazy GListModel over the contributions of a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list never holds every contribution: a filter change runs one COUNT query, and
 * get_item() reads the page of PAGE_SIZE rows holding the item (newest first, or in the order
 * of dlg_contribution_list_set_sort(), done in SQL), unless one of the N_PAGES cached pages
 * has it. A page that follows a cached one is read from where that
 * one ended (keyset), so scrolling never pays for a large OFFSET; a jump pays for one, counted
 * from the nearer end of the list.
 *
 * The statements depend on which filters are set. They are assembled from the constant
 * fragments below (no user text ever goes into SQL: the search text is bound, and first turned
 * into a quoted FTS5 query) and owned by the list, not the store's cache.
 *
 * A search does not join the FTS5 index in SQL (a COUNT over `t.id IN (SELECT rowid … MATCH)`
 * probed every row of the process, 13 times the MATCH itself): the MATCH is stepped once, its
 * rowids kept in a bit set when the other filters keep them (their ids are a bit set too, read
 * once per filter change or refresh, or none at all when the file holds this process alone and
 * nothing else filters), and that is the count. The pages then read either the few matches by
 * id (a JSON array of them) or the list's index in order, each row tested against the
 * set by dlg_list_match() (a bound pointer), whichever reads fewer rows (search_plan()). Typing
 * changes only bound values: the statements stay prepared.
 */

#define G_LOG_DOMAIN "dlg-contribution-list"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-contribution.h"
#include "dlg-contribution-list.h"
#include "dlg-contribution-list-private.h"
#include "dlg-domain-private.h"
#include "dlg-record-private.h"
#include "dlg-store.h"
#include "dlg-vocabularies.h"

#define PAGE_SIZE 64
#define N_PAGES   4
/* At most this many matches are read by id (a JSON array bound to ?12). */
#define MAX_IDS   20000

typedef enum
{
  SEARCH_NONE,       /* no search */
  SEARCH_BY_IDS,     /* the matches read by id, then sorted */
  SEARCH_BY_SCAN,    /* the list read in order, each row tested against the set */
  N_SEARCH_PLANS
} SearchPlan;

/* The statements of one plan, kept while another one is in use. */
typedef struct
{
  gboolean      built;
  sqlite3_stmt *count, *page, *after, *key, *tail;
} Statements;

typedef struct
{
  guint      index;    /* page number */
  guint64    stamp;    /* last use, for eviction */
  GPtrArray *items;    /* of DlgContribution; NULL when the slot is free */
} Page;

struct _DlgContributionList
{
  GObject       parent_instance;

  DlgStore     *store;
  gint64        process_id;
  char         *search;
  char         *fts_query;
  char         *channel;
  char         *feature;
  char         *moderation;
  gint64        theme_id;      /* 0: any; DLG_CONTRIBUTION_LIST_NO_THEME: none */
  gboolean      highlighted_only;
  gboolean      site_missing_only;
  char         *only_ids;      /* a JSON array of ids ("[3,8]"), bound as ?12, or NULL */
  DlgContributionSort sort;
  gboolean      ascending;
  char         *sort_ids;      /* ",id,id,…," of the sort's vocabulary, bound as ?11 */

  sqlite3_stmt *count_stmt;
  sqlite3_stmt *page_stmt;     /* LIMIT/OFFSET */
  sqlite3_stmt *after_stmt;    /* LIMIT after a (sort key, id) key */
  sqlite3_stmt *key_stmt;      /* the sort key of a row */
  sqlite3_stmt *tail_stmt;     /* LIMIT/OFFSET counted from the end (oldest first) */
  sqlite3_stmt *match_stmt;    /* the MATCH's rowids */

  /* The search (see the top of the file) */
  gboolean      filtered_valid; /* FALSE after a filter change or a refresh */
  gboolean      filtered_all;  /* every contribution of the file: no set */
  DlgIdSet      filtered;      /* the ids the filters other than the search keep */
  guint         n_filtered;
  DlgIdSet      matches;       /* of those, the ones the search matches */
  guint         n_matches;
  GString      *match_ids;     /* "[id,…]" for SEARCH_BY_IDS */
  GArray       *collected;     /* while the MATCH runs: the first MAX_IDS matches */
  SearchPlan    plan;          /* that of the statements built */
  Statements    parked[N_SEARCH_PLANS]; /* those of the other plans, for the same filters */
  guint         n_items;
  Page          pages[N_PAGES];
  guint64       clock;
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (DlgContributionList, dlg_contribution_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

enum {
  PROP_0,
  PROP_ITEM_TYPE,
  PROP_N_ITEMS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* Parameters: ?1 process, ?2 channel, ?3 feature, ?4 moderation, ?6 limit, ?7 offset, ?8
 * created_at and ?9 id of the last row of the previous page, ?10 theme, ?11 the sort's ids, ?5
 * the search's matches (a pointer), ?12 the same as a JSON array of ids. */
static const char sql_count[] = "SELECT count(*) FROM contribution t";
static const char sql_where[] = " WHERE t.process_id = ?1";
static const char sql_channel[] = " AND t.channel = ?2";
static const char sql_feature[] = " AND t.feature = ?3";
static const char sql_moderation[] = " AND t.moderation = ?4";
/* The search, as search_plan() reads it: the matches by id (the process's test made no use of
 * its index, so that the planner reads the few rows by id), or every row tested. */
static const char sql_where_by_ids[] = " WHERE +t.process_id = ?1";
static const char sql_search_by_ids[] = " AND t.id IN (SELECT value FROM json_each (?12))";
static const char sql_search_by_scan[] = " AND dlg_list_match (?5, t.id)";
/* Stepped in SQL, as count(*) would be, not row by row from C. */
static const char sql_match[] =
  "SELECT dlg_list_collect (?2, rowid) FROM contribution_fts WHERE contribution_fts MATCH ?1";
/* Whether the file holds this process's contributions alone (two look-ups in an index). */
static const char sql_single_process[] =
  "SELECT coalesce ((SELECT min (process_id) FROM contribution) = ?1"
  " AND (SELECT max (process_id) FROM contribution) = ?1, 1), (SELECT count(*) FROM contribution)";
/* A theme matches its sub-themes' contributions too. */
static const char sql_theme[] =
  " AND t.id IN (WITH RECURSIVE sub (id) AS (SELECT ?10 UNION ALL"
  "  SELECT th.id FROM theme th JOIN sub ON th.parent_id = sub.id)"
  "  SELECT ct.contribution_id FROM contribution_theme ct WHERE ct.theme_id IN sub)";
static const char sql_no_theme[] =
  " AND NOT EXISTS (SELECT 1 FROM contribution_theme ct WHERE ct.contribution_id = t.id)";
static const char sql_highlighted[] =
  " AND EXISTS (SELECT 1 FROM contribution_annotation an"
  "  WHERE an.contribution_id = t.id AND an.highlighted)";
/* Kept after a full resync found them gone from the site (it may have been restored). */
static const char sql_site_missing[] = " AND t.site_missing_at IS NOT NULL";
/* A group the workbench opens in the list (duplicates): these contributions only. */
static const char sql_only_ids[] = " AND t.id IN (SELECT value FROM json_each (?12))";
static const char sql_ids[] = "SELECT t.id FROM contribution t";
static const char sql_keep[] = "SELECT dlg_list_keep (?5, t.id) FROM contribution t";
static const char sql_order[] = " ORDER BY ";
static const char sql_limit[] = " LIMIT ?6";
static const char sql_offset[] = " OFFSET ?7";

static const char sql_key[] = " FROM contribution t WHERE t.id = ?9";

/* The sort key of each DlgContributionSort: constant SQL, never user text, never NULL (a
 * page after another compares (key, id) with the last row's). A vocabulary's column sorts by
 * its id's place in ?11 (",pending,published,…,"), that is the display order; an untitled
 * contribution by the start of its text, as its cell shows it; no theme first. */
static const char * const sort_sql[] = {
  [DLG_CONTRIBUTION_SORT_DATE] = "t.created_at",
  [DLG_CONTRIBUTION_SORT_TITLE] = "coalesce (nullif (t.title, ''), t.body, '') COLLATE NOCASE",
  [DLG_CONTRIBUTION_SORT_CHANNEL] = "instr (?11, ',' || t.channel || ',')",
  [DLG_CONTRIBUTION_SORT_FEATURE] = "instr (?11, ',' || t.feature || ',')",
  [DLG_CONTRIBUTION_SORT_AUTHOR] = "coalesce (t.author_ref, '') COLLATE NOCASE",
  [DLG_CONTRIBUTION_SORT_MODERATION] = "instr (?11, ',' || t.moderation || ',')",
  [DLG_CONTRIBUTION_SORT_THEMES] =
    "coalesce (" DLG_CONTRIBUTION_THEME_NAMES_SQL ", '') COLLATE NOCASE",
  [DLG_CONTRIBUTION_SORT_SUPPORTS] = "t.supports",
};

static void
drop_pages (DlgContributionList *self)
{
  for (guint i = 0; i < N_PAGES; i++)
    g_clear_pointer (&self->pages[i].items, g_ptr_array_unref);
}

static const char id_set_type[] = "DlgIdSet";

/* dlg_list_match (set, id): whether @id is in the set bound as a pointer. */
static void
list_match_func (sqlite3_context  *context,
                 int               argc,
                 sqlite3_value   **argv)
{
  const DlgIdSet *set = sqlite3_value_pointer (argv[0], id_set_type);

  sqlite3_result_int (context,
                      set != NULL && dlg_id_set_has (set, sqlite3_value_int64 (argv[1])));
}

static const char list_type[] = "DlgContributionList";

/* dlg_list_collect (list, rowid), an aggregate over the MATCH's rows: keeps those the list's
 * other filters keep (search_plan()). */
static void
list_collect_step (sqlite3_context  *context,
                   int               argc,
                   sqlite3_value   **argv)
{
  DlgContributionList *self = sqlite3_value_pointer (argv[0], list_type);
  gint64 id = sqlite3_value_int64 (argv[1]);

  if (self == NULL || (!self->filtered_all && !dlg_id_set_has (&self->filtered, id)))
    return;
  dlg_id_set_add (&self->matches, id);
  if (++self->n_matches <= MAX_IDS)
    g_array_append_val (self->collected, id);
}

/* dlg_list_keep (list, id), an aggregate over the rows the other filters keep
 * (read_filtered()). */
static void
list_keep_step (sqlite3_context  *context,
                int               argc,
                sqlite3_value   **argv)
{
  DlgContributionList *self = sqlite3_value_pointer (argv[0], list_type);

  if (self == NULL)
    return;
  dlg_id_set_add (&self->filtered, sqlite3_value_int64 (argv[1]));
  self->n_filtered++;
}

static void
list_collect_final (sqlite3_context *context)
{
  sqlite3_result_null (context);
}

/* Once per connection: registering a function again would expire every prepared statement
 * of the store's cache. */
static void
register_functions (sqlite3 *db)
{
  sqlite3_stmt *probe = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT dlg_list_match (NULL, 0)", -1, &probe, NULL) == SQLITE_OK)
    {
      sqlite3_finalize (probe);
      return;
    }
  sqlite3_create_function_v2 (db, "dlg_list_keep", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                              NULL, list_keep_step, list_collect_final, NULL);
  sqlite3_create_function_v2 (db, "dlg_list_collect", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                              NULL, list_collect_step, list_collect_final, NULL);
  sqlite3_create_function_v2 (db, "dlg_list_match", 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, NULL,
                              list_match_func, NULL, NULL, NULL);
}

static void
drop_statements (DlgContributionList *self)
{
  g_clear_pointer (&self->count_stmt, sqlite3_finalize);
  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  g_clear_pointer (&self->after_stmt, sqlite3_finalize);
  g_clear_pointer (&self->key_stmt, sqlite3_finalize);
  g_clear_pointer (&self->tail_stmt, sqlite3_finalize);
  for (guint i = 0; i < N_SEARCH_PLANS; i++)
    {
      Statements *parked = &self->parked[i];

      g_clear_pointer (&parked->count, sqlite3_finalize);
      g_clear_pointer (&parked->page, sqlite3_finalize);
      g_clear_pointer (&parked->after, sqlite3_finalize);
      g_clear_pointer (&parked->key, sqlite3_finalize);
      g_clear_pointer (&parked->tail, sqlite3_finalize);
      parked->built = FALSE;
    }
}

/* Parks the statements of the plan in use and takes those of @plan: TRUE if they were built
 * (for the filters and order now set). */
static gboolean
switch_statements (DlgContributionList *self,
                   SearchPlan           plan)
{
  Statements *old = &self->parked[self->plan], *new = &self->parked[plan];

  *old = (Statements) { TRUE, self->count_stmt, self->page_stmt, self->after_stmt,
                        self->key_stmt, self->tail_stmt };
  self->count_stmt = new->count;
  self->page_stmt = new->page;
  self->after_stmt = new->after;
  self->key_stmt = new->key;
  self->tail_stmt = new->tail;
  self->plan = plan;
  if (!new->built)
    return FALSE;
  *new = (Statements) { FALSE, NULL, NULL, NULL, NULL, NULL };
  return TRUE;
}

static void
dlg_contribution_list_finalize (GObject *object)
{
  DlgContributionList *self = (DlgContributionList *)object;

  drop_pages (self);
  drop_statements (self);
  g_clear_pointer (&self->match_stmt, sqlite3_finalize);
  g_free (self->filtered.bits);
  g_free (self->matches.bits);
  if (self->match_ids != NULL)
    g_string_free (self->match_ids, TRUE);
  g_clear_object (&self->store);
  g_free (self->search);
  g_free (self->fts_query);
  g_free (self->channel);
  g_free (self->feature);
  g_free (self->moderation);
  g_free (self->sort_ids);
  g_free (self->only_ids);

  G_OBJECT_CLASS (dlg_contribution_list_parent_class)->finalize (object);
}

static void
dlg_contribution_list_get_property (GObject    *object,
                                    guint       prop_id,
                                    GValue     *value,
                                    GParamSpec *pspec)
{
  DlgContributionList *self = DLG_CONTRIBUTION_LIST (object);

  switch (prop_id)
    {
    case PROP_ITEM_TYPE:
      g_value_set_gtype (value, DLG_TYPE_CONTRIBUTION);
      break;
    case PROP_N_ITEMS:
      g_value_set_uint (value, self->n_items);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_contribution_list_class_init (DlgContributionListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = dlg_contribution_list_finalize;
  object_class->get_property = dlg_contribution_list_get_property;

  properties[PROP_ITEM_TYPE] =
    g_param_spec_gtype ("item-type", NULL, NULL, G_TYPE_OBJECT,
                        G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  properties[PROP_N_ITEMS] =
    g_param_spec_uint ("n-items", NULL, NULL, 0, G_MAXUINT, 0,
                       G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_contribution_list_init (DlgContributionList *self)
{
}

static GType
list_get_item_type (GListModel *model)
{
  return DLG_TYPE_CONTRIBUTION;
}

static guint
list_get_n_items (GListModel *model)
{
  return DLG_CONTRIBUTION_LIST (model)->n_items;
}

static sqlite3_stmt *
prepare (DlgContributionList *self,
         const char          *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v3 (dlg_store_get_db (self->store), sql, -1,
                               SQLITE_PREPARE_PERSISTENT, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      g_warning ("Cannot prepare the contribution list query: %s",
                 sqlite3_errmsg (dlg_store_get_db (self->store)));
      return NULL;
    }
  return stmt;
}

/* The WHERE clause of the filters now set, with the search as @plan reads it. */
static GString *
build_where_for (DlgContributionList *self,
                 SearchPlan           plan)
{
  GString *where = g_string_new (plan == SEARCH_BY_IDS ? sql_where_by_ids : sql_where);

  if (self->channel != NULL)
    g_string_append (where, sql_channel);
  if (self->feature != NULL)
    g_string_append (where, sql_feature);
  if (self->moderation != NULL)
    g_string_append (where, sql_moderation);
  if (plan == SEARCH_BY_IDS)
    g_string_append (where, sql_search_by_ids);
  else if (plan == SEARCH_BY_SCAN)
    g_string_append (where, sql_search_by_scan);
  if (self->theme_id > 0)
    g_string_append (where, sql_theme);
  else if (self->theme_id == DLG_CONTRIBUTION_LIST_NO_THEME)
    g_string_append (where, sql_no_theme);
  if (self->highlighted_only)
    g_string_append (where, sql_highlighted);
  if (self->site_missing_only)
    g_string_append (where, sql_site_missing);
  if (self->only_ids != NULL)
    g_string_append (where, sql_only_ids);
  return where;
}

static GString *
build_where (DlgContributionList *self)
{
  return build_where_for (self, self->plan);
}

/* Whether a filter other than the search is set. */
static gboolean
has_filters (DlgContributionList *self)
{
  return self->channel != NULL || self->feature != NULL || self->moderation != NULL
         || self->theme_id != 0 || self->highlighted_only || self->site_missing_only;
}

/* " ORDER BY <sort> DESC, t.id DESC", or the other way (@reverse: the tail's). */
static void
append_order (DlgContributionList *self,
              GString             *sql,
              gboolean             reverse)
{
  const char *way = self->ascending != reverse ? "" : " DESC";

  g_string_append_printf (sql, "%s%s%s, t.id%s", sql_order, sort_sql[self->sort], way, way);
}

/* A page's statement: after the (key, id) of the previous page's last row (@after: no OFFSET
 * to count through), or at an OFFSET (counted from the end for the @reverse tail). By date,
 * the index gives the rows in order; by another column, the ids are sorted first and the
 * page's rows read by id, so that the sort holds ids and keys, not every column of every row
 * (the themes' names are read for the page alone). */
static sqlite3_stmt *
prepare_page (DlgContributionList *self,
              const char          *where,
              gboolean             after,
              gboolean             reverse)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  gboolean by_id = self->sort != DLG_CONTRIBUTION_SORT_DATE;

  g_string_append (sql, by_id ? sql_ids : dlg_record_type_get_select (DLG_TYPE_CONTRIBUTION));
  g_string_append (sql, where);
  if (after)
    g_string_append_printf (sql, " AND (%s, t.id) %s (?8, ?9)", sort_sql[self->sort],
                            self->ascending ? ">" : "<");
  append_order (self, sql, reverse);
  g_string_append (sql, sql_limit);
  if (!after)
    g_string_append (sql, sql_offset);
  if (by_id)
    {
      g_autofree char *ids = g_string_free (g_steal_pointer (&sql), FALSE);

      sql = g_string_new (dlg_record_type_get_select (DLG_TYPE_CONTRIBUTION));
      g_string_append_printf (sql, " WHERE t.id IN (%s)", ids);
      append_order (self, sql, reverse);
    }
  return prepare (self, sql->str);
}

/* Builds the statements for the filters and the order now set. */
static void
build_statements (DlgContributionList *self)
{
  g_autoptr(GString) where = build_where (self);
  g_autoptr(GString) sql = g_string_new (NULL);

  g_clear_pointer (&self->count_stmt, sqlite3_finalize);
  g_clear_pointer (&self->page_stmt, sqlite3_finalize);
  g_clear_pointer (&self->after_stmt, sqlite3_finalize);
  g_clear_pointer (&self->key_stmt, sqlite3_finalize);
  g_clear_pointer (&self->tail_stmt, sqlite3_finalize);
  g_string_append (g_string_append (sql, sql_count), where->str);
  self->count_stmt = prepare (self, sql->str);
  self->page_stmt = prepare_page (self, where->str, FALSE, FALSE);
  self->after_stmt = prepare_page (self, where->str, TRUE, FALSE);
  self->tail_stmt = prepare_page (self, where->str, FALSE, TRUE);
  g_string_printf (sql, "SELECT %s%s", sort_sql[self->sort], sql_key);
  self->key_stmt = prepare (self, sql->str);
}

static void
bind_filters (DlgContributionList *self,
              sqlite3_stmt        *stmt)
{
  /* Binding a parameter the statement does not use is harmless (SQLITE_RANGE, ignored). */
  sqlite3_bind_int64 (stmt, 1, self->process_id);
  if (self->channel != NULL)
    sqlite3_bind_text (stmt, 2, self->channel, -1, SQLITE_TRANSIENT);
  if (self->feature != NULL)
    sqlite3_bind_text (stmt, 3, self->feature, -1, SQLITE_TRANSIENT);
  if (self->moderation != NULL)
    sqlite3_bind_text (stmt, 4, self->moderation, -1, SQLITE_TRANSIENT);
  if (self->plan == SEARCH_BY_SCAN)
    sqlite3_bind_pointer (stmt, 5, &self->matches, id_set_type, NULL);
  else if (self->plan == SEARCH_BY_IDS)
    sqlite3_bind_text (stmt, 12, self->match_ids->str, (int) self->match_ids->len, SQLITE_STATIC);
  if (self->theme_id > 0)
    sqlite3_bind_int64 (stmt, 10, self->theme_id);
  if (self->sort_ids != NULL)
    sqlite3_bind_text (stmt, 11, self->sort_ids, -1, SQLITE_STATIC);
  if (self->only_ids != NULL)
    sqlite3_bind_text (stmt, 12, self->only_ids, -1, SQLITE_STATIC);
}

static guint
count_items (DlgContributionList *self)
{
  sqlite3_stmt *stmt = self->count_stmt;
  guint n = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  bind_filters (self, stmt);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    n = (guint) MIN (sqlite3_column_int64 (stmt, 0), (gint64) G_MAXUINT);
  else
    g_warning ("Cannot count contributions: %s", sqlite3_errmsg (dlg_store_get_db (self->store)));
  sqlite3_reset (stmt);
  return n;
}

/* Reads the ids the filters other than the search keep, once per filter change or refresh;
 * none when nothing filters and the file holds this process alone. FALSE on a store error. */
static gboolean
read_filtered (DlgContributionList *self)
{
  sqlite3 *db = dlg_store_get_db (self->store);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (self->filtered_valid)
    return TRUE;
  dlg_id_set_clear (&self->filtered);
  self->n_filtered = 0;
  self->filtered_all = FALSE;
  if (!has_filters (self))
    {
      if ((stmt = prepare (self, sql_single_process)) == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, self->process_id);
      if ((rc = sqlite3_step (stmt)) == SQLITE_ROW && sqlite3_column_int (stmt, 0))
        {
          self->filtered_all = TRUE;
          self->n_filtered = (guint) sqlite3_column_int64 (stmt, 1);
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW)
        return FALSE;
    }
  if (!self->filtered_all)
    {
      g_autoptr(GString) sql = g_string_new (sql_keep);
      g_autoptr(GString) where = build_where_for (self, SEARCH_NONE);

      g_string_append (sql, where->str);
      if ((stmt = prepare (self, sql->str)) == NULL)
        return FALSE;
      sqlite3_bind_pointer (stmt, 5, self, list_type, NULL);
      sqlite3_bind_int64 (stmt, 1, self->process_id);
      if (self->channel != NULL)
        sqlite3_bind_text (stmt, 2, self->channel, -1, SQLITE_STATIC);
      if (self->feature != NULL)
        sqlite3_bind_text (stmt, 3, self->feature, -1, SQLITE_STATIC);
      if (self->moderation != NULL)
        sqlite3_bind_text (stmt, 4, self->moderation, -1, SQLITE_STATIC);
      if (self->theme_id > 0)
        sqlite3_bind_int64 (stmt, 10, self->theme_id);
      rc = sqlite3_step (stmt);
      sqlite3_finalize (stmt);
      if (rc != SQLITE_ROW)
        {
          g_warning ("Cannot read the filtered contributions: %s", sqlite3_errmsg (db));
          return FALSE;
        }
    }
  self->filtered_valid = TRUE;
  return TRUE;
}

/* Steps the MATCH once: the matches the other filters keep, their number, and how the pages
 * read them. Reading by id costs a look-up per match and a sort; reading in order costs about
 * PAGE_SIZE × filtered / matches rows per page, each a test of the set (far cheaper than a
 * look-up, hence the factor). */
static SearchPlan
search_plan (DlgContributionList *self)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt;
  int rc;

  dlg_id_set_clear (&self->matches);
  self->n_matches = 0;
  if (self->match_ids == NULL)
    self->match_ids = g_string_new (NULL);
  g_string_assign (self->match_ids, "[]");
  if (!read_filtered (self))
    return SEARCH_BY_IDS;
  if (self->match_stmt == NULL && (self->match_stmt = prepare (self, sql_match)) == NULL)
    return SEARCH_BY_IDS;
  stmt = self->match_stmt;
  sqlite3_bind_text (stmt, 1, self->fts_query, -1, SQLITE_STATIC);
  sqlite3_bind_pointer (stmt, 2, self, list_type, NULL);
  self->collected = ids;
  rc = sqlite3_step (stmt);
  self->collected = NULL;
  if (rc != SQLITE_ROW)
    g_warning ("Cannot search contributions: %s", sqlite3_errmsg (dlg_store_get_db (self->store)));
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (self->n_matches > MAX_IDS
      || (guint64) self->n_matches * self->n_matches * 8 > (guint64) PAGE_SIZE * self->n_filtered)
    return SEARCH_BY_SCAN;
  g_string_truncate (self->match_ids, 1);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (self->match_ids, i > 0 ? ",%" G_GINT64_FORMAT : "%" G_GINT64_FORMAT,
                            g_array_index (ids, gint64, i));
  g_string_append_c (self->match_ids, ']');
  return SEARCH_BY_IDS;
}

static Page *
find_page (DlgContributionList *self,
           guint                index)
{
  for (guint i = 0; i < N_PAGES; i++)
    if (self->pages[i].items != NULL && self->pages[i].index == index)
      return &self->pages[i];
  return NULL;
}

static Page *
free_slot (DlgContributionList *self)
{
  Page *oldest = &self->pages[0];

  for (guint i = 0; i < N_PAGES; i++)
    {
      if (self->pages[i].items == NULL)
        return &self->pages[i];
      if (self->pages[i].stamp < oldest->stamp)
        oldest = &self->pages[i];
    }
  g_clear_pointer (&oldest->items, g_ptr_array_unref);
  return oldest;
}

/* Steps @stmt (bound) and collects its rows. */
static GPtrArray *
read_rows (DlgContributionList *self,
           sqlite3_stmt        *stmt)
{
  GPtrArray *items = g_ptr_array_new_full (PAGE_SIZE, g_object_unref);
  int rc;

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (items, dlg_record_new_from_stmt (DLG_TYPE_CONTRIBUTION, stmt));
  if (rc != SQLITE_DONE)
    g_warning ("Cannot read contributions: %s", sqlite3_errmsg (dlg_store_get_db (self->store)));
  sqlite3_reset (stmt);
  return items;
}

/* Reads page @index, by the cheapest of three ways: after the last row of the previous page
 * when it is cached (scrolling down), else by OFFSET from the start for the first half of the
 * list, or from the end (oldest first, then reversed) for the second half. */
static Page *
load_page (DlgContributionList *self,
           guint                index)
{
  Page *previous = index > 0 ? find_page (self, index - 1) : NULL;
  guint first = index * PAGE_SIZE;
  guint count = MIN (PAGE_SIZE, self->n_items - first);
  g_autoptr(GPtrArray) items = NULL;
  sqlite3_stmt *stmt;
  Page *page;

  if (previous != NULL && previous->items->len == PAGE_SIZE && self->after_stmt != NULL &&
      self->key_stmt != NULL)
    {
      DlgContribution *last = g_ptr_array_index (previous->items, PAGE_SIZE - 1);
      sqlite3_value *key = NULL;

      sqlite3_reset (self->key_stmt);
      sqlite3_clear_bindings (self->key_stmt);
      if (self->sort_ids != NULL)
        sqlite3_bind_text (self->key_stmt, 11, self->sort_ids, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (self->key_stmt, 9, dlg_contribution_get_id (last));
      if (sqlite3_step (self->key_stmt) == SQLITE_ROW)
        key = sqlite3_value_dup (sqlite3_column_value (self->key_stmt, 0));
      sqlite3_reset (self->key_stmt);
      if (key == NULL)
        return NULL;
      stmt = self->after_stmt;
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      bind_filters (self, stmt);
      sqlite3_bind_value (stmt, 8, key);
      sqlite3_value_free (key);
      sqlite3_bind_int64 (stmt, 9, dlg_contribution_get_id (last));
      sqlite3_bind_int (stmt, 6, PAGE_SIZE);
      items = read_rows (self, stmt);
    }
  else if (first > self->n_items / 2)
    {
      if ((stmt = self->tail_stmt) == NULL)
        return NULL;
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      bind_filters (self, stmt);
      sqlite3_bind_int (stmt, 6, count);
      sqlite3_bind_int64 (stmt, 7, self->n_items - first - count);
      items = read_rows (self, stmt);
      /* Oldest first: put it back newest first. */
      for (guint i = 0, j = items->len; i + 1 < j; i++, j--)
        {
          gpointer tmp = items->pdata[i];

          items->pdata[i] = items->pdata[j - 1];
          items->pdata[j - 1] = tmp;
        }
    }
  else
    {
      if ((stmt = self->page_stmt) == NULL)
        return NULL;
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      bind_filters (self, stmt);
      sqlite3_bind_int (stmt, 6, PAGE_SIZE);
      sqlite3_bind_int64 (stmt, 7, first);
      items = read_rows (self, stmt);
    }

  page = free_slot (self);
  page->index = index;
  page->items = g_steal_pointer (&items);
  return page;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  DlgContributionList *self = DLG_CONTRIBUTION_LIST (model);
  guint index = position / PAGE_SIZE;
  guint offset = position % PAGE_SIZE;
  Page *page;

  if (position >= self->n_items)
    return NULL;
  page = find_page (self, index);
  if (page == NULL)
    page = load_page (self, index);
  if (page == NULL)
    return NULL;
  page->stamp = ++self->clock;
  /* Rows deleted since the last count: the page is short, the item is gone. */
  if (offset >= page->items->len)
    return NULL;
  return g_object_ref (g_ptr_array_index (page->items, offset));
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

/* Rebuilds after a filter change or a refresh: one COUNT, then two items-changed, all rows
 * removed (0, old, 0), then the new ones added (0, 0, new). Not one (0, old, new): GTK 4.8's
 * list item manager would look for the items under its tracked rows (anchor, focus) among all
 * the added items, reading every one of them (100,000 reads over 100,000 rows). Removed first,
 * the tracked rows are simply gone, and a view reads only what it shows. */
static void
reload (DlgContributionList *self,
        gboolean             rebuild)
{
  guint old = self->n_items;
  SearchPlan plan = SEARCH_NONE;
  guint n_items;

  if (rebuild)
    {
      /* Filters or order changed: every plan's statements go. */
      self->filtered_valid = FALSE;
      drop_statements (self);
    }
  if (self->fts_query != NULL)
    plan = search_plan (self);
  if (plan != self->plan && !switch_statements (self, plan))
    rebuild = TRUE;
  if (rebuild)
    build_statements (self);
  drop_pages (self);
  n_items = plan != SEARCH_NONE ? self->n_matches : count_items (self);
  if (old > 0)
    {
      self->n_items = 0;
      g_list_model_items_changed (G_LIST_MODEL (self), 0, old, 0);
    }
  self->n_items = n_items;
  if (n_items > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, 0, n_items);
  if (old != self->n_items)
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_ITEMS]);
}

/**
 * dlg_contribution_list_new:
 *
 * Returns: (transfer full): the contributions of @process_id, newest first, unfiltered
 */
DlgContributionList *
dlg_contribution_list_new (DlgStore *store,
                           gint64    process_id)
{
  DlgContributionList *self;

  g_return_val_if_fail (DLG_IS_STORE (store), NULL);

  self = g_object_new (DLG_TYPE_CONTRIBUTION_LIST, NULL);
  self->store = g_object_ref (store);
  self->process_id = process_id;
  register_functions (dlg_store_get_db (store));
  build_statements (self);
  self->n_items = count_items (self);
  return self;
}

static gboolean
is_word (const char *term)
{
  for (const char *p = term; *p != '\0'; p = g_utf8_next_char (p))
    if (g_unichar_isalnum (g_utf8_get_char (p)))
      return TRUE;
  return FALSE;
}

/**
 * dlg_contribution_list_make_fts_query:
 * @text: (nullable): what the officer typed
 *
 * Makes an FTS5 query that finds the contributions holding every word of @text, the last one
 * as a prefix (for search as you type). Each term is a quoted string with its quotes doubled,
 * so that nothing the officer types is read as FTS5 syntax (AND, NEAR, *, column filters…).
 * Terms without a letter or digit are dropped: the tokenizer would ignore them anyway.
 *
 * Returns: (transfer full) (nullable): the query, or %NULL when there is nothing to search
 */
char *
dlg_contribution_list_make_fts_query (const char *text)
{
  g_auto(GStrv) terms = NULL;
  g_autoptr(GString) query = NULL;
  g_autofree char *valid = NULL;
  guint n = 0;

  if (text == NULL)
    return NULL;
  valid = g_utf8_make_valid (text, -1);
  terms = g_strsplit_set (valid, " \t\n\r\f\v", -1);
  query = g_string_new (NULL);
  for (guint i = 0; terms[i] != NULL; i++)
    {
      if (!is_word (terms[i]))
        continue;
      if (n++ > 0)
        g_string_append_c (query, ' ');
      g_string_append_c (query, '"');
      for (const char *p = terms[i]; *p != '\0'; p++)
        {
          if (*p == '"')
            g_string_append_c (query, '"');
          g_string_append_c (query, *p);
        }
      g_string_append_c (query, '"');
    }
  if (n == 0)
    return NULL;
  g_string_append_c (query, '*');
  return g_string_free (g_steal_pointer (&query), FALSE);
}

/* Sets *@field to a copy of @value ("" counts as NULL); TRUE if it changed. */
static gboolean
set_filter (char       **field,
            const char  *value)
{
  if (value != NULL && *value == '\0')
    value = NULL;
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

void
dlg_contribution_list_set_search (DlgContributionList *self,
                                  const char          *text)
{
  g_autofree char *fts = NULL;

  g_return_if_fail (DLG_IS_CONTRIBUTION_LIST (self));

  set_filter (&self->search, text);
  fts = dlg_contribution_list_make_fts_query (text);
  if (g_strcmp0 (fts, self->fts_query) == 0)
    return;
  g_free (self->fts_query);
  self->fts_query = g_steal_pointer (&fts);
  /* The statements change only if the way the pages read the matches does. */
  reload (self, FALSE);
}

void
dlg_contribution_list_set_channel (DlgContributionList *self,
                                   const char          *channel)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION_LIST (self));

  if (set_filter (&self->channel, channel))
    reload (self, TRUE);
}

void
dlg_contribution_list_set_feature (DlgContributionList *self,
                                   const char          *feature)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION_LIST (self));

  if (set_filter (&self->feature, feature))
    reload (self, TRUE);
}

void
dlg_contribution_list_set_moderation (DlgContributionList *self,
                                      const char          *moderation)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION_LIST (self));

  if (set_filter (&self->moderation, moderation))
    reload (self, TRUE);
}

/**
 * dlg_contribution_list_set_theme:
 * @theme_id: a theme (its sub-themes' contributions match too), 0 for any,
 *   %DLG_CONTRIBUTION_LIST_NO_THEME for the contributions with no theme yet
 */
void
dlg_contribution_list_set_theme (DlgContributionList *self,
                                 gint64               theme_id)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION_LIST (self));

  if (theme_id < 0)
    theme_id = DLG_CONTRIBUTION_LIST_NO_THEME;
  if (self->theme_id == theme_id)
    return;
  self->theme_id = theme_id;
  reload (self, TRUE);
}

gint64
dlg_contribution_list_get_theme (DlgContributionList *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), 0);

  return self->theme_id;
}

void
dlg_contribution_list_set_highlighted_only (DlgContributionList *self,
                                            gboolean             highlighted_only)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION_LIST (self));

  if (self->highlighted_only == !!highlighted_only)
    return;
  self->highlighted_only = !!highlighted_only;
  reload (self, TRUE);
}

/**
 * dlg_contribution_list_set_sort:
 * @sort: the column the list is ordered by (then by id)
 * @descending: the largest first (the newest, Z to A, the most supported)
 *
 * Orders the list in SQL, so that a sorted list of 100,000 reads a page at a time as well.
 */
void
dlg_contribution_list_set_sort (DlgContributionList *self,
                                DlgContributionSort  sort,
                                gboolean             descending)
{
  const DlgVocabulary *vocabulary = NULL;

  g_return_if_fail (DLG_IS_CONTRIBUTION_LIST (self));
  g_return_if_fail (sort <= DLG_CONTRIBUTION_SORT_SUPPORTS);

  if (self->sort == sort && self->ascending == !descending)
    return;
  self->sort = sort;
  self->ascending = !descending;
  g_clear_pointer (&self->sort_ids, g_free);
  if (sort == DLG_CONTRIBUTION_SORT_CHANNEL)
    vocabulary = &dlg_vocabulary_channel;
  else if (sort == DLG_CONTRIBUTION_SORT_FEATURE)
    vocabulary = &dlg_vocabulary_feature;
  else if (sort == DLG_CONTRIBUTION_SORT_MODERATION)
    vocabulary = &dlg_vocabulary_moderation;
  if (vocabulary != NULL)
    {
      GString *ids = g_string_new (",");

      for (guint i = 0; i < dlg_vocabulary_get_n_entries (vocabulary); i++)
        g_string_append_printf (ids, "%s,", dlg_vocabulary_get_id (vocabulary, i));
      self->sort_ids = g_string_free (ids, FALSE);
    }
  reload (self, TRUE);
}

DlgContributionSort
dlg_contribution_list_get_sort (DlgContributionList *self,
                                gboolean            *descending)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), DLG_CONTRIBUTION_SORT_DATE);

  if (descending != NULL)
    *descending = !self->ascending;
  return self->sort;
}

gboolean
dlg_contribution_list_get_highlighted_only (DlgContributionList *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), FALSE);

  return self->highlighted_only;
}

/**
 * dlg_contribution_list_set_only_ids:
 * @ids: (nullable) (element-type gint64): the contributions to keep (a duplicate group opened
 *   in the list), or %NULL for no such filter
 *
 * Keeps only these contributions, with the other filters and the search as they are.
 */
void
dlg_contribution_list_set_only_ids (DlgContributionList *self,
                                    const GArray        *ids)
{
  GString *json;

  g_return_if_fail (DLG_IS_CONTRIBUTION_LIST (self));

  g_clear_pointer (&self->only_ids, g_free);
  if (ids != NULL)
    {
      json = g_string_new ("[");
      for (guint i = 0; i < ids->len; i++)
        g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "",
                                g_array_index (ids, gint64, i));
      g_string_append_c (json, ']');
      self->only_ids = g_string_free (json, FALSE);
    }
  reload (self, TRUE);
}

gboolean
dlg_contribution_list_has_only_ids (DlgContributionList *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), FALSE);

  return self->only_ids != NULL;
}

/**
 * dlg_contribution_list_set_site_missing_only:
 * @site_missing_only: only the contributions marked "no longer on the site" (a full resync
 *   did not find them there; they are kept)
 */
void
dlg_contribution_list_set_site_missing_only (DlgContributionList *self,
                                             gboolean             site_missing_only)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION_LIST (self));

  if (self->site_missing_only == !!site_missing_only)
    return;
  self->site_missing_only = !!site_missing_only;
  reload (self, TRUE);
}

gboolean
dlg_contribution_list_get_site_missing_only (DlgContributionList *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), FALSE);

  return self->site_missing_only;
}

DlgStore *
dlg_contribution_list_get_store (DlgContributionList *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), NULL);

  return self->store;
}

/**
 * dlg_contribution_list_prepare_matching:
 * @select: the statement's start, "SELECT … FROM contribution t" (constant SQL)
 * @tail: conditions after the filters' (" AND …") and an ORDER BY (constant SQL)
 *
 * A statement over the rows that the list's search and filters match, bound (?1 to ?11 are
 * the list's; ?13 and after are free for @tail). For the core's other readers of the same
 * rows (the map's points). The caller finalizes it.
 *
 * Returns: (transfer full): the statement, or %NULL on a store error
 */
sqlite3_stmt *
dlg_contribution_list_prepare_matching (DlgContributionList  *self,
                                        const char           *select,
                                        const char           *tail,
                                        GError              **error)
{
  g_autoptr(GString) sql = g_string_new (select);
  g_autoptr(GString) where = build_where (self);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), NULL);

  g_string_append (sql, where->str);
  g_string_append (sql, tail);
  rc = sqlite3_prepare_v2 (dlg_store_get_db (self->store), sql->str, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      dlg_store_set_error (self->store, rc, error);
      return NULL;
    }
  bind_filters (self, stmt);
  return stmt;
}

/**
 * dlg_contribution_list_find:
 *
 * Where contribution @id is in the list as it is filtered and sorted now: one count of the
 * rows before it, no page read (selecting a pin of the map selects its row).
 *
 * Returns: its position, or -1 when the search and filters leave it out (or on a store error)
 */
gint64
dlg_contribution_list_find (DlgContributionList *self,
                            gint64               id)
{
  g_autofree char *tail = NULL;
  sqlite3_stmt *stmt;
  gint64 position = -1;

  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), -1);

  /* Newest first: the rows before it have a greater (key, id). */
  tail = g_strdup_printf (" AND (%s, t.id) %s ((SELECT %s FROM contribution t WHERE t.id = ?13),"
                          " ?13)", sort_sql[self->sort], self->ascending ? "<" : ">",
                          sort_sql[self->sort]);
  if (!(stmt = dlg_contribution_list_prepare_matching (self, sql_count, tail, NULL)))
    return -1;
  sqlite3_bind_int64 (stmt, 13, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    position = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (position < 0)
    return -1;
  /* The count says where it would be; that it is there, the filters say. */
  if (!(stmt = dlg_contribution_list_prepare_matching (self, "SELECT 1 FROM contribution t",
                                                       " AND t.id = ?13", NULL)))
    return -1;
  sqlite3_bind_int64 (stmt, 13, id);
  if (sqlite3_step (stmt) != SQLITE_ROW)
    position = -1;
  sqlite3_finalize (stmt);
  return position;
}

/**
 * dlg_contribution_list_get_ids:
 *
 * Every contribution the list's search and filters match, for an action on all of them
 * ("apply to the 1,243 matching"): read in one statement, not through the pages.
 *
 * Returns: (transfer full) (element-type gint64): their ids, or %NULL on a store error
 */
GArray *
dlg_contribution_list_get_ids (DlgContributionList  *self,
                               GError              **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), NULL);

  if (!(stmt = dlg_contribution_list_prepare_matching (self, sql_ids, "", error)))
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 id = sqlite3_column_int64 (stmt, 0);

      g_array_append_val (ids, id);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (self->store, rc, error);
      return NULL;
    }
  return g_steal_pointer (&ids);
}

const char *
dlg_contribution_list_get_search (DlgContributionList *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), NULL);

  return self->search;
}

const char *
dlg_contribution_list_get_channel (DlgContributionList *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), NULL);

  return self->channel;
}

const char *
dlg_contribution_list_get_feature (DlgContributionList *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), NULL);

  return self->feature;
}

const char *
dlg_contribution_list_get_moderation (DlgContributionList *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), NULL);

  return self->moderation;
}

gint64
dlg_contribution_list_get_process_id (DlgContributionList *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTION_LIST (self), 0);

  return self->process_id;
}

/**
 * dlg_contribution_list_refresh:
 *
 * Counts again and forgets the cached pages, after the contributions changed in the store.
 */
void
dlg_contribution_list_refresh (DlgContributionList *self)
{
  g_return_if_fail (DLG_IS_CONTRIBUTION_LIST (self));

  self->filtered_valid = FALSE;
  reload (self, FALSE);
}
