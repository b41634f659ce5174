/* dlg-draw-input.h — what a random draw of a panel starts from
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * DlgDrawAlgorithm:
 * @DLG_DRAW_ALGORITHM_LEGACY: the Sortition Foundation's greedy draw (probabilities estimated)
 * @DLG_DRAW_ALGORITHM_MAXIMIN: maximises the lowest selection probability
 * @DLG_DRAW_ALGORITHM_LEXIMIN: maximin, then the second lowest, and so on (Flanigan et al.)
 */
typedef enum
{
  DLG_DRAW_ALGORITHM_LEGACY,
  DLG_DRAW_ALGORITHM_MAXIMIN,
  DLG_DRAW_ALGORITHM_LEXIMIN,
} DlgDrawAlgorithm;

/* What a quota's flexibility is when not given: the minimum may go down to 0 and the maximum
 * up to the panel size. */
#define DLG_DRAW_FLEX_UNSET (-1)

typedef struct _DlgDrawInput DlgDrawInput;

#define DLG_TYPE_DRAW_INPUT (dlg_draw_input_get_type ())

GType             dlg_draw_input_get_type         (void) G_GNUC_CONST;

const char       *dlg_draw_algorithm_to_string    (DlgDrawAlgorithm  algorithm);
gboolean          dlg_draw_algorithm_from_string  (const char       *text,
                                                   DlgDrawAlgorithm *algorithm);

DlgDrawInput     *dlg_draw_input_new              (void);
DlgDrawInput     *dlg_draw_input_ref              (DlgDrawInput     *self);
void              dlg_draw_input_unref            (DlgDrawInput     *self);

int               dlg_draw_input_add_category     (DlgDrawInput     *self,
                                                   const char       *name);
int               dlg_draw_input_find_category    (DlgDrawInput     *self,
                                                   const char       *name);
gboolean          dlg_draw_input_add_quota        (DlgDrawInput     *self,
                                                   const char       *category,
                                                   const char       *value,
                                                   int               min,
                                                   int               max,
                                                   int               min_flex,
                                                   int               max_flex,
                                                   GError          **error);
gboolean          dlg_draw_input_add_person       (DlgDrawInput     *self,
                                                   const char       *id,
                                                   const char *const *values,
                                                   const char       *household,
                                                   GError          **error);

void              dlg_draw_input_set_size         (DlgDrawInput     *self,
                                                   guint             size);
guint             dlg_draw_input_get_size         (DlgDrawInput     *self);
void              dlg_draw_input_set_seed         (DlgDrawInput     *self,
                                                   guint32           seed);
guint32           dlg_draw_input_get_seed         (DlgDrawInput     *self);
void              dlg_draw_input_set_algorithm    (DlgDrawInput     *self,
                                                   DlgDrawAlgorithm  algorithm);
DlgDrawAlgorithm  dlg_draw_input_get_algorithm    (DlgDrawInput     *self);
void              dlg_draw_input_set_reserve_size (DlgDrawInput     *self,
                                                   int               reserve_size);
int               dlg_draw_input_get_reserve_size (DlgDrawInput     *self);
void              dlg_draw_input_set_legacy_runs  (DlgDrawInput     *self,
                                                   guint             runs);
guint             dlg_draw_input_get_legacy_runs  (DlgDrawInput     *self);

guint             dlg_draw_input_get_n_categories (DlgDrawInput     *self);
const char       *dlg_draw_input_get_category     (DlgDrawInput     *self,
                                                   guint             index);
guint             dlg_draw_input_get_n_quotas     (DlgDrawInput     *self);
void              dlg_draw_input_get_quota        (DlgDrawInput     *self,
                                                   guint             index,
                                                   const char      **category,
                                                   const char      **value,
                                                   int              *min,
                                                   int              *max,
                                                   int              *min_flex,
                                                   int              *max_flex);
guint             dlg_draw_input_get_n_people     (DlgDrawInput     *self);
const char       *dlg_draw_input_get_person_id    (DlgDrawInput     *self,
                                                   guint             person);
int               dlg_draw_input_find_person      (DlgDrawInput     *self,
                                                   const char       *id);
const char       *dlg_draw_input_get_person_value (DlgDrawInput     *self,
                                                   guint             person,
                                                   guint             category);
const char       *dlg_draw_input_get_person_household (DlgDrawInput *self,
                                                   guint             person);

char             *dlg_draw_input_to_json          (DlgDrawInput     *self);
DlgDrawInput     *dlg_draw_input_new_from_json    (const char       *json,
                                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgDrawInput, dlg_draw_input_unref)

G_END_DECLS
