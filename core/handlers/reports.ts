// reports.*: the daily sales report on screen and as PDF or Excel.
import type { HandlerGroup } from '../api/context';
import { dailyReport } from '../reports/daily';
import { dailyReportPdf, dailyReportXlsx } from '../reports/dailyFiles';

export const reportHandlers: HandlerGroup<'reports.daily' | 'reports.dailyFile'> = {
  'reports.daily': (input, { services }) =>
    dailyReport(services.db, input.date, services.settings.read().officeName),

  'reports.dailyFile': async (input, { services, now }) => {
    const report = dailyReport(services.db, input.date, services.settings.read().officeName);
    const file =
      input.format === 'pdf'
        ? await dailyReportPdf(report, now.toISOString())
        : await dailyReportXlsx(report);
    return {
      fileName: `daily-sales-${input.date}.${input.format}`,
      base64: file.toString('base64'),
      reprint: 0,
    };
  },
};
