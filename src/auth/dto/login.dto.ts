import { IsEmail, IsString, Length, MaxLength } from 'class-validator';

export class LoginDto {
  @IsEmail({}, { message: 'must be an email address' })
  @MaxLength(254)
  email: string;

  @IsString()
  @Length(1, 200)
  password: string;
}
