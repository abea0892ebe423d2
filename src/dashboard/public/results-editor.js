// The framework's forms, for programme managers and admins: an objective (code, theme, title in
// fr/en/ar), an indicator (code, titles, measure, unit, baseline, dimensions, responsible party, the
// activities that serve it) and its targets per year and per reporting period. The API judges; its
// errors land beside the fields they name.
import { api } from './api.js';
import { M, localized } from './format.js';
import { createForm } from './forms.js';
import { partyOptions, pruneTranslations } from './planning-common.js';
import {
  DIMENSIONS,
  MEASURES,
  dimensionName,
  periodLabel,
  targetFor,
  yearsOf,
} from './results-model.js';

const base = (planId) => `/api/action-plans/${encodeURIComponent(planId)}/results`;
const LANGS = ['fr', 'en', 'ar'];

function titleFields(item) {
  const own = (item && item.translations) || {};
  return [
    {
      name: 'title',
      label: M.resTitleOriginal,
      required: true,
      maxLength: 500,
      value: item?.title ?? '',
      wide: true,
    },
    ...LANGS.map((lang) => ({
      name: `translations.${lang}.title`,
      label: M.resTitleIn[lang],
      maxLength: 500,
      value: own[lang]?.title ?? '',
      emptyAs: item ? 'null' : 'omit',
      dir: lang === 'ar' ? 'rtl' : 'ltr',
    })),
  ];
}

/** `objective` null: a new one. */
export function objectiveForm(ctx, objective, close) {
  const url = objective
    ? `${base(ctx.planId)}/objectives/${encodeURIComponent(objective.id)}`
    : `${base(ctx.planId)}/objectives`;
  return createForm({
    id: objective ? `res-objective-form-${objective.id}` : 'res-objective-form',
    submitLabel: objective ? M.formSave : M.resCreateObjective,
    onCancel: close,
    fields: [
      {
        name: 'code',
        label: M.resCode,
        required: true,
        maxLength: 32,
        value: objective?.code ?? '',
      },
      {
        name: 'theme',
        label: M.resTheme,
        maxLength: 64,
        value: objective?.theme ?? '',
        emptyAs: objective ? 'null' : 'omit',
      },
      ...titleFields(objective),
    ],
    onSubmit: async (values, form) => {
      const body = objective
        ? { ...form.changedValues(), version: objective.version }
        : pruneTranslations(values);
      await api(url, { method: objective ? 'PATCH' : 'POST', body });
      await ctx.rerender(M.resSavedObjective);
    },
  }).element;
}

/** `indicator` null: a new one under `objective`. */
export function indicatorForm(ctx, objective, indicator, close) {
  const years = yearsOf(ctx.framework.periods);
  const periods = ctx.framework.periods.map((p) => p.key);
  const targetKeys = [...years, ...periods];
  const measure = indicator?.measure ?? 'number';
  const targetFields = targetKeys.map((key) => ({
    name: `target.${key}`,
    label: key.length === 4 ? `${M.resTarget} ${key}` : `${M.resTarget} — ${periodLabel(key)}`,
    type: 'number',
    min: 0,
    step: 'any',
    value: indicator ? (targetFor(indicator, key) ?? '') : '',
  }));
  const activityOptions = ctx.activities.map((a) => ({
    value: a.id,
    label: localized(a, 'title'),
  }));
  const form = createForm({
    id: indicator ? `res-indicator-form-${indicator.id}` : `res-indicator-form-${objective.id}`,
    submitLabel: indicator ? M.formSave : M.resCreateIndicator,
    onCancel: close,
    fields: [
      {
        name: 'code',
        label: M.resCode,
        required: true,
        maxLength: 20,
        value: indicator?.code ?? '',
      },
      ...titleFields(indicator),
      {
        name: 'measure',
        label: M.resMeasure,
        type: 'select',
        required: true,
        value: measure,
        options: MEASURES.map((m) => ({ value: m, label: M.resMeasures[m] })),
      },
      {
        name: 'unit',
        label: M.resUnit,
        maxLength: 64,
        value: indicator?.unit ?? '',
      },
      {
        name: 'baselineValue',
        label: M.resBaseline,
        type: 'number',
        min: 0,
        step: 'any',
        value: indicator?.baselineValue ?? '',
        emptyAs: indicator ? 'null' : 'omit',
      },
      {
        name: 'baselineOn',
        label: M.resBaselineOn,
        type: 'date',
        value: indicator?.baselineOn ?? '',
        emptyAs: indicator ? 'null' : 'omit',
      },
      {
        name: 'responsiblePartyCode',
        label: M.resResponsible,
        type: 'select',
        value: indicator?.responsiblePartyCode ?? '',
        emptyAs: indicator ? 'null' : 'omit',
        options: partyOptions(
          ctx.parties.filter((p) => ctx.partyCodes.includes(p.code)),
          ctx.partyCodes,
        ),
      },
      {
        name: 'disaggregations',
        label: M.resDisaggregations,
        type: 'checkboxes',
        value: indicator?.disaggregations ?? [],
        options: DIMENSIONS.map((d) => ({ value: d, label: dimensionName(d) })),
      },
      activityOptions.length
        ? {
            name: 'activityIds',
            label: M.resActivities,
            type: 'multiselect',
            value: indicator?.activityIds ?? [],
            options: activityOptions,
            wide: true,
          }
        : null,
      ...targetFields,
    ].filter(Boolean),
    onSubmit: async (values, f) => {
      const { target, ...rest } = values;
      const targets = targetKeys
        .filter((key) => target && target[key] !== undefined && target[key] !== null)
        .map((key) => ({ period: key, targetValue: target[key] }));
      let saved;
      if (indicator) {
        const { target: _changedTargets, ...changed } = f.changedValues();
        saved = Object.keys(changed).length
          ? await api(`${base(ctx.planId)}/indicators/${encodeURIComponent(indicator.id)}`, {
              method: 'PATCH',
              body: { ...changed, version: indicator.version },
            })
          : indicator;
      } else {
        saved = await api(`${base(ctx.planId)}/indicators`, {
          method: 'POST',
          body: { ...pruneTranslations(rest), objectiveId: objective.id },
        });
      }
      await api(`${base(ctx.planId)}/indicators/${encodeURIComponent(saved.id)}/targets`, {
        method: 'PUT',
        body: { targets },
      });
      await ctx.rerender(M.resSavedIndicator);
    },
  });
  return form.element;
}
