import type { ActivityView } from '../activities/activity-view';
import { MESSAGES } from '../dashboard/i18n';
import { calendarLabels } from './calendar-labels';
import { activityDescription, activityPrefix } from './plan-calendar';

const activity = (overrides: Partial<ActivityView>): ActivityView =>
  ({
    id: 'a',
    title: 'Atelier',
    description: null,
    type: 'study_visit',
    status: 'planned',
    overdue: false,
    progressPercent: 60,
    leadPartyCode: 'MA',
    partyCodes: ['MA', 'CI'],
    dueOn: '2026-10-01',
    ...overrides,
  }) as ActivityView;

describe('calendar vocabulary: the dashboard’s words, never codes', () => {
  it('takes status and type names from the dashboard dictionary itself', () => {
    for (const lang of ['fr', 'en', 'ar'] as const) {
      expect(calendarLabels(lang).statusNames).toBe(MESSAGES[lang].statusNames);
      expect(calendarLabels(lang).typeNames).toBe(MESSAGES[lang].typeNames);
    }
    expect(calendarLabels('xx').statusNames).toBe(MESSAGES.fr.statusNames);
  });

  it.each([
    ['fr', { status: 'completed' }, 'Réalisée'],
    ['fr', { status: 'cancelled' }, 'Annulée'],
    ['fr', { status: 'postponed' }, 'Reportée'],
    ['fr', { status: 'postponed', overdue: true }, 'En retard'],
    ['fr', { status: 'in_progress', overdue: true }, 'En retard'],
    ['fr', { status: 'planned' }, 'Échéance'],
    ['en', { status: 'completed' }, 'Completed'],
    ['en', { status: 'postponed' }, 'Postponed'],
    ['ar', { status: 'completed' }, 'منجز'],
    ['ar', { status: 'postponed' }, 'مؤجل'],
  ] as const)('%s %j → %s', (lang, overrides, expected) => {
    expect(activityPrefix(activity(overrides), calendarLabels(lang))).toBe(expected);
  });

  it('describes with labels: French spacing, names for status and type, a localised percentage', () => {
    const fr = activityDescription(activity({ status: 'completed' }), calendarLabels('fr'));
    expect(fr.split('\n')).toEqual([
      "Type : Visite d'étude",
      'Statut : Réalisée',
      'Avancement : 60\u00a0%',
      'Chef de file : MA',
      'Parties : MA, CI',
    ]);
    const en = activityDescription(activity({ status: 'in_progress' }), calendarLabels('en'));
    expect(en).toContain('Status: In progress');
    expect(en).toContain('Progress: 60%');
    const ar = activityDescription(activity({ status: 'postponed' }), calendarLabels('ar'));
    expect(ar).toContain('الحالة: مؤجل');
    expect(ar).toContain('MA، CI');
    for (const text of [fr, en, ar])
      expect(text).not.toMatch(/completed|in_progress|postponed|study_visit/);
  });
});
