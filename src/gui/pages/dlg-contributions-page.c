/* dlg-contributions-page.c — every contribution of a process, searchable and filterable
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The list is a DlgContributionList, the core's lazy model: it counts the rows that match the
 * search and the filters with one query and reads rows by pages as the column view asks for
 * them. The page never walks the model, so 100,000 contributions cost a screenful of rows.
 * Search and filters are pushed down into the model (FTS5 and SQL), never done in GTK filter
 * models, which would read every item.
 *
 * Beside the list, the selected contribution in full: its text, its location, its moderation
 * (changed through dlg_contribution_moderate, which journals it and queues it for the site)
 * and the team's annotations: the highlight, which the site shows, and the note, which stays
 * in the app. A contribution received in person goes to the site once published; the pane
 * says where it and its highlight stand (dlg_sync_get_publication). The note is saved as
 * typed, like every text of the app.
 *
 * Work at volume (issue 11): the list is a GtkMultiSelection (Shift and Ctrl click, Ctrl+A,
 * Shift with the arrows). The action bar under it tags, untags, highlights or moderates the
 * selection, or, with "All N matching" checked, every contribution the search and the filters
 * match (dlg_contribution_list_get_ids: one statement, never the pages); above
 * CONFIRM_THRESHOLD contributions it asks first. Each action is one operation of dlg-coding
 * (one transaction, one journal entry) and a toast offers Undo (dlg_coding_undo). Number keys
 * 1 to 9 give the first nine themes of the frame to the selection (the focused row when one
 * moves with the arrows), and take it off when all had it. The theme panel on the left
 * (DlgThemePanel) shows the frame with live counts, filters the list and manages the frame;
 * the theme drop-down of the filters is the same filter.
 *
 * The map (DlgContributionsMap, under the list when "Map" is on) shows the located rows of the
 * same list, so the same search and filters; a pin clicked selects its row
 * (dlg_contribution_list_find), and the rows selected are marked on the map.
 */

#define G_LOG_DOMAIN "dlg-contributions-page"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-column-sorter.h"
#include "dlg-contribution-dialog.h"
#include "dlg-contributions-map.h"
#include "dlg-contributions-page.h"
#include "dlg-field-binding.h"
#include "dlg-moderation-reasons-dialog.h"
#include "dlg-theme-panel.h"
#include "dlg-text-column.h"
#include "dlg-view-util.h"

/* Above this many contributions, an action on them asks first (Undo is there too). */
#define CONFIRM_THRESHOLD 100

struct _DlgContributionsPage
{
  AdwBin               parent_instance;

  DlgContext          *context;
  gint64               process_id;
  DlgContributionList *list;
  DlgContribution     *current;
  gulong               changed_id;
  gulong               theme_changed_id;
  gulong               reasons_changed_id;
  guint                save_id;
  guint                refresh_id;
  guint                dirty : 1;
  guint                loading : 1;
  guint                saving : 1;

  GtkStack            *stack;
  GtkSearchEntry      *search_entry;
  GtkDropDown         *channel_dropdown;
  GtkDropDown         *feature_dropdown;
  GtkDropDown         *moderation_dropdown;
  GtkToggleButton     *site_missing_toggle;
  GtkDropDown         *theme_dropdown;
  GArray              *theme_filters;   /* theme_dropdown's index → list theme filter */
  guint                setting_theme : 1;
  AdwToastOverlay     *toast_overlay;
  DlgThemePanel       *theme_panel;
  GtkFlowBox          *action_bar;
  GtkLabel            *selection_label;
  GtkCheckButton      *matching_check;
  GtkListBox          *tag_list;
  GtkListBox          *untag_list;
  GtkPopover          *tag_popover;
  GtkPopover          *untag_popover;
  GtkPopover          *moderate_popover;
  GtkDropDown         *bulk_state_dropdown;
  GtkDropDown         *bulk_reason_dropdown;
  GtkEntry            *bulk_reason_entry;
  AdwStatusPage       *empty_status;
  GtkToggleButton     *highlighted_button;
  GtkPaned            *paned;
  GtkStack            *list_stack;
  GtkScrolledWindow   *scrolled_window;
  GtkColumnView       *column_view;
  GtkMultiSelection   *selection;
  GtkLabel            *count_label;
  GtkStack            *detail_stack;
  GtkLabel            *title_label;
  GtkLabel            *meta_label;
  GtkLabel            *body_label;
  GtkLabel            *location_label;
  GtkLabel            *themes_label;
  GtkLabel            *moderation_label;
  GtkLabel            *publication_label;
  GtkLabel            *highlight_label;
  GtkDropDown         *moderate_dropdown;
  GtkEntry            *reason_entry;
  GtkWidget           *moderate_button;
  GtkCheckButton      *highlight_check;
  GtkTextView         *note_view;
  GtkLabel            *status_label;
  DlgContributionsMap *map;
};

G_DEFINE_FINAL_TYPE (DlgContributionsPage, dlg_contributions_page, ADW_TYPE_BIN)

static DlgStore *
get_store (DlgContributionsPage *self)
{
  return self->context != NULL ? dlg_context_get_store (self->context) : NULL;
}

static const char *
feature_label (const char *feature)
{
  const DlgFeatureInfo *info = dlg_feature_info_lookup (feature);

  return info != NULL ? info->label : feature;
}

static char *
cell_date (gpointer item)
{
  return dlg_format_datetime (dlg_contribution_get_created_at (item));
}

static char *
cell_channel (gpointer item)
{
  const char *label = dlg_contribution_channel_get_label (dlg_contribution_get_channel (item));

  /* Kept, though a full resync no longer found it on the site (restored from a backup?). */
  if (dlg_contribution_get_site_missing_at (item) != NULL)
    /* TRANSLATORS: %s is a channel ("Online"); the site no longer lists the contribution */
    return g_strdup_printf (_("%s, no longer on the site"), label);
  return g_strdup (label);
}

static char *
cell_feature (gpointer item)
{
  return g_strdup (feature_label (dlg_contribution_get_feature (item)));
}

static char *
cell_title (gpointer item)
{
  const char *title = dlg_contribution_get_title (item);

  /* Untitled contributions (answers, pins) show the start of their text. */
  if (title == NULL || *title == '\0')
    title = dlg_contribution_get_body (item);
  /* Highlighted by the team: a star, as in the detail pane's check box. */
  if (dlg_contribution_get_highlighted (item))
    return g_strconcat ("★ ", title, NULL);
  return g_strdup (title);
}

static char *
cell_author (gpointer item)
{
  return g_strdup (dlg_contribution_get_author_ref (item));
}

static char *
cell_moderation (gpointer item)
{
  return g_strdup (dlg_contribution_moderation_get_label (dlg_contribution_get_moderation (item)));
}

static char *
cell_themes (gpointer item)
{
  return g_strdup (dlg_contribution_get_theme_names (item));
}

static char *
cell_supports (gpointer item)
{
  return g_strdup_printf ("%" G_GINT64_FORMAT, dlg_contribution_get_supports (item));
}

static char *
get_note_text (DlgContributionsPage *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->note_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

static void
show_status (DlgContributionsPage *self,
             const char           *message,
             gboolean              is_error)
{
  gtk_label_set_text (self->status_label, message != NULL ? message : "");
  if (is_error)
    gtk_widget_add_css_class (GTK_WIDGET (self->status_label), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->status_label), "error");
}

/* Where the contribution (received in person) and its highlight stand with the site. */
static void
show_publication (DlgContributionsPage *self)
{
  DlgContribution *c = self->current;
  DlgSyncPublication state;
  const char *text;

  if (c == NULL || get_store (self) == NULL)
    return;
  if (g_strcmp0 (dlg_contribution_get_channel (c), "online") != 0)
    {
      state = dlg_sync_get_publication (get_store (self), "contribution",
                                        dlg_contribution_get_uuid (c));
      switch (state)
        {
        /* The site may have hidden the earlier version (set aside): say only what will be. */
        case DLG_SYNC_PUBLICATION_PENDING:
        case DLG_SYNC_PUBLICATION_CHANGED:
          text = _("This contribution will be shown on the site after the next sync.");
          break;
        case DLG_SYNC_PUBLICATION_ON_SITE:
          text = _("This contribution is shown on the site, with its channel.");
          break;
        case DLG_SYNC_PUBLICATION_LEAVING:
          text = _("This contribution leaves the site at the next sync.");
          break;
        case DLG_SYNC_PUBLICATION_REFUSED:
          text = dlg_publication_text (state);
          break;
        case DLG_SYNC_PUBLICATION_LOCAL:
        default:
          text = _("Not on the site: a contribution received in person, by mail or by phone "
                   "goes there once published.");
          break;
        }
      gtk_label_set_text (self->publication_label, text);
      gtk_widget_set_visible (GTK_WIDGET (self->publication_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->publication_label), FALSE);

  state = dlg_sync_get_publication (get_store (self), "highlight", dlg_contribution_get_uuid (c));
  switch (state)
    {
    case DLG_SYNC_PUBLICATION_PENDING:
      text = _("Marked “highlighted by the team” on the site after the next sync.");
      break;
    case DLG_SYNC_PUBLICATION_ON_SITE:
    case DLG_SYNC_PUBLICATION_CHANGED:
      text = _("Marked “highlighted by the team” on the site.");
      break;
    case DLG_SYNC_PUBLICATION_LEAVING:
      text = _("The mark “highlighted by the team” leaves the site at the next sync.");
      break;
    case DLG_SYNC_PUBLICATION_REFUSED:
      text = dlg_publication_text (state);
      break;
    case DLG_SYNC_PUBLICATION_LOCAL:
    default:
      text = _("On the site, a highlighted contribution is marked “highlighted by the team”.");
      break;
    }
  gtk_label_set_text (self->highlight_label, text);
}

/* Saves the annotations (highlight and note) of the contribution in the detail pane. */
static gboolean
save_annotations (DlgContributionsPage *self)
{
  g_autoptr(DlgContribution) fresh = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *note = NULL;
  gboolean ok;

  if (self->current == NULL || get_store (self) == NULL)
    return TRUE;

  /* Start from the stored row, so that only the annotations change. */
  fresh = dlg_contribution_load (get_store (self), dlg_contribution_get_id (self->current),
                                 &error);
  if (fresh == NULL)
    goto fail;
  note = get_note_text (self);
  dlg_contribution_set_note (fresh, note);
  dlg_contribution_set_highlighted (fresh, gtk_check_button_get_active (self->highlight_check));

  self->saving = TRUE;
  ok = dlg_contribution_save (get_store (self), fresh, &error);
  self->saving = FALSE;
  if (!ok)
    goto fail;

  dlg_contribution_set_note (self->current, note);
  dlg_contribution_set_highlighted (self->current,
                                    gtk_check_button_get_active (self->highlight_check));
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_view), "error");
  show_status (self, _("Saved"), FALSE);
  show_publication (self);
  return TRUE;

fail:
  {
    g_autofree char *message = g_strdup_printf (_("Not saved: %s"), error->message);

    g_warning ("Could not save the annotations: %s", error->message);
    gtk_widget_add_css_class (GTK_WIDGET (self->note_view), "error");
    show_status (self, message, TRUE);
    return FALSE;
  }
}

/**
 * dlg_contributions_page_flush:
 *
 * Saves the note being typed, if any.
 *
 * Returns: %FALSE if the save failed (the text stays and the error is shown)
 */
gboolean
dlg_contributions_page_flush (DlgContributionsPage *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTIONS_PAGE (self), FALSE);

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (!self->dirty)
    return TRUE;
  if (!save_annotations (self))
    return FALSE;
  self->dirty = FALSE;
  return TRUE;
}

static gboolean
save_timeout_cb (gpointer user_data)
{
  DlgContributionsPage *self = user_data;

  self->save_id = 0;
  dlg_contributions_page_flush (self);
  return G_SOURCE_REMOVE;
}

static void
note_changed_cb (DlgContributionsPage *self)
{
  if (self->loading || self->current == NULL)
    return;
  self->dirty = TRUE;
  show_status (self, NULL, FALSE);
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (DLG_AUTOSAVE_DELAY_MS, save_timeout_cb, self);
}

static void
note_focus_leave_cb (DlgContributionsPage *self)
{
  dlg_contributions_page_flush (self);
}

static void refresh (DlgContributionsPage *self);

static void
highlight_toggled_cb (DlgContributionsPage *self)
{
  if (self->loading || self->current == NULL)
    return;
  self->dirty = TRUE;
  /* The list shows the star too: read the rows again. */
  if (dlg_contributions_page_flush (self))
    refresh (self);
}

static void
load_detail (DlgContributionsPage *self)
{
  DlgContribution *c = self->current;
  g_autofree char *date = NULL;
  g_autofree char *meta = NULL;
  g_autofree char *moderation = NULL;
  g_autofree char *supports_text = NULL;
  const char *author;
  const char *reason;
  gint64 supports;

  self->loading = TRUE;
  self->dirty = FALSE;
  g_clear_handle_id (&self->save_id, g_source_remove);
  show_status (self, NULL, FALSE);
  gtk_widget_remove_css_class (GTK_WIDGET (self->note_view), "error");

  if (c == NULL)
    {
      gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view), "", 0);
      gtk_stack_set_visible_child_name (self->detail_stack, "empty");
      self->loading = FALSE;
      return;
    }

  /* Everything below is user text: plain-text setters only. */
  gtk_label_set_text (self->title_label,
                      *dlg_contribution_get_title (c) != '\0' ? dlg_contribution_get_title (c)
                                                               : _("Untitled contribution"));

  date = dlg_format_datetime (dlg_contribution_get_created_at (c));
  author = dlg_contribution_get_author_ref (c);
  supports = dlg_contribution_get_supports (c);
  supports_text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%d support", "%d supports",
                                                (gulong) MAX (supports, 0)),
                                   (int) supports);
  meta = g_strjoin (" · ",
                    date != NULL ? date : "",
                    dlg_contribution_channel_get_label (dlg_contribution_get_channel (c)),
                    feature_label (dlg_contribution_get_feature (c)),
                    author != NULL && *author != '\0' ? author : _("anonymous"),
                    supports_text,
                    NULL);
  gtk_label_set_text (self->meta_label, meta);
  gtk_label_set_text (self->body_label, dlg_contribution_get_body (c));

  if (dlg_contribution_has_location (c))
    {
      g_autofree char *location = g_strdup_printf (_("Location: %.5f, %.5f"),
                                                   dlg_contribution_get_lat (c),
                                                   dlg_contribution_get_lon (c));

      gtk_label_set_text (self->location_label, location);
      gtk_widget_set_visible (GTK_WIDGET (self->location_label), TRUE);
    }
  else
    gtk_widget_set_visible (GTK_WIDGET (self->location_label), FALSE);

  /* Its themes, in the frame's words (plain text: names are user text). */
  {
    g_autoptr(GListModel) themes = dlg_contribution_list_themes (get_store (self),
                                                                 dlg_contribution_get_id (c),
                                                                 NULL);
    g_autoptr(GString) names = g_string_new (NULL);
    g_autofree char *text = NULL;

    for (guint i = 0; themes != NULL && i < g_list_model_get_n_items (themes); i++)
      {
        g_autoptr(DlgTheme) theme = g_list_model_get_item (themes, i);

        if (names->len > 0)
          g_string_append (names, ", ");
        g_string_append (names, dlg_theme_get_name (theme));
      }
    /* TRANSLATORS: the themes a contribution has, separated by commas */
    text = names->len > 0 ? g_strdup_printf (_("Themes: %s"), names->str)
                          : g_strdup (_("No theme yet"));
    gtk_label_set_text (self->themes_label, text);
  }

  reason = dlg_contribution_get_moderation_reason (c);
  if (reason != NULL && *reason != '\0')
    /* Translators: a moderation state, then the reason the officer gave. */
    moderation = g_strdup_printf (_("%s — %s"),
                                  dlg_contribution_moderation_get_label (
                                    dlg_contribution_get_moderation (c)),
                                  reason);
  else
    moderation = g_strdup (dlg_contribution_moderation_get_label (
                             dlg_contribution_get_moderation (c)));
  gtk_label_set_text (self->moderation_label, moderation);
  gtk_drop_down_set_selected (self->moderate_dropdown,
                              dlg_vocabulary_index (&dlg_vocabulary_moderation,
                                                    dlg_contribution_get_moderation (c)));
  gtk_editable_set_text (GTK_EDITABLE (self->reason_entry), "");

  gtk_check_button_set_active (self->highlight_check, dlg_contribution_get_highlighted (c));
  show_publication (self);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->note_view),
                            dlg_contribution_get_note (c) != NULL ? dlg_contribution_get_note (c)
                                                                  : "", -1);
  gtk_stack_set_visible_child_name (self->detail_stack, "detail");
  self->loading = FALSE;
}

static guint
n_selected (DlgContributionsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
    GTK_SELECTION_MODEL (self->selection));

  return (guint) gtk_bitset_get_size (selected);
}

static guint
n_matching (DlgContributionsPage *self)
{
  return self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;
}

/* What the actions apply to: the selection, or every match of the search and filters. */
static guint
n_targets (DlgContributionsPage *self)
{
  return gtk_check_button_get_active (self->matching_check) ? n_matching (self)
                                                            : n_selected (self);
}

static void
update_actions (DlgContributionsPage *self)
{
  g_autofree char *selection = NULL;
  g_autofree char *matching = NULL;
  guint n = n_selected (self), all = n_matching (self);
  gboolean some = n_targets (self) > 0 && self->list != NULL;
  gboolean themes = self->list != NULL
                    && dlg_theme_panel_get_themes (self->theme_panel) != NULL
                    && g_list_model_get_n_items (dlg_theme_panel_get_themes (self->theme_panel)) > 0;

  selection = n == 0 ? g_strdup (_("No selection"))
                     : g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u selected",
                                                     "%u selected", n), n);
  gtk_label_set_text (self->selection_label, selection);
  /* TRANSLATORS: a check box: the actions apply to every contribution the search matches */
  /* %'u: grouped as the locale writes numbers ("1 243" in French). */
  matching = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "All %'u matching",
                                           "All %'u matching", all), all);
  gtk_check_button_set_label (self->matching_check, matching);
  gtk_widget_set_sensitive (GTK_WIDGET (self->matching_check), all > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contributions.tag", some && themes);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contributions.highlight", some);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contributions.moderate", some);
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->tag_popover)),
                            some && themes);
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->untag_popover)),
                            some && themes);
  gtk_widget_set_sensitive (gtk_widget_get_parent (GTK_WIDGET (self->moderate_popover)), some);
}

static void scroll_to (DlgContributionsPage *self,
                       guint                 position);

/* The rows selected, marked on the map (a selection of a screenful or so: its ids are read
 * from the rows). */
static void
mark_selection_on_map (DlgContributionsPage *self,
                       GtkBitset            *selected)
{
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  GtkBitsetIter iter;
  guint position;

  if (gtk_bitset_get_size (selected) <= 500 &&
      gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      {
        g_autoptr(DlgContribution) item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                                                 position);
        gint64 id = item != NULL ? dlg_contribution_get_id (item) : 0;

        g_array_append_val (ids, id);
      }
    while (gtk_bitset_iter_next (&iter, &position));
  dlg_contributions_map_set_selected (self->map, (gint64 *) ids->data, ids->len);
}

/* Pins clicked on the map: their rows selected, the first brought into view. */
static void
map_activated_cb (DlgContributionsPage *self,
                  GArray               *ids)
{
  g_autoptr(GtkBitset) rows = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  if (n == 0)
    return;
  for (guint i = 0; i < MIN (ids->len, 500); i++)
    {
      gint64 position = dlg_contribution_list_find (self->list, g_array_index (ids, gint64, i));

      if (position >= 0)
        gtk_bitset_add (rows, (guint) position);
    }
  if (gtk_bitset_is_empty (rows))
    return;
  mask = gtk_bitset_new_range (0, n);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), rows, mask);
  scroll_to (self, gtk_bitset_get_minimum (rows));
}

static void
selection_changed_cb (DlgContributionsPage *self)
{
  g_autoptr(GtkBitset) selected = gtk_selection_model_get_selection (
    GTK_SELECTION_MODEL (self->selection));
  g_autoptr(DlgContribution) item = NULL;
  guint64 n = gtk_bitset_get_size (selected);

  update_actions (self);
  mark_selection_on_map (self, selected);
  if (n == 1)
    item = g_list_model_get_item (G_LIST_MODEL (self->selection),
                                  gtk_bitset_get_minimum (selected));
  if (n > 1)
    {
      g_autofree char *title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                             "%u Contribution Selected",
                                                             "%u Contributions Selected",
                                                             (gulong) n), (guint) n);

      adw_status_page_set_title (self->empty_status, title);
      adw_status_page_set_description (self->empty_status,
                                       _("Tag, highlight or moderate them with the actions under "
                                         "the list, or with the keys 1 to 9."));
    }
  else
    {
      adw_status_page_set_title (self->empty_status, _("No Contribution Selected"));
      adw_status_page_set_description (self->empty_status,
                                       _("Click a row to read it. Shift and Ctrl click, or Ctrl+A, "
                                         "select several for the actions under the list."));
    }
  if (item == self->current)
    return;
  dlg_contributions_page_flush (self);
  g_set_object (&self->current, item);
  load_detail (self);
}

static void
update_count (DlgContributionsPage *self)
{
  g_autofree char *text = NULL;
  guint n = self->list != NULL ? g_list_model_get_n_items (G_LIST_MODEL (self->list)) : 0;

  text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u contribution", "%u contributions", n),
                          n);
  gtk_label_set_text (self->count_label, text);
  gtk_stack_set_visible_child_name (self->list_stack, n > 0 ? "list" : "empty");
  update_actions (self);
}

/* DlgContributionList removes its rows before adding the new ones, so a view stays attached
 * while a filter changes and reads only what it shows. */
static void
attach_list (DlgContributionsPage *self)
{
  gtk_multi_selection_set_model (self->selection,
                                 self->list != NULL ? G_LIST_MODEL (self->list) : NULL);
  dlg_contributions_map_set_list (self->map, self->list);
  update_count (self);
}

static void
search_changed_cb (DlgContributionsPage *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (self->search_entry));

  if (self->list == NULL
      || g_strcmp0 (text, dlg_contribution_list_get_search (self->list)) == 0)
    return;
  dlg_contribution_list_set_search (self->list, text);
  update_count (self);
}

static const char *
selected_feature (DlgContributionsPage *self)
{
  guint position = gtk_drop_down_get_selected (self->feature_dropdown);
  const DlgFeatureInfo *catalogue;
  guint n_features = 0;

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return NULL;
  catalogue = dlg_feature_catalogue (&n_features);
  return position - 1 < n_features ? catalogue[position - 1].id : NULL;
}

/* A column header clicked: the list orders itself (newest first when no column sorts). */
static void
sort_changed_cb (DlgContributionsPage *self)
{
  int key = DLG_CONTRIBUTION_SORT_DATE;
  gboolean descending = TRUE;

  if (self->list == NULL)
    return;
  dlg_column_sorter_read (gtk_column_view_get_sorter (self->column_view), &key, &descending);
  dlg_contribution_list_set_sort (self->list, key, descending);
  update_count (self);
}

static void
filter_changed_cb (DlgContributionsPage *self)
{
  guint channel = gtk_drop_down_get_selected (self->channel_dropdown);
  guint moderation = gtk_drop_down_get_selected (self->moderation_dropdown);

  if (self->list == NULL)
    return;
  /* Index 0 of each filter is "all" (NULL). */
  dlg_contribution_list_set_channel (self->list,
                                     channel > 0 ? dlg_vocabulary_get_id (&dlg_vocabulary_channel,
                                                                          channel - 1)
                                                 : NULL);
  dlg_contribution_list_set_feature (self->list, selected_feature (self));
  dlg_contribution_list_set_moderation (self->list,
                                        moderation > 0
                                          ? dlg_vocabulary_get_id (&dlg_vocabulary_moderation,
                                                                   moderation - 1)
                                          : NULL);
  dlg_contribution_list_set_site_missing_only (self->list,
                                               gtk_toggle_button_get_active (
                                                 self->site_missing_toggle));
  dlg_contribution_list_set_theme (self->list, dlg_theme_panel_get_filter (self->theme_panel));
  dlg_contribution_list_set_highlighted_only (self->list,
                                              gtk_toggle_button_get_active (
                                                self->highlighted_button));
  update_count (self);
}

/* Brings a row into view (GTK 4.8 has no gtk_column_view_scroll_to ()). */
static void
scroll_to (DlgContributionsPage *self,
           guint                 position)
{
  for (GtkWidget *c = gtk_widget_get_first_child (GTK_WIDGET (self->column_view)); c != NULL;
       c = gtk_widget_get_next_sibling (c))
    if (GTK_IS_LIST_VIEW (c))
      gtk_widget_activate_action (c, "list.scroll-to-item", "u", position);
}

/* Reads the list again after a change in the store, keeping the selected rows that are still
 * in their place (moderation and annotations do not move a row; a filter may take it out). */
static void
refresh (DlgContributionsPage *self)
{
  g_autoptr(GtkBitset) before = NULL;
  g_autoptr(GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GtkBitset) kept = gtk_bitset_new_empty ();
  g_autoptr(GtkBitset) mask = NULL;
  gint64 current_id = self->current != NULL ? dlg_contribution_get_id (self->current) : 0;
  GtkBitsetIter iter;
  guint position;
  guint n;

  g_clear_handle_id (&self->refresh_id, g_source_remove);
  if (self->list == NULL)
    return;

  dlg_contributions_page_flush (self);
  /* The ids of a selection of a screenful or so are read from the rows; a larger one (Ctrl+A
   * on 100,000) would read every page, and is let go. */
  {
    /* A copy: the model's own bitset changes with the rows. */
    g_autoptr(GtkBitset) live = gtk_selection_model_get_selection (
      GTK_SELECTION_MODEL (self->selection));

    before = gtk_bitset_copy (live);
  }
  if (gtk_bitset_get_size (before) <= 500
      && gtk_bitset_iter_init_first (&iter, before, &position))
    do
      {
        g_autoptr(DlgContribution) item = g_list_model_get_item (G_LIST_MODEL (self->list),
                                                                 position);
        gint64 id = item != NULL ? dlg_contribution_get_id (item) : 0;

        g_array_append_val (ids, id);
      }
    while (gtk_bitset_iter_next (&iter, &position));

  dlg_contribution_list_refresh (self->list);
  update_count (self);

  n = g_list_model_get_n_items (G_LIST_MODEL (self->list));
  mask = gtk_bitset_new_range (0, MAX (n, before != NULL ? (guint) gtk_bitset_get_maximum (before) + 1
                                                         : 1));
  if (ids->len > 0 && gtk_bitset_iter_init_first (&iter, before, &position))
    {
      guint i = 0;

      do
        {
          g_autoptr(DlgContribution) item = NULL;

          if (position < n && (item = g_list_model_get_item (G_LIST_MODEL (self->list), position))
              && dlg_contribution_get_id (item) == g_array_index (ids, gint64, i))
            gtk_bitset_add (kept, position);
        }
      while (++i < ids->len && gtk_bitset_iter_next (&iter, &position));
    }
  g_clear_object (&self->current);
  gtk_selection_model_set_selection (GTK_SELECTION_MODEL (self->selection), kept, mask);
  /* Same row, new snapshot: show its new moderation state. */
  if (gtk_bitset_get_size (kept) == 1)
    {
      g_autoptr(DlgContribution) item =
        g_list_model_get_item (G_LIST_MODEL (self->list), gtk_bitset_get_minimum (kept));

      if (dlg_contribution_get_id (item) == current_id)
        scroll_to (self, gtk_bitset_get_minimum (kept));
      g_set_object (&self->current, item);
      load_detail (self);
    }
  else
    load_detail (self);
  selection_changed_cb (self);
}

static gboolean
refresh_idle_cb (gpointer user_data)
{
  DlgContributionsPage *self = user_data;

  self->refresh_id = 0;
  refresh (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DlgContributionsPage *self,
                  GType                type,
                  gint64                process_id,
                  DlgStore             *store)
{
  /* Saving the note needs no reload (the cursor would jump); other changes do. */
  if (self->saving || (process_id != 0 && process_id != self->process_id))
    return;
  if (self->refresh_id == 0)
    self->refresh_id = g_idle_add (refresh_idle_cb, self);
}

static void
moderate_cb (DlgContributionsPage *self)
{
  g_autoptr(GError) error = NULL;
  guint position = gtk_drop_down_get_selected (self->moderate_dropdown);
  const char *state;

  state = dlg_vocabulary_get_id (&dlg_vocabulary_moderation, position);
  if (self->current == NULL || get_store (self) == NULL || state == NULL)
    return;

  dlg_contributions_page_flush (self);
  if (!dlg_contribution_moderate (get_store (self), dlg_contribution_get_id (self->current),
                                  state, gtk_editable_get_text (GTK_EDITABLE (self->reason_entry)),
                                  &error))
    {
      show_status (self, error->message, TRUE);
      return;
    }
  refresh (self);
}

/* Work at volume ------------------------------------------------------------------------- */

/* The ids the actions apply to: the selection, or every match when @matching; NULL with a
 * toast on a store error. */
static GArray *
get_target_ids (DlgContributionsPage *self,
                gboolean              matching)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkBitset) selected = NULL;
  GArray *ids;
  GtkBitsetIter iter;
  guint position;

  if (self->list == NULL)
    return NULL;
  selected = gtk_selection_model_get_selection (GTK_SELECTION_MODEL (self->selection));
  /* Every match, or a selection of all of them (Ctrl+A): one statement, not the pages. */
  if (matching || gtk_bitset_get_size (selected) == n_matching (self))
    {
      if (!(ids = dlg_contribution_list_get_ids (self->list, &error)))
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return ids;
    }
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  if (gtk_bitset_iter_init_first (&iter, selected, &position))
    do
      {
        g_autoptr(DlgContribution) item = g_list_model_get_item (G_LIST_MODEL (self->list),
                                                                 position);
        gint64 id = dlg_contribution_get_id (item);

        g_array_append_val (ids, id);
      }
    while (gtk_bitset_iter_next (&iter, &position));
  return ids;
}

static void
show_toast (DlgContributionsPage *self,
            const char           *text,
            gint64                operation_id)
{
  /* A toast's title is markup: a summary holds theme names and reasons, which are user text. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (operation_id != 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, "contributions.undo");
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (operation_id));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/* After an operation of dlg-coding: its summary and Undo, or the error, or "nothing changed". */
static void
report_outcome (DlgContributionsPage   *self,
                gboolean                ok,
                const DlgCodingOutcome *outcome,
                const GError           *error)
{
  g_autofree char *summary = NULL;
  gint64 last = 0;

  if (!ok)
    {
      show_toast (self, error->message, 0);
      return;
    }
  if (outcome->operation_id == 0)
    {
      show_toast (self, _("Nothing to change: the contributions were already so."), 0);
      return;
    }
  if (dlg_coding_get_last_operation (get_store (self), self->process_id, &last, &summary, NULL)
      && last == outcome->operation_id)
    show_toast (self, summary, outcome->operation_id);
}

typedef enum { BULK_TAG, BULK_UNTAG, BULK_HIGHLIGHT, BULK_MODERATE } BulkKind;

typedef struct
{
  DlgContributionsPage *page;
  BulkKind              kind;
  gint64                theme_id;
  char                 *state;
  char                 *reason;
  GArray               *ids;
} Bulk;

static void
bulk_free (Bulk *bulk)
{
  g_clear_object (&bulk->page);
  g_free (bulk->state);
  g_free (bulk->reason);
  g_clear_pointer (&bulk->ids, g_array_unref);
  g_free (bulk);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Bulk, bulk_free)

static void
bulk_run (Bulk *bulk)
{
  DlgContributionsPage *self = bulk->page;
  DlgStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  DlgCodingOutcome outcome = { 0 };
  gboolean ok = FALSE;

  if (store == NULL)
    return;
  dlg_contributions_page_flush (self);
  switch (bulk->kind)
    {
    case BULK_TAG:
      ok = dlg_coding_tag (store, bulk->theme_id, bulk->ids, &outcome, &error);
      break;
    case BULK_UNTAG:
      ok = dlg_coding_untag (store, bulk->theme_id, bulk->ids, &outcome, &error);
      break;
    case BULK_HIGHLIGHT:
      ok = dlg_coding_highlight (store, self->process_id, bulk->ids, TRUE, &outcome, &error);
      break;
    case BULK_MODERATE:
      ok = dlg_coding_moderate (store, self->process_id, bulk->ids, bulk->state, bulk->reason,
                                &outcome, &error);
      break;
    default:
      g_assert_not_reached ();
    }
  report_outcome (self, ok, &outcome, error);
  refresh (self);
}

static void
bulk_confirm_cb (AdwMessageDialog *dialog,
                 const char       *response,
                 Bulk             *bulk)
{
  if (g_strcmp0 (response, "apply") == 0)
    bulk_run (bulk);
}

/* Runs @bulk on the targets, after a confirmation when they are many. Takes @bulk. */
static void
bulk_start (DlgContributionsPage *self,
            Bulk                 *bulk_in)
{
  g_autoptr(Bulk) bulk = bulk_in;
  GtkWidget *dialog;
  GtkRoot *root;
  g_autofree char *heading = NULL;

  bulk->page = g_object_ref (self);
  if (!(bulk->ids = get_target_ids (self, gtk_check_button_get_active (self->matching_check)))
      || bulk->ids->len == 0)
    return;
  if (bulk->ids->len <= CONFIRM_THRESHOLD)
    {
      bulk_run (bulk);
      return;
    }
  root = gtk_widget_get_root (GTK_WIDGET (self));
  heading = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Apply to %'u Contribution?",
                                          "Apply to %'u Contributions?", bulk->ids->len),
                             bulk->ids->len);
  dialog = adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, heading,
                                   _("The change applies to every contribution the search and "
                                     "the filters match, in one step. Undo puts them all back."));
  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog), "cancel", _("_Cancel"),
                                    "apply", _("_Apply"), NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "apply",
                                              ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "apply");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  g_signal_connect_data (dialog, "response", G_CALLBACK (bulk_confirm_cb), g_steal_pointer (&bulk),
                         (GClosureNotify) bulk_free, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
tag_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  Bulk *bulk = g_new0 (Bulk, 1);

  bulk->kind = g_str_equal (action_name, "contributions.untag") ? BULK_UNTAG : BULK_TAG;
  bulk->theme_id = g_variant_get_int64 (parameter);
  bulk_start (DLG_CONTRIBUTIONS_PAGE (widget), bulk);
}

static void
highlight_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  Bulk *bulk = g_new0 (Bulk, 1);

  bulk->kind = BULK_HIGHLIGHT;
  bulk_start (DLG_CONTRIBUTIONS_PAGE (widget), bulk);
}

static void
moderate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  DlgContributionsPage *self = DLG_CONTRIBUTIONS_PAGE (widget);
  const char *state = dlg_vocabulary_get_id (&dlg_vocabulary_moderation,
                                             gtk_drop_down_get_selected (
                                               self->bulk_state_dropdown));
  Bulk *bulk;

  if (state == NULL)
    return;
  gtk_popover_popdown (self->moderate_popover);
  bulk = g_new0 (Bulk, 1);
  bulk->kind = BULK_MODERATE;
  bulk->state = g_strdup (state);
  bulk->reason = g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->bulk_reason_entry)));
  bulk_start (self, bulk);
}

static void
undo_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlgContributionsPage *self = DLG_CONTRIBUTIONS_PAGE (widget);
  g_autoptr(GError) error = NULL;

  if (get_store (self) == NULL)
    return;
  if (!dlg_coding_undo (get_store (self), g_variant_get_int64 (parameter), NULL, &error))
    show_toast (self, error->message, 0);
  refresh (self);
}

/* Keys 1–9: the nth theme of the frame to the selection; off again when all had it. */
static gboolean
key_pressed_cb (DlgContributionsPage *self,
                guint                 keyval,
                guint                 keycode,
                GdkModifierType       state)
{
  g_autoptr(GArray) ids = NULL;
  g_autoptr(DlgTheme) theme = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *themes = dlg_theme_panel_get_themes (self->theme_panel);
  DlgCodingOutcome outcome = { 0 };
  guint n;
  gboolean ok;

  if ((state & (GDK_CONTROL_MASK | GDK_ALT_MASK | GDK_SUPER_MASK)) != 0)
    return GDK_EVENT_PROPAGATE;
  if (keyval >= GDK_KEY_1 && keyval <= GDK_KEY_9)
    n = keyval - GDK_KEY_1;
  else if (keyval >= GDK_KEY_KP_1 && keyval <= GDK_KEY_KP_9)
    n = keyval - GDK_KEY_KP_1;
  else
    return GDK_EVENT_PROPAGATE;
  if (themes == NULL || n >= g_list_model_get_n_items (themes) || get_store (self) == NULL
      || n_selected (self) == 0)
    return GDK_EVENT_PROPAGATE;
  theme = g_list_model_get_item (themes, n);
  /* The selection only: the keys never act on every match. */
  if (!(ids = get_target_ids (self, FALSE)))
    return GDK_EVENT_STOP;
  dlg_contributions_page_flush (self);
  ok = dlg_coding_tag (get_store (self), dlg_theme_get_id (theme), ids, &outcome, &error);
  if (ok && outcome.operation_id == 0)
    ok = dlg_coding_untag (get_store (self), dlg_theme_get_id (theme), ids, &outcome, &error);
  report_outcome (self, ok, &outcome, error);
  refresh (self);
  return GDK_EVENT_STOP;
}

static void
edit_reasons_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlgContributionsPage *self = DLG_CONTRIBUTIONS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);

  if (get_store (self) == NULL)
    return;
  gtk_popover_popdown (self->moderate_popover);
  gtk_window_present (GTK_WINDOW (dlg_moderation_reasons_dialog_new (
    GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL, get_store (self))));
}

/* The standard reasons, after "Choose a standard reason". */
static void
fill_reasons (DlgContributionsPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  g_autoptr(GPtrArray) reasons = NULL;

  gtk_string_list_append (labels, _("Choose a standard reason"));
  if (get_store (self) != NULL
      && (reasons = dlg_moderation_reason_list (get_store (self), NULL)) != NULL)
    for (guint i = 0; i < reasons->len; i++)
      gtk_string_list_append (labels,
                              ((DlgModerationReason *) g_ptr_array_index (reasons, i))->label);
  gtk_drop_down_set_model (self->bulk_reason_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->bulk_reason_dropdown, 0);
}

static void
reason_chosen_cb (DlgContributionsPage *self)
{
  guint position = gtk_drop_down_get_selected (self->bulk_reason_dropdown);
  GtkStringObject *item;

  if (position == 0 || position == GTK_INVALID_LIST_POSITION)
    return;
  item = gtk_drop_down_get_selected_item (self->bulk_reason_dropdown);
  if (item != NULL)
    gtk_editable_set_text (GTK_EDITABLE (self->bulk_reason_entry),
                           gtk_string_object_get_string (item));
}

static void
reasons_changed_cb (DlgContributionsPage *self)
{
  fill_reasons (self);
}

static void
scope_changed_cb (DlgContributionsPage *self)
{
  update_actions (self);
}

static void
clear_list_box (GtkListBox *box)
{
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (box))) != NULL)
    gtk_list_box_remove (box, child);
}

/* The theme filter: the drop-down of the filters and the panel are one. */
static void
fill_theme_lists (DlgContributionsPage *self)
{
  g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
  GListModel *themes = dlg_theme_panel_get_themes (self->theme_panel);
  gint64 filter = dlg_theme_panel_get_filter (self->theme_panel);
  guint selected = 0;
  gint64 value;

  self->setting_theme = TRUE;
  g_array_set_size (self->theme_filters, 0);
  gtk_string_list_append (labels, _("All themes"));
  value = DLG_THEME_PANEL_ALL;
  g_array_append_val (self->theme_filters, value);
  gtk_string_list_append (labels, _("No theme yet"));
  value = DLG_CONTRIBUTION_LIST_NO_THEME;
  g_array_append_val (self->theme_filters, value);
  clear_list_box (self->tag_list);
  clear_list_box (self->untag_list);
  for (guint i = 0; themes != NULL && i < g_list_model_get_n_items (themes); i++)
    {
      g_autoptr(DlgTheme) theme = g_list_model_get_item (themes, i);
      g_autofree char *indent = g_strnfill (2 * dlg_theme_get_depth (theme), ' ');
      g_autofree char *label = g_strconcat (indent, dlg_theme_get_name (theme), NULL);
      g_autofree char *keyed = i < 9 ? g_strdup_printf ("%u  %s", i + 1, label)
                                     : g_strdup_printf ("    %s", label);
      GtkListBox *lists[] = { self->tag_list, self->untag_list };

      value = dlg_theme_get_id (theme);
      if (value == filter)
        selected = self->theme_filters->len;
      gtk_string_list_append (labels, label);
      g_array_append_val (self->theme_filters, value);
      for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
        {
          GtkWidget *row_label = gtk_label_new (keyed);   /* plain text */

          gtk_label_set_xalign (GTK_LABEL (row_label), 0);
          gtk_widget_set_margin_start (row_label, 6);
          gtk_widget_set_margin_end (row_label, 6);
          gtk_widget_set_margin_top (row_label, 4);
          gtk_widget_set_margin_bottom (row_label, 4);
          gtk_list_box_append (lists[l], row_label);
          g_object_set_data_full (G_OBJECT (gtk_widget_get_parent (row_label)), "theme-id",
                                  g_memdup2 (&value, sizeof value), g_free);
        }
    }
  gtk_drop_down_set_model (self->theme_dropdown, G_LIST_MODEL (labels));
  gtk_drop_down_set_selected (self->theme_dropdown,
                              filter == DLG_CONTRIBUTION_LIST_NO_THEME ? 1 : selected);
  self->setting_theme = FALSE;
  update_actions (self);
}

static void
theme_row_activated (DlgContributionsPage *self,
                     GtkListBoxRow        *row,
                     const char           *action)
{
  gint64 *id = g_object_get_data (G_OBJECT (row), "theme-id");

  gtk_popover_popdown (g_str_equal (action, "contributions.tag") ? self->tag_popover
                                                                  : self->untag_popover);
  if (id != NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), action, "x", *id);
}

static void
tag_row_activated_cb (DlgContributionsPage *self,
                      GtkListBoxRow        *row)
{
  theme_row_activated (self, row, "contributions.tag");
}

static void
untag_row_activated_cb (DlgContributionsPage *self,
                        GtkListBoxRow        *row)
{
  theme_row_activated (self, row, "contributions.untag");
}

static void
theme_filter_changed_cb (DlgContributionsPage *self)
{
  guint position = gtk_drop_down_get_selected (self->theme_dropdown);

  if (self->setting_theme || position >= self->theme_filters->len)
    return;
  /* The panel emits filter-changed, which filters the list. */
  dlg_theme_panel_set_filter (self->theme_panel,
                              g_array_index (self->theme_filters, gint64, position));
}

static void
panel_filter_changed_cb (DlgContributionsPage *self)
{
  gint64 filter = dlg_theme_panel_get_filter (self->theme_panel);

  self->setting_theme = TRUE;
  for (guint i = 0; i < self->theme_filters->len; i++)
    if (g_array_index (self->theme_filters, gint64, i) == filter)
      gtk_drop_down_set_selected (self->theme_dropdown, i);
  self->setting_theme = FALSE;
  filter_changed_cb (self);
}

static void
panel_operation_cb (DlgContributionsPage *self,
                    const char           *summary,
                    gint64                operation_id)
{
  show_toast (self, summary, operation_id);
}

static void
themes_changed_cb (DlgContributionsPage *self)
{
  fill_theme_lists (self);
}

/* Ctrl+Shift+P, D and W (publish, set aside, back to awaiting): the shown contribution
 * moderated as by the drop-down and Apply, with the reason typed, if any (issue 13). */
static void
moderate_shown_action (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  DlgContributionsPage *self = DLG_CONTRIBUTIONS_PAGE (widget);
  guint position = dlg_choice_index (&dlg_vocabulary_moderation,
                                     g_variant_get_string (parameter, NULL));

  if (self->current == NULL ||
      position >= dlg_vocabulary_get_n_entries (&dlg_vocabulary_moderation))
    return;
  gtk_drop_down_set_selected (self->moderate_dropdown, position);
  moderate_cb (self);
}

static void
dialog_added_cb (DlgContributionsPage *self,
                 gint64                contribution_id)
{
  refresh (self);
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DlgContributionsPage *self = DLG_CONTRIBUTIONS_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  DlgContributionDialog *dialog;

  if (self->context == NULL || self->process_id == 0)
    return;

  dialog = dlg_contribution_dialog_new (self->context, self->process_id);
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (dialog), GTK_WINDOW (root));
  g_signal_connect_object (dialog, "added", G_CALLBACK (dialog_added_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
focus_search_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  DlgContributionsPage *self = DLG_CONTRIBUTIONS_PAGE (widget);

  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
}

static void
set_dropdown_strings (GtkDropDown        *dropdown,
                      const char * const *labels,
                      guint               n_labels)
{
  g_autoptr(GtkStringList) strings = gtk_string_list_new (NULL);

  for (guint i = 0; i < n_labels; i++)
    gtk_string_list_append (strings, labels[i]);
  gtk_drop_down_set_model (dropdown, G_LIST_MODEL (strings));
}

static void
setup_dropdowns (DlgContributionsPage *self)
{
  const char *labels[16];
  const DlgFeatureInfo *catalogue;
  guint n_features = 0;
  guint n;

  n = dlg_vocabulary_get_n_entries (&dlg_vocabulary_channel);
  labels[0] = _("All channels");
  for (guint i = 0; i < n; i++)
    labels[i + 1] = dlg_vocabulary_find_label (&dlg_vocabulary_channel,
                                               dlg_vocabulary_get_id (&dlg_vocabulary_channel, i));
  set_dropdown_strings (self->channel_dropdown, labels, n + 1);

  catalogue = dlg_feature_catalogue (&n_features);
  n_features = MIN (n_features, G_N_ELEMENTS (labels) - 1);
  labels[0] = _("All features");
  for (guint i = 0; i < n_features; i++)
    labels[i + 1] = catalogue[i].label;
  set_dropdown_strings (self->feature_dropdown, labels, n_features + 1);

  n = dlg_vocabulary_get_n_entries (&dlg_vocabulary_moderation);
  labels[0] = _("All states");
  for (guint i = 0; i < n; i++)
    labels[i + 1] = dlg_vocabulary_find_label (&dlg_vocabulary_moderation,
                                               dlg_vocabulary_get_id (&dlg_vocabulary_moderation,
                                                                      i));
  set_dropdown_strings (self->moderation_dropdown, labels, n + 1);
  set_dropdown_strings (self->moderate_dropdown, labels + 1, n);
}

static void
dlg_contributions_page_unmap (GtkWidget *widget)
{
  dlg_contributions_page_flush (DLG_CONTRIBUTIONS_PAGE (widget));

  GTK_WIDGET_CLASS (dlg_contributions_page_parent_class)->unmap (widget);
}

static void
disconnect_store (DlgContributionsPage *self)
{
  if (self->context != NULL)
    {
      DlgStore *store = dlg_context_get_store (self->context);

      g_clear_signal_handler (&self->changed_id, store);
      g_clear_signal_handler (&self->theme_changed_id, store);
      g_clear_signal_handler (&self->reasons_changed_id, store);
    }
  self->changed_id = self->theme_changed_id = self->reasons_changed_id = 0;
}

static void
dlg_contributions_page_dispose (GObject *object)
{
  DlgContributionsPage *self = (DlgContributionsPage *)object;

  if (self->note_view != NULL)
    dlg_contributions_page_flush (self);
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_handle_id (&self->refresh_id, g_source_remove);
  disconnect_store (self);
  if (self->selection != NULL)
    gtk_multi_selection_set_model (self->selection, NULL);
  g_clear_pointer (&self->theme_filters, g_array_unref);
  g_clear_object (&self->current);
  g_clear_object (&self->list);
  g_clear_object (&self->context);

  G_OBJECT_CLASS (dlg_contributions_page_parent_class)->dispose (object);
}

static void
dlg_contributions_page_class_init (DlgContributionsPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_contributions_page_dispose;
  widget_class->unmap = dlg_contributions_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-contributions-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, channel_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, feature_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, moderation_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, site_missing_toggle);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, theme_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, theme_panel);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, action_bar);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, selection_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, matching_check);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, tag_list);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, untag_list);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, tag_popover);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, untag_popover);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, moderate_popover);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, bulk_state_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, bulk_reason_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, bulk_reason_entry);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, empty_status);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, highlighted_button);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, paned);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, list_stack);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, scrolled_window);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, column_view);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, selection);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, detail_stack);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, title_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, meta_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, body_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, location_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, themes_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, moderation_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, moderate_dropdown);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, reason_entry);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, moderate_button);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, highlight_check);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, publication_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, highlight_label);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, note_view);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, status_label);
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_child (widget_class, DlgContributionsPage, map);
  gtk_widget_class_bind_template_callback (widget_class, map_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, moderate_cb);
  gtk_widget_class_bind_template_callback (widget_class, highlight_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, theme_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, panel_filter_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, panel_operation_cb);
  gtk_widget_class_bind_template_callback (widget_class, themes_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, scope_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, reason_chosen_cb);
  gtk_widget_class_bind_template_callback (widget_class, tag_row_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, untag_row_activated_cb);

  gtk_widget_class_install_action (widget_class, "contributions.tag", "x", tag_action);
  gtk_widget_class_install_action (widget_class, "contributions.untag", "x", tag_action);
  gtk_widget_class_install_action (widget_class, "contributions.highlight", NULL,
                                   highlight_action);
  gtk_widget_class_install_action (widget_class, "contributions.moderate", NULL,
                                   moderate_action);
  gtk_widget_class_install_action (widget_class, "contributions.undo", "x", undo_action);
  gtk_widget_class_install_action (widget_class, "contributions.edit-reasons", NULL,
                                   edit_reasons_action);

  gtk_widget_class_install_action (widget_class, "contributions.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "contributions.search", NULL,
                                   focus_search_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK,
                                       "contributions.search", NULL);
  gtk_widget_class_install_action (widget_class, "contributions.moderate-shown", "s",
                                   moderate_shown_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contributions.moderate-shown", "s", "published");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_D, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contributions.moderate-shown", "s", "trashed");
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_W, GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "contributions.moderate-shown", "s", "pending");
}

static void
dlg_contributions_page_init (DlgContributionsPage *self)
{
  struct {
    const char        *title;
    DlgTextColumnFunc  func;
    gboolean           expand;
    int                width;
    DlgContributionSort sort;
  } columns[] = {
    /* The title comes right after the date: on a narrow window it is what stays in view. */
    { N_("Date"), cell_date, FALSE, 130, DLG_CONTRIBUTION_SORT_DATE },
    { N_("Title"), cell_title, TRUE, 240, DLG_CONTRIBUTION_SORT_TITLE },
    { N_("Moderation"), cell_moderation, FALSE, 160, DLG_CONTRIBUTION_SORT_MODERATION },
    { N_("Themes"), cell_themes, FALSE, 160, DLG_CONTRIBUTION_SORT_THEMES },
    { N_("Channel"), cell_channel, FALSE, 105, DLG_CONTRIBUTION_SORT_CHANNEL },
    { N_("Feature"), cell_feature, FALSE, 150, DLG_CONTRIBUTION_SORT_FEATURE },
    { N_("Author"), cell_author, FALSE, 120, DLG_CONTRIBUTION_SORT_AUTHOR },
    { N_("Supports"), cell_supports, FALSE, 80, DLG_CONTRIBUTION_SORT_SUPPORTS },
  };
  GtkEventController *focus;
  GtkEventController *keys;

  g_type_ensure (DLG_TYPE_THEME_PANEL);
  g_type_ensure (DLG_TYPE_CONTRIBUTIONS_MAP);
  self->theme_filters = g_array_new (FALSE, FALSE, sizeof (gint64));
  gtk_widget_init_template (GTK_WIDGET (self));
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->theme_dropdown)), FALSE);
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->action_bar));
       child != NULL; child = gtk_widget_get_next_sibling (child))
    gtk_widget_set_focusable (child, FALSE);
  /* Before the search entry's key capture, which would take the digits as a search. */
  keys = gtk_event_controller_key_new ();
  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect_object (keys, "key-pressed", G_CALLBACK (key_pressed_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->column_view), keys);
  /* The filter bar's flow box only lays the dropdowns out: its children take no focus of their
   * own (Tab goes from dropdown to dropdown). */
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->channel_dropdown)), FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->feature_dropdown)), FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->moderation_dropdown)),
                            FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->site_missing_toggle)),
                            FALSE);
  gtk_widget_set_focusable (gtk_widget_get_parent (GTK_WIDGET (self->highlighted_button)),
                            FALSE);

  for (guint i = 0; i < G_N_ELEMENTS (columns); i++)
    {
      g_autoptr(GtkColumnViewColumn) column =
        dlg_text_column_new (_(columns[i].title), columns[i].func, columns[i].expand,
                             columns[i].width);

      g_autoptr(GtkSorter) sorter = dlg_column_sorter_new (columns[i].sort);

      /* Sorted in SQL by the list, never by a GtkSortListModel over its 100,000 rows */
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_append_column (self->column_view, column);
      if (i == 0)
        gtk_column_view_sort_by_column (self->column_view, column, GTK_SORT_DESCENDING);
    }
  g_signal_connect_object (gtk_column_view_get_sorter (self->column_view), "changed",
                           G_CALLBACK (sort_changed_cb), self, G_CONNECT_SWAPPED);

  setup_dropdowns (self);
  gtk_search_entry_set_key_capture_widget (self->search_entry, GTK_WIDGET (self->column_view));

  g_signal_connect_object (gtk_text_view_get_buffer (self->note_view), "changed",
                           G_CALLBACK (note_changed_cb), self, G_CONNECT_SWAPPED);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect_object (focus, "leave", G_CALLBACK (note_focus_leave_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_widget_add_controller (GTK_WIDGET (self->note_view), focus);

  gtk_paned_set_position (self->paned, 1050);
  {
    const char *labels[8];
    guint n = dlg_vocabulary_get_n_entries (&dlg_vocabulary_moderation);

    for (guint i = 0; i < n && i < G_N_ELEMENTS (labels); i++)
      labels[i] = dlg_vocabulary_find_label (&dlg_vocabulary_moderation,
                                             dlg_vocabulary_get_id (&dlg_vocabulary_moderation,
                                                                    i));
    set_dropdown_strings (self->bulk_state_dropdown, labels, MIN (n, G_N_ELEMENTS (labels)));
  }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contributions.add", FALSE);
}

GtkWidget *
dlg_contributions_page_new (void)
{
  return g_object_new (DLG_TYPE_CONTRIBUTIONS_PAGE, NULL);
}

/**
 * dlg_contributions_page_set_process:
 * @context: (nullable): the application's context
 * @process_id: the process whose contributions to show, or 0 to clear the page
 *
 * Saves the note being typed for the previous process first. Search and filters are kept.
 */
void
dlg_contributions_page_set_process (DlgContributionsPage *self,
                                    DlgContext           *context,
                                    gint64                process_id)
{
  g_return_if_fail (DLG_IS_CONTRIBUTIONS_PAGE (self));
  g_return_if_fail (context == NULL || DLG_IS_CONTEXT (context));

  dlg_contributions_page_flush (self);
  g_clear_handle_id (&self->refresh_id, g_source_remove);

  if (context != self->context)
    {
      disconnect_store (self);
      g_set_object (&self->context, context);
      dlg_contributions_map_set_context (self->map, context);
      if (context != NULL)
        {
          DlgStore *store = dlg_context_get_store (context);

          self->changed_id = g_signal_connect_object (store, "changed::DlgContribution",
                                                      G_CALLBACK (store_changed_cb), self,
                                                      G_CONNECT_SWAPPED);
          /* Tags move rows in and out of a theme filter. */
          self->theme_changed_id = g_signal_connect_object (store, "changed::DlgTheme",
                                                            G_CALLBACK (store_changed_cb), self,
                                                            G_CONNECT_SWAPPED);
          self->reasons_changed_id = g_signal_connect_object (store,
                                                              "changed::DlgModerationReason",
                                                              G_CALLBACK (reasons_changed_cb),
                                                              self, G_CONNECT_SWAPPED);
        }
    }
  self->process_id = context != NULL ? process_id : 0;

  gtk_multi_selection_set_model (self->selection, NULL);
  g_clear_object (&self->list);
  g_clear_object (&self->current);
  load_detail (self);
  dlg_theme_panel_set_process (self->theme_panel, context, self->process_id);
  fill_theme_lists (self);
  fill_reasons (self);
  gtk_check_button_set_active (self->matching_check, FALSE);

  if (self->process_id != 0)
    {
      self->list = dlg_contribution_list_new (dlg_context_get_store (context), self->process_id);
      dlg_contribution_list_set_search (self->list,
                                        gtk_editable_get_text (GTK_EDITABLE (self->search_entry)));
      filter_changed_cb (self);
      sort_changed_cb (self);
    }
  attach_list (self);
  gtk_stack_set_visible_child_name (self->stack,
                                    self->process_id != 0 ? "process" : "no-process");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "contributions.add", self->process_id != 0);
}

/**
 * dlg_contributions_page_get_model:
 *
 * Returns: (transfer none) (nullable): the lazy list shown, a #DlgContributionList
 */
GListModel *
dlg_contributions_page_get_model (DlgContributionsPage *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTIONS_PAGE (self), NULL);

  return self->list != NULL ? G_LIST_MODEL (self->list) : NULL;
}

/**
 * dlg_contributions_page_get_selected:
 *
 * Returns: (transfer none) (nullable): the contribution in the detail pane
 */
DlgContribution *
dlg_contributions_page_get_selected (DlgContributionsPage *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTIONS_PAGE (self), NULL);

  return self->current;
}

/**
 * dlg_contributions_page_select:
 * @position: a row of the list, or %GTK_INVALID_LIST_POSITION to select nothing
 */
void
dlg_contributions_page_select (DlgContributionsPage *self,
                               guint                 position)
{
  g_return_if_fail (DLG_IS_CONTRIBUTIONS_PAGE (self));

  if (position == GTK_INVALID_LIST_POSITION)
    gtk_selection_model_unselect_all (GTK_SELECTION_MODEL (self->selection));
  else
    gtk_selection_model_select_item (GTK_SELECTION_MODEL (self->selection), position, TRUE);
}

/**
 * dlg_contributions_page_get_map:
 *
 * Returns: (transfer none): the map of the located contributions (shown with "Map")
 */
DlgContributionsMap *
dlg_contributions_page_get_map (DlgContributionsPage *self)
{
  g_return_val_if_fail (DLG_IS_CONTRIBUTIONS_PAGE (self), NULL);

  return self->map;
}
