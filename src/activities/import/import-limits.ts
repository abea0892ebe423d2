/**
 * Bounds on one import request. A bilateral action plan holds tens of activities; these leave room for
 * a very large plan while keeping the work of one request (memory, CPU, one transaction) small, so that
 * no upload can stall or exhaust the api. Each refusal names the bound it hit.
 */

/** Activity rows under the header. Rows past it are refused as soon as the reader meets one. */
export const MAX_IMPORT_ROWS = 2000;
/** The export has 14 columns; 50 leaves room for helper columns people add, never thousands. */
export const MAX_IMPORT_COLUMNS = 50;
/** The longest text an activity takes (description and notes) is 10,000 characters. */
export const MAX_FIELD_LENGTH = 10_000;
/** What an XLSX upload may unpack to, all zip entries together: a 2,000-row export unpacks to ~2 MB. */
export const MAX_UNZIPPED_BYTES = 20 * 1024 * 1024;
/**
 * Spreadsheet XML compresses 5 to 30 times; a zip bomb, a thousand times or more. The ratio is only
 * judged on entries big enough to matter.
 */
export const MAX_COMPRESSION_RATIO = 200;
export const RATIO_CHECKED_FROM_BYTES = 1024 * 1024;
/** An xlsx has about ten parts; thousands of entries only make the central directory slow to read. */
export const MAX_ZIP_ENTRIES = 500;

/** Rows can be processed between two yields to the event loop (validation, cell conversion). */
export const ROWS_PER_TICK = 25;

/** Spreadsheet row numbers (the header is row 1) that may hold activities. */
export const LAST_IMPORT_ROW = MAX_IMPORT_ROWS + 1;

const count = (n: number) => n.toLocaleString('en-US');
const megabytes = (bytes: number) => `${count(bytes / (1024 * 1024))} MB`;

export const limitMessages = {
  rows: (row: number) =>
    `at most ${count(MAX_IMPORT_ROWS)} activity rows can be imported at once ` +
    `(rows 2 to ${count(LAST_IMPORT_ROW)}); the file has a value in row ${count(row)}`,
  columns: (column: number) =>
    `at most ${count(MAX_IMPORT_COLUMNS)} columns are read; the file has a value in column ${count(column)}`,
  field: () => `a cell holds more than ${count(MAX_FIELD_LENGTH)} characters`,
  unzipped: () =>
    `the workbook unpacks to more than ${megabytes(MAX_UNZIPPED_BYTES)}, the most an import reads`,
  ratio: (entry: string) =>
    `the workbook part ${entry} is compressed more than ${MAX_COMPRESSION_RATIO} times, as only a zip bomb is`,
  entries: () => `the workbook has more than ${count(MAX_ZIP_ENTRIES)} parts`,
  body: (bytes: number) => `the file is larger than ${megabytes(bytes)}, the most an import takes`,
};
