import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, QueryFailedError } from 'typeorm';
import type { Actor } from '../../common/auth/actor';
import { canManageProgramme, canRecordPartyNotification } from '../../common/auth/permissions';
import { Conflict, Forbidden, InvalidInput, NotFound } from '../../common/errors/domain-errors';
import { CalendarDate, compareDates } from '../../common/time/calendar-date';
import { AgreementRenewal } from '../agreement-renewal.entity';
import type { Agreement } from '../agreement.entity';
import type { AgreementView } from '../agreement-view';
import { AgreementsService } from '../agreements.service';
import { AgreementAmendment } from './agreement-amendment.entity';
import { AgreementDenunciation } from './agreement-denunciation.entity';
import { agreementEntryIntoForce, amendmentEntryIntoForce } from './agreement-lifecycle';
import { checkedCount } from './clause-input';
import { AgreementNotification } from './agreement-notification.entity';
import { denunciationTakesEffectOn } from './denunciation';
import { CreateAmendmentDto, UpdateAmendmentDto } from './dto/amendment.dto';
import { RecordDenunciationDto } from './dto/record-denunciation.dto';
import { RecordNotificationDto } from './dto/record-notification.dto';
import { LifecycleRecordsStore } from './lifecycle-records';
import { lifecycleTimeline, type TimelineEvent } from './lifecycle-timeline';

const isUniqueViolation = (e: unknown) =>
  e instanceof QueryFailedError && (e.driverError as { code?: string })?.code === '23505';

/**
 * Notifications, amendments and denunciations. Each write locks the agreement row, records, and
 * rewrites the agreement's derived columns in the same transaction (LifecycleRecordsStore.recompute).
 */
@Injectable()
export class AgreementLifecycleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly agreements: AgreementsService,
    private readonly records: LifecycleRecordsStore,
  ) {}

  async recordNotification(
    actor: Actor,
    agreementId: string,
    dto: RecordNotificationDto,
  ): Promise<{ notification: AgreementNotification; agreement: AgreementView }> {
    const visible = await this.agreements.findVisible(actor, agreementId);
    if (!canRecordPartyNotification(actor, dto.partyCode)) {
      throw new Forbidden(
        `Only ${dto.partyCode}'s focal point or a programme manager records its notification.`,
      );
    }
    assertParty(visible, dto.partyCode);
    const today = this.agreements.todayFor(visible);
    const notification = await this.write(agreementId, async (em, agreement) => {
      let signedOn = agreement.signedOn;
      if (dto.amendmentId !== undefined) {
        const amendment = await em.findOneBy(AgreementAmendment, {
          id: dto.amendmentId,
          agreementId,
        });
        if (!amendment)
          throw InvalidInput.field('amendmentId', 'is not an amendment of this agreement');
        if (
          amendment.entryIntoForceBasis === 'typed' ||
          amendment.entryIntoForceBasis === 'signature'
        ) {
          throw new Conflict('This amendment does not enter into force by notifications.');
        }
        signedOn = amendment.signedOn;
      } else if (
        agreement.entryIntoForceBasis === 'typed' ||
        agreement.entryIntoForceBasis === 'signature'
      ) {
        throw new Conflict(
          'This agreement does not enter into force by notifications (its clause is "' +
            agreement.entryIntoForceBasis +
            '"); change its entry-into-force clause first.',
        );
      }
      assertBetween('notifiedOn', dto.notifiedOn, signedOn, today);
      try {
        return await em.save(
          em.create(AgreementNotification, {
            agreementId,
            amendmentId: dto.amendmentId ?? null,
            partyCode: dto.partyCode,
            notifiedOn: dto.notifiedOn,
            reference: dto.reference ?? null,
            note: dto.note ?? null,
            recordedBy: actor.id,
          }),
        );
      } catch (e) {
        if (isUniqueViolation(e)) {
          throw new Conflict(
            `${dto.partyCode}'s notification is already recorded; delete it to correct it.`,
          );
        }
        throw e;
      }
    });
    return { notification, agreement: await this.agreements.get(actor, agreementId) };
  }

  /** Deletes a notification recorded in error; the entry into force is computed again. */
  async deleteNotification(
    actor: Actor,
    agreementId: string,
    notificationId: string,
  ): Promise<AgreementView> {
    await this.agreements.findVisible(actor, agreementId);
    const row = await this.dataSource
      .getRepository(AgreementNotification)
      .findOneBy({ id: notificationId, agreementId });
    if (!row) throw new NotFound('Notification', notificationId);
    if (!canRecordPartyNotification(actor, row.partyCode)) {
      throw new Forbidden(
        `Only ${row.partyCode}'s focal point or a programme manager corrects its notification.`,
      );
    }
    await this.write(agreementId, (em) => em.delete(AgreementNotification, { id: notificationId }));
    return this.agreements.get(actor, agreementId);
  }

  async listAmendments(
    actor: Actor,
    agreementId: string,
  ): Promise<{ items: AgreementAmendment[] }> {
    await this.agreements.findVisible(actor, agreementId);
    return { items: (await this.records.loadOne(agreementId)).amendments };
  }

  async getAmendment(
    actor: Actor,
    agreementId: string,
    amendmentId: string,
  ): Promise<AgreementAmendment> {
    await this.agreements.findVisible(actor, agreementId);
    const row = await this.dataSource
      .getRepository(AgreementAmendment)
      .findOneBy({ id: amendmentId, agreementId });
    if (!row) throw new NotFound('Amendment', amendmentId);
    return row;
  }

  async createAmendment(
    actor: Actor,
    agreementId: string,
    dto: CreateAmendmentDto,
  ): Promise<{ amendment: AgreementAmendment; agreement: AgreementView }> {
    assertManager(actor);
    await this.agreements.findVisible(actor, agreementId);
    const amendment = await this.write(agreementId, async (em, agreement) => {
      if (compareDates(dto.signedOn, agreement.signedOn) < 0) {
        throw InvalidInput.field(
          'signedOn',
          `cannot be before the agreement's signature (${agreement.signedOn})`,
        );
      }
      const basis = dto.entryIntoForce.basis;
      const count = checkedCount(basis, dto.entryIntoForce.count, 'entryIntoForce.count');
      if (basis === 'typed') {
        if (!dto.entryIntoForceOn)
          throw InvalidInput.field(
            'entryIntoForceOn',
            'is required when the amendment states its date (basis "typed")',
          );
        if (compareDates(dto.entryIntoForceOn, dto.signedOn) < 0)
          throw InvalidInput.field('entryIntoForceOn', 'cannot be before signedOn');
      } else if (dto.entryIntoForceOn !== undefined) {
        throw InvalidInput.field(
          'entryIntoForceOn',
          `is computed under the clause "${basis}", not typed`,
        );
      }
      return em.save(
        em.create(AgreementAmendment, {
          agreementId,
          title: dto.title,
          signedOn: dto.signedOn,
          entryIntoForceBasis: basis,
          entryIntoForceCount: count,
          entryIntoForceOn: basis === 'typed' ? dto.entryIntoForceOn! : null,
          changes: definedChanges(dto.changes),
          status: 'signed',
          note: dto.note ?? null,
          recordedBy: actor.id,
        }),
      );
    });
    return { amendment, agreement: await this.agreements.get(actor, agreementId) };
  }

  async updateAmendment(
    actor: Actor,
    agreementId: string,
    amendmentId: string,
    dto: UpdateAmendmentDto,
  ): Promise<{ amendment: AgreementAmendment; agreement: AgreementView }> {
    assertManager(actor);
    await this.agreements.findVisible(actor, agreementId);
    const amendment = await this.write(agreementId, async (em) => {
      const row = await em.findOneBy(AgreementAmendment, { id: amendmentId, agreementId });
      if (!row) throw new NotFound('Amendment', amendmentId);
      if (dto.entryIntoForceOn !== undefined) {
        if (row.entryIntoForceBasis !== 'typed') {
          throw InvalidInput.field(
            'entryIntoForceOn',
            `is computed under the clause "${row.entryIntoForceBasis}", not typed`,
          );
        }
        if (compareDates(dto.entryIntoForceOn, row.signedOn) < 0)
          throw InvalidInput.field('entryIntoForceOn', 'cannot be before signedOn');
        row.entryIntoForceOn = dto.entryIntoForceOn;
      }
      if (dto.title !== undefined) row.title = dto.title;
      if (dto.note !== undefined) row.note = dto.note;
      if (dto.status !== undefined) row.status = dto.status;
      if (dto.changes !== undefined) row.changes = definedChanges(dto.changes);
      return em.save(row);
    });
    return { amendment, agreement: await this.agreements.get(actor, agreementId) };
  }

  async recordDenunciation(
    actor: Actor,
    agreementId: string,
    dto: RecordDenunciationDto,
  ): Promise<{ denunciation: AgreementDenunciation; agreement: AgreementView }> {
    assertManager(actor);
    const visible = await this.agreements.findVisible(actor, agreementId);
    assertParty(visible, dto.partyCode);
    const today = this.agreements.todayFor(visible);
    const denunciation = await this.write(agreementId, async (em, agreement) => {
      const records = await this.records.loadOne(agreementId, em);
      const eif = agreementEntryIntoForce(agreement, records.notifications);
      // A text applied provisionally can be denounced from its signature; otherwise from its entry
      // into force (before it, a state withdraws its signature, which is not a denunciation).
      const appliesFrom: CalendarDate | null = agreement.provisionalApplication
        ? agreement.signedOn
        : eif.state === 'determined'
          ? eif.entryIntoForceOn
          : null;
      if (appliesFrom === null) {
        throw InvalidInput.field(
          'notifiedOn',
          'the agreement has not entered into force: it cannot be denounced yet',
        );
      }
      if (compareDates(dto.notifiedOn, appliesFrom) < 0) {
        throw InvalidInput.field(
          'notifiedOn',
          `cannot be before the entry into force (${appliesFrom})`,
        );
      }
      assertBetween('notifiedOn', dto.notifiedOn, appliesFrom, today);
      const notice =
        agreement.denunciationNoticeMonths === null
          ? null
          : { months: agreement.denunciationNoticeMonths };
      try {
        return await em.save(
          em.create(AgreementDenunciation, {
            agreementId,
            partyCode: dto.partyCode,
            notifiedOn: dto.notifiedOn,
            takesEffectOn: denunciationTakesEffectOn(dto.notifiedOn, notice),
            note: dto.note ?? null,
            withdrawnOn: null,
            recordedBy: actor.id,
          }),
        );
      } catch (e) {
        if (isUniqueViolation(e))
          throw new Conflict(`${dto.partyCode} has already denounced this agreement.`);
        throw e;
      }
    });
    return { denunciation, agreement: await this.agreements.get(actor, agreementId) };
  }

  /** Withdrawal of a denunciation before it takes effect (VCLT art. 68): the agreement goes on. */
  async withdrawDenunciation(
    actor: Actor,
    agreementId: string,
    denunciationId: string,
  ): Promise<AgreementView> {
    assertManager(actor);
    const visible = await this.agreements.findVisible(actor, agreementId);
    const today = this.agreements.todayFor(visible);
    await this.write(agreementId, async (em) => {
      const row = await em.findOneBy(AgreementDenunciation, { id: denunciationId, agreementId });
      if (!row || row.withdrawnOn !== null) throw new NotFound('Denunciation', denunciationId);
      if (compareDates(row.takesEffectOn, today) <= 0) {
        throw new Conflict(
          `The denunciation took effect on ${row.takesEffectOn}; it can no longer be withdrawn.`,
        );
      }
      await em.update(AgreementDenunciation, { id: row.id }, { withdrawnOn: today });
    });
    return this.agreements.get(actor, agreementId);
  }

  async timeline(actor: Actor, agreementId: string): Promise<{ items: TimelineEvent[] }> {
    const stored = await this.agreements.findVisible(actor, agreementId);
    const view = await this.agreements.get(actor, agreementId);
    const [records, renewals] = await Promise.all([
      this.records.loadOne(agreementId),
      this.dataSource
        .getRepository(AgreementRenewal)
        .find({ where: { agreementId }, order: { decidedOn: 'ASC' } }),
    ]);
    const amendmentDates = new Map(
      records.amendments.map((a) => {
        const eif = amendmentEntryIntoForce(a, stored.partyCodes, records.notifications);
        return [a.id, eif?.state === 'determined' ? eif.entryIntoForceOn : null];
      }),
    );
    return {
      items: lifecycleTimeline({
        view,
        records,
        amendmentEntryIntoForceOn: amendmentDates,
        renewals,
        today: this.agreements.todayFor(stored),
      }),
    };
  }

  /** Runs `change` with the agreement row locked, then rewrites its derived columns. */
  private async write<T>(
    agreementId: string,
    change: (em: EntityManager, agreement: Agreement) => Promise<T>,
  ): Promise<T> {
    return this.dataSource.transaction(async (em) => {
      const agreement = await this.records.lock(em, agreementId);
      const result = await change(em, agreement);
      await this.records.recompute(em, agreement);
      return result;
    });
  }
}

function assertManager(actor: Actor): void {
  if (!canManageProgramme(actor))
    throw new Forbidden('Only programme managers record amendments and denunciations.');
}

function assertParty(agreement: Pick<Agreement, 'partyCodes'>, partyCode: string): void {
  if (!agreement.partyCodes.includes(partyCode)) {
    throw InvalidInput.field(
      'partyCode',
      `is not a party to this agreement (${agreement.partyCodes.join(', ')})`,
    );
  }
}

function assertBetween(
  field: string,
  day: CalendarDate,
  from: CalendarDate,
  today: CalendarDate,
): void {
  if (compareDates(day, from) < 0) throw InvalidInput.field(field, `cannot be before ${from}`);
  if (compareDates(day, today) > 0)
    throw InvalidInput.field(field, `cannot be after today (${today})`);
}

function definedChanges(changes: object | undefined): AgreementAmendment['changes'] {
  return Object.fromEntries(Object.entries(changes ?? {}).filter(([, v]) => v !== undefined));
}
