// reports.*: the sales report for any range of office days, on screen and as PDF or Excel, and
// the accounts running low.
import { operatorLanguage, signedIn, type HandlerGroup } from '../api/context';
import { paperWords } from '../../shared/paper/words';
import { lowBalance, reportLinesPage } from '../reports/reportStore';
import { PDF_LINE_LIMIT, reportFileStem, salesReportPdf } from '../reports/reportFiles';
import { reportParams, salesReport } from '../reports/sales';
import { tariffHistory, tariffHistoryPdf, tariffHistoryXlsx } from '../reports/tariffHistory';
import { officeDay } from '../../shared/officeTime';
import { officeFile } from './officeFile';

/** The services these handlers reach (their area's). */
type Area =
  'audit' | 'db' | 'operators' | 'reportExports' | 'reportReader' | 'settings' | 'tariffs';

export const reportHandlers: HandlerGroup<
  | 'reports.sales'
  | 'reports.lines'
  | 'reports.salesFile'
  | 'reports.exportStart'
  | 'reports.exportStatus'
  | 'reports.exportPiece'
  | 'reports.exportCancel'
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
    return officeFile(`tariff-history-${stamp}.${format}`, file);
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
    const officeName = services.settings.read().officeName;
    if (format === 'xlsx') {
      const file = await services.reportExports.file({
        range: { from, to },
        filter,
        officeName,
        words,
      });
      return officeFile(file.fileName, file.bytes);
    }
    const report = await salesReport(services.reportReader, { from, to }, filter, officeName, {
      linesUpTo: PDF_LINE_LIMIT,
    });
    const file = await salesReportPdf(report, now.toISOString(), services.audit.head(), words);
    return officeFile(`${reportFileStem(report)}.pdf`, file);
  },

  'reports.exportStart': ({ from, to, ...filter }, ctx) =>
    ctx.services.reportExports.start(signedIn(ctx).id, {
      range: { from, to },
      filter,
      officeName: ctx.services.settings.read().officeName,
      words: paperWords(operatorLanguage(ctx)),
    }),

  'reports.exportStatus': ({ exportId }, ctx) =>
    ctx.services.reportExports.status(signedIn(ctx).id, exportId),

  'reports.exportPiece': ({ exportId, offset }, ctx) =>
    ctx.services.reportExports.piece(signedIn(ctx).id, exportId, offset),

  'reports.exportCancel': ({ exportId }, ctx) => {
    ctx.services.reportExports.cancel(signedIn(ctx).id, exportId);
    return null;
  },

  'reports.lowBalance': (input, { services }) => lowBalance(services.db, input.thresholdFen),
};
