/* coding-fixture.h — a theme given to (or taken from) one contribution, as the window does it
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-core.h"

/* Through dlg-coding, the one path for tags (there is no per-contribution call). */
static inline gboolean
tag_one (DlgStore  *store,
         gint64     contribution_id,
         gint64     theme_id,
         gboolean   add,
         GError   **error)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  g_array_append_val (ids, contribution_id);
  return add ? dlg_coding_tag (store, theme_id, ids, NULL, error)
             : dlg_coding_untag (store, theme_id, ids, NULL, error);
}
