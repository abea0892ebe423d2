import { AgreementsService } from '../../src/agreements/agreements.service';
import { IdempotencyCleanup } from '../../src/idempotency/idempotency.module';
import { seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

/** 2026-04-08 13:00 in Casablanca (UTC+1 outside Ramadan): a year after the seeded MoU was signed. */
const BASE_INSTANT = '2026-04-08T12:00:00Z';

interface FieldError {
  field: string;
  message: string;
}

describe('agreements', () => {
  let t: TestApp;
  let mouId: string;
  const bearer = (email: string) => t.tokenFor(email);
  const fields = (body: { errors?: FieldError[] }) => (body.errors ?? []).map((e) => e.field);

  /** A valid creation body; `overrides` replace top-level fields. */
  const agreementBody = (overrides: Record<string, unknown> = {}) => ({
    kind: 'agreement',
    title: 'Accord de coopération Maroc–Mauritanie',
    partyCodes: ['MA', 'MR'],
    signedOn: '2026-01-01',
    durationMonths: 12,
    renewal: { mode: 'explicit', termMonths: 12, noticeDays: 30 },
    ...overrides,
  });

  const create = async (overrides: Record<string, unknown> = {}) =>
    (
      await t.http
        .post('/api/agreements')
        .set('Authorization', await bearer(DEMO.pm))
        .send(agreementBody(overrides))
        .expect(201)
    ).body as Record<string, unknown> & { id: string; version: number };

  const get = async (id: string) =>
    (
      await t.http
        .get(`/api/agreements/${id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200)
    ).body;

  const renewals = async (id: string) =>
    (
      await t.http
        .get(`/api/agreements/${id}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200)
    ).body as { items: Record<string, unknown>[]; total: number };

  const countAgreements = async () =>
    (
      await t.http
        .get('/api/agreements')
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200)
    ).body.total as number;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set(BASE_INSTANT);
    mouId = (await seededPlan(t)).agreementId;
  });
  beforeEach(() => t.clock.set(BASE_INSTANT));
  afterAll(() => t.close());

  describe('reading', () => {
    it('lists the seeded MoU with its computed expiry, notice deadline and days to expiry', async () => {
      const res = await t.http
        .get('/api/agreements')
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200);
      expect(res.body).toMatchObject({ page: 1, pageSize: 50 });
      expect(res.body.total).toBe(res.body.items.length);
      const mou = (res.body.items as { id: string }[]).find((a) => a.id === mouId);
      expect(mou).toMatchObject({
        kind: 'mou',
        reference: 'MA-CI/TEH/2025-04-08',
        partyCodes: ['MA', 'CI'],
        signedOn: '2025-04-08',
        entryIntoForceOn: '2025-04-08',
        durationMonths: 24,
        renewal: { mode: 'tacit', termMonths: 24, noticeDays: 90 },
        status: 'in_force',
        expiresOn: '2027-04-07',
        noticeDeadlineOn: '2027-01-07',
        // 2026-04-08 → 2027-04-07
        daysToExpiry: 364,
      });
    });

    it('gets one agreement by id, with the same computed dates', async () => {
      const mou = await get(mouId);
      expect(mou).toMatchObject({
        id: mouId,
        expiresOn: '2027-04-07',
        noticeDeadlineOn: '2027-01-07',
        daysToExpiry: 364,
        version: expect.any(Number),
      });
    });

    it('counts days to expiry from the clock, in the agreement time zone', async () => {
      // 23:30 UTC on 2026-04-07 is already 00:30 on 2026-04-08 in Casablanca.
      t.clock.set('2026-04-07T23:30:00Z');
      expect((await get(mouId)).daysToExpiry).toBe(364);
      t.clock.set('2026-04-07T22:30:00Z');
      expect((await get(mouId)).daysToExpiry).toBe(365);

      const created = await create();
      t.clock.set('2026-12-30T12:00:00Z');
      expect(await get(created.id)).toMatchObject({ daysToExpiry: 1, status: 'in_force' });
      t.clock.set('2026-12-31T12:00:00Z');
      expect(await get(created.id)).toMatchObject({ daysToExpiry: 0, status: 'in_force' });
      t.clock.set('2027-01-01T12:00:00Z');
      expect(await get(created.id)).toMatchObject({ daysToExpiry: -1, status: 'expired' });
    });

    it('answers 400 for a malformed id and a problem+json 404 for an unknown one', async () => {
      const pm = await bearer(DEMO.pm);
      const bad = await t.http.get('/api/agreements/nope').set('Authorization', pm).expect(400);
      expect(bad.body.errors).toEqual([{ field: 'id', message: 'must be a UUID' }]);
      const missing = await t.http
        .get('/api/agreements/3f1d2a4e-0000-4000-8000-000000000000')
        .set('Authorization', pm)
        .expect(404);
      expect(missing.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(missing.body).toMatchObject({ status: 404, instance: expect.any(String) });
    });
  });

  describe('creating', () => {
    it('creates an agreement (201) whose entry into force defaults to the signature date', async () => {
      const before = await countAgreements();
      const created = await create({ reference: 'MA-MR/2026-01' });
      expect(created).toMatchObject({
        id: expect.stringMatching(/^[0-9a-f-]{36}$/),
        kind: 'agreement',
        reference: 'MA-MR/2026-01',
        partyCodes: ['MA', 'MR'],
        signedOn: '2026-01-01',
        entryIntoForceOn: '2026-01-01',
        status: 'in_force',
        expiresOn: '2026-12-31',
        noticeDeadlineOn: '2026-12-01',
        daysToExpiry: 267,
        version: 1,
      });
      expect(await countAgreements()).toBe(before + 1);
      expect(await get(created.id)).toMatchObject({ id: created.id, expiresOn: '2026-12-31' });
    });

    it('counts the term from an explicit entry into force', async () => {
      const created = await create({ signedOn: '2026-01-10', entryIntoForceOn: '2026-03-01' });
      expect(created).toMatchObject({
        entryIntoForceOn: '2026-03-01',
        expiresOn: '2027-02-28',
        noticeDeadlineOn: '2027-01-29',
      });
    });

    it.each([
      ['2024-02-29', 12, '2025-02-28', 'a leap day, 29 February missing a year later'],
      ['2024-02-29', 48, '2028-02-28', 'a leap day, four years later'],
      ['2025-01-31', 1, '2025-02-28', '31 January, one month'],
      ['2025-08-31', 6, '2026-02-28', '31 August, six months'],
      ['2025-12-15', 3, '2026-03-14', 'across a year boundary'],
    ])(
      'signed on %s for %d months is in force until %s (%s)',
      async (signedOn, durationMonths, expiresOn) => {
        const created = await create({ signedOn, durationMonths });
        expect(created).toMatchObject({ signedOn, entryIntoForceOn: signedOn, expiresOn });
      },
    );

    it('rejects an empty body with a 400 naming every required field', async () => {
      const res = await t.http
        .post('/api/agreements')
        .set('Authorization', await bearer(DEMO.pm))
        .send({})
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ status: 400, title: expect.any(String) });
      expect(fields(res.body)).toEqual(
        expect.arrayContaining([
          'kind',
          'title',
          'partyCodes',
          'signedOn',
          'durationMonths',
          'renewal',
        ]),
      );
    });

    it.each([
      [{ renewal: {} }, 'renewal.mode'],
      [{ renewal: { mode: 'sometimes' } }, 'renewal.mode'],
      [{ renewal: { mode: 'tacit', noticeDays: -1 } }, 'renewal.noticeDays'],
      [{ renewal: { mode: 'tacit', unexpected: true } }, 'renewal.unexpected'],
      [{ kind: 'treaty' }, 'kind'],
      [{ signedOn: '2025-02-29' }, 'signedOn'],
      [{ durationMonths: 0 }, 'durationMonths'],
      [{ durationMonths: 1.5 }, 'durationMonths'],
      [{ partyCodes: ['MA'] }, 'partyCodes'],
      [{ partyCodes: ['MA', 'ma'] }, 'partyCodes'],
      [{ partyCodes: ['MA', 'ZZ'] }, 'partyCodes'],
      [{ timeZone: 'Mars/Olympus' }, 'timeZone'],
      [{ signedOn: '2026-02-01', entryIntoForceOn: '2026-01-31' }, 'entryIntoForceOn'],
      // Each of these used to reach the database or the date arithmetic and answer 500.
      [{ renewal: undefined }, 'renewal'],
      [{ renewal: null }, 'renewal'],
      [{ renewal: 'tacit' }, 'renewal'],
      [{ title: null }, 'title'],
      [{ status: null }, 'status'],
      [{ timeZone: null }, 'timeZone'],
      [{ signedOn: '0000-01-01' }, 'signedOn'],
      [{ signedOn: '1899-12-31' }, 'signedOn'],
      [{ signedOn: '3000-01-01' }, 'signedOn'],
      [{ title: 'Accord\u0000caché' }, 'title'],
      [{ partyCodes: ['MA', 'CI\u0000'] }, 'partyCodes.1'],
    ])('rejects %j with a 400 naming %s, and creates nothing', async (overrides, field) => {
      const before = await countAgreements();
      const res = await t.http
        .post('/api/agreements')
        .set('Authorization', await bearer(DEMO.pm))
        .send(agreementBody(overrides))
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([...new Set(fields(res.body))]).toEqual([field]);
      expect(await countAgreements()).toBe(before);
    });

    it('accepts the latest signature date with the longest term', async () => {
      const created = await create({ signedOn: '2999-12-31', durationMonths: 1200 });
      expect(created).toMatchObject({ expiresOn: '3099-12-30', noticeDeadlineOn: '3099-11-30' });
      expect(await get(created.id)).toMatchObject({ expiresOn: '3099-12-30' });
    });

    it('rejects an unknown top-level field rather than ignoring it', async () => {
      const before = await countAgreements();
      const res = await t.http
        .post('/api/agreements')
        .set('Authorization', await bearer(DEMO.pm))
        .send(agreementBody({ colour: 'red' }))
        .expect(400);
      expect(res.body.errors).toEqual([
        { field: 'colour', message: 'is not an accepted field', code: 'whitelistValidation' },
      ]);
      expect(await countAgreements()).toBe(before);
    });

    it.each([DEMO.focalMa, DEMO.observer])('refuses creation by %s (403)', async (email) => {
      const before = await countAgreements();
      const res = await t.http
        .post('/api/agreements')
        .set('Authorization', await bearer(email))
        .send(agreementBody())
        .expect(403);
      expect(res.body).toMatchObject({ status: 403, title: 'Forbidden' });
      expect(await countAgreements()).toBe(before);
    });
  });

  describe('updating', () => {
    it('lets a programme manager edit an agreement, bumping its version and recomputing dates', async () => {
      const created = await create();
      const res = await t.http
        .patch(`/api/agreements/${created.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: created.version, title: 'Accord révisé', durationMonths: 24 })
        .expect(200);
      expect(res.body).toMatchObject({
        title: 'Accord révisé',
        durationMonths: 24,
        expiresOn: '2027-12-31',
        noticeDeadlineOn: '2027-12-01',
        version: created.version + 1,
      });
      expect(await get(created.id)).toMatchObject({ title: 'Accord révisé', version: 2 });
    });

    it('answers 409 with the current version for a stale version, and changes nothing', async () => {
      const created = await create();
      await t.http
        .patch(`/api/agreements/${created.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: 1, title: 'Première modification' })
        .expect(200);
      const stale = await t.http
        .patch(`/api/agreements/${created.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: 1, title: 'Modification périmée' })
        .expect(409);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.body).toMatchObject({ status: 409, currentVersion: 2 });
      expect(await get(created.id)).toMatchObject({ title: 'Première modification', version: 2 });
    });

    it.each([
      [{ title: null }, 'title'],
      [{ kind: null }, 'kind'],
      [{ partyCodes: null }, 'partyCodes'],
      [{ renewal: null }, 'renewal'],
      [{ status: null }, 'status'],
      [{ durationMonths: null }, 'durationMonths'],
      [{ version: 99999999999 }, 'version'],
      [{ version: 0 }, 'version'],
      [{ signedOn: '2026-01-01T00:00:00Z' }, 'signedOn'],
    ])('refuses the PATCH %j with a 400 naming %s, changing nothing', async (patch, field) => {
      const created = await create({ reference: 'REF-1' });
      const res = await t.http
        .patch(`/api/agreements/${created.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send(patch)
        .expect(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect([...new Set(fields(res.body))]).toEqual([field]);
      expect(await get(created.id)).toMatchObject({ ...created, updatedAt: expect.any(String) });
    });

    it('clears the reference with null', async () => {
      const created = await create({ reference: 'REF-2' });
      const res = await t.http
        .patch(`/api/agreements/${created.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ reference: null })
        .expect(200);
      expect(res.body).toMatchObject({ reference: null, version: 2 });
    });

    it('rejects an unknown field in a PATCH (400)', async () => {
      const res = await t.http
        .patch(`/api/agreements/${mouId}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ signatory: 'x' })
        .expect(400);
      expect(fields(res.body)).toEqual(['signatory']);
    });

    it.each([DEMO.focalMa, DEMO.focalCi, DEMO.observer])(
      'refuses an edit by %s (403) even on an agreement it can read',
      async (email) => {
        const before = await get(mouId);
        const res = await t.http
          .patch(`/api/agreements/${mouId}`)
          .set('Authorization', await bearer(email))
          .send({ version: before.version, title: 'Titre pirate' })
          .expect(403);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(await get(mouId)).toEqual(before);
      },
    );
  });

  describe('renewals', () => {
    it('an explicit renewal extends the term, is listed and counted', async () => {
      const created = await create({ renewal: { mode: 'explicit', termMonths: 12 } });
      expect(created).toMatchObject({ expiresOn: '2026-12-31', noticeDeadlineOn: null });
      expect(await renewals(created.id)).toMatchObject({ items: [], total: 0 });

      const first = await t.http
        .post(`/api/agreements/${created.id}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ decision: 'renew', version: created.version, note: 'Décision du comité mixte' })
        .expect(201);
      expect(first.body.agreement).toMatchObject({
        expiresOn: '2027-12-31',
        status: 'renewed',
        extendedMonths: 12,
      });
      expect(first.body.renewal).toMatchObject({
        decision: 'renew',
        tacit: false,
        decidedOn: '2026-04-08',
        termMonths: 12,
        previousExpiresOn: '2026-12-31',
        newExpiresOn: '2027-12-31',
      });

      await t.http
        .post(`/api/agreements/${created.id}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ decision: 'renew', version: first.body.agreement.version, termMonths: 6 })
        .expect(201);
      expect(await get(created.id)).toMatchObject({
        expiresOn: '2028-06-30',
        status: 'renewed',
        extendedMonths: 18,
      });
      const listed = await renewals(created.id);
      expect(listed.total).toBe(2);
      expect(listed.items.map((r) => [r.previousExpiresOn, r.newExpiresOn, r.tacit])).toEqual([
        ['2026-12-31', '2027-12-31', false],
        ['2027-12-31', '2028-06-30', false],
      ]);
      expect(listed.items[0]).toMatchObject({ note: 'Décision du comité mixte' });
    });

    it('records a notice of non-renewal on a tacit agreement before the notice deadline', async () => {
      const created = await create({ renewal: { mode: 'tacit', termMonths: 12, noticeDays: 30 } });
      expect(created.noticeDeadlineOn).toBe('2026-12-01');
      const res = await t.http
        .post(`/api/agreements/${created.id}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({
          decision: 'not_renew',
          version: created.version,
          note: 'Notifiée par note verbale',
        })
        .expect(201);
      expect(res.body.renewal).toMatchObject({
        decision: 'not_renew',
        decidedOn: '2026-04-08',
        newExpiresOn: null,
      });
      expect(await get(created.id)).toMatchObject({
        nonRenewalNoticeOn: '2026-04-08',
        expiresOn: '2026-12-31',
        status: 'in_force',
      });
      expect((await renewals(created.id)).total).toBe(1);
    });

    it('accepts notice given on the notice deadline itself', async () => {
      const created = await create({ renewal: { mode: 'tacit', noticeDays: 30 } });
      await t.http
        .post(`/api/agreements/${created.id}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ decision: 'not_renew', version: created.version, decidedOn: '2026-12-01' })
        .expect(201);
      expect(await get(created.id)).toMatchObject({ nonRenewalNoticeOn: '2026-12-01' });
    });

    it('refuses a notice of non-renewal given after the notice deadline (409), recording nothing', async () => {
      const created = await create({ renewal: { mode: 'tacit', noticeDays: 30 } });
      const res = await t.http
        .post(`/api/agreements/${created.id}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ decision: 'not_renew', version: created.version, decidedOn: '2026-12-02' })
        .expect(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.detail).toContain('2026-12-01');
      expect(await get(created.id)).toMatchObject({ nonRenewalNoticeOn: null, version: 1 });
      expect((await renewals(created.id)).total).toBe(0);
    });

    it('refuses a second notice of non-renewal (409)', async () => {
      const created = await create({ renewal: { mode: 'tacit', noticeDays: 30 } });
      const send = async () =>
        t.http
          .post(`/api/agreements/${created.id}/renewals`)
          .set('Authorization', await bearer(DEMO.pm))
          .send({ decision: 'not_renew', version: (await get(created.id)).version });
      expect((await send()).status).toBe(201);
      const second = await send();
      expect(second.status).toBe(409);
      expect(second.body.detail).toContain('already given');
      expect((await renewals(created.id)).total).toBe(1);
    });

    it.each(['renew', 'not_renew'])(
      'refuses %s on an agreement without renewal clause (409)',
      async (decision) => {
        const created = await create({ renewal: { mode: 'none' } });
        const res = await t.http
          .post(`/api/agreements/${created.id}/renewals`)
          .set('Authorization', await bearer(DEMO.pm))
          .send({ decision, version: created.version })
          .expect(409);
        expect(res.body).toMatchObject({ status: 409, title: 'Not renewable' });
        expect(await get(created.id)).toMatchObject({ expiresOn: '2026-12-31', version: 1 });
      },
    );

    it('refuses a renewal after the term has ended (409)', async () => {
      const created = await create();
      t.clock.set('2027-01-02T12:00:00Z');
      await t.http
        .post(`/api/agreements/${created.id}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ decision: 'renew', version: created.version })
        .expect(409);
      expect(await get(created.id)).toMatchObject({ status: 'expired', expiresOn: '2026-12-31' });
    });

    it('rejects an invalid renewal body (400 naming the fields)', async () => {
      const res = await t.http
        .post(`/api/agreements/${mouId}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ decision: 'maybe', termMonths: 0 })
        .expect(400);
      expect([...new Set(fields(res.body))].sort()).toEqual(['decision', 'termMonths', 'version']);
    });

    it.each([DEMO.focalMa, DEMO.observer])('refuses a renewal by %s (403)', async (email) => {
      await t.http
        .post(`/api/agreements/${mouId}/renewals`)
        .set('Authorization', await bearer(email))
        .send({ decision: 'renew', version: 1 })
        .expect(403);
      expect((await renewals(mouId)).total).toBe(0);
    });

    it('requires the agreement version: missing answers 400 naming it, stale answers 409, nothing changes', async () => {
      const created = await create();
      const post = async (body: Record<string, unknown>) =>
        t.http
          .post(`/api/agreements/${created.id}/renewals`)
          .set('Authorization', await bearer(DEMO.pm))
          .send(body);
      const missing = await post({ decision: 'renew' });
      expect(missing.status).toBe(400);
      expect(new Set(fields(missing.body))).toEqual(new Set(['version']));
      const stale = await post({ decision: 'renew', version: created.version + 1 });
      expect(stale.status).toBe(409);
      expect(stale.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(stale.body).toMatchObject({ title: 'Stale version', currentVersion: 1 });
      expect(await get(created.id)).toMatchObject({ extendedMonths: 0, version: 1 });
      expect((await renewals(created.id)).total).toBe(0);
    });

    it('10 identical renewals at once without a key: one 201, the others 409, the term extended once', async () => {
      const created = await create({ renewal: { mode: 'explicit', termMonths: 12 } });
      const pm = await bearer(DEMO.pm);
      const answers = await Promise.all(
        Array.from({ length: 10 }, () =>
          t.http
            .post(`/api/agreements/${created.id}/renewals`)
            .set('Authorization', pm)
            .send({ decision: 'renew', version: created.version }),
        ),
      );
      const statuses = answers.map((r) => r.status).sort();
      expect(statuses).toEqual([201, ...Array(9).fill(409)]);
      expect(await get(created.id)).toMatchObject({
        extendedMonths: 12,
        expiresOn: '2027-12-31',
        version: 2,
      });
      expect((await renewals(created.id)).total).toBe(1);
    });

    describe('with an Idempotency-Key', () => {
      const renew = async (id: string, key: string, body: Record<string, unknown>) =>
        t.http
          .post(`/api/agreements/${id}/renewals`)
          .set('Authorization', await bearer(DEMO.pm))
          .set('Idempotency-Key', key)
          .send(body);

      it('10 identical renewals at once with one key and version: applied once, the term extended once', async () => {
        const created = await create({ renewal: { mode: 'explicit', termMonths: 12 } });
        const body = { decision: 'renew', version: created.version, note: 'Comité mixte' };
        const answers = await Promise.all(
          Array.from({ length: 10 }, () => renew(created.id, 'renewal-2026-committee', body)),
        );
        const applied = answers.filter(
          (r) => r.status === 201 && r.headers['idempotent-replayed'] === undefined,
        );
        expect(applied).toHaveLength(1);
        for (const res of answers) {
          if (res.status === 201) {
            expect(res.body).toEqual(applied[0].body); // a replay is the first answer
          } else {
            // A duplicate that arrived while the first still ran: told to retry, nothing applied.
            expect(res.status).toBe(409);
            expect(res.body.title).toBe('Request in progress');
            expect(res.headers['retry-after']).toBe('1');
          }
        }
        expect(await get(created.id)).toMatchObject({
          extendedMonths: 12,
          expiresOn: '2027-12-31',
        });
        expect((await renewals(created.id)).total).toBe(1);

        // Retried later with the same key and body (key order aside): the first answer, replayed.
        const replay = await renew(created.id, 'renewal-2026-committee', {
          note: 'Comité mixte',
          version: created.version,
          decision: 'renew',
        });
        expect(replay.status).toBe(201);
        expect(replay.headers['idempotent-replayed']).toBe('true');
        expect(replay.body).toEqual(applied[0].body);
        expect((await renewals(created.id)).total).toBe(1);

        // The same key with another body is refused, and changes nothing.
        const other = await renew(created.id, 'renewal-2026-committee', {
          ...body,
          termMonths: 6,
        });
        expect(other.status).toBe(422);
        expect(other.headers['content-type']).toMatch(/^application\/problem\+json/);
        expect(other.body).toMatchObject({ status: 422, title: 'Idempotency key reused' });
        expect(await get(created.id)).toMatchObject({ extendedMonths: 12 });
      });

      it('does not keep a failed answer: the key may be retried, and another caller has its own keys', async () => {
        const created = await create({ renewal: { mode: 'explicit', termMonths: 12 } });
        const stale = await renew(created.id, 'retry-me', { decision: 'renew', version: 7 });
        expect(stale.status).toBe(409);
        const fixed = await renew(created.id, 'retry-me', {
          decision: 'renew',
          version: created.version,
        });
        expect(fixed.status).toBe(201);
        expect(fixed.headers['idempotent-replayed']).toBeUndefined();

        // The admin's key "retry-me" is not the programme manager's: it runs (and meets a stale version).
        const admin = await t.http
          .post(`/api/agreements/${created.id}/renewals`)
          .set('Authorization', await bearer(DEMO.admin))
          .set('Idempotency-Key', 'retry-me')
          .send({ decision: 'renew', version: created.version });
        expect(admin.status).toBe(409);
        expect(admin.body.title).toBe('Stale version');
        expect(await get(created.id)).toMatchObject({ extendedMonths: 12 });
      });

      it('applies to every POST route: creating an agreement twice with one key creates one', async () => {
        const before = await countAgreements();
        const send = async () =>
          t.http
            .post('/api/agreements')
            .set('Authorization', await bearer(DEMO.pm))
            .set('Idempotency-Key', '0b6f3c1e-5d0a-4c1b-9d5e-8a7f6e5d4c3b')
            .send(agreementBody({ title: 'Accord créé une fois' }));
        const first = await send();
        const second = await send();
        expect([first.status, second.status]).toEqual([201, 201]);
        expect(second.headers['idempotent-replayed']).toBe('true');
        expect(second.body).toEqual(first.body);
        expect(await countAgreements()).toBe(before + 1);
      });

      it('forgets a key after 24 hours: the cleanup deletes it and the request runs again', async () => {
        const send = async () =>
          t.http
            .post('/api/agreements')
            .set('Authorization', await bearer(DEMO.pm))
            .set('Idempotency-Key', 'expires-tomorrow')
            .send(agreementBody({ title: 'Accord (clé expirée)' }));
        const first = await send();
        expect(first.status).toBe(201);
        const cleanup = t.app.get(IdempotencyCleanup);
        t.clock.set('2026-04-09T11:59:59Z');
        expect(await cleanup.run()).toBe(0);
        expect((await send()).headers['idempotent-replayed']).toBe('true');
        t.clock.set('2026-04-09T12:00:00Z');
        expect(await cleanup.run()).toBeGreaterThanOrEqual(1);
        const later = await send();
        expect(later.status).toBe(201);
        expect(later.headers['idempotent-replayed']).toBeUndefined();
        expect(later.body.id).not.toBe(first.body.id);
      });

      it.each([
        ['too long', 'k'.repeat(256)],
        ['with a space', 'my key'],
        ['non-ASCII', 'clé'],
      ])('refuses a key %s with 400 naming the header, changing nothing', async (_why, key) => {
        const created = await create();
        const res = await renew(created.id, key, { decision: 'renew', version: created.version });
        expect(res.status).toBe(400);
        expect(fields(res.body)).toEqual(['Idempotency-Key']);
        expect(await get(created.id)).toMatchObject({ extendedMonths: 0, version: 1 });
      });
    });

    /** What the reminder sweep does with tacit renewals (the only writer besides a renewal decision). */
    const sweepTacitRenewals = () => t.app.get(AgreementsService).applyDueTacitRenewals();

    it('shows a due tacit renewal on read without writing it; the sweep records it, once', async () => {
      // 12 months from 2026-01-01: in force until 2026-12-31, notice due by 2026-12-01; renewals of 6 months.
      const created = await create({ renewal: { mode: 'tacit', termMonths: 6, noticeDays: 30 } });

      t.clock.set('2026-12-01T12:00:00Z');
      expect(await get(created.id)).toMatchObject({ expiresOn: '2026-12-31', status: 'in_force' });
      expect((await renewals(created.id)).total).toBe(0);

      t.clock.set('2026-12-02T12:00:00Z');
      const term = {
        expiresOn: '2027-06-30',
        noticeDeadlineOn: '2027-05-31',
        status: 'renewed',
        extendedMonths: 6,
        daysToExpiry: 210,
      };
      for (let i = 0; i < 3; i++) {
        // Reads never write: the term is computed, the row and its version stay as they were.
        expect(await get(created.id)).toMatchObject({ ...term, version: 1 });
      }
      expect((await renewals(created.id)).total).toBe(0);

      expect(await sweepTacitRenewals()).toBeGreaterThanOrEqual(1);
      expect(await get(created.id)).toMatchObject({ ...term, version: 2 });
      const listed = await renewals(created.id);
      expect(listed.total).toBe(1);
      expect(listed.items[0]).toMatchObject({
        decision: 'renew',
        tacit: true,
        decidedOn: '2026-12-02',
        termMonths: 6,
        previousExpiresOn: '2026-12-31',
        newExpiresOn: '2027-06-30',
      });
      await sweepTacitRenewals();
      expect((await renewals(created.id)).total).toBe(1);
    });

    it('many readers at once write nothing; sweeps running at once record the renewal once', async () => {
      const created = await create({ renewal: { mode: 'tacit', termMonths: 12, noticeDays: 30 } });
      t.clock.set('2026-12-15T12:00:00Z');
      const pm = await bearer(DEMO.pm);
      const answers = await Promise.all(
        Array.from({ length: 8 }, (_, i) =>
          i % 2 === 0
            ? t.http.get(`/api/agreements/${created.id}`).set('Authorization', pm)
            : t.http.get(`/api/agreements/${created.id}/renewals`).set('Authorization', pm),
        ),
      );
      expect(answers.map((r) => r.status)).toEqual(Array(8).fill(200));
      for (const res of answers.filter((_, i) => i % 2 === 0)) {
        expect(res.body).toMatchObject({ expiresOn: '2027-12-31', status: 'renewed', version: 1 });
      }
      expect((await renewals(created.id)).total).toBe(0);

      await Promise.all(Array.from({ length: 4 }, () => sweepTacitRenewals()));
      const listed = await renewals(created.id);
      expect(listed.total).toBe(1);
      expect(listed.items[0]).toMatchObject({ tacit: true, previousExpiresOn: '2026-12-31' });
      expect(await get(created.id)).toMatchObject({ extendedMonths: 12, version: 2 });
    });

    it('computes several missed tacit renewals on read; the sweep records them all', async () => {
      const created = await create({
        signedOn: '2024-01-01',
        renewal: { mode: 'tacit', termMonths: 12, noticeDays: 30 },
      });
      // Terms end 2024-12-31, 2025-12-31, 2026-12-31: deadlines 2024-12-01 and 2025-12-01 have passed.
      expect(await get(created.id)).toMatchObject({ expiresOn: '2026-12-31', status: 'renewed' });
      expect((await renewals(created.id)).total).toBe(0);
      await sweepTacitRenewals();
      const listed = await renewals(created.id);
      expect(listed.items.map((r) => [r.previousExpiresOn, r.newExpiresOn, r.tacit])).toEqual([
        ['2024-12-31', '2025-12-31', true],
        ['2025-12-31', '2026-12-31', true],
      ]);
      expect(await get(created.id)).toMatchObject({ expiresOn: '2026-12-31', extendedMonths: 24 });
    });

    it('a renewal decision first records the tacit renewals already due, then applies to the current term', async () => {
      const created = await create({
        signedOn: '2024-01-01',
        renewal: { mode: 'tacit', termMonths: 12, noticeDays: 30 },
      });
      const current = await get(created.id); // computed: renewed twice, version still 1
      const res = await t.http
        .post(`/api/agreements/${created.id}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ decision: 'renew', version: current.version, termMonths: 12 });
      // The version read stands: the tacit renewals it already showed are recorded, then the decision.
      expect(res.status).toBe(201);
      expect(res.body.agreement).toMatchObject({ expiresOn: '2027-12-31', extendedMonths: 36 });
      const listed = await renewals(created.id);
      expect(listed.items.map((r) => [r.previousExpiresOn, r.newExpiresOn, r.tacit])).toEqual([
        ['2024-12-31', '2025-12-31', true],
        ['2025-12-31', '2026-12-31', true],
        ['2026-12-31', '2027-12-31', false],
      ]);
      const stale = await t.http
        .post(`/api/agreements/${created.id}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ decision: 'renew', version: current.version });
      expect(stale.status).toBe(409);
    });

    it('does not renew a tacit agreement once notice was given, and it expires after its last day', async () => {
      const created = await create({ renewal: { mode: 'tacit', termMonths: 12, noticeDays: 30 } });
      await t.http
        .post(`/api/agreements/${created.id}/renewals`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ decision: 'not_renew', version: created.version })
        .expect(201);

      t.clock.set('2026-12-15T12:00:00Z');
      expect(await get(created.id)).toMatchObject({
        expiresOn: '2026-12-31',
        status: 'in_force',
        daysToExpiry: 16,
      });
      t.clock.set('2026-12-31T12:00:00Z');
      expect(await get(created.id)).toMatchObject({ status: 'in_force', daysToExpiry: 0 });
      t.clock.set('2027-01-01T12:00:00Z');
      expect(await get(created.id)).toMatchObject({
        expiresOn: '2026-12-31',
        status: 'expired',
        daysToExpiry: -1,
      });
      const listed = await renewals(created.id);
      expect(listed.items.map((r) => r.decision)).toEqual(['not_renew']);
    });
  });
});
