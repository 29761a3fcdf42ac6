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

/** A row under the header: its cells, and its number as the spreadsheet shows it (from 1). */
export interface SheetRow {
  cells: Cell[];
  row: number;
}

/** A header or a keyword as the office may type it: spacing and case aside. */
export const sheetWord = (text: string): string => text.replace(/\s+/g, ' ').trim().toLowerCase();

/**
 * The sheet's first non-empty row read as its header, each known column found under any of its
 * names (case and spacing aside; the first such column wins), and the rows under it that hold
 * anything. No header at all is IMPORT_EMPTY; which columns are required is the caller's.
 */
export function headedRows<C extends string>(
  sheet: Cell[][],
  names: Record<C, readonly string[]>,
): { columns: Map<C, number>; body: SheetRow[] } {
  const headerAt = sheet.findIndex((r) => r.some((c) => c !== null));
  if (headerAt < 0) throw new AppError('IMPORT_EMPTY');
  const columns = new Map<C, number>();
  sheet[headerAt]!.forEach((cell, index) => {
    if (cell === null) return;
    const name = sheetWord(String(cell));
    const column = (Object.keys(names) as C[]).find((k) => names[k].includes(name));
    if (column && !columns.has(column)) columns.set(column, index);
  });
  const body = sheet
    .map((cells, index) => ({ cells, row: index + 1 }))
    .slice(headerAt + 1)
    .filter(({ cells }) => cells.some((c) => c !== null));
  return { columns, body };
}

/** Refuses a sheet with no rows under its header, or more than `max` of them. */
export function assertRowCount(body: readonly SheetRow[], max: number): void {
  if (body.length === 0) throw new AppError('IMPORT_EMPTY');
  if (body.length > max) throw new AppError('IMPORT_TOO_MANY_ROWS', { max });
}
