import type { DataSourceOptions } from 'typeorm';
import { InitialSchema1795880000000 } from '../../migrations/1795880000000-InitialSchema';
import { AccentFolding1795900000000 } from '../../migrations/1795900000000-AccentFolding';
import { Reminders1795890000000 } from '../../migrations/1795890000000-Reminders';
import { FeedTokens1795890000001 } from '../../migrations/1795890000001-FeedTokens';
import { DeliveryLeaseToken1795910000000 } from '../../migrations/1795910000000-DeliveryLeaseToken';
import { TokenGeneration1795910000100 } from '../../migrations/1795910000100-TokenGeneration';
import { IdempotencyKeys1795910000200 } from '../../migrations/1795910000200-IdempotencyKeys';
import { Accounts1795920000100 } from '../../migrations/1795920000100-Accounts';
import { MultilingualContent1795920000300 } from '../../migrations/1795920000300-MultilingualContent';
import { ActivityParts1795930000100 } from '../../migrations/1795930000100-ActivityParts';
import { FileStorage1795930000200 } from '../../migrations/1795930000200-FileStorage';
import { Evidence1795930000210 } from '../../migrations/1795930000210-Evidence';
import { CommitteeMeetings1795930000300 } from '../../migrations/1795930000300-CommitteeMeetings';
import { StagnationNudges1795930000400 } from '../../migrations/1795930000400-StagnationNudges';
import { MeetingPacks1795930000500 } from '../../migrations/1795930000500-MeetingPacks';
import { AgreementLifecycle1795940000100 } from '../../migrations/1795940000100-AgreementLifecycle';
import { ResultsFramework1795940000200 } from '../../migrations/1795940000200-ResultsFramework';
import { ResultsReportingReminders1795940000250 } from '../../migrations/1795940000250-ResultsReportingReminders';
import { Money1795940000300 } from '../../migrations/1795940000300-Money';
import { PortfolioFigures1795940000400 } from '../../migrations/1795940000400-PortfolioFigures';
import { ReminderMarks1795950000000 } from '../../migrations/1795950000000-ReminderMarks';
import { ProgressFigures1795950000100 } from '../../migrations/1795950000100-ProgressFigures';
import { ENTITIES } from './entities';

export const MIGRATIONS = [
  InitialSchema1795880000000,
  Reminders1795890000000,
  FeedTokens1795890000001,
  AccentFolding1795900000000,
  DeliveryLeaseToken1795910000000,
  TokenGeneration1795910000100,
  IdempotencyKeys1795910000200,
  Accounts1795920000100,
  MultilingualContent1795920000300,
  ActivityParts1795930000100,
  FileStorage1795930000200,
  Evidence1795930000210,
  CommitteeMeetings1795930000300,
  StagnationNudges1795930000400,
  MeetingPacks1795930000500,
  AgreementLifecycle1795940000100,
  ResultsFramework1795940000200,
  ResultsReportingReminders1795940000250,
  Money1795940000300,
  PortfolioFigures1795940000400,
  ReminderMarks1795950000000,
  ProgressFigures1795950000100,
];

/** One definition shared by Nest (TypeOrmModule), the TypeORM CLI, the seed and the tests. */
export function typeOrmOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    // The schema changes only through migrations/.
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: 10,
      // The service's statements are small and indexed. On a plan of thousands of activities the planner
      // misestimates the grouped progress queries and starts parallel workers, which costs 85–90 ms per
      // query to save nothing (issue 11: progress went from 29 to 101 req/s without them).
      // JIT off for the same reason: the portfolio's figure sort sits near the JIT cost threshold, and a
      // misestimate (fresh tables without statistics) made compiling take 5.2 s of a 7.1 s query.
      // random_page_cost 1.1 (PostgreSQL's default of 4 prices a random read as a spinning disk's):
      // progress's by-party figures join a plan's activities to their parts, and at 4 the planner
      // seq-scanned all 1.4 M parts for a plan of 5,000 (268 ms) instead of probing each activity's
      // parts by primary key (EXPLAIN ANALYZE at 1 M activities, bench data).
      options: '-c max_parallel_workers_per_gather=0 -c jit=off -c random_page_cost=1.1',
    },
  };
}
