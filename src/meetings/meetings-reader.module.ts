import { Module } from '@nestjs/common';
import { MeetingsReader } from './meetings.reader';

/**
 * MeetingsReader alone, for the worker (nudges, the committee pack): it needs only the database, so
 * importing it does not bring the api's plans, activities and parties modules along.
 */
@Module({ providers: [MeetingsReader], exports: [MeetingsReader] })
export class MeetingsReaderModule {}
