import { IsEmail, MaxLength } from 'class-validator';

export class PasswordResetRequestDto {
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;
}
