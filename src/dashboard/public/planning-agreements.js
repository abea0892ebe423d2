// Agreements for programme managers and admins: the list (`#agreements`), creating and editing one
// (`#agreements/new`, `#agreement/<id>/edit`), recording a renewal or a notice of non-renewal
// (`#agreement/<id>/renewal`) and opening a plan under it (`#agreement/<id>/plans/new`).
import { ApiError, api, listAll } from './api.js';
import { h, notice } from './dom.js';
import { createForm } from './forms.js';
import { M, fmtDate, fmtNumber, localized, pair, partyName, t, tp } from './format.js';
import {
  PLANNING_ROLES,
  canPlan,
  linkTerm,
  loadParties,
  partyOptions,
  pruneTranslations,
  screenCard,
  setFlash,
  timeZoneOptions,
  translationFields,
  translationsAccepted,
  ti,
  titleField,
} from './planning-common.js';
import { planFields, withPackLanguages } from './planning-plans.js';
import { hrefFor, navigate, registerScreen } from './router.js';

const KINDS = [
  'mou',
  'agreement',
  'protocol',
  'action_plan_instrument',
  'exchange_of_letters',
  'other',
];
const RENEWAL_MODES = ['none', 'tacit', 'explicit'];
const AGREEMENT_STATUSES = ['draft', 'in_force', 'expired', 'renewed', 'terminated'];

const options = (values, names) => values.map((value) => ({ value, label: names[value] || value }));

registerScreen({
  path: 'agreements',
  roles: PLANNING_ROLES,
  nav: () => M.plNavAgreements,
  navOrder: 20,
  render: renderList,
});
registerScreen({ path: 'agreements/new', roles: PLANNING_ROLES, render: renderCreate });
registerScreen({ path: 'agreement/:id/edit', roles: PLANNING_ROLES, render: renderEdit });
registerScreen({ path: 'agreement/:id/renewal', roles: PLANNING_ROLES, render: renderRenewal });
registerScreen({ path: 'agreement/:id/plans/new', roles: PLANNING_ROLES, render: renderNewPlan });

// ---------------------------------------------------------------- list

async function renderList(view) {
  const [agreements] = await Promise.all([listAll('/api/agreements'), loadParties()]);
  const plansByAgreement = new Map(
    await Promise.all(
      agreements.map(async (a) => [a.id, await listAll(`/api/agreements/${a.id}/action-plans`)]),
    ),
  );
  agreements.sort((a, b) => (a.signedOn < b.signedOn ? 1 : a.signedOn > b.signedOn ? -1 : 0));
  screenCard(
    view,
    { title: M.plAgreementsTitle, id: 'pl-agreements' },
    h(
      'p',
      { class: 'pl-toolbar' },
      h(
        'a',
        { class: 'btn primary', href: '#agreements/new', id: 'pl-new-agreement' },
        M.plNewAgreement,
      ),
    ),
    agreements.length
      ? h(
          'ul',
          { class: 'pl-items', id: 'pl-agreement-list' },
          agreements.map((a) => agreementItem(a, plansByAgreement.get(a.id) || [])),
        )
      : h('p', { class: 'muted' }, M.plNoAgreements),
  );
}

function agreementItem(a, plans) {
  return h(
    'li',
    { class: 'pl-item', dataset: { id: a.id } },
    h(
      'div',
      { class: 'pl-item-head' },
      h(
        'a',
        { class: 'pl-item-title', href: hrefFor('agreement', a.id), dir: 'auto' },
        localized(a, 'title'),
      ),
      h(
        'span',
        { class: 'badge pl-status-' + a.status },
        M.plAgreementStatusNames[a.status] || a.status,
      ),
    ),
    h(
      'p',
      { class: 'pl-item-meta' },
      M.plKindNames[a.kind] || a.kind,
      a.reference ? h('span', {}, ' · ', h('bdi', {}, a.reference)) : '',
    ),
    h(
      'p',
      { class: 'pl-item-meta' },
      h(
        'span',
        { class: 'chips' },
        a.partyCodes.map((c) => h('span', { class: 'chip' }, partyName(c))),
      ),
    ),
    h(
      'p',
      { class: 'pl-item-meta' },
      t('plTermLine', { from: fmtDate(a.entryIntoForceOn), to: fmtDate(a.expiresOn) }),
      ' · ',
      M.plRenewalModeNames[a.renewal.mode],
      a.noticeDeadlineOn ? ' · ' + pair(M.plNoticeDeadline, fmtDate(a.noticeDeadlineOn)) : '',
    ),
    plans.length
      ? h(
          'ul',
          { class: 'pl-subitems', 'aria-label': M.plPlansOf },
          plans.map((p) =>
            h(
              'li',
              {},
              h('a', { href: hrefFor('plan', p.id), dir: 'auto' }, localized(p, 'title')),
              ' ',
              h(
                'span',
                { class: 'muted small' },
                t('plTermLine', { from: fmtDate(p.startsOn), to: fmtDate(p.endsOn) }),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted small' }, M.plNoPlans),
    agreementActions(a),
  );
}

/**
 * The planning actions on one agreement for a programme manager or an admin ('' for anyone else): for
 * the agreement view (`#agreement/<id>`) to offer with one call, as the list does.
 */
export function agreementActions(agreement) {
  if (!canPlan()) return '';
  const id = agreement.id;
  return h(
    'p',
    { class: 'pl-actions pl-agreement-actions' },
    h('a', { class: 'btn ghost', href: hrefFor('agreement', id, 'edit') }, M.plEdit),
    h('a', { class: 'btn ghost', href: hrefFor('agreement', id, 'renewal') }, M.plRecordRenewal),
    h('a', { class: 'btn ghost', href: hrefFor('agreement', id, 'plans', 'new') }, M.plNewPlan),
  );
}

// ---------------------------------------------------------------- create and edit

function agreementFields(a, parties, editing) {
  const renewal = a?.renewal || {};
  return [
    {
      name: 'kind',
      label: M.plKind,
      type: 'select',
      required: true,
      options: options(KINDS, M.plKindNames),
      value: a?.kind ?? 'mou',
    },
    titleField(a),
    ...translationFields(a, { editing }),
    {
      name: 'reference',
      label: M.plReference,
      maxLength: 200,
      value: a?.reference ?? '',
      emptyAs: editing ? 'null' : 'omit',
    },
    translationsAccepted()
      ? {
          name: 'documentUrl',
          label: M.plDocumentUrl,
          type: 'url',
          maxLength: 2048,
          value: a?.documentUrl ?? '',
          emptyAs: editing ? 'null' : 'omit',
          hint: M.plDocumentUrlHint,
        }
      : null,
    {
      name: 'partyCodes',
      label: M.plParties,
      type: 'checkboxes',
      required: true,
      options: partyOptions(parties, a?.partyCodes),
      value: a?.partyCodes ?? [],
      hint: M.plPartiesHint,
    },
    {
      name: 'signedOn',
      label: M.plSignedOn,
      type: 'date',
      required: true,
      value: a?.signedOn ?? '',
    },
    // The entry-into-force clause: the date is computed from the parties' notifications (lifecycle).
    {
      name: 'entryIntoForce.basis',
      label: M.lcFormClause,
      type: 'select',
      required: true,
      options: Object.keys(M.lcClauses).map((basis) => ({
        value: basis,
        label: M.lcClauses[basis].replace('{n}', 'N'),
      })),
      value: a?.lifecycle?.clause.basis ?? 'signature',
      hint: M.lcFormClauseHint,
    },
    {
      name: 'entryIntoForce.count',
      label: M.lcFormCount,
      type: 'number',
      min: 0,
      max: 3650,
      value: a?.lifecycle?.clause.count ?? '',
      hint: M.lcFormCountHint,
    },
    {
      name: 'entryIntoForceOn',
      label: M.plEntryIntoForce,
      type: 'date',
      value: a?.lifecycle?.clause.basis === 'typed' ? a.entryIntoForceOn : '',
      hint: M.lcFormEntryTypedHint,
    },
    {
      name: 'provisionalApplication',
      label: M.lcFormProvisional,
      type: 'checkbox',
      value: a?.lifecycle?.provisionalApplication ?? false,
    },
    {
      name: 'denunciationNoticeMonths',
      label: M.lcFormDenunciationMonths,
      type: 'number',
      min: 0,
      max: 120,
      value: a?.lifecycle?.denunciationNoticeMonths ?? '',
      emptyAs: editing ? 'null' : 'omit',
      hint: M.lcFormDenunciationHint,
    },
    {
      name: 'durationMonths',
      label: M.plDurationMonths,
      type: 'number',
      required: true,
      min: 1,
      max: 1200,
      value: a?.durationMonths ?? '',
    },
    { name: 'termEndsOn', label: M.plEndsOn, type: 'date', hint: M.plEndsOnHint },
    {
      name: 'renewal.mode',
      label: M.plRenewalMode,
      type: 'select',
      required: true,
      options: options(RENEWAL_MODES, M.plRenewalModeNames),
      value: renewal.mode ?? 'none',
    },
    {
      name: 'renewal.termMonths',
      label: M.plRenewalTerm,
      type: 'number',
      min: 1,
      max: 1200,
      value: renewal.termMonths ?? '',
      hint: M.plRenewalTermHint,
    },
    {
      name: 'renewal.noticeDays',
      label: M.plNoticeDays,
      type: 'number',
      min: 0,
      max: 3650,
      value: renewal.noticeDays ?? '',
      hint: M.plNoticeDaysHint,
    },
    {
      name: 'status',
      label: M.plStatus,
      type: 'select',
      required: true,
      options: options(AGREEMENT_STATUSES, M.plAgreementStatusNames),
      value: a?.status ?? 'in_force',
    },
    {
      name: 'timeZone',
      label: M.plTimeZone,
      type: 'select',
      required: editing,
      options: timeZoneOptions(a?.timeZone),
      value: a?.timeZone ?? '',
      hint: M.plTimeZoneHint,
    },
  ].filter(Boolean);
}

/** The browser can only say "required" for a group of boxes one at a time: two or more is ours to check. */
function checkParties(body, form, min) {
  if (body.partyCodes && body.partyCodes.length < min) {
    form.setErrors({
      errors: [{ field: 'partyCodes', message: t('plPickAtLeast', { n: fmtNumber(min) }) }],
    });
    return false;
  }
  return true;
}

/** The clause as the API takes it: a count only when given, a typed date only under `typed`. */
function clauseBody(body, clause) {
  if (!clause) return;
  if (clause.count == null) delete clause.count;
  if (clause.basis !== 'typed') delete body.entryIntoForceOn;
}

function checkEntryDate(body, form, current) {
  const signed = body.signedOn ?? current?.signedOn;
  const entry = body.entryIntoForceOn ?? current?.entryIntoForceOn;
  if (signed && entry && entry < signed) {
    form.setErrors({ errors: [{ field: 'entryIntoForceOn', message: M.plEntryBeforeSigned }] });
    return false;
  }
  return true;
}

async function renderCreate(view) {
  const parties = await loadParties();
  const form = createForm({
    id: 'pl-agreement-form',
    fields: agreementFields(null, parties, false),
    submitLabel: M.plCreateAgreement,
    onCancel: () => navigate('#agreements'),
    onSubmit: async (values, f) => {
      delete values.termEndsOn;
      clauseBody(values, values.entryIntoForce);
      if (!checkParties(values, f, 2) || !checkEntryDate(values, f)) return;
      const created = await api('/api/agreements', {
        method: 'POST',
        body: pruneTranslations(values),
      });
      setFlash(M.plAgreementCreated);
      navigate(hrefFor('agreement', created.id, 'plans', 'new'));
    },
  });
  linkTerm(form, {
    start: 'entryIntoForceOn',
    fallbackStart: 'signedOn',
    duration: 'durationMonths',
    end: 'termEndsOn',
  });
  screenCard(
    view,
    { title: M.plNewAgreement, back: '#agreements', intro: M.plRequiredHint },
    form.element,
  );
}

async function renderEdit(view, { id }) {
  const [agreement, parties] = await Promise.all([api(`/api/agreements/${id}`), loadParties()]);
  const form = createForm({
    id: 'pl-agreement-form',
    fields: agreementFields(agreement, parties, true),
    onCancel: () => navigate('#agreements'),
    onSubmit: async (_values, f) => {
      const body = f.changedValues();
      delete body.termEndsOn;
      // The API takes the renewal clause whole: send all of it when any part changed.
      if (body.renewal) body.renewal = f.values().renewal;
      // The clause too; a typed date goes only with the typed clause.
      if (body.entryIntoForce || body.entryIntoForceOn) {
        body.entryIntoForce = f.values().entryIntoForce;
        clauseBody(body, body.entryIntoForce);
      }
      if (Object.keys(body).length === 0) return f.showMessage('info', M.plNothingChanged);
      if (!checkParties(body, f, 2) || !checkEntryDate(body, f, agreement)) return;
      try {
        await api(`/api/agreements/${id}`, {
          method: 'PATCH',
          body: { ...body, version: agreement.version },
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409)
          return f.showMessage('warning', M.plStale);
        throw error;
      }
      setFlash(M.plAgreementSaved);
      navigate('#agreements');
    },
  });
  linkTerm(form, {
    start: 'entryIntoForceOn',
    fallbackStart: 'signedOn',
    duration: 'durationMonths',
    end: 'termEndsOn',
  });
  screenCard(
    view,
    {
      title: ti('plEditAgreementTitle', { title: localized(agreement, 'title') }),
      back: '#agreements',
      intro: M.plRequiredHint,
    },
    form.element,
  );
}

// ---------------------------------------------------------------- renewal

async function renderRenewal(view, { id }) {
  let agreement = await api(`/api/agreements/${id}`);
  const renewals = await listAll(`/api/agreements/${id}/renewals`);
  const summary = h('dl', { class: 'details', id: 'pl-agreement-term' });
  const history = h('ul', { class: 'pl-subitems', id: 'pl-renewals' });
  const outcome = h('div', { id: 'pl-renewal-outcome', 'aria-live': 'polite' });
  const showTerm = () =>
    summary.replaceChildren(
      detail(
        M.plTerm,
        t('plTermLine', {
          from: fmtDate(agreement.entryIntoForceOn),
          to: fmtDate(agreement.expiresOn),
        }),
      ),
      detail(M.plRenewalMode, M.plRenewalModeNames[agreement.renewal.mode]),
      detail(M.plRenewalTerm, tp('plMonths', agreement.renewal.termMonths)),
      detail(
        M.plNoticeDeadline,
        agreement.noticeDeadlineOn ? fmtDate(agreement.noticeDeadlineOn) : '—',
      ),
      agreement.nonRenewalNoticeOn
        ? detail(M.plNonRenewalNoticeOn, fmtDate(agreement.nonRenewalNoticeOn))
        : '',
      detail(M.plStatus, M.plAgreementStatusNames[agreement.status] || agreement.status),
    );
  const showHistory = (items) =>
    history.replaceChildren(
      ...(items.length
        ? items.map((r) =>
            h(
              'li',
              {},
              fmtDate(r.decidedOn),
              ' · ',
              M.plDecisionNames[r.decision],
              r.termMonths ? ' · ' + tp('plMonths', r.termMonths) : '',
              r.note ? h('q', { class: 'history-note', dir: 'auto' }, r.note) : '',
            ),
          )
        : [h('li', { class: 'muted' }, M.plNoRenewals)]),
    );
  showTerm();
  showHistory(renewals);
  const form = createForm({
    id: 'pl-renewal-form',
    fields: [
      {
        name: 'decision',
        label: M.plDecision,
        type: 'select',
        required: true,
        options: options(['renew', 'not_renew'], M.plDecisionNames),
        value: 'renew',
      },
      {
        name: 'decidedOn',
        label: M.plDecidedOn,
        type: 'date',
        hint: M.plDecidedOnHint,
      },
      {
        name: 'termMonths',
        label: M.plRenewalTermMonths,
        type: 'number',
        min: 1,
        max: 1200,
        hint: t('plRenewalTermDefault', { n: fmtNumber(agreement.renewal.termMonths) }),
      },
      { name: 'note', label: M.plNote, type: 'textarea', maxLength: 2000 },
    ],
    submitLabel: M.plRecord,
    onCancel: () => navigate('#agreements'),
    onSubmit: async (values, f) => {
      try {
        const result = await api(`/api/agreements/${id}/renewals`, {
          method: 'POST',
          body: { ...values, version: agreement.version },
        });
        agreement = result.agreement;
        showTerm();
        showHistory(await listAll(`/api/agreements/${id}/renewals`));
        outcome.replaceChildren(
          notice(
            'success',
            result.renewal.decision === 'renew'
              ? t('plRenewed', { date: fmtDate(agreement.expiresOn) })
              : t('plNoticeRecorded', { date: fmtDate(result.renewal.decidedOn) }),
          ),
        );
      } catch (error) {
        // Someone changed the agreement meanwhile, or the API refuses this decision (too late, already
        // given): show why, with the term as it now stands.
        if (error instanceof ApiError && error.status === 409) {
          agreement = await api(`/api/agreements/${id}`);
          showTerm();
          return f.showMessage('warning', error.problem.detail || M.plStale);
        }
        throw error;
      }
    },
  });
  screenCard(
    view,
    {
      title: ti('plRenewalTitle', { title: localized(agreement, 'title') }),
      back: '#agreements',
      intro: M.plRenewalIntro,
    },
    summary,
    h('h3', {}, M.plRenewalHistory),
    history,
    outcome,
    form.element,
  );
}

function detail(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

// ---------------------------------------------------------------- new plan under an agreement

async function renderNewPlan(view, { id }) {
  const [agreement, parties] = await Promise.all([api(`/api/agreements/${id}`), loadParties()]);
  const form = createForm({
    id: 'pl-plan-form',
    fields: planFields(null, parties, agreement, false),
    submitLabel: M.plCreatePlan,
    onCancel: () => navigate('#agreements'),
    onSubmit: async (values, f) => {
      delete values.termEndsOn;
      if (!checkParties(values, f, 1)) return;
      const plan = await api(`/api/agreements/${id}/action-plans`, {
        method: 'POST',
        body: pruneTranslations(withPackLanguages(values, values)),
      });
      setFlash(ti('plPlanCreated', { title: plan.title }));
      navigate(hrefFor('plan', plan.id));
    },
  });
  linkTerm(form, { start: 'startsOn', duration: 'durationMonths', end: 'termEndsOn' });
  screenCard(
    view,
    {
      title: ti('plNewPlanTitle', { title: localized(agreement, 'title') }),
      back: '#agreements',
      intro: M.plRequiredHint,
    },
    form.element,
  );
}
