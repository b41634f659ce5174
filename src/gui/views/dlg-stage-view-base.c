/* dlg-stage-view-base.c — what the twelve stage views share
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The context and the process, the watch on the store (one reload per burst of changes), the
 * free-form fields saved as the officer types, the DlgStageView interface and the template's
 * disposal: each stage view adds only its own content.
 */

#define G_LOG_DOMAIN "dlg-stage-view-base"

#include "config.h"

#include "dlg-field-binding.h"
#include "dlg-reload-helper.h"
#include "dlg-stage-view-base.h"

typedef struct
{
  DlgContext      *context;
  gint64           process_id;
  DlgReloadHelper  reload;
  GPtrArray       *fields;   /* DlgFieldBinding */
} DlgStageViewBasePrivate;

static void stage_view_iface_init (DlgStageViewInterface *iface);

G_DEFINE_ABSTRACT_TYPE_WITH_CODE (DlgStageViewBase, dlg_stage_view_base, GTK_TYPE_WIDGET,
                                  G_ADD_PRIVATE (DlgStageViewBase)
                                  G_IMPLEMENT_INTERFACE (DLG_TYPE_STAGE_VIEW,
                                                         stage_view_iface_init))

static void
reload_cb (gpointer owner)
{
  dlg_stage_view_base_reload (DLG_STAGE_VIEW_BASE (owner));
}

static void
store_changed_cb (DlgStageViewBase *self,
                  GType             type,
                  gint64            process_id)
{
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  if (process_id != priv->process_id && process_id != 0)
    return;
  DLG_STAGE_VIEW_BASE_GET_CLASS (self)->changed (self, type, process_id);
}

static gboolean
dlg_stage_view_base_real_concerns (DlgStageViewBase *self,
                                   GType             type)
{
  GArray *types = DLG_STAGE_VIEW_BASE_GET_CLASS (self)->types;

  for (guint i = 0; types != NULL && i < types->len; i++)
    if (g_array_index (types, GType, i) == type)
      return TRUE;
  return FALSE;
}

static void
dlg_stage_view_base_real_changed (DlgStageViewBase *self,
                                  GType             type,
                                  gint64            process_id)
{
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  if (DLG_STAGE_VIEW_BASE_GET_CLASS (self)->concerns (self, type))
    dlg_reload_helper_queue (&priv->reload, reload_cb, self);
}

static void
dlg_stage_view_base_real_load (DlgStageViewBase *self)
{
  dlg_stage_view_base_reload (self);
}

/* ---------------------------------------------------------------- DlgStageView */

static DlgStage
get_stage (DlgStageView *view)
{
  return DLG_STAGE_VIEW_BASE_GET_CLASS (view)->stage;
}

static void
flush (DlgStageView *view)
{
  DlgStageViewBase *self = DLG_STAGE_VIEW_BASE (view);
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);
  DlgStageViewBaseClass *klass = DLG_STAGE_VIEW_BASE_GET_CLASS (self);

  for (guint i = 0; i < priv->fields->len; i++)
    dlg_field_binding_flush (g_ptr_array_index (priv->fields, i));
  if (klass->flush != NULL)
    klass->flush (self);
}

static void
load (DlgStageView *view,
      DlgContext   *context,
      gint64        process_id)
{
  DlgStageViewBase *self = DLG_STAGE_VIEW_BASE (view);
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  /* What the officer typed belongs to the process on show until now. */
  if (priv->context != NULL)
    flush (view);
  g_set_object (&priv->context, context);
  priv->process_id = process_id;
  dlg_reload_helper_watch (&priv->reload, context != NULL ? dlg_context_get_store (context) : NULL,
                           G_CALLBACK (store_changed_cb), self);
  for (guint i = 0; i < priv->fields->len; i++)
    dlg_field_binding_load (g_ptr_array_index (priv->fields, i), context, process_id);
  dlg_reload_helper_cancel (&priv->reload);
  DLG_STAGE_VIEW_BASE_GET_CLASS (self)->load (self);
}

static void
set_editable (DlgStageView *view,
              gboolean      editable)
{
  DlgStageViewBaseClass *klass = DLG_STAGE_VIEW_BASE_GET_CLASS (view);

  if (klass->set_editable != NULL)
    klass->set_editable (DLG_STAGE_VIEW_BASE (view), editable);
}

static void
stage_view_iface_init (DlgStageViewInterface *iface)
{
  iface->get_stage = get_stage;
  iface->load = load;
  iface->flush = flush;
  iface->set_editable = set_editable;
}

/* ---------------------------------------------------------------- GObject */

static void
dlg_stage_view_base_dispose (GObject *object)
{
  DlgStageViewBase *self = (DlgStageViewBase *)object;
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);
  GtkWidget *child;

  dlg_reload_helper_cancel (&priv->reload);
  g_ptr_array_set_size (priv->fields, 0);
  dlg_reload_helper_unwatch (&priv->reload);
  g_clear_object (&priv->context);
  /* The subclass's template: every stage view has one. */
  gtk_widget_dispose_template (GTK_WIDGET (self), G_OBJECT_TYPE (self));
  /* The template's root (the one child of the bin layout) needs no id of its own. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);

  G_OBJECT_CLASS (dlg_stage_view_base_parent_class)->dispose (object);
}

static void
dlg_stage_view_base_finalize (GObject *object)
{
  DlgStageViewBase *self = (DlgStageViewBase *)object;
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  g_clear_pointer (&priv->fields, g_ptr_array_unref);

  G_OBJECT_CLASS (dlg_stage_view_base_parent_class)->finalize (object);
}

static void
dlg_stage_view_base_class_init (DlgStageViewBaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = dlg_stage_view_base_dispose;
  object_class->finalize = dlg_stage_view_base_finalize;

  klass->concerns = dlg_stage_view_base_real_concerns;
  klass->changed = dlg_stage_view_base_real_changed;
  klass->load = dlg_stage_view_base_real_load;

  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
dlg_stage_view_base_init (DlgStageViewBase *self)
{
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  priv->fields = g_ptr_array_new_with_free_func (g_object_unref);
}

/* ---------------------------------------------------------------- public API */

/**
 * dlg_stage_view_base_class_watch:
 * @type: a record type (DLG_TYPE_DECISION…), as DlgStore::changed carries it
 *
 * In class_init: changes of @type reload the view (see #DlgStageViewBaseClass.changed).
 */
void
dlg_stage_view_base_class_watch (DlgStageViewBaseClass *klass,
                                 GType                  type)
{
  gpointer parent = g_type_class_peek_parent (klass);

  g_return_if_fail (DLG_IS_STAGE_VIEW_BASE_CLASS (klass));

  /* A subclass starts with a copy of its parent's class struct: its own list, then. */
  if (klass->types == NULL ||
      (DLG_IS_STAGE_VIEW_BASE_CLASS (parent) &&
       klass->types == DLG_STAGE_VIEW_BASE_CLASS (parent)->types))
    {
      GArray *types = g_array_new (FALSE, FALSE, sizeof (GType));

      if (klass->types != NULL)
        g_array_append_vals (types, klass->types->data, klass->types->len);
      klass->types = types;
    }
  g_array_append_val (klass->types, type);
}

/**
 * dlg_stage_view_base_get_context:
 *
 * Returns: (transfer none) (nullable): the context of the process on show
 */
DlgContext *
dlg_stage_view_base_get_context (DlgStageViewBase *self)
{
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  g_return_val_if_fail (DLG_IS_STAGE_VIEW_BASE (self), NULL);

  return priv->context;
}

/**
 * dlg_stage_view_base_get_store:
 *
 * Returns: (transfer none) (nullable): the store of the context, %NULL before a load
 */
DlgStore *
dlg_stage_view_base_get_store (DlgStageViewBase *self)
{
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  g_return_val_if_fail (DLG_IS_STAGE_VIEW_BASE (self), NULL);

  return priv->context != NULL ? dlg_context_get_store (priv->context) : NULL;
}

gint64
dlg_stage_view_base_get_process_id (DlgStageViewBase *self)
{
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  g_return_val_if_fail (DLG_IS_STAGE_VIEW_BASE (self), 0);

  return priv->process_id;
}

/* Whether a process is on show (a context and a process id): what adding a record needs. */
gboolean
dlg_stage_view_base_is_loaded (DlgStageViewBase *self)
{
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  g_return_val_if_fail (DLG_IS_STAGE_VIEW_BASE (self), FALSE);

  return priv->context != NULL && priv->process_id != 0;
}

/**
 * dlg_stage_view_base_bind_field:
 * @widget: a text view, an entry or a spin button of the view's template
 * @key: the process field it edits (DLG_FIELD_*)
 *
 * Binds a free-form field of the process (a DlgFieldBinding the base owns): loaded with the
 * view, saved as the officer types and on flush. Call it in the view's init, after
 * gtk_widget_init_template().
 */
void
dlg_stage_view_base_bind_field (DlgStageViewBase *self,
                                GtkWidget        *widget,
                                const char       *key)
{
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  g_return_if_fail (DLG_IS_STAGE_VIEW_BASE (self));
  g_return_if_fail (GTK_IS_WIDGET (widget));
  g_return_if_fail (key != NULL);

  g_ptr_array_add (priv->fields, dlg_field_binding_new (widget, key));
}

/* Reloads once from an idle, however many times it is called before. */
void
dlg_stage_view_base_queue_reload (DlgStageViewBase *self)
{
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);

  g_return_if_fail (DLG_IS_STAGE_VIEW_BASE (self));

  dlg_reload_helper_queue (&priv->reload, reload_cb, self);
}

/* Reloads now (a queued reload is cancelled). */
void
dlg_stage_view_base_reload (DlgStageViewBase *self)
{
  DlgStageViewBasePrivate *priv = dlg_stage_view_base_get_instance_private (self);
  DlgStageViewBaseClass *klass;

  g_return_if_fail (DLG_IS_STAGE_VIEW_BASE (self));

  klass = DLG_STAGE_VIEW_BASE_GET_CLASS (self);
  dlg_reload_helper_cancel (&priv->reload);
  if (klass->reload != NULL)
    klass->reload (self);
}
