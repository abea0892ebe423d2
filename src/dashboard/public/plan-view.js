// One plan on screen: key figures, status, overdue and upcoming deadlines, per country and per type,
// the timeline, the exports, and the activity list with its filters (which the list exports follow).
import { statusDonut, timeline, timelineList } from './charts.js';
import { bar, h } from './dom.js';
import { exportsCard } from './exports-panel.js';
import { ownPartOpen } from './activity-parts-panel.js';
import { planActions } from './planning-plans.js';
import {
  CLOSED,
  M,
  STATUSES,
  dayNumber,
  fmtDate,
  fmtNumber,
  fmtPercent,
  localized,
  pair,
  partyName,
  relativeDue,
  statusName,
  t,
  tp,
  typeName,
} from './format.js';
import { planHistoryCard } from './plan-history.js';
import { countryTableCard } from './country-table.js';
import { planHeader } from './plan-header.js';
import { planMoneyCard } from './money-panel.js';
import { resultsProgressCard } from './results-block.js';

/** By due date, then by the title the reader sees. */
const byDueDate = (a, b) =>
  a.dueOn === b.dueOn
    ? localized(a, 'title').localeCompare(localized(b, 'title'))
    : a.dueOn < b.dueOn
      ? -1
      : 1;

const noFilters = () => ({ status: '', party: '', overdue: false, openOnly: false });
let filters = noFilters();
let filtersFor = null;

/** A newly chosen plan starts with no filter; a reload of the same plan keeps them. */
export function resetFilters() {
  filters = noFilters();
  filtersFor = null;
}

/** A focal point's own activities: their party leads or takes part. */
const isOwn = (user) => (a) =>
  !!user &&
  !!user.partyCode &&
  (a.leadPartyCode === user.partyCode || a.partyCodes.includes(user.partyCode));

/**
 * Fills `view` from the dashboard row, the plan and its agreement, the progress figures and the
 * activities of one plan. A focal point sees their open activities first, by due date, before the
 * figures and charts; and the full list starts without the closed ones.
 */
export function renderPlan(
  view,
  { plan, planView, agreement, progress, activities, user },
  onOpen,
) {
  const focal = !!user && user.role === 'focal_point' && !!user.partyCode;
  if (filtersFor === null) {
    // First drawing of this plan: a focal point's list opens on what is still to do.
    filters.openOnly = focal;
    filtersFor = plan.planId;
  }
  const exportsArea = exportsCard(plan, () => filters);
  view.replaceChildren(
    planHeader({ plan, planView, agreement }),
    focal ? myActivitiesCard(activities.filter(isOwn(user)), user, progress.today, onOpen) : '',
    keyFigures(progress),
    planActions(plan), // planning: edit, new activity, import, renew (managers and admins only)
    resultsProgressCard(plan.planId, progress.today), // indicators against this year's targets
    h(
      'div',
      { class: 'grid grid-3' },
      card('status-breakdown', M.statusBreakdown, statusCard(progress)),
      overdueCard(activities, progress.today, onOpen),
      upcomingCard(activities, progress.today, onOpen),
    ),
    h(
      'div',
      { class: 'grid grid-2' },
      countryTableCard(progress, activities),
      breakdownCard('by-type', M.byType, M.type, progress.byType, (r) => typeName(r.type)),
    ),
    planMoneyCard(plan.planId), // budget and spending per currency, party and funder
    card(
      'timeline',
      M.timeline,
      h('p', { class: 'muted small' }, M.timelineHint),
      timelineBox({
        activities,
        startsOn: plan.startsOn,
        endsOn: plan.endsOn,
        today: progress.today,
        onOpen,
      }),
    ),
    exportsArea.element,
    activityListCard(activities, progress.today, onOpen, exportsArea.update),
    planHistoryCard(plan.planId),
  );
}

/**
 * The timeline in a box it fits: the chart where there is room for it, a compact list of bars on a
 * narrow box (a container query picks one; both carry the same rows).
 */
function timelineBox(options) {
  return h('div', { class: 'timeline-scroll' }, timeline(options), timelineList(options));
}

/** "My open activities": those where the focal point's own part is still open, soonest due first. */
function myActivitiesCard(own, user, today, onOpen) {
  const open = own.filter((a) => ownPartOpen(a, user.partyCode)).sort(byDueDate); // their part
  return card(
    'my-activities',
    h(
      'span',
      {},
      M.navMyOpenActivities,
      ' ',
      h(
        'span',
        { class: 'count-badge' + (open.some((a) => a.overdue) ? ' alert' : '') },
        fmtNumber(open.length),
      ),
    ),
    h(
      'p',
      { class: 'muted small' },
      t('navMyActivitiesHint', { party: partyName(user.partyCode) }),
    ),
    open.length
      ? myList(open, today, onOpen, user.partyCode)
      : h('p', { class: 'muted', id: 'my-activities-empty' }, M.navNoOpenActivities),
    h(
      'p',
      {},
      h('a', { href: '#activities', class: 'link', onclick: toFullList }, M.navSeeAllActivities),
    ),
  );
}

/** The first few due, the others one tap away: the figures and charts stay within reach below. */
const MY_FIRST = 5;

function myList(open, today, onOpen, ownParty) {
  const list = h(
    'ul',
    { class: 'activity-list', id: 'my-activities-list' },
    open.slice(0, MY_FIRST).map((a) => activityItem(a, today, onOpen, ownParty)),
  );
  if (open.length <= MY_FIRST) return list;
  const more = h(
    'button',
    {
      type: 'button',
      class: 'btn ghost',
      id: 'my-activities-more',
      'aria-controls': 'my-activities-list',
      onclick: () => {
        list.append(...open.slice(MY_FIRST).map((a) => activityItem(a, today, onOpen, ownParty)));
        more.remove();
      },
    },
    tp('navShowMoreActivities', open.length - MY_FIRST),
  );
  return h('div', {}, list, more);
}

/** The link to the full list scrolls to it without changing the address (which names the plan). */
function toFullList(event) {
  event.preventDefault();
  const list = document.getElementById('activities');
  if (list) list.scrollIntoView({ block: 'start' });
}

function card(id, title, ...children) {
  return h(
    'section',
    { class: 'card', id, 'aria-labelledby': id + '-title' },
    h('h3', { id: id + '-title' }, title),
    ...children,
  );
}

function keyFigure(id, label, value, sub, extraClass) {
  return h(
    'div',
    { class: 'kpi ' + (extraClass || ''), id },
    h('span', { class: 'kpi-label' }, label),
    h('span', { class: 'kpi-value' }, value),
    sub ? h('span', { class: 'kpi-sub' }, sub) : '',
  );
}

function keyFigures(progress) {
  const completion = keyFigure(
    'kpi-completion',
    M.completion,
    fmtPercent(progress.completionPercent),
    bar(progress.completionPercent, 'bar-lg', M.completion),
    'kpi-primary',
  );
  // The exact figure, for scripts and tests: the text is formatted for the language.
  completion.dataset.value = String(progress.completionPercent);
  const next = progress.nextDeadlines[0];
  return h(
    'section',
    { class: 'kpis', 'aria-label': M.completion },
    completion,
    keyFigure(
      'kpi-total',
      M.activities,
      fmtNumber(progress.total),
      t('completedCount', {
        n: fmtNumber(progress.byStatus.completed || 0),
        total: fmtNumber(progress.total),
      }),
    ),
    keyFigure(
      'kpi-overdue',
      M.overdue,
      fmtNumber(progress.overdue),
      '',
      progress.overdue > 0 ? 'kpi-alert' : 'kpi-ok',
    ),
    keyFigure(
      'kpi-due30',
      M.dueNext30,
      fmtNumber(progress.dueNext30Days),
      next ? t('nextDue', { date: fmtDate(next.dueOn) }) : '',
    ),
  );
}

function statusCard(progress) {
  const legend = h(
    'ul',
    { class: 'legend' },
    STATUSES.map((status) =>
      h(
        'li',
        { dataset: { status } },
        h('span', { class: 'swatch status-' + status, 'aria-hidden': 'true' }),
        h('span', { class: 'legend-label' }, statusName(status)),
        h('span', { class: 'legend-value' }, fmtNumber(progress.byStatus[status] || 0)),
      ),
    ),
  );
  return h(
    'div',
    { class: 'donut-wrap' },
    statusDonut(progress.byStatus, progress.total || 0),
    legend,
  );
}

function deadlineItem(activity, today, onOpen) {
  const late = dayNumber(activity.dueOn) < dayNumber(today);
  return h(
    'li',
    { class: late ? 'is-overdue' : '' },
    h(
      'button',
      { type: 'button', class: 'link', dir: 'auto', onclick: () => onOpen(activity.id) },
      localized(activity, 'title'),
    ),
    h(
      'span',
      { class: 'deadline-meta' },
      h('time', { datetime: activity.dueOn }, fmtDate(activity.dueOn)),
      ' · ',
      h('span', { class: late ? 'text-overdue' : '' }, relativeDue(activity.dueOn, today)),
      ' · ',
      partyName(activity.leadPartyCode),
    ),
  );
}

function overdueCard(activities, today, onOpen) {
  const overdue = activities.filter((a) => a.overdue).sort(byDueDate);
  return card(
    'overdue-list',
    h(
      'span',
      {},
      M.overdueList,
      ' ',
      h(
        'span',
        { class: 'count-badge' + (overdue.length ? ' alert' : '') },
        fmtNumber(overdue.length),
      ),
    ),
    overdue.length
      ? h(
          'ul',
          { class: 'deadlines overdue' },
          overdue.map((a) => deadlineItem(a, today, onOpen)),
        )
      : h('p', { class: 'muted' }, M.noOverdue),
  );
}

function upcomingCard(activities, today, onOpen) {
  const from = dayNumber(today);
  const upcoming = activities
    .filter(
      (a) => !CLOSED.has(a.status) && dayNumber(a.dueOn) >= from && dayNumber(a.dueOn) <= from + 30,
    )
    .sort(byDueDate);
  return card(
    'upcoming-list',
    M.upcoming,
    upcoming.length
      ? h(
          'ul',
          { class: 'deadlines' },
          upcoming.map((a) => deadlineItem(a, today, onOpen)),
        )
      : h('p', { class: 'muted' }, M.noUpcoming),
  );
}

function breakdownCard(id, title, firstColumn, rows, label) {
  const head = h(
    'tr',
    {},
    h('th', { scope: 'col' }, firstColumn),
    h('th', { scope: 'col', class: 'num' }, M.total),
    h('th', { scope: 'col', class: 'num' }, M.completed),
    h('th', { scope: 'col', class: 'num' }, M.overdue),
  );
  const body = rows.map((r) =>
    h(
      'tr',
      {},
      h(
        'th',
        { scope: 'row' },
        h('span', { class: 'row-label' }, label(r)),
        bar(r.total ? (r.completed / r.total) * 100 : 0, 'bar-sm', M.completed),
      ),
      h('td', { class: 'num' }, fmtNumber(r.total)),
      h('td', { class: 'num' }, fmtNumber(r.completed)),
      h('td', { class: 'num' + (r.overdue ? ' text-overdue' : '') }, fmtNumber(r.overdue)),
    ),
  );
  return card(
    id,
    title,
    h(
      'div',
      { class: 'table-wrap' },
      h('table', { class: 'figures' }, h('thead', {}, head), h('tbody', {}, body)),
    ),
  );
}

/** The list and its filters; `onFiltered(filters, shown, total)` hears of every change. */
function activityListCard(activities, today, onOpen, onFiltered) {
  const parties = [...new Set(activities.flatMap((a) => a.partyCodes))].sort();
  const openBox = h('input', { id: 'filter-open', name: 'openOnly', type: 'checkbox' });
  openBox.checked = filters.openOnly;
  const statusSelect = h(
    'select',
    { id: 'filter-status', name: 'status' },
    h('option', { value: '' }, M.allStatuses),
    STATUSES.map((st) => h('option', { value: st }, statusName(st))),
  );
  const partySelect = h(
    'select',
    { id: 'filter-party', name: 'party' },
    h('option', { value: '' }, M.allCountries),
    parties.map((p) => h('option', { value: p }, partyName(p))),
  );
  const overdueBox = h('input', { id: 'filter-overdue', name: 'overdue', type: 'checkbox' });
  statusSelect.value = filters.status;
  partySelect.value = filters.party;
  overdueBox.checked = filters.overdue;

  const list = h('ul', { class: 'activity-list', id: 'activity-list' });
  const count = h('p', { class: 'muted small', id: 'activity-count', role: 'status' });
  const show = () =>
    onFiltered(filters, renderItems(list, count, activities, today, onOpen), activities.length);
  const apply = () => {
    filters = {
      status: statusSelect.value,
      party: partySelect.value,
      overdue: overdueBox.checked,
      openOnly: openBox.checked,
    };
    show();
  };
  const reset = () => {
    statusSelect.value = '';
    partySelect.value = '';
    overdueBox.checked = false;
    openBox.checked = false;
    apply();
  };
  const form = h(
    'form',
    {
      class: 'filters',
      'aria-label': M.filters,
      onsubmit: (e) => e.preventDefault(),
      onchange: apply,
    },
    h(
      'div',
      { class: 'field' },
      h('label', { for: 'filter-status' }, M.filterStatus),
      statusSelect,
    ),
    h('div', { class: 'field' }, h('label', { for: 'filter-party' }, M.filterCountry), partySelect),
    h(
      'div',
      { class: 'field check' },
      overdueBox,
      h('label', { for: 'filter-overdue' }, M.overdueOnly),
    ),
    h('div', { class: 'field check' }, openBox, h('label', { for: 'filter-open' }, M.navOpenOnly)),
    h('button', { type: 'button', class: 'btn ghost', onclick: reset }, M.resetFilters),
  );
  show();
  return card('activities', M.activityList, form, count, list);
}

/** Shows the activities the filters let through, and answers how many. */
function renderItems(list, count, activities, today, onOpen) {
  const f = filters;
  const shown = activities.filter(
    (a) =>
      (!f.status || a.status === f.status) &&
      (!f.party || a.partyCodes.includes(f.party)) &&
      (!f.overdue || a.overdue) &&
      (!f.openOnly || !CLOSED.has(a.status)),
  );
  count.textContent = t('shownCount', {
    shown: fmtNumber(shown.length),
    total: fmtNumber(activities.length),
  });
  list.replaceChildren(
    ...(shown.length
      ? shown.map((a) => activityItem(a, today, onOpen))
      : [h('li', { class: 'empty muted' }, M.noMatch)]),
  );
  return shown.length;
}

function activityItem(a, today, onOpen, ownParty) {
  const lateBy = dayNumber(today) - dayNumber(a.dueOn);
  const role = ownParty ? (a.leadPartyCode === ownParty ? 'lead' : 'shared') : undefined;
  return h(
    'li',
    {
      class: 'activity' + (a.overdue ? ' is-overdue' : ''),
      dataset: { id: a.id, status: a.status, overdue: String(a.overdue), dueOn: a.dueOn, role },
    },
    h(
      'div',
      { class: 'activity-main' },
      h(
        'button',
        { type: 'button', class: 'link activity-open', dir: 'auto', onclick: () => onOpen(a.id) },
        localized(a, 'title'),
      ),
      h(
        'span',
        { class: 'activity-meta' },
        typeName(a.type),
        ' · ',
        pair(M.lead, partyName(a.leadPartyCode)),
        a.partyCodes.length > 1 ? ' · ' + a.partyCodes.map(partyName).join(M.listSeparator) : '',
        role ? ' · ' + (role === 'lead' ? M.navYouLead : M.navYouTakePart) : '',
      ),
    ),
    h(
      'div',
      { class: 'activity-side' },
      h(
        'span',
        { class: 'activity-status-line' },
        h(
          'span',
          { class: 'badges' },
          h('span', { class: 'badge status-' + a.status }, statusName(a.status)),
          a.overdue ? h('span', { class: 'badge badge-overdue' }, M.overdueBadge) : '',
        ),
        h(
          'span',
          { class: 'activity-due' + (a.overdue ? ' text-overdue' : '') },
          h('time', { datetime: a.dueOn }, fmtDate(a.dueOn)),
          a.overdue ? ' · ' + tp('daysLate', lateBy) : '',
        ),
      ),
      h(
        'span',
        { class: 'activity-progress' },
        bar(a.progressPercent, 'bar-sm status-' + a.status, M.progress),
        h('span', { class: 'pct' }, fmtPercent(a.progressPercent)),
      ),
    ),
  );
}
