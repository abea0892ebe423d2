import ExcelJS from 'exceljs';
import { crc32, deflateRawSync } from 'node:zlib';

/** The columns an import needs, and one activity row that passes validation. */
export const IMPORT_HEADER = ['title', 'type', 'leadPartyCode', 'dueOn'];
export const VALID_ROW = ['Atelier régional', 'workshop', 'MA', '2026-05-01'];

/** A normal workbook (header and one valid activity) to which `extra` adds hostile cells. */
export async function workbookWith(
  extra: (sheet: ExcelJS.Worksheet) => void = () => undefined,
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Activities');
  sheet.addRow(IMPORT_HEADER);
  sheet.addRow(VALID_ROW);
  extra(sheet);
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

interface ZipEntry {
  name: string;
  data: Buffer;
  /** Declares this uncompressed size instead of the real one (what a lying zip bomb does). */
  declaredSize?: number;
}

/**
 * A deflated zip written by hand: the only way to make one whose headers lie about the sizes, which
 * real zip libraries refuse to do.
 */
export function zipOf(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data);
    const size = entry.declaredSize ?? entry.data.length;
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, compressed);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

const xml = (body: string) => Buffer.from(`<?xml version="1.0" encoding="UTF-8"?>\n${body}`);
const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const RELS = 'http://schemas.openxmlformats.org/package/2006/relationships';
const OFFICE_RELS = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

/**
 * A minimal workbook whose first sheet holds the header, one valid row, then `padding` bytes of XML
 * whitespace: a few KB on the wire that inflate to as much as asked.
 */
export function xlsxBomb(padding: number, options: { lieAboutSize?: boolean } = {}): Buffer {
  const cell = (ref: string, text: string) =>
    `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;
  const row = (r: number, cells: string[]) =>
    `<row r="${r}">${cells.map((text, i) => cell(`${'ABCD'[i]}${r}`, text)).join('')}</row>`;
  const sheet = Buffer.concat([
    xml(`<worksheet xmlns="${MAIN}"><sheetData>${row(1, IMPORT_HEADER)}${row(2, VALID_ROW)}`),
    Buffer.alloc(padding, ' '),
    Buffer.from('</sheetData></worksheet>'),
  ]);
  return zipOf([
    {
      name: '[Content_Types].xml',
      data: xml(
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
          '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
          '<Default Extension="xml" ContentType="application/xml"/>' +
          '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>' +
          '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>' +
          '</Types>',
      ),
    },
    {
      name: '_rels/.rels',
      data: xml(
        `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/workbook.xml',
      data: xml(
        `<workbook xmlns="${MAIN}" xmlns:r="${OFFICE_RELS}"><sheets><sheet name="Activities" sheetId="1" r:id="rId1"/></sheets></workbook>`,
      ),
    },
    {
      name: 'xl/_rels/workbook.xml.rels',
      data: xml(
        `<Relationships xmlns="${RELS}"><Relationship Id="rId1" Type="${OFFICE_RELS}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
      ),
    },
    {
      name: 'xl/worksheets/sheet1.xml',
      data: sheet,
      declaredSize: options.lieAboutSize ? 4096 : undefined,
    },
  ]);
}

/** `count` valid CSV activity rows under the header. */
export function csvWithRows(count: number): Buffer {
  const lines = [IMPORT_HEADER.join(',')];
  for (let i = 1; i <= count; i++) lines.push(`Atelier ${i},workshop,MA,2026-05-01`);
  return Buffer.from(lines.join('\n') + '\n', 'utf8');
}
