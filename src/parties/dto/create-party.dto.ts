import { IsIn, IsString, Length, Matches, MaxLength } from 'class-validator';
import { PARTY_CODE_PATTERN } from '../../common/validation/validators';
import { PARTY_TYPES, type PartyType } from '../party.entity';

export class CreatePartyDto {
  /** ISO 3166-1 alpha-2 for states (`MA`), a short upper-case acronym for organisations (`IOM`). */
  @Matches(PARTY_CODE_PATTERN, { message: 'must be 2 to 16 upper-case letters or digits' })
  @MaxLength(16)
  code: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsIn(PARTY_TYPES)
  type: PartyType;
}
