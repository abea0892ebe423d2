import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { RouteConfig } from '@nestjs/platform-fastify';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { NotFound } from '../common/errors/domain-errors';
import { DashboardAssets } from './dashboard-assets';
import { DASHBOARD_CSP, renderDashboardPage } from './dashboard-page';
import { type Language, LANGUAGES, pickLanguage } from './i18n';

/** Paths served outside the `/api` prefix (app.setup.ts excludes them). */
export const DASHBOARD_PATHS = ['/', 'assets/:file'];

const YEAR_SECONDS = 365 * 24 * 3600;

/** The progress dashboard: a public HTML shell and its static files; the data comes from `/api`. */
@ApiExcludeController()
@Public()
@Controller()
export class DashboardPageController {
  private readonly pages: Record<Language, string>;

  constructor(private readonly assets: DashboardAssets) {
    const urls = {
      script: assets.url('dashboard.js'),
      styles: assets.styleUrls(),
      icon: assets.url('favicon.svg'),
      modules: assets.moduleUrls('dashboard.js'),
    };
    this.pages = Object.fromEntries(
      LANGUAGES.map((lang) => [lang, renderDashboardPage(lang, urls)]),
    ) as Record<Language, string>;
  }

  @Get()
  page(@Query('lang') lang: unknown, @Res({ passthrough: true }) reply: FastifyReply): string {
    void reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Security-Policy', DASHBOARD_CSP)
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer')
      .header('Cache-Control', 'no-cache')
      .header('Content-Language', pickLanguage(lang));
    return this.pages[pickLanguage(lang)];
  }

  @Get('assets/:file')
  // A page load fetches some sixty modules: counted against the API's rate limit, a few reloads would
  // lock a person (or an office behind one address) out of the API. They are static and cacheable.
  @RouteConfig({ rateLimit: false })
  asset(
    @Param('file') file: string,
    @Query('v') version: unknown,
    @Headers('if-none-match') ifNoneMatch: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Buffer | string {
    const asset = this.assets.get(file);
    if (!asset) throw new NotFound('Asset', file);
    const etag = `"${asset.hash}"`;
    void reply
      .header('Content-Type', asset.contentType)
      .header('X-Content-Type-Options', 'nosniff')
      .header('ETag', etag)
      // Only a URL naming this very content may be cached for good; an old or absent `v` revalidates.
      .header(
        'Cache-Control',
        version === asset.hash ? `public, max-age=${YEAR_SECONDS}, immutable` : 'no-cache',
      );
    if (ifNoneMatch?.split(',').some((tag) => tag.trim().replace(/^W\//, '') === etag)) {
      void reply.status(304);
      return '';
    }
    return asset.body;
  }
}
