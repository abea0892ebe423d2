import { Type } from 'class-transformer';
import {
  IsIn,
  IsObject,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsOmittable, PARTY_CODE_PATTERN } from '../../common/validation/validators';
import { PartyNamesDto } from './party-names.dto';
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

  /** Short names per language, shown instead of the code (`{ fr: 'OIM', en: 'IOM' }`). */
  @IsOmittable()
  @IsObject({ message: 'must be an object keyed by language (fr, en, ar)' })
  @ValidateNested()
  @Type(() => PartyNamesDto)
  names?: PartyNamesDto;
}
