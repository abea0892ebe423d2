/**
 * Every string of the dashboard page, per language, one file per area so that screens grow without
 * stepping on each other. The server renders the shell with the merged dictionary and hands the chosen
 * language's table to the page script as JSON, so there is one dictionary for both. `{name}`
 * placeholders are filled by the script.
 */
import { accounts, type AccountsMessages } from './accounts';
import { admin, type AdminMessages } from './admin';
import { core, type CoreMessages } from './core';
import { evidence, type EvidenceMessages } from './evidence';
import { lifecycle, type LifecycleMessages } from './lifecycle';
import type { Language } from './languages';
import { meetings, type MeetingsMessages } from './meetings';
import { money, type MoneyMessages } from './money';
import { navigation, type NavigationMessages } from './navigation';
import { nudges, type NudgesMessages } from './nudges';
import { pack, type PackMessages } from './pack';
import { parts, type PartsMessages } from './parts';
import { planning, type PlanningMessages } from './planning';
import { portfolio, type PortfolioMessages } from './portfolio';
import { results, type ResultsMessages } from './results';
import { resultsReminders, type ResultsRemindersMessages } from './results-reminders';

export * from './languages';

export type Messages = CoreMessages &
  PlanningMessages &
  AccountsMessages &
  AdminMessages &
  NavigationMessages &
  EvidenceMessages &
  MeetingsMessages &
  NudgesMessages &
  PackMessages &
  PartsMessages &
  LifecycleMessages &
  PortfolioMessages &
  MoneyMessages &
  ResultsMessages &
  ResultsRemindersMessages;

/** The areas, by name, for the check that no key is defined twice. */
export const MESSAGE_AREAS = {
  core,
  planning,
  accounts,
  admin,
  navigation,
  evidence,
  meetings,
  nudges,
  pack,
  parts,
  lifecycle,
  portfolio,
  money,
  results,
  resultsReminders,
};

function merged(lang: Language): Messages {
  return Object.assign({}, ...Object.values(MESSAGE_AREAS).map((area) => area[lang])) as Messages;
}

export const MESSAGES: Record<Language, Messages> = {
  fr: merged('fr'),
  en: merged('en'),
  ar: merged('ar'),
};
