/* dlg-open-data.c — what makes an export open data: pseudonyms, masks, licence, dictionary
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A reference to a person (a contribution's author, a registrant, an officer) becomes
 * HMAC-SHA256 (secret of the process, kind + reference): the same person keeps one pseudonym
 * in every file of one process, and two processes' files cannot be linked, since each process
 * has its own secret (table open_data_secret, 32 random bytes, never exported). Free text loses
 * what looks like an e-mail address, a phone number (French and international forms) or a
 * street address, and every name or address the process's contact table knows. A name the app
 * does not know cannot be found in free text: moderation stays the guard against that.
 */

#define G_LOG_DOMAIN "dlg-export"

#include "config.h"

#include <errno.h>
#include <string.h>
#include <sys/random.h>

#include <glib/gi18n-lib.h>

#include "dlg-csv.h"
#include "dlg-error.h"
#include "dlg-export-private.h"

#define SECRET_LEN 32
#define PSEUDONYM_HEX 20
#define MAX_NGRAM 12

typedef enum
{
  KNOWN_NAME = 1,     /* a full name or an address: matched whatever the case */
  KNOWN_NAME_PART,    /* one word of a name: matched when written with a capital */
} KnownKind;

struct _DlgOpenData
{
  GHmac      *hmac;
  GRegex     *email;
  GRegex     *phone;
  GRegex     *address;
  GHashTable *known;       /* normalized words joined by spaces → KnownKind */
  GHashTable *first_words; /* first normalized word of a known value → most words after it */
  GString    *work;
};

typedef struct
{
  gsize     start;
  gsize     end;
  char     *norm;
  gboolean  capital;
} Word;

static const char sql_secret_insert[] =
  "INSERT OR IGNORE INTO open_data_secret (process_id, secret, created_at) VALUES (?1, ?2, ?3)";
static const char sql_secret_select[] =
  "SELECT secret FROM open_data_secret WHERE process_id = ?1";
static const char sql_known_values[] =
  "SELECT k.full_name, k.address FROM participant_contact k"
  " JOIN participant p ON p.id = k.participant_id WHERE p.process_id = ?1";

/* Not names on their own, though they appear in some. */
static const char *const name_particles[] = {
  "des", "les", "van", "von", "der", "den", "del", "della", "dos", "das", "ben", "bin", "mac",
  "saint", "sainte", NULL,
};

static const char email_pattern[] =
  "[\\p{L}\\p{N}._%+\\-]+[ \\t]*(?:@|\\(at\\)|\\[at\\]|\\(arobase\\)|\\[arobase\\])[ \\t]*"
  "[\\p{L}\\p{N}\\-]+(?:[ \\t]*(?:\\.|\\(dot\\)|\\[dot\\]|\\(point\\)|\\[point\\])[ \\t]*"
  "[\\p{L}\\p{N}\\-]+)+";

/* French numbers (0X XX XX XX XX, with spaces, dots, dashes or nothing between pairs),
 * +33 / 0033 with or without (0), and any international number written with + or 00. */
#define SEP "[ \\t.\\-\\x{00A0}\\x{202F}]?"
static const char phone_pattern[] =
  "(?<![\\p{N}+])(?:"
  "(?:\\+|00)" SEP "33" SEP "(?:\\(0\\)" SEP ")?[1-9](?:" SEP "\\d{2}){4}"
  "|0[1-9](?:" SEP "\\d{2}){4}"
  "|(?:\\+|00)" SEP "[1-9]\\d{0,2}(?:" SEP "\\(?\\d{1,4}\\)?){2,6}"
  ")(?!\\p{N})";
#undef SEP

static const char address_pattern[] =
  "\\b\\d{1,4}[ \\x{00A0}]?(?:bis|ter|quater|[a-d])?,?[ \\x{00A0}]+"
  "(?:rue|avenue|av\\.?|boulevard|bd|all[ée]e|impasse|place|chemin|quai|route|cours|square|"
  "passage|sentier|esplanade|voie|r[ée]sidence|lotissement|hameau|cit[ée]|parvis|promenade|"
  "mail|faubourg|rond-point|chauss[ée]e|venelle|ruelle|villa)\\b[^\\n\\r,;()]{0,60}"
  "(?:,[ \\x{00A0}]*\\d{5}[ \\x{00A0}]+[\\p{L}'’\\- ]{1,40})?";

static char *
normalize_word (const char *word,
                gsize       len)
{
  g_autofree char *folded = g_utf8_casefold (word, len);
  g_autofree char *decomposed = g_utf8_normalize (folded, -1, G_NORMALIZE_NFD);
  GString *out = g_string_sized_new (len);

  for (const char *p = decomposed; p != NULL && *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (!g_unichar_ismark (c))
        g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

static void
word_clear (gpointer data)
{
  Word *word = data;

  g_free (word->norm);
}

/* Words are runs of letters and digits. */
static void
tokenize (const char *text,
          gsize       len,
          GArray     *words)
{
  const char *end = text + len;
  const char *p = text;

  while (p < end)
    {
      const char *start;
      Word word;

      while (p < end && !g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      if (p >= end)
        break;
      start = p;
      while (p < end && g_unichar_isalnum (g_utf8_get_char (p)))
        p = g_utf8_next_char (p);
      word.start = start - text;
      word.end = p - text;
      word.norm = normalize_word (start, p - start);
      word.capital = g_unichar_isupper (g_utf8_get_char (start));
      g_array_append_val (words, word);
    }
}

static void
add_known (DlgOpenData *self,
           const char  *value,
           gboolean     with_parts)
{
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  g_autoptr(GString) key = g_string_new (NULL);

  g_array_set_clear_func (words, word_clear);
  tokenize (value, strlen (value), words);
  if (words->len == 0)
    return;
  for (guint i = 0; i < MIN (words->len, MAX_NGRAM); i++)
    {
      if (i > 0)
        g_string_append_c (key, ' ');
      g_string_append (key, g_array_index (words, Word, i).norm);
    }
  g_hash_table_insert (self->known, g_strdup (key->str), GINT_TO_POINTER (KNOWN_NAME));
  {
    const char *first = g_array_index (words, Word, 0).norm;
    guint n = MIN (words->len, MAX_NGRAM);

    if (GPOINTER_TO_UINT (g_hash_table_lookup (self->first_words, first)) < n)
      g_hash_table_insert (self->first_words, g_strdup (first), GUINT_TO_POINTER (n));
  }
  if (!with_parts)
    return;
  for (guint i = 0; i < words->len; i++)
    {
      const char *part = g_array_index (words, Word, i).norm;

      if (g_utf8_strlen (part, -1) < 3 || g_strv_contains (name_particles, part) ||
          g_hash_table_contains (self->known, part))
        continue;
      g_hash_table_insert (self->known, g_strdup (part), GINT_TO_POINTER (KNOWN_NAME_PART));
      if (!g_hash_table_contains (self->first_words, part))
        g_hash_table_insert (self->first_words, g_strdup (part), GUINT_TO_POINTER (1));
    }
}

static gboolean
load_known_values (DlgOpenData  *self,
                   DlgStore     *store,
                   gint64        process_id,
                   GError      **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_known_values, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, process_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = dlg_stmt_get_text (stmt, 0);
      const char *address = dlg_stmt_get_text (stmt, 1);
      const char *comma = strchr (address, ',');

      add_known (self, name, TRUE);
      add_known (self, address, FALSE);
      /* "12 rue des Lilas, 44000 Nantes" is also written "12 rue des Lilas". */
      if (comma != NULL)
        {
          g_autofree char *street = g_strndup (address, comma - address);

          add_known (self, street, FALSE);
        }
    }
  return rc == SQLITE_DONE || dlg_store_set_error (store, rc, error);
}

static gboolean
load_secret (DlgStore  *store,
             gint64     process_id,
             guint8     secret[SECRET_LEN],
             GError   **error)
{
  g_autoptr(DlgStmt) insert = NULL;
  g_autoptr(DlgStmt) select = NULL;
  g_autofree char *now = dlg_now_iso8601 ();
  guint8 fresh[SECRET_LEN];
  gsize got = 0;
  int rc;

  while (got < SECRET_LEN)
    {
      gssize n = getrandom (fresh + got, SECRET_LEN - got, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          g_set_error (error, DLG_ERROR, DLG_ERROR_FAILED,
                       _("No random numbers to make the pseudonyms: %s"), g_strerror (errno));
          return FALSE;
        }
      got += n;
    }
  if (!(insert = dlg_store_prepare (store, sql_secret_insert, error)))
    return FALSE;
  sqlite3_bind_int64 (insert, 1, process_id);
  sqlite3_bind_blob (insert, 2, fresh, SECRET_LEN, SQLITE_TRANSIENT);
  dlg_stmt_bind_text (insert, 3, now);
  memset (fresh, 0, sizeof fresh);
  if (!dlg_store_step_done (store, insert, error))
    return FALSE;
  if (!(select = dlg_store_prepare (store, sql_secret_select, error)))
    return FALSE;
  sqlite3_bind_int64 (select, 1, process_id);
  rc = sqlite3_step (select);
  if (rc != SQLITE_ROW)
    return dlg_store_set_error (store, rc == SQLITE_DONE ? SQLITE_CORRUPT : rc, error);
  if (sqlite3_column_bytes (select, 0) != SECRET_LEN)
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_DATABASE,
                   _("The secret of the pseudonyms is damaged in the database."));
      return FALSE;
    }
  memcpy (secret, sqlite3_column_blob (select, 0), SECRET_LEN);
  return TRUE;
}

/**
 * dlg_open_data_new:
 *
 * The pseudonyms and masks of one process; creates the process's secret the first time.
 */
DlgOpenData *
dlg_open_data_new (DlgStore  *store,
                   gint64     process_id,
                   GError   **error)
{
  g_autoptr(DlgOpenData) self = g_new0 (DlgOpenData, 1);
  guint8 secret[SECRET_LEN];

  self->known = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->first_words = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->work = g_string_new (NULL);
  if (!dlg_store_begin (store, error))
    return NULL;
  if (!load_secret (store, process_id, secret, error) ||
      !load_known_values (self, store, process_id, error))
    {
      dlg_store_rollback (store);
      return NULL;
    }
  if (!dlg_store_commit (store, error))
    return NULL;
  self->hmac = g_hmac_new (G_CHECKSUM_SHA256, secret, SECRET_LEN);
  memset (secret, 0, sizeof secret);
  self->email = g_regex_new (email_pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  self->phone = g_regex_new (phone_pattern, G_REGEX_OPTIMIZE, 0, NULL);
  self->address = g_regex_new (address_pattern, G_REGEX_CASELESS | G_REGEX_OPTIMIZE, 0, NULL);
  g_assert (self->email != NULL && self->phone != NULL && self->address != NULL);
  return g_steal_pointer (&self);
}

void
dlg_open_data_free (DlgOpenData *self)
{
  if (self == NULL)
    return;
  g_clear_pointer (&self->hmac, g_hmac_unref);
  g_clear_pointer (&self->email, g_regex_unref);
  g_clear_pointer (&self->phone, g_regex_unref);
  g_clear_pointer (&self->address, g_regex_unref);
  g_clear_pointer (&self->known, g_hash_table_unref);
  g_clear_pointer (&self->first_words, g_hash_table_unref);
  g_string_free (self->work, TRUE);
  g_free (self);
}

/**
 * dlg_open_data_pseudonym:
 * @kind: what the reference names ("author", "participant", "officer")
 *
 * Sets @out to the pseudonym of @reference ("" stays ""): 20 hex digits of
 * HMAC-SHA256 (secret, kind NUL reference).
 */
void
dlg_open_data_pseudonym (DlgOpenData *self,
                         const char  *kind,
                         const char  *reference,
                         gsize        len,
                         GString     *out)
{
  g_autoptr(GHmac) hmac = NULL;
  guint8 digest[32];
  gsize digest_len = sizeof digest;
  static const char hex[] = "0123456789abcdef";

  g_string_truncate (out, 0);
  if (len == 0)
    return;
  hmac = g_hmac_copy (self->hmac);
  g_hmac_update (hmac, (const guchar *) kind, strlen (kind) + 1);
  g_hmac_update (hmac, (const guchar *) reference, len);
  g_hmac_get_digest (hmac, digest, &digest_len);
  for (guint i = 0; i < PSEUDONYM_HEX / 2; i++)
    {
      g_string_append_c (out, hex[digest[i] >> 4]);
      g_string_append_c (out, hex[digest[i] & 0xf]);
    }
}

static gboolean
replace_regex (GRegex     *regex,
               GString    *text,
               const char *replacement)
{
  g_autofree char *replaced = NULL;

  if (!g_regex_match_full (regex, text->str, text->len, 0, 0, NULL, NULL))
    return FALSE;
  replaced = g_regex_replace_literal (regex, text->str, text->len, 0, replacement, 0, NULL);
  if (replaced == NULL)
    return FALSE;
  g_string_assign (text, replaced);
  return TRUE;
}

static gboolean
mask_known (DlgOpenData *self,
            GString     *text)
{
  g_autoptr(GArray) words = g_array_new (FALSE, FALSE, sizeof (Word));
  g_autoptr(GString) out = NULL;
  g_autoptr(GString) key = g_string_new (NULL);
  gsize copied = 0;
  const char *mask = _("[name removed]");

  g_array_set_clear_func (words, word_clear);
  tokenize (text->str, text->len, words);
  for (guint i = 0; i < words->len;)
    {
      Word *first = &g_array_index (words, Word, i);
      guint most = GPOINTER_TO_UINT (g_hash_table_lookup (self->first_words, first->norm));
      guint matched = 0;

      for (guint n = MIN (most, words->len - i); n >= 1 && matched == 0; n--)
        {
          KnownKind kind;

          g_string_assign (key, first->norm);
          for (guint j = 1; j < n; j++)
            {
              g_string_append_c (key, ' ');
              g_string_append (key, g_array_index (words, Word, i + j).norm);
            }
          kind = GPOINTER_TO_INT (g_hash_table_lookup (self->known, key->str));
          if (kind == KNOWN_NAME || (kind == KNOWN_NAME_PART && first->capital))
            matched = n;
        }
      if (matched == 0)
        {
          i++;
          continue;
        }
      if (out == NULL)
        out = g_string_sized_new (text->len);
      g_string_append_len (out, text->str + copied, first->start - copied);
      g_string_append (out, mask);
      copied = g_array_index (words, Word, i + matched - 1).end;
      i += matched;
    }
  if (out == NULL)
    return FALSE;
  g_string_append_len (out, text->str + copied, text->len - copied);
  g_string_assign (text, out->str);
  return TRUE;
}

/**
 * dlg_open_data_mask:
 *
 * Sets @out to @text without e-mail addresses, phone numbers, street addresses and the names
 * and addresses of the process's contact table.
 *
 * Returns: whether anything was masked
 */
gboolean
dlg_open_data_mask (DlgOpenData *self,
                    const char  *text,
                    gsize        len,
                    GString     *out)
{
  gboolean changed = FALSE;

  g_string_truncate (out, 0);
  g_string_append_len (out, text, len);
  if (len == 0)
    return FALSE;
  changed |= replace_regex (self->email, out, _("[e-mail removed]"));
  changed |= replace_regex (self->phone, out, _("[phone removed]"));
  changed |= replace_regex (self->address, out, _("[address removed]"));
  if (g_hash_table_size (self->known) > 0)
    changed |= mask_known (self, out);
  return changed;
}

/* Licences */

typedef struct
{
  const char *id;
  const char *name;
  const char *url;
  const char *terms;
} Licence;

/* French only, as the public pages: these files go out with French open data. */
static const Licence licences[] = {
  { "etalab-2.0", "Licence Ouverte / Open Licence version 2.0",
    "https://www.etalab.gouv.fr/wp-content/uploads/2017/04/ETALAB-Licence-Ouverte-v2.0.pdf",
    "Vous êtes libre de réutiliser ces données (les reproduire, copier, adapter, modifier, "
    "extraire, transformer, communiquer, diffuser, redistribuer, publier et transmettre), y "
    "compris à des fins commerciales, sous réserve de mentionner leur source (le producteur) "
    "et la date de leur dernière mise à jour." },
  { "odbl-1.0", "Open Database License (ODbL) 1.0",
    "https://opendatacommons.org/licenses/odbl/1-0/",
    "Vous êtes libre de partager, créer et adapter cette base de données, à condition de "
    "mentionner sa source, de partager aux mêmes conditions toute base dérivée que vous "
    "diffusez et de la garder ouverte." },
  { "cc-by-4.0", "Creative Commons Attribution 4.0 International (CC BY 4.0)",
    "https://creativecommons.org/licenses/by/4.0/legalcode.fr",
    "Vous êtes libre de partager et d’adapter ces données pour toute utilisation, y compris "
    "commerciale, à condition d’en créditer la source et d’indiquer si des modifications ont "
    "été faites." },
  { "cc0-1.0", "Creative Commons Zero 1.0 (CC0, domaine public)",
    "https://creativecommons.org/publicdomain/zero/1.0/legalcode.fr",
    "Le producteur renonce à ses droits sur ces données dans la mesure permise par la loi : "
    "vous pouvez les réutiliser sans condition." },
};

static const char *const licence_ids[] = { "etalab-2.0", "odbl-1.0", "cc-by-4.0", "cc0-1.0",
                                           NULL };
G_STATIC_ASSERT (G_N_ELEMENTS (licence_ids) == G_N_ELEMENTS (licences) + 1);

/**
 * dlg_export_licence_ids:
 *
 * Returns: (transfer none): the licences open data can carry, the default first
 */
const char *const *
dlg_export_licence_ids (void)
{
  return licence_ids;
}

gboolean
dlg_export_licence_is_known (const char *id)
{
  return id != NULL && g_strv_contains (licence_ids, id);
}

/**
 * dlg_open_data_licence_text:
 *
 * Returns: the text of the licence file written beside an open-data file
 */
char *
dlg_open_data_licence_text (const char *licence,
                            const char *process_title,
                            const char *file_name)
{
  const Licence *l = &licences[0];
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");

  for (guint i = 0; i < G_N_ELEMENTS (licences); i++)
    if (licence != NULL && g_str_equal (licences[i].id, licence))
      l = &licences[i];
  return g_strdup_printf ("Jeu de données : %s\r\n"
                          "Démarche : %s\r\n"
                          "Date de production : %s\r\n"
                          "Licence : %s (%s)\r\n"
                          "Texte de la licence : %s\r\n"
                          "\r\n"
                          "%s\r\n"
                          "\r\n"
                          "Ces données ne contiennent pas de données personnelles : aucune "
                          "coordonnée des personnes inscrites ; les auteurs, les personnes "
                          "inscrites et les agents y sont désignés par des pseudonymes propres "
                          "à cette démarche ; les adresses électroniques, numéros de téléphone, "
                          "adresses postales et noms connus ont été masqués dans les textes "
                          "libres. Le dictionnaire des données décrit chaque champ.\r\n",
                          file_name, process_title, date, l->name, l->id, l->url, l->terms);
}

static const char *
type_id (DlgExportType type)
{
  switch (type)
    {
    case DLG_EXPORT_TYPE_INTEGER: return "integer";
    case DLG_EXPORT_TYPE_NUMBER: return "number";
    case DLG_EXPORT_TYPE_BOOLEAN: return "boolean";
    case DLG_EXPORT_TYPE_DATETIME: return "datetime";
    case DLG_EXPORT_TYPE_DATE: return "date";
    case DLG_EXPORT_TYPE_TEXT:
    default: return "text";
    }
}

static void
append_dictionary_row (GString    *csv,
                       const char *field,
                       const char *type,
                       const char *description)
{
  const char *cells[] = { field, type, description };

  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    {
      g_autofree char *quoted = dlg_csv_quote (cells[i]);

      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, quoted);
    }
  g_string_append (csv, "\r\n");
}

/**
 * dlg_open_data_write_dictionary:
 * @geojson: the columns of a GeoJSON file: latitude and longitude are its geometry
 *
 * Writes the data dictionary (CSV: field, type, description) to @path, atomically.
 */
gboolean
dlg_open_data_write_dictionary (const char             *path,
                                const DlgExportColumn **columns,
                                guint                   n_columns,
                                gboolean                geojson,
                                GError                **error)
{
  g_autoptr(GString) csv = g_string_new (NULL);

  append_dictionary_row (csv, "field", "type", "description");
  if (geojson)
    append_dictionary_row (csv, "geometry", "Point",
                           _("Location: a GeoJSON Point, [longitude, latitude] in WGS 84 "
                             "(RFC 7946); the feature’s id is the contribution’s uuid"));
  for (guint i = 0; i < n_columns; i++)
    {
      if (geojson && (columns[i]->flags & (DLG_EXPORT_COL_LATITUDE | DLG_EXPORT_COL_LONGITUDE)))
        continue;
      append_dictionary_row (csv, columns[i]->name, type_id (columns[i]->type),
                             _(columns[i]->description));
    }
  return g_file_set_contents_full (path, csv->str, csv->len, G_FILE_SET_CONTENTS_CONSISTENT,
                                   0666, error);
}
