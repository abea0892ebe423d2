/**
 * A module loaded the first time it is needed rather than when the process starts. For the heavy
 * libraries only a few routes or jobs use (playwright-core for the committee pack's PDF: ~75 MB of
 * RSS just by being required; exceljs for XLSX: ~35 MB; xmlbuilder2 for IATI), so that an api or
 * worker that never prints a PDF or writes a workbook never pays for them (issue 11: ≤ 250 MB each).
 * `require` caches the module; this only spares the lookup on later calls.
 *
 * Usage, keeping the types: `const excel = onFirstUse(() => require('exceljs') as typeof import('exceljs'))`.
 */
export function onFirstUse<T>(load: () => T): () => T {
  let loaded: T | undefined;
  return () => (loaded ??= load());
}
