/**
 * A cell as read from a file: CSV gives strings, XLSX also numbers, booleans and dates. A cell the import
 * will not take as it is (a formula without a computed value) carries the reason instead, so that the
 * row reader can name its row and column.
 */
export type RawCell = string | number | boolean | Date | null | UnreadableCell;

export interface UnreadableCell {
  unreadable: string;
}

export function isUnreadable(cell: RawCell): cell is UnreadableCell {
  return typeof cell === 'object' && cell !== null && !(cell instanceof Date);
}

/** Rows of cells in file order; row 0 is the header. */
export type RawTable = RawCell[][];
