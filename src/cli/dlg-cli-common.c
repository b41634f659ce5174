/* dlg-cli-common.c — what every dialogue-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <math.h>
#include <stdio.h>

#include <glib/gi18n.h>

#include "dlg-cli-common.h"

/**
 * dlg_cli_parse:
 *
 * Parses the options of @command; on wrong usage prints why on stderr and returns %FALSE
 * (the caller exits with DLG_CLI_USAGE).
 */
gboolean
dlg_cli_parse (GOptionContext   *context,
               int              *argc,
               char           ***argv,
               const char       *command)
{
  g_autoptr(GError) error = NULL;

  if (!g_option_context_parse (context, argc, argv, &error))
    {
      dlg_cli_usage (command, error->message);
      return FALSE;
    }
  return TRUE;
}

/**
 * dlg_cli_open_store:
 * @db_path: (nullable): the --db option, or %NULL for the app's database
 *
 * Opens the store, printing the error on stderr when it cannot.
 */
DlgStore *
dlg_cli_open_store (const char *db_path)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *default_path = NULL;
  const char *officer;
  DlgStore *store;

  if (db_path == NULL)
    db_path = default_path = dlg_store_get_default_path ();
  store = dlg_store_open (db_path, &error);
  if (store == NULL)
    {
      dlg_cli_fail (error);
      return NULL;
    }
  /* Who the journal names: $DIALOGUE_OFFICER, else the system account. */
  officer = g_getenv ("DIALOGUE_OFFICER");
  dlg_store_set_actor (store, officer != NULL && *officer != '\0' ? officer : g_get_user_name ());
  return store;
}

int
dlg_cli_fail (const GError *error)
{
  g_printerr ("dialogue-cli: %s\n", error->message);
  return DLG_CLI_ERROR;
}

int
dlg_cli_usage (const char *command,
               const char *message)
{
  g_printerr ("dialogue-cli %s: %s\n", command, message);
  g_printerr (_("Try “dialogue-cli %s --help”.\n"), command);
  return DLG_CLI_USAGE;
}

void
dlg_cli_print_json (JsonNode *node)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autofree char *text = NULL;

  json_generator_set_pretty (generator, TRUE);
  json_generator_set_root (generator, node);
  text = json_generator_to_data (generator, NULL);
  g_print ("%s\n", text);
}

/* Prints what @builder built (a closed object or array). */
void
dlg_cli_print_builder (JsonBuilder *builder)
{
  g_autoptr(JsonNode) root = json_builder_get_root (builder);

  dlg_cli_print_json (root);
}

/* Verbs and their options ------------------------------------------------------------------ */

char *dlg_cli_opt_db;
gboolean dlg_cli_opt_json;

static const GOptionEntry db_entries[] = {
  { "db", 0, 0, G_OPTION_ARG_FILENAME, &dlg_cli_opt_db, N_("The database (default: the app’s)"),
    N_("FILE") },
  { NULL }
};

static const GOptionEntry json_entries[] = {
  { "json", 0, 0, G_OPTION_ARG_NONE, &dlg_cli_opt_json, N_("Print JSON"), NULL },
  { NULL }
};

/* _() of a parameter string, "" staying "" (not the catalogue's header). */
static const char *
parameters_label (const char *parameters)
{
  return parameters != NULL && *parameters != '\0' ? _(parameters) : "";
}

const DlgCliVerb *
dlg_cli_find_verb (const DlgCliSpec *spec,
                   const char       *verb)
{
  g_return_val_if_fail (spec != NULL, NULL);

  for (const DlgCliVerb *v = spec->verbs; v->summary != NULL; v++)
    if (v->name == NULL || (verb != NULL && g_str_equal (v->name, verb)))
      return v;
  return NULL;
}

/**
 * dlg_cli_context_new:
 *
 * The option context of @verb: its parameters and summary, --db, --json when the verb takes
 * it, and its own options (the caller adds the field options). Resets --db and --json.
 */
GOptionContext *
dlg_cli_context_new (const DlgCliSpec *spec,
                     const DlgCliVerb *verb)
{
  g_autofree char *parameters = NULL;
  GOptionContext *context;
  GString *usage;

  g_return_val_if_fail (spec != NULL && verb != NULL, NULL);

  g_clear_pointer (&dlg_cli_opt_db, g_free);
  dlg_cli_opt_json = FALSE;
  /* "dialogue-cli [OPTION…] participant add PROCESS" (main.c names the program) */
  usage = g_string_new (spec->name);
  if (verb->name != NULL)
    g_string_append_printf (usage, " %s", verb->name);
  if (*parameters_label (verb->parameters) != '\0')
    g_string_append_printf (usage, " %s", parameters_label (verb->parameters));
  parameters = g_string_free (usage, FALSE);
  context = g_option_context_new (parameters);
  g_option_context_set_summary (context, _(verb->summary));
  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, db_entries, GETTEXT_PACKAGE);
  if (verb->json)
    g_option_context_add_main_entries (context, json_entries, GETTEXT_PACKAGE);
  if (verb->options != NULL)
    g_option_context_add_main_entries (context, verb->options, GETTEXT_PACKAGE);
  return context;
}

static void
print_verbs (const DlgCliSpec *spec,
             FILE             *out)
{
  fprintf (out, _("Usage: dialogue-cli %s VERB [OPTION…]\n\n"), spec->name);
  fprintf (out, "%s\n", _("Verbs:"));
  for (const DlgCliVerb *v = spec->verbs; v->summary != NULL; v++)
    {
      g_autofree char *usage = g_strjoin (" ", v->name, parameters_label (v->parameters), NULL);

      fprintf (out, "  %-34s %s\n", usage, _(v->summary));
    }
  fprintf (out, _("\n“dialogue-cli %s VERB --help” describes the options of a verb.\n"),
           spec->name);
}

/**
 * dlg_cli_run_verbs:
 * @argv: the command's arguments, argv[0] its name, argv[1] the verb
 *
 * Finds the verb and runs it with argv[0] the verb; prints the verbs on --help (status 0) or
 * when the verb is missing or unknown (status 2).
 */
int
dlg_cli_run_verbs (const DlgCliSpec  *spec,
                   int                argc,
                   char             **argv,
                   int              (*run) (const DlgCliSpec *spec,
                                            const DlgCliVerb *verb,
                                            int               argc,
                                            char            **argv))
{
  const DlgCliVerb *verb;

  if (argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")))
    {
      print_verbs (spec, stdout);
      return DLG_CLI_OK;
    }
  if (argc < 2 || !(verb = dlg_cli_find_verb (spec, argv[1])) || verb->name == NULL)
    {
      if (argc >= 2)
        g_printerr (_("dialogue-cli %s: unknown verb “%s”.\n"), spec->name, argv[1]);
      print_verbs (spec, stderr);
      return DLG_CLI_USAGE;
    }
  return run (spec, verb, argc - 1, argv + 1);
}

/* Field options ---------------------------------------------------------------------------- */

struct _DlgCliFieldOptions
{
  GType           type;
  GPtrArray      *fields;       /* const DlgField * */
  char          **values;       /* one per field, as given */
  GOptionEntry   *entries;      /* one per field, then { NULL } */
  GPtrArray      *strings;      /* what the entries point to */
};

/**
 * dlg_cli_field_is_option:
 *
 * Whether an editor writes @field, so that a --PROPERTY option sets it.
 */
gboolean
dlg_cli_field_is_option (const DlgField *field)
{
  return (field->flags & (DLG_FIELD_READ_ONLY | DLG_FIELD_HIDDEN | DLG_FIELD_SELECT_ONLY)) == 0;
}

const char *
dlg_cli_field_arg_description (const DlgField *field)
{
  switch (field->kind)
    {
    case DLG_FIELD_STRING:
    case DLG_FIELD_TEXT:
      return N_("TEXT");
    case DLG_FIELD_DATE:
      return N_("DATE");
    case DLG_FIELD_ENUM:
      return N_("VALUE");
    case DLG_FIELD_INT64:
      return field->reference != NULL ? N_("ID") : N_("NUMBER");
    case DLG_FIELD_INT:
    case DLG_FIELD_DOUBLE:
      return N_("NUMBER");
    case DLG_FIELD_BOOLEAN:
      return N_("yes|no");
    default:
      g_assert_not_reached ();
    }
}

/* "The status (planned, in_progress, done, abandoned)", translated, for --help and the man page. */
char *
dlg_cli_field_describe (const DlgField *field)
{
  g_autofree char *label = g_strdup (g_dgettext (GETTEXT_PACKAGE, field->label));
  GString *text = g_string_new (NULL);

  g_string_append_unichar (text, g_unichar_toupper (g_utf8_get_char (label)));
  g_string_append (text, g_utf8_next_char (label));
  if (field->kind == DLG_FIELD_ENUM && field->vocabulary != NULL)
    {
      g_string_append (text, " (");
      for (guint i = 0; dlg_vocabulary_get_id (field->vocabulary, i) != NULL; i++)
        g_string_append_printf (text, "%s%s", i > 0 ? ", " : "",
                                dlg_vocabulary_get_id (field->vocabulary, i));
      g_string_append (text, ")");
    }
  else if (field->kind == DLG_FIELD_DATE)
    g_string_append (text, _(" (2027-01-15 or 2027-01-15T10:00:00+01:00)"));
  else if ((field->kind == DLG_FIELD_INT || field->kind == DLG_FIELD_DOUBLE) &&
           (field->minimum != 0 || field->maximum != 0))
    g_string_append_printf (text, " (%g–%g)", field->minimum, field->maximum);
  return g_string_free (text, FALSE);
}

DlgCliFieldOptions *
dlg_cli_field_options_new (GType type)
{
  const DlgRecordInfo *info = dlg_record_type_get_info (type);
  DlgCliFieldOptions *self = g_new0 (DlgCliFieldOptions, 1);
  guint n = 0;

  self->type = type;
  self->fields = g_ptr_array_new ();
  self->strings = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < info->n_fields; i++)
    if (dlg_cli_field_is_option (&info->fields[i]))
      g_ptr_array_add (self->fields, (gpointer) &info->fields[i]);
  self->values = g_new0 (char *, self->fields->len + 1);
  self->entries = g_new0 (GOptionEntry, self->fields->len + 1);
  for (guint i = 0; i < self->fields->len; i++)
    {
      const DlgField *field = g_ptr_array_index (self->fields, i);
      char *description = dlg_cli_field_describe (field);

      g_ptr_array_add (self->strings, description);
      self->entries[n++] = (GOptionEntry) {
        field->property, 0, 0, G_OPTION_ARG_STRING, &self->values[i], description,
        dlg_cli_field_arg_description (field)
      };
    }
  return self;
}

void
dlg_cli_field_options_free (DlgCliFieldOptions *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->fields);
  g_ptr_array_unref (self->strings);
  g_strfreev (self->values);
  g_free (self->entries);
  g_free (self);
}

void
dlg_cli_field_options_add_to (DlgCliFieldOptions *self,
                              GOptionContext     *context)
{
  g_option_context_add_main_entries (context, self->entries, GETTEXT_PACKAGE);
}

guint
dlg_cli_field_options_count_set (DlgCliFieldOptions *self)
{
  guint n = 0;

  for (guint i = 0; i < self->fields->len; i++)
    n += self->values[i] != NULL;
  return n;
}

static gboolean
parse_boolean (const char *text,
               gboolean   *value)
{
  static const char *const yes[] = { "yes", "true", "1", "oui", NULL };
  static const char *const no[] = { "no", "false", "0", "non", NULL };

  for (guint i = 0; yes[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, yes[i]) == 0)
      return (*value = TRUE, TRUE);
  for (guint i = 0; no[i] != NULL; i++)
    if (g_ascii_strcasecmp (text, no[i]) == 0)
      return (*value = FALSE, TRUE);
  return FALSE;
}

/**
 * dlg_cli_field_options_apply:
 *
 * Sets on @record the fields given as options. A value that is not of its field's kind (a
 * number, yes or no) is a usage error (%G_OPTION_ERROR_BAD_VALUE); what the value means is the
 * core's to check when the record is saved.
 */
gboolean
dlg_cli_field_options_apply (DlgCliFieldOptions  *self,
                             DlgRecord           *record,
                             GError             **error)
{
  for (guint i = 0; i < self->fields->len; i++)
    {
      const DlgField *field = g_ptr_array_index (self->fields, i);
      const char *text = self->values[i];
      gint64 number;
      double real;
      gboolean flag;
      char *end = NULL;

      if (text == NULL)
        continue;
      switch (field->kind)
        {
        case DLG_FIELD_STRING:
        case DLG_FIELD_TEXT:
        case DLG_FIELD_DATE:
        case DLG_FIELD_ENUM:
          dlg_record_set_string (record, field->property,
                                 *text == '\0' && (field->flags & DLG_FIELD_NULLABLE) ? NULL
                                                                                       : text);
          break;
        case DLG_FIELD_INT64:
        case DLG_FIELD_INT:
          if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &number, NULL))
            goto bad_value;
          dlg_record_set_int64 (record, field->property, number);
          break;
        case DLG_FIELD_DOUBLE:
          real = g_ascii_strtod (text, &end);
          if (end == text || *end != '\0')
            goto bad_value;
          dlg_record_set_double (record, field->property, real);
          break;
        case DLG_FIELD_BOOLEAN:
          if (!parse_boolean (text, &flag))
            goto bad_value;
          dlg_record_set_boolean (record, field->property, flag);
          break;
        default:
          g_assert_not_reached ();
        }
      continue;

    bad_value:
      if (field->kind == DLG_FIELD_BOOLEAN)
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--%s: “%s” is neither yes nor no."), field->property, text);
      else
        g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                     _("--%s: “%s” is not a number."), field->property, text);
      return FALSE;
    }
  return TRUE;
}

/* Records as JSON and as lines ------------------------------------------------------------- */

static gboolean
field_is_shown (const DlgField *field)
{
  return (field->flags & DLG_FIELD_HIDDEN) == 0 || field->reference != NULL;
}

/**
 * dlg_cli_add_record_members:
 *
 * id, uuid, then every field that is not hidden, named by its property, with its typed value
 * (null when unset).
 */
void
dlg_cli_add_record_members (JsonBuilder *builder,
                            DlgRecord   *record)
{
  const DlgRecordInfo *info = dlg_record_type_get_info (G_OBJECT_TYPE (record));

  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, dlg_record_get_id (record));
  if (!(info->flags & DLG_RECORD_NO_UUID))
    {
      json_builder_set_member_name (builder, "uuid");
      json_builder_add_string_value (builder, dlg_record_get_uuid (record));
    }
  for (guint i = 0; i < info->n_fields; i++)
    {
      const DlgField *field = &info->fields[i];
      const char *text;
      gint64 number;
      double real;

      if (!field_is_shown (field))
        continue;
      json_builder_set_member_name (builder, field->property);
      switch (field->kind)
        {
        case DLG_FIELD_STRING:
        case DLG_FIELD_TEXT:
        case DLG_FIELD_DATE:
        case DLG_FIELD_ENUM:
          text = dlg_record_get_string (record, field->property);
          if (text != NULL)
            json_builder_add_string_value (builder, text);
          else
            json_builder_add_null_value (builder);
          break;
        case DLG_FIELD_INT64:
        case DLG_FIELD_INT:
          number = dlg_record_get_int64 (record, field->property);
          if ((field->flags & DLG_FIELD_NULLABLE) && number == (gint64) field->default_number)
            json_builder_add_null_value (builder);
          else if (field->reference != NULL && number == 0)
            json_builder_add_null_value (builder);
          else
            json_builder_add_int_value (builder, number);
          break;
        case DLG_FIELD_DOUBLE:
          real = dlg_record_get_double (record, field->property);
          if (isnan (real))
            json_builder_add_null_value (builder);
          else
            json_builder_add_double_value (builder, real);
          break;
        case DLG_FIELD_BOOLEAN:
          json_builder_add_boolean_value (builder,
                                          dlg_record_get_boolean (record, field->property));
          break;
        default:
          g_assert_not_reached ();
        }
    }
}

/* "12\tvalue\tvalue…": the id, then the shown fields, tabs and newlines flattened. */
char *
dlg_cli_record_to_line (DlgRecord *record)
{
  const DlgRecordInfo *info = dlg_record_type_get_info (G_OBJECT_TYPE (record));
  GString *line = g_string_new (NULL);

  g_string_append_printf (line, "%" G_GINT64_FORMAT, dlg_record_get_id (record));
  for (guint i = 0; i < info->n_fields; i++)
    {
      const DlgField *field = &info->fields[i];
      g_autofree char *value = NULL;

      if (!field_is_shown (field))
        continue;
      switch (field->kind)
        {
        case DLG_FIELD_ENUM:
          value = g_strdup (dlg_record_get_string (record, field->property) != NULL
                            ? dlg_vocabulary_get_label (field->vocabulary,
                                                        dlg_record_get_string (record,
                                                                               field->property))
                            : "");
          break;
        case DLG_FIELD_STRING:
        case DLG_FIELD_TEXT:
        case DLG_FIELD_DATE:
          value = g_strdup (dlg_record_get_string (record, field->property));
          break;
        case DLG_FIELD_INT64:
        case DLG_FIELD_INT:
          if ((field->flags & DLG_FIELD_NULLABLE) &&
              dlg_record_get_int64 (record, field->property) == (gint64) field->default_number)
            break;
          value = g_strdup_printf ("%" G_GINT64_FORMAT,
                                   dlg_record_get_int64 (record, field->property));
          break;
        case DLG_FIELD_DOUBLE:
          value = g_strdup_printf ("%g", dlg_record_get_double (record, field->property));
          break;
        case DLG_FIELD_BOOLEAN:
          value = g_strdup (dlg_record_get_boolean (record, field->property) ? _("yes") : _("no"));
          break;
        default:
          g_assert_not_reached ();
        }
      g_string_append_c (line, '\t');
      if (value != NULL)
        g_string_append (line, g_strdelimit (value, "\t\r\n", ' '));
    }
  return g_string_free (line, FALSE);
}

/* Contributions ---------------------------------------------------------------------------- */

/**
 * dlg_cli_one_line:
 *
 * Returns: (transfer full): @text with its tabs and line breaks as spaces, so that a
 *   citizen's text cannot break a line of output
 */
char *
dlg_cli_one_line (const char *text)
{
  char *copy = g_strdup (text != NULL ? text : "");

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\t' || *p == '\n' || *p == '\r')
      *p = ' ';
  return copy;
}

static void
add_member_text (JsonBuilder *builder,
                 const char  *name,
                 const char  *text)
{
  json_builder_set_member_name (builder, name);
  if (text == NULL)
    json_builder_add_null_value (builder);
  else
    json_builder_add_string_value (builder, text);
}

static void
add_member_double (JsonBuilder *builder,
                   const char  *name,
                   double       value)
{
  json_builder_set_member_name (builder, name);
  if (isnan (value))
    json_builder_add_null_value (builder);
  else
    json_builder_add_double_value (builder, value);
}

/**
 * dlg_cli_add_contribution:
 *
 * Adds @c as one object of `contributions --json` (and `search --json`).
 */
void
dlg_cli_add_contribution (JsonBuilder     *builder,
                          DlgContribution *c)
{
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "id");
  json_builder_add_int_value (builder, dlg_contribution_get_id (c));
  add_member_text (builder, "uuid", dlg_contribution_get_uuid (c));
  add_member_text (builder, "created_at", dlg_contribution_get_created_at (c));
  add_member_text (builder, "channel", dlg_contribution_get_channel (c));
  add_member_text (builder, "feature", dlg_contribution_get_feature (c));
  add_member_text (builder, "kind", dlg_contribution_get_kind (c));
  add_member_text (builder, "moderation", dlg_contribution_get_moderation (c));
  add_member_text (builder, "author_ref", dlg_contribution_get_author_ref (c));
  add_member_text (builder, "title", dlg_contribution_get_title (c));
  add_member_text (builder, "body", dlg_contribution_get_body (c));
  add_member_double (builder, "lat", dlg_contribution_get_lat (c));
  add_member_double (builder, "lon", dlg_contribution_get_lon (c));
  json_builder_set_member_name (builder, "supports");
  json_builder_add_int_value (builder, dlg_contribution_get_supports (c));
  json_builder_set_member_name (builder, "highlighted");
  json_builder_add_boolean_value (builder, dlg_contribution_get_highlighted (c));
  add_member_text (builder, "site_missing_at", dlg_contribution_get_site_missing_at (c));
  json_builder_end_object (builder);
}

/**
 * dlg_cli_print_contribution_line:
 *
 * Prints @c as one line of `contributions` (date, feature, channel, moderation, author, title,
 * tab-separated).
 */
void
dlg_cli_print_contribution_line (DlgContribution *c)
{
  g_autofree char *title = dlg_cli_one_line (dlg_contribution_get_title (c));
  g_autofree char *author = dlg_cli_one_line (dlg_contribution_get_author_ref (c));

  g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", dlg_contribution_get_created_at (c),
           dlg_contribution_get_feature (c), dlg_contribution_get_channel (c),
           dlg_contribution_get_moderation (c), author, title);
}

void
dlg_cli_add_string_or_null (JsonBuilder *builder,
                            const char  *name,
                            const char  *value)
{
  json_builder_set_member_name (builder, name);
  if (value != NULL)
    json_builder_add_string_value (builder, value);
  else
    json_builder_add_null_value (builder);
}
