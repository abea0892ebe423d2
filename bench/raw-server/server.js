'use strict';
/**
 * The raw baseline of `npm run bench` (issue 11): plain Fastify 5 + `pg`, no framework, no ORM,
 * answering the measured routes with the same authentication, scoping, SQL work and JSON as Accords.
 * Run by bench/run.js as its own process (so its CPU and RSS are measured like the api's):
 *   DATABASE_URL=… JWT_SECRET=… PORT=… node bench/raw-server/server.js
 * Not part of the app: nothing in src/ imports it, and it imports nothing from src/ or dist/.
 */
const argon2 = require('argon2');
const Fastify = require('fastify');
const pg = require('pg');
const { createAuth, HttpError } = require('./auth');
const { createActivities, createCsvExport } = require('./activities');
const { createActivityPatch } = require('./activity-patch');
const { createProgress } = require('./progress');
const { createPortfolio } = require('./portfolio');

// Dates as 'YYYY-MM-DD' strings, as TypeORM hands them to Accords (not JS Dates at local midnight).
pg.types.setTypeParser(pg.types.builtins.DATE, (value) => value);

const pool = new pg.Pool({
  connectionString: process.env.DATABASE_URL,
  // Accords' pool size (typeorm-options.ts `extra.max`): same concurrency towards PostgreSQL.
  max: 10,
  // And Accords' session settings (typeorm-options.ts `extra.options`): the same statement text must
  // get the same plan. Without them the portfolio's figure sort (cost near the JIT threshold) spent
  // seconds compiling on every execution here and not in Accords.
  options: '-c max_parallel_workers_per_gather=0 -c jit=off -c random_page_cost=1.1',
});
const auth = createAuth({
  pool,
  secret: process.env.JWT_SECRET,
  ttlSeconds: 12 * 3600,
});
const activities = createActivities({ pool });
const csv = createCsvExport({ pool, activities });
const patchActivity = createActivityPatch({ pool, activities });
const progress = createProgress({ pool, activities });
const portfolio = createPortfolio({ pool });

const app = Fastify({ logger: false });

app.setErrorHandler((error, request, reply) => {
  const status = error instanceof HttpError ? error.status : (error.statusCode ?? 500);
  if (status >= 500)
    process.stderr.write(`raw-server: ${request.method} ${request.url}: ${error.stack}\n`);
  void reply
    .code(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title: error.title ?? 'Error', status, detail: error.message });
});

app.get('/api/health', async () => ({ status: 'ok' }));

app.post('/api/auth/login', async (request) => {
  const { email, password } = request.body ?? {};
  if (typeof email !== 'string' || typeof password !== 'string') {
    throw new HttpError(400, 'Invalid input', 'email and password are required');
  }
  const { rows } = await pool.query({
    name: 'raw-login-user',
    text: `SELECT ${auth.USER_COLUMNS} FROM users WHERE email = $1 AND active LIMIT 1`,
    values: [email.toLowerCase()],
  });
  const user = rows[0];
  const hash = user && !user.invitation_pending ? user.password_hash : null;
  const ok = hash !== null && (await argon2.verify(hash, password).catch(() => false));
  if (!ok) throw new HttpError(401, 'Not authenticated', 'The email or password is incorrect.');
  return {
    accessToken: auth.sign({ sub: user.id, gen: user.token_generation }),
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      partyCode: user.party_code,
    },
  };
});

app.get('/api/activities/:id', async (request, reply) => {
  const actor = await auth.actorOf(request);
  const view = await activities.get(actor, request.params.id);
  void reply.header('ETag', `"${view.version}"`);
  return view;
});

app.patch('/api/activities/:id', async (request, reply) => {
  const actor = await auth.actorOf(request);
  const view = await patchActivity(
    actor,
    request.params.id,
    request.body ?? {},
    request.headers['if-match'],
  );
  void reply.header('ETag', `"${view.version}"`);
  return view;
});

app.get('/api/action-plans/:id/activities', async (request) => {
  const actor = await auth.actorOf(request);
  return activities.list(actor, request.params.id, request.query);
});

app.get('/api/action-plans/:id/activities.csv', async (request, reply) => {
  const actor = await auth.actorOf(request);
  const file = await csv(actor, request.params.id, request.query);
  void reply
    .header('Content-Type', 'text/csv; charset=utf-8')
    .header('Content-Disposition', file.disposition)
    .header('Cache-Control', 'private, no-store');
  return file.body;
});

app.get('/api/action-plans/:id/progress', async (request) => {
  const actor = await auth.actorOf(request);
  return progress.forPlan(actor, request.params.id);
});

app.get('/api/dashboard', async (request) => {
  const actor = await auth.actorOf(request);
  return progress.dashboard(actor, request.query);
});

app.get('/api/portfolio', async (request) => {
  const actor = await auth.actorOf(request);
  return portfolio(actor, request.query);
});

async function close() {
  await app.close();
  await pool.end();
  process.exit(0);
}
process.once('SIGTERM', close);
process.once('SIGINT', close);

app.listen({ host: '127.0.0.1', port: Number(process.env.PORT || 3298) }).catch((error) => {
  process.stderr.write(`raw-server: ${error.stack}\n`);
  process.exit(1);
});
