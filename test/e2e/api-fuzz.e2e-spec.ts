import { JwtService } from '@nestjs/jwt';
import fc from 'fast-check';
import { createEgyptTunisiaAgreement, seededPlan } from '../support/fixtures';
import {
  describeRequest,
  type FuzzCaller,
  type FuzzRequest,
  listOperations,
  type OpenApiDocument,
  type Operation,
  requestArbitrary,
} from '../support/openapi-fuzz';
import { countChanges, type TableCounts, tableCounter } from '../support/table-counts';
import { createTestApp, DEMO, type TestApp } from '../support/test-app';

/**
 * The fuzz drill: every operation of the OpenAPI document (so a new route is fuzzed without touching this
 * file), a few hundred seeded requests each with hostile bodies, queries, path ids and tokens, as an
 * admin and as a focal point. Whatever is sent, the api must answer below 500, every error must be
 * problem+json, and a refused request must leave every table as it was.
 *
 * Reproduce a run with FUZZ_SEED=<the printed seed>; FUZZ_RUNS changes the number of runs per operation.
 */
const BASE_SEED = Number(process.env.FUZZ_SEED ?? 20261201);
// 60 runs per operation keep the whole CI run under its 20 minutes now that the api has ~110
// operations (about 6,700 requests); FUZZ_RUNS=1000 for a deeper run before a release.
const RUNS = Number(process.env.FUZZ_RUNS ?? 60);
const REQUEST_TIMEOUT_MS = 20_000;
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const READ_CONCURRENCY = 4;

interface Finding {
  operation: string;
  kind: string;
  example: string;
  answer: string;
}

/** A stable per-operation seed, so adding a route does not change the requests sent to the others. */
function seedFor(key: string): number {
  let hash = 0x811c9dc5;
  for (const ch of key) hash = Math.imul(hash ^ ch.charCodeAt(0), 0x01000193);
  return (BASE_SEED ^ hash) | 0;
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

/** What is wrong with an error answer's shape, or null when it is proper problem+json. */
function problemShapeDefect(status: number, contentType: string, body: string): string | null {
  if (!/^application\/problem\+json/.test(contentType))
    return `content-type ${contentType || '(none)'}`;
  let problem: Record<string, unknown>;
  try {
    problem = JSON.parse(body) as Record<string, unknown>;
  } catch {
    return 'body is not JSON';
  }
  for (const field of ['type', 'title', 'detail'] as const) {
    if (typeof problem[field] !== 'string') return `no string "${field}"`;
  }
  if (problem.status !== status) return `"status" ${String(problem.status)} differs from ${status}`;
  return null;
}

/** A JSON object body with at least one field. */
function carriesFields(payload: FuzzRequest['payload']): boolean {
  if (typeof payload !== 'string') return false;
  try {
    const parsed: unknown = JSON.parse(payload);
    return typeof parsed === 'object' && parsed !== null && Object.keys(parsed).length > 0;
  } catch {
    return false;
  }
}

describe('api fuzz drill', () => {
  let t: TestApp;
  let operations: Operation[];
  let requestFor: (op: Operation) => fc.Arbitrary<FuzzRequest>;
  let counts: () => Promise<TableCounts>;
  const authorization: Partial<Record<FuzzCaller, string>> = {};

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-15T12:00:00Z');
    const admin = await t.tokenFor(DEMO.admin);
    authorization.admin = admin;
    authorization.focal_point = await t.tokenFor(DEMO.focalMa);
    authorization.garbage_token = 'Bearer eyJhbGciOiJIUzI1NiJ9.e30.garbage';
    // Correctly signed, but its subject is no user id at all.
    authorization.alien_subject = `Bearer ${await t.app.get(JwtService).signAsync({ sub: 'not-a-uuid' })}`;

    const seeded = await seededPlan(t);
    const other = await createEgyptTunisiaAgreement(t);
    // A user the fuzz may rename, deactivate or demote: never one of the callers.
    const target = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({
        email: 'fuzz.target@accords.example',
        name: 'Fuzz target',
        role: 'focal_point',
        partyCode: 'CI',
        password: 'fuzz-target-password',
      })
      .expect(201);
    const feedToken = await t.http
      .post('/api/feed-tokens')
      .set('Authorization', admin)
      .send({ label: 'fuzz' })
      .expect(201);
    // Inserted directly: the api refuses loopback targets, and the fuzz must never reach another host.
    const [webhook] = (await t.dataSource.query(
      `INSERT INTO webhook_subscriptions (url, events, secret) VALUES ('http://127.0.0.1:9/hook', '{activity_due}', 'fuzz') RETURNING id`,
    )) as { id: string }[];
    const csv = await t.http
      .get(`/api/action-plans/${seeded.planId}/activities.csv`)
      .set('Authorization', admin)
      .expect(200);
    const csvHeader = csv.text.replace(/^\ufeff/, '').split(/\r?\n/)[0];

    const ids: Record<string, string[]> = {
      agreements: [seeded.agreementId, other.agreementId],
      'action-plans': [seeded.planId, other.planId],
      activities: [...seeded.activities.slice(0, 3).map((a) => a.id), other.activityId],
      users: [target.body.id as string],
      'feed-tokens': [feedToken.body.id as string],
      webhooks: [webhook.id],
    };
    const docAnswer = await t.app.inject({ method: 'GET', url: '/api/docs-json' });
    const doc = JSON.parse(docAnswer.body) as OpenApiDocument;
    operations = listOperations(doc).sort((a, b) => a.key.localeCompare(b.key));
    const ctx = {
      doc,
      idsFor: (collection: string) => ids[collection] ?? [],
      agreementIds: ids.agreements,
      csvHeader,
    };
    requestFor = (op) => requestArbitrary(op, ctx);
    counts = await tableCounter(t.dataSource);
  });
  afterAll(() => t?.close());

  it(
    `answers every documented operation below 500, in problem+json, without side effects when refusing (seed ${BASE_SEED}, ${RUNS} runs each)`,
    async () => {
      const started = Date.now();
      const cpuAtStart = process.cpuUsage();
      const findings: Finding[] = [];
      let sent = 0;
      let fiveHundreds = 0;
      const statusClasses: Record<string, number> = {};

      const record = (op: Operation, kind: string, req: FuzzRequest, answer: string) =>
        findings.push({
          operation: op.key,
          kind,
          example: describeRequest(req),
          answer: answer.slice(0, 300),
        });

      expect(operations.length).toBeGreaterThan(30);
      const opSeconds: [string, number][] = [];
      let countingMs = 0;
      /** Sends RUNS generated requests to one operation; checks rows after each refused write. */
      const fuzz = async (op: Operation) => {
        const opStarted = Date.now();
        const writes = MUTATING.has(op.method);
        // API.md: unknown body fields are refused, so a POST/PUT/PATCH without a body must not take one.
        const takesNoBody = op.bodyTypes.length === 0 && op.method !== 'DELETE' && writes;
        let known = writes ? await counts() : {};
        await fc.assert(
          fc.asyncProperty(requestFor(op), async (req) => {
            const auth = authorization[req.caller];
            sent += 1;
            let res;
            try {
              res = await withTimeout(
                t.app.inject({
                  method: req.method as 'GET',
                  url: req.url,
                  headers: { ...req.headers, ...(auth ? { authorization: auth } : {}) },
                  payload: req.payload,
                }),
                REQUEST_TIMEOUT_MS,
              );
            } catch (error) {
              record(op, 'no answer', req, String(error));
              return;
            }
            const status = res.statusCode;
            const statusClass = `${Math.floor(status / 100)}xx`;
            statusClasses[statusClass] = (statusClasses[statusClass] ?? 0) + 1;
            if (status >= 500) {
              fiveHundreds += 1;
              record(op, `${status}`, req, res.body);
            }
            if (status >= 400) {
              const defect = problemShapeDefect(
                status,
                String(res.headers['content-type'] ?? ''),
                res.body,
              );
              if (defect) record(op, `${status} not problem+json: ${defect}`, req, res.body);
            }
            if (takesNoBody && status < 300 && carriesFields(req.payload)) {
              record(
                op,
                `${status}: accepted body fields on a route that takes none`,
                req,
                res.body,
              );
            }
            if (!writes) return;
            const countStarted = Date.now();
            const now = await counts();
            countingMs += Date.now() - countStarted;
            if (status >= 400 && status < 500) {
              const moved = countChanges(known, now);
              if (moved.length > 0)
                record(op, `${status} changed rows: ${moved.join(', ')}`, req, res.body);
            }
            known = now;
          }),
          { seed: seedFor(op.key), numRuns: RUNS },
        );
        opSeconds.push([op.key, (Date.now() - opStarted) / 1000]);
      };

      // Reads first, a few at once: nothing writes meanwhile, so one snapshot around the whole phase
      // proves that no read (whatever its answer) changed a row.
      const reads = operations.filter((op) => !MUTATING.has(op.method));
      const beforeReads = await counts();
      const queue = [...reads];
      await Promise.all(
        Array.from({ length: READ_CONCURRENCY }, async () => {
          for (let op = queue.shift(); op; op = queue.shift()) await fuzz(op);
        }),
      );
      const movedByReads = countChanges(beforeReads, await counts());
      if (movedByReads.length > 0) {
        findings.push({
          operation: 'reads',
          kind: `changed rows: ${movedByReads.join(', ')}`,
          example: reads.map((op) => op.key).join(', '),
          answer: '',
        });
      }
      // Writes one at a time, so a count that moves after a refused request is that request's doing.
      for (const op of operations.filter((o) => MUTATING.has(o.method))) await fuzz(op);

      const groups = new Map<string, { count: number; first: Finding }>();
      for (const finding of findings) {
        const key = `${finding.operation} | ${finding.kind}`;
        const group = groups.get(key);
        if (group) group.count += 1;
        else groups.set(key, { count: 1, first: finding });
      }
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      // Wall time depends on what else the machine runs; the CPU time of this process does not.
      const cpu = process.cpuUsage(cpuAtStart);
      const cpuSeconds = ((cpu.user + cpu.system) / 1e6).toFixed(1);
      console.log(
        [
          `api fuzz: seed ${BASE_SEED} (FUZZ_SEED to reproduce), ${RUNS} runs x ${operations.length} operations`,
          `requests fuzzed: ${sent} in ${seconds} s (api process CPU ${cpuSeconds} s); answers by class: ${JSON.stringify(statusClasses)}`,
          `slowest: ${opSeconds
            .sort((a, b) => b[1] - a[1])
            .slice(0, 6)
            .map(([k, s]) => `${k} ${s.toFixed(1)} s`)
            .join(', ')}; counting rows: ${(countingMs / 1000).toFixed(1)} s`,
          `5xx found: ${fiveHundreds}; findings: ${findings.length} in ${groups.size} groups`,
          ...[...groups.entries()].map(
            ([key, { count, first }]) =>
              `  ${count} x ${key}\n      e.g. ${first.example}\n      -> ${first.answer}`,
          ),
        ].join('\n'),
      );
      expect([...groups.keys()]).toEqual([]);
    },
    15 * 60_000,
  );
});
