/** Every queue and job name in one place. */
export const QUEUES = {
  /** Scheduled work: the reminder sweep and the weekly digest planner. */
  reminders: 'reminders',
  /** One job per notification row: send one mail or one webhook call. */
  deliveries: 'deliveries',
  /** One job per committee pack request: print the PDF with Chromium (meeting-packs). */
  packs: 'packs',
} as const;

export const JOBS = {
  sweep: 'sweep',
  digest: 'digest',
  deliver: 'deliver',
  printPack: 'print-pack',
} as const;

/**
 * Which job names each queue carries. The worker refuses to start unless each has a handler, and fails
 * any job whose name is not listed here rather than guessing what it meant.
 */
export const QUEUE_JOBS: Record<(typeof QUEUES)[keyof typeof QUEUES], readonly string[]> = {
  [QUEUES.reminders]: [JOBS.sweep, JOBS.digest],
  [QUEUES.deliveries]: [JOBS.deliver],
  [QUEUES.packs]: [JOBS.printPack],
};

/** Job scheduler ids: one id each, so N workers upserting them still give one schedule. */
export const SCHEDULERS = {
  sweep: 'reminder-sweep',
  digest: 'weekly-digest',
} as const;

/** BullMQ job id of a notification's delivery: derived from the row, so a second enqueue is a no-op. */
export const deliveryJobId = (notificationId: string) => `notification-${notificationId}`;

/** BullMQ job id of a pack request: the meeting and the request's number, so a retry is the same job. */
export const packJobId = (meetingId: string, requestNo: number) => `pack-${meetingId}-${requestNo}`;

/**
 * BullMQ key prefix. The braces are a Redis Cluster hash tag: every key of every queue lands in one
 * slot, which BullMQ's multi-key scripts need on a cluster.
 */
export const bullPrefix = (redisPrefix: string) => `{${redisPrefix}}`;
