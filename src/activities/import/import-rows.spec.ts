import { activitiesToCsv } from '../../exports/csv/activities-csv';
import { parseCsvTable } from './readers/csv-table-reader';
import { ImportRejected } from './import-errors';
import { readImportRows } from './import-rows';

const rejection = (work: () => unknown) => {
  try {
    work();
  } catch (error) {
    if (error instanceof ImportRejected) return error.rowErrors;
    throw error;
  }
  throw new Error('not rejected');
};

describe('reading import rows', () => {
  const header = ['title', 'type', 'leadPartyCode', 'dueOn'];

  it('numbers rows as a spreadsheet does and skips blank ones', () => {
    const rows = readImportRows([
      header,
      ['A', 'workshop', 'MA', '2026-05-01'],
      ['', null, '  ', ''],
      ['B', 'meeting', 'CI', '2026-06-01'],
    ]);
    expect(rows.map((r) => [r.row, r.values.title])).toEqual([
      [2, 'A'],
      [4, 'B'],
    ]);
  });

  it('reads the exported part columns as information only, whatever their case', () => {
    const rows = readImportRows([
      [...header, 'part_MA_status', 'PART_CI_PROGRESS', 'part_MA_completedOn', 'part_IOM_note'],
      ['A', 'workshop', 'MA', '2026-05-01', 'completed', 40, new Date('2026-04-01'), 'x'],
    ]);
    expect(rows[0].values).toEqual({
      title: 'A',
      type: 'workshop',
      leadPartyCode: 'MA',
      dueOn: '2026-05-01',
    });
  });

  it.each(['part_MA_colour', 'part_M_status', 'part__status', 'parts_MA_status'])(
    'still refuses an unknown column that only looks like a part column: %s',
    (column) => {
      expect(rejection(() => readImportRows([[...header, column]]))).toContainEqual({
        row: 1,
        field: column,
        message: expect.stringContaining('unknown column'),
      });
    },
  );

  it.each([
    ['themes', ' victim_support ; data_collection;', ['victim_support', 'data_collection']],
    ['partyCodes', 'MA;CI', ['MA', 'CI']],
    ['progressPercent', ' 40 ', 40],
    ['progressPercent', 'forty', 'forty'],
    ['progressPercent', 55, 55],
    ['plannedStartOn', new Date('2026-03-01T00:00:00Z'), '2026-03-01'],
    ['status', ' completed ', 'completed'],
    ['notes', '  indented note', '  indented note'],
  ])('reads %s %j as %j', (column, cell, expected) => {
    const [row] = readImportRows([
      [...header, column],
      ['A', 'workshop', 'MA', '2026-05-01', cell],
    ]);
    expect(row.values[column as keyof typeof row.values]).toEqual(expected);
  });

  it('keeps id and version as the row keys, ignores overdue and leaves empty cells out', () => {
    const [row, second] = readImportRows([
      [...header, 'id', 'version', 'overdue', 'notes'],
      ['A', 'workshop', 'MA', '2026-05-01', ' some-id ', '3', 'true', ''],
      ['B', 'workshop', 'MA', '2026-05-01', '', '', 'false', ''],
    ]);
    expect(row.values).toEqual({
      title: 'A',
      type: 'workshop',
      leadPartyCode: 'MA',
      dueOn: '2026-05-01',
    });
    expect(row).toMatchObject({ id: 'some-id', version: 3 });
    expect(second.id).toBeUndefined();
    expect(second.version).toBeUndefined();
  });

  it('accepts header names in any case, with spaces around them', () => {
    const [row] = readImportRows([
      [' Title', 'TYPE', 'leadpartycode', 'dueOn '],
      ['A', 'x', 'MA', 'd'],
    ]);
    expect(row.values.title).toBe('A');
  });

  it.each([
    [
      [
        [...header, 'colour'],
        ['A', 'workshop', 'MA', '2026-05-01', 'red'],
      ],
      1,
      'colour',
    ],
    [
      [
        ['title', 'type', 'dueOn'],
        ['A', 'workshop', '2026-05-01'],
      ],
      1,
      'leadPartyCode',
    ],
    [
      [
        [...header, 'title'],
        ['A', 'workshop', 'MA', '2026-05-01', 'B'],
      ],
      1,
      'title',
    ],
    [[header, ['A', 'workshop', 'MA', '2026-05-01', 'stray']], 2, 'column 5'],
    [[header], 1, 'file'],
    [[], 1, 'file'],
  ])('rejects %j at row %d, field %s', (table, row, field) => {
    expect(rejection(() => readImportRows(table))).toContainEqual({
      row,
      field,
      message: expect.any(String),
    });
  });
});

describe('CSV', () => {
  it('reads back what it writes, formula-looking text included', async () => {
    const row = {
      title: '=1+1',
      description: 'Ligne 1\nLigne 2, avec "guillemets"',
      type: 'workshop',
      themes: 'a;b',
      leadPartyCode: 'MA',
      partyCodes: 'MA;CI',
      plannedStartOn: '',
      dueOn: '2026-05-01',
      status: 'planned',
      progressPercent: 0,
      completedOn: '',
      notes: '@note',
      title_fr: '',
      title_en: 'Workshop',
      title_ar: 'ورشة',
      description_fr: '',
      description_en: '',
      description_ar: '',
      id: 'x',
      version: 2,
      overdue: false,
    };
    const table = await parseCsvTable(activitiesToCsv([row]));
    expect(table[1]).toEqual([
      '=1+1',
      'Ligne 1\nLigne 2, avec "guillemets"',
      'workshop',
      'a;b',
      'MA',
      'MA;CI',
      '',
      '2026-05-01',
      'planned',
      '0',
      '',
      '@note',
      '',
      'Workshop',
      'ورشة',
      '',
      '',
      '',
      'x',
      '2',
      'false',
    ]);
  });

  it('refuses a file that is not UTF-8', async () => {
    await expect(parseCsvTable(Buffer.from([0x74, 0xe9, 0x0a]))).rejects.toMatchObject({
      rowErrors: [{ row: 1, field: 'file', message: 'the CSV file must be encoded in UTF-8' }],
    });
  });
});
