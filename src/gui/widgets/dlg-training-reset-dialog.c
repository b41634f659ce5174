/* dlg-training-reset-dialog.c — the trainer chooses where the training starts again
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An AdwMessageDialog that says what a training reset does (the demo processes deleted and
 * built again from their seed, the practice site emptied, real processes untouched), with a
 * drop-down of the twelve stages to start from and a destructive "Reset" response; Escape or
 * Cancel changes nothing. The window runs the reset on "reset" (dlg_context_reset_training()).
 */

#define G_LOG_DOMAIN "dlg-training-reset"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-training-reset-dialog.h"

#define STAGE_DROP_DOWN "dlg-stage-drop-down"

/**
 * dlg_training_reset_dialog_new:
 * @parent: (nullable): the window it belongs to
 * @stage: the stage proposed first
 *
 * Returns: (transfer floating): the dialog, not shown yet; its "response" is "reset" or
 *   "cancel"
 */
GtkWidget *
dlg_training_reset_dialog_new (GtkWindow *parent,
                               DlgStage   stage)
{
  g_autoptr(GtkStringList) stages = gtk_string_list_new (NULL);
  GtkWidget *dialog, *box, *label, *drop_down;

  g_return_val_if_fail (stage < DLG_N_STAGES, NULL);

  for (guint i = 0; i < DLG_N_STAGES; i++)
    gtk_string_list_append (stages, dlg_stage_get_label (i));

  dialog = adw_message_dialog_new (parent, _("Reset the Training?"),
                                   _("The demo processes are deleted and built again from their "
                                     "seed, at the stage chosen below; the practice site is "
                                     "emptied and receives the new demo. What the trainees "
                                     "typed or contributed is lost. The journal keeps its "
                                     "entries and records the reset. Processes that are not "
                                     "demos are not touched."));
  box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  gtk_widget_set_halign (box, GTK_ALIGN_CENTER);
  label = gtk_label_new_with_mnemonic (_("_Start from"));
  drop_down = gtk_drop_down_new (G_LIST_MODEL (g_steal_pointer (&stages)), NULL);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (drop_down), stage);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), drop_down);
  gtk_accessible_update_relation (GTK_ACCESSIBLE (drop_down),
                                  GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL, -1);
  gtk_box_append (GTK_BOX (box), label);
  gtk_box_append (GTK_BOX (box), drop_down);
  g_object_set_data (G_OBJECT (dialog), STAGE_DROP_DOWN, drop_down);
  adw_message_dialog_set_extra_child (ADW_MESSAGE_DIALOG (dialog), box);

  adw_message_dialog_add_responses (ADW_MESSAGE_DIALOG (dialog),
                                    "cancel", _("_Cancel"),
                                    "reset", _("_Reset the Training"),
                                    NULL);
  adw_message_dialog_set_response_appearance (ADW_MESSAGE_DIALOG (dialog), "reset",
                                              ADW_RESPONSE_DESTRUCTIVE);
  /* Destructive: Enter does not reset, Escape cancels. */
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  adw_message_dialog_set_close_response (ADW_MESSAGE_DIALOG (dialog), "cancel");
  return dialog;
}

DlgStage
dlg_training_reset_dialog_get_stage (AdwMessageDialog *dialog)
{
  GtkDropDown *drop_down;
  guint selected;

  g_return_val_if_fail (ADW_IS_MESSAGE_DIALOG (dialog), DLG_STAGE_DIAGNOSTIC);

  drop_down = g_object_get_data (G_OBJECT (dialog), STAGE_DROP_DOWN);
  g_return_val_if_fail (GTK_IS_DROP_DOWN (drop_down), DLG_STAGE_DIAGNOSTIC);
  selected = gtk_drop_down_get_selected (drop_down);
  return selected < DLG_N_STAGES ? (DlgStage) selected : DLG_STAGE_DIAGNOSTIC;
}

void
dlg_training_reset_dialog_set_stage (AdwMessageDialog *dialog,
                                     DlgStage          stage)
{
  GtkDropDown *drop_down;

  g_return_if_fail (ADW_IS_MESSAGE_DIALOG (dialog));
  g_return_if_fail (stage < DLG_N_STAGES);

  drop_down = g_object_get_data (G_OBJECT (dialog), STAGE_DROP_DOWN);
  g_return_if_fail (GTK_IS_DROP_DOWN (drop_down));
  gtk_drop_down_set_selected (drop_down, stage);
}
