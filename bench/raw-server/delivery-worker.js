'use strict';
/**
 * The raw delivery loop of the bench: a BullMQ worker that takes a notification row (the same lease
 * as Accords' claim), reads what the mail is about, sends it with nodemailer and marks the row sent.
 * Two of these run side by side, like Accords' two worker processes, with the same concurrency.
 *   DATABASE_URL=… REDIS_URL=… QUEUE_PREFIX=… SMTP_URL=… CONCURRENCY=5 node delivery-worker.js
 */
const { Worker } = require('bullmq');
const IORedis = require('ioredis');
const nodemailer = require('nodemailer');
const pg = require('pg');

const pool = new pg.Pool({ connectionString: process.env.DATABASE_URL, max: 10 });
// Pooled like Accords' MailChannel (nodemailer's default of 5 connections). The options go in the first
// argument: a second one is the messages' defaults, which is how an earlier version of this file sent
// every mail over a new connection and made the baseline look half as fast as it is.
const mail = nodemailer.createTransport({
  url: process.env.SMTP_URL,
  pool: true,
  maxConnections: 5,
});
const connection = new IORedis(process.env.REDIS_URL, { maxRetriesPerRequest: null });

const worker = new Worker(
  'raw-deliveries',
  async (job) => {
    const { rows } = await pool.query(
      `UPDATE notifications n SET attempts = attempts + 1, locked_until = now() + interval '30 seconds'
        WHERE n.id = $1 AND n.status = 'pending'
        RETURNING n.id, n.recipient_address,
          (SELECT a.title FROM activities a WHERE a.id = n.subject_id) AS title,
          to_char(n.due_on, 'YYYY-MM-DD') AS due_on`,
      [job.data.id],
    );
    const row = rows[0];
    if (!row) return;
    await mail.sendMail({
      from: 'Accords <no-reply@accords.example>',
      to: row.recipient_address,
      subject: `Reminder: ${row.title} is due on ${row.due_on}`,
      text: `${row.title}\nDue on ${row.due_on}.`,
      messageId: `<notification-${row.id}@accords.example>`,
    });
    await pool.query(
      `UPDATE notifications SET status = 'sent', sent_at = now(), locked_until = NULL WHERE id = $1`,
      [row.id],
    );
  },
  {
    connection,
    prefix: process.env.QUEUE_PREFIX,
    concurrency: Number(process.env.CONCURRENCY || 5),
  },
);

async function close() {
  await worker.close();
  mail.close();
  await pool.end();
  connection.disconnect();
  process.exit(0);
}
process.once('SIGTERM', close);
process.once('SIGINT', close);
