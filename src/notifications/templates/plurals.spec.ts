import { counted } from './plurals';

/** Every counted phrase in every language at the numbers where plural forms change. */
describe('counted phrases follow each language plural rules', () => {
  it.each([
    ['fr', 0, 'dans 0 jour', '0 jour', '0 activité en retard'],
    ['fr', 1, 'dans 1 jour', '1 jour', '1 activité en retard'],
    ['fr', 2, 'dans 2 jours', '2 jours', '2 activités en retard'],
    ['fr', 3, 'dans 3 jours', '3 jours', '3 activités en retard'],
    ['fr', 5, 'dans 5 jours', '5 jours', '5 activités en retard'],
    ['fr', 11, 'dans 11 jours', '11 jours', '11 activités en retard'],
    ['fr', 100, 'dans 100 jours', '100 jours', '100 activités en retard'],
    ['en', 0, 'in 0 days', '0 days', '0 activities overdue'],
    ['en', 1, 'in 1 day', '1 day', '1 activity overdue'],
    ['en', 2, 'in 2 days', '2 days', '2 activities overdue'],
    ['en', 3, 'in 3 days', '3 days', '3 activities overdue'],
    ['en', 5, 'in 5 days', '5 days', '5 activities overdue'],
    ['en', 11, 'in 11 days', '11 days', '11 activities overdue'],
    ['en', 100, 'in 100 days', '100 days', '100 activities overdue'],
    ['ar', 0, 'بعد 0 يوم', '0 يوم', '0 نشاط متأخر'],
    ['ar', 1, 'بعد يوم واحد', 'يومًا واحدًا', 'نشاط واحد متأخر'],
    ['ar', 2, 'بعد يومين', 'يومين', 'نشاطان متأخران'],
    ['ar', 3, 'بعد 3 أيام', '3 أيام', '3 أنشطة متأخرة'],
    ['ar', 5, 'بعد 5 أيام', '5 أيام', '5 أنشطة متأخرة'],
    ['ar', 11, 'بعد 11 يومًا', '11 يومًا', '11 نشاطًا متأخرًا'],
    ['ar', 100, 'بعد 100 يوم', '100 يوم', '100 نشاط متأخر'],
  ] as const)('%s %d: "%s", "%s", "%s"', (locale, n, inDays, days, overdue) => {
    expect(counted(locale, 'inDays', n)).toBe(inDays);
    expect(counted(locale, 'days', n)).toBe(days);
    expect(counted(locale, 'overdueActivities', n)).toBe(overdue);
  });

  it.each([
    ['fr', 1, 'et 1 autre'],
    ['fr', 3, 'et 3 autres'],
    ['en', 2, 'and 2 more'],
    ['ar', 2, 'ونشاطان آخران'],
    ['ar', 5, 'و5 أنشطة أخرى'],
    ['ar', 11, 'و11 نشاطًا آخر'],
  ] as const)('%s %d more: "%s"', (locale, n, expected) => {
    expect(counted(locale, 'more', n)).toBe(expected);
  });
});
