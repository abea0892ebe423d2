// STUB of the evidence helper's panel (h/evidence), so that the parts panel loads before that branch is
// merged; the merge replaces this file with the real panel.
export function evidencePanel() {
  return document.createDocumentFragment();
}
