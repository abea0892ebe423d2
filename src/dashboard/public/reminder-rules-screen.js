// Reminder rules, for programme managers and admins: how many days ahead reminders go out for
// activities, agreements, plans and notice deadlines; how often an overdue activity is reminded; when
// it escalates to the managers; when silent parts are nudged before a committee meeting. The API replaces the whole rule set and judges every value.
import { api } from './api.js';
import { focusTitle, screenHeader } from './admin-ui.js';
import { h } from './dom.js';
import { createForm } from './forms.js';
import { LANG, M, fmtNumber, t, tp } from './format.js';
import { registerScreen } from './router.js';

registerScreen({
  path: 'reminder-rules',
  roles: ['programme_manager', 'admin'],
  nav: () => M.admNavReminderRules,
  navOrder: 80,
  render: renderRules,
});

/** The lead-time lists of the rule set, in the order the screen shows them. */
const LEAD_TIMES = ['activityDue', 'agreementExpiry', 'planExpiry', 'noticeDeadline'];

/** "30, 7, 1, 0" (or "30 7 1" or "30،7" in Arabic) → [30, 7, 1, 0]; anything else goes to the API as is, to be named. */
export function parseDays(text) {
  const parts = String(text ?? '')
    .split(/[\s,;،؛]+/)
    .filter(Boolean);
  return parts.map((part) => (/^\d+$/.test(part) ? Number(part) : part));
}

const listFormat = new Intl.ListFormat(LANG, { style: 'long', type: 'conjunction' });
const daysText = (days) =>
  days.length === 0
    ? M.admRulesNone
    : listFormat.format(
        days.map((d) => (d === 0 ? M.admRulesSameDay : tp('admRulesDaysBefore', d))),
      );

async function renderRules(view) {
  const rules = await api('/api/reminder-rules');
  const summary = h('div', { class: 'adm-rules-summary', 'aria-live': 'polite' }, summaryOf(rules));
  const form = createForm({
    id: 'reminder-rules-form',
    submitLabel: M.admRulesSave,
    fields: [
      ...LEAD_TIMES.map((key) => ({
        name: `${key}.daysBefore`,
        label: M.admRulesLeadLabels[key],
        hint: key === LEAD_TIMES[0] ? M.admRulesListHint : undefined,
        value: rules[key].daysBefore.join(', '),
        maxLength: 200,
        dir: 'ltr',
        autocomplete: 'off',
      })),
      {
        name: 'activityOverdue.everyDays',
        label: M.admRulesOverdueEvery,
        type: 'number',
        required: true,
        min: 1,
        max: 365,
        value: rules.activityOverdue.everyDays,
        hint: M.admRulesOverdueHint,
      },
      {
        name: 'escalation.afterDaysOverdue',
        label: M.admRulesEscalationAfter,
        type: 'number',
        required: true,
        min: 0,
        max: 3650,
        value: rules.escalation.afterDaysOverdue,
        hint: M.admRulesEscalationHint,
      },
      ...nudgeFields(rules.stagnation),
      ...resultsFields(rules.resultsReporting),
    ],
    onSubmit: async (values, f) => {
      const body = {
        ...values,
        ...Object.fromEntries(
          LEAD_TIMES.map((key) => [key, { daysBefore: parseDays(values[key]?.daysBefore) }]),
        ),
        stagnation: {
          ...values.stagnation,
          daysBeforeMeeting: parseDays(values.stagnation?.daysBeforeMeeting),
        },
        resultsReporting: {
          ...values.resultsReporting,
          daysBefore: parseDays(values.resultsReporting?.daysBefore),
        },
      };
      const saved = await api('/api/reminder-rules', { method: 'PUT', body });
      for (const key of LEAD_TIMES)
        f.field(`${key}.daysBefore`).value = saved[key].daysBefore.join(', ');
      f.field('stagnation.daysBeforeMeeting').value = saved.stagnation.daysBeforeMeeting.join(', ');
      f.field('resultsReporting.daysBefore').value = saved.resultsReporting.daysBefore.join(', ');
      summary.replaceChildren(summaryOf(saved));
      f.showMessage('success', M.admRulesSaved);
    },
  });
  view.replaceChildren(
    h(
      'section',
      { class: 'adm-screen', 'aria-labelledby': 'rules-title' },
      screenHeader('rules-title', M.admRulesTitle, M.admRulesIntro),
      h(
        'div',
        { class: 'grid grid-2 adm-rules-grid' },
        h('section', { class: 'card adm-card', 'aria-label': M.admRulesTitle }, form.element),
        h(
          'section',
          { class: 'card adm-card', 'aria-labelledby': 'rules-summary-title' },
          h('h3', { id: 'rules-summary-title' }, M.admRulesSummaryTitle),
          summary,
        ),
      ),
    ),
  );
  focusTitle(view);
}

/** The rule set in sentences, so a manager can check what the numbers mean before and after saving. */
function summaryOf(rules) {
  return h(
    'ul',
    { class: 'adm-list adm-rules-lines' },
    LEAD_TIMES.map((key) =>
      h(
        'li',
        {},
        t('admRulesLine', {
          what: M.admRulesLeadLabels[key],
          when: daysText(rules[key].daysBefore),
        }),
      ),
    ),
    h('li', {}, tp('admRulesOverdueLine', rules.activityOverdue.everyDays)),
    h('li', {}, t('admRulesEscalationLine', { n: fmtNumber(rules.escalation.afterDaysOverdue) })),
    h('li', {}, t('nudgeRulesLine', { when: daysText(rules.stagnation.daysBeforeMeeting) })),
    h('li', {}, tp('nudgeRulesSilentLine', rules.stagnation.silentAfterDays)),
    h('li', {}, t('resRemLine', { when: daysText(rules.resultsReporting.daysBefore) })),
    h('li', {}, tp('resRemOverdueLine', rules.resultsReporting.overdueEveryDays)),
    h('li', {}, tp('resRemGraceLine', rules.resultsReporting.graceDays)),
  );
}

/**
 * Stagnation nudges (reminders/nudges/): how many days before a committee meeting focal points hear
 * of their open parts with no recent update, and after how many days a part counts as silent.
 */
function nudgeFields(stagnation) {
  return [
    {
      name: 'stagnation.daysBeforeMeeting',
      label: M.nudgeRulesLeadLabel,
      hint: M.nudgeRulesLeadHint,
      value: stagnation.daysBeforeMeeting.join(', '),
      maxLength: 200,
      dir: 'ltr',
      autocomplete: 'off',
    },
    {
      name: 'stagnation.silentAfterDays',
      label: M.nudgeRulesSilentLabel,
      type: 'number',
      required: true,
      min: 1,
      max: 365,
      value: stagnation.silentAfterDays,
      hint: M.nudgeRulesSilentHint,
    },
  ];
}

/**
 * Reporting-due reminders (reminders/results-due/): days before a period's results report is due, how
 * often an overdue one is reminded, and how long after the period's end the report is due.
 */
function resultsFields(reporting) {
  return [
    {
      name: 'resultsReporting.daysBefore',
      label: M.resRemLeadLabel,
      hint: M.resRemLeadHint,
      value: reporting.daysBefore.join(', '),
      maxLength: 200,
      dir: 'ltr',
      autocomplete: 'off',
    },
    {
      name: 'resultsReporting.overdueEveryDays',
      label: M.resRemOverdueLabel,
      type: 'number',
      required: true,
      min: 1,
      max: 365,
      value: reporting.overdueEveryDays,
      hint: M.resRemOverdueHint,
    },
    {
      name: 'resultsReporting.graceDays',
      label: M.resRemGraceLabel,
      type: 'number',
      required: true,
      min: 0,
      max: 365,
      value: reporting.graceDays,
      hint: M.resRemGraceHint,
    },
  ];
}
