// Two charts drawn by hand in SVG: the status donut and the timeline of activities by deadline.
import { h, s } from './dom.js';
import {
  M,
  RTL,
  STATUSES,
  byDueDate,
  dateToDay,
  dayNumber,
  dayToDate,
  fmtDate,
  fmtMonth,
  fmtNumber,
  localized,
  pair,
  statusName,
  t,
} from './format.js';

/** Circles of circumference 100 (r = 100 / 2π), each status a dash as long as its share. */
export function statusDonut(byStatus, total) {
  const r = 15.9155;
  const ring = s('svg', {
    viewBox: '0 0 42 42',
    class: 'donut',
    role: 'img',
    'aria-label': t('statusChartLabel', { total: fmtNumber(total) }),
  });
  ring.append(s('circle', { cx: 21, cy: 21, r, class: 'donut-track' }));
  let offset = 0;
  for (const status of STATUSES) {
    const n = byStatus[status] || 0;
    if (!n) continue;
    const share = (n / total) * 100;
    ring.append(
      s(
        'circle',
        {
          cx: 21,
          cy: 21,
          r,
          class: 'donut-seg status-' + status,
          'stroke-dasharray': `${share} ${100 - share}`,
          'stroke-dashoffset': 25 - offset, // start at twelve o'clock
        },
        s('title', {}, pair(statusName(status), fmtNumber(n))),
      ),
    );
    offset += share;
  }
  ring.append(
    s(
      'text',
      {
        x: 21,
        y: 21,
        class: 'donut-total',
        'text-anchor': 'middle',
        'dominant-baseline': 'central',
      },
      fmtNumber(total),
    ),
  );
  return ring;
}

/**
 * One row per activity, by deadline: a bar from the planned start to the deadline ending in a dot,
 * coloured by status (overdue in red), over the plan's term with a line for today. In Arabic the
 * time axis runs from right to left and the titles sit on the right.
 */
export function timeline({ activities, startsOn, endsOn, today, onOpen }) {
  const items = [...activities].sort(byDueDate);
  const W = 1000;
  const left = 350;
  const right = W - 20;
  const top = 34;
  const rowH = 24;
  const H = top + Math.max(items.length, 1) * rowH + 10;
  const todayN = dayNumber(today);
  const from = Math.min(
    dayNumber(startsOn),
    todayN,
    ...items.map((a) => dayNumber(a.plannedStartOn || a.dueOn)),
  );
  const to = Math.max(dayNumber(endsOn), todayN, ...items.map((a) => dayNumber(a.dueOn)));
  const span = Math.max(to - from, 1);
  const x = (day) => {
    const ltr = left + ((day - from) / span) * (right - left);
    return RTL ? W - ltr : ltr;
  };
  // Positions are computed for both directions above, so the SVG itself is laid out left to right.
  const chart = s('svg', {
    viewBox: `0 0 ${W} ${H}`,
    class: 'timeline',
    role: 'img',
    'aria-label': t('timelineLabel', { total: fmtNumber(items.length) }),
    direction: 'ltr',
  });

  // A line each month; a label every one, two, three or six months depending on the span.
  const step = span > 900 ? 6 : span > 540 ? 3 : span > 270 ? 2 : 1;
  const first = dayToDate(from);
  for (
    let month = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth(), 1));
    dateToDay(month) <= to;
    month = new Date(Date.UTC(month.getUTCFullYear(), month.getUTCMonth() + 1, 1))
  ) {
    if (dateToDay(month) < from) continue;
    const gx = x(dateToDay(month));
    chart.append(s('line', { x1: gx, x2: gx, y1: top - 6, y2: H - 6, class: 'grid-line' }));
    if (month.getUTCMonth() % step === 0) {
      chart.append(
        s(
          'text',
          { x: gx, y: top - 12, class: 'axis-label', 'text-anchor': 'middle' },
          fmtMonth(month),
        ),
      );
    }
  }

  items.forEach((a, i) => {
    const y = top + i * rowH;
    const title = localized(a, 'title');
    const label = title.length > 44 ? title.slice(0, 43) + '…' : title;
    const x1 = x(dayNumber(a.plannedStartOn || a.dueOn));
    const x2 = x(dayNumber(a.dueOn));
    const row = s(
      'g',
      {
        class: 'tl-row status-' + a.status + (a.overdue ? ' is-overdue' : ''),
        tabindex: 0,
        role: 'button',
        'aria-label': `${title} — ${fmtDate(a.dueOn)} — ${statusName(a.status)}`,
        dataset: { id: a.id },
      },
      s(
        'title',
        {},
        `${title}\n${fmtDate(a.dueOn)} · ${statusName(a.status)}${a.overdue ? ' · ' + M.overdueBadge : ''}`,
      ),
      s('rect', { x: 0, y, width: W, height: rowH, class: 'tl-hit' }),
      s(
        'text',
        {
          x: RTL ? W - 8 : 8,
          y: y + rowH / 2,
          class: 'tl-label',
          'text-anchor': RTL ? 'end' : 'start',
          'dominant-baseline': 'central',
        },
        label,
      ),
      s('rect', {
        x: Math.min(x1, x2),
        y: y + 7,
        width: Math.max(Math.abs(x2 - x1), 3),
        height: rowH - 14,
        rx: 4,
        class: 'tl-bar',
      }),
      s('circle', { cx: x2, cy: y + rowH / 2, r: 5, class: 'tl-due' }),
    );
    row.addEventListener('click', () => onOpen(a.id));
    row.addEventListener('keydown', (event) => {
      if (event.key === 'Enter' || event.key === ' ') {
        event.preventDefault();
        onOpen(a.id);
      }
    });
    chart.append(row);
  });

  const tx = x(todayN);
  chart.append(
    s('line', { x1: tx, x2: tx, y1: top - 8, y2: H - 4, class: 'today-line' }),
    s(
      'text',
      {
        x: tx + (RTL ? -4 : 4),
        y: top - 26,
        class: 'today-label',
        'text-anchor': RTL ? 'end' : 'start',
      },
      M.today,
    ),
  );
  return chart;
}

/**
 * The timeline for a narrow box: one line per activity, by deadline, with a track over the plan's term
 * (the bar from the planned start to the deadline, a mark for today). Placed with logical CSS
 * properties, so the time axis runs from right to left in Arabic by itself.
 */
export function timelineList({ activities, startsOn, endsOn, today, onOpen }) {
  const items = [...activities].sort(byDueDate);
  const todayN = dayNumber(today);
  const from = Math.min(
    dayNumber(startsOn),
    todayN,
    ...items.map((a) => dayNumber(a.plannedStartOn || a.dueOn)),
  );
  const to = Math.max(dayNumber(endsOn), todayN, ...items.map((a) => dayNumber(a.dueOn)));
  const span = Math.max(to - from, 1);
  const at = (day) => ((day - from) / span) * 100;
  return h(
    'ol',
    {
      class: 'timeline-compact',
      'aria-label': t('timelineLabel', { total: fmtNumber(items.length) }),
    },
    items.map((a) => {
      const start = at(dayNumber(a.plannedStartOn || a.dueOn));
      const end = at(dayNumber(a.dueOn));
      const barEl = h('span', { class: 'tlc-bar' });
      barEl.style.insetInlineStart = start + '%';
      barEl.style.inlineSize = Math.max(end - start, 1.5) + '%';
      const todayEl = h('span', { class: 'tlc-today', 'aria-hidden': 'true' });
      todayEl.style.insetInlineStart = at(todayN) + '%';
      return h(
        'li',
        {
          class: 'tlc-row status-' + a.status + (a.overdue ? ' is-overdue' : ''),
          dataset: { id: a.id },
        },
        h(
          'button',
          { type: 'button', class: 'link tlc-title', dir: 'auto', onclick: () => onOpen(a.id) },
          localized(a, 'title'),
        ),
        h(
          'span',
          { class: 'tlc-meta' },
          h('time', { datetime: a.dueOn }, fmtDate(a.dueOn)),
          ' · ',
          statusName(a.status),
          a.overdue ? ' · ' + M.overdueBadge : '',
        ),
        h('span', { class: 'tlc-track', 'aria-hidden': 'true' }, barEl, todayEl),
      );
    }),
  );
}
