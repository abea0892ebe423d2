import { performance } from 'node:perf_hooks';
import { seededPlan, type SeededPlan } from '../support/fixtures';
import {
  csvWithRows,
  IMPORT_HEADER,
  VALID_ROW,
  workbookWith,
  xlsxBomb,
} from '../support/hostile-files';
import { createTestApp, DEMO, type TestApp } from '../support/test-app';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * Files built to stall or exhaust the api: each must be refused quickly, with a problem+json that
 * names the limit, and leave the plan untouched.
 */
describe('import of hostile files', () => {
  let t: TestApp;
  let seeded: SeededPlan;
  let planCounter = 0;

  const newPlan = async (): Promise<string> =>
    (
      await t.http
        .post(`/api/agreements/${seeded.agreementId}/action-plans`)
        .set('Authorization', await t.tokenFor(DEMO.pm))
        .send({
          title: `Plan hostile ${++planCounter}`,
          startsOn: '2025-04-08',
          durationMonths: 24,
        })
        .expect(201)
    ).body.id;
  const upload = async (planId: string, contentType: string, body: Buffer) =>
    t.http
      .post(`/api/action-plans/${planId}/activities/import`)
      .set('Authorization', await t.tokenFor(DEMO.pm))
      .set('Content-Type', contentType)
      .send(body);
  const activitiesOf = async (planId: string) =>
    (
      await t.http
        .get(`/api/action-plans/${planId}/activities?pageSize=200`)
        .set('Authorization', await t.tokenFor(DEMO.pm))
        .expect(200)
    ).body.items as { title: string; notes: string | null }[];
  const expectNothingWritten = async (planId: string) => {
    expect(await activitiesOf(planId)).toEqual([]);
    const history = await t.http
      .get(`/api/action-plans/${planId}/history`)
      .set('Authorization', await t.tokenFor(DEMO.pm))
      .expect(200);
    expect(history.body.total).toBe(0);
  };
  const expectRefusedNaming = (
    res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    status: number,
    limit: string | RegExp,
  ) => {
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.status).toBe(status);
    expect(res.body.detail).toEqual(expect.stringMatching(limit));
  };

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seededPlan(t);
  });
  afterAll(() => t.close());

  it('refuses a sparse sheet (a value in row 100,000) at once, while health keeps answering', async () => {
    const planId = await newPlan();
    const file = await workbookWith((sheet) => {
      sheet.getCell(100_000, 1).value = 'far away';
    });
    expect(file.length).toBeLessThan(20_000);
    await t.http.get('/api/health').expect(200); // warm: the first call opens connections

    let done = false;
    const healthLatencies: number[] = [];
    const started = performance.now();
    const refused = upload(planId, XLSX, file).finally(() => (done = true));
    while (!done) {
      const asked = performance.now();
      await t.http.get('/api/health').expect(200);
      healthLatencies.push(performance.now() - asked);
    }
    const res = await refused;
    const elapsed = performance.now() - started;

    expectRefusedNaming(res, 413, /at most 2,000 activity rows/);
    expect(res.body.errors).toEqual([
      { row: 100_000, field: 'file', message: expect.stringContaining('2,000') },
    ]);
    // Loose bounds: before the fix this took 18 s and then ran out of memory.
    expect(elapsed).toBeLessThan(5_000);
    expect(Math.max(...healthLatencies)).toBeLessThan(1_000);
    await expectNothingWritten(planId);
  }, 60_000);

  it('refuses a value in column 400, naming the column limit', async () => {
    const planId = await newPlan();
    const file = await workbookWith((sheet) => {
      sheet.getCell(3, 400).value = 'far right';
    });
    const res = await upload(planId, XLSX, file);
    expectRefusedNaming(res, 413, /at most 50 columns/);
    expect(res.body.errors).toEqual([
      { row: 3, field: 'column 400', message: expect.stringContaining('50') },
    ]);
    await expectNothingWritten(planId);
  }, 60_000);

  it('the sparse file of the report (row 100,000 and column 400) is refused in well under a second', async () => {
    const planId = await newPlan();
    const file = await workbookWith((sheet) => {
      sheet.getCell(100_000, 1).value = 'x';
      sheet.getCell(100_000, 400).value = 'y';
    });
    const started = performance.now();
    const res = await upload(planId, XLSX, file);
    expect(res.status).toBe(413);
    expect(performance.now() - started).toBeLessThan(2_000);
    await expectNothingWritten(planId);
  }, 60_000);

  it('a minimal hand-written workbook imports (the bombs below differ only in their padding)', async () => {
    const planId = await newPlan();
    const res = await upload(planId, XLSX, xlsxBomb(1_000));
    expect(res.status).toBe(201);
    expect((await activitiesOf(planId)).map((a) => a.title)).toEqual([VALID_ROW[0]]);
  });

  it('refuses a zip bomb whose sheet inflates past 20 MB, from its declared sizes', async () => {
    const planId = await newPlan();
    const bomb = xlsxBomb(30 * 1024 * 1024);
    expect(bomb.length).toBeLessThan(100_000);
    const res = await upload(planId, XLSX, bomb);
    expectRefusedNaming(res, 413, /20 MB/);
    await expectNothingWritten(planId);
  });

  it('refuses a zip bomb that lies about its sizes, while inflating it', async () => {
    const planId = await newPlan();
    const res = await upload(planId, XLSX, xlsxBomb(30 * 1024 * 1024, { lieAboutSize: true }));
    expectRefusedNaming(res, 413, /20 MB/);
    await expectNothingWritten(planId);
  });

  it('refuses a 100,000-row CSV at the first row past the limit', async () => {
    const planId = await newPlan();
    const csv = csvWithRows(100_000);
    const res = await upload(planId, 'text/csv', csv);
    expectRefusedNaming(res, 413, /at most 2,000 activity rows/);
    // Row 2,002 is the first one past the limit: the reader stopped there.
    expect(res.body.errors).toEqual([
      { row: 2_002, field: 'file', message: expect.stringContaining('2,000') },
    ]);
    await expectNothingWritten(planId);
  }, 60_000);

  it('2,000 CSV rows, the limit itself, are imported', async () => {
    const planId = await newPlan();
    const res = await upload(planId, 'text/csv', csvWithRows(2_000));
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ imported: 2_000, created: 2_000 });
  }, 60_000);

  it('refuses a CSV field longer than 10,000 characters, naming the limit', async () => {
    const planId = await newPlan();
    const csv = `${IMPORT_HEADER.join(',')},notes\nA,workshop,MA,2026-05-01,${'n'.repeat(200_000)}\n`;
    const res = await upload(planId, 'text/csv', Buffer.from(csv));
    expect(res.status).toBe(400);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.errors).toEqual([
      { row: 2, field: 'file', message: expect.stringContaining('10,000 characters') },
    ]);
    await expectNothingWritten(planId);
  });

  it('refuses an upload over 5 MB with 413 problem+json, and writes nothing', async () => {
    const planId = await newPlan();
    const res = await upload(planId, 'text/csv', Buffer.alloc(5 * 1024 * 1024 + 1, 'a'));
    expect(res.status).toBe(413);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body.detail).toMatch(/5 MB/);
    await expectNothingWritten(planId);
  });

  it('stores formula-looking CSV cells as plain text, never evaluated', async () => {
    const planId = await newPlan();
    const csv = [
      `${IMPORT_HEADER.join(',')},notes`,
      `"=cmd|' /C calc'!A0",workshop,MA,2026-05-01,+SUM(1;2)`,
      `@HYPERLINK(x),workshop,MA,2026-05-01,=1+1`,
    ].join('\n');
    const res = await upload(planId, 'text/csv', Buffer.from(csv));
    expect(res.status).toBe(201);
    const stored = (await activitiesOf(planId)).map((a) => [a.title, a.notes]).sort();
    expect(stored).toEqual([
      ["=cmd|' /C calc'!A0", '+SUM(1;2)'],
      ['@HYPERLINK(x)', '=1+1'],
    ]);
  });

  it('XLSX formula cells: the value Excel computed is taken, the formula itself never runs', async () => {
    const planId = await newPlan();
    const file = await workbookWith((sheet) => {
      sheet.getRow(1).getCell(5).value = 'notes';
      sheet.addRow([
        { formula: 'CONCATENATE("Atelier ","calculé")', result: 'Atelier calculé' },
        'workshop',
        'MA',
        '2026-06-01',
        '=1+1',
      ]);
    });
    const res = await upload(planId, XLSX, file);
    expect(res.status).toBe(201);
    const stored = (await activitiesOf(planId)).map((a) => [a.title, a.notes]).sort();
    expect(stored).toEqual([
      ['Atelier calculé', '=1+1'],
      [VALID_ROW[0], null],
    ]);
  });

  it('refuses an XLSX formula cell that has no computed value, naming the cell', async () => {
    const planId = await newPlan();
    const file = await workbookWith((sheet) => {
      sheet.addRow([
        { formula: 'WEBSERVICE("http://127.0.0.1/")' },
        'workshop',
        'MA',
        '2026-06-01',
      ]);
    });
    const res = await upload(planId, XLSX, file);
    expect(res.status).toBe(400);
    expect(res.body.errors).toEqual([
      { row: 3, field: 'title', message: expect.stringContaining('formula') },
    ]);
    await expectNothingWritten(planId);
  });
});
