// Sending a PDF to a printer of this PC. Linux and macOS print through CUPS's own `lp` and
// `lpstat` (run without a shell, with the caller's environment so CUPS_SERVER is honoured);
// Windows through pdf-to-printer's bundled SumatraPDF. See docs/decisions/0008-printing.md.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { PrinterInfo, PrinterList } from '../../shared/api/printing';
import { AppError } from '../../shared/errors';
import type * as PdfToPrinter from 'pdf-to-printer';

const run = promisify(execFile);

export interface PrintSystem {
  list(): Promise<PrinterList>;
  /** Prints the PDF at its own size (no fit-to-page: a pre-printed form must not be scaled). */
  print(pdf: Buffer, printer: string, title: string): Promise<void>;
}

interface ExecFailure {
  code?: string | number;
  stderr?: string;
  killed?: boolean;
}

const TIMEOUT_MS = 20_000;

/** CUPS: the `lp` / `lpstat` commands every Linux print setup has. */
export class CupsPrintSystem implements PrintSystem {
  constructor(private readonly env: NodeJS.ProcessEnv = process.env) {}

  private exec(command: string, args: string[]) {
    // LANG=C: lpstat's messages are parsed, and a Chinese desktop would translate them.
    return run(command, args, {
      env: { ...this.env, LANG: 'C', LC_ALL: 'C' },
      timeout: TIMEOUT_MS,
      encoding: 'utf8',
    });
  }

  async list(): Promise<PrinterList> {
    let names: string;
    try {
      names = (await this.exec('lpstat', ['-e'])).stdout;
    } catch (error) {
      const failure = error as ExecFailure;
      // No lpstat (CUPS not installed) or no scheduler running: no printers to offer.
      if (failure.code === 'ENOENT' || /scheduler is not running/i.test(failure.stderr ?? ''))
        return { available: false, printers: [] };
      // lpstat -e exits non-zero when there are simply no destinations.
      if (/no destinations added/i.test(failure.stderr ?? ''))
        return { available: true, printers: [] };
      throw error;
    }
    const fallback = await this.defaultPrinter();
    const printers: PrinterInfo[] = names
      .split('\n')
      .map((line) => line.trim())
      .filter(Boolean)
      .map((name) => ({ name, isDefault: name === fallback }));
    return { available: true, printers };
  }

  private async defaultPrinter(): Promise<string | null> {
    try {
      const { stdout } = await this.exec('lpstat', ['-d']);
      return /destination:\s*(\S+)/.exec(stdout)?.[1] ?? null;
    } catch {
      return null;
    }
  }

  async print(pdf: Buffer, printer: string, title: string): Promise<void> {
    await withTempFile(pdf, async (file) => {
      try {
        await this.exec('lp', ['-d', printer, '-t', title, '-o', 'print-scaling=none', file]);
      } catch (error) {
        throw printFailure(error as ExecFailure, printer);
      }
    });
  }
}

/** Windows: pdf-to-printer (SumatraPDF) prints silently to a named printer. */
export class WindowsPrintSystem implements PrintSystem {
  private lib() {
    // Loaded only on Windows: the package's functions refuse every other platform.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    return require('pdf-to-printer') as typeof PdfToPrinter;
  }

  async list(): Promise<PrinterList> {
    const lib = this.lib();
    const [printers, fallback] = await Promise.all([lib.getPrinters(), lib.getDefaultPrinter()]);
    return {
      available: true,
      printers: printers.map((p) => ({ name: p.name, isDefault: p.name === fallback?.name })),
    };
  }

  async print(pdf: Buffer, printer: string): Promise<void> {
    await withTempFile(pdf, async (file) => {
      try {
        await this.lib().print(file, { printer, scale: 'noscale', silent: true });
      } catch (error) {
        throw printFailure(error as ExecFailure, printer);
      }
    });
  }
}

export function systemPrintSystem(): PrintSystem {
  return process.platform === 'win32' ? new WindowsPrintSystem() : new CupsPrintSystem();
}

function printFailure(failure: ExecFailure, printer: string): AppError {
  if (failure.code === 'ENOENT') return new AppError('PRINTING_UNAVAILABLE');
  const detail = (failure.stderr ?? '').trim().split('\n')[0] ?? '';
  if (/does not exist|unknown destination|not exist/i.test(detail))
    return new AppError('PRINTER_NOT_FOUND', { printer });
  return new AppError('PRINT_FAILED', {
    printer,
    detail: failure.killed ? 'timeout' : detail || String(failure.code ?? ''),
  });
}

async function withTempFile<T>(pdf: Buffer, use: (file: string) => Promise<T>): Promise<T> {
  const dir = await fs.promises.mkdtemp(path.join(os.tmpdir(), 'powertill-print-'));
  const file = path.join(dir, 'document.pdf');
  try {
    await fs.promises.writeFile(file, pdf);
    return await use(file);
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}
