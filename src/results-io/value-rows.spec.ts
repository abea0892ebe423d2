import type { RawTable } from '../activities/import/raw-table';
import { checkValueRows, numberCell, readValueRows, type ValueRowsContext } from './value-rows';

const I1 = '00000000-0000-4000-8000-000000000001';
const I2 = '00000000-0000-4000-8000-000000000002';
const CELL = 'sex:female|age_group:18_59';
const header = [
  'indicatorCode',
  'indicatorTitle',
  'period',
  'partyCode',
  'value',
  CELL,
  'note',
  'version',
  'reason',
];
const ctx = (over: Partial<ValueRowsContext> = {}): ValueRowsContext => ({
  indicators: new Map([
    [
      'IND-1',
      {
        id: I1,
        code: 'IND-1',
        title: 'T',
        measure: 'number',
        unit: '',
        responsiblePartyCode: null,
        disaggregations: ['sex', 'age_group'],
      },
    ],
    [
      'IND-2',
      {
        id: I2,
        code: 'IND-2',
        title: 'T',
        measure: 'yes_no',
        unit: '',
        responsiblePartyCode: 'CI',
        disaggregations: [],
      },
    ],
  ]),
  periods: ['2025-H1', '2025-H2'],
  partyCodes: ['MA', 'CI'],
  existing: new Map([
    [
      `${I1}|2025-H1|MA`,
      {
        indicatorId: I1,
        period: '2025-H1',
        partyCode: 'MA',
        value: 20,
        breakdown: [{ sex: 'female', age_group: '18_59', value: 20 }],
        note: null,
        version: 3,
      },
    ],
  ]),
  validatedPeriods: new Set(),
  mayReport: (party) => party === 'MA',
  ...over,
});
const check = (rows: RawTable, over?: Partial<ValueRowsContext>) =>
  checkValueRows(readValueRows([header, ...rows]), ctx(over));

describe('reading and checking the values file', () => {
  it('the stored value written back is unchanged; a blank row is skipped', () => {
    const out = check([
      ['IND-1', 'ignored', '2025-H1', 'MA', 20, 20, '', 3, ''],
      ['IND-1', '', '2025-H2', 'MA', '', '', '', '', ''],
    ]);
    expect(out).toMatchObject({ unchanged: 1, blank: 1, changes: [], errors: [], forbidden: [] });
  });

  it('a change carries the version it was based on and its breakdown', () => {
    const out = check([['IND-1', '', '2025-h1', 'ma', '25', '25', ' Note ', '3', '']]);
    expect(out.errors).toEqual([]);
    expect(out.changes).toEqual([
      {
        row: 2,
        indicatorId: I1,
        period: '2025-H1',
        partyCode: 'MA',
        value: 25,
        breakdown: [{ sex: 'female', age_group: '18_59', value: 25 }],
        note: 'Note',
        reason: null,
        expectedVersion: 3,
      },
    ]);
  });

  it.each([
    [['IND-1', '', '2025-H1', 'MA', 30, 20, '', '', ''], CELL, 'adds up to 20'],
    [['IND-1', '', '2025-H1', 'MA', 20, 20, '', 2, ''], 'version', 'changed since'],
    [['IND-9', '', '2025-H1', 'MA', 1, '', '', '', ''], 'indicatorCode', 'not an indicator'],
    [['IND-1', '', '2027-H1', 'MA', 1, '', '', '', ''], 'period', 'not a reporting period'],
    [['IND-1', '', '2025-H1', 'EG', 1, '', '', '', ''], 'partyCode', 'not a party'],
    [['IND-1', '', '2025-H1', 'MA', 'douze', '', '', '', ''], 'value', 'must be a number'],
    [['IND-1', '', '2025-H1', 'MA', '', '', 'une note', '', ''], 'value', 'is required'],
    [['IND-2', '', '2025-H1', 'CI', 'peut-être', '', '', '', ''], 'value', '1 (yes) or 0 (no)'],
    [['IND-2', '', '2025-H1', 'CI', 1, 1, '', '', ''], CELL, 'only for number indicators'],
    [['IND-1', '', '2025-H1', 'MA', 1.23456, '', '', '', ''], 'value', 'decimal'],
    [
      [
        'IND-1',
        '',
        '2025-H1',
        'MA',
        1,
        { unreadable: 'is a formula saved without its value' },
        '',
        '',
        '',
      ],
      CELL,
      'formula',
    ],
  ] as [RawTable[number], string, string][])('%j → %s: %s', (row, field, message) => {
    const out = check([row]);
    expect(out.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          row: 2,
          field,
          message: expect.stringContaining(message),
        }),
      ]),
    );
    expect(out.changes).toEqual([]);
  });

  it("another party's change is forbidden; a validated period's change needs a reason", () => {
    expect(check([['IND-2', '', '2025-H1', 'CI', 'oui', '', '', '', '']]).forbidden).toEqual([
      expect.objectContaining({ row: 2, field: 'partyCode' }),
    ]);
    const validated = { validatedPeriods: new Set(['2025-H1']) };
    expect(check([['IND-1', '', '2025-H1', 'MA', 21, 21, '', '', '']], validated).errors).toEqual([
      expect.objectContaining({ field: 'reason' }),
    ]);
    expect(
      check([['IND-1', '', '2025-H1', 'MA', 21, 21, '', '', 'corrigé']], validated).changes,
    ).toHaveLength(1);
  });

  it('the same indicator, period and party twice is refused', () => {
    const row = ['IND-1', '', '2025-H2', 'MA', 1, 1, '', '', ''];
    expect(check([row, row]).errors).toEqual([
      expect.objectContaining({
        row: 3,
        field: 'indicatorCode',
        message: expect.stringContaining('row 2'),
      }),
    ]);
  });

  it('an unknown header or a missing key column refuses the file', () => {
    expect(() =>
      readValueRows([['indicatorCode', 'period', 'partyCode', 'value', 'colour']]),
    ).toThrow(/not imported/);
    expect(() => readValueRows([['indicatorCode', 'period', 'value']])).toThrow(/not imported/);
  });

  it.each([
    ['12', false, 12],
    ['12,5', false, 12.5],
    ['1 200', false, 1200],
    ['-3', false, null],
    ['1e3', false, null],
    ['oui', true, 1],
    ['لا', true, 0],
    ['oui', false, null],
  ] as const)('"%s" (yes/no: %s) reads %s', (text, yesNo, n) => {
    expect(numberCell(text, yesNo)).toBe(n);
  });
});
