/* dlg-import-dialog.c — import a platform's export or a spreadsheet into a process
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Pick a file; the dialog says which format it found, shows what each column is taken for
 * (for any CSV or spreadsheet: guessed from the headers, or what was chosen for this
 * process's last file), and counts what the import would add, update, leave and skip, with
 * the first rows — a dry run in a worker thread, started again (after a pause) whenever a
 * choice changes. Then the import itself runs in a worker thread with progress and Cancel; the
 * whole file is one transaction, so that a cancel or a close keeps nothing of it.
 */

#define G_LOG_DOMAIN "dlg-gui"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dlg-core.h"
#include "dlg-import-dialog.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"
#define PREVIEW_ROWS  5
#define SHOWN_SKIPS   3
#define COUNT_DELAY   300   /* ms after the last change */

struct _DlgImportDialog
{
  AdwWindow             parent_instance;

  AdwPreferencesGroup  *settings_group;
  AdwActionRow         *file_row;
  AdwComboRow          *format_row;
  AdwEntryRow          *locale_row;
  AdwPreferencesGroup  *columns_group;
  AdwPreferencesGroup  *preview_group;
  GtkSpinner           *spinner;
  GtkLabel             *counts_label;
  GtkListBox           *preview_list;
  GtkProgressBar       *progress_bar;
  GtkLabel             *status_label;
  GtkButton            *cancel_button;
  GtkButton            *import_button;

  DlgContext           *context;
  gint64                process_id;
  char                 *path;
  DlgImportFormat       detected;
  char                **columns;
  GPtrArray            *column_rows;     /* AdwComboRow, one per column */
  GtkStringList        *formats;
  GtkFileChooserNative *chooser;
  GCancellable         *count_cancellable;
  GCancellable         *import_cancellable;
  guint                 count_source;
  gboolean              counts_ok;
  gboolean              filling;         /* rows being set up: no recount */
};

G_DEFINE_FINAL_TYPE (DlgImportDialog, dlg_import_dialog, ADW_TYPE_WINDOW)

/* The formats of the combo row, after its first item (the detected one), in the order of
 * DlgImportFormat. */
static const char *
format_label (DlgImportFormat format)
{
  switch (format)
    {
    case DLG_IMPORT_FORMAT_DECIDIM:
      return _("Decidim (open-data export)");
    case DLG_IMPORT_FORMAT_CONSUL:
      return _("CONSUL (proposals or comments)");
    case DLG_IMPORT_FORMAT_CAPCOLLECTIF:
      return _("Cap Collectif (open-data export)");
    case DLG_IMPORT_FORMAT_POLIS:
      return _("Pol.is (comments.csv)");
    case DLG_IMPORT_FORMAT_CSV:
      return _("CSV or spreadsheet");
    case DLG_IMPORT_FORMAT_AUTO:
    default:
      return _("Detected from the file");
    }
}

/* What a column can be taken for: "not imported", then dlg_import_fields() in order. */
static const char *
field_label (const char *field)
{
  static const struct
  {
    const char *field;
    const char *label;
  } labels[] = {
    { "title", N_("Title") },
    { "body", N_("Text") },
    { "author", N_("Author (a reference, not a name)") },
    { "date", N_("Date") },
    { "channel", N_("Channel") },
    { "feature", N_("Feature or question") },
    { "latitude", N_("Latitude") },
    { "longitude", N_("Longitude") },
    { "area", N_("Area") },
    { "id", N_("Row id") },
    { "name", N_("Name (left out)") },
    { "email", N_("E-mail (left out)") },
    { "phone", N_("Phone (left out)") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_str_equal (labels[i].field, field))
      return _(labels[i].label);
  return field;
}

static DlgImportFormat
effective_format (DlgImportDialog *self)
{
  guint selected = adw_combo_row_get_selected (self->format_row);

  if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
    return self->detected;
  return (DlgImportFormat) selected;
}

static void
set_status (DlgImportDialog *self,
            const char      *text)
{
  gtk_label_set_text (self->status_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->status_label), text != NULL);
}

static void
update_actions (DlgImportDialog *self)
{
  gboolean importing = self->import_cancellable != NULL;

  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), importing);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), importing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->settings_group), !importing);
  gtk_widget_set_sensitive (GTK_WIDGET (self->columns_group), !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.choose", !importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.cancel", importing);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.import",
                                 !importing && self->path != NULL && self->counts_ok &&
                                 self->count_cancellable == NULL && self->count_source == 0);
}

/* The csv format's "COL=FIELD,…" from the column rows. */
static char *
build_map (DlgImportDialog *self)
{
  const char * const *fields = dlg_import_fields ();
  g_autoptr(GString) map = g_string_new (NULL);

  for (guint i = 0; self->column_rows != NULL && i < self->column_rows->len; i++)
    {
      guint selected = adw_combo_row_get_selected (g_ptr_array_index (self->column_rows, i));

      if (selected == 0 || selected == GTK_INVALID_LIST_POSITION)
        continue;
      g_string_append_printf (map, "%s%s=%s", map->len > 0 ? "," : "", self->columns[i],
                              fields[selected - 1]);
    }
  return g_string_free (g_steal_pointer (&map), FALSE);
}

static void
read_options (DlgImportDialog  *self,
              DlgImportOptions *options,
              char            **map)
{
  const char *locale = gtk_editable_get_text (GTK_EDITABLE (self->locale_row));

  options->format = effective_format (self);
  options->locale = *locale != '\0' ? locale : NULL;
  *map = options->format == DLG_IMPORT_FORMAT_CSV ? build_map (self) : NULL;
  options->map = *map;
}

/* Counting: a dry run */

static void
clear_preview (DlgImportDialog *self)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->preview_list))) != NULL)
    gtk_list_box_remove (self->preview_list, child);
}

static GtkWidget *
preview_row (DlgContribution *contribution)
{
  const char *title = dlg_contribution_get_title (contribution);
  const char *body = dlg_contribution_get_body (contribution);
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  GtkWidget *label;

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  /* Citizens' text: plain labels, never markup. */
  label = gtk_label_new (title != NULL && *title != '\0' ? title : _("(no title)"));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_widget_add_css_class (label, "heading");
  gtk_box_append (GTK_BOX (box), label);
  if (body != NULL && *body != '\0')
    {
      label = gtk_label_new (body);
      gtk_label_set_xalign (GTK_LABEL (label), 0);
      gtk_label_set_lines (GTK_LABEL (label), 2);
      gtk_label_set_wrap (GTK_LABEL (label), TRUE);
      gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
      gtk_widget_add_css_class (label, "dim-label");
      gtk_box_append (GTK_BOX (box), label);
    }
  return box;
}

static char *
counts_text (DlgImportReport *report)
{
  GString *text = g_string_new (NULL);

  /* Translators: what an import would do; the numbers of contributions */
  g_string_printf (text, _("%u read: %u to add, %u to update, %u unchanged, %u skipped."),
                   report->n_read, report->n_added, report->n_updated, report->n_unchanged,
                   report->skipped->len);
  for (guint i = 0; i < MIN (report->skipped->len, SHOWN_SKIPS); i++)
    {
      DlgImportSkip *skip = g_ptr_array_index (report->skipped, i);

      g_string_append_c (text, '\n');
      if (skip->line > 0)
        /* Translators: a skipped row: its line in the file, then why */
        g_string_append_printf (text, _("Line %u: %s"), skip->line, skip->reason);
      else
        g_string_append (text, skip->reason);
    }
  if (report->skipped->len > SHOWN_SKIPS)
    {
      guint more = report->skipped->len - SHOWN_SKIPS;

      g_string_append_c (text, '\n');
      g_string_append_printf (text, g_dngettext (GETTEXT_PACKAGE, "and %u more skipped row.",
                                                 "and %u more skipped rows.", more), more);
    }
  return g_string_free (text, FALSE);
}

static void
count_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(DlgImportDialog) self = user_data;
  g_autoptr(DlgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  report = dlg_import_file_finish (DLG_STORE (source), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;   /* a newer count, or the dialog closing, took over */
  g_clear_object (&self->count_cancellable);
  gtk_spinner_stop (self->spinner);
  clear_preview (self);
  self->counts_ok = report != NULL && report->n_read > 0;
  if (report == NULL)
    gtk_label_set_text (self->counts_label, error->message);
  else
    {
      text = counts_text (report);
      gtk_label_set_text (self->counts_label, text);
      for (guint i = 0; i < report->preview->len; i++)
        gtk_list_box_append (self->preview_list,
                             preview_row (g_ptr_array_index (report->preview, i)));
    }
  gtk_widget_set_visible (GTK_WIDGET (self->preview_list), report != NULL &&
                          report->preview->len > 0);
  update_actions (self);
}

static gboolean
count_cb (gpointer user_data)
{
  DlgImportDialog *self = user_data;
  DlgImportOptions options = { 0 };
  g_autofree char *map = NULL;

  self->count_source = 0;
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  if (self->path == NULL || self->import_cancellable != NULL)
    return G_SOURCE_REMOVE;
  self->count_cancellable = g_cancellable_new ();
  read_options (self, &options, &map);
  options.dry_run = TRUE;
  options.preview_rows = PREVIEW_ROWS;
  options.cancellable = self->count_cancellable;
  gtk_label_set_text (self->counts_label, _("Reading the file…"));
  gtk_spinner_start (self->spinner);
  dlg_import_file_async (dlg_context_get_store (self->context), self->process_id, self->path,
                         &options, count_done_cb, g_object_ref (self));
  update_actions (self);
  return G_SOURCE_REMOVE;
}

static void
schedule_count (DlgImportDialog *self)
{
  if (self->filling)
    return;
  g_clear_handle_id (&self->count_source, g_source_remove);
  self->counts_ok = FALSE;
  self->count_source = g_timeout_add (COUNT_DELAY, count_cb, self);
  update_actions (self);
}

/* The columns of a CSV or a spreadsheet */

static void
column_changed_cb (DlgImportDialog *self)
{
  schedule_count (self);
}

static void
clear_columns (DlgImportDialog *self)
{
  for (guint i = 0; self->column_rows != NULL && i < self->column_rows->len; i++)
    adw_preferences_group_remove (self->columns_group, g_ptr_array_index (self->column_rows, i));
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_pointer (&self->columns, g_strfreev);
}

/* The field @map gives @column, or NULL. */
static const char *
mapped_field (const char * const *pairs,
              const char         *column)
{
  for (guint i = 0; pairs != NULL && pairs[i] != NULL; i++)
    {
      const char *eq = strrchr (pairs[i], '=');

      if (eq != NULL && (gsize) (eq - pairs[i]) == strlen (column) &&
          strncmp (pairs[i], column, eq - pairs[i]) == 0)
        return eq + 1;
    }
  return NULL;
}

static void
fill_columns (DlgImportDialog *self,
              const char      *saved_map)
{
  const char * const *fields = dlg_import_fields ();
  g_autoptr(GtkStringList) model = gtk_string_list_new (NULL);
  g_autofree char *guess = NULL;
  g_auto(GStrv) saved = NULL;
  g_auto(GStrv) guessed = NULL;
  g_autoptr(GError) error = NULL;

  clear_columns (self);
  if (!(self->columns = dlg_import_read_columns (self->path, &error)))
    return;
  gtk_string_list_append (model, _("Not imported"));
  for (guint i = 0; fields[i] != NULL; i++)
    gtk_string_list_append (model, field_label (fields[i]));
  guess = dlg_import_guess_map ((const char * const *) self->columns);
  guessed = g_strsplit (guess, ",", -1);
  saved = saved_map != NULL ? g_strsplit (saved_map, ",", -1) : NULL;
  self->column_rows = g_ptr_array_new ();
  for (guint i = 0; self->columns[i] != NULL; i++)
    {
      AdwComboRow *row = ADW_COMBO_ROW (adw_combo_row_new ());
      const char *field = mapped_field ((const char * const *) saved, self->columns[i]);
      const char *column = self->columns[i];

      if (field == NULL && saved == NULL)
        field = mapped_field ((const char * const *) guessed, column);
      /* A file's header is its author's text: never markup. */
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row),
                                     *column != '\0' ? column : _("(no name)"));
      adw_combo_row_set_model (row, G_LIST_MODEL (model));
      for (guint f = 0; field != NULL && fields[f] != NULL; f++)
        if (g_str_equal (fields[f], field))
          adw_combo_row_set_selected (row, f + 1);
      if (field == NULL)
        adw_combo_row_set_selected (row, 0);
      if (strpbrk (column, ",=") != NULL || *column == '\0')
        {
          adw_combo_row_set_selected (row, 0);
          gtk_widget_set_sensitive (GTK_WIDGET (row), FALSE);
          adw_action_row_set_subtitle (ADW_ACTION_ROW (row),
                                       _("Its name holds a comma or “=”: rename the column in "
                                         "the file to import it."));
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      column, -1);
      g_signal_connect_object (row, "notify::selected", G_CALLBACK (column_changed_cb), self,
                               G_CONNECT_SWAPPED);
      adw_preferences_group_add (self->columns_group, GTK_WIDGET (row));
      g_ptr_array_add (self->column_rows, row);
    }
}

static void
update_columns_visible (DlgImportDialog *self)
{
  gtk_widget_set_visible (GTK_WIDGET (self->columns_group),
                          effective_format (self) == DLG_IMPORT_FORMAT_CSV &&
                          self->column_rows != NULL && self->column_rows->len > 0);
}

static void
format_changed_cb (DlgImportDialog *self)
{
  gboolean found = adw_combo_row_get_selected (self->format_row) == 0 && self->path != NULL;

  adw_action_row_set_subtitle (ADW_ACTION_ROW (self->format_row),
                               found ? _("As found in the file") : "");
  update_columns_visible (self);
  schedule_count (self);
}

static void
locale_changed_cb (DlgImportDialog *self)
{
  schedule_count (self);
}

/**
 * dlg_import_dialog_open_file:
 *
 * Reads @path's format and columns, starting from what was chosen for the process's last
 * file, then counts (what the file chooser gives; tests call it directly).
 */
void
dlg_import_dialog_open_file (DlgImportDialog *self,
                             const char      *path)
{
  DlgStore *store;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *saved_map = NULL;
  g_autofree char *saved_locale = NULL;
  g_autofree char *detected = NULL;
  DlgImportFormat saved_format = DLG_IMPORT_FORMAT_AUTO;

  g_return_if_fail (DLG_IS_IMPORT_DIALOG (self));
  g_return_if_fail (self->import_cancellable == NULL);

  store = dlg_context_get_store (self->context);
  g_free (self->path);
  self->path = g_strdup (path);
  name = g_filename_display_basename (path);
  adw_action_row_set_subtitle (self->file_row, name);
  {
    g_autofree char *full = g_filename_display_name (path);

    gtk_widget_set_tooltip_text (GTK_WIDGET (self->file_row), full);
  }
  set_status (self, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->preview_group), TRUE);
  self->detected = dlg_import_detect (path, &error);
  if (self->detected == DLG_IMPORT_FORMAT_AUTO)
    {
      g_clear_pointer (&self->path, g_free);
      clear_columns (self);
      update_columns_visible (self);
      clear_preview (self);
      gtk_label_set_text (self->counts_label, error->message);
      self->counts_ok = FALSE;
      update_actions (self);
      return;
    }
  if (!dlg_import_load_settings (store, self->process_id, &saved_format, &saved_map,
                                 &saved_locale, &error))
    g_warning ("The import settings cannot be read: %s", error->message);

  self->filling = TRUE;
  /* The first choice of the list is the format found, said so by the row's subtitle. */
  detected = g_strdup (format_label (self->detected));
  gtk_string_list_splice (self->formats, 0, 1, (const char * const []) { detected, NULL });
  adw_combo_row_set_selected (self->format_row, 0);
  if (saved_locale != NULL && *gtk_editable_get_text (GTK_EDITABLE (self->locale_row)) == '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->locale_row), saved_locale);
  fill_columns (self, saved_map);
  format_changed_cb (self);
  self->filling = FALSE;
  schedule_count (self);
}

static void
chooser_response_cb (DlgImportDialog      *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL || (path = g_file_get_path (file)) == NULL)
    return;
  dlg_import_dialog_open_file (self, path);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgImportDialog *self = DLG_IMPORT_DIALOG (widget);
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) any = gtk_file_filter_new ();

  gtk_file_filter_set_name (all, _("Exports and spreadsheets (CSV, XLSX, JSON)"));
  gtk_file_filter_add_suffix (all, "csv");
  gtk_file_filter_add_suffix (all, "xlsx");
  gtk_file_filter_add_suffix (all, "json");
  gtk_file_filter_add_suffix (all, "txt");
  gtk_file_filter_set_name (any, _("All files"));
  gtk_file_filter_add_pattern (any, "*");
  g_clear_object (&self->chooser);
  self->chooser = gtk_file_chooser_native_new (_("Import Contributions"), GTK_WINDOW (self),
                                               GTK_FILE_CHOOSER_ACTION_OPEN, _("_Open"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), all);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), any);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* The import */

static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  DlgImportDialog *self = user_data;

  gtk_progress_bar_set_fraction (self->progress_bar,
                                 total > 0 ? MIN (1.0, (double) done / total) : 1.0);
}

static void
import_done_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(DlgImportDialog) self = user_data;
  g_autoptr(DlgImportReport) report = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;

  report = dlg_import_file_finish (DLG_STORE (source), result, &error);
  g_clear_object (&self->import_cancellable);
  if (report == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        set_status (self, _("Import cancelled: nothing of the file was kept."));
      else
        set_status (self, error->message);
    }
  else
    {
      DlgImportOptions options = { 0 };
      g_autofree char *map = NULL;
      g_autoptr(GError) save_error = NULL;

      /* Translators: what the import did; the numbers of contributions */
      text = g_strdup_printf (_("Imported: %u added, %u updated, %u unchanged, %u skipped."),
                              report->n_added, report->n_updated, report->n_unchanged,
                              report->skipped->len);
      set_status (self, text);
      read_options (self, &options, &map);
      if (!dlg_import_save_settings (DLG_STORE (source), self->process_id,
                                     (DlgImportFormat) adw_combo_row_get_selected (self->format_row),
                                     map, options.locale, &save_error))
        g_warning ("The import settings cannot be kept: %s", save_error->message);
    }
  update_actions (self);
  /* What a second import would do: nothing to add, which says the file is in. */
  schedule_count (self);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgImportDialog *self = DLG_IMPORT_DIALOG (widget);
  DlgImportOptions options = { 0 };
  g_autofree char *map = NULL;

  if (self->path == NULL || self->import_cancellable != NULL)
    return;
  g_clear_handle_id (&self->count_source, g_source_remove);
  g_cancellable_cancel (self->count_cancellable);
  g_clear_object (&self->count_cancellable);
  gtk_spinner_stop (self->spinner);
  self->import_cancellable = g_cancellable_new ();
  read_options (self, &options, &map);
  options.progress = progress_cb;
  options.progress_data = self;
  options.cancellable = self->import_cancellable;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_status (self, _("Importing…"));
  dlg_import_file_async (dlg_context_get_store (self->context), self->process_id, self->path,
                         &options, import_done_cb, g_object_ref (self));
  update_actions (self);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgImportDialog *self = DLG_IMPORT_DIALOG (widget);

  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
cancel_all (DlgImportDialog *self)
{
  g_clear_handle_id (&self->count_source, g_source_remove);
  if (self->count_cancellable != NULL)
    g_cancellable_cancel (self->count_cancellable);
  if (self->import_cancellable != NULL)
    g_cancellable_cancel (self->import_cancellable);
}

static void
dlg_import_dialog_dispose (GObject *object)
{
  DlgImportDialog *self = DLG_IMPORT_DIALOG (object);

  cancel_all (self);
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  G_OBJECT_CLASS (dlg_import_dialog_parent_class)->dispose (object);
}

static void
dlg_import_dialog_finalize (GObject *object)
{
  DlgImportDialog *self = DLG_IMPORT_DIALOG (object);

  g_clear_object (&self->count_cancellable);
  g_clear_object (&self->import_cancellable);
  g_clear_pointer (&self->column_rows, g_ptr_array_unref);
  g_clear_object (&self->formats);
  g_strfreev (self->columns);
  g_free (self->path);
  G_OBJECT_CLASS (dlg_import_dialog_parent_class)->finalize (object);
}

static gboolean
dlg_import_dialog_close_request (GtkWindow *window)
{
  cancel_all (DLG_IMPORT_DIALOG (window));
  return GTK_WINDOW_CLASS (dlg_import_dialog_parent_class)->close_request (window);
}

static void
dlg_import_dialog_class_init (DlgImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_import_dialog_dispose;
  object_class->finalize = dlg_import_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = dlg_import_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PATH
                                               "dlg-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, settings_group);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, file_row);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, locale_row);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, columns_group);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, preview_group);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, counts_label);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, preview_list);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, status_label);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DlgImportDialog, import_button);
  gtk_widget_class_install_action (widget_class, "import.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "import.cancel", NULL, cancel_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "import.choose", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlg_import_dialog_init (DlgImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->formats = gtk_string_list_new (NULL);
  for (DlgImportFormat f = DLG_IMPORT_FORMAT_AUTO; f <= DLG_IMPORT_FORMAT_CSV; f++)
    gtk_string_list_append (self->formats, format_label (f));
  adw_combo_row_set_model (self->format_row, G_LIST_MODEL (self->formats));
  g_signal_connect_object (self->format_row, "notify::selected",
                           G_CALLBACK (format_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->locale_row, "changed", G_CALLBACK (locale_changed_cb), self,
                           G_CONNECT_SWAPPED);
  update_actions (self);
}

/**
 * dlg_import_dialog_new:
 *
 * Returns: (transfer floating): the dialog, transient for @parent, not shown yet
 */
GtkWidget *
dlg_import_dialog_new (GtkWindow  *parent,
                       DlgContext *context,
                       gint64      process_id)
{
  DlgImportDialog *self;

  g_return_val_if_fail (DLG_IS_CONTEXT (context), NULL);

  self = g_object_new (DLG_TYPE_IMPORT_DIALOG, "transient-for", parent, NULL);
  self->context = g_object_ref (context);
  self->process_id = process_id;
  return GTK_WIDGET (self);
}

/* Whether a count or an import is under way (or about to start). */
gboolean
dlg_import_dialog_is_busy (DlgImportDialog *self)
{
  g_return_val_if_fail (DLG_IS_IMPORT_DIALOG (self), FALSE);
  return self->import_cancellable != NULL || self->count_cancellable != NULL ||
         self->count_source != 0;
}

/* What the dialog last said of the import: what it did, or why not. */
const char *
dlg_import_dialog_get_status (DlgImportDialog *self)
{
  g_return_val_if_fail (DLG_IS_IMPORT_DIALOG (self), NULL);
  return gtk_widget_get_visible (GTK_WIDGET (self->status_label))
         ? gtk_label_get_text (self->status_label) : NULL;
}

/* What the last count said the file would do. */
const char *
dlg_import_dialog_get_counts (DlgImportDialog *self)
{
  g_return_val_if_fail (DLG_IS_IMPORT_DIALOG (self), NULL);
  return gtk_label_get_text (self->counts_label);
}

/* The column mapping the rows say, "" for a format that has none. */
char *
dlg_import_dialog_dup_map (DlgImportDialog *self)
{
  g_return_val_if_fail (DLG_IS_IMPORT_DIALOG (self), NULL);
  return effective_format (self) == DLG_IMPORT_FORMAT_CSV ? build_map (self) : g_strdup ("");
}
