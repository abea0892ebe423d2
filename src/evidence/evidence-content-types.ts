import { fileTypeFromBuffer } from 'file-type';
import { UnsupportedMediaType } from '../common/errors/domain-errors';
import { splitExtension } from './evidence-file-names';

/** A type evidence may have: the media type stored and served, the extensions and part types that claim it. */
interface AllowedType {
  mediaType: string;
  extensions: readonly string[];
  /** Content types a client may send for it besides `mediaType` (what browsers send on some systems). */
  aliases?: readonly string[];
}

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const PPTX = 'application/vnd.openxmlformats-officedocument.presentationml.presentation';
/** Plain text is stored and served as UTF-8 text, whatever text extension it came with. */
export const TEXT_MEDIA_TYPE = 'text/plain; charset=utf-8';

/**
 * The types evidence may have: documents and pictures people attach as proof. Detected from the
 * content (magic bytes, and for the zip-based office formats the parts inside the zip), never from the
 * name. Anything else (executables, HTML, SVG, archives, old binary Office files) is refused.
 */
export const ALLOWED_EVIDENCE_TYPES: readonly AllowedType[] = [
  { mediaType: 'application/pdf', extensions: ['pdf'] },
  { mediaType: 'image/png', extensions: ['png'] },
  { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], aliases: ['image/pjpeg'] },
  { mediaType: 'image/webp', extensions: ['webp'] },
  { mediaType: DOCX, extensions: ['docx'] },
  { mediaType: XLSX, extensions: ['xlsx'] },
  { mediaType: PPTX, extensions: ['pptx'] },
  { mediaType: 'application/vnd.oasis.opendocument.text', extensions: ['odt'] },
  { mediaType: 'application/vnd.oasis.opendocument.spreadsheet', extensions: ['ods'] },
  { mediaType: 'application/vnd.oasis.opendocument.presentation', extensions: ['odp'] },
  {
    mediaType: TEXT_MEDIA_TYPE,
    extensions: ['txt', 'csv'],
    // Browsers on Windows with Excel installed label every .csv application/vnd.ms-excel.
    aliases: ['text/plain', 'text/csv', 'application/vnd.ms-excel'],
  },
];

/** What the content is, as evidence: its media type and canonical extension. */
export interface DetectedType {
  mediaType: string;
  extension: string;
}

/** Part types that claim nothing (a client that does not know the type). */
const NO_CLAIM = new Set(['', 'application/octet-stream']);

/**
 * The type of an uploaded file, from its content. Plain text is the one type without magic bytes: a
 * file no signature matches is text only when it is valid UTF-8 and has no NUL byte (binary files of
 * unknown formats nearly always have both problems). The name's extension and the part's
 * Content-Type are claims: when either disagrees with the content, the file is refused (415, field
 * `file`), so a renamed executable or a PDF posing as a picture never gets in under a false type.
 */
export async function detectEvidenceType(
  content: Buffer,
  fileName: string,
  claimedType: string | undefined,
): Promise<DetectedType> {
  const detected = await fileTypeFromBuffer(content);
  let allowed: AllowedType | undefined;
  if (detected) {
    allowed = ALLOWED_EVIDENCE_TYPES.find((t) => t.mediaType === detected.mime);
    if (!allowed) {
      throw refuse(
        'evidence_type_not_allowed',
        `the content is ${detected.mime} (.${detected.ext}), which evidence may not be; ${allowedList()}`,
      );
    }
  } else if (isPlainText(content)) {
    allowed = ALLOWED_EVIDENCE_TYPES.find((t) => t.mediaType === TEXT_MEDIA_TYPE)!;
  } else {
    throw refuse(
      'evidence_type_not_allowed',
      `the content is of no type evidence may be (not valid UTF-8 text either); ${allowedList()}`,
    );
  }
  const { ext } = splitExtension(fileName);
  if (ext && !allowed.extensions.includes(ext)) {
    throw refuse(
      'evidence_type_mismatch',
      `the name says .${ext} but the content is ${allowed.mediaType} (.${allowed.extensions.join(', .')})`,
    );
  }
  const claimed = essence(claimedType);
  if (!NO_CLAIM.has(claimed) && claimed !== essence(allowed.mediaType)) {
    if (!(allowed.aliases ?? []).includes(claimed)) {
      throw refuse(
        'evidence_type_mismatch',
        `the part's Content-Type says ${claimed} but the content is ${allowed.mediaType}`,
      );
    }
  }
  return { mediaType: allowed.mediaType, extension: ext || allowed.extensions[0] };
}

/** Valid UTF-8 (a BOM is fine) without any NUL byte. An empty file is not evidence of anything. */
export function isPlainText(content: Buffer): boolean {
  if (content.length === 0 || content.includes(0)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(content);
    return true;
  } catch {
    return false;
  }
}

function essence(type: string | undefined): string {
  return (type ?? '').split(';')[0].trim().toLowerCase();
}

function allowedList(): string {
  const extensions = ALLOWED_EVIDENCE_TYPES.flatMap((t) => t.extensions);
  return `allowed: .${extensions.join(', .')}`;
}

function refuse(code: string, message: string): UnsupportedMediaType {
  return new UnsupportedMediaType([{ field: 'file', message, code }]);
}
