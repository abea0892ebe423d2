import { createEgyptTunisiaAgreement, SeededPlan, seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

type EgTn = Awaited<ReturnType<typeof createEgyptTunisiaAgreement>>;

const OUTSIDERS = [DEMO.focalMa, DEMO.focalCi, DEMO.observer] as const;
const MANAGERS = [DEMO.pm, DEMO.admin] as const;
const NON_MANAGERS = [DEMO.focalMa, DEMO.focalCi, DEMO.observer] as const;
const UNKNOWN_ID = '3f1d2a4e-0000-4000-8000-000000000000';

describe('who sees and does what', () => {
  let t: TestApp;
  let seeded: SeededPlan;
  let egTn: EgTn;
  const bearer = (email: string) => t.tokenFor(email);

  /** Every read route of the EG–TN agreement, its plan and its activity. */
  const egTnReads = () => [
    `/api/agreements/${egTn.agreementId}`,
    `/api/agreements/${egTn.agreementId}/action-plans`,
    `/api/agreements/${egTn.agreementId}/renewals`,
    `/api/action-plans/${egTn.planId}`,
    `/api/action-plans/${egTn.planId}/activities`,
    `/api/action-plans/${egTn.planId}/progress`,
    `/api/activities/${egTn.activityId}`,
    `/api/activities/${egTn.activityId}/history`,
  ];

  /** The same routes for the seeded MA–CI MoU. */
  const mouReads = () => [
    `/api/agreements/${seeded.agreementId}`,
    `/api/agreements/${seeded.agreementId}/action-plans`,
    `/api/agreements/${seeded.agreementId}/renewals`,
    `/api/action-plans/${seeded.planId}`,
    `/api/action-plans/${seeded.planId}/activities`,
    `/api/action-plans/${seeded.planId}/progress`,
    `/api/activities/${seeded.activities[0].id}`,
    `/api/activities/${seeded.activities[0].id}/history`,
  ];

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2026-06-15T12:00:00Z');
    seeded = await seededPlan(t);
    egTn = await createEgyptTunisiaAgreement(t);
  });
  afterAll(() => t.close());

  describe('reading agreements', () => {
    it.each([
      [DEMO.focalMa, 1],
      [DEMO.focalCi, 1],
      [DEMO.observer, 1],
      [DEMO.pm, 2],
      [DEMO.admin, 2],
    ])('%s lists %d agreement(s)', async (email, expected) => {
      const res = await t.http
        .get('/api/agreements')
        .set('Authorization', await bearer(email))
        .expect(200);
      expect(res.body.total).toBe(expected);
      const ids = (res.body.items as { id: string }[]).map((a) => a.id);
      expect(ids).toHaveLength(expected);
      expect(ids).toContain(seeded.agreementId);
      expect(ids.includes(egTn.agreementId)).toBe(expected === 2);
    });

    it.each(OUTSIDERS)(
      '%s gets a problem+json 404, as for a missing id, on every route of the EG–TN agreement',
      async (email) => {
        const token = await bearer(email);
        for (const path of egTnReads()) {
          const res = await t.http.get(path).set('Authorization', token);
          expect({ path, status: res.status }).toEqual({ path, status: 404 });
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
          expect(res.body).toMatchObject({ status: 404, instance: path });
          // Indistinguishable from an id that does not exist at all.
          const missing = await t.http
            .get(path.replace(/[0-9a-f-]{36}/, UNKNOWN_ID))
            .set('Authorization', token)
            .expect(404);
          expect(missing.body.title).toBe(res.body.title);
        }
      },
    );

    it.each(MANAGERS)('%s reads every route of the EG–TN agreement', async (email) => {
      const token = await bearer(email);
      for (const path of egTnReads()) {
        const res = await t.http.get(path).set('Authorization', token);
        expect({ path, status: res.status }).toEqual({ path, status: 200 });
      }
      const activities = await t.http
        .get(`/api/action-plans/${egTn.planId}/activities`)
        .set('Authorization', token)
        .expect(200);
      expect(activities.body.items.map((a: { id: string }) => a.id)).toEqual([egTn.activityId]);
    });

    it.each([...OUTSIDERS, ...MANAGERS])(
      '%s reads every route of the MA–CI MoU it is party to or granted',
      async (email) => {
        const token = await bearer(email);
        for (const path of mouReads()) {
          const res = await t.http.get(path).set('Authorization', token);
          expect({ path, status: res.status }).toEqual({ path, status: 200 });
        }
      },
    );

    it('an observer sees only the agreements it is granted', async () => {
      const admin = await bearer(DEMO.admin);
      const me = await t.http
        .get('/api/me')
        .set('Authorization', await bearer(DEMO.observer))
        .expect(200);
      expect(me.body.observedAgreementIds).toEqual([seeded.agreementId]);

      // A second observer, granted only the EG–TN agreement, sees that one and not the MoU.
      await t.http
        .post('/api/users')
        .set('Authorization', admin)
        .send({
          email: 'observer.tn@accords.example',
          name: 'Observateur Tunisie',
          role: 'observer',
          password: 'observer-password-123',
          observedAgreementIds: [egTn.agreementId],
        })
        .expect(201);
      const token = await t.tokenFor('observer.tn@accords.example', 'observer-password-123');
      const list = await t.http.get('/api/agreements').set('Authorization', token).expect(200);
      expect(list.body).toMatchObject({ total: 1, items: [{ id: egTn.agreementId }] });
      await t.http
        .get(`/api/agreements/${seeded.agreementId}`)
        .set('Authorization', token)
        .expect(404);
      await t.http.get(`/api/action-plans/${egTn.planId}`).set('Authorization', token).expect(200);
    });
  });

  describe('the dashboard', () => {
    const planIds = async (email: string) => {
      const res = await t.http
        .get('/api/dashboard')
        .set('Authorization', await bearer(email))
        .expect(200);
      expect(res.body.total).toBe(res.body.items.length);
      return (res.body.items as { planId: string }[]).map((r) => r.planId).sort();
    };

    it.each([DEMO.focalMa, DEMO.focalCi, DEMO.observer])(
      '%s gets only the MA–CI plan row',
      async (email) => {
        expect(await planIds(email)).toEqual([seeded.planId]);
      },
    );

    it.each(MANAGERS)('%s gets a row for both plans', async (email) => {
      expect(await planIds(email)).toEqual([seeded.planId, egTn.planId].sort());
    });

    it('a focal point’s row carries the plan’s figures', async () => {
      const res = await t.http
        .get('/api/dashboard')
        .set('Authorization', await bearer(DEMO.focalMa))
        .expect(200);
      expect(res.body.items[0]).toMatchObject({
        planId: seeded.planId,
        agreementId: seeded.agreementId,
        total: seeded.activities.length,
      });
    });
  });

  describe('writing', () => {
    it.each(NON_MANAGERS)(
      '%s may not create agreements, plans or activities, nor edit plans (403)',
      async (email) => {
        const token = await bearer(email);
        const attempts: [string, Promise<{ status: number; headers: Record<string, string> }>][] = [
          [
            'POST /api/agreements',
            t.http
              .post('/api/agreements')
              .set('Authorization', token)
              .send({
                kind: 'mou',
                title: 'x',
                partyCodes: ['MA', 'CI'],
                signedOn: '2026-01-01',
                durationMonths: 12,
                renewal: { mode: 'none' },
              }),
          ],
          [
            'POST action-plans',
            t.http
              .post(`/api/agreements/${seeded.agreementId}/action-plans`)
              .set('Authorization', token)
              .send({ title: 'Plan', startsOn: '2026-01-01', durationMonths: 12 }),
          ],
          [
            'POST activities',
            t.http
              .post(`/api/action-plans/${seeded.planId}/activities`)
              .set('Authorization', token)
              .send({
                title: 'Atelier',
                type: 'workshop',
                leadPartyCode: 'MA',
                dueOn: '2026-09-01',
              }),
          ],
          [
            'PATCH action-plan',
            t.http
              .patch(`/api/action-plans/${seeded.planId}`)
              .set('Authorization', token)
              .send({ title: 'Plan renommé' }),
          ],
          [
            'POST renewals',
            t.http
              .post(`/api/agreements/${seeded.agreementId}/renewals`)
              .set('Authorization', token)
              .send({ decision: 'renew', version: 1 }),
          ],
        ];
        for (const [route, pending] of attempts) {
          const res = await pending;
          expect({ route, status: res.status }).toEqual({ route, status: 403 });
          expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        }
        const pm = await bearer(DEMO.pm);
        expect(
          (await t.http.get('/api/agreements').set('Authorization', pm).expect(200)).body.total,
        ).toBe(2);
        const plan = await t.http
          .get(`/api/action-plans/${seeded.planId}`)
          .set('Authorization', pm)
          .expect(200);
        expect(plan.body.title).not.toBe('Plan renommé');
        const activities = await t.http
          .get(`/api/action-plans/${seeded.planId}/activities`)
          .set('Authorization', pm)
          .expect(200);
        expect(activities.body.total).toBe(seeded.activities.length);
      },
    );

    it('a focal point cannot update an activity of an agreement it cannot see (404, not 403)', async () => {
      const res = await t.http
        .patch(`/api/activities/${egTn.activityId}`)
        .set('Authorization', await bearer(DEMO.focalMa))
        .send({ version: 1, progressPercent: 50 })
        .expect(404);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    });

    it('a focal point may update an activity its party takes part in', async () => {
      const activity = seeded.activities.find(
        (a) => a.partyCodes.includes('CI') && !['completed', 'cancelled'].includes(a.status),
      )!;
      await t.http
        .patch(`/api/activities/${activity.id}`)
        .set('Authorization', await bearer(DEMO.focalCi))
        .send({ version: activity.version, progressPercent: 35 })
        .expect(200);
    });
  });

  describe('users administration', () => {
    it.each([DEMO.pm, ...NON_MANAGERS])(
      '%s may not list, create or edit users (403)',
      async (email) => {
        const token = await bearer(email);
        await t.http.get('/api/users').set('Authorization', token).expect(403);
        await t.http
          .post('/api/users')
          .set('Authorization', token)
          .send({
            email: `new.${email}`,
            name: 'Nouveau',
            role: 'admin',
            password: 'a-long-enough-password',
          })
          .expect(403);
        const me = await t.http.get('/api/me').set('Authorization', token).expect(200);
        await t.http
          .patch(`/api/users/${me.body.id}`)
          .set('Authorization', token)
          .send({ role: 'admin' })
          .expect(403);
        const after = await t.http.get('/api/me').set('Authorization', token).expect(200);
        expect(after.body.role).toBe(me.body.role);
      },
    );

    it('an admin may list users', async () => {
      const res = await t.http
        .get('/api/users')
        .set('Authorization', await bearer(DEMO.admin))
        .expect(200);
      expect(res.body.total).toBeGreaterThanOrEqual(5);
    });
  });

  describe('authentication', () => {
    /** Every route of API.md implemented here, with real ids. */
    const contractRoutes = (): [string, string][] => [
      ['get', '/api/me'],
      ['get', '/api/parties'],
      ['post', '/api/parties'],
      ['get', '/api/users'],
      ['post', '/api/users'],
      ['patch', `/api/users/${UNKNOWN_ID}`],
      ['get', '/api/agreements'],
      ['post', '/api/agreements'],
      ['get', `/api/agreements/${seeded.agreementId}`],
      ['patch', `/api/agreements/${seeded.agreementId}`],
      ['post', `/api/agreements/${seeded.agreementId}/renewals`],
      ['get', `/api/agreements/${seeded.agreementId}/renewals`],
      ['get', `/api/agreements/${seeded.agreementId}/action-plans`],
      ['post', `/api/agreements/${seeded.agreementId}/action-plans`],
      ['get', `/api/action-plans/${seeded.planId}`],
      ['patch', `/api/action-plans/${seeded.planId}`],
      ['get', `/api/action-plans/${seeded.planId}/progress`],
      ['get', `/api/action-plans/${seeded.planId}/activities`],
      ['post', `/api/action-plans/${seeded.planId}/activities`],
      ['get', `/api/activities/${seeded.activities[0].id}`],
      ['patch', `/api/activities/${seeded.activities[0].id}`],
      ['get', `/api/activities/${seeded.activities[0].id}/history`],
      ['get', '/api/dashboard'],
    ];

    const send = (method: string, path: string) =>
      (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)
        [method](path)
        .send({});

    it('answers 401 problem+json without a token on every route of the contract', async () => {
      for (const [method, path] of contractRoutes()) {
        const res = await send(method, path);
        expect({ route: `${method} ${path}`, status: res.status }).toEqual({
          route: `${method} ${path}`,
          status: 401,
        });
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
    });

    it('answers 401 with a malformed or foreign token', async () => {
      for (const [method, path] of contractRoutes().slice(0, 8)) {
        await send(method, path).set('Authorization', 'Bearer not.a.token').expect(401);
        await send(method, path).set('Authorization', 'Basic YWRtaW46YWRtaW4=').expect(401);
      }
    });

    it('answers 401 without a token on every route of the OpenAPI document but the open ones', async () => {
      const doc = await t.http.get('/api/docs-json').expect(200);
      // Open by design: signing in, asking for and using a password-reset link (the token is the
      // credential), and an agreement's public document address (the unguessable token is).
      const publicRoutes = new Set([
        'post /api/auth/login',
        'post /api/auth/session',
        'post /api/auth/password-reset-requests',
        'post /api/auth/password-resets',
        'get /api/agreements/public/{token}',
        'get /api/health',
      ]);
      const checked: string[] = [];
      for (const [template, operations] of Object.entries(
        doc.body.paths as Record<string, Record<string, unknown>>,
      )) {
        const path = template.replace(/\{[^}]+\}/g, UNKNOWN_ID);
        for (const method of Object.keys(operations)) {
          if (!['get', 'post', 'put', 'patch', 'delete'].includes(method)) continue;
          if (publicRoutes.has(`${method} ${template}`)) continue;
          const res = await send(method, path);
          expect({ route: `${method} ${template}`, status: res.status }).toEqual({
            route: `${method} ${template}`,
            status: 401,
          });
          checked.push(`${method} ${template}`);
        }
      }
      expect(checked).toEqual(
        expect.arrayContaining(['get /api/dashboard', 'patch /api/activities/{id}']),
      );
      expect(checked.length).toBeGreaterThanOrEqual(contractRoutes().length);
    });

    it('lets health and login through without a token', async () => {
      await t.http.get('/api/health').expect(200);
      await t.http
        .post('/api/auth/login')
        .send({ email: DEMO.pm, password: 'wrong-password-x' })
        .expect(401);
    });
  });
});
