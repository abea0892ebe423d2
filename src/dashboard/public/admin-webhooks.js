// Webhooks, for admins: the systems told about reminders by a signed POST. Create one (its signing
// secret is shown once, then never again), change its address or events, delete it, and see how its
// latest deliveries went.
import { api, listAll } from './api.js';
import {
  adminTabs,
  disclosure,
  confirmButton,
  dataTable,
  focusTitle,
  ruleKindName,
  screenHeader,
} from './admin-ui.js';
import { h, notice } from './dom.js';
import { createForm } from './forms.js';
import { M, fmtInstant, t, tp } from './format.js';
import { registerScreen } from './router.js';

registerScreen({
  path: 'admin/webhooks',
  roles: ['admin'],
  render: renderWebhooks,
});

/** What a webhook can subscribe to (the weekly digest goes by mail only). */
const EVENTS = [
  'activity_due',
  'activity_overdue',
  'agreement_expiry',
  'plan_expiry',
  'notice_deadline',
  'stagnation_nudge',
  'results_due',
  'results_overdue',
];
const RECENT = 5;

async function renderWebhooks(view, _params, flash) {
  const hooks = await listAll('/api/webhooks');
  const deliveries = await Promise.all(hooks.map((hook) => recentDeliveries(hook.id)));
  const byHook = new Map(hooks.map((hook, i) => [hook.id, deliveries[i]]));
  const refresh = (message, extra) => renderWebhooks(view, _params, { message, extra });
  const { button: createButton, box: createBox } = disclosure({
    id: 'webhook-create-open',
    label: M.admWebhookCreateOpen,
    build: (close) => createCard(refresh, close),
  });
  view.replaceChildren(
    h(
      'section',
      { class: 'adm-screen', 'aria-labelledby': 'webhooks-title' },
      adminTabs('admin/webhooks'),
      screenHeader('webhooks-title', M.admWebhooksTitle, M.admWebhooksIntro),
      h('div', { class: 'adm-toolbar' }, createButton),
      createBox,
      h(
        'div',
        { class: 'adm-flash', 'aria-live': 'polite' },
        flash ? notice('success', flash.message) : '',
        flash?.extra || '',
      ),
      h(
        'section',
        { class: 'card adm-card', 'aria-label': M.admWebhooksTitle },
        dataTable({
          caption: M.admWebhooksTitle,
          empty: M.admWebhooksEmpty,
          rowAttrs: (hook) => ({ class: 'adm-row', dataset: { webhookId: hook.id } }),
          rows: hooks,
          columns: [
            {
              label: M.admFieldUrl,
              cell: (hook) => [
                h('bdi', { class: 'adm-url', dir: 'ltr' }, hook.url),
                hook.description
                  ? h('p', { class: 'muted small', dir: 'auto' }, hook.description)
                  : '',
              ],
            },
            {
              label: M.admFieldEvents,
              cell: (hook) =>
                h(
                  'ul',
                  { class: 'adm-list' },
                  hook.events.map((e) => h('li', {}, ruleKindName(e))),
                ),
            },
            { label: M.admFieldDeliveries, cell: (hook) => deliverySummary(byHook.get(hook.id)) },
            {
              label: M.admActions,
              className: 'adm-actions-cell',
              cell: (hook) => hookActions(hook, refresh),
            },
          ],
        }),
      ),
    ),
  );
  if (!flash) focusTitle(view);
}

/** The latest deliveries to a webhook (`GET /api/notifications?recipient=<id>`), or null if unreadable. */
async function recentDeliveries(id) {
  try {
    return await api(
      `/api/notifications?recipient=${encodeURIComponent(id)}&page=1&pageSize=${RECENT}`,
    );
  } catch {
    return null;
  }
}

function deliverySummary(page) {
  if (!page) return h('span', { class: 'muted' }, M.admDeliveriesUnknown);
  if (page.total === 0) return h('span', { class: 'muted' }, M.admDeliveriesNone);
  const last = page.items[0];
  const failed = page.items.filter((n) => n.status === 'failed').length;
  return h(
    'div',
    { class: 'adm-deliveries' },
    h('p', {}, tp('admDeliveriesTotal', page.total)),
    h(
      'p',
      {},
      M.admDeliveryLast,
      ' ',
      h(
        'span',
        { class: 'adm-pill status-' + last.status },
        M.admDeliveryStatus[last.status] || last.status,
      ),
      ' ',
      h('span', { class: 'muted small' }, fmtInstant(last.sentAt || last.createdAt)),
    ),
    last.status === 'failed' && last.lastError
      ? h('p', { class: 'small text-overdue', dir: 'auto' }, last.lastError)
      : '',
    failed > 0 && last.status !== 'failed'
      ? h(
          'p',
          { class: 'small text-overdue' },
          t('admDeliveriesRecentFailures', { n: failed, of: page.items.length }),
        )
      : '',
  );
}

const eventOptions = () => EVENTS.map((e) => ({ value: e, label: ruleKindName(e) }));

function createCard(refresh, close) {
  const form = createForm({
    id: 'webhook-create-form',
    submitLabel: M.admWebhookCreate,
    onCancel: close,
    fields: [
      {
        name: 'url',
        label: M.admFieldUrl,
        type: 'url',
        required: true,
        maxLength: 2048,
        hint: M.admWebhookUrlHint,
        dir: 'ltr',
        wide: true,
      },
      {
        name: 'events',
        label: M.admFieldEvents,
        type: 'checkboxes',
        required: true,
        options: eventOptions(),
        value: ['activity_due', 'activity_overdue'],
      },
      { name: 'description', label: M.admFieldDescription, maxLength: 500, wide: true },
    ],
    onSubmit: async (values) => {
      const created = await api('/api/webhooks', { method: 'POST', body: values });
      await refresh(M.admWebhookCreated, created.secret ? secretBox(created.secret) : '');
    },
  });
  return h(
    'section',
    { class: 'card adm-card', 'aria-labelledby': 'webhook-create-title' },
    h('h3', { id: 'webhook-create-title' }, M.admWebhookCreateTitle),
    h('p', { class: 'muted small adm-card-intro' }, M.admWebhookSignatureHint),
    form.element,
  );
}

/** The signing secret, shown once with a copy button: the API never answers it again. */
function secretBox(secret) {
  const status = h('span', { class: 'small', 'aria-live': 'polite' });
  const value = h('input', {
    type: 'text',
    readonly: true,
    value: secret,
    id: 'webhook-secret',
    dir: 'ltr',
    class: 'adm-secret-value',
    'aria-label': M.admWebhookSecretLabel,
  });
  return h(
    'div',
    { class: 'notice warning adm-secret', role: 'alert' },
    h('p', {}, h('strong', {}, M.admWebhookSecretLabel)),
    h('p', {}, M.admWebhookSecretOnce),
    h(
      'div',
      { class: 'adm-secret-row' },
      value,
      h(
        'button',
        {
          type: 'button',
          class: 'btn ghost',
          onclick: async () => {
            value.select();
            try {
              await navigator.clipboard.writeText(secret);
              status.textContent = M.admCopied;
            } catch {
              status.textContent = M.admCopyManually;
            }
          },
        },
        M.admCopy,
      ),
      status,
    ),
  );
}

function hookActions(hook, refresh) {
  const box = h('div', { class: 'adm-inline-edit', hidden: true });
  const edit = h(
    'button',
    {
      type: 'button',
      class: 'btn ghost',
      'aria-expanded': 'false',
      dataset: { action: 'edit' },
      onclick: () => {
        const opening = box.hidden;
        box.hidden = !opening;
        edit.setAttribute('aria-expanded', String(opening));
        if (opening) {
          box.replaceChildren(editForm(hook, refresh, () => edit.click()));
          box.querySelector('input')?.focus();
        }
      },
    },
    M.admEdit,
  );
  const remove = confirmButton({
    label: M.admDelete,
    question: M.admWebhookDeleteQuestion,
    confirmLabel: M.admDeleteConfirm,
    onConfirm: async () => {
      await api(`/api/webhooks/${encodeURIComponent(hook.id)}`, { method: 'DELETE' });
      await refresh(M.admWebhookDeleted);
    },
  });
  return h('div', { class: 'adm-actions' }, h('div', { class: 'adm-buttons' }, edit, remove), box);
}

function editForm(hook, refresh, close) {
  const form = createForm({
    id: `webhook-edit-${hook.id}`,
    onCancel: close,
    fields: [
      {
        name: 'url',
        label: M.admFieldUrl,
        type: 'url',
        required: true,
        maxLength: 2048,
        value: hook.url,
        dir: 'ltr',
        wide: true,
      },
      {
        name: 'events',
        label: M.admFieldEvents,
        type: 'checkboxes',
        required: true,
        options: eventOptions(),
        value: hook.events,
      },
      {
        name: 'description',
        label: M.admFieldDescription,
        maxLength: 500,
        value: hook.description ?? '',
        emptyAs: 'null',
        wide: true,
      },
    ],
    onSubmit: async (_values, f) => {
      const changes = f.changedValues();
      if (Object.keys(changes).length === 0) {
        f.showMessage('info', M.admNothingChanged);
        return;
      }
      await api(`/api/webhooks/${encodeURIComponent(hook.id)}`, { method: 'PATCH', body: changes });
      await refresh(M.admWebhookSaved);
    },
  });
  return form.element;
}
