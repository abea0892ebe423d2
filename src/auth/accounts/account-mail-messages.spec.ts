import { renderMail } from '../../notifications/templates/render-mail';
import { ACCOUNT_MAIL_CATALOGUES, accountLinkAnchor, formatInstant } from './account-mail-messages';
import type { TokenPurpose } from './account-token.entity';

describe('account mails', () => {
  const expires = new Date('2026-06-22T10:00:00Z');

  it.each<[keyof typeof ACCOUNT_MAIL_CATALOGUES, TokenPurpose, string, RegExp]>([
    [
      'fr',
      'invitation',
      'Votre compte Accords vous attend',
      /7 jours, jusqu'au lundi 22 juin 2026 à 11:00/,
    ],
    [
      'en',
      'invitation',
      'Your Accords account is waiting for you',
      /for 7 days, until Monday,? 22 June 2026 at 11:00/,
    ],
    ['ar', 'invitation', 'حسابك في Accords بانتظارك', /لمدة 7 أيام/],
    ['fr', 'password_reset', 'Réinitialisation de votre mot de passe Accords', /1 heure, jusqu'au/],
    ['en', 'password_reset', 'Reset your Accords password', /for 1 hour, until/],
    ['ar', 'password_reset', 'إعادة تعيين كلمة مرور Accords', /لمدة ساعة واحدة/],
  ])(
    '%s %s: subject, link, and when the link stops working',
    (locale, purpose, subject, expiry) => {
      const link = `https://accords.example/?lang=${locale}#${accountLinkAnchor(purpose, 'T0KEN')}`;
      const body = ACCOUNT_MAIL_CATALOGUES[locale]({
        purpose,
        name: 'Awa',
        email: 'awa@example.org',
        link,
        expiresAt: formatInstant(expires, locale, 'Africa/Casablanca'),
        timeZone: 'Africa/Casablanca',
      });
      const mail = renderMail(locale, body);
      expect(mail.subject).toBe(subject);
      expect(mail.text).toMatch(expiry);
      expect(mail.text).toContain(link);
      expect(mail.html).toContain(`href="${link}"`);
      expect(mail.html).toContain(locale === 'ar' ? 'dir="rtl"' : 'dir="ltr"');
    },
  );

  it('opens the page on the matching anchor', () => {
    expect(accountLinkAnchor('invitation', 'abc')).toBe('invitation/abc');
    expect(accountLinkAnchor('password_reset', 'abc')).toBe('password-reset/abc');
  });
});
