// reports.*: the sales report for any range of office days, on screen and as PDF or Excel, and
// the accounts running low.
import { operatorLanguage, type HandlerGroup } from '../api/context';
import { paperWords } from '../../shared/paper/words';
import { lowBalance, reportLinesPage } from '../reports/reportStore';
import {
  PDF_LINE_LIMIT,
  reportFileStem,
  salesReportPdf,
  salesReportXlsx,
} from '../reports/reportFiles';
import { reportParams, salesReport } from '../reports/sales';
import { tariffHistory, tariffHistoryPdf, tariffHistoryXlsx } from '../reports/tariffHistory';
import { officeDay } from '../../shared/officeTime';

/** The services these handlers reach (their area's). */
type Area = 'audit' | 'db' | 'operators' | 'reportReader' | 'settings' | 'tariffs';

export const reportHandlers: HandlerGroup<
  | 'reports.sales'
  | 'reports.lines'
  | 'reports.salesFile'
  | 'reports.lowBalance'
  | 'reports.operators'
  | 'reports.tariffHistoryFile',
  Area
> = {
  'reports.tariffHistoryFile': async ({ format }, ctx) => {
    const { services, now } = ctx;
    const rows = tariffHistory(services.tariffs.list(now), now);
    const stamp = officeDay(now.toISOString());
    const words = paperWords(operatorLanguage(ctx));
    const file =
      format === 'pdf'
        ? await tariffHistoryPdf(
            rows,
            services.settings.read().officeName,
            now.toISOString(),
            words,
          )
        : await tariffHistoryXlsx(rows, words);
    return {
      fileName: `tariff-history-${stamp}.${format}`,
      base64: file.toString('base64'),
      reprint: 0,
    };
  },

  'reports.operators': (_input, { services }) =>
    services.operators
      .list()
      .map((op) => ({ id: op.id, displayName: op.displayName, active: op.active })),

  'reports.lines': ({ from, to, kind, after, limit, ...filter }, { services }) =>
    reportLinesPage(services.reportReader, reportParams({ from, to }, filter), kind, {
      after,
      limit: limit ?? 100,
    }),

  'reports.sales': ({ from, to, ...filter }, { services }) =>
    salesReport(services.reportReader, { from, to }, filter, services.settings.read().officeName),

  'reports.salesFile': async ({ from, to, format, ...filter }, ctx) => {
    const { services, now } = ctx;
    const words = paperWords(operatorLanguage(ctx));
    const report = await salesReport(
      services.reportReader,
      { from, to },
      filter,
      services.settings.read().officeName,
      format === 'xlsx' ? { allLines: true } : { linesUpTo: PDF_LINE_LIMIT },
    );
    const file =
      format === 'pdf'
        ? await salesReportPdf(report, now.toISOString(), services.audit.head(), words)
        : await salesReportXlsx(report, words);
    return {
      fileName: `${reportFileStem(report)}.${format}`,
      base64: file.toString('base64'),
      reprint: 0,
    };
  },

  'reports.lowBalance': (input, { services }) => lowBalance(services.db, input.thresholdFen),
};
