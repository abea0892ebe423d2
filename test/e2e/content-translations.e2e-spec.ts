import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { binary, readCsv, readXlsx } from '../support/export-files';
import { createTestApp, DEMO, type TestApp } from '../support/test-app';

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

/**
 * Content in several languages: titles and descriptions of agreements, plans and activities given in
 * fr, en and ar travel through the API, the exports (a column per language) and the IATI file (one
 * narrative per language); parties have names per language; an agreement has a public document address.
 */
describe('content in French, English and Arabic', () => {
  let t: TestApp;
  let pm: string;
  let dir: string;
  let agreement: { id: string; version: number; publicDocumentUrl: string };
  let plan: { id: string };
  let activity: { id: string; version: number };

  beforeAll(async () => {
    t = await createTestApp();
    pm = await t.tokenFor(DEMO.pm);
    dir = mkdtempSync(path.join(tmpdir(), 'accords-content-'));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await t?.close();
  });

  const file = (url: string) =>
    t.http.get(url).set('Authorization', pm).buffer(true).parse(binary).expect(200);
  const xpath = (fileName: string, expression: string) =>
    spawnSync('xmllint', ['--xpath', expression, fileName], { encoding: 'utf8' }).stdout.trim();

  it('creates an agreement, a plan and an activity with translations, and reads them back beside the original', async () => {
    const created = await t.http
      .post('/api/agreements')
      .set('Authorization', pm)
      .send({
        kind: 'mou',
        title: "Mémorandum d'entente sur la migration de travail",
        translations: {
          en: { title: 'Memorandum of understanding on labour migration' },
          ar: { title: 'مذكرة تفاهم بشأن هجرة اليد العاملة' },
        },
        partyCodes: ['MA', 'CI', 'IOM'],
        signedOn: '2026-01-10',
        durationMonths: 36,
        renewal: { mode: 'explicit', noticeDays: 60 },
      })
      .expect(201);
    expect(created.body).toMatchObject({
      title: "Mémorandum d'entente sur la migration de travail",
      translations: {
        en: { title: 'Memorandum of understanding on labour migration' },
        ar: { title: 'مذكرة تفاهم بشأن هجرة اليد العاملة' },
      },
      documentUrl: null,
    });
    expect(created.body.publicDocumentUrl).toMatch(
      new RegExp(`^${t.config.PUBLIC_URL}/api/agreements/public/[0-9a-f]{64}$`),
    );
    expect(created.body.publicDocumentUrl).not.toContain(created.body.id);
    agreement = created.body;

    const planRes = await t.http
      .post(`/api/agreements/${agreement.id}/action-plans`)
      .set('Authorization', pm)
      .send({
        title: "Plan d'action 2026–2027",
        translations: {
          en: { title: 'Action plan 2026–2027' },
          ar: { title: 'خطة العمل 2026–2027' },
        },
        startsOn: '2026-02-01',
        durationMonths: 24,
      })
      .expect(201);
    expect(planRes.body.translations.ar.title).toBe('خطة العمل 2026–2027');
    plan = planRes.body;

    const activityRes = await t.http
      .post(`/api/action-plans/${plan.id}/activities`)
      .set('Authorization', pm)
      .send({
        title: 'Atelier sur les recrutements équitables',
        description: 'Deux jours à Abidjan',
        translations: {
          en: { title: 'Workshop on fair recruitment', description: 'Two days in Abidjan' },
          ar: { title: 'ورشة حول التوظيف العادل' },
        },
        type: 'workshop',
        leadPartyCode: 'CI',
        partyCodes: ['CI', 'MA', 'IOM'],
        dueOn: '2026-09-30',
      })
      .expect(201);
    activity = activityRes.body;
    const read = await t.http
      .get(`/api/activities/${activity.id}`)
      .set('Authorization', pm)
      .expect(200);
    expect(read.body).toMatchObject({
      title: 'Atelier sur les recrutements équitables',
      description: 'Deux jours à Abidjan',
      translations: {
        en: { title: 'Workshop on fair recruitment', description: 'Two days in Abidjan' },
        ar: { title: 'ورشة حول التوظيف العادل' },
      },
    });
    // The list search finds an activity by its translated title too.
    const found = await t.http
      .get(`/api/action-plans/${plan.id}/activities?q=${encodeURIComponent('fair recruitment')}`)
      .set('Authorization', pm)
      .expect(200);
    expect(found.body.items.map((a: { id: string }) => a.id)).toEqual([activity.id]);
  });

  it('refuses an unknown language, a too long title and a non-http document URL, naming the field, and changes nothing', async () => {
    const bad = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', pm)
      .send({ version: activity.version, translations: { de: { title: 'Werkstatt' } } })
      .expect(400);
    expect(bad.body.errors).toEqual([
      expect.objectContaining({ field: 'translations.de', message: 'is not an accepted field' }),
    ]);
    const extraField = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', pm)
      .send({ version: activity.version, translations: { en: { summary: 'x' } } })
      .expect(400);
    expect(extraField.body.errors[0].field).toBe('translations.en.summary');
    const long = await t.http
      .patch(`/api/agreements/${agreement.id}`)
      .set('Authorization', pm)
      .send({ translations: { ar: { title: 'ا'.repeat(501) } } })
      .expect(400);
    expect(long.body.errors[0].field).toBe('translations.ar.title');
    const notObject = await t.http
      .patch(`/api/agreements/${agreement.id}`)
      .set('Authorization', pm)
      .send({ translations: 'english' })
      .expect(400);
    expect(notObject.body.errors[0].field).toBe('translations');
    const url = await t.http
      .patch(`/api/agreements/${agreement.id}`)
      .set('Authorization', pm)
      .send({ documentUrl: 'javascript:alert(1)' })
      .expect(400);
    expect(url.body.errors[0].field).toBe('documentUrl');
    const after = await t.http
      .get(`/api/activities/${activity.id}`)
      .set('Authorization', pm)
      .expect(200);
    expect(after.body.version).toBe(activity.version);
  });

  it('PATCH changes one language, keeps the others, clears with null, and records it in history', async () => {
    const patched = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', pm)
      .send({
        version: activity.version,
        translations: {
          en: { title: 'Fair recruitment workshop', description: null },
          fr: { title: 'Atelier' },
        },
      })
      .expect(200);
    expect(patched.body.translations).toEqual({
      fr: { title: 'Atelier' },
      en: { title: 'Fair recruitment workshop' },
      ar: { title: 'ورشة حول التوظيف العادل' },
    });
    expect(patched.body.title).toBe('Atelier sur les recrutements équitables');
    const history = await t.http
      .get(`/api/activities/${activity.id}/history`)
      .set('Authorization', pm)
      .expect(200);
    const row = history.body.items.find((h: { field: string }) => h.field === 'translations');
    expect(row.toValue).toContain('en.title: Fair recruitment workshop');
    expect(row.fromValue).toContain('en.description: Two days in Abidjan');

    // Sending the same translations again is no change (no new version).
    const same = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', pm)
      .send({ version: patched.body.version, translations: { fr: { title: 'Atelier' } } })
      .expect(200);
    const again = await t.http
      .get(`/api/activities/${activity.id}/history`)
      .set('Authorization', pm)
      .expect(200);
    expect(
      again.body.items.filter((h: { field: string }) => h.field === 'translations'),
    ).toHaveLength(1);
    const cleared = await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', pm)
      .send({ version: same.body.version, translations: { fr: null } })
      .expect(200);
    expect(cleared.body.translations.fr).toBeUndefined();
    activity = cleared.body;

    // A focal point may not change translations.
    const focal = await t.tokenFor(DEMO.focalCi);
    await t.http
      .patch(`/api/activities/${activity.id}`)
      .set('Authorization', focal)
      .send({ version: activity.version, translations: { en: { title: 'Mine' } } })
      .expect(403);
  });

  it('exports a column per language in CSV and XLSX, and imports them back', async () => {
    const csv = readCsv((await file(`/api/action-plans/${plan.id}/activities.csv`)).body as Buffer);
    for (const column of [
      'title_fr',
      'title_en',
      'title_ar',
      'description_fr',
      'description_en',
      'description_ar',
    ]) {
      expect(csv.header).toContain(column);
    }
    const row = csv.records.find((r) => r.id === activity.id)!;
    expect(row).toMatchObject({
      title: 'Atelier sur les recrutements équitables',
      title_fr: '',
      title_en: 'Fair recruitment workshop',
      title_ar: 'ورشة حول التوظيف العادل',
    });
    const xlsx = await readXlsx(
      (await file(`/api/action-plans/${plan.id}/activities.xlsx`)).body as Buffer,
    );
    const xrow = xlsx.records.find((r) => r.id === activity.id)!;
    expect(xrow.title_ar).toBe('ورشة حول التوظيف العادل');

    const importCsv = [
      'title,type,leadPartyCode,dueOn,title_en,title_ar,description_en',
      "Visite d'étude,study_visit,MA,2026-10-15,Study visit,زيارة دراسية,Three days in Rabat",
    ].join('\n');
    const imported = await t.http
      .post(`/api/action-plans/${plan.id}/activities/import`)
      .set('Authorization', pm)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(importCsv))
      .expect(201);
    expect(imported.body.created).toBe(1);
    const list = await t.http
      .get(`/api/action-plans/${plan.id}/activities?q=${encodeURIComponent('Study visit')}`)
      .set('Authorization', pm)
      .expect(200);
    expect(list.body.items[0].translations).toEqual({
      en: { title: 'Study visit', description: 'Three days in Rabat' },
      ar: { title: 'زيارة دراسية' },
    });

    const tooLong = [
      'title,type,leadPartyCode,dueOn,title_ar',
      `Atelier,workshop,MA,2026-10-15,${'ا'.repeat(501)}`,
    ].join('\n');
    const refused = await t.http
      .post(`/api/action-plans/${plan.id}/activities/import`)
      .set('Authorization', pm)
      .set('Content-Type', 'text/csv')
      .send(Buffer.from(tooLong))
      .expect(400);
    expect(JSON.stringify(refused.body)).toContain('title_ar');
  });

  it('writes one IATI narrative per language, validated by the IATI 2.03 schema, with the MoU linked at its public address', async () => {
    const res = await file(`/api/action-plans/${plan.id}/iati.xml`);
    const xmlFile = path.join(dir, 'plan.xml');
    writeFileSync(xmlFile, res.body as Buffer);
    const lint = spawnSync('xmllint', ['--noout', '--schema', IATI_SCHEMA, xmlFile], {
      encoding: 'utf8',
    });
    expect(lint.stderr).toContain('validates');
    expect(lint.status).toBe(0);

    const a = `//iati-activity[iati-identifier='XM-DAC-47066-ACCORDS-${activity.id}']`;
    expect(xpath(xmlFile, `string(${a}/title/narrative[@xml:lang='fr'])`)).toBe(
      'Atelier sur les recrutements équitables',
    );
    expect(xpath(xmlFile, `string(${a}/title/narrative[@xml:lang='en'])`)).toBe(
      'Fair recruitment workshop',
    );
    expect(xpath(xmlFile, `string(${a}/title/narrative[@xml:lang='ar'])`)).toBe(
      'ورشة حول التوظيف العادل',
    );
    expect(xpath(xmlFile, `count(${a}/title/narrative)`)).toBe('3');
    // The party names travel too: IOM's Arabic name on its participating-org.
    expect(
      xpath(
        xmlFile,
        `count(${a}/participating-org/narrative[@xml:lang='ar'][.='المنظمة الدولية للهجرة'])`,
      ),
    ).not.toBe('0');
    // The MoU: its public address (never the signed-in API route), titled in each language.
    expect(xpath(xmlFile, `string(${a}/document-link/@url)`)).toBe(agreement.publicDocumentUrl);
    expect(xpath(xmlFile, `string(${a}/document-link/@format)`)).toBe('text/html');
    expect(xpath(xmlFile, `string(${a}/document-link/title/narrative[@xml:lang='en'])`)).toBe(
      'Memorandum of understanding on labour migration',
    );
    expect(xpath(xmlFile, `count(${a}/document-link/language)`)).toBe('3');
  });

  it('serves the public document address without an account: only public fields, HTML for browsers, 404 for unknown tokens', async () => {
    const publicPath = new URL(agreement.publicDocumentUrl).pathname;
    const json = await t.http.get(publicPath).expect(200);
    expect(Object.keys(json.body).sort()).toEqual(
      [
        'entryIntoForceOn',
        'expiresOn',
        'kind',
        'parties',
        'signedOn',
        'status',
        'title',
        'titles',
      ].sort(),
    );
    expect(json.body).toMatchObject({
      title: "Mémorandum d'entente sur la migration de travail",
      titles: { ar: 'مذكرة تفاهم بشأن هجرة اليد العاملة' },
      signedOn: '2026-01-10',
      status: 'in_force',
    });
    expect(json.body.parties).toContainEqual(
      expect.objectContaining({ code: 'IOM', names: expect.objectContaining({ fr: 'OIM' }) }),
    );
    expect(JSON.stringify(json.body)).not.toContain(agreement.id);

    const html = await t.http
      .get(`${publicPath}?lang=ar`)
      .set('Accept', 'text/html,application/xhtml+xml')
      .expect(200);
    expect(html.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(html.text).toContain('dir="rtl"');
    expect(html.text).toContain('مذكرة تفاهم بشأن هجرة اليد العاملة');
    expect(html.text).toContain('المنظمة الدولية للهجرة');

    await t.http.get(`/api/agreements/public/${'0'.repeat(64)}`).expect(404);
    await t.http.get('/api/agreements/public/not-a-token').expect(404);
    await t.http.get(`/api/agreements/public/${agreement.id}`).expect(404);
  });

  it('links the IATI file to the published text once one is recorded', async () => {
    const patched = await t.http
      .patch(`/api/agreements/${agreement.id}`)
      .set('Authorization', pm)
      .send({ documentUrl: 'https://treaties.example.org/ma-ci-2026.pdf' })
      .expect(200);
    expect(patched.body).toMatchObject({
      documentUrl: 'https://treaties.example.org/ma-ci-2026.pdf',
      publicDocumentUrl: 'https://treaties.example.org/ma-ci-2026.pdf',
    });
    const res = await file(`/api/action-plans/${plan.id}/iati.xml`);
    const xmlFile = path.join(dir, 'published.xml');
    writeFileSync(xmlFile, res.body as Buffer);
    const a = `//iati-activity[iati-identifier='XM-DAC-47066-ACCORDS-${activity.id}']`;
    expect(xpath(xmlFile, `string(${a}/document-link/@url)`)).toBe(
      'https://treaties.example.org/ma-ci-2026.pdf',
    );
    expect(xpath(xmlFile, `string(${a}/document-link/@format)`)).toBe('application/pdf');
  });

  it('lists parties with their names per language; only an admin renames them', async () => {
    const parties = await t.http.get('/api/parties').set('Authorization', pm).expect(200);
    const iom = parties.body.items.find((p: { code: string }) => p.code === 'IOM');
    expect(iom.names).toEqual({ fr: 'OIM', en: 'IOM', ar: 'المنظمة الدولية للهجرة' });
    const ma = parties.body.items.find((p: { code: string }) => p.code === 'MA');
    expect(ma.names).toMatchObject({ fr: 'Maroc', en: 'Morocco', ar: 'المغرب' });

    await t.http
      .patch('/api/parties/UNODC')
      .set('Authorization', pm)
      .send({ names: { en: 'UN Office on Drugs and Crime' } })
      .expect(403);
    const admin = await t.tokenFor(DEMO.admin);
    const renamed = await t.http
      .patch('/api/parties/UNODC')
      .set('Authorization', admin)
      .send({ names: { en: 'UN Office on Drugs and Crime' } })
      .expect(200);
    expect(renamed.body.names).toMatchObject({ en: 'UN Office on Drugs and Crime', fr: 'ONUDC' });
    const bad = await t.http
      .patch('/api/parties/UNODC')
      .set('Authorization', admin)
      .send({ names: { es: 'ONUDD' } })
      .expect(400);
    expect(bad.body.errors[0].field).toBe('names.es');
    await t.http
      .patch('/api/parties/NOPE')
      .set('Authorization', admin)
      .send({ name: 'x' })
      .expect(404);
    await t.http
      .patch('/api/parties/no%20pe')
      .set('Authorization', admin)
      .send({ name: 'x' })
      .expect(400);

    const created = await t.http
      .post('/api/parties')
      .set('Authorization', admin)
      .send({
        code: 'ICMPD',
        name: 'Centre international',
        type: 'organisation',
        names: { fr: 'CIDPM' },
      })
      .expect(201);
    expect(created.body.names).toEqual({ fr: 'CIDPM' });
  });
});
