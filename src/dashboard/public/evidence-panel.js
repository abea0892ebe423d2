// Evidence of an activity or of one party's part: the checklist of what its type requires (ticked when
// present), the files with download and delete, and an upload form. The server decides everything
// (type from the content, size, rights); the page only avoids sending what it already knows will fail.
import { ApiError, api, describeError, fetchFile, session } from './api.js';
import { confirmButton } from './admin-ui.js';
import { h, notice, saveFile } from './dom.js';
import { M, fmtInstant, fmtNumber, partyName, t } from './format.js';

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
/** What the file input offers (the server still reads the content). */
const ACCEPT =
  '.pdf,.png,.jpg,.jpeg,.webp,.docx,.xlsx,.pptx,.odt,.ods,.odp,.txt,.csv,' +
  'application/pdf,image/png,image/jpeg,image/webp,text/plain,text/csv';

const kindName = (kind) => (M.evKinds && M.evKinds[kind]) || kind;
const isManager = (user) => user && (user.role === 'admin' || user.role === 'programme_manager');
const partiesOf = (activity) => [
  ...new Set([activity.leadPartyCode, ...(activity.partyCodes || [])].filter(Boolean)),
];

/** Mirrors canUploadEvidence (src/common/auth/permissions.ts). */
function mayUpload(user, activity, partyCode) {
  if (!user) return false;
  if (isManager(user)) return true;
  if (user.role !== 'focal_point' || !user.partyCode) return false;
  return partyCode ? user.partyCode === partyCode : partiesOf(activity).includes(user.partyCode);
}

const mayDelete = (user, item) =>
  isManager(user) || (user && item.uploadedBy && item.uploadedBy.id === user.id);

function sizeText(bytes) {
  if (bytes >= 1024 * 1024) return fmtNumber(Math.round((bytes / (1024 * 1024)) * 10) / 10) + ' MB';
  if (bytes >= 1024) return fmtNumber(Math.round(bytes / 1024)) + ' KB';
  return fmtNumber(bytes) + ' B';
}

/**
 * The evidence panel of `activity` (`{ id, leadPartyCode, partyCodes }`), for one party's part
 * (`partyCode`) or, with `partyCode` null, for the whole activity. After an upload or a deletion it
 * fires `evidence-changed` (bubbling) so that the part around it can refresh.
 */
export function evidencePanel(activity, { partyCode = null } = {}) {
  const user = session.user;
  const idBase = `ev-${activity.id.slice(0, 8)}-${partyCode || 'all'}`;
  const status = h('div', { class: 'evidence-status', 'aria-live': 'polite' });
  const checklist = h('ul', { class: 'evidence-checklist' });
  const files = h('ul', { class: 'evidence-files' });
  const root = h(
    'section',
    {
      class: 'evidence-panel',
      dataset: { partyCode: partyCode || '' },
      'aria-labelledby': idBase + '-title',
    },
    h('h4', { id: idBase + '-title', class: 'evidence-title' }, M.evTitle),
    h('h5', { class: 'evidence-subtitle' }, M.evChecklist),
    checklist,
    h('h5', { class: 'evidence-subtitle' }, M.evFiles),
    files,
    status,
  );
  let maxBytes = null;
  const base = `/api/activities/${activity.id}/evidence`;
  const form = mayUpload(user, activity, partyCode) ? uploadForm() : null;
  if (form) root.append(form.element);

  function show(kind, text) {
    status.replaceChildren(notice(kind, text));
  }

  async function load() {
    let data;
    try {
      data = await api(base);
    } catch (error) {
      show('error', error instanceof ApiError ? M.evLoadFailed : describeError(error));
      return;
    }
    maxBytes = data.maxBytes;
    if (form) form.setMax(maxBytes);
    const lists = partyCode
      ? data.requirements.filter((r) => r.partyCode === partyCode)
      : data.requirements;
    renderChecklist(lists);
    const items = partyCode
      ? data.items.filter((i) => i.partyCode === partyCode || i.partyCode === null)
      : data.items;
    renderFiles(items);
  }

  function renderChecklist(lists) {
    const required = lists.length ? lists[0].required : [];
    if (required.length === 0) {
      checklist.replaceChildren(h('li', { class: 'evidence-none' }, M.evNoneRequired));
      return;
    }
    checklist.replaceChildren(
      ...required.map((kind) => {
        const missingFor = lists.filter((l) => l.missing.includes(kind)).map((l) => l.partyCode);
        const present = missingFor.length === 0;
        return h(
          'li',
          { class: present ? 'present' : 'missing', dataset: { kind } },
          h('span', { class: 'evidence-tick', 'aria-hidden': 'true' }, present ? '✓' : '○'),
          ' ',
          kindName(kind),
          ' — ',
          h('span', { class: 'evidence-state' }, present ? M.evPresent : M.evMissing),
          !partyCode && missingFor.length
            ? h(
                'span',
                { class: 'evidence-parties' },
                ' (' + missingFor.map(partyName).join(', ') + ')',
              )
            : '',
        );
      }),
    );
  }

  function renderFiles(items) {
    if (items.length === 0) {
      files.replaceChildren(h('li', { class: 'evidence-empty' }, M.evNoFiles));
      return;
    }
    files.replaceChildren(...items.map(fileLine));
  }

  function fileLine(item) {
    const url = `${base}/${item.id}/content`;
    const link = h(
      'a',
      {
        href: url,
        class: 'evidence-download',
        'aria-label': t('evDownload', { name: item.fileName }),
        onclick: (event) => {
          event.preventDefault();
          void download(url, item.fileName);
        },
      },
      h('bdi', {}, item.fileName),
    );
    return h(
      'li',
      { class: 'evidence-file', dataset: { id: item.id, kind: item.kind } },
      h('span', { class: 'evidence-kind' }, kindName(item.kind)),
      ' ',
      link,
      ' ',
      h(
        'span',
        { class: 'evidence-meta' },
        sizeText(item.sizeBytes),
        ' · ',
        h('bdi', {}, (item.uploadedBy && item.uploadedBy.name) || '—'),
        ' · ',
        fmtInstant(item.uploadedAt),
        item.partyCode === null && partyCode ? ' · ' + M.evShared : '',
        item.partyCode !== null && !partyCode ? ' · ' + partyName(item.partyCode) : '',
      ),
      mayDelete(user, item)
        ? confirmButton({
            label: M.evDelete,
            question: M.evDeleteQuestion,
            confirmLabel: M.evDeleteConfirm,
            className: 'btn ghost evidence-delete',
            onConfirm: async () => {
              try {
                await api(`${base}/${item.id}`, { method: 'DELETE' });
                show('success', M.evDeleted);
                changed();
              } catch (error) {
                show('error', errorText(error));
              }
            },
          })
        : '',
    );
  }

  async function download(url, name) {
    try {
      const file = await fetchFile(url);
      saveFile(file.blob, file.name || name);
    } catch (error) {
      show('error', describeError(error));
    }
  }

  function changed() {
    void load();
    root.dispatchEvent(new CustomEvent('evidence-changed', { bubbles: true }));
  }

  function errorText(error) {
    if (!(error instanceof ApiError)) return describeError(error);
    const max = maxBytes ? sizeText(maxBytes) : '';
    if (error.status === 413) return t('evErrTooLarge', { max });
    if (error.status === 415) return M.evErrType;
    if (error.status === 403) return M.evErrForbidden;
    return t('evErrFailed', { status: error.status });
  }

  function uploadForm() {
    const kind = h(
      'select',
      { id: idBase + '-kind', name: 'kind', required: true },
      KINDS.map((k) => h('option', { value: k }, kindName(k))),
    );
    const scope = partyCode
      ? h(
          'select',
          { id: idBase + '-scope', name: 'scope' },
          h('option', { value: 'part' }, t('evScopePart', { party: partyName(partyCode) })),
          h('option', { value: 'activity' }, M.evScopeActivity),
        )
      : null;
    const file = h('input', {
      id: idBase + '-file',
      name: 'file',
      type: 'file',
      required: true,
      accept: ACCEPT,
      'aria-describedby': idBase + '-hint',
    });
    const hint = h('p', { id: idBase + '-hint', class: 'hint' }, t('evFileHint', { max: '25 MB' }));
    const submit = h('button', { type: 'submit', class: 'btn primary' }, M.evUpload);
    const element = h(
      'form',
      {
        class: 'evidence-upload',
        'aria-label': M.evUploadTitle,
        onsubmit: onSubmit,
        novalidate: true,
      },
      h('h5', { class: 'evidence-subtitle' }, M.evUploadTitle),
      h('label', { for: kind.id }, M.evKind),
      kind,
      scope ? h('label', { for: scope.id }, M.evScope) : '',
      scope || '',
      h('label', { for: file.id }, M.evFile),
      file,
      hint,
      submit,
    );
    async function onSubmit(event) {
      event.preventDefault();
      const chosen = file.files && file.files[0];
      if (!chosen) {
        show('error', M.evChooseFile);
        file.focus();
        return;
      }
      if (maxBytes && chosen.size > maxBytes) {
        show('error', t('evErrTooLarge', { max: sizeText(maxBytes) }));
        return;
      }
      const body = new FormData();
      body.append('kind', kind.value);
      if (partyCode && (!scope || scope.value === 'part')) body.append('partyCode', partyCode);
      body.append('file', chosen, chosen.name);
      submit.disabled = true;
      submit.textContent = M.evUploading;
      try {
        const item = await api(base, { method: 'POST', body });
        show('success', t('evUploaded', { name: item.fileName }));
        element.reset();
        changed();
      } catch (error) {
        show('error', errorText(error));
      } finally {
        submit.disabled = false;
        submit.textContent = M.evUpload;
      }
    }
    return {
      element,
      setMax(bytes) {
        hint.textContent = t('evFileHint', { max: sizeText(bytes) });
      },
    };
  }

  void load();
  return root;
}
