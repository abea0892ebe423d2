'use strict';
/**
 * The raw baseline's authentication: the same checks as Accords' AuthGuard, written by hand.
 * - HS256 bearer token signed with the same secret (JWT_SECRET), `exp` checked, `sub` a uuid, `gen`
 *   an integer (0 when absent), page-session tokens (`sid`) refused as bearer tokens;
 * - the user re-read on every request, with the same columns TypeORM's findOneBy selects (all of the
 *   entity's, password_hash included: that is what Accords reads today, so it is what we compare to);
 * - observers' granted agreements read only for observers, as UsersService.loadActor does.
 */
const { createHmac, timingSafeEqual } = require('node:crypto');

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i;
const BEARER = /^Bearer\s+(\S+)$/i;
const HEADER = Buffer.from(JSON.stringify({ alg: 'HS256', typ: 'JWT' })).toString('base64url');

const USER_COLUMNS = `id, email, name, role, party_code, locale, time_zone, password_hash, active,
  created_at, updated_at, token_generation, invitation_pending`;

class HttpError extends Error {
  constructor(status, title, detail) {
    super(detail ?? title);
    this.status = status;
    this.title = title;
  }
}

function createAuth({ pool, secret, ttlSeconds }) {
  const key = Buffer.from(secret);

  function sign(claims) {
    const now = Math.floor(Date.now() / 1000);
    const payload = Buffer.from(
      JSON.stringify({ ...claims, iat: now, exp: now + ttlSeconds }),
    ).toString('base64url');
    const signature = createHmac('sha256', key).update(`${HEADER}.${payload}`).digest('base64url');
    return `${HEADER}.${payload}.${signature}`;
  }

  /** The token's subject, or a 401: same rules as AuthService.verifyToken. */
  function verify(authorization) {
    const token = BEARER.exec(authorization ?? '')?.[1];
    const parts = token?.split('.');
    if (!parts || parts.length !== 3) throw new HttpError(401, 'Not authenticated');
    const [header, payload, signature] = parts;
    const expected = createHmac('sha256', key).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) {
      throw new HttpError(401, 'Not authenticated');
    }
    let claims;
    try {
      if (JSON.parse(Buffer.from(header, 'base64url')).alg !== 'HS256') throw new Error('alg');
      claims = JSON.parse(Buffer.from(payload, 'base64url'));
    } catch {
      throw new HttpError(401, 'Not authenticated');
    }
    const generation = claims.gen ?? 0;
    if (
      typeof claims.sub !== 'string' ||
      !UUID.test(claims.sub) ||
      !Number.isInteger(generation) ||
      claims.sid !== undefined ||
      typeof claims.exp !== 'number' ||
      claims.exp * 1000 <= Date.now()
    ) {
      throw new HttpError(401, 'Not authenticated');
    }
    return { userId: claims.sub, generation };
  }

  /** The caller, re-read from the database: a deactivated user or an older token generation is a 401. */
  async function actorOf(request) {
    const { userId, generation } = verify(request.headers.authorization);
    const { rows } = await pool.query({
      name: 'raw-user',
      text: `SELECT ${USER_COLUMNS} FROM users WHERE id = $1 AND active LIMIT 1`,
      values: [userId],
    });
    const user = rows[0];
    if (!user || user.token_generation !== generation)
      throw new HttpError(401, 'Not authenticated');
    let observedAgreementIds = [];
    if (user.role === 'observer') {
      const grants = await pool.query(
        'SELECT agreement_id FROM observer_grants WHERE user_id = $1 ORDER BY created_at',
        [userId],
      );
      observedAgreementIds = grants.rows.map((r) => r.agreement_id);
    }
    return {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      partyCode: user.party_code,
      observedAgreementIds,
    };
  }

  return { sign, verify, actorOf, USER_COLUMNS };
}

/**
 * Which agreements the actor reads, as a SQL condition on `alias` (permissions.ts agreementScope +
 * scope-sql.ts): managers all, a focal point its party's, an observer its granted ones.
 * `params` is appended to; the condition refers to the new parameter by number.
 */
function scopeCondition(actor, alias, params) {
  if (actor.role === 'admin' || actor.role === 'programme_manager') return 'TRUE';
  if (actor.role === 'focal_point' && actor.partyCode) {
    params.push(actor.partyCode);
    return `${alias}.party_codes @> ARRAY[$${params.length}]::varchar[]`;
  }
  params.push(actor.role === 'observer' ? actor.observedAgreementIds : []);
  return `${alias}.id = ANY($${params.length}::uuid[])`;
}

/** The same decision in JS, for rows already read (permissions.ts canSeeAgreement). */
function canSeeAgreement(actor, agreementId, agreementPartyCodes) {
  if (actor.role === 'admin' || actor.role === 'programme_manager') return true;
  if (actor.role === 'focal_point') {
    return actor.partyCode !== null && agreementPartyCodes.includes(actor.partyCode);
  }
  return actor.role === 'observer' && actor.observedAgreementIds.includes(agreementId);
}

module.exports = { createAuth, scopeCondition, canSeeAgreement, HttpError };
