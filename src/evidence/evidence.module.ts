import { Module } from '@nestjs/common';
import { MultipartModule } from '@nestjs/platform-fastify/multipart';
import { ActivitiesModule } from '../activities/activities.module';
import { FileStorageModule } from '../common/files/storage/file-storage.module';
import { AppConfig } from '../config/app-config';
import { EvidenceController } from './evidence.controller';
import { EvidenceService } from './evidence.service';
import { EvidenceGateModule } from './evidence-gate.module';
import { EvidenceUploadErrors } from './evidence-upload.interceptor';
import { EvidenceRequirementsController } from './requirements/evidence-requirements.controller';
import { EvidenceRequirementsService } from './requirements/evidence-requirements.service';

/**
 * Evidence of activities and parts, and the evidence each activity type requires. Uploads go through
 * Nest's Fastify multipart interceptor (@fastify/multipart), held in memory up to EVIDENCE_MAX_BYTES
 * (one file, a few short text fields), then into the file store.
 */
@Module({
  imports: [
    ActivitiesModule,
    FileStorageModule,
    EvidenceGateModule,
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
  controllers: [EvidenceController, EvidenceRequirementsController],
  providers: [EvidenceService, EvidenceRequirementsService, EvidenceUploadErrors],
})
export class EvidenceModule {}
