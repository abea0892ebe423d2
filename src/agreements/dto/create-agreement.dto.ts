import { TranslationsDto, translationsProperty } from '../../common/i18n/translations.dto';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  ArrayUnique,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsObject,
  IsOptional,
  IsString,
  IsUrl,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import {
  IsCalendarDate,
  IsOmittable,
  IsTimeZone,
  PARTY_CODE_PATTERN,
} from '../../common/validation/validators';
import {
  AGREEMENT_KINDS,
  AGREEMENT_STATUSES,
  type AgreementKind,
  type AgreementStatus,
} from '../agreement.entity';
import { EntryIntoForceClauseDto } from '../lifecycle/dto/entry-into-force-clause.dto';
import { RenewalTermsDto } from './renewal-terms.dto';

export class CreateAgreementDto {
  @IsIn(AGREEMENT_KINDS)
  kind: AgreementKind;

  @IsString()
  @Length(1, 500)
  title: string;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  reference?: string;

  /** Title (and description) in other languages: `{ en: { title }, ar: { title } }`. */
  @translationsProperty()
  translations?: TranslationsDto | null;

  /** Where the signed text is published (http or https); null clears it. The IATI file links to it. */
  @IsOptional()
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'must be an http or https URL' },
  )
  @MaxLength(2048)
  documentUrl?: string | null;

  /** Two or more party codes (`MA`, `CI`). */
  @IsArray()
  @ArrayMinSize(2)
  @ArrayMaxSize(200)
  @ArrayUnique()
  @Matches(PARTY_CODE_PATTERN, { each: true, message: 'each must be a party code such as MA' })
  @MaxLength(16, { each: true })
  partyCodes: string[];

  @IsCalendarDate()
  @MaxLength(10)
  signedOn: string;

  /**
   * Only for the legacy `typed` clause (a date the text states). Without a clause, a date given here
   * means `typed` and no date means `signature`; under any other clause it is computed, never typed.
   */
  @IsOmittable()
  @IsCalendarDate()
  @MaxLength(10)
  entryIntoForceOn?: string;

  /** The final clause on entry into force (see EntryIntoForceClauseDto). */
  @IsOmittable()
  @IsObject({ message: 'must be an object with a basis' })
  @ValidateNested()
  @Type(() => EntryIntoForceClauseDto)
  entryIntoForce?: EntryIntoForceClauseDto;

  /** Applied provisionally from signature until it enters into force. */
  @IsOmittable()
  @IsBoolean()
  provisionalApplication?: boolean;

  /** The denunciation clause's notice in months; null or absent = none (12 months, VCLT art. 56). */
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(120)
  denunciationNoticeMonths?: number | null;

  @IsInt()
  @Min(1)
  @Max(1200)
  durationMonths: number;

  // @ValidateNested() alone lets a missing object through (and the service would then fail on
  // `renewal.mode`); @IsObject() makes the block itself required.
  @IsObject({ message: 'must be an object with at least a mode' })
  @ValidateNested()
  @Type(() => RenewalTermsDto)
  renewal: RenewalTermsDto;

  @IsOmittable()
  @IsIn(AGREEMENT_STATUSES)
  status?: AgreementStatus;

  /** Zone in which "today" is reckoned for this agreement; defaults to Africa/Casablanca. */
  @IsOmittable()
  @IsTimeZone()
  @MaxLength(64) // the longest IANA name is 32
  timeZone?: string;
}
