// The portfolio (`#portfolio`): every plan the reader may see, across agreements and countries, with
// completion, overdue work, next deadline, indicator achievement and budget use (`GET /api/portfolio`,
// which computes them all in SQL). Filters and sort are the API's own; a card opens its plan. The
// programme manager's first screen (dashboard.js sends a signed-in manager here from an empty address).
import { api, listAll } from './api.js';
import { bar, h, notice } from './dom.js';
import {
  LOCALE,
  M,
  fmtDate,
  fmtNumber,
  fmtPercent,
  localized,
  partyName,
  relativeDue,
  t,
  tp,
} from './format.js';
import { hrefFor, registerScreen } from './router.js';

registerScreen({ path: 'portfolio', render: renderPortfolio, nav: () => M.pfNav, navOrder: 10 });

/** The role whose first screen this is (other roles keep the plans). */
export const PORTFOLIO_FIRST_ROLES = ['programme_manager'];

const PAGE_SIZE = 50;
const THEMES = [
  'data_collection',
  'victim_support',
  'referral_mechanisms',
  'standard_procedures',
  'child_trafficking',
  'legal_cooperation',
];
const AGREEMENT_STATUSES = ['draft', 'in_force', 'expired', 'renewed', 'terminated'];
const SORTS = ['title', 'completion', 'overdue', 'nextDeadline', 'achievement', 'endsOn'];

/** Kept while the page lives: back from a plan, the reader finds the portfolio as they left it. */
const state = {
  country: '',
  theme: '',
  agreementStatus: '',
  periodFrom: '',
  periodTo: '',
  sort: 'title',
  order: 'asc',
  page: 1,
};
let parties = null;

async function renderPortfolio(view) {
  if (!parties) parties = await listAll('/api/parties').catch(() => []);
  // The reader may have gone elsewhere while the parties loaded: leave that screen alone.
  if (location.hash !== '#portfolio') return;
  const list = h('div', { id: 'portfolio-list', 'aria-live': 'polite', 'aria-busy': 'true' });
  view.replaceChildren(
    h(
      'section',
      { class: 'card pf-screen', id: 'portfolio-screen', 'aria-labelledby': 'pf-title' },
      h('h2', { id: 'pf-title' }, M.pfTitle),
      h('p', { class: 'muted pf-intro' }, M.pfIntro),
      filterForm(() => load(list)),
      list,
    ),
  );
  await load(list);
}

function select(name, label, options, value) {
  const id = `pf-${name}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h(
      'select',
      { id, name },
      options.map(([v, text]) => h('option', { value: v, selected: v === value }, text)),
    ),
  );
}

function dateField(name, label, value) {
  const id = `pf-${name}`;
  return h(
    'div',
    { class: 'field' },
    h('label', { for: id }, label),
    h('input', { id, name, type: 'date', value }),
  );
}

function filterForm(reload) {
  const all = ['', M.pfAll];
  const form = h(
    'form',
    {
      class: 'filters pf-filters',
      'aria-label': M.pfFilters,
      onsubmit: (e) => e.preventDefault(),
      onchange: () => {
        for (const key of Object.keys(state)) {
          if (form.elements[key]) state[key] = form.elements[key].value;
        }
        state.page = 1;
        reload();
      },
    },
    select(
      'country',
      M.pfCountry,
      [all, ...(parties || []).map((p) => [p.code, partyName(p.code)])],
      state.country,
    ),
    select(
      'theme',
      M.pfTheme,
      [all, ...THEMES.map((th) => [th, (M.plThemeNames && M.plThemeNames[th]) || th])],
      state.theme,
    ),
    select(
      'agreementStatus',
      M.pfAgreementStatus,
      [all, ...AGREEMENT_STATUSES.map((s) => [s, M.plAgreementStatusNames[s] || s])],
      state.agreementStatus,
    ),
    dateField('periodFrom', M.pfPeriodFrom, state.periodFrom),
    dateField('periodTo', M.pfPeriodTo, state.periodTo),
    select(
      'sort',
      M.pfSort,
      SORTS.map((s) => [s, M.pfSorts[s]]),
      state.sort,
    ),
    select(
      'order',
      M.pfOrder,
      [
        ['asc', M.pfAsc],
        ['desc', M.pfDesc],
      ],
      state.order,
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn ghost',
        onclick: () => {
          Object.assign(state, { country: '', theme: '', agreementStatus: '', periodFrom: '' });
          Object.assign(state, { periodTo: '', page: 1 });
          for (const key of ['country', 'theme', 'agreementStatus', 'periodFrom', 'periodTo']) {
            form.elements[key].value = '';
          }
          reload();
        },
      },
      M.pfReset,
    ),
  );
  return form;
}

let loadSeq = 0;

/** Reads the page of plans the filters name and draws it; a later call wins over a slower one. */
async function load(list) {
  const seq = ++loadSeq;
  list.setAttribute('aria-busy', 'true');
  const query = new URLSearchParams({ pageSize: String(PAGE_SIZE), page: String(state.page) });
  for (const key of ['country', 'theme', 'agreementStatus', 'periodFrom', 'periodTo']) {
    if (state[key]) query.set(key, state[key]);
  }
  query.set('sort', state.sort);
  query.set('order', state.order);
  let result;
  try {
    result = await api(`/api/portfolio?${query}`);
  } catch (error) {
    if (seq !== loadSeq) return;
    list.replaceChildren(notice('error', error.message || String(error)));
    list.setAttribute('aria-busy', 'false');
    return;
  }
  // Another load started, or the reader left for another screen meanwhile.
  if (seq !== loadSeq || !list.isConnected) return;
  list.dataset.country = state.country;
  list.replaceChildren(
    h('p', { class: 'muted pf-count' }, tp('pfCount', result.total)),
    result.items.length
      ? h(
          'ul',
          { class: 'pf-list' },
          result.items.map((row) => h('li', {}, card(row))),
        )
      : h('p', { class: 'muted', id: 'pf-none' }, M.pfNone),
    pager(result, list),
  );
  list.setAttribute('aria-busy', 'false');
}

function pager(result, list) {
  const pages = Math.max(1, Math.ceil(result.total / result.pageSize));
  if (pages === 1) return '';
  const go = (page) => {
    state.page = page;
    void load(list);
  };
  return h(
    'nav',
    { class: 'pf-pager', 'aria-label': t('pfPageOf', { page: result.page, pages }) },
    h(
      'button',
      {
        type: 'button',
        class: 'btn ghost',
        disabled: result.page <= 1,
        onclick: () => go(result.page - 1),
      },
      M.pfPrevious,
    ),
    h('span', {}, t('pfPageOf', { page: fmtNumber(result.page), pages: fmtNumber(pages) })),
    h(
      'button',
      {
        type: 'button',
        class: 'btn ghost',
        disabled: result.page >= pages,
        onclick: () => go(result.page + 1),
      },
      M.pfNext,
    ),
  );
}

function figure(label, ...value) {
  return h('div', { class: 'pf-figure' }, h('dt', {}, label), h('dd', {}, ...value));
}

function card(row) {
  const next = row.nextDeadline;
  const status = row.agreement.status;
  return h(
    'article',
    {
      class: 'pf-card' + (row.overdueCount > 0 ? ' has-overdue' : ''),
      dataset: {
        planId: row.planId,
        overdue: String(row.overdueCount),
        completion: String(row.completionPercent),
      },
    },
    h(
      'h3',
      { class: 'pf-card-title', dir: 'auto' },
      h('a', { class: 'pf-open', href: hrefFor('plan', row.planId) }, localized(row, 'title')),
    ),
    h(
      'p',
      { class: 'pf-meta' },
      h('span', { dir: 'auto' }, localized(row.agreement, 'title')),
      h(
        'span',
        { class: `chip pf-status status-${status}` },
        M.plAgreementStatusNames[status] || status,
      ),
      h('span', {}, row.partyCodes.map(partyName).join(' · ')),
    ),
    h(
      'dl',
      { class: 'pf-figures' },
      figure(
        M.pfCompletion,
        bar(row.completionPercent, '', M.pfCompletion),
        h('span', { class: 'pf-value' }, fmtPercent(row.completionPercent)),
        h('span', { class: 'muted' }, ` · ${M.pfActivities} ${fmtNumber(row.activityCount)}`),
      ),
      figure(
        M.pfOverdue,
        h(
          'span',
          { class: 'pf-value' + (row.overdueCount > 0 ? ' text-overdue' : '') },
          fmtNumber(row.overdueCount),
        ),
      ),
      figure(
        M.pfNextDeadline,
        next
          ? h(
              'span',
              {},
              h('span', { class: 'pf-value' }, fmtDate(next.dueOn)),
              ' · ',
              h('span', { class: 'muted' }, relativeDue(next.dueOn, row.today)),
              h('br'),
              h(
                'a',
                { href: hrefFor('activity', next.activityId), dir: 'auto' },
                localized(next, 'title'),
              ),
            )
          : h('span', { class: 'muted' }, M.pfNoDeadline),
      ),
      figure(
        M.pfAchievement,
        row.indicatorAchievementPercent === null
          ? h('span', { class: 'muted' }, M.pfNoIndicators)
          : h('span', { class: 'pf-value' }, fmtPercent(row.indicatorAchievementPercent)),
      ),
      figure(
        M.pfBudget,
        row.budget.length
          ? h(
              'ul',
              { class: 'pf-budget' },
              row.budget.map((b) =>
                h(
                  'li',
                  { dataset: { currency: b.currency } },
                  money(b),
                  b.usePercent === null ? '' : ` (${fmtPercent(b.usePercent)})`,
                ),
              ),
            )
          : h('span', { class: 'muted' }, M.pfNoBudget),
      ),
      figure(M.pfPeriod, `${fmtDate(row.startsOn)} – ${fmtDate(row.endsOn)}`),
    ),
  );
}

/** Amounts in their own currency, never converted: "12 000 / 50 000 EUR". */
function money(b) {
  const format = (amount) => {
    try {
      return new Intl.NumberFormat(LOCALE, { maximumFractionDigits: 2 }).format(amount);
    } catch {
      return String(amount);
    }
  };
  return t('pfBudgetLine', {
    spent: format(b.spent),
    planned: format(b.planned),
    currency: b.currency,
  });
}
