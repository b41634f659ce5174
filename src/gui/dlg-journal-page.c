/* dlg-journal-page.c — the journal of a process and whether its chain is intact
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The page lists the entries of the process and shows, above them, what dlg_journal_verify
 * says: intact, or the first entry that breaks the chain and why. Every committed change of the
 * store may have appended an entry, so the page reloads and verifies again (once per main loop
 * iteration, however many changes came in) whenever the store says that the process changed,
 * or when it is shown again if it was hidden then.
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
  return g_strdup (dlg_journal_entry_get_action (item));
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

/**
 * dlg_journal_page_refresh:
 *
 * Reloads the entries and verifies the chain now.
 */
void
dlg_journal_page_refresh (DlgJournalPage *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) entries = NULL;
  DlgStore *store;
  gint64 n_entries = 0;
  gboolean ok;

  g_return_if_fail (DLG_IS_JOURNAL_PAGE (self));

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  self->stale = FALSE;

  if (self->context == NULL || self->process_id == 0)
    {
      gtk_no_selection_set_model (self->selection, NULL);
      gtk_stack_set_visible_child_name (self->stack, "empty");
      set_intact (self, FALSE);
      return;
    }

  store = dlg_context_get_store (self->context);
  entries = dlg_journal_list (store, self->process_id, &error);
  if (entries == NULL)
    {
      g_warning ("Could not list the journal: %s", error->message);
      gtk_no_selection_set_model (self->selection, NULL);
      show_verify_result (self, FALSE, 0, error);
      gtk_stack_set_visible_child_name (self->stack, "journal");
      return;
    }
  gtk_no_selection_set_model (self->selection, entries);

  ok = dlg_journal_verify (store, self->process_id, &n_entries, &error);
  show_verify_result (self, ok, n_entries, error);
  gtk_stack_set_visible_child_name (self->stack, "journal");
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
                  const char     *table,
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

  gtk_widget_class_install_action (widget_class, "journal.refresh", NULL, refresh_action);
}

static void
dlg_journal_page_init (DlgJournalPage *self)
{
  struct {
    const char        *title;
    DlgTextColumnFunc  func;
    gboolean           expand;
  } columns[] = {
    { N_("No."), entry_seq, FALSE },
    { N_("Time"), entry_at, FALSE },
    { N_("Actor"), entry_actor, FALSE },
    { N_("Action"), entry_action, FALSE },
    { N_("Summary"), entry_summary, TRUE },
  };

  gtk_widget_init_template (GTK_WIDGET (self));

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        dlg_text_column_new (_(columns[i].title), columns[i].func, columns[i].expand, -1);

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
