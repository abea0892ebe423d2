import type { UpdateUserDto } from './dto/update-user.dto';
import { revokesTokens } from './token-revocation';

const focal = { role: 'focal_point', partyCode: 'MA', active: true } as const;

describe('revokesTokens', () => {
  it.each<[string, UpdateUserDto, boolean]>([
    ['a new password', { password: 'a-brand-new-password' }, true],
    ['a new role', { role: 'observer' }, true],
    ['the same role again', { role: 'focal_point' }, false],
    ['another party', { partyCode: 'CI' }, true],
    ['the same party again', { partyCode: 'MA' }, false],
    ['detaching the party', { partyCode: null }, true],
    ['deactivation', { active: false }, true],
    ['active again while active', { active: true }, false],
    ['a new name, locale and time zone', { name: 'N', locale: 'en', timeZone: 'UTC' }, false],
    ['new observed agreements', { observedAgreementIds: [] }, false],
  ])('%s → %s', (_label, dto, expected) => {
    expect(revokesTokens(focal, dto)).toBe(expected);
  });
});
