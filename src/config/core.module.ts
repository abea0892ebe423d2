import { Global, Module } from '@nestjs/common';
import { AppConfig, loadConfig } from './app-config';
import { Clock, SystemClock } from '../common/time/clock';

/** Validated configuration and the clock, available everywhere. Tests override either provider. */
@Global()
@Module({
  providers: [
    { provide: AppConfig, useFactory: () => loadConfig() },
    { provide: Clock, useClass: SystemClock },
  ],
  exports: [AppConfig, Clock],
})
export class CoreModule {}
