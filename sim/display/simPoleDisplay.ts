// A simulated customer display (客显) for tests and training: it reads the byte stream a real one
// would get — the CD5220 VFD's, the ESC/POS (Epson) VFD's or the 8-digit LED's command set
// (tenant-link/display/commandSets.ts has the sources) — and keeps what a tenant would see. On a
// pty it is a serial pole display; as a `HidDevice` it takes node-hid's output reports (report
// ID 0, a count byte, the bytes).
import iconv from 'iconv-lite';
import type { SerialPort } from 'serialport';
import type { DisplayCharset, DisplayProtocol } from '../../shared/api/display';
import { LED_LAMPS, type LedLamp } from '../../shared/displayText';
import { HID_REPORT_SIZE, type HidDevice } from '../../tenant-link/display/links';
import { closeSerialEnd, openSerialEnd } from '../serialEnd';

const ESC = 0x1b;
const CLR = 0x0c;
const CR = 0x0d;
const US = 0x1f;
const COLUMNS = 20;

export interface DisplayShows {
  /** A VFD's two lines (trailing spaces cut); an LED's number is the upper line. */
  upper: string;
  lower: string;
  /** The LED lamp lit; null on a VFD or with none lit. */
  lamp: LedLamp | null;
}

export class SimPoleDisplay {
  shows: DisplayShows = { upper: '', lower: '', lamp: null };
  /** Every screen completed (a line ended by CR, or cleared), in order, for tests to read. */
  readonly history: DisplayShows[] = [];
  /** Times the display was initialised (ESC @) — once per opening of the port. */
  initialised = 0;
  /** Bytes it did not understand: the office sent something a real display would show as junk. */
  junk = 0;
  private state: 'idle' | 'esc' | 'lamp' | 'q' | 'text' | 'us' | 'column' | 'row' = 'idle';
  private target: 'upper' | 'lower' = 'upper';
  private text: number[] = [];
  private port: SerialPort | null = null;
  /** An ESC/POS display's two rows of cells (bytes), its cursor, and whether it overwrites. */
  private cells = [blankRow(), blankRow()];
  private cursor = { row: 0, column: 0 };
  private overwrite = false;
  /** US $ x y's x, until its y comes. */
  private column = 0;

  constructor(
    readonly protocol: DisplayProtocol,
    private readonly charset: DisplayCharset = 'gb2312',
  ) {}

  /** The display on a serial port (a pty's far end). */
  async open(path: string, baudRate = 2400): Promise<void> {
    this.port = await openSerialEnd({ path, baudRate }, (bytes) => this.feed(bytes));
  }

  async close(): Promise<void> {
    await closeSerialEnd(this.port);
    this.port = null;
  }

  feed(bytes: Uint8Array): void {
    for (const byte of bytes) this.take(byte);
  }

  private take(byte: number): void {
    switch (this.state) {
      case 'idle':
        if (byte === ESC) this.state = 'esc';
        else if (byte === CLR) this.clear();
        else if (this.protocol === 'epson' && byte === US) this.state = 'us';
        else if (this.protocol === 'epson' && byte >= 0x20) this.put(byte);
        else this.junk += 1;
        return;
      case 'us':
        // US MD1: overwrite mode; US $ x y: the cursor to column x, row y.
        this.state = 'idle';
        if (byte === 0x01) this.overwrite = true;
        else if (byte === 0x24) this.state = 'column';
        else this.junk += 1;
        return;
      case 'column':
        this.column = byte;
        this.state = 'row';
        return;
      case 'row': {
        this.state = 'idle';
        const column = this.column;
        if (column < 1 || column > COLUMNS || byte < 1 || byte > 2) this.junk += 1;
        else this.cursor = { row: byte - 1, column: column - 1 };
        return;
      }
      case 'esc':
        this.state = 'idle';
        if (byte === 0x40 && this.protocol !== 'led8') {
          this.initialised += 1;
          this.clear();
          this.overwrite = false;
        } else if (byte === 0x73 && this.protocol === 'led8') this.state = 'lamp';
        else if (byte === 0x51 && this.protocol !== 'epson') this.state = 'q';
        else this.junk += 1;
        return;
      case 'lamp': {
        this.state = 'idle';
        const index = byte - 0x30;
        if (index < 0 || index > LED_LAMPS.length) this.junk += 1;
        else this.shows = { ...this.shows, lamp: index === 0 ? null : LED_LAMPS[index - 1]! };
        return;
      }
      case 'q':
        // ESC Q A: the upper line (the LED's number); ESC Q B: the lower line (VFD only).
        if (byte === 0x41 || (byte === 0x42 && this.protocol === 'cd5220')) {
          this.target = byte === 0x41 ? 'upper' : 'lower';
          this.text = [];
          this.state = 'text';
        } else {
          this.state = 'idle';
          this.junk += 1;
        }
        return;
      case 'text':
        if (byte !== CR) {
          this.text.push(byte);
          return;
        }
        this.state = 'idle';
        this.shows = { ...this.shows, [this.target]: this.decode(Buffer.from(this.text)) };
        this.history.push(this.shows);
        return;
    }
  }

  private decode(bytes: Buffer): string {
    if (this.protocol === 'led8') return bytes.toString('latin1');
    const text =
      this.charset === 'gb2312' ? iconv.decode(bytes, 'gb2312') : bytes.toString('latin1');
    return text.trimEnd();
  }

  private clear(): void {
    this.shows = { upper: '', lower: '', lamp: this.protocol === 'led8' ? null : this.shows.lamp };
    // An ESC/POS display's CLR also takes the cursor home.
    this.cells = [blankRow(), blankRow()];
    this.cursor = { row: 0, column: 0 };
  }

  /**
   * A byte into the ESC/POS display's cell at the cursor. A row filled to its last cell is a line
   * shown; the cursor then goes to the next row's start (overwrite mode), or, on the lower row in
   * vertical scroll mode, the rows move up. Until US MD1 the display is taken to scroll (some
   * start so, by their DIP switches): a screen written without it would show moved here.
   */
  private put(byte: number): void {
    const { row, column } = this.cursor;
    this.cells[row]![column] = byte;
    this.showCells();
    if (column + 1 < COLUMNS) {
      this.cursor = { row, column: column + 1 };
      return;
    }
    this.history.push(this.shows);
    if (this.overwrite || row === 0) this.cursor = { row: (row + 1) % 2, column: 0 };
    else {
      this.cells = [this.cells[1]!, blankRow()];
      this.cursor = { row: 1, column: 0 };
      this.showCells();
    }
  }

  private showCells(): void {
    const [upper, lower] = this.cells.map((cells) => this.decode(Buffer.from(cells)));
    this.shows = { ...this.shows, upper: upper!, lower: lower! };
  }
}

const blankRow = () => Array.from({ length: COLUMNS }, () => 0x20);

/**
 * The same display on USB-HID, as node-hid's `HIDAsync` is to the office: output reports written,
 * checked as a device would (report ID 0, the count within the report), their bytes shown.
 * `unplug()` makes every write fail, as a device pulled from its socket does.
 */
export class SimHidDisplay implements HidDevice {
  readonly screen: SimPoleDisplay;
  reports = 0;
  /** Reports a real device would refuse (wrong ID, length or count). */
  refused = 0;
  closed = false;
  private pulled = false;

  constructor(protocol: DisplayProtocol, charset: DisplayCharset = 'gb2312') {
    this.screen = new SimPoleDisplay(protocol, charset);
  }

  unplug(): void {
    this.pulled = true;
  }

  write(report: number[] | Buffer): Promise<number> {
    if (this.pulled || this.closed)
      return Promise.reject(new Error('could not write to HID device'));
    const bytes = Buffer.from(report);
    const count = bytes[1] ?? 0;
    if (bytes.length !== HID_REPORT_SIZE + 1 || bytes[0] !== 0 || count > HID_REPORT_SIZE - 1) {
      this.refused += 1;
      return Promise.reject(new Error('report refused'));
    }
    this.reports += 1;
    this.screen.feed(bytes.subarray(2, 2 + count));
    return Promise.resolve(bytes.length);
  }

  close(): Promise<void> {
    this.closed = true;
    return Promise.resolve();
  }
}
