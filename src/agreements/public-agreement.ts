import { CONTENT_LANGUAGES, type ContentLanguage } from '../common/i18n/translations';
import type { PartyNames } from '../parties/party.entity';
import type { CalendarDate } from '../common/time/calendar-date';
import type { AgreementKind, AgreementStatus } from './agreement.entity';

/**
 * What anyone holding an agreement's public address may read: what it is, between whom, when it runs.
 * Nothing else (no reference, notes, plans, activities, users or ids).
 */
export interface PublicAgreementView {
  kind: AgreementKind;
  title: string;
  /** The title in other languages, when given. */
  titles: Partial<Record<ContentLanguage, string>>;
  parties: { code: string; name: string; names: PartyNames }[];
  signedOn: CalendarDate;
  entryIntoForceOn: CalendarDate;
  expiresOn: CalendarDate;
  status: AgreementStatus;
}

const WORDS: Record<
  ContentLanguage,
  {
    parties: string;
    signedOn: string;
    inForce: string;
    expires: string;
    status: string;
    statuses: Record<AgreementStatus, string>;
  }
> = {
  fr: {
    parties: 'Parties',
    signedOn: 'Signé le',
    inForce: 'Entrée en vigueur',
    expires: 'En vigueur jusqu’au',
    status: 'Statut',
    statuses: {
      draft: 'Projet',
      in_force: 'En vigueur',
      expired: 'Expiré',
      renewed: 'Renouvelé',
      terminated: 'Résilié',
    },
  },
  en: {
    parties: 'Parties',
    signedOn: 'Signed on',
    inForce: 'Entry into force',
    expires: 'In force until',
    status: 'Status',
    statuses: {
      draft: 'Draft',
      in_force: 'In force',
      expired: 'Expired',
      renewed: 'Renewed',
      terminated: 'Terminated',
    },
  },
  ar: {
    parties: 'الأطراف',
    signedOn: 'تاريخ التوقيع',
    inForce: 'بدء السريان',
    expires: 'ساري المفعول حتى',
    status: 'الحالة',
    statuses: {
      draft: 'مشروع',
      in_force: 'ساري المفعول',
      expired: 'منتهي',
      renewed: 'مجدد',
      terminated: 'منهى',
    },
  },
};

const DATE_TAGS: Record<ContentLanguage, string> = { fr: 'fr-FR', en: 'en-GB', ar: 'ar-MA' };

export function pickPublicLanguage(
  lang: unknown,
  acceptLanguage: string | undefined,
): ContentLanguage {
  if (typeof lang === 'string' && (CONTENT_LANGUAGES as readonly string[]).includes(lang)) {
    return lang as ContentLanguage;
  }
  const preferred = (acceptLanguage ?? '')
    .split(',')
    .map((part) => part.trim().slice(0, 2).toLowerCase())
    .find((code) => (CONTENT_LANGUAGES as readonly string[]).includes(code));
  return (preferred as ContentLanguage | undefined) ?? 'fr';
}

/** A static, script-free page for people (the JSON is for machines). */
export function renderPublicAgreementPage(
  view: PublicAgreementView,
  language: ContentLanguage,
): string {
  const w = WORDS[language];
  const date = (d: CalendarDate) =>
    new Intl.DateTimeFormat(DATE_TAGS[language], { dateStyle: 'long', timeZone: 'UTC' }).format(
      new Date(`${d}T00:00:00Z`),
    );
  const title = view.titles[language] ?? view.title;
  const others = CONTENT_LANGUAGES.filter((l) => view.titles[l] && view.titles[l] !== title);
  const parties = view.parties.map((p) => p.names[language] ?? p.name);
  const row = (label: string, value: string) =>
    `<tr><th scope="row">${escapeHtml(label)}</th><td><bdi>${escapeHtml(value)}</bdi></td></tr>`;
  return `<!doctype html>
<html lang="${language}" dir="${language === 'ar' ? 'rtl' : 'ltr'}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex"><title>${escapeHtml(title)}</title></head>
<body style="font-family:Arial,Helvetica,sans-serif;color:#1f2933;max-width:48rem;margin:1rem auto;padding:0 1rem">
<h1 style="font-size:1.3rem">${escapeHtml(title)}</h1>
${others.map((l) => `<p lang="${l}" dir="auto">${escapeHtml(view.titles[l] as string)}</p>`).join('\n')}
<table>
${row(w.parties, new Intl.ListFormat(language, { type: 'conjunction' }).format(parties))}
${row(w.signedOn, date(view.signedOn))}
${row(w.inForce, date(view.entryIntoForceOn))}
${row(w.expires, date(view.expiresOn))}
${row(w.status, w.statuses[view.status])}
</table>
</body>
</html>`;
}

function escapeHtml(text: string): string {
  return text.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string,
  );
}
