import { OmitType } from '@nestjs/swagger';
import { CreateUserDto } from '../../../users/dto/create-user.dto';

/** A user as an admin invites them: like user creation, without a password (the invitee sets it). */
export class InviteUserDto extends OmitType(CreateUserDto, ['password'] as const) {}
