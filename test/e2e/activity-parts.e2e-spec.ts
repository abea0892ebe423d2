import { withoutRequiredEvidence } from '../support/evidence-files';
import { ActivityParts1795930000100 } from '../../migrations/1795930000100-ActivityParts';
import { SeededPlan, seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

interface Part {
  partyCode: string;
  status: string;
  progressPercent: number;
  note: string | null;
  completedOn: string | null;
  version: number;
  updatedAt: string;
  overdue: boolean;
}

describe("each party's part of an activity", () => {
  let t: TestApp;
  let seeded: SeededPlan;
  const bearer = (email: string) => t.tokenFor(email);
  const read = async (id: string) =>
    (
      await t.http
        .get(`/api/activities/${id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200)
    ).body as { version: number; status: string; progressPercent: number; parts: Part[] } & Record<
      string,
      unknown
    >;
  const patchPart = async (email: string, id: string, code: string, body: object, status: number) =>
    t.http
      .patch(`/api/activities/${id}/parts/${code}`)
      .set('Authorization', await bearer(email))
      .send(body)
      .expect(status);
  /** A fresh Morocco-led activity with Côte d'Ivoire, both parts planned. */
  const jointActivity = async (extra: object = {}) => {
    const res = await t.http
      .post(`/api/action-plans/${seeded.planId}/activities`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({
        title: `Visite d'étude ${Math.random()}`,
        type: 'study_visit',
        leadPartyCode: 'MA',
        partyCodes: ['MA', 'CI'],
        dueOn: '2026-11-30',
        ...extra,
      })
      .expect(201);
    return res.body as { id: string; version: number; parts: Part[] };
  };

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seededPlan(t);
    // Roll-up and rights of parts, not proof: the evidence gate is tested in evidence.e2e-spec.ts.
    await withoutRequiredEvidence(t);
  });
  afterAll(() => t.close());

  describe('migration', () => {
    it('the seeded plan has one part per party, each at its activity’s status and progress', async () => {
      expect(seeded.activities.length).toBeGreaterThan(10);
      for (const summary of seeded.activities) {
        const activity = await read(summary.id);
        expect(activity.parts.map((p) => p.partyCode).sort()).toEqual(
          [...new Set([summary.leadPartyCode, ...summary.partyCodes])].sort(),
        );
        for (const part of activity.parts) {
          expect([summary.title, part]).toEqual([
            summary.title,
            expect.objectContaining({
              status: activity.status,
              progressPercent: activity.progressPercent,
              completedOn: activity.completedOn,
              version: 1,
            }),
          ]);
        }
      }
    });

    it('down() drops the parts and up() gives every existing activity its parts again, without loss', async () => {
      const migration = new ActivityParts1795930000100();
      const runner = t.dataSource.createQueryRunner();
      try {
        await migration.down(runner);
        // Statuses the seed may not have: a cancelled activity stopped at 35 %, a postponed one.
        const [cancelled, postponed] = seeded.activities.filter(
          (a) => !['completed', 'cancelled', 'postponed'].includes(a.status),
        );
        await runner.query(
          `UPDATE activities SET status = 'cancelled', progress_percent = 35 WHERE id = $1`,
          [cancelled.id],
        );
        await runner.query(`UPDATE activities SET status = 'postponed' WHERE id = $1`, [
          postponed.id,
        ]);
        await migration.up(runner);
        const mismatches: unknown[] = await runner.query(
          `SELECT a.id, p.party_code FROM activities a
             JOIN activity_parts p ON p.activity_id = a.id
            WHERE p.status <> a.status OR p.progress_percent <> a.progress_percent
               OR p.completed_on IS DISTINCT FROM a.completed_on`,
        );
        expect(mismatches).toEqual([]);
        const missing: unknown[] = await runner.query(
          `SELECT a.id, c.code FROM activities a, unnest(a.party_codes) c(code)
            WHERE NOT EXISTS (SELECT 1 FROM activity_parts p
                               WHERE p.activity_id = a.id AND p.party_code = c.code)`,
        );
        expect(missing).toEqual([]);
        const cancelledParts = (await read(cancelled.id)).parts;
        expect(cancelledParts.length).toBeGreaterThan(1);
        for (const part of cancelledParts) {
          expect(part).toMatchObject({ status: 'cancelled', progressPercent: 35 });
        }
      } finally {
        await runner.release();
      }
    });
  });

  describe('a joint study visit, reported by each country', () => {
    let activity: { id: string; version: number; parts: Part[] };

    beforeAll(async () => {
      activity = await jointActivity();
    });

    it('is created with one planned part per party, lead first', () => {
      expect(
        activity.parts.map((p) => [p.partyCode, p.status, p.progressPercent, p.version]),
      ).toEqual([
        ['MA', 'planned', 0, 1],
        ['CI', 'planned', 0, 1],
      ]);
    });

    it('focal.ma completes Morocco’s part: the joint activity is in progress at 50 %', async () => {
      const res = await patchPart(
        DEMO.focalMa,
        activity.id,
        'MA',
        {
          version: 1,
          status: 'completed',
          note: 'Délégation ivoirienne reçue à Rabat',
          reason: 'Compte rendu transmis',
        },
        200,
      );
      expect(res.body).toMatchObject({
        status: 'in_progress',
        progressPercent: 50,
        completedOn: null,
      });
      expect(res.body.version).toBe(activity.version + 1);
      expect(res.headers.etag).toBe(`"${res.body.version}"`);
      const [ma, ci] = res.body.parts as Part[];
      expect(ma).toMatchObject({
        partyCode: 'MA',
        status: 'completed',
        progressPercent: 100,
        note: 'Délégation ivoirienne reçue à Rabat',
        version: 2,
      });
      expect(ma.completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(ci).toMatchObject({
        partyCode: 'CI',
        status: 'planned',
        progressPercent: 0,
        version: 1,
      });

      const history = await t.http
        .get(`/api/activities/${activity.id}/history`)
        .set('Authorization', await bearer(DEMO.focalCi))
        .expect(200);
      const rows = history.body.items as {
        field: string;
        fromValue: unknown;
        toValue: unknown;
        note: string;
        actorEmail: string;
      }[];
      expect(rows.map((h) => h.field).sort()).toEqual([
        'parts.MA.completedOn',
        'parts.MA.note',
        'parts.MA.progressPercent',
        'parts.MA.status',
        'progressPercent',
        'status',
      ]);
      expect(rows.find((h) => h.field === 'parts.MA.status')).toMatchObject({
        fromValue: 'planned',
        toValue: 'completed',
        note: 'Compte rendu transmis',
        actorEmail: DEMO.focalMa,
      });
      expect(rows.find((h) => h.field === 'status')).toMatchObject({
        fromValue: 'planned',
        toValue: 'in_progress',
      });
    });

    it('focal.ci may read Morocco’s part but never change it (403), and nothing changes', async () => {
      const before = await read(activity.id);
      const res = await patchPart(
        DEMO.focalCi,
        activity.id,
        'MA',
        {
          version: 2,
          status: 'planned',
        },
        403,
      );
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(await read(activity.id)).toEqual(before);
      await patchPart(DEMO.observer, activity.id, 'CI', { version: 1, status: 'completed' }, 403);
    });

    it('a stale part version answers 409 with the current version, and nothing changes', async () => {
      const before = await read(activity.id);
      const res = await patchPart(
        DEMO.focalMa,
        activity.id,
        'MA',
        {
          version: 1,
          note: 'Écrasement',
        },
        409,
      );
      expect(res.body.currentVersion).toBe(2);
      expect(await read(activity.id)).toEqual(before);
    });

    it.each([
      ['status', { version: 1, status: 'done' }],
      ['progressPercent', { version: 1, progressPercent: 150 }],
      ['progressPercent', { version: 1, progressPercent: 'half' }],
      ['completedOn', { version: 1, completedOn: '2026-02-30' }],
      ['completedOn', { version: 1, status: 'in_progress', completedOn: '2026-01-10' }],
      ['note', { version: 1, note: 'x'.repeat(10001) }],
      ['version', { status: 'in_progress' }],
      ['version', { version: 0, status: 'in_progress' }],
    ])(
      'bad input (%s, case %#) answers 400 naming the field, and nothing changes',
      async (field, body) => {
        const before = await read(activity.id);
        const res = await patchPart(DEMO.focalCi, activity.id, 'CI', body, 400);
        expect((res.body.errors as { field: string }[]).map((e) => e.field)).toContain(field);
        expect(await read(activity.id)).toEqual(before);
      },
    );

    it('a party not on the activity answers 404, a malformed code 400', async () => {
      await patchPart(DEMO.pm, activity.id, 'EG', { version: 1, status: 'completed' }, 404);
      await patchPart(DEMO.pm, activity.id, 'ZZ', { version: 1, status: 'completed' }, 404);
      await patchPart(DEMO.pm, activity.id, 'ma', { version: 1, status: 'completed' }, 400);
      await patchPart(
        DEMO.pm,
        '00000000-0000-4000-8000-000000000000',
        'MA',
        {
          version: 1,
        },
        404,
      );
    });

    it('focal.ci completes Côte d’Ivoire’s part (with If-Match): the joint activity is completed', async () => {
      const res = await t.http
        .patch(`/api/activities/${activity.id}/parts/CI`)
        .set('Authorization', await bearer(DEMO.focalCi))
        .set('If-Match', '"1"')
        .send({ status: 'completed', completedOn: '2026-01-05' })
        .expect(200);
      expect(res.body).toMatchObject({ status: 'completed', progressPercent: 100 });
      const ma = (res.body.parts as Part[]).find((p) => p.partyCode === 'MA')!;
      // Completed on the later of the two parts' dates.
      expect(res.body.completedOn).toBe([ma.completedOn!, '2026-01-05'].sort().at(-1));
      expect((res.body.parts as Part[]).every((p) => p.status === 'completed')).toBe(true);
    });

    it('a programme manager may change any part', async () => {
      const res = await patchPart(
        DEMO.pm,
        activity.id,
        'CI',
        {
          version: 2,
          status: 'in_progress',
          progressPercent: 60,
          reason: 'Rapport ivoirien incomplet',
        },
        200,
      );
      expect(res.body).toMatchObject({
        status: 'in_progress',
        progressPercent: 80,
        completedOn: null,
      });
    });
  });

  it('two countries completing their parts at the same moment: the joint activity is completed, every time', async () => {
    for (let round = 0; round < 5; round += 1) {
      const activity = await jointActivity();
      const [ma, ci] = await Promise.all([
        patchPart(DEMO.focalMa, activity.id, 'MA', { version: 1, status: 'completed' }, 200),
        patchPart(DEMO.focalCi, activity.id, 'CI', { version: 1, status: 'completed' }, 200),
      ]);
      expect([ma.body.status, ci.body.status].sort()).toEqual(['completed', 'in_progress']);
      expect(await read(activity.id)).toMatchObject({ status: 'completed', progressPercent: 100 });
    }
  });

  describe('the joint status set on the activity by a programme manager', () => {
    it('reaches the open parts only; the next part change rolls the joint status up again', async () => {
      const activity = await jointActivity();
      await patchPart(DEMO.focalMa, activity.id, 'MA', { version: 1, status: 'completed' }, 200);
      const current = await read(activity.id);
      const res = await t.http
        .patch(`/api/activities/${activity.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({
          version: current.version,
          status: 'postponed',
          note: 'Report au troisième trimestre',
        })
        .expect(200);
      expect(res.body.status).toBe('postponed');
      const [ma, ci] = res.body.parts as Part[];
      expect(ma).toMatchObject({ partyCode: 'MA', status: 'completed', version: 2 });
      expect(ci).toMatchObject({ partyCode: 'CI', status: 'postponed', version: 2 });

      // focal.ci held version 1 of its part: stale now.
      await patchPart(
        DEMO.focalCi,
        activity.id,
        'CI',
        {
          version: 1,
          status: 'in_progress',
        },
        409,
      );
      const rolled = await patchPart(
        DEMO.focalCi,
        activity.id,
        'CI',
        {
          version: 2,
          status: 'in_progress',
          progressPercent: 20,
        },
        200,
      );
      expect(rolled.body).toMatchObject({ status: 'in_progress', progressPercent: 60 });
    });

    it('completing the activity completes every open part; reopening it reopens them', async () => {
      const activity = await jointActivity();
      const done = await t.http
        .patch(`/api/activities/${activity.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: activity.version, status: 'completed', note: 'Clos en comité' })
        .expect(200);
      expect((done.body.parts as Part[]).map((p) => [p.status, p.progressPercent])).toEqual([
        ['completed', 100],
        ['completed', 100],
      ]);
      const reopened = await t.http
        .patch(`/api/activities/${activity.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ version: done.body.version, status: 'in_progress', progressPercent: 70 })
        .expect(200);
      expect(
        (reopened.body.parts as Part[]).map((p) => [p.status, p.progressPercent, p.completedOn]),
      ).toEqual([
        ['in_progress', 70, null],
        ['in_progress', 70, null],
      ]);
    });
  });

  it('parts follow the parties: a party added gets a part where the activity stands, one removed loses it', async () => {
    const activity = await jointActivity({ status: 'in_progress', progressPercent: 30 });
    const res = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({ version: activity.version, partyCodes: ['MA', 'IOM'] })
      .expect(200);
    expect(
      (res.body.parts as Part[]).map((p) => [p.partyCode, p.status, p.progressPercent]),
    ).toEqual([
      ['MA', 'in_progress', 30],
      ['IOM', 'in_progress', 30],
    ]);
  });

  it('an imported activity gets one part per party at its status', async () => {
    const plan = await t.http
      .post(`/api/agreements/${seeded.agreementId}/action-plans`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({ title: 'Plan importé (parts)', startsOn: '2025-04-08', durationMonths: 24 })
      .expect(201);
    await t.http
      .post(`/api/action-plans/${plan.body.id}/activities/import`)
      .set('Authorization', await bearer(DEMO.pm))
      .set('Content-Type', 'text/csv')
      .send(
        Buffer.from(
          'title,type,leadPartyCode,partyCodes,dueOn,status,progressPercent\n' +
            'Échange de textes,legal_exchange,CI,CI;MA,2026-06-30,in_progress,40\n',
        ),
      )
      .expect(201);
    const list = await t.http
      .get(`/api/action-plans/${plan.body.id}/activities`)
      .set('Authorization', await bearer(DEMO.pm))
      .expect(200);
    expect(
      (list.body.items[0].parts as Part[]).map((p) => [p.partyCode, p.status, p.progressPercent]),
    ).toEqual([
      ['CI', 'in_progress', 40],
      ['MA', 'in_progress', 40],
    ]);
  });

  it('a renewal copy keeps each party where it stood', async () => {
    const activity = await jointActivity({ status: 'in_progress', progressPercent: 10 });
    await patchPart(DEMO.focalMa, activity.id, 'MA', { version: 1, status: 'completed' }, 200);
    const renewed = await t.http
      .post(`/api/action-plans/${seeded.planId}/renew`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({})
      .expect(201);
    const next = await t.http
      .get(`/api/action-plans/${renewed.body.id}/activities?pageSize=200`)
      .set('Authorization', await bearer(DEMO.pm))
      .expect(200);
    const copy = (next.body.items as { carriedOverFromId: string; parts: Part[] }[]).find(
      (a) => a.carriedOverFromId === activity.id,
    )!;
    expect(copy.parts.map((p) => [p.partyCode, p.status, p.version])).toEqual([
      ['MA', 'completed', 1],
      ['CI', 'in_progress', 1],
    ]);
    // The original is read-only now, its parts too.
    await patchPart(DEMO.focalCi, activity.id, 'CI', { version: 1, status: 'completed' }, 409);
  });
});
