import { Matches, MaxLength } from 'class-validator';
import { IsOmittable } from '../../common/validation/validators';

export class ResultsQuery {
  /** The year achievements are reckoned for (default: the plan's current year). */
  @IsOmittable()
  @Matches(/^[0-9]{4}$/, { message: 'must be a year such as 2025' })
  @MaxLength(4)
  year?: string;
}
