import { Module } from '@nestjs/common';
import { CoreModule } from './config/core.module';
import { DatabaseModule } from './database/database.module';
import { RedisModule } from './redis/redis.module';

/** The worker process: queue processors and job schedulers, no HTTP. */
@Module({
  imports: [CoreModule, DatabaseModule, RedisModule],
})
export class WorkerModule {}
