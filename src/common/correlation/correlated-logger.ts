import { ConsoleLogger } from '@nestjs/common';
import { currentCorrelationId } from './correlation';

/** Nest's console logger, with the current request's or job's correlation id after the context. */
export class CorrelatedLogger extends ConsoleLogger {
  protected override formatContext(context: string): string {
    const id = currentCorrelationId();
    return super.formatContext(context) + (id ? `[cid=${id}] ` : '');
  }
}
