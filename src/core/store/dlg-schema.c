/* dlg-schema.c — the numbered migrations of the database
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Every schema change is a new entry at the end of `migrations`, never an edit of an old one:
 * a database at user_version N runs the entries N+1… in one transaction each.
 */

#define G_LOG_DOMAIN "dlg-schema"

#include "config.h"

#include "dlg-schema.h"

/* Version 1: the whole domain of DESIGN.md §2. Sync columns (sync_state, etag, rev) sit on
 * the objects the institution publishes; officer annotations live beside pulled rows. */
static const char migration_1[] =
  "CREATE TABLE process ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  title TEXT NOT NULL CHECK (length (title) BETWEEN 1 AND 500),"
  "  summary TEXT NOT NULL DEFAULT '',"
  "  policy_cycle TEXT NOT NULL DEFAULT 'diagnostic' CHECK (policy_cycle IN"
  "    ('diagnostic','design','implementation','evaluation','prospective')),"
  "  is_demo INTEGER NOT NULL DEFAULT 0,"
  "  archived INTEGER NOT NULL DEFAULT 0,"
  "  retention_until TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  sync_state TEXT NOT NULL DEFAULT 'created',"
  "  etag TEXT, rev INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE stage_state ("
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  stage TEXT NOT NULL,"
  "  rank INTEGER NOT NULL,"
  "  state TEXT NOT NULL DEFAULT 'not_started' CHECK (state IN"
  "    ('not_started','in_progress','done','skipped')),"
  "  reason TEXT,"
  "  started_at TEXT, ended_at TEXT,"
  "  PRIMARY KEY (process_id, stage)"
  ") WITHOUT ROWID;"
  /* Free-form fields of a stage (diagnostic.object, mandate.question, …): see dlg-process.h. */
  "CREATE TABLE process_field ("
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  key TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  PRIMARY KEY (process_id, key)"
  ") WITHOUT ROWID;"
  "CREATE TABLE actor ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  kind TEXT NOT NULL DEFAULT '',"
  "  role TEXT NOT NULL DEFAULT '',"
  "  influence INTEGER NOT NULL DEFAULT 0 CHECK (influence BETWEEN 0 AND 5),"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE recommendation ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  number INTEGER NOT NULL,"
  "  title TEXT NOT NULL,"
  "  body TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (process_id, number)"
  ");"
  /* stage is 'arbitration' or 'validation'; a validation decision may name a recommendation. */
  "CREATE TABLE decision ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  stage TEXT NOT NULL CHECK (stage IN ('arbitration','validation')),"
  "  recommendation_id INTEGER REFERENCES recommendation (id) ON DELETE CASCADE,"
  "  decided_at TEXT NOT NULL,"
  "  who TEXT NOT NULL,"
  "  what TEXT NOT NULL,"
  "  why TEXT NOT NULL DEFAULT '',"
  "  outcome TEXT"
  ");"
  "CREATE TABLE feature_activation ("
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  feature TEXT NOT NULL CHECK (feature IN ('recruitment','ideas','call_for_projects',"
  "    'questionnaire','map','debate','event')),"
  "  enabled INTEGER NOT NULL DEFAULT 0,"
  "  rules TEXT NOT NULL DEFAULT '',"
  "  opens_at TEXT, closes_at TEXT,"
  "  PRIMARY KEY (process_id, feature)"
  ") WITHOUT ROWID;"
  /* The quota profile; contact data is in participant_contact, and nowhere else. */
  "CREATE TABLE participant ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN"
  "    ('online','in_person','mail','phone')),"
  "  age_band TEXT NOT NULL DEFAULT '',"
  "  gender TEXT NOT NULL DEFAULT '',"
  "  commune TEXT NOT NULL DEFAULT '',"
  "  quartier TEXT NOT NULL DEFAULT '',"
  "  occupation TEXT NOT NULL DEFAULT '',"
  "  prior_participation INTEGER NOT NULL DEFAULT 0,"
  "  household TEXT,"
  "  consent INTEGER NOT NULL DEFAULT 0,"
  "  consent_at TEXT,"
  "  status TEXT NOT NULL DEFAULT 'registered' CHECK (status IN ('registered','selected',"
  "    'reserve','invited','accepted','declined','replaced','erased')),"
  "  reserve_rank INTEGER,"
  "  registered_at TEXT NOT NULL,"
  "  remote_rev INTEGER"
  ");"
  "CREATE INDEX participant_process ON participant (process_id, status);"
  "CREATE TABLE participant_contact ("
  "  participant_id INTEGER PRIMARY KEY REFERENCES participant (id) ON DELETE CASCADE,"
  "  full_name TEXT NOT NULL DEFAULT '',"
  "  email TEXT NOT NULL DEFAULT '',"
  "  phone TEXT NOT NULL DEFAULT '',"
  "  address TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE quota ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  category TEXT NOT NULL,"
  "  value TEXT NOT NULL,"
  "  min INTEGER NOT NULL DEFAULT 0,"
  "  max INTEGER NOT NULL DEFAULT 0,"
  "  min_flex INTEGER,"
  "  max_flex INTEGER,"
  "  target_share REAL,"
  "  CHECK (min <= max),"
  "  UNIQUE (process_id, category, value)"
  ");"
  "CREATE TABLE draw ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  algorithm TEXT NOT NULL CHECK (algorithm IN ('legacy','maximin','leximin')),"
  "  seed INTEGER NOT NULL,"
  "  panel_size INTEGER NOT NULL,"
  "  inputs_json TEXT NOT NULL,"
  "  result_json TEXT NOT NULL,"
  "  min_probability REAL, max_probability REAL,"
  "  duration_ms INTEGER,"
  "  published INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL"
  ");"
  "CREATE TABLE draw_probability ("
  "  draw_id INTEGER NOT NULL REFERENCES draw (id) ON DELETE CASCADE,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,"
  "  probability REAL NOT NULL,"
  "  selected INTEGER NOT NULL DEFAULT 0,"
  "  reserve_rank INTEGER,"
  "  PRIMARY KEY (draw_id, participant_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE session ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  title TEXT NOT NULL,"
  "  starts_at TEXT NOT NULL,"
  "  place TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE attendance ("
  "  session_id INTEGER NOT NULL REFERENCES session (id) ON DELETE CASCADE,"
  "  participant_id INTEGER NOT NULL REFERENCES participant (id) ON DELETE CASCADE,"
  "  present INTEGER NOT NULL DEFAULT 0,"
  "  PRIMARY KEY (session_id, participant_id)"
  ") WITHOUT ROWID;"
  /* What the site (or the officer, for in-person channels) says; a pull may overwrite it. */
  "CREATE TABLE contribution ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  feature TEXT NOT NULL,"
  "  kind TEXT NOT NULL DEFAULT 'idea' CHECK (kind IN ('idea','comment','answer','pin',"
  "    'project','argument','registration')),"
  "  channel TEXT NOT NULL DEFAULT 'online' CHECK (channel IN"
  "    ('online','in_person','mail','phone')),"
  "  parent_uuid TEXT,"
  "  author_ref TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL DEFAULT '',"
  "  body TEXT NOT NULL DEFAULT '',"
  "  lat REAL, lon REAL,"
  "  data_json TEXT,"
  "  created_at TEXT NOT NULL,"
  "  moderation TEXT NOT NULL DEFAULT 'pending' CHECK (moderation IN"
  "    ('pending','published','trashed')),"
  "  moderation_reason TEXT,"
  "  supports INTEGER NOT NULL DEFAULT 0,"
  "  remote_rev INTEGER,"
  "  sync_state TEXT NOT NULL DEFAULT 'synced'"
  ");"
  "CREATE INDEX contribution_process ON contribution (process_id, created_at);"
  "CREATE INDEX contribution_filter ON contribution (process_id, channel, feature, moderation);"
  "CREATE VIRTUAL TABLE contribution_fts USING fts5 ("
  "  title, body, content='contribution', content_rowid='id',"
  "  tokenize='unicode61 remove_diacritics 2');"
  "CREATE TRIGGER contribution_ai AFTER INSERT ON contribution BEGIN"
  "  INSERT INTO contribution_fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
  "END;"
  "CREATE TRIGGER contribution_ad AFTER DELETE ON contribution BEGIN"
  "  INSERT INTO contribution_fts (contribution_fts, rowid, title, body)"
  "    VALUES ('delete', old.id, old.title, old.body);"
  "END;"
  "CREATE TRIGGER contribution_au AFTER UPDATE OF title, body ON contribution BEGIN"
  "  INSERT INTO contribution_fts (contribution_fts, rowid, title, body)"
  "    VALUES ('delete', old.id, old.title, old.body);"
  "  INSERT INTO contribution_fts (rowid, title, body) VALUES (new.id, new.title, new.body);"
  "END;"
  /* Officer annotations, never touched by a pull. */
  "CREATE TABLE contribution_annotation ("
  "  contribution_id INTEGER PRIMARY KEY REFERENCES contribution (id) ON DELETE CASCADE,"
  "  highlighted INTEGER NOT NULL DEFAULT 0,"
  "  note TEXT NOT NULL DEFAULT ''"
  ");"
  "CREATE TABLE theme ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  parent_id INTEGER REFERENCES theme (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE contribution_theme ("
  "  contribution_id INTEGER NOT NULL REFERENCES contribution (id) ON DELETE CASCADE,"
  "  theme_id INTEGER NOT NULL REFERENCES theme (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (contribution_id, theme_id)"
  ") WITHOUT ROWID;"
  /* Moderation decisions are events with their own UUIDs, pushed to the site. */
  "CREATE TABLE moderation_event ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  contribution_id INTEGER NOT NULL REFERENCES contribution (id) ON DELETE CASCADE,"
  "  state TEXT NOT NULL CHECK (state IN ('pending','published','trashed')),"
  "  reason TEXT NOT NULL DEFAULT '',"
  "  decided_at TEXT NOT NULL,"
  "  actor TEXT NOT NULL DEFAULT '',"
  "  sync_state TEXT NOT NULL DEFAULT 'created'"
  ");"
  "CREATE TABLE recommendation_source ("
  "  recommendation_id INTEGER NOT NULL REFERENCES recommendation (id) ON DELETE CASCADE,"
  "  contribution_id INTEGER NOT NULL REFERENCES contribution (id) ON DELETE CASCADE,"
  "  PRIMARY KEY (recommendation_id, contribution_id)"
  ") WITHOUT ROWID;"
  "CREATE TABLE review ("
  "  id INTEGER PRIMARY KEY,"
  "  recommendation_id INTEGER NOT NULL UNIQUE REFERENCES recommendation (id)"
  "    ON DELETE CASCADE,"
  "  department TEXT NOT NULL DEFAULT '',"
  "  feasibility TEXT NOT NULL DEFAULT '',"
  "  cost TEXT NOT NULL DEFAULT '',"
  "  legal TEXT NOT NULL DEFAULT '',"
  "  proposed_position TEXT,"
  "  notes TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT NOT NULL"
  ");"
  "CREATE TABLE response ("
  "  process_id INTEGER PRIMARY KEY REFERENCES process (id) ON DELETE CASCADE,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  intro TEXT NOT NULL DEFAULT '',"
  "  published_at TEXT,"
  "  sync_state TEXT NOT NULL DEFAULT 'created',"
  "  etag TEXT, rev INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE position ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  recommendation_id INTEGER NOT NULL UNIQUE REFERENCES recommendation (id)"
  "    ON DELETE CASCADE,"
  "  value TEXT CHECK (value IN ('retained','partly_retained','not_retained',"
  "    'already_done','under_study')),"
  "  justification TEXT NOT NULL DEFAULT '',"
  "  updated_at TEXT NOT NULL"
  ");"
  /* A commitment comes from the argued response: it points to a position. */
  "CREATE TABLE commitment ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  position_id INTEGER NOT NULL REFERENCES position (id) ON DELETE RESTRICT,"
  "  title TEXT NOT NULL,"
  "  department TEXT NOT NULL DEFAULT '',"
  "  due_date TEXT,"
  "  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN"
  "    ('planned','in_progress','done','abandoned')),"
  "  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),"
  "  created_at TEXT NOT NULL,"
  "  sync_state TEXT NOT NULL DEFAULT 'created',"
  "  etag TEXT, rev INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE commitment_update ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  commitment_id INTEGER NOT NULL REFERENCES commitment (id) ON DELETE CASCADE,"
  "  dated TEXT NOT NULL,"
  "  progress INTEGER NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),"
  "  status TEXT NOT NULL DEFAULT 'in_progress',"
  "  text TEXT NOT NULL DEFAULT '',"
  "  sync_state TEXT NOT NULL DEFAULT 'created'"
  ");"
  /* Follow-up committee meetings, published status reports, participatory evaluations. */
  "CREATE TABLE follow_up ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL CHECK (kind IN ('meeting','report','evaluation')),"
  "  dated TEXT NOT NULL,"
  "  title TEXT NOT NULL,"
  "  body TEXT NOT NULL DEFAULT '',"
  "  published INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE narrative ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  stage TEXT,"
  "  title TEXT NOT NULL,"
  "  body_md TEXT NOT NULL DEFAULT '',"
  "  state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft','published')),"
  "  published_at TEXT,"
  "  updated_at TEXT NOT NULL,"
  "  sync_state TEXT NOT NULL DEFAULT 'created',"
  "  etag TEXT, rev INTEGER NOT NULL DEFAULT 0"
  ");"
  "CREATE TABLE communication_item ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  stage TEXT,"
  "  channel TEXT NOT NULL CHECK (channel IN ('site','social','newsletter','press','other')),"
  "  planned_at TEXT,"
  "  title TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('planned','done','cancelled')),"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  /* Append-only: each entry carries the SHA-256 of the previous entry of its process. */
  "CREATE TABLE journal ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL,"
  "  seq INTEGER NOT NULL,"
  "  at TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  object_type TEXT NOT NULL,"
  "  object_id TEXT NOT NULL,"
  "  summary TEXT NOT NULL,"
  "  prev_hash TEXT NOT NULL,"
  "  hash TEXT NOT NULL,"
  "  UNIQUE (process_id, seq)"
  ");"
  "CREATE TRIGGER journal_no_update BEFORE UPDATE ON journal BEGIN"
  "  SELECT RAISE (ABORT, 'the journal is append-only');"
  "END;"
  "CREATE TRIGGER journal_no_delete BEFORE DELETE ON journal BEGIN"
  "  SELECT RAISE (ABORT, 'the journal is append-only');"
  "END;"
  "CREATE TABLE meta ("
  "  key TEXT PRIMARY KEY,"
  "  value TEXT NOT NULL"
  ") WITHOUT ROWID;";

/* Version 2: sync v1 (DESIGN.md §3). The outbox holds what is waiting to be pushed: a PUT or
 * DELETE per published object (re-enqueueing replaces the body and bumps `generation`, so that
 * an answer to an older body never marks a newer edit as sent) and one POST per action, whose
 * Idempotency-Key is stored here before the first send. next_attempt_at is in Unix seconds.
 * sync_state keeps the cursor of the change feed per site; the cursor moves in the transaction
 * that applies its page. A conflict keeps both versions until the officer chooses. Items of
 * the feed for a process this database does not know yet wait in sync_orphan, and a full
 * resync (after 410) remembers what it has seen in sync_resync_seen, so that both survive a
 * crash. */
static const char migration_2[] =
  "CREATE TABLE outbox ("
  "  id INTEGER PRIMARY KEY,"
  "  object_type TEXT NOT NULL CHECK (object_type IN ('process','narrative','response',"
  "    'commitment','moderation')),"
  "  object_uuid TEXT NOT NULL,"
  "  method TEXT NOT NULL CHECK (method IN ('PUT','DELETE','POST')),"
  "  path TEXT NOT NULL,"
  "  body TEXT,"
  "  idempotency_key TEXT UNIQUE,"
  "  etag_expected TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','conflict','failed')),"
  "  generation INTEGER NOT NULL DEFAULT 1,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK (method <> 'POST' OR idempotency_key IS NOT NULL)"
  ");"
  "CREATE UNIQUE INDEX outbox_object ON outbox (object_type, object_uuid)"
  "  WHERE method <> 'POST';"
  "CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);"
  "CREATE TABLE sync_state ("
  "  site_url TEXT PRIMARY KEY,"
  "  cursor TEXT,"
  "  last_sync_at TEXT,"
  "  last_error TEXT,"
  "  auth_paused INTEGER NOT NULL DEFAULT 0,"
  "  full_resync INTEGER NOT NULL DEFAULT 0,"
  "  used_at TEXT NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE conflict ("
  "  id INTEGER PRIMARY KEY,"
  "  object_type TEXT NOT NULL,"
  "  object_uuid TEXT NOT NULL,"
  "  local_json TEXT NOT NULL,"
  "  site_json TEXT,"
  "  site_etag TEXT,"
  "  detected_at TEXT NOT NULL,"
  "  resolved TEXT CHECK (resolved IN ('mine','theirs','copy')),"
  "  resolved_at TEXT"
  ");"
  "CREATE INDEX conflict_open ON conflict (object_type, object_uuid) WHERE resolved IS NULL;"
  "CREATE TABLE sync_orphan ("
  "  type TEXT NOT NULL,"
  "  uuid TEXT NOT NULL,"
  "  process_uuid TEXT NOT NULL,"
  "  rev INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL DEFAULT 0,"
  "  data_json TEXT NOT NULL,"
  "  PRIMARY KEY (type, uuid)"
  ") WITHOUT ROWID;"
  "CREATE TABLE sync_resync_seen ("
  "  type TEXT NOT NULL,"
  "  uuid TEXT NOT NULL,"
  "  PRIMARY KEY (type, uuid)"
  ") WITHOUT ROWID;"
  "CREATE INDEX contribution_remote ON contribution (remote_rev) WHERE remote_rev IS NOT NULL;"
  /* Deleting a row the site has (etag known), by any code path, queues its DELETE in the same
   * transaction; the ETag stays in the outbox for If-Match. A row the sync itself removes is
   * marked 'deleted' first and queues nothing. */
  "CREATE TRIGGER narrative_sync_delete AFTER DELETE ON narrative"
  "  WHEN OLD.etag IS NOT NULL AND OLD.sync_state <> 'deleted' BEGIN"
  "  INSERT INTO outbox (object_type, object_uuid, method, path, etag_expected, created_at,"
  "    updated_at) VALUES ('narrative', OLD.uuid, 'DELETE',"
  "    '/api/sync/v1/narratives/' || OLD.uuid, OLD.etag, strftime ('%Y-%m-%dT%H:%M:%SZ'),"
  "    strftime ('%Y-%m-%dT%H:%M:%SZ'))"
  "  ON CONFLICT (object_type, object_uuid) WHERE method <> 'POST' DO UPDATE SET"
  "    method = 'DELETE', body = NULL, etag_expected = excluded.etag_expected,"
  "    generation = generation + 1, attempts = 0, next_attempt_at = 0, state = 'pending',"
  "    updated_at = excluded.updated_at;"
  "END;"
  "CREATE TRIGGER commitment_sync_delete AFTER DELETE ON commitment"
  "  WHEN OLD.etag IS NOT NULL AND OLD.sync_state <> 'deleted' BEGIN"
  "  INSERT INTO outbox (object_type, object_uuid, method, path, etag_expected, created_at,"
  "    updated_at) VALUES ('commitment', OLD.uuid, 'DELETE',"
  "    '/api/sync/v1/commitments/' || OLD.uuid, OLD.etag, strftime ('%Y-%m-%dT%H:%M:%SZ'),"
  "    strftime ('%Y-%m-%dT%H:%M:%SZ'))"
  "  ON CONFLICT (object_type, object_uuid) WHERE method <> 'POST' DO UPDATE SET"
  "    method = 'DELETE', body = NULL, etag_expected = excluded.etag_expected,"
  "    generation = generation + 1, attempts = 0, next_attempt_at = 0, state = 'pending',"
  "    updated_at = excluded.updated_at;"
  "END;";

/* One vocabulary of quota profiles per process: the categories (the profile columns of
 * `participant`) and their values, each an id and a French label. The site's registration form,
 * the registration by hand and the quotas all use these ids. New processes get the defaults
 * (INSEE age bands, PCS 2020 groups, the communes of Nantes Métropole) from the
 * profile_default_* tables through a trigger. Existing values are mapped to ids where the
 * mapping is sure (an id, a label, or a known spelling, ignoring ASCII case); the communes and
 * quartiers a process already has become values of its own; anything else is left as it was,
 * to be fixed by the officer before a draw. */
static const char migration_3[] =
  "CREATE TABLE profile_default_category ("
  "  category TEXT PRIMARY KEY,"
  "  label TEXT NOT NULL,"
  "  rank INTEGER NOT NULL,"
  "  required INTEGER NOT NULL"
  ") WITHOUT ROWID;"
  "CREATE TABLE profile_default_value ("
  "  category TEXT NOT NULL REFERENCES profile_default_category (category),"
  "  value TEXT NOT NULL,"
  "  label TEXT NOT NULL,"
  "  rank INTEGER NOT NULL,"
  "  PRIMARY KEY (category, value)"
  ") WITHOUT ROWID;"
  "CREATE TABLE profile_category ("
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  category TEXT NOT NULL CHECK (category IN ('age_band','gender','commune','quartier',"
  "    'occupation','prior_participation')),"
  "  label TEXT NOT NULL,"
  "  rank INTEGER NOT NULL,"
  "  required INTEGER NOT NULL DEFAULT 1,"
  "  PRIMARY KEY (process_id, category)"
  ") WITHOUT ROWID;"
  "CREATE TABLE profile_value ("
  "  process_id INTEGER NOT NULL,"
  "  category TEXT NOT NULL,"
  "  value TEXT NOT NULL CHECK (value <> ''),"
  "  label TEXT NOT NULL CHECK (label <> ''),"
  "  rank INTEGER NOT NULL,"
  "  PRIMARY KEY (process_id, category, value),"
  "  FOREIGN KEY (process_id, category) REFERENCES profile_category (process_id, category)"
  "    ON DELETE CASCADE"
  ") WITHOUT ROWID;"
  "INSERT INTO profile_default_category VALUES"
  "  ('age_band', 'Tranche d’âge', 1, 1),"
  "  ('gender', 'Genre', 2, 1),"
  "  ('commune', 'Commune', 3, 1),"
  "  ('quartier', 'Quartier', 4, 0),"
  "  ('occupation', 'Catégorie socioprofessionnelle', 5, 1),"
  "  ('prior_participation', 'Déjà participé à une démarche', 6, 1);"
  "INSERT INTO profile_default_value VALUES"
  "  ('age_band', '16-17', '16 à 17 ans', 1),"
  "  ('age_band', '18-29', '18 à 29 ans', 2),"
  "  ('age_band', '30-44', '30 à 44 ans', 3),"
  "  ('age_band', '45-59', '45 à 59 ans', 4),"
  "  ('age_band', '60-74', '60 à 74 ans', 5),"
  "  ('age_band', '75+', '75 ans ou plus', 6),"
  "  ('gender', 'woman', 'Femme', 1),"
  "  ('gender', 'man', 'Homme', 2),"
  "  ('gender', 'other', 'Autre', 3),"
  "  ('gender', 'undisclosed', 'Ne se prononce pas', 4),"
  "  ('commune', 'basse-goulaine', 'Basse-Goulaine', 1),"
  "  ('commune', 'bouaye', 'Bouaye', 2),"
  "  ('commune', 'bouguenais', 'Bouguenais', 3),"
  "  ('commune', 'brains', 'Brains', 4),"
  "  ('commune', 'carquefou', 'Carquefou', 5),"
  "  ('commune', 'coueron', 'Couëron', 6),"
  "  ('commune', 'indre', 'Indre', 7),"
  "  ('commune', 'la-chapelle-sur-erdre', 'La Chapelle-sur-Erdre', 8),"
  "  ('commune', 'la-montagne', 'La Montagne', 9),"
  "  ('commune', 'le-pellerin', 'Le Pellerin', 10),"
  "  ('commune', 'les-sorinieres', 'Les Sorinières', 11),"
  "  ('commune', 'mauves-sur-loire', 'Mauves-sur-Loire', 12),"
  "  ('commune', 'nantes', 'Nantes', 13),"
  "  ('commune', 'orvault', 'Orvault', 14),"
  "  ('commune', 'reze', 'Rezé', 15),"
  "  ('commune', 'saint-aignan-grandlieu', 'Saint-Aignan-Grandlieu', 16),"
  "  ('commune', 'saint-herblain', 'Saint-Herblain', 17),"
  "  ('commune', 'saint-jean-de-boiseau', 'Saint-Jean-de-Boiseau', 18),"
  "  ('commune', 'saint-leger-les-vignes', 'Saint-Léger-les-Vignes', 19),"
  "  ('commune', 'saint-sebastien-sur-loire', 'Saint-Sébastien-sur-Loire', 20),"
  "  ('commune', 'sainte-luce-sur-loire', 'Sainte-Luce-sur-Loire', 21),"
  "  ('commune', 'sautron', 'Sautron', 22),"
  "  ('commune', 'thouare-sur-loire', 'Thouaré-sur-Loire', 23),"
  "  ('commune', 'vertou', 'Vertou', 24),"
  "  ('commune', 'other', 'Autre commune', 25),"
  "  ('occupation', 'farmer', 'Agriculteur·rice exploitant·e', 1),"
  "  ('occupation', 'self_employed', 'Artisan·e, commerçant·e, chef·fe d’entreprise', 2),"
  "  ('occupation', 'executive', 'Cadre, profession intellectuelle supérieure', 3),"
  "  ('occupation', 'intermediate', 'Profession intermédiaire', 4),"
  "  ('occupation', 'employee', 'Employé·e', 5),"
  "  ('occupation', 'worker', 'Ouvrier·ère', 6),"
  "  ('occupation', 'retired', 'Retraité·e', 7),"
  "  ('occupation', 'student', 'Élève, étudiant·e', 8),"
  "  ('occupation', 'unemployed', 'Autre personne sans activité professionnelle', 9),"
  "  ('prior_participation', 'yes', 'Oui', 1),"
  "  ('prior_participation', 'no', 'Non', 2);"
  "INSERT INTO profile_category (process_id, category, label, rank, required)"
  "  SELECT p.id, d.category, d.label, d.rank, d.required"
  "  FROM process p, profile_default_category d;"
  "INSERT INTO profile_value (process_id, category, value, label, rank)"
  "  SELECT p.id, d.category, d.value, d.label, d.rank FROM process p, profile_default_value d;"
  "CREATE TRIGGER process_profile_defaults AFTER INSERT ON process BEGIN"
  "  INSERT INTO profile_category (process_id, category, label, rank, required)"
  "    SELECT NEW.id, category, label, rank, required FROM profile_default_category;"
  "  INSERT INTO profile_value (process_id, category, value, label, rank)"
  "    SELECT NEW.id, category, value, label, rank FROM profile_default_value;"
  "END;"
  /* Spellings that surely mean a value (the demo's and hand entries' usual ones). */
  "CREATE TEMP TABLE profile_alias (category TEXT, spelling TEXT, value TEXT);"
  "INSERT INTO profile_alias VALUES"
  "  ('gender', 'femme', 'woman'), ('gender', 'f', 'woman'), ('gender', 'homme', 'man'),"
  "  ('gender', 'h', 'man'), ('gender', 'm', 'man'),"
  "  ('occupation', 'employé·e', 'employee'), ('occupation', 'employé', 'employee'),"
  "  ('occupation', 'employée', 'employee'), ('occupation', 'ouvrier·ère', 'worker'),"
  "  ('occupation', 'ouvrier', 'worker'), ('occupation', 'ouvrière', 'worker'),"
  "  ('occupation', 'cadre', 'executive'),"
  "  ('occupation', 'profession intermédiaire', 'intermediate'),"
  "  ('occupation', 'retraité·e', 'retired'), ('occupation', 'retraité', 'retired'),"
  "  ('occupation', 'retraitée', 'retired'), ('occupation', 'étudiant·e', 'student'),"
  "  ('occupation', 'étudiant', 'student'), ('occupation', 'étudiante', 'student'),"
  "  ('occupation', 'sans activité professionnelle', 'unemployed'),"
  "  ('occupation', 'artisan·e, commerçant·e', 'self_employed');"
  "INSERT INTO profile_alias SELECT category, lower (label), value FROM profile_default_value;"
  "INSERT INTO profile_alias SELECT category, lower (value), value FROM profile_default_value;"
  "UPDATE participant SET age_band = (SELECT value FROM profile_alias WHERE category = 'age_band'"
  "  AND spelling = lower (trim (participant.age_band)))"
  "  WHERE lower (trim (age_band)) IN (SELECT spelling FROM profile_alias"
  "    WHERE category = 'age_band');"
  "UPDATE participant SET gender = (SELECT value FROM profile_alias WHERE category = 'gender'"
  "  AND spelling = lower (trim (participant.gender)))"
  "  WHERE lower (trim (gender)) IN (SELECT spelling FROM profile_alias WHERE category = 'gender');"
  "UPDATE participant SET commune = (SELECT value FROM profile_alias WHERE category = 'commune'"
  "  AND spelling = lower (trim (participant.commune)))"
  "  WHERE lower (trim (commune)) IN (SELECT spelling FROM profile_alias"
  "    WHERE category = 'commune');"
  "UPDATE participant SET occupation = (SELECT value FROM profile_alias"
  "  WHERE category = 'occupation' AND spelling = lower (trim (participant.occupation)))"
  "  WHERE lower (trim (occupation)) IN (SELECT spelling FROM profile_alias"
  "    WHERE category = 'occupation');"
  "UPDATE OR IGNORE quota SET value = (SELECT value FROM profile_alias a"
  "  WHERE a.category = quota.category AND a.spelling = lower (trim (quota.value)))"
  "  WHERE EXISTS (SELECT 1 FROM profile_alias a WHERE a.category = quota.category"
  "    AND a.spelling = lower (trim (quota.value)));"
  "UPDATE OR IGNORE quota SET value = CASE value WHEN '1' THEN 'yes' ELSE 'no' END"
  "  WHERE category = 'prior_participation' AND value IN ('0', '1');"
  /* The communes and quartiers a process already has are values of its own. */
  "INSERT OR IGNORE INTO profile_value (process_id, category, value, label, rank)"
  "  SELECT process_id, 'commune', commune, commune, 1000 FROM participant"
  "  WHERE trim (commune) <> '' GROUP BY process_id, commune;"
  "INSERT OR IGNORE INTO profile_value (process_id, category, value, label, rank)"
  "  SELECT process_id, 'quartier', quartier, quartier, 1000 FROM participant"
  "  WHERE trim (quartier) <> '' GROUP BY process_id, quartier;"
  "INSERT OR IGNORE INTO profile_value (process_id, category, value, label, rank)"
  "  SELECT process_id, category, value, value, 1000 FROM quota"
  "  WHERE category IN ('commune', 'quartier') AND trim (value) <> '';"
  "DROP TABLE temp.profile_alias;";

/* Version 4: what the app calls published reaches the site. Follow-up items (meetings, status
 * reports, evaluations) get sync columns; a highlight is synced apart from its contribution
 * (highlight_sync, highlight_etag: the site's "highlights" collection, keyed by the
 * contribution's uuid); in-person contributions are pushed, their ETag being the site's rev
 * (contribution.remote_rev). The outbox is rebuilt for its new object types (a CHECK cannot
 * be altered), its delete triggers with it. Triggers mark what changed, by any code path. */
#define MARK_LOCAL \
  "sync_state = CASE WHEN sync_state = 'conflict' THEN 'conflict' WHEN etag IS NULL" \
  " THEN 'created' ELSE 'modified' END"
#define SYNC_DELETE_TRIGGER(name, table, type, collection, etag, when) \
  "CREATE TRIGGER " name " AFTER DELETE ON " table \
  "  WHEN " etag " IS NOT NULL AND OLD.sync_state <> 'deleted'" when " BEGIN" \
  "  INSERT INTO outbox (object_type, object_uuid, method, path, etag_expected, created_at," \
  "    updated_at) VALUES ('" type "', OLD.uuid, 'DELETE'," \
  "    '/api/sync/v1/" collection "/' || OLD.uuid, " etag ", strftime ('%Y-%m-%dT%H:%M:%SZ')," \
  "    strftime ('%Y-%m-%dT%H:%M:%SZ'))" \
  "  ON CONFLICT (object_type, object_uuid) WHERE method <> 'POST' DO UPDATE SET" \
  "    method = 'DELETE', body = NULL, etag_expected = excluded.etag_expected," \
  "    generation = generation + 1, attempts = 0, next_attempt_at = 0, state = 'pending'," \
  "    updated_at = excluded.updated_at;" \
  "END;"
static const char migration_4[] =
  "DROP TRIGGER narrative_sync_delete;"
  "DROP TRIGGER commitment_sync_delete;"
  "CREATE TABLE outbox_v3 ("
  "  id INTEGER PRIMARY KEY,"
  "  object_type TEXT NOT NULL CHECK (object_type IN ('process','narrative','response',"
  "    'commitment','moderation','follow_up','contribution','highlight')),"
  "  object_uuid TEXT NOT NULL,"
  "  method TEXT NOT NULL CHECK (method IN ('PUT','DELETE','POST')),"
  "  path TEXT NOT NULL,"
  "  body TEXT,"
  "  idempotency_key TEXT UNIQUE,"
  "  etag_expected TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','conflict','failed')),"
  "  generation INTEGER NOT NULL DEFAULT 1,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK (method <> 'POST' OR idempotency_key IS NOT NULL)"
  ");"
  "INSERT INTO outbox_v3 SELECT id, object_type, object_uuid, method, path, body,"
  "  idempotency_key, etag_expected, state, generation, attempts, next_attempt_at, last_error,"
  "  created_at, updated_at FROM outbox;"
  "DROP TABLE outbox;"
  "ALTER TABLE outbox_v3 RENAME TO outbox;"
  "CREATE UNIQUE INDEX outbox_object ON outbox (object_type, object_uuid)"
  "  WHERE method <> 'POST';"
  "CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);"
  SYNC_DELETE_TRIGGER ("narrative_sync_delete", "narrative", "narrative", "narratives",
                       "OLD.etag", "")
  SYNC_DELETE_TRIGGER ("commitment_sync_delete", "commitment", "commitment", "commitments",
                       "OLD.etag", "")
  SYNC_DELETE_TRIGGER ("follow_up_sync_delete", "follow_up", "follow_up", "follow_ups",
                       "OLD.etag", "")
  SYNC_DELETE_TRIGGER ("contribution_sync_delete", "contribution", "contribution",
                       "contributions", "CAST (OLD.remote_rev AS TEXT)",
                       " AND OLD.channel <> 'online'")
  "ALTER TABLE follow_up ADD COLUMN sync_state TEXT NOT NULL DEFAULT 'created';"
  "ALTER TABLE follow_up ADD COLUMN etag TEXT;"
  "ALTER TABLE follow_up ADD COLUMN rev INTEGER NOT NULL DEFAULT 0;"
  "CREATE TRIGGER follow_up_sync_mark AFTER UPDATE OF kind, dated, title, body, published"
  "  ON follow_up WHEN OLD.kind IS NOT NEW.kind OR OLD.dated IS NOT NEW.dated"
  "  OR OLD.title IS NOT NEW.title OR OLD.body IS NOT NEW.body"
  "  OR OLD.published IS NOT NEW.published BEGIN"
  "  UPDATE follow_up SET " MARK_LOCAL " WHERE id = NEW.id;"
  "END;"
  "ALTER TABLE contribution_annotation ADD COLUMN highlight_sync TEXT NOT NULL"
  "  DEFAULT 'synced';"
  "ALTER TABLE contribution_annotation ADD COLUMN highlight_etag TEXT;"
  "UPDATE contribution_annotation SET highlight_sync = 'modified' WHERE highlighted <> 0;"
  "CREATE TRIGGER highlight_sync_insert AFTER INSERT ON contribution_annotation"
  "  WHEN NEW.highlighted <> 0 BEGIN"
  "  UPDATE contribution_annotation SET highlight_sync = 'modified'"
  "    WHERE contribution_id = NEW.contribution_id;"
  "END;"
  "CREATE TRIGGER highlight_sync_mark AFTER UPDATE OF highlighted ON contribution_annotation"
  "  WHEN OLD.highlighted IS NOT NEW.highlighted BEGIN"
  "  UPDATE contribution_annotation SET highlight_sync = CASE WHEN highlight_sync = 'conflict'"
  "    THEN 'conflict' ELSE 'modified' END WHERE contribution_id = NEW.contribution_id;"
  "END;"
  /* The argued response lists the contributions each recommendation comes from. */
  "CREATE TRIGGER recommendation_source_insert AFTER INSERT ON recommendation_source BEGIN"
  "  UPDATE response SET " MARK_LOCAL " WHERE process_id = (SELECT process_id"
  "    FROM recommendation WHERE id = NEW.recommendation_id) AND published_at IS NOT NULL;"
  "END;"
  "CREATE TRIGGER recommendation_source_delete AFTER DELETE ON recommendation_source BEGIN"
  "  UPDATE response SET " MARK_LOCAL " WHERE process_id = (SELECT process_id"
  "    FROM recommendation WHERE id = OLD.recommendation_id) AND published_at IS NOT NULL;"
  "END;";

/* Version 5: the journal says which stage an entry belongs to and, for an edit, the field and
 * its old and new values (covered by the hash when set; entries written before have none and
 * verify as they did). journal_pending holds the bursts of typing not yet settled into one
 * entry each (dlg_journal_note_edit), so that a crash loses none: the store settles them at
 * open. */
static const char migration_5[] =
  "ALTER TABLE journal ADD COLUMN stage TEXT;"
  "ALTER TABLE journal ADD COLUMN field TEXT;"
  "ALTER TABLE journal ADD COLUMN old_value TEXT;"
  "ALTER TABLE journal ADD COLUMN new_value TEXT;"
  "CREATE TABLE journal_pending ("
  "  process_id INTEGER NOT NULL,"
  "  object_type TEXT NOT NULL,"
  "  object_id TEXT NOT NULL,"
  "  field TEXT NOT NULL,"
  "  action TEXT NOT NULL,"
  "  stage TEXT,"
  "  summary TEXT NOT NULL,"
  "  actor TEXT NOT NULL,"
  "  old_value TEXT,"
  "  new_value TEXT,"
  "  first_at TEXT NOT NULL,"
  "  last_at TEXT NOT NULL,"
  "  PRIMARY KEY (process_id, object_type, object_id, field)"
  ") WITHOUT ROWID;";

/* Version 6: where a contribution or a registration comes from. The ingestion path
 * (dlg-ingest.c) keys what it takes by the source's name ("site", "decidim", "csv"…) and the
 * source's own id, so that ingesting the same item again updates it; source_rev is the
 * source's revision of it (the reference site's stays in remote_rev, the ETag of what the app
 * pushes). What the sync pulled before is the site's: its id is the row's uuid. */
static const char migration_6[] =
  "ALTER TABLE contribution ADD COLUMN source TEXT;"
  "ALTER TABLE contribution ADD COLUMN source_id TEXT;"
  "ALTER TABLE contribution ADD COLUMN source_rev INTEGER;"
  "ALTER TABLE participant ADD COLUMN source TEXT;"
  "ALTER TABLE participant ADD COLUMN source_id TEXT;"
  "ALTER TABLE participant ADD COLUMN source_rev INTEGER;"
  "UPDATE contribution SET source = 'site', source_id = uuid"
  "  WHERE remote_rev IS NOT NULL AND channel = 'online';"
  "UPDATE participant SET source = 'site', source_id = uuid WHERE remote_rev IS NOT NULL;"
  "CREATE UNIQUE INDEX contribution_source ON contribution (process_id, source, source_id)"
  "  WHERE source IS NOT NULL;"
  "CREATE UNIQUE INDEX participant_source ON participant (process_id, source, source_id)"
  "  WHERE source IS NOT NULL;";

/* Version 7: a contribution the site no longer lists after a full resync is kept, marked with
 * the time the resync found it missing (the site may have been restored from an older
 * backup: the officer's copy is often the last one). Only the feed's deletion removes it. */
static const char migration_7[] =
  "ALTER TABLE contribution ADD COLUMN site_missing_at TEXT;";

/* Version 8: the secret of each process's open-data pseudonyms (dlg-open-data.c): 32 random
 * bytes, the key of HMAC-SHA256 over a person's reference. One per process, so that the
 * pseudonyms of two processes cannot be linked; never exported, never synced. */
static const char migration_8[] =
  "CREATE TABLE open_data_secret ("
  "  process_id INTEGER PRIMARY KEY REFERENCES process (id) ON DELETE CASCADE,"
  "  secret BLOB NOT NULL CHECK (length (secret) = 32),"
  "  created_at TEXT NOT NULL"
  ");";

/* Version 9: the coding frame (issue 11). A theme gets a colour and a short description; every
 * operation on the frame or on a set of contributions (tag, untag, highlight, merge, move,
 * delete) is one row of coding_operation with what it changed, so that it can be undone as a
 * whole (dlg-coding.c). The links and themes it removed are kept here, not in the tables
 * the rest of the app reads. */
static const char migration_9[] =
  "ALTER TABLE theme ADD COLUMN colour TEXT NOT NULL DEFAULT '';"
  "ALTER TABLE theme ADD COLUMN description TEXT NOT NULL DEFAULT '';"
  "CREATE INDEX theme_process ON theme (process_id, parent_id);"
  "CREATE INDEX contribution_theme_theme ON contribution_theme (theme_id, contribution_id);"
  "CREATE TABLE coding_operation ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  kind TEXT NOT NULL,"
  "  summary TEXT NOT NULL,"
  "  n_changed INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  undone_at TEXT"
  ");"
  /* A link the operation added (1) or removed (0). No foreign keys: the theme may be gone. */
  "CREATE TABLE coding_operation_link ("
  "  operation_id INTEGER NOT NULL REFERENCES coding_operation (id) ON DELETE CASCADE,"
  "  contribution_id INTEGER NOT NULL,"
  "  theme_id INTEGER NOT NULL,"
  "  added INTEGER NOT NULL"
  ");"
  "CREATE INDEX coding_operation_link_operation ON coding_operation_link (operation_id);"
  /* A theme the operation deleted (deleted = 1, the row as it was) or moved (deleted = 0,
   * parent_id and position as they were). */
  "CREATE TABLE coding_operation_theme ("
  "  operation_id INTEGER NOT NULL REFERENCES coding_operation (id) ON DELETE CASCADE,"
  "  theme_id INTEGER NOT NULL,"
  "  deleted INTEGER NOT NULL,"
  "  parent_id INTEGER,"
  "  name TEXT NOT NULL,"
  "  position INTEGER NOT NULL,"
  "  colour TEXT NOT NULL,"
  "  description TEXT NOT NULL"
  ");"
  "CREATE INDEX coding_operation_theme_operation ON coding_operation_theme (operation_id);"
  /* A highlight the operation changed, with its value before. */
  "CREATE TABLE coding_operation_highlight ("
  "  operation_id INTEGER NOT NULL REFERENCES coding_operation (id) ON DELETE CASCADE,"
  "  contribution_id INTEGER NOT NULL,"
  "  was_highlighted INTEGER NOT NULL"
  ");"
  "CREATE INDEX coding_operation_highlight_operation ON coding_operation_highlight (operation_id);";

/* Version 10: the communication plan (issue 14). An item says what it is (a site page, a post,
 * a newsletter, a press release, a poster, a letter to residents, an event), to whom, who
 * does it, its message, and the narrative or the page it points to; "idea" comes before
 * "planned", and channels gain displays, letter boxes and in person. The table is rebuilt for
 * its CHECKs; what was a channel gives the first kind (press → press release). */
static const char migration_10[] =
  "CREATE TABLE communication_item_v9 ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  stage TEXT,"
  "  kind TEXT NOT NULL DEFAULT 'site_page' CHECK (kind IN ('site_page','social_post',"
  "    'newsletter','press_release','poster','letter','event')),"
  "  channel TEXT NOT NULL CHECK (channel IN ('site','social','newsletter','press','display',"
  "    'mail','in_person','other')),"
  "  audience TEXT NOT NULL DEFAULT '',"
  "  planned_at TEXT,"
  "  owner TEXT NOT NULL DEFAULT '',"
  "  title TEXT NOT NULL,"
  "  status TEXT NOT NULL DEFAULT 'planned' CHECK (status IN ('idea','planned','done',"
  "    'cancelled')),"
  "  message TEXT NOT NULL DEFAULT '',"
  "  narrative_id INTEGER REFERENCES narrative (id) ON DELETE SET NULL,"
  "  link TEXT NOT NULL DEFAULT '',"
  "  notes TEXT NOT NULL DEFAULT ''"
  ");"
  "INSERT INTO communication_item_v9 (id, uuid, process_id, stage, kind, channel, planned_at,"
  "  title, status, notes)"
  "  SELECT id, uuid, process_id, stage, CASE channel WHEN 'social' THEN 'social_post'"
  "    WHEN 'newsletter' THEN 'newsletter' WHEN 'press' THEN 'press_release'"
  "    ELSE 'site_page' END, channel, planned_at, title, status, notes FROM communication_item;"
  "DROP TABLE communication_item;"
  "ALTER TABLE communication_item_v9 RENAME TO communication_item;"
  "CREATE INDEX communication_item_process ON communication_item (process_id, planned_at);"
  "CREATE INDEX communication_item_narrative ON communication_item (narrative_id)"
  "  WHERE narrative_id IS NOT NULL;";

/* Version 11: what an officer chose for a process's file imports (issue 10): the format, the
 * locale and the csv format's column mapping, kept for the next file (dlg-import-mapping.c). */
static const char migration_11[] =
  "CREATE TABLE import_setting ("
  "  process_id INTEGER PRIMARY KEY REFERENCES process (id) ON DELETE CASCADE,"
  "  format TEXT NOT NULL,"
  "  map TEXT,"
  "  locale TEXT,"
  "  updated_at TEXT NOT NULL"
  ");";
/* Version 12: personal data (issue 12, dlg-gdpr.c). An erasure the site must apply — a
 * purge of a process's contact data when its retention ends, or one person erased at their
 * request — is a row of gdpr_erasure until the sync has sent it (its uuid is the POST's
 * Idempotency-Key). It names the person by their registration's uuid, never by a name or an
 * address. The outbox is rebuilt for the new object type (a CHECK cannot be altered), its
 * delete triggers with it. */
static const char migration_12[] =
  "CREATE TABLE gdpr_erasure ("
  "  id INTEGER PRIMARY KEY,"
  "  uuid TEXT NOT NULL UNIQUE,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  scope TEXT NOT NULL CHECK (scope IN ('contacts','person')),"
  "  registration_uuid TEXT,"
  "  created_at TEXT NOT NULL,"
  "  sent_at TEXT,"
  "  CHECK (scope = 'contacts' OR registration_uuid IS NOT NULL)"
  ");"
  "CREATE INDEX gdpr_erasure_unsent ON gdpr_erasure (process_id) WHERE sent_at IS NULL;"
  "DROP TRIGGER narrative_sync_delete;"
  "DROP TRIGGER commitment_sync_delete;"
  "DROP TRIGGER follow_up_sync_delete;"
  "DROP TRIGGER contribution_sync_delete;"
  "CREATE TABLE outbox_v12 ("
  "  id INTEGER PRIMARY KEY,"
  "  object_type TEXT NOT NULL CHECK (object_type IN ('process','narrative','response',"
  "    'commitment','moderation','follow_up','contribution','highlight','erasure')),"
  "  object_uuid TEXT NOT NULL,"
  "  method TEXT NOT NULL CHECK (method IN ('PUT','DELETE','POST')),"
  "  path TEXT NOT NULL,"
  "  body TEXT,"
  "  idempotency_key TEXT UNIQUE,"
  "  etag_expected TEXT,"
  "  state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending','conflict','failed')),"
  "  generation INTEGER NOT NULL DEFAULT 1,"
  "  attempts INTEGER NOT NULL DEFAULT 0,"
  "  next_attempt_at INTEGER NOT NULL DEFAULT 0,"
  "  last_error TEXT,"
  "  created_at TEXT NOT NULL,"
  "  updated_at TEXT NOT NULL,"
  "  CHECK (method <> 'POST' OR idempotency_key IS NOT NULL)"
  ");"
  "INSERT INTO outbox_v12 SELECT id, object_type, object_uuid, method, path, body,"
  "  idempotency_key, etag_expected, state, generation, attempts, next_attempt_at, last_error,"
  "  created_at, updated_at FROM outbox;"
  "DROP TABLE outbox;"
  "ALTER TABLE outbox_v12 RENAME TO outbox;"
  "CREATE UNIQUE INDEX outbox_object ON outbox (object_type, object_uuid)"
  "  WHERE method <> 'POST';"
  "CREATE INDEX outbox_due ON outbox (state, next_attempt_at, id);"
  SYNC_DELETE_TRIGGER ("narrative_sync_delete", "narrative", "narrative", "narratives",
                       "OLD.etag", "")
  SYNC_DELETE_TRIGGER ("commitment_sync_delete", "commitment", "commitment", "commitments",
                       "OLD.etag", "")
  SYNC_DELETE_TRIGGER ("follow_up_sync_delete", "follow_up", "follow_up", "follow_ups",
                       "OLD.etag", "")
  SYNC_DELETE_TRIGGER ("contribution_sync_delete", "contribution", "contribution",
                       "contributions", "CAST (OLD.remote_rev AS TEXT)",
                       " AND OLD.channel <> 'online'");
/* Sync refusals and skips (issue 16). The outbox keeps the HTTP status of a refusal, so that
 * "gone from the site" (404/410 on an update) reads apart from "refused" (400, 403, 413,
 * 422). A change the officer abandons leaves the outbox for outbox_abandoned, as it was, with
 * who abandoned it and when: nothing leaves the queue unseen. An item of the change feed that
 * cannot be read (a wrong field, text that is not UTF-8) is skipped, the rest of its page
 * applied, and recorded in sync_skipped with why. */
static const char migration_sync_refusals[] =
  "ALTER TABLE outbox ADD COLUMN last_status INTEGER;"
  "CREATE TABLE outbox_abandoned ("
  "  id INTEGER PRIMARY KEY,"
  "  outbox_id INTEGER NOT NULL,"
  "  object_type TEXT NOT NULL,"
  "  object_uuid TEXT NOT NULL,"
  "  method TEXT NOT NULL,"
  "  path TEXT NOT NULL,"
  "  body TEXT,"
  "  last_status INTEGER,"
  "  last_error TEXT,"
  "  abandoned_by TEXT NOT NULL,"
  "  abandoned_at TEXT NOT NULL"
  ");"
  "CREATE TABLE sync_skipped ("
  "  id INTEGER PRIMARY KEY,"
  "  site_url TEXT NOT NULL,"
  "  item_type TEXT,"
  "  item_id TEXT,"
  "  rev INTEGER,"
  "  reason TEXT NOT NULL,"
  "  skipped_at TEXT NOT NULL"
  ");"
  "CREATE INDEX sync_skipped_item ON sync_skipped (item_type, item_id);";
/* Version 14: work at volume (issue 11). The standard moderation reasons, which the officer can
 * reword or complete (dlg-moderation-reason.c): a standard one has a key and no label until it
 * is reworded, so that it reads in the officer's language. A bulk moderation is an operation of
 * the coding frame's stack (dlg_coding_moderate): the state and reason each contribution had
 * before, so that Undo puts them back. */
static const char migration_14[] =
  "CREATE TABLE moderation_reason ("
  "  id INTEGER PRIMARY KEY,"
  "  builtin TEXT UNIQUE,"
  "  label TEXT,"
  "  position INTEGER NOT NULL DEFAULT 0"
  ");"
  "INSERT INTO moderation_reason (builtin, position) VALUES ('off_topic', 1), ('insulting', 2),"
  "  ('personal_data', 3), ('advertising', 4), ('duplicate', 5), ('illegal', 6);"
  "CREATE TABLE coding_operation_moderation ("
  "  operation_id INTEGER NOT NULL REFERENCES coding_operation (id) ON DELETE CASCADE,"
  "  contribution_id INTEGER NOT NULL,"
  "  was_state TEXT NOT NULL,"
  "  was_reason TEXT"
  ");"
  "CREATE INDEX coding_operation_moderation_operation"
  "  ON coding_operation_moderation (operation_id);";

/* Version 14: the feature advisor and answers at volume (issue 14). advisor_brief is the
 * project team's choice of features for a process and why (dlg-advisor.c); response_template
 * holds the templates of positions and justifications, and response_operation what a bulk
 * apply changed, position by position, so that it can be undone as a whole and the check
 * before publication can tell a templated justification nobody edited (dlg-response-bulk.c). */
static const char migration_advisor[] =
  "CREATE TABLE advisor_brief ("
  "  process_id INTEGER PRIMARY KEY REFERENCES process (id) ON DELETE CASCADE,"
  "  features TEXT NOT NULL DEFAULT '',"
  "  why TEXT NOT NULL DEFAULT '',"
  "  expected_volume INTEGER CHECK (expected_volume IS NULL OR expected_volume >= 0),"
  "  chosen_at TEXT NOT NULL"
  ");"
  "CREATE TABLE response_template ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  name TEXT NOT NULL CHECK (length (name) BETWEEN 1 AND 200),"
  "  position TEXT NOT NULL CHECK (position IN ('retained','partly_retained','not_retained',"
  "    'already_done','under_study')),"
  "  body TEXT NOT NULL DEFAULT '',"
  "  created_at TEXT NOT NULL,"
  "  UNIQUE (process_id, name)"
  ");"
  "CREATE TABLE response_operation ("
  "  id INTEGER PRIMARY KEY,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  template_id INTEGER,"
  "  summary TEXT NOT NULL,"
  "  n_changed INTEGER NOT NULL DEFAULT 0,"
  "  created_at TEXT NOT NULL,"
  "  undone_at TEXT"
  ");"
  /* A position as it was before the operation (had_position 0: there was none) and as the
   * operation wrote it. No foreign key on the recommendation: the row stays readable. */
  "CREATE TABLE response_operation_position ("
  "  operation_id INTEGER NOT NULL REFERENCES response_operation (id) ON DELETE CASCADE,"
  "  recommendation_id INTEGER NOT NULL,"
  "  had_position INTEGER NOT NULL,"
  "  old_value TEXT,"
  "  old_justification TEXT NOT NULL DEFAULT '',"
  "  new_value TEXT NOT NULL,"
  "  new_justification TEXT NOT NULL"
  ");"
  "CREATE INDEX response_operation_position_operation"
  "  ON response_operation_position (operation_id);"
  "CREATE INDEX response_operation_position_recommendation"
  "  ON response_operation_position (recommendation_id);";

/* The workbench's links to recommendations (issue 11): a theme or a selection linked to a
 * recommendation in one step is an operation of the coding frame's stack (dlg-coding.c); the
 * links it added are kept here so that Undo takes exactly those back. A theme created by
 * accepting a suggestion is noted in coding_operation_theme with deleted = 2 (no schema
 * change: Undo deletes it). */
static const char migration_workbench_links[] =
  "CREATE TABLE coding_operation_source ("
  "  operation_id INTEGER NOT NULL REFERENCES coding_operation (id) ON DELETE CASCADE,"
  "  recommendation_id INTEGER NOT NULL,"
  "  contribution_id INTEGER NOT NULL"
  ");"
  "CREATE INDEX coding_operation_source_operation ON coding_operation_source (operation_id);";
/* The kind of each site (the reference site, Decidim, Cap Collectif) and which participatory
 * space of a platform each process maps to (src/sync/dlg-sync-platform.c). */
static const char migration_platforms[] =
  "ALTER TABLE sync_state ADD COLUMN kind TEXT NOT NULL DEFAULT 'dialogue'"
  "  CHECK (kind IN ('dialogue', 'decidim', 'capcollectif'));"
  "CREATE TABLE platform_mapping ("
  "  site_url TEXT NOT NULL,"
  "  process_id INTEGER NOT NULL REFERENCES process (id) ON DELETE CASCADE,"
  "  remote_id TEXT NOT NULL CHECK (length (remote_id) BETWEEN 1 AND 500),"
  "  PRIMARY KEY (site_url, process_id)"
  ") WITHOUT ROWID;"
  "CREATE INDEX platform_mapping_process ON platform_mapping (process_id);";

static const DlgMigration migrations[] = {
  { "the whole domain", migration_1 },
  { "sync v1: outbox, cursors, conflicts", migration_2 },
  { "profile vocabulary per process", migration_3 },
  { "publishing follow-up items, in-person contributions, highlights, sources", migration_4 },
  { "journal: stage, old and new values, pending bursts of typing", migration_5 },
  { "contributions and registrations: source and source id", migration_6 },
  { "contributions the site no longer lists", migration_7 },
  { "open data: a secret per process for the pseudonyms", migration_8 },
  { "the coding frame: theme colours and descriptions, undoable operations", migration_9 },
  { "communication plan: kind, audience, owner, message, link", migration_10 },
  { "file imports: format, locale and column mapping per process", migration_11 },
  { "personal data: erasures for the site", migration_12 },
  { "sync: refusal status, abandoned changes, skipped feed items", migration_sync_refusals },
  { "moderation reasons, bulk moderation in the coding frame's operations", migration_14 },
  { "feature advisor's brief, response templates and bulk operations", migration_advisor },
  { "workbench: contributions linked to a recommendation at once, undoable",
    migration_workbench_links },
  { "sync: the kind of each site, the platform space each process maps to", migration_platforms },
};

const DlgMigration *
dlg_schema_get_migrations (guint *n_migrations)
{
  *n_migrations = G_N_ELEMENTS (migrations);
  return migrations;
}

guint
dlg_schema_get_version (void)
{
  return G_N_ELEMENTS (migrations);
}
