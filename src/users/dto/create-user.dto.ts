import { ApiProperty } from '@nestjs/swagger';
import {
  ArrayMaxSize,
  ArrayUnique,
  IsArray,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { IsTimeZone, PARTY_CODE_PATTERN } from '../../common/validation/validators';
import { IsAcceptablePassword, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from '../password-policy';
import { LOCALES, ROLES, type Locale, type Role } from '../user.entity';

export class CreateUserDto {
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @IsString()
  @Length(1, 200)
  name: string;

  @IsIn(ROLES)
  role: Role;

  /** Required for focal points: the party they act for. */
  @ValidateIf((dto: CreateUserDto) => dto.role === 'focal_point' || dto.partyCode !== undefined)
  @Matches(PARTY_CODE_PATTERN, { message: 'must be a party code such as MA' })
  @MaxLength(16)
  partyCode?: string;

  @IsOptional()
  @IsIn(LOCALES)
  locale?: Locale;

  @IsOptional()
  @IsTimeZone()
  @MaxLength(64) // the longest IANA name is 32
  timeZone?: string;

  /** At least 12 characters, not a common or breached password; stored as an argon2id hash, never returned. */
  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsAcceptablePassword()
  password: string;

  /** For observers: the agreements they may read. */
  @IsOptional()
  @IsArray()
  @ArrayUnique()
  @IsUUID('all', { each: true })
  @MaxLength(36, { each: true })
  @ArrayMaxSize(1000)
  observedAgreementIds?: string[];
}
