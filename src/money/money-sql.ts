/**
 * SQL contract for the portfolio (issue 10): a sub-select with one row per plan and currency,
 * columns `plan_id uuid, currency char(3), planned numeric, spent numeric`. Amounts of different
 * currencies are never added together, converted or compared: a plan funded in EUR and MAD has two rows.
 * A plan with no money has no row (LEFT JOIN it). Both tables are read through their
 * (plan_id, currency) INCLUDE (amount) indexes. `planned` and `spent` have exactly two decimals (pg
 * answers them as strings, "1234.50"); the share spent is `usePercent(planned, spent)` from
 * money-amounts.ts, the same rounding as GET /api/action-plans/:id/money.
 *
 * Usage, e.g.:
 *   SELECT p.id, m.currency, m.planned, m.spent FROM action_plans p
 *     LEFT JOIN (${budgetUseByPlan()}) m ON m.plan_id = p.id
 */
export function budgetUseByPlan(): string {
  return `
    SELECT money.plan_id, money.currency,
           round(sum(money.planned), 2) AS planned,
           round(sum(money.spent), 2) AS spent
      FROM (
        SELECT plan_id, currency, amount AS planned, 0::numeric AS spent FROM activity_budget_lines
        UNION ALL
        SELECT plan_id, currency, 0::numeric AS planned, amount AS spent FROM activity_spending
      ) money
     GROUP BY money.plan_id, money.currency`;
}
