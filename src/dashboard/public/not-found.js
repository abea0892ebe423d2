// What a link to something the reader cannot open shows: a plain sentence and a way back, never a
// blank page. The API answers 404 for what is not the reader's to see as for what does not exist (so
// that ids cannot be probed), and 400 for an id that is not one; the page says the same for all three.
import { ApiError } from './api.js';
import { h } from './dom.js';
import { M } from './format.js';

/** Whether an API error means "no such item, or not yours to see". */
export function isNotVisible(error) {
  return error instanceof ApiError && [400, 403, 404].includes(error.status);
}

/** `kind`: activity, agreement, plan or page. */
export function notFoundCard(kind) {
  return h(
    'section',
    { class: 'card not-found', id: 'not-found', role: 'alert', dataset: { kind } },
    h('h2', {}, M.navNotFoundTitle),
    h('p', {}, M.navNotFound[kind] || M.navNotFound.page),
    h('p', {}, h('a', { href: '#', class: 'btn ghost' }, M.navBackToPlans)),
  );
}
