import type { INestApplicationContext } from '@nestjs/common';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ClaimedNotification } from '../../src/notifications/notification-lifecycle';
import { ReminderMessageComposer } from '../../src/reminders/reminder-message-composer';
import { binary, readCsv, readXlsx } from '../support/export-files';
import { xlsxBomb } from '../support/hostile-files';
import {
  createActivity,
  rowsFor,
  settled,
  startReminderApp,
  sweep,
} from '../support/reminder-fixtures';
import { SmtpSink } from '../support/smtp-sink';
import { DEMO, type TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { waitFor } from '../support/wait';

const IATI_SCHEMA = path.resolve(
  __dirname,
  '..',
  '..',
  '..',
  'shared',
  'reference',
  'iati-2.03',
  'iati-activities-schema.xsd',
);
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const CELL = 'sex:female|age_group:18_59';
const CELL_M = 'sex:male|age_group:18_59';

/**
 * Results I/O on one plan of the seeded MoU (Morocco–Côte d'Ivoire, from May 2025, half-yearly):
 * reporting-due reminders through the sweep, worker and SMTP sink; the values file (CSV, XLSX) and its
 * import (round trip, changes, permissions, validated periods, hostile files); the IATI results.
 * Fake time: 16 July 2025, 14 days before the first half-year's report is due (30 July).
 */
describe('results I/O: reporting reminders, values file and import, IATI results', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let pm: string;
  let focalMa: string;
  let focalCi: string;
  let planId: string;
  let activityId: string;
  const ind: Record<'people' | 'rate' | 'sop', string> = { people: '', rate: '', sop: '' };
  const planTitle = 'Plan de suivi des résultats 2025';
  const dir = mkdtempSync(path.join(tmpdir(), 'results-io-'));
  const mailsTo = (to: string) =>
    sink.mails.filter((m) => m.to === to && m.subject.includes(planTitle));
  const url = (rest: string) => `/api/action-plans/${planId}/results${rest}`;
  const put = (bearer: string, body: object, status = 200) =>
    t.http.put(url('/values')).set('Authorization', bearer).send(body).expect(status);
  const download = async (format: 'csv' | 'xlsx', bearer = pm) =>
    (
      await t.http
        .get(url(`/values.${format}`))
        .set('Authorization', bearer)
        .buffer(true)
        .parse(binary)
        .expect(200)
    ).body as Buffer;
  const upload = (bearer: string, body: Buffer | string, status: number, type = 'text/csv') =>
    t.http
      .post(url('/values/import'))
      .set('Authorization', bearer)
      .set('Content-Type', type)
      .send(Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8'))
      .expect(status);
  const storedValues = () =>
    t.dataSource.query<
      { code: string; period: string; party: string; value: string; version: number }[]
    >(
      `SELECT i.code, v.period, v.party_code AS party, v.value::text, v.version
         FROM result_values v JOIN result_indicators i ON i.id = v.indicator_id
        WHERE v.plan_id = $1 ORDER BY i.code, v.period, v.party_code`,
      [planId],
    );
  /** A CSV in the export's layout from records (keys = columns). */
  const csvOf = (header: string[], records: Record<string, string>[]) =>
    [header, ...records.map((r) => header.map((h) => r[h] ?? ''))]
      .map((cells) =>
        cells.map((c) => (/[",\n]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(','),
      )
      .join('\r\n') + '\r\n';

  beforeAll(async () => {
    ({ t } = await startReminderApp(sink, { DELIVERY_ATTEMPTS: '3', DELIVERY_BACKOFF_MS: '50' }));
    t.clock.set(new Date('2025-07-16T11:00:00Z'));
    [pm, focalMa, focalCi] = await Promise.all([
      t.tokenFor(DEMO.pm),
      t.tokenFor(DEMO.focalMa),
      t.tokenFor(DEMO.focalCi),
    ]);
    const agreements = await t.http.get('/api/agreements').set('Authorization', pm).expect(200);
    const mou = (agreements.body.items as { id: string; reference: string }[]).find(
      (a) => a.reference === 'MA-CI/TEH/2025-04-08',
    );
    const plan = await t.http
      .post(`/api/agreements/${mou?.id}/action-plans`)
      .set('Authorization', pm)
      .send({
        title: planTitle,
        startsOn: '2025-05-01',
        durationMonths: 20,
        timeZone: 'Africa/Casablanca',
      })
      .expect(201);
    planId = plan.body.id;
    activityId = (
      await createActivity(t, planId, { title: 'Formation des agents', dueOn: '2026-06-30' })
    ).id;
    const objective = await t.http
      .post(url('/objectives'))
      .set('Authorization', pm)
      .send({
        code: 'OS1',
        title: 'Prise en charge des victimes',
        theme: 'victim_support',
        translations: { en: { title: 'Victim support' }, ar: { title: 'دعم الضحايا' } },
      })
      .expect(201);
    const indicator = async (body: object) =>
      (
        await t.http
          .post(url('/indicators'))
          .set('Authorization', pm)
          .send({ objectiveId: objective.body.id, ...body })
          .expect(201)
      ).body.id as string;
    ind.people = await indicator({
      code: 'IND-1',
      title: 'Agents formés',
      translations: { en: { title: 'Officers trained' } },
      measure: 'number',
      unit: 'persons',
      baselineValue: 0,
      baselineOn: '2024-12-31',
      disaggregations: ['sex', 'age_group'],
      activityIds: [activityId],
    });
    ind.rate = await indicator({
      code: 'IND-2',
      title: 'Taux de victimes orientées',
      measure: 'percentage',
      responsiblePartyCode: 'MA',
      activityIds: [activityId],
    });
    ind.sop = await indicator({
      code: 'IND-3',
      title: 'Procédure opérationnelle adoptée',
      measure: 'yes_no',
      responsiblePartyCode: 'CI',
      activityIds: [activityId],
    });
    const targets = (id: string, list: object[]) =>
      t.http
        .put(url(`/indicators/${id}/targets`))
        .set('Authorization', pm)
        .send({ targets: list })
        .expect(200);
    await targets(ind.people, [{ period: '2025', targetValue: 100 }]);
    await targets(ind.rate, [{ period: '2025-H1', targetValue: 50 }]);
    await targets(ind.sop, [{ period: '2025', targetValue: 1 }]);
    await put(focalMa, {
      indicatorId: ind.people,
      period: '2025-H1',
      partyCode: 'MA',
      value: 30,
      breakdown: [
        { sex: 'female', age_group: '18_59', value: 20 },
        { sex: 'male', age_group: '18_59', value: 10 },
      ],
      note: '=HYPERLINK("http://x.example","clic")',
    });
    await put(focalCi, { indicatorId: ind.sop, period: '2025-H1', partyCode: 'CI', value: 1 });
    // Last: the worker sweeps once as it starts. Started earlier, a slow setup let that sweep send the
    // 14-day reminder before Morocco had reported the people trained (seen under CI load).
    worker = await startWorker(t);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await worker?.close();
    await t?.close();
    await sink.stop();
  });

  describe('reporting-due reminders', () => {
    it('14 days before the report is due: each party still owing values hears of its own, once', async () => {
      await sweep(t);
      await waitFor(
        'the reminders',
        () => mailsTo(DEMO.focalMa).length >= 1 && mailsTo(DEMO.focalCi).length >= 1,
      );
      await settled(t, [planId]);
      const rows = (await rowsFor(t, planId)).filter((r) => r.rule.startsWith('results_'));
      expect(rows.map((r) => [r.rule, r.recipient_address, r.status, r.due_on])).toEqual([
        ['results_due:2025-H1:CI:14', DEMO.focalCi, 'sent', '2025-07-30'],
        ['results_due:2025-H1:MA:14', DEMO.focalMa, 'sent', '2025-07-30'],
      ]);

      // Morocco owes the referral rate (its own); the people trained it has reported.
      const [ma] = mailsTo(DEMO.focalMa);
      expect(ma.subject).toBe(
        `Rapport de résultats 1er semestre 2025 attendu dans 14 jours — ${planTitle}`,
      );
      expect(ma.text).toContain('sont attendues de Maroc au plus tard le mercredi 30 juillet 2025');
      expect(ma.text).toContain('Reste à renseigner : 1 indicateur');
      expect(ma.text).toContain('IND-2 — Taux de victimes orientées');
      expect(ma.text).not.toContain('IND-1');
      expect(ma.text).toContain(`?lang=fr#plan/${planId}/results`);
      // Côte d'Ivoire owes the people trained (every party reports it), not the procedure it reported.
      const [ci] = mailsTo(DEMO.focalCi);
      expect(ci.text).toContain('IND-1 — Agents formés');
      expect(ci.text).not.toContain('IND-3');
      expect(mailsTo(DEMO.pm)).toEqual([]);

      const again = await sweep(t);
      expect(again.inserted).toBe(0);
    });

    it('dropped when it is sent if everything got reported meanwhile; overdue reminders after the due date', async () => {
      t.clock.set(new Date('2025-07-27T11:00:00Z'));
      await sweep(t);
      await waitFor('the 3-day reminders', async () =>
        (await rowsFor(t, planId)).some(
          (r) => r.rule === 'results_due:2025-H1:CI:3' && r.status === 'sent',
        ),
      );
      await settled(t, [planId]);
      const composer = t.app.get(ReminderMessageComposer, { strict: false });
      const claimed = await t.dataSource.query<ClaimedNotification[]>(
        `SELECT id, subject_type AS "subjectType", subject_id AS "subjectId", rule,
                rule_kind AS "ruleKind", to_char(due_on, 'YYYY-MM-DD') AS "dueOn",
                recipient_type AS "recipientType", recipient_id AS "recipientId", channel, escalated, attempts
           FROM notifications WHERE subject_id = $1 AND rule = 'results_due:2025-H1:CI:3'`,
        [planId],
      );
      expect(claimed).toHaveLength(1);
      expect(await composer.compose(claimed[0])).not.toBeNull();
      await put(focalCi, {
        indicatorId: ind.people,
        period: '2025-H1',
        partyCode: 'CI',
        value: 12,
        breakdown: [{ sex: 'female', age_group: '18_59', value: 12 }],
      });
      expect(await composer.compose(claimed[0])).toBeNull();

      t.clock.set(new Date('2025-08-05T11:00:00Z'));
      await sweep(t);
      await settled(t, [planId]);
      const overdue = (await rowsFor(t, planId)).filter((r) =>
        r.rule.startsWith('results_overdue'),
      );
      // Only Morocco still owes a value (the rate).
      expect(overdue.map((r) => [r.rule, r.recipient_address])).toEqual([
        ['results_overdue:2025-H1:MA:1', DEMO.focalMa],
      ]);
      const late = mailsTo(DEMO.focalMa).find((m) => m.subject.includes('en retard'));
      expect(late?.subject).toBe(
        `Rapport de résultats 1er semestre 2025 en retard de 6 jours — ${planTitle}`,
      );
    });
  });

  describe('values file and import', () => {
    it('CSV: one row per indicator × started period × reporting party, breakdown cells as columns', async () => {
      const res = await t.http
        .get(url('/values.csv'))
        .set('Authorization', focalCi)
        .buffer(true)
        .parse(binary)
        .expect(200);
      expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
      expect(res.headers['content-disposition']).toBe(
        'attachment; filename="plan-de-suivi-des-resultats-2025-indicator-values-2025-08-05.csv"',
      );
      const bytes = res.body as Buffer;
      expect(bytes.subarray(0, 3).toString('hex')).toBe('efbbbf');
      const { header, records } = readCsv(bytes);
      expect(header).toEqual([
        'indicatorCode',
        'indicatorTitle',
        'measure',
        'unit',
        'period',
        'partyCode',
        'targetPeriod',
        'targetYear',
        'value',
        CELL,
        CELL_M,
        'note',
        'validated',
        'version',
        'reason',
      ]);
      // 2025-H1 and 2025-H2 have started; IND-1 is every party's, IND-2 Morocco's, IND-3 Côte d'Ivoire's.
      expect(records.map((r) => `${r.indicatorCode} ${r.period} ${r.partyCode}`)).toEqual([
        'IND-1 2025-H1 CI',
        'IND-1 2025-H1 MA',
        'IND-1 2025-H2 CI',
        'IND-1 2025-H2 MA',
        'IND-2 2025-H1 MA',
        'IND-2 2025-H2 MA',
        'IND-3 2025-H1 CI',
        'IND-3 2025-H2 CI',
      ]);
      expect(records[1]).toMatchObject({
        indicatorTitle: 'Agents formés',
        measure: 'number',
        unit: 'persons',
        targetPeriod: '',
        targetYear: '100',
        value: '30',
        [CELL]: '20',
        [CELL_M]: '10',
        // Formula-looking text is written with the usual apostrophe.
        note: `'=HYPERLINK("http://x.example","clic")`,
        validated: '',
        version: '1',
      });
      expect(records[4]).toMatchObject({ targetPeriod: '50', value: '', version: '' });
    });

    it('an unchanged export imports back unchanged, CSV or XLSX, focal point or manager', async () => {
      const before = await storedValues();
      const history = () =>
        t.dataSource.query(
          `SELECT count(*)::int AS n FROM result_value_history h
          JOIN result_values v ON v.id = h.value_id WHERE v.plan_id = $1`,
          [planId],
        );
      const historyBefore = await history();
      const csv = await upload(focalMa, await download('csv', focalMa), 201);
      expect(csv.body).toEqual({ imported: 3, created: 0, updated: 0, unchanged: 3 });
      const xlsx = await download('xlsx');
      const { header, records } = await readXlsx(xlsx);
      expect(header).toContain(CELL);
      expect(records[1]).toMatchObject({
        value: 30,
        [CELL]: 20,
        note: '=HYPERLINK("http://x.example","clic")',
      });
      expect((await upload(pm, xlsx, 201, XLSX)).body).toMatchObject({
        unchanged: 3,
        created: 0,
        updated: 0,
      });
      expect(await storedValues()).toEqual(before);
      expect(await history()).toEqual(historyBefore);
    });

    it('imports actuals as the API would: new values, changed ones, breakdowns, decimal commas', async () => {
      const { header, records } = readCsv(await download('csv', focalMa));
      const mine = records.filter((r) => r.partyCode === 'MA');
      const edited = mine.map((r) =>
        r.indicatorCode === 'IND-2' && r.period === '2025-H1'
          ? { ...r, value: '42,5', note: 'Rapport du ministère' }
          : r.indicatorCode === 'IND-1' && r.period === '2025-H2'
            ? { ...r, value: '7', [CELL]: '7' }
            : r.indicatorCode === 'IND-1' && r.period === '2025-H1'
              ? { ...r, value: '31', [CELL_M]: '11' }
              : r,
      );
      const res = await upload(focalMa, csvOf(header, edited), 201);
      expect(res.body).toEqual({ imported: 3, created: 2, updated: 1, unchanged: 0 });
      const framework = await t.http.get(url('')).set('Authorization', pm).expect(200);
      const values = framework.body.values as {
        indicatorId: string;
        period: string;
        partyCode: string;
        value: number;
        breakdown: object[];
        note: string | null;
        version: number;
      }[];
      const of = (id: string, period: string, party: string) =>
        values.find((v) => v.indicatorId === id && v.period === period && v.partyCode === party);
      expect(of(ind.rate, '2025-H1', 'MA')).toMatchObject({
        value: 42.5,
        note: 'Rapport du ministère',
        version: 1,
      });
      expect(of(ind.people, '2025-H2', 'MA')).toMatchObject({
        value: 7,
        breakdown: [{ sex: 'female', age_group: '18_59', value: 7 }],
      });
      expect(of(ind.people, '2025-H1', 'MA')).toMatchObject({ value: 31, version: 2 });
    });

    it('refuses the whole file, naming rows and columns: breakdown sums, ranges, unknown codes, stale versions', async () => {
      const before = await storedValues();
      const { header, records } = readCsv(await download('csv', focalMa));
      const row = (code: string, period: string, party: string) =>
        records.findIndex(
          (r) => r.indicatorCode === code && r.period === period && r.partyCode === party,
        );
      const edited = records.map((r) => ({ ...r }));
      edited[row('IND-1', '2025-H2', 'MA')] = {
        ...edited[row('IND-1', '2025-H2', 'MA')],
        value: '9',
      }; // 7 ≠ 9
      edited[row('IND-2', '2025-H2', 'MA')] = {
        ...edited[row('IND-2', '2025-H2', 'MA')],
        value: '150',
      };
      edited[row('IND-1', '2025-H1', 'MA')] = {
        ...edited[row('IND-1', '2025-H1', 'MA')],
        version: '1',
        value: '40',
        [CELL]: '29',
      };
      edited.push({ indicatorCode: 'IND-9', period: '2025-H1', partyCode: 'MA', value: '1' });
      const res = await upload(focalMa, csvOf(header, edited), 400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const fields = (res.body.errors as { row: number; field: string }[]).map(
        (e) => `${e.row} ${e.field}`,
      );
      expect(fields).toEqual(
        expect.arrayContaining([
          `${row('IND-1', '2025-H1', 'MA') + 2} version`,
          `${row('IND-1', '2025-H2', 'MA') + 2} ${CELL}`,
          `${row('IND-2', '2025-H2', 'MA') + 2} value`,
          `${edited.length + 1} indicatorCode`,
        ]),
      );
      expect(await storedValues()).toEqual(before);
    });

    it("a focal point cannot change another party's values (403, rows named); an observer cannot import", async () => {
      const { header, records } = readCsv(await download('csv', focalMa));
      const edited = records.map((r) =>
        r.indicatorCode === 'IND-3' && r.period === '2025-H1' ? { ...r, value: '0' } : r,
      );
      const res = await upload(focalMa, csvOf(header, edited), 403);
      expect(res.body.errors).toEqual([
        {
          row: edited.findIndex((r) => r.value === '0' && r.indicatorCode === 'IND-3') + 2,
          field: 'partyCode',
          message: expect.stringContaining('CI'),
        },
      ]);
      const observer = await t.tokenFor(DEMO.observer);
      await upload(observer, csvOf(header, records), 403);
      expect((await storedValues()).find((v) => v.code === 'IND-3')?.value).toBe('1.0000');
    });

    it('a validated period needs a reason per changed row, kept in the history', async () => {
      await t.http.post(url('/periods/2025-H1/validation')).set('Authorization', pm).expect(200);
      const { header, records } = readCsv(await download('csv'));
      expect(records.find((r) => r.period === '2025-H1')?.validated).toBe('yes');
      const change = (reason: string) =>
        csvOf(
          header,
          records.map((r) =>
            r.indicatorCode === 'IND-2' && r.period === '2025-H1'
              ? { ...r, value: '45', reason }
              : r,
          ),
        );
      const refused = await upload(pm, change(''), 400);
      expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'reason' })]);
      await upload(pm, change('Chiffre corrigé par le ministère'), 201);
      const [last] = await t.dataSource.query<{ reason: string; period_validated: boolean }[]>(
        `SELECT h.reason, h.period_validated FROM result_value_history h
           JOIN result_values v ON v.id = h.value_id
          WHERE v.indicator_id = $1 AND v.period = '2025-H1' ORDER BY h.id DESC LIMIT 1`,
        [ind.rate],
      );
      expect(last).toEqual({ reason: 'Chiffre corrigé par le ministère', period_validated: true });
    });

    it('hostile files: a zip bomb, a non-UTF-8 CSV, an unknown column, a body that is not a file', async () => {
      const before = await storedValues();
      const bomb = await upload(pm, xlsxBomb(21 * 1024 * 1024), 413, XLSX);
      expect(bomb.body.errors[0].message).toMatch(/unpacks to more than/);
      await upload(pm, Buffer.from([0x69, 0x6e, 0x64, 0xe9, 0x0a]), 400);
      const unknown = await upload(pm, 'indicatorCode,period,partyCode,value,colour:red\r\n', 400);
      expect(unknown.body.errors[0]).toMatchObject({ row: 1, field: 'column 5' });
      await t.http
        .post(url('/values/import'))
        .set('Authorization', pm)
        .send({ rows: [] })
        .expect(400);
      expect(await storedValues()).toEqual(before);
    });
  });

  describe('IATI result elements', () => {
    it('validate against the 2.03 schema and carry the numbers of GET …/results', async () => {
      const res = await t.http
        .get(`/api/action-plans/${planId}/iati.xml`)
        .set('Authorization', pm)
        .buffer(true)
        .parse(binary)
        .expect(200);
      const file = path.join(dir, 'plan.xml');
      writeFileSync(file, res.body as Buffer);
      const lint = spawnSync('xmllint', ['--noout', '--schema', IATI_SCHEMA, file], {
        encoding: 'utf8',
      });
      expect(lint.stderr).toContain('validates');
      expect(lint.status).toBe(0);
      const xpath = (expression: string) =>
        spawnSync('xmllint', ['--xpath', expression, file], { encoding: 'utf8' }).stdout.trim();
      const indicatorOf = (code: string) =>
        `//iati-activity[contains(iati-identifier,'${activityId}')]/result/indicator[reference/@code='${code}']`;

      const framework = (await t.http.get(url('?year=2025')).set('Authorization', pm).expect(200))
        .body;
      const achievement = (id: string) =>
        (
          framework.indicators as {
            id: string;
            achievement: { year: { target: number; actual: number } };
          }[]
        ).find((i) => i.id === id)?.achievement.year;

      // People trained: an output, counted per year against the 2025 target.
      expect(xpath(`string(${indicatorOf('IND-1')}/../@type)`)).toBe('1');
      expect(xpath(`string(${indicatorOf('IND-1')}/@measure)`)).toBe('1');
      expect(xpath(`string(${indicatorOf('IND-1')}/../title/narrative[@xml:lang='en'])`)).toBe(
        'Victim support',
      );
      expect(xpath(`string(${indicatorOf('IND-1')}/title/narrative[@xml:lang='fr'])`)).toBe(
        'Agents formés',
      );
      expect(xpath(`string(${indicatorOf('IND-1')}/baseline/@year)`)).toBe('2024');
      expect(
        xpath(
          `string(${indicatorOf('IND-1')}/period[period-start/@iso-date='2025-01-01']/period-end/@iso-date)`,
        ),
      ).toBe('2025-12-31');
      const people = achievement(ind.people);
      expect(people).toMatchObject({ target: 100, actual: 31 + 7 + 12 });
      expect(
        Number(
          xpath(
            `string(${indicatorOf('IND-1')}/period[period-start/@iso-date='2025-01-01']/target/@value)`,
          ),
        ),
      ).toBe(people?.target);
      expect(
        Number(
          xpath(
            `string(${indicatorOf('IND-1')}/period[period-start/@iso-date='2025-01-01']/actual/@value)`,
          ),
        ),
      ).toBe(people?.actual);

      // The referral rate: an outcome in percent, reported per half-year against its H1 target.
      expect(xpath(`string(${indicatorOf('IND-2')}/../@type)`)).toBe('2');
      expect(xpath(`string(${indicatorOf('IND-2')}/@measure)`)).toBe('2');
      const h1 = `${indicatorOf('IND-2')}/period[period-start/@iso-date='2025-01-01' and period-end/@iso-date='2025-06-30']`;
      expect(xpath(`string(${h1}/target/@value)`)).toBe('50');
      expect(xpath(`string(${h1}/actual/@value)`)).toBe('45');

      // The procedure: qualitative, yes in three languages, no @value.
      expect(xpath(`string(${indicatorOf('IND-3')}/@measure)`)).toBe('5');
      expect(xpath(`count(${indicatorOf('IND-3')}//@value)`)).toBe('0');
      expect(
        xpath(`string(${indicatorOf('IND-3')}/period/actual/comment/narrative[@xml:lang='en'])`),
      ).toBe('Yes');
    });
  });
});
