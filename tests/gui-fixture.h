/* gui-fixture.h — the demo window fixture and widget helpers shared by the GUI tests
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A GUI test makes one demo database at the start (gui_demo_db_new), and each test works on a
 * copy of it in the real window: gui_fixture_setup copies it, opens the store, the settings
 * (GSETTINGS_BACKEND=memory, set by main and by meson) and the context, and presents the window;
 * gui_fixture_teardown closes all and removes the copy. The steps are public too, for a test
 * that has something to do between them (dump the copy, reopen a stage).
 *
 * The helpers keep the short names of the static functions they replaced: they are test code,
 * linked into test programs only.
 */

#pragma once

#include <adwaita.h>

#include "dlg-core.h"
#include "dlg-edit-dialog.h"
#include "dlg-window.h"

G_BEGIN_DECLS

typedef struct
{
  char       *dir;
  char       *path;
  DlgStore   *store;
  GSettings  *settings;
  DlgContext *context;
  DlgWindow  *window;
  gint64      demo_id;
} GuiFixture;

/* main: memory settings, GTK and libadwaita initialised for tests */
void           gui_test_init            (int        *argc,
                                         char     ***argv);

/* The database */
char          *gui_demo_db_new          (const char *prefix,
                                         gboolean   *created);
void           gui_db_remove            (const char *path);

/* The fixture, in steps or at once */
void           gui_fixture_copy         (GuiFixture *f,
                                         const char *template_path,
                                         const char *prefix);
void           gui_fixture_open_store   (GuiFixture *f);
void           gui_fixture_open_window  (GuiFixture *f);
void           gui_fixture_setup        (GuiFixture *f,
                                         const char *template_path,
                                         const char *prefix);
void           gui_fixture_close        (GuiFixture *f);
void           gui_fixture_teardown     (GuiFixture *f);

/* The main loop */
void           spin                     (guint       ms);

/* Widgets */
GPtrArray     *find_all                 (GtkWidget  *root,
                                         GType       type);
gpointer       find_nth                 (GtkWidget  *root,
                                         GType       type,
                                         guint       n);
GtkLabel      *find_label_with_text     (GtkWidget  *root,
                                         const char *text);
gpointer       find_toplevel            (GType       type);
void           gui_save_png             (GtkWidget  *widget,
                                         const char *path);
AdwMessageDialog *find_message_dialog   (void);
DlgEditDialog *find_edit_dialog         (const char *title);

/* The demo's done stages reopened from the last one down to @stage */
gboolean       reopen_down_to           (GuiFixture *f,
                                         DlgStage    stage);

G_END_DECLS
