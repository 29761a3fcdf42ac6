// reports.*: the sales report for any range of office days, on screen and as PDF or Excel, and
// the accounts running low.
import type { HandlerGroup } from '../api/context';
import { lowBalance } from '../reports/lowBalance';
import { reportFileStem, salesReportPdf, salesReportXlsx } from '../reports/reportFiles';
import { salesReport } from '../reports/sales';

export const reportHandlers: HandlerGroup<
  'reports.sales' | 'reports.salesFile' | 'reports.lowBalance'
> = {
  'reports.sales': ({ from, to, ...filter }, { services }) =>
    salesReport(services.db, { from, to }, filter, services.settings.read().officeName),

  'reports.salesFile': async ({ from, to, format, ...filter }, { services, now }) => {
    const report = salesReport(
      services.db,
      { from, to },
      filter,
      services.settings.read().officeName,
      { allLines: format === 'xlsx' },
    );
    const file =
      format === 'pdf'
        ? await salesReportPdf(report, now.toISOString())
        : await salesReportXlsx(report);
    return {
      fileName: `${reportFileStem(report)}.${format}`,
      base64: file.toString('base64'),
      reprint: 0,
    };
  },

  'reports.lowBalance': (input, { services }) => lowBalance(services.db, input.thresholdFen),
};
