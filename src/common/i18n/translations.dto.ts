import { Type } from 'class-transformer';
import { IsObject, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';

/** One language's text. Null or an empty string removes what was stored for that field. */
export class TextTranslationDto {
  @IsOptional()
  @IsString()
  @MaxLength(500)
  title?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(10000)
  description?: string | null;
}

/**
 * Titles and descriptions in other languages than the original: only `fr`, `en` and `ar` are accepted
 * (any other key is refused, naming it). On an update, languages and fields left out are kept; a
 * language set to null is removed.
 */
export class TranslationsDto {
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TextTranslationDto)
  fr?: TextTranslationDto | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TextTranslationDto)
  en?: TextTranslationDto | null;

  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => TextTranslationDto)
  ar?: TextTranslationDto | null;
}

/** The `translations` property shared by the write bodies of agreements, plans and activities. */
export function translationsProperty(): PropertyDecorator {
  const decorators = [
    IsOptional(),
    IsObject({ message: 'must be an object keyed by language (fr, en, ar)' }),
    ValidateNested(),
    Type(() => TranslationsDto),
  ];
  return (target, key) => decorators.forEach((d) => d(target, key));
}
