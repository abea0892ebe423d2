import { plainToInstance, Transform } from 'class-transformer';
import {
  IsIn,
  IsInt,
  IsOptional,
  IsString,
  Matches,
  Max,
  Min,
  MinLength,
  validateSync,
} from 'class-validator';

/** Environment values are strings; numeric settings are validated as numbers. */
const toNumber = ({ value }: { value: unknown }) => (value === undefined ? value : Number(value));

const DEV_JWT_SECRET = 'accords-development-secret-not-for-production';
/** Published in the README: the seed refuses it in production (see seed-policy.ts). */
export const DEMO_SEED_PASSWORD = 'accords-demo';

/**
 * The process environment, validated once at start. Every entry point (api, worker, seed, CLI data
 * source) reads configuration through `loadConfig`, so a missing or malformed variable stops the
 * process with its name before anything connects anywhere.
 */
export class AppConfig {
  @IsIn(['development', 'test', 'production'])
  NODE_ENV: 'development' | 'test' | 'production' = 'development';

  @Matches(/^postgres(ql)?:\/\/\S+$/, { message: 'must be a postgres:// URL' })
  DATABASE_URL = 'postgres://postgres@127.0.0.1:5432/accords';

  @Matches(/^rediss?:\/\/\S+$/, { message: 'must be a redis:// URL' })
  REDIS_URL = 'redis://127.0.0.1:6379';

  /** Prefix for every Redis key this deployment writes (rate limits, queues); tests use one per run. */
  @Matches(/^[A-Za-z0-9_.-]+$/, { message: 'may only contain letters, digits, _ . -' })
  REDIS_PREFIX = 'accords';

  @Transform(toNumber)
  @IsInt()
  @Min(0)
  @Max(65535)
  PORT = 3000;

  @IsOptional()
  @IsString()
  @MinLength(16, { message: 'must be at least 16 characters' })
  JWT_SECRET?: string;

  @Matches(/^\d+[smhd]$/, { message: 'must look like 15m, 12h or 7d' })
  JWT_TTL = '12h';

  @Matches(/^smtps?:\/\/\S+$/, { message: 'must be an smtp:// URL' })
  SMTP_URL = 'smtp://127.0.0.1:1025';

  @IsString()
  @MinLength(3)
  MAIL_FROM = 'Accords <no-reply@accords.example>';

  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  REMINDER_SWEEP_EVERY_MS = 60000;

  @IsString()
  @MinLength(8)
  SEED_PASSWORD = DEMO_SEED_PASSWORD;

  /** In production the seed creates the demo accounts only when this is `true` (and SEED_PASSWORD is set). */
  @IsIn(['true', 'false'], { message: 'must be true or false' })
  SEED_DEMO: 'true' | 'false' = 'false';

  /** Failed logins allowed per email and client address within LOGIN_WINDOW_SECONDS before 429. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  LOGIN_MAX_FAILURES = 5;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  LOGIN_WINDOW_SECONDS = 900;

  /**
   * Failed logins allowed per client address over all emails per minute (each costs an argon2
   * computation, even for an unknown email) before 429.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  LOGIN_ADDRESS_MAX_FAILURES = 10;

  /** Failed logins allowed per minute across the whole deployment before 503. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  LOGIN_GLOBAL_MAX_FAILURES = 300;

  /**
   * API-wide rate limits, counted in Redis (shared by every api instance) per RATE_LIMIT_WINDOW_SECONDS:
   * requests per signed-in user (a valid bearer token), and per client address for everything else.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_TOKEN = 600;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  RATE_LIMIT_PER_ADDRESS = 1200;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(86400)
  RATE_LIMIT_WINDOW_SECONDS = 60;

  /**
   * Largest evidence file (bytes) an upload takes; a larger one is refused with 413 and nothing is
   * stored. Files live in PostgreSQL (stored_files), read whole: keep it to documents, not video.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(1024)
  @Max(512 * 1024 * 1024)
  EVIDENCE_MAX_BYTES = 25 * 1024 * 1024;

  /** Delivery attempts per notification (exponential backoff between them) before it is `failed`. */
  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(50)
  DELIVERY_ATTEMPTS = 6;

  /** First retry delay; each further retry doubles it. */
  @Transform(toNumber)
  @IsInt()
  @Min(10)
  DELIVERY_BACKOFF_MS = 30000;

  /**
   * How long a worker holds a delivery (BullMQ job lock and the row's lease). Must outlive the slowest
   * send (SMTP_TIMEOUT_MS, WEBHOOK_TIMEOUT_MS) by DELIVERY_LEASE_MARGIN_MS: checked at start.
   */
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  DELIVERY_LOCK_MS = 30000;

  @Transform(toNumber)
  @IsInt()
  @Min(1)
  @Max(100)
  DELIVERY_CONCURRENCY = 5;

  /** Longest one mail may take, connection to acceptance; a slower send fails and is retried. */
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  SMTP_TIMEOUT_MS = 10000;

  /** Longest one webhook call may take, connection to complete answer. */
  @Transform(toNumber)
  @IsInt()
  @Min(100)
  WEBHOOK_TIMEOUT_MS = 10000;

  /** A row still pending this long after it was enqueued is enqueued again by the sweep. */
  @Transform(toNumber)
  @IsInt()
  @Min(0)
  REMINDER_REQUEUE_GRACE_MS = 300000;

  /**
   * Comma-separated host names or addresses that webhooks may target even though they are loopback or
   * private (tests, an on-premises receiver). Empty in production.
   */
  @IsString()
  WEBHOOK_ALLOWED_HOSTS = '';

  /**
   * Which proxies' X-Forwarded-For to believe for the client address (login rate limit): empty = none
   * (the socket address), `true` (any: only behind a proxy that overwrites the header), or
   * comma-separated addresses/CIDRs of the proxies.
   */
  @IsString()
  TRUST_PROXY = '';

  /** The worker's health port (GET /health); 0 picks a free port, -1 turns it off. */
  @Transform(toNumber)
  @IsInt()
  @Min(-1)
  @Max(65535)
  WORKER_HEALTH_PORT = 3001;

  /** Public base URL used in links (mail, calendar feeds). */
  @Matches(/^https?:\/\/\S+$/, { message: 'must be an http(s) URL' })
  PUBLIC_URL = 'http://localhost:3000';

  /** The worker's Chromium, which prints committee packs (Debian's `chromium` package). */
  @Matches(/^\/\S+$/, { message: 'must be an absolute path' })
  CHROMIUM_PATH = '/usr/bin/chromium';

  /** Longest a committee pack may take to print before the job fails (and BullMQ retries it). */
  @Transform(toNumber)
  @IsInt()
  @Min(1000)
  PACK_RENDER_TIMEOUT_MS = 60000;

  /** TRUST_PROXY in the form Fastify takes. */
  get trustProxy(): boolean | string[] {
    const value = this.TRUST_PROXY.trim();
    if (value === '' || value === 'false') return false;
    if (value === 'true') return true;
    return value.split(',').map((v) => v.trim());
  }

  get jwtSecret(): string {
    // Validation guarantees a secret exists outside development and test.
    return this.JWT_SECRET ?? DEV_JWT_SECRET;
  }
}

export class ConfigError extends Error {}

/** What a delivery does besides the send itself (claim, reading the subject, marking the row). */
export const DELIVERY_LEASE_MARGIN_MS = 1000;

/**
 * A delivery's lease must outlive its slowest send: were it to expire first, another worker could claim
 * the row and send the message a second time while the first send is still running.
 */
export function deliveryLeaseProblem(
  config: Pick<AppConfig, 'DELIVERY_LOCK_MS' | 'SMTP_TIMEOUT_MS' | 'WEBHOOK_TIMEOUT_MS'>,
): string | null {
  const slowest = Math.max(config.SMTP_TIMEOUT_MS, config.WEBHOOK_TIMEOUT_MS);
  const needed = slowest + DELIVERY_LEASE_MARGIN_MS;
  return config.DELIVERY_LOCK_MS >= needed
    ? null
    : `DELIVERY_LOCK_MS: must be at least ${needed} (the slowest channel timeout, ${slowest} ms, plus ${DELIVERY_LEASE_MARGIN_MS} ms), got ${config.DELIVERY_LOCK_MS}`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const known = Object.keys(new AppConfig());
  const raw: Record<string, string> = {};
  for (const key of [...known, 'JWT_SECRET']) {
    const value = env[key];
    if (value !== undefined && value !== '') raw[key] = value;
  }
  const config = plainToInstance(AppConfig, raw, { exposeDefaultValues: true });
  const problems = validateSync(config).map(
    (e) => `${e.property}: ${Object.values(e.constraints ?? {}).join(', ')}`,
  );
  const lease = problems.length === 0 ? deliveryLeaseProblem(config) : null;
  if (lease) problems.push(lease);
  if (!config.JWT_SECRET && config.NODE_ENV === 'production') {
    problems.push('JWT_SECRET: is required when NODE_ENV is production');
  }
  if (problems.length > 0) {
    throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  return config;
}
