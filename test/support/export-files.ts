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
