import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
} from 'class-validator';
import { IsOmittable, IsTimeZone, PARTY_CODE_PATTERN } from '../../common/validation/validators';
import { IsAcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';
import { LOCALES, ROLES, type Locale, type Role } from '../user.entity';

export class UpdateUserDto {
  @IsOmittable()
  @IsString()
  @Length(1, 200)
  name?: string;

  @IsOmittable()
  @IsIn(ROLES)
  role?: Role;

  /** A party code, or null to detach (not allowed for focal points). */
  @IsOptional()
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  partyCode?: string | null;

  @IsOmittable()
  @IsIn(LOCALES)
  locale?: Locale;

  @IsOmittable()
  @IsTimeZone()
  @MaxLength(64) // the longest IANA name is 32
  timeZone?: string;

  @IsOmittable()
  @ApiPropertyOptional({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsAcceptablePassword()
  password?: string;

  /** Deactivated users cannot log in and their tokens stop working. */
  @IsOmittable()
  @IsBoolean()
  active?: boolean;

  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @MaxLength(36, { each: true })
  @ArrayMaxSize(1000)
  observedAgreementIds?: string[];
}
