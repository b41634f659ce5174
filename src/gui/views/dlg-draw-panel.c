/* dlg-draw-panel.c — the random draw of the panel, its result, invitations and replacements
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The officer sets the panel size, the algorithm (leximin by default), the seed (random, shown
 * and editable so that a draw can be replayed) and whether households count, then runs the draw
 * in a worker thread (dlg_draw_run_async) with a progress bar and a Cancel button; the window
 * stays responsive, and disposing of the panel cancels the draw. When the quotas cannot be met
 * the engine's smallest relaxation is listed, with a button that applies it to the quotas. A
 * result shows its summary, the chart of every volunteer's probability, the panel and the
 * ranked reserve list; it is saved (with a confirmation when a panel was drawn before) and can
 * be published as JSON. Below, the invitations of the saved panel: each member's status, and
 * "Replace" for one who declined, which proposes the first reserve keeping every quota. The
 * invitation list names each member with their email and phone (the officer sends the
 * invitations), and exports them as CSV for a mail merge; the export is journaled.
 */

#define G_LOG_DOMAIN "dlg-draw-panel"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-accessible.h"
#include "dlg-draw-panel.h"
#include "dlg-probability-chart.h"
#include "dlg-view-util.h"

struct _DlgDrawPanel
{
  GtkWidget       parent_instance;

  DlgContext     *context;
  gint64          process_id;
  gulong          changed_id;
  guint           reload_id;

  GtkWidget      *box;          /* the template's child, for dispose_template */
  GtkSpinButton  *size;
  AdwComboRow    *algorithm;
  GtkSpinButton  *seed;
  GtkWidget      *households_row;
  GtkSwitch      *households;
  GtkWidget      *run_button;
  GtkWidget      *cancel_button;
  GtkProgressBar *progress;
  GtkLabel       *message;
  GtkWidget      *relaxation_box;
  GtkListBox     *relaxation_list;
  GtkWidget      *result_box;
  GtkLabel       *summary;
  GtkWidget      *chart;
  GtkListBox     *panel_list;
  GtkListBox     *reserve_list;
  GtkLabel       *replay_note;
  GtkListBox     *invitation_list;
  GtkLabel       *invitation_message;
  GtkWidget      *saved_box;
  GtkLabel       *saved_summary;
  GtkWidget      *saved_chart;
  char           *saved_inputs_json;

  GCancellable   *cancellable;
  DlgDrawInput   *input;        /* of the running or last draw */
  DlgDrawResult  *result;
  GPtrArray      *relaxation;   /* DlgDrawRelaxation, or NULL */
  GHashTable     *participants; /* id (gint64 *) → DlgParticipant */
  DlgProfile     *profile;      /* the process's vocabulary, for labels */
  GtkFileChooserNative *chooser;
  GtkFileChooserNative *contacts_chooser;
};

G_DEFINE_FINAL_TYPE (DlgDrawPanel, dlg_draw_panel, GTK_TYPE_WIDGET)

static void show_saved (DlgDrawPanel *self);

static const DlgDrawAlgorithm algorithms[] = {
  DLG_DRAW_ALGORITHM_LEXIMIN, DLG_DRAW_ALGORITHM_MAXIMIN, DLG_DRAW_ALGORITHM_LEGACY,
};


/* ---------------------------------------------------------------- helpers */

static DlgStore *
get_store (DlgDrawPanel *self)
{
  return dlg_context_get_store (self->context);
}

/* The quota profile of a registration, as one line of plain text, in the vocabulary's labels. */
static char *
profile_text (DlgDrawPanel   *self,
              DlgParticipant *p)
{
  static const char *const categories[] = {
    "gender", "age_band", "commune", "quartier", "occupation",
  };
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < G_N_ELEMENTS (categories); i++)
    {
      const char *value = dlg_profile_participant_value (p, categories[i]);
      const char *label = dlg_profile_get_value_label (self->profile, categories[i], value);

      if (value == NULL || *value == '\0')
        continue;
      g_ptr_array_add (parts, g_strdup (label != NULL ? label : value));
    }
  if (dlg_participant_get_prior_participation (p))
    g_ptr_array_add (parts, g_strdup (_("took part before")));
  if (parts->len == 0)
    return g_strdup (_("(no profile)"));
  g_ptr_array_add (parts, NULL);
  /* Labels may hold commas ("Artisan·e, commerçant·e"): a dot separates them. */
  return g_strjoinv (" · ", (char **) parts->pdata);
}

static GtkWidget *
text_row (const char *title,
          const char *subtitle)
{
  GtkWidget *row = adw_action_row_new ();

  /* Profiles are user text: never markup. */
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
  if (subtitle != NULL)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
  return row;
}

static void
show_message (DlgDrawPanel *self,
              const char   *text,
              gboolean      error)
{
  gtk_label_set_text (self->message, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message), text != NULL && *text != '\0');
  if (error)
    gtk_widget_add_css_class (GTK_WIDGET (self->message), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (self->message), "error");
}

static void
set_running (DlgDrawPanel *self,
             gboolean      running)
{
  gtk_widget_set_visible (self->run_button, !running);
  gtk_widget_set_visible (self->cancel_button, running);
  gtk_widget_set_visible (GTK_WIDGET (self->progress), running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->size), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->algorithm), !running);
  gtk_widget_set_sensitive (GTK_WIDGET (self->seed), !running);
  gtk_widget_set_sensitive (self->households_row, !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.run", !running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.cancel", running);
}

static void
new_seed (DlgDrawPanel *self)
{
  /* 1 … 999 999 999: easy to read out and to type back. */
  gtk_spin_button_set_value (self->seed, g_random_int_range (1, 1000000000));
}

/* ---------------------------------------------------------------- participants */

static void
load_participants (DlgDrawPanel *self)
{
  g_autoptr(GListModel) all = NULL;

  g_hash_table_remove_all (self->participants);
  g_clear_pointer (&self->profile, dlg_profile_free);
  if (self->context == NULL || self->process_id == 0)
    return;
  self->profile = dlg_profile_load (get_store (self), self->process_id, NULL);
  all = dlg_participant_list (get_store (self), self->process_id, NULL);
  if (all == NULL)
    return;
  for (guint i = 0; i < g_list_model_get_n_items (all); i++)
    {
      DlgParticipant *p = g_list_model_get_item (all, i);
      gint64 *key = g_new (gint64, 1);

      *key = dlg_participant_get_id (p);
      g_hash_table_insert (self->participants, key, p);
    }
}

static DlgParticipant *
lookup_participant (DlgDrawPanel *self,
                    const char   *id)
{
  gint64 key = g_ascii_strtoll (id, NULL, 10);

  return g_hash_table_lookup (self->participants, &key);
}

/* ---------------------------------------------------------------- result */

static void
fill_people_list (DlgDrawPanel *self,
                  GtkListBox   *list,
                  char        **ids,
                  gboolean      ranked)
{
  dlg_list_box_remove_all (list);
  for (guint i = 0; ids != NULL && ids[i] != NULL; i++)
    {
      DlgParticipant *p = lookup_participant (self, ids[i]);
      g_autofree char *title = NULL;
      g_autofree char *profile = p != NULL ? profile_text (self, p)
                                            : g_strdup (_("(a registration since deleted)"));

      /* Translators: a place in the drawn panel or the reserve list, then a profile. */
      title = g_strdup_printf (ranked ? _("Reserve %u: %s") : _("%u. %s"), i + 1, profile);
      gtk_list_box_append (list, text_row (title, NULL));
    }
  if (ids == NULL || ids[0] == NULL)
    gtk_list_box_append (list, dlg_placeholder_row_new (_("No one.")));
}

static void
show_result (DlgDrawPanel *self)
{
  DlgDrawResult *result = self->result;
  g_auto(GStrv) panel = NULL;
  g_auto(GStrv) reserve = NULL;
  g_autofree char *summary = NULL;
  g_autofree char *note = NULL;
  g_autofree double *probabilities = NULL;
  guint n_people, n_panel;
  const char *algorithm;

  gtk_widget_set_visible (self->result_box, result != NULL);
  if (result == NULL)
    {
      dlg_probability_chart_set_probabilities (DLG_PROBABILITY_CHART (self->chart), NULL, 0, 0);
      return;
    }

  n_people = dlg_draw_result_get_n_people (result);
  dlg_draw_result_get_panel (result, &n_panel);
  probabilities = g_new (double, MAX (1, n_people));
  for (guint i = 0; i < n_people; i++)
    probabilities[i] = dlg_draw_result_get_probability (result, i);
  dlg_probability_chart_set_probabilities (DLG_PROBABILITY_CHART (self->chart), probabilities,
                                           n_people, n_panel);

  algorithm = dlg_draw_algorithm_to_string (dlg_draw_result_get_algorithm (result));
  summary = g_strdup_printf (_("Panel of %u drawn among %u volunteers with the %s algorithm, "
                               "seed %u. Selection probability from %.1f %% to %.1f %%. "
                               "Computed in %.2f s."),
                             n_panel, n_people, algorithm, dlg_draw_result_get_seed (result),
                             100.0 * dlg_draw_result_get_min_probability (result),
                             100.0 * dlg_draw_result_get_max_probability (result),
                             dlg_draw_result_get_duration_ms (result) / 1000.0);
  gtk_label_set_text (self->summary, summary);

  panel = dlg_draw_result_dup_panel_ids (result);
  reserve = dlg_draw_result_dup_reserve_ids (result);
  fill_people_list (self, self->panel_list, panel, FALSE);
  fill_people_list (self, self->reserve_list, reserve, TRUE);

  note = g_strdup_printf (_("Anyone can replay this draw from its published inputs: "
                            "dialogue-cli draw --features quotas.csv --people people.csv "
                            "--size %u --algorithm %s --seed %u gives the same panel."),
                          n_panel, algorithm, dlg_draw_result_get_seed (result));
  gtk_label_set_text (self->replay_note, note);
}

/* ---------------------------------------------------------------- relaxation */

static void
show_relaxation (DlgDrawPanel *self)
{
  dlg_list_box_remove_all (self->relaxation_list);
  gtk_widget_set_visible (self->relaxation_box, self->relaxation != NULL);
  if (self->relaxation == NULL)
    return;
  for (guint i = 0; i < self->relaxation->len; i++)
    {
      DlgDrawRelaxation *r = g_ptr_array_index (self->relaxation, i);

      gtk_list_box_append (self->relaxation_list, text_row (r->description, NULL));
    }
}

static void
relaxation_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *relaxation = dlg_draw_propose_relaxation (task_data, cancellable, &error);

  if (relaxation == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, relaxation, (GDestroyNotify) g_ptr_array_unref);
}

/* The engine speaks in ids ("gender=woman"); the officer reads the vocabulary's labels. */
static void
describe_relaxation (DlgDrawPanel      *self,
                     DlgDrawRelaxation *r)
{
  g_autofree char *what = dlg_profile_describe (self->profile, r->category, r->value);
  char *text = NULL;

  if (r->new_min < r->old_min && r->new_max > r->old_max)
    text = g_strdup_printf (_("Lower the minimum of “%s” from %d to %d and raise its maximum "
                              "from %d to %d."), what, r->old_min, r->new_min, r->old_max,
                            r->new_max);
  else if (r->new_min < r->old_min)
    text = g_strdup_printf (_("Lower the minimum of “%s” from %d to %d."), what, r->old_min,
                            r->new_min);
  else if (r->new_max > r->old_max)
    text = g_strdup_printf (_("Raise the maximum of “%s” from %d to %d."), what, r->old_max,
                            r->new_max);
  if (text == NULL)
    return;
  g_free (r->description);
  r->description = text;
}

static void
relaxation_done_cb (GObject      *source,
                    GAsyncResult *res,
                    gpointer      user_data)
{
  g_autoptr(DlgDrawPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  GPtrArray *relaxation = g_task_propagate_pointer (G_TASK (res), &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Disposed: nothing to show. */
      if (self->context == NULL)
        return;
      g_clear_object (&self->cancellable);
      set_running (self, FALSE);
      show_message (self, _("Draw cancelled."), FALSE);
      show_saved (self);
      return;
    }
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  show_saved (self);
  if (relaxation == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  for (guint i = 0; i < relaxation->len; i++)
    describe_relaxation (self, g_ptr_array_index (relaxation, i));
  self->relaxation = relaxation;
  show_message (self, _("The quotas cannot all be met by this pool and panel size."), TRUE);
  show_relaxation (self);
}

static void
apply_relaxation_action (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  DlgDrawPanel *self = DLG_DRAW_PANEL (widget);
  g_autoptr(GListModel) quotas = NULL;
  g_autoptr(GError) error = NULL;

  if (self->relaxation == NULL || self->context == NULL)
    return;
  quotas = dlg_quota_list (get_store (self), self->process_id, &error);
  for (guint i = 0; quotas != NULL && i < self->relaxation->len; i++)
    {
      DlgDrawRelaxation *r = g_ptr_array_index (self->relaxation, i);

      for (guint q = 0; q < g_list_model_get_n_items (quotas); q++)
        {
          g_autoptr(DlgQuota) quota = g_list_model_get_item (quotas, q);

          if (g_strcmp0 (dlg_quota_get_category (quota), r->category) != 0
              || g_strcmp0 (dlg_quota_get_value (quota), r->value) != 0)
            continue;
          dlg_quota_set_min (quota, r->new_min);
          dlg_quota_set_max (quota, r->new_max);
          if (!dlg_quota_save (get_store (self), quota, &error))
            break;
        }
      if (error != NULL)
        break;
    }
  if (error != NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  g_clear_pointer (&self->relaxation, g_ptr_array_unref);
  show_relaxation (self);
  show_message (self, _("The quotas were relaxed: run the draw again."), FALSE);
}

/* ---------------------------------------------------------------- running */

static void
progress_cb (double      fraction,
             const char *message,
             gpointer    user_data)
{
  DlgDrawPanel *self = user_data;

  if (self->cancellable == NULL)
    return;
  gtk_progress_bar_set_fraction (self->progress, CLAMP (fraction, 0.0, 1.0));
  /* What the engine does (for leximin: the level and its bound), and the percentage. */
  {
    /* Translators: the draw's progress: what it does, then how much is done */
    g_autofree char *text = g_strdup_printf (_("%s — %.0f %%"), message,
                                             100.0 * CLAMP (fraction, 0.0, 1.0));

    gtk_progress_bar_set_text (self->progress, text);
  }
}

static void
run_done_cb (GObject      *source,
             GAsyncResult *res,
             gpointer      user_data)
{
  g_autoptr(DlgDrawPanel) self = user_data;
  g_autoptr(GError) error = NULL;
  DlgDrawResult *result = dlg_draw_run_finish (res, &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Disposed: nothing to show. */
      if (self->context == NULL)
        return;
      g_clear_object (&self->cancellable);
      set_running (self, FALSE);
      show_message (self, _("Draw cancelled."), FALSE);
      show_saved (self);
      return;
    }
  if (g_error_matches (error, DLG_DRAW_ERROR, DLG_DRAW_ERROR_INFEASIBLE))
    {
      g_autoptr(GTask) task = g_task_new (NULL, self->cancellable, relaxation_done_cb,
                                          g_object_ref (self));

      show_message (self, _("The quotas cannot be met: looking for the smallest change…"),
                    FALSE);
      g_task_set_task_data (task, dlg_draw_input_ref (self->input),
                            (GDestroyNotify) dlg_draw_input_unref);
      g_task_run_in_thread (task, relaxation_thread);
      return;
    }
  g_clear_object (&self->cancellable);
  set_running (self, FALSE);
  if (result == NULL)
    {
      show_message (self, error->message, TRUE);
      show_saved (self);
      return;
    }
  g_set_object (&self->result, result);
  g_object_unref (result);
  show_message (self, _("Drawn. Check the result, then save it to mark the panel and the "
                        "reserve list."), FALSE);
  load_participants (self);
  show_result (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.save", TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.publish", TRUE);
}

/* The same input with no household, when the officer switches households off. */
static DlgDrawInput *
copy_without_households (DlgDrawInput  *input,
                         GError       **error)
{
  g_autoptr(DlgDrawInput) copy = dlg_draw_input_new ();
  guint n_categories = dlg_draw_input_get_n_categories (input);
  g_autofree const char **values = g_new0 (const char *, n_categories + 1);

  dlg_draw_input_set_size (copy, dlg_draw_input_get_size (input));
  dlg_draw_input_set_seed (copy, dlg_draw_input_get_seed (input));
  dlg_draw_input_set_algorithm (copy, dlg_draw_input_get_algorithm (input));
  for (guint q = 0; q < dlg_draw_input_get_n_quotas (input); q++)
    {
      const char *category, *value;
      int min, max, min_flex, max_flex;

      dlg_draw_input_get_quota (input, q, &category, &value, &min, &max, &min_flex, &max_flex);
      if (!dlg_draw_input_add_quota (copy, category, value, min, max, min_flex, max_flex, error))
        return NULL;
    }
  for (guint p = 0; p < dlg_draw_input_get_n_people (input); p++)
    {
      for (guint c = 0; c < n_categories; c++)
        values[c] = dlg_draw_input_get_person_value (input, p, c);
      if (!dlg_draw_input_add_person (copy, dlg_draw_input_get_person_id (input, p), values, NULL,
                                      error))
        return NULL;
    }
  return g_steal_pointer (&copy);
}

static void
start_run (DlgDrawPanel *self,
           DlgDrawInput *input)
{
  GtkWidget *widget = GTK_WIDGET (self);

  g_clear_pointer (&self->relaxation, g_ptr_array_unref);
  show_relaxation (self);
  g_clear_object (&self->result);
  show_result (self);
  gtk_widget_action_set_enabled (widget, "draw.save", FALSE);
  gtk_widget_action_set_enabled (widget, "draw.publish", FALSE);
  g_clear_pointer (&self->input, dlg_draw_input_unref);
  self->input = dlg_draw_input_ref (input);
  self->cancellable = g_cancellable_new ();
  show_saved (self);
  set_running (self, TRUE);
  gtk_progress_bar_set_fraction (self->progress, 0.0);
  gtk_progress_bar_set_text (self->progress, NULL);
  show_message (self, _("Drawing…"), FALSE);
  dlg_draw_run_async (input, self->cancellable, progress_cb, g_object_ref (self),
                      g_object_unref, run_done_cb, g_object_ref (self));
}

static void
replay_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgDrawPanel *self = DLG_DRAW_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawInput) input = NULL;

  if (self->saved_inputs_json == NULL || self->cancellable != NULL)
    return;
  input = dlg_draw_input_new_from_json (self->saved_inputs_json, &error);
  if (input == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  start_run (self, input);
}

static void
run_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  DlgDrawPanel *self = DLG_DRAW_PANEL (widget);
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgDrawInput) input = NULL;
  guint selected;

  if (self->context == NULL || self->process_id == 0 || self->cancellable != NULL)
    return;
  selected = adw_combo_row_get_selected (self->algorithm);
  input = dlg_draw_input_new_for_process (get_store (self), self->process_id,
                                          gtk_spin_button_get_value_as_int (self->size),
                                          (guint32) gtk_spin_button_get_value (self->seed),
                                          algorithms[MIN (selected, G_N_ELEMENTS (algorithms) - 1)],
                                          &error);
  if (input != NULL && !gtk_switch_get_active (self->households))
    {
      DlgDrawInput *copy = copy_without_households (input, &error);

      g_clear_pointer (&input, dlg_draw_input_unref);
      input = copy;
    }
  if (input == NULL)
    {
      show_message (self, error->message, TRUE);
      return;
    }
  if (dlg_draw_input_get_n_people (input) < dlg_draw_input_get_size (input))
    {
      g_autofree char *text =
        g_strdup_printf (_("Only %u volunteers can be drawn (with consent, not yet invited): "
                           "fewer than the panel size."), dlg_draw_input_get_n_people (input));

      show_message (self, text, TRUE);
      return;
    }
  start_run (self, input);
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  DlgDrawPanel *self = DLG_DRAW_PANEL (widget);

  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
}

static void
new_seed_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  new_seed (DLG_DRAW_PANEL (widget));
}

/* ---------------------------------------------------------------- saving */

static void
save_now (DlgDrawPanel *self)
{
  g_autoptr(GError) error = NULL;

  if (self->result == NULL)
    return;
  if (!dlg_draw_save (get_store (self), self->process_id, self->result, NULL, &error))
    {
      show_message (self, error->message, TRUE);
      return;
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.save", FALSE);
  show_message (self, _("Draw saved: the panel and the reserve list are marked, and the draw "
                        "is in the journal. Send the invitations below."), FALSE);
}

static void
save_response_cb (DlgDrawPanel     *self,
                  const char       *response,
                  AdwMessageDialog *dialog)
{
  if (g_strcmp0 (response, "save") == 0)
    save_now (self);
}

static void
save_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  DlgDrawPanel *self = DLG_DRAW_PANEL (widget);
  g_autoptr(GError) error = NULL;
  GtkRoot *root = gtk_widget_get_root (widget);
  AdwMessageDialog *dialog;
  guint n_draws;

  if (self->result == NULL || self->context == NULL)
    return;
  n_draws = dlg_draw_count_saved (get_store (self), self->process_id, &error);
  if (n_draws == 0 && error == NULL)
    {
      save_now (self);
      return;
    }
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Replace the previous draw?"), NULL));
  adw_message_dialog_set_body (dialog,
                               _("A panel was already drawn for this process. Saving this draw "
                                 "puts the previous panel and reserve list back among the "
                                 "registrations, except those already invited. Both draws stay "
                                 "in the journal."));
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "save", _("_Save the Draw"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (save_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* ---------------------------------------------------------------- publishing */

/**
 * dlg_draw_panel_write_public_json:
 * @self: a #DlgDrawPanel with a result
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes the public record of the draw (seed, quotas, anonymised probabilities) to @file.
 */
gboolean
dlg_draw_panel_write_public_json (DlgDrawPanel  *self,
                                  GFile         *file,
                                  GError       **error)
{
  g_autofree char *json = NULL;

  g_return_val_if_fail (DLG_IS_DRAW_PANEL (self), FALSE);

  if (self->result == NULL)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Run a draw first: there is nothing to publish."));
      return FALSE;
    }
  json = dlg_draw_export_public_json (self->result);
  return g_file_replace_contents (file, json, strlen (json), NULL, FALSE,
                                  G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, error);
}

static void
chooser_response_cb (DlgDrawPanel         *self,
                     int                   response,
                     GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->chooser);
  if (file == NULL)
    return;
  if (!dlg_draw_panel_write_public_json (self, file, &error))
    show_message (self, error->message, TRUE);
  else
    {
      g_autofree char *name = g_file_get_parse_name (file);
      g_autofree char *text = g_strdup_printf (_("The public record of the draw was written to "
                                                 "%s. Publish it with the panel: anyone can "
                                                 "check the probabilities and replay the draw."),
                                               name);

      show_message (self, text, FALSE);
    }
}

static void
publish_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  DlgDrawPanel *self = DLG_DRAW_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *name = NULL;

  if (self->result == NULL || self->chooser != NULL)
    return;
  self->chooser = gtk_file_chooser_native_new (_("Publish the Draw"),
                                               GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                               GTK_FILE_CHOOSER_ACTION_SAVE, _("_Save"),
                                               _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->chooser), TRUE);
  gtk_file_filter_set_name (filter, _("JSON files"));
  gtk_file_filter_add_mime_type (filter, "application/json");
  gtk_file_filter_add_pattern (filter, "*.json");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->chooser), filter);
  /* Translators: a file name; keep it short and without spaces. */
  name = g_strdup_printf (_("draw-%u.json"), dlg_draw_result_get_seed (self->result));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->chooser), name);
  g_signal_connect_object (self->chooser, "response", G_CALLBACK (chooser_response_cb), self,
                           G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->chooser));
}

/* ---------------------------------------------------------------- contacts */

/**
 * dlg_draw_panel_export_contacts:
 * @self: a #DlgDrawPanel
 * @file: where to write
 * @error: return location for a #GError
 *
 * Writes the names and contact details of the saved panel to @file as CSV, for a mail merge,
 * and shows under the invitations what was written; the journal records the export.
 */
gboolean
dlg_draw_panel_export_contacts (DlgDrawPanel  *self,
                                GFile         *file,
                                GError       **error)
{
  g_autofree char *name = NULL;
  g_autofree char *text = NULL;
  guint n = 0;

  g_return_val_if_fail (DLG_IS_DRAW_PANEL (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  if (self->context == NULL || self->process_id == 0)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID, _("No process is open."));
      return FALSE;
    }
  if (!dlg_participant_contact_export_panel (get_store (self), self->process_id, file, &n,
                                             error))
    {
      gtk_label_set_text (self->invitation_message, (*error)->message);
      return FALSE;
    }
  name = g_file_get_parse_name (file);
  text = g_strdup_printf (g_dngettext (NULL,
                                       "The contact details of %u person were written to %s. "
                                       "The journal records the export: keep the file safe and "
                                       "delete it once the invitations are sent.",
                                       "The contact details of %u people were written to %s. "
                                       "The journal records the export: keep the file safe and "
                                       "delete it once the invitations are sent.", n),
                          n, name);
  gtk_label_set_text (self->invitation_message, text);
  return TRUE;
}

static void
contacts_chooser_response_cb (DlgDrawPanel         *self,
                              int                   response,
                              GtkFileChooserNative *chooser)
{
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;

  if (response == GTK_RESPONSE_ACCEPT)
    file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  g_clear_object (&self->contacts_chooser);
  if (file != NULL)
    dlg_draw_panel_export_contacts (self, file, &error);
}

static void
export_contacts_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DlgDrawPanel *self = DLG_DRAW_PANEL (widget);
  GtkRoot *root = gtk_widget_get_root (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  if (self->context == NULL || self->contacts_chooser != NULL)
    return;
  self->contacts_chooser =
    gtk_file_chooser_native_new (_("Export the Panel’s Contacts"),
                                 GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL,
                                 GTK_FILE_CHOOSER_ACTION_SAVE, _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (self->contacts_chooser), TRUE);
  gtk_file_filter_set_name (filter, _("CSV files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_pattern (filter, "*.csv");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (self->contacts_chooser), filter);
  /* Translators: a file name; keep it short and without spaces. */
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (self->contacts_chooser),
                                     _("panel-contacts.csv"));
  g_signal_connect_object (self->contacts_chooser, "response",
                           G_CALLBACK (contacts_chooser_response_cb), self, G_CONNECT_SWAPPED);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (self->contacts_chooser));
}

/* ---------------------------------------------------------------- invitations */

static void
invitation_changed_cb (GtkDropDown  *dropdown,
                       GParamSpec   *pspec,
                       DlgDrawPanel *self)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dropdown), "dlg-id"));
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;

  if (selected >= dlg_vocabulary_get_n_entries (&dlg_vocabulary_invitation_choice) ||
      self->context == NULL)
    return;
  if (!dlg_draw_set_invitation (get_store (self), self->process_id, id,
                                dlg_vocabulary_get_id (&dlg_vocabulary_invitation_choice, selected),
                                &error))
    gtk_label_set_text (self->invitation_message, error->message);
}

static void
replace_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     DlgDrawPanel     *self)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog), "dlg-id"));
  gint64 replacement = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (dialog),
                                                                    "dlg-replacement"));
  g_autoptr(GError) error = NULL;

  if (g_strcmp0 (response, "replace") != 0 || self->context == NULL)
    return;
  if (!dlg_draw_replace (get_store (self), self->process_id, id, replacement, &error))
    gtk_label_set_text (self->invitation_message, error->message);
  else
    gtk_label_set_text (self->invitation_message,
                        _("The replacement is marked invited: send them the invitation."));
}

static void
replace_clicked_cb (GtkButton    *button,
                    DlgDrawPanel *self)
{
  gint64 id = (gint64) GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (button), "dlg-id"));
  g_autoptr(GError) error = NULL;
  g_autoptr(DlgParticipant) p = NULL;
  g_autofree char *profile = NULL;
  g_autofree char *body = NULL;
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  AdwMessageDialog *dialog;
  gint64 replacement;

  replacement = dlg_draw_pick_replacement (get_store (self), self->process_id, id, &error);
  if (replacement == 0)
    {
      gtk_label_set_text (self->invitation_message, error->message);
      return;
    }
  p = dlg_participant_load (get_store (self), replacement, &error);
  if (p == NULL)
    {
      gtk_label_set_text (self->invitation_message, error->message);
      return;
    }
  profile = profile_text (self, p);
  body = g_strdup_printf (_("Number %d of the reserve list keeps every quota: %s. They will be "
                            "marked invited, and the replacement recorded in the journal."),
                          dlg_participant_get_reserve_rank (p), profile);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                            : NULL,
                                                       _("Invite a replacement?"), NULL));
  /* The profile is user text: body-use-markup stays off. */
  adw_message_dialog_set_body (dialog, body);
  adw_message_dialog_add_responses (dialog, "cancel", _("_Cancel"), "replace",
                                    _("_Invite the Replacement"), NULL);
  adw_message_dialog_set_response_appearance (dialog, "replace", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "replace");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data (G_OBJECT (dialog), "dlg-id", GSIZE_TO_POINTER ((gsize) id));
  g_object_set_data (G_OBJECT (dialog), "dlg-replacement", GSIZE_TO_POINTER ((gsize) replacement));
  g_signal_connect_object (dialog, "response", G_CALLBACK (replace_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static int
compare_participants (gconstpointer a,
                      gconstpointer b)
{
  DlgParticipant *x = *(DlgParticipant **) a, *y = *(DlgParticipant **) b;
  gint64 i = dlg_participant_get_id (x), j = dlg_participant_get_id (y);

  return i < j ? -1 : i > j;
}

static void
reload_invitations (DlgDrawPanel *self)
{
  g_autoptr(GPtrArray) members = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  g_auto(GStrv) labels = dlg_vocabulary_dup_labels (&dlg_vocabulary_invitation_choice);

  dlg_list_box_remove_all (self->invitation_list);
  g_hash_table_iter_init (&iter, self->participants);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    {
      const char *status = dlg_participant_get_status (value);

      if (dlg_vocabulary_contains (&dlg_vocabulary_invitation_status, status))
        g_ptr_array_add (members, value);
    }
  g_ptr_array_sort (members, compare_participants);

  for (guint i = 0; i < members->len; i++)
    {
      DlgParticipant *p = g_ptr_array_index (members, i);
      const char *status = dlg_participant_get_status (p);
      g_autoptr(DlgParticipantContact) contact =
        dlg_participant_contact_load (get_store (self), dlg_participant_get_id (p), NULL);
      g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
      g_autofree char *subtitle = NULL;
      const char *name = contact != NULL ? dlg_participant_contact_get_full_name (contact) : "";
      gpointer id = GSIZE_TO_POINTER ((gsize) dlg_participant_get_id (p));
      GtkWidget *row;

      /* The officer sends the invitations: name, email and phone, then the profile. */
      if (g_strcmp0 (status, "replaced") == 0)
        g_ptr_array_add (parts, g_strdup (dlg_vocabulary_get_label (
                                            &dlg_vocabulary_invitation_status, status)));
      if (contact != NULL && *dlg_participant_contact_get_email (contact) != '\0')
        g_ptr_array_add (parts, g_strdup (dlg_participant_contact_get_email (contact)));
      if (contact != NULL && *dlg_participant_contact_get_phone (contact) != '\0')
        g_ptr_array_add (parts, g_strdup (dlg_participant_contact_get_phone (contact)));
      if (parts->len == 0 || (parts->len == 1 && g_strcmp0 (status, "replaced") == 0))
        g_ptr_array_add (parts, g_strdup (_("no email or phone")));
      g_ptr_array_add (parts, profile_text (self, p));
      g_ptr_array_add (parts, NULL);
      subtitle = g_strjoinv (" · ", (char **) parts->pdata);
      row = text_row (*name != '\0' ? name : _("(no name)"), subtitle);

      if (g_strcmp0 (status, "replaced") != 0)
        {
          GtkWidget *dropdown = gtk_drop_down_new_from_strings ((const char * const *) labels);
          /* Translators: the accessible name of a panel member's invitation drop-down. */
          g_autofree char *what = g_strdup_printf (_("Invitation of %s"),
                                                   *name != '\0' ? name : _("(no name)"));

          gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown),
                                      dlg_choice_index (&dlg_vocabulary_invitation_choice,
                                                        status));
          g_object_set_data (G_OBJECT (dropdown), "dlg-id", id);
          dlg_accessible_set_name (dropdown, what);
          g_signal_connect_object (dropdown, "notify::selected",
                                   G_CALLBACK (invitation_changed_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
        }
      if (g_strcmp0 (status, "declined") == 0)
        {
          GtkWidget *button = gtk_button_new_with_mnemonic (_("_Replace"));
          /* Translators: the accessible name of a declined panel member's Replace button. */
          g_autofree char *what = g_strdup_printf (_("Replace %s"),
                                                   *name != '\0' ? name : _("(no name)"));

          gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                          what, -1);

          gtk_widget_set_valign (button, GTK_ALIGN_CENTER);
          gtk_widget_set_tooltip_text (button, _("Invite the first person of the reserve list "
                                                 "who keeps every quota"));
          g_object_set_data (G_OBJECT (button), "dlg-id", id);
          g_signal_connect_object (button, "clicked", G_CALLBACK (replace_clicked_cb), self, 0);
          adw_action_row_add_suffix (ADW_ACTION_ROW (row), button);
        }
      gtk_list_box_append (self->invitation_list, row);
    }
  if (members->len == 0)
    gtk_list_box_append (self->invitation_list,
                         dlg_placeholder_row_new (_("No panel yet: save a draw first.")));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.export-contacts", members->len > 0);
}

/* The last saved draw, while no draw was run in this view: its summary and chart. */
static void
show_saved (DlgDrawPanel *self)
{
  g_autoptr(DlgSavedDraw) saved = NULL;
  g_autofree char *date = NULL;
  g_autofree char *summary = NULL;

  g_clear_pointer (&self->saved_inputs_json, g_free);
  if (self->context != NULL && self->process_id != 0 && self->result == NULL
      && self->cancellable == NULL)
    dlg_draw_load_last_saved (get_store (self), self->process_id, &saved, NULL);
  gtk_widget_set_visible (self->saved_box, saved != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.replay", saved != NULL);
  if (saved == NULL)
    {
      dlg_probability_chart_set_probabilities (DLG_PROBABILITY_CHART (self->saved_chart), NULL,
                                               0, 0);
      return;
    }
  date = dlg_format_date (saved->created_at);
  summary = g_strdup_printf (_("Saved draw of %s: panel of %u among %u volunteers, %s "
                               "algorithm, seed %u. Selection probability from %.1f %% to "
                               "%.1f %%."),
                             date, saved->panel_size, saved->probabilities->len,
                             saved->algorithm, saved->seed, 100.0 * saved->min_probability,
                             100.0 * saved->max_probability);
  gtk_label_set_text (self->saved_summary, summary);
  dlg_probability_chart_set_probabilities (DLG_PROBABILITY_CHART (self->saved_chart),
                                           (const double *) (gpointer) saved->probabilities->data,
                                           saved->probabilities->len, saved->panel_size);
  self->saved_inputs_json = g_steal_pointer (&saved->inputs_json);
}

static void
reload (DlgDrawPanel *self)
{
  gboolean households = FALSE;
  GHashTableIter iter;
  gpointer value;

  g_clear_handle_id (&self->reload_id, g_source_remove);
  load_participants (self);
  g_hash_table_iter_init (&iter, self->participants);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    households |= dlg_participant_get_household (value) != NULL
                  && *dlg_participant_get_household (value) != '\0';
  gtk_widget_set_visible (self->households_row, households);
  reload_invitations (self);
  show_saved (self);
}

static gboolean
reload_idle_cb (gpointer user_data)
{
  DlgDrawPanel *self = user_data;

  self->reload_id = 0;
  reload (self);
  return G_SOURCE_REMOVE;
}

static void
store_changed_cb (DlgDrawPanel *self,
                  GType        type,
                  gint64        process_id)
{
  if (process_id != self->process_id && process_id != 0)
    return;
  if (self->reload_id == 0 && (type == DLG_TYPE_PARTICIPANT
                               || type == DLG_TYPE_PARTICIPANT_CONTACT
                               || type == DLG_TYPE_PROFILE
                               || type == DLG_TYPE_DRAW_RESULT))
    self->reload_id = g_idle_add (reload_idle_cb, self);
}

/* ---------------------------------------------------------------- public */

/**
 * dlg_draw_panel_load:
 * @self: a #DlgDrawPanel
 * @context: (nullable): the app's context
 * @process_id: the process shown
 *
 * Shows the draw of @process_id; a draw running for another process is cancelled.
 */
void
dlg_draw_panel_load (DlgDrawPanel *self,
                     DlgContext   *context,
                     gint64        process_id)
{
  g_return_if_fail (DLG_IS_DRAW_PANEL (self));

  if (self->process_id != process_id || self->context != context)
    {
      if (self->cancellable != NULL)
        g_cancellable_cancel (self->cancellable);
      g_clear_object (&self->result);
      g_clear_pointer (&self->relaxation, g_ptr_array_unref);
      show_result (self);
      show_relaxation (self);
      show_message (self, NULL, FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.save", FALSE);
      gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.publish", FALSE);
      new_seed (self);
    }
  if (self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, get_store (self));
  g_set_object (&self->context, context);
  self->process_id = process_id;
  if (context != NULL)
    self->changed_id = g_signal_connect_object (get_store (self), "changed",
                                                G_CALLBACK (store_changed_cb), self,
                                                G_CONNECT_SWAPPED);
  reload (self);
}

gboolean
dlg_draw_panel_is_running (DlgDrawPanel *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_PANEL (self), FALSE);
  return self->cancellable != NULL;
}

/**
 * dlg_draw_panel_get_result:
 * @self: a #DlgDrawPanel
 *
 * Returns: (transfer none) (nullable): the result of the last draw run
 */
DlgDrawResult *
dlg_draw_panel_get_result (DlgDrawPanel *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_PANEL (self), NULL);
  return self->result;
}

/**
 * dlg_draw_panel_get_chart:
 * @self: a #DlgDrawPanel
 *
 * Returns: (transfer none): the #DlgProbabilityChart
 */
GtkWidget *
dlg_draw_panel_get_chart (DlgDrawPanel *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_PANEL (self), NULL);
  return self->chart;
}

/**
 * dlg_draw_panel_get_relaxation:
 * @self: a #DlgDrawPanel
 *
 * Returns: (transfer none) (nullable) (element-type DlgDrawRelaxation): the relaxation shown
 */
GPtrArray *
dlg_draw_panel_get_relaxation (DlgDrawPanel *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_PANEL (self), NULL);
  return self->relaxation;
}

const char *
dlg_draw_panel_get_message (DlgDrawPanel *self)
{
  g_return_val_if_fail (DLG_IS_DRAW_PANEL (self), NULL);
  return gtk_label_get_text (self->message);
}

void
dlg_draw_panel_set_seed (DlgDrawPanel *self,
                         guint32       seed)
{
  g_return_if_fail (DLG_IS_DRAW_PANEL (self));
  gtk_spin_button_set_value (self->seed, seed);
}

void
dlg_draw_panel_set_size (DlgDrawPanel *self,
                         guint         size)
{
  g_return_if_fail (DLG_IS_DRAW_PANEL (self));
  gtk_spin_button_set_value (self->size, size);
}

static void
dlg_draw_panel_dispose (GObject *object)
{
  DlgDrawPanel *self = (DlgDrawPanel *)object;

  /* A draw still running stops; its callback sees no context and shows nothing. */
  if (self->cancellable != NULL)
    g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_handle_id (&self->reload_id, g_source_remove);
  if (self->changed_id != 0)
    g_clear_signal_handler (&self->changed_id, get_store (self));
  g_clear_object (&self->context);
  if (self->chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->chooser));
  g_clear_object (&self->chooser);
  if (self->contacts_chooser != NULL)
    gtk_native_dialog_destroy (GTK_NATIVE_DIALOG (self->contacts_chooser));
  g_clear_object (&self->contacts_chooser);
  gtk_widget_dispose_template (GTK_WIDGET (self), DLG_TYPE_DRAW_PANEL);

  G_OBJECT_CLASS (dlg_draw_panel_parent_class)->dispose (object);
}

static void
dlg_draw_panel_finalize (GObject *object)
{
  DlgDrawPanel *self = (DlgDrawPanel *)object;

  g_clear_pointer (&self->input, dlg_draw_input_unref);
  g_clear_object (&self->result);
  g_clear_pointer (&self->relaxation, g_ptr_array_unref);
  g_clear_pointer (&self->participants, g_hash_table_unref);
  g_clear_pointer (&self->profile, dlg_profile_free);
  g_clear_pointer (&self->saved_inputs_json, g_free);
  G_OBJECT_CLASS (dlg_draw_panel_parent_class)->finalize (object);
}

static void
dlg_draw_panel_class_init (DlgDrawPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_draw_panel_dispose;
  object_class->finalize = dlg_draw_panel_finalize;

  gtk_widget_class_install_action (widget_class, "draw.run", NULL, run_action);
  gtk_widget_class_install_action (widget_class, "draw.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "draw.replay", NULL, replay_action);
  gtk_widget_class_install_action (widget_class, "draw.new-seed", NULL, new_seed_action);
  gtk_widget_class_install_action (widget_class, "draw.save", NULL, save_action);
  gtk_widget_class_install_action (widget_class, "draw.publish", NULL, publish_action);
  gtk_widget_class_install_action (widget_class, "draw.apply-relaxation", NULL,
                                   apply_relaxation_action);
  gtk_widget_class_install_action (widget_class, "draw.export-contacts", NULL,
                                   export_contacts_action);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);

  g_type_ensure (DLG_TYPE_PROBABILITY_CHART);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/dlg-draw-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, box);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, size);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, algorithm);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, seed);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, households_row);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, households);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, run_button);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, progress);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, message);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, saved_box);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, saved_summary);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, saved_chart);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, relaxation_box);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, relaxation_list);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, result_box);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, summary);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, chart);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, panel_list);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, reserve_list);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, replay_note);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, invitation_list);
  gtk_widget_class_bind_template_child (widget_class, DlgDrawPanel, invitation_message);
}

static void
dlg_draw_panel_init (DlgDrawPanel *self)
{
  self->participants = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                              g_object_unref);
  gtk_widget_init_template (GTK_WIDGET (self));
  new_seed (self);
  set_running (self, FALSE);
  show_message (self, NULL, FALSE);
  show_relaxation (self);
  show_result (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.save", FALSE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "draw.publish", FALSE);
}
