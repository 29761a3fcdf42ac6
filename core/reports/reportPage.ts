// The page every printed report shares: A4, the office's name over the report's title and a line
// about what it covers, page numbers in the footer, the CJK font.
import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import { MM } from '../receipts/pdf';

export interface ReportPage {
  officeName: string;
  title: string;
  /** What the report covers, when it was printed. */
  subtitle: string;
  landscape?: boolean;
  content: Content[];
}

export function reportPage(page: ReportPage): TDocumentDefinitions {
  const margin = (page.landscape ? 12 : 14) * MM;
  return {
    pageSize: 'A4',
    ...(page.landscape && { pageOrientation: 'landscape' as const }),
    pageMargins: [margin, margin, margin, 14 * MM],
    defaultStyle: { font: 'WenQuanYi', fontSize: 9, lineHeight: 1.2 },
    footer: (current, pages) => ({
      text: `第 ${current} / ${pages} 页`,
      alignment: 'center',
      fontSize: 8,
      margin: [0, 4, 0, 0],
    }),
    content: [
      { text: page.officeName, fontSize: 15, bold: true, alignment: 'center' },
      { text: page.title, fontSize: 12, alignment: 'center', margin: [0, 4, 0, 2] },
      { text: page.subtitle, alignment: 'center', margin: [0, 0, 0, 8] },
      ...page.content,
    ],
  };
}
