import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ActionPlansService } from '../action-plans/action-plans.service';
import type { Actor } from '../common/auth/actor';
import { usePercent } from './money-amounts';

/** Planned and spent in one currency, exact strings, and the share spent (null: nothing planned). */
export interface CurrencyAmounts {
  currency: string;
  planned: string;
  spent: string;
  usePercent: number | null;
}

export interface PlanMoney {
  planId: string;
  /** The currencies the plan's money is in, alphabetical; totals are never summed across them. */
  currencies: string[];
  totals: CurrencyAmounts[];
  /** Per party's part; `partyCode` null: money of activities as a whole. */
  byParty: { partyCode: string | null; amounts: CurrencyAmounts[] }[];
  /** Per funder: a registered party (`funderPartyCode`, its registered name) or a named donor. */
  byFunder: { funder: string; funderPartyCode: string | null; amounts: CurrencyAmounts[] }[];
}

interface Row {
  currency: string;
  party_code: string | null;
  funder_key: string | null;
  funder_party_code: string | null;
  funder_name: string | null;
  by_party: boolean;
  by_funder: boolean;
  planned: string;
  spent: string;
}

/**
 * A plan's money in one statement: totals, per party and per funder, each per currency (GROUPING SETS
 * over both tables, read through their (plan_id, currency) indexes). No exchange rate exists here.
 */
const PLAN_MONEY_SQL = `
  SELECT m.currency, m.party_code, m.funder_key, m.funder_party_code, min(m.funder_name) AS funder_name,
         GROUPING(m.party_code) = 0 AS by_party, GROUPING(m.funder_key) = 0 AS by_funder,
         round(sum(m.planned), 2)::text AS planned, round(sum(m.spent), 2)::text AS spent
    FROM (
      SELECT e.currency, e.party_code, e.funder_party_code,
             coalesce('party:' || e.funder_party_code, 'name:' || e.funder) AS funder_key,
             coalesce(fp.name, e.funder) AS funder_name, e.planned, e.spent
        FROM (
          SELECT currency, party_code, funder_party_code, funder, amount AS planned, 0::numeric AS spent
            FROM activity_budget_lines WHERE plan_id = $1
          UNION ALL
          SELECT currency, party_code, funder_party_code, funder, 0::numeric, amount
            FROM activity_spending WHERE plan_id = $1
        ) e
        LEFT JOIN parties fp ON fp.code = e.funder_party_code
    ) m
   GROUP BY GROUPING SETS (
     (m.currency),
     (m.party_code, m.currency),
     (m.funder_key, m.funder_party_code, m.currency)
   )`;

@Injectable()
export class MoneyTotalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly plans: ActionPlansService,
  ) {}

  async forPlan(actor: Actor, planId: string): Promise<PlanMoney> {
    await this.plans.findVisible(actor, planId);
    const rows: Row[] = await this.dataSource.query(PLAN_MONEY_SQL, [planId]);
    return planMoneyFromRows(planId, rows);
  }
}

function amounts(row: Row): CurrencyAmounts {
  return {
    currency: row.currency,
    planned: row.planned,
    spent: row.spent,
    usePercent: usePercent(row.planned, row.spent),
  };
}

const byCurrency = (a: CurrencyAmounts, b: CurrencyAmounts) => a.currency.localeCompare(b.currency);

function planMoneyFromRows(planId: string, rows: Row[]): PlanMoney {
  const totals = rows.filter((r) => !r.by_party && !r.by_funder).map(amounts);
  totals.sort(byCurrency);
  const parties = new Map<string | null, CurrencyAmounts[]>();
  const funders = new Map<string, PlanMoney['byFunder'][number]>();
  for (const row of rows) {
    if (row.by_party) {
      parties.set(row.party_code, [...(parties.get(row.party_code) ?? []), amounts(row)]);
    } else if (row.by_funder && row.funder_key) {
      const funder = funders.get(row.funder_key) ?? {
        funder: row.funder_name ?? '',
        funderPartyCode: row.funder_party_code,
        amounts: [],
      };
      funder.amounts.push(amounts(row));
      funders.set(row.funder_key, funder);
    }
  }
  const byParty = [...parties.entries()]
    // Parties by code, the activities' whole budgets last.
    .sort(([a], [b]) => (a === null ? 1 : b === null ? -1 : a.localeCompare(b)))
    .map(([partyCode, list]) => ({ partyCode, amounts: list.sort(byCurrency) }));
  const byFunder = [...funders.values()].sort((a, b) => a.funder.localeCompare(b.funder));
  for (const funder of byFunder) funder.amounts.sort(byCurrency);
  return { planId, currencies: totals.map((t) => t.currency), totals, byParty, byFunder };
}
