import { InvalidInput } from '../../common/errors/domain-errors';

/**
 * One problem in an uploaded file. `row` is the row number as a spreadsheet shows it: the header is
 * row 1, so the first activity is row 2.
 */
export interface RowError {
  row: number;
  field: string;
  message: string;
}

/** Errors beyond this are counted in the message but not listed, to keep the answer small. */
const MAX_LISTED_ERRORS = 200;

/** A 400 whose `errors` carry row numbers; the problem+json filter passes them through as they are. */
export class ImportRejected extends InvalidInput {
  constructor(readonly rowErrors: RowError[]) {
    const listed = rowErrors.slice(0, MAX_LISTED_ERRORS);
    const more = rowErrors.length - listed.length;
    super(
      listed,
      `The file was not imported: ${rowErrors.length} problem(s) found` +
        (more > 0 ? ` (the first ${listed.length} are listed)` : '') +
        '. Nothing was imported; fix the rows and send the whole file again.',
    );
  }

  static file(message: string, row = 1): ImportRejected {
    return new ImportRejected([{ row, field: 'file', message }]);
  }
}
