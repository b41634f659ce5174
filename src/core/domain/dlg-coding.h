/* dlg-coding.h — work on the coding frame at volume: tag, untag, highlight, merge, delete, undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/* What an operation did. */
typedef struct
{
  gint64 operation_id;  /* 0 when nothing changed: no operation is recorded, none to undo */
  guint  n_changed;     /* links, highlights or themes changed */
  guint  n_skipped;     /* contributions given that are not (or no longer) in the process */
} DlgCodingOutcome;

/* A theme's count: contributions tagged with it, and with it or one of its sub-themes. */
typedef struct
{
  gint64 theme_id;
  guint  n_direct;
  guint  n_total;
} DlgThemeCount;

gboolean  dlg_coding_tag              (DlgStore          *store,
                                       gint64             theme_id,
                                       const GArray      *contribution_ids,
                                       DlgCodingOutcome  *outcome,
                                       GError           **error);
gboolean  dlg_coding_untag            (DlgStore          *store,
                                       gint64             theme_id,
                                       const GArray      *contribution_ids,
                                       DlgCodingOutcome  *outcome,
                                       GError           **error);
gboolean  dlg_coding_highlight        (DlgStore          *store,
                                       gint64             process_id,
                                       const GArray      *contribution_ids,
                                       gboolean           highlighted,
                                       DlgCodingOutcome  *outcome,
                                       GError           **error);
gboolean  dlg_coding_moderate         (DlgStore          *store,
                                       gint64             process_id,
                                       const GArray      *contribution_ids,
                                       const char        *state,
                                       const char        *reason,
                                       DlgCodingOutcome  *outcome,
                                       GError           **error);
gboolean  dlg_coding_merge_themes     (DlgStore          *store,
                                       gint64             from_id,
                                       gint64             into_id,
                                       DlgCodingOutcome  *outcome,
                                       GError           **error);
gboolean  dlg_coding_delete_theme     (DlgStore          *store,
                                       gint64             theme_id,
                                       DlgCodingOutcome  *outcome,
                                       GError           **error);

gboolean  dlg_coding_move_theme       (DlgStore          *store,
                                       gint64             theme_id,
                                       gint64             parent_id,
                                       DlgCodingOutcome  *outcome,
                                       GError           **error);
gboolean  dlg_coding_accept_theme     (DlgStore          *store,
                                       gint64             process_id,
                                       const char        *name,
                                       const char        *colour,
                                       gint64             into_id,
                                       const GArray      *contribution_ids,
                                       DlgCodingOutcome  *outcome,
                                       GError           **error);
gboolean  dlg_coding_link_recommendation (DlgStore       *store,
                                       gint64             recommendation_id,
                                       const GArray      *contribution_ids,
                                       DlgCodingOutcome  *outcome,
                                       GError           **error);
GArray   *dlg_coding_list_theme_contributions (DlgStore  *store,
                                       gint64             theme_id,
                                       GError           **error);

gboolean  dlg_coding_get_last_operation (DlgStore        *store,
                                         gint64           process_id,
                                         gint64          *operation_id,
                                         char           **summary,
                                         GError         **error);
gboolean  dlg_coding_undo             (DlgStore          *store,
                                       gint64             operation_id,
                                       DlgCodingOutcome  *outcome,
                                       GError           **error);

GArray   *dlg_coding_count_by_theme   (DlgStore          *store,
                                       gint64             process_id,
                                       guint             *n_without_theme,
                                       GError           **error);

G_END_DECLS
