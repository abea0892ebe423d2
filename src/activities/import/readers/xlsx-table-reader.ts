import type * as ExcelJS from 'exceljs';
import { onFirstUse } from '../../../common/modules/on-first-use';

const excel = onFirstUse(() => require('exceljs') as typeof import('exceljs'));
import { PassThrough } from 'node:stream';
import { setImmediate as nextTick } from 'node:timers/promises';
import { ImportRejected } from '../import-errors';
import {
  LAST_IMPORT_ROW,
  limitMessages,
  MAX_IMPORT_COLUMNS,
  ROWS_PER_TICK,
} from '../import-limits';
import { ImportTooLarge } from '../import-too-large';
import type { RawCell, RawTable } from '../raw-table';
import { guardedWorkbookBytes } from './xlsx-zip-guard';

/**
 * The first worksheet as rows of plain cells, streamed: only the cells the sheet XML holds are visited,
 * never its declared dimension, so a sparse sheet costs what its few cells cost. Reading stops at the
 * first value past the row or column limit.
 *
 * Formula cells are never evaluated (exceljs has no evaluator, and none is wanted): the value Excel
 * computed and saved with the file is taken, as a person sees it. A formula saved without a value, or
 * whose value is an error, is refused with its row and column.
 */
export async function parseXlsxTable(body: Buffer): Promise<RawTable> {
  const bytes = await guardedWorkbookBytes(body);
  const input = new PassThrough();
  input.end(bytes);
  const reader = new (excel().stream.xlsx.WorkbookReader)(input, {
    sharedStrings: 'cache',
    // Styles say which numbers are dates.
    styles: 'cache',
    hyperlinks: 'ignore',
    worksheets: 'emit',
    entries: 'ignore',
  });
  const table: RawTable = [];
  try {
    for await (const sheet of reader) {
      let rowsSinceYield = 0;
      for await (const row of sheet) {
        readRow(row, table);
        if (++rowsSinceYield >= ROWS_PER_TICK) {
          rowsSinceYield = 0;
          await nextTick();
        }
      }
      break; // the first sheet only (the guard passes no other)
    }
  } catch (error) {
    if (error instanceof ImportTooLarge || error instanceof ImportRejected) throw error;
    throw ImportRejected.file('the file is not a readable .xlsx workbook');
  } finally {
    input.destroy();
  }
  if (table.length === 0) throw ImportRejected.file('the file is empty');
  return table;
}

function readRow(row: ExcelJS.Row, table: RawTable): void {
  const rowNumber = row.number;
  if (!Number.isInteger(rowNumber) || rowNumber < 1) {
    throw ImportRejected.file('the file is not a readable .xlsx workbook');
  }
  const cells: RawCell[] = [];
  row.eachCell((cell, column) => {
    const value = plainCell(cell);
    if (value === null) return;
    // Checked here, before the table grows: a value far away must not make rows or columns exist.
    if (rowNumber > LAST_IMPORT_ROW)
      throw new ImportTooLarge(limitMessages.rows(rowNumber), rowNumber);
    if (column > MAX_IMPORT_COLUMNS) {
      throw new ImportTooLarge(limitMessages.columns(column), rowNumber, `column ${column}`);
    }
    while (cells.length < column - 1) cells.push(null);
    cells[column - 1] = value;
  });
  if (cells.length === 0) return;
  if (rowNumber <= table.length) throw ImportRejected.file(`row ${rowNumber} appears twice`);
  while (table.length < rowNumber - 1) table.push([]);
  table.push(cells);
}

function plainCell(cell: ExcelJS.Cell): RawCell {
  const value = cell.value;
  if (
    value !== null &&
    typeof value === 'object' &&
    ('formula' in value || 'sharedFormula' in value)
  ) {
    return formulaResult(value.result);
  }
  return plainValue(value);
}

function formulaResult(result: ExcelJS.CellFormulaValue['result']): RawCell {
  if (result === undefined || result === null) {
    return { unreadable: 'is a formula saved without its value: paste it as a value' };
  }
  if (typeof result === 'number' && Number.isNaN(result)) {
    return { unreadable: 'is a formula whose value is an error' };
  }
  if (typeof result === 'object' && !(result instanceof Date) && 'error' in result) {
    return { unreadable: 'is a formula whose value is an error' };
  }
  return plainValue(result as ExcelJS.CellValue);
}

function plainValue(value: ExcelJS.CellValue): RawCell {
  if (value === null || value === undefined) return null;
  if (
    typeof value === 'string' ||
    typeof value === 'number' ||
    typeof value === 'boolean' ||
    value instanceof Date
  ) {
    return value;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) {
    const text: unknown = value.text;
    return typeof text === 'string' ? text : plainValue(text as ExcelJS.CellValue);
  }
  if ('error' in value) return String(value.error);
  return null;
}
