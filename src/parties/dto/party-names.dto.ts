import { IsOptional, IsString, MaxLength } from 'class-validator';

/**
 * A party's short name per language (`{ fr: 'OIM', en: 'IOM', ar: 'المنظمة الدولية للهجرة' }`); only
 * fr, en and ar are accepted. On an update, languages left out are kept; null or '' removes one.
 */
export class PartyNamesDto {
  @IsOptional()
  @IsString()
  @MaxLength(200)
  fr?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  en?: string | null;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  ar?: string | null;
}
