import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { Conflict, InvalidInput, VersionConflict } from '../common/errors/domain-errors';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { compareDates } from '../common/time/calendar-date';
import { AgreementRenewal } from './agreement-renewal.entity';
import { Agreement } from './agreement.entity';
import {
  computeTerm,
  effectiveNoticeDays,
  LAST_STORABLE_YEAR,
  storedTermColumns,
  termEndsBeyondCalendar,
  termExpiresOn,
} from './agreement-terms';
import { AgreementView } from './agreement-view';
import { AgreementsService } from './agreements.service';
import { RecordRenewalDto } from './dto/record-renewal.dto';

/** Recorded renewal decisions and notices of non-renewal: the history of an agreement's term. */
@Injectable()
export class AgreementRenewalsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementsService,
  ) {}

  /** Paginated like every list in the contract (`{ items, total, page, pageSize }`). */
  async list(
    actor: Actor,
    agreementId: string,
    query: PageQueryDto,
  ): Promise<Page<AgreementRenewal>> {
    await this.agreements.findVisible(actor, agreementId); // visibility; a read writes nothing
    const [items, total] = await this.dataSource.getRepository(AgreementRenewal).findAndCount({
      where: { agreementId },
      order: { createdAt: 'ASC', previousExpiresOn: 'ASC', id: 'ASC' },
      skip: pageOffset(query),
      take: query.pageSize,
    });
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async record(
    actor: Actor,
    agreementId: string,
    dto: RecordRenewalDto,
  ): Promise<{ renewal: AgreementRenewal; agreement: AgreementView }> {
    // A decision applies to the current term: record the tacit renewals already due first (a write).
    // The caller read a view that already counted them (reads compute them, see effectiveAgreement), so
    // the version they sent stands for the settled row too; any other change still answers 409.
    const stored = await this.agreements.findVisible(actor, agreementId);
    const current = await this.agreements.settleTacitRenewals(stored);
    const expectedVersion = dto.version === stored.version ? current.version : dto.version;
    const decidedOn = dto.decidedOn ?? this.agreements.todayFor(current);

    const renewal = await this.dataSource.transaction(async (em) => {
      const agreement = await em
        .getRepository(Agreement)
        .createQueryBuilder('a')
        .setLock('pessimistic_write')
        .where('a.id = :id', { id: agreementId })
        .getOneOrFail();
      // Checked under the row lock: of several identical requests carrying the same version, one
      // renews and the others see the bumped version.
      if (agreement.version !== expectedVersion) {
        throw new VersionConflict('Agreement', dto.version, agreement.version);
      }
      const term = computeTerm(agreement, effectiveNoticeDays(agreement), decidedOn);
      assertRenewable(agreement, term.expiresOn, decidedOn);

      if (dto.decision === 'not_renew') {
        if (agreement.nonRenewalNoticeOn !== null) {
          throw new Conflict(
            `Notice of non-renewal was already given on ${agreement.nonRenewalNoticeOn}.`,
          );
        }
        if (
          agreement.renewalMode === 'tacit' &&
          term.noticeDeadlineOn !== null &&
          compareDates(decidedOn, term.noticeDeadlineOn) > 0
        ) {
          throw new Conflict(
            `The notice deadline for this term was ${term.noticeDeadlineOn}; notice given on ${decidedOn} is too late.`,
          );
        }
        await em.update(
          Agreement,
          { id: agreementId },
          {
            nonRenewalNoticeOn: decidedOn,
            version: agreement.version + 1,
          },
        );
        return em.save(
          em.create(AgreementRenewal, {
            agreementId,
            decision: 'not_renew',
            decidedOn,
            previousExpiresOn: term.expiresOn,
            newExpiresOn: null,
            termMonths: null,
            note: dto.note ?? null,
            recordedBy: actor.id,
          }),
        );
      }

      const termMonths = dto.termMonths ?? agreement.renewalTermMonths ?? agreement.durationMonths;
      const extendedMonths = agreement.extendedMonths + termMonths;
      if (
        termEndsBeyondCalendar(
          agreement.entryIntoForceOn,
          agreement.durationMonths + extendedMonths,
        )
      ) {
        throw InvalidInput.field(
          'termMonths',
          `would extend the term past the year ${LAST_STORABLE_YEAR}`,
        );
      }
      await em.update(
        Agreement,
        { id: agreementId },
        {
          extendedMonths,
          ...storedTermColumns({ ...agreement, extendedMonths }),
          status: 'renewed',
          // A renewal decided after a notice supersedes it.
          nonRenewalNoticeOn: null,
          version: agreement.version + 1,
        },
      );
      return em.save(
        em.create(AgreementRenewal, {
          agreementId,
          decision: 'renew',
          decidedOn,
          termMonths,
          previousExpiresOn: term.expiresOn,
          newExpiresOn: termExpiresOn(
            agreement.entryIntoForceOn,
            agreement.durationMonths + extendedMonths,
          ),
          note: dto.note ?? null,
          recordedBy: actor.id,
        }),
      );
    });
    return { renewal, agreement: await this.agreements.get(actor, agreementId) };
  }
}

function assertRenewable(agreement: Agreement, expiresOn: string, decidedOn: string) {
  if (agreement.renewalMode === 'none') {
    throw new Conflict(
      'This agreement has no renewal clause (renewal mode "none").',
      'Not renewable',
    );
  }
  if (agreement.status === 'terminated' || agreement.status === 'draft') {
    throw new Conflict(`A ${agreement.status} agreement cannot be renewed.`, 'Not renewable');
  }
  if (compareDates(decidedOn, expiresOn) > 0) {
    throw new Conflict(
      `The term ended on ${expiresOn}; a decision on ${decidedOn} comes too late to renew it.`,
      'Not renewable',
    );
  }
}
