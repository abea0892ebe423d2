import { CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE } from '../../common/files/content-types';

/**
 * Upload formats of `POST /action-plans/:id/activities/import`, sent as the raw request body. app.setup
 * registers a parser that hands these bodies over as a Buffer.
 */
export const IMPORT_CONTENT_TYPES = [CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE];
/**
 * A plan's activities fit in far less (2,000 rows of CSV are ~0.5 MB); the bound protects the server
 * from huge uploads. Fastify stops reading past it and answers 413 before the route runs.
 */
export const IMPORT_BODY_LIMIT = 5 * 1024 * 1024;

export type ImportFormat = 'csv' | 'xlsx';

export function importFormatOf(contentType: string | undefined): ImportFormat | null {
  const essence = (contentType ?? '').split(';')[0].trim().toLowerCase();
  if (essence === CSV_CONTENT_TYPE) return 'csv';
  if (essence === XLSX_CONTENT_TYPE) return 'xlsx';
  return null;
}
