/**
 * Who publishes the IATI file: IOM, which runs the programme (XM-DAC-47066 is its IATI organisation
 * identifier; type 40, multilateral). A constant for now: another publisher would make it configuration.
 */
export interface ReportingOrg {
  ref: string;
  type: string;
  name: string;
}

export const REPORTING_ORG: ReportingOrg = {
  ref: 'XM-DAC-47066',
  type: '40',
  name: 'Organisation internationale pour les migrations',
};

/**
 * Stable across exports and never reused: the reporting org's ref, our system's name, the activity uuid
 * (IATI requires the reporting org's identifier as prefix and forbids changing an identifier later).
 */
export function iatiIdentifier(org: ReportingOrg, activityId: string): string {
  return `${org.ref}-ACCORDS-${activityId}`;
}

/** Parties that fund the programme: reported with the funding role when they are a party to the plan. */
export const FUNDING_PARTY_CODES: readonly string[] = ['EU'];
