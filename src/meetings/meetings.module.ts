import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ActionPlansModule } from '../action-plans/action-plans.module';
import { ActivitiesModule } from '../activities/activities.module';
import { PartiesModule } from '../parties/parties.module';
import { CommitteeMeeting } from './committee-meeting.entity';
import { MeetingBaselineRow } from './meeting-baseline.entity';
import { MeetingBaselineStore } from './meeting-baseline.store';
import { MeetingDecision } from './meeting-decision.entity';
import { MeetingDecisionsService } from './meeting-decisions.service';
import { MeetingViews } from './meeting-views.service';
import { MeetingsController } from './meetings.controller';
import { MeetingsReaderModule } from './meetings-reader.module';
import { MeetingsService } from './meetings.service';

/**
 * Meetings of the joint follow-up committee, their decisions and baselines. Exports MeetingsReader
 * (next meeting, upcoming meetings, changes since the previous meeting) for nudges and the pack; the
 * worker may import MeetingsReaderModule alone.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([CommitteeMeeting, MeetingDecision, MeetingBaselineRow]),
    ActionPlansModule,
    ActivitiesModule,
    PartiesModule,
    MeetingsReaderModule,
  ],
  controllers: [MeetingsController],
  providers: [MeetingsService, MeetingDecisionsService, MeetingBaselineStore, MeetingViews],
  exports: [MeetingsReaderModule, MeetingsService],
})
export class MeetingsModule {}
