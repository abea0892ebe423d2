// Words, numbers and dates in the page's language. The server put the language's dictionary in the page
// as JSON (#i18n); nothing here is hard-coded in one language.

const config = JSON.parse(document.getElementById('i18n').textContent);

/** The dictionary of the page's language (src/dashboard/i18n.ts). */
export const M = config.messages;
export const LOCALE = config.locale;
/** The page's language code (fr, en, ar): the key of content translations and party names. */
export const LANG = config.lang;
export const RTL = config.dir === 'rtl';

export const STATUSES = ['planned', 'in_progress', 'completed', 'postponed', 'cancelled'];
export const CLOSED = new Set(['completed', 'cancelled']);

const DAY_MS = 86400000;
const plurals = new Intl.PluralRules(LOCALE);
const numberFormat = new Intl.NumberFormat(LOCALE);
const percentFormat = new Intl.NumberFormat(LOCALE, { style: 'percent', maximumFractionDigits: 1 });
// Calendar dates are days, not instants: format them in UTC so no time zone can shift them.
const dateFormat = new Intl.DateTimeFormat(LOCALE, {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
const monthFormat = new Intl.DateTimeFormat(LOCALE, {
  month: 'short',
  year: '2-digit',
  timeZone: 'UTC',
});
const instantFormat = new Intl.DateTimeFormat(LOCALE, { dateStyle: 'medium', timeStyle: 'short' });
const regionNames =
  typeof Intl.DisplayNames === 'function'
    ? new Intl.DisplayNames([LOCALE], { type: 'region' })
    : null;

function fill(template, params) {
  return template.replace(/\{(\w+)\}/g, (all, name) =>
    params && name in params ? String(params[name]) : all,
  );
}

/** A message with its `{placeholders}` filled. */
export const t = (key, params) => fill(M[key], params);

/** A plural message: the form for `n` in this language (Arabic has six). */
export function tp(key, n) {
  const forms = M[key];
  return fill(forms[plurals.select(n)] || forms.other, { n: numberFormat.format(n) });
}

/** "label : value" in French, "label: value" elsewhere. */
export const pair = (label, value) => fill(M.pair, { label, value });

export const fmtNumber = (n) => numberFormat.format(n);
export const fmtPercent = (p) => percentFormat.format((Number(p) || 0) / 100);
export const fmtDate = (ymd) => (ymd ? dateFormat.format(new Date(ymd + 'T00:00:00Z')) : '—');
export const fmtMonth = (date) => monthFormat.format(date);
export const fmtInstant = (iso) => instantFormat.format(new Date(iso));

/** Days since 1970-01-01 of a `YYYY-MM-DD` date, to compare and subtract dates. */
export const dayNumber = (ymd) => Date.parse(ymd + 'T00:00:00Z') / DAY_MS;
export const dayToDate = (day) => new Date(day * DAY_MS);
export const dateToDay = (date) => date.getTime() / DAY_MS;

export const statusName = (s) => M.statusNames[s] || s;
export const typeName = (s) => M.typeNames[s] || s;

/** Parties by code, as loaded from GET /api/parties (setParties): their names per language. */
let partiesByCode = new Map();

/** Remembers the parties (`{ code, name, names: { fr, en, ar } }`) so partyName can name them. */
export function setParties(list) {
  partiesByCode = new Map((list || []).map((p) => [p.code, p]));
}

/**
 * A party by name in the page language: its recorded name (IOM → OIM in French), else the country's
 * name for an ISO code (MA → Maroc, Morocco, المغرب), else its full name, else the code.
 */
export function partyName(code) {
  const party = partiesByCode.get(code);
  const recorded = party && party.names && party.names[LANG];
  if (recorded) return recorded;
  if (regionNames && /^[A-Z]{2}$/.test(code)) {
    try {
      const name = regionNames.of(code);
      if (name && name !== code) return name;
    } catch {
      // an unknown region: fall back to the name or the code
    }
  }
  return (party && party.name) || code;
}

/**
 * An agreement's, plan's or activity's title or description in the page language when it was given
 * (`translations[lang][field]`), else the original.
 */
export function localized(item, field) {
  if (!item) return '';
  const translated = item.translations && item.translations[LANG] && item.translations[LANG][field];
  return translated || item[field] || '';
}

/** "20 days late", "in 5 days" or "due today", from the plan's today. */
export function relativeDue(dueOn, today) {
  const days = dayNumber(dueOn) - dayNumber(today);
  if (days < 0) return tp('daysLate', -days);
  return days === 0 ? M.dueToday : tp('daysLeft', days);
}

export const byDueDate = (a, b) =>
  a.dueOn === b.dueOn
    ? localized(a, 'title').localeCompare(localized(b, 'title'))
    : a.dueOn < b.dueOn
      ? -1
      : 1;
