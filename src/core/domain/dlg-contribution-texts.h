/* dlg-contribution-texts.h — the texts of a process's contributions, streamed for analysis
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "dlg-types.h"

G_BEGIN_DECLS

/**
 * DlgContributionTextFunc:
 * @uuid: the contribution's uuid
 * @title: its title ("" when it has none)
 * @body: its text ("" when it has none)
 * @language: (nullable): its language as its source gave it (a platform's `locale`: "es",
 *   "ca"), or %NULL
 * @user_data: the data given to dlg_contribution_texts_foreach()
 *
 * The strings belong to the statement: copy what you keep.
 */
typedef void (*DlgContributionTextFunc) (const char *uuid,
                                         const char *title,
                                         const char *body,
                                         const char *language,
                                         gpointer    user_data);

gboolean dlg_contribution_texts_foreach (DlgStore                 *store,
                                         gint64                    process_id,
                                         DlgContributionTextFunc   func,
                                         gpointer                  user_data,
                                         guint                    *n_texts,
                                         GError                  **error);

GArray   *dlg_contribution_ids_from_uuids (DlgStore                 *store,
                                          gint64                    process_id,
                                          const char * const       *uuids,
                                          GError                  **error);

char     *dlg_contribution_text_join       (const char               *title,
                                           const char               *body);
char     *dlg_contribution_text_excerpt    (const char               *text,
                                           guint                     max_chars);

G_END_DECLS
