// History entries (an activity's changes, a plan's events) laid out so that they read right in every
// direction: each value is isolated in its own <bdi>, so "75 % → 60 %" keeps its order inside an Arabic
// sentence; the arrow points the way the line reads (← in Arabic); who and when are separate elements,
// and who is a person's name (the e-mail only when the history has no name).
import { h } from './dom.js';
import {
  M,
  RTL,
  fmtDate,
  fmtInstant,
  fmtNumber,
  fmtPercent,
  pair,
  partyName,
  statusName,
  t,
} from './format.js';

/** The arrow from the old value to the new one, in the reading direction of the page. */
export const CHANGE_ARROW = RTL ? '←' : '→';

/** Who did it: the name when the history carries one, else the e-mail, else a dash. */
export function actorLabel(item) {
  const name = item.actorName || (item.actor && item.actor.name);
  return name || item.actorEmail || (item.actor && item.actor.email) || '—';
}

const actorKey = (item) => item.actorId || item.actorEmail || actorLabel(item);

/** Rows of the same update (same instant, same person) as one entry: `{ at, who, note, items }`. */
export function groupUpdates(items) {
  const updates = [];
  for (const item of items) {
    const previous = updates[updates.length - 1];
    if (previous && previous.at === item.at && previous.key === actorKey(item)) {
      previous.items.push(item);
      if (!previous.note && item.note) previous.note = item.note;
    } else {
      updates.push({
        at: item.at,
        key: actorKey(item),
        who: actorLabel(item),
        email: item.actorEmail || null,
        note: item.note,
        items: [item],
      });
    }
  }
  return updates;
}

/** "Name · 2 déc. 2026, 10:04": two isolated parts, never run together. */
export function whoAndWhen(who, at, email) {
  return h(
    'span',
    { class: 'history-who' },
    h('bdi', { class: 'history-actor', title: email && email !== who ? email : undefined }, who),
    h('span', { class: 'history-sep', 'aria-hidden': 'true' }, ' · '),
    h('time', { class: 'history-when', datetime: at }, h('bdi', {}, fmtInstant(at))),
  );
}

/**
 * A history field as recorded (`status`, or `parts.MA.status` for one party's part, `evidence` for a
 * file) split into the party it concerns (null for the activity itself) and the field proper.
 */
function splitField(field) {
  const part = /^parts\.([^.]+)\.(.+)$/.exec(field);
  return part ? { partyCode: part[1], name: part[2] } : { partyCode: null, name: field };
}

function fieldLabel(field) {
  const { partyCode, name } = splitField(field);
  const label = M.fieldNames[name] || name;
  return partyCode ? `${partyName(partyCode)} · ${label}` : label;
}

/** One changed field: label, then the old and new values each in a <bdi>, with the arrow between. */
export function changeLine(recorded, fromValue, toValue) {
  const field = splitField(recorded).name;
  return h(
    'li',
    { class: 'history-change', dataset: { field: recorded } },
    h('span', { class: 'history-field' }, pair(fieldLabel(recorded), '')),
    h('bdi', { class: 'history-from', dir: valueDir(field) }, shownValue(field, fromValue)),
    ' ',
    h(
      'span',
      { class: 'history-arrow', role: 'img', 'aria-label': M.navHistoryChangedTo },
      CHANGE_ARROW,
    ),
    ' ',
    h('bdi', { class: 'history-to', dir: valueDir(field) }, shownValue(field, toValue)),
  );
}

/** One accepted update of an activity: who and when, each changed field, the reason given. */
export function activityChanges(update) {
  const changes = update.items
    .filter((i) => i.field !== 'completedOn')
    .map((i) => changeLine(i.field, i.fromValue, i.toValue));
  return h(
    'li',
    { class: 'history-entry' },
    whoAndWhen(update.who, update.at, update.email),
    changes.length ? h('ul', { class: 'history-what history-changes' }, changes) : '',
    update.note ? h('q', { class: 'history-note', dir: 'auto' }, update.note) : '',
  );
}

/** One event of a plan's life (renewal, import), in words, with who and when, linking to the other plan. */
export function planEvent(item) {
  const d = item.details || {};
  const count = (...keys) => fmtNumber(Number(keys.map((k) => d[k]).find((v) => v != null) ?? 0));
  let text;
  let link = '';
  if (item.event === 'activities_imported') {
    text = t('navPlanEventImported', { n: count('imported', 'created') });
  } else if (item.event === 'renewed') {
    text = t('navPlanEventRenewed', { n: count('carriedOver') });
    if (d.nextPlanId) link = h('a', { href: '#plan/' + d.nextPlanId }, M.navOpenNextPlan);
  } else if (item.event === 'opened_by_renewal') {
    text = t('navPlanEventOpened', { n: count('carriedOver') });
    if (d.previousPlanId)
      link = h('a', { href: '#plan/' + d.previousPlanId }, M.navOpenPreviousPlan);
  } else {
    text = item.event;
  }
  return h(
    'li',
    { class: 'history-entry', dataset: { event: item.event } },
    whoAndWhen(actorLabel(item), item.at, item.actorEmail),
    h('span', { class: 'history-what' }, text, link ? ' · ' : '', link),
  );
}

/**
 * Numbers read left to right in every language ("75 %"); words (a status, notes) take the direction of
 * their own first letter. A number alone has no strong direction, so `auto` would not settle it.
 */
const valueDir = (field) => (field === 'progressPercent' ? 'ltr' : 'auto');

function shownValue(field, value) {
  if (value === null || value === undefined || value === '') return '—';
  if (field === 'status') return statusName(value);
  if (field === 'progressPercent') return fmtPercent(value);
  if (/On$/.test(field)) return fmtDate(value);
  // A file is recorded as [kind, file name, SHA-256]: the reader needs the first two.
  if (field === 'evidence' && Array.isArray(value)) {
    const [kind, fileName] = value;
    return `${M.evKinds?.[kind] || kind} · ${fileName}`;
  }
  const text = Array.isArray(value) ? value.join(M.listSeparator) : String(value);
  return text.length > 60 ? text.slice(0, 59) + '…' : text;
}
