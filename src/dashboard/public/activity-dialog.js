// One activity in a modal dialog: its details, the update form (status, progress, notes, a reason kept
// in the history) and its recent changes. Optimistic locking: the form sends the version it showed;
// on 409 it explains, shows the fresh version and lets the person apply the change again.
import { activityPartsPanel } from './activity-parts-panel.js';
import { ApiError, api, describeError, isExpired, session } from './api.js';
import { $, h, notice } from './dom.js';
import { fieldErrorText } from './forms.js';
import {
  M,
  STATUSES,
  fmtDate,
  fmtNumber,
  localized,
  pair,
  partyName,
  statusName,
  t,
  typeName,
} from './format.js';
import { activityChanges, groupUpdates } from './history-view.js';
import { moneyPanel } from './money-panel.js';

const dialog = h('dialog', {
  id: 'activity-dialog',
  class: 'dialog',
  'aria-labelledby': 'activity-title',
});
let current = null;
let afterSave = () => {};

/**
 * `onSaved` runs after each accepted change (and after a conflict), to refresh the figures behind;
 * `onClosed(activity)` when the dialog closes, however it closes (button, Escape), so that the address
 * can stop naming the activity.
 */
export function setupActivityDialog(onSaved, onClosed = () => {}) {
  afterSave = onSaved;
  dialog.addEventListener('close', () => onClosed(current));
  document.body.append(dialog);
}

export function closeActivity() {
  if (dialog.open) dialog.close();
}

/** Opens the dialog on an activity; `loaded` spares a second read when the caller has it already. */
export async function openActivity(id, loaded) {
  current = null;
  dialog.replaceChildren(h('p', { class: 'muted loading' }, M.loading));
  if (!dialog.open) dialog.showModal();
  try {
    render(loaded && loaded.id === id ? loaded : await api(`/api/activities/${id}`));
  } catch (error) {
    if (isExpired(error)) return;
    const text =
      error instanceof ApiError && error.status === 404 ? M.notFound : describeError(error);
    dialog.replaceChildren(header(''), notice('error', text));
  }
}

/** Who may change what is the server's call; this only spares people a form they cannot submit. */
function canEdit(activity) {
  const user = session.user;
  if (!user) return false;
  if (user.role === 'admin' || user.role === 'programme_manager') return true;
  return user.role === 'focal_point' && activity.partyCodes.includes(user.partyCode);
}

const isPlanner = () =>
  session.user && (session.user.role === 'admin' || session.user.role === 'programme_manager');

function header(title) {
  return h(
    'header',
    { class: 'dialog-header' },
    h('h2', { id: 'activity-title', dir: 'auto' }, title),
    h(
      'button',
      {
        type: 'button',
        class: 'btn icon',
        'aria-label': M.close,
        title: M.close,
        onclick: closeActivity,
      },
      '×',
    ),
  );
}

function detail(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

function render(activity, message) {
  current = activity;
  const editable = canEdit(activity);
  const statusSelect = h(
    'select',
    { id: 'activity-status', name: 'status', disabled: !editable },
    STATUSES.map((st) => h('option', { value: st }, statusName(st))),
  );
  statusSelect.value = activity.status;
  const progressInput = h('input', {
    id: 'activity-progress',
    name: 'progressPercent',
    type: 'number',
    min: 0,
    max: 100,
    step: 1,
    inputmode: 'numeric',
    value: activity.progressPercent,
    disabled: !editable || activity.status === 'completed',
    'aria-describedby': 'activity-progress-hint',
  });
  const hint = h(
    'p',
    { id: 'activity-progress-hint', class: 'muted small', hidden: activity.status !== 'completed' },
    M.completedSetsFull,
  );
  const notesInput = h(
    'textarea',
    {
      id: 'activity-notes',
      name: 'notes',
      rows: 4,
      maxlength: 10000,
      dir: 'auto',
      disabled: !editable,
    },
    activity.notes || '',
  );
  const noteInput = h('input', {
    id: 'activity-note',
    name: 'note',
    type: 'text',
    maxlength: 2000,
    dir: 'auto',
    disabled: !editable,
  });
  const messageBox = h('div', { id: 'activity-message', class: 'dialog-message' }, message || '');
  const saveButton = h(
    'button',
    {
      type: 'submit',
      form: 'activity-form',
      class: 'btn primary',
      id: 'activity-save',
      disabled: !editable,
    },
    M.save,
  );
  statusSelect.addEventListener('change', () => {
    const completed = statusSelect.value === 'completed';
    if (completed) progressInput.value = 100; // the server sets 100 on completion and refuses less
    progressInput.disabled = completed;
    hint.hidden = !completed;
  });
  if (!editable) {
    const readOnly = session.user && session.user.role === 'observer';
    messageBox.append(notice('info', readOnly ? M.readOnly : M.forbidden));
  }

  const form = h(
    'form',
    { id: 'activity-form', class: 'activity-form', novalidate: true },
    h(
      'div',
      { class: 'form-row' },
      h('div', { class: 'field' }, h('label', { for: 'activity-status' }, M.status), statusSelect),
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'activity-progress' }, M.progress + ' (%)'),
        progressInput,
      ),
    ),
    hint,
    h('div', { class: 'field' }, h('label', { for: 'activity-notes' }, M.notes), notesInput),
    h('div', { class: 'field' }, h('label', { for: 'activity-note' }, M.changeNote), noteInput),
    messageBox,
  );
  // Outside the scrolling body, at the foot of the dialog: Save stays in view on a phone however long
  // the description and history are (the button submits the form through its `form` attribute).
  const actions = h(
    'div',
    { class: 'dialog-actions dialog-footer' },
    h(
      'span',
      { class: 'muted small', id: 'activity-version', dataset: { version: activity.version } },
      t('versionLabel', { n: fmtNumber(activity.version) }),
    ),
    // Managers plan: every field of the activity (dates, parties, title…) is on the planning form.
    isPlanner()
      ? h(
          'a',
          {
            class: 'btn ghost',
            id: 'activity-edit-link',
            // The route change closes the dialog (dashboard.js) and opens the form.
            href: '#activity/' + encodeURIComponent(activity.id) + '/edit',
          },
          M.plEdit,
        )
      : '',
    h('button', { type: 'button', class: 'btn ghost', onclick: closeActivity }, M.close),
    saveButton,
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const values = {
      status: statusSelect.value,
      progressPercent: Number(progressInput.value),
      notes: notesInput.value,
      note: noteInput.value.trim(),
    };
    save(activity, values, saveButton, messageBox);
  });

  const overdueText = activity.overdue ? ' · ' + M.overdueBadge : '';
  const details = h(
    'dl',
    { class: 'details' },
    detail(M.type, typeName(activity.type)),
    detail(M.lead, partyName(activity.leadPartyCode)),
    detail(M.parties, activity.partyCodes.map(partyName).join(M.listSeparator)),
    activity.plannedStartOn ? detail(M.plannedStart, fmtDate(activity.plannedStartOn)) : '',
    detail(
      M.dueOn,
      h(
        'span',
        { class: activity.overdue ? 'text-overdue' : '' },
        fmtDate(activity.dueOn),
        overdueText,
      ),
    ),
    detail(
      M.status,
      h('span', { class: 'badge status-' + activity.status }, statusName(activity.status)),
    ),
    activity.completedOn ? detail(M.completedOn, fmtDate(activity.completedOn)) : '',
  );
  const history = h(
    'section',
    { class: 'history', 'aria-labelledby': 'history-title' },
    h('h3', { id: 'history-title' }, M.history),
    h('ul', { id: 'history-list', class: 'history-list' }),
  );
  const description = localized(activity, 'description');
  dialog.replaceChildren(
    header(localized(activity, 'title')),
    h(
      'div',
      { class: 'dialog-body' },
      details,
      description ? h('p', { class: 'description', dir: 'auto' }, description) : '',
      activityPartsPanel(activity, (fresh) => (render(fresh), afterSave())), // each party's part
      moneyPanel(activity, () => loadHistory(activity.id)), // budget lines and spending
      form,
      history,
    ),
    actions,
  );
  loadHistory(activity.id);
}

/** Sends only what changed, with the version the form showed. */
async function save(activity, values, saveButton, messageBox) {
  const body = { version: activity.version };
  if (values.status !== activity.status) body.status = values.status;
  if (values.status !== 'completed' && values.progressPercent !== activity.progressPercent) {
    body.progressPercent = values.progressPercent;
  }
  if (values.notes !== (activity.notes || '')) body.notes = values.notes;
  if (Object.keys(body).length === 1) {
    messageBox.replaceChildren(notice('info', M.nothingChanged));
    return;
  }
  if (values.note) body.note = values.note;
  saveButton.disabled = true;
  saveButton.textContent = M.saving;
  try {
    const updated = await api(`/api/activities/${activity.id}`, { method: 'PATCH', body });
    render(updated, notice('success', M.saved));
    await afterSave();
  } catch (error) {
    saveButton.disabled = false;
    saveButton.textContent = M.save;
    if (isExpired(error)) return;
    if (error instanceof ApiError && error.status === 409)
      return reloadAfterConflict(activity.id, messageBox);
    messageBox.replaceChildren(notice('error', saveErrorText(error)));
  }
}

function saveErrorText(error) {
  if (!(error instanceof ApiError)) return describeError(error);
  if (error.status === 403) return M.forbidden;
  if (error.status === 404) return M.notFound;
  if (error.status === 400) {
    const errors = error.problem.errors || [];
    const detailText = errors.length
      ? errors.map((e) => pair(M.fieldNames[e.field] || e.field, fieldErrorText(e))).join(' · ')
      : error.problem.detail || '';
    return t('invalid', { detail: detailText });
  }
  return describeError(error);
}

/** 409: someone saved first. Show their version, explain, and let the person apply the change again. */
async function reloadAfterConflict(id, messageBox) {
  try {
    render(await api(`/api/activities/${id}`), notice('warning', M.conflict));
    await afterSave();
  } catch (error) {
    if (isExpired(error)) return;
    messageBox.replaceChildren(
      notice('warning', M.conflict),
      notice('error', describeError(error)),
    );
  }
}

/** The last changes, newest first, one entry per accepted update. A nicety: the form works without it. */
async function loadHistory(id) {
  try {
    const first = await api(`/api/activities/${id}/history?pageSize=200`);
    let items = first.items;
    if (first.total > items.length) {
      const last = Math.ceil(first.total / 200);
      items = (await api(`/api/activities/${id}/history?pageSize=200&page=${last}`)).items;
    }
    const list = $('#history-list', dialog);
    if (!list || !current || current.id !== id) return;
    const updates = groupUpdates(items).reverse();
    list.replaceChildren(
      ...(updates.length
        ? updates.slice(0, 8).map(activityChanges)
        : [h('li', { class: 'muted' }, M.noHistory)]),
    );
  } catch {
    // leave the list empty
  }
}
