#!/usr/bin/env node
'use strict';
// Lints an OpenAPI document with Spectral's `spectral:oas` ruleset plus the OWASP API Security ruleset and
// prints the findings as JSON on stdout:
//   { errors, warnings, accepted, unusedAcceptances, findings: [{ code, severity, path, message }] }.
// Usage: node test/support/spectral-lint.js <document.json>
// Plain CommonJS run by node itself (not jest): Spectral's packages load their rulesets and functions in ways
// that jest's module sandbox does not need to be taught.

const fs = require('node:fs');
const { Spectral, Document } = require('@stoplight/spectral-core');
const Parsers = require('@stoplight/spectral-parsers');
const { oas } = require('@stoplight/spectral-rulesets');
const owasp = require('@stoplight/spectral-owasp-ruleset');

const SEVERITY = ['error', 'warn', 'info', 'hint'];

/**
 * Errors this API answers for by design, each with its reason. Reported as `accepted`, not counted as
 * errors; an entry that no longer matches anything is itself reported, so the list cannot go stale.
 */
const ACCEPTED = [
  {
    code: 'owasp:api2:2023-write-restricted',
    path: 'paths./api/auth/login.post.security',
    reason:
      'login is how a caller obtains a token, so it cannot require one; failed logins are limited per ' +
      'email and client address (LOGIN_MAX_FAILURES) on top of the API-wide rate limit',
  },
  {
    code: 'owasp:api2:2023-write-restricted',
    path: 'paths./api/auth/session.post.security',
    reason:
      "the page's sign-in, like login: how a browser obtains its session cookie, so it cannot " +
      'require one; limited by the same login limits',
  },
  {
    code: 'owasp:api2:2023-write-restricted',
    path: 'paths./api/auth/password-reset-requests.post.security',
    reason:
      'whoever forgot their password has no credential; the answer is the same for any email, ' +
      'and requests are limited per email and per client address',
  },
  {
    code: 'owasp:api2:2023-write-restricted',
    path: 'paths./api/auth/password-resets.post.security',
    reason:
      'the credential is the single-use token from the mailed link (in the body): 256 bits, ' +
      'stored hashed, valid 1 hour (reset) or 7 days (invitation)',
  },
  {
    code: 'owasp:api2:2023-no-credentials-in-url',
    path: 'paths./api/action-plans/{id}/calendar.ics.get.parameters.',
    reason:
      'calendar clients subscribe to a URL and cannot send headers; feed tokens only read one ' +
      "user's calendar, are revocable, and are redacted from logs and error answers",
  },
  {
    code: 'owasp:api2:2023-no-credentials-in-url',
    path: 'paths./api/agreements/public/{token}.get.parameters.',
    reason:
      'an agreement\'s public document address is a capability URL that donors open from the IATI ' +
      'file (no headers possible); it shows only what a signed agreement makes public (title, parties, ' +
      'dates, status), never the id, and is random (244 bits)',
  },
];

async function main() {
  const file = process.argv[2];
  if (!file) throw new Error('usage: spectral-lint.js <document.json>');
  const spectral = new Spectral();
  spectral.setRuleset({ extends: [oas, owasp] });
  const text = fs.readFileSync(file, 'utf8');
  const results = await spectral.run(new Document(text, Parsers.Json, file));
  const findings = results.map((r) => ({
    code: String(r.code),
    severity: SEVERITY[r.severity] ?? String(r.severity),
    path: r.path.join('.'),
    message: r.message,
  }));
  const acceptedBy = (f) =>
    f.severity === 'error' && ACCEPTED.find((a) => a.code === f.code && f.path.startsWith(a.path));
  const accepted = findings.filter(acceptedBy).map((f) => ({ ...f, reason: acceptedBy(f).reason }));
  const unused = ACCEPTED.filter((a) => !accepted.some((f) => f.reason === a.reason));
  const count = (severity) =>
    findings.filter((f) => f.severity === severity && !acceptedBy(f)).length;
  const report = {
    errors: count('error'),
    warnings: count('warn'),
    accepted,
    unusedAcceptances: unused,
    findings,
  };
  process.stdout.write(JSON.stringify(report, null, 2) + '\n');
}

main().catch((error) => {
  console.error(error instanceof Error ? error.stack : error);
  process.exit(2);
});
