// One party's value of an indicator for one period: the reporting form (the value, its breakdown over
// the indicator's dimensions with a live sum check, a note, and a reason when the period is validated),
// the evidence files of the value, and its history of changes. The server judges everything: a change
// in a validated period without a reason is refused and said beside the reason field; a stale version
// is explained and can be reloaded, as the parts panel does.
import { ApiError, api, describeError, fetchFile, isExpired } from './api.js';
import { h, notice, saveFile } from './dom.js';
import { M, fmtInstant, fmtNumber, partyName, t } from './format.js';
import { createForm } from './forms.js';
import {
  CATEGORIES,
  breakdownSum,
  categoryName,
  dimensionName,
  fmtValue,
  mayReport,
  periodLabel,
} from './results-model.js';

const base = (planId) => `/api/action-plans/${encodeURIComponent(planId)}/results`;

/** The panel under an indicator's table; `close()` folds it. */
export function valuePanel(ctx, indicator, period, partyCode, close) {
  const value = indicator.values.get(`${period.key}|${partyCode}`) || null;
  const locked = ctx.framework.validations.has(period.key);
  const panel = h(
    'section',
    {
      class: 'res-panel',
      id: `res-panel-${indicator.id}`,
      dataset: { period: period.key, party: partyCode },
      'aria-labelledby': `res-panel-${indicator.id}-title`,
    },
    h(
      'h5',
      { id: `res-panel-${indicator.id}-title`, class: 'res-panel-title' },
      t('resPanelTitle', {
        code: indicator.code,
        period: periodLabel(period.key),
        party: partyName(partyCode),
      }),
    ),
    locked ? notice('info', M.resLockedExplained) : '',
    mayReport(partyCode)
      ? reportForm(ctx, indicator, period, partyCode, value, locked, close)
      : readOnlyValue(indicator, value),
    value ? evidenceList(ctx, value, mayReport(partyCode)) : '',
    value ? historyList(ctx, indicator, value) : '',
    h(
      'p',
      {},
      h('button', { type: 'button', class: 'btn ghost res-close', onclick: close }, M.resClose),
    ),
  );
  return panel;
}

function readOnlyValue(indicator, value) {
  if (!value) return h('p', { class: 'muted' }, M.resNotReported);
  return h(
    'div',
    { class: 'res-readonly' },
    h('p', {}, h('strong', {}, fmtValue(value.value, indicator.measure))),
    breakdownTable(indicator, value.breakdown || []),
    value.note ? h('p', { dir: 'auto', class: 'res-note' }, value.note) : '',
  );
}

function breakdownTable(indicator, rows) {
  if (!rows.length) return '';
  const dims = indicator.disaggregations;
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'figures res-breakdown-read' },
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          dims.map((d) => h('th', { scope: 'col' }, dimensionName(d))),
          h('th', { scope: 'col', class: 'num' }, M.resValue),
        ),
      ),
      h(
        'tbody',
        {},
        rows.map((r) =>
          h(
            'tr',
            {},
            dims.map((d) => h('td', {}, categoryLabel(d, r[d]))),
            h('td', { class: 'num' }, fmtNumber(Number(r.value))),
          ),
        ),
      ),
    ),
  );
}

const categoryLabel = (dimension, code) =>
  code === undefined || code === null
    ? '—'
    : dimension === 'nationality'
      ? partyName(String(code))
      : categoryName(dimension, code);

// ---------------------------------------------------------------- the form

function reportForm(ctx, indicator, period, partyCode, value, locked, close) {
  const measure = indicator.measure;
  const valueField =
    measure === 'yes_no'
      ? {
          name: 'value',
          label: M.resValue,
          type: 'select',
          required: true,
          value: value ? String(Number(value.value) >= 1 ? 1 : 0) : '1',
          options: [
            { value: '1', label: M.resYes },
            { value: '0', label: M.resNo },
          ],
        }
      : {
          name: 'value',
          label: measure === 'percentage' ? M.resValuePercent : M.resValue,
          type: 'number',
          required: true,
          min: 0,
          max: measure === 'percentage' ? 100 : undefined,
          step: 'any',
          value: value ? String(Number(value.value)) : '',
          hint: indicator.unit ? t('resUnitHint', { unit: indicator.unit }) : undefined,
        };
  const idBase = `res-form-${indicator.id.slice(0, 8)}`;
  const form = createForm({
    id: idBase,
    submitLabel: M.resSave,
    onCancel: close,
    fields: [
      valueField,
      {
        name: 'note',
        label: M.resNote,
        type: 'textarea',
        rows: 2,
        maxLength: 2000,
        value: value?.note || '',
        emptyAs: value ? 'null' : 'omit',
      },
      {
        name: 'reason',
        label: M.resReason,
        type: 'textarea',
        rows: 2,
        maxLength: 2000,
        hint: M.resReasonHint,
      },
    ],
    onSubmit: async (values, f) => {
      const body = {
        indicatorId: indicator.id,
        period: period.key,
        partyCode,
        value: Number(values.value),
        ...(breakdown ? { breakdown: breakdown.rows() } : {}),
        ...(values.note !== undefined ? { note: values.note } : {}),
        ...(values.reason ? { reason: values.reason } : {}),
        // Version 0: not reported yet, so a report made meanwhile by someone else is a conflict.
        version: value ? value.version : 0,
      };
      try {
        await api(`${base(ctx.planId)}/values`, { method: 'PUT', body });
      } catch (error) {
        if (isStale(error)) return staleNotice(ctx, f);
        if (needsReason(error)) {
          reasonField.hidden = false;
          f.setErrors({ errors: [{ field: 'reason', message: M.resReasonRequired }] });
          return;
        }
        if (error instanceof ApiError && error.status === 403) {
          f.showMessage('error', t('resForbidden', { party: partyName(partyCode) }));
          return;
        }
        throw error;
      }
      await ctx.rerender(
        t('resSaved', {
          code: indicator.code,
          period: periodLabel(period.key),
          party: partyName(partyCode),
        }),
      );
    },
  });
  // The reason is asked for in a validated period only (the server asks for it again if the period
  // was validated since the page was drawn).
  const reasonField = form.field('reason').closest('.field');
  reasonField.hidden = !locked;
  if (locked) reasonField.classList.add('res-reason-needed');
  const breakdown =
    indicator.measure === 'number' && indicator.disaggregations.length
      ? breakdownEditor(idBase, indicator, value ? value.breakdown || [] : [], form.field('value'))
      : null;
  if (breakdown) {
    form.element.insertBefore(breakdown.element, form.field('note').closest('.field'));
  }
  return form.element;
}

/** The API's refusal of a change in a validated period without a reason. */
function needsReason(error) {
  if (!(error instanceof ApiError) || error.status < 400 || error.status >= 500) return false;
  const problem = error.problem || {};
  if (problem.code === 'period_validated') return true;
  return (problem.errors || []).some((e) => e.field === 'reason');
}

/** A version conflict: someone saved this value since the page was drawn. */
const isStale = (error) =>
  error instanceof ApiError &&
  error.status === 409 &&
  (error.problem.currentVersion !== undefined || /version|stale/i.test(error.problem.code || ''));

function staleNotice(ctx, f) {
  const reload = h(
    'button',
    {
      type: 'button',
      class: 'btn res-reload',
      onclick: () => void ctx.rerender(null),
    },
    M.resReload,
  );
  f.element
    .querySelector('.form-message')
    .replaceChildren(notice('warning', M.resConflict), h('p', {}, reload));
}

// ---------------------------------------------------------------- the breakdown with its sum check

/**
 * Rows of `{ <dimension>: category, value }` over the dimensions chosen among the indicator's own (all
 * rows use the same ones, as the API requires); the sum is checked against the value as it is typed,
 * and a form whose breakdown does not add up is not sent.
 */
function breakdownEditor(idBase, indicator, initial, valueInput) {
  const configured = indicator.disaggregations;
  const used = new Set(
    initial.length ? configured.filter((d) => initial[0][d] !== undefined) : configured,
  );
  const body = h('tbody', {});
  const status = h('p', { class: 'res-sum small', id: `${idBase}-sum`, 'aria-live': 'polite' });
  let count = 0;
  const headCells = configured.map((d) =>
    h('th', { scope: 'col', dataset: { col: d } }, dimensionName(d)),
  );

  /** Shows the columns of the chosen dimensions; a hidden column's inputs are neither required nor sent. */
  const applyColumns = (root) => {
    for (const cell of root.querySelectorAll('[data-col]'))
      cell.hidden = !used.has(cell.dataset.col);
    for (const input of root.querySelectorAll('input[data-dimension]'))
      input.required = used.has(input.dataset.dimension);
  };

  const addRow = (row = {}) => {
    const n = ++count;
    const cells = configured.map((d) => {
      const id = `${idBase}-b${n}-${d}`;
      const label = h('label', { for: id, class: 'visually-hidden' }, dimensionName(d));
      const options = CATEGORIES[d];
      const input = options
        ? h(
            'select',
            { id, dataset: { dimension: d } },
            options.map((c) => h('option', { value: c }, categoryName(d, c))),
          )
        : h('input', {
            id,
            dataset: { dimension: d },
            maxlength: 3,
            size: 4,
            pattern: '[A-Za-z]{2,3}',
            placeholder: M.resNationalityPlaceholder,
            dir: 'ltr',
          });
      if (row[d] !== undefined) input.value = String(row[d]);
      return h('td', { dataset: { col: d } }, label, input);
    });
    const valueId = `${idBase}-b${n}-value`;
    const amount = h('input', {
      id: valueId,
      class: 'res-cell-value',
      type: 'number',
      min: 0,
      step: 'any',
      inputmode: 'decimal',
      required: true,
    });
    if (row.value !== undefined) amount.value = String(Number(row.value));
    const tr = h(
      'tr',
      { class: 'res-breakdown-row' },
      cells,
      h(
        'td',
        { class: 'num' },
        h('label', { for: valueId, class: 'visually-hidden' }, M.resValue),
        amount,
      ),
      h(
        'td',
        {},
        h(
          'button',
          {
            type: 'button',
            class: 'btn ghost res-remove-row',
            'aria-label': M.resRemoveRow,
            onclick: () => {
              tr.remove();
              check();
            },
          },
          '×',
        ),
      ),
    );
    applyColumns(tr);
    body.append(tr);
    check();
    return tr;
  };

  const rows = () =>
    [...body.querySelectorAll('tr')].map((tr) => {
      const row = {};
      for (const input of tr.querySelectorAll('[data-dimension]')) {
        const d = input.dataset.dimension;
        if (!used.has(d)) continue;
        const v = input.value.trim();
        row[d] = d === 'nationality' ? v.toUpperCase() : v;
      }
      row.value = Number(tr.querySelector('.res-cell-value').value || 0);
      return row;
    });

  function check() {
    const list = rows();
    const sum = breakdownSum(list);
    const typed = valueInput.value !== '';
    const total = typed ? fmtNumber(Number(valueInput.value)) : '—';
    const matches =
      list.length === 0 || (typed && Math.abs(sum - Number(valueInput.value)) < 0.00005);
    const mismatch = t('resSumMismatch', { sum: fmtNumber(sum), total });
    status.textContent =
      list.length === 0
        ? M.resBreakdownEmpty
        : matches
          ? t('resSumOk', { sum: fmtNumber(sum), total })
          : mismatch;
    status.classList.toggle('is-wrong', !matches);
    status.dataset.ok = String(matches);
    valueInput.setCustomValidity(matches ? '' : mismatch);
  }

  const choices = configured.map((d) => {
    const id = `${idBase}-dim-${d}`;
    const box = h('input', { type: 'checkbox', id, checked: used.has(d), dataset: { use: d } });
    box.addEventListener('change', () => {
      if (box.checked) used.add(d);
      else used.delete(d);
      applyColumns(element);
    });
    return h('label', { class: 'choice', for: id }, box, ' ', dimensionName(d));
  });

  const element = h(
    'fieldset',
    { class: 'field wide res-breakdown', 'aria-describedby': status.id },
    h('legend', {}, M.resBreakdown),
    h(
      'p',
      { class: 'field-hint' },
      t('resBreakdownHint', { dimensions: configured.map(dimensionName).join(M.listSeparator) }),
    ),
    configured.length > 1 ? h('div', { class: 'choice-list res-dimensions' }, choices) : '',
    h(
      'div',
      { class: 'table-wrap' },
      h(
        'table',
        { class: 'res-breakdown-table' },
        h(
          'thead',
          {},
          h(
            'tr',
            {},
            headCells,
            h('th', { scope: 'col', class: 'num' }, M.resValue),
            h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, M.resRemoveRow)),
          ),
        ),
        body,
      ),
    ),
    h(
      'button',
      {
        type: 'button',
        class: 'btn ghost res-add-row',
        onclick: () => addRow().querySelector('select, input')?.focus(),
      },
      M.resAddRow,
    ),
    status,
  );
  applyColumns(element);
  element.addEventListener('input', check);
  element.addEventListener('change', check);
  valueInput.addEventListener('input', check);
  for (const row of initial) addRow(row);
  check();
  return { element, rows };
}

// ---------------------------------------------------------------- evidence and history

/** The value's files (the framework answer carries them), with download and, for its reporters, upload. */
function evidenceList(ctx, value, mayUpload) {
  const url = `${base(ctx.planId)}/values/${encodeURIComponent(value.id)}/evidence`;
  const list = h('ul', { class: 'evidence-files res-evidence-files' });
  const status = h('div', { class: 'evidence-status', 'aria-live': 'polite' });
  const show = (kind, text) => status.replaceChildren(notice(kind, text));
  const items = [...(value.evidence || [])];
  const draw = () =>
    list.replaceChildren(
      ...(items.length
        ? items.map((item) => fileLine(url, item, show))
        : [h('li', { class: 'evidence-empty' }, M.evNoFiles)]),
    );
  draw();
  return h(
    'section',
    { class: 'evidence-panel res-evidence' },
    h('h5', { class: 'evidence-subtitle' }, M.evFiles),
    list,
    status,
    mayUpload
      ? uploadForm(url, value, show, (item) => {
          items.push(item);
          draw();
        })
      : '',
  );
}

function fileLine(url, item, show) {
  const href = `${url}/${encodeURIComponent(item.id)}/content`;
  return h(
    'li',
    { class: 'evidence-file', dataset: { id: item.id } },
    h(
      'a',
      {
        href,
        class: 'evidence-download',
        onclick: async (event) => {
          event.preventDefault();
          try {
            const file = await fetchFile(href);
            saveFile(file.blob, file.name || item.fileName);
          } catch (error) {
            show('error', describeError(error));
          }
        },
      },
      h('bdi', {}, item.fileName),
    ),
    item.uploadedAt
      ? h('span', { class: 'evidence-meta' }, ' · ', fmtInstant(item.uploadedAt))
      : '',
  );
}

function uploadForm(url, value, show, added) {
  const id = `res-ev-${value.id.slice(0, 8)}`;
  const file = h('input', { id, name: 'file', type: 'file', required: true });
  const submit = h('button', { type: 'submit', class: 'btn' }, M.evUpload);
  return h(
    'form',
    {
      class: 'evidence-upload res-evidence-upload',
      'aria-label': M.evUploadTitle,
      novalidate: true,
      onsubmit: async (event) => {
        event.preventDefault();
        const chosen = file.files && file.files[0];
        if (!chosen) return show('error', M.evChooseFile);
        const body = new FormData();
        body.append('file', chosen, chosen.name);
        submit.disabled = true;
        try {
          const item = await api(url, { method: 'POST', body });
          show('success', t('evUploaded', { name: item.fileName }));
          event.target.reset();
          added(item);
        } catch (error) {
          if (isExpired(error)) return;
          if (error instanceof ApiError && error.status === 413)
            show('error', t('evErrTooLarge', { max: '' }));
          else if (error instanceof ApiError && error.status === 415) show('error', M.evErrType);
          else show('error', error.problem?.detail || describeError(error));
        } finally {
          submit.disabled = false;
        }
      },
    },
    h('label', { for: id }, M.evFile),
    file,
    submit,
  );
}

function historyList(ctx, indicator, value) {
  const list = h('ol', { class: 'res-history-list' });
  const details = h(
    'details',
    { class: 'res-history', id: `res-history-${value.id}` },
    h('summary', {}, M.resHistory),
    list,
  );
  let loaded = false;
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    list.replaceChildren(h('li', { class: 'muted' }, M.loading));
    try {
      const answer = await api(
        `${base(ctx.planId)}/values/${encodeURIComponent(value.id)}/history`,
      );
      const items = Array.isArray(answer) ? answer : answer.items || [];
      list.replaceChildren(
        ...(items.length
          ? items.map((entry) => historyItem(indicator, entry))
          : [h('li', { class: 'muted' }, M.resNoHistory)]),
      );
    } catch (error) {
      loaded = false;
      if (!isExpired(error))
        list.replaceChildren(h('li', {}, notice('error', describeError(error))));
    }
  });
  return details;
}

function historyItem(indicator, entry) {
  const from = entry.previousValue ?? entry.oldValue ?? entry.fromValue ?? entry.from;
  const to = entry.newValue ?? entry.value ?? entry.toValue ?? entry.to;
  const who =
    entry.actor?.name || entry.changedBy?.name || entry.actorName || entry.actorEmail || '';
  const at = entry.changedAt || entry.createdAt || entry.at;
  return h(
    'li',
    { class: 'res-history-item' },
    h(
      'span',
      { class: 'res-history-change' },
      t('resHistoryChange', {
        from: fmtValue(from, indicator.measure),
        to: fmtValue(to, indicator.measure),
      }),
    ),
    entry.reason
      ? h('span', { class: 'res-history-reason', dir: 'auto' }, ' — ', entry.reason)
      : '',
    h(
      'span',
      { class: 'muted small' },
      ' · ',
      who ? h('bdi', {}, who) : '',
      who && at ? ' · ' : '',
      at ? fmtInstant(at) : '',
    ),
  );
}
