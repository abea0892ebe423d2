import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { agreementScope, canSeeAgreement } from '../common/auth/permissions';
import { agreementScopeCondition } from '../common/auth/scope-sql';
import { InvalidInput, NotFound, VersionConflict } from '../common/errors/domain-errors';
import { Page, PageQueryDto, pageOffset } from '../common/pagination/page-query.dto';
import { addDays, compareDates, todayIn } from '../common/time/calendar-date';
import { Clock } from '../common/time/clock';
import { mergeTranslations } from '../common/i18n/translations';
import { AppConfig } from '../config/app-config';
import { PartiesService } from '../parties/parties.service';
import { storedTermColumns } from './agreement-terms';
import { Agreement } from './agreement.entity';
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
  ) {}

  async list(actor: Actor, query: PageQueryDto): Promise<Page<AgreementView>> {
    const scope = agreementScopeCondition(agreementScope(actor), 'a');
    const [rows, total] = await this.agreements
      .createQueryBuilder('a')
      .where(scope.sql, scope.params)
      .orderBy('a.signed_on', 'DESC')
      .addOrderBy('a.id')
      .skip(pageOffset(query))
      .take(query.pageSize)
      .getManyAndCount();
    const items = await Promise.all(rows.map((row) => this.view(row)));
    return { items, total, page: query.page, pageSize: query.pageSize };
  }

  async get(actor: Actor, id: string): Promise<AgreementView> {
    return this.view(await this.findVisible(actor, id));
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
    const [view, parties] = await Promise.all([this.view(agreement), this.parties.directory()]);
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
    const agreement = await this.agreements.findOneBy({ id });
    if (!agreement || !canSeeAgreement(actor, agreement)) throw new NotFound('Agreement', id);
    return agreement;
  }

  async create(dto: CreateAgreementDto): Promise<AgreementView> {
    await this.parties.assertKnownCodes(dto.partyCodes, 'partyCodes');
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
      }),
    );
    // The public token is the database's default: read the row back to have it.
    return this.view(await this.agreements.findOneByOrFail({ id: saved.id }));
  }

  async update(actor: Actor, id: string, dto: UpdateAgreementDto): Promise<AgreementView> {
    const current = await this.findVisible(actor, id);
    if (dto.partyCodes) await this.parties.assertKnownCodes(dto.partyCodes, 'partyCodes');
    const signedOn = dto.signedOn ?? current.signedOn;
    const entryIntoForceOn = dto.entryIntoForceOn ?? current.entryIntoForceOn;
    assertEntryNotBeforeSignature(signedOn, entryIntoForceOn);
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
    };
    const term = storedTermColumns({ ...current, ...changes });
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
    return this.agreements.create({ ...fields, ...storedTermColumns(fields) });
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

  /** Applies any tacit renewal that has fallen due before computing the view. */
  private async view(agreement: Agreement): Promise<AgreementView> {
    const today = this.todayFor(agreement);
    const current = await this.tacitRenewals.applyIfDue(agreement, today);
    return toAgreementView(current, today, this.config.PUBLIC_URL);
  }
}

function assertEntryNotBeforeSignature(signedOn: string, entryIntoForceOn: string) {
  if (compareDates(entryIntoForceOn, signedOn) < 0) {
    throw InvalidInput.field('entryIntoForceOn', 'cannot be before signedOn');
  }
}
