import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { FileStorageModule } from '../common/files/storage/file-storage.module';
import { AppConfig } from '../config/app-config';
import { EvidenceUploadErrors } from '../evidence/evidence-upload.interceptor';
import { ReminderRulesModule } from '../reminders/reminder-rules.module';
import { UsersModule } from '../users/users.module';
import { PeriodValidationsService } from './period-validations.service';
import { PlanIndicatorsController } from './plan-indicators.controller';
import { RESULT_ENTITIES } from './result-entities';
import { ResultValuesController } from './result-values.controller';
import { ResultValuesService } from './result-values.service';
import { ResultsFrameworkController } from './results-framework.controller';
import { ResultsFrameworkService } from './results-framework.service';
import { ResultsViewService } from './results-view.service';
import { ValueEvidenceService } from './value-evidence.service';

/**
 * The results framework of plans (issue 10): objectives, indicators, targets, reported values with
 * history and evidence, validated periods. Evidence uploads go through the same multipart limits as
 * activity evidence (one file, up to EVIDENCE_MAX_BYTES, no other field of note).
 */
@Module({
  imports: [
    TypeOrmModule.forFeature(RESULT_ENTITIES),
    ActionPlansModule,
    UsersModule,
    ReminderRulesModule,
    FileStorageModule,
    MultipartModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        limits: {
          fileSize: config.EVIDENCE_MAX_BYTES,
          files: 1,
          fields: 4,
          parts: 6,
          fieldSize: 1024,
          fieldNameSize: 64,
          headerPairs: 50,
        },
      }),
    }),
  ],
  controllers: [ResultsFrameworkController, ResultValuesController, PlanIndicatorsController],
  providers: [
    ResultsFrameworkService,
    ResultsViewService,
    ResultValuesService,
    PeriodValidationsService,
    ValueEvidenceService,
    EvidenceUploadErrors,
  ],
  exports: [ResultsViewService, ResultValuesService],
})
export class ResultsModule {}
