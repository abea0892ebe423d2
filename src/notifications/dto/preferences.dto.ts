import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, ValidateNested } from 'class-validator';
import { RULE_KINDS } from '../notification-kinds';

export class PreferenceDto {
  @IsIn(RULE_KINDS)
  ruleKind: string;

  @IsIn(['email'])
  channel: string;

  @IsBoolean()
  enabled: boolean;
}

export class PreferencesDto {
  @IsArray()
  @ArrayMaxSize(50)
  @ValidateNested({ each: true })
  @Type(() => PreferenceDto)
  preferences: PreferenceDto[];
}
