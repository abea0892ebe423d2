import { counted } from '../../notifications/templates/plurals';
import { periodLabel, resultsDueMail, type ResultsDueFacts } from './results-due-messages';

describe('reporting-due reminder wording', () => {
  const facts: ResultsDueFacts = {
    kind: 'results_due',
    plan: 'Plan 2025',
    period: '1er semestre 2025',
    party: 'Maroc',
    dueOn: 'mercredi 30 juillet 2025',
    days: 14,
    missing: [{ text: 'IND-1 — Personnes formées', href: 'https://a.example/#plan/p/results' }],
  };

  it('before the due date: when, which period, which party, what is missing', () => {
    const mail = resultsDueMail('fr', facts);
    expect(mail.subject).toBe(
      'Rapport de résultats 1er semestre 2025 attendu dans 14 jours — Plan 2025',
    );
    expect(mail.paragraphs[0]).toBe(
      'Les valeurs des indicateurs du plan « Plan 2025 » pour la période 1er semestre 2025 sont attendues de Maroc au plus tard le mercredi 30 juillet 2025.',
    );
    expect(mail.section.heading).toBe('Reste à renseigner : 1 indicateur');
    expect(mail.section.items).toEqual(facts.missing);
  });

  it.each([
    ['en', 0, 'Results report for H due today — P'],
    ['en', 1, 'Results report for H due tomorrow — P'],
    ['ar', 3, 'تقرير النتائج عن H مطلوب بعد 3 أيام — P'],
  ] as const)('%s, %d days left: "%s"', (locale, days, subject) => {
    expect(resultsDueMail(locale, { ...facts, plan: 'P', period: 'H', days }).subject).toBe(
      subject,
    );
  });

  it('overdue: how late, in the reader’s plural forms', () => {
    const en = resultsDueMail('en', { ...facts, kind: 'results_overdue', days: 15 });
    expect(en.subject).toBe('Results report for 1er semestre 2025 overdue by 15 days — Plan 2025');
    expect(en.paragraphs[0]).toContain('the report is 15 days overdue');
    const ar = resultsDueMail('ar', { ...facts, kind: 'results_overdue', days: 2 });
    expect(ar.subject).toContain('متأخر يومين');
  });

  it.each([
    ['2025-H1', 'fr', '1er semestre 2025'],
    ['2025-H2', 'en', 'second half of 2025'],
    ['2026-Q3', 'en', 'Q3 2026'],
    ['2026-Q1', 'ar', 'الربع الأول من 2026'],
    ['2026', 'fr', '2026'],
    ['nonsense', 'fr', 'nonsense'],
  ] as const)('period %s in %s: "%s"', (period, locale, label) => {
    expect(periodLabel(period, locale)).toBe(label);
  });

  it.each([
    ['fr', 2, '2 indicateurs'],
    ['ar', 1, 'مؤشر واحد'],
    ['ar', 2, 'مؤشران'],
    ['ar', 5, '5 مؤشرات'],
    ['ar', 11, '11 مؤشرًا'],
  ] as const)('%s %d missing: "%s"', (locale, n, expected) => {
    expect(counted(locale, 'missingIndicators', n)).toBe(expected);
  });
});
