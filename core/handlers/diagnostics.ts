// diagnostics.export: the support package as a downloadable zip.
import type { HandlerGroup } from '../api/context';
import { buildDiagnostics, type DiagnosticsArea } from '../diagnostics';

/** The services these handlers reach (their area's). */
type Area = DiagnosticsArea;

export const diagnosticsHandlers: HandlerGroup<'diagnostics.export', Area> = {
  'diagnostics.export': (_input, { services, now }) => {
    const { fileName, zip } = buildDiagnostics(services, now);
    return { fileName, base64: Buffer.from(zip).toString('base64') };
  },
};
