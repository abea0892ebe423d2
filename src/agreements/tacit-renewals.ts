import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { addDays, type CalendarDate } from '../common/time/calendar-date';
import { AgreementRenewal } from './agreement-renewal.entity';
import { Agreement } from './agreement.entity';
import {
  dueTacitRenewals,
  effectiveNoticeDays,
  noticeDeadlineOn,
  storedTermColumns,
  termExpiresOn,
} from './agreement-terms';

/**
 * Materialises tacit renewals: once a tacitly renewable agreement's notice deadline has passed without a
 * notice of non-renewal, its term is extended and the renewal recorded. Done by the reminder sweep and
 * before a renewal decision is recorded (writes), never by a read: reads show the same term through the
 * pure effectiveAgreement. Under a row lock, so concurrent writers apply it once.
 */
@Injectable()
export class TacitRenewals {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async applyIfDue(agreement: Agreement, today: CalendarDate): Promise<Agreement> {
    if (dueTacitRenewals(agreement, today) === 0) return agreement;
    return this.dataSource.transaction(async (em) => {
      const locked = await em
        .getRepository(Agreement)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id: agreement.id })
        .getOneOrFail();
      const cycles = dueTacitRenewals(locked, today);
      if (cycles === 0) return locked;
      const term = locked.renewalTermMonths ?? locked.durationMonths;
      const renewals: Partial<AgreementRenewal>[] = [];
      for (let i = 0; i < cycles; i++) {
        const before = locked.durationMonths + locked.extendedMonths + i * term;
        const previousExpiresOn = termExpiresOn(locked.entryIntoForceOn, before);
        renewals.push({
          agreementId: locked.id,
          decision: 'renew',
          tacit: true,
          // Renewed the day after the last day on which notice could have been given.
          decidedOn: addDays(
            noticeDeadlineOn(previousExpiresOn, effectiveNoticeDays(locked)) ?? previousExpiresOn,
            1,
          ),
          termMonths: term,
          previousExpiresOn,
          newExpiresOn: termExpiresOn(locked.entryIntoForceOn, before + term),
          note: 'Tacit renewal: no notice of non-renewal was given by the notice deadline.',
          recordedBy: null,
        });
      }
      await em.insert(AgreementRenewal, renewals);
      locked.extendedMonths += cycles * term;
      locked.status = 'renewed';
      await em.update(
        Agreement,
        { id: locked.id },
        {
          extendedMonths: locked.extendedMonths,
          ...storedTermColumns(locked),
          status: 'renewed',
          version: locked.version + 1,
        },
      );
      locked.version += 1;
      return locked;
    });
  }
}
