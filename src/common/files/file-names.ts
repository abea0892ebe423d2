import type { CalendarDate } from '../time/calendar-date';

/**
 * `attachment; filename="plan-d-action-bilateral-2025-2026-activities-2026-11-28.csv"`: ASCII only, so
 * that every browser and mail client keeps the name; the plan title is folded to a slug.
 */
export function attachmentDisposition(
  planTitle: string,
  what: string,
  today: CalendarDate,
  extension: string,
): string {
  const slug = planTitle
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');
  const name = [slug || 'plan', what, today].join('-');
  return `attachment; filename="${name}.${extension}"`;
}
