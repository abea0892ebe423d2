import { PartialType } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { THEME_PATTERN } from '../../activities/dto/create-activity.dto';
import { TranslationsDto, translationsProperty } from '../../common/i18n/translations.dto';
import { IsOmittable } from '../../common/validation/validators';

/** Codes of objectives and indicators: `OS1`, `IND-1.2`. */
export const RESULT_CODE_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,31}$/;

export class CreateObjectiveDto {
  /** Unique within the plan, e.g. `OS1` (letters, digits, `.`, `_`, `-`). */
  @Matches(RESULT_CODE_PATTERN, { message: 'must be a short code such as OS1' })
  @MaxLength(32)
  code: string;

  /** The activity theme it serves (`victim_support`); null for none. */
  @IsOptional()
  @Matches(THEME_PATTERN, { message: 'must be a snake_case theme' })
  @MaxLength(64)
  theme?: string | null;

  @IsString()
  @Length(1, 500)
  @Matches(/\S/, { message: 'must not be blank' })
  title: string;

  /** The title in other languages: `{ en: { title }, ar: { title } }`. */
  @translationsProperty()
  translations?: TranslationsDto | null;

  /** Order in the framework (smaller first; then by code). */
  @IsOmittable()
  @IsInt()
  @Min(0)
  @Max(100000)
  position?: number;
}

export class UpdateObjectiveDto extends PartialType(CreateObjectiveDto, {
  skipNullProperties: false,
}) {
  /** When given, the change applies only if the objective is still at this version (else 409). */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(2147483647)
  version?: number;
}
