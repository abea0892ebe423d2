import type { TestApp } from './test-app';
import { DEMO } from './test-app';

/** Ids of the seeded MoU, its plan and activities, read through the API as a programme manager. */
export interface SeededPlan {
  agreementId: string;
  planId: string;
  activities: {
    id: string;
    title: string;
    leadPartyCode: string;
    partyCodes: string[];
    status: string;
    version: number;
    dueOn: string;
    overdue: boolean;
  }[];
}

export async function seededPlan(t: TestApp): Promise<SeededPlan> {
  const pm = await t.tokenFor(DEMO.pm);
  const agreements = await t.http.get('/api/agreements').set('Authorization', pm).expect(200);
  const mou = (agreements.body.items as { id: string; reference: string }[]).find(
    (a) => a.reference === 'MA-CI/TEH/2025-04-08',
  );
  if (!mou) throw new Error('seeded MoU not found');
  const plans = await t.http
    .get(`/api/agreements/${mou.id}/action-plans`)
    .set('Authorization', pm)
    .expect(200);
  // Suites add plans under the MoU too; the seeded one is the 2025–2026 plan.
  const seeded = (plans.body.items as { id: string; startsOn: string }[]).find(
    (p) => p.startsOn === '2025-04-08',
  );
  if (!seeded) throw new Error('seeded plan not found');
  const planId = seeded.id;
  const list = await t.http
    .get(`/api/action-plans/${planId}/activities?pageSize=200`)
    .set('Authorization', pm)
    .expect(200);
  return { agreementId: mou.id, planId, activities: list.body.items };
}

/** A second agreement between Egypt and Tunisia, with a plan and one activity: invisible to MA and CI. */
export async function createEgyptTunisiaAgreement(t: TestApp) {
  const pm = await t.tokenFor(DEMO.pm);
  const agreement = await t.http
    .post('/api/agreements')
    .set('Authorization', pm)
    .send({
      kind: 'mou',
      title: "Mémorandum d'entente Égypte–Tunisie",
      partyCodes: ['EG', 'TN'],
      signedOn: '2026-01-15',
      durationMonths: 36,
      renewal: { mode: 'explicit', noticeDays: 60 },
    })
    .expect(201);
  const plan = await t.http
    .post(`/api/agreements/${agreement.body.id}/action-plans`)
    .set('Authorization', pm)
    .send({ title: 'Plan 2026–2028', startsOn: '2026-02-01', durationMonths: 24 })
    .expect(201);
  const activity = await t.http
    .post(`/api/action-plans/${plan.body.id}/activities`)
    .set('Authorization', pm)
    .send({ title: 'Atelier conjoint', type: 'workshop', leadPartyCode: 'EG', dueOn: '2026-12-01' })
    .expect(201);
  return {
    agreementId: agreement.body.id as string,
    planId: plan.body.id as string,
    activityId: activity.body.id as string,
  };
}
