import { ApiParam } from '@nestjs/swagger';
import type { PipeTransform } from '@nestjs/common';
import { InvalidInput } from '../common/errors/domain-errors';
import { isPeriodKey } from './reporting-periods';

const UUID_SCHEMA = { type: 'string', format: 'uuid', maxLength: 36 } as const;
/** Ids in the path besides the plan's `id` (which src/openapi/document-completion.ts documents). */
export const UuidPathParam = (name: string) => ApiParam({ name, schema: UUID_SCHEMA });

export const PeriodPathParam = () =>
  ApiParam({
    name: 'period',
    description: 'A reporting period of the plan, e.g. 2025-H1 or 2025-Q3',
    schema: { type: 'string', pattern: '^[0-9]{4}-(H[12]|Q[1-4])$', maxLength: 7 },
  });

/** `@Param('period', PeriodParam)`: a malformed period is the caller's mistake (400). */
export const PeriodParam: PipeTransform<string, string> = {
  transform(value: string): string {
    if (typeof value !== 'string' || !isPeriodKey(value)) {
      throw InvalidInput.field('period', 'must be a reporting period such as 2025-H1');
    }
    return value;
  },
};
