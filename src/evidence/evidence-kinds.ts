import type { ActivityType } from '../activities/activity.entity';

/** What a piece of evidence is. The page names each in the reader's language. */
export const EVIDENCE_KINDS = [
  'agenda',
  'attendance_list',
  'report',
  'photo',
  'legislation',
  'agreement_text',
  'court_decision',
  'awareness_material',
  'other',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

export const isEvidenceKind = (value: unknown): value is EvidenceKind =>
  typeof value === 'string' && (EVIDENCE_KINDS as readonly string[]).includes(value);

/**
 * The evidence each type of activity needs before a party's part may be marked completed, as the
 * migration seeds it (programme managers change it with PUT /api/evidence-requirements):
 *
 * - workshop: its agenda and the attendance list, what donors ask to see that it took place;
 * - study_visit: the visit's agenda (programme) and a report of what was learnt;
 * - legal_exchange: at least one legislation text (each side sends its texts);
 * - capacity_building: attendance list (who was trained);
 * - awareness: the awareness material that was spread;
 * - meeting: the attendance list (minutes or conclusions go in a report when there are any);
 * - data_collection, other: nothing required (their output varies too much to name one kind).
 *
 * "At least one" of each kind: a requirement is met by one item of that kind.
 */
export const DEFAULT_EVIDENCE_REQUIREMENTS: Readonly<
  Record<ActivityType, readonly EvidenceKind[]>
> = {
  workshop: ['agenda', 'attendance_list'],
  study_visit: ['agenda', 'report'],
  legal_exchange: ['legislation'],
  capacity_building: ['attendance_list'],
  awareness: ['awareness_material'],
  meeting: ['attendance_list'],
  data_collection: [],
  other: [],
};
