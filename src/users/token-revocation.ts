import type { UpdateUserDto } from './dto/update-user.dto';
import type { User } from './user.entity';

/**
 * Whether a change must end the user's sessions: a new password (the old one may have leaked), or a
 * new role, party or activity state (a token must not outlive the rights it was issued with).
 */
export function revokesTokens(
  user: Pick<User, 'role' | 'partyCode' | 'active'>,
  dto: UpdateUserDto,
): boolean {
  return (
    dto.password !== undefined ||
    (dto.role !== undefined && dto.role !== user.role) ||
    (dto.partyCode !== undefined && dto.partyCode !== user.partyCode) ||
    (dto.active !== undefined && dto.active !== user.active)
  );
}
