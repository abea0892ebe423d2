// Shared pieces of the planning screens (agreements, plans, activities, import): who may plan, the
// parties as form options, the optional fields for titles in other languages, the term arithmetic the
// forms preview, page headers and the confirmation dialog.
import { listAll, session } from './api.js';
import { h, notice } from './dom.js';
import { M, partyName, setParties } from './format.js';

/**
 * A message with its `{placeholders}` filled by isolated values (`<bdi>`): a French title inside an
 * Arabic sentence keeps its own direction and leaves the quotes around it where they belong.
 */
export function ti(key, params) {
  return M[key]
    .split(/(\{\w+\})/)
    .filter(Boolean)
    .map((part) => {
      const name = /^\{(\w+)\}$/.exec(part)?.[1];
      return name && params && name in params ? h('bdi', {}, String(params[name])) : part;
    });
}

/** Roles that plan: the API lets them write agreements, plans and activities. */
export const PLANNING_ROLES = ['programme_manager', 'admin'];

/**
 * Titles and descriptions in fr/en/ar (`translations` in write bodies) and the agreement's
 * `documentUrl`, which the content part of the API adds. `'auto'` offers the fields when the API has
 * that part, known by its party views carrying `names` (same change); `true` or `false` forces it.
 * An API without it answers 400 for an unknown field, so the page must not send them blindly.
 */
export const CONTENT_TRANSLATIONS = 'auto';

/** Whether the forms offer the translation fields (call after loadParties()). */
export function translationsAccepted() {
  if (CONTENT_TRANSLATIONS !== 'auto') return CONTENT_TRANSLATIONS;
  return Boolean(partiesCache && partiesCache.some((party) => 'names' in party));
}

export const CONTENT_LANGUAGES = ['fr', 'en', 'ar'];

export function canPlan(user = session.user) {
  return Boolean(user && PLANNING_ROLES.includes(user.role));
}

let partiesCache = null;

/** Every party, loaded once per page (and handed to partyName() so names follow the language). */
export async function loadParties() {
  if (!partiesCache) {
    partiesCache = await listAll('/api/parties');
    setParties(partiesCache);
  }
  return partiesCache;
}

/** Options for a party field, by name in the page's language; `extra` codes are kept even if unknown. */
export function partyOptions(parties, extra = []) {
  const codes = [...new Set([...parties.map((p) => p.code), ...extra])];
  return codes
    .map((code) => ({ value: code, label: `${partyName(code)} (${code})` }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

/** The original title of an agreement, plan or activity, as signed: required, at most 500 characters. */
export function titleField(item) {
  return {
    name: 'title',
    label: M.plTitleOriginal,
    required: true,
    maxLength: 500,
    value: item?.title ?? '',
    wide: true,
    hint: M.plTitleOriginalHint,
  };
}

/**
 * Optional "Title (English)"… fields named `translations.<lang>.title` (and `.description`), so that
 * the API's errors on those paths land beside them. On an edit, an emptied field sends null, which
 * removes that translation.
 */
export function translationFields(item, { description = false, editing = false } = {}) {
  if (!translationsAccepted()) return [];
  const own = (item && item.translations) || {};
  const emptyAs = editing ? 'null' : 'omit';
  return CONTENT_LANGUAGES.flatMap((lang) => [
    {
      name: `translations.${lang}.title`,
      label: M.plTitleIn[lang],
      maxLength: 500,
      value: own[lang]?.title ?? '',
      emptyAs,
      dir: lang === 'ar' ? 'rtl' : 'ltr',
    },
    description
      ? {
          name: `translations.${lang}.description`,
          label: M.plDescriptionIn[lang],
          type: 'textarea',
          maxLength: 10000,
          value: own[lang]?.description ?? '',
          emptyAs,
          dir: lang === 'ar' ? 'rtl' : 'ltr',
        }
      : null,
  ]).filter(Boolean);
}

/**
 * A translations object from a form's values with nothing but nulls and blanks dropped on a creation
 * (the API needs no empty language blocks).
 */
export function pruneTranslations(body) {
  const tr = body.translations;
  if (!tr) return body;
  for (const lang of Object.keys(tr)) {
    if (tr[lang] && Object.values(tr[lang]).every((v) => v === null || v === '')) delete tr[lang];
  }
  if (Object.keys(tr).length === 0) delete body.translations;
  return body;
}

// ---------------------------------------------------------------- term arithmetic (as the API does it)

function parseDay(ymd) {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(ymd || '');
  return m ? { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) } : null;
}
const pad = (n, w = 2) => String(n).padStart(w, '0');
const daysIn = (y, m) => new Date(Date.UTC(y, m, 0)).getUTCDate();
const fmt = ({ y, m, d }) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;

function addMonths(ymd, months) {
  const p = parseDay(ymd);
  const index = p.y * 12 + (p.m - 1) + months;
  const y = Math.floor(index / 12);
  const m = index - y * 12 + 1;
  return fmt({ y, m, d: Math.min(p.d, daysIn(y, m)) });
}

function addDays(ymd, days) {
  const date = new Date(Date.parse(ymd + 'T00:00:00Z') + days * 86400000);
  return date.toISOString().slice(0, 10);
}

/** Last day of a term of `months` from `start` (agreement-terms.ts termExpiresOn). */
export function termEnd(start, months) {
  if (!parseDay(start) || !Number.isInteger(months) || months < 1 || months > 1200) return '';
  const later = addMonths(start, months);
  return later.slice(8) !== start.slice(8) ? later : addDays(later, -1);
}

/** The whole number of months whose term from `start` ends on `end`, or null. */
export function monthsUntil(start, end) {
  const s = parseDay(start);
  const e = parseDay(end);
  if (!s || !e || end < start) return null;
  const guess = (e.y - s.y) * 12 + (e.m - s.m);
  for (const months of [guess, guess + 1, guess - 1]) {
    if (months >= 1 && months <= 1200 && termEnd(start, months) === end) return months;
  }
  return null;
}

/**
 * Keeps a duration field and an end-date field in step: a duration shows its last day; an end date that
 * closes a whole number of months sets the duration, any other is refused beside the field.
 */
export function linkTerm(form, { start, fallbackStart, duration, end }) {
  const startInput = form.field(start);
  const fallback = fallbackStart ? form.field(fallbackStart) : null;
  const durationInput = form.field(duration);
  const endInput = form.field(end);
  const from = () => startInput.value || fallback?.value || '';
  const fromDuration = () => {
    endInput.setCustomValidity('');
    endInput.value = termEnd(from(), Number(durationInput.value));
  };
  const fromEnd = () => {
    if (!endInput.value) return endInput.setCustomValidity('');
    const months = monthsUntil(from(), endInput.value);
    endInput.setCustomValidity(months ? '' : M.plEndNotWholeMonths);
    if (months) durationInput.value = String(months);
  };
  durationInput.addEventListener('input', fromDuration);
  startInput.addEventListener('input', fromDuration);
  fallback?.addEventListener('input', fromDuration);
  endInput.addEventListener('change', fromEnd);
  fromDuration();
}

// ---------------------------------------------------------------- page pieces

let flash = null;

/** A success message for the next screen (what a save led to), shown once. */
export function setFlash(text) {
  flash = text;
}

/** The message left by setFlash, as a notice, or '' (and forgets it). */
export function takeFlash() {
  const text = flash;
  flash = null;
  return text ? notice('success', text) : '';
}

/** A planning screen: a back link, a title, what the last save did, and its content, in one card. */
export function screenCard(view, { title, back, backLabel, intro, id }, ...content) {
  const done = takeFlash();
  view.replaceChildren(
    h(
      'section',
      { class: 'card pl-screen', id, 'aria-labelledby': 'pl-screen-title' },
      back ? h('p', { class: 'pl-back' }, h('a', { href: back }, backLabel || M.plBack)) : '',
      h('h2', { id: 'pl-screen-title', dir: 'auto' }, title),
      done ? h('div', { class: 'pl-flash' }, done) : '',
      intro ? h('p', { class: 'muted pl-intro' }, intro) : '',
      ...content,
    ),
  );
  document.getElementById('main')?.focus({ preventScroll: true });
}

/**
 * A confirmation in the page (a modal `<dialog>`, not window.confirm): answers true when confirmed.
 * `content` may hold inputs; `validate()` returning false keeps the dialog open.
 */
export function confirmInPage({ title, text, confirmLabel, danger = false, content, validate }) {
  return new Promise((resolve) => {
    const dialog = h('dialog', {
      class: 'dialog pl-dialog',
      'aria-labelledby': 'pl-dialog-title',
      'aria-describedby': 'pl-dialog-text',
    });
    const finish = (answer) => {
      dialog.close();
      dialog.remove();
      resolve(answer);
    };
    const confirm = h(
      'button',
      { type: 'submit', class: 'btn ' + (danger ? 'danger' : 'primary'), id: 'pl-dialog-confirm' },
      confirmLabel,
    );
    const form = h(
      'form',
      {
        method: 'dialog',
        class: 'dialog-body',
        onsubmit: (event) => {
          event.preventDefault();
          if (validate && !validate()) return;
          finish(true);
        },
      },
      h('p', { id: 'pl-dialog-text' }, text),
      content || '',
      h(
        'div',
        { class: 'dialog-actions' },
        h(
          'button',
          {
            type: 'button',
            class: 'btn ghost',
            id: 'pl-dialog-cancel',
            onclick: () => finish(false),
          },
          M.plKeep,
        ),
        confirm,
      ),
    );
    dialog.append(
      h('header', { class: 'dialog-header' }, h('h2', { id: 'pl-dialog-title' }, title)),
      form,
    );
    dialog.addEventListener('cancel', (event) => {
      event.preventDefault();
      finish(false);
    });
    document.body.append(dialog);
    dialog.showModal();
    (content?.querySelector?.('textarea, input') || confirm).focus();
  });
}

/** Time zones for a select: every zone this browser knows, with the current value kept. */
export function timeZoneOptions(current) {
  const zones =
    typeof Intl.supportedValuesOf === 'function'
      ? Intl.supportedValuesOf('timeZone')
      : ['Africa/Casablanca', 'Africa/Abidjan', 'UTC'];
  const all = current && !zones.includes(current) ? [current, ...zones] : zones;
  return all.map((zone) => ({ value: zone, label: zone }));
}
