import { PickType } from '@nestjs/swagger';
import { UpdateUserDto } from '../../../users/dto/update-user.dto';

/** What people change about themselves: name, language, time zone (validated as for user creation). */
export class UpdateProfileDto extends PickType(UpdateUserDto, [
  'name',
  'locale',
  'timeZone',
] as const) {}
