// Required evidence per activity type, for programme managers and admins: which kinds each party's
// part needs before it may be marked completed. The API replaces the whole set and judges it.
import { api, describeError } from './api.js';
import { focusTitle, screenHeader } from './admin-ui.js';
import { h, notice } from './dom.js';
import { M, typeName } from './format.js';
import { registerScreen } from './router.js';

const KINDS = [
  'agenda',
  'attendance_list',
  'report',
  'photo',
  'legislation',
  'agreement_text',
  'court_decision',
  'awareness_material',
  'other',
];

registerScreen({
  path: 'evidence-requirements',
  roles: ['programme_manager', 'admin'],
  nav: () => M.evReqNav,
  navOrder: 81,
  render: renderRequirements,
});

async function renderRequirements(view) {
  const current = await api('/api/evidence-requirements');
  const status = h('div', { class: 'evidence-status', 'aria-live': 'polite' });
  const rows = current.items.map((item) =>
    h(
      'fieldset',
      { class: 'evidence-req-type', dataset: { type: item.activityType } },
      h('legend', {}, typeName(item.activityType)),
      KINDS.map((kind) => {
        const id = `req-${item.activityType}-${kind}`;
        return h(
          'span',
          { class: 'evidence-req-kind' },
          h('input', {
            type: 'checkbox',
            id,
            name: item.activityType,
            value: kind,
            checked: item.kinds.includes(kind),
          }),
          h('label', { for: id }, M.evKinds[kind] || kind),
        );
      }),
    ),
  );
  const form = h(
    'form',
    { id: 'evidence-requirements-form', class: 'evidence-req-form', onsubmit: save },
    rows,
    h('button', { type: 'submit', class: 'btn primary' }, M.evReqSave),
    status,
  );
  async function save(event) {
    event.preventDefault();
    const items = current.items.map((item) => ({
      activityType: item.activityType,
      kinds: [...form.querySelectorAll(`input[name="${item.activityType}"]:checked`)].map(
        (input) => input.value,
      ),
    }));
    try {
      await api('/api/evidence-requirements', { method: 'PUT', body: { items } });
      status.replaceChildren(notice('success', M.evReqSaved));
    } catch (error) {
      status.replaceChildren(
        notice('error', (error.problem && error.problem.detail) || describeError(error)),
      );
    }
  }
  view.replaceChildren(
    h(
      'section',
      { class: 'adm-screen', 'aria-labelledby': 'evidence-req-title' },
      screenHeader('evidence-req-title', M.evReqTitle, M.evReqIntro),
      h('section', { class: 'card adm-card' }, form),
    ),
  );
  focusTitle(view);
}
