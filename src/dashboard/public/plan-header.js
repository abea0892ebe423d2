// The plan's header: its agreement (a link to the agreement view), its title, and its dates said apart
// from the agreement's: the plan's own years ("2025–2026"), the plan's period, and the agreement's term,
// with a sentence when the plan's period follows the agreement's term, since that is why a
// "2025–2026" plan runs to April 2027.
import { h } from './dom.js';
import { M, fmtDate, localized, partyName, t, tp } from './format.js';
import { hrefFor } from './router.js';

const YEARS_IN_TITLE = /(?:^|\D)((?:19|20)\d{2})\s*[–—-]\s*((?:19|20)\d{2})(?!\d)/;

/**
 * The plan's own years: those its title names ("Plan 2025–2026"), else the calendar years its period
 * starts and ends in ("2025" or "2025–2027").
 */
export function planYears(planView, row) {
  for (const title of [planView && localized(planView, 'title'), planView?.title, row?.planTitle]) {
    const match = title ? YEARS_IN_TITLE.exec(title) : null;
    if (match && match[1] <= match[2]) return `${match[1]}–${match[2]}`;
  }
  const first = (planView?.startsOn || row.startsOn).slice(0, 4);
  const last = (planView?.endsOn || row.endsOn).slice(0, 4);
  return first === last ? first : `${first}–${last}`;
}

/**
 * Whether the plan's period is the agreement's term: it starts when the agreement enters into force
 * and lasts as long as its initial term, or ends when the agreement's term ends.
 */
export function followsAgreementTerm(planView, agreement) {
  if (!planView || !agreement) return false;
  if (planView.startsOn !== agreement.entryIntoForceOn) return false;
  return (
    planView.durationMonths === agreement.durationMonths || planView.endsOn === agreement.expiresOn
  );
}

/**
 * Years inside a sentence: "2025–2026" between Unicode isolates (LRI … PDI), so that Arabic text around
 * them does not turn them into "2026–2025" (digits and the dash have no direction of their own).
 */
const isolateLtr = (text) => '\u2066' + text + '\u2069';

export function planHeader({ plan, planView, agreement }) {
  const years = planYears(planView, plan);
  const startsOn = planView?.startsOn || plan.startsOn;
  const endsOn = planView?.endsOn || plan.endsOn;
  const agreementTitle = agreement ? localized(agreement, 'title') : plan.agreementTitle;
  const follows = followsAgreementTerm(planView, agreement);
  return h(
    'section',
    { class: 'plan-header', 'aria-labelledby': 'plan-title' },
    h(
      'p',
      { class: 'eyebrow' },
      M.agreement + ' · ',
      h(
        'a',
        { href: hrefFor('agreement', plan.agreementId), dir: 'auto', id: 'plan-agreement-link' },
        agreementTitle,
      ),
    ),
    h(
      'h2',
      { id: 'plan-title', dir: 'auto' },
      planView ? localized(planView, 'title') : plan.planTitle,
    ),
    h(
      'dl',
      { class: 'plan-dates' },
      h('div', { id: 'plan-years' }, h('dt', {}, M.navPlanYears), h('dd', {}, h('bdi', {}, years))),
      h(
        'div',
        { id: 'plan-period' },
        h('dt', {}, M.navPlanPeriod),
        h('dd', {}, t('navFromTo', { from: fmtDate(startsOn), to: fmtDate(endsOn) })),
      ),
      agreement
        ? h(
            'div',
            { id: 'agreement-term-line' },
            h('dt', {}, M.navAgreementTermShort),
            h(
              'dd',
              {},
              t('navFromTo', {
                from: fmtDate(agreement.entryIntoForceOn),
                to: fmtDate(agreement.expiresOn),
              }),
            ),
          )
        : '',
    ),
    follows
      ? h(
          'p',
          { class: 'muted small plan-period-note', id: 'plan-period-note' },
          t('navPlanFollowsTerm', {
            to: fmtDate(endsOn),
            duration: tp('navMonths', agreement.durationMonths),
            from: fmtDate(agreement.entryIntoForceOn),
            years: isolateLtr(years),
          }),
        )
      : '',
    h(
      'p',
      { class: 'plan-meta' },
      h(
        'span',
        { class: 'chips', 'aria-label': M.parties },
        plan.partyCodes.map((c) => h('span', { class: 'chip' }, partyName(c))),
      ),
      h(
        'a',
        { href: hrefFor('plan', plan.planId, 'meetings'), id: 'plan-meetings-link' },
        M.mtgLinkFromPlan,
      ),
      h(
        'a',
        { href: hrefFor('plan', plan.planId, 'results'), id: 'plan-results-link' },
        M.resLinkFromPlan,
      ),
    ),
  );
}
