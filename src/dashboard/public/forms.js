// Forms from field specs, with the API as the judge: the browser checks what HTML can (required,
// lengths, ranges), the API checks everything, and its problem+json `errors: [{ field, message }]` are
// shown beside the fields they name. A form never sends what it cannot show an error for: an error on
// an unknown field lands in the form's own message box.
import { ApiError, describeError, isExpired } from './api.js';
import { h, notice } from './dom.js';
import { M, fmtNumber } from './format.js';

let formCount = 0;

/**
 * A field spec:
 *   { name, label, type, required, hint, options, maxLength, min, max, step, value, emptyAs, rows,
 *     autocomplete, dir }
 * `type`: text (default) | textarea | email | password | number | date | select | multiselect |
 *   checkboxes | checkbox | url.
 * `options`: [{ value, label }] for select, multiselect and checkboxes.
 * `emptyAs`: what an empty field sends, 'omit' (default: left out of the body) or 'null' (cleared).
 * `name` may be dotted (`translations.en.title`): values() nests it, and API errors on that path match.
 */
export function createForm({
  fields,
  submitLabel,
  busyLabel,
  onSubmit,
  onCancel,
  cancelLabel,
  id,
}) {
  const formId = id || `form-${++formCount}`;
  const controls = new Map();
  const message = h('div', { class: 'form-message', 'aria-live': 'polite' });
  const submit = h('button', { type: 'submit', class: 'btn primary' }, submitLabel || M.formSave);
  const form = h(
    'form',
    { id: formId, class: 'form' },
    fields.map((spec) => fieldElement(formId, spec, controls)),
    message,
    h(
      'div',
      { class: 'form-actions' },
      submit,
      onCancel
        ? h(
            'button',
            { type: 'button', class: 'btn ghost', onclick: () => onCancel() },
            cancelLabel || M.formCancel,
          )
        : '',
    ),
  );
  const initial = new Map([...controls].map(([name, c]) => [name, JSON.stringify(c.read())]));

  const api = {
    element: form,
    /** The body to send: every field, nested by dotted names, empty ones per their `emptyAs`. */
    values: () => collect(controls, () => true),
    /** Only the fields the person changed, for a PATCH. */
    changedValues: () =>
      collect(controls, (name, c) => JSON.stringify(c.read()) !== initial.get(name)),
    setErrors: (problem) => showErrors(controls, message, problem),
    clearErrors: () => clearErrors(controls, message),
    showMessage: (kind, text) => message.replaceChildren(notice(kind, text)),
    field: (name) => controls.get(name)?.input,
  };

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(controls, message);
    if (!form.reportValidity()) return;
    submit.disabled = true;
    const label = submit.textContent;
    submit.textContent = busyLabel || M.formSaving;
    try {
      await onSubmit(api.values(), api);
    } catch (error) {
      if (!isExpired(error)) showFailure(controls, message, error);
    } finally {
      submit.disabled = false;
      submit.textContent = label;
    }
  });
  return api;
}

/** A 4xx as the person should read it: field errors beside fields, the rest in the message box. */
function showFailure(controls, message, error) {
  if (error instanceof ApiError && error.problem && Array.isArray(error.problem.errors)) {
    showErrors(controls, message, error.problem);
  } else if (error instanceof ApiError && error.status >= 400 && error.status < 500) {
    message.replaceChildren(notice('error', error.problem.detail || describeError(error)));
  } else {
    message.replaceChildren(notice('error', describeError(error)));
  }
}

function fieldElement(formId, spec, controls) {
  const id = `${formId}-${spec.name.replace(/[^\w-]/g, '-')}`;
  const errorBox = h('p', { class: 'field-error', id: id + '-error', hidden: true });
  const hint = spec.hint ? h('p', { class: 'field-hint', id: id + '-hint' }, spec.hint) : '';
  const describedBy = [spec.hint ? id + '-hint' : '', id + '-error'].filter(Boolean).join(' ');
  const control = buildControl(id, spec, describedBy);
  controls.set(spec.name, { ...control, spec, errorBox });
  const wide = spec.type === 'textarea' || spec.type === 'checkboxes' || spec.wide;
  if (spec.type === 'checkbox') {
    return h(
      'div',
      { class: 'field check' + (wide ? ' wide' : '') },
      control.input,
      h('label', { for: id }, spec.label),
      hint,
      errorBox,
    );
  }
  if (spec.type === 'checkboxes') {
    return h(
      'fieldset',
      { class: 'field choices wide', 'aria-describedby': describedBy },
      h('legend', {}, spec.label, spec.required ? h('span', { class: 'required' }, ' *') : ''),
      control.input,
      hint,
      errorBox,
    );
  }
  return h(
    'div',
    { class: 'field' + (wide ? ' wide' : '') },
    h(
      'label',
      { for: id },
      spec.label,
      spec.required ? h('span', { class: 'required' }, ' *') : '',
    ),
    control.input,
    hint,
    errorBox,
  );
}

/** The input for a spec and how to read it back as the API wants it. */
function buildControl(id, spec, describedBy) {
  const common = {
    id,
    name: spec.name,
    required: spec.required || undefined,
    'aria-describedby': describedBy,
  };
  switch (spec.type) {
    case 'textarea': {
      const input = h('textarea', {
        ...common,
        rows: spec.rows || 3,
        maxlength: spec.maxLength,
        dir: spec.dir || 'auto',
      });
      input.value = spec.value ?? '';
      return { input, read: () => input.value.trim() };
    }
    case 'select': {
      const input = h(
        'select',
        common,
        spec.required ? '' : h('option', { value: '' }, '—'),
        spec.options.map((o) => h('option', { value: o.value }, o.label)),
      );
      input.value = spec.value ?? (spec.required ? (spec.options[0]?.value ?? '') : '');
      return { input, read: () => input.value };
    }
    case 'multiselect': {
      const input = h(
        'select',
        { ...common, multiple: true, size: Math.min(6, spec.options.length) },
        spec.options.map((o) =>
          h('option', { value: o.value, selected: (spec.value || []).includes(o.value) }, o.label),
        ),
      );
      return { input, read: () => [...input.selectedOptions].map((o) => o.value) };
    }
    case 'checkboxes': {
      const boxes = spec.options.map((o) =>
        h('input', {
          type: 'checkbox',
          id: `${id}-${o.value}`,
          value: o.value,
          checked: (spec.value || []).includes(o.value),
        }),
      );
      const input = h(
        'div',
        { class: 'choice-list', id },
        spec.options.map((o, i) =>
          h('label', { class: 'choice', for: `${id}-${o.value}` }, boxes[i], ' ', o.label),
        ),
      );
      return { input, read: () => boxes.filter((b) => b.checked).map((b) => b.value) };
    }
    case 'checkbox': {
      const input = h('input', { ...common, type: 'checkbox', checked: Boolean(spec.value) });
      return { input, read: () => input.checked };
    }
    case 'number': {
      const input = h('input', {
        ...common,
        type: 'number',
        inputmode: 'numeric',
        min: spec.min,
        max: spec.max,
        step: spec.step ?? 1,
      });
      input.value = spec.value ?? '';
      return { input, read: () => (input.value === '' ? null : Number(input.value)) };
    }
    default: {
      const input = h('input', {
        ...common,
        type: spec.type || 'text',
        maxlength: spec.maxLength,
        autocomplete: spec.autocomplete,
        dir: spec.dir || (spec.type === 'date' ? undefined : 'auto'),
      });
      input.value = spec.value ?? '';
      return { input, read: () => (spec.type === 'password' ? input.value : input.value.trim()) };
    }
  }
}

function isEmpty(value) {
  return value === '' || value === null || (Array.isArray(value) && value.length === 0);
}

function collect(controls, include) {
  const body = {};
  for (const [name, control] of controls) {
    if (!include(name, control)) continue;
    let value = control.read();
    if (isEmpty(value) && !Array.isArray(value)) {
      if (control.spec.emptyAs !== 'null') continue;
      value = null;
    }
    setPath(body, name, value);
  }
  return body;
}

function setPath(target, dotted, value) {
  const keys = dotted.split('.');
  let node = target;
  for (const key of keys.slice(0, -1)) node = node[key] ??= {};
  node[keys.at(-1)] = value;
}

/**
 * The control an API error names: the exact field, else its nearest named parent (`partyCodes.1` →
 * `partyCodes`, `translations.en.title` → `translations.en` if that is how the form names it).
 */
function controlFor(controls, field) {
  const parts = String(field || '').split('.');
  for (let n = parts.length; n > 0; n--) {
    const control = controls.get(parts.slice(0, n).join('.'));
    if (control) return control;
  }
  return null;
}

/**
 * An API field error in the page's language: the API says which rule failed (`code`) and, in English,
 * its numbers (`must not be greater than 100`) or accepted values (`…: planned, completed`); a rule the
 * dictionary does not know (a domain rule with its own sentence) keeps the API's words.
 */
export function fieldErrorText({ code, message }) {
  const template = code && M.fieldErrors && M.fieldErrors[code];
  if (!template) return message;
  const number = /-?\d+(?:\.\d+)?/.exec(message || '');
  const colon = (message || '').lastIndexOf(': ');
  const params = {
    n: number ? fmtNumber(Number(number[0])) : '',
    values: colon >= 0 ? message.slice(colon + 2) : '',
  };
  return template.replace(/\{(\w+)\}/g, (all, name) => (name in params ? params[name] : all));
}

function showErrors(controls, message, problem) {
  clearErrors(controls, message);
  const unplaced = [];
  let first = null;
  for (const error of problem.errors || []) {
    const field = error.field;
    const text = fieldErrorText(error);
    const control = controlFor(controls, field);
    if (!control) {
      unplaced.push(field ? `${field}: ${text}` : text);
      continue;
    }
    control.errorBox.hidden = false;
    control.errorBox.textContent = control.errorBox.textContent
      ? `${control.errorBox.textContent} ${text}`
      : text;
    control.input.setAttribute('aria-invalid', 'true');
    first ??= control.input;
  }
  const summary = problem.errors?.length ? M.formHasErrors : problem.detail || M.formHasErrors;
  message.replaceChildren(
    notice('error', summary),
    unplaced.length
      ? h(
          'ul',
          { class: 'form-unplaced' },
          unplaced.map((u) => h('li', {}, u)),
        )
      : '',
  );
  (first || message).focus?.();
}

function clearErrors(controls, message) {
  message.replaceChildren();
  for (const control of controls.values()) {
    control.errorBox.hidden = true;
    control.errorBox.textContent = '';
    control.input.removeAttribute('aria-invalid');
  }
}
