// The libraries only reports, receipts and imports need are loaded the first time one is needed,
// not when the office opens: exceljs takes ~300 ms to load and pdfmake with pdfkit ~250 ms, about
// half of what starting the backend took. The host, the desktop shell and every crash-test worker
// start without them; the first PDF or spreadsheet of a session waits for them once.
import type ExcelJS from 'exceljs';
import type PdfMake from 'pdfmake';

/** A CommonJS module as `import()` gives it here: itself, or under `default`. */
const moduleOf = <T>(loaded: unknown): T => ((loaded as { default?: T }).default ?? loaded) as T;

let excel: Promise<typeof ExcelJS> | undefined;
let pdf: Promise<typeof PdfMake> | undefined;

export function loadExcel(): Promise<typeof ExcelJS> {
  excel ??= import('exceljs').then((m) => moduleOf<typeof ExcelJS>(m));
  return excel;
}

export function loadPdfMake(): Promise<typeof PdfMake> {
  pdf ??= import('pdfmake').then((m) => moduleOf<typeof PdfMake>(m));
  return pdf;
}
