import { registerDecorator, type ValidationOptions } from 'class-validator';

/**
 * How many decimals a JSON number carries, read as JavaScript prints it (the shortest text that gives
 * the same double, i.e. what the client sent). class-validator's `IsNumber({ maxDecimalPlaces })` reads
 * the digits after a `.` in `toString()`, so a number printed in exponent form (1e-7, 6e-323, 1.5e-7)
 * either threw (no `.`: a 500) or was counted wrong; here the exponent counts too.
 */
export function decimalPlaces(value: number): number {
  const [mantissa, exponent = '0'] = String(Math.abs(value)).split('e');
  const fraction = mantissa.split('.')[1] ?? '';
  return Math.max(0, fraction.length - Number(exponent));
}

/** A finite number with at most `maxDecimalPlaces` decimals, so numeric(18, 4) stores it exactly. */
export function isDecimalNumber(value: unknown, maxDecimalPlaces: number): value is number {
  return (
    typeof value === 'number' && Number.isFinite(value) && decimalPlaces(value) <= maxDecimalPlaces
  );
}

/** Replaces `IsNumber({ maxDecimalPlaces })` for the results' numeric inputs (see decimalPlaces). */
export function IsDecimalNumber(
  maxDecimalPlaces: number,
  options?: ValidationOptions,
): PropertyDecorator {
  return (target, propertyName) =>
    registerDecorator({
      name: 'isDecimalNumber',
      target: target.constructor,
      propertyName: propertyName as string,
      options: {
        message: `must be a number with at most ${maxDecimalPlaces} decimals`,
        ...options,
      },
      validator: { validate: (value: unknown) => isDecimalNumber(value, maxDecimalPlaces) },
    });
}
