/** A cell as read from a file: CSV gives strings, XLSX also numbers, booleans and dates. */
export type RawCell = string | number | boolean | Date | null;

/** Rows of cells in file order; row 0 is the header. */
export type RawTable = RawCell[][];
