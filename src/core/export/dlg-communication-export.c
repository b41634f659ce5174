/* dlg-communication-export.c — the communication plan as CSV and as an iCalendar file
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * CSV: RFC 4180 (commas, CRLF, quoted when needed, UTF-8), codes next to their labels in the
 * officer's language, user text starting with = + - @ (or a tab or CR) guarded with a ' so
 * that a spreadsheet keeps it as text. iCalendar: RFC 5545, so that a team calendar can
 * subscribe to the plan: one VEVENT per dated item, UID from the item's uuid (stable across
 * exports, so a calendar updates the event rather than adding one), DTSTAMP the time of the
 * export, DTSTART;VALUE=DATE for a date (DTEND the next day) or a UTC date-time; TEXT values
 * escaped (\\ ; , and line breaks), control characters dropped, lines folded at 75 octets
 * without cutting a UTF-8 sequence, every line ending in CRLF. Undated items are left out of
 * the calendar (and counted); the CSV has them all.
 */

#define G_LOG_DOMAIN "dlg-communication-export"

#include "config.h"

#include <glib/gi18n-lib.h>
#include <stdio.h>
#include <string.h>

#include "dlg-communication-export.h"
#include "dlg-communication-item.h"
#include "dlg-csv.h"
#include "dlg-error.h"
#include "dlg-export-private.h"
#include "dlg-narrative.h"
#include "dlg-process.h"
#include "dlg-stage.h"
#include "dlg-vocabularies.h"

#define ICS_LINE_MAX 75

gboolean
dlg_communication_export_format_from_id (const char                    *id,
                                         DlgCommunicationExportFormat  *format)
{
  if (g_strcmp0 (id, "csv") == 0)
    *format = DLG_COMMUNICATION_EXPORT_CSV;
  else if (g_strcmp0 (id, "ics") == 0)
    *format = DLG_COMMUNICATION_EXPORT_ICS;
  else
    return FALSE;
  return TRUE;
}

/* id → title of the process's narratives, for the items that point to one. */
static GHashTable *
narrative_titles (DlgStore  *store,
                  gint64     process_id,
                  GError   **error)
{
  g_autoptr(GListModel) narratives = dlg_narrative_list (store, process_id, error);
  GHashTable *titles;
  guint n;

  if (narratives == NULL)
    return NULL;
  titles = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  n = g_list_model_get_n_items (narratives);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgNarrative) narrative = g_list_model_get_item (narratives, i);

      g_hash_table_insert (titles, g_memdup2 (&(gint64) { dlg_narrative_get_id (narrative) },
                                              sizeof (gint64)),
                           g_strdup (dlg_narrative_get_title (narrative)));
    }
  return titles;
}

static const char *
stage_label (const char *id)
{
  DlgStage stage;

  if (id == NULL || !dlg_stage_from_id (id, &stage))
    return "";
  return dlg_stage_get_label (stage);
}

/* ---------------------------------------------------------------- CSV */

#define append_cell dlg_export_append_csv_cell

/**
 * dlg_communication_plan_to_csv:
 *
 * Returns: (transfer full): the process's communication items as CSV with a header line, in
 *   the order of the plan (by planned date, undated last), or %NULL with @error set
 */
char *
dlg_communication_plan_to_csv (DlgStore  *store,
                               gint64     process_id,
                               GError   **error)
{
  static const char *header[] = {
    N_("uuid"), N_("stage"), N_("stage label"), N_("planned date"), N_("kind"),
    N_("kind label"), N_("channel"), N_("channel label"), N_("status"), N_("status label"),
    N_("title"), N_("audience"), N_("owner"), N_("message"), N_("narrative"), N_("link"),
    N_("notes"),
  };
  g_autoptr(GListModel) items = dlg_communication_item_list (store, process_id, error);
  g_autoptr(GHashTable) titles = NULL;
  g_autoptr(GString) csv = NULL;
  guint n;

  if (items == NULL || !(titles = narrative_titles (store, process_id, error)))
    return NULL;
  csv = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (header); i++)
    append_cell (csv, _(header[i]), i == 0);
  g_string_append (csv, "\r\n");

  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgCommunicationItem) item = g_list_model_get_item (items, i);
      gint64 narrative_id = dlg_communication_item_get_narrative_id (item);
      const char *kind = dlg_communication_item_get_kind (item);
      const char *channel = dlg_communication_item_get_channel (item);
      const char *status = dlg_communication_item_get_status (item);

      append_cell (csv, dlg_communication_item_get_uuid (item), TRUE);
      append_cell (csv, dlg_communication_item_get_stage (item), FALSE);
      append_cell (csv, stage_label (dlg_communication_item_get_stage (item)), FALSE);
      append_cell (csv, dlg_communication_item_get_planned_at (item), FALSE);
      append_cell (csv, kind, FALSE);
      append_cell (csv, dlg_vocabulary_get_label (&dlg_vocabulary_communication_kind, kind),
                   FALSE);
      append_cell (csv, channel, FALSE);
      append_cell (csv, dlg_vocabulary_get_label (&dlg_vocabulary_communication_channel,
                                                  channel), FALSE);
      append_cell (csv, status, FALSE);
      append_cell (csv, dlg_vocabulary_get_label (&dlg_vocabulary_communication_status, status),
                   FALSE);
      append_cell (csv, dlg_communication_item_get_title (item), FALSE);
      append_cell (csv, dlg_communication_item_get_audience (item), FALSE);
      append_cell (csv, dlg_communication_item_get_owner (item), FALSE);
      append_cell (csv, dlg_communication_item_get_message (item), FALSE);
      append_cell (csv, narrative_id != 0 ? g_hash_table_lookup (titles, &narrative_id) : NULL,
                   FALSE);
      append_cell (csv, dlg_communication_item_get_link (item), FALSE);
      append_cell (csv, dlg_communication_item_get_notes (item), FALSE);
      g_string_append (csv, "\r\n");
    }
  return g_string_free (g_steal_pointer (&csv), FALSE);
}

/* ---------------------------------------------------------------- iCalendar */

/**
 * dlg_ics_escape_text:
 *
 * Returns: (transfer full): @text as an RFC 5545 TEXT value: backslash, semicolon and comma
 *   escaped with a backslash, a line break (LF, CRLF or CR) as \n, other control characters
 *   but the tab dropped
 */
char *
dlg_ics_escape_text (const char *text)
{
  GString *out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    {
      guchar c = (guchar)*p;

      if (c == '\\' || c == ';' || c == ',')
        {
          g_string_append_c (out, '\\');
          g_string_append_c (out, c);
        }
      else if (c == '\r' || c == '\n')
        {
          g_string_append (out, "\\n");
          if (c == '\r' && p[1] == '\n')
            p++;
        }
      else if ((c < 0x20 && c != '\t') || c == 0x7f)
        continue;
      else
        g_string_append_c (out, c);
    }
  return g_string_free (out, FALSE);
}

/**
 * dlg_ics_append_line:
 *
 * Appends one content line, folded so that no line exceeds 75 octets (the CRLF apart): a
 * continuation starts with a space, and a fold never cuts a UTF-8 sequence.
 */
void
dlg_ics_append_line (GString    *out,
                     const char *line)
{
  gsize len = strlen (line);
  gsize pos = 0;
  gsize room = ICS_LINE_MAX;

  while (len - pos > room)
    {
      gsize cut = pos + room;

      /* Back to the start of a character: never between the bytes of one. */
      while (cut > pos && ((guchar)line[cut] & 0xc0) == 0x80)
        cut--;
      g_string_append_len (out, line + pos, cut - pos);
      g_string_append (out, "\r\n ");
      pos = cut;
      room = ICS_LINE_MAX - 1;
    }
  g_string_append (out, line + pos);
  g_string_append (out, "\r\n");
}

static void
append_property (GString    *out,
                 const char *name,
                 const char *text)
{
  g_autofree char *escaped = dlg_ics_escape_text (text);
  g_autofree char *line = g_strconcat (name, ":", escaped, NULL);

  dlg_ics_append_line (out, line);
}

/* DTSTART (and DTEND for a day) of @planned_at; FALSE when it is no date. */
static gboolean
append_start (GString    *out,
              const char *planned_at)
{
  g_autoptr(GDateTime) when = NULL;
  g_autoptr(GTimeZone) utc = g_time_zone_new_utc ();
  int y, m, d;

  if (planned_at == NULL)
    return FALSE;
  if (strlen (planned_at) == 10 && sscanf (planned_at, "%4d-%2d-%2d", &y, &m, &d) == 3 &&
      g_date_valid_dmy (d, m, y))
    {
      g_autoptr(GDateTime) day = g_date_time_new (utc, y, m, d, 0, 0, 0);
      g_autoptr(GDateTime) next = g_date_time_add_days (day, 1);
      g_autofree char *start = g_date_time_format (day, "%Y%m%d");
      g_autofree char *end = g_date_time_format (next, "%Y%m%d");
      g_autofree char *start_line = g_strconcat ("DTSTART;VALUE=DATE:", start, NULL);
      g_autofree char *end_line = g_strconcat ("DTEND;VALUE=DATE:", end, NULL);

      dlg_ics_append_line (out, start_line);
      dlg_ics_append_line (out, end_line);
      return TRUE;
    }
  /* A date and time: kept in UTC (a time without a zone is the workstation's). */
  {
    g_autoptr(GTimeZone) local = g_time_zone_new_local ();
    g_autoptr(GDateTime) in_utc = NULL;
    g_autofree char *start = NULL;
    g_autofree char *start_line = NULL;

    when = g_date_time_new_from_iso8601 (planned_at, local);
    if (when == NULL)
      return FALSE;
    in_utc = g_date_time_to_utc (when);
    start = g_date_time_format (in_utc, "%Y%m%dT%H%M%SZ");
    start_line = g_strconcat ("DTSTART:", start, NULL);
    dlg_ics_append_line (out, start_line);
    dlg_ics_append_line (out, "DURATION:PT1H");
  }
  return TRUE;
}

static const char *
ics_status (const char *status)
{
  if (g_strcmp0 (status, "cancelled") == 0)
    return "CANCELLED";
  if (g_strcmp0 (status, "idea") == 0)
    return "TENTATIVE";
  return "CONFIRMED";
}

static char *
describe_item (DlgCommunicationItem *item,
               GHashTable           *titles)
{
  GString *text = g_string_new (NULL);
  gint64 narrative_id = dlg_communication_item_get_narrative_id (item);
  const char *narrative = narrative_id != 0 ? g_hash_table_lookup (titles, &narrative_id) : NULL;
  const char *message = dlg_communication_item_get_message (item);
  const char *audience = dlg_communication_item_get_audience (item);
  const char *owner = dlg_communication_item_get_owner (item);
  const char *link = dlg_communication_item_get_link (item);

  g_string_append_printf (text, "%s — %s — %s",
                          dlg_vocabulary_get_label (&dlg_vocabulary_communication_kind,
                                                    dlg_communication_item_get_kind (item)),
                          dlg_vocabulary_get_label (&dlg_vocabulary_communication_channel,
                                                    dlg_communication_item_get_channel (item)),
                          dlg_vocabulary_get_label (&dlg_vocabulary_communication_status,
                                                    dlg_communication_item_get_status (item)));
  if (dlg_communication_item_get_stage (item) != NULL)
    g_string_append_printf (text, "\n%s %s", _("Stage:"),
                            stage_label (dlg_communication_item_get_stage (item)));
  if (audience != NULL && *audience != '\0')
    g_string_append_printf (text, "\n%s %s", _("Audience:"), audience);
  if (owner != NULL && *owner != '\0')
    g_string_append_printf (text, "\n%s %s", _("Owner:"), owner);
  if (narrative != NULL)
    g_string_append_printf (text, "\n%s %s", _("Narrative:"), narrative);
  if (link != NULL && *link != '\0')
    g_string_append_printf (text, "\n%s %s", _("Link:"), link);
  if (message != NULL && *message != '\0')
    g_string_append_printf (text, "\n\n%s", message);
  return g_string_free (text, FALSE);
}

/**
 * dlg_communication_plan_to_ics:
 * @now: (nullable): the time of the export (DTSTAMP); %NULL: now
 * @n_undated: (out) (optional): how many items have no date and are left out
 *
 * Returns: (transfer full): the plan as an RFC 5545 calendar, or %NULL with @error set
 */
char *
dlg_communication_plan_to_ics (DlgStore   *store,
                               gint64      process_id,
                               GDateTime  *now,
                               guint      *n_undated,
                               GError    **error)
{
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(GListModel) items = NULL;
  g_autoptr(GHashTable) titles = NULL;
  g_autoptr(GDateTime) stamp_time = now != NULL ? g_date_time_to_utc (now)
                                                : g_date_time_new_now_utc ();
  g_autofree char *stamp = g_date_time_format (stamp_time, "DTSTAMP:%Y%m%dT%H%M%SZ");
  g_autofree char *calendar_name = NULL;
  g_autoptr(GString) out = NULL;
  guint undated = 0;
  guint n;

  if (!(process = dlg_process_load (store, process_id, error)) ||
      !(items = dlg_communication_item_list (store, process_id, error)) ||
      !(titles = narrative_titles (store, process_id, error)))
    return NULL;

  out = g_string_new (NULL);
  dlg_ics_append_line (out, "BEGIN:VCALENDAR");
  dlg_ics_append_line (out, "VERSION:2.0");
  dlg_ics_append_line (out, "PRODID:-//Dialogue//Communication plan//FR");
  dlg_ics_append_line (out, "CALSCALE:GREGORIAN");
  dlg_ics_append_line (out, "METHOD:PUBLISH");
  /* Translators: the name of the calendar a team subscribes to; %s is the process's title. */
  calendar_name = g_strdup_printf (_("Communication plan — %s"), dlg_process_get_title (process));
  append_property (out, "X-WR-CALNAME", calendar_name);

  n = g_list_model_get_n_items (items);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(DlgCommunicationItem) item = g_list_model_get_item (items, i);
      g_autofree char *uid = NULL;
      g_autofree char *description = NULL;
      g_autofree char *status = NULL;
      g_autoptr(GString) event = g_string_new (NULL);
      const char *link = dlg_communication_item_get_link (item);

      if (!append_start (event, dlg_communication_item_get_planned_at (item)))
        {
          undated++;
          continue;
        }
      dlg_ics_append_line (out, "BEGIN:VEVENT");
      uid = g_strconcat ("UID:", dlg_communication_item_get_uuid (item), "@dialogue", NULL);
      dlg_ics_append_line (out, uid);
      dlg_ics_append_line (out, stamp);
      g_string_append (out, event->str);
      append_property (out, "SUMMARY", dlg_communication_item_get_title (item));
      description = describe_item (item, titles);
      append_property (out, "DESCRIPTION", description);
      append_property (out, "CATEGORIES",
                       dlg_vocabulary_get_label (&dlg_vocabulary_communication_kind,
                                                 dlg_communication_item_get_kind (item)));
      status = g_strconcat ("STATUS:", ics_status (dlg_communication_item_get_status (item)),
                            NULL);
      dlg_ics_append_line (out, status);
      /* URL is a URI value, not TEXT: only a well-formed absolute URI goes there. */
      if (link != NULL && g_uri_is_valid (link, G_URI_FLAGS_NONE, NULL) &&
          strpbrk (link, " \t\r\n\"") == NULL)
        {
          g_autofree char *url = g_strconcat ("URL:", link, NULL);

          dlg_ics_append_line (out, url);
        }
      dlg_ics_append_line (out, "TRANSP:TRANSPARENT");
      dlg_ics_append_line (out, "END:VEVENT");
    }
  dlg_ics_append_line (out, "END:VCALENDAR");
  if (n_undated != NULL)
    *n_undated = undated;
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/**
 * dlg_communication_plan_export:
 *
 * Writes the plan in @format to @path (replaced atomically).
 */
gboolean
dlg_communication_plan_export (DlgStore                      *store,
                               gint64                         process_id,
                               DlgCommunicationExportFormat   format,
                               const char                    *path,
                               GError                       **error)
{
  g_autofree char *data = NULL;
  g_autoptr(GError) local = NULL;

  g_return_val_if_fail (DLG_IS_STORE (store), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  data = format == DLG_COMMUNICATION_EXPORT_ICS
         ? dlg_communication_plan_to_ics (store, process_id, NULL, NULL, error)
         : dlg_communication_plan_to_csv (store, process_id, error);
  if (data == NULL)
    return FALSE;
  if (!g_file_set_contents (path, data, -1, &local))
    {
      g_set_error (error, DLG_ERROR, DLG_ERROR_FAILED, _("Cannot write the plan: %s"),
                   local->message);
      return FALSE;
    }
  return TRUE;
}
