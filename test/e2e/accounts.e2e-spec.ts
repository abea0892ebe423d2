import type { INestApplicationContext } from '@nestjs/common';
import { SmtpSink } from '../support/smtp-sink';
import { createTestApp, DEMO, DEMO_PASSWORD, type TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { CookieJar, linkIn, mailTo, setCookies, signInByCookie } from '../support/account-helpers';

const PASSWORD = 'a long enough passphrase 42';
const NEW_PASSWORD = 'another fine passphrase 77';

describe('accounts: invitations, password resets, own password and profile', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let admin: string;
  let counter = 0;
  /** A distinct client address per test, so the per-address limits of one test do not leak. */
  const address = () => `203.0.113.${++counter}`;
  const email = (label: string) => `${label}.${Date.now().toString(36)}${++counter}@example.org`;

  async function newUser(label: string, extra: Record<string, unknown> = {}) {
    const res = await t.http
      .post('/api/users')
      .set('Authorization', admin)
      .send({
        email: email(label),
        name: `Test ${label}`,
        role: 'programme_manager',
        password: PASSWORD,
        ...extra,
      })
      .expect(201);
    return res.body as { id: string; email: string };
  }

  beforeAll(async () => {
    const port = await sink.start();
    t = await createTestApp({
      env: {
        SMTP_URL: sink.url(port),
        REMINDER_SWEEP_EVERY_MS: '3600000',
        TRUST_PROXY: 'true',
        DELIVERY_BACKOFF_MS: '50',
      },
    });
    t.clock.set('2026-06-15T10:00:00Z');
    worker = await startWorker(t);
    admin = await t.tokenFor(DEMO.admin);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink.stop();
  });

  describe('invitations', () => {
    it('an admin invites a focal point; the Arabic mail carries a single-use link that sets the password and signs in', async () => {
      const to = email('invitee');
      const res = await t.http
        .post('/api/auth/invitations')
        .set('Authorization', admin)
        .send({ email: to, name: 'سلمى', role: 'focal_point', partyCode: 'MA', locale: 'ar' })
        .expect(201);
      expect(res.body).toMatchObject({
        email: to,
        role: 'focal_point',
        invitationPending: true,
        active: true,
      });
      expect(res.body).not.toHaveProperty('passwordHash');
      // No password works before the invitation is accepted.
      await t.http
        .post('/api/auth/login')
        .send({ email: to, password: '!invitation-pending' })
        .expect(401);

      const mail = await mailTo(sink, to);
      expect(mail.subject).toBe('حسابك في Accords بانتظارك');
      expect(mail.html).toContain('dir="rtl"');
      expect(mail.text).toContain('7 أيام');
      const link = linkIn(mail, 'invitation');
      expect(link.url).toBe(`${t.config.PUBLIC_URL}/?lang=ar#invitation/${link.token}`);
      expect(mail.html).toContain(link.url);
      const stored = await t.dataSource.query(
        'SELECT token_hash FROM account_tokens WHERE user_id = $1',
        [res.body.id],
      );
      expect(JSON.stringify(stored)).not.toContain(link.token);

      // A too-short password is refused beside its field, and the link stays usable.
      const weak = await t.http
        .post('/api/auth/password-resets')
        .send({ token: link.token, password: 'short' });
      expect(weak.status).toBe(400);
      expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'password' })]);

      const accepted = await t.http
        .post('/api/auth/password-resets')
        .send({ token: link.token, password: PASSWORD, startSession: true })
        .expect(204);
      const jar = new CookieJar().take(accepted);
      const session = await t.http.get('/api/auth/session').set('Cookie', jar.header()).expect(200);
      expect(session.body.user).toMatchObject({ email: to, invitationPending: false });
      expect(session.body.csrfToken).toEqual(expect.any(String));

      const again = await t.http
        .post('/api/auth/password-resets')
        .send({ token: link.token, password: NEW_PASSWORD });
      expect(again.status).toBe(400);
      expect(again.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
      await t.http.post('/api/auth/login').send({ email: to, password: PASSWORD }).expect(200);
    });

    it('validates like user creation: a focal point needs a party, an existing email is a conflict, only admins invite', async () => {
      const noParty = await t.http
        .post('/api/auth/invitations')
        .set('Authorization', admin)
        .send({ email: email('np'), name: 'No party', role: 'focal_point' });
      expect(noParty.status).toBe(400);
      expect(noParty.body.errors.map((e: { field: string }) => e.field)).toContain('partyCode');
      const badZone = await t.http
        .post('/api/auth/invitations')
        .set('Authorization', admin)
        .send({ email: email('tz'), name: 'Zone', role: 'observer', timeZone: 'Mars/Olympus' });
      expect(badZone.status).toBe(400);
      await t.http
        .post('/api/auth/invitations')
        .set('Authorization', admin)
        .send({ email: DEMO.pm, name: 'Again', role: 'programme_manager' })
        .expect(409);
      await t.http
        .post('/api/auth/invitations')
        .set('Authorization', await t.tokenFor(DEMO.pm))
        .send({ email: email('pm'), name: 'By a PM', role: 'observer' })
        .expect(403);
    });

    it('re-inviting someone who has not accepted sends a fresh link and voids the old one', async () => {
      const to = email('reinvite');
      const body = { email: to, name: 'Koffi', role: 'focal_point', partyCode: 'CI', locale: 'fr' };
      await t.http.post('/api/auth/invitations').set('Authorization', admin).send(body).expect(201);
      const first = linkIn(await mailTo(sink, to), 'invitation');
      const again = await t.http
        .post('/api/auth/invitations')
        .set('Authorization', admin)
        .send({ ...body, name: 'Koffi Kouassi' })
        .expect(200);
      expect(again.body).toMatchObject({ name: 'Koffi Kouassi', invitationPending: true });
      const secondMail = await mailTo(sink, to, 2);
      expect(secondMail.subject).toBe('Votre compte Accords vous attend');
      expect(secondMail.text).toContain('7 jours');
      const second = linkIn(secondMail, 'invitation');
      expect(second.token).not.toBe(first.token);
      await t.http
        .post('/api/auth/password-resets')
        .send({ token: first.token, password: PASSWORD })
        .expect(400);
      await t.http
        .post('/api/auth/password-resets')
        .send({ token: second.token, password: PASSWORD })
        .expect(204);
      // Accepted: a third invitation for the same email is a conflict now.
      await t.http.post('/api/auth/invitations').set('Authorization', admin).send(body).expect(409);
    });

    it('an invitation link expires after 7 days', async () => {
      const to = email('late');
      await t.http
        .post('/api/auth/invitations')
        .set('Authorization', admin)
        .send({ email: to, name: 'Late', role: 'observer', locale: 'en' })
        .expect(201);
      const mail = await mailTo(sink, to);
      expect(mail.text).toContain('for 7 days');
      const { token } = linkIn(mail, 'invitation');
      const start = t.clock.now();
      t.clock.set(new Date(start.getTime() + 7 * 24 * 3600 * 1000 + 60_000));
      try {
        const res = await t.http
          .post('/api/auth/password-resets')
          .send({ token, password: PASSWORD });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
      } finally {
        t.clock.set(start);
      }
    });
  });

  describe('password reset', () => {
    it('mails a French link that works once, ends older tokens, and answers the same for an unknown email', async () => {
      const user = await newUser('reset', { locale: 'fr' });
      const oldBearer = await t.tokenFor(user.email, PASSWORD);
      const from = address();
      const started = Date.now();
      const known = await t.http
        .post('/api/auth/password-reset-requests')
        .set('X-Forwarded-For', from)
        .send({ email: user.email })
        .expect(202);
      const knownMs = Date.now() - started;
      const unknownStart = Date.now();
      const unknown = await t.http
        .post('/api/auth/password-reset-requests')
        .set('X-Forwarded-For', from)
        .send({ email: email('nobody') })
        .expect(202);
      const unknownMs = Date.now() - unknownStart;
      expect(unknown.body).toEqual(known.body);
      expect(unknownMs).toBeGreaterThanOrEqual(240);
      expect(knownMs).toBeGreaterThanOrEqual(240);

      const mail = await mailTo(sink, user.email);
      expect(mail.subject).toBe('Réinitialisation de votre mot de passe Accords');
      expect(mail.text).toContain('1 heure');
      const { token, lang } = linkIn(mail, 'password-reset');
      expect(lang).toBe('fr');
      await t.http
        .post('/api/auth/password-resets')
        .send({ token, password: NEW_PASSWORD })
        .expect(204);
      await t.http.get('/api/me').set('Authorization', oldBearer).expect(401);
      await t.http
        .post('/api/auth/login')
        .send({ email: user.email, password: NEW_PASSWORD })
        .expect(200);
      await t.http
        .post('/api/auth/password-resets')
        .send({ token, password: PASSWORD })
        .expect(400);
    });

    it('a second request voids the first link; a link expires after an hour; unknown tokens are refused', async () => {
      const user = await newUser('reset2', { locale: 'en' });
      const from = address();
      for (const n of [1, 2]) {
        await t.http
          .post('/api/auth/password-reset-requests')
          .set('X-Forwarded-For', from)
          .send({ email: user.email })
          .expect(202);
        await mailTo(sink, user.email, n);
      }
      const [first, second] = sink.mails
        .filter((m) => m.to === user.email)
        .map((m) => linkIn(m, 'password-reset').token);
      await t.http
        .post('/api/auth/password-resets')
        .send({ token: first, password: NEW_PASSWORD })
        .expect(400);
      const start = t.clock.now();
      t.clock.set(new Date(start.getTime() + 61 * 60_000));
      try {
        await t.http
          .post('/api/auth/password-resets')
          .send({ token: second, password: NEW_PASSWORD })
          .expect(400);
      } finally {
        t.clock.set(start);
      }
      for (const token of ['x'.repeat(43), 'not a token', '']) {
        const res = await t.http
          .post('/api/auth/password-resets')
          .send({ token, password: NEW_PASSWORD });
        expect(res.status).toBe(400);
        expect(res.body.errors).toEqual([expect.objectContaining({ field: 'token' })]);
      }
    });

    it('is limited per email and per address (429 with Retry-After), the same for unknown emails', async () => {
      const target = email('flooded-unknown');
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) {
        const res = await t.http
          .post('/api/auth/password-reset-requests')
          .set('X-Forwarded-For', address())
          .send({ email: target });
        statuses.push(res.status);
        if (res.status === 429) expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
      }
      expect(statuses).toEqual([202, 202, 202, 429, 429]);
      const from = address();
      const perAddress: number[] = [];
      for (let i = 0; i < 12; i++) {
        const res = await t.http
          .post('/api/auth/password-reset-requests')
          .set('X-Forwarded-For', from)
          .send({ email: email('walk') });
        perAddress.push(res.status);
      }
      expect(perAddress.filter((s) => s === 202)).toHaveLength(10);
      expect(perAddress.slice(10)).toEqual([429, 429]);
    });

    it('sends nothing to a deactivated account', async () => {
      const user = await newUser('inactive');
      await t.http
        .patch(`/api/users/${user.id}`)
        .set('Authorization', admin)
        .send({ active: false })
        .expect(200);
      await t.http
        .post('/api/auth/password-reset-requests')
        .set('X-Forwarded-For', address())
        .send({ email: user.email })
        .expect(202);
      const rows = await t.dataSource.query('SELECT id FROM account_tokens WHERE user_id = $1', [
        user.id,
      ]);
      expect(rows).toHaveLength(0);
    });
  });

  describe('my account', () => {
    it('changing my password needs the current one, ends other sessions and tokens, and keeps my page signed in', async () => {
      const user = await newUser('change');
      const bearer = await t.tokenFor(user.email, PASSWORD);
      const otherPage = await signInByCookie(t, user.email, PASSWORD, address());
      const myPage = await signInByCookie(t, user.email, PASSWORD, address());

      const wrong = await t.http
        .put('/api/me/password')
        .set('Cookie', myPage.header())
        .set('X-CSRF-Token', myPage.csrf)
        .send({ currentPassword: 'not my password at all', newPassword: NEW_PASSWORD });
      expect(wrong.status).toBe(400);
      expect(wrong.body.errors).toEqual([expect.objectContaining({ field: 'currentPassword' })]);
      const weak = await t.http
        .put('/api/me/password')
        .set('Cookie', myPage.header())
        .set('X-CSRF-Token', myPage.csrf)
        .send({ currentPassword: PASSWORD, newPassword: 'password1234' });
      expect(weak.status).toBe(400);
      expect(weak.body.errors).toEqual([expect.objectContaining({ field: 'newPassword' })]);

      const changed = await t.http
        .put('/api/me/password')
        .set('Cookie', myPage.header())
        .set('X-CSRF-Token', myPage.csrf)
        .send({ currentPassword: PASSWORD, newPassword: NEW_PASSWORD })
        .expect(204);
      const oldCsrf = myPage.csrf;
      myPage.take(changed);
      expect(myPage.csrf).not.toBe(oldCsrf);
      await t.http.get('/api/me').set('Cookie', myPage.header()).expect(200);
      await t.http.get('/api/me').set('Authorization', bearer).expect(401);
      await t.http.get('/api/me').set('Cookie', otherPage.header()).expect(401);
      await t.http.post('/api/auth/session/refresh').set('Cookie', otherPage.header()).expect(401);
    });

    it('too many wrong current passwords are refused like logins (429)', async () => {
      const user = await newUser('guess');
      const bearer = await t.tokenFor(user.email, PASSWORD);
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) {
        const res = await t.http
          .put('/api/me/password')
          .set('Authorization', bearer)
          .send({ currentPassword: `wrong guess number ${i}`, newPassword: NEW_PASSWORD });
        statuses.push(res.status);
      }
      expect(statuses.slice(0, 5)).toEqual([400, 400, 400, 400, 400]);
      expect(statuses.slice(5)).toEqual([429, 429]);
    });

    it('PATCH /api/me changes name, language and time zone, validated as for user creation', async () => {
      const user = await newUser('profile');
      const bearer = await t.tokenFor(user.email, PASSWORD);
      const ok = await t.http
        .patch('/api/me')
        .set('Authorization', bearer)
        .send({ name: 'Aïcha Benali', locale: 'ar', timeZone: 'Africa/Abidjan' })
        .expect(200);
      expect(ok.body).toMatchObject({
        id: user.id,
        name: 'Aïcha Benali',
        locale: 'ar',
        timeZone: 'Africa/Abidjan',
      });
      for (const [body, field] of [
        [{ timeZone: 'Europe/Nowhere' }, 'timeZone'],
        [{ locale: 'de' }, 'locale'],
        [{ name: '' }, 'name'],
        [{ name: null }, 'name'],
        [{ role: 'admin' }, 'role'],
      ] as const) {
        const res = await t.http.patch('/api/me').set('Authorization', bearer).send(body);
        expect(res.status).toBe(400);
        expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      }
      const me = await t.http.get('/api/me').set('Authorization', bearer).expect(200);
      expect(me.body).toMatchObject({
        name: 'Aïcha Benali',
        role: 'programme_manager',
        locale: 'ar',
      });
    });
  });

  describe('the page session by cookie', () => {
    it('sets HttpOnly SameSite cookies, Secure only over HTTPS', async () => {
      const user = await newUser('cookies');
      const plain = await t.http
        .post('/api/auth/session')
        .set('X-Forwarded-For', address())
        .send({ email: user.email, password: PASSWORD })
        .expect(200);
      const cookies = setCookies(plain);
      const access = cookies.get('accords_session')!.raw;
      const refresh = cookies.get('accords_refresh')!.raw;
      expect(access).toMatch(/HttpOnly/i);
      expect(access).toMatch(/SameSite=Lax/i);
      expect(access).toMatch(/Path=\//);
      expect(access).not.toMatch(/Secure/i);
      expect(refresh).toMatch(/HttpOnly/i);
      expect(refresh).toMatch(/SameSite=Strict/i);
      expect(refresh).toMatch(/Path=\/api\/auth\/session/);
      expect(plain.body.user).toMatchObject({ email: user.email });
      expect(plain.body).not.toHaveProperty('accessToken');

      const https = await t.http
        .post('/api/auth/session')
        .set('X-Forwarded-For', address())
        .set('X-Forwarded-Proto', 'https')
        .send({ email: user.email, password: PASSWORD })
        .expect(200);
      for (const { raw } of setCookies(https).values()) expect(raw).toMatch(/; Secure/i);
      await t.http
        .post('/api/auth/session')
        .set('X-Forwarded-For', address())
        .send({ email: user.email, password: 'wrong password here' })
        .expect(401);
    });

    it('a change by cookie needs the CSRF token; a read does not', async () => {
      const user = await newUser('csrf');
      const jar = await signInByCookie(t, user.email, PASSWORD, address());
      await t.http.get('/api/me').set('Cookie', jar.header()).expect(200);
      const without = await t.http
        .patch('/api/me')
        .set('Cookie', jar.header())
        .send({ name: 'Forged' });
      expect(without.status).toBe(403);
      const forged = await t.http
        .patch('/api/me')
        .set('Cookie', jar.header())
        .set('X-CSRF-Token', 'forged')
        .send({ name: 'Forged' });
      expect(forged.status).toBe(403);
      const other = await signInByCookie(t, user.email, PASSWORD, address());
      await t.http
        .patch('/api/me')
        .set('Cookie', jar.header())
        .set('X-CSRF-Token', other.csrf)
        .send({ name: 'Forged' })
        .expect(403);
      expect((await t.http.get('/api/me').set('Cookie', jar.header())).body.name).not.toBe(
        'Forged',
      );
      await t.http
        .patch('/api/me')
        .set('Cookie', jar.header())
        .set('X-CSRF-Token', jar.csrf)
        .send({ name: 'Real' })
        .expect(200);
      // The page's session token is no bearer token.
      const access = jar.values.get('accords_session')!;
      await t.http.get('/api/me').set('Authorization', `Bearer ${access}`).expect(401);
    });

    it('refresh rotates; an old refresh token used again revokes the session; parallel tabs are no theft', async () => {
      const user = await newUser('refresh');
      const jar = await signInByCookie(t, user.email, PASSWORD, address());
      const first = jar.values.get('accords_refresh')!;
      const rotated = await t.http
        .post('/api/auth/session/refresh')
        .set('Cookie', jar.header())
        .expect(200);
      jar.take(rotated);
      const second = jar.values.get('accords_refresh')!;
      expect(second).not.toBe(first);
      expect(rotated.body.user.email).toBe(user.email);

      // A second tab that refreshed with the same token a moment later: fine, no new cookies.
      const parallel = await t.http
        .post('/api/auth/session/refresh')
        .set('Cookie', `accords_refresh=${first}`)
        .expect(200);
      expect(setCookies(parallel).size).toBe(0);

      // Later, the old token again: taken for theft, the whole session ends.
      const start = t.clock.now();
      t.clock.set(new Date(start.getTime() + 60_000));
      try {
        await t.http
          .post('/api/auth/session/refresh')
          .set('Cookie', `accords_refresh=${first}`)
          .expect(401);
        await t.http.get('/api/me').set('Cookie', jar.header()).expect(401);
        await t.http.post('/api/auth/session/refresh').set('Cookie', jar.header()).expect(401);
      } finally {
        t.clock.set(start);
      }
    });

    it('sign-out revokes the session on the server and clears the cookies', async () => {
      const user = await newUser('logout');
      const jar = await signInByCookie(t, user.email, PASSWORD, address());
      const kept = jar.header();
      await t.http.delete('/api/auth/session').set('Cookie', kept).expect(403);
      const out = await t.http
        .delete('/api/auth/session')
        .set('Cookie', kept)
        .set('X-CSRF-Token', jar.csrf)
        .expect(204);
      const cleared = setCookies(out);
      expect(cleared.get('accords_session')?.value).toBe('');
      expect(cleared.get('accords_refresh')?.value).toBe('');
      // Cookies kept by a thief are worthless now.
      await t.http.get('/api/me').set('Cookie', kept).expect(401);
      await t.http.get('/api/auth/session').set('Cookie', kept).expect(401);
      await t.http.post('/api/auth/session/refresh').set('Cookie', kept).expect(401);
    });

    it('a role change or deactivation by an admin ends cookie sessions too', async () => {
      const user = await newUser('demoted');
      const jar = await signInByCookie(t, user.email, PASSWORD, address());
      await t.http.get('/api/me').set('Cookie', jar.header()).expect(200);
      await t.http
        .patch(`/api/users/${user.id}`)
        .set('Authorization', admin)
        .send({ role: 'observer' })
        .expect(200);
      await t.http.get('/api/me').set('Cookie', jar.header()).expect(401);
      await t.http.post('/api/auth/session/refresh').set('Cookie', jar.header()).expect(401);
    });

    it('export files fetched by the page work with the cookie', async () => {
      const jar = await signInByCookie(t, DEMO.pm, DEMO_PASSWORD, address());
      const plans = await t.http.get('/api/dashboard').set('Cookie', jar.header()).expect(200);
      const planId =
        (plans.body.items ?? plans.body)[0].planId ?? (plans.body.items ?? plans.body)[0].id;
      const csv = await t.http
        .get(`/api/action-plans/${planId}/activities.csv`)
        .set('Cookie', jar.header());
      expect(csv.status).toBe(200);
      expect(csv.headers['content-type']).toMatch(/text\/csv/);
    });
  });
});
