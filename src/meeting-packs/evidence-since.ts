import { Injectable } from '@nestjs/common';
import type { CalendarDate } from '../common/time/calendar-date';
import type { PackEvidence } from './pack-model';

/** Evidence received for a plan's activities since a day (the previous meeting's), oldest first. */
@Injectable()
export class EvidenceSince {
  async of(
    _planId: string,
    _since: CalendarDate | null,
    _timeZone: string,
  ): Promise<PackEvidence[]> {
    return [];
  }
}
