import { createTestApp, DEMO, DEMO_PASSWORD, TestApp } from '../support/test-app';

describe('auth', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('logs the Moroccan focal point in and answers a token and the user', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: DEMO.focalMa, password: DEMO_PASSWORD })
      .expect(200);
    expect(typeof res.body.accessToken).toBe('string');
    expect(res.body.user).toMatchObject({
      email: DEMO.focalMa,
      role: 'focal_point',
      partyCode: 'MA',
    });
    expect(res.body.user.passwordHash).toBeUndefined();
  });

  it('accepts the email in any case', async () => {
    await t.http
      .post('/api/auth/login')
      .send({ email: 'Focal.CI@Accords.Example', password: DEMO_PASSWORD })
      .expect(200);
  });

  it('answers the same 401 for an unknown email and a wrong password', async () => {
    const unknown = await t.http
      .post('/api/auth/login')
      .send({ email: 'nobody@accords.example', password: 'whatever-password' })
      .expect(401);
    const wrong = await t.http
      .post('/api/auth/login')
      .send({ email: DEMO.pm, password: 'not-the-password' })
      .expect(401);
    expect(unknown.headers['content-type']).toMatch(/^application\/problem\+json/);
    // Each answer has its own correlation id; everything else must match.
    const strip = (body: Record<string, unknown>) => ({
      ...body,
      instance: undefined,
      correlationId: undefined,
    });
    expect(strip(unknown.body)).toEqual(strip(wrong.body));
  });

  it('rate-limits repeated failures with 429 and Retry-After, even for the right password', async () => {
    const email = DEMO.observer;
    for (let i = 0; i < t.config.LOGIN_MAX_FAILURES; i++) {
      await t.http.post('/api/auth/login').send({ email, password: 'wrong-password' }).expect(401);
    }
    const limited = await t.http
      .post('/api/auth/login')
      .send({ email, password: DEMO_PASSWORD })
      .expect(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.body).toMatchObject({ status: 429, title: 'Too many requests' });
  });

  it('refuses a malformed login body naming the field', async () => {
    const res = await t.http
      .post('/api/auth/login')
      .send({ email: 'not-an-email', password: 'x', extra: 1 })
      .expect(400);
    const fields = (res.body.errors as { field: string }[]).map((e) => e.field).sort();
    expect(fields).toEqual(['email', 'extra']);
  });

  it('answers 401 problem+json without a token, with a bad token, and GET /api/me with one', async () => {
    const none = await t.http.get('/api/me').expect(401);
    expect(none.headers['content-type']).toMatch(/^application\/problem\+json/);
    await t.http.get('/api/me').set('Authorization', 'Bearer not.a.token').expect(401);
    const me = await t.http
      .get('/api/me')
      .set('Authorization', await t.tokenFor(DEMO.focalCi))
      .expect(200);
    expect(me.body).toMatchObject({
      email: DEMO.focalCi,
      partyCode: 'CI',
      timeZone: 'Africa/Abidjan',
    });
  });

  it('stops accepting the token of a deactivated account', async () => {
    const admin = await t.tokenFor(DEMO.admin);
    const created = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({
        email: 'temp@accords.example',
        name: 'Temp',
        role: 'observer',
        password: 'a-long-enough-password',
      })
      .expect(201);
    const token = await t.tokenFor('temp@accords.example', 'a-long-enough-password');
    await t.http.get('/api/me').set('Authorization', token).expect(200);
    await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', admin)
      .send({ active: false })
      .expect(200);
    await t.http.get('/api/me').set('Authorization', token).expect(401);
  });
});

describe('health and docs', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ seeded: false });
  });
  afterAll(() => t.close());

  it('reports PostgreSQL and Redis up without authentication', async () => {
    const res = await t.http.get('/api/health').expect(200);
    expect(res.body).toEqual({
      status: 'ok',
      checks: { postgres: { status: 'up' }, redis: { status: 'up' } },
    });
  });

  it('serves the OpenAPI document with the contract routes and DTO schemas', async () => {
    const res = await t.http.get('/api/docs-json').expect(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining([
        '/api/auth/login',
        '/api/agreements/{id}',
        '/api/activities/{id}',
        '/api/action-plans/{id}/progress',
      ]),
    );
    // Present only when the swagger CLI plugin ran over the DTOs.
    expect(res.body.components.schemas.CreateActivityDto.required).toEqual(
      expect.arrayContaining(['title', 'type', 'leadPartyCode', 'dueOn']),
    );
    await t.http.get('/api/docs').expect(200);
  });

  it('answers an unknown route with a problem+json 404', async () => {
    const res = await t.http.get('/api/nothing-here').expect(404);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
  });
});
