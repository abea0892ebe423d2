import { createEgyptTunisiaAgreement, seededPlan, type SeededPlan } from '../support/fixtures';
import { createTestApp, DEMO, type TestApp } from '../support/test-app';
import { withoutRequiredEvidence } from '../support/evidence-files';

interface Change {
  activityId: string;
  activityTitle: { title: string; translations: Record<string, { title?: string }> };
  partyCode: string | null;
  field: string;
  from: string | number | null;
  to: string | number | null;
}
interface Meeting {
  id: string;
  status: string;
  heldOn: string;
  version: number;
  baselineTakenAt: string | null;
  participants: unknown[];
  decisions: {
    id: string;
    text: string;
    translations: Record<string, { text: string }>;
    activity: { id: string; status: string; parts: { partyCode: string; status: string }[] } | null;
  }[];
}

describe('joint committee meetings', () => {
  let t: TestApp;
  let seeded: SeededPlan;
  let other: Awaited<ReturnType<typeof createEgyptTunisiaAgreement>>;
  const bearer = (email: string) => t.tokenFor(email);
  const as = async (email: string) => ({ Authorization: await bearer(email) });
  const meetingsUrl = (planId: string, rest = '') => `/api/action-plans/${planId}/meetings${rest}`;

  /** A plan of its own under the seeded MoU (read by both focal points), so baselines stay small. */
  async function freshPlan(): Promise<string> {
    const res = await t.http
      .post(`/api/agreements/${seeded.agreementId}/action-plans`)
      .set(await as(DEMO.pm))
      .send({ title: `Plan ${Math.random()}`, startsOn: '2026-01-01', durationMonths: 24 })
      .expect(201);
    return res.body.id as string;
  }
  async function activity(planId: string, body: object) {
    const res = await t.http
      .post(`/api/action-plans/${planId}/activities`)
      .set(await as(DEMO.pm))
      .send({ type: 'workshop', leadPartyCode: 'MA', dueOn: '2026-06-30', ...body })
      .expect(201);
    return res.body as {
      id: string;
      version: number;
      parts: { partyCode: string; version: number }[];
    };
  }
  async function patchPart(email: string, id: string, partyCode: string, body: object) {
    const current = await t.http
      .get(`/api/activities/${id}`)
      .set(await as(DEMO.pm))
      .expect(200);
    const part = (current.body.parts as { partyCode: string; version: number }[]).find(
      (p) => p.partyCode === partyCode,
    )!;
    await t.http
      .patch(`/api/activities/${id}/parts/${partyCode}`)
      .set(await as(email))
      .send({ version: part.version, ...body })
      .expect(200);
  }
  async function createMeeting(planId: string, body: object, email: string = DEMO.pm) {
    const res = await t.http
      .post(meetingsUrl(planId))
      .set(await as(email))
      .send(body);
    return res;
  }
  async function changes(planId: string, meetingId: string, email: string = DEMO.pm) {
    const res = await t.http
      .get(meetingsUrl(planId, `/${meetingId}/changes`))
      .set(await as(email))
      .expect(200);
    return res.body as {
      previousMeeting: { id: string; heldOn: string } | null;
      changes: Change[];
    };
  }
  const brief = (c: Change) => [c.activityTitle.title, c.partyCode, c.field, c.from, c.to];

  beforeAll(async () => {
    t = await createTestApp();
    seeded = await seededPlan(t);
    other = await createEgyptTunisiaAgreement(t);
    // Parts are completed here without files; the completion gate has its own suite.
    await withoutRequiredEvidence(t);
  });
  beforeEach(() => t.clock.set('2026-03-01T10:00:00Z'));
  afterAll(() => t.close());

  it('baseline, two parts and one due date changed, next meeting held: exactly those changes', async () => {
    const planId = await freshPlan();
    const x = await activity(planId, {
      title: 'Visite X',
      partyCodes: ['MA', 'CI'],
      status: 'in_progress',
      progressPercent: 50,
    });
    const z = await activity(planId, { title: 'Atelier Z', dueOn: '2026-07-31' });
    await activity(planId, { title: 'Atelier Y untouched', partyCodes: ['MA', 'CI'] });

    const first = await createMeeting(planId, {
      heldOn: '2026-02-27',
      place: 'Rabat',
      status: 'held',
      participants: [
        { name: 'A. Bennani', partyCode: 'MA', role: 'co-chair' },
        { name: 'K. Koffi' },
      ],
    });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ status: 'held', baselineTakenAt: expect.any(String) });
    expect(first.body.participants).toEqual([
      { name: 'A. Bennani', partyCode: 'MA', role: 'co-chair' },
      { name: 'K. Koffi' },
    ]);

    // Each country moves its part; the joint progress stays at the mean (50), the status in progress.
    await patchPart(DEMO.focalMa, x.id, 'MA', { progressPercent: 70 });
    await patchPart(DEMO.focalCi, x.id, 'CI', { progressPercent: 30 });
    const zNow = await t.http
      .get(`/api/activities/${z.id}`)
      .set(await as(DEMO.pm))
      .expect(200);
    await t.http
      .patch(`/api/activities/${z.id}`)
      .set(await as(DEMO.pm))
      .send({ version: zNow.body.version, dueOn: '2026-09-30' })
      .expect(200);

    const second = (await createMeeting(planId, { heldOn: '2026-03-10' })).body as Meeting;
    expect(second).toMatchObject({ status: 'planned', baselineTakenAt: null });
    const expected = [
      ['Visite X', 'CI', 'progressPercent', 50, 30],
      ['Visite X', 'MA', 'progressPercent', 50, 70],
      ['Atelier Z', null, 'dueOn', '2026-07-31', '2026-09-30'],
    ];
    // Before it is held: against the live state.
    const live = await changes(planId, second.id);
    expect(live.previousMeeting).toEqual({ id: first.body.id, heldOn: '2026-02-27' });
    expect(live.changes.map(brief)).toEqual(expected);

    t.clock.set('2026-03-10T09:00:00Z');
    const held = await t.http
      .patch(meetingsUrl(planId, `/${second.id}`))
      .set(await as(DEMO.pm))
      .set('If-Match', `"${second.version}"`)
      .send({ status: 'held' })
      .expect(200);
    expect(held.body).toMatchObject({ status: 'held', version: second.version + 1 });
    expect(held.body.baselineTakenAt).toBe('2026-03-10T09:00:00.000Z');

    // After the baseline, later changes belong to the next meeting.
    await patchPart(DEMO.focalMa, z.id, 'MA', { status: 'completed', progressPercent: 100 });
    const frozen = await changes(planId, second.id, DEMO.focalCi);
    expect(frozen.changes.map(brief)).toEqual(expected);
    expect(frozen.changes[2]).toMatchObject({ activityId: z.id, partyCode: null });

    // The first meeting has nothing before it.
    expect(await changes(planId, first.body.id)).toMatchObject({
      previousMeeting: null,
      changes: [],
    });

    // A baseline is taken once.
    const again = await t.http
      .post(meetingsUrl(planId, `/${second.id}/baseline`))
      .set(await as(DEMO.pm))
      .expect(409);
    expect(again.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(again.body.title).toBe('Baseline already taken');
  });

  it('reports a rolled-up joint status with its part, an added and a removed activity', async () => {
    const planId = await freshPlan();
    const x = await activity(planId, { title: 'Visite X', partyCodes: ['MA', 'CI'] });
    const gone = await activity(planId, { title: 'Gone', dueOn: '2026-05-01' });
    const planned = (await createMeeting(planId, { heldOn: '2026-03-01' })).body as Meeting;
    // Taken explicitly on a planned meeting; holding it later does not take it again.
    const taken = await t.http
      .post(meetingsUrl(planId, `/${planned.id}/baseline`))
      .set(await as(DEMO.admin))
      .expect(200);
    expect(taken.body).toMatchObject({ status: 'planned', baselineTakenAt: expect.any(String) });

    await patchPart(DEMO.focalCi, x.id, 'CI', { status: 'in_progress', progressPercent: 40 });
    await t.http
      .delete(`/api/activities/${gone.id}`)
      .set(await as(DEMO.pm))
      .set('If-Match', `"${gone.version}"`)
      .expect(204);
    await activity(planId, { title: 'New', dueOn: '2026-08-01', partyCodes: ['MA', 'CI'] });

    const next = (await createMeeting(planId, { heldOn: '2026-04-01' })).body as Meeting;
    expect((await changes(planId, next.id)).changes.map(brief)).toEqual([
      ['Visite X', null, 'status', 'planned', 'in_progress'],
      ['Visite X', null, 'progressPercent', 0, 20],
      ['Visite X', 'CI', 'status', 'planned', 'in_progress'],
      ['Visite X', 'CI', 'progressPercent', 0, 40],
      ['New', null, 'added', null, 'planned'],
      ['Gone', null, 'removed', 'planned', null],
    ]);
  });

  it('a decision becomes an activity of the plan, and the meeting shows what became of it', async () => {
    const planId = await freshPlan();
    const meeting = (
      await createMeeting(planId, {
        heldOn: '2026-02-20',
        status: 'held',
        decisions: [
          {
            text: 'Organiser un atelier sur l’identification des victimes',
            translations: { ar: { text: 'تنظيم ورشة حول تحديد الضحايا' } },
          },
        ],
      })
    ).body as Meeting;
    const decision = meeting.decisions[0];
    expect(decision.translations).toEqual({ ar: { text: 'تنظيم ورشة حول تحديد الضحايا' } });
    const url = meetingsUrl(planId, `/${meeting.id}/decisions/${decision.id}/activity`);
    const made = await t.http
      .post(url)
      .set(await as(DEMO.pm))
      .send({
        type: 'workshop',
        leadPartyCode: 'MA',
        partyCodes: ['MA', 'CI'],
        dueOn: '2026-10-31',
      })
      .expect(201);
    const linked = (made.body as Meeting).decisions[0].activity!;
    expect(linked).toMatchObject({ status: 'planned' });
    expect(linked.parts.map((p) => p.partyCode).sort()).toEqual(['CI', 'MA']);
    const created = await t.http
      .get(`/api/activities/${linked.id}`)
      .set(await as(DEMO.pm))
      .expect(200);
    expect(created.body).toMatchObject({
      planId,
      title: 'Organiser un atelier sur l’identification des victimes',
      translations: { ar: { title: 'تنظيم ورشة حول تحديد الضحايا' } },
    });

    // Once only.
    const twice = await t.http
      .post(url)
      .set(await as(DEMO.pm))
      .send({ type: 'workshop', leadPartyCode: 'MA', dueOn: '2026-10-31' })
      .expect(409);
    expect(twice.body.activityId).toBe(linked.id);

    // What became of it follows the activity.
    await patchPart(DEMO.focalMa, linked.id, 'MA', { status: 'in_progress', progressPercent: 50 });
    const read = await t.http
      .get(meetingsUrl(planId, `/${meeting.id}`))
      .set(await as(DEMO.observer))
      .expect(200);
    expect((read.body as Meeting).decisions[0].activity).toMatchObject({
      id: linked.id,
      status: 'in_progress',
      parts: expect.arrayContaining([
        { partyCode: 'MA', status: 'in_progress', progressPercent: 50 },
      ]),
    });

    // Decisions are edited and removed on their own; the activity stays.
    const added = await t.http
      .post(meetingsUrl(planId, `/${meeting.id}/decisions`))
      .set(await as(DEMO.pm))
      .send({ text: 'Second decision' })
      .expect(201);
    const second = (added.body as Meeting).decisions[1];
    const edited = await t.http
      .patch(meetingsUrl(planId, `/${meeting.id}/decisions/${second.id}`))
      .set(await as(DEMO.pm))
      .send({ translations: { en: { text: 'Second, in English' } } })
      .expect(200);
    expect((edited.body as Meeting).decisions[1]).toMatchObject({
      text: 'Second decision',
      translations: { en: { text: 'Second, in English' } },
    });
    await t.http
      .delete(meetingsUrl(planId, `/${meeting.id}/decisions/${decision.id}`))
      .set(await as(DEMO.pm))
      .expect(204);
    await t.http
      .get(`/api/activities/${linked.id}`)
      .set(await as(DEMO.pm))
      .expect(200);
  });

  describe('who may do what', () => {
    let planId: string;
    let meeting: Meeting;
    beforeAll(async () => {
      t.clock.set('2026-03-01T10:00:00Z');
      planId = await freshPlan();
      meeting = (await createMeeting(planId, { heldOn: '2026-04-15', place: 'Abidjan' })).body;
    });

    it('focal points and the observer read the meetings of a plan they read', async () => {
      for (const email of [DEMO.focalMa, DEMO.focalCi, DEMO.observer]) {
        const list = await t.http
          .get(meetingsUrl(planId))
          .set(await as(email))
          .expect(200);
        expect((list.body.items as Meeting[]).map((m) => m.id)).toEqual([meeting.id]);
      }
    });

    it('a plan or meeting the caller cannot read is 404, also under another plan', async () => {
      const hidden = (await createMeeting(other.planId, { heldOn: '2026-05-01' })).body as Meeting;
      for (const url of [
        meetingsUrl(other.planId),
        meetingsUrl(other.planId, `/${hidden.id}`),
        meetingsUrl(other.planId, `/${hidden.id}/changes`),
      ]) {
        const res = await t.http
          .get(url)
          .set(await as(DEMO.focalMa))
          .expect(404);
        expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      }
      // A meeting is reached only through its own plan.
      await t.http
        .get(meetingsUrl(planId, `/${hidden.id}`))
        .set(await as(DEMO.pm))
        .expect(404);
    });

    it.each([
      ['a focal point', DEMO.focalMa],
      ['the observer', DEMO.observer],
    ])(
      '%s may not record, change, hold or delete a meeting (403) and nothing changes',
      async (_w, email) => {
        const before = await t.http
          .get(meetingsUrl(planId, `/${meeting.id}`))
          .set(await as(DEMO.pm));
        const attempts = [
          t.http.post(meetingsUrl(planId)).send({ heldOn: '2026-05-01' }),
          t.http.patch(meetingsUrl(planId, `/${meeting.id}`)).send({ version: 1, place: 'X' }),
          t.http.post(meetingsUrl(planId, `/${meeting.id}/baseline`)),
          t.http.delete(meetingsUrl(planId, `/${meeting.id}?version=1`)),
          t.http.post(meetingsUrl(planId, `/${meeting.id}/decisions`)).send({ text: 'No' }),
        ];
        for (const attempt of attempts) {
          const res = await attempt.set(await as(email));
          expect(res.status).toBe(403);
        }
        const after = await t.http
          .get(meetingsUrl(planId, `/${meeting.id}`))
          .set(await as(DEMO.pm));
        expect(after.body).toEqual(before.body);
      },
    );
  });

  describe('bad input is a 400 naming the field, and changes nothing', () => {
    let planId: string;
    beforeAll(async () => {
      t.clock.set('2026-03-01T10:00:00Z');
      planId = await freshPlan();
    });
    const count = async () =>
      ((await t.http.get(meetingsUrl(planId)).set(await as(DEMO.pm))).body.items as unknown[])
        .length;

    it.each<[string, object, string]>([
      ['a held meeting dated in the future', { heldOn: '2026-03-02', status: 'held' }, 'heldOn'],
      ['a planned meeting dated in the past', { heldOn: '2026-02-28' }, 'heldOn'],
      ['not a date', { heldOn: '2026-02-30' }, 'heldOn'],
      ['an unknown status', { heldOn: '2026-04-01', status: 'cancelled' }, 'status'],
      [
        'an unknown party',
        { heldOn: '2026-04-01', participants: [{ name: 'X', partyCode: 'ZZ' }] },
        'participants',
      ],
      [
        'a participant without a name',
        { heldOn: '2026-04-01', participants: [{ role: 'chair' }] },
        'participants',
      ],
      [
        'a blank participant name',
        { heldOn: '2026-04-01', participants: [{ name: '   ' }] },
        'participants',
      ],
      ['an empty decision', { heldOn: '2026-04-01', decisions: [{ text: '' }] }, 'decisions'],
      [
        'a decision in Klingon',
        { heldOn: '2026-04-01', decisions: [{ text: 'x', translations: { tlh: { text: 'y' } } }] },
        'decisions',
      ],
    ])('%s', async (_name, body, field) => {
      const before = await count();
      const res = await createMeeting(planId, body);
      expect(res.status).toBe(400);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      const fields = (res.body.errors as { field: string }[]).map((e) => e.field);
      expect(fields.some((f) => f === field || f.startsWith(`${field}.`))).toBe(true);
      expect(await count()).toBe(before);
    });

    it('a held meeting cannot go back to planned; a stale version is 409; both change nothing', async () => {
      const held = (await createMeeting(planId, { heldOn: '2026-03-01', status: 'held' }))
        .body as Meeting;
      const back = await t.http
        .patch(meetingsUrl(planId, `/${held.id}`))
        .set(await as(DEMO.pm))
        .send({ version: held.version, status: 'planned' })
        .expect(400);
      expect((back.body.errors as { field: string }[]).map((e) => e.field)).toEqual(['status']);
      await t.http
        .patch(meetingsUrl(planId, `/${held.id}`))
        .set(await as(DEMO.pm))
        .send({ version: held.version, place: 'Dakhla' })
        .expect(200);
      const stale = await t.http
        .patch(meetingsUrl(planId, `/${held.id}`))
        .set(await as(DEMO.pm))
        .send({ version: held.version, place: 'Tanger' })
        .expect(409);
      expect(stale.body.title).toBe('Stale version');
      await t.http
        .delete(meetingsUrl(planId, `/${held.id}?version=${held.version}`))
        .set(await as(DEMO.pm))
        .expect(409);
      const now = await t.http
        .get(meetingsUrl(planId, `/${held.id}`))
        .set(await as(DEMO.pm))
        .expect(200);
      expect(now.body).toMatchObject({
        place: 'Dakhla',
        status: 'held',
        version: held.version + 1,
      });
      await t.http
        .patch(meetingsUrl(planId, `/${held.id}`))
        .set(await as(DEMO.pm))
        .send({ place: 'Tanger' })
        .expect(400);
      await t.http
        .delete(meetingsUrl(planId, `/${held.id}`))
        .set(await as(DEMO.pm))
        .set('If-Match', `"${now.body.version}"`)
        .expect(204);
      await t.http
        .get(meetingsUrl(planId, `/${held.id}`))
        .set(await as(DEMO.pm))
        .expect(404);
    });
  });
});
