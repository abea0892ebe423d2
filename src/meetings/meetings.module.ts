import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CommitteeMeeting } from './committee-meeting.entity';
import { MeetingBaselineRow } from './meeting-baseline.entity';
import { MeetingDecision } from './meeting-decision.entity';
import { MeetingsReader } from './meetings.reader';

/** Meetings of the joint follow-up committee, their decisions and baselines. */
@Module({
  imports: [TypeOrmModule.forFeature([CommitteeMeeting, MeetingDecision, MeetingBaselineRow])],
  providers: [MeetingsReader],
  exports: [MeetingsReader],
})
export class MeetingsModule {}
