/* test-date.c — dates as a French officer types and reads them (issue 13)
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#include "config.h"

#include <locale.h>

#include <glib/gi18n.h>

#include "dlg-date.h"
#include "dlg-error.h"

static void
use_language (const char *language)
{
  g_setenv ("LANGUAGE", language, TRUE);
  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, BUILD_LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
}

static void
assert_parses (const char *text,
               const char *expected)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  g_test_message ("%s", text);
  g_assert_true (dlg_date_parse (text, &iso, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (iso, ==, expected);
}

static void
assert_refused (const char *text,
                const char *message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *iso = NULL;

  g_test_message ("%s", text);
  g_assert_false (dlg_date_parse (text, &iso, &error));
  g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
  g_assert_null (iso);
  if (message != NULL)
    g_assert_cmpstr (error->message, ==, message);
}

/* Paris is UTC+1 in January, UTC+2 in September. */
static void
test_parse (void)
{
  static const struct { const char *text, *iso; } cases[] = {
    { "15/01/2027", "2027-01-15" },
    { "15/1/27", "2027-01-15" },
    { " 5/9/2026 ", "2026-09-05" },
    { "15.01.2027", "2027-01-15" },
    { "15-01-2027", "2027-01-15" },
    { "2027-01-15", "2027-01-15" },
    { "2027-1-5", "2027-01-05" },
    { "15 janvier 2027", "2027-01-15" },
    { "15 JANVIER 2027", "2027-01-15" },
    { "1er février 2027", "2027-02-01" },
    { "1er fevrier 2027", "2027-02-01" },
    { "15 janv. 2027", "2027-01-15" },
    { "4 sept 2026", "2026-09-04" },
    { "4 août 2026", "2026-08-04" },
    { "4 aout 26", "2026-08-04" },
    { "25 décembre 2026", "2026-12-25" },
    { "mardi 15 juin 2027", "2027-06-15" },
    { "vendredi, 15 janvier 2027", "2027-01-15" },
    { "15 January 2027", "2027-01-15" },
    { "29/02/2028", "2028-02-29" },
    { "15/01/2027 10 h", "2027-01-15T09:00:00Z" },
    { "15/01/2027 10h30", "2027-01-15T09:30:00Z" },
    { "15/01/2027 à 10 h 30", "2027-01-15T09:30:00Z" },
    { "15 janvier 2027, 10:30", "2027-01-15T09:30:00Z" },
    { "4 septembre 2026, 10 h", "2026-09-04T08:00:00Z" },
    { "4 septembre 2026 à 18h", "2026-09-04T16:00:00Z" },
    { "4/9/2026 0h05", "2026-09-03T22:05:00Z" },
    { "2026-09-04T10:00:00Z", "2026-09-04T10:00:00Z" },
    { "2026-09-04T10:00:00+02:00", "2026-09-04T08:00:00Z" },
    { "2026-09-04T10:00:00", "2026-09-04T08:00:00Z" },
    { "", NULL },
    { "   ", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_parses (cases[i].text, cases[i].iso);
  assert_parses (NULL, NULL);
}

/* What is not a date is refused, in French, with what to type. */
static void
test_refused (void)
{
  static const char * const not_dates[] = {
    "demain", "15/01", "15 janvier", "15/13", "01/15/27/1", "15//2027", "15/01/027",
    "15 jui 2027", "15 foo 2027", "15/01/2027 25 h", "15/01/2027 10h75", "15/01/2027 10 h 3",
    "15/01/2027 midi", "15/01-2027", "2027-01-15T25:00:00Z", "15/01/2027; DROP TABLE", "<b>1</b>",
    "123456/01/2027", "15 janvier 2027 10 h 30 40",
  };
  static const char * const not_in_calendar[] = {
    "30/02/2027", "29/02/2027", "32/01/2027", "15/13/2027", "0/01/2027", "31 avril 2027",
    "15/00/2027", "15/01/1800",
  };

  use_language ("fr");
  for (guint i = 0; i < G_N_ELEMENTS (not_dates); i++)
    assert_refused (not_dates[i], NULL);
  for (guint i = 0; i < G_N_ELEMENTS (not_in_calendar); i++)
    assert_refused (not_in_calendar[i], NULL);
  assert_refused ("demain", "« demain » n’est pas une date : écrivez-la par exemple 15/01/2027 "
                  "ou 15 janvier 2027.");
  assert_refused ("30/02/2027", "« 30/02/2027 » n’est pas une date du calendrier : vérifiez le "
                  "jour et le mois.");
  assert_refused ("15/01/2027 25 h", "« 15/01/2027 25 h » n’est pas une heure : écrivez-la par "
                  "exemple 10 h, 10:30 ou 10h30.");
  use_language ("en");
  assert_refused ("demain", "“demain” is not a date: write it as 15/01/2027 or 15 January "
                  "2027.");
}

static void
test_parts (void)
{
  static const struct { const char *date, *time, *iso; } cases[] = {
    { "15/01/2027", "10 h", "2027-01-15T09:00:00Z" },
    { "15/01/2027", "10h", "2027-01-15T09:00:00Z" },
    { "15/01/2027", "10", "2027-01-15T09:00:00Z" },
    { "15/01/2027", "10:30", "2027-01-15T09:30:00Z" },
    { "15/01/2027", "10h30", "2027-01-15T09:30:00Z" },
    { "15/01/2027", "10 h 30", "2027-01-15T09:30:00Z" },
    { "15/01/2027", "9 H 05", "2027-01-15T08:05:00Z" },
    { "15/01/2027", "", "2027-01-15" },
    { "15/01/2027", NULL, "2027-01-15" },
    { "15/01/2027 18 h", "10 h", "2027-01-15T09:00:00Z" },
    { "", "", NULL },
  };
  static const struct { const char *date, *time; } refused[] = {
    { "", "10 h" }, { "15/01/2027", "24 h" }, { "15/01/2027", "10 h 60" },
    { "15/01/2027", "dix heures" }, { "15/01/2027", "10:3" }, { "15/02/2027", "-1" },
    { "31/02/2027", "10 h" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;

      g_test_message ("%s | %s", cases[i].date, cases[i].time);
      g_assert_true (dlg_date_parse_parts (cases[i].date, cases[i].time, &iso, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (iso, ==, cases[i].iso);
    }
  use_language ("fr");
  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;

      g_test_message ("%s | %s", refused[i].date, refused[i].time);
      g_assert_false (dlg_date_parse_parts (refused[i].date, refused[i].time, &iso, &error));
      g_assert_error (error, DLG_ERROR, DLG_ERROR_INVALID);
      g_assert_null (iso);
      /* French, with French typography */
      g_assert_true (g_str_has_prefix (error->message, "« ") ||
                     g_str_has_prefix (error->message, "Indiquez"));
    }
  use_language ("en");
}

/* In French under a C LC_TIME (the tests run under C.UTF-8): French month names, "10 h". */
static void
test_format (void)
{
  static const struct { const char *iso, *fr, *en; } cases[] = {
    { "2026-09-04T08:00:00Z", "4 septembre 2026, 10 h", "4 September 2026, 10:00" },
    { "2026-09-04T08:30:00Z", "4 septembre 2026, 10 h 30", "4 September 2026, 10:30" },
    { "2027-01-15T09:05:00Z", "15 janvier 2027, 10 h 05", "15 January 2027, 10:05" },
    { "2026-09-04", "4 septembre 2026", "4 September 2026" },
    { "2026-08-01", "1 août 2026", "1 August 2026" },
    { "2026-12-31T23:30:00Z", "1 janvier 2027, 0 h 30", "1 January 2027, 0:30" },
    { "not a date", "not a date", "not a date" },
  };

  for (guint lang = 0; lang < 2; lang++)
    {
      use_language (lang == 0 ? "fr" : "en");
      for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
        {
          g_autofree char *text = dlg_date_format (cases[i].iso);

          g_assert_cmpstr (text, ==, lang == 0 ? cases[i].fr : cases[i].en);
        }
      g_assert_null (dlg_date_format (NULL));
      g_assert_null (dlg_date_format (""));
    }
}

/* What a date entry shows reads back as the same date, in both languages. */
static void
test_round_trip (void)
{
  static const char * const isos[] = {
    "2026-09-04", "2027-01-15T09:00:00Z", "2027-02-28T16:45:00Z", "2026-06-21", "2026-12-01",
    "2026-07-14T20:00:00Z", "2026-05-01T06:00:00Z",
  };

  for (guint lang = 0; lang < 2; lang++)
    {
      use_language (lang == 0 ? "fr" : "en");
      for (guint i = 0; i < G_N_ELEMENTS (isos); i++)
        {
          g_autofree char *date = NULL;
          g_autofree char *time = NULL;
          g_autofree char *whole = dlg_date_format (isos[i]);
          g_autofree char *back = NULL;
          g_autofree char *back_whole = NULL;
          g_autoptr(GError) error = NULL;

          g_assert_true (dlg_date_format_parts (isos[i], &date, &time));
          g_assert_true (dlg_date_parse_parts (date, time, &back, &error));
          g_assert_no_error (error);
          g_assert_cmpstr (back, ==, isos[i]);
          g_assert_true (dlg_date_parse (whole, &back_whole, &error));
          g_assert_cmpstr (back_whole, ==, isos[i]);
        }
    }
  use_language ("en");
}

int
main (int   argc,
      char *argv[])
{
  /* Before GLib reads the local time zone */
  g_setenv ("TZ", "Europe/Paris", TRUE);
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/core/date/parse", test_parse);
  g_test_add_func ("/core/date/refused", test_refused);
  g_test_add_func ("/core/date/parts", test_parts);
  g_test_add_func ("/core/date/format", test_format);
  g_test_add_func ("/core/date/round-trip", test_round_trip);

  return g_test_run ();
}
