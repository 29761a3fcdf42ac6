// 批量开户: customers (and, where a row names a meter and a tariff, their meters and accounts)
// from a spreadsheet. Every row is checked against the books and against the other rows first;
// one bad row means nothing is imported and the office gets the list of what to fix, row by row.
import { isCleanText } from '../../shared/api/text';
import { CUSTOMER_LIMITS, PHONE_PATTERN } from '../../shared/api/limits';
import type { ImportResult, ImportRowError, MeterModel } from '../../shared/api/ledgerTypes';
import { METER_MODELS } from '../../shared/api/ledgerTypes';
import { AppError, type ErrorCode, type ErrorParams } from '../../shared/errors';
import { parseEnergy } from '../../shared/units';
import { assertRowCount, headedRows, type Cell } from '../import/sheet';
import type { AccountStore } from './accountStore';
import type { CustomerFields, CustomerStore } from './customerStore';
import type { MeterStore } from './meterStore';
import type { TariffStore } from './tariffStore';

export const MAX_IMPORT_ROWS = 5_000;

/** The columns, under the headers the office may use for them (Chinese or English). */
export const IMPORT_COLUMNS = {
  customerNo: ['户号', '用户编号', 'customerno', 'customer no'],
  name: ['名称', '户名', '商户名称', '用户名称', 'name'],
  shopUnit: ['铺位', '铺位号', 'shopunit', 'shop unit'],
  floor: ['楼层', 'floor'],
  area: ['区域', 'area'],
  phone: ['电话', '联系电话', 'phone'],
  notes: ['备注', 'notes'],
  meterNo: ['表号', '电表表号', 'meterno', 'meter no'],
  model: ['表型', '型号', 'model'],
  tariff: ['电价', '电价名称', 'tariff'],
  installReading: ['装表底数', '底数', 'installreading', 'install reading'],
  ctRatio: ['互感器倍率', '倍率', 'ctratio', 'ct ratio'],
} as const;
type Column = keyof typeof IMPORT_COLUMNS;

/** What the template's header row says, in column order. */
export const TEMPLATE_HEADERS: Record<Column, string> = Object.fromEntries(
  Object.entries(IMPORT_COLUMNS).map(([k, names]) => [k, names[0]]),
) as Record<Column, string>;

/** The same limits the contract's customer fields have (shared/api/limits.ts). */
const LIMITS: Partial<Record<Column, number>> = CUSTOMER_LIMITS;

interface ImportRow {
  row: number;
  customerNo: string | null;
  fields: CustomerFields;
  meter: {
    meterNo: string;
    model: MeterModel;
    tariffId: number;
    installReading: number;
    ctRatio: number;
  } | null;
}

export class CustomerImport {
  constructor(
    private readonly deps: {
      customers: CustomerStore;
      meters: MeterStore;
      accounts: AccountStore;
      tariffs: TariffStore;
    },
  ) {}

  /** Checks every row; nothing is written. */
  check(sheet: Cell[][], now: Date): { rows: ImportRow[]; errors: ImportRowError[] } {
    const errors: ImportRowError[] = [];
    const fail = (row: number, field: Column | null, code: ErrorCode, params?: ErrorParams) =>
      errors.push({ row, field, error: { code, ...(params && { params }) } });

    const { columns, body } = headedRows(sheet, IMPORT_COLUMNS);
    if (!columns.has('name')) throw new AppError('IMPORT_NO_NAME_COLUMN');
    assertRowCount(body, MAX_IMPORT_ROWS);

    const tariffsByName = new Map(
      this.deps.tariffs
        .list(now)
        .filter((t) => t.current)
        .map((t) => [t.name, t.id]),
    );
    const seenCustomerNos = new Map<string, number>();
    const seenMeters = new Map<string, number>();
    const rows: ImportRow[] = [];
    for (const { cells, row } of body) {
      const before = errors.length;
      const text = (column: Column): string => {
        const index = columns.get(column);
        const cell = index === undefined ? null : (cells[index] ?? null);
        const raw = cell === null ? '' : String(cell).trim();
        // The same hygiene as typed text: no controls, direction overrides or lone surrogates.
        if (!isCleanText(raw, column === 'notes')) {
          fail(row, column, 'IMPORT_TEXT_CHARACTERS');
          return '';
        }
        const value = raw.normalize('NFC');
        const limit = LIMITS[column];
        if (limit && value.length > limit)
          fail(row, column, 'IMPORT_FIELD_TOO_LONG', { max: limit });
        return value;
      };
      const customerNo = text('customerNo') || null;
      const name = text('name');
      if (!name) fail(row, 'name', 'IMPORT_FIELD_REQUIRED');
      const phone = text('phone');
      if (phone && !PHONE_PATTERN.test(phone))
        fail(row, 'phone', 'IMPORT_FIELD_INVALID', { value: phone });
      if (customerNo !== null) {
        if (!/^[A-Za-z0-9-]+$/.test(customerNo))
          fail(row, 'customerNo', 'IMPORT_FIELD_INVALID', { value: customerNo });
        else if (this.deps.customers.numberTaken(customerNo))
          fail(row, 'customerNo', 'CUSTOMER_NO_TAKEN', { customerNo });
        else if (seenCustomerNos.has(customerNo))
          fail(row, 'customerNo', 'IMPORT_DUPLICATE', {
            value: customerNo,
            other: seenCustomerNos.get(customerNo)!,
          });
        else seenCustomerNos.set(customerNo, row);
      }
      const meter = this.checkMeter(row, text, cellAt(cells, columns.get('meterNo')), {
        fail,
        tariffsByName,
        seenMeters,
      });
      if (errors.length > before) continue;
      rows.push({
        row,
        customerNo,
        fields: {
          name,
          shopUnit: text('shopUnit'),
          floor: text('floor'),
          area: text('area'),
          phone,
          notes: text('notes'),
        },
        meter,
      });
    }
    return { rows, errors };
  }

  private checkMeter(
    row: number,
    text: (column: Column) => string,
    rawMeterNo: Cell,
    ctx: {
      fail: (row: number, field: Column | null, code: ErrorCode, params?: ErrorParams) => void;
      tariffsByName: Map<string, number>;
      seenMeters: Map<string, number>;
    },
  ): ImportRow['meter'] {
    const { fail } = ctx;
    // A meter number typed into an Excel cell arrives as a number without its leading zeros.
    const meterNo =
      typeof rawMeterNo === 'number' && Number.isInteger(rawMeterNo) && rawMeterNo >= 0
        ? String(rawMeterNo).padStart(12, '0')
        : text('meterNo');
    const tariffName = text('tariff');
    if (!meterNo) {
      if (tariffName) fail(row, 'meterNo', 'IMPORT_FIELD_REQUIRED');
      return null;
    }
    let ok = true;
    if (!/^\d{12}$/.test(meterNo)) {
      fail(row, 'meterNo', 'IMPORT_FIELD_INVALID', { value: meterNo });
      ok = false;
    } else if (ctx.seenMeters.has(meterNo)) {
      fail(row, 'meterNo', 'IMPORT_DUPLICATE', {
        value: meterNo,
        other: ctx.seenMeters.get(meterNo)!,
      });
      ok = false;
    } else {
      ctx.seenMeters.set(meterNo, row);
      const existing = this.deps.meters.byNumber(meterNo, 0);
      if (existing && (existing.state === 'replaced' || existing.state === 'removed')) {
        fail(row, 'meterNo', 'METER_NOT_AVAILABLE', { meterNo });
        ok = false;
      } else if (existing) {
        const holder = this.deps.accounts.openOnMeter(existing.id);
        if (holder) {
          fail(row, 'meterNo', 'METER_IN_USE', { meterNo, accountNo: holder.accountNo });
          ok = false;
        }
      }
    }
    const modelText = text('model').toUpperCase() || 'DDSY1352';
    const model = METER_MODELS.find((m) => m === modelText);
    if (!model) {
      fail(row, 'model', 'IMPORT_FIELD_INVALID', { value: modelText });
      ok = false;
    } else if (model === 'ADF300') {
      // A box's circuits are opened one by one (开户 with its circuit number), not imported yet.
      fail(row, 'model', 'METER_CIRCUIT', { model });
      ok = false;
    }
    const tariffId = ctx.tariffsByName.get(tariffName);
    if (!tariffName) {
      fail(row, 'tariff', 'IMPORT_FIELD_REQUIRED');
      ok = false;
    } else if (tariffId === undefined) {
      fail(row, 'tariff', 'IMPORT_TARIFF_UNKNOWN', { name: tariffName });
      ok = false;
    }
    let installReading = 0;
    const readingText = text('installReading');
    if (readingText) {
      try {
        installReading = parseEnergy(readingText);
      } catch {
        fail(row, 'installReading', 'IMPORT_FIELD_INVALID', { value: readingText });
        ok = false;
      }
    }
    const ratioText = text('ctRatio');
    const ctRatio = ratioText ? Number(ratioText) : 1;
    if (!Number.isInteger(ctRatio) || ctRatio < 1 || ctRatio > 10_000) {
      fail(row, 'ctRatio', 'IMPORT_FIELD_INVALID', { value: ratioText });
      ok = false;
    }
    return ok ? { meterNo, model: model!, tariffId: tariffId!, installReading, ctRatio } : null;
  }

  /** Call inside one transaction, after `check` found no errors. */
  apply(rows: ImportRow[], operatorId: number, at: string): ImportResult['counts'] {
    const { accounts, customers, meters } = this.deps;
    let accountsOpened = 0;
    for (const row of rows) {
      const customer = customers.insert(row.customerNo ?? customers.nextNumber(), row.fields, at);
      if (!row.meter) continue;
      const { meterNo, model, ctRatio, tariffId, installReading } = row.meter;
      const meter =
        meters.byNumber(meterNo, 0) ?? meters.insert({ meterNo, circuit: 0, model, ctRatio }, at);
      if (meter.state === 'in_stock') meters.install(meter.id, at, installReading);
      accounts.open({ customerId: customer.id, meterId: meter.id, tariffId, operatorId }, at);
      accountsOpened += 1;
    }
    return { customers: rows.length, accounts: accountsOpened };
  }
}

const cellAt = (cells: Cell[], index: number | undefined): Cell =>
  index === undefined ? null : (cells[index] ?? null);
