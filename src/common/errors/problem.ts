import { STATUS_CODES } from 'node:http';
import type { FieldError } from './domain-errors';

export const PROBLEM_BASE = 'https://accords.example/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  /** The request path (absent when the request could not even be parsed). */
  instance?: string;
  /** The request's id, also sent as the X-Request-Id header and printed in its log lines. */
  correlationId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/**
 * Headers every JSON answer carries: no content sniffing, and no cache may keep a reply that holds
 * agreements or personal data. Problems written outside Nest's filter (client errors on the socket,
 * Fastify's router errors) set them directly.
 */
export const JSON_ANSWER_HEADERS = {
  'X-Content-Type-Options': 'nosniff',
  'Cache-Control': 'no-store',
} as const;

/** A problem for a status that has no more specific kind (`Request header fields too large`). */
export function problemForStatus(
  status: number,
  detail: string,
  instance?: string,
): ProblemDetails {
  const title = STATUS_CODES[status] ?? 'Error';
  const sentence = title.charAt(0) + title.slice(1).toLowerCase();
  return {
    type: PROBLEM_BASE + title.toLowerCase().replace(/[^a-z0-9]+/g, '-'),
    title: sentence,
    status,
    detail,
    instance,
  };
}
