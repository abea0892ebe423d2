import type { AppConfig } from '../../config/app-config';
import { demoSeedRefusal } from './seed-policy';

type SeedSettings = Pick<AppConfig, 'NODE_ENV' | 'SEED_DEMO' | 'SEED_PASSWORD'>;

describe('demoSeedRefusal', () => {
  it.each<[SeedSettings, RegExp | undefined]>([
    [{ NODE_ENV: 'development', SEED_DEMO: 'false', SEED_PASSWORD: 'accords-demo' }, undefined],
    [{ NODE_ENV: 'test', SEED_DEMO: 'false', SEED_PASSWORD: 'accords-demo' }, undefined],
    [{ NODE_ENV: 'development', SEED_DEMO: 'true', SEED_PASSWORD: 'accords-demo' }, undefined],
    [
      { NODE_ENV: 'production', SEED_DEMO: 'false', SEED_PASSWORD: 'a-long-secret' },
      /SEED_DEMO=true/,
    ],
    [
      { NODE_ENV: 'production', SEED_DEMO: 'false', SEED_PASSWORD: 'accords-demo' },
      /SEED_DEMO=true/,
    ],
    [{ NODE_ENV: 'production', SEED_DEMO: 'true', SEED_PASSWORD: 'accords-demo' }, /SEED_PASSWORD/],
    [{ NODE_ENV: 'production', SEED_DEMO: 'true', SEED_PASSWORD: 'a-long-secret' }, undefined],
  ])('%j → %s', (settings, refusal) => {
    const answer = demoSeedRefusal(settings);
    if (refusal) expect(answer).toMatch(refusal);
    else expect(answer).toBeUndefined();
  });
});
