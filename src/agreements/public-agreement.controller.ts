import { Controller, Get, Headers, Param, Query, Res } from '@nestjs/common';
import { ApiParam, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Public } from '../common/auth/decorators';
import { AgreementsService } from './agreements.service';
import {
  pickPublicLanguage,
  renderPublicAgreementPage,
  type PublicAgreementView,
} from './public-agreement';

/**
 * An agreement's public document address, linked from the IATI file: no account needed, an
 * unguessable token instead of the id, and only what a signed agreement makes public. JSON for
 * machines; a small HTML page when a browser asks for HTML. Counted by the API-wide rate limit.
 */
@ApiTags('agreements')
@Controller('agreements/public')
export class PublicAgreementController {
  constructor(private readonly agreements: AgreementsService) {}

  /** Kind, title (with its translations), parties, dates and status. 404 for an unknown token. */
  @Get(':token')
  @Public()
  @ApiProduces('application/json', 'text/html')
  @ApiParam({ name: 'token', schema: { type: 'string', maxLength: 64, pattern: '^[0-9a-f]{64}$' } })
  async summary(
    @Param('token') token: string,
    @Query('lang') lang: unknown,
    @Headers('accept') accept: string | undefined,
    @Headers('accept-language') acceptLanguage: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PublicAgreementView | string> {
    const view = await this.agreements.publicSummary(token);
    void reply.header('Cache-Control', 'public, max-age=300').header('Vary', 'Accept');
    if (!prefersHtml(accept)) return view;
    const language = pickPublicLanguage(lang, acceptLanguage);
    void reply
      .header('Content-Type', 'text/html; charset=utf-8')
      .header('Content-Language', language)
      .header('Content-Security-Policy', "default-src 'none'; style-src 'unsafe-inline'")
      .header('X-Content-Type-Options', 'nosniff')
      .header('Referrer-Policy', 'no-referrer');
    return renderPublicAgreementPage(view, language);
  }
}

/** A browser's Accept lists text/html before any JSON type; API clients send JSON or nothing. */
function prefersHtml(accept: string | undefined): boolean {
  if (!accept) return false;
  const html = accept.indexOf('text/html');
  const json = accept.indexOf('json');
  return html >= 0 && (json < 0 || html < json);
}
