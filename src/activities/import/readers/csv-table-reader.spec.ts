import { ImportRejected } from '../import-errors';
import { ImportTooLarge } from '../import-too-large';
import { parseCsvTable } from './csv-table-reader';

const HEADER = 'title,type,leadPartyCode,dueOn';
const rows = (count: number) =>
  Array.from({ length: count }, (_, i) => `Atelier ${i + 1},workshop,MA,2026-05-01`);
const csv = (lines: string[]) => Buffer.from(lines.join('\n') + '\n', 'utf8');

describe('reading a CSV upload within the limits', () => {
  it.each([
    ['2,000 rows, the limit', [HEADER, ...rows(2000)], 2001],
    ['blank lines past the limit', [HEADER, ...rows(3), ...Array<string>(5000).fill(',,,')], 4],
    ['a formula-looking cell, as text', [HEADER, '"=cmd|\' /C calc\'!A0",x,MA,d'], 2],
  ])('reads %s', async (_name, lines, lastRowWithValues) => {
    const table = await parseCsvTable(csv(lines));
    expect(table.findLastIndex((cells) => cells.length > 0) + 1).toBe(lastRowWithValues);
  });

  it.each([
    ['row 2,002, the first past the limit', [HEADER, ...rows(100_000)], 2002, 'file', /2,000/],
    ['column 51', [HEADER, `A,b,c,d${','.repeat(46)},far`], 2, 'column 51', /at most 50 columns/],
  ])('stops at %s', async (_name, lines, row, field, message) => {
    const error = await parseCsvTable(csv(lines)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ImportTooLarge);
    expect((error as ImportTooLarge).errors).toEqual([
      { row, field, message: expect.stringMatching(message) },
    ]);
  });

  it('refuses a row longer than the record bound before reading it whole', async () => {
    const error = await parseCsvTable(csv([HEADER, `A,b,c,${'d'.repeat(1_000_000)}`])).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ImportRejected);
    expect((error as ImportRejected).rowErrors[0]).toMatchObject({ row: 2, field: 'file' });
  });
});
