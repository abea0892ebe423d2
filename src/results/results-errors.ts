import { Conflict, type FieldError, Unprocessable } from '../common/errors/domain-errors';

/** Problem `code` of a value change refused because its period is validated (409). */
export const PERIOD_VALIDATED = 'period_validated';

/**
 * A reported value that contradicts its indicator (a breakdown that does not add up, a percentage over
 * 100): 422 naming the fields, nothing stored.
 */
export class ResultValueRejected extends Unprocessable {
  constructor(readonly errors: FieldError[]) {
    super(
      errors.map((e) => `${e.field}: ${e.message}`).join('; '),
      'Value does not fit its indicator',
    );
  }
}

/** A value of a validated period changes only with a reason: 409 `period_validated` naming `reason`. */
export class PeriodValidated extends Conflict {
  readonly errors: FieldError[];

  constructor(readonly period: string) {
    super(
      `Period ${period} is validated: its values change only with a reason (send "reason"), which is kept in the value's history.`,
      'Period validated',
      { code: PERIOD_VALIDATED, period },
    );
    this.errors = [
      {
        field: 'reason',
        message: 'is required to change a validated period',
        code: PERIOD_VALIDATED,
      },
    ];
  }
}

/** An indicator's measure cannot change once values were reported against it. */
export class IndicatorHasValues extends Conflict {
  readonly errors: FieldError[];

  constructor(readonly indicatorId: string) {
    super(
      `Indicator ${indicatorId} already has reported values: its measure cannot change (it would change what they mean).`,
      'Indicator has values',
      { code: 'indicator_has_values' },
    );
    this.errors = [{ field: 'measure', message: 'cannot change once values are reported' }];
  }
}

/** Objective and indicator codes are unique within a plan: 409 naming `code`. */
export class ResultCodeInUse extends Conflict {
  readonly errors: FieldError[];

  constructor(readonly resultCode: string) {
    super(`Code ${resultCode} is already used in this plan's results framework.`, 'Code in use', {
      code: 'code_in_use',
    });
    this.errors = [{ field: 'code', message: 'is already used in this plan', code: 'code_in_use' }];
  }
}
