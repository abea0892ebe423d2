/**
 * The achievement rule of achievement.ts for every plan at once, as SQL text for the portfolio to join
 * (one statement for 2,000 plans). A test checks it answers what the TypeScript rule answers.
 */

/** Month (1–12) a period key ends in, within its year: H1 → 6, Q3 → 9. */
const PERIOD_END_MONTH = (column: string) =>
  `(CASE substr(${column}, 6, 1) WHEN 'H' THEN 6 ELSE 3 END * substr(${column}, 7, 1)::int)`;

/**
 * A sub-select with columns `plan_id uuid, indicator_count int, achievement_percent int | null`: one
 * row per plan that has at least one indicator (join it with LEFT JOIN), its achievement for the year of
 * the date `asOfParam` (a placeholder such as `'$1'`, or any SQL expression castable to date).
 * `indicator_count` counts all the plan's indicators; `achievement_percent` is null when none has a
 * target for that year.
 */
export function indicatorAchievementByPlan(asOfParam: string): string {
  return `
    SELECT i.plan_id,
           count(*)::int AS indicator_count,
           round(avg(coalesce(a.percent, 0)) FILTER (WHERE t.target_value IS NOT NULL))::int
             AS achievement_percent
      FROM result_indicators i
      CROSS JOIN (SELECT to_char((${asOfParam})::date, 'YYYY') AS year) y
      LEFT JOIN result_targets t ON t.indicator_id = i.id AND t.period = y.year
      LEFT JOIN LATERAL (
        SELECT v.period
          FROM result_values v
         WHERE v.indicator_id = i.id AND left(v.period, 4) = y.year
         ORDER BY ${PERIOD_END_MONTH('v.period')} DESC, v.period COLLATE "C" DESC
         LIMIT 1
      ) lp ON true
      LEFT JOIN LATERAL (
        SELECT CASE i.measure
                 WHEN 'number' THEN sum(v.value)
                 WHEN 'percentage' THEN avg(v.value) FILTER (WHERE v.period = lp.period)
                 ELSE min(v.value) FILTER (WHERE v.period = lp.period)
               END AS actual
          FROM result_values v
         WHERE v.indicator_id = i.id AND left(v.period, 4) = y.year
      ) act ON true
      CROSS JOIN LATERAL (
        SELECT CASE WHEN t.target_value IS NULL OR act.actual IS NULL THEN NULL
                    WHEN t.target_value = 0 THEN 100
                    ELSE least(100, round(act.actual * 100 / t.target_value))
               END AS percent
      ) a
     GROUP BY i.plan_id`;
}
