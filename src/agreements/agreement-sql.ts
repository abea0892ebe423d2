/**
 * The agreement's status as `GET /api/agreements/:id` shows it today, in SQL over the stored row (alias
 * `ag`, named parameter `:now`), for statements that filter or list agreements without loading them
 * (the portfolio). It follows agreement-view.ts toAgreementView over agreement-terms.ts
 * effectiveAgreement and lifecycle/lifecycle-stage.ts, case by case:
 * - a denunciation that has taken effect (stored `denunciation_takes_effect_on`, kept by
 *   lifecycle/agreement-lifecycle.ts storedLifecycleColumns) makes it `terminated`, whatever was stored;
 * - a tacit renewal whose notice deadline has passed without notice is `renewed` (and, renewed, not
 *   expired) — unless a denunciation stands, which stops renewals (dueTacitRenewals);
 * - an agreement in force past its last day is `expired` (the stored expiry already ends the day
 *   before a standing denunciation takes effect);
 * - otherwise the stored status, which the lifecycle keeps `draft` while notifications are awaited.
 * test/e2e/portfolio.e2e-spec.ts compares it with the view; bench/raw-server/portfolio.js keeps a copy.
 */
const AGREEMENT_TODAY = `((:now::timestamptz) AT TIME ZONE ag.time_zone)::date`;

export const AGREEMENT_STATUS_SQL = `CASE
    WHEN ag.denunciation_takes_effect_on IS NOT NULL
         AND ${AGREEMENT_TODAY} >= ag.denunciation_takes_effect_on THEN 'terminated'
    WHEN ag.status IN ('in_force', 'renewed') AND ag.renewal_mode = 'tacit'
         AND ag.non_renewal_notice_on IS NULL AND ag.denunciation_takes_effect_on IS NULL
         AND ${AGREEMENT_TODAY} > coalesce(ag.notice_deadline_on, ag.expires_on) THEN 'renewed'
    WHEN ag.status IN ('in_force', 'renewed')
         AND ag.expires_on < ${AGREEMENT_TODAY} THEN 'expired'
    ELSE ag.status
  END`;
