/* dlg-cli-common.h — what every dialogue-cli command shares
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <stdio.h>

#include <json-glib/json-glib.h>

#include "dlg-core.h"

G_BEGIN_DECLS

/* Exit statuses of dialogue-cli. */
#define DLG_CLI_OK    0
#define DLG_CLI_ERROR 1
#define DLG_CLI_USAGE 2

/* A command: argv[0] is its name; returns one of the DLG_CLI_ statuses. */
typedef int (*DlgCliCommand) (int    argc,
                              char **argv);


/* One verb of a command ("process create"), or the command itself when name is NULL. Its
 * options are a static GOptionEntry table, plus, with fields, a --PROPERTY VALUE option for
 * every field of that record type an editor can write (DlgField.property). --help, the man
 * page and the bash completion are made from these tables (dlg-cli-manual.c). */
typedef struct
{
  const char         *name;        /* "create"; NULL: the command takes no verb */
  const char         *parameters;  /* N_("PROCESS FIELD VALUE"), "" for none */
  const char         *summary;     /* N_(); NULL ends a table of verbs */
  const GOptionEntry *options;     /* NULL-terminated, or NULL */
  GType             (*fields) (void); /* record type whose fields are options, or NULL */
  gboolean            json;        /* takes --json */
  gconstpointer       data;        /* the command's own (what a record verb does…) */
  /* The words its FIELD argument may be (for the completion and the man page), or NULL. */
  const char *const *(*arguments) (void);
  gboolean            no_db;       /* works on files only: no --db */
} DlgCliVerb;

/* What a command declares. */
typedef struct
{
  const char       *name;
  const DlgCliVerb *verbs;         /* ends with an entry whose summary is NULL */
} DlgCliSpec;

/* A line of main.c's command table. */
typedef struct
{
  const char       *name;
  DlgCliCommand     run;
  const char       *summary;       /* N_() */
  const DlgCliSpec *spec;          /* its verbs and options (NULL: none declared) */
} DlgCliCommandEntry;

/* The spec of a command without verbs. */
#define DLG_CLI_SPEC_ONE(command, parameters, summary, options, json)                      \
  const DlgCliSpec dlg_cli_##command##_spec = {                                            \
    #command, (const DlgCliVerb[]) { { NULL, parameters, summary, options, NULL, json },  \
                                     { NULL } }                                            \
  }

/* --db and --json, for the commands built with dlg_cli_context_new(). */
extern char     *dlg_cli_opt_db;
extern gboolean  dlg_cli_opt_json;

gboolean  dlg_cli_parse       (GOptionContext  *context,
                               int             *argc,
                               char          ***argv,
                               const char      *command);
DlgStore *dlg_cli_open_store  (const char      *db_path);
int       dlg_cli_fail        (const GError    *error);
int       dlg_cli_usage       (const char      *command,
                               const char      *message);
void      dlg_cli_print_json  (JsonNode        *node);
void      dlg_cli_print_builder (JsonBuilder   *builder);
/* A member @name: @value, or null when it is NULL. */
void      dlg_cli_add_string_or_null (JsonBuilder *builder,
                                      const char  *name,
                                      const char  *value);

/* The verb of @spec named @verb; with a spec whose only verb has no name, that one. */
const DlgCliVerb   *dlg_cli_find_verb   (const DlgCliSpec  *spec,
                                         const char        *verb);
/* A context with --db, --json when the verb takes it, and the verb's options. */
GOptionContext     *dlg_cli_context_new (const DlgCliSpec  *spec,
                                         const DlgCliVerb  *verb);
int                 dlg_cli_run_verbs   (const DlgCliSpec  *spec,
                                         int                argc,
                                         char             **argv,
                                         int              (*run) (const DlgCliSpec *spec,
                                                                  const DlgCliVerb *verb,
                                                                  int               argc,
                                                                  char            **argv));

/* The --PROPERTY VALUE options of a record type's fields. */
typedef struct _DlgCliFieldOptions DlgCliFieldOptions;

gboolean            dlg_cli_field_is_option        (const DlgField      *field);
char               *dlg_cli_field_describe         (const DlgField      *field);
const char         *dlg_cli_field_arg_description  (const DlgField      *field);
DlgCliFieldOptions *dlg_cli_field_options_new      (GType                type);
void                dlg_cli_field_options_free     (DlgCliFieldOptions  *options);
void                dlg_cli_field_options_add_to   (DlgCliFieldOptions  *options,
                                                    GOptionContext      *context);
guint               dlg_cli_field_options_count_set (DlgCliFieldOptions *options);
gboolean            dlg_cli_field_options_apply    (DlgCliFieldOptions  *options,
                                                    DlgRecord           *record,
                                                    GError             **error);
void                dlg_cli_add_record_members     (JsonBuilder         *builder,
                                                    DlgRecord           *record);
char               *dlg_cli_record_to_line         (DlgRecord           *record);

/* Contributions as `contributions` prints them. */
char               *dlg_cli_one_line               (const char          *text);
void                dlg_cli_add_contribution       (JsonBuilder         *builder,
                                                    DlgContribution     *c);
void                dlg_cli_print_contribution_line (DlgContribution    *c);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DlgCliFieldOptions, dlg_cli_field_options_free)

G_END_DECLS
