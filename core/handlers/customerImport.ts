// customers.import / importTemplate: 批量开户 from a spreadsheet, all rows or none.
import { loadExcel } from '../heavyLibraries';
import type { HandlerGroup } from '../api/context';
import { signedIn } from '../api/context';
import { readSheet } from '../import/sheet';
import { CustomerImport, TEMPLATE_HEADERS } from '../ledger/customerImport';
import { officeFile } from './officeFile';

/** The services these handlers reach (their area's). */
type Area = 'accounts' | 'customers' | 'meters' | 'tariffs';

export const customerImportHandlers: HandlerGroup<
  'customers.import' | 'customers.importTemplate',
  Area
> = {
  'customers.import': async (input, ctx) => {
    const operator = signedIn(ctx);
    const { customers, meters, accounts, tariffs } = ctx.services;
    const sheet = await readSheet(input.fileName, Buffer.from(input.base64, 'base64'));
    const importer = new CustomerImport({ customers, meters, accounts, tariffs });
    const checked = importer.check(sheet, ctx.now);
    const rows = checked.rows.length + new Set(checked.errors.map((e) => e.row)).size;
    if (checked.errors.length > 0 || input.dryRun)
      return {
        dryRun: input.dryRun,
        rows,
        imported: false,
        counts: {
          customers: checked.errors.length ? 0 : rows,
          accounts: checked.errors.length ? 0 : checked.rows.filter((r) => r.meter).length,
        },
        errors: checked.errors,
      };
    const counts = ctx.write(
      // Checked again inside the transaction, so a till that sold or opened meanwhile cannot
      // make the import half-apply.
      () => {
        const again = importer.check(sheet, ctx.now);
        if (again.errors.length > 0) return { errors: again.errors, counts: null };
        return {
          errors: [],
          counts: importer.apply(again.rows, operator.id, ctx.now.toISOString()),
        };
      },
      (result) => ({ fileName: input.fileName, rows, imported: result.counts }),
    );
    return {
      dryRun: false,
      rows,
      imported: counts.counts !== null,
      counts: counts.counts ?? { customers: 0, accounts: 0 },
      errors: counts.errors,
    };
  },

  'customers.importTemplate': async () => {
    const ExcelJS = await loadExcel();
    const book = new ExcelJS.Workbook();
    book.creator = 'PowerTill';
    const sheet = book.addWorksheet('批量开户');
    sheet.addRow(Object.values(TEMPLATE_HEADERS)).font = { bold: true };
    sheet.addRow([
      '',
      '星巴克咖啡',
      'B1-023',
      'B1',
      'A区',
      '13800138000',
      '',
      '000000000161',
      'DDSY1352',
      '商业电价',
      '0',
      '1',
    ]);
    // Text cells, so Excel keeps the meter number's leading zeros and the phone as typed.
    for (const column of [1, 6, 8]) sheet.getColumn(column).numFmt = '@';
    sheet.columns.forEach((c) => (c.width = 14));
    return officeFile('powertill-import-template.xlsx', await book.xlsx.writeBuffer());
  },
};
