// Each party's part of an activity, inside the activity dialog: its status, progress, note, completion
// date, lateness and last update, the joint status rolled up from the parts (and the rule, in a line),
// and the evidence of each part and of the activity. A part is changed through its own route with its
// own version, so two countries reporting at once never conflict; a stale part (409) is explained and
// can be reloaded. Controls are only drawn where the reader may change the part (the server decides).
import { ApiError, api, describeError, isExpired, session } from './api.js';
import { bar, h, notice } from './dom.js';
import { evidencePanel } from './evidence-panel.js';
import { createForm } from './forms.js';
import {
  M,
  STATUSES,
  fmtDate,
  fmtInstant,
  fmtPercent,
  partyName,
  statusName,
  t,
} from './format.js';

/** A message to show on a part once the dialog is drawn again after its save. */
let flash = null;

/** Its own party's focal point, programme managers and admins (permissions.ts canEditPart). */
export function canEditPart(user, partyCode) {
  if (!user) return false;
  if (user.role === 'admin' || user.role === 'programme_manager') return true;
  return user.role === 'focal_point' && user.partyCode === partyCode;
}

/**
 * The parts section of the dialog for `activity` (an activity view with `parts`). `onChange(fresh)`
 * receives the activity as the server answered after a part changed (joint status and version moved),
 * so that the dialog redraws with it and a later joint save is not stale.
 */
export function activityPartsPanel(activity, onChange) {
  const parts = Array.isArray(activity.parts) ? activity.parts : [];
  const shown = flash && flash.activityId === activity.id ? flash : null;
  flash = null;
  return h(
    'section',
    { class: 'parts-panel', id: 'activity-parts', 'aria-labelledby': 'parts-title' },
    h('h3', { id: 'parts-title' }, M.partsTitle),
    h(
      'p',
      {
        class: 'parts-joint',
        id: 'parts-joint',
        dataset: { status: activity.status, progress: activity.progressPercent },
      },
      h('span', { class: 'parts-joint-label' }, M.partsJoint),
      ' ',
      h(
        'span',
        { class: 'badge status-' + activity.status, id: 'parts-joint-status' },
        statusName(activity.status),
      ),
      ' ',
      bar(activity.progressPercent, 'bar-sm status-' + activity.status, M.progress),
      ' ',
      h('span', { class: 'pct' }, fmtPercent(activity.progressPercent)),
    ),
    h('p', { class: 'muted small parts-rule', id: 'parts-rule' }, M.partsRule),
    h(
      'ul',
      { class: 'parts-list', id: 'parts-list' },
      parts.map((part) =>
        partItem(
          activity,
          part,
          shown && shown.partyCode === part.partyCode ? shown : null,
          onChange,
        ),
      ),
    ),
    h(
      'section',
      { class: 'parts-activity-evidence', 'aria-labelledby': 'parts-activity-evidence-title' },
      h('h4', { id: 'parts-activity-evidence-title' }, M.partsActivityEvidence),
      evidencePanel(activity, { partyCode: null }),
    ),
  );
}

function partItem(activity, part, shown, onChange) {
  const user = session.user;
  const party = partyName(part.partyCode);
  const editable = canEditPart(user, part.partyCode);
  const mine = !!user && user.role === 'focal_point' && user.partyCode === part.partyCode;
  const message = h('div', { class: 'part-message', id: `part-message-${part.partyCode}` });
  if (shown) message.append(notice(shown.kind, shown.text));
  return h(
    'li',
    {
      class: 'part' + (part.overdue ? ' is-overdue' : '') + (mine ? ' is-mine' : ''),
      id: `part-${part.partyCode}`,
      dataset: {
        party: part.partyCode,
        status: part.status,
        overdue: String(part.overdue),
        version: part.version,
        editable: String(editable),
      },
    },
    h(
      'h4',
      { class: 'part-title' },
      h('span', { class: 'part-party' }, party),
      mine ? h('span', { class: 'muted small' }, ' (' + M.partsYours + ')') : '',
      ' ',
      h('span', { class: 'badges' }, [
        h('span', { class: 'badge status-' + part.status }, statusName(part.status)),
        part.overdue ? h('span', { class: 'badge badge-overdue' }, M.overdueBadge) : '',
      ]),
    ),
    h(
      'dl',
      { class: 'details part-details' },
      detail(
        M.partsProgressValue,
        h(
          'span',
          { class: 'part-progress' },
          bar(part.progressPercent, 'bar-sm status-' + part.status, M.progress),
          ' ',
          h('span', { class: 'pct' }, fmtPercent(part.progressPercent)),
        ),
      ),
      part.completedOn ? detail(M.completedOn, fmtDate(part.completedOn)) : '',
      detail(M.partsUpdatedAt, part.updatedAt ? fmtInstant(part.updatedAt) : '—'),
      part.note
        ? h(
            'div',
            { class: 'part-note' },
            h('dt', {}, M.partsNoteValue),
            h('dd', { dir: 'auto' }, part.note),
          )
        : '',
    ),
    editable
      ? partForm(activity, part, message, onChange)
      : h('p', { class: 'muted small part-read-only' }, t('partsReadOnly', { party })),
    message,
    h('div', { class: 'part-evidence' }, evidencePanel(activity, { partyCode: part.partyCode })),
  );
}

function detail(term, value) {
  return h('div', {}, h('dt', {}, term), h('dd', {}, value));
}

/** The form of one part: only what changed is sent, with the part's own version. */
function partForm(activity, part, message, onChange) {
  const code = part.partyCode;
  const party = partyName(code);
  const form = createForm({
    id: `part-form-${code}`,
    submitLabel: M.partsSave,
    busyLabel: M.partsSaving,
    fields: [
      {
        name: 'status',
        label: M.partsStatus,
        type: 'select',
        required: true,
        options: STATUSES.map((s) => ({ value: s, label: statusName(s) })),
        value: part.status,
      },
      {
        name: 'progressPercent',
        label: M.partsProgress,
        type: 'number',
        min: 0,
        max: 100,
        value: part.progressPercent,
      },
      {
        name: 'completedOn',
        label: M.partsCompletedOn,
        type: 'date',
        hint: M.partsCompletedHint,
        value: part.completedOn || '',
      },
      {
        name: 'note',
        label: M.partsNote,
        type: 'textarea',
        maxLength: 10000,
        emptyAs: 'null',
        value: part.note || '',
      },
      { name: 'reason', label: M.partsReason, maxLength: 2000, wide: true },
    ],
    onSubmit: async (_values, f) => {
      message.replaceChildren();
      const changes = f.changedValues();
      delete changes.reason;
      if (Object.keys(changes).length === 0) {
        f.showMessage('info', M.partsNothingChanged);
        return;
      }
      const reason = f.field('reason').value.trim();
      const body = { version: part.version, ...changes, ...(reason ? { reason } : {}) };
      try {
        const fresh = await api(
          `/api/activities/${encodeURIComponent(activity.id)}/parts/${encodeURIComponent(code)}`,
          { method: 'PATCH', body },
        );
        flash = {
          activityId: activity.id,
          partyCode: code,
          kind: 'success',
          text: t('partsSaved', { party }),
        };
        onChange(fresh);
      } catch (error) {
        if (isStale(error)) return staleNotice(activity, code, party, message, onChange);
        if (isEvidenceMissing(error)) {
          // Beside the status, in the reader's words, naming the kinds the checklist below shows.
          const kinds = (error.problem.missingKinds || []).map(
            (k) => (M.evKinds && M.evKinds[k]) || k,
          );
          f.setErrors({
            errors: [
              {
                field: 'status',
                message: t('partsEvidenceMissing', { kinds: kinds.join(M.listSeparator) }),
              },
            ],
          });
          return;
        }
        if (error instanceof ApiError && error.status === 403) {
          f.showMessage('error', t('partsForbidden', { party }));
          return;
        }
        // Field errors beside their fields; anything else (missing evidence) in the form's box.
        throw error;
      }
    },
  });
  followStatus(form);
  return form.element;
}

/** Completing sets 100 % (the server refuses less) and asks for the date; reopening drops the date. */
function followStatus(form) {
  const status = form.field('status');
  const progress = form.field('progressPercent');
  const date = form.field('completedOn');
  const dateField = date.closest('.field');
  const initialDate = date.value;
  const initialProgress = progress.value;
  const apply = () => {
    const completed = status.value === 'completed';
    if (completed) progress.value = 100;
    else if (progress.disabled) progress.value = initialProgress;
    progress.disabled = completed;
    if (!completed) date.value = initialDate;
    dateField.hidden = !completed;
  };
  status.addEventListener('change', apply);
  apply();
}

/** A part's version conflict: the activity's own 409s (carried over) name no current version. */
const isStale = (error) =>
  error instanceof ApiError && error.status === 409 && error.problem.currentVersion !== undefined;

/** Completion refused until the evidence the activity's type requires is there (h/evidence). */
const isEvidenceMissing = (error) =>
  error instanceof ApiError && error.status === 409 && error.problem.code === 'evidence_missing';

function staleNotice(activity, code, party, message, onChange) {
  const reload = h(
    'button',
    {
      type: 'button',
      class: 'btn',
      id: `part-reload-${code}`,
      onclick: async () => {
        reload.disabled = true;
        try {
          onChange(await api(`/api/activities/${encodeURIComponent(activity.id)}`));
        } catch (error) {
          reload.disabled = false;
          if (!isExpired(error)) message.append(notice('error', describeError(error)));
        }
      },
    },
    M.partsReload,
  );
  message.replaceChildren(notice('warning', t('partsConflict', { party })), h('p', {}, reload));
}

/**
 * Whether the focal point's own part of an activity is still open (neither completed nor cancelled):
 * a joint activity whose Moroccan part is done leaves Morocco's list while Côte d'Ivoire's part is
 * still open. Without parts (an older answer) the joint status decides.
 */
export function ownPartOpen(activity, partyCode) {
  const own = (activity.parts || []).find((p) => p.partyCode === partyCode);
  const status = own ? own.status : activity.status;
  return status !== 'completed' && status !== 'cancelled';
}
