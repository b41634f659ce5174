/* dlg-preferences-window.h — the application's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define DLG_TYPE_PREFERENCES_WINDOW (dlg_preferences_window_get_type ())

G_DECLARE_FINAL_TYPE (DlgPreferencesWindow, dlg_preferences_window, DLG, PREFERENCES_WINDOW,
                      AdwPreferencesWindow)

DlgPreferencesWindow *dlg_preferences_window_new (GSettings *settings);

G_END_DECLS
