import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

interface Finding {
  code: string;
  severity: string;
  path: string;
  message: string;
  reason?: string;
}
interface LintReport {
  errors: number;
  warnings: number;
  accepted: Finding[];
  unusedAcceptances: unknown[];
  findings: Finding[];
}

interface Operation {
  security?: Record<string, string[]>[];
  parameters?: { name: string; in: string }[];
  responses: Record<
    string,
    { headers?: Record<string, unknown>; content?: Record<string, unknown> }
  >;
}
type Paths = Record<string, Record<string, Operation>>;

const LINTER = path.join(__dirname, '..', 'support', 'spectral-lint.js');

/** Spectral runs in its own node process: its rulesets need no teaching to jest's module sandbox. */
async function lint(document: unknown): Promise<LintReport> {
  const dir = mkdtempSync(path.join(tmpdir(), 'accords-openapi-'));
  try {
    const file = path.join(dir, 'openapi.json');
    writeFileSync(file, JSON.stringify(document));
    const { stdout } = await promisify(execFile)(process.execPath, [LINTER, file], {
      maxBuffer: 64 * 1024 * 1024,
    });
    return JSON.parse(stdout) as LintReport;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('the served OpenAPI document', () => {
  let t: TestApp;
  let document: { paths: Paths };
  beforeAll(async () => {
    t = await createTestApp();
    document = (await t.http.get('/api/docs-json').expect(200)).body as { paths: Paths };
  });
  afterAll(() => t.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([route, item]) =>
      Object.entries(item).map(([method, operation]) => ({ route, method, operation })),
    );

  it('passes spectral:oas and the OWASP API Security ruleset with no error', async () => {
    const report = await lint(document);
    const errors = report.findings.filter(
      (f) => f.severity === 'error' && !report.accepted.some((a) => a.path === f.path),
    );
    console.log(
      `OpenAPI lint: ${report.errors} error(s), ${report.warnings} warning(s), ` +
        `${report.accepted.length} accepted by design:\n` +
        report.accepted.map((a) => `  ${a.code} at ${a.path}: ${a.reason}`).join('\n'),
    );
    expect(errors).toEqual([]);
    expect(report.unusedAcceptances).toEqual([]);
  }, 120_000);

  it('documents the activity list filters', () => {
    const names = document.paths['/api/action-plans/{id}/activities'].get.parameters?.map(
      (p) => p.name,
    );
    expect(names).toEqual(
      expect.arrayContaining([
        'status',
        'type',
        'party',
        'dueBefore',
        'dueAfter',
        'overdue',
        'q',
        'page',
        'pageSize',
      ]),
    );
  });

  it('documents errors as problem+json and rate-limit headers on every operation', () => {
    for (const { route, method, operation } of operations()) {
      const where = `${method.toUpperCase()} ${route}`;
      expect({ where, has429: '429' in operation.responses }).toEqual({ where, has429: true });
      expect(Object.keys(operation.responses['429'].headers ?? {})).toContain('Retry-After');
      for (const [status, response] of Object.entries(operation.responses)) {
        expect({ where, status, headers: Object.keys(response.headers ?? {}) }).toEqual({
          where,
          status,
          headers: expect.arrayContaining(['X-RateLimit-Limit', 'X-RateLimit-Remaining']),
        });
        if (Number(status) >= 400) {
          expect(Object.keys(response.content ?? {})).toContain('application/problem+json');
        }
      }
    }
  });

  it('says truthfully which operations need a token: without one, each secured route answers 401', async () => {
    const uuid = '00000000-0000-4000-8000-000000000000';
    const open: string[] = [];
    for (const { route, method, operation } of operations()) {
      const isPublic = Array.isArray(operation.security) && operation.security.length === 0;
      if (isPublic) {
        open.push(`${method.toUpperCase()} ${route}`);
        continue;
      }
      // The bearer token or the page's session cookie; the session routes name their own cookies.
      expect([
        [{ bearer: [] }, { cookie: [] }],
        [{ cookie: [] }],
        [{ refreshCookie: [] }],
        [{ refreshCookie: [] }, { cookie: [] }],
      ]).toContainEqual(operation.security);
      const url = route.replace(/\{[^}]+\}/g, uuid);
      const res = await t.http[method as 'get' | 'post' | 'put' | 'patch' | 'delete'](url);
      expect({ route, method, status: res.status }).toEqual({ route, method, status: 401 });
    }
    expect(open.sort()).toEqual([
      'GET /api/action-plans/{id}/calendar.ics',
      'GET /api/agreements/public/{token}',
      'GET /api/health',
      'POST /api/auth/login',
      'POST /api/auth/password-reset-requests',
      'POST /api/auth/password-resets',
      'POST /api/auth/session',
    ]);
  });

  it('enforces the limits it documents: a too long list filter or email is a 400 naming the field', async () => {
    const pm = await t.tokenFor(DEMO.pm);
    const plan = await seededPlan(t);
    const filter = document.paths['/api/action-plans/{id}/activities'].get.parameters?.find(
      (p) => p.name === 'status',
    ) as { schema?: { maxItems?: number } } | undefined;
    expect(filter?.schema?.maxItems).toBe(20);
    const tooMany = Array.from({ length: 21 }, () => 'planned').join(',');
    const list = await t.http
      .get(`/api/action-plans/${plan.planId}/activities?status=${tooMany}`)
      .set('Authorization', pm);
    expect(list.status).toBe(400);
    expect(JSON.stringify(list.body.errors)).toContain('status');

    // A valid address (64-character local part, 63-character labels) of 312 characters.
    const login = await t.http.post('/api/auth/login').send({
      email: `${'a'.repeat(60)}@${Array.from({ length: 4 }, () => 'b'.repeat(60)).join('.')}.example`,
      password: 'whatever-it-is',
    });
    expect(login.status).toBe(400);
    expect(JSON.stringify(login.body.errors)).toContain('email');
  });
});
