// inspection.*: what the rules found in meters' reports, for the supervisor to look into.
import type { ParsedInput } from '../../shared/api/contract';
import { AppError } from '../../shared/errors';
import { officeDay } from '../../shared/officeTime';
import { operatorLanguage, signedIn, type HandlerGroup } from '../api/context';
import { paperWords } from '../../shared/paper/words';
import type { FindingFilter } from '../inspection/inspectionStore';
import { inspectionReportPdf } from '../reports/inspectionReport';
import { officeFile } from './officeFile';

/** The services these handlers reach (their area's). */
type Area = 'inspection' | 'settings';

/** The screen and the report both stop here; a supervisor narrows by date or meter beyond it. */
const LIMIT = 500;

const filterOf = (input: ParsedInput<'inspection.list'>): FindingFilter => ({
  open: input.open,
  ...(input.from && { from: new Date(input.from).toISOString() }),
  ...(input.to && { to: new Date(input.to).toISOString() }),
  ...(input.meterNo && { meterNo: input.meterNo }),
  limit: LIMIT,
});

export const inspectionHandlers: HandlerGroup<
  'inspection.list' | 'inspection.acknowledge' | 'inspection.reportFile',
  Area
> = {
  'inspection.list': (input, { services }) => services.inspection.list(filterOf(input)),

  'inspection.acknowledge': (input, ctx) => {
    const operator = signedIn(ctx);
    const { inspection } = ctx.services;
    const finding = inspection.byId(input.id);
    if (!finding) throw new AppError('FINDING_NOT_FOUND');
    if (finding.acknowledgedAt) throw new AppError('FINDING_ALREADY_ACKNOWLEDGED');
    ctx.write(
      () => inspection.acknowledge(input.id, operator.id, input.note, ctx.now.toISOString()),
      () => ({ findingId: input.id, rule: finding.rule, meterNo: finding.meterNo }),
    );
    return inspection.byId(input.id)!;
  },

  'inspection.reportFile': async (input, ctx) => {
    const { services, now } = ctx;
    const findings = services.inspection.list(filterOf(input));
    const file = await inspectionReportPdf(
      findings,
      {
        officeName: services.settings.read().officeName,
        printedAt: now.toISOString(),
        open: input.open,
        ...(input.from && { from: input.from }),
        ...(input.to && { to: input.to }),
        ...(input.meterNo && { meterNo: input.meterNo }),
      },
      paperWords(operatorLanguage(ctx)),
    );
    return officeFile(`inspection-${officeDay(now.toISOString())}.pdf`, file);
  },
};
