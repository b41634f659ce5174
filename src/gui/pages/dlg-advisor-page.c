/* dlg-advisor-page.c — the feature advisor: which contributory features a process needs
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * For a project team, upstream: the process's policy-cycle position (editable, its meaning
 * shown under it), its target publics and calendar (the specification's fields), and for each
 * of the seven features what it is for, its rules of the game, what it demands from the team
 * and what it produced in the other processes of this database (dlg-advisor.c). The team ticks
 * the features, says why and how many contributions it expects; "Record the Choice…" asks for
 * a confirmation that names what the mandate will switch on and off, then records it
 * (dlg_advisor_choose: journaled, refused when the mandate is closed). "Compare the
 * Processes…" writes the CSV comparison. Seven rows: a list box, not a list view.
 */

#define G_LOG_DOMAIN "dlg-advisor-page"

#include "config.h"

#include <string.h>

#include <glib/gi18n.h>

#include "dlg-advisor-page.h"
#include "dlg-reload-helper.h"
#include "dlg-view-util.h"

struct _DlgAdvisorPage
{
  AdwBin                parent_instance;

  DlgContext           *context;
  gint64                process_id;
  DlgReloadHelper       reload;
  GtkFileChooserNative *chooser;
  GtkCheckButton       *checks[DLG_N_FEATURES];
  gboolean              loading;
  /* The brief the rows and the why were last filled from ("" for none yet, NULL before the
   * first load): a reload for another change keeps what the team has ticked and typed. */
  char                 *shown_chosen_at;

  GtkStack             *stack;
  AdwComboRow          *cycle_row;
  AdwActionRow         *meaning_row;
  AdwActionRow         *publics_row;
  AdwActionRow         *calendar_row;
  GtkListBox           *features_list;
  AdwEntryRow          *why_row;
  GtkSpinButton        *volume_spin;
  GtkLabel             *status_label;
};

G_DEFINE_FINAL_TYPE (DlgAdvisorPage, dlg_advisor_page, ADW_TYPE_BIN)

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

static DlgStore *
get_store (DlgAdvisorPage *self)
{
  return self->context != NULL ? dlg_context_get_store (self->context) : NULL;
}

#define show_status(self, text, is_error) \
  dlg_status_label_set ((self)->status_label, (text), (is_error))

/* ---------------------------------------------------------------- rows */

static char *
figures_text (const DlgAdvisorFigures *figures)
{
  g_autofree char *offline = NULL;
  g_autofree char *linked = NULL;
  g_autofree char *retained = NULL;

  if (figures->n_processes == 0)
    return g_strdup (_("Not used in the other processes of this database yet."));
  offline = dlg_advisor_format_share (figures->offline, figures->contributions);
  linked = dlg_advisor_format_share (figures->linked, figures->contributions);
  retained = dlg_advisor_format_share (figures->retained, figures->recommendations);
  return g_strdup_printf (g_dngettext (NULL,
                                       "In %u other process: %u contributions from %u "
                                       "contributors; %s not online; %s linked to a "
                                       "recommendation; %s of its %u recommendations retained.",
                                       "In %u other processes: %u contributions from %u "
                                       "contributors; %s not online; %s linked to a "
                                       "recommendation; %s of their %u recommendations "
                                       "retained.", figures->n_processes),
                          figures->n_processes, figures->contributions, figures->contributors,
                          offline, linked, retained, figures->recommendations);
}

static void
add_detail (AdwExpanderRow *row,
            const char     *title,
            const char     *text)
{
  GtkWidget *detail = adw_action_row_new ();

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (detail), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (detail), title);
  adw_action_row_set_subtitle (ADW_ACTION_ROW (detail), text);
  adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (detail), 0);
  adw_expander_row_add_row (row, detail);
}

static GtkWidget *
make_feature_row (DlgAdvisorPage          *self,
                  guint                    index,
                  const DlgFeatureInfo    *info,
                  const DlgAdvisorFigures *figures,
                  gboolean                 suits,
                  gboolean                 enabled,
                  gboolean                 chosen)
{
  const DlgAdvisorGuidance *guidance = dlg_advisor_guidance (info->id);
  GtkWidget *row = adw_expander_row_new ();
  GtkWidget *check = gtk_check_button_new ();
  g_autofree char *figures_line = figures_text (figures);
  g_autofree char *moderation = NULL;
  g_autofree char *analysis = NULL;
  g_autoptr(GString) subtitle = g_string_new (NULL);

  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), info->label);
  g_string_append (subtitle, suits ? _("Suits this position in the policy cycle")
                                   : _("Seldom used at this position"));
  if (enabled)
    g_string_append_printf (subtitle, " · %s", _("switched on in the mandate"));
  adw_expander_row_set_subtitle (ADW_EXPANDER_ROW (row), subtitle->str);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (check), chosen);
  gtk_widget_set_valign (check, GTK_ALIGN_CENTER);
  gtk_accessible_update_property (GTK_ACCESSIBLE (check), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  info->label, -1);
  adw_expander_row_add_prefix (ADW_EXPANDER_ROW (row), check);
  self->checks[index] = GTK_CHECK_BUTTON (check);

  moderation = g_strdup_printf ("%s — %s", dlg_advisor_load_get_label (guidance->moderation),
                                guidance->moderation_text);
  analysis = g_strdup_printf ("%s — %s", dlg_advisor_load_get_label (guidance->analysis),
                              guidance->analysis_text);
  add_detail (ADW_EXPANDER_ROW (row), _("What it is for"), guidance->purpose);
  add_detail (ADW_EXPANDER_ROW (row), _("Rules of the game"), info->default_rules);
  add_detail (ADW_EXPANDER_ROW (row), _("Moderation load"), moderation);
  add_detail (ADW_EXPANDER_ROW (row), _("Analysis time"), analysis);
  add_detail (ADW_EXPANDER_ROW (row), _("What it produced"), figures_line);
  g_object_set_data (G_OBJECT (row), "dlg-feature", (gpointer) info->id);
  return row;
}

static void
reload (DlgAdvisorPage *self)
{
  DlgStore *store = get_store (self);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GArray) totals = NULL;
  g_autoptr(GListModel) features = NULL;
  g_autoptr(DlgAdvisorBrief) brief = NULL;
  g_autofree char *publics = NULL;
  g_autofree char *calendar = NULL;
  const DlgFeatureInfo *catalogue = dlg_feature_catalogue (NULL);
  const char *cycle;
  gboolean ticked[DLG_N_FEATURES];
  gboolean keep = FALSE;

  for (guint i = 0; i < DLG_N_FEATURES; i++)
    ticked[i] = self->checks[i] != NULL && gtk_check_button_get_active (self->checks[i]);
  dlg_list_box_remove_all (self->features_list);
  memset (self->checks, 0, sizeof self->checks);
  if (store == NULL || self->process_id == 0)
    return;
  if (!(process = dlg_process_load (store, self->process_id, &error))
      || !(totals = dlg_advisor_figures_totals (store, self->process_id, &error))
      || !(features = dlg_feature_list (store, self->process_id, &error))
      || !(brief = dlg_advisor_brief_load (store, self->process_id, &error))
      || !(publics = dlg_process_get_field (store, self->process_id, DLG_FIELD_SPEC_PUBLICS,
                                            &error))
      || !(calendar = dlg_process_get_field (store, self->process_id, DLG_FIELD_SPEC_CALENDAR,
                                             &error)))
    {
      show_status (self, error->message, TRUE);
      return;
    }
  cycle = dlg_process_get_policy_cycle (process);
  keep = self->shown_chosen_at != NULL
         && g_strcmp0 (self->shown_chosen_at, brief->chosen_at != NULL ? brief->chosen_at : "")
            == 0;
  self->loading = TRUE;
  adw_combo_row_set_selected (self->cycle_row,
                              MAX (0, dlg_vocabulary_index (&dlg_vocabulary_policy_cycle, cycle)));
  adw_action_row_set_subtitle (self->meaning_row, dlg_policy_cycle_get_meaning (cycle));
  adw_action_row_set_subtitle (self->publics_row,
                               *publics != '\0' ? publics
                                                : _("Not written yet (specification stage)"));
  adw_action_row_set_subtitle (self->calendar_row,
                               *calendar != '\0' ? calendar
                                                 : _("Not written yet (specification stage)"));
  for (guint i = 0; i < DLG_N_FEATURES; i++)
    {
      g_autoptr(DlgFeature) feature = g_list_model_get_item (features, i);
      gboolean enabled = dlg_feature_get_enabled (feature);
      /* The team's last choice, or what the mandate has switched on when it has not chosen. */
      gboolean chosen = keep ? ticked[i]
                        : brief->chosen_at != NULL
                        ? g_strv_contains ((const char * const *) brief->features,
                                           catalogue[i].id)
                        : enabled;

      gtk_list_box_append (self->features_list,
                           make_feature_row (self, i, &catalogue[i],
                                             &g_array_index (totals, DlgAdvisorFigures, i),
                                             dlg_feature_info_suits (&catalogue[i], cycle),
                                             enabled, chosen));
    }
  if (brief->chosen_at != NULL && !keep)
    {
      g_autofree char *date = dlg_format_date (brief->chosen_at);
      g_autofree char *text = g_strdup_printf (_("Choice recorded on %s."), date);

      gtk_editable_set_text (GTK_EDITABLE (self->why_row), brief->why);
      gtk_spin_button_set_value (self->volume_spin, MAX (0, brief->expected_volume));
      show_status (self, text, FALSE);
    }
  g_free (self->shown_chosen_at);
  self->shown_chosen_at = g_strdup (brief->chosen_at != NULL ? brief->chosen_at : "");
  self->loading = FALSE;
}

static void
reload_cb (gpointer owner)
{
  reload (DLG_ADVISOR_PAGE (owner));
}

static void
store_changed_cb (DlgAdvisorPage *self,
                  GType           type,
                  gint64          process_id,
                  DlgStore       *store)
{
  if (type == DLG_TYPE_ADVISOR_BRIEF || type == DLG_TYPE_FEATURE || type == DLG_TYPE_PROCESS
      || type == DLG_TYPE_PROCESS_FIELD || type == DLG_TYPE_CONTRIBUTION
      || type == DLG_TYPE_POSITION || type == DLG_TYPE_RECOMMENDATION_SOURCE)
    dlg_reload_helper_queue (&self->reload, reload_cb, self);
}

static void
cycle_selected_cb (DlgAdvisorPage *self)
{
  guint selected = adw_combo_row_get_selected (self->cycle_row);
  g_autoptr(GError) error = NULL;

  if (self->loading || get_store (self) == NULL || self->process_id == 0
      || selected == GTK_INVALID_LIST_POSITION)
    return;
  if (!dlg_process_set_policy_cycle (get_store (self), self->process_id,
                                     dlg_vocabulary_get_id (&dlg_vocabulary_policy_cycle,
                                                            selected), &error))
    {
      show_status (self, error->message, TRUE);
      dlg_reload_helper_queue (&self->reload, reload_cb, self);
    }
}

/* ---------------------------------------------------------------- the choice */

static GStrv
checked_features (DlgAdvisorPage *self)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const DlgFeatureInfo *catalogue = dlg_feature_catalogue (NULL);

  for (guint i = 0; i < DLG_N_FEATURES; i++)
    if (self->checks[i] != NULL && gtk_check_button_get_active (self->checks[i]))
      g_strv_builder_add (builder, catalogue[i].id);
  return g_strv_builder_end (builder);
}

static void
choose_response_cb (DlgAdvisorPage   *self,
                    const char       *response,
                    AdwMessageDialog *dialog)
{
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "record") != 0)
    return;
  if (!dlg_advisor_page_record_choice (self, &error))
    show_status (self, error->message, TRUE);
}

static void
choose_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgAdvisorPage *self = DLG_ADVISOR_PAGE (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_auto(GStrv) chosen = checked_features (self);
  g_autoptr(GString) on = g_string_new (NULL);
  g_autofree char *body = NULL;
  AdwMessageDialog *dialog;

  if (get_store (self) == NULL || self->process_id == 0)
    return;
  for (guint i = 0; chosen[i] != NULL; i++)
    g_string_append_printf (on, "%s%s", i > 0 ? _(", ") : "",
                            dlg_feature_info_lookup (chosen[i])->label);
  body = g_strdup_printf (_("The mandate will have these features switched on, and the others "
                            "off: %s. The choice and why are recorded in the journal."),
                          on->len > 0 ? on->str : _("none"));
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Record the Team’s Choice?"), NULL));
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "record", _("_Record"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "record", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "record");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (choose_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------- export */

static void
chooser_response_cb (DlgAdvisorPage       *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL && (path = g_file_get_path (file)) != NULL)
    {
      if (dlg_advisor_compare_export (get_store (self), path, &error))
        {
          g_autofree char *name = g_file_get_basename (file);
          g_autofree char *text = g_strdup_printf (_("The comparison was exported to “%s”."),
                                                   name);

          show_status (self, text, FALSE);
        }
      else
        show_status (self, error->message, TRUE);
    }
  g_clear_object (&self->chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgAdvisorPage *self = DLG_ADVISOR_PAGE (widget);
  g_autofree char *name = NULL;

  if (get_store (self) == NULL)
    return;
  /* Translators: the file name of the comparison across processes; keep it short. */
  name = g_strdup_printf ("%s.csv", _("feature-comparison"));
  g_clear_object (&self->chooser);
  self->chooser = dlg_save_chooser_new (widget, _("Compare the Processes"), name,
                                        G_CALLBACK (chooser_response_cb), self);
}

/* ---------------------------------------------------------------- GObject */

static void
dlg_advisor_page_dispose (GObject *object)
{
  DlgAdvisorPage *self = DLG_ADVISOR_PAGE (object);

  dlg_reload_helper_unwatch (&self->reload);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  g_clear_object (&self->context);
  g_clear_pointer (&self->shown_chosen_at, g_free);

  G_OBJECT_CLASS (dlg_advisor_page_parent_class)->dispose (object);
}

static void
dlg_advisor_page_class_init (DlgAdvisorPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_advisor_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-advisor-page.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgAdvisorPage, stack);
  gtk_widget_class_bind_template_child (widget_class, DlgAdvisorPage, cycle_row);
  gtk_widget_class_bind_template_child (widget_class, DlgAdvisorPage, meaning_row);
  gtk_widget_class_bind_template_child (widget_class, DlgAdvisorPage, publics_row);
  gtk_widget_class_bind_template_child (widget_class, DlgAdvisorPage, calendar_row);
  gtk_widget_class_bind_template_child (widget_class, DlgAdvisorPage, features_list);
  gtk_widget_class_bind_template_child (widget_class, DlgAdvisorPage, why_row);
  gtk_widget_class_bind_template_child (widget_class, DlgAdvisorPage, volume_spin);
  gtk_widget_class_bind_template_child (widget_class, DlgAdvisorPage, status_label);

  gtk_widget_class_install_action (widget_class, "advisor.choose", NULL, choose_action);
  gtk_widget_class_install_action (widget_class, "advisor.export", NULL, export_action);
}

static void
dlg_advisor_page_init (DlgAdvisorPage *self)
{
  g_auto(GStrv) labels = dlg_vocabulary_dup_labels (&dlg_vocabulary_policy_cycle);
  g_autoptr(GtkStringList) cycles = gtk_string_list_new ((const char * const *) labels);

  gtk_widget_init_template (GTK_WIDGET (self));
  adw_combo_row_set_model (self->cycle_row, G_LIST_MODEL (cycles));
  g_signal_connect_object (self->cycle_row, "notify::selected", G_CALLBACK (cycle_selected_cb),
                           self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "advisor.choose", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "advisor.export", FALSE);
}

/* ---------------------------------------------------------------- public API */

GtkWidget *
dlg_advisor_page_new (void)
{
  return g_object_new (DLG_TYPE_ADVISOR_PAGE, NULL);
}

/**
 * dlg_advisor_page_set_process:
 * @context: (nullable): the application's context
 * @process_id: the process to advise, or 0 to clear the page
 */
void
dlg_advisor_page_set_process (DlgAdvisorPage *self,
                              DlgContext     *context,
                              gint64          process_id)
{
  g_return_if_fail (DLG_IS_ADVISOR_PAGE (self));
  g_return_if_fail (context == NULL || DLG_IS_CONTEXT (context));

  dlg_reload_helper_follow (&self->reload, (gpointer *) &self->context, context,
                            G_CALLBACK (store_changed_cb), self);
  self->process_id = context != NULL ? process_id : 0;
  gtk_stack_set_visible_child_name (self->stack,
                                    self->process_id != 0 ? "process" : "no-process");
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "advisor.choose", self->process_id != 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "advisor.export", self->process_id != 0);
  gtk_editable_set_text (GTK_EDITABLE (self->why_row), "");
  gtk_spin_button_set_value (self->volume_spin, 0);
  g_clear_pointer (&self->shown_chosen_at, g_free);
  memset (self->checks, 0, sizeof self->checks);
  show_status (self, NULL, FALSE);
  reload (self);
}

void
dlg_advisor_page_reload (DlgAdvisorPage *self)
{
  g_return_if_fail (DLG_IS_ADVISOR_PAGE (self));

  dlg_reload_helper_cancel (&self->reload);
  reload (self);
}

/* The check of @feature's row (for tests and keyboard-free scripting). */
GtkCheckButton *
dlg_advisor_page_get_check (DlgAdvisorPage *self,
                            const char     *feature)
{
  int index = dlg_vocabulary_index (&dlg_vocabulary_feature, feature);

  g_return_val_if_fail (DLG_IS_ADVISOR_PAGE (self), NULL);
  return index >= 0 ? self->checks[index] : NULL;
}

AdwComboRow *
dlg_advisor_page_get_cycle_row (DlgAdvisorPage *self)
{
  g_return_val_if_fail (DLG_IS_ADVISOR_PAGE (self), NULL);
  return self->cycle_row;
}

AdwEntryRow *
dlg_advisor_page_get_why_row (DlgAdvisorPage *self)
{
  g_return_val_if_fail (DLG_IS_ADVISOR_PAGE (self), NULL);
  return self->why_row;
}

/**
 * dlg_advisor_page_record_choice:
 *
 * What "Record the Choice…" does once confirmed: the ticked features, the why and the
 * expected volume as the page shows them.
 */
gboolean
dlg_advisor_page_record_choice (DlgAdvisorPage  *self,
                                GError         **error)
{
  g_auto(GStrv) chosen = NULL;
  int volume;

  g_return_val_if_fail (DLG_IS_ADVISOR_PAGE (self), FALSE);
  g_return_val_if_fail (get_store (self) != NULL, FALSE);

  chosen = checked_features (self);
  volume = gtk_spin_button_get_value_as_int (self->volume_spin);
  if (!dlg_advisor_choose (get_store (self), self->process_id, (const char * const *) chosen,
                           gtk_editable_get_text (GTK_EDITABLE (self->why_row)),
                           volume > 0 ? volume : -1, error))
    return FALSE;
  dlg_advisor_page_reload (self);
  return TRUE;
}

AdwActionRow *
dlg_advisor_page_get_meaning_row (DlgAdvisorPage *self)
{
  g_return_val_if_fail (DLG_IS_ADVISOR_PAGE (self), NULL);
  return self->meaning_row;
}
