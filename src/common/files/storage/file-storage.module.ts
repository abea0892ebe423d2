import { Module } from '@nestjs/common';
import { FileStore } from './file-store';
import { PgFileStore } from './pg-file-store';

/**
 * Gives `FileStore` to the modules that import it (evidence, the committee pack). PostgreSQL by
 * default; an S3-compatible store would be another class provided here (e.g. chosen by an env var).
 */
@Module({
  providers: [{ provide: FileStore, useClass: PgFileStore }],
  exports: [FileStore],
})
export class FileStorageModule {}
