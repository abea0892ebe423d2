import { registerDecorator, ValidationOptions } from 'class-validator';
import { canonicalAmount, isCurrencyCode } from './money-amounts';

/** A positive amount with at most two decimals, as a JSON number or a decimal string. */
export function IsMoneyAmount(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isMoneyAmount',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message:
          'must be a positive amount with at most two decimals, as a number or a string such as "1234.50"',
        ...options,
      },
      validator: { validate: (value: unknown) => canonicalAmount(value) !== null },
    });
}

/** An ISO 4217 currency code in capitals (EUR, MAD, XOF…), as Intl knows them. */
export function IsCurrencyCode(options?: ValidationOptions): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isCurrencyCode',
      target: target.constructor,
      propertyName: propertyName as string,
      options: { message: 'must be an ISO 4217 currency code such as EUR or MAD', ...options },
      validator: { validate: (value: unknown) => isCurrencyCode(value) },
    });
}
