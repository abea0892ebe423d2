import { IsOptional, IsString, Length } from 'class-validator';

export class CreateFeedTokenDto {
  /** Where the token is used, to recognise it later (e.g. "Outlook, bureau"). */
  @IsOptional()
  @IsString()
  @Length(1, 200)
  label?: string;
}
