/* dlg-site-i18n.c — the public pages' language: gettext catalogues chosen per request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A small reader of GNU .mo files (the format msgfmt writes: a header, then two tables of
 * (length, offset) pairs, originals and translations, in the same order). Originals with a
 * context are "CONTEXT\004MSGID", plural ones "MSGID\0MSGID_PLURAL" with translations
 * "FORM0\0FORM1"; fuzzy entries are not in the file. The catalogue is read once and kept for
 * the life of the process.
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include <string.h>

#include "dlg-site-i18n.h"

#define MO_MAGIC         0x950412deu
#define MO_MAGIC_SWAPPED 0xde120495u

typedef struct
{
  char *lang;
  char *site_name;
} Current;

typedef struct
{
  const char *text;
  gsize       len;              /* with the NULs between plural forms */
} Translation;

static GPrivate current_key = G_PRIVATE_INIT (NULL);

static guint32
read_u32 (const guint8 *data,
          gsize         offset,
          gboolean      swapped)
{
  guint32 v;

  memcpy (&v, data + offset, 4);
  return swapped ? GUINT32_SWAP_LE_BE (v) : v;
}

/* msgid (up to its first NUL) → Translation, pointing into @contents (kept). NULL when the file
 * is not a catalogue. */
static GHashTable *
parse_mo (const guint8 *data,
          gsize         size)
{
  GHashTable *table;
  gboolean swapped;
  guint32 magic, n, originals, translations;

  if (size < 28)
    return NULL;
  memcpy (&magic, data, 4);
  if (magic != MO_MAGIC && magic != MO_MAGIC_SWAPPED)
    return NULL;
  swapped = magic == MO_MAGIC_SWAPPED;
  n = read_u32 (data, 8, swapped);
  originals = read_u32 (data, 12, swapped);
  translations = read_u32 (data, 16, swapped);
  if (originals > size || translations > size || n > (size - originals) / 8
      || n > (size - translations) / 8)
    return NULL;
  table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  for (guint32 i = 0; i < n; i++)
    {
      guint32 olen = read_u32 (data, originals + 8 * i, swapped);
      guint32 ooff = read_u32 (data, originals + 8 * i + 4, swapped);
      guint32 tlen = read_u32 (data, translations + 8 * i, swapped);
      guint32 toff = read_u32 (data, translations + 8 * i + 4, swapped);
      Translation *t;

      /* Each string is followed by a NUL that its length does not count. */
      if (ooff >= size || olen >= size - ooff || toff >= size || tlen >= size - toff
          || data[ooff + olen] != '\0' || data[toff + tlen] != '\0' || olen == 0)
        continue;               /* the header (msgid "") or a damaged entry */
      if (!g_utf8_validate ((const char *) data + toff, -1, NULL))
        continue;
      t = g_new (Translation, 1);
      t->text = (const char *) data + toff;
      t->len = tlen;
      g_hash_table_insert (table, (gpointer) (data + ooff), t);
    }
  return table;
}

/* The running executable is in the build tree: its catalogue is the one meson built. */
static gboolean
running_uninstalled (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *root = g_path_get_dirname (BUILD_LOCALEDIR);

  return exe != NULL && g_str_has_prefix (exe, root) && exe[strlen (root)] == '/';
}

static GHashTable *
french_catalogue (void)
{
  static GHashTable *catalogue;
  static gsize once;

  if (g_once_init_enter (&once))
    {
      const char *file = "fr/LC_MESSAGES/" GETTEXT_PACKAGE ".mo";
      g_autofree char *installed = g_build_filename (LOCALEDIR, file, NULL);
      g_autofree char *built = g_build_filename (BUILD_LOCALEDIR, file, NULL);
      const char *order[] = { installed, built };
      GHashTable *table = NULL;

      if (running_uninstalled () || !g_file_test (installed, G_FILE_TEST_EXISTS))
        {
          order[0] = built;
          order[1] = installed;
        }
      for (guint i = 0; i < G_N_ELEMENTS (order) && table == NULL; i++)
        {
          char *contents = NULL;
          gsize size = 0;

          if (!g_file_get_contents (order[i], &contents, &size, NULL))
            continue;
          table = parse_mo ((const guint8 *) contents, size);
          if (table == NULL)
            {
              g_warning ("%s is not a gettext catalogue", order[i]);
              g_free (contents);
            }
          /* else contents stay: the table points into them for the life of the process. */
        }
      if (table == NULL)
        g_warning ("No French catalogue (%s): the public pages will be in English", installed);
      catalogue = table;
      g_once_init_leave (&once, 1);
    }
  return catalogue;
}

gboolean
dlg_site_i18n_has_french (void)
{
  return french_catalogue () != NULL;
}

const char *
dlg_site_lang_negotiate (const char *accept_language)
{
  g_auto(GStrv) items = NULL;
  const char *best = "fr";
  double best_q = -1;

  if (accept_language == NULL)
    return "fr";
  items = g_strsplit (accept_language, ",", 32);
  for (guint i = 0; items[i] != NULL; i++)
    {
      g_auto(GStrv) parts = g_strsplit (items[i], ";", 8);
      const char *tag = g_strstrip (parts[0]);
      const char *lang = NULL;
      double q = 1;

      for (guint p = 1; parts[p] != NULL; p++)
        {
          const char *param = g_strstrip (parts[p]);
          if (g_ascii_strncasecmp (param, "q=", 2) == 0)
            {
              char *end = NULL;
              q = g_ascii_strtod (param + 2, &end);
              if (end == param + 2 || q < 0 || q > 1)
                q = 0;
            }
        }
      if (g_ascii_strncasecmp (tag, "fr", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        lang = "fr";
      else if (g_ascii_strncasecmp (tag, "en", 2) == 0 && (tag[2] == '\0' || tag[2] == '-'))
        lang = "en";
      else if (g_strcmp0 (tag, "*") == 0)
        lang = "fr";
      /* The first of equal quality wins, as the header lists them by preference. */
      if (lang != NULL && q > 0 && q > best_q)
        {
          best = lang;
          best_q = q;
        }
    }
  return best;
}

static void
current_free (Current *current)
{
  g_free (current->lang);
  g_free (current->site_name);
  g_free (current);
}

void
dlg_site_i18n_push (const char *lang,
                    const char *site_name)
{
  Current *current = g_new0 (Current, 1);

  g_return_if_fail (g_private_get (&current_key) == NULL);
  current->lang = g_strdup (lang != NULL ? lang : "fr");
  current->site_name = g_strdup (site_name);
  g_private_set (&current_key, current);
}

void
dlg_site_i18n_pop (void)
{
  Current *current = g_private_get (&current_key);

  g_return_if_fail (current != NULL);
  g_private_set (&current_key, NULL);
  current_free (current);
}

const char *
dlg_site_lang (void)
{
  Current *current = g_private_get (&current_key);

  return current != NULL ? current->lang : "fr";
}

const char *
dlg_site_name (void)
{
  Current *current = g_private_get (&current_key);

  return current != NULL && current->site_name != NULL ? current->site_name : NULL;
}

static const Translation *
lookup (const char *key)
{
  GHashTable *catalogue;

  if (g_strcmp0 (dlg_site_lang (), "fr") != 0)
    return NULL;
  catalogue = french_catalogue ();
  return catalogue != NULL ? g_hash_table_lookup (catalogue, key) : NULL;
}

const char *
dlg_site_gettext (const char *msgid)
{
  const Translation *t = lookup (msgid);

  return t != NULL && t->text[0] != '\0' ? t->text : msgid;
}

const char *
dlg_site_pgettext (const char  *context,
                   const char  *msgid)
{
  g_autofree char *key = g_strconcat (context, "\004", msgid, NULL);
  const Translation *t = lookup (key);

  return t != NULL && t->text[0] != '\0' ? t->text : msgid;
}

const char *
dlg_site_ngettext (const char *singular,
                   const char *plural,
                   gulong      n)
{
  const Translation *t = lookup (singular);

  if (t != NULL)
    {
      /* French: the singular for 0 and 1 (Plural-Forms: nplurals=2; plural=(n > 1)). */
      const char *first = t->text;
      const char *second = memchr (first, '\0', t->len);

      if (n > 1 && second != NULL && second + 1 < first + t->len)
        return second + 1;
      if (*first != '\0')
        return first;
    }
  return n == 1 ? singular : plural;
}
