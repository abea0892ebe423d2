// The plan's own history (renewals, imports), folded under the activity list: loaded when opened.
import { api, isExpired } from './api.js';
import { h, notice } from './dom.js';
import { M } from './format.js';
import { planEvent } from './history-view.js';

export function planHistoryCard(planId) {
  const list = h('ul', { class: 'history-list', id: 'plan-history-list' });
  let loaded = false;
  const details = h(
    'details',
    { class: 'card plan-history', id: 'plan-history' },
    h('summary', {}, h('h3', { class: 'inline-title' }, M.navPlanHistory)),
    list,
  );
  details.addEventListener('toggle', async () => {
    if (!details.open || loaded) return;
    loaded = true;
    list.replaceChildren(h('li', { class: 'muted' }, M.loading));
    try {
      const page = await api(`/api/action-plans/${planId}/history?pageSize=100`);
      const items = [...page.items].reverse();
      list.replaceChildren(
        ...(items.length ? items.map(planEvent) : [h('li', { class: 'muted' }, M.noHistory)]),
      );
    } catch (error) {
      loaded = false;
      if (!isExpired(error)) list.replaceChildren(h('li', {}, notice('error', M.navHistoryFailed)));
    }
  });
  return details;
}
