import {
  Injectable,
  Global,
  Logger,
  Module,
  OnApplicationBootstrap,
  OnModuleDestroy,
} from '@nestjs/common';
import { Clock } from '../common/time/clock';
import { IdempotencyStore } from './idempotency.store';

const CLEANUP_EVERY_MS = 60 * 60 * 1000;

/**
 * Deletes keys older than 24 hours, hourly. Lookups already ignore expired keys, so this only keeps
 * the table small; running it from several api instances at once is harmless.
 */
@Injectable()
export class IdempotencyCleanup implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger('Idempotency');
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly store: IdempotencyStore,
    private readonly clock: Clock,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.run(), CLEANUP_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  async run(): Promise<number> {
    try {
      return await this.store.deleteExpired(this.clock.now());
    } catch (error) {
      this.logger.warn(`Cleanup of expired idempotency keys failed: ${String(error)}`);
      return 0;
    }
  }
}

/**
 * `Idempotency-Key` for every POST route of the api: the `@Post` of idempotent-post.decorator.ts puts
 * the interceptor on each POST handler, and every module with one resolves it from here (hence
 * global: the store is what it needs).
 */
@Global()
@Module({
  providers: [IdempotencyStore, IdempotencyCleanup],
  exports: [IdempotencyStore, IdempotencyCleanup],
})
export class IdempotencyModule {}
