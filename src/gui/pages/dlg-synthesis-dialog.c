/* dlg-synthesis-dialog.c — the synthesis of a process or a theme: charts and quotes
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For the whole process or one theme (with its sub-themes), chosen in the header bar: how many
 * contributions, four charts (by channel, feature, week and area: dlg_synthesis_count) and the
 * contributions the officer highlighted as quotes (dlg_synthesis_list_quotes). It follows the
 * store: a tag, a highlight or a moderation elsewhere redraws it once (DlgReloadHelper).
 */

#define G_LOG_DOMAIN "dlg-synthesis-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-core.h"
#include "dlg-date.h"
#include "dlg-reload-helper.h"
#include "dlg-synthesis-dialog.h"

#define MAX_QUOTES   100
#define QUOTE_CHARS  400

struct _DlgSynthesisDialog
{
  AdwWindow          parent_instance;

  DlgContext        *context;
  gint64             process_id;
  GArray            *scope_ids;    /* scope_dropdown's index → theme id (0: the process) */
  GListModel        *themes;
  DlgReloadHelper    reload;
  guint              n_quotes;
  gboolean           filling;

  GtkDropDown       *scope_dropdown;
  GtkLabel          *total_label;
  GtkGrid           *chart_grid;
  GtkLabel          *quotes_heading;
  GtkListBox        *quotes_list;
  DlgSynthesisChart *charts[DLG_SYNTHESIS_N_AXES];
};

G_DEFINE_FINAL_TYPE (DlgSynthesisDialog, dlg_synthesis_dialog, ADW_TYPE_WINDOW)

static DlgStore *
get_store (DlgSynthesisDialog *self)
{
  return self->context != NULL ? dlg_context_get_store (self->context) : NULL;
}

static gint64
current_theme (DlgSynthesisDialog *self)
{
  guint selected = gtk_drop_down_get_selected (self->scope_dropdown);

  return selected < self->scope_ids->len ? g_array_index (self->scope_ids, gint64, selected) : 0;
}

static DlgTheme *
find_theme (DlgSynthesisDialog *self,
            gint64             id)
{
  return dlg_theme_list_find (self->themes, id);
}

/* One line of text, cut, as plain text. */
static char *
one_line (const char *text)
{
  g_autofree char *flat = g_strdup (text != NULL ? text : "");

  for (char *p = flat; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  if (g_utf8_strlen (flat, -1) > QUOTE_CHARS)
    {
      g_autofree char *cut = g_utf8_substring (flat, 0, QUOTE_CHARS - 1);

      return g_strconcat (cut, "…", NULL);
    }
  return g_steal_pointer (&flat);
}

static GtkWidget *
quote_row (DlgContribution *contribution)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 3);
  const char *title = dlg_contribution_get_title (contribution);
  g_autofree char *body = one_line (dlg_contribution_get_body (contribution));
  g_autofree char *quoted = g_strdup_printf (_("“%s”"), body);
  g_autofree char *date = dlg_date_format (dlg_contribution_get_created_at (contribution));
  const char *channel = dlg_vocabulary_get_label (&dlg_vocabulary_channel,
                                                  dlg_contribution_get_channel (contribution));
  /* TRANSLATORS: under a quote: its channel and date */
  g_autofree char *meta = g_strdup_printf (_("%s, %s"), channel, date != NULL ? date : "");
  GtkWidget *text = gtk_label_new (quoted);   /* plain text */
  GtkWidget *meta_label = gtk_label_new (meta);

  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  if (title != NULL && *title != '\0')
    {
      GtkWidget *title_label = gtk_label_new (title);

      gtk_label_set_xalign (GTK_LABEL (title_label), 0);
      gtk_label_set_wrap (GTK_LABEL (title_label), TRUE);
      gtk_label_set_wrap_mode (GTK_LABEL (title_label), PANGO_WRAP_WORD_CHAR);
      gtk_widget_add_css_class (title_label, "heading");
      gtk_box_append (GTK_BOX (box), title_label);
    }
  gtk_label_set_xalign (GTK_LABEL (text), 0);
  gtk_label_set_wrap (GTK_LABEL (text), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (text), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_selectable (GTK_LABEL (text), TRUE);
  gtk_box_append (GTK_BOX (box), text);
  gtk_label_set_xalign (GTK_LABEL (meta_label), 0);
  gtk_widget_add_css_class (meta_label, "dim-label");
  gtk_widget_add_css_class (meta_label, "caption");
  gtk_box_append (GTK_BOX (box), meta_label);
  return box;
}

static void
fill (DlgSynthesisDialog *self)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GListModel) quotes = NULL;
  DlgStore *store = get_store (self);
  gint64 theme_id = current_theme (self);
  DlgTheme *theme = find_theme (self, theme_id);
  guint total = 0, n_quotes;
  GtkWidget *child;
  g_autofree char *total_text = NULL;
  g_autofree char *heading = NULL;

  if (store == NULL)
    return;
  for (guint axis = 0; axis < DLG_SYNTHESIS_N_AXES; axis++)
    {
      g_autoptr(GPtrArray) bars = dlg_synthesis_count (store, self->process_id, theme_id, axis,
                                                       &total, &error);

      if (bars == NULL)
        {
          g_warning ("Could not count the contributions: %s", error->message);
          return;
        }
      dlg_synthesis_chart_set_bars (self->charts[axis], dlg_synthesis_axis_get_title (axis),
                                    bars, axis == DLG_SYNTHESIS_WEEK);
      dlg_synthesis_chart_set_colour (self->charts[axis],
                                      theme != NULL ? dlg_theme_get_colour (theme) : NULL);
    }
  total_text = theme != NULL
    ? g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Theme “%s”: %u contribution",
                                    "Theme “%s”: %u contributions", total),
                       dlg_theme_get_name (theme), total)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "The whole process: %u contribution",
                                    "The whole process: %u contributions", total), total);
  gtk_label_set_text (self->total_label, total_text);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->quotes_list))) != NULL)
    gtk_list_box_remove (self->quotes_list, child);
  if (!(quotes = dlg_synthesis_list_quotes (store, self->process_id, theme_id, &error)))
    {
      g_warning ("Could not read the quotes: %s", error->message);
      return;
    }
  n_quotes = g_list_model_get_n_items (quotes);
  self->n_quotes = n_quotes;
  for (guint i = 0; i < MIN (n_quotes, MAX_QUOTES); i++)
    {
      g_autoptr(DlgContribution) contribution = g_list_model_get_item (quotes, i);
      GtkWidget *row = gtk_list_box_row_new ();

      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), FALSE);
      gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (row), quote_row (contribution));
      gtk_list_box_append (self->quotes_list, row);
    }
  heading = n_quotes == 0
    ? g_strdup (_("Quotes: none yet (highlight a contribution to quote it)"))
    : n_quotes > MAX_QUOTES
    ? g_strdup_printf (_("Quotes: the newest %u of %u highlighted"), MAX_QUOTES, n_quotes)
    : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Quotes: %u highlighted contribution",
                                    "Quotes: %u highlighted contributions", n_quotes), n_quotes);
  gtk_label_set_text (self->quotes_heading, heading);
}

/* The scopes: the process, then every theme, indented. */
static void
fill_scopes (DlgSynthesisDialog *self,
             gint64              keep)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  guint selected = 0;
  gint64 zero = 0;

  g_clear_object (&self->themes);
  g_array_set_size (self->scope_ids, 0);
  gtk_string_list_append (names, _("The whole process"));
  g_array_append_val (self->scope_ids, zero);
  if (get_store (self) != NULL)
    self->themes = dlg_theme_list (get_store (self), self->process_id, &error);
  for (guint i = 0; self->themes != NULL && i < g_list_model_get_n_items (self->themes); i++)
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (self->themes, i);
      g_autofree char *indent = g_strnfill (2 * dlg_theme_get_depth (theme), ' ');
      g_autofree char *label = g_strconcat (indent, dlg_theme_get_name (theme), NULL);
      gint64 id = dlg_theme_get_id (theme);

      if (id == keep)
        selected = self->scope_ids->len;
      gtk_string_list_append (names, label);
      g_array_append_val (self->scope_ids, id);
    }
  self->filling = TRUE;
  gtk_drop_down_set_model (self->scope_dropdown, G_LIST_MODEL (names));
  gtk_drop_down_set_selected (self->scope_dropdown, selected);
  self->filling = FALSE;
}

static void
reload_cb (gpointer owner)
{
  DlgSynthesisDialog *self = owner;

  fill_scopes (self, current_theme (self));
  fill (self);
}

static void
store_changed_cb (DlgSynthesisDialog *self,
                  GType               type,
                  gint64              process_id,
                  DlgStore           *store)
{
  if ((type != DLG_TYPE_THEME && type != DLG_TYPE_CONTRIBUTION)
      || (process_id != 0 && process_id != self->process_id))
    return;
  dlg_reload_helper_queue (&self->reload, reload_cb, self);
}

static void
scope_changed_cb (DlgSynthesisDialog *self)
{
  if (!self->filling)
    fill (self);
}

static void
dlg_synthesis_dialog_dispose (GObject *object)
{
  DlgSynthesisDialog *self = DLG_SYNTHESIS_DIALOG (object);

  dlg_reload_helper_cancel (&self->reload);
  dlg_reload_helper_unwatch (&self->reload);
  g_clear_object (&self->themes);
  g_clear_object (&self->context);
  g_clear_pointer (&self->scope_ids, g_array_unref);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_SYNTHESIS_DIALOG);

  G_OBJECT_CLASS (dlg_synthesis_dialog_parent_class)->dispose (object);
}

static void
dlg_synthesis_dialog_class_init (DlgSynthesisDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_synthesis_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-synthesis-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgSynthesisDialog, scope_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlgSynthesisDialog, total_label);
  gtk_widget_class_bind_template_child (widget_class, DlgSynthesisDialog, chart_grid);
  gtk_widget_class_bind_template_child (widget_class, DlgSynthesisDialog, quotes_heading);
  gtk_widget_class_bind_template_child (widget_class, DlgSynthesisDialog, quotes_list);
  gtk_widget_class_bind_template_callback (widget_class, scope_changed_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
dlg_synthesis_dialog_init (DlgSynthesisDialog *self)
{
  self->scope_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  self->filling = TRUE;
  gtk_widget_init_template (GTK_WIDGET (self));
  self->filling = FALSE;
  /* Four charts, two a line: a heading over each. */
  for (guint axis = 0; axis < DLG_SYNTHESIS_N_AXES; axis++)
    {
      GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
      GtkWidget *heading = gtk_label_new (dlg_synthesis_axis_get_title (axis));

      gtk_label_set_xalign (GTK_LABEL (heading), 0);
      gtk_widget_add_css_class (heading, "heading");
      self->charts[axis] = DLG_SYNTHESIS_CHART (dlg_synthesis_chart_new ());
      gtk_widget_set_hexpand (GTK_WIDGET (self->charts[axis]), TRUE);
      gtk_box_append (GTK_BOX (box), heading);
      gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->charts[axis]));
      gtk_grid_attach (self->chart_grid, box, axis % 2, axis / 2, 1, 1);
    }
}

/**
 * dlg_synthesis_dialog_new:
 * @theme_id: the theme to show first, 0 for the whole process
 *
 * Returns: (transfer none): the window, transient for @parent's, not shown yet
 */
DlgSynthesisDialog *
dlg_synthesis_dialog_new (GtkWidget  *parent,
                          DlgContext *context,
                          gint64      process_id,
                          gint64      theme_id)
{
  DlgSynthesisDialog *self = g_object_new (DLG_TYPE_SYNTHESIS_DIALOG, NULL);
  GtkRoot *root = parent != NULL ? gtk_widget_get_root (parent) : NULL;

  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (self), GTK_WINDOW (root));
  self->context = g_object_ref (context);
  self->process_id = process_id;
  dlg_reload_helper_watch (&self->reload, dlg_context_get_store (context),
                           G_CALLBACK (store_changed_cb), self);
  fill_scopes (self, theme_id);
  fill (self);
  return self;
}

void
dlg_synthesis_dialog_set_theme (DlgSynthesisDialog *self,
                                gint64              theme_id)
{
  g_return_if_fail (DLG_IS_SYNTHESIS_DIALOG (self));

  for (guint i = 0; i < self->scope_ids->len; i++)
    if (g_array_index (self->scope_ids, gint64, i) == theme_id)
      gtk_drop_down_set_selected (self->scope_dropdown, i);
}

DlgSynthesisChart *
dlg_synthesis_dialog_get_chart (DlgSynthesisDialog *self,
                                DlgSynthesisAxis    axis)
{
  g_return_val_if_fail (DLG_IS_SYNTHESIS_DIALOG (self), NULL);
  g_return_val_if_fail (axis < DLG_SYNTHESIS_N_AXES, NULL);

  return self->charts[axis];
}

guint
dlg_synthesis_dialog_get_n_quotes (DlgSynthesisDialog *self)
{
  g_return_val_if_fail (DLG_IS_SYNTHESIS_DIALOG (self), 0);

  return self->n_quotes;
}
