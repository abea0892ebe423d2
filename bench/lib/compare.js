'use strict';
/**
 * Are two answers the same? Bodies are compared byte for byte first; only when a route declares
 * volatile fields (values that cannot be equal between two requests, e.g. a new token's `iat`) are
 * they parsed and compared with those paths left out. The first difference is reported as a path.
 */

/** `paths` like 'accessToken', 'updatedAt', 'parts[].version': removed from a parsed body. */
function withoutVolatile(value, paths) {
  const drop = (node, segments) => {
    if (node === null || typeof node !== 'object' || segments.length === 0) return;
    const [head, ...rest] = segments;
    if (head.endsWith('[]')) {
      const list = node[head.slice(0, -2)];
      if (Array.isArray(list)) for (const item of list) drop(item, rest);
    } else if (rest.length === 0) {
      delete node[head];
    } else {
      drop(node[head], rest);
    }
  };
  const copy = structuredClone(value);
  for (const path of paths) drop(copy, path.split('.'));
  return copy;
}

/** The first place where `a` and `b` differ, as `{ path, accords, baseline }`, or null. */
function firstDifference(a, b, path = '$') {
  if (Object.is(a, b)) return null;
  const kind = (x) => (Array.isArray(x) ? 'array' : x === null ? 'null' : typeof x);
  if (kind(a) !== kind(b) || typeof a !== 'object') return { path, accords: a, baseline: b };
  if (Array.isArray(a)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i], b[i], `${path}[${i}]`);
      if (d) return d;
    }
    return null;
  }
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  for (let i = 0; i < Math.max(keysA.length, keysB.length); i++) {
    // Key order matters: the bytes on the wire differ when it does.
    if (keysA[i] !== keysB[i]) {
      return { path: `${path} (key #${i})`, accords: keysA[i], baseline: keysB[i] };
    }
    const d = firstDifference(a[keysA[i]], b[keysA[i]], `${path}.${keysA[i]}`);
    if (d) return d;
  }
  return null;
}

/** Where two texts first differ, with a little context, for non-JSON bodies (CSV). */
function firstTextDifference(a, b) {
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (i === a.length && i === b.length) return null;
  const line = a.slice(0, i).split('\n').length;
  return {
    path: `byte ${i} (line ${line})`,
    accords: a.slice(Math.max(0, i - 40), i + 40),
    baseline: b.slice(Math.max(0, i - 40), i + 40),
  };
}

/**
 * Compares two answers `{ status, contentType, text }`. Returns `{ equal, how, difference }`:
 * how = 'bytes' (identical bodies) or 'json without <paths>'.
 */
function compareAnswers(accords, baseline, volatile = []) {
  // Two identical error answers are no evidence that both servers do the route's work.
  if (accords.status >= 300 || baseline.status >= 300) {
    return {
      equal: false,
      how: 'status',
      difference: {
        path: 'HTTP status (not 2xx)',
        accords: `${accords.status} ${accords.text.slice(0, 150)}`,
        baseline: `${baseline.status} ${baseline.text.slice(0, 150)}`,
      },
    };
  }
  if (accords.status !== baseline.status) {
    return {
      equal: false,
      how: 'status',
      difference: { path: 'HTTP status', accords: accords.status, baseline: baseline.status },
    };
  }
  if (volatile.length === 0) {
    const difference =
      accords.text === baseline.text ? null : textOrJsonDifference(accords, baseline);
    return { equal: !difference, how: 'bytes', difference };
  }
  const a = withoutVolatile(JSON.parse(accords.text), volatile);
  const b = withoutVolatile(JSON.parse(baseline.text), volatile);
  const difference = firstDifference(a, b);
  return { equal: !difference, how: `JSON without ${volatile.join(', ')}`, difference };
}

function textOrJsonDifference(accords, baseline) {
  try {
    return (
      firstDifference(JSON.parse(accords.text), JSON.parse(baseline.text)) ??
      firstTextDifference(accords.text, baseline.text)
    );
  } catch {
    return firstTextDifference(accords.text, baseline.text);
  }
}

module.exports = { compareAnswers, firstDifference, withoutVolatile };
