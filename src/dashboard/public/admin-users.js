// Users, for admins: who has an account, with which role and party; invite someone by e-mail (they
// set their own password from the mail: no admin ever types it); change a role, a party or an
// observer's agreements; deactivate and reactivate.
import { api, describeError, listAll, session } from './api.js';
import {
  LANGUAGE_CODES,
  ROLES,
  adminTabs,
  disclosure,
  confirmButton,
  dataTable,
  focusTitle,
  languageName,
  loadParties,
  screenHeader,
} from './admin-ui.js';
import { h, notice } from './dom.js';
import { createForm } from './forms.js';
import { LANG, M, localized, partyName, t, tp } from './format.js';
import { registerScreen } from './router.js';
import { enhanceTimeZoneSelect } from './time-zones.js';

registerScreen({
  path: 'admin/users',
  roles: ['admin'],
  nav: () => M.admNavAdministration,
  navOrder: 90,
  render: renderUsers,
});

const DEFAULT_TIME_ZONE = 'Africa/Casablanca';

async function renderUsers(view, _params, flash) {
  const [users, parties, agreements] = await Promise.all([
    listAll('/api/users'),
    loadParties(),
    listAll('/api/agreements').catch(() => []),
  ]);
  const refresh = (message) => renderUsers(view, _params, message);
  const context = { parties, agreements, refresh };
  const flashBox = h(
    'div',
    { class: 'adm-flash', 'aria-live': 'polite' },
    flash ? notice('success', flash) : '',
  );
  const { button: inviteButton, box: inviteBox } = disclosure({
    id: 'user-invite-open',
    label: M.admInviteOpen,
    boxClass: 'adm-invite',
    build: (close) => inviteCard(context, close),
  });
  const sorted = [...users].sort(
    (a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name, LANG),
  );
  view.replaceChildren(
    h(
      'section',
      { class: 'adm-screen', 'aria-labelledby': 'users-title' },
      adminTabs('admin/users'),
      screenHeader('users-title', M.admUsersTitle, M.admUsersIntro),
      h('div', { class: 'adm-toolbar' }, inviteButton),
      inviteBox,
      flashBox,
      h(
        'section',
        { class: 'card adm-card', 'aria-label': M.admUsersTitle },
        h('p', { class: 'muted small' }, tp('admUsersCount', users.length)),
        usersTable(sorted, context),
      ),
    ),
  );
  if (!flash) focusTitle(view);
}

const roleOptions = () => ROLES.map((r) => ({ value: r, label: M.roleNames[r] || r }));
const partyOptions = (parties) =>
  parties.map((p) => ({ value: p.code, label: `${partyName(p.code)} (${p.code})` }));

function inviteCard({ parties, refresh }, close) {
  const form = createForm({
    id: 'invite-form',
    submitLabel: M.admInviteSend,
    busyLabel: M.admInviteSending,
    onCancel: close,
    fields: [
      {
        name: 'email',
        label: M.admFieldEmail,
        type: 'email',
        required: true,
        maxLength: 254,
        autocomplete: 'off',
      },
      { name: 'name', label: M.admFieldName, required: true, maxLength: 200, autocomplete: 'off' },
      {
        name: 'role',
        label: M.admFieldRole,
        type: 'select',
        required: true,
        options: roleOptions(),
        value: 'focal_point',
      },
      {
        name: 'partyCode',
        label: M.admFieldParty,
        type: 'select',
        options: partyOptions(parties),
        hint: M.admPartyHint,
      },
      {
        name: 'locale',
        label: M.admFieldLanguage,
        type: 'select',
        required: true,
        options: LANGUAGE_CODES.map((code) => ({ value: code, label: languageName(code) })),
        value: LANG,
        hint: M.admInviteLanguageHint,
      },
      {
        name: 'timeZone',
        label: M.admFieldTimeZone,
        type: 'select',
        required: true,
        options: [{ value: DEFAULT_TIME_ZONE, label: DEFAULT_TIME_ZONE }],
        value: DEFAULT_TIME_ZONE,
        wide: true,
      },
    ],
    onSubmit: async (values) => {
      const invited = await api('/api/auth/invitations', { method: 'POST', body: values });
      await refresh(t('admInviteSent', { email: invited.email || values.email }));
    },
  });
  enhanceTimeZoneSelect(form.field('timeZone'), DEFAULT_TIME_ZONE);
  return h(
    'section',
    { class: 'card adm-card', 'aria-labelledby': 'invite-title' },
    h('h3', { id: 'invite-title' }, M.admInviteTitle),
    h('p', { class: 'muted small adm-card-intro' }, M.admInviteIntro),
    form.element,
  );
}

function usersTable(users, context) {
  const me = session.user?.id;
  return dataTable({
    caption: M.admUsersTitle,
    empty: M.admUsersEmpty,
    rows: users,
    rowAttrs: (u) => ({
      class: u.active ? 'adm-row' : 'adm-row is-inactive',
      dataset: { userId: u.id },
    }),
    columns: [
      {
        label: M.admFieldName,
        cell: (u) => [
          h('span', { class: 'adm-strong', dir: 'auto' }, u.name),
          u.id === me ? h('span', { class: 'adm-you' }, ' ', M.admYou) : '',
        ],
      },
      { label: M.admFieldEmail, cell: (u) => h('bdi', { class: 'adm-email' }, u.email) },
      { label: M.admFieldRole, cell: (u) => M.roleNames[u.role] || u.role },
      { label: M.admFieldParty, cell: (u) => (u.partyCode ? partyName(u.partyCode) : '—') },
      { label: M.admFieldLanguage, cell: (u) => languageName(u.locale) },
      { label: M.admFieldStatus, cell: statusPill },
      {
        label: M.admActions,
        className: 'adm-actions-cell',
        cell: (u) => userActions(u, context, u.id === me),
      },
    ],
  });
}

function statusPill(user) {
  const [kind, text] = !user.active
    ? ['is-off', M.admInactive]
    : user.invitationPending
      ? ['is-pending', M.admInvitationPending]
      : ['is-on', M.admActive];
  return h('span', { class: 'adm-pill ' + kind }, text);
}

/** Posting the invitation again mails a fresh link (the older one stops working). */
function resendButton(user, { refresh }) {
  const button = h(
    'button',
    {
      type: 'button',
      class: 'btn ghost',
      dataset: { action: 'resend' },
      onclick: async () => {
        button.disabled = true;
        try {
          const body = {
            email: user.email,
            name: user.name,
            role: user.role,
            locale: user.locale,
            timeZone: user.timeZone,
          };
          if (user.partyCode) body.partyCode = user.partyCode;
          await api('/api/auth/invitations', { method: 'POST', body });
          await refresh(t('admInviteSent', { email: user.email }));
        } catch (error) {
          button.disabled = false;
          button.after(notice('error', error?.problem?.detail || describeError(error)));
        }
      },
    },
    M.admInviteResend,
  );
  return button;
}

function userActions(user, context, isMe) {
  const editBox = h('div', { class: 'adm-inline-edit', hidden: true });
  const edit = h(
    'button',
    {
      type: 'button',
      class: 'btn ghost',
      'aria-expanded': 'false',
      'aria-label': t('admEditUserLabel', { name: user.name }),
      dataset: { action: 'edit' },
      onclick: () => {
        const opening = editBox.hidden;
        editBox.hidden = !opening;
        edit.setAttribute('aria-expanded', String(opening));
        if (opening) {
          editBox.replaceChildren(editForm(user, context, () => edit.click()));
          editBox.querySelector('select')?.focus();
        }
      },
    },
    M.admEdit,
  );
  const toggle = isMe
    ? ''
    : user.active
      ? confirmButton({
          label: M.admDeactivate,
          question: t('admDeactivateQuestion', { name: user.name }),
          confirmLabel: M.admDeactivateConfirm,
          onConfirm: () => setActive(user, false, context),
        })
      : h(
          'button',
          {
            type: 'button',
            class: 'btn ghost',
            dataset: { action: 'reactivate' },
            onclick: () => setActive(user, true, context),
          },
          M.admReactivate,
        );
  const resend = user.active && user.invitationPending ? resendButton(user, context) : '';
  return h(
    'div',
    { class: 'adm-actions' },
    h('div', { class: 'adm-buttons' }, edit, resend, toggle),
    editBox,
  );
}

async function setActive(user, active, { refresh }) {
  await api(`/api/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: { active } });
  await refresh(t(active ? 'admReactivated' : 'admDeactivated', { name: user.name }));
}

function editForm(user, { parties, agreements, refresh }, close) {
  const fields = [
    {
      name: 'role',
      label: M.admFieldRole,
      type: 'select',
      required: true,
      options: roleOptions(),
      value: user.role,
    },
    {
      name: 'partyCode',
      label: M.admFieldParty,
      type: 'select',
      options: partyOptions(parties),
      value: user.partyCode ?? '',
      emptyAs: 'null',
      hint: M.admPartyHint,
    },
  ];
  if (agreements.length > 0) {
    fields.push({
      name: 'observedAgreementIds',
      label: M.admFieldObserved,
      type: 'checkboxes',
      hint: M.admObservedHint,
      options: agreements.map((a) => ({ value: a.id, label: localized(a, 'title') })),
      value: user.observedAgreementIds || [],
    });
  }
  const form = createForm({
    id: `user-edit-${user.id}`,
    submitLabel: M.formSave,
    onCancel: close,
    fields,
    onSubmit: async (_values, f) => {
      const changes = f.changedValues();
      if (Object.keys(changes).length === 0) {
        f.showMessage('info', M.admNothingChanged);
        return;
      }
      await api(`/api/users/${encodeURIComponent(user.id)}`, { method: 'PATCH', body: changes });
      await refresh(t('admUserSaved', { name: user.name }));
    },
  });
  return form.element;
}
