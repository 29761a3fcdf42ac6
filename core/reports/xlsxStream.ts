// An Excel workbook (Office Open XML, ECMA-376 / ISO 29500 SpreadsheetML) written as a stream:
// rows become XML as they come and are deflated (zlib) into the zip (fflate) and onto the file,
// so a year of report lines never sits in memory. exceljs's streaming writer, which did this job
// first, builds a row and cell model per line and took 130 µs a line: 45 s for a year's 334,000
// (decision 0032). What is written here is the small part of the format the office's files use:
// inline strings, numbers, formulas with their cached result, bold and title rows, one money
// format, column widths. Read back by exceljs (an independent reader) in the tests.
import { once } from 'node:events';
import type { Writable } from 'node:stream';
import zlib from 'node:zlib';
import { Zip, ZipPassThrough } from 'fflate';
import { nextTurn } from '../nextTurn';

export type XlsxCell = string | number | { formula: string; result: number } | null;
export type XlsxRowStyle = 'plain' | 'bold' | 'title';

export interface XlsxSheetLayout {
  /** Width in characters, by column number (1 = A). */
  widths?: Record<number, number>;
  /** Columns whose numbers are money: #,##0.00. */
  moneyColumns?: number[];
}

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';
const PKG_REL = 'http://schemas.openxmlformats.org/package/2006/relationships';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const CONTENT_TYPES = 'http://schemas.openxmlformats.org/package/2006/content-types';
const CORE = 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties';
const TYPE = {
  relationships: 'application/vnd.openxmlformats-package.relationships+xml',
  workbook: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  coreProperties: 'application/vnd.openxmlformats-package.core-properties+xml',
};
const override = (part: string, type: string) =>
  `<Override PartName="${part}" ContentType="${type}"/>`;
const relationship = (id: string, type: string, target: string) =>
  `<Relationship Id="${id}" Type="${type}" Target="${target}"/>`;
/** XML text of a sheet gathered before it is deflated: about 64 kB. */
const CHUNK_CHARS = 64 * 1024;

// cellXfs of styles.xml, in this order: plain, bold, money, bold money, title.
const STYLE = { plain: 0, bold: 1, money: 2, boldMoney: 3, title: 4 } as const;
const STYLES_XML = `<styleSheet xmlns="${MAIN}">
<numFmts count="1"><numFmt numFmtId="164" formatCode="#,##0.00"/></numFmts>
<fonts count="3"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="13"/><name val="Calibri"/><family val="2"/></font></fonts>
<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>
<cellXfs count="5"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1" applyNumberFormat="1"/><xf numFmtId="0" fontId="2" fillId="0" borderId="0" xfId="0" applyFont="1"/></cellXfs>
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>
</styleSheet>`;

/** A, B, … Z, AA, …: the column's letters. */
export function columnName(column: number): string {
  let name = '';
  for (let n = column; n > 0; n = Math.floor((n - 1) / 26))
    name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
  return name;
}

// Characters XML 1.0 cannot hold at all (the ledger refuses them on entry; a file must still open).
// eslint-disable-next-line no-control-regex
const NOT_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
export const xmlText = (text: string) =>
  text.replace(NOT_XML, '').replace(/[&<>"]/g, (c) => ESCAPES[c]!);

/**
 * A zip entry deflated by Node's zlib (C) rather than fflate's JavaScript, which spent half of a
 * year's export compressing: each chunk is deflated with a sync flush (to a byte boundary, the
 * stream not ended) and the last one finishes it, so the chunks join into one deflate stream
 * (RFC 1951). fflate's zip takes the entry's CRC and size from the chunks as they pass.
 */
class NativeZipDeflate extends ZipPassThrough {
  constructor(
    filename: string,
    private readonly level: number,
  ) {
    super(filename);
    this.compression = 8;
  }

  protected override process(chunk: Uint8Array<ArrayBuffer>, final: boolean): void {
    const deflated = zlib.deflateRawSync(chunk, {
      level: this.level,
      finishFlush: final ? zlib.constants.Z_FINISH : zlib.constants.Z_SYNC_FLUSH,
    });
    this.ondata(null, deflated, final);
  }
}

export class XlsxStream {
  private readonly zip: Zip;
  private readonly sheets: string[] = [];
  private failure: Error | null = null;
  private done: Promise<void>;
  private open: XlsxSheet | null = null;

  constructor(
    private readonly out: Writable,
    private readonly options: { creator: string; created: Date; level?: 0 | 1 | 6 | 9 },
  ) {
    out.on('error', (error: Error) => (this.failure ??= error));
    this.done = new Promise((resolve, reject) => {
      out.once('finish', resolve);
      out.once('error', reject);
    });
    // Awaited by close(); a failure before then is thrown by step() instead, never left unheard.
    this.done.catch(() => undefined);
    this.zip = new Zip((error, chunk, final) => {
      if (error) this.failure ??= error;
      else out.write(chunk);
      if (final) out.end();
    });
  }

  /** A new sheet; the one before it must have ended. */
  sheet(name: string, layout: XlsxSheetLayout = {}): XlsxSheet {
    if (this.open) throw new Error(`sheet ${this.open.name} is still being written`);
    this.sheets.push(name);
    const entry = new NativeZipDeflate(
      `xl/worksheets/sheet${this.sheets.length}.xml`,
      this.options.level ?? 6,
    );
    this.zip.add(entry);
    this.open = new XlsxSheet(name, entry, layout, () => (this.open = null));
    return this.open;
  }

  /**
   * Between steps: waits while the file is behind (so memory stays one step's worth), else
   * gives the event loop a turn. Throws what the file met (a full disk).
   */
  async step(): Promise<void> {
    if (this.failure) throw this.failure;
    if (this.out.writableNeedDrain) await Promise.race([once(this.out, 'drain'), this.done]);
    else await nextTurn();
    if (this.failure) throw this.failure;
  }

  /** The workbook's other parts, then the zip's end; resolves once the file is on disk. */
  async close(): Promise<void> {
    if (this.open) throw new Error(`sheet ${this.open.name} was not ended`);
    const sheets = this.sheets.map((name, i) => ({ name, n: i + 1 }));
    const sheetPart = (n: number) => `worksheets/sheet${n}.xml`;
    this.part(
      '[Content_Types].xml',
      `<Types xmlns="${CONTENT_TYPES}">` +
        `<Default Extension="rels" ContentType="${TYPE.relationships}"/>` +
        `<Default Extension="xml" ContentType="application/xml"/>` +
        override('/xl/workbook.xml', TYPE.workbook) +
        override('/xl/styles.xml', TYPE.styles) +
        sheets.map(({ n }) => override(`/xl/${sheetPart(n)}`, TYPE.worksheet)).join('') +
        override('/docProps/core.xml', TYPE.coreProperties) +
        '</Types>',
    );
    this.part(
      '_rels/.rels',
      `<Relationships xmlns="${PKG_REL}">` +
        relationship('rId1', `${REL}/officeDocument`, 'xl/workbook.xml') +
        relationship('rId2', `${PKG_REL}/metadata/core-properties`, 'docProps/core.xml') +
        '</Relationships>',
    );
    const created = this.options.created.toISOString().replace(/\.\d{3}Z$/, 'Z');
    this.part(
      'docProps/core.xml',
      `<cp:coreProperties xmlns:cp="${CORE}" xmlns:dc="http://purl.org/dc/elements/1.1/" ` +
        'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
        `<dc:creator>${xmlText(this.options.creator)}</dc:creator>` +
        `<dcterms:created xsi:type="dcterms:W3CDTF">${created}</dcterms:created>` +
        '</cp:coreProperties>',
    );
    this.part(
      'xl/workbook.xml',
      `<workbook xmlns="${MAIN}" xmlns:r="${REL}"><sheets>` +
        sheets
          .map(({ name, n }) => `<sheet name="${xmlText(name)}" sheetId="${n}" r:id="rId${n}"/>`)
          .join('') +
        '</sheets></workbook>',
    );
    this.part(
      'xl/_rels/workbook.xml.rels',
      `<Relationships xmlns="${PKG_REL}">` +
        sheets.map(({ n }) => relationship(`rId${n}`, `${REL}/worksheet`, sheetPart(n))).join('') +
        relationship(`rId${sheets.length + 1}`, `${REL}/styles`, 'styles.xml') +
        '</Relationships>',
    );
    this.part('xl/styles.xml', STYLES_XML);
    this.zip.end();
    await this.done;
    if (this.failure) throw this.failure;
  }

  /** A small part, whole: the XML declaration, then `xml`. */
  private part(name: string, xml: string): void {
    const entry = new NativeZipDeflate(name, this.options.level ?? 6);
    this.zip.add(entry);
    entry.push(Buffer.from(`${XML_HEAD}${xml}`), true);
  }
}

export class XlsxSheet {
  private xml: string;
  private rows = 0;
  private readonly money: Set<number>;

  constructor(
    readonly name: string,
    private readonly entry: ZipPassThrough,
    layout: XlsxSheetLayout,
    private readonly onEnd: () => void,
  ) {
    this.money = new Set(layout.moneyColumns ?? []);
    const widths = Object.entries(layout.widths ?? {});
    const cols =
      widths.length === 0
        ? ''
        : `<cols>${widths
            .map(([c, w]) => `<col min="${c}" max="${c}" width="${w}" customWidth="1"/>`)
            .join('')}</cols>`;
    this.xml = `${XML_HEAD}<worksheet xmlns="${MAIN}">${cols}<sheetData>`;
  }

  /** Appends a row; its number (1-based). Empty cells (null) are left out. */
  row(cells: readonly XlsxCell[], style: XlsxRowStyle = 'plain'): number {
    const r = (this.rows += 1);
    let xml = `<row r="${r}">`;
    cells.forEach((cell, i) => {
      if (cell === null || cell === '') return;
      const column = i + 1;
      const ref = `${columnName(column)}${r}`;
      const s = this.styleOf(column, typeof cell !== 'string', style);
      const sAttr = s === 0 ? '' : ` s="${s}"`;
      if (typeof cell === 'string')
        xml += `<c r="${ref}"${sAttr} t="inlineStr"><is>${textElement(cell)}</is></c>`;
      else if (typeof cell === 'number') xml += `<c r="${ref}"${sAttr}><v>${number(cell)}</v></c>`;
      else
        xml += `<c r="${ref}"${sAttr}><f>${xmlText(cell.formula)}</f><v>${number(cell.result)}</v></c>`;
    });
    this.xml += `${xml}</row>`;
    if (this.xml.length >= CHUNK_CHARS) this.flush(false);
    return r;
  }

  get rowCount(): number {
    return this.rows;
  }

  end(): void {
    this.xml += '</sheetData></worksheet>';
    this.flush(true);
    this.onEnd();
  }

  private styleOf(column: number, numeric: boolean, style: XlsxRowStyle): number {
    if (style === 'title') return STYLE.title;
    const bold = style === 'bold';
    if (numeric && this.money.has(column)) return bold ? STYLE.boldMoney : STYLE.money;
    return bold ? STYLE.bold : STYLE.plain;
  }

  private flush(final: boolean): void {
    this.entry.push(Buffer.from(this.xml), final);
    this.xml = '';
  }
}

/** A <t> element; told to keep its spaces only where a reader would otherwise drop some. */
const textElement = (text: string) =>
  /^\s|\s$|\s\s|[\t\n\r]/.test(text)
    ? `<t xml:space="preserve">${xmlText(text)}</t>`
    : `<t>${xmlText(text)}</t>`;

function number(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`a cell cannot hold ${value}`);
  return String(value);
}
