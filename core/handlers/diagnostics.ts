// diagnostics.export: the support package as a downloadable zip.
import type { HandlerGroup } from '../api/context';
import { buildDiagnostics, type DiagnosticsArea } from '../diagnostics';
import { officeFile } from './officeFile';

/** The services these handlers reach (their area's). */
type Area = DiagnosticsArea;

export const diagnosticsHandlers: HandlerGroup<'diagnostics.export', Area> = {
  'diagnostics.export': (_input, { services, now }) => {
    const { fileName, zip } = buildDiagnostics(services, now);
    return officeFile(fileName, zip);
  },
};
