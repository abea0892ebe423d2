import { counted } from '../../notifications/templates/plurals';
import { nudgeMail, type NudgeFacts } from './nudge-messages';

const part = (title: string, daysSilent: number) => ({
  title,
  dueOn: '30 juin 2027',
  daysSilent,
  href: `https://accords.example/#activity/${title}`,
});

describe('stagnation nudge wording', () => {
  const focal: NudgeFacts = {
    plan: 'Plan 2027',
    date: '31 mars 2027',
    daysLeft: 21,
    silentAfterDays: 30,
    audience: 'focal',
    groups: [{ party: 'Maroc', parts: [part('Atelier', 31), part('Visite', 45)] }],
  };

  it('a focal point reads its party parts, each with its due date and days of silence', () => {
    const mail = nudgeMail('fr', focal);
    expect(mail.subject).toBe('Comité du 31 mars 2027 : 2 parts sans mise à jour — Plan 2027');
    expect(mail.paragraphs).toEqual([
      'Le comité de suivi du plan « Plan 2027 » se réunit le 31 mars 2027 (dans 21 jours).',
    ]);
    expect(mail.sections).toEqual([
      {
        heading: 'Ces parts de Maroc n’ont pas été mises à jour depuis au moins 30 jours :',
        items: [
          {
            text: 'Atelier — échéance le 30 juin 2027 — sans mise à jour depuis 31 jours',
            href: 'https://accords.example/#activity/Atelier',
          },
          {
            text: 'Visite — échéance le 30 juin 2027 — sans mise à jour depuis 45 jours',
            href: 'https://accords.example/#activity/Visite',
          },
        ],
      },
    ]);
    expect(mail.closing).toHaveLength(1);
  });

  it('a manager reads one section per country with its count', () => {
    const mail = nudgeMail('en', {
      ...focal,
      daysLeft: 1,
      audience: 'manager',
      groups: [
        { party: 'Morocco', parts: [part('Workshop', 31)] },
        { party: "Côte d'Ivoire", parts: [part('Visit', 40), part('Study', 33)] },
      ],
    });
    expect(mail.subject).toBe('Committee on 31 mars 2027: 3 parts with no update — Plan 2027');
    expect(mail.paragraphs[0]).toContain('(tomorrow)');
    expect(mail.paragraphs[1]).toBe('Open parts with no update for at least 30 days, by country:');
    expect(mail.sections.map((s) => s.heading)).toEqual([
      'Morocco: 1 part with no update',
      "Côte d'Ivoire: 2 parts with no update",
    ]);
    expect(mail.closing).toEqual([]);
  });

  it('Arabic counts follow its plural forms', () => {
    const mail = nudgeMail('ar', { ...focal, daysLeft: 7 });
    expect(mail.subject).toContain('جزءان دون تحديث');
    expect(mail.paragraphs[0]).toContain('بعد 7 أيام');
    expect(mail.sections[0].heading).toContain('30 يومًا');
    expect(mail.sections[0].items[0]).toMatchObject({ text: expect.stringContaining('31 يومًا') });
  });

  it.each([
    ['fr', 1, '1 part sans mise à jour'],
    ['fr', 2, '2 parts sans mise à jour'],
    ['en', 1, '1 part with no update'],
    ['ar', 1, 'جزء واحد دون تحديث'],
    ['ar', 2, 'جزءان دون تحديث'],
    ['ar', 3, '3 أجزاء دون تحديث'],
    ['ar', 11, '11 جزءًا دون تحديث'],
    ['ar', 100, '100 جزء دون تحديث'],
  ] as const)('%s %d silent parts: "%s"', (locale, n, expected) => {
    expect(counted(locale, 'silentParts', n)).toBe(expected);
  });
});
