// The plan's exports: the list's activities as Excel or CSV (with the list's filters), the IATI file for
// the donor, and a calendar subscription through a revocable feed token. The files need the bearer
// token, which a link cannot carry: they are fetched, then saved through an object URL.
import { ApiError, api, describeError, fetchFile, isExpired, listAll } from './api.js';
import { h, notice, saveFile } from './dom.js';
import { CLOSED, M, STATUSES, fmtInstant, fmtNumber, partyName, statusName, t } from './format.js';

/** The feed address created last: shown again when the same plan is redrawn, forgotten otherwise. */
let created = null;

/** A newly chosen plan (or another user) does not see the previous feed address. */
export function resetExports() {
  created = null;
}

/** What "open activities only" lets through: every status but completed and cancelled. */
const OPEN_STATUSES = STATUSES.filter((status) => !CLOSED.has(status));

/** The list's filters as the export routes' query parameters. */
export function exportQuery(filters) {
  const query = new URLSearchParams();
  if (filters.status) query.set('status', filters.status);
  else if (filters.openOnly) query.set('status', OPEN_STATUSES.join(','));
  if (filters.party) query.set('party', filters.party);
  if (filters.overdue) query.set('overdue', 'true');
  const text = query.toString();
  return text ? '?' + text : '';
}

/** "File downloaded: NAME", the name isolated so that it reads left to right in Arabic too. */
function downloadedText(name) {
  const [before, after] = M.downloaded.split('{name}');
  return [before, h('bdi', { dir: 'ltr' }, name), after];
}

function fileError(error) {
  return error instanceof ApiError
    ? t('exportFailed', { status: error.status })
    : describeError(error);
}

/**
 * Runs `action` with `button` disabled; a failure is told in `message` (as `describe` words it), except a
 * lost session, which the sign-in form already explains.
 */
async function busy(button, message, action, describe = describeError) {
  button.disabled = true;
  button.setAttribute('aria-busy', 'true');
  try {
    await action();
  } catch (error) {
    if (!isExpired(error)) message.replaceChildren(notice('error', describe(error)));
  } finally {
    button.disabled = false;
    button.removeAttribute('aria-busy');
  }
}

function group(id, title, ...children) {
  return h(
    'section',
    { class: 'export-group', id, 'aria-labelledby': id + '-title' },
    h('h4', { id: id + '-title' }, title),
    ...children,
  );
}

/**
 * The "Exports" card of one plan. `getFilters` answers the list's current filters; call
 * `update(filters, shown, total)` whenever they change.
 */
export function exportsCard(plan, getFilters) {
  const base = '/api/action-plans/' + encodeURIComponent(plan.planId);
  if (created && created.planId !== plan.planId) created = null;

  const download = (button, message, path) =>
    busy(
      button,
      message,
      async () => {
        message.replaceChildren(notice('info', M.downloading));
        const file = await fetchFile(path);
        const name = file.name || path.split('/').pop().split('?')[0];
        saveFile(file.blob, name);
        message.replaceChildren(notice('success', downloadedText(name)));
      },
      fileError,
    );

  // Activities of the list, as filtered there.
  const scope = h('p', { class: 'muted small', id: 'export-scope' });
  const applied = h('ul', { class: 'chips export-filters', 'aria-label': M.exportFilters });
  const listMessage = h('div', { class: 'export-message', id: 'export-list-message' });
  const listButton = (id, label, file) => {
    const button = h('button', { type: 'button', class: 'btn ghost', id }, label);
    button.addEventListener('click', () =>
      download(button, listMessage, `${base}/${file}${exportQuery(getFilters())}`),
    );
    return button;
  };
  const listGroup = group(
    'export-list',
    M.exportListTitle,
    scope,
    applied,
    h(
      'div',
      { class: 'export-actions' },
      listButton('export-xlsx', M.downloadExcel, 'activities.xlsx'),
      listButton('export-csv', M.downloadCsv, 'activities.csv'),
    ),
    listMessage,
  );

  // The whole plan for the donor.
  const iatiMessage = h('div', { class: 'export-message', id: 'export-iati-message' });
  const iatiButton = h(
    'button',
    { type: 'button', class: 'btn ghost', id: 'export-iati' },
    M.downloadIati,
  );
  iatiButton.addEventListener('click', () => download(iatiButton, iatiMessage, `${base}/iati.xml`));
  const iatiGroup = group(
    'export-iati-group',
    M.iatiTitle,
    h('p', { class: 'muted small' }, M.iatiHint),
    h('div', { class: 'export-actions' }, iatiButton),
    iatiMessage,
  );

  return {
    element: h(
      'section',
      { class: 'card', id: 'exports', 'aria-labelledby': 'exports-title' },
      h('h3', { id: 'exports-title' }, M.exports),
      h('div', { class: 'export-grid' }, listGroup, iatiGroup, calendarGroup(plan, base)),
    ),
    update(filters, shown, total) {
      scope.textContent = t('exportScope', { shown: fmtNumber(shown), total: fmtNumber(total) });
      const names = [
        filters.status ? statusName(filters.status) : '',
        filters.party ? partyName(filters.party) : '',
        filters.overdue ? M.overdueOnly : '',
        filters.openOnly && !filters.status ? M.navOpenOnly : '',
      ].filter(Boolean);
      applied.replaceChildren(...names.map((name) => h('li', { class: 'chip' }, name)));
      applied.hidden = names.length === 0;
    },
  };
}

/** Subscribing: a feed token labelled with the plan's title, its address, and the user's live tokens. */
function calendarGroup(plan, base) {
  const message = h('div', { class: 'export-message', id: 'calendar-message' });
  const createdBox = h('div', { class: 'feed-created', id: 'feed-created', hidden: true });
  const list = h(
    'ul',
    { class: 'feed-list', id: 'feed-list', 'aria-labelledby': 'feed-list-title' },
    h('li', { class: 'muted small' }, M.loading),
  );
  const subscribe = h(
    'button',
    { type: 'button', class: 'btn primary', id: 'calendar-subscribe' },
    M.subscribe,
  );
  let listSeq = 0;

  function showCreated() {
    createdBox.hidden = !created;
    if (!created) return createdBox.replaceChildren();
    createdBox.dataset.tokenId = created.id;
    const input = h('input', {
      id: 'calendar-feed-url',
      type: 'text',
      readonly: true,
      dir: 'ltr',
      spellcheck: 'false',
      autocomplete: 'off',
    });
    input.value = created.url;
    input.addEventListener('focus', () => input.select());
    const copy = h(
      'button',
      { type: 'button', class: 'btn ghost', id: 'calendar-feed-copy' },
      M.copy,
    );
    copy.addEventListener('click', async () => {
      input.focus();
      input.select();
      try {
        await navigator.clipboard.writeText(input.value);
        message.replaceChildren(notice('success', M.copied));
      } catch {
        message.replaceChildren(notice('info', M.copyFailed));
      }
    });
    createdBox.replaceChildren(
      h(
        'div',
        { class: 'field' },
        h('label', { for: 'calendar-feed-url' }, M.feedUrl),
        h('div', { class: 'copy-row' }, input, copy),
      ),
      h(
        'a',
        {
          class: 'webcal-link',
          id: 'calendar-webcal',
          href: created.url.replace(/^https?:/, 'webcal:'),
        },
        M.openInCalendar,
      ),
      h('p', { class: 'muted small' }, M.feedNote),
    );
  }

  async function refreshList() {
    const seq = ++listSeq;
    let tokens;
    try {
      tokens = await listAll('/api/feed-tokens');
    } catch (error) {
      if (seq === listSeq && !isExpired(error))
        list.replaceChildren(h('li', {}, notice('error', describeError(error))));
      return;
    }
    if (seq !== listSeq) return;
    const live = tokens.filter((token) => !token.revokedAt);
    list.replaceChildren(
      ...(live.length ? live.map(feedItem) : [h('li', { class: 'empty muted small' }, M.noFeeds)]),
    );
  }

  function feedItem(token) {
    const label = token.label || M.feedUnnamed;
    const when = t('feedCreated', { when: fmtInstant(token.createdAt) });
    const revoke = h(
      'button',
      {
        type: 'button',
        class: 'btn ghost danger',
        'aria-label': t('revokeNamed', { label, created: when }),
      },
      M.revoke,
    );
    revoke.addEventListener('click', () =>
      busy(revoke, message, async () => {
        try {
          await api('/api/feed-tokens/' + encodeURIComponent(token.id), { method: 'DELETE' });
        } catch (error) {
          // Revoked elsewhere meanwhile: it is gone either way.
          if (!(error instanceof ApiError && error.status === 404)) throw error;
        }
        if (created && created.id === token.id) {
          created = null;
          showCreated();
        }
        message.replaceChildren(notice('success', M.revoked));
        subscribe.focus();
        await refreshList();
      }),
    );
    return h(
      'li',
      { class: 'feed', dataset: { id: token.id } },
      h(
        'span',
        { class: 'feed-main' },
        h('span', { class: 'feed-label', dir: 'auto' }, label),
        h(
          'span',
          { class: 'feed-meta' },
          when,
          ' · ',
          token.lastUsedAt
            ? t('feedLastUsed', { when: fmtInstant(token.lastUsedAt) })
            : M.feedNeverUsed,
        ),
      ),
      revoke,
    );
  }

  subscribe.addEventListener('click', () =>
    busy(subscribe, message, async () => {
      message.replaceChildren();
      const token = await api('/api/feed-tokens', {
        method: 'POST',
        body: { label: plan.planTitle.slice(0, 200) },
      });
      created = {
        planId: plan.planId,
        id: token.id,
        url: `${location.origin}${base}/calendar.ics?token=${encodeURIComponent(token.token)}`,
      };
      showCreated();
      document.getElementById('calendar-feed-url')?.focus();
      await refreshList();
    }),
  );

  showCreated();
  void refreshList();
  return group(
    'export-calendar',
    M.calendarTitle,
    h('p', { class: 'muted small' }, M.calendarHint),
    h('div', { class: 'export-actions' }, subscribe),
    createdBox,
    message,
    h('h5', { id: 'feed-list-title' }, M.feedList),
    list,
  );
}
