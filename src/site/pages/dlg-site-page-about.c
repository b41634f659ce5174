/* dlg-site-page-about.c — the statements every page links to: accessibility, legal, privacy
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What they name (the publisher, the contacts, how long contact details are kept) are the
 * site's settings, kept in its meta table and set with `dialogue-site --db FILE config set KEY
 * VALUE`; each has a default that suits the practice site.
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include <string.h>

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-pages-private.h"

typedef struct
{
  const char *key;
  const char *fallback;         /* N_(), or a value that is not translated */
  gboolean    translated;
} Setting;

static const Setting settings[] = {
  { "site_name", N_("Take Part in Nantes"), TRUE },
  { "publisher", N_("The citizen dialogue team of the metropolis"), TRUE },
  { "publication_director", N_("The head of the citizen dialogue team"), TRUE },
  { "host", N_("The publisher, on its own servers"), TRUE },
  { "contact_email", "dialogue-citoyen@example.org", FALSE },
  { "privacy_contact", NULL, FALSE },   /* contact_email when not set */
  { "contact_retention_months", "12", FALSE },
};

static const char *const setting_keys[] = {
  "site_name", "publisher", "publication_director", "host", "contact_email", "privacy_contact",
  "contact_retention_months", NULL
};

const char *const *
dlg_site_server_list_settings (void)
{
  return setting_keys;
}

char *
dlg_page_setting (DlgSiteServer *self,
                  const char    *key)
{
  g_autofree char *value = dlg_site_db_get_meta (dlg_site_server_get_db (self), key);

  if (value != NULL && *value != '\0')
    return g_steal_pointer (&value);
  for (guint i = 0; i < G_N_ELEMENTS (settings); i++)
    if (g_strcmp0 (settings[i].key, key) == 0)
      {
        if (settings[i].fallback == NULL)
          return dlg_page_setting (self, "contact_email");
        return g_strdup (settings[i].translated ? _(settings[i].fallback)
                                                : settings[i].fallback);
      }
  g_return_val_if_reached (g_strdup (""));
}

/* How many months contact details are kept: the process's own rule when it carries one (a site
 * extension of its body), else the site's setting. */
guint
dlg_page_contact_retention_months (DlgSiteServer *self,
                                   JsonObject    *process)
{
  gint64 months = jint (process, "contact_retention_months", 0);
  g_autofree char *setting = NULL;
  guint64 value = 12;

  if (months > 0 && months <= 1200)
    return (guint) months;
  setting = dlg_page_setting (self, "contact_retention_months");
  if (!g_ascii_string_to_unsigned (setting, 10, 1, 1200, &value, NULL))
    value = 12;
  return (guint) value;
}

/* Whom to write to about one's data: the process's own contact (a site extension of its
 * body), else the site's. */
char *
dlg_page_privacy_contact (DlgSiteServer *self,
                          JsonObject    *process)
{
  const char *own = jstr (process, "privacy_contact");

  if (own != NULL && *own != '\0')
    return g_strdup (own);
  return dlg_page_setting (self, "privacy_contact");
}

static void
append_mailto (GString    *page,
               const char *address)
{
  g_string_append (page, "<a href=\"mailto:");
  dlg_html_escape_append (page, address);
  g_string_append (page, "\">");
  dlg_html_escape_append (page, address);
  g_string_append (page, "</a>");
}

static void
heading (GString    *page,
         const char *level,
         const char *text)
{
  g_string_append_printf (page, "<%s>", level);
  dlg_html_escape_append (page, text);
  g_string_append_printf (page, "</%s>\n", level);
}

static void
paragraph (GString    *page,
           const char *text)
{
  g_string_append (page, "<p>");
  dlg_html_escape_append (page, text);
  g_string_append (page, "</p>\n");
}

/* A paragraph of @format with one %s, the contact's address as a mail link. */
static void
paragraph_with_mail (GString    *page,
                     const char *format,
                     const char *address)
{
  const char *at = strstr (format, "%s");
  g_autofree char *before = g_strndup (format, at != NULL ? at - format : (gssize) strlen (format));

  g_string_append (page, "<p>");
  dlg_html_escape_append (page, before);
  if (at != NULL)
    {
      append_mailto (page, address);
      dlg_html_escape_append (page, at + 2);
    }
  g_string_append (page, "</p>\n");
}

static void
accessibility (DlgSiteServer *self,
               GString       *page)
{
  g_autofree char *publisher = dlg_page_setting (self, "publisher");
  g_autofree char *contact = dlg_page_setting (self, "contact_email");
  g_autofree char *intro = g_strdup_printf (_("%s is committed to making this site accessible, "
                                              "in line with article 47 of French law no. "
                                              "2005-102 of 11 February 2005. This statement "
                                              "applies to the whole site."), publisher);

  dlg_html_page_begin (page, _("Accessibility statement"), "/", _("All processes"));
  heading (page, "h1", _("Accessibility statement"));
  paragraph (page, intro);
  heading (page, "h2", _("Compliance status"));
  paragraph (page, _("This site is not compliant with the RGAA 4.1 (the French reference "
                     "framework based on WCAG 2.1 level AA): it has not been audited yet, and "
                     "a site that has not been audited cannot claim compliance."));
  heading (page, "h2", _("What has been checked"));
  g_string_append (page, "<ul>\n<li>");
  dlg_html_escape_append (page, _("Every page is checked with axe-core at phone (375 px) and "
                                  "desktop (1280 px) widths, with no violation."));
  g_string_append (page, "</li>\n<li>");
  dlg_html_escape_append (page, _("The pages work without JavaScript and with the keyboard "
                                  "alone; buttons keep a visible border in forced colours "
                                  "(high contrast)."));
  g_string_append (page, "</li>\n<li>");
  dlg_html_escape_append (page, _("Form fields have labels, hints and errors tied to them; an "
                                  "error names the field and the form."));
  g_string_append (page, "</li>\n</ul>\n");
  heading (page, "h2", _("Technologies used"));
  paragraph (page, _("HTML and CSS. No JavaScript, no third-party content."));
  heading (page, "h2", _("Feedback and contact"));
  paragraph_with_mail (page, _("If you cannot reach a content or a service, write to %s: we "
                               "will send it to you in another form and correct the page."),
                       contact);
  heading (page, "h2", _("Remedies"));
  paragraph (page, _("If you wrote to us and received no satisfactory answer, you may refer "
                     "the matter to the Défenseur des droits (defenseurdesdroits.fr, or by "
                     "post, free of charge: Défenseur des droits, Libre réponse 71120, 75342 "
                     "Paris CEDEX 07)."));
}

static void
legal_notice (DlgSiteServer *self,
              GString       *page)
{
  g_autofree char *publisher = dlg_page_setting (self, "publisher");
  g_autofree char *director = dlg_page_setting (self, "publication_director");
  g_autofree char *host = dlg_page_setting (self, "host");
  g_autofree char *contact = dlg_page_setting (self, "contact_email");

  dlg_html_page_begin (page, _("Legal notice"), "/", _("All processes"));
  heading (page, "h1", _("Legal notice"));
  heading (page, "h2", _("Publisher"));
  paragraph (page, publisher);
  paragraph_with_mail (page, _("Contact: %s"), contact);
  heading (page, "h2", _("Director of publication"));
  paragraph (page, director);
  heading (page, "h2", _("Hosting"));
  paragraph (page, host);
  heading (page, "h2", _("Contributions"));
  paragraph (page, _("Contributions are published under their authors' pseudonyms and the "
                     "rules of the game of each process; the moderation team may set aside "
                     "those that break them. Their authors keep their rights; by contributing, "
                     "they allow their text to be shown on this site and reused in the "
                     "process's reports and open data."));
  heading (page, "h2", _("Software"));
  paragraph (page, _("This site runs Dialogue, free software under the GNU General Public "
                     "License, version 3 or later."));
}

static void
privacy_notice (DlgSiteServer *self,
                GString       *page)
{
  g_autofree char *publisher = dlg_page_setting (self, "publisher");
  g_autofree char *contact = dlg_page_privacy_contact (self, NULL);
  guint months = dlg_page_contact_retention_months (self, NULL);
  g_autofree char *controller = g_strdup_printf (_("The controller is %s."), publisher);
  g_autofree char *retention =
    g_strdup_printf (dlg_site_ngettext ("Contact details are deleted at the end of the "
                                        "process, and at the latest %u month after "
                                        "registration, unless a process's page says "
                                        "otherwise.",
                                        "Contact details are deleted at the end of the "
                                        "process, and at the latest %u months after "
                                        "registration, unless a process's page says "
                                        "otherwise.", months), months);

  dlg_html_page_begin (page, _("Personal data"), "/", _("All processes"));
  heading (page, "h1", _("Personal data"));
  paragraph (page, controller);
  heading (page, "h2", _("What we collect, and why"));
  g_string_append (page, "<ul>\n<li>");
  dlg_html_escape_append (page, _("Contributions: the text, the pseudonym you choose (optional) "
                                  "and, on the map, the place you name. They are published; "
                                  "do not write your full name or anyone's contact details."));
  g_string_append (page, "</li>\n<li>");
  dlg_html_escape_append (page, _("Volunteer registrations: your profile (age band, gender, "
                                  "commune, occupation…) serves only to draw a diverse panel "
                                  "by lot; your name, e-mail address and telephone are kept "
                                  "apart, are never published, and serve only to contact "
                                  "you about the process you registered for. The legal basis "
                                  "is your consent."));
  g_string_append (page, "</li>\n</ul>\n");
  heading (page, "h2", _("How long"));
  paragraph (page, retention);
  paragraph (page, _("Published contributions stay with the process, for the public record "
                     "of what citizens said."));
  heading (page, "h2", _("Your rights"));
  paragraph_with_mail (page, _("You may see, correct or erase your data, or withdraw your "
                               "consent, at any time: write to %s. An erasure also reaches "
                               "the team's back-office at its next synchronisation."),
                       contact);
  paragraph (page, _("If you think your rights are not respected, you may complain to the "
                     "CNIL (cnil.fr)."));
  heading (page, "h2", _("Cookies"));
  paragraph (page, _("One technical cookie protects the forms against forged submissions; it "
                     "lasts 12 hours. No measurement of audience, no advertising, no "
                     "third-party content."));
}

gboolean
dlg_page_about (DlgSiteServer     *self,
                SoupServerMessage *msg,
                const char        *path)
{
  GString *page;

  if (g_strcmp0 (path, "/accessibilite") != 0 && g_strcmp0 (path, "/mentions-legales") != 0
      && g_strcmp0 (path, "/confidentialite") != 0)
    return FALSE;
  if (g_strcmp0 (soup_server_message_get_method (msg), "POST") == 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, HEAD");
      dlg_page_reply_message (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"),
                              _("This page takes no form."));
      return TRUE;
    }
  page = g_string_new (NULL);
  if (g_strcmp0 (path, "/accessibilite") == 0)
    accessibility (self, page);
  else if (g_strcmp0 (path, "/mentions-legales") == 0)
    legal_notice (self, page);
  else
    privacy_notice (self, page);
  dlg_html_page_end (page);
  dlg_page_reply_html (msg, SOUP_STATUS_OK, page);
  return TRUE;
}
