import { REMINDER_CATALOGUES, type ReminderFacts } from './reminder-messages';

const facts = (overrides: Partial<ReminderFacts>): ReminderFacts => ({
  ruleKind: 'activity_due',
  title: 'T',
  context: null,
  date: 'D',
  days: 5,
  escalated: false,
  renewalMode: null,
  parties: null,
  ...overrides,
});

describe('reminder subjects count days as each language does', () => {
  it.each([
    ['fr', 0, "Échéance aujourd'hui : T", 'En retard de 0 jour : T'],
    ['fr', 1, 'Échéance demain : T', 'En retard de 1 jour : T'],
    ['fr', 2, 'Échéance dans 2 jours : T', 'En retard de 2 jours : T'],
    ['fr', 3, 'Échéance dans 3 jours : T', 'En retard de 3 jours : T'],
    ['fr', 5, 'Échéance dans 5 jours : T', 'En retard de 5 jours : T'],
    ['fr', 11, 'Échéance dans 11 jours : T', 'En retard de 11 jours : T'],
    ['fr', 100, 'Échéance dans 100 jours : T', 'En retard de 100 jours : T'],
    ['en', 0, 'Due today: T', 'Overdue by 0 days: T'],
    ['en', 1, 'Due tomorrow: T', 'Overdue by 1 day: T'],
    ['en', 2, 'Due in 2 days: T', 'Overdue by 2 days: T'],
    ['en', 3, 'Due in 3 days: T', 'Overdue by 3 days: T'],
    ['en', 5, 'Due in 5 days: T', 'Overdue by 5 days: T'],
    ['en', 11, 'Due in 11 days: T', 'Overdue by 11 days: T'],
    ['en', 100, 'Due in 100 days: T', 'Overdue by 100 days: T'],
    ['ar', 0, 'موعد الإنجاز اليوم: T', 'متأخر 0 يوم: T'],
    ['ar', 1, 'موعد الإنجاز غدًا: T', 'متأخر يومًا واحدًا: T'],
    ['ar', 2, 'موعد الإنجاز بعد يومين: T', 'متأخر يومين: T'],
    ['ar', 3, 'موعد الإنجاز بعد 3 أيام: T', 'متأخر 3 أيام: T'],
    ['ar', 5, 'موعد الإنجاز بعد 5 أيام: T', 'متأخر 5 أيام: T'],
    ['ar', 11, 'موعد الإنجاز بعد 11 يومًا: T', 'متأخر 11 يومًا: T'],
    ['ar', 100, 'موعد الإنجاز بعد 100 يوم: T', 'متأخر 100 يوم: T'],
  ] as const)('%s, %d days: "%s" / "%s"', (locale, days, due, overdue) => {
    const catalogue = REMINDER_CATALOGUES[locale];
    expect(catalogue(facts({ days })).subject).toBe(due);
    expect(catalogue(facts({ ruleKind: 'activity_overdue', days })).subject).toBe(overdue);
  });

  it('names the parties in the body when known', () => {
    const words = REMINDER_CATALOGUES.ar(facts({ parties: 'المغرب وكوت ديفوار' }));
    expect(words.lines).toContain('الأطراف: المغرب وكوت ديفوار.');
    expect(REMINDER_CATALOGUES.fr(facts({})).lines.join(' ')).not.toContain('Parties');
  });
});
