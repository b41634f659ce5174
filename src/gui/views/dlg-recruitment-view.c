/* dlg-recruitment-view.c — stage 5: recruitment of the panel
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Registrations are shown by their quota profile only: contact details never appear in the
 * list (they are edited in the registration dialog, in their own section). A registration by
 * hand cannot be saved without the person's consent. Profiles and quotas use the process's
 * vocabulary (DlgProfile): the dialogs offer its values as choices, the lists show its labels,
 * and values that do not fit it are listed, by person, to be mapped before a draw.
 * Registrations and quotas are edited in the dialogs generated from their field tables
 * (DlgRecordEditor), the profile's values as the view's choices, and saved as the officer
 * types, like the free-form fields; the lists follow DlgStore::changed.
 */

#define G_LOG_DOMAIN "dlg-recruitment-view"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-accessible.h"
#include "dlg-recruitment-view.h"
#include "dlg-date.h"
#include "dlg-draw-panel.h"
#include "dlg-record-editor.h"
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

        /* A short date in the interface's language (not LC_TIME's, which may be C: 09/11/26
         * for 11 September): the column stays narrow. */
        /* Translators: a short date, as in strftime() */
        date = local != NULL ? dlg_date_time_format (local, _("%d/%m/%Y")) : NULL;
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
  dlg_accessible_name_cell_row (GTK_WIDGET (label));
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

/* The contact details, kept apart from the registration: the entries of their fragment and
 * the row as last read (NULL until the first save). */
typedef struct
{
  DlgRecruitmentView    *view;   /* (unowned) for the rows' setup, as the dialog is built */
  DlgStore              *store;
  DlgParticipantContact *contact;
  GtkEditable           *entries[4];
} ContactEditor;

/* The profile category a registration's property holds ("age-band": "age_band"). */
static char *
property_category (const char *property)
{
  return g_strdelimit (g_strdup (property), "-", '_');
}

/* The drop-down of a profile category: "No answer", then the category's values; a value that
 * does not fit stays selected, shown as typed, until changed. No values: no row. */
static void
profile_choices (DlgRecordEditorSetup *setup,
                 DlgRecord            *record,
                 gpointer              user_data)
{
  DlgProfile *profile = ((ContactEditor *)user_data)->view->profile;
  const char *property = dlg_record_editor_setup_get_property (setup);
  g_autofree char *category_id = property_category (property);
  const DlgProfileCategory *category = profile != NULL
    ? dlg_profile_find_category (profile, category_id) : NULL;
  const char *current = dlg_profile_participant_value (DLG_PARTICIPANT (record), category_id);
  gboolean fits = FALSE;

  if (category == NULL || category->values->len == 0)
    {
      dlg_record_editor_setup_skip (setup);
      return;
    }
  dlg_record_editor_setup_set_label (setup, category->label);
  dlg_record_editor_setup_add_choice (setup, _("No answer"),
                                      g_variant_new_parsed ("{%s: <''>}", property));
  for (guint v = 0; v < category->values->len; v++)
    {
      const DlgProfileValue *value = g_ptr_array_index (category->values, v);

      fits = fits || g_strcmp0 (value->value, current) == 0;
      dlg_record_editor_setup_add_choice (setup, value->label,
                                          g_variant_new_parsed ("{%s: <%s>}", property,
                                                                value->value));
    }
  if (!fits && current != NULL && *current != '\0')
    {
      g_autofree char *shown = value_text (profile, category_id, current);

      dlg_record_editor_setup_add_choice (setup, shown,
                                          g_variant_new_parsed ("{%s: <%s>}", property, current));
    }
}

/* Prior participation is named by the process's vocabulary. */
static void
prior_label (DlgRecordEditorSetup *setup,
             DlgRecord            *record,
             gpointer              user_data)
{
  DlgProfile *profile = ((ContactEditor *)user_data)->view->profile;
  const char *label = profile != NULL
    ? dlg_profile_get_category_label (profile, "prior_participation") : NULL;

  if (label != NULL)
    dlg_record_editor_setup_set_label (setup, label);
}

/* A registration by hand needs the person's consent; its profile is the process's vocabulary. */
static const DlgRecordEditorRow participant_rows[] = {
  { .property = "consent", .label = N_("Consent given"),
    .subtitle = N_("Required: the person agrees to the use of their data for the draw and the "
                   "invitations"),
    .message = N_("A registration needs the person’s consent to the use of their data for the "
                  "draw and the invitations. Ask for it, then switch it on.") },
  { .property = "channel", .label = N_("Channel") },
  { .property = "age-band", .setup = profile_choices },
  { .property = "gender", .setup = profile_choices },
  { .property = "commune", .setup = profile_choices },
  { .property = "quartier", .setup = profile_choices },
  { .property = "occupation", .setup = profile_choices },
  { .property = "prior-participation", .label = N_("Took part before"), .setup = prior_label },
  { NULL },
};

static void
contact_editor_free (ContactEditor *editor)
{
  g_clear_object (&editor->store);
  g_clear_object (&editor->contact);
  g_free (editor);
}

static const char *const contact_properties[] = { "full-name", "email", "phone", "address" };

static const char *
contact_get (DlgParticipantContact *contact,
             guint                  i)
{
  switch (i)
    {
    case 0: return dlg_participant_contact_get_full_name (contact);
    case 1: return dlg_participant_contact_get_email (contact);
    case 2: return dlg_participant_contact_get_phone (contact);
    default: return dlg_participant_contact_get_address (contact);
    }
}

/* Once the registration is saved: its contact details, in the same save. */
static gboolean
contact_saved (DlgEditDialog  *dialog,
               DlgRecord      *record,
               gpointer        user_data,
               GError        **error)
{
  ContactEditor *editor = user_data;
  g_autoptr(DlgParticipantContact) fresh = NULL;
  DlgParticipantContact *c = editor->contact;

  if (c == NULL)
    c = fresh = dlg_participant_contact_new (dlg_record_get_id (record));
  for (guint i = 0; i < G_N_ELEMENTS (contact_properties); i++)
    g_object_set (c, contact_properties[i], gtk_editable_get_text (editor->entries[i]), NULL);
  if (!dlg_participant_contact_save (editor->store, c, error))
    return FALSE;
  if (editor->contact == NULL)
    editor->contact = g_steal_pointer (&fresh);
  return TRUE;
}

static void
contact_reload (DlgEditDialog *dialog,
                DlgRecord     *record,
                gpointer       user_data)
{
  ContactEditor *editor = user_data;
  g_autoptr(DlgParticipantContact) contact = NULL;

  if (!(contact = dlg_participant_contact_load (editor->store, dlg_record_get_id (record), NULL)))
    return;
  g_set_object (&editor->contact, contact);
  for (guint i = 0; i < G_N_ELEMENTS (editor->entries); i++)
    dlg_edit_dialog_refresh_entry (dialog, editor->entries[i], contact_get (contact, i));
}

static const DlgRecordEditorHooks contact_hooks = {
  .saved = contact_saved,
  .reload = contact_reload,
};

static void
edit_participant (DlgRecruitmentView *self,
                  DlgParticipant     *participant)
{
  DlgStore *store = dlg_stage_view_base_get_store (DLG_STAGE_VIEW_BASE (self));
  ContactEditor *contact = g_new0 (ContactEditor, 1);
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource (RESOURCE_PATH
                                                                  "dlg-registration-contact.ui");
  const char *ids[] = { "full_name", "email", "phone", "address" };
  DlgEditDialog *dialog;

  contact->view = self;
  contact->store = g_object_ref (store);
  if (dlg_participant_get_id (participant) != 0)
    contact->contact = dlg_participant_contact_load (store, dlg_participant_get_id (participant),
                                                     NULL);
  dialog = dlg_record_editor_new_full (GTK_WIDGET (self), store, DLG_RECORD (participant),
                                       _("Registration"), _("_Delete the Registration"),
                                       participant_rows, &contact_hooks, contact,
                                       (GDestroyNotify)contact_editor_free);
  dlg_edit_dialog_set_note (dialog, _("The quota profile is used for the draw. The contact "
                                      "details are kept apart and only used to invite the "
                                      "panel."));
  for (guint i = 0; i < G_N_ELEMENTS (ids); i++)
    {
      contact->entries[i] = GTK_EDITABLE (gtk_builder_get_object (builder, ids[i]));
      gtk_editable_set_text (contact->entries[i],
                             contact->contact != NULL ? contact_get (contact->contact, i) : "");
      dlg_autosave_watch (dlg_edit_dialog_get_autosave (dialog), GTK_WIDGET (contact->entries[i]));
    }
  dlg_edit_dialog_add_widget (dialog, GTK_WIDGET (gtk_builder_get_object (builder, "contact")));
  dlg_record_editor_follow (dialog, DLG_TYPE_PARTICIPANT_CONTACT);
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

/* Every criterion and value of the process, in the officer's words: a choice sets both. */
static void
criterion_choices (DlgRecordEditorSetup *setup,
                   DlgRecord            *record,
                   gpointer              user_data)
{
  DlgProfile *profile = DLG_RECRUITMENT_VIEW (user_data)->profile;
  DlgQuota *quota = DLG_QUOTA (record);
  const char *category_id = dlg_quota_get_category (quota);
  const char *value_id = dlg_quota_get_value (quota);

  /* A new quota starts with nothing chosen: closing the dialog then creates nothing. */
  if (dlg_quota_get_id (quota) == 0)
    dlg_record_editor_setup_add_choice (setup, _("Choose…"), NULL);
  for (guint c = 0; profile != NULL && c < dlg_profile_get_n_categories (profile); c++)
    {
      const DlgProfileCategory *category = dlg_profile_get_category (profile, c);

      for (guint v = 0; v < category->values->len; v++)
        {
          const DlgProfileValue *value = g_ptr_array_index (category->values, v);
          g_autofree char *label = dlg_profile_describe (profile, category->category,
                                                         value->value);

          dlg_record_editor_setup_add_choice (setup, label,
                                              g_variant_new_parsed ("{'category': <%s>, "
                                                                    "'value': <%s>}",
                                                                    category->category,
                                                                    value->value));
        }
    }
  /* A quota on a value that does not fit is shown as it is, until another is chosen. */
  if (dlg_quota_get_id (quota) != 0 && profile != NULL
      && dlg_profile_get_value_label (profile, category_id, value_id) == NULL)
    {
      g_autofree char *label = dlg_profile_describe (profile, category_id, value_id);

      dlg_record_editor_setup_add_choice (setup, label,
                                          g_variant_new_parsed ("{'category': <%s>, "
                                                                "'value': <%s>}",
                                                                category_id, value_id));
    }
}

static const DlgRecordEditorRow quota_rows[] = {
  { .property = "category", .label = N_("Criterion and value"), .setup = criterion_choices,
    .message = N_("Choose the criterion and the value of the quota.") },
  { .property = "min", .label = N_("At least"), .minimum = 0, .maximum = 1000 },
  { .property = "max", .label = N_("At most"), .minimum = 0, .maximum = 1000 },
  { NULL },
};

static void
edit_quota (DlgRecruitmentView *self,
            DlgQuota           *item)
{
  dlg_record_editor_new_full (GTK_WIDGET (self),
                              dlg_stage_view_base_get_store (DLG_STAGE_VIEW_BASE (self)),
                              DLG_RECORD (item), _("Quota"), _("_Delete the Quota"), quota_rows,
                              NULL, self, NULL);
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
      g_autofree char *min_name = NULL;
      g_autofree char *max_name = NULL;
      g_autofree char *share_name = NULL;
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

      /* Each spin button says whose figure it is: one list holds a row per quota. */
      /* Translators: accessible names of a quota's figures; %s is the group ("Women"). */
      min_name = g_strdup_printf (_("At least, %s"), title);
      max_name = g_strdup_printf (_("At most, %s"), title);
      share_name = g_strdup_printf (_("Target share in per cent, %s"), title);
      min = quota_spin (_("At least"), 1000, dlg_quota_get_min (item), min_name);
      max = quota_spin (_("At most"), 1000, dlg_quota_get_max (item), max_name);
      share = quota_spin (_("Target %"), 100, 100.0 * target, share_name);
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
