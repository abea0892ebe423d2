import type { EntityManager } from 'typeorm';
import { addDays, type CalendarDate, compareDates } from '../../common/time/calendar-date';
import { PLAN_STATE_SQL } from '../../meetings/baseline-sql';

/** The demo plan's committee: the first follow-up meeting (held) and the next one (planned). */
export const SEED_MEETINGS = {
  held: {
    daysAgo: 45,
    place: 'Rabat',
    participants: [
      {
        name: 'Direction des affaires consulaires et sociales',
        partyCode: 'MA',
        role: 'coprésidence',
      },
      {
        name: 'Comité national de lutte contre la traite des personnes',
        partyCode: 'CI',
        role: 'coprésidence',
      },
      { name: 'OIM Maroc', partyCode: 'IOM', role: 'secrétariat' },
    ],
    decisions: [
      {
        text: 'Tenir un atelier conjoint de restitution des données avant la fin du semestre.',
        translations: {
          en: {
            text: 'Hold a joint workshop to present the data before the end of the half-year.',
          },
          ar: { text: 'تنظيم ورشة مشتركة لعرض المعطيات قبل نهاية السداسي.' },
        },
      },
      {
        text: 'Désigner dans chaque pays un point focal pour la mise à jour trimestrielle du plan.',
        translations: {
          en: {
            text: 'Appoint in each country a focal point for the quarterly update of the plan.',
          },
          ar: { text: 'تعيين نقطة اتصال في كل بلد للتحيين الفصلي للخطة.' },
        },
      },
    ],
  },
  planned: { daysAhead: 30, place: 'Abidjan' },
} as const;

/**
 * Gives the demo plan its committee meetings when it has none (a second run, or a plan whose
 * meetings were edited since, is left alone). The held meeting's baseline is the plan as it stood
 * then, as far as the seed can tell: an activity or part completed after that day was still in
 * progress, and open work had 20 points less progress; so "changes since the last meeting" has
 * something to show in the demo.
 */
export async function insertMeetings(
  manager: EntityManager,
  planId: string,
  planStartsOn: CalendarDate,
  today: CalendarDate,
): Promise<number> {
  const existing: unknown[] = await manager.query(
    'SELECT 1 FROM committee_meetings WHERE plan_id = $1 LIMIT 1',
    [planId],
  );
  if (existing.length > 0) return 0;
  const { held, planned } = SEED_MEETINGS;
  const daysAgo = addDays(today, -held.daysAgo);
  const heldOn = compareDates(daysAgo, planStartsOn) < 0 ? planStartsOn : daysAgo;
  const [{ id: heldId }]: { id: string }[] = await manager.query(
    `INSERT INTO committee_meetings (plan_id, held_on, place, participants, status, baseline_taken_at)
     VALUES ($1, $2, $3, $4::jsonb, 'held', ($2::date + time '17:00') AT TIME ZONE 'Africa/Casablanca')
     RETURNING id`,
    [planId, heldOn, held.place, JSON.stringify(held.participants)],
  );
  for (const [index, decision] of held.decisions.entries()) {
    await manager.query(
      `INSERT INTO meeting_decisions (meeting_id, text, translations, position)
       VALUES ($1, $2, $3::jsonb, $4)`,
      [heldId, decision.text, JSON.stringify(decision.translations), index + 1],
    );
  }
  await manager.query(
    `INSERT INTO meeting_baselines
       (meeting_id, activity_id, party_code, title, translations, status, progress_percent,
        due_on, completed_on)
     SELECT $2::uuid, activity_id, party_code, title, translations,
            CASE WHEN completed_on > $3::date THEN 'in_progress' ELSE status END,
            CASE WHEN completed_on > $3::date THEN 80
                 WHEN status = 'in_progress' THEN greatest(progress_percent - 20, 0)
                 ELSE progress_percent END,
            due_on,
            CASE WHEN completed_on > $3::date THEN NULL ELSE completed_on END
       FROM (${PLAN_STATE_SQL}) s`,
    [planId, heldId, heldOn],
  );
  await manager.query(
    `INSERT INTO committee_meetings (plan_id, held_on, place, status) VALUES ($1, $2, $3, 'planned')`,
    [planId, addDays(today, planned.daysAhead), planned.place],
  );
  return 2;
}
