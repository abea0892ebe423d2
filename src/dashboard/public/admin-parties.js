// Parties, for admins: the states and organisations agreements are made between. A party's code is
// its key (other records refer to it) and never changes; its names can be corrected.
import { api } from './api.js';
import {
  LANGUAGE_CODES,
  adminTabs,
  disclosure,
  dataTable,
  focusTitle,
  languageName,
  loadParties,
  screenHeader,
} from './admin-ui.js';
import { h, notice } from './dom.js';
import { createForm } from './forms.js';
import { M, partyName, t } from './format.js';
import { registerScreen } from './router.js';

registerScreen({
  path: 'admin/parties',
  roles: ['admin'],
  render: renderParties,
});

const TYPES = ['state', 'organisation'];

/**
 * Whether the API stores a party's short name per language (`names: { fr, en, ar }`, e.g. IOM → OIM in
 * French). The one switch for the `names.*` fields: on as soon as the party list carries `names`, so
 * the fields appear with the API that accepts them and never send what it would refuse.
 */
const acceptsNames = (parties) => parties.some((p) => p.names && typeof p.names === 'object');

async function renderParties(view, _params, flash) {
  const parties = await loadParties();
  const withNames = acceptsNames(parties);
  const refresh = (message) => renderParties(view, _params, message);
  const { button: createButton, box: createBox } = disclosure({
    id: 'party-create-open',
    label: M.admPartyCreateOpen,
    build: (close) => createCard(withNames, refresh, close),
  });
  view.replaceChildren(
    h(
      'section',
      { class: 'adm-screen', 'aria-labelledby': 'parties-title' },
      adminTabs('admin/parties'),
      screenHeader('parties-title', M.admPartiesTitle, M.admPartiesIntro),
      h('div', { class: 'adm-toolbar' }, createButton),
      createBox,
      h(
        'div',
        { class: 'adm-flash', 'aria-live': 'polite' },
        flash ? notice('success', flash) : '',
      ),
      h(
        'section',
        { class: 'card adm-card', 'aria-label': M.admPartiesTitle },
        dataTable({
          caption: M.admPartiesTitle,
          empty: M.admPartiesEmpty,
          rowAttrs: (p) => ({ class: 'adm-row', dataset: { partyCode: p.code } }),
          columns: [
            { label: M.admFieldCode, cell: (p) => h('code', {}, p.code) },
            {
              label: M.admFieldShownAs,
              cell: (p) => h('span', { class: 'adm-strong', dir: 'auto' }, partyName(p.code)),
            },
            { label: M.admFieldPartyName, cell: (p) => h('span', { dir: 'auto' }, p.name) },
            { label: M.admFieldType, cell: (p) => M.admPartyTypes[p.type] || p.type },
            {
              label: M.admActions,
              className: 'adm-actions-cell',
              cell: (p) => partyActions(p, withNames, refresh),
            },
          ],
          rows: parties,
        }),
      ),
    ),
  );
  if (!flash) focusTitle(view);
}

function nameFields(party) {
  return LANGUAGE_CODES.map((code) => ({
    name: `names.${code}`,
    label: t('admFieldNameIn', { language: languageName(code) }),
    maxLength: 200,
    value: party?.names?.[code] ?? '',
    dir: code === 'ar' ? 'rtl' : 'ltr',
    emptyAs: party ? 'null' : 'omit',
  }));
}

const typeOptions = () => TYPES.map((type) => ({ value: type, label: M.admPartyTypes[type] }));

function createCard(withNames, refresh, close) {
  const form = createForm({
    id: 'party-create-form',
    submitLabel: M.admPartyCreate,
    onCancel: close,
    fields: [
      {
        name: 'code',
        label: M.admFieldCode,
        required: true,
        maxLength: 16,
        hint: M.admPartyCodeHint,
        autocomplete: 'off',
        dir: 'ltr',
      },
      {
        name: 'name',
        label: M.admFieldPartyName,
        required: true,
        maxLength: 200,
        hint: M.admPartyNameHint,
      },
      {
        name: 'type',
        label: M.admFieldType,
        type: 'select',
        required: true,
        options: typeOptions(),
        value: 'state',
      },
      ...(withNames ? nameFields(null) : []),
    ],
    onSubmit: async (values) => {
      const body = { ...values, code: String(values.code || '').toUpperCase() };
      const created = await api('/api/parties', { method: 'POST', body });
      await refresh(t('admPartyCreated', { name: created.name, code: created.code }));
    },
  });
  return h(
    'section',
    { class: 'card adm-card', 'aria-labelledby': 'party-create-title' },
    h('h3', { id: 'party-create-title' }, M.admPartyCreateTitle),
    form.element,
  );
}

function partyActions(party, withNames, refresh) {
  const box = h('div', { class: 'adm-inline-edit', hidden: true });
  const edit = h(
    'button',
    {
      type: 'button',
      class: 'btn ghost',
      'aria-expanded': 'false',
      'aria-label': t('admEditPartyLabel', { name: partyName(party.code) }),
      dataset: { action: 'edit' },
      onclick: () => {
        const opening = box.hidden;
        box.hidden = !opening;
        edit.setAttribute('aria-expanded', String(opening));
        if (opening) {
          box.replaceChildren(editForm(party, withNames, refresh, () => edit.click()));
          box.querySelector('input')?.focus();
        }
      },
    },
    M.admEdit,
  );
  return h('div', { class: 'adm-actions' }, h('div', { class: 'adm-buttons' }, edit), box);
}

/**
 * The full name and the short names per language; code and type are the party's identity and are
 * shown, not edited. Names left as they were are not sent; a cleared one is sent as null (removed).
 */
function editForm(party, withNames, refresh, close) {
  const form = createForm({
    id: `party-edit-${party.code}`,
    onCancel: close,
    fields: [
      {
        name: 'name',
        label: M.admFieldPartyName,
        required: true,
        maxLength: 200,
        value: party.name,
        wide: true,
      },
      ...(withNames ? nameFields(party) : []),
    ],
    onSubmit: async (_values, f) => {
      const changes = f.changedValues();
      if (Object.keys(changes).length === 0) {
        f.showMessage('info', M.admNothingChanged);
        return;
      }
      await api(`/api/parties/${encodeURIComponent(party.code)}`, {
        method: 'PATCH',
        body: changes,
      });
      await refresh(t('admPartySaved', { code: party.code }));
    },
  });
  return form.element;
}
