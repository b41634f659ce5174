/* dlg-cli-manual.c — the man page and the bash completion, made from the option tables
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * dialogue-cli --print-man and --print-completion walk main.c's command table and the spec of
 * each command (its verbs, their GOptionEntry tables and the field tables of the records they
 * write; a command without a spec appears by its name and summary only), so that --help, dialogue-cli.1 and the completion never disagree. The build runs them
 * (data/meson.build) under the C locale: the man page is in English.
 */

#define G_LOG_DOMAIN "dialogue-cli"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-cli-manual.h"

/* One option as both outputs see it. */
typedef struct
{
  const char *long_name;
  const char *arg;          /* NULL: a flag */
  char       *description;
  GStrv       values;       /* the words its value may be (ENUM), or NULL */
  gboolean    is_file;
} Option;

static void
option_clear (gpointer data)
{
  Option *option = data;

  g_free (option->description);
  g_strfreev (option->values);
}

static void
add_entries (GArray             *options,
             const GOptionEntry *entries)
{
  for (const GOptionEntry *e = entries; e != NULL && e->long_name != NULL; e++)
    {
      Option option = { 0 };

      if (e->flags & G_OPTION_FLAG_HIDDEN)
        continue;
      option.long_name = e->long_name;
      option.arg = e->arg != G_OPTION_ARG_NONE ? (e->arg_description != NULL
                                                  ? e->arg_description : "VALUE") : NULL;
      option.description = g_strdup (e->description != NULL ? e->description : "");
      option.is_file = e->arg == G_OPTION_ARG_FILENAME;
      g_array_append_val (options, option);
    }
}

/* The options of @verb, in --help's order: --db, --json, its own, its fields. */
static GArray *
verb_options (const DlgCliVerb *verb)
{
  static const GOptionEntry db[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, NULL, "The database (default: the app’s)", "FILE" },
    { NULL }
  };
  static const GOptionEntry json[] = {
    { "json", 0, 0, G_OPTION_ARG_NONE, NULL, "Print JSON", NULL },
    { NULL }
  };
  GArray *options = g_array_new (FALSE, TRUE, sizeof (Option));

  g_array_set_clear_func (options, option_clear);
  if (!verb->no_db)
    add_entries (options, db);
  if (verb->json)
    add_entries (options, json);
  add_entries (options, verb->options);
  if (verb->fields != NULL)
    {
      const DlgRecordInfo *info = dlg_record_type_get_info (verb->fields ());

      for (guint i = 0; i < info->n_fields; i++)
        {
          const DlgField *field = &info->fields[i];
          Option option = { 0 };

          if (!dlg_cli_field_is_option (field))
            continue;
          option.long_name = field->property;
          option.arg = dlg_cli_field_arg_description (field);
          option.description = dlg_cli_field_describe (field);
          if (field->kind == DLG_FIELD_ENUM && field->vocabulary != NULL)
            {
              g_autoptr(GStrvBuilder) values = g_strv_builder_new ();

              for (guint j = 0; dlg_vocabulary_get_id (field->vocabulary, j) != NULL; j++)
                g_strv_builder_add (values, dlg_vocabulary_get_id (field->vocabulary, j));
              option.values = g_strv_builder_end (values);
            }
          else if (field->kind == DLG_FIELD_BOOLEAN)
            option.values = g_strsplit ("yes no", " ", -1);
          g_array_append_val (options, option);
        }
    }
  return options;
}

/* Man page ----------------------------------------------------------------------------------- */

/* Text for roff: backslashes and hyphens escaped, no line starting with a control character,
 * and every non-ASCII character as \[uXXXX] (groff reads it whatever the locale). */
static void
roff_append (GString    *out,
             const char *text)
{
  if (*text == '.' || *text == '\'')
    g_string_append (out, "\\&");
  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (c == '\\')
        g_string_append (out, "\\e");
      else if (c == '-')
        g_string_append (out, "\\-");
      else if (c == '\n')
        g_string_append (out, "\n.br\n");
      else if (c < 0x80)
        g_string_append_c (out, (char) c);
      else
        g_string_append_printf (out, "\\[u%04X]", c);
    }
}

static void
man_option (GString      *out,
            const Option *option)
{
  g_string_append (out, ".TP\n\\fB\\-\\-");
  roff_append (out, option->long_name);
  g_string_append (out, "\\fR");
  if (option->arg != NULL)
    {
      g_string_append (out, " \\fI");
      roff_append (out, option->arg);
      g_string_append (out, "\\fR");
    }
  g_string_append_c (out, '\n');
  roff_append (out, option->description);
  g_string_append_c (out, '\n');
}

static void
man_verb (GString          *out,
          const char       *command,
          const DlgCliVerb *verb)
{
  g_autoptr(GArray) options = verb_options (verb);

  g_string_append (out, ".SS \"");
  roff_append (out, command);
  if (verb->name != NULL)
    {
      g_string_append_c (out, ' ');
      roff_append (out, verb->name);
    }
  g_string_append (out, "\"\n\\fBdialogue\\-cli ");
  roff_append (out, command);
  if (verb->name != NULL)
    {
      g_string_append_c (out, ' ');
      roff_append (out, verb->name);
    }
  g_string_append (out, "\\fR");
  if (verb->parameters != NULL && *verb->parameters != '\0')
    {
      g_string_append (out, " \\fI");
      roff_append (out, verb->parameters);
      g_string_append (out, "\\fR");
    }
  g_string_append (out, " [\\fIOPTION\\fR...]\n.PP\n");
  roff_append (out, verb->summary);
  g_string_append (out, g_str_has_suffix (verb->summary, ".") ? "\n" : ".\n");
  if (verb->arguments != NULL)
    {
      g_autofree char *words = g_strjoinv (", ", (char **) verb->arguments ());

      g_string_append (out, ".PP\nFIELD is one of: ");
      roff_append (out, words);
      g_string_append (out, ".\n");
    }
  for (guint i = 0; i < options->len; i++)
    man_option (out, &g_array_index (options, Option, i));
}

/**
 * dlg_cli_print_man:
 *
 * Prints dialogue-cli.1 (roff, man(7) macros) on stdout.
 */
void
dlg_cli_print_man (const DlgCliCommandEntry *commands,
                   guint                     n_commands)
{
  GString *out = g_string_new (NULL);

  g_string_append_printf (out, ".TH DIALOGUE\\-CLI 1 \"\" \"Dialogue %s\" \"User Commands\"\n",
                          PACKAGE_VERSION);
  g_string_append (out,
                   ".SH NAME\ndialogue\\-cli \\- run the participatory processes of Dialogue "
                   "from a script\n"
                   ".SH SYNOPSIS\n\\fBdialogue\\-cli\\fR [\\fB\\-\\-db\\fR \\fIFILE\\fR] "
                   "[\\fB\\-\\-json\\fR] \\fICOMMAND\\fR [\\fIVERB\\fR] [\\fIARGUMENT\\fR...] [\\fIOPTION\\fR...]\n"
                   ".SH DESCRIPTION\n\\fBdialogue\\-cli\\fR does on the command line what an "
                   "officer does in the Dialogue window, through the same core: the same "
                   "checks, the same stage rules (a done stage is read\\-only) and the same "
                   "journal entries. A process is named by its number or its uuid, a record by "
                   "its number or its uuid. \\fB\\-\\-db\\fR and \\fB\\-\\-json\\fR may come "
                   "before or after the command; \\fB\\-\\-json\\fR prints JSON. A date is "
                   "written as an officer writes it (15/01/2027, 15 janvier 2027, 2027\\-01\\-15, "
                   "with a time: 15/01/2027 10h30) or in ISO 8601; a time without a zone is "
                   "local, and is stored in UTC.\n"
                   ".SH COMMANDS\n");
  for (guint i = 0; i < n_commands; i++)
    {
      g_string_append (out, ".TP\n\\fB");
      roff_append (out, commands[i].name);
      g_string_append (out, "\\fR\n");
      roff_append (out, commands[i].summary);
      g_string_append (out, ".\n");
    }
  g_string_append (out, ".SH \"COMMANDS AND OPTIONS\"\n");
  for (guint i = 0; i < n_commands; i++)
    {
      const DlgCliSpec *spec = commands[i].spec;

      if (spec == NULL)
        continue;
      for (const DlgCliVerb *verb = spec->verbs; verb->summary != NULL; verb++)
        man_verb (out, spec->name, verb);
    }
  g_string_append (out,
                   ".SH ENVIRONMENT\n.TP\n\\fBDIALOGUE_OFFICER\\fR\nWho the journal names "
                   "(default: the system account).\n.TP\n\\fBDIALOGUE_TOKEN\\fR\nThe site's "
                   "token for \\fBsync\\fR (else \\fB\\-\\-token\\-file\\fR, then the keyring).\n"
                   ".SH \"EXIT STATUS\"\n0 on success, 1 on an error (the message on standard "
                   "error: a refusal of the core, a missing record...), 2 on wrong usage.\n"
                   ".SH \"SEE ALSO\"\n\\fBdialogue\\fR, the window over the same database.\n");
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
}

/* Bash completion ---------------------------------------------------------------------------- */

static void
append_words (GString    *out,
              const char *prefix,
              GStrv       words)
{
  for (guint i = 0; words != NULL && words[i] != NULL; i++)
    g_string_append_printf (out, "%s%s%s", i > 0 ? " " : "", prefix, words[i]);
}

/**
 * dlg_cli_print_completion:
 *
 * Prints the bash completion of dialogue-cli on stdout: the function _dialogue_cli completes
 * commands, verbs, options, the values of options that take one of a list, field names and
 * files.
 */
void
dlg_cli_print_completion (const DlgCliCommandEntry *commands,
                          guint                     n_commands)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GStrvBuilder) names = g_strv_builder_new ();
  g_auto(GStrv) command_names = NULL;

  for (guint i = 0; i < n_commands; i++)
    g_strv_builder_add (names, commands[i].name);
  command_names = g_strv_builder_end (names);

  g_string_append (out,
                   "# bash completion for dialogue-cli -*- shell-script -*-\n"
                   "# Generated by dialogue-cli --print-completion from its option tables.\n\n"
                   "_dialogue_cli_words ()\n{\n"
                   "  # $1: command, $2: verb; prints: verbs|options|files|values|arguments\n"
                   "  case \"$1 $2\" in\n");
  for (guint i = 0; i < n_commands; i++)
    {
      const DlgCliSpec *spec = commands[i].spec;

      if (spec == NULL)
        continue;
      for (const DlgCliVerb *verb = spec->verbs; verb->summary != NULL; verb++)
        {
          g_autoptr(GArray) options = verb_options (verb);
          g_autoptr(GStrvBuilder) flags = g_strv_builder_new ();
          g_autoptr(GStrvBuilder) files = g_strv_builder_new ();
          g_auto(GStrv) flag_words = NULL;
          g_auto(GStrv) file_words = NULL;

          for (guint j = 0; j < options->len; j++)
            {
              Option *option = &g_array_index (options, Option, j);

              g_strv_builder_add (flags, option->long_name);
              if (option->is_file)
                g_strv_builder_add (files, option->long_name);
            }
          flag_words = g_strv_builder_end (flags);
          file_words = g_strv_builder_end (files);
          g_string_append_printf (out, "    \"%s %s\")\n      _dlg_options=\"", spec->name,
                                  verb->name != NULL ? verb->name : "");
          append_words (out, "--", flag_words);
          g_string_append (out, "\"\n      _dlg_files=\"");
          append_words (out, "--", file_words);
          g_string_append (out, "\"\n      _dlg_arguments=\"");
          if (verb->arguments != NULL)
            append_words (out, "", (GStrv) verb->arguments ());
          g_string_append (out, "\"\n      case \"$3\" in\n");
          for (guint j = 0; j < options->len; j++)
            {
              Option *option = &g_array_index (options, Option, j);

              if (option->values == NULL)
                continue;
              g_string_append_printf (out, "        --%s) _dlg_values=\"", option->long_name);
              append_words (out, "", option->values);
              g_string_append (out, "\" ;;\n");
            }
          g_string_append (out, "        *) _dlg_values=\"\" ;;\n      esac\n      ;;\n");
        }
    }
  g_string_append (out, "    *) _dlg_options=\"--db\" _dlg_files=\"--db\" _dlg_arguments=\"\" "
                        "_dlg_values=\"\" ;;\n  esac\n}\n\n");

  g_string_append (out, "_dialogue_cli_verbs ()\n{\n  case \"$1\" in\n");
  for (guint i = 0; i < n_commands; i++)
    {
      const DlgCliSpec *spec = commands[i].spec;

      if (spec == NULL || spec->verbs[0].name == NULL)
        continue;
      g_string_append_printf (out, "    %s) echo \"", spec->name);
      for (const DlgCliVerb *verb = spec->verbs; verb->summary != NULL; verb++)
        g_string_append_printf (out, "%s%s", verb != spec->verbs ? " " : "", verb->name);
      g_string_append (out, "\" ;;\n");
    }
  g_string_append (out, "  esac\n}\n\n");

  g_string_append (out, "_dialogue_cli ()\n{\n"
                        "  local cur=${COMP_WORDS[COMP_CWORD]} prev=\"\" i command=\"\" verb=\"\"\n"
                        "  local commands=\"");
  append_words (out, "", command_names);
  g_string_append (out,
                   "\"\n"
                   "  local _dlg_options _dlg_files _dlg_arguments _dlg_values verbs\n"
                   "  local -a words=()\n"
                   "  (( COMP_CWORD > 0 )) && prev=${COMP_WORDS[COMP_CWORD-1]}\n"
                   "  COMPREPLY=()\n"
                   "  # The words before the cursor, without --db FILE (it may come first).\n"
                   "  for (( i = 1; i < COMP_CWORD; i++ )); do\n"
                   "    if [[ ${COMP_WORDS[i]} == --db ]]; then (( i++ )); continue; fi\n"
                   "    [[ ${COMP_WORDS[i]} == -* ]] && continue\n"
                   "    words+=(\"${COMP_WORDS[i]}\")\n"
                   "  done\n"
                   "  if [[ $prev == --db ]]; then\n"
                   "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
                   "    return 0\n"
                   "  fi\n"
                   "  if (( ${#words[@]} == 0 )); then\n"
                   "    if [[ $cur == -* ]]; then\n"
                   "      COMPREPLY=($(compgen -W \"--db --json --help --version\" -- \"$cur\"))\n"
                   "    else\n"
                   "      COMPREPLY=($(compgen -W \"$commands\" -- \"$cur\"))\n"
                   "    fi\n"
                   "    return 0\n"
                   "  fi\n"
                   "  command=${words[0]}\n"
                   "  verbs=$(_dialogue_cli_verbs \"$command\")\n"
                   "  if [[ -n $verbs ]]; then\n"
                   "    if (( ${#words[@]} == 1 )) && [[ $cur != -* ]]; then\n"
                   "      COMPREPLY=($(compgen -W \"$verbs\" -- \"$cur\"))\n"
                   "      return 0\n"
                   "    fi\n"
                   "    verb=${words[1]}\n"
                   "  fi\n"
                   "  _dialogue_cli_words \"$command\" \"$verb\" \"$prev\"\n"
                   "  if [[ -n $_dlg_values ]]; then\n"
                   "    COMPREPLY=($(compgen -W \"$_dlg_values\" -- \"$cur\"))\n"
                   "  elif [[ $prev == --* && \" $_dlg_files \" == *\" $prev \"* ]]; then\n"
                   "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
                   "  elif [[ $cur == -* ]]; then\n"
                   "    COMPREPLY=($(compgen -W \"$_dlg_options --help\" -- \"$cur\"))\n"
                   "  elif [[ -n $_dlg_arguments ]]; then\n"
                   "    COMPREPLY=($(compgen -W \"$_dlg_arguments\" -- \"$cur\"))\n"
                   "  else\n"
                   "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
                   "  fi\n"
                   "  return 0\n"
                   "}\n\n"
                   "complete -F _dialogue_cli dialogue-cli\n");
  fputs (out->str, stdout);
  g_string_free (out, TRUE);
}
