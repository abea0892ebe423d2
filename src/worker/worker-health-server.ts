import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { HealthChecks } from '../health/health-checks';

/**
 * The worker's only port: `GET /health` answers 200 when PostgreSQL and Redis answer, 503 otherwise,
 * for orchestrators' liveness and readiness probes. Plain node:http — the worker serves nothing else.
 */
@Injectable()
export class WorkerHealthServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('WorkerHealth');
  private server: http.Server | null = null;

  constructor(
    private readonly health: HealthChecks,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.WORKER_HEALTH_PORT < 0) return;
    this.server = http.createServer((request, response) => {
      if (request.method !== 'GET' || request.url !== '/health') {
        response.writeHead(404).end();
        return;
      }
      void this.health.run().then(({ healthy, checks }) => {
        response
          .writeHead(healthy ? 200 : 503, { 'Content-Type': 'application/json' })
          .end(JSON.stringify({ status: healthy ? 'ok' : 'degraded', checks }));
      });
    });
    const server = this.server;
    const listening = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen(this.config.WORKER_HEALTH_PORT, '0.0.0.0', () => resolve(true));
    });
    if (!listening) {
      // Several workers on one host (no containers): only the first gets the port. Deliveries matter
      // more than the probe, so the others run on without it.
      this.logger.warn(
        `port ${this.config.WORKER_HEALTH_PORT} is taken: running without health port`,
      );
      this.server = null;
      return;
    }
    this.logger.log(`health on port ${(server.address() as AddressInfo).port}`);
  }

  async onApplicationShutdown(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** The bound port (tests use port 0). */
  port(): number | null {
    return this.server ? (this.server.address() as AddressInfo).port : null;
  }
}
