/* dlg-draw-invitation.h — invitations of a drawn panel, and replacements from the reserve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/* The last draw saved for a process, as recorded (see dlg_draw_load_last_saved()). */
typedef struct
{
  gint64   id;
  char    *algorithm;
  guint32  seed;
  guint    panel_size;
  double   min_probability;
  double   max_probability;
  gint64   duration_ms;
  char    *created_at;
  char    *inputs_json;
  GArray  *probabilities;   /* double, one per volunteer of the pool, by participant id */
} DlgSavedDraw;

void          dlg_saved_draw_free      (DlgSavedDraw *draw);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgSavedDraw, dlg_saved_draw_free)

gboolean      dlg_draw_load_last_saved (DlgStore      *store,
                                        gint64         process_id,
                                        DlgSavedDraw **draw,
                                        GError       **error);

guint    dlg_draw_count_saved         (DlgStore    *store,
                                       gint64       process_id,
                                       GError     **error);
gboolean dlg_draw_set_invitation      (DlgStore    *store,
                                       gint64       process_id,
                                       gint64       participant_id,
                                       const char  *status,
                                       GError     **error);
gint64   dlg_draw_pick_replacement    (DlgStore    *store,
                                       gint64       process_id,
                                       gint64       participant_id,
                                       GError     **error);
gboolean dlg_draw_replace             (DlgStore    *store,
                                       gint64       process_id,
                                       gint64       participant_id,
                                       gint64       replacement_id,
                                       GError     **error);

G_END_DECLS
