// The libraries only reports, receipts, imports and naming customers need are loaded the first
// time one is needed, not when the office opens: exceljs takes ~300 ms to load, pdfmake with
// pdfkit ~250 ms and pinyin-pro ~100 ms, more than half of what starting the backend took. The
// host, the desktop shell and every crash-test worker start without them; the first PDF,
// spreadsheet or new customer of a session waits for them once.
import type ExcelJS from 'exceljs';
import type PdfMake from 'pdfmake';
import type * as PinyinPro from 'pinyin-pro';

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

let pinyinPro: typeof PinyinPro | undefined;

/**
 * pinyin-pro's dictionary (~100 ms to load) is needed only when a customer is named (their
 * search keys are worked out then); the customer store is synchronous, so it is required, once,
 * on that first use.
 */
export function loadPinyin(): typeof PinyinPro {
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- a synchronous first use, see above
  pinyinPro ??= require('pinyin-pro') as typeof PinyinPro;
  return pinyinPro;
}
