/**
 * The part of unzipper (the zip reader exceljs streams workbooks with) that xlsx-zip-guard uses; the
 * package ships no types. `Parse` reads local file headers in stream order and emits one entry stream per
 * file, inflated as it is read.
 */
declare module 'unzipper' {
  import type { Duplex, Readable } from 'node:stream';

  export interface Entry extends Readable {
    path: string;
    autodrain(): unknown;
  }

  export function Parse(options?: { forceStream?: boolean }): Duplex & AsyncIterable<Entry>;
}
