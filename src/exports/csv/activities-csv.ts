import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { EXPORT_COLUMNS, type ExportRow } from '../activity-table';
import type { RawTable } from '../import/raw-table';
import { ImportRejected } from '../import/import-errors';

/**
 * Spreadsheet programs run a cell that starts with one of these as a formula (CSV injection). Such text
 * is written with a leading apostrophe, the usual defence, and the import takes the apostrophe off again.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

export function activitiesToCsv(rows: ExportRow[]): Buffer {
  const text = stringify(
    rows.map((row) =>
      EXPORT_COLUMNS.map((column) => {
        const value = row[column];
        if (typeof value !== 'string') return String(value);
        return FORMULA_START.test(value) ? `'${value}` : value;
      }),
    ),
    {
      header: true,
      columns: [...EXPORT_COLUMNS],
      // The BOM makes Excel read the file as UTF-8 (accents in French titles); CRLF is RFC 4180.
      bom: true,
      record_delimiter: 'windows',
    },
  );
  return Buffer.from(text, 'utf8');
}

/**
 * Reads a CSV upload into rows of cells. The delimiter is guessed from the header line, because Excel in
 * French saves "CSV" with semicolons. Blank lines are kept as empty records so that row numbers match
 * what a spreadsheet shows (header = row 1).
 */
export function parseCsvTable(body: Buffer): RawTable {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(body);
  } catch {
    throw ImportRejected.file('the CSV file must be encoded in UTF-8');
  }
  text = text.replace(/^\uFEFF/, '');
  let records: string[][];
  try {
    records = parse(text, {
      delimiter: guessDelimiter(text),
      relax_column_count: true,
      skip_empty_lines: false,
    });
  } catch (error) {
    const line = (error as { lines?: unknown }).lines;
    throw ImportRejected.file(
      `the CSV file cannot be read: ${(error as Error).message}`,
      typeof line === 'number' ? line : 1,
    );
  }
  return records.map((cells) => cells.map(unescapeFormula));
}

function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function guessDelimiter(text: string): string {
  const header = text.split(/\r?\n/, 1)[0] ?? '';
  const counts = [',', ';', '\t'].map((d) => ({ d, n: header.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}
