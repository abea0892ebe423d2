import { Injectable } from '@nestjs/common';
import { addDays } from '../../common/time/calendar-date';
import { MeetingsReader } from '../../meetings/meetings.reader';
import type { NewNotification } from '../../notifications/notification-lifecycle';
import type { Audience } from '../reminder-recipients';
import { dueNudges, nudgeDeliveries } from './nudge-planner';
import type { StagnationRules } from './nudge-rules';
import { SilentParts } from './silent-parts';

/**
 * The sweep's share for stagnation nudges: planned meetings within the longest lead time (a day's
 * slack on each side for time zones), the ones whose nudge is due, then the silent parts of just
 * those plans. Three small reads whatever the number of plans.
 */
@Injectable()
export class NudgeSweep {
  constructor(
    private readonly meetings: MeetingsReader,
    private readonly silentParts: SilentParts,
  ) {}

  async deliveries(
    now: Date,
    rules: StagnationRules,
    audience: Audience,
  ): Promise<NewNotification[]> {
    if (rules.daysBeforeMeeting.length === 0) return [];
    const utcToday = now.toISOString().slice(0, 10);
    const meetings = await this.meetings.upcomingMeetingsBetween(
      addDays(utcToday, -1),
      addDays(utcToday, Math.max(...rules.daysBeforeMeeting) + 1),
    );
    if (meetings.length === 0) return [];
    const todayOf = await this.silentParts.todayOfPlans(
      [...new Set(meetings.map((m) => m.planId))],
      now,
    );
    const due = dueNudges(meetings, todayOf, rules.daysBeforeMeeting);
    const silent = await this.silentParts.ofPlans(
      due.map((n) => n.meeting.planId),
      now,
      rules.silentAfterDays,
    );
    const partiesOf = new Map<string, Set<string>>();
    for (const part of silent) {
      const parties = partiesOf.get(part.planId) ?? new Set<string>();
      parties.add(part.partyCode);
      partiesOf.set(part.planId, parties);
    }
    return due.flatMap((nudge) =>
      nudgeDeliveries(nudge, partiesOf.get(nudge.meeting.planId) ?? new Set(), audience, now),
    );
  }
}
