/* dlg-moderation-reason.h — the standard moderation reasons, which the officer can edit
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/* The type DlgStore::changed carries when the list of reasons changes. */
#define DLG_TYPE_MODERATION_REASON (dlg_moderation_reason_get_type ())
GType       dlg_moderation_reason_get_type (void) G_GNUC_CONST;

typedef struct
{
  gint64  id;
  char   *label;   /* the officer's wording, or the standard one in the user's language */
} DlgModerationReason;

void        dlg_moderation_reason_free    (DlgModerationReason *reason);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgModerationReason, dlg_moderation_reason_free)

GPtrArray  *dlg_moderation_reason_list    (DlgStore    *store,
                                           GError     **error);
gint64      dlg_moderation_reason_add     (DlgStore    *store,
                                           const char  *label,
                                           GError     **error);
gboolean    dlg_moderation_reason_rename  (DlgStore    *store,
                                           gint64       id,
                                           const char  *label,
                                           GError     **error);
gboolean    dlg_moderation_reason_delete  (DlgStore    *store,
                                           gint64       id,
                                           GError     **error);

G_END_DECLS
