/* dlg-draw-input.c — what a random draw of a panel starts from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Quotas come first (they define the categories and their values), then people, each with one
 * known value per category. The input is reference-counted so that a draw running in a worker
 * thread can hold it; do not change it while a draw runs.
 */

#define G_LOG_DOMAIN "dlg-draw"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <json-glib/json-glib.h>

#include "dlg-draw-error.h"
#include "dlg-draw-private.h"
#include "dlg-json.h"

struct _DlgDrawInput
{
  GPtrArray        *categories;    /* char * */
  GArray           *quotas;        /* DlgDrawQuota */
  GHashTable       *quota_index;   /* "category\x1fvalue" → index + 1 */
  GPtrArray        *ids;           /* char * */
  GHashTable       *id_index;      /* id → index + 1 */
  GArray           *person_quotas; /* int, n_people × n_categories (at the time of adding) */
  GPtrArray        *households;    /* char * or NULL */
  guint             size;
  guint32           seed;
  DlgDrawAlgorithm  algorithm;
  int               reserve_size;
  guint             legacy_runs;
};

G_DEFINE_BOXED_TYPE (DlgDrawInput, dlg_draw_input, dlg_draw_input_ref, dlg_draw_input_unref)

static void
quota_clear (gpointer data)
{
  DlgDrawQuota *quota = data;

  g_free (quota->category);
  g_free (quota->value);
}

static char *
quota_key (const char *category,
           const char *value)
{
  return g_strconcat (category, "\x1f", value, NULL);
}

static void
dlg_draw_input_clear (gpointer data)
{
  DlgDrawInput *self = data;

  g_ptr_array_unref (self->categories);
  g_array_unref (self->quotas);
  g_hash_table_unref (self->quota_index);
  g_ptr_array_unref (self->ids);
  g_hash_table_unref (self->id_index);
  g_array_unref (self->person_quotas);
  g_ptr_array_unref (self->households);
}

const char *
dlg_draw_algorithm_to_string (DlgDrawAlgorithm algorithm)
{
  switch (algorithm)
    {
    case DLG_DRAW_ALGORITHM_LEGACY:
      return "legacy";
    case DLG_DRAW_ALGORITHM_MAXIMIN:
      return "maximin";
    case DLG_DRAW_ALGORITHM_LEXIMIN:
      return "leximin";
    default:
      g_assert_not_reached ();
    }
}

gboolean
dlg_draw_algorithm_from_string (const char       *text,
                                DlgDrawAlgorithm *algorithm)
{
  static const DlgDrawAlgorithm all[] = {
    DLG_DRAW_ALGORITHM_LEGACY, DLG_DRAW_ALGORITHM_MAXIMIN, DLG_DRAW_ALGORITHM_LEXIMIN,
  };

  for (guint i = 0; text != NULL && i < G_N_ELEMENTS (all); i++)
    if (g_ascii_strcasecmp (text, dlg_draw_algorithm_to_string (all[i])) == 0)
      {
        *algorithm = all[i];
        return TRUE;
      }
  return FALSE;
}

/**
 * dlg_draw_input_new:
 *
 * An empty input: leximin, seed 0, no quotas, no people, the reserve as long as the panel, and
 * 1,000 runs to estimate the legacy draw's probabilities.
 *
 * Returns: (transfer full): a new input
 */
DlgDrawInput *
dlg_draw_input_new (void)
{
  DlgDrawInput *self = g_atomic_rc_box_new0 (DlgDrawInput);

  self->categories = g_ptr_array_new_with_free_func (g_free);
  self->quotas = g_array_new (FALSE, TRUE, sizeof (DlgDrawQuota));
  g_array_set_clear_func (self->quotas, quota_clear);
  self->quota_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->ids = g_ptr_array_new_with_free_func (g_free);
  self->id_index = g_hash_table_new (g_str_hash, g_str_equal);
  self->person_quotas = g_array_new (FALSE, FALSE, sizeof (int));
  self->households = g_ptr_array_new_with_free_func (g_free);
  self->algorithm = DLG_DRAW_ALGORITHM_LEXIMIN;
  self->reserve_size = -1;
  self->legacy_runs = 1000;
  return self;
}

DlgDrawInput *
dlg_draw_input_ref (DlgDrawInput *self)
{
  g_return_val_if_fail (self != NULL, NULL);
  return g_atomic_rc_box_acquire (self);
}

void
dlg_draw_input_unref (DlgDrawInput *self)
{
  g_return_if_fail (self != NULL);
  g_atomic_rc_box_release_full (self, dlg_draw_input_clear);
}

int
dlg_draw_input_find_category (DlgDrawInput *self,
                              const char   *name)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  for (guint i = 0; i < self->categories->len; i++)
    if (g_str_equal (g_ptr_array_index (self->categories, i), name))
      return i;
  return -1;
}

/**
 * dlg_draw_input_add_category:
 * @self: an input
 * @name: the category ("Gender")
 *
 * Adds a category, before any person is added. Adding an existing one does nothing.
 *
 * Returns: the index of the category
 */
int
dlg_draw_input_add_category (DlgDrawInput *self,
                             const char   *name)
{
  int index;

  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (name != NULL, -1);

  index = dlg_draw_input_find_category (self, name);
  if (index >= 0)
    return index;
  g_return_val_if_fail (self->ids->len == 0, -1);
  g_ptr_array_add (self->categories, g_strdup (name));
  return self->categories->len - 1;
}

/**
 * dlg_draw_input_add_quota:
 * @self: an input
 * @category: the category, added when new
 * @value: one of its values
 * @min: how many panel members at least have this value
 * @max: how many at most
 * @min_flex: how low @min may go if the quotas cannot be met, or %DLG_DRAW_FLEX_UNSET
 * @max_flex: how high @max may go, or %DLG_DRAW_FLEX_UNSET
 * @error: return location for a #GError
 *
 * Every value a person may have needs a quota (0 to the panel size when anything goes). Add
 * every quota before the first person.
 *
 * Returns: %TRUE, or %FALSE with @error set (%DLG_DRAW_ERROR_INVALID_QUOTA)
 */
gboolean
dlg_draw_input_add_quota (DlgDrawInput  *self,
                          const char    *category,
                          const char    *value,
                          int            min,
                          int            max,
                          int            min_flex,
                          int            max_flex,
                          GError       **error)
{
  DlgDrawQuota quota = { 0, };
  g_autofree char *key = NULL;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (category != NULL && value != NULL, FALSE);
  g_return_val_if_fail (self->ids->len == 0, FALSE);

  if (*category == '\0' || *value == '\0')
    {
      g_set_error_literal (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_QUOTA,
                           _("A quota needs a category and a value."));
      return FALSE;
    }
  if (min < 0 || max < 0)
    {
      g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_QUOTA,
                   _("The quota of %s=%s cannot be negative."), category, value);
      return FALSE;
    }
  if (min > max)
    {
      g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_QUOTA,
                   _("The minimum of %s=%s (%d) is greater than its maximum (%d)."),
                   category, value, min, max);
      return FALSE;
    }
  key = quota_key (category, value);
  if (g_hash_table_contains (self->quota_index, key))
    {
      g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_QUOTA,
                   _("The quota of %s=%s is given twice."), category, value);
      return FALSE;
    }
  quota.category = g_strdup (category);
  quota.value = g_strdup (value);
  quota.category_index = dlg_draw_input_add_category (self, category);
  quota.min = min;
  quota.max = max;
  quota.min_flex = min_flex < 0 ? DLG_DRAW_FLEX_UNSET : min_flex;
  quota.max_flex = max_flex < 0 ? DLG_DRAW_FLEX_UNSET : max_flex;
  g_array_append_val (self->quotas, quota);
  g_hash_table_insert (self->quota_index, g_steal_pointer (&key),
                       GUINT_TO_POINTER (self->quotas->len));
  return TRUE;
}

/**
 * dlg_draw_input_add_person:
 * @self: an input
 * @id: a unique id
 * @values: (array): one value per category, in the order of the categories
 * @household: (nullable): a household key; people sharing one are never drawn together
 * @error: return location for a #GError
 *
 * Returns: %TRUE, or %FALSE with @error set (%DLG_DRAW_ERROR_INVALID_PERSON)
 */
gboolean
dlg_draw_input_add_person (DlgDrawInput      *self,
                           const char        *id,
                           const char *const *values,
                           const char        *household,
                           GError           **error)
{
  guint n_categories;
  g_autofree int *quotas = NULL;
  char *owned_id;

  g_return_val_if_fail (self != NULL, FALSE);
  g_return_val_if_fail (id != NULL, FALSE);
  g_return_val_if_fail (values != NULL, FALSE);

  if (*id == '\0')
    {
      g_set_error_literal (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_PERSON,
                           _("A person has no id."));
      return FALSE;
    }
  if (g_hash_table_contains (self->id_index, id))
    {
      g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_PERSON,
                   _("The id “%s” is used by two people."), id);
      return FALSE;
    }
  n_categories = self->categories->len;
  quotas = g_new (int, MAX (n_categories, 1));
  for (guint c = 0; c < n_categories; c++)
    {
      const char *category = g_ptr_array_index (self->categories, c);
      g_autofree char *key = quota_key (category, values[c] != NULL ? values[c] : "");
      gpointer found = g_hash_table_lookup (self->quota_index, key);

      if (found == NULL)
        {
          g_set_error (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INVALID_PERSON,
                       _("“%s” has the value “%s” for %s, which has no quota."),
                       id, values[c] != NULL ? values[c] : "", category);
          return FALSE;
        }
      quotas[c] = GPOINTER_TO_UINT (found) - 1;
    }
  g_array_append_vals (self->person_quotas, quotas, n_categories);
  owned_id = g_strdup (id);
  g_ptr_array_add (self->ids, owned_id);
  g_hash_table_insert (self->id_index, owned_id, GUINT_TO_POINTER (self->ids->len));
  g_ptr_array_add (self->households,
                   household != NULL && *household != '\0' ? g_strdup (household) : NULL);
  return TRUE;
}

void
dlg_draw_input_set_size (DlgDrawInput *self,
                         guint         size)
{
  g_return_if_fail (self != NULL);
  self->size = size;
}

guint
dlg_draw_input_get_size (DlgDrawInput *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->size;
}

void
dlg_draw_input_set_seed (DlgDrawInput *self,
                         guint32       seed)
{
  g_return_if_fail (self != NULL);
  self->seed = seed;
}

guint32
dlg_draw_input_get_seed (DlgDrawInput *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->seed;
}

void
dlg_draw_input_set_algorithm (DlgDrawInput     *self,
                              DlgDrawAlgorithm  algorithm)
{
  g_return_if_fail (self != NULL);
  self->algorithm = algorithm;
}

DlgDrawAlgorithm
dlg_draw_input_get_algorithm (DlgDrawInput *self)
{
  g_return_val_if_fail (self != NULL, DLG_DRAW_ALGORITHM_LEXIMIN);
  return self->algorithm;
}

/* How long the reserve list is: -1 (the default) for as long as the panel. */
void
dlg_draw_input_set_reserve_size (DlgDrawInput *self,
                                 int           reserve_size)
{
  g_return_if_fail (self != NULL);
  self->reserve_size = reserve_size;
}

int
dlg_draw_input_get_reserve_size (DlgDrawInput *self)
{
  g_return_val_if_fail (self != NULL, -1);
  return self->reserve_size;
}

/* How many times the legacy draw is run to estimate its selection probabilities. */
void
dlg_draw_input_set_legacy_runs (DlgDrawInput *self,
                                guint         runs)
{
  g_return_if_fail (self != NULL);
  self->legacy_runs = runs;
}

guint
dlg_draw_input_get_legacy_runs (DlgDrawInput *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->legacy_runs;
}

guint
dlg_draw_input_get_n_categories (DlgDrawInput *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->categories->len;
}

const char *
dlg_draw_input_get_category (DlgDrawInput *self,
                             guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->categories->len, NULL);
  return g_ptr_array_index (self->categories, index);
}

guint
dlg_draw_input_get_n_quotas (DlgDrawInput *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->quotas->len;
}

void
dlg_draw_input_get_quota (DlgDrawInput  *self,
                          guint          index,
                          const char   **category,
                          const char   **value,
                          int           *min,
                          int           *max,
                          int           *min_flex,
                          int           *max_flex)
{
  const DlgDrawQuota *quota = dlg_draw_input_peek_quota (self, index);

  g_return_if_fail (quota != NULL);
  if (category != NULL)
    *category = quota->category;
  if (value != NULL)
    *value = quota->value;
  if (min != NULL)
    *min = quota->min;
  if (max != NULL)
    *max = quota->max;
  if (min_flex != NULL)
    *min_flex = quota->min_flex;
  if (max_flex != NULL)
    *max_flex = quota->max_flex;
}

const DlgDrawQuota *
dlg_draw_input_peek_quota (DlgDrawInput *self,
                           guint         index)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (index < self->quotas->len, NULL);
  return &g_array_index (self->quotas, DlgDrawQuota, index);
}

guint
dlg_draw_input_get_n_people (DlgDrawInput *self)
{
  g_return_val_if_fail (self != NULL, 0);
  return self->ids->len;
}

const char *
dlg_draw_input_get_person_id (DlgDrawInput *self,
                              guint         person)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (person < self->ids->len, NULL);
  return g_ptr_array_index (self->ids, person);
}

int
dlg_draw_input_find_person (DlgDrawInput *self,
                            const char   *id)
{
  g_return_val_if_fail (self != NULL, -1);
  return (int) GPOINTER_TO_UINT (g_hash_table_lookup (self->id_index, id)) - 1;
}

int
dlg_draw_input_get_person_quota (DlgDrawInput *self,
                                 guint         person,
                                 guint         category)
{
  g_return_val_if_fail (self != NULL, -1);
  g_return_val_if_fail (person < self->ids->len, -1);
  g_return_val_if_fail (category < self->categories->len, -1);
  return g_array_index (self->person_quotas, int, person * self->categories->len + category);
}

const char *
dlg_draw_input_get_person_value (DlgDrawInput *self,
                                 guint         person,
                                 guint         category)
{
  int q = dlg_draw_input_get_person_quota (self, person, category);

  return q < 0 ? NULL : dlg_draw_input_peek_quota (self, q)->value;
}

const char *
dlg_draw_input_get_person_household (DlgDrawInput *self,
                                     guint         person)
{
  g_return_val_if_fail (self != NULL, NULL);
  g_return_val_if_fail (person < self->ids->len, NULL);
  return g_ptr_array_index (self->households, person);
}

/**
 * dlg_draw_input_to_json:
 * @self: an input
 *
 * Everything needed to replay the draw: algorithm, seed, size, quotas and people (id, values,
 * household). Households are written as numbers ("h1", "h2"…), never as the addresses they may
 * come from, and only for households of more than one person.
 *
 * Returns: (transfer full): JSON text
 */
char *
dlg_draw_input_to_json (DlgDrawInput *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autoptr(GHashTable) counts = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) labels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  guint n_labels = 0;

  g_return_val_if_fail (self != NULL, NULL);

  for (guint p = 0; p < self->ids->len; p++)
    {
      const char *household = g_ptr_array_index (self->households, p);

      if (household != NULL)
        g_hash_table_insert (counts, (gpointer) household,
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (
                               g_hash_table_lookup (counts, household)) + 1));
    }

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "algorithm");
  json_builder_add_string_value (builder, dlg_draw_algorithm_to_string (self->algorithm));
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, self->seed);
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, self->size);
  json_builder_set_member_name (builder, "reserve_size");
  json_builder_add_int_value (builder, self->reserve_size);
  json_builder_set_member_name (builder, "legacy_runs");
  json_builder_add_int_value (builder, self->legacy_runs);
  json_builder_set_member_name (builder, "categories");
  json_builder_begin_array (builder);
  for (guint c = 0; c < self->categories->len; c++)
    json_builder_add_string_value (builder, g_ptr_array_index (self->categories, c));
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "quotas");
  json_builder_begin_array (builder);
  for (guint q = 0; q < self->quotas->len; q++)
    {
      const DlgDrawQuota *quota = &g_array_index (self->quotas, DlgDrawQuota, q);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "category");
      json_builder_add_string_value (builder, quota->category);
      json_builder_set_member_name (builder, "value");
      json_builder_add_string_value (builder, quota->value);
      json_builder_set_member_name (builder, "min");
      json_builder_add_int_value (builder, quota->min);
      json_builder_set_member_name (builder, "max");
      json_builder_add_int_value (builder, quota->max);
      if (quota->min_flex != DLG_DRAW_FLEX_UNSET)
        {
          json_builder_set_member_name (builder, "min_flex");
          json_builder_add_int_value (builder, quota->min_flex);
        }
      if (quota->max_flex != DLG_DRAW_FLEX_UNSET)
        {
          json_builder_set_member_name (builder, "max_flex");
          json_builder_add_int_value (builder, quota->max_flex);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_set_member_name (builder, "people");
  json_builder_begin_array (builder);
  for (guint p = 0; p < self->ids->len; p++)
    {
      const char *household = g_ptr_array_index (self->households, p);

      json_builder_begin_object (builder);
      json_builder_set_member_name (builder, "id");
      json_builder_add_string_value (builder, g_ptr_array_index (self->ids, p));
      json_builder_set_member_name (builder, "values");
      json_builder_begin_array (builder);
      for (guint c = 0; c < self->categories->len; c++)
        json_builder_add_string_value (builder, dlg_draw_input_get_person_value (self, p, c));
      json_builder_end_array (builder);
      if (household != NULL && GPOINTER_TO_UINT (g_hash_table_lookup (counts, household)) > 1)
        {
          const char *label = g_hash_table_lookup (labels, household);

          if (label == NULL)
            {
              char *new_label = g_strdup_printf ("h%u", ++n_labels);

              g_hash_table_insert (labels, (gpointer) household, new_label);
              label = new_label;
            }
          json_builder_set_member_name (builder, "household");
          json_builder_add_string_value (builder, label);
        }
      json_builder_end_object (builder);
    }
  json_builder_end_array (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

static gboolean
json_invalid (GError **error)
{
  g_set_error_literal (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_BAD_RECORD,
                       _("The recorded inputs of the draw are not readable."));
  return FALSE;
}

/**
 * dlg_draw_input_new_from_json:
 * @json: what dlg_draw_input_to_json() wrote
 * @error: return location for a #GError
 *
 * Reads the inputs of a recorded draw back, to replay it.
 *
 * Returns: (transfer full) (nullable): the input, or %NULL with @error set
 *   (%DLG_DRAW_ERROR_BAD_RECORD, or the error of a quota or person it cannot add)
 */
DlgDrawInput *
dlg_draw_input_new_from_json (const char  *json,
                              GError     **error)
{
  g_autoptr(JsonNode) node = NULL;
  g_autoptr(DlgDrawInput) self = dlg_draw_input_new ();
  JsonObject *root;
  JsonArray *quotas, *people;
  DlgDrawAlgorithm algorithm;

  g_return_val_if_fail (json != NULL, NULL);

  node = dlg_json_parse (json, -1, NULL);
  if (node == NULL || !JSON_NODE_HOLDS_OBJECT (node))
    return json_invalid (error), NULL;
  root = json_node_get_object (node);
  if (!dlg_draw_algorithm_from_string (json_object_get_string_member_with_default (root,
                                                                                   "algorithm",
                                                                                   ""),
                                       &algorithm)
      || !json_object_has_member (root, "quotas") || !json_object_has_member (root, "people"))
    return json_invalid (error), NULL;
  self->algorithm = algorithm;
  self->seed = (guint32) json_object_get_int_member_with_default (root, "seed", 0);
  self->size = (guint) json_object_get_int_member_with_default (root, "size", 0);
  self->reserve_size = (int) json_object_get_int_member_with_default (root, "reserve_size", -1);
  self->legacy_runs = (guint) json_object_get_int_member_with_default (root, "legacy_runs", 1000);

  quotas = json_object_get_array_member (root, "quotas");
  for (guint q = 0; quotas != NULL && q < json_array_get_length (quotas); q++)
    {
      JsonObject *quota = json_array_get_object_element (quotas, q);

      if (quota == NULL
          || !dlg_draw_input_add_quota (
            self, json_object_get_string_member_with_default (quota, "category", ""),
            json_object_get_string_member_with_default (quota, "value", ""),
            json_object_get_int_member_with_default (quota, "min", 0),
            json_object_get_int_member_with_default (quota, "max", 0),
            json_object_get_int_member_with_default (quota, "min_flex", DLG_DRAW_FLEX_UNSET),
            json_object_get_int_member_with_default (quota, "max_flex", DLG_DRAW_FLEX_UNSET),
            error))
        return quota == NULL ? (json_invalid (error), NULL) : NULL;
    }

  people = json_object_get_array_member (root, "people");
  for (guint p = 0; people != NULL && p < json_array_get_length (people); p++)
    {
      JsonObject *person = json_array_get_object_element (people, p);
      JsonArray *values = NULL;
      g_autofree const char **strings = NULL;

      if (person != NULL && json_object_has_member (person, "values"))
        values = json_object_get_array_member (person, "values");
      if (values == NULL || json_array_get_length (values) != self->categories->len)
        return json_invalid (error), NULL;
      strings = g_new0 (const char *, self->categories->len + 1);
      for (guint c = 0; c < self->categories->len; c++)
        strings[c] = json_array_get_string_element (values, c);
      if (!dlg_draw_input_add_person (
            self, json_object_get_string_member_with_default (person, "id", ""), strings,
            json_object_get_string_member_with_default (person, "household", NULL), error))
        return NULL;
    }
  return g_steal_pointer (&self);
}
