// PDF output for receipts and reports: pdfmake with the CJK font shipped in resources/fonts, and
// no access to any other file or to the network.
import path from 'node:path';
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { AuditAnchor } from '../../shared/api/types';
import type { PaperWords } from '../../shared/paper/words';
import { officeDateTime } from '../../shared/officeTime';
import { loadPdfMake } from '../heavyLibraries';
import { appRoot } from '../paths';

export const MM = 72 / 25.4;

let fontsReady = false;
function ensureFonts(pdfmake: Awaited<ReturnType<typeof loadPdfMake>>) {
  if (fontsReady) return;
  const fontDir = path.join(appRoot(), 'resources', 'fonts');
  const font = [path.join(fontDir, 'wqy-microhei.ttc'), 'WenQuanYiMicroHei'] as unknown as string;
  pdfmake.setFonts({ WenQuanYi: { normal: font, bold: font, italics: font, bolditalics: font } });
  // Document text comes from users; it must never make the printer read another local file,
  pdfmake.setLocalAccessPolicy((file: string) => path.resolve(file).startsWith(fontDir + path.sep));
  // nor fetch anything from a network.
  pdfmake.setUrlAccessPolicy(() => false);
  fontsReady = true;
}

export async function renderPdf(definition: TDocumentDefinitions, title: string): Promise<Buffer> {
  const pdfmake = await loadPdfMake();
  ensureFonts(pdfmake);
  definition.info = { title, creator: 'PowerTill', producer: 'PowerTill' };
  return pdfmake.createPdf(definition).getBuffer();
}

/** A moment as the office reads it on paper: 2026/11/24 14:30:00. */
export function time(iso: string): string {
  return officeDateTime(iso).replaceAll('-', '/');
}

/**
 * The printed line a supervisor later checks the audit chain against (审计 → 校验, typing the
 * number and the 8 hex digits): a chain cut short or rebuilt after this paper no longer reaches it.
 */
export function auditAnchorLine(anchor: AuditAnchor, printedAt: string, w: PaperWords): Content {
  return {
    text: w.auditAnchor(anchor.seq, anchor.hash, time(printedAt)),
    fontSize: 8,
    color: '#555555',
    margin: [0, 12, 0, 0],
  };
}
