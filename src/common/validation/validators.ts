import { registerDecorator, ValidationOptions } from 'class-validator';
import { isCalendarDate, isValidTimeZone } from '../time/calendar-date';

/** An IANA time zone name that this runtime knows (`Africa/Casablanca`). */
export function IsTimeZone(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isTimeZone',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an IANA time zone such as Africa/Casablanca', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isValidTimeZone(value),
      },
    });
}

/** A real calendar date written YYYY-MM-DD (no time, no offset). */
export function IsCalendarDate(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCalendarDate',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be a calendar date written YYYY-MM-DD', ...options },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && isCalendarDate(value),
      },
    });
}

/** Party codes: upper-case letters and digits, 2 to 16 characters (ISO alpha-2 or an acronym). */
export const PARTY_CODE_PATTERN = /^[A-Z][A-Z0-9]{1,15}$/;
