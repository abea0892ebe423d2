import type { ActivityView } from '../activities/activity-view';
import type { PartView } from '../activities/parts/part-view';
import { calendarLabels } from './calendar-labels';
import { asSeenByParty } from './own-part';
import { activityPrefix } from './plan-calendar';

const part = (partyCode: string, fields: Partial<PartView>): PartView => ({
  partyCode,
  status: 'planned',
  progressPercent: 0,
  note: null,
  completedOn: null,
  version: 1,
  updatedAt: '2026-03-01T00:00:00.000Z',
  overdue: false,
  ...fields,
});

/** A joint study visit past its due date: Morocco done, Côte d'Ivoire still owing, IOM dropped out. */
const joint = {
  id: 'a',
  title: 'Visite',
  type: 'study_visit',
  status: 'in_progress',
  progressPercent: 50,
  completedOn: null,
  overdue: true,
  leadPartyCode: 'MA',
  partyCodes: ['MA', 'CI', 'IOM'],
  dueOn: '2026-03-31',
  parts: [
    part('MA', { status: 'completed', progressPercent: 100, completedOn: '2026-03-20' }),
    part('CI', { status: 'in_progress', overdue: true }),
    part('IOM', { status: 'cancelled' }),
  ],
} as unknown as ActivityView;

describe('a focal point’s calendar shows their own part', () => {
  const fr = calendarLabels('fr');
  it.each([
    ['MA', 'Réalisée', 'completed', 100],
    ['CI', 'En retard', 'in_progress', 0],
    ['IOM', 'Annulée', 'cancelled', 0],
    [null, 'En retard', 'in_progress', 50],
    ['EG', 'En retard', 'in_progress', 50], // not on the activity: the joint state
  ] as const)('party %s reads « %s »', (code, prefix, status, progress) => {
    const seen = asSeenByParty(joint, code);
    expect(activityPrefix(seen, fr)).toBe(prefix);
    expect(seen).toMatchObject({ status, progressPercent: progress });
  });

  it('keeps the completion date of the part, and leaves the activity itself untouched', () => {
    expect(asSeenByParty(joint, 'MA')).toMatchObject({ completedOn: '2026-03-20', overdue: false });
    expect(joint).toMatchObject({ status: 'in_progress', overdue: true, completedOn: null });
  });
});
