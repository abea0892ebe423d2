import type { PipeTransform } from '@nestjs/common';
import { InvalidInput } from '../common/errors/domain-errors';
import { PARTY_CODE_PATTERN } from '../common/validation/validators';

/** `@Param('code', PartyCodeParam)`: a malformed code is the caller's mistake (400). */
export const PartyCodeParam: PipeTransform<string, string> = {
  transform(value: string) {
    if (typeof value !== 'string' || value.length > 16 || !PARTY_CODE_PATTERN.test(value)) {
      throw InvalidInput.field('code', 'must be a party code such as MA');
    }
    return value;
  },
};
