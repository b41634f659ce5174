// SPDX-License-Identifier: GPL-3.0-or-later
//
// A loopback GraphQL server for the live adapters' tests (tests/test-graphql-sync.c). It LOADS
// a platform's real schema (SDL, see SOURCES.md) with the reference implementation (npm
// `graphql`, buildSchema) and executes every query against it: a query the schema does not
// validate gets `errors` and no `data`, as the platforms answer, and is counted in /__log so
// that the test fails. Its data comes from ../shared/platform-samples.
//
//   node server.js --platform decidim|capcollectif --schema FILE --samples DIR [--token KEY]
//
// Prints "PORT <n>" on stdout once listening on 127.0.0.1. Besides the platform's endpoint
// (POST /api for Decidim, POST /graphql for Cap Collectif):
//   POST /__control {"edit": {"id", "title"?, "body"?}}   changes an item (newer updatedAt)
//                   {"vanish": "id"}                       the item is no longer listed
//                   {"rate_limit": n}                      the next n requests get 429
//   GET  /__log     {"requests", "invalid", "rate_limited", "unauthorized", "max_first",
//                    "errors": [...]}

'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');
const { buildSchema, graphql } = require('graphql');

function arg(name, fallback) {
  const i = process.argv.indexOf('--' + name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const platform = arg('platform', 'decidim');
const schema = buildSchema(fs.readFileSync(arg('schema'), 'utf8'));
const samples = arg('samples', path.join(__dirname, '..', '..', '..', 'shared', 'platform-samples'));
const token = arg('token', null);
const endpoint = platform === 'decidim' ? '/api' : '/graphql';
// Decidim::Api.schema_max_per_page; Cap Collectif's connections default to 100.
const maxPage = platform === 'decidim' ? 50 : 100;

// ---------------------------------------------------------------------------------------------
// The samples (CSV as the platforms write it: quoted fields span lines)

function readCsv(file, sep) {
  const text = fs.readFileSync(file, 'utf8');
  const rows = [];
  let row = [], field = '', quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i++; }
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) { row.push(field); field = ''; }
    else if (c === '\n') { row.push(field); rows.push(row); row = []; field = ''; }
    else if (c !== '\r') field += c;
  }
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  const header = rows.shift();
  return rows.map((r) => Object.fromEntries(header.map((h, j) => [h, r[j] ?? ''])));
}

const log = { requests: 0, invalid: 0, rate_limited: 0, unauthorized: 0, max_first: 0,
              errors: [] };
let rateLimit = 0;
const base = Date.parse('2024-03-01T09:00:00Z');
let clock = 0;
function stamp(date) {
  return date ? new Date(Date.parse(date.replace(' UTC', 'Z').replace(' ', 'T'))).toISOString()
              : new Date(base + 1000 * clock++).toISOString();
}

const proposals = readCsv(path.join(samples, 'consul-decide-madrid', 'decide_madrid_proposals.csv'), ',');
const bcnComments = readCsv(path.join(samples, 'decidim-barcelona',
  'www.decidim.barcelona-open-data-result_comments.pseudonymised.csv'), ';');
const polis = readCsv(path.join(samples, 'polis-vtaiwan', 'comments.csv'), ',');
const consulComments = readCsv(path.join(samples, 'consul-decide-madrid', 'decide_madrid_comments.csv'), ',');

// Items by id, whatever their kind, for /__control.
const items = new Map();
function keep(item) { items.set(String(item.id), item); return item; }

// Relay connections: cursors are opaque offsets, `first` is bounded as the platform bounds it.
function connection(list, args) {
  const first = Math.min(args.first ?? maxPage, maxPage);
  log.max_first = Math.max(log.max_first, args.first ?? maxPage);
  const start = args.after ? Number(Buffer.from(args.after, 'base64').toString().split(':')[1]) + 1 : 0;
  const page = list.slice(start, start + first);
  const cursor = (i) => Buffer.from('arrayconnection:' + (start + i)).toString('base64');
  return {
    totalCount: list.length,
    edges: page.map((node, i) => ({ node, cursor: cursor(i) })),
    nodes: page,
    pageInfo: {
      hasNextPage: start + first < list.length,
      hasPreviousPage: start > 0,
      startCursor: page.length ? cursor(0) : null,
      endCursor: page.length ? cursor(page.length - 1) : null,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Decidim: one participatory process, one proposals component with the CONSUL proposals, each
// with comments of decidim.barcelona (threaded by their `depth`).

function translated(values) {
  return {
    locales: Object.keys(values),
    translations: ({ locales }) => Object.entries(values)
      .filter(([l]) => !locales || locales.includes(l)).map(([locale, text]) => ({ locale, text })),
    translation: ({ locale }) => values[locale] ?? null,
  };
}

function decidimData() {
  const list = proposals.map((p, i) => keep({
    __typename: 'Proposal', kind: 'proposal', id: p.id, type: 'Decidim::Proposals::Proposal',
    titleText: p.title, bodyText: [p.summary, p.text].filter(Boolean).join('\n\n'),
    get title() { return translated({ es: this.titleText }); },
    get body() { return translated({ es: this.bodyText }); },
    address: i % 4 === 0 ? 'Plaza Mayor, Madrid' : null,
    coordinates: i % 4 === 0 ? { latitude: 40.4155 + i / 1000, longitude: -3.7074 } : null,
    publishedAt: stamp(p.date + ' 09:00:00 UTC'), createdAt: stamp(p.date + ' 09:00:00 UTC'),
    updatedAt: stamp(p.date + ' 09:00:00 UTC'),
    state: p.status === 'archived' ? 'evaluating' : null, withdrawn: false, reference: p.code,
    voteCount: Number(p.numSupports) || 0, acceptsNewComments: true, commentsHaveAlignment: true,
    commentsHaveVotes: true, userAllowedToComment: false, replies: [],
    comments() { return this.replies; },
    get totalCommentsCount() { return this.replies.length; },
    get hasComments() { return this.replies.length > 0; },
  }));
  const stack = [];
  bcnComments.forEach((c, i) => {
    const depth = Number(c.depth) || 0;
    const comment = keep({
      __typename: 'Comment', kind: 'comment', id: c.id, type: 'Decidim::Comments::Comment',
      body: c.body, formattedBody: c.body, createdAt: stamp(c.created_at), formattedCreatedAt: '',
      alignment: Number(c.alignment) || 0, upVotes: 0, upVoted: false, downVotes: 0,
      downVoted: false, alreadyReported: false, acceptsNewComments: true,
      commentsHaveAlignment: true, commentsHaveVotes: true, userAllowedToComment: false,
      sgid: 'sgid-' + c.id, replies: [],
      author: { __typename: 'User', id: c['author/id'], name: c['author/name'],
                nickname: c['author/name'], deleted: false },
      comments() { return this.replies; },
      get totalCommentsCount() { return this.replies.length; },
      get hasComments() { return this.replies.length > 0; },
    });
    const parent = depth > 0 && stack[depth - 1] ? stack[depth - 1] : list[i % 20];
    comment.parent = parent;
    parent.replies.push(comment);
    stack[depth] = comment;
    stack.length = depth + 1;
  });
  const component = {
    __typename: 'Proposals', id: '42', name: translated({ es: 'Propuestas' }),
    publishedAt: stamp(), url: 'https://decidim.example/processes/pam/f/42/', visible: true,
    weight: 0, createdAt: stamp(), updatedAt: stamp(),
    list,
    proposals(args) { return connection(this.list, args); },
    proposal({ id }) { return this.list.find((p) => p.id === id) ?? null; },
  };
  const space = {
    __typename: 'ParticipatoryProcess', id: '7', slug: 'pam', type: 'Decidim::ParticipatoryProcess',
    title: translated({ es: 'Plan de Actuación Municipal', ca: "Pla d'Actuació Municipal" }),
    publishedAt: stamp(), components: [component],
  };
  component.participatorySpace = space;
  return {
    participatoryProcesses: () => [space],
    participatoryProcess: ({ id, slug }) => (id === space.id || slug === space.slug ? space : null),
    component: ({ id }) => (id === component.id ? component : null),
    vanish(item) {
      if (item.kind === 'proposal') component.list = component.list.filter((p) => p !== item);
      else item.parent.replies = item.parent.replies.filter((c) => c !== item);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Cap Collectif: one project with a collect step (the CONSUL proposals, one in ten trashed), a
// questionnaire step (the Pol.is comments as replies to an open question) and a consultation
// step whose contributions are opinions (the CONSUL comments, the first 120).

function gid(type, id) { return Buffer.from(type + ':' + id).toString('base64'); }

function capData() {
  const author = (id) => ({ __typename: 'User', id: gid('User', id), username: 'user-' + id });
  const question = { __typename: 'SimpleQuestion', id: gid('Question', 1),
                     title: 'What should the rules for ride sharing be?' };
  const proposalList = proposals.map((p, i) => keep({
    __typename: 'Proposal', id: gid('Proposal', p.id), title: p.title,
    body: [p.summary, p.text].filter(Boolean).join('\n\n'), bodyText: p.summary,
    reference: p.code, url: 'https://capco.example' + p.url, published: true,
    publishedAt: stamp(p.date + ' 09:00:00 UTC'), createdAt: stamp(p.date + ' 09:00:00 UTC'),
    updatedAt: stamp(p.date + ' 09:00:00 UTC'), draft: false,
    trashed: i % 10 === 9, trashedStatus: i % 10 === 9 ? 'INVISIBLE' : null,
    trashedReason: i % 10 === 9 ? 'Hors sujet' : null, author: author(p.userId), responses: [],
    address: i % 4 === 0 ? { json: '{}', formatted: 'Plaza Mayor, Madrid', types: ['ROUTE'],
                             lat: 40.4155, lng: -3.7074 } : null,
  }));
  const replies = polis.map((c) => keep({
    __typename: 'Reply', id: gid('Reply', c['comment-id']), published: c.moderated !== '-1',
    publishedAt: new Date(Number(c.timestamp)).toISOString(),
    createdAt: new Date(Number(c.timestamp)).toISOString(),
    updatedAt: new Date(Number(c.timestamp)).toISOString(), draft: false,
    url: 'https://capco.example/replies/' + c['comment-id'], author: author(c['author-id']),
    valueText: c['comment-body'],
    get responses() { return [{ __typename: 'ValueResponse', id: null, question, value: this.valueText,
                                formattedValue: this.valueText }]; },
  }));
  const opinions = consulComments.slice(0, 120).map((c) => keep({
    __typename: 'Opinion', id: gid('Opinion', c.id), title: c.text.slice(0, 60) || '—',
    body: c.text, bodyText: c.text, url: 'https://capco.example/opinions/' + c.id,
    published: true, publishedAt: stamp(c.date + ' 10:00:00 UTC'),
    createdAt: stamp(c.date + ' 10:00:00 UTC'), updatedAt: stamp(c.date + ' 10:00:00 UTC'),
    pinned: false,
  }));
  const range = { startAt: stamp(), endAt: null };
  const collect = { __typename: 'CollectStep', id: gid('CollectStep', 1), title: 'Dépôt des propositions',
    url: 'https://capco.example/collect', timeRange: range, state: 'OPENED',
    proposals(args) {
      const trashed = (args.trashedStatus ?? 'NOT_TRASHED') === 'TRASHED';
      return connection(proposalList.filter((p) => p.trashed === trashed && !p.gone), args);
    } };
  const questionnaire = { __typename: 'Questionnaire', id: gid('Questionnaire', 1),
    title: 'Consultation VTC', questions: [question],
    replies(args) {
      return connection(replies.filter((r) => !r.gone &&
                                              (args.includeUnpublished || r.published)), args);
    } };
  const qstep = { __typename: 'QuestionnaireStep', id: gid('QuestionnaireStep', 1),
    title: 'Questionnaire', url: 'https://capco.example/questionnaire', timeRange: range,
    state: 'OPENED', questionnaire };
  const cstep = { __typename: 'ConsultationStep', id: gid('ConsultationStep', 1),
    title: 'Consultation', url: 'https://capco.example/consultation', timeRange: range, state: 'OPENED' };
  const project = { __typename: 'Project', id: gid('Project', 1), title: 'Madrid en commun',
    url: 'https://capco.example/project/madrid', publishedAt: stamp(), steps: [collect, qstep, cstep],
    contributions(args) { return connection(opinions.filter((o) => !o.gone), args); } };
  const nodes = new Map([[project.id, project], [collect.id, collect], [qstep.id, qstep],
                         [cstep.id, cstep], [questionnaire.id, questionnaire]]);
  return {
    node: ({ id }) => nodes.get(id) ?? items.get(id) ?? null,
    projects: (args) => connection([project], args),
    viewer: () => author('viewer'),
    vanish(item) { item.gone = true; },
  };
}

const root = platform === 'decidim' ? decidimData() : capData();

// ---------------------------------------------------------------------------------------------

function send(res, status, body, headers) {
  res.writeHead(status, Object.assign({ 'Content-Type': 'application/json' }, headers || {}));
  res.end(JSON.stringify(body));
}

function control(body) {
  if (body.rate_limit !== undefined) rateLimit = Number(body.rate_limit);
  if (body.edit) {
    const item = items.get(String(body.edit.id));
    if (!item) return false;
    if (body.edit.title !== undefined) {
      if ('titleText' in item) item.titleText = body.edit.title; else item.title = body.edit.title;
    }
    if (body.edit.body !== undefined) {
      if ('bodyText' in item && platform === 'decidim') item.bodyText = body.edit.body;
      else if ('valueText' in item) item.valueText = body.edit.body;
      else item.body = body.edit.body;
    }
    item.updatedAt = new Date(Date.now() + 1000 * clock++).toISOString();
  }
  if (body.vanish !== undefined) {
    const item = items.get(String(body.vanish));
    if (!item) return false;
    root.vanish(item);
  }
  return true;
}

const server = http.createServer((req, res) => {
  const chunks = [];
  req.on('data', (c) => chunks.push(c));
  req.on('end', async () => {
    const text = Buffer.concat(chunks).toString('utf8');
    if (req.method === 'GET' && req.url === '/__log') return send(res, 200, log);
    if (req.method === 'POST' && req.url === '/__control') {
      return send(res, control(JSON.parse(text)) ? 200 : 404, { ok: true });
    }
    if (req.method !== 'POST' || req.url !== endpoint) return send(res, 404, { errors: [{ message: 'Not found' }] });
    log.requests++;
    if (rateLimit > 0) {
      rateLimit--;
      log.rate_limited++;
      return send(res, 429, { errors: [{ message: 'Too many requests' }] }, { 'Retry-After': '1' });
    }
    if (token !== null && req.headers.authorization !== 'Bearer ' + token) {
      log.unauthorized++;
      return send(res, 401, { errors: [{ message: 'Invalid API key' }] });
    }
    if (platform === 'capcollectif' &&
        req.headers.accept !== 'application/vnd.cap-collectif.preview+json') {
      log.invalid++;
      log.errors.push('Accept: ' + req.headers.accept);
      return send(res, 200, { errors: [{ message: 'The preview schema needs its Accept header' }] });
    }
    let body;
    try { body = JSON.parse(text); } catch (e) {
      log.invalid++;
      return send(res, 400, { errors: [{ message: 'Invalid JSON' }] });
    }
    const result = await graphql({ schema, source: body.query, rootValue: root,
                                   variableValues: body.variables || {} });
    if (result.errors) {
      log.invalid++;
      for (const e of result.errors) log.errors.push(e.message);
    }
    send(res, 200, result);
  });
});

// The test holds our stdin: when it ends (the test is over, or crashed), so do we.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();

server.listen(0, '127.0.0.1', () => {
  process.stdout.write('PORT ' + server.address().port + '\n');
});
