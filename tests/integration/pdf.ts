// Reading a PDF back as a person would: its text, its page size, and where each word sits.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { tempDir } from '../../core/testing';

export interface PdfWord {
  text: string;
  /** Top-left corner in points from the page's top-left, as poppler measures it. */
  xMin: number;
  yMin: number;
}

export interface PdfReadout {
  text: string;
  info: string;
  /** Page width and height in points. */
  pageSize: [number, number];
  words: PdfWord[];
}

export function readPdf(pdf: string | Buffer): PdfReadout {
  const dir = tempDir('powertill-pdf-');
  const file = path.join(dir, 'document.pdf');
  fs.writeFileSync(file, typeof pdf === 'string' ? Buffer.from(pdf, 'base64') : pdf);
  try {
    const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
    const size = /Page size:\s+([\d.]+) x ([\d.]+) pts/.exec(info);
    const bbox = execFileSync('pdftotext', ['-bbox', file, '-'], { encoding: 'utf8' });
    const words = [
      ...bbox.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>([^<]*)<\/word>/g),
    ].map(([, x, y, text]) => ({ text: text ?? '', xMin: Number(x), yMin: Number(y) }));
    return {
      text: execFileSync('pdftotext', ['-layout', file, '-'], { encoding: 'utf8' }),
      info,
      pageSize: [Number(size?.[1]), Number(size?.[2])],
      words,
    };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** The first word that is or starts with `text`; fails the test when there is none. */
export function wordAt(readout: PdfReadout, text: string): PdfWord {
  const word = readout.words.find((w) => w.text === text || w.text.startsWith(text));
  if (!word)
    throw new Error(`"${text}" is not in the PDF: ${readout.words.map((w) => w.text).join(' ')}`);
  return word;
}
