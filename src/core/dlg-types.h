/* dlg-types.h — forward declarations of every core type
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

typedef struct _DlgStore        DlgStore;
typedef struct _DlgProcess      DlgProcess;
typedef struct _DlgJournalEntry DlgJournalEntry;

G_END_DECLS
