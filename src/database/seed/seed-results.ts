import type { EntityManager } from 'typeorm';
import { periodEndsOn } from '../../results/reporting-periods';
import type { Disaggregation, ResultMeasure } from '../../results/result-rules';
import type { BreakdownItem } from '../../results/value-rules';

interface SeedObjective {
  code: string;
  theme: string;
  title: string;
  en: string;
  ar: string;
}

type Reported = Record<string, Record<string, number | BreakdownItem[]>>;

interface SeedIndicator {
  code: string;
  objective: string;
  measure: ResultMeasure;
  unit: string;
  title: string;
  en: string;
  ar: string;
  responsiblePartyCode: string;
  disaggregations?: Disaggregation[];
  baseline?: { value: number; on: string };
  targets: Record<string, number>;
  /** period → party → a value, or its breakdown (the value is its sum). */
  values: Reported;
}

/** The demo plan's results framework: its four themes as objectives, six indicators. */
export const SEED_OBJECTIVES: readonly SeedObjective[] = [
  {
    code: 'OS1',
    theme: 'data_collection',
    title: 'Améliorer la collecte et le partage des données sur la traite',
    en: 'Improve the collection and sharing of data on trafficking',
    ar: 'تحسين جمع وتبادل البيانات المتعلقة بالاتجار بالبشر',
  },
  {
    code: 'OS2',
    theme: 'victim_support',
    title: "Renforcer l'assistance aux victimes",
    en: 'Strengthen support to victims',
    ar: 'تعزيز مساعدة الضحايا',
  },
  {
    code: 'OS3',
    theme: 'referral_mechanisms',
    title: "Mettre en place des mécanismes d'orientation transfrontaliers",
    en: 'Set up cross-border referral mechanisms',
    ar: 'إرساء آليات إحالة عابرة للحدود',
  },
  {
    code: 'OS4',
    theme: 'standard_procedures',
    title: 'Adopter des procédures opérationnelles standard communes',
    en: 'Adopt common standard operating procedures',
    ar: 'اعتماد إجراءات عمل موحدة مشتركة',
  },
];

const cells = (rows: [string, string, number][]): BreakdownItem[] =>
  rows.map(([sex, age_group, value]) => ({ sex, age_group, value }));

export const SEED_INDICATORS: readonly SeedIndicator[] = [
  {
    code: 'IND-1.1',
    objective: 'OS1',
    measure: 'number',
    unit: 'cas',
    title: 'Nombre de cas de traite enregistrés dans la base de données commune',
    en: 'Number of trafficking cases recorded in the shared database',
    ar: 'عدد حالات الاتجار المسجلة في قاعدة البيانات المشتركة',
    responsiblePartyCode: 'MA',
    targets: { '2025': 120, '2026': 200 },
    values: { '2025-H1': { MA: 30, CI: 18 }, '2025-H2': { MA: 45, CI: 25 } },
  },
  {
    code: 'IND-1.2',
    objective: 'OS1',
    measure: 'yes_no',
    unit: '',
    title: "Protocole d'échange de données signé par les deux parties",
    en: 'Data exchange protocol signed by both parties',
    ar: 'توقيع بروتوكول تبادل البيانات من قبل الطرفين',
    responsiblePartyCode: 'CI',
    targets: { '2025': 1, '2026': 1 },
    values: { '2025-H1': { MA: 0, CI: 0 }, '2025-H2': { MA: 1, CI: 0 } },
  },
  {
    code: 'IND-2.1',
    objective: 'OS2',
    measure: 'number',
    unit: 'personnes',
    title: "Nombre de victimes ayant bénéficié d'une assistance",
    en: 'Number of victims who received assistance',
    ar: 'عدد الضحايا الذين استفادوا من المساعدة',
    responsiblePartyCode: 'MA',
    disaggregations: ['sex', 'age_group'],
    targets: { '2025': 150, '2025-H1': 60, '2026': 250 },
    values: {
      '2025-H1': {
        MA: cells([
          ['female', '18_59', 22],
          ['female', '0_17', 8],
          ['male', '18_59', 7],
          ['male', '0_17', 3],
        ]),
        CI: cells([
          ['female', '18_59', 14],
          ['female', '0_17', 5],
          ['male', '18_59', 4],
          ['male', '0_17', 2],
        ]),
      },
      '2025-H2': {
        MA: cells([
          ['female', '18_59', 28],
          ['female', '0_17', 10],
          ['male', '18_59', 9],
          ['male', '0_17', 5],
        ]),
        CI: cells([
          ['female', '18_59', 17],
          ['female', '0_17', 6],
          ['male', '18_59', 5],
          ['male', '0_17', 3],
        ]),
      },
    },
  },
  {
    code: 'IND-2.2',
    objective: 'OS2',
    measure: 'percentage',
    unit: '%',
    title: 'Part des victimes identifiées orientées vers un hébergement sécurisé',
    en: 'Share of identified victims referred to safe shelter',
    ar: 'نسبة الضحايا المحددين الذين تمت إحالتهم إلى مأوى آمن',
    responsiblePartyCode: 'CI',
    baseline: { value: 35, on: '2025-01-01' },
    targets: { '2025': 60, '2026': 75 },
    values: { '2025-H1': { MA: 48, CI: 40 }, '2025-H2': { MA: 58, CI: 51 } },
  },
  {
    code: 'IND-3.1',
    objective: 'OS3',
    measure: 'number',
    unit: 'personnes',
    title: "Nombre de victimes orientées d'un pays vers l'autre",
    en: 'Number of victims referred from one country to the other',
    ar: 'عدد الضحايا المحالين من بلد إلى آخر',
    responsiblePartyCode: 'MA',
    disaggregations: ['nationality'],
    targets: { '2025': 20, '2026': 40 },
    values: {
      '2025-H1': {
        MA: [
          { nationality: 'CI', value: 3 },
          { nationality: 'other', value: 1 },
        ],
        CI: [{ nationality: 'MA', value: 2 }],
      },
      '2025-H2': {
        MA: [{ nationality: 'CI', value: 6 }],
        CI: [
          { nationality: 'MA', value: 2 },
          { nationality: 'other', value: 1 },
        ],
      },
    },
  },
  {
    code: 'IND-4.1',
    objective: 'OS4',
    measure: 'number',
    unit: 'procédures',
    title: 'Nombre de procédures opérationnelles standard adoptées',
    en: 'Number of standard operating procedures adopted',
    ar: 'عدد إجراءات العمل الموحدة المعتمدة',
    responsiblePartyCode: 'CI',
    targets: { '2025': 2, '2026': 4 },
    values: { '2025-H1': { MA: 1, CI: 0 }, '2025-H2': { MA: 1, CI: 1 } },
  },
];

/** The period a programme manager validated in the demo. */
export const SEED_VALIDATED_PERIOD = '2025-H1';

/** 10:00 in Rabat on the period's last day: reports come 20 days later, the validation 50. */
const endOf = (period: string) => `${periodEndsOn(period)} 10:00:00+01`;

const FOCAL_POINTS: Record<string, string> = {
  MA: 'focal.ma@accords.example',
  CI: 'focal.ci@accords.example',
};

/**
 * Gives the demo plan its results framework, inserting only what is missing by natural key
 * (objective and indicator codes, target periods, one value per indicator, period and party); a
 * value's first report is in its history, as the API would have left it. Indicators are linked to the
 * plan's activities of their objective's theme.
 */
export async function insertResults(
  manager: EntityManager,
  planId: string,
): Promise<{ result_objectives: number; result_indicators: number }> {
  let objectives = 0;
  for (const [position, o] of SEED_OBJECTIVES.entries()) {
    const rows: unknown[] = await manager.query(
      `INSERT INTO result_objectives (plan_id, code, theme, title, translations, position)
       VALUES ($1, $2, $3, $4, $5::jsonb, $6)
       ON CONFLICT (plan_id, code) DO NOTHING RETURNING id`,
      [
        planId,
        o.code,
        o.theme,
        o.title,
        JSON.stringify({ en: { title: o.en }, ar: { title: o.ar } }),
        position + 1,
      ],
    );
    objectives += rows.length;
  }

  let indicators = 0;
  for (const [position, i] of SEED_INDICATORS.entries()) {
    const inserted: { id: string }[] = await manager.query(
      `INSERT INTO result_indicators (plan_id, objective_id, code, title, translations, unit, measure,
         baseline_value, baseline_on, responsible_party_code, disaggregations, position)
       SELECT $1, o.id, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11::varchar[], $12
         FROM result_objectives o WHERE o.plan_id = $1 AND o.code = $2
       ON CONFLICT (plan_id, code) DO NOTHING RETURNING id`,
      [
        planId,
        i.objective,
        i.code,
        i.title,
        JSON.stringify({ fr: { title: i.title }, en: { title: i.en }, ar: { title: i.ar } }),
        i.unit,
        i.measure,
        i.baseline?.value ?? null,
        i.baseline?.on ?? null,
        i.responsiblePartyCode,
        i.disaggregations ?? [],
        position + 1,
      ],
    );
    indicators += inserted.length;
    if (inserted.length === 0) continue; // an existing indicator is left as it is
    const indicatorId = inserted[0].id;
    await manager.query(
      `INSERT INTO result_indicator_activities (indicator_id, activity_id)
       SELECT $1, a.id FROM activities a, result_objectives o
        WHERE a.plan_id = $2 AND o.plan_id = $2 AND o.code = $3 AND o.theme = ANY (a.themes)`,
      [indicatorId, planId, i.objective],
    );
    for (const [period, target] of Object.entries(i.targets)) {
      await manager.query(
        `INSERT INTO result_targets (indicator_id, period, target_value) VALUES ($1, $2, $3)`,
        [indicatorId, period, target],
      );
    }
    for (const [period, byParty] of Object.entries(i.values)) {
      for (const [partyCode, reported] of Object.entries(byParty)) {
        const breakdown = Array.isArray(reported) ? reported : [];
        const value = Array.isArray(reported)
          ? reported.reduce((sum, cell) => sum + cell.value, 0)
          : reported;
        await manager.query(
          `WITH reporter AS (SELECT id, email FROM users WHERE email = $6),
                v AS (
                  INSERT INTO result_values (indicator_id, plan_id, period, party_code, value, breakdown,
                    reported_by, reported_at)
                  VALUES ($1, $2, $3, $4, $5, $7::jsonb, (SELECT id FROM reporter),
                    ($8::timestamptz + interval '20 days'))
                  RETURNING id, value, breakdown, reported_by, reported_at)
           INSERT INTO result_value_history (value_id, actor_id, actor_email, at, to_value, to_breakdown)
           SELECT v.id, v.reported_by, (SELECT email FROM reporter), v.reported_at, v.value, v.breakdown
             FROM v`,
          [
            indicatorId,
            planId,
            period,
            partyCode,
            value,
            FOCAL_POINTS[partyCode],
            JSON.stringify(breakdown),
            endOf(period),
          ],
        );
      }
    }
  }

  await manager.query(
    `INSERT INTO result_period_validations (plan_id, period, validated_by, validated_at)
     SELECT $1, $2, (SELECT id FROM users WHERE email = 'pm@accords.example'),
            $3::timestamptz + interval '50 days'
     ON CONFLICT (plan_id, period) DO NOTHING`,
    [planId, SEED_VALIDATED_PERIOD, endOf(SEED_VALIDATED_PERIOD)],
  );
  return { result_objectives: objectives, result_indicators: indicators };
}
