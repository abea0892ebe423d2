// Money: an activity's budget lines and spending in the activity dialog (add, edit, delete where the
// reader may), and a plan's totals per plan, party and funder. Every amount is shown in its own
// currency with Intl.NumberFormat; nothing is ever converted or added across currencies (there is no
// exchange rate in Accords). The server decides who may record what (canRecordMoney in permissions.ts);
// the page only draws the form for the parts the reader may record.
import { confirmButton } from './admin-ui.js';
import { ApiError, api, describeError, isExpired, session } from './api.js';
import { h, notice } from './dom.js';
import { fieldErrorText } from './forms.js';
import { LOCALE, M, fmtDate, fmtPercent, pair, partyName, t } from './format.js';

// The activity history names a money change `budget` / `spending` (or `parts.MA.budget`): give the
// history view its label in the reader's language.
M.fieldNames.budget ??= M.moneyHistoryBudget;
M.fieldNames.spending ??= M.moneyHistorySpending;

/** Funders offered besides the activity's parties; any other donor is typed by name. */
const USUAL_FUNDERS = ['IOM', 'EU'];
/** Offered in the currency field's list; any ISO 4217 code is accepted. */
const USUAL_CURRENCIES = ['EUR', 'MAD', 'XOF', 'USD', 'EGP', 'TND', 'LYD', 'MRU', 'CHF', 'GBP'];

const formats = new Map();
/** "1 234,50 €", "MAD 5,000.00", "٣٠٠ ف.ا" …: the amount (an exact decimal string) in its currency. */
export function fmtMoney(amount, currency) {
  let format = formats.get(currency);
  if (!format) {
    try {
      format = new Intl.NumberFormat(LOCALE, { style: 'currency', currency });
    } catch {
      format = { format: (n) => `${n} ${currency}` };
    }
    formats.set(currency, format);
  }
  // A string keeps every digit where the engine formats decimal strings exactly (Intl.NumberFormat v3).
  return format.format(amount);
}

const isManager = (user) => user && (user.role === 'admin' || user.role === 'programme_manager');
const partiesOf = (activity) => [
  ...new Set([activity.leadPartyCode, ...(activity.partyCodes || [])].filter(Boolean)),
];

/** The parts the reader may record money for ('' = the whole activity), as canRecordMoney says. */
function recordableParts(user, activity) {
  if (!user) return [];
  if (isManager(user)) return ['', ...partiesOf(activity)];
  if (user.role === 'focal_point' && partiesOf(activity).includes(user.partyCode)) {
    return [user.partyCode];
  }
  return [];
}
const mayChange = (user, activity, entry) =>
  recordableParts(user, activity).includes(entry.partyCode || '');

const partLabel = (code) => (code ? partyName(code) : M.moneyWholeActivity);

/** Totals per currency as one line: "1 000,30 € · 5 000,00 MAD". */
const totalsText = (totals) => totals.map((x) => fmtMoney(x.amount, x.currency)).join(' · ');

/**
 * The money section of the activity dialog for `activity` (`{ id, leadPartyCode, partyCodes }`).
 * `onChange()` runs after each accepted change (the dialog refreshes its history).
 */
export function moneyPanel(activity, onChange = () => {}) {
  const user = session.user;
  const parts = recordableParts(user, activity);
  const status = h('div', { class: 'money-status', 'aria-live': 'polite' });
  const lists = {
    budget: h('ul', { class: 'money-list', id: 'money-budget-list' }),
    spending: h('ul', { class: 'money-list', id: 'money-spending-list' }),
  };
  const totals = {
    budget: h('p', { class: 'money-total', id: 'money-budget-total' }),
    spending: h('p', { class: 'money-total', id: 'money-spending-total' }),
  };
  const base = `/api/activities/${activity.id}`;
  const url = { budget: `${base}/budget-lines`, spending: `${base}/spending` };
  const form = parts.length ? entryForm() : null;
  const root = h(
    'section',
    { class: 'money-panel', id: 'money-panel', 'aria-labelledby': 'money-title' },
    h('h3', { id: 'money-title' }, M.moneyTitle),
    h('h4', {}, M.moneyBudget),
    lists.budget,
    totals.budget,
    h('h4', {}, M.moneySpending),
    lists.spending,
    totals.spending,
    status,
    form ? form.element : '',
  );

  const show = (kind, text) => status.replaceChildren(notice(kind, text));

  async function load() {
    try {
      const [budget, spending] = await Promise.all([api(url.budget), api(url.spending)]);
      draw('budget', budget);
      draw('spending', spending);
    } catch (error) {
      if (isExpired(error)) return;
      show('error', error instanceof ApiError ? M.moneyLoadFailed : describeError(error));
    }
  }

  function draw(kind, data) {
    const empty = kind === 'budget' ? M.moneyNoBudget : M.moneyNoSpending;
    lists[kind].replaceChildren(
      ...(data.items.length
        ? data.items.map((entry) => line(kind, entry))
        : [h('li', { class: 'money-empty muted' }, empty)]),
    );
    totals[kind].replaceChildren(
      data.totals.length ? pair(M.moneyTotal, '') : '',
      data.totals.length ? h('bdi', { class: 'money-amounts' }, totalsText(data.totals)) : '',
    );
  }

  function line(kind, entry) {
    const meta = [
      kind === 'spending' ? fmtDate(entry.spentOn) : null,
      entry.funderPartyCode ? partyName(entry.funderPartyCode) : entry.funder,
      partLabel(entry.partyCode),
      entry.reference || null,
    ].filter(Boolean);
    return h(
      'li',
      { class: 'money-entry', dataset: { id: entry.id, kind, currency: entry.currency } },
      h('bdi', { class: 'money-amount' }, fmtMoney(entry.amount, entry.currency)),
      ' ',
      h(
        'span',
        { class: 'money-meta' },
        ...meta.flatMap((m, i) => [i ? ' · ' : '', h('bdi', {}, m)]),
      ),
      entry.note ? h('span', { class: 'money-note muted small', dir: 'auto' }, entry.note) : '',
      form && mayChange(user, activity, entry)
        ? h(
            'span',
            { class: 'money-actions' },
            h(
              'button',
              {
                type: 'button',
                class: 'btn ghost money-edit',
                onclick: () => form.edit(kind, entry),
              },
              M.moneyEdit,
            ),
            confirmButton({
              label: M.moneyDelete,
              question: M.moneyDeleteQuestion,
              confirmLabel: M.moneyDeleteConfirm,
              className: 'btn ghost money-delete',
              onConfirm: () => remove(kind, entry),
            }),
          )
        : '',
    );
  }

  async function remove(kind, entry) {
    try {
      await api(`${url[kind]}/${entry.id}?version=${entry.version}`, { method: 'DELETE' });
      show('success', M.moneyDeleted);
      changed();
    } catch (error) {
      failed(error);
    }
  }

  function changed() {
    void load();
    onChange();
  }

  function failed(error) {
    if (isExpired(error)) return;
    if (!(error instanceof ApiError)) return show('error', describeError(error));
    if (error.status === 409) {
      void load();
      return show('warning', M.moneyConflict);
    }
    if (error.status === 403) return show('error', M.moneyForbidden);
    if (error.status === 400) {
      const errors = error.problem.errors || [];
      const detail = errors.length
        ? errors.map((e) => pair(M.moneyFields[e.field] || e.field, fieldErrorText(e))).join(' · ')
        : error.problem.detail || '';
      return show('error', t('moneyInvalid', { detail }));
    }
    show('error', describeError(error));
  }

  /** One form for both kinds: a new entry, or the entry being edited (with its version). */
  function entryForm() {
    const id = (name) => `money-${name}`;
    const field = (name, label, control, hint) =>
      h(
        'div',
        { class: 'field money-field-' + name },
        h('label', { for: control.id }, label),
        control,
        hint ? h('p', { class: 'hint', id: id(name) + '-hint' }, hint) : '',
      );
    const kind = h(
      'select',
      { id: id('kind'), name: 'kind' },
      h('option', { value: 'budget' }, M.moneyBudget),
      h('option', { value: 'spending' }, M.moneySpending),
    );
    const amount = h('input', {
      id: id('amount'),
      name: 'amount',
      type: 'text',
      inputmode: 'decimal',
      required: true,
      maxlength: 19,
      dir: 'ltr',
      autocomplete: 'off',
      'aria-describedby': id('amount') + '-hint',
    });
    const currency = h('input', {
      id: id('currency'),
      name: 'currency',
      type: 'text',
      required: true,
      maxlength: 3,
      dir: 'ltr',
      autocomplete: 'off',
      list: id('currencies'),
      value: 'EUR',
    });
    const currencies = h(
      'datalist',
      { id: id('currencies') },
      USUAL_CURRENCIES.map((c) => h('option', { value: c })),
    );
    const funderCodes = [...new Set([...USUAL_FUNDERS, ...partiesOf(activity)])];
    const funder = h(
      'select',
      { id: id('funder'), name: 'funderPartyCode' },
      funderCodes.map((code) => h('option', { value: code }, partyName(code))),
      h('option', { value: '' }, M.moneyFunderOtherOption),
    );
    const funderName = h('input', {
      id: id('funder-name'),
      name: 'funder',
      type: 'text',
      maxlength: 200,
      dir: 'auto',
    });
    const funderNameField = field('funder-name', M.moneyFunderOther, funderName);
    const part = h(
      'select',
      { id: id('part'), name: 'partyCode' },
      parts.map((code) => h('option', { value: code }, partLabel(code))),
    );
    const spentOn = h('input', { id: id('spent-on'), name: 'spentOn', type: 'date', dir: 'ltr' });
    const reference = h('input', {
      id: id('reference'),
      name: 'reference',
      type: 'text',
      maxlength: 200,
      dir: 'auto',
    });
    const note = h('input', {
      id: id('note'),
      name: 'note',
      type: 'text',
      maxlength: 2000,
      dir: 'auto',
    });
    const spendingFields = [
      field('spent-on', M.moneySpentOn, spentOn),
      field('reference', M.moneyReference, reference),
    ];
    const title = h('h4', { id: id('form-title') }, M.moneyAddTitle);
    const submit = h(
      'button',
      { type: 'submit', class: 'btn primary', id: id('save') },
      M.moneySave,
    );
    const cancel = h(
      'button',
      { type: 'button', class: 'btn ghost', id: id('cancel'), hidden: true, onclick: reset },
      M.moneyCancel,
    );
    const element = h(
      'form',
      { class: 'money-form', id: id('form'), 'aria-labelledby': title.id, novalidate: true },
      title,
      h(
        'div',
        { class: 'money-grid' },
        field('kind', M.moneyKind, kind),
        field('amount', M.moneyAmount, amount, M.moneyAmountHint),
        field('currency', M.moneyCurrency, currency),
        currencies,
        field('funder', M.moneyFunder, funder),
        funderNameField,
        field('part', M.moneyPart, part),
        ...spendingFields,
        field('note', M.moneyNote, note),
      ),
      h('div', { class: 'money-form-actions' }, cancel, submit),
    );
    let editing = null; // { kind, entry }

    function sync() {
      const spending = kind.value === 'spending';
      for (const f of spendingFields) f.hidden = !spending;
      funderNameField.hidden = funder.value !== '';
    }
    kind.addEventListener('change', sync);
    funder.addEventListener('change', sync);

    function reset() {
      editing = null;
      element.reset();
      kind.disabled = false;
      title.textContent = M.moneyAddTitle;
      cancel.hidden = true;
      sync();
    }

    function edit(entryKind, entry) {
      editing = { kind: entryKind, entry };
      kind.value = entryKind;
      kind.disabled = true;
      amount.value = entry.amount;
      currency.value = entry.currency;
      const known = funderCodes.includes(entry.funderPartyCode);
      funder.value = known ? entry.funderPartyCode : '';
      funderName.value = known ? '' : entry.funder;
      part.value = entry.partyCode || '';
      spentOn.value = entry.spentOn || '';
      reference.value = entry.reference || '';
      note.value = entry.note || '';
      title.textContent = M.moneyEditTitle;
      cancel.hidden = false;
      sync();
      amount.focus();
    }

    element.addEventListener('submit', async (event) => {
      event.preventDefault();
      const chosen = editing ? editing.kind : kind.value;
      const body = {
        amount: amount.value.trim().replace(',', '.'),
        currency: currency.value.trim().toUpperCase(),
        funderPartyCode: funder.value || null,
        partyCode: part.value || null,
        note: note.value.trim() || null,
      };
      if (!funder.value) body.funder = funderName.value.trim();
      if (chosen === 'spending') {
        body.spentOn = spentOn.value;
        body.reference = reference.value.trim() || null;
      }
      submit.disabled = true;
      submit.textContent = M.moneySaving;
      try {
        if (editing) {
          body.version = editing.entry.version;
          await api(`${url[chosen]}/${editing.entry.id}`, { method: 'PATCH', body });
        } else {
          await api(url[chosen], { method: 'POST', body });
        }
        show('success', M.moneySaved);
        reset();
        changed();
      } catch (error) {
        failed(error);
      } finally {
        submit.disabled = false;
        submit.textContent = M.moneySave;
      }
    });
    sync();
    return { element, edit };
  }

  void load();
  return root;
}

/** One table of amounts: a row per (label, currency), planned, spent and the share used. */
function amountsTable(id, caption, groups) {
  const rows = groups.flatMap(({ label, amounts }) =>
    amounts.map((a, i) =>
      h(
        'tr',
        { dataset: { currency: a.currency } },
        i === 0 ? h('th', { scope: 'row', rowspan: amounts.length, dir: 'auto' }, label) : '',
        h('td', { class: 'num' }, h('bdi', {}, fmtMoney(a.planned, a.currency))),
        h('td', { class: 'num' }, h('bdi', {}, fmtMoney(a.spent, a.currency))),
        h('td', { class: 'num' }, a.usePercent === null ? '—' : fmtPercent(a.usePercent)),
      ),
    ),
  );
  return h(
    'div',
    { class: 'table-wrap' },
    h(
      'table',
      { class: 'figures money-table', id },
      h('caption', {}, caption),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('td', {}),
          h('th', { scope: 'col', class: 'num' }, M.moneyPlanned),
          h('th', { scope: 'col', class: 'num' }, M.moneySpent),
          h('th', { scope: 'col', class: 'num' }, M.moneyUse),
        ),
      ),
      h('tbody', {}, rows),
    ),
  );
}

/** The plan's money card: totals, per party and per funder, each per currency (GET …/money). */
export function planMoneyCard(planId) {
  const body = h(
    'div',
    { class: 'money-plan-body' },
    h('p', { class: 'muted loading' }, M.loading),
  );
  const card = h(
    'section',
    { class: 'card money-plan', id: 'plan-money', 'aria-labelledby': 'plan-money-title' },
    h('h3', { id: 'plan-money-title' }, M.moneyPlanTitle),
    h('p', { class: 'muted small' }, M.moneyPlanHint),
    body,
  );
  api(`/api/action-plans/${planId}/money`)
    .then((money) => {
      if (money.totals.length === 0) {
        body.replaceChildren(h('p', { class: 'muted' }, M.moneyPlanEmpty));
        return;
      }
      body.replaceChildren(
        amountsTable('plan-money-totals', M.moneyTotal, [
          { label: M.moneyTotal, amounts: money.totals },
        ]),
        amountsTable(
          'plan-money-parties',
          M.moneyByParty,
          money.byParty.map((p) => ({ label: partLabel(p.partyCode), amounts: p.amounts })),
        ),
        amountsTable(
          'plan-money-funders',
          M.moneyByFunder,
          money.byFunder.map((f) => ({
            label: f.funderPartyCode ? partyName(f.funderPartyCode) : f.funder,
            amounts: f.amounts,
          })),
        ),
      );
    })
    .catch((error) => {
      if (isExpired(error)) return;
      body.replaceChildren(notice('error', M.moneyLoadFailed));
    });
  return card;
}
