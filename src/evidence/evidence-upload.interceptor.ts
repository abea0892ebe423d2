import {
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  PayloadTooLargeException,
} from '@nestjs/common';
import { catchError, type Observable, throwError } from 'rxjs';
import { AppConfig } from '../config/app-config';
import { EvidenceTooLarge } from './evidence-errors';

/**
 * Bound outside the multipart interceptor: its 413 ("File too large", once the file passes
 * EVIDENCE_MAX_BYTES and before anything is stored) becomes our problem naming the limit.
 */
@Injectable()
export class EvidenceUploadErrors implements NestInterceptor {
  constructor(private readonly config: AppConfig) {}

  intercept(_context: ExecutionContext, next: CallHandler): Observable<unknown> {
    return next
      .handle()
      .pipe(
        catchError((error: unknown) =>
          throwError(() =>
            error instanceof PayloadTooLargeException
              ? new EvidenceTooLarge(this.config.EVIDENCE_MAX_BYTES)
              : error,
          ),
        ),
      );
  }
}
