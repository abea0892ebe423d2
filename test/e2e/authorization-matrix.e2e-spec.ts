import type { Actor } from '../../src/common/auth/actor';
import {
  activityEditRight,
  canDeleteEvidence,
  canEditPart,
  canManageProgramme,
  canManageUsers,
  canReportResults,
  canRecordPartyNotification,
  canRecordMoney,
  canSeeAgreement,
  canUploadEvidence,
} from '../../src/common/auth/permissions';
import { createEgyptTunisiaAgreement, seededPlan } from '../support/fixtures';
import { fastifyPath, listServerRoutes } from '../support/route-table';
import { createTestApp, DEMO, DEMO_PASSWORD, type TestApp } from '../support/test-app';

/**
 * The authorization matrix: every route of the server x every role x data of the caller's own party or
 * of another, against the expected answer class in RULES below. The rules are derived from
 * src/common/auth/permissions.ts (and API.md where it has no function), so the table says *which* rule a
 * route follows, never a status by hand. A route the server answers without a rule here fails the suite.
 *
 * "own" is the seeded Morocco–Côte d'Ivoire MoU (its plan and activities), visible to both focal points
 * and granted to the observer; "other" is an agreement between two parties created here, which only the
 * managers may see.
 */

type Caller =
  'admin' | 'programme_manager' | 'focal_point_ma' | 'focal_point_ci' | 'observer' | 'anonymous';
type Side = 'own' | 'other';
/** ok: 2xx (or a 400/409/422 about the request itself); the others are 401, 403 and 404. */
type Outcome = 'ok' | 'unauthenticated' | 'forbidden' | 'hidden';

const CALLERS: readonly Caller[] = [
  'admin',
  'programme_manager',
  'focal_point_ma',
  'focal_point_ci',
  'observer',
  'anonymous',
];
const SIDES: readonly Side[] = ['own', 'other'];
const EMAILS: Record<Exclude<Caller, 'anonymous'>, string> = {
  admin: DEMO.admin,
  programme_manager: DEMO.pm,
  focal_point_ma: DEMO.focalMa,
  focal_point_ci: DEMO.focalCi,
  observer: DEMO.observer,
};

interface Target {
  agreement: { id: string; partyCodes: string[] };
  planId: string;
  activity: { id: string; leadPartyCode: string; partyCodes: string[] };
  leadPartyCode: string;
}

interface Ctx {
  t: TestApp;
  target: Record<Side, Target>;
  adminBearer: string;
  /** The admin's user id: the uploader of the evidence the matrix deletes. */
  adminId: string;
  userId: string;
  assetFile: string;
  reminderRules: unknown;
  /** The bearer header of a caller (none for anonymous). */
  bearer(caller: Caller): Promise<string | undefined>;
  unique(): string;
}

interface MatrixRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  body?: unknown;
  raw?: { contentType: string; payload: string };
}

interface Rule {
  /** The request this caller sends against own or other data. */
  request(ctx: Ctx, side: Side, caller: Caller): MatrixRequest | Promise<MatrixRequest>;
  /** What it must get, from the permission functions. */
  expected(actor: Actor | null, side: Side, ctx: Ctx): Outcome;
}

// --- the kinds of rule -------------------------------------------------------------------------------

const anyone = (): Outcome => 'ok';
const signedIn = (actor: Actor | null): Outcome => (actor ? 'ok' : 'unauthenticated');
const scopedRead = (actor: Actor | null, side: Side, ctx: Ctx): Outcome =>
  !actor ? 'unauthenticated' : canSeeAgreement(actor, ctx.target[side].agreement) ? 'ok' : 'hidden';
const programmeWrite = (actor: Actor | null): Outcome =>
  !actor ? 'unauthenticated' : canManageProgramme(actor) ? 'ok' : 'forbidden';
/** The role check comes first (403 whatever the id); managers see every agreement. */
const scopedProgrammeWrite = (actor: Actor | null, side: Side, ctx: Ctx): Outcome =>
  programmeWrite(actor) !== 'ok' ? programmeWrite(actor) : scopedRead(actor, side, ctx);
const userAdmin = (actor: Actor | null): Outcome =>
  !actor ? 'unauthenticated' : canManageUsers(actor) ? 'ok' : 'forbidden';
/** API.md: parties (write), webhooks and the manual sweep are the admin's. */
const adminOnly = (actor: Actor | null): Outcome =>
  !actor ? 'unauthenticated' : actor.role === 'admin' ? 'ok' : 'forbidden';
const activityUpdate = (actor: Actor | null, side: Side, ctx: Ctx): Outcome => {
  const read = scopedRead(actor, side, ctx);
  if (read !== 'ok' || !actor) return read;
  return activityEditRight(actor, ctx.target[side].activity) === 'none' ? 'forbidden' : 'ok';
};
/** A part is its party's: the lead party's part here, so focal.ma and focal.ci answer differently. */
const partUpdate = (actor: Actor | null, side: Side, ctx: Ctx): Outcome => {
  const read = scopedRead(actor, side, ctx);
  if (read !== 'ok' || !actor) return read;
  return canEditPart(actor, ctx.target[side].activity.leadPartyCode) ? 'ok' : 'forbidden';
};
/** Evidence of the lead party's part: that party's focal point and the managers add it. */
const evidenceUpload = (actor: Actor | null, side: Side, ctx: Ctx): Outcome => {
  const read = scopedRead(actor, side, ctx);
  if (read !== 'ok' || !actor) return read;
  const { activity } = ctx.target[side];
  return canUploadEvidence(actor, activity, activity.leadPartyCode) ? 'ok' : 'forbidden';
};
/** Evidence the admin uploaded: only the managers (the uploader being the admin) remove it. */
const evidenceDelete = (actor: Actor | null, side: Side, ctx: Ctx): Outcome => {
  const read = scopedRead(actor, side, ctx);
  if (read !== 'ok' || !actor) return read;
  return canDeleteEvidence(actor, ctx.adminId) ? 'ok' : 'forbidden';
};
/**
 * A party's notification of entry into force (of the side's first party): the managers, and that
 * party's focal point; observers are refused by role before anything is looked up.
 */
const partyNotification = (actor: Actor | null, side: Side, ctx: Ctx): Outcome => {
  if (!actor) return 'unauthenticated';
  if (actor.role === 'observer') return 'forbidden';
  const read = scopedRead(actor, side, ctx);
  if (read !== 'ok') return read;
  const partyCode = ctx.target[side].agreement.partyCodes[0];
  return canRecordPartyNotification(actor, partyCode) ? 'ok' : 'forbidden';
};
/** A fresh amendment of the side's agreement (through SQL), awaiting its own notifications. */
async function sqlAmendment(ctx: Ctx, side: Side): Promise<string> {
  const [row] = (await ctx.t.dataSource.query(
    `INSERT INTO agreement_amendments (agreement_id, title, signed_on, entry_into_force_basis, entry_into_force_count)
     VALUES ($1, $2, '2026-01-01', 'days_after_last_notification', 0) RETURNING id`,
    [ctx.target[side].agreement.id, `Matrix ${ctx.unique()}`],
  )) as { id: string }[];
  return row.id;
}
/** Money of the lead party's part: that party's focal point and the managers record it. */
const moneyRecord = (actor: Actor | null, side: Side, ctx: Ctx): Outcome => {
  const read = scopedRead(actor, side, ctx);
  if (read !== 'ok' || !actor) return read;
  const { activity } = ctx.target[side];
  return canRecordMoney(actor, activity, activity.leadPartyCode) ? 'ok' : 'forbidden';
};
/** The values import: roles that report values (observers never do), then the plan's scope. */
const resultsImport = (actor: Actor | null, side: Side, ctx: Ctx): Outcome =>
  !actor
    ? 'unauthenticated'
    : actor.role === 'observer'
      ? 'forbidden'
      : scopedRead(actor, side, ctx);
/** Feed tokens belong to their creator: another user's token is as good as missing. */
const ownerOnly = (actor: Actor | null, side: Side): Outcome =>
  !actor ? 'unauthenticated' : side === 'own' ? 'ok' : 'hidden';

// --- requests --------------------------------------------------------------------------------------

const get = (url: string): MatrixRequest => ({ method: 'GET', url });
const agreementUrl = (ctx: Ctx, side: Side, rest = '') =>
  `/api/agreements/${ctx.target[side].agreement.id}${rest}`;
const planUrl = (ctx: Ctx, side: Side, rest = '') =>
  `/api/action-plans/${ctx.target[side].planId}${rest}`;
const activityUrl = (ctx: Ctx, side: Side, rest = '') =>
  `/api/activities/${ctx.target[side].activity.id}${rest}`;

const BOUNDARY = 'matrix-boundary-7f3a';
/** A multipart body (text fields and one small text file) as a raw payload. */
function multipart(fields: Record<string, string>, file: string): MatrixRequest['raw'] {
  const parts = [
    ...Object.entries(fields).map(
      ([name, value]) =>
        `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
    ),
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="matrix.txt"\r\n` +
      `Content-Type: text/plain\r\n\r\n${file}\r\n`,
    `--${BOUNDARY}--\r\n`,
  ];
  return { contentType: `multipart/form-data; boundary=${BOUNDARY}`, payload: parts.join('') };
}

/** Evidence of the lead party's part, uploaded by the admin (setup). */
async function adminEvidence(ctx: Ctx, side: Side): Promise<string> {
  const { activity } = ctx.target[side];
  const raw = multipart(
    { kind: 'report', partyCode: activity.leadPartyCode },
    `Matrix ${ctx.unique()}`,
  )!;
  const res = await ctx.t.app.inject({
    method: 'POST',
    url: activityUrl(ctx, side, '/evidence'),
    headers: { authorization: ctx.adminBearer, 'content-type': raw.contentType },
    payload: raw.payload,
  });
  if (res.statusCode !== 201) throw new Error(`setup evidence: ${res.statusCode} ${res.body}`);
  return res.json<{ id: string }>().id;
}

async function adminJson(ctx: Ctx, method: 'GET' | 'POST', url: string, body?: unknown) {
  const res = await ctx.t.app.inject({
    method,
    url,
    headers: { authorization: ctx.adminBearer },
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  if (res.statusCode >= 300)
    throw new Error(`setup ${method} ${url}: ${res.statusCode} ${res.body}`);
  return res.json<Record<string, unknown>>();
}

const publicGet = (url: string): Rule => ({ request: () => get(url), expected: anyone });

/** A fresh planned meeting (version 1) with one decision on the side's plan, made by the admin. */
async function freshMeeting(ctx: Ctx, side: Side): Promise<{ url: string; decisionId: string }> {
  const url = planUrl(ctx, side, '/meetings');
  const created = await adminJson(ctx, 'POST', url, {
    heldOn: '2999-01-01',
    decisions: [{ text: `Matrix ${ctx.unique()}` }],
  });
  const decisions = created.decisions as { id: string }[];
  return { url: `${url}/${String(created.id)}`, decisionId: decisions[0].id };
}
const meetingUrl = async (ctx: Ctx, side: Side) => (await freshMeeting(ctx, side)).url;
const decisionUrl = async (ctx: Ctx, side: Side) => {
  const { url, decisionId } = await freshMeeting(ctx, side);
  return `${url}/decisions/${decisionId}`;
};

/** A held meeting of the side's plan, made once (through SQL: the pack's rules need one, not its API). */
const meetings = new Map<string, Promise<string>>();
function meetingOf(ctx: Ctx, side: Side): Promise<string> {
  const planId = ctx.target[side].planId;
  if (!meetings.has(planId)) {
    meetings.set(
      planId,
      ctx.t.dataSource
        .query(
          `INSERT INTO committee_meetings (plan_id, held_on, status, baseline_taken_at)
           VALUES ($1, '2026-06-01', 'held', now()) RETURNING id`,
          [planId],
        )
        .then((rows: { id: string }[]) => rows[0].id),
    );
  }
  return meetings.get(planId)!;
}
const packUrl = async (ctx: Ctx, side: Side, rest = '') =>
  planUrl(ctx, side, `/meetings/${await meetingOf(ctx, side)}/pack${rest}`);

/** A side's value of its lead party: that party's focal point and the managers report it. */
const resultReport = (actor: Actor | null, side: Side, ctx: Ctx): Outcome => {
  const read = scopedRead(actor, side, ctx);
  if (read !== 'ok' || !actor) return read;
  return canReportResults(actor, ctx.target[side].leadPartyCode) ? 'ok' : 'forbidden';
};
const resultsUrl = (ctx: Ctx, side: Side, rest = '') => planUrl(ctx, side, `/results${rest}`);

/** A fresh objective (version 1) of the side's plan, made by the admin; its id. */
async function freshObjective(ctx: Ctx, side: Side): Promise<string> {
  const created = await adminJson(ctx, 'POST', resultsUrl(ctx, side, '/objectives'), {
    code: `M${ctx.unique()}`,
    title: `Matrix ${ctx.unique()}`,
  });
  return created.id as string;
}
/** A fresh number indicator (version 1) under a fresh objective; its id. */
async function freshIndicator(ctx: Ctx, side: Side): Promise<string> {
  const created = await adminJson(ctx, 'POST', resultsUrl(ctx, side, '/indicators'), {
    objectiveId: await freshObjective(ctx, side),
    code: `M${ctx.unique()}`,
    title: `Matrix ${ctx.unique()}`,
    measure: 'number',
  });
  return created.id as string;
}
/** One indicator and one 2026-H1 value of the lead party per side, reported once by the admin. */
const resultValues = new Map<Side, Promise<{ indicatorId: string; valueId: string }>>();
function resultValueOf(ctx: Ctx, side: Side) {
  if (!resultValues.has(side)) {
    resultValues.set(
      side,
      (async () => {
        const indicatorId = await freshIndicator(ctx, side);
        const res = await ctx.t.app.inject({
          method: 'PUT',
          url: resultsUrl(ctx, side, '/values'),
          headers: { authorization: ctx.adminBearer },
          payload: valueBody(ctx, side, indicatorId),
        });
        if (res.statusCode !== 200) throw new Error(`setup value: ${res.statusCode} ${res.body}`);
        return { indicatorId, valueId: res.json<{ id: string }>().id };
      })(),
    );
  }
  return resultValues.get(side)!;
}
const valueBody = (ctx: Ctx, side: Side, indicatorId: string) => ({
  indicatorId,
  period: '2026-H1',
  partyCode: ctx.target[side].leadPartyCode,
  value: 3,
});
/** Evidence on the side's value, uploaded by the admin; its url. */
async function adminValueEvidence(ctx: Ctx, side: Side): Promise<string> {
  const { valueId } = await resultValueOf(ctx, side);
  const url = resultsUrl(ctx, side, `/values/${valueId}/evidence`);
  const raw = multipart({}, `Matrix ${ctx.unique()}`)!;
  const res = await ctx.t.app.inject({
    method: 'POST',
    url,
    headers: { authorization: ctx.adminBearer, 'content-type': raw.contentType },
    payload: raw.payload,
  });
  if (res.statusCode !== 201)
    throw new Error(`setup value evidence: ${res.statusCode} ${res.body}`);
  return `${url}/${res.json<{ id: string }>().id}`;
}
/** A money entry of the lead party's part (version 1), made by the admin. */
const MONEY_BODY = {
  amount: '12.50',
  currency: 'EUR',
  funderPartyCode: 'IOM',
  spentOn: '2026-01-15',
};
async function freshMoneyUrl(ctx: Ctx, side: Side, kind: 'budget-lines' | 'spending') {
  const url = activityUrl(ctx, side, `/${kind}`);
  const partyCode = ctx.target[side].activity.leadPartyCode;
  const { spentOn, ...budget } = MONEY_BODY;
  const body = kind === 'spending' ? { ...MONEY_BODY, partyCode } : { ...budget, partyCode };
  const created = await adminJson(ctx, 'POST', url, body);
  return `${url}/${String(created.id)}`;
}
const moneyRules = (kind: 'budget-lines' | 'spending', param: string): Record<string, Rule> => {
  const { spentOn, ...budget } = MONEY_BODY;
  const body = kind === 'spending' ? MONEY_BODY : budget;
  return {
    [`GET /api/activities/:id/${kind}`]: {
      request: (ctx, side) => get(activityUrl(ctx, side, `/${kind}`)),
      expected: scopedRead,
    },
    [`POST /api/activities/:id/${kind}`]: {
      request: (ctx, side) => ({
        method: 'POST',
        url: activityUrl(ctx, side, `/${kind}`),
        body: { ...body, partyCode: ctx.target[side].activity.leadPartyCode },
      }),
      expected: moneyRecord,
    },
    [`PATCH /api/activities/:id/${kind}/:${param}`]: {
      request: async (ctx, side) => ({
        method: 'PATCH',
        url: await freshMoneyUrl(ctx, side, kind),
        body: { note: `Matrix ${ctx.unique()}`, version: 1 },
      }),
      expected: moneyRecord,
    },
    [`DELETE /api/activities/:id/${kind}/:${param}`]: {
      request: async (ctx, side) => ({
        method: 'DELETE',
        url: `${await freshMoneyUrl(ctx, side, kind)}?version=1`,
      }),
      expected: moneyRecord,
    },
  };
};

/** Keyed by `METHOD path` exactly as the server's router lists it. */
const RULES: Record<string, Rule> = {
  // The dashboard page, its files and the API documentation are public.
  'GET /': publicGet('/'),
  'GET /assets/:file': { request: (ctx) => get(`/assets/${ctx.assetFile}`), expected: anyone },
  'GET /api/docs': publicGet('/api/docs'),
  'GET /api/docs/': publicGet('/api/docs/'),
  'GET /api/docs/*': publicGet('/api/docs/swagger-ui.css'),
  // @nestjs/swagger registers this route only to refuse it: 404 for everyone, signed in or not.
  'GET /api/docs/LICENSE': { request: () => get('/api/docs/LICENSE'), expected: () => 'hidden' },
  'GET /api/docs/index.html': publicGet('/api/docs/index.html'),
  'GET /api/docs/swagger-ui-init.js': publicGet('/api/docs/swagger-ui-init.js'),
  'GET /api/docs/docs/swagger-ui-init.js': publicGet('/api/docs/docs/swagger-ui-init.js'),
  'GET /api/docs-json': publicGet('/api/docs-json'),
  'GET /api/docs-yaml': publicGet('/api/docs-yaml'),
  'GET /api/health': publicGet('/api/health'),
  'POST /api/auth/login': {
    request: (_ctx, _side, caller) => ({
      method: 'POST',
      url: '/api/auth/login',
      body: {
        email: EMAILS[caller === 'anonymous' ? 'observer' : caller],
        password: DEMO_PASSWORD,
      },
    }),
    expected: anyone,
  },

  // The page's cookie session (src/auth/session/). The matrix's callers carry bearer tokens, never the
  // cookies: reading, refreshing or ending a session needs its cookie (401 for everyone); signing in
  // is open to all.
  'POST /api/auth/session': {
    request: (_ctx, _side, caller) => ({
      method: 'POST',
      url: '/api/auth/session',
      body: {
        email: EMAILS[caller === 'anonymous' ? 'observer' : caller],
        password: DEMO_PASSWORD,
      },
    }),
    expected: anyone,
  },
  'GET /api/auth/session': {
    request: () => get('/api/auth/session'),
    expected: () => 'unauthenticated',
  },
  'POST /api/auth/session/refresh': {
    request: () => ({ method: 'POST', url: '/api/auth/session/refresh' }),
    expected: () => 'unauthenticated',
  },
  'DELETE /api/auth/session': {
    request: () => ({ method: 'DELETE', url: '/api/auth/session' }),
    expected: () => 'unauthenticated',
  },
  // Mail-link routes are public: a malformed body reaches validation (400) whoever calls. (A valid
  // reset request would spend the per-address allowance the other tests share.)
  'POST /api/auth/password-reset-requests': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/password-reset-requests',
      body: { email: 'not-an-email' },
    }),
    expected: anyone,
  },
  'POST /api/auth/password-resets': {
    request: () => ({
      method: 'POST',
      url: '/api/auth/password-resets',
      body: { token: 'not-a-token', password: 'a long enough passphrase 42' },
    }),
    expected: anyone,
  },
  // Invitations are the admin's, like the rest of user management.
  'POST /api/auth/invitations': {
    request: (ctx) => ({
      method: 'POST',
      url: '/api/auth/invitations',
      body: {
        email: `matrix.${ctx.unique()}@example.org`,
        name: 'Matrix invitee',
        role: 'observer',
      },
    }),
    expected: userAdmin,
  },

  // Any signed-in user: their own account, lists already scoped to them.
  'GET /api/me': { request: () => get('/api/me'), expected: signedIn },
  // Wrong on purpose (the new password is too short): 400 once signed in, so no password changes.
  'PUT /api/me/password': {
    request: () => ({
      method: 'PUT',
      url: '/api/me/password',
      body: { currentPassword: 'whatever it was', newPassword: 'short' },
    }),
    expected: signedIn,
  },
  'PATCH /api/me': {
    request: () => ({ method: 'PATCH', url: '/api/me', body: {} }),
    expected: signedIn,
  },
  'GET /api/me/notification-preferences': {
    request: () => get('/api/me/notification-preferences'),
    expected: signedIn,
  },
  'PUT /api/me/notification-preferences': {
    request: () => ({
      method: 'PUT',
      url: '/api/me/notification-preferences',
      body: { preferences: [] },
    }),
    expected: signedIn,
  },
  'GET /api/parties': { request: () => get('/api/parties'), expected: signedIn },
  'GET /api/agreements': { request: () => get('/api/agreements'), expected: signedIn },
  'GET /api/dashboard': { request: () => get('/api/dashboard'), expected: signedIn },
  'GET /api/notifications': { request: () => get('/api/notifications'), expected: signedIn },
  'GET /api/feed-tokens': { request: () => get('/api/feed-tokens'), expected: signedIn },
  'POST /api/feed-tokens': {
    request: () => ({ method: 'POST', url: '/api/feed-tokens', body: { label: 'matrix' } }),
    expected: signedIn,
  },
  'DELETE /api/feed-tokens/:id': {
    // "own": a token the caller just made; "other": one made by someone else.
    async request(ctx, side, caller) {
      const owner: Caller =
        side === 'own' && caller !== 'anonymous'
          ? caller
          : caller === 'admin'
            ? 'programme_manager'
            : 'admin';
      const res = await ctx.t.app.inject({
        method: 'POST',
        url: '/api/feed-tokens',
        headers: { authorization: (await ctx.bearer(owner)) ?? '' },
        payload: { label: 'matrix' },
      });
      return { method: 'DELETE', url: `/api/feed-tokens/${res.json<{ id: string }>().id}` };
    },
    expected: ownerOnly,
  },

  // Agreements, plans and activities: read within scope, written by programme managers.
  'POST /api/agreements': {
    request: (ctx, side) => ({
      method: 'POST',
      url: '/api/agreements',
      body: {
        kind: 'mou',
        title: `Matrix ${ctx.unique()}`,
        partyCodes: ctx.target[side].agreement.partyCodes,
        signedOn: '2026-01-01',
        durationMonths: 12,
        renewal: { mode: 'none' },
      },
    }),
    expected: programmeWrite,
  },
  'GET /api/agreements/:id': {
    request: (ctx, side) => get(agreementUrl(ctx, side)),
    expected: scopedRead,
  },
  'PATCH /api/agreements/:id': {
    request: (ctx, side) => ({
      method: 'PATCH',
      url: agreementUrl(ctx, side),
      body: { reference: `M-${ctx.unique()}` },
    }),
    expected: scopedProgrammeWrite,
  },
  'GET /api/agreements/:id/renewals': {
    request: (ctx, side) => get(agreementUrl(ctx, side, '/renewals')),
    expected: scopedRead,
  },
  'POST /api/agreements/:id/renewals': {
    request: (ctx, side) => ({
      method: 'POST',
      url: agreementUrl(ctx, side, '/renewals'),
      body: { decision: 'renew', decidedOn: '2026-06-15', termMonths: 1 },
    }),
    expected: scopedProgrammeWrite,
  },
  'GET /api/agreements/:id/timeline': {
    request: (ctx, side) => get(agreementUrl(ctx, side, '/timeline')),
    expected: scopedRead,
  },
  'POST /api/agreements/:id/notifications': {
    // Of a fresh amendment, so the agreement's own entry into force is left alone.
    request: async (ctx, side) => ({
      method: 'POST',
      url: agreementUrl(ctx, side, '/notifications'),
      body: {
        partyCode: ctx.target[side].agreement.partyCodes[0],
        notifiedOn: '2026-02-01',
        amendmentId: await sqlAmendment(ctx, side),
      },
    }),
    expected: partyNotification,
  },
  'DELETE /api/agreements/:id/notifications/:notificationId': {
    async request(ctx, side) {
      const amendmentId = await sqlAmendment(ctx, side);
      const { agreement } = ctx.target[side];
      const [row] = (await ctx.t.dataSource.query(
        `INSERT INTO agreement_notifications (agreement_id, amendment_id, party_code, notified_on)
         VALUES ($1, $2, $3, '2026-02-01') RETURNING id`,
        [agreement.id, amendmentId, agreement.partyCodes[0]],
      )) as { id: string }[];
      return { method: 'DELETE', url: agreementUrl(ctx, side, `/notifications/${row.id}`) };
    },
    expected: partyNotification,
  },
  'GET /api/agreements/:id/amendments': {
    request: (ctx, side) => get(agreementUrl(ctx, side, '/amendments')),
    expected: scopedRead,
  },
  'GET /api/agreements/:id/amendments/:amendmentId': {
    request: async (ctx, side) =>
      get(agreementUrl(ctx, side, `/amendments/${await sqlAmendment(ctx, side)}`)),
    expected: scopedRead,
  },
  'POST /api/agreements/:id/amendments': {
    request: (ctx, side) => ({
      method: 'POST',
      url: agreementUrl(ctx, side, '/amendments'),
      body: {
        title: `Matrix ${ctx.unique()}`,
        signedOn: '2026-06-01',
        entryIntoForce: { basis: 'days_after_last_notification', count: 0 },
      },
    }),
    expected: scopedProgrammeWrite,
  },
  'PATCH /api/agreements/:id/amendments/:amendmentId': {
    request: async (ctx, side) => ({
      method: 'PATCH',
      url: agreementUrl(ctx, side, `/amendments/${await sqlAmendment(ctx, side)}`),
      body: { note: 'matrix' },
    }),
    expected: scopedProgrammeWrite,
  },
  'POST /api/agreements/:id/denunciations': {
    // Dated after today: a 400 that proves the role check let the caller in, and denounces nothing.
    request: (ctx, side) => ({
      method: 'POST',
      url: agreementUrl(ctx, side, '/denunciations'),
      body: { partyCode: ctx.target[side].agreement.partyCodes[0], notifiedOn: '2999-01-01' },
    }),
    expected: scopedProgrammeWrite,
  },
  'DELETE /api/agreements/:id/denunciations/:denunciationId': {
    // A standing denunciation taking effect far ahead, inserted without touching the agreement's columns.
    async request(ctx, side) {
      const { agreement } = ctx.target[side];
      await ctx.t.dataSource.query(
        `UPDATE agreement_denunciations SET withdrawn_on = '2026-06-15'
          WHERE agreement_id = $1 AND withdrawn_on IS NULL`,
        [agreement.id],
      );
      const [row] = (await ctx.t.dataSource.query(
        `INSERT INTO agreement_denunciations (agreement_id, party_code, notified_on, takes_effect_on)
         VALUES ($1, $2, '2026-06-01', '2999-06-01') RETURNING id`,
        [agreement.id, agreement.partyCodes[0]],
      )) as { id: string }[];
      return { method: 'DELETE', url: agreementUrl(ctx, side, `/denunciations/${row.id}`) };
    },
    expected: scopedProgrammeWrite,
  },
  'GET /api/agreements/:id/action-plans': {
    request: (ctx, side) => get(agreementUrl(ctx, side, '/action-plans')),
    expected: scopedRead,
  },
  'POST /api/agreements/:id/action-plans': {
    request: (ctx, side) => ({
      method: 'POST',
      url: agreementUrl(ctx, side, '/action-plans'),
      body: { title: `Plan ${ctx.unique()}`, startsOn: '2026-07-01', durationMonths: 12 },
    }),
    expected: scopedProgrammeWrite,
  },
  'GET /api/action-plans/:id': {
    request: (ctx, side) => get(planUrl(ctx, side)),
    expected: scopedRead,
  },
  'PATCH /api/action-plans/:id': {
    request: (ctx, side) => ({
      method: 'PATCH',
      url: planUrl(ctx, side),
      body: { renewable: true },
    }),
    expected: scopedProgrammeWrite,
  },
  'GET /api/action-plans/:id/history': {
    request: (ctx, side) => get(planUrl(ctx, side, '/history')),
    expected: scopedRead,
  },
  'GET /api/action-plans/:id/progress': {
    request: (ctx, side) => get(planUrl(ctx, side, '/progress')),
    expected: scopedRead,
  },
  'GET /api/action-plans/:id/activities': {
    request: (ctx, side) => get(planUrl(ctx, side, '/activities')),
    expected: scopedRead,
  },
  'POST /api/action-plans/:id/activities': {
    request: (ctx, side) => ({
      method: 'POST',
      url: planUrl(ctx, side, '/activities'),
      body: {
        title: `Atelier ${ctx.unique()}`,
        type: 'workshop',
        leadPartyCode: ctx.target[side].leadPartyCode,
        dueOn: '2026-09-30',
      },
    }),
    expected: scopedProgrammeWrite,
  },
  'POST /api/action-plans/:id/activities/import': {
    async request(ctx, side) {
      const csv = await ctx.t.app.inject({
        method: 'GET',
        url: planUrl(ctx, side, '/activities.csv'),
        headers: { authorization: ctx.adminBearer },
      });
      // The export's header row alone: a valid file that adds nothing.
      const header = csv.body.replace(/^\ufeff/, '').split(/\r?\n/)[0];
      return {
        method: 'POST',
        url: planUrl(ctx, side, '/activities/import'),
        raw: { contentType: 'text/csv', payload: `${header}\r\n` },
      };
    },
    expected: scopedProgrammeWrite,
  },
  'POST /api/action-plans/:id/renew': {
    request: (ctx, side) => ({ method: 'POST', url: planUrl(ctx, side, '/renew') }),
    expected: scopedProgrammeWrite,
  },
  'GET /api/action-plans/:id/activities.csv': {
    request: (ctx, side) => get(planUrl(ctx, side, '/activities.csv')),
    expected: scopedRead,
  },
  'GET /api/action-plans/:id/activities.xlsx': {
    request: (ctx, side) => get(planUrl(ctx, side, '/activities.xlsx')),
    expected: scopedRead,
  },
  'GET /api/action-plans/:id/iati.xml': {
    request: (ctx, side) => get(planUrl(ctx, side, '/iati.xml')),
    expected: scopedRead,
  },
  'GET /api/action-plans/:id/results/values.csv': {
    request: (ctx, side) => get(planUrl(ctx, side, '/results/values.csv')),
    expected: scopedRead,
  },
  'GET /api/action-plans/:id/results/values.xlsx': {
    request: (ctx, side) => get(planUrl(ctx, side, '/results/values.xlsx')),
    expected: scopedRead,
  },
  'POST /api/action-plans/:id/results/values/import': {
    // The export's header row alone: a valid file that changes nothing.
    request: (ctx, side) => ({
      method: 'POST',
      url: planUrl(ctx, side, '/results/values/import'),
      raw: {
        contentType: 'text/csv',
        payload: 'indicatorCode,period,partyCode,value,note,version,reason\r\n',
      },
    }),
    expected: resultsImport,
  },
  // Public at the router (calendar clients send no header), but needs a bearer or feed token.
  'GET /api/action-plans/:id/calendar.ics': {
    request: (ctx, side) => get(planUrl(ctx, side, '/calendar.ics')),
    expected: scopedRead,
  },
  'GET /api/activities/:id': {
    request: (ctx, side) => get(activityUrl(ctx, side)),
    expected: scopedRead,
  },
  'GET /api/activities/:id/history': {
    request: (ctx, side) => get(activityUrl(ctx, side, '/history')),
    expected: scopedRead,
  },
  'PATCH /api/activities/:id': {
    async request(ctx, side) {
      const current = await adminJson(ctx, 'GET', activityUrl(ctx, side));
      return {
        method: 'PATCH',
        url: activityUrl(ctx, side),
        body: { notes: `Matrix ${ctx.unique()}`, version: current.version },
      };
    },
    expected: activityUpdate,
  },
  'PATCH /api/activities/:id/parts/:partyCode': {
    async request(ctx, side) {
      const { leadPartyCode } = ctx.target[side].activity;
      const current = await adminJson(ctx, 'GET', activityUrl(ctx, side));
      const part = (current.parts as { partyCode: string; version: number }[]).find(
        (p) => p.partyCode === leadPartyCode,
      )!;
      return {
        method: 'PATCH',
        url: activityUrl(ctx, side, `/parts/${leadPartyCode}`),
        body: { note: `Matrix ${ctx.unique()}`, version: part.version },
      };
    },
    expected: partUpdate,
  },
  'DELETE /api/activities/:id': {
    // A fresh activity each time (nothing refers to it yet), so that a manager's 204 is the answer.
    async request(ctx, side) {
      const created = await adminJson(ctx, 'POST', planUrl(ctx, side, '/activities'), {
        title: `Matrix ${ctx.unique()}`,
        type: 'meeting',
        leadPartyCode: ctx.target[side].leadPartyCode,
        dueOn: '2026-10-01',
      });
      return { method: 'DELETE', url: `/api/activities/${String(created.id)}?version=1` };
    },
    expected: scopedProgrammeWrite,
  },

  // Evidence: read like the activity; added to a part by its party's focal point or a manager.
  'GET /api/activities/:id/evidence': {
    request: (ctx, side) => get(activityUrl(ctx, side, '/evidence')),
    expected: scopedRead,
  },
  'POST /api/activities/:id/evidence': {
    request: (ctx, side) => ({
      method: 'POST',
      url: activityUrl(ctx, side, '/evidence'),
      raw: multipart(
        { kind: 'report', partyCode: ctx.target[side].activity.leadPartyCode },
        `Matrix ${ctx.unique()}`,
      ),
    }),
    expected: evidenceUpload,
  },
  'GET /api/activities/:id/evidence/:evidenceId/content': {
    request: async (ctx, side) =>
      get(activityUrl(ctx, side, `/evidence/${await adminEvidence(ctx, side)}/content`)),
    expected: scopedRead,
  },
  'DELETE /api/activities/:id/evidence/:evidenceId': {
    request: async (ctx, side) => ({
      method: 'DELETE',
      url: activityUrl(ctx, side, `/evidence/${await adminEvidence(ctx, side)}`),
    }),
    expected: evidenceDelete,
  },
  'GET /api/evidence-requirements': {
    request: () => get('/api/evidence-requirements'),
    expected: signedIn,
  },
  'PUT /api/evidence-requirements': {
    request: async (ctx) => ({
      method: 'PUT',
      url: '/api/evidence-requirements',
      body: await adminJson(ctx, 'GET', '/api/evidence-requirements'),
    }),
    expected: programmeWrite,
  },

  // Money: read like the activity (and the plan); recorded on a part by its party's focal point or a manager.
  'GET /api/action-plans/:id/money': {
    request: (ctx, side) => get(planUrl(ctx, side, '/money')),
    expected: scopedRead,
  },
  ...moneyRules('budget-lines', 'lineId'),
  ...moneyRules('spending', 'entryId'),

  // The committee pack: plan readers follow and download it, managers ask for it.
  'POST /api/action-plans/:id/meetings/:meetingId/pack': {
    request: async (ctx, side) => ({ method: 'POST', url: await packUrl(ctx, side) }),
    expected: scopedProgrammeWrite,
  },
  'GET /api/action-plans/:id/meetings/:meetingId/pack': {
    request: async (ctx, side) => get(await packUrl(ctx, side)),
    expected: scopedRead,
  },
  'GET /api/action-plans/:id/meetings/:meetingId/pack.pdf': {
    // A ready pack (as the worker leaves it), so that a reader's answer is the 200 with the file.
    async request(ctx, side) {
      const meetingId = await meetingOf(ctx, side);
      await ctx.t.dataSource.query(
        `WITH f AS (
           INSERT INTO stored_files (content, media_type, sha256, size_bytes)
           SELECT c, 'application/pdf', encode(sha256(c), 'hex'), octet_length(c)
             FROM (SELECT convert_to('%PDF-1.4 matrix', 'UTF8') AS c) x RETURNING id)
         INSERT INTO meeting_packs (meeting_id, status, file_id, languages, requested_at, generated_at)
         SELECT $1, 'ready', f.id, '{fr,en}', now(), now() FROM f
         ON CONFLICT (meeting_id) DO UPDATE
           SET status = 'ready', file_id = EXCLUDED.file_id, generated_at = now()`,
        [meetingId],
      );
      return get(await packUrl(ctx, side, '.pdf'));
    },
    expected: scopedRead,
  },

  // Committee meetings of a plan: its readers read them, managers record them (role check first).
  'GET /api/action-plans/:id/meetings': {
    request: (ctx, side) => get(planUrl(ctx, side, '/meetings')),
    expected: scopedRead,
  },
  'POST /api/action-plans/:id/meetings': {
    request: (ctx, side) => ({
      method: 'POST',
      url: planUrl(ctx, side, '/meetings'),
      body: { heldOn: '2999-01-01', place: `Matrix ${ctx.unique()}` },
    }),
    expected: scopedProgrammeWrite,
  },
  'GET /api/action-plans/:id/meetings/:meetingId': {
    request: async (ctx, side) => get(await meetingUrl(ctx, side)),
    expected: scopedRead,
  },
  'PATCH /api/action-plans/:id/meetings/:meetingId': {
    request: async (ctx, side) => ({
      method: 'PATCH',
      url: await meetingUrl(ctx, side),
      body: { version: 1, place: `Matrix ${ctx.unique()}` },
    }),
    expected: scopedProgrammeWrite,
  },
  'DELETE /api/action-plans/:id/meetings/:meetingId': {
    request: async (ctx, side) => ({
      method: 'DELETE',
      url: `${await meetingUrl(ctx, side)}?version=1`,
    }),
    expected: scopedProgrammeWrite,
  },
  'POST /api/action-plans/:id/meetings/:meetingId/baseline': {
    request: async (ctx, side) => ({
      method: 'POST',
      url: `${await meetingUrl(ctx, side)}/baseline`,
    }),
    expected: scopedProgrammeWrite,
  },
  'GET /api/action-plans/:id/meetings/:meetingId/changes': {
    request: async (ctx, side) => get(`${await meetingUrl(ctx, side)}/changes`),
    expected: scopedRead,
  },
  'POST /api/action-plans/:id/meetings/:meetingId/decisions': {
    request: async (ctx, side) => ({
      method: 'POST',
      url: `${await meetingUrl(ctx, side)}/decisions`,
      body: { text: `Matrix ${ctx.unique()}` },
    }),
    expected: scopedProgrammeWrite,
  },
  'PATCH /api/action-plans/:id/meetings/:meetingId/decisions/:decisionId': {
    request: async (ctx, side) => ({
      method: 'PATCH',
      url: await decisionUrl(ctx, side),
      body: { text: `Matrix ${ctx.unique()}` },
    }),
    expected: scopedProgrammeWrite,
  },
  'DELETE /api/action-plans/:id/meetings/:meetingId/decisions/:decisionId': {
    request: async (ctx, side) => ({ method: 'DELETE', url: await decisionUrl(ctx, side) }),
    expected: scopedProgrammeWrite,
  },
  'POST /api/action-plans/:id/meetings/:meetingId/decisions/:decisionId/activity': {
    request: async (ctx, side) => ({
      method: 'POST',
      url: `${await decisionUrl(ctx, side)}/activity`,
      body: { type: 'meeting', leadPartyCode: ctx.target[side].leadPartyCode, dueOn: '2026-10-01' },
    }),
    expected: scopedProgrammeWrite,
  },

  // Results framework: plan readers read it; managers define it and validate periods; a party's
  // focal point reports (and backs with evidence) that party's values.
  'GET /api/action-plans/:id/results': {
    request: (ctx, side) => get(resultsUrl(ctx, side)),
    expected: scopedRead,
  },
  'GET /api/action-plans/:id/indicators': {
    request: (ctx, side) => get(planUrl(ctx, side, '/indicators')),
    expected: scopedRead,
  },
  'POST /api/action-plans/:id/results/objectives': {
    request: (ctx, side) => ({
      method: 'POST',
      url: resultsUrl(ctx, side, '/objectives'),
      body: { code: `M${ctx.unique()}`, title: `Matrix ${ctx.unique()}` },
    }),
    expected: scopedProgrammeWrite,
  },
  'PATCH /api/action-plans/:id/results/objectives/:objectiveId': {
    request: async (ctx, side) => ({
      method: 'PATCH',
      url: resultsUrl(ctx, side, `/objectives/${await freshObjective(ctx, side)}`),
      body: { title: `Matrix ${ctx.unique()}`, version: 1 },
    }),
    expected: scopedProgrammeWrite,
  },
  'DELETE /api/action-plans/:id/results/objectives/:objectiveId': {
    request: async (ctx, side) => ({
      method: 'DELETE',
      url: resultsUrl(ctx, side, `/objectives/${await freshObjective(ctx, side)}`),
    }),
    expected: scopedProgrammeWrite,
  },
  'POST /api/action-plans/:id/results/indicators': {
    request: async (ctx, side) => ({
      method: 'POST',
      url: resultsUrl(ctx, side, '/indicators'),
      body: {
        objectiveId: await freshObjective(ctx, side),
        code: `M${ctx.unique()}`,
        title: `Matrix ${ctx.unique()}`,
        measure: 'percentage',
      },
    }),
    expected: scopedProgrammeWrite,
  },
  'PATCH /api/action-plans/:id/results/indicators/:indicatorId': {
    request: async (ctx, side) => ({
      method: 'PATCH',
      url: resultsUrl(ctx, side, `/indicators/${await freshIndicator(ctx, side)}`),
      body: { title: `Matrix ${ctx.unique()}`, version: 1 },
    }),
    expected: scopedProgrammeWrite,
  },
  'DELETE /api/action-plans/:id/results/indicators/:indicatorId': {
    request: async (ctx, side) => ({
      method: 'DELETE',
      url: resultsUrl(ctx, side, `/indicators/${await freshIndicator(ctx, side)}`),
    }),
    expected: scopedProgrammeWrite,
  },
  'PUT /api/action-plans/:id/results/indicators/:indicatorId/targets': {
    request: async (ctx, side) => ({
      method: 'PUT',
      url: resultsUrl(
        ctx,
        side,
        `/indicators/${(await resultValueOf(ctx, side)).indicatorId}/targets`,
      ),
      body: { targets: [{ period: '2026', targetValue: 10 }] },
    }),
    expected: scopedProgrammeWrite,
  },
  'PUT /api/action-plans/:id/results/values': {
    request: async (ctx, side) => ({
      method: 'PUT',
      url: resultsUrl(ctx, side, '/values'),
      body: valueBody(ctx, side, (await resultValueOf(ctx, side)).indicatorId),
    }),
    expected: resultReport,
  },
  'GET /api/action-plans/:id/results/values/:valueId/history': {
    request: async (ctx, side) =>
      get(resultsUrl(ctx, side, `/values/${(await resultValueOf(ctx, side)).valueId}/history`)),
    expected: scopedRead,
  },
  'POST /api/action-plans/:id/results/values/:valueId/evidence': {
    request: async (ctx, side) => ({
      method: 'POST',
      url: resultsUrl(ctx, side, `/values/${(await resultValueOf(ctx, side)).valueId}/evidence`),
      raw: multipart({}, `Matrix ${ctx.unique()}`),
    }),
    expected: resultReport,
  },
  'GET /api/action-plans/:id/results/values/:valueId/evidence/:evidenceId/content': {
    request: async (ctx, side) => get(`${await adminValueEvidence(ctx, side)}/content`),
    expected: scopedRead,
  },
  'DELETE /api/action-plans/:id/results/values/:valueId/evidence/:evidenceId': {
    request: async (ctx, side) => ({ method: 'DELETE', url: await adminValueEvidence(ctx, side) }),
    expected: evidenceDelete,
  },
  'POST /api/action-plans/:id/results/periods/:period/validation': {
    request: (ctx, side) => ({
      method: 'POST',
      url: resultsUrl(ctx, side, '/periods/2026-H2/validation'),
    }),
    expected: scopedProgrammeWrite,
  },
  'DELETE /api/action-plans/:id/results/periods/:period/validation': {
    // Validated by the admin first, so that a manager's answer is the 204 of a reopening.
    async request(ctx, side) {
      const url = resultsUrl(ctx, side, '/periods/2026-H2/validation');
      await adminJson(ctx, 'POST', url);
      return { method: 'DELETE', url: `${url}?reason=Matrix` };
    },
    expected: scopedProgrammeWrite,
  },

  // Reminder rules: programme managers.
  'GET /api/reminder-rules': {
    request: () => get('/api/reminder-rules'),
    expected: programmeWrite,
  },
  'PUT /api/reminder-rules': {
    request: (ctx) => ({ method: 'PUT', url: '/api/reminder-rules', body: ctx.reminderRules }),
    expected: programmeWrite,
  },

  // Accounts: the admin.
  'GET /api/users': { request: () => get('/api/users'), expected: userAdmin },
  'POST /api/users': {
    request: (ctx) => ({
      method: 'POST',
      url: '/api/users',
      body: {
        email: `matrix.${ctx.unique()}@accords.example`,
        name: 'Matrix',
        role: 'observer',
        password: 'matrix-password-123',
      },
    }),
    expected: userAdmin,
  },
  'GET /api/users/:id': { request: (ctx) => get(`/api/users/${ctx.userId}`), expected: userAdmin },
  'PATCH /api/users/:id': {
    request: (ctx) => ({
      method: 'PATCH',
      url: `/api/users/${ctx.userId}`,
      body: { name: `Matrix ${ctx.unique()}` },
    }),
    expected: userAdmin,
  },

  // Parties (write), webhooks and the manual sweep: the admin.
  'POST /api/parties': {
    request: (ctx) => ({
      method: 'POST',
      url: '/api/parties',
      body: { code: `MX${ctx.unique().toUpperCase()}`, name: 'Matrix', type: 'organisation' },
    }),
    expected: adminOnly,
  },
  // Renaming a party (names per language) is the admin's, like creating one.
  'PATCH /api/parties/:code': {
    request: () => ({
      method: 'PATCH',
      url: '/api/parties/UNODC',
      body: { names: { en: 'UNODC' } },
    }),
    expected: adminOnly,
  },
  // An agreement's public document address: anyone with the token, no account (the IATI file links it).
  'GET /api/agreements/public/:token': {
    async request(ctx, side) {
      const [row] = await ctx.t.dataSource.query<{ public_token: string }[]>(
        'SELECT public_token FROM agreements WHERE id = $1',
        [ctx.target[side].agreement.id],
      );
      return get(`/api/agreements/public/${row.public_token}`);
    },
    expected: anyone,
  },
  'GET /api/webhooks': { request: () => get('/api/webhooks'), expected: adminOnly },
  'POST /api/webhooks': {
    // A loopback target: the admin gets a 400 (refused URL), which still proves the role check let it in.
    request: () => ({
      method: 'POST',
      url: '/api/webhooks',
      body: { url: 'http://127.0.0.1:9/hook', events: ['activity_due'] },
    }),
    expected: adminOnly,
  },
  'DELETE /api/webhooks/:id': {
    async request(ctx) {
      // Inserted directly (the api refuses loopback targets); nothing delivers in this suite.
      const [row] = (await ctx.t.dataSource.query(
        `INSERT INTO webhook_subscriptions (url, events, secret) VALUES ('http://127.0.0.1:9/hook', '{activity_due}', 'matrix') RETURNING id`,
      )) as { id: string }[];
      return { method: 'DELETE', url: `/api/webhooks/${row.id}` };
    },
    expected: adminOnly,
  },
  'PATCH /api/webhooks/:id': {
    async request(ctx) {
      const [row] = (await ctx.t.dataSource.query(
        `INSERT INTO webhook_subscriptions (url, events, secret) VALUES ('http://127.0.0.1:9/hook', '{activity_due}', 'matrix') RETURNING id`,
      )) as { id: string }[];
      return {
        method: 'PATCH',
        url: `/api/webhooks/${row.id}`,
        body: { events: ['activity_due', 'activity_overdue'] },
      };
    },
    expected: adminOnly,
  },
  'POST /api/reminders/sweep': {
    request: () => ({ method: 'POST', url: '/api/reminders/sweep' }),
    expected: adminOnly,
  },
  // Every signed-in role; what each sees is scoped like the plans (portfolio.e2e-spec.ts).
  'GET /api/portfolio': { request: () => get('/api/portfolio'), expected: signedIn },
};

function outcomeOf(status: number): Outcome | `status ${number}` {
  if (status < 400 || status === 400 || status === 409 || status === 422) return 'ok';
  if (status === 401) return 'unauthenticated';
  if (status === 403) return 'forbidden';
  if (status === 404) return 'hidden';
  return `status ${status}`;
}

describe('authorization matrix', () => {
  let t: TestApp;
  let ctx: Ctx;
  const actors = new Map<Caller, Actor | null>([['anonymous', null]]);

  beforeAll(async () => {
    // The matrix sends well over a thousand requests a minute as the admin (every route x role x side,
    // plus its setup calls); the API-wide limits are the rate-limit suite's subject, not this one's.
    t = await createTestApp({
      env: { RATE_LIMIT_PER_TOKEN: '100000', RATE_LIMIT_PER_ADDRESS: '100000' },
    });
    t.clock.set('2026-06-15T12:00:00Z');
    const adminBearer = await t.tokenFor(DEMO.admin);
    let counter = 0;
    const partial = {
      t,
      adminBearer,
      unique: () => `${(++counter).toString(36)}${Date.now().toString(36).slice(-4)}`,
      bearer: async (caller: Caller) =>
        caller === 'anonymous' ? undefined : t.tokenFor(EMAILS[caller]),
    };
    for (const caller of CALLERS.filter(
      (c): c is Exclude<Caller, 'anonymous'> => c !== 'anonymous',
    )) {
      const me = await t.http
        .get('/api/me')
        .set('Authorization', await t.tokenFor(EMAILS[caller]))
        .expect(200);
      actors.set(caller, me.body as Actor);
    }

    // "other": the Egypt–Tunisia agreement of the fixtures, its plan and an activity.
    const json = (method: 'GET' | 'POST', url: string, body?: unknown) =>
      adminJson({ ...partial } as Ctx, method, url, body);
    const egyptTunisia = await createEgyptTunisiaAgreement(t);
    const agreement = await json('GET', `/api/agreements/${egyptTunisia.agreementId}`);
    const plan = { id: egyptTunisia.planId };
    const activity = await json('GET', `/api/activities/${egyptTunisia.activityId}`);
    const seeded = await seededPlan(t);
    const mou = await json('GET', `/api/agreements/${seeded.agreementId}`);
    // An activity both focal points' parties take part in, if the seed has one; the rule decides anyway.
    const shared =
      seeded.activities.find((a) => a.partyCodes.includes('MA') && a.partyCodes.includes('CI')) ??
      seeded.activities[0];
    const target: Record<Side, Target> = {
      own: {
        agreement: { id: seeded.agreementId, partyCodes: mou.partyCodes as string[] },
        planId: seeded.planId,
        activity: shared,
        leadPartyCode: 'MA',
      },
      other: {
        agreement: { id: agreement.id as string, partyCodes: agreement.partyCodes as string[] },
        planId: plan.id as string,
        activity: activity as unknown as Target['activity'],
        leadPartyCode: 'EG',
      },
    };
    const user = await json('POST', '/api/users', {
      email: 'matrix.target@accords.example',
      name: 'Matrix target',
      role: 'observer',
      password: 'matrix-password-123',
    });
    const page = await t.app.inject({ method: 'GET', url: '/' });
    const assetFile = /\/assets\/([^"?]+)/.exec(page.body)?.[1];
    if (!assetFile) throw new Error('no asset linked from the dashboard page');
    ctx = {
      ...partial,
      target,
      userId: user.id as string,
      adminId: actors.get('admin')!.id,
      assetFile,
      reminderRules: await json('GET', '/api/reminder-rules'),
    };
  });
  afterAll(() => t?.close());

  it('has a rule for every route the server answers, and no rule for a route that is gone', () => {
    const routes = listServerRoutes(t.app);
    expect(routes.length).toBeGreaterThan(40);
    expect(routes.filter((route) => !(route in RULES))).toEqual([]);
    expect(Object.keys(RULES).filter((key) => !routes.includes(key))).toEqual([]);
  });

  it('lists every operation of the OpenAPI document among the server routes', async () => {
    const doc = (await t.app.inject({ method: 'GET', url: '/api/docs-json' })).json<{
      paths: Record<string, Record<string, unknown>>;
    }>();
    const documented = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.keys(item).map((method) => `${method.toUpperCase()} ${fastifyPath(path)}`),
    );
    const routes = listServerRoutes(t.app);
    expect(documented.filter((op) => !routes.includes(op))).toEqual([]);
  });

  it('the two sides differ as the matrix assumes: focal points and the observer see "own" but not "other"', () => {
    for (const caller of ['focal_point_ma', 'focal_point_ci', 'observer'] as const) {
      const actor = actors.get(caller)!;
      expect([caller, canSeeAgreement(actor, ctx.target.own.agreement)]).toEqual([caller, true]);
      expect([caller, canSeeAgreement(actor, ctx.target.other.agreement)]).toEqual([caller, false]);
    }
  });

  it.each(Object.keys(RULES))('%s answers each role and side as its rule says', async (key) => {
    const rule = RULES[key];
    const mismatches: string[] = [];
    for (const caller of CALLERS) {
      for (const side of SIDES) {
        const req = await rule.request(ctx, side, caller);
        const bearer = await ctx.bearer(caller);
        const res = await t.app.inject({
          method: req.method,
          url: req.url,
          headers: {
            ...(bearer ? { authorization: bearer } : {}),
            ...(req.raw ? { 'content-type': req.raw.contentType } : {}),
          },
          ...(req.raw
            ? { payload: req.raw.payload }
            : req.body === undefined
              ? {}
              : { payload: req.body as Record<string, unknown> }),
        });
        const expected = rule.expected(actors.get(caller) ?? null, side, ctx);
        const got = outcomeOf(res.statusCode);
        if (got !== expected) {
          mismatches.push(
            `${caller}/${side}: expected ${expected}, got ${res.statusCode} ${res.body.slice(0, 160)}`,
          );
        }
        if (
          res.statusCode >= 400 &&
          !/^application\/problem\+json/.test(String(res.headers['content-type']))
        ) {
          mismatches.push(`${caller}/${side}: ${res.statusCode} is not problem+json`);
        }
      }
    }
    expect(mismatches).toEqual([]);
  });
});
