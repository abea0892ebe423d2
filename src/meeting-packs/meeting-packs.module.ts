import { Module } from '@nestjs/common';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { FileStorageModule } from '../common/files/storage/file-storage.module';
import { MeetingsReaderModule } from '../meetings/meetings-reader.module';
import { QueuesModule } from '../queues/queues.module';
import { ReminderRulesModule } from '../reminders/reminder-rules.module';
import { EvidenceSince } from './evidence-since';
import { MeetingPacksController } from './meeting-packs.controller';
import { MeetingPacksService } from './meeting-packs.service';
import { PackPrinter } from './pack-printer';
import { PackQueue } from './pack-queue';
import { PackReader } from './pack-reader';
import { PdfRenderer } from './pdf-renderer';

/** The api's side of the committee pack: the routes, and the queue they add jobs to. */
@Module({
  imports: [ActionPlansModule, FileStorageModule, QueuesModule],
  controllers: [MeetingPacksController],
  providers: [MeetingPacksService, PackQueue],
})
export class MeetingPacksModule {}

/**
 * The worker's side: read the plan, print with Chromium, store the PDF. Chromium is started on the
 * first job only, so a worker that never prints a pack never starts it.
 */
@Module({
  imports: [MeetingsReaderModule, FileStorageModule, ReminderRulesModule],
  providers: [PackPrinter, PackReader, PdfRenderer, EvidenceSince],
  exports: [PackPrinter],
})
export class PackPrintingModule {}
