// The page every printed report shares: A4, the office's name over the report's title and a line
// about what it covers, page numbers in the footer (in the report's language), the CJK font.
import type { Content, TableCell, TDocumentDefinitions } from 'pdfmake/interfaces';
import { MM, time } from '../receipts/pdf';
import type { PaperWords } from '../../shared/paper/words';

export interface ReportPage {
  officeName: string;
  title: string;
  /** What the report covers, when it was printed. */
  subtitle: string;
  landscape?: boolean;
  content: Content[];
}

export function reportPage(page: ReportPage, w: PaperWords): TDocumentDefinitions {
  const margin = (page.landscape ? 12 : 14) * MM;
  return {
    pageSize: 'A4',
    ...(page.landscape && { pageOrientation: 'landscape' as const }),
    pageMargins: [margin, margin, margin, 14 * MM],
    defaultStyle: { font: 'WenQuanYi', fontSize: 9, lineHeight: 1.2 },
    footer: (current, pages) => ({
      text: w.page(current, pages),
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

/** A report that is one table of records (or a line saying there are none), under the shared page. */
export interface TableReport {
  officeName: string;
  title: string;
  /** What the records are (未处理 / 全部, a range …). */
  scope: string;
  printedAt: string;
  headers: string[];
  widths: (number | '*')[];
  rows: TableCell[][];
  /** What the page says when there are no records. */
  none: string;
  /** What follows the table (a line to sign). */
  after?: Content[];
}

export function tableReport(r: TableReport, w: PaperWords): TDocumentDefinitions {
  return reportPage(
    {
      officeName: r.officeName,
      title: r.title,
      subtitle: w.tableScope(r.scope, r.rows.length, time(r.printedAt)),
      landscape: true,
      content: [
        r.rows.length === 0
          ? { text: r.none, alignment: 'center', margin: [0, 20, 0, 0] }
          : {
              layout: 'lightHorizontalLines',
              table: {
                headerRows: 1,
                dontBreakRows: true,
                widths: r.widths,
                body: [r.headers.map((text) => ({ text, bold: true })), ...r.rows],
              },
            },
        ...(r.after ?? []),
      ],
    },
    w,
  );
}
