/* dlg-context.c — what the application hands to every window and view
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * As in GNOME Calendar: the application creates one context (the store, the settings and,
 * later, the sync client) and hands it to windows, which hand it to views. Views never open
 * a database themselves.
 */

#define G_LOG_DOMAIN "dlg-context"

#include "config.h"

#include "dlg-context.h"

struct _DlgContext
{
  GObject    parent_instance;

  DlgStore  *store;
  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (DlgContext, dlg_context, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE,
  PROP_SETTINGS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
dlg_context_dispose (GObject *object)
{
  DlgContext *self = (DlgContext *)object;

  g_clear_object (&self->store);
  g_clear_object (&self->settings);

  G_OBJECT_CLASS (dlg_context_parent_class)->dispose (object);
}

static void
dlg_context_get_property (GObject    *object,
                          guint       prop_id,
                          GValue     *value,
                          GParamSpec *pspec)
{
  DlgContext *self = DLG_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    case PROP_SETTINGS:
      g_value_set_object (value, self->settings);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_context_set_property (GObject      *object,
                          guint         prop_id,
                          const GValue *value,
                          GParamSpec   *pspec)
{
  DlgContext *self = DLG_CONTEXT (object);

  switch (prop_id)
    {
    case PROP_STORE:
      self->store = g_value_dup_object (value);
      break;
    case PROP_SETTINGS:
      self->settings = g_value_dup_object (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
dlg_context_class_init (DlgContextClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = dlg_context_dispose;
  object_class->get_property = dlg_context_get_property;
  object_class->set_property = dlg_context_set_property;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL, DLG_TYPE_STORE,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  properties[PROP_SETTINGS] =
    g_param_spec_object ("settings", NULL, NULL, G_TYPE_SETTINGS,
                         G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
dlg_context_init (DlgContext *self)
{
}

/**
 * dlg_context_new:
 * @store: the store of every process
 * @settings: (nullable): the application's settings, or %NULL in tests
 */
DlgContext *
dlg_context_new (DlgStore  *store,
                 GSettings *settings)
{
  g_return_val_if_fail (DLG_IS_STORE (store), NULL);
  g_return_val_if_fail (settings == NULL || G_IS_SETTINGS (settings), NULL);

  return g_object_new (DLG_TYPE_CONTEXT, "store", store, "settings", settings, NULL);
}

DlgStore *
dlg_context_get_store (DlgContext *self)
{
  g_return_val_if_fail (DLG_IS_CONTEXT (self), NULL);

  return self->store;
}

GSettings *
dlg_context_get_settings (DlgContext *self)
{
  g_return_val_if_fail (DLG_IS_CONTEXT (self), NULL);

  return self->settings;
}
