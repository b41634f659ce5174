/* dlg-site-demo.c — the published demo processes of the practice site
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * A citizen workshop on the public space of a Nantes neighbourhood, open for contributions,
 * and an earlier process already answered and followed up, so that every public page has
 * something to show. Seeding is idempotent: nothing happens when the demo process exists.
 */

#define G_LOG_DOMAIN "dlg-site"

#include "config.h"

#include "dlg-site-private.h"

#define DEMO_DONE_ID "7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1a02"

static const char demo_process[] =
  "{\"title\": \"Atelier citoyen : l’espace public du quartier Doulon – Bottière\","
  " \"summary\": \"La place Émile-Zola et les rues qui y mènent vont être réaménagées d’ici "
  "2028. Avant de dessiner le projet, Nantes Métropole réunit un atelier de 25 habitantes et "
  "habitants tirés au sort et ouvre la participation en ligne à toutes et tous.\","
  " \"policy_cycle\": \"design\","
  " \"question\": \"Comment rendre l’espace public du quartier plus agréable, plus sûr et "
  "plus partagé, pour tous les âges et à toute heure ?\","
  " \"perimeter\": \"L’usage de la place et des rues voisines : circulation à pied et à vélo, "
  "végétalisation, bancs, jeux, éclairage, marché du samedi, stationnement.\","
  " \"out_of_scope\": \"Le tracé de la ligne de tramway et le budget global de l’opération "
  "(4,2 M€) sont déjà décidés.\","
  " \"commitments\": \"La métropole publiera une réponse argumentée à chaque préconisation de "
  "l’avis citoyen dans les trois mois suivant sa remise, puis rendra compte chaque année de "
  "leur mise en œuvre.\","
  " \"features\": ["
  "  {\"feature\": \"recruitment\", \"enabled\": true, \"rules\": \"Un tirage au sort parmi "
  "les volontaires compose un panel de 25 personnes représentatif du quartier (âge, genre, "
  "situation professionnelle).\", \"opens_at\": \"2026-10-01T00:00:00Z\", \"closes_at\": null},"
  "  {\"feature\": \"ideas\", \"enabled\": true, \"rules\": \"Toutes les idées publiées sont "
  "lues par l’atelier citoyen, classées par thème et versées à son dossier de travail. La "
  "modération a lieu après publication.\", \"opens_at\": null, \"closes_at\": null},"
  "  {\"feature\": \"map\", \"enabled\": true, \"rules\": \"Signalez un endroit précis : ce "
  "qui fonctionne, ce qui gêne. Les contributions servent au diagnostic en marchant du "
  "12 décembre.\", \"opens_at\": null, \"closes_at\": null},"
  "  {\"feature\": \"questionnaire\", \"enabled\": true, \"rules\": \"Les réponses sont "
  "analysées de façon anonyme et présentées à l’atelier.\", \"questions\": ["
  "   \"Qu’est-ce qui vous plaît aujourd’hui sur la place ?\","
  "   \"Qu’est-ce qui vous gêne le plus ?\","
  "   \"À quelle heure y passez-vous le plus souvent ?\"]},"
  "  {\"feature\": \"debate\", \"enabled\": true, \"question\": \"Faut-il fermer la rue du "
  "Bois-Hardy à la circulation automobile le samedi ?\", \"rules\": \"Les arguments pour "
  "et contre sont présentés à l’atelier, qui en tient compte dans son avis.\", "
  "\"moderation\": \"a_priori\"},"
  "  {\"feature\": \"call_for_projects\", \"enabled\": true, \"rules\": \"Associations et "
  "collectifs d’habitants peuvent proposer une animation de la place en 2027. Un jury "
  "mêlant habitants tirés au sort et services retiendra jusqu’à cinq projets, soutenus "
  "jusqu’à 3 000 € chacun.\", \"closes_at\": \"2027-02-28T23:00:00Z\"},"
  "  {\"feature\": \"event\", \"enabled\": false, \"rules\": null}],"
  " \"stages\": ["
  "  {\"stage\": \"diagnostic\", \"state\": \"done\"},"
  "  {\"stage\": \"arbitration\", \"state\": \"done\"},"
  "  {\"stage\": \"specification\", \"state\": \"done\"},"
  "  {\"stage\": \"mandate\", \"state\": \"done\"},"
  "  {\"stage\": \"recruitment\", \"state\": \"in_progress\"},"
  "  {\"stage\": \"workshop\", \"state\": \"in_progress\"}]}";

static const char demo_narrative[] =
  "{\"process_id\": \"" DLG_SITE_DEMO_PROCESS_ID "\", \"stage\": \"mandate\","
  " \"title\": \"Pourquoi un atelier citoyen sur la place Émile-Zola ?\","
  " \"state\": \"published\", \"published_at\": \"2026-10-02T09:00:00Z\","
  " \"body_md\": \"La place accueille le **marché du samedi**, deux écoles et un arrêt de "
  "tramway très fréquenté. Les habitantes et habitants nous ont dit, lors du diagnostic :\\n\\n"
  "- qu’on y traverse *vite* mais qu’on n’y reste pas ;\\n- que l’éclairage manque le soir ;"
  "\\n- que les enfants n’ont pas d’espace à eux.\\n\\n## Ce que nous demandons à l’atelier"
  "\\n\\nVingt-cinq personnes tirées au sort se réuniront **quatre samedis** pour formuler "
  "un avis. Les idées déposées ici nourriront leur travail.\\n\\n> Les élus s’engagent à "
  "répondre à chaque préconisation, point par point.\\n\"}";

static const char *const demo_contributions[] = {
  "{\"feature\": \"ideas\", \"kind\": \"idea\", \"author_ref\": \"Nadia B.\","
  " \"title\": \"Des arbres et de l’ombre sur la place\","
  " \"body\": \"L’été, la place est un four. Planter des arbres côté école et installer "
  "quelques bancs à l’ombre permettrait aux parents d’attendre la sortie des classes.\","
  " \"created_at\": \"2026-10-05T17:12:00Z\", \"moderation\": \"published\", \"supports\": 14}",
  "{\"feature\": \"ideas\", \"kind\": \"idea\", \"author_ref\": \"Yves\","
  " \"title\": \"Un éclairage plus doux mais continu\","
  " \"body\": \"Le soir, l’allée entre le tram et la rue Esnoul des Châtelets est sombre. "
  "Un éclairage continu, moins fort, rassurerait sans gêner les riverains.\","
  " \"created_at\": \"2026-10-07T20:40:00Z\", \"moderation\": \"published\", \"supports\": 9}",
  "{\"feature\": \"map\", \"kind\": \"pin\", \"author_ref\": \"Camille\","
  " \"title\": \"Traversée dangereuse\", \"lat\": 47.2279, \"lon\": -1.5097,"
  " \"body\": \"Les voitures arrivent vite ici et les enfants traversent pour aller à "
  "l’école. Un plateau surélevé serait utile.\","
  " \"created_at\": \"2026-10-09T08:05:00Z\", \"moderation\": \"published\", \"supports\": 6}",
  "{\"feature\": \"debate\", \"kind\": \"argument\", \"author_ref\": \"Marc\","
  " \"title\": \"Le marché gagnerait de la place\", \"answers\": {\"position\": \"for\"},"
  " \"body\": \"Fermer la rue le samedi matin permettrait d’étendre le marché et de "
  "circuler à pied en sécurité.\","
  " \"created_at\": \"2026-10-10T10:30:00Z\", \"moderation\": \"published\", \"supports\": 3}",
  "{\"feature\": \"debate\", \"kind\": \"argument\", \"author_ref\": \"Josiane\","
  " \"title\": \"Penser aux personnes qui ne peuvent pas marcher loin\","
  " \"answers\": {\"position\": \"against\"},"
  " \"body\": \"Sans voiture devant le marché, les personnes âgées du quartier ne pourront "
  "plus y venir. Il faudrait au moins des places réservées.\","
  " \"created_at\": \"2026-10-11T09:15:00Z\", \"moderation\": \"pending\", \"supports\": 0}",
  "{\"feature\": \"ideas\", \"kind\": \"idea\", \"author_ref\": \"anonyme\","
  " \"title\": \"Message hors sujet\", \"body\": \"Publicité retirée par la modération.\","
  " \"created_at\": \"2026-10-12T11:00:00Z\", \"moderation\": \"trashed\","
  " \"moderation_reason\": \"Publicité\", \"supports\": 0}",
};

static const char demo_done_process[] =
  "{\"title\": \"Mieux partager les bords de l’Erdre\","
  " \"summary\": \"Un atelier citoyen de 2025 a remis onze préconisations pour partager les "
  "quais entre promeneurs, cyclistes et riverains. Voici la réponse de la métropole et le "
  "suivi de ses engagements.\","
  " \"policy_cycle\": \"implementation\","
  " \"question\": \"Comment partager les bords de l’Erdre entre tous leurs usages ?\","
  " \"perimeter\": \"Les quais entre le pont de la Tortière et le pont Saint-Mihiel.\","
  " \"out_of_scope\": \"La navigation sur l’Erdre.\","
  " \"commitments\": \"Une réponse argumentée et un point d’étape public chaque année.\","
  " \"features\": [{\"feature\": \"questionnaire\", \"enabled\": true, \"rules\": "
  "\"Questionnaire d’évaluation : vos réponses alimentent le comité de suivi.\"}],"
  " \"stages\": ["
  "  {\"stage\": \"diagnostic\", \"state\": \"done\"}, {\"stage\": \"arbitration\", "
  "\"state\": \"done\"}, {\"stage\": \"specification\", \"state\": \"done\"},"
  "  {\"stage\": \"mandate\", \"state\": \"done\"}, {\"stage\": \"recruitment\", "
  "\"state\": \"done\"}, {\"stage\": \"workshop\", \"state\": \"done\"},"
  "  {\"stage\": \"opinion\", \"state\": \"done\"}, {\"stage\": \"review\", \"state\": \"done\"},"
  "  {\"stage\": \"validation\", \"state\": \"done\"}, {\"stage\": \"response\", "
  "\"state\": \"done\"}, {\"stage\": \"implementation\", \"state\": \"in_progress\"},"
  "  {\"stage\": \"follow_up\", \"state\": \"in_progress\"}]}";

static const char demo_response[] =
  "{\"process_id\": \"" DEMO_DONE_ID "\", \"published_at\": \"2026-03-15T10:00:00Z\","
  " \"intro\": \"La métropole remercie les 24 membres de l’atelier citoyen. Chaque "
  "préconisation a été instruite par les services puis examinée par les élus.\","
  " \"positions\": ["
  "  {\"number\": 1, \"title\": \"Séparer les cyclistes des piétons sur le quai principal\","
  "   \"value\": \"retained\", \"justification\": \"Une piste distincte sera tracée en "
  "2026.\"},"
  "  {\"number\": 2, \"title\": \"Installer des toilettes publiques\","
  "   \"value\": \"partly_retained\", \"justification\": \"Un seul module est possible, près "
  "de la Tortière, pour des raisons de réseau.\"},"
  "  {\"number\": 3, \"title\": \"Interdire les trottinettes\","
  "   \"value\": \"not_retained\", \"justification\": \"Une interdiction n’est pas possible "
  "juridiquement sur une voie ouverte ; une limitation de vitesse à 10 km/h est prévue.\"}]}";

static const char demo_commitment_1[] =
  "{\"process_id\": \"" DEMO_DONE_ID "\", \"recommendation_number\": 1,"
  " \"title\": \"Tracer une piste cyclable distincte sur le quai\","
  " \"department\": \"Direction des mobilités\", \"due_date\": \"2026-12-31\","
  " \"status\": \"in_progress\", \"progress\": 60,"
  " \"updates\": [{\"id\": \"u1\", \"dated\": \"2026-05-10\", \"progress\": 20,"
  "   \"status\": \"in_progress\", \"text\": \"Études terminées, travaux commandés.\"},"
  "  {\"id\": \"u2\", \"dated\": \"2026-09-22\", \"progress\": 60, \"status\": "
  "\"in_progress\", \"text\": \"Premier tronçon ouvert entre la Tortière et l’île de "
  "Versailles.\"}]}";

static const char demo_commitment_2[] =
  "{\"process_id\": \"" DEMO_DONE_ID "\", \"recommendation_number\": 2,"
  " \"title\": \"Installer des toilettes publiques près de la Tortière\","
  " \"department\": \"Direction de l’espace public\", \"due_date\": \"2027-06-30\","
  " \"status\": \"planned\", \"progress\": 0, \"updates\": []}";

static gboolean
put_json (DlgSiteDb  *db,
          const char *type,
          const char *id,
          const char *process_id,
          const char *json,
          GError    **error)
{
  g_autoptr(JsonNode) node = dlg_json_parse (json, -1, error);
  g_autofree char *data = NULL;
  JsonObject *object;

  if (node == NULL)
    return FALSE;
  object = json_node_get_object (node);
  if (g_strcmp0 (type, "contribution") == 0)
    {
      json_object_set_string_member (object, "process_id", process_id);
      if (!json_object_has_member (object, "parent_id"))
        json_object_set_null_member (object, "parent_id");
      if (!json_object_has_member (object, "lat"))
        json_object_set_null_member (object, "lat");
      if (!json_object_has_member (object, "lon"))
        json_object_set_null_member (object, "lon");
      if (!json_object_has_member (object, "answers"))
        json_object_set_null_member (object, "answers");
      if (!json_object_has_member (object, "moderation_reason"))
        json_object_set_null_member (object, "moderation_reason");
    }
  data = dlg_site_json_to_string (node);
  return dlg_site_db_put_object (db, type, id, process_id, data, NULL, error);
}

gboolean
dlg_site_demo_seed (DlgSiteDb *db,
                    GError   **error)
{
  g_autoptr(DlgSiteObject) existing = dlg_site_db_get_object (db, "process",
                                                              DLG_SITE_DEMO_PROCESS_ID);

  if (existing != NULL)
    return TRUE;
  if (!dlg_site_db_begin (db, error))
    return FALSE;
  if (!put_json (db, "process", DLG_SITE_DEMO_PROCESS_ID, DLG_SITE_DEMO_PROCESS_ID,
                 demo_process, error)
      || !put_json (db, "narrative", "7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1b01",
                    DLG_SITE_DEMO_PROCESS_ID, demo_narrative, error)
      || !put_json (db, "process", DEMO_DONE_ID, DEMO_DONE_ID, demo_done_process, error)
      || !put_json (db, "response", "7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1d01", DEMO_DONE_ID,
                    demo_response, error)
      || !put_json (db, "commitment", "7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1e01", DEMO_DONE_ID,
                    demo_commitment_1, error)
      || !put_json (db, "commitment", "7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1e02", DEMO_DONE_ID,
                    demo_commitment_2, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (demo_contributions); i++)
    {
      g_autofree char *id = g_strdup_printf ("7d1f3c2a-5b8e-4c61-9a0d-2e4f6b8c1c%02u", i + 1);
      if (!put_json (db, "contribution", id, DLG_SITE_DEMO_PROCESS_ID, demo_contributions[i],
                     error))
        goto fail;
    }
  return dlg_site_db_commit (db, error);

fail:
  dlg_site_db_rollback (db);
  return FALSE;
}

gboolean
dlg_site_demo_seed_contributions (DlgSiteDb  *db,
                                  const char *process_id,
                                  guint       n,
                                  GError    **error)
{
  static const char *const topics[] = {
    "Plus de bancs", "Des arbres", "Un meilleur éclairage", "Des jeux pour les enfants",
    "Un abri vélo", "Des toilettes publiques", "Une fontaine", "Moins de voitures",
  };
  g_autofree char *now = dlg_site_now_iso ();

  if (!g_uuid_string_is_valid (process_id))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "“%s” is not a process UUID", process_id);
      return FALSE;
    }
  if (!dlg_site_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(JsonBuilder) builder = json_builder_new ();
      g_autoptr(JsonNode) root = NULL;
      g_autofree char *id = g_uuid_string_random ();
      g_autofree char *title = g_strdup_printf ("%s (n° %u)", topics[i % G_N_ELEMENTS (topics)],
                                                i + 1);
      g_autofree char *author = g_strdup_printf ("Habitant·e %u", i + 1);
      g_autofree char *data = NULL;

      json_builder_begin_object (builder);
#define S(k, v) json_builder_set_member_name (builder, k); json_builder_add_string_value (builder, v)
#define N(k) json_builder_set_member_name (builder, k); json_builder_add_null_value (builder)
      S ("process_id", process_id);
      S ("feature", "ideas");
      S ("kind", "idea");
      N ("parent_id");
      S ("author_ref", author);
      S ("title", title);
      S ("body", "Contribution générée pour l’entraînement et les tests.");
      N ("lat");
      N ("lon");
      N ("answers");
      S ("created_at", now);
      S ("moderation", "published");
      N ("moderation_reason");
      json_builder_set_member_name (builder, "supports");
      json_builder_add_int_value (builder, 0);
#undef S
#undef N
      json_builder_end_object (builder);
      root = json_builder_get_root (builder);
      data = dlg_site_json_to_string (root);
      if (!dlg_site_db_put_object (db, "contribution", id, process_id, data, NULL, error))
        {
          dlg_site_db_rollback (db);
          return FALSE;
        }
    }
  return dlg_site_db_commit (db, error);
}
