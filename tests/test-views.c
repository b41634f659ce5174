/* test-views.c — the stage views' base and the record section
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * DlgStageViewBase: what a thin subclass gets (the DlgStageView interface, the store's watch,
 * its field bindings). DlgRecordSection: rows follow the records in place (an updated record
 * keeps its row widget), placeholder and error, activation.
 */

#include "config.h"

#include <adwaita.h>

#include "dlg-core.h"
#include "dlg-probability-chart.h"
#include "dlg-record-editor.h"
#include "dlg-record-section.h"
#include "dlg-record-section-row.h"
#include "dlg-stage-view-base.h"
#include "gui-fixture.h"

typedef GuiFixture Fixture;

static char *template_db;

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  gui_fixture_setup (f, template_db, "dialogue-views");
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  gui_fixture_teardown (f);
}

/* ---------------------------------------------------------------- a thin stage view */

#define TEST_TYPE_VIEW (test_view_get_type ())
G_DECLARE_FINAL_TYPE (TestView, test_view, TEST, VIEW, DlgStageViewBase)

struct _TestView
{
  DlgStageViewBase parent_instance;

  GtkTextView     *budget_text;
  guint            n_loads;
  guint            n_reloads;
  guint            n_flushes;
};

G_DEFINE_FINAL_TYPE (TestView, test_view, DLG_TYPE_STAGE_VIEW_BASE)

static const char test_view_ui[] =
  "<interface>"
  "  <template class=\"TestView\" parent=\"DlgStageViewBase\">"
  "    <child><object class=\"GtkTextView\" id=\"budget_text\"/></child>"
  "  </template>"
  "</interface>";

static void
test_view_load (DlgStageViewBase *base)
{
  TEST_VIEW (base)->n_loads++;
  DLG_STAGE_VIEW_BASE_CLASS (test_view_parent_class)->load (base);
}

static void
test_view_reload (DlgStageViewBase *base)
{
  TEST_VIEW (base)->n_reloads++;
}

static void
test_view_flush (DlgStageViewBase *base)
{
  TEST_VIEW (base)->n_flushes++;
}

static void
test_view_class_init (TestViewClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  DlgStageViewBaseClass *view_class = DLG_STAGE_VIEW_BASE_CLASS (klass);
  g_autoptr(GBytes) ui = g_bytes_new_static (test_view_ui, sizeof test_view_ui - 1);

  view_class->stage = DLG_STAGE_SPECIFICATION;
  dlg_stage_view_base_class_watch (view_class, DLG_TYPE_DECISION);
  view_class->load = test_view_load;
  view_class->reload = test_view_reload;
  view_class->flush = test_view_flush;
  gtk_widget_class_set_template (widget_class, ui);
  gtk_widget_class_bind_template_child (widget_class, TestView, budget_text);
}

static void
test_view_init (TestView *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  dlg_stage_view_base_bind_field (DLG_STAGE_VIEW_BASE (self), GTK_WIDGET (self->budget_text),
                                  DLG_FIELD_SPEC_BUDGET);
}

static char *
text_of (GtkTextView *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

/* A subclass that sets its stage, its tables and its reload, and binds one field: it is a
 * DlgStageView; a load shows the field and reloads; changes of its tables for its process (or
 * every process) reload it once per burst, from an idle; others do not; flush saves the field
 * and calls the subclass; after a load of nothing, no change reaches it. */
static void
test_base (Fixture       *f,
           gconstpointer  data)
{
  TestView *view = g_object_ref_sink (g_object_new (TEST_TYPE_VIEW, NULL));
  g_autofree char *stored = dlg_process_get_field (f->store, f->demo_id, DLG_FIELD_SPEC_BUDGET,
                                                   NULL);
  g_autofree char *shown = NULL;
  g_autofree char *saved = NULL;

  reopen_down_to (f, DLG_STAGE_SPECIFICATION);
  g_assert_true (DLG_IS_STAGE_VIEW (view));
  g_assert_cmpint (dlg_stage_view_get_stage (DLG_STAGE_VIEW (view)), ==, DLG_STAGE_SPECIFICATION);
  g_assert_false (dlg_stage_view_base_is_loaded (DLG_STAGE_VIEW_BASE (view)));
  g_assert_null (dlg_stage_view_base_get_store (DLG_STAGE_VIEW_BASE (view)));

  dlg_stage_view_load (DLG_STAGE_VIEW (view), f->context, f->demo_id);
  g_assert_true (dlg_stage_view_base_is_loaded (DLG_STAGE_VIEW_BASE (view)));
  g_assert_true (dlg_stage_view_base_get_context (DLG_STAGE_VIEW_BASE (view)) == f->context);
  g_assert_true (dlg_stage_view_base_get_store (DLG_STAGE_VIEW_BASE (view)) == f->store);
  g_assert_cmpint (dlg_stage_view_base_get_process_id (DLG_STAGE_VIEW_BASE (view)), ==,
                   f->demo_id);
  g_assert_cmpuint (view->n_loads, ==, 1);
  g_assert_cmpuint (view->n_reloads, ==, 1);
  shown = text_of (view->budget_text);
  g_assert_cmpstr (shown, ==, stored != NULL ? stored : "");

  dlg_store_emit_changed (f->store, DLG_TYPE_DECISION, f->demo_id);
  dlg_store_emit_changed (f->store, DLG_TYPE_DECISION, f->demo_id);
  dlg_store_emit_changed (f->store, DLG_TYPE_DECISION, 0);
  dlg_store_emit_changed (f->store, DLG_TYPE_REVIEW, f->demo_id);
  dlg_store_emit_changed (f->store, DLG_TYPE_DECISION, f->demo_id + 1000);
  g_assert_cmpuint (view->n_reloads, ==, 1);
  spin (20);
  g_assert_cmpuint (view->n_reloads, ==, 2);
  dlg_store_emit_changed (f->store, DLG_TYPE_REVIEW, 0);
  spin (20);
  g_assert_cmpuint (view->n_reloads, ==, 2);

  gtk_text_buffer_set_text (gtk_text_view_get_buffer (view->budget_text), "Typed in the base", -1);
  dlg_stage_view_flush (DLG_STAGE_VIEW (view));
  g_assert_cmpuint (view->n_flushes, ==, 1);
  saved = dlg_process_get_field (f->store, f->demo_id, DLG_FIELD_SPEC_BUDGET, NULL);
  g_assert_cmpstr (saved, ==, "Typed in the base");

  dlg_stage_view_load (DLG_STAGE_VIEW (view), NULL, 0);
  g_assert_false (dlg_stage_view_base_is_loaded (DLG_STAGE_VIEW_BASE (view)));
  g_assert_cmpuint (view->n_flushes, ==, 2);   /* what was typed belongs to the last process */
  g_assert_cmpuint (view->n_reloads, ==, 3);
  dlg_store_emit_changed (f->store, DLG_TYPE_DECISION, 0);
  spin (20);
  g_assert_cmpuint (view->n_reloads, ==, 3);

  /* Read-only: the base's interface hides every editing control, and gives them back. */
  dlg_stage_view_set_editable (DLG_STAGE_VIEW (view), FALSE);
  g_assert_false (gtk_text_view_get_editable (view->budget_text));
  dlg_stage_view_set_editable (DLG_STAGE_VIEW (view), TRUE);
  g_assert_true (gtk_text_view_get_editable (view->budget_text));

  g_object_unref (view);
}

/* ---------------------------------------------------------------- a small record type */

#define TEST_TYPE_ITEM (test_item_get_type ())
G_DECLARE_FINAL_TYPE (TestItem, test_item, TEST, ITEM, GObject)

struct _TestItem
{
  GObject  parent_instance;
  gint64   id;
  char    *title;
  int      number;   /* read-only: set by "the store" */
};

G_DEFINE_FINAL_TYPE (TestItem, test_item, G_TYPE_OBJECT)

enum { ITEM_PROP_0, ITEM_PROP_ID, ITEM_PROP_TITLE, ITEM_PROP_NUMBER, ITEM_N_PROPS };
static GParamSpec *item_properties[ITEM_N_PROPS];

static void
test_item_get_property (GObject    *object,
                        guint       prop_id,
                        GValue     *value,
                        GParamSpec *pspec)
{
  TestItem *self = TEST_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID: g_value_set_int64 (value, self->id); break;
    case ITEM_PROP_TITLE: g_value_set_string (value, self->title); break;
    case ITEM_PROP_NUMBER: g_value_set_int (value, self->number); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_item_set_property (GObject      *object,
                        guint         prop_id,
                        const GValue *value,
                        GParamSpec   *pspec)
{
  TestItem *self = TEST_ITEM (object);

  switch (prop_id)
    {
    case ITEM_PROP_ID: self->id = g_value_get_int64 (value); break;
    case ITEM_PROP_TITLE:
      g_free (self->title);
      self->title = g_value_dup_string (value);
      g_object_notify_by_pspec (object, pspec);
      break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
test_item_finalize (GObject *object)
{
  g_free (TEST_ITEM (object)->title);
  G_OBJECT_CLASS (test_item_parent_class)->finalize (object);
}

static void
test_item_class_init (TestItemClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->get_property = test_item_get_property;
  object_class->set_property = test_item_set_property;
  object_class->finalize = test_item_finalize;
  item_properties[ITEM_PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_TITLE] =
    g_param_spec_string ("title", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  item_properties[ITEM_PROP_NUMBER] =
    g_param_spec_int ("number", NULL, NULL, 0, G_MAXINT, 0,
                      G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, ITEM_N_PROPS, item_properties);
}

static void
test_item_init (TestItem *self)
{
}

static TestItem *
item_new (gint64      id,
          const char *title,
          int         number)
{
  TestItem *item = g_object_new (TEST_TYPE_ITEM, "id", id, "title", title, NULL);

  item->number = number;
  return item;
}

/* One list query's result: (id, title) pairs, number 0. */
static GListModel *
records (gint64 first_id, ...)
{
  GListStore *store = g_list_store_new (TEST_TYPE_ITEM);
  va_list args;

  va_start (args, first_id);
  for (gint64 id = first_id; id != 0; id = va_arg (args, gint64))
    {
      g_autoptr(TestItem) item = item_new (id, va_arg (args, const char *), 0);

      g_list_store_append (store, item);
    }
  va_end (args);
  return G_LIST_MODEL (store);
}

static char *
number_subtitle (gpointer record,
                 gpointer user_data)
{
  return g_strdup_printf ("%s #%d", (const char *)user_data, TEST_ITEM (record)->number);
}

static GtkWidget *
row_at (DlgRecordSection *section,
        guint             i)
{
  GtkWidget *row = dlg_record_section_get_row (section, i);

  g_assert_true (DLG_IS_RECORD_SECTION_ROW (row));
  return row;
}

static const char *
title_at (DlgRecordSection *section,
          guint             i)
{
  return adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row_at (section, i)));
}

static void
activated_cb (DlgRecordSection *section,
              GObject          *record,
              GObject         **out)
{
  g_set_object (out, record);
}

/* Rows follow inserts, updates and deletes in place: the row of a record still listed is the
 * same widget, its text updated; a record gone loses its row; the placeholder shows when the
 * list is empty and an error in its place; activation gives the record. */
static void
test_section_in_place (void)
{
  GtkWidget *window = gtk_window_new ();
  DlgRecordSection *section = DLG_RECORD_SECTION (dlg_record_section_new ());
  g_autoptr(GListModel) first = records (1, "One", 2, "Two", 3, "Three", (gint64)0);
  g_autoptr(GListModel) updated = records (1, "One", 2, "Two, changed", 3, "Three", (gint64)0);
  g_autoptr(GListModel) inserted = records (1, "One", 4, "Four", 2, "Two, changed", 3, "Three",
                                            (gint64)0);
  g_autoptr(GListModel) deleted = records (4, "Four", 3, "Three", (gint64)0);
  g_autoptr(GListModel) renumbered = NULL;
  g_autoptr(GObject) activated = NULL;
  GtkWidget *one, *two, *three, *four;
  GObject *kept_two;

  g_object_set (section, "title", "Records", "placeholder-text", "Nothing yet.",
                "title-property", "title", "add-label", "_Add", "add-action-name", "view.add",
                NULL);
  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (section));
  gtk_window_present (GTK_WINDOW (window));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (section), "Nothing yet."));
  {
    GtkWidget *add = find_nth (GTK_WIDGET (section), GTK_TYPE_BUTTON, 0);
    AdwButtonContent *content = ADW_BUTTON_CONTENT (gtk_button_get_child (GTK_BUTTON (add)));

    g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (add)), ==, "view.add");
    g_assert_true (gtk_widget_get_visible (add));
    g_assert_cmpstr (adw_button_content_get_label (content), ==, "_Add");
  }

  dlg_record_section_set_records (section, first);
  g_assert_cmpuint (g_list_model_get_n_items (dlg_record_section_get_model (section)), ==, 3);
  one = row_at (section, 0);
  two = row_at (section, 1);
  three = row_at (section, 2);
  g_assert_cmpstr (title_at (section, 1), ==, "Two");
  g_assert_cmpint (GPOINTER_TO_SIZE (g_object_get_data (G_OBJECT (two), "dlg-record-id")), ==, 2);
  kept_two = dlg_record_section_row_get_record (DLG_RECORD_SECTION_ROW (two));

  /* Update: the same rows, the same record objects, the new text. */
  dlg_record_section_set_records (section, updated);
  g_assert_true (row_at (section, 0) == one);
  g_assert_true (row_at (section, 1) == two);
  g_assert_true (row_at (section, 2) == three);
  g_assert_true (dlg_record_section_row_get_record (DLG_RECORD_SECTION_ROW (two)) == kept_two);
  g_assert_cmpstr (title_at (section, 1), ==, "Two, changed");

  /* Insert: a new row where the list puts it, the others kept. */
  dlg_record_section_set_records (section, inserted);
  g_assert_cmpuint (g_list_model_get_n_items (dlg_record_section_get_model (section)), ==, 4);
  four = row_at (section, 1);
  g_assert_cmpstr (title_at (section, 1), ==, "Four");
  g_assert_true (row_at (section, 0) == one);
  g_assert_true (row_at (section, 2) == two);
  g_assert_true (row_at (section, 3) == three);

  /* Delete: the rows of the records gone, and only those, leave. */
  dlg_record_section_set_records (section, deleted);
  g_assert_cmpuint (g_list_model_get_n_items (dlg_record_section_get_model (section)), ==, 2);
  g_assert_true (row_at (section, 0) == four);
  g_assert_true (row_at (section, 1) == three);

  /* A read-only property that changed: the record is replaced, its row shows it. */
  dlg_record_section_set_text_funcs (section, NULL, number_subtitle, (gpointer)"No.");
  renumbered = records (4, "Four", 3, "Three", (gint64)0);
  {
    g_autoptr(TestItem) item = g_list_model_get_item (renumbered, 1);

    item->number = 7;
  }
  dlg_record_section_set_records (section, renumbered);
  g_assert_true (row_at (section, 0) == four);
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_at (section, 1))), ==,
                   "No. #7");
  g_assert_cmpstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row_at (section, 0))), ==,
                   "No. #0");

  /* Activation gives the record. */
  g_signal_connect (section, "record-activated", G_CALLBACK (activated_cb), &activated);
  g_signal_emit_by_name (gtk_widget_get_parent (four), "row-activated", four);
  g_assert_nonnull (activated);
  g_assert_cmpint (TEST_ITEM (activated)->id, ==, 4);

  /* Empty, then an error in the placeholder's place, until records come again. */
  dlg_record_section_set_records (section, NULL);
  g_assert_null (dlg_record_section_get_row (section, 0));
  dlg_record_section_show_error (section, "The list cannot be read.");
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (section), "The list cannot be read."));
  dlg_record_section_set_records (section, first);
  g_assert_null (find_label_with_text (GTK_WIDGET (section), "The list cannot be read."));
  g_assert_cmpstr (title_at (section, 0), ==, "One");

  gtk_window_destroy (GTK_WINDOW (window));
  spin (20);
}

/* Markup in a record's text shows as typed. */
static void
test_section_plain_text (void)
{
  DlgRecordSection *section = g_object_ref_sink (DLG_RECORD_SECTION (dlg_record_section_new ()));
  g_autoptr(GListModel) list = records (1, "<b>bold</b> & co", (gint64)0);
  GtkWidget *row;

  g_object_set (section, "title-property", "title", NULL);
  dlg_record_section_set_records (section, list);
  row = row_at (section, 0);
  g_assert_false (adw_preferences_row_get_use_markup (ADW_PREFERENCES_ROW (row)));
  g_assert_nonnull (find_label_with_text (row, "<b>bold</b> & co"));
  g_object_unref (section);
}

/* In a stage view over the store: a decision saved keeps its row, with its new text. */
static void
test_section_follows_store (Fixture       *f,
                            gconstpointer  data)
{
  GtkWidget *page = dlg_window_get_page (f->window, DLG_STAGE_ARBITRATION);
  g_autoptr(GPtrArray) sections = NULL;
  g_autoptr(GListModel) decisions = NULL;
  g_autoptr(DlgDecision) decision = NULL;
  g_autoptr(GError) error = NULL;
  DlgRecordSection *section;
  GtkWidget *row;

  reopen_down_to (f, DLG_STAGE_ARBITRATION);
  gtk_widget_activate_action (GTK_WIDGET (f->window), "win.show-stage", "i",
                              DLG_STAGE_ARBITRATION);
  spin (30);
  sections = find_all (page, DLG_TYPE_RECORD_SECTION);
  g_assert_cmpuint (sections->len, ==, 1);
  section = g_ptr_array_index (sections, 0);
  decisions = dlg_decision_list (f->store, f->demo_id, "arbitration", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (dlg_record_section_get_model (section)), ==,
                    g_list_model_get_n_items (decisions));
  g_assert_cmpuint (g_list_model_get_n_items (decisions), >, 0);
  row = row_at (section, 0);

  decision = g_list_model_get_item (decisions, 0);
  dlg_decision_set_what (decision, "Une décision reformulée");
  g_assert_true (dlg_decision_save (f->store, decision, &error));
  g_assert_no_error (error);
  spin (30);
  g_assert_true (row_at (section, 0) == row);
  g_assert_cmpstr (title_at (section, 0), ==, "Une décision reformulée");
}

/* ---------------------------------------------------------------- the generated editor */

#define TEST_TYPE_NOTE (test_note_get_type ())
G_DECLARE_FINAL_TYPE (TestNote, test_note, TEST, NOTE, DlgRecord)

/* A record with a field of every kind, one hidden, one read-only and one reference. */
struct _TestNote
{
  DlgRecord  parent_instance;
  char      *title;
  char      *body;
  char      *dated;
  char      *channel;
  int        count;
  double     share;
  gboolean   published;
  char      *secret;
  char      *stamp;
  gint64     decision_id;
};

G_DEFINE_FINAL_TYPE (TestNote, test_note, DLG_TYPE_RECORD)

static const DlgVocabulary note_channels = {
  "note-channel", NULL, (const DlgVocabularyEntry[]) {
    { "online", "Online" }, { "in_person", "In person" }, { NULL, NULL },
  },
};

#define F(member) G_STRUCT_OFFSET (TestNote, member)
static const DlgField note_fields[] = {
  { .column = "title", .property = "title", .kind = DLG_FIELD_STRING, .offset = F (title),
    .label = "Title" },
  { .column = "body", .property = "body", .kind = DLG_FIELD_TEXT, .offset = F (body),
    .label = "Body" },
  { .column = "dated", .property = "dated", .kind = DLG_FIELD_DATE, .offset = F (dated),
    .flags = DLG_FIELD_NULLABLE, .label = "Date" },
  { .column = "channel", .property = "channel", .kind = DLG_FIELD_ENUM, .offset = F (channel),
    .label = "Channel", .default_string = "online", .vocabulary = &note_channels },
  { .column = "count", .property = "count", .kind = DLG_FIELD_INT, .offset = F (count),
    .label = "Count", .minimum = 0, .maximum = 10 },
  { .column = "share", .property = "share", .kind = DLG_FIELD_DOUBLE, .offset = F (share),
    .label = "Share", .minimum = 0, .maximum = 100 },
  { .column = "published", .property = "published", .kind = DLG_FIELD_BOOLEAN,
    .offset = F (published), .label = "Published" },
  { .column = "secret", .property = "secret", .kind = DLG_FIELD_STRING, .offset = F (secret),
    .flags = DLG_FIELD_HIDDEN, .label = "Secret" },
  { .column = "stamp", .property = "stamp", .kind = DLG_FIELD_STRING, .offset = F (stamp),
    .flags = DLG_FIELD_READ_ONLY, .label = "Stamp" },
  { .column = "decision_id", .property = "decision-id", .kind = DLG_FIELD_INT64,
    .offset = F (decision_id), .label = "Decision", .reference = dlg_decision_get_type },
};
#undef F

static const DlgRecordInfo note_info = {
  .name = "test_note", .table = "test_note", .fields = note_fields,
  .n_fields = G_N_ELEMENTS (note_fields), .order_by = "id", .not_found = "No such note.",
};

static void
test_note_class_init (TestNoteClass *klass)
{
  dlg_record_class_set_info (DLG_RECORD_CLASS (klass), &note_info);
}

static void
test_note_init (TestNote *self)
{
}

/* One row per editable field, of the field's kind, with its label, in the table's order: the
 * hidden, the read-only and the reference get none. */
static void
test_editor_rows (Fixture       *f,
                  gconstpointer  data)
{
  g_autoptr(TestNote) note = dlg_record_new (TEST_TYPE_NOTE, f->demo_id);
  GtkWidget *view = dlg_window_get_page (f->window, DLG_STAGE_ARBITRATION);
  const char *labels[] = { "Title", "Body", "Date", "Channel", "Count", "Share", "Published" };
  DlgEditDialog *dialog;

  dlg_record_set_string (DLG_RECORD (note), "title", "A note");
  dialog = dlg_record_editor_new (view, f->store, DLG_RECORD (note), "Note", "_Delete", NULL);
  g_assert_true (find_edit_dialog ("Note") == dialog);
  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog), labels[i]));
  g_assert_null (find_label_with_text (GTK_WIDGET (dialog), "Secret"));
  g_assert_null (find_label_with_text (GTK_WIDGET (dialog), "Stamp"));
  g_assert_null (find_label_with_text (GTK_WIDGET (dialog), "Decision"));
  /* The title in an entry, the date in a date entry, the body in a text view, the channel in
   * a drop-down, the numbers in spin buttons, the boolean in a switch. */
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW)->len, ==, 1);
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), DLG_TYPE_DATE_ENTRY)->len, ==, 1);
  g_assert_cmpstr (gtk_editable_get_text (find_nth (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0)),
                   ==, "A note");
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW)->len, ==, 1);
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW)->len, ==, 1);
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON)->len, ==, 2);
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), GTK_TYPE_SWITCH)->len, ==, 1);
  /* A new record offers no delete. */
  g_assert_null (find_label_with_text (GTK_WIDGET (dialog), "_Delete"));
  gtk_window_destroy (GTK_WINDOW (dialog));
  spin (20);
}

/* The generated editor of a decision saves what is typed, into the record's properties, and
 * follows the store: a change saved elsewhere shows in the dialog. */
static void
test_editor_saves (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(GListModel) decisions = NULL;
  g_autoptr(DlgDecision) decision = NULL;
  g_autoptr(DlgDecision) stored = NULL;
  g_autoptr(DlgDecision) other = NULL;
  g_autoptr(GError) error = NULL;
  GtkWidget *view = dlg_window_get_page (f->window, DLG_STAGE_ARBITRATION);
  DlgEditDialog *dialog;

  reopen_down_to (f, DLG_STAGE_ARBITRATION);
  decisions = dlg_decision_list (f->store, f->demo_id, "arbitration", &error);
  g_assert_no_error (error);
  decision = g_list_model_get_item (decisions, 0);
  dialog = dlg_record_editor_new (view, f->store, DLG_RECORD (decision), "Decision", "_Delete",
                                  NULL);
  /* who in an entry, decided-at in a date entry; what, why and outcome in text views. */
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW)->len, ==, 1);
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), DLG_TYPE_DATE_ENTRY)->len, ==, 1);
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), GTK_TYPE_TEXT_VIEW)->len, ==, 3);
  g_assert_cmpstr (gtk_editable_get_text (find_nth (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0)),
                   ==, dlg_decision_get_who (decision));

  /* The demo's decision has a time of day: its entry shows; cleared, the date goes alone. */
  g_assert_true (dlg_date_entry_get_with_time (find_nth (GTK_WIDGET (dialog),
                                                         DLG_TYPE_DATE_ENTRY, 0)));
  type_date (GTK_WIDGET (dialog), 0, "10/01/2026", "");
  gtk_editable_set_text (find_nth (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0), "Le bureau");
  g_assert_true (dlg_edit_dialog_flush (dialog));
  stored = dlg_decision_load (f->store, dlg_decision_get_id (decision), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (dlg_decision_get_who (stored), ==, "Le bureau");
  g_assert_cmpstr (dlg_decision_get_decided_at (stored), ==, "2026-01-10");
  g_assert_cmpstr (dlg_decision_get_what (stored), ==, dlg_decision_get_what (decision));
  g_assert_null (dlg_decision_get_outcome (stored));   /* shown empty, left NULL */

  /* Saved elsewhere: the dialog shows it (the officer did not touch the field since). */
  other = dlg_decision_load (f->store, dlg_decision_get_id (decision), &error);
  dlg_decision_set_why (other, "Parce que le budget le permet.");
  g_assert_true (dlg_decision_save (f->store, other, &error));
  g_assert_no_error (error);
  spin (30);
  {
    g_autofree char *why = NULL;
    GtkTextBuffer *buffer = gtk_text_view_get_buffer (find_nth (GTK_WIDGET (dialog),
                                                                GTK_TYPE_TEXT_VIEW, 1));
    GtkTextIter start, end;

    gtk_text_buffer_get_bounds (buffer, &start, &end);
    why = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
    g_assert_cmpstr (why, ==, "Parce que le budget le permet.");
  }
  gtk_window_close (GTK_WINDOW (dialog));
  spin (30);
  g_clear_object (&stored);
  stored = dlg_decision_load (f->store, dlg_decision_get_id (decision), &error);
  g_assert_cmpstr (dlg_decision_get_why (stored), ==, "Parce que le budget le permet.");
  g_assert_cmpstr (dlg_decision_get_who (stored), ==, "Le bureau");
}

/* ---------------------------------------------------------------- the view's rows */

typedef struct
{
  gint64 position_id;
  guint  saved;
  guint  reloaded;
} ViewRows;

static void
test_position_choices (DlgRecordEditorSetup *setup,
                       DlgRecord            *record,
                       gpointer              user_data)
{
  ViewRows *rows = user_data;

  g_assert_cmpstr (dlg_record_editor_setup_get_property (setup), ==, "position-id");
  dlg_record_editor_setup_set_label (setup, "Comes from (the view’s)");
  dlg_record_editor_setup_add_choice (setup, "Choose", NULL);
  dlg_record_editor_setup_add_choice (setup, "The position",
                                      g_variant_new_parsed ("{'position-id': <%x>}",
                                                            rows->position_id));
}

static void
test_skip (DlgRecordEditorSetup *setup,
           DlgRecord            *record,
           gpointer              user_data)
{
  dlg_record_editor_setup_skip (setup);
}

static gboolean
test_saved (DlgEditDialog  *dialog,
            DlgRecord      *record,
            gpointer        user_data,
            GError        **error)
{
  ViewRows *rows = user_data;

  g_assert_cmpint (dlg_record_get_id (record), !=, 0);
  rows->saved++;
  return TRUE;
}

static void
test_reloaded (DlgEditDialog *dialog,
               DlgRecord     *record,
               gpointer       user_data)
{
  ((ViewRows *)user_data)->reloaded++;
}

static const DlgRecordEditorHooks test_hooks = { .saved = test_saved, .reload = test_reloaded };

static const DlgRecordEditorRow commitment_rows[] = {
  { .property = "title", .label = "Title" },
  { .property = "position-id", .label = "Position", .setup = test_position_choices,
    .message = "Pick a position." },
  { .property = "department", .setup = test_skip },
  { .property = "due-date", .label = "Due" },
  { .property = "progress", .label = "Progress", .minimum = 0, .maximum = 50 },
  { NULL },
};

static const DlgRecordEditorRow session_rows[] = {
  { .property = "title", .label = "Title" },
  { .property = "starts-at", .label = "Starts", .flags = DLG_RECORD_EDITOR_DATE_TIME },
  { NULL },
};

/* What the field table cannot say, the view's rows say: choices of the view's (refused with
 * the row's message while nothing is chosen), a label of its own, a row left out, a range of
 * its own; a date that is not required may be left empty (NULL), a date and time passes; the
 * hooks run after each save and reload; a number field saves through its spin button. */
static void
test_editor_view_rows (Fixture       *f,
                       gconstpointer  data)
{
  GtkWidget *view = dlg_window_get_page (f->window, DLG_STAGE_IMPLEMENTATION);
  g_autoptr(GListModel) recommendations = dlg_recommendation_list (f->store, f->demo_id, NULL);
  g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, 0);
  g_autoptr(DlgPosition) position = dlg_position_new (dlg_recommendation_get_id (r));
  g_autoptr(DlgCommitment) commitment = dlg_commitment_new (f->demo_id);
  g_autoptr(DlgCommitment) stored = NULL;
  g_autoptr(DlgSession) session = dlg_session_new (f->demo_id);
  g_autoptr(DlgSession) stored_session = NULL;
  g_autoptr(GError) error = NULL;
  ViewRows rows = { 0 };
  DlgEditDialog *dialog;
  GtkSpinButton *progress;
  double min, max;

  reopen_down_to (f, 0);
  dlg_position_set_value (position, "retained");
  g_assert_true (dlg_position_save (f->store, position, &error));
  g_assert_no_error (error);
  rows.position_id = dlg_position_get_id (position);

  dialog = dlg_record_editor_new_full (view, f->store, DLG_RECORD (commitment), "Commitment",
                                       "_Delete", commitment_rows, &test_hooks, &rows, NULL);
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog), "Comes from (the view’s)"));
  g_assert_null (find_label_with_text (GTK_WIDGET (dialog), "Position"));
  g_assert_null (find_label_with_text (GTK_WIDGET (dialog), "department"));
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW)->len, ==, 1);
  g_assert_cmpuint (find_all (GTK_WIDGET (dialog), DLG_TYPE_DATE_ENTRY)->len, ==, 1);
  g_assert_cmpuint (adw_combo_row_get_selected (find_nth (GTK_WIDGET (dialog),
                                                          ADW_TYPE_COMBO_ROW, 0)), ==, 0);
  progress = find_nth (GTK_WIDGET (dialog), GTK_TYPE_SPIN_BUTTON, 0);
  gtk_spin_button_get_range (progress, &min, &max);
  g_assert_cmpfloat (max, ==, 50);

  /* Nothing chosen: the row's message, before the core's. */
  gtk_editable_set_text (find_nth (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0), "Des bancs");
  g_assert_false (dlg_edit_dialog_flush (dialog));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog), "Pick a position."));
  g_assert_cmpuint (rows.saved, ==, 0);

  /* Chosen, the due date left empty, the progress set: saved, the hook after. */
  adw_combo_row_set_selected (find_nth (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, 0), 1);
  gtk_spin_button_set_value (progress, 40);
  g_assert_true (dlg_edit_dialog_flush (dialog));
  g_assert_cmpuint (rows.saved, ==, 1);
  g_assert_cmpint (dlg_record_get_id (dlg_record_editor_get_record (dialog)), !=, 0);
  stored = dlg_commitment_load (f->store,
                                dlg_record_get_id (dlg_record_editor_get_record (dialog)),
                                &error);
  g_assert_no_error (error);
  g_assert_cmpint (dlg_commitment_get_position_id (stored), ==, rows.position_id);
  g_assert_null (dlg_commitment_get_due_date (stored));
  g_assert_cmpint (dlg_commitment_get_progress (stored), ==, 40);

  /* A date that is not one: the view's message; then one as a French officer writes it. */
  type_date (GTK_WIDGET (dialog), 0, "31/06/2027", NULL);
  g_assert_false (dlg_edit_dialog_flush (dialog));
  g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog),
                                          "“31/06/2027” is not a date of the calendar: check "
                                          "the day and the month."));
  type_date (GTK_WIDGET (dialog), 0, "30/06/27", NULL);
  g_assert_true (dlg_edit_dialog_flush (dialog));
  g_assert_cmpuint (rows.saved, ==, 2);
  g_clear_object (&stored);
  stored = dlg_commitment_load (f->store,
                                dlg_record_get_id (dlg_record_editor_get_record (dialog)),
                                &error);
  g_assert_cmpstr (dlg_commitment_get_due_date (stored), ==, "2027-06-30");
  /* The error box went with the error. */
  {
    GtkLabel *stale = find_label_with_text (GTK_WIDGET (dialog),
                                            "“31/06/2027” is not a date of the calendar: check "
                                            "the day and the month.");

    g_assert_true (stale == NULL || !gtk_widget_get_visible (GTK_WIDGET (stale)));
  }

  /* Saved elsewhere: shown, and the reload hook runs. */
  dlg_commitment_set_progress (stored, 10);
  dlg_commitment_set_due_date (stored, "2027-06-30");
  g_assert_true (dlg_commitment_save (f->store, stored, &error));
  g_assert_no_error (error);
  spin (30);
  g_assert_cmpuint (rows.reloaded, >=, 1);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (progress), ==, 10);
  g_assert_cmpint (dlg_commitment_get_progress (DLG_COMMITMENT (dlg_record_editor_get_record (
                     dialog))), ==, 10);
  gtk_window_close (GTK_WINDOW (dialog));
  spin (30);

  /* A saved record's dialog offers its delete button, with its mnemonic. */
  dialog = dlg_record_editor_new_full (view, f->store, DLG_RECORD (stored), "Commitment",
                                       "_Delete", commitment_rows, &test_hooks, &rows, NULL);
  {
    g_autoptr(GPtrArray) buttons = find_all (GTK_WIDGET (dialog), GTK_TYPE_BUTTON);
    GtkButton *delete = NULL;

    for (guint i = 0; i < buttons->len; i++)
      if (g_strcmp0 (gtk_button_get_label (g_ptr_array_index (buttons, i)), "_Delete") == 0)
        delete = g_ptr_array_index (buttons, i);
    g_assert_nonnull (delete);
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (delete)));
    g_assert_true (gtk_button_get_use_underline (delete));
  }
  gtk_window_close (GTK_WINDOW (dialog));
  spin (30);

  /* A date and a time of day where the row says so: stored in UTC, shown back in words. */
  dialog = dlg_record_editor_new (view, f->store, DLG_RECORD (session), "Session", NULL,
                                  session_rows);
  gtk_editable_set_text (find_nth (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, 0), "Séance");
  {
    DlgDateEntry *entry = type_date (GTK_WIDGET (dialog), 0, "16 octobre 2026", "18h30");
    g_autoptr(GDateTime) local = g_date_time_new_local (2026, 10, 16, 18, 30, 0);
    g_autoptr(GDateTime) utc = g_date_time_to_utc (local);
    g_autofree char *expected = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");

    g_assert_true (dlg_date_entry_get_with_time (entry));
    g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dlg_date_entry_get_time_editable (entry))));
    g_assert_true (dlg_edit_dialog_flush (dialog));
    stored_session = dlg_session_load (f->store,
                                       dlg_record_get_id (dlg_record_editor_get_record (dialog)),
                                       &error);
    g_assert_no_error (error);
    g_assert_cmpstr (dlg_session_get_starts_at (stored_session), ==, expected);
    /* A time that is not one is refused, and nothing is lost. */
    type_date (GTK_WIDGET (dialog), 0, "16 octobre 2026", "18h75");
    g_assert_false (dlg_edit_dialog_flush (dialog));
    g_assert_nonnull (find_label_with_text (GTK_WIDGET (dialog),
                                            "“18h75” is not a time of day: write it as 10 h, "
                                            "10:30 or 10h30."));
    g_clear_object (&stored_session);
    stored_session = dlg_session_load (f->store, dlg_session_get_id (DLG_SESSION (
                                         dlg_record_editor_get_record (dialog))), &error);
    g_assert_cmpstr (dlg_session_get_starts_at (stored_session), ==, expected);
    /* Shown as the officer reads it */
    dlg_date_entry_set_value (entry, expected);
    g_assert_cmpstr (gtk_editable_get_text (dlg_date_entry_get_date_editable (entry)), ==,
                     "16 October 2026");
    g_assert_cmpstr (gtk_editable_get_text (dlg_date_entry_get_time_editable (entry)), ==,
                     "18:30");
  }
  gtk_window_close (GTK_WINDOW (dialog));
  spin (30);
}

/* The probability chart's grid is at round values whatever the highest probability. */
static void
test_chart_round_scale (void)
{
  static const struct { double highest, top, step; } cases[] = {
    { 1.0, 1.0, 0.25 }, { 0.9, 1.0, 0.25 }, { 0.5, 0.8, 0.2 }, { 0.3, 0.4, 0.1 },
    { 0.25, 0.4, 0.1 }, { 0.12, 0.2, 0.05 }, { 0.099, 0.2, 0.05 }, { 0.05, 0.08, 0.02 },
    { 0.02, 0.04, 0.01 }, { 0.004, 0.02, 0.005 }, { 0.0, 0.02, 0.005 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      double step = 0;
      double top = dlg_probability_chart_scale (cases[i].highest, &step);

      g_test_message ("highest %g: top %g, step %g", cases[i].highest, top, step);
      g_assert_cmpfloat_with_epsilon (top, cases[i].top, 1e-9);
      g_assert_cmpfloat_with_epsilon (step, cases[i].step, 1e-9);
      /* Every grid line is a whole number of percent, or of half percent below 1 %. */
      for (int t = 0; t <= 4; t++)
        {
          double percent = 100.0 * step * t;
          double unit = step < 0.01 ? 0.5 : 1.0;

          g_assert_cmpfloat_with_epsilon (percent / unit, round (percent / unit), 1e-9);
        }
      g_assert_cmpfloat (top, >=, MIN (cases[i].highest, 1.0));
    }
}

static void
count_cb (GObject *object,
          guint   *count)
{
  (*count)++;
}

/* The date widget: a date of the store in words, the calendar opening on it, a day picked there
 * written in the entry (and "changed"), a time typed apart, what is not a date refused. */
static void
test_date_entry (void)
{
  GtkWidget *window = gtk_window_new ();
  DlgDateEntry *entry = DLG_DATE_ENTRY (dlg_date_entry_new (TRUE));
  GtkMenuButton *button;
  GtkCalendar *calendar;
  g_autoptr(GDateTime) shown = NULL;
  g_autoptr(GDateTime) picked_local = g_date_time_new_local (2027, 1, 15, 9, 45, 0);
  g_autoptr(GDateTime) picked_utc = g_date_time_to_utc (picked_local);
  g_autofree char *expected = g_date_time_format (picked_utc, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *iso = NULL;
  g_autoptr(GError) error = NULL;
  guint changed = 0;

  gtk_window_set_child (GTK_WINDOW (window), GTK_WIDGET (entry));
  gtk_window_present (GTK_WINDOW (window));
  g_signal_connect (entry, "changed", G_CALLBACK (count_cb), &changed);
  dlg_date_entry_set_value (entry, "2026-09-04");
  g_assert_cmpstr (gtk_editable_get_text (dlg_date_entry_get_date_editable (entry)), ==,
                   "4 September 2026");
  g_assert_cmpstr (gtk_editable_get_text (dlg_date_entry_get_time_editable (entry)), ==, "");
  g_assert_cmpuint (changed, ==, 0);
  g_assert_true (dlg_date_entry_shows (entry, "2026-09-04"));

  /* An icon-only button and two entries: each has its name for a screen reader */
  g_assert_true (GTK_IS_ACCESSIBLE (dlg_date_entry_get_time_editable (entry)));
  gtk_test_accessible_assert_property (find_nth (GTK_WIDGET (entry), GTK_TYPE_MENU_BUTTON, 0),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Pick the Date in a Calendar");
  gtk_test_accessible_assert_property (dlg_date_entry_get_time_editable (entry),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Time of day");
  button = find_nth (GTK_WIDGET (entry), GTK_TYPE_MENU_BUTTON, 0);
  calendar = find_nth (GTK_WIDGET (entry), GTK_TYPE_CALENDAR, 0);
  gtk_menu_button_popup (button);
  spin (10);
  shown = gtk_calendar_get_date (calendar);
  g_assert_cmpint (g_date_time_get_year (shown), ==, 2026);
  g_assert_cmpint (g_date_time_get_month (shown), ==, 9);
  g_assert_cmpint (g_date_time_get_day_of_month (shown), ==, 4);
  g_assert_cmpuint (changed, ==, 0);

  gtk_calendar_select_day (calendar, picked_local);
  spin (10);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (gtk_menu_button_get_popover (button))));
  g_assert_cmpstr (gtk_editable_get_text (dlg_date_entry_get_date_editable (entry)), ==,
                   "15 January 2027");
  g_assert_cmpuint (changed, >=, 1);
  gtk_editable_set_text (dlg_date_entry_get_time_editable (entry), "9h45");
  g_assert_true (dlg_date_entry_dup_value (entry, &iso, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (iso, ==, expected);
  g_clear_pointer (&iso, g_free);

  gtk_editable_set_text (dlg_date_entry_get_date_editable (entry), "15/01/2027; DROP TABLE");
  g_assert_false (dlg_date_entry_dup_value (entry, &iso, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_null (iso);
  gtk_window_destroy (GTK_WINDOW (window));
  spin (10);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  gui_test_init (&argc, &argv);

  g_test_add ("/gui/views/base", Fixture, NULL, fixture_setup, test_base, fixture_teardown);
  g_test_add_func ("/gui/widgets/record-section/in-place", test_section_in_place);
  g_test_add_func ("/gui/widgets/probability-chart/round-scale", test_chart_round_scale);
  g_test_add_func ("/gui/widgets/date-entry", test_date_entry);
  g_test_add_func ("/gui/widgets/record-section/plain-text", test_section_plain_text);
  g_test_add ("/gui/widgets/record-section/follows-store", Fixture, NULL, fixture_setup,
              test_section_follows_store, fixture_teardown);
  g_test_add ("/gui/widgets/record-editor/rows", Fixture, NULL, fixture_setup,
              test_editor_rows, fixture_teardown);
  g_test_add ("/gui/widgets/record-editor/saves", Fixture, NULL, fixture_setup,
              test_editor_saves, fixture_teardown);
  g_test_add ("/gui/widgets/record-editor/view-rows", Fixture, NULL, fixture_setup,
              test_editor_view_rows, fixture_teardown);

  {
    gboolean created = FALSE;

    template_db = gui_demo_db_new ("dialogue-views", &created);
    g_assert_true (created);
  }
  status = g_test_run ();
  gui_db_remove (template_db);
  g_clear_pointer (&template_db, g_free);
  return status;
}
