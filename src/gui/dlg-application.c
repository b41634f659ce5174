/* dlg-application.c — the Dialogue application
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * One instance per session (a second `dialogue --process 3` is forwarded to the first). The
 * application opens the store once, makes the one DlgSyncManager next to it, puts both in the
 * DlgContext and hands it to its windows. `--demo` also starts training mode (the practice
 * site in-process on loopback) when no site of the officer's is set; it stops on quit.
 */

#define G_LOG_DOMAIN "dlg-application"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-application.h"
#include "dlg-preferences-window.h"
#include "dlg-stage-navigator.h"
#include "dlg-window.h"

struct _DlgApplication
{
  AdwApplication  parent_instance;

  DlgContext     *context;
  GSettings      *settings;
};

G_DEFINE_FINAL_TYPE (DlgApplication, dlg_application, ADW_TYPE_APPLICATION)

static const GOptionEntry option_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    N_("Open this database file instead of the usual one"), N_("FILE") },
  { "process", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show the process with this number or UUID"), N_("ID") },
  { "demo", 0, 0, G_OPTION_ARG_NONE, NULL,
    N_("Open the demo process, created on first use"), NULL },
  { "demo-stage", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("With --demo: the demo regenerated from its seed at this stage (mandate, review…), for a "
       "training that starts there"), N_("STAGE") },
  { "stage", 0, 0, G_OPTION_ARG_STRING, NULL,
    N_("Show this stage (diagnostic, arbitration, … follow_up) or page (contributions, "
       "narratives, journal, communication, advisor)"), N_("STAGE") },
  { NULL }
};

static DlgWindow *
get_window (DlgApplication *self)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (self));

  return DLG_IS_WINDOW (window) ? DLG_WINDOW (window) : NULL;
}

static gboolean
ensure_context (DlgApplication  *self,
                const char      *db_path,
                GError         **error)
{
  g_autoptr(DlgStore) store = NULL;
  g_autofree char *path = NULL;

  if (self->context != NULL)
    {
      if (db_path != NULL &&
          g_strcmp0 (db_path, dlg_store_get_path (dlg_context_get_store (self->context))) != 0)
        g_message ("Dialogue is already running on %s; --db is ignored",
                   dlg_store_get_path (dlg_context_get_store (self->context)));
      return TRUE;
    }

  if (db_path != NULL)
    path = g_strdup (db_path);
  else
    {
      path = g_settings_get_string (self->settings, "database-path");
      if (*path == '\0')
        g_clear_pointer (&path, g_free);
    }
  if (path == NULL)
    path = dlg_store_get_default_path ();

  if (!(store = dlg_store_open (path, error)))
    return FALSE;
  self->context = dlg_context_new (store, self->settings);
  {
    /* Counted after the window's first frame (first_frame_painted_cb). */
    g_autoptr(DlgSyncManager) manager = g_object_new (DLG_TYPE_SYNC_MANAGER, "store", store,
                                                      "defer-counts", TRUE, NULL);

    dlg_context_set_sync_manager (self->context, manager);
  }
  return TRUE;
}

/* What the first frame does not need waits for it (issue 17): counting what waits for the
 * site reads every published object (100,000 contributions), so the sync button's count comes
 * just after the window shows. */
static gboolean
after_first_frame_idle_cb (gpointer user_data)
{
  DlgApplication *self = user_data;
  DlgSyncManager *manager = self->context != NULL
                            ? dlg_context_get_sync_manager (self->context)
                            : NULL;

  if (manager != NULL)
    dlg_sync_manager_refresh (manager);
  return G_SOURCE_REMOVE;
}

static void
first_frame_painted_cb (GdkFrameClock *clock,
                        GtkWidget     *window)
{
  GApplication *app = g_application_get_default ();

  g_signal_handlers_disconnect_by_func (clock, first_frame_painted_cb, window);
  /* For the cold-start benchmark (tests/bench/bench-cold-start.c): quit once the first frame
   * is painted. */
  if (g_getenv ("DIALOGUE_QUIT_AFTER_FIRST_FRAME") != NULL)
    g_application_quit (app);
  else if (DLG_IS_APPLICATION (app))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, after_first_frame_idle_cb, g_object_ref (app),
                     g_object_unref);
}

static void
window_realized_cb (GtkWidget *window)
{
  g_signal_handlers_disconnect_by_func (window, window_realized_cb, NULL);
  g_signal_connect_object (gtk_widget_get_frame_clock (window), "after-paint",
                           G_CALLBACK (first_frame_painted_cb), window, 0);
}

static void
watch_first_frame (GtkWidget *window)
{
  if (gtk_widget_get_realized (window))
    window_realized_cb (window);
  else
    g_signal_connect (window, "realize", G_CALLBACK (window_realized_cb), NULL);
}

static int
dlg_application_command_line (GApplication            *app,
                              GApplicationCommandLine *command_line)
{
  DlgApplication *self = DLG_APPLICATION (app);
  GVariantDict *options = g_application_command_line_get_options_dict (command_line);
  g_autoptr(GError) error = NULL;
  g_autofree char *db = NULL;
  g_autofree char *db_abs = NULL;
  const char *process = NULL;
  const char *stage_id = NULL;
  const char *demo_stage_id = NULL;
  DlgStage demo_stage = DLG_DEMO_DEFAULT_STAGE;
  guint stage = DLG_STAGE_DIAGNOSTIC;
  gboolean has_stage = FALSE;
  gboolean demo = FALSE;
  gint64 process_id = 0;
  DlgWindow *window;

  g_variant_dict_lookup (options, "db", "^ay", &db);
  g_variant_dict_lookup (options, "process", "&s", &process);
  g_variant_dict_lookup (options, "stage", "&s", &stage_id);
  g_variant_dict_lookup (options, "demo", "b", &demo);
  g_variant_dict_lookup (options, "demo-stage", "&s", &demo_stage_id);

  if (demo_stage_id != NULL)
    {
      if (!dlg_stage_from_id (demo_stage_id, &demo_stage))
        {
          g_application_command_line_printerr (command_line,
                                               _("Unknown stage “%s”.\n"), demo_stage_id);
          return 1;
        }
      demo = TRUE;
    }

  if (stage_id != NULL)
    {
      /* A stage id, or one of the cross-stage pages (contributions, narratives, journal). */
      for (guint i = 0; i < DLG_N_PAGES && !has_stage; i++)
        if (g_str_equal (stage_id, dlg_stage_navigator_page_name (i)))
          {
            stage = i;
            has_stage = TRUE;
          }
      if (!has_stage)
        {
          g_application_command_line_printerr (command_line,
                                               _("Unknown stage “%s”.\n"), stage_id);
          return 1;
        }
    }

  if (db != NULL)
    {
      g_autoptr(GFile) file = g_application_command_line_create_file_for_arg (command_line, db);
      db_abs = g_file_get_path (file);
    }

  if (!ensure_context (self, db_abs, &error))
    {
      g_application_command_line_printerr (command_line, _("Cannot open the database: %s\n"),
                                           error->message);
      return 1;
    }

  /* The demo first, so that `--demo --process 1` works on an empty database too. */
  if (demo)
    {
      gboolean created;
      gint64 demo_id = demo_stage_id != NULL
                       ? dlg_demo_ensure_at (dlg_context_get_store (self->context), demo_stage,
                                             &created, &error)
                       : dlg_demo_ensure (dlg_context_get_store (self->context), &created,
                                          &error);

      if (demo_id == 0)
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return 1;
        }
      if (process == NULL)
        process_id = demo_id;
    }

  if (process != NULL)
    {
      g_autoptr(DlgProcess) found = dlg_process_find (dlg_context_get_store (self->context),
                                                      process, &error);
      if (found == NULL)
        {
          g_application_command_line_printerr (command_line, "%s\n", error->message);
          return 1;
        }
      process_id = dlg_process_get_id (found);
    }

  if (demo && dlg_context_can_train (self->context) &&
      !dlg_context_start_training (self->context, NULL, &error))
    {
      /* The window opens all the same, without sync. */
      g_application_command_line_printerr (command_line,
                                           _("The practice site could not start: %s\n"),
                                           error->message);
      g_clear_error (&error);
    }

  window = get_window (self);
  if (window == NULL)
    {
      window = dlg_window_new (GTK_APPLICATION (self), self->context);
      watch_first_frame (GTK_WIDGET (window));
    }
  if (process_id != 0)
    dlg_window_select_process (window, process_id);
  if (has_stage)
    dlg_window_select_page (window, stage);
  else if (demo_stage_id != NULL)
    dlg_window_select_page (window, demo_stage);
  gtk_window_present (GTK_WINDOW (window));
  return 0;
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  DlgApplication *self = user_data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (self));

  /* Closing through close-request flushes what is being typed. */
  for (GList *l = windows; l != NULL;)
    {
      GtkWindow *window = l->data;

      l = l->next;
      gtk_window_close (window);
    }
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DlgApplication *self = user_data;
  GtkWindow *prefs = GTK_WINDOW (dlg_preferences_window_new (self->settings));

  gtk_window_set_transient_for (prefs, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_present (prefs);
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  DlgApplication *self = user_data;
  static const char *developers[] = { "Nantes Métropole, dialogue citoyen", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", _("Dialogue"),
                        "application-icon", APP_ID,
                        "developer-name", _("Nantes Métropole"),
                        "version", PACKAGE_VERSION,
                        "comments", _("Run participatory processes with citizens, from the "
                                      "upstream diagnosis to the right to follow-up."),
                        "website", "https://dialoguecitoyen.metropole.nantes.fr/",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        /* Translators: put your names here, one per line. */
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static void
shortcuts_action (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  DlgWindow *window = get_window (user_data);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.show-help-overlay", NULL);
}

static void
new_process_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  DlgWindow *window = get_window (user_data);

  if (window != NULL)
    gtk_widget_activate_action (GTK_WIDGET (window), "win.new-process", NULL);
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
  { "shortcuts", shortcuts_action },
  { "new-process", new_process_action },
};

static void
dlg_application_startup (GApplication *app)
{
  GtkApplication *gtk_app = GTK_APPLICATION (app);
  static const struct { const char *action; const char *accels[3]; } accels[] = {
    { "app.quit", { "<Control>q", NULL } },
    { "app.preferences", { "<Control>comma", NULL } },
    { "app.new-process", { "<Control>n", NULL } },
    { "win.show-help-overlay", { "<Control>question", "F1", NULL } },
    { "win.search", { "<Control>f", NULL } },
    { "win.previous-stage", { "<Control>Page_Up", NULL } },
    { "win.next-stage", { "<Control>Page_Down", NULL } },
    { "win.rename-process", { "F2", NULL } },
    { "win.sync", { "<Control>r", "F5", NULL } },
    { "window.close", { "<Control>w", NULL } },
  };

  G_APPLICATION_CLASS (dlg_application_parent_class)->startup (app);

  g_action_map_add_action_entries (G_ACTION_MAP (app), app_actions, G_N_ELEMENTS (app_actions),
                                   app);
  for (guint i = 0; i < G_N_ELEMENTS (accels); i++)
    gtk_application_set_accels_for_action (gtk_app, accels[i].action, accels[i].accels);
  gtk_window_set_default_icon_name (APP_ID);
}

static void
dlg_application_shutdown (GApplication *app)
{
  DlgApplication *self = DLG_APPLICATION (app);

  /* The practice site stops with the application, and a sync in progress with it. */
  if (self->context != NULL)
    dlg_context_stop_training (self->context);

  G_APPLICATION_CLASS (dlg_application_parent_class)->shutdown (app);
}

static void
dlg_application_dispose (GObject *object)
{
  DlgApplication *self = (DlgApplication *)object;

  g_clear_object (&self->context);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dlg_application_parent_class)->dispose (object);
}

static void
dlg_application_class_init (DlgApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = dlg_application_dispose;
  app_class->startup = dlg_application_startup;
  app_class->shutdown = dlg_application_shutdown;
  app_class->command_line = dlg_application_command_line;
}

static void
dlg_application_init (DlgApplication *self)
{
  GOptionEntry entries[G_N_ELEMENTS (option_entries)];

  /* The option texts are translated at run time. */
  for (guint i = 0; i < G_N_ELEMENTS (option_entries); i++)
    {
      entries[i] = option_entries[i];
      if (entries[i].description != NULL)
        entries[i].description = _(entries[i].description);
      if (entries[i].arg_description != NULL)
        entries[i].arg_description = _(entries[i].arg_description);
    }
  g_application_add_main_option_entries (G_APPLICATION (self), entries);
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            _("The back-office of participatory processes."));
  self->settings = g_settings_new (APP_ID);
}

DlgApplication *
dlg_application_new (void)
{
  return g_object_new (DLG_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_HANDLES_COMMAND_LINE,
                       "resource-base-path", "/fr/nantesmetropole/Dialogue",
                       NULL);
}

DlgContext *
dlg_application_get_context (DlgApplication *self)
{
  g_return_val_if_fail (DLG_IS_APPLICATION (self), NULL);
  return self->context;
}
