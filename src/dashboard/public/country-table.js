// "By country and organisation": what each party leads (its own activities) and what it takes part in
// under another party's lead (shared), apart. Counting participation alone gave Morocco and Côte
// d'Ivoire both "17 of 18", which said nothing about who carries what.
import { bar, h } from './dom.js';
import { M, fmtNumber, partyName } from './format.js';

const ZERO = { total: 0, completed: 0, overdue: 0 };

/** A breakdown `{ total, completed, overdue }` from the API's row, whichever of its shapes it has. */
function part(row, name) {
  const nested = row[name];
  if (nested && typeof nested === 'object') return { ...ZERO, ...nested };
  const total = row[name + 'Total'];
  if (typeof total !== 'number') return null;
  return {
    total,
    completed: row[name + 'Completed'] ?? 0,
    overdue: row[name + 'Overdue'] ?? 0,
  };
}

/** The same split counted from the plan's activities, for an API that does not give it. */
function counted(activities, code) {
  const lead = { ...ZERO };
  const shared = { ...ZERO };
  for (const a of activities) {
    const into = a.leadPartyCode === code ? lead : a.partyCodes.includes(code) ? shared : null;
    if (!into) continue;
    into.total++;
    if (a.status === 'completed') into.completed++;
    if (a.overdue) into.overdue++;
  }
  return { lead, shared };
}

/** Rows `{ partyCode, lead, shared }`, one per party of the progress figures, leaders first. */
export function countryRows(progress, activities) {
  return progress.byParty
    .map((row) => {
      const fallback = counted(activities, row.partyCode);
      return {
        partyCode: row.partyCode,
        lead: part(row, 'lead') || fallback.lead,
        shared: part(row, 'shared') || fallback.shared,
      };
    })
    .sort((a, b) => b.lead.total - a.lead.total || a.partyCode.localeCompare(b.partyCode));
}

function cell(kind, figures) {
  return h(
    'td',
    {
      class: 'num country-' + kind,
      dataset: {
        total: figures.total,
        completed: figures.completed,
        overdue: figures.overdue,
      },
    },
    h(
      'span',
      { class: 'country-figure' },
      h('bdi', {}, `${fmtNumber(figures.completed)} / ${fmtNumber(figures.total)}`),
    ),
    figures.overdue
      ? h(
          'span',
          { class: 'country-overdue text-overdue' },
          `${fmtNumber(figures.overdue)} ${M.navOverdueShort}`,
        )
      : '',
  );
}

export function countryTableCard(progress, activities) {
  const rows = countryRows(progress, activities);
  const body = rows.map((r) =>
    h(
      'tr',
      { dataset: { party: r.partyCode } },
      h(
        'th',
        { scope: 'row' },
        h('span', { class: 'row-label' }, partyName(r.partyCode)),
        bar(r.lead.total ? (r.lead.completed / r.lead.total) * 100 : 0, 'bar-sm', M.navLeads),
      ),
      cell('lead', r.lead),
      cell('shared', r.shared),
    ),
  );
  return h(
    'section',
    { class: 'card', id: 'by-country', 'aria-labelledby': 'by-country-title' },
    h('h3', { id: 'by-country-title' }, M.byCountry),
    h('p', { class: 'muted small', id: 'by-country-hint' }, M.navCountryHint),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'figures country-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col' }, M.country),
            h('th', { scope: 'col', class: 'num' }, M.navLeads),
            h('th', { scope: 'col', class: 'num' }, M.navSharedIn),
          ),
        ),
        h('tbody', {}, body),
      ),
    ),
  );
}
