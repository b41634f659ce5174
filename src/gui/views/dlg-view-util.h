/* dlg-view-util.h — small helpers shared by the stage views
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "dlg-context.h"
#include "dlg-sync-outbox.h"

G_BEGIN_DECLS

typedef gpointer (*DlgRecordLoadFunc) (DlgStore  *store,
                                       gint64     id,
                                       GError   **error);

GtkWidget *dlg_record_row_new       (const char         *title,
                                     const char         *subtitle,
                                     gint64              id);
gint64     dlg_record_row_get_id    (GtkListBoxRow      *row);
gpointer   dlg_record_row_load      (GtkListBoxRow      *row,
                                     DlgContext         *context,
                                     DlgRecordLoadFunc   load);
gpointer   dlg_record_load_again    (DlgContext         *context,
                                     gpointer            record,
                                     DlgRecordLoadFunc   load);
char      *dlg_recommendation_row_title (gpointer         recommendation,
                                         gpointer         user_data);
GtkWidget *dlg_placeholder_row_new  (const char         *text);
void       dlg_list_box_remove_all  (GtkListBox         *list);
/* A page's status line: @text (NULL clears it), shown as an error or not. */
void       dlg_status_label_set     (GtkLabel           *label,
                                     const char         *text,
                                     gboolean            is_error);
/* A modal "save as" chooser over @widget's window, proposing @name; @response_cb gets
 * (@owner, response, chooser) and the caller keeps the chooser until it answers. */
GtkFileChooserNative *dlg_save_chooser_new (GtkWidget  *widget,
                                            const char *title,
                                            const char *name,
                                            GCallback   response_cb,
                                            gpointer    owner);
char      *dlg_format_date          (const char         *iso);
char      *dlg_text_view_dup_text   (GtkTextView        *view);
void       dlg_text_view_set_text   (GtkTextView        *view,
                                     const char         *text);
guint      dlg_choice_index         (const DlgVocabulary *vocabulary,
                                     const char         *id);
char      *dlg_today                (void);
gboolean   dlg_spin_button_shows    (GtkSpinButton      *spin,
                                     double              value);
const char *dlg_publication_text    (DlgSyncPublication  state);
gboolean   dlg_view_check_date           (const char         *text,
                                     GError            **error);

G_END_DECLS
