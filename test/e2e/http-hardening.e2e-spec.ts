import { connect, type AddressInfo } from 'node:net';
import { JwtService } from '@nestjs/jwt';
import { launchChromium, listenLocally } from '../support/browser';
import { seededPlan } from '../support/fixtures';
import { LoginThrottle } from '../../src/auth/login-throttle';
import { currentCorrelationId } from '../../src/common/correlation/correlation';
import { OwnRedis } from '../support/own-redis';
import { createTestApp, DEMO, TestApp } from '../support/test-app';
import { waitFor } from '../support/wait';

const PROBLEM = /^application\/problem\+json/;

function nested(depth: number, leaf = '1'): string {
  return `{"email":${'['.repeat(depth)}${leaf}${']'.repeat(depth)}}`;
}

/** Sends raw bytes and answers the raw response text (for requests supertest would refuse to build). */
async function rawRequest(port: number, text: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: '127.0.0.1', port });
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (answer += chunk));
    socket.on('end', () => resolve(answer));
    socket.on('error', reject);
    socket.setTimeout(10_000, () => socket.destroy(new Error('timeout')));
    socket.write(text);
  });
}

function bodyOf(raw: string): Record<string, unknown> {
  return JSON.parse(raw.slice(raw.indexOf('\r\n\r\n') + 4)) as Record<string, unknown>;
}

/** Attacks from outside that used to answer 500, hang, or answer something other than problem+json. */
describe('HTTP hardening', () => {
  let t: TestApp;
  let pm: string;
  let admin: string;
  beforeAll(async () => {
    t = await createTestApp();
    pm = await t.tokenFor(DEMO.pm);
    admin = await t.tokenFor(DEMO.admin);
  });
  afterAll(() => t.close());

  describe('JSON bodies', () => {
    it('refuses a body nested deeper than 32 levels with 400 naming the limit', async () => {
      const res = await t.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(nested(1400))
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.body.detail).toMatch(/32/);
    });

    it('refuses a 4.8 MB nested body quickly', async () => {
      const started = Date.now();
      await t.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(nested(2_400_000))
        .expect(400);
      expect(Date.now() - started).toBeLessThan(5_000); // loose bound: it used to take ~28 s
    });

    it('still accepts nesting up to the limit, and brackets inside strings do not count', async () => {
      const res = await t.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":"${'['.repeat(100)}","password":"x","deep":${nested(30)}}`)
        .expect(400);
      // Past the parser: the validation pipe names the fields.
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(
        expect.arrayContaining(['email', 'deep']),
      );
    });

    it('still refuses __proto__ in a body', async () => {
      const res = await t.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send('{"email":"a@b.example","password":"x","__proto__":{"admin":true}}')
        .expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('still refuses a body over the size limit with 413 problem+json', async () => {
      const res = await t.http
        .post('/api/auth/login')
        .set('Content-Type', 'application/json')
        .send(`{"email":"${'a'.repeat(6 * 1024 * 1024)}"}`)
        .expect(413);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });
  });

  describe('inputs that reached PostgreSQL or date arithmetic', () => {
    it('an email with a lone surrogate is a 400 naming the field (login and user creation)', async () => {
      const login = await t.http
        .post('/api/auth/login')
        .send({ email: '\udfff@accords.example', password: 'x' })
        .expect(400);
      expect(login.body.errors[0].field).toBe('email');
      const created = await t.http
        .post('/api/users')
        .set('Authorization', admin)
        .send({
          email: 'a\udfff@accords.example',
          name: 'Surrogate',
          role: 'programme_manager',
          password: 'long-enough-password',
        })
        .expect(400);
      expect(created.body.errors.map((e: { field: string }) => e.field)).toContain('email');
    });

    it('a renewal that would end the term after 9999 is a 400 naming termMonths', async () => {
      const { agreementId } = await seededPlan(t);
      // An agreement whose term already reaches 9990 (renewed many times over).
      await t.dataSource.query(`UPDATE agreements SET renewal_mode = 'explicit' WHERE id = $1`, [
        agreementId,
      ]);
      const before = await t.http
        .get(`/api/agreements/${agreementId}`)
        .set('Authorization', pm)
        .expect(200);
      const startYear = Number(String(before.body.entryIntoForceOn).slice(0, 4));
      const months = (9990 - startYear) * 12 - before.body.durationMonths;
      await t.dataSource.query(`UPDATE agreements SET extended_months = $2 WHERE id = $1`, [
        agreementId,
        months,
      ]);
      const res = await t.http
        .post(`/api/agreements/${agreementId}/renewals`)
        .set('Authorization', pm)
        .send({ decision: 'renew', termMonths: 1200, version: before.body.version })
        .expect(400);
      expect(res.body.errors[0].field).toBe('termMonths');
      const after = await t.http
        .get(`/api/agreements/${agreementId}`)
        .set('Authorization', pm)
        .expect(200);
      expect(after.body.version).toBe(before.body.version);
    });

    it('a token whose subject is not a UUID is a 401', async () => {
      const jwt = new JwtService({ secret: t.config.jwtSecret });
      const token = await jwt.signAsync({ sub: 'not-a-uuid' });
      const res = await t.http
        .get('/api/agreements')
        .set('Authorization', `Bearer ${token}`)
        .expect(401);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });
  });

  describe('answers outside Nest are problem+json', () => {
    it('an unknown route is a 404 problem carrying the request id', async () => {
      const res = await t.http.get('/api/nothing-here').expect(404);
      expect(res.headers['content-type']).toMatch(PROBLEM);
      expect(res.headers['x-request-id']).toEqual(expect.any(String));
      expect(res.body).toMatchObject({ status: 404, correlationId: res.headers['x-request-id'] });
    });

    it('a plain X-Request-Id is echoed; one that could inject log lines is replaced', async () => {
      const plain = await t.http
        .get('/api/nothing-here')
        .set('X-Request-Id', 'abc-123.x')
        .expect(404);
      expect(plain.headers['x-request-id']).toBe('abc-123.x');
      expect(plain.body.correlationId).toBe('abc-123.x');
      const sneaky = await t.http
        .get('/api/nothing-here')
        .set('X-Request-Id', 'a b\tc')
        .expect(404);
      expect(sneaky.headers['x-request-id']).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('a bad percent-encoding in the path is a 400 problem', async () => {
      const res = await t.http.get('/api/agreements/%E0%A4%A').set('Authorization', pm).expect(400);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('an id over 100 characters is a 414 problem', async () => {
      const res = await t.http
        .get(`/api/agreements/${'a'.repeat(150)}`)
        .set('Authorization', pm)
        .expect(414);
      expect(res.headers['content-type']).toMatch(PROBLEM);
    });

    it('an oversized header is a 431 problem', async () => {
      const port = await listening(t);
      const raw = await rawRequest(
        port,
        `GET /api/health HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(40_000)}\r\nConnection: close\r\n\r\n`,
      );
      expect(raw).toMatch(/^HTTP\/1\.1 431 /);
      expect(raw).toMatch(/content-type: application\/problem\+json/i);
      expect(bodyOf(raw)).toMatchObject({ status: 431 });
    });

    it('a malformed request line is a 400 problem', async () => {
      const port = await listening(t);
      const raw = await rawRequest(port, 'GARBAGE\r\n\r\n');
      expect(raw).toMatch(/^HTTP\/1\.1 400 /);
      expect(bodyOf(raw)).toMatchObject({ status: 400 });
    });
  });

  describe('headers', () => {
    it('JSON and problem answers carry nosniff and no-store', async () => {
      const ok = await t.http.get('/api/agreements').set('Authorization', pm).expect(200);
      const problem = await t.http.get('/api/agreements').expect(401);
      for (const res of [ok, problem]) {
        expect(res.headers['x-content-type-options']).toBe('nosniff');
        expect(res.headers['cache-control']).toBe('no-store');
      }
    });

    it('the dashboard assets keep their own caching', async () => {
      const page = await t.http.get('/').expect(200);
      const asset = /src="(\/assets\/[^"]+)"/.exec(page.text)?.[1];
      expect(asset).toBeDefined();
      const res = await t.http.get(asset as string).expect(200);
      expect(res.headers['cache-control']).toMatch(/max-age/);
    });

    it('/api/docs forbids framing and still loads its own assets', async () => {
      const res = await t.http.get('/api/docs').expect(200);
      const csp = String(res.headers['content-security-policy']);
      expect(csp).toMatch(/frame-ancestors 'none'/);
      expect(csp).toMatch(/script-src 'self'/);
      const script = /src="\.?\/?([^"]*swagger-ui-bundle\.js)"/.exec(res.text)?.[1];
      expect(script).toBeDefined();
      await t.http.get(`/api/docs/${script}`).expect(200);
    });
  });

  it('Swagger UI renders under its CSP, with no violation reported', async () => {
    const browser = await launchChromium();
    try {
      const docs = await createTestApp({ shareWith: t });
      try {
        const base = await listenLocally(docs);
        const page = await browser.newPage();
        const violations: string[] = [];
        page.on('console', (message) => {
          if (/Content Security Policy/i.test(message.text())) violations.push(message.text());
        });
        await page.goto(`${base}/api/docs`);
        await page.waitForSelector('.swagger-ui .info .title', { timeout: 15_000 });
        expect(await page.textContent('.swagger-ui .info .title')).toContain('Accords');
        expect(violations).toEqual([]);
      } finally {
        await docs.close();
      }
    } finally {
      await browser.close();
    }
  });

  describe('request bodies on action routes', () => {
    it('POST /api/reminders/sweep refuses unknown fields, accepts none', async () => {
      const res = await t.http
        .post('/api/reminders/sweep')
        .set('Authorization', admin)
        .send({ force: true })
        .expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'force' });
      await t.http.post('/api/reminders/sweep').set('Authorization', admin).expect(200);
      await t.http.post('/api/reminders/sweep').set('Authorization', admin).send({}).expect(200);
    });

    it('POST /api/action-plans/:id/renew refuses unknown fields', async () => {
      const { planId } = await seededPlan(t);
      const res = await t.http
        .post(`/api/action-plans/${planId}/renew`)
        .set('Authorization', pm)
        .send({ title: 'x' })
        .expect(400);
      expect(res.body.errors[0]).toMatchObject({ field: 'title' });
    });
  });

  it('answers 503 problem+json with Retry-After while the server shuts down', async () => {
    const other = await createTestApp({ shareWith: t });
    const port = await listening(other);
    const socket = connect({ host: '127.0.0.1', port });
    let raw = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk: string) => (raw += chunk));
    const ended = new Promise((resolve) => socket.on('close', resolve));
    // A request whose body is still arriving keeps the connection busy while the server closes...
    socket.write(
      'POST /api/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 11\r\n\r\n{"email"',
    );
    await new Promise((r) => setTimeout(r, 200));
    const closing = other.close();
    await waitFor('the server to stop listening', () => !other.app.getHttpServer().listening);
    // ...and a second request arrives on that connection during the drain.
    socket.write(':1}GET /api/health HTTP/1.1\r\nHost: x\r\n\r\n');
    await ended;
    await closing;
    expect(raw).toMatch(/^HTTP\/1\.1 400 /); // the first one was served normally
    const second = raw.slice(raw.indexOf('HTTP/1.1', 10));
    expect(second).toMatch(/^HTTP\/1\.1 503 /);
    expect(second).toMatch(/content-type: application\/problem\+json/i);
    expect(second).toMatch(/retry-after: \d+/i);
    expect(second).toMatch(/x-content-type-options: nosniff/i);
  });

  it('the correlation id reaches Nest handlers after the body is read', async () => {
    // The login throttle runs inside the handler of a POST with a JSON body.
    const seen: (string | undefined)[] = [];
    const probe = await createTestApp({
      shareWith: t,
      override: (builder) =>
        builder.overrideProvider(LoginThrottle).useValue({
          begin: async () => {
            seen.push(currentCorrelationId());
            return { keys: {}, trustedAddress: false };
          },
          succeeded: async () => undefined,
          notChecked: async () => undefined,
        }),
    });
    try {
      await probe.http
        .post('/api/auth/login')
        .set('X-Request-Id', 'trace-42')
        .send({ email: DEMO.pm, password: 'wrong-password' })
        .expect(401);
      expect(seen).toEqual(['trace-42']);
    } finally {
      await probe.close();
    }
  });
});

describe('with Redis down', () => {
  let redis: OwnRedis;
  let t: TestApp;
  let admin: string;
  let pm: string;
  beforeAll(async () => {
    redis = await OwnRedis.start();
    t = await createTestApp({ env: { REDIS_URL: redis.url } });
    admin = await t.tokenFor(DEMO.admin);
    pm = await t.tokenFor(DEMO.pm);
    // Activities are due soon (seeded data), so the sweep has deliveries to enqueue.
    const agreements = await t.http.get('/api/agreements').set('Authorization', pm).expect(200);
    expect(agreements.body.total).toBeGreaterThan(0);
    await redis.pause();
    await waitFor(
      'health to see Redis down',
      async () => (await t.http.get('/api/health')).status !== 200,
      10_000,
    );
  });
  afterAll(async () => {
    // Bring Redis back before closing: connections that never see it again keep reconnecting, and
    // keep the test process alive after the run.
    await redis.resume();
    await t.close();
    await redis.stop();
  });

  it('login answers 503 problem+json with Retry-After', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: DEMO.pm, password: 'whatever-it-is' })
      .expect(503);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
  });

  it('a sweep answers 503 quickly instead of hanging', async () => {
    const started = Date.now();
    const res = await t.http
      .post('/api/reminders/sweep')
      .set('Authorization', admin)
      .timeout(20_000);
    expect(res.status).toBe(503);
    expect(res.headers['content-type']).toMatch(PROBLEM);
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('rows the failed sweep inserted are left as never enqueued, for the next sweep to take at once', async () => {
    // Rows go in stamped as enqueued (notification-lifecycle.ts); a failed enqueue takes it back.
    const [rows] = await t.dataSource.query<{ pending: number; stamped: number }[]>(
      `SELECT count(*)::int AS pending, count(enqueued_at)::int AS stamped
         FROM notifications WHERE status = 'pending'`,
    );
    expect(rows.pending).toBeGreaterThan(0);
    expect(rows.stamped).toBe(0);
  });
});

async function listening(app: TestApp): Promise<number> {
  const server = app.app.getHttpServer();
  if (!server.listening) await app.app.listen(0, '127.0.0.1');
  return (server.address() as AddressInfo).port;
}
