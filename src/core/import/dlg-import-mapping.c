/* dlg-import-mapping.c — a file's columns, a first guess of what each is, and the choices an
 * officer made for a process, kept for the next file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A partner sends the same spreadsheet every week: the format, the locale and the column
 * mapping chosen for a process are kept in import_setting (one row per process), so that the
 * dialog and `dialogue-cli import` start from them. They are working settings, not decisions:
 * they are not journaled and never synced.
 */

#define G_LOG_DOMAIN "dlg-import"

#include "config.h"

#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-csv.h"
#include "dlg-error.h"
#include "dlg-import-private.h"
#include "dlg-store-private.h"

static const char * const import_fields[] = {
  "title", "body", "author", "date", "channel", "feature", "latitude", "longitude", "area",
  "id", "name", "email", "phone", NULL,
};

/* The fields a column of the csv format can be mapped to, NULL-terminated: those a
 * contribution keeps, then the personal ones (name, email, phone) that are dropped. */
const char * const *
dlg_import_fields (void)
{
  return import_fields;
}

/**
 * dlg_import_read_columns:
 * @path: a CSV or a spreadsheet
 *
 * Returns: (transfer full): the names of its header's columns, or %NULL with @error set (a
 *   JSON file has none: %DLG_ERROR_INVALID)
 */
char **
dlg_import_read_columns (const char  *path,
                         GError     **error)
{
  g_autoptr(DlgCsvReader) reader = NULL;
  g_autoptr(DlgCsvRow) header = NULL;
  g_autoptr(GStrvBuilder) builder = NULL;

  g_return_val_if_fail (path != NULL, NULL);

  if (dlg_import_is_json (path))
    {
      g_autofree char *name = g_filename_display_name (path);

      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("%s holds JSON rows, not columns."), name);
      return NULL;
    }
  if (!(reader = dlg_csv_reader_open (path, 0, error)) ||
      !dlg_csv_reader_next (reader, &header, error))
    return NULL;
  builder = g_strv_builder_new ();
  for (guint i = 0; header != NULL && i < header->n_fields; i++)
    g_strv_builder_add (builder, header->fields[i]);
  return g_strv_builder_end (builder);
}

/* Lower case, accents and punctuation folded: "Déposé le" → "depose le". */
static char *
fold (const char *name)
{
  g_autofree char *ascii = g_str_to_ascii (name, "C");
  g_autofree char *down = g_ascii_strdown (ascii, -1);

  return g_strstrip (g_strdelimit (g_steal_pointer (&down), "_-.:/()", ' '));
}

static const char *
guess_field (const char *column)
{
  static const struct
  {
    const char *field;
    const char *names[12];
  } guesses[] = {
    { "title", { "title", "titre", "idee", "intitule", "objet", "sujet", "proposition" } },
    { "body", { "body", "texte", "text", "contenu", "description", "detail", "details",
                "commentaire", "comment", "message", "contribution", "reponse" } },
    { "author", { "author", "auteur", "author id", "pseudonyme", "pseudo", "contributeur" } },
    { "date", { "date", "created at", "depose le", "deposee le", "deposee", "cree le",
                "date de depot", "horodatage", "timestamp" } },
    { "channel", { "channel", "canal", "source" } },
    { "feature", { "feature", "dispositif", "question", "outil" } },
    { "latitude", { "latitude", "lat" } },
    { "longitude", { "longitude", "lon", "lng", "long" } },
    { "area", { "area", "quartier", "commune", "secteur", "territoire", "lieu", "ville" } },
    { "id", { "id", "identifiant", "reference", "ref", "numero", "n" } },
    { "name", { "name", "nom", "prenom", "nom prenom", "prenom nom", "nom complet" } },
    { "email", { "email", "e mail", "courriel", "mail", "adresse electronique" } },
    { "phone", { "phone", "telephone", "tel", "portable", "mobile" } },
  };
  g_autofree char *folded = fold (column);

  for (guint i = 0; i < G_N_ELEMENTS (guesses); i++)
    for (guint j = 0; j < G_N_ELEMENTS (guesses[i].names) && guesses[i].names[j] != NULL; j++)
      if (g_str_equal (folded, guesses[i].names[j]))
        return guesses[i].field;
  return NULL;
}

/**
 * dlg_import_guess_map:
 * @columns: a header's column names
 *
 * Returns: (transfer full): a "COL=FIELD,…" mapping of the columns whose name says what they
 *   are ("Courriel" is an e-mail, "Idée" a title), each field given once; "" when none does
 */
char *
dlg_import_guess_map (const char * const *columns)
{
  g_autoptr(GString) map = g_string_new (NULL);
  g_autoptr(GHashTable) taken = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      const char *field = guess_field (columns[i]);

      /* a column whose name holds the separators of the mapping cannot be named in it */
      if (field == NULL || strpbrk (columns[i], ",=") != NULL ||
          (g_hash_table_contains (taken, field) && !g_str_equal (field, "body")))
        continue;
      g_hash_table_add (taken, (gpointer) field);
      g_string_append_printf (map, "%s%s=%s", map->len > 0 ? "," : "", columns[i], field);
    }
  return g_string_free (g_steal_pointer (&map), FALSE);
}

/**
 * dlg_import_load_settings:
 * @format: (out): the format last chosen, %DLG_IMPORT_FORMAT_AUTO when none was
 * @map: (out) (transfer full) (nullable): the csv format's mapping last used
 * @locale: (out) (transfer full) (nullable): the locale last chosen
 *
 * Returns: %FALSE with @error set when the database cannot be read (no settings yet is not an
 *   error)
 */
gboolean
dlg_import_load_settings (DlgStore         *store,
                          gint64            process_id,
                          DlgImportFormat  *format,
                          char            **map,
                          char            **locale,
                          GError          **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  *format = DLG_IMPORT_FORMAT_AUTO;
  *map = NULL;
  *locale = NULL;
  if (!(stmt = dlg_store_prepare (store, "SELECT format, map, locale FROM import_setting"
                                         " WHERE process_id = ?1", error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      if (!dlg_import_format_from_id (dlg_stmt_get_text (stmt, 0), format))
        *format = DLG_IMPORT_FORMAT_AUTO;
      *map = dlg_stmt_dup_text (stmt, 1);
      *locale = dlg_stmt_dup_text (stmt, 2);
      return TRUE;
    }
  return rc == SQLITE_DONE || dlg_store_set_error (store, rc, error);
}

/**
 * dlg_import_save_settings:
 * @map: (nullable): the csv format's mapping
 * @locale: (nullable)
 *
 * Keeps what the officer chose for @process_id's next import.
 */
gboolean
dlg_import_save_settings (DlgStore         *store,
                          gint64            process_id,
                          DlgImportFormat   format,
                          const char       *map,
                          const char       *locale,
                          GError          **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  g_autofree char *now = dlg_now_iso8601 ();

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);

  if (!(stmt = dlg_store_prepare (store,
                                  "INSERT INTO import_setting (process_id, format, map, locale,"
                                  "  updated_at) VALUES (?1, ?2, ?3, ?4, ?5)"
                                  " ON CONFLICT (process_id) DO UPDATE SET format = ?2,"
                                  "  map = coalesce (?3, map), locale = ?4, updated_at = ?5",
                                  error)))
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  dlg_stmt_bind_text (stmt, 2, format != DLG_IMPORT_FORMAT_AUTO
                               ? dlg_import_format_to_id (format) : "auto");
  dlg_stmt_bind_text (stmt, 3, map != NULL && *map != '\0' ? map : NULL);
  dlg_stmt_bind_text (stmt, 4, locale != NULL && *locale != '\0' ? locale : NULL);
  dlg_stmt_bind_text (stmt, 5, now);
  return dlg_store_step_done (store, stmt, error);
}
