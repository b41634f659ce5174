/* dlg-demo.c — the demo process, generated from a seed
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A realistic process for training and first runs: a citizen workshop on the public spaces of
 * a Nantes neighbourhood, advanced to the workshop stage, with its actors, decisions, mandate,
 * features, about sixty volunteers (contact data apart), quotas, a drawn panel, sessions, a
 * few hundred contributions and the first recommendations. Everything comes from
 * DLG_DEMO_SEED through one GRand, so two runs build the same process (but for the times of
 * the journal, which are the times it was written). The stages are advanced through
 * dlg_stage_apply(), so the demo also shows that its data satisfies the rules.
 */

#define G_LOG_DOMAIN "dlg-demo"

#include "config.h"

#include <glib/gi18n-lib.h>

#include "dlg-commitment.h"
#include "dlg-commitment-update.h"
#include "dlg-decision.h"
#include "dlg-demo.h"
#include "dlg-error.h"
#include "dlg-follow-up.h"
#include "dlg-position.h"
#include "dlg-recommendation.h"
#include "dlg-response.h"
#include "dlg-review.h"
#include "dlg-journal.h"
#include "dlg-process.h"
#include "dlg-stage-rules.h"
#include "dlg-store-private.h"

#define N_PARTICIPANTS   62
#define N_PANEL          24
#define N_CONTRIBUTIONS  320

static const char demo_title[] = "Atelier citoyen : les espaces publics du quartier Zola";

static const char sql_find_demo[] =
  "SELECT id FROM process WHERE is_demo = 1 ORDER BY id LIMIT 1";
/* The demo whose stage in progress is ?1 (the last one started), for dlg_demo_ensure_at(). */
static const char sql_find_demo_at[] =
  "SELECT p.id FROM process p WHERE p.is_demo = 1 AND ?1 = (SELECT s.stage FROM stage_state s"
  "  WHERE s.process_id = p.id AND s.state = 'in_progress' ORDER BY s.rank DESC LIMIT 1)"
  " ORDER BY p.id LIMIT 1";
/* A training reset: rows the site has are marked as the sync marks what it removes itself, so
 * that the delete triggers queue no DELETE for the site (the practice site is reset apart). */
static const char *const sql_reset_unsync[] = {
  "UPDATE narrative SET sync_state = 'deleted'"
  " WHERE process_id IN (SELECT id FROM process WHERE is_demo = 1)",
  "UPDATE commitment SET sync_state = 'deleted'"
  " WHERE process_id IN (SELECT id FROM process WHERE is_demo = 1)",
  "UPDATE follow_up SET sync_state = 'deleted'"
  " WHERE process_id IN (SELECT id FROM process WHERE is_demo = 1)",
  "UPDATE contribution SET sync_state = 'deleted'"
  " WHERE process_id IN (SELECT id FROM process WHERE is_demo = 1)",
};
static const char sql_reset_delete[] = "DELETE FROM process WHERE is_demo = 1";
static const char sql_mark_demo[] =
  "UPDATE process SET is_demo = 1, summary = ?2, policy_cycle = 'design' WHERE id = ?1";
static const char sql_actor[] =
  "INSERT INTO actor (uuid, process_id, name, kind, role, influence, notes)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, '')";
static const char sql_decision[] =
  "INSERT INTO decision (uuid, process_id, stage, decided_at, who, what, why)"
  " VALUES (?1, ?2, 'arbitration', ?3, ?4, ?5, ?6)";
static const char sql_feature[] =
  "INSERT INTO feature_activation (process_id, feature, enabled, rules, opens_at, closes_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_participant[] =
  "INSERT INTO participant (uuid, process_id, channel, age_band, gender, commune, quartier,"
  " occupation, prior_participation, household, consent, consent_at, status, reserve_rank,"
  " registered_at) VALUES (?1, ?2, ?3, ?4, ?5, 'nantes', ?6, ?7, ?8, ?9, 1, ?10, ?11, ?12, ?10)";
/* The quartiers of the demo process; the other categories keep the defaults. */
static const char sql_quartier[] =
  "INSERT INTO profile_value (process_id, category, value, label, rank)"
  " VALUES (?1, 'quartier', ?2, ?3, ?4)";
static const char sql_contact[] =
  "INSERT INTO participant_contact (participant_id, full_name, email, phone, address)"
  " VALUES (?1, ?2, ?3, ?4, ?5)";
static const char sql_quota[] =
  "INSERT INTO quota (process_id, category, value, min, max, target_share)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_session[] =
  "INSERT INTO session (uuid, process_id, title, starts_at, place, notes)"
  " VALUES (?1, ?2, ?3, ?4, ?5, '')";
static const char sql_attendance[] =
  "INSERT INTO attendance (session_id, participant_id, present) VALUES (?1, ?2, ?3)";
/* Those the team typed in (not online) are the app's own, to be published on the site. */
static const char sql_contribution[] =
  "INSERT INTO contribution (uuid, process_id, feature, kind, channel, author_ref, title, body,"
  " lat, lon, created_at, moderation, moderation_reason, supports, sync_state)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14,"
  " CASE WHEN ?5 = 'online' THEN 'synced' ELSE 'created' END)";
static const char sql_theme[] =
  "INSERT INTO theme (process_id, name, position, colour) VALUES (?1, ?2, ?3, ?4)";
static const char sql_contribution_theme[] =
  "INSERT OR IGNORE INTO contribution_theme (contribution_id, theme_id) VALUES (?1, ?2)";
static const char sql_recommendation[] =
  "INSERT INTO recommendation (uuid, process_id, number, title, body, created_at)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)";
static const char sql_source[] =
  "INSERT OR IGNORE INTO recommendation_source (recommendation_id, contribution_id)"
  " VALUES (?1, ?2)";
static const char sql_narrative[] =
  "INSERT INTO narrative (uuid, process_id, stage, title, body_md, state, published_at,"
  " updated_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?7)";
static const char sql_communication[] =
  "INSERT INTO communication_item (uuid, process_id, stage, channel, planned_at, title, status,"
  " kind, audience, owner, message, narrative_id)"
  " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
  " (SELECT id FROM narrative WHERE process_id = ?2 AND title = ?12))";

typedef struct
{
  DlgStore *store;
  GRand    *rand;
  gint64    process_id;
  DlgStage  target;     /* the stage left in progress */
} Demo;

static const char *
pick (Demo        *demo,
      const char **values,
      guint        n_values)
{
  return values[g_rand_int_range (demo->rand, 0, n_values)];
}
#define PICK(demo, array) pick ((demo), (array), G_N_ELEMENTS (array))

/* A version-4 UUID from the demo's own generator, so that the demo is the same every time.
 * A uuid is unique in the database: the demos at two stages differ by a salt of their stage, so
 * that both can be kept (`--demo-stage review` beside the demo of the first run); the demo at
 * the workshop has no salt and keeps the uuids it always had. The draws are the same at every
 * stage, so the content does not depend on it. */
static char *
demo_uuid (Demo *demo)
{
  guint32 salt = demo->target == DLG_DEMO_DEFAULT_STAGE ? 0 : (demo->target + 1) * 0x9e3779b9u;
  guint32 w[4];

  for (guint i = 0; i < 4; i++)
    w[i] = g_rand_int (demo->rand);
  w[0] ^= salt;
  w[3] ^= salt;
  return g_strdup_printf ("%08x-%04x-4%03x-%04x-%04x%08x", w[0], w[1] >> 16, w[1] & 0xfff,
                          (w[2] >> 16 & 0x3fff) | 0x8000, w[2] & 0xffff, w[3]);
}

/* A date in the autumn of 2026, @day days after September 1st. */
static char *
demo_date (int day,
           int hour)
{
  g_autoptr(GDateTime) base = g_date_time_new_utc (2026, 9, 1, hour, 0, 0);
  g_autoptr(GDateTime) date = g_date_time_add_days (base, day);

  return g_date_time_format (date, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
step (Demo     *demo,
      DlgStmt  *stmt,
      GError  **error)
{
  return stmt != NULL && dlg_store_step_done (demo->store, stmt, error);
}

static gboolean
set_fields (Demo    *demo,
            GError **error)
{
  static const struct { const char *key; const char *value; } fields[] = {
    { DLG_FIELD_DIAGNOSTIC_STEERING,
      "Pilotage politique : adjointe au maire du quartier Zola et vice-président de la "
      "métropole chargé de l’espace public. Pilotage technique : pôle de proximité Nantes "
      "Ouest et mission Dialogue citoyen." },
    { DLG_FIELD_DIAGNOSTIC_OBJECT,
      "Réaménager les espaces publics autour de la place Émile-Zola et de la rue de la "
      "Convention : partage de l’espace entre piétons, vélos et voitures, ombre et "
      "végétalisation, lieux de rencontre pour toutes les générations." },
    { DLG_FIELD_DIAGNOSTIC_QUESTIONS,
      "Comment concilier le marché du samedi et la place laissée aux piétons ?\n"
      "Quelle place pour le stationnement des riverains ?\n"
      "Comment rendre la place agréable l’été (îlot de chaleur) ?" },
    { DLG_FIELD_DIAGNOSTIC_CONSTRAINTS,
      "Budget d’investissement plafonné à 1,2 M€. Réseaux souterrains sous la place. "
      "Ligne de bus C3 maintenue. Travaux possibles à partir de l’automne 2027." },
    { DLG_FIELD_DIAGNOSTIC_METHODS,
      "Atelier citoyen de 24 personnes tirées au sort parmi des volontaires, plateforme "
      "en ligne (idées, carte collaborative, questionnaire), balades urbaines." },
    { DLG_FIELD_SPEC_OBJECTIVES,
      "Produire un avis citoyen argumenté sur les principes d’aménagement de la place, "
      "remis aux élus avant le vote du programme de travaux." },
    { DLG_FIELD_SPEC_PUBLICS,
      "Habitants du quartier Zola et des quartiers voisins, commerçants, usagers du marché, "
      "parents d’élèves, personnes âgées, jeunes de 16 à 25 ans." },
    { DLG_FIELD_SPEC_BUDGET,
      "45 000 € (animation, tirage au sort, indemnisation des participants, communication)." },
    { DLG_FIELD_SPEC_CALENDAR,
      "Septembre : recrutement. Octobre–novembre : quatre séances d’atelier. "
      "Décembre : remise de l’avis citoyen. Mars : réponse argumentée." },
    { DLG_FIELD_MANDATE_QUESTION,
      "Comment la place Émile-Zola et ses abords peuvent-ils devenir un espace public "
      "agréable et partagé par tous, en toute saison ?" },
    { DLG_FIELD_MANDATE_PERIMETER,
      "Les usages de la place, le partage de la voirie, la végétalisation, le mobilier, "
      "l’éclairage, l’organisation du marché." },
    { DLG_FIELD_MANDATE_OUT_OF_SCOPE,
      "Le tracé de la ligne de bus C3 et le budget global, fixés par le conseil métropolitain." },
    { DLG_FIELD_MANDATE_COMMITMENTS,
      "Chaque préconisation recevra une réponse argumentée des élus dans un délai de "
      "12 semaines, publiée en ligne et présentée aux participants lors d’une restitution." },
    { DLG_FIELD_MANDATE_RESPONSE_WEEKS, "12" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    if (!dlg_process_set_field (demo->store, demo->process_id, fields[i].key, fields[i].value,
                                error))
      return FALSE;
  return TRUE;
}

static gboolean
add_actors_and_decisions (Demo    *demo,
                          GError **error)
{
  static const struct { const char *name, *kind, *role; int influence; } actors[] = {
    { "Conseil de quartier Zola", "instance participative", "relais des habitants", 4 },
    { "Association des commerçants du marché Zola", "association", "usagers du marché", 4 },
    { "Pôle de proximité Nantes Ouest", "service", "maîtrise d’ouvrage", 5 },
    { "Direction des espaces verts", "service", "végétalisation, entretien", 3 },
    { "Collectif Vélo Zola", "association", "mobilités actives", 3 },
    { "École élémentaire Émile-Zola", "établissement", "parents et enfants", 2 },
    { "Bailleur Nantes Métropole Habitat", "bailleur", "riverains des immeubles", 2 },
    { "Garante de la concertation", "garant", "regard indépendant sur le processus", 3 },
  };
  static const struct { int day; const char *who, *what, *why; } decisions[] = {
    { 3, "Bureau municipal",
      "Engager un atelier citoyen tiré au sort plutôt qu’une réunion publique seule.",
      "Toucher des publics qui ne viennent pas aux réunions publiques." },
    { 5, "Direction générale déléguée à la cohésion territoriale",
      "Réserver 45 000 € au dispositif et confier l’animation à la mission Dialogue citoyen.",
      "Garantir un atelier indemnisé et une animation indépendante des services techniques." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (actors); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_actor, error);
      g_autofree char *uuid = demo_uuid (demo);

      if (stmt == NULL)
        return FALSE;
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, demo->process_id);
      dlg_stmt_bind_text (stmt, 3, actors[i].name);
      dlg_stmt_bind_text (stmt, 4, actors[i].kind);
      dlg_stmt_bind_text (stmt, 5, actors[i].role);
      sqlite3_bind_int (stmt, 6, actors[i].influence);
      if (!step (demo, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (decisions); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_decision, error);
      g_autofree char *uuid = demo_uuid (demo);
      g_autofree char *date = demo_date (decisions[i].day, 10);

      if (stmt == NULL)
        return FALSE;
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, demo->process_id);
      dlg_stmt_bind_text (stmt, 3, date);
      dlg_stmt_bind_text (stmt, 4, decisions[i].who);
      dlg_stmt_bind_text (stmt, 5, decisions[i].what);
      dlg_stmt_bind_text (stmt, 6, decisions[i].why);
      if (!step (demo, stmt, error))
        return FALSE;
      if (!dlg_journal_append_full (demo->store, demo->process_id, "decision.create",
                                    "decision", uuid, "arbitration", NULL, NULL, NULL,
                                    decisions[i].what, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_features (Demo    *demo,
              GError **error)
{
  static const struct { const char *feature; gboolean enabled; const char *rules; } features[] = {
    { "recruitment", TRUE,
      "Inscription ouverte à toute personne de plus de 16 ans habitant ou fréquentant le "
      "quartier. 24 personnes sont tirées au sort parmi les volontaires selon des critères de "
      "diversité (âge, genre, quartier, catégorie socioprofessionnelle). Les coordonnées ne "
      "servent qu’à inviter les personnes tirées au sort et sont effacées à la fin de la "
      "démarche." },
    { "ideas", TRUE,
      "Chaque idée est lue par l’équipe et transmise à l’atelier citoyen. Les idées hors "
      "périmètre sont signalées comme telles mais restent visibles. Une synthèse des idées "
      "est publiée avec l’avis citoyen." },
    { "map", TRUE,
      "Placez sur la carte un lieu à améliorer ou à préserver. Les contributions localisées "
      "servent de base aux balades urbaines de l’atelier." },
    { "questionnaire", TRUE,
      "Le questionnaire est anonyme. Ses résultats agrégés sont publiés et remis à l’atelier "
      "citoyen avant sa deuxième séance." },
    { "debate", FALSE, "" },
    { "call_for_projects", FALSE, "" },
    { "event", FALSE, "" },
  };
  g_autofree char *opens = demo_date (10, 8);

  for (guint i = 0; i < G_N_ELEMENTS (features); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_feature, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, demo->process_id);
      dlg_stmt_bind_text (stmt, 2, features[i].feature);
      sqlite3_bind_int (stmt, 3, features[i].enabled);
      dlg_stmt_bind_text (stmt, 4, features[i].rules);
      dlg_stmt_bind_text (stmt, 5, features[i].enabled ? opens : NULL);
      /* No closing date: the practice site of training mode keeps the demo's forms open
       * whatever the day of the training session. */
      dlg_stmt_bind_text (stmt, 6, NULL);
      if (!step (demo, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* Ids of the process's profile vocabulary (see migration 3 in dlg-schema.c). */
static const char *age_bands[] = { "18-29", "30-44", "45-59", "60-74", "75+" };
static const char *genders[] = { "woman", "man" };
static const struct { const char *id, *label; } quartier_values[] = {
  { "zola", "Zola" }, { "breil-barberie", "Breil-Barberie" }, { "bellevue", "Bellevue" },
  { "dervallieres", "Dervallières" },
};
static const char *quartiers[] = { "zola", "zola", "breil-barberie", "bellevue", "dervallieres" };
static const char *occupations[] = {
  "employee", "worker", "executive", "intermediate", "retired", "student", "unemployed",
  "self_employed",
};
static const char *first_names[] = {
  "Camille", "Nadia", "Louis", "Yanis", "Chantal", "Jeanne", "Mamadou", "Lucie", "Hugo",
  "Aïcha", "Bernard", "Inès", "Théo", "Monique", "Karim", "Sophie", "Gaëlle", "Pierre",
};
static const char *last_names[] = {
  "Le Goff", "Martin", "Diallo", "Guérin", "Benali", "Moreau", "Nguyen", "Le Bihan",
  "Pichon", "Haddad", "Lemaire", "Tessier", "Rousseau", "Ferreira",
};

static gboolean
add_participants (Demo    *demo,
                  GArray  *participant_ids,
                  GError **error)
{
  static const struct { const char *category, *value; int min, max; double share; } quotas[] = {
    { "gender", "woman", 11, 13, 0.52 }, { "gender", "man", 11, 13, 0.48 },
    { "age_band", "18-29", 3, 5, 0.15 }, { "age_band", "30-44", 5, 7, 0.25 },
    { "age_band", "45-59", 4, 6, 0.24 }, { "age_band", "60-74", 4, 6, 0.21 },
    { "age_band", "75+", 2, 4, 0.15 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (quartier_values); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_quartier, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, demo->process_id);
      dlg_stmt_bind_text (stmt, 2, quartier_values[i].id);
      dlg_stmt_bind_text (stmt, 3, quartier_values[i].label);
      sqlite3_bind_int (stmt, 4, i + 1);
      if (!step (demo, stmt, error))
        return FALSE;
    }

  for (guint i = 0; i < N_PARTICIPANTS; i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_participant, error);
      g_autoptr(DlgStmt) contact = NULL;
      g_autofree char *uuid = demo_uuid (demo);
      g_autofree char *date = demo_date (10 + g_rand_int_range (demo->rand, 0, 20), 18);
      g_autofree char *name = NULL;
      g_autofree char *email = NULL;
      g_autofree char *phone = NULL;
      g_autofree char *address = NULL;
      g_autofree char *household = NULL;
      const char *first = PICK (demo, first_names);
      const char *last = PICK (demo, last_names);
      const char *status = "registered";
      int reserve_rank = 0;
      gint64 id;

      /* The first N_PANEL (by the demo's order) were drawn; the next six form the reserve. */
      if (i < N_PANEL)
        status = i % 7 == 3 ? "invited" : "accepted";
      else if (i < N_PANEL + 6)
        {
          status = "reserve";
          reserve_rank = i - N_PANEL + 1;
        }

      if (stmt == NULL)
        return FALSE;
      household = g_strdup_printf ("foyer-%u", g_rand_int_range (demo->rand, 0, 55));
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, demo->process_id);
      dlg_stmt_bind_text (stmt, 3, i % 5 == 4 ? "in_person" : "online");
      /* Alternate genders and spread ages so that the drawn panel meets its quotas. */
      dlg_stmt_bind_text (stmt, 4, age_bands[(i / 2) % G_N_ELEMENTS (age_bands)]);
      dlg_stmt_bind_text (stmt, 5, genders[i % 2]);
      dlg_stmt_bind_text (stmt, 6, PICK (demo, quartiers));
      dlg_stmt_bind_text (stmt, 7, PICK (demo, occupations));
      sqlite3_bind_int (stmt, 8, g_rand_int_range (demo->rand, 0, 4) == 0);
      dlg_stmt_bind_text (stmt, 9, household);
      dlg_stmt_bind_text (stmt, 10, date);
      dlg_stmt_bind_text (stmt, 11, status);
      if (reserve_rank > 0)
        sqlite3_bind_int (stmt, 12, reserve_rank);
      if (!step (demo, stmt, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (dlg_store_get_db (demo->store));
      if (i < N_PANEL)
        g_array_append_val (participant_ids, id);

      name = g_strdup_printf ("%s %s", first, last);
      email = g_strdup_printf ("participant%02u@exemple.invalid", i + 1);
      phone = g_strdup_printf ("06 00 00 %02u %02u", i / 100, i % 100);
      address = g_strdup_printf ("%u rue de la Convention, 44100 Nantes",
                                 g_rand_int_range (demo->rand, 1, 120));
      if (!(contact = dlg_store_prepare (demo->store, sql_contact, error)))
        return FALSE;
      sqlite3_bind_int64 (contact, 1, id);
      dlg_stmt_bind_text (contact, 2, name);
      dlg_stmt_bind_text (contact, 3, email);
      dlg_stmt_bind_text (contact, 4, phone);
      dlg_stmt_bind_text (contact, 5, address);
      if (!step (demo, contact, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (quotas); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_quota, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, demo->process_id);
      dlg_stmt_bind_text (stmt, 2, quotas[i].category);
      dlg_stmt_bind_text (stmt, 3, quotas[i].value);
      sqlite3_bind_int (stmt, 4, quotas[i].min);
      sqlite3_bind_int (stmt, 5, quotas[i].max);
      sqlite3_bind_double (stmt, 6, quotas[i].share);
      if (!step (demo, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_sessions (Demo    *demo,
              GArray  *panel,
              GError **error)
{
  static const struct { const char *title, *place; int day; } sessions[] = {
    { "Séance 1 : se connaître, comprendre le mandat", "Maison de quartier Zola", 45 },
    { "Séance 2 : balade urbaine et diagnostic partagé", "Place Émile-Zola", 59 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_session, error);
      g_autofree char *uuid = demo_uuid (demo);
      g_autofree char *date = demo_date (sessions[i].day, 17);
      gint64 session_id;

      if (stmt == NULL)
        return FALSE;
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, demo->process_id);
      dlg_stmt_bind_text (stmt, 3, sessions[i].title);
      dlg_stmt_bind_text (stmt, 4, date);
      dlg_stmt_bind_text (stmt, 5, sessions[i].place);
      if (!step (demo, stmt, error))
        return FALSE;
      session_id = sqlite3_last_insert_rowid (dlg_store_get_db (demo->store));

      for (guint j = 0; j < panel->len; j++)
        {
          g_autoptr(DlgStmt) att = dlg_store_prepare (demo->store, sql_attendance, error);

          if (att == NULL)
            return FALSE;
          sqlite3_bind_int64 (att, 1, session_id);
          sqlite3_bind_int64 (att, 2, g_array_index (panel, gint64, j));
          sqlite3_bind_int (att, 3, g_rand_int_range (demo->rand, 0, 10) != 0);
          if (!step (demo, att, error))
            return FALSE;
        }
    }
  return TRUE;
}

static const char *subjects[] = {
  "des bancs à l’ombre", "un vrai coin pour les enfants", "moins de voitures garées",
  "une piste cyclable continue", "des arbres le long de la rue de la Convention",
  "un éclairage plus doux le soir", "des toilettes publiques", "une fontaine à eau",
  "un marché mieux organisé le samedi", "des trottoirs sans obstacles pour les poussettes",
  "des bacs à compost partagés", "un espace pour les jeunes", "des arceaux vélos",
  "une terrasse pour le café", "un passage piéton protégé devant l’école",
};
static const char *openings[] = {
  "Je propose", "Il faudrait", "Ce serait bien d’avoir", "Pourquoi pas", "Nous souhaitons",
};
static const char *reasons[] = {
  "pour que les personnes âgées puissent se reposer",
  "car la place est écrasée de chaleur l’été",
  "parce que les enfants jouent entre les voitures",
  "afin que le quartier soit plus vivant le soir",
  "pour que chacun trouve sa place, piétons comme cyclistes",
  "car aujourd’hui on traverse la place sans s’y arrêter",
};
static const char *themes[] = {
  "Nature et fraîcheur", "Mobilités", "Vie de quartier", "Sécurité", "Marché et commerces",
};
static const char *theme_colours[G_N_ELEMENTS (themes)] = {
  "#33d17a", "#3584e4", "#f6d32d", "#e01b24", "#ff7800",
};

static gboolean
add_contributions (Demo    *demo,
                   GArray  *contribution_ids,
                   GError **error)
{
  static const char *features[] = { "ideas", "ideas", "ideas", "map", "questionnaire" };
  static const char *channels[] = { "online", "online", "online", "in_person", "mail" };
  gint64 theme_ids[G_N_ELEMENTS (themes)];

  for (guint i = 0; i < G_N_ELEMENTS (themes); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_theme, error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, demo->process_id);
      dlg_stmt_bind_text (stmt, 2, themes[i]);
      sqlite3_bind_int (stmt, 3, i);
      dlg_stmt_bind_text (stmt, 4, theme_colours[i]);
      if (!step (demo, stmt, error))
        return FALSE;
      theme_ids[i] = sqlite3_last_insert_rowid (dlg_store_get_db (demo->store));
    }

  for (guint i = 0; i < N_CONTRIBUTIONS; i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_contribution, error);
      g_autoptr(DlgStmt) theme = NULL;
      g_autofree char *uuid = demo_uuid (demo);
      g_autofree char *date = demo_date (12 + i * 60 / N_CONTRIBUTIONS,
                                         8 + g_rand_int_range (demo->rand, 0, 14));
      g_autofree char *author = g_strdup_printf ("habitant-%03u",
                                                 g_rand_int_range (demo->rand, 1, 180));
      guint subject = g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (subjects));
      const char *feature = PICK (demo, features);
      const char *channel = g_str_equal (feature, "ideas") ? PICK (demo, channels) : "online";
      gboolean is_map = g_str_equal (feature, "map");
      guint roll = g_rand_int_range (demo->rand, 0, 20);
      g_autofree char *title = NULL;
      g_autofree char *body = NULL;
      gint64 id;

      if (stmt == NULL)
        return FALSE;
      title = g_strdup_printf ("%s %s", PICK (demo, openings), subjects[subject]);
      title[0] = g_ascii_toupper (title[0]);
      body = g_strdup_printf ("%s %s, %s. %s", PICK (demo, openings), subjects[subject],
                              PICK (demo, reasons),
                              g_str_equal (feature, "questionnaire")
                                ? "Réponse au questionnaire : plutôt d’accord."
                                : "Merci de prendre en compte cette proposition.");
      body[0] = g_ascii_toupper (body[0]);

      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, demo->process_id);
      dlg_stmt_bind_text (stmt, 3, feature);
      dlg_stmt_bind_text (stmt, 4, is_map ? "pin" :
                                   g_str_equal (feature, "questionnaire") ? "answer" : "idea");
      dlg_stmt_bind_text (stmt, 5, channel);
      dlg_stmt_bind_text (stmt, 6, author);
      dlg_stmt_bind_text (stmt, 7, title);
      dlg_stmt_bind_text (stmt, 8, body);
      if (is_map)
        {
          /* Around the place Émile-Zola. */
          sqlite3_bind_double (stmt, 9, 47.2135 + g_rand_double_range (demo->rand, -0.003, 0.003));
          sqlite3_bind_double (stmt, 10, -1.5830 + g_rand_double_range (demo->rand, -0.004, 0.004));
        }
      dlg_stmt_bind_text (stmt, 11, date);
      dlg_stmt_bind_text (stmt, 12, roll == 0 ? "trashed" : roll < 4 ? "pending" : "published");
      dlg_stmt_bind_text (stmt, 13, roll == 0 ? "Propos hors charte (attaque personnelle)." : NULL);
      sqlite3_bind_int (stmt, 14, g_rand_int_range (demo->rand, 0, 25));
      if (!step (demo, stmt, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (dlg_store_get_db (demo->store));
      g_array_append_val (contribution_ids, id);

      if (!(theme = dlg_store_prepare (demo->store, sql_contribution_theme, error)))
        return FALSE;
      sqlite3_bind_int64 (theme, 1, id);
      sqlite3_bind_int64 (theme, 2, theme_ids[subject % G_N_ELEMENTS (themes)]);
      if (!step (demo, theme, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_recommendations (Demo    *demo,
                     GArray  *contribution_ids,
                     GError **error)
{
  static const struct { const char *title, *body; } recommendations[] = {
    { "Planter un mail d’arbres et créer un îlot de fraîcheur",
      "Nous préconisons de planter au moins vingt arbres sur la place et le long de la rue "
      "de la Convention, avec des bancs à l’ombre et une fontaine à eau." },
    { "Donner la priorité aux piétons le samedi matin",
      "Pendant le marché, la rue de la Convention devient piétonne entre 7 h et 14 h ; les "
      "livraisons se font avant 8 h." },
    { "Sécuriser le chemin de l’école",
      "Un plateau surélevé et un passage piéton protégé devant l’école Émile-Zola, avec une "
      "zone de rencontre à 20 km/h." },
    { "Un espace pour les jeunes, conçu avec eux",
      "Réserver un espace de la place aux 12–25 ans, dont l’aménagement sera défini avec "
      "eux lors d’un chantier participatif." },
  };

  for (guint i = 0; i < G_N_ELEMENTS (recommendations); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_recommendation, error);
      g_autofree char *uuid = demo_uuid (demo);
      g_autofree char *date = demo_date (66, 20);
      gint64 id;

      if (stmt == NULL)
        return FALSE;
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, demo->process_id);
      sqlite3_bind_int (stmt, 3, i + 1);
      dlg_stmt_bind_text (stmt, 4, recommendations[i].title);
      dlg_stmt_bind_text (stmt, 5, recommendations[i].body);
      dlg_stmt_bind_text (stmt, 6, date);
      if (!step (demo, stmt, error))
        return FALSE;
      id = sqlite3_last_insert_rowid (dlg_store_get_db (demo->store));

      for (guint j = 0; j < 4; j++)
        {
          g_autoptr(DlgStmt) source = dlg_store_prepare (demo->store, sql_source, error);
          guint k = g_rand_int_range (demo->rand, 0, contribution_ids->len);

          if (source == NULL)
            return FALSE;
          sqlite3_bind_int64 (source, 1, id);
          sqlite3_bind_int64 (source, 2, g_array_index (contribution_ids, gint64, k));
          if (!step (demo, source, error))
            return FALSE;
        }
    }
  return TRUE;
}

/* Whether @stage_id comes after the stage the demo is advanced to (its plan is then ahead). */
static gboolean
is_ahead (Demo       *demo,
          const char *stage_id)
{
  DlgStage stage;

  return dlg_stage_from_id (stage_id, &stage) && stage > demo->target;
}

static gboolean
add_narratives_and_communication (Demo    *demo,
                                  GError **error)
{
  static const struct { const char *stage, *title, *body; gboolean published; } narratives[] = {
    { "recruitment", "24 habitants tirés au sort pour imaginer la place Zola",
      "Vous avez été **62** à vous porter volontaires. Le 2 octobre, un tirage au sort "
      "public a désigné les 24 membres de l’atelier citoyen, en respectant la diversité du "
      "quartier (âge, genre, lieu de vie, profession).\n\n"
      "Prochaine étape : la première séance, le 16 octobre à la maison de quartier.", TRUE },
    { "workshop", "Ce que l’atelier a vu pendant la balade urbaine",
      "Brouillon : synthèse de la balade du 30 octobre.\n\n"
      "- la chaleur sur la place l’été ;\n- le passage devant l’école ;\n"
      "- le marché du samedi.", FALSE },
  };
  static const struct {
    const char *stage, *channel, *title, *status; int day;
    const char *kind, *audience, *owner, *message, *narrative;
  } items[] = {
    { "recruitment", "newsletter", "Appel à volontaires dans la lettre du quartier", "done", 8,
      "newsletter", "Habitants du quartier Zola", "Mission Dialogue citoyen",
      "Devenez membre de l’atelier citoyen : inscriptions jusqu’au 30 septembre.", NULL },
    { "recruitment", "social", "Publication Facebook et Instagram de l’appel", "done", 10,
      "social_post", "Abonnés de la Ville, 18–35 ans", "Direction de la communication",
      "Vous habitez Zola ? Imaginez la place avec nous. Inscription en ligne.", NULL },
    { "recruitment", "mail", "Lettre aux riverains de la place", "done", 12, "letter",
      "Riverains de la place Émile-Zola", "Pôle de proximité Nantes Ouest",
      "Une lettre dans chaque boîte, avec le coupon d’inscription papier.", NULL },
    { "recruitment", "site", "Récit : le tirage au sort", "done", 32, "site_page",
      "Tous publics", "Mission Dialogue citoyen", "Le tirage au sort expliqué, chiffres à "
      "l’appui.", "24 habitants tirés au sort pour imaginer la place Zola" },
    { "workshop", "press", "Communiqué : l’atelier citoyen se réunit", "done", 44,
      "press_release", "Presse locale", "Direction de la communication",
      "Première séance le 16 octobre à la maison de quartier.", NULL },
    { "workshop", "site", "Récit de la balade urbaine", "planned", 62, "site_page",
      "Participants en ligne", "Mission Dialogue citoyen",
      "Ce que l’atelier a vu pendant la balade du 30 octobre.",
      "Ce que l’atelier a vu pendant la balade urbaine" },
    { "workshop", "display", "Affiches au marché du samedi", "idea", 70, "poster",
      "Clients du marché", "", "", NULL },
    { "opinion", "site", "Publication de l’avis citoyen", "planned", 95, "site_page",
      "Tous publics", "Mission Dialogue citoyen", "", NULL },
    { "opinion", "in_person", "Restitution publique de l’avis", "planned", 100, "event",
      "Habitants, associations, élus", "Pôle de proximité Nantes Ouest",
      "Soirée de restitution à la maison de quartier.", NULL },
  };

  for (guint i = 0; i < G_N_ELEMENTS (narratives); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_narrative, error);
      g_autofree char *uuid = demo_uuid (demo);
      g_autofree char *date = demo_date (32 + 30 * i, 9);

      if (stmt == NULL)
        return FALSE;
      /* Nothing is told yet of a stage the demo has not reached. */
      if (is_ahead (demo, narratives[i].stage))
        continue;
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, demo->process_id);
      dlg_stmt_bind_text (stmt, 3, narratives[i].stage);
      dlg_stmt_bind_text (stmt, 4, narratives[i].title);
      dlg_stmt_bind_text (stmt, 5, narratives[i].body);
      dlg_stmt_bind_text (stmt, 6, narratives[i].published ? "published" : "draft");
      dlg_stmt_bind_text (stmt, 7, date);
      if (!step (demo, stmt, error))
        return FALSE;
      if (narratives[i].published &&
          !dlg_journal_append (demo->store, demo->process_id, "narrative.publish", "narrative",
                               uuid, narratives[i].title, error))
        return FALSE;
    }

  for (guint i = 0; i < G_N_ELEMENTS (items); i++)
    {
      g_autoptr(DlgStmt) stmt = dlg_store_prepare (demo->store, sql_communication, error);
      g_autofree char *uuid = demo_uuid (demo);
      g_autofree char *date = demo_date (items[i].day, 9);

      if (stmt == NULL)
        return FALSE;
      dlg_stmt_bind_text (stmt, 1, uuid);
      sqlite3_bind_int64 (stmt, 2, demo->process_id);
      dlg_stmt_bind_text (stmt, 3, items[i].stage);
      dlg_stmt_bind_text (stmt, 4, items[i].channel);
      dlg_stmt_bind_text (stmt, 5, date);
      dlg_stmt_bind_text (stmt, 6, items[i].title);
      /* What the plan says of stages not reached yet is still to do. */
      dlg_stmt_bind_text (stmt, 7, is_ahead (demo, items[i].stage) ? "planned" : items[i].status);
      dlg_stmt_bind_text (stmt, 8, items[i].kind);
      dlg_stmt_bind_text (stmt, 9, items[i].audience);
      dlg_stmt_bind_text (stmt, 10, items[i].owner);
      dlg_stmt_bind_text (stmt, 11, items[i].message);
      dlg_stmt_bind_text (stmt, 12, items[i].narrative);
      if (!step (demo, stmt, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
advance (Demo           *demo,
         DlgStage        stage,
         DlgTransition   transition,
         GError        **error)
{
  return dlg_stage_apply (demo->store, demo->process_id, stage, transition, NULL, error);
}


/* The stages after the workshop, through the records' own saves (their checks, stage rules
 * and journal), as an officer would fill them in. */
static gboolean
add_reviews (Demo    *demo,
             GError **error)
{
  g_autoptr(GListModel) recommendations = dlg_recommendation_list (demo->store, demo->process_id,
                                                                   error);
  static const char *proposed[] = { "retained", "partly_retained", "not_retained", "retained" };

  if (recommendations == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (recommendations); i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
      g_autoptr(DlgReview) review = dlg_review_new (dlg_recommendation_get_id (r));

      dlg_review_set_department (review, i % 2 == 0 ? "Direction des espaces publics"
                                                    : "Direction de la mobilité");
      dlg_review_set_feasibility (review, "Faisable en deux tranches de travaux.");
      dlg_review_set_cost (review, i == 2 ? "Non chiffré" : "120 000 €");
      dlg_review_set_legal (review, "Aucune contrainte particulière.");
      dlg_review_set_proposed_position (review, proposed[i % G_N_ELEMENTS (proposed)]);
      if (!dlg_review_save (demo->store, review, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_validation_and_positions (Demo      *demo,
                              gboolean   positions,
                              GError   **error)
{
  g_autoptr(GListModel) recommendations = dlg_recommendation_list (demo->store, demo->process_id,
                                                                   error);
  static const char *values[] = { "retained", "partly_retained", "not_retained", "retained" };

  if (recommendations == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (recommendations); i++)
    {
      g_autoptr(DlgRecommendation) r = g_list_model_get_item (recommendations, i);
      gint64 id = dlg_recommendation_get_id (r);
      const char *value = values[i % G_N_ELEMENTS (values)];

      if (!positions)
        {
          g_autoptr(DlgDecision) decision = dlg_decision_new (demo->process_id);

          dlg_decision_set_stage (decision, "validation");
          dlg_decision_set_recommendation_id (decision, id);
          dlg_decision_set_decided_at (decision, "2027-01-12");
          dlg_decision_set_who (decision, "Bureau municipal");
          dlg_decision_set_what (decision, "Position arrêtée en bureau municipal.");
          dlg_decision_set_why (decision, "Selon l’instruction des services.");
          dlg_decision_set_outcome (decision, value);
          if (!dlg_decision_save (demo->store, decision, error))
            return FALSE;
        }
      else
        {
          g_autoptr(DlgPosition) position = dlg_position_new (id);

          dlg_position_set_value (position, value);
          dlg_position_set_justification (position,
                                          g_str_equal (value, "not_retained")
                                          ? "Le budget de l’opération ne le permet pas : la "
                                            "question sera reposée au prochain mandat."
                                          : "Les élus retiennent la préconisation, dans les "
                                            "conditions vues par les services.");
          if (!dlg_position_save (demo->store, position, error))
            return FALSE;
        }
    }
  if (positions)
    {
      g_autoptr(DlgResponse) response = dlg_response_new (demo->process_id);

      dlg_response_set_intro (response, "Les élus répondent à chacune des préconisations de "
                                        "l’atelier citoyen.");
      if (!dlg_response_save (demo->store, response, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_commitments (Demo    *demo,
                 GError **error)
{
  g_autoptr(GListModel) positions = dlg_position_list (demo->store, demo->process_id, error);

  if (positions == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (positions); i++)
    {
      g_autoptr(DlgPosition) position = g_list_model_get_item (positions, i);
      g_autoptr(DlgRecommendation) r = NULL;
      g_autoptr(DlgCommitment) commitment = NULL;
      g_autoptr(DlgCommitmentUpdate) update = NULL;

      if (g_strcmp0 (dlg_position_get_value (position), "not_retained") == 0)
        continue;
      if (!(r = dlg_recommendation_load (demo->store, dlg_position_get_recommendation_id (position),
                                         error)))
        return FALSE;
      commitment = dlg_commitment_new (demo->process_id);
      dlg_commitment_set_position_id (commitment, dlg_position_get_id (position));
      dlg_commitment_set_title (commitment, dlg_recommendation_get_title (r));
      dlg_commitment_set_department (commitment, "Direction des espaces publics");
      dlg_commitment_set_due_date (commitment, "2027-12-31");
      dlg_commitment_set_status (commitment, "in_progress");
      dlg_commitment_set_progress (commitment, 20);
      if (!dlg_commitment_save (demo->store, commitment, error))
        return FALSE;
      update = dlg_commitment_update_new (dlg_commitment_get_id (commitment));
      dlg_commitment_update_set_dated (update, "2027-03-15");
      dlg_commitment_update_set_status (update, "in_progress");
      dlg_commitment_update_set_progress (update, 20);
      dlg_commitment_update_set_text (update, "Études de conception lancées.");
      if (!dlg_commitment_update_save (demo->store, update, error))
        return FALSE;
    }
  return TRUE;
}

/* Before the follow-up starts: every commitment done, by a dated update. */
static gboolean
finish_commitments (Demo    *demo,
                    GError **error)
{
  g_autoptr(GListModel) commitments = dlg_commitment_list (demo->store, demo->process_id, error);

  if (commitments == NULL)
    return FALSE;
  for (guint i = 0; i < g_list_model_get_n_items (commitments); i++)
    {
      g_autoptr(DlgCommitment) commitment = g_list_model_get_item (commitments, i);
      g_autoptr(DlgCommitmentUpdate) update = NULL;

      update = dlg_commitment_update_new (dlg_commitment_get_id (commitment));
      dlg_commitment_update_set_dated (update, "2027-11-30");
      dlg_commitment_update_set_status (update, "done");
      dlg_commitment_update_set_progress (update, 100);
      dlg_commitment_update_set_text (update, "Travaux terminés et réceptionnés.");
      if (!dlg_commitment_update_save (demo->store, update, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
add_follow_up (Demo    *demo,
               GError **error)
{
  g_autoptr(DlgFollowUp) meeting = dlg_follow_up_new (demo->process_id);

  dlg_follow_up_set_kind (meeting, "meeting");
  dlg_follow_up_set_dated (meeting, "2027-05-20");
  dlg_follow_up_set_title (meeting, "Premier comité de suivi");
  dlg_follow_up_set_body (meeting, "Les engagements avancent comme prévu ; prochain comité "
                                   "à l’automne.");
  return dlg_follow_up_save (demo->store, meeting, error);
}

static gint64
find_demo (DlgStore  *store,
           GError   **error)
{
  g_autoptr(DlgStmt) stmt = dlg_store_prepare (store, sql_find_demo, error);
  int rc;

  if (stmt == NULL)
    return -1;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return -1;
    }
  return 0;
}

#define STEP(call) G_STMT_START { if (!(call)) goto fail; } G_STMT_END
/* Starts @stage, or stops there when it is the demo's target. */
#define NEXT(from, to)                                                                    \
  G_STMT_START {                                                                          \
    if (demo.target == (from)) goto told;                                                 \
    STEP (advance (&demo, (from), DLG_TRANSITION_DONE, error));                           \
    STEP (advance (&demo, (to), DLG_TRANSITION_START, error));                            \
  } G_STMT_END

/* Builds the demo advanced to @target (in progress, with its content; the stages before it
 * done), in one transaction. */
static gint64
build_demo (DlgStore  *store,
            DlgStage   target,
            GError   **error)
{
  g_autoptr(GRand) rand = g_rand_new_with_seed (DLG_DEMO_SEED);
  g_autoptr(GArray) panel = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(GArray) contributions = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr(DlgProcess) process = NULL;
  g_autoptr(DlgStmt) mark = NULL;
  g_autofree char *title = NULL;
  Demo demo = { store, rand, 0, target };

  /* The demo of the first run keeps its title; one started elsewhere names its stage. */
  title = target == DLG_STAGE_WORKSHOP
          ? g_strdup (demo_title)
          : g_strdup_printf ("%s — %s", demo_title, dlg_stage_get_label (target));

  if (!dlg_store_begin (store, error))
    return 0;
  if (!(process = dlg_process_create (store, title, error)))
    goto fail;
  demo.process_id = dlg_process_get_id (process);

  if (!(mark = dlg_store_prepare (store, sql_mark_demo, error)))
    goto fail;
  sqlite3_bind_int64 (mark, 1, demo.process_id);
  dlg_stmt_bind_text (mark, 2,
                      "Démarche de démonstration : 24 habitants tirés au sort imaginent avec "
                      "la Ville l’avenir de la place Émile-Zola et de ses abords.");
  if (!step (&demo, mark, error))
    goto fail;

  STEP (advance (&demo, DLG_STAGE_DIAGNOSTIC, DLG_TRANSITION_START, error));
  STEP (set_fields (&demo, error));
  STEP (add_actors_and_decisions (&demo, error));
  NEXT (DLG_STAGE_DIAGNOSTIC, DLG_STAGE_ARBITRATION);
  NEXT (DLG_STAGE_ARBITRATION, DLG_STAGE_SPECIFICATION);
  NEXT (DLG_STAGE_SPECIFICATION, DLG_STAGE_MANDATE);
  STEP (add_features (&demo, error));
  NEXT (DLG_STAGE_MANDATE, DLG_STAGE_RECRUITMENT);
  STEP (add_participants (&demo, panel, error));
  NEXT (DLG_STAGE_RECRUITMENT, DLG_STAGE_WORKSHOP);
  STEP (add_sessions (&demo, panel, error));
  STEP (add_contributions (&demo, contributions, error));
  STEP (add_recommendations (&demo, contributions, error));
  NEXT (DLG_STAGE_WORKSHOP, DLG_STAGE_OPINION);
  NEXT (DLG_STAGE_OPINION, DLG_STAGE_REVIEW);
  STEP (add_reviews (&demo, error));
  NEXT (DLG_STAGE_REVIEW, DLG_STAGE_VALIDATION);
  STEP (add_validation_and_positions (&demo, FALSE, error));
  NEXT (DLG_STAGE_VALIDATION, DLG_STAGE_RESPONSE);
  STEP (add_validation_and_positions (&demo, TRUE, error));
  NEXT (DLG_STAGE_RESPONSE, DLG_STAGE_IMPLEMENTATION);
  STEP (add_commitments (&demo, error));
  /* At the implementation the commitments are under way; past it they are done. */
  if (demo.target != DLG_STAGE_IMPLEMENTATION)
    STEP (finish_commitments (&demo, error));
  NEXT (DLG_STAGE_IMPLEMENTATION, DLG_STAGE_FOLLOW_UP);
  STEP (add_follow_up (&demo, error));

told:
  /* Last: the only step after the content that draws from the generator. */
  STEP (add_narratives_and_communication (&demo, error));

  if (!dlg_store_commit (store, error))
    return 0;
  dlg_store_emit_changed (store, DLG_TYPE_PROCESS, demo.process_id);
  return demo.process_id;

fail:
  dlg_store_rollback (store);
  return 0;
}

#undef NEXT
#undef STEP

/**
 * dlg_demo_ensure:
 * @store: a #DlgStore
 * @created: (out) (optional): whether this call created the demo
 * @error: return location for a #DlgError
 *
 * Creates the demo process unless the store already has it: the demo of the first run, at the
 * workshop (dlg_demo_ensure_at() for another stage).
 *
 * Returns: the id of the demo process, or 0 with @error set
 */
gint64
dlg_demo_ensure (DlgStore  *store,
                 gboolean  *created,
                 GError   **error)
{
  gint64 existing;
  gint64 id;

  g_return_val_if_fail (DLG_IS_STORE (store), 0);

  if (created != NULL)
    *created = FALSE;
  existing = find_demo (store, error);
  if (existing != 0)
    return existing > 0 ? existing : 0;
  id = build_demo (store, DLG_DEMO_DEFAULT_STAGE, error);
  if (id != 0 && created != NULL)
    *created = TRUE;
  return id;
}

/**
 * dlg_demo_ensure_at:
 * @stage: the stage to start from ("start from the mandate", "from the review")
 *
 * The demo process regenerated from its seed and advanced to @stage: the stages before it done
 * with their content, @stage in progress with its own (what closing it needs), the later ones
 * not started. A demo already at @stage (its last stage started) is reused; the demo of the
 * first run is the one at the workshop.
 *
 * Returns: the id of that demo process, or 0 with @error set
 */
gint64
dlg_demo_ensure_at (DlgStore  *store,
                    DlgStage   stage,
                    gboolean  *created,
                    GError   **error)
{
  g_autoptr(DlgStmt) stmt = NULL;
  gint64 id;
  int rc;

  g_return_val_if_fail (DLG_IS_STORE (store), 0);
  g_return_val_if_fail (stage < DLG_N_STAGES, 0);

  if (created != NULL)
    *created = FALSE;
  if (!(stmt = dlg_store_prepare (store, sql_find_demo_at, error)))
    return 0;
  dlg_stmt_bind_text (stmt, 1, dlg_stage_to_id (stage));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return sqlite3_column_int64 (stmt, 0);
  if (rc != SQLITE_DONE)
    {
      dlg_store_set_error (store, rc, error);
      return 0;
    }
  g_clear_pointer (&stmt, dlg_stmt_release);
  id = build_demo (store, stage, error);
  if (id != 0 && created != NULL)
    *created = TRUE;
  return id;
}

/**
 * dlg_demo_reset:
 * @store: a #DlgStore
 * @stage: the stage the training starts from
 * @n_deleted: (out) (optional): how many demo processes were deleted
 * @error: return location for a #DlgError
 *
 * Training's reset, in one transaction: every demo process is deleted with all its records,
 * the demo is built again from its seed at @stage (dlg_demo_ensure_at()), and the reset is one
 * journal entry, `demo.reset`, on the new demo. The journal itself stays as it was: it is
 * append-only, the chains of the deleted demos still verify, and process ids are never given
 * again, so no process continues their chains. Processes that are not demos are not touched.
 * The sync's own tables (the outbox and what the practice site sent) and the practice site are
 * left to dlg_training_reset(), which calls this.
 *
 * Returns: the id of the new demo process, or 0 with @error set
 */
gint64
dlg_demo_reset (DlgStore  *store,
                DlgStage   stage,
                guint     *n_deleted,
                GError   **error)
{
  g_autoptr(GArray) old_ids = NULL;
  g_autoptr(DlgProcess) process = NULL;
  g_autofree char *summary = NULL;
  gint64 id;

  g_return_val_if_fail (DLG_IS_STORE (store), 0);
  g_return_val_if_fail (stage < DLG_N_STAGES, 0);

  if (n_deleted != NULL)
    *n_deleted = 0;
  /* What was being typed in a demo goes into its journal first, as before any other entry. */
  if (!dlg_journal_settle (store, 0, NULL, error))
    return 0;
  if (!dlg_store_begin (store, error))
    return 0;
  if (!(old_ids = dlg_process_list_demo_ids (store, error)))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (sql_reset_unsync); i++)
    if (!dlg_store_exec (store, sql_reset_unsync[i], error))
      goto fail;
  if (!dlg_store_exec (store, sql_reset_delete, error))
    goto fail;
  if (!(id = build_demo (store, stage, error)))
    goto fail;
  if (!(process = dlg_process_load (store, id, error)))
    goto fail;
  summary = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                          "Training reset: %u demo process deleted (its journal "
                                          "is kept), the demo rebuilt from its seed at the stage "
                                          "“%s”.",
                                          "Training reset: %u demo processes deleted (their "
                                          "journals are kept), the demo rebuilt from its seed at "
                                          "the stage “%s”.", old_ids->len),
                             old_ids->len, dlg_stage_get_label (stage));
  if (!dlg_journal_append_full (store, id, "demo.reset", "process", dlg_process_get_uuid (process),
                                dlg_stage_to_id (stage), NULL, NULL, NULL, summary, error))
    goto fail;
  if (!dlg_store_commit (store, error))
    return 0;
  for (guint i = 0; i < old_ids->len; i++)
    dlg_store_emit_changed (store, DLG_TYPE_PROCESS, g_array_index (old_ids, gint64, i));
  dlg_store_emit_changed (store, DLG_TYPE_PROCESS, id);
  if (n_deleted != NULL)
    *n_deleted = old_ids->len;
  return id;

fail:
  dlg_store_rollback (store);
  return 0;
}
