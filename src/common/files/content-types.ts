export const CSV_CONTENT_TYPE = 'text/csv';
export const XLSX_CONTENT_TYPE =
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
