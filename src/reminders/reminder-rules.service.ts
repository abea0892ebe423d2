import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Clock } from '../common/time/clock';
import { DEFAULT_REMINDER_RULES, ReminderRules } from './reminder-rules';
import { ReminderSettings } from './reminder-settings.entity';
import { ReminderRulesDto } from './dto/reminder-rules.dto';

@Injectable()
export class ReminderRulesService {
  constructor(
    @InjectRepository(ReminderSettings) private readonly settings: Repository<ReminderSettings>,
    private readonly clock: Clock,
  ) {}

  /** The rule set in force: the stored one, or the defaults until someone saves one. */
  async current(): Promise<ReminderRules> {
    const row = await this.settings.findOneBy({ id: 1 });
    // A rule set saved before a rule existed gets that rule's defaults.
    return { ...DEFAULT_REMINDER_RULES, ...row?.rules };
  }

  async replace(actor: Actor, dto: ReminderRulesDto): Promise<ReminderRules> {
    const sorted = (days: number[]) => [...days].sort((a, b) => b - a);
    // Rules a client written before them leaves out stay as they are.
    const inForce = await this.current();
    const rules: ReminderRules = {
      activityDue: { daysBefore: sorted(dto.activityDue.daysBefore) },
      activityOverdue: { everyDays: dto.activityOverdue.everyDays },
      escalation: { afterDaysOverdue: dto.escalation.afterDaysOverdue },
      agreementExpiry: { daysBefore: sorted(dto.agreementExpiry.daysBefore) },
      planExpiry: { daysBefore: sorted(dto.planExpiry.daysBefore) },
      noticeDeadline: { daysBefore: sorted(dto.noticeDeadline.daysBefore) },
      // Optional so that clients written before nudges existed keep working: absent, it stays as is.
      stagnation: dto.stagnation
        ? {
            daysBeforeMeeting: sorted(dto.stagnation.daysBeforeMeeting),
            silentAfterDays: dto.stagnation.silentAfterDays,
          }
        : inForce.stagnation,
      notificationMissing: dto.notificationMissing
        ? {
            daysAfterSignature: [...dto.notificationMissing.daysAfterSignature].sort(
              (a, b) => a - b,
            ),
            everyDays: dto.notificationMissing.everyDays,
          }
        : inForce.notificationMissing,
      denunciationEffect: dto.denunciationEffect
        ? { daysBefore: sorted(dto.denunciationEffect.daysBefore) }
        : inForce.denunciationEffect,
      resultsReporting: dto.resultsReporting
        ? {
            daysBefore: sorted(dto.resultsReporting.daysBefore),
            overdueEveryDays: dto.resultsReporting.overdueEveryDays,
            graceDays: dto.resultsReporting.graceDays,
          }
        : inForce.resultsReporting,
    };
    await this.settings.upsert({ id: 1, rules, updatedAt: this.clock.now(), updatedBy: actor.id }, [
      'id',
    ]);
    return rules;
  }
}
