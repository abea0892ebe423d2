import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import ICAL from 'ical.js';
import type { Response } from 'superagent';

/** supertest parser that keeps a file answer as raw bytes (to see the BOM, to open an XLSX). */
export function binary(res: Response, callback: (err: Error | null, body: Buffer) => void): void {
  const chunks: Buffer[] = [];
  res.on('data', (chunk: Buffer) => chunks.push(chunk));
  res.on('end', () => callback(null, Buffer.concat(chunks)));
}

/** A CSV export read back as records keyed by header (the BOM is checked, then dropped). */
export function readCsv(bytes: Buffer): { header: string[]; records: Record<string, string>[] } {
  const rows: string[][] = parse(bytes, { bom: true });
  const [header, ...data] = rows;
  return {
    header,
    records: data.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i]]))),
  };
}

/** The first worksheet as records keyed by the header row. */
export async function readXlsx(bytes: Buffer) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  const records: Record<string, ExcelJS.CellValue>[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    records.push(Object.fromEntries(header.map((h, i) => [h, row.getCell(i + 1).value])));
  }
  return { sheet, header, records };
}

export interface IcsEvent {
  uid: string;
  summary: string;
  start: string;
  allDay: boolean;
  status: string | null;
}

/** Parsed with ical.js, a full RFC 5545 parser (not a regex over the text). */
export function readIcs(text: string): IcsEvent[] {
  const calendar = new ICAL.Component(ICAL.parse(text));
  return calendar.getAllSubcomponents('vevent').map((component) => {
    const event = new ICAL.Event(component);
    return {
      uid: event.uid,
      summary: event.summary,
      start: event.startDate.toString(),
      allDay: event.startDate.isDate,
      status: (component.getFirstPropertyValue('status') as string | null) ?? null,
    };
  });
}

/**
 * An export with its `id` and `version` columns emptied: imported elsewhere, its rows are new
 * activities (with the ids, the import updates those activities and only in their own plan).
 */
export async function withoutKeys(bytes: Buffer, format: 'csv' | 'xlsx'): Promise<Buffer> {
  const keys = ['id', 'version'];
  if (format === 'csv') {
    const text = bytes.toString('utf8');
    const rows: string[][] = parse(bytes, { bom: true });
    const drop = rows[0].flatMap((h, i) => (keys.includes(h) ? [i] : []));
    const quote = (cell: string) =>
      /[",\n\r]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
    const kept = rows.map((cells) =>
      cells
        .filter((_, i) => !drop.includes(i))
        .map(quote)
        .join(','),
    );
    return Buffer.from((text.startsWith('\uFEFF') ? '\uFEFF' : '') + kept.join('\r\n') + '\r\n');
  }
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(new Uint8Array(bytes).buffer);
  const sheet = workbook.worksheets[0];
  const header = (sheet.getRow(1).values as ExcelJS.CellValue[]).slice(1).map(String);
  for (const key of keys) {
    const column = header.indexOf(key) + 1;
    if (column > 0) sheet.eachRow((row) => (row.getCell(column).value = null));
    if (column > 0) sheet.getRow(1).getCell(column).value = key;
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
