/* dlg-schema.h — the numbered migrations of the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Migration N (1-based) brings a database from PRAGMA user_version N-1 to N. */
typedef struct
{
  const char *summary;
  const char *sql;
} DlgMigration;

const DlgMigration *dlg_schema_get_migrations (guint *n_migrations);
guint               dlg_schema_get_version    (void);

G_END_DECLS
