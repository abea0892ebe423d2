import { canonicalTimeZone, resolvedZoneCount } from './wall-clock';

describe('canonicalTimeZone', () => {
  it.each([
    ['Africa/Casablanca', 'Africa/Casablanca'],
    ['africa/abidjan', 'Africa/Abidjan'],
    ['US/Pacific', 'America/Los_Angeles'],
    ['UTC', 'UTC'],
  ])('resolves %s to %s, the same on a second call (remembered)', (name, canonical) => {
    expect(canonicalTimeZone(name)).toBe(canonical);
    expect(canonicalTimeZone(name)).toBe(canonical);
  });

  it.each([[''], ['  '], ['Mars/Olympus_Mons'], ['Europe/Paris\u0000']])(
    'answers null for %j, every time, and does not remember it',
    (name) => {
      const before = resolvedZoneCount();
      expect(canonicalTimeZone(name)).toBeNull();
      expect(canonicalTimeZone(name)).toBeNull();
      expect(resolvedZoneCount()).toBe(before);
    },
  );

  it('stops remembering new spellings at its cap but still resolves them', () => {
    // IANA names are case-insensitive: toggling the case of each of the 14 letters gives 16,384
    // distinct spellings of one zone; 2,500 of them overflow the cap.
    const base = 'america/new_york';
    const letters = [...base].flatMap((c, i) => (/[a-z]/.test(c) ? [i] : []));
    let last: string | null = null;
    for (let mask = 0; mask < 2_500; mask++) {
      const chars = [...base];
      letters.forEach((at, bit) => {
        if ((mask >> bit) & 1) chars[at] = chars[at].toUpperCase();
      });
      last = canonicalTimeZone(chars.join(''));
    }
    expect(last).toBe('America/New_York');
    expect(resolvedZoneCount()).toBe(2_000);
  });
});
