import { IsIn, IsString, Length } from 'class-validator';
import { IsOmittable } from '../../common/validation/validators';
import { PARTY_TYPES, type PartyType } from '../party.entity';

/**
 * What an admin may correct about a party. The code is its business key (agreements, activities and
 * users refer to it), so it never changes; a wrong code is a new party.
 */
export class UpdatePartyDto {
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOmittable()
  @IsIn(PARTY_TYPES)
  type?: PartyType;
}
