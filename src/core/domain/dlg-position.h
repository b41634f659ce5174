/* dlg-position.h — the institution’s position on one recommendation
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-record.h"
#include "dlg-types.h"

G_BEGIN_DECLS

#define DLG_TYPE_POSITION (dlg_position_get_type ())

G_DECLARE_FINAL_TYPE (DlgPosition, dlg_position, DLG, POSITION, DlgRecord)

DlgPosition *dlg_position_new                   (gint64 recommendation_id);

gint64       dlg_position_get_id                (DlgPosition *self);
const char  *dlg_position_get_uuid              (DlgPosition *self);
gint64       dlg_position_get_recommendation_id (DlgPosition *self);
const char  *dlg_position_get_value             (DlgPosition *self);
const char  *dlg_position_get_justification     (DlgPosition *self);
const char  *dlg_position_get_updated_at        (DlgPosition *self);

void         dlg_position_set_value             (DlgPosition *self,
                                                 const char  *value);
void         dlg_position_set_justification     (DlgPosition *self,
                                                 const char  *justification);

gboolean     dlg_position_save                  (DlgStore     *store,
                                                 DlgPosition  *position,
                                                 GError      **error);
DlgPosition *dlg_position_load                  (DlgStore  *store,
                                                 gint64     id,
                                                 GError   **error);
DlgPosition *dlg_position_load_for              (DlgStore  *store,
                                                 gint64     recommendation_id,
                                                 GError   **error);
GListModel  *dlg_position_list                  (DlgStore  *store,
                                                 gint64     process_id,
                                                 GError   **error);
gboolean     dlg_position_delete                (DlgStore  *store,
                                                 gint64     id,
                                                 GError   **error);

/* The values of a position, NULL-terminated: retained, partly_retained, not_retained,
 * already_done, under_study. */
const char * const *dlg_position_values           (void);
/* The translated label of a value ("Retained"…), or NULL for an unknown one. */
const char         *dlg_position_value_get_label  (const char *value);

G_END_DECLS
