/* dlg-recruitment-view.c — stage 5: recruitment of the panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registrations are shown by their quota profile only: contact details never appear in the
 * list (they are edited in the registration dialog, in their own section). A registration by
 * hand cannot be saved without the person's consent. Profiles and quotas use the process's
 * vocabulary (DlgProfile): the dialogs offer its values as choices, the lists show its labels,
 * and values that do not fit it are listed, by person, to be mapped before a draw.
 * Records are edited in a DlgEditDialog and saved as the officer types, like the free-form
 * fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-recruitment-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-recruitment-view.h"
#include "dlg-draw-panel.h"
#include "dlg-edit-dialog.h"
#include "dlg-view-util.h"

#define RESOURCE_PATH "/fr/nantesmetropole/Dialogue/ui/"

struct _DlgRecruitmentView
{
  DlgStageViewBase parent_instance;

  GtkListBox      *quota_list;
  GtkLabel        *quota_error;
  DlgDrawPanel    *draw_panel;
  GPtrArray       *quota_rows;   /* QuotaRow */
  gboolean         saving_quota;

  GtkLabel        *count_label;
  GtkColumnView   *participants_view;
  GtkWidget       *misfit_group;
  GtkListBox      *misfit_list;
  GtkLabel        *misfit_message;
  DlgProfile      *profile;      /* the process's vocabulary, reloaded with the lists */
};

G_DEFINE_FINAL_TYPE (DlgRecruitmentView, dlg_recruitment_view, DLG_TYPE_STAGE_VIEW_BASE)

/* ---------------------------------------------------------------- participants */

/* The profile categories that registrations hold as text, in the order of the dialog. */
static const char *const text_categories[] = {
  "age_band", "gender", "commune", "quartier", "occupation",
};

/* A profile value as the officer reads it: its label, or what was typed, in quotes. */
static char *
value_text (DlgProfile *profile,
            const char *category,
            const char *value)
{
  const char *label = profile != NULL ? dlg_profile_get_value_label (profile, category, value)
                                      : NULL;

  if (label != NULL)
    return g_strdup (label);
  if (value == NULL || *value == '\0')
    return g_strdup ("");
  /* Translators: a profile value that is not one of the process's values, as typed. */
  return g_strdup_printf (_("“%s” (to fix)"), value);
}

enum {
  COL_REGISTERED,
  COL_CHANNEL,
  COL_AGE,
  COL_GENDER,
  COL_COMMUNE,
  COL_OCCUPATION,
  COL_CONSENT,
  COL_STATUS,
  N_COLS
};

static void
cell_setup_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item)
{
  GtkWidget *label = gtk_label_new (NULL);

  /* Profiles are user text: never markup. */
  gtk_label_set_use_markup (GTK_LABEL (label), FALSE);
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_list_item_set_child (item, label);
}

typedef struct
{
  DlgRecruitmentView *view;
  guint               column;
} ColumnData;

static void
cell_bind_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              ColumnData               *data)
{
  DlgParticipant *p = gtk_list_item_get_item (item);
  GtkLabel *label = GTK_LABEL (gtk_list_item_get_child (item));
  DlgProfile *profile = data->view->profile;
  g_autofree char *date = NULL;
  g_autofree char *owned = NULL;
  const char *text = NULL;

  switch (data->column)
    {
    case COL_REGISTERED:
      {
        const char *registered = dlg_participant_get_registered_at (p);
        g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (registered, NULL);
        g_autoptr(GDateTime) local = dt != NULL ? g_date_time_to_local (dt) : NULL;

        /* The short date of the locale: the column stays narrow. */
        date = local != NULL ? g_date_time_format (local, "%x") : NULL;
        text = date;
      }
      break;
    case COL_CHANNEL:
      text = dlg_vocabulary_get_label (&dlg_vocabulary_registration_channel,
                                       dlg_participant_get_channel (p));
      break;
    case COL_AGE:
      text = owned = value_text (profile, "age_band", dlg_participant_get_age_band (p));
      break;
    case COL_GENDER:
      text = owned = value_text (profile, "gender", dlg_participant_get_gender (p));
      break;
    case COL_COMMUNE:
      text = owned = value_text (profile, "commune", dlg_participant_get_commune (p));
      break;
    case COL_OCCUPATION:
      text = owned = value_text (profile, "occupation", dlg_participant_get_occupation (p));
      break;
    case COL_CONSENT:
      text = dlg_participant_get_consent (p) ? _("Given") : _("Missing");
      break;
    case COL_STATUS:
      text = dlg_vocabulary_get_label (&dlg_vocabulary_participant_status,
                                       dlg_participant_get_status (p));
      break;
    default:
      g_assert_not_reached ();
    }
  gtk_label_set_text (label, text != NULL ? text : "");
  /* The whole text when a column cuts it (plain text, like the label). */
  gtk_widget_set_tooltip_text (GTK_WIDGET (label), text != NULL && *text != '\0' ? text : NULL);
}

static void
add_columns (DlgRecruitmentView *self)
{
  const char *titles[N_COLS] = {
    _("Registered on"), _("Channel"), _("Age"), _("Gender"), _("Commune"), _("Occupation"),
    _("Consent"), _("Status")
  };

  static const int widths[N_COLS] = { 85, 85, 100, 65, 75, 110, 110, 85 };

  for (guint i = 0; i < N_COLS; i++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      ColumnData *data = g_new0 (ColumnData, 1);

      data->view = self;
      data->column = i;
      g_signal_connect (factory, "setup", G_CALLBACK (cell_setup_cb), NULL);
      g_signal_connect_data (factory, "bind", G_CALLBACK (cell_bind_cb), data,
                             (GClosureNotify) (void (*) (void)) g_free, 0);
      column = gtk_column_view_column_new (titles[i], factory);
      gtk_column_view_column_set_resizable (column, TRUE);
      /* Fixed widths: the columns fit beside the navigator at 1280 pixels, in French too; the
       * occupation takes what is left. */
      if (i == COL_OCCUPATION)
        {
          gtk_column_view_column_set_expand (column, TRUE);
          gtk_column_view_column_set_fixed_width (column, widths[i]);
        }
      else
        gtk_column_view_column_set_fixed_width (column, widths[i]);
      gtk_column_view_append_column (self->participants_view, column);
      g_object_unref (column);
    }
}

typedef struct
{
  DlgRecruitmentView    *view;
  DlgParticipant        *participant;
  DlgParticipantContact *contact;
  AdwComboRow           *channel;
  /* One drop-down per text category with values; ids[c] holds the id of each choice. */
  AdwComboRow           *profile_rows[G_N_ELEMENTS (text_categories)];
  GPtrArray             *ids[G_N_ELEMENTS (text_categories)];
  GtkSwitch             *prior;
  GtkSwitch             *consent;
  GtkEditable           *full_name;
  GtkEditable           *email;
  GtkEditable           *phone;
  GtkEditable           *address;
} ParticipantEditor;

static void
participant_editor_free (ParticipantEditor *editor)
{
  g_clear_object (&editor->participant);
  g_clear_object (&editor->contact);
  for (guint c = 0; c < G_N_ELEMENTS (text_categories); c++)
    g_clear_pointer (&editor->ids[c], g_ptr_array_unref);
  g_free (editor);
}

static gboolean
participant_save (gpointer   user_data,
                  GError   **error)
{
  ParticipantEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgParticipant *p = editor->participant;
  DlgParticipantContact *c;
  g_autoptr(DlgParticipantContact) fresh = NULL;

  if (!gtk_switch_get_active (editor->consent))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("A registration needs the person’s consent to the use of their data for "
                     "the draw and the invitations. Ask for it, then switch it on."));
      return FALSE;
    }
  dlg_participant_set_channel (p, dlg_vocabulary_get_id (
                                    &dlg_vocabulary_registration_channel,
                                    adw_combo_row_get_selected (editor->channel)));
  for (guint k = 0; k < G_N_ELEMENTS (text_categories); k++)
    {
      guint selected;

      if (editor->profile_rows[k] == NULL)
        continue;
      selected = adw_combo_row_get_selected (editor->profile_rows[k]);
      if (selected < editor->ids[k]->len)
        dlg_profile_set_participant_value (p, text_categories[k],
                                           g_ptr_array_index (editor->ids[k], selected));
    }
  dlg_participant_set_prior_participation (p, gtk_switch_get_active (editor->prior));
  dlg_participant_set_consent (p, TRUE);
  if (!dlg_participant_save (store, p, error))
    return FALSE;

  c = editor->contact;
  if (c == NULL)
    c = fresh = dlg_participant_contact_new (dlg_participant_get_id (p));
  dlg_participant_contact_set_full_name (c, gtk_editable_get_text (editor->full_name));
  dlg_participant_contact_set_email (c, gtk_editable_get_text (editor->email));
  dlg_participant_contact_set_phone (c, gtk_editable_get_text (editor->phone));
  dlg_participant_contact_set_address (c, gtk_editable_get_text (editor->address));
  if (!dlg_participant_contact_save (store, c, error))
    return FALSE;
  if (editor->contact == NULL)
    editor->contact = g_steal_pointer (&fresh);
  return TRUE;
}

/* The registration changed in the store (its status after a draw or an invitation, a sync
 * pull): show it, so that a save does not write the old status back. */
static void
participant_reload (DlgEditDialog *dialog,
                    gpointer       user_data)
{
  ParticipantEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  DlgStore *store;
  g_autoptr(DlgParticipant) fresh = NULL;
  g_autoptr(DlgParticipantContact) contact = NULL;
  gint64 id = dlg_participant_get_id (editor->participant);

  if (id == 0 || dlg_stage_view_base_get_context (base) == NULL)
    return;
  store = dlg_stage_view_base_get_store (base);
  if (!(fresh = dlg_participant_load (store, id, NULL)))
    return;
  g_set_object (&editor->participant, fresh);
  dlg_edit_dialog_refresh_switch (dialog, editor->consent, dlg_participant_get_consent (fresh));
  dlg_edit_dialog_refresh_choice (dialog, editor->channel,
                                  dlg_choice_index (&dlg_vocabulary_registration_channel,
                                                    dlg_participant_get_channel (fresh)));
  for (guint k = 0; k < G_N_ELEMENTS (text_categories); k++)
    {
      const char *value = dlg_profile_participant_value (fresh, text_categories[k]);
      guint index;

      /* A value the drop-down does not offer (mapped elsewhere to a new one) stays as shown. */
      if (editor->profile_rows[k] != NULL
          && g_ptr_array_find_with_equal_func (editor->ids[k], value, g_str_equal, &index))
        dlg_edit_dialog_refresh_choice (dialog, editor->profile_rows[k], index);
    }
  dlg_edit_dialog_refresh_switch (dialog, editor->prior,
                                  dlg_participant_get_prior_participation (fresh));
  if (!(contact = dlg_participant_contact_load (store, id, NULL)))
    return;
  g_set_object (&editor->contact, contact);
  dlg_edit_dialog_refresh_entry (dialog, editor->full_name,
                                 dlg_participant_contact_get_full_name (contact));
  dlg_edit_dialog_refresh_entry (dialog, editor->email,
                                 dlg_participant_contact_get_email (contact));
  dlg_edit_dialog_refresh_entry (dialog, editor->phone,
                                 dlg_participant_contact_get_phone (contact));
  dlg_edit_dialog_refresh_entry (dialog, editor->address,
                                 dlg_participant_contact_get_address (contact));
}

static void
participant_delete (gpointer user_data)
{
  ParticipantEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(GError) error = NULL;

  if (dlg_participant_get_id (editor->participant) != 0 &&
      !dlg_participant_delete (dlg_stage_view_base_get_store (base),
                               dlg_participant_get_id (editor->participant), &error))
    g_message ("Could not delete: %s", error->message);
}

/* The drop-down of a profile category in the registration dialog: "No answer", then the
 * category's values; a value that does not fit stays selected, shown as typed, until changed. */
static void
add_profile_choice (ParticipantEditor *editor,
                    DlgEditDialog     *dialog,
                    guint              c)
{
  DlgProfile *profile = editor->view->profile;
  const DlgProfileCategory *category = profile != NULL
    ? dlg_profile_find_category (profile, text_categories[c]) : NULL;
  const char *current = dlg_profile_participant_value (editor->participant, text_categories[c]);
  g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
  guint selected = 0;

  if (category == NULL || category->values->len == 0)
    return;
  editor->ids[c] = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (editor->ids[c], g_strdup (""));
  g_ptr_array_add (labels, g_strdup (_("No answer")));
  for (guint v = 0; v < category->values->len; v++)
    {
      const DlgProfileValue *value = g_ptr_array_index (category->values, v);

      if (g_strcmp0 (value->value, current) == 0)
        selected = editor->ids[c]->len;
      g_ptr_array_add (editor->ids[c], g_strdup (value->value));
      g_ptr_array_add (labels, g_strdup (value->label));
    }
  if (selected == 0 && current != NULL && *current != '\0')
    {
      selected = editor->ids[c]->len;
      g_ptr_array_add (editor->ids[c], g_strdup (current));
      g_ptr_array_add (labels, value_text (profile, text_categories[c], current));
    }
  g_ptr_array_add (labels, NULL);
  editor->profile_rows[c] = dlg_edit_dialog_add_choice (dialog, category->label,
                                                        (const char *const *) labels->pdata,
                                                        selected);
}

static void
edit_participant (DlgRecruitmentView *self,
                  DlgParticipant     *participant)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  ParticipantEditor *editor = g_new0 (ParticipantEditor, 1);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  g_auto(GStrv) channel_labels = dlg_vocabulary_dup_labels (&dlg_vocabulary_registration_channel);
  DlgEditDialog *dialog;
  GtkWidget *heading;
  DlgParticipantContact *c = NULL;
  const char *channel = dlg_participant_get_channel (participant);
  gboolean prior = dlg_participant_get_prior_participation (participant);

  editor->view = self;
  editor->participant = g_object_ref (participant);
  if (dlg_participant_get_id (participant) != 0)
    editor->contact = c = dlg_participant_contact_load (store, dlg_participant_get_id (participant),
                                                        NULL);

  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Registration"), participant_save, editor,
                                (GDestroyNotify)participant_editor_free);
  dlg_edit_dialog_set_note (dialog, _("The quota profile is used for the draw. The contact "
                                      "details are kept apart and only used to invite the "
                                      "panel."));
  editor->consent = dlg_edit_dialog_add_switch (dialog, _("Consent given"),
                                                _("Required: the person agrees to the use of "
                                                  "their data for the draw and the invitations"),
                                                dlg_participant_get_consent (participant));
  editor->channel = dlg_edit_dialog_add_choice (dialog, _("Channel"),
                                                (const char * const *) channel_labels,
                                                dlg_choice_index (
                                                  &dlg_vocabulary_registration_channel, channel));
  for (guint k = 0; k < G_N_ELEMENTS (text_categories); k++)
    add_profile_choice (editor, dialog, k);
  editor->prior = dlg_edit_dialog_add_switch (
    dialog, self->profile != NULL
              && dlg_profile_get_category_label (self->profile, "prior_participation") != NULL
              ? dlg_profile_get_category_label (self->profile, "prior_participation")
              : _("Took part before"), NULL, prior);

  heading = gtk_label_new (_("Contact details (kept apart, for the invitations only)"));
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_widget_set_margin_top (heading, 12);
  dlg_edit_dialog_add_widget (dialog, heading);
  {
    GtkWidget *list = gtk_list_box_new ();
    const char *titles[] = { _("Full name"), _("Email"), _("Phone"), _("Address") };
    const char *values[] = {
      c != NULL ? dlg_participant_contact_get_full_name (c) : "",
      c != NULL ? dlg_participant_contact_get_email (c) : "",
      c != NULL ? dlg_participant_contact_get_phone (c) : "",
      c != NULL ? dlg_participant_contact_get_address (c) : "",
    };
    GtkEditable **targets[] = { &editor->full_name, &editor->email, &editor->phone,
                                &editor->address };

    gtk_list_box_set_selection_mode (GTK_LIST_BOX (list), GTK_SELECTION_NONE);
    gtk_widget_add_css_class (list, "boxed-list");
    for (guint i = 0; i < G_N_ELEMENTS (titles); i++)
      {
        GtkWidget *row = adw_entry_row_new ();

        adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), titles[i]);
        gtk_editable_set_text (GTK_EDITABLE (row), values[i]);
        gtk_list_box_append (GTK_LIST_BOX (list), row);
        dlg_autosave_watch (dlg_edit_dialog_get_autosave (dialog), row);
        *targets[i] = GTK_EDITABLE (row);
      }
    dlg_edit_dialog_add_widget (dialog, list);
  }
  dlg_edit_dialog_follow (dialog, store, DLG_TYPE_PARTICIPANT, participant_reload);
  dlg_edit_dialog_follow (dialog, store, DLG_TYPE_PARTICIPANT_CONTACT, participant_reload);
  if (dlg_participant_get_id (participant) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete the Registration"), participant_delete);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
reload_participants (DlgRecruitmentView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autofree char *count = NULL;
  guint n = 0, consent = 0;

  if (dlg_stage_view_base_is_loaded (base))
    participants = dlg_participant_list (dlg_stage_view_base_get_store (base),
                                         dlg_stage_view_base_get_process_id (base),
                                         &error);
  if (participants == NULL)
    participants = G_LIST_MODEL (g_list_store_new (DLG_TYPE_PARTICIPANT));
  n = g_list_model_get_n_items (participants);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgParticipant) p = g_list_model_get_item (participants, i);

      consent += dlg_participant_get_consent (p) ? 1 : 0;
    }
  count = error != NULL ? g_strdup (error->message)
          : g_strdup_printf (g_dngettext (NULL, "%u registration, %u with consent",
                                          "%u registrations, %u with consent", n), n, consent);
  gtk_label_set_text (self->count_label, count);
  selection = gtk_no_selection_new (g_object_ref (participants));
  gtk_column_view_set_model (self->participants_view, GTK_SELECTION_MODEL (selection));
}

static void
participant_activated_cb (DlgRecruitmentView *self,
                          guint               position)
{
  GListModel *model = G_LIST_MODEL (gtk_column_view_get_model (self->participants_view));
  g_autoptr(DlgParticipant) p = g_list_model_get_item (model, position);

  /* A closed recruitment is read-only: its registrations open no editor. */
  if (p != NULL && dlg_stage_view_get_editable (DLG_STAGE_VIEW (self)))
    edit_participant (self, p);
}

static void
add_participant_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  DlgRecruitmentView *self = DLG_RECRUITMENT_VIEW (widget);
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgParticipant) p = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    return;
  p = dlg_participant_new (dlg_stage_view_base_get_process_id (base));
  dlg_participant_set_channel (p, "in_person");
  edit_participant (self, p);
}

/* ---------------------------------------------------------------- quota */

typedef struct
{
  DlgRecruitmentView *view;
  DlgQuota *item;
  AdwComboRow   *criterion;
  GPtrArray     *categories;   /* char *, one per choice of criterion */
  GPtrArray     *values;       /* char *, one per choice of criterion */
  GtkSpinButton *min;
  GtkSpinButton *max;
} QuotaEditor;

static void
quota_editor_free (QuotaEditor *editor)
{
  g_clear_object (&editor->item);
  g_clear_pointer (&editor->categories, g_ptr_array_unref);
  g_clear_pointer (&editor->values, g_ptr_array_unref);
  g_free (editor);
}

static gboolean
quota_save (gpointer   user_data,
            GError   **error)
{
  QuotaEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgQuota *item = editor->item;

  guint selected = adw_combo_row_get_selected (editor->criterion);

  if (selected >= editor->values->len
      || *(const char *) g_ptr_array_index (editor->values, selected) == '\0')
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Choose the criterion and the value of the quota."));
      return FALSE;
    }
  dlg_quota_set_category (item, g_ptr_array_index (editor->categories, selected));
  dlg_quota_set_value (item, g_ptr_array_index (editor->values, selected));
  dlg_quota_set_min (item, gtk_spin_button_get_value_as_int (editor->min));
  dlg_quota_set_max (item, gtk_spin_button_get_value_as_int (editor->max));
  return dlg_quota_save (store, item, error);
}

/* The quota changed in the store (edited in its row of the view): show it. */
static void
quota_reload (DlgEditDialog *dialog,
              gpointer       user_data)
{
  QuotaEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(DlgQuota) fresh = NULL;

  if (dlg_quota_get_id (editor->item) == 0 || dlg_stage_view_base_get_context (base) == NULL ||
      !(fresh = dlg_quota_load (dlg_stage_view_base_get_store (base),
                                dlg_quota_get_id (editor->item), NULL)))
    return;
  g_set_object (&editor->item, fresh);
  for (guint i = 0; i < editor->values->len; i++)
    if (g_strcmp0 (g_ptr_array_index (editor->categories, i), dlg_quota_get_category (fresh)) == 0
        && g_strcmp0 (g_ptr_array_index (editor->values, i), dlg_quota_get_value (fresh)) == 0)
      dlg_edit_dialog_refresh_choice (dialog, editor->criterion, i);
  dlg_edit_dialog_refresh_spin (dialog, editor->min, dlg_quota_get_min (fresh));
  dlg_edit_dialog_refresh_spin (dialog, editor->max, dlg_quota_get_max (fresh));
}

static void
quota_delete (gpointer user_data)
{
  QuotaEditor *editor = user_data;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (editor->view);
  g_autoptr(GError) error = NULL;

  DlgStore *store = dlg_stage_view_base_get_store (base);
  gint64 id = dlg_quota_get_id (editor->item);

  if (id != 0 && !dlg_quota_delete (store, id, &error))
    g_message ("Could not delete: %s", error->message);
}

static DlgEditDialog *
edit_quota (DlgRecruitmentView *self,
           DlgQuota           *item)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  QuotaEditor *editor = g_new0 (QuotaEditor, 1);
  DlgEditDialog *dialog;

  editor->view = self;
  editor->item = g_object_ref (item);
  dialog = dlg_edit_dialog_new (GTK_WIDGET (self), _("Quota"), quota_save, editor,
                                (GDestroyNotify)quota_editor_free);
  {
    g_autoptr(GPtrArray) labels = g_ptr_array_new_with_free_func (g_free);
    DlgProfile *profile = self->profile;
    guint selected = 0;

    editor->categories = g_ptr_array_new_with_free_func (g_free);
    editor->values = g_ptr_array_new_with_free_func (g_free);
    /* A new quota starts with nothing chosen: closing the dialog then creates nothing. */
    if (dlg_quota_get_id (item) == 0)
      {
        g_ptr_array_add (editor->categories, g_strdup (""));
        g_ptr_array_add (editor->values, g_strdup (""));
        g_ptr_array_add (labels, g_strdup (_("Choose…")));
      }
    /* Every criterion and value of the process, in the officer's words. */
    for (guint c = 0; profile != NULL && c < dlg_profile_get_n_categories (profile); c++)
      {
        const DlgProfileCategory *category = dlg_profile_get_category (profile, c);

        for (guint v = 0; v < category->values->len; v++)
          {
            const DlgProfileValue *value = g_ptr_array_index (category->values, v);

            if (g_strcmp0 (category->category, dlg_quota_get_category (item)) == 0
                && g_strcmp0 (value->value, dlg_quota_get_value (item)) == 0)
              selected = editor->values->len;
            g_ptr_array_add (editor->categories, g_strdup (category->category));
            g_ptr_array_add (editor->values, g_strdup (value->value));
            g_ptr_array_add (labels, dlg_profile_describe (profile, category->category,
                                                           value->value));
          }
      }
    /* A quota on a value that does not fit is shown as it is, until another is chosen. */
    if (dlg_quota_get_id (item) != 0 && profile != NULL
        && dlg_profile_get_value_label (profile, dlg_quota_get_category (item),
                                        dlg_quota_get_value (item)) == NULL)
      {
        selected = editor->values->len;
        g_ptr_array_add (editor->categories, g_strdup (dlg_quota_get_category (item)));
        g_ptr_array_add (editor->values, g_strdup (dlg_quota_get_value (item)));
        g_ptr_array_add (labels, dlg_profile_describe (profile, dlg_quota_get_category (item),
                                                       dlg_quota_get_value (item)));
      }
    g_ptr_array_add (labels, NULL);
    editor->criterion = dlg_edit_dialog_add_choice (dialog, _("Criterion and value"),
                                                    (const char *const *) labels->pdata,
                                                    selected);
  }
  editor->min = dlg_edit_dialog_add_spin (dialog, _("At least"), 0, 1000, dlg_quota_get_min (item));
  editor->max = dlg_edit_dialog_add_spin (dialog, _("At most"), 0, 1000, dlg_quota_get_max (item));
  dlg_edit_dialog_follow (dialog, dlg_stage_view_base_get_store (base), DLG_TYPE_QUOTA,
                          quota_reload);
  if (dlg_quota_get_id (item) != 0)
    dlg_edit_dialog_set_delete (dialog, _("_Delete the Quota"), quota_delete);
  gtk_window_present (GTK_WINDOW (dialog));
  return dialog;
}

/* A quota edited in place: minimum, maximum and target share, saved as typed. */
typedef struct
{
  DlgRecruitmentView *view;
  DlgQuota           *quota;
  GtkSpinButton      *min;
  GtkSpinButton      *max;
  GtkSpinButton      *target;
  GtkWidget          *warning;
  double              current;
  DlgAutosave        *autosave;
} QuotaRow;

/* The warning beside a group whose share among the registrations is well below its target. */
static void
quota_row_update_warning (QuotaRow *row)
{
  double target = dlg_quota_get_target_share (row->quota);
  gboolean under = target > 0 && row->current < 0.8 * target;
  g_autofree char *tip = NULL;

  gtk_widget_set_visible (row->warning, under);
  if (!under)
    return;
  tip = g_strdup_printf (_("Under-represented: %.0f %% of the registrations against a target "
                           "of %.0f %%. Recruit more, or the draw will need to favour them."),
                         100.0 * row->current, 100.0 * target);
  gtk_widget_set_tooltip_text (row->warning, tip);
  gtk_accessible_update_property (GTK_ACCESSIBLE (row->warning), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tip, -1);
}

static void
quota_row_free (QuotaRow *row)
{
  g_clear_object (&row->autosave);
  g_clear_object (&row->quota);
  g_free (row);
}

static gboolean
quota_row_save (gpointer   user_data,
                GError   **error)
{
  QuotaRow *row = user_data;
  DlgRecruitmentView *self = row->view;
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  DlgStore *store = dlg_stage_view_base_get_store (base);
  DlgQuota *shown = row->quota;   /* what the row was built with, or last saved */
  g_autoptr(DlgQuota) fresh = NULL;
  gboolean target_changed, saved;
  int min, max;

  /* What is typed counts, even before Enter. */
  gtk_spin_button_update (row->min);
  gtk_spin_button_update (row->max);
  gtk_spin_button_update (row->target);
  min = gtk_spin_button_get_value_as_int (row->min);
  max = gtk_spin_button_get_value_as_int (row->max);
  /* Whole per cents are shown: a stored 12.5 % (or no target) stays unless the officer
   * changes what the field shows. */
  target_changed = !dlg_spin_button_shows (row->target,
                                           100.0 * dlg_quota_get_target_share (shown));
  /* A field left as it was (its text reformatted, typed back) is no edit: nothing to write. */
  if (min == dlg_quota_get_min (shown) && max == dlg_quota_get_max (shown) && !target_changed)
    return TRUE;
  /* Onto the stored quota: only what the officer changed in the row is written (the quota's
   * dialog may have changed the rest before the list is rebuilt). */
  if (!(fresh = dlg_quota_load (store, dlg_quota_get_id (shown), error)))
    return FALSE;
  if (min != dlg_quota_get_min (shown))
    dlg_quota_set_min (fresh, min);
  if (max != dlg_quota_get_max (shown))
    dlg_quota_set_max (fresh, max);
  if (target_changed)
    dlg_quota_set_target_share (fresh, gtk_spin_button_get_value (row->target) / 100.0);
  if (dlg_quota_get_min (fresh) > dlg_quota_get_max (fresh))
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("A quota’s minimum cannot be above its maximum."));
      gtk_widget_set_visible (GTK_WIDGET (self->quota_error), TRUE);
      return FALSE;
    }
  /* The list is not rebuilt for this change: the officer is typing in it. */
  self->saving_quota = TRUE;
  saved = dlg_quota_save (store, fresh, error);
  self->saving_quota = FALSE;
  if (saved)
    g_set_object (&row->quota, fresh);
  gtk_widget_set_visible (GTK_WIDGET (self->quota_error), !saved);
  quota_row_update_warning (row);
  return saved;
}

static GtkWidget *
quota_spin (const char *label,
            double      max,
            double      value,
            const char *accessible)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 0);
  GtkWidget *caption = gtk_label_new (label);
  GtkWidget *spin = gtk_spin_button_new_with_range (0, max, 1);

  gtk_widget_add_css_class (caption, "caption");
  gtk_widget_add_css_class (caption, "dim-label");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (spin), value);
  gtk_spin_button_set_numeric (GTK_SPIN_BUTTON (spin), TRUE);
  gtk_editable_set_width_chars (GTK_EDITABLE (spin), 3);
  gtk_accessible_update_property (GTK_ACCESSIBLE (spin), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  accessible, -1);
  gtk_box_append (GTK_BOX (box), caption);
  gtk_box_append (GTK_BOX (box), spin);
  gtk_widget_set_valign (box, GTK_ALIGN_CENTER);
  return box;
}

static void
flush_quota_rows (DlgRecruitmentView *self)
{
  for (guint i = 0; self->quota_rows != NULL && i < self->quota_rows->len; i++)
    {
      QuotaRow *row = g_ptr_array_index (self->quota_rows, i);

      dlg_autosave_flush (row->autosave);
    }
}

static void
reload_quota (DlgRecruitmentView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GListModel) participants = NULL;
  g_autoptr(GError) error = NULL;
  DlgStore *store;
  guint n, n_pool = 0, n_participants;

  flush_quota_rows (self);
  g_ptr_array_set_size (self->quota_rows, 0);
  dlg_list_box_remove_all (self->quota_list);
  if (!dlg_stage_view_base_is_loaded (base))
    return;
  store = dlg_stage_view_base_get_store (base);

  items = dlg_quota_list (store, dlg_stage_view_base_get_process_id (base), &error);
  if (items == NULL)
    {
      gtk_list_box_append (self->quota_list, dlg_placeholder_row_new (error->message));
      return;
    }
  participants = dlg_participant_list (store, dlg_stage_view_base_get_process_id (base), NULL);
  n_participants = participants != NULL ? g_list_model_get_n_items (participants) : 0;
  for (guint i = 0; i < n_participants; i++)
    {
      g_autoptr(DlgParticipant) p = g_list_model_get_item (participants, i);

      if (dlg_participant_get_consent (p)
          && g_strcmp0 (dlg_participant_get_status (p), "erased") != 0)
        n_pool++;
    }

  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgQuota) item = g_list_model_get_item (items, i);
      const char *category = dlg_quota_get_category (item);
      const char *value = dlg_quota_get_value (item);
      double target = dlg_quota_get_target_share (item);
      g_autofree char *title = NULL;
      g_autofree char *subtitle = NULL;
      GtkWidget *widget, *min, *max, *share, *arrow, *icon;
      QuotaRow *row;
      guint count = 0;
      double current;

      for (guint j = 0; j < n_participants; j++)
        {
          g_autoptr(DlgParticipant) p = g_list_model_get_item (participants, j);

          if (dlg_participant_get_consent (p)
              && g_strcmp0 (dlg_participant_get_status (p), "erased") != 0
              && g_strcmp0 (dlg_profile_participant_value (p, category), value) == 0)
            count++;
        }
      current = n_pool > 0 ? (double) count / n_pool : 0.0;

      title = dlg_profile_describe (self->profile, category, value);
      /* Translators: the share of a group among the registrations, e.g. "Now 12 % (5 of 40)". */
      subtitle = g_strdup_printf (_("Now %.0f %% of the consenting registrations (%u of %u)"),
                                  100.0 * current, count, n_pool);
      widget = adw_action_row_new ();
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (widget), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (widget), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (widget), subtitle);
      icon = gtk_image_new_from_icon_name ("dialog-warning-symbolic");
      gtk_widget_add_css_class (icon, "warning");
      /* A suffix, left of the figures: the titles stay aligned whether it shows or not. */
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), icon);

      min = quota_spin (_("At least"), 1000, dlg_quota_get_min (item), _("At least"));
      max = quota_spin (_("At most"), 1000, dlg_quota_get_max (item), _("At most"));
      share = quota_spin (_("Target %"), 100, 100.0 * target, _("Target share, in per cent"));
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), min);
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), max);
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), share);
      arrow = gtk_image_new_from_icon_name ("go-next-symbolic");
      adw_action_row_add_suffix (ADW_ACTION_ROW (widget), arrow);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (widget), TRUE);
      g_object_set_data (G_OBJECT (widget), "dlg-record-id",
                         GSIZE_TO_POINTER ((gsize) dlg_quota_get_id (item)));

      row = g_new0 (QuotaRow, 1);
      row->view = self;
      row->quota = g_object_ref (item);
      row->min = GTK_SPIN_BUTTON (gtk_widget_get_last_child (min));
      row->max = GTK_SPIN_BUTTON (gtk_widget_get_last_child (max));
      row->target = GTK_SPIN_BUTTON (gtk_widget_get_last_child (share));
      row->warning = icon;
      row->current = current;
      quota_row_update_warning (row);
      g_object_set_data (G_OBJECT (widget), "dlg-quota-row", row);
      row->autosave = dlg_autosave_new (quota_row_save, row);
      dlg_autosave_set_error_label (row->autosave, self->quota_error);
      dlg_autosave_watch (row->autosave, GTK_WIDGET (row->min));
      dlg_autosave_watch (row->autosave, GTK_WIDGET (row->max));
      dlg_autosave_watch (row->autosave, GTK_WIDGET (row->target));
      /* Typing (not only the buttons) starts the 400 ms delay. */
      g_signal_connect_object (row->min, "changed", G_CALLBACK (dlg_autosave_schedule),
                               row->autosave, G_CONNECT_SWAPPED);
      g_signal_connect_object (row->max, "changed", G_CALLBACK (dlg_autosave_schedule),
                               row->autosave, G_CONNECT_SWAPPED);
      g_signal_connect_object (row->target, "changed", G_CALLBACK (dlg_autosave_schedule),
                               row->autosave, G_CONNECT_SWAPPED);
      g_ptr_array_add (self->quota_rows, row);
      gtk_list_box_append (self->quota_list, widget);
    }
}

static void
quota_activated_cb (DlgRecruitmentView *self,
                   GtkListBoxRow      *row)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgQuota) item = NULL;

  item = dlg_record_row_load (row, dlg_stage_view_base_get_context (base),
                              (DlgRecordLoadFunc) dlg_quota_load);
  if (item != NULL)
    edit_quota (self, item);
}

static void
add_quota_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  DlgRecruitmentView *self = DLG_RECRUITMENT_VIEW (widget);
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(DlgQuota) item = NULL;

  if (!dlg_stage_view_base_is_loaded (base))
    return;
  item = dlg_quota_new (dlg_stage_view_base_get_process_id (base));
  dlg_quota_set_max (item, 1);
  edit_quota (self, item);
}

/* ---------------------------------------------------------------- DlgStageView */

/* ---------------------------------------------------------------- values to fix */

typedef struct
{
  char      *category;
  char      *value;
  GPtrArray *names;
} MisfitGroup;

static void
misfit_group_free (MisfitGroup *group)
{
  g_free (group->category);
  g_free (group->value);
  g_ptr_array_unref (group->names);
  g_free (group);
}

static void
misfit_chosen_cb (GtkDropDown        *dropdown,
                  GParamSpec         *pspec,
                  DlgRecruitmentView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  GPtrArray *ids = g_object_get_data (G_OBJECT (dropdown), "dlg-ids");
  const char *category = g_object_get_data (G_OBJECT (dropdown), "dlg-category");
  const char *from = g_object_get_data (G_OBJECT (dropdown), "dlg-value");
  guint selected = gtk_drop_down_get_selected (dropdown);
  g_autoptr(GError) error = NULL;
  g_autofree char *to = NULL;
  guint n = 0;

  /* The first choice is "Choose…": nothing to do. */
  if (selected == 0 || selected >= ids->len || dlg_stage_view_base_get_context (base) == NULL)
    return;
  /* The choice with no id adds the value to the vocabulary as it is. */
  if (g_ptr_array_index (ids, selected) == NULL)
    {
      if (!dlg_profile_set_value (dlg_stage_view_base_get_store (base),
                                  dlg_stage_view_base_get_process_id (base),
                                  category, from, from, &error))
        {
          gtk_label_set_text (self->misfit_message, error->message);
          return;
        }
      gtk_label_set_text (self->misfit_message, "");
      return;
    }
  to = g_strdup (g_ptr_array_index (ids, selected));
  if (!dlg_profile_map_value (dlg_stage_view_base_get_store (base),
                              dlg_stage_view_base_get_process_id (base), category,
                              from, to, &n, &error))
    gtk_label_set_text (self->misfit_message, error->message);
  else
    {
      g_autofree char *what = dlg_profile_describe (self->profile, category, to);
      g_autofree char *done = g_strdup_printf (g_dngettext (NULL,
                                                            "%u registration now holds “%s”.",
                                                            "%u registrations now hold “%s”.",
                                                            n), n, what);

      gtk_label_set_text (self->misfit_message, done);
    }
}

/* One row per category and value that does not fit, naming the people who hold it, with a
 * drop-down of the category's values to map it to. */
static void
reload_misfits (DlgRecruitmentView *self)
{
  DlgStageViewBase *base = DLG_STAGE_VIEW_BASE (self);
  g_autoptr(GPtrArray) misfits = NULL;
  g_autoptr(GPtrArray) groups = g_ptr_array_new_with_free_func ((GDestroyNotify) misfit_group_free);
  g_autoptr(GError) error = NULL;

  dlg_list_box_remove_all (self->misfit_list);
  if (dlg_stage_view_base_is_loaded (base))
    misfits = dlg_profile_list_misfits (dlg_stage_view_base_get_store (base),
                                        dlg_stage_view_base_get_process_id (base),
                                        &error);
  if (misfits == NULL)
    {
      gtk_widget_set_visible (self->misfit_group, error != NULL);
      if (error != NULL)
        gtk_list_box_append (self->misfit_list, dlg_placeholder_row_new (error->message));
      return;
    }
  for (guint i = 0; i < misfits->len; i++)
    {
      DlgProfileMisfit *m = g_ptr_array_index (misfits, i);
      MisfitGroup *group = NULL;

      for (guint g = 0; g < groups->len && group == NULL; g++)
        {
          MisfitGroup *candidate = g_ptr_array_index (groups, g);

          if (g_str_equal (candidate->category, m->category)
              && g_str_equal (candidate->value, m->value))
            group = candidate;
        }
      if (group == NULL)
        {
          group = g_new0 (MisfitGroup, 1);
          group->category = g_strdup (m->category);
          group->value = g_strdup (m->value);
          group->names = g_ptr_array_new_with_free_func (g_free);
          g_ptr_array_add (groups, group);
        }
      g_ptr_array_add (group->names, g_strdup (*m->full_name != '\0' ? m->full_name
                                                                      : _("(no name)")));
    }
  gtk_widget_set_visible (self->misfit_group, groups->len > 0);
  if (groups->len == 0)
    gtk_label_set_text (self->misfit_message, "");

  for (guint g = 0; g < groups->len; g++)
    {
      MisfitGroup *group = g_ptr_array_index (groups, g);
      const DlgProfileCategory *category = dlg_profile_find_category (self->profile,
                                                                      group->category);
      g_autofree char *title = dlg_profile_describe (self->profile, group->category,
                                                     group->value);
      g_autofree char *names = NULL;
      g_autoptr(GtkStringList) labels = gtk_string_list_new (NULL);
      GPtrArray *ids = g_ptr_array_new_with_free_func (g_free);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *dropdown;

      g_ptr_array_add (group->names, NULL);
      names = g_strjoinv (", ", (char **) group->names->pdata);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), names);

      gtk_string_list_append (labels, _("Choose…"));
      g_ptr_array_add (ids, g_strdup (""));
      for (guint v = 0; category != NULL && v < category->values->len; v++)
        {
          const DlgProfileValue *value = g_ptr_array_index (category->values, v);

          gtk_string_list_append (labels, value->label);
          g_ptr_array_add (ids, g_strdup (value->value));
        }
      /* Communes and quartiers are the process's own lists: a new one can join them. */
      if (*group->value != '\0' && (g_str_equal (group->category, "commune")
                                    || g_str_equal (group->category, "quartier")))
        {
          g_autofree char *add = g_strdup_printf (_("Add “%s” to the values"), group->value);

          gtk_string_list_append (labels, add);
          g_ptr_array_add (ids, NULL);
        }
      if (*group->value != '\0' && category != NULL && !category->required)
        {
          gtk_string_list_append (labels, _("No answer"));
          g_ptr_array_add (ids, g_strdup (""));
        }
      dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (labels)), NULL);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_accessible_update_property (GTK_ACCESSIBLE (dropdown), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      title, -1);
      g_object_set_data_full (G_OBJECT (dropdown), "dlg-ids", ids,
                              (GDestroyNotify) g_ptr_array_unref);
      g_object_set_data_full (G_OBJECT (dropdown), "dlg-category", g_strdup (group->category),
                              g_free);
      g_object_set_data_full (G_OBJECT (dropdown), "dlg-value", g_strdup (group->value), g_free);
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (misfit_chosen_cb), self,
                               0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      gtk_list_box_append (self->misfit_list, row);
    }
}

/* ---------------------------------------------------------------- DlgStageViewBase */

static void
reload (DlgStageViewBase *base)
{
  DlgRecruitmentView *self = DLG_RECRUITMENT_VIEW (base);

  g_clear_pointer (&self->profile, dlg_profile_free);
  if (dlg_stage_view_base_is_loaded (base))
    self->profile = dlg_profile_load (dlg_stage_view_base_get_store (base),
                                      dlg_stage_view_base_get_process_id (base),
                                      NULL);
  reload_misfits (self);
  reload_quota (self);
  reload_participants (self);
}

/* The view's own quota saves do not rebuild the quota rows (their editors stay). */
static gboolean
concerns (DlgStageViewBase *base,
          GType             type)
{
  DlgRecruitmentView *self = DLG_RECRUITMENT_VIEW (base);

  if (type == DLG_TYPE_QUOTA)
    return !self->saving_quota;
  return DLG_STAGE_VIEW_BASE_CLASS (dlg_recruitment_view_parent_class)->concerns (base, type);
}

static void
load (DlgStageViewBase *base)
{
  DlgRecruitmentView *self = DLG_RECRUITMENT_VIEW (base);

  reload (base);
  dlg_draw_panel_load (self->draw_panel, dlg_stage_view_base_get_context (base),
                       dlg_stage_view_base_get_process_id (base));
}

static void
flush (DlgStageViewBase *base)
{
  flush_quota_rows (DLG_RECRUITMENT_VIEW (base));
}

static void
dlg_recruitment_view_dispose (GObject *object)
{
  DlgRecruitmentView *self = (DlgRecruitmentView *)object;

  flush_quota_rows (self);
  g_clear_pointer (&self->quota_rows, g_ptr_array_unref);
  g_clear_pointer (&self->profile, dlg_profile_free);

  G_OBJECT_CLASS (dlg_recruitment_view_parent_class)->dispose (object);
}

static void
dlg_recruitment_view_class_init (DlgRecruitmentViewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);

  object_class->dispose = dlg_recruitment_view_dispose;

  view_class->stage = DLG_STAGE_RECRUITMENT;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_PARTICIPANT);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_PARTICIPANT_CONTACT);
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_PROFILE);
  view_class->concerns = concerns;
  view_class->load = load;
  view_class->reload = reload;
  view_class->flush = flush;

  g_type_ensure (DLG_TYPE_DRAW_PANEL);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               RESOURCE_PATH "dlg-recruitment-view.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgRecruitmentView, quota_list);
  gtk_widget_class_bind_template_child (widget_class, DlgRecruitmentView, quota_error);
  gtk_widget_class_bind_template_child (widget_class, DlgRecruitmentView, draw_panel);
  gtk_widget_class_install_action (widget_class, "view.add-quota", NULL,
                                   add_quota_action);
  gtk_widget_class_bind_template_child (widget_class, DlgRecruitmentView, count_label);
  gtk_widget_class_bind_template_child (widget_class, DlgRecruitmentView, participants_view);
  gtk_widget_class_bind_template_child (widget_class, DlgRecruitmentView, misfit_group);
  gtk_widget_class_bind_template_child (widget_class, DlgRecruitmentView, misfit_list);
  gtk_widget_class_bind_template_child (widget_class, DlgRecruitmentView, misfit_message);
  gtk_widget_class_install_action (widget_class, "view.add-participant", NULL,
                                   add_participant_action);
}

static void
dlg_recruitment_view_init (DlgRecruitmentView *self)
{
  self->quota_rows = g_ptr_array_new_with_free_func ((GDestroyNotify) quota_row_free);
  gtk_widget_init_template (GTK_WIDGET (self));

  gtk_list_box_set_placeholder (self->quota_list,
                                dlg_placeholder_row_new (_("No quota yet: the draw would only "
                                                           "be random.")));
  g_signal_connect_object (self->quota_list, "row-activated",
                           G_CALLBACK (quota_activated_cb), self, G_CONNECT_SWAPPED);
  add_columns (self);
  g_signal_connect_object (self->participants_view, "activate",
                           G_CALLBACK (participant_activated_cb), self, G_CONNECT_SWAPPED);
}
