/** Longest cleaned file name, in characters (code points), extension included. */
export const MAX_FILE_NAME_LENGTH = 150;
const FALLBACK_STEM = 'evidence';

/**
 * Characters never kept in a file name: C0/C1 controls and DEL; bidirectional embeddings, overrides
 * and isolates and the direction marks (a name like "invoice\u202Efdp.exe" would read as "invoiceexe.pdf");
 * zero-width characters and the BOM (names that look the same but differ).
 */
const INVISIBLE =
  // eslint-disable-next-line no-control-regex
  /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u202a-\u202e\u2060-\u2069\ufeff]/g;
/** Reserved on Windows, or path separators anywhere. */
const RESERVED = /[<>:"/\\|?*]/g;
/** Device names Windows will not open as files, whatever the extension. */
const WINDOWS_DEVICE = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/i;

/**
 * The name a file is stored and downloaded under: the last path segment only (a browser or a script
 * may send `C:\Users\x\agenda.pdf` or `../../etc/passwd`), without invisible or reserved characters,
 * whitespace collapsed, no leading dots (no hidden files) nor trailing dots or spaces, not a Windows
 * device name, at most MAX_FILE_NAME_LENGTH characters with the extension kept, and `evidence` (with the
 * extension) when nothing is left. `extension` (without the dot) is appended when the name has none.
 */
export function cleanFileName(raw: string | undefined | null, extension?: string): string {
  const lastSegment = (raw ?? '').split(/[/\\]/).pop() ?? '';
  let name = lastSegment
    .normalize('NFC')
    .replace(INVISIBLE, '')
    .replace(RESERVED, '_')
    .replace(/\s+/g, ' ')
    .replace(/^[\s.]+|[\s.]+$/g, '');
  let { stem, ext } = splitExtension(name);
  if (!ext && extension) ext = extension.toLowerCase();
  stem = stem.replace(/[\s.]+$/g, '');
  if (!stem || WINDOWS_DEVICE.test(stem)) stem = stem ? `_${stem}` : FALLBACK_STEM;
  const extPart = ext ? `.${ext}` : '';
  const room = MAX_FILE_NAME_LENGTH - [...extPart].length;
  stem =
    [...stem]
      .slice(0, Math.max(room, 1))
      .join('')
      .replace(/[\s.]+$/g, '') || FALLBACK_STEM;
  name = stem + extPart;
  return name;
}

/** `report.final.PDF` → stem `report.final`, extension `pdf`. An extension is 1–10 letters or digits. */
export function splitExtension(name: string): { stem: string; ext: string } {
  const match = /^(.*[^.])\.([A-Za-z0-9]{1,10})$/.exec(name);
  if (!match) return { stem: name, ext: '' };
  return { stem: match[1], ext: match[2].toLowerCase() };
}

/**
 * `Content-Disposition: attachment` with both an ASCII `filename` (accents folded, other characters
 * replaced) for old clients and the exact name as RFC 5987 / RFC 6266 `filename*` (UTF-8,
 * percent-encoded), which every current browser prefers.
 */
export function attachmentDispositionFor(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .replace(/[^\x20-\x7e]/g, '_')
      .replace(/["\\%;]/g, '_')
      .trim() || 'evidence';
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeRfc5987(fileName)}`;
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}
