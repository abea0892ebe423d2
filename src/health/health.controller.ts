import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import { ApiServiceUnavailableResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { HealthChecks } from './health-checks';

@ApiTags('health')
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthChecks) {}

  /** 200 when PostgreSQL and Redis answer, 503 (with which one failed) otherwise. */
  @Public()
  @ApiServiceUnavailableResponse({
    description: 'PostgreSQL or Redis does not answer (`checks` says which).',
  })
  @Get()
  async check(@Res({ passthrough: true }) reply: FastifyReply) {
    const { healthy, checks } = await this.health.run();
    if (healthy) return { status: 'ok', checks };
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
