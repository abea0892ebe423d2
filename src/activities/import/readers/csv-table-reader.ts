import { isUtf8 } from 'node:buffer';
import { Readable } from 'node:stream';
import { setImmediate as nextTick } from 'node:timers/promises';
import { CsvError, parse } from 'csv-parse';
import { ImportRejected } from '../import-errors';
import {
  LAST_IMPORT_ROW,
  limitMessages,
  MAX_FIELD_LENGTH,
  MAX_IMPORT_COLUMNS,
  ROWS_PER_TICK,
} from '../import-limits';
import { ImportTooLarge } from '../import-too-large';
import type { RawTable } from '../raw-table';
import { FORMULA_START } from '../../../exports/csv/activities-csv';

/** Fed to the parser a slice at a time, so that it can stop early and the event loop gets turns. */
const SLICE_BYTES = 4 * 1024;
/** A row holds at most a few long texts (title, description, notes): far below this. */
const MAX_RECORD_CHARS = 5 * MAX_FIELD_LENGTH;

/**
 * Reads a CSV upload into rows of cells, streaming: parsing stops at the first value past the row or
 * column limit, without reading the rest. The delimiter is guessed from the header line, because Excel
 * in French saves "CSV" with semicolons. Blank lines are kept as empty records so that row numbers match
 * what a spreadsheet shows (header = row 1).
 *
 * Cells are text and stay text: a cell that looks like a formula (`=cmd|...`, `+SUM(...)`, `@...`) is
 * stored as written and never evaluated. Only the apostrophe that the export puts before such text is
 * taken off again.
 */
export async function parseCsvTable(body: Buffer): Promise<RawTable> {
  if (!isUtf8(body)) throw ImportRejected.file('the CSV file must be encoded in UTF-8');
  const parser = Readable.from(slices(body), { objectMode: false }).pipe(
    parse({
      bom: true,
      delimiter: guessDelimiter(body),
      relax_column_count: true,
      skip_empty_lines: false,
      max_record_size: MAX_RECORD_CHARS,
    }),
  );
  const table: RawTable = [];
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const row = table.length + 1;
      table.push(readRecord(record, row));
      if (row % ROWS_PER_TICK === 0) await nextTick();
    }
  } catch (error) {
    if (error instanceof ImportTooLarge || error instanceof ImportRejected) throw error;
    if (error instanceof CsvError && error.code === 'CSV_MAX_RECORD_SIZE') {
      throw ImportRejected.file(
        `a row holds more than ${MAX_RECORD_CHARS.toLocaleString('en-US')} characters; ` +
          limitMessages.field(),
        // The parser runs a few records ahead of this loop: its own count says which row it was on.
        (typeof error.records === 'number' ? error.records : table.length) + 1,
      );
    }
    const line = (error as { lines?: unknown }).lines;
    throw ImportRejected.file(
      `the CSV file cannot be read: ${(error as Error).message}`,
      typeof line === 'number' ? line : 1,
    );
  } finally {
    parser.destroy();
  }
  return table;
}

function* slices(body: Buffer): Generator<Buffer> {
  for (let at = 0; at < body.length; at += SLICE_BYTES) yield body.subarray(at, at + SLICE_BYTES);
}

function readRecord(record: string[], row: number): string[] {
  const lastValue = record.findLastIndex((cell) => cell.trim() !== '');
  if (lastValue < 0) return [];
  if (row > LAST_IMPORT_ROW) throw new ImportTooLarge(limitMessages.rows(row), row);
  if (lastValue >= MAX_IMPORT_COLUMNS) {
    throw new ImportTooLarge(limitMessages.columns(lastValue + 1), row, `column ${lastValue + 1}`);
  }
  return record.slice(0, lastValue + 1).map(unescapeFormula);
}

function unescapeFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

function guessDelimiter(body: Buffer): string {
  const end = body.indexOf(0x0a);
  const header = body
    .subarray(0, end < 0 ? Math.min(body.length, 64 * 1024) : end)
    .toString('utf8');
  const counts = [',', ';', '\t'].map((d) => ({ d, n: header.split(d).length - 1 }));
  counts.sort((a, b) => b.n - a.n);
  return counts[0].n > 0 ? counts[0].d : ',';
}
