// 电价历史: every version of every tariff, in force, scheduled or superseded, for the books as
// PDF and Excel (the screen shows the same rows under 报表 → 电价历史).
import { loadExcel } from '../heavyLibraries';
import type { TariffView } from '../../shared/api/ledgerTypes';
import type { TariffDefinition } from '../../shared/tariff';
import { describeTariffPrices } from '../../shared/tariffText';
import { formatEnergy } from '../../shared/units';
import { renderPdf, time } from '../receipts/pdf';
import { reportPage } from './reportPage';
import type { PaperWords, TariffVersionState } from '../../shared/paper/words';

export interface TariffHistoryRow {
  tariffName: string;
  effectiveFrom: string;
  state: TariffVersionState;
  definition: TariffDefinition;
  createdAt: string;
}

/** Newest effective date first, as the screen lists them. */
export function tariffHistory(tariffs: TariffView[], now: Date): TariffHistoryRow[] {
  const at = now.toISOString();
  return tariffs
    .flatMap((tariff) =>
      tariff.versions.map((v) => ({
        tariffName: tariff.name,
        effectiveFrom: v.effectiveFrom,
        state: (tariff.current?.id === v.id
          ? 'inForce'
          : v.effectiveFrom > at
            ? 'scheduled'
            : 'superseded') as TariffVersionState,
        definition: v.definition,
        createdAt: v.createdAt,
      })),
    )
    .sort(
      (a, b) =>
        b.effectiveFrom.localeCompare(a.effectiveFrom) || a.tariffName.localeCompare(b.tariffName),
    );
}

function cells(row: TariffHistoryRow, w: PaperWords): string[] {
  const words = w.tariffHistory;
  return [
    row.tariffName,
    time(row.effectiveFrom),
    words.states[row.state],
    words.kinds[row.definition.kind],
    describeTariffPrices(row.definition, words.rateNames),
    row.definition.freeAllowance > 0 ? formatEnergy(row.definition.freeAllowance) : '',
    time(row.createdAt),
  ];
}

export function tariffHistoryPdf(
  rows: TariffHistoryRow[],
  officeName: string,
  printedAt: string,
  w: PaperWords,
): Promise<Buffer> {
  const words = w.tariffHistory;
  return renderPdf(
    reportPage(
      {
        officeName,
        title: words.title,
        subtitle: words.subtitle(rows.length, time(printedAt)),
        landscape: true,
        content: [
          {
            layout: 'lightHorizontalLines',
            table: {
              headerRows: 1,
              widths: [80, 82, 36, 48, '*', 58, 82],
              body: [
                words.headers.map((text) => ({ text, bold: true })),
                ...rows.map((row) => cells(row, w)),
              ],
            },
          },
        ],
      },
      w,
    ),
    words.title,
  );
}

export async function tariffHistoryXlsx(rows: TariffHistoryRow[], w: PaperWords): Promise<Buffer> {
  const ExcelJS = await loadExcel();
  const book = new ExcelJS.Workbook();
  book.creator = 'PowerTill';
  const sheet = book.addWorksheet(w.tariffHistory.title);
  sheet.addRow(w.tariffHistory.headers).font = { bold: true };
  for (const row of rows) sheet.addRow(cells(row, w));
  sheet.columns.forEach((column, i) => {
    column.width = [14, 20, 8, 10, 44, 16, 20][i];
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
