import type { Locale } from '../../users/user.entity';
import type { MailBody } from '../../notifications/templates/render-mail';
import type { TokenPurpose } from './account-token.entity';

/** What an account mail needs to say, already formatted for the reader. */
export interface AccountMailFacts {
  purpose: TokenPurpose;
  name: string;
  email: string;
  link: string;
  /** When the link stops working, as a date and time in the recipient's zone. */
  expiresAt: string;
  timeZone: string;
}

type Catalogue = (f: AccountMailFacts) => MailBody;

const fr: Catalogue = (f) =>
  f.purpose === 'invitation'
    ? {
        subject: 'Votre compte Accords vous attend',
        blocks: [
          `Bonjour ${f.name},`,
          `Un compte Accords a été créé pour vous (${f.email}). Choisissez votre mot de passe avec le lien ci-dessous ; vous serez ensuite connecté.`,
          `Ce lien ne sert qu'une fois et reste valable 7 jours, jusqu'au ${f.expiresAt} (${f.timeZone}).`,
        ],
        link: { label: 'Choisir mon mot de passe', href: f.link },
        footer:
          "Si vous n'attendiez pas cette invitation, ignorez ce message : aucun compte ne sera utilisable sans ce lien.",
      }
    : {
        subject: 'Réinitialisation de votre mot de passe Accords',
        blocks: [
          `Bonjour ${f.name},`,
          `Une réinitialisation du mot de passe a été demandée pour ${f.email}. Choisissez un nouveau mot de passe avec le lien ci-dessous.`,
          `Ce lien ne sert qu'une fois et reste valable 1 heure, jusqu'au ${f.expiresAt} (${f.timeZone}).`,
        ],
        link: { label: 'Choisir un nouveau mot de passe', href: f.link },
        footer:
          "Si vous n'êtes pas à l'origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.",
      };

const en: Catalogue = (f) =>
  f.purpose === 'invitation'
    ? {
        subject: 'Your Accords account is waiting for you',
        blocks: [
          `Hello ${f.name},`,
          `An Accords account was created for you (${f.email}). Choose your password with the link below; you will then be signed in.`,
          `The link works once, for 7 days, until ${f.expiresAt} (${f.timeZone}).`,
        ],
        link: { label: 'Choose my password', href: f.link },
        footer:
          'If you did not expect this invitation, ignore this message: the account cannot be used without this link.',
      }
    : {
        subject: 'Reset your Accords password',
        blocks: [
          `Hello ${f.name},`,
          `Someone asked to reset the password of ${f.email}. Choose a new password with the link below.`,
          `The link works once, for 1 hour, until ${f.expiresAt} (${f.timeZone}).`,
        ],
        link: { label: 'Choose a new password', href: f.link },
        footer: 'If you did not ask for this, ignore this message: your password stays as it is.',
      };

const ar: Catalogue = (f) =>
  f.purpose === 'invitation'
    ? {
        subject: 'حسابك في Accords بانتظارك',
        blocks: [
          `مرحبًا ${f.name}،`,
          `أُنشئ لك حساب في Accords (${f.email}). اختر كلمة المرور عبر الرابط أدناه، وستُسجَّل دخولك بعدها.`,
          `يُستخدم هذا الرابط مرة واحدة، وهو صالح لمدة 7 أيام، حتى ${f.expiresAt} (${f.timeZone}).`,
        ],
        link: { label: 'اختيار كلمة المرور', href: f.link },
        footer:
          'إن لم تكن تنتظر هذه الدعوة فتجاهل هذه الرسالة: لا يمكن استخدام الحساب دون هذا الرابط.',
      }
    : {
        subject: 'إعادة تعيين كلمة مرور Accords',
        blocks: [
          `مرحبًا ${f.name}،`,
          `طُلبت إعادة تعيين كلمة المرور للحساب ${f.email}. اختر كلمة مرور جديدة عبر الرابط أدناه.`,
          `يُستخدم هذا الرابط مرة واحدة، وهو صالح لمدة ساعة واحدة، حتى ${f.expiresAt} (${f.timeZone}).`,
        ],
        link: { label: 'اختيار كلمة مرور جديدة', href: f.link },
        footer: 'إن لم تطلب ذلك فتجاهل هذه الرسالة: تبقى كلمة مرورك كما هي.',
      };

export const ACCOUNT_MAIL_CATALOGUES: Record<Locale, Catalogue> = { fr, en, ar };

const TAGS: Record<Locale, string> = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-MA' };

/** "mercredi 9 décembre 2026 à 14:05", in the recipient's zone. */
export function formatInstant(instant: Date, locale: Locale, timeZone: string): string {
  return new Intl.DateTimeFormat(TAGS[locale], {
    dateStyle: 'full',
    timeStyle: 'short',
    timeZone,
  }).format(instant);
}

/** The page anchor a link opens: `#invitation/<token>` or `#password-reset/<token>`. */
export function accountLinkAnchor(purpose: TokenPurpose, token: string): string {
  return `${purpose === 'invitation' ? 'invitation' : 'password-reset'}/${token}`;
}
