import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  IsAcceptablePassword,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
} from '../../../users/password-policy';

export class PasswordResetDto {
  /** The token from the invitation or reset link (after `#invitation/` or `#password-reset/`). */
  @IsString()
  @MaxLength(100)
  token: string;

  /** The new password: at least 12 characters, not a common or breached one. */
  @ApiProperty({
    format: 'password',
    minLength: PASSWORD_MIN_LENGTH,
    maxLength: PASSWORD_MAX_LENGTH,
  })
  @IsAcceptablePassword()
  password: string;

  /** The dashboard page: also sign this browser in (session cookies), so the invitee lands signed in. */
  @IsOptional()
  @IsBoolean()
  startSession?: boolean;
}
