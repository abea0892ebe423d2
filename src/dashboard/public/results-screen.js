// The results framework of a plan (`#plan/<id>/results`): its objectives and their indicators, each
// with its baseline, its targets, the values every party reported per period and the achievement
// against the year's target; the reporting periods, validated ones locked. Programme managers and
// admins edit the framework and validate or reopen a period; a focal point reports their party's
// values (results-report.js); an observer reads.
import { api, describeError, isExpired, listAll } from './api.js';
import { confirmButton, disclosure } from './admin-ui.js';
import { bar, h, notice } from './dom.js';
import { M, fmtDate, fmtInstant, fmtPercent, localized, partyName, t } from './format.js';
import { isNotVisible, notFoundCard } from './not-found.js';
import { confirmInPage, loadParties, screenCard, setFlash } from './planning-common.js';
import { indicatorForm, objectiveForm } from './results-editor.js';
import {
  achievementFor,
  dimensionName,
  fmtValue,
  indexFramework,
  isManager,
  mayReport,
  periodBegun,
  periodLabel,
  targetFor,
  yearsOf,
} from './results-model.js';
import { valuePanel } from './results-report.js';
import { hrefFor, registerScreen } from './router.js';

registerScreen({ path: 'plan/:id/results', render: renderResults });

export const resultsBase = (planId) => `/api/action-plans/${encodeURIComponent(planId)}/results`;

async function renderResults(view, { id }) {
  let plan;
  let answer;
  try {
    [plan, answer] = await Promise.all([
      api(`/api/action-plans/${encodeURIComponent(id)}`),
      api(resultsBase(id)),
    ]);
  } catch (error) {
    if (isNotVisible(error)) return view.replaceChildren(notFoundCard('plan'));
    throw error;
  }
  const manage = isManager();
  const [parties, activities] = manage
    ? await Promise.all([
        loadParties(),
        listAll(`/api/action-plans/${encodeURIComponent(id)}/activities`),
      ])
    : [[], []];
  const framework = indexFramework(answer);
  const partyCodes = plan.partyCodes || [];
  const rerender = (flash) => {
    if (flash) setFlash(flash);
    return renderResults(view, { id });
  };
  const ctx = { planId: id, plan, framework, partyCodes, parties, activities, manage, rerender };
  const creating = manage
    ? disclosure({
        id: 'res-new-objective',
        label: M.resNewObjective,
        boxClass: 'res-form-box',
        build: (close) => objectiveForm(ctx, null, close),
      })
    : null;
  screenCard(
    view,
    {
      title: t('resTitle', { plan: localized(plan, 'title') }),
      back: hrefFor('plan', id),
      backLabel: M.resBackToPlan,
      intro: manage ? M.resIntroManager : M.resIntro,
      id: 'results-screen',
    },
    periodsSection(ctx),
    framework.objectives.length
      ? h(
          'ol',
          { class: 'res-objectives', id: 'res-objectives' },
          framework.objectives.map((o) => h('li', {}, objectiveCard(ctx, o))),
        )
      : h('p', { class: 'muted', id: 'res-none' }, M.resNone),
    creating ? h('div', { class: 'res-actions' }, creating.button, creating.box) : '',
  );
}

// ---------------------------------------------------------------- periods and their validation

function periodsSection(ctx) {
  const { framework } = ctx;
  if (!framework.periods.length) return '';
  const message = h('div', { class: 'res-message', 'aria-live': 'polite' });
  return h(
    'section',
    { class: 'res-periods', 'aria-labelledby': 'res-periods-title' },
    h('h3', { id: 'res-periods-title' }, M.resPeriods),
    h(
      'ul',
      { class: 'res-period-list', id: 'res-period-list' },
      framework.periods.map((p) => periodItem(ctx, p, message)),
    ),
    message,
  );
}

function periodItem(ctx, period, message) {
  const validation = ctx.framework.validations.get(period.key);
  const url = `${resultsBase(ctx.planId)}/periods/${encodeURIComponent(period.key)}/validation`;
  const fail = (error) => {
    if (!isExpired(error))
      message.replaceChildren(notice('error', error.problem?.detail || describeError(error)));
  };
  const validate = async () => {
    const ok = await confirmInPage({
      title: t('resValidateTitle', { period: periodLabel(period.key) }),
      text: M.resValidateText,
      confirmLabel: M.resValidate,
    });
    if (!ok) return;
    try {
      await api(url, { method: 'POST' });
      await ctx.rerender(t('resValidated', { period: periodLabel(period.key) }));
    } catch (error) {
      fail(error);
    }
  };
  const reopen = async () => {
    const reason = h('textarea', {
      id: 'res-reopen-reason',
      rows: 3,
      maxlength: 2000,
      required: true,
      dir: 'auto',
    });
    const ok = await confirmInPage({
      title: t('resReopenTitle', { period: periodLabel(period.key) }),
      text: M.resReopenText,
      confirmLabel: M.resReopen,
      content: h(
        'div',
        { class: 'field' },
        h('label', { for: 'res-reopen-reason' }, M.resReason),
        reason,
      ),
      validate: () => reason.reportValidity(),
    });
    if (!ok) return;
    try {
      await api(`${url}?reason=${encodeURIComponent(reason.value.trim())}`, { method: 'DELETE' });
      await ctx.rerender(t('resReopened', { period: periodLabel(period.key) }));
    } catch (error) {
      fail(error);
    }
  };
  return h(
    'li',
    {
      class: 'res-period' + (validation ? ' is-locked' : ''),
      dataset: { period: period.key, validated: String(Boolean(validation)) },
    },
    h('span', { class: 'res-period-name' }, lockIcon(validation), periodLabel(period.key)),
    h(
      'span',
      { class: 'res-period-meta muted small' },
      period.startsOn && period.endsOn
        ? t('resPeriodDates', { from: fmtDate(period.startsOn), to: fmtDate(period.endsOn) })
        : '',
      period.dueOn ? ' · ' + t('resPeriodDue', { date: fmtDate(period.dueOn) }) : '',
    ),
    h(
      'span',
      { class: 'res-period-state' },
      validation
        ? t('resValidatedOn', {
            at: validation.validatedAt ? fmtInstant(validation.validatedAt) : '—',
          })
        : M.resOpen,
    ),
    ctx.manage
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn ' + (validation ? 'ghost res-reopen' : 'primary res-validate'),
            onclick: validation ? reopen : validate,
          },
          validation ? M.resReopen : M.resValidate,
        )
      : '',
  );
}

const lockIcon = (locked) =>
  locked ? h('span', { class: 'res-lock', role: 'img', 'aria-label': M.resLocked }, '🔒 ') : '';

// ---------------------------------------------------------------- objectives and indicators

function objectiveCard(ctx, objective) {
  const message = h('div', { class: 'res-message', 'aria-live': 'polite' });
  const url = `${resultsBase(ctx.planId)}/objectives/${encodeURIComponent(objective.id)}`;
  const editing = ctx.manage
    ? disclosure({
        id: `res-edit-objective-${objective.id}`,
        label: M.resEdit,
        boxClass: 'res-form-box',
        build: (close) => objectiveForm(ctx, objective, close),
      })
    : null;
  const adding = ctx.manage
    ? disclosure({
        id: `res-new-indicator-${objective.id}`,
        label: M.resNewIndicator,
        boxClass: 'res-form-box',
        build: (close) => indicatorForm(ctx, objective, null, close),
      })
    : null;
  const remove = ctx.manage
    ? confirmButton({
        label: M.resDelete,
        question: M.resDeleteObjectiveQuestion,
        confirmLabel: M.resDelete,
        onConfirm: async () => {
          try {
            await api(url, { method: 'DELETE' });
            await ctx.rerender(M.resDeleted);
          } catch (error) {
            if (!isExpired(error))
              message.replaceChildren(
                notice('error', error.problem?.detail || describeError(error)),
              );
          }
        },
      })
    : '';
  return h(
    'section',
    {
      class: 'res-objective',
      id: `objective-${objective.id}`,
      dataset: { code: objective.code || '' },
      'aria-labelledby': `objective-${objective.id}-title`,
    },
    h(
      'h3',
      { id: `objective-${objective.id}-title`, class: 'res-objective-title' },
      objective.code ? h('span', { class: 'res-code' }, objective.code) : '',
      ' ',
      h('span', { dir: 'auto' }, localized(objective, 'title')),
    ),
    objective.indicators.length
      ? h(
          'ul',
          { class: 'res-indicators' },
          objective.indicators.map((i) => h('li', {}, indicatorCard(ctx, i))),
        )
      : h('p', { class: 'muted small' }, M.resNoIndicators),
    ctx.manage
      ? h(
          'div',
          { class: 'res-actions' },
          adding.button,
          editing.button,
          remove,
          adding.box,
          editing.box,
        )
      : '',
    message,
  );
}

function indicatorCard(ctx, indicator) {
  // The years it has a target for, or something achieved in.
  const years = yearsOf(ctx.framework.periods).filter(
    (year) =>
      targetFor(indicator, year) !== null ||
      (achievementFor(indicator, year)?.actual ?? null) !== null,
  );
  const reportBox = h('div', { class: 'res-report-box', hidden: true });
  const openReport = (period, partyCode) => {
    reportBox.hidden = false;
    reportBox.replaceChildren(
      valuePanel(ctx, indicator, period, partyCode, () => {
        reportBox.hidden = true;
        reportBox.replaceChildren();
      }),
    );
    reportBox.querySelector('input')?.focus();
  };
  const editing = ctx.manage
    ? disclosure({
        id: `res-edit-indicator-${indicator.id}`,
        label: M.resEditIndicator,
        boxClass: 'res-form-box',
        build: (close) => indicatorForm(ctx, null, indicator, close),
      })
    : null;
  const message = h('div', { class: 'res-message', 'aria-live': 'polite' });
  const remove = ctx.manage
    ? confirmButton({
        label: M.resDelete,
        question: M.resDeleteIndicatorQuestion,
        confirmLabel: M.resDelete,
        onConfirm: async () => {
          try {
            await api(`${resultsBase(ctx.planId)}/indicators/${encodeURIComponent(indicator.id)}`, {
              method: 'DELETE',
            });
            await ctx.rerender(M.resDeleted);
          } catch (error) {
            if (!isExpired(error))
              message.replaceChildren(
                notice('error', error.problem?.detail || describeError(error)),
              );
          }
        },
      })
    : '';
  return h(
    'article',
    {
      class: 'res-indicator',
      id: `indicator-${indicator.id}`,
      dataset: { code: indicator.code, measure: indicator.measure },
    },
    h(
      'h4',
      { class: 'res-indicator-title' },
      h('span', { class: 'res-code' }, indicator.code),
      ' ',
      h('span', { dir: 'auto' }, localized(indicator, 'title')),
    ),
    h(
      'dl',
      { class: 'res-facts' },
      fact(M.resMeasure, M.resMeasures[indicator.measure] || indicator.measure),
      indicator.unit ? fact(M.resUnit, h('bdi', {}, indicator.unit)) : '',
      fact(
        M.resBaseline,
        fmtValue(indicator.baselineValue, indicator.measure),
        indicator.baselineOn ? ` (${fmtDate(indicator.baselineOn)})` : '',
      ),
      indicator.responsiblePartyCode
        ? fact(M.resResponsible, partyName(indicator.responsiblePartyCode))
        : '',
      indicator.disaggregations.length
        ? fact(
            M.resDisaggregations,
            indicator.disaggregations.map(dimensionName).join(M.listSeparator),
          )
        : '',
    ),
    h(
      'div',
      { class: 'res-years' },
      years.map((year) => yearSummary(indicator, year)),
    ),
    valuesTable(ctx, indicator, openReport),
    reportBox,
    ctx.manage ? h('div', { class: 'res-actions' }, editing.button, remove, editing.box) : '',
    message,
  );
}

function fact(label, ...value) {
  return h('div', {}, h('dt', {}, label), h('dd', {}, ...value));
}

/** A year: its target, what was achieved, and the achievement against the target with a bar. */
function yearSummary(indicator, year) {
  const target = targetFor(indicator, year);
  const achievement = achievementFor(indicator, year);
  const percent = achievement ? achievement.percent : null;
  const actual = achievement ? achievement.actual : null;
  return h(
    'div',
    {
      class: 'res-year',
      dataset: { year, percent: percent === null || percent === undefined ? '' : String(percent) },
    },
    h('span', { class: 'res-year-name' }, year),
    h(
      'span',
      { class: 'res-year-figures small' },
      t('resTargetLine', { target: fmtValue(target, indicator.measure) }),
      actual !== null && actual !== undefined
        ? ' · ' + t('resActualLine', { actual: fmtValue(actual, indicator.measure) })
        : '',
    ),
    percent === null || percent === undefined
      ? h('span', { class: 'res-achievement muted small' }, M.resNoAchievement)
      : h(
          'span',
          { class: 'res-achievement' },
          bar(percent, 'bar-sm', t('resAchievementOf', { year })),
          h('span', { class: 'pct' }, fmtPercent(percent)),
        ),
  );
}

/** Periods down, parties across; each cell the value, and a button where the reader may report. */
function valuesTable(ctx, indicator, openReport) {
  const { periods, validations } = ctx.framework;
  if (!periods.length) return '';
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, M.resPeriod),
    h('th', { scope: 'col', class: 'num' }, M.resTarget),
    ctx.partyCodes.map((code) => h('th', { scope: 'col', class: 'num' }, partyName(code))),
  );
  const rows = periods.map((period) => {
    const locked = validations.has(period.key);
    return h(
      'tr',
      { dataset: { period: period.key, validated: String(locked) } },
      h('th', { scope: 'row' }, lockIcon(locked), periodLabel(period.key)),
      h('td', { class: 'num' }, fmtValue(targetFor(indicator, period.key), indicator.measure)),
      ctx.partyCodes.map((code) => valueCell(ctx, indicator, period, code, openReport)),
    );
  });
  return h(
    'div',
    { class: 'table-wrap res-values-wrap' },
    h(
      'table',
      { class: 'figures res-values' },
      h('caption', { class: 'visually-hidden' }, t('resValuesCaption', { code: indicator.code })),
      h('thead', {}, head),
      h('tbody', {}, rows),
    ),
  );
}

function valueCell(ctx, indicator, period, partyCode, openReport) {
  const value = indicator.values.get(`${period.key}|${partyCode}`);
  return h(
    'td',
    { class: 'num res-cell', dataset: { party: partyCode, valueId: value ? value.id : '' } },
    h('span', { class: 'res-value' }, value ? fmtValue(value.value, indicator.measure) : '—'),
    value && value.note ? h('span', { class: 'res-has-note', title: value.note }, ' ✎') : '',
    (mayReport(partyCode) && periodBegun(ctx.framework, period.key)) || value
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn ghost res-open',
            'aria-label': t('resReportFor', {
              party: partyName(partyCode),
              period: periodLabel(period.key),
            }),
            onclick: () => openReport(period, partyCode),
          },
          mayReport(partyCode) ? (value ? M.resChange : M.resReport) : M.resDetails,
        )
      : '',
  );
}
