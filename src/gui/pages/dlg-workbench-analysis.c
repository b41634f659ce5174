/* dlg-workbench-analysis.c — theme suggestion and duplicates for the window, off the main
 * thread, and the workbench dialogs' toasts with Undo
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The worker opens its own store on the database file (as exports do), streams the process's
 * visible contributions (dlg_contribution_texts_foreach), runs the analysis engine with the
 * view's GCancellable, and turns the uuids it names into contribution ids, so that the dialog
 * can apply a suggestion or a group through dlg-coding. It writes nothing. Progress is two
 * steps (reading, then grouping), told in the caller's main context.
 */

#define G_LOG_DOMAIN "dlg-workbench"

#include "config.h"

#include <glib/gi18n.h>

#include "dlg-analysis.h"
#include "dlg-workbench-analysis.h"

#define EXCERPT_CHARS 220

typedef struct
{
  char                 *db_path;
  gint64                process_id;
  DlgWorkbenchKind      kind;
  guint                 n_themes;
  guint32               seed;
  DlgWorkbenchProgress  progress;
  gpointer              progress_data;
  GMainContext         *context;
} RunData;

typedef struct
{
  GArray     *texts;    /* DlgAnalysisText */
  GPtrArray  *strings;
  GHashTable *by_uuid;  /* uuid → text (owned by strings) */
} Texts;

typedef struct
{
  DlgWorkbenchProgress  progress;
  gpointer              progress_data;
  GCancellable         *cancellable;
  char                 *message;
} Progress;

static void
run_data_free (RunData *data)
{
  g_free (data->db_path);
  g_main_context_unref (data->context);
  g_free (data);
}

static void
item_free (DlgWorkbenchItem *item)
{
  g_free (item->label);
  g_free (item->terms);
  g_clear_pointer (&item->ids, g_array_unref);
  for (guint i = 0; i < 3; i++)
    g_free (item->excerpts[i]);
  g_free (item);
}

void
dlg_workbench_result_free (DlgWorkbenchResult *self)
{
  if (self == NULL)
    return;
  g_ptr_array_unref (self->items);
  g_free (self);
}

static gboolean
progress_idle (gpointer user_data)
{
  Progress *progress = user_data;

  if (!g_cancellable_is_cancelled (progress->cancellable))
    progress->progress (progress->message, progress->progress_data);
  return G_SOURCE_REMOVE;
}

static void
progress_free (Progress *progress)
{
  g_clear_object (&progress->cancellable);
  g_clear_object (&progress->progress_data);
  g_free (progress->message);
  g_free (progress);
}

static void
tell (RunData      *data,
      GCancellable *cancellable,
      char         *message)
{
  Progress *progress;

  if (data->progress == NULL)
    {
      g_free (message);
      return;
    }
  progress = g_new0 (Progress, 1);
  progress->progress = data->progress;
  progress->progress_data = g_object_ref (data->progress_data);
  progress->cancellable = cancellable != NULL ? g_object_ref (cancellable)
                                              : g_cancellable_new ();
  progress->message = message;
  g_main_context_invoke_full (data->context, G_PRIORITY_DEFAULT, progress_idle, progress,
                              (GDestroyNotify) progress_free);
}

static void
add_text_cb (const char *uuid,
             const char *title,
             const char *body,
             const char *language,
             gpointer    user_data)
{
  Texts *texts = user_data;
  DlgAnalysisText text;
  char *id = g_strdup (uuid);
  char *code = g_strdup (language);
  char *joined = dlg_contribution_text_join (title, body);

  g_ptr_array_add (texts->strings, id);
  g_ptr_array_add (texts->strings, joined);
  g_ptr_array_add (texts->strings, code);
  g_hash_table_insert (texts->by_uuid, id, joined);
  text.id = id;
  text.text = joined;
  text.language = code;
  g_array_append_val (texts->texts, text);
}

static char *
excerpt (const char *text)
{
  return dlg_contribution_text_excerpt (text, EXCERPT_CHARS);
}

static DlgWorkbenchItem *
item_new (DlgStore   *store,
          gint64      process_id,
          Texts      *texts,
          const char *label,
          char      **terms,
          guint       size,
          gboolean    near,
          char      **uuids,
          GError    **error)
{
  DlgWorkbenchItem *item = g_new0 (DlgWorkbenchItem, 1);

  item->label = excerpt (label);
  item->terms = terms != NULL ? g_strjoinv (", ", terms) : NULL;
  item->size = size;
  item->near = near;
  for (guint i = 0; i < 3 && uuids[i] != NULL; i++)
    item->excerpts[i] = excerpt (g_hash_table_lookup (texts->by_uuid, uuids[i]));
  if (!(item->ids = dlg_contribution_ids_from_uuids (store, process_id,
                                                     (const char * const *) uuids, error)))
    {
      item_free (item);
      return NULL;
    }
  return item;
}

static void
run_thread (GTask        *task,
            gpointer      source_object,
            gpointer      task_data,
            GCancellable *cancellable)
{
  RunData *data = task_data;
  g_autoptr(DlgStore) store = NULL;
  g_autoptr(GArray) text_array = g_array_new (FALSE, FALSE, sizeof (DlgAnalysisText));
  g_autoptr(GPtrArray) strings = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) by_uuid = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(DlgWorkbenchResult) result = g_new0 (DlgWorkbenchResult, 1);
  Texts texts = { text_array, strings, by_uuid };
  GError *error = NULL;

  result->items = g_ptr_array_new_with_free_func ((GDestroyNotify) item_free);
  tell (data, cancellable, g_strdup (_("Reading the contributions…")));
  if (!(store = dlg_store_open_read_only (data->db_path, &error))
      || !dlg_contribution_texts_foreach (store, data->process_id, add_text_cb, &texts, NULL,
                                          &error))
    {
      g_task_return_error (task, error);
      return;
    }
  result->n_texts = text_array->len;
  tell (data, cancellable,
        g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Grouping %u contribution…",
                                      "Grouping %u contributions…", text_array->len),
                         text_array->len));
  if (data->kind == DLG_WORKBENCH_SUGGEST)
    {
      DlgAnalysisThemeOptions options = { data->n_themes, data->seed, 0 };
      g_autoptr(DlgAnalysisThemes) themes
        = dlg_analysis_suggest_themes ((DlgAnalysisText *) text_array->data, text_array->len,
                                       &options, cancellable, &error);

      if (themes == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      result->n_left_out = themes->n_too_short + themes->n_unmatched;
      for (guint i = 0; i < themes->themes->len; i++)
        {
          DlgAnalysisTheme *theme = g_ptr_array_index (themes->themes, i);
          DlgWorkbenchItem *item = item_new (store, data->process_id, &texts, theme->label,
                                             theme->terms, theme->size, FALSE,
                                             theme->contributions, &error);

          if (item == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          g_ptr_array_add (result->items, item);
        }
    }
  else
    {
      DlgAnalysisDuplicateOptions options = { 0, data->seed };
      g_autoptr(DlgAnalysisDuplicates) groups
        = dlg_analysis_find_duplicates ((DlgAnalysisText *) text_array->data, text_array->len,
                                        &options, cancellable, &error);

      if (groups == NULL)
        {
          g_task_return_error (task, error);
          return;
        }
      result->n_left_out = groups->n_texts - groups->n_grouped;
      for (guint i = 0; i < groups->groups->len; i++)
        {
          DlgAnalysisDuplicateGroup *group = g_ptr_array_index (groups->groups, i);
          DlgWorkbenchItem *item = item_new (store, data->process_id, &texts, group->text, NULL,
                                             group->count, group->near, group->contributions,
                                             &error);

          if (item == NULL)
            {
              g_task_return_error (task, error);
              return;
            }
          g_ptr_array_add (result->items, item);
        }
    }
  g_task_return_pointer (task, g_steal_pointer (&result),
                         (GDestroyNotify) dlg_workbench_result_free);
}

/**
 * dlg_workbench_analysis_run_async:
 * @store: a store on a file (the worker opens its own, read only, on the same file)
 * @n_themes: how many themes to suggest (%DLG_WORKBENCH_SUGGEST)
 * @seed: the engine's seed: the same contributions and seed give the same result
 * @progress: (nullable): told each step, in the caller's thread-default main context, until
 *   @cancellable is cancelled
 * @progress_data: a #GObject, kept alive until each step is told
 *
 * Suggests themes or finds duplicates among the process's visible contributions in a worker
 * thread. Nothing is written.
 */
void
dlg_workbench_analysis_run_async (DlgStore             *store,
                                  gint64                process_id,
                                  DlgWorkbenchKind      kind,
                                  guint                 n_themes,
                                  guint32               seed,
                                  GCancellable         *cancellable,
                                  DlgWorkbenchProgress  progress,
                                  gpointer              progress_data,
                                  GAsyncReadyCallback   callback,
                                  gpointer              user_data)
{
  g_autoptr(GTask) task = NULL;
  RunData *data;

  g_return_if_fail (DLG_IS_STORE (store));

  task = g_task_new (store, cancellable, callback, user_data);
  g_task_set_source_tag (task, dlg_workbench_analysis_run_async);
  g_task_set_return_on_cancel (task, FALSE);
  data = g_new0 (RunData, 1);
  data->db_path = g_strdup (dlg_store_get_path (store));
  data->process_id = process_id;
  data->kind = kind;
  data->n_themes = n_themes;
  data->seed = seed;
  data->progress = progress;
  data->progress_data = progress_data;
  data->context = g_main_context_ref_thread_default ();
  g_task_set_task_data (task, data, (GDestroyNotify) run_data_free);
  g_task_run_in_thread (task, run_thread);
}

/**
 * dlg_workbench_analysis_run_finish:
 *
 * Returns: (transfer full): the suggestions or groups, or %NULL with @error set (a cancelled
 *   run gives %G_IO_ERROR_CANCELLED)
 */
DlgWorkbenchResult *
dlg_workbench_analysis_run_finish (DlgStore      *store,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  g_return_val_if_fail (g_task_is_valid (result, store), NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/**
 * dlg_workbench_show_toast:
 * @text: plain text (a summary names themes and reasons: user text), escaped here
 * @undo_action: the action that takes @operation_id ("x") to undo it
 * @operation_id: 0 for a toast with no Undo
 */
void
dlg_workbench_show_toast (AdwToastOverlay *overlay,
                          const char      *text,
                          const char      *undo_action,
                          gint64           operation_id)
{
  /* A toast's title is markup. */
  g_autofree char *escaped = g_markup_escape_text (text, -1);
  AdwToast *toast = adw_toast_new (escaped);

  if (operation_id != 0)
    {
      adw_toast_set_button_label (toast, _("_Undo"));
      adw_toast_set_action_name (toast, undo_action);
      adw_toast_set_action_target_value (toast, g_variant_new_int64 (operation_id));
      adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
    }
  adw_toast_overlay_add_toast (overlay, toast);
}

/**
 * dlg_workbench_report:
 *
 * After an operation of dlg-coding: its summary and Undo, or the error, or "nothing changed".
 */
void
dlg_workbench_report (AdwToastOverlay        *overlay,
                      DlgStore               *store,
                      gint64                  process_id,
                      const char             *undo_action,
                      gboolean                ok,
                      const DlgCodingOutcome *outcome,
                      const GError           *error)
{
  g_autofree char *summary = NULL;
  gint64 last = 0;

  if (!ok)
    {
      dlg_workbench_show_toast (overlay, error->message, undo_action, 0);
      return;
    }
  if (outcome->operation_id == 0)
    {
      dlg_workbench_show_toast (overlay, _("Nothing to change: the contributions were already so."),
                                undo_action, 0);
      return;
    }
  if (dlg_coding_get_last_operation (store, process_id, &last, &summary, NULL)
      && last == outcome->operation_id)
    dlg_workbench_show_toast (overlay, summary, undo_action, outcome->operation_id);
}

/**
 * dlg_workbench_menu_label:
 *
 * Returns: (transfer full): @text for a menu item, whose label reads "_" as a mnemonic: user
 *   text (a theme's name, a reason) keeps its underscores
 */
char *
dlg_workbench_menu_label (const char *text)
{
  g_auto(GStrv) parts = g_strsplit (text != NULL ? text : "", "_", -1);

  return g_strjoinv ("__", parts);
}
