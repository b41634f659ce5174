/* minimal-window.c — the cold-start benchmark's baselines: an empty GTK 4 window, quit after
 * its first frame; built a second time with MINIMAL_ADW as an empty libadwaita window
 * (AdwApplication, AdwApplicationWindow, one AdwHeaderBar): what any libadwaita application
 * pays before it shows anything of its own (the library's style sheet, and a client-side
 * decorated window whose first frame needs more of the renderer's programs)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#ifdef MINIMAL_ADW
#include <adwaita.h>
#else
#include <gtk/gtk.h>
#endif

static void
painted_cb (GdkFrameClock *clock,
            GApplication  *app)
{
  g_signal_handlers_disconnect_by_func (clock, painted_cb, app);
  g_application_quit (app);
}

static void
realized_cb (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (painted_cb),
                    g_application_get_default ());
}

static void
activate_cb (GtkApplication *app)
{
#ifdef MINIMAL_ADW
  GtkWidget *window = adw_application_window_new (app);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);

  gtk_box_append (GTK_BOX (box), adw_header_bar_new ());
  adw_application_window_set_content (ADW_APPLICATION_WINDOW (window), box);
#else
  GtkWidget *window = gtk_application_window_new (app);
#endif

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  g_signal_connect (window, "realize", G_CALLBACK (realized_cb), NULL);
  gtk_window_present (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
#ifdef MINIMAL_ADW
  g_autoptr(GtkApplication) app =
    GTK_APPLICATION (adw_application_new ("org.example.MinimalAdwWindow",
                                          G_APPLICATION_NON_UNIQUE));
#else
  g_autoptr(GtkApplication) app = gtk_application_new ("org.example.MinimalWindow",
                                                       G_APPLICATION_NON_UNIQUE);
#endif

  g_signal_connect (app, "activate", G_CALLBACK (activate_cb), NULL);
  return g_application_run (G_APPLICATION (app), argc, argv);
}
