/* dlg-synthesis.h — the synthesis of a process or of a theme: counts by channel, feature, week
 * and area, and the contributions the officer marked as quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

typedef enum
{
  DLG_SYNTHESIS_CHANNEL,
  DLG_SYNTHESIS_FEATURE,
  DLG_SYNTHESIS_WEEK,
  DLG_SYNTHESIS_AREA,
  DLG_SYNTHESIS_N_AXES
} DlgSynthesisAxis;

/**
 * DlgSynthesisBar:
 * @key: the value counted: a channel or feature id, the Monday of a week (YYYY-MM-DD), an
 *   area as written ("" when none was given)
 * @label: how it reads (translated vocabulary label, "04/01" for a week, "Not given")
 * @count: how many contributions
 */
typedef struct
{
  char  *key;
  char  *label;
  guint  count;
} DlgSynthesisBar;

GPtrArray  *dlg_synthesis_count       (DlgStore          *store,
                                       gint64             process_id,
                                       gint64             theme_id,
                                       DlgSynthesisAxis   axis,
                                       guint             *n_total,
                                       GError           **error);
GListModel *dlg_synthesis_list_quotes (DlgStore          *store,
                                       gint64             process_id,
                                       gint64             theme_id,
                                       GError           **error);
const char *dlg_synthesis_axis_get_title (DlgSynthesisAxis axis);

G_END_DECLS
