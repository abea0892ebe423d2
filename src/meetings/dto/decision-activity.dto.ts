import { OmitType } from '@nestjs/swagger';
import { IsOmittable } from '../../common/validation/validators';
import { IsString, Length } from 'class-validator';
import { CreateActivityDto } from '../../activities/dto/create-activity.dto';

/**
 * The activity a decision becomes: the fields of a new activity, where the title defaults to the
 * decision's text (its first 500 characters) and the translations to the decision's.
 */
export class DecisionActivityDto extends OmitType(CreateActivityDto, ['title'] as const) {
  @IsOmittable()
  @IsString()
  @Length(1, 500)
  title?: string;
}
