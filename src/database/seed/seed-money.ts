import type { EntityManager } from 'typeorm';
import type { CalendarDate } from '../../common/time/calendar-date';

/**
 * The demo plan's money: budget lines and spending on a few activities, funded by IOM and the EU (in
 * EUR) and by each country for its own part (MAD, XOF), so that the page and the IATI file show several
 * currencies side by side. `spent` is set on activities already under way: on the day a completed one
 * was completed, ten days after an open one's planned start (never after the seeding day).
 */
interface SeedMoney {
  /** The activity's title starts with this. */
  activity: string;
  currency: string;
  funderPartyCode: string;
  /** Whose part (null: the activity as a whole). */
  partyCode: string | null;
  planned: string;
  spent?: string;
  reference?: string;
}

export const SEED_MONEY: readonly SeedMoney[] = [
  {
    activity: "Atelier technique sur la collecte et l'analyse",
    currency: 'EUR',
    funderPartyCode: 'IOM',
    partyCode: null,
    planned: '18000.00',
    spent: '16450.75',
    reference: 'OIM-RAB-2025-041',
  },
  {
    activity: "Atelier technique sur la collecte et l'analyse",
    currency: 'XOF',
    funderPartyCode: 'CI',
    partyCode: 'CI',
    planned: '4500000.00',
    spent: '4120000.00',
  },
  {
    activity: "Visite d'étude de la délégation ivoirienne",
    currency: 'EUR',
    funderPartyCode: 'IOM',
    partyCode: null,
    planned: '12000.00',
    spent: '11200.00',
    reference: 'OIM-RAB-2025-077',
  },
  {
    activity: "Visite d'étude de la délégation ivoirienne",
    currency: 'MAD',
    funderPartyCode: 'MA',
    partyCode: 'MA',
    planned: '25000.00',
    spent: '23850.40',
  },
  {
    activity: 'Échange des accords bilatéraux',
    currency: 'EUR',
    funderPartyCode: 'IOM',
    partyCode: null,
    planned: '6000.00',
    spent: '2400.50',
  },
  {
    activity: 'Formation conjointe des magistrats',
    currency: 'EUR',
    funderPartyCode: 'EU',
    partyCode: null,
    planned: '25000.00',
  },
  {
    activity: 'Formation conjointe des magistrats',
    currency: 'MAD',
    funderPartyCode: 'MA',
    partyCode: 'MA',
    planned: '60000.00',
  },
];

/**
 * Gives the demo plan its money when it has none (a second run, or a plan whose money was edited since,
 * is left alone). Answers the rows inserted (budget lines and spending entries together).
 */
export async function insertMoney(
  manager: EntityManager,
  planId: string,
  today: CalendarDate,
): Promise<number> {
  const existing: { n: number }[] = await manager.query(
    `SELECT (SELECT count(*) FROM activity_budget_lines WHERE plan_id = $1)
          + (SELECT count(*) FROM activity_spending WHERE plan_id = $1) AS n`,
    [planId],
  );
  if (Number(existing[0].n) > 0) return 0;
  let inserted = 0;
  for (const money of SEED_MONEY) {
    const lines: unknown[] = await manager.query(
      `INSERT INTO activity_budget_lines
         (activity_id, plan_id, amount, currency, funder, funder_party_code, party_code)
       SELECT a.id, a.plan_id, $3, $4, p.name, p.code, $6
         FROM activities a JOIN parties p ON p.code = $5
        WHERE a.plan_id = $1 AND a.title LIKE $2 || '%'
       RETURNING id`,
      [
        planId,
        money.activity,
        money.planned,
        money.currency,
        money.funderPartyCode,
        money.partyCode,
      ],
    );
    inserted += lines.length;
    if (!money.spent) continue;
    const spending: unknown[] = await manager.query(
      `INSERT INTO activity_spending
         (activity_id, plan_id, amount, currency, spent_on, funder, funder_party_code, party_code,
          reference)
       SELECT a.id, a.plan_id, $3, $4,
              least($7::date, coalesce(a.completed_on, a.planned_start_on + 10, a.due_on)),
              p.name, p.code, $6, $8
         FROM activities a JOIN parties p ON p.code = $5
        WHERE a.plan_id = $1 AND a.title LIKE $2 || '%'
          AND a.status IN ('in_progress', 'completed')
       RETURNING id`,
      [
        planId,
        money.activity,
        money.spent,
        money.currency,
        money.funderPartyCode,
        money.partyCode,
        today,
        money.reference ?? null,
      ],
    );
    inserted += spending.length;
  }
  return inserted;
}
