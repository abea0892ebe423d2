// The committee pack of one meeting: "Prepare the pack" (programme managers and admins), where it
// stands, and the PDF once the worker has printed it. The PDF needs the session, which a plain link
// cannot carry: it is fetched, then saved through an object URL (as the exports are).
import { ApiError, api, describeError, fetchFile, isExpired, session } from './api.js';
import { h, notice, saveFile } from './dom.js';
import { M, fmtInstant, t } from './format.js';

/** How often, and how many times, the status is asked again after a request (about two minutes). */
const POLL_EVERY_MS = 2000;
const POLL_TIMES = 60;

const canPrepare = () =>
  !!session.user && (session.user.role === 'admin' || session.user.role === 'programme_manager');

/**
 * The pack controls of `meeting` (`{ id, heldOn, … }`) of plan `planId`: an element the meetings
 * screen places beside each meeting.
 */
export function packControls(planId, meeting) {
  const base =
    '/api/action-plans/' +
    encodeURIComponent(planId) +
    '/meetings/' +
    encodeURIComponent(meeting.id) +
    '/pack';
  const state = h('p', { class: 'pack-state', role: 'status', 'aria-live': 'polite' });
  const message = h('div', { class: 'pack-message' });
  const prepare = h('button', { type: 'button', class: 'pack-prepare' }, M.packPrepare);
  const download = h(
    'button',
    { type: 'button', class: 'pack-download', hidden: true },
    M.packDownload,
  );
  const root = h(
    'div',
    { class: 'meeting-pack' },
    state,
    h('div', { class: 'pack-actions' }, canPrepare() ? prepare : null, download),
    message,
  );
  let timer = null;
  let polls = 0;

  const show = (pack) => {
    download.hidden = pack.status !== 'ready';
    prepare.textContent = pack.status === 'none' ? M.packPrepare : M.packPrepareAgain;
    prepare.disabled = pack.status === 'queued';
    if (pack.status === 'ready') {
      state.textContent = t('packReady', { date: fmtInstant(pack.generatedAt) });
    } else if (pack.status === 'queued') {
      state.textContent = M.packPreparing;
    } else if (pack.status === 'failed') {
      state.replaceChildren(notice('error', M.packFailed));
    } else {
      state.textContent = M.packNone;
    }
  };

  const refresh = async () => {
    try {
      const pack = await api(base);
      show(pack);
      return pack;
    } catch (error) {
      if (!isExpired(error)) message.replaceChildren(notice('error', describeError(error)));
      return null;
    }
  };

  // While the worker prints, ask again every few seconds, a bounded number of times.
  const poll = () => {
    clearTimeout(timer);
    timer = setTimeout(async () => {
      if (!root.isConnected) return;
      const pack = await refresh();
      if (pack && pack.status === 'queued' && ++polls < POLL_TIMES) poll();
    }, POLL_EVERY_MS);
  };

  prepare.addEventListener('click', async () => {
    message.replaceChildren();
    prepare.disabled = true;
    try {
      show(await api(base, { method: 'POST' }));
      polls = 0;
      poll();
    } catch (error) {
      prepare.disabled = false;
      if (!isExpired(error)) message.replaceChildren(notice('error', describeError(error)));
    }
  });

  download.addEventListener('click', async () => {
    message.replaceChildren();
    download.disabled = true;
    try {
      const file = await fetchFile(base + '.pdf');
      saveFile(file.blob, file.name || 'committee-pack.pdf');
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) await refresh();
      else if (!isExpired(error)) message.replaceChildren(notice('error', describeError(error)));
    } finally {
      download.disabled = false;
    }
  });

  state.textContent = M.packNone;
  refresh().then((pack) => {
    if (pack && pack.status === 'queued') poll();
  });
  return root;
}
