import { IsEmail, IsString, Length } from 'class-validator';

export class LoginDto {
  @IsEmail({}, { message: 'must be an email address' })
  email: string;

  @IsString()
  @Length(1, 200)
  password: string;
}
