// Building blocks shared by the administration, reminder-rule and account screens: a screen header,
// the tabs between the administration screens, tables that become cards on a phone, a two-step
// confirmation instead of window.confirm(), and the names (languages, reminder kinds) shown for codes.
import { listAll } from './api.js';
import { h } from './dom.js';
import { M, setParties } from './format.js';

export const LANGUAGE_CODES = ['fr', 'en', 'ar'];
export const ROLES = ['admin', 'programme_manager', 'focal_point', 'observer'];

/** The screen's title and a sentence on what it is for. */
export function screenHeader(id, title, intro) {
  return h(
    'header',
    { class: 'adm-header' },
    h('h2', { id, tabindex: '-1' }, title),
    intro ? h('p', { class: 'muted' }, intro) : '',
  );
}

const ADMIN_TABS = [
  ['admin/users', () => M.admTabUsers],
  ['admin/parties', () => M.admTabParties],
  ['admin/webhooks', () => M.admTabWebhooks],
];

/**
 * The tabs between the three administration screens. Only `admin/users` has an entry in the main
 * navigation ("Administration"); it stays marked while any of the three is on screen.
 */
export function adminTabs(current) {
  queueMicrotask(() => {
    const entry = document.querySelector('.app-nav a[data-route="admin/users"]');
    if (entry) entry.setAttribute('aria-current', 'page');
  });
  return h(
    'nav',
    { class: 'adm-tabs', 'aria-label': M.admTabsLabel },
    h(
      'ul',
      {},
      ADMIN_TABS.map(([path, label]) =>
        h(
          'li',
          {},
          h(
            'a',
            { href: '#' + path, 'aria-current': path === current ? 'page' : undefined },
            label(),
          ),
        ),
      ),
    ),
  );
}

/**
 * A table on a wide screen, a stack of cards on a phone (CSS in admin.css, with each cell's column
 * name from `data-label`). `columns`: [{ label, cell(row) → node or text, className }].
 */
export function dataTable({ caption, columns, rows, rowAttrs, empty }) {
  if (rows.length === 0) return h('p', { class: 'muted adm-empty' }, empty);
  const table = h(
    'table',
    { class: 'adm-table' },
    caption ? h('caption', { class: 'visually-hidden' }, caption) : '',
    h(
      'thead',
      {},
      h(
        'tr',
        {},
        columns.map((c) => h('th', { scope: 'col', class: c.className }, c.label)),
      ),
    ),
    h(
      'tbody',
      {},
      rows.map((row) =>
        h(
          'tr',
          rowAttrs ? rowAttrs(row) : {},
          columns.map((c) => h('td', { 'data-label': c.label, class: c.className }, c.cell(row))),
        ),
      ),
    ),
  );
  return h('div', { class: 'adm-table-wrap' }, table);
}

/**
 * A button that asks once more before doing something hard to undo: the first click shows "confirm"
 * and "cancel" in its place.
 */
export function confirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  className = 'btn ghost',
}) {
  const box = h('span', { class: 'adm-confirm' });
  const first = h('button', { type: 'button', class: className, onclick: ask }, label);
  box.append(first);
  function ask() {
    const yes = h(
      'button',
      { type: 'button', class: 'btn danger', onclick: () => void run(yes) },
      confirmLabel,
    );
    const no = h('button', { type: 'button', class: 'btn ghost', onclick: reset }, M.formCancel);
    box.replaceChildren(h('span', { class: 'adm-confirm-question' }, question), yes, no);
    yes.focus();
  }
  function reset() {
    box.replaceChildren(first);
    first.focus();
  }
  async function run(button) {
    button.disabled = true;
    try {
      await onConfirm();
    } finally {
      if (button.isConnected) button.disabled = false;
    }
  }
  return box;
}

/**
 * A button that opens and closes a form below it ("Invite a person", "Add a party"): the form is built
 * afresh at each opening, `build(close)` gets the way to fold it again, and its first field takes focus.
 */
export function disclosure({ id, label, boxClass, build }) {
  const box = h('div', { class: boxClass, hidden: true });
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn primary',
      id,
      'aria-expanded': 'false',
      onclick: () => {
        const opening = box.hidden;
        box.hidden = !opening;
        button.setAttribute('aria-expanded', String(opening));
        if (opening) {
          box.replaceChildren(build(() => button.click()));
          box.querySelector('input')?.focus();
        }
      },
    },
    label,
  );
  return { button, box };
}

export const languageName = (code) => M.admLanguageNames[code] || code;

/** A reminder kind in words: its name, and a sentence saying when it is sent. */
export const ruleKindName = (kind) => M.admRuleKinds[kind] || kind.replace(/_/g, ' ');
export const ruleKindHint = (kind) => M.admRuleKindHints[kind] || '';
export const channelName = (channel) => M.admChannels[channel] || channel;

/** Every party, also handed to partyName() so that names follow the latest edit. */
export async function loadParties() {
  const parties = await listAll('/api/parties');
  setParties(parties);
  return parties;
}

/** Moves focus to the screen's title, for screen readers, after the screen replaced itself. */
export function focusTitle(view) {
  view.querySelector('h2')?.focus({ preventScroll: true });
}
