// Accords dashboard, entry module: sign-in, the navigation bar, and the screen the address names (the
// plans the caller may see with one plan on screen, or a registered screen: see router.js). Plain
// browser JavaScript modules, no build step, nothing from another origin.
import {
  ApiError,
  api,
  describeError,
  isExpired,
  listAll,
  restoreSession,
  session,
  signIn,
  signOutSession,
} from './api.js';
import { SIGNED_IN_EVENT, setupAccountLinks } from './account-links.js';
import { closeActivity, openActivity, setupActivityDialog } from './activity-dialog.js';
import './agreement-view.js';
import { $, bar, h, notice } from './dom.js';
import { M, fmtNumber, fmtPercent, localized, partyName, setParties } from './format.js';
import { resetExports } from './exports-panel.js';
import { notFoundCard, isNotVisible } from './not-found.js';
import { renderPlan, resetFilters } from './plan-view.js';
import './admin-users.js';
import './admin-parties.js';
import './admin-webhooks.js';
import './reminder-rules-screen.js';
import './evidence-requirements-screen.js';
import './account-screen.js';
import {
  allowed,
  hashSegments,
  hrefFor,
  matchScreen,
  navigationEntries,
  navigate,
  syncLanguageLinks,
} from './router.js';
import './meetings-screen.js'; // the committee meetings screen of a plan
import './results-screen.js'; // the results framework of a plan (objectives, indicators, values)
import './planning.js'; // registers the planning screens (agreements, plans, activities, import)
import { PORTFOLIO_FIRST_ROLES } from './portfolio-screen.js'; // the portfolio screen

const loginView = $('#login-view');
const appView = $('#app-view');
const loginError = $('#login-error');

const state = { plans: [], planId: null, loadSeq: 0, screen: null };

function showLoginError(text) {
  loginError.textContent = text;
  loginError.hidden = !text;
}

$('#login-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const email = $('#login-email').value.trim();
  const password = $('#login-password').value;
  if (!email || !password) return showLoginError(M.loginInvalid);
  const submit = $('#login-submit');
  submit.disabled = true;
  submit.textContent = M.signingIn;
  showLoginError('');
  try {
    await signIn(email, password);
    $('#login-password').value = '';
    await startApp();
  } catch (error) {
    const status = error instanceof ApiError ? error.status : 0;
    const messages = { 401: M.loginFailed, 429: M.loginThrottled, 400: M.loginInvalid };
    showLoginError(messages[status] || describeError(error));
  } finally {
    submit.disabled = false;
    submit.textContent = M.signIn;
  }
});

$('#sign-out').addEventListener('click', async () => {
  await signOutSession();
  signOut('');
});
session.onExpired = () => signOut(M.sessionExpired);

function signOut(message) {
  session.clear();
  if (showPublicScreen()) return;
  resetExports(); // the feed address shown last belongs to this user
  state.loadSeq++;
  state.screen = null;
  closeActivity();
  appView.hidden = true;
  appView.replaceChildren();
  $('#session').hidden = true;
  loginView.hidden = false;
  showLoginError(message);
  $('#login-email').focus();
}

function showSession() {
  const user = session.user;
  const role = M.roleNames[user.role] || user.role;
  $('#session-user').replaceChildren(
    h('span', { class: 'session-name' }, user.name),
    h(
      'span',
      { class: 'session-role' },
      role,
      user.partyCode ? ' · ' + partyName(user.partyCode) : '',
    ),
  );
  $('#session').hidden = false;
}

async function startApp() {
  loginView.hidden = true;
  appView.hidden = false;
  await loadParties();
  showSession();
  appView.classList.remove('public-view');
  appView.replaceChildren(navigationBar(), h('div', { id: 'screen-view' }));
  // A programme manager starts on the portfolio; an address that names something (a mail's link,
  // `#plans`) is kept, for every role.
  if (hashSegments().length === 0 && PORTFOLIO_FIRST_ROLES.includes(session.user.role)) {
    history.replaceState(null, '', '#portfolio');
  }
  await showRoute();
}

/** Party names in the reader's language everywhere (IOM → OIM in French); codes if this fails. */
async function loadParties() {
  try {
    setParties(await listAll('/api/parties'));
  } catch (error) {
    if (!isExpired(error)) console.warn('Accords dashboard: parties not loaded', error);
  }
}

/** The screens this user may open, as links; the current one is marked. */
function navigationBar() {
  const entries = navigationEntries(session.user);
  return h(
    'nav',
    { class: 'app-nav', 'aria-label': M.navLabel, hidden: entries.length === 0 },
    h(
      'ul',
      {},
      h('li', {}, h('a', { href: '#', dataset: { route: '' } }, M.plans)),
      entries.map((screen) =>
        h(
          'li',
          {},
          h('a', { href: '#' + screen.path, dataset: { route: screen.path } }, screen.nav()),
        ),
      ),
    ),
  );
}

function markCurrentNavigation(path) {
  for (const link of document.querySelectorAll('.app-nav a')) {
    if (link.dataset.route === path) link.setAttribute('aria-current', 'page');
    else link.removeAttribute('aria-current');
  }
}

/**
 * Renders what the address names: a registered screen, an activity over its plan, a plan, or the
 * plans with the first one. The hash is kept as given (a link from a mail survives sign-in: the login
 * form never touches it), so `#activity/<id>` stays in the address while the dialog is open.
 */
async function showRoute() {
  const container = $('#screen-view');
  if (!container || !session.user) return;
  syncLanguageLinks();
  const [kind, id, ...rest] = hashSegments();
  if (kind === 'activity' && id && rest.length === 0) return showActivityRoute(id);
  closeActivity();
  const match = matchScreen();
  if (match && allowed(match.screen, session.user)) {
    state.loadSeq++;
    state.screen = match.screen.path;
    markCurrentNavigation(match.screen.nav ? match.screen.path : null);
    container.replaceChildren(h('p', { class: 'muted loading' }, M.loading));
    try {
      await match.screen.render(container, match.params);
    } catch (error) {
      if (!isExpired(error)) container.replaceChildren(notice('error', describeError(error)));
    }
    return;
  }
  markCurrentNavigation('');
  if (kind === 'plan' && id) return showPlans(id, { strict: true });
  if (!match && !isPlansHash()) {
    // An address no screen answers (a mistyped or foreign link): say so rather than show a blank page.
    state.screen = null;
    container.replaceChildren(notFoundCard('page'));
    return;
  }
  await showPlans(null);
}

/** `#`, `#plans` or an address the plans view answers. */
function isPlansHash() {
  const [kind] = hashSegments();
  return kind === undefined || kind === '' || kind === 'plans';
}

/**
 * `#activity/<id>`: the activity's plan behind, the activity's dialog in front, the address kept.
 * An activity that does not exist or is not the reader's to see gets a clear message instead.
 */
async function showActivityRoute(id) {
  const container = $('#screen-view');
  markCurrentNavigation('');
  let activity;
  try {
    activity = await api(`/api/activities/${encodeURIComponent(id)}`);
  } catch (error) {
    if (isExpired(error)) return;
    closeActivity();
    state.screen = null;
    container.replaceChildren(
      isNotVisible(error) ? notFoundCard('activity') : notice('error', describeError(error)),
    );
    return;
  }
  if (!(state.screen === 'plans' && $('#plan-view') && state.planId === activity.planId)) {
    await showPlans(activity.planId, { strict: true, keepHash: true });
  }
  const [kind, current] = hashSegments();
  if (kind === 'activity' && current === id) await openActivity(id, activity);
}

async function showPlans(wantedPlanId, { strict = false, keepHash = false } = {}) {
  const container = $('#screen-view');
  const alreadyShown = state.screen === 'plans' && $('#plan-view');
  state.screen = 'plans';
  if (alreadyShown && wantedPlanId === state.planId) return;
  container.replaceChildren(h('p', { class: 'muted loading' }, M.loading));
  try {
    state.plans = await listAll('/api/dashboard');
  } catch (error) {
    if (!isExpired(error)) container.replaceChildren(notice('error', describeError(error)));
    return;
  }
  if (strict && wantedPlanId && !state.plans.some((p) => p.planId === wantedPlanId)) {
    state.screen = null;
    container.replaceChildren(notFoundCard('plan'));
    return;
  }
  if (state.plans.length === 0) {
    container.replaceChildren(
      h('section', { class: 'card' }, h('h2', {}, M.plans), h('p', { class: 'muted' }, M.noPlans)),
    );
    return;
  }
  const initial = state.plans.find((p) => p.planId === wantedPlanId) || state.plans[0];
  container.replaceChildren(
    state.plans.length > 1 ? planPicker() : '',
    h('div', { id: 'plan-view', 'aria-live': 'polite', 'aria-busy': 'true' }),
  );
  $('#main').focus();
  await selectPlan(initial.planId, { keepHash });
}

window.addEventListener('hashchange', () => {
  if (session.user && !appView.hidden) void showRoute();
  else if (!session.user && !showPublicScreen()) showLoginForm();
});

/**
 * A screen that works without a session (a mail link: invitation, password reset, forgotten password)
 * when the address names one; answers whether it did.
 */
function showPublicScreen() {
  const match = matchScreen();
  if (!match || !match.screen.public) return false;
  state.loadSeq++;
  state.screen = match.screen.path;
  loginView.hidden = true;
  appView.hidden = false;
  appView.classList.add('public-view');
  const container = h('div', { id: 'screen-view' });
  appView.replaceChildren(container);
  syncLanguageLinks();
  Promise.resolve(match.screen.render(container, match.params)).catch((error) =>
    container.replaceChildren(notice('error', describeError(error))),
  );
  return true;
}

function showLoginForm() {
  state.screen = null;
  appView.hidden = true;
  appView.replaceChildren();
  loginView.hidden = false;
}

// A public screen signed the page in (a password set from a mail link): on to the app.
window.addEventListener(SIGNED_IN_EVENT, () => void startApp());
setupAccountLinks();

/** Only shown when the caller sees more than one plan. */
function planPicker() {
  const cards = state.plans.map((p) =>
    h(
      'li',
      {},
      h(
        'button',
        {
          type: 'button',
          class: 'plan-card',
          dataset: { planId: p.planId },
          'aria-pressed': 'false',
          onclick: () => selectPlan(p.planId),
        },
        h('span', { class: 'plan-card-title', dir: 'auto' }, rowTitle(p)),
        h('span', { class: 'plan-card-meta' }, p.partyCodes.map(partyName).join(' · ')),
        bar(p.completionPercent, '', M.completion),
        h(
          'span',
          { class: 'plan-card-figures' },
          fmtPercent(p.completionPercent),
          p.overdue > 0
            ? h('span', { class: 'text-overdue' }, ` · ${M.overdue} ${fmtNumber(p.overdue)}`)
            : '',
        ),
      ),
    ),
  );
  return h(
    'section',
    { class: 'plan-picker', 'aria-labelledby': 'plans-title' },
    h('h2', { id: 'plans-title', class: 'section-title' }, M.plans),
    h('ul', { class: 'plan-list' }, cards),
  );
}

/** A dashboard row's plan title in the reader's language, when the row carries translations. */
function rowTitle(row) {
  return localized(
    { title: row.planTitle, translations: row.planTranslations || row.translations },
    'title',
  );
}

async function selectPlan(planId, { keepHash = false } = {}) {
  state.planId = planId;
  for (const button of document.querySelectorAll('.plan-card')) {
    button.setAttribute('aria-pressed', String(button.dataset.planId === planId));
  }
  // The plan stays chosen across a reload and a change of language (no hashchange: replaceState).
  // An `#activity/<id>` address stays as it is: the dialog opened over this plan names it.
  if (!keepHash) history.replaceState(null, '', hrefFor('plan', planId));
  syncLanguageLinks();
  resetFilters();
  resetExports();
  await loadPlan();
}

/** Opens an activity from the plan on screen: through the address, so that it can be linked to. */
function openFromPlan(activityId) {
  navigate(hrefFor('activity', activityId));
}

/** Closing the dialog of an `#activity/<id>` address returns to its plan's address. */
function afterDialogClosed(activity) {
  // Only while the address still names this very activity (`#activity/<id>`, not its `/edit` form).
  const segments = hashSegments();
  const [kind, id] = segments;
  if (segments.length !== 2 || kind !== 'activity' || (activity && id !== activity.id)) return;
  const planId = (activity && activity.planId) || state.planId;
  if (planId) history.replaceState(null, '', hrefFor('plan', planId));
  syncLanguageLinks();
}

/** Reads the plan's figures and activities again and redraws it; a later call wins over a slower one. */
async function loadPlan() {
  const seq = ++state.loadSeq;
  const view = $('#plan-view');
  if (!view) return;
  view.setAttribute('aria-busy', 'true');
  try {
    const [progress, activities, plans, planView] = await Promise.all([
      api(`/api/action-plans/${state.planId}/progress`),
      listAll(`/api/action-plans/${state.planId}/activities`),
      listAll('/api/dashboard'),
      api(`/api/action-plans/${state.planId}`),
    ]);
    // The agreement's term, for the plan header; the plan shows without it if it cannot be read.
    const agreement = await api(`/api/agreements/${planView.agreementId}`).catch((error) => {
      if (isExpired(error)) throw error;
      return null;
    });
    if (seq !== state.loadSeq) return;
    state.plans = plans;
    const plan = plans.find((p) => p.planId === state.planId);
    if (!plan) return view.replaceChildren(notFoundCard('plan'));
    renderPlan(
      view,
      { plan, planView, agreement, progress, activities, user: session.user },
      openFromPlan,
    );
  } catch (error) {
    if (seq === state.loadSeq && !isExpired(error))
      view.replaceChildren(notice('error', describeError(error)));
  } finally {
    if (seq === state.loadSeq) view.setAttribute('aria-busy', 'false');
  }
}

setupActivityDialog(loadPlan, afterDialogClosed);

window.addEventListener('unhandledrejection', (event) => {
  // Every path above handles its own errors; this keeps an unforeseen one from failing silently.
  console.error('Accords dashboard:', event.reason);
});

// The cookies may hold a session already (another tab, a mail link opened in a new tab).
loginView.hidden = true;
restoreSession()
  .then((signedIn) => {
    if (signedIn) return startApp();
    if (!showPublicScreen()) showLoginForm();
    return undefined;
  })
  .catch((error) => {
    if (!isExpired(error)) signOut(describeError(error));
  });
