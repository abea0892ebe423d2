// The meetings of a plan's joint follow-up committee (`#plan/<id>/meetings`): each meeting with its
// date, place, participants and decisions (and what became of each), the changes since the previous
// meeting in words, and, for programme managers and admins, recording, editing, holding and deleting
// meetings and turning a decision into an activity.
import { api, describeError, isExpired } from './api.js';
import { confirmButton, disclosure } from './admin-ui.js';
import { h, notice } from './dom.js';
import {
  M,
  fmtDate,
  fmtInstant,
  fmtPercent,
  LANG,
  localized,
  partyName,
  statusName,
  t,
  typeName,
} from './format.js';
import { createForm } from './forms.js';
import { packControls } from './meeting-pack.js';
import { isNotVisible, notFoundCard } from './not-found.js';
import { canPlan, loadParties, partyOptions, screenCard, setFlash, ti } from './planning-common.js';
import { hrefFor, registerScreen } from './router.js';

registerScreen({ path: 'plan/:id/meetings', render: renderMeetings });

const ACTIVITY_TYPES = [
  'workshop',
  'study_visit',
  'legal_exchange',
  'capacity_building',
  'awareness',
  'data_collection',
  'meeting',
  'other',
];

async function renderMeetings(view, { id }) {
  let plan;
  let meetings;
  try {
    [plan, meetings] = await Promise.all([
      api(`/api/action-plans/${id}`),
      api(`/api/action-plans/${id}/meetings`),
    ]);
  } catch (error) {
    if (isNotVisible(error)) return view.replaceChildren(notFoundCard('plan'));
    throw error;
  }
  const parties = canPlan() ? await loadParties() : [];
  const rerender = (flash) => {
    if (flash) setFlash(flash);
    return renderMeetings(view, { id });
  };
  const ctx = { planId: id, plan, parties, rerender };
  const creating = canPlan()
    ? disclosure({
        id: 'mtg-new',
        label: M.mtgNew,
        boxClass: 'mtg-new-box',
        build: (close) => newMeetingForm(ctx, close),
      })
    : null;
  screenCard(
    view,
    {
      title: t('mtgTitle', { plan: localized(plan, 'title') }),
      back: hrefFor('plan', id),
      backLabel: M.mtgBackToPlan,
      intro: M.mtgIntro,
      id: 'meetings-screen',
    },
    creating ? h('div', { class: 'mtg-actions' }, creating.button, creating.box) : '',
    meetings.items.length
      ? h(
          'ol',
          { class: 'mtg-list', id: 'mtg-list' },
          meetings.items.map((m) => h('li', {}, meetingCard(ctx, m))),
        )
      : h('p', { class: 'muted', id: 'mtg-none' }, M.mtgNone),
  );
}

/** "A. Bennani; MA; co-chair" lines → participants. */
function parseParticipants(text) {
  return String(text || '')
    .split('\n')
    .map((line) => line.split(/[;；]/).map((part) => part.trim()))
    .filter(([name]) => name)
    .map(([name, code, role]) => ({
      name,
      ...(code ? { partyCode: code.toUpperCase() } : {}),
      ...(role ? { role } : {}),
    }));
}

const participantsText = (participants) =>
  participants
    .map((p) => [p.name, p.partyCode || '', p.role || ''].join('; ').replace(/(; )+$/, ''))
    .join('\n');

function meetingFields(meeting) {
  return [
    { name: 'heldOn', label: M.mtgHeldOn, type: 'date', required: true, value: meeting?.heldOn },
    {
      name: 'place',
      label: M.mtgPlace,
      maxLength: 300,
      value: meeting?.place || '',
      emptyAs: meeting ? 'null' : 'omit',
    },
    {
      name: 'participants',
      label: M.mtgParticipants,
      type: 'textarea',
      rows: 4,
      hint: M.mtgParticipantsHint,
      value: meeting ? participantsText(meeting.participants) : '',
    },
  ];
}

function newMeetingForm(ctx, close) {
  const form = createForm({
    id: 'mtg-create-form',
    fields: [
      ...meetingFields(null),
      {
        name: 'status',
        label: M.mtgStatus,
        type: 'select',
        value: 'planned',
        options: ['planned', 'held'].map((s) => ({ value: s, label: M.mtgStatusNames[s] })),
      },
      {
        name: 'decisions',
        label: M.mtgDecisions,
        type: 'textarea',
        rows: 4,
        hint: M.mtgDecisionsHint,
      },
    ],
    submitLabel: M.mtgCreate,
    onCancel: close,
    onSubmit: async (values) => {
      const decisions = String(values.decisions || '')
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
        .map((text) => ({ text }));
      await api(`/api/action-plans/${ctx.planId}/meetings`, {
        method: 'POST',
        body: {
          ...values,
          participants: parseParticipants(values.participants),
          decisions,
        },
      });
      await ctx.rerender(M.mtgSaved);
    },
  });
  return form.element;
}

function meetingCard(ctx, meeting) {
  const message = h('div', { class: 'mtg-message', 'aria-live': 'polite' });
  const fail = (error) => {
    if (!isExpired(error))
      message.replaceChildren(notice('error', error.problem?.detail || describeError(error)));
  };
  const url = `/api/action-plans/${ctx.planId}/meetings/${meeting.id}`;
  const manage = canPlan();
  const editing = manage
    ? disclosure({
        id: `mtg-edit-${meeting.id}`,
        label: M.mtgEdit,
        boxClass: 'mtg-edit-box',
        build: (close) =>
          createForm({
            id: `mtg-edit-form-${meeting.id}`,
            fields: meetingFields(meeting),
            onCancel: close,
            onSubmit: async (values) => {
              await api(url, {
                method: 'PATCH',
                body: {
                  ...values,
                  participants: parseParticipants(values.participants),
                  version: meeting.version,
                },
              });
              await ctx.rerender(M.mtgSaved);
            },
          }).element,
      })
    : null;
  const holdButton =
    manage && meeting.status === 'planned'
      ? h(
          'button',
          {
            type: 'button',
            class: 'btn primary mtg-hold',
            onclick: async (event) => {
              event.currentTarget.disabled = true;
              try {
                await api(url, {
                  method: 'PATCH',
                  body: { status: 'held', version: meeting.version },
                });
                await ctx.rerender(M.mtgMarkedHeld);
              } catch (error) {
                event.target.disabled = false;
                fail(error);
              }
            },
          },
          M.mtgMarkHeld,
        )
      : '';
  const remove = manage
    ? confirmButton({
        label: M.mtgDelete,
        question: M.mtgDeleteQuestion,
        confirmLabel: M.mtgDelete,
        onConfirm: async () => {
          try {
            await api(`${url}?version=${meeting.version}`, { method: 'DELETE' });
            await ctx.rerender(M.mtgDeleted);
          } catch (error) {
            fail(error);
          }
        },
      })
    : '';
  const changes = h('div', { class: 'mtg-changes-body' }, h('p', { class: 'muted' }, M.loading));
  void loadChanges(url, changes);
  return h(
    'article',
    { class: 'card mtg-meeting', id: `meeting-${meeting.id}`, dataset: { status: meeting.status } },
    h(
      'header',
      { class: 'mtg-head' },
      h(
        'h3',
        {},
        fmtDate(meeting.heldOn),
        meeting.place ? h('span', { dir: 'auto' }, ' — ' + meeting.place) : '',
      ),
      h('span', { class: `chip mtg-status ${meeting.status}` }, M.mtgStatusNames[meeting.status]),
    ),
    meeting.baselineTakenAt
      ? h(
          'p',
          { class: 'muted small' },
          t('mtgBaselineTaken', { at: fmtInstant(meeting.baselineTakenAt) }),
        )
      : '',
    participantsList(meeting.participants),
    decisionsSection(ctx, meeting, url),
    h('section', { class: 'mtg-changes' }, h('h4', {}, M.mtgChanges), changes),
    meeting.status === 'held'
      ? h('div', { class: 'mtg-pack' }, packControls(ctx.planId, meeting))
      : '',
    manage
      ? h('div', { class: 'mtg-buttons' }, holdButton, editing.button, remove, editing.box)
      : '',
    message,
  );
}

function participantsList(participants) {
  if (!participants.length) return h('p', { class: 'muted small' }, M.mtgNoParticipants);
  return h(
    'div',
    { class: 'mtg-participants' },
    h('h4', {}, M.mtgParticipants),
    h(
      'ul',
      {},
      participants.map((p) =>
        h(
          'li',
          {},
          h('bdi', {}, p.name),
          p.partyCode ? ` (${partyName(p.partyCode)})` : '',
          p.role ? h('span', { class: 'muted' }, ' — ', h('bdi', {}, p.role)) : '',
        ),
      ),
    ),
  );
}

const decisionText = (d) =>
  (d.translations && d.translations[LANG] && d.translations[LANG].text) || d.text;

function decisionsSection(ctx, meeting, url) {
  const items = meeting.decisions.map((d) =>
    h(
      'li',
      { class: 'mtg-decision', id: `decision-${d.id}` },
      h('p', { dir: 'auto' }, decisionText(d)),
      d.activity ? becameOf(d.activity) : canPlan() ? makeActivityControl(ctx, d, url) : '',
    ),
  );
  const adding = canPlan()
    ? disclosure({
        id: `mtg-add-decision-${meeting.id}`,
        label: M.mtgAddDecision,
        boxClass: 'mtg-decision-box',
        build: (close) =>
          createForm({
            id: `mtg-decision-form-${meeting.id}`,
            fields: [
              {
                name: 'text',
                label: M.mtgDecisionText,
                type: 'textarea',
                rows: 3,
                required: true,
                maxLength: 10000,
              },
            ],
            onCancel: close,
            onSubmit: async (values) => {
              await api(`${url}/decisions`, { method: 'POST', body: values });
              await ctx.rerender(M.mtgSaved);
            },
          }).element,
      })
    : null;
  return h(
    'section',
    { class: 'mtg-decisions' },
    h('h4', {}, M.mtgDecisions),
    items.length ? h('ol', {}, items) : h('p', { class: 'muted small' }, M.mtgNoDecisions),
    adding ? h('div', {}, adding.button, adding.box) : '',
  );
}

/** What became of a decision: its activity's joint status, and each party's part. */
function becameOf(activity) {
  return h(
    'div',
    { class: 'mtg-became' },
    h(
      'p',
      {},
      ti('mtgBecame', { title: localized(activity, 'title'), status: statusName(activity.status) }),
      ' ',
      h('a', { href: hrefFor('activity', activity.id) }, '↗'),
    ),
    h(
      'ul',
      { class: 'chips' },
      activity.parts.map((p) =>
        h(
          'li',
          { class: 'chip' },
          t('mtgPartState', { party: partyName(p.partyCode), status: statusName(p.status) }),
        ),
      ),
    ),
  );
}

function makeActivityControl(ctx, decision, url) {
  const codes = ctx.plan.partyCodes || [];
  const control = disclosure({
    id: `mtg-make-activity-${decision.id}`,
    label: M.mtgMakeActivity,
    boxClass: 'mtg-make-box',
    build: (close) =>
      createForm({
        id: `mtg-activity-form-${decision.id}`,
        fields: [
          {
            name: 'type',
            label: M.mtgActivityType,
            type: 'select',
            required: true,
            options: ACTIVITY_TYPES.map((type) => ({ value: type, label: typeName(type) })),
          },
          {
            name: 'leadPartyCode',
            label: M.mtgLeadParty,
            type: 'select',
            required: true,
            options: partyOptions(
              ctx.parties.filter((p) => codes.includes(p.code)),
              codes,
            ),
          },
          { name: 'dueOn', label: M.mtgDueOn, type: 'date', required: true },
        ],
        submitLabel: M.mtgMakeActivity,
        onCancel: close,
        onSubmit: async (values) => {
          await api(`${url}/decisions/${decision.id}/activity`, {
            method: 'POST',
            body: { ...values, partyCodes: codes },
          });
          await ctx.rerender(M.mtgActivityCreated);
        },
      }).element,
  });
  return h('div', { class: 'mtg-make' }, control.button, control.box);
}

async function loadChanges(url, box) {
  try {
    const answer = await api(`${url}/changes`);
    box.replaceChildren(...changesInWords(answer));
  } catch (error) {
    if (!isExpired(error)) box.replaceChildren(notice('error', M.mtgChangesFailed));
  }
}

function valueInWords(field, value) {
  if (value === null || value === undefined) return M.mtgNoValue;
  if (field === 'status') return statusName(value);
  if (field === 'progressPercent') return fmtPercent(value);
  return fmtDate(value);
}

/** One sentence per change, in the page's language. */
export function changeInWords(change) {
  const activity = localized(change.activityTitle, 'title');
  const who = change.partyCode ? partyName(change.partyCode) : M.mtgJoint;
  switch (change.field) {
    case 'added':
      return change.partyCode
        ? ti('mtgChangePartAdded', { activity, who })
        : ti('mtgChangeAdded', { activity, status: statusName(change.to) });
    case 'removed':
      return change.partyCode
        ? ti('mtgChangePartRemoved', { activity, who })
        : ti('mtgChangeRemoved', { activity, status: statusName(change.from) });
    default:
      return ti('mtgChangeField', {
        activity,
        who,
        field: M.mtgFieldNames[change.field] || change.field,
        from: valueInWords(change.field, change.from),
        to: valueInWords(change.field, change.to),
      });
  }
}

function changesInWords({ meeting, previousMeeting, changes }) {
  if (!previousMeeting) return [h('p', { class: 'muted small' }, M.mtgNoPrevious)];
  const lead = t(meeting.baselineTakenAt ? 'mtgChangesSince' : 'mtgChangesLive', {
    date: fmtDate(previousMeeting.heldOn),
  });
  return [
    h('p', { class: 'small' }, lead),
    changes.length
      ? h(
          'ul',
          { class: 'mtg-change-list' },
          changes.map((c) =>
            h('li', { class: 'mtg-change', dataset: { field: c.field } }, changeInWords(c)),
          ),
        )
      : h('p', { class: 'muted small' }, M.mtgNoChanges),
  ];
}
