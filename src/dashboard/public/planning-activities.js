// Activities for programme managers and admins: the plan's activities with their actions
// (`#plan/<id>/activities`), creating one (`#plan/<id>/activities/new`), editing one
// (`#activity/<id>/edit`), cancelling it (a status change with a reason) and deleting it while nothing
// refers to it, each confirmed in the page.
import { ApiError, api, listAll } from './api.js';
import { h, notice } from './dom.js';
import { createForm, fieldErrorText } from './forms.js';
import {
  M,
  STATUSES,
  byDueDate,
  fmtDate,
  localized,
  pair,
  partyName,
  statusName,
  t,
  typeName,
} from './format.js';
import {
  PLANNING_ROLES,
  confirmInPage,
  loadParties,
  partyOptions,
  pruneTranslations,
  screenCard,
  setFlash,
  translationFields,
  ti,
  titleField,
} from './planning-common.js';
import { hrefFor, navigate, registerScreen } from './router.js';

const TYPES = [
  'workshop',
  'study_visit',
  'legal_exchange',
  'capacity_building',
  'awareness',
  'data_collection',
  'meeting',
  'other',
];
/** Themes the programme uses; an activity's own others are offered too, and new ones can be typed. */
const KNOWN_THEMES = [
  'data_collection',
  'victim_support',
  'referral_mechanisms',
  'standard_procedures',
  'child_trafficking',
  'legal_cooperation',
];
const THEME_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

registerScreen({ path: 'plan/:id/activities', roles: PLANNING_ROLES, render: renderManage });
registerScreen({ path: 'plan/:id/activities/new', roles: PLANNING_ROLES, render: renderCreate });
registerScreen({ path: 'activity/:id/edit', roles: PLANNING_ROLES, render: renderEdit });

const themeName = (theme) => M.plThemeNames[theme] || theme.replace(/_/g, ' ');

function activityFields(activity, plan, parties, planThemes, editing) {
  const themes = [...new Set([...KNOWN_THEMES, ...planThemes, ...(activity?.themes ?? [])])];
  const partyList = partyOptions(parties, [...plan.partyCodes, ...(activity?.partyCodes ?? [])]);
  const omitOrNull = editing ? 'null' : 'omit';
  return [
    {
      name: 'type',
      label: M.type,
      type: 'select',
      required: true,
      options: TYPES.map((v) => ({ value: v, label: typeName(v) })),
      value: activity?.type ?? 'workshop',
    },
    titleField(activity),
    {
      name: 'description',
      label: M.description,
      type: 'textarea',
      maxLength: 10000,
      value: activity?.description ?? '',
      emptyAs: omitOrNull,
    },
    ...translationFields(activity, { description: true, editing }),
    {
      name: 'leadPartyCode',
      label: M.plLeadParty,
      type: 'select',
      required: true,
      options: partyList,
      value: activity?.leadPartyCode ?? plan.partyCodes[0],
    },
    {
      name: 'partyCodes',
      label: M.plActivityParties,
      type: 'checkboxes',
      options: partyList,
      value: activity?.partyCodes ?? [],
      hint: M.plActivityPartiesHint,
    },
    {
      name: 'themes',
      label: M.plThemes,
      type: 'checkboxes',
      options: themes.map((v) => ({ value: v, label: themeName(v) })),
      value: activity?.themes ?? [],
    },
    {
      name: 'otherThemes',
      label: M.plOtherThemes,
      maxLength: 400,
      hint: M.plOtherThemesHint,
      dir: 'ltr',
    },
    {
      name: 'plannedStartOn',
      label: M.plPlannedStart,
      type: 'date',
      value: activity?.plannedStartOn ?? '',
      emptyAs: omitOrNull,
      hint: M.plPlannedStartHint,
    },
    {
      name: 'dueOn',
      label: M.plDueOn,
      type: 'date',
      required: true,
      value: activity?.dueOn ?? '',
      hint: M.plDueOnHint,
    },
    {
      name: 'status',
      label: M.status,
      type: 'select',
      required: true,
      options: STATUSES.map((v) => ({ value: v, label: statusName(v) })),
      value: activity?.status ?? 'planned',
      hint: editing ? M.plStatusHint : '',
    },
    {
      name: 'progressPercent',
      label: M.progress + ' (%)',
      type: 'number',
      min: 0,
      max: 100,
      value: activity?.progressPercent ?? 0,
    },
    {
      name: 'notes',
      label: M.notes,
      type: 'textarea',
      maxLength: 10000,
      value: activity?.notes ?? '',
      emptyAs: omitOrNull,
    },
    editing
      ? { name: 'note', label: M.changeNote, maxLength: 2000, wide: true, hint: M.plChangeNoteHint }
      : null,
  ].filter(Boolean);
}

/**
 * Folds the typed themes into `themes`, or answers an error for the field. `otherThemes` is the page's
 * own field: the API only knows `themes`.
 */
function foldThemes(body, form, all) {
  const typed = String(all.otherThemes || '')
    .split(/[,;]/)
    .map((s) => s.trim().toLowerCase().replace(/\s+/g, '_'))
    .filter(Boolean);
  delete body.otherThemes;
  const bad = typed.filter((theme) => !THEME_PATTERN.test(theme));
  if (bad.length) {
    form.setErrors({
      errors: [{ field: 'otherThemes', message: t('plBadThemes', { themes: bad.join(', ') }) }],
    });
    return false;
  }
  if (typed.length) body.themes = [...new Set([...(all.themes || []), ...typed])];
  return true;
}

async function planContext(planId) {
  const [plan, activities, parties] = await Promise.all([
    api(`/api/action-plans/${planId}`),
    listAll(`/api/action-plans/${planId}/activities`),
    loadParties(),
  ]);
  const planThemes = [...new Set(activities.flatMap((a) => a.themes || []))];
  return { plan, activities, parties, planThemes };
}

// ---------------------------------------------------------------- create

async function renderCreate(view, { id }) {
  const { plan, parties, planThemes } = await planContext(id);
  let created = 0;
  const form = createForm({
    id: 'pl-activity-form',
    fields: activityFields(null, plan, parties, planThemes, false),
    submitLabel: M.plCreateActivity,
    onCancel: () => navigate(hrefFor('plan', id)),
    onSubmit: async (values, f) => {
      if (!foldThemes(values, f, values)) return;
      const activity = await api(`/api/action-plans/${id}/activities`, {
        method: 'POST',
        body: pruneTranslations(values),
      });
      created++;
      // Several activities are often entered in a row: the form stays, emptied of what is per activity.
      f.element.reset();
      f.showMessage('success', ti('plActivityCreated', { title: activity.title }));
      addedList.append(
        h(
          'li',
          {},
          h('a', { href: hrefFor('activity', activity.id, 'edit'), dir: 'auto' }, activity.title),
          ' · ',
          fmtDate(activity.dueOn),
        ),
      );
      addedBox.hidden = created === 0;
      f.field('title').focus();
    },
  });
  const addedList = h('ul', { class: 'pl-subitems', id: 'pl-added' });
  const addedBox = h('div', { hidden: true }, h('h3', {}, M.plAddedSoFar), addedList);
  screenCard(
    view,
    {
      title: ti('plNewActivityTitle', { title: localized(plan, 'title') }),
      back: hrefFor('plan', id),
      backLabel: M.plBackToPlan,
      intro: M.plRequiredHint,
    },
    form.element,
    addedBox,
  );
}

// ---------------------------------------------------------------- edit, cancel, delete

async function renderEdit(view, { id }) {
  const activity = await api(`/api/activities/${id}`);
  const { plan, parties, planThemes } = await planContext(activity.planId);
  const form = createForm({
    id: 'pl-activity-form',
    fields: activityFields(activity, plan, parties, planThemes, true),
    onCancel: () => navigate(hrefFor('plan', plan.id, 'activities')),
    onSubmit: async (values, f) => {
      const body = f.changedValues();
      if (!foldThemes(body, f, values)) return;
      const note = body.note;
      delete body.note;
      if (Object.keys(body).length === 0) return f.showMessage('info', M.plNothingChanged);
      if (note) body.note = note;
      try {
        await api(`/api/activities/${id}`, {
          method: 'PATCH',
          body: { ...body, version: activity.version },
        });
      } catch (error) {
        if (error instanceof ApiError && error.status === 409)
          return f.showMessage('warning', M.plStale);
        throw error;
      }
      setFlash(ti('plActivitySaved', { title: body.title ?? activity.title }));
      navigate(hrefFor('plan', plan.id, 'activities'));
    },
  });
  const outcome = h('div', { id: 'pl-activity-outcome', 'aria-live': 'polite' });
  screenCard(
    view,
    {
      title: ti('plEditActivityTitle', { title: localized(activity, 'title') }),
      back: hrefFor('plan', plan.id, 'activities'),
      backLabel: M.plBackToActivities,
      intro: M.plRequiredHint,
    },
    form.element,
    h(
      'section',
      { class: 'pl-danger', 'aria-labelledby': 'pl-danger-title' },
      h('h3', { id: 'pl-danger-title' }, M.plEndActivity),
      h('p', { class: 'muted small' }, M.plEndActivityHint),
      outcome,
      h(
        'p',
        { class: 'pl-actions' },
        activity.status === 'cancelled'
          ? ''
          : h(
              'button',
              {
                type: 'button',
                class: 'btn ghost',
                id: 'pl-cancel-activity',
                onclick: () => cancelActivity(activity, outcome, plan.id),
              },
              M.plCancelActivity,
            ),
        h(
          'button',
          {
            type: 'button',
            class: 'btn danger',
            id: 'pl-delete-activity',
            onclick: () => deleteActivity(activity, outcome, plan.id),
          },
          M.plDeleteActivity,
        ),
      ),
    ),
  );
}

/** Cancelling is a status change with a reason (kept in the history); it stops the reminders. */
async function cancelActivity(activity, outcome, planId) {
  const reason = h('textarea', {
    id: 'pl-cancel-reason',
    rows: 3,
    maxlength: 2000,
    required: true,
    dir: 'auto',
  });
  const confirmed = await confirmInPage({
    title: M.plCancelActivity,
    text: ti('plCancelConfirm', { title: localized(activity, 'title') }),
    confirmLabel: M.plCancelActivity,
    danger: true,
    content: h(
      'div',
      { class: 'field' },
      h('label', { for: 'pl-cancel-reason' }, M.plCancelReason),
      reason,
    ),
    validate: () => reason.reportValidity(),
  });
  if (!confirmed) return;
  try {
    const latest = await api(`/api/activities/${activity.id}`);
    await api(`/api/activities/${activity.id}`, {
      method: 'PATCH',
      body: { status: 'cancelled', note: reason.value.trim(), version: latest.version },
    });
    setFlash(ti('plActivityCancelled', { title: activity.title }));
    navigate(hrefFor('plan', planId, 'activities'));
  } catch (error) {
    outcome.replaceChildren(notice('error', problemText(error)));
  }
}

/**
 * Deleting is for a mistake: the API refuses (409) once anything refers to the activity (history,
 * reminders, a carried-over copy), and then the page offers to cancel it instead.
 */
async function deleteActivity(activity, outcome, planId) {
  const confirmed = await confirmInPage({
    title: M.plDeleteActivity,
    text: ti('plDeleteConfirm', { title: localized(activity, 'title') }),
    confirmLabel: M.plDelete,
    danger: true,
  });
  if (!confirmed) return;
  try {
    const latest = await api(`/api/activities/${activity.id}`);
    await api(`/api/activities/${activity.id}?version=${latest.version}`, { method: 'DELETE' });
    setFlash(ti('plActivityDeleted', { title: activity.title }));
    navigate(hrefFor('plan', planId, 'activities'));
  } catch (error) {
    // 409 with cancelInstead: history, a renewal copy or a sent reminder refers to it.
    if (error instanceof ApiError && error.status === 409 && error.problem.cancelInstead) {
      outcome.replaceChildren(
        notice('warning', M.plCannotDelete),
        error.problem.detail ? h('p', { class: 'muted small' }, error.problem.detail) : '',
        activity.status === 'cancelled'
          ? ''
          : h(
              'p',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'btn primary',
                  id: 'pl-cancel-instead',
                  onclick: () => cancelActivity(activity, outcome, planId),
                },
                M.plCancelInstead,
              ),
            ),
      );
      return;
    }
    outcome.replaceChildren(notice('error', problemText(error)));
  }
}

function problemText(error) {
  if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    const fields = (error.problem.errors || []).map((e) => pair(e.field, fieldErrorText(e)));
    return [error.problem.detail, ...fields].filter(Boolean).join(' · ') || M.plStale;
  }
  return M.plActionFailed;
}

// ---------------------------------------------------------------- the plan's activities, to manage

async function renderManage(view, { id }) {
  const { plan, activities } = await planContext(id);
  activities.sort(byDueDate);
  screenCard(
    view,
    {
      title: ti('plManageTitle', { title: localized(plan, 'title') }),
      back: hrefFor('plan', id),
      backLabel: M.plBackToPlan,
    },
    h(
      'p',
      { class: 'pl-toolbar' },
      h(
        'a',
        { class: 'btn primary', href: hrefFor('plan', id, 'activities', 'new') },
        M.plNewActivity,
      ),
      h('a', { class: 'btn ghost', href: hrefFor('plan', id, 'import') }, M.plImport),
    ),
    activities.length
      ? h(
          'ul',
          { class: 'pl-items', id: 'pl-activity-list' },
          activities.map((a) =>
            h(
              'li',
              { class: 'pl-item', dataset: { id: a.id, status: a.status } },
              h(
                'div',
                { class: 'pl-item-head' },
                h(
                  'a',
                  { class: 'pl-item-title', href: hrefFor('activity', a.id, 'edit'), dir: 'auto' },
                  localized(a, 'title'),
                ),
                h('span', { class: 'badge status-' + a.status }, statusName(a.status)),
              ),
              h(
                'p',
                { class: 'pl-item-meta' },
                typeName(a.type),
                ' · ',
                pair(M.lead, partyName(a.leadPartyCode)),
                ' · ',
                pair(M.dueOn, fmtDate(a.dueOn)),
              ),
              h(
                'p',
                { class: 'pl-actions' },
                h('a', { class: 'btn ghost', href: hrefFor('activity', a.id, 'edit') }, M.plEdit),
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, M.plNoActivities),
  );
}
