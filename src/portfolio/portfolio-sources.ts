/**
 * The sub-selects the portfolio reads from the results and money domains (issue 10 contract), kept
 * behind one module so the portfolio's SQL names its sources in one place:
 * `indicatorAchievementByPlan(asOf)` → plan_id, indicator_count, achievement_percent and
 * `budgetUseByPlan()` → plan_id, currency, planned, spent (one row per currency, never converted).
 */
export { budgetUseByPlan as budgetSource } from '../money/money-sql';
export { indicatorAchievementByPlan as achievementSource } from '../results/results-sql';
