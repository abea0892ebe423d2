import {
  CONTENT_LANGUAGES,
  type ContentLanguage,
  type Translatable,
  type TranslatedField,
  type Translations,
} from '../../common/i18n/translations';
import type { XMLBuilder } from 'xmlbuilder2/lib/interfaces';
import { onFirstUse } from '../../common/modules/on-first-use';
import type { ActivityView } from '../../activities/activity-view';
import { compareDates, type CalendarDate } from '../../common/time/calendar-date';
import type { Party } from '../../parties/party.entity';
import {
  activityScope,
  IATI_ACTIVITY_STATUS,
  IATI_DATE_TYPE,
  IATI_ORG_ROLE,
  IATI_ORG_TYPE,
  sectorsFor,
  splitEvenly,
} from './iati-codes';
import { appendFinance, type IatiMoney } from './iati-finance';
import { appendActivityResults, type IatiResults } from './iati-results';
import { partNarratives } from './part-narratives';
import { FUNDING_PARTY_CODES, iatiIdentifier, type ReportingOrg } from './reporting-org';

const xmlbuilder = onFirstUse(() => require('xmlbuilder2') as typeof import('xmlbuilder2'));
/** The file's default language (each iati-activity's xml:lang). */
const LANG: ContentLanguage = 'fr';
/** IATI DocumentCategory A09: Memorandum of understanding (if agreed by all parties). */
const MOU_CATEGORY = 'A09';

export interface IatiInput {
  reportingOrg: ReportingOrg;
  generatedAt: Date;
  today: CalendarDate;
  plan: { partyCodes: string[] };
  agreement: {
    title: string;
    translations: Translations;
    signedOn: CalendarDate;
    partyCodes: string[];
    /** Readable without an account: the published text, or the agreement's public summary. */
    url: string;
    /** Media type at `url`. */
    format: string;
  };
  activities: ActivityView[];
  parties: Map<string, Party>;
  /** Day each activity first moved to in progress or completed, from its history. */
  actualStarts: Map<string, CalendarDate>;
  /** Budgets and spending (budget, transaction); left out, the file carries no money. */
  money?: IatiMoney;
  /** The plan's results framework, laid out per activity (iati-results.ts); absent: no result elements. */
  results?: IatiResults;
}

/**
 * IATI activity XML 2.03, one iati-activity per activity. Built with xmlbuilder2, which escapes text and
 * attributes and drops characters XML cannot carry; the schema's element order is followed literally
 * (see iati-activities-schema.xsd, element iati-activity), since the XSD is a strict sequence.
 */
export function buildIatiXml(input: IatiInput): string {
  const root = xmlbuilder()
    .create({ version: '1.0', encoding: 'UTF-8', invalidCharReplacement: '' })
    .ele('iati-activities', {
      version: '2.03',
      'generated-datetime': input.generatedAt.toISOString(),
    });
  for (const activity of input.activities) appendActivity(root, activity, input);
  return root.end({ prettyPrint: true });
}

function appendActivity(root: XMLBuilder, activity: ActivityView, input: IatiInput): void {
  const { reportingOrg } = input;
  const el = root.ele('iati-activity', {
    'last-updated-datetime': activity.updatedAt,
    'xml:lang': LANG,
  });
  el.ele('iati-identifier').txt(iatiIdentifier(reportingOrg, activity.id));
  narrated(
    el.ele('reporting-org', { ref: reportingOrg.ref, type: reportingOrg.type }),
    reportingOrg.name,
  );
  narrated(el.ele('title'), texts(activity, 'title'));
  narrated(
    el.ele('description', { type: '1' }),
    activity.description ? texts(activity, 'description') : texts(activity, 'title'),
  );
  // Each party's part of a joint activity (the activity-status below is their roll-up).
  const parts = partNarratives(activity.parts);
  if (parts) narrated(el.ele('description', { type: '4' }), parts);
  for (const org of participatingOrgs(activity, input)) {
    narrated(el.ele('participating-org', { role: org.role, type: org.type }), org.names);
  }
  el.ele('activity-status', { code: IATI_ACTIVITY_STATUS[activity.status] });
  for (const [type, date] of activityDates(activity, input)) {
    el.ele('activity-date', { type, 'iso-date': date });
  }
  const countries = activity.partyCodes.filter((c) => input.parties.get(c)?.type === 'state');
  const scope = activityScope(countries.length);
  if (scope) el.ele('activity-scope', { code: scope });
  for (const share of splitEvenly(countries)) {
    el.ele('recipient-country', { code: share.code, percentage: String(share.percentage) });
  }
  for (const sector of sectorsFor(activity.themes)) {
    el.ele('sector', { vocabulary: '1', code: sector.code, percentage: String(sector.percentage) });
  }
  if (input.money) appendFinance(el, activity, input.money, input.parties);
  const link = el.ele('document-link', {
    url: input.agreement.url,
    format: input.agreement.format,
  });
  const agreementTitles = texts(input.agreement, 'title');
  narrated(link.ele('title'), agreementTitles);
  link.ele('category', { code: MOU_CATEGORY });
  for (const language of agreementTitles.keys()) link.ele('language', { code: language });
  link.ele('document-date', { 'iso-date': input.agreement.signedOn });
  if (input.results) appendActivityResults(el, activity.id, input.results);
}

/** Text by language, the activity's default language (LANG) first. */
type Narratives = Map<ContentLanguage, string>;

/**
 * One narrative per language: the default language's is its translation when one was given, else the
 * original (which carries no language of its own; the programme writes in French); the other languages
 * only when translated.
 */
function texts(item: Translatable, field: TranslatedField): Narratives {
  const narratives: Narratives = new Map();
  const original = item.translations?.[LANG]?.[field] ?? item[field];
  if (original) narratives.set(LANG, original);
  for (const language of CONTENT_LANGUAGES) {
    const text = item.translations?.[language]?.[field];
    if (language !== LANG && text) narratives.set(language, text);
  }
  return narratives;
}

function narrated(parent: XMLBuilder, narratives: Narratives | string): void {
  const entries = typeof narratives === 'string' ? [[LANG, narratives] as const] : narratives;
  for (const [language, text] of entries) {
    parent.ele('narrative', { 'xml:lang': language }).txt(text);
  }
}

interface Participant {
  role: string;
  type: string;
  names: Narratives;
}

/**
 * The programme's funders (EU, when a party to the plan) fund; the states that signed the agreement are
 * accountable for its plan; every party on the activity implements it, the lead first (bilateral
 * activities are carried out jointly).
 */
function participatingOrgs(activity: ActivityView, input: IatiInput): Participant[] {
  const describe = (code: string, role: string): Participant => {
    const party = input.parties.get(code);
    // The full name it was registered under (in the default language), then its names in the others.
    const names: Narratives = new Map([[LANG, party?.name ?? code]]);
    for (const language of CONTENT_LANGUAGES) {
      const name = party?.names?.[language];
      if (language !== LANG && name) names.set(language, name);
    }
    return { role, type: IATI_ORG_TYPE[party?.type ?? 'organisation'], names };
  };
  const funders = FUNDING_PARTY_CODES.filter((c) => input.plan.partyCodes.includes(c));
  const accountable = input.agreement.partyCodes.filter(
    (c) => input.parties.get(c)?.type === 'state',
  );
  const implementers = [
    activity.leadPartyCode,
    ...activity.partyCodes.filter((c) => c !== activity.leadPartyCode),
  ];
  return [
    ...funders.map((c) => describe(c, IATI_ORG_ROLE.funding)),
    ...accountable.map((c) => describe(c, IATI_ORG_ROLE.accountable)),
    ...implementers.map((c) => describe(c, IATI_ORG_ROLE.implementing)),
  ];
}

/**
 * Planned start and end from the activity; actual start from its history (the first move to in progress
 * or completed); without history, an activity under way is taken to have started as planned; actual end
 * is the completion date.
 */
function activityDates(activity: ActivityView, input: IatiInput): [string, CalendarDate][] {
  const dates: [string, CalendarDate][] = [];
  if (activity.plannedStartOn) dates.push([IATI_DATE_TYPE.plannedStart, activity.plannedStartOn]);
  const actualStart = input.actualStarts.get(activity.id) ?? assumedStart(activity, input.today);
  if (actualStart) dates.push([IATI_DATE_TYPE.actualStart, actualStart]);
  dates.push([IATI_DATE_TYPE.plannedEnd, activity.dueOn]);
  if (activity.status === 'completed' && activity.completedOn) {
    dates.push([IATI_DATE_TYPE.actualEnd, activity.completedOn]);
  }
  return dates;
}

function assumedStart(activity: ActivityView, today: CalendarDate): CalendarDate | null {
  const underWay = activity.status === 'in_progress' || activity.status === 'completed';
  if (!underWay || !activity.plannedStartOn) return null;
  return compareDates(activity.plannedStartOn, today) <= 0 ? activity.plannedStartOn : null;
}
