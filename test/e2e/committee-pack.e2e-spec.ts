import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { INestApplicationContext } from '@nestjs/common';
import { addDays, todayIn } from '../../src/common/time/calendar-date';
import { MeetingsReader } from '../../src/meetings/meetings.reader';
import { binary } from '../support/export-files';
import { seededPlan } from '../support/fixtures';
import { SmtpSink } from '../support/smtp-sink';
import { createTestApp, DEMO, type TestApp } from '../support/test-app';
import { startWorker } from '../support/test-worker';
import { waitFor } from '../support/wait';

/** The Arabic title as typed: "الاستقبال" has a lam-alef ligature, which the text must give back as typed. */
const AR_TITLE = 'ورشة عمل حول إحالة الضحايا والاستقبال';
const FR_TITLE = 'Atelier sur le référencement';

/**
 * The text of a PDF as Debian's poppler-utils reads it (`pdftotext`), without the bidi embedding marks
 * it puts around right-to-left runs: what remains is the text in logical (typing) order.
 */
function pdfText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), 'pack-'));
  try {
    writeFileSync(join(dir, 'pack.pdf'), pdf);
    return execFileSync('pdftotext', ['-enc', 'UTF-8', join(dir, 'pack.pdf'), '-'], {
      encoding: 'utf8',
    }).replace(/[\u200e\u200f\u202a-\u202e\u2066-\u2069]/g, '');
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The non-empty lines of `text` between a heading and the next one. */
function linesBetween(text: string, from: string, to: string): string[] {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start);
  expect(start).toBeGreaterThanOrEqual(0);
  expect(end).toBeGreaterThan(start);
  return text
    .slice(start + from.length, end)
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);
}

/** Rows of a five-column table as pdftotext gives them: one cell per line, row after row. */
function rowsOf(lines: string[], headings: string[]): string[][] {
  expect(lines.slice(0, headings.length)).toEqual(headings);
  const cells = lines.slice(headings.length);
  const rows: string[][] = [];
  for (let i = 0; i < cells.length; i += headings.length)
    rows.push(cells.slice(i, i + headings.length));
  return rows;
}

/**
 * Cells compared without spaces, where pdftotext moves them in mixed-direction runs (an Arabic month
 * beside Latin digits), and without Arabic vowel marks, which it may put before their letter instead of
 * after (the shadda of "التقدّم" comes out on the letter before). The letters themselves must be in the
 * order they were typed; the strings checked exactly elsewhere carry no marks.
 */
const squeeze = (row: string[]) =>
  row.map((cell) => cell.replace(/\s+/g, '').replace(/[\u064b-\u0652]/g, ''));

describe('the committee pack: printed by the worker, exactly the changes since the last meeting, in two languages', () => {
  const sink = new SmtpSink();
  let t: TestApp;
  let worker: INestApplicationContext;
  let planId: string;
  let today: string;
  const ids: Record<'a' | 'b' | 'c' | 'd', string> = { a: '', b: '', c: '', d: '' };
  let meeting1: string;
  let meeting2: string;
  const pm = () => t.tokenFor(DEMO.pm);
  const packUrl = (meetingId: string, rest = '') =>
    `/api/action-plans/${planId}/meetings/${meetingId}/pack${rest}`;

  const activity = async (body: object) =>
    (
      await t.http
        .post(`/api/action-plans/${planId}/activities`)
        .set('Authorization', await pm())
        .send({ type: 'workshop', dueOn: addDays(today, 60), ...body })
        .expect(201)
    ).body as { id: string; version: number; parts: { partyCode: string; version: number }[] };

  const holdMeeting = async (heldOn: string, extra: object = {}) =>
    (
      await t.http
        .post(`/api/action-plans/${planId}/meetings`)
        .set('Authorization', await pm())
        .send({ heldOn, place: 'Rabat', status: 'held', ...extra })
        .expect(201)
    ).body as { id: string };

  /** A text report on a party's part of an activity, uploaded by that party's focal point. */
  const upload = async (activityId: string, partyCode: string, email: string, name: string) =>
    t.http
      .post(`/api/activities/${activityId}/evidence`)
      .set('Authorization', await t.tokenFor(email))
      .field('kind', 'report')
      .field('partyCode', partyCode)
      .attach('file', Buffer.from(`Compte rendu ${name}\n`), {
        filename: name,
        contentType: 'text/plain',
      })
      .expect(201);

  beforeAll(async () => {
    const smtpPort = await sink.start();
    t = await createTestApp({
      env: { SMTP_URL: sink.url(smtpPort), REMINDER_SWEEP_EVERY_MS: '3600000' },
    });
    today = todayIn('Africa/Casablanca', t.clock.now());
    const { agreementId } = await seededPlan(t);
    const plan = await t.http
      .post(`/api/agreements/${agreementId}/action-plans`)
      .set('Authorization', await pm())
      .send({
        title: 'Plan du comité',
        translations: { ar: { title: 'خطة اللجنة' } },
        startsOn: addDays(today, -200),
        durationMonths: 24,
        packLanguages: ['fr', 'ar'],
      })
      .expect(201);
    expect(plan.body.packLanguages).toEqual(['fr', 'ar']);
    planId = plan.body.id;
    ids.a = (
      await activity({
        title: FR_TITLE,
        translations: { ar: { title: AR_TITLE } },
        leadPartyCode: 'MA',
        partyCodes: ['MA', 'CI'],
      })
    ).id;
    ids.b = (
      await activity({ title: "Visite d'étude", leadPartyCode: 'CI', partyCodes: ['CI', 'MA'] })
    ).id;
    ids.c = (await activity({ title: 'Échange de textes', leadPartyCode: 'MA' })).id;
    ids.d = (await activity({ title: 'Campagne inchangée', leadPartyCode: 'CI' })).id;
    worker = await startWorker(t);
  });
  afterAll(async () => {
    await worker?.close();
    await t?.close();
    await sink.stop();
  });

  it('takes plan pack languages as two distinct languages of fr, en, ar, and nothing else', async () => {
    for (const packLanguages of [['fr'], ['fr', 'fr'], ['fr', 'de'], ['fr', 'en', 'ar'], 'fr']) {
      const res = await t.http
        .patch(`/api/action-plans/${planId}`)
        .set('Authorization', await pm())
        .send({ packLanguages })
        .expect(400);
      expect(JSON.stringify(res.body)).toContain('packLanguages');
    }
    const plan = await t.http
      .get(`/api/action-plans/${planId}`)
      .set('Authorization', await pm())
      .expect(200);
    expect(plan.body.packLanguages).toEqual(['fr', 'ar']);
  });

  it('holds meeting 1 (its baseline), then two parts and a due date change, then meeting 2', async () => {
    await upload(ids.c, 'MA', DEMO.focalMa, 'avant-la-reunion.txt');
    meeting1 = (
      await holdMeeting(addDays(today, -30), {
        decisions: [
          { text: 'Organiser la campagne', translations: { ar: { text: 'تنظيم الحملة' } } },
        ],
      })
    ).id;
    const part = async (id: string, code: string, email: string, body: object) => {
      const current = await t.http
        .get(`/api/activities/${id}`)
        .set('Authorization', await pm())
        .expect(200);
      const version = (current.body.parts as { partyCode: string; version: number }[]).find(
        (p) => p.partyCode === code,
      )!.version;
      await t.http
        .patch(`/api/activities/${id}/parts/${code}`)
        .set('Authorization', await t.tokenFor(email))
        .send({ ...body, version })
        .expect(200);
    };
    await part(ids.a, 'MA', DEMO.focalMa, { status: 'in_progress', progressPercent: 40 });
    await part(ids.b, 'CI', DEMO.focalCi, { status: 'postponed' });
    const c = await t.http.get(`/api/activities/${ids.c}`).set('Authorization', await pm());
    await t.http
      .patch(`/api/activities/${ids.c}`)
      .set('Authorization', await pm())
      .send({ dueOn: addDays(today, 90), version: c.body.version })
      .expect(200);
    await upload(ids.a, 'MA', DEMO.focalMa, 'compte-rendu-atelier.txt');
    meeting2 = (await holdMeeting(today)).id;
  });

  it('has no pack before one is asked for; the pdf is a 404 problem', async () => {
    const status = await t.http
      .get(packUrl(meeting2))
      .set('Authorization', await pm())
      .expect(200);
    expect(status.body).toMatchObject({ status: 'none', generatedAt: null });
    const pdf = await t.http
      .get(packUrl(meeting2, '.pdf'))
      .set('Authorization', await pm())
      .expect(404);
    expect(pdf.headers['content-type']).toContain('application/problem+json');
  });

  it('refuses a focal point asking for it (403) and hides it from a user who cannot read the plan (404)', async () => {
    await t.http
      .post(packUrl(meeting2))
      .set('Authorization', await t.tokenFor(DEMO.focalMa))
      .expect(403);
    await t.http
      .post(packUrl(meeting2))
      .set('Authorization', await t.tokenFor(DEMO.observer))
      .expect(403);
    const eg = await createOutsider(t);
    await t.http.get(packUrl(meeting2)).set('Authorization', eg).expect(404);
    await t.http.get(packUrl(meeting2, '.pdf')).set('Authorization', eg).expect(404);
    // A meeting of another plan is not found under this one.
    await t.http
      .get(`/api/action-plans/${(await seededPlan(t)).planId}/meetings/${meeting2}/pack`)
      .set('Authorization', await pm())
      .expect(404);
  });

  let pdf: Buffer;

  it('queues the pack (202), the worker prints it, and it is ready with its size and SHA-256', async () => {
    const asked = await t.http
      .post(packUrl(meeting2))
      .set('Authorization', await pm())
      .expect(202);
    expect(asked.body.status).toBe('queued');
    expect(asked.body.languages).toEqual(['fr', 'ar']);
    const ready = await waitFor(
      'the pack to be printed',
      async () => {
        const res = await t.http
          .get(packUrl(meeting2))
          .set('Authorization', await pm())
          .expect(200);
        expect(res.body.status).not.toBe('failed');
        return res.body.status === 'ready' ? res.body : null;
      },
      60000,
      250,
    );
    expect(ready).toMatchObject({ languages: ['fr', 'ar'] });
    expect(ready.generatedAt).toEqual(expect.any(String));
    // A focal point of the plan reads and downloads it.
    const res = await t.http
      .get(packUrl(meeting2, '.pdf'))
      .set('Authorization', await t.tokenFor(DEMO.focalCi))
      .buffer(true)
      .parse(binary)
      .expect(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    expect(res.headers['content-disposition']).toMatch(/^attachment; filename=".+\.pdf"$/);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    pdf = res.body as Buffer;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(pdf.length).toBe(ready.sizeBytes);
    expect(createHash('sha256').update(pdf).digest('hex')).toBe(ready.sha256);
  });

  it('lists exactly the changes since meeting 1, in French then in Arabic, and nothing else', async () => {
    const changes = (await t.app.get(MeetingsReader).changesSince(meeting2)).changes;
    // What was done: Morocco's part of A (status and progress, and A's rolled-up status and progress),
    // Côte d'Ivoire's part of B (postponed; B's joint status stays planned) and C's due date.
    expect(changes.map((c) => [c.activityId, c.partyCode, c.field]).sort()).toEqual(
      [
        [ids.a, null, 'progressPercent'],
        [ids.a, null, 'status'],
        [ids.a, 'MA', 'progressPercent'],
        [ids.a, 'MA', 'status'],
        [ids.b, 'CI', 'status'],
        [ids.c, null, 'dueOn'],
      ].sort(),
    );
    const text = pdfText(pdf);
    const dueFr = (d: string) =>
      new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${d}T00:00:00Z`),
      );
    const dueAr = (d: string) =>
      new Intl.DateTimeFormat('ar-MA', { dateStyle: 'long', timeZone: 'UTC' }).format(
        new Date(`${d}T00:00:00Z`),
      );
    const fr = rowsOf(
      linesBetween(text, 'Changements depuis la réunion précédente', 'Parts en retard'),
      ['Activité', 'Part', 'Élément', 'Avant', 'Après'],
    );
    expect(squeeze(fr.flat())).toEqual(
      squeeze(
        [
          [FR_TITLE, 'Activité commune', 'Statut', 'Prévue', 'En cours'],
          [FR_TITLE, 'Activité commune', 'Avancement', '0 %', '20 %'],
          [FR_TITLE, 'Maroc', 'Statut', 'Prévue', 'En cours'],
          [FR_TITLE, 'Maroc', 'Avancement', '0 %', '40 %'],
          [
            'Échange de textes',
            'Activité commune',
            'Échéance',
            dueFr(addDays(today, 60)),
            dueFr(addDays(today, 90)),
          ],
          ["Visite d'étude", "Côte d'Ivoire", 'Statut', 'Prévue', 'Reportée'],
        ].flat(),
      ),
    );
    const ar = rowsOf(linesBetween(text, 'التغييرات منذ الاجتماع السابق', 'الأجزاء المتأخرة'), [
      'النشاط',
      'الجزء',
      'العنصر',
      'قبل',
      'بعد',
    ]);
    // A's title is its Arabic translation, read back exactly as typed; the others have none: original.
    expect(ar.map((row) => row[0])).toEqual([
      AR_TITLE,
      AR_TITLE,
      AR_TITLE,
      AR_TITLE,
      'Échange de textes',
      "Visite d'étude",
    ]);
    expect(squeeze(ar.flat())).toEqual(
      squeeze(
        [
          [AR_TITLE, 'نشاط مشترك', 'الحالة', 'مخطط له', 'قيد التنفيذ'],
          [AR_TITLE, 'نشاط مشترك', 'نسبة التقدّم', '0%', '20%'],
          [AR_TITLE, 'المغرب', 'الحالة', 'مخطط له', 'قيد التنفيذ'],
          [AR_TITLE, 'المغرب', 'نسبة التقدّم', '0%', '40%'],
          [
            'Échange de textes',
            'نشاط مشترك',
            'الموعد النهائي',
            dueAr(addDays(today, 60)),
            dueAr(addDays(today, 90)),
          ],
          ["Visite d'étude", 'كوت ديفوار', 'الحالة', 'مخطط له', 'مؤجل'],
        ].flat(),
      ),
    );
    // The untouched activity is in neither list of changes.
    for (const section of [
      linesBetween(text, 'Changements depuis la réunion précédente', 'Parts en retard'),
      linesBetween(text, 'التغييرات منذ الاجتماع السابق', 'الأجزاء المتأخرة'),
    ]) {
      expect(section.join('\n')).not.toContain('Campagne inchangée');
    }
  });

  it('sets the Arabic section right to left in logical order: labels and the typed title read back as typed', () => {
    const text = pdfText(pdf);
    for (const typed of [
      'ملف اجتماع لجنة المتابعة',
      'التغييرات منذ الاجتماع السابق',
      'قرارات الاجتماع السابق وما آلت إليه',
      AR_TITLE,
      'تنظيم الحملة',
      'خطة اللجنة',
    ]) {
      expect(text).toContain(typed);
    }
    // French first, Arabic second, as the plan asks.
    expect(text.indexOf('Dossier de la réunion du comité de suivi')).toBeLessThan(
      text.indexOf('ملف اجتماع لجنة المتابعة'),
    );
    // Evidence received between the two meetings, by name and kind, in each language; not before.
    expect(text).toContain('compte-rendu-atelier.txt');
    expect(text).not.toContain('avant-la-reunion.txt');
    const evidenceFr = linesBetween(
      text,
      'Justificatifs reçus depuis la réunion précédente',
      'Décisions',
    );
    expect(evidenceFr).toEqual(expect.arrayContaining([FR_TITLE, 'Maroc', 'Rapport']));
    const evidenceAr = linesBetween(text, 'الإثباتات الواردة منذ الاجتماع السابق', 'قرارات');
    expect(evidenceAr).toEqual(expect.arrayContaining([AR_TITLE, 'المغرب', 'تقرير']));
    // The decision of meeting 1, in each language, with what became of it (no activity yet).
    expect(text).toContain('Organiser la campagne');
    expect(text).toContain('Sans activité liée');
    expect(text).toContain('دون نشاط مرتبط');
  });

  it('asked again, goes back to queued and then ready with a new PDF', async () => {
    const before = await t.http
      .get(packUrl(meeting2))
      .set('Authorization', await pm())
      .expect(200);
    const asked = await t.http
      .post(packUrl(meeting2))
      .set('Authorization', await t.tokenFor(DEMO.admin))
      .expect(202);
    expect(asked.body.status).toBe('queued');
    await t.http
      .get(packUrl(meeting2, '.pdf'))
      .set('Authorization', await pm())
      .expect(404);
    const again = await waitFor(
      'the pack to be printed again',
      async () => {
        const res = await t.http
          .get(packUrl(meeting2))
          .set('Authorization', await pm())
          .expect(200);
        return res.body.status === 'ready' ? res.body : null;
      },
      60000,
      250,
    );
    expect(new Date(again.generatedAt).getTime()).toBeGreaterThanOrEqual(
      new Date(before.body.generatedAt).getTime(),
    );
    // The replaced PDF is deleted: one stored file for the meeting's pack. The printer deletes it right
    // after the pack turns ready (pack-printer.ts), so a poll that saw `ready` may be a moment early.
    const pdfs = async () =>
      (
        await t.dataSource.query<{ count: number }[]>(
          `SELECT count(*)::int AS count FROM stored_files WHERE media_type = 'application/pdf'`,
        )
      )[0].count;
    await waitFor(
      'the replaced PDF to be deleted',
      async () => ((await pdfs()) === 1 ? true : null),
      10000,
      100,
    );
    expect(await pdfs()).toBe(1);
  });

  it('prints the first meeting too: no previous meeting, so no change', async () => {
    await t.http
      .post(packUrl(meeting1))
      .set('Authorization', await pm())
      .expect(202);
    await waitFor(
      'the first pack',
      async () =>
        (await t.http.get(packUrl(meeting1)).set('Authorization', await pm())).body.status ===
        'ready',
      60000,
      250,
    );
    const res = await t.http
      .get(packUrl(meeting1, '.pdf'))
      .set('Authorization', await pm())
      .buffer(true)
      .parse(binary)
      .expect(200);
    const text = pdfText(res.body as Buffer);
    expect(text).toContain('Première réunion : aucune réunion précédente.');
    expect(text).toContain('Aucun changement depuis la réunion précédente.');
    expect(text).toContain('لا تغيير منذ الاجتماع السابق.');
  });

  it("a meeting's PDF goes with the meeting, even when it goes by cascade", async () => {
    const [{ fileId }] = await t.dataSource.query(
      `SELECT file_id AS "fileId" FROM meeting_packs WHERE meeting_id = $1`,
      [meeting1],
    );
    expect(fileId).toEqual(expect.any(String));
    await t.dataSource.query(`DELETE FROM committee_meetings WHERE id = $1`, [meeting1]);
    expect(
      await t.dataSource.query(`SELECT 1 FROM stored_files WHERE id = $1`, [fileId]),
    ).toHaveLength(0);
  });
});

/** A focal point of Egypt: the MoU's plan is not theirs to read. */
async function createOutsider(t: TestApp): Promise<string> {
  const email = `focal.eg.${Math.random().toString(36).slice(2, 8)}@accords.example`;
  await t.http
    .post('/api/users')
    .set('Authorization', await t.tokenFor(DEMO.admin))
    .send({
      email,
      name: 'Point focal EG',
      role: 'focal_point',
      partyCode: 'EG',
      locale: 'fr',
      timeZone: 'Africa/Cairo',
      password: 'egypt-focal-password-1',
    })
    .expect(201);
  return t.tokenFor(email, 'egypt-focal-password-1');
}
