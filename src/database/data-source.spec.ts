import type { DataSource } from 'typeorm';
import { loadDatabaseConfig } from '../config/database-config';

describe('the TypeORM CLI data source', () => {
  const saved = { ...process.env };
  afterEach(() => {
    process.env = { ...saved };
  });

  it('loads in production without JWT_SECRET, reading only DATABASE_URL', () => {
    process.env = {
      PATH: saved.PATH,
      NODE_ENV: 'production',
      DATABASE_URL: 'postgres://migrator@db.internal:5432/accords',
    };
    let dataSource: DataSource | undefined;
    jest.isolateModules(() => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports -- loads the module under this env
      dataSource = (require('./data-source') as { default: DataSource }).default;
    });
    // (isolateModules loads its own typeorm, so compare the options rather than the class.)
    expect(dataSource?.options).toMatchObject({
      type: 'postgres',
      url: 'postgres://migrator@db.internal:5432/accords',
    });
  });
});

describe('loadDatabaseConfig', () => {
  it.each([
    [{}, 'postgres://postgres@127.0.0.1:5432/accords'],
    [{ DATABASE_URL: '' }, 'postgres://postgres@127.0.0.1:5432/accords'],
    [{ DATABASE_URL: 'postgresql://u@h/db', JWT_SECRET: '' }, 'postgresql://u@h/db'],
  ])('%j gives %s', (env, url) => {
    expect(loadDatabaseConfig(env).DATABASE_URL).toBe(url);
  });

  it('names DATABASE_URL when it is not a postgres URL', () => {
    expect(() => loadDatabaseConfig({ DATABASE_URL: 'mysql://h/db' })).toThrow(/DATABASE_URL/);
  });
});
