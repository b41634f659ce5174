/* dlg-preferences-window.c — the application's preferences
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every row is bound to its GSettings key: a change is kept at once, like every other edit —
 * but the site's address, which applies when the officer presses Enter or the apply button and
 * only if the sync accepts it; otherwise the dialog says why, under the row. The map's tile
 * address is applied the same way (dlg_tile_source_check_template).
 */

#define G_LOG_DOMAIN "dlg-preferences-window"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-preferences-window.h"
#include "dlg-sync.h"
#include "dlg-tile-source.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgPreferencesWindow
{
  AdwPreferencesWindow  parent_instance;

  AdwEntryRow          *officer_row;
  AdwEntryRow          *database_row;
  AdwEntryRow          *site_row;
  GtkLabel             *site_error;
  GtkSpinButton        *interval_spin;
  AdwEntryRow          *tiles_row;
  GtkLabel             *tiles_error;

  GSettings            *settings;
};

G_DEFINE_FINAL_TYPE (DlgPreferencesWindow, dlg_preferences_window, ADW_TYPE_PREFERENCES_WINDOW)

/* While the officer types, the row is marked when the address would be refused; the message
 * of the last refusal goes away as soon as the address changes. */
static void
site_changed_cb (DlgPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                 self->site_row))));

  gtk_widget_set_visible (GTK_WIDGET (self->site_error), FALSE);
  if (*url == '\0' || dlg_sync_site_url_is_valid (url))
    gtk_widget_remove_css_class (GTK_WIDGET (self->site_row), "error");
  else
    gtk_widget_add_css_class (GTK_WIDGET (self->site_row), "error");
}

/* Enter or the apply button: an address the sync accepts (or none: the usual site) is kept;
 * another is refused in the dialog and the setting keeps the last good one. */
static void
site_apply_cb (DlgPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                 self->site_row))));
  g_autoptr(GError) error = NULL;

  if (*url != '\0' && !dlg_sync_site_url_check (url, &error))
    {
      gtk_label_set_text (self->site_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->site_error), TRUE);
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->site_error), FALSE);
  g_settings_set_string (self->settings, "site-url", url);
}

/* The setting changed elsewhere (another window, the command line): shown unless the officer
 * is editing the row. */
static void
site_setting_changed_cb (DlgPreferencesWindow *self)
{
  g_autofree char *url = g_settings_get_string (self->settings, "site-url");
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (focus != NULL && (focus == GTK_WIDGET (self->site_row) ||
                        gtk_widget_is_ancestor (focus, GTK_WIDGET (self->site_row))))
    return;
  gtk_editable_set_text (GTK_EDITABLE (self->site_row), url);
}

/* The map's tile address: kept when it has {z}, {x} and {y} on http(s) (empty: the default);
 * another is refused in the dialog. */
static void
tiles_apply_cb (DlgPreferencesWindow *self)
{
  g_autofree char *url = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (
                                                 self->tiles_row))));
  g_autoptr(GError) error = NULL;

  if (*url == '\0')
    {
      g_settings_reset (self->settings, "map-tile-url");
      g_free (url);
      url = g_settings_get_string (self->settings, "map-tile-url");
      gtk_editable_set_text (GTK_EDITABLE (self->tiles_row), url);
    }
  else if (!dlg_tile_source_check_template (url, &error))
    {
      gtk_label_set_text (self->tiles_error, error->message);
      gtk_widget_set_visible (GTK_WIDGET (self->tiles_error), TRUE);
      gtk_widget_add_css_class (GTK_WIDGET (self->tiles_row), "error");
      return;
    }
  gtk_widget_set_visible (GTK_WIDGET (self->tiles_error), FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->tiles_row), "error");
  g_settings_set_string (self->settings, "map-tile-url", url);
}

/* The window opens with no field focused: the cursor in the database path (the first entry
 * GTK would pick) invites an edit nobody meant. Tab reaches the first field. */
static void
dlg_preferences_window_show (GtkWidget *widget)
{
  GTK_WIDGET_CLASS (dlg_preferences_window_parent_class)->show (widget);
  gtk_window_set_focus (GTK_WINDOW (widget), NULL);
}

static void
dlg_preferences_window_dispose (GObject *object)
{
  DlgPreferencesWindow *self = (DlgPreferencesWindow *)object;

  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dlg_preferences_window_parent_class)->dispose (object);
}

static void
dlg_preferences_window_class_init (DlgPreferencesWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_preferences_window_dispose;
  widget_class->show = dlg_preferences_window_show;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-preferences-window.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgPreferencesWindow, officer_row);
  gtk_widget_class_bind_template_child (widget_class, DlgPreferencesWindow, database_row);
  gtk_widget_class_bind_template_child (widget_class, DlgPreferencesWindow, site_row);
  gtk_widget_class_bind_template_child (widget_class, DlgPreferencesWindow, site_error);
  gtk_widget_class_bind_template_child (widget_class, DlgPreferencesWindow, interval_spin);
  gtk_widget_class_bind_template_child (widget_class, DlgPreferencesWindow, tiles_row);
  gtk_widget_class_bind_template_child (widget_class, DlgPreferencesWindow, tiles_error);
}

static void
dlg_preferences_window_init (DlgPreferencesWindow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

DlgPreferencesWindow *
dlg_preferences_window_new (GSettings *settings)
{
  DlgPreferencesWindow *self;

  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);

  self = g_object_new (DLG_TYPE_PREFERENCES_WINDOW, NULL);
  self->settings = g_object_ref (settings);
  g_settings_bind (settings, "officer-name", self->officer_row, "text", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (settings, "database-path", self->database_row, "text", G_SETTINGS_BIND_DEFAULT);
  {
    g_autofree char *url = g_settings_get_string (settings, "site-url");

    gtk_editable_set_text (GTK_EDITABLE (self->site_row), url);
  }
  g_signal_connect_object (self->site_row, "changed", G_CALLBACK (site_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->site_row, "apply", G_CALLBACK (site_apply_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (settings, "changed::site-url", G_CALLBACK (site_setting_changed_cb),
                           self, G_CONNECT_SWAPPED);
  site_changed_cb (self);
  g_settings_bind (settings, "sync-interval", self->interval_spin, "value",
                   G_SETTINGS_BIND_DEFAULT);
  {
    g_autofree char *tiles = g_settings_get_string (settings, "map-tile-url");

    gtk_editable_set_text (GTK_EDITABLE (self->tiles_row), tiles);
  }
  g_signal_connect_object (self->tiles_row, "apply", G_CALLBACK (tiles_apply_cb), self,
                           G_CONNECT_SWAPPED);
  return self;
}
