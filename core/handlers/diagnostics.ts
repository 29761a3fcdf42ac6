// diagnostics.export: the support package as a downloadable zip.
import type { HandlerGroup } from '../api/context';
import { buildDiagnostics } from '../diagnostics';

export const diagnosticsHandlers: HandlerGroup<'diagnostics.export'> = {
  'diagnostics.export': (_input, { services, now }) => {
    const { fileName, zip } = buildDiagnostics(services, now);
    return { fileName, base64: Buffer.from(zip).toString('base64') };
  },
};
