/* dlg-draw-invitation.h — invitations of a drawn panel, and replacements from the reserve
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

#include "dlg-types.h"

G_BEGIN_DECLS

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
