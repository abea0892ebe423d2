import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import { Agreement } from '../agreement.entity';
import { AgreementAmendment } from './agreement-amendment.entity';
import { AgreementDenunciation } from './agreement-denunciation.entity';
import { storedLifecycleColumns } from './agreement-lifecycle';
import { AgreementNotification } from './agreement-notification.entity';

/** An agreement's notifications, amendments and denunciations, as stored. */
export interface StoredLifecycleRecords {
  notifications: AgreementNotification[];
  amendments: AgreementAmendment[];
  denunciations: AgreementDenunciation[];
}

const empty = (): StoredLifecycleRecords => ({
  notifications: [],
  amendments: [],
  denunciations: [],
});

/**
 * Reads the lifecycle records (three indexed reads for any number of agreements, so a page of the list
 * costs the same as one agreement) and rewrites the agreement's derived columns after a change.
 */
@Injectable()
export class LifecycleRecordsStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async load(
    agreementIds: string[],
    em: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, StoredLifecycleRecords>> {
    const byAgreement = new Map(agreementIds.map((id) => [id, empty()]));
    if (agreementIds.length === 0) return byAgreement;
    const where = { agreementId: In(agreementIds) };
    // One after the other: inside a transaction they share one connection.
    const notifications = await em.find(AgreementNotification, {
      where,
      order: { notifiedOn: 'ASC', recordedAt: 'ASC' },
    });
    const amendments = await em.find(AgreementAmendment, {
      where,
      order: { signedOn: 'ASC', createdAt: 'ASC' },
    });
    const denunciations = await em.find(AgreementDenunciation, {
      where,
      order: { notifiedOn: 'ASC', recordedAt: 'ASC' },
    });
    for (const n of notifications) byAgreement.get(n.agreementId)?.notifications.push(n);
    for (const a of amendments) byAgreement.get(a.agreementId)?.amendments.push(a);
    for (const d of denunciations) byAgreement.get(d.agreementId)?.denunciations.push(d);
    return byAgreement;
  }

  async loadOne(agreementId: string, em?: EntityManager): Promise<StoredLifecycleRecords> {
    return (await this.load([agreementId], em)).get(agreementId) ?? empty();
  }

  /** The agreement row, locked until the end of the transaction `em` belongs to. */
  lock(em: EntityManager, agreementId: string): Promise<Agreement> {
    return em
      .getRepository(Agreement)
      .createQueryBuilder('a')
      .setLock('pessimistic_write')
      .where('a.id = :id', { id: agreementId })
      .getOneOrFail();
  }

  /**
   * Rewrites entry into force, term, denunciation and status from the records, in the transaction that
   * changed them (so the sweeps never read a half-updated agreement), and bumps the version.
   */
  async recompute(em: EntityManager, agreement: Agreement): Promise<void> {
    const records = await this.loadOne(agreement.id, em);
    await em.update(
      Agreement,
      { id: agreement.id },
      { ...storedLifecycleColumns(agreement, records), version: agreement.version + 1 },
    );
  }
}
