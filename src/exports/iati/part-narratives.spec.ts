import type { PartView } from '../../activities/parts/part-view';
import { partNarratives } from './part-narratives';

const part = (partyCode: string, fields: Partial<PartView>): PartView => ({
  partyCode,
  status: 'planned',
  progressPercent: 0,
  note: null,
  completedOn: null,
  version: 1,
  updatedAt: '2026-03-01T00:00:00.000Z',
  overdue: false,
  ...fields,
});

describe('partNarratives (each party’s part in the IATI description)', () => {
  it('says nothing for an activity with one part', () => {
    expect(partNarratives([part('MA', { status: 'completed' })])).toBeUndefined();
  });

  it.each([
    ['fr', 'Part de chaque partie — MA : réalisée le 2026-03-20 ; CI : en cours (40 %)'],
    ['en', "Each party's part — MA: completed on 2026-03-20 ; CI: in progress (40 %)"],
  ] as const)('names each party’s status in %s, lead first as given', (language, text) => {
    const narratives = partNarratives([
      part('MA', { status: 'completed', progressPercent: 100, completedOn: '2026-03-20' }),
      part('CI', { status: 'in_progress', progressPercent: 40 }),
    ]);
    expect(narratives?.get(language)).toBe(text);
  });

  it.each([
    ['planned', 'prévue (0 %)'],
    ['postponed', 'reportée (0 %)'],
    ['cancelled', 'annulée (0 %)'],
  ] as const)('words a %s part as « %s »', (status, words) => {
    const narratives = partNarratives([part('MA', { status }), part('CI', {})]);
    expect(narratives?.get('fr')).toContain(`MA : ${words}`);
  });
});
