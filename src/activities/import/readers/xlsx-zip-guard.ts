import { crc32 } from 'node:zlib';
import { PassThrough } from 'node:stream';
import type * as yauzl from 'yauzl';
import { onFirstUse } from '../../../common/modules/on-first-use';
import { ImportRejected } from '../import-errors';
import {
  limitMessages,
  MAX_COMPRESSION_RATIO,
  MAX_UNZIPPED_BYTES,
  MAX_ZIP_ENTRIES,
  RATIO_CHECKED_FROM_BYTES,
} from '../import-limits';
import { ImportTooLarge } from '../import-too-large';

const zipReaders = onFirstUse(() => ({
  unzipper: require('unzipper') as typeof import('unzipper'),
  yauzl: require('yauzl') as typeof import('yauzl'),
}));

const UNREADABLE = 'the file is not a readable .xlsx workbook';
const SHARED_STRINGS = 'xl/sharedStrings.xml';
const SHEET_PATH = /^xl\/worksheets\/sheet(\d+)\.xml$/;

/**
 * Checks an uploaded workbook before anything parses it, and answers the bytes exceljs may read.
 *
 * 1. The central directory (read with yauzl, nothing inflated): too many entries, a declared total past
 *    MAX_UNZIPPED_BYTES, or an absurd compression ratio refuse the file.
 * 2. The parts the import reads are copied, compressed as they are, into a smaller zip in the order
 *    exceljs's streaming reader wants (relationships, workbook, shared strings and styles before the
 *    first sheet). Otherwise it parks every sheet met before the shared strings in a temporary file,
 *    which an import that stops early would leave behind.
 * 3. That zip is inflated once with the very parser exceljs uses (unzipper), counting bytes and giving
 *    up past the cap: declared sizes can lie, inflated bytes cannot.
 */
export async function guardedWorkbookBytes(body: Buffer): Promise<Buffer> {
  const parts = await readCentralDirectory(body);
  const reordered = reorderForStreaming(body, parts);
  await assertInflatesWithinCap(reordered);
  return reordered;
}

interface ZipPart {
  path: string;
  /** The local header, the compressed data and any data descriptor: the entry as stored. */
  start: number;
  end: number;
}

async function readCentralDirectory(body: Buffer): Promise<Map<string, ZipPart>> {
  let zip: yauzl.ZipFile;
  try {
    zip = await zipReaders().yauzl.fromBufferPromise(body, { lazyEntries: true, autoClose: false });
  } catch {
    throw ImportRejected.file(UNREADABLE);
  }
  if (zip.entryCount > MAX_ZIP_ENTRIES) throw new ImportTooLarge(limitMessages.entries());
  const parts = new Map<string, ZipPart>();
  let declaredTotal = 0;
  try {
    for (let entry = await nextEntry(zip); entry; entry = await nextEntry(zip)) {
      declaredTotal += entry.uncompressedSize;
      if (declaredTotal > MAX_UNZIPPED_BYTES) throw new ImportTooLarge(limitMessages.unzipped());
      if (
        entry.uncompressedSize >= RATIO_CHECKED_FROM_BYTES &&
        entry.uncompressedSize > MAX_COMPRESSION_RATIO * Math.max(entry.compressedSize, 1)
      ) {
        throw new ImportTooLarge(limitMessages.ratio(entry.fileName));
      }
      if (isReadByImport(entry.fileName)) {
        parts.set(entry.fileName, { path: entry.fileName, ...(await storedExtent(zip, entry)) });
      }
    }
  } catch (error) {
    if (error instanceof ImportTooLarge) throw error;
    throw ImportRejected.file(UNREADABLE);
  } finally {
    zip.close();
  }
  return parts;
}

function nextEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    const onEntry = (entry: yauzl.Entry) => (cleanup(), resolve(entry));
    const onEnd = () => (cleanup(), resolve(null));
    const onError = (error: Error) => (cleanup(), reject(error));
    zip.on('entry', onEntry).on('end', onEnd).on('error', onError);
    zip.readEntry();
  });
}

const DATA_DESCRIPTOR_FLAG = 0x08;
const DATA_DESCRIPTOR_SIGNATURE = 0x08074b50;

async function storedExtent(zip: yauzl.ZipFile, entry: yauzl.Entry) {
  const { fileDataStart } = await new Promise<{ fileDataStart: number }>((resolve, reject) =>
    zip.readLocalFileHeader(entry, { minimal: true }, (error, header) =>
      error ? reject(error) : resolve(header),
    ),
  );
  return { start: entry.relativeOffsetOfLocalHeader, end: fileDataStart + entry.compressedSize };
}

function isReadByImport(path: string): boolean {
  return (
    path === 'xl/_rels/workbook.xml.rels' ||
    path === 'xl/workbook.xml' ||
    path === SHARED_STRINGS ||
    path === 'xl/styles.xml' ||
    SHEET_PATH.test(path)
  );
}

function reorderForStreaming(body: Buffer, parts: Map<string, ZipPart>): Buffer {
  const sheets = [...parts.values()]
    .filter((p) => SHEET_PATH.test(p.path))
    .sort((a, b) => sheetNumber(a) - sheetNumber(b));
  const rels = parts.get('xl/_rels/workbook.xml.rels');
  const workbook = parts.get('xl/workbook.xml');
  if (!rels || !workbook) throw ImportRejected.file(UNREADABLE);
  if (sheets.length === 0) throw ImportRejected.file('the workbook has no worksheet');
  const copy = (part: ZipPart | undefined) => (part ? [withDescriptor(body, part)] : []);
  return Buffer.concat([
    ...copy(rels),
    ...copy(workbook),
    // Without a shared strings part exceljs would park the sheet in a temporary file: give it an empty one.
    ...(parts.has(SHARED_STRINGS) ? copy(parts.get(SHARED_STRINGS)) : [emptySharedStrings()]),
    ...copy(parts.get('xl/styles.xml')),
    // Only the first sheet is imported, as the export writes one.
    withDescriptor(body, sheets[0]),
  ]);
}

const sheetNumber = (part: ZipPart) => Number(SHEET_PATH.exec(part.path)?.[1]);

/** The stored entry, with the data descriptor that follows it when its local header has none. */
function withDescriptor(body: Buffer, part: ZipPart): Buffer {
  let end = part.end;
  const flags = body.readUInt16LE(part.start + 6);
  if (flags & DATA_DESCRIPTOR_FLAG) {
    const signed = end + 4 <= body.length && body.readUInt32LE(end) === DATA_DESCRIPTOR_SIGNATURE;
    end += signed ? 16 : 12;
  }
  if (end > body.length) throw ImportRejected.file(UNREADABLE);
  return body.subarray(part.start, end);
}

function emptySharedStrings(): Buffer {
  const name = Buffer.from(SHARED_STRINGS);
  const data = Buffer.from(
    '<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="0" uniqueCount="0"/>',
  );
  const header = Buffer.alloc(30);
  header.writeUInt32LE(0x04034b50, 0);
  header.writeUInt16LE(10, 4); // version needed: stored
  header.writeUInt32LE(crc32(data), 14);
  header.writeUInt32LE(data.length, 18);
  header.writeUInt32LE(data.length, 22);
  header.writeUInt16LE(name.length, 26);
  return Buffer.concat([header, name, data]);
}

async function assertInflatesWithinCap(zipBytes: Buffer): Promise<void> {
  const input = new PassThrough();
  const entries = zipReaders().unzipper.Parse({ forceStream: true });
  input.pipe(entries);
  input.end(zipBytes);
  let inflated = 0;
  try {
    for await (const entry of entries) {
      for await (const chunk of entry) {
        inflated += (chunk as Buffer).length;
        if (inflated > MAX_UNZIPPED_BYTES) throw new ImportTooLarge(limitMessages.unzipped());
      }
    }
  } catch (error) {
    if (error instanceof ImportTooLarge) throw error;
    throw ImportRejected.file(UNREADABLE);
  } finally {
    input.destroy();
    entries.destroy();
  }
}
