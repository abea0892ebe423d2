import { binary, readCsv, withoutKeys } from '../support/export-files';
import { createEgyptTunisiaAgreement, SeededPlan, seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';
import { withoutRequiredEvidence } from '../support/evidence-files';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

interface Activity {
  id: string;
  title: string;
  description: string | null;
  type: string;
  themes: string[];
  leadPartyCode: string;
  partyCodes: string[];
  plannedStartOn: string | null;
  dueOn: string;
  status: string;
  progressPercent: number;
  completedOn: string | null;
  notes: string | null;
  carriedOverFromId: string | null;
  version: number;
}

/** What an import must reproduce: everything but ids, versions and timestamps. */
const content = (a: Activity) => ({
  title: a.title,
  description: a.description,
  type: a.type,
  themes: a.themes,
  leadPartyCode: a.leadPartyCode,
  partyCodes: [...a.partyCodes].sort(),
  plannedStartOn: a.plannedStartOn,
  dueOn: a.dueOn,
  status: a.status,
  progressPercent: a.progressPercent,
  completedOn: a.completedOn,
  notes: a.notes,
});
const byTitle = (a: { title: string }, b: { title: string }) => a.title.localeCompare(b.title);

describe('importing activities and renewing plans', () => {
  let t: TestApp;
  let seeded: SeededPlan;
  const bearer = (email: string) => t.tokenFor(email);
  const activitiesOf = async (planId: string): Promise<Activity[]> =>
    (
      await t.http
        .get(`/api/action-plans/${planId}/activities?pageSize=200`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200)
    ).body.items;
  const historyOf = async (planId: string) =>
    (
      await t.http
        .get(`/api/action-plans/${planId}/history`)
        .set('Authorization', await bearer(DEMO.observer))
        .expect(200)
    ).body;
  const newPlan = async (title: string): Promise<string> =>
    (
      await t.http
        .post(`/api/agreements/${seeded.agreementId}/action-plans`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ title, startsOn: '2025-04-08', durationMonths: 24 })
        .expect(201)
    ).body.id;
  const exported = async (planId: string, format: 'csv' | 'xlsx'): Promise<Buffer> =>
    (
      await t.http
        .get(`/api/action-plans/${planId}/activities.${format}`)
        .set('Authorization', await bearer(DEMO.pm))
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body;
  const upload = async (
    planId: string,
    contentType: string,
    body: Buffer | string,
    as: string = DEMO.pm,
  ) =>
    t.http
      .post(`/api/action-plans/${planId}/activities/import`)
      .set('Authorization', await bearer(as))
      .set('Content-Type', contentType)
      .send(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'));

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seededPlan(t);
    // Parts are completed here without files; the completion gate has its own suite.
    await withoutRequiredEvidence(t);
  });
  afterAll(() => t.close());

  describe('import', () => {
    it.each(['csv', 'xlsx'] as const)(
      'a plan exported as %s, ids emptied, imports into a new plan as the same activities',
      async (format) => {
        const original = await activitiesOf(seeded.planId);
        const target = await newPlan(`Plan importé (${format})`);
        const res = await upload(
          target,
          format === 'csv' ? 'text/csv; charset=utf-8' : XLSX,
          await withoutKeys(await exported(seeded.planId, format), format),
        );
        expect(res.status).toBe(201);
        expect(res.body).toEqual({
          imported: original.length,
          created: original.length,
          updated: 0,
          unchanged: 0,
        });

        const imported = await activitiesOf(target);
        expect(imported.map(content).sort(byTitle)).toEqual(original.map(content).sort(byTitle));
        expect(imported.every((a) => a.version === 1)).toBe(true);

        const history = await historyOf(target);
        expect(history.items).toEqual([
          expect.objectContaining({
            event: 'activities_imported',
            details: { imported: original.length, created: original.length, updated: 0, format },
          }),
        ]);
      },
    );

    it('text that a spreadsheet would run as a formula is escaped in the CSV and restored on import', async () => {
      const source = await newPlan('Plan source (formules)');
      await t.http
        .post(`/api/action-plans/${source}/activities`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({
          title: '=HYPERLINK("http://example.org";"clic")',
          notes: '-20 % de budget',
          type: 'other',
          leadPartyCode: 'MA',
          dueOn: '2026-09-30',
        })
        .expect(201);
      const csv = await exported(source, 'csv');
      expect(csv.toString('utf8')).toContain(`"'=HYPERLINK(""http://example.org"";""clic"")"`);
      const target = await newPlan('Plan cible (formules)');
      await upload(target, 'text/csv', await withoutKeys(csv, 'csv')).then((r) =>
        expect(r.status).toBe(201),
      );
      const [activity] = await activitiesOf(target);
      expect(activity.title).toBe('=HYPERLINK("http://example.org";"clic")');
      expect(activity.notes).toBe('-20 % de budget');
    });

    it('reads a semicolon-separated CSV as Excel saves it in French', async () => {
      const target = await newPlan('Plan (CSV point-virgule)');
      const csv =
        'title;type;leadPartyCode;partyCodes;dueOn;status\r\n' +
        'Réunion de suivi;meeting;CI;"CI;MA";2026-10-15;in_progress\r\n';
      const res = await upload(target, 'text/csv', csv);
      expect(res.status).toBe(201);
      const [activity] = await activitiesOf(target);
      expect(activity).toMatchObject({
        title: 'Réunion de suivi',
        partyCodes: ['CI', 'MA'],
        status: 'in_progress',
      });
    });

    it('lists every bad row with its row number, field and message, and imports nothing', async () => {
      const target = await newPlan('Plan (import refusé)');
      const csv = [
        'title,type,leadPartyCode,partyCodes,dueOn,status,progressPercent,completedOn',
        'Atelier valide,workshop,MA,MA;CI,2026-05-01,planned,10,', // row 2: fine
        ',workshop,MA,,2026-05-01,,,', // row 3: no title
        'Mauvais type,party,MA,,2026-05-01,,,', // row 4
        'Date impossible,workshop,MA,,2026-02-30,,,', // row 5
        'Parties inconnues,workshop,ZZ,MA;XX,2026-05-01,,,', // row 6: two fields
        'Trop avancé,workshop,MA,,2026-05-01,,150,', // row 7
        '', // row 8: blank, skipped but counted
        'Terminée trop tôt,workshop,MA,,2026-05-01,planned,,2026-04-01', // row 9: rule
      ].join('\n');
      const res = await upload(target, 'text/csv', csv);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const errors = res.body.errors as { row: number; field: string; message: string }[];
      for (const error of errors)
        expect(error).toEqual({
          row: expect.any(Number),
          field: expect.any(String),
          message: expect.any(String),
        });
      const where = errors.map((e) => `${e.row}:${e.field}`);
      expect(where).toEqual(
        expect.arrayContaining([
          '3:title',
          '4:type',
          '5:dueOn',
          '6:leadPartyCode',
          '6:partyCodes',
          '7:progressPercent',
          '9:completedOn',
        ]),
      );
      expect(errors.filter((e) => e.row === 2)).toEqual([]);
      expect(errors.find((e) => e.row === 6 && e.field === 'partyCodes')?.message).toContain('XX');
      expect(await activitiesOf(target)).toEqual([]);
      expect((await historyOf(target)).total).toBe(0);
    });

    it('refuses an unknown or missing column in the header (row 1)', async () => {
      const target = await newPlan('Plan (en-tête)');
      const res = await upload(target, 'text/csv', 'title,colour,dueOn\nA,red,2026-05-01\n');
      expect(res.status).toBe(400);
      expect(res.body.errors).toEqual(
        expect.arrayContaining([
          { row: 1, field: 'colour', message: expect.stringContaining('unknown column') },
          { row: 1, field: 'type', message: 'column is missing' },
          { row: 1, field: 'leadPartyCode', message: 'column is missing' },
        ]),
      );
    });

    it('refuses a body that is not a CSV or XLSX file', async () => {
      const target = await newPlan('Plan (mauvais format)');
      const json = await t.http
        .post(`/api/action-plans/${target}/activities/import`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ title: 'x' })
        .expect(400);
      expect(json.body.errors[0].field).toBe('body');
      const broken = await upload(target, XLSX, 'not a zip');
      expect(broken.status).toBe(400);
      expect(broken.body.errors).toEqual([{ row: 1, field: 'file', message: expect.any(String) }]);
      const header = await upload(target, 'text/csv', 'title,type,leadPartyCode,dueOn\n');
      expect(header.status).toBe(400);
    });

    describe('re-importing into the same plan (rows with an id)', () => {
      const csvOf = (header: string[], records: Record<string, string | undefined>[]) =>
        [header, ...records.map((r) => header.map((h) => r[h] ?? ''))]
          .map((cells) =>
            cells.map((c) => (/[",\n\r;]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','),
          )
          .join('\n');
      const planWithThree = async (title: string) => {
        const planId = await newPlan(title);
        for (const [i, lead] of ['MA', 'CI', 'MA'].entries()) {
          await t.http
            .post(`/api/action-plans/${planId}/activities`)
            .set('Authorization', await bearer(DEMO.pm))
            .send({
              title: `Activité ${i + 1}`,
              type: 'workshop',
              leadPartyCode: lead,
              // One joint activity: its part columns travel in the export and back.
              ...(i === 0 && { partyCodes: ['MA', 'CI'] }),
              dueOn: `2026-0${i + 4}-15`,
            })
            .expect(201);
        }
        return planId;
      };

      it.each(['csv', 'xlsx'] as const)(
        'an unchanged %s export updates nothing and duplicates nothing',
        async (format) => {
          const planId = await planWithThree(`Plan réimporté (${format})`);
          // Morocco's part of the joint one done: its part columns carry a status and a date.
          const joint = (await activitiesOf(planId)).find((a) => a.title === 'Activité 1')!;
          await t.http
            .patch(`/api/activities/${joint.id}/parts/MA`)
            .set('Authorization', await bearer(DEMO.focalMa))
            .send({ version: 1, status: 'completed', note: 'Fait' })
            .expect(200);
          const before = await activitiesOf(planId);
          const file = await exported(planId, format);
          if (format === 'csv') {
            const { header, records } = readCsv(file);
            expect(header).toEqual(expect.arrayContaining(['part_MA_status', 'part_CI_status']));
            expect(records.find((r) => r.id === joint.id)).toMatchObject({
              part_MA_status: 'completed',
              part_CI_status: 'planned',
            });
          }
          const res = await upload(planId, format === 'csv' ? 'text/csv' : XLSX, file);
          expect(res.status).toBe(201);
          expect(res.body).toEqual({ imported: 3, created: 0, updated: 0, unchanged: 3 });
          const after = await activitiesOf(planId);
          expect(after).toHaveLength(3);
          expect(after.map((a) => [a.id, a.version]).sort()).toEqual(
            before.map((a) => [a.id, a.version]).sort(),
          );
        },
      );

      it('updates the rows with an id (version-checked, with history) and creates the others', async () => {
        const planId = await planWithThree('Plan réimporté (modifié)');
        const { header, records } = readCsv(await exported(planId, 'csv'));
        const edited = records.find((r) => r.title === 'Activité 2')!;
        edited.title = 'Activité 2 (revue)';
        edited.status = 'in_progress';
        edited.progressPercent = '40';
        const added = {
          title: 'Activité 4',
          type: 'meeting',
          leadPartyCode: 'CI',
          dueOn: '2026-09-01',
        };
        const res = await upload(planId, 'text/csv', csvOf(header, [...records, added]));
        expect(res.status).toBe(201);
        expect(res.body).toEqual({ imported: 4, created: 1, updated: 1, unchanged: 2 });

        const after = await activitiesOf(planId);
        expect(after).toHaveLength(4);
        expect(after.find((a) => a.id === edited.id)).toMatchObject({
          title: 'Activité 2 (revue)',
          status: 'in_progress',
          progressPercent: 40,
          version: 2,
        });
        const history = await t.http
          .get(`/api/activities/${edited.id}/history`)
          .set('Authorization', await bearer(DEMO.pm))
          .expect(200);
        expect(history.body.items.map((h: { field: string }) => h.field).sort()).toEqual([
          'progressPercent',
          'status',
          'title',
        ]);
        const pmName = (
          await t.http
            .get('/api/me')
            .set('Authorization', await bearer(DEMO.pm))
            .expect(200)
        ).body.name;
        expect((await historyOf(planId)).items).toEqual([
          expect.objectContaining({
            event: 'activities_imported',
            details: { imported: 4, created: 1, updated: 1, format: 'csv' },
            actorName: pmName,
          }),
        ]);
        expect(history.body.items[0]).toMatchObject({ actorEmail: DEMO.pm, actorName: pmName });
      });

      it('a stale version, an id from another plan, a bad or repeated id are row errors; nothing changes', async () => {
        const planId = await planWithThree('Plan réimporté (refusé)');
        const { header, records } = readCsv(await exported(planId, 'csv'));
        const [first, second, third] = records;
        await t.http
          .patch(`/api/activities/${first.id}`)
          .set('Authorization', await bearer(DEMO.pm))
          .send({ version: 1, notes: 'changé depuis l’export' })
          .expect(200);
        const [elsewhere] = await activitiesOf(seeded.planId);
        const rows = [
          { ...first, title: 'Écrase une version périmée' }, // row 2: stale version
          { ...second, id: elsewhere.id, version: '' }, // row 3: another plan's activity
          { ...third, id: 'not-an-id' }, // row 4
          { ...second, version: '' }, // row 5: fine on its own
          { ...second, version: '' }, // row 6: the same id again
          { title: 'Nouvelle', type: 'meeting', leadPartyCode: 'MA', dueOn: '2026-09-01' }, // row 7
        ];
        const res = await upload(planId, 'text/csv', csvOf(header, rows));
        expect(res.status).toBe(400);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
        const errors = res.body.errors as { row: number; field: string; message: string }[];
        expect(errors.map((e) => `${e.row}:${e.field}`).sort()).toEqual([
          '2:version',
          '3:id',
          '4:id',
          '6:id',
        ]);
        expect(errors.find((e) => e.row === 2)!.message).toContain('current version is 2');
        const after = await activitiesOf(planId);
        expect(after).toHaveLength(3);
        expect(after.find((a) => a.id === first.id)).toMatchObject({ version: 2 });
        expect(after.find((a) => a.id === second.id)).toMatchObject({ version: 1 });
        expect((await historyOf(planId)).total).toBe(0);
      });
    });

    it('is for programme managers: a focal point gets 403', async () => {
      const csv = 'title,type,leadPartyCode,dueOn\nAtelier,workshop,MA,2026-05-01\n';
      const res = await upload(seeded.planId, 'text/csv', csv, DEMO.focalMa);
      expect(res.status).toBe(403);
    });
  });

  describe('renewal', () => {
    it('opens the next cycle with the unfinished activities carried over, once', async () => {
      const pm = await bearer(DEMO.pm);
      const plan = (
        await t.http.get(`/api/action-plans/${seeded.planId}`).set('Authorization', pm).expect(200)
      ).body;
      const old = await activitiesOf(seeded.planId);
      const unfinished = old.filter((a) => !['completed', 'cancelled'].includes(a.status));
      expect(unfinished.length).toBeGreaterThan(0);
      expect(unfinished.length).toBeLessThan(old.length);

      const res = await t.http
        .post(`/api/action-plans/${seeded.planId}/renew`)
        .set('Authorization', pm)
        .expect(201);
      expect(plan).toMatchObject({ startsOn: '2025-04-08', endsOn: '2027-04-07' });
      expect(res.body).toMatchObject({
        agreementId: seeded.agreementId,
        title: "Plan d'action bilatéral 2027–2028 de lutte contre la traite des êtres humains",
        startsOn: '2027-04-08',
        endsOn: '2029-04-07',
        durationMonths: plan.durationMonths,
        renewable: true,
        partyCodes: plan.partyCodes,
        previousPlanId: seeded.planId,
        carriedOver: unfinished.length,
      });

      const carried = await activitiesOf(res.body.id);
      expect(carried).toHaveLength(unfinished.length);
      expect(carried.map((a) => a.carriedOverFromId).sort()).toEqual(
        unfinished.map((a) => a.id).sort(),
      );
      for (const activity of carried) {
        const from = unfinished.find((a) => a.id === activity.carriedOverFromId)!;
        expect(content(activity)).toEqual(content(from)); // dates and status kept as they were
        expect(activity.version).toBe(1);
      }
      // Completed and cancelled work stays behind; the old plan keeps all its activities.
      expect(carried.some((a) => ['completed', 'cancelled'].includes(a.status))).toBe(false);
      expect(await activitiesOf(seeded.planId)).toHaveLength(old.length);

      const again = await t.http
        .post(`/api/action-plans/${seeded.planId}/renew`)
        .set('Authorization', pm)
        .expect(409);
      expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(again.body).toMatchObject({ status: 409, title: 'Already renewed' });

      const history = await historyOf(seeded.planId);
      expect(history.items).toContainEqual(
        expect.objectContaining({
          event: 'renewed',
          details: {
            nextPlanId: res.body.id,
            carriedOver: unfinished.length,
            leftBehind: old.length - unfinished.length,
          },
          at: expect.any(String),
          actorId: expect.any(String),
        }),
      );
      expect((await historyOf(res.body.id)).items).toEqual([
        expect.objectContaining({
          event: 'opened_by_renewal',
          details: { previousPlanId: seeded.planId, carriedOver: unfinished.length },
        }),
      ]);
    });

    it('two renewals at once make one next cycle: the other gets 409', async () => {
      const planId = (
        await t.http
          .post(`/api/agreements/${seeded.agreementId}/action-plans`)
          .set('Authorization', await bearer(DEMO.pm))
          .send({
            title: 'Plan conjoint',
            startsOn: '2025-01-01',
            durationMonths: 12,
            renewable: true,
          })
          .expect(201)
      ).body.id;
      const pm = await bearer(DEMO.pm);
      const results = await Promise.all(
        [1, 2].map(() => t.http.post(`/api/action-plans/${planId}/renew`).set('Authorization', pm)),
      );
      expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
      const winner = results.find((r) => r.status === 201)!;
      expect(winner.body).toMatchObject({
        title: 'Plan conjoint (renouvellement)',
        startsOn: '2026-01-01',
        carriedOver: 0,
      });
    });

    /** A renewable plan of its own with `count` planned activities, so tests do not share state. */
    const planWithActivities = async (title: string, count: number) => {
      const pm = await bearer(DEMO.pm);
      const planId = (
        await t.http
          .post(`/api/agreements/${seeded.agreementId}/action-plans`)
          .set('Authorization', pm)
          .send({ title, startsOn: '2025-01-01', durationMonths: 12, renewable: true })
          .expect(201)
      ).body.id as string;
      const activities: Activity[] = [];
      for (let i = 0; i < count; i++) {
        const res = await t.http
          .post(`/api/action-plans/${planId}/activities`)
          .set('Authorization', pm)
          .send({
            title: `Activité ${i}`,
            type: 'meeting',
            leadPartyCode: 'MA',
            dueOn: '2025-10-01',
            notes: 'avant',
          })
          .expect(201);
        activities.push(res.body);
      }
      return { planId, activities };
    };

    it('a carried-over activity is read-only: a PATCH to it answers 409 naming the copy, which keeps its values', async () => {
      const pm = await bearer(DEMO.pm);
      const { planId, activities } = await planWithActivities('Plan (copie en lecture seule)', 1);
      const renewed = await t.http
        .post(`/api/action-plans/${planId}/renew`)
        .set('Authorization', pm)
        .expect(201);
      const [copy] = await activitiesOf(renewed.body.id);
      expect(copy.carriedOverFromId).toBe(activities[0].id);

      const res = await t.http
        .patch(`/api/activities/${activities[0].id}`)
        .set('Authorization', pm)
        .send({ version: activities[0].version, progressPercent: 40, notes: 'après' });
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body).toMatchObject({ title: 'Activity carried over', carriedOverTo: copy.id });
      expect(res.body.detail).toContain(copy.id);

      const [after] = await activitiesOf(renewed.body.id);
      expect(after).toMatchObject({ notes: 'avant', progressPercent: 0, version: 1 });
      const [original] = await activitiesOf(planId);
      expect(original).toMatchObject({ notes: 'avant', version: activities[0].version });
      // The copy is the live one: it takes the change.
      await t.http
        .patch(`/api/activities/${copy.id}`)
        .set('Authorization', pm)
        .send({ version: copy.version, notes: 'après' })
        .expect(200);
    });

    it('renewal racing 10 PATCHes of its activities loses none: each landed in the copy or answered 409 naming it', async () => {
      const pm = await bearer(DEMO.pm);
      const { planId, activities } = await planWithActivities('Plan (course)', 10);
      const patches = activities.map((a, i) =>
        t.http
          .patch(`/api/activities/${a.id}`)
          .set('Authorization', pm)
          .send({ version: a.version, notes: `mise à jour ${i}`, progressPercent: 10 + i }),
      );
      const [renewal, ...answers] = await Promise.all([
        t.http.post(`/api/action-plans/${planId}/renew`).set('Authorization', pm),
        ...patches,
      ]);
      expect(renewal.status).toBe(201);
      const copies = await activitiesOf(renewal.body.id);
      expect(copies).toHaveLength(10);

      answers.forEach((res, i) => {
        const copy = copies.find((c) => c.carriedOverFromId === activities[i].id)!;
        expect({ i, status: res.status }).toEqual({ i, status: expect.any(Number) });
        if (res.status === 200) {
          // Landed before the copy was made: the copy carries it.
          expect({ i, notes: copy.notes, progress: copy.progressPercent }).toEqual({
            i,
            notes: `mise à jour ${i}`,
            progress: 10 + i,
          });
        } else {
          expect({ i, status: res.status, carriedOverTo: res.body.carriedOverTo }).toEqual({
            i,
            status: 409,
            carriedOverTo: copy.id,
          });
          expect({ i, notes: copy.notes }).toEqual({ i, notes: 'avant' });
        }
      });
    });

    it('a plan that is not renewable answers 409', async () => {
      const egTn = await createEgyptTunisiaAgreement(t);
      const res = await t.http
        .post(`/api/action-plans/${egTn.planId}/renew`)
        .set('Authorization', await bearer(DEMO.admin))
        .expect(409);
      expect(res.body.title).toBe('Not renewable');
    });

    it('is for programme managers (403), and scoped like any read (404 outside the scope)', async () => {
      await t.http
        .post(`/api/action-plans/${seeded.planId}/renew`)
        .set('Authorization', await bearer(DEMO.focalMa))
        .expect(403);
      const egTn = await createEgyptTunisiaAgreement(t);
      await t.http
        .get(`/api/action-plans/${egTn.planId}/history`)
        .set('Authorization', await bearer(DEMO.focalCi))
        .expect(404);
    });
  });
});
