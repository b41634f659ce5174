/* dlg-journal-page.c — the journal of a process and whether its chain is intact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page lists the entries of the process and shows, above them, what dlg_journal_verify
 * says: intact, or the first entry that breaks the chain and why. Every committed change of the
 * store may have appended an entry, so the page reloads and verifies again (once per main loop
 * iteration, however many changes came in) whenever the store says that the process changed,
 * or when it is shown again if it was hidden then.
 *
 * Actions show as labels (dlg_journal_action_get_label), edits as their old → new value; the
 * list filters by stage, record type and officer (dlg_journal_entry_matches through a
 * GtkCustomFilter over the entries), newest first, and exports what it shows as CSV
 * (dlg_journal_export_csv) in the order of the chain.
 * While the settings hold no officer's name, a bar above the list asks for it once.
 */

#define G_LOG_DOMAIN "dlg-journal-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-journal-page.h"
#include "dlg-text-column.h"

struct _DlgJournalPage
{
  AdwBin          parent_instance;

  DlgContext     *context;
  gint64          process_id;
  gulong          changed_id;
  guint           refresh_id;
  gboolean        intact;
  gboolean        stale;

  GtkStack       *stack;
  GtkWidget      *verify_banner;
  GtkImage       *verify_icon;
  GtkLabel       *verify_title;
  GtkLabel       *verify_detail;
  GtkColumnView  *column_view;
  GtkNoSelection *selection;
  GtkWidget      *name_bar;
  GtkLabel       *name_label;
  GtkEntry       *name_entry;
  GtkDropDown    *stage_filter;
  GtkDropDown    *type_filter;
  GtkDropDown    *actor_filter;
  GtkLabel       *count_label;

  GListModel         *entries;
  GtkFilterListModel *filtered;
  GtkCustomFilter    *filter;
  GtkStringList      *actors;      /* "All officers", then each name of the journal */
  GPtrArray          *type_ids;    /* NULL first (all), then the journaled record types */
  gulong              settings_id;
  gboolean            updating_actors;
};

G_DEFINE_FINAL_TYPE (DlgJournalPage, dlg_journal_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_INTACT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static char *
entry_seq (gpointer item)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, dlg_journal_entry_get_seq (item));
}

static char *
entry_at (gpointer item)
{
  return dlg_format_datetime (dlg_journal_entry_get_at (item));
}

static char *
entry_actor (gpointer item)
{
  return g_strdup (dlg_journal_entry_get_actor (item));
}

static char *
entry_action (gpointer item)
{
  return g_strdup (dlg_journal_action_get_label (dlg_journal_entry_get_action (item)));
}

static char *
entry_stage (gpointer item)
{
  const char *id = dlg_journal_entry_get_stage (item);
  DlgStage stage;

  if (id == NULL || !dlg_stage_from_id (id, &stage))
    return g_strdup (_("Process"));
  return g_strdup (dlg_stage_get_label (stage));
}

/* One line of a value: long texts are cut, line breaks shown as spaces. */
static char *
short_value (const char *value)
{
  g_autofree char *flat = NULL;
  glong length;

  if (value == NULL || *value == '\0')
    return g_strdup (_("(empty)"));
  flat = g_strdelimit (g_strdup (value), "\r\n\t", ' ');
  length = g_utf8_strlen (flat, -1);
  if (length <= 60)
    return g_strdup_printf ("« %s »", flat);
  {
    g_autofree char *cut = g_utf8_substring (flat, 0, 57);

    return g_strdup_printf ("« %s… »", cut);
  }
}

char *
dlg_journal_page_format_change (DlgJournalEntry *entry)
{
  const char *field = dlg_journal_entry_get_field (entry);
  g_autofree char *old_text = NULL;
  g_autofree char *new_text = NULL;
  g_autofree char *change = NULL;

  const char *type = dlg_journal_entry_get_object_type (entry);
  const char *old_value = dlg_journal_value_get_label (type, field,
                                                       dlg_journal_entry_get_old_value (entry));
  const char *new_value = dlg_journal_value_get_label (type, field,
                                                       dlg_journal_entry_get_new_value (entry));

  if (!dlg_journal_entry_has_change (entry))
    return NULL;
  if (old_value == NULL)
    change = short_value (new_value);
  else if (new_value == NULL)
    change = short_value (old_value);
  else
    {
      old_text = short_value (old_value);
      new_text = short_value (new_value);
      change = g_strdup_printf ("%s → %s", old_text, new_text);
    }
  if (field == NULL)
    return g_steal_pointer (&change);
  /* TRANSLATORS: a field and how it changed, “Question: « a » → « b »” */
  return g_strdup_printf (_("%s: %s"),
                          dlg_journal_field_get_label (dlg_journal_entry_get_object_type (entry),
                                                       field), change);
}

static char *
entry_change (gpointer item)
{
  return dlg_journal_page_format_change (item);
}

static char *
entry_summary (gpointer item)
{
  return g_strdup (dlg_journal_entry_get_summary (item));
}

static void
set_intact (DlgJournalPage *self,
            gboolean        intact)
{
  if (self->intact == intact)
    return;
  self->intact = intact;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_INTACT]);
}

static void
show_verify_result (DlgJournalPage *self,
                    gboolean        ok,
                    gint64          n_entries,
                    const GError   *error)
{
  g_autofree char *detail = NULL;

  GtkWidget *styled[] = { self->verify_banner, GTK_WIDGET (self->verify_icon),
                          GTK_WIDGET (self->verify_title) };

  for (guint i = 0; i < G_N_ELEMENTS (styled); i++)
    {
      gtk_widget_remove_css_class (styled[i], "success");
      gtk_widget_remove_css_class (styled[i], "error");
    }

  if (ok)
    {
      gtk_image_set_from_icon_name (self->verify_icon, "emblem-ok-symbolic");
      gtk_label_set_text (self->verify_title, _("✓ Journal intact"));
      if (n_entries == 0)
        detail = g_strdup (_("No entry has been written for this process yet."));
      else
        detail = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "The only entry is in its place and unchanged "
                                               "since it was written.",
                                               "All %u entries are in their place and "
                                               "unchanged since they were written.",
                                               (gulong) n_entries), (guint) n_entries);
      for (guint i = 0; i < G_N_ELEMENTS (styled); i++)
        gtk_widget_add_css_class (styled[i], "success");
    }
  else
    {
      gtk_image_set_from_icon_name (self->verify_icon, "dialog-warning-symbolic");
      if (g_error_matches (error, DLG_ERROR, DLG_ERROR_JOURNAL_BROKEN))
        gtk_label_set_text (self->verify_title, _("✗ Journal broken"));
      else
        gtk_label_set_text (self->verify_title, _("The journal could not be checked"));
      detail = g_strdup (error != NULL ? error->message : "");
      for (guint i = 0; i < G_N_ELEMENTS (styled); i++)
        gtk_widget_add_css_class (styled[i], "error");
    }

  gtk_label_set_text (self->verify_detail, detail);
  set_intact (self, ok);
}

static const char *
selected_stage (DlgJournalPage *self)
{
  guint i = gtk_drop_down_get_selected (self->stage_filter);

  return i == 0 || i == GTK_INVALID_LIST_POSITION ? NULL : dlg_stage_to_id (i - 1);
}

static const char *
selected_type (DlgJournalPage *self)
{
  guint i = gtk_drop_down_get_selected (self->type_filter);

  return i == GTK_INVALID_LIST_POSITION || i >= self->type_ids->len
         ? NULL : g_ptr_array_index (self->type_ids, i);
}

static const char *
selected_actor (DlgJournalPage *self)
{
  guint i = gtk_drop_down_get_selected (self->actor_filter);

  return i == 0 || i == GTK_INVALID_LIST_POSITION
         ? NULL : gtk_string_list_get_string (self->actors, i);
}

static int
newest_first (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  gint64 sa = dlg_journal_entry_get_seq ((DlgJournalEntry *) a);
  gint64 sb = dlg_journal_entry_get_seq ((DlgJournalEntry *) b);

  return sa < sb ? 1 : sa > sb ? -1 : 0;
}

static gboolean
filter_func (gpointer item,
             gpointer user_data)
{
  DlgJournalPage *self = user_data;

  return dlg_journal_entry_matches (item, selected_stage (self), selected_type (self),
                                    selected_actor (self));
}

static void
update_count (DlgJournalPage *self)
{
  guint shown = g_list_model_get_n_items (G_LIST_MODEL (self->filtered));
  guint total = self->entries != NULL ? g_list_model_get_n_items (self->entries) : 0;
  g_autofree char *text = NULL;

  if (shown == total)
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u entry", "%u entries", total),
                            total);
  else
    text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u of %u entry", "%u of %u entries",
                                         total), shown, total);
  gtk_label_set_text (self->count_label, text);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "journal.export", shown > 0);
}

static void
filters_changed_cb (DlgJournalPage *self)
{
  if (self->updating_actors)
    return;
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
}

/* The officers named in the journal, keeping the one selected. */
static void
update_actors (DlgJournalPage *self)
{
  g_autofree char *selected = g_strdup (selected_actor (self));
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  guint n = self->entries != NULL ? g_list_model_get_n_items (self->entries) : 0;
  guint position = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgJournalEntry) e = g_list_model_get_item (self->entries, i);
      const char *actor = dlg_journal_entry_get_actor (e);

      if (!g_hash_table_contains (seen, actor))
        {
          g_hash_table_add (seen, (gpointer) g_intern_string (actor));
          g_ptr_array_add (names, (gpointer) g_intern_string (actor));
        }
    }
  g_ptr_array_add (names, NULL);

  self->updating_actors = TRUE;
  gtk_string_list_splice (self->actors, 1,
                          g_list_model_get_n_items (G_LIST_MODEL (self->actors)) - 1,
                          (const char * const *) names->pdata);
  for (guint i = 0; selected != NULL && i + 1 < names->len; i++)
    if (g_str_equal (names->pdata[i], selected))
      position = i + 1;
  gtk_drop_down_set_selected (self->actor_filter, position);
  self->updating_actors = FALSE;
}

static void
update_name_bar (DlgJournalPage *self)
{
  GSettings *settings = self->context != NULL ? dlg_context_get_settings (self->context) : NULL;
  g_autofree char *name = settings != NULL ? g_settings_get_string (settings, "officer-name")
                                           : NULL;
  g_autofree char *text = NULL;
  DlgStore *store;

  if (settings == NULL || (name != NULL && *g_strstrip (name) != '\0'))
    {
      gtk_widget_set_visible (self->name_bar, FALSE);
      return;
    }
  store = dlg_context_get_store (self->context);
  text = g_strdup_printf (_("The journal names your changes “%s”, the name of your system "
                            "account. Give the name the public record should show:"),
                          dlg_store_get_actor (store) != NULL ? dlg_store_get_actor (store) : "");
  gtk_label_set_text (self->name_label, text);
  gtk_widget_set_visible (self->name_bar, TRUE);
}

/**
 * dlg_journal_page_refresh:
 *
 * Reloads the entries and verifies the chain now.
 */
void
dlg_journal_page_refresh (DlgJournalPage *self)
{
  g_autoptr(GError) error = NULL;
  DlgStore *store;
  gint64 n_entries = 0;
  gboolean ok;

  g_return_if_fail (DLG_IS_JOURNAL_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->stale = FALSE;
  g_clear_object (&self->entries);
  update_name_bar (self);

  if (self->context == NULL || self->process_id == 0)
    {
      gtk_filter_list_model_set_model (self->filtered, NULL);
      update_actors (self);
      update_count (self);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_intact (self, FALSE);
      return;
    }

  store = dlg_context_get_store (self->context);
  self->entries = dlg_journal_list (store, self->process_id, &error);
  gtk_filter_list_model_set_model (self->filtered, self->entries);
  update_actors (self);
  gtk_filter_changed (GTK_FILTER (self->filter), GTK_FILTER_CHANGE_DIFFERENT);
  update_count (self);
  if (self->entries == NULL)
    {
      g_warning ("Could not list the journal: %s", error->message);
      show_verify_result (self, FALSE, 0, error);
      gtk_stack_set_visible_child_name (self->stack, "journal");
      return;
    }

  ok = dlg_journal_verify (store, self->process_id, &n_entries, &error);
  show_verify_result (self, ok, n_entries, error);
  gtk_stack_set_visible_child_name (self->stack, "journal");
}

/**
 * dlg_journal_page_get_shown:
 *
 * Returns: (transfer none): the entries the page shows, filters applied
 */
GListModel *
dlg_journal_page_get_shown (DlgJournalPage *self)
{
  g_return_val_if_fail (DLG_IS_JOURNAL_PAGE (self), NULL);

  return G_LIST_MODEL (self->filtered);
}

/**
 * dlg_journal_page_set_filters:
 * @stage: (nullable): a stage id, or %NULL for all
 * @object_type: (nullable): a record type, or %NULL for all
 * @actor: (nullable): an officer named in the journal, or %NULL for all
 *
 * Selects the filters as the drop-downs would.
 */
void
dlg_journal_page_set_filters (DlgJournalPage *self,
                              const char     *stage,
                              const char     *object_type,
                              const char     *actor)
{
  DlgStage id;
  guint type_position = 0;
  guint actor_position = 0;

  g_return_if_fail (DLG_IS_JOURNAL_PAGE (self));

  for (guint i = 1; object_type != NULL && i < self->type_ids->len; i++)
    if (g_strcmp0 (g_ptr_array_index (self->type_ids, i), object_type) == 0)
      type_position = i;
  for (guint i = 1; actor != NULL && i < g_list_model_get_n_items (G_LIST_MODEL (self->actors));
       i++)
    if (g_strcmp0 (gtk_string_list_get_string (self->actors, i), actor) == 0)
      actor_position = i;
  gtk_drop_down_set_selected (self->stage_filter,
                              stage != NULL && dlg_stage_from_id (stage, &id) ? id + 1 : 0);
  gtk_drop_down_set_selected (self->type_filter, type_position);
  gtk_drop_down_set_selected (self->actor_filter, actor_position);
}

/**
 * dlg_journal_page_export:
 * @file: where to write
 *
 * Writes the entries shown (filters applied) as CSV.
 */
gboolean
dlg_journal_page_export (DlgJournalPage  *self,
                         GFile           *file,
                         GError         **error)
{
  g_return_val_if_fail (DLG_IS_JOURNAL_PAGE (self), FALSE);

  return dlg_journal_export_csv (G_LIST_MODEL (self->filtered), file, error);
}

static void
export_response_cb (DlgJournalPage       *self,
                    int                   response,
                    GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && !dlg_journal_page_export (self, file, &error))
    {
      GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
      GtkWidget *dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                                  _("The Journal Was Not Exported"),
                                                  error->message);

      adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
    }
  g_object_unref (chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgJournalPage *self = DLG_JOURNAL_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Export the Journal"),
                                         GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                         GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), NULL);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), _("journal.csv"));
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
name_activate_cb (DlgJournalPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "journal.set-name", NULL);
}

static void
set_name_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DlgJournalPage *self = DLG_JOURNAL_PAGE (widget);
  GSettings *settings = self->context != NULL ? dlg_context_get_settings (self->context) : NULL;
  g_autofree char *name = g_strstrip (g_strdup (gtk_editable_get_text (
                                        GTK_EDITABLE (self->name_entry))));

  if (settings == NULL || *name == '\0')
    return;
  g_settings_set_string (settings, "officer-name", name);
  update_name_bar (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DlgJournalPage *self = user_data;

  self->refresh_id = 0;
  dlg_journal_page_refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DlgJournalPage *self,
                  GType          type,
                  gint64          process_id,
                  DlgStore       *store)
{
  if (process_id != 0 && process_id != self->process_id)
    return;
  /* Hidden (another page of the window is shown): verify when shown again. */
  if (!gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->stale = TRUE;
  else if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
dlg_journal_page_map (GtkWidget *widget)
{
  DlgJournalPage *self = DLG_JOURNAL_PAGE (widget);

  GTK_WIDGET_CLASS (dlg_journal_page_parent_class)->map (widget);

  if (self->stale)
    dlg_journal_page_refresh (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  dlg_journal_page_refresh (DLG_JOURNAL_PAGE (widget));
}

static void
disconnect_store (DlgJournalPage *self)
{
  if (self->context != NULL && self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, dlg_context_get_store (self->context));
  self->changed_id = 0;
}

static void
dlg_journal_page_dispose (GObject *object)
{
  DlgJournalPage *self = (DlgJournalPage *)object;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  disconnect_store (self);
  g_clear_object (&self->context);
  g_clear_object (&self->entries);
  g_clear_pointer (&self->type_ids, g_ptr_array_unref);

  G_OBJECT_CLASS (dlg_journal_page_parent_class)->dispose (object);
}

static void
dlg_journal_page_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  DlgJournalPage *self = DLG_JOURNAL_PAGE (object);

  switch (prop_id)
    {
    case PROP_INTACT:
      g_value_set_boolean (value, self->intact);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_journal_page_class_init (DlgJournalPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_journal_page_dispose;
  object_class->get_property = dlg_journal_page_get_property;
  widget_class->map = dlg_journal_page_map;

  /**
   * DlgJournalPage:intact:
   *
   * Whether the last verification found the chain intact.
   */
  properties[PROP_INTACT] =
    g_param_spec_boolean ("intact", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-journal-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, verify_banner);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, verify_icon);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, verify_title);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, verify_detail);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, selection);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, name_bar);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, name_entry);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, stage_filter);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, type_filter);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, actor_filter);
  gtk_widget_class_bind_template_child (widget_class, DlgJournalPage, count_label);
  gtk_widget_class_bind_template_callback (widget_class, name_activate_cb);

  gtk_widget_class_install_action (widget_class, "journal.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "journal.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "journal.set-name", NULL, set_name_action);
}

static void
dlg_journal_page_init (DlgJournalPage *self)
{
  struct {
    const char        *title;
    DlgTextColumnFunc  func;
    gboolean           expand;
    int                width;
  } columns[] = {
    { N_("No."), entry_seq, FALSE, -1 },
    { N_("Time"), entry_at, FALSE, -1 },
    { N_("Officer"), entry_actor, FALSE, -1 },
    { N_("Stage"), entry_stage, FALSE, -1 },
    { N_("Action"), entry_action, FALSE, -1 },
    { N_("Change"), entry_change, TRUE, -1 },
    { N_("Summary"), entry_summary, FALSE, 220 },
  };
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);
  GtkSortListModel *sorted;
  g_autoptr(GtkStringList) types = gtk_string_list_new (NULL);
  guint n_policies;
  const DlgJournalPolicy *policies = dlg_journal_get_policies (&n_policies);

  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_string_list_append (stages, _("All stages"));
  for (guint i = 0; i < DLG_N_STAGES; i++)
    gtk_string_list_append (stages, dlg_stage_get_label (i));
  gtk_drop_down_set_model (self->stage_filter, G_LIST_MODEL (stages));

  self->type_ids = g_ptr_array_new ();
  g_ptr_array_add (self->type_ids, NULL);
  gtk_string_list_append (types, _("All records"));
  for (guint i = 0; i < n_policies; i++)
    if (policies[i].journaled)
      {
        g_ptr_array_add (self->type_ids, (gpointer) policies[i].object_type);
        gtk_string_list_append (types,
                                dlg_journal_object_type_get_label (policies[i].object_type));
      }
  gtk_drop_down_set_model (self->type_filter, G_LIST_MODEL (types));

  self->actors = gtk_string_list_new ((const char *[]) { _("All officers"), NULL });
  gtk_drop_down_set_model (self->actor_filter, G_LIST_MODEL (self->actors));
  g_object_unref (self->actors);    /* the drop-down holds it */

  /* Newest first on screen; the export keeps the order of the chain. */
  self->filter = gtk_custom_filter_new (filter_func, self, NULL);
  self->filtered = gtk_filter_list_model_new (NULL, GTK_FILTER (self->filter));
  sorted = gtk_sort_list_model_new (G_LIST_MODEL (self->filtered),
                                    GTK_SORTER (gtk_custom_sorter_new (newest_first, NULL, NULL)));
  gtk_no_selection_set_model (self->selection, G_LIST_MODEL (sorted));
  g_object_unref (sorted);          /* the selection holds it, and it the filtered list */

  g_signal_connect_object (self->stage_filter, "notify::selected",
                           G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->type_filter, "notify::selected",
                           G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->actor_filter, "notify::selected",
                           G_CALLBACK (filters_changed_cb), self, G_CONNECT_SWAPPED);
  update_count (self);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        dlg_text_column_new (_(columns[i].title), columns[i].func, columns[i].expand,
                             columns[i].width);

      gtk_column_view_append_column (self->column_view, column);
    }
}

GtkWidget *
dlg_journal_page_new (void)
{
  return g_object_new (DLG_TYPE_JOURNAL_PAGE, NULL);
}

/**
 * dlg_journal_page_set_process:
 * @context: (nullable): the application's context
 * @process_id: the process to show, or 0 to clear the page
 */
void
dlg_journal_page_set_process (DlgJournalPage *self,
                              DlgContext     *context,
                              gint64          process_id)
{
  g_return_if_fail (DLG_IS_JOURNAL_PAGE (self));
  g_return_if_fail (context == NULL || DLG_IS_CONTEXT (context));

  if (context != self->context)
    {
      disconnect_store (self);
      g_set_object (&self->context, context);
      if (context != NULL)
        self->changed_id = g_signal_connect_object (dlg_context_get_store (context), "changed",
                                                    G_CALLBACK (store_changed_cb), self,
                                                    G_CONNECT_SWAPPED);
      if (context != NULL && dlg_context_get_settings (context) != NULL)
        g_signal_connect_object (dlg_context_get_settings (context), "changed::officer-name",
                                 G_CALLBACK (update_name_bar), self, G_CONNECT_SWAPPED);
    }
  self->process_id = context != NULL ? process_id : 0;
  dlg_journal_page_refresh (self);
}

/**
 * dlg_journal_page_get_intact:
 *
 * Returns: whether the last verification found the journal intact
 */
gboolean
dlg_journal_page_get_intact (DlgJournalPage *self)
{
  g_return_val_if_fail (DLG_IS_JOURNAL_PAGE (self), FALSE);

  return self->intact;
}
