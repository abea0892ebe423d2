import { registerDecorator, ValidateIf, ValidationOptions } from 'class-validator';
import { Transform } from 'class-transformer';
import { isCalendarDate, isValidTimeZone } from '../time/calendar-date';
import { canonicalTimeZone } from '../time/wall-clock';

/**
 * An IANA time zone name that this runtime knows (`Africa/Casablanca`), stored under its canonical name
 * (PostgreSQL, which computes "today" per plan, knows canonical names but not every legacy alias).
 */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  const canonical = Transform(({ value }: { value: unknown }) =>
    typeof value === 'string' ? (canonicalTimeZone(value) ?? value) : value,
  );
  return (target, propertyName) => {
    canonical(target, propertyName);
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an IANA time zone such as Africa/Casablanca', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value),
      },
    });
  };
}

/**
 * Dates the API accepts. Wider than any agreement this service tracks, and narrow enough that every date
 * computed from one (a term of up to 100 years, a notice period of up to 10) stays a four-digit year that
 * PostgreSQL stores: `0000-01-01` or `9999-01-01` + 1200 months used to end in a 500.
 */
const FIRST_DATE = '1900-01-01';
const LAST_DATE = '2999-12-31';

/** A real calendar date written YYYY-MM-DD (no time, no offset), between 1900 and 2999. */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `must be a calendar date written YYYY-MM-DD, from ${FIRST_DATE} to ${LAST_DATE}`,
        ...options,
      },
      validator: {
        validate: (value: unknown) =>
          typeof value === 'string' &&
          isCalendarDate(value) &&
          value >= FIRST_DATE &&
          value <= LAST_DATE,
      },
    });
}

/**
 * The property may be left out, but not sent as `null`. class-validator's @IsOptional() skips every
 * check for null as well, which let `{"title": null}` through to a NOT NULL column (a 500). Use
 * @IsOptional() only where null means something (clearing a nullable field).
 */
export function IsOmittable(options?: ValidationOptions): PropertyDecorator {
  return ValidateIf((_object, value) => value !== undefined, options);
}

/** Party codes: upper-case letters and digits, 2 to 16 characters (ISO alpha-2 or an acronym). */
export const PARTY_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,15}$/;
