/* dlg-site-page-form.c — the forms: registration, contribution, thanks
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Forms carry a CSRF token: HMAC-SHA256 (site secret, cookie value | form path), the cookie
 * being random, HttpOnly and SameSite=Strict. Input is checked on the server (required fields,
 * lengths, UTF-8, choices, ranges); on error the form comes back with the input kept and the
 * errors listed at the top and next to each field.
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include <math.h>
#include <string.h>

#include "dlg-site-html.h"
#include "dlg-site-i18n.h"
#include "dlg-site-pages-private.h"

#define CSRF_COOKIE "dlg_csrf"
#define CSRF_COOKIE_LIFETIME_S (12 * 3600)
#define CSRF_TOKEN_LIFETIME_S  (3 * 3600)
#define MAX_TITLE   200
#define MAX_BODY    10000

static const char sql_insert_contact[] =
  "INSERT INTO registration_contacts (id, full_name, email, phone) VALUES (?1, ?2, ?3, ?4)";

typedef enum {
  IN_TEXT,
  IN_TEXTAREA,
  IN_NUMBER,
  IN_EMAIL,
  IN_TEL,
  IN_SELECT,
  IN_RADIO,
  IN_CONSENT,
} InputKind;

typedef struct
{
  const char        *name;
  const char        *label;
  const char        *hint;
  InputKind          kind;
  gboolean           required;
  guint              max_chars;
  const char *const *choices;   /* value, label, value, label, …, NULL */
} FormField;

typedef struct
{
  char *name;
  char *message;
} FormError;

static void
form_error_free (FormError *error)
{
  g_free (error->name);
  g_free (error->message);
  g_free (error);
}

static void
add_form_error (GPtrArray  *errors,
                const char *name,
                const char *message)
{
  FormError *error = g_new0 (FormError, 1);

  error->name = g_strdup (name);
  error->message = g_strdup (message);
  g_ptr_array_add (errors, error);
}

/* Labels, hints and choices' labels are msgids, translated when a form is built
 * (add_static_fields). */
static const FormField author_field = {
  "author_ref", N_("Your pseudonym"),
  N_("Optional. It is shown with your contribution: do not give your full name."),
  IN_TEXT, FALSE, 80, NULL
};
static const FormField idea_fields[] = {
  { "title", N_("Title of your idea"), N_("200 characters at most."), IN_TEXT, TRUE, MAX_TITLE,
    NULL },
  { "body", N_("Your idea"), N_("What should change, where, and for whom. 10,000 characters at "
                                "most."), IN_TEXTAREA, TRUE, MAX_BODY, NULL },
};
static const FormField project_fields[] = {
  { "title", N_("Name of the project"), N_("200 characters at most."), IN_TEXT, TRUE,
    MAX_TITLE, NULL },
  { "body", N_("Presentation of the project"),
    N_("Aims, who carries it, place, means needed. 10,000 characters at most."),
    IN_TEXTAREA, TRUE, MAX_BODY, NULL },
};
/* A place is what a citizen knows; coordinates are for those who have them (a map service
 * shows them), and go together. */
static const FormField map_fields[] = {
  { "title", N_("Title"), N_("200 characters at most."), IN_TEXT, TRUE, MAX_TITLE, NULL },
  { "body", N_("Your contribution"), N_("What you see or suggest at this place."),
    IN_TEXTAREA, TRUE, MAX_BODY, NULL },
  { "place", N_("Place or address"), N_("For example: 2 rue de Strasbourg, Nantes, or: the "
                                        "playground of the Procé park."), IN_TEXT, TRUE, 200,
    NULL },
  { "lat", N_("Latitude"), N_("Optional, with the longitude. A decimal number, for example "
                              "47.2278. On a map service, a right click on the place shows "
                              "its coordinates."), IN_NUMBER, FALSE, 20, NULL },
  { "lon", N_("Longitude"), N_("Optional, with the latitude. A decimal number, for example "
                               "-1.5119."), IN_NUMBER, FALSE, 20, NULL },
};
static const char *const debate_positions[] = { "for", N_("For"), "against", N_("Against"),
                                                NULL };
/* The debate's question labels the radio group: see debate_question(). */
static const FormField debate_fields[] = {
  { "position", N_("Your position"), N_("For or against?"), IN_RADIO, TRUE, 0,
    debate_positions },
  { "title", N_("Your argument in one sentence"), N_("200 characters at most."), IN_TEXT, TRUE,
    MAX_TITLE, NULL },
  { "body", N_("Develop your argument"), N_("10,000 characters at most."), IN_TEXTAREA, TRUE,
    MAX_BODY, NULL },
};
static const char *const age_bands[] = {
  "", N_("Choose"), "16-17", N_("16 to 17"), "18-29", N_("18 to 29"), "30-44", N_("30 to 44"),
  "45-59", N_("45 to 59"), "60-74", N_("60 to 74"), "75+", N_("75 and over"), NULL
};
static const char *const genders[] = {
  "", N_("Choose"), "woman", N_("Woman"), "man", N_("Man"), "other", N_("Other"),
  "undisclosed", N_("I prefer not to say"), NULL
};
static const char *const occupations[] = {
  "", N_("Choose"), "farmer", N_("Farming"), "self_employed",
  N_("Craft, trade, business owner"), "executive", N_("Executive, intellectual profession"),
  "intermediate", N_("Intermediate profession"), "employee", N_("Employee"),
  "worker", N_("Manual worker"), "retired", N_("Retired"), "student", N_("Pupil, student"),
  "unemployed", N_("No paid work"), NULL
};
static const char *const yes_no[] = { "no", N_("No"), "yes", N_("Yes"), NULL };
/* The profile questions when the process carries no vocabulary (an app older than sync v1's
 * `profile` member): the app's default vocabulary. */
static const FormField register_profile_fields[] = {
  { "age_band", N_("Your age band"), NULL, IN_SELECT, TRUE, 0, age_bands },
  { "gender", N_("You are"), NULL, IN_SELECT, TRUE, 0, genders },
  { "commune", N_("Your commune"), N_("For example Nantes, Rezé, Saint-Herblain."), IN_TEXT,
    TRUE, 100, NULL },
  { "quartier", N_("Your neighbourhood"), N_("Optional."), IN_TEXT, FALSE, 100, NULL },
  { "occupation", N_("Your occupation"), NULL, IN_SELECT, TRUE, 0, occupations },
  { "prior_participation", N_("Have you taken part in a citizen dialogue process before?"),
    NULL, IN_RADIO, TRUE, 0, yes_no },
};
static const FormField register_contact_fields[] = {
  { "full_name", N_("Last name and first name"), NULL, IN_TEXT, TRUE, 200, NULL },
  { "email", N_("E-mail address"), N_("To write to you if you are drawn by lot."),
    IN_EMAIL, TRUE, 254, NULL },
  { "phone", N_("Telephone"), N_("Optional."), IN_TEL, FALSE, 30, NULL },
  { "consent", N_("I agree that my answers are used for the draw by lot and my contact "
                  "details only to contact me about this process."), NULL, IN_CONSENT, TRUE,
    0, NULL },
};

static const char *const default_questions[] = {
  N_("What do you like about this place today?"),
  N_("What should change first?"),
  N_("How would you like to use this place tomorrow?"),
  NULL
};

/* The token of the autocomplete attribute of a field, by name (HTML's autofill field names):
 * a browser fills in what it knows and a screen reader says what is asked. The map's place is
 * not the citizen's address: it gets none. */
static const char *
autocomplete_token (const char *name)
{
  static const char *const tokens[] = {
    "author_ref", "nickname", "full_name", "name", "email", "email", "phone", "tel",
    "commune", "address-level2", "gender", "sex", NULL
  };

  for (guint i = 0; tokens[i] != NULL; i += 2)
    if (g_strcmp0 (tokens[i], name) == 0)
      return tokens[i + 1];
  return NULL;
}

typedef struct
{
  const char *feature;
  const char *kind;
  GArray     *fields;           /* FormField */
  GPtrArray  *owned;            /* strings the fields point to */
} Form;

static void
form_clear (Form *form)
{
  g_clear_pointer (&form->fields, g_array_unref);
  g_clear_pointer (&form->owned, g_ptr_array_unref);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Form, form_clear)

/* The question a citizen reads for a category of the profile. */
static const char *
profile_question (const char *category,
                  const char *label)
{
  for (guint i = 0; i < G_N_ELEMENTS (register_profile_fields); i++)
    if (g_strcmp0 (register_profile_fields[i].name, category) == 0)
      return _(register_profile_fields[i].label);
  return label;
}

/* Appends @n fields of a static table, their texts translated into the request's language. */
static void
add_static_fields (Form            *form,
                   const FormField *table,
                   guint            n)
{
  for (guint i = 0; i < n; i++)
    {
      FormField field = table[i];

      field.label = _(field.label);
      field.hint = field.hint != NULL ? _(field.hint) : NULL;
      if (field.choices != NULL)
        {
          guint n_choices = g_strv_length ((char **) field.choices);
          const char **choices = g_new0 (const char *, n_choices + 1);

          for (guint c = 0; c < n_choices; c++)
            choices[c] = c % 2 == 1 ? _(field.choices[c]) : field.choices[c];
          field.choices = choices;
          g_ptr_array_add (form->owned, choices);
        }
      g_array_append_val (form->fields, field);
    }
}

/* The profile questions of the registration form, built from the vocabulary the process carries
 * (`profile` in its body): one drop-down per category with values (a yes/no radio for prior
 * participation), in the process's order, offering exactly its ids; a category with no values
 * is not asked. FALSE when the process carries no vocabulary. */
static gboolean
add_profile_fields (Form       *form,
                    JsonObject *process)
{
  JsonArray *profile = jarray (process, "profile");
  guint n_added = 0;

  if (profile == NULL || json_array_get_length (profile) == 0)
    return FALSE;
  for (guint i = 0; i < json_array_get_length (profile); i++)
    {
      JsonNode *node = json_array_get_element (profile, i);
      JsonObject *category;
      JsonArray *values;
      GPtrArray *choices;
      FormField field = { NULL, NULL, NULL, IN_SELECT, TRUE, 0, NULL };
      gboolean radio;

      if (!JSON_NODE_HOLDS_OBJECT (node))
        continue;
      category = json_node_get_object (node);
      values = jarray (category, "values");
      if (jstr (category, "category") == NULL || values == NULL
          || json_array_get_length (values) == 0)
        continue;
      radio = g_strcmp0 (jstr (category, "category"), "prior_participation") == 0;
      field.name = g_strdup (jstr (category, "category"));
      field.label = g_strdup (profile_question (field.name, jstr (category, "label")));
      field.required = !json_object_has_member (category, "required")
                       || json_object_get_boolean_member (category, "required");
      field.hint = field.required ? NULL : _("Optional.");
      field.kind = radio ? IN_RADIO : IN_SELECT;
      g_ptr_array_add (form->owned, (char *) field.name);
      g_ptr_array_add (form->owned, (char *) field.label);
      choices = g_ptr_array_new ();
      if (!radio)
        {
          g_ptr_array_add (choices, (gpointer) "");
          g_ptr_array_add (choices, (gpointer) _("Choose"));
        }
      for (guint v = 0; v < json_array_get_length (values); v++)
        {
          JsonNode *value_node = json_array_get_element (values, v);
          JsonObject *value = JSON_NODE_HOLDS_OBJECT (value_node)
                                ? json_node_get_object (value_node) : NULL;
          char *id, *label;

          if (jstr (value, "value") == NULL || *jstr (value, "value") == '\0')
            continue;
          id = g_strdup (jstr (value, "value"));
          label = g_strdup (jstr (value, "label") != NULL ? jstr (value, "label") : id);
          g_ptr_array_add (form->owned, id);
          g_ptr_array_add (form->owned, label);
          g_ptr_array_add (choices, id);
          g_ptr_array_add (choices, label);
        }
      g_ptr_array_add (choices, NULL);
      field.choices = (const char *const *) g_ptr_array_free (choices, FALSE);
      g_ptr_array_add (form->owned, (char *) field.choices);
      g_array_append_val (form->fields, field);
      n_added++;
    }
  return n_added > 0;
}

/* What the debate asks: its own question (a site extension of the feature, like the
 * questionnaire's questions), else the process's; NULL when neither is set. */
static const char *
debate_question (JsonObject *process)
{
  const char *own = jstr (dlg_page_find_feature (process, "debate"), "question");
  const char *question = jstr (process, "question");

  if (own != NULL && *own != '\0')
    return own;
  return question != NULL && *question != '\0' ? question : NULL;
}

static gboolean
form_init (Form       *form,
           JsonObject *process,
           const char *feature)
{
  form->feature = feature;
  form->fields = g_array_new (FALSE, TRUE, sizeof (FormField));
  form->owned = g_ptr_array_new_with_free_func (g_free);

#define ADD(table) add_static_fields (form, table, G_N_ELEMENTS (table))
  if (g_strcmp0 (feature, "ideas") == 0)
    {
      form->kind = "idea";
      ADD (idea_fields);
    }
  else if (g_strcmp0 (feature, "call_for_projects") == 0)
    {
      form->kind = "project";
      ADD (project_fields);
    }
  else if (g_strcmp0 (feature, "map") == 0)
    {
      form->kind = "pin";
      ADD (map_fields);
    }
  else if (g_strcmp0 (feature, "debate") == 0)
    {
      const char *question = debate_question (process);

      form->kind = "argument";
      ADD (debate_fields);
      /* The radio group's legend is the question debated, not a bare "Your position". */
      if (question != NULL)
        {
          char *label = g_strdup (question);

          g_ptr_array_add (form->owned, label);
          g_array_index (form->fields, FormField, 0).label = label;
        }
    }
  else if (g_strcmp0 (feature, "questionnaire") == 0)
    {
      JsonArray *questions = jarray (dlg_page_find_feature (process, feature), "questions");
      guint n = 0;

      form->kind = "answer";
      for (guint i = 0; ; i++)
        {
          const char *question = NULL;
          FormField field = { NULL, NULL, _("Optional. 2,000 characters at most."),
                              IN_TEXTAREA, FALSE, 2000, NULL };
          if (questions != NULL && json_array_get_length (questions) > 0)
            {
              JsonNode *node;
              if (i >= json_array_get_length (questions) || i >= 30)
                break;
              node = json_array_get_element (questions, i);
              if (!JSON_NODE_HOLDS_VALUE (node)
                  || json_node_get_value_type (node) != G_TYPE_STRING)
                continue;
              question = json_node_get_string (node);
            }
          else
            {
              if (default_questions[i] == NULL)
                break;
              question = _(default_questions[i]);
            }
          field.name = g_strdup_printf ("q%u", n++);
          field.label = g_strdup (question);
          g_ptr_array_add (form->owned, (char *) field.name);
          g_ptr_array_add (form->owned, (char *) field.label);
          g_array_append_val (form->fields, field);
        }
    }
  else if (g_strcmp0 (feature, "recruitment") == 0)
    {
      form->kind = "registration";
      if (!add_profile_fields (form, process))
        ADD (register_profile_fields);
      ADD (register_contact_fields);
      return TRUE;
    }
  else
    return FALSE;
#undef ADD
  add_static_fields (form, &author_field, 1);
  return TRUE;
}

static const char *
value_of (GHashTable *values,
          const char *name)
{
  const char *value = values != NULL ? g_hash_table_lookup (values, name) : NULL;
  return value != NULL ? value : "";
}

static const char *
error_of (GPtrArray  *errors,
          const char *name)
{
  for (guint i = 0; errors != NULL && i < errors->len; i++)
    {
      FormError *error = g_ptr_array_index (errors, i);
      if (g_strcmp0 (error->name, name) == 0)
        return error->message;
    }
  return NULL;
}

static void
append_attr (GString    *out,
             const char *name,
             const char *value)
{
  g_string_append_c (out, ' ');
  g_string_append (out, name);
  g_string_append (out, "=\"");
  dlg_html_escape_append (out, value);
  g_string_append_c (out, '"');
}

static void
render_field (GString         *page,
              const FormField *field,
              GHashTable      *values,
              GPtrArray       *errors)
{
  const char *error = error_of (errors, field->name);
  const char *value = value_of (values, field->name);
  g_autofree char *id = g_strconcat ("f-", field->name, NULL);
  g_autofree char *hint_id = g_strconcat (id, "-hint", NULL);
  g_autofree char *error_id = g_strconcat (id, "-error", NULL);
  g_autoptr(GString) described = g_string_new (NULL);

  if (field->hint != NULL)
    g_string_append (described, hint_id);
  if (error != NULL)
    g_string_append_printf (described, "%s%s", described->len > 0 ? " " : "", error_id);

  g_string_append (page, error != NULL ? "<div class=\"field invalid\">\n"
                                       : "<div class=\"field\">\n");
  if (field->kind == IN_RADIO)
    {
      g_string_append (page, "<fieldset");
      if (described->len > 0)
        append_attr (page, "aria-describedby", described->str);
      g_string_append (page, "><legend>");
      dlg_html_escape_append (page, field->label);
      if (field->required)
        g_string_append (page, " <span aria-hidden=\"true\">*</span>");
      g_string_append (page, "</legend>\n");
    }
  else if (field->kind != IN_CONSENT)
    {
      g_string_append (page, "<label");
      append_attr (page, "for", id);
      g_string_append (page, ">");
      dlg_html_escape_append (page, field->label);
      if (field->required)
        g_string_append (page, " <span aria-hidden=\"true\">*</span>");
      g_string_append (page, "</label>\n");
    }
  if (field->hint != NULL)
    {
      g_string_append (page, "<span class=\"hint\"");
      append_attr (page, "id", hint_id);
      g_string_append (page, ">");
      dlg_html_escape_append (page, field->hint);
      g_string_append (page, "</span>\n");
    }
  if (error != NULL)
    {
      g_string_append (page, "<span class=\"error\"");
      append_attr (page, "id", error_id);
      g_string_append (page, ">");
      dlg_html_escape_append (page, _("Error: "));
      dlg_html_escape_append (page, error);
      g_string_append (page, "</span>\n");
    }

#define COMMON_ATTRS()                                                     \
  G_STMT_START {                                                           \
    append_attr (page, "id", id);                                          \
    append_attr (page, "name", field->name);                               \
    if (autocomplete_token (field->name) != NULL)                          \
      append_attr (page, "autocomplete", autocomplete_token (field->name)); \
    if (field->required)                                                   \
      g_string_append (page, " required");                                 \
    if (described->len > 0)                                                \
      append_attr (page, "aria-describedby", described->str);              \
    if (error != NULL)                                                     \
      g_string_append (page, " aria-invalid=\"true\"");                    \
  } G_STMT_END

  switch (field->kind)
    {
    case IN_TEXT:
    case IN_EMAIL:
    case IN_TEL:
    case IN_NUMBER:
      g_string_append (page, "<input");
      append_attr (page, "type", field->kind == IN_EMAIL ? "email"
                                 : field->kind == IN_TEL ? "tel" : "text");
      if (field->kind == IN_NUMBER)
        append_attr (page, "inputmode", "decimal");
      COMMON_ATTRS ();
      if (field->max_chars > 0)
        g_string_append_printf (page, " maxlength=\"%u\"", field->max_chars);
      append_attr (page, "value", value);
      g_string_append (page, ">\n");
      break;
    case IN_TEXTAREA:
      g_string_append (page, "<textarea rows=\"8\"");
      COMMON_ATTRS ();
      if (field->max_chars > 0)
        g_string_append_printf (page, " maxlength=\"%u\"", field->max_chars);
      g_string_append (page, ">");
      dlg_html_escape_append (page, value);
      g_string_append (page, "</textarea>\n");
      break;
    case IN_SELECT:
      g_string_append (page, "<select");
      COMMON_ATTRS ();
      g_string_append (page, ">\n");
      for (guint i = 0; field->choices[i] != NULL; i += 2)
        {
          g_string_append (page, "<option");
          append_attr (page, "value", field->choices[i]);
          if (g_strcmp0 (value, field->choices[i]) == 0)
            g_string_append (page, " selected");
          g_string_append (page, ">");
          dlg_html_escape_append (page, field->choices[i + 1]);
          g_string_append (page, "</option>\n");
        }
      g_string_append (page, "</select>\n");
      break;
    case IN_RADIO:
      for (guint i = 0; field->choices[i] != NULL; i += 2)
        {
          /* The first choice carries the field's id: the error summary links to it. */
          g_autofree char *choice_id = i == 0 ? g_strdup (id)
                                              : g_strdup_printf ("%s-%u", id, i / 2);
          g_string_append (page, "<label class=\"choice\"><input type=\"radio\"");
          append_attr (page, "id", choice_id);
          append_attr (page, "name", field->name);
          append_attr (page, "value", field->choices[i]);
          if (field->required)
            g_string_append (page, " required");
          if (g_strcmp0 (value, field->choices[i]) == 0)
            g_string_append (page, " checked");
          g_string_append (page, "> ");
          dlg_html_escape_append (page, field->choices[i + 1]);
          g_string_append (page, "</label>\n");
        }
      g_string_append (page, "</fieldset>\n");
      break;
    case IN_CONSENT:
      g_string_append (page, "<label class=\"choice\"><input type=\"checkbox\" value=\"yes\"");
      COMMON_ATTRS ();
      if (g_strcmp0 (value, "yes") == 0)
        g_string_append (page, " checked");
      g_string_append (page, "> <span>");
      dlg_html_escape_append (page, field->label);
      g_string_append (page, " <span aria-hidden=\"true\">*</span></span></label>\n");
      break;
    default:
      g_assert_not_reached ();
    }
#undef COMMON_ATTRS
  g_string_append (page, "</div>\n");
}

/* CSRF: the cookie is issued by the site (a nonce, its time, and the site's MAC of both, so
 * that a cookie the client made up is refused) and lives CSRF_COOKIE_LIFETIME_S; a form's token
 * is the MAC of the cookie, the form's path and the token's own time, and is good for
 * CSRF_TOKEN_LIFETIME_S. Within that time the same browser may send the form again (after a
 * refusal, with the back button); another browser, another form or a stale page may not. */

static char *
csrf_mac (DlgSiteServer *self,
          const char    *message)
{
  g_autofree char *secret = dlg_site_db_get_meta (dlg_site_server_get_db (self),
                                                  "csrf_secret");

  if (secret == NULL)
    return NULL;
  return g_compute_hmac_for_string (G_CHECKSUM_SHA256, (const guchar *) secret, strlen (secret),
                                    message, -1);
}

static gboolean
constant_time_equal (const char *a,
                     const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guint8 diff = la != lb;

  for (gsize i = 0; i < MIN (la, lb); i++)
    diff |= (guint8) (a[i] ^ b[i]);
  return diff == 0;
}

/* "TIME.MAC": @time (seconds) is when the value was issued; NULL when the secret is missing. */
static char *
signed_value (DlgSiteServer *self,
              const char    *purpose,
              const char    *subject,
              gint64         time)
{
  g_autofree char *message = g_strdup_printf ("%s|%s|%" G_GINT64_FORMAT, purpose, subject, time);
  g_autofree char *mac = csrf_mac (self, message);

  return mac != NULL ? g_strdup_printf ("%" G_GINT64_FORMAT ".%s", time, mac) : NULL;
}

/* Whether @value is signed_value (@purpose, @subject) of a time no older than @lifetime. */
static gboolean
check_signed (DlgSiteServer *self,
              const char    *purpose,
              const char    *subject,
              const char    *value,
              gint64         lifetime)
{
  g_autofree char *expected = NULL;
  const char *dot = value != NULL ? strchr (value, '.') : NULL;
  gint64 time, now = dlg_site_server_now (self);
  char *end = NULL;

  if (dot == NULL || dot == value || dot - value > 12)
    return FALSE;
  time = g_ascii_strtoll (value, &end, 10);
  if (end != dot || time > now + 60 || now - time > lifetime)
    return FALSE;
  expected = signed_value (self, purpose, subject, time);
  return expected != NULL && constant_time_equal (expected, value);
}

static char *
csrf_token (DlgSiteServer *self,
            const char    *cookie,
            const char    *form_path)
{
  g_autofree char *subject = g_strconcat (cookie, "|", form_path, NULL);

  return signed_value (self, "token", subject, dlg_site_server_now (self));
}

static gboolean
csrf_token_is_valid (DlgSiteServer *self,
                     const char    *cookie,
                     const char    *form_path,
                     const char    *token)
{
  g_autofree char *subject = g_strconcat (cookie, "|", form_path, NULL);

  return check_signed (self, "token", subject, token, CSRF_TOKEN_LIFETIME_S);
}

/* A new cookie of the site's: "NONCE.TIME.MAC". */
static char *
csrf_new_cookie (DlgSiteServer *self)
{
  g_autofree char *nonce = dlg_site_random_hex (16);
  g_autofree char *signed_part = signed_value (self, "cookie", nonce,
                                               dlg_site_server_now (self));

  return signed_part != NULL ? g_strconcat (nonce, ".", signed_part, NULL) : NULL;
}

/* The value of the CSRF cookie sent with the request, if the site issued it and it is still
 * alive. */
static char *
request_cookie (DlgSiteServer     *self,
                SoupServerMessage *msg)
{
  const char *header = soup_message_headers_get_one (
    soup_server_message_get_request_headers (msg), "Cookie");
  g_auto(GStrv) parts = NULL;

  if (header == NULL)
    return NULL;
  parts = g_strsplit (header, ";", -1);
  for (guint i = 0; parts[i] != NULL; i++)
    {
      char *part = g_strstrip (parts[i]);
      if (g_str_has_prefix (part, CSRF_COOKIE "="))
        {
          const char *value = part + strlen (CSRF_COOKIE "=");
          const char *dot = strchr (value, '.');
          g_autofree char *nonce = NULL;

          if (dot == NULL || dot - value != 32 || strlen (value) > 200)
            return NULL;
          nonce = g_strndup (value, dot - value);
          for (const char *p = nonce; *p != '\0'; p++)
            if (!g_ascii_isxdigit (*p))
              return NULL;
          if (!check_signed (self, "cookie", nonce, dot + 1, CSRF_COOKIE_LIFETIME_S))
            return NULL;
          return g_strdup (value);
        }
    }
  return NULL;
}

/* What the form says of what becomes of a contribution, true to the feature's moderation. */
static void
append_publication_notice (GString    *page,
                           JsonObject *feature)
{
  g_string_append (page, "<p class=\"meta\">");
  if (g_strcmp0 (jstr (feature, "moderation"), "a_priori") == 0)
    dlg_html_escape_append (page, _("Contributions are published after review by the "
                                    "moderation team."));
  else
    dlg_html_escape_append (page, _("Your contribution is published as soon as you send it; "
                                    "the moderation team may set it aside if it breaks the "
                                    "rules of the game."));
  g_string_append (page, "</p>\n");
}

/* What the registration form says of contact details: how long they are kept and whom to ask
 * to erase them (the process's rule, else the site's), with the privacy notice. */
static void
append_registration_notice (DlgSiteServer *self,
                            GString       *page,
                            JsonObject    *process)
{
  guint months = dlg_page_contact_retention_months (self, process);
  g_autofree char *contact = dlg_page_privacy_contact (self, process);
  g_autofree char *kept = g_strdup_printf (
    dlg_site_ngettext ("Your contact details are kept apart, are never published, and are "
                       "deleted at the end of the process, at the latest %u month after your "
                       "registration.",
                       "Your contact details are kept apart, are never published, and are "
                       "deleted at the end of the process, at the latest %u months after your "
                       "registration.", months), months);

  g_string_append (page, "<p>");
  dlg_html_escape_append (page, _("Your answers about your profile (age, gender, commune, "
                                  "occupation) serve only to draw a diverse panel by lot."));
  g_string_append_c (page, ' ');
  dlg_html_escape_append (page, kept);
  g_string_append_c (page, ' ');
  dlg_html_escape_append (page, _("To have them erased at any time, write to"));
  g_string_append (page, " <a href=\"mailto:");
  dlg_html_escape_append (page, contact);
  g_string_append (page, "\">");
  dlg_html_escape_append (page, contact);
  g_string_append (page, "</a> (");
  dlg_page_append_link (page, "/confidentialite", NULL, NULL, _("personal data"), NULL);
  g_string_append (page, ").</p>\n");
}

static void
render_form (DlgSiteServer     *self,
             SoupServerMessage *msg,
             guint              status,
             const char        *process_id,
             JsonObject        *process,
             Form              *form,
             const char        *form_path,
             GHashTable        *values,
             GPtrArray         *errors)
{
  g_autofree char *cookie = request_cookie (self, msg);
  g_autofree char *token = NULL;
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  const DlgPageFeature *info = dlg_page_feature_info (form->feature);
  JsonObject *feature = dlg_page_find_feature (process, form->feature);
  GString *page = g_string_new (NULL);
  const char *heading = _(info->verb != NULL ? info->verb : info->label);
  g_autofree char *summary = NULL;
  g_autofree char *title = NULL;

  if (cookie == NULL)
    {
      g_autofree char *set = NULL;
      g_free (cookie);
      cookie = csrf_new_cookie (self);
      set = g_strdup_printf (CSRF_COOKIE "=%s; Path=/; Max-Age=%d; HttpOnly; SameSite=Strict",
                             cookie, CSRF_COOKIE_LIFETIME_S);
      soup_message_headers_append (soup_server_message_get_response_headers (msg),
                                   "Set-Cookie", set);
    }
  token = csrf_token (self, cookie, form_path);

  /* The title says which form of which process, and that it came back with errors. */
  if (errors != NULL && errors->len > 0)
    {
      summary = g_strdup_printf (dlg_site_ngettext ("The form has %u error",
                                                    "The form has %u errors", errors->len),
                                 errors->len);
      /* Translators: the title of a form sent back: "Error: the form has 2 errors — Suggest
       * an idea — <the process>". */
      title = g_strdup_printf (_("Error: %s — %s — %s"), summary, heading,
                               jstr (process, "title"));
    }
  else
    title = g_strdup_printf ("%s — %s", heading, jstr (process, "title"));

  dlg_html_page_begin (page, title, back, jstr (process, "title"));
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, heading);
  g_string_append (page, "</h1>\n<p class=\"meta\">");
  dlg_html_escape_append (page, _(info->label));
  g_string_append (page, " · ");
  dlg_html_escape_append (page, jstr (process, "title"));
  g_string_append (page, "</p>\n");
  if (jstr (feature, "rules") != NULL && *jstr (feature, "rules") != '\0')
    {
      g_string_append (page, "<div class=\"rules\"><strong>");
      dlg_html_escape_append (page, _("Rules of the game:"));
      g_string_append (page, "</strong> ");
      dlg_html_paragraphs (page, jstr (feature, "rules"));
      g_string_append (page, "</div>\n");
    }
  if (g_strcmp0 (form->feature, "recruitment") == 0)
    append_registration_notice (self, page, process);
  else
    append_publication_notice (page, feature);

  if (errors != NULL && errors->len > 0)
    {
      g_string_append (page, "<div class=\"errors\" role=\"alert\" tabindex=\"-1\" "
                             "id=\"erreurs\">\n<h2>");
      dlg_html_escape_append (page, summary);
      g_string_append (page, "</h2>\n<ul>\n");
      for (guint i = 0; i < errors->len; i++)
        {
          FormError *error = g_ptr_array_index (errors, i);
          g_string_append (page, "<li>");
          if (error->name != NULL)
            {
              g_autofree char *anchor = g_strconcat ("#f-", error->name, NULL);
              dlg_page_append_link (page, anchor, NULL, NULL, error->message, NULL);
            }
          else
            dlg_html_escape_append (page, error->message);
          g_string_append (page, "</li>\n");
        }
      g_string_append (page, "</ul>\n</div>\n");
    }

  g_string_append (page, "<p class=\"meta\">");
  dlg_html_escape_append (page, _("Fields marked with an asterisk (*) are required."));
  g_string_append (page, "</p>\n<form method=\"post\"");
  append_attr (page, "action", form_path);
  g_string_append (page, " accept-charset=\"utf-8\" novalidate>\n<input type=\"hidden\" "
                         "name=\"csrf_token\"");
  append_attr (page, "value", token);
  g_string_append (page, ">\n");
  for (guint i = 0; i < form->fields->len; i++)
    render_field (page, &g_array_index (form->fields, FormField, i), values, errors);
  g_string_append (page, "<p><button class=\"button\" type=\"submit\">");
  dlg_html_escape_append (page, _("Send"));
  g_string_append (page, "</button></p>\n</form>\n");
  dlg_html_page_end (page);
  dlg_page_reply_html (msg, status, page);
}

static gboolean
parse_coordinate (const char *text,
                  double      limit,
                  double     *out)
{
  g_autofree char *copy = g_strdup (text);
  char *end;

  g_strdelimit (copy, ",", '.');
  g_strstrip (copy);
  if (*copy == '\0')
    return FALSE;
  *out = g_ascii_strtod (copy, &end);
  return *end == '\0' && isfinite (*out) && fabs (*out) <= limit;
}

static void
validate_form (Form       *form,
               GHashTable *values,
               GPtrArray  *errors)
{
  gboolean any_answer = FALSE;

  for (guint i = 0; i < form->fields->len; i++)
    {
      const FormField *field = &g_array_index (form->fields, FormField, i);
      const char *value = value_of (values, field->name);
      g_autofree char *trimmed = g_strstrip (g_strdup (value));

      if (!g_utf8_validate (value, -1, NULL))
        {
          add_form_error (errors, field->name,
                          _("The text contains invalid characters (encoding)."));
          continue;
        }
      if (*trimmed == '\0')
        {
          if (field->required)
            {
              g_autofree char *message = NULL;
              if (field->kind == IN_CONSENT)
                message = g_strdup (_("Your consent is needed to register."));
              else if (field->kind == IN_SELECT || field->kind == IN_RADIO)
                message = g_strdup_printf (_("Choose an answer: “%s”."), field->label);
              else
                message = g_strdup_printf (_("The field “%s” is required."), field->label);
              add_form_error (errors, field->name, message);
            }
          continue;
        }
      if (field->kind == IN_TEXTAREA && g_str_has_prefix (field->name, "q"))
        any_answer = TRUE;
      if (field->max_chars > 0 && g_utf8_strlen (value, -1) > field->max_chars)
        {
          g_autofree char *message =
            g_strdup_printf (_("“%s” must be %u characters at most (now %ld)."),
                             field->label, field->max_chars, g_utf8_strlen (value, -1));
          add_form_error (errors, field->name, message);
          continue;
        }
      if (field->choices != NULL)
        {
          gboolean found = FALSE;
          for (guint c = 0; field->choices[c] != NULL; c += 2)
            found |= *field->choices[c] != '\0' && g_strcmp0 (field->choices[c], value) == 0;
          if (!found)
            {
              g_autofree char *message = g_strdup_printf (_("Choose one of the answers "
                                                            "offered: “%s”."), field->label);
              add_form_error (errors, field->name, message);
            }
          continue;
        }
      if (field->kind == IN_CONSENT && g_strcmp0 (value, "yes") != 0)
        add_form_error (errors, field->name, _("Your consent is needed to register."));
      if (field->kind == IN_NUMBER)
        {
          double v;
          gboolean lat = g_strcmp0 (field->name, "lat") == 0;
          if (!parse_coordinate (value, lat ? 90 : 180, &v))
            add_form_error (errors, field->name,
                            lat ? _("The latitude must be a number between -90 and 90.")
                                : _("The longitude must be a number between -180 and 180."));
        }
      if (field->kind == IN_EMAIL)
        {
          const char *at = strchr (trimmed, '@');
          if (at == NULL || at == trimmed || strchr (at, '.') == NULL
              || strpbrk (trimmed, " <>\"'") != NULL)
            add_form_error (errors, field->name,
                            _("The e-mail address must look like name@example.fr."));
        }
      if (field->kind == IN_TEL && strspn (trimmed, "0123456789 +.-()") != strlen (trimmed))
        add_form_error (errors, field->name,
                        _("The telephone number may contain only digits, spaces and "
                          "+ . - ( )."));
    }
  if (g_strcmp0 (form->kind, "answer") == 0 && !any_answer)
    add_form_error (errors, "q0", _("Answer at least one question."));
  if (g_strcmp0 (form->kind, "pin") == 0)
    {
      g_autofree char *lat = g_strstrip (g_strdup (value_of (values, "lat")));
      g_autofree char *lon = g_strstrip (g_strdup (value_of (values, "lon")));

      /* Coordinates are optional, but a point needs both. */
      if (*lat == '\0' && *lon != '\0')
        add_form_error (errors, "lat", _("Give the latitude with the longitude, or neither."));
      else if (*lat != '\0' && *lon == '\0')
        add_form_error (errors, "lon", _("Give the longitude with the latitude, or neither."));
    }
}

/* The value posted for a field of @form; "" for a field the form does not have. */
static const char *
form_value (Form       *form,
            GHashTable *values,
            const char *name)
{
  for (guint i = 0; i < form->fields->len; i++)
    if (g_strcmp0 (g_array_index (form->fields, FormField, i).name, name) == 0)
      return value_of (values, name);
  return "";
}

/* A form accepted, waiting for the transaction that stores it (see batch_flush). */
typedef struct
{
  DlgSiteServer     *self;
  SoupServerMessage *msg;
  gulong             finished_id;
  gboolean           finished;  /* the client went away: nobody to answer */
  gboolean           stored;
  char              *id;
  char              *data;
  gboolean           registration;
  char              *full_name;
  char              *email;
  char              *phone;     /* NULL: none */
  /* to answer: the thanks, or the form again as it was sent */
  char              *process_id;
  JsonObject        *process;
  char              *feature_id;
  char              *form_path;
  GHashTable        *values;
  char              *lang;
  char              *site_name;
} Submission;

static void
submission_free (Submission *sub)
{
  g_clear_signal_handler (&sub->finished_id, sub->msg);
  g_object_unref (sub->msg);
  g_free (sub->id);
  g_free (sub->data);
  g_free (sub->full_name);
  g_free (sub->email);
  g_free (sub->phone);
  g_free (sub->process_id);
  json_object_unref (sub->process);
  g_free (sub->feature_id);
  g_free (sub->form_path);
  g_hash_table_unref (sub->values);
  g_free (sub->lang);
  g_free (sub->site_name);
  g_free (sub);
}

/* The submission's body as the site stores it, in @sub->data. */
static void
build_submission (Submission *sub,
                  JsonObject *process,
                  Form       *form,
                  GHashTable *values)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *now = dlg_site_now_iso ();
  const char *process_id = sub->process_id;
  gboolean registration = sub->registration;
  JsonObject *feature = dlg_page_find_feature (process, form->feature);
  double lat = 0, lon = 0;

#define MEMBER_STR(name, value)                                            \
  G_STMT_START {                                                           \
    g_autofree char *v_ = g_strstrip (g_strdup (value));                   \
    json_builder_set_member_name (builder, name);                          \
    json_builder_add_string_value (builder, v_);                           \
  } G_STMT_END

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "process_id");
  json_builder_add_string_value (builder, process_id);
  if (registration)
    {
      json_builder_set_member_name (builder, "channel");
      json_builder_add_string_value (builder, "online");
      /* Only what the form asked: a field it does not have is not taken. */
      MEMBER_STR ("age_band", form_value (form, values, "age_band"));
      MEMBER_STR ("gender", form_value (form, values, "gender"));
      MEMBER_STR ("commune", form_value (form, values, "commune"));
      MEMBER_STR ("quartier", form_value (form, values, "quartier"));
      MEMBER_STR ("occupation", form_value (form, values, "occupation"));
      json_builder_set_member_name (builder, "prior_participation");
      json_builder_add_boolean_value (builder,
                                      g_strcmp0 (form_value (form, values,
                                                             "prior_participation"),
                                                 "yes") == 0);
      json_builder_set_member_name (builder, "household");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "consent");
      json_builder_add_boolean_value (builder, TRUE);
      json_builder_set_member_name (builder, "consent_at");
      json_builder_add_string_value (builder, now);
      json_builder_set_member_name (builder, "registered_at");
      json_builder_add_string_value (builder, now);
    }
  else
    {
      json_builder_set_member_name (builder, "feature");
      json_builder_add_string_value (builder, form->feature);
      json_builder_set_member_name (builder, "kind");
      json_builder_add_string_value (builder, form->kind);
      json_builder_set_member_name (builder, "parent_id");
      json_builder_add_null_value (builder);
      MEMBER_STR ("author_ref", value_of (values, "author_ref"));
      if (g_strcmp0 (form->kind, "answer") == 0)
        MEMBER_STR ("title", "Réponse au questionnaire");  /* data for the team, in French */
      else
        MEMBER_STR ("title", value_of (values, "title"));
      MEMBER_STR ("body", value_of (values, "body"));
      json_builder_set_member_name (builder, "lat");
      if (g_strcmp0 (form->kind, "pin") == 0 && parse_coordinate (value_of (values, "lat"), 90,
                                                                  &lat)
          && parse_coordinate (value_of (values, "lon"), 180, &lon))
        {
          json_builder_add_double_value (builder, lat);
          json_builder_set_member_name (builder, "lon");
          json_builder_add_double_value (builder, lon);
        }
      else
        {
          json_builder_add_null_value (builder);
          json_builder_set_member_name (builder, "lon");
          json_builder_add_null_value (builder);
        }
      json_builder_set_member_name (builder, "answers");
      if (g_strcmp0 (form->kind, "argument") == 0)
        {
          json_builder_begin_object (builder);
          MEMBER_STR ("position", value_of (values, "position"));
          json_builder_end_object (builder);
        }
      else if (g_strcmp0 (form->kind, "pin") == 0)
        {
          /* The place goes with the answers: the app keeps them with the contribution. */
          json_builder_begin_object (builder);
          MEMBER_STR ("place", value_of (values, "place"));
          json_builder_end_object (builder);
        }
      else if (g_strcmp0 (form->kind, "answer") == 0)
        {
          json_builder_begin_object (builder);
          json_builder_set_member_name (builder, "questions");
          json_builder_begin_array (builder);
          for (guint i = 0; i < form->fields->len; i++)
            {
              const FormField *field = &g_array_index (form->fields, FormField, i);
              if (field->kind != IN_TEXTAREA)
                continue;
              json_builder_begin_object (builder);
              MEMBER_STR ("question", field->label);
              MEMBER_STR ("answer", value_of (values, field->name));
              json_builder_end_object (builder);
            }
          json_builder_end_array (builder);
          json_builder_end_object (builder);
        }
      else
        json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "created_at");
      json_builder_add_string_value (builder, now);
      json_builder_set_member_name (builder, "moderation");
      json_builder_add_string_value (builder,
                                     g_strcmp0 (jstr (feature, "moderation"), "a_priori") == 0
                                     ? "pending" : "published");
      json_builder_set_member_name (builder, "moderation_reason");
      json_builder_add_null_value (builder);
      json_builder_set_member_name (builder, "supports");
      json_builder_add_int_value (builder, 0);
    }
  json_builder_end_object (builder);
#undef MEMBER_STR
  root = json_builder_get_root (builder);
  sub->data = dlg_site_json_to_string (root);
  if (registration)
    {
      sub->full_name = g_strstrip (g_strdup (value_of (values, "full_name")));
      sub->email = g_strstrip (g_strdup (value_of (values, "email")));
      sub->phone = g_strstrip (g_strdup (value_of (values, "phone")));
      if (*sub->phone == '\0')
        g_clear_pointer (&sub->phone, g_free);
    }
}

/* In the caller's transaction. */
static gboolean
write_submission (DlgSiteDb   *db,
                  Submission  *sub,
                  GError     **error)
{
  if (sub->registration)
    {
      g_autoptr(DlgSiteStmt) stmt = dlg_site_db_prepare (db, sql_insert_contact, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, sub->id, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, sub->full_name, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 3, sub->email, -1, SQLITE_STATIC);
      if (sub->phone != NULL)
        sqlite3_bind_text (stmt, 4, sub->phone, -1, SQLITE_STATIC);
      if (!dlg_site_db_step_done (db, stmt, error))
        return FALSE;
    }
  return dlg_site_db_put_object (db, sub->registration ? "registration" : "contribution",
                                 sub->id, sub->process_id, sub->data, NULL, error);
}

/* Stores @subs in one transaction; if it fails, each in its own, so that one that cannot be
 * stored does not take the others with it. Sets each one's @stored. */
static void
store_submissions (DlgSiteDb *db,
                   GPtrArray *subs)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = dlg_site_db_begin (db, &error);

  for (guint i = 0; ok && i < subs->len; i++)
    ok = write_submission (db, subs->pdata[i], &error);
  if (ok && dlg_site_db_commit (db, &error))
    {
      for (guint i = 0; i < subs->len; i++)
        ((Submission *) subs->pdata[i])->stored = TRUE;
      return;
    }
  dlg_site_db_rollback (db);
  if (subs->len == 1)
    {
      g_warning ("Cannot store a submission: %s", error->message);
      return;
    }
  for (guint i = 0; i < subs->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();

      g_ptr_array_add (one, subs->pdata[i]);
      store_submissions (db, one);
    }
}

/* Accepted forms wait, paused, for the next idle moment of the server's main loop, where one
 * transaction stores all of them; only then does each get its answer. Under load the
 * requests already read join the batch (one commit for many, instead of one each); alone, a
 * form is stored at once. A 303 to the thanks page always means stored: an answer is never
 * sent before the commit. */
typedef struct
{
  GPtrArray *pending;           /* Submission * */
  GSource   *idle;
} Batch;

static void
batch_free (Batch *batch)
{
  /* The idle source holds the server: there is nothing pending when it goes. */
  g_ptr_array_unref (batch->pending);
  g_free (batch);
}

static GQuark
batch_quark (void)
{
  static GQuark quark;

  if (quark == 0)
    quark = g_quark_from_static_string ("dlg-page-form-batch");
  return quark;
}

static void
submission_answer (Submission *sub)
{
  if (sub->finished)
    return;
  if (sub->stored)
    {
      g_autofree char *location = g_strdup_printf ("/p/%s/merci?f=%s", sub->process_id,
                                                   sub->feature_id);
      soup_server_message_set_redirect (sub->msg, SOUP_STATUS_SEE_OTHER, location);
    }
  else
    {
      g_auto(Form) form = { 0 };
      g_autoptr(GPtrArray) errors = g_ptr_array_new_with_free_func (
        (GDestroyNotify) form_error_free);

      /* The form again, with what was sent, in the language it was asked in. */
      dlg_site_i18n_push (sub->lang, sub->site_name);
      form_init (&form, sub->process, sub->feature_id);
      add_form_error (errors, NULL, _("A technical problem prevented saving it. Try again in "
                                      "a few moments."));
      render_form (sub->self, sub->msg, SOUP_STATUS_SERVICE_UNAVAILABLE, sub->process_id,
                   sub->process, &form, sub->form_path, sub->values, errors);
      dlg_site_i18n_pop ();
    }
  soup_server_message_unpause (sub->msg);
}

static gboolean
batch_flush (gpointer data)
{
  DlgSiteServer *self = data;
  Batch *batch = g_object_get_qdata (G_OBJECT (self), batch_quark ());
  g_autoptr(GPtrArray) subs = batch->pending;

  batch->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) submission_free);
  g_clear_pointer (&batch->idle, g_source_unref);
  store_submissions (dlg_site_server_get_db (self), subs);
  for (guint i = 0; i < subs->len; i++)
    submission_answer (subs->pdata[i]);
  return G_SOURCE_REMOVE;
}

static void
submission_finished_cb (SoupServerMessage *msg,
                        Submission        *sub)
{
  sub->finished = TRUE;
}

static void
batch_add (DlgSiteServer *self,
           Submission    *sub)
{
  Batch *batch = g_object_get_qdata (G_OBJECT (self), batch_quark ());

  if (batch == NULL)
    {
      batch = g_new0 (Batch, 1);
      batch->pending = g_ptr_array_new_with_free_func ((GDestroyNotify) submission_free);
      g_object_set_qdata_full (G_OBJECT (self), batch_quark (), batch,
                               (GDestroyNotify) batch_free);
    }
  sub->finished_id = g_signal_connect (sub->msg, "finished",
                                       G_CALLBACK (submission_finished_cb), sub);
  soup_server_message_pause (sub->msg);
  g_ptr_array_add (batch->pending, sub);
  if (batch->idle == NULL)
    {
      /* At the sockets' priority: after the requests already ready, never starved by them. */
      batch->idle = g_idle_source_new ();
      g_source_set_priority (batch->idle, G_PRIORITY_DEFAULT);
      g_source_set_callback (batch->idle, batch_flush, g_object_ref (self), g_object_unref);
      g_source_attach (batch->idle, g_main_context_get_thread_default ());
    }
}

void
dlg_page_form (DlgSiteServer     *self,
               SoupServerMessage *msg,
               const char        *process_id,
               JsonObject        *process,
               const char        *feature_id,
               const char        *form_path)
{
  const char *method = soup_server_message_get_method (msg);
  JsonObject *feature = dlg_page_find_feature (process, feature_id);
  g_auto(Form) form = { 0 };
  g_autoptr(GHashTable) values = NULL;
  g_autoptr(GPtrArray) errors = NULL;
  g_autoptr(GBytes) body = NULL;
  g_autofree char *cookie = NULL;
  g_autofree char *body_text = NULL;
  const char *sent;

  if (!dlg_page_feature_enabled (process, feature_id) || !form_init (&form, process, feature_id))
    {
      dlg_page_reply_not_found (msg);
      return;
    }
  if (dlg_page_feature_closed_reason (process, feature_id) != NULL)
    {
      /* Shown to whoever comes by; a form sent anyway is refused and nothing is kept. */
      gboolean reading = g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "HEAD") == 0;

      g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
      const char *title = g_strcmp0 (feature_id, "recruitment") == 0
                          ? _("Registrations closed") : _("Participation closed");
      GString *page = g_string_new (NULL);

      dlg_html_page_begin (page, title, back, jstr (process, "title"));
      g_string_append (page, "<h1>");
      dlg_html_escape_append (page, title);
      g_string_append (page, "</h1>\n<p>");
      dlg_html_escape_append (page, dlg_page_feature_closed_reason (process, feature_id));
      g_string_append (page, "</p>\n<p>");
      dlg_page_append_link (page, "/p/", process_id, "", _("Back to the process's page"), NULL);
      g_string_append (page, "</p>\n");
      dlg_html_page_end (page);
      dlg_page_reply_html (msg, reading ? SOUP_STATUS_OK : SOUP_STATUS_FORBIDDEN, page);
      return;
    }
  if (!dlg_page_feature_open (feature))
    {
      dlg_page_reply_message (msg, SOUP_STATUS_FORBIDDEN, _("Participation not open"),
                              _("This participation is not open at the moment. See the dates "
                                "on the process's page."));
      return;
    }
  if (g_strcmp0 (method, "GET") == 0 || g_strcmp0 (method, "HEAD") == 0)
    {
      render_form (self, msg, SOUP_STATUS_OK, process_id, process, &form, form_path, NULL,
                   NULL);
      return;
    }
  if (g_strcmp0 (method, "POST") != 0)
    {
      soup_message_headers_replace (soup_server_message_get_response_headers (msg), "Allow",
                                    "GET, POST");
      dlg_page_reply_message (msg, SOUP_STATUS_METHOD_NOT_ALLOWED, _("Method not allowed"),
                              _("This page only shows and takes its form."));
      return;
    }

  if (soup_server_message_get_request_body (msg)->length > DLG_SITE_MAX_BODY_BYTES)
    {
      dlg_page_reply_message (msg, SOUP_STATUS_REQUEST_ENTITY_TOO_LARGE, _("Too large"),
                              _("What you sent is over the size allowed (1 MiB). Shorten your "
                                "text and try again."));
      return;
    }
  body = soup_message_body_flatten (soup_server_message_get_request_body (msg));
  body_text = g_strndup (g_bytes_get_data (body, NULL), g_bytes_get_size (body));
  values = soup_form_decode (body_text);
  errors = g_ptr_array_new_with_free_func ((GDestroyNotify) form_error_free);

  cookie = request_cookie (self, msg);
  sent = g_hash_table_lookup (values, "csrf_token");
  if (cookie == NULL || sent == NULL || !csrf_token_is_valid (self, cookie, form_path, sent))
    {
      add_form_error (errors, NULL, _("The form has expired or was not sent from this site. "
                                      "Check your answers below and send it again."));
      render_form (self, msg, SOUP_STATUS_FORBIDDEN, process_id, process, &form, form_path,
                   values, errors);
      return;
    }

  validate_form (&form, values, errors);
  if (errors->len > 0)
    {
      render_form (self, msg, 422, process_id, process, &form, form_path, values, errors);
      return;
    }
  {
    Submission *sub = g_new0 (Submission, 1);

    sub->self = self;
    sub->msg = g_object_ref (msg);
    sub->id = g_uuid_string_random ();
    sub->registration = g_strcmp0 (form.kind, "registration") == 0;
    sub->process_id = g_strdup (process_id);
    sub->process = json_object_ref (process);
    sub->feature_id = g_strdup (feature_id);
    sub->form_path = g_strdup (form_path);
    sub->values = g_hash_table_ref (values);
    sub->lang = g_strdup (dlg_site_lang ());
    sub->site_name = g_strdup (dlg_site_name ());
    build_submission (sub, process, &form, values);
    batch_add (self, sub);
  }
}

void
dlg_page_thanks (SoupServerMessage *msg,
                 const char        *process_id,
                 JsonObject        *process)
{
  GHashTable *query = NULL;
  const char *feature = NULL;
  g_autofree char *back = g_strconcat ("/p/", process_id, NULL);
  GString *page = g_string_new (NULL);

  if (g_uri_get_query (soup_server_message_get_uri (msg)) != NULL)
    query = g_uri_parse_params (g_uri_get_query (soup_server_message_get_uri (msg)), -1, "&",
                                G_URI_PARAMS_NONE, NULL);
  if (query != NULL)
    feature = g_hash_table_lookup (query, "f");
  {
    const char *name = dlg_page_feature_info (feature) != NULL
                       ? _(dlg_page_feature_info (feature)->label) : NULL;
    g_autofree char *title = name != NULL
                             ? g_strdup_printf ("%s — %s — %s", _("Thank you"), name,
                                                jstr (process, "title"))
                             : g_strdup_printf ("%s — %s", _("Thank you"),
                                                jstr (process, "title"));
    dlg_html_page_begin (page, title, back, jstr (process, "title"));
  }
  g_string_append (page, "<h1>");
  dlg_html_escape_append (page, _("Thank you for taking part"));
  g_string_append (page, "</h1>\n<div class=\"notice\" role=\"status\"><p>");
  /* What happens next, as it will: published now, or once the moderation team has read it. */
  if (g_strcmp0 (feature, "recruitment") == 0)
    dlg_html_escape_append (page, _("Your registration is saved. If you are drawn by lot, the "
                                    "citizen dialogue team will write to you."));
  else if (g_strcmp0 (jstr (dlg_page_find_feature (process, feature), "moderation"),
                      "a_priori") == 0)
    dlg_html_escape_append (page, _("Your contribution is saved. It will be published once the "
                                    "moderation team has read it, then analysed according to "
                                    "the process's rules of the game."));
  else
    dlg_html_escape_append (page, _("Your contribution is saved and published. It will be read "
                                    "and analysed according to the process's rules of the "
                                    "game."));
  g_string_append (page, "</p></div>\n<p>");
  dlg_page_append_link (page, "/p/", process_id, "/contributions", _("See the contributions"),
                        NULL);
  g_string_append (page, " · ");
  dlg_page_append_link (page, "/p/", process_id, NULL, _("Back to the process"), NULL);
  g_string_append (page, "</p>\n");
  dlg_html_page_end (page);
  dlg_page_reply_html (msg, SOUP_STATUS_OK, page);
  g_clear_pointer (&query, g_hash_table_unref);
}
