// Screens reached from mail links, which work before anyone is signed in: accepting an invitation
// (`#invitation/<token>`), choosing a new password (`#password-reset/<token>`), and asking for a reset
// link (`#forgot-password`, linked from the sign-in form). Setting a password signs the page in.
import { ApiError, api, describeError, restoreSession } from './api.js';
import { $, h } from './dom.js';
import { createForm } from './forms.js';
import { M } from './format.js';
import { registerScreen } from './router.js';

/** Dispatched on window once a screen here has signed the page in; dashboard.js starts the app. */
export const SIGNED_IN_EVENT = 'accords:signed-in';

const PASSWORD_MAX = 200;

/** Adds "Forgot your password?" under the sign-in form (the form itself is the server's shell). */
export function setupAccountLinks() {
  const form = $('#login-form');
  if (!form || $('#forgot-password-link')) return;
  form.after(
    h(
      'p',
      { class: 'login-extra' },
      h('a', { id: 'forgot-password-link', href: '#forgot-password' }, M.acctForgotLink),
    ),
  );
}

function card(title, intro, ...content) {
  return h(
    'section',
    { class: 'card login-card account-card', 'aria-labelledby': 'account-card-title' },
    h('h2', { id: 'account-card-title', tabindex: '-1' }, title),
    intro ? h('p', { class: 'muted' }, intro) : '',
    ...content,
  );
}

const backToSignIn = () =>
  h(
    'p',
    { class: 'login-extra' },
    h('a', { href: '#', class: 'back-to-sign-in' }, M.acctBackToSignIn),
  );

function focusTitle(view) {
  const title = view.querySelector('#account-card-title');
  if (title) title.focus();
}

/** True when the API refused the link's token (unknown, used, replaced or expired). */
const tokenRefused = (error) =>
  error instanceof ApiError &&
  error.status === 400 &&
  Array.isArray(error.problem.errors) &&
  error.problem.errors.some((e) => e.field === 'token');

/** The screen that sets a password from a mailed link, for an invitation or a reset. */
function setPasswordScreen(kind) {
  return (view, { token }) => {
    const invitation = kind === 'invitation';
    const form = createForm({
      id: 'set-password-form',
      submitLabel: M.acctSetPassword,
      busyLabel: M.acctSaving,
      fields: [
        {
          name: 'password',
          label: M.acctNewPassword,
          type: 'password',
          required: true,
          autocomplete: 'new-password',
          maxLength: PASSWORD_MAX,
          hint: M.acctPasswordHint,
        },
        {
          name: 'confirm',
          label: M.acctConfirmPassword,
          type: 'password',
          required: true,
          autocomplete: 'new-password',
          maxLength: PASSWORD_MAX,
        },
      ],
      async onSubmit(values, formApi) {
        if (values.password !== values.confirm) {
          formApi.setErrors({ errors: [{ field: 'confirm', message: M.acctPasswordsDiffer }] });
          return;
        }
        try {
          await api('/api/auth/password-resets', {
            method: 'POST',
            body: { token, password: values.password, startSession: true },
            anonymous: true,
          });
        } catch (error) {
          if (!tokenRefused(error)) throw error;
          view.replaceChildren(linkRefused());
          focusTitle(view);
          return;
        }
        // The answer set the session cookies: read the session, then open the app where it starts.
        if (await restoreSession()) {
          history.replaceState(null, '', location.pathname + location.search);
          window.dispatchEvent(new Event(SIGNED_IN_EVENT));
        } else {
          view.replaceChildren(card(M.acctPasswordSet, M.acctSignInNow, backToSignIn()));
        }
      },
    });
    view.replaceChildren(
      card(
        invitation ? M.acctInvitationTitle : M.acctResetTitle,
        invitation ? M.acctInvitationIntro : M.acctResetIntro,
        form.element,
      ),
    );
    form.field('password').focus();
  };
}

function linkRefused() {
  return card(
    M.acctLinkRefusedTitle,
    M.acctTokenRefused,
    h(
      'p',
      { class: 'login-extra' },
      h('a', { href: '#forgot-password', class: 'btn primary' }, M.acctRequestNewLink),
    ),
    backToSignIn(),
  );
}

function forgotPasswordScreen(view) {
  const form = createForm({
    id: 'forgot-password-form',
    submitLabel: M.acctForgotSubmit,
    busyLabel: M.acctForgotSending,
    fields: [
      {
        name: 'email',
        label: M.email,
        type: 'email',
        required: true,
        autocomplete: 'username',
        maxLength: 254,
        dir: 'ltr',
      },
    ],
    async onSubmit(values, formApi) {
      try {
        await api('/api/auth/password-reset-requests', {
          method: 'POST',
          body: { email: values.email },
          anonymous: true,
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 429) {
          formApi.showMessage('error', M.acctForgotThrottled);
          return;
        }
        if (error instanceof ApiError && error.status === 400) throw error;
        formApi.showMessage('error', describeError(error));
        return;
      }
      view.replaceChildren(
        card(
          M.acctForgotTitle,
          '',
          h(
            'p',
            { class: 'notice success', role: 'status', id: 'forgot-password-sent' },
            M.acctForgotDone,
          ),
          backToSignIn(),
        ),
      );
      focusTitle(view);
    },
  });
  view.replaceChildren(card(M.acctForgotTitle, M.acctForgotIntro, form.element, backToSignIn()));
  form.field('email').focus();
}

registerScreen({
  path: 'invitation/:token',
  public: true,
  render: setPasswordScreen('invitation'),
});
registerScreen({
  path: 'password-reset/:token',
  public: true,
  render: setPasswordScreen('password-reset'),
});
registerScreen({ path: 'forgot-password', public: true, render: forgotPasswordScreen });
