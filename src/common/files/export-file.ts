import type { FastifyReply } from 'fastify';

/** A file answer: what the controller sends, with its headers. */
export interface ExportFile {
  body: Buffer | string;
  contentType: string;
  disposition: string;
}

export function sendFile(reply: FastifyReply, file: ExportFile): Buffer | string {
  void reply.header('Content-Type', file.contentType);
  void reply.header('Content-Disposition', file.disposition);
  // Exports carry scoped data: no shared cache may keep them.
  void reply.header('Cache-Control', 'private, no-store');
  return file.body;
}
