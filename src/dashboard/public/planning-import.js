// Importing activities into a plan from a CSV or XLSX file (`#plan/<id>/import`). The API takes all
// rows or none; when it refuses, every problem is shown in the page as a table (row, column, message)
// so the person can fix the file and send it again.
import { ApiError, api } from './api.js';
import { h, notice } from './dom.js';
import { fieldErrorText } from './forms.js';
import { M, fmtNumber, localized, tp } from './format.js';
import {
  PLANNING_ROLES,
  loadParties,
  screenCard,
  translationsAccepted,
  ti,
} from './planning-common.js';
import { hrefFor, registerScreen } from './router.js';

const CSV_TYPE = 'text/csv';
const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** The API's body limit (import-formats.ts): refused here before a long upload. */
const MAX_BYTES = 5 * 1024 * 1024;
const COLUMNS = [
  'title',
  'description',
  'type',
  'themes',
  'leadPartyCode',
  'partyCodes',
  'plannedStartOn',
  'dueOn',
  'status',
  'progressPercent',
  'completedOn',
  'notes',
  'id',
];
/** Columns of the content part of the API (see translationsAccepted). */
const TRANSLATION_COLUMNS = [
  'title_fr',
  'title_en',
  'title_ar',
  'description_fr',
  'description_en',
  'description_ar',
];

registerScreen({ path: 'plan/:id/import', roles: PLANNING_ROLES, render: renderImport });

/**
 * The type the API reads the body as, from the file name: browsers give a CSV file `text/csv`,
 * `application/vnd.ms-excel` or nothing, depending on the system.
 */
function uploadType(file) {
  const name = file.name.toLowerCase();
  if (name.endsWith('.csv')) return CSV_TYPE;
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  return null;
}

async function renderImport(view, { id }) {
  const [plan] = await Promise.all([api(`/api/action-plans/${id}`), loadParties()]);
  const columns = [...COLUMNS, ...(translationsAccepted() ? TRANSLATION_COLUMNS : [])];
  const input = h('input', {
    type: 'file',
    id: 'pl-import-file',
    name: 'file',
    accept: `.csv,.xlsx,${CSV_TYPE},${XLSX_TYPE}`,
    required: true,
    'aria-describedby': 'pl-import-hint',
  });
  const result = h('div', { id: 'pl-import-result', 'aria-live': 'polite' });
  const submit = h(
    'button',
    { type: 'submit', class: 'btn primary', id: 'pl-import-submit' },
    M.plImportSend,
  );
  const form = h(
    'form',
    { class: 'form', id: 'pl-import-form' },
    h(
      'div',
      { class: 'field wide' },
      h('label', { for: 'pl-import-file' }, M.plImportFile, h('span', { class: 'required' }, ' *')),
      input,
      h('p', { class: 'field-hint', id: 'pl-import-hint' }, M.plImportHint),
    ),
    h('div', { class: 'form-actions' }, submit),
  );
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const file = input.files && input.files[0];
    if (!file) return input.reportValidity();
    const type = uploadType(file);
    if (!type) return result.replaceChildren(notice('error', M.plImportWrongType));
    if (file.size > MAX_BYTES) return result.replaceChildren(notice('error', M.plImportTooLarge));
    submit.disabled = true;
    result.replaceChildren(h('p', { class: 'muted' }, M.plImporting));
    try {
      const answer = await api(`/api/action-plans/${id}/activities/import`, {
        method: 'POST',
        body: new Blob([await file.arrayBuffer()], { type }),
      });
      result.replaceChildren(success(answer, id));
      form.reset();
    } catch (error) {
      result.replaceChildren(...failure(error));
    } finally {
      submit.disabled = false;
    }
  });
  screenCard(
    view,
    {
      title: ti('plImportTitle', { title: localized(plan, 'title') }),
      back: hrefFor('plan', id),
      backLabel: M.plBackToPlan,
      intro: M.plImportIntro,
    },
    h(
      'details',
      { class: 'pl-columns' },
      h('summary', {}, M.plImportColumns),
      h('p', { class: 'small' }, M.plImportColumnsHint),
      h('p', { class: 'small' }, h('code', { dir: 'ltr' }, columns.join(', '))),
    ),
    form,
    result,
  );
}

/** `{ imported }` before rows with an id updated their activity; `{ created, updated, unchanged }` since. */
function success(answer, planId) {
  const created = answer.created ?? answer.imported ?? 0;
  const updated = answer.updated ?? 0;
  const unchanged = answer.unchanged ?? 0;
  return h(
    'div',
    { class: 'pl-import-success' },
    notice('success', M.plImportDone),
    h(
      'ul',
      { id: 'pl-import-counts' },
      h('li', { dataset: { created: String(created) } }, tp('plImportCreated', created)),
      h('li', { dataset: { updated: String(updated) } }, tp('plImportUpdated', updated)),
      unchanged
        ? h('li', { dataset: { unchanged: String(unchanged) } }, tp('plImportUnchanged', unchanged))
        : '',
    ),
    h('p', {}, h('a', { class: 'btn primary', href: hrefFor('plan', planId) }, M.plBackToPlan)),
  );
}

function failure(error) {
  if (!(error instanceof ApiError)) return [notice('error', M.plActionFailed)];
  if (error.status === 413) return [notice('error', M.plImportTooLarge)];
  const errors = Array.isArray(error.problem.errors) ? error.problem.errors : [];
  if (error.status !== 400 || errors.length === 0)
    return [notice('error', error.problem.detail || M.plActionFailed)];
  const rows = [...errors].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  return [
    notice('error', tp('plImportRejected', errors.length)),
    h('p', { class: 'muted small' }, M.plImportNothing),
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'figures pl-row-errors', id: 'pl-import-errors' },
        h('caption', {}, M.plImportErrorsCaption),
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            h('th', { scope: 'col', class: 'num' }, M.plRow),
            h('th', { scope: 'col' }, M.plColumn),
            h('th', { scope: 'col' }, M.plMessage),
          ),
        ),
        h(
          'tbody',
          {},
          rows.map((e) =>
            h(
              'tr',
              { dataset: { row: String(e.row ?? ''), field: e.field ?? '' } },
              h('td', { class: 'num' }, e.row === undefined ? '—' : fmtNumber(e.row)),
              h('td', {}, h('code', { dir: 'ltr' }, e.field ?? '')),
              h('td', { dir: 'auto' }, fieldErrorText(e)),
            ),
          ),
        ),
      ),
    ),
  ];
}
