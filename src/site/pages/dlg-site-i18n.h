/* dlg-site-i18n.h — the public pages' language: gettext catalogues chosen per request
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The site's strings are English msgids marked with _() / N_() / C_() / NC_() (and
 * dlg_site_ngettext() for plurals), extracted into po/dialogue.pot with the app's and translated
 * in po/fr.po. A request's language comes from its Accept-Language (French when it names neither
 * French nor English): the site serves citizens in the language they ask for, whatever the
 * process's locale, and may run inside the app (training mode), so it cannot switch the
 * process-wide gettext locale per request. It reads the French catalogue (dialogue.mo, the app's
 * domain) itself, once, and looks strings up in the language of the request being served on
 * this thread.
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* "fr" or "en": the language of @accept_language (an Accept-Language header, or NULL) that the
 * site has, by quality; French when none. */
const char *dlg_site_lang_negotiate (const char *accept_language);

/* The language (and the site's name) of the request this thread is serving, until pop. */
void        dlg_site_i18n_push      (const char *lang,
                                     const char *site_name);
void        dlg_site_i18n_pop       (void);
/* "fr" when no request is being served. */
const char *dlg_site_lang           (void);
const char *dlg_site_name           (void);

const char *dlg_site_gettext        (const char *msgid) G_GNUC_FORMAT (1);
const char *dlg_site_pgettext       (const char *context,
                                     const char *msgid) G_GNUC_FORMAT (2);
const char *dlg_site_ngettext       (const char *singular,
                                     const char *plural,
                                     gulong      n) G_GNUC_FORMAT (1) G_GNUC_FORMAT (2);

/* Whether the French catalogue was found (dialogue.mo installed, or in the build tree). */
gboolean    dlg_site_i18n_has_french (void);

#define _(String) dlg_site_gettext (String)
#define N_(String) (String)
#define C_(Context, String) dlg_site_pgettext (Context, String)
#define NC_(Context, String) (String)

G_END_DECLS
