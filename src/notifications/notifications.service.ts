import { Clock } from '../common/time/clock';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import type { Actor } from '../common/auth/actor';
import { canManageProgramme } from '../common/auth/permissions';
import { Page, pageOffset } from '../common/pagination/page-query.dto';
import { ListNotificationsQuery } from './dto/list-notifications.query';
import { Notification } from './notification.entity';

export type NotificationView = Notification & {
  /**
   * Set while a pending delivery waits for its recipient's sending window (working hours in their
   * zone): the instant it may go. Null once it may be sent, or when it is no longer pending.
   */
  heldUntil: Date | null;
};

export function heldUntil(n: Pick<Notification, 'status' | 'notBefore'>, now: Date): Date | null {
  return n.status === 'pending' && n.notBefore.getTime() > now.getTime() ? n.notBefore : null;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

@Injectable()
export class NotificationsService {
  constructor(
    @InjectRepository(Notification) private readonly notifications: Repository<Notification>,
    private readonly clock: Clock,
  ) {}

  /** Programme managers and admins see every delivery; anyone else only their own. */
  async list(actor: Actor, query: ListNotificationsQuery): Promise<Page<NotificationView>> {
    const qb = this.notifications.createQueryBuilder('n');
    if (!canManageProgramme(actor)) qb.andWhere('n.recipient_id = :self', { self: actor.id });
    if (query.status) qb.andWhere('n.status = :status', { status: query.status });
    if (query.subject) qb.andWhere('n.subject_id = :subject', { subject: query.subject });
    if (query.recipient) {
      qb.andWhere(
        UUID.test(query.recipient)
          ? 'n.recipient_id = :recipient'
          : 'lower(n.recipient_address) = lower(:recipient)',
        { recipient: query.recipient },
      );
    }
    if (query.rule) {
      qb.andWhere(query.rule.includes(':') ? 'n.rule = :rule' : 'n.rule_kind = :rule', {
        rule: query.rule,
      });
    }
    const [items, total] = await qb
      .orderBy('n.created_at', 'DESC')
      .addOrderBy('n.id')
      .skip(pageOffset(query))
      .take(query.pageSize)
      .getManyAndCount();
    // Webhook URLs can carry secrets of the receiving system; only admins manage (and see) them.
    const now = this.clock.now();
    const visible = items.map((n): NotificationView => ({
      ...n,
      ...(actor.role !== 'admin' && n.channel === 'webhook' && { recipientAddress: 'webhook' }),
      heldUntil: heldUntil(n, now),
    }));
    return { items: visible, total, page: query.page, pageSize: query.pageSize };
  }
}
