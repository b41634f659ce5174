/* dlg-response-bulk.h — answers at volume: templates of positions and justifications, applied
 * to many recommendations at once, undoable, and the check before publication
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

#include "dlg-types.h"

G_BEGIN_DECLS

/**
 * DlgResponseTemplate:
 * @id: its id
 * @process_id: the process it belongs to
 * @name: how the officer calls it
 * @position: the position it gives ("retained"…)
 * @body: the justification, with placeholders {recommendation}, {number}, {department},
 *   {date}
 */
typedef struct
{
  gint64  id;
  gint64  process_id;
  char   *name;
  char   *position;
  char   *body;
} DlgResponseTemplate;

void                 dlg_response_template_free   (DlgResponseTemplate *self);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgResponseTemplate, dlg_response_template_free)

/* The type DlgStore::changed carries when a template is added or deleted. */
#define DLG_TYPE_RESPONSE_TEMPLATE (dlg_response_template_get_type ())
GType                dlg_response_template_get_type (void) G_GNUC_CONST;

GPtrArray           *dlg_response_template_list   (DlgStore    *store,
                                                   gint64       process_id,
                                                   GError     **error);
DlgResponseTemplate *dlg_response_template_load   (DlgStore    *store,
                                                   gint64       template_id,
                                                   GError     **error);
gint64               dlg_response_template_add    (DlgStore    *store,
                                                   gint64       process_id,
                                                   const char  *name,
                                                   const char  *position,
                                                   const char  *body,
                                                   GError     **error);
gboolean             dlg_response_template_delete (DlgStore    *store,
                                                   gint64       template_id,
                                                   GError     **error);
/* Checks the placeholders of @body: every {word} must be one of the four. */
gboolean             dlg_response_template_check  (const char  *body,
                                                   GError     **error);
char                *dlg_response_template_expand (const char  *body,
                                                   const char  *recommendation,
                                                   gint64       number,
                                                   const char  *department,
                                                   const char  *date);

/* The type DlgStore::changed carries when a bulk operation is applied or undone. */
#define DLG_TYPE_RESPONSE_OPERATION (dlg_response_operation_get_type ())
GType                dlg_response_operation_get_type (void) G_GNUC_CONST;

gboolean  dlg_response_apply_template      (DlgStore      *store,
                                            gint64         process_id,
                                            gint64         template_id,
                                            const gint64  *recommendation_ids,
                                            guint          n_ids,
                                            GDateTime     *date,
                                            guint         *n_changed,
                                            gint64        *operation_id,
                                            GError       **error);
gboolean  dlg_response_get_last_operation  (DlgStore      *store,
                                            gint64         process_id,
                                            gint64        *operation_id,
                                            char         **summary,
                                            GError       **error);
gboolean  dlg_response_undo_operation      (DlgStore      *store,
                                            gint64         operation_id,
                                            guint         *n_restored,
                                            guint         *n_kept,
                                            GError       **error);

typedef enum
{
  DLG_RESPONSE_PROBLEM_NO_POSITION,
  DLG_RESPONSE_PROBLEM_EMPTY_JUSTIFICATION,
  DLG_RESPONSE_PROBLEM_UNEDITED_TEMPLATE,
} DlgResponseProblemKind;

/**
 * DlgResponseProblem:
 * @recommendation_id: the recommendation
 * @number: its number
 * @title: its title
 * @kind: what is wrong
 * @message: a translated sentence that says it
 */
typedef struct
{
  gint64                  recommendation_id;
  gint64                  number;
  char                   *title;
  DlgResponseProblemKind  kind;
  char                   *message;
} DlgResponseProblem;

void        dlg_response_problem_free        (DlgResponseProblem     *self);
/* "no_position", "empty_justification", "unedited_template" */
const char *dlg_response_problem_kind_to_id  (DlgResponseProblemKind  kind);
GPtrArray  *dlg_response_check               (DlgStore               *store,
                                              gint64                  process_id,
                                              GError                **error);

G_END_DECLS
