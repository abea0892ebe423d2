import { createHash, randomBytes } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfig } from '../../src/config/app-config';
import { CoreModule } from '../../src/config/core.module';
import { DatabaseModule } from '../../src/database/database.module';
import { FileStorageModule } from '../../src/common/files/storage/file-storage.module';
import { FileStore } from '../../src/common/files/storage/file-store';
import { PgFileStore } from '../../src/common/files/storage/pg-file-store';
import { createTestApp, TestApp } from '../support/test-app';

describe('file storage (PostgreSQL store)', () => {
  let t: TestApp;
  let moduleRef: TestingModule;
  let store: FileStore;

  beforeAll(async () => {
    t = await createTestApp({ seeded: false });
    // The module as a consumer imports it, on the suite's own database.
    moduleRef = await Test.createTestingModule({
      imports: [CoreModule, DatabaseModule, FileStorageModule],
    })
      .overrideProvider(AppConfig)
      .useValue(t.config)
      .compile();
    store = moduleRef.get(FileStore);
  });
  afterAll(async () => {
    await moduleRef.close();
    await t.close();
  });

  it('FileStore is provided by the PostgreSQL store', () => {
    expect(store).toBeInstanceOf(PgFileStore);
  });

  it('put computes the SHA-256 and size; get gives back the same bytes', async () => {
    const content = randomBytes(300_000);
    const stored = await store.put(content, { mediaType: 'application/pdf' });
    expect(stored).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      sha256: createHash('sha256').update(content).digest('hex'),
      sizeBytes: 300_000,
      mediaType: 'application/pdf',
    });
    const back = await store.get(stored.id);
    expect(back).not.toBeNull();
    expect(Buffer.compare(back!.content, content)).toBe(0);
    expect(back).toMatchObject({
      mediaType: 'application/pdf',
      sha256: stored.sha256,
      sizeBytes: 300_000,
    });
  });

  it('an empty file is a file too', async () => {
    const stored = await store.put(Buffer.alloc(0), { mediaType: 'text/plain' });
    expect(stored.sha256).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect((await store.get(stored.id))!.content.length).toBe(0);
  });

  it('delete removes the file; deleting again, or an unknown id, is no error', async () => {
    const stored = await store.put(Buffer.from('hello'), { mediaType: 'text/plain' });
    await store.delete(stored.id);
    expect(await store.get(stored.id)).toBeNull();
    await expect(store.delete(stored.id)).resolves.toBeUndefined();
    const rows: unknown[] = await t.dataSource.query(`SELECT 1 FROM stored_files WHERE id = $1`, [
      stored.id,
    ]);
    expect(rows).toHaveLength(0);
  });

  it('an id that is not a uuid names no file (null, not a database error)', async () => {
    expect(await store.get('../../etc/passwd')).toBeNull();
    await expect(store.delete('not-a-uuid')).resolves.toBeUndefined();
  });

  it('the table refuses a size or hash that does not match (the store is the only writer of both)', async () => {
    await expect(
      t.dataSource.query(
        `INSERT INTO stored_files (content, media_type, sha256, size_bytes) VALUES ('\\x00', 'x', $1, 2)`,
        ['a'.repeat(64)],
      ),
    ).rejects.toThrow(/CHK_stored_files_size/);
  });
});
