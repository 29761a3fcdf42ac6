// A document handed back to the till to save or print (a report's PDF, a sheet template).
import type { OfficeFile } from '../../shared/api/ledgerTypes';

export const officeFile = (fileName: string, bytes: Uint8Array | ArrayBuffer): OfficeFile => ({
  fileName,
  base64: Buffer.from(bytes instanceof ArrayBuffer ? new Uint8Array(bytes) : bytes).toString(
    'base64',
  ),
});
