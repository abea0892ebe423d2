// Building DOM nodes without innerHTML: data (titles, notes) only ever becomes text nodes.

const SVG_NS = 'http://www.w3.org/2000/svg';

function build(element, attrs, children) {
  for (const [name, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) continue;
    if (name.startsWith('on')) element.addEventListener(name.slice(2), value);
    else if (name === 'dataset') Object.assign(element.dataset, value);
    else element.setAttribute(name, value === true ? '' : String(value));
  }
  for (const child of children.flat(Infinity)) {
    if (child === undefined || child === null || child === false || child === '') continue;
    element.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return element;
}

/** An HTML element: h('p', { class: 'x', onclick }, 'text', child…). */
export const h = (tag, attrs, ...children) => build(document.createElement(tag), attrs, children);
/** An SVG element, same signature. */
export const s = (tag, attrs, ...children) =>
  build(document.createElementNS(SVG_NS, tag), attrs, children);
export const $ = (selector, root = document) => root.querySelector(selector);

/** A horizontal bar, sized through the CSSOM (allowed by the page's `style-src 'self'`). */
export function bar(percent, className, label) {
  const fill = h('span', { class: 'bar-fill' });
  fill.style.inlineSize = Math.max(0, Math.min(100, percent)) + '%';
  return h(
    'span',
    {
      class: 'bar ' + (className || ''),
      role: 'progressbar',
      'aria-valuemin': 0,
      'aria-valuemax': 100,
      'aria-valuenow': Math.round(percent),
      'aria-label': label,
    },
    fill,
  );
}

/** A message box; errors and warnings are announced at once, the rest politely. */
export function notice(kind, text) {
  const urgent = kind === 'error' || kind === 'warning';
  return h('p', { class: 'notice ' + kind, role: urgent ? 'alert' : 'status' }, text);
}

/**
 * Hands fetched bytes to the browser as a download, as a link with `download` would: through an object
 * URL, released a while later (some browsers still read it after click() returns).
 */
export function saveFile(blob, name) {
  const url = URL.createObjectURL(blob);
  const link = h('a', { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
