import type { PackInput, Words } from './pack-model';

/** Plain content with optional translations, as tests write it. */
export const words = (original: string, translations: Words['translations'] = {}): Words => ({
  original,
  translations,
});

/** A small plan as the pack reader would gather it, for the unit tests of the model and the HTML. */
export function samplePackInput(overrides: Partial<PackInput> = {}): PackInput {
  return {
    agreement: words("Mémorandum d'entente Maroc – Côte d'Ivoire"),
    plan: words("Plan d'action 2025–2026", { ar: 'خطة العمل 2025–2026' }),
    parties: [
      { code: 'MA', name: 'Maroc', names: { fr: 'Maroc', en: 'Morocco', ar: 'المغرب' } },
      { code: 'CI', name: "Côte d'Ivoire", names: { fr: "Côte d'Ivoire", ar: 'كوت ديفوار' } },
    ],
    meeting: { heldOn: '2026-12-01', place: 'Rabat' },
    previousMeeting: { heldOn: '2026-06-01' },
    activities: [
      {
        id: 'a1',
        title: words('Atelier sur le référencement', { ar: 'ورشة عمل حول إحالة الضحايا' }),
        dueOn: '2026-11-01',
        status: 'in_progress',
        progressPercent: 50,
        parts: [
          {
            partyCode: 'MA',
            status: 'completed',
            progressPercent: 100,
            lastUpdateOn: '2026-11-20',
          },
          { partyCode: 'CI', status: 'planned', progressPercent: 0, lastUpdateOn: '2026-09-01' },
        ],
      },
      {
        id: 'a2',
        title: words("Visite d'étude à Abidjan"),
        dueOn: '2027-03-01',
        status: 'completed',
        progressPercent: 100,
        parts: [
          {
            partyCode: 'MA',
            status: 'completed',
            progressPercent: 100,
            lastUpdateOn: '2026-10-01',
          },
          {
            partyCode: 'CI',
            status: 'completed',
            progressPercent: 100,
            lastUpdateOn: '2026-10-02',
          },
        ],
      },
      {
        id: 'a3',
        title: words('Échange de textes'),
        dueOn: '2027-06-01',
        status: 'cancelled',
        progressPercent: 0,
        parts: [
          { partyCode: 'MA', status: 'cancelled', progressPercent: 0, lastUpdateOn: '2026-01-01' },
        ],
      },
    ],
    changes: [
      {
        activityId: 'a1',
        activityTitle: words('Atelier sur le référencement', { ar: 'ورشة عمل حول إحالة الضحايا' }),
        partyCode: 'MA',
        field: 'status',
        from: 'planned',
        to: 'completed',
      },
      {
        activityId: 'a1',
        activityTitle: words('Atelier sur le référencement', { ar: 'ورشة عمل حول إحالة الضحايا' }),
        partyCode: null,
        field: 'dueOn',
        from: '2026-10-01',
        to: '2026-11-01',
      },
    ],
    evidence: [
      {
        activityTitle: words('Atelier sur le référencement'),
        partyCode: 'MA',
        kind: 'agenda',
        fileName: 'ordre-du-jour.pdf',
        receivedOn: '2026-11-20',
      },
    ],
    decisions: [
      {
        text: words('Organiser une visite d’étude', { ar: 'تنظيم زيارة دراسية' }),
        activity: {
          title: words("Visite d'étude à Abidjan"),
          status: 'completed',
          progressPercent: 100,
        },
      },
      { text: words('Échanger les textes en vigueur'), activity: null },
    ],
    today: '2026-12-01',
    silentAfterDays: 30,
    ...overrides,
  };
}
