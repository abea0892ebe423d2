import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvFileIfPresent } from './env-file';

describe('loadEnvFileIfPresent', () => {
  const dir = mkdtempSync(join(tmpdir(), 'accords-env-'));
  it('reads the file when present, without overriding what the environment already says', () => {
    const file = join(dir, '.env');
    writeFileSync(
      file,
      '# comment\nPORT=4000\nREDIS_PREFIX=from-file\nMAIL_FROM="Accords <a@b.example>"\n',
    );
    const env: NodeJS.ProcessEnv = { REDIS_PREFIX: 'exported', NODE_ENV_DEFAULT: 'production' };
    expect(loadEnvFileIfPresent(file, env)).toBe(file);
    expect(env).toEqual({
      PORT: '4000',
      REDIS_PREFIX: 'exported',
      MAIL_FROM: 'Accords <a@b.example>',
      NODE_ENV_DEFAULT: 'production',
      NODE_ENV: 'production',
    });
  });

  it.each([
    // a start script's default applies only when nothing (environment or .env) set NODE_ENV
    [{ NODE_ENV_DEFAULT: 'production' }, 'production'],
    [{ NODE_ENV_DEFAULT: 'production', NODE_ENV: 'development' }, 'development'],
    [{ NODE_ENV: 'test' }, 'test'],
    [{}, undefined],
  ])('with %p, NODE_ENV becomes %p', (start, expected) => {
    const env: NodeJS.ProcessEnv = { ...start };
    expect(loadEnvFileIfPresent(join(dir, 'absent.env'), env)).toBeNull();
    expect(env.NODE_ENV).toBe(expected);
  });
});
