import { createTestApp, DEMO, DEMO_PASSWORD, TestApp } from '../support/test-app';

const SEEDED_PARTY_CODES = [
  'MA',
  'CI',
  'IOM',
  'EU',
  'AU',
  'UNICEF',
  'UNHCR',
  'UNODC',
  'EG',
  'LY',
  'MR',
  'NE',
  'TN',
];
const ALL_ROLES = [DEMO.admin, DEMO.pm, DEMO.focalMa, DEMO.focalCi, DEMO.observer] as const;

/** No password, in any shape, anywhere in a response body. */
function expectNoSecrets(body: unknown) {
  const text = JSON.stringify(body);
  expect(text).not.toMatch(/\$argon2/);
  expect(text).not.toMatch(/"password/i);
}

describe('parties', () => {
  let t: TestApp;
  const bearer = (email: string) => t.tokenFor(email);
  const codes = async () => {
    const res = await t.http
      .get('/api/parties?pageSize=200')
      .set('Authorization', await bearer(DEMO.pm))
      .expect(200);
    return (res.body.items as { code: string }[]).map((p) => p.code);
  };

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it.each(ALL_ROLES)('%s lists the seeded states and organisations', async (email) => {
    const res = await t.http
      .get('/api/parties?pageSize=200')
      .set('Authorization', await bearer(email))
      .expect(200);
    expect(res.body).toMatchObject({ page: 1, pageSize: 200 });
    expect(res.body.total).toBe(res.body.items.length);
    const items = res.body.items as { code: string; name: string; type: string }[];
    expect(items.map((p) => p.code)).toEqual(expect.arrayContaining(SEEDED_PARTY_CODES));
    expect(items.find((p) => p.code === 'MA')).toMatchObject({
      type: 'state',
      name: 'Royaume du Maroc',
    });
    expect(items.find((p) => p.code === 'IOM')).toMatchObject({ type: 'organisation' });
    for (const p of items) expect(['state', 'organisation']).toContain(p.type);
  });

  it('paginates the parties', async () => {
    const res = await t.http
      .get('/api/parties?pageSize=5&page=2')
      .set('Authorization', await bearer(DEMO.focalCi))
      .expect(200);
    expect(res.body.items).toHaveLength(5);
    expect(res.body.total).toBeGreaterThanOrEqual(SEEDED_PARTY_CODES.length);
  });

  it('an admin adds a state (201) and then it is listed', async () => {
    const res = await t.http
      .post('/api/parties')
      .set('Authorization', await bearer(DEMO.admin))
      .send({ code: 'SN', name: 'République du Sénégal', type: 'state' })
      .expect(201);
    expect(res.body).toMatchObject({ code: 'SN', name: 'République du Sénégal', type: 'state' });
    expect(await codes()).toContain('SN');
  });

  it('an admin adds an organisation with a longer acronym (201)', async () => {
    await t.http
      .post('/api/parties')
      .set('Authorization', await bearer(DEMO.admin))
      .send({
        code: 'ECOWAS',
        name: 'Communauté économique des États de l’Afrique de l’Ouest',
        type: 'organisation',
      })
      .expect(201);
    expect(await codes()).toContain('ECOWAS');
  });

  it('refuses a duplicate code (409)', async () => {
    const before = await codes();
    const res = await t.http
      .post('/api/parties')
      .set('Authorization', await bearer(DEMO.admin))
      .send({ code: 'MA', name: 'Maroc (doublon)', type: 'state' })
      .expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await codes()).toEqual(before);
  });

  it.each([
    [{ code: 'sn', name: 'x', type: 'state' }, 'code'],
    [{ code: 'S', name: 'x', type: 'state' }, 'code'],
    [{ code: 'SEN', name: 'Sénégal', type: 'state' }, 'code'],
    [{ code: 'GH', name: 'Ghana', type: 'country' }, 'type'],
    [{ code: 'GH', name: '', type: 'state' }, 'name'],
    [{ code: 'GH', name: 'Ghana', type: 'state', flag: 'x' }, 'flag'],
  ])('refuses %j with a 400 naming %s', async (body, field) => {
    const before = await codes();
    const res = await t.http
      .post('/api/parties')
      .set('Authorization', await bearer(DEMO.admin))
      .send(body)
      .expect(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect([...new Set((res.body.errors as { field: string }[]).map((e) => e.field))]).toEqual([
      field,
    ]);
    expect(await codes()).toEqual(before);
  });

  it.each([DEMO.pm, DEMO.focalMa, DEMO.observer])('%s may not add a party (403)', async (email) => {
    await t.http
      .post('/api/parties')
      .set('Authorization', await bearer(email))
      .send({ code: 'GH', name: 'Ghana', type: 'state' })
      .expect(403);
    expect(await codes()).not.toContain('GH');
  });
});

describe('users', () => {
  let t: TestApp;
  const bearer = (email: string) => t.tokenFor(email);
  const admin = () => bearer(DEMO.admin);
  let counter = 0;
  /** A valid creation body with a fresh email. */
  const userBody = (overrides: Record<string, unknown> = {}) => ({
    email: `user${++counter}@accords.example`,
    name: 'Nouvel utilisateur',
    role: 'focal_point',
    partyCode: 'MA',
    password: 'twelve-chars-ok',
    ...overrides,
  });
  /** A new focal point, created by the admin, and a token of its own. */
  const createSignedInUser = async () => {
    const body = userBody();
    const created = await t.http
      .post('/api/users')
      .set('Authorization', await admin())
      .send(body)
      .expect(201);
    return { body, created, token: await t.tokenFor(body.email, body.password) };
  };
  const userCount = async () =>
    (
      await t.http
        .get('/api/users')
        .set('Authorization', await admin())
        .expect(200)
    ).body.total as number;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('an admin lists the accounts without any password hash', async () => {
    const res = await t.http
      .get('/api/users')
      .set('Authorization', await admin())
      .expect(200);
    expect(res.body.total).toBe(5);
    expect(res.body.items.map((u: { email: string }) => u.email).sort()).toEqual(
      Object.values(DEMO).sort(),
    );
    expect(res.body.items.find((u: { email: string }) => u.email === DEMO.focalCi)).toMatchObject({
      role: 'focal_point',
      partyCode: 'CI',
      locale: 'fr',
      timeZone: 'Africa/Abidjan',
      active: true,
    });
    expectNoSecrets(res.body);
  });

  it('creates a user (201) with defaults, never returning the password, who can then log in', async () => {
    const body = userBody({ email: 'Nouvelle.Focale@Accords.Example' });
    const res = await t.http
      .post('/api/users')
      .set('Authorization', await admin())
      .send(body)
      .expect(201);
    expect(res.body).toMatchObject({
      id: expect.any(String),
      email: 'nouvelle.focale@accords.example',
      role: 'focal_point',
      partyCode: 'MA',
      locale: 'fr',
      timeZone: 'Africa/Casablanca',
      active: true,
    });
    expectNoSecrets(res.body);

    const login = await t.http
      .post('/api/auth/login')
      .send({ email: 'nouvelle.focale@accords.example', password: body.password })
      .expect(200);
    expect(login.body.user).toMatchObject({
      id: res.body.id,
      role: 'focal_point',
      partyCode: 'MA',
    });
    expectNoSecrets(login.body.user);
    const me = await t.http
      .get('/api/me')
      .set('Authorization', `Bearer ${login.body.accessToken}`)
      .expect(200);
    expect(me.body).toMatchObject({ id: res.body.id, email: 'nouvelle.focale@accords.example' });

    const fetched = await t.http
      .get(`/api/users/${res.body.id}`)
      .set('Authorization', await admin())
      .expect(200);
    expect(fetched.body).toEqual(res.body);
    expectNoSecrets(fetched.body);
  });

  it('creates an observer with a locale, a zone and no party', async () => {
    const res = await t.http
      .post('/api/users')
      .set('Authorization', await admin())
      .send(
        userBody({
          role: 'observer',
          partyCode: undefined,
          locale: 'ar',
          timeZone: 'Africa/Cairo',
        }),
      )
      .expect(201);
    expect(res.body).toMatchObject({
      role: 'observer',
      partyCode: null,
      locale: 'ar',
      timeZone: 'Africa/Cairo',
      observedAgreementIds: [],
    });
  });

  it.each([
    ['a password of 11 characters', { password: 'eleven-char' }, 'password'],
    ['a common password (breached-password list)', { password: 'qwerty123456' }, 'password'],
    ['a common password in capitals', { password: '1QAZ2WSX3EDC' }, 'password'],
    ['a password of twelve spaces', { password: ' '.repeat(12) }, 'password'],
    ['a focal point without a party', { partyCode: undefined }, 'partyCode'],
    ['an unknown party code', { partyCode: 'ZZ' }, 'partyCode'],
    ['a malformed party code', { partyCode: 'maroc' }, 'partyCode'],
    ['an unknown time zone', { timeZone: 'Africa/Atlantis' }, 'timeZone'],
    ['an unsupported locale', { locale: 'de' }, 'locale'],
    ['an unknown role', { role: 'superuser' }, 'role'],
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['an unknown field', { phone: '+212' }, 'phone'],
    ['a NUL character in the name', { name: 'Nouvel\u0000utilisateur' }, 'name'],
    [
      'an unknown observed agreement',
      { observedAgreementIds: ['3f1d2a4e-0000-4000-8000-000000000000'] },
      'observedAgreementIds',
    ],
  ])(
    'refuses %s with a 400 naming the field, creating nobody',
    async (_label, overrides, field) => {
      const before = await userCount();
      const body = userBody(overrides);
      const res = await t.http
        .post('/api/users')
        .set('Authorization', await admin())
        .send(body)
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([...new Set((res.body.errors as { field: string }[]).map((e) => e.field))]).toEqual([
        field,
      ]);
      // The submitted password is never echoed back, even in an error.
      expect(JSON.stringify(res.body)).not.toContain(body.password);
      expect(await userCount()).toBe(before);
    },
  );

  it.each([DEMO.pm, 'PM@Accords.Example'])('refuses a duplicate email %s (409)', async (email) => {
    const before = await userCount();
    const res = await t.http
      .post('/api/users')
      .set('Authorization', await admin())
      .send(userBody({ email }))
      .expect(409);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(await userCount()).toBe(before);
  });

  it('refuses a password that is not a string (400 naming it)', async () => {
    const res = await t.http
      .post('/api/users')
      .set('Authorization', await admin())
      .send(userBody({ password: 123456789012 }))
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'password', message: 'must be a string', code: 'isAcceptablePassword' },
    ]);
  });

  it('names the reason for a common password without echoing it', async () => {
    const res = await t.http
      .post('/api/users')
      .set('Authorization', await admin())
      .send(userBody({ password: 'qwerty123456' }))
      .expect(400);
    expect(res.body.errors).toEqual([
      { field: 'password', message: expect.stringMatching(/common/), code: 'isAcceptablePassword' },
    ]);
  });

  it('changes the role and locale of a user, effective at once, revoking older tokens', async () => {
    const body = userBody({ role: 'observer', partyCode: undefined, locale: 'fr' });
    const created = await t.http
      .post('/api/users')
      .set('Authorization', await admin())
      .send(body)
      .expect(201);
    const token = await t.tokenFor(body.email, body.password);
    await t.http.get('/api/users').set('Authorization', token).expect(403);

    const res = await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', await admin())
      .send({ role: 'admin', locale: 'en' })
      .expect(200);
    expect(res.body).toMatchObject({ id: created.body.id, role: 'admin', locale: 'en' });
    expectNoSecrets(res.body);

    // A token must not outlive the role it was issued with: the old one is refused, a new login works.
    await t.http.get('/api/me').set('Authorization', token).expect(401);
    const fresh = await t.tokenFor(body.email, body.password);
    const me = await t.http.get('/api/me').set('Authorization', fresh).expect(200);
    expect(me.body).toMatchObject({ role: 'admin', locale: 'en' });
    await t.http.get('/api/users').set('Authorization', fresh).expect(200);
  });

  it('keeps tokens valid through a change of name, locale or time zone', async () => {
    const { created, token } = await createSignedInUser();
    await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', await admin())
      .send({ name: 'Autre nom', locale: 'ar', timeZone: 'Africa/Tunis' })
      .expect(200);
    await t.http.get('/api/me').set('Authorization', token).expect(200);
  });

  it('refuses a common password on change (400 naming it) and keeps the old one', async () => {
    const { body, created, token } = await createSignedInUser();
    const res = await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', await admin())
      .send({ password: '123456789012' })
      .expect(400);
    expect((res.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['password']);
    await t.http.get('/api/me').set('Authorization', token).expect(200);
    await t.http
      .post('/api/auth/login')
      .send({ email: body.email, password: body.password })
      .expect(200);
  });

  it('changes a password: the old one and its tokens stop working, the new one works', async () => {
    const { body, created, token } = await createSignedInUser();
    await t.http.get('/api/me').set('Authorization', token).expect(200);
    await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', await admin())
      .send({ password: 'a-brand-new-password' })
      .expect(200);
    await t.http
      .post('/api/auth/login')
      .send({ email: body.email, password: body.password })
      .expect(401);
    const fresh = await t.http
      .post('/api/auth/login')
      .send({ email: body.email, password: 'a-brand-new-password' })
      .expect(200);
    await t.http.get('/api/me').set('Authorization', token).expect(401);
    await t.http
      .get('/api/me')
      .set('Authorization', `Bearer ${fresh.body.accessToken as string}`)
      .expect(200);
  });

  it.each([
    ['a short password', { password: 'short' }, 'password'],
    ['a focal point losing its party', { partyCode: null }, 'partyCode'],
    ['an unknown party', { partyCode: 'ZZ' }, 'partyCode'],
    ['an unsupported locale', { locale: 'es' }, 'locale'],
    ['an unknown time zone', { timeZone: 'Europe/Nowhere' }, 'timeZone'],
    ['a password hash', { passwordHash: 'x' }, 'passwordHash'],
    // null used to go straight to NOT NULL columns (or to the password hasher): a 500.
    ['a null name', { name: null }, 'name'],
    ['a null role', { role: null }, 'role'],
    ['a null locale', { locale: null }, 'locale'],
    ['a null time zone', { timeZone: null }, 'timeZone'],
    ['a null password', { password: null }, 'password'],
    ['a null active flag', { active: null }, 'active'],
    ['a NUL character in the name', { name: 'Youssef\u0000' }, 'name'],
  ])(
    'refuses a PATCH with %s (400 naming the field), changing nothing',
    async (_l, patch, field) => {
      const list = await t.http
        .get('/api/users')
        .set('Authorization', await admin())
        .expect(200);
      const focal = list.body.items.find((u: { email: string }) => u.email === DEMO.focalMa);
      const res = await t.http
        .patch(`/api/users/${focal.id}`)
        .set('Authorization', await admin())
        .send(patch)
        .expect(400);
      expect([...new Set((res.body.errors as { field: string }[]).map((e) => e.field))]).toEqual([
        field,
      ]);
      const after = await t.http
        .get(`/api/users/${focal.id}`)
        .set('Authorization', await admin())
        .expect(200);
      expect(after.body).toEqual(focal);
    },
  );

  it('detaches an observer from its party with null', async () => {
    const created = await t.http
      .post('/api/users')
      .set('Authorization', await admin())
      .send(userBody({ role: 'observer', partyCode: 'EU' }))
      .expect(201);
    const res = await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', await admin())
      .send({ partyCode: null })
      .expect(200);
    expect(res.body).toMatchObject({ role: 'observer', partyCode: null });
  });

  it('making a user without a party a focal point needs a party (400)', async () => {
    const body = userBody({ role: 'observer', partyCode: undefined });
    const created = await t.http
      .post('/api/users')
      .set('Authorization', await admin())
      .send(body)
      .expect(201);
    const res = await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', await admin())
      .send({ role: 'focal_point' })
      .expect(400);
    expect(res.body.errors).toEqual([{ field: 'partyCode', message: expect.any(String) }]);
    await t.http
      .patch(`/api/users/${created.body.id}`)
      .set('Authorization', await admin())
      .send({ role: 'focal_point', partyCode: 'TN' })
      .expect(200);
  });

  it('answers 404 for an unknown user and 400 for a malformed id', async () => {
    await t.http
      .patch('/api/users/3f1d2a4e-0000-4000-8000-000000000000')
      .set('Authorization', await admin())
      .send({ locale: 'en' })
      .expect(404);
    await t.http
      .get('/api/users/3f1d2a4e-0000-4000-8000-000000000000')
      .set('Authorization', await admin())
      .expect(404);
    await t.http
      .patch('/api/users/42')
      .set('Authorization', await admin())
      .send({ locale: 'en' })
      .expect(400);
  });

  describe('GET /api/me', () => {
    it.each([
      [DEMO.admin, 'admin', null, 'en', 'Africa/Casablanca'],
      [DEMO.pm, 'programme_manager', 'IOM', 'en', 'Africa/Casablanca'],
      [DEMO.focalMa, 'focal_point', 'MA', 'fr', 'Africa/Casablanca'],
      [DEMO.focalCi, 'focal_point', 'CI', 'fr', 'Africa/Abidjan'],
      [DEMO.observer, 'observer', 'EU', 'fr', 'Africa/Casablanca'],
    ])('answers %s as %s of %s, in %s and %s', async (email, role, partyCode, locale, timeZone) => {
      const res = await t.http
        .get('/api/me')
        .set('Authorization', await t.tokenFor(email, DEMO_PASSWORD))
        .expect(200);
      expect(res.body).toMatchObject({ email, role, partyCode, locale, timeZone, active: true });
      expectNoSecrets(res.body);
    });
  });
});
