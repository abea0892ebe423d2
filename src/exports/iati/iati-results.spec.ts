import { create } from 'xmlbuilder2';
import {
  appendActivityResults,
  iatiNumber,
  indicatorPeriods,
  prepareIatiResults,
  type IatiIndicator,
  type IatiResultsInput,
} from './iati-results';

const indicator = (over: Partial<IatiIndicator>): IatiIndicator => ({
  id: 'i1',
  objectiveId: 'o1',
  code: 'IND-1',
  title: 'Agents formés',
  translations: {},
  measure: 'number',
  baselineValue: null,
  baselineOn: null,
  position: 0,
  activityIds: [],
  targets: [],
  values: [],
  ...over,
});
const PERIODS = ['2025-H1', '2025-H2', '2026-H1'];

describe('IATI result periods of an indicator', () => {
  it('a yearly target: one calendar-year period, actual summed over parties and periods', () => {
    const periods = indicatorPeriods(
      indicator({
        targets: [{ period: '2025', targetValue: 100 }],
        values: [
          { period: '2025-H1', partyCode: 'MA', value: 30 },
          { period: '2025-H1', partyCode: 'CI', value: 12 },
          { period: '2025-H2', partyCode: 'MA', value: 7 },
        ],
      }),
      PERIODS,
    );
    expect(periods).toEqual([
      { startOn: '2025-01-01', endOn: '2025-12-31', target: 100, actual: 49 },
    ]);
  });

  it('period targets: one period per reporting period; percentages are the mean over parties', () => {
    const periods = indicatorPeriods(
      indicator({
        measure: 'percentage',
        targets: [
          { period: '2025', targetValue: 70 },
          { period: '2025-H1', targetValue: 50 },
        ],
        values: [
          { period: '2025-H1', partyCode: 'MA', value: 40 },
          { period: '2025-H1', partyCode: 'CI', value: 50 },
          { period: '2026-H1', partyCode: 'MA', value: 60 },
        ],
      }),
      PERIODS,
    );
    expect(periods).toEqual([
      { startOn: '2025-01-01', endOn: '2025-06-30', target: 50, actual: 45 },
      // 2026 has no target at all: its reporting periods with an actual.
      { startOn: '2026-01-01', endOn: '2026-06-30', target: null, actual: 60 },
    ]);
  });

  it('nothing reported and no target: no period', () => {
    expect(indicatorPeriods(indicator({}), PERIODS)).toEqual([]);
  });

  it.each([
    [12, '12'],
    [42.5, '42.5'],
    [100 / 3, '33.3333'],
    [0, '0'],
  ])('%d is written %s', (n, text) => {
    expect(iatiNumber(n)).toBe(text);
  });
});

describe('IATI result elements of an activity', () => {
  const input: IatiResultsInput = {
    language: 'fr',
    periods: PERIODS,
    objectives: [
      {
        id: 'o1',
        code: 'OS1',
        title: 'Victimes',
        translations: { en: { title: 'Victims' } },
        theme: 'victim_support',
        position: 0,
      },
    ],
    indicators: [
      indicator({
        id: 'n',
        code: 'IND-1',
        activityIds: ['a1', 'a2'],
        targets: [{ period: '2025', targetValue: 10 }],
      }),
      indicator({
        id: 'y',
        code: 'IND-2',
        measure: 'yes_no',
        baselineValue: 0,
        baselineOn: '2024-12-31',
        values: [{ period: '2025-H1', partyCode: 'MA', value: 1 }],
      }),
    ],
  };
  const activities = [
    { id: 'a1', themes: ['victim_support'] },
    { id: 'a2', themes: [] },
  ];

  it('linked indicators go to their activities (aggregation-status 0 when repeated); unlinked ones to the theme', () => {
    const results = prepareIatiResults(input, activities);
    expect(results.byActivity.get('a1')?.map((i) => i.code)).toEqual(['IND-1', 'IND-2']);
    expect(results.byActivity.get('a2')?.map((i) => i.code)).toEqual(['IND-1']);
    const root = create().ele('iati-activity');
    appendActivityResults(root, 'a1', results);
    const xml = root.end();
    expect(xml).toContain(
      '<result type="1"><title><narrative xml:lang="fr">Victimes</narrative><narrative xml:lang="en">Victims</narrative></title><indicator measure="1" aggregation-status="0">',
    );
    expect(xml).toContain('<result type="2">');
    expect(xml).toContain(
      '<indicator measure="5"><title><narrative xml:lang="fr">Agents formés</narrative></title><reference vocabulary="99" code="IND-2"/><baseline year="2024" iso-date="2024-12-31"><comment><narrative xml:lang="fr">Non</narrative>',
    );
    expect(xml).toContain(
      '<actual><comment><narrative xml:lang="fr">Oui</narrative><narrative xml:lang="en">Yes</narrative><narrative xml:lang="ar">نعم</narrative></comment></actual>',
    );
  });
});
