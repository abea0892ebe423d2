import { Controller, Get, HttpStatus, Inject, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import type { FastifyReply } from 'fastify';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { Public } from '../common/auth/decorators';
import { REDIS } from '../redis/redis.module';

type Check = { status: 'up' | 'down'; error?: string };

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  /** 200 when PostgreSQL and Redis answer, 503 (with which one failed) otherwise. */
  @Public()
  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const [postgres, redis] = await Promise.all([
      probe(() => this.dataSource.query('SELECT 1')),
      probe(() => this.redis.ping()),
    ]);
    const checks = { postgres, redis };
    if (postgres.status === 'up' && redis.status === 'up') return { status: 'ok', checks };
    // Like every error answer, a failed check is problem+json (with the checks as an extension).
    void reply
      .status(HttpStatus.SERVICE_UNAVAILABLE)
      .header('Content-Type', 'application/problem+json');
    return {
      type: 'https://accords.example/problems/unavailable',
      title: 'Service unavailable',
      status: HttpStatus.SERVICE_UNAVAILABLE,
      detail: 'A backing service does not answer.',
      instance: '/api/health',
      checks,
    };
  }
}

async function probe(run: () => Promise<unknown>): Promise<Check> {
  try {
    await withTimeout(run(), 2000);
    return { status: 'up' };
  } catch (error) {
    return { status: 'down', error: (error as Error).message };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (v) => (clearTimeout(timer), resolve(v)),
      (e: unknown) => (clearTimeout(timer), reject(e as Error)),
    );
  });
}
