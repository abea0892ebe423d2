import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Redis from 'ioredis';
import { waitFor } from './wait';

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/**
 * A redis-server of the suite's own on a free loopback port, so that a test may restart or wipe it
 * without touching the shared one. No persistence unless asked: `restart({ keepData: true })` saves a
 * snapshot on shutdown and loads it again, like a restart of a persistent Redis.
 */
export class OwnRedis {
  private process: ChildProcess | null = null;
  private readonly dir = mkdtempSync(path.join(tmpdir(), 'accords-redis-'));

  private constructor(readonly port: number) {}

  static async start(): Promise<OwnRedis> {
    const redis = new OwnRedis(await freePort());
    await redis.launch();
    return redis;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  /** A short-lived client for one command. */
  async command<T>(work: (client: Redis) => Promise<T>): Promise<T> {
    const client = new Redis(this.url, { maxRetriesPerRequest: 1, lazyConnect: true });
    try {
      await client.connect();
      return await work(client);
    } finally {
      client.disconnect();
    }
  }

  /** Stops the server (saving a snapshot when `keepData`) and starts it again on the same port. */
  async restart(options: { keepData: boolean; downMs?: number }): Promise<void> {
    await this.shutdown(options.keepData);
    if (!options.keepData) rmSync(path.join(this.dir, 'dump.rdb'), { force: true });
    await new Promise((r) => setTimeout(r, options.downMs ?? 0));
    await this.launch();
  }

  /** Takes the server down (no snapshot) until `resume`, leaving its clients to find it gone. */
  async pause(): Promise<void> {
    await this.shutdown(false);
  }

  /** Starts the server again on the same port, empty. */
  async resume(): Promise<void> {
    await this.launch();
  }

  async stop(): Promise<void> {
    await this.shutdown(false);
    rmSync(this.dir, { recursive: true, force: true });
  }

  private async launch(): Promise<void> {
    const child = spawn(
      'redis-server',
      [
        ...['--port', String(this.port), '--bind', '127.0.0.1', '--dir', this.dir],
        ...['--save', '', '--appendonly', 'no'],
      ],
      { stdio: 'ignore' },
    );
    this.process = child;
    await waitFor(
      `redis-server on port ${this.port}`,
      () =>
        this.command((c) => c.ping())
          .then((pong) => pong === 'PONG')
          .catch(() => false),
      10000,
      100,
    );
  }

  private async shutdown(save: boolean): Promise<void> {
    const child = this.process;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    // The server closes the connection as it exits: the command's own answer never comes.
    await this.command((c) => c.call('SHUTDOWN', save ? 'SAVE' : 'NOSAVE')).catch(() => undefined);
    await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
    if (child.exitCode === null) child.kill('SIGKILL');
    this.process = null;
  }
}
