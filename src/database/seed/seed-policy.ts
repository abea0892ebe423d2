import { DEMO_SEED_PASSWORD, type AppConfig } from '../../config/app-config';

/**
 * Whether `npm run seed` may create the demo accounts (admin@accords.example and friends). Outside
 * production it always may: the README quick start and the tests rely on it. In production the
 * accounts are an open door unless asked for explicitly (SEED_DEMO=true), and never with the password
 * printed in the README. Answers why it refuses, or undefined when it may go ahead.
 */
export function demoSeedRefusal(
  config: Pick<AppConfig, 'NODE_ENV' | 'SEED_DEMO' | 'SEED_PASSWORD'>,
): string | undefined {
  if (config.NODE_ENV !== 'production') return undefined;
  if (config.SEED_DEMO !== 'true') {
    return 'NODE_ENV is production: the seed creates demo accounts (admin@accords.example, …) only with SEED_DEMO=true.';
  }
  if (config.SEED_PASSWORD === DEMO_SEED_PASSWORD) {
    return `NODE_ENV is production: set SEED_PASSWORD to a password of your own; the default (${DEMO_SEED_PASSWORD}) is public.`;
  }
  return undefined;
}
