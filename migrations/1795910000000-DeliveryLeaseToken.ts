import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A fencing token per delivery lease: a worker whose lease expired while it was still sending can no
 * longer mark the row, because a later claim wrote a new token.
 */
export class DeliveryLeaseToken1795910000000 implements MigrationInterface {
  name = 'DeliveryLeaseToken1795910000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications ADD COLUMN lease_token uuid`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP COLUMN lease_token`);
  }
}
