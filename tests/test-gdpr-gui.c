/* test-gdpr-gui.c — personal data in the follow-up view: the retention, the purge proposed and
 * confirmed, a person erased or exported through the person search
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * With DLG_GDPR_SHOTS=DIR, the window and each dialog are also written to DIR as PNGs, in the
 * language of the environment (LANGUAGE=fr): the texts the test expects come from the catalogue.
 */

#include "config.h"

#include <glib/gi18n-lib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <locale.h>

#include "dlg-gdpr-panel.h"
#include "dlg-stage-page.h"
#include "dlg-store-private.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-gdpr-gui");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
}

static void
shot (GtkWidget  *widget,
      const char *name)
{
  const char *dir = g_getenv ("DLG_GDPR_SHOTS");
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;

  if (dir == NULL)
    return;
  spin (300);
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  gui_save_png (widget, path);
}

static gint64
count (Fixture    *f,
       const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, sql, &error);

  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  return sqlite3_column_int64 (stmt, 0);
}

static DlgGdprPanel *
show_panel (Fixture *f)
{
  DlgStagePage *page;
  DlgGdprPanel *panel;

  dlg_window_select_stage (f->window, DLG_STAGE_FOLLOW_UP);
  spin (50);
  page = dlg_window_get_stage_page (f->window, DLG_STAGE_FOLLOW_UP);
  panel = find_nth (GTK_WIDGET (dlg_stage_page_get_view (page)), DLG_TYPE_GDPR_PANEL, 0);
  g_assert_nonnull (panel);
  return panel;
}

static AdwActionRow *
row_titled (GtkWidget  *root,
            const char *title)
{
  g_autoptr(GPtrArray) rows = find_all (root, ADW_TYPE_ACTION_ROW);

  for (guint i = 0; i < rows->len; i++)
    if (g_strcmp0 (adw_preferences_row_get_title (rows->pdata[i]), title) == 0)
      return rows->pdata[i];
  return NULL;
}

/* The follow-up stage closed 8 months ago (its rules are not what this test checks). */
static void
close_follow_up (Fixture *f)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (
    f->store, "UPDATE stage_state SET state = 'done', ended_at = strftime"
    " ('%Y-%m-%dT%H:%M:%SZ', 'now', '-8 months') WHERE process_id = ?1 AND stage = 'follow_up'",
    &error);

  g_assert_no_error (error);
  sqlite3_bind_int64 (stmt, 1, f->demo_id);
  g_assert_true (dlg_store_step_done (f->store, stmt, &error));
  dlg_store_emit_changed (f->store, DLG_TYPE_STAGE_INFO, f->demo_id);
  spin (100);
}

/* Every journal entry of the demo, none holding @needle. */
static void
assert_journal_lacks (Fixture    *f,
                      const char *needle)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (
    f->store, "SELECT object_id || summary || coalesce (old_value, '')"
    " || coalesce (new_value, '') FROM journal", &error);

  g_assert_no_error (error);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_assert_null (strstr (dlg_stmt_get_text (stmt, 0), needle));
}

static void
test_status (Fixture       *f,
             gconstpointer  data)
{
  DlgGdprPanel *panel = show_panel (f);
  AdwActionRow *status = row_titled (GTK_WIDGET (panel), _("Retention of contact data"));
  AdwActionRow *due = row_titled (GTK_WIDGET (panel),
                                  _("The retention of contact data has ended"));
  guint n_people = count (f, "SELECT count(*) FROM participant_contact");
  g_autofree char *held = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "held now for %u person",
                                                        "held now for %u people", n_people),
                                           n_people);
  g_autofree char *expected = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "%u month after the follow-up stage closes; %s",
                 "%u months after the follow-up stage closes; %s", 6), 6, held);

  g_assert_nonnull (status);
  g_assert_nonnull (due);
  /* the demo's follow-up is still open: no purge proposed */
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (due)));
  g_assert_cmpstr (adw_action_row_get_subtitle (status), ==, expected);
  shot (GTK_WIDGET (f->window), "gdpr-follow-up");
}

static void
test_purge (Fixture       *f,
            gconstpointer  data)
{
  DlgGdprPanel *panel = show_panel (f);
  AdwActionRow *due = row_titled (GTK_WIDGET (panel),
                                  _("The retention of contact data has ended"));
  g_autoptr(DlgGdprStatus) status = dlg_gdpr_get_status (f->store, f->demo_id, NULL, NULL);
  guint n_people = status->n_people;
  guint n_fields = status->n_fields;
  g_autofree char *people = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "The contact data of %u person (%u fields) can now be purged.",
                 "The contact data of %u people (%u fields) can now be purged.", n_people),
    n_people, n_fields);
  g_autofree char *body = g_strdup_printf (
    g_dngettext (GETTEXT_PACKAGE, "The name, e-mail address, phone number, postal address and "
                 "household key of %u person (%u fields) will be deleted, here and on the public "
                 "site at the next sync. Their anonymous profile stays for the figures of the "
                 "report; the journal records only the counts. This cannot be undone.",
                 "The names, e-mail addresses, phone numbers, postal addresses and household "
                 "keys of %u people (%u fields) will be deleted, here and on the public site at "
                 "the next sync. Their anonymous profiles stay for the figures of the report; "
                 "the journal records only the counts. This cannot be undone.", n_people),
    n_people, n_fields);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  AdwMessageDialog *dialog;
  GtkWidget *button;

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, "SELECT full_name FROM"
                                                 " participant_contact LIMIT 5", NULL);
    while (sqlite3_step (stmt) == SQLITE_ROW)
      g_ptr_array_add (names, dlg_stmt_dup_text (stmt, 0));
  }
  close_follow_up (f);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (due)));
  g_assert_cmpstr (adw_action_row_get_subtitle (due), ==, people);
  /* the stage is closed, so the view is read-only; the purge stays at hand */
  button = find_nth (GTK_WIDGET (due), GTK_TYPE_BUTTON, 0);
  g_assert_true (gtk_widget_is_sensitive (button));
  shot (GTK_WIDGET (f->window), "gdpr-purge-due");

  /* Cancel changes nothing */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "gdpr.purge", NULL));
  spin (50);
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_body (dialog), ==, body);
  shot (GTK_WIDGET (dialog), "gdpr-purge-confirm");
  adw_message_dialog_response (dialog, "cancel");
  spin (50);
  g_assert_cmpint (count (f, "SELECT count(*) FROM participant_contact"), ==, n_people);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "gdpr.purge", NULL));
  spin (50);
  dialog = find_message_dialog ();
  adw_message_dialog_response (dialog, "purge");
  spin (100);
  g_assert_cmpint (count (f, "SELECT count(*) FROM participant_contact"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal WHERE action = 'gdpr.purge'"), ==, 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM gdpr_erasure WHERE scope = 'contacts'"), ==,
                   1);
  for (guint i = 0; i < names->len; i++)
    assert_journal_lacks (f, names->pdata[i]);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (due)));
}

static GtkEditable *
person_search (AdwMessageDialog *dialog)
{
  GtkEditable *entry = find_nth (GTK_WIDGET (dialog), GTK_TYPE_SEARCH_ENTRY, 0);

  g_assert_nonnull (entry);
  return entry;
}

static guint
n_matches (AdwMessageDialog *dialog)
{
  GtkListBox *list = find_nth (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, 0);
  g_autoptr(GPtrArray) rows = find_all (GTK_WIDGET (list), GTK_TYPE_LIST_BOX_ROW);

  return gtk_widget_get_visible (GTK_WIDGET (list)) ? rows->len : 0;
}

static void
test_erase (Fixture       *f,
            gconstpointer  data)
{
  DlgGdprPanel *panel = show_panel (f);
  AdwMessageDialog *dialog;
  GtkListBox *list;
  g_autofree char *name = NULL;
  gint64 n_people = count (f, "SELECT count(*) FROM participant_contact");

  {
    g_autoptr(DlgStmt) stmt = dlg_store_prepare (f->store, "SELECT full_name FROM"
                                                 " participant_contact WHERE email ="
                                                 " 'participant02@exemple.invalid'", NULL);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    name = dlg_stmt_dup_text (stmt, 0);
  }
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "gdpr.erase", NULL));
  spin (50);
  dialog = dlg_gdpr_panel_get_person_dialog (panel);
  g_assert_nonnull (dialog);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Erase a Person’s Data"));
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "erase"));

  /* a name several people share: choose one first */
  gtk_editable_set_text (person_search (dialog), "ines");
  spin (50);
  g_assert_cmpuint (n_matches (dialog), ==, 2);
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "erase"));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog),
                                          _("Several people match: choose one.")));
  gtk_editable_set_text (person_search (dialog), "nobody@nowhere.example");
  spin (50);
  g_assert_cmpuint (n_matches (dialog), ==, 0);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog),
                                          _("Nobody registered in this process matches.")));

  /* the e-mail address: one match, selected, what goes shown in plain text */
  gtk_editable_set_text (person_search (dialog), "Participant02@exemple.invalid");
  spin (50);
  g_assert_cmpuint (n_matches (dialog), ==, 1);
  list = find_nth (GTK_WIDGET (dialog), GTK_TYPE_LIST_BOX, 0);
  g_assert_nonnull (gtk_list_box_get_selected_row (list));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "erase"));
  {
    g_autofree char *line = g_strdup_printf (_("Name: %s"), name);
    g_autoptr(GPtrArray) labels = find_all (GTK_WIDGET (dialog), GTK_TYPE_LABEL);
    gboolean shown = FALSE;

    for (guint i = 0; i < labels->len; i++)
      if (strstr (gtk_label_get_text (labels->pdata[i]), line) != NULL &&
          strstr (gtk_label_get_text (labels->pdata[i]), _("What will go:")) != NULL)
        {
          g_assert_false (gtk_label_get_use_markup (labels->pdata[i]));
          shown = TRUE;
        }
    g_assert_true (shown);
  }
  shot (GTK_WIDGET (dialog), "gdpr-erase");
  adw_message_dialog_response (dialog, "erase");
  spin (100);
  g_assert_null (dlg_gdpr_panel_get_person_dialog (panel));
  g_assert_cmpint (count (f, "SELECT count(*) FROM participant_contact"), ==, n_people - 1);
  g_assert_cmpint (count (f, "SELECT count(*) FROM participant_contact"
                             " WHERE email = 'participant02@exemple.invalid'"), ==, 0);
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal WHERE action = 'gdpr.erase'"), ==, 1);
  assert_journal_lacks (f, name);
  assert_journal_lacks (f, "participant02@exemple.invalid");
}

static void
test_access (Fixture       *f,
             gconstpointer  data)
{
  DlgGdprPanel *panel = show_panel (f);
  g_autofree char *path = g_build_filename (f->dir, "person.json", NULL);
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GError) error = NULL;
  AdwMessageDialog *dialog;
  gint64 id = count (f, "SELECT participant_id FROM participant_contact"
                        " WHERE email = 'participant01@exemple.invalid'");
  g_autofree char *email = g_strdup_printf (_("E-mail: %s"), "participant01@exemple.invalid");
  JsonObject *contact;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "gdpr.access", NULL));
  spin (50);
  dialog = dlg_gdpr_panel_get_person_dialog (panel);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, _("Export a Person’s Data"));
  gtk_editable_set_text (person_search (dialog), "participant01@exemple.invalid");
  spin (50);
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "export"));
  {
    g_autoptr(GPtrArray) labels = find_all (GTK_WIDGET (dialog), GTK_TYPE_LABEL);
    gboolean shown = FALSE;

    for (guint i = 0; i < labels->len; i++)
      shown |= strstr (gtk_label_get_text (labels->pdata[i]), _("What is held:")) != NULL &&
               strstr (gtk_label_get_text (labels->pdata[i]), email) != NULL;
    g_assert_true (shown);
  }
  shot (GTK_WIDGET (dialog), "gdpr-access");
  gtk_window_close (GTK_WINDOW (dialog));
  spin (50);

  /* what the file chooser does with the file chosen */
  g_assert_true (dlg_gdpr_panel_export_person_to (panel, id, path));
  g_assert_true (json_parser_load_from_file (parser, path, &error));
  g_assert_no_error (error);
  contact = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)),
                                           "contact");
  g_assert_cmpstr (json_object_get_string_member (contact, "email"), ==,
                   "participant01@exemple.invalid");
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal WHERE action = 'gdpr.access'"), ==, 1);
  assert_journal_lacks (f, "participant01@exemple.invalid");
  /* a file that cannot be written: said under the panel, not journaled */
  g_assert_false (dlg_gdpr_panel_export_person_to (panel, id, "/nonexistent/dir/p.json"));
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal WHERE action = 'gdpr.access'"), ==, 1);
  g_unlink (path);
}

/* The mandate sets the retention: the spin shows the default for a field never set, and
 * writes only what the officer changes. */
static void
test_mandate_retention (Fixture       *f,
                        gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *stored = NULL;
  g_autoptr(DlgGdprStatus) status = NULL;
  DlgStagePage *page;
  DlgStageView *view;
  GtkSpinButton *retention;
  gint64 n_journal;

  reopen_down_to (f, DLG_STAGE_MANDATE);
  n_journal = count (f, "SELECT count(*) FROM journal");
  dlg_window_select_stage (f->window, DLG_STAGE_MANDATE);
  spin (50);
  page = dlg_window_get_stage_page (f->window, DLG_STAGE_MANDATE);
  view = dlg_stage_page_get_view (page);
  retention = find_nth (GTK_WIDGET (view), GTK_TYPE_SPIN_BUTTON, 1);
  g_assert_nonnull (retention);
  g_assert_cmpfloat (gtk_spin_button_get_value (retention), ==, 6);
  gtk_widget_grab_focus (GTK_WIDGET (retention));
  spin (50);
  dlg_stage_view_flush (view);
  stored = dlg_process_get_field (f->store, f->demo_id, DLG_FIELD_MANDATE_RETENTION_MONTHS,
                                  &error);
  g_assert_cmpstr (stored, ==, "");
  g_assert_cmpint (count (f, "SELECT count(*) FROM journal"), ==, n_journal);
  g_clear_pointer (&stored, g_free);

  gtk_spin_button_set_value (retention, 12);
  dlg_stage_view_flush (view);
  stored = dlg_process_get_field (f->store, f->demo_id, DLG_FIELD_MANDATE_RETENTION_MONTHS,
                                  &error);
  g_assert_cmpstr (stored, ==, "12");
  status = dlg_gdpr_get_status (f->store, f->demo_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (status->retention_months, ==, 12);
  g_assert_false (status->retention_is_default);
  shot (GTK_WIDGET (f->window), "gdpr-mandate");
}

int
main (int    argc,
      char **argv)
{
  gboolean created = FALSE;
  int status;

  gui_test_init (&argc, &argv);
  /* Screenshots in the environment's language, from the build tree's catalogue. */
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  template_db = gui_demo_db_new ("dialogue-gdpr-gui", &created);

#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("/gui/gdpr/status", test_status);
  ADD ("/gui/gdpr/purge", test_purge);
  ADD ("/gui/gdpr/erase", test_erase);
  ADD ("/gui/gdpr/access", test_access);
  ADD ("/gui/gdpr/mandate-retention", test_mandate_retention);
  status = g_test_run ();
  if (created)
    gui_db_remove (template_db);
  g_free (template_db);
  return status;
}
