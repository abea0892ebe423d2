// `#agreement/<id>`: one agreement as its readers need it — what it is, between whom, signed and in
// force when, until when (its effective term, renewals included), how it renews and by when notice
// must be given, its renewals so far, and its action plans with their progress. Programme managers get
// a link to edit it (the planning screens answer `#agreement/<id>/edit`).
import { api, listAll, session } from './api.js';
import { bar, h } from './dom.js';
import { M, fmtDate, fmtNumber, fmtPercent, localized, pair, partyName, t, tp } from './format.js';
import { CHANGE_ARROW } from './history-view.js';
import { isNotVisible, notFoundCard } from './not-found.js';
import { lifecycleSection } from './agreement-lifecycle.js';
import { hrefFor, registerScreen } from './router.js';

const MANAGERS = ['admin', 'programme_manager'];

registerScreen({ path: 'agreement/:id', render: renderAgreement });

async function renderAgreement(view, { id }) {
  let agreement;
  try {
    agreement = await api(`/api/agreements/${encodeURIComponent(id)}`);
  } catch (error) {
    if (isNotVisible(error)) return view.replaceChildren(notFoundCard('agreement'));
    throw error;
  }
  const [renewals, plans, rows, timeline] = await Promise.all([
    listAll(`/api/agreements/${agreement.id}/renewals`),
    listAll(`/api/agreements/${agreement.id}/action-plans`),
    listAll('/api/dashboard'),
    api(`/api/agreements/${agreement.id}/timeline`),
  ]);
  const progress = new Map(
    rows.filter((r) => r.agreementId === agreement.id).map((r) => [r.planId, r]),
  );
  view.replaceChildren(
    h(
      'article',
      { id: 'agreement-view', class: 'agreement-view', dataset: { id: agreement.id } },
      headerSection(agreement),
      termSection(agreement),
      lifecycleSection(agreement, timeline.items, session.user, () =>
        renderAgreement(view, { id }),
      ),
      renewalsSection(agreement, renewals),
      plansSection(plans, progress),
    ),
  );
}

function headerSection(a) {
  const description = localized(a, 'description');
  const canEdit = session.user && MANAGERS.includes(session.user.role);
  return h(
    'section',
    { class: 'plan-header agreement-header', 'aria-labelledby': 'agreement-title' },
    h(
      'p',
      { class: 'eyebrow' },
      M.navAgreementKinds[a.kind] || a.kind,
      a.reference ? h('span', {}, ' · ', h('bdi', {}, a.reference)) : '',
    ),
    h('h2', { id: 'agreement-title', dir: 'auto' }, localized(a, 'title')),
    description ? h('p', { class: 'description', dir: 'auto' }, description) : '',
    h(
      'p',
      { class: 'plan-meta' },
      h(
        'span',
        { class: 'badge agreement-status status-' + a.status },
        M.navAgreementStatuses[a.status] || a.status,
      ),
      h(
        'span',
        { class: 'chips', id: 'agreement-parties', 'aria-label': M.parties },
        a.partyCodes.map((c) => h('span', { class: 'chip', dataset: { code: c } }, partyName(c))),
      ),
    ),
    documentLink(a),
    canEdit
      ? h(
          'p',
          { class: 'agreement-actions' },
          h(
            'a',
            { class: 'btn ghost', id: 'agreement-edit', href: hrefFor('agreement', a.id, 'edit') },
            M.navEditAgreement,
          ),
          h(
            'a',
            {
              class: 'btn ghost',
              id: 'agreement-record-renewal',
              href: hrefFor('agreement', a.id, 'renewal'),
            },
            M.navRecordRenewal,
          ),
          h(
            'a',
            {
              class: 'btn ghost',
              id: 'agreement-new-plan',
              href: hrefFor('agreement', a.id, 'plans', 'new'),
            },
            M.navNewPlan,
          ),
        )
      : '',
  );
}

/** The published text when one is recorded, else the agreement's public page (when the API has one). */
function documentLink(a) {
  const url = a.documentUrl || a.publicDocumentUrl;
  if (!url || !/^https?:\/\//.test(url)) return '';
  return h(
    'p',
    {},
    h(
      'a',
      { href: url, id: 'agreement-document', rel: 'noopener noreferrer', target: '_blank' },
      M.navAgreementDocument,
    ),
  );
}

function detail(term, value, id) {
  return h('div', { id }, h('dt', {}, term), h('dd', {}, value));
}

function termSection(a) {
  const renewal = a.renewal || {};
  const notice =
    renewal.noticeDays != null ? tp('navNoticeDays', renewal.noticeDays) : M.navNoNoticePeriod;
  return h(
    'section',
    { class: 'card', id: 'agreement-term', 'aria-labelledby': 'agreement-term-title' },
    h('h3', { id: 'agreement-term-title' }, M.navAgreementTerm),
    h(
      'dl',
      { class: 'details' },
      detail(M.navSignedOn, fmtDate(a.signedOn), 'agreement-signed'),
      detail(M.navEntryIntoForce, fmtDate(a.entryIntoForceOn), 'agreement-start'),
      detail(
        M.navEffectiveEnd,
        h(
          'span',
          {},
          fmtDate(a.expiresOn),
          a.daysToExpiry >= 0 ? ' · ' + tp('navDaysToExpiry', a.daysToExpiry) : '',
        ),
        'agreement-end',
      ),
      detail(M.navInitialDuration, tp('navMonths', a.durationMonths)),
      a.extendedMonths ? detail(M.navExtendedBy, tp('navMonths', a.extendedMonths)) : '',
      detail(
        M.navRenewalMode,
        h(
          'span',
          {},
          M.navRenewalModes[renewal.mode] || renewal.mode,
          renewal.mode && renewal.mode !== 'none'
            ? ' · ' + t('navRenewalTerm', { months: tp('navMonths', renewal.termMonths) })
            : '',
        ),
        'agreement-renewal-mode',
      ),
      renewal.mode && renewal.mode !== 'none'
        ? detail(M.navNotice, notice, 'agreement-notice')
        : '',
      a.noticeDeadlineOn && renewal.mode !== 'none'
        ? detail(M.navNoticeDeadline, fmtDate(a.noticeDeadlineOn), 'agreement-notice-deadline')
        : '',
      a.nonRenewalNoticeOn ? detail(M.navNonRenewalNoticeOn, fmtDate(a.nonRenewalNoticeOn)) : '',
    ),
    h(
      'p',
      { class: 'muted small', id: 'agreement-effective-term' },
      t('navEffectiveTerm', { from: fmtDate(a.entryIntoForceOn), to: fmtDate(a.expiresOn) }),
    ),
  );
}

function renewalsSection(a, renewals) {
  const items = [...renewals]
    .reverse()
    .map((r) =>
      h(
        'li',
        { class: 'renewal', dataset: { decision: r.decision } },
        h(
          'span',
          { class: 'renewal-what' },
          r.decision === 'renew'
            ? r.tacit
              ? M.navRenewedTacitly
              : M.navRenewedExplicitly
            : M.navNotRenewed,
        ),
        h(
          'span',
          { class: 'renewal-when muted small' },
          pair(M.navDecidedOn, fmtDate(r.decidedOn)),
          r.newExpiresOn
            ? [
                ' · ',
                h('bdi', {}, fmtDate(r.previousExpiresOn)),
                ' ',
                h('span', { 'aria-hidden': 'true' }, CHANGE_ARROW),
                ' ',
                h('bdi', {}, fmtDate(r.newExpiresOn)),
              ]
            : ' · ' + pair(M.navEndsOn, fmtDate(r.previousExpiresOn)),
        ),
        r.note ? h('q', { class: 'history-note', dir: 'auto' }, r.note) : '',
      ),
    );
  return h(
    'section',
    { class: 'card', id: 'agreement-renewals', 'aria-labelledby': 'agreement-renewals-title' },
    h('h3', { id: 'agreement-renewals-title' }, M.navRenewals),
    items.length
      ? h('ul', { class: 'history-list renewal-list' }, items)
      : h('p', { class: 'muted' }, a.renewal?.mode === 'none' ? M.navNoRenewal : M.navNoRenewalYet),
  );
}

function plansSection(plans, progress) {
  const items = plans.map((p) => {
    const row = progress.get(p.id);
    const percent = row ? row.completionPercent : 0;
    return h(
      'li',
      { class: 'agreement-plan', dataset: { id: p.id } },
      h(
        'a',
        { href: hrefFor('plan', p.id), dir: 'auto', class: 'plan-link' },
        localized(p, 'title'),
      ),
      h(
        'span',
        { class: 'muted small' },
        t('term', { from: fmtDate(p.startsOn), to: fmtDate(p.endsOn) }),
      ),
      row
        ? h(
            'span',
            { class: 'agreement-plan-progress' },
            bar(percent, 'bar-sm', M.completion),
            h(
              'span',
              { class: 'pct' },
              fmtPercent(percent),
              ' · ',
              t('completedCount', {
                n: fmtNumber(row.completed),
                total: fmtNumber(row.total),
              }),
              row.overdue ? ' · ' + pair(M.overdue, fmtNumber(row.overdue)) : '',
            ),
          )
        : '',
    );
  });
  return h(
    'section',
    { class: 'card', id: 'agreement-plans', 'aria-labelledby': 'agreement-plans-title' },
    h('h3', { id: 'agreement-plans-title' }, M.plans),
    items.length
      ? h('ul', { class: 'agreement-plan-list' }, items)
      : h('p', { class: 'muted' }, M.noPlans),
  );
}
