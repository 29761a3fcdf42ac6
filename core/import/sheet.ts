// Reading the first sheet of an .xlsx workbook or a .csv file into rows of text, as the office's
// spreadsheet shows them. CSV from a Chinese Excel is usually GB18030 (GBK), not UTF-8; numbers
// typed into Excel cells come back as numbers, so leading zeros are the caller's to restore.
import type { Cell as ExcelCell } from 'exceljs';
import { loadExcel } from '../heavyLibraries';
import { parse } from 'csv-parse/sync';
import { AppError } from '../../shared/errors';
import { assertInflatesWithin } from './zipGuard';

export type Cell = string | number | null;

/** The rows of the file, each a list of cells (text trimmed, empty cells null). */
export async function readSheet(fileName: string, bytes: Buffer): Promise<Cell[][]> {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.csv')) return readCsv(bytes);
  if (lower.endsWith('.xlsx')) return readXlsx(bytes);
  throw new AppError('IMPORT_FILE_TYPE', { fileName });
}

function decodeText(bytes: Buffer): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
    return bytes.subarray(3).toString('utf8');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return new TextDecoder('gb18030').decode(bytes);
  }
}

function readCsv(bytes: Buffer): Cell[][] {
  let records: string[][];
  try {
    records = parse(decodeText(bytes), {
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
    }) as string[][];
  } catch (error) {
    throw new AppError('IMPORT_FILE_UNREADABLE', { reason: (error as Error).message });
  }
  return records.map((row) => row.map((cell) => (cell === '' ? null : cell)));
}

async function readXlsx(bytes: Buffer): Promise<Cell[][]> {
  await assertInflatesWithin(bytes);
  const ExcelJS = await loadExcel();
  const book = new ExcelJS.Workbook();
  try {
    await book.xlsx.load(bytes as unknown as ArrayBuffer);
  } catch (error) {
    throw new AppError('IMPORT_FILE_UNREADABLE', { reason: (error as Error).message });
  }
  const sheet = book.worksheets[0];
  if (!sheet) return [];
  const rows: Cell[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, n) => {
    const cells: Cell[] = [];
    for (let c = 1; c <= row.cellCount; c += 1) cells.push(cellValue(row.getCell(c)));
    rows[n - 1] = cells;
  });
  // Rows eachRow skipped stay holes; make them empty so row numbers stay the sheet's.
  return Array.from(rows, (r) => r ?? []);
}

function cellValue(cell: ExcelCell): Cell {
  const value = cell.value;
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'object' && 'result' in value) {
    // A formula cell: what Excel last computed.
    const result: unknown = value.result;
    if (typeof result === 'number') return result;
    if (result === null || result === undefined) return null;
    return String(result).trim() || null;
  }
  const text = cell.text.trim();
  return text === '' ? null : text;
}
