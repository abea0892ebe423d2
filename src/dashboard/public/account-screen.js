// My account, for every signed-in role: the profile (name, language, time zone), the password (the
// current one is needed to set a new one), and which reminders reach me by which channel.
import { ApiError, api, session } from './api.js';
import {
  LANGUAGE_CODES,
  channelName,
  focusTitle,
  languageName,
  ruleKindHint,
  ruleKindName,
  screenHeader,
} from './admin-ui.js';
import { $, h } from './dom.js';
import { createForm } from './forms.js';
import { LANG, M, t } from './format.js';
import { registerScreen } from './router.js';
import { enhanceTimeZoneSelect } from './time-zones.js';

registerScreen({
  path: 'account',
  nav: () => M.admNavAccount,
  navOrder: 95,
  render: renderAccount,
});

async function renderAccount(view) {
  const [me, preferences] = await Promise.all([
    api('/api/me'),
    api('/api/me/notification-preferences'),
  ]);
  view.replaceChildren(
    h(
      'section',
      { class: 'adm-screen', 'aria-labelledby': 'account-title' },
      screenHeader('account-title', M.admAccountTitle, M.admAccountIntro),
      h(
        'div',
        { class: 'grid grid-2 adm-account-grid' },
        profileCard(me),
        passwordCard(me),
        preferencesCard(preferences),
      ),
    ),
  );
  focusTitle(view);
}

function card(id, title, intro, ...content) {
  return h(
    'section',
    { class: 'card adm-card', id, 'aria-labelledby': id + '-title' },
    h('h3', { id: id + '-title' }, title),
    intro ? h('p', { class: 'muted small adm-card-intro' }, intro) : '',
    ...content,
  );
}

function profileCard(me) {
  const after = h('div', { class: 'adm-after', 'aria-live': 'polite' });
  const form = createForm({
    id: 'profile-form',
    submitLabel: M.admProfileSave,
    fields: [
      {
        name: 'name',
        label: M.admFieldName,
        required: true,
        maxLength: 200,
        autocomplete: 'name',
        value: me.name,
        wide: true,
      },
      {
        name: 'locale',
        label: M.admFieldLanguage,
        type: 'select',
        required: true,
        options: LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code) })),
        value: me.locale,
      },
      {
        name: 'timeZone',
        label: M.admFieldTimeZone,
        type: 'select',
        required: true,
        hint: M.admTimeZoneHint,
        options: [{ value: me.timeZone, label: me.timeZone }],
        value: me.timeZone,
        wide: true,
      },
    ],
    onSubmit: async (_values, f) => {
      after.replaceChildren();
      const changes = f.changedValues();
      if (Object.keys(changes).length === 0) {
        f.showMessage('info', M.admNothingChanged);
        return;
      }
      const updated = await api('/api/me', { method: 'PATCH', body: changes });
      rememberProfile(updated);
      f.showMessage('success', M.admProfileSaved);
      if (updated.locale && updated.locale !== LANG)
        after.replaceChildren(reloadOffer(updated.locale));
    },
  });
  enhanceTimeZoneSelect(form.field('timeZone'), me.timeZone);
  return card(
    'account-profile',
    M.admProfileTitle,
    M.admProfileIntro,
    h(
      'p',
      { class: 'adm-readonly' },
      h('span', { class: 'muted' }, M.admFieldEmail + ' '),
      h('bdi', {}, me.email),
    ),
    form.element,
    after,
  );
}

/** The page stays in the language it was opened in; a new one takes a reload, offered here. */
function reloadOffer(locale) {
  return h(
    'div',
    { class: 'notice info adm-reload', role: 'status' },
    h('p', {}, t('admLanguageSaved', { language: languageName(locale) })),
    h(
      'a',
      {
        class: 'btn primary',
        href: `/?lang=${encodeURIComponent(locale)}#account`,
        lang: locale,
        id: 'account-reload',
      },
      M.admReloadIn[locale] || languageName(locale),
    ),
  );
}

/** The header shows the name: keep it and the session's copy of the user in step with the profile. */
function rememberProfile(updated) {
  if (session.user) Object.assign(session.user, pick(updated, ['name', 'locale', 'timeZone']));
  const name = $('#session-user .session-name');
  if (name && updated.name) name.textContent = updated.name;
}

function pick(object, keys) {
  return Object.fromEntries(keys.filter((k) => object[k] !== undefined).map((k) => [k, object[k]]));
}

function passwordCard(me) {
  const form = createForm({
    id: 'password-form',
    submitLabel: M.admPasswordSave,
    fields: [
      // The e-mail as a hidden user name lets password managers file the new password correctly.
      {
        name: 'currentPassword',
        label: M.admFieldCurrentPassword,
        type: 'password',
        required: true,
        autocomplete: 'current-password',
        wide: true,
      },
      {
        name: 'newPassword',
        label: M.admFieldNewPassword,
        type: 'password',
        required: true,
        autocomplete: 'new-password',
        hint: M.admPasswordRules,
      },
      {
        name: 'confirmPassword',
        label: M.admFieldConfirmPassword,
        type: 'password',
        required: true,
        autocomplete: 'new-password',
      },
    ],
    onSubmit: async (values, f) => {
      if (values.newPassword !== values.confirmPassword) {
        f.setErrors({ errors: [{ field: 'confirmPassword', message: M.admPasswordMismatch }] });
        return;
      }
      try {
        await api('/api/me/password', {
          method: 'PUT',
          body: { currentPassword: values.currentPassword, newPassword: values.newPassword },
        });
      } catch (error) {
        throw onNewPasswordField(error);
      }
      f.element.reset();
      f.showMessage('success', M.admPasswordChanged);
    },
  });
  const username = h('input', {
    type: 'email',
    name: 'username',
    autocomplete: 'username',
    value: me.email,
    hidden: true,
    readonly: true,
    tabindex: '-1',
    'aria-hidden': 'true',
  });
  form.element.prepend(username);
  return card('account-password', M.admPasswordTitle, M.admPasswordIntro, form.element);
}

/** The password rules answer about `password`; on this form that is the new one. */
function onNewPasswordField(error) {
  if (error instanceof ApiError && Array.isArray(error.problem.errors)) {
    for (const entry of error.problem.errors) {
      if (entry.field === 'password') entry.field = 'newPassword';
    }
  }
  return error;
}

function preferencesCard(preferences) {
  const channels = [...new Set(preferences.map((p) => p.channel))];
  const label = (p) =>
    channels.length > 1
      ? `${ruleKindName(p.ruleKind)} — ${channelName(p.channel)}`
      : ruleKindName(p.ruleKind);
  const fieldName = (p) => `prefs.${p.ruleKind}.${p.channel}`;
  const form = createForm({
    id: 'preferences-form',
    submitLabel: M.admPrefsSave,
    fields: preferences.map((p) => ({
      name: fieldName(p),
      label: label(p),
      type: 'checkbox',
      value: p.enabled,
      hint: ruleKindHint(p.ruleKind),
      wide: true,
    })),
    onSubmit: async (values, f) => {
      const body = {
        preferences: preferences.map((p) => ({
          ruleKind: p.ruleKind,
          channel: p.channel,
          enabled: Boolean(values.prefs?.[p.ruleKind]?.[p.channel]),
        })),
      };
      await api('/api/me/notification-preferences', { method: 'PUT', body });
      f.showMessage('success', M.admPrefsSaved);
    },
  });
  form.element.classList.add('adm-prefs');
  return card(
    'account-preferences',
    M.admPrefsTitle,
    t('admPrefsIntro', { channels: new Intl.ListFormat(LANG).format(channels.map(channelName)) }),
    form.element,
  );
}
