import ExcelJS from 'exceljs';
import { UnsupportedMediaType } from '../common/errors/domain-errors';
import {
  docxFile,
  exeFile,
  jpegFile,
  pdfFile,
  plainZipFile,
  pngFile,
  webpFile,
} from '../../test/support/evidence-files';
import { detectEvidenceType, isPlainText, TEXT_MEDIA_TYPE } from './evidence-content-types';

const DOCX = 'application/vnd.openxmlformats-officedocument.wordprocessingml.document';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

async function refusal(promise: Promise<unknown>): Promise<{ code?: string; field: string }> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UnsupportedMediaType);
  return (error as UnsupportedMediaType).errors[0];
}

describe('detectEvidenceType (from the content, file-type)', () => {
  it.each<[string, () => Buffer, string, string, string]>([
    ['PDF', pdfFile, 'agenda.pdf', 'application/pdf', 'pdf'],
    ['PNG', pngFile, 'photo.png', 'image/png', 'png'],
    ['JPEG', jpegFile, 'photo.JPEG', 'image/jpeg', 'jpeg'],
    ['WebP', webpFile, 'photo.webp', 'image/webp', 'webp'],
    ['DOCX', docxFile, 'report.docx', DOCX, 'docx'],
    ['UTF-8 text', () => Buffer.from('Présents : 12\nالحضور'), 'list.txt', TEXT_MEDIA_TYPE, 'txt'],
    [
      'CSV is text',
      () => Buffer.from('name,party\nAmina,MA\n'),
      'list.csv',
      TEXT_MEDIA_TYPE,
      'csv',
    ],
    ['no extension: the detected one', pdfFile, 'scan', 'application/pdf', 'pdf'],
  ])('%s', async (_name, make, fileName, mediaType, extension) => {
    await expect(detectEvidenceType(make(), fileName, undefined)).resolves.toEqual({
      mediaType,
      extension,
    });
  });

  it('an XLSX written by a spreadsheet library is detected from its parts', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Présences').addRow(['Amina', 'MA']);
    const content = Buffer.from(await workbook.xlsx.writeBuffer());
    await expect(detectEvidenceType(content, 'presence.xlsx', XLSX)).resolves.toEqual({
      mediaType: XLSX,
      extension: 'xlsx',
    });
  });

  it('the part type may be a browser alias or say nothing', async () => {
    await expect(detectEvidenceType(jpegFile(), 'a.jpg', 'image/pjpeg')).resolves.toBeTruthy();
    await expect(
      detectEvidenceType(pdfFile(), 'a.pdf', 'application/octet-stream'),
    ).resolves.toBeTruthy();
    await expect(
      detectEvidenceType(Buffer.from('a,b'), 'a.csv', 'text/csv; charset=utf-8'),
    ).resolves.toBeTruthy();
    // What Windows browsers send for a .csv when Excel is installed.
    await expect(
      detectEvidenceType(Buffer.from('a,b'), 'a.csv', 'application/vnd.ms-excel'),
    ).resolves.toEqual({ mediaType: TEXT_MEDIA_TYPE, extension: 'csv' });
  });

  it.each<[string, () => Buffer, string, string | undefined, string]>([
    ['a PDF named .png', pdfFile, 'photo.png', 'image/png', 'evidence_type_mismatch'],
    [
      'a PNG sent as application/pdf',
      pngFile,
      'agenda',
      'application/pdf',
      'evidence_type_mismatch',
    ],
    [
      'an executable named .pdf',
      exeFile,
      'agenda.pdf',
      'application/pdf',
      'evidence_type_not_allowed',
    ],
    [
      'a zip that is no office file',
      plainZipFile,
      'report.docx',
      DOCX,
      'evidence_type_not_allowed',
    ],
    [
      'text named .html',
      () => Buffer.from('<script>x</script>'),
      'a.html',
      'text/html',
      'evidence_type_mismatch',
    ],
    ['text named .svg', () => Buffer.from('<svg/>'), 'a.svg', undefined, 'evidence_type_mismatch'],
    [
      'binary that is not UTF-8',
      () => Buffer.from([0xc3, 0x28, 0x41]),
      'a.txt',
      undefined,
      'evidence_type_not_allowed',
    ],
    [
      'text with a NUL byte',
      () => Buffer.from('a\0b'),
      'a.txt',
      undefined,
      'evidence_type_not_allowed',
    ],
    ['an empty file', () => Buffer.alloc(0), 'a.txt', undefined, 'evidence_type_not_allowed'],
  ])('refuses %s (415, field file)', async (_name, make, fileName, type, code) => {
    expect(await refusal(detectEvidenceType(make(), fileName, type))).toMatchObject({
      field: 'file',
      code,
    });
  });
});

describe('isPlainText', () => {
  it.each<[string, Buffer, boolean]>([
    ['ASCII', Buffer.from('hello'), true],
    ['UTF-8 with BOM', Buffer.from('\ufeffbonjour é'), true],
    ['Latin-1 é is not UTF-8', Buffer.from([0x63, 0x61, 0x66, 0xe9]), false],
    ['NUL', Buffer.from([0x61, 0x00]), false],
    ['empty', Buffer.alloc(0), false],
  ])('%s', (_name, content, expected) => {
    expect(isPlainText(content)).toBe(expected);
  });
});
