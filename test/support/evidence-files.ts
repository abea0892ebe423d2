import { crc32, deflateSync } from 'node:zlib';
import { zipOf } from './hostile-files';
import type { TestApp } from './test-app';

/** Small real files of each evidence type, made here (nothing downloaded). */

export function pdfFile(text = 'Ordre du jour'): Buffer {
  return Buffer.from(
    `%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n` +
      `2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n% ${text}\ntrailer << /Root 1 0 R >>\n%%EOF\n`,
  );
}

/** A 1×1 PNG, chunks and CRCs correct. */
export function pngFile(): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const ihdr = Buffer.from([0, 0, 0, 1, 0, 0, 0, 1, 8, 2, 0, 0, 0]);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(Buffer.from([0, 255, 0, 0]))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export function jpegFile(): Buffer {
  return Buffer.concat([
    Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]),
    Buffer.from('JFIF\0', 'latin1'),
    Buffer.from([1, 1, 0, 0, 1, 0, 1, 0, 0, 0xff, 0xd9]),
  ]);
}

export function webpFile(): Buffer {
  const body = Buffer.concat([Buffer.from('WEBPVP8 ', 'latin1'), Buffer.alloc(22)]);
  const size = Buffer.alloc(4);
  size.writeUInt32LE(body.length);
  return Buffer.concat([Buffer.from('RIFF', 'latin1'), size, body]);
}

const CONTENT_TYPES = (main: string) =>
  Buffer.from(
    `<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">` +
      `<Default Extension="xml" ContentType="application/xml"/>` +
      `<Override PartName="/word/document.xml" ContentType="${main}"/></Types>`,
  );

/** A minimal Word document (the parts a detector reads: content types and the main part). */
export function docxFile(): Buffer {
  return zipOf([
    {
      name: '[Content_Types].xml',
      data: CONTENT_TYPES(
        'application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml',
      ),
    },
    {
      name: 'word/document.xml',
      data: Buffer.from('<w:document xmlns:w="urn:x"><w:body/></w:document>'),
    },
  ]);
}

/** A zip that is no office document. */
export function plainZipFile(): Buffer {
  return zipOf([{ name: 'notes.bin', data: Buffer.from('not an office document') }]);
}

/** A Windows executable's first bytes ("MZ" header). */
export function exeFile(): Buffer {
  const header = Buffer.alloc(128);
  header.write('MZ', 0, 'latin1');
  header.writeUInt32LE(64, 60);
  header.write('PE\0\0', 64, 'latin1');
  return header;
}

/**
 * Clears the required evidence (the completion gate then lets every part complete): for suites about
 * something else (reminders, roll-up, the page) that complete activities without uploading files.
 * The gate itself is tested in evidence.e2e-spec.ts.
 */
export async function withoutRequiredEvidence(
  t: Pick<TestApp, 'http' | 'tokenFor'>,
): Promise<void> {
  const res = await t.http
    .put('/api/evidence-requirements')
    .set('Authorization', await t.tokenFor('admin@accords.example'))
    .send({ items: [] });
  if (res.status !== 200) throw new Error(`clearing required evidence: ${res.status} ${res.text}`);
}
