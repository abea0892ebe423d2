// Action plans for programme managers and admins: editing one (`#plan/<id>/edit`), renewing it into
// its next cycle (`#plan/<id>/renew`), and the planning actions the plan view offers (planActions).
import { ApiError, api, listAll } from './api.js';
import { h, notice } from './dom.js';
import { createForm } from './forms.js';
import { CLOSED, M, fmtDate, fmtNumber, localized, t, tp } from './format.js';
import {
  PLANNING_ROLES,
  canPlan,
  linkTerm,
  loadParties,
  partyOptions,
  screenCard,
  setFlash,
  takeFlash,
  timeZoneOptions,
  translationFields,
  ti,
  titleField,
} from './planning-common.js';
import { hrefFor, navigate, registerScreen } from './router.js';

registerScreen({ path: 'plan/:id/edit', roles: PLANNING_ROLES, render: renderEdit });
registerScreen({ path: 'plan/:id/renew', roles: PLANNING_ROLES, render: renderRenew });

/**
 * The plan view's planning actions for a programme manager or an admin ('' for anyone else): edit the
 * plan, add an activity, import a file, manage the activities, renew. `plan` is the dashboard row.
 */
export function planActions(plan) {
  if (!canPlan()) return '';
  const id = plan.planId || plan.id;
  const done = takeFlash();
  return h(
    'nav',
    { class: 'pl-plan-actions', id: 'plan-actions', 'aria-label': M.plPlanActions },
    done || '',
    h(
      'ul',
      {},
      [
        ['pl-action-edit', hrefFor('plan', id, 'edit'), M.plEditPlan],
        ['pl-action-new-activity', hrefFor('plan', id, 'activities', 'new'), M.plNewActivity],
        ['pl-action-import', hrefFor('plan', id, 'import'), M.plImport],
        ['pl-action-manage', hrefFor('plan', id, 'activities'), M.plManageActivities],
        ['pl-action-renew', hrefFor('plan', id, 'renew'), M.plRenewPlan],
      ].map(([elementId, href, label]) =>
        h('li', {}, h('a', { class: 'btn ghost', id: elementId, href }, label)),
      ),
    ),
  );
}

/** The plan form's fields; `agreement` gives a new plan its defaults (start, parties, zone). */
export function planFields(plan, parties, agreement, editing) {
  return [
    titleField(plan),
    ...translationFields(plan, { editing }),
    {
      name: 'startsOn',
      label: M.plStartsOn,
      type: 'date',
      required: true,
      value: plan?.startsOn ?? agreement?.entryIntoForceOn ?? '',
    },
    {
      name: 'durationMonths',
      label: M.plDurationMonths,
      type: 'number',
      required: true,
      min: 1,
      max: 1200,
      value: plan?.durationMonths ?? agreement?.durationMonths ?? '',
    },
    { name: 'termEndsOn', label: M.plEndsOn, type: 'date', hint: M.plEndsOnHint },
    {
      name: 'partyCodes',
      label: M.plParties,
      type: 'checkboxes',
      required: true,
      options: partyOptions(parties, plan?.partyCodes ?? agreement?.partyCodes),
      value: plan?.partyCodes ?? agreement?.partyCodes ?? [],
    },
    {
      name: 'renewable',
      label: M.plRenewable,
      type: 'checkbox',
      value: plan?.renewable ?? false,
      hint: M.plRenewableHint,
      wide: true,
    },
    {
      name: 'timeZone',
      label: M.plTimeZone,
      type: 'select',
      required: editing,
      options: timeZoneOptions(plan?.timeZone ?? agreement?.timeZone),
      value: plan?.timeZone ?? agreement?.timeZone ?? '',
      hint: M.plPlanTimeZoneHint,
    },
    ...packLanguageFields(plan?.packLanguages ?? ['fr', 'en']),
  ];
}

/**
 * The committee pack's two languages, in print order, as two selects (the API takes
 * `packLanguages: [first, second]`; withPackLanguages builds it). Same language twice is refused by
 * the API, which names `packLanguages`.
 */
function packLanguageFields([first, second]) {
  const options = ['fr', 'en', 'ar'].map((code) => ({
    value: code,
    label: M.admLanguageNames[code],
  }));
  return [
    {
      name: 'packFirstLanguage',
      label: `${M.packLanguagesLabel} (1)`,
      type: 'select',
      options,
      value: first,
      hint: M.packLanguagesHint,
    },
    {
      name: 'packSecondLanguage',
      label: `${M.packLanguagesLabel} (2)`,
      type: 'select',
      options,
      value: second,
    },
  ];
}

/** `body` with the two language selects folded into `packLanguages` (both sent when either changed). */
export function withPackLanguages(body, all) {
  const { packFirstLanguage, packSecondLanguage, ...rest } = body;
  if (packFirstLanguage === undefined && packSecondLanguage === undefined) return rest;
  return { ...rest, packLanguages: [all.packFirstLanguage, all.packSecondLanguage] };
}

async function renderEdit(view, { id }) {
  const [plan, parties] = await Promise.all([api(`/api/action-plans/${id}`), loadParties()]);
  const form = createForm({
    id: 'pl-plan-form',
    fields: planFields(plan, parties, null, true),
    onCancel: () => navigate(hrefFor('plan', id)),
    onSubmit: async (_values, f) => {
      const body = withPackLanguages(f.changedValues(), f.values());
      delete body.termEndsOn;
      if (Object.keys(body).length === 0) return f.showMessage('info', M.plNothingChanged);
      if (body.partyCodes && body.partyCodes.length === 0) {
        return f.setErrors({
          errors: [{ field: 'partyCodes', message: t('plPickAtLeast', { n: fmtNumber(1) }) }],
        });
      }
      try {
        await api(`/api/action-plans/${id}`, {
          method: 'PATCH',
          body: { ...body, version: plan.version },
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409)
          return f.showMessage('warning', M.plStale);
        throw error;
      }
      setFlash(M.plPlanSaved);
      navigate(hrefFor('plan', id));
    },
  });
  linkTerm(form, { start: 'startsOn', duration: 'durationMonths', end: 'termEndsOn' });
  screenCard(
    view,
    {
      title: ti('plEditPlanTitle', { title: localized(plan, 'title') }),
      back: hrefFor('plan', id),
      backLabel: M.plBackToPlan,
      intro: M.plRequiredHint,
    },
    form.element,
  );
}

async function renderRenew(view, { id }) {
  const [plan, activities] = await Promise.all([
    api(`/api/action-plans/${id}`),
    listAll(`/api/action-plans/${id}/activities`),
  ]);
  const open = activities.filter((a) => !CLOSED.has(a.status)).length;
  const nextStart = dayAfter(plan.endsOn);
  const outcome = h('div', { id: 'pl-renew-outcome', 'aria-live': 'polite' });
  const button = h(
    'button',
    { type: 'button', class: 'btn primary', id: 'pl-renew-confirm', disabled: !plan.renewable },
    M.plRenewPlan,
  );
  button.addEventListener('click', async () => {
    button.disabled = true;
    outcome.replaceChildren(h('p', { class: 'muted' }, M.plRenewing));
    try {
      const next = await api(`/api/action-plans/${id}/renew`, { method: 'POST', body: {} });
      outcome.replaceChildren(
        notice(
          'success',
          ti('plPlanRenewed', {
            title: localized(next, 'title'),
            from: fmtDate(next.startsOn),
            to: fmtDate(next.endsOn),
          }),
        ),
        h('p', { id: 'pl-carried-over' }, tp('plCarriedOver', next.carriedOver)),
        h(
          'p',
          { class: 'pl-actions' },
          h(
            'a',
            { class: 'btn primary', href: hrefFor('plan', next.id), id: 'pl-open-next' },
            M.plOpenNextPlan,
          ),
        ),
      );
    } catch (error) {
      button.disabled = false;
      const text =
        error instanceof ApiError && error.status >= 400 && error.status < 500
          ? error.problem.detail || M.plStale
          : M.plRenewFailed;
      outcome.replaceChildren(notice('error', text));
    }
  });
  screenCard(
    view,
    {
      title: ti('plRenewTitle', { title: localized(plan, 'title') }),
      back: hrefFor('plan', id),
      backLabel: M.plBackToPlan,
    },
    h(
      'dl',
      { class: 'details' },
      detail(M.plTerm, t('plTermLine', { from: fmtDate(plan.startsOn), to: fmtDate(plan.endsOn) })),
      detail(M.plNextCycle, fmtDate(nextStart)),
      detail(M.plDurationMonths, tp('plMonths', plan.durationMonths)),
      detail(M.plOpenActivities, fmtNumber(open)),
    ),
    plan.renewable ? h('p', {}, M.plRenewExplain) : notice('warning', M.plNotRenewable),
    plan.renewable ? '' : h('p', {}, h('a', { href: hrefFor('plan', id, 'edit') }, M.plEditPlan)),
    h('p', { class: 'pl-actions' }, button),
    outcome,
  );
}

function dayAfter(ymd) {
  return new Date(Date.parse(ymd + 'T00:00:00Z') + 86400000).toISOString().slice(0, 10);
}

function detail(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}
