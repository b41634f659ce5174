/* dlg-draw-result.c — the outcome of a random draw of a panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Immutable once the engine has filled it: the panel, the ranked reserve list, every person's
 * selection probability, the distribution over panels that the panel was drawn from, and the
 * figures of the summary.
 */

#define G_LOG_DOMAIN "dlg-draw"

#include "config.h"

#include <json-glib/json-glib.h>

#include "dlg-draw-private.h"
#include "dlg-lp.h"

typedef struct
{
  double  weight;
  GArray *members; /* guint */
} DistributionPanel;

struct _DlgDrawResult
{
  GObject       parent_instance;

  DlgDrawInput *input;
  GArray       *panel;         /* guint person indices */
  GArray       *reserve;       /* guint, best first */
  double       *probabilities;
  double        min_probability;
  double        max_probability;
  gint64        duration_ms;
  guint         n_panels;
  GArray       *distribution;  /* DistributionPanel */
};

G_DEFINE_FINAL_TYPE (DlgDrawResult, dlg_draw_result, G_TYPE_OBJECT)

static void
distribution_panel_clear (gpointer data)
{
  DistributionPanel *panel = data;

  g_clear_pointer (&panel->members, g_array_unref);
}

static void
dlg_draw_result_finalize (GObject *object)
{
  DlgDrawResult *self = DLG_DRAW_RESULT (object);

  g_clear_pointer (&self->input, dlg_draw_input_unref);
  g_clear_pointer (&self->panel, g_array_unref);
  g_clear_pointer (&self->reserve, g_array_unref);
  g_clear_pointer (&self->probabilities, g_free);
  g_clear_pointer (&self->distribution, g_array_unref);

  G_OBJECT_CLASS (dlg_draw_result_parent_class)->finalize (object);
}

static void
dlg_draw_result_class_init (DlgDrawResultClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = dlg_draw_result_finalize;
}

static void
dlg_draw_result_init (DlgDrawResult *self)
{
  self->panel = g_array_new (FALSE, FALSE, sizeof (guint));
  self->reserve = g_array_new (FALSE, FALSE, sizeof (guint));
  self->distribution = g_array_new (FALSE, TRUE, sizeof (DistributionPanel));
  g_array_set_clear_func (self->distribution, distribution_panel_clear);
}

DlgDrawResult *
dlg_draw_result_new (DlgDrawInput *input)
{
  DlgDrawResult *self = g_object_new (DLG_TYPE_DRAW_RESULT, NULL);

  self->input = dlg_draw_input_ref (input);
  self->probabilities = g_new0 (double, MAX (1, dlg_draw_input_get_n_people (input)));
  return self;
}

/* Takes both arrays. */
void
dlg_draw_result_set_panel (DlgDrawResult *self,
                           GArray        *panel,
                           GArray        *reserve)
{
  g_array_unref (self->panel);
  g_array_unref (self->reserve);
  self->panel = panel;
  self->reserve = reserve;
}

/* Copies one probability per person and works out the minimum and maximum. */
void
dlg_draw_result_set_probabilities (DlgDrawResult *self,
                                   double        *probabilities)
{
  guint n = dlg_draw_input_get_n_people (self->input);

  self->min_probability = n > 0 ? 1.0 : 0.0;
  self->max_probability = 0.0;
  for (guint p = 0; p < n; p++)
    {
      self->probabilities[p] = probabilities[p];
      self->min_probability = MIN (self->min_probability, probabilities[p]);
      self->max_probability = MAX (self->max_probability, probabilities[p]);
    }
}

/* Takes @members. */
void
dlg_draw_result_add_distribution_panel (DlgDrawResult *self,
                                        double         weight,
                                        GArray        *members)
{
  DistributionPanel panel = { weight, members };

  g_array_append_val (self->distribution, panel);
}

void
dlg_draw_result_set_stats (DlgDrawResult *self,
                           gint64         duration_ms,
                           guint          n_panels)
{
  self->duration_ms = duration_ms;
  self->n_panels = n_panels;
}

/**
 * dlg_draw_result_get_input:
 * @self: a result
 *
 * Returns: (transfer none): what the draw started from
 */
DlgDrawInput *
dlg_draw_result_get_input (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), NULL);
  return self->input;
}

DlgDrawAlgorithm
dlg_draw_result_get_algorithm (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), DLG_DRAW_ALGORITHM_LEXIMIN);
  return dlg_draw_input_get_algorithm (self->input);
}

guint32
dlg_draw_result_get_seed (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), 0);
  return dlg_draw_input_get_seed (self->input);
}

guint
dlg_draw_result_get_n_people (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), 0);
  return dlg_draw_input_get_n_people (self->input);
}

/**
 * dlg_draw_result_get_panel:
 * @self: a result
 * @n_members: (out): the panel size
 *
 * Returns: (array length=n_members): the people drawn, as indices into the input, in the
 *   input's order
 */
const guint *
dlg_draw_result_get_panel (DlgDrawResult *self,
                           guint         *n_members)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), NULL);
  *n_members = self->panel->len;
  return (const guint *) (gpointer) self->panel->data;
}

/**
 * dlg_draw_result_get_reserve:
 * @self: a result
 * @n_reserve: (out): the length of the list
 *
 * Returns: (array length=n_reserve): the reserve list, best replacement first
 */
const guint *
dlg_draw_result_get_reserve (DlgDrawResult *self,
                             guint         *n_reserve)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), NULL);
  *n_reserve = self->reserve->len;
  return (const guint *) (gpointer) self->reserve->data;
}

static char **
dup_ids (DlgDrawResult *self,
         GArray        *people)
{
  char **ids = g_new0 (char *, people->len + 1);

  for (guint i = 0; i < people->len; i++)
    ids[i] = g_strdup (dlg_draw_input_get_person_id (self->input,
                                                     g_array_index (people, guint, i)));
  return ids;
}

char **
dlg_draw_result_dup_panel_ids (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), NULL);
  return dup_ids (self, self->panel);
}

char **
dlg_draw_result_dup_reserve_ids (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), NULL);
  return dup_ids (self, self->reserve);
}

double
dlg_draw_result_get_probability (DlgDrawResult *self,
                                 guint          person)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), 0.0);
  g_return_val_if_fail (person < dlg_draw_input_get_n_people (self->input), 0.0);
  return self->probabilities[person];
}

double
dlg_draw_result_get_min_probability (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), 0.0);
  return self->min_probability;
}

double
dlg_draw_result_get_max_probability (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), 0.0);
  return self->max_probability;
}

gint64
dlg_draw_result_get_duration_ms (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), 0);
  return self->duration_ms;
}

/* How many panels the distribution has (maximin, leximin), or how many successful runs
 * estimated the probabilities (legacy). */
guint
dlg_draw_result_get_n_panels (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), 0);
  return self->n_panels;
}

/* The distribution the panel was drawn from (empty for legacy). People of the same profile
 * and no shared household are interchangeable: each panel is shown with the first ones of
 * each profile, and the draw picks among them uniformly. */
guint
dlg_draw_result_get_n_distribution_panels (DlgDrawResult *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), 0);
  return self->distribution->len;
}

double
dlg_draw_result_get_distribution_weight (DlgDrawResult *self,
                                         guint          index)
{
  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), 0.0);
  g_return_val_if_fail (index < self->distribution->len, 0.0);
  return g_array_index (self->distribution, DistributionPanel, index).weight;
}

const guint *
dlg_draw_result_get_distribution_panel (DlgDrawResult *self,
                                        guint          index,
                                        guint         *n_members)
{
  DistributionPanel *panel;

  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), NULL);
  g_return_val_if_fail (index < self->distribution->len, NULL);
  panel = &g_array_index (self->distribution, DistributionPanel, index);
  *n_members = panel->members->len;
  return (const guint *) (gpointer) panel->members->data;
}

static void
add_id_array (JsonBuilder   *builder,
              DlgDrawResult *self,
              GArray        *people)
{
  json_builder_begin_array (builder);
  for (guint i = 0; i < people->len; i++)
    json_builder_add_string_value (builder,
                                   dlg_draw_input_get_person_id (self->input,
                                                                 g_array_index (people, guint,
                                                                                i)));
  json_builder_end_array (builder);
}

/**
 * dlg_draw_result_to_json:
 * @self: a result
 *
 * The result as JSON: summary, panel, reserve list and probabilities by id.
 *
 * Returns: (transfer full): JSON text
 */
char *
dlg_draw_result_to_json (DlgDrawResult *self)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  guint n = dlg_draw_input_get_n_people (self->input);

  g_return_val_if_fail (DLG_IS_DRAW_RESULT (self), NULL);

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "algorithm");
  json_builder_add_string_value (
    builder, dlg_draw_algorithm_to_string (dlg_draw_result_get_algorithm (self)));
  json_builder_set_member_name (builder, "seed");
  json_builder_add_int_value (builder, dlg_draw_result_get_seed (self));
  json_builder_set_member_name (builder, "solver");
  json_builder_add_string_value (builder, dlg_lp_get_solver_name ());
  json_builder_set_member_name (builder, "size");
  json_builder_add_int_value (builder, self->panel->len);
  json_builder_set_member_name (builder, "pool_size");
  json_builder_add_int_value (builder, n);
  json_builder_set_member_name (builder, "min_probability");
  json_builder_add_double_value (builder, self->min_probability);
  json_builder_set_member_name (builder, "max_probability");
  json_builder_add_double_value (builder, self->max_probability);
  json_builder_set_member_name (builder, "duration_ms");
  json_builder_add_int_value (builder, self->duration_ms);
  json_builder_set_member_name (builder, "n_panels");
  json_builder_add_int_value (builder, self->n_panels);
  json_builder_set_member_name (builder, "panel");
  add_id_array (builder, self, self->panel);
  json_builder_set_member_name (builder, "reserve");
  add_id_array (builder, self, self->reserve);
  json_builder_set_member_name (builder, "probabilities");
  json_builder_begin_object (builder);
  for (guint p = 0; p < n; p++)
    {
      json_builder_set_member_name (builder, dlg_draw_input_get_person_id (self->input, p));
      json_builder_add_double_value (builder, self->probabilities[p]);
    }
  json_builder_end_object (builder);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  return json_generator_to_data (generator, NULL);
}
