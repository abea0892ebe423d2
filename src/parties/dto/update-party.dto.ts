import { Type } from 'class-transformer';
import { IsObject, IsString, Length, ValidateNested } from 'class-validator';
import { IsOmittable } from '../../common/validation/validators';
import { PartyNamesDto } from './party-names.dto';

/** What may change about a party: its names. The code and type are its identity. */
export class UpdatePartyDto {
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOmittable()
  @IsObject({ message: 'must be an object keyed by language (fr, en, ar)' })
  @ValidateNested()
  @Type(() => PartyNamesDto)
  names?: PartyNamesDto;
}
