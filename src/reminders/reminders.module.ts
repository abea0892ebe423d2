import { Module } from '@nestjs/common';
import { AgreementsModule } from '../agreements/agreements.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { PartiesModule } from '../parties/parties.module';
import { UsersModule } from '../users/users.module';
import { DigestContent } from './digest/digest-content';
import { DigestPlanner } from './digest/digest-planner';
import { MeetingsReaderModule } from '../meetings/meetings-reader.module';
import { NudgeComposer } from './nudges/nudge-composer';
import { NudgeSweep } from './nudges/nudge-sweep';
import { ReportingGaps } from './results-due/reporting-gaps';
import { ResultsDueComposer } from './results-due/results-due-composer';
import { ResultsDueSweep } from './results-due/results-due-sweep';
import { SilentParts } from './nudges/silent-parts';
import { ReminderMessageComposer } from './reminder-message-composer';
import { ReminderCandidates } from './reminder-candidates';
import { ReminderMarks } from './reminder-marks';
import { ReminderRecipients } from './reminder-recipients';
import { ReminderRulesController } from './reminder-rules.controller';
import { ReminderRulesModule } from './reminder-rules.module';
import { ReminderSubjects } from './reminder-subjects';
import { SweepController } from './sweep.controller';
import { SweepService } from './sweep.service';

/**
 * What is due and what it says: rules, the sweep that hands new deliveries to notifications/, and the
 * composer that words each message when it is sent.
 */
@Module({
  imports: [
    ReminderRulesModule,
    AgreementsModule,
    MeetingsReaderModule,
    NotificationsModule,
    PartiesModule,
    UsersModule,
  ],
  controllers: [ReminderRulesController, SweepController],
  providers: [
    ReminderCandidates,
    ReminderRecipients,
    ReminderMarks,
    ReminderSubjects,
    SweepService,
    DigestPlanner,
    DigestContent,
    ReminderMessageComposer,
    SilentParts,
    NudgeSweep,
    NudgeComposer,
    ReportingGaps,
    ResultsDueSweep,
    ResultsDueComposer,
  ],
  exports: [SweepService, ReminderMessageComposer],
})
export class RemindersModule {}
