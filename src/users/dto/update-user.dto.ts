import {
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
} from 'class-validator';
import { IsTimeZone, PARTY_CODE_PATTERN } from '../../common/validation/validators';
import { LOCALES, ROLES, type Locale, type Role } from '../user.entity';

export class UpdateUserDto {
  @IsOptional()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  /** A party code, or null to detach (not allowed for focal points). */
  @IsOptional()
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  partyCode?: string | null;

  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @IsOptional()
  @IsTimeZone()
  timeZone?: string;

  @IsOptional()
  @IsString()
  @Length(12, 200, { message: 'must be between 12 and 200 characters' })
  password?: string;

  /** Deactivated users cannot log in and their tokens stop working. */
  @IsOptional()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  observedAgreementIds?: string[];
}
