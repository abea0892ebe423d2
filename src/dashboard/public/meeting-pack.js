// Stub until the committee pack lands (the pack helper owns this file and replaces it).
export function packControls() {
  return document.createDocumentFragment();
}
