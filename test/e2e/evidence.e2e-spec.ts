import { createHash } from 'node:crypto';
import { createEgyptTunisiaAgreement, SeededPlan, seededPlan } from '../support/fixtures';
import { docxFile, exeFile, jpegFile, pdfFile, pngFile } from '../support/evidence-files';
import { createTestApp, DEMO, TestApp } from '../support/test-app';

interface Item {
  id: string;
  kind: string;
  partyCode: string | null;
  fileName: string;
  mediaType: string;
  sizeBytes: number;
  sha256: string;
  uploadedBy: { id: string; name?: string } | null;
}
interface Checklist {
  partyCode: string;
  required: string[];
  present: string[];
  missing: string[];
}

const sha = (b: Buffer) => createHash('sha256').update(b).digest('hex');
const MB = 1024 * 1024;

describe('evidence of activities and parts', () => {
  let t: TestApp;
  let seeded: SeededPlan;
  let hidden: { activityId: string };
  const bearer = (email: string) => t.tokenFor(email);
  const count = async (table: string) =>
    Number((await t.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`))[0].n);

  /** A fresh Morocco-led workshop with Côte d'Ivoire (requires agenda + attendance list). */
  const workshop = async (type = 'workshop') => {
    const res = await t.http
      .post(`/api/action-plans/${seeded.planId}/activities`)
      .set('Authorization', await bearer(DEMO.pm))
      .send({
        title: `Atelier ${Math.random()}`,
        type,
        leadPartyCode: 'MA',
        partyCodes: ['MA', 'CI'],
        dueOn: '2026-11-30',
      })
      .expect(201);
    return res.body.id as string;
  };
  /** The upload request; `.expect(status)` checks the status (and shows the body when it differs). */
  const upload = (
    email: string,
    activityId: string,
    fields: { kind: string; partyCode?: string },
    content: Buffer,
    fileName: string,
    contentType = 'application/octet-stream',
  ) => {
    const send = async () => {
      const req = t.http
        .post(`/api/activities/${activityId}/evidence`)
        .set('Authorization', await bearer(email))
        .field('kind', fields.kind);
      if (fields.partyCode) void req.field('partyCode', fields.partyCode);
      return req.attach('file', content, { filename: fileName, contentType }).then((r) => r);
    };
    const response = send();
    return Object.assign(response, {
      expect: async (status: number) => {
        const res = await response;
        expect([res.status, res.status === status ? '' : res.text]).toEqual([status, '']);
        return res;
      },
    });
  };
  const list = async (email: string, activityId: string) =>
    (
      await t.http
        .get(`/api/activities/${activityId}/evidence`)
        .set('Authorization', await bearer(email))
        .expect(200)
    ).body as { items: Item[]; requirements: Checklist[] };
  const partVersion = async (activityId: string, code: string) => {
    const res = await t.http
      .get(`/api/activities/${activityId}`)
      .set('Authorization', await bearer(DEMO.pm))
      .expect(200);
    return (res.body.parts as { partyCode: string; version: number }[]).find(
      (p) => p.partyCode === code,
    )!.version;
  };
  const completePart = async (email: string, activityId: string, code: string) =>
    t.http
      .patch(`/api/activities/${activityId}/parts/${code}`)
      .set('Authorization', await bearer(email))
      .send({ status: 'completed', version: await partVersion(activityId, code) });

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seededPlan(t);
    hidden = await createEgyptTunisiaAgreement(t);
  });
  afterAll(() => t.close());

  describe('upload and download', () => {
    it('round trip: the same bytes, the SHA-256, attachment, nosniff, the detected type, ETag', async () => {
      const id = await workshop();
      const content = pdfFile('ordre du jour du 3 mars');
      const res = await upload(
        DEMO.focalMa,
        id,
        { kind: 'agenda', partyCode: 'MA' },
        content,
        'Ordre du jour.pdf',
      );
      expect(res.status).toBe(201);
      const item = res.body as Item;
      expect(item).toMatchObject({
        kind: 'agenda',
        partyCode: 'MA',
        fileName: 'Ordre du jour.pdf',
        mediaType: 'application/pdf',
        sizeBytes: content.length,
        sha256: sha(content),
        uploadedBy: { name: expect.any(String) },
      });
      const download = await t.http
        .get(`/api/activities/${id}/evidence/${item.id}/content`)
        .set('Authorization', await bearer(DEMO.focalCi))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(Buffer.compare(download.body as Buffer, content)).toBe(0);
      expect(sha(download.body as Buffer)).toBe(item.sha256);
      expect(download.headers['content-type']).toBe('application/pdf');
      expect(download.headers['content-disposition']).toBe(
        `attachment; filename="Ordre du jour.pdf"; filename*=UTF-8''Ordre%20du%20jour.pdf`,
      );
      expect(download.headers['x-content-type-options']).toBe('nosniff');
      expect(download.headers.etag).toBe(`"${sha(content)}"`);
    });

    it('the list shows the items and each party’s checklist', async () => {
      const id = await workshop();
      await upload(DEMO.pm, id, { kind: 'agenda' }, pdfFile(), 'agenda.pdf').expect(201);
      await upload(
        DEMO.focalCi,
        id,
        { kind: 'attendance_list', partyCode: 'CI' },
        pngFile(),
        'liste.png',
      ).expect(201);
      const body = await list(DEMO.observer, id);
      expect(body.items.map((i) => [i.kind, i.partyCode])).toEqual([
        ['agenda', null],
        ['attendance_list', 'CI'],
      ]);
      expect(body.requirements).toEqual([
        {
          partyCode: 'MA',
          required: ['agenda', 'attendance_list'],
          present: ['agenda'],
          missing: ['attendance_list'],
        },
        {
          partyCode: 'CI',
          required: ['agenda', 'attendance_list'],
          present: ['agenda', 'attendance_list'],
          missing: [],
        },
      ]);
    });

    it('file names are cleaned (no path, no bidi override, no control characters)', async () => {
      const id = await workshop();
      const res = await upload(
        DEMO.focalMa,
        id,
        { kind: 'photo', partyCode: 'MA' },
        jpegFile(),
        '../../photo\u202Egpj.\u0007jpg',
      ).expect(201);
      expect(res.body.fileName).toBe('photogpj.jpg');
      const noName = await upload(
        DEMO.focalMa,
        id,
        { kind: 'report', partyCode: 'MA' },
        docxFile(),
        '\u202E',
      ).expect(201);
      expect(noName.body.fileName).toBe('evidence.docx');
    });
  });

  describe('scoping and rights', () => {
    it('a user who cannot read the plan gets 404 for the activity’s evidence and its files', async () => {
      const pmUpload = await upload(
        DEMO.pm,
        hidden.activityId,
        { kind: 'agenda' },
        pdfFile(),
        'a.pdf',
      ).expect(201);
      const base = `/api/activities/${hidden.activityId}/evidence`;
      for (const [method, url] of [
        ['get', base],
        ['get', `${base}/${pmUpload.body.id}/content`],
        ['delete', `${base}/${pmUpload.body.id}`],
      ] as const) {
        const res = await t.http[method](url).set('Authorization', await bearer(DEMO.focalCi));
        expect([method, url, res.status]).toEqual([method, url, 404]);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      }
      await upload(DEMO.focalCi, hidden.activityId, { kind: 'agenda' }, pdfFile(), 'a.pdf').expect(
        404,
      );
      // An id of another activity's evidence is not found under this one either.
      const own = await workshop();
      await t.http
        .get(`/api/activities/${own}/evidence/${pmUpload.body.id}/content`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(404);
    });

    it("another party's focal point uploading to a part not theirs → 403, nothing stored", async () => {
      const id = await workshop();
      const files = await count('stored_files');
      const res = await upload(
        DEMO.focalCi,
        id,
        { kind: 'agenda', partyCode: 'MA' },
        pdfFile(),
        'a.pdf',
      );
      expect(res.status).toBe(403);
      await upload(DEMO.observer, id, { kind: 'agenda' }, pdfFile(), 'a.pdf').expect(403);
      expect(await count('stored_files')).toBe(files);
      // Activity-level evidence: any focal point of a party on the activity.
      await upload(DEMO.focalCi, id, { kind: 'photo' }, pngFile(), 'p.png').expect(201);
    });

    it('a party not on the activity, or an unknown kind → 400 naming the field', async () => {
      const id = await workshop();
      const res = await upload(
        DEMO.pm,
        id,
        { kind: 'agenda', partyCode: 'EG' },
        pdfFile(),
        'a.pdf',
      ).expect(400);
      expect(res.body.errors[0].field).toBe('partyCode');
      const kind = await upload(DEMO.pm, id, { kind: 'selfie' }, pdfFile(), 'a.pdf').expect(400);
      expect(JSON.stringify(kind.body.errors)).toContain('kind');
      const noFile = await t.http
        .post(`/api/activities/${id}/evidence`)
        .set('Authorization', await bearer(DEMO.pm))
        .field('kind', 'agenda')
        .expect(400);
      expect(noFile.body.errors[0].field).toBe('file');
    });

    it('delete: the uploader or a programme manager; another focal point → 403', async () => {
      const id = await workshop();
      const mine = await upload(DEMO.focalMa, id, { kind: 'agenda' }, pdfFile(), 'a.pdf').expect(
        201,
      );
      const url = `/api/activities/${id}/evidence/${mine.body.id}`;
      await t.http
        .delete(url)
        .set('Authorization', await bearer(DEMO.focalCi))
        .expect(403);
      await t.http
        .delete(url)
        .set('Authorization', await bearer(DEMO.focalMa))
        .expect(204);
      const stored: unknown[] = await t.dataSource.query(
        `SELECT 1 FROM stored_files WHERE sha256 = $1 AND id NOT IN (SELECT file_id FROM activity_evidence)`,
        [mine.body.sha256],
      );
      expect(stored).toHaveLength(0);
      await t.http
        .get(`${url}/content`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(404);
      const other = await upload(DEMO.focalCi, id, { kind: 'photo' }, pngFile(), 'p.png').expect(
        201,
      );
      await t.http
        .delete(`/api/activities/${id}/evidence/${other.body.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(204);
    });

    it('deleting the activity deletes its evidence and the stored files', async () => {
      const id = await workshop();
      const up = await upload(DEMO.pm, id, { kind: 'agenda' }, pdfFile('bye'), 'a.pdf').expect(201);
      const file: { file_id: string }[] = await t.dataSource.query(
        `SELECT file_id FROM activity_evidence WHERE id = $1`,
        [up.body.id],
      );
      await t.dataSource.query(`DELETE FROM activities WHERE id = $1`, [id]);
      expect(
        await t.dataSource.query(`SELECT 1 FROM stored_files WHERE id = $1`, [file[0].file_id]),
      ).toHaveLength(0);
    });
  });

  describe('content and size', () => {
    it('a file whose content is not its claimed type → 415 naming file; nothing stored', async () => {
      const id = await workshop();
      const files = await count('stored_files');
      const renamed = await upload(
        DEMO.focalMa,
        id,
        { kind: 'agenda', partyCode: 'MA' },
        pngFile(),
        'agenda.pdf',
        'application/pdf',
      );
      expect(renamed.status).toBe(415);
      expect(renamed.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(renamed.body.errors).toEqual([
        expect.objectContaining({ field: 'file', code: 'evidence_type_mismatch' }),
      ]);
      const exe = await upload(
        DEMO.focalMa,
        id,
        { kind: 'agenda', partyCode: 'MA' },
        exeFile(),
        'agenda.pdf',
      );
      expect([exe.status, exe.body.errors[0].code]).toEqual([415, 'evidence_type_not_allowed']);
      const html = await upload(
        DEMO.focalMa,
        id,
        { kind: 'report' },
        Buffer.from('<html><script>alert(1)</script>'),
        'r.html',
        'text/html',
      );
      expect(html.status).toBe(415);
      // A name whose extension only shows once cleaned (trailing dot, space, zero-width space) is
      // checked as it will be stored.
      for (const disguised of ['agenda.pdf.', 'agenda.pdf ', 'agenda.pdf\u200b']) {
        const res = await upload(
          DEMO.focalMa,
          id,
          { kind: 'agenda', partyCode: 'MA' },
          pngFile(),
          disguised,
        );
        expect([disguised, res.status, res.body.errors?.[0]?.code]).toEqual([
          disguised,
          415,
          'evidence_type_mismatch',
        ]);
      }
      expect(await count('stored_files')).toBe(files);
      expect(await count('activity_evidence')).toBeGreaterThanOrEqual(0);
      expect((await list(DEMO.pm, id)).items).toHaveLength(0);
    });

    it('26 MB → 413 problem naming the limit, and nothing is stored', async () => {
      const id = await workshop();
      const [files, evidence] = [await count('stored_files'), await count('activity_evidence')];
      const big = Buffer.alloc(26 * MB, 0x20);
      pdfFile().copy(big);
      const res = await upload(DEMO.pm, id, { kind: 'report' }, big, 'big.pdf', 'application/pdf');
      expect(res.status).toBe(413);
      expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(res.body.detail).toContain('25 MB');
      expect(res.body.errors).toEqual([
        expect.objectContaining({ field: 'file', code: 'evidence_too_large' }),
      ]);
      expect([await count('stored_files'), await count('activity_evidence')]).toEqual([
        files,
        evidence,
      ]);
    });

    it('a file above the JSON body limit (5 MB) but under 25 MB is taken', async () => {
      const id = await workshop();
      const content = Buffer.alloc(6 * MB, 0x20);
      pdfFile().copy(content);
      const res = await upload(DEMO.pm, id, { kind: 'report' }, content, 'report.pdf').expect(201);
      expect(res.body.sha256).toBe(sha(content));
    });
  });

  describe('history', () => {
    it('every upload and deletion writes an activity_history row: [kind, fileName, sha256]', async () => {
      const id = await workshop();
      const content = pdfFile('history');
      const part = await upload(
        DEMO.focalMa,
        id,
        { kind: 'agenda', partyCode: 'MA' },
        content,
        'agenda.pdf',
      ).expect(201);
      const shared = await upload(DEMO.pm, id, { kind: 'photo' }, pngFile(), 'photo.png').expect(
        201,
      );
      await t.http
        .delete(`/api/activities/${id}/evidence/${shared.body.id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(204);
      const rows: { field: string; from_value: unknown; to_value: unknown; actor_email: string }[] =
        await t.dataSource.query(
          `SELECT field, from_value, to_value, actor_email FROM activity_history WHERE activity_id = $1 AND field LIKE '%evidence' ORDER BY at, field`,
          [id],
        );
      expect(rows).toEqual([
        {
          field: 'parts.MA.evidence',
          from_value: null,
          to_value: ['agenda', 'agenda.pdf', sha(content)],
          actor_email: DEMO.focalMa,
        },
        {
          field: 'evidence',
          from_value: null,
          to_value: ['photo', 'photo.png', shared.body.sha256],
          actor_email: DEMO.pm,
        },
        {
          field: 'evidence',
          from_value: ['photo', 'photo.png', shared.body.sha256],
          to_value: null,
          actor_email: DEMO.pm,
        },
      ]);
      expect(part.body.sha256).toBe(sha(content));
    });
  });

  describe('required evidence and the completion gate', () => {
    it('GET lists every activity type with the seeded defaults (any signed-in user)', async () => {
      const res = await t.http
        .get('/api/evidence-requirements')
        .set('Authorization', await bearer(DEMO.observer))
        .expect(200);
      const byType = Object.fromEntries(
        (res.body.items as { activityType: string; kinds: string[] }[]).map((i) => [
          i.activityType,
          i.kinds,
        ]),
      );
      expect(byType.workshop).toEqual(['agenda', 'attendance_list']);
      expect(byType.legal_exchange).toEqual(['legislation']);
      expect(byType.other).toEqual([]);
    });

    it('PUT: programme managers only, validated, replaces the set', async () => {
      const url = '/api/evidence-requirements';
      const current = (
        await t.http
          .get(url)
          .set('Authorization', await bearer(DEMO.pm))
          .expect(200)
      ).body;
      await t.http
        .put(url)
        .set('Authorization', await bearer(DEMO.focalMa))
        .send(current)
        .expect(403);
      const badType = await t.http
        .put(url)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ items: [{ activityType: 'picnic', kinds: [] }] })
        .expect(400);
      expect(JSON.stringify(badType.body.errors)).toContain('activityType');
      const badKind = await t.http
        .put(url)
        .set('Authorization', await bearer(DEMO.pm))
        .send({ items: [{ activityType: 'meeting', kinds: ['selfie'] }] })
        .expect(400);
      expect(JSON.stringify(badKind.body.errors)).toContain('kinds');
      const twice = await t.http
        .put(url)
        .set('Authorization', await bearer(DEMO.pm))
        .send({
          items: [
            { activityType: 'meeting', kinds: [] },
            { activityType: 'meeting', kinds: ['report'] },
          ],
        })
        .expect(400);
      expect(twice.body.errors[0].field).toBe('items.1.activityType');
      const changed = current.items.map((i: { activityType: string; kinds: string[] }) =>
        i.activityType === 'data_collection' ? { ...i, kinds: ['report'] } : i,
      );
      const put = await t.http
        .put(url)
        .set('Authorization', await bearer(DEMO.admin))
        .send({ items: changed })
        .expect(200);
      expect(put.body).toEqual({ items: changed });
      await t.http
        .put(url)
        .set('Authorization', await bearer(DEMO.pm))
        .send(current)
        .expect(200);
    });

    it('completing a part without its required evidence → 409 evidence_missing; then success after agenda + attendance list', async () => {
      const id = await workshop();
      const refused = await completePart(DEMO.focalMa, id, 'MA');
      expect(refused.status).toBe(409);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(refused.body).toMatchObject({
        code: 'evidence_missing',
        partyCode: 'MA',
        missingKinds: ['agenda', 'attendance_list'],
      });
      // Another party's items do not count for Morocco; a shared (activity-level) agenda does.
      await upload(
        DEMO.focalCi,
        id,
        { kind: 'attendance_list', partyCode: 'CI' },
        pngFile(),
        'ci.png',
      ).expect(201);
      await upload(DEMO.focalMa, id, { kind: 'agenda' }, pdfFile(), 'agenda.pdf').expect(201);
      const still = await completePart(DEMO.focalMa, id, 'MA');
      expect([still.status, still.body.missingKinds]).toEqual([409, ['attendance_list']]);
      await upload(
        DEMO.focalMa,
        id,
        { kind: 'attendance_list', partyCode: 'MA' },
        pdfFile('présents'),
        'presence.pdf',
      ).expect(201);
      const done = await completePart(DEMO.focalMa, id, 'MA');
      expect(done.status).toBe(200);
      expect(done.body.status).toBe('in_progress');
      // Nothing was changed by the refused attempts: one completion in history.
      const rows = await t.dataSource.query(
        `SELECT 1 FROM activity_history WHERE activity_id = $1 AND field = 'parts.MA.status'`,
        [id],
      );
      expect(rows).toHaveLength(1);
    });

    it('a focal point completing through the joint PATCH hits the same gate', async () => {
      const id = await workshop();
      const activity = await t.http
        .get(`/api/activities/${id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200);
      const res = await t.http
        .patch(`/api/activities/${id}`)
        .set('Authorization', await bearer(DEMO.focalMa))
        .send({ status: 'completed', version: activity.body.version });
      expect([res.status, res.body.code, res.body.missingKinds]).toEqual([
        409,
        'evidence_missing',
        ['agenda', 'attendance_list'],
      ]);
    });

    it('a programme manager setting the joint status with a reason is the recorded override (not gated)', async () => {
      const id = await workshop();
      const activity = await t.http
        .get(`/api/activities/${id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .expect(200);
      await t.http
        .patch(`/api/activities/${id}`)
        .set('Authorization', await bearer(DEMO.pm))
        .send({
          status: 'completed',
          version: activity.body.version,
          note: 'Confirmed by the committee',
        })
        .expect(200);
    });

    it('a type without requirements completes freely; an already completed part stays completed when requirements grow', async () => {
      const id = await workshop('other');
      expect((await completePart(DEMO.focalMa, id, 'MA')).status).toBe(200);
      const url = '/api/evidence-requirements';
      const current = (
        await t.http
          .get(url)
          .set('Authorization', await bearer(DEMO.pm))
          .expect(200)
      ).body;
      await t.http
        .put(url)
        .set('Authorization', await bearer(DEMO.pm))
        .send({
          items: [
            ...current.items.filter((i: { activityType: string }) => i.activityType !== 'other'),
            { activityType: 'other', kinds: ['report'] },
          ],
        })
        .expect(200);
      try {
        const after = await t.http
          .get(`/api/activities/${id}`)
          .set('Authorization', await bearer(DEMO.pm))
          .expect(200);
        expect(
          after.body.parts.find((p: { partyCode: string }) => p.partyCode === 'MA').status,
        ).toBe('completed');
        const ci = await completePart(DEMO.focalCi, id, 'CI');
        expect([ci.status, ci.body.missingKinds]).toEqual([409, ['report']]);
      } finally {
        await t.http
          .put(url)
          .set('Authorization', await bearer(DEMO.pm))
          .send(current)
          .expect(200);
      }
    });
  });
});
