import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binary, readCsv, readIcs, readXlsx } from '../support/export-files';
import { createEgyptTunisiaAgreement, SeededPlan, seededPlan } from '../support/fixtures';
import { createTestApp, DEMO, TestApp } from '../support/test-app';
import { withoutRequiredEvidence } from '../support/evidence-files';
import { toExportRow } from '../../src/activities/activity-table';
import type { ActivityView } from '../../src/activities/activity-view';
import { partCells, partPartyCodes } from '../../src/activities/parts/part-columns';
import { FORMULA_START } from '../../src/exports/csv/activities-csv';

const REPO_ROOT = path.resolve(__dirname, '..', '..');
// CI clones the repository with shared/ beside it.
const IATI_SCHEMA = path.resolve(
  REPO_ROOT,
  '..',
  'shared',
  'reference',
  'iati-2.03',
  'iati-activities-schema.xsd',
);
const CSV_HEADER = [
  'title',
  'description',
  'type',
  'themes',
  'leadPartyCode',
  'partyCodes',
  'plannedStartOn',
  'dueOn',
  'status',
  'progressPercent',
  'completedOn',
  'notes',
  'title_fr',
  'title_en',
  'title_ar',
  'description_fr',
  'description_en',
  'description_ar',
  'id',
  'version',
  'overdue',
];

/** Five columns per party with a part on an exported activity, parties alphabetically. */
const partColumns = (activities: { parts: { partyCode: string }[] }[]) =>
  [...new Set(activities.flatMap((a) => a.parts.map((p) => p.partyCode)))]
    .sort()
    .flatMap((code) =>
      ['status', 'progress', 'completedOn', 'overdue', 'note'].map((f) => `part_${code}_${f}`),
    );

interface ListedActivity {
  id: string;
  title: string;
  status: string;
  leadPartyCode: string;
  parts: { partyCode: string; status: string; progressPercent: number; version: number }[];
  dueOn: string;
  overdue: boolean;
  partyCodes: string[];
  themes: string[];
}

describe('exports: CSV, XLSX, calendar feed, IATI', () => {
  let t: TestApp;
  let seeded: SeededPlan;
  let egTn: Awaited<ReturnType<typeof createEgyptTunisiaAgreement>>;
  const bearer = (email: string) => t.tokenFor(email);
  /** A file answer as raw bytes, after checking its status. */
  const file = async (url: string, status: number, email: string = DEMO.pm) =>
    t.http
      .get(url)
      .set('Authorization', await bearer(email))
      .buffer(true)
      .parse(binary)
      .expect(status);
  const listed = async (query = ''): Promise<ListedActivity[]> =>
    (
      await t.http
        .get(`/api/action-plans/${seeded.planId}/activities?pageSize=200${query}`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200)
    ).body.items;

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seededPlan(t);
    // Parts are completed here without files; the completion gate has its own suite.
    await withoutRequiredEvidence(t);
    egTn = await createEgyptTunisiaAgreement(t);
  });
  afterAll(() => t.close());

  describe('CSV', () => {
    it('starts with a UTF-8 BOM and a header row, and holds every activity of the plan', async () => {
      const res = await file(`/api/action-plans/${seeded.planId}/activities.csv`, 200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toMatch(
        /^attachment; filename="[a-z0-9-]+\.csv"$/,
      );
      const bytes = res.body as Buffer;
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      const { header, records } = readCsv(bytes);
      const all = await listed();
      expect(header).toEqual([...CSV_HEADER, ...partColumns(all)]);
      expect(header).toContain('part_MA_status');
      expect(records.map((r) => r.id).sort()).toEqual(all.map((a) => a.id).sort());
      // Accents survive the round trip through bytes.
      expect(records.map((r) => r.title)).toContain(
        "Atelier technique sur la collecte et l'analyse des données relatives à la traite",
      );
    });

    it('applies the list filters: ?overdue=true&party=MA gives the overdue activities Morocco is on', async () => {
      const res = await file(
        `/api/action-plans/${seeded.planId}/activities.csv?overdue=true&party=MA`,
        200,
      );
      const { records } = readCsv(res.body as Buffer);
      const expected = await listed('&overdue=true&party=MA');
      expect(expected.length).toBeGreaterThan(0);
      expect(records.map((r) => r.id)).toEqual(expected.map((a) => a.id));
      for (const record of records) {
        expect(record.overdue).toBe('true');
        expect(record.partyCodes.split(';')).toContain('MA');
      }
      // The CI-only overdue activity is left out.
      expect((await listed('&overdue=true')).length).toBeGreaterThan(records.length);
    });

    it('writes lists semicolon-separated and empty cells for absent values', async () => {
      const res = await file(`/api/action-plans/${seeded.planId}/activities.csv`, 200);
      const { records } = readCsv(res.body as Buffer);
      const all = await listed();
      const planned = all.find((a) => a.status === 'planned' && a.themes.length > 1)!;
      const record = records.find((r) => r.id === planned.id)!;
      expect(record.themes).toBe(planned.themes.join(';'));
      expect(record.partyCodes).toBe(planned.partyCodes.join(';'));
      expect(record.completedOn).toBe('');
    });

    it('carries each party’s part: Morocco done, Côte d’Ivoire still owing, on one joint row', async () => {
      const joint = (await listed()).find(
        (a) =>
          a.leadPartyCode === 'MA' &&
          a.overdue &&
          a.parts.some((p) => p.partyCode === 'CI') &&
          a.parts.every((p) => p.status !== 'completed'),
      )!;
      expect(joint).toBeDefined();
      const ma = joint.parts.find((p) => p.partyCode === 'MA')!;
      await t.http
        .patch(`/api/activities/${joint.id}/parts/MA`)
        .set('Authorization', await bearer(DEMO.focalMa))
        .send({ version: ma.version, status: 'completed', note: 'Délégation reçue' })
        .expect(200);
      const res = await file(`/api/action-plans/${seeded.planId}/activities.csv`, 200);
      const record = readCsv(res.body as Buffer).records.find((r) => r.id === joint.id)!;
      expect(record).toMatchObject({
        status: 'in_progress',
        part_MA_status: 'completed',
        part_MA_progress: '100',
        part_MA_overdue: 'false',
        part_MA_note: 'Délégation reçue',
        part_CI_status: joint.parts.find((p) => p.partyCode === 'CI')!.status,
        part_CI_completedOn: '',
        part_CI_overdue: 'true',
      });
      expect(record.part_MA_completedOn).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // A party not on this activity: empty cells.
      const absent = ['IOM', 'UNICEF', 'UNODC'].find(
        (code) => !joint.parts.some((p) => p.partyCode === code),
      )!;
      expect(record[`part_${absent}_status`]).toBe('');
    });

    it('writes each cell as the activity’s view says (toExportRow, partCells), formulas defused', async () => {
      // The CSV selects its cells in SQL (activity-export-sql.ts); the XLSX still builds them from
      // views: both must agree with the view, on an activity with every kind of cell.
      const created = await t.http
        .post(`/api/action-plans/${seeded.planId}/activities`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({
          title: '=HYPERLINK("http://127.0.0.1/x")',
          translations: {
            en: { title: 'Study visit, "Rabat"', description: '+ second line\r\nthird' },
            ar: { title: 'زيارة دراسية' },
          },
          type: 'study_visit',
          themes: ['victim_support', 'data_collection'],
          leadPartyCode: 'CI',
          partyCodes: ['CI', 'MA'],
          dueOn: '2026-03-31',
          notes: '@sum; -1',
        })
        .expect(201);
      const res = await file(`/api/action-plans/${seeded.planId}/activities.csv`, 200);
      const { header, records } = readCsv(res.body as Buffer);
      const views = (await listed()) as unknown as ActivityView[];
      const codes = partPartyCodes(views);
      const asText = (value: string | number | boolean) =>
        typeof value !== 'string' ? String(value) : FORMULA_START.test(value) ? `'${value}` : value;
      expect(records).toHaveLength(views.length);
      for (const view of views) {
        const expected = { ...toExportRow(view), ...partCells(view, codes) };
        const record = records.find((r) => r.id === view.id)!;
        expect(Object.keys(record)).toEqual(header);
        expect(record).toEqual(
          Object.fromEntries(header.map((column) => [column, asText(expected[column as never])])),
        );
      }
      const defused = records.find((r) => r.title_en === 'Study visit, "Rabat"')!;
      expect(defused).toMatchObject({
        title: `'=HYPERLINK("http://127.0.0.1/x")`,
        description: '',
        description_en: "'+ second line\r\nthird",
        notes: "'@sum; -1",
        plannedStartOn: '',
        themes: 'victim_support;data_collection',
      });
      // Out again: the other exports' tests count the seeded plan's activities.
      await t.http
        .delete(`/api/activities/${created.body.id}?version=${created.body.version}`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(204);
    });

    it('is not paginated: page and pageSize are refused', async () => {
      const res = await file(`/api/action-plans/${seeded.planId}/activities.csv?page=2`, 400);
      expect(JSON.parse(res.body.toString()).errors[0].field).toBe('page');
    });

    it('focal point of CI cannot export an EG–TN plan (404), in any format', async () => {
      for (const format of ['activities.csv', 'activities.xlsx', 'iati.xml', 'calendar.ics']) {
        await file(`/api/action-plans/${egTn.planId}/${format}`, 404, DEMO.focalCi);
      }
      await file(`/api/action-plans/${seeded.planId}/activities.csv`, 200, DEMO.focalCi);
    });
  });

  describe('XLSX', () => {
    it('has the same columns and rows, a frozen styled header, dates as date cells shown YYYY-MM-DD', async () => {
      const res = await file(`/api/action-plans/${seeded.planId}/activities.xlsx?party=CI`, 200);
      expect(res.headers['content-type']).toBe(
        'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
      );
      expect(res.headers['content-disposition']).toMatch(/filename="[a-z0-9-]+\.xlsx"$/);
      const { sheet, header, records } = await readXlsx(res.body as Buffer);
      const expected = await listed('&party=CI');
      expect(header).toEqual([...CSV_HEADER, ...partColumns(expected)]);
      expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
      expect(sheet.getRow(1).font?.bold).toBe(true);
      expect(records.map((r) => r.id)).toEqual(expected.map((a) => a.id));
      const dueColumn = header.indexOf('dueOn') + 1;
      for (const [i, record] of records.entries()) {
        // A real date cell (exceljs reads it as that day's UTC midnight), formatted as a date.
        expect(record.dueOn).toBeInstanceOf(Date);
        expect((record.dueOn as Date).toISOString()).toBe(`${expected[i].dueOn}T00:00:00.000Z`);
        expect(sheet.getRow(i + 2).getCell(dueColumn).numFmt).toBe('yyyy-mm-dd');
        expect(typeof record.progressPercent).toBe('number');
      }
    });
  });

  describe('calendar feed', () => {
    const calendar = async (url: string, email: string = DEMO.pm) =>
      (
        await t.http
          .get(url)
          .set('Authorization', await bearer(email))
          .expect(200)
      ).text;

    it('has one all-day event per activity, plus plan end, agreement expiry and notice deadline', async () => {
      const res = await t.http
        .get(`/api/action-plans/${seeded.planId}/calendar.ics`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200);
      expect(res.headers['content-type']).toBe('text/calendar; charset=utf-8');
      const events = readIcs(res.text);
      const activities = await listed();
      expect(events).toHaveLength(activities.length + 3);
      expect(events.every((e) => e.allDay)).toBe(true);
      expect(res.text).toMatch(/DTSTART;VALUE=DATE:\d{8}\r\n/);

      for (const activity of activities) {
        const event = events.find((e) => e.uid === `activity-${activity.id}@accords`);
        expect(event?.start).toBe(activity.dueOn);
      }
      const overdue = activities.filter((a) => a.overdue);
      expect(overdue.length).toBeGreaterThan(0);
      for (const activity of overdue) {
        const event = events.find((e) => e.uid === `activity-${activity.id}@accords`)!;
        expect(event.summary).toBe(`Overdue – ${activity.title}`); // the PM reads English
      }
      const cancelled = activities.find((a) => a.status === 'cancelled')!;
      expect(events.find((e) => e.uid === `activity-${cancelled.id}@accords`)?.status).toBe(
        'CANCELLED',
      );

      const agreement = (
        await t.http
          .get(`/api/agreements/${seeded.agreementId}`)
          .set('Authorization', await bearer(DEMO.pm))
          .expect(200)
      ).body;
      const plan = (
        await t.http
          .get(`/api/action-plans/${seeded.planId}`)
          .set('Authorization', await bearer(DEMO.pm))
          .expect(200)
      ).body;
      const byUid = (uid: string) => events.find((e) => e.uid === uid);
      expect(byUid(`plan-end-${seeded.planId}@accords`)?.start).toBe(plan.endsOn);
      expect(byUid(`agreement-expiry-${seeded.agreementId}@accords`)?.start).toBe(
        agreement.expiresOn,
      );
      expect(agreement.noticeDeadlineOn).toEqual(expect.any(String));
      expect(byUid(`agreement-notice-${seeded.agreementId}@accords`)?.start).toBe(
        agreement.noticeDeadlineOn,
      );
    });

    it('keeps the same UIDs from one export to the next', async () => {
      const url = `/api/action-plans/${seeded.planId}/calendar.ics`;
      const first = readIcs(await calendar(url)).map((e) => e.uid);
      const second = readIcs(await calendar(url)).map((e) => e.uid);
      expect(new Set(first).size).toBe(first.length);
      expect(second.sort()).toEqual(first.sort());
    });

    it('speaks the reader’s language: a French focal point gets French titles', async () => {
      const events = readIcs(
        await calendar(`/api/action-plans/${seeded.planId}/calendar.ics`, DEMO.focalCi),
      );
      expect(events.some((e) => e.summary.startsWith('En retard – '))).toBe(true);
      expect(events.some((e) => e.summary.startsWith("Expiration de l'accord – "))).toBe(true);
    });

    it('uses the page’s words: status and type names, never codes; postponed is not a deadline', async () => {
      await t.http
        .post(`/api/action-plans/${seeded.planId}/activities`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({
          title: 'Atelier reporté (calendrier)',
          type: 'workshop',
          leadPartyCode: 'CI',
          dueOn: '2099-06-30',
          status: 'postponed',
        })
        .expect(201);
      const activities = await listed();
      const events = readIcs(
        await calendar(`/api/action-plans/${seeded.planId}/calendar.ics`, DEMO.focalCi),
      );
      const eventOf = (id: string) => events.find((e) => e.uid === `activity-${id}@accords`)!;
      const completed = activities.find((a) => a.status === 'completed')!;
      expect(eventOf(completed.id).summary).toBe(`Réalisée – ${completed.title}`);
      expect(eventOf(completed.id).description).toContain('Statut : Réalisée');
      const postponed = activities.find((a) => a.title === 'Atelier reporté (calendrier)')!;
      expect(eventOf(postponed.id).summary).toBe(`Reportée – ${postponed.title}`);
      expect(eventOf(postponed.id).description).toContain('Type : Atelier');
      for (const activity of activities) {
        const { summary, description } = eventOf(activity.id);
        expect(summary).not.toMatch(/^Terminée/);
        expect(description).not.toMatch(
          /\b(planned|in_progress|completed|postponed|cancelled|workshop|study_visit|legal_exchange|capacity_building|awareness|data_collection|meeting)\b/,
        );
      }
    });

    it('a focal point’s feed shows their own part: Morocco’s done part reads as done, Côte d’Ivoire’s open one as overdue', async () => {
      const joint = (await listed()).find(
        (a) =>
          a.overdue &&
          a.parts.some((p) => p.partyCode === 'MA' && p.status === 'completed') &&
          a.parts.some((p) => p.partyCode === 'CI' && p.status !== 'completed'),
      );
      // The CSV test above completed Morocco's part of such an activity.
      expect(joint).toBeDefined();
      const eventIn = async (email: string) =>
        readIcs(await calendar(`/api/action-plans/${seeded.planId}/calendar.ics`, email)).find(
          (e) => e.uid === `activity-${joint!.id}@accords`,
        )!;
      const ma = await eventIn(DEMO.focalMa);
      expect(ma.summary).toBe(`Réalisée – ${joint!.title}`);
      expect(ma.description).toContain('Statut : Réalisée');
      expect(ma.description).toContain('Avancement : 100');
      expect((await eventIn(DEMO.focalCi)).summary).toBe(`En retard – ${joint!.title}`);
      // Managers read the joint status (the roll-up): still overdue.
      expect((await eventIn(DEMO.pm)).summary).toBe(`Overdue – ${joint!.title}`);
    });

    it('without a bearer or a feed token answers 401', async () => {
      const res = await t.http.get(`/api/action-plans/${seeded.planId}/calendar.ics`).expect(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      await t.http
        .get(`/api/action-plans/${seeded.planId}/calendar.ics?token=acf_not-a-real-token`)
        .expect(401);
    });
  });

  describe('feed tokens', () => {
    it('a focal point subscribes with a feed token, which reads only what they may read, until revoked', async () => {
      const ci = await bearer(DEMO.focalCi);
      const created = await t.http
        .post('/api/feed-tokens')
        .set('Authorization', ci)
        .send({ label: 'Outlook, bureau' })
        .expect(201);
      expect(created.body).toMatchObject({ label: 'Outlook, bureau', revokedAt: null });
      const { token, id } = created.body as { token: string; id: string };
      expect(token).toMatch(/^acf_[A-Za-z0-9_-]{43}$/);

      const feed = await t.http
        .get(`/api/action-plans/${seeded.planId}/calendar.ics?token=${token}`)
        .expect(200);
      expect(readIcs(feed.text).length).toBeGreaterThan(3);

      // The token acts as its owner: a plan of another agreement stays invisible.
      await t.http.get(`/api/action-plans/${egTn.planId}/calendar.ics?token=${token}`).expect(404);
      // It opens the calendar only, not the rest of the API.
      await t.http.get(`/api/action-plans/${seeded.planId}?token=${token}`).expect(401);

      const list = await t.http.get('/api/feed-tokens').set('Authorization', ci).expect(200);
      expect(list.body.total).toBe(1);
      expect(list.body.items[0]).toMatchObject({ id, lastUsedAt: expect.any(String) });
      expect(list.body.items[0].token).toBeUndefined();

      // Someone else's token looks like no token at all.
      await t.http
        .delete(`/api/feed-tokens/${id}`)
        .set('Authorization', await bearer(DEMO.focalMa))
        .expect(404);
      const ma = await t.http
        .get('/api/feed-tokens')
        .set('Authorization', await bearer(DEMO.focalMa))
        .expect(200);
      expect(ma.body.total).toBe(0);

      await t.http.delete(`/api/feed-tokens/${id}`).set('Authorization', ci).expect(204);
      const revoked = await t.http
        .get(`/api/action-plans/${seeded.planId}/calendar.ics?token=${token}`)
        .expect(401);
      expect(revoked.body).toMatchObject({ status: 401 });
      const after = await t.http.get('/api/feed-tokens').set('Authorization', ci).expect(200);
      expect(after.body.items[0].revokedAt).toEqual(expect.any(String));
    });

    it('rejects unknown fields when creating a token', async () => {
      await t.http
        .post('/api/feed-tokens')
        .set('Authorization', await bearer(DEMO.pm))
        .send({ label: 'x', userId: 'someone-else' })
        .expect(400);
    });
  });

  describe('IATI activity XML', () => {
    let dir: string;
    beforeAll(() => {
      dir = mkdtempSync(path.join(tmpdir(), 'accords-iati-'));
    });
    afterAll(() => rmSync(dir, { recursive: true, force: true }));

    const xpath = (fileName: string, expression: string) => {
      const result = spawnSync('xmllint', ['--xpath', expression, fileName], { encoding: 'utf8' });
      return result.stdout.trim();
    };
    const identifier = (id: string) => `XM-DAC-47066-ACCORDS-${id}`;
    const ofActivity = (id: string) => `//iati-activity[iati-identifier='${identifier(id)}']`;

    it('validates against the official IATI 2.03 schema and says what each activity is', async () => {
      const res = await file(`/api/action-plans/${seeded.planId}/iati.xml`, 200);
      expect(res.headers['content-type']).toBe('application/xml; charset=utf-8');
      const xmlFile = path.join(dir, 'plan.xml');
      writeFileSync(xmlFile, res.body as Buffer);

      const lint = spawnSync('xmllint', ['--noout', '--schema', IATI_SCHEMA, xmlFile], {
        encoding: 'utf8',
      });
      expect(lint.error).toBeUndefined(); // xmllint is installed (libxml2-utils)
      expect(lint.stderr).toContain('validates');
      expect(lint.status).toBe(0);

      const activities = await listed();
      expect(xpath(xmlFile, 'count(//iati-activity)')).toBe(String(activities.length));
      const codes: Record<string, string> = {
        planned: '1',
        in_progress: '2',
        completed: '3',
        cancelled: '5',
        postponed: '6',
      };
      for (const activity of activities) {
        const a = ofActivity(activity.id);
        expect(xpath(xmlFile, `string(${a}/activity-status/@code)`)).toBe(codes[activity.status]);
        expect(xpath(xmlFile, `sum(${a}/sector[@vocabulary='1']/@percentage)`)).toBe('100');
        expect(xpath(xmlFile, `string(${a}/activity-date[@type='3']/@iso-date)`)).toBe(
          activity.dueOn,
        );
        expect(xpath(xmlFile, `string(${a}/title/narrative/@xml:lang)`)).toBe('fr');
      }
      expect(xpath(xmlFile, "count(//document-link[category/@code='A09'])")).toBe(
        String(activities.length),
      );

      const victims = activities.find((a) => a.themes.includes('victim_support'))!;
      expect(xpath(xmlFile, `count(${ofActivity(victims.id)}/sector[@code='15160'])`)).toBe('1');
      const maCi = activities.find(
        (a) => a.partyCodes.includes('MA') && a.partyCodes.includes('CI'),
      )!;
      expect(xpath(xmlFile, `sum(${ofActivity(maCi.id)}/recipient-country/@percentage)`)).toBe(
        '100',
      );
      expect(xpath(xmlFile, `count(${ofActivity(maCi.id)}/recipient-country)`)).toBe('2');
      // Each party's part of a joint activity, in a description of type 4 (the status is the roll-up).
      for (const activity of activities) {
        const other = xpath(
          xmlFile,
          `string(${ofActivity(activity.id)}/description[@type='4']/narrative[@xml:lang='en'])`,
        );
        if (activity.parts.length < 2) {
          expect(other).toBe('');
          continue;
        }
        for (const p of activity.parts) expect(other).toContain(`${p.partyCode}: `);
      }
      const partDone = activities.find((a) =>
        a.parts.some((p) => p.partyCode === 'MA' && p.status === 'completed'),
      )!;
      expect(
        xpath(
          xmlFile,
          `string(${ofActivity(partDone.id)}/description[@type='4']/narrative[@xml:lang='fr'])`,
        ),
      ).toMatch(/MA : réalisée le \d{4}-\d{2}-\d{2}/);
      const completed = activities.find((a) => a.status === 'completed')!;
      expect(xpath(xmlFile, `count(${ofActivity(completed.id)}/activity-date[@type='4'])`)).toBe(
        '1',
      );
    });

    it('keeps the day work started as the actual start (type 2) when an activity is completed', async () => {
      const pm = await bearer(DEMO.pm);
      const plan = await t.http
        .post(`/api/agreements/${seeded.agreementId}/action-plans`)
        .set('Authorization', pm)
        .send({ title: 'Plan (dates IATI)', startsOn: '2026-01-01', durationMonths: 12 })
        .expect(201);
      const create = async (body: Record<string, unknown>) =>
        (
          await t.http
            .post(`/api/action-plans/${plan.body.id}/activities`)
            .set('Authorization', pm)
            .send({ type: 'workshop', leadPartyCode: 'MA', dueOn: '2026-11-30', ...body })
            .expect(201)
        ).body as { id: string; version: number };
      const patch = async (id: string, body: Record<string, unknown>) =>
        (
          await t.http
            .patch(`/api/activities/${id}`)
            .set('Authorization', pm)
            .send(body)
            .expect(200)
        ).body as { version: number };

      try {
        t.clock.set('2026-03-10T10:00:00Z');
        // Entered already under way (as the seed and imports do): no history of its start.
        const underWay = await create({
          title: 'Déjà en cours',
          status: 'in_progress',
          plannedStartOn: '2026-03-02',
        });
        // Started through the API on 2026-04-15.
        const tracked = await create({ title: 'Suivie', plannedStartOn: '2026-04-01' });
        t.clock.set('2026-04-15T10:00:00Z');
        const started = await patch(tracked.id, { version: 1, status: 'in_progress' });

        t.clock.set('2026-12-01T10:00:00Z');
        await patch(underWay.id, { version: underWay.version, status: 'completed' });
        await patch(tracked.id, { version: started.version, status: 'completed' });

        const res = await file(`/api/action-plans/${plan.body.id}/iati.xml`, 200);
        const xmlFile = path.join(dir, 'dates.xml');
        writeFileSync(xmlFile, res.body as Buffer);
        const date = (id: string, type: number) =>
          xpath(xmlFile, `string(${ofActivity(id)}/activity-date[@type='${type}']/@iso-date)`);
        expect([date(underWay.id, 2), date(underWay.id, 4)]).toEqual(['2026-03-02', '2026-12-01']);
        expect([date(tracked.id, 2), date(tracked.id, 4)]).toEqual(['2026-04-15', '2026-12-01']);
      } finally {
        t.clock.reset();
      }
    });

    it('exports only the filtered activities', async () => {
      const res = await file(`/api/action-plans/${seeded.planId}/iati.xml?status=completed`, 200);
      const xmlFile = path.join(dir, 'completed.xml');
      writeFileSync(xmlFile, res.body as Buffer);
      const completed = await listed('&status=completed');
      expect(xpath(xmlFile, 'count(//iati-activity)')).toBe(String(completed.length));
      expect(xpath(xmlFile, "count(//activity-status[@code!='3'])")).toBe('0');
    });
  });
});
