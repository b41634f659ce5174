/* dlg-date.c — dates as the officer reads them, in the language of the interface
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * g_date_time_format() names the month in the language of LC_TIME, which is not always the
 * language of the interface (LC_MESSAGES, LANGUAGE): a French interface under a C or English
 * LC_TIME would read "4 September 2026". Month names come from our own catalogue instead.
 */

#define G_LOG_DOMAIN "dlg-date"

#include "config.h"

#include <stdlib.h>
#include <string.h>

#include <glib/gi18n-lib.h>

#include "dlg-date.h"
#include "dlg-error.h"

static const char * const month_names[] = {
  NC_("month", "January"), NC_("month", "February"), NC_("month", "March"),
  NC_("month", "April"), NC_("month", "May"), NC_("month", "June"), NC_("month", "July"),
  NC_("month", "August"), NC_("month", "September"), NC_("month", "October"),
  NC_("month", "November"), NC_("month", "December"),
};

/**
 * dlg_date_month_name:
 * @month: 1 to 12
 *
 * Returns: the month's full name in the language of the interface ("septembre")
 */
const char *
dlg_date_month_name (int month)
{
  g_return_val_if_fail (month >= 1 && month <= 12, "");

  return g_dpgettext2 (GETTEXT_PACKAGE, "month", month_names[month - 1]);
}

/**
 * dlg_date_time_format:
 * @datetime: a date and time
 * @format: a g_date_time_format() format; its `%B` is the month of the interface's language
 *
 * Returns: (transfer full): the formatted date, or %NULL if @format is not valid
 */
char *
dlg_date_time_format (GDateTime  *datetime,
                      const char *format)
{
  g_autoptr(GString) expanded = NULL;
  const char *month;

  g_return_val_if_fail (datetime != NULL, NULL);
  g_return_val_if_fail (format != NULL, NULL);

  /* The month's name is put in the format itself, its % doubled (no name has one). */
  month = dlg_date_month_name (g_date_time_get_month (datetime));
  expanded = g_string_sized_new (strlen (format) + 16);
  for (const char *p = format; *p != '\0'; p++)
    {
      if (p[0] == '%' && p[1] == '%')
        {
          g_string_append (expanded, "%%");
          p++;
        }
      else if (p[0] == '%' && p[1] == 'B')
        {
          for (const char *m = month; *m != '\0'; m++)
            {
              if (*m == '%')
                g_string_append_c (expanded, '%');
              g_string_append_c (expanded, *m);
            }
          p++;
        }
      else
        g_string_append_c (expanded, *p);
    }
  return g_date_time_format (datetime, expanded->str);
}

/* Reading what an officer types: "15/01/2027", "15/1/27", "15 janvier 2027", "2027-01-15",
 * "mardi 15 janv. 2027 à 10 h 30". The text is folded (case, accents) and cut into tokens:
 * numbers, words and the separators that matter. Day before month, always: the French order. */

typedef enum { TOKEN_NUMBER, TOKEN_WORD, TOKEN_SEPARATOR } TokenKind;

typedef struct
{
  TokenKind kind;
  char      separator;  /* '/', '.', '-', ':', ',' */
  guint     length;     /* digits or letters */
  int       number;
  char      word[24];
} Token;

#define MAX_TOKENS 16

static const char * const french_months[] = {
  "janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre",
  "octobre", "novembre", "decembre",
};
static const char * const english_months[] = {
  "january", "february", "march", "april", "may", "june", "july", "august", "september",
  "october", "november", "december",
};

static char *
fold (const char *text)
{
  g_autofree char *lower = g_utf8_casefold (text, -1);

  /* "é" is "e", a no-break space a space (a character with no ASCII form becomes "?") */
  return g_str_to_ascii (lower, "C");
}

/* FALSE when the text holds something else than numbers, words and separators. */
static gboolean
tokenize (const char *folded,
          Token      *tokens,
          guint      *n_tokens)
{
  guint n = 0;

  for (const char *p = folded; *p != '\0';)
    {
      Token *t;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (n == MAX_TOKENS)
        return FALSE;
      t = &tokens[n++];
      memset (t, 0, sizeof *t);
      if (g_ascii_isdigit (*p))
        {
          t->kind = TOKEN_NUMBER;
          for (; g_ascii_isdigit (*p); p++)
            {
              if (++t->length > 4)
                return FALSE;
              t->number = t->number * 10 + (*p - '0');
            }
        }
      else if (g_ascii_isalpha (*p))
        {
          t->kind = TOKEN_WORD;
          for (; g_ascii_isalpha (*p); p++)
            {
              if (t->length + 1 >= sizeof t->word)
                return FALSE;
              t->word[t->length++] = *p;
            }
        }
      else if (strchr ("/.-:,'", *p) != NULL)
        {
          t->kind = TOKEN_SEPARATOR;
          t->separator = *p++;
        }
      else
        return FALSE;
    }
  *n_tokens = n;
  return TRUE;
}

static gboolean
is_separator (const Token *t,
              char         separator)
{
  return t->kind == TOKEN_SEPARATOR && t->separator == separator;
}

static gboolean
is_word (const Token *t,
         const char  *word)
{
  return t->kind == TOKEN_WORD && g_str_equal (t->word, word);
}

/* 1 to 12 for a month's name or a prefix of at least three letters that names one month
 * ("janv", "sept"; "jui" is June or July: 0), in French, English or the interface's language. */
static int
month_from_word (const char *word)
{
  size_t length = strlen (word);
  int found = 0;

  if (length < 3)
    return 0;
  for (int m = 1; m <= 12; m++)
    {
      g_autofree char *own = fold (dlg_date_month_name (m));
      const char *names[] = { french_months[m - 1], english_months[m - 1], own };

      for (guint i = 0; i < G_N_ELEMENTS (names); i++)
        if (strncmp (names[i], word, length) == 0)
          {
            if (strlen (names[i]) == length)
              return m;
            if (found != 0 && found != m)
              found = -1;
            else if (found == 0)
              found = m;
          }
    }
  return found > 0 ? found : 0;
}

static int
full_year (const Token *t)
{
  if (t->length == 2)
    return 2000 + t->number;
  return t->length == 4 ? t->number : -1;
}

/* The date at the start of @tokens; *@used says how many tokens it took. A day, month and year
 * that do not make a date (30/02) are read all the same: the caller says why they are wrong. */
static gboolean
read_date (const Token *t,
           guint        n,
           int         *day,
           int         *month,
           int         *year,
           guint       *used)
{
  guint i = 0;

  /* 2027-01-15 */
  if (n >= 5 && t[0].kind == TOKEN_NUMBER && t[0].length == 4 && is_separator (&t[1], '-') &&
      t[2].kind == TOKEN_NUMBER && t[2].length <= 2 && is_separator (&t[3], '-') &&
      t[4].kind == TOKEN_NUMBER && t[4].length <= 2)
    {
      *year = t[0].number, *month = t[2].number, *day = t[4].number;
      *used = 5;
      return TRUE;
    }
  /* 15/01/2027, 15.1.27, 15-01-2027 */
  if (n >= 5 && t[0].kind == TOKEN_NUMBER && t[0].length <= 2 && t[1].kind == TOKEN_SEPARATOR &&
      strchr ("/.-", t[1].separator) != NULL && t[2].kind == TOKEN_NUMBER && t[2].length <= 2 &&
      is_separator (&t[3], t[1].separator) && t[4].kind == TOKEN_NUMBER &&
      full_year (&t[4]) > 0)
    {
      *day = t[0].number, *month = t[2].number, *year = full_year (&t[4]);
      *used = 5;
      return TRUE;
    }
  /* [mardi[,]] 15[er] janvier[.] 2027 */
  if (n > 0 && t[0].kind == TOKEN_WORD && month_from_word (t[0].word) == 0)
    {
      i++;
      if (i < n && is_separator (&t[i], ','))
        i++;
    }
  if (i < n && t[i].kind == TOKEN_NUMBER && t[i].length <= 2)
    {
      *day = t[i++].number;
      if (i < n && (is_word (&t[i], "er") || is_word (&t[i], "st") || is_word (&t[i], "nd") ||
                    is_word (&t[i], "rd") || is_word (&t[i], "th")))
        i++;
      if (i < n && t[i].kind == TOKEN_WORD && (*month = month_from_word (t[i].word)) > 0)
        {
          i++;
          if (i < n && is_separator (&t[i], '.'))
            i++;
          if (i < n && t[i].kind == TOKEN_NUMBER && full_year (&t[i]) > 0)
            {
              *year = full_year (&t[i++]);
              *used = i;
              return TRUE;
            }
        }
    }
  return FALSE;
}

/* A time of day that is all of @tokens: 10, 10 h, 10h30, 10 h 30, 10:30. */
static gboolean
read_time (const Token *t,
           guint        n,
           int         *hour,
           int         *minute)
{
  if (n == 0 || t[0].kind != TOKEN_NUMBER || t[0].length > 2)
    return FALSE;
  *hour = t[0].number;
  *minute = 0;
  if (n == 1)
    return TRUE;
  if (!is_word (&t[1], "h") && !is_separator (&t[1], ':'))
    return FALSE;
  if (n == 2)
    return is_word (&t[1], "h");
  if (t[2].kind != TOKEN_NUMBER || t[2].length != 2)
    return FALSE;
  *minute = t[2].number;
  return n == 3 || (n == 4 && is_word (&t[3], "min"));
}

/* The date in the text the officer typed, as the store keeps it; an error says what to type. */
static gboolean
make_date (const char *text,
           int         day,
           int         month,
           int         year,
           GDate      *date,
           GError    **error)
{
  if (month < 1 || month > 12 || day < 1 || year < 1900 || year > 2199 ||
      !g_date_valid_dmy (day, month, year))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
                   _("“%s” is not a date of the calendar: check the day and the month."), text);
      return FALSE;
    }
  g_date_clear (date, 1);
  g_date_set_dmy (date, day, month, year);
  return TRUE;
}

static void
set_not_a_date (const char  *text,
                GError     **error)
{
  g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
               _("“%s” is not a date: write it as 15/01/2027 or 15 January 2027."), text);
}

static void
set_not_a_time (const char  *text,
                GError     **error)
{
  g_set_error (error, DLG_ERROR, DLG_ERROR_INVALID,
               _("“%s” is not a time of day: write it as 10 h, 10:30 or 10h30."), text);
}

/* "2027-01-15", or the time of day in the local time zone as UTC: "2027-01-15T09:30:00Z"
 * (the store sorts dates as text, so every time it holds is in the same zone). */
static char *
to_iso (const GDate *date,
        gboolean     has_time,
        int          hour,
        int          minute)
{
  g_autoptr(GDateTime) local = NULL;
  g_autoptr(GDateTime) utc = NULL;

  if (!has_time)
    return g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (date), g_date_get_month (date),
                            g_date_get_day (date));
  local = g_date_time_new_local (g_date_get_year (date), g_date_get_month (date),
                                 g_date_get_day (date), hour, minute, 0);
  utc = g_date_time_to_utc (local);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

/**
 * dlg_date_parse:
 * @text: what the officer typed: a date ("15/01/2027", "15/1/27", "15 janvier 2027",
 *   "2027-01-15"), maybe followed by a time of day ("15/01/2027 10 h", "… à 10h30",
 *   "…, 10:30"), or an ISO 8601 date and time with its time zone
 * @iso: (out) (transfer full) (nullable): the date as the store keeps it: "2027-01-15", or a
 *   date and time in UTC, "2027-01-15T09:30:00Z" (a time without a zone is local); %NULL for
 *   an empty @text
 *
 * Returns: %FALSE with a #DLG_ERROR_INVALID that says how to write a date
 */
gboolean
dlg_date_parse (const char  *text,
                char       **iso,
                GError     **error)
{
  g_autofree char *folded = NULL;
  g_autofree char *stripped = NULL;
  Token tokens[MAX_TOKENS];
  guint n = 0, used = 0;
  int day, month, year, hour = 0, minute = 0;
  GDate date;

  g_return_val_if_fail (iso != NULL, FALSE);

  *iso = NULL;
  if (text == NULL || *(stripped = g_strstrip (g_strdup (text))) == '\0')
    return TRUE;
  if (!g_utf8_validate (stripped, -1, NULL))
    {
      set_not_a_date ("?", error);
      return FALSE;
    }
  /* An ISO 8601 date and time, from a file or a script */
  if (strlen (stripped) > 10 && stripped[10] == 'T')
    {
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();
      g_autoptr(GDateTime) dt = g_date_time_new_from_iso8601 (stripped, tz);
      g_autoptr(GDateTime) utc = NULL;

      if (dt == NULL)
        {
          set_not_a_date (stripped, error);
          return FALSE;
        }
      utc = g_date_time_to_utc (dt);
      *iso = g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
      return TRUE;
    }
  folded = fold (stripped);
  if (!tokenize (folded, tokens, &n) || !read_date (tokens, n, &day, &month, &year, &used))
    {
      set_not_a_date (stripped, error);
      return FALSE;
    }
  if (!make_date (stripped, day, month, year, &date, error))
    return FALSE;
  if (used < n)
    {
      /* "15/01/2027 à 10 h", "15 janvier 2027, 10:30", "… at 10:30" */
      if (is_separator (&tokens[used], ',') || is_separator (&tokens[used], '-') ||
          is_word (&tokens[used], "a") || is_word (&tokens[used], "at"))
        used++;
      if (!read_time (tokens + used, n - used, &hour, &minute))
        {
          set_not_a_date (stripped, error);
          return FALSE;
        }
      if (hour > 23 || minute > 59)
        {
          set_not_a_time (stripped, error);
          return FALSE;
        }
    }
  *iso = to_iso (&date, used < n, hour, minute);
  return TRUE;
}

/**
 * dlg_date_parse_parts:
 * @date_text: the date the officer typed (see dlg_date_parse())
 * @time_text: (nullable): the time of day, typed apart: "10 h", "10:30", "10h30", "10";
 *   empty for a date alone
 * @iso: (out) (transfer full) (nullable): as dlg_date_parse() gives it; %NULL when both are
 *   empty
 *
 * Returns: %FALSE with a #DLG_ERROR_INVALID that says what to type
 */
gboolean
dlg_date_parse_parts (const char  *date_text,
                      const char  *time_text,
                      char       **iso,
                      GError     **error)
{
  g_autofree char *date_iso = NULL;
  g_autofree char *time_stripped = NULL;
  g_autofree char *folded = NULL;
  Token tokens[MAX_TOKENS];
  guint n = 0;
  int hour, minute;
  GDate date;

  g_return_val_if_fail (iso != NULL, FALSE);

  g_date_clear (&date, 1);
  *iso = NULL;
  time_stripped = g_strstrip (g_strdup (time_text != NULL ? time_text : ""));
  if (!dlg_date_parse (date_text, &date_iso, error))
    return FALSE;
  if (*time_stripped == '\0')
    {
      *iso = g_steal_pointer (&date_iso);
      return TRUE;
    }
  if (date_iso == NULL)
    {
      g_set_error_literal (error, DLG_ERROR, DLG_ERROR_INVALID,
                           _("Give the date as well as the time."));
      return FALSE;
    }
  folded = g_utf8_validate (time_stripped, -1, NULL) ? fold (time_stripped) : NULL;
  if (folded == NULL || !tokenize (folded, tokens, &n) ||
      !read_time (tokens, n, &hour, &minute) || hour > 23 || minute > 59)
    {
      set_not_a_time (time_stripped, error);
      return FALSE;
    }
  if (strlen (date_iso) > 10)
    {
      /* The date had a time of its own: the time typed apart wins. */
      g_autoptr(GDateTime) utc = g_date_time_new_from_iso8601 (date_iso, NULL);
      g_autoptr(GDateTime) local = g_date_time_to_local (utc);

      g_date_set_dmy (&date, g_date_time_get_day_of_month (local),
                      g_date_time_get_month (local), g_date_time_get_year (local));
    }
  else
    g_date_set_dmy (&date, atoi (date_iso + 8), atoi (date_iso + 5), atoi (date_iso));
  *iso = to_iso (&date, TRUE, hour, minute);
  return TRUE;
}

/* The date and time of the store's @iso, in the local time zone; *@has_time FALSE for a date
 * alone (which is at noon, so that no zone moves it to another day). */
static GDateTime *
read_iso (const char *iso,
          gboolean   *has_time)
{
  g_autoptr(GDateTime) dt = NULL;

  *has_time = FALSE;
  if (iso == NULL || *iso == '\0')
    return NULL;
  if (strlen (iso) == 10)
    {
      g_autofree char *midday = g_strconcat (iso, "T12:00:00", NULL);
      g_autoptr(GTimeZone) tz = g_time_zone_new_local ();

      return g_date_time_new_from_iso8601 (midday, tz);
    }
  if (!(dt = g_date_time_new_from_iso8601 (iso, NULL)))
    return NULL;
  *has_time = TRUE;
  return g_date_time_to_local (dt);
}

/**
 * dlg_date_format_time:
 * @hour: 0 to 23
 * @minute: 0 to 59
 *
 * Returns: (transfer full): the time of day as the interface's language writes it: "10 h",
 *   "10 h 30" in French, "10:00", "10:30" in English
 */
char *
dlg_date_format_time (int hour,
                      int minute)
{
  if (minute == 0)
    /* Translators: a time of day on the hour, "10 h" in French */
    return g_strdup_printf (C_("time of day", "%d:00"), hour);
  /* Translators: a time of day with its minutes, "10 h 30" in French */
  return g_strdup_printf (C_("time of day", "%d:%02d"), hour, minute);
}

/**
 * dlg_date_format_parts:
 * @iso: (nullable): a date of the store
 * @date: (out) (transfer full) (optional): the date in words, "4 septembre 2026"
 * @time: (out) (transfer full) (optional): its time of day, "10 h"; "" for a date alone
 *
 * What a date entry shows. Returns: %FALSE (and empty strings) when @iso is empty or not a
 * date
 */
gboolean
dlg_date_format_parts (const char  *iso,
                       char       **date,
                       char       **time)
{
  g_autoptr(GDateTime) dt = NULL;
  gboolean has_time;

  dt = read_iso (iso, &has_time);
  if (date != NULL)
    /* Translators: a date, as in strftime(). */
    *date = dt != NULL ? dlg_date_time_format (dt, _("%-d %B %Y")) : g_strdup ("");
  if (time != NULL)
    *time = dt != NULL && has_time ? dlg_date_format_time (g_date_time_get_hour (dt),
                                                           g_date_time_get_minute (dt))
                                   : g_strdup ("");
  return dt != NULL;
}

/**
 * dlg_date_format:
 * @iso: (nullable): a date of the store, "2026-09-04" or "2026-09-04T08:00:00Z"
 *
 * Returns: (transfer full) (nullable): the date as the officer reads it, in the local time
 *   zone and the interface's language: "4 septembre 2026", "4 septembre 2026, 10 h"; %NULL for
 *   none; @iso itself when it is not a date
 */
char *
dlg_date_format (const char *iso)
{
  g_autofree char *date = NULL;
  g_autofree char *time = NULL;

  if (iso == NULL || *iso == '\0')
    return NULL;
  if (!dlg_date_format_parts (iso, &date, &time))
    return g_strdup (iso);
  if (*time == '\0')
    return g_steal_pointer (&date);
  /* Translators: a date, then its time of day: "4 septembre 2026, 10 h" */
  return g_strdup_printf (C_("date and time", "%s, %s"), date, time);
}
