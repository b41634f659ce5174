/* dlg-profile.h — the vocabulary of quota profiles of a process, and values that do not fit it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/* A value of a category: its id (what registrations and quotas hold) and its label. */
typedef struct
{
  char *value;
  char *label;
} DlgProfileValue;

/* A category of the profile (one of the profile columns of a registration). */
typedef struct
{
  char      *category;
  char      *label;
  gboolean   required;
  GPtrArray *values;   /* DlgProfileValue, in display order */
} DlgProfileCategory;

typedef struct _DlgProfile DlgProfile;

/* The type DlgStore::changed carries when the profile (categories, values) changes. */
#define DLG_TYPE_PROFILE (dlg_profile_get_type ())
GType dlg_profile_get_type (void) G_GNUC_CONST;

/* A registration whose value for a category is not one of the category's values. */
typedef struct
{
  gint64  participant_id;
  char   *full_name;       /* from participant_contact; "" when unknown */
  char   *category;
  char   *value;           /* what the registration holds; "" for no answer */
  gboolean in_pool;        /* the registration would take part in a draw */
} DlgProfileMisfit;

void                      dlg_profile_free              (DlgProfile        *profile);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgProfile, dlg_profile_free)
void                      dlg_profile_misfit_free       (DlgProfileMisfit  *misfit);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgProfileMisfit, dlg_profile_misfit_free)

DlgProfile               *dlg_profile_load              (DlgStore          *store,
                                                         gint64             process_id,
                                                         GError           **error);
guint                     dlg_profile_get_n_categories  (DlgProfile        *profile);
const DlgProfileCategory *dlg_profile_get_category      (DlgProfile        *profile,
                                                         guint              index);
const DlgProfileCategory *dlg_profile_find_category     (DlgProfile        *profile,
                                                         const char        *category);
const char               *dlg_profile_get_category_label (DlgProfile       *profile,
                                                         const char        *category);
const char               *dlg_profile_get_value_label   (DlgProfile        *profile,
                                                         const char        *category,
                                                         const char        *value);
char                     *dlg_profile_describe          (DlgProfile        *profile,
                                                         const char        *category,
                                                         const char        *value);

const char               *dlg_profile_participant_value (DlgParticipant    *participant,
                                                         const char        *category);
gboolean                  dlg_profile_set_participant_value (DlgParticipant *participant,
                                                         const char        *category,
                                                         const char        *value);

gboolean                  dlg_profile_set_value         (DlgStore          *store,
                                                         gint64             process_id,
                                                         const char        *category,
                                                         const char        *value,
                                                         const char        *label,
                                                         GError           **error);

GPtrArray                *dlg_profile_list_misfits      (DlgStore          *store,
                                                         gint64             process_id,
                                                         GError           **error);
char                     *dlg_profile_describe_misfits  (DlgProfile        *profile,
                                                         GPtrArray         *misfits);
gboolean                  dlg_profile_map_value         (DlgStore          *store,
                                                         gint64             process_id,
                                                         const char        *category,
                                                         const char        *from,
                                                         const char        *to,
                                                         guint             *n_changed,
                                                         GError           **error);

G_END_DECLS
