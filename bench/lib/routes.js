'use strict';
/**
 * The measured routes (issue 11, Deliver 1). Each entry says how to call it, as whom, and which
 * fields of its answer cannot be equal between two requests (`volatile`, compared without them;
 * every other route must answer the same bytes). Reads go as the focal point of Morocco (party
 * scoping on every query); PATCH as the programme manager (activity-level progress is a manager's
 * change, and the focal point rules are another helper's work in progress).
 */

/**
 * PATCH under load: every connection needs the current `version` of the activity it changes, so
 * requests draw activities from a pool, send their version, and put them back with the version the
 * answer carries. Progress alternates between two values, so every request is a real change
 * (history row, parts pushed); a failed answer retires the activity from the pool.
 */
function patchPool(activities) {
  const free = activities.map((a) => ({ ...a }));
  return {
    setupRequest(request, context) {
      const activity = free.shift();
      // autocannon stops on a null request: an empty pool is the bench's own bug, said plainly.
      if (!activity)
        throw new Error('PATCH pool empty: fewer activities than connections in flight');
      context.activity = activity;
      return {
        ...request,
        method: 'PATCH',
        path: `/api/activities/${activity.id}`,
        body: JSON.stringify({
          version: activity.version,
          progressPercent: activity.version % 2 ? 41 : 40,
        }),
      };
    },
    onResponse(status, body, context) {
      const activity = context.activity;
      if (!activity) return;
      context.activity = null;
      if (status !== 200) return;
      activity.version = JSON.parse(body).version;
      free.push(activity);
    },
    get size() {
      return free.length;
    },
  };
}

/** `ids`: bigPlanId, activityId (a joint one in the big plan), patchActivities [{id, version}]. */
function routeTable(ids) {
  const plan = ids.bigPlanId;
  return [
    {
      name: 'GET /api/activities/:id',
      path: `/api/activities/${ids.activityId}`,
      as: 'reader',
    },
    {
      name: 'GET /api/action-plans/:id/activities?pageSize=50 (5,000 plan)',
      key: 'list',
      path: `/api/action-plans/${plan}/activities?pageSize=50`,
      as: 'reader',
    },
    {
      name: 'GET …/activities?pageSize=50&overdue=true (5,000 plan)',
      key: 'list-overdue',
      path: `/api/action-plans/${plan}/activities?pageSize=50&overdue=true`,
      as: 'reader',
    },
    {
      name: 'GET /api/action-plans/:id/progress (5,000 plan)',
      key: 'progress',
      path: `/api/action-plans/${plan}/progress`,
      as: 'reader',
    },
    {
      name: 'PATCH /api/activities/:id',
      key: 'patch',
      method: 'PATCH',
      as: 'manager',
      patch: true,
      // The time of the change, on the activity and on each part it reached.
      volatile: ['updatedAt', 'parts[].updatedAt'],
    },
    { name: 'GET /api/dashboard', key: 'dashboard', path: '/api/dashboard', as: 'reader' },
    {
      // The programme manager's first screen: every plan ranked by a figure, so each plan's
      // activities are aggregated (a title sort would read only the page's plans).
      name: 'GET /api/portfolio?sort=overdue&order=desc (all plans, manager)',
      key: 'portfolio',
      path: '/api/portfolio?sort=overdue&order=desc',
      as: 'manager',
      // Each request aggregates every plan's activities. When that was ~1.1 s of SQL, -c 50 against
      // pools of 10 queued ~28 s of work per server, past the timeout, and nothing was answered; so
      // -c 4 (two connections per core keep both cores busy). At ~0.1 s now (p50 106 ms in the run at
      // d349190) the default 10 s runs hold hundreds of answers; -c 4 stays so that the figures
      // compare with earlier runs (at -c 50 Accords' share of the CPU per request grows: 0.73 there
      // in one loaded try, against 1.02 at -c 4).
      connections: 4,
      timeoutSeconds: 30,
    },
    {
      name: 'GET /api/action-plans/:id/activities.csv (5,000 plan)',
      key: 'csv',
      path: `/api/action-plans/${plan}/activities.csv`,
      as: 'reader',
      // ~0.2 s of CPU per file (5,000 rows) on each side: at -c 50 every request waited ~5–15 s, up to
      // the 10 s timeout, so runs counted timeouts and each left ~12 s of abandoned work for settle()
      // to wait out (minutes over the rounds). Four connections keep both cores busy with answers.
      connections: 4,
      timeoutSeconds: 60,
    },
    {
      name: 'POST /api/auth/login',
      key: 'login',
      method: 'POST',
      path: '/api/auth/login',
      as: null,
      body: JSON.stringify({ email: 'focal.ma@accords.example', password: ids.password }),
      // A new token each time: its iat/exp (and so its signature) change by the second.
      volatile: ['accessToken'],
      // argon2 (64 MiB, t=3) is the whole cost; Accords lets one hash run per two cores and sheds
      // beyond 16 waiting (password-hasher.ts), so 50 connections would measure 503s, not logins.
      connections: 2,
      // Each answer is one argon2 hash (~0.1–0.2 s of a free core, seconds on a shared machine): a
      // short run (`--seconds 2` of a small-scale check) ended before the first hash did and counted
      // no answer on either side. Runs of at least 10 s give a few tens of answers; the timeout stays
      // above the queue's worst wait, so a slow answer is counted, not re-sent.
      minSeconds: 10,
      timeoutSeconds: 60,
      statementSamples: 2,
    },
  ].map((route) => ({ key: 'activity', method: 'GET', volatile: [], ...route }));
}

module.exports = { routeTable, patchPool };
