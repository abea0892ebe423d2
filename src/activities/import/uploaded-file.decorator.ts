import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';

export interface UploadedFile {
  contentType: string | undefined;
  /** A Buffer for the import content types; anything else (e.g. parsed JSON) is refused later. */
  body: unknown;
}

/**
 * The raw request body and its content type. A custom decorator rather than @Body(), so that the
 * global ValidationPipe does not try to turn a Buffer into a DTO.
 */
export const UploadedFileBody = createParamDecorator(
  (_data: unknown, ctx: ExecutionContext): UploadedFile => {
    const request = ctx.switchToHttp().getRequest<FastifyRequest>();
    return { contentType: request.headers['content-type'], body: request.body };
  },
);
