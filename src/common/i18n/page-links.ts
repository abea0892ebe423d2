/**
 * Every link the service writes (mail, digest, calendar, IATI, webhook) opens its item in the page:
 * `${PUBLIC_URL}/?lang=<lang>#<anchor>`, with anchors `activity/<id>`, `plan/<id>`, `agreement/<id>`
 * (src/dashboard/public/router.js). The language is left out when the reader's is unknown (webhooks,
 * shared calendars): the page then uses the browser's.
 */
export type PageAnchor = `${'activity' | 'plan' | 'agreement'}/${string}` | '';

export function pageLink(
  publicUrl: string,
  anchor: PageAnchor | string,
  language?: string,
): string {
  const query = language ? `?lang=${encodeURIComponent(language)}` : '';
  return `${publicBase(publicUrl)}/${query}${anchor ? `#${anchor}` : ''}`;
}

/** PUBLIC_URL without a trailing slash; a path prefix (`https://host/accords`) is kept. */
export function publicBase(publicUrl: string): string {
  return publicUrl.replace(/\/+$/, '');
}

export const activityAnchor = (id: string): PageAnchor => `activity/${id}`;
export const planAnchor = (id: string): PageAnchor => `plan/${id}`;
export const agreementAnchor = (id: string): PageAnchor => `agreement/${id}`;
/** The plan's results screen (indicators, values, validation). */
export const planResultsAnchor = (id: string): PageAnchor => `plan/${id}/results`;
