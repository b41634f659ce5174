/* dlg-refused-row.c — one change the site refused, with Send Again and Abandon
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the change is (its kind and title), where it stands ("Gone from the site", "Refused by
 * the site"…) and what the site said, all as plain text: the site's words are never markup.
 * The buttons carry the refusal's id to the dialog's actions (refused.retry, refused.abandon).
 */

#define G_LOG_DOMAIN "dlg-refused-row"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-refused-row.h"

struct _DlgRefusedRow
{
  GtkListBoxRow  parent_instance;

  GtkLabel      *title_label;
  GtkLabel      *state_label;
  GtkLabel      *problem_label;
  GtkButton     *retry_button;
  GtkButton     *abandon_button;

  gint64         id;
  char          *title;
};

G_DEFINE_FINAL_TYPE (DlgRefusedRow, dlg_refused_row, GTK_TYPE_LIST_BOX_ROW)

/* "A narrative", "The argued response"…: the kind of change, for the row's title. */
static const char *
kind_label (const char *type)
{
  if (g_strcmp0 (type, "process") == 0)
    return _("Process page");
  if (g_strcmp0 (type, "narrative") == 0)
    return _("Narrative");
  if (g_strcmp0 (type, "response") == 0)
    return _("Argued response");
  if (g_strcmp0 (type, "commitment") == 0)
    return _("Commitment");
  if (g_strcmp0 (type, "moderation") == 0)
    return _("Moderation decision");
  if (g_strcmp0 (type, "follow_up") == 0)
    return _("Follow-up");
  if (g_strcmp0 (type, "contribution") == 0)
    return _("Contribution received in person");
  if (g_strcmp0 (type, "highlight") == 0)
    return _("Highlight");
  if (g_strcmp0 (type, "erasure") == 0)
    return _("Erasure of personal data");
  return type;
}

static void
dlg_refused_row_finalize (GObject *object)
{
  DlgRefusedRow *self = DLG_REFUSED_ROW (object);

  g_free (self->title);
  G_OBJECT_CLASS (dlg_refused_row_parent_class)->finalize (object);
}

static void
dlg_refused_row_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), DLG_TYPE_REFUSED_ROW);
  G_OBJECT_CLASS (dlg_refused_row_parent_class)->dispose (object);
}

static void
dlg_refused_row_class_init (DlgRefusedRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_refused_row_dispose;
  object_class->finalize = dlg_refused_row_finalize;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/fr/nantesmetropole/Dialogue/ui/"
                                               "dlg-refused-row.ui");
  gtk_widget_class_bind_template_child (widget_class, DlgRefusedRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, DlgRefusedRow, state_label);
  gtk_widget_class_bind_template_child (widget_class, DlgRefusedRow, problem_label);
  gtk_widget_class_bind_template_child (widget_class, DlgRefusedRow, retry_button);
  gtk_widget_class_bind_template_child (widget_class, DlgRefusedRow, abandon_button);
}

static void
dlg_refused_row_init (DlgRefusedRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * dlg_refused_row_new:
 *
 * Returns: (transfer floating): a row for @refusal
 */
GtkWidget *
dlg_refused_row_new (const DlgSyncRefusal *refusal)
{
  DlgRefusedRow *self;
  g_autofree char *title = NULL;

  g_return_val_if_fail (refusal != NULL, NULL);

  self = g_object_new (DLG_TYPE_REFUSED_ROW, NULL);
  self->id = refusal->id;
  self->title = g_strdup (refusal->title);
  /* TRANSLATORS: the kind of change, then its title */
  title = refusal->title != NULL && *refusal->title != '\0'
          ? g_strdup_printf (_("%s — %s"), kind_label (refusal->object_type), refusal->title)
          : g_strdup (kind_label (refusal->object_type));
  gtk_label_set_text (self->title_label, title);
  gtk_label_set_text (self->state_label, dlg_sync_refusal_get_state_label (refusal));
  gtk_label_set_text (self->problem_label, refusal->problem);
  /* Sending again what the site no longer has publishes it anew. */
  if (dlg_sync_refusal_is_gone (refusal))
    gtk_button_set_label (self->retry_button, _("_Publish Again"));
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->retry_button), "x", refusal->id);
  gtk_actionable_set_action_target (GTK_ACTIONABLE (self->abandon_button), "x", refusal->id);
  return GTK_WIDGET (self);
}

gint64
dlg_refused_row_get_id (DlgRefusedRow *self)
{
  g_return_val_if_fail (DLG_IS_REFUSED_ROW (self), 0);
  return self->id;
}

/* Returns: (nullable): the changed object's title */
const char *
dlg_refused_row_get_title (DlgRefusedRow *self)
{
  g_return_val_if_fail (DLG_IS_REFUSED_ROW (self), NULL);
  return self->title;
}
