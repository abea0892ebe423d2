import { DomainError } from '../../common/errors/domain-errors';
import type { RowError } from './import-errors';

/**
 * A file past one of the import's size bounds (rows, columns, unpacked size): answered 413, with the
 * same `errors: [{ row, field, message }]` as any refused import, and the bound named in the detail.
 */
export class ImportTooLarge extends DomainError {
  readonly kind = 'too_large';
  readonly errors: RowError[];

  constructor(message: string, row = 1, field = 'file') {
    super(`The file was not imported: ${message}. Nothing was imported.`, 'File too large');
    this.errors = [{ row, field, message }];
  }
}
