// The treaty side of `#agreement/<id>`: where the agreement stands (signed and awaiting notifications,
// provisionally applied, in force, denounced, terminated), its entry into force as computed from the
// parties' notifications, and its timeline. Managers record notifications, amendments and
// denunciations here; a focal point records its own party's notification only.
import { api } from './api.js';
import { h } from './dom.js';
import { createForm } from './forms.js';
import { M, fmtDate, partyName } from './format.js';

const MANAGERS = ['admin', 'programme_manager'];
const fill = (text, params) =>
  String(text).replace(/\{(\w+)\}/g, (_, k) => (params[k] != null ? params[k] : ''));
const clauseText = (clause) =>
  fill(M.lcClauses[clause.basis] || clause.basis, { n: clause.count ?? '' });

/**
 * The lifecycle card: stage, clause, computed entry into force (or who has not notified), the
 * denunciation and the timeline; then the forms the reader may use. `reload` renders the screen again.
 */
export function lifecycleSection(agreement, timeline, user, reload) {
  const lc = agreement.lifecycle;
  if (!lc) return '';
  const detail = (term, value, id) => h('div', { id }, h('dt', {}, term), h('dd', {}, value));
  const notice =
    lc.denunciationNoticeMonths == null
      ? M.lcDenunciationDefault
      : fill(M.lcNoticeMonths, { n: lc.denunciationNoticeMonths });
  return h(
    'section',
    { class: 'card', id: 'agreement-lifecycle', 'aria-labelledby': 'agreement-lifecycle-title' },
    h('h3', { id: 'agreement-lifecycle-title' }, M.lcTitle),
    h(
      'dl',
      { class: 'details' },
      detail(
        M.lcStage,
        h(
          'span',
          { class: 'badge lifecycle-stage stage-' + lc.stage, dataset: { stage: lc.stage } },
          M.lcStages[lc.stage] || lc.stage,
        ),
        'lifecycle-stage',
      ),
      detail(M.lcClause, clauseText(lc.clause), 'lifecycle-clause'),
      detail(
        M.lcEntryIntoForce,
        lc.entryIntoForceOn ? fmtDate(lc.entryIntoForceOn) : M.lcNotYet,
        'lifecycle-entry',
      ),
      lc.awaitingNotificationFrom.length
        ? h(
            'p',
            { id: 'lifecycle-awaiting', class: 'notice warning' },
            fill(M.lcAwaiting, {
              parties: lc.awaitingNotificationFrom.map((c) => partyName(c)).join(', '),
            }),
          )
        : '',
      detail(M.lcDenunciationNotice, notice, 'lifecycle-notice'),
      lc.endsOn
        ? h(
            'p',
            { id: 'lifecycle-ends', class: 'notice' },
            fill(M.lcEndsOn, { date: fmtDate(lc.endsOn) }),
          )
        : '',
    ),
    h('h4', {}, M.lcTimeline),
    h(
      'ol',
      { class: 'history-list lifecycle-timeline', id: 'lifecycle-timeline' },
      timeline.map((e) =>
        h(
          'li',
          {
            class: 'lifecycle-event' + (e.upcoming ? ' upcoming' : ''),
            dataset: { kind: e.kind, on: e.on },
          },
          h('bdi', { class: 'lifecycle-date muted small' }, fmtDate(e.on)),
          ' ',
          h(
            'span',
            { class: 'lifecycle-what', dir: 'auto' },
            fill(M.lcEvents[e.kind] || e.kind, {
              party: e.partyCode ? partyName(e.partyCode) : '',
              label: e.label || '',
            }),
          ),
          e.upcoming ? h('span', { class: 'badge' }, ' ', M.lcUpcoming) : '',
        ),
      ),
    ),
    actions(agreement, user, reload),
  );
}

function partyOptionsOf(codes) {
  return codes.map((c) => ({ value: c, label: partyName(c) }));
}

/** A form folded in a <details>, so the card stays short on a phone. */
function folded(id, summary, form) {
  return h(
    'details',
    { class: 'lifecycle-action', id },
    h('summary', { class: 'btn ghost' }, summary),
    form.element,
  );
}

function actions(agreement, user, reload) {
  if (!user) return '';
  const lc = agreement.lifecycle;
  const base = `/api/agreements/${agreement.id}`;
  const manager = MANAGERS.includes(user.role);
  // Those who may notify: every party for a manager, its own party for a focal point.
  const notifiers = manager
    ? lc.awaitingNotificationFrom
    : lc.awaitingNotificationFrom.filter((c) => c === user.partyCode);
  const parts = [];
  if (notifiers.length) {
    parts.push(
      folded(
        'lifecycle-notify',
        M.lcRecordNotification,
        createForm({
          id: 'lifecycle-notification-form',
          submitLabel: M.lcSave,
          fields: [
            {
              name: 'partyCode',
              label: M.lcParty,
              type: 'select',
              required: true,
              options: partyOptionsOf(notifiers),
              value: notifiers[0],
            },
            { name: 'notifiedOn', label: M.lcNotifiedOn, type: 'date', required: true },
            { name: 'reference', label: M.lcReference, maxLength: 200 },
          ],
          onSubmit: async (values) => {
            await api(`${base}/notifications`, { method: 'POST', body: values });
            await reload();
          },
        }),
      ),
    );
  }
  if (!manager) return parts.length ? h('div', { class: 'lifecycle-actions' }, parts) : '';
  parts.push(
    folded(
      'lifecycle-amend',
      M.lcRecordAmendment,
      createForm({
        id: 'lifecycle-amendment-form',
        submitLabel: M.lcSave,
        fields: [
          { name: 'title', label: M.lcAmendmentTitle, required: true, maxLength: 500 },
          { name: 'signedOn', label: M.lcSignedOn, type: 'date', required: true },
          {
            name: 'entryIntoForce.basis',
            label: M.lcClause,
            type: 'select',
            required: true,
            options: Object.keys(M.lcClauses).map((b) => ({
              value: b,
              label: fill(M.lcClauses[b], { n: 'N' }),
            })),
            value: 'days_after_last_notification',
          },
          {
            name: 'entryIntoForce.count',
            label: M.lcFormCount,
            type: 'number',
            min: 0,
            max: 3650,
            hint: M.lcFormCountHint,
          },
          {
            name: 'entryIntoForceOn',
            label: M.lcAmendmentDate,
            type: 'date',
            hint: M.lcAmendmentDateHint,
          },
          {
            name: 'changes.durationMonths',
            label: M.lcNewDuration,
            type: 'number',
            min: 1,
            max: 1200,
          },
        ],
        onSubmit: async (values) => {
          await api(`${base}/amendments`, { method: 'POST', body: values });
          await reload();
        },
      }),
    ),
  );
  if (lc.denunciation) {
    parts.push(
      h(
        'button',
        {
          type: 'button',
          class: 'btn ghost',
          id: 'lifecycle-withdraw',
          onclick: async () => {
            await api(`${base}/denunciations/${lc.denunciation.id}`, { method: 'DELETE' });
            await reload();
          },
        },
        M.lcWithdrawDenunciation,
      ),
    );
  } else if (lc.stage !== 'signed' && lc.stage !== 'terminated') {
    parts.push(
      folded(
        'lifecycle-denounce',
        M.lcRecordDenunciation,
        createForm({
          id: 'lifecycle-denunciation-form',
          submitLabel: M.lcSave,
          fields: [
            {
              name: 'partyCode',
              label: M.lcParty,
              type: 'select',
              required: true,
              options: partyOptionsOf(agreement.partyCodes),
            },
            { name: 'notifiedOn', label: M.lcNotifiedOn, type: 'date', required: true },
          ],
          onSubmit: async (values) => {
            await api(`${base}/denunciations`, { method: 'POST', body: values });
            await reload();
          },
        }),
      ),
    );
  }
  return h('div', { class: 'lifecycle-actions' }, parts);
}
