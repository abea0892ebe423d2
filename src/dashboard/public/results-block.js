// "Progress against target" on the plan's dashboard: each indicator with its achievement for the
// current year, as the API computes it, and a link to the results screen. Loaded after the plan is
// drawn, so a slow or refused results answer never holds up the plan.
import { api, isExpired } from './api.js';
import { bar, h, notice } from './dom.js';
import { M, fmtPercent, localized, t } from './format.js';
import { achievementFor, indexFramework, reportingYear } from './results-model.js';
import { hrefFor } from './router.js';

/** `today` is the plan's today (`YYYY-MM-DD`): it picks the year shown (see reportingYear). */
export function resultsProgressCard(planId, today) {
  const title = h('h3', { id: 'results-progress-title' }, M.resProgressTitleShort);
  const body = h('div', { class: 'res-progress-body' }, h('p', { class: 'muted' }, M.loading));
  const card = h(
    'section',
    {
      class: 'card res-progress',
      id: 'results-progress',
      dataset: { planId },
      'aria-labelledby': 'results-progress-title',
    },
    title,
    body,
    h(
      'p',
      {},
      h(
        'a',
        { href: hrefFor('plan', planId, 'results'), id: 'results-progress-link' },
        M.resOpenScreen,
      ),
    ),
  );
  void fill(planId, today || new Date().toISOString().slice(0, 10), { title, body, card });
  return card;
}

async function fill(planId, today, { title, body, card }) {
  const url = `/api/action-plans/${encodeURIComponent(planId)}/results`;
  let framework;
  let year;
  try {
    framework = indexFramework(await api(url));
    year = reportingYear(framework.periods, today);
    // The API reckons for the plan's current year by default: ask again for the year shown.
    if (framework.year !== year) framework = indexFramework(await api(`${url}?year=${year}`));
  } catch (error) {
    if (isExpired(error)) return;
    body.replaceChildren(notice('error', M.resLoadFailed));
    return;
  }
  title.textContent = t('resProgressTitle', { year });
  card.dataset.year = year;
  if (!framework.indicators.length) {
    body.replaceChildren(h('p', { class: 'muted', id: 'results-progress-empty' }, M.resNone));
    return;
  }
  // In the framework's order: by objective, then by indicator.
  const rows = framework.objectives
    .flatMap((o) => o.indicators)
    .map((indicator) => {
      const achievement = achievementFor(indicator, year);
      const percent = achievement ? achievement.percent : null;
      const known = percent !== null && percent !== undefined;
      return h(
        'li',
        {
          class: 'res-progress-item',
          dataset: { code: indicator.code, percent: known ? String(percent) : '' },
        },
        h(
          'a',
          { class: 'res-progress-name', href: hrefFor('plan', planId, 'results') },
          h('span', { class: 'res-code' }, indicator.code),
          ' ',
          h('span', { dir: 'auto' }, localized(indicator, 'title')),
        ),
        known
          ? h(
              'span',
              { class: 'res-progress-figure' },
              bar(percent, 'bar-sm', t('resAchievementOf', { year })),
              h('span', { class: 'pct' }, fmtPercent(percent)),
            )
          : h('span', { class: 'res-progress-figure muted small' }, M.resNoAchievement),
      );
    });
  body.replaceChildren(h('ul', { class: 'res-progress-list' }, rows));
  card.dataset.loaded = 'true';
}
