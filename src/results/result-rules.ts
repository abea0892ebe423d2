/**
 * The vocabulary of the results framework, in one place: how an indicator is measured and how its
 * values may be broken down. The migration keeps a frozen copy of each list in its CHECK constraints.
 */
export const RESULT_MEASURES = ['number', 'percentage', 'yes_no'] as const;
export type ResultMeasure = (typeof RESULT_MEASURES)[number];

export const DISAGGREGATIONS = ['sex', 'age_group', 'nationality'] as const;
export type Disaggregation = (typeof DISAGGREGATIONS)[number];

export const REPORTING_FREQUENCIES = ['quarter', 'half_year'] as const;
export type ReportingFrequency = (typeof REPORTING_FREQUENCIES)[number];
