// A time zone picker that a person can search: every IANA zone the browser knows, grouped by region,
// each labelled with its city, its name in the page's language ("heure du Maroc") and its current
// offset, and a filter box that narrows the list as one types a city, a country or an offset.
import { h } from './dom.js';
import { LOCALE, M } from './format.js';

/** Every zone the browser knows, plus `extra` (the current value, even if this browser lacks it). */
function zoneNames(extra) {
  let zones = [];
  try {
    zones = Intl.supportedValuesOf('timeZone');
  } catch {
    zones = [];
  }
  const all = new Set(zones);
  for (const zone of extra) if (zone) all.add(zone);
  if (!all.has('UTC')) all.add('UTC');
  return [...all].sort();
}

function zonePart(zone, style) {
  try {
    const parts = new Intl.DateTimeFormat(LOCALE, { timeZone: zone, timeZoneName: style })
      .formatToParts(new Date())
      .find((p) => p.type === 'timeZoneName');
    return parts ? parts.value : '';
  } catch {
    return '';
  }
}

/** `Africa/Casablanca` → { region: 'Africa', label: 'Casablanca — heure du Maroc (UTC+01:00)' }. */
function describe(zone) {
  const slash = zone.indexOf('/');
  const region = slash > 0 ? zone.slice(0, slash) : M.admZoneOther;
  const city = (slash > 0 ? zone.slice(slash + 1) : zone).replace(/_/g, ' ').replace(/\//g, ' · ');
  const generic = zonePart(zone, 'longGeneric');
  const offset = zonePart(zone, 'longOffset').replace(/^GMT/, 'UTC') || 'UTC';
  const label = [city, generic && generic !== offset ? ` — ${generic}` : '', ` (${offset})`].join(
    '',
  );
  return { zone, region, label, search: `${zone} ${label}`.toLocaleLowerCase(LOCALE) };
}

/**
 * Turns a form's plain `<select>` into the grouped, filterable list. The select keeps its name and
 * value, so the form reads it as before; `current` stays selected.
 */
export function enhanceTimeZoneSelect(select, current) {
  const zones = zoneNames([current]).map(describe);
  const filter = h('input', {
    type: 'search',
    class: 'adm-zone-filter',
    placeholder: M.admZoneFilter,
    'aria-label': M.admZoneFilter,
    'aria-controls': select.id,
    dir: 'auto',
  });
  const here = Intl.DateTimeFormat().resolvedOptions().timeZone;
  const useHere = h(
    'button',
    {
      type: 'button',
      class: 'link adm-zone-here',
      onclick: () => {
        filter.value = '';
        fill(here);
        select.value = here;
        select.dispatchEvent(new Event('change', { bubbles: true }));
      },
    },
    M.admZoneUseDevice,
    ' ',
    h('bdi', {}, here),
  );

  function fill(keep) {
    const query = filter.value.trim().toLocaleLowerCase(LOCALE);
    const matching = zones.filter((z) => !query || z.search.includes(query));
    // The chosen zone stays in the list (and chosen) whatever the filter says.
    const shown = zones.filter((z) => matching.includes(z) || z.zone === keep);
    const groups = new Map();
    for (const z of shown) groups.set(z.region, [...(groups.get(z.region) || []), z]);
    select.replaceChildren(
      ...[...groups].map(([region, list]) =>
        h(
          'optgroup',
          { label: region },
          list.map((z) => h('option', { value: z.zone }, z.label)),
        ),
      ),
    );
    select.value = keep;
    return matching;
  }

  filter.addEventListener('input', () => {
    const keep = select.value;
    const matching = fill(keep);
    // The first match is what a person typing a city most likely wants.
    if (matching.length > 0 && !matching.some((z) => z.zone === keep)) {
      select.value = matching[0].zone;
    }
  });
  fill(current);
  select.before(filter);
  select.after(useHere);
  return { filter };
}
