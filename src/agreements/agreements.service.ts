import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { InvalidInput, NotFound, VersionConflict } from '../common/errors/domain-errors';
import { Page, PageQueryDto } from '../common/pagination/page-query.dto';
import { addDays, compareDates, todayIn } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import { mergeTranslations } from '../common/i18n/translations';
import { AppConfig } from '../config/app-config';
import { PartiesService } from '../parties/parties.service';
import { AgreementQueries } from './agreement-queries';
import { effectiveAgreement } from './agreement-terms';
import { Agreement, type EntryIntoForceBasis } from './agreement.entity';
import { lifecycleOn, storedLifecycleColumns } from './lifecycle/agreement-lifecycle';
import { checkedCount } from './lifecycle/clause-input';
import { LifecycleRecordsStore, type StoredLifecycleRecords } from './lifecycle/lifecycle-records';
import { AgreementView, toAgreementView } from './agreement-view';
import { TacitRenewals } from './tacit-renewals';
import type { PublicAgreementView } from './public-agreement';

import { CreateAgreementDto } from './dto/create-agreement.dto';
import { UpdateAgreementDto } from './dto/update-agreement.dto';

/** Public tokens are 64 hex digits (two random UUIDs without dashes). */
const PUBLIC_TOKEN = /^[0-9a-f]{64}$/;

/** Columns the database or storedTermColumns fills in, never the caller. */
type StoredOrGenerated =
  'id' | 'version' | 'createdAt' | 'updatedAt' | 'expiresOn' | 'noticeDeadlineOn' | 'publicToken';

@Injectable()
export class AgreementsService {
  constructor(
    @InjectRepository(Agreement) private readonly agreements: Repository<Agreement>,
    private readonly parties: PartiesService,
    private readonly tacitRenewals: TacitRenewals,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly lifecycleRecords: LifecycleRecordsStore,
    private readonly queries: AgreementQueries,
  ) {}

  async list(actor: Actor, query: PageQueryDto): Promise<Page<AgreementView>> {
    const [rows, total] = await this.queries.listVisible(actor, query);
    const records = await this.lifecycleRecords.load(rows.map((row) => row.id));
    const items = rows.map((row) => this.view(row, records.get(row.id)));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  /** A read: the term includes tacit renewals already due, computed, never written (see view). */
  async get(actor: Actor, id: string): Promise<AgreementView> {
    const agreement = await this.findVisible(actor, id);
    return this.view(agreement, await this.lifecycleRecords.loadOne(id));
  }

  /**
   * The public summary behind an agreement's unguessable address. Unknown or malformed tokens are the
   * same NotFound, so the answer says nothing about which tokens exist.
   */
  async publicSummary(token: string): Promise<PublicAgreementView> {
    const agreement = PUBLIC_TOKEN.test(token)
      ? await this.agreements.findOneBy({ publicToken: token })
      : null;
    if (!agreement) throw new NotFound('Agreement', 'public');
    const view = this.view(agreement);
    const parties = await this.parties.directory();
    return {
      kind: view.kind,
      title: view.title,
      titles: Object.fromEntries(
        Object.entries(view.translations)
          .filter(([, text]) => text?.title)
          .map(([language, text]) => [language, text!.title]),
      ),
      parties: view.partyCodes.map((code) => ({
        code,
        name: parties.get(code)?.name ?? code,
        names: parties.get(code)?.names ?? {},
      })),
      signedOn: view.signedOn,
      entryIntoForceOn: view.entryIntoForceOn,
      expiresOn: view.expiresOn,
      status: view.status,
    };
  }

  /**
   * Records the tacit renewals due on the agreement before a write that depends on its term (a renewal
   * decision), so that the decision applies to the current term. Answers the stored row after it.
   */
  async settleTacitRenewals(agreement: Agreement): Promise<Agreement> {
    return this.tacitRenewals.applyIfDue(agreement, this.todayFor(agreement));
  }

  /** Throws a validation error naming `field` unless every id is an existing agreement. */
  async assertExist(ids: string[], field: string): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    if ((await this.agreements.countBy({ id: In(unique) })) !== unique.length) {
      throw InvalidInput.field(field, 'contains an unknown agreement id');
    }
  }

  /** The agreement, if it exists and the caller may read it; otherwise NotFound (never 403). */
  async findVisible(actor: Actor, id: string): Promise<Agreement> {
    const agreement = await this.queries.findVisible(actor, id);
    if (!agreement) throw new NotFound('Agreement', id);
    return agreement;
  }

  async create(dto: CreateAgreementDto): Promise<AgreementView> {
    await this.parties.assertKnownCodes(dto.partyCodes, 'partyCodes');
    const clause = clauseFromInput(dto.entryIntoForce, dto.entryIntoForceOn);
    const entryIntoForceOn = dto.entryIntoForceOn ?? dto.signedOn;
    assertEntryNotBeforeSignature(dto.signedOn, entryIntoForceOn);
    const saved = await this.agreements.save(
      this.withStoredTerm({
        kind: dto.kind,
        title: dto.title,
        translations: mergeTranslations({}, dto.translations),
        documentUrl: dto.documentUrl ?? null,
        reference: dto.reference ?? null,
        partyCodes: dto.partyCodes,
        signedOn: dto.signedOn,
        entryIntoForceOn,
        durationMonths: dto.durationMonths,
        renewalMode: dto.renewal.mode,
        renewalTermMonths: dto.renewal.termMonths ?? null,
        noticeDays: dto.renewal.noticeDays ?? null,
        status: dto.status ?? 'in_force',
        timeZone: dto.timeZone ?? 'Africa/Casablanca',
        extendedMonths: 0,
        nonRenewalNoticeOn: null,
        entryIntoForceBasis: clause.basis,
        entryIntoForceCount: clause.count,
        provisionalApplication: dto.provisionalApplication ?? false,
        denunciationNoticeMonths: dto.denunciationNoticeMonths ?? null,
        denunciationTakesEffectOn: null,
      }),
    );
    // The public token is the database's default: read the row back to have it.
    return this.view(
      await this.agreements.findOneByOrFail({ id: saved.id }),
      await this.lifecycleRecords.loadOne(saved.id),
    );
  }

  async update(actor: Actor, id: string, dto: UpdateAgreementDto): Promise<AgreementView> {
    const current = await this.findVisible(actor, id);
    if (dto.partyCodes) await this.parties.assertKnownCodes(dto.partyCodes, 'partyCodes');
    const signedOn = dto.signedOn ?? current.signedOn;
    const entryIntoForceOn = dto.entryIntoForceOn ?? current.entryIntoForceOn;
    const clause =
      dto.entryIntoForce !== undefined
        ? clauseFromInput(dto.entryIntoForce, dto.entryIntoForceOn)
        : { basis: current.entryIntoForceBasis, count: current.entryIntoForceCount };
    if (dto.entryIntoForceOn !== undefined && clause.basis !== 'typed') {
      throw InvalidInput.field(
        'entryIntoForceOn',
        `is computed under the clause "${clause.basis}", not typed`,
      );
    }
    if (clause.basis === 'typed') assertEntryNotBeforeSignature(signedOn, entryIntoForceOn);
    const expectedVersion = dto.version ?? current.version;
    const changes: Partial<Agreement> = {
      ...(dto.kind !== undefined && { kind: dto.kind }),
      ...(dto.title !== undefined && { title: dto.title }),
      ...(dto.reference !== undefined && { reference: dto.reference }),
      ...(dto.translations !== undefined && {
        translations:
          dto.translations === null
            ? {}
            : mergeTranslations(current.translations, dto.translations),
      }),
      ...(dto.documentUrl !== undefined && { documentUrl: dto.documentUrl }),
      ...(dto.partyCodes !== undefined && { partyCodes: dto.partyCodes }),
      ...(dto.signedOn !== undefined && { signedOn }),
      ...(dto.entryIntoForceOn !== undefined && { entryIntoForceOn }),
      ...(dto.durationMonths !== undefined && { durationMonths: dto.durationMonths }),
      ...(dto.renewal !== undefined && {
        renewalMode: dto.renewal.mode,
        renewalTermMonths: dto.renewal.termMonths ?? null,
        noticeDays: dto.renewal.noticeDays ?? null,
      }),
      ...(dto.status !== undefined && { status: dto.status }),
      ...(dto.timeZone !== undefined && { timeZone: dto.timeZone }),
      ...(dto.entryIntoForce !== undefined && {
        entryIntoForceBasis: clause.basis,
        entryIntoForceCount: clause.count,
      }),
      ...(dto.provisionalApplication !== undefined && {
        provisionalApplication: dto.provisionalApplication,
      }),
      ...(dto.denunciationNoticeMonths !== undefined && {
        denunciationNoticeMonths: dto.denunciationNoticeMonths,
      }),
    };
    // Entry into force, term and status follow from the clause and the records, as after a notification.
    const records = await this.lifecycleRecords.loadOne(id);
    if (dto.signedOn !== undefined) assertSignedBeforeRecords(dto.signedOn, records);
    const term = storedLifecycleColumns({ ...current, ...changes }, records);
    const result = await this.agreements
      .createQueryBuilder()
      .update(Agreement)
      .set({ ...changes, ...term, version: () => 'version + 1' })
      .where('id = :id AND version = :expectedVersion', { id, expectedVersion })
      .execute();
    if (result.affected === 0) {
      const now = await this.agreements.findOneByOrFail({ id });
      throw new VersionConflict('Agreement', expectedVersion, now.version);
    }
    return this.get(actor, id);
  }

  private withStoredTerm(fields: Omit<Agreement, StoredOrGenerated>): Agreement {
    return this.agreements.create({
      ...fields,
      ...storedLifecycleColumns(fields, { notifications: [], amendments: [], denunciations: [] }),
    });
  }

  /**
   * Applies every tacit renewal whose notice deadline has passed (the reminder sweep calls this, so
   * renewals happen even when nobody reads the agreement). Answers how many agreements were renewed.
   */
  async applyDueTacitRenewals(): Promise<number> {
    const tomorrowUtc = addDays(this.clock.now().toISOString().slice(0, 10), 1);
    const candidates = await this.agreements
      .createQueryBuilder('a')
      .where(`a.renewal_mode = 'tacit' AND a.non_renewal_notice_on IS NULL`)
      .andWhere(`a.status IN ('in_force', 'renewed') AND a.notice_deadline_on < :tomorrowUtc`, {
        tomorrowUtc,
      })
      .getMany();
    let renewed = 0;
    for (const agreement of candidates) {
      const after = await this.tacitRenewals.applyIfDue(agreement, this.todayFor(agreement));
      if (after.extendedMonths !== agreement.extendedMonths) renewed++;
    }
    return renewed;
  }

  todayFor(agreement: Pick<Agreement, 'timeZone'>) {
    return todayIn(agreement.timeZone, this.clock.now());
  }

  /**
   * Reads never write: tacit renewals that have fallen due are part of the view (effectiveAgreement)
   * but recorded only by the reminder sweep (applyDueTacitRenewals) or a renewal decision.
   */
  private view(agreement: Agreement, records?: StoredLifecycleRecords): AgreementView {
    const today = this.todayFor(agreement);
    const computed = records && lifecycleOn(agreement, records, today);
    const lifecycle = computed && {
      ...computed,
      notifications: records.notifications,
      denunciations: records.denunciations,
      // Each amendment as recorded, with its computed entry into force (same order).
      amendments: computed.amendments.map((state, i) => ({ ...records.amendments[i], ...state })),
    };
    return toAgreementView(
      effectiveAgreement(agreement, today),
      today,
      this.config.PUBLIC_URL,
      lifecycle,
    );
  }
}

/**
 * The clause an agreement is created or changed with. Without one: a typed date stays `typed` (the
 * legacy mode), no date means `signature` (what "defaults to signedOn" always meant).
 */
function clauseFromInput(
  clause: { basis: EntryIntoForceBasis; count?: number } | undefined,
  entryIntoForceOn: string | undefined,
): { basis: EntryIntoForceBasis; count: number | null } {
  if (clause === undefined) {
    return { basis: entryIntoForceOn === undefined ? 'signature' : 'typed', count: null };
  }
  if (clause.basis !== 'typed' && entryIntoForceOn !== undefined) {
    throw InvalidInput.field(
      'entryIntoForceOn',
      `is computed under the clause "${clause.basis}", not typed`,
    );
  }
  if (clause.basis === 'typed' && entryIntoForceOn === undefined) {
    throw InvalidInput.field('entryIntoForceOn', 'is required with the clause "typed"');
  }
  return {
    basis: clause.basis,
    count: checkedCount(clause.basis, clause.count, 'entryIntoForce.count'),
  };
}

function assertEntryNotBeforeSignature(signedOn: string, entryIntoForceOn: string) {
  if (compareDates(entryIntoForceOn, signedOn) < 0) {
    throw InvalidInput.field('entryIntoForceOn', 'cannot be before signedOn');
  }
}

/** A signature moved after a notification or amendment already recorded would make them impossible. */
function assertSignedBeforeRecords(signedOn: string, records: StoredLifecycleRecords): void {
  const earliest = [
    ...records.notifications.map((n) => n.notifiedOn),
    ...records.amendments.map((a) => a.signedOn),
  ].sort()[0];
  if (earliest !== undefined && compareDates(signedOn, earliest) > 0) {
    throw InvalidInput.field(
      'signedOn',
      `cannot be after a notification or amendment already recorded (${earliest})`,
    );
  }
}
