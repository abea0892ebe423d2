import type { ActivityType } from '../../activities/activity.entity';
import type { ActivityStatus } from '../../activities/activity-rules';
import type {
  AgreementKind,
  AgreementStatus,
  RenewalMode,
} from '../../agreements/agreement.entity';
import type { PartyNames, PartyType } from '../../parties/party.entity';
import type { Locale, Role } from '../../users/user.entity';

/**
 * Demo data: the Morocco–Côte d'Ivoire memorandum of understanding on trafficking in human beings
 * presented at the Casablanca forum of 7–8 April 2025, its two-year renewable bilateral action plan,
 * the activities announced in the communiqué, and one account per role. Pure data: `seed.ts` turns
 * the day offsets into calendar dates relative to the day it runs, so the demo always shows a mix of
 * completed, late, imminent and later work.
 */

export interface SeedParty {
  code: string;
  name: string;
  type: PartyType;
  /** Short names shown to readers of each language. */
  names: PartyNames;
}

export interface SeedAgreement {
  kind: AgreementKind;
  title: string;
  /** Natural key of the seeded agreement. */
  reference: string;
  partyCodes: string[];
  signedOn: string;
  durationMonths: number;
  renewalMode: RenewalMode;
  renewalTermMonths: number;
  noticeDays: number;
  status: AgreementStatus;
  timeZone: string;
}

export interface SeedPlan {
  /** Natural key, with the agreement. */
  title: string;
  startsOn: string;
  /** `endsOn` is `termExpiresOn(startsOn, durationMonths)`. */
  durationMonths: number;
  renewable: boolean;
  partyCodes: string[];
  timeZone: string;
}

export interface SeedActivity {
  /** Natural key, with the plan. */
  title: string;
  description: string;
  type: ActivityType;
  themes: string[];
  leadPartyCode: string;
  /** Includes the lead party. */
  partyCodes: string[];
  /** Days from the seeding day (negative: in the past). */
  startInDays?: number;
  dueInDays: number;
  status: ActivityStatus;
  progressPercent: number;
  /** Completed activities only; defaults to `dueInDays`. Never after the seeding day. */
  completedInDays?: number;
  notes?: string;
}

export interface SeedUser {
  /** Natural key (lower case). */
  email: string;
  name: string;
  role: Role;
  partyCode: string | null;
  locale: Locale;
  timeZone: string;
  /** References of the agreements an observer is granted. */
  grantedAgreementReferences?: string[];
}

export const SEED_PARTIES: readonly SeedParty[] = [
  {
    code: 'MA',
    name: 'Royaume du Maroc',
    type: 'state',
    names: { fr: 'Maroc', en: 'Morocco', ar: 'المغرب' },
  },
  {
    code: 'CI',
    name: "République de Côte d'Ivoire",
    type: 'state',
    names: { fr: "Côte d'Ivoire", en: "Côte d'Ivoire", ar: 'كوت ديفوار' },
  },
  {
    code: 'EG',
    name: "République arabe d'Égypte",
    type: 'state',
    names: { fr: 'Égypte', en: 'Egypt', ar: 'مصر' },
  },
  {
    code: 'LY',
    name: 'État de Libye',
    type: 'state',
    names: { fr: 'Libye', en: 'Libya', ar: 'ليبيا' },
  },
  {
    code: 'MR',
    name: 'République islamique de Mauritanie',
    type: 'state',
    names: { fr: 'Mauritanie', en: 'Mauritania', ar: 'موريتانيا' },
  },
  {
    code: 'NE',
    name: 'République du Niger',
    type: 'state',
    names: { fr: 'Niger', en: 'Niger', ar: 'النيجر' },
  },
  {
    code: 'TN',
    name: 'République tunisienne',
    type: 'state',
    names: { fr: 'Tunisie', en: 'Tunisia', ar: 'تونس' },
  },
  {
    code: 'IOM',
    name: 'Organisation internationale pour les migrations',
    type: 'organisation',
    names: { fr: 'OIM', en: 'IOM', ar: 'المنظمة الدولية للهجرة' },
  },
  {
    code: 'EU',
    name: 'Union européenne',
    type: 'organisation',
    names: { fr: 'UE', en: 'EU', ar: 'الاتحاد الأوروبي' },
  },
  {
    code: 'AU',
    name: 'Union africaine',
    type: 'organisation',
    names: { fr: 'UA', en: 'AU', ar: 'الاتحاد الأفريقي' },
  },
  {
    code: 'UNICEF',
    name: "Fonds des Nations Unies pour l'enfance",
    type: 'organisation',
    names: { fr: 'UNICEF', en: 'UNICEF', ar: 'اليونيسف' },
  },
  {
    code: 'UNHCR',
    name: 'Haut Commissariat des Nations Unies pour les réfugiés',
    type: 'organisation',
    names: { fr: 'HCR', en: 'UNHCR', ar: 'المفوضية السامية للأمم المتحدة لشؤون اللاجئين' },
  },
  {
    code: 'UNODC',
    name: 'Office des Nations Unies contre la drogue et le crime',
    type: 'organisation',
    names: { fr: 'ONUDC', en: 'UNODC', ar: 'مكتب الأمم المتحدة المعني بالمخدرات والجريمة' },
  },
];

export const SEED_AGREEMENT: SeedAgreement = {
  kind: 'mou',
  title:
    "Protocole d'accord entre le Gouvernement du Royaume du Maroc et le Gouvernement de la République " +
    "de Côte d'Ivoire sur la lutte contre la traite des êtres humains",
  reference: 'MA-CI/TEH/2025-04-08',
  partyCodes: ['MA', 'CI'],
  signedOn: '2025-04-08',
  durationMonths: 24,
  renewalMode: 'tacit',
  renewalTermMonths: 24,
  noticeDays: 90,
  status: 'in_force',
  timeZone: 'Africa/Casablanca',
};

export const SEED_PLAN: SeedPlan = {
  title: "Plan d'action bilatéral 2025–2026 de lutte contre la traite des êtres humains",
  startsOn: '2025-04-08',
  durationMonths: 24,
  renewable: true,
  partyCodes: ['MA', 'CI'],
  timeZone: 'Africa/Casablanca',
};

/**
 * Relative to the seeding day: five completed, three overdue (open, due in the past), three due within
 * 30 days (one within 7), one postponed, one cancelled, the rest later. `MA` leads some, `CI` others;
 * one involves only `CI` and one only `MA`, for scoping.
 */
export const SEED_ACTIVITIES: readonly SeedActivity[] = [
  // --- completed ---
  {
    title: "Réunion constitutive du comité de pilotage conjoint Maroc–Côte d'Ivoire",
    description:
      "Installation du comité de pilotage conjoint chargé du suivi du plan d'action, désignation des " +
      'points focaux nationaux et adoption du calendrier de mise en œuvre.',
    type: 'meeting',
    themes: ['legal_cooperation'],
    leadPartyCode: 'MA',
    partyCodes: ['MA', 'CI', 'IOM'],
    startInDays: -240,
    dueInDays: -240,
    status: 'completed',
    progressPercent: 100,
  },
  {
    title: 'Échange des législations nationales relatives à la traite des êtres humains',
    description:
      'Transmission réciproque de la loi marocaine n° 27-14 et de la loi ivoirienne n° 2016-1111 ainsi ' +
      "que de leurs textes d'application, accompagnée d'une note comparative.",
    type: 'legal_exchange',
    themes: ['legal_cooperation'],
    leadPartyCode: 'MA',
    partyCodes: ['MA', 'CI'],
    startInDays: -220,
    dueInDays: -180,
    status: 'completed',
    progressPercent: 100,
    completedInDays: -186,
  },
  {
    title: "Atelier technique sur la collecte et l'analyse des données relatives à la traite",
    description:
      'Atelier tenu à Abidjan pour comparer les systèmes nationaux de collecte de données et convenir ' +
      "d'indicateurs communs sur les victimes identifiées et les procédures engagées.",
    type: 'workshop',
    themes: ['data_collection'],
    leadPartyCode: 'CI',
    partyCodes: ['CI', 'MA', 'IOM'],
    startInDays: -152,
    dueInDays: -150,
    status: 'completed',
    progressPercent: 100,
  },
  {
    title: "Visite d'étude de la délégation ivoirienne à Rabat sur les mécanismes d'orientation",
    description:
      "Visite des cellules de prise en charge et de la Commission nationale marocaine afin d'observer " +
      'le référencement des victimes entre services judiciaires, sociaux et de santé.',
    type: 'study_visit',
    themes: ['referral_mechanisms', 'victim_support'],
    leadPartyCode: 'MA',
    partyCodes: ['MA', 'CI'],
    startInDays: -124,
    dueInDays: -120,
    status: 'completed',
    progressPercent: 100,
  },
  {
    title: "Atelier technique sur le soutien aux victimes et l'aide au retour volontaire",
    description:
      "Partage d'expériences sur l'hébergement, l'assistance psychosociale et l'aide au retour " +
      'volontaire et à la réintégration des victimes ivoiriennes identifiées au Maroc.',
    type: 'workshop',
    themes: ['victim_support', 'referral_mechanisms'],
    leadPartyCode: 'CI',
    partyCodes: ['CI', 'MA', 'IOM'],
    startInDays: -62,
    dueInDays: -60,
    status: 'completed',
    progressPercent: 100,
    completedInDays: -61,
  },
  // --- overdue (open, due in the past) ---
  {
    title: 'Échange des accords bilatéraux et des décisions de justice en matière de traite',
    description:
      "Constitution d'un recueil partagé des accords bilatéraux conclus avec les pays de transit et " +
      "d'une sélection anonymisée de décisions de justice rendues dans les deux pays.",
    type: 'legal_exchange',
    themes: ['legal_cooperation'],
    leadPartyCode: 'CI',
    partyCodes: ['CI', 'MA', 'UNODC'],
    startInDays: -90,
    dueInDays: -20,
    status: 'in_progress',
    progressPercent: 60,
    notes: "Décisions ivoiriennes reçues ; le recueil marocain est en cours d'anonymisation.",
  },
  {
    title:
      "Atelier technique sur les procédures opérationnelles normalisées d'identification des victimes",
    description:
      "Harmonisation des procédures opérationnelles normalisées d'identification, de prise en charge " +
      'et de référencement transfrontalier des victimes de la traite.',
    type: 'workshop',
    themes: ['standard_procedures', 'victim_support', 'referral_mechanisms'],
    leadPartyCode: 'MA',
    partyCodes: ['MA', 'CI', 'IOM'],
    startInDays: -60,
    dueInDays: -10,
    status: 'in_progress',
    progressPercent: 40,
  },
  {
    title: "Recensement des structures d'accueil des victimes en Côte d'Ivoire",
    description:
      "Inventaire des centres d'accueil, de leurs capacités et des services offerts aux victimes de la " +
      "traite, en vue de leur intégration au mécanisme national d'orientation.",
    type: 'data_collection',
    themes: ['victim_support', 'data_collection'],
    leadPartyCode: 'CI',
    partyCodes: ['CI'],
    startInDays: -35,
    dueInDays: -5,
    status: 'planned',
    progressPercent: 0,
  },
  // --- due within the next 30 days ---
  {
    title: 'Échange du matériel de sensibilisation sur les droits des victimes',
    description:
      'Mise en commun des affiches, brochures et spots radio produits dans les deux pays et adaptation ' +
      'conjointe des messages sur les droits des victimes de la traite.',
    type: 'awareness',
    themes: ['victim_support'],
    leadPartyCode: 'CI',
    partyCodes: ['CI', 'MA'],
    startInDays: -25,
    dueInDays: 5,
    status: 'in_progress',
    progressPercent: 50,
  },
  {
    title: 'Formation conjointe des magistrats et des procureurs à la répression de la traite',
    description:
      'Session de renforcement conjoint des capacités des magistrats du parquet et du siège sur ' +
      "l'entraide judiciaire, les enquêtes financières et la protection des victimes témoins.",
    type: 'capacity_building',
    themes: ['legal_cooperation', 'victim_support'],
    leadPartyCode: 'MA',
    partyCodes: ['MA', 'CI', 'UNODC'],
    startInDays: 14,
    dueInDays: 18,
    status: 'planned',
    progressPercent: 0,
  },
  {
    title: "Actualisation du mécanisme national d'orientation des victimes au Maroc",
    description:
      'Révision du circuit de référencement des victimes entre les cellules de prise en charge, les ' +
      'parquets et les associations partenaires à la lumière des échanges bilatéraux.',
    type: 'other',
    themes: ['referral_mechanisms', 'standard_procedures'],
    leadPartyCode: 'MA',
    partyCodes: ['MA'],
    startInDays: -45,
    dueInDays: 25,
    status: 'in_progress',
    progressPercent: 70,
  },
  // --- later ---
  {
    title: "Atelier technique sur les mécanismes d'orientation transfrontaliers",
    description:
      "Élaboration d'un protocole de référencement transfrontalier des victimes entre les points " +
      "focaux marocain et ivoirien, avec l'appui de l'OIM.",
    type: 'workshop',
    themes: ['referral_mechanisms'],
    leadPartyCode: 'CI',
    partyCodes: ['CI', 'MA', 'IOM'],
    startInDays: 60,
    dueInDays: 62,
    status: 'planned',
    progressPercent: 0,
  },
  {
    title: "Élaboration d'un cadre commun de collecte et de partage des données sur la traite",
    description:
      "Définition d'un jeu d'indicateurs partagé et d'un modèle de rapport semestriel conjoint sur les " +
      'victimes identifiées, les poursuites et les condamnations.',
    type: 'data_collection',
    themes: ['data_collection'],
    leadPartyCode: 'MA',
    partyCodes: ['MA', 'CI', 'IOM'],
    startInDays: -30,
    dueInDays: 90,
    status: 'in_progress',
    progressPercent: 20,
  },
  {
    title: "Visite d'étude de la délégation marocaine à Abidjan sur la prise en charge des enfants",
    description:
      "Visite des services ivoiriens de protection de l'enfance et des centres de transit pour " +
      "enfants victimes de la traite, en lien avec l'UNICEF.",
    type: 'study_visit',
    themes: ['child_trafficking', 'victim_support'],
    leadPartyCode: 'CI',
    partyCodes: ['CI', 'MA', 'UNICEF'],
    startInDays: 96,
    dueInDays: 100,
    status: 'postponed',
    progressPercent: 0,
    notes: 'Reportée à la demande de la partie ivoirienne ; nouvelles dates à confirmer.',
  },
  {
    title:
      'Atelier conjoint sur la traite des enfants et la protection des mineurs non accompagnés',
    description:
      "Atelier consacré à l'identification des enfants victimes, à la désignation de tuteurs et à " +
      "l'évaluation de l'intérêt supérieur de l'enfant dans les procédures transfrontalières.",
    type: 'workshop',
    themes: ['child_trafficking', 'referral_mechanisms'],
    leadPartyCode: 'MA',
    partyCodes: ['MA', 'CI', 'UNICEF'],
    startInDays: 108,
    dueInDays: 110,
    status: 'planned',
    progressPercent: 0,
  },
  {
    title: "Formation conjointe des forces de l'ordre à l'identification des victimes",
    description:
      'Renforcement conjoint des capacités des policiers, gendarmes et agents des frontières sur les ' +
      'indicateurs de la traite et les procédures opérationnelles normalisées.',
    type: 'capacity_building',
    themes: ['standard_procedures', 'victim_support'],
    leadPartyCode: 'CI',
    partyCodes: ['CI', 'MA', 'IOM'],
    startInDays: 115,
    dueInDays: 118,
    status: 'planned',
    progressPercent: 0,
  },
  {
    title: "Réunion du comité de pilotage conjoint : bilan du plan d'action et perspectives",
    description:
      "Revue de la mise en œuvre du plan d'action bilatéral, adoption du rapport final et examen de son " +
      'renouvellement pour un nouveau cycle de deux ans.',
    type: 'meeting',
    themes: ['legal_cooperation'],
    leadPartyCode: 'CI',
    partyCodes: ['CI', 'MA', 'IOM'],
    startInDays: 125,
    dueInDays: 125,
    status: 'planned',
    progressPercent: 0,
  },
  // --- cancelled ---
  {
    title: 'Campagne conjointe de sensibilisation dans les gares routières',
    description:
      "Campagne d'affichage et de sensibilisation des voyageurs aux risques de la traite dans les " +
      'principales gares routières des deux pays.',
    type: 'awareness',
    themes: ['child_trafficking', 'victim_support'],
    leadPartyCode: 'CI',
    partyCodes: ['CI', 'MA'],
    startInDays: -75,
    dueInDays: -45,
    status: 'cancelled',
    progressPercent: 0,
    notes: "Annulée : remplacée par l'échange du matériel de sensibilisation.",
  },
];

export const SEED_USERS: readonly SeedUser[] = [
  {
    email: 'admin@accords.example',
    name: 'Administratrice Accords',
    role: 'admin',
    partyCode: null,
    locale: 'en',
    timeZone: 'Africa/Casablanca',
  },
  {
    email: 'pm@accords.example',
    name: 'Claire Martin (OIM)',
    role: 'programme_manager',
    partyCode: 'IOM',
    locale: 'en',
    timeZone: 'Africa/Casablanca',
  },
  {
    email: 'focal.ma@accords.example',
    name: 'Youssef Amrani',
    role: 'focal_point',
    partyCode: 'MA',
    locale: 'fr',
    timeZone: 'Africa/Casablanca',
  },
  {
    email: 'focal.ci@accords.example',
    name: 'Aminata Koné',
    role: 'focal_point',
    partyCode: 'CI',
    locale: 'fr',
    timeZone: 'Africa/Abidjan',
  },
  {
    email: 'observer@accords.example',
    name: "Délégation de l'Union européenne au Maroc",
    role: 'observer',
    partyCode: 'EU',
    locale: 'fr',
    timeZone: 'Africa/Casablanca',
    grantedAgreementReferences: [SEED_AGREEMENT.reference],
  },
];
