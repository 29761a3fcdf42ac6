// 电价历史: every version of every tariff, in force, scheduled or superseded, for the books as
// PDF and Excel (the screen shows the same rows under 报表 → 电价历史).
import ExcelJS from 'exceljs';
import type { TariffView } from '../../shared/api/ledgerTypes';
import type { TariffDefinition } from '../../shared/tariff';
import { describeTariffPrices } from '../../shared/tariffText';
import { formatEnergy } from '../../shared/units';
import { renderPdf, time } from '../receipts/pdf';
import { reportPage } from './reportPage';

export type TariffVersionState = 'inForce' | 'scheduled' | 'superseded';

export interface TariffHistoryRow {
  tariffName: string;
  effectiveFrom: string;
  state: TariffVersionState;
  definition: TariffDefinition;
  createdAt: string;
}

const STATE_NAMES: Record<TariffVersionState, string> = {
  inForce: '现行',
  scheduled: '待生效',
  superseded: '已调整',
};

const KIND_NAMES: Record<TariffDefinition['kind'], string> = {
  flat: '单一电价',
  tou: '分时电价',
  stepped: '阶梯电价',
};

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

const HEADERS = [
  '电价名称',
  '生效时间',
  '状态',
  '类型',
  '电价（元/kWh）',
  '每月免费电量（kWh）',
  '录入时间',
];

function cells(row: TariffHistoryRow): string[] {
  return [
    row.tariffName,
    time(row.effectiveFrom),
    STATE_NAMES[row.state],
    KIND_NAMES[row.definition.kind],
    describeTariffPrices(row.definition),
    row.definition.freeAllowance > 0 ? formatEnergy(row.definition.freeAllowance) : '',
    time(row.createdAt),
  ];
}

export function tariffHistoryPdf(
  rows: TariffHistoryRow[],
  officeName: string,
  printedAt: string,
): Promise<Buffer> {
  return renderPdf(
    reportPage({
      officeName,
      title: '电价历史',
      subtitle: `共 ${rows.length} 个版本  打印于 ${time(printedAt)}`,
      landscape: true,
      content: [
        {
          layout: 'lightHorizontalLines',
          table: {
            headerRows: 1,
            widths: [80, 82, 36, 48, '*', 58, 82],
            body: [HEADERS.map((text) => ({ text, bold: true })), ...rows.map(cells)],
          },
        },
      ],
    }),
    '电价历史',
  );
}

export async function tariffHistoryXlsx(rows: TariffHistoryRow[]): Promise<Buffer> {
  const book = new ExcelJS.Workbook();
  book.creator = 'PowerTill';
  const sheet = book.addWorksheet('电价历史');
  sheet.addRow(HEADERS).font = { bold: true };
  for (const row of rows) sheet.addRow(cells(row));
  sheet.columns.forEach((column, i) => {
    column.width = [14, 20, 8, 10, 44, 16, 20][i];
  });
  return Buffer.from(await book.xlsx.writeBuffer());
}
