/**
 * Money amounts as exact decimal strings. The API takes an amount as a JSON number (1234.5) or a string
 * ("1234.50"), with at most two decimals, and answers it as a string with exactly two ("1234.50"): a
 * binary float cannot hold most cents exactly, and PostgreSQL's numeric answers strings anyway.
 * Arithmetic here goes through BigInt cents, never through floats.
 */

/** numeric(18, 2): up to 16 digits before the point. */
const AMOUNT_PATTERN = /^(\d{1,16})(?:\.(\d{1,2}))?$/;
/** The largest amount numeric(18, 2) stores. */
export const MAX_AMOUNT = '9999999999999999.99';

/**
 * The canonical form ("1234.50") of an amount given as a number or a string, or null when it is not a
 * positive amount of at most two decimals that numeric(18, 2) can hold. A number is read as JavaScript
 * prints it, so 0.1 + 0.2 (0.30000000000000004) is refused rather than silently rounded.
 */
export function canonicalAmount(input: unknown): string | null {
  let text: string;
  if (typeof input === 'number') {
    if (!Number.isFinite(input)) return null;
    text = String(input);
  } else if (typeof input === 'string') {
    text = input;
  } else {
    return null;
  }
  const match = AMOUNT_PATTERN.exec(text);
  if (!match) return null;
  const whole = match[1].replace(/^0+(?=\d)/, '');
  const cents = (match[2] ?? '').padEnd(2, '0');
  if (whole === '0' && cents === '00') return null;
  return `${whole}.${cents}`;
}

export function toCents(amount: string): bigint {
  const [whole, cents = ''] = amount.split('.');
  return BigInt(whole) * 100n + BigInt(cents.padEnd(2, '0').slice(0, 2));
}

export function fromCents(cents: bigint): string {
  const sign = cents < 0n ? '-' : '';
  const abs = cents < 0n ? -cents : cents;
  return `${sign}${abs / 100n}.${String(abs % 100n).padStart(2, '0')}`;
}

/** Exact sum of decimal strings ("0.00" for none). */
export function sumAmounts(amounts: string[]): string {
  return fromCents(amounts.reduce((sum, a) => sum + toCents(a), 0n));
}

/**
 * How much of the planned budget was spent, in whole percent rounded half up (may exceed 100 when
 * overspent); null when nothing was planned in that currency (a share of nothing means nothing).
 */
export function usePercent(planned: string, spent: string): number | null {
  const p = toCents(planned);
  if (p <= 0n) return null;
  const s = toCents(spent);
  return Number((s * 200n + p) / (2n * p));
}

/** ISO 4217 codes this runtime knows (Intl), e.g. EUR, MAD, XOF, USD. */
const CURRENCIES = new Set(Intl.supportedValuesOf('currency'));

export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && CURRENCIES.has(value);
}
