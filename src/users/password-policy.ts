import { dictionary } from '@zxcvbn-ts/language-common';
import { registerDecorator, ValidationOptions } from 'class-validator';

export const PASSWORD_MIN_LENGTH = 12;
export const PASSWORD_MAX_LENGTH = 200;

/**
 * About 49,000 passwords most often found in breaches, as kept by zxcvbn-ts (lower-case). Loaded once;
 * a Set makes each check a lookup.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set(dictionary['passwords-common']);

/**
 * Why a new password is refused, or null when it is acceptable. The rules of NIST SP 800-63B: a
 * minimum length (counted in characters, not UTF-16 units), no composition rules, and no password
 * from a list of common or breached ones (compared without case, since a capital first letter adds
 * nothing an attacker does not try). Applies to accounts created or changed through the API; the
 * seed's demo password is governed by the seed.
 */
export function passwordProblem(password: string): string | null {
  const length = [...password].length;
  if (length < PASSWORD_MIN_LENGTH || length > PASSWORD_MAX_LENGTH) {
    return `must be between ${PASSWORD_MIN_LENGTH} and ${PASSWORD_MAX_LENGTH} characters`;
  }
  if (password.trim() === '') return 'must not be only spaces';
  if (/^(.)\1*$/su.test(password)) return 'must not repeat a single character';
  if (COMMON_PASSWORDS.has(password.toLowerCase())) {
    return 'is too common (it appears in lists of breached passwords); choose another';
  }
  return null;
}

/** DTO check: a 400 naming the field, with the rule's reason (the password itself is never echoed). */
export function IsAcceptablePassword(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isAcceptablePassword',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: ({ value }) =>
          typeof value === 'string' ? (passwordProblem(value) ?? '') : 'must be a string',
        ...options,
      },
      validator: {
        validate: (value: unknown) => typeof value === 'string' && passwordProblem(value) === null,
      },
    });
}
