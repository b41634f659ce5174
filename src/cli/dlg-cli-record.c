/* dlg-cli-record.c — dialogue-cli commands on the records of a process, over the field tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * participant, session, recommendation, position, commitment and communication are one
 * implementation: a
 * verb says what it does (add, list, set, or set the one record under a parent) and on which
 * record type; its --PROPERTY VALUE options come from the type's DlgField table, and the save
 * is the core's dlg_record_save(), with the validation, the stage rule and the journal entry
 * the window gets.
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-cli-record.h"

typedef enum
{
  RECORD_ADD,   /* VERB PARENT --field value…: a new record under PARENT */
  RECORD_LIST,  /* VERB PROCESS [--json] */
  RECORD_SET,   /* VERB RECORD --field value…: change a record */
  RECORD_OPEN,  /* VERB PARENT --field value…: the one record under PARENT, created if need be */
  RECORD_RUN,   /* a verb of the command's own (RecordVerb.run) */
} RecordAction;

typedef struct
{
  RecordAction   action;
  GType        (*type) (void);
  GType        (*parent) (void);  /* what the first argument names (ADD, LIST, OPEN) */
  gpointer     (*create) (gint64 parent_id);                          /* ADD */
  gpointer     (*open) (DlgStore *store, gint64 parent_id, GError **error); /* OPEN */
  int          (*run) (const DlgCliSpec *spec, const DlgCliVerb *verb, int argc,
                       char **argv);                                  /* RUN */
} RecordVerb;

#define NEW(function) ((gpointer (*) (gint64)) (void (*) (void)) (function))
#define OPEN(function) \
  ((gpointer (*) (DlgStore *, gint64, GError **)) (void (*) (void)) (function))

#define LIST_VERB(Type, summary)                                                      \
  { "list", N_("PROCESS"), summary, NULL, NULL, TRUE,                                 \
    &(const RecordVerb) { RECORD_LIST, Type, dlg_process_get_type, NULL, NULL } }
#define SET_VERB(Type, parameters, summary)                                           \
  { "set", parameters, summary, NULL, Type, TRUE,                                     \
    &(const RecordVerb) { RECORD_SET, Type, NULL, NULL, NULL } }

static const DlgCliVerb participant_verbs[] = {
  { "add", N_("PROCESS"), N_("Register a participant (the quota profile; contact details stay in "
                             "the window)"), NULL, dlg_participant_get_type, TRUE,
    &(const RecordVerb) { RECORD_ADD, dlg_participant_get_type, dlg_process_get_type,
                          NEW (dlg_participant_new), NULL } },
  LIST_VERB (dlg_participant_get_type, N_("List the participants of a process")),
  SET_VERB (dlg_participant_get_type, N_("PARTICIPANT"), N_("Change a participant")),
  { NULL }
};

static const DlgCliVerb session_verbs[] = {
  { "add", N_("PROCESS"), N_("Add a workshop session"), NULL, dlg_session_get_type, TRUE,
    &(const RecordVerb) { RECORD_ADD, dlg_session_get_type, dlg_process_get_type,
                          NEW (dlg_session_new), NULL } },
  LIST_VERB (dlg_session_get_type, N_("List the workshop sessions of a process")),
  SET_VERB (dlg_session_get_type, N_("SESSION"), N_("Change a session")),
  { NULL }
};

static const DlgCliVerb recommendation_verbs[] = {
  { "add", N_("PROCESS"), N_("Add a recommendation of the citizens’ opinion"), NULL,
    dlg_recommendation_get_type, TRUE,
    &(const RecordVerb) { RECORD_ADD, dlg_recommendation_get_type, dlg_process_get_type,
                          NEW (dlg_recommendation_new), NULL } },
  LIST_VERB (dlg_recommendation_get_type, N_("List the recommendations of a process")),
  SET_VERB (dlg_recommendation_get_type, N_("RECOMMENDATION"), N_("Change a recommendation")),
  { NULL }
};

static const DlgCliVerb position_verbs[] = {
  { "set", N_("RECOMMENDATION"),
    N_("Set the institution’s position on a recommendation (the argued response)"), NULL,
    dlg_position_get_type, TRUE,
    &(const RecordVerb) { RECORD_OPEN, dlg_position_get_type, dlg_recommendation_get_type,
                          NULL, OPEN (dlg_position_load_for) } },
  LIST_VERB (dlg_position_get_type, N_("List the positions of a process")),
  { NULL }
};

static const DlgCliVerb commitment_verbs[] = {
  { "add", N_("PROCESS"), N_("Add a commitment of the institution"), NULL,
    dlg_commitment_get_type, TRUE,
    &(const RecordVerb) { RECORD_ADD, dlg_commitment_get_type, dlg_process_get_type,
                          NEW (dlg_commitment_new), NULL } },
  { "update", N_("COMMITMENT"),
    N_("Record a dated progress report on a commitment (the commitment takes its progress and "
       "status)"), NULL, dlg_commitment_update_get_type, TRUE,
    &(const RecordVerb) { RECORD_ADD, dlg_commitment_update_get_type, dlg_commitment_get_type,
                          NEW (dlg_commitment_update_new), NULL } },
  LIST_VERB (dlg_commitment_get_type, N_("List the commitments of a process")),
  SET_VERB (dlg_commitment_get_type, N_("COMMITMENT"), N_("Change a commitment")),
  { NULL }
};

static const DlgCliVerb communication_verbs[] = {
  { "add", N_("PROCESS"), N_("Add an item to the communication plan"), NULL,
    dlg_communication_item_get_type, TRUE,
    &(const RecordVerb) { RECORD_ADD, dlg_communication_item_get_type, dlg_process_get_type,
                          NEW (dlg_communication_item_new), NULL } },
  LIST_VERB (dlg_communication_item_get_type,
             N_("List the communication plan of a process, by planned date")),
  SET_VERB (dlg_communication_item_get_type, N_("ITEM"), N_("Change an item of the plan")),
  { "check", N_("PROCESS"),
    N_("List the stages with nothing planned to tell the public (exit status 0 either way)"),
    NULL, NULL, TRUE,
    &(const RecordVerb) { RECORD_RUN, .run = dlg_cli_communication_check } },
  { "export", N_("PROCESS"),
    N_("Export the plan as CSV or as an iCalendar file a team calendar can subscribe to"),
    dlg_cli_communication_export_entries, NULL, FALSE,
    &(const RecordVerb) { RECORD_RUN, .run = dlg_cli_communication_export } },
  { NULL }
};

const DlgCliSpec dlg_cli_participant_spec = { "participant", participant_verbs };
const DlgCliSpec dlg_cli_session_spec = { "session", session_verbs };
const DlgCliSpec dlg_cli_recommendation_spec = { "recommendation", recommendation_verbs };
const DlgCliSpec dlg_cli_position_spec = { "position", position_verbs };
const DlgCliSpec dlg_cli_commitment_spec = { "commitment", commitment_verbs };
const DlgCliSpec dlg_cli_communication_spec = { "communication", communication_verbs };

/* A record of @type named by its number or its uuid; NULL with the error printed. */
static DlgRecord *
find_record (DlgStore   *store,
             GType       type,
             const char *reference)
{
  g_autoptr(GError) error = NULL;
  gint64 id;
  gpointer record;

  if (type == DLG_TYPE_PROCESS)
    record = dlg_process_find (store, reference, &error);
  else if (g_ascii_string_to_signed (reference, 10, 1, G_MAXINT64, &id, NULL))
    record = dlg_record_load (store, type, id, &error);
  else
    record = dlg_record_find_by_uuid (store, type, reference, &error);
  if (record == NULL)
    dlg_cli_fail (error);
  return record;
}


static int
list_records (const RecordVerb *record_verb,
              DlgStore         *store,
              gint64            process_id)
{
  g_autoptr(GListModel) list = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  guint n;

  if (!(list = dlg_record_list (store, record_verb->type (), process_id, NULL, NULL, &error)))
    return dlg_cli_fail (error);
  n = g_list_model_get_n_items (list);
  json_builder_begin_array (builder);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgRecord) record = g_list_model_get_item (list, i);

      if (dlg_cli_opt_json)
        {
          json_builder_begin_object (builder);
          dlg_cli_add_record_members (builder, record);
          json_builder_end_object (builder);
        }
      else
        {
          g_autofree char *line = dlg_cli_record_to_line (record);

          g_print ("%s\n", line);
        }
    }
  json_builder_end_array (builder);
  if (dlg_cli_opt_json)
    dlg_cli_print_builder (builder);
  return DLG_CLI_OK;
}

static int
run_record_verb (const DlgCliSpec *spec,
                 const DlgCliVerb *verb,
                 int               argc,
                 char            **argv)
{
  const RecordVerb *record_verb = verb->data;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(DlgCliFieldOptions) fields = NULL;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(DlgRecord) parent = NULL;
  g_autoptr(DlgRecord) record = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *usage = NULL;

  if (record_verb->action == RECORD_RUN)
    return record_verb->run (spec, verb, argc, argv);
  context = dlg_cli_context_new (spec, verb);
  if (verb->fields != NULL)
    {
      fields = dlg_cli_field_options_new (verb->fields ());
      dlg_cli_field_options_add_to (fields, context);
    }
  usage = g_strjoin (" ", spec->name, verb->name, NULL);
  if (!dlg_cli_parse (context, &argc, &argv, usage))
    return DLG_CLI_USAGE;
  if (argc != 2)
    {
      g_autofree char *message =
        g_strdup_printf (_("Use “%s %s”."), usage, _(verb->parameters));

      return dlg_cli_usage (usage, message);
    }
  if (fields != NULL && record_verb->action == RECORD_SET &&
      dlg_cli_field_options_count_set (fields) == 0)
    return dlg_cli_usage (usage, _("Say what to change with at least one --FIELD VALUE option."));
  if (!(store = dlg_cli_open_store (dlg_cli_opt_db)))
    return DLG_CLI_ERROR;

  if (record_verb->action == RECORD_SET)
    {
      if (!(record = find_record (store, record_verb->type (), argv[1])))
        return DLG_CLI_ERROR;
    }
  else
    {
      if (!(parent = find_record (store, record_verb->parent (), argv[1])))
        return DLG_CLI_ERROR;
      if (record_verb->action == RECORD_LIST)
        return list_records (record_verb, store, dlg_record_get_id (parent));
      if (record_verb->action == RECORD_ADD)
        record = record_verb->create (dlg_record_get_id (parent));
      else if (!(record = record_verb->open (store, dlg_record_get_id (parent), &error)))
        return dlg_cli_fail (error);
    }

  if (!dlg_cli_field_options_apply (fields, record, &error))
    return dlg_cli_usage (usage, error->message);
  if (!dlg_record_save (record, store, &error))
    return dlg_cli_fail (error);

  if (dlg_cli_opt_json)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();

      json_builder_begin_object (builder);
      dlg_cli_add_record_members (builder, record);
      json_builder_end_object (builder);
      dlg_cli_print_builder (builder);
    }
  else
    g_print ("%" G_GINT64_FORMAT "\n", dlg_record_get_id (record));
  return DLG_CLI_OK;
}

/* dialogue-cli participant|session|recommendation|position|commitment|communication VERB … */
int
dlg_cli_record (int    argc,
                char **argv)
{
  static const DlgCliSpec *const specs[] = {
    &dlg_cli_participant_spec, &dlg_cli_session_spec, &dlg_cli_recommendation_spec,
    &dlg_cli_position_spec, &dlg_cli_commitment_spec, &dlg_cli_communication_spec,
  };

  for (guint i = 0; i < G_N_ELEMENTS (specs); i++)
    if (g_str_equal (argv[0], specs[i]->name))
      return dlg_cli_run_verbs (specs[i], argc, argv, run_record_verb);
  g_return_val_if_reached (DLG_CLI_USAGE);
}
